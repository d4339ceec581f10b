"""Discovery: which entries of a submissions directory are papers, and reading path lists."""

from __future__ import annotations

import io
import tarfile
from pathlib import Path

import pytest

from paperlint.batch.discover import (
    discover,
    has_documentclass,
    is_collection,
    is_project,
    read_path_list,
)
from paperlint.errors import InputError
from tests.batch.batch_helpers import tex_paper


def _project(directory: Path) -> Path:
    directory.mkdir(parents=True)
    (directory / "main.tex").write_text(tex_paper("\\input{method}"), encoding="utf-8")
    (directory / "method.tex").write_text("We used four GPUs.\n", encoding="utf-8")  # no class
    return directory


def test_a_project_directory_is_one_paper(tmp_path: Path) -> None:
    project = _project(tmp_path / "paper")
    assert is_project(project)
    assert discover([project]) == [str(project)]


def test_a_collection_yields_each_paper_and_skips_the_rest(tmp_path: Path) -> None:
    root = tmp_path / "submissions"
    root.mkdir()
    (root / "a.tex").write_text(tex_paper("First."), encoding="utf-8")
    (root / "b.tex").write_text(tex_paper("Second."), encoding="utf-8")
    (root / "fragment.tex").write_text("Just a section.\n", encoding="utf-8")
    (root / "c.pdf").write_bytes(b"%PDF-1.4\n")
    (root / "d.tar.gz").write_bytes(b"")
    (root / "e.zip").write_bytes(b"")
    (root / "notes.md").write_text("not a paper", encoding="utf-8")
    (root / "refs.bib").write_text("@article{x}", encoding="utf-8")
    (root / ".git").mkdir()
    (root / "__MACOSX").mkdir()
    _project(root / "f")
    (root / "g").mkdir()  # an empty folder is still a submission: its check reports the problem
    papers = [Path(p).name for p in discover([root])]
    assert papers == ["a.tex", "b.tex", "c.pdf", "d.tar.gz", "e.zip", "f", "g"]
    assert is_collection(root)


def test_a_directory_with_two_root_files_is_a_collection_not_an_ambiguous_project(
    tmp_path: Path,
) -> None:
    (tmp_path / "one.tex").write_text(tex_paper("One."), encoding="utf-8")
    (tmp_path / "two.tex").write_text(tex_paper("Two."), encoding="utf-8")
    assert not is_project(tmp_path)
    assert [Path(p).name for p in discover([tmp_path])] == ["one.tex", "two.tex"]


def test_a_commented_out_documentclass_does_not_make_a_root(tmp_path: Path) -> None:
    commented = tmp_path / "old.tex"
    commented.write_text("% \\documentclass{article}\nText.\n", encoding="utf-8")
    escaped = tmp_path / "escaped.tex"
    escaped.write_text("50\\% \\documentclass{article}\n", encoding="utf-8")
    assert not has_documentclass(commented)
    assert has_documentclass(escaped)  # \% is a literal percent, not a comment


def test_files_are_kept_as_given_missing_ones_too_and_duplicates_dropped(tmp_path: Path) -> None:
    paper = tmp_path / "x.tex"
    paper.write_text(tex_paper("X."), encoding="utf-8")
    missing = str(tmp_path / "nope.pdf")
    assert discover([str(paper), missing, str(paper)]) == [str(paper), missing]


def test_archives_are_papers_even_when_they_hold_several_roots(tmp_path: Path) -> None:
    archive = tmp_path / "bundle.tgz"
    with tarfile.open(archive, "w:gz") as tar:
        data = tex_paper("Inside.").encode()
        info = tarfile.TarInfo("main.tex")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    assert discover([tmp_path]) == [str(archive)]


def test_read_path_list_skips_blank_lines_and_comments(tmp_path: Path) -> None:
    listing = tmp_path / "papers.txt"
    listing.write_text("# accepted\nsub/a.tex\n\n  sub/b c.pdf  \n#sub/c.tex\n", encoding="utf-8")
    assert read_path_list(str(listing)) == ["sub/a.tex", "sub/b c.pdf"]
    assert read_path_list("-", io.StringIO("x.tex\ny.pdf\n")) == ["x.tex", "y.pdf"]


def test_read_path_list_names_a_missing_list(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        read_path_list(str(tmp_path / "absent.txt"))
    assert "absent.txt" in str(raised.value)
