"""Suggestions for many texts, spread over the machine's cores.

The batch's first text is suggested in this process, which loads jieba, the lexicon and
the models; the workers then start as copies of this process (fork, where the system
has it), so they share what is loaded instead of loading it again. Each worker opens
the project on its own: a SQLite connection must not cross into another process.
Results come back in the order the texts went in, with at most a few texts a worker in
flight, so a corpus of any size streams through in bounded memory. A text whose
suggestion fails is reported as that item's error and the batch goes on.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from annotator.core.model import Span

T = TypeVar("T")

# More workers than this gain little on a desktop and each holds its own heap.
MAX_JOBS = 4
# Texts queued per worker: enough that none waits for the next, few enough to bound memory.
_AHEAD = 2

Outcome = list[Span] | Exception | None

_pipeline: Any = None  # a worker's own pipeline (see _start)


def default_jobs() -> int:
    """The cores this process may use, up to :data:`MAX_JOBS`."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, MAX_JOBS))


def settle_heap() -> None:
    """Once the suggesters are loaded: what is loaded stays to the end, so the cyclic
    collector stops walking it (the dictionaries' sets hold hundreds of thousands of
    strings: each full collection took some 30 ms), and it looks at new objects only
    once half a million are alive: a text makes a few hundred thousand containers (one
    list of attributes per character), none in a cycle, all freed by reference counting
    when the text is done. With 10,000, the collector walked them five times a text
    (0.7 s of 14 on a million characters). Frozen objects are also never written by the
    collector, so a forked worker keeps sharing their pages."""
    gc.freeze()
    gc.set_threshold(500_000, 10, 10)


def _start(db: str | None) -> None:
    """A worker's start: its own pipeline, over its own connection to the project."""
    global _pipeline
    from annotator.core.suggest import default_pipeline

    # Ctrl-C is the batch's to handle: it stops handing out texts and waits for these.
    signal.signal(signal.SIGINT, signal.SIG_IGN)

    store = None
    if db is not None:
        from annotator.core.store import Store

        store = Store.open(db, check=False)
    _pipeline = default_pipeline(store=store)


def _suggest(text: str) -> list[Span]:
    spans: list[Span] = _pipeline.suggest(text)
    return spans


def _context() -> Any:
    # fork shares the loaded dictionaries; macOS's system libraries are not safe to fork.
    if sys.platform != "darwin" and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _here(pipeline: Any, text: str) -> list[Span] | Exception:
    try:
        spans: list[Span] = pipeline.suggest(text)
    except Exception as exc:  # one text's failure is that item's error
        return exc
    return spans


def suggest_all(
    items: Iterable[T],
    text_of: Callable[[T], str | None],
    pipeline: Any,
    *,
    db: str | None = None,
    jobs: int = 1,
) -> Iterator[tuple[T, Outcome]]:
    """Each item with its suggestions, in order: a list of spans, the exception that
    stopped its suggestion, or None for an item with no text (``text_of`` says None:
    an input error, say, passed through in its place).

    ``pipeline`` suggests the first text here (and every text when ``jobs`` is 1);
    ``db`` is the project the workers open for themselves (None: the shipped state).
    """
    it = iter(items)
    for item in it:
        text = text_of(item)
        if text is None:
            yield item, None
            continue
        yield item, _here(pipeline, text)
        break
    else:
        return
    settle_heap()
    if jobs <= 1:
        for item in it:
            text = text_of(item)
            yield item, None if text is None else _here(pipeline, text)
        return
    yield from _over_workers(it, text_of, pipeline, db, jobs)


def _over_workers(
    it: Iterator[T], text_of: Callable[[T], str | None], pipeline: Any, db: str | None, jobs: int
) -> Iterator[tuple[T, Outcome]]:
    pending: deque[tuple[T, Future[list[Span]] | None]] = deque()
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start, initargs=(db,))
    broken = False
    try:
        for item in it:
            text = text_of(item)
            future: Future[list[Span]] | None = None
            if text is not None and not broken:
                try:
                    future = pool.submit(_suggest, text)
                except BrokenProcessPool:
                    broken = True
            if text is not None and future is None:  # no workers left: here
                future = _done(_here(pipeline, text))
            pending.append((item, future))
            while len(pending) > jobs * _AHEAD or (pending and _ready(pending[0][1])):
                got = _result(*pending.popleft())
                broken = broken or isinstance(got[1], _Lost)
                yield got
        while pending:
            yield _result(*pending.popleft())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _done(outcome: list[Span] | Exception) -> Future[list[Span]]:
    future: Future[list[Span]] = Future()
    if isinstance(outcome, Exception):
        future.set_exception(outcome)
    else:
        future.set_result(outcome)
    return future


def _ready(future: Future[list[Span]] | None) -> bool:
    return future is None or future.done()


def _result(item: T, future: Future[list[Span]] | None) -> tuple[T, Outcome]:
    if future is None:
        return item, None
    try:
        return item, future.result()
    except BrokenProcessPool as exc:
        return item, _Lost(f"the process suggesting it stopped ({exc})")
    except Exception as exc:  # the worker's own error
        return item, exc


class _Lost(RuntimeError):
    """A worker ended (killed, out of memory) with this text in hand."""
