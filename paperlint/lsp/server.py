"""``paperlint server``: a Language Server over stdio, built on pygls.

For .tex files: on open, change and save it publishes the diagnostics of the whole paper the file
belongs to (every source file of it); code actions apply the findings' fixes (``--fix``'s, safe
and unsafe, plus "fix all" for the safe ones); hover on a compute claim shows what paperlint read.
A change to paperlint.toml or pyproject.toml is picked up (watched files, or at the next check).

Checks run on one worker thread so that the editor stays responsive: changes that arrive while a
check runs are merged into one follow-up check of the latest buffers, so a fast typist never
queues a backlog. The worker owns the :class:`~paperlint.lsp.session.Session`; the event loop
only publishes the results it hands back and answers hover and code actions from them.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from paperlint._version import __version__
from paperlint.lsp import actions
from paperlint.lsp.convert import (
    contains,
    diagnostic,
    error_diagnostic,
    hover_text,
    location_range,
)
from paperlint.lsp.session import Paper, Session

log = logging.getLogger("paperlint.lsp")
IDLE_TIDY_S = 1.0  # seconds without a check before the garbage collector is run (Session.tidy)
CONFIG_FILES = ("paperlint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Checked:
    """What one job of the worker hands back: each file's paper, and the version of every open
    document when its text was taken (diagnostics carry the version they were computed on)."""

    papers: list[tuple[Path, Paper]]
    versions: dict[str, int]


class PaperlintServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("paperlint", __version__,
                         text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.session = Session(remember_tokens=True)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="paperlint-check")
        self.loop: asyncio.AbstractEventLoop | None = None
        self.pending: set[Path] = set()
        self.job: Future[Checked] | None = None
        self.papers: dict[Path, Paper] = {}  # as last published (read by hover, code actions)
        self.published: dict[Path, set[str]] = {}  # paper target -> URIs given diagnostics
        self.config_uris: set[str] = set()
        self.sent: dict[str, list[lsp.Diagnostic]] = {}  # URI -> the diagnostics last published
        self.tidy_later: asyncio.TimerHandle | None = None

    # -- what the editor holds --------------------------------------------------------------------
    def path_of(self, uri: str) -> Path | None:
        path = to_fs_path(uri)
        return Path(path).resolve() if path else None

    def open_documents(self) -> dict[Path, Any]:
        documents = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = self.path_of(uri)
            if path is not None and path.suffix.lower() == ".tex":
                documents[path] = document
        return documents

    def uri_of(self, path: Path) -> str:
        """The client's own URI for an open file (its spelling), else the file's."""
        return self.client_uris().get(path) or path.as_uri()

    def client_uris(self) -> dict[Path, str]:
        return {path: str(document.uri) for path, document in self.open_documents().items()}

    def text_now(self, path: Path) -> str | None:
        document = self.open_documents().get(path)
        return str(document.source) if document is not None else self.session.text_of(path)

    @property
    def encoding(self) -> str:
        return str(self.workspace.position_encoding or lsp.PositionEncodingKind.Utf16)

    # -- scheduling -------------------------------------------------------------------------------
    def request_check(self, path: Path) -> None:
        if self.tidy_later is not None:
            self.tidy_later.cancel()
            self.tidy_later = None
        self.pending.add(path)
        if self.job is None or self.job.done():
            self._submit()

    def _submit(self) -> None:
        files, self.pending = self.pending, set()
        # The buffers are copied here, on the event loop's thread, where pygls changes them.
        documents = self.open_documents()
        buffers = {path: str(doc.source) for path, doc in documents.items()}
        # Diagnostics carry the version of the text they were computed on, not a later one.
        versions = {str(doc.uri): doc.version for doc in documents.values()
                    if doc.version is not None}
        self.job = self.executor.submit(self._run, files, buffers, versions)
        loop = self.loop or asyncio.get_event_loop()
        self.job.add_done_callback(lambda job: loop.call_soon_threadsafe(self._done, job))

    def _run(self, files: set[Path], buffers: dict[Path, str], versions: dict[str, int]
             ) -> Checked:
        """On the worker thread: check the paper of each file (each paper once)."""
        self.session.set_buffers(buffers)
        done: dict[Path, Paper] = {}
        out = []
        for file in sorted(files):
            known = next((p for p in done.values() if file in p.files), None)
            paper = known or self.session.paper_for(file)
            done[paper.target] = paper
            out.append((file, paper))
        return Checked(out, versions)

    def _done(self, job: Future[Checked]) -> None:
        try:
            checked = job.result()
        except Exception:  # Session.check never raises; this is a bug in the server itself
            log.exception("paperlint: the check failed")
            checked = Checked([], {})
        for file, paper in checked.papers:
            self.publish(paper, file, checked.versions)
        if self.pending:
            self._submit()
        elif self.loop is not None:
            self.tidy_later = self.loop.call_later(IDLE_TIDY_S, self._tidy)

    def _tidy(self) -> None:
        self.tidy_later = None
        if not self.pending and (self.job is None or self.job.done()):
            self.executor.submit(self.session.tidy)

    # -- publishing -------------------------------------------------------------------------------
    def publish(self, paper: Paper, trigger: Path, versions: dict[str, int]) -> None:
        """Diagnostics for every file of the paper; the file that asked for the check last, so a
        client waiting for it knows the whole paper is done."""
        encoding, open_docs = self.encoding, self.open_documents()
        uris = {path: str(document.uri) for path, document in open_docs.items()}

        def uri_of(path: Path) -> str:
            return uris.get(path) or path.as_uri()

        by_uri: dict[str, list[lsp.Diagnostic]] = {}
        if paper.result.error is not None:
            by_uri[uri_of(paper.error_file or trigger)] = [error_diagnostic(paper.result.error)]
        else:
            names = {name: path for path, name in paper.files.items()}
            for path in paper.files:
                by_uri.setdefault(uri_of(path), [])
            for finding in paper.result.findings:
                name = finding.location.file
                if name not in names:
                    continue
                uri = uri_of(names[name])
                by_uri.setdefault(uri, []).append(
                    diagnostic(finding, paper.sources.get(name), encoding))
        self._publish_config(paper)
        for stale in self.published.get(paper.target, set()) - set(by_uri):
            self.clear(stale)
        self.published[paper.target] = set(by_uri)
        self.papers[paper.target] = paper
        last = uri_of(trigger)
        for uri in sorted(by_uri, key=lambda u: u == last):
            if uri != last and self.sent.get(uri) == by_uri[uri]:
                continue  # the client still shows these: a keystroke resends only what changed
            self.sent[uri] = by_uri[uri]
            version = versions.get(uri) if uri in uris.values() else None
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(uri, by_uri[uri], version=version))

    def clear(self, uri: str) -> None:
        self.sent.pop(uri, None)
        self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, []))

    def _publish_config(self, paper: Paper) -> None:
        if paper.config is None:
            return
        uri = paper.config.resolve().as_uri()
        diagnostics = [] if paper.config_error is None else [lsp.Diagnostic(
            range=lsp.Range(lsp.Position(0, 0), lsp.Position(0, 1)),
            message=f"{paper.config_error} (paperlint uses its defaults until this is fixed)",
            severity=lsp.DiagnosticSeverity.Error, source="paperlint")]
        if diagnostics or uri in self.config_uris:
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri, diagnostics))
        if diagnostics:
            self.config_uris.add(uri)
        else:
            self.config_uris.discard(uri)

    def paper_of(self, path: Path) -> tuple[Paper, str] | None:
        """The published paper holding ``path`` and the file's source name in it."""
        for paper in self.papers.values():
            name = paper.files.get(path)
            if name is not None and paper.result.error is None:
                return paper, name
        return None

    def config_changed(self) -> None:
        def forget() -> None:
            self.session.config_changed()

        self.executor.submit(forget)  # on the worker, which owns the session
        for path in self.open_documents():
            self.request_check(path)


server = PaperlintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: PaperlintServer, params: lsp.InitializeParams) -> None:
    folders = [f.uri for f in params.workspace_folders or []] or (
        [params.root_uri] if params.root_uri else [])
    workspace = [p for p in (ls.path_of(uri) for uri in folders) if p is not None]
    ls.session.workspace = workspace


@server.feature(lsp.INITIALIZED)
def initialized(ls: PaperlintServer, params: lsp.InitializedParams) -> None:
    ls.loop = asyncio.get_running_loop()

    # The spaCy pipeline and matchers are built before the first file opens, on the worker.
    ls.executor.submit(ls.session.warm_up)
    watched = ls.client_capabilities.workspace
    dynamic = watched.did_change_watched_files if watched is not None else None
    if dynamic is not None and dynamic.dynamic_registration:
        watchers = [lsp.FileSystemWatcher(glob_pattern=f"**/{name}") for name in CONFIG_FILES]
        ls.client_register_capability(lsp.RegistrationParams([lsp.Registration(
            "paperlint-config", lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            lsp.DidChangeWatchedFilesRegistrationOptions(watchers))]))


def _tex(ls: PaperlintServer, uri: str) -> Path | None:
    path = ls.path_of(uri)
    return path if path is not None and path.suffix.lower() == ".tex" else None


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PaperlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    path = _tex(ls, params.text_document.uri)
    if path is not None:
        ls.request_check(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PaperlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    path = _tex(ls, params.text_document.uri)
    if path is not None:
        ls.request_check(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: PaperlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = ls.path_of(params.text_document.uri)
    if path is not None and path.name in CONFIG_FILES:
        ls.config_changed()
    elif path is not None and path.suffix.lower() == ".tex":
        ls.request_check(path)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PaperlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    """The disk's text counts again: check the paper again while another of its files is open,
    else clear its diagnostics."""
    path = _tex(ls, params.text_document.uri)
    found = ls.paper_of(path) if path is not None else None
    if path is None or found is None:
        return
    paper = found[0]
    still_open = [p for p in ls.open_documents() if p in paper.files]
    if still_open:
        ls.request_check(still_open[0])
        return
    for uri in ls.published.pop(paper.target, set()):
        ls.clear(uri)
    ls.papers.pop(paper.target, None)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched(ls: PaperlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    if any(Path(to_fs_path(c.uri) or "").name in CONFIG_FILES for c in params.changes):
        ls.config_changed()


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def hover(ls: PaperlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    path = _tex(ls, params.text_document.uri)
    found = ls.paper_of(path) if path is not None else None
    if found is None:
        return None
    paper, name = found
    source = paper.sources.get(name)
    from paperlint.lsp.convert import column_of

    line, column = params.position.line + 1, column_of(source, params.position, ls.encoding)
    for index, claim in enumerate(paper.result.claims):
        if claim.location.file == name and contains(claim.location, line, column):
            text = hover_text(paper.result, index, actions.hardware_name)
            return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, text),
                             location_range(source, claim.location, ls.encoding))
    return None


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, actions.FIX_ALL]),
)
def code_action(ls: PaperlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    path = _tex(ls, params.text_document.uri)
    found = ls.paper_of(path) if path is not None else None
    if found is None:
        return []
    paper, name = found
    return actions.code_actions(paper, name, params, ls.encoding, ls.text_now, ls.uri_of)


def main() -> None:
    """Serve over stdio until the client says exit."""
    logging.basicConfig(level=logging.WARNING, format="paperlint server: %(message)s")
    server.start_io()
