"""``python -m benchmarks.accuracy``: paperlint against the gold-labelled corpus.

Prints tables (verdict confusion matrices, false alarms, report grouping, claim precision/recall,
estimator) and writes every figure to a JSON file. Then the generalisation set
(``benchmarks/generalisation``, in the repository), its dev and held splits apart. When the corpus
is absent it says so and still reports the generalisation set; exits 0.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_CORPUS, DEFAULT_ESTIMATOR_CSV, RESULTS, publish
from benchmarks.accuracy import machine, run_accuracy
from benchmarks.corpus import VERDICTS, CorpusError, Paper
from benchmarks.generalisation import HERE as GENERALISATION_SET
from benchmarks.tables import pct, table


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.accuracy", description=__doc__)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS,
                        help="folder with manifest.csv and gold.jsonl (default: %(default)s)")
    parser.add_argument("--json", type=Path, default=RESULTS / "accuracy.json",
                        help="where to write the figures (default: %(default)s)")
    parser.add_argument("--skip-pdf", action="store_true", help="leave the PDF papers out")
    parser.add_argument("--only", action="append", default=[], metavar="ID",
                        help="run only this paper id (repeatable)")
    parser.add_argument("--timeout", type=float, default=120.0,
                        help="seconds allowed per paper (default: %(default)s)")
    parser.add_argument("--estimator-csv", type=Path, default=DEFAULT_ESTIMATOR_CSV,
                        help="estimator ground truth (default: %(default)s)")
    parser.add_argument("--generalisation-dir", type=Path, default=GENERALISATION_SET,
                        help="folder with the generalisation set's dev.jsonl and held.jsonl "
                             "(default: %(default)s)")
    parser.add_argument("--no-generalisation", action="store_true",
                        help="leave the generalisation set out")
    parser.add_argument("--grouping-misses", action="store_true",
                        help="list each gold multi-figure training claim that no one report holds, "
                             "with its first cause (not extracted, no run, split, value)")
    return parser


def _generalisation(folder: Path) -> dict[str, Any]:
    """The generalisation figures (held as aggregates only), or why there are none."""
    from benchmarks.generalisation.cases import CaseError
    from benchmarks.generalisation.figures import evaluate

    try:
        return evaluate(folder=folder)
    except CaseError as error:
        return {"skipped": str(error)}


def render_generalisation(data: dict[str, Any]) -> str:
    from benchmarks.generalisation.figures import render as render_splits

    if "skipped" in data:
        return f"## Generalisation set\n\nskipped: {data['skipped']}\n"
    return render_splits(data)


def _confusion_rows(matrix: dict[str, Any]) -> list[list[object]]:
    rows: list[list[object]] = []
    for gold in VERDICTS:
        row = matrix["matrix"][gold]
        rows.append([gold, *(row[p] for p in (*VERDICTS, "error"))])
    return rows


def render(data: dict[str, Any]) -> str:
    """The tables of one accuracy run (the docs quote this output)."""
    parts = []
    parts.append(table(
        ["paper", "format", "gold", "predicted", "claims", "reports", "findings", "s"],
        [[p["id"], p["format"], p["gold_verdict"], p["verdict"] or f"ERROR: {p['error']}"[:70],
          p["claims"], p["compute_reports"], ",".join(p["findings"]), p["seconds"]]
         for p in data["papers"]],
        "Per paper",
    ))
    summary = []
    for name, matrix in data["verdicts"].items():
        summary.append([name, matrix["papers"], matrix["correct"], pct(matrix["accuracy"]),
                        *(pct(matrix["per_verdict"][v]["recall"]) for v in VERDICTS)])
    parts.append(table(["set", "papers", "correct", "accuracy", "recall complete",
                        "recall partial", "recall missing"], summary, "Verdict accuracy"))
    for name, matrix in data["verdicts"].items():
        if matrix["papers"]:
            parts.append(table(["gold \\ predicted", *VERDICTS, "error"],
                               _confusion_rows(matrix), f"Confusion matrix ({name})"))
    alarms = data["false_alarms"]
    parts.append(table(
        ["complete papers", "with any finding", f"with {'/'.join(alarms['codes'])}",
         "findings per paper"],
        [[alarms["complete_papers"], f"{alarms['papers_with_any_finding']} "
          f"({pct(alarms['rate_any'])})", f"{alarms['papers_with_missing_report_finding']} "
          f"({pct(alarms['rate_missing_report'])}): {', '.join(alarms['flagged_ids'])}",
          alarms["findings_per_paper"]]],
        "False alarms (findings on papers whose gold verdict is complete)",
    ))
    group = data["grouping"]
    parts.append(table(["gold multi-figure training claims", "grouped in one report", "accuracy"],
                       [[group["gold_multi_figure_claims"], group["grouped"],
                         pct(group["accuracy"])]], "Report grouping"))
    parts.append(_render_claims(data["claims"]))
    parts.append(_render_estimator(data["estimator"]))
    return "\n".join(parts)


def _render_claims(claims: dict[str, Any]) -> str:
    if "skipped" in claims:
        return f"### Claims (per type)\n\nskipped: {claims['skipped']}\n"
    per_type = claims.get("per_type")
    if not isinstance(per_type, dict):
        return "### Claims\n\n```\n" + json.dumps(claims, indent=1, default=str)[:3000] + "\n```\n"
    stats = [(name, s) for name, s in per_type.items() if isinstance(s, dict)]
    rows: list[list[object]] = [
        [name, s.get("tp"), s.get("fp"), s.get("fn"), pct(s.get("precision")),
         pct(s.get("recall")), s.get("confirmed", 0), pct(s.get("precision_adjudicated"))]
        for name, s in stats
    ]
    # Micro-averaged over every type: the one-line headline for the README.
    tp, fp, fn, ok = (sum(int(s.get(k) or 0) for _, s in stats)
                      for k in ("tp", "fp", "fn", "confirmed"))
    rows.append(["all types", tp, fp, fn, pct(tp / (tp + fp) if tp + fp else None),
                 pct(tp / (tp + fn) if tp + fn else None), ok,
                 pct((tp + ok) / (tp + fp) if tp + fp else None)])
    text = table(["type", "tp", "fp", "fn", "precision", "recall", "of fp: confirmed",
                  "precision adjudicated"], rows, "Claims (per type)")
    text += ("\n*precision* and *recall* are against the gold alone. *of fp: confirmed*: false "
             "positives by the gold that a second, blind annotator labelled as the same claim "
             "(`benchmarks/accuracy/adjudication.jsonl`); *precision adjudicated* counts them as "
             "true positives.\n")
    extras = [(label, claims.get(key)) for label, key in (
        ("role agreement on gold training claims", "role_agreement_training"),
        ("papers whose compute reports are grouped right (claims_eval)", "grouping_papers_right"),
    ) if key in claims]
    facts = claims.get("training_facts")
    if isinstance(facts, dict):
        extras.append(("training facts found (every value of the gold training claims)",
                       f"{facts['found']}/{facts['total']} ({pct(facts['recall'])}); of the "
                       f"values their quotes state: {facts['stated_found']}/"
                       f"{facts['stated_total']} ({pct(facts['stated_recall'])})"))
        if "in_report" in facts:
            extras.append(("training facts found by a claim or carried by a compute report "
                           "holding a claim of the gold's lines (looser)",
                           f"{facts['in_report']}/{facts['total']} "
                           f"({pct(facts['in_report_recall'])})"))
    for label, value in extras:
        text += f"\n{label}: {pct(value) if isinstance(value, float) else value}"
    return text + ("\n" if extras else "")


def _render_estimator(estimator: dict[str, Any]) -> str:
    if "skipped" in estimator:
        return f"### Estimator\n\nskipped: {estimator['skipped']}\n"
    subsets = [("all rows", estimator)]
    if isinstance(estimator.get("independent"), dict):
        subsets.append(("independent rows", estimator["independent"]))
    rows = [[label, data.get("rows"), pct(data.get("share_within_2x")),
             pct(data.get("share_inside_range")), data.get("median_ratio"),
             data.get("median_error_factor")] for label, data in subsets]
    text = table(["rows", "n", "within 2x", "Epoch inside range", "median ratio",
                  "median error factor"], rows, "Estimator (epoch-models-dev.csv)")
    targets = [f"{key.removeprefix('target_')} >= {pct(value)}" for key, value in estimator.items()
               if key.startswith("target_") and isinstance(value, float)]
    if targets:
        verdict = {True: "PASS", False: "FAIL"}.get(estimator.get("passed"), "n/a")  # type: ignore[arg-type]
        text += f"\ntargets: {', '.join(targets)}: {verdict}\n"
    return text


def _progress(paper: Paper, result: dict[str, Any]) -> None:
    state = result.get("verdict") or f"error: {result.get('error')}"
    print(f"  {paper.id:6} {paper.verdict:9} -> {state} ({result['seconds']:.1f} s)",
          file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    corpus: Path = args.corpus
    command = "python -m benchmarks.accuracy " + " ".join(argv or sys.argv[1:])
    if not (corpus / "gold.jsonl").is_file():
        print(f"benchmarks.accuracy: no corpus at {corpus} (gold.jsonl absent): nothing to "
              "measure there. The corpus is shared material outside the repository; pass "
              "--corpus DIR.")
        if args.no_generalisation:
            return 0
        generalisation = _generalisation(args.generalisation_dir)
        figures = {"command": command, "machine": machine(),
                   "corpus": {"skipped": f"no corpus at {corpus}"},
                   "generalisation": generalisation}
        print(render_generalisation(generalisation))
        return publish(figures, args.json, "benchmarks.accuracy")
    try:
        data = run_accuracy(corpus, skip_pdf=args.skip_pdf, only=args.only, timeout=args.timeout,
                            estimator_csv=args.estimator_csv, progress=_progress)
    except CorpusError as error:
        print(f"benchmarks.accuracy: error: {error}", file=sys.stderr)
        return 2
    data["command"] = command
    if not args.no_generalisation:
        data["generalisation"] = _generalisation(args.generalisation_dir)
    print(render(data))
    if args.grouping_misses:
        from benchmarks.accuracy.grouping_misses import render_misses

        print(render_misses(data["grouping_misses"]))
    if "generalisation" in data:
        print(render_generalisation(data["generalisation"]))
    return publish(data, args.json, "benchmarks.accuracy")


if __name__ == "__main__":
    sys.exit(main())
