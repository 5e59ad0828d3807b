"""The statistics dashboard: the figures of :func:`project_stats`, drawn with pyqtgraph.

It draws exactly the dictionary ``annotator stats --json`` prints (the window computes
it off the GUI thread and hands it over), so the charts and the command line agree.

Render one for a check or a bug report::

    python -m annotator.ui.dashboard --db TEAM.db --lang zh --screenshot out.png
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from itertools import pairwise
from pathlib import Path
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import QDialog, QGridLayout, QLabel, QVBoxLayout, QWidget

from annotator.core.model import LabelSet
from annotator.ui.i18n import tr

_ACCEPTED, _CORRECTED, _REJECTED = "#43a047", "#fb8c00", "#e53935"
_BAR = "#5c6bc0"
_LINES = ("#5c6bc0", "#00897b", "#8e24aa", "#f4511e", "#6d4c41")
_TOP_ORIGINS = 8


def _plot(title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(background="w")
    plot.setTitle(title, color="#263238", size="11pt")
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=False, y=True, alpha=0.25)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setPen(pg.mkPen("#90a4ae"))
        axis.setTextPen(pg.mkPen("#37474f"))
    return plot


def _ticks(plot: pg.PlotWidget, names: list[str]) -> None:
    axis = plot.getAxis("bottom")
    axis.setTicks([[(i, n) for i, n in enumerate(names)]])
    if len(names) > 6:  # ten label names side by side need a smaller type
        font = QFont(plot.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.8, 6.0))
        axis.setTickFont(font)
    plot.setXRange(-0.6, max(len(names) - 0.4, 0.4), padding=0)


class Dashboard(QDialog):
    """Six charts over one figures dictionary; ``items`` names what each chart drew."""

    def __init__(
        self, figures: dict[str, Any], labels: LabelSet, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.figures = figures
        self.labels = labels
        self.items: dict[str, Any] = {}
        self.setWindowTitle(tr("dash.title"))
        self.resize(1400, 820)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setStyleSheet("padding: 4px 8px; color: #263238; font-size: 11pt;")
        grid = QGridLayout()
        grid.setSpacing(8)
        charts = [
            self._progress(),
            self._speed(),
            self._times(),
            self._labels(),
            self._origins(),
            self._agreement(),
        ]
        for i, chart in enumerate(charts):
            grid.addWidget(chart, i // 3, i % 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(grid, 1)
        self._summary()

    # ------------------------------------------------------------------ charts
    def _summary(self) -> None:
        f = self.figures
        by = f["articles_by_status"]
        text = tr(
            "dash.summary",
            done=by["done"],
            total=f["articles"],
            accepted=f["spans_by_status"]["accepted"],
            decisions=f["decisions"],
        )
        if f.get("annotators"):
            text += " · " + tr("dash.annotators", names=", ".join(f["annotators"]))
        self.summary.setText(text)

    def _progress(self) -> pg.PlotWidget:
        plot = _plot(tr("dash.progress"))
        lines = self.figures["progress"]
        start = min((line[0][0] for line in lines.values() if line), default=0.0)
        if len(lines) > 1:
            plot.addLegend(offset=(8, 8), labelTextColor="#37474f")
        self.items["progress"] = {}
        for i, (name, line) in enumerate(lines.items()):
            colour = _LINES[i % len(_LINES)]
            self.items["progress"][name] = plot.plot(
                [(t - start) / 3600 for t, _n in line],
                [n for _t, n in line],
                pen=pg.mkPen(colour, width=2),
                symbol="o",
                symbolSize=5,
                symbolBrush=colour,
                name=name,
            )
        plot.setLabel("bottom", tr("dash.hours"))
        plot.getAxis("bottom").enableAutoSIPrefix(False)
        return plot

    def _bars(
        self,
        plot: pg.PlotWidget,
        key: str,
        names: list[str],
        values: list[float],
        brushes: list[str] | str = _BAR,
    ) -> None:
        bars = pg.BarGraphItem(
            x=list(range(len(values))),
            height=values,
            width=0.6,
            brushes=[QColor(b) for b in brushes] if isinstance(brushes, list) else None,
            brush=None if isinstance(brushes, list) else QColor(brushes),
            pen=pg.mkPen("#ffffff"),
        )
        plot.addItem(bars)
        self.items[key] = bars
        _ticks(plot, names)

    def _speed(self) -> pg.PlotWidget:
        plot = _plot(tr("dash.speed"))
        rates = self.figures["decisions_per_hour"]
        self._bars(plot, "speed", list(rates), [r["per_hour"] for r in rates.values()])
        return plot

    def _times(self) -> pg.PlotWidget:
        t = self.figures["time_per_article"]
        title = tr("dash.times")
        if t["median_s"] is not None:
            title += " · " + tr("dash.median", s=t["median_s"])
        plot = _plot(title)
        edges = t["bucket_edges_s"]
        names = [f"<{edges[0]}s"]
        names += [f"{a}–{b}s" for a, b in pairwise(edges)]
        names.append(f"≥{edges[-1]}s")
        self._bars(plot, "times", names, t["histogram"])
        return plot

    def _labels(self) -> pg.PlotWidget:
        plot = _plot(tr("dash.labels"))
        counts = self.figures["spans_by_label"]
        names = list(counts)
        colours = [self.labels[n].colour if n in self.labels else _BAR for n in names]
        self._bars(plot, "labels", names, list(counts.values()), colours)
        return plot

    def _origins(self) -> pg.PlotWidget:
        """Stacked bars per suggester: accepted as is, corrected, rejected."""
        rows = self.figures["origins"]
        team = any(r["team_accepted"] or r["team_rejected"] for r in rows.values())
        parts = (
            [
                ("team_accepted", _ACCEPTED, "dash.accepted"),
                ("team_rejected", _REJECTED, "dash.rejected"),
            ]
            if team
            else [
                ("accepted", _ACCEPTED, "dash.accepted"),
                ("corrected", _CORRECTED, "dash.corrected"),
                ("rejected", _REJECTED, "dash.rejected"),
            ]
        )
        top = sorted(rows, key=lambda o: -sum(rows[o][k] for k, _c, _t in parts))[:_TOP_ORIGINS]
        top.reverse()  # the largest at the top
        plot = _plot(tr("dash.origins_team" if team else "dash.origins"))
        plot.addLegend(offset=(-8, -8), labelTextColor="#37474f")
        base = [0.0] * len(top)
        self.items["origins"] = {}
        for key, colour, name in parts:
            values = [float(rows[o][key]) for o in top]
            bars = pg.BarGraphItem(
                x0=base,
                y=list(range(len(top))),
                width=values,
                height=0.6,
                brush=QColor(colour),
                pen=pg.mkPen("#ffffff"),
                name=tr(name),
            )
            plot.addItem(bars)
            self.items["origins"][key] = (top, bars)
            base = [b + v for b, v in zip(base, values, strict=True)]
        plot.getAxis("left").setTicks([[(i, o) for i, o in enumerate(top)]])
        plot.setYRange(-0.6, max(len(top) - 0.4, 0.4), padding=0)
        plot.showGrid(x=True, y=False, alpha=0.25)
        return plot

    def _agreement(self) -> QWidget:
        agreement = self.figures.get("agreement")
        if not agreement or not agreement["pairs"]:
            box = QLabel(tr("dash.no_agreement"))
            box.setAlignment(Qt.AlignmentFlag.AlignCenter)
            box.setWordWrap(True)
            box.setStyleSheet("background: #fff; color: #607d8b; border: 1px solid #d5dbe1;")
            self.items["agreement"] = None
            return box
        pair = agreement["pairs"][0]
        kappa = pair["kappa"]
        plot = _plot(tr("dash.agreement", a=pair["a"], b=pair["b"]))
        self.agreement_line = tr(
            "dash.agreement_figures",
            exact=pair["f1_exact"],
            overlap=pair["f1_overlap"],
            kappa="-" if kappa is None else f"{kappa:.3f}",
        )
        plot.setLabel("bottom", self.agreement_line)
        by_label = {k: v for k, v in pair["kappa_by_label"].items() if v is not None}
        names = list(by_label)
        colours = [self.labels[n].colour if n in self.labels else _BAR for n in names]
        self._bars(plot, "agreement", names, list(by_label.values()), colours)
        plot.setYRange(0, 1, padding=0.02)
        return plot


# ---------------------------------------------------------------------- screenshots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m annotator.ui.dashboard")
    parser.add_argument("--db", required=True)
    parser.add_argument("--lang", choices=["zh", "en"], default="en")
    parser.add_argument("--screenshot", required=True, metavar="PNG")
    args = parser.parse_args(argv)
    if "QT_QPA_PLATFORM" not in os.environ and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from annotator.core.statistics import project_stats
    from annotator.core.store import Store
    from annotator.ui.i18n import set_language
    from annotator.ui.qt_app import application

    app = application()
    set_language(args.lang)
    with Store.open(args.db) as store:
        figures, labels = project_stats(store), store.labels()
    dash = Dashboard(figures, labels)
    dash.show()
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        app.processEvents()
    target = Path(args.screenshot)
    if not dash.grab().save(str(target)):
        print(f"cannot write {target}", file=sys.stderr)
        return 1
    print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
