"""`annotator gui` names missing system libraries instead of aborting in Qt (issue #12, 17)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.ui import qt_libraries

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 plugin")


def _real_plugin() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return (
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms" / "libqxcb.so"
    )


def _plugin_needing(tmp_path: Path, renames: dict[bytes, bytes], real: Path | None = None) -> Path:
    """A copy of Qt's xcb plugin (or ``real``) whose needed-library names are changed
    (same length), beside a link to Qt's own libraries so that only those names go
    missing."""
    real = real or _real_plugin()
    qt = tmp_path / "Qt"
    (qt / "plugins" / "platforms").mkdir(parents=True)
    (qt / "lib").symlink_to(real.parent.parent.parent / "lib")
    data = real.read_bytes()
    for old, new in renames.items():
        assert len(old) == len(new) and old + b"\0" in data
        data = data.replace(old + b"\0", new + b"\0")
    copy = qt / "plugins" / "platforms" / "libqxcb.so"
    copy.write_bytes(data)
    return copy


def test_gui_names_every_missing_library_instead_of_aborting(tmp_path):
    plugin = _plugin_needing(
        tmp_path,
        {b"libxcb-cursor.so.0": b"libxcb-cursoX.so.0", b"libxcb-icccm.so.4": b"libxcb-icccX.so.4"},
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "QT_QPA_PLATFORM_PLUGIN_PATH": str(plugin.parent),
    }
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli", "gui", "--screenshot", str(tmp_path / "x.png")],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    (line,) = result.stderr.strip().splitlines()
    assert "libxcb-cursoX.so.0" in line and "libxcb-icccX.so.4" in line


def test_the_table_covers_what_the_plugin_loads_and_the_readme_names_it_all():
    table = qt_libraries.packages()
    needed = subprocess.run(["readelf", "-d", str(_real_plugin())], capture_output=True, text=True)
    if needed.returncode:
        pytest.skip("no readelf")
    names = [
        line.split("[")[1].rstrip("]") for line in needed.stdout.splitlines() if "(NEEDED)" in line
    ]
    system = [n for n in names if n.startswith(("libxcb", "libxkb", "libX11-xcb"))]
    assert system and set(system) <= set(table), set(system) - set(table)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1"):
        assert package in readme
    install = next(line for line in readme.splitlines() if "apt install libxcb" in line)
    assert set(table.values()) <= set(install.replace("`", " ").split())


def test_nothing_is_said_when_every_library_is_there(monkeypatch, tmp_path):
    # Qt's offscreen plugin, standing in for the xcb one: it needs only Qt's own
    # libraries and the C library's, which every machine that runs Qt has.
    plugin = _plugin_needing(tmp_path, {}, _real_plugin().with_name("libqoffscreen.so"))
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setenv("QT_QPA_PLATFORM_PLUGIN_PATH", str(plugin.parent))
    assert qt_libraries.xcb_plugin() == plugin
    assert qt_libraries.problem() is None


def test_a_library_missing_twice_over_is_named_once(monkeypatch):
    # ldd lists a missing library under the plugin and again under each library
    # needing it.
    ldd = (
        "\tlibxcb-icccm.so.4 => not found\n\tlibc.so.6 => /lib/libc.so.6\n"
        "\tlibxcb-keysyms.so.1 => not found\n\tlibxcb-icccm.so.4 => not found\n"
    )
    monkeypatch.setattr(
        qt_libraries.subprocess, "run", lambda *a, **k: subprocess.CompletedProcess(a, 0, ldd, "")
    )
    assert qt_libraries.missing(Path("libqxcb.so")) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
