"""Shared fixtures. Qt runs offscreen; every test gets its own app home folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annotator.core.resources import resource

SAMPLES = Path(str(resource("samples")))
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/ui" in Path(str(item.fspath)).as_posix():
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def _suggest_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One cache of the suggesters' built data for the whole run (CLI subprocesses too)."""
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def _isolated_home(
    _suggest_cache: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("ANNOTATOR_HOME", str(home))
    monkeypatch.setenv("ANNOTATOR_CACHE", str(_suggest_cache))
    monkeypatch.delenv("ANNOTATOR_DB", raising=False)
    # No child process retraining the model behind a test (tests/ui/test_training.py).
    monkeypatch.setenv("ANNOTATOR_BACKGROUND_TRAIN", "0")
    return home


@pytest.fixture
def samples() -> dict[str, str]:
    return {p.name[:3]: p.read_text(encoding="utf-8") for p in SAMPLE_FILES}


@pytest.fixture
def store(tmp_path: Path):
    from annotator.core.store import Store

    with Store.open(tmp_path / "project.db") as st:
        yield st
