"""The hardware catalogue: data validity, alias resolution, precision selection, loading errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from paperlint.catalogue import (
    Catalogue,
    _strict_key,
    load_catalogue,
    normalise_precision,
)
from paperlint.errors import ConfigError, RuleFileError

CAT = load_catalogue()


# ------------------------------------------------------------------------------------- the data


def test_every_alias_resolves_to_its_own_entry() -> None:
    for entry in CAT.entries:
        for alias in (entry.name, *entry.aliases):
            found = CAT.lookup(alias)
            assert found is not None and found.id == entry.id, (alias, entry.id, found)


def test_no_spelling_names_two_entries() -> None:
    owners: dict[str, str] = {}
    for alias, id_ in CAT.all_aliases():
        assert owners.setdefault(_strict_key(alias), id_) == id_, alias


def test_all_aliases_lists_longest_first_for_matchers() -> None:
    pairs = CAT.all_aliases()
    assert ("A100-SXM4-80GB", "nvidia-a100") in pairs
    assert len(pairs[0][0]) >= len(pairs[-1][0])


def test_every_peak_has_a_source_and_is_dense_scale() -> None:
    for entry in CAT.entries:
        assert entry.source
        for precision, value in entry.peak_flop_per_s.items():
            # No single chip in the catalogue exceeds 20 PFLOP/s dense (the wafer-scale WSE-3 is
            # 15); a value above that would be a sparse or system figure, or a units slip.
            assert 1e11 <= value <= 2e16, (entry.id, precision, value)
            assert entry.peak_source(precision)


def test_systems_point_at_existing_hardware() -> None:
    for system in CAT.systems:
        assert CAT.get(system.hardware).id == system.hardware
        assert system.chips >= 1


def test_get_unknown_id_raises_key_error() -> None:
    with pytest.raises(KeyError):
        CAT.get("nvidia-a1000")


# ------------------------------------------------------------------------------------- lookup


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("NVIDIA A100 SXM4 80 GB", "nvidia-a100"),
        ("a100-pcie-40gb", "nvidia-a100"),
        ("Tesla V100-SXM2-32GB", "nvidia-v100-sxm2"),
        ("V100", "nvidia-v100-sxm2"),
        ("V100 PCIe", "nvidia-v100-pcie"),
        ("NVIDIA Tesla V100S", "nvidia-v100s"),
        ("TPUv4", "google-tpu-v4"),
        ("tpu-v3", "google-tpu-v3"),
        ("Google Cloud TPU v3", "google-tpu-v3"),
        ("MI250x", "amd-mi250x"),
        ("AMD Instinct MI250", "amd-mi250"),
        ("H100 SXM5 80GB", "nvidia-h100-sxm"),
        ("H100 PCIe", "nvidia-h100-pcie"),
        ("GeForce RTX 2080 Ti", "nvidia-rtx-2080-ti"),
        ("Tesla K80", "nvidia-k80"),
        ("Habana Gaudi2", "intel-gaudi2"),
        ("Intel Xeon", "cpu"),
        ("nvidia-a100", "nvidia-a100"),  # an id is accepted too
        # A TPU whose generation is not said: a TPU all the same, with no peak to assume.
        ("Cloud TPU", "google-tpu"), ("TPU Pod", "google-tpu"), ("TPU", "google-tpu"),
        ("3090Ti", "nvidia-rtx-3090-ti"),
    ],
)
def test_lookup_resolves_paper_spellings(name: str, expected: str) -> None:
    entry = CAT.lookup(name)
    assert entry is not None and entry.id == expected


@pytest.mark.parametrize("name", ["A1000", "GPU", "V1000", "RTX", "TPU v9", "", "8 GB"])
def test_lookup_near_misses_find_nothing(name: str) -> None:
    assert CAT.lookup(name) is None


def test_variants_are_not_confused() -> None:
    # Dropping vendor words and sizes must not merge distinct chips.
    assert CAT.lookup("A10").id == "nvidia-a10"  # type: ignore[union-attr]
    assert CAT.lookup("A100").id == "nvidia-a100"  # type: ignore[union-attr]
    assert CAT.lookup("L40").id == "nvidia-l40"  # type: ignore[union-attr]
    assert CAT.lookup("L40S").id == "nvidia-l40s"  # type: ignore[union-attr]


def test_every_dev_set_hardware_name_resolves(shared_dir: Path) -> None:
    path = shared_dir / "estimator" / "epoch-models-dev.csv"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    with path.open(newline="", encoding="utf-8") as handle:
        names = {row["training_hardware"] for row in csv.DictReader(handle)}
    assert names
    assert [name for name in names if CAT.lookup(name) is None] == []


def test_ambiguous_names_carry_a_note() -> None:
    assert CAT.lookup("Titan X").ambiguous  # type: ignore[union-attr]
    assert "SXM2" in (CAT.lookup("V100").ambiguous or "")  # type: ignore[union-attr]
    assert CAT.lookup("V100S").ambiguous is None  # type: ignore[union-attr]


def test_closest_suggests_similar_names() -> None:
    assert CAT.closest("A1000")[0] == "NVIDIA A100"
    assert any("TPU" in name for name in CAT.closest("TPU v9"))
    assert len(CAT.closest("H100", n=3)) <= 3


def test_systems_and_tpu_slices() -> None:
    p4d = CAT.lookup_system("p4d.24xlarge")
    assert p4d is not None and (p4d.hardware, p4d.chips) == ("nvidia-a100", 8)
    dgx2 = CAT.lookup_system("NVIDIA DGX-2")
    assert dgx2 is not None and dgx2.chips == 16
    # Slice names count cores: v3-512 is 256 chips, v4-1024 is 512, v5e and v6e count chips.
    for name, hardware, chips in [
        ("v3-512", "google-tpu-v3", 256),
        ("TPU v4-1024", "google-tpu-v4", 512),
        ("TPUv3-128", "google-tpu-v3", 64),
        ("v2-8", "google-tpu-v2", 4),
        ("v5litepod-16", "google-tpu-v5e", 16),
        ("v6e-256", "google-tpu-v6e", 256),
        ("v5p-128", "google-tpu-v5p", 64),
    ]:
        system = CAT.lookup_system(name)
        assert system is not None and (system.hardware, system.chips) == (hardware, chips), name
    assert CAT.lookup_system("A100") is None
    assert CAT.lookup_system("v3") is None
    assert CAT.lookup_system("ResNet-50") is None


# ------------------------------------------------------------------------------------- precision


def test_precision_selection_follows_epoch() -> None:
    a100, k80 = CAT.get("nvidia-a100"), CAT.get("nvidia-k80")
    v100, p100, tpu = (
        CAT.get("nvidia-v100-sxm2"),
        CAT.get("nvidia-p100-pcie"),
        CAT.get("google-tpu-v3"),
    )
    assert a100.peak(None) == (312e12, "bf16")  # tensor-core GPU: 16-bit tensor by default
    assert a100.peak("fp32") == (19.49e12, "fp32")
    assert a100.peak("TF32") == (156e12, "tf32")
    assert a100.peak("mixed precision") == (312e12, "bf16")
    assert k80.peak(None) == (8.126e12, "fp32")  # pre-Volta: FP32
    assert p100.peak("mixed") == (9.3e12, "fp32")  # no tensor cores: mixed does not mean 16-bit
    assert v100.peak("bf16") == (125e12, "fp16")  # Volta has no BF16: falls back, caller notes it
    assert v100.peak("tf32") == (15.67e12, "fp32")
    assert v100.peak("fp8") == (125e12, "fp16")  # not supported: the default
    assert tpu.peak("fp32") == (123e12, "bf16")
    assert CAT.get("cpu").peak(None) is None


def test_normalise_precision() -> None:
    assert normalise_precision("bfloat16") == "bf16"
    assert normalise_precision("Half precision") == "fp16"
    assert normalise_precision("AMP") == "mixed"
    assert normalise_precision(" ") is None
    with pytest.raises(ValueError, match="unknown precision"):
        normalise_precision("fp13")


def test_units_per_chip() -> None:
    assert CAT.get("google-tpu-v3").cores_per_chip == 2
    assert CAT.get("google-tpu-v2").chips_per_board == 4
    k80 = CAT.get("nvidia-k80")
    assert (k80.chips_per_board, k80.count_unit) == (2, "board")


# ------------------------------------------------------------------------------------- loading


_GOOD = """
[[hardware]]
id = "acme-x1"
name = "Acme X1"
vendor = "Acme"
kind = "accelerator"
family = "x"
aliases = ["X1"]
peak_flop_per_s = { bf16 = 100e12 }
source = "test"
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "hardware.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_loading_a_valid_file(tmp_path: Path) -> None:
    catalogue = load_catalogue(path=_write(tmp_path, _GOOD))
    assert isinstance(catalogue, Catalogue)
    assert catalogue.lookup("acme x1").peak(None) == (100e12, "bf16")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (_GOOD.replace('kind = "accelerator"', 'kind = "fpga"'), "hardware/0/kind"),
        (_GOOD.replace("bf16 = 100e12", "bf17 = 100e12"), "hardware/0/peak_flop_per_s"),
        (_GOOD.replace("bf16 = 100e12", "bf16 = -1.0"), "hardware/0/peak_flop_per_s/bf16"),
        (_GOOD.replace('source = "test"\n', ""), "hardware/0"),
        (_GOOD.replace('aliases = ["X1"]', 'aliases = "X1"'), "hardware/0/aliases"),
        (_GOOD + 'colour = "red"\n', "hardware/0"),
        (_GOOD + _GOOD, "hardware/1/id"),
        (_GOOD + _GOOD.replace('"acme-x1"', '"acme-x2"'), "hardware/1/aliases"),
        (
            _GOOD.replace("peak_flop_per_s", 'default_precision = "fp32"\npeak_flop_per_s'),
            "hardware/0/default_precision",
        ),
        (
            _GOOD + '[[system]]\nid = "s"\nname = "S"\naliases = []\nhardware = "nope"\nchips = 2\n'
            'source = "t"\n',
            "system/0/hardware",
        ),
    ],
)
def test_invalid_catalogue_names_file_and_field(tmp_path: Path, text: str, field: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_catalogue(path=path)
    message = str(caught.value)
    assert str(path) in message and field in message
    assert "\n" not in message


def test_malformed_toml_is_one_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "[[hardware]\nid = ")
    with pytest.raises(RuleFileError, match="not valid TOML") as caught:
        load_catalogue(path=path)
    assert str(path) in str(caught.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="cannot read"):
        load_catalogue(path=tmp_path / "absent.toml")


