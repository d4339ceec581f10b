"""Shipped data files known to be valid, so that start-up need not validate them again.

Validating the shipped hardware catalogue and rule files against their JSON Schemas on every run
cost about a fifth of a second of start-up (importing jsonschema and walking some 2,000 entries):
a tenth of a whole check. Those files change only in a commit, so they are validated then: the
test suite validates every shipped file and checks that ``data/validated.json`` records
``sha256(schema, file)`` for each (``python -m paperlint.stamps --write`` rewrites it). At run time
a file whose digest is recorded is known to be valid; any other file — a rule file edited by hand,
a catalogue whose schema changed — is validated exactly as before.
"""

from __future__ import annotations

import functools
import hashlib
import json
import sys
from pathlib import Path

from paperlint.resources import data_path, rules_dir, schema_path

STAMP_FILE = "validated.json"


@functools.cache
def _schema_bytes(schema_name: str) -> bytes:
    return schema_path(schema_name).read_bytes()  # read once, not once per rule file


def digest(schema_name: str, text: str) -> str:
    """The digest that stands for "this text is valid against this schema"."""
    return hashlib.sha256(_schema_bytes(schema_name) + b"\0" + text.encode("utf-8")).hexdigest()


@functools.cache
def _recorded() -> frozenset[str]:
    try:
        data = json.loads(data_path(STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()  # no record: everything is validated, as it would be without stamps
    return frozenset(str(item) for item in data.get("valid", []))


def known_valid(schema_name: str, text: str) -> bool:
    """True when ``text`` was validated against the schema when the record was written."""
    recorded = _recorded()
    return bool(recorded) and digest(schema_name, text) in recorded


def shipped_files() -> list[tuple[str, Path]]:
    """(schema name, path) of every data file paperlint ships and validates on load."""
    rules = sorted(rules_dir().glob("*.toml"))
    return [
        ("hardware.schema.json", data_path("hardware.toml")),
        *(("rules.schema.json", path) for path in rules),
    ]


def validated_digests() -> list[str]:
    """Validate every shipped file for real and return their digests (raises on an invalid one)."""
    import tomllib

    from paperlint.catalogue import validate_catalogue_data
    from paperlint.extract.rules import validate_rule_data

    digests = []
    for schema_name, path in shipped_files():
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
        if schema_name == "hardware.schema.json":
            validate_catalogue_data(data, str(path))
        else:
            validate_rule_data(data, str(path))
        digests.append(digest(schema_name, text))
    return sorted(digests)


def main(argv: list[str]) -> int:
    target = data_path(STAMP_FILE)
    digests = validated_digests()
    if "--write" in argv:
        record = {
            "about": "sha256(schema, file) of shipped data files validated against their schema; "
            "written by `python -m paperlint.stamps --write` (see paperlint/stamps.py)",
            "valid": digests,
        }
        target.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target} ({len(digests)} files)")
        return 0
    stale = set(digests) - _recorded()
    print(f"{target}: {'up to date' if not stale else f'{len(stale)} files not recorded'}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
