"""The hardware catalogue: chip ids, the names papers use for them, dense peak FLOP/s and sources.

The public face of two modules: the types and lookups live in ``paperlint.catalogue_types`` (a
leaf), the reading and checking of ``paperlint/data/hardware.toml`` in ``paperlint.catalogue_load``
(which imports the types, never this module). Names are matched after normalisation (case,
spaces, hyphens, underscores and vendor words do not matter), so "NVIDIA A100 SXM4 80 GB",
"Tesla V100-SXM2-32GB" and "TPUv4" all resolve.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from paperlint.catalogue_load import builtin_catalogue, merged_catalogue
from paperlint.catalogue_load import load_catalogue_file as load_catalogue_file
from paperlint.catalogue_load import validate_catalogue_data as validate_catalogue_data
from paperlint.catalogue_types import COUNT_UNITS as COUNT_UNITS
from paperlint.catalogue_types import PRECISIONS as PRECISIONS
from paperlint.catalogue_types import SIXTEEN_BIT as SIXTEEN_BIT
from paperlint.catalogue_types import Catalogue as Catalogue
from paperlint.catalogue_types import Counted as Counted
from paperlint.catalogue_types import HardwareEntry as HardwareEntry
from paperlint.catalogue_types import SystemEntry as SystemEntry
from paperlint.catalogue_types import Vocabulary as Vocabulary
from paperlint.catalogue_types import _strict_key as _strict_key
from paperlint.catalogue_types import normalise_precision as normalise_precision
from paperlint.errors import ConfigError

if TYPE_CHECKING:
    from pathlib import Path


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
        return builtin_catalogue()
    try:
        key = json.dumps([dict(item) for item in extra], sort_keys=True)
    except (TypeError, ValueError) as error:
        raise ConfigError(f"hardware entries must be tables of plain values ({error})") from None
    return merged_catalogue(key)
