"""A tiny synthetic corpus (our own sentences) in the layout of ../shared/corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

MANIFEST = (
    "id,kind,repo,path_in_repo,commit,license_if_any,title_if_known,main_file\n"
    "tex90,tex,example/a,.,0,none,A synthetic paper,main.tex\n"
    "tex91,tex,example/b,.,0,none,Sections only,\n"
    "pdf90,pdf,example/c,p.pdf,0,none,A PDF,p.pdf\n"
)


def gold_line(paper_id: str, verdict: str, main_file: str | None, claims: list[dict[str, object]]
              ) -> str:
    return json.dumps({"id": paper_id, "main_file": main_file, "verdict": verdict,
                       "claims": claims, "notes": ""})


def claim(line: int, role: str = "training", **values: object) -> dict[str, object]:
    base: dict[str, object] = {k: None for k in ("hardware", "count", "duration_hours",
                                                 "gpu_hours", "flop", "params", "tokens",
                                                 "precision")}
    base.update(values)
    return {"file": "main.tex", "line": line, "quote": "a sentence we wrote", "role": role, **base}


@pytest.fixture
def tiny_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    (corpus / "tex90").mkdir(parents=True)
    (corpus / "tex90" / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n"
        "We trained the tagger on 4 NVIDIA V100 GPUs for 10 hours.\n\\end{document}\n",
        encoding="utf-8",
    )
    (corpus / "tex91").mkdir()
    (corpus / "tex91" / "intro.tex").write_text("Our parser needs no training at all.\n",
                                                encoding="utf-8")
    (corpus / "pdf90").mkdir()
    (corpus / "manifest.csv").write_text(MANIFEST, encoding="utf-8")
    (corpus / "gold.jsonl").write_text(
        "\n".join([
            gold_line("tex90", "complete", "main.tex",
                      [claim(3, hardware="V100", count=4, duration_hours=10)]),
            gold_line("tex91", "missing", None, []),
            gold_line("pdf90", "missing", "p.pdf", []),
        ]) + "\n",
        encoding="utf-8",
    )
    return corpus


def genset_case(id_: str, text: str, verdict: str, facts: list[dict[str, object]],
                **extra: object) -> dict[str, object]:
    """One generalisation-set case (our own sentence), in the committed format."""
    return {"id": id_, "class": extra.pop("cls", "paper"), "near_miss": extra.pop("nm", False),
            "verdict": verdict, "text": text, "facts": facts, **extra}


def fact(type_: str, value: object, role: str = "training", **extra: object) -> dict[str, object]:
    return {"type": type_, "value": value, "role": role, **extra}


HELD_SECRET = "The quokka model trained for 9 hours on 4 NVIDIA A40 GPUs."


@pytest.fixture
def tiny_genset(tmp_path: Path) -> Path:
    """A dev split of two cases and a held split of one, in their own folder."""
    folder = tmp_path / "genset"
    folder.mkdir()
    dev = [
        genset_case("paper-001", "We trained the tagger on 4 NVIDIA V100 GPUs for 10 hours.",
                    "complete", [fact("hardware", "NVIDIA V100"), fact("chip_count", 4),
                                 fact("duration", 10)]),
        genset_case("paper-002", "Each subject wore a monitor for a 24-hour recording.",
                    "missing", [fact("duration", 24, "distractor")], nm=True),
    ]
    held = [genset_case("paper-003", HELD_SECRET, "partial", [fact("duration", 9)])]
    for name, cases in (("dev", dev), ("held", held)):
        (folder / f"{name}.jsonl").write_text(
            "".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    return folder
