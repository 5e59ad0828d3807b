"""Atomic file output: a temporary file beside the target, then a rename."""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO


@contextmanager
def atomic_writer(path: str | Path | None, *, binary: bool = False) -> Iterator[TextIO]:
    """Yield a file; on success it replaces ``path`` in one step, on error nothing changes.

    ``None`` or ``"-"`` writes to stdout, once the whole output is ready.
    """
    if path is None or str(path) == "-":
        # Spooled (in memory up to a few MB, then on disk) and copied out only on
        # success, so a failed export prints nothing and memory stays flat.
        with tempfile.SpooledTemporaryFile(
            8 * 2**20, mode="w+b" if binary else "w+", encoding=None if binary else "utf-8"
        ) as spool:
            yield spool  # type: ignore[misc]
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout.buffer if binary else sys.stdout)
        sys.stdout.flush()
        return
    target = Path(path).expanduser()
    try:
        if target.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except (FileExistsError, NotADirectoryError):
            raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR)) from None
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _naming(exc, target) from exc
    try:
        with os.fdopen(
            fd,
            "wb" if binary else "w",
            encoding=None if binary else "utf-8",
            newline=None if binary else "\n",
        ) as fh:
            yield fh  # type: ignore[misc]
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file 0600; an export is an ordinary file, readable as
        # the user's umask allows (or as the file it replaces was).
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and exc.filename in (None, tmp):
            raise _naming(exc, target) from exc
        raise


def _naming(exc: OSError, target: Path) -> OSError:
    """The same error, naming the file the user asked for (not the temporary one)."""
    return OSError(exc.errno, exc.strerror or str(exc), str(target))


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
