"""The pipeline, in one place: readers -> Document -> extraction -> estimates -> checks -> Report.

Each stage is a module with a small typed interface; this module only wires them together, so the
CLI, the batch runner and library users all run exactly the same code.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint._version import __version__
from paperlint.checks import run_checks
from paperlint.collector import fewer_collections
from paperlint.config import discover, merge
from paperlint.deadline import deadline
from paperlint.document import Document
from paperlint.errors import PaperlintError
from paperlint.extract import extract
from paperlint.extract.engine import engine_for
from paperlint.model import DocumentResult, Report
from paperlint.options import CheckOptions, codes
from paperlint.readers import read_path
from paperlint.suppress import apply_suppressions

if TYPE_CHECKING:
    from paperlint.readers.cache import ReadCache

# CheckOptions and codes live in paperlint.options (a leaf the readers and checks can import);
# they stay importable from here, as they always were.
__all__ = ["CheckOptions", "analyse", "check", "check_many", "check_path", "check_source",
           "codes", "read"]


def read(path: str | Path, options: CheckOptions | None = None, *,
         display_path: str | None = None, cache: ReadCache | None = None) -> Document:
    """Read one input path into a Document (raises a PaperlintError for unreadable input).
    ``cache`` keeps editor buffers and parses between reads (the language server)."""
    return read_path(Path(path), options or CheckOptions(),
                     display_path=display_path or str(path), cache=cache)


def analyse(document: Document, options: CheckOptions | None = None) -> DocumentResult:
    """Extract claims from a Document, estimate, run the checks and decide the verdict."""
    options = options or CheckOptions()
    engine = engine_for(options.rules, options.hardware)  # and a user's rule files, chips
    extraction = extract(document, engine)
    result = run_checks(document, extraction, options, engine.rules)
    # `% paperlint:` comments and per-file-ignores act on findings by their source location.
    return apply_suppressions(result, document, options)


class _TimedOut(BaseException):
    """The deadline of one check passed. A BaseException, so that no reader's ``except
    Exception`` (a PDF library's errors vary) can swallow it on its way out."""


def check_path(path: str | Path, options: CheckOptions | None = None, *,
               display_path: str | None = None, timeout: float | None = None) -> DocumentResult:
    """Check one input path. Unreadable input becomes the result's ``error``: never raises.
    ``display_path`` names it in the result when it is not the path the user knows.

    ``timeout`` (seconds; None or 0 for none) ends a check that runs longer, with an error saying
    so. It is a SIGALRM deadline (the main thread of a POSIX process only): it fires between two
    Python steps, so one long call into C code ends first. Batch workers are killed instead."""
    reading, path = path, display_path or path
    try:
        with deadline(timeout or 0, _TimedOut), fewer_collections():
            document = read(reading, options, display_path=display_path)
            result = analyse(document, options)
    except _TimedOut:
        return DocumentResult(path=str(path), format=None, error=(
            f"timed out after {timeout:g} s (the deadline of one check: --timeout SECONDS, "
            "0 for none); not checked"))
    except PaperlintError as error:
        return DocumentResult(path=str(path), format=None, error=error.message)
    except RecursionError:
        return DocumentResult(path=str(path), format=None, error="input nested too deeply to read")
    except Exception as error:
        # A bug met on one paper must not stop a batch: it becomes that paper's error, naming the
        # exception so that it can be reported upstream.
        return DocumentResult(
            path=str(path), format=None,
            error=f"internal error ({type(error).__name__}: {error}); please report this paper",
        )
    root = document.metadata.get("root_dir")
    return replace(result, path=str(path), root=root if isinstance(root, str) else None)


def check(
    path: str | Path, *, isolated: bool = False, config: str | Path | None = None,
    **options: Any,
) -> Report:
    """Check one paper and return a Report (see :class:`CheckOptions` for the options).

    As on the command line, the configuration file found from the paper (``paperlint.toml``, or
    ``[tool.paperlint]`` in ``pyproject.toml``) applies, and options given here win over it key
    by key; ``config`` names a file instead, ``isolated=True`` reads none. A bad file raises
    :class:`~paperlint.errors.ConfigError`, an unknown profile ``ValueError``, an unknown option
    ``TypeError``; an unreadable paper is the document's ``error``."""
    given = CheckOptions(**options)
    found = discover([path], config_file=None if config is None else Path(config),
                     isolated=isolated)
    merged = merge(found, options=given, explicit=frozenset(options))
    return Report(documents=(check_path(path, merged),), version=__version__)


def check_source(data: bytes, filename: str, options: CheckOptions | None = None) -> DocumentResult:
    """Check a paper's text that is not (or not yet) on disk, named ``filename``: what an editor
    sends on standard input. A ``.tex`` file that exists is read with ``data`` in place of its
    content, so its ``\\input`` files and its root (``% !TEX root``) are found as usual; any
    other name is read from a scratch folder under that name."""
    options = options or CheckOptions()
    given = Path(filename)
    if given.suffix.lower() == ".tex" and given.is_file():
        overrides = {**options.overrides, str(given.resolve()): data}
        return check_path(given, replace(options, overrides=overrides), display_path=filename)
    import tempfile

    with tempfile.TemporaryDirectory(prefix="paperlint-stdin-") as scratch:
        copy = Path(scratch) / (given.name or "stdin.tex")
        copy.write_bytes(data)
        return check_path(copy, options, display_path=filename)


def check_many(paths: list[str | Path], options: CheckOptions | None = None, *,
               timeout: float | None = None) -> Report:
    """Check several papers, each independently: one unreadable path never stops the others
    (``timeout``: seconds per paper, see :func:`check_path`)."""
    return Report(
        documents=tuple(check_path(path, options, timeout=timeout) for path in paths),
        version=__version__,
    )
