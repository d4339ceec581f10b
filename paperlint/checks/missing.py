"""PL1xx: a missing or partial compute report (the checklists' "what did it run on, for how long").

Every rule here looks only at the paper's own compute (claims and reports with an OWN role).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace

from paperlint.catalogue import Vocabulary, load_catalogue
from paperlint.checks.context import (
    OWN_ROLES,
    TRAINING_ROLES,
    CheckContext,
    report_section_location,
)
from paperlint.checks.fixes import insertion_fix
from paperlint.checks.verdict import (
    complete_across_reports,
    decide_verdict,
    is_complete_report,
)
from paperlint.model import ComputeReport, Finding, Fix
from paperlint.wording import paste_sentence

_PROFILE_ASKS = {
    "flop": "the hardware type and count, the training time, and the total training FLOP",
    "neurips": "the type of compute workers, their memory, the time of execution of each run and "
    "the total compute (NeurIPS checklist item 8)",
    "acl": "the parameter count, the total computational budget (e.g. GPU hours) and the "
    "computing infrastructure (ARR checklist C1)",
    "aaai": "the GPU/CPU models, the amount of memory and the software versions (AAAI "
    "reproducibility checklist)",
}


def check_missing(ctx: CheckContext) -> Iterator[Finding]:
    if "PL101" in ctx.enabled and decide_verdict(ctx.extraction) == "missing":
        yield ctx.finding(
            "PL101",
            "no compute report: no hardware, chip count, training time, chip-hours or FLOP is "
            "given for the paper's own experiments",
            report_section_location(ctx.document),
            suggestion=f"State {_PROFILE_ASKS[ctx.profile.name]}, e.g. \"Training took 36 hours "
            'on 8 NVIDIA A100 GPUs (about 3.6e20 FLOP)."',
        )
    yield from _one_per_table(ctx, _run_findings(ctx))
    yield from _missing_total_flop(ctx)
    yield from _missing_memory(ctx)
    yield from _missing_parameters(ctx)
    yield from _missing_software(ctx)


def _run_findings(ctx: CheckContext) -> Iterator[tuple[ComputeReport, Finding]]:
    """PL102-PL104 for each run, with the report each finding is about."""
    # The verdict reads a training run described piecemeal (one accelerator named in the text,
    # counts and times elsewhere) as complete; the per-run rules read it the same way, so a
    # table of times beside "on a single GTX 1080 Ti" is not four runs without hardware.
    piecemeal = complete_across_reports(ctx.extraction)
    for report in ctx.reports:
        if report.role not in ctx.profile.run_roles:
            continue
        if report.flop is not None or _covered_elsewhere(report, ctx.reports):
            continue
        # A training run told without its chip already carries the paper's one accelerator
        # (extraction's `inferred`), so the findings name it.
        if report.role in TRAINING_ROLES and piecemeal:
            continue
        yield from ((report, finding) for finding in _per_run(ctx, report))


def _table_of(ctx: CheckContext, report: ComputeReport) -> int | None:
    """The index of the table whose rows hold all of the report's claims, if any."""
    claims = ctx.report_claims(report)
    if not claims:
        return None
    for index, table in enumerate(ctx.document.tables):
        if all(table.start <= c.start and c.end <= table.end for c in claims):
            return index
    return None


def _one_per_table(ctx: CheckContext, found: Iterator[tuple[ComputeReport, Finding]]
                   ) -> Iterator[Finding]:
    """One finding per rule and table: rows of one table (one run per row) that all miss the
    same detail are one problem for the author, stated once at the first such row."""
    by_table: dict[tuple[str, int], list[Finding]] = {}
    order: list[tuple[str, int] | Finding] = []
    for report, finding in found:
        table = _table_of(ctx, report)
        if table is None:
            order.append(finding)
            continue
        key = (finding.code, table)
        if key not in by_table:
            by_table[key] = []
            order.append(key)
        by_table[key].append(finding)
    for item in order:
        if isinstance(item, Finding):
            yield item
            continue
        group = by_table[item]
        first = group[0]
        if len(group) == 1:
            yield first
            continue
        more = len(group) - 1
        yield replace(
            first,
            message=f"{first.message}; so do {more} more row{'s' if more > 1 else ''} of this "
            "table",
            confidence=min(f.confidence for f in group),
        )


