"""``paperlint estimate``: training FLOP from hardware and time, or parameters and tokens.

Thin: parsing and printing only; the arithmetic and the conventions live in paperlint.estimate.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from paperlint.cli.common import fail
from paperlint.cli.hardware_page import catalogue_markdown
from paperlint.errors import UnknownHardwareError

if TYPE_CHECKING:
    from paperlint.catalogue import Counted
    from paperlint.model import Estimate


class Amount(click.ParamType):  # type: ignore[type-arg]
    """A count as papers write it and the extractor reads it: "7e9", "7B", "1.4T", "7 billion",
    "7,000M" (the suffixes and magnitude words of rules/numbers.toml; "7b" as in model names)."""

    name = "amount"

    def convert(self, value: object, param: click.Parameter | None,
                ctx: click.Context | None) -> float:
        if isinstance(value, (int, float)):
            return float(value)
        parsed = parse_amount(str(value))
        if parsed is None:
            from paperlint.extract.rules import default_rules

            suffixes = ", ".join(default_rules().suffixes)
            self.fail(f"{value!r} is not a number (write 7e9, 7B, 1.4T or 7 billion; "
                      f"suffixes {suffixes})", param, ctx)
        return parsed


def parse_amount(text: str) -> float | None:
    """The value of ``text`` read as the extractor reads a count in a paper (with the shipped
    rules: the command estimates no paper, so no configuration applies), or None."""
    from paperlint.extract.rules import default_rules

    rules = default_rules()
    numbers = rules.numbers
    words = text.strip().split()
    if len(words) == 1:
        value = numbers.parse(words[0])
        if value is None and words[0][-1:].isalpha():  # "7b": a model-name size
            scale = rules.model_sizes.scales.get(words[0][-1])
            number = numbers.parse(words[0][:-1])
            value = None if scale is None or number is None else number * scale
        return value
    if len(words) == 2:  # "7 billion", "7 B"
        number = numbers.parse(words[0])
        factor = numbers.magnitude(words[1])
        if factor is None:
            factor = numbers.suffix(words[1])
        if number is not None and factor is not None:
            return number * factor
    return None


AMOUNT = Amount()

@click.command("estimate")
@click.option(
    "--hardware",
    "hardware",
    metavar="NAME",
    help='Chip or system as the paper names it: "A100 80GB", "TPU v3", "p4d.24xlarge".',
)
@click.option("--count", type=float, metavar="N",
              help="Number of chips (see --count-unit); of systems when --hardware names one "
                   "(DGX A100, p4d.24xlarge).")
@click.option("--hours", type=float, metavar="H", help="Wall-clock training time in hours.")
@click.option("--days", type=float, metavar="D", help="Wall-clock training time in days.")
@click.option(
    "--chip-hours",
    type=AMOUNT,
    metavar="X",
    help="Chip-hours (GPU-hours); preferred to count x hours when both are given.",
)
@click.option(
    "--count-unit",
    type=click.Choice(["chip", "core", "board"]),
    default=None,
    help="What --count and --chip-hours count (default: the hardware's usual unit).",
)
@click.option(
    "--precision",
    metavar="P",
    help="fp32, tf32, fp16, bf16, fp8, int8 or mixed (default: Epoch's for the chip).",
)
@click.option(
    "--utilization",
    type=float,
    metavar="U",
    help="Fraction of peak achieved (default 0.30 language, 0.40 other).",
)
@click.option(
    "--peak",
    "peak",
    type=float,
    metavar="FLOP/S",
    help="Override the catalogue's dense peak FLOP/s per chip.",
)
@click.option("--params", type=AMOUNT, metavar="N",
              help="Parameters (active parameters for MoE): 7e9, 7B, 7 billion.")
@click.option("--tokens", type=AMOUNT, metavar="D", help="Training tokens: 1e12, 1T, 1.4 trillion.")
@click.option(
    "--domain",
    type=click.Choice(["language", "other"]),
    default="language",
    show_default=True,
    help="Chooses Epoch's default utilization.",
)
@click.option("--latex", is_flag=True, help="Write the ready-to-paste sentence in LaTeX.")
@click.option(
    "--list-hardware",
    is_flag=True,
    help="Print the hardware catalogue as Markdown (docs/hardware.md) and exit.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
)
def estimate(**values: Any) -> None:
    """Estimate training FLOP the way Epoch AI does, and print a sentence to paste into the paper.

    \b
    Hardware-time: chips x seconds x dense peak x utilization (or chip-hours x 3600 x ...).
    Architecture:  6 x parameters x tokens.
    With both, the central figure is their geometric mean and the range spans both.
    """
    from paperlint.wording import paste_sentence

    args = EstimateArgs(**values)
    if args.list_hardware:
        click.echo(catalogue_markdown(), nl=False)
        return
    hours = _wall_hours(args)
    result, counting = _estimate(args, hours)
    sentence = paste_sentence(result, latex=args.latex)
    if args.output_format == "json":
        click.echo(json.dumps(_payload(result, sentence, counting), indent=2, ensure_ascii=False))
        return
    _echo_text(result, sentence, counting)


@dataclass(frozen=True)
class EstimateArgs:
    """The estimate command's options as click parsed them."""

    hardware: str | None
    count: float | None
    hours: float | None
    days: float | None
    chip_hours: float | None
    count_unit: str | None
    precision: str | None
    utilization: float | None
    peak: float | None
    params: float | None
    tokens: float | None
    domain: str
    latex: bool
    list_hardware: bool
    output_format: str


