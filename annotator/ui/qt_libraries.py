"""Before Qt starts on Linux: are the system libraries its X11 plugin needs there?

Without one of them Qt aborts inside its plugin loader with a message that names no
package. This check finds every missing library and names the Debian/Ubuntu
packages to install (resources/qt_linux_libraries.tsv).
"""

from __future__ import annotations

import ctypes
import os
import re
import subprocess
import sys
from pathlib import Path

from annotator.core.resources import read_text


def packages() -> dict[str, str]:
    """soname -> Debian package, from the shipped table."""
    table = {}
    for line in read_text("qt_linux_libraries.tsv").splitlines():
        if line.strip() and not line.startswith("#"):
            soname, package = line.split("\t")
            table[soname.strip()] = package.strip()
    return table


def xcb_plugin() -> Path | None:
    """The xcb platform plugin Qt would load, or None when Qt will not use X11."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY") and not os.environ.get("DISPLAY"):
        return None
    folders = [os.environ.get("QT_QPA_PLATFORM_PLUGIN_PATH", "")]
    from PySide6.QtCore import QLibraryInfo

    folders.append(str(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"))
    for folder in filter(None, folders):
        plugin = Path(folder) / "libqxcb.so"
        if plugin.is_file():
            return plugin
    return None


def missing(plugin: Path) -> list[str]:
    """Sonames the plugin needs that the system cannot find (every one, via ldd;
    the first one, via the loader, where there is no ldd)."""
    try:
        out = subprocess.run(
            ["ldd", str(plugin)], capture_output=True, text=True, timeout=20, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        out = None
    if out:
        # ldd names a library again under each library that needs it: once each.
        return list(
            dict.fromkeys(line.split()[0] for line in out.splitlines() if "not found" in line)
        )
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.match(r"([^:\s]+): cannot open shared object", str(exc))
        return [found.group(1) if found else str(exc)]
    return []


def problem() -> str | None:
    """One line saying which libraries are missing and how to get them, or None."""
    plugin = xcb_plugin()
    if plugin is None:
        return None
    absent = missing(plugin)
    if not absent:
        return None
    table = packages()
    known = [table[s] for s in absent if s in table]
    how = f" (Debian/Ubuntu: sudo apt install {' '.join(known)})" if known else ""
    return (
        f"cannot open windows: Qt's X11 plugin needs {', '.join(absent)}, which this system"
        f" lacks{how}"
    )
