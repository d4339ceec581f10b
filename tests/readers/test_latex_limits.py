"""The LaTeX reader's bounds on time and memory (docs/limits.md): each refusal is one line
naming the file, exit code 2, and comes before the work it bounds, not after."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from paperlint.cli import main
from paperlint.errors import InputError
from paperlint.readers import latex_commands, latex_files, latex_macros
from tests.readers.conftest import read, write

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def _bomb(root: Path, words: int = 2000, fan: int = 50) -> Path:
    """Each macro repeats the one before it ``fan`` times: 100 KB of source in the issue, 70 s
    and 4.1 GB before (a MemoryError, reported as an internal error, one level deeper)."""
    body = " ".join(["lorem", "ipsum", "dolor", "sit", "amet"] * (words // 5))
    definitions = ["\\def\\la{" + body + "}"]
    for name, previous in (("lb", "la"), ("lc", "lb"), ("ld", "lc")):
        definitions.append(f"\\def\\{name}{{" + " ".join([f"\\{previous}"] * fan) + "}")
    write(root, {"main.tex": "\\documentclass{article}\n" + "\n".join(definitions)
                 + "\n\\begin{document}\nIntro.\n\\ld\n\\end{document}\n"})
    return root / "main.tex"


def _fan_out(root: Path, files: int = 8, fan: int = 10) -> Path:
    """Eight tiny files, each \\input-ing the next ten times: 10^8 reads (533 s before)."""
    for index in range(files):
        calls = "".join(f"\\input{{f{index + 1}}}\n" for _ in range(fan)) if index < files - 1 \
            else ""
        write(root, {f"f{index}.tex": f"Words of file {index}.\n" + calls})
    write(root, {"main.tex": "\\documentclass{article}\n\\begin{document}\n\\input{f0}\n"
                 "\\end{document}\n"})
    return root / "main.tex"


def _one_error_line(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "internal error" not in result.output
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(errors) == 1, errors
    return errors[0]


def test_a_macro_bomb_is_refused_by_the_text_it_produces(tmp_path: Path) -> None:
    path = _bomb(tmp_path)
    with pytest.raises(InputError, match=r"main\.tex:8: \\ld expands to more than 2,000,000 "
                       r"characters .* the limit is 2,000,000"):
        read(path)


@pytest.mark.parametrize("command", ["check", "text"])
def test_a_macro_bomb_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    line = _one_error_line([command, str(_bomb(tmp_path))])
    assert str(tmp_path / "main.tex") in line and "\\ld expands to more than" in line


def test_expansions_under_the_bound_are_read(tmp_path: Path) -> None:
    # 8 x 8 x 8 copies of 100 words: 0.3 MB of text, counted at each of the four levels.
    document = read(_bomb(tmp_path, words=100, fan=8))
    assert document.text.count("lorem") == 20 * 512
    assert latex_macros.MAX_EXPANSION_TEXT > 4 * 512 * 600


def test_include_fan_out_stops_after_the_file_read_bound(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[Path] = []
    original = latex_commands.load_source

    def counting(path: Path, *args: Any, **kwargs: Any) -> Any:
        reads.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(latex_commands, "load_source", counting)
    with pytest.raises(InputError, match=r"more than 2,000 files read, f7\.tex included again"):
        read(_fan_out(tmp_path))
    assert len(reads) == latex_files.MAX_FILE_READS


@pytest.mark.parametrize("command", ["check", "text"])
def test_include_fan_out_is_one_line_and_exit_2(tmp_path: Path, command: str) -> None:
    line = _one_error_line([command, str(_fan_out(tmp_path))])
    assert "more than 2,000 files read" in line


def test_a_file_included_many_times_under_the_bound_is_read(tmp_path: Path) -> None:
    document = read(_fan_out(tmp_path, files=3, fan=10))
    assert document.text.count("Words of file 2.") == 100


def test_a_ten_megabyte_line_is_refused_by_the_size_limit_before_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # It ran for more than 15 minutes; now refused from its size, without reading a byte.
    line = "We trained the model for a while. " * (10 * 1024 * 1024 // 34 + 1)
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document} " + line
                     + "\\end{document}\n"})
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("read after all"))
    with pytest.raises(InputError, match=r"LaTeX sources larger than 8 MB in total .*the limit "
                       r"is 8 MB"):
        read(tmp_path / "main.tex")


def test_a_ten_megabyte_line_is_one_line_and_exit_2(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document} "
                     + "x " * (5 * 1024 * 1024) + "\\end{document}\n"})
    assert "larger than 8 MB" in _one_error_line(["check", str(tmp_path / "main.tex")])


def test_an_editor_buffer_counts_towards_the_size_limit() -> None:
    # The language server's overlay was read whatever its size; it is charged like a file.
    huge = "x " * (5 * 1024 * 1024)
    with pytest.raises(InputError, match=r"larger than 8 MB in total"):
        latex_files.load_source(Path("main.tex"), "main.tex", latex_files.Budget(),
                                overlay=lambda path: huge)
    budget = latex_files.Budget()
    loaded = latex_files.load_source(Path("main.tex"), "main.tex", budget,
                                     overlay=lambda path: "Caf\u00e9 text.")
    assert loaded.text == "Caf\u00e9 text." and budget.used == len("Caf\u00e9 text.".encode())
