"""docs/hardware.md, generated from the catalogue (``paperlint estimate --list-hardware``).

Kept apart from the estimate command, which only prints it: the page is the catalogue's, not an
estimate's.
"""

from __future__ import annotations

_TABLE_PRECISIONS = ("fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8")


def catalogue_markdown() -> str:
    """docs/hardware.md: the catalogue as tables, generated so the page never drifts."""
    from paperlint.catalogue import load_catalogue

    catalogue = load_catalogue()
    lines = [
        "# Hardware catalogue",
        "",
        "Generated from `paperlint/data/hardware.toml` by `paperlint estimate --list-hardware`;"
        " do not edit by hand.",
        "Peaks are dense (never 2:4-sparse), in TFLOP/s (INT8 in TOPS), per counted unit. The"
        " default precision (**bold**) is the one used when a paper states none. Sources:"
        " EPOCH-CHIPS = Epoch AI's chip database; *derived* = arithmetic on source data;"
        " *unverified* = to be checked. Per-precision sources are in the TOML file.",
        "",
        "| id | name | " + " | ".join(p.upper() for p in _TABLE_PRECISIONS) + " | units | source |",
        "|---|---|" + "---:|" * len(_TABLE_PRECISIONS) + "---|---|",
    ]
    for entry in catalogue.entries:
        cells = []
        for precision in _TABLE_PRECISIONS:
            value = entry.peak_flop_per_s.get(precision)
            text = "" if value is None else f"{value / 1e12:,.4g}"
            cells.append(f"**{text}**" if text and precision == entry.default_precision else text)
        units = []
        if entry.cores_per_chip > 1:
            units.append(f"{entry.cores_per_chip} cores/chip")
        if entry.chips_per_board > 1:
            units.append(f"{entry.chips_per_board} chips/board")
        if entry.count_unit != "chip":
            units.append(f"counted per {entry.count_unit}")
        row = [entry.id, entry.name, *cells, ", ".join(units), entry.source]
        lines.append("| " + " | ".join(cell.replace("|", "/") for cell in row) + " |")
    lines += [
        "",
        "## Systems",
        "",
        "| id | name | hardware | chips | source |",
        "|---|---|---|---:|---|",
    ]
    for system in catalogue.systems:
        unit = "" if system.count_unit == "chip" else f" {system.count_unit}s"
        lines.append(
            f"| {system.id} | {system.name} | {system.hardware} | {system.chips}{unit} |"
            f" {system.source} |"
        )
    lines += [
        "",
        "Cloud TPU slice names (`v3-512`, `v4-1024`, `v5litepod-16`) are parsed rather than listed:"
        " the number counts TensorCores, divided by the chip's cores per chip.",
        "",
        "## Spellings and notes",
        "",
        "Names match ignoring case, spaces, hyphens, vendor words (NVIDIA, Tesla, Google Cloud,"
        " ...) and memory sizes (80GB).",
        "",
    ]
    for entry in catalogue.entries:
        note = f" *Ambiguous:* {entry.ambiguous}." if entry.ambiguous else ""
        if entry.variants:
            names = ", ".join(f'"{name}"' for name in entry.ambiguous_names)
            note += f" {names} can mean: {', '.join(f'`{v}`' for v in entry.variants)}."
        lines.append(f"- `{entry.id}`: {', '.join(entry.aliases) or '(none)'}.{note}")
    return "\n".join(lines) + "\n"
