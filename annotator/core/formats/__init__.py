"""Importers and exporters, one module per format.

Readers yield, per article, either an :class:`Article` or an :class:`InputError`
naming the file (and line) that could not be read, so one bad item never stops
the rest of a job.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from annotator.core.faults import cause, display_name
from annotator.core.model import Article, LabelSet
from annotator.core.text import DecodeError, clean, decode, title_of

MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class InputError:
    """One input that could not be read, with a message meant for the user."""

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        source = display_name(self.source)
        where = f"{source}:{self.line}" if self.line is not None else source
        return f"{where}: {self.message}"


Item = Article | InputError
Reader = Callable[[Path, LabelSet], Iterator[Item]]


MAX_ARTICLE_CHARS = 1_000_000


def article_from_raw(raw: str, source: str, *, title: str | None = None) -> Article:
    """Clean raw text into an article; its offsets refer to the cleaned text."""
    if len(raw) > MAX_ARTICLE_CHARS:
        raise DecodeError(
            f"too long for one article ({len(raw):,} characters; the limit is "
            f"{MAX_ARTICLE_CHARS:,}): split it into articles first"
        )
    cleaned = clean(raw)
    if not cleaned.text.strip():
        raise DecodeError(
            "nothing is left once web furniture (notices, menus, links) is removed: no article"
        )
    return Article(
        text=cleaned.text,
        source=source,
        title=title or title_of(cleaned.text),
        raw=raw,
        script=cleaned.script,
        flags=cleaned.flags,
        uid=cleaned.uid,
    )


def read_bytes_checked(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DecodeError(
            f"too large ({size / 1e6:.0f} MB; the limit is {MAX_FILE_BYTES // 2**20} MB a file)"
        )
    return path.read_bytes()


def read_text_file(path: Path) -> str:
    text, _encoding = decode(read_bytes_checked(path))
    return text


def _readers() -> dict[str, Reader]:
    from annotator.core.formats import html, jsonl, txt

    return {".txt": txt.read, ".html": html.read, ".htm": html.read, ".jsonl": jsonl.read}


def _regular(path: Path) -> Path | InputError:
    """The path if it is a regular file; reading a named pipe or a device would block
    or never end, so anything else is refused before it is opened."""
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return InputError(str(path), f"cannot read: {cause(exc)}")
    if stat.S_ISREG(mode):
        return path
    kind = (
        "a named pipe"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "not a regular file"
    )
    return InputError(str(path), f"{kind}, not a file: skipped")


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | InputError]:
    """Expand folders (recursively, sorted, hidden entries skipped) into regular files."""
    for given in paths:
        path = Path(given).expanduser()
        if path.is_dir():
            for root, dirs, files in os.walk(path, onerror=None):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith("."):
                        yield _regular(Path(root) / name)
        elif path.exists():
            yield _regular(path)
        else:
            yield InputError(str(given), "no such file or folder")


def read_paths(paths: Iterable[str | os.PathLike[str]], labels: LabelSet) -> Iterator[Item]:
    """Every article found under ``paths``, or an error per unreadable item."""
    readers = _readers()
    for entry in iter_files(paths):
        if isinstance(entry, InputError):
            yield entry
            continue
        reader = readers.get(entry.suffix.lower())
        if reader is None:
            yield InputError(
                str(entry),
                f"unsupported file type {entry.suffix or '(none)'!r}; use {', '.join(readers)}",
            )
            continue
        try:
            yield from reader(entry, labels)
        except DecodeError as exc:
            yield InputError(str(entry), str(exc))
        except OSError as exc:
            yield InputError(str(entry), f"cannot read: {cause(exc)}")
