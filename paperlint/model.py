"""The typed results of a check: claims, compute reports, estimates, findings and the report.

Field names here are the JSON report's contract (``paperlint/schemas/report.schema.json``):
``to_dict`` methods produce exactly the documented shape, and other tools read it. Add fields; never
rename or remove one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# The claim types of the extraction issue, with the unit of each normalised value.
CLAIM_UNITS: dict[str, str | None] = {
    "hardware": None,  # value: catalogue id (string)
    "chip_count": "chips",
    "duration": "hours",
    "chip_hours": "chip-hours",
    "flop": "FLOP",
    "flop_rate": "FLOP/s",
    "params": "parameters",
    "tokens": "tokens",
    "precision": None,  # value: "fp32" | "tf32" | "fp16" | "bf16" | "fp8" | "int8" | "mixed"
}
CLAIM_TYPES = tuple(CLAIM_UNITS)
# A chip count or chip-time written in Cloud TPU cores ("128 TPU v3 cores", "2,500 TPUv3
# core-days") keeps its value as written with one of these units; the estimate converts to chips.
CORE_UNITS = frozenset({"cores", "core-hours"})

# What a claim's sentence is about. Only the paper's own compute counts toward the verdict.
ROLES = (
    "training",  # this paper's own (pre)training run
    "fine-tuning",  # this paper's own fine-tuning run
    "inference",  # this paper's own inference / evaluation / other runs
    "other-work",  # another paper's or a baseline's model
    "hypothetical",  # "would take", "could be trained"
    "acknowledgment",  # hardware donated or provided, named in thanks
    "per-example",  # a per-example or per-token cost ("4.2 GFLOPs per image")
    "specification",  # a hardware fact ("the A100's peak is 312 TFLOP/s")
    "ablation",  # the paper's own runs beside its main training: ablations, searches, sweeps
    "unspecified",  # own compute, phase not stated
)

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
Verdict = Literal["complete", "partial", "missing"]


@dataclass(frozen=True)
class Location:
    """A place in the author's source. 1-based; columns count Unicode code points.

    For PDF input ``line`` is the page number (see docs/formats.md)."""

    file: str
    line: int
    column: int
    end_line: int | None = None
    end_column: int | None = None

    def to_dict(self, *, with_end: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"file": self.file, "line": self.line, "column": self.column}
        if with_end:
            data["end_line"] = self.end_line if self.end_line is not None else self.line
            data["end_column"] = self.end_column if self.end_column is not None else self.column
        return data


@dataclass(frozen=True)
class Claim:
    """One compute-related statement, typed and normalised ("8 A100 GPUs" -> chip_count 8)."""

    type: str  # one of CLAIM_TYPES
    text: str  # the author's source text of the claim
    value: float | str
    unit: str | None
    location: Location
    role: str = "unspecified"  # one of ROLES
    start: int = 0  # [start, end) in Document.text; not part of the JSON contract
    end: int = 0
    confidence: float = 1.0  # below 1 where the reading is uncertain (PDF superscripts, ...)
    sentence: int = -1  # index of the sentence it is in, for grouping; -1 when unknown
    # The lower end of a value written as a range ("2-3 weeks": value 504, low 336); the value is
    # the upper end, as the verdict reads it.
    low: float | None = None
    run: str | None = None  # the id of the compute report it belongs to, if any

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "role": self.role,
            "confidence": self.confidence,
            "location": self.location.to_dict(),
            "low": self.low,
            "run": self.run,
        }


@dataclass(frozen=True)
class Estimate:
    """A training-FLOP estimate with its plausible range and how it was made."""

    flop: float
    low: float
    high: float
    method: str  # "hardware-time" | "chip-hours" | "6ND" | ...
    # The peak used and its source, the utilization, the inputs: everything behind the figure.
    assumptions: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "flop": self.flop,
            "low": self.low,
            "high": self.high,
            "method": self.method,
            "assumptions": dict(self.assumptions),
        }


@dataclass(frozen=True)
class ComputeReport:
    """One run as the paper describes it, linking the claims that belong together."""

    location: Location
    hardware: str | None = None  # catalogue id
    chip_count: int | None = None
    duration_hours: float | None = None
    chip_hours: float | None = None
    flop: float | None = None
    precision: str | None = None
    params: float | None = None
    tokens: float | None = None
    role: str = "unspecified"
    claims: tuple[int, ...] = ()  # indices into DocumentResult.claims
    estimate: Estimate | None = None
    run: str = ""  # "run-1", "run-2", ... in document order: the id its claims carry
    # The paper's main training run: its largest own training report (one per paper at most).
    # The verdict's "complete" and PL105's estimate read this one, never an ablation's.
    main: bool = False
    # Fields not stated in the run's own sentences but taken from the paper ("hardware": the one
    # accelerator its training claims name), so that a reader can tell them from stated ones.
    inferred: tuple[str, ...] = ()
    # What chip_count and chip_hours count: "chip", or "core" where the paper counts TPU cores.
    count_unit: str = "chip"

    def to_dict(self) -> dict[str, Any]:
        return {
            "hardware": self.hardware,
            "chip_count": self.chip_count,
            "duration_hours": self.duration_hours,
            "chip_hours": self.chip_hours,
            "flop": self.flop,
            "precision": self.precision,
            "params": self.params,
            "tokens": self.tokens,
            "role": self.role,
            "claims": list(self.claims),
            "location": self.location.to_dict(),
            "estimate": self.estimate.to_dict() if self.estimate else None,
            "run": self.run,
            "main": self.main,
            "inferred": list(self.inferred),
            "count_unit": self.count_unit,
        }


Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True)
class Edit:
    """One change to one source file: ``[start, end)`` of its decoded text becomes ``content``
    (``start == end`` inserts). Offsets come from the Document's source map, never from searching
    the words again; ``location`` is the same range as 1-based lines and columns (code points).

    ``digest`` identifies the file's text the offsets were computed on (:func:`text_digest`): an
    edit is applied only to that very text, so a file changed since it was read is never
    corrupted."""

    file: str  # the source file's name in Document.sources (relative to the paper's root dir)
    start: int
    end: int
    content: str
    location: Location
    digest: str


@dataclass(frozen=True)
class Fix:
    """The edits that resolve one finding, applied all together or not at all.

    ruff's meaning of applicability: a ``safe`` fix keeps the paper's meaning and is applied by
    ``--fix``; an ``unsafe`` one may change what the paper says (a sentence added) and is applied
    only with ``--unsafe-fixes``."""

    edits: tuple[Edit, ...]
    applicability: Applicability
    description: str


def text_digest(text: str) -> str:
    """The identity of a source file's decoded text, as :class:`Edit` records it.

    Every fix of a file asks for the same text's digest, and a long paper has hundreds of fixes:
    hashing the whole file each time made a check quadratic in the paper's length. The last few
    texts' digests are kept, found by the text object itself (an identity test, never a hash of
    the text)."""
    import hashlib

    kept = _DIGESTS.get(id(text))
    if kept is not None and kept[0] is text:
        return kept[1]
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    if len(_DIGESTS) >= _DIGESTS_KEPT:
        _DIGESTS.clear()
    _DIGESTS[id(text)] = (text, digest)
    return digest


_DIGESTS_KEPT = 4  # texts whose digest is kept (each text is kept alive with it)
_DIGESTS: dict[int, tuple[str, str]] = {}


@dataclass(frozen=True)
class Finding:
    """One problem a rule found, at a place in the author's source."""

    code: str
    name: str
    severity: Severity
    message: str
    location: Location
    suggestion: str | None = None
    confidence: float = 1.0
    # A literal edit: the text that should replace the author's source at ``location`` (set only
    # when the source range holds exactly the words flagged, e.g. "FLOPs" -> "FLOP"). SARIF emits
    # it as a fix; not part of the JSON contract.
    replacement: str | None = None
    # The edits that fix it (``paperlint check --fix``, the server's code actions); not part of
    # the JSON contract.
    fix: Fix | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "location": self.location.to_dict(with_end=True),
            "suggestion": self.suggestion,
            "confidence": self.confidence,
        }


