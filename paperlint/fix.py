"""Applying findings' fixes to the author's files: ``paperlint check --fix`` and ``--diff``.

ruff's meaning: safe fixes are applied by ``--fix``, unsafe ones only with ``--unsafe-fixes``;
``--diff`` shows the same changes as a unified diff and writes nothing. The rules say *what* to
change (a :class:`~paperlint.model.Fix`, whose edits come from the source map); this module says
*whether* a change may be written:

 - only LaTeX sources of a paper read from a ``.tex`` file or a directory are ever written: never a
   PDF, never an archive (its sources are not the author's files), never a file whose resolved
   path leaves the paper's root directory (a symlink pointing elsewhere);
 - an edit is applied only to the text it was computed on (its digest): a file changed since it
   was read is left alone and said;
 - a fix that overlaps a fix already taken in the same file is skipped and said, whole;
 - everything else in the file is kept byte for byte: the encoding it was read in (UTF-8, with its
   byte-order mark if it had one, or Latin-1), CRLF or LF line endings, the final newline or its
   absence. Offsets count characters of the decoded text, ``\\r`` included, so inserting or
   replacing never touches a line ending.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from paperlint.model import DocumentResult, Edit, Finding, Fix, Report, text_digest


@dataclass(frozen=True)
class FileChange:
    """The new text of one file, and how to write it back as the file was."""

    path: Path  # resolved, on disk
    shown: str  # as the user sees it
    before: str
    after: str
    encoding: str  # "utf-8" | "latin-1"
    bom: bool

    def encoded(self) -> bytes:
        data = self.after.encode(self.encoding)
        return codecs.BOM_UTF8 + data if self.bom else data


@dataclass(frozen=True)
class Skipped:
    """A fix that was not applied, and why (one line for the user)."""

    where: str
    finding: Finding
    reason: str

    def line(self) -> str:
        return f"{self.where}: {self.finding.code} fix not applied: {self.reason}"


@dataclass
class FixPlan:
    """What ``--fix`` would write: the changed files, the findings fixed, the fixes skipped."""

    changes: list[FileChange] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    hidden: int = 0  # unsafe fixes left out for want of --unsafe-fixes


def conflicts(a: Edit, b: Edit) -> bool:
    """True when two edits of one file cannot both be applied in one pass: their ranges overlap,
    or one inserts at a point the other touches (the order of the two would be a guess)."""
    if a.start == a.end or b.start == b.end:
        return b.start <= a.start <= b.end or a.start <= b.start <= a.end
    return a.start < b.end and b.start < a.end


def select(fixes: Sequence[tuple[Finding, Fix]]) -> tuple[list[tuple[Finding, Fix]],
                                                          list[tuple[Finding, Finding]]]:
    """The fixes that can be applied together, in source order, and each skipped one with the
    finding whose fix it overlaps. Identical fixes (one file read by two papers) count once."""
    taken: list[tuple[Finding, Fix]] = []
    skipped: list[tuple[Finding, Finding]] = []
    seen: set[tuple[tuple[str, int, int, str], ...]] = set()
    order = sorted(fixes, key=lambda pair: min((e.file, e.start, e.end) for e in pair[1].edits))
    for finding, fix in order:
        key = tuple((e.file, e.start, e.end, e.content) for e in fix.edits)
        if key in seen:
            continue
        clash = next((other for other, taken_fix in taken for mine in fix.edits
                      for theirs in taken_fix.edits
                      if mine.file == theirs.file and conflicts(mine, theirs)), None)
        if clash is not None:
            skipped.append((finding, clash))
            continue
        seen.add(key)
        taken.append((finding, fix))
    return taken, skipped


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with non-conflicting edits applied (from the end, so offsets stay valid)."""
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.content + text[edit.end :]
    return text


def _root(document: DocumentResult) -> Path:
    if document.root is not None:
        return Path(document.root)
    given = Path(document.path)
    return given if given.is_dir() else given.parent


def writable_input(document: DocumentResult) -> str | None:
    """Why fixes of this paper can never be written (a PDF, an archive), or None."""
    given = Path(document.path)
    if document.format == "pdf":
        return "a PDF is never changed; fix the paper's sources"
    if document.format != "latex" or not (given.is_dir() or given.suffix.lower() == ".tex"):
        return "an archive is never changed; fix the sources it was made from"
    return None


def _decode(data: bytes) -> tuple[str, str, bool]:
    """The text, encoding and byte-order mark of a source file, decoded as the LaTeX reader does."""
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        return data.decode("utf-8-sig"), "utf-8", bom
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1", False


@dataclass
class _File:
    path: Path
    shown: str
    fixes: list[tuple[Finding, Fix]] = field(default_factory=list)


