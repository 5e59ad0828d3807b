"""The corpus-wide half of propagate: a surface proposed (pending) in every other article.

At 100,000 articles one surface can occur 200,000 times, so this runs off the GUI
thread on its own connection: :meth:`CorpusPropagation.run` reads the articles that
contain the surface one at a time, writes the proposals in short transactions (the
window's own writes wait for at most one of them), reports progress and stops when
asked, taking back what it wrote. The session then attaches what was written to the
propagate's undo step, so one undo takes back the whole decision.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from annotator.core.model import Span, SpanStatus
from annotator.core.store import Store

Progress = Callable[[int, int, str], object]


@dataclass
class CorpusPropagation:
    """Propose ``surface`` as ``label`` wherever it occurs outside article ``exclude``."""

    surface: str
    label: str
    exclude: int
    step: object = field(default=None, repr=False)  # the session's undo step it belongs to
    chunk: int = 2000  # spans a transaction

    def run(
        self,
        store: Store,
        *,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> list[tuple[int, Span]] | None:
        """Write the proposals; (article id, span) of each, or None if cancelled
        (then nothing it wrote is left)."""
        surface = self.surface
        ids = [i for i in store.ids_containing(surface) if i != self.exclude]
        added: list[tuple[int, Span]] = []
        batch: list[tuple[int, str, list[Span]]] = []
        queued = 0

        def flush() -> None:
            nonlocal queued
            with store.transaction():
                for article_id, text, spans in batch:
                    added.extend(
                        (article_id, s) for s in store.add_spans(article_id, spans, text=text)
                    )
            batch.clear()
            queued = 0

        for done, article_id in enumerate(ids, 1):
            if cancelled():
                self._take_back(store, added)
                return None
            text = store.article_text(article_id)
            covered = bytearray(len(text))
            for s in store.spans(article_id, statuses=("accepted", "pending")):
                covered[s.start : s.end] = b"\x01" * (s.end - s.start)
            fresh = []
            at = text.find(surface)
            while at >= 0:
                end = at + len(surface)
                if 1 not in covered[at:end]:
                    fresh.append(
                        Span(
                            at,
                            end,
                            self.label,
                            surface,
                            origin="propagated",
                            status=SpanStatus.PENDING,
                        )
                    )
                    covered[at:end] = b"\x01" * len(surface)
                at = text.find(surface, end)
            if fresh:
                batch.append((article_id, text, fresh))
                queued += len(fresh)
            if queued >= self.chunk:
                flush()
            if progress is not None:
                progress(done, len(ids), surface)
        if batch:
            flush()
        if cancelled():
            self._take_back(store, added)
            return None
        return added

    @staticmethod
    def _take_back(store: Store, added: list[tuple[int, Span]]) -> None:
        with store.transaction():
            store.delete_spans(s.id for _a, s in added if s.id is not None)
