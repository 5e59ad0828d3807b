"""What the suggesters build once is kept, and a bad cache only costs a rebuild."""

from __future__ import annotations

from annotator.core.suggest import cache


def test_a_cached_value_is_built_once(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    built = []

    def build():
        built.append(1)
        return {"甲": frozenset({"LOC"})}

    assert cache.cached("probe", build) == {"甲": frozenset({"LOC"})}
    assert cache.cached("probe", build) == {"甲": frozenset({"LOC"})}
    assert built == [1]
    assert [p.name for p in tmp_path.iterdir()] == [f"suggest-probe-{cache.key()}.pickle"]


def test_a_damaged_cache_is_built_again(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    (tmp_path / f"suggest-probe-{cache.key()}.pickle").write_bytes(b"not a pickle")
    assert cache.cached("probe", lambda: 42) == 42
    assert cache.cached("probe", lambda: 43) == 42  # the rebuilt value was kept


def test_an_older_key_is_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("ANNOTATOR_CACHE", str(tmp_path))
    (tmp_path / "suggest-probe-0123456789abcdef.pickle").write_bytes(b"old")
    cache.cached("probe", lambda: 1)
    assert [p.name for p in tmp_path.iterdir()] == [f"suggest-probe-{cache.key()}.pickle"]


def test_an_unwritable_cache_still_gives_the_value(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("ANNOTATOR_CACHE", str(blocker / "cache"))  # under a file
    assert cache.cached("probe", lambda: "built") == "built"


def test_the_key_follows_the_libraries_versions_not_their_files_times(monkeypatch):
    import importlib.util
    import os

    origin = importlib.util.find_spec("rjieba").origin
    before = os.stat(origin)
    cache.key.cache_clear()
    first = cache.key()
    try:
        # Another install of the same version: the same files, other times.
        os.utime(origin, ns=(before.st_atime_ns, before.st_mtime_ns + 10**9))
        cache.key.cache_clear()
        assert cache.key() == first
    finally:
        os.utime(origin, ns=(before.st_atime_ns, before.st_mtime_ns))
    real = cache.metadata.version
    monkeypatch.setattr(
        cache.metadata, "version", lambda d: "0.0-other" if d == "rjieba" else real(d)
    )
    cache.key.cache_clear()
    try:
        assert cache.key() != first
    finally:
        monkeypatch.undo()
        cache.key.cache_clear()