def test_builtin_catalogue_is_loaded_once() -> None:
    assert load_catalogue() is load_catalogue()


# ------------------------------------------------------------------------------------- user entries


def test_user_entries_merge_in() -> None:
    extra = [{"name": "Lab Chip 9", "aliases": ["LC9"], "peak_flop_per_s": {"bf16": 5e14}}]
    merged = load_catalogue(extra)
    entry = merged.lookup("LC9")
    assert entry is not None and entry.id == "user-lab-chip-9"
    assert entry.peak(None) == (5e14, "bf16") and entry.source == "user configuration"
    assert merged.lookup("A100") is not None  # built-ins stay
    assert load_catalogue() is not merged and load_catalogue().lookup("LC9") is None


def test_user_entry_overrides_a_builtin_spelling() -> None:
    extra = [{"name": "Our A100 build", "aliases": ["A100"], "peak_flop_per_s": {"bf16": 2e14}}]
    merged = load_catalogue(extra)
    assert merged.lookup("A100").id == "user-our-a100-build"  # type: ignore[union-attr]
    assert merged.lookup("A100 80GB").id == "nvidia-a100"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ([{"aliases": ["x"], "peak_flop_per_s": {"bf16": 1e14}}], "0"),
        ([{"name": "X", "peak_flop_per_s": {"bf16": "fast"}}], "0/peak_flop_per_s/bf16"),
        ([{"name": "X", "peak_flop_per_s": {}, "speed": 1}], "0"),
        (
            [
                {"name": "X", "aliases": ["LC9"], "peak_flop_per_s": {"bf16": 1e14}},
                {"name": "Y", "aliases": ["LC9"], "peak_flop_per_s": {"bf16": 1e14}},
            ],
            "hardware/[0-9]+/aliases",
        ),
    ],
)
def test_bad_user_entries_raise_config_error(extra: list[dict[str, object]], field: str) -> None:
    with pytest.raises(ConfigError, match=f"invalid field {field}"):
        load_catalogue(extra)


