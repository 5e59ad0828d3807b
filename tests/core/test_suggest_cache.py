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
