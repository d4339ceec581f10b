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
