"""Plain domain objects shared by every layer: articles, spans, labels."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from enum import Enum
from typing import Any

from annotator.core.resources import read_text

#: Joins the names of annotators who agree on a span (``Span.annotator`` in a team database).
JOIN = "+"


class SpanStatus(str, Enum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class ArticleStatus(str, Enum):
    NEW = "new"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Span:
    """A labelled character range of an article's cleaned text (end exclusive)."""

    start: int
    end: int
    label: str
    surface: str
    origin: str = "manual"
    status: SpanStatus = SpanStatus.PENDING
    confidence: float = 1.0
    annotator: str | None = None
    id: int | None = None

    def __post_init__(self) -> None:
        if self.start < 0 or self.end <= self.start:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")
        if len(self.surface) != self.end - self.start:
            raise ValueError(f"surface {self.surface!r} does not fit {self.start}..{self.end}")

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def fits(self, text: str) -> bool:
        return text[self.start : self.end] == self.surface

    def with_(self, **changes: Any) -> Span:
        return replace(self, **changes)


@dataclass(slots=True)
class Article:
    """An article as stored: ``text`` is the cleaned text all offsets refer to."""

    text: str
    source: str = ""
    title: str = ""
    raw: str = ""
    script: str = "simplified"
    status: ArticleStatus = ArticleStatus.NEW
    flags: dict[str, Any] = field(default_factory=dict)
    spans: list[Span] = field(default_factory=list)
    flagged: bool = False  # for review by someone else
    comment: str = ""
    id: int | None = None
    uid: str = ""
    external_id: str | None = None


_KEY_RE = re.compile(r"^[0-9]$")
_COLOUR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    zh: str
    en: str
    colour: str
    key: str
    order: int = 0

    def title(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


class LabelSet(Mapping[str, Label]):
    """An ordered, validated set of labels with unique names and keys."""

    def __init__(self, labels: Iterable[Label]) -> None:
        self._labels: dict[str, Label] = {}
        keys: set[str] = set()
        for i, label in enumerate(labels):
            if not label.name or not label.name.replace("_", "").isalnum():
                raise ValueError(f"bad label name {label.name!r}")
            if label.name in self._labels:
                raise ValueError(f"label {label.name} is defined twice")
            if label.key and (not _KEY_RE.match(label.key) or label.key in keys):
                raise ValueError(f"label {label.name}: key {label.key!r} is not a free digit")
            if not _COLOUR_RE.match(label.colour):
                raise ValueError(f"label {label.name}: colour {label.colour!r} is not #RRGGBB")
            keys.add(label.key)
            self._labels[label.name] = replace(label, order=i)

    def __getitem__(self, name: str) -> Label:
        return self._labels[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._labels)

    def __len__(self) -> int:
        return len(self._labels)

    def by_key(self, key: str) -> Label | None:
        return next((lab for lab in self._labels.values() if lab.key == key), None)

    @classmethod
    def from_json(cls, data: str | dict[str, Any]) -> LabelSet:
        obj = json.loads(data) if isinstance(data, str) else data
        return cls(
            Label(
                name=item["name"],
                zh=item.get("zh", item["name"]),
                en=item.get("en", item["name"]),
                colour=item.get("colour", "#CCCCCC"),
                key=str(item.get("key", "")),
            )
            for item in obj["labels"]
        )

    @classmethod
    def default(cls) -> LabelSet:
        return cls.from_json(read_text("labels.json"))
