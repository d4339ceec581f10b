"""The registry, profiles, select/ignore resolution, the docs pages and the rules/explain CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from paperlint.api import CheckOptions
from paperlint.checks import enabled_rules, run_checks, with_findings
from paperlint.checks.docs import default_dir, generated_pages, render_rule, stale_pages
from paperlint.checks.profiles import PROFILES, get_profile
from paperlint.cli import main
from paperlint.document import DocumentBuilder, ReaderProblem, SourceFile
from paperlint.errors import ConfigError
from paperlint.extract import Extraction
from paperlint.model import Location
from paperlint.rulebook import RULES, Rule, get_rule, is_enabled, matching_codes
from tests.checks.helpers import Paper, codes

REQUIRED = {
    "PL001": "missing-include", "PL002": "include-outside-project", "PL101": None,
    "PL102": None, "PL103": None, "PL104": None, "PL105": "missing-total-flop", "PL201": None,
    "PL202": None, "PL203": None, "PL204": None, "PL301": None, "PL302": None, "PL303": None,
    "PL304": None, "PL901": "unused-suppression",
}  # fmt: skip


def test_required_codes_are_registered_with_their_names() -> None:
    for code, name in REQUIRED.items():
        assert code in RULES
        if name:
            assert RULES[code].name == name


def test_every_rule_is_documented_and_in_some_profile() -> None:
    for rule in RULES.values():
        assert rule.summary and rule.what and rule.why and rule.example and rule.fix
        assert rule.profiles and rule.checklist
        assert "\n" not in rule.summary


def test_rule_rejects_bad_codes_and_names() -> None:
    with pytest.raises(ValueError):
        Rule("P105", "x", "info", "s", "w", "y", "e", "f", ("flop",))
    with pytest.raises(ValueError):
        Rule("PL105", "Missing_Total", "info", "s", "w", "y", "e", "f", ("flop",))
    with pytest.raises(ValueError):
        Rule("PL105", "x", "info", "s", "w", "y", "e", "f", ("iclr",))


def test_get_rule_by_code_or_name_and_unknown() -> None:
    assert get_rule("pl105") is RULES["PL105"]
    assert get_rule("missing-total-flop") is RULES["PL105"]
    with pytest.raises(ConfigError, match="unknown rule"):
        get_rule("PL777")


def test_selectors_codes_prefixes_names_all() -> None:
    assert matching_codes("PL10") == [c for c in RULES if c.startswith("PL10")]
    assert matching_codes("PL105") == ["PL105"]
    assert matching_codes("ambiguous-flops-unit") == ["PL201"]
    assert matching_codes("ALL") == list(RULES)
    assert matching_codes("XY") == []


def test_most_specific_selector_wins_and_ignore_wins_ties() -> None:
    assert not is_enabled("PL105", True, ("PL1",), ("PL105",))
    assert is_enabled("PL105", False, ("PL105",), ("PL1",))
    assert not is_enabled("PL105", True, ("PL1",), ("PL1",))
    assert is_enabled("PL301", False, ("ALL",), ())
    assert not is_enabled("PL301", True, ("PL1",), ())  # select replaces the profile's set
    assert is_enabled("PL301", True, (), ("PL2",))


def test_enabled_rules_by_profile() -> None:
    flop = enabled_rules(CheckOptions())
    assert "PL105" in flop and "PL106" not in flop and "PL107" not in flop
    assert {"PL106"} <= enabled_rules(CheckOptions(profile="neurips"))
    assert {"PL107"} <= enabled_rules(CheckOptions(profile="acl"))
    aaai = enabled_rules(CheckOptions(profile="aaai"))
    assert {"PL106", "PL108"} <= aaai and "PL105" not in aaai and "PL103" not in aaai
    assert "PL107" in enabled_rules(CheckOptions(select=("PL107",)))  # select overrides profile


def test_unknown_profile_and_selectors_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unknown profile"):
        get_profile("iclr")
    with pytest.raises(ValueError, match="unknown profile"):  # the options refuse it first
        CheckOptions(profile="iclr")
    with pytest.raises(ConfigError, match="select: 'PL77' matches no rule"):
        enabled_rules(CheckOptions(select=("PL77",)))
    with pytest.raises(ConfigError, match="ignore"):
        enabled_rules(CheckOptions(ignore=("nonsense",)))


def test_profiles_agree_with_rule_profiles() -> None:
    for name, profile in PROFILES.items():
        assert get_profile(name.upper()) is profile
        for code in profile.rules:
            assert name in RULES[code].profiles
    assert PROFILES["flop"].severity_of("PL105") == "warning"
    assert PROFILES["neurips"].severity_of("PL105") == "info"


def test_select_and_ignore_filter_findings() -> None:
    paper = Paper("The model was trained on 8 GPUs for 3 days. It used 3e20 FLOPS.")
    count = paper.claim("8", "chip_count", 8)
    time = paper.claim("3 days", "duration", 72.0)
    paper.report(count, time, chip_count=8, duration_hours=72.0)
    paper.claim("3e20 FLOPS", "flop", 3e20)
    assert {"PL102", "PL201"} <= set(codes(paper.check()))
    assert codes(paper.check(select=("PL2",))) == ["PL201"]
    assert "PL201" not in codes(paper.check(ignore=("PL20",)))
    # --select PL1 takes every PL1xx rule, even those no profile of flop's enables (PL106-108).
    assert codes(paper.check(select=("PL1",), ignore=("PL102",))) == ["PL106", "PL107", "PL108"]


def _document_with_problem(code: str) -> DocumentBuilder:
    builder = DocumentBuilder("main.tex", "latex")
    builder.add_source(SourceFile("main.tex", "\\input{missing}\n"))
    builder.append_verbatim("main.tex", 0, "\\input{missing}\n")
    problem = ReaderProblem(code, "cannot find missing.tex", Location("main.tex", 1, 1))
    builder.problems.append(problem)
    return builder


def test_reader_problems_become_findings_with_rule_names() -> None:
    document = _document_with_problem("PL001").build()
    result = run_checks(document, Extraction(), CheckOptions())
    [finding] = [f for f in result.findings if f.code == "PL001"]
    assert finding.name == "missing-include" and finding.severity == "warning"
    ignored = run_checks(document, Extraction(), CheckOptions(ignore=("PL0",)))
    assert "PL001" not in [f.code for f in ignored.findings]


def test_coverage_counts_statements_parsed_and_flagged() -> None:
    paper = Paper("We train on 8 GPUs for 3 days. The corpus has 2B tokens.")
    count = paper.claim("8", "chip_count", 8, sentence=0)
    time = paper.claim("3 days", "duration", 72.0, sentence=0)
    paper.claim("2B tokens", "tokens", 2e9, "unspecified", sentence=1)
    paper.report(count, time, chip_count=8, duration_hours=72.0)
    result = paper.check()
    assert (result.coverage.statements, result.coverage.parsed) == (2, 1)
    assert result.coverage.flagged == len(result.findings) > 0
    trimmed = with_findings(result, result.findings[:0])
    assert trimmed.coverage.flagged == 0 and trimmed.coverage.statements == 2


# -- docs and CLI ------------------------------------------------------------------------------

def test_committed_docs_pages_match_the_registry() -> None:
    directory = default_dir()
    if not directory.is_dir():
        pytest.skip("docs/rules is not shipped in this installation")
    assert stale_pages(directory) == [], "run: python -m paperlint.checks.docs"


def test_stale_pages_detects_drift(tmp_path: Path) -> None:
    for name, content in generated_pages().items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    assert stale_pages(tmp_path) == []
    (tmp_path / "PL105.md").write_text("old text", encoding="utf-8")
    (tmp_path / "PL999.md").write_text("retired?", encoding="utf-8")
    assert stale_pages(tmp_path) == ["PL105.md", "PL999.md"]


def test_every_page_has_example_fix_and_silencing() -> None:
    for code, rule in RULES.items():
        page = render_rule(rule)
        assert page.startswith(f"# {code} {rule.name}")
        assert rule.example in page and "## How to fix" in page
        assert f"disable-next-line={code}" in page


def test_cli_rules_lists_every_rule() -> None:
    result = CliRunner().invoke(main, ["rules"])
    assert result.exit_code == 0
    for code, rule in RULES.items():
        assert f"{code}  {rule.name}" in result.output


def test_cli_rules_json_and_profile() -> None:
    result = CliRunner().invoke(main, ["rules", "--format", "json"])
    data = json.loads(result.output)
    assert [item["code"] for item in data] == list(RULES)
    assert data[0].keys() >= {"code", "name", "severity", "profiles", "summary"}
    acl = CliRunner().invoke(main, ["rules", "--profile", "acl", "--format", "json"])
    assert "PL107" in [item["code"] for item in json.loads(acl.output)]
    assert "PL106" not in [item["code"] for item in json.loads(acl.output)]


def test_cli_explain_prints_the_page() -> None:
    result = CliRunner().invoke(main, ["explain", "PL105"])
    assert result.exit_code == 0
    assert result.output.strip() == render_rule(RULES["PL105"]).strip()


def test_cli_explain_unknown_code_exits_2_with_one_line() -> None:
    result = CliRunner().invoke(main, ["explain", "PL777"])
    assert result.exit_code == 2
    assert "unknown rule 'PL777'" in result.output
    assert "Traceback" not in result.output
