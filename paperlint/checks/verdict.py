"""The verdict: complete, partial or missing, exactly the corpus's gold-label rules.

- complete: for the paper's own main training, the hardware type AND (chip count AND training
  time, or chip-hours with the type), OR the total training FLOP;
- partial: at least one detail about the paper's own compute from any phase (hardware type, chip
  count, wall-clock time or runtime of its own runs, chip-hours, numeric precision, or parameters
  together with training tokens) but not enough for complete;
- missing: none of that. Epochs or steps, parameter counts alone, dataset sizes, acknowledgments,
  checklist text, per-example FLOP and other papers' figures do not count (extraction gives those
  claims roles outside OWN_ROLES, or no claim at all).

"Main training" is a training or fine-tuning run, or an own run whose phase the paper does not
name ("unspecified"): papers often just say "we trained on ..." in passing, and the extractor
marks a run as inference only when the sentence says so.
"""

from __future__ import annotations

from dataclasses import replace

from paperlint.checks.context import OWN_ROLES, TRAINING_ROLES
from paperlint.extract import Extraction
from paperlint.model import Claim, ComputeReport, Verdict

# Claim types that are, on their own, a detail about the paper's own compute.
DETAIL_TYPES = frozenset({"hardware", "chip_count", "duration", "chip_hours", "flop", "precision"})


def is_complete_report(report: ComputeReport) -> bool:
    """One run that states its compute: hardware with (count and time, or chip-hours), or FLOP."""
    if report.role not in TRAINING_ROLES:
        return False
    if report.flop is not None and report.flop > 0:
        return True
    # A chip the report only inferred (the paper's one accelerator) is no stated hardware: the
    # piecemeal case has its own, stricter rule (complete_across_reports).
    if report.hardware is None or "hardware" in report.inferred:
        return False
    has_count_and_time = report.chip_count is not None and report.duration_hours is not None
    return has_count_and_time or report.chip_hours is not None


_FIELDS_OF_A_RUN = ("hardware", "chip_count", "duration_hours", "chip_hours", "flop", "precision",
                    "params", "tokens")


def with_main_run(reports: tuple[ComputeReport, ...]) -> tuple[ComputeReport, ...]:
    """``reports`` with the paper's main training run marked (``main``): among its own training
    reports, the largest by FLOP (stated, else estimated), then one whose phase is said
    (training, fine-tuning) before one whose phase is not, then the one that states most, then
    the first. Size comes first because a phase word can name a part of a run ("Each epoch took
    40 minutes" is said to be training; the 2-day run before it is not). Ablations, searches,
    inference and other works' runs are never the main run."""
    candidates = [index for index, report in enumerate(reports) if report.role in TRAINING_ROLES]
    if not candidates:
        return reports

    def rank(index: int) -> tuple[float, bool, bool, int, int]:
        report = reports[index]
        size = report.flop or (report.estimate.flop if report.estimate is not None else 0.0)
        stated = sum(getattr(report, name) is not None for name in _FIELDS_OF_A_RUN)
        return (size, report.role != "unspecified", is_complete_report(report), stated, -index)

    chosen = max(candidates, key=rank)
    return tuple(replace(report, main=index == chosen) for index, report in enumerate(reports))


def _states_training_flop(claims: tuple[Claim, ...]) -> bool:
    # A total-FLOP sentence may stand alone, outside any grouped report ("In total, training
    # used 2.1e22 FLOP."): per-example costs carry their own role and never reach here.
    return any(c.type == "flop" and c.role in TRAINING_ROLES for c in claims)


# A training set has at least this many tokens: below it a token count is a context window, an
# input length or a vocabulary (the largest of those run to a few hundred thousand). Not the
# estimator's per-parameter floor (paperlint.estimate.MIN_TOKENS_PER_PARAMETER, which also refuses
# tokens per batch for a 6ND figure): fine-tuning an 8B model on 5M tokens is a partial report.
MIN_TRAINING_TOKENS = 1e6


def _has_detail(extraction: Extraction) -> bool:
    own = [c for c in extraction.claims if c.role in OWN_ROLES]
    if any(c.type in DETAIL_TYPES for c in own):
        return True
    for report in extraction.compute_reports:
        if report.role not in OWN_ROLES:
            continue
        details = (report.hardware, report.chip_count, report.duration_hours, report.chip_hours,
                   report.flop, report.precision)  # fmt: skip
        if any(value is not None for value in details):
            return True
        # Parameters with tokens count only for training ("32B" and a 32,768-token generation
        # limit in an evaluation sentence are no 6ND).
        if report.params is not None and report.tokens is not None and (
                report.role in TRAINING_ROLES and report.tokens >= MIN_TRAINING_TOKENS):
            return True
    # Parameters with training tokens let a reader estimate 6ND; a bare parameter count (or a
    # bare corpus size) does not, so both must be stated for the paper's own training. Fewer
    # tokens than MIN_TRAINING_TOKENS are a context, a length or a vocabulary ("our 7B model uses
    # a 64k-token vocabulary and 8k-token contexts"), never a training set.
    training = [c for c in own if c.role in TRAINING_ROLES]
    return any(c.type == "params" for c in training) and any(
        c.type == "tokens" and isinstance(c.value, int | float) and c.value >= MIN_TRAINING_TOKENS
        for c in training)


def sole_training_accelerator(extraction: Extraction) -> str | None:
    """The one accelerator (CPUs aside) the paper's training claims name, or None when they name
    none or several: then which chip a bare count or time belongs to would be a guess."""
    hardware = {str(c.value) for c in extraction.claims
                if c.role in TRAINING_ROLES and c.type == "hardware" and c.value != "cpu"}
    return next(iter(hardware)) if len(hardware) == 1 else None


def complete_across_reports(extraction: Extraction) -> bool:
    """A run described piecemeal ("on one GTX 1080 Ti" in the text, "2 days" in a table): when
    the paper's training claims name exactly one accelerator, its counts and times are that
    accelerator's. Two different accelerators make the pairing a guess, so then no."""
    training = [c for c in extraction.claims if c.role in TRAINING_ROLES]
    # A count, and a time that is said to be a training or fine-tuning run's (a count or a time
    # whose phase is not named anchors on the one accelerator: "GPU: 2x TITAN X" in a list).
    # Counts whose phase is not named pair only when they agree: a tool served on 8 GPUs and a
    # benchmark on one leave the training run's count a guess.
    named = any(c.type == "chip_count" and c.role in ("training", "fine-tuning") for c in training)
    loose = {c.value for c in training if c.type == "chip_count"}
    counted = named or len(loose) == 1
    if not any(c.type in ("duration", "chip_count", "hardware")
               and c.role in ("training", "fine-tuning") for c in extraction.claims):
        return False
    # Durations in tables often carry no phase ("unspecified"); the named hardware anchors them.
    timed = any(c.type == "duration" and c.role in TRAINING_ROLES for c in extraction.claims)
    return sole_training_accelerator(extraction) is not None and counted and timed


def decide_verdict(extraction: Extraction) -> Verdict:
    """The verdict for one document's extraction (see the module docstring for the rules)."""
    if any(is_complete_report(r) for r in extraction.compute_reports):
        return "complete"
    if complete_across_reports(extraction):
        return "complete"
    if _states_training_flop(extraction.claims):
        return "complete"
    if _has_detail(extraction):
        return "partial"
    return "missing"
