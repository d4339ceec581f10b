"""Grouping claims into compute reports: one per run the paper describes.

Claims belong together when they are in the same sentence or table row, or in the next sentence of
the same paragraph that continues it ("We train on 8 V100 GPUs. Training takes 3 days."). A sentence
that repeats a type with a new value describes a second run ("9 days on 512 GPUs, then 30 days on
1024 GPUs" is two reports). Per-example costs and hardware specifications describe no run. What
the words around the figures say (a mark between two runs, "each run", "the same A40", a count
told again in brackets) is read by ``continuation.py``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

from paperlint.extract.continuation import after_same, cut_after_last_mark, distributes, restated
from paperlint.extract.rule_types import Grouping
from paperlint.model import CORE_UNITS, Claim, ComputeReport

_NO_RUN_ROLES = frozenset({"per-example", "specification"})
_PHASES = frozenset({"training", "fine-tuning", "inference"})
_NOT_OWN = frozenset({"other-work", "hypothetical"})
_FIELDS = {
    "hardware": "hardware", "chip_count": "chip_count", "duration": "duration_hours",
    "chip_hours": "chip_hours", "flop": "flop", "precision": "precision", "params": "params",
    "tokens": "tokens",
}  # fmt: skip


@dataclass
class _Run:
    values: dict[str, float | str] = field(default_factory=dict)
    claims: list[int] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    unit: int = -1
    paragraph: int = -1
    inferred: list[str] = field(default_factory=list)  # figures taken from a sentence after it

    def conflicts(self, claim: Claim) -> bool:
        old = self.values.get(claim.type)
        return old is not None and not _same(old, claim.value)

    def role(self) -> str:
        named = [role for role in self.roles if role != "unspecified"]
        return Counter(named).most_common(1)[0][0] if named else "unspecified"


def _same(a: float | str, b: float | str) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def _compatible(run: _Run, roles: Sequence[str]) -> bool:
    """Whether claims of ``roles`` may join ``run``. A run no cue named takes any role, except
    another work's or a supposed figure: "128 TPU v5e chips for 4 days, far less than the 1,000
    chip-years its predecessor needed" are two runs."""
    mine = run.role()
    if mine == "unspecified":
        return not (run.claims and any(r in _NOT_OWN for r in roles))
    return all(r in ("unspecified", mine) for r in roles)


def group_claims(claims: Sequence[Claim], paragraphs: Sequence[int],
                 hosts: Collection[str] = (), text: str = "", starts: Sequence[int] = (),
                 words: Grouping | None = None) -> list[ComputeReport]:
    """Compute reports for ``claims`` (document order); ``paragraphs[i]`` is claim i's paragraph.

    ``text``: the document text the claims' offsets point into, ``starts[u]`` the offset of unit
    u (a claim's ``sentence``), ``words`` the grouping words; without them only the claims'
    order and types decide.

    ``hosts``: hardware ids of host processors (CPUs). A run's first hardware names it, except
    that an accelerator named after a host in the same run takes its place ("a four-core Xeon CPU
    with a Tesla K20c GPU" ran on the K20c): the FLOP estimate and the checks need the chip that
    did the work."""
    words = words or Grouping()
    runs: list[_Run] = []
    by_unit: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        if claim.role not in _NO_RUN_ROLES and claim.type in _FIELDS:
            by_unit.setdefault(claim.sentence, []).append(index)
    current: _Run | None = None
    for unit in sorted(by_unit):
        unit_claims = [claims[i] for i in by_unit[unit]]
        again = _told_again(unit_claims, by_unit[unit], text, words)
        for part in _split_runs(unit_claims, by_unit[unit], again, text, words):
            paragraph = paragraphs[part[0]]
            continues = (
                current is not None
                and current.paragraph == paragraph
                and unit - current.unit <= 1
                and not any(current.conflicts(claims[i]) for i in part)
                and _compatible(current, [claims[i].role for i in part])
            )
            if not continues or current is None:
                current = _Run(unit=unit, paragraph=paragraph)
                runs.append(current)
            for i in part:
                claim = claims[i]
                if (claim.type == "hardware" and current.values.get("hardware") in hosts
                        and claim.value not in hosts):
                    current.values["hardware"] = claim.value
                if i in again:  # "(16 TPU chips total)": the total in chips stands
                    current.values[claim.type] = claim.value
                # "Our models (3B, 11B) were trained on ...": one run for sizes listed
                # together; its largest model is what the compute is for.
                old_size = current.values.get("params")
                if (claim.type == "params" and isinstance(old_size, float | int)
                        and isinstance(claim.value, float | int) and claim.value > old_size):
                    current.values["params"] = claim.value
                current.values.setdefault(claim.type, claim.value)
                current.claims.append(i)
                current.roles.append(claim.role)
            current.unit = unit
        if 0 <= unit < len(starts) and distributes(text[starts[unit]:], words):
            _distribute(runs, unit_claims, by_unit[unit][0])
    # A model named with its size ("we also fine-tune ChessGPT-13B") is no run on its own.
    reports = [_report(run, claims) for run in runs if set(run.values) != {"params"}]
    reports = _with_same_chip(reports, claims, text, words)
    return _with_setup_count(_with_sole_accelerator(reports, claims, paragraphs, hosts))


