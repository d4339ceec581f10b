"""User-facing failures: one exception type per kind; the CLI makes each one line and exit 2."""

from __future__ import annotations


class PaperlintError(Exception):
    """Base class of every error paperlint reports to a user (never with a traceback)."""

    def __init__(self, message: str, *, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(PaperlintError):
    """The input could not be read: missing, unreadable, binary, too large, malformed, encrypted."""


class IncludeCycleError(InputError):
    """A LaTeX file includes itself through a chain of \\input/\\include."""


class ConfigError(PaperlintError):
    """A configuration file or option is invalid (unknown key, wrong type)."""


class RuleFileError(PaperlintError):
    """A declarative rule file in rules/ does not match its JSON Schema."""


class UnknownHardwareError(PaperlintError):
    """A hardware name that the catalogue does not know (the message lists the closest names)."""
