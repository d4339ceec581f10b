"""What a path is, asked of the file system without letting it raise.

``Path.exists()``, ``is_file()`` and ``is_dir()`` swallow only "no such file": a name longer than
the file system allows (``ENAMETOOLONG``) or a directory without search permission (``EACCES``)
raises from them, which once ended config discovery and a whole batch in a traceback. And
``is_file()`` says False for a FIFO or a device, which the readers then reported as "no such file".
Here each question has an answer, and :func:`problem` says in one phrase why a path cannot be read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.ENOTDIR: "no such file or directory",  # a path that goes through a file
    errno.ENAMETOOLONG: "file name too long",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ELOOP: "too many levels of symbolic links",
}


def _mode(path: Path | str) -> int | str:
    """The file's mode (links followed), or why it cannot be had."""
    try:
        return os.stat(path).st_mode
    except OSError as error:
        return _REASONS.get(error.errno or 0, f"cannot read it ({error.strerror or error})")
    except ValueError:  # a NUL byte in the name
        return "invalid file name (it holds a NUL byte)"


def problem(path: Path | str) -> str | None:
    """Why ``path`` is neither a regular file nor a directory that can be read, or None.

    A FIFO would block the reader until some other process writes to it, and a device such as
    ``/dev/zero`` never ends: neither is ever opened."""
    mode = _mode(path)
    if isinstance(mode, str):
        return mode
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe), not a file: not read"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device, not a file: not read"
    if stat.S_ISSOCK(mode):
        return "a socket, not a file: not read"
    return "not a regular file: not read"


def exists(path: Path | str) -> bool:
    return not isinstance(_mode(path), str)


def is_file(path: Path | str) -> bool:
    """A regular file (links followed); False for anything that cannot be asked."""
    mode = _mode(path)
    return not isinstance(mode, str) and stat.S_ISREG(mode)


def is_dir(path: Path | str) -> bool:
    mode = _mode(path)
    return not isinstance(mode, str) and stat.S_ISDIR(mode)
