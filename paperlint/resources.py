"""Where paperlint's data files are, in a source checkout and in an installed wheel alike."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    """The declarative rule files: ``paperlint/_rules`` in a wheel, ``rules/`` in a checkout."""
    packaged = _PACKAGE / "_rules"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "rules"


def data_path(name: str) -> Path:
    """A data file shipped inside the package (``paperlint/data/NAME``)."""
    return _PACKAGE / "data" / name


def schema_path(name: str) -> Path:
    """A JSON Schema shipped inside the package (``paperlint/schemas/NAME``)."""
    return _PACKAGE / "schemas" / name
