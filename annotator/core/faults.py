"""What went wrong with a file, in words a user understands.

The one place that turns an OSError or an sqlite3 error into a sentence naming the
file and the cause ("the disk is full", "no permission to write ..."). Every
command and the window show faults through :func:`describe`; none shows a
traceback or an exception's class name for a fault of the environment.
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

_CONTROL = {i: f"\\x{i:02x}" for i in range(32)} | {0x7F: "\\x7f"}


def display_name(path: str | os.PathLike[str]) -> str:
    """A file name as one printable line, whatever bytes it holds.

    Names are bytes on POSIX; one that is not UTF-8 reaches Python with surrogate
    escapes, which cannot be stored or printed. Undecodable bytes show as ``\\xff``
    and control characters (a newline in a name) as ``\\x0a``.
    """
    name = os.fsencode(path).decode("utf-8", "backslashreplace")
    return name.translate(_CONTROL)


_ERRNO: dict[int, str] = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "the file is too large for this disk",
    errno.EACCES: "no permission",
    errno.EPERM: "no permission",
    errno.EROFS: "the disk is read-only",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EEXIST: "a file of that name is in the way",
    errno.ENOENT: "no such file or folder",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EIO: "the disk could not be read or written (input/output error)",
    errno.EMFILE: "too many files are open",
}

# Substrings of SQLite's messages, in the order they are tried.
_SQLITE: tuple[tuple[str, str], ...] = (
    ("database or disk is full", "the disk is full"),
    ("readonly database", "no permission to write to it (the file or its folder is read-only)"),
    ("database is locked", "another program is writing to it (the database is locked)"),
    ("unable to open database", "it cannot be opened (a missing folder, or no permission)"),
    ("disk i/o error", "the disk could not be read or written (input/output error)"),
    ("malformed", "the file is damaged"),
    ("file is not a database", "it is not a database"),
    ("no such table", "it is not an annotator database"),
)


def cause(exc: BaseException) -> str:
    """The cause alone, without the file: 'the disk is full'."""
    if isinstance(exc, OSError) and exc.errno in _ERRNO:
        what = _ERRNO[exc.errno]
        if exc.errno in (errno.EACCES, errno.EPERM):
            return what + " to read or write it"
        return what
    if isinstance(exc, sqlite3.Error):
        message = str(exc).lower()
        for needle, words in _SQLITE:
            if needle in message:
                return words
        return f"the database reported: {exc}"
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def describe(exc: BaseException, path: str | os.PathLike[str] | None = None) -> str:
    """One line: the file, then the cause. ``path`` names the file the user gave;
    without it, the file the error names."""
    if path is None and isinstance(exc, OSError) and exc.filename is not None:
        path = exc.filename
    text = cause(exc)
    return f"{display_name(path)}: {text}" if path is not None else text


def folder_writable(path: str | os.PathLike[str]) -> bool:
    """Whether new files can be made beside ``path`` (SQLite's journal needs that)."""
    return os.access(Path(path).expanduser().absolute().parent, os.W_OK | os.X_OK)
