"""The evaluation corpus: ``manifest.csv`` (where each paper came from) and ``gold.jsonl`` (labels).

Only loading and light validation live here, so the accuracy harness and its tests share one reading
of the files. A malformed file raises :class:`CorpusError` with one line naming the file; the
harness prints it and stops (the figures would be meaningless on half a corpus).
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Gold claim fields that carry a compute figure -> the ComputeReport field they correspond to.
GOLD_FIELDS: dict[str, str] = {
    "hardware": "hardware",
    "count": "chip_count",
    "duration_hours": "duration_hours",
    "gpu_hours": "chip_hours",
    "flop": "flop",
    "params": "params",
    "tokens": "tokens",
    "precision": "precision",
}
VERDICTS = ("complete", "partial", "missing")


class CorpusError(Exception):
    """The corpus folder or one of its files cannot be used (missing, malformed)."""


@dataclass(frozen=True)
class GoldClaim:
    """One hand-labelled compute statement. ``line`` is a page number for a PDF."""

    file: str
    line: int
    quote: str
    role: str
    values: dict[str, float | str]  # GOLD_FIELDS keys that are filled in
    note: str = ""

    @property
    def counts_toward_verdict(self) -> bool:
        return self.role == "training"


@dataclass(frozen=True)
class Paper:
    """One corpus paper with its gold labels and the path paperlint should be given."""

    id: str
    kind: str  # "tex" | "pdf"
    folder: Path
    main_file: str | None  # None: no root file (check the folder itself)
    verdict: str
    claims: tuple[GoldClaim, ...] = ()
    title: str = ""
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def input_path(self) -> Path:
        """The root .tex file, the PDF, or the folder when the paper has no root file (tex01)."""
        return self.folder / self.main_file if self.main_file else self.folder

    @property
    def format(self) -> str:
        return "pdf" if self.kind == "pdf" else "latex"


def _claim(raw: Any, where: str) -> GoldClaim:
    if not isinstance(raw, dict) or "role" not in raw:
        raise CorpusError(f"{where}: a claim is not an object with a 'role'")
    values: dict[str, float | str] = {}
    for key in GOLD_FIELDS:
        value = raw.get(key)
        if value is None:
            continue
        if key in ("hardware", "precision"):
            values[key] = str(value)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            values[key] = float(value)
        else:
            raise CorpusError(f"{where}: claim field {key!r} is not a number: {value!r}")
    try:
        line = int(raw.get("line") or 0)
    except (TypeError, ValueError) as error:
        raise CorpusError(f"{where}: claim line is not an integer") from error
    return GoldClaim(
        file=str(raw.get("file") or ""),
        line=line,
        quote=str(raw.get("quote") or ""),
        role=str(raw["role"]),
        values=values,
        note=str(raw.get("note") or ""),
    )


def load_manifest(corpus: Path) -> dict[str, dict[str, str]]:
    """``manifest.csv`` rows by paper id."""
    path = corpus / "manifest.csv"
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    if rows and not {"id", "kind"} <= set(rows[0]):
        raise CorpusError(f"{path}: expected columns 'id' and 'kind'")
    return {row["id"]: row for row in rows}


def load_gold(corpus: Path) -> list[dict[str, Any]]:
    """The raw ``gold.jsonl`` objects, in file order."""
    path = corpus / "gold.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CorpusError(f"{path}: cannot read: {error.strerror}") from error
    objects = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise CorpusError(f"{path}:{number}: not JSON: {error.msg}") from error
        if not isinstance(data, dict) or "id" not in data or "verdict" not in data:
            raise CorpusError(f"{path}:{number}: expected an object with 'id' and 'verdict'")
        objects.append(data)
    return objects


def load_corpus(corpus: Path) -> list[Paper]:
    """Every labelled paper of ``corpus`` (manifest and gold joined on id), in gold order."""
    if not corpus.is_dir():
        raise CorpusError(f"{corpus}: no such corpus directory")
    manifest = load_manifest(corpus)
    papers = []
    for data in load_gold(corpus):
        paper_id = str(data["id"])
        row = manifest.get(paper_id, {})
        verdict = str(data["verdict"])
        if verdict not in VERDICTS:
            raise CorpusError(f"{corpus / 'gold.jsonl'}: {paper_id}: unknown verdict {verdict!r}")
        kind = row.get("kind") or ("pdf" if paper_id.startswith("pdf") else "tex")
        main_file = data.get("main_file") or row.get("main_file") or None
        claims = tuple(
            _claim(raw, f"{corpus / 'gold.jsonl'}: {paper_id}") for raw in data.get("claims", [])
        )
        papers.append(
            Paper(
                id=paper_id,
                kind=kind,
                folder=corpus / paper_id,
                main_file=str(main_file) if main_file else None,
                verdict=verdict,
                claims=claims,
                title=row.get("title_if_known", ""),
                notes=str(data.get("notes") or ""),
            )
        )
    return papers
