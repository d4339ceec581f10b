"""The organisers' report: one self-contained HTML page over a whole batch of submissions.

Summary counts, the verdict breakdown, a histogram (inline SVG) of log10 training FLOP across the
submissions, and a sortable, filterable table whose rows link to each paper's findings further down
the page. The style sheet and script (paperlint/data/report.css, report.js) are inlined: the page
makes no request of any kind, which its Content-Security-Policy also enforces.

Submissions are untrusted: every piece of paper-derived text goes through ``html.escape`` (with
quotes, since some land in attributes), and the script never turns text into markup.
"""

from __future__ import annotations

import math
from collections import Counter
from html import escape

from paperlint.display import utf8
from paperlint.model import DocumentResult, Report
from paperlint.report.csvout import Headline, headline, paper_id, severity_counts
from paperlint.resources import data_path

VERDICTS = ("complete", "partial", "missing", "error")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"


def _e(text: object) -> str:
    return escape(utf8(str(text)), quote=True)


def verdict_of(document: DocumentResult) -> str:
    return "error" if document.error is not None else (document.verdict or "missing")


def flop_text(value: float) -> str:
    """1.2e+21 -> "1.2×10²¹"-like plain text: ``1.2e21``."""
    mantissa, _, exponent = f"{value:.2g}".partition("e")
    return f"{mantissa}e{int(exponent)}" if exponent else mantissa


# -- the histogram ------------------------------------------------------------------------------
def histogram_bins(values: list[float]) -> list[tuple[int, int]]:
    """(decade, count) for each decade from the smallest to the largest log10 FLOP, gaps too."""
    decades = [math.floor(math.log10(v)) for v in values if v > 0]
    if not decades:
        return []
    counts = Counter(decades)
    return [(decade, counts.get(decade, 0)) for decade in range(min(decades), max(decades) + 1)]


