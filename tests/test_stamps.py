"""Shipped data files are validated once, when stamped; any other file is validated on load."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint import stamps, stamps_write
from paperlint.errors import RuleFileError
from paperlint.extract import rules as rules_module
from paperlint.resources import rules_dir


def test_every_shipped_file_is_valid_andrecorded() -> None:
    missing = set(stamps_write.validated_digests()) - stamps.recorded()
    assert not missing, (
        "paperlint/data/validated.json is stale: run `python -m paperlint.stamps_write --write` "
        "after changing a shipped rule file, the catalogue or their schemas"
    )


def test_a_recorded_file_is_not_validated_again(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: object, name: str) -> None:
        raise AssertionError(f"{name} was validated again")

    monkeypatch.setattr(rules_module, "validate_rule_data", refuse)
    shipped = sorted(rules_dir().glob("*.toml"))[0]
    assert rules_module.load_rule_file(shipped)


def test_an_edited_copy_of_a_shipped_file_is_validated(tmp_path: Path) -> None:
    shipped = sorted(rules_dir().glob("*.toml"))[0]
    edited = tmp_path / shipped.name
    edited.write_text(shipped.read_text(encoding="utf-8") + "\nno_such_field = 1\n")
    assert not stamps.known_valid("rules.schema.json", edited.read_text(encoding="utf-8"))
    with pytest.raises(RuleFileError, match="no_such_field"):
        rules_module.load_rule_file(edited)
