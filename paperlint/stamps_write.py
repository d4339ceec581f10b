"""Writing the record of shipped data files known to be valid (``data/validated.json``).

``python -m paperlint.stamps_write --write`` validates every shipped file for real and records
its digest; without ``--write`` it says whether the record is up to date. The run-time half (is
this text recorded?) is ``paperlint.stamps``, a leaf the loaders import; this half imports the
loaders' validators, so it is a module of its own (one module importing both would be a cycle).
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

from paperlint.catalogue_load import validate_catalogue_data
from paperlint.extract.rules import validate_rule_data
from paperlint.resources import data_path, rules_dir
from paperlint.stamps import STAMP_FILE, digest, recorded


def shipped_files() -> list[tuple[str, Path]]:
    """(schema name, path) of every data file paperlint ships and validates on load."""
    rules = sorted(rules_dir().glob("*.toml"))
    return [
        ("hardware.schema.json", data_path("hardware.toml")),
        *(("rules.schema.json", path) for path in rules),
    ]


def validated_digests() -> list[str]:
    """Validate every shipped file for real and return their digests (raises on an invalid one)."""
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
            "written by `python -m paperlint.stamps_write --write` (see paperlint/stamps_write.py)",
            "valid": digests,
        }
        target.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {target} ({len(digests)} files)")
        return 0
    stale = set(digests) - recorded()
    print(f"{target}: {'up to date' if not stale else f'{len(stale)} files not recorded'}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
