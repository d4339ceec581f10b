"""Scoring paperlint on generalisation cases (pure: cases and result dicts in, figures out).

Per case (``score_case``): every extracted claim of a scored type is compared with the case's
facts by type and value (numbers within 1%; hardware through paperlint's catalogue, as
``benchmarks/accuracy/claims_eval.py`` does). The facts are exhaustive, so:
 - a fact (not optional, not a negative role) with a matching claim is a true positive, one
   without is a false negative;
 - a claim matching no positive fact is a false positive (a ``distractor`` or ``comment`` fact
   only documents why: matching one is still a false positive, counted in ``distractor_hits``);
 - a claim matching only optional facts (a range's lower end, a per-node count) is unjudged.
Role agreement: a found fact agrees when one of its matching claims has an accepted role
(``ACCEPTED_ROLES``; for ``training`` the mapping claims_eval uses).

``aggregate`` sums case scores into the figures of one split; it keeps case ids only in
``misses``, which the caller drops for the held split.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from benchmarks.accuracy.claims_eval import _same_hardware
from benchmarks.accuracy.metrics import Confusion, default_hardware_match
from benchmarks.generalisation.cases import (
    GENERIC_HARDWARE,
    NEGATIVE_ROLES,
    Case,
)

SCORED = ("hardware", "chip_count", "duration", "chip_hours", "flop", "params", "tokens",
          "precision")  # fmt: skip
TOLERANCE = 0.01
OWN_TRAINING = frozenset({"training", "fine-tuning", "unspecified"})  # claims_eval's mapping
ACCEPTED_ROLES: dict[str, frozenset[str]] = {
    "training": OWN_TRAINING, "fine-tuning": OWN_TRAINING,
    "data": OWN_TRAINING, "model-size": OWN_TRAINING,
    "inference": frozenset({"inference"}), "runtime": frozenset({"inference"}),
    "benchmark": frozenset({"inference"}), "data-processing": frozenset({"inference"}),
    "ablation": OWN_TRAINING | {"inference"},  # an own run: which run it is, main_report says
    "other-work": frozenset({"other-work"}), "related-work": frozenset({"other-work"}),
    "hypothetical": frozenset({"hypothetical"}), "specification": frozenset({"specification"}),
    "per-example": frozenset({"per-example"}), "acknowledgment": frozenset({"acknowledgment"}),
}  # fmt: skip
# On a case whose gold verdict is missing, these say a hardware, count or time is missing: the
# paper has nothing of its own to complete, so each is a false alarm (issue 14).
MISSING_DETAIL_CODES = ("PL102", "PL103", "PL104")
# Figures that are never the paper's own compute: a case holding only these must stay missing.
FOREIGN_ROLES = frozenset({"other-work", "related-work", "hypothetical", "specification",
                           "per-example", "acknowledgment"}) | NEGATIVE_ROLES
REPORT_FIELDS = ("hardware", "chip_count", "duration_hours", "chip_hours", "flop")


class Matcher:
    """Whether an extracted claim (or report field) says what a fact says."""

    def __init__(self, catalogue: Any) -> None:
        self.catalogue = catalogue

    def hardware(self, gold: str, found: str) -> bool:
        if gold in GENERIC_HARDWARE:  # "Cloud TPU": any chip of the family, or a generic id
            return default_hardware_match(gold, found)
        if _same_hardware(gold, found, self.catalogue):
            return True
        known = self.catalogue.lookup(gold) or self.catalogue.lookup_system(gold)
        return known is None and default_hardware_match(gold, found)

    def value(self, type_: str, gold: Any, found: Any) -> bool:
        if found is None:
            return False
        if type_ == "hardware":
            return self.hardware(str(gold), str(found))
        if type_ == "precision":
            return str(gold).lower() == str(found).lower()
        try:
            number = float(found)
        except (TypeError, ValueError):
            return False
        return abs(number - float(gold)) <= TOLERANCE * abs(float(gold))

    def claim(self, fact: Mapping[str, Any], claim: Mapping[str, Any]) -> bool:
        return claim.get("type") == fact["type"] and self.value(fact["type"], fact["value"],
                                                                claim.get("value"))


@dataclass
class CaseScore:
    """One case's comparison. ``misses`` are readable lines naming the case (dev only)."""

    id: str
    cls: str
    near_miss: bool
    verdict: str
    predicted: str | None
    counts: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: {"tp": 0, "fp": 0, "fn": 0, "unjudged": 0,
                                     "distractor_hits": 0} for t in SCORED})
    training_found: dict[str, list[int]] = field(default_factory=dict)  # type -> [found, total]
    roles: dict[str, list[int]] = field(default_factory=dict)  # gold role -> [agree, total]
    missing_detail_codes: tuple[str, ...] = ()
    foreign_only: bool = False
    main_report: dict[str, Any] | None = None  # {"agree": bool, "fields": {name: bool}}
    misses: list[str] = field(default_factory=list)

    @property
    def verdict_right(self) -> bool:
        return self.predicted == self.verdict


