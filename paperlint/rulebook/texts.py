"""The documentation of every rule: what it catches, whose advice it encodes, how to fix it.

Read by :mod:`paperlint.rulebook`; the docs pages and ``paperlint explain`` are generated
from this text. Checklist wording is paraphrased; the items are named so authors can look them up.
"""

from __future__ import annotations

from paperlint.rulebook.rule import Rule

ALL = ("flop", "neurips", "acl", "aaai")
NEURIPS = 'NeurIPS checklist item 8, "Experiments compute resources"'
ARR = "ARR Responsible NLP checklist C1 (parameters, total computational budget, infrastructure)"
AAAI = "AAAI reproducibility checklist: computing infrastructure (hardware and software)"
EPOCH_HW = "Epoch AI's hardware-time estimate (chips × time × peak FLOP/s × utilization)"
SIX_ND = "Epoch AI's architecture estimate C ≈ 6·N·D"

READER_RULES = (
    Rule(
        "PL001", "missing-include", "warning",
        "An \\input or \\include names a file that is not in the project.",
        "The LaTeX reader could not find a file the paper includes, so any compute report in it "
        "was not read.",
        "A verdict on half a paper is not a verdict: this says which text was not checked.",
        "\\input{sections/experiments}  % but sections/experiments.tex is missing",
        "Add the file to the project (or check the path's spelling and extension).",
        ALL, ("coverage",), "readers",
    ),
    Rule(
        "PL002", "include-outside-project", "warning",
        "An \\input or \\include points outside the paper's directory and was not read.",
        "paperlint reads only files under the paper's root directory; an include that climbs out "
        "of it (../, an absolute path) is refused, for safety, and its text was not checked.",
        "Keeps a check of a downloaded archive from reading files elsewhere on the machine.",
        "\\input{../../shared/macros}",
        "Copy the file into the project and include it by a relative path.",
        ALL, ("coverage",), "readers",
    ),
    Rule(
        "PL003", "unreliable-pdf-text", "warning",
        "A PDF page has no text layer, or its text could not be read reliably.",
        "The PDF reader found a page without extractable text (a scan) or with text it read with "
        "low confidence; claims on it may be missed or misread.",
        "Coverage: findings on a PDF are only as good as its text layer.",
        "(a scanned PDF page)",
        "Check the LaTeX sources instead of the PDF, or export a PDF with a text layer.",
        ALL, ("coverage",), "readers",
    ),
    Rule(
        "PL004", "unbalanced-braces", "warning",
        "A source file opens a { it never closes, or closes a } it never opened.",
        "The LaTeX reader found a brace without its partner (comments, \\{ and \\}, and verbatim "
        "text aside). TeX itself only warns about a group left open at the end of a file, so the "
        "paper may still compile, but everything after the stray brace may be read (by TeX and by "
        "paperlint) as part of the wrong argument: compute statements there can be misread.",
        "As in ChkTeX: a broken structure is reported where it is, and the rest is still checked.",
        "We trained on 8 V100 GPUs {for 3 days.",
        "Close the group where it should end, or remove the stray brace.",
        ALL, ("coverage",), "readers",
    ),
    Rule(
        "PL005", "unbalanced-environments", "warning",
        "A source file ends an environment it did not begin, ends the wrong one, or never ends "
        "one.",
        "The LaTeX reader pairs each \\begin{...} with its \\end{...} within a file: an \\end "
        "that names another environment than the one open (\\begin{itemize} ... "
        "\\end{enumerate}), an \\end with no \\begin, or a \\begin never closed (when no "
        "file included after it could close it). LaTeX stops with an error on these, and "
        "paperlint's reading of the text around them (a table, a list) may be off. Environments "
        "opened inside a macro definition and those inside \\if ... \\fi branches are not "
        "paired, as only TeX can tell which branch is typeset.",
        "As in ChkTeX: a broken structure is reported where it is, and the rest is still checked.",
        "\\begin{itemize} \\item We train on 8 A100 GPUs. \\end{enumerate}",
        "End the environment that is open, with the same name as its \\begin.",
        ALL, ("coverage",), "readers",
    ),
    Rule(
        "PL006", "number-out-of-range", "warning",
        "A number is beyond the range paperlint computes with (about 1.8e308), so it is not read.",
        "A numeral such as $10^{400}$ or 1e400, or a figure that becomes one once converted (1e308 "
        "weeks in hours) or multiplied (an estimate from 1e200 parameters and 1e200 tokens), is "
        "larger than a double-precision float holds. It is left out of the compute report and "
        "of every estimate, rather than read as infinity, which no comparison or JSON report "
        "could hold.",
        "Coverage: a figure that was not read is said to be so, never silently dropped; no "
        "compute budget of a real run is anywhere near 1e308 FLOP, so the figure is likely a "
        "typo in the exponent.",
        "Training took $10^{400}$ FLOP.",
        "Check the exponent (10^{24} rather than 10^{400}), or write the figure in words if the "
        "number is meant.",
        ALL, ("coverage",),
    ),
)

