"""The server's session without the protocol: which paper a file belongs to, editor buffers, and
a warm re-check that parses only what changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from paperlint.lsp.session import Session
from tests.lsp.helpers import write_paper


def test_an_included_file_belongs_to_the_root_above_it(tmp_path: Path) -> None:
    write_paper(tmp_path)
    paper = Session([tmp_path]).paper_for(tmp_path / "sections" / "costs.tex")
    assert paper.target == (tmp_path / "main.tex").resolve()
    assert sorted(paper.result.files) == ["main.tex", "sections/costs.tex", "sections/setup.tex"]


def test_the_workspace_config_names_the_papers_directory(tmp_path: Path) -> None:
    paper_dir = tmp_path / "paper"
    deep = paper_dir / "a" / "b" / "c" / "d"
    deep.mkdir(parents=True)
    (paper_dir / "paperlint.toml").write_text('profile = "flop"\n', encoding="utf-8")
    (paper_dir / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n\\input{a/b/c/d/deep}\n\\end{document}\n",
        encoding="utf-8")
    (deep / "deep.tex").write_text("We ran 2e18 GFLOPs.\n", encoding="utf-8")
    # Five directories up is past the search of ancestors: only the config's directory finds it.
    paper = Session([tmp_path]).paper_for(deep / "deep.tex")
    assert paper.target == paper_dir.resolve()
    assert paper.config == (paper_dir / "paperlint.toml").resolve()
    assert [f.code for f in paper.result.findings] == ["PL201"]


def test_a_file_no_root_includes_is_a_paper_of_its_own(tmp_path: Path) -> None:
    write_paper(tmp_path)
    loose = tmp_path / "sections" / "loose.tex"
    loose.write_text("A note with 1e18 GFLOPs.\n", encoding="utf-8")
    paper = Session([tmp_path]).paper_for(loose)
    assert paper.target == loose.resolve() and paper.result.files == ("loose.tex",)


def test_buffers_win_and_a_re_check_parses_only_the_edited_file(tmp_path: Path) -> None:
    write_paper(tmp_path)
    session = Session([tmp_path])
    costs = (tmp_path / "sections" / "costs.tex").resolve()
    first = session.paper_for(costs)
    assert [f.code for f in first.result.findings] == ["PL105", "PL201"]
    misses = session.cache.misses
    session.set_buffers({costs: "Evaluating every checkpoint was cheap.\n"})
    second = session.paper_for(costs)
    assert [f.code for f in second.result.findings] == ["PL105"]
    assert session.cache.misses == misses + 1
    assert "GFLOPs" in costs.read_text(encoding="utf-8")  # the disk is never written


@pytest.fixture
def shared_tokenizer() -> Iterator[None]:
    """The server wraps the process's tokenizer; put the plain one back for the other tests."""
    from paperlint.extract.engine import default_engine

    nlp = default_engine().nlp
    plain = nlp.tokenizer
    yield
    nlp.tokenizer = plain


@pytest.mark.usefixtures("shared_tokenizer")
def test_warm_re_checks_find_exactly_what_paperlint_check_finds(tmp_path: Path) -> None:
    from benchmarks.speed.synth import generate
    from paperlint.api import check_path
    from paperlint.extract.engine import default_engine
    from paperlint.lsp.session import MemoTokenizer

    paper = generate(tmp_path / "synth", words=3000)
    section = paper.files[3].resolve()
    session = Session([tmp_path], remember_tokens=True)
    session.paper_for(section)
    edited = section.read_text(encoding="utf-8").replace("\n", " We add a sentence.\n", 1)
    session.set_buffers({section: edited})
    warm = session.paper_for(section)  # cached parses and tokenised paragraphs, one file new
    assert isinstance(default_engine().nlp.tokenizer, MemoTokenizer)
    section.write_text(edited, encoding="utf-8")
    cold = check_path(paper.main)
    assert warm.result.findings == cold.findings and warm.result.claims == cold.claims
    assert warm.result.compute_reports == cold.compute_reports
    assert warm.result.verdict == cold.verdict and warm.result.files == cold.files