# ------------------------------------------------------------------------------------- variants


def test_ambiguous_names_resolve_to_their_entry_and_list_real_variants() -> None:
    entries = [entry for entry in CAT.entries if entry.variants]
    assert {entry.id for entry in entries} >= {"nvidia-titan-x-maxwell", "nvidia-v100-sxm2"}
    for entry in entries:
        assert entry.id in entry.variants
        for name in entry.ambiguous_names:
            assert CAT.lookup(name) is entry
        for variant in entry.variants:
            assert CAT.get(variant).family == entry.family or entry.id == "huawei-ascend-910"
    assert CAT.get("nvidia-titan-x-pascal").variants == ()  # "Titan X (Pascal)" is exact


_VARIANTS = """
[[hardware]]
id = "acme-x2"
name = "Acme X2"
vendor = "Acme"
kind = "accelerator"
family = "x"
aliases = ["X2"]
peak_flop_per_s = { bf16 = 200e12 }
source = "test"
"""


@pytest.mark.parametrize(
    ("extra", "field", "why"),
    [
        ('ambiguous_names = ["X1"]\n', "hardware/0", "variants"),
        ('variants = ["acme-x1", "acme-x2"]\n', "hardware/0", "ambiguous_names"),
        ('ambiguous_names = ["X1"]\nvariants = ["acme-x1", "acme-x9"]\n',
         "hardware/0/variants", "acme-x9"),
        ('ambiguous_names = ["X1"]\nvariants = ["acme-x2", "acme-x2b"]\n',
         "hardware/0/variants", "own id"),
        ('ambiguous_names = ["X2"]\nvariants = ["acme-x1", "acme-x2"]\n',
         "hardware/0/ambiguous_names", "resolves to 'acme-x2'"),
        ('ambiguous_names = ["X7"]\nvariants = ["acme-x1", "acme-x2"]\n',
         "hardware/0/ambiguous_names", "resolves to 'nothing'"),
    ],
)
def test_invalid_variants_name_the_field(
    tmp_path: Path, extra: str, field: str, why: str
) -> None:
    text = _GOOD.replace('source = "test"\n', extra + 'source = "test"\n', 1) + _VARIANTS
    path = _write(tmp_path, text)
    with pytest.raises(RuleFileError) as caught:
        load_catalogue(path=path)
    message = str(caught.value)
    assert f"invalid field {field}" in message and why in message and "\n" not in message


