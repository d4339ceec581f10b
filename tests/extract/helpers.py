"""Shared helpers for the extraction tests: every test sentence here is our own writing."""

from __future__ import annotations

from pathlib import Path

from paperlint.document import plain_document
from paperlint.extract import Extraction, extract
from paperlint.model import Claim, DocumentResult


def run(text: str) -> Extraction:
    return extract(plain_document(text))


def claims_of(text: str, type_: str) -> list[Claim]:
    return [claim for claim in run(text).claims if claim.type == type_]


def values(text: str, type_: str) -> list[float | str]:
    return [claim.value for claim in claims_of(text, type_)]


def roles_of(text: str, types: tuple[str, ...]) -> set[str]:
    """The roles of the claims of these types."""
    return {claim.role for claim in run(text).claims if claim.type in types}


# The figures of a run, whose role the role tests ask about.
RUN_TYPES = ("hardware", "chip_count", "duration", "chip_hours", "flop")


def run_roles(text: str) -> set[str]:
    """The roles of the run figures (``RUN_TYPES``) of ``text``."""
    return roles_of(text, RUN_TYPES)


def roles_by_value(text: str) -> dict[tuple[str, float | str], str]:
    """Each claim's role, keyed by its type and value."""
    return {(claim.type, claim.value): claim.role for claim in run(text).claims}


def check_latex(tmp_path: Path, body: str) -> DocumentResult:
    """The full check of ``body`` as the document of a LaTeX file in ``tmp_path``."""
    from paperlint.api import check_path

    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\\begin{document}\n" + body + "\n\\end{document}\n",
        encoding="utf-8")
    return check_path(tmp_path / "main.tex")


def run_pdf(text: str) -> Extraction:
    """Extraction of ``text`` as a Document that says it came from a PDF, so that bracketed
    reference numbers ("[12]") count as citations."""
    from paperlint.document import DocumentBuilder, SourceFile

    builder = DocumentBuilder("paper.pdf", "pdf")
    builder.add_source(SourceFile("paper.pdf", text))
    builder.append_verbatim("paper.pdf", 0, text)
    return extract(builder.build())
