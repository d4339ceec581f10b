"""Configuration files: discovery, validation (one line naming key and file), CLI precedence."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import paperlint.api
from paperlint.api import CheckOptions
from paperlint.cli import main
from paperlint.config import Config, discover, find_config, load_config, merge
from paperlint.errors import ConfigError
from paperlint.model import DocumentResult, Report

PAPER = "\\documentclass{article}\n\\begin{document}\nHello.\n\\end{document}\n"


def _paper(root: Path) -> Path:
    tex = root / "paper" / "main.tex"
    tex.parent.mkdir(parents=True, exist_ok=True)
    tex.write_text(PAPER)
    return tex


# -- discovery -----------------------------------------------------------------------------------


def test_found_by_walking_up_from_the_paper(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paperlint.toml").write_text('profile = "acl"\n')
    assert find_config(tex) == (tmp_path / "paperlint.toml").resolve()
    assert find_config(tex.parent) == (tmp_path / "paperlint.toml").resolve()


def test_pyproject_without_a_section_does_not_stop_the_search(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paper" / "pyproject.toml").write_text("[tool.ruff]\nline-length = 90\n")
    (tmp_path / "pyproject.toml").write_text('[tool.paperlint]\nselect = ["PL1"]\n')
    assert find_config(tex) == (tmp_path / "pyproject.toml").resolve()
    assert discover([str(tex)]).select == ("PL1",)


def test_paperlint_toml_wins_in_the_same_directory(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paper" / "pyproject.toml").write_text('[tool.paperlint]\nprofile = "acl"\n')
    (tmp_path / "paper" / "paperlint.toml").write_text('profile = "aaai"\n')
    assert discover([str(tex)]).profile == "aaai"


def test_nearest_file_wins(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paperlint.toml").write_text('profile = "acl"\n')
    (tmp_path / "paper" / "paperlint.toml").write_text('profile = "neurips"\n')
    assert discover([str(tex)]).profile == "neurips"


def test_falls_back_to_the_working_directory_then_nothing(tmp_path: Path) -> None:
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    project.mkdir()
    elsewhere.mkdir()
    (project / "paperlint.toml").write_text('fail-level = "error"\n')
    assert discover(["does-not-exist.tex"], cwd=project).fail_level == "error"
    assert discover(["does-not-exist.tex"], cwd=elsewhere).path is None


def test_isolated_and_explicit_file(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paperlint.toml").write_text('profile = "acl"\n')
    other = tmp_path / "other.toml"
    other.write_text('profile = "aaai"\n')
    assert discover([str(tex)], isolated=True) == Config()
    assert discover([str(tex)], config_file=other).profile == "aaai"


# -- every key, read and mapped -------------------------------------------------------------------


def test_every_key_is_read(tmp_path: Path) -> None:
    path = tmp_path / "pyproject.toml"
    path.write_text(
        "[tool.paperlint]\n"
        'select = ["PL1", "PL201"]\n'
        'ignore = ["PL106", "ambiguous-hardware-name"]\n'
        'profile = "neurips"\n'
        'fail-level = "error"\n'
        "utilization = 0.35\n"
        "[tool.paperlint.per-file-ignores]\n"
        '"appendix/*.tex" = ["PL2"]\n'
        "[tool.paperlint.macros]\n"
        "'\\gpu' = 'NVIDIA A100'\n"
        'ngpus = "64"\n'
        "[[tool.paperlint.hardware]]\n"
        'name = "Lab Accelerator X1"\n'
        'aliases = ["X1"]\n'
        "peak_flop_per_s = { bf16 = 4.0e14, fp32 = 5.0e13 }\n"
    )
    config = load_config(path)
    assert config.select == ("PL1", "PL201")
    assert config.ignore == ("PL106", "ambiguous-hardware-name")
    assert (config.profile, config.fail_level, config.utilization) == ("neurips", "error", 0.35)
    assert config.per_file_ignores == {"appendix/*.tex": ("PL2",)}
    assert config.macros == {"gpu": "NVIDIA A100", "ngpus": "64"}
    assert config.hardware[0]["name"] == "Lab Accelerator X1"
    options = merge(config, options=CheckOptions(), explicit=frozenset())
    assert options.profile == "neurips" and options.select == ("PL1", "PL201")
    assert options.per_file_ignores == {"appendix/*.tex": ("PL2",)}
    assert options.hardware == config.hardware and options.utilization == 0.35


def test_flags_override_the_file_key_by_key() -> None:
    config = Config(profile="acl", select=("PL1",), ignore=("PL105",), utilization=0.5)
    given = CheckOptions(profile="aaai", select=("PL2",), utilization=None)
    merged = merge(config, options=given, explicit=frozenset({"profile", "select"}))
    assert merged.profile == "aaai" and merged.select == ("PL2",)
    assert merged.ignore == ("PL105",) and merged.utilization == 0.5


# -- validation: one clear line naming the key and the file ----------------------------------------


@pytest.mark.parametrize(("body", "expected"), [
    ('selct = ["PL1"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ('select = "PL1"\n', "invalid value for select: 'PL1' is not of type 'array'"),
    ('profile = "iclr"\n', "invalid value for profile"),
    ('fail-level = "fatal"\n', "invalid value for fail-level"),
    ("utilization = 2\n", "invalid value for utilization"),
    ('ignore = ["PL999"]\n', "invalid value for ignore: 'PL999' matches no rule"),
    ('[per-file-ignores]\n"a.tex" = ["XX1"]\n', "per-file-ignores.'a.tex': 'XX1' matches no rule"),
    ('[per-file-ignores]\n"a.tex" = "PL1"\n', "invalid value for per-file-ignores.a.tex"),
    ("[macros]\ngpu = 3\n", "invalid value for macros.gpu"),
    ('[[hardware]]\nname = "X"\n',
     "invalid value for hardware[0]: 'peak_flop_per_s' is a required"),
    ('[[hardware]]\nname = "X"\npeak_flop_per_s = { fp32 = 1e13 }\ncolour = "red"\n',
     "invalid value for hardware"),
    ("select = [\n", "invalid TOML"),
])
def test_bad_configuration_names_key_and_file(tmp_path: Path, body: str, expected: str) -> None:
    path = tmp_path / "paperlint.toml"
    path.write_text(body)
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert expected in str(caught.value), str(caught.value)
    assert str(caught.value).startswith(f"{path}: ")
    assert "\n" not in str(caught.value)


def test_missing_config_file_and_pyproject_without_section(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n")
    with pytest.raises(ConfigError, match=r"no \[tool.paperlint\] table"):
        load_config(tmp_path / "pyproject.toml")
    (tmp_path / "pyproject.toml").write_text("[tool]\npaperlint = 3\n")
    with pytest.raises(ConfigError, match="must be a table"):
        load_config(tmp_path / "pyproject.toml")


# -- through the CLI -------------------------------------------------------------------------------


def test_cli_bad_config_is_one_line_and_exit_2(tmp_path: Path) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "paperlint.toml").write_text('selct = ["PL1"]\n')
    result = CliRunner().invoke(main, ["check", str(tex)])
    assert result.exit_code == 2
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("paperlint: error: ") and "paperlint.toml" in line and "selct" in line
    assert "Traceback" not in result.output
    assert CliRunner().invoke(main, ["check", "--isolated", "--help"]).exit_code == 0


def test_cli_reads_the_config_and_flags_win(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tex = _paper(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.paperlint]\nprofile = "acl"\nignore = ["PL106"]\nutilization = 0.5\n'
        '[tool.paperlint.per-file-ignores]\n"x.tex" = ["PL2"]\n'
    )
    seen: list[CheckOptions] = []

    def fake(paths: list[str | Path], options: CheckOptions | None = None,
             **_: object) -> Report:
        assert options is not None
        seen.append(options)
        return Report((DocumentResult(str(paths[0]), "latex", verdict="complete"),), "0.1.0")

    monkeypatch.setattr(paperlint.api, "check_many", fake)
    assert CliRunner().invoke(main, ["check", str(tex)]).exit_code == 0
    assert seen[-1].profile == "acl" and seen[-1].ignore == ("PL106",)
    assert seen[-1].utilization == 0.5 and seen[-1].per_file_ignores == {"x.tex": ("PL2",)}
    CliRunner().invoke(main, ["check", "--profile", "aaai", "--utilization", "0.2", str(tex)])
    assert seen[-1].profile == "aaai" and seen[-1].utilization == 0.2
    assert seen[-1].ignore == ("PL106",)
    other = tmp_path / "other.toml"
    other.write_text('profile = "neurips"\n')
    CliRunner().invoke(main, ["check", "--config", str(other), str(tex)])
    assert seen[-1].profile == "neurips" and not seen[-1].ignore
    CliRunner().invoke(main, ["check", "--isolated", str(tex)])
    assert seen[-1].profile == "flop" and seen[-1].per_file_ignores == {}


# -- names the file system refuses (issue 19) -----------------------------------------------------

LONG = "a" * 300 + ".tex"  # longer than NAME_MAX (255 bytes)


def test_a_name_too_long_for_the_file_system_is_skipped_by_discovery(tmp_path: Path) -> None:
    (tmp_path / "paperlint.toml").write_text('profile = "acl"\n')
    assert discover([str(tmp_path / LONG)], cwd=tmp_path).profile == "acl"
    assert find_config(tmp_path / LONG) == tmp_path / "paperlint.toml"
    result = CliRunner().invoke(main, ["check", str(tmp_path / LONG)])
    assert result.exit_code == 2 and isinstance(result.exception, SystemExit)
    assert result.stderr.count("\n") == 1 and "file name too long" in result.stderr


def test_a_directory_that_cannot_be_searched_does_not_stop_discovery(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``Path.is_file`` raises PermissionError in a directory without search permission (it
    ignores only 'no such file'). Simulated, so that the test also holds when run as root."""
    tex = _paper(tmp_path)
    (tmp_path / "paperlint.toml").write_text('profile = "acl"\n')
    real_stat = Path.stat
    locked = tex.parent

    def stat(self: Path, *, follow_symlinks: bool = True) -> object:
        if self.parent == locked and self.name in ("paperlint.toml", "pyproject.toml"):
            raise PermissionError(13, "Permission denied", str(self))
        return real_stat(self, follow_symlinks=follow_symlinks)

    monkeypatch.setattr(Path, "stat", stat)
    # The locked directory is passed over; the search goes on above it.
    assert discover([str(tex)]).profile == "acl"
