"""Rule files: the shipped ones load; a malformed one is a RuleFileError naming file and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.errors import RuleFileError
from paperlint.extract.rules import default_rules, load_rules


def test_shipped_rules_load() -> None:
    rules = default_rules()
    assert "durations.toml" in rules.files
    assert any(unit.claim == "flop" for unit in rules.units)
    assert rules.precision["bfloat16"] == "bf16"


def _write(tmp_path: Path, body: str) -> Path:
    (tmp_path / "broken.toml").write_text(body, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ('description = "x"\n[[units]]\nclaim = "duration"\nfactor = -1\nnames = ["h"]\n',
         "units.0.factor"),
        ('description = "x"\n[[units]]\nclaim = "speed"\nfactor = 1\nnames = ["h"]\n',
         "units.0.claim"),
        ('description = "x"\n[[cues]]\nrole = "training"\npriority = 1\nphrases = []\n',
         "cues.0.phrases"),
        ('description = "x"\n[[precision]]\nvalue = "fp4x"\nnames = ["a"]\n', "precision.0.value"),
        ('description = "x"\n[unknown]\na = 1\n', "(top level)"),
    ],
)
def test_malformed_rule_files_name_file_and_field(tmp_path: Path, body: str, field: str) -> None:
    with pytest.raises(RuleFileError) as caught:
        load_rules(_write(tmp_path, body))
    message = str(caught.value)
    assert "broken.toml" in message and field in message
    assert "\n" not in message


def test_invalid_toml_is_a_rule_file_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match=r"broken\.toml"):
        load_rules(_write(tmp_path, "description = \n"))


def test_empty_directory_is_a_rule_file_error(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="no rule files"):
        load_rules(tmp_path)


def test_a_new_unit_needs_no_code(tmp_path: Path) -> None:
    from paperlint.document import plain_document
    from paperlint.extract import extract
    from paperlint.extract.engine import build_engine

    (tmp_path / "fortnights.toml").write_text(
        'description = "test"\n[[units]]\nclaim = "duration"\nfactor = 336\n'
        'names = ["fortnight"]\n',
        encoding="utf-8",
    )
    engine = build_engine(rules=load_rules(tmp_path))
    claims = extract(plain_document("Training took 2 fortnight."), engine).claims
    assert [(c.type, c.value) for c in claims] == [("duration", 672.0)]


def test_every_rule_files_counts_are_kept(tmp_path: Path) -> None:
    # A second rule file's [counts] adds to the first's (only the last file's was kept before).
    (tmp_path / "a.toml").write_text(
        'description = "a"\n[counts]\ndevices = ["GPUs"]\ngroups = ["nodes"]\n'
        'fillers = ["of"]\nmax_count = 10\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text(
        'description = "b"\n[counts]\ndevices = ["IPUs", "GPUs"]\ngroups = ["pods"]\n'
        "max_count = 20\n", encoding="utf-8")
    rules = load_rules(tmp_path)
    assert rules.devices == ("GPUs", "IPUs")
    assert rules.groups == ("nodes", "pods")
    assert rules.fillers == ("of",)
    assert rules.max_count == 20  # a scalar is the last file's


def test_word_lists_of_the_clause_and_mention_rules_are_rules_data(tmp_path: Path) -> None:
    """The makers and writings of a named model, the pronouns of "64 of them" and what they do
    not stand for, and the parts of a host a number counts: shipped as data, and a user's rule
    file adds to them."""
    rules = default_rules()
    assert {"authors", "team"} <= rules.clauses.makers
    assert "study" in rules.clauses.works
    assert "them" in rules.grouping.anaphors and "epochs" in rules.grouping.not_antecedents
    assert "socket" in rules.host_parts
    extra = tmp_path / "mine.toml"
    extra.write_text('description = "x"\n[grouping]\nnot_antecedents = ["Folds"]\n'
                     '[clauses]\nmakers = ["maintainers"]\n', encoding="utf-8")
    mine = load_rules(extra=[extra])
    assert "folds" in mine.grouping.not_antecedents and "epochs" in mine.grouping.not_antecedents
    assert {"maintainers", "authors"} <= mine.clauses.makers


def test_cpu_model_stops_are_catalogue_vocabulary() -> None:
    from paperlint.catalogue import load_catalogue

    assert {"ghz", "cores"} <= load_catalogue().vocabulary.cpu_stops
