"""Import files into a store: read, clean, suggest, store; one article a transaction."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from annotator.core.formats import InputError, iter_files, read_paths
from annotator.core.store import Store, StoreError


@dataclass
class ImportSummary:
    added: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    # Why the import stopped before the end (disk full, database locked), or None.
    stopped: str | None = None


def import_paths(
    store: Store,
    paths: Iterable[str | os.PathLike[str]],
    *,
    suggest: bool = True,
    on_error: Callable[[InputError], object] | None = None,
    on_progress: Callable[[int, str], object] | None = None,
    on_total: Callable[[int], object] | None = None,
    cancelled: Callable[[], bool] = lambda: False,
) -> ImportSummary:
    """Import every article under ``paths``; bad items are reported and skipped.

    Each article, with its suggestions, is written in one transaction: a crash
    or kill leaves whole articles only.
    """
    summary = ImportSummary()
    paths = list(paths)
    if on_total:
        on_total(count_items(paths))
    labels = store.labels()
    pipeline = None
    if suggest:
        from annotator.core.suggest import default_pipeline

        pipeline = default_pipeline(store=store)

    def fail(error: InputError) -> None:
        summary.failed += 1
        summary.errors.append(error)
        if on_error:
            on_error(error)

    for done, item in enumerate(read_paths(paths, labels), 1):
        if cancelled():
            break
        if isinstance(item, InputError):
            fail(item)
            continue
        if on_progress:
            on_progress(done, item.source)
        if pipeline is not None and not item.spans:
            item.spans = pipeline.suggest(item.text)
        try:
            article_id, created = store.add_article(item)
        except ValueError as exc:
            fail(InputError(item.source, str(exc)))
            continue
        except StoreError as exc:  # the database, not this article: stop, keep the count
            summary.stopped = str(exc)
            break
        if created:
            summary.added += 1
            summary.article_ids.append(article_id)
        else:
            summary.duplicates += 1
    return summary


def count_items(paths: Iterable[str | os.PathLike[str]]) -> int:
    """About how many items ``paths`` hold, for a progress total: one a file, one a
    line of a JSONL file (counted without parsing)."""
    total = 0
    for entry in iter_files(paths):
        if isinstance(entry, Path) and entry.suffix.lower() == ".jsonl":
            try:
                with entry.open("rb") as fh:
                    lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                total += max(lines, 1)
            except OSError:
                total += 1
        else:
            total += 1
    return total
