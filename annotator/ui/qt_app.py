"""The QApplication itself: made once per process, with its name, icon, font and Qt's
own texts in the interface language. Its own module, so that the windows and the
benchmarks reach it without importing the app's start-up (which imports the windows)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QLibraryInfo, Qt, QTranslator
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from annotator import __version__
from annotator.ui.article_view import cjk_font

_translators: list[QTranslator] = []


def install_qt_translations(app: QApplication, language: str) -> None:
    """Qt's own texts (OK, Cancel, file dialogs) in the interface language."""
    for translator in _translators:
        app.removeTranslator(translator)
    _translators.clear()
    if language == "zh":
        translator = QTranslator(app)
        path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        if translator.load("qtbase_zh_CN", path):
            app.installTranslator(translator)
            _translators.append(translator)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("annotator")
    app.setApplicationDisplayName("新闻实体标注 · News Entity Annotator")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.zhnewsannotator.Annotator")
    app.setFont(cjk_font(10))
    from annotator.core.resources import resource

    icon = resource("icons", "annotator.svg")
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    return app
