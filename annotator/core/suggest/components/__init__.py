"""The suggesters, one module each, registered by name (see ``resources/suggest.json``)."""

from __future__ import annotations

from annotator.core.suggest.components import (
    dates,
    events,
    facilities,
    organisations,
    people,
    places,
    quoted,
    taught,
    titles,
)
from annotator.core.suggest.components.registry import REGISTRY, register

__all__ = [
    "REGISTRY",
    "dates",
    "events",
    "facilities",
    "organisations",
    "people",
    "places",
    "quoted",
    "register",
    "taught",
    "titles",
]
