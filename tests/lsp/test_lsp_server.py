"""``paperlint server`` end to end: a real LSP client (pytest-lsp) starts it as a subprocess and
checks diagnostics for a multi-file paper, code actions applied to it, hover, configuration
changes, and that a malformed file gives a diagnostic, never a crash."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pytest_lsp import LanguageClient

from tests.lsp.helpers import (
    COSTS,
    SERVER,
    SETUP,
    apply,
    change_file,
    diagnostics,
    open_file,
    start,
    write_paper,
)

# Slow (a real client starts `paperlint server`): `pytest -m "not slow"` skips it.
pytestmark = [pytest.mark.asyncio, pytest.mark.slow]


@pytest_lsp.fixture(config=SERVER)
async def client(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
    write_paper(tmp_path)
    await start(lsp_client, tmp_path)
    yield
    await lsp_client.shutdown_session()


def _codes(found: list[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)


async def test_an_included_file_gets_the_whole_papers_diagnostics(
        client: LanguageClient, tmp_path: Path) -> None:
    setup = open_file(client, tmp_path / "sections" / "setup.tex")
    costs = (tmp_path / "sections" / "costs.tex").resolve().as_uri()
    [pl105] = await diagnostics(client, setup, lambda d: bool(d))
    assert pl105.code == "PL105" and pl105.source == "paperlint"
    assert pl105.severity == lsp.DiagnosticSeverity.Warning
    assert pl105.code_description is not None
    assert pl105.code_description.href.endswith("/docs/rules/PL105.md")
    assert "Suggestion: Training used about $6.2\\times10^{21}$~FLOP" in pl105.message
    # The other file of the paper, never opened, has its findings too, with an exact range.
    [pl201] = await diagnostics(client, costs, lambda d: bool(d))
    assert pl201.code == "PL201"
    assert pl201.range == lsp.Range(lsp.Position(0, 40), lsp.Position(0, 46))
    assert COSTS[40:46] == "GFLOPs"


async def test_code_actions_fix_the_multi_file_paper(client: LanguageClient,
                                                    tmp_path: Path) -> None:
    costs_path = tmp_path / "sections" / "costs.tex"
    costs = open_file(client, costs_path)
    [pl201] = await diagnostics(client, costs, lambda d: bool(d))
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(costs), pl201.range, lsp.CodeActionContext([pl201])))
    assert found is not None
    quick = [a for a in found if isinstance(a, lsp.CodeAction)
             and a.kind == lsp.CodeActionKind.QuickFix]
    [action] = quick
    assert action.title == 'Replace "GFLOPs" with "GFLOP" (PL201)' and action.is_preferred
    assert action.edit is not None and action.edit.changes is not None
    fixed = apply(COSTS, action.edit.changes[costs])
    assert fixed == COSTS.replace("GFLOPs", "GFLOP")
    assert any(a.kind == "source.fixAll.paperlint" for a in found if isinstance(a, lsp.CodeAction))
    change_file(client, costs, fixed, 2)
    assert await diagnostics(client, costs, lambda d: not d) == []

    # PL105's unsafe fix: the sentence lands in setup.tex, right after the report's sentence.
    setup = open_file(client, tmp_path / "sections" / "setup.tex")
    [pl105] = await diagnostics(client, setup, lambda d: bool(d))
    found = await client.text_document_code_action_async(lsp.CodeActionParams(
        lsp.TextDocumentIdentifier(setup), pl105.range, lsp.CodeActionContext([pl105])))
    assert found is not None
    [action] = [a for a in found if isinstance(a, lsp.CodeAction)]
    assert action.title.endswith("(PL105, unsafe)") and not action.is_preferred
    assert action.edit is not None and action.edit.changes is not None
    inserted = apply(SETUP, action.edit.changes[setup])
    assert inserted.startswith(SETUP.split(" The optimiser")[0] + " Training used about")
    assert inserted.endswith("~FLOP). The optimiser is AdamW.\n")
    change_file(client, setup, inserted, 2)
    assert await diagnostics(client, setup, lambda d: not d) == []


async def test_hover_shows_what_paperlint_read(client: LanguageClient, tmp_path: Path) -> None:
    setup = open_file(client, tmp_path / "sections" / "setup.tex")
    await diagnostics(client, setup, lambda d: bool(d))
    column = SETUP.split("\n")[1].index("12 days")
    hover = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(setup), lsp.Position(1, column + 1)))
    assert hover is not None and isinstance(hover.contents, lsp.MarkupContent)
    text = hover.contents.value
    assert "duration: 288 hours" in text
    assert "**Compute report 1 of 2** (training" in text
    assert "- chips: 64" in text and "- hardware: NVIDIA A100" in text
    assert "**FLOP estimate:** 6.21e21 FLOP" in text and "hardware-time method" in text
    assert hover.range == lsp.Range(lsp.Position(1, column), lsp.Position(1, column + 7))
    nothing = await client.text_document_hover_async(lsp.HoverParams(
        lsp.TextDocumentIdentifier(setup), lsp.Position(0, 2)))
    assert nothing is None


async def test_malformed_files_give_a_diagnostic_and_no_crash(client: LanguageClient,
                                                             tmp_path: Path) -> None:
    costs = open_file(client, tmp_path / "sections" / "costs.tex")
    await diagnostics(client, costs, lambda d: bool(d))
    change_file(client, costs, "Evaluating every \\textbf{checkpoint cost a lot.\n", 2)
    found = await diagnostics(client, costs, lambda d: "PL004" in _codes(d))
    assert _codes(found) == ["PL004"]
    # A NUL byte: the paper cannot be read at all; one error says so, on this file.
    change_file(client, costs, "Evaluating\x00 every checkpoint.\n", 3)
    [error] = await diagnostics(client, costs, lambda d: any(x.code is None for x in d))
    assert error.severity == lsp.DiagnosticSeverity.Error
    assert "binary file, not LaTeX" in error.message
    # The server is still alive and reads the repaired text.
    change_file(client, costs, COSTS, 4)
    assert _codes(await diagnostics(client, costs, lambda d: "PL201" in _codes(d))) == ["PL201"]


async def test_a_configuration_change_is_picked_up(client: LanguageClient,
                                                   tmp_path: Path) -> None:
    costs = open_file(client, tmp_path / "sections" / "costs.tex")
    await diagnostics(client, costs, lambda d: bool(d))
    config = tmp_path / "paperlint.toml"
    config.write_text('ignore = ["PL201"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Created)]))
    assert await diagnostics(client, costs, lambda d: not d) == []
    # A broken configuration is reported on the file itself, and the defaults apply meanwhile.
    config.write_text("ignore = [\n", encoding="utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams(
        [lsp.FileEvent(config.as_uri(), lsp.FileChangeType.Changed)]))
    [problem] = await diagnostics(client, config.resolve().as_uri(), lambda d: bool(d))
    assert "invalid TOML" in problem.message
    assert _codes(await diagnostics(client, costs, lambda d: bool(d))) == ["PL201"]


async def test_tex_root_comment_names_the_paper(client: LanguageClient, tmp_path: Path) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    child = other / "part.tex"
    child.write_text("% !TEX root = ../main.tex\nNot included anywhere: 1e18 GFLOPs.\n",
                     encoding="utf-8")
    uri = open_file(client, child)
    costs = (tmp_path / "sections" / "costs.tex").resolve().as_uri()
    # The paper read is main.tex's (costs.tex's PL201), and part.tex, which main.tex does not
    # include, is not read as part of it.
    assert _codes(await diagnostics(client, costs, lambda d: bool(d))) == ["PL201"]
    await asyncio.sleep(0.2)
    assert uri not in client.diagnostics


async def test_rapid_edits_end_with_the_last_texts_diagnostics(client: LanguageClient,
                                                               tmp_path: Path) -> None:
    costs = open_file(client, tmp_path / "sections" / "costs.tex")
    await diagnostics(client, costs, lambda d: bool(d))
    fixed = COSTS.replace("GFLOPs", "GFLOP")
    for version, text in enumerate([fixed, COSTS, fixed, COSTS, fixed], start=2):
        change_file(client, costs, text, version)
    assert await diagnostics(client, costs, lambda d: not d) == []
    await asyncio.sleep(1.0)  # any check still queued would publish by now
    assert list(client.diagnostics[costs]) == []
