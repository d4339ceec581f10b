"""A deterministic synthetic LaTeX paper of a chosen length, for the speed benchmarks.

Every sentence below was written for this harness (no corpus text). The paper looks like a real
multi-file ML manuscript: a preamble with macros, ``\\input`` section files, inline and display
maths, citations, lists, booktabs tables and, here and there, compute statements for the extractor
to read. The same seed always gives the same files, so timings of different commits compare.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

PROSE = (
    "We study how the choice of tokenizer changes the sample efficiency of small \\modelname{} "
    "variants trained on the \\dataset{} mixture.",
    "The encoder maps each input sequence to a sequence of hidden states of width $d = 1024$.",
    "Ablations in Table~\\ref{tab:abl} show that removing the gating unit costs about two points "
    "of accuracy on average.",
    "Following earlier work~\\cite{smith2021scaling,lee2022data}, we keep the learning-rate "
    "schedule fixed across model sizes.",
    "Our analysis suggests that the gains come mostly from better handling of rare words rather "
    "than from the extra depth.",
    "The validation loss plateaus after roughly forty thousand updates, after which we decay the "
    "learning rate linearly to zero.",
    "Each example is truncated to at most $L = 2048$ tokens, and shorter ones are packed together "
    "without cross-attention between documents.",
    "We report the mean and standard deviation over three random seeds for every configuration.",
    "Unlike prior approaches, the method needs no labelled data from the target domain.",
    "The attention weights $\\alpha_{ij}$ are computed with a softmax over the scaled dot "
    "products $q_i^\\top k_j / \\sqrt{d}$.",
    "Section~\\ref{sec:method} describes the architecture and Section~\\ref{sec:exp} the "
    "experimental protocol.",
    "A closer look at the errors reveals that most failures involve long-range coreference.",
    "We filter near-duplicate documents with MinHash and drop pages whose language score is below "
    "$0.65$.",
    "Baselines are tuned with the same budget of twenty trials drawn from a log-uniform grid.",
    "The resulting representations transfer well to classification, retrieval and tagging tasks.",
    "For fairness, all systems see exactly the same number of training examples.",
    "The regularisation weight $\\lambda$ is chosen on the development set from "
    "$\\{10^{-4}, 10^{-3}, 10^{-2}\\}$.",
    "We observe that the curriculum matters most for the smallest model and hardly at all for the "
    "largest one.",
    "Human raters preferred our summaries in 62\\% of the pairwise comparisons.",
    "Further details on preprocessing are given in Appendix~\\ref{app:data}.",
    "Throughout, \\emph{accuracy} means exact match after lower-casing and removing punctuation.",
    "The optimiser is AdamW with $\\beta_1 = 0.9$, $\\beta_2 = 0.95$ and a weight decay of "
    "\\num{0.1}.",
    "Gradients are clipped to a global norm of one to keep the early updates stable.",
    "These findings are consistent with the view that data quality, not quantity, limits the "
    "smaller models.",
    "We release the code, the configuration files and the evaluation scripts.\\footnote{The "
    "repository address is withheld for review.}",
)
COMPUTE = (
    "The largest \\modelname{} was trained on 64 \\gpu{} GPUs for 9 days in bf16 mixed precision.",
    "Pre-training used 512 TPU v4 chips for about two weeks, roughly 170{,}000 chip-hours in "
    "total.",
    "Fine-tuning each downstream model took 6 hours on a single \\gpu{} GPU.",
    "In total, training consumed approximately $3.1 \\times 10^{21}$ FLOPs.",
    "The 1.3B-parameter model was trained on 300B tokens with a sequence length of 2048.",
    "Inference on the full test set runs in 40 minutes on one V100.",
)
HEADINGS = ("Introduction", "Related Work", "Method", "Data", "Experiments", "Results",
            "Analysis", "Ablations", "Limitations", "Conclusion")
PREAMBLE = r"""\documentclass{article}
\usepackage{amsmath,amssymb,booktabs,graphicx,siunitx}
\usepackage[hidelinks]{hyperref}
\newcommand{\modelname}{Quillstone}
\newcommand{\dataset}{WebMix-2}
\newcommand{\gpu}{A100}
\newcommand{\norm}[1]{\lVert #1 \rVert}
\title{Efficient Pre-training of \modelname{} Models}
\author{Anonymous Authors}
\begin{document}
\maketitle
\begin{abstract}
We present \modelname{}, a family of language models trained on \dataset{}, and measure how
tokenization and data filtering change sample efficiency.
\end{abstract}
"""


@dataclass(frozen=True)
class SynthPaper:
    """A generated paper: its root file, every file written, and the prose word count."""

    main: Path
    files: tuple[Path, ...]
    words: int


def _words(sentence: str) -> int:
    return len(sentence.split())


def _table(rng: random.Random, index: int) -> str:
    rows = "\n".join(
        f"{name} & {rng.randint(40, 90)}.{rng.randint(0, 9)} & {rng.randint(1, 64)} & "
        f"{rng.randint(1, 96)} h \\\\"
        for name in ("Baseline", "\\modelname{}-S", "\\modelname{}-M", "\\modelname{}-L")
    )
    return (
        "\\begin{table}[t]\n\\centering\n\\begin{tabular}{lrrr}\n\\toprule\n"
        "Model & Accuracy & GPUs & Time \\\\\n\\midrule\n"
        f"{rows}\n\\bottomrule\n\\end{{tabular}}\n"
        f"\\caption{{Results of run {index}; GPUs are \\gpu{{}}s.}}\\label{{tab:r{index}}}\n"
        "\\end{table}\n"
    )


def _equation(rng: random.Random) -> str:
    k = rng.randint(2, 9)
    return (
        "\\begin{equation}\n"
        f"  \\mathcal{{L}}(\\theta) = -\\sum_{{t=1}}^{{T}} \\log p_\\theta(x_t \\mid x_{{<t}}) "
        f"+ \\lambda \\norm{{\\theta}}_{k}^2\n"
        "\\end{equation}\n"
    )


def _section(rng: random.Random, heading: str, index: int, words: int) -> tuple[str, int]:
    """One section file of about ``words`` prose words."""
    out = [f"\\section{{{heading}}}\\label{{sec:s{index}}}\n"]
    written = 0
    paragraph: list[str] = []
    while written < words:
        pool = COMPUTE if rng.random() < 0.06 else PROSE
        sentence = rng.choice(pool)
        paragraph.append(sentence)
        written += _words(sentence)
        if len(paragraph) >= rng.randint(4, 7):
            out.append("\n".join(paragraph) + "\n\n")
            paragraph = []
            roll = rng.random()
            if roll < 0.15:
                out.append(_equation(rng))
            elif roll < 0.25:
                out.append(_table(rng, index * 100 + len(out)))
            elif roll < 0.3:
                items = rng.sample(PROSE, 3)
                out.append("\\begin{itemize}\n" + "".join(f"  \\item {s}\n" for s in items)
                           + "\\end{itemize}\n")
                written += sum(_words(s) for s in items)
            elif roll < 0.35:
                out.append("% TODO: tighten this paragraph before the camera-ready version.\n")
    if paragraph:
        out.append("\n".join(paragraph) + "\n\n")
    return "".join(out), written


def generate(
    directory: Path, words: int = 10_000, copies: int = 1, seed: int = 20240611
) -> SynthPaper:
    """Write the paper into ``directory`` (created) and return its root file.

    ``copies`` > 1 concatenates the same sections that many times (each copy in files of its own,
    so include-once logic cannot shortcut the work): the growth benchmark's 1x/4x/16x papers."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    per_section = max(1, words // len(HEADINGS))
    sections: list[tuple[str, str]] = []
    total = 0
    for index, heading in enumerate(HEADINGS):
        text, written = _section(rng, heading, index, per_section)
        sections.append((f"s{index:02d}_{heading.lower().replace(' ', '_')}", text))
        total += written
    files: list[Path] = []
    inputs: list[str] = []
    for copy in range(copies):
        folder = directory / "sections" / f"copy{copy:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in sections:
            path = folder / f"{name}.tex"
            path.write_text(text, encoding="utf-8")
            files.append(path)
            inputs.append(f"\\input{{sections/copy{copy:02d}/{name}}}")
    main = directory / "main.tex"
    main.write_text(PREAMBLE + "\n".join(inputs) + "\n\\end{document}\n", encoding="utf-8")
    return SynthPaper(main=main, files=(main, *files), words=total * copies)