@dataclass(frozen=True)
class Coverage:
    """statcheck's lesson: how much was read, so "no findings" never means "nothing read"."""

    statements: int = 0  # sentences or table rows holding at least one compute claim
    parsed: int = 0  # of those, how many were turned into a compute report
    flagged: int = 0  # findings raised

    def to_dict(self) -> dict[str, int]:
        return {"statements": self.statements, "parsed": self.parsed, "flagged": self.flagged}


@dataclass(frozen=True)
class DocumentResult:
    """The result for one input path: a paper checked, or the reason it could not be read."""

    path: str
    format: str | None
    files: tuple[str, ...] = ()
    verdict: Verdict | None = None
    claims: tuple[Claim, ...] = ()
    compute_reports: tuple[ComputeReport, ...] = ()
    findings: tuple[Finding, ...] = ()
    coverage: Coverage = Coverage()
    error: str | None = None
    root: str | None = None  # the directory source files are relative to, as the user sees it


    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "files": list(self.files),
            "verdict": self.verdict,
            "claims": [claim.to_dict() for claim in self.claims],
            "compute_reports": [report.to_dict() for report in self.compute_reports],
            "findings": [finding.to_dict() for finding in self.findings],
            "coverage": self.coverage.to_dict(),
            "error": self.error,
            "root": self.root,
        }


@dataclass(frozen=True)
class ChangedLines:
    """The lines a change touched (``--diff-base``): what reviewdog's ``added`` filter keeps.

    Paths are POSIX and relative to ``root`` (the git top level); ``whole`` holds files changed
    as a whole (binary files such as a PDF, files new to git). Not part of the JSON report."""

    base: str  # the commit the working tree was compared with
    root: str  # absolute path of the repository's top level
    lines: dict[str, frozenset[int]] = field(default_factory=dict)
    whole: frozenset[str] = frozenset()

    def touches_file(self, path: str) -> bool:
        return path in self.whole or bool(self.lines.get(path))

    def touches(self, path: str, line: int, end_line: int | None = None) -> bool:
        """Whether any line of ``line``..``end_line`` of ``path`` was added or changed."""
        if path in self.whole:
            return True
        changed = self.lines.get(path, frozenset())
        return any(number in changed for number in range(line, max(line, end_line or line) + 1))


@dataclass(frozen=True)
class Report:
    """Everything one run of paperlint found, over one or more documents."""

    documents: tuple[DocumentResult, ...]
    version: str = ""
    # Where SARIF, annotation and Code Quality paths are relative to (--project-root); None: the
    # git root above the working directory (paperlint.report.paths). Not in the JSON report.
    project_root: str | None = None
    # Set when findings were filtered to a change (--diff-base): reporters put findings on
    # changed lines first. Not in the JSON report.
    changes: ChangedLines | None = None

    @property
    def findings(self) -> tuple[Finding, ...]:
        return tuple(f for d in self.documents for f in d.findings)

    @property
    def errors(self) -> int:
        return sum(1 for d in self.documents if d.error is not None)

    def summary(self) -> dict[str, int]:
        return {
            "documents": len(self.documents),
            "findings": len(self.findings),
            "errors": self.errors,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "tool": {"name": "paperlint", "version": self.version},
            "schema_version": 1,
            "documents": [document.to_dict() for document in self.documents],
            "summary": self.summary(),
        }
