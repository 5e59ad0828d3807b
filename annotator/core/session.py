"""An annotation session: the current article and span, and every action, without Qt.

Each action becomes a :class:`Change` set (span rows before/after, lexicon entries
before/after, article status before/after). Applying one is a single store
transaction that also logs an event; undo applies the inverse the same way. So one
mechanism serves accept, reject, relabel, boundary moves, add, delete, accept-all,
propagate and mark-done, and a decision the window has acknowledged is on disk.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from annotator.core import guidelines
from annotator.core.model import JOIN, Article, ArticleStatus, LabelSet, Span, SpanStatus
from annotator.core.propagate import CorpusPropagation
from annotator.core.store import Store, StoreBusy
from annotator.core.suggest.components.taught import CONFIDENCE, TaughtSurfaces
from annotator.core.text import to_simplified

Listener = Callable[[str], None]


class ActionError(ValueError):
    """An action that cannot be done here (shown to the user, nothing changes)."""


@dataclass(slots=True)
class SpanChange:
    article_id: int
    before: Span | None
    after: Span | None


@dataclass(frozen=True, slots=True)
class LexiconChange:
    surface: str
    label: str
    before: str | None  # polarity, or None for "no entry"
    after: str | None


@dataclass(frozen=True, slots=True)
class StatusChange:
    article_id: int
    before: ArticleStatus
    after: ArticleStatus


@dataclass(frozen=True, slots=True)
class NoteChange:
    """An article's review flag and comment, before and after (written together)."""

    article_id: int
    before: tuple[bool, str]
    after: tuple[bool, str]


@dataclass
class Change:
    """One user action, as data: what it changes, so it can be applied and reverted."""

    action: str
    spans: list[SpanChange] = field(default_factory=list)
    lexicon: list[LexiconChange] = field(default_factory=list)
    status: list[StatusChange] = field(default_factory=list)
    focus: int | None = None  # span id to make current after applying
    notes: list[NoteChange] = field(default_factory=list)
    note: dict[str, object] = field(default_factory=dict)  # more detail for the event log

    def inverse(self) -> Change:
        return Change(
            self.action,
            [SpanChange(c.article_id, c.after, c.before) for c in reversed(self.spans)],
            [LexiconChange(c.surface, c.label, c.after, c.before) for c in reversed(self.lexicon)],
            [StatusChange(c.article_id, c.after, c.before) for c in reversed(self.status)],
            notes=[NoteChange(c.article_id, c.after, c.before) for c in reversed(self.notes)],
        )

    def __bool__(self) -> bool:
        return bool(self.spans or self.lexicon or self.status or self.notes)

    def rename_labels(self, renames: dict[str, str]) -> None:
        """Follow a rename of labels (the undo history must not resurrect old names)."""
        if not renames:
            return
        for sc in self.spans:
            for side in ("before", "after"):
                span = getattr(sc, side)
                if span is not None and span.label in renames:
                    setattr(sc, side, span.with_(label=renames[span.label]))
        self.lexicon = [replace(lc, label=renames.get(lc.label, lc.label)) for lc in self.lexicon]


@dataclass(frozen=True, slots=True)
class SpanFilter:
    """Which spans of the article a batch decision (and the span list) covers; None = any."""

    label: str | None = None
    origin: str | None = None
    status: SpanStatus | None = None

    def matches(self, span: Span) -> bool:
        return (
            (self.label is None or span.label == self.label)
            and (self.origin is None or span.origin == self.origin)
            and (self.status is None or span.status is self.status)
        )


def _describe(change: SpanChange) -> list[str | None]:
    """Compact event detail: label before, label after, surface."""
    span = change.after or change.before
    return [
        change.before.label if change.before else None,
        change.after.label if change.after else None,
        span.surface if span else None,
    ]