def plan_fixes(report: Report, *, unsafe: bool = False) -> FixPlan:
    """Decide what ``--fix`` writes for every paper of ``report`` (nothing is written here)."""
    plan = FixPlan()
    files: dict[Path, _File] = {}
    for document in report.documents:
        if document.error is not None:
            continue
        refused = writable_input(document)
        root = _root(document)
        for finding in document.findings:
            fix = finding.fix
            if fix is None:
                continue
            where = _where(root, finding.location.file, finding.location.line,
                           finding.location.column)
            if fix.applicability == "unsafe" and not unsafe:
                plan.hidden += 1
                continue
            if refused is not None:
                plan.skipped.append(Skipped(where, finding, refused))
                continue
            targets = {edit.file for edit in fix.edits}
            if len(targets) != 1:
                # Every fix today edits one file; several would need all-or-nothing writes.
                plan.skipped.append(Skipped(where, finding, "it edits several files"))
                continue
            (name,) = targets
            path = _inside(root, name)
            if path is None:
                plan.skipped.append(Skipped(where, finding, "the file is outside the project"))
                continue
            entry = files.setdefault(path, _File(path, os.path.normpath(root / name)))
            entry.fixes.append((finding, fix))
    for entry in files.values():
        _plan_file(entry, plan)
    return plan


def _where(root: Path, file: str, line: int, column: int) -> str:
    return f"{os.path.normpath(root / file)}:{line}:{column}"


def _inside(root: Path, name: str) -> Path | None:
    """The resolved path of source ``name`` when it is a regular file inside ``root``'s tree."""
    try:
        resolved_root = root.resolve()
        path = (root / name).resolve()
        if not path.is_relative_to(resolved_root) or not path.is_file():
            return None
    except (OSError, RuntimeError, ValueError):
        return None
    return path


def _plan_file(entry: _File, plan: FixPlan) -> None:
    def skip(finding: Finding, reason: str) -> None:
        location = finding.location
        where = f"{entry.shown}:{location.line}:{location.column}"
        plan.skipped.append(Skipped(where, finding, reason))

    try:
        before, encoding, bom = _decode(entry.path.read_bytes())
    except OSError as error:
        for finding, _ in entry.fixes:
            skip(finding, f"cannot read the file ({error.strerror or error})")
        return
    digest = text_digest(before)
    usable: list[tuple[Finding, Fix]] = []
    for finding, fix in entry.fixes:
        if any(edit.digest != digest for edit in fix.edits):
            skip(finding, "the file changed since it was checked; check it again")
        elif not _encodable(fix, encoding):
            skip(finding, f"the new text cannot be written in the file's encoding ({encoding})")
        else:
            usable.append((finding, fix))
    taken, overlapping = select(usable)
    for finding, other in overlapping:
        at = other.fix.edits[0].location if other.fix is not None else other.location
        skip(finding, f"it overlaps the {other.code} fix at line {at.line}, column {at.column}; "
                      "run --fix again to apply it")
    if not taken:
        return
    after = apply_edits(before, (edit for _, fix in taken for edit in fix.edits))
    if after != before:
        plan.changes.append(FileChange(entry.path, entry.shown, before, after, encoding, bom))
    plan.fixed.extend(finding for finding, _ in taken)


def _encodable(fix: Fix, encoding: str) -> bool:
    try:
        for edit in fix.edits:
            edit.content.encode(encoding)
    except UnicodeEncodeError:
        return False
    return True


def write_changes(plan: FixPlan) -> list[str]:
    """Write every changed file in place; returns one error line per file that could not be."""
    errors = []
    for change in plan.changes:
        try:
            change.path.write_bytes(change.encoded())
        except OSError as error:
            errors.append(f"{change.shown}: cannot write the fix: {error.strerror or error}")
    return errors


def unified_diff(plan: FixPlan) -> str:
    """The changes as a unified diff (``a/`` and ``b/`` the file as the user sees it)."""
    out: list[str] = []
    for change in plan.changes:
        lines = difflib.unified_diff(
            _lines(change.before), _lines(change.after),
            fromfile=f"a/{change.shown}", tofile=f"b/{change.shown}",
        )
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at newlines only (str.splitlines also splits at form feeds
    and Unicode separators, which are not line ends in LaTeX)."""
    return re.findall(r"[^\n]*\n|[^\n]+$", text)


def summary(plan: FixPlan, *, diff: bool) -> list[str]:
    """The lines ``--fix`` / ``--diff`` print on standard error after the report."""
    count = len(plan.fixed)
    verb = "Would fix" if diff else "Fixed"
    files = len(plan.changes)
    lines = [skipped.line() for skipped in plan.skipped]
    if count:
        lines.append(f"{verb} {count} finding{'s' if count != 1 else ''} in {files} "
                     f"file{'s' if files != 1 else ''}.")
    else:
        lines.append("No fixes applied." if not diff else "No fixes to apply.")
    if plan.hidden:
        lines.append(f"{plan.hidden} unsafe fix{'es' if plan.hidden != 1 else ''} not applied "
                     "(enable with --unsafe-fixes).")
    return lines
