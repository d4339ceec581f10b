"""The language server's state, apart from the protocol: papers, their last check, the caches.

One Session per server process. It keeps what makes a warm re-check cheap: the spaCy pipeline
(built once, :func:`paperlint.extract.engine.default_engine`), the parse of every source text seen
(:class:`paperlint.readers.cache.ReadCache`) and each configuration file until it changes. A
check reads the editor's unsaved buffers through the same cache, so the paper is checked as the
author sees it.

Nothing here knows about LSP messages; :mod:`paperlint.lsp.server` turns its results into them.
"""

from __future__ import annotations

import gc
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from paperlint.api import CheckOptions, analyse, read
from paperlint.collector import fewer_collections
from paperlint.config import Config, find_config, load_config, merge
from paperlint.document import Document, SourceFile
from paperlint.errors import ConfigError, PaperlintError
from paperlint.lsp.project import candidates
from paperlint.model import DocumentResult
from paperlint.readers.cache import ReadCache


@dataclass(frozen=True)
class Paper:
    """One paper's last check: what was read, what it found, and the source texts it read (the
    positions of its findings are in these texts, whatever the editor holds by now)."""

    target: Path  # what was read: a root .tex file or a directory
    result: DocumentResult
    root_dir: Path  # the directory source names are relative to
    sources: Mapping[str, SourceFile] = field(default_factory=dict)
    error_file: Path | None = None  # for an unreadable paper: the file the error is about
    config: Path | None = None
    config_error: str | None = None

    @cached_property
    def files(self) -> dict[Path, str]:
        """Resolved path -> source name, for every source file read."""
        return {(self.root_dir / name).resolve(): name for name in self.result.files}

    def path_of(self, name: str) -> Path:
        return (self.root_dir / name).resolve()


