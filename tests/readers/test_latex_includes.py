"""Includes: every command, the right base directory, cycles, missing files, the root's boundary."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from paperlint.errors import IncludeCycleError, InputError
from tests.readers.conftest import END, PREAMBLE, read, words, write

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


@pytest.mark.parametrize(
    "command",
    [
        "\\input{parts/a}",
        "\\input{parts/a.tex}",
        "\\input parts/a ",
        "\\include{parts/a}",
        "\\InputIfFileExists{parts/a}{}{}",
        "\\import{parts/}{a}",
        "\\subimport{parts/}{a.tex}",
        "\\subfile{parts/a}",
    ],
)
def test_every_include_command_reads_the_file(tmp_path: Path, command: str) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "Before. " + command + " After." + END,
        "parts/a.tex": "Included sentence with 8 GPUs.\n",
    })
    document = read(tmp_path / "main.tex")
    assert "Before. Included sentence with 8 GPUs. After." in words(document)
    assert document.files == ("main.tex", "parts/a.tex")
    assert not document.problems


def test_input_is_relative_to_the_root_and_subimport_to_the_current_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "\\input{sec/one}\n\\subimport{sec/}{two}" + END,
        "sec/one.tex": "One. \\input{sec/three}\n",  # \input: from the root's directory
        "sec/two.tex": "Two. \\input{four}\n",  # inside a subimport: from sec/
        "sec/three.tex": "Three.\n",
        "sec/four.tex": "Four.\n",
    })
    document = read(tmp_path / "main.tex")
    assert words(document) == "One. Three. Two. Four."
    assert document.files == (
        "main.tex", "sec/one.tex", "sec/three.tex", "sec/two.tex", "sec/four.tex"
    )


def test_a_subfile_reads_only_its_document_body(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "Main. \\subfile{ch/one}" + END,
        "ch/one.tex": "\\documentclass[../main.tex]{subfiles}\n\\usepackage{x}\n"
                      "\\begin{document}\nChapter text.\n\\end{document}\n",
    })
    assert words(read(tmp_path / "main.tex")) == "Main. Chapter text."


def test_missing_include_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Start.\n\\input{nowhere}\nEnd." + END})
    document = read(tmp_path / "main.tex")
    assert words(document) == "Start. End."
    [problem] = document.problems
    assert problem.code == "PL001" and "nowhere" in problem.message
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        "main.tex", 4, 1
    )


def test_an_unclosed_input_naming_a_whole_paragraph_is_a_missing_include(tmp_path: Path) -> None:
    """The argument of ``\\input{`` never closed runs on for pages: a name far too long for the
    file system is a missing include (a short one-line name in the message), not a crash."""
    paragraph = "We trained the model for a long time on many machines. " * 20
    write(tmp_path, {"main.tex": PREAMBLE + "Start.\n\\input{" + paragraph + "\n\nMore." + END})
    document = read(tmp_path / "main.tex")
    [missing] = [p for p in document.problems if p.code == "PL001"]
    assert missing.message == ("included file 'We trained the model for a long time on many "
                               "machines. We tr...' not found")


def test_input_if_file_exists_is_quiet_when_missing(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "\\InputIfFileExists{nowhere}{}{}Text." + END})
    document = read(tmp_path / "main.tex")
    assert not document.problems and words(document) == "Text."


def test_a_cycle_raises_naming_the_chain() -> None:
    with pytest.raises(IncludeCycleError, match=r"a\.tex -> b\.tex -> a\.tex"):
        read(FIXTURES / "cyclic" / "a.tex")


def test_including_the_same_file_twice_is_not_a_cycle(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "\\input{m}\\input{m}" + END, "m.tex": "Twice.\n"
    })
    assert words(read(tmp_path / "main.tex")) == "Twice. Twice."


def test_includes_outside_the_root_are_refused_unread() -> None:
    document = read(FIXTURES / "escape")
    codes = [p.code for p in document.problems]
    assert codes == ["PL002", "PL002"]
    assert "../../etc/passwd" in document.problems[0].message
    assert "/etc/hostname" in document.problems[1].message
    assert words(document) == "Before the includes. After the includes."
    assert document.files == ("main.tex",)


def test_a_symlink_pointing_out_of_the_tree_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    paper = tmp_path / "paper"
    write(outside, {"secret.tex": "SECRET-TEXT-42\n"})
    write(paper, {"main.tex": PREAMBLE + "Visible.\n\\input{link}\n\\input{dir/secret}" + END})
    os.symlink(outside / "secret.tex", paper / "link.tex")
    os.symlink(outside, paper / "dir")
    document = read(paper / "main.tex")
    assert "SECRET" not in document.text
    assert [p.code for p in document.problems] == ["PL002", "PL002"]
    assert all("SECRET" not in source.text for source in document.sources.values())


def test_a_symlink_inside_the_tree_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "\\input{alias}" + END, "real.tex": "Real text.\n"})
    os.symlink(tmp_path / "real.tex", tmp_path / "alias.tex")
    document = read(tmp_path / "main.tex")
    assert words(document) == "Real text." and document.files == ("main.tex", "real.tex")


def test_dotdot_that_stays_inside_the_tree_is_fine(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "\\input{sec/../other}" + END, "other.tex": "Other.\n"
    })
    assert words(read(tmp_path / "main.tex")) == "Other."


def test_tex_root_magic_comment_reads_the_root(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": PREAMBLE + "Root text.\n\\input{sec/child}" + END,
        "sec/child.tex": "% !TEX root = ../main.tex\nChild text.\n",
    })
    document = read(tmp_path / "sec" / "child.tex", given_dirs=(str(tmp_path),))
    assert words(document) == "Root text. Child text."
    assert document.files == ("main.tex", "sec/child.tex")
    assert document.metadata["tex_root"] == "main.tex"


@pytest.mark.parametrize(("named", "files"), [
    # Not above the child: a sibling project, or a file anywhere on the machine.
    ("../other/main.tex", {"other/main.tex": PREAMBLE + "Secret." + END}),
    ("{root}/elsewhere/main.tex", {"elsewhere/main.tex": PREAMBLE + "Secret." + END}),
    # Above it, but not a paper's root: no \\documentclass, or not a .tex file.
    ("../notes.tex", {"notes.tex": "Secret.\n"}),
    ("../main.txt", {"main.txt": PREAMBLE + "Secret." + END}),
    # Four levels up: further than a paper's own tree goes.
    ("../../../../main.tex", {"main.tex": PREAMBLE + "Secret." + END}),
])
def test_tex_root_is_followed_only_to_a_paper_root_above_the_child(
        tmp_path: Path, named: str, files: dict[str, str]) -> None:
    child = "paper/a/b/c/child.tex" if named.startswith("../../../../") else "paper/child.tex"
    write(tmp_path, {**files, child: f"% !TEX root = {named.format(root=tmp_path)}\nChild.\n"})
    document = read(tmp_path / child, given_dirs=(str(tmp_path),))
    assert words(document) == "Child." and "tex_root" not in document.metadata


def test_a_nul_byte_in_the_tex_root_comment_is_a_clean_input_error(tmp_path: Path) -> None:
    write(tmp_path, {"child.tex": "% !TEX root = main\x00.tex\nChild.\n"})
    with pytest.raises(InputError, match="binary file, not LaTeX"):
        read(tmp_path / "child.tex")


def test_tex_root_three_levels_up_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Root.\n\\input{a/b/c/child}" + END,
                     "a/b/c/child.tex": "% !TEX root = ../../../main.tex\nChild.\n"})
    assert words(read(tmp_path / "a/b/c/child.tex", given_dirs=(str(tmp_path),))) == "Root. Child."


def test_a_child_without_magic_comment_is_read_in_the_paper_that_includes_it(
        tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Root.\n\\input{child}" + END, "child.tex": "Child.\n"})
    document = read(tmp_path / "child.tex")
    assert words(document) == "Root. Child." and document.files == ("main.tex", "child.tex")
    assert document.metadata["tex_root"] == "main.tex"


def test_the_including_paper_is_found_above_and_through_nested_includes(tmp_path: Path) -> None:
    write(tmp_path, {
        "notes.tex": "Not a paper.\n",
        "paper.tex": PREAMBLE + "Root.\n\\include{chapters/one}" + END,
        "chapters/one.tex": "One.\n\\input{chapters/parts/two}\n",
        "chapters/parts/two.tex": "Two.\n",
    })
    document = read(tmp_path / "chapters" / "parts" / "two.tex", given_dirs=(str(tmp_path),))
    assert words(document) == "Root. One. Two."


@pytest.mark.parametrize("files", [
    {"main.tex": PREAMBLE + "Root." + END},  # a paper, but it does not include the child
    {"main.tex": PREAMBLE + "% \\input{sec/child}\n" + END},  # only in a comment
    {"other/main.tex": PREAMBLE + "\\input{../sec/child}" + END},  # a sibling folder
])
def test_a_child_no_paper_includes_is_read_alone(tmp_path: Path, files: dict[str, str]) -> None:
    write(tmp_path, {**files, "sec/child.tex": "Alone.\n"})
    document = read(tmp_path / "sec" / "child.tex")
    assert words(document) == "Alone." and document.files == ("child.tex",)


def test_the_including_paper_is_looked_for_three_levels_up_only(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Root.\n\\input{a/b/c/d/child}" + END,
                     "a/b/c/d/child.tex": "Deep.\n"})
    assert words(read(tmp_path / "a/b/c/d/child.tex", given_dirs=(str(tmp_path),))) == "Deep."
    write(tmp_path, {"a/main.tex": PREAMBLE + "Near.\n\\input{b/c/d/child}" + END})
    assert words(read(tmp_path / "a/b/c/d/child.tex", given_dirs=(str(tmp_path),))) == "Near. Deep."


def test_directory_input_picks_the_file_with_documentclass(tmp_path: Path) -> None:
    write(tmp_path, {
        "paper.tex": PREAMBLE + "\\input{macros}Body." + END,
        "macros.tex": "\\newcommand{\\x}{y}\n",
        "chapter.tex": "\\documentclass[paper.tex]{subfiles}\n",  # a child, not a paper
        "notes.tex": "% \\documentclass{article} is commented out here\n",
    })
    document = read(tmp_path)
    assert document.files[0] == "paper.tex" and words(document) == "Body."


def test_directory_with_several_roots_reads_them_all_as_one_paper(tmp_path: Path) -> None:
    # An arXiv-style submission: the paper and its supplement, each a complete document, sharing
    # a macro file. Both are read, in name order, each starting a paragraph of its own.
    write(tmp_path, {
        "main.tex": PREAMBLE + "\\input{macros}The method is \\name." + END,
        "supplement.tex": PREAMBLE + "\\input{macros}We trained \\name{} on 8 GPUs." + END,
        "macros.tex": "\\newcommand{\\name}{Orca}\n",
    })
    document = read(tmp_path)
    assert document.files == ("main.tex", "macros.tex", "supplement.tex")
    assert document.metadata["roots"] == ["main.tex", "supplement.tex"]
    assert re.search(r"The method is Orca\.\n\s*\n\s*We trained Orca on 8 GPUs\.", document.text)
    gpus = document.text.index("8 GPUs")
    assert document.location(gpus).file == "supplement.tex"
    assert (document.location(gpus).line, document.location(gpus).column) == (3, 37)


def test_a_single_root_has_no_roots_list(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Alone." + END})
    assert "roots" not in read(tmp_path).metadata


def test_roots_in_different_folders_are_refused_listing_them(tmp_path: Path) -> None:
    write(tmp_path, {"a/main.tex": PREAMBLE + END, "b/main.tex": PREAMBLE + END})
    with pytest.raises(InputError, match=r"holds papers in several folders: a/main\.tex, "
                                         r"b/main\.tex; pass one of them"):
        read(tmp_path)


def test_directory_without_tex_is_refused(tmp_path: Path) -> None:
    write(tmp_path, {"readme.md": "nothing here"})
    with pytest.raises(InputError, match=r"no \.tex file"):
        read(tmp_path)


def test_directory_finds_a_root_in_a_subfolder(tmp_path: Path) -> None:
    write(tmp_path, {"paper/main.tex": PREAMBLE + "\\input{s}" + END, "paper/s.tex": "Deep.\n"})
    document = read(tmp_path)
    assert words(document) == "Deep." and document.files == ("main.tex", "s.tex")


def test_a_file_two_roots_both_include_is_read_once(tmp_path: Path) -> None:
    # A conference and an arXiv version of one paper, both \input-ing the same body: its claims
    # must not count twice.
    write(tmp_path, {
        "paper.tex": PREAMBLE + "\\input{body}" + END,
        "paper_arxiv.tex": PREAMBLE + "Preprint version. \\input{body}" + END,
        "body.tex": "We trained on 8 GPUs.\n",
    })
    document = read(tmp_path)
    assert document.files == ("paper.tex", "body.tex", "paper_arxiv.tex")
    assert document.text.count("8 GPUs") == 1
    assert "Preprint version." in document.text


# -- % !TEX root is followed only inside the directory given, or the git repository (issue 19) ----
def _refusals(document: object) -> list[str]:
    return [p.message for p in document.problems if p.code == "PL002"]  # type: ignore[attr-defined]


def test_tex_root_outside_the_given_directory_is_refused_and_said(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Secret 64 TPU v4 chips.\n\\input{subs/a}" + END,
                     "subs/a.tex": "% !TEX root = ../main.tex\nChild.\n"})
    document = read(tmp_path / "subs" / "a.tex", given_dirs=(str(tmp_path / "subs"),))
    assert words(document) == "Child." and "tex_root" not in document.metadata
    (message,) = _refusals(document)
    assert "% !TEX root = ../main.tex" in message and "not followed" in message
    problem = document.problems[0]
    assert (problem.location.file, problem.location.line) == ("a.tex", 1)


def test_tex_root_inside_the_given_directory_is_followed(tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Root.\n\\input{sec/child}" + END,
                     "sec/child.tex": "% !TEX root = ../main.tex\nChild.\n"})
    document = read(tmp_path / "sec" / "child.tex", given_dirs=(str(tmp_path),))
    assert words(document) == "Root. Child." and not _refusals(document)


def test_tex_root_without_a_given_directory_stays_in_the_git_repository(tmp_path: Path) -> None:
    files = {"repo/main.tex": PREAMBLE + "Root.\n\\input{sec/child}" + END,
             "repo/sec/child.tex": "% !TEX root = ../main.tex\nChild.\n",
             "main.tex": PREAMBLE + "Outside the repository." + END,
             "repo/up.tex": "% !TEX root = ../main.tex\nUp.\n"}
    write(tmp_path, files)
    (tmp_path / "repo" / ".git").mkdir()
    assert words(read(tmp_path / "repo" / "sec" / "child.tex")) == "Root. Child."
    above = read(tmp_path / "repo" / "up.tex")  # ../main.tex leaves the repository
    assert words(above) == "Up." and _refusals(above)


def test_tex_root_without_a_given_directory_or_repository_is_not_followed_up(
        tmp_path: Path) -> None:
    write(tmp_path, {"main.tex": PREAMBLE + "Root.\n\\input{sec/child}" + END,
                     "sec/child.tex": "% !TEX root = ../main.tex\nChild.\n",
                     "sec/main2.tex": PREAMBLE + "Sibling root.\n\\input{other}" + END,
                     "sec/other.tex": "% !TEX root = main2.tex\nOther.\n"})
    document = read(tmp_path / "sec" / "child.tex")
    assert words(document) == "Child." and _refusals(document)
    # A root in the child's own directory is still followed.
    assert words(read(tmp_path / "sec" / "other.tex")) == "Sibling root. Other."


def test_a_directory_holding_only_a_fragment_is_refused_naming_it(tmp_path: Path) -> None:
    """Nothing checked is not success (issue 19): a folder's lone .tex without \\documentclass is
    no paper. The fragment named directly is still read as it is."""
    write(tmp_path, {"intro.tex": "We trained on 8 GPUs.\n"})
    with pytest.raises(InputError, match=r"no \.tex file with \\documentclass.*intro\.tex"):
        read(tmp_path)
    assert words(read(tmp_path / "intro.tex")) == "We trained on 8 GPUs."


def test_the_including_paper_is_not_looked_for_outside_the_bound(tmp_path: Path) -> None:
    # A fragment in a submissions folder: the paper above that includes it is another team's.
    write(tmp_path, {"main.tex": PREAMBLE + "Above.\n\\input{subs/child}" + END,
                     "subs/child.tex": "Alone.\n"})
    document = read(tmp_path / "subs" / "child.tex", given_dirs=(str(tmp_path / "subs"),))
    assert words(document) == "Alone."
    assert words(read(tmp_path / "subs" / "child.tex", given_dirs=(str(tmp_path),))) == (
        "Above. Alone.")
