"""The fuzz harness: it breaks inputs, checks them, and reports (and keeps) every crash."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from benchmarks import fuzz

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
