"""The LaTeX reader parses each file in bounded pieces (latex_pieces.py, latex_scan.py) and with
a faster token loop (latex_tokens.py): the node tree must be pylatexenc's own, node for node."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pylatexenc.latexwalker import LatexWalker

from paperlint.errors import InputError
from paperlint.readers import latex_pieces
from paperlint.readers.latex_files import mask_skipped
from paperlint.readers.latex_macros import MacroContext, prescan_argspecs
from paperlint.readers.latex_tokens import Walker
from tests.readers.conftest import read, words, write

# Slow (subprocesses, servers, browsers or big inputs): `pytest -m "not slow"` skips it.
pytestmark = pytest.mark.slow


def tree(nodes: Any) -> Any:
    """Everything the reader can see of a node list, as plain values."""
    out = []
    for node in nodes:
        if node is None:
            out.append(None)
            continue
        item: list[Any] = [type(node).__name__, node.pos, node.len, node.latex_verbatim(),
                           node.parsing_state.in_math_mode]
        for name in ("chars", "macroname", "macro_post_space", "comment", "comment_post_space",
                     "environmentname", "delimiters", "displaytype", "specials_chars"):
            item.append(getattr(node, name, None))
        if getattr(node, "nodelist", None) is not None:
            item.append(tree(node.nodelist))
        argd = getattr(node, "nodeargd", None)
        if argd is not None:
            item.append((argd.argspec, tree(argd.argnlist), getattr(argd, "verbatim_text", None)))
        out.append(item)
    return out


def context(text: str) -> Any:
    db = MacroContext()
    db.declare(prescan_argspecs(text))  # as the reader does before it parses a file
    return db.db


def pylatexenc_tree(text: str) -> Any:
    nodes, _, _ = LatexWalker(text, latex_context=context(text),
                              tolerant_parsing=True).get_latex_nodes(pos=0)
    return tree(nodes)


def pieces_tree(text: str, piece_chars: int) -> Any:
    return tree(latex_pieces.parse(text, context(text), piece_chars=piece_chars))


CASES = {
    "environment spanning blank lines": "\\begin{document}\nA b.\n\n\\begin{itemize}\n\\item one"
    "\n\n\\item two\n\n\\begin{enumerate}\n\n\\item x\n\n\\end{enumerate}\n\n\\end{itemize}\n\n"
    "End.\n\n\\end{document}\n",
    "verbatim with blank lines and braces": "\\begin{document}\nA.\n\n\\begin{verbatim}\n{ x\n\n"
    "}}\n\n\\end{verbatim}\n\nB.\n\n\\end{document}",
    "verb across a blank line": "\\begin{document}\nA \\verb|x\n\ny| b.\n\nC \\verb\n\n+z+ d."
    "\n\n\\end{document}",
    "comment swallowing a blank line": "\\begin{document}\nA. % note\n \n\nB.\n%\n\nC.\n\n"
    "\\end{document}",
    "iffalse block": "\\begin{document}\nA.\n\n\\iffalse\nhidden\n\nstill { hidden\n\n\\fi\n\nB."
    "\n\n\\iffalse x\n\n\\else\n\nshown\n\n\\fi\n\n\\end{document}",
    "stray and unclosed braces": "\\begin{document}\nA } b.\n\nC { d.\n\ne.\n\n\\end{document}\n\n",
    "environment never closed": "\\begin{document}\nA.\n\n\\begin{itemize}\n\\item x\n\ny  \n",
    "lone backslash at the end": "{\n\nA.\n\nB \\",
    "maths never closed": "\\begin{document}\nA.\n\nB $x\n\ny.\n\n\\end{document}\nz\n\n",
    "optional argument never closed": "\\begin{document}\n\\item[\n\na } b\n\n\\end{document}\n",
    "a line break before an end": "\\begin{tabular}{ll}\na & b \\\\\n\n c & d \\\\\n\\end{tabular}",
    "an argument after a blank line": "\\section\n\n{Title}\n\nText.\n\n\\textbf\n\nx y\n\n",
    "an environment taken as an argument": "\\newcommand{\\w}[1]{#1}\n\\w\\begin{foo}\n\nA.\n\n"
    "\\end{foo}\n\nB.\n\n",
    "display maths and dollars": "A $$x\n\n$ y $ z$$ w.\n\n$a$$b$ \\(c\n\nd\\) \\[e\\] f.\n\n",
    "groups of plain characters": "\\label{a: b}{ }{}{\n\n}A {x \n\n y} \\section{ Part 7 }"
    "\n\n$x^{ab}_{-1}$ \\textbf {c} \\emph{d-e}{f~g}",
    "one long line": "\\begin{document} " + " ".join(
        f"word{i} and another plain word here" + (" \\cite{x}" if i % 7 == 0 else "")
        + (" $x_{i}$" if i % 11 == 0 else "") + (" \\item[" if i == 40 else "")
        + (" ]" if i == 45 else "") for i in range(120)) + " \\end{document}",
}


@pytest.mark.parametrize("piece_chars", [1, 5, 60, 400])
@pytest.mark.parametrize("name", sorted(CASES))
def test_pieces_give_pylatexenc_s_own_tree(name: str, piece_chars: int) -> None:
    text = mask_skipped(CASES[name])
    assert pieces_tree(text, piece_chars) == pylatexenc_tree(text)


def test_the_cases_are_really_cut() -> None:
    for name, text in CASES.items():
        masked = mask_skipped(text)
        layout = latex_pieces.scan(masked, context(masked))
        assert len(latex_pieces.plan(layout, masked, 1)) > 1, name


LATEXISH = [
    "\\section{", "\\newcommand{\\y}[1]{#1 ", "\\y", "\\def\\z#1{", "\\z", "{", "}", "[", "]",
    "$", "$$", "\\[", "\\]", "\\(", "\\)", "_", "^", "&", "~", "\\\\", "%", "% c\n", "\n",
    "\n\n", " \n \n", " ", "\\%", "\\begin{tabular}{ll}", "\\end{tabular}", "\\begin{itemize}",
    "\\end{itemize}", "\\item", "\\item[", "\\begin{verbatim}", "\\end{verbatim}", "\\iffalse",
    "\\else", "\\fi", "\\verb|", "|", "\\verb+a b+", "*", "--", "``", "''", "\\textbf{",
    "\\begin{foo}", "\\end{foo}", "\\end{bar}", "\\begin{document}", "\\end{document}",
    "\\begin{equation}", "\\end{equation}", "\\'", "#", "\\", "\t", "\r\n",
    "some plain words here ", "and a long run of plain words without any command in it ",
]
latexish = st.lists(st.one_of(st.sampled_from(LATEXISH),
                              st.text(alphabet="ab 1.,\\{}$%&#_^~\n[]*", max_size=5)),
                    max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=latexish, piece_chars=st.sampled_from([1, 3, 20, 100]))
def test_random_latex_reads_as_pylatexenc_reads_it(text: str, piece_chars: int) -> None:
    masked = mask_skipped(text)
    expected = pylatexenc_tree(masked)
    db = context(masked)
    assert tree(Walker(masked, db).get_latex_nodes(pos=0)[0]) == expected
    assert pieces_tree(masked, piece_chars) == expected


@pytest.mark.real_pieces
def test_a_long_line_reaches_pylatexenc_in_bounded_pieces(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # pylatexenc is quadratic in a run of plain text: a 1 MB line took 23 s, 10 MB 15 minutes.
    sizes: list[int] = []
    original = LatexWalker.__init__

    def spy(self: Any, s: str, *args: Any, **kwargs: Any) -> None:
        sizes.append(len(s))
        original(self, s, *args, **kwargs)

    monkeypatch.setattr(LatexWalker, "__init__", spy)
    line = " ".join(f"We trained model {i} for a while." for i in range(30_000))
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document} " + line
                     + " \\end{document}\n"})
    document = read(tmp_path / "main.tex")
    assert words(document) == " ".join(line.split())
    assert len(line) > 900_000
    assert max(sizes) <= 2 * latex_pieces.PIECE_CHARS


def test_a_long_run_in_an_argument_is_read_whole_in_linear_time(tmp_path: Path) -> None:
    # It cannot be cut (an argument), and pylatexenc's loop was quadratic in it: refused at
    # 250,000 characters before the reader had its own loop (latex_loop.py).
    run = "plain words " * 50_000
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document}\nA.\n\n\\textbf{"
                     + run + "}\n\\end{document}\n"})
    assert words(read(tmp_path / "main.tex")).endswith("plain words")


def test_an_uncuttable_argument_is_refused_with_its_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(latex_pieces, "MAX_UNCUT_CHARS", 100_000)
    run = "plain words and \\emph{x} " * 5000
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document}\nA.\n\n\\textbf{"
                     + run + "}\n\\end{document}\n"})
    with pytest.raises(InputError, match=r"main\.tex:4: 1[23]\d,\d{3} characters that cannot be "
                       r"cut into pieces \(one group, formula or argument\); the limit is 100,000"):
        read(tmp_path / "main.tex")


def test_the_same_run_in_a_free_standing_group_is_cut_and_read(tmp_path: Path) -> None:
    run = "plain words " * 25_000
    write(tmp_path, {"main.tex": "\\documentclass{article}\\begin{document}\nA.\n\n{"
                     + run + "}\n\\end{document}\n"})
    assert words(read(tmp_path / "main.tex")).endswith("plain words")


def _token(walker: Any, pos: int, kwargs: dict[str, Any]) -> Any:
    try:
        token = walker.get_token(pos, **kwargs)
    except Exception as error:  # the end of the text, and pylatexenc's own errors
        return type(error).__name__
    arg = token.arg.specials_chars if token.tok == "specials" else token.arg
    return (token.tok, arg, token.pos, token.len, token.pre_space,
            getattr(token, "post_space", ""))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=latexish)
def test_single_tokens_are_pylatexenc_s_own(text: str) -> None:
    # Callers other than a node list's loop (argument parsers, get_latex_expression) ask for one
    # token with their own keywords: each must get exactly the token pylatexenc gives.
    db = context(text)
    ours, theirs = Walker(text, db), LatexWalker(text, latex_context=db, tolerant_parsing=True)
    math = theirs.make_parsing_state().sub_context(in_math_mode=True, math_mode_delimiter="$")
    calls: list[dict[str, Any]] = [
        {}, {"environments": False}, {"parsing_state": math},
        {"include_brace_chars": [("[", "]")], "environments": False},
        {"environments": False, "parsing_state": theirs.make_parsing_state()},
    ]
    for pos in range(len(text) + 1):
        for kwargs in calls:
            assert _token(ours, pos, kwargs) == _token(theirs, pos, kwargs), (pos, kwargs)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=latexish)
def test_the_loop_reports_pylatexenc_s_own_errors(text: str) -> None:
    # latex_loop.py is pylatexenc's node-list loop written again: the same errors, in order
    # (latex_pieces reads them to tell a piece that was cut short).
    masked = mask_skipped(text)
    db = context(masked)
    theirs = LatexWalker(masked, latex_context=db, tolerant_parsing=True)
    errors: list[str] = []
    theirs._report_ignore_parse_error = lambda error: errors.append(error.msg)
    expected = tree(theirs.get_latex_nodes(pos=0)[0])
    ours = Walker(masked, db)
    assert tree(ours.get_latex_nodes(pos=0)[0]) == expected
    assert [error.msg for error in ours.errors] == errors


@pytest.mark.parametrize("piece_chars", [1, 3, 20])
@pytest.mark.parametrize("tail", [" \\", "  \\", " \\\\\\", "\n\n \\"])
def test_a_lone_backslash_ending_a_long_run_takes_its_white_space(tail: str,
                                                                  piece_chars: int) -> None:
    # Found by the property test below: pylatexenc drops the white space before a lone final
    # backslash, so no piece may start inside that tail.
    text = mask_skipped("some plain words here and a long run of plain words without any command "
                        "in it" + tail)
    assert pieces_tree(text, piece_chars) == pylatexenc_tree(text)
