"""PL2xx: ambiguous units and names that make a compute figure unreadable or unrecoverable.

PL201 is about wording, so it looks at every number with a FLOPs/FLOPS unit whoever's compute it
describes: the sentence is the author's either way. PL202-PL204 look only at the paper's own
compute (claims with an OWN role in the same sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlint.checks.context import OWN_ROLES, CheckContext, sentence_bounds
from paperlint.checks.fixes import replacement_fix
from paperlint.model import Claim, Finding

if TYPE_CHECKING:
    from paperlint.catalogue import Catalogue, HardwareEntry

# "FLOPs", "FLOPS", "flops", "TFLOPS", "GFLOPs", "peta-flops": the plural/rate spellings.
_FLOPS = re.compile(
    r"(?<![A-Za-z])(?P<prefix>[kKMGTPEZY]|kilo|mega|giga|tera|peta|exa|zetta)?-?"
    r"(?P<unit>flops)\b",
    re.IGNORECASE,
)
# Spelled as a rate right after: "TFLOPs/s", "FLOPS per second" are unambiguous.
_RATE_AFTER = re.compile(r"\s*(?:/\s*s(?:ec(?:ond)?)?\b|per\s+sec(?:ond)?\b)", re.IGNORECASE)
# A number shortly before the unit: "3.1e21 FLOPs", "45 TFLOPS", "3 × 10^23 FLOPs".
_NUMBER_BEFORE = re.compile(r"\d[\d.,]*(?:\s*(?:[×x*]|\\times)\s*10\^?\{?[-−]?\d+\}?)?\s*[-~]?\s*$")
_PREFIX_CANON = {"kilo": "k", "mega": "M", "giga": "G", "tera": "T", "peta": "P", "exa": "E",
                 "zetta": "Z"}  # fmt: skip


def check_ambiguous(ctx: CheckContext) -> Iterator[Finding]:
    if "PL201" in ctx.enabled:
        yield from _flops_unit(ctx)
    if "PL202" in ctx.enabled:
        yield from _tpu_units(ctx)
    if "PL203" in ctx.enabled:
        yield from _chip_hours_without_type(ctx)
    if "PL204" in ctx.enabled:
        yield from _ambiguous_hardware(ctx)


def _flops_unit(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    for match in _FLOPS.finditer(text):
        if _RATE_AFTER.match(text, match.end()):
            continue
        if not _NUMBER_BEFORE.search(text[max(0, match.start() - 30) : match.start()]):
            continue  # "we report FLOPs" with no figure is prose, not a compute statement
        written_prefix = match.group("prefix") or ""
        prefix = _PREFIX_CANON.get(written_prefix.lower(), written_prefix)
        prefix = prefix if prefix == "k" else prefix.upper()
        written = match.group(0)
        kinds = {
            c.type
            for c in ctx.claims_in(match.start(), match.end())
            if c.type in ("flop", "flop_rate")
        }
        replacement: str | None = None
        if kinds == {"flop"}:
            message = (f'"{written}" is used for an amount of computation but also reads as a '
                       f'rate (per second); write "{prefix}FLOP"')
            fix = replacement = f"{prefix}FLOP"
        elif kinds == {"flop_rate"}:
            message = (f'"{written}" is used for a rate but also reads as a plural count; write '
                       f'"{prefix}FLOP/s"')
            fix = replacement = f"{prefix}FLOP/s"
        else:
            message = (f'"{written}" can mean an amount of computation or a rate; write '
                       f'"{prefix}FLOP" for an amount or "{prefix}FLOP/s" for a rate')
            fix = f"{prefix}FLOP or {prefix}FLOP/s"
        location = ctx.document.location(match.start(), match.end())
        finding = ctx.finding("PL201", message, location,
                              suggestion=f'Replace "{written}" with "{fix}".',
                              confidence=ctx.text_confidence(match.start(), match.end()))
        if replacement is not None and _literal_span(ctx, match.start(), match.end(), written):
            # An amount written "FLOPs" is wrong under every convention: correcting it keeps the
            # meaning (safe). "TFLOPS" for a rate is the older convention's correct spelling, so
            # rewriting it is the author's choice of style (unsafe: only with --unsafe-fixes).
            edit = replacement_fix(
                ctx.document, match.start(), match.end(), replacement,
                applicability="safe" if kinds == {"flop"} else "unsafe",
                description=f'Replace "{written}" with "{replacement}"',
            )
            finding = replace(finding, replacement=replacement, fix=edit)
        yield finding


def _literal_span(ctx: CheckContext, start: int, end: int, written: str) -> bool:
    """True when the source behind ``[start, end)`` is the written unit character for character on
    one line, so that replacing the finding's source range is the whole fix. A unit produced by a
    macro (``\\flops``), split across lines or read from a PDF is left to the author."""
    if ctx.document.format == "pdf":
        return False  # a PDF is not the author's source: nothing to edit in place
    location = ctx.document.location(start, end)
    return (
        location.end_line == location.line
        and location.end_column is not None
        and ctx.document.source_text(start, end) == written
    )


_TPU_PATTERNS = (
    # Cloud TPU slice names count cores for v2-v4 and v5p ("TPU v3-8" is 4 chips).
    # A bare "v3-8" only on its own: "DeepSeek-V2-0506" is a model's name and version.
    re.compile(r"\bTPU\s*-?\s*v\d[a-z]*\s*-\s*\d+\b|(?<![\w-])v(?:[2-7][a-z]*|5litepod)-[1-9]\d*\b",
               re.IGNORECASE),
    re.compile(r"\bTPU\s*(?:v\d[a-z]*\s*)?(?:cores?|TensorCores?|core-(?:hours|days))\b",
               re.IGNORECASE),
    re.compile(r"\bTPU\s*(?:v\d[a-z]*\s*)?(?:devices?|pods?|boards?|slices?)\b", re.IGNORECASE),
    re.compile(r"\b(?:cores?|devices?|pods?|slices?|boards?)\s+of\s+(?:Google\s+)?(?:Cloud\s+)?"
               r"TPU", re.IGNORECASE),
)
_TPU_CORES = re.compile(r"\b\d+\s+(?:TPU\s*)?cores\b", re.IGNORECASE)
_SAYS_CHIPS = re.compile(r"\bchips?\b", re.IGNORECASE)


def _tpu_units(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    matches = [m for pattern in _TPU_PATTERNS for m in pattern.finditer(text)]
    for match in _TPU_CORES.finditer(text):
        low, high = sentence_bounds(text, match.start(), match.end())
        if re.search(r"\bTPU", text[low:high]):
            matches.append(match)
    seen: set[tuple[int, int]] = set()
    for match in sorted(matches, key=lambda m: m.start()):
        sentence = sentence_bounds(text, match.start(), match.end())
        if sentence in seen:
            continue  # one finding per sentence, at its first TPU unit
        if _SAYS_CHIPS.search(text, *sentence):
            continue  # "a v3-8 slice (4 chips)" already gives the chips
        if not ctx.roles_near(match.start(), match.end()) & OWN_ROLES:
            continue
        seen.add(sentence)
        yield ctx.finding(
            "PL202",
            f'"{match.group(0)}" counts TPU cores, devices or slices, not chips; the chip count '
            "(which peak FLOP/s is quoted for) is unclear",
            ctx.document.location(match.start(), match.end()),
            suggestion='State the number of chips, e.g. "4 TPU v3 chips (a v3-8 slice)".',
            confidence=ctx.text_confidence(match.start(), match.end()),
        )


def _chip_hours_without_type(ctx: CheckContext) -> Iterator[Finding]:
    report_of = {index: report for report in ctx.reports for index in report.claims}
    for index, claim in enumerate(ctx.claims):
        if claim.type != "chip_hours" or claim.role not in OWN_ROLES:
            continue
        report = report_of.get(index)
        if report is not None and report.hardware is not None:
            continue
        low, high = sentence_bounds(ctx.document.text, claim.start, claim.end)
        if any(c.type == "hardware" and c.role in OWN_ROLES for c in ctx.claims_in(low, high)):
            continue
        yield ctx.finding(
            "PL203",
            f'"{claim.text}" gives accelerator time without saying which accelerator',
            claim.location,
            suggestion=f'Name the hardware, e.g. "{claim.text} on NVIDIA A100 GPUs".',
            confidence=claim.confidence,
        )


# PL204 reads the catalogue's structured fields: an entry's ``ambiguous_names`` are bare spellings
# that can denote any chip in its ``variants``. The written name is compared after dropping words
# that do not tell the variants apart (vendor and brand words, "GPU", memory sizes), so "NVIDIA GTX
# Titan X 12GB GPUs" is the bare "Titan X", while "Titan X (Pascal)" and "Titan Xp" are not.
_NAME_NOISE = re.compile(
    r"\b(?:nvidia|tesla|geforce|gtx|quadro|google|cloud|amd|instinct|intel|graphcore|huawei|"
    r"tensor\s*cores?|gpus?|chips?|cards?|accelerators?|\d+\s*(?:gb|gib)|\d+\s*[x×])\b|[^a-z0-9]+",
    re.IGNORECASE,
)
# A catalogue default (Epoch reads a bare "V100" as the SXM2 module) is worth a finding only when
# another variant's peak is this much above or below it: smaller gaps are inside the utilization
# uncertainty every estimate carries anyway.
MATERIAL_GAP = 0.15


def _bare(name: str) -> str:
    return _NAME_NOISE.sub("", name.lower())


def ambiguous_alternatives(
    written: str, entry: HardwareEntry, catalogue: Catalogue
) -> list[tuple[HardwareEntry, tuple[float, str] | None]]:
    """The chips that ``written`` (resolved to ``entry``) can denote, with their peaks at the
    entry's default precision, when it is one of the entry's ambiguous names and some variant's
    peak differs from the entry's by more than MATERIAL_GAP; else an empty list."""
    bare = _bare(written)
    if not bare or all(_bare(name) != bare for name in entry.ambiguous_names):
        return []
    known = {chip.id for chip in catalogue.entries}
    chips = [catalogue.get(variant) for variant in entry.variants if variant in known]
    own = entry.peak(None)
    peaks = [(chip, chip.peak(own[1] if own else None)) for chip in chips]
    material = any(
        peak is None or own is None or abs(peak[0] / own[0] - 1) > MATERIAL_GAP
        for chip, peak in peaks
        if chip.id != entry.id
    )
    return peaks if material else []


