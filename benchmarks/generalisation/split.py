"""The committed dev/held split of the generalisation set: fixed seed, stratified by class.

    python -m benchmarks.generalisation.split           # rewrite dev.jsonl and held.jsonl
    python -m benchmarks.generalisation.split --check   # exit 1 if the committed files differ

In each class the cases are put in id order and shuffled by a generator seeded with
``SEED`` and the class name; the first third (rounded) goes to ``held.jsonl``, the rest to
``dev.jsonl``. A class's draw depends on nothing but its own cases, so adding a class or a case to
one class never moves the cases of another. Extraction is tuned on dev.jsonl only.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from pathlib import Path

if __package__ in (None, ""):  # run as a file: python benchmarks/generalisation/split.py
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks.generalisation import DEV, HELD, SOURCE
from benchmarks.generalisation.cases import Case, CaseError, dumps, read_source

SEED = 20261202
HELD_SHARE = 1 / 3


def split(cases: Sequence[Case], seed: int = SEED) -> tuple[list[Case], list[Case]]:
    """(dev, held), each in id order."""
    by_class: dict[str, list[Case]] = {}
    for case in cases:
        by_class.setdefault(case["class"], []).append(case)
    dev: list[Case] = []
    held: list[Case] = []
    for name in sorted(by_class):
        members = sorted(by_class[name], key=lambda c: c["id"])
        random.Random(f"{seed}:{name}").shuffle(members)
        cut = round(len(members) * HELD_SHARE)
        held.extend(members[:cut])
        dev.extend(members[cut:])
    return sorted(dev, key=lambda c: c["id"]), sorted(held, key=lambda c: c["id"])


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.generalisation.split",
                                     description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--source", type=Path, default=SOURCE, help="folder of case files")
    parser.add_argument("--dev", type=Path, default=DEV)
    parser.add_argument("--held", type=Path, default=HELD)
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 when the files on disk are not the split")
    args = parser.parse_args(argv)
    try:
        dev, held = split(read_source(args.source))
    except CaseError as error:
        print(f"split: error: {error}", file=sys.stderr)
        return 2
    wanted = {args.dev: dumps(dev), args.held: dumps(held)}
    if args.check:
        stale = [str(p) for p, text in wanted.items()
                 if not p.is_file() or p.read_text(encoding="utf-8") != text]
        if stale:
            print(f"split: out of date: {', '.join(stale)} (run python -m "
                  "benchmarks.generalisation.split)", file=sys.stderr)
            return 1
        print(f"split: up to date ({len(dev)} dev, {len(held)} held)")
        return 0
    for path, text in wanted.items():
        path.write_text(text, encoding="utf-8")
    print(f"split: {len(dev)} dev cases -> {args.dev}, {len(held)} held -> {args.held}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
