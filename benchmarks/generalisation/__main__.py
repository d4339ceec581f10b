"""``python -m benchmarks.generalisation``: paperlint on the hand-written generalisation set.

Prints, for the dev and held splits apart, verdict accuracy with its confusion matrix, training
facts found, claims per type, role agreement, PL102-PL104 on missing cases, main-report agreement
and per-class figures, and writes them to benchmarks/results/generalisation.json. ``--misses``
lists the dev misses; the held split is only ever reported as aggregates.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from benchmarks import RESULTS, publish
from benchmarks.generalisation import HERE
from benchmarks.generalisation.cases import CaseError
from benchmarks.generalisation.figures import SPLIT_NAMES, evaluate, render


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generalisation",
                                     description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--split", choices=("dev", "held", "both"), default="both",
                        help="which split to run (default: %(default)s)")
    parser.add_argument("--misses", action="store_true",
                        help="list every dev miss (case id, expected, found); never the held ones")
    parser.add_argument("--dir", type=Path, default=HERE,
                        help="folder holding dev.jsonl and held.jsonl (default: the set)")
    parser.add_argument("--json", type=Path, default=RESULTS / "generalisation.json",
                        help="where to write the figures (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds allowed per case")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    splits = SPLIT_NAMES if args.split == "both" else (args.split,)
    try:
        data = evaluate(splits, args.dir, timeout=args.timeout)
    except CaseError as error:
        print(f"benchmarks.generalisation: error: {error}", file=sys.stderr)
        return 2
    data["command"] = "python -m benchmarks.generalisation " + " ".join(
        argv if argv is not None else sys.argv[1:])
    print(render(data, misses=args.misses))
    return publish(data, args.json, "benchmarks.generalisation")


if __name__ == "__main__":
    sys.exit(main())
