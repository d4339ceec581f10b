"""Loading and checking the cases: the JSON Schema, then the rules the schema cannot say.

A case's verdict must follow from its facts by the corpus README's verdict rules
(:func:`derived_verdict`), so a labelling slip shows up as a failed check rather than as a
paperlint "error". A malformed file raises :class:`CaseError` with one line naming the file.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from benchmarks.generalisation import SCHEMA, SOURCE

Case = dict[str, Any]

# Roles whose figures are the paper's own main training (the verdict's "main training").
MAIN_ROLES = frozenset({"training", "fine-tuning"})
# The paper's own compute of any phase: enough for `partial` (corpus README, verdict rules).
OWN_ROLES = MAIN_ROLES | {"inference", "runtime", "benchmark", "data-processing", "ablation"}
# Facts that are there to be left alone: a claim matching one is a false positive.
NEGATIVE_ROLES = frozenset({"distractor", "comment"})
RUN_DETAILS = frozenset({"hardware", "chip_count", "duration", "chip_hours", "flop", "precision"})
# Hardware written without a generation ("Cloud TPU"): matched by family, never by the catalogue.
GENERIC_HARDWARE = frozenset({"TPU", "GPU", "IPU"})
REPORT_TO_FACT = {"hardware": "hardware", "chip_count": "chip_count",
                  "duration_hours": "duration", "chip_hours": "chip_hours", "flop": "flop"}


class CaseError(Exception):
    """A case file cannot be used (unreadable, not JSON, or a case that breaks the rules)."""


@lru_cache(maxsize=1)
def _validator() -> Any:
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def schema_errors(case: Any) -> list[str]:
    """Every JSON Schema violation of one case, as short messages."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '(case)'}: {e.message}"
            for e in _validator().iter_errors(case)]


def derived_verdict(facts: Iterable[dict[str, Any]]) -> str:
    """The verdict the facts imply (corpus README): complete needs, for the main training, the
    hardware type and either chip count with time or chip-hours, or else the total FLOP; partial
    needs any own-compute detail, or parameters with training tokens."""
    stated = [f for f in facts if not f.get("optional")]
    main = {f["type"] for f in stated if f["role"] in MAIN_ROLES}
    if "flop" in main or ("hardware" in main and (
            "chip_hours" in main or {"chip_count", "duration"} <= main)):
        return "complete"
    own = {f["type"] for f in stated if f["role"] in OWN_ROLES}
    if own & RUN_DETAILS or {"params", "tokens"} <= main:
        return "partial"
    return "missing"


def rule_errors(case: Case, catalogue: Any = None) -> list[str]:
    """What the schema cannot check: the verdict follows from the facts, the main report's figures
    are main-training facts, and a hardware name the catalogue does not know says so in the note."""
    problems = []
    derived = derived_verdict(case["facts"])
    if derived != case["verdict"]:
        problems.append(f"verdict {case['verdict']} but the facts imply {derived}")
    main = case.get("main_report")
    if main is not None:
        for key, value in main.items():
            if value is None:
                continue
            if not any(f["type"] == REPORT_TO_FACT[key] and f["role"] in MAIN_ROLES
                       and _same_value(f["value"], value) for f in case["facts"]):
                problems.append(f"main_report {key}={value} is no main-training fact")
    if catalogue is not None:
        for fact in case["facts"]:
            if fact["type"] == "hardware" and not known_hardware(str(fact["value"]), catalogue) \
                    and "not in the catalogue" not in case.get("note", ""):
                problems.append(f"hardware {fact['value']!r} is not in the catalogue and the note "
                                "does not say so")
    return problems


def known_hardware(name: str, catalogue: Any) -> bool:
    """Whether the catalogue resolves the name (a chip, a system, or a CPU by model)."""
    from benchmarks.accuracy.claims_eval import _CPU_NAME

    return (name in GENERIC_HARDWARE or catalogue.lookup(name) is not None
            or catalogue.lookup_system(name) is not None or bool(_CPU_NAME.search(name)))


def _same_value(a: Any, b: Any) -> bool:
    if isinstance(a, str) or isinstance(b, str):
        return str(a) == str(b)
    return abs(float(a) - float(b)) <= 0.01 * abs(float(b))


def read_cases(path: Path) -> list[Case]:
    """The cases of one JSONL file, schema-checked (raises CaseError naming the file and line)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise CaseError(f"{path}: cannot read: {error.strerror}") from None
    cases = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except json.JSONDecodeError as error:
            raise CaseError(f"{path}:{number}: not JSON: {error.msg}") from None
        errors = schema_errors(case)
        if errors:
            raise CaseError(f"{path}:{number}: {errors[0]}")
        cases.append(case)
    return cases


def read_source(folder: Path = SOURCE) -> list[Case]:
    """Every case as written (one file per class), in file and line order."""
    files = sorted(folder.glob("*.jsonl"))
    if not files:
        raise CaseError(f"{folder}: no .jsonl case files")
    cases = [case for path in files for case in read_cases(path)]
    duplicate = _first_duplicate(c["id"] for c in cases)
    if duplicate:
        raise CaseError(f"{folder}: id {duplicate} is used twice")
    return cases


def _first_duplicate(ids: Iterable[str]) -> str | None:
    seen: set[str] = set()
    for id_ in ids:
        if id_ in seen:
            return id_
        seen.add(id_)
    return None


def dumps(cases: Sequence[Case]) -> str:
    """JSONL text, one case a line, keys in a fixed order, so rewriting a file changes nothing."""
    order = ("id", "class", "near_miss", "verdict", "text", "facts", "main_report", "note")
    lines = [json.dumps({k: c[k] for k in order if k in c}, ensure_ascii=False) for c in cases]
    return "".join(line + "\n" for line in lines)
