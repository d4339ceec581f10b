"""What the LaTeX walker knows about the text it is in: a leaf, so the walker and the command
handlers (latex_commands.py, latex_tables.py) import it at the top without importing each other."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Frame:
    """What the walker needs to know about the text it is in: a source file or an expansion."""

    file: str  # the Document file name (an expansion keeps its caller's)
    source: str  # the author's text (for an expansion: the expansion itself)
    text: str  # the text pylatexenc parsed: ``source`` with skipped regions blanked
    directory: Path  # the file's own directory (\subimport, \subfile)
    input_base: Path  # where \input looks first (the root dir, or an \import's dir)
