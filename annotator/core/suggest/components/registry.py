"""Components by name: each module registers its class here when imported."""

from __future__ import annotations

from typing import TypeVar

from annotator.core.suggest.base import Component

C = TypeVar("C", bound=type[Component])

REGISTRY: dict[str, type[Component]] = {}


def register(cls: C) -> C:
    """Class decorator: make a component known to the pipeline's config by its name."""
    if not cls.name or not cls.labels:
        raise ValueError(f"{cls.__name__}: a component needs a name and its labels")
    if cls.name in REGISTRY:
        raise ValueError(f"two components are named {cls.name!r}")
    REGISTRY[cls.name] = cls
    return cls
