"""The pipeline, in one place: readers -> Document -> extraction -> estimates -> checks -> Report.

Each stage is a module with a small typed interface; this module only wires them together, so the
CLI, the batch runner and library users all run exactly the same code.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paperlint import __version__
from paperlint.document import Document
from paperlint.errors import PaperlintError
from paperlint.model import DocumentResult, Report

if TYPE_CHECKING:
    from paperlint.readers.cache import ReadCache


@dataclass(frozen=True)
class CheckOptions:
    """Everything that changes how a paper is checked. The CLI and config files fill this in."""

    profile: str = "flop"  # which norm the rules hold the paper to: flop | neurips | acl | aaai
    select: tuple[str, ...] = ()  # rule codes or prefixes to run (empty: the profile's defaults)
    ignore: tuple[str, ...] = ()  # rule codes or prefixes to skip
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    utilization: float | None = None  # override the estimator's default utilization
    use_suppressions: bool = True  # False: ignore every `% paperlint:` comment
    pdf_backend: str = "pypdf"
    macros: dict[str, str] = field(default_factory=dict)  # macros defined outside the paper
    hardware: tuple[dict[str, Any], ...] = ()  # extra catalogue entries from the config


def read(path: str | Path, options: CheckOptions | None = None, *,
         cache: ReadCache | None = None) -> Document:
    """Read one input path into a Document (raises a PaperlintError for unreadable input).
    ``cache`` keeps editor buffers and parses between reads (the language server)."""
    from paperlint.readers import read_path

    return read_path(Path(path), options or CheckOptions(), display_path=str(path), cache=cache)


def analyse(document: Document, options: CheckOptions | None = None) -> DocumentResult:
    """Extract claims from a Document, estimate, run the checks and decide the verdict."""
    from paperlint.checks import run_checks
    from paperlint.extract import extract
    from paperlint.suppress import apply_suppressions

    options = options or CheckOptions()
    extraction = extract(document)
    result = run_checks(document, extraction, options)
    # `% paperlint:` comments and per-file-ignores act on findings by their source location.
    return apply_suppressions(result, document, options)


def check_path(path: str | Path, options: CheckOptions | None = None) -> DocumentResult:
    """Check one input path. Unreadable input becomes the result's ``error``: never raises."""
    try:
        document = read(path, options)
        result = analyse(document, options)
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


def check(path: str | Path, **options: Any) -> Report:
    """Check one paper and return a Report (see :class:`CheckOptions` for the options)."""
    return Report(documents=(check_path(path, CheckOptions(**options)),), version=__version__)


def check_many(paths: list[str | Path], options: CheckOptions | None = None) -> Report:
    """Check several papers, each independently: one unreadable path never stops the others."""
    return Report(
        documents=tuple(check_path(path, options) for path in paths), version=__version__
    )
