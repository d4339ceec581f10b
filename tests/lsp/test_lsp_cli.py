"""``paperlint server`` on the command line: listed, helpful, and one clear line without pygls."""

from __future__ import annotations

import sys

import pytest
from click.testing import CliRunner

from paperlint.cli import main


def test_server_is_listed_with_its_help() -> None:
    listing = CliRunner().invoke(main, ["--help"])
    assert "server" in listing.output and "language server" in listing.output
    help_text = CliRunner().invoke(main, ["server", "--help"])
    assert help_text.exit_code == 0 and "stdio" in help_text.output


def test_without_pygls_it_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pygls", None)  # import pygls now raises ImportError
    result = CliRunner().invoke(main, ["server"])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "paperlint: error: the language server needs pygls: pip install 'paperlint[lsp]'")
