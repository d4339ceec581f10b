"""The rule catalogue: every code with its documentation, in one place (ruff's lesson).

``paperlint rules``, ``paperlint explain CODE``, the pages in docs/rules/ and SARIF's
``tool.driver.rules`` are all generated from :data:`RULES`, so they cannot drift apart. Codes are
stable forever: a released code never changes meaning; a retired one stays listed.

The rule texts live in :mod:`paperlint.rulebook.texts` (prose is long); this module holds the
type, the lookup and the ruff-style code/prefix selection. It is reference data about results,
not a check: it sits below ``paperlint.checks`` and ``paperlint.report`` (SARIF's rule descriptors,
which suggestions are paste-ready), so a reporter reads it without importing the checks.
"""

from __future__ import annotations

from paperlint.errors import ConfigError
from paperlint.options import PROFILE_NAMES
from paperlint.rulebook.rule import FAMILIES, SILENCING, Rule
from paperlint.rulebook.texts import ALL_RULES

__all__ = ["FAMILIES", "PROFILE_NAMES", "RULES", "SILENCING", "Rule", "get_rule", "is_enabled"]

def _build() -> dict[str, Rule]:
    rules: dict[str, Rule] = {}
    names: set[str] = set()
    for rule in ALL_RULES:
        if rule.code in rules or rule.name in names:
            raise ValueError(f"duplicate rule {rule.code} {rule.name}")
        rules[rule.code] = rule
        names.add(rule.name)
    return dict(sorted(rules.items()))


RULES: dict[str, Rule] = _build()
_BY_NAME = {rule.name: rule for rule in RULES.values()}


def get_rule(code_or_name: str) -> Rule:
    """The rule with this code ("PL105", "pl105") or name ("missing-total-flop").

    Raises ConfigError (one clear line) for an unknown one, naming the closest known codes."""
    key = code_or_name.strip()
    rule = RULES.get(key.upper()) or _BY_NAME.get(key.lower())
    if rule is not None:
        return rule
    import difflib

    close = difflib.get_close_matches(key.upper(), list(RULES), n=3) or difflib.get_close_matches(
        key.lower(), list(_BY_NAME), n=3
    )
    hint = f" (did you mean {', '.join(close)}?)" if close else " (see `paperlint rules`)"
    raise ConfigError(f"unknown rule {code_or_name!r}{hint}")


def matching_codes(selector: str) -> list[str]:
    """The codes a selector names: a code, a prefix ("PL1", "PL10"), a rule name, or "ALL"."""
    key = selector.strip()
    if key.upper() == "ALL":
        return list(RULES)
    if key.lower() in _BY_NAME:
        return [_BY_NAME[key.lower()].code]
    return [code for code in RULES if code.startswith(key.upper())] if key else []


def validate_selectors(selectors: tuple[str, ...] | list[str], *, option: str) -> None:
    """Raise ConfigError for a selector that names no rule, as ruff does for a typo'd code."""
    for selector in selectors:
        if not matching_codes(selector):
            raise ConfigError(f"{option}: {selector!r} matches no rule (see `paperlint rules`)")


def _specificity(selector: str, code: str) -> int:
    """How specifically ``selector`` names ``code``: -1 no match; longer prefixes rank higher."""
    key = selector.strip()
    if key.upper() == "ALL":
        return 0
    if key.lower() in _BY_NAME:
        return 10 if _BY_NAME[key.lower()].code == code else -1
    return len(key) if key and code.startswith(key.upper()) else -1


def is_enabled(
    code: str, default: bool, select: tuple[str, ...], ignore: tuple[str, ...]
) -> bool:
    """ruff's resolution: the most specific selector wins; on a tie, ignore wins.

    ``default`` (the profile's choice) applies only when ``select`` is empty; a non-empty
    ``select`` replaces the profile's set, as ``--select`` does in ruff."""
    best_select = max((_specificity(s, code) for s in select), default=-1)
    best_ignore = max((_specificity(s, code) for s in ignore), default=-1)
    if best_ignore >= 0 and best_ignore >= best_select:
        return False
    if best_select >= 0:
        return True
    return default and not select
