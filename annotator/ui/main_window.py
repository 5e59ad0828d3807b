"""The main window: composes the widgets, wires the keymap to session actions.

It owns no annotation state: the session does. Widgets repaint from the session's
change notifications; actions call session methods.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QProgressBar,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.faults import describe
from annotator.core.model import JOIN, ArticleStatus, Span, SpanStatus
from annotator.core.progress import RateMeter, duration
from annotator.core.session import ActionError, Session
from annotator.core.settings import Settings
from annotator.core.store import Store, StoreBusy, StoreError
from annotator.ui import dialogs, hints, keymap
from annotator.ui.adjudication import DifferencePanel
from annotator.ui.article_view import ArticleView
from annotator.ui.dialogs import ask_comment
from annotator.ui.elided_label import ElidedLabel
from annotator.ui.guidelines_pane import GuidelinesPane
from annotator.ui.help_overlay import HelpOverlay
from annotator.ui.i18n import error_line, language, set_language, tr
from annotator.ui.label_editor import ask_labels
from annotator.ui.panels import ArticleList, LabelPalette, SpanPanel
from annotator.ui.tasks import Handle, Tasks
from annotator.ui.theme import THEMES, apply_theme
from annotator.ui.training import ModelTrainer

_SCRIPTS = ("original", "simplified", "traditional")
_PUNCT = re.compile(r"[\W_]+")

LOCK_WAIT_S = 0.1  # longest the GUI thread waits for another program's write lock
LOCK_RETRY_MS = 250  # then it tries again this much later, the event loop running
LOCK_GIVE_UP_S = 10  # and gives up (saying what was not saved) after this long

# Only palette roles: a fixed colour here would break the dark theme (issue: light
# text on white rows).
STYLE = """
QLabel#panelTitle { font-weight: 600; padding: 6px 2px 2px 2px; }
QLabel#articleHeader { font-size: 13pt; font-weight: 600; padding: 8px 12px 2px 12px; }
QLabel#articleMeta { color: palette(placeholder-text); padding: 0 12px 6px 12px; }
QLabel#articleNote { background: palette(tooltip-base); color: palette(tooltip-text);
                     border: 1px solid palette(mid); border-radius: 4px; padding: 4px 8px;
                     margin: 0 12px 6px 12px; }
QTextEdit, QTableView { border: 1px solid palette(mid); border-radius: 6px; }
QLineEdit, QComboBox { padding: 4px 6px; }
QComboBox QAbstractItemView { selection-background-color: palette(highlight);
                              selection-color: palette(highlighted-text); }
