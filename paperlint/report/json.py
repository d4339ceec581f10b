"""The JSON report: the contract other tools read (schema: paperlint/schemas/report.schema.json).

Every JSON paperlint writes (this report, JSON Lines, SARIF) goes through :func:`dumps`: strict JSON
(never ``Infinity`` or ``NaN``, which ``json.dumps`` writes by default and most parsers refuse) and
valid UTF-8 (a file name that is not UTF-8 is written in its escaped form, see
:mod:`paperlint.display`).
"""

from __future__ import annotations

import json
import math
from typing import Any

from paperlint.display import json_text
from paperlint.model import Report


def dumps(data: Any, *, indent: int | None = None) -> str:
    """``data`` as strict JSON text. The checks keep numbers finite (a number beyond float range
    is a PL006 finding); should one slip through, it is written as null rather than as
    ``Infinity``."""
    try:
        text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    except ValueError:
        text = json.dumps(finite(data), indent=indent, ensure_ascii=False, allow_nan=False)
    return json_text(text)


def finite(data: Any) -> Any:
    """``data`` with every infinite or NaN float replaced by None."""
    if isinstance(data, float):
        return data if math.isfinite(data) else None
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def render(report: Report, *, color: bool = False) -> str:
    return dumps(report.to_dict(), indent=2) + "\n"


def validate(data: Any) -> None:
    """Raise jsonschema.ValidationError when ``data`` does not follow the report schema."""
    import jsonschema

    from paperlint.resources import schema_path

    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
