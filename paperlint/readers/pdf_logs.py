"""pypdf's own log lines, kept off the user's terminal and turned into paperlint's words.

pypdf reports the repairs it makes (``logging.getLogger("pypdf...").warning``): "EOF marker not
found", "incorrect startxref pointer", "Ignoring wrong pointing object", "fontTools is required
...". Python prints a warning of a library without logging set up straight to standard error,
before paperlint's own line and without the file's name. While a PDF is read its records are
collected here instead (:func:`captured`), and :func:`notes` says what matters in one line: a file
that looks cut off. The rest is kept in the Document's metadata (``pdf_warnings``) only: repairs
that leave the text whole (a cross-reference table rebuilt, wrong object pointers dropped), and
"fontTools is required to fully parse the encoding of a CFF Type1 font": on the three corpus PDFs
that log it (31 times), the text read is the same, character for character, with fontTools
installed as without it, so a note would only alarm.
"""

from __future__ import annotations

import contextlib
import logging
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field

# (what pypdf says, what it means for the text): the first matching phrase wins.
_MEANINGS = (
    ("EOF marker", "the file's end-of-file marker is missing or damaged: the file may be cut off "
     "and text at its end missing"),
    ("startxref found while searching", "the file's end-of-file marker is missing or damaged: the "
     "file may be cut off and text at its end missing"),
)
# Said in the error line when the PDF could not be read at all.
CUT_OFF = "the file ends before its end-of-file marker: cut off (an interrupted download?)"


@dataclass
class Capture:
    """The pypdf log records of one read, each with the page being read when it was logged."""

    page: int = 0  # 0: before the first page (opening the file)
    records: list[tuple[int, str]] = field(default_factory=list)

    @property
    def cut_off(self) -> bool:
        return any("EOF marker not found" in message for _, message in self.records)

    def notes(self) -> list[tuple[int, str]]:
        """(page, note) for each kind of record that matters, once, at the first page it hit."""
        seen: dict[str, int] = {}
        for page, message in self.records:
            for phrase, meaning in _MEANINGS:
                if phrase in message:
                    seen.setdefault(meaning, max(page, 1))
                    break
        return [(page, meaning) for meaning, page in seen.items()]

    def messages(self) -> list[str]:
        """Every record, deduplicated, for the Document's metadata."""
        return list(dict.fromkeys(message for _, message in self.records))


class _Handler(logging.Handler):
    def __init__(self, capture: Capture) -> None:
        super().__init__(logging.DEBUG)
        self.capture = capture

    def emit(self, record: logging.LogRecord) -> None:
        with contextlib.suppress(Exception):  # a record that cannot be formatted is dropped
            self.capture.records.append((self.capture.page, record.getMessage()))


@contextlib.contextmanager
def captured() -> Iterator[Capture]:
    """Collect pypdf's log records (and its Python warnings) during the block, none printed.

    The handler sits on the ``pypdf`` logger with propagation off for the block only, so neither
    Python's last-resort printer nor an application's root handler sees them; other libraries'
    records are untouched."""
    capture = Capture()
    logger = logging.getLogger("pypdf")
    handler = _Handler(capture)
    propagate, level = logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    # A caller that silenced pypdf (setLevel(CRITICAL)) must not hide the repairs paperlint reads.
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", module="pypdf")
            yield capture
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        logger.setLevel(level)
