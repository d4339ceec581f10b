"""The language server's warm re-check, against a cold ``paperlint check``, side by side.

    python -m benchmarks.lsp_speed              # 21 timed rounds (--runs N), medians
    python -m benchmarks.lsp_speed --json benchmarks/results/lsp_speed.json

A 10,000-word multi-file paper is generated (``benchmarks/speed/synth.py``: ten section files of
about 1,000 words each, plus a small included file of a few sentences, all written for the
harness). ``paperlint server`` is started as a subprocess and driven by pygls's own LSP client,
as an editor would: both files are opened, then each round

 1. changes one line of a large section file (a sentence appended to one of its lines) and times
    from sending ``didChange`` until the diagnostics of that version arrive (the server publishes
    every file of the paper, that one last);
 2. does the same in the small included file;
 3. runs ``paperlint check --isolated main.tex`` in a fresh process (the cold check: interpreter
    start-up, imports, the spaCy pipeline, reading and parsing every file).

The three are interleaved round by round so that load from other processes on a shared machine
falls on all of them alike. Targets (issue 16): the large-file re-check <= 150 ms, the small-file
one <= 50 ms. Needs the lsp extra (pygls).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGETS = {"large": 0.150, "small": 0.050}
# Our own sentences: a small file of the kind papers \input (hardware, acknowledgements).
SMALL = (
    "\\paragraph{Hardware.}\n"
    "All runs used one node with eight accelerators and 1 TB of host memory.\n"
    "We thank the cluster team for their help with scheduling.\n"
)


def make_paper(directory: Path, words: int) -> tuple[Path, Path, Path, int]:
    """The generated paper: (root, a large section file, the small file, prose words)."""
    from benchmarks.speed.synth import generate

    paper = generate(directory, words=words)
    small = directory / "sections" / "hardware.tex"
    small.write_text(SMALL, encoding="utf-8")
    main = paper.main.read_text(encoding="utf-8")
    paper.main.write_text(main.replace("\\end{document}", "\\input{sections/hardware}\n"
                                       "\\end{document}"), encoding="utf-8")
    large = max(paper.files[1:], key=lambda p: p.stat().st_size)
    return paper.main, large, small, paper.words


def machine() -> dict[str, Any]:
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cores": os.cpu_count(), "cpu": model or platform.processor(),
            "python": platform.python_version(), "load_average": os.getloadavg()}


class Driver:
    """An LSP client (pygls) around one ``paperlint server`` subprocess."""

    def __init__(self) -> None:
        from lsprotocol import types as lsp
        from pygls.lsp.client import LanguageClient

        self.lsp = lsp
        self.client = LanguageClient("paperlint-benchmark", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}

        @self.client.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def published(params: Any) -> None:
            self.arrived[(params.uri, params.version)] = time.perf_counter()
            self.event.set()

        @self.client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
        def register(params: Any) -> None:
            return None

    async def start(self, workspace: Path) -> None:
        lsp = self.lsp
        await self.client.start_io(sys.executable, "-m", "paperlint", "server")
        await self.client.initialize_async(lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(), root_uri=workspace.as_uri()))
        self.client.initialized(lsp.InitializedParams())

    async def wait(self, uri: str, version: int, timeout: float = 120.0) -> float:
        deadline = time.perf_counter() + timeout
        while (uri, version) not in self.arrived:
            self.event.clear()
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"no diagnostics for {uri} version {version}")
            try:
                await asyncio.wait_for(self.event.wait(), left)
            except TimeoutError:
                continue
        return self.arrived[(uri, version)]

    async def open(self, path: Path) -> float:
        lsp = self.lsp
        uri = path.resolve().as_uri()
        self.texts[uri] = path.read_text(encoding="utf-8")
        self.versions[uri] = 1
        start = time.perf_counter()
        self.client.text_document_did_open(lsp.DidOpenTextDocumentParams(
            lsp.TextDocumentItem(uri, "latex", 1, self.texts[uri])))
        return await self.wait(uri, 1) - start

    async def edit_line(self, path: Path, line: int, addition: str) -> float:
        """Append ``addition`` to one line (a one-line edit) and time the re-check."""
        lsp = self.lsp
        uri = path.resolve().as_uri()
        lines = self.texts[uri].split("\n")
        line = line % max(1, len(lines) - 1)
        old = lines[line]
        lines[line] = old + addition
        self.texts[uri] = "\n".join(lines)
        self.versions[uri] += 1
        version = self.versions[uri]
        change = lsp.TextDocumentContentChangePartial(
            range=lsp.Range(lsp.Position(line, len(old)), lsp.Position(line, len(old))),
            text=addition)
        start = time.perf_counter()
        self.client.text_document_did_change(lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version, uri), [change]))
        return await self.wait(uri, version) - start

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


def cold_check(main: Path) -> float:
    from benchmarks.speed.timing import run_once

    run = run_once([sys.executable, "-m", "paperlint", "check", "--isolated", str(main)])
    if run.returncode not in (0, 1):
        raise RuntimeError(f"paperlint check failed: {run.stderr_tail}")
    return run.seconds


async def measure(runs: int, words: int, warmup: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="paperlint-lsp-") as tmp:
        main, large, small, written = make_paper(Path(tmp), words)
        driver = Driver()
        await driver.start(Path(tmp))
        first_large = await driver.open(large)
        first_small = await driver.open(small)
        samples: dict[str, list[float]] = {"large": [], "small": [], "cold": []}
        for index in range(warmup + runs):
            timed = {
                "large": await driver.edit_line(large, 3 + 2 * index, f" Revision {index}."),
                "small": await driver.edit_line(small, 1, f" Note {index}."),
                "cold": cold_check(main),
            }
            if index >= warmup:
                for name, seconds in timed.items():
                    samples[name].append(seconds)
        await driver.stop()
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "machine": machine(),
        "paper": {"words": written, "files": 12, "large_file": large.name,
                  "small_file": small.name},
        "runs": runs,
        "first_open_s": {"large": first_large, "small": first_small},
        "samples_s": samples,
        "median_s": medians,
        "cold_over_warm": {name: medians["cold"] / medians[name] for name in TARGETS},
        "targets": [{"name": f"warm re-check, {name} file (s)", "value": medians[name],
                     "limit": limit, "passed": medians[name] <= limit}
                    for name, limit in TARGETS.items()],
    }


def render(data: dict[str, Any]) -> str:
    m, samples = data["machine"], data["samples_s"]
    load = ", ".join(f"{x:.2f}" for x in m["load_average"])
    lines = [
        f"# paperlint server: warm re-check vs cold check ({data['date']})",
        "",
        f"{m['cores']} cores ({m['cpu']}), Python {m['python']}, load average at the end "
        f"{load}; paper of {data['paper']['words']:,} words in {data['paper']['files']} files; "
        f"{data['runs']} interleaved rounds.",
        "",
        "| what | median ms | min ms | max ms |",
        "|---|---:|---:|---:|",
    ]
    names = {"large": f"re-check after a one-line edit in {data['paper']['large_file']}",
             "small": f"re-check after a one-line edit in {data['paper']['small_file']}",
             "cold": "cold `paperlint check` (new process)"}
    for key, label in names.items():
        values = samples[key]
        lines.append(f"| {label} | {statistics.median(values) * 1000:.1f} | "
                     f"{min(values) * 1000:.1f} | {max(values) * 1000:.1f} |")
    first = data["first_open_s"]
    lines += ["", f"First open (the first check: builds the pipeline, parses every file): "
              f"{first['large'] * 1000:.0f} ms; cold check over warm re-check: "
              f"{data['cold_over_warm']['large']:.1f}x (large file), "
              f"{data['cold_over_warm']['small']:.1f}x (small file).", ""]
    for target in data["targets"]:
        verdict = "pass" if target["passed"] else "FAIL"
        lines.append(f"- {target['name']}: {target['value'] * 1000:.1f} ms, limit "
                     f"{target['limit'] * 1000:.0f} ms: {verdict}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lsp_speed", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=21, help="timed rounds (default 21)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed rounds first (default 2)")
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    try:
        import pygls  # noqa: F401
    except ImportError:
        print("benchmarks.lsp_speed needs the lsp extra: pip install -e '.[lsp]'",
              file=sys.stderr)
        return 2
    data = asyncio.run(measure(args.runs, args.words, args.warmup))
    print(render(data), end="")
    if args.json is not None:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(data, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
