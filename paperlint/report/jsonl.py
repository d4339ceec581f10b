"""JSON Lines: one paper per line, the same object as a ``documents`` entry of the JSON report.

Written line by line and flushed, so a batch interrupted after 600 papers keeps those 600; read back
(``load``) to resume such a batch or to rebuild the organisers' report from it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from paperlint.errors import InputError
from paperlint.model import (
    Claim,
    ComputeReport,
    Coverage,
    DocumentResult,
    Estimate,
    Finding,
    Location,
    Report,
)
from paperlint.report.json import dumps


def line(document: DocumentResult) -> str:
    """One paper's line, newline included."""
    return dumps(document.to_dict()) + "\n"


def render(report: Report, *, color: bool = False) -> str:
    return "".join(line(document) for document in report.documents)


@dataclass(frozen=True)
class Loaded:
    """What an earlier (perhaps interrupted) JSONL run left behind."""

    documents: tuple[DocumentResult, ...]
    valid_bytes: int  # length of the file up to the end of its last complete line


def load(path: Path) -> Loaded:
    """The results already written to ``path``. A torn last line (the run was killed mid-write) is
    ignored; ``valid_bytes`` tells the caller where to truncate before appending."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Loaded((), 0)
    except OSError as error:
        raise InputError(
            f"cannot read the earlier output: {error.strerror}", path=str(path)
        ) from None
    documents: list[DocumentResult] = []
    valid = 0
    position = 0
    for raw in data.splitlines(keepends=True):
        position += len(raw)
        if not raw.endswith(b"\n"):
            break  # torn: written without its newline
        text = raw.strip()
        if not text:
            valid = position
            continue
        try:
            documents.append(from_dict(json.loads(text.decode("utf-8"))))
        except (ValueError, KeyError, TypeError):
            raise InputError(
                f"line {len(documents) + 1} is not a paperlint JSONL result; "
                "resume needs the file an earlier run wrote",
                path=str(path),
            ) from None
        valid = position
    return Loaded(tuple(documents), valid)


def _location(data: dict[str, Any]) -> Location:
    return Location(
        str(data["file"]), int(data["line"]), int(data["column"]),
        data.get("end_line"), data.get("end_column"),
    )


def _estimate(data: dict[str, Any] | None) -> Estimate | None:
    if data is None:
        return None
    return Estimate(
        float(data["flop"]), float(data["low"]), float(data["high"]), str(data["method"]),
        dict(data.get("assumptions") or {}),
    )


def from_dict(data: dict[str, Any]) -> DocumentResult:
    """The DocumentResult that ``DocumentResult.to_dict`` turned into ``data``."""
    if not isinstance(data, dict) or "path" not in data:
        raise KeyError("path")
    claims = tuple(
        Claim(
            type=c["type"], text=c["text"], value=c["value"], unit=c.get("unit"),
            location=_location(c["location"]), role=c.get("role", "unspecified"),
            confidence=float(c.get("confidence", 1.0)), low=c.get("low"), run=c.get("run"),
        )
        for c in data.get("claims", [])
    )
    reports = tuple(
        ComputeReport(
            location=_location(r["location"]), hardware=r.get("hardware"),
            chip_count=r.get("chip_count"), duration_hours=r.get("duration_hours"),
            chip_hours=r.get("chip_hours"), flop=r.get("flop"), precision=r.get("precision"),
            params=r.get("params"), tokens=r.get("tokens"), role=r.get("role", "unspecified"),
            claims=tuple(r.get("claims", [])), estimate=_estimate(r.get("estimate")),
            run=str(r.get("run") or ""), main=bool(r.get("main", False)),
            inferred=tuple(r.get("inferred", ())),
            count_unit=str(r.get("count_unit") or "chip"),
        )
        for r in data.get("compute_reports", [])
    )
    findings = tuple(
        Finding(
            code=f["code"], name=f["name"], severity=f["severity"], message=f["message"],
            location=_location(f["location"]), suggestion=f.get("suggestion"),
            confidence=float(f.get("confidence", 1.0)),
        )
        for f in data.get("findings", [])
    )
    coverage = data.get("coverage") or {}
    return DocumentResult(
        path=str(data["path"]),
        format=data.get("format"),
        files=tuple(data.get("files", [])),
        verdict=data.get("verdict"),
        claims=claims,
        compute_reports=reports,
        findings=findings,
        coverage=Coverage(
            int(coverage.get("statements", 0)), int(coverage.get("parsed", 0)),
            int(coverage.get("flagged", 0)),
        ),
        error=data.get("error"),
    )
