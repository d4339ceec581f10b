"""The hardware catalogue's types: chip ids, the names papers use for them, dense peak FLOP/s.

A leaf module: it imports nothing of paperlint's but the errors, so the loader
(``paperlint.catalogue_load``) and every user can import it at the top. The facts live in
``paperlint/data/hardware.toml``; ``paperlint.catalogue`` is the public face (these types and
``load_catalogue``). Names are matched after
normalisation (case, spaces, hyphens, underscores and vendor words do not matter), so
"NVIDIA A100 SXM4 80 GB", "Tesla V100-SXM2-32GB" and "TPUv4" all resolve.
"""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    pass

PRECISIONS = ("fp64", "fp32", "tf32", "fp16", "bf16", "fp8", "int8", "fp4")
SIXTEEN_BIT = ("bf16", "fp16")
COUNT_UNITS = ("chip", "core", "board")


_DECIMAL = re.compile(r"^\d+\.\d+$")  # "2.4" (GHz): a clock, no part number

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


@dataclass(frozen=True)
class Counted:
    """What "N of NAME" comes to, NAME a chip or a system (``paperlint estimate --hardware NAME
    --count N``): a system's name counts systems, as "4 DGX A100" does in a paper (the extractor
    reads it as 32 chips), unless the count's unit is given."""

    entry: HardwareEntry  # the chip
    system: SystemEntry | None  # the system NAME names, if it names one
    count: float | None  # the count in ``count_unit``s (None: none given for a chip)
    count_unit: str | None
    systems: float | None = None  # the count as given, when it counted systems


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


@dataclass(frozen=True)
class Vocabulary:
    """The words of hardware names that name no chip (hardware.toml ``[vocabulary]``): makers,
    product lines, packages, memory. Lookups ignore them, the hardware-mention grammar reads them
    between a count and a chip, PL204 compares names without them."""

    vendors: tuple[str, ...] = ()
    brands: tuple[str, ...] = ()
    form_factors: tuple[str, ...] = ()
    memory_units: tuple[str, ...] = ()
    memory_types: tuple[str, ...] = ()
    lookup_nouns: tuple[str, ...] = ()
    cpu_model_words: tuple[str, ...] = ()  # "Gold" in "Xeon Gold 6248": a model, not a chip
    cpu_model_stops: tuple[str, ...] = ()  # "20-core", "2.45 GHz": after a number, no model

    @functools.cached_property
    def cpu_stops(self) -> frozenset[str]:
        """``cpu_model_stops`` lowercased, read once."""
        return frozenset(word.lower() for word in self.cpu_model_stops)

    @functools.cached_property
    def _cpu_tiers(self) -> frozenset[str]:
        return frozenset(word.lower() for word in self.cpu_model_words)

    def is_cpu_model_part(self, word: str) -> bool:
        """A word of a CPU's model after its family: a part number ("E5-2680", "v3", "7763")
        or a tier ("Gold"). A clock ("2.4") is none."""
        if word.lower() in self._cpu_tiers:
            return True
        return any(c.isdigit() for c in word) and not _DECIMAL.match(word)

    @functools.cached_property
    def makers(self) -> frozenset[str]:
        """Vendor and brand words, lowercased: a name's words before the model."""
        return frozenset(word.lower() for word in (*self.vendors, *self.brands))

    @functools.cached_property
    def memory(self) -> re.Pattern[str]:
        """A memory size, maybe with its type: "80 GB", "80GB HBM3", "24G"."""
        units = "|".join(re.escape(u.lower()) for u in sorted(self.memory_units, key=len,
                                                                reverse=True)) or "gb"
        kinds = "|".join(re.escape(t.lower()) for t in sorted(self.memory_types, key=len,
                                                                reverse=True)) or "hbm"
        return re.compile(rf"\d+\s*(?:{units})\b(?:\s*(?:{kinds}))?", re.IGNORECASE)

    @functools.cached_property
    def _makers_pattern(self) -> re.Pattern[str]:
        words = sorted((re.escape(w.lower()) for w in (*self.vendors, *self.brands)), key=len,
                       reverse=True)
        return re.compile(r"\b(?:" + ("|".join(words) or "(?!)") + r")\b")

    @functools.cached_property
    def _nouns_pattern(self) -> re.Pattern[str]:
        words = sorted((re.escape(w.lower()) for w in self.lookup_nouns), key=len, reverse=True)
        return re.compile(r"\b(?:" + ("|".join(words) or "(?!)") + r")\b")

    def keys(self, name: str) -> tuple[str, str, str]:
        """Progressively looser matching keys for a name: exact, without makers, without memory
        sizes and generic nouns."""
        return _keys(self, name)


@functools.lru_cache(maxsize=8192)
def _keys(vocabulary: Vocabulary, name: str) -> tuple[str, str, str]:
    strict = _strict_key(name)
    lowered = vocabulary._makers_pattern.sub(" ", name.lower())
    no_vendor = _strict_key(lowered)
    bare = _strict_key(vocabulary._nouns_pattern.sub(" ", vocabulary.memory.sub(" ", lowered)))
    return strict, no_vendor or strict, bare or no_vendor or strict


_NOISE = re.compile(r"[\s\-_/(),®™]+")


def _strict_key(name: str) -> str:
    return _NOISE.sub("", name.lower())


