"""benchmarks.corpus: loading manifest.csv and gold.jsonl."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.corpus import CorpusError, load_corpus


def test_loads_papers_in_gold_order_with_their_inputs(tiny_corpus: Path) -> None:
    papers = load_corpus(tiny_corpus)
    assert [p.id for p in papers] == ["tex90", "tex91", "pdf90"]
    tex, sections, pdf = papers
    assert tex.input_path == tiny_corpus / "tex90" / "main.tex"
    assert sections.main_file is None and sections.input_path == tiny_corpus / "tex91"
    assert (tex.format, pdf.format) == ("latex", "pdf")
    assert tex.claims[0].values == {"hardware": "V100", "count": 4.0, "duration_hours": 10.0}
    assert tex.claims[0].counts_toward_verdict


def test_non_training_roles_do_not_count_toward_the_verdict(tiny_corpus: Path) -> None:
    gold = tiny_corpus / "gold.jsonl"
    gold.write_text(gold.read_text().replace('"role": "training"', '"role": "other-work"'))
    assert not load_corpus(tiny_corpus)[0].claims[0].counts_toward_verdict


def test_missing_corpus_names_the_folder(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such corpus directory"):
        load_corpus(tmp_path / "absent")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "gold.jsonl:1: not JSON"),
        ('{"id": "x"}', "expected an object with 'id' and 'verdict'"),
        ('{"id": "x", "verdict": "perhaps"}', "unknown verdict 'perhaps'"),
        ('{"id": "x", "verdict": "missing", "claims": [{"role": "training", "count": "eight"}]}',
         "claim field 'count' is not a number"),
        ('{"id": "x", "verdict": "missing", "claims": [{"count": 8}]}', "with a 'role'"),
    ],
)
def test_malformed_gold_is_one_clear_error(tiny_corpus: Path, line: str, message: str) -> None:
    (tiny_corpus / "gold.jsonl").write_text(line + "\n")
    with pytest.raises(CorpusError, match=message):
        load_corpus(tiny_corpus)


def test_missing_manifest_is_reported(tiny_corpus: Path) -> None:
    (tiny_corpus / "manifest.csv").unlink()
    with pytest.raises(CorpusError, match=r"manifest\.csv: cannot read"):
        load_corpus(tiny_corpus)
