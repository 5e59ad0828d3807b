"""Suggesters and the pipeline that merges them (DESIGN.md, "Suggesters")."""

from __future__ import annotations

from annotator.core.suggest.pipeline import Pipeline, default_pipeline

__all__ = ["Pipeline", "default_pipeline"]
