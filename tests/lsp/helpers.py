"""A multi-file paper of our own writing and small client-side helpers for the server's tests."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Callable
from pathlib import Path

from lsprotocol import types as lsp
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = ClientServerConfig(server_command=[sys.executable, "-m", "paperlint", "server"])

MAIN = (
    "\\documentclass{article}\n"
    "\\begin{document}\n"
    "\\section{Introduction}\n"
    "We study small language models.\n"
    "\\input{sections/setup}\n"
    "\\input{sections/costs}\n"
    "\\end{document}\n"
)
SETUP = (
    "\\section{Training details}\n"
    "We pretrain our model on 64 NVIDIA A100 GPUs for 12 days. The optimiser is AdamW.\n"
)
COSTS = "Evaluating every checkpoint cost 2.5e18 GFLOPs in total.\n"


def write_paper(root: Path) -> Path:
    (root / "sections").mkdir(parents=True)
    (root / "main.tex").write_text(MAIN, encoding="utf-8")
    (root / "sections" / "setup.tex").write_text(SETUP, encoding="utf-8")
    (root / "sections" / "costs.tex").write_text(COSTS, encoding="utf-8")
    return root


async def start(client: LanguageClient, workspace: Path) -> None:
    """Initialise a session as an editor would, one that lets the server watch files."""
    registered: list[lsp.RegistrationParams] = []

    @client.feature(lsp.CLIENT_REGISTER_CAPABILITY)
    def register(params: lsp.RegistrationParams) -> None:
        registered.append(params)

    capabilities = lsp.ClientCapabilities(
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=True)),
        text_document=lsp.TextDocumentClientCapabilities(
            publish_diagnostics=lsp.PublishDiagnosticsClientCapabilities(version_support=True)),
    )
    await client.initialize_session(lsp.InitializeParams(
        capabilities=capabilities, root_uri=workspace.as_uri(),
        workspace_folders=[lsp.WorkspaceFolder(workspace.as_uri(), "paper")]))


def open_file(client: LanguageClient, path: Path, text: str | None = None,
              version: int = 1) -> str:
    uri = path.resolve().as_uri()
    client.text_document_did_open(lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(
        uri, "latex", version, path.read_text(encoding="utf-8") if text is None else text)))
    return uri


def change_file(client: LanguageClient, uri: str, text: str, version: int) -> None:
    client.text_document_did_change(lsp.DidChangeTextDocumentParams(
        lsp.VersionedTextDocumentIdentifier(version, uri),
        [lsp.TextDocumentContentChangeWholeDocument(text)]))


async def diagnostics(client: LanguageClient, uri: str,
                      ready: Callable[[list[lsp.Diagnostic]], bool] = lambda _: True,
                      timeout: float = 60.0) -> list[lsp.Diagnostic]:
    """The diagnostics of ``uri`` once they satisfy ``ready`` (waiting for new ones as needed)."""
    async def wait() -> list[lsp.Diagnostic]:
        while True:
            if uri in client.diagnostics and ready(client.diagnostics[uri]):
                return list(client.diagnostics[uri])
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(wait(), timeout)


def apply(text: str, edits: list[lsp.TextEdit]) -> str:
    """Apply LSP text edits to ``text`` (UTF-16 positions; our texts are ASCII)."""
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: lsp.Position) -> int:
        return starts[position.line] + position.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end):]
    return text
