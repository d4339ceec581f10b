"""The Rule type: one rule and its documentation (the catalogue is in registry.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperlint.model import Severity
from paperlint.options import PROFILE_NAMES

FAMILIES = {
    "PL0": "input problems found while reading",
    "PL1": "missing or partial compute report",
    "PL2": "ambiguous units and names",
    "PL3": "inconsistent figures (recomputed and compared)",
    "PL9": "paperlint's own housekeeping",
}

SILENCING = (
    "Silence one finding with a comment on the line before it, "
    "`% paperlint: disable-next-line={code}`, or at the end of its line, "
    "`% paperlint: ignore={code}`; a whole file with `% paperlint: disable-file={code}`. "
    "Silence the rule for a project with `ignore = [\"{code}\"]` (or `per-file-ignores`) in "
    "paperlint.toml or under `[tool.paperlint]` in pyproject.toml, or on the command line with "
    "`--ignore {code}`. A suppression that silences nothing is itself reported (PL901)."
)

FIXABLE = ("", "safe", "unsafe", "sometimes-safe")
_CODE = re.compile(r"^PL\d{3}$")
_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Rule:
    """One rule and its documentation. ``example`` is LaTeX that makes the rule fire."""

    code: str  # "PL105": stable forever
    name: str  # "missing-total-flop": kebab-case
    severity: Severity  # default; a profile may lower or raise it (see profiles.py)
    summary: str  # one line
    what: str  # what it catches
    why: str  # which checklist item or method it serves
    example: str  # LaTeX that fires
    fix: str  # how to fix it
    profiles: tuple[str, ...]  # profiles that enable it
    checklist: tuple[str, ...] = ()  # checklist items (or methods) it serves
    implemented_by: str = "checks"  # "checks" | "readers" | "suppressions"
    # "paper": the finding is about the paper as a whole (nothing stated anywhere), placed where
    # the statement belongs; "line": about the text where it points. --diff-base keeps a paper's
    # paper-wide findings whenever its files changed (docs/integrations.md).
    scope: str = "line"
    # The suggestion is text to paste into the paper as it is (PL105's sentence), not advice:
    # reporters show it as code so that it copies verbatim.
    paste_ready: bool = False
    # What `paperlint check --fix` does for it (ruff's applicability): "" nothing, "safe" (applied
    # by --fix), "unsafe" (only with --unsafe-fixes), "sometimes-safe" (``autofix`` says when).
    fixable: str = ""
    autofix: str = ""  # how the automatic fix works, for `paperlint explain` and the docs page

    def __post_init__(self) -> None:
        # Catch a malformed catalogue at import time, not when a user asks for the rule.
        if not _CODE.match(self.code):
            raise ValueError(f"bad rule code {self.code!r}")
        if not _NAME.match(self.name):
            raise ValueError(f"rule name {self.name!r} is not kebab-case")
        if self.scope not in ("line", "paper"):
            raise ValueError(f"{self.code}: scope must be line or paper, not {self.scope!r}")
        if self.fixable not in FIXABLE or bool(self.fixable) != bool(self.autofix):
            raise ValueError(f"{self.code}: fixable must be one of {FIXABLE} and say how")
        unknown = set(self.profiles) - set(PROFILE_NAMES)
        if unknown:
            raise ValueError(f"{self.code}: unknown profiles {sorted(unknown)}")

    @property
    def family(self) -> str:
        return FAMILIES.get(self.code[:3], "")

    @property
    def silencing(self) -> str:
        return SILENCING.format(code=self.code)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "summary": self.summary,
            "what": self.what,
            "why": self.why,
            "example": self.example,
            "fix": self.fix,
            "profiles": list(self.profiles),
            "checklist": list(self.checklist),
            "family": self.family,
            "fixable": self.fixable or None,
        }
