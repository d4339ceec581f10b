"""Other-work cues per clause: a citation or an other-work phrase marks the figures of its own
clause, and "we"/"our" cancels only within its clause (rules/roles.toml ``[clauses]``).

Every sentence here is our own writing."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from paperlint.api import CheckOptions
from paperlint.errors import RuleFileError
from paperlint.extract import extract
from paperlint.extract.engine import default_engine
from paperlint.extract.roles import split_clauses
from paperlint.extract.rules import validate_rule_data
from paperlint.readers import read_path
from tests.extract.helpers import run, run_pdf, values

OTHER, OWN = "other-work", "training"


def _roles_pdf(text: str) -> dict[str, str]:
    return {claim.text: claim.role for claim in run_pdf(text).claims}


def _roles_plain(text: str) -> dict[str, str]:
    return {claim.text: claim.role for claim in run(text).claims}


def _roles_latex(tmp_path: Path, body: str) -> dict[str, str]:
    main = tmp_path / "main.tex"
    main.write_text("\\documentclass{article}\n\\begin{document}\n" + body
                    + "\n\\end{document}\n", encoding="utf-8")
    return {claim.text: claim.role for claim in extract(read_path(main, CheckOptions())).claims}


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # An "unlike" opener with a relative clause attached to the citation, then the paper's own.
        ("Unlike [3], which used 512 TPUs for two weeks, we train on 8 GPUs for a day.",
         {"512 TPUs": OTHER, "two weeks": OTHER, "8 GPUs": OWN, "a day": OWN}),
        # A semicolon: the cited clause and the paper's own clause.
        ("An earlier detector [9] ran on 256 GPUs; we use 16 GPUs.",
         {"256 GPUs": OTHER, "16 GPUs": OWN}),
        # "..., whereas [5] ...": the cited clause comes second.
        ("Our model trains on 8 GPUs, whereas [5] used 512 TPUs.",
         {"8 GPUs": OWN, "512 TPUs": OTHER}),
        # A relative clause after the citation is about the cited system, "We" or not.
        ("We compare against the system of [6], which needs 1024 GPUs for a month.",
         {"1024 GPUs": OTHER, "a month": OTHER}),
        ("Our detector beats methods [2] that need 64 GPUs.", {"64 GPUs": OTHER}),
    ],
)
def test_pdf_citation_marks_its_own_clause(text: str, roles: dict[str, str]) -> None:
    assert _roles_pdf(text) == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # A weak cue ("baseline") is no longer cancelled by the "ours" of the other clause.
        ("While the baseline needs 64 GPUs for a week, ours trains on 4 GPUs in 10 hours.",
         {"64 GPUs": OTHER, "a week": OTHER, "4 GPUs": OWN, "10 hours": OWN}),
        # A relative clause takes the cue standing just before it.
        ("We compare with the baseline, which needs 1024 GPUs for a month.",
         {"1024 GPUs": OTHER, "a month": OTHER}),
        # A strong cue ("prior work") no longer reaches the paper's own clause.
        ("Prior work trained a detector on 256 GPUs; we train ours on 16 GPUs.",
         {"256 GPUs": OTHER, "16 GPUs": OWN}),
    ],
)
def test_phrase_cue_marks_its_own_clause(text: str, roles: dict[str, str]) -> None:
    assert _roles_plain(text) == roles


@pytest.mark.parametrize(
    ("body", "roles"),
    [
        ("Unlike~\\cite{orca21}, which used 512 TPUs for two weeks, we train on 8 GPUs for a day.",
         {"512 TPUs": OTHER, "two weeks": OTHER, "8 GPUs": OWN, "a day": OWN}),
        ("A larger system~\\cite{heron20} was trained on 256 GPUs; we use 16 GPUs.",
         {"256 GPUs": OTHER, "16 GPUs": OWN}),
        ("Following~\\cite{orca21}, we train on 8 GPUs for 2 days.",
         {"8 GPUs": OWN, "2 days": OWN}),
    ],
)
def test_latex_citation_marks_its_own_clause(tmp_path: Path, body: str,
                                             roles: dict[str, str]) -> None:
    assert _roles_latex(tmp_path, body) == roles


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        # The citation's clause holds no figure; "we" keeps the paper's own run.
        ("Following [4], we train on 8 GPUs for 2 days.", {"8 GPUs": OWN, "2 days": OWN}),
        # No boundary before "as in [4]": one clause, and "We" cancels the citation.
        ("We train on 8 GPUs, as in [4].", {"8 GPUs": OWN}),
        # A relative clause not attached to a citation or cue is no clause of its own.
        ("We train on 8 GPUs, which takes 2 days [4].", {"8 GPUs": OWN, "2 days": OWN}),
        # Commas inside brackets cut nothing.
        ("We train on 8 GPUs (as in [4, 5], with 2 nodes) for 2 days.",
         {"8 GPUs": OWN, "2 days": OWN}),
        # No boundary at all: the cues read the whole sentence, exactly as before.
        ("A recent system used 512 TPUs [3] and our model uses 8 GPUs.",
         {"512 TPUs": OWN, "8 GPUs": OWN}),
    ],
)
def test_pdf_sentences_that_stay(text: str, roles: dict[str, str]) -> None:
    assert _roles_pdf(text) == roles


def test_strong_cue_without_boundary_still_reads_the_whole_sentence() -> None:
    roles = _roles_plain("Prior work trained on 256 GPUs and we train on 16 GPUs.")
    assert roles == {"256 GPUs": OTHER, "16 GPUs": OTHER}


def test_an_opener_alone_marks_no_other_work() -> None:
    roles = _roles_plain("While training takes 3 days on 8 GPUs, inference needs 1 GPU.")
    assert OTHER not in roles.values()


def _pieces(text: str, cites: tuple[int, ...] = ()) -> list[str]:
    engine = default_engine()
    doc = engine.nlp.make_doc(text)
    clauses = split_clauses(doc, 0, len(doc), engine.matches(doc, text), engine, cites)
    return [doc[clause.start : clause.end].text for clause in clauses]


def test_split_clauses_boundaries() -> None:
    # An opener's clause ends at its next comma ("which" here follows no citation or cue).
    assert _pieces("Unlike X, which ran long, we train here.") == [
        "Unlike X,", "which ran long,", "we train here."]
    assert _pieces("Unlike X, the model, ours too.") == ["Unlike X,", "the model,", "ours too."]
    assert _pieces("It ran long; we train here.") == ["It ran long;", "we train here."]
    assert _pieces("It ran long, whereas we train here.") == ["It ran long,",
                                                              "whereas we train here."]
    assert _pieces("It ran (long, we) here.") == ["It ran (long, we) here."]
    # A relative word after a citation (token 1 "[" ... the comma stands at token 4).
    assert _pieces("Unlike [3], which ran long, we train here.", cites=(4,)) == [
        "Unlike [3],", "which ran long,", "we train here."]


def test_schema_checks_scope_and_clause_words() -> None:
    validate_rule_data({"description": "d", "clauses": {"marks": [";"], "relative": ["which"]},
                        "cues": [{"role": "other-work", "priority": 5, "mode": "citation",
                                  "scope": "clause"}]}, "ok")
    with pytest.raises(RuleFileError, match="scope"):
        validate_rule_data({"description": "d", "cues": [
            {"role": "other-work", "priority": 5, "phrases": ["x"], "scope": "paragraph"}]},
            "bad.toml")
    with pytest.raises(RuleFileError, match="clauses"):
        validate_rule_data({"description": "d", "clauses": {"openers": ["even though"]}},
                           "bad.toml")


def test_shipped_other_work_cues_act_per_clause() -> None:
    rules = default_engine().rules
    assert all(cue.scope == "clause" for cue in rules.cues if cue.role == OTHER)
    assert ";" in rules.clauses.marks and "we" in rules.clauses.subjects


# "et al." ends no sentence before a lower-case word or a number, so its cue stays with the
# figures of the sentence it opens.
@pytest.mark.parametrize(
    ("text", "roles"),
    [
        ("Lamport et al. trained on 1024 GPUs for a month. We use 8 GPUs.",
         {"1024 GPUs": OTHER, "a month": OTHER, "8 GPUs": OWN}),
        ("Liskov et al. 2019 needed 256 TPUs.", {"256 TPUs": OTHER}),
        # A capital after "et al." still starts a sentence: the paper's own run stays its own.
        ("The idea goes back to Hopper et al. We train on 8 GPUs for 2 days.",
         {"8 GPUs": OWN, "2 days": OWN}),
    ],
)
def test_et_al_keeps_its_sentence(text: str, roles: dict[str, str]) -> None:
    assert _roles_plain(text) == roles


def test_sentence_bounds_only_bridge_et_al() -> None:
    from paperlint.extract.nlp import sentence_bounds

    nlp = default_engine().nlp
    for text, count in [("Lamport et al. trained it. Done.", 2), ("Lamport et al. We did.", 2),
                        ("See the appendix. trained models follow.", 2), ("A al. b.", 2)]:
        assert len(sentence_bounds(nlp.make_doc(text))) == count, text


def test_a_run_without_full_stops_is_cut_into_bounded_sentences_at_commas() -> None:
    """Issue 19: 4,000 claims in one 'sentence' took minutes (every claim read every cue)."""
    from paperlint.extract.nlp import MAX_SENTENCE_TOKENS, sentence_bounds

    nlp = default_engine().nlp
    doc = nlp.make_doc("we trained on 8 A100 GPUs, " * 200)
    bounds = sentence_bounds(doc)
    assert len(bounds) > 1 and all(end - start <= MAX_SENTENCE_TOKENS for start, end in bounds)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(doc)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bounds))
    assert all(doc[end - 1].text == "," for _, end in bounds[:-1])  # never inside "8 A100 GPUs"
    assert len(values("we trained on 8 A100 GPUs, " * 200, "chip_count")) == 200


def test_written_sentences_are_not_cut() -> None:
    from paperlint.extract.nlp import sentence_bounds

    nlp = default_engine().nlp
    long_sentence = "We train, " + "with care and patience, " * 30 + "on 8 GPUs for 3 days."
    assert len(sentence_bounds(nlp.make_doc(long_sentence + " Next one."))) == 2
