"""Changed lines only (``--diff-base REF``, ``--changed-only``): reviewdog's ``added`` filter.

The lines a change added or modified are read from ``git diff --unified=0 BASE`` (the working
tree against BASE, so uncommitted edits count) plus the files git does not track yet, which are
new as a whole. A finding is kept when one of its lines is among them. Two kinds of finding are
kept on other lines, by rule:

- a **paper-wide** finding (a rule of scope "paper": PL101, PL105-PL108 say that something is
  stated nowhere in the paper) is kept whenever the change touches any file of that paper: the
  paper as a whole is what it is about, and a change to the paper is where it should be fixed;
- a finding in a binary file (a PDF) is kept when that file changed at all: git has no lines
  for it.

A paper that cannot be read is always reported. ``--changed-only`` finds BASE itself: on a GitHub
``pull_request`` event, the pull request's base commit (from ``$GITHUB_EVENT_PATH``); elsewhere,
the merge base of HEAD with its upstream branch (``@{upstream}``), else with ``origin/HEAD``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import replace
from pathlib import Path

from paperlint.errors import PaperlintError
from paperlint.model import ChangedLines, DocumentResult, Finding, Report
from paperlint.report.paths import relative_to_root, shown_file
from paperlint.report.text import display_file
from paperlint.rulebook import RULES

_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")
_GIT_TIMEOUT = 60


class ChangesError(PaperlintError):
    """The change cannot be read: not a git repository, an unknown ref, no base found."""


def _git(root: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", "-c", "core.quotePath=off", *args], cwd=root, capture_output=True,
            timeout=_GIT_TIMEOUT, check=False,
        )
    except FileNotFoundError:
        raise ChangesError("git is not installed; --diff-base needs it") from None
    except subprocess.TimeoutExpired:
        raise ChangesError(f"git {args[0]} took longer than {_GIT_TIMEOUT} s") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return done.stdout.decode("utf-8", "surrogateescape")


def git_root(start: Path | None = None) -> Path:
    """The top level of the git work tree holding ``start`` (default: the working directory)."""
    where = (start or Path.cwd()).resolve()
    try:
        return Path(_git(where if where.is_dir() else where.parent,
                         "rev-parse", "--show-toplevel").strip()).resolve()
    except ChangesError:
        raise ChangesError(f"{where}: not inside a git repository; --diff-base needs one") from None


_ESCAPES = {"a": 7, "b": 8, "t": 9, "n": 10, "v": 11, "f": 12, "r": 13, '"': 34, "\\": 92}


def _unquote(name: str) -> str:
    """A path as git prints it in a diff header: C-quoted ("a\\tb", octal bytes) when odd."""
    if not (len(name) >= 2 and name.startswith('"') and name.endswith('"')):
        return name
    body, out, i = name[1:-1], bytearray(), 0
    while i < len(body):
        char = body[i]
        if char == "\\" and i + 1 < len(body):
            following = body[i + 1]
            if following in "01234567" and re.match(r"[0-7]{3}", body[i + 1:i + 4]):
                out.append(int(body[i + 1:i + 4], 8))
                i += 4
                continue
            out.append(_ESCAPES.get(following, ord(following) & 0xFF))
            i += 2
            continue
        out += char.encode("utf-8", "surrogateescape")
        i += 1
    return out.decode("utf-8", "replace")


def parse_diff(text: str) -> tuple[dict[str, frozenset[int]], frozenset[str]]:
    """(added lines per file, binary files changed) from ``git diff --unified=0`` output.

    Only the new side counts: a hunk ``+c,d`` adds lines c..c+d-1 (``d`` is 1 when left out, 0 for
    a pure deletion). A deleted file has no new side and is left out."""
    lines: dict[str, set[int]] = {}
    binary: set[str] = set()
    current: str | None = None
    for line in text.splitlines():
        if line.startswith("diff --git "):
            current = None
        elif line.startswith("+++ "):
            target = line[4:].rstrip("\t")
            current = None if target == "/dev/null" else _unquote(target)
            if current is not None and current.startswith("b/"):
                current = current[2:]
        elif line.startswith("Binary files ") and line.endswith(" differ"):
            target = line[len("Binary files "):-len(" differ")].split(" and ")[-1]
            if target != "/dev/null":
                name = _unquote(target)
                binary.add(name[2:] if name.startswith("b/") else name)
        elif current is not None and (match := _HUNK.match(line)):
            start, count = int(match.group(1)), int(match.group(2) or "1")
            lines.setdefault(current, set()).update(range(start, start + count))
    return {name: frozenset(numbers) for name, numbers in lines.items()}, frozenset(binary)


def changed_lines(base: str, start: Path | None = None) -> ChangedLines:
    """The lines changed in the working tree since ``base`` (a commit, branch or tag)."""
    root = git_root(start)
    try:
        commit = _git(root, "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}").strip()
    except ChangesError:
        raise ChangesError(f"--diff-base {base}: no such commit in this repository "
                           "(in a shallow clone, fetch it first)") from None
    diff = _git(root, "diff", "--no-color", "--no-ext-diff", "--unified=0", "--find-renames",
                commit, "--")
    lines, binary = parse_diff(diff)
    untracked = _git(root, "ls-files", "--others", "--exclude-standard", "-z")
    new = {name for name in untracked.split("\0") if name}
    return ChangedLines(base=commit, root=str(root), lines=lines, whole=frozenset(binary | new))


def changed_only_base(start: Path | None = None, environ: dict[str, str] | None = None) -> str:
    """The base ``--changed-only`` compares with (see the module's docstring)."""
    env = os.environ if environ is None else environ
    root = git_root(start)
    event = env.get("GITHUB_EVENT_PATH")
    if env.get("GITHUB_EVENT_NAME", "").startswith("pull_request") and event:
        try:
            data = json.loads(Path(event).read_text(encoding="utf-8"))
            base = str(data["pull_request"]["base"]["sha"])
        except (OSError, ValueError, KeyError, TypeError):
            raise ChangesError(f"{event}: no pull_request.base.sha in the event") from None
        try:  # the fork point; a shallow clone may lack the history, then the base itself
            return _git(root, "merge-base", base, "HEAD").strip()
        except ChangesError:
            return base
    for upstream in ("@{upstream}", "origin/HEAD"):
        try:
            return _git(root, "merge-base", upstream, "HEAD").strip()
        except ChangesError:
            continue
    raise ChangesError("--changed-only: no pull request event, no upstream branch and no "
                       "origin/HEAD to compare with; give --diff-base REF")


def _kept(document: DocumentResult, finding: Finding, changes: ChangedLines,
          paper_changed: bool) -> bool:
    path = relative_to_root(shown_file(document, finding), Path(changes.root))
    if path is not None and changes.touches(path, finding.location.line,
                                            finding.location.end_line):
        return True
    rule = RULES.get(finding.code)
    return paper_changed and rule is not None and rule.scope == "paper"


def _paper_files(document: DocumentResult, root: Path) -> list[str]:
    """The paper's files (and the path given: a PDF, an archive) relative to ``root``."""
    shown = [display_file(document, name) for name in document.files] + [document.path]
    return [path for path in (relative_to_root(s, root) for s in shown) if path]


def filter_report(report: Report, changes: ChangedLines) -> Report:
    """``report`` with only the findings on changed lines (and the rules' exceptions above);
    ``coverage.flagged`` counts the findings kept, as after suppressions."""
    root = Path(changes.root)
    documents = []
    for document in report.documents:
        if document.error is not None:
            documents.append(document)
            continue
        paper_changed = any(changes.touches_file(path) for path in _paper_files(document, root))
        kept = tuple(f for f in document.findings if _kept(document, f, changes, paper_changed))
        coverage = replace(document.coverage, flagged=len(kept))
        documents.append(replace(document, findings=kept, coverage=coverage))
    return replace(report, documents=tuple(documents), changes=changes)