MISSING_RULES = (
    Rule(
        "PL101", "missing-compute-report", "warning",
        "The paper says nothing about the compute its own experiments used.",
        "No hardware type, chip count, training time, chip-hours, numeric precision or FLOP is "
        "given for the paper's own runs. Epochs, steps, parameter counts, dataset sizes, "
        "acknowledgments of donated hardware, checklist answers and generic phrases such as "
        '"GPU acceleration" do not count. The finding points at the experiments or training '
        "section when one is found, else at the top of the main file.",
        f"{NEURIPS} asks for the type of compute workers, memory and time of execution; {ARR} "
        f"asks for the total computational budget and infrastructure; {AAAI} asks for GPU/CPU "
        "models and memory. Without any of it, readers cannot judge the cost of reproducing the "
        "work.",
        "\\section{Experiments}\nWe train for 90 epochs with a batch size of 256.",
        "Add one sentence: the hardware type and count, the training time (or GPU-hours), and "
        'ideally the total training compute, e.g. "Training took 36 hours on 8 NVIDIA A100 GPUs '
        '(about 3.6e20 FLOP)."',
        ALL, (NEURIPS, ARR, AAAI), scope="paper",
    ),
    Rule(
        "PL102", "missing-hardware-type", "warning",
        "A compute report gives counts or times but not which hardware.",
        'A run is described by a chip count or a duration ("8 GPUs for 3 days") without naming '
        "the accelerator, so its peak throughput, and hence its compute, is unknown: a day on a "
        "K80 and a day on an H100 differ by a factor of about 100.",
        f"{NEURIPS} (type of compute workers); {ARR} (computing infrastructure); {AAAI} (GPU/CPU "
        f"models); {EPOCH_HW} needs the chip's peak FLOP/s.",
        "The model was trained on 8 GPUs for 3 days.",
        'Name the accelerator and its variant: "on 8 NVIDIA V100 (32 GB) GPUs".',
        ALL, (NEURIPS, ARR, AAAI, EPOCH_HW),
    ),
    Rule(
        "PL103", "missing-duration", "warning",
        "A compute report names the hardware but not how long it ran.",
        "The hardware (and perhaps the count) of a run is given, but neither its wall-clock time, "
        "nor chip-hours, nor total FLOP, so the compute cannot be recovered.",
        f"{NEURIPS} (time of execution); {ARR} (total computational budget, e.g. GPU hours); "
        f"{EPOCH_HW} needs the time.",
        "We fine-tune the model on 4 NVIDIA A100 GPUs.",
        'Add the training time or GPU-hours: "on 4 NVIDIA A100 GPUs for 20 hours".',
        ("flop", "neurips", "acl"), (NEURIPS, ARR, EPOCH_HW),
    ),
    Rule(
        "PL104", "missing-chip-count", "warning",
        "A compute report names the hardware and time but not how many chips.",
        'A run says which accelerator and how long ("trained on A100 GPUs for 3 days") but not '
        "how many, so its compute is known only up to that factor.",
        f"{NEURIPS} (compute workers); {ARR} (total computational budget); {AAAI} (computing "
        f"infrastructure); {EPOCH_HW} needs the chip count.",
        "Training took 3 days on NVIDIA A100 GPUs.",
        'Give the count ("on 16 NVIDIA A100 GPUs"), or the total GPU-hours.',
        ALL, (NEURIPS, ARR, AAAI, EPOCH_HW),
    ),
    Rule(
        "PL105", "missing-total-flop", "warning",
        "The training compute could be estimated, but the paper does not state it.",
        "A training run gives enough detail to estimate its compute (hardware and time, "
        "chip-hours, or parameters and tokens) but no total FLOP is stated anywhere for the "
        "paper's own training. The suggestion carries paperlint's estimate, its plausible range "
        "and assumptions, and a sentence to paste. In the flop profile this is a warning; the "
        "checklist profiles ask for the computational budget in any unit, so there it is "
        "information only.",
        f"Stating total FLOP is what makes compute comparable across papers (Epoch AI; \"Please "
        f'report your compute", CACM 2023). {NEURIPS} asks for the total compute; {ARR} for the '
        f"total computational budget. The estimate follows {EPOCH_HW} or {SIX_ND}.",
        "We pretrain on 64 NVIDIA A100 GPUs for 12 days.",
        "Paste the suggested sentence (check the utilization assumption against your logs), or "
        "state the FLOP you counted yourself.",
        ("flop", "neurips", "acl"), (NEURIPS, ARR, EPOCH_HW, SIX_ND),
        scope="paper", paste_ready=True,
        fixable="unsafe",
        autofix="`paperlint check --fix --unsafe-fixes` inserts the suggested sentence right "
        "after the sentence that holds the compute report, in the file and on the line where "
        "that sentence is. Unsafe, because it adds a figure to the paper that its author must "
        "check (the utilization is an assumption). No fix is offered for a report read from a "
        "table, or when the sentence's full stop comes from a macro.",
    ),
    Rule(
        "PL106", "missing-memory", "info",
        "The paper describes its hardware but not its memory.",
        "The paper's own compute is described, but no memory size appears (accelerator memory "
        'such as "A100 80GB", or host RAM), which the NeurIPS and AAAI checklists ask for.',
        f"{NEURIPS} (memory); {AAAI} (amount of memory).",
        "All experiments ran on 4 NVIDIA A100 GPUs for 10 hours.",
        'Add the memory: "4 NVIDIA A100 (80 GB) GPUs on a node with 512 GB of RAM".',
        ("neurips", "aaai"), (NEURIPS, AAAI), scope="paper",
    ),
    Rule(
        "PL107", "missing-parameter-count", "info",
        "The paper describes its compute but never states its models' parameter counts.",
        "No parameter count is given for the paper's own models, which ARR's checklist asks for "
        "beside the computational budget.",
        f"{ARR} (number of parameters in the models used); {SIX_ND} needs N.",
        "We train our tagger on 2 NVIDIA V100 GPUs for 6 hours.",
        'State the size: "our tagger has 110M parameters".',
        ("acl",), (ARR, SIX_ND), scope="paper",
    ),
    Rule(
        "PL108", "missing-software-versions", "info",
        "The paper describes its compute but names no software with a version.",
        "No library or framework appears with a version number (PyTorch 2.1, CUDA 12.1, JAX "
        "0.4.20, transformers 4.36, ...), which the AAAI checklist asks for.",
        f"{AAAI} (names and versions of relevant software libraries and frameworks).",
        "Models were trained with PyTorch on 2 NVIDIA V100 GPUs for 6 hours.",
        'Give the versions: "PyTorch 2.1.0 with CUDA 12.1".',
        ("aaai",), (AAAI,), scope="paper",
    ),
)