class Session:
    """Papers checked so far, keyed by what was read, and the caches shared by all of them."""

    def __init__(self, workspace: Sequence[Path] = (), *, remember_tokens: bool = False) -> None:
        # remember_tokens: wrap the process's shared tokenizer (MemoTokenizer); for the server's
        # own process, where every check is this session's.
        self.remember_tokens = remember_tokens
        self.workspace = [folder.resolve() for folder in workspace]
        self.cache = ReadCache()
        self.papers: dict[Path, Paper] = {}
        self._configs: dict[Path, tuple[tuple[int, int], Config | ConfigError]] = {}
        self._warm = False

    def warm_up(self) -> None:
        """Build the spaCy pipeline and matchers (once per process), and let its tokenizer
        remember the Doc of every paragraph it has seen: after a one-line edit, only that
        paragraph is tokenised again."""
        if self._warm:
            return
        from paperlint.extract.engine import default_engine

        nlp = default_engine().nlp
        if self.remember_tokens and not isinstance(nlp.tokenizer, MemoTokenizer):
            nlp.tokenizer = MemoTokenizer(nlp.tokenizer)
        self._warm = True

    def tidy(self) -> None:
        """A full garbage collection, then every object still alive (the pipeline, the cached
        parses and Docs) frozen out of later collections. Run when the editor is idle: otherwise
        Python's own full collections walk those caches' hundreds of thousands of objects in the
        middle of a re-check (up to 170 ms on a 10,000-word paper, three times the check)."""
        gc.unfreeze()
        gc.collect()
        gc.freeze()

    # -- editor buffers ---------------------------------------------------------------------------
    def set_buffers(self, buffers: Mapping[Path, str]) -> None:
        """The texts of the files open in the editor (resolved paths), which win over the disk."""
        self.cache.overlay = {path.resolve(): text for path, text in buffers.items()}

    def text_of(self, path: Path) -> str | None:
        """The editor's text of ``path``, else the file's, else None."""
        text = self.cache.text_of(path)
        if text is not None:
            return text
        try:
            data = path.read_bytes()
        except OSError:
            return None
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            return data.decode("latin-1")

    # -- which paper ------------------------------------------------------------------------------
    def paper_of(self, file: Path) -> Paper | None:
        """The last check of the paper ``file`` belongs to, if it was checked."""
        file = file.resolve()
        return next((paper for paper in self.papers.values()
                     if file in paper.files or paper.error_file == file
                     or paper.target == file), None)

    def paper_for(self, file: Path) -> Paper:
        """Check the paper ``file`` belongs to (see :mod:`paperlint.lsp.project`) and return it.

        A paper already known to include the file is checked again directly; otherwise each
        candidate is checked until one's includes reach the file; failing all, the file is read
        as a paper of its own."""
        file = file.resolve()
        known = self.paper_of(file)
        if known is not None:
            return self.check(known.target)
        for target, certain in candidates(file, self.workspace):
            paper = self.check(target.resolve(), keep=certain)
            if certain or file in paper.files:
                self.papers[paper.target] = paper
                return paper
        return self.check(file)

    # -- checking ---------------------------------------------------------------------------------
    def check(self, target: Path, *, keep: bool = True) -> Paper:
        """Read and check ``target`` with its configuration. Never raises: an unreadable paper is
        a Paper whose result has an ``error`` (the same words as ``paperlint check``)."""
        self.warm_up()
        config_path, config, config_error = self._config_for(target)
        options = merge(config, options=CheckOptions(), explicit=frozenset())
        root_dir = target if target.is_dir() else target.parent
        try:
            with fewer_collections():  # as paperlint check does (paperlint/collector.py)
                document = read(target, options, cache=self.cache)
                result = analyse(document, options)
        except PaperlintError as error:
            paper = self._unreadable(target, root_dir, error.message, error.path)
        except RecursionError:
            paper = self._unreadable(target, root_dir, "input nested too deeply to read", None)
        except Exception as error:  # a bug must become a diagnostic, never a dead server
            message = (f"internal error ({type(error).__name__}: {error}); please report this "
                       "paper")
            paper = self._unreadable(target, root_dir, message, None)
        else:
            paper = self._checked(target, document, result)
        paper = replace(paper, config=config_path, config_error=config_error)
        if keep:
            self.papers[target] = paper
        return paper

    def _checked(self, target: Path, document: Document, result: DocumentResult) -> Paper:
        root = document.metadata.get("root_dir")
        root_dir = Path(root) if isinstance(root, str) else target.parent
        result = replace(result, path=str(target), root=str(root_dir))
        return Paper(target, result, root_dir, dict(document.sources))

    def _unreadable(self, target: Path, root_dir: Path, message: str, path: str | None) -> Paper:
        result = DocumentResult(path=str(target), format=None, error=message)
        named = Path(path) if path else target
        error_file = named.resolve() if named.is_file() else None
        return Paper(target, result, root_dir, error_file=error_file)

    def forget(self, target: Path) -> None:
        self.papers.pop(target, None)

    # -- configuration ----------------------------------------------------------------------------
    def config_changed(self) -> None:
        """A paperlint.toml or pyproject.toml changed: read every one again at the next check."""
        self._configs.clear()

    def _config_for(self, target: Path) -> tuple[Path | None, Config, str | None]:
        """The configuration that applies to ``target`` (as ``paperlint check`` finds it), read
        again whenever the file's size or modification time changes. A broken file is reported
        and the defaults are used, so that the paper is still checked."""
        try:
            path = find_config(target)
        except ConfigError as error:  # a pyproject.toml that is not valid TOML
            return Path(error.path) if error.path else None, Config(), str(error)
        if path is None:
            return None, Config(), None
        try:
            info = os.stat(path)
            stamp = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = (0, 0)
        cached = self._configs.get(path)
        if cached is None or cached[0] != stamp:
            try:
                loaded: Config | ConfigError = load_config(path)
            except ConfigError as error:
                loaded = error
            cached = self._configs[path] = (stamp, loaded)
        if isinstance(cached[1], ConfigError):
            return path, Config(), str(cached[1])
        return path, cached[1], None


class MemoTokenizer:
    """spaCy's tokenizer, remembering the Doc of each text it tokenised (least recently used go
    first). Tokenising is a pure function of the text and extraction only reads the Docs, so a
    Doc can serve every later check of the same paragraph. Anything else is the tokenizer's."""

    def __init__(self, tokenizer: Any, size: int = 8192) -> None:
        self._tokenizer = tokenizer
        self._docs: OrderedDict[str, Any] = OrderedDict()
        self._size = size

    def __call__(self, text: str) -> Any:
        doc = self._docs.get(text)
        if doc is None:
            doc = self._docs[text] = self._tokenizer(text)
            if len(self._docs) > self._size:
                self._docs.popitem(last=False)
        else:
            self._docs.move_to_end(text)
        return doc

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tokenizer, name)
