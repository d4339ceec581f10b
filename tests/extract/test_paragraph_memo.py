"""The paragraph memo (extract/text.py): a paragraph is read once per engine, and what it gives
back is exactly what a fresh read gives, wherever the paragraph now stands."""

from __future__ import annotations

from paperlint.document import plain_document
from paperlint.extract import extract
from paperlint.extract.engine import build_engine

FIRST = "We trained the model on 8 A100 GPUs for 3 days."
SECOND = "Evaluation took 2 hours on one V100."


def _claims(text: str, engine: object) -> list[tuple[str, object, str, int, int, int]]:
    extraction = extract(plain_document(text), engine)  # type: ignore[arg-type]
    return [(c.type, c.value, c.role, c.start, c.end, c.location.line)
            for c in extraction.claims]


def test_a_remembered_paragraph_gives_what_a_fresh_engine_gives_at_its_new_place() -> None:
    warm = build_engine()
    before = FIRST + "\n\n" + SECOND
    assert _claims(before, warm) == _claims(before, build_engine())
    # An edit above moves both paragraphs down; only the new one is read, the others remembered.
    after = "An intro line.\n\n" + FIRST + " Each run used bf16.\n\n" + SECOND
    remembered = len(warm.paragraph_memo)
    assert _claims(after, warm) == _claims(after, build_engine())
    # Only the edited paragraph is new ("An intro line." holds nothing compute-like: never read).
    assert len(warm.paragraph_memo) == remembered + 1


def test_the_same_paragraph_with_the_papers_own_names_is_read_again() -> None:
    engine = build_engine()
    text = "Finch-7B was trained on 64 H100 GPUs for 9 days."
    _claims(text, engine)
    remembered = len(engine.paragraph_memo)
    own = _claims("We propose Finch-7B with 7B parameters.\n\n" + text, engine)
    # The names changed, so the same text is read again under them (and the new paragraph).
    assert len(engine.paragraph_memo) == remembered + 2
    assert own == _claims("We propose Finch-7B with 7B parameters.\n\n" + text, build_engine())


def test_the_memo_is_bounded(monkeypatch: object) -> None:
    import paperlint.extract.text as text_module

    engine = build_engine()
    monkeypatch.setattr(text_module, "MAX_REMEMBERED_PARAGRAPHS", 6)  # type: ignore[attr-defined]
    first = "\n\n".join(f"Run {i} took {i + 1} hours on 8 A100 GPUs." for i in range(5))
    second = "\n\n".join(f"Stage {i} took {i + 1} days on 4 H100 GPUs." for i in range(5))
    assert _claims(first, engine) == _claims(first, build_engine())
    assert len(engine.paragraph_memo) == 5
    # Five more would pass the bound: the memo starts over with the new paper's paragraphs.
    assert _claims(second, engine) == _claims(second, build_engine())
    assert len(engine.paragraph_memo) == 5


def test_the_memo_is_bounded_in_characters_too(monkeypatch: object) -> None:
    import paperlint.extract.text as text_module

    engine = build_engine()
    monkeypatch.setattr(text_module, "MAX_REMEMBERED_CHARACTERS", 100)  # type: ignore[attr-defined]
    long_paragraph = "We trained on 8 A100 GPUs for 3 days. " * 4  # about 150 characters
    _claims(long_paragraph, engine)
    _claims(long_paragraph + "Then 2 more days.", engine)
    assert len(engine.paragraph_memo) == 1 and engine.paragraph_memo_characters < 200


class _ForgetfulMemo(dict):  # type: ignore[type-arg]
    """A memo that another thread starts over right after every store."""

    def __setitem__(self, key: object, value: object) -> None:
        super().__setitem__(key, value)
        self.clear()


def test_a_memo_started_over_by_another_check_loses_nothing_of_this_one() -> None:
    engine = build_engine()
    engine.paragraph_memo = _ForgetfulMemo()
    text = FIRST + "\n\n" + SECOND
    assert _claims(text, engine) == _claims(text, build_engine())


def test_an_ordinary_word_written_elsewhere_rereads_only_the_paragraphs_it_concerns() -> None:
    # The words a paper writes in lower case tell a plain capitalised subject from a model's
    # name (extract/whose.py); a paragraph is keyed on those of them it writes capitalised only.
    engine = build_engine()
    text = FIRST + "\n\n" + "Heron took 2 days on 8 A100 GPUs."
    before = _claims(text, engine)
    remembered = len(engine.paragraph_memo)
    # A new paragraph with an unrelated ordinary word: the two old paragraphs stay remembered.
    _claims(text + "\n\nThe ablation used 4 GPUs.", engine)
    assert len(engine.paragraph_memo) == remembered + 1
    # "heron" written in lower case makes "Heron" an ordinary word: its paragraph is read again,
    # and reads as a fresh engine reads it.
    edited = text + "\n\nA heron used 4 GPUs."
    assert _claims(edited, engine) == _claims(edited, build_engine())
    assert len(engine.paragraph_memo) == remembered + 3
    assert before != _claims(edited, engine)[:len(before)]
