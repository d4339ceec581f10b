"""Changed lines only (--diff-base, --changed-only), on real git repositories built in tmp dirs."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.changes import ChangesError, changed_lines, changed_only_base, parse_diff
from paperlint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

MAIN = r"""\documentclass{article}
\begin{document}
\input{sections/training}
\input{sections/results}
\end{document}
"""
# PL105 (paper-wide) lands on line 1 of training.tex; PL201 on line 2.
TRAINING = r"""We trained the tagger on 8 NVIDIA A100 GPUs for 3 days.
A forward pass costs about 2.6 GFLOPs per token.
"""
RESULTS = r"""\section{Results}
The tagger is accurate.
"""
GIT_ENV = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "GIT_CONFIG_NOSYSTEM": "1",
           "HOME": "/nonexistent"}


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True,
                          env={**os.environ, **GIT_ENV})
    return done.stdout.strip()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "repo"
    (root / "paper" / "sections").mkdir(parents=True)
    (root / "paper" / "main.tex").write_text(MAIN, encoding="utf-8")
    (root / "paper" / "sections" / "training.tex").write_text(TRAINING, encoding="utf-8")
    (root / "paper" / "sections" / "results.tex").write_text(RESULTS, encoding="utf-8")
    (root / "README.md").write_text("notes\n", encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "base")
    monkeypatch.chdir(root)
    for name in ("GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH"):
        monkeypatch.delenv(name, raising=False)
    return root


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def check(*args: str) -> tuple[int, list[dict[str, object]], str]:
    result = CliRunner().invoke(main, ["check", *args, "--format", "json"])
    if result.exit_code == 2:
        return 2, [], result.stderr
    [document] = json.loads(result.stdout)["documents"]
    return result.exit_code, document["findings"], result.stderr


def _places(findings: list[dict[str, object]]) -> set[tuple[str, str, int]]:
    return {(f["code"], f["location"]["file"], f["location"]["line"])  # type: ignore[index]
            for f in findings}


def test_without_a_change_nothing_but_paper_wide_findings_of_a_changed_paper(repo: Path) -> None:
    _, everything, _ = check("paper/main.tex")
    assert _places(everything) == {("PL105", "sections/training.tex", 1),
                                   ("PL201", "sections/training.tex", 2)}
    # Nothing changed since HEAD: nothing to report.
    code, findings, _ = check("paper/main.tex", "--diff-base", "HEAD")
    assert findings == [] and code == 0
    # A change outside the paper: still nothing (PL105 is about this paper only).
    _append(repo / "README.md", "more notes\n")
    assert check("paper/main.tex", "--diff-base", "HEAD")[1] == []


def test_only_findings_on_added_lines_and_the_paper_wide_ones(repo: Path) -> None:
    _append(repo / "paper" / "sections" / "results.tex", "Evaluation took 5 GFLOPs per image.\n")
    code, findings, _ = check("paper/main.tex", "--diff-base", "HEAD")
    # The new line's PL201; PL105 (paper-wide, on an unchanged line) because the paper changed;
    # not the old PL201 on training.tex's unchanged line 2.
    assert _places(findings) == {("PL201", "sections/results.tex", 3),
                                 ("PL105", "sections/training.tex", 1)}
    assert code == 1


def test_a_modified_line_counts_and_a_deleted_one_does_not(repo: Path) -> None:
    training = repo / "paper" / "sections" / "training.tex"
    training.write_text(TRAINING.replace("about 2.6", "roughly 2.6"), encoding="utf-8")
    assert ("PL201", "sections/training.tex", 2) in _places(
        check("paper/main.tex", "--diff-base", "HEAD")[1])
    git(repo, "commit", "-q", "-am", "reword")
    results = repo / "paper" / "sections" / "results.tex"
    results.write_text(RESULTS.splitlines()[0] + "\n", encoding="utf-8")  # a line removed only
    changes = changed_lines("HEAD")
    assert changes.lines.get("paper/sections/results.tex", frozenset()) == frozenset()
    assert _places(check("paper/main.tex", "--diff-base", "HEAD")[1]) == set()


def test_committed_changes_since_a_branch_and_untracked_files(repo: Path) -> None:
    git(repo, "checkout", "-q", "-b", "topic")
    _append(repo / "paper" / "sections" / "results.tex", "It costs 7 TFLOPs per step.\n")
    git(repo, "commit", "-q", "-am", "results")
    (repo / "paper" / "sections" / "appendix.tex").write_text(
        "Profiling showed 9 GFLOPs per batch.\n", encoding="utf-8")  # new, not yet added
    _append(repo / "paper" / "main.tex", "")
    (repo / "paper" / "main.tex").write_text(
        MAIN.replace(r"\end{document}", "\\input{sections/appendix}\n\\end{document}"),
        encoding="utf-8")
    places = _places(check("paper/main.tex", "--diff-base", "main")[1])
    assert ("PL201", "sections/results.tex", 3) in places  # committed on the branch
    assert ("PL201", "sections/appendix.tex", 1) in places  # untracked: new as a whole
    assert ("PL201", "sections/training.tex", 2) not in places


def test_run_from_a_subdirectory(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _append(repo / "paper" / "sections" / "results.tex", "It costs 7 TFLOPs per step.\n")
    monkeypatch.chdir(repo / "paper")
    assert ("PL201", "sections/results.tex", 3) in _places(
        check("main.tex", "--diff-base", "HEAD")[1])


def test_bad_ref_and_no_repository_are_one_line_errors(repo: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, stderr = check("paper/main.tex", "--diff-base", "no-such-branch")
    assert code == 2 and stderr.count("\n") == 1
    assert "--diff-base no-such-branch: no such commit" in stderr
    outside = tmp_path / "plain"
    outside.mkdir()
    (outside / "main.tex").write_text(MAIN.replace("\\input{sections/training}\n", ""), "utf-8")
    monkeypatch.chdir(outside)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    code, _, stderr = check("main.tex", "--diff-base", "HEAD")
    assert code == 2 and "not inside a git repository" in stderr and "Traceback" not in stderr


def test_changed_only_reads_the_pull_request_base(repo: Path, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    base = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "-b", "pr")
    _append(repo / "paper" / "sections" / "results.tex", "It costs 7 TFLOPs per step.\n")
    git(repo, "commit", "-q", "-am", "pr change")
    git(repo, "checkout", "-q", "main")
    _append(repo / "README.md", "main moved on\n")
    git(repo, "commit", "-q", "-am", "main moves")
    moved = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "pr")
    event = tmp_path / "event.json"
    event.write_text(json.dumps({"pull_request": {"base": {"sha": moved}}}), encoding="utf-8")
    env = {"GITHUB_EVENT_NAME": "pull_request", "GITHUB_EVENT_PATH": str(event)}
    # The fork point, not the base branch's tip: main's later commits are not the PR's.
    assert changed_only_base(environ=env) == base
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _places(check("paper/main.tex", "--changed-only")[1]) == {
        ("PL201", "sections/results.tex", 3), ("PL105", "sections/training.tex", 1)}


def test_changed_only_uses_the_upstream_branch_or_says_what_to_do(repo: Path) -> None:
    with pytest.raises(ChangesError, match="give --diff-base REF"):
        changed_only_base(environ={})
    git(repo, "checkout", "-q", "-b", "topic")
    git(repo, "branch", "-q", "--set-upstream-to", "main")
    _append(repo / "paper" / "sections" / "results.tex", "It costs 7 TFLOPs per step.\n")
    git(repo, "commit", "-q", "-am", "topic")
    assert changed_only_base(environ={}) == git(repo, "rev-parse", "main")


def test_a_changed_pdf_keeps_its_findings(repo: Path) -> None:
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "pdf" / "twocolumn.pdf"
    shutil.copyfile(fixture, repo / "paper.pdf")
    git(repo, "add", "paper.pdf")
    git(repo, "commit", "-q", "-m", "pdf")
    everything = check("paper.pdf")[1]
    assert {f["code"] for f in everything} >= {"PL102"}  # a line-level finding, on a page
    assert check("paper.pdf", "--diff-base", "HEAD")[1] == []
    # Git has no lines for a PDF: when it changed at all, every finding in it is kept.
    assert check("paper.pdf", "--diff-base", "HEAD~1")[1] == everything


def test_parse_diff_reads_hunks_renames_quoting_and_binaries() -> None:
    diff = "\n".join([
        "diff --git a/a.tex b/a.tex",
        "--- a/a.tex",
        "+++ b/a.tex",
        "@@ -3 +3 @@ x",
        "@@ -10,2 +11,3 @@",
        "@@ -20,4 +24,0 @@",
        'diff --git "a/my\\tfile.tex" "b/my\\tfile.tex"',
        '--- "a/my\\tfile.tex"',
        '+++ "b/my\\tfile.tex"',
        "@@ -0,0 +1,2 @@",
        "diff --git a/caf\u00e9.tex b/caf\u00e9.tex",
        "--- /dev/null",
        '+++ "b/caf\\303\\251.tex"',
        "@@ -0,0 +1 @@",
        "diff --git a/old.tex b/gone.tex",
        "--- a/gone.tex",
        "+++ /dev/null",
        "@@ -1,3 +0,0 @@",
        "diff --git a/paper.pdf b/paper.pdf",
        "Binary files a/paper.pdf and b/paper.pdf differ",
    ])
    lines, binary = parse_diff(diff)
    assert lines["a.tex"] == frozenset({3, 11, 12, 13})
    assert lines["my\tfile.tex"] == frozenset({1, 2})
    assert lines["café.tex"] == frozenset({1})
    assert "gone.tex" not in lines
    assert binary == frozenset({"paper.pdf"})


def test_several_papers_are_filtered_alike_and_a_batch_says_it_is_not(repo: Path) -> None:
    other = repo / "other"
    other.mkdir()
    (other / "main.tex").write_text(MAIN.replace("\\input{sections/training}\n", "")
                                    .replace("sections/results", "results"), encoding="utf-8")
    (other / "results.tex").write_text(RESULTS, encoding="utf-8")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "other")
    _append(other / "results.tex", "It costs 7 TFLOPs per step.\n")
    result = CliRunner().invoke(main, ["check", "paper/main.tex", "other/main.tex",
                                       "--diff-base", "HEAD", "--format", "json"])
    documents = json.loads(result.stdout)["documents"]
    assert documents[0]["findings"] == []  # paper/ unchanged: nothing
    # other/: the new line's PL201, and PL101 (paper-wide: no compute report) as it changed.
    assert sorted(f["code"] for f in documents[1]["findings"]) == ["PL101", "PL201"]
    batch = CliRunner().invoke(main, ["check", "paper/main.tex", "other/main.tex", "--diff-base",
                                      "HEAD", "--format", "jsonl", "--jobs", "1"])
    assert "apply to single checks; this batch reports every finding" in batch.stderr
