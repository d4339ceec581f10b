"""Suppression comments and per-file ignores, applied to a document's findings after the checks.

Directives live in LaTeX comments, which the LaTeX reader keeps aside in ``Document.comments``::

    % paperlint: disable=PL104            ... until `% paperlint: enable=PL104` (or the file's end)
    % paperlint: disable-next-line=PL104  the next source line only
    % paperlint: disable-file=PL104       the whole file the comment is in
    text text % paperlint: ignore=PL104   the comment's own line

Codes are comma-separated; ``all`` names every rule. Free text may follow the codes after a space
(a reason, as ruff allows after ``noqa``). A directive matches a finding by the finding's *source*
location (file and line), so suppressions work in \\input files as well as in the root file.

Suppressions that silence nothing are themselves findings (PL901 unused-suppression, at the
comment), as ruff's RUF100 does: a stale suppression would otherwise hide the next real problem.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from paperlint.checks import enabled_rules
from paperlint.checks.profiles import get_profile
from paperlint.document import Comment, Document
from paperlint.model import Coverage, DocumentResult, Finding, Location, Severity

if TYPE_CHECKING:
    from paperlint.options import CheckOptions

UNUSED_CODE = "PL901"
UNUSED_NAME = "unused-suppression"
KINDS = ("disable", "enable", "disable-next-line", "disable-file", "ignore")

_PREFIX = re.compile(r"^\s*paperlint\s*:", re.IGNORECASE)
_DIRECTIVE = re.compile(
    r"^\s*paperlint\s*:\s*(?P<kind>[a-z-]+)\s*(?:=\s*(?P<codes>[A-Za-z0-9]+(?:\s*,\s*[A-Za-z0-9]+)*))?"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
_CODE = re.compile(r"^PL\d{3}$")


@dataclass
class Directive:
    """One parsed ``% paperlint:`` comment. ``used`` collects the codes it actually silenced."""

    kind: str
    codes: tuple[str, ...]  # upper-case codes, or ("ALL",)
    comment: Comment
    # for "disable": per code, the line of the matching "enable" (the region ends before it)
    end_lines: dict[str, int] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)

    def names(self, code: str) -> str | None:
        """The token of this directive that names ``code`` (the code itself or "ALL"), if any."""
        if code in self.codes:
            return code
        return "ALL" if "ALL" in self.codes else None

    def covers(self, finding: Finding, token: str) -> bool:
        """Whether the finding's source range falls in the scope of this directive's ``token``."""
        location = finding.location
        if location.file != self.comment.file:
            return False
        first, last = location.line, location.end_line or location.line
        line = self.comment.line
        if self.kind == "disable-file":
            return True
        if self.kind == "ignore":
            return first <= line <= last
        if self.kind == "disable-next-line":
            return first <= line + 1 <= last
        if self.kind == "disable":
            # A finding that starts inside the region, or spans into it, is covered.
            end = self.end_lines.get(token, 10**9)
            return first < end and last >= line
        return False


@dataclass(frozen=True)
class Malformed:
    """A comment that starts with ``paperlint:`` but is not a directive we understand."""

    comment: Comment
    reason: str


def parse_comment(comment: Comment) -> Directive | Malformed | None:
    """The directive in one comment, a Malformed note for a broken one, or None for prose."""
    if not _PREFIX.match(comment.text):
        return None
    match = _DIRECTIVE.match(comment.text)
    if match is None:
        return Malformed(comment, "expected `paperlint: KIND=CODE[,CODE...]`")
    kind = match["kind"].lower()
    if kind not in KINDS:
        expected = ", ".join(KINDS)
        return Malformed(comment, f"unknown directive {match['kind']!r} (expected {expected})")
    if not match["codes"]:
        return Malformed(comment, f"`{kind}` names no rule code (write `{kind}=PL104` or `=all`)")
    rest = match["rest"]
    if rest and not rest[0].isspace():
        return Malformed(comment, f"cannot read the codes after `{kind}=`")
    codes = tuple(code.strip().upper() for code in match["codes"].split(","))
    bad = [code for code in codes if code != "ALL" and not _CODE.match(code)]
    if bad:
        return Malformed(comment, f"{', '.join(bad)} is not a rule code (codes look like PL104)")
    return Directive(kind, codes, comment)


def parse_directives(comments: Iterable[Comment]) -> tuple[list[Directive], list[Malformed]]:
    """Parse every comment, and close each ``disable`` region at its matching ``enable``."""
    directives: list[Directive] = []
    malformed: list[Malformed] = []
    for comment in comments:
        parsed = parse_comment(comment)
        if isinstance(parsed, Directive):
            directives.append(parsed)
        elif isinstance(parsed, Malformed):
            malformed.append(parsed)
    ordered = sorted(directives, key=lambda d: (d.comment.file, d.comment.line, d.comment.column))
    for index, enable in enumerate(ordered):
        if enable.kind != "enable":
            continue
        # Close, per code, every region still open in this file; `enable=all` closes them all.
        for disable in ordered[:index]:
            if disable.kind != "disable" or disable.comment.file != enable.comment.file:
                continue
            for code in disable.codes:
                if code in disable.end_lines:
                    continue
                token = code if code in enable.codes else ("ALL" if "ALL" in enable.codes else None)
                if token is not None:
                    disable.end_lines[code] = enable.comment.line
                    enable.used.add(token)
        # An enable that re-enables nothing is a stale directive too (reported as unused below).
    return ordered, malformed


def _suppressing(finding: Finding, directives: list[Directive]) -> list[tuple[Directive, str]]:
    hits = []
    for directive in directives:
        if directive.kind == "enable":
            continue
        token = directive.names(finding.code)
        if token is not None and directive.covers(finding, token):
            hits.append((directive, token))
    return hits


def _unused_severity(options: CheckOptions) -> Severity:
    return get_profile(options.profile).severity_of(UNUSED_CODE)


def _unused_enabled(options: CheckOptions) -> bool:
    return UNUSED_CODE in enabled_rules(options)


def _location(comment: Comment) -> Location:
    # Point at the comment itself: column is where the % is; the range covers its text.
    return Location(comment.file, comment.line, comment.column, comment.line,
                    comment.column + 1 + len(comment.text.rstrip()))


def unused_findings(
    directives: list[Directive], malformed: list[Malformed], severity: Severity = "info"
) -> list[Finding]:
    """PL901 findings: directives (or some of their codes) that silenced nothing; broken ones."""
    findings = []
    for directive in directives:
        unused = [code for code in directive.codes if code not in directive.used]
        if not unused:
            continue
        if directive.kind == "enable":
            message = f"`enable={','.join(unused)}` closes no open `disable` for it"
        else:
            message = f"unused suppression: no {'/'.join(unused)} finding here to silence"
        kept = [code for code in directive.codes if code not in unused]
        suggestion = (
            "remove the comment" if not kept
            else f"keep only the codes in use: `paperlint: {directive.kind}={','.join(kept)}`"
        )
        findings.append(Finding(UNUSED_CODE, UNUSED_NAME, severity, message,
                                _location(directive.comment), suggestion))
    for note in malformed:
        findings.append(Finding(UNUSED_CODE, UNUSED_NAME, severity,
                                f"malformed suppression comment: {note.reason}",
                                _location(note.comment)))
    return findings


def matches_glob(file: str, pattern: str, root: str = "") -> bool:
    """Whether a source file (relative to the paper's root) matches a per-file-ignores glob.

    Tried on the file as located (``sections/setup.tex``) and, when the paper was given as a
    directory or .tex path, on the path seen from where paperlint ran
    (``paper/sections/setup.tex``): a pattern written either way works. Relative patterns match
    from the right, as in pathlib."""
    candidates = [PurePosixPath(file)]
    if root and root not in (".", ""):
        candidates.append(PurePosixPath(root) / file)
    # fnmatch's `*` crosses `/`, so "**/x.tex" and "sections/*" work; "**/" may also match nothing.
    patterns = [pattern, pattern[3:]] if pattern.startswith("**/") else [pattern]
    return any(
        candidate.match(p) or fnmatch.fnmatchcase(str(candidate), p)
        for candidate in candidates
        for p in patterns
    )


def _root_of(path: str) -> str:
    given = PurePosixPath(path.replace("\\", "/"))
    return str(given.parent) if given.suffix.lower() == ".tex" else str(given)


def _ignored_by_file(finding: Finding, options: CheckOptions, root: str) -> bool:
    for pattern, codes in options.per_file_ignores.items():
        if not matches_glob(finding.location.file, pattern, root):
            continue
        for code in codes:
            key = code.strip().upper()
            if key == "ALL" or finding.code.startswith(key):
                return True
    return False


def apply_suppressions(
    result: DocumentResult, document: Document, options: CheckOptions
) -> DocumentResult:
    """The result with suppressed and per-file-ignored findings removed and PL901 findings added.

    ``coverage.flagged`` is updated to the findings that remain. With
    ``options.use_suppressions`` False every comment is ignored (and none is reported unused);
    per-file ignores from the configuration still apply."""
    findings = list(result.findings)
    if options.use_suppressions:
        directives, malformed = parse_directives(document.comments)
        kept: list[Finding] = []
        for finding in findings:
            hits = _suppressing(finding, directives)
            for directive, token in hits:
                directive.used.add(token)
            if not hits:
                kept.append(finding)
        extra = (
            unused_findings(directives, malformed, _unused_severity(options))
            if _unused_enabled(options) else []
        )
        # PL901 can itself be silenced, but only by a directive that names it outright.
        for finding in extra:
            if not any(d.kind != "enable" and UNUSED_CODE in d.codes
                       and d.covers(finding, UNUSED_CODE)
                       for d in directives):
                kept.append(finding)
        findings = kept
    root = _root_of(document.path)
    findings = [f for f in findings if not _ignored_by_file(f, options, root)]
    coverage = result.coverage
    return replace(
        result,
        findings=tuple(findings),
        coverage=Coverage(coverage.statements, coverage.parsed, len(findings)),
    )
