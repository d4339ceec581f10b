"""Checks: the rules, the verdict, and the findings of one document.

Interface: ``run_checks(document, extraction, options) -> DocumentResult``. The rules and their
documentation are in :mod:`paperlint.rulebook`; profiles in :mod:`.profiles`; the verdict in
:mod:`.verdict`; one module per family of rules (missing, ambiguous, consistency).
"""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

from paperlint.catalogue import load_catalogue
from paperlint.checks.ambiguous import check_ambiguous
from paperlint.checks.consistency import check_consistency
from paperlint.checks.context import CheckContext
from paperlint.checks.missing import check_missing
from paperlint.checks.profiles import Profile, get_profile
from paperlint.checks.ranges import (
    Beyond,
    estimate_beyond,
    finite_estimate,
    finite_extraction,
    numerals_beyond_range,
)
from paperlint.checks.verdict import decide_verdict, with_main_run
from paperlint.document import Document
from paperlint.estimate import estimate_report
from paperlint.extract import Extraction
from paperlint.extract.engine import engine_for
from paperlint.model import ComputeReport, Coverage, DocumentResult, Finding, Location
from paperlint.rulebook import RULES, is_enabled, validate_selectors

if TYPE_CHECKING:
    from paperlint.catalogue import Catalogue
    from paperlint.extract.rule_types import Unit
    from paperlint.extract.rules import RuleSet
    from paperlint.options import CheckOptions

__all__ = ["enabled_rules", "run_checks", "with_findings"]


def enabled_rules(options: CheckOptions) -> frozenset[str]:
    """The codes that run under ``options``: the profile's rules, then select/ignore (ruff-style
    codes and prefixes). Unknown profiles or selectors raise ConfigError."""
    profile = get_profile(options.profile)
    validate_selectors(options.select, option="select")
    validate_selectors(options.ignore, option="ignore")
    return frozenset(
        code
        for code in RULES
        if is_enabled(code, code in profile.rules, options.select, options.ignore)
    )


def run_checks(document: Document, extraction: Extraction, options: CheckOptions,
               rules: RuleSet | None = None) -> DocumentResult:
    """Estimate each compute report, run every enabled rule, and decide the verdict. ``rules``
    are those the extraction was made with (default: the shipped ones and ``options.rules``)."""
    rules = rules or engine_for(options.rules, options.hardware).rules
    profile = get_profile(options.profile)
    enabled = enabled_rules(options)
    catalogue = load_catalogue(options.hardware)
    # Nothing beyond float range reaches a rule: such claims and estimates become PL006 findings.
    extraction, beyond = finite_extraction(extraction)
    reports = with_main_run(tuple(_estimated(r, options, catalogue, beyond)
                                  for r in extraction.compute_reports))
    ctx = CheckContext(document, extraction, reports, profile, enabled, catalogue, rules)

    findings = [*_reader_findings(document, profile, enabled)]
    if "PL006" in enabled:
        beyond = [*numerals_beyond_range(document, _unit_words(rules.units)), *beyond]
        findings += [Finding("PL006", RULES["PL006"].name, profile.severity_of("PL006"),
                             item.message, item.location) for item in beyond]
    findings += check_missing(ctx)
    findings += check_ambiguous(ctx)
    findings += check_consistency(ctx)
    # A finding is one line in every format: quoted source text may span lines, the message not.
    findings = [replace(f, message=" ".join(f.message.split())) for f in findings]
    rank = {file: i for i, file in enumerate(document.files)}
    findings.sort(key=lambda f: (rank.get(f.location.file, len(rank)), *_order(f)))
    return DocumentResult(
        path=document.path,
        format=document.format,
        files=document.files,
        verdict=decide_verdict(extraction),
        claims=extraction.claims,
        compute_reports=reports,
        findings=tuple(findings),
        coverage=Coverage(extraction.statements, _parsed(extraction), len(findings)),
    )


def with_findings(result: DocumentResult, findings: tuple[Finding, ...]) -> DocumentResult:
    """``result`` with its findings replaced (after suppressions), keeping coverage.flagged true."""
    coverage = replace(result.coverage, flagged=len(findings))
    return replace(result, findings=findings, coverage=coverage)


def _estimated(report: ComputeReport, options: CheckOptions, catalogue: Catalogue,
               beyond: list[Beyond]) -> ComputeReport:
    estimate = estimate_report(report, utilization=options.utilization, catalogue=catalogue)
    if not finite_estimate(estimate):
        beyond.append(estimate_beyond(report))
        return report
    return replace(report, estimate=estimate) if estimate is not None else report


def _reader_findings(
    document: Document, profile: Profile, enabled: frozenset[str]
) -> list[Finding]:
    findings = []
    for problem in document.problems:
        if problem.code in RULES and problem.code not in enabled:
            continue
        rule = RULES.get(problem.code)
        findings.append(
            Finding(
                problem.code,
                rule.name if rule else "reader-problem",
                profile.severity_of(problem.code) if rule else "warning",
                problem.message,
                problem.location,
            )
        )
    return findings


def _parsed(extraction: Extraction) -> int:
    """Statements turned into a compute report: distinct sentences of the reports' claims."""
    sentences: set[int] = set()
    loose = 0
    for report in extraction.compute_reports:
        for index in report.claims:
            if 0 <= index < len(extraction.claims) and extraction.claims[index].sentence >= 0:
                sentences.add(extraction.claims[index].sentence)
            else:
                loose += 1
    parsed = len(sentences) + loose
    if extraction.compute_reports and parsed == 0:
        parsed = len(extraction.compute_reports)  # reports without claim links: one each
    return min(parsed, extraction.statements) if extraction.statements else parsed


def _order(finding: Finding) -> tuple[str, int, int, str]:
    location: Location = finding.location
    return (location.file, location.line, location.column, finding.code)


@functools.cache
def _unit_words(units: tuple[Unit, ...]) -> frozenset[str]:
    """The first word of every unit name of the rules, lower-cased ("flop", "gpu-hours"). Not
    the nouns of a size that needs a suffix ("a 7B model"): a numeral beyond range has none, and
    "model" or "network" three words after a PDF's garbled axis ticks is no unit."""
    return frozenset(name.split()[0].lower() for unit in units if not unit.suffixed_only
                     for name in (*unit.names, *unit.attached))
