"""Where the app keeps its files. Tests point ANNOTATOR_HOME at a temporary folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs


def data_dir() -> Path:
    override = os.environ.get("ANNOTATOR_HOME")
    base = Path(override) if override else Path(platformdirs.user_data_dir("annotator", False))
    return base.expanduser()


def config_dir() -> Path:
    override = os.environ.get("ANNOTATOR_HOME")
    base = Path(override) if override else Path(platformdirs.user_config_dir("annotator", False))
    return base.expanduser()


def cache_dir() -> Path:
    """What the app builds once from its shipped data and may rebuild at any time
    (``ANNOTATOR_CACHE`` overrides it)."""
    if os.environ.get("ANNOTATOR_CACHE"):
        return Path(os.environ["ANNOTATOR_CACHE"]).expanduser()
    override = os.environ.get("ANNOTATOR_HOME")
    if override:
        return Path(override).expanduser() / "cache"
    return Path(platformdirs.user_cache_dir("annotator", False)).expanduser()