def _describe(chip: HardwareEntry, peak: tuple[float, str] | None) -> str:
    if peak is None:
        return f"{chip.name} (no known peak)"
    return f"{chip.name} ({peak[0] / 1e12:.3g} TFLOP/s {peak[1].upper()})"


def _ambiguous_hardware(ctx: CheckContext) -> Iterator[Finding]:
    seen: set[str] = set()
    own = list(ctx.own_claims("hardware"))
    for claim in own:
        entry = ctx.hardware(str(claim.value))
        if entry is None or entry.id in seen or ctx.catalogue is None:
            continue
        chips = ambiguous_alternatives(claim.text, entry, ctx.catalogue)
        if not chips or _variant_named(own, entry):
            continue
        seen.add(entry.id)  # one finding per ambiguous name, at its first own use
        listed = ", ".join(_describe(chip, peak) for chip, peak in chips[:-1])
        listed += f" or {_describe(*chips[-1])}"
        yield ctx.finding(
            "PL204",
            f'"{claim.text}" can mean {listed}; the estimate assumes {entry.name}',
            claim.location,
            suggestion=f"Name the exact model and variant instead of \"{claim.text}\".",
            confidence=claim.confidence,
        )


def _variant_named(claims: list[Claim], entry: HardwareEntry) -> bool:
    """True when the paper names one of the variants exactly somewhere in its own compute ("H100
    GPUs" in one place, "H100 SXM5" in another): the bare name is then shorthand for it."""
    return any(
        str(claim.value) in entry.variants
        and all(_bare(claim.text) != _bare(name) for name in entry.ambiguous_names)
        for claim in claims
    )
