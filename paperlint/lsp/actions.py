"""Code actions: the findings' fixes (the same as ``paperlint check --fix``) as workspace edits.

One quick fix per fixable finding at the cursor, safe or unsafe (an unsafe one says so in its
title and is never "preferred"), and a ``source.fixAll.paperlint`` action with every safe fix
of the file that can be applied together (:func:`paperlint.fix.select`). A fix is offered only
while the text it was computed on is the text the editor holds (its digest): after an edit that
has not been checked yet, a stale edit could land in the wrong place.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp

from paperlint.fix import select
from paperlint.lsp.convert import column_of, diagnostic, text_edit
from paperlint.lsp.session import Paper
from paperlint.model import Finding, Fix, Location, text_digest

FIX_ALL = f"{lsp.CodeActionKind.SourceFixAll.value}.paperlint"


def hardware_name(id: str) -> str:
    """The catalogue's name of a hardware id, for hover text."""
    from paperlint.catalogue import load_catalogue

    try:
        return load_catalogue().get(id).name
    except KeyError:
        return id


def _current(paper: Paper, fix: Fix, text_now: Callable[[Path], str | None]) -> bool:
    for edit in fix.edits:
        text = text_now(paper.path_of(edit.file))
        if text is None or text_digest(text) != edit.digest:
            return False
    return True


def _touches(location: Location, start: tuple[int, int], end: tuple[int, int]) -> bool:
    first = (location.line, location.column)
    last = (location.end_line or location.line, location.end_column or location.column)
    return first <= end and start <= last


def _workspace_edit(paper: Paper, fixes: list[Fix], encoding: str,
                    uri_of: Callable[[Path], str]) -> lsp.WorkspaceEdit:
    changes: dict[str, list[lsp.TextEdit]] = {}
    for fix in fixes:
        for edit in fix.edits:
            uri = uri_of(paper.path_of(edit.file))
            changes.setdefault(uri, []).append(
                text_edit(edit, paper.sources.get(edit.file), encoding))
    return lsp.WorkspaceEdit(changes=changes)


def code_actions(paper: Paper, name: str, params: lsp.CodeActionParams, encoding: str,
                 text_now: Callable[[Path], str | None], uri_of: Callable[[Path], str]
                 ) -> list[lsp.CodeAction]:
    source = paper.sources.get(name)
    wanted = params.context.only
    start = (params.range.start.line + 1, column_of(source, params.range.start, encoding))
    end = (params.range.end.line + 1, column_of(source, params.range.end, encoding))
    fixable = [(finding, finding.fix) for finding in paper.result.findings
               if finding.fix is not None and finding.location.file == name
               and _current(paper, finding.fix, text_now)]
    out: list[lsp.CodeAction] = []
    if not wanted or lsp.CodeActionKind.QuickFix in wanted:
        for finding, fix in fixable:
            if _touches(finding.location, start, end):
                out.append(_quick_fix(paper, finding, fix, encoding, uri_of))
    fix_all = not wanted or any(FIX_ALL.startswith(kind) for kind in wanted)
    safe = [(finding, fix) for finding, fix in fixable if fix.applicability == "safe"]
    if fix_all and safe:
        taken, _ = select(safe)
        out.append(lsp.CodeAction(
            title=f"paperlint: fix all safe fixes in this file ({len(taken)})",
            kind=FIX_ALL,
            edit=_workspace_edit(paper, [fix for _, fix in taken], encoding, uri_of),
        ))
    return out


def _quick_fix(paper: Paper, finding: Finding, fix: Fix, encoding: str,
               uri_of: Callable[[Path], str]) -> lsp.CodeAction:
    unsafe = fix.applicability == "unsafe"
    title = f"{fix.description} ({finding.code}{', unsafe' if unsafe else ''})"
    return lsp.CodeAction(
        title=title,
        kind=lsp.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(finding, paper.sources.get(finding.location.file), encoding)],
        is_preferred=not unsafe,
        edit=_workspace_edit(paper, [fix], encoding, uri_of),
    )