def _covered_elsewhere(report: ComputeReport, reports: tuple[ComputeReport, ...]) -> bool:
    """A fragment of a run already stated completely ("We train on 8 A100s for 3 days. Training
    used bf16 on the A100s.") is not a second, incomplete run: skip it."""
    def phase(role: str) -> str:
        # Extraction often cannot tell "training" from "unspecified" in a follow-up sentence.
        return "training" if role in TRAINING_ROLES else role

    return any(
        other is not report
        and phase(other.role) == phase(report.role)
        and is_complete_report(other)
        and (report.hardware is None or report.hardware == other.hardware)
        for other in reports
    )


def _per_run(ctx: CheckContext, report: ComputeReport) -> Iterator[Finding]:
    has_time = report.duration_hours is not None
    has_count = report.chip_count is not None
    if report.chip_hours is not None:
        return  # chip-hours are a budget; without the type PL203 says so
    if report.hardware is None:
        if "PL102" in ctx.enabled and (has_time or has_count):
            what = " and ".join(
                part
                for part, present in (
                    (f"{report.chip_count:g} chips" if has_count else "", has_count),
                    (f"{report.duration_hours:g} hours" if has_time else "", has_time),
                )
                if present
            )
            yield ctx.finding(
                "PL102",
                f"compute report ({what}) does not say which hardware",
                ctx.report_location(report, "chip_count", "duration"),
                suggestion='Name the accelerator, e.g. "8 NVIDIA V100 (32 GB) GPUs".',
                confidence=ctx.report_confidence(report),
            )
        return
    entry = ctx.hardware(report.hardware)
    if entry is not None and entry.kind == "cpu":
        return  # a CPU named beside the run (data loading, a host) is not the compute to measure
    name = _hardware_name(ctx, report)
    if not has_time and "PL103" in ctx.enabled:
        yield ctx.finding(
            "PL103",
            f"compute report names the hardware ({name}) but not how long it ran",
            ctx.report_location(report, "hardware"),
            suggestion="Add the wall-clock training time or the total GPU-hours.",
            confidence=ctx.report_confidence(report),
        )
    elif has_time and not has_count and "PL104" in ctx.enabled:
        yield ctx.finding(
            "PL104",
            f"compute report gives the hardware ({name}) and time but not how many chips",
            ctx.report_location(report, "hardware"),
            suggestion=f'Give the count, e.g. "on 16 {name}", or the total GPU-hours.',
            confidence=ctx.report_confidence(report),
        )


def _hardware_name(ctx: CheckContext, report: ComputeReport) -> str:
    entry = ctx.hardware(report.hardware)
    return entry.name if entry is not None else str(report.hardware)


def _missing_total_flop(ctx: CheckContext) -> Iterator[Finding]:
    if "PL105" not in ctx.enabled:
        return
    stated = any(c.type == "flop" and c.role in TRAINING_ROLES for c in ctx.claims) or any(
        r.flop is not None for r in ctx.own_reports(TRAINING_ROLES)
    )
    if stated:
        return
    # One estimate per paper: its main training run's (an ablation's or a second stage's
    # figures are no training budget of the paper).
    for report in ctx.own_reports(TRAINING_ROLES):
        estimate = report.estimate
        if estimate is None or not report.main:
            continue
        where = ctx.report_location(report, "hardware", "chip_hours", "params", "duration")
        if estimate.method == "disagreeing":
            # No sentence to paste: one of the figures is wrong, and only the author knows which.
            hw = estimate.assumptions["hardware_estimate"]
            arch = estimate.assumptions["architecture_estimate"]
            factor = estimate.assumptions["disagreement_factor"]
            yield ctx.finding(
                "PL105",
                "total training compute is not stated, and the two estimates disagree by "
                f"{factor:.0f}x: {hw['flop']:.2g} FLOP from the hardware and time "
                f"({hw['low']:.2g}-{hw['high']:.2g}), {arch['flop']:.2g} FLOP from 6ND "
                f"({arch['low']:.2g}-{arch['high']:.2g}); check the chip count, training time, "
                "parameters and training tokens",
                where, confidence=ctx.report_confidence(report),
            )
            continue
        # LaTeX source gets a sentence in LaTeX it can take as is; a PDF's author gets text.
        sentence = paste_sentence(estimate, latex=ctx.document.format == "latex")
        finding = ctx.finding(
            "PL105",
            f"total training compute is not stated; estimated {estimate.flop:.2g} FLOP "
            f"(plausible range {estimate.low:.2g}-{estimate.high:.2g}, {estimate.method} "
            "method)",
            where,
            suggestion=sentence,
            confidence=ctx.report_confidence(report),
        )
        yield replace(finding, fix=_paste_fix(ctx, report, sentence))