def _told_again(unit_claims: Sequence[Claim], indices: Sequence[int], text: str,
                words: Grouping) -> set[int]:
    """The counts of a sentence that tell the count before them again ("4 Cloud TPUs (16 TPU
    chips total)"): the indices of the second ones."""
    out: set[int] = set()
    earlier: Claim | None = None
    for claim, index in zip(unit_claims, indices, strict=True):
        if claim.type != "chip_count":
            continue
        if earlier is not None and restated(earlier, claim, text, words):
            out.add(index)
        earlier = claim
    return out


def _distribute(runs: list[_Run], unit_claims: Sequence[Claim], first: int) -> None:
    """A sentence that opens "Each run ..." or "Both stages ..." (``unit_claims``, the first of
    them claim ``first``) tells a figure of every run just told in its paragraph: the runs
    before its own that lack the figure take it, inferred. A model size stays its own run's."""
    holder = next(k for k, run in enumerate(runs) if first in run.claims)
    given: dict[str, float | str] = {}
    for claim in unit_claims:
        if claim.type != "params":
            given.setdefault(claim.type, claim.value)
    roles = [claim.role for claim in unit_claims]
    for run in reversed(runs[:holder]):
        if run.paragraph != runs[holder].paragraph:
            break
        if not _compatible(run, roles):
            continue
        for key, value in given.items():
            if key not in run.values:
                run.values[key] = value
                run.inferred.append(_FIELDS[key])


def _with_same_chip(reports: list[ComputeReport], claims: Sequence[Claim], text: str,
                    words: Grouping) -> list[ComputeReport]:
    """A run that names its chip as "the same A40" and gives no count ran on the count of the
    last run before it on that chip: the report takes it, inferred."""
    out: list[ComputeReport] = []
    for report in reports:
        if (text and report.hardware is not None and report.chip_count is None
                and "hardware" not in report.inferred
                and any(claims[i].type == "hardware" and after_same(text, claims[i].start, words)
                        for i in report.claims)):
            earlier = next((r for r in reversed(out) if r.hardware == report.hardware
                            and r.chip_count is not None), None)
            if earlier is not None:
                report = replace(report, chip_count=earlier.chip_count,
                                 inferred=(*report.inferred, "chip_count"))
        out.append(report)
    return out


_TRAINING = frozenset({"training", "fine-tuning", "unspecified"})


