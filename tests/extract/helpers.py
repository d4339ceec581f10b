"""Shared helpers for the extraction tests: every test sentence here is our own writing."""

from __future__ import annotations

from paperlint.document import plain_document
from paperlint.extract import Extraction, extract
from paperlint.model import Claim


def run(text: str) -> Extraction:
    return extract(plain_document(text))


def claims_of(text: str, type_: str) -> list[Claim]:
    return [claim for claim in run(text).claims if claim.type == type_]


def values(text: str, type_: str) -> list[float | str]:
    return [claim.value for claim in claims_of(text, type_)]
