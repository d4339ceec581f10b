"""The JSON report: the contract other tools read (schema: paperlint/schemas/report.schema.json)."""

from __future__ import annotations

import json
from typing import Any

from paperlint.model import Report


def render(report: Report, *, color: bool = False) -> str:
    return json.dumps(report.to_dict(), indent=2, ensure_ascii=False) + "\n"


def validate(data: Any) -> None:
    """Raise jsonschema.ValidationError when ``data`` does not follow the report schema."""
    import jsonschema

    from paperlint.resources import schema_path

    schema = json.loads(schema_path("report.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
