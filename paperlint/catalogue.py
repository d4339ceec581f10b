"""The hardware catalogue: chip ids, the names papers use for them, dense peak FLOP/s and sources.

The facts live in ``paperlint/data/hardware.toml`` (validated against
``paperlint/schemas/hardware.schema.json`` when loaded); this module only loads, indexes and looks
them up. Names are matched after normalisation (case, spaces, hyphens, underscores and vendor words
do not matter), so "NVIDIA A100 SXM4 80 GB", "Tesla V100-SXM2-32GB" and "TPUv4" all resolve.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from paperlint.errors import ConfigError, PaperlintError, RuleFileError
from paperlint.resources import data_path, schema_path

PRECISIONS = ("fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "fp4")
SIXTEEN_BIT = ("bf16", "fp16")
COUNT_UNITS = ("chip", "core", "board")


@dataclass(frozen=True)
class HardwareEntry:
    """One chip (or, for multi-GPU boards such as the K80, the unit papers count)."""

    id: str
    name: str
    vendor: str
    kind: str  # "gpu" | "tpu" | "accelerator" | "cpu"
    family: str
    aliases: tuple[str, ...]
    peak_flop_per_s: Mapping[str, float]  # dense only, per counted unit (see count_unit)
    default_precision: str | None
    cores_per_chip: int = 1
    chips_per_board: int = 1
    ambiguous: str | None = None
    source: str = "unverified"
    tensor_cores: bool = False
    count_unit: str = "chip"  # "board" where papers (and Epoch) count boards: "60 K80s"
    peak_sources: Mapping[str, str] = field(default_factory=dict)  # per-precision overrides
    # Bare spellings ("Titan X") that resolve to this entry but can also denote other chips, and
    # the ids of every chip they can denote (this one included). PL204 compares their peaks; the
    # free-text ``ambiguous`` note stays for humans.
    ambiguous_names: tuple[str, ...] = ()
    variants: tuple[str, ...] = ()

    def peak(self, precision: str | None) -> tuple[float, str] | None:
        """Dense peak FLOP/s for ``precision`` and the precision actually used, or None if unknown.

        Follows Epoch's convention: no precision stated -> the entry's default (16-bit tensor for
        tensor-core GPUs and TPUs, FP32 for older GPUs); "mixed" -> 16-bit tensor where there is
        one; a 16-bit format the chip lacks (BF16 on a V100) -> the other 16-bit format; TF32 on a
        chip without it -> FP32; a format the chip lacks altogether -> the default. The caller
        compares the returned precision with the requested one to say a fallback happened.
        """
        table = self.peak_flop_per_s
        if not table:
            return None
        wanted = normalise_precision(precision)
        candidates: list[str] = []
        if wanted == "mixed":
            if self.tensor_cores or self.kind == "tpu" or self.default_precision in SIXTEEN_BIT:
                candidates += [
                    p for p in (self.default_precision, *SIXTEEN_BIT) if p in SIXTEEN_BIT
                ]
        elif wanted is not None:
            candidates.append(wanted)
            if wanted in SIXTEEN_BIT:
                candidates += [p for p in SIXTEEN_BIT if p != wanted]
            elif wanted == "tf32":
                candidates.append("fp32")
        if self.default_precision:
            candidates.append(self.default_precision)
        candidates += [p for p in PRECISIONS if p != "int8"]
        for candidate in candidates:
            if candidate and candidate in table:
                return table[candidate], candidate
        return None

    def peak_source(self, precision: str) -> str:
        """Where the peak for ``precision`` comes from (the entry's source unless overridden)."""
        return self.peak_sources.get(precision, self.source)


@dataclass(frozen=True)
class SystemEntry:
    """A named system or cloud instance that implies both the hardware and how many chips."""

    id: str
    name: str
    aliases: tuple[str, ...]
    hardware: str  # a HardwareEntry id
    chips: int
    source: str = "unverified"
    count_unit: str = "chip"


_PRECISION_NAMES = {
    "fp64": "fp64", "float64": "fp64", "double": "fp64", "doubleprecision": "fp64",
    "fp32": "fp32", "float32": "fp32", "single": "fp32", "singleprecision": "fp32",
    "fullprecision": "fp32", "float": "fp32",
    "tf32": "tf32", "tensorfloat32": "tf32",
    "fp16": "fp16", "float16": "fp16", "half": "fp16", "halfprecision": "fp16",
    "bf16": "bf16", "bfloat16": "bf16", "bfloat": "bf16",
    "fp8": "fp8", "float8": "fp8", "e4m3": "fp8", "e5m2": "fp8",
    "int8": "int8", "fp4": "fp4", "nvfp4": "fp4", "mxfp4": "fp4",
    "mixed": "mixed", "mixedprecision": "mixed", "amp": "mixed", "automaticmixedprecision": "mixed",
}  # fmt: skip


def normalise_precision(precision: str | None) -> str | None:
    """Map "BF16", "bfloat16", "mixed precision" to "bf16", "bf16", "mixed"; None stays None."""
    if precision is None or not precision.strip():
        return None
    key = re.sub(r"[\s_\-]+", "", precision.lower())
    if key not in _PRECISION_NAMES:
        raise ValueError(
            f"unknown precision {precision!r} (use one of {', '.join(PRECISIONS)}, mixed)"
        )
    return _PRECISION_NAMES[key]


# Words that do not distinguish chips: dropped at the second matching level so that
# "NVIDIA Tesla V100" finds "V100". Memory sizes and the word GPU are dropped at the third.
_VENDOR_WORDS = (
    "nvidia", "tesla", "geforce", "quadro", "google", "cloud", "amd", "instinct", "intel",
    "habana", "aws", "amazon", "huawei", "graphcore", "cerebras", "apple", "tensorcore",
)  # fmt: skip
_VENDOR = re.compile(r"\b(?:" + "|".join(_VENDOR_WORDS) + r")\b")
_MEMORY = re.compile(r"\d+\s*(?:gb|gib|g)\b(?:\s*(?:hbm\d?e?|gddr\d*x?))?", re.IGNORECASE)
_NOISE = re.compile(r"[\s\-_/(),®™]+")


def _strict_key(name: str) -> str:
    return _NOISE.sub("", name.lower())


@functools.lru_cache(maxsize=4096)
def _keys(name: str) -> tuple[str, str, str]:
    """Progressively looser matching keys for a name: exact, without vendors, without sizes."""
    strict = _strict_key(name)
    lowered = _VENDOR.sub(" ", name.lower())
    no_vendor = _strict_key(lowered)
    bare = _strict_key(
        re.sub(r"\b(?:gpus?|chips?|accelerators?)\b", " ", _MEMORY.sub(" ", lowered))
    )
    return strict, no_vendor or strict, bare or no_vendor or strict


# Cloud TPU slice names count TensorCores for v2/v3/v4/v5p and chips for v5e/v6e, which the entry's
# cores_per_chip captures: "v3-512" is 256 chips, "v5litepod-16" is 16.
_TPU_SLICE = re.compile(
    r"^(?:google\s+)?(?:cloud\s+)?(?:tpu[\s\-]*)?(v[2-7][a-z]*|v5litepod)[\s\-]+(\d+)"
    r"(?:\s*(?:pod|slice|pod slice))?$",
    re.IGNORECASE,
)


class Catalogue:
    """The loaded catalogue with its lookup indexes (built once per Catalogue)."""

    def __init__(self, entries: Iterable[HardwareEntry], systems: Iterable[SystemEntry]) -> None:
        self.entries: tuple[HardwareEntry, ...] = tuple(entries)
        self.systems: tuple[SystemEntry, ...] = tuple(systems)
        self._by_id = {entry.id: entry for entry in self.entries}
        self._index = _build_index(
            (entry.id, (entry.name, *entry.aliases)) for entry in self.entries
        )
        self._system_by_id = {system.id: system for system in self.systems}
        self._system_index = _build_index(
            (system.id, (system.name, *system.aliases)) for system in self.systems
        )

    def get(self, id: str) -> HardwareEntry:
        """The entry with this id (KeyError if there is none)."""
        return self._by_id[id]

    def lookup(self, name: str) -> HardwareEntry | None:
        """The entry a hardware name denotes, or None. Case, spacing, hyphens and vendor words
        ("NVIDIA", "Tesla", "Google Cloud") and memory sizes ("80 GB") do not matter."""
        if name in self._by_id:
            return self._by_id[name]
        found = _find(self._index, name)
        return self._by_id[found] if found else None

    def lookup_system(self, name: str) -> SystemEntry | None:
        """A named system ("p4d.24xlarge", "DGX A100") or a Cloud TPU slice ("v3-512")."""
        found = _find(self._system_index, name)
        if found:
            return self._system_by_id[found]
        match = _TPU_SLICE.match(name.strip())
        if not match:
            return None
        version, size = match.group(1).lower(), int(match.group(2))
        entry = self.lookup("TPU " + ("v5e" if version == "v5litepod" else version))
        if entry is None or entry.kind != "tpu":
            return None
        return SystemEntry(
            id=f"{entry.id}-{size}",
            name=f"{entry.name} slice {version}-{size}",
            aliases=(name,),
            hardware=entry.id,
            chips=max(1, size // entry.cores_per_chip),
            source="derived: Cloud TPU slice names count cores (cores_per_chip)",
        )

    def closest(self, name: str, n: int = 5) -> list[str]:
        """Display names of the entries whose names or aliases look most like ``name``."""
        spellings: dict[str, str] = {}
        for entry in self.entries:
            for alias in (entry.name, *entry.aliases):
                spellings.setdefault(_strict_key(alias), entry.name)
        matches = difflib.get_close_matches(_strict_key(name), list(spellings), n=n * 4, cutoff=0.4)
        names: list[str] = []
        for match in matches:
            if spellings[match] not in names:
                names.append(spellings[match])
        return names[:n]

    def all_aliases(self) -> list[tuple[str, str]]:
        """Every (spelling, entry id), display names included, for building text matchers."""
        pairs = [
            (alias, entry.id) for entry in self.entries for alias in (entry.name, *entry.aliases)
        ]
        return sorted(set(pairs), key=lambda pair: (-len(pair[0]), pair[0].lower()))


def _build_index(named: Iterable[tuple[str, Sequence[str]]]) -> list[dict[str, str]]:
    """One dict per matching level; a looser key claimed by two ids is dropped as ambiguous."""
    levels: list[dict[str, str | None]] = [{}, {}, {}]
    for id_, names in named:
        for name in names:
            for level, key in zip(levels, _keys(name), strict=True):
                if key in level and level[key] != id_:
                    level[key] = None  # two entries claim it: matching it would be a guess
                else:
                    level[key] = id_
    return [{k: v for k, v in level.items() if v is not None} for level in levels]


def _find(index: list[dict[str, str]], name: str) -> str | None:
    for level, key in zip(index, _keys(name), strict=True):
        if key in level:
            return level[key]
    return None


# ---------------------------------------------------------------------------------------------
# Loading and validation


@functools.cache
def _schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(schema_path("hardware.schema.json").read_text("utf-8"))
    return schema


def _inline_refs(node: Any, defs: Mapping[str, Any]) -> Any:
    """Replace local ``#/$defs/...`` references by their targets: jsonschema resolves each $ref
    on every visit, which made validating the ~100-entry catalogue take a large part of a second."""
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/"):
        target = _inline_refs(defs[ref.removeprefix("#/$defs/")], defs)
        return {**target, **{k: _inline_refs(v, defs) for k, v in node.items() if k != "$ref"}}
    return {k: _inline_refs(v, defs) for k, v in node.items() if k != "$defs"}


@functools.cache
def _flat_schema(definition: str | None = None) -> dict[str, Any]:
    """The schema (or one of its $defs) with references inlined, built once per process."""
    schema = _schema()
    root = schema if definition is None else schema["$defs"][definition]
    flat: dict[str, Any] = _inline_refs(root, schema["$defs"])
    flat["$schema"] = schema["$schema"]
    return flat


def validate_catalogue_data(data: Any, shown: str) -> None:
    """Raise RuleFileError naming ``shown`` and the field when ``data`` breaks the schema."""
    _validate(data, _flat_schema(), shown, RuleFileError)


def _validate(
    data: Any, schema: Mapping[str, Any], shown: str, error_type: type[PaperlintError]
) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        raise error_type(f"invalid field {where}: {error.message}", path=shown)


def _entry(raw: Mapping[str, Any]) -> HardwareEntry:
    peaks = {k: float(v) for k, v in raw.get("peak_flop_per_s", {}).items()}
    default = raw.get("default_precision")
    if default is None and peaks:
        tensor = raw.get("tensor_cores", False) or raw["kind"] == "tpu"
        order = (*SIXTEEN_BIT, "fp32") if tensor else ("fp32", *SIXTEEN_BIT)
        default = next((p for p in (*order, *PRECISIONS) if p in peaks), None)
    return HardwareEntry(
        id=raw["id"],
        name=raw["name"],
        vendor=raw.get("vendor", "unknown"),
        kind=raw.get("kind", "accelerator"),
        family=raw.get("family", raw["id"]),
        aliases=tuple(raw.get("aliases", ())),
        peak_flop_per_s=peaks,
        default_precision=default,
        cores_per_chip=int(raw.get("cores_per_chip", 1)),
        chips_per_board=int(raw.get("chips_per_board", 1)),
        ambiguous=raw.get("ambiguous"),
        source=raw.get("source", "unverified"),
        tensor_cores=bool(raw.get("tensor_cores", False)),
        count_unit=raw.get("count_unit", "chip"),
        peak_sources=dict(raw.get("peak_sources", {})),
        ambiguous_names=tuple(raw.get("ambiguous_names", ())),
        variants=tuple(raw.get("variants", ())),
    )


def _system(raw: Mapping[str, Any]) -> SystemEntry:
    return SystemEntry(
        id=raw["id"],
        name=raw.get("name", raw["id"]),
        aliases=tuple(raw.get("aliases", ())),
        hardware=raw["hardware"],
        chips=int(raw["chips"]),
        source=raw.get("source", "unverified"),
        count_unit=raw.get("count_unit", "chip"),
    )


def _check_consistency(
    entries: Sequence[HardwareEntry],
    systems: Sequence[SystemEntry],
    shown: str,
    error: type[PaperlintError] = RuleFileError,
) -> None:
    """What a JSON Schema cannot say: unique ids, one entry per spelling, systems that resolve."""
    ids: set[str] = set()
    for position, entry in enumerate(entries):
        if entry.id in ids:
            raise error(
                f"invalid field hardware/{position}/id: duplicate id {entry.id!r}", path=shown
            )
        ids.add(entry.id)
        if entry.default_precision and entry.default_precision not in entry.peak_flop_per_s:
            raise error(
                f"invalid field hardware/{position}/default_precision: "
                f"{entry.default_precision!r} has no peak_flop_per_s value",
                path=shown,
            )
    owner: dict[str, str] = {}
    for position, entry in enumerate(entries):
        for alias in (entry.name, *entry.aliases):
            key = _strict_key(alias)
            if owner.setdefault(key, entry.id) != entry.id:
                raise error(
                    f"invalid field hardware/{position}/aliases: {alias!r} also names "
                    f"{owner[key]!r}",
                    path=shown,
                )
    for position, entry in enumerate(entries):
        if entry.variants and entry.id not in entry.variants:
            raise error(f"invalid field hardware/{position}/variants: must include the entry's "
                        f"own id {entry.id!r}", path=shown)
        for variant in entry.variants:
            if variant not in ids:
                raise error(f"invalid field hardware/{position}/variants: no hardware id "
                            f"{variant!r}", path=shown)
    for position, system in enumerate(systems):
        if system.hardware not in ids:
            raise error(
                f"invalid field system/{position}/hardware: no hardware id {system.hardware!r}",
                path=shown,
            )


def load_catalogue_file(path: Path) -> Catalogue:
    """Load and validate one catalogue TOML file (RuleFileError naming the file and the field)."""
    from paperlint.stamps import known_valid

    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        raise RuleFileError(
            f"cannot read the hardware catalogue: {error.strerror}", path=shown
        ) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RuleFileError(f"not valid TOML: {error}", path=shown) from None
    if not known_valid("hardware.schema.json", text):
        validate_catalogue_data(data, shown)
    entries = [_entry(raw) for raw in data.get("hardware", [])]
    systems = [_system(raw) for raw in data.get("system", [])]
    _check_consistency(entries, systems, shown)
    return _check_ambiguous_names(Catalogue(entries, systems), shown, RuleFileError)


def _check_ambiguous_names(
    catalogue: Catalogue, shown: str, error: type[PaperlintError]
) -> Catalogue:
    """An entry's ambiguous names must resolve to that entry: PL204 reads them from the entry a
    paper's name was resolved to, so a name that lands elsewhere would never be noticed."""
    for position, entry in enumerate(catalogue.entries):
        for name in entry.ambiguous_names:
            found = catalogue.lookup(name)
            if found is None or found.id != entry.id:
                raise error(
                    f"invalid field hardware/{position}/ambiguous_names: {name!r} resolves to "
                    f"{found.id if found else 'nothing'!r}, not {entry.id!r}",
                    path=shown,
                )
    return catalogue


@functools.cache
def _builtin() -> Catalogue:
    return load_catalogue_file(data_path("hardware.toml"))


def _slug(name: str) -> str:
    return "user-" + (re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "hardware")


def _extra_entry(raw: Mapping[str, Any]) -> HardwareEntry:
    data = dict(raw)
    data.setdefault("id", _slug(str(data["name"])))
    data.setdefault("vendor", "user")
    data.setdefault("kind", "accelerator")
    data.setdefault("source", "user configuration")
    return _entry(data)


@functools.cache
def _merged(extra_json: str) -> Catalogue:
    extra: list[Mapping[str, Any]] = json.loads(extra_json)
    shown = "configuration option hardware"
    _validate(extra, _flat_schema("user_config"), shown, ConfigError)
    added = [_extra_entry(raw) for raw in extra]
    base = _builtin()
    # A user's entry wins over a built-in one with the same id or spelling: they know their
    # hardware better than our table does.
    claimed = {_strict_key(a) for entry in added for a in (entry.name, *entry.aliases)}
    replaced = {entry.id for entry in added}
    kept = []
    for entry in base.entries:
        if entry.id in replaced:
            continue
        aliases = tuple(a for a in entry.aliases if _strict_key(a) not in claimed)
        kept.append(entry if aliases == entry.aliases else _replace_aliases(entry, aliases))
    entries = [*kept, *added]
    systems = [s for s in base.systems if s.hardware in {e.id for e in entries}]
    _check_consistency(entries, systems, shown, ConfigError)
    return _check_ambiguous_names(Catalogue(entries, systems), shown, ConfigError)


def _replace_aliases(entry: HardwareEntry, aliases: tuple[str, ...]) -> HardwareEntry:
    from dataclasses import replace

    # A spelling the user took over is no longer this entry's, ambiguous or not.
    keys = {_strict_key(alias) for alias in (entry.name, *aliases)}
    names = tuple(name for name in entry.ambiguous_names if _strict_key(name) in keys)
    return replace(
        entry, aliases=aliases, ambiguous_names=names, variants=entry.variants if names else ()
    )


def load_catalogue(
    extra: Sequence[Mapping[str, Any]] = (), *, path: Path | None = None
) -> Catalogue:
    """The built-in catalogue (loaded once per process), with ``extra`` user entries merged in.

    ``extra`` items are dicts with ``name``, ``aliases`` and ``peak_flop_per_s`` (and optionally any
    other catalogue field); bad ones raise ConfigError. ``path`` loads another catalogue file
    instead of the built-in one (for tests and experiments; not cached)."""
    if path is not None:
        return load_catalogue_file(path)
    if not extra:
        return _builtin()
    try:
        key = json.dumps([dict(item) for item in extra], sort_keys=True)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"hardware entries must be tables of plain values ({error})") from None
    return _merged(key)