def score_case(case: Case, result: Mapping[str, Any], matcher: Matcher) -> CaseScore:
    """Compare paperlint's result dict (``DocumentResult.to_dict()``) with one case."""
    predicted = None if result.get("error") else result.get("verdict")
    score = CaseScore(case["id"], case["class"], bool(case["near_miss"]), case["verdict"],
                      predicted)
    where = case["id"]
    if result.get("error"):
        score.misses.append(f"{where}: ERROR {result['error']}")
    elif predicted != case["verdict"]:
        score.misses.append(f"{where}: verdict {case['verdict']} expected, {predicted} found")
    claims = [c for c in result.get("claims", []) if c.get("type") in SCORED]
    positive = [f for f in case["facts"] if f["role"] not in NEGATIVE_ROLES]
    negative = [f for f in case["facts"] if f["role"] in NEGATIVE_ROLES]
    for claim in claims:
        row = score.counts[claim["type"]]
        hits = [f for f in positive if matcher.claim(f, claim)]
        if not hits:
            row["fp"] += 1
            because = [f for f in negative if matcher.claim(f, claim)]
            row["distractor_hits"] += bool(because)
            score.misses.append(
                f"{where}: FP {claim['type']}={claim.get('value')} {claim.get('text')!r} "
                f"({claim.get('role')})" + (f" matches a {because[0]['role']} fact" if because
                                            else ""))
        elif all(f.get("optional") for f in hits):
            row["unjudged"] += 1
    for fact in positive:
        if fact.get("optional"):
            continue
        hits = [c for c in claims if matcher.claim(fact, c)]
        row = score.counts[fact["type"]]
        row["tp" if hits else "fn"] += 1
        if fact["role"] == "training":
            found = score.training_found.setdefault(fact["type"], [0, 0])
            found[0] += bool(hits)
            found[1] += 1
        if not hits:
            score.misses.append(f"{where}: FN {fact['type']}={fact['value']} ({fact['role']})")
            continue
        accepted = ACCEPTED_ROLES.get(fact["role"])
        if accepted is not None:
            agree = score.roles.setdefault(fact["role"], [0, 0])
            ok = any(c.get("role") in accepted for c in hits)
            agree[0] += ok
            agree[1] += 1
            if not ok:
                roles = sorted({str(c.get("role")) for c in hits})
                score.misses.append(f"{where}: role of {fact['type']}={fact['value']}: "
                                    f"{fact['role']} expected, {'/'.join(roles)} found")
    codes = {str(f.get("code")) for f in result.get("findings", [])}
    if case["verdict"] == "missing" and not result.get("error"):
        score.missing_detail_codes = tuple(sorted(codes & set(MISSING_DETAIL_CODES)))
        if score.missing_detail_codes:
            score.misses.append(f"{where}: {'/'.join(score.missing_detail_codes)} on a missing "
                                "case")
    facts = [f for f in case["facts"] if not f.get("optional")]
    score.foreign_only = bool(facts) and all(f["role"] in FOREIGN_ROLES for f in facts)
    if case.get("main_report") is not None and not result.get("error"):
        score.main_report = _main_report_agreement(case["main_report"], result, matcher)
        if not score.main_report["agree"]:
            score.misses.append(f"{where}: main report {case['main_report']} expected, "
                                f"{score.main_report['found']} found")
    return score


def predicted_main_report(result: Mapping[str, Any]) -> dict[str, Any] | None:
    """paperlint's main training report: the one it marks as main if it does (a ``main_report``
    of the result, or a report with ``main: true``), else the largest report of an own training
    role, by stated FLOP, then the estimate, then chip-hours or chips x hours."""
    marked = result.get("main_report")
    if isinstance(marked, Mapping):
        return dict(marked)
    reports = [dict(r) for r in result.get("compute_reports", []) if isinstance(r, Mapping)]
    if isinstance(marked, int) and 0 <= marked < len(reports):
        return dict(reports[marked])
    flagged = [r for r in reports if r.get("main") is True]
    if flagged:
        return dict(flagged[0])
    own = [r for r in reports if r.get("role") in OWN_TRAINING]
    if not own:
        return None
    return max(own, key=_size)


def _size(report: dict[str, Any]) -> tuple[float, float, int]:
    estimate = report.get("estimate") or {}
    flop = float(report.get("flop") or estimate.get("flop") or 0.0)
    chips, hours = report.get("chip_count"), report.get("duration_hours")
    chip_hours = float(report.get("chip_hours") or (chips * hours if chips and hours else 0.0))
    filled = sum(report.get(k) is not None for k in REPORT_FIELDS)
    return flop, chip_hours, filled


def _main_report_agreement(expected: Mapping[str, Any], result: Mapping[str, Any],
                           matcher: Matcher) -> dict[str, Any]:
    found = predicted_main_report(result) or {}
    fields = {}
    for key in REPORT_FIELDS:
        want, got = expected.get(key), found.get(key)
        if want is None:
            fields[key] = got is None
        else:
            fields[key] = matcher.value("hardware" if key == "hardware" else "number", want, got)
    return {"agree": all(fields.values()), "fields": fields,
            "found": {k: found.get(k) for k in REPORT_FIELDS}}


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 4) if b else None


