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

from paperlint.checks.context import OWN_ROLES, CheckContext
from paperlint.checks.fixes import replacement_fix
from paperlint.model import CORE_UNITS, Claim, Finding

if TYPE_CHECKING:
    from paperlint.catalogue import Catalogue, HardwareEntry

# A FLOP unit spelled "FLOPs", "FLOPS", "flops", "TFLOPS", "GFLOPs", "peta-flops" (the plural/rate
# spellings), as the last word of a claim the extractor read: PL201 judges the claim's own unit.
_FLOPS_UNIT = re.compile(
    r"(?<![A-Za-z])(?P<prefix>[kKMGTPEZY]|kilo|mega|giga|tera|peta|exa|zetta)?-?"
    r"(?P<unit>flops)$",
    re.IGNORECASE,
)
# Spelled as a rate right after: "TFLOPs/s", "FLOPS per second" are unambiguous.
_RATE_AFTER = re.compile(r"\s*(?:/\s*s(?:ec(?:ond)?)?\b|per\s+sec(?:ond)?\b)", re.IGNORECASE)
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


def _flops_units(ctx: CheckContext) -> dict[tuple[int, int], set[str]]:
    """The FLOP units written with a plural/rate spelling, by their span in the text, with the
    types of the claims that read them ("flop", "flop_rate"): every claim, whoever's compute it
    describes (the wording is the author's either way)."""
    text = ctx.document.text
    units: dict[tuple[int, int], set[str]] = {}
    for claim in ctx.claims:
        if claim.type not in ("flop", "flop_rate") or claim.end <= claim.start:
            continue
        match = _FLOPS_UNIT.search(text, claim.start, claim.end)
        if match is None or _RATE_AFTER.match(text, match.end()):
            continue
        units.setdefault((match.start(), match.end()), set()).add(claim.type)
    return units