def test_valid_variants_load(tmp_path: Path) -> None:
    extra = 'ambiguous_names = ["X1"]\nvariants = ["acme-x1", "acme-x2"]\n'
    text = _GOOD.replace('source = "test"\n', extra + 'source = "test"\n', 1) + _VARIANTS
    entry = load_catalogue(path=_write(tmp_path, text)).get("acme-x1")
    assert (entry.ambiguous_names, entry.variants) == (("X1",), ("acme-x1", "acme-x2"))


def test_user_entry_taking_an_ambiguous_name_drops_it_from_the_builtin() -> None:
    extra = [{"name": "Our Titan X", "aliases": ["Titan X"], "peak_flop_per_s": {"fp32": 8e12}}]
    merged = load_catalogue(extra)
    assert merged.lookup("Titan X").id == "user-our-titan-x"  # type: ignore[union-attr]
    maxwell = merged.get("nvidia-titan-x-maxwell")
    assert (maxwell.ambiguous_names, maxwell.variants) == ((), ())
    user = [{"name": "Chip", "peak_flop_per_s": {"fp32": 1e12}, "variants": ["nvidia-t4"]}]
    with pytest.raises(ConfigError, match="ambiguous_names"):
        load_catalogue(user)


def test_counted_reads_a_systems_name_as_systems() -> None:
    # "4 DGX A100": four systems of eight chips, as the extractor reads it in a paper.
    four = CAT.counted("DGX A100", 4, None)
    assert four is not None and four.system is not None
    assert (four.entry.id, four.count, four.systems) == ("nvidia-a100", 32, 4)
    assert four.count_unit == "chip"
    one = CAT.counted("DGX A100", None, None)
    assert one is not None and (one.count, one.systems) == (8, None)
    explicit = CAT.counted("DGX A100", 4, "chip")  # the unit given: the count is of chips
    assert explicit is not None and (explicit.count, explicit.systems) == (4, None)


def test_counted_leaves_a_chips_count_alone_and_knows_no_unknown_name() -> None:
    chip = CAT.counted("A100", 8, None)
    assert chip is not None and chip.system is None and (chip.count, chip.count_unit) == (8, None)
    assert CAT.counted("no such accelerator", 8, None) is None