def _with_sole_accelerator(reports: list[ComputeReport], claims: Sequence[Claim],
                           paragraphs: Sequence[int], hosts: Collection[str]
                           ) -> list[ComputeReport]:
    """A training run told without its chip ("... lasted 8.5 days on 384 GPUs") runs on the paper's
    accelerator when its training and ablation claims name exactly one (CPUs aside): the report
    takes it, and says so in ``inferred``. Where they name several, it runs on the accelerator
    last named for the paper's own work before it, in its paragraph or the one before ("Our
    cluster has 1024 H100 GPUs. ... Pre-training lasted 8.5 days on 384 GPUs"), if that paragraph
    names no other; further back it would be a guess."""
    def accelerator(claim: Claim) -> bool:
        return claim.type == "hardware" and claim.value not in hosts and claim.value != "cpu"

    # An ablation or a search runs on the paper's own chips too: "the search used 400 GPU-hours
    # on A100s; the main run used 2,000 GPU-hours" names one accelerator.
    named = {str(c.value) for c in claims if accelerator(c) and c.role in _TRAINING | {"ablation"}}
    sole = next(iter(named)) if len(named) == 1 else None
    out = []
    carried: dict[int, str] = {}  # claims of runs that took a chip: they pass it on
    for report in reports:
        if (report.hardware is None and report.role in _TRAINING
                and (report.chip_count is not None or report.chip_hours is not None
                     or report.duration_hours is not None)):
            chip = sole or _last_named(min(report.claims), claims, paragraphs, accelerator,
                                       carried)
            if chip is not None:
                report = replace(report, hardware=chip, inferred=(*report.inferred, "hardware"))
                if report.chip_count is not None:  # it speaks of chips: "on 512 GPUs"
                    carried.update((index, chip) for index in report.claims)
        out.append(report)
    return out


def _last_named(first: int, claims: Sequence[Claim], paragraphs: Sequence[int],
                accelerator: Callable[[Claim], bool], carried: dict[int, str]) -> str | None:
    """The accelerator named for the paper's own training last before claim ``first``, in the
    paragraph of ``first`` or the one before it (of those holding claims). A paragraph that
    names two ("A100 GPUs for training and V100 GPUs for the probes") leaves it unknown. A run
    on a count of chips that took its chip so (``carried``: its claims) names it for the runs
    after it, so that a list of stages, one item each, all run on the cluster named before the
    list."""
    crossed = 0
    chips: set[str] = set()
    for index in range(first - 1, -1, -1):
        if paragraphs[index] != paragraphs[index + 1]:
            if chips:
                break
            crossed += 1
            if crossed > 1:
                return None
        claim = claims[index]
        if accelerator(claim) and claim.role in _TRAINING:
            chips.add(str(claim.value))
        elif index in carried:
            chips.add(carried[index])
    return next(iter(chips)) if len(chips) == 1 else None


def _with_setup_count(reports: list[ComputeReport]) -> list[ComputeReport]:
    """A training run told by its time alone ("Training the small model takes 6 hours"), whose
    chip was inferred, runs on the paper's setup: it takes the chip count too when every own
    training report that names that chip gives the same count ("on a single RTX 3090"). Several
    counts make it a guess; a run with chip-hours or FLOP keeps what it states, so that no check
    compares a stated figure with an inferred one."""
    counts: dict[str, set[int]] = {}
    for report in reports:
        if (report.hardware is not None and "hardware" not in report.inferred
                and report.role in _TRAINING and report.chip_count is not None):
            counts.setdefault(report.hardware, set()).add(report.chip_count)
    out = []
    for report in reports:
        setup = counts.get(report.hardware or "", set())
        if ("hardware" in report.inferred and report.chip_count is None
                and report.duration_hours is not None and report.chip_hours is None
                and report.flop is None and len(setup) == 1):
            report = replace(report, chip_count=next(iter(setup)),
                             inferred=(*report.inferred, "chip_count"))
        out.append(report)
    return out


