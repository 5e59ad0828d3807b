"""What the suggesters build from the shipped data, kept in the user's cache folder.

Building the segmenter's dictionary, the lexicon's automaton and the name tables takes
seconds; unpickling them takes a fraction. Each is built on first use and kept under a
key made of everything it is built from (the lexicon, the name model, the word lists,
the versions of the package, of Python and of the libraries), so a change to any of them
builds afresh. A cache that cannot be read or written is only slower, never wrong.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from annotator import __version__
from annotator.core.paths import cache_dir
from annotator.core.resources import read_bytes, resource

T = TypeVar("T")

# Bump when what is pickled changes shape.
FORMAT = 2


@lru_cache(maxsize=1)
def key() -> str:
    """A digest of everything the cached objects are built from."""
    digest = hashlib.sha256(f"{FORMAT} {__version__} {sys.version}".encode())
    # The libraries by version, not by their files' times: two installs of the same
    # versions (a virtualenv and the packaged app) share one cache instead of each
    # building afresh over what the other built.
    for dist in _LIBRARIES:
        try:
            digest.update(f"{dist} {metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{dist} -".encode())
    for parts in (("lexicons", "lexicon.tsv"), ("lexicons", "name_model.json")):
        digest.update(read_bytes(*parts))
    for entry in sorted(resource("vocab").iterdir(), key=lambda p: p.name):
        digest.update(entry.name.encode() + entry.read_bytes())
    return digest.hexdigest()[:16]


# The distributions whose code or data the cached objects come from (jieba's dictionary
# ships in jieba's).
_LIBRARIES = ("rjieba", "pyahocorasick", "jieba")


def cached(name: str, build: Callable[[], T]) -> T:
    """``build()``, or what it returned last time under the same key."""
    path = cache_dir() / f"suggest-{name}-{key()}.pickle"
    try:
        with path.open("rb") as fh:
            value: T = pickle.load(fh)
        return value
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        pass
    value = build()
    _write(path, value)
    return value


def _write(path: Path, value: Any) -> None:
    """Atomically: a reader never sees half a file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.pickle"):
            old.unlink(missing_ok=True)  # what an older key built
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