class Session:
    """Holds the current article and span; every action goes through :meth:`_commit`."""

    def __init__(self, store: Store, annotator: str) -> None:
        self.store = store
        self.annotator = annotator
        self.article: Article | None = None
        self.spans: list[Span] = []
        self.current: int | None = None  # span id
        self._undo: list[Change] = []
        self._redo: list[Change] = []
        self._listeners: list[Listener] = []
        self.labels = store.labels()
        self.last_label = next(iter(self.labels), "PER")
        self._learned: TaughtSurfaces | None = None
        self._edges: tuple[int | None, list[int]] = (None, [])
        self.accepted_rest = 0  # spans the last mark_done accepted

    # ------------------------------------------------------------------ observers
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _emit(self, what: str) -> None:
        for listener in list(self._listeners):
            listener(what)

    # ------------------------------------------------------------------ reading
    @property
    def article_id(self) -> int | None:
        return self.article.id if self.article else None

    def current_span(self) -> Span | None:
        return next((s for s in self.spans if s.id == self.current), None)

    def word_edges(self) -> list[int]:
        """Word edges of the open article (cached; computed here if no worker has yet)."""
        if self.article is None:
            return []
        if self._edges[0] != self.article.id or not self._edges[1]:
            from annotator.core.suggest import word_edges

            self._edges = (self.article.id, word_edges(self.article.text))
        return self._edges[1]

    def set_word_edges(self, article_id: int | None, edges: list[int]) -> None:
        """Edges computed off the GUI thread for ``article_id``."""
        if article_id is not None and article_id == self.article_id:
            self._edges = (article_id, edges)

    def live_spans(self) -> list[Span]:
        """Spans that are part of the annotation (not rejected)."""
        return [s for s in self.spans if s.status is not SpanStatus.REJECTED]

    # ------------------------------------------------------------------ navigation
    def open_article(self, article_id: int, *, span_id: int | None = None) -> None:
        if not self.store.read_only:  # a read-only project is shown as it is
            self._apply_learning(article_id)
        self.article = self.store.article(article_id)
        self.spans = self.article.spans
        ids = {s.id for s in self.spans}
        self.current = span_id if span_id in ids else None
        if self.current is None:
            first = self._pending_after(-1) or (self.live_spans()[0] if self.live_spans() else None)
            self.current = first.id if first else None
        self._save_cursor()
        self._emit("article")

    def _apply_learning(self, article_id: int) -> None:
        """Bring an article's suggestions up to date with what annotators taught.

        Suggestions were made when the article was imported; since then, surfaces
        may have been accepted (propose them here too) or rejected (withdraw them).
        Only undecided suggestions change, so no decision is ever touched.
        """
        if self._learned is None:
            self._learned = TaughtSurfaces(self.store)
        learned = self._learned
        if not self.store.lexicon_size():
            return
        text = self.store.article_text(article_id)
        simplified = to_simplified(text)
        spans = self.store.spans(article_id)
        withdrawn = [
            s
            for s in spans
            if s.status is SpanStatus.PENDING
            and learned.rejects(simplified[s.start : s.end], s.label)
        ]
        # Which characters a live span covers: one pass over the spans, then each
        # proposal is checked against its own characters only (linear in the text).
        gone = {s.id for s in withdrawn}
        covered = bytearray(len(text))
        for s in spans:
            if s.status is not SpanStatus.REJECTED and s.id not in gone:
                covered[s.start : s.end] = b"\x01" * (s.end - s.start)
        fresh = []
        for start, end, label in learned.matches(simplified):
            if label in self.labels and 1 not in covered[start:end]:
                fresh.append(
                    Span(
                        start,
                        end,
                        label,
                        text[start:end],
                        origin="learned",
                        confidence=CONFIDENCE,
                    )
                )
                covered[start:end] = b"\x01" * (end - start)
        if not withdrawn and not fresh:
            return
        with self.store.transaction():
            self.store.delete_spans(s.id for s in withdrawn if s.id is not None)
            self.store.add_spans(article_id, fresh, text=text)

    def resume(self) -> bool:
        """Open the article and span this annotator was last on. False if none."""
        raw = self.store.get_meta(f"cursor:{self.annotator}")
        first = self.store.next_article_id(None)
        if first is None:
            return False
        cursor = json.loads(raw) if raw else {}
        article_id = cursor.get("article")
        if not isinstance(article_id, int) or not self.store.has_article(article_id):
            article_id = self.first_unfinished() or first
        self.open_article(article_id, span_id=cursor.get("span"))
        return True

    def first_unfinished(self, after: int | None = None) -> int | None:
        """The first new or in-progress article (after ``after``, wrapping round)."""
        unfinished = ("new", "in_progress")
        if after is not None:
            later = self.store.next_article_id(after, statuses=unfinished)
            if later is not None:
                return later
        return self.store.next_article_id(None, statuses=unfinished)

    def step_article(self, delta: int) -> bool:
        current = self.article_id
        target = self.store.next_article_id(current, backwards=delta < 0) if current else None
        if current is None or not self.store.has_article(current):
            target = self.store.next_article_id(None)
            if target is None:
                return False
        elif target is None:
            return False
        self.open_article(target)
        return True

    def _pending_after(self, pos: int) -> Span | None:
        return next(
            (s for s in self.spans if s.status is SpanStatus.PENDING and s.start > pos), None
        )

    def _position(self) -> int:
        span = self.current_span()
        return span.start if span else -1

    def step_span(self, delta: int) -> None:
        """Next / previous span, pending ones first (wrapping), then any live span."""
        pos = self._position()
        pending = [s for s in self.spans if s.status is SpanStatus.PENDING]
        pool = pending or self.live_spans()
        if not pool:
            return
        if delta > 0:
            target = next((s for s in pool if s.start > pos), pool[0])
        else:
            target = next((s for s in reversed(pool) if s.start < pos), pool[-1])
        self.set_current(target.id)

    def set_current(self, span_id: int | None) -> None:
        if span_id != self.current:
            self.current = span_id
            self._emit("current")

    def span_at(self, offset: int) -> Span | None:
        return next((s for s in self.live_spans() if s.start <= offset < s.end), None)

    # ------------------------------------------------------------------ commit/undo
    def _save_cursor(self) -> None:
        """Remember where this annotator is; a convenience, so a read-only or busy
        database only means the next start opens an earlier place."""
        if self.article is None or self.store.read_only:
            return
        with contextlib.suppress(StoreBusy):
            self.store.set_meta(
                f"cursor:{self.annotator}",
                json.dumps({"article": self.article.id, "span": self.current}),
            )

    def _apply(
        self, change: Change, *, logged_as: str, replaying: bool = False, cursor: int | None = None
    ) -> None:
        store = self.store
        with store.transaction():
            deleted: list[int] = []  # in one batch: undoing a propagate deletes thousands
            for sc in change.spans:
                if sc.before is None and sc.after is not None:
                    if replaying and sc.after.id is not None:
                        store.restore_span(sc.article_id, sc.after)
                    else:
                        sc.after = store.add_span(sc.article_id, sc.after)
                elif sc.after is None and sc.before is not None and sc.before.id is not None:
                    deleted.append(sc.before.id)
                elif sc.after is not None:
                    store.update_span(sc.after)
            store.delete_spans(deleted)
            for lc in change.lexicon:
                if lc.after is None:
                    store.forget(lc.surface, lc.label)
                else:
                    store.teach(lc.surface, lc.label, lc.after, self.annotator)
            for st in change.status:
                store.set_article_status(st.article_id, st.after)
            for nc in change.notes:
                store.set_article_note(nc.article_id, flagged=nc.after[0], comment=nc.after[1])
            store.log_event(
                logged_as,
                annotator=self.annotator,
                article_id=self.article_id,
                span_id=change.focus,
                payload={
                    "action": change.action,
                    "spans": len(change.spans),
                    "detail": [_describe(c) for c in change.spans[:20]],
                    **change.note,
                },
            )
            if self.article is not None:
                store.set_meta(
                    f"cursor:{self.annotator}",
                    json.dumps(
                        {"article": self.article.id, "span": cursor or change.focus or self.current}
                    ),
                )
        # Exactly once per change on disk (one event row each): what acknowledges a
        # decision (bench simulate --log-acks); "spans" is for repainting and may repeat.
        self._emit("committed")

    def _commit(self, change: Change, *, advance: bool = False) -> None:
        if not change:
            return
        article = self.article
        if (
            article is not None
            and article.id is not None
            and article.status is ArticleStatus.NEW
            and not change.status
            and change.spans  # a flag or a comment is no start on the annotation
        ):
            change.status.append(
                StatusChange(article.id, ArticleStatus.NEW, ArticleStatus.IN_PROGRESS)
            )
        cursor = self._next_pending(change) if advance else None
        self._apply(change, logged_as=change.action, cursor=cursor)
        if change.focus is None and len(change.spans) == 1 and change.spans[0].after is not None:
            change.focus = change.spans[0].after.id
        self._undo.append(change)
        self._redo.clear()
        self._reload(cursor or change.focus, change)

    def _next_pending(self, change: Change) -> int | None:
        """Where the cursor goes after a decision: the next pending span, wrapping."""
        decided = {c.before.id for c in change.spans if c.before is not None}
        pos = next((s.start for s in self.spans if s.id == change.focus), self._position())
        pending = [s for s in self.spans if s.status is SpanStatus.PENDING and s.id not in decided]
        nxt = next((s for s in pending if s.start > pos), pending[0] if pending else None)
        return nxt.id if nxt else None

    def _reload(self, focus: int | None, change: Change | None = None) -> None:
        """Bring the in-memory article in line with the store after ``change``.

        The change says exactly what was written (ids included), so the spans are
        patched in place instead of read back: it keeps a decision on a long article
        well inside one frame.
        """
        article = self.article
        if article is None or article.id is None:
            return
        if change is None:
            fresh = self.store.article(article.id)
            self.article, self.spans = fresh, fresh.spans
        else:
            by_id = {s.id: s for s in self.spans}
            for sc in change.spans:
                if sc.article_id != article.id:
                    continue
                if sc.before is not None:
                    by_id.pop(sc.before.id, None)
                if sc.after is not None:
                    by_id[sc.after.id] = sc.after
            self.spans = sorted(by_id.values(), key=lambda s: (s.start, s.end, s.id or 0))
            article.spans = self.spans
            for st in change.status:
                if st.article_id == article.id:
                    article.status = st.after
            for nc in change.notes:
                if nc.article_id == article.id:
                    article.flagged, article.comment = nc.after
        self.current = focus if any(s.id == focus for s in self.spans) else self.current
        self._emit("spans")

    def undo(self) -> bool:
        if not self._undo:
            return False
        change = self._undo.pop()
        inverse = change.inverse()
        self._apply(inverse, logged_as="undo", replaying=True)
        self._redo.append(change)
        self._follow(change, inverse)
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        change = self._redo.pop()
        self._apply(change, logged_as="redo", replaying=True)
        self._undo.append(change)
        self._follow(change, change)
        return True

    def _follow(self, change: Change, applied: Change) -> None:
        """After undo/redo, show the article the change was in, on its span."""
        target = (
            next((c.article_id for c in change.spans), None)
            or next((c.article_id for c in change.status), None)
            or next((c.article_id for c in change.notes), None)
        )
        focus = change.focus
        if target is not None and target != self.article_id:
            self.open_article(target, span_id=focus)
        else:
            self._reload(focus, applied)
            if focus is not None:
                self.set_current(focus)

    # ------------------------------------------------------------------ helpers
    def _need_article(self) -> tuple[Article, int]:
        if self.article is None or self.article.id is None:
            raise ActionError("no article is open")
        return self.article, self.article.id

    def _need_span(self) -> Span:
        span = self.current_span()
        if span is None:
            raise ActionError("no span is selected")
        return span

    def _decided(self, span: Span, **changes: object) -> Span:
        return span.with_(annotator=self.annotator, **changes)

    def _teach(self, surface: str, label: str, polarity: str) -> LexiconChange:
        before = self.store.lexicon_polarity(surface, label)
        return LexiconChange(surface, label, before, polarity)

    def _clear_overlaps(
        self, article_id: int, spans: list[Span], start: int, end: int, *, keep: int | None = None
    ) -> list[SpanChange]:
        """Flatness: pending spans in the way are rejected; accepted ones block."""
        out = []
        for other in spans:
            if other.id == keep or other.status is SpanStatus.REJECTED:
                continue
            if other.start < end and start < other.end:
                if other.status is SpanStatus.ACCEPTED:
                    raise ActionError(f"overlaps the accepted span “{other.surface}”")
                out.append(
                    SpanChange(article_id, other, self._decided(other, status=SpanStatus.REJECTED))
                )
        return out

    def _repeats(
        self, aid: int, surface: str, label: str, here: tuple[int, int]
    ) -> list[SpanChange]:
        """The same decision offered for the other occurrences of ``surface`` (every
        occurrence counts): a pending span where nothing stands yet, a pending span there
        relabelled. Only whole words (jieba's edges) and never over another live span."""
        article = self.article
        if article is None or len(surface) < 2 or not surface.strip():
            return []
        edges = set(self.word_edges())
        live = self.live_spans()
        out: list[SpanChange] = []
        for m in re.finditer(re.escape(surface), article.text):
            s, e = m.start(), m.end()
            if s < here[1] and here[0] < e:
                continue
            exact = next((o for o in live if (o.start, o.end) == (s, e)), None)
            if exact is not None:
                if exact.status is SpanStatus.PENDING and exact.label != label:
                    out.append(SpanChange(aid, exact, exact.with_(label=label)))
                continue
            if s not in edges or e not in edges or any(o.start < e and s < o.end for o in live):
                continue
            out.append(SpanChange(aid, None, Span(s, e, label, surface, origin="repeat")))
        return out

    # ------------------------------------------------------------------ actions
    def accept(self) -> None:
        (_article, aid), span = self._need_article(), self._need_span()
        change = Change("accept", focus=span.id)
        if span.status is not SpanStatus.ACCEPTED:
            change.spans.append(
                SpanChange(aid, span, self._decided(span, status=SpanStatus.ACCEPTED))
            )
            change.lexicon.append(self._teach(span.surface, span.label, "positive"))
            change.spans += self._repeats(aid, span.surface, span.label, (span.start, span.end))
        self._commit(change, advance=True)
        if not change:
            self.step_span(1)

    def reject(self) -> None:
        (_article, aid), span = self._need_article(), self._need_span()
        change = Change("reject", focus=span.id)
        change.spans.append(SpanChange(aid, span, self._decided(span, status=SpanStatus.REJECTED)))
        if span.origin != "manual":
            change.lexicon.append(self._teach(span.surface, span.label, "negative"))
            # What opening the article again would do (a taught rejection withdraws the
            # pending copies of that name), done now, in the same undoable step: the
            # window never shows a suggestion the project no longer holds.
            surface = to_simplified(span.surface)
            change.spans += [
                SpanChange(aid, other, None)
                for other in self.spans
                if other.id != span.id
                and other.status is SpanStatus.PENDING
                and other.label == span.label
                and to_simplified(other.surface) == surface
            ]
        self._commit(change, advance=True)

    def relabel(self, label: str) -> None:
        if label not in self.labels:
            raise ActionError(f"unknown label {label}")
        (_article, aid), span = self._need_article(), self._need_span()
        self.last_label = label
        change = Change("relabel", focus=span.id)
        change.spans.append(
            SpanChange(aid, span, self._decided(span, label=label, status=SpanStatus.ACCEPTED))
        )
        if span.label != label and span.origin != "manual":
            change.lexicon.append(self._teach(span.surface, span.label, "negative"))
        change.lexicon.append(self._teach(span.surface, label, "positive"))
        change.spans += self._repeats(aid, span.surface, label, (span.start, span.end))
        self._commit(change, advance=True)

    def move_boundary(self, edge: str, delta: int, *, by_word: bool = False) -> None:
        """Move the start or end of the current span one character (delta ±1), or with
        ``by_word`` to the next word edge that way (a character if none is nearer)."""
        (article, aid), span = self._need_article(), self._need_span()
        start, end = span.start, span.end
        pos = start if edge == "start" else end
        new = pos + delta
        if by_word:
            edges = self.word_edges()
            if delta > 0:
                new = next((e for e in edges if e > pos), new)
            else:
                new = next((e for e in reversed(edges) if e < pos), new)
            if (edge == "start" and new >= end) or (edge == "end" and new <= start):
                new = pos + delta  # a word edge past the other end: one character
        if edge == "start":
            start = new
        else:
            end = new
        text = article.text
        if not (0 <= start < end <= len(text)):
            raise ActionError("the span cannot get shorter than one character or leave the text")
        if "\n" in text[start:end]:
            raise ActionError("a span cannot cross a line break")
        change = Change(f"move_{edge}", focus=span.id)
        change.spans += self._clear_overlaps(aid, self.spans, start, end, keep=span.id)
        moved = self._decided(
            span, start=start, end=end, surface=text[start:end], status=SpanStatus.ACCEPTED
        )
        change.spans.append(SpanChange(aid, span, moved))
        self._commit(change)

    def create(self, start: int, end: int, label: str | None = None) -> None:
        """A new accepted span over [start, end) (edge spaces trimmed)."""
        article, aid = self._need_article()
        label = label or self.last_label
        if label not in self.labels:
            raise ActionError(f"unknown label {label}")
        text = article.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if not (0 <= start < end <= len(text)):
            raise ActionError("select some text first")
        self.last_label = label
        same = next((s for s in self.live_spans() if (s.start, s.end) == (start, end)), None)
        if same is not None:
            self.set_current(same.id)
            self.relabel(label)
            return
        change = Change("create")
        change.spans += self._clear_overlaps(aid, self.spans, start, end)
        created = SpanChange(
            aid,
            None,
            Span(
                start,
                end,
                label,
                text[start:end],
                origin="manual",
                status=SpanStatus.ACCEPTED,
                annotator=self.annotator,
            ),
        )
        change.spans.append(created)
        change.lexicon.append(self._teach(text[start:end], label, "positive"))
        change.spans += self._repeats(aid, text[start:end], label, (start, end))
        self._commit(change)
        # The new span is current (not an occurrence offered with it); undo returns here.
        assert created.after is not None
        change.focus = created.after.id
        self.current = created.after.id
        self._emit("current")

    def delete(self) -> None:
        (_article, aid), span = self._need_article(), self._need_span()
        change = Change("delete")
        change.spans.append(SpanChange(aid, span, None))
        self._commit(change, advance=True)

    def accept_all(self) -> None:
        _article, aid = self._need_article()
        change = Change("accept_all", focus=self.current)
        for span in self.spans:
            if span.status is SpanStatus.PENDING:
                change.spans.append(
                    SpanChange(aid, span, self._decided(span, status=SpanStatus.ACCEPTED))
                )
                change.lexicon.append(self._teach(span.surface, span.label, "positive"))
        self._commit(change)

    def edit_labels(self, labels: LabelSet, renames: dict[str, str] | None = None) -> int:
        """Replace the label set: new labels, new colours or keys, renamed labels.

        ``renames`` maps old names to new ones; the spans (and what the suggesters
        were taught) follow, so every existing span is kept. A label may not simply
        disappear while spans could carry it. The undo history is rewritten to the
        new names, so undoing an earlier decision never brings an old name back.
        Returns the number of spans relabelled.
        """
        renames = {o: n for o, n in (renames or {}).items() if o != n}
        for old in renames:
            if old not in self.labels:
                raise ActionError(f"no label {old} to rename")
        lost = [n for n in self.labels if renames.get(n, n) not in labels]
        if lost:
            raise ActionError(f"the label set would lose {', '.join(lost)}")
        with self.store.transaction():
            changed = self.store.rename_labels(renames)
            self.store.set_labels(labels)
            self.store.log_event(
                "labels",
                annotator=self.annotator,
                article_id=self.article_id,
                payload={"renames": renames, "labels": list(labels), "spans": changed},
            )
        for old, new in renames.items():
            guidelines.rename_section(self.store.path, old, new)
        for history in (self._undo, self._redo):
            for change in history:
                change.rename_labels(renames)
        self.labels = labels
        self.last_label = renames.get(self.last_label, self.last_label)
        if self.last_label not in labels:
            self.last_label = next(iter(labels))
        if self.article is not None and self.article.id is not None:
            fresh = self.store.article(self.article.id)
            self.article, self.spans = fresh, fresh.spans
        self._emit("labels")
        return changed

    def accept_matching(self, span_filter: SpanFilter) -> int:
        """Accept every pending span of the article the filter covers ("every
        rule:date span"), as one undoable step. Returns how many."""
        _article, aid = self._need_article()
        change = Change("batch_accept", focus=self.current)
        for span in self.spans:
            if span.status is SpanStatus.PENDING and span_filter.matches(span):
                change.spans.append(
                    SpanChange(aid, span, self._decided(span, status=SpanStatus.ACCEPTED))
                )
                change.lexicon.append(self._teach(span.surface, span.label, "positive"))
        self._commit(change)
        return len(change.spans)

    def reject_matching(self, span_filter: SpanFilter) -> int:
        """Reject every pending or accepted span the filter covers, as one undoable
        step; suggestions so rejected are not proposed again. Returns how many."""
        _article, aid = self._need_article()
        change = Change("batch_reject", focus=self.current)
        for span in self.spans:
            if span.status is not SpanStatus.REJECTED and span_filter.matches(span):
                change.spans.append(
                    SpanChange(aid, span, self._decided(span, status=SpanStatus.REJECTED))
                )
                if span.origin != "manual":
                    change.lexicon.append(self._teach(span.surface, span.label, "negative"))
        self._commit(change)
        return len(change.spans)

    def propagate(self) -> CorpusPropagation:
        """Accept every other occurrence of the current span in this article (now,
        as one undo step) and return the job that proposes it (pending) wherever it
        occurs in the rest of the corpus: run it off the GUI thread, then
        :meth:`attach` its result to that same undo step."""
        (article, aid), span = self._need_article(), self._need_span()
        surface, label = span.surface, span.label
        change = Change("propagate", focus=span.id)
        if span.status is not SpanStatus.ACCEPTED:
            change.spans.append(
                SpanChange(aid, span, self._decided(span, status=SpanStatus.ACCEPTED))
            )
        change.lexicon.append(self._teach(surface, label, "positive"))
        # Spans by the characters they cover, so each occurrence looks only at the
        # spans over it (a long article has thousands of both).
        over: dict[int, list[Span]] = {}
        for o in self.spans:
            for i in range(o.start, o.end):
                over.setdefault(i, []).append(o)
        for m in re.finditer(re.escape(surface), article.text):
            s, e = m.start(), m.end()
            if s == span.start:
                continue
            near = list({id(o): o for i in range(s, e) for o in over.get(i, ())}.values())
            if any(o.status is SpanStatus.ACCEPTED for o in near):
                continue
            exact = next(
                (
                    o
                    for o in near
                    if (o.start, o.end) == (s, e) and o.status is not SpanStatus.REJECTED
                ),
                None,
            )
            if exact is not None:
                change.spans.append(
                    SpanChange(
                        aid, exact, self._decided(exact, label=label, status=SpanStatus.ACCEPTED)
                    )
                )
                continue
            change.spans += self._clear_overlaps(aid, near, s, e)
            change.spans.append(
                SpanChange(
                    aid,
                    None,
                    Span(
                        s,
                        e,
                        label,
                        surface,
                        origin="propagated",
                        status=SpanStatus.ACCEPTED,
                        annotator=self.annotator,
                    ),
                )
            )
        self._commit(change)
        return CorpusPropagation(surface, label, aid, change)

    def attach(self, job: CorpusPropagation, added: list[tuple[int, Span]]) -> None:
        """Make what ``job`` wrote part of its propagate, so undo takes both back.

        If that step was undone meanwhile, what the job wrote is taken back too.
        """
        change = job.step
        if not isinstance(change, Change) or not any(c is change for c in self._undo):
            with self.store.transaction():
                self.store.delete_spans(s.id for _a, s in added if s.id is not None)
            return
        change.spans += [SpanChange(article_id, None, span) for article_id, span in added]
        if any(article_id == self.article_id for article_id, _s in added):
            self._reload(self.current)

    # ------------------------------------------------------------------ adjudication
    def sides(self) -> list[str]:
        """The annotators whose finished work on this article a team database holds."""
        if self.article_id is None:
            return []
        return self.store.team_finished(self.article_id).get(self.article_id, [])

    def difference(self) -> list[Span]:
        """The pending spans that overlap the current one, directly or through each other:
        one place where the annotators differ (empty when the current span is decided)."""
        span = self.current_span()
        if span is None or span.status is not SpanStatus.PENDING:
            return []
        pending = [s for s in self.spans if s.status is SpanStatus.PENDING]
        group = [span]
        grown = True
        while grown:
            grown = False
            for other in pending:
                if other not in group and any(other.overlaps(g) for g in group):
                    group.append(other)
                    grown = True
        return sorted(group, key=lambda s: (s.start, s.end, s.id or 0))

    def pick(self, side: str | None) -> None:
        """Settle the current difference: ``side``'s spans become gold, the others are
        rejected; ``None`` rejects them all. The event records whose version won."""
        (_article, aid), group = self._need_article(), self.difference()
        if not group:
            raise ActionError("no difference here: the current span is decided")
        change = Change("pick", focus=self.current, note={"picked": side})
        for span in group:
            chosen = side is not None and side in (span.annotator or "").split(JOIN)
            status = SpanStatus.ACCEPTED if chosen else SpanStatus.REJECTED
            change.spans.append(SpanChange(aid, span, self._decided(span, status=status)))
        self._commit(change, advance=True)

    def mark_done(self) -> int | None:
        """Accept every pending span left, mark the article done (one undoable step) and
        open the next unfinished one (returned). ``accepted_rest`` says how many."""
        article, aid = self._need_article()
        change = Change("mark_done", focus=self.current)
        for span in self.spans:
            if span.status is SpanStatus.PENDING:
                change.spans.append(
                    SpanChange(aid, span, self._decided(span, status=SpanStatus.ACCEPTED))
                )
                change.lexicon.append(self._teach(span.surface, span.label, "positive"))
        self.accepted_rest = len(change.spans)
        if article.status is not ArticleStatus.DONE:
            change.status.append(StatusChange(aid, article.status, ArticleStatus.DONE))
        self._commit(change)
        nxt = self.first_unfinished(after=aid)
        if nxt is not None:
            self.open_article(nxt)
        return nxt

    def skip(self) -> int | None:
        """Skip the article (not worth annotating) and open the next unfinished one.

        On an article already skipped it un-skips instead (back to in progress, or new
        if nothing was decided) and stays. Returns the article opened, if any.
        """
        article, aid = self._need_article()
        if article.status is ArticleStatus.SKIPPED:
            decided = any(s.status is not SpanStatus.PENDING for s in self.spans)
            back = ArticleStatus.IN_PROGRESS if decided else ArticleStatus.NEW
            self._commit(Change("unskip", status=[StatusChange(aid, article.status, back)]))
            return None
        change = Change("skip", status=[StatusChange(aid, article.status, ArticleStatus.SKIPPED)])
        change.focus = self.current
        self._commit(change)
        nxt = self.first_unfinished(after=aid)
        if nxt is not None:
            self.open_article(nxt)
        return nxt

    def toggle_flag(self) -> bool:
        """Flag the article for review, or clear the flag; returns the new state."""
        article, aid = self._need_article()
        after = (not article.flagged, article.comment)
        change = Change("flag" if after[0] else "unflag", focus=self.current)
        change.notes.append(NoteChange(aid, (article.flagged, article.comment), after))
        self._commit(change)
        return after[0]

    def set_comment(self, comment: str) -> None:
        """Replace the article's comment ("" removes it)."""
        article, aid = self._need_article()
        comment = comment.strip()
        if comment == article.comment:
            return
        change = Change("comment", focus=self.current)
        change.notes.append(
            NoteChange(aid, (article.flagged, article.comment), (article.flagged, comment))
        )
        self._commit(change)
