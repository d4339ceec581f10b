"""The read cache (paperlint/readers/cache.py): editor buffers win over the disk, and a re-read
parses only the texts that changed, giving exactly the Document a fresh read gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.api import CheckOptions, read
from paperlint.errors import InputError
from paperlint.readers.cache import ReadCache
from tests.conftest import FIXTURES

_OPTIONS = CheckOptions()


def _paper(tmp_path: Path) -> Path:
    (tmp_path / "sec").mkdir()
    (tmp_path / "main.tex").write_text(
        "\\documentclass{article}\n\\newcommand{\\gpus}[1]{#1 GPUs}\n\\begin{document}\n"
        "\\input{sec/a}\n\\input{sec/b}\n\\end{document}\n", encoding="utf-8")
    (tmp_path / "sec" / "a.tex").write_text("We train on \\gpus{8} for 3 days.\n", encoding="utf-8")
    (tmp_path / "sec" / "b.tex").write_text("It used \\gpus{4} at first.\n", encoding="utf-8")
    return tmp_path / "main.tex"


def test_a_cached_read_is_the_fresh_read() -> None:
    main = FIXTURES / "example" / "main.tex"
    cache = ReadCache()
    fresh = read(main, _OPTIONS)
    assert read(main, _OPTIONS, cache=cache) == fresh
    misses = cache.misses
    assert read(main, _OPTIONS, cache=cache) == fresh
    assert cache.misses == misses and cache.hits > 0  # nothing parsed the second time


def test_an_edited_buffer_is_read_and_only_it_is_parsed_again(tmp_path: Path) -> None:
    main = _paper(tmp_path)
    cache = ReadCache()
    read(main, _OPTIONS, cache=cache)
    misses = cache.misses
    child = (tmp_path / "sec" / "a.tex").resolve()
    cache.overlay[child] = "We train on \\gpus{8} for 5 days.\n"
    document = read(main, _OPTIONS, cache=cache)
    assert "8 GPUs for 5 days" in document.text
    assert cache.misses == misses + 1  # the edited file; the macro's expansion was seen before
    # The same as a fresh read of the same buffers with an empty cache.
    assert document == read(main, _OPTIONS, cache=ReadCache(overlay=cache.overlay))
    assert (tmp_path / "sec" / "a.tex").read_text(encoding="utf-8").count("3 days") == 1


def test_a_changed_macro_spec_parses_later_files_again(tmp_path: Path) -> None:
    main = _paper(tmp_path)
    cache = ReadCache()
    read(main, _OPTIONS, cache=cache)
    root = main.resolve()
    # \gpus now takes no argument: "{8}" in the children is a group of its own.
    cache.overlay[root] = main.read_text(encoding="utf-8").replace("[1]{#1 GPUs}", "{GPUs}")
    document = read(main, _OPTIONS, cache=cache)
    assert document == read(main, _OPTIONS, cache=ReadCache(overlay=cache.overlay))
    assert "8 GPUs" not in document.text


def test_a_binary_buffer_is_refused_with_one_clear_error(tmp_path: Path) -> None:
    main = _paper(tmp_path)
    cache = ReadCache(overlay={(tmp_path / "sec" / "b.tex").resolve(): "It used\x00 4."})
    with pytest.raises(InputError, match="binary file, not LaTeX"):
        read(main, _OPTIONS, cache=cache)


def test_the_cache_is_bounded() -> None:
    cache = ReadCache(max_parses=2)
    for text in ("a", "b", "c"):
        cache.parsed(text, frozenset(), lambda text=text: [text])  # type: ignore[misc]
    assert cache.parsed("a", frozenset(), lambda: ["again"]) == ["again"]
    assert cache.parsed("c", frozenset(), lambda: ["never"]) == ["c"]