# Cloud TPU slice names count TensorCores for v2/v3/v4/v5p and chips for v5e/v6e, which the entry's
# cores_per_chip captures: "v3-512" is 256 chips, "v5litepod-16" is 16.
_SLICE_NAME = r"(?:google\s+)?(?:cloud\s+)?(?:tpu[\s\-]*)?(v[2-7][a-z]*|v5litepod)[\s\-]+([1-9]\d*)"
_TPU_SLICE = re.compile(rf"^{_SLICE_NAME}(?:\s*(?:pod|slice|pod slice))?$", re.IGNORECASE)
# The same name inside a text, as a whole word ("DeepSeek-V2-0506" is a model's name and version).
_TPU_SLICE_IN = re.compile(rf"(?<![\w-]){_SLICE_NAME}(?![\w-])", re.IGNORECASE)


class Catalogue:
    """The loaded catalogue with its lookup indexes (built once per Catalogue)."""

    def __init__(self, entries: Iterable[HardwareEntry], systems: Iterable[SystemEntry],
                 vocabulary: Vocabulary | None = None) -> None:
        self.entries: tuple[HardwareEntry, ...] = tuple(entries)
        self.systems: tuple[SystemEntry, ...] = tuple(systems)
        self.vocabulary = vocabulary if vocabulary is not None else Vocabulary()
        self._by_id = {entry.id: entry for entry in self.entries}
        self._index = _build_index(
            self.vocabulary, ((entry.id, (entry.name, *entry.aliases)) for entry in self.entries)
        )
        self._system_by_id = {system.id: system for system in self.systems}
        self._system_index = _build_index(
            self.vocabulary,
            ((system.id, (system.name, *system.aliases)) for system in self.systems),
        )

    def get(self, id: str) -> HardwareEntry:
        """The entry with this id (KeyError if there is none)."""
        return self._by_id[id]

    def lookup(self, name: str) -> HardwareEntry | None:
        """The entry a hardware name denotes, or None. Case, spacing, hyphens and vendor words
        ("NVIDIA", "Tesla", "Google Cloud") and memory sizes ("80 GB") do not matter."""
        if name in self._by_id:
            return self._by_id[name]
        found = _find(self.vocabulary, self._index, name)
        if found is None:
            return self._cpu_model(name)
        return self._by_id[found]

    def _cpu_model(self, name: str) -> HardwareEntry | None:
        """ "Intel Xeon E5-2680 v4", "AMD EPYC 7763": a CPU family the catalogue lists, then
        the words of one model of it (``Vocabulary.is_cpu_model_part``)."""
        words = name.replace("-", " ").split()  # "Core i9-13900K": "Core i9", then "13900K"
        while len(words) > 1 and self.vocabulary.is_cpu_model_part(words[-1]):
            words.pop()
            found = _find(self.vocabulary, self._index, " ".join(words))
            if found is not None:
                entry = self._by_id[found]
                return entry if entry.kind == "cpu" else None
        return None

    def lookup_system(self, name: str) -> SystemEntry | None:
        """A named system ("p4d.24xlarge", "DGX A100") or a Cloud TPU slice ("v3-512")."""
        found = _find(self.vocabulary, self._system_index, name)
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

    def find_slice(self, text: str, start: int, end: int, *, limit: int | None = None
                   ) -> tuple[int, int, SystemEntry] | None:
        """The first Cloud TPU slice name (``lookup_system``'s) that starts in ``text[start:end]``
        and ends by ``limit`` (default ``end``): its span and the slice it resolves to."""
        for match in _TPU_SLICE_IN.finditer(text, start, limit if limit is not None else end):
            if match.start() >= end:
                break
            system = self.lookup_system(match.group(0))
            if system is not None:
                return match.start(), match.end(), system
        return None

    def counted(self, name: str, count: float | None, count_unit: str | None) -> Counted | None:
        """``count`` of ``name`` in chips (or the unit given); None when ``name`` is unknown.

        A system with no count is one system; a count without a unit counts systems."""
        entry = self.lookup(name)
        if entry is not None:
            return Counted(entry, None, count, count_unit)
        system = self.lookup_system(name)
        if system is None:
            return None
        chip = self.get(system.hardware)
        if count is None:
            return Counted(chip, system, system.chips, count_unit or system.count_unit)
        if count_unit is None:
            return Counted(chip, system, count * system.chips, system.count_unit, systems=count)
        return Counted(chip, system, count, count_unit)

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


def _build_index(vocabulary: Vocabulary, named: Iterable[tuple[str, Sequence[str]]]
                 ) -> list[dict[str, str]]:
    """One dict per matching level; a looser key claimed by two ids is dropped as ambiguous."""
    levels: list[dict[str, str | None]] = [{}, {}, {}]
    for id_, names in named:
        for name in names:
            for level, key in zip(levels, vocabulary.keys(name), strict=True):
                if key in level and level[key] != id_:
                    level[key] = None  # two entries claim it: matching it would be a guess
                else:
                    level[key] = id_
    return [{k: v for k, v in level.items() if v is not None} for level in levels]


def _find(vocabulary: Vocabulary, index: list[dict[str, str]], name: str) -> str | None:
    for level, key in zip(index, vocabulary.keys(name), strict=True):
        if key in level:
            return level[key]
    return None
