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
