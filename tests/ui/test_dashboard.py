"""The dashboard draws what ``annotator stats --json`` prints; the annotator filter by key."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from annotator.cli import main
from annotator.core.importer import import_paths
from annotator.core.merge import merge
from annotator.core.session import Session
from annotator.core.settings import Settings
from annotator.core.store import Store
from annotator.ui.i18n import set_language
from annotator.ui.main_window import MainWindow
from annotator.ui.tasks import Tasks
from tests.team_data import DOCS, changed, write_gold


@pytest.fixture
def team(tmp_path):
    """Alice reviews suggestions with the session (so there are events); Bob's work is
    imported finished; the two are merged."""
    gold = tmp_path / "texts.jsonl"
    write_gold(gold, DOCS)  # entities pending: suggestions to review
    alice = tmp_path / "alice.db"
    with Store.open(alice) as store:
        import_paths(store, [gold], suggest=False)
        session = Session(store, "alice")
        session.resume()
        for n in range(len(DOCS)):
            session.step_span(1)
            if n % 2:
                session.reject()
            if n == 2:
                session.move_boundary("end", -1)
            session.accept_all()
            session.mark_done()
    bob_gold = tmp_path / "bob.jsonl"
    write_gold(bob_gold, changed(DOCS)[0], annotator="bob")
    bob = tmp_path / "bob.db"
    with Store.open(bob) as store:
        import_paths(store, [bob_gold], suggest=False)
    path = tmp_path / "team.db"
    merge([alice, bob], path)
    return path


def _window(qtbot, path, tmp_path, name="carol"):
    set_language("en")
    store = Store.open(path)
    session = Session(store, name)
    settings = Settings(annotator=name, path=tmp_path / "s.json")
    win = MainWindow(store, session, settings, Tasks(synchronous=True))
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # window shortcuts need the active window
    session.resume()
    win.view.setFocus()
    return win


def test_dashboard_figures_are_those_of_stats_json(qtbot, team, tmp_path, capsys):
    capsys.readouterr()
    assert main(["stats", "--db", str(team), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["annotators"] == ["alice", "bob"] and stats["agreement"]["pairs"]
    win = _window(qtbot, team, tmp_path)
    try:
        qtbot.keyClick(win.view, Qt.Key.Key_F4)
        qtbot.waitUntil(lambda: win.dashboard is not None and win.dashboard.isVisible())
        items = win.dashboard.items

        def heights(key):
            return [float(v) for v in items[key].opts["height"]]

        assert heights("labels") == [float(v) for v in stats["spans_by_label"].values()]
        rates = stats["decisions_per_hour"]
        assert heights("speed") == [float(r["per_hour"]) for r in rates.values()]
        assert heights("times") == [float(v) for v in stats["time_per_article"]["histogram"]]
        pair = stats["agreement"]["pairs"][0]
        kappas = [v for v in pair["kappa_by_label"].values() if v is not None]
        assert heights("agreement") == pytest.approx(kappas)
        assert f"{pair['f1_exact']:.3f}" in win.dashboard.agreement_line
        for name, line in stats["progress"].items():
            xs, ys = items["progress"][name].getData()
            assert len(xs) == len(line)
            assert list(ys) == [n for _t, n in line]
        for key, (origins, bars) in items["origins"].items():
            assert [float(v) for v in bars.opts["width"]] == [
                float(stats["origins"][o][key]) for o in origins
            ]
        assert f"{stats['articles_by_status']['done']}/{stats['articles']}" in (
            win.dashboard.summary.text()
        )
    finally:
        win.close()
        win.store.close()


def test_annotator_filter_by_key(qtbot, window):
    win = window
    qtbot.keyClick(win.view, Qt.Key.Key_Space)  # the tester accepts one span in article 1
    first = win.session.article_id
    total = win.articles.model.rowCount()
    assert total == 3
    qtbot.keyClick(win.view, Qt.Key.Key_F3)
    assert win.articles.model.annotator == "tester"
    assert win.articles.model.rowCount() == 1
    assert win.articles.model.data(win.articles.model.index(0, 0), Qt.ItemDataRole.UserRole) == (
        first
    )
    assert [s.annotator for s in win.view._spans] == ["tester"]
    qtbot.keyClick(win.view, Qt.Key.Key_F3)  # back to everyone
    assert win.articles.model.annotator is None
    assert win.articles.model.rowCount() == total
    assert len(win.view._spans) == len(win.session.spans) > 1
