"""``paperlint check`` in batch mode: streaming output, resume, lists, reports and exit codes."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.cli import main
from paperlint.report import jsonl
from tests.batch.batch_helpers import tex_paper

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow

REPORTED = "We trained for 3 days on 8 NVIDIA A100 GPUs, a total of 1.2e21 FLOP."


def _submissions(root: Path, *, good: int = 3, broken: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for index in range(good):
        (root / f"s{index}.tex").write_text(tex_paper(REPORTED), encoding="utf-8")
    if broken:
        (root / "broken.pdf").write_bytes(b"not a pdf at all")
    return root


def _run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", *args], input=input)
    return result.exit_code, result.stdout, result.stderr


def _lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_collection_streams_one_jsonl_line_per_paper(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs")
    code, out, err = _run(str(root), "--format", "jsonl", "--jobs", "2")
    rows = [json.loads(line) for line in out.splitlines()]
    assert sorted(Path(str(r["path"])).name for r in rows) == [
        "broken.pdf", "s0.tex", "s1.tex", "s2.tex"]
    assert code == 2  # a paper could not be read
    assert "broken.pdf" in err and "4/4 papers checked, 1 failed" in err


def test_exit_code_is_findings_or_clean_when_everything_was_read(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs", broken=False)
    code, _, _ = _run(str(root), "--format", "jsonl", "--fail-level", "info")
    clean, _, _ = _run(str(root), "--format", "jsonl", "--exit-zero")
    assert code in (0, 1) and clean == 0
    rows = _run(str(root), "--format", "jsonl", "--fail-level", "info")[1].splitlines()
    has_findings = any(json.loads(r)["findings"] for r in rows)
    assert code == (1 if has_findings else 0)


def test_resume_skips_papers_already_written_and_repairs_a_torn_line(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs")
    output = tmp_path / "out.jsonl"
    _run(str(root), "--format", "jsonl", "--output", str(output))
    first = _lines(output)
    # Simulate an interruption: keep two results, then half of the third.
    kept = output.read_text(encoding="utf-8").splitlines(keepends=True)
    output.write_text(kept[0] + kept[1] + kept[2][:25], encoding="utf-8")
    code, _, err = _run(str(root), "--format", "jsonl", "--output", str(output), "--resume")
    assert "resuming: 2 of 4 papers already in" in err
    final = _lines(output)  # every line parses: the torn one was cut away
    assert sorted(str(r["path"]) for r in final) == sorted(str(r["path"]) for r in first)
    assert final[:2] == first[:2]
    assert code == 2


def test_resume_needs_a_streamed_output_file(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs", good=1, broken=False)
    code, _, err = _run(str(root), "--format", "jsonl", "--resume")
    assert code == 2 and "--resume needs --output FILE" in err
    assert "Traceback" not in err


def test_paths_from_a_list_and_from_stdin(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs", broken=False)
    listing = tmp_path / "list.txt"
    listing.write_text(f"# two papers\n{root / 's0.tex'}\n{root / 's2.tex'}\n", encoding="utf-8")
    _, out, _ = _run("--paths-from", str(listing), "--format", "jsonl")
    names = sorted(Path(json.loads(x)["path"]).name for x in out.splitlines())
    assert names == ["s0.tex", "s2.tex"]
    _, out, _ = _run("--paths-from", "-", "--format", "jsonl", input=f"{root / 's1.tex'}\n")
    assert [Path(json.loads(x)["path"]).name for x in out.splitlines()] == ["s1.tex"]
    code, _, err = _run("--paths-from", str(tmp_path / "missing.txt"))
    assert code == 2 and "missing.txt" in err and "Traceback" not in err


def test_csv_output_and_the_html_report(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs")
    output, page = tmp_path / "out.csv", tmp_path / "report.html"
    _run(str(root), "--format", "csv", "--output", str(output), "--report", str(page))
    rows = list(csv.DictReader(output.open(encoding="utf-8")))
    assert len(rows) == 4 and {r["id"] for r in rows} == {"s0", "s1", "s2", "broken"}
    assert [r["error"] != "" for r in rows].count(True) == 1
    text = page.read_text(encoding="utf-8")
    assert text.count("<tr data-verdict=") == 4 and 'data-verdict="error"' in text


def test_whole_report_formats_are_in_discovery_order_in_batch_mode(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs", good=4, broken=False)
    _, out, _ = _run(str(root), "--format", "json", "--jobs", "2")
    names = [Path(d["path"]).name for d in json.loads(out)["documents"]]
    assert names == ["s0.tex", "s1.tex", "s2.tex", "s3.tex"]


def test_a_single_paper_without_batch_options_is_not_a_batch(tmp_path: Path) -> None:
    paper = tmp_path / "one.tex"
    paper.write_text(tex_paper(REPORTED), encoding="utf-8")
    _, out, err = _run(str(paper), "--format", "json")
    assert json.loads(out)["documents"][0]["path"] == str(paper)
    assert "papers checked" not in err  # no batch progress lines


def test_jsonl_output_reads_back_as_results(tmp_path: Path) -> None:
    root = _submissions(tmp_path / "subs", good=1, broken=False)
    output = tmp_path / "out.jsonl"
    _run(str(root), "--format", "jsonl", "-o", str(output))
    loaded = jsonl.load(output)
    assert len(loaded.documents) == 1 and loaded.documents[0].format == "latex"
