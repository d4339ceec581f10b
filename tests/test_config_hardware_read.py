"""A chip a user adds in the configuration is read in the paper's text, not only estimated with."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from paperlint.api import CheckOptions, analyse
from paperlint.cli import main
from paperlint.document import plain_document
from paperlint.extract.engine import default_engine, engine_for

LAB_CHIP = ({"name": "Lab Accelerator X1", "aliases": ["LabX1"],
             "peak_flop_per_s": {"bf16": 4.0e14, "fp32": 5.0e13}},)
SENTENCE = "We trained the model on 8 LabX1 accelerators for 3 days in bf16."


def _hardware(options: CheckOptions) -> list[object]:
    result = analyse(plain_document(SENTENCE), options)
    return [c.value for c in result.claims if c.type == "hardware"]


def test_a_configured_chip_is_a_hardware_claim_with_its_count() -> None:
    result = analyse(plain_document(SENTENCE), CheckOptions(hardware=LAB_CHIP))
    found = {c.type: c.value for c in result.claims}
    assert found["hardware"] == "user-lab-accelerator-x1" and found["chip_count"] == 8
    assert result.verdict == "complete"
    assert any(f.code == "PL105" and "FLOP" in f.message for f in result.findings)


def test_without_the_configuration_the_name_is_no_chip() -> None:
    assert _hardware(CheckOptions()) == []


def test_the_engine_is_built_once_per_set_of_chips() -> None:
    assert engine_for((), ()) is default_engine()
    assert engine_for((), LAB_CHIP) is engine_for((), tuple(dict(e) for e in LAB_CHIP))
    assert engine_for((), LAB_CHIP) is not default_engine()


def test_the_config_file_in_the_project_reaches_the_extraction(tmp_path: Path) -> None:
    (tmp_path / "paperlint.toml").write_text(
        '[[hardware]]\nname = "Lab Accelerator X1"\naliases = ["LabX1"]\n'
        "peak_flop_per_s = { bf16 = 4.0e14, fp32 = 5.0e13 }\n", encoding="utf-8")
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\begin{document}\n" + SENTENCE + "\n\\end{document}\n",
        encoding="utf-8")
    run = CliRunner().invoke(main, ["check", str(tmp_path / "main.tex"), "--format", "json"])
    assert run.exit_code == 1, run.output  # PL105: the estimate to paste
    claims = json.loads(run.output)["documents"][0]["claims"]
    assert "user-lab-accelerator-x1" in [c["value"] for c in claims if c["type"] == "hardware"]
