"""Single-file synthetic papers of a chosen length and *shape*, for the growth probe.

The growth of pylatexenc's parse depends on the shape of the text, not only its length: a run of
plain text with no command in it costs quadratic time (its walker appends each character to the
pending run), a macro-dense text close to linear. So the probe measures three shapes, each written
into ONE file (a long paper in one .tex file is exactly what defeats per-file bounds):

- ``plain``: paragraphs of plain prose without a single command, separated by blank lines;
- ``macro``: the macro-dense prose of :mod:`benchmarks.speed.synth` (macros, citations, maths,
  equations, lists);
- ``table``: about half of the words in booktabs tables, the rest macro-dense prose.

Every sentence is written for this harness (no corpus text); the same seed gives the same file.
"""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.speed.synth import COMPUTE, PREAMBLE, PROSE, SynthPaper, _equation, _table, _words

SHAPES = ("plain", "macro", "table")

PLAIN = (
    "We study how the choice of tokenizer changes the sample efficiency of small models.",
    "The encoder maps each input sequence to a sequence of hidden states of fixed width.",
    "Ablations show that removing the gating unit costs about two points of accuracy.",
    "Following earlier work, we keep the learning rate schedule fixed across model sizes.",
    "Our analysis suggests that the gains come mostly from better handling of rare words.",
    "The validation loss plateaus after roughly forty thousand updates.",
    "Each example is truncated to a fixed length and shorter ones are packed together.",
    "We report the mean and standard deviation over three random seeds.",
    "Unlike prior approaches, the method needs no labelled data from the target domain.",
    "A closer look at the errors reveals that most failures involve long range coreference.",
    "Baselines are tuned with the same budget of twenty trials drawn from a grid.",
    "The resulting representations transfer well to classification and retrieval tasks.",
    "For fairness, all systems see exactly the same number of training examples.",
    "We observe that the curriculum matters most for the smallest model.",
    "Human raters preferred our summaries in most of the pairwise comparisons.",
    "Gradients are clipped to a global norm of one to keep the early updates stable.",
    "These findings are consistent with the view that data quality limits small models.",
)
PLAIN_COMPUTE = (
    "The largest model was trained on 64 A100 GPUs for 9 days in mixed precision.",
    "Fine-tuning each downstream model took 6 hours on a single A100 GPU.",
    "The 1.3B-parameter model was trained on 300B tokens.",
)


def _plain_body(rng: random.Random, words: int) -> tuple[str, int]:
    out: list[str] = []
    written = 0
    while written < words:
        sentences = [rng.choice(PLAIN_COMPUTE if rng.random() < 0.04 else PLAIN)
                     for _ in range(rng.randint(5, 9))]
        written += sum(_words(s) for s in sentences)
        out.append("\n".join(sentences) + "\n\n")
    return "".join(out), written


def _macro_body(rng: random.Random, words: int, table_share: float) -> tuple[str, int]:
    out: list[str] = []
    written = 0
    index = 0
    while written < words:
        if rng.random() < table_share:
            table = _table(rng, index)
            out.append(table)
            written += _words(table)
            index += 1
            continue
        sentences = [rng.choice(COMPUTE if rng.random() < 0.06 else PROSE)
                     for _ in range(rng.randint(4, 7))]
        written += sum(_words(s) for s in sentences)
        out.append("\n".join(sentences) + "\n\n")
        roll = rng.random()
        if roll < 0.15:
            out.append(_equation(rng))
        elif roll < 0.2:
            items = rng.sample(PROSE, 3)
            out.append("\\begin{itemize}\n" + "".join(f"  \\item {s}\n" for s in items)
                       + "\\end{itemize}\n")
            written += sum(_words(s) for s in items)
        if rng.random() < 0.05:
            out.append(f"\\section{{Part {index}}}\\label{{sec:p{index}}}\n")
            index += 1
    return "".join(out), written


def shaped(directory: Path, shape: str, words: int, seed: int = 20261202) -> SynthPaper:
    """Write a one-file paper of about ``words`` words of the given shape into ``directory``."""
    if shape not in SHAPES:
        raise ValueError(f"unknown shape {shape!r}; known: {', '.join(SHAPES)}")
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}-{shape}")
    if shape == "plain":
        body, written = _plain_body(rng, words)
    else:
        body, written = _macro_body(rng, words, 0.45 if shape == "table" else 0.0)
    main = directory / "main.tex"
    main.write_text(PREAMBLE + body + "\\end{document}\n", encoding="utf-8")
    return SynthPaper(main=main, files=(main,), words=written)


def one_line(path: Path, size: int) -> Path:
    """A paper whose body is one line of ``size`` bytes of plain prose (the hostile long line)."""
    rng = random.Random(size)
    head = "\\documentclass{article}\\begin{document} "
    tail = " \\end{document}\n"
    parts: list[str] = []
    length = len(head) + len(tail)
    while length < size:
        sentence = rng.choice(PLAIN) + " "
        parts.append(sentence)
        length += len(sentence)
    path.write_text(head + "".join(parts)[: size - len(head) - len(tail)] + tail, encoding="utf-8")
    return path
