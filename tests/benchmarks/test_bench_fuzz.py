"""The fuzz harness: it breaks inputs, checks them, and reports (and keeps) every crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import fuzz, fuzz_archive, fuzz_batch

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def test_mutations_are_deterministic_and_change_the_text() -> None:
    text = "\\documentclass{article}\n\\begin{document}\nWe train on 8 GPUs.\n\\end{document}\n"
    first = [fuzz.mutate(text, random.Random(7)) for _ in range(3)]
    assert first == [fuzz.mutate(text, random.Random(7)) for _ in range(3)]
    assert any(m != text for m in (fuzz.mutate(text, random.Random(s)) for s in range(20)))


def test_seeds_are_ours_without_the_corpus() -> None:
    files = fuzz.seeds(None)
    assert files and all(fuzz.REPO in f.parents for f in files)


def test_a_short_run_on_our_fixtures_finds_no_crash(tmp_path: Path) -> None:
    result = fuzz.run(3, seed=1, corpus=None, keep=tmp_path / "keep", timeout=30, log=False)
    assert result["checked"] and result["failures"] == []
    assert not (tmp_path / "keep").exists()


def test_a_crash_is_reported_kept_and_fails_the_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import paperlint

    def crash(path: Path) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(paperlint, "check", crash)
    keep = tmp_path / "keep"
    code = fuzz.main(["--seconds", "0.5", "--corpus", str(tmp_path / "none"), "--keep",
                      str(keep)])
    out = capsys.readouterr().out
    assert code == 1 and "raised RuntimeError: boom" in out
    assert list(keep.glob("seed0-*.tex"))


def test_pdf_mode_breaks_bytes_and_survives(tmp_path: Path) -> None:
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    broken = {fuzz.mutate_pdf(data, random.Random(s)) for s in range(20)}
    assert len(broken) > 1 and fuzz.mutate_pdf(b"", random.Random(0)) == b""
    assert all(f.suffix == ".pdf" for f in fuzz.seeds(None, ".pdf"))
    result = fuzz.run(3, seed=2, corpus=None, keep=tmp_path / "keep", timeout=30, log=False,
                      pdf=True)
    assert result["checked"] and result["failures"] == []


def test_archive_mode_builds_every_kind_and_survives(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "\\documentclass{article}\n\\begin{document}\nWe train on 8 GPUs.\n\\end{document}\n"
    escape = tmp_path / "abs.tex"
    for kind in fuzz_archive.KINDS:
        made = set()
        for seed in range(12):
            rng = random.Random(seed)
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(fuzz_archive, "KINDS", (kind,))
                made.add(fuzz_archive.hostile_archive(text, rng, escape))
        names = {name for name, _ in made}
        assert len(made) > 1 or kind == "bomb", kind  # the bomb is made once
        assert all(data for _, data in made) or kind == "cut", kind
        if kind == "not read":
            assert names <= {"paper.7z", "paper.rar", "paper.tar.zst"}
        elif kind in ("bomb", "corrupt member"):
            assert names == {"paper.zip"}
    code = fuzz.main(["--archive", "--seconds", "2", "--corpus", str(tmp_path / "none"),
                      "--keep", str(tmp_path / "keep")])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("archive: ") and "0 failures" in out


def test_a_traversal_that_escaped_would_be_seen(tmp_path: Path) -> None:
    folder, escape = tmp_path / "paper", tmp_path / "abs.tex"
    folder.mkdir()
    assert fuzz_archive.escapes(folder, escape) == []
    (tmp_path / fuzz_archive.ESCAPE_NAME).write_text("%", encoding="utf-8")
    escape.write_text("%", encoding="utf-8")
    assert len(fuzz_archive.escapes(folder, escape)) == 2


def test_judge_flags_lost_doubled_and_wrong_rows() -> None:
    expected = {"good.tex": fuzz_batch.VERDICT, "bad.zip": fuzz_batch.ERROR,
                "odd": fuzz_batch.ANY, "lost.pdf": fuzz_batch.ANY}
    rows: list[dict[str, object]] = [
        {"path": "subs/good.tex", "error": "internal error (KeyError)", "verdict": None},
        {"path": "subs/bad.zip", "error": None, "verdict": "missing"},
        {"path": "subs/odd", "error": "timed out after 60 s", "verdict": None},
        {"path": "subs/odd", "error": "damaged archive", "verdict": None},
        {"path": "subs/stray.tex", "error": None, "verdict": "complete"},
    ]
    problems = fuzz_batch.judge(expected, rows, fuzz_batch.MARKER)
    for phrase in ("'good.tex': internal error", "'bad.zip': read, yet", "'odd': timed out",
                   "'odd': 2 rows", "'lost.pdf': no row", "'stray.tex': a row for no paper",
                   "outside the folder was read"):
        assert any(phrase in problem for problem in problems), phrase
    fine = [{"path": "subs/good.tex", "error": None, "verdict": "partial"},
            {"path": "subs/bad.zip", "error": "damaged archive", "verdict": None},
            {"path": "subs/odd", "error": None, "verdict": "missing"},
            {"path": "subs/lost.pdf", "error": "truncated PDF", "verdict": None}]
    assert fuzz_batch.judge(expected, fine, "") == []


def test_batch_mode_checks_a_folder_of_every_issue19_case(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sources = fuzz_batch.Sources(["\\documentclass{article}\\begin{document}x\\end{document}"],
                                 [], tmp_path, fuzz.mutate, fuzz.mutate_pdf,
                                 fuzz_archive.hostile_archive)
    made = fuzz_batch.write_round(tmp_path / "r", 0, random.Random(3), sources, size=40)
    names = set(made.expected)
    assert len([n for n in names if n.startswith("good-")]) >= 2
    for stem in ("empty", "fragments", "linked", "huge", "texroot", "lzma", "paper"):
        assert any(n.startswith(stem) for n in names), stem
    assert any("\r\n::error" in n for n in names) and any("\\xff" in n for n in names)
    code = fuzz.main(["--batch", "--seconds", "0.1", "--papers", "8", "--corpus",
                      str(tmp_path / "none"), "--keep", str(tmp_path / "keep")])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("batch: ") and "in 1 batches" in out, out
    assert "0 failures" in out
