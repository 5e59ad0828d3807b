"""A real main window over a temporary project, driven with real key events."""

from __future__ import annotations

import pytest

from annotator.core.formats import article_from_raw
from annotator.core.model import Span
from annotator.core.store import Store
from annotator.ui.tasks import Tasks
from tests.ui.windows import open_window

ARTICLES = [
    (
        "江门市委书记郭文海在鹤山调研。鹤山要抓落实，鹤山项目加快。",
        [(0, 6, "TITLE"), (6, 9, "PER"), (10, 12, "LOC"), (15, 17, "ORG")],
    ),
    ("清远市清城区召开推进会，清城区委书记讲话。", [(0, 6, "LOC")]),
    ("第三篇：汕头市濠江区。", [(4, 10, "LOC")]),
]


@pytest.fixture
def project(tmp_path):
    store = Store.open(tmp_path / "p.db")
    for text, spans in ARTICLES:
        art = article_from_raw(text, "t.txt")
        art.spans = [Span(s, e, lab, art.text[s:e], origin="test") for s, e, lab in spans]
        store.add_article(art)
    yield store
    store.close()


@pytest.fixture
def window(qtbot, project, tmp_path):
    win, session = open_window(qtbot, project, tmp_path, tasks=Tasks(synchronous=True))
    session.resume()
    win.view.setFocus()
    yield win
    win.close()
