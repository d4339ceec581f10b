"""Sections about other work (extract/sections.py): in "Related Work" or "Background" a figure
no first-person word claims is another work's; the paper's own sentences there, and the same
figures in other sections, keep their roles. LaTeX headings come from the sectioning commands
(``Document.headings``), a PDF's from its numbered heading lines. Our own text."""

from __future__ import annotations

from pathlib import Path

from paperlint.extract.sections import pdf_headings
from tests.extract.helpers import check_latex, run_pdf

_RUN_TYPES = {"hardware", "chip_count", "duration"}
_OTHERS = ("The largest dense models were trained on thousands of accelerators; one such run "
           "used 6,144 TPU v4 chips for 50 days.")


def _roles(result: object) -> dict[object, str]:
    return {c.value: c.role for c in result.claims if c.type in _RUN_TYPES}  # type: ignore[attr-defined]


def test_a_figure_in_related_work_is_another_works(tmp_path: Path) -> None:
    body = ("\\section{Related Work}\n" + _OTHERS + "\n"
            "\\subsection{Efficient training}\nA single detector needs 3 days on 8 V100 GPUs.\n"
            "We instead train on 2 A100 GPUs for 20 hours.\n"
            "\\section{Method}\nOur classifier trains in 5 hours on 4 V100 GPUs.\n")
    roles = _roles(check_latex(tmp_path, body))
    assert roles[6144.0] == roles[1200.0] == "other-work"
    assert roles[8.0] == roles[72.0] == "other-work"  # a subsection is inside its section
    # the paper's own sentence in the section, and the next section, stay the paper's
    assert roles[2.0] != "other-work" and roles[20.0] != "other-work"
    assert roles[4.0] != "other-work" and roles[5.0] != "other-work"


def test_the_same_figure_outside_such_a_section_stays_as_it_was(tmp_path: Path) -> None:
    roles = _roles(check_latex(tmp_path, "\\section{Setup}\n" + _OTHERS + "\n"))
    assert roles[6144.0] != "other-work"


def test_a_pdfs_related_work_runs_to_the_next_heading_not_its_own_subsection() -> None:
    text = ("1 Introduction\nWe study detectors.\n\n2 Related Work\n" + _OTHERS + "\n\n"
            "2.1 Distillation\nA distilled student needs 9 hours on 2 P100 GPUs.\n\n"
            "3.1 Training\nWe train for 30 hours on 16 V100 GPUs.\n")
    roles = {c.value: c.role for c in run_pdf(text).claims if c.type in _RUN_TYPES}
    assert roles[6144.0] == "other-work" and roles[9.0] == "other-work"
    assert roles[16.0] != "other-work" and roles[30.0] != "other-work"


def test_pdf_heading_lines() -> None:
    text = "2 Related Work\nbody\n2.1 Efficient Training\nII. BACKGROUND\n8 GPUs were used.\n"
    found = [(text[h.start:h.end], h.level, number) for h, number in pdf_headings(text)]
    assert found == [("Related Work", 1, "2"), ("Efficient Training", 2, "2.1"),
                     ("BACKGROUND", 1, "")]
