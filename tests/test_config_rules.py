"""A user's rule files named in the configuration (`rules = [...]`): resolved against the file,
checked against the rules schema, and read by every stage (tokenizer, numbers, checks)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.api import CheckOptions, check, check_path
from paperlint.cli import main
from paperlint.config import discover, load_config, merge
from paperlint.errors import ConfigError
from paperlint.extract.engine import default_engine, engine_for
from paperlint.extract.nlp import pipeline, tokenize

# Our own sentences. "acht" is German for eight; "3d" is three days written glued.
GERMAN = "We trained the model on acht NVIDIA A100 GPUs for 3 days."
GLUED = "We trained the model on 8 NVIDIA A100 GPUs for 3d in total."
SOFTWARE = ("We trained the model on 8 NVIDIA A100 GPUs for 3 days with OwlGrad 2.4 and "
            "a batch size of 256, about 1.1e21 FLOP in all.")

NUMBER_WORD = 'description = "German number words."\n[numbers]\nwords = {acht = 8}\n'
GLUED_DAYS = ('description = "Days written glued."\n[[units]]\nclaim = "duration"\n'
              'factor = 24.0\nnames = ["d"]\nattached = ["d"]\n')
LIBRARY = 'description = "Our own library."\n[software]\nnames = ["OwlGrad"]\n'


def _paper(folder: Path, body: str) -> Path:
    tex = folder / "paper" / "main.tex"
    tex.parent.mkdir(parents=True, exist_ok=True)
    tex.write_text("\\documentclass{article}\n\\begin{document}\n\\section{Training}\n"
                   f"{body}\n\\end{{document}}\n", encoding="utf-8")
    return tex


def _rules(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _claims(result: object, kind: str) -> list[float]:
    return [c.value for c in getattr(result, "claims") if c.type == kind]  # noqa: B009


def test_rule_files_are_resolved_against_the_configuration_file(tmp_path: Path) -> None:
    _rules(tmp_path, "house/numbers.toml", NUMBER_WORD)
    _rules(tmp_path, "house/days.toml", GLUED_DAYS)
    (tmp_path / "paperlint.toml").write_text('rules = ["house/numbers.toml", "house/days.toml"]\n')
    tex = _paper(tmp_path, GERMAN)
    config = discover([str(tex)], cwd=tmp_path / "paper")
    assert config.rules == (str((tmp_path / "house/numbers.toml").resolve()),
                            str((tmp_path / "house/days.toml").resolve()))
    options = merge(config, options=CheckOptions(), explicit=frozenset())
    assert options.rules == config.rules


def test_a_user_number_word_is_read_as_a_count_only_with_its_rule_file(tmp_path: Path) -> None:
    rules = str(_rules(tmp_path, "numbers.toml", NUMBER_WORD))
    tex = _paper(tmp_path, GERMAN)
    assert 8.0 not in _claims(check_path(tex, CheckOptions()), "chip_count")
    assert _claims(check_path(tex, CheckOptions(rules=(rules,))), "chip_count") == [8.0]
    # The number word reaches the tokens' like_num through the engine's own pipeline only.
    assert engine_for((rules,)).numbers.parse("acht") == 8.0
    assert default_engine().numbers.parse("acht") is None
    assert pipeline(engine_for((rules,)).rules).vocab["acht"].like_num
    assert not pipeline().vocab["acht"].like_num


def test_a_user_unit_glued_to_its_number_is_split_by_the_tokenizer(tmp_path: Path) -> None:
    rules = str(_rules(tmp_path, "days.toml", GLUED_DAYS))
    engine = engine_for((rules,))
    assert [t.text for t in engine.nlp.make_doc("for 3d in")] == ["for", "3", "d", "in"]
    assert tokenize("for 3d in") == ["for", "3d", "in"]  # the shipped rules: no such unit
    tex = _paper(tmp_path, GLUED)
    assert 72.0 not in _claims(check_path(tex, CheckOptions()), "duration")
    assert _claims(check_path(tex, CheckOptions(rules=(rules,))), "duration") == [72.0]


PETA_SUFFIX = 'description = "A peta suffix."\n[numbers.suffixes]\nP = 1e15\n'


def test_a_user_magnitude_suffix_keeps_its_number_one_token(tmp_path: Path) -> None:
    rules = str(_rules(tmp_path, "peta.toml", PETA_SUFFIX))
    engine = engine_for((rules,))
    assert [t.text for t in engine.nlp.make_doc("about 3.2P tokens")] == ["about", "3.2P",
                                                                          "tokens"]
    assert engine.numbers.parse("3.2P") == pytest.approx(3.2e15)
    assert engine.numbers.token_pattern.match("3.2P")
    assert not default_engine().numbers.token_pattern.match("3.2P")  # the shipped letters


LPU_DEVICE = ('description = "A device noun of our own."\n[counts]\ndevices = ["LPU", "LPUs"]\n'
              'groups = ["rack"]\n')


def test_a_users_device_acronym_is_split_from_a_glued_count(tmp_path: Path) -> None:
    rules = str(_rules(tmp_path, "lpu.toml", LPU_DEVICE))
    engine = engine_for((rules,))
    assert [t.text for t in engine.nlp.make_doc("on 4LPUs for")] == ["on", "4", "LPUs", "for"]
    assert tokenize("on 4LPUs for") == ["on", "4LPUs", "for"]  # the shipped nouns: no LPU
    assert tokenize("on 2GPU for") == ["on", "2", "GPU", "for"]


def test_a_user_software_name_satisfies_pl108(tmp_path: Path) -> None:
    rules = str(_rules(tmp_path, "software.toml", LIBRARY))
    tex = _paper(tmp_path, SOFTWARE)
    shipped = check_path(tex, CheckOptions(profile="aaai"))
    assert "PL108" in {f.code for f in shipped.findings}  # fires: OwlGrad is nobody's library
    mine = check_path(tex, CheckOptions(profile="aaai", rules=(rules,)))
    assert "PL108" not in {f.code for f in mine.findings}


def test_the_api_reads_the_configurations_rule_files(tmp_path: Path) -> None:
    _rules(tmp_path, "numbers.toml", NUMBER_WORD)
    (tmp_path / "paperlint.toml").write_text('rules = ["numbers.toml"]\n')
    tex = _paper(tmp_path, GERMAN)
    assert _claims(check(tex).documents[0], "chip_count") == [8.0]
    assert 8.0 not in _claims(check(tex, isolated=True).documents[0], "chip_count")


@pytest.mark.parametrize(("text", "said"), [
    (None, "cannot read rule file"),
    ("description = 'x'\n[numbers\n", "not valid TOML"),
    ('description = "x"\n[[units]]\nclaim = "duration"\nnames = ["d"]\n', "'factor' is a required"),
])
def test_a_bad_rule_file_is_a_configuration_error_naming_both_files(
        tmp_path: Path, text: str | None, said: str) -> None:
    if text is not None:
        _rules(tmp_path, "bad.toml", text)
    (tmp_path / "paperlint.toml").write_text('rules = ["bad.toml"]\n')
    with pytest.raises(ConfigError) as caught:
        load_config(tmp_path / "paperlint.toml")
    message = str(caught.value)
    assert message.startswith(str(tmp_path / "paperlint.toml"))
    assert "rules[0]" in message and "bad.toml" in message and said in message


def test_rules_must_be_a_list_of_paths(tmp_path: Path) -> None:
    (tmp_path / "paperlint.toml").write_text('rules = "numbers.toml"\n')
    with pytest.raises(ConfigError, match="invalid value for rules"):
        load_config(tmp_path / "paperlint.toml")


def test_cli_bad_rule_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    _rules(tmp_path, "bad.toml", 'description = "x"\n[software]\nnames = "OwlGrad"\n')
    (tmp_path / "pyproject.toml").write_text('[tool.paperlint]\nrules = ["bad.toml"]\n')
    tex = _paper(tmp_path, GERMAN)
    result = CliRunner().invoke(main, ["check", str(tex)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    [line] = [line for line in result.stderr.splitlines() if line.strip()]
    assert line.startswith("paperlint: error: ") and "pyproject.toml" in line
    assert "bad.toml" in line and "software.names" in line


def test_cli_check_uses_the_rule_files(tmp_path: Path) -> None:
    _rules(tmp_path, "numbers.toml", NUMBER_WORD)
    (tmp_path / "paperlint.toml").write_text('rules = ["numbers.toml"]\n')
    tex = _paper(tmp_path, GERMAN)
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tex)])
    [document] = json.loads(result.stdout)["documents"]
    assert [c["value"] for c in document["claims"] if c["type"] == "chip_count"] == [8.0]
