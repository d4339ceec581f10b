"""How figures are written for people: FLOP numbers, chip peaks, the paste-ready sentence.

Presentation, kept apart from the estimators (paperlint.estimate computes; this module writes):
PL105's suggestion, ``paperlint estimate``'s output and the Markdown summary all word an estimate
the same way. A leaf (it imports only the result model), below both the checks, whose PL105
suggestion is the sentence, and the reporters: a module inside ``paperlint.report`` could not be
imported by a check without the checks reaching into the reporters.
"""

from __future__ import annotations

import math
from typing import Any

from paperlint.model import Estimate


def format_flop(value: float) -> str:
    """Machine-style number: 1.2e+22."""
    return f"{value:.1e}"


def format_power(value: float, *, latex: bool = False) -> str:
    """Prose number with two significant figures: 1.2×10^22 (or $1.2\\times10^{22}$ for LaTeX)."""
    if value == 0 or not math.isfinite(value):
        return str(value)
    exponent = math.floor(math.log10(abs(value)))
    mantissa = round(value / 10**exponent, 1)
    if mantissa >= 10:
        mantissa, exponent = mantissa / 10, exponent + 1
    if latex:
        return f"${mantissa:.1f}\\times10^{{{exponent}}}$"
    return f"{mantissa:.1f}×10^{exponent}"


def format_rate(flop_per_s: float) -> str:
    """312 TFLOP/s, 0.5 TFLOP/s: papers quote chip peaks in TFLOP/s."""
    return f"{flop_per_s / 1e12:,.4g} TFLOP/s"


def _unit_word(kind: str, plural: bool) -> str:
    word = {"gpu": "GPU", "cpu": "CPU"}.get(kind, "chip")
    return word + ("s" if plural else "")


def _hardware_phrase(assumptions: dict[str, Any], latex: bool) -> str:
    name, kind = assumptions["hardware_name"], assumptions.get("hardware_kind", "gpu")
    name = latex_escape(name) if latex else name
    rate = (
        f"{format_rate(assumptions['peak_flop_per_s'])} dense "
        f"{assumptions['precision'].upper()} peak × {assumptions['utilization']:.0%} utilization"
    )
    inputs = assumptions["inputs"]
    if inputs.get("chip_hours") is None and assumptions.get("chips") is not None:
        chips = assumptions["chips"]
        hours = assumptions["chip_hours"] / chips
        count = f"{chips:,.0f}" if float(chips).is_integer() else f"{chips:,.1f}"
        return f"{count} {name} {_unit_word(kind, chips != 1)} × {hours:,.4g} h × {rate}"
    return f"{assumptions['chip_hours']:,.0f} {name} {_unit_word(kind, False)}-hours × {rate}"


def _architecture_phrase(assumptions: dict[str, Any], latex: bool) -> str:
    params = format_power(assumptions["params"], latex=latex)
    tokens = format_power(assumptions["tokens"], latex=latex)
    space = "~" if latex else " "  # LaTeX: never break a line between a number and its unit
    return f"6 × {params}{space}parameters × {tokens}{space}tokens"


# Characters a hardware name could carry that LaTeX would read as commands ("%" is handled for the
# whole sentence, after the percentages are written).
_LATEX_SPECIAL = {"&": r"\&", "#": r"\#", "_": r"\_", "$": r"\$", "{": r"\{", "}": r"\}",
                  "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}


def latex_escape(text: str) -> str:
    """``text`` (a hardware name) as LaTeX source that prints it: specials escaped."""
    return "".join(_LATEX_SPECIAL.get(ch, ch) for ch in text)


def _flop(value: float, latex: bool) -> str:
    """ "6.2×10^21 FLOP", or "$6.2\\times10^{21}$~FLOP" in LaTeX (a tie: no line break before
    the unit)."""
    return f"{format_power(value, latex=latex)}{'~' if latex else ' '}FLOP"


def paste_sentence(estimate: Estimate, *, latex: bool = False, subject: str = "Training") -> str:
    """A sentence an author can paste into the paper, with the inputs and the plausible range.

    ``latex=True`` writes it as LaTeX source (math-mode powers of ten, ``$\\times$``, ``\\%``, ties
    before units, escaped hardware names); otherwise plain Unicode text."""
    span = (
        f"plausible range {format_power(estimate.low, latex=latex)}–"
        f"{_flop(estimate.high, latex)}"
    )
    if latex:
        span = span.replace("–", "--")
    a = estimate.assumptions
    if estimate.method == "6ND":
        how = f"estimated as {_architecture_phrase(a, latex)}"
    elif estimate.method == "disagreeing":
        hw, arch = a["hardware_estimate"], a["architecture_estimate"]
        how = (
            f"from {_hardware_phrase(hw['assumptions'], latex)}; a 6ND estimate from "
            f"{_architecture_phrase(arch['assumptions'], latex)} gives "
            f"{format_power(arch['flop'], latex=latex)} instead, "
            f"{a['disagreement_factor']:.0f}× apart, so check those figures"
        )
    elif estimate.method == "geometric-mean":
        hw, arch = a["hardware_estimate"], a["architecture_estimate"]
        how = (
            "the geometric mean of a hardware estimate, "
            f"{format_power(hw['flop'], latex=latex)} from "
            f"{_hardware_phrase(hw['assumptions'], latex)}, "
            f"and a 6ND estimate, {format_power(arch['flop'], latex=latex)} from "
            f"{_architecture_phrase(arch['assumptions'], latex)}"
        )
    else:
        how = f"estimated from {_hardware_phrase(a, latex)}"
    sentence = f"{subject} used about {_flop(estimate.flop, latex)} ({how}; {span})."
    if latex:
        sentence = sentence.replace("×", "$\\times$").replace("%", "\\%")
    return sentence
