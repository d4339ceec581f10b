"""``paperlint estimate``: text and JSON output, every input shown, errors as exit 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner, Result

from paperlint.cli import main


def _run(*args: str) -> Result:
    return CliRunner().invoke(main, ["estimate", *args])


def test_json_output_has_the_documented_keys() -> None:
    result = _run(
        "--hardware", "NVIDIA A100 SXM4 80 GB", "--count", "1024", "--hours", "793.5",
        "--precision", "bf16", "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {"flop", "low", "high", "method", "hardware", "peak_flop_per_s", "utilization",
            "inputs", "sentence"} <= set(data)  # fmt: skip
    # 1024 x 793.5 h x 3600 x 312e12 x 0.30 = 2.738e23
    assert data["flop"] == pytest.approx(1024 * 793.5 * 3600 * 312e12 * 0.30)
    assert data["low"] == pytest.approx(data["flop"] / 0.30 * 0.15)
    assert (data["hardware"], data["peak_flop_per_s"], data["utilization"]) == (
        "nvidia-a100",
        312e12,
        0.30,
    )
    assert data["inputs"]["chips"] == 1024 and data["inputs"]["hours"] == 793.5
    assert data["sentence"].startswith("Training used about 2.7×10^23 FLOP")


def test_text_output_shows_inputs_assumptions_and_sentence() -> None:
    result = _run("--hardware", "V100", "--count", "8", "--hours", "100", "--precision", "bf16")
    assert result.exit_code == 0, result.output
    out = result.stdout
    # 8 x 100 h x 3600 x 125e12 (FP16: Volta has no BF16) x 0.30 = 1.08e20
    assert "Estimate: 1.1e+20 FLOP (hardware-time)" in out
    assert "Range:    5.4e+19 .. 2.2e+20 FLOP" in out
    assert "125 TFLOP/s dense FP16" in out
    assert "peak source          EPOCH-CHIPS" in out
    assert "no BF16 peak" in out
    assert "30% (Epoch default (language)" in out
    assert out.rstrip().endswith("FLOP).")


def test_chip_hours_utilization_and_domain_options() -> None:
    result = _run(
        "--hardware", "TPU v3", "--chip-hours", "1000", "--utilization", "0.5",
        "--domain", "other", "--format", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["method"] == "chip-hours"
    assert data["flop"] == pytest.approx(1000 * 3600 * 123e12 * 0.5)


def test_cores_and_days() -> None:
    # 1024 TPU v3 cores = 512 chips; 2 days = 48 h.
    result = _run(
        "--hardware", "TPUv3", "--count", "1024", "--count-unit", "core", "--days", "2",
        "--format", "json",
    )  # fmt: skip
    data = json.loads(result.stdout)
    assert data["flop"] == pytest.approx(512 * 48 * 3600 * 123e12 * 0.30)


def test_system_names_imply_the_chip_count() -> None:
    result = _run("--hardware", "p4d.24xlarge", "--hours", "10", "--format", "json")
    data = json.loads(result.stdout)
    assert data["hardware"] == "nvidia-a100"
    assert data["flop"] == pytest.approx(8 * 10 * 3600 * 312e12 * 0.30)


def test_params_and_tokens_alone_and_with_hardware() -> None:
    alone = json.loads(_run("--params", "7e9", "--tokens", "1e12", "--format", "json").stdout)
    assert alone["method"] == "6ND" and alone["flop"] == pytest.approx(4.2e22)
    assert alone["hardware"] is None
    both = _run("--hardware", "A100", "--count", "64", "--hours", "288",
                "--params", "7e9", "--tokens", "1e12")  # fmt: skip
    assert both.exit_code == 0
    assert "geometric-mean" in both.stdout and "hardware / 6ND       0.15" in both.stdout


def test_unknown_hardware_is_one_line_with_suggestions() -> None:
    result = _run("--hardware", "A1000", "--count", "8", "--hours", "2")
    assert result.exit_code == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1
    assert "unknown hardware 'A1000'" in lines[0] and "NVIDIA A100" in lines[0]
    assert result.stdout == ""


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--hardware", "A100", "--count", "8"],
        ["--count", "8", "--hours", "2"],
        ["--params", "7e9"],
        ["--hardware", "A100", "--count", "8", "--hours", "2", "--days", "1"],
        ["--hardware", "A100", "--count", "-8", "--hours", "2"],
        ["--hardware", "A100", "--count", "8", "--hours", "2", "--precision", "fp13"],
        ["--hardware", "CPU", "--count", "8", "--hours", "2"],
        ["--hardware", "A100", "--count", "eight", "--hours", "2"],
    ],
)
def test_missing_or_bad_inputs_are_usage_errors(args: list[str]) -> None:
    result = _run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output


def test_peak_override_makes_cpu_estimable() -> None:
    result = _run("--hardware", "CPU", "--count", "2", "--hours", "10", "--peak", "3e12",
                  "--format", "json")  # fmt: skip
    assert result.exit_code == 0
    assert json.loads(result.stdout)["flop"] == pytest.approx(2 * 10 * 3600 * 3e12 * 0.30)


def test_latex_sentence() -> None:
    result = _run("--params", "7e9", "--tokens", "1e12", "--latex")
    assert "$4.2\\times10^{22}$~FLOP" in result.stdout


def test_help_does_not_import_spacy() -> None:
    code = (
        "import sys; from paperlint.cli import run\n"
        "try:\n    run(['estimate', '--help'])\nexcept SystemExit:\n    pass\n"
        "assert 'spacy' not in sys.modules, 'spacy imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "--chip-hours" in done.stdout


def test_docs_hardware_page_is_generated_from_the_catalogue() -> None:
    from pathlib import Path

    from paperlint.cli.hardware_page import catalogue_markdown

    page = Path(__file__).resolve().parent.parent / "docs" / "hardware.md"
    assert page.read_text(encoding="utf-8") == catalogue_markdown(), (
        "docs/hardware.md is stale: run `paperlint estimate --list-hardware > docs/hardware.md`"
    )
    assert "| nvidia-a100 | NVIDIA A100 |" in catalogue_markdown()


@pytest.mark.parametrize(
    ("params", "tokens"),
    [("7B", "1T"), ("7b", "1e12"), ("7 billion", "1 trillion"), ("7,000M", "1000B"),
     ("7e9", "1.0T"), ("7000000000", "1000000000000")],
)
def test_params_and_tokens_take_the_extractors_suffixes(params: str, tokens: str) -> None:
    result = _run("--params", params, "--tokens", tokens, "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["flop"] == pytest.approx(6 * 7e9 * 1e12)


def test_a_bad_amount_names_the_forms_accepted() -> None:
    result = _run("--params", "7X", "--tokens", "1T")
    assert result.exit_code == 2
    assert "'7X' is not a number" in result.stderr and "7B" in result.stderr
    assert "Traceback" not in result.output


def test_count_with_a_system_counts_systems_and_says_so() -> None:
    nodes = _run("--hardware", "DGX A100", "--count", "4", "--hours", "10", "--format", "json")
    assert nodes.exit_code == 0, nodes.output
    data = json.loads(nodes.stdout)
    assert data["flop"] == pytest.approx(4 * 8 * 10 * 3600 * 312e12 * 0.30)  # 32 chips
    assert data["counting"] == ("--count 4 counts NVIDIA DGX A100 systems of 8 chips each: "
                                "32 chips (--count-unit chip counts chips)")
    text = _run("--hardware", "DGX A100", "--count", "4", "--hours", "10").stdout
    assert "--count 4 counts NVIDIA DGX A100 systems of 8 chips each: 32 chips" in text
    assert "32 NVIDIA A100 GPUs" in text  # the sentence to paste
    chips = _run("--hardware", "DGX A100", "--count", "4", "--count-unit", "chip", "--hours",
                 "10", "--format", "json")  # fmt: skip
    data = json.loads(chips.stdout)
    assert data["flop"] == pytest.approx(4 * 10 * 3600 * 312e12 * 0.30)
    assert data["counting"] == "--count 4 counts chips (--count-unit chip)"
    one = json.loads(_run("--hardware", "DGX A100", "--hours", "10", "--format", "json").stdout)
    assert one["counting"] == "one NVIDIA DGX A100 system: 8 chips (--count N counts systems)"