QStatusBar QLabel { padding: 0 8px; }
"""


def first_size(available: QSize) -> QSize:
    """The window's size when nothing was saved: roomy, but always on the screen
    (at 200% a 1600×1000 screen offers 800×500 logical pixels)."""
    return QSize(min(1440, int(available.width() * 0.94)), min(900, int(available.height() * 0.92)))


class MainWindow(QMainWindow):
    ARRIVALS_EVERY_S = 0.5  # how often the list shows what an import has added so far

    def __init__(self, store: Store, session: Session, settings: Settings, tasks: Tasks) -> None:
        super().__init__()
        self.ask_comment = ask_comment  # dialogs; tests put functions in their place
        self.ask_labels = ask_labels
        self.store = store
        self.session = session
        self.settings = settings
        self.tasks = tasks
        self.trainer = ModelTrainer(store.path, self._model_trained, self)
        self.labels = session.labels
        self._decisions = 0  # as the store counts them (Store.decisions), this session
        self._session_start = time.time()
        self._started = time.monotonic()
        self.setStyleSheet(STYLE)
        self.resize(first_size(self.screen().availableGeometry().size()))

        self.view = ArticleView(self.labels)
        self.header = QLabel()
        self.header.setObjectName("articleHeader")
        self.header.setWordWrap(True)
        self.meta = QLabel()
        self.meta.setObjectName("articleMeta")
        self.meta.setWordWrap(True)  # a long line must not widen the window past the screen
        self.note = QLabel()  # the review flag and the comment, when there are any
        self.note.setObjectName("articleNote")
        self.note.setWordWrap(True)
        self.note.hide()
        self.articles = ArticleList(store, tasks=tasks)
        self.spans = SpanPanel(self.labels)
        self.difference = DifferencePanel(self.labels)
        self.difference.hide()
        self._sides: list[str] = []
        self.dashboard: QDialog | None = None
        self.palette = LabelPalette(self.labels)
        self.help = HelpOverlay(self)
        self.guide = GuidelinesPane(store.path, self.labels, self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.guide)
        self.guide.hide()

        centre = QWidget()
        centre_layout = QVBoxLayout(centre)
        centre_layout.setContentsMargins(0, 0, 0, 0)
        centre_layout.setSpacing(0)
        centre_layout.addWidget(self.header)
        centre_layout.addWidget(self.meta)
        centre_layout.addWidget(self.note)
        centre_layout.addWidget(self.view, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.difference)
        right_layout.addWidget(self.spans, 1)
        right_layout.addWidget(self.palette)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.articles)
        splitter.addWidget(centre)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 6)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([380, 700, 360])
        splitter.setContentsMargins(8, 4, 8, 4)
        splitter.setHandleWidth(8)
        self.splitter = splitter
        self.setCentralWidget(splitter)

        self.message_label = ElidedLabel()
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.clear)
        self.progress_label = QLabel()
        self.speed_label = QLabel()
        self.current_label = ElidedLabel()
        self.annotator_label = QLabel()
        # Progress as words (done/total, rate, time left) beside a small bar: text
        # inside a bar is cut to the bar's width.
        self.task_label = QLabel()
        self.task_bar = QProgressBar()
        self.task_bar.setMaximumWidth(140)
        self.task_bar.setTextVisible(False)
        self.task_bar.hide()
        self.task_label.hide()
        self._meters: dict[str, RateMeter] = {}
        self._importing = 0
        self._arrivals = 0.0
        # Long texts here are elided ("…", the whole in a tooltip), never widen the
        # window past the screen (at 200% a status bar of full sentences was wider
        # than the screen); progress (task_label) keeps its full width.
        self.speed_label.setMinimumWidth(1)
        bar = self.statusBar()
        bar.addWidget(self.message_label, 1)
        bar.addPermanentWidget(self.current_label)
        bar.addPermanentWidget(self.task_label)
        bar.addPermanentWidget(self.task_bar)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("✕")
        self.cancel_button.setAutoRaise(True)
        self.cancel_button.hide()
        self.cancel_button.clicked.connect(self._cancel_propagation)
        bar.addPermanentWidget(self.cancel_button)
        self._propagation: Handle | None = None
        bar.addPermanentWidget(self.annotator_label)
        bar.addPermanentWidget(self.speed_label)
        bar.addPermanentWidget(self.progress_label)

        self.read_only_label = QLabel(tr("db.read_only.bar"))
        self.read_only_label.setToolTip(store.read_only or "")
        self.read_only_label.setStyleSheet("color: #b71c1c; font-weight: 600;")
        bar.addPermanentWidget(self.read_only_label)
        self.read_only_label.setVisible(bool(store.read_only))

        # A write waits at most this long for another program's lock, then is retried
        # from the event loop (see _drain): the GUI thread never sits in a 10 s wait.
        store.set_lock_wait(LOCK_WAIT_S)
        self.dialogs = True
        self._waiting: deque[Callable[[], object]] = deque()
        self._busy_since: float | None = None
        self._retry_timer = QTimer(self)
        self._retry_timer.setSingleShot(True)
        self._retry_timer.setInterval(LOCK_RETRY_MS)
        self._retry_timer.timeout.connect(self._drain)

        self.actions_by_id: dict[str, QAction] = {}
        self._build_actions()
        self.view.set_show_all_tags(settings.all_tags)
        self.actions_by_id["toggle_tags"].setCheckable(True)
        self.actions_by_id["toggle_tags"].setChecked(settings.all_tags)
        self._build_menus()

        self._list_timer = QTimer(self)
        self._list_timer.setSingleShot(True)
        self._list_timer.setInterval(400)
        self._list_timer.timeout.connect(self._refresh_list_rows)
        self._list_dirty: set[int] = set()

        # The span list follows once the article view has repainted, so the text
        # (where the eye is) shows each key's effect first.
        self._panel_timer = QTimer(self)
        self._panel_timer.setSingleShot(True)
        self._panel_timer.setInterval(0)
        self._panel_timer.timeout.connect(self._sync_panel)
        self._panel_dirty = False
        self.view.repainted.connect(self._after_view_paint)

        session.subscribe(self._on_session)
        self.articles.article_chosen.connect(self._open_article)
        self.spans.span_chosen.connect(self._choose_span)
        self.view.clicked_at.connect(self._clicked)
        self.view.hint_key = self._hint_key
        self.view.edges_source = session.word_edges
        self._hint_kind: str | None = None  # "spans" while span hints stay on
        self.palette.label_clicked.connect(self._label)
        self.tasks.progress.connect(self._task_progress)
        self.tasks.busy_changed.connect(self._busy_changed)
        self.retranslate()
        self.articles.reload(None)
        self._restore_window()

    # ------------------------------------------------------------------ actions
    def _handlers(self) -> dict[str, Callable[[], object]]:
        s = self.session
        handlers: dict[str, Callable[[], object]] = {
            "next_span": lambda: s.step_span(1),
            "prev_span": lambda: s.step_span(-1),
            "accept": s.accept,
            "reject": s.reject,
            "accept_all": s.accept_all,
            "propagate": self._propagate,
            "start_left": lambda: s.move_boundary("start", -1, by_word=True),
            "start_right": lambda: s.move_boundary("start", 1, by_word=True),
            "end_left": lambda: s.move_boundary("end", -1, by_word=True),
            "end_right": lambda: s.move_boundary("end", 1, by_word=True),
            "start_left_char": lambda: s.move_boundary("start", -1),
            "start_right_char": lambda: s.move_boundary("start", 1),
            "end_left_char": lambda: s.move_boundary("end", -1),
            "end_right_char": lambda: s.move_boundary("end", 1),
            "hints": self._toggle_hints,
            "word_hints": self._word_hints,
            "select_to_stop": self.view.select_to_stop,
            "create": lambda: self._create(None),
            "delete": s.delete,
            "token_right": lambda: self.view.move_token(1, select=False),
            "token_left": lambda: self.view.move_token(-1, select=False),
            "select_token_right": lambda: self.view.move_token(1, select=True),
            "select_token_left": lambda: self.view.move_token(-1, select=True),
            "undo": self._undo,
            "redo": s.redo,
            "pick_a": lambda: self._pick(0),
            "pick_b": lambda: self._pick(1),
            "pick_neither": lambda: s.pick(None),
            "next_article": lambda: s.step_article(1),
            "prev_article": lambda: s.step_article(-1),
            "mark_done": self._mark_done,
            "filter_spans": self.spans.focus_filters,
            "accept_filtered": lambda: self._batch(accept=True),
            "reject_filtered": lambda: self._batch(accept=False),
            "skip_article": self._skip,
            "flag_article": self._flag,
            "comment_article": self._comment,
            "search": self._focus_search,
            "focus_text": self.view.setFocus,
            "toggle_script": self._toggle_script,
            "toggle_tags": self._toggle_tags,
            "dashboard": self.show_dashboard,
            "next_annotator": self.next_annotator,
            "help": self.help.toggle,
            "guidelines": self._toggle_guidelines,
            "edit_labels": self.edit_labels,
            "open": self.open_project,
            "import": self.import_files,
            "import_folder": self.import_folder,
            "export": self.export,
            "set_name": self.set_name,
            "suggest_all": self.suggest_all,
            "quit": self.close,
        }
        for action in keymap.ACTIONS:
            digit = keymap.digit_of(action.id)
            if digit is not None:
                handlers[action.id] = lambda d=digit: self._label_key(d)
        return handlers

    def _label_key(self, digit: str) -> None:
        """A digit: the label that has that key now (the label set can be edited)."""
        label = self.session.labels.by_key(digit)
        if label is not None:
            self._label(label.name)

    def _build_actions(self) -> None:
        handlers = self._handlers()
        keys = keymap.merged()
        for action in keymap.ACTIONS:
            qaction = QAction(self)
            qaction.setShortcuts([QKeySequence(k) for k in keys[action.id]])
            qaction.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            qaction.triggered.connect(self._guarded(handlers[action.id]))
            self.addAction(qaction)
            self.actions_by_id[action.id] = qaction

    def _guarded(self, handler: Callable[[], object]) -> Callable[[], None]:
        def run() -> None:
            if self.help.isVisible():
                self.help.hide()
                return
            # Keys wait in order behind one the database is not yet taking.
            self._waiting.append(handler)
            if len(self._waiting) == 1:
                self._drain()

        return run

    def _attempt(self, handler: Callable[[], object]) -> StoreBusy | None:
        """Run one action; every failure is a status-bar line, never a modal dialog.

        A failed write was rolled back whole, so the action can simply run again.
        """
        try:
            handler()
        except ActionError as exc:
            self.notify(str(exc), 4000)
        except StoreBusy as exc:
            return exc
        except StoreError as exc:  # read-only, damaged, disk full: said in words
            self.notify(tr("error.database", error=str(exc)), 10000)
        except sqlite3.Error as exc:
            self.notify(tr("error.database", error=describe(exc, self.store.path)), 10000)
        return None

    def _drain(self) -> None:
        """Run queued actions; while another program holds the write lock, retry from
        the event loop (each try waits at most LOCK_WAIT_S), so the window stays live."""
        while self._waiting:
            busy = self._attempt(self._waiting[0])
            if busy is None:
                self._waiting.popleft()
                if self._busy_since is not None:
                    self._busy_since = None
                    self.message_label.clear()
                continue
            now = time.monotonic()
            if self._busy_since is None:
                self._busy_since = now
                self.notify(tr("db.waiting"), 60_000)
            if now - self._busy_since >= LOCK_GIVE_UP_S:
                lost = len(self._waiting)
                self._waiting.clear()
                self._busy_since = None
                self.notify(tr("db.gave_up", s=LOCK_GIVE_UP_S, n=lost, error=str(busy)), 15_000)
                return
            self._retry_timer.start()
            return

    def warn(self, text: str) -> None:
        """A message that needs reading: a dialog, or (``dialogs`` off, as in benchmarks,
        which must never stop on one) the status bar and stderr."""
        if self.dialogs:
            dialogs.warn(self, tr("app.title"), text)
            self.focus_text()
        else:
            self.notify(text.splitlines()[0], 8000)
            print(f"annotator: {' / '.join(text.splitlines())}", file=sys.stderr, flush=True)

    def notify(self, text: str, msecs: int = 4000) -> None:
        """A transient message at the left of the status bar."""
        self.message_label.setText(text)
        self._message_timer.start(msecs)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.menus = {}
        groups = {
            "menu.file": [
                "open",
                "import",
                "import_folder",
                "export",
                "set_name",
                "suggest_all",
                "edit_labels",
                "quit",
            ],
            "menu.edit": [
                "undo",
                "redo",
                "create",
                "delete",
                "start_left",
                "start_right",
                "end_left",
                "end_right",
                "start_left_char",
                "start_right_char",
                "end_left_char",
                "end_right_char",
                "select_to_stop",
            ],
            "menu.annotate": [
                "accept",
                "reject",
                "accept_all",
                "filter_spans",
                "accept_filtered",
                "reject_filtered",
                "propagate",
                "hints",
                "word_hints",
                "pick_a",
                "pick_b",
                "pick_neither",
                "next_span",
                "prev_span",
                "next_article",
                "prev_article",
                "mark_done",
                "skip_article",
                "flag_article",
                "comment_article",
            ],
            "menu.view": [
                "toggle_script",
                "toggle_tags",
                "search",
                "guidelines",
                "dashboard",
                "next_annotator",
            ],
            "menu.help": ["help"],
        }
        for key, ids in groups.items():
            menu = bar.addMenu("")
            self.menus[key] = menu
            for action_id in ids:
                menu.addAction(self.actions_by_id[action_id])
            if key == "menu.view":
                self._choices: dict[str, dict[str, QAction]] = {}
                self._add_choices(menu, "menu.script", _SCRIPTS, self.set_script)
                self._add_choices(menu, "menu.language", ("zh", "en"), self.switch_language)
                self._add_choices(menu, "menu.theme", THEMES, self.switch_theme)
        self._check_choices()

    def _add_choices(
        self, menu: QMenu, key: str, values: tuple[str, ...], choose: Callable[[str], None]
    ) -> None:
        """A submenu of exclusive choices, the current one checked."""
        sub = menu.addMenu("")
        self.menus[key] = sub
        group = QActionGroup(sub)
        group.setExclusive(True)
        self._choices[key] = {}
        for value in values:
            act = sub.addAction("")
            act.setCheckable(True)
            group.addAction(act)
            act.triggered.connect(lambda _=False, v=value: choose(v))
            self._choices[key][value] = act

    def _check_choices(self) -> None:
        current = {
            "menu.script": self.view.script(),
            "menu.language": language(),
            "menu.theme": self.settings.theme,
        }
        for key, acts in self._choices.items():
            for value, act in acts.items():
                act.setText(tr(f"{key}.{value or 'system'}"))
                act.setChecked(value == current[key])

    def retranslate(self) -> None:
        read_only = f" ({tr('db.read_only')})" if self.store.read_only else ""
        self.setWindowTitle(f"{tr('app.title')} — {Path(self.store.path).name}{read_only}")
        self.read_only_label.setText(tr("db.read_only.bar"))
        for key, menu in self.menus.items():
            menu.setTitle(tr(key))
        for action in keymap.ACTIONS:
            self.actions_by_id[action.id].setText(action.description(language()))
        self.articles.retranslate()
        self.spans.retranslate()
        self.difference.retranslate()
        self.palette.retranslate()
        self.help.rebuild()
        self._check_choices()
        self.guide.retranslate()
        self._refresh_header()
        self._refresh_status()

    def switch_language(self, code: str) -> None:
        from PySide6.QtWidgets import QApplication

        from annotator.ui.qt_app import install_qt_translations

        app = QApplication.instance()
        if isinstance(app, QApplication):
            install_qt_translations(app, set_language(code))
        self.settings.language = code
        self.settings.save()
        self.retranslate()

    def switch_theme(self, theme: str) -> None:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, theme)
        self.settings.theme = theme
        self.settings.save()
        self._check_choices()

    # ------------------------------------------------------------------ session → widgets
    def _on_session(self, what: str) -> None:
        if what == "committed":  # the "spans" that follows repaints
            return
        s = self.session
        if what == "article":
            article = s.article
            if article is None:
                return
            self._sides = s.sides()
            self.view.set_article(article.text, article.flags.get("garbled", []))
            self.view.set_spans(self._visible(s.spans), s.current)
            self._mark_panel()
            self.articles.select(article.id)
            if article.id is not None:  # opening may have brought learned suggestions
                self._list_dirty.add(article.id)
                self._list_timer.start()
            self._refresh_header()
            self._load_boundaries(article.id, article.text)
        elif what == "spans":
            self.view.set_spans(self._visible(s.spans), s.current)
            self._mark_panel()
            self._refresh_header()
            if s.article_id is not None:
                self._list_dirty.add(s.article_id)
            self._list_timer.start()
        elif what == "labels":
            self.labels = s.labels
            for widget in (self.view, self.spans, self.palette, self.guide):
                widget.set_labels(s.labels)
            self.difference.labels = s.labels
            self.view.set_spans(s.spans, s.current)
            self._mark_panel()
        elif what == "current":
            self.view.set_current(s.current)
            self._mark_panel()
        if self._hint_kind == "spans":
            self._show_span_hints()
        elif self.view.hints is not None and what != "current":
            self.view.show_hints(None)
        self._refresh_status(progress=what != "current")
        self._follow_guidelines()

    def _refresh_list_rows(self) -> None:
        dirty, self._list_dirty = self._list_dirty, set()
        self.articles.refresh(sorted(dirty))
        self._count_decisions()

    def _count_decisions(self) -> None:
        """The session's decisions, counted as ``annotator stats`` counts them (after
        the keys settle, not on each one)."""
        self._decisions = self.store.decisions(self.session.annotator, since=self._session_start)
        self._refresh_status(progress=False)

    def _mark_panel(self) -> None:
        self._panel_dirty = True
        self.view.viewport().update()

    def _after_view_paint(self, _at: float) -> None:
        if self._panel_dirty:
            self._panel_timer.start()

    def _sync_panel(self) -> None:
        self._panel_dirty = False
        s = self.session
        self.spans.show_spans(s.spans, s.current)
        if self._sides:
            pending = sum(span.status.value == "pending" for span in s.spans)
            self.difference.show_difference(self._sides, s.difference(), pending)
        else:
            self.difference.hide()

    # ------------------------------------------------------------------ teams
    def _visible(self, spans: list[Span]) -> list[Span]:
        """The spans shown: all, or only the chosen annotator's (``next_annotator``)."""
        name = self.articles.model.annotator
        if name is None:
            return spans
        return [span for span in spans if name in (span.annotator or "").split(JOIN)]

    def next_annotator(self) -> None:
        """Show the next annotator's work only (articles and spans), then everyone's again."""
        names: list[str | None] = [None, *self.store.annotators()]
        current = self.articles.model.annotator
        name = names[(names.index(current) + 1) % len(names)] if current in names else None
        self.articles.model.annotator = name
        self.articles.reload(self.session.article_id)
        self.view.set_spans(self._visible(self.session.spans), self.session.current)
        self.notify(tr("filter.annotator", name=name) if name else tr("filter.everyone"), 4000)

    def show_dashboard(self) -> None:
        """The statistics dashboard; its figures are counted off the GUI thread."""
        db_path = self.store.path

        def work(_progress: object) -> dict[str, Any]:
            from annotator.core.statistics import project_stats
            from annotator.core.store import Store

            with Store.open(db_path) as store:
                return project_stats(store)

        def done(figures: dict[str, Any]) -> None:
            from annotator.ui.dashboard import Dashboard

            if self.dashboard is not None:
                self.dashboard.close()
            self.dashboard = Dashboard(figures, self.labels, self)
            self.dashboard.show()

        self.tasks.run(tr("task.stats"), work, on_done=done, on_error=self._task_failed)

    def _pick(self, side: int) -> None:
        """Take the version of the article's first (0) or second (1) annotator."""
        if side >= len(self._sides):
            raise ActionError(tr("adjudicate.no_team"))
        self.session.pick(self._sides[side])

    def _refresh_header(self) -> None:
        article = self.session.article
        if article is None:
            self.header.setText(tr("empty.importing") if self._importing else tr("empty"))
            self.meta.setText("")
            self.note.hide()
            return
        note = [tr("note.flagged")] if article.flagged else []
        if article.comment:
            note.append(tr("note.comment", comment=article.comment))
        self.note.setText("  ·  ".join(note))
        self.note.setVisible(bool(note))
        self.header.setText(article.title or article.source)
        counts = {st: 0 for st in ("pending", "accepted", "rejected")}
        for span in self.session.spans:
            counts[span.status.value] += 1
        script = {"traditional": "繁", "simplified": "简"}.get(article.script, "")
        self.meta.setToolTip(article.source)
        source = Path(article.source.split(":")[0]).name if article.source else ""
        self.meta.setText(
            f"{tr('status.' + article.status.value)} · {script} · {source}"
            f" · {tr('span.pending')} {counts['pending']} · {tr('span.accepted')} {counts['accepted']}"
            f" · {tr('span.rejected')} {counts['rejected']}"
        )

    def _refresh_status(self, *, progress: bool = True) -> None:
        """Status bar. ``progress`` recounts articles: not on mere navigation, which
        changes no status and must stay cheap however large the project."""
        if progress:
            total = self.store.count_articles()
            done = self.store.count_articles(ArticleStatus.DONE.value)
            self.progress_label.setText(tr("bar.progress", done=done, total=total))
        hours = max((time.monotonic() - self._started) / 3600, 1 / 60)
        self.speed_label.setText(tr("bar.speed", n=self._decisions, rate=self._decisions / hours))
        self.annotator_label.setText(tr("bar.annotator", name=self.session.annotator))
        span = self.session.current_span()
        if span is None:
            self.current_label.setText(tr("bar.none"))
        else:
            label = self.labels.get(span.label)
            self.current_label.setText(
                tr(
                    "bar.current",
                    surface=span.surface,
                    label=f"{span.label} {label.title(language()) if label else ''}",
                    status=tr("span." + span.status.value),
                    origin=span.origin,
                )
            )

    def _load_boundaries(self, article_id: int | None, text: str) -> None:
        """Token edges for word-wise caret moves, from jieba, off the GUI thread."""

        def work(_progress: object) -> tuple[int | None, list[int]]:
            from annotator.core.suggest import word_edges

            return article_id, word_edges(text)

        def done(result: tuple[int | None, list[int]]) -> None:
            if result[0] == self.session.article_id:
                self.session.set_word_edges(*result)
                self.view.set_boundaries(result[1])

        self.tasks.run(tr("task.loading"), work, on_done=done)

    # ------------------------------------------------------------------ hints
    def _toggle_hints(self) -> None:
        if self._hint_kind is not None or self.view.hints is not None:
            self._leave_hints()
        else:
            self._hint_kind = "spans"
            self._show_span_hints()

    def _leave_hints(self) -> None:
        self._hint_kind = None
        self.view.show_hints(None)

    def _show_span_hints(self) -> None:
        """Hints on the live spans in view: those after the current span first."""
        s = self.session
        current = s.current_span()
        if current is not None:
            self.view.keep_in_upper_part(current.start)
        first, last = self.view.visible_range()
        anchor = current.start if current is not None else self.view.textCursor().position()
        shown = [
            x
            for x in s.spans
            if x.status is not SpanStatus.REJECTED
            and first <= x.start <= last
            and (current is None or x.id != current.id)
        ]
        after = [x for x in shown if x.start >= anchor]
        before = [x for x in reversed(shown) if x.start < anchor]
        ranges = [(x.start, x.end, x.id) for x in after + before]
        self.view.show_hints(hints.assign(ranges, "spans"))

    def _word_hints(self) -> None:
        """One letter on each of the next words after the caret that no span covers
        (as many as the alphabet has letters; G again shows the next ones). Always one
        letter, whatever the window size."""
        text = self.session.article.text if self.session.article else ""
        shown = self.view.hints
        if shown is not None and shown.kind == "words" and shown.targets:
            anchor = max(end for _s, end, _i in shown.targets.values())
        else:
            anchor = self.view.textCursor().position()
        edges = self.session.word_edges()
        live = self.session.live_spans()
        words: list[tuple[int, int, int | None]] = []
        for a, b in itertools.pairwise(edges):
            if a < anchor or not text[a:b].strip() or _PUNCT.fullmatch(text[a:b]):
                continue
            if any(x.start < b and a < x.end for x in live):
                continue
            words.append((a, b, None))
            if len(words) == len(hints.ALPHABET):
                break
        if words:
            self.view.keep_in_upper_part(words[0][0])
        self.view.show_hints(hints.assign(words, "words"))

    def _hint_key(self, letter: str) -> None:
        shown = self.view.hints
        if shown is None:
            return
        if letter == "Escape":
            if shown.typed:
                shown.typed = ""
                self.view.viewport().update()
            elif shown.kind == "words" and self._hint_kind == "spans":
                self._show_span_hints()
            else:
                self._leave_hints()
            return
        hit = shown.type(letter)
        if isinstance(hit, tuple):
            start, end, span_id = hit
            if shown.kind == "spans":
                # A new current span hints the spans anew on its own "current" event.
                hinted = self._hint_kind == "spans" and span_id != self.session.current
                self.session.set_current(span_id)
                if not hinted:
                    self._show_span_hints()
            else:
                self.view.select_range(start, end)
                if self._hint_kind == "spans":
                    self._show_span_hints()
                else:
                    self.view.show_hints(None)
        else:
            self.view.viewport().update()

    def _mark_done(self) -> None:
        self.session.mark_done()
        self.notify(tr("bar.done_rest", n=self.session.accepted_rest), 6000)
        self.trainer.schedule()

    def _model_trained(self, summary: dict[str, object]) -> None:
        key = "task.done.train" if summary.get("in_use", True) else "task.done.train_unused"
        self.notify(tr(key, n=summary.get("articles", 0)), 6000)
        if summary.get("refreshed"):
            self.articles.reload(self.session.article_id)

    # ------------------------------------------------------------------ user actions
    def _open_article(self, article_id: int) -> None:
        self.session.open_article(article_id)
        self.view.setFocus()

    def _clicked(self, offset: int) -> None:
        """A click on a highlighted span makes it the current one."""
        span = self.session.span_at(offset)
        if span is not None:
            self.session.set_current(span.id)

    def _choose_span(self, span_id: int) -> None:
        self.session.set_current(span_id)
        self.view.setFocus()

    def _label(self, name: str) -> None:
        """A label key: label the selection if there is one, else relabel the current span."""
        selection = self.view.selection()
        if selection is not None:
            self._create(name)
        else:
            self.session.relabel(name)

    def _create(self, label: str | None) -> None:
        selection = self.view.selection()
        if selection is None:
            raise ActionError(tr("bar.none"))
        self.session.create(selection[0], selection[1], label)
        self.view.clear_selection()

    def _batch(self, *, accept: bool) -> None:
        decide = self.session.accept_matching if accept else self.session.reject_matching
        n = decide(self.spans.span_filter())
        key = ("bar.batch_accepted" if accept else "bar.batch_rejected") if n else "bar.batch_none"
        self.notify(tr(key, n=n), 5000)

    @contextmanager
    def _dialog_open(self) -> Iterator[None]:
        """The window's keys rest while a dialog asks: without a window manager the
        main window may stay the active one, and its one-key shortcuts would take
        the dialog's keys (F2 to edit a cell, letters typed into it)."""
        enabled = {a: a.isEnabled() for a in self.actions_by_id.values()}
        for action in enabled:
            action.setEnabled(False)
        try:
            yield
        finally:
            for action, was in enabled.items():
                action.setEnabled(was)
            self.view.setFocus()

    def edit_labels(self) -> None:
        with self._dialog_open():
            answer = self.ask_labels(self, self.session.labels)
        if answer is not None:
            n = self.session.edit_labels(*answer)
            self.notify(tr("bar.labels_saved", n=n), 6000)

    def _toggle_guidelines(self) -> None:
        self.guide.setVisible(not self.guide.isVisible())
        self._follow_guidelines(force=True)
        self.view.setFocus()

    def _follow_guidelines(self, *, force: bool = False) -> None:
        if self.guide.isVisible():
            span = self.session.current_span()
            label = span.label if span else None
            if force or label != self.guide.label:
                self.guide.show_label(label)

    def _skip(self) -> None:
        was = self.session.article_id
        self.session.skip()
        key = "bar.unskipped" if self.session.article_id == was else "bar.skipped"
        self.notify(tr(key), 4000)

    def _flag(self) -> None:
        self.notify(tr("bar.flagged" if self.session.toggle_flag() else "bar.unflagged"), 4000)

    def _comment(self) -> None:
        article = self.session.article
        if article is None:
            raise ActionError(tr("bar.no_article"))
        with self._dialog_open():
            text = self.ask_comment(self, article.comment)
        if text is not None:
            self.session.set_comment(text)

    def _focus_search(self) -> None:
        self.articles.search.setFocus()
        self.articles.search.selectAll()

    def _toggle_script(self) -> None:
        current = self.view.script()
        self.set_script(_SCRIPTS[(_SCRIPTS.index(current) + 1) % len(_SCRIPTS)])

    def set_script(self, script: str) -> None:
        self.view.set_script(script)
        self._check_choices()
        self.notify(tr(f"view.script.{self.view.script()}"), 2500)

    def _toggle_tags(self) -> None:
        self.view.set_show_all_tags(not self.view.show_all_tags())
        self.settings.all_tags = self.view.show_all_tags()
        self.settings.save()
        self.actions_by_id["toggle_tags"].setChecked(self.view.show_all_tags())

    def _busy_changed(self, busy: bool) -> None:
        self.task_bar.setVisible(busy)
        self.task_label.setVisible(busy)
        if not busy:
            self._meters.clear()

    def _task_progress(self, title: str, done: int, total: int, detail: str) -> None:
        meter = self._meters.get(title)
        if meter is None or meter.total != total:
            meter = self._meters[title] = RateMeter(total)
        self.task_bar.setMaximum(max(total, 0))
        self.task_bar.setValue(done)
        left = meter.seconds_left(done)
        text = tr("bar.task", title=title, done=done, total=total or "?", rate=meter.rate(done))
        if left is not None:
            text += tr("bar.task.left", left=duration(left))
        self.task_label.setText(text)
        self.task_label.setToolTip(detail)
        if self._importing and time.monotonic() - self._arrivals > self.ARRIVALS_EVERY_S:
            self._show_arrivals()

    def _show_arrivals(self) -> None:
        """Articles imported so far appear in the list, and the first one opens."""
        self._arrivals = time.monotonic()
        self.articles.reload(self.session.article_id)
        if self.session.article is None and self.session.resume():
            self.focus_text()
        self._refresh_header()

    def focus_text(self) -> None:
        """Keyboard focus on the text (at start-up and after every dialog), so the
        next key is a decision."""
        self.activateWindow()
        self.view.setFocus()

    def open_project(self) -> None:
        """Open a project, or name a new file to create one."""
        path = dialogs.ask_project(self, str(Path(self.store.path).parent))
        self.focus_text()
        if path:
            self.open_other_project(path)

    def open_other_project(self, path: str) -> None:
        """Replaced by the app with a function that opens ``path`` in a new window."""

    def set_name(self) -> None:
        """Change the name recorded with each decision from now on."""
        name = dialogs.ask_name(self, self.session.annotator)
        self.focus_text()
        if name:
            self.session.annotator = name
            self.settings.annotator = name
            self.settings.save()
            self._refresh_status(progress=False)

    def import_folder(self) -> None:
        """A folder and everything under it, as ``annotator import FOLDER`` does."""
        folder = dialogs.ask_import_folder(self, str(Path.home()))
        self.focus_text()
        if folder:
            self.import_files([folder])

    def import_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths = dialogs.ask_import_files(self, str(Path.home()))
            self.focus_text()
        if not paths:
            return
        db_path = self.store.path

        def work(progress: Callable[[int, int, str], None]) -> object:
            from annotator.core.importer import import_paths
            from annotator.core.store import Store

            total = [0]
            with Store.open(db_path) as store:
                return import_paths(
                    store,
                    paths,
                    on_total=lambda n: total.__setitem__(0, n),
                    on_progress=lambda n, src: progress(n, total[0], src),
                )

        def done(summary: object) -> None:
            self._importing -= 1
            s = summary  # ImportSummary
            message = tr(
                "task.done.import", added=s.added, duplicates=s.duplicates, failed=s.failed
            )  # type: ignore[attr-defined]
            errors = "\n".join(error_line(e) for e in s.errors[:20])  # type: ignore[attr-defined]
            self.notify(message, 8000)
            self.articles.reload(self.session.article_id)
            if self.session.article is None:
                self.session.resume()
            if errors:
                self.warn(f"{message}\n\n{errors}")
            self._refresh_status()

        def failed(message: str) -> None:
            self._importing -= 1
            self._task_failed(message)

        self._importing += 1
        self._refresh_header()
        self.tasks.run(tr("task.import"), work, on_done=done, on_error=failed)

    def export(self, choice: dialogs.ExportChoice | None = None) -> None:
        """Export in a chosen format, of done or all articles, with or without pending."""
        if choice is None:
            choice = dialogs.ask_export(self, str(Path.home()))
            self.focus_text()
        if choice is None:
            return
        db_path = self.store.path

        def work(_progress: object) -> int:
            from annotator.core.export import export
            from annotator.core.store import Store

            with Store.open(db_path) as store:
                return export(
                    store,
                    choice.format,
                    choice.path,
                    status=choice.status,
                    include_pending=choice.include_pending,
                )

        def done(n: int) -> None:
            if n == 0 and choice.status == "done":
                self.warn(tr("task.done.export_none"))
            else:
                self.notify(tr("task.done.export", n=n, path=choice.path), 8000)

        self.tasks.run(tr("task.export"), work, on_done=done, on_error=self._task_failed)

    def suggest_all(self) -> None:
        db_path = self.store.path

        def work(progress: Callable[[int, int, str], None]) -> int:
            from annotator.core.store import Store
            from annotator.core.suggest import default_pipeline

            with Store.open(db_path) as store:
                pipeline = default_pipeline(store=store)
                ids = store.article_ids()
                for i, article_id in enumerate(ids, 1):
                    store.replace_pending(
                        article_id, pipeline.suggest(store.article_text(article_id))
                    )
                    progress(i, len(ids), str(article_id))
                return len(ids)

        def done(n: int) -> None:
            self.notify(tr("task.done.suggest", n=n), 8000)
            if self.session.article_id is not None:
                self.session.open_article(self.session.article_id, span_id=self.session.current)
            self.articles.reload(self.session.article_id)

        self.tasks.run(tr("task.suggest"), work, on_done=done, on_error=self._task_failed)

    def _propagate(self) -> None:
        """Propagate: this article at once, the rest of the corpus in the background
        (cancellable; undo takes back both, and cancels the part still running)."""
        job = self.session.propagate()
        db_path = self.store.path

        def work(
            progress: Callable[[int, int, str], None], cancelled: Callable[[], bool]
        ) -> object:
            from annotator.core.store import Store

            with Store.open(db_path) as store:
                return job.run(store, progress=progress, cancelled=cancelled)

        def finished() -> None:
            self._propagation = None
            self.cancel_button.hide()

        def done(added: object) -> None:
            finished()
            if added is None:
                self.notify(tr("task.cancelled.propagate"), 6000)
                return
            self.session.attach(job, added)  # type: ignore[arg-type]
            self.articles.reload(self.session.article_id)
            self.notify(tr("task.done.propagate", n=len(added), surface=job.surface), 8000)  # type: ignore[arg-type]

        def failed(message: str) -> None:
            finished()
            self._task_failed(message)

        self.cancel_button.setToolTip(tr("task.cancel"))
        self.cancel_button.show()
        handle = self.tasks.run(
            tr("task.propagate"), work, on_done=done, on_error=failed, cancellable=True
        )
        if not handle.finished:
            self._propagation = handle

    def _cancel_propagation(self) -> None:
        if self._propagation is not None:
            self._propagation.cancel()

    def _undo(self) -> None:
        self._cancel_propagation()  # the part still running is taken back with it
        self.session.undo()

    def _task_failed(self, message: str) -> None:
        self.warn(tr("task.failed", error=message))

    # ------------------------------------------------------------------ window state
    def _restore_window(self) -> None:
        geometry = self.settings.window.get("geometry")
        if geometry:
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode()))
            # Saved on a larger screen or at a smaller scale: bring it back on screen.
            available = self.screen().availableGeometry()
            if not available.contains(self.frameGeometry()):
                self.resize(self.size().boundedTo(first_size(available.size())))
                self.move(available.topLeft())
        splitter = self.settings.window.get("splitter")
        if splitter:
            self.splitter.restoreState(QByteArray.fromBase64(splitter.encode()))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.trainer.stop()
        self._list_timer.stop()
        self._retry_timer.stop()
        self._message_timer.stop()
        self._panel_timer.stop()
        self.settings.window["geometry"] = bytes(self.saveGeometry().toBase64().data()).decode()
        self.settings.window["splitter"] = bytes(
            self.splitter.saveState().toBase64().data()
        ).decode()
        self.settings.save()
        self.tasks.wait(5000)
        super().closeEvent(event)
