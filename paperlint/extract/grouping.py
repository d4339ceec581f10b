"""Grouping claims into compute reports: one per run the paper describes.

Claims belong together when they are in the same sentence or table row, or in the next sentence of
the same paragraph that continues it ("We train on 8 V100 GPUs. Training takes 3 days."). A sentence
that repeats a type with a new value describes a second run ("9 days on 512 GPUs, then 30 days on
1024 GPUs" is two reports). Per-example costs and hardware specifications describe no run.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from paperlint.model import Claim, ComputeReport

_NO_RUN_ROLES = frozenset({"per-example", "specification"})
_PHASES = frozenset({"training", "fine-tuning", "inference"})
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
    mine = run.role()
    return all(r in ("unspecified", mine) or mine == "unspecified" for r in roles)


def group_claims(claims: Sequence[Claim], paragraphs: Sequence[int],
                 hosts: Collection[str] = ()) -> list[ComputeReport]:
    """Compute reports for ``claims`` (document order); ``paragraphs[i]`` is claim i's paragraph.

    ``hosts``: hardware ids of host processors (CPUs). A run's first hardware names it, except
    that an accelerator named after a host in the same run takes its place ("a four-core Xeon CPU
    with a Tesla K20c GPU" ran on the K20c): the FLOP estimate and the checks need the chip that
    did the work."""
    runs: list[_Run] = []
    by_unit: dict[int, list[int]] = {}
    for index, claim in enumerate(claims):
        if claim.role not in _NO_RUN_ROLES and claim.type in _FIELDS:
            by_unit.setdefault(claim.sentence, []).append(index)
    current: _Run | None = None
    for unit in sorted(by_unit):
        for part in _split_runs([claims[i] for i in by_unit[unit]], by_unit[unit]):
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
                current.values.setdefault(claim.type, claim.value)
                current.claims.append(i)
                current.roles.append(claim.role)
            current.unit = unit
    # A model named with its size ("we also fine-tune ChessGPT-13B") is no run on its own.
    reports = [_report(run, claims) for run in runs if set(run.values) != {"params"}]
    return _with_sole_accelerator(reports, claims, hosts)


_TRAINING = frozenset({"training", "fine-tuning", "unspecified"})


def _with_sole_accelerator(reports: list[ComputeReport], claims: Sequence[Claim],
                           hosts: Collection[str]) -> list[ComputeReport]:
    """A training run told without its chip ("... took 9.5 days on 512 GPUs") runs on the paper's
    accelerator when its training claims name exactly one (CPUs aside): the report takes it, and
    says so in ``inferred``. Two accelerators make it a guess, so then nothing is taken."""
    named = {str(c.value) for c in claims if c.type == "hardware" and c.role in _TRAINING
             and c.value not in hosts and c.value != "cpu"}
    if len(named) != 1:
        return reports
    (sole,) = named
    return [replace(report, hardware=sole, inferred=(*report.inferred, "hardware"))
            if report.hardware is None and report.role in _TRAINING
            and (report.chip_count is not None or report.chip_hours is not None
                 or report.duration_hours is not None)
            else report for report in reports]


def _split_runs(unit_claims: list[Claim], indices: list[int]) -> list[list[int]]:
    """Split one sentence's claims where a type repeats with a new value (a second run)."""
    parts: list[list[int]] = [[]]
    seen: dict[str, float | str] = {}
    named = ""  # the part's role, when a claim of it names one
    for claim, index in zip(unit_claims, indices, strict=True):
        old = seen.get(claim.type)
        # A second chip or model size in a sentence is a list ("Qwen2.5-7B and Llama-3-8B"),
        # not a second run: only a repeated count, time or amount starts one. So does another
        # named role ("...; the ablations took 2,000 GPU-hours": a run of its own).
        # Phases read from the nearest cue ("... for 4 days and fine-tune on ...") are too close
        # to tell apart; a clause's cue (ablations, another work's) is not.
        other_role = (claim.role != "unspecified" and named not in ("", claim.role)
                      and not {claim.role, named} <= _PHASES)
        if other_role or (old is not None and not _same(old, claim.value)
                          and claim.type not in ("hardware", "params")):
            parts.append([])
            seen = {}
            named = ""
        if claim.role != "unspecified":
            named = claim.role
        seen[claim.type] = claim.value
        parts[-1].append(index)
    return [part for part in parts if part]


def _report(run: _Run, claims: Sequence[Claim]) -> ComputeReport:
    def number(key: str) -> float | None:
        value = run.values.get(key)
        return float(value) if isinstance(value, int | float) else None

    hardware = run.values.get("hardware")
    precision = run.values.get("precision")
    count = number("chip_count")
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
    )
