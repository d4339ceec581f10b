"""The organisers' report: one self-contained HTML page over a whole batch of submissions.

Summary counts, the verdict breakdown, a histogram (inline SVG) of log10 training FLOP across the
submissions, a per-rule table (how many findings and papers each rule has), and a sortable table
of papers, filterable by text, verdict and rule code, exportable to CSV from the page, whose rows
link to each paper's findings further down. A paper's FLOP says whether the paper stated it or
paperlint estimated it; hardware is shown by the catalogue's display name; a suggestion that is
text to paste (PL105's sentence) is shown as code. The style sheet and script
(paperlint/data/report.css, report.js) are inlined: the page makes no request of any kind, which
its Content-Security-Policy also enforces.

Submissions are untrusted: every piece of paper-derived text goes through ``html.escape`` (with
quotes, since some land in attributes), and the script never turns text into markup.
"""

from __future__ import annotations

import functools
import json
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


@functools.cache
def hardware_name(hardware_id: str) -> str:
    """The catalogue's display name for a hardware id ("nvidia-v100" -> "NVIDIA Tesla V100 ...");
    the id itself when the catalogue does not know it (an entry from a config file)."""
    from paperlint.catalogue import load_catalogue

    catalogue = load_catalogue()
    try:
        return catalogue.get(hardware_id).name
    except KeyError:  # not an id: a name as a paper wrote it, or an entry from a config file
        entry = catalogue.lookup(hardware_id)
        return entry.name if entry is not None else hardware_id


def flop_kind(figure: Headline) -> str:
    """ "stated" when the paper gives the FLOP, else "estimated"."""
    return "stated" if figure.method == "stated" else "estimated"


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


def _export(index: int, document: DocumentResult, figure: Headline | None) -> list[str]:
    """The row as the page's "Download CSV" writes it (:data:`EXPORT_COLUMNS`)."""
    counts = severity_counts(document)
    codes = sorted({f.code for f in document.findings})
    return [
        str(index + 1), paper_id(document.path), document.path, verdict_of(document),
        f"{figure.flop:.4g}" if figure else "", flop_kind(figure) if figure else "",
        figure.method if figure else "",
        hardware_name(figure.hardware) if figure and figure.hardware else "",
        str(counts["error"]), str(counts["warning"]), str(counts["info"]), " ".join(codes),
    ]


EXPORT_COLUMNS = ("number", "paper", "path", "verdict", "flop", "flop_kind", "flop_method",
                  "hardware", "errors", "warnings", "infos", "codes")


def _row(index: int, document: DocumentResult, figure: Headline | None) -> str:
    verdict = verdict_of(document)
    counts = severity_counts(document)
    order = {v: i for i, v in enumerate(VERDICTS)}
    if figure:
        kind = flop_kind(figure)
        flop_cell = (f'<td data-sort="{math.log10(figure.flop):.6f}" data-flop-kind="{kind}">'
                     f'{_e(flop_text(figure.flop))} <span class="kind k-{kind}" '
                     f'title="{_e(figure.method)}">{kind}</span></td>')
    else:
        flop_cell = '<td data-sort="">–</td>'
    hardware = hardware_name(figure.hardware) if figure and figure.hardware else ""
    codes = " ".join(sorted({f.code for f in document.findings}))
    export = json.dumps(_export(index, document, figure), ensure_ascii=False)
    return (
        f'<tr data-verdict="{verdict}" data-codes="{_e(codes)}" data-export="{_e(export)}">'
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


def _rules(documents: tuple[DocumentResult, ...]) -> str:
    """One row per rule that fired: its code, name, severity, findings and papers."""
    from paperlint.rulebook import RULES

    findings = Counter(f.code for d in documents for f in d.findings)
    papers = Counter(code for d in documents for code in {f.code for f in d.findings})
    if not findings:
        return '<p class="empty">No rule fired on any submission.</p>'
    rows = []
    for code, count in sorted(findings.items(), key=lambda item: (-item[1], item[0])):
        rule = RULES.get(code)
        name, severity = (rule.name, rule.severity) if rule else ("", "")
        rows.append(
            f'<tr data-rule="{_e(code)}"><td><button type="button" class="rule-code" '
            f'data-code="{_e(code)}">{_e(code)}</button></td><td>{_e(name)}</td>'
            f'<td class="s-{_e(severity)}">{_e(severity)}</td>'
            f'<td data-findings="{count}">{count}</td><td data-papers="{papers[code]}">'
            f"{papers[code]}</td><td>{100 * papers[code] / max(len(documents), 1):.0f}%</td></tr>"
        )
    head = ("<tr><th scope=\"col\">rule</th><th scope=\"col\">name</th>"
            "<th scope=\"col\">severity</th><th scope=\"col\">findings</th>"
            "<th scope=\"col\">papers</th><th scope=\"col\">share of papers</th></tr>")
    return (f'<table id="rules"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
            '<p class="path">Click a code to show only the papers with that finding.</p>')


def _table(documents: tuple[DocumentResult, ...], figures: list[Headline | None]) -> str:
    headers = [("#", "number"), ("paper", "text"), ("verdict", "number"), ("FLOP", "number"),
               ("hardware", "text"), ("errors", "number"), ("warnings", "number"),
               ("info", "number")]
    head = "".join(f'<th scope="col" data-type="{kind}" aria-sort="none"><button type="button">'
                   f"{name}</button></th>" for name, kind in headers)
    options = "".join(f'<option value="{v}">{v}</option>' for v in VERDICTS)
    codes = sorted({f.code for d in documents for f in d.findings})
    rule_options = "".join(f'<option value="{_e(c)}">{_e(c)}</option>' for c in codes)
    body = "".join(_row(i, d, f) for i, (d, f) in enumerate(zip(documents, figures, strict=True)))
    columns = _e(json.dumps(EXPORT_COLUMNS))
    return (
        '<div class="filters"><label>Filter <input id="filter" type="search" '
        'placeholder="paper, hardware, verdict…" autocomplete="off"></label> '
        f'<label>Verdict <select id="verdict-filter"><option value="">all</option>{options}'
        '</select></label> '
        f'<label>Rule <select id="rule-filter"><option value="">any</option>{rule_options}'
        '</select></label> '
        f'<button type="button" id="export-csv" data-columns="{columns}">Download CSV</button> '
        '<span id="shown" aria-live="polite"></span></div>'
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
        how = ("stated by the paper" if flop_kind(figure) == "stated"
               else f"estimated by paperlint, {figure.method}")
        lines.append(f"<p>Training compute: {_e(flop_text(figure.flop))} FLOP "
                     f"(range {_e(flop_text(figure.low))} – {_e(flop_text(figure.high))}; "
                     f"{_e(how)}).</p>")
    if document.findings:
        from paperlint.rulebook import RULES

        lines.append("<ul class=\"findings\">")
        for f in document.findings:
            where = f"{f.location.file}:{f.location.line}:{f.location.column}"
            rule = RULES.get(f.code)
            if f.suggestion and rule is not None and rule.paste_ready:
                # Text to paste into the paper: as code, so it is copied exactly as written.
                hint = (f'<div class="hint">Text to paste:<pre class="paste"><code>'
                        f"{_e(f.suggestion)}</code></pre></div>")
            else:
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
        f"<h2>Findings by rule</h2>{_rules(documents)}"
        f"<h2>Papers</h2>{_table(documents, figures)}"
        f"<h2>Findings by paper</h2>{details}"
        f"<script>{script}</script></body></html>\n"
    )
