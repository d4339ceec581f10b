"""Profiles: which norm a paper is held to (``--profile``).

A profile is a venue's checklist (or paperlint's own FLOP norm): it enables a set of rules (each
rule lists its profiles in the registry, so the two never disagree), may change a rule's severity,
and says which of the paper's own runs the per-run rules look at.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from paperlint.errors import ConfigError
from paperlint.model import Severity
from paperlint.rulebook import PROFILE_NAMES, RULES


@dataclass(frozen=True)
class Profile:
    name: str
    title: str
    checklist: str  # the checklist item it encodes, in our own words
    severity: dict[str, Severity] = field(default_factory=dict)  # per-rule overrides
    # Roles of runs PL102-PL104 examine. NeurIPS asks about "each experiment", so its own
    # inference/evaluation runs count there; the others ask for the training budget.
    run_roles: tuple[str, ...] = ("training", "fine-tuning", "unspecified")

    @property
    def rules(self) -> tuple[str, ...]:
        return tuple(code for code, rule in RULES.items() if self.name in rule.profiles)

    def severity_of(self, code: str) -> Severity:
        return self.severity.get(code, RULES[code].severity)


PROFILES: dict[str, Profile] = {
    "flop": Profile(
        "flop",
        "Total training FLOP (paperlint's default)",
        "Every paper states the total FLOP of its own training, or enough (hardware, count, time) "
        "to recover it; a missing total where it could be estimated is a warning.",
    ),
    "neurips": Profile(
        "neurips",
        'NeurIPS paper checklist, item 8 "Experiments compute resources"',
        "For each experiment: the type of compute workers (CPU/GPU, cluster or cloud), memory, "
        "time of execution, the compute of each run and the total compute.",
        severity={"PL105": "info"},
        run_roles=("training", "fine-tuning", "inference", "unspecified"),
    ),
    "acl": Profile(
        "acl",
        "ARR Responsible NLP checklist, C1",
        "The number of parameters of the models used, the total computational budget (e.g. GPU "
        "hours) and the computing infrastructure.",
        severity={"PL105": "info"},
    ),
    "aaai": Profile(
        "aaai",
        "AAAI reproducibility checklist, computing infrastructure",
        "The computing infrastructure used for the experiments: GPU/CPU models, amount of memory, "
        "operating system, and names and versions of software libraries and frameworks.",
    ),
}
assert tuple(PROFILES) == PROFILE_NAMES


def get_profile(name: str) -> Profile:
    """The profile called ``name``; ConfigError (one line) for an unknown one."""
    profile = PROFILES.get(name.strip().lower())
    if profile is None:
        raise ConfigError(f"unknown profile {name!r} (choose from {', '.join(PROFILES)})")
    return profile
