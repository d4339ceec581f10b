"""Citations as a sign of another work: LaTeX \\cite offsets and PDF citation marks.

Every sentence here is our own writing."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import CheckOptions
from paperlint.document import DocumentBuilder, SourceFile
from paperlint.extract import extract
from paperlint.extract.citations import citation_offsets, cites_between, text_citations
from paperlint.model import Claim
from paperlint.readers import read_path


def _latex_claims(tmp_path: Path, body: str) -> list[Claim]:
    main = tmp_path / "main.tex"
    main.write_text(
        "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n",
        encoding="utf-8",
    )
    document = read_path(main, CheckOptions())
    return list(extract(document).claims)


def _pdf_like(text: str) -> list[Claim]:
    """A Document that says it came from a PDF (no reader citation record)."""
    builder = DocumentBuilder("paper.pdf", "pdf")
    builder.add_source(SourceFile("paper.pdf", text))
    builder.append_verbatim("paper.pdf", 0, text)
    return list(extract(builder.build()).claims)


def _role(claims: list[Claim], type_: str) -> str:
    found = [c for c in claims if c.type == type_]
    assert found, [c.type for c in claims]
    return found[0].role


@pytest.mark.parametrize(
    ("body", "role"),
    [
        # The citation marks the figures as the cited system's.
        ("A recent system was trained on 2048 TPU cores~\\cite{orca21}.", "other-work"),
        ("The largest detector so far used 512 V100 GPUs \\citep{heron20} for a month.",
         "other-work"),
        # First person cancels it: the paper follows the cited recipe on its own hardware.
        ("Following \\cite{orca21}, we train on 8 V100 GPUs.", "training"),
        ("Our model is trained on 8 V100 GPUs with the schedule of \\citet{heron20}.",
         "training"),
        # No citation: the same words are the paper's own run.
        ("The system was trained on 2048 TPU cores.", "training"),
    ],
)
def test_latex_citation_in_sentence(tmp_path: Path, body: str, role: str) -> None:
    assert _role(_latex_claims(tmp_path, body), "chip_count") == role


def test_citation_in_next_sentence_does_not_reach_back(tmp_path: Path) -> None:
    body = ("The system was trained on 64 A100 GPUs. "
            "Its tokenizer comes from \\cite{orca21}.")
    assert _role(_latex_claims(tmp_path, body), "chip_count") == "training"


def test_stronger_cue_still_wins_over_citation(tmp_path: Path) -> None:
    body = "Training it again would take 4096 GPUs~\\cite{orca21}."
    assert _role(_latex_claims(tmp_path, body), "chip_count") == "hypothetical"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("A recent system was trained on 2048 TPU cores [12].", "other-work"),
        ("A recent system was trained on 2048 TPU cores [3, 14].", "other-work"),
        ("A recent system was trained on 2048 TPU cores [5-7].", "other-work"),
        ("A recent system was trained on 2048 TPU cores (Lovelace and Byron, 2021).",
         "other-work"),
        ("Lovelace (2021) trained a system on 2048 TPU cores.", "other-work"),
        ("Following [12], we train on 8 V100 GPUs.", "training"),
        # Near misses: brackets that are no citation.
        ("The system was trained on 2048 TPU cores with weights in [0, 1].", "training"),
        ("The system was trained on 2048 TPU cores, as Eq. [4] shows.", "training"),
        ("The system was trained on 2048 TPU cores with rates in [0.1, 1].", "training"),
        ("The system was trained on 2048 TPU cores; see tokens[12] of the batch.", "training"),
    ],
)
def test_pdf_citation_marks(text: str, role: str) -> None:
    assert _role(_pdf_like(text), "chip_count") == role


def test_text_citations_offsets() -> None:
    text = "cores [12]. Eq. [3] and [0, 2] and (Turing, 1936) end"
    offsets = text_citations(text)
    assert offsets == [text.index("]") + 1, text.index(") end") + 1]


def test_latex_documents_do_not_scan_text_for_brackets() -> None:
    builder = DocumentBuilder("main.tex", "latex")
    text = "Trained on 2048 TPU cores [12]."
    builder.add_source(SourceFile("main.tex", text))
    builder.append_verbatim("main.tex", 0, text)
    document = builder.build()
    assert citation_offsets(document) == ()
    assert _role(list(extract(document).claims), "chip_count") == "training"


def test_cites_between_includes_the_end() -> None:
    assert cites_between((10, 40), 0, 10)
    assert cites_between((10, 40), 11, 40)
    assert not cites_between((10, 40), 11, 39)
    assert not cites_between((), 0, 100)


def test_citation_cue_leaves_precision_of_a_named_base_model(tmp_path: Path) -> None:
    # The citation names the model the paper builds on; its precision is not another run.
    body = "The base model \\citep{heron20} natively uses bf16."
    claims = _latex_claims(tmp_path, body)
    assert _role(claims, "precision") != "other-work"


def test_citation_cue_types_are_valid_rule_data() -> None:
    from paperlint.extract.rules import default_rules

    cues = [cue for cue in default_rules().cues if cue.mode == "citation"]
    assert cues and all(cue.role == "other-work" and cue.unless for cue in cues)
    assert "precision" not in cues[0].types and "chip_count" in cues[0].types


def test_schema_needs_phrases_except_for_citation_cues() -> None:
    from paperlint.errors import RuleFileError
    from paperlint.extract.rules import validate_rule_data

    validate_rule_data({"description": "d", "cues": [
        {"role": "other-work", "priority": 5, "mode": "citation"}]}, "ok")
    with pytest.raises(RuleFileError, match="phrases"):
        validate_rule_data({"description": "d", "cues": [{"role": "other-work", "priority": 5}]},
                           "bad.toml")
    with pytest.raises(RuleFileError):
        validate_rule_data({"description": "d", "cues": [
            {"role": "other-work", "priority": 5, "mode": "citation", "types": ["gpus"]}]},
            "bad.toml")


@pytest.mark.parametrize(
    "text",
    [
        # a citation right after the chips of a run told by its run noun cites the chip
        "All runs used 8 TPU v3 chips \\citep{jouppi17} and took 5 days each.",
        "Training used 8 A100 GPUs \\citep{nvidia20} for 2 days.",
        # a chip named without a count: the citation is the chip's
        "The model was trained on TPUs \\citep{jouppi17} for 3 days.",
    ],
)
def test_a_citation_of_the_hardware_keeps_the_run_ours(tmp_path: Path, text: str) -> None:
    roles = {c.role for c in _latex_claims(tmp_path, text)
             if c.type in ("hardware", "chip_count", "duration")}
    assert roles and "other-work" not in roles, (text, roles)


def test_a_citation_after_another_models_counted_chips_stays_another_works(
        tmp_path: Path) -> None:
    text = "The largest dense model was trained on 6,144 TPU v4 chips \\citep{chowdhery22}."
    roles = {c.role for c in _latex_claims(tmp_path, text)
             if c.type in ("hardware", "chip_count")}
    assert roles == {"other-work"}
