"""PDF reading cost per page, by backend, against bare extraction and pdftotext; peak memory;
verdict agreement with the gold labels of the corpus PDFs.

    python3 benchmarks/pdf_speed.py [--corpus ../shared/corpus] [--repeat 1] [--no-verdicts]

Columns (milliseconds per page, best of --repeat runs):
  bare       the backend's own text extraction, nothing else (pypdf: extract_text with the position
             visitor paperlint uses; pdfium: get_text_range)
  reader     paperlint's read_pdf: extraction + repairs + Document
  overhead   reader / bare - 1 (repairs and the map; target: at most 30%)
  pdftotext  poppler's pdftotext, the speed floor (a separate process, start-up included)
Peak memory is the maximum resident set of a child process that reads the largest PDF.
The corpus (others' papers, never copied into the repository) is optional: absent, this says so.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def bare_pypdf(path: Path) -> int:
    import pypdf

    reader = pypdf.PdfReader(str(path))
    total = 0
    for page in reader.pages:
        try:
            total += len(page.extract_text(visitor_text=lambda *args: None))
        except Exception:  # as paperlint's reader does, a broken page is skipped
            # (pdf14 has one that pypdf 7 refuses with LimitReachedError); the time spent counts
            continue
    return total


def bare_pdfium(path: Path) -> int:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    total = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        total += len(textpage.get_text_range())
        textpage.close()
        page.close()
    document.close()
    return total


def reader(path: Path, backend: str) -> int:
    from paperlint.api import CheckOptions
    from paperlint.readers.pdf import read_pdf

    return len(read_pdf(path, CheckOptions(pdf_backend=backend), display_path=path.name).text)


def pdftotext(path: Path) -> int:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True)
    return len(out.stdout)


def best(repeat: int, run: object, *args: object) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run(*args)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mb(backend: str, path: Path) -> float:
    """Maximum resident set (MiB) of a fresh process that reads ``path`` with ``backend``."""
    code = (
        f"import sys; sys.path.insert(0, {str(REPO)!r}); from pathlib import Path; "
        "from paperlint.api import CheckOptions; from paperlint.readers.pdf import read_pdf; "
        f"read_pdf(Path({str(path)!r}), CheckOptions(pdf_backend={backend!r}), display_path='x')"
    )
    process = subprocess.Popen([sys.executable, "-c", code])
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        return float("nan")
    return usage.ru_maxrss / 1024  # Linux reports KiB


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-verdicts", action="store_true")
    args = parser.parse_args()
    pdfs = sorted(args.corpus.glob("pdf*/*.pdf"))
    if not pdfs:
        print(f"no corpus PDFs under {args.corpus}: nothing to measure (the corpus is optional)")
        return 0
    import pypdf

    from paperlint.readers.pdf_backends import pdfium_available

    backends = ["pypdf"] + (["pdfium"] if pdfium_available() else [])
    has_poppler = shutil.which("pdftotext") is not None
    print(f"{'paper':8} {'pages':>5} {'backend':7} {'bare':>7} {'reader':>7} {'overhead':>8} "
          f"{'pdftotext':>9}   (ms/page)")
    totals: dict[str, list[float]] = {}
    for path in pdfs:
        pages = len(pypdf.PdfReader(str(path)).pages)
        floor = best(args.repeat, pdftotext, path) if has_poppler else float("nan")
        totals.setdefault("pdftotext", []).append(floor)
        for backend in backends:
            bare = best(args.repeat, bare_pypdf if backend == "pypdf" else bare_pdfium, path)
            full = best(args.repeat, reader, path, backend)
            totals.setdefault(f"{backend} bare", []).append(bare)
            totals.setdefault(f"{backend} reader", []).append(full)
            totals.setdefault("pages", []).append(pages) if backend == "pypdf" else None
            print(f"{path.parent.name:8} {pages:5d} {backend:7} {1000 * bare / pages:7.1f} "
                  f"{1000 * full / pages:7.1f} {full / bare - 1:8.0%} {1000 * floor / pages:9.1f}")
    pages_total = sum(totals["pages"])
    print(f"\nall {len(pdfs)} PDFs, {pages_total:.0f} pages (ms/page over the whole corpus):")
    for name, values in totals.items():
        if name != "pages":
            print(f"  {name:14} {1000 * sum(values) / pages_total:7.1f}")
    for backend in backends:
        bare, full = sum(totals[f"{backend} bare"]), sum(totals[f"{backend} reader"])
        ratio = full / sum(totals["pdftotext"]) if has_poppler else float("nan")
        print(f"  {backend}: repairs add {full / bare - 1:.0%} over bare; reader is {ratio:.1f}x "
              "pdftotext")
    largest = max(pdfs, key=lambda p: p.stat().st_size)
    for backend in backends:
        size_kib = largest.stat().st_size // 1024
        print(f"peak memory, {backend}, {largest.parent.name} ({size_kib} KiB): "
              f"{peak_rss_mb(backend, largest):.0f} MiB")
    if not args.no_verdicts:
        verdicts(args.corpus, pdfs, backends)
    return 0


def verdicts(corpus: Path, pdfs: list[Path], backends: list[str]) -> None:
    from paperlint.api import CheckOptions, check_path

    gold = {}
    for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            gold[entry["id"]] = entry["verdict"]
    for backend in backends:
        agree = 0
        rows = []
        for path in pdfs:
            result = check_path(path, CheckOptions(pdf_backend=backend))
            expected = gold.get(path.parent.name)
            agree += result.verdict == expected
            rows.append(f"{path.parent.name}:{result.verdict or result.error}/{expected}")
        print(f"verdicts, {backend}: {agree}/{len(pdfs)} agree with gold ({agree / len(pdfs):.0%})")
        print("  " + "  ".join(rows))


if __name__ == "__main__":
    raise SystemExit(main())
