"""Configuration files: discovery, validation and the mapping onto :class:`CheckOptions`.

Two places, as ruff reads them: ``paperlint.toml`` (keys at the top level) or the
``[tool.paperlint]`` table of ``pyproject.toml``. The search walks up from the paper (the root
.tex file's directory, or the directory given) and stops at the first directory holding either;
in one directory ``paperlint.toml`` wins. A ``pyproject.toml`` without ``[tool.paperlint]`` does
not stop the search, because most Python projects have one for other tools.

Values are validated against ``paperlint/schemas/config.schema.json``; any problem is a
:class:`ConfigError` naming the key and the file, which the CLI turns into one line and exit 2.
Command-line flags override the file key by key.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint import paths
from paperlint.catalogue import load_catalogue
from paperlint.errors import ConfigError, PaperlintError, RuleFileError
from paperlint.extract.rules import load_rule_file
from paperlint.paths import exists
from paperlint.resources import schema_path
from paperlint.rulebook import validate_selectors

if TYPE_CHECKING:
    from paperlint.options import CheckOptions

CONFIG_FILES = ("paperlint.toml", "pyproject.toml")


@dataclass(frozen=True)
class Config:
    """The settings one configuration file holds; ``None`` or empty where the file is silent."""

    path: Path | None = None
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    profile: str | None = None
    fail_level: str | None = None
    utilization: float | None = None
    hardware: tuple[dict[str, Any], ...] = ()
    macros: dict[str, str] = field(default_factory=dict)
    rules: tuple[str, ...] = ()  # a user's rule files, resolved against the file's directory


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"invalid TOML: {error}", path=str(path)) from None
    except OSError as error:
        message = f"cannot read the configuration: {error.strerror}"
        raise ConfigError(message, path=str(path)) from None


def _section(path: Path, data: dict[str, Any]) -> dict[str, Any] | None:
    """The paperlint settings in a parsed file, or None when a pyproject.toml has none."""
    if path.name != "pyproject.toml":
        return data
    tool = data.get("tool")
    if not isinstance(tool, dict) or "paperlint" not in tool:
        return None
    section = tool["paperlint"]
    if not isinstance(section, dict):
        raise ConfigError("[tool.paperlint] must be a table", path=str(path))
    return section


def _has_settings(path: Path) -> bool:
    if path.name != "pyproject.toml":
        return True
    return _section(path, _read_toml(path)) is not None


def find_config(start: Path) -> Path | None:
    """The configuration file for a paper at ``start`` (a .tex file or a directory), if any."""
    here = start.resolve()
    if not paths.is_dir(here):
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            # A directory that cannot be searched, or a name too long: passed over, not a crash.
            if paths.is_file(candidate) and _has_settings(candidate):
                return candidate
    return None


def _key_of(error: Any) -> str:
    """``per-file-ignores."sections/*.tex"[0]`` style name of where a schema error is."""
    key = ""
    for part in error.absolute_path:
        key += f"[{part}]" if isinstance(part, int) else (f".{part}" if key else str(part))
    return key


def _describe(error: Any, section: Mapping[str, Any], properties: Iterable[str]) -> str:
    if error.validator == "additionalProperties" and not error.absolute_path:
        unknown = sorted(set(section) - set(properties))
        import difflib

        hints = []
        for key in unknown:
            close = difflib.get_close_matches(key, list(properties), n=1)
            hints.append(f"{key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
        return f"unknown key {', '.join(hints)}; known keys: {', '.join(sorted(properties))}"
    key = _key_of(error) or "(top level)"
    return f"invalid value for {key}: {error.message}"


def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path("config.schema.json").read_text("utf-8"))
    return schema


def validate_section(section: Mapping[str, Any], path: str) -> None:
    """Raise ConfigError (naming ``path`` and the first bad key) unless ``section`` is valid."""
    import jsonschema

    schema = _schema()
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(section), key=lambda e: (str(e.absolute_path), e.message))
    if errors:
        raise ConfigError(_describe(errors[0], section, schema["properties"]), path=path)
    _validate_codes(section, path)
    if section.get("hardware"):
        try:  # the catalogue's own schema checks the full entries (and clashes between them)
            load_catalogue(section["hardware"])
        except PaperlintError as error:
            raise ConfigError(f"invalid value for hardware: {error.message}", path=path) from None


def _validate_codes(section: Mapping[str, Any], path: str) -> None:
    groups: list[tuple[str, list[str]]] = [
        (key, list(section.get(key, []))) for key in ("select", "ignore")
    ]
    groups += [(f"per-file-ignores.{glob!r}", [c for c in codes if c.upper() != "ALL"])
               for glob, codes in section.get("per-file-ignores", {}).items()]
    for key, selectors in groups:
        try:
            validate_selectors(selectors, option=key)
        except ConfigError as error:
            raise ConfigError(f"invalid value for {error.message}", path=path) from None


def load_config(path: Path) -> Config:
    """Read and validate one configuration file (``--config``, or the one found)."""
    shown = str(path)
    if not paths.is_file(path):
        raise ConfigError("no such configuration file", path=shown)
    section = _section(path, _read_toml(path))
    if section is None:
        raise ConfigError("no [tool.paperlint] table in this pyproject.toml", path=shown)
    validate_section(section, shown)
    return Config(
        path=path,
        select=_tuple(section.get("select")),
        ignore=_tuple(section.get("ignore")),
        per_file_ignores={glob: tuple(codes) for glob, codes in
                          section.get("per-file-ignores", {}).items()},
        profile=section.get("profile"),
        fail_level=section.get("fail-level"),
        utilization=section.get("utilization"),
        hardware=tuple(dict(entry) for entry in section.get("hardware", [])),
        # The reader knows macros by bare name; accept `\name` as LaTeX authors write it.
        macros={name.lstrip("\\"): text for name, text in section.get("macros", {}).items()},
        rules=_rule_files(section.get("rules", []), path),
    )


def _rule_files(names: list[str], config: Path) -> tuple[str, ...]:
    """The configuration's rule files, resolved against its directory, each read and checked
    against the rules schema now: a bad one is one error naming it, before any paper is read."""
    resolved = []
    for index, name in enumerate(names):
        rule_file = (config.parent / Path(name).expanduser()).resolve()
        try:
            load_rule_file(rule_file)
        except RuleFileError as error:
            raise ConfigError(f"invalid value for rules[{index}]: {error}",
                              path=str(config)) from None
        resolved.append(str(rule_file))
    return tuple(resolved)


def _tuple(values: list[str] | None) -> tuple[str, ...] | None:
    return None if values is None else tuple(value.strip() for value in values)


def discover(paths: Iterable[str | Path], *, config_file: Path | None = None,
             isolated: bool = False, cwd: Path | None = None) -> Config:
    """The configuration that applies to a run: ``--config`` if given, none if ``--isolated``,
    else the file found from the first path (or, failing that, from the working directory)."""
    if isolated:
        return Config()
    if config_file is not None:
        return load_config(config_file)
    existing = [Path(p) for p in paths if exists(p)]
    starts = [*existing[:1], cwd or Path.cwd()]
    for start in starts:
        found = find_config(start)
        if found is not None:
            return load_config(found)
    return Config()


def merge(config: Config, *, options: CheckOptions, explicit: frozenset[str]) -> CheckOptions:
    """``options`` (from the command line) with every field the user did not set on it taken
    from ``config``. ``explicit`` names the CheckOptions fields the user set with a flag."""
    changes: dict[str, Any] = {}

    def take(name: str, value: object) -> None:
        if name not in explicit and value is not None:
            changes[name] = value

    take("profile", config.profile)
    take("select", config.select)
    take("ignore", config.ignore)
    take("utilization", config.utilization)
    if config.per_file_ignores:
        take("per_file_ignores", dict(config.per_file_ignores))
    if config.hardware:
        take("hardware", config.hardware)
    if config.macros:
        take("macros", dict(config.macros))
    if config.rules:
        take("rules", config.rules)
    return replace(options, **changes)
