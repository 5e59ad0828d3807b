"""Suggesters and the pipeline that merges them (DESIGN.md, "Suggesters")."""

from __future__ import annotations

from typing import Any

from annotator.core.suggest.pipeline import Pipeline, default_pipeline

__all__ = ["Pipeline", "default_pipeline"]


def __getattr__(name: str) -> Any:  # pragma: no cover - guidance for typos
    raise AttributeError(name)