def _wall_hours(args: EstimateArgs) -> float | None:
    """The training time in hours (--hours, or --days x 24), after the usage errors of the
    options that must or must not go together."""
    if args.hours is not None and args.days is not None:
        raise click.UsageError("give --hours or --days, not both")
    hours = args.days * 24 if args.days is not None else args.hours
    wants_hardware = any(v is not None for v in (args.count, hours, args.chip_hours))
    if args.hardware is None and wants_hardware:
        raise click.UsageError("--count/--hours/--chip-hours need --hardware")
    if (args.params is None) != (args.tokens is None):
        raise click.UsageError("--params and --tokens go together (6 x params x tokens)")
    if args.hardware is None and args.params is None:
        raise click.UsageError(
            "give --hardware with --count and --hours (or --chip-hours), "
            "and/or --params with --tokens"
        )
    return hours


def _estimate(args: EstimateArgs, hours: float | None) -> tuple[Estimate, str | None]:
    """The estimate (hardware-time, 6ND or both combined) and how --count was read (for a
    system), or exit: 2 for unknown hardware, a usage error for inputs the estimator refuses."""
    from paperlint.catalogue import load_catalogue
    from paperlint.estimate import (
        EstimateInputError,
        combine,
        estimate_architecture,
        estimate_hardware,
    )

    catalogue = load_catalogue()
    counting: str | None = None  # how --count was read, when --hardware names a system
    try:
        results: list[Any] = []
        if args.hardware is not None:
            # The catalogue says what a count of a system's name comes to (Catalogue.counted).
            counted = catalogue.counted(args.hardware, args.count, args.count_unit)
            if counted is None:
                close = ", ".join(catalogue.closest(args.hardware)) or "none"
                raise UnknownHardwareError(
                    f"unknown hardware {args.hardware!r}; closest catalogue names: {close}"
                )
            counting = _counting(counted, given=args.count)
            if args.chip_hours is None and (counted.count is None or hours is None):
                raise click.UsageError(
                    f"--hardware {args.hardware!r} needs --count and --hours "
                    "(or --days), or --chip-hours"
                )
            results.append(
                estimate_hardware(
                    counted.entry,
                    chips=counted.count,
                    hours=hours,
                    chip_hours=args.chip_hours,
                    precision=args.precision,
                    utilization=args.utilization,
                    domain=args.domain,
                    count_unit=counted.count_unit,
                    peak_flop_per_s=args.peak,
                )
            )
        if args.params is not None and args.tokens is not None:
            results.append(estimate_architecture(args.params, args.tokens))
    except EstimateInputError as error:
        raise click.UsageError(str(error)) from None
    except UnknownHardwareError as error:
        fail(error)
    return (combine(*results) if len(results) == 2 else results[0]), counting


