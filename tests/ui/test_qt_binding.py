"""Guards against Qt binding releases the app cannot live with."""

import sys

from PySide6.QtGui import QColor


def test_void_calls_do_not_drop_references_to_none():
    # PySide6 6.12.0 decrefs None on each call to a method returning void; on Python
    # 3.11 that aborts the app ("deallocating None") after a few thousand repaints.
    colour = QColor("#123456")
    before = sys.getrefcount(None)
    for _ in range(200):
        colour.setAlpha(100)
    assert sys.getrefcount(None) - before > -50