def _flops_unit(ctx: CheckContext) -> Iterator[Finding]:
    text = ctx.document.text
    for (start, end), kinds in sorted(_flops_units(ctx).items()):
        match = _FLOPS_UNIT.match(text, start, end)
        assert match is not None  # found so by _flops_units
        written_prefix = match.group("prefix") or ""
        prefix = _PREFIX_CANON.get(written_prefix.lower(), written_prefix)
        prefix = prefix if prefix == "k" else prefix.upper()
        written = match.group(0)
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
        location = ctx.document.location(start, end)
        finding = ctx.finding("PL201", message, location,
                              suggestion=f'Replace "{written}" with "{fix}".',
                              confidence=ctx.text_confidence(start, end))
        if replacement is not None and _literal_span(ctx, start, end, written):
            # An amount written "FLOPs" is wrong under every convention: correcting it keeps the
            # meaning (safe). "TFLOPS" for a rate is the older convention's correct spelling, so
            # rewriting it is the author's choice of style (unsafe: only with --unsafe-fixes).
            edit = replacement_fix(
                ctx.document, start, end, replacement,
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


# Nouns that count a TPU in something other than chips: Cloud TPU "cores" (two per v2-v4 chip),
# "devices", "boards", "pods" and "slices" hold several chips each.
_NOT_CHIPS = frozenset({"core", "cores", "tensorcore", "tensorcores", "core-hours", "core-days",
                        "device", "devices", "pod", "pods", "board", "boards", "slice", "slices"})
_CHIPS = frozenset({"chip", "chips"})
_WORD = re.compile(r"\w+")
_WORD_AFTER = re.compile(r"\s*([\w-]+)")
_COUNTED_BEFORE = re.compile(r"(?<![\w-])([\w-]+)\s+of\s+(?:(?:a|an|the|google|cloud)\s+)*$",
                             re.IGNORECASE)
# How far past a chip's name a slice size may run ("TPU v3" then "-512").
_SLICE_TAIL = 12
# How far before a claim "cores of (the Google Cloud)" may start.
_BEFORE = 40


def _last_word(text: str) -> str:
    words = text.split()
    return words[-1].lower() if words else ""


def _is_tpu(ctx: CheckContext, claim: Claim, tpu_sentences: set[int]) -> bool:
    """A claim about a TPU: the chip itself (the catalogue says so), or a count or chip-time in
    a sentence naming one, or whose own words name one ("128 TPU cores")."""
    if claim.type == "hardware":
        entry = ctx.hardware(str(claim.value))
        return entry is not None and entry.kind == "tpu"
    return claim.type in ("chip_count", "chip_hours") and (
        claim.sentence in tpu_sentences or "tpu" in claim.text.lower())


def _not_chips(ctx: CheckContext, claim: Claim) -> tuple[int, int] | None:
    """Where the wording of a TPU claim counts slices, cores, devices, pods or boards: a slice
    name the catalogue resolves ("TPU v3-8", "v4-32"), or such a noun as the claim's last word,
    the word after it ("TPU v3 pod") or before it ("cores of a TPU v3")."""
    text = ctx.document.text
    if claim.unit in CORE_UNITS:  # extraction read a core noun or unit ("TPUv3-core-days")
        return claim.start, claim.end
    if ctx.catalogue is not None:
        found = ctx.catalogue.find_slice(text, claim.start, claim.end,
                                         limit=min(len(text), claim.end + _SLICE_TAIL))
        if found is not None:
            return found[0], found[1]
    if _last_word(text[claim.start : claim.end]) in _NOT_CHIPS:
        return claim.start, claim.end
    after = _WORD_AFTER.match(text, claim.end)
    if after is not None and after.group(1).lower() in _NOT_CHIPS:
        return claim.start, after.end()
    before = _COUNTED_BEFORE.search(text, max(0, claim.start - _BEFORE), claim.start)
    if before is not None and before.group(1).lower() in _NOT_CHIPS:
        return before.start(1), claim.end
    return None


def _tpu_units(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per sentence of the paper's own compute that counts a TPU in anything but
    chips, unless the sentence speaks of chips too ("a v3-8 slice (4 chips)", "TPU v3 cores (2
    per chip)"): the author then gave the conversion."""
    text = ctx.document.text
    own = sorted((c for c in ctx.claims if c.role in OWN_ROLES and c.end > c.start),
                 key=lambda c: c.start)
    tpu_sentences = {c.sentence for c in own if c.type == "hardware" and c.sentence >= 0
                     and _is_tpu(ctx, c, set())}
    seen: set[int] = set()
    for claim in own:
        if claim.sentence >= 0 and claim.sentence in seen:
            continue
        if not _is_tpu(ctx, claim, tpu_sentences):
            continue
        span = _not_chips(ctx, claim)
        if span is None:
            continue
        low, high = ctx.sentence_around(*span)
        if not _CHIPS.isdisjoint(_WORD.findall(text[low:high].lower())):
            continue
        seen.add(claim.sentence)
        start, end = span
        yield ctx.finding(
            "PL202",
            f'"{ctx.document.text[start:end]}" counts TPU cores, devices or slices, not chips; '
            "the chip count (which peak FLOP/s is quoted for) is unclear",
            ctx.document.location(start, end),
            suggestion='State the number of chips, e.g. "4 TPU v3 chips (a v3-8 slice)".',
            confidence=ctx.text_confidence(start, end),
        )


def _chip_hours_without_type(ctx: CheckContext) -> Iterator[Finding]:
    report_of = {index: report for report in ctx.reports for index in report.claims}
    for index, claim in enumerate(ctx.claims):
        if claim.type != "chip_hours" or claim.role not in OWN_ROLES:
            continue
        report = report_of.get(index)
        # A chip the report only inferred (the paper's one accelerator) is no chip the author
        # named with these hours: they are still told to name it.
        if report is not None and report.hardware is not None and (
                "hardware" not in report.inferred):
            continue
        low, high = ctx.sentence_around(claim.start, claim.end)
        if any(c.type == "hardware" and c.role in OWN_ROLES for c in ctx.claims_in(low, high)):
            continue
        # A table cell is a bare number whose unit is in the header: say what it counts.
        bare = not any(ch.isalpha() for ch in claim.text)
        shown = f"{claim.text} chip-hours" if bare else claim.text
        yield ctx.finding(
            "PL203",
            f'"{claim.text}"{" (chip-hours)" if bare else ""} gives accelerator time without '
            "saying which accelerator",
            claim.location,
            suggestion=f'Name the hardware, e.g. "{shown} on NVIDIA A100 GPUs".',
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