AMBIGUOUS_RULES = (
    Rule(
        "PL201", "ambiguous-flops-unit", "warning",
        'A FLOP figure is written "FLOPs", "FLOPS" or "flops", which readers take as a count or '
        "a rate.",
        'The plural "FLOPs" and the rate "FLOPS" (per second) differ by one capital letter and are '
        "used both ways, so a reader cannot tell a training budget from a throughput. This rule "
        "looks at the paper's wording wherever a number carries such a unit, including sentences "
        "about other work: the wording is the author's either way.",
        "Epoch AI and the CACM column \"Please report your compute\" recommend FLOP for amounts "
        "and FLOP/s for rates.",
        "Training used 3.1e21 FLOPS.",
        'Write "FLOP" for an amount of computation and "FLOP/s" for a rate: "3.1e21 FLOP", '
        '"312 TFLOP/s".',
        ALL, ("Epoch AI units",),
        fixable="sometimes-safe",
        autofix='`paperlint check --fix` rewrites an amount written "FLOPs" as "FLOP" (safe: '
        'the plural is wrong under every convention). Rewriting a rate written "TFLOPS" as '
        '"TFLOP/s" is unsafe (the older convention spells the rate FLOPS), so it needs '
        "`--unsafe-fixes`. Only a unit written out in the source is rewritten, never one a "
        "macro produces; a figure that reads as both gets no fix.",
    ),
    Rule(
        "PL202", "tpu-cores-not-chips", "warning",
        "A TPU count is given in cores, devices, pods or a slice name rather than chips.",
        'TPU v2 and v3 chips have two cores each, "TPU v3-8" names a slice of 8 cores (4 chips), '
        "and a \"device\" or \"pod\" means different numbers of chips by generation, so the count "
        "of chips, which peak-FLOP/s figures are quoted for, is unclear.",
        f"{EPOCH_HW} multiplies chips, not cores, by the per-chip peak.",
        "Our model is pre-trained for six days on a TPU v3-8.",
        'State chips: "on 4 TPU v3 chips (a v3-8 slice)".',
        ALL, (EPOCH_HW,),
    ),
    Rule(
        "PL203", "chip-hours-without-type", "warning",
        "GPU-hours or GPU-days are given without the GPU type.",
        "A budget in accelerator time means little without the accelerator: 1,000 GPU-hours on "
        "a K80 and on an H100 differ by two orders of magnitude of compute.",
        f"{ARR} (GPU hours with infrastructure); {EPOCH_HW}.",
        "Training took about 1,200 GPU-hours in total.",
        'Name the accelerator: "about 1,200 NVIDIA A100 GPU-hours".',
        ALL, (ARR, EPOCH_HW),
    ),
    Rule(
        "PL204", "ambiguous-hardware-name", "warning",
        "The hardware name covers several chips with different peak throughput.",
        'Some names cover several products ("Titan X" is both a Maxwell and a Pascal card; '
        '"H100" comes as SXM5, PCIe and NVL), so the peak used for the estimate is a guess. The '
        "hardware catalogue lists, for such a bare name, every chip it can denote; the rule "
        "fires when one of them peaks more than 15% above or below the chip assumed (a bare "
        '"V100", read as SXM2 with PCIe 10% slower, stays quiet). The finding lists the '
        "variants with their peaks.",
        f"{EPOCH_HW} needs the exact chip's peak; {AAAI} (GPU models).",
        "We train on 4 Titan X GPUs for 2 days.",
        'Name the exact model: "4 NVIDIA Titan X (Pascal) GPUs".',
        ALL, (EPOCH_HW, AAAI),
    ),
)

