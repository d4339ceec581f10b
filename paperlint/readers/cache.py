"""What a long-lived caller keeps between reads of the same papers: the language server.

Two things, both at the reader's public boundary (``read_path`` / ``read_latex`` take one):

 - the *overlay*: the text of files open in an editor, which wins over the file on disk, so that
   the paper is checked as the author sees it before saving;
 - the *parse* of every LaTeX text seen, keyed by its content and the macro argument specs in
   force when it was parsed (the only state pylatexenc's result depends on). A re-check after a
   one-line edit then parses only the text that changed; every other file's parse is a look-up.

Keyed by content, not by file name or position, so it holds however the reader splits the
sources for parsing (whole files today, pieces of them tomorrow): the same text under the same
specs gives the same nodes. Parsed nodes are shared between reads and must not be changed; the
reader only walks them.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
MAX_PARSES = 2048  # distinct texts kept; a 10,000-word paper has a few dozen


class ReadCache:
    """An overlay of editor buffers and a bounded, least-recently-used parse cache."""

    def __init__(self, overlay: Mapping[Path, str] | None = None,
                 max_parses: int = MAX_PARSES) -> None:
        self.overlay: dict[Path, str] = dict(overlay or {})
        self._parses: OrderedDict[tuple[str, Hashable], list[Any]] = OrderedDict()
        self._max = max_parses
        self._memo: OrderedDict[Hashable, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def text_of(self, path: Path) -> str | None:
        """The editor's text of ``path`` (resolved), or None to read the file."""
        return self.overlay.get(path)

    def parsed(self, text: str, specs: Hashable, parse: Callable[[], list[Any]]) -> list[Any]:
        """``parse()``'s nodes for ``text`` under ``specs``, computed once. A parse that raises is
        not kept (the next read tries again and raises the same clear error)."""
        key = (text, specs)
        nodes = self._parses.get(key)
        if nodes is not None:
            self._parses.move_to_end(key)
            self.hits += 1
            return list(nodes)
        self.misses += 1
        nodes = parse()
        self._parses[key] = nodes
        if len(self._parses) > self._max:
            self._parses.popitem(last=False)
        return list(nodes)

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key``: for the pure functions of one file's text that the
        reader runs on every read (masking, the brace and environment scans). The value must not
        be changed by the caller."""
        if key in self._memo:
            self._memo.move_to_end(key)
            value: T = self._memo[key]
            return value
        value = compute()
        self._memo[key] = value
        if len(self._memo) > self._max:
            self._memo.popitem(last=False)
        return value


def remembered(cache: ReadCache | None, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, through ``cache`` when there is one (a reader's one-line way to use it)."""
    return compute() if cache is None else cache.memo(key, compute)
