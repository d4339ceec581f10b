"""Render rule documentation: ``paperlint explain CODE`` and the pages in docs/rules/.

One source (the registry), two outputs, never drifting: ``python -m paperlint.checks.docs``
rewrites docs/rules/ and ``--check`` exits 1 when the committed pages differ (the tests run it).
"""

from __future__ import annotations

import sys
from pathlib import Path

from paperlint.checks.profiles import PROFILES
from paperlint.rulebook import FAMILIES, RULES, Rule

_IMPLEMENTED_BY = {
    "readers": "Raised by the readers while reading the input (a reader problem).",
    "suppressions": "Raised after the checks, by the suppression pass (paperlint/suppress.py).",
    "checks": "",
}

_FIXABLE = {
    "safe": "safe (applied by `paperlint check --fix`)",
    "unsafe": "unsafe (applied by `paperlint check --fix --unsafe-fixes`)",
    "sometimes-safe": "safe or unsafe, depending on the finding (see Automatic fix)",
}


def render_rule(rule: Rule) -> str:
    """The Markdown documentation of one rule (also what ``paperlint explain`` prints)."""
    severities = {
        name: profile.severity_of(rule.code)
        for name, profile in PROFILES.items()
        if name in rule.profiles
    }
    profile_line = ", ".join(f"`{name}` ({severity})" for name, severity in severities.items())
    lines = [
        f"# {rule.code} {rule.name}",
        "",
        rule.summary,
        "",
        f"- Default severity: {rule.severity}",
        f"- Profiles: {profile_line or 'none (enable with --select)'}",
        f"- Family: {rule.code[:3]}xx, {rule.family}",
    ]
    if rule.fixable:
        lines.append(f"- Fix: {_FIXABLE[rule.fixable]}")
    if _IMPLEMENTED_BY[rule.implemented_by]:
        lines.append(f"- {_IMPLEMENTED_BY[rule.implemented_by]}")
    lines += ["", "## What it catches", "", rule.what, "", "## Why", "", rule.why]
    if rule.checklist:
        lines += ["", "Serves:", ""] + [f"- {item}" for item in rule.checklist]
    lines += ["", "## Example", "", "```latex", rule.example, "```", "", "## How to fix", ""]
    lines += [rule.fix, ""]
    if rule.autofix:
        lines += ["## Automatic fix", "", rule.autofix, ""]
    lines += ["## Silencing", "", rule.silencing, ""]
    return "\n".join(lines)


def render_index() -> str:
    """docs/rules/index.md: every rule in a table, grouped by family, with the profiles."""
    lines = [
        "# paperlint rules",
        "",
        "Generated from `paperlint/rulebook/texts.py` by `python -m paperlint.checks.docs`;",
        "do not edit by hand. `paperlint rules` prints the same list; `paperlint explain CODE`",
        "prints one page. Codes never change meaning once released.",
        "",
    ]
    for prefix, family in FAMILIES.items():
        rules = [rule for code, rule in RULES.items() if code.startswith(prefix)]
        if not rules:
            continue
        lines += [f"## {prefix}xx: {family}", "",
                  "| code | name | severity | profiles | fix | summary |"]
        lines.append("|---|---|---|---|---|---|")
        for rule in rules:
            summary = rule.summary.replace("|", "\\|")  # a pipe would split the table cell
            lines.append(
                f"| [{rule.code}]({rule.code}.md) | {rule.name} | {rule.severity} | "
                f"{', '.join(rule.profiles)} | {rule.fixable or '-'} | {summary} |"
            )
        lines.append("")
    return "\n".join(lines)


def generated_pages() -> dict[str, str]:
    """File name -> content of every page in docs/rules/."""
    pages = {f"{code}.md": render_rule(rule) for code, rule in RULES.items()}
    pages["index.md"] = render_index()
    return pages


def default_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "docs" / "rules"


def write_pages(directory: Path) -> list[str]:
    """Write every page; returns the names of files that changed."""
    directory.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, content in generated_pages().items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
            changed.append(name)
    return changed


def stale_pages(directory: Path) -> list[str]:
    """Pages missing or different from the registry, plus pages for codes that do not exist."""
    pages = generated_pages()
    stale = [
        name
        for name, content in pages.items()
        if not (directory / name).exists()
        or (directory / name).read_text(encoding="utf-8") != content
    ]
    if directory.is_dir():
        stale += sorted(p.name for p in directory.glob("*.md") if p.name not in pages)
    return stale


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = default_dir()
    if "--check" in args:
        stale = stale_pages(directory)
        for name in stale:
            print(f"docs/rules/{name} is out of date (run python -m paperlint.checks.docs)")
        return 1 if stale else 0
    for name in write_pages(directory):
        print(f"wrote docs/rules/{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
