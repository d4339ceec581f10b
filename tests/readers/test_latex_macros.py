"""User macros and the reader's handling of known and unknown commands."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from tests.readers.conftest import END, read, words, write


def _doc(tmp_path: Path, preamble: str, body: str, **options: object):  # type: ignore[no-untyped-def]
    write(tmp_path, {"main.tex": "\\documentclass{article}\n" + preamble
                     + "\n\\begin{document}\n" + body + END})
    return read(tmp_path / "main.tex", **options)


def test_zero_argument_macro_is_generated_text_mapped_to_the_call(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\newcommand{\\numgpus}{16}", "We used \\numgpus{} A100 GPUs.")
    assert words(document) == "We used 16 A100 GPUs."
    start = document.text.index("16")
    assert document.source_text(start, start + 2) == "\\numgpus{}"
    segment = next(s for s in document.segments if s.text_start == start)
    assert not segment.verbatim


def test_a_control_word_followed_by_a_space_keeps_the_space(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\newcommand\\numgpus{16}", "On \\numgpus GPUs.")
    assert words(document) == "On 16 GPUs."


def test_arguments_and_optional_default(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "\\newcommand{\\gpus}[2][NVIDIA]{#2 #1 GPUs}",
        "Runs used \\gpus{8} and \\gpus[AMD]{4}.",
    )
    assert words(document) == "Runs used 8 NVIDIA GPUs and 4 AMD GPUs."


def test_def_with_parameters_and_nested_macros(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "\\def\\days#1{#1~days}\n\\newcommand{\\train}[1]{trained for \\days{#1}}",
        "It was \\train{12} in total.",
    )
    assert words(document) == "It was trained for 12 days in total."


def test_renewcommand_replaces_and_providecommand_does_not(tmp_path: Path) -> None:
    document = _doc(
        tmp_path,
        "\\newcommand{\\n}{1}\\renewcommand{\\n}{2}\\providecommand{\\n}{3}"
        "\\providecommand{\\m}{4}",
        "Values \\n{} and \\m{}.",
    )
    assert words(document) == "Values 2 and 4."


def test_macros_defined_in_an_included_file(tmp_path: Path) -> None:
    write(tmp_path, {
        "main.tex": "\\documentclass{article}\n\\input{defs}\n\\begin{document}\n"
                    "We used \\chips{32} chips.\n" + END,
        "defs.tex": "\\newcommand{\\chips}[1]{#1 TPU v4}\n",
    })
    assert words(read(tmp_path / "main.tex")) == "We used 32 TPU v4 chips."


def test_a_macro_defined_after_use_in_the_same_file_takes_sibling_arguments(tmp_path: Path) -> None:
    # \late is defined in the body, after pylatexenc parsed the file without knowing its arity.
    write(tmp_path, {"main.tex": "\\documentclass{article}\n\\begin{document}\n"
                     "\\input{defs}We used \\late{8} GPUs." + END,
                     "defs.tex": "\\newcommand{\\late}[1]{#1 fast}\n"})
    assert words(read(tmp_path / "main.tex")) == "We used 8 fast GPUs."


def test_recursive_macro_stops_with_a_note(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\newcommand{\\loop}{a\\loop}", "Start \\loop{} end.")
    assert document.text.count("a") <= 20
    assert "loop" in str(document.metadata["macro_limit"])
    assert words(document).startswith("Start") and words(document).endswith("end.")


def test_exponential_definitions_are_bounded(tmp_path: Path) -> None:
    letters = "abcdefghijklmnopq"
    chain = "\\newcommand{\\za}{xx}" + "".join(
        f"\\newcommand{{\\z{b}}}{{\\z{a}\\z{a}}}" for a, b in pairwise(letters)
    )
    document = _doc(tmp_path, chain, "Go \\zq{} stop.")
    assert len(document.text) < 300_000


def test_macros_from_options_seed_the_table(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "We used \\numgpus{} GPUs.", macros={"numgpus": "16"})
    assert words(document) == "We used 16 GPUs."


def test_let_copies_a_user_macro(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\newcommand{\\a}{seven}\\let\\b\\a", "It is \\b{}.")
    assert words(document) == "It is seven."


def test_unknown_commands_keep_their_arguments_and_known_ones_drop_them(tmp_path: Path) -> None:
    document = _doc(
        tmp_path, "",
        "A \\textbf{bold} and \\mystery{kept} word, cited~\\citep[p.~3]{key} and "
        "\\ref{fig} \\label{x}\\includegraphics[width=3cm]{plot.pdf} see \\url{https://ex.org/a_b} "
        "and \\href{https://ex.org}{the site}.",
    )
    text = words(document)
    assert "A bold and kept word, cited" in text
    assert "key" not in text and "fig" not in text and "plot.pdf" not in text
    assert "https://ex.org/a_b" in text and "the site" in text and "https://ex.org}" not in text


def test_a_tie_before_a_citation_leaves_no_space(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "Costly to train~\\cite{a}. See Section~\\ref{b}.")
    assert words(document) == "Costly to train. See Section §."


def test_footnotes_are_parenthesised_so_numbers_do_not_glue(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "We used 8 GPUs\\footnote{Rented for 3 days.}. Then more.")
    assert words(document) == "We used 8 GPUs (Rented for 3 days.). Then more."


def test_section_titles_are_their_own_lines(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "Text before\n\\section{Training Setup}We trained it.")
    assert "Text before\nTraining Setup\nWe trained it." in document.text


def test_line_breaks_and_ties_do_not_glue_words(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "eight\\\\GPUs and Section~3 and a\\newline b")
    assert words(document) == "eight GPUs and Section 3 and a b"


def test_accents_and_escapes(tmp_path: Path) -> None:
    document = _doc(tmp_path, "", "Caf\\'e na\\\"{i}ve \\%5 \\& \\$3 \\LaTeX is")
    assert words(document) == "Café naïve %5 & $3 LaTeX is"


def test_preamble_text_is_not_read_but_its_definitions_are(tmp_path: Path) -> None:
    document = _doc(tmp_path, "\\hypersetup{colorlinks=true}\n\\newcommand{\\x}{ok}", "Body \\x{}.")
    assert words(document) == "Body ok."


def test_a_macro_that_calls_a_redefined_macro_reads_the_new_definition(tmp_path: Path) -> None:
    # The expansion of \total was cached with the first \hours; redefining \hours must not
    # leave it stale (tables that \def their cells row after row do this).
    document = _doc(tmp_path, "\\def\\hours{12}\\def\\total{\\hours~h}",
                    "First \\total{} then \\def\\hours{40}second \\total{} and "
                    "\\renewcommand{\\total}{\\hours~hours}third \\total{}.")
    assert words(document) == "First 12 h then second 40 h and third 40 hours."


def test_redefining_macros_many_times_reads_each_definition(tmp_path: Path) -> None:
    # Freed definitions must not hand their cached text to new ones (the cache was keyed by id).
    body = " ".join(f"\\def\\cell{{v{i}}}\\cell{{}}" for i in range(300))
    document = _doc(tmp_path, "", body)
    assert words(document) == " ".join(f"v{i}" for i in range(300))