def _paste_fix(ctx: CheckContext, report: ComputeReport, sentence: str) -> Fix | None:
    """PL105's fix: the paste-ready sentence inserted right after the sentence that holds the
    report's last claim, in whichever file and line that sentence is. Unsafe: it adds a claim to
    the paper, which its author must check against their logs. None for a report read from a table
    (a sentence does not belong in a cell) or a sentence without a full stop of its own in the
    source (one produced by a macro)."""
    claims = ctx.report_claims(report)
    if not claims or any(row.start <= c.start < row.end for c in claims
                         for table in ctx.document.tables for row in table.rows):
        return None
    text = ctx.document.text
    last = max(claims, key=lambda claim: claim.end)
    low, end = ctx.sentence_around(last.start, last.end)
    while end > low and text[end - 1].isspace():
        end -= 1
    if end <= last.end or text[end - 1] not in ".!?":
        return None
    return insertion_fix(ctx.document, end, " " + sentence, applicability="unsafe",
                         description="Insert the estimate after the compute report's sentence")


# A memory size (the catalogue's memory units) in a sentence that names a chip the paper's claims
# read, or a memory word (the catalogue's memory types and chip nouns): "8 B200 (80 GB)",
# "512 GB of RAM". The words are the catalogue's [vocabulary]; a new chip needs no change here.
@functools.lru_cache(maxsize=4)
def _memory_words(vocabulary: Vocabulary) -> re.Pattern[str]:
    words = sorted((*vocabulary.memory_types, *vocabulary.lookup_nouns), key=len, reverse=True)
    alternatives = "|".join(re.escape(word) for word in words) or "(?!)"
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def _mentions_memory(ctx: CheckContext) -> bool:
    text = ctx.document.text
    vocabulary = (ctx.catalogue or load_catalogue()).vocabulary
    words = _memory_words(vocabulary)
    for match in vocabulary.memory.finditer(text):
        low, high = ctx.sentence_around(match.start(), match.end())
        if any(claim.type == "hardware" for claim in ctx.claims_in(low, high)):
            return True
        if words.search(text, low, high):
            return True
    return False


def _describes_own_compute(ctx: CheckContext) -> bool:
    return decide_verdict(ctx.extraction) != "missing"


def _missing_memory(ctx: CheckContext) -> Iterator[Finding]:
    if "PL106" not in ctx.enabled or not _describes_own_compute(ctx):
        return
    if _mentions_memory(ctx):
        return
    hardware = next(ctx.own_claims("hardware"), None)
    location = hardware.location if hardware else report_section_location(ctx.document)
    yield ctx.finding(
        "PL106",
        "the paper's hardware is described but no memory size is given",
        location,
        suggestion='Add the accelerator memory and host RAM, e.g. "A100 (80 GB) GPUs, 512 GB RAM".',
    )


# Roles under which a parameter count still describes a model the paper used.
_USED_MODEL_ROLES = OWN_ROLES | {"other-work"}


def _missing_parameters(ctx: CheckContext) -> Iterator[Finding]:
    if "PL107" not in ctx.enabled or not _describes_own_compute(ctx):
        return
    if any(c.type == "params" and c.role in _USED_MODEL_ROLES for c in ctx.claims):
        return
    if any(r.params is not None for r in ctx.own_reports()):
        return
    yield ctx.finding(
        "PL107",
        "the paper's compute is described but no parameter count is given for its models",
        report_section_location(ctx.document),
        suggestion='State each model\'s size, e.g. "our tagger has 110M parameters".',
    )


@functools.lru_cache(maxsize=4)
def _software_version(names: tuple[str, ...]) -> re.Pattern[str]:
    """A software name of rules/ ([software]) followed by a version: "PyTorch 2.1", "CUDA v12.1"."""
    spelled = sorted((r"\s*".join(map(re.escape, name.split())) for name in names), key=len,
                     reverse=True)
    return re.compile(
        rf"(?<![\w-])(?:{'|'.join(spelled) or '(?!)'})(?![\w-])"
        r"[\s(,]{0,3}(?:version\s+|ver\.?\s*|v\.?\s*)?\d+\.\d+",
        re.IGNORECASE,
    )


def _missing_software(ctx: CheckContext) -> Iterator[Finding]:
    if "PL108" not in ctx.enabled or not _describes_own_compute(ctx):
        return
    if _software_version(ctx.rules.software).search(ctx.document.text):
        return
    yield ctx.finding(
        "PL108",
        "the paper's compute is described but no software library is named with its version",
        report_section_location(ctx.document),
        suggestion='Give the versions, e.g. "PyTorch 2.1.0 with CUDA 12.1 on Ubuntu 22.04".',
    )
