"""User preferences and window state, in one JSON file (no Qt, location injectable).

Preferences (annotator name, language, last project) are kept apart from window
state (geometry), as the user thinks of them apart; both survive a crash because
the file is replaced atomically.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.formats.atomic import atomic_writer
from annotator.core.paths import config_dir


@dataclass
class Settings:
    annotator: str = ""
    language: str = ""  # "zh", "en" or "" for the system language
    last_project: str = ""
    theme: str = ""  # "light", "dark" or "" for the system's
    all_tags: bool = False  # label names over every span, not only the current one
    window: dict[str, str] = field(default_factory=dict)  # Qt state blobs, base64
    path: Path | None = None

    @classmethod
    def load(cls, path: Path | None = None) -> Settings:
        path = path or config_dir() / "settings.json"
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = {}
        known = {
            k: v
            for k, v in data.items()
            if k in ("annotator", "language", "last_project", "theme", "all_tags", "window")
        }
        settings = cls(**known)
        settings.path = path
        return settings

    def save(self) -> None:
        if self.path is None:
            return
        data = {k: v for k, v in asdict(self).items() if k != "path"}
        with atomic_writer(self.path) as fh:
            fh.write(json.dumps(data, ensure_ascii=False, indent=2))
