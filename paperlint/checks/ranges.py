"""PL006: numbers beyond the range of a float, reported where they are and kept out of the figures.

A float holds up to about 1.8e308. ``$10^{400}$`` reads as infinity, and so does a finite figure
once normalised (1e308 weeks in hours) or multiplied (6 x 1e200 parameters x 1e200 tokens).
Infinity crashes arithmetic (``int(inf)``), compares as larger than everything, and is not JSON.
So:

- the number reader gives no value for a numeral beyond range (it is no quantity), and
  :func:`numerals_beyond_range` finds such numerals in the text, for a finding each;
- :func:`finite_extraction` drops any claim whose value is not finite, and the figure of a
  compute report taken from it, with a finding where the claim is;
- :func:`finite_estimate` keeps an estimate only when all its figures are finite.

Nothing beyond range reaches the checks after this, nor any output.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, fields, replace

from paperlint.document import Document
from paperlint.extract import Extraction
from paperlint.model import Claim, ComputeReport, Estimate, Location

CODE = "PL006"
LARGEST = "1.8e308"
# Exponent forms with a three-digit (or longer) exponent, and digit runs longer than any float:
# the only ways to write a number beyond range. Lookarounds keep "v10^400x" style tokens whole;
# every form starts with a digit, and the leading (?=\d) skips every other position at once
# (4x faster over a paper's text, which this scans in full on every check and re-check).
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_BEYOND = re.compile(
    r"(?=\d)(?:"
    r"(?<![\w.])(?:(?P<mant>\d+(?:\.\d+)?)\s*(?:×|x|\*|·|⋅)\s*)?10\s*\^\s*\{?\s*\+?(?P<exp>\d{3,})"
    r"|(?<![\w.])(?P<emant>\d+(?:\.\d+)?)[eE]\+?(?P<eexp>\d{3,})(?![\d.])"
    r"|(?<![\w.])10(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{3,})"
    r"|(?<![\w.,])(?P<digits>\d{309,}))"
)


_WORD = re.compile(r"[A-Za-z][\w/-]*")


@dataclass(frozen=True)
class Beyond:
    """A number beyond range: where it is, and the finding's message."""

    location: Location
    message: str


def _not_read(text: str, what: str = "") -> str:
    subject = f"'{text}'" + (f" (as {what})" if what else "")
    return (f"{subject} is beyond the range of numbers paperlint computes with (about "
            f"{LARGEST}): it is not read as a quantity")


def _value(match: re.Match[str]) -> float:
    if match.group("digits") is not None:
        return float(match.group("digits"))
    if match.group("sup") is not None:
        return float(f"1e{match.group('sup').translate(_SUPERSCRIPTS)}")
    if match.group("eexp") is not None:
        return float(f"{match.group('emant')}e{match.group('eexp')}")
    return float(f"{match.group('mant') or '1'}e{match.group('exp')}")


def numerals_beyond_range(document: Document, unit_words: frozenset[str]) -> list[Beyond]:
    """Every numeral in the text whose value is beyond float range and that would be a quantity
    (a unit of ``unit_words`` among the three words after it: "10^{400} FLOP"), in text order.
    A bare numeral is no claim: a bound in a proof, or a PDF's superscripts run together ("10^3"
    and a footnote mark read as "10^375")."""
    text = document.text
    found = []
    for match in _BEYOND.finditer(text):
        after = _WORD.findall(text, match.end(), match.end() + 60)[:3]
        if not any(word.lower() in unit_words for word in after):
            continue
        if math.isinf(_value(match)):
            shown = match.group()
            if len(shown) > 40:
                shown = shown[:20] + "..." + f" ({len(shown)} digits)"
            found.append(Beyond(document.location(match.start(), match.end()), _not_read(shown)))
    return found


_REPORT_FIELDS = ("chip_count", "duration_hours", "chip_hours", "flop", "params", "tokens")


def finite_extraction(extraction: Extraction) -> tuple[Extraction, list[Beyond]]:
    """``extraction`` without claims whose value is not finite, nor report figures that are not;
    the claims dropped, for a finding each. The same object when everything is finite."""
    bad = [index for index, claim in enumerate(extraction.claims)
           if isinstance(claim.value, float) and not math.isfinite(claim.value)]
    reports_finite = all(_finite_report(report) for report in extraction.compute_reports)
    if not bad and reports_finite:
        return extraction, []
    dropped = set(bad)
    renumber: dict[int, int] = {}
    kept: list[Claim] = []
    for index, claim in enumerate(extraction.claims):
        if index not in dropped:
            renumber[index] = len(kept)
            kept.append(claim)
    reports = tuple(
        _finite_fields(replace(report, claims=tuple(renumber[i] for i in report.claims
                                                    if i in renumber)))
        for report in extraction.compute_reports
    )
    beyond = [Beyond(claim.location, _not_read(claim.text, claim.unit or claim.type))
              for claim in (extraction.claims[i] for i in bad)]
    return replace(extraction, claims=tuple(kept), compute_reports=reports), beyond


def _finite_report(report: ComputeReport) -> bool:
    return all(_finite(getattr(report, name)) for name in _REPORT_FIELDS)


def _finite(value: object) -> bool:
    return not isinstance(value, float) or math.isfinite(value)


def _finite_fields(report: ComputeReport) -> ComputeReport:
    changes = {name: None for name in _REPORT_FIELDS if not _finite(getattr(report, name))}
    return replace(report, **changes) if changes else report  # type: ignore[arg-type]


def finite_estimate(estimate: Estimate | None) -> bool:
    """True when ``estimate`` is None or all its figures (and assumptions) are finite."""
    if estimate is None:
        return True
    numbers = [getattr(estimate, f.name) for f in fields(estimate)]
    numbers += list(estimate.assumptions.values())
    return all(_finite(value) for value in numbers)


def estimate_beyond(report: ComputeReport) -> Beyond:
    """The finding for a report whose figures are finite but whose estimate is not."""
    return Beyond(report.location, "the training-compute estimate from these figures is beyond "
                  f"the range of numbers paperlint computes with (about {LARGEST} FLOP): no "
                  "estimate is made; check the figures")
