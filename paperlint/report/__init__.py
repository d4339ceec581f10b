"""Reporters: each turns a Report into text in one output format. They only read the Report.

Formats are registered by name with the module and function that render them, so the CLI imports
only the reporter it needs.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

# name -> "module:function"; a reporter module may be added by a small edit here.
FORMATS: dict[str, str] = {
    "text": "paperlint.report.text:render",
    "json": "paperlint.report.json:render",
    "sarif": "paperlint.report.sarif:render",
    "github": "paperlint.report.github:render",
    "markdown": "paperlint.report.summary:render",
    "jsonl": "paperlint.report.jsonl:render",
    "csv": "paperlint.report.csvout:render",
    "junit": "paperlint.report.junit:render",
    "gitlab": "paperlint.report.gitlab:render",
}


def renderer(name: str) -> Callable[..., str]:
    """The render function of format ``name`` (KeyError for an unknown format)."""
    module_name, _, function = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module_name), function)  # type: ignore[no-any-return]
