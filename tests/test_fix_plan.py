"""paperlint.fix's decisions on hand-made findings: overlaps, files outside the project, files
changed since they were checked, text the file's encoding cannot hold."""

from __future__ import annotations

from pathlib import Path

from paperlint.fix import apply_edits, conflicts, plan_fixes, select, unified_diff
from paperlint.model import (
    DocumentResult,
    Edit,
    Finding,
    Fix,
    Location,
    Report,
    text_digest,
)

_TEXT = "We used 3e18 GFLOPs. We trained for 2 days.\n"


def _edit(file: str, start: int, end: int, content: str, text: str = _TEXT) -> Edit:
    return Edit(file, start, end, content, Location(file, 1, start + 1, 1, end + 1),
                text_digest(text))


def _finding(code: str, *edits: Edit, applicability: str = "safe") -> Finding:
    fix = Fix(tuple(edits), applicability, "change it")  # type: ignore[arg-type]
    return Finding(code, "name", "warning", "message", edits[0].location, fix=fix)


def _report(root: Path, *findings: Finding) -> Report:
    return Report((DocumentResult(str(root / "main.tex"), "latex", files=("main.tex",),
                                  findings=findings, root=str(root)),))


def _paper(tmp_path: Path, text: str = _TEXT) -> Path:
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "main.tex").write_text(text, encoding="utf-8")
    return tmp_path


def test_conflicts() -> None:
    a = _edit("f", 5, 10, "x")
    assert conflicts(a, _edit("f", 9, 12, "y")) and not conflicts(a, _edit("f", 10, 12, "y"))
    assert conflicts(a, _edit("f", 7, 7, "y"))  # an insertion inside a replacement
    assert conflicts(_edit("f", 7, 7, "a"), _edit("f", 7, 7, "b"))  # two at one point
    assert conflicts(a, _edit("f", 10, 10, "y"))  # at its end: the order would be a guess
    assert not conflicts(a, _edit("f", 11, 11, "y"))


def test_an_overlapping_fix_is_skipped_and_said(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    first = _finding("PL201", _edit("main.tex", 13, 19, "GFLOP"))
    second = _finding("PL105", _edit("main.tex", 19, 19, " More."), applicability="unsafe")
    plan = plan_fixes(_report(root, first, second), unsafe=True)
    assert plan.fixed == [first]
    [skipped] = plan.skipped
    assert skipped.finding is second
    assert "it overlaps the PL201 fix at line 1, column 14; run --fix again" in skipped.line()
    assert [change.after for change in plan.changes] == [_TEXT.replace("GFLOPs", "GFLOP")]


def test_identical_fixes_count_once() -> None:
    one = _finding("PL201", _edit("main.tex", 13, 19, "GFLOP"))
    two = _finding("PL201", _edit("main.tex", 13, 19, "GFLOP"))
    taken, skipped = select([(one, one.fix), (two, two.fix)])  # type: ignore[list-item]
    assert len(taken) == 1 and skipped == []


def test_unsafe_fixes_are_hidden_without_the_flag(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    unsafe = _finding("PL105", _edit("main.tex", 20, 20, " More."), applicability="unsafe")
    plan = plan_fixes(_report(root, unsafe))
    assert plan.hidden == 1 and plan.changes == [] and plan.skipped == []


def test_a_file_outside_the_project_is_never_written(tmp_path: Path) -> None:
    root = _paper(tmp_path / "paper")
    outside = tmp_path / "notes.tex"
    outside.write_text(_TEXT, encoding="utf-8")
    (root / "link.tex").symlink_to(outside)
    for name in ("../notes.tex", "link.tex"):
        plan = plan_fixes(_report(root, _finding("PL201", _edit(name, 13, 19, "GFLOP"))))
        assert plan.changes == []
        assert [s.reason for s in plan.skipped] == ["the file is outside the project"]
    assert outside.read_text(encoding="utf-8") == _TEXT


def test_a_file_changed_since_the_check_is_left_alone(tmp_path: Path) -> None:
    root = _paper(tmp_path)
    finding = _finding("PL201", _edit("main.tex", 13, 19, "GFLOP"))
    (root / "main.tex").write_text("Rewritten meanwhile: 3e18 GFLOPs.\n", encoding="utf-8")
    plan = plan_fixes(_report(root, finding))
    assert plan.changes == []
    assert "changed since it was checked" in plan.skipped[0].reason


def test_text_the_encoding_cannot_hold_is_not_written(tmp_path: Path) -> None:
    text = "Co\xfbt: 3e18 GFLOPs.\n"
    (tmp_path / "main.tex").write_bytes(text.encode("latin-1"))
    finding = _finding("PL201", _edit("main.tex", 11, 17, "GFLOP ≈", text=text))
    plan = plan_fixes(_report(tmp_path, finding))
    assert plan.changes == [] and "encoding (latin-1)" in plan.skipped[0].reason


def test_a_pdf_is_never_changed(tmp_path: Path) -> None:
    finding = _finding("PL201", _edit("paper.pdf", 13, 19, "GFLOP"))
    report = Report((DocumentResult(str(tmp_path / "paper.pdf"), "pdf", findings=(finding,)),))
    plan = plan_fixes(report)
    assert plan.changes == [] and "a PDF is never changed" in plan.skipped[0].reason


def test_apply_edits_and_diff_keep_crlf(tmp_path: Path) -> None:
    text = "a GFLOPs\r\nb\r\n"
    assert apply_edits(text, [_edit("f", 2, 8, "GFLOP", text), _edit("f", 8, 8, ".", text)]) == (
        "a GFLOP.\r\nb\r\n")
    (tmp_path / "main.tex").write_bytes(text.encode())
    plan = plan_fixes(_report(tmp_path, _finding("PL201", _edit("main.tex", 2, 8, "GFLOP", text))))
    assert "-a GFLOPs\r\n+a GFLOP\r\n b\r\n" in unified_diff(plan)


def test_a_text_s_digest_is_computed_once_however_many_fixes_ask(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Each fix of a long paper hashed the whole file again: quadratic in the paper's length.
    import hashlib

    calls: list[int] = []
    original = hashlib.sha256

    def counting(data: bytes) -> object:
        calls.append(len(data))
        return original(data)

    monkeypatch.setattr(hashlib, "sha256", counting)
    text = "".join(["We trained for 2 days.\n"] * 1000)
    digests = {text_digest(text) for _ in range(500)}
    assert digests == {original(text.encode()).hexdigest()[:32]} and len(calls) == 1
    other = text[:-1] + "!"
    assert text_digest(other) != text_digest(text)
