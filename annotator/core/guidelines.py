"""The project's annotation guidelines: a Markdown file the team edits.

It lives beside the project database, named after it (``project.db`` →
``project.guidelines.md``), so it travels with the project when the folder is
copied or shared. Until someone edits it, the guidelines shipped in
``resources/guidelines.md`` are shown. Each label's section starts with a line
``## NAME``; the window shows the section of the label the annotator is on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.formats.atomic import atomic_writer
from annotator.core.resources import read_text

_HEADING = re.compile(r"^##\s+([A-Za-z0-9_]+)\b[^\n]*$", re.M)


def project_path(db_path: str | Path) -> Path | None:
    """Where a project's guidelines live (None for an in-memory database)."""
    if str(db_path) == ":memory:":
        return None
    db = Path(db_path).expanduser()
    return db.with_name(f"{db.stem}.guidelines.md")


@dataclass(frozen=True)
class Guidelines:
    text: str
    path: Path | None = None  # the project's file, or None: the shipped default
    sections: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str, path: Path | None = None) -> Guidelines:
        heads = list(_HEADING.finditer(text))
        sections: dict[str, str] = {}
        for i, head in enumerate(heads):
            end = heads[i + 1].start() if i + 1 < len(heads) else len(text)
            sections.setdefault(head.group(1), text[head.start() : end].strip())
        return cls(text, path, sections)

    def section(self, label: str) -> str | None:
        return self.sections.get(label)


def default_text() -> str:
    return read_text("guidelines.md")


def load(db_path: str | Path) -> Guidelines:
    """The project's guidelines if it has its own file, else the shipped ones.

    An unreadable project file falls back to the default rather than failing: the
    guidelines are a help, never a reason the project cannot open.
    """
    path = project_path(db_path)
    if path is not None and path.is_file():
        try:
            return Guidelines.parse(path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError):
            pass
    return Guidelines.parse(default_text())


def ensure_project_copy(db_path: str | Path) -> Path:
    """The project's own file, created from the shipped guidelines if missing."""
    path = project_path(db_path)
    if path is None:
        raise ValueError("an in-memory project has no folder for its guidelines")
    if not path.exists():
        with atomic_writer(path) as out:
            out.write(default_text())
    return path


def rename_section(db_path: str | Path, old: str, new: str) -> bool:
    """Follow a label rename in the project's file (its ``## OLD`` heading)."""
    path = project_path(db_path)
    if path is None or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    renamed = re.sub(rf"^(##\s+){re.escape(old)}\b", rf"\g<1>{new}", text, flags=re.M)
    if renamed == text:
        return False
    with atomic_writer(path) as out:
        out.write(renamed)
    return True
