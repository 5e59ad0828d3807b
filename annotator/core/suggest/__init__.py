"""Suggesters: components over one analysis, and the pipeline that merges them
(DESIGN.md, "Suggesters"). The session, the CLI and the window use only what is here."""

from __future__ import annotations

from annotator.core.suggest.analysis import Analysis
from annotator.core.suggest.base import Candidate
from annotator.core.suggest.pipeline import Pipeline, default_pipeline
from annotator.core.suggest.segment import word_edges

__all__ = ["Analysis", "Candidate", "Pipeline", "default_pipeline", "word_edges"]