def histogram_svg(values: list[float], *, width: int = 640, height: int = 240) -> str:
    bins = histogram_bins(values)
    if not bins:
        return ('<p class="empty">No submission states or allows an estimate of its training '
                'FLOP.</p>')
    left, bottom, top = 40, 36, 12
    plot_w, plot_h = width - left - 10, height - bottom - top
    highest = max(count for _, count in bins)
    slot = plot_w / len(bins)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="histogram-title">',
        '<title id="histogram-title">Submissions by log10 of training FLOP</title>',
        f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" '
        'class="axis"/>',
    ]
    for tick in sorted({0, highest // 2, highest}):
        y = top + plot_h - plot_h * tick / highest
        parts.append(f'<text x="{left - 6}" y="{y + 4:.1f}" class="tick" text-anchor="end">'
                     f"{tick}</text>")
    for position, (decade, count) in enumerate(bins):
        bar_h = plot_h * count / highest
        x = left + position * slot + 2
        y = top + plot_h - bar_h
        label = f"10^{decade} to 10^{decade + 1} FLOP: {count} paper{'s' if count != 1 else ''}"
        parts.append(
            f'<rect class="bar" x="{x:.1f}" y="{y:.1f}" width="{max(slot - 4, 1):.1f}" '
            f'height="{bar_h:.1f}" data-decade="{decade}" data-count="{count}">'
            f"<title>{label}</title></rect>"
        )
        parts.append(f'<text x="{x + (slot - 4) / 2:.1f}" y="{top + plot_h + 16}" class="tick" '
                     f'text-anchor="middle">1e{decade}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" class="label" '
                 'text-anchor="middle">training compute (FLOP, log scale)</text>')
    parts.append("</svg>")
    return "".join(parts)


# -- the page -----------------------------------------------------------------------------------
def _summary(documents: tuple[DocumentResult, ...], figures: list[Headline | None]) -> str:
    severities = Counter(f.severity for d in documents for f in d.findings)
    unreadable = sum(1 for d in documents if d.error is not None)
    items = [
        ("papers", len(documents)),
        ("checked", len(documents) - unreadable),
        ("could not be read", unreadable),
        ("with a compute figure", sum(1 for f in figures if f is not None)),
        ("errors", severities.get("error", 0)),
        ("warnings", severities.get("warning", 0)),
        ("info", severities.get("info", 0)),
    ]
    cells = "".join(f'<div class="stat"><b data-stat="{_e(name)}">{value}</b>'
                    f"<span>{_e(name)}</span></div>" for name, value in items)
    return f'<div class="stats">{cells}</div>'


def _verdicts(documents: tuple[DocumentResult, ...]) -> str:
    counts = Counter(verdict_of(d) for d in documents)
    total = max(len(documents), 1)
    share = {v: 100 * counts.get(v, 0) / total for v in VERDICTS}
    rows = "".join(
        f'<tr><th scope="row"><span class="chip v-{v}">{v}</span></th>'
        f'<td data-verdict-count="{v}">{counts.get(v, 0)}</td>'
        f"<td>{share[v]:.0f}%</td>"
        f'<td class="meter"><span class="v-{v}" style="width:{share[v]:.1f}%">'
        "</span></td></tr>"
        for v in VERDICTS
    )
    return f'<table class="verdicts"><tbody>{rows}</tbody></table>'


def _row(index: int, document: DocumentResult, figure: Headline | None) -> str:
    verdict = verdict_of(document)
    counts = severity_counts(document)
    order = {v: i for i, v in enumerate(VERDICTS)}
    flop_cell = (f'<td data-sort="{math.log10(figure.flop):.6f}">{_e(flop_text(figure.flop))}</td>'
                 if figure else '<td data-sort="">–</td>')
    hardware = figure.hardware if figure and figure.hardware else ""
    return (
        f'<tr data-verdict="{verdict}">'
        f'<td data-sort="{index}">{index + 1}</td>'
        f'<td data-sort="{_e(paper_id(document.path).lower())}">'
        f'<a href="#paper-{index}">{_e(paper_id(document.path))}</a></td>'
        f'<td data-sort="{order[verdict]}"><span class="chip v-{verdict}">{verdict}</span></td>'
        f"{flop_cell}"
        f'<td data-sort="{_e(hardware.lower())}">{_e(hardware)}</td>'
        f'<td data-sort="{counts["error"]}">{counts["error"]}</td>'
        f'<td data-sort="{counts["warning"]}">{counts["warning"]}</td>'
        f'<td data-sort="{counts["info"]}">{counts["info"]}</td>'
        "</tr>"
    )


def _table(documents: tuple[DocumentResult, ...], figures: list[Headline | None]) -> str:
    headers = [("#", "number"), ("paper", "text"), ("verdict", "number"), ("FLOP", "number"),
               ("hardware", "text"), ("errors", "number"), ("warnings", "number"),
               ("info", "number")]
    head = "".join(f'<th scope="col" data-type="{kind}" aria-sort="none"><button type="button">'
                   f"{name}</button></th>" for name, kind in headers)
    options = "".join(f'<option value="{v}">{v}</option>' for v in VERDICTS)
    body = "".join(_row(i, d, f) for i, (d, f) in enumerate(zip(documents, figures, strict=True)))
    return (
        '<div class="filters"><label>Filter <input id="filter" type="search" '
        'placeholder="paper, hardware, verdict…" autocomplete="off"></label> '
        f'<label>Verdict <select id="verdict-filter"><option value="">all</option>{options}'
        '</select></label> <span id="shown" aria-live="polite"></span></div>'
        f'<table id="papers"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
    )


def _details(index: int, document: DocumentResult, figure: Headline | None) -> str:
    verdict = verdict_of(document)
    lines = [f'<section class="paper" id="paper-{index}">',
             f'<h3><span class="chip v-{verdict}">{verdict}</span> '
             f"{_e(paper_id(document.path))}</h3>",
             f'<p class="path">{_e(document.path)}</p>']
    if document.error is not None:
        lines.append(f'<p class="error">Could not be checked: {_e(document.error)}</p>')
    else:
        c = document.coverage
        lines.append(f"<p>{c.statements} compute statements found, {c.parsed} parsed into "
                     f"{len(document.compute_reports)} reports, {c.flagged} findings.</p>")
    if figure is not None:
        lines.append(f"<p>Training compute: {_e(flop_text(figure.flop))} FLOP "
                     f"(range {_e(flop_text(figure.low))} – {_e(flop_text(figure.high))}, "
                     f"{_e(figure.method)}).</p>")
    if document.findings:
        lines.append("<ul class=\"findings\">")
        for f in document.findings:
            where = f"{f.location.file}:{f.location.line}:{f.location.column}"
            hint = f'<div class="hint">{_e(f.suggestion)}</div>' if f.suggestion else ""
            lines.append(f'<li class="s-{_e(f.severity)}"><code>{_e(f.code)}</code> '
                         f'<span class="where">{_e(where)}</span> {_e(f.message)}{hint}</li>')
        lines.append("</ul>")
    lines.append('<p><a href="#papers">back to the table</a></p></section>')
    return "".join(lines)


def render(report: Report, *, color: bool = False, title: str = "paperlint: submissions") -> str:
    documents = report.documents
    figures = [headline(d) for d in documents]
    values = [f.flop for f in figures if f is not None]
    style = data_path("report.css").read_text(encoding="utf-8")
    script = data_path("report.js").read_text(encoding="utf-8")
    details = "".join(_details(i, d, f) for i, (d, f) in enumerate(zip(documents, figures,
                                                                       strict=True)))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_e(title)}</title><style>{style}</style></head><body>"
        f"<header><h1>{_e(title)}</h1><p>paperlint {_e(report.version)}: training-compute "
        "reporting across the submissions.</p></header>"
        f"<h2>Summary</h2>{_summary(documents, figures)}"
        f"<h2>Verdicts</h2>{_verdicts(documents)}"
        f'<h2>Training compute</h2><figure id="histogram">{histogram_svg(values)}'
        f"<figcaption>{len(values)} of {len(documents)} submissions state or allow an estimate "
        "of their training FLOP (the largest training run of each).</figcaption></figure>"
        f"<h2>Papers</h2>{_table(documents, figures)}"
        f"<h2>Findings by paper</h2>{details}"
        f"<script>{script}</script></body></html>\n"
    )