CONSISTENCY_RULES = (
    Rule(
        "PL301", "flop-above-physical-peak", "error",
        "The stated FLOP is more than the stated hardware could do in the stated time.",
        "The total FLOP exceeds chips × time × peak FLOP/s at 100% utilization, using the most "
        "generous dense peak of the stated precision (every float precision when none is stated) "
        "and a 10% allowance for rounded figures. Some figure is wrong: the FLOP, the chip "
        "count, the time, or the hardware. The message shows the arithmetic.",
        f"statcheck's lesson: recompute and compare. {EPOCH_HW} bounds the compute a run can do.",
        "We train on 64 A100 GPUs for 12 days, a total of 3e23 FLOP.",
        "Check each figure; a common cause is GPU-hours written as hours, or FLOP counted with "
        "sparsity.",
        ALL, (EPOCH_HW,),
    ),
    Rule(
        "PL302", "flop-implies-low-utilization", "warning",
        "The stated FLOP implies the hardware ran below about 5% of its peak.",
        "Stated FLOP ÷ (chips × time × peak FLOP/s) is below 5% even for the slowest plausible "
        "precision (FP32 when none is stated), while published runs mostly reach 15-60%. Perhaps "
        "the time or chip count includes much more than the run, or the FLOP is per step, per "
        "epoch or per token.",
        f"{EPOCH_HW}; Epoch's database puts typical utilization at 30-40%.",
        "Training took 30 days on 512 NVIDIA A100 GPUs and used 1e20 FLOP.",
        "Check that the FLOP covers the whole run and that the time and count are those of this "
        "run.",
        ALL, (EPOCH_HW,),
    ),
    Rule(
        "PL303", "flop-disagrees-with-6nd", "warning",
        "The stated FLOP differs from 6 × parameters × tokens by more than a factor of 3.",
        "For a dense transformer, training compute is about 6·N·D (N parameters, D training "
        "tokens); the forward/backward ratio moves this between about 4ND and 8ND, well inside a "
        "factor of 3. A larger gap means a wrong figure, a mixture-of-experts model whose total "
        "(not active) parameters were given, or tokens that count the dataset rather than the "
        "tokens seen.",
        f"{SIX_ND}.",
        "Our 7B-parameter model is trained on 2T tokens, using 1e21 FLOP.",
        "Check the figures; for a mixture of experts state the active parameters.",
        ALL, (SIX_ND,),
    ),
    Rule(
        "PL304", "chip-hours-contradict-count-and-time", "warning",
        "Stated chip-hours disagree with chip count × training time.",
        "GPU-hours above 1.25 × count × time are impossible (beyond rounding); GPU-hours below "
        "half of it mean most chips sat idle, or the time or count is that of another stage. "
        "Multi-stage runs legitimately use fewer chip-hours than count × longest time, so only "
        "a gap beyond that range is flagged.",
        f"{ARR} (GPU hours); {EPOCH_HW}.",
        "We trained on 64 V100 GPUs for 14 days, about 5,000 GPU-hours.",
        "Check the count, the time and the GPU-hours; say which stage each figure belongs to.",
        ALL, (ARR, EPOCH_HW),
    ),
)

HOUSEKEEPING_RULES = (
    Rule(
        "PL901", "unused-suppression", "info",
        "A `% paperlint:` suppression comment silences nothing.",
        "A disable comment names a rule that raised no finding where the comment applies, so it "
        "is stale (the text was fixed) or misplaced.",
        "Stale suppressions hide future problems; ruff's RUF100 does the same for noqa comments.",
        "% paperlint: disable-next-line=PL105\nWe state our total compute: 3.6e20 FLOP.",
        "Delete the comment, or move it to the line it was meant for.",
        ALL, ("housekeeping",), "suppressions",
    ),
)

ALL_RULES = (
    *READER_RULES, *MISSING_RULES, *AMBIGUOUS_RULES, *CONSISTENCY_RULES, *HOUSEKEEPING_RULES,
)