def aggregate(scores: Sequence[CaseScore]) -> dict[str, Any]:
    """The figures of one split: verdicts, training facts, claims per type, roles, findings on
    missing cases, main reports, per class and near-miss/positive. Misses are under ``misses``."""
    confusion = Confusion()
    for s in scores:
        confusion.add(s.verdict, s.predicted)
    per_type: dict[str, dict[str, Any]] = {}
    for type_ in SCORED:
        row: dict[str, Any] = {k: sum(s.counts[type_][k] for s in scores)
                               for k in ("tp", "fp", "fn", "unjudged", "distractor_hits")}
        row["precision"] = _ratio(row["tp"], row["tp"] + row["fp"])
        row["recall"] = _ratio(row["tp"], row["tp"] + row["fn"])
        per_type[type_] = row
    tp, fp, fn = (sum(per_type[t][k] for t in SCORED) for k in ("tp", "fp", "fn"))
    missing = [s for s in scores if s.verdict == "missing" and s.predicted is not None]
    foreign = [s for s in scores if s.foreign_only]
    mains = [s for s in scores if s.main_report is not None]
    return {
        "cases": len(scores),
        "verdicts": confusion.to_dict(),
        "training_facts": _facts(scores),
        "per_type": per_type,
        "claims_all_types": {"tp": tp, "fp": fp, "fn": fn, "precision": _ratio(tp, tp + fp),
                             "recall": _ratio(tp, tp + fn)},
        "roles": _roles(scores),
        "missing_cases_without_PL102_PL104": {
            "cases": len(missing),
            "quiet": sum(not s.missing_detail_codes for s in missing),
            "share": _ratio(sum(not s.missing_detail_codes for s in missing), len(missing)),
        },
        "foreign_only_cases_missing": {
            "cases": len(foreign), "missing": sum(s.predicted == "missing" for s in foreign),
            "share": _ratio(sum(s.predicted == "missing" for s in foreign), len(foreign)),
        },
        "main_report": {
            "cases": len(mains),
            "agree": sum(bool(s.main_report and s.main_report["agree"]) for s in mains),
            "share": _ratio(sum(bool(s.main_report and s.main_report["agree"]) for s in mains),
                            len(mains)),
            "per_field": {k: _ratio(sum(bool(s.main_report and s.main_report["fields"][k])
                                        for s in mains), len(mains))
                          for k in REPORT_FIELDS},
        },
        "per_class": {name: _group([s for s in scores if s.cls == name])
                      for name in sorted({s.cls for s in scores})},
        "near_miss": _group([s for s in scores if s.near_miss]),
        "positive": _group([s for s in scores if not s.near_miss]),
        "misses": [line for s in scores for line in s.misses],
    }


def _facts(scores: Iterable[CaseScore]) -> dict[str, Any]:
    per_type: dict[str, list[int]] = {}
    for s in scores:
        for type_, (found, total) in s.training_found.items():
            row = per_type.setdefault(type_, [0, 0])
            row[0] += found
            row[1] += total
    found = sum(r[0] for r in per_type.values())
    total = sum(r[1] for r in per_type.values())
    return {"found": found, "total": total, "recall": _ratio(found, total),
            "per_type": {t: {"found": r[0], "total": r[1], "recall": _ratio(r[0], r[1])}
                         for t, r in sorted(per_type.items())}}


def _roles(scores: Iterable[CaseScore]) -> dict[str, Any]:
    per_role: dict[str, list[int]] = {}
    for s in scores:
        for role, (agree, total) in s.roles.items():
            row = per_role.setdefault(role, [0, 0])
            row[0] += agree
            row[1] += total
    agree = sum(r[0] for r in per_role.values())
    total = sum(r[1] for r in per_role.values())
    training = per_role.get("training", [0, 0])
    return {"agree": agree, "total": total, "share": _ratio(agree, total),
            "training_share": _ratio(training[0], training[1]),
            "per_role": {r: {"agree": v[0], "total": v[1], "share": _ratio(v[0], v[1])}
                         for r, v in sorted(per_role.items())}}


def _group(scores: Sequence[CaseScore]) -> dict[str, Any]:
    facts = _facts(scores)
    fp = sum(s.counts[t]["fp"] for s in scores for t in SCORED)
    tp = sum(s.counts[t]["tp"] for s in scores for t in SCORED)
    return {"cases": len(scores), "verdict_right": sum(s.verdict_right for s in scores),
            "verdict_accuracy": _ratio(sum(s.verdict_right for s in scores), len(scores)),
            "training_facts": f"{facts['found']}/{facts['total']}",
            "training_recall": facts["recall"], "tp": tp, "fp": fp,
            "precision": _ratio(tp, tp + fp), "role_agreement": _roles(scores)["share"]}
