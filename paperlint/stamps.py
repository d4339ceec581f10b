"""Shipped data files known to be valid, so that start-up need not validate them again.

Validating the shipped hardware catalogue and rule files against their JSON Schemas on every run
cost about a fifth of a second of start-up (importing jsonschema and walking some 2,000 entries):
a tenth of a whole check. Those files change only in a commit, so they are validated then: the
test suite validates every shipped file and checks that ``data/validated.json`` records
``sha256(schema, file)`` for each (``python -m paperlint.stamps_write --write`` rewrites it,
from ``paperlint.stamps_write``: this half is a leaf that the loaders import). At run time
a file whose digest is recorded is known to be valid; any other file — a rule file edited by hand,
a catalogue whose schema changed — is validated exactly as before.
"""

from __future__ import annotations

import functools
import hashlib
import json

from paperlint.resources import data_path, schema_path

STAMP_FILE = "validated.json"


@functools.cache
def _schema_bytes(schema_name: str) -> bytes:
    return schema_path(schema_name).read_bytes()  # read once, not once per rule file


def digest(schema_name: str, text: str) -> str:
    """The digest that stands for "this text is valid against this schema"."""
    return hashlib.sha256(_schema_bytes(schema_name) + b"\0" + text.encode("utf-8")).hexdigest()


@functools.cache
def recorded() -> frozenset[str]:
    try:
        data = json.loads(data_path(STAMP_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return frozenset()  # no record: everything is validated, as it would be without stamps
    return frozenset(str(item) for item in data.get("valid", []))


def known_valid(schema_name: str, text: str) -> bool:
    """True when ``text`` was validated against the schema when the record was written."""
    known = recorded()
    return bool(known) and digest(schema_name, text) in known
