"""The options that change how a paper is checked, in a leaf module.

Readers, checks, the configuration, suppressions and the batch runner all take a
:class:`CheckOptions`; it lives here, below all of them, so none needs to import the pipeline
(``paperlint.api``, which re-exports it) or to hide the import inside a function. The profile
names live here too, as the option's vocabulary: the rule catalogue checks its rules against them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

PROFILE_NAMES = ("flop", "neurips", "acl", "aaai")


class ReadOptions(Protocol):
    """The options a reader reads (paperlint.readers): a CheckOptions is one, and so is any object
    with these four attributes, so a reader's signature says it needs no rule or profile option."""

    @property
    def pdf_backend(self) -> str: ...  # "pypdf" | "pdfium"
    @property
    def macros(self) -> Mapping[str, str]: ...  # macros defined outside the paper
    @property
    def given_dirs(self) -> tuple[str, ...]: ...  # where a child's `% !TEX root` is followed
    @property
    def overrides(self) -> Mapping[str, bytes]: ...  # resolved path -> text read instead


@dataclass(frozen=True)
class CheckOptions:
    """Everything that changes how a paper is checked. The CLI and config files fill this in."""

    profile: str = "flop"  # which norm the rules hold the paper to: flop | neurips | acl | aaai
    select: tuple[str, ...] = ()  # rule codes or prefixes to run (empty: the profile's defaults)
    ignore: tuple[str, ...] = ()  # rule codes or prefixes to skip
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    utilization: float | None = None  # override the estimator's default utilization
    use_suppressions: bool = True  # False: ignore every `% paperlint:` comment
    pdf_backend: str = "pypdf"
    macros: dict[str, str] = field(default_factory=dict)  # macros defined outside the paper
    hardware: tuple[dict[str, Any], ...] = ()  # extra catalogue entries from the config
    # A user's rule files (paths), merged after the shipped rules/ in this order: what the
    # configuration's `rules` key names, resolved against the configuration file's directory.
    rules: tuple[str, ...] = ()
    # Directories given on the command line (resolved): a child's `% !TEX root` is followed only
    # inside the one holding it (else inside its git repository, else its own directory).
    given_dirs: tuple[str, ...] = ()
    # LaTeX text read instead of a file on disk (resolved path -> bytes): standard input named
    # by --stdin-filename, as an editor sends an unsaved buffer.
    overrides: dict[str, bytes] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Library users write select="PL2" as they would --select PL2: a string is a
        # comma-separated list of codes, never a sequence of characters.
        for name in ("select", "ignore"):
            object.__setattr__(self, name, codes(getattr(self, name)))
        if self.profile.lower() not in PROFILE_NAMES:  # as get_profile, ignoring case
            raise ValueError(
                f"unknown profile {self.profile!r}; choose one of {', '.join(PROFILE_NAMES)}"
            )


def codes(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Rule selectors from "PL1,PL201", ("PL1", "PL201") or ["pl1, PL201"]: upper-case, stripped."""
    values = [value] if isinstance(value, str) else list(value)
    split = (code.strip().upper() for item in values for code in str(item).split(","))
    return tuple(code for code in split if code)
