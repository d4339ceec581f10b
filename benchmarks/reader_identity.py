"""Is the LaTeX reader's output unchanged? Record every Document once, compare later.

    python -m benchmarks.reader_identity record /tmp/reader-before.json   # on the old commit
    python -m benchmarks.reader_identity compare /tmp/reader-before.json  # on the new one

Each input is read with the LaTeX reader and everything the reader hands on is kept: the text,
every source-map segment, the files, comments, tables, reader problems, citations and metadata
(or the error line, for an input that is refused). ``compare`` reads the same inputs again and
names every input whose Document differs, and the first field that does; it exits 1 if any does.

Inputs: every LaTeX paper of the corpus (``../shared/corpus``, skipped with a note when absent),
the repository's fixtures and example paper, the speed benchmark's synthetic papers, and a few
hundred seeded random LaTeX-like texts (blank lines inside environments, comments, ``\\verb``,
``\\iffalse``, unbalanced braces...). The record file holds other people's text: keep it outside
the repository.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from benchmarks import DEFAULT_CORPUS, REPO

RANDOM_TEXTS = 300
TOKENS = (
    "\\section{", "\\newcommand{\\x}{", "\\newcommand{\\y}[1]{#1 ", "\\x", "\\y{", "\\def\\z#1{",
    "\\z", "{", "}", "[", "]", "$", "$$", "\\[", "\\]", "\\(", "\\)", "\\times", "10^{", "_", "&",
    "\\\\", "%", "% a comment\n", "%\n\n", "\n", "\n\n", "\n\n\n", " \n \n", " ", "~", "\\%",
    "\\begin{tabular}{ll}", "\\end{tabular}", "\\begin{itemize}", "\\end{itemize}", "\\item",
    "\\item[", "\\begin{verbatim}", "\\end{verbatim}", "\\iffalse", "\\else", "\\fi",
    "\\footnote{", "\\SI{3}{\\hour}", "\\cite{a}", "\\include{missing}", "\\multicolumn{2}{c}{",
    "\\hline", "\\url{", "\\'", "\\begin{comment}", "\\end{comment}", "#", "^", "8 GPUs",
    "12 days", "\\mathrm{", "\\let\\b\\x", "\\begin{equation}", "\\end{equation}",
    "\\begin{foo}", "\\end{foo}", "\\end{bar}", "\\verb|", "\\verb+a b+", "|", "\\newcommand",
    "\\textbf{", "\\emph ", "\\\\[2pt]", "*", "--", "``", "''", "\\begin{abstract}",
    "\\end{abstract}", "\\begin{figure}[t]", "\\end{figure}", "\\caption{", "\\label{x}",
    "trained on 64 A100 GPUs for 9 days. ", "The quick brown fox jumps over the lazy dog. ",
    "plain words without any command at all in them ", "\t", "\r\n",
)


def _random_text(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(0, 120)):
        if rng.random() < 0.8:
            parts.append(rng.choice(TOKENS))
        else:
            parts.append("".join(rng.choice("abc 12.,\\{}$%&#_^~\n[]*") for _ in range(6)))
    body = "".join(parts)
    if rng.random() < 0.7:
        return "\\documentclass{article}\n\\begin{document}\n" + body + "\n\\end{document}\n"
    return body


def _inputs(corpus: Path | None, root: Path) -> Iterator[tuple[str, Path]]:
    """(stable name, path to read) for every input; generated files go under ``root``."""
    if corpus is not None and corpus.is_dir():
        from benchmarks.corpus import load_manifest

        manifest = load_manifest(corpus)
        for folder in sorted(p for p in corpus.iterdir() if p.is_dir()):
            main = manifest.get(folder.name, {}).get("main_file") or ""
            if not any(folder.rglob("*.tex")):
                continue
            yield f"corpus/{folder.name}", folder / main if main else folder
    for folder in sorted(p for p in (REPO / "fixtures").iterdir() if p.is_dir()):
        if any(folder.glob("*.tex")):
            yield f"fixtures/{folder.name}", folder
    yield "examples/paper", REPO / "examples" / "paper" / "main.tex"
    from benchmarks.speed.shapes import SHAPES, shaped
    from benchmarks.speed.synth import generate

    yield "synth/paper10k", generate(root / "synth").main
    for shape in SHAPES:
        yield f"shape/{shape}", shaped(root / shape, shape, 10_000).main
    rng = random.Random(20261202)
    for index in range(RANDOM_TEXTS):
        path = root / "random" / f"r{index:03d}" / "main.tex"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_random_text(rng), encoding="utf-8")
        yield f"random/r{index:03d}", path


def snapshot(path: Path, name: str) -> dict[str, Any]:
    """Everything the reader hands on, as plain JSON values (or the error it gave)."""
    from paperlint.api import CheckOptions
    from paperlint.errors import InputError
    from paperlint.readers.latex import read_latex

    try:
        document = read_latex(path, CheckOptions(), display_path=name)
    except InputError as error:
        return {"error": str(error)}
    return {
        "text": document.text,
        "segments": [[s.text_start, s.text_end, s.file, s.source_start, s.source_end, s.verbatim]
                     for s in document.segments],
        "files": list(document.files),
        "comments": [[c.file, c.line, c.column, c.text] for c in document.comments],
        "tables": [[t.start, t.end, list(t.header),
                    [[r.start, r.end, r.is_header, [[c.start, c.end, c.span] for c in r.cells]]
                     for r in t.rows]] for t in document.tables],
        "problems": [[p.code, p.message, p.location.file, p.location.line, p.location.column,
                      p.location.end_line, p.location.end_column] for p in document.problems],
        "citations": list(document.citations),
        "metadata": json.loads(json.dumps(document.metadata, default=str, sort_keys=True)),
    }


def _digest(data: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def _first_difference(old: dict[str, Any], new: dict[str, Any]) -> str:
    for key in sorted(set(old) | set(new)):
        if old.get(key) != new.get(key):
            a, b = old.get(key), new.get(key)
            if isinstance(a, list) and isinstance(b, list):
                for index, (x, y) in enumerate(zip(a, b, strict=False)):
                    if x != y:
                        return f"{key}[{index}]: {str(x)[:120]!r} -> {str(y)[:120]!r}"
                return f"{key}: {len(a)} -> {len(b)} entries"
            if isinstance(a, str) and isinstance(b, str):
                at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y),
                          min(len(a), len(b)))
                return f"{key} at {at}: {a[at:at + 60]!r} -> {b[at:at + 60]!r}"
            return f"{key}: {str(a)[:120]!r} -> {str(b)[:120]!r}"
    return "no difference"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.reader_identity",
                                     description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("record", "compare"))
    parser.add_argument("file", type=Path, help="the record (JSON); keep it outside the repo")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}: fixtures and generated texts only")
    recorded: dict[str, Any] = {}
    if args.mode == "compare":
        try:
            recorded = json.loads(args.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            print(f"reader_identity: error: {args.file}: {error}", file=sys.stderr)
            return 2
    results: dict[str, Any] = {}
    differ: list[str] = []
    with tempfile.TemporaryDirectory(prefix="paperlint-identity-") as tmp:
        for name, path in _inputs(args.corpus, Path(tmp)):
            data = snapshot(path, name)
            results[name] = {"digest": _digest(data), "data": data}
            if args.mode == "compare":
                old = recorded.get(name)
                if old is None:
                    print(f"  new input (not in the record): {name}")
                elif old["digest"] != results[name]["digest"]:
                    differ.append(name)
                    print(f"  DIFFERS {name}: {_first_difference(old['data'], data)}")
    counts = {kind: sum(1 for n in results if n.startswith(kind))
              for kind in ("corpus/", "fixtures/", "examples/", "synth/", "shape/", "random/")}
    summary = ", ".join(f"{count} {kind.rstrip('/')}" for kind, count in counts.items())
    if args.mode == "record":
        args.file.parent.mkdir(parents=True, exist_ok=True)
        args.file.write_text(json.dumps(results), encoding="utf-8")
        print(f"recorded {len(results)} inputs ({summary}) in {args.file}")
        return 0
    missing = sorted(set(recorded) - set(results))
    for name in missing:
        print(f"  missing input (in the record, not read now): {name}")
    same = len(results) - len(differ)
    print(f"{same} of {len(results)} inputs read identically ({summary}); "
          f"{len(differ)} differ, {len(missing)} missing")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