def _payload(result: Estimate, sentence: str, counting: str | None) -> dict[str, Any]:
    """--format json: the estimate, its assumptions, the sentence and how --count was read."""
    a = result.assumptions
    return {
        "flop": result.flop,
        "low": result.low,
        "high": result.high,
        "method": result.method,
        "hardware": a.get("hardware"),
        "peak_flop_per_s": a.get("peak_flop_per_s"),
        "utilization": a.get("utilization"),
        "inputs": a.get("inputs", {}),
        "assumptions": a,
        "sentence": sentence,
        "counting": counting,
    }


def _echo_text(result: Estimate, sentence: str, counting: str | None) -> None:
    """--format text: the figure and its range, one row per input and assumption, the sentence."""
    from paperlint.wording import format_flop

    click.echo(f"Estimate: {format_flop(result.flop)} FLOP ({result.method})")
    click.echo(f"Range:    {format_flop(result.low)} .. {format_flop(result.high)} FLOP")
    if counting is not None:
        click.echo(f"  {'counted':<20} {counting}")
    for key, value in _text_rows(result.method, result.assumptions):
        click.echo(f"  {key:<20} {value}")
    click.echo("")
    click.echo(sentence)


def _counting(counted: Counted, *, given: float | None) -> str | None:
    """How --count (``given``) was read, when --hardware names a system (None for a chip)."""
    system = counted.system
    if system is None:
        return None
    unit = system.count_unit
    if counted.systems is not None:
        each = f"{system.name} systems of {system.chips} {unit}s each"
        return (f"--count {counted.systems:g} counts {each}: {counted.count:g} {unit}s "
                f"(--count-unit {unit} counts {unit}s)")
    if given is None:
        return f"one {system.name} system: {system.chips} {unit}s (--count N counts systems)"
    return f"--count {given:g} counts {counted.count_unit}s (--count-unit {counted.count_unit})"


def _text_rows(method: str, a: dict[str, Any]) -> list[tuple[str, str]]:
    from paperlint.wording import format_flop, format_rate

    rows: list[tuple[str, str]] = []
    if "hardware" in a:
        inputs = a["inputs"]
        rows += [("hardware", f"{a['hardware_name']} ({a['hardware']})")]
        rows += [
            (k, f"{inputs[k]:g}")
            for k in ("chips", "hours", "chip_hours")
            if inputs.get(k) is not None
        ]
        rows += [
            ("count unit", str(inputs["count_unit"])),
            ("chip-hours used", f"{a['chip_hours']:,.0f}"),
            (
                "peak (per chip)",
                f"{format_rate(a['peak_flop_per_s'])} dense {a['precision'].upper()}",
            ),
            ("peak source", str(a["peak_source"])),
            (
                "utilization",
                f"{a['utilization']:.0%} ({a['utilization_source']}; "
                f"range {a['utilization_band'][0]:.0%}-{a['utilization_band'][1]:.0%})",
            ),
        ]
        rows += [("note", note) for note in a.get("notes", [])]
    if method == "6ND" or "architecture_estimate" in a:
        arch = a if method == "6ND" else a["architecture_estimate"]["assumptions"]
        rows += [
            ("params", f"{arch['params']:g}"),
            ("tokens", f"{arch['tokens']:g}"),
            ("6ND band", f"{arch['band'][0]:g}x-{arch['band'][1]:g}x"),
        ]
    if "architecture_estimate" in a:
        rows += [
            ("hardware estimate", format_flop(a["hardware_estimate"]["flop"])),
            ("6ND estimate", format_flop(a["architecture_estimate"]["flop"])),
            ("hardware / 6ND", f"{a['disagreement_ratio']:.2f}"),
            ("central figure", str(a["central"])),
        ]
    return rows