def _split_runs(unit_claims: list[Claim], indices: list[int],
                again: Collection[int] = (), text: str = "",
                words: Grouping | None = None) -> list[list[int]]:
    """Split one sentence's claims where a type repeats with a new value (a second run); a
    count told again in brackets (``again``: its index) is no new value.

    The second run begins after the last mark (a comma, "and", a bracket) between the run's
    figure of that type and the repeated one: in "~47 days (with restarts) The first phase on
    5.5T tokens took 9.5 days" the tokens are the second run's. With no mark there, it begins
    just before the repeated figure, or at a model size standing between the two figures."""
    parts: list[list[int]] = [[]]
    seen: dict[str, float | str] = {}
    named = ""  # the part's role, when a claim of it names one
    for position, (claim, index) in enumerate(zip(unit_claims, indices, strict=True)):
        old = seen.get(claim.type)
        # A second chip or model size in a sentence is a list ("Qwen2.5-7B and Llama-3-8B"),
        # not a second run: only a repeated count, time or amount starts one. So does another
        # named role ("...; the ablations took 2,000 GPU-hours": a run of its own).
        # Phases read from the nearest cue ("... for 4 days and fine-tune on ...") are too close
        # to tell apart; a clause's cue (ablations, another work's) is not.
        other_role = (claim.role != "unspecified" and named not in ("", claim.role)
                      and not {claim.role, named} <= _PHASES)
        # "128 TPU v5e chips for 4 days, far less than the 1,000 chip-years its predecessor
        # needed": another work's or a supposed figure after figures no cue named is another run.
        other_role = other_role or (claim.role in _NOT_OWN and named == "" and bool(parts[-1]))
        repeated = (old is not None and not _same(old, claim.value)
                    and claim.type not in ("hardware", "params") and index not in again)
        if other_role or repeated:
            keep = len(parts[-1])
            if repeated and not other_role:
                run = unit_claims[position - keep : position + 1]
                cut = cut_after_last_mark(run, text, words) if words is not None else None
                keep -= _opening_size(run) if cut is None else cut
            moved = parts[-1][keep:]
            del parts[-1][keep:]
            parts.append(moved)
            opening = unit_claims[position - len(moved) : position]
            seen = {c.type: c.value for c in opening}
            named = next((c.role for c in reversed(opening) if c.role != "unspecified"), "")
        if claim.role != "unspecified":
            named = claim.role
        seen[claim.type] = claim.value
        parts[-1].append(index)
    return [part for part in parts if part]


def _opening_size(run: list[Claim]) -> int:
    """How many claims before the repeated one (the last of ``run``, the current run's claims in
    this sentence) open the next run: from the first model size after the run's figure of the
    repeated type, if one stands there (the size names the run that follows it)."""
    kind = run[-1].type
    first = max((k for k, c in enumerate(run[:-1]) if c.type == kind), default=None)
    if first is None:
        return 0
    size = next((k for k in range(first + 1, len(run) - 1) if run[k].type == "params"), None)
    return 0 if size is None else len(run) - 1 - size


def _report(run: _Run, claims: Sequence[Claim]) -> ComputeReport:
    def number(key: str) -> float | None:
        value = run.values.get(key)
        return float(value) if isinstance(value, int | float) else None

    hardware = run.values.get("hardware")
    precision = run.values.get("precision")
    count = number("chip_count")
    # What the estimate's chip-time counts: the chip-hours if given, else the chip count.
    timed = "chip_hours" if "chip_hours" in run.values else "chip_count"
    counted = next((claims[i].unit for i in run.claims if claims[i].type == timed
                    and _same(claims[i].value, run.values[timed])), None)
    return ComputeReport(
        location=claims[run.claims[0]].location,
        hardware=hardware if isinstance(hardware, str) else None,
        chip_count=int(count) if count is not None else None,
        duration_hours=number("duration"),
        chip_hours=number("chip_hours"),
        flop=number("flop"),
        precision=precision if isinstance(precision, str) else None,
        params=number("params"),
        tokens=number("tokens"),
        role=run.role(),
        claims=tuple(run.claims),
        inferred=tuple(run.inferred),
        count_unit="core" if counted in CORE_UNITS else "chip",
    )
