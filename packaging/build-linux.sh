#!/usr/bin/env bash
# Build the self-contained Linux bundle: dist/annotator/ (run it as dist/annotator/annotator).
#
#   packaging/build-linux.sh
#
# Works from a fresh clone: it makes its own build environment (build/venv) with the
# app and PyInstaller, so the bundle never depends on a developer's setup.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"

if [ ! -x build/venv/bin/python ]; then
  "$python" -m venv build/venv
fi
build/venv/bin/pip install -q --upgrade pip
build/venv/bin/pip install -q ".[packaging]"

rm -rf dist/annotator build/pyinstaller
build/venv/bin/pyinstaller --noconfirm --clean \
  --distpath dist --workpath build/pyinstaller \
  packaging/annotator.spec
# Desktop integration files sit at the top of the bundle, where a user looks for them.
mv dist/annotator/_internal/desktop dist/annotator/desktop
chmod +x dist/annotator/desktop/*.sh

# Qt's X11 plugin needs a few xcb libraries; PyInstaller copies them in when this machine
# has them. Say so if it did not, or the bundle would only start where they are installed.
missing="$(ldd dist/annotator/_internal/PySide6/Qt/plugins/platforms/libqxcb.so | awk '/not found/ {print $1}' | sort -u)"
if [ -n "$missing" ]; then
  echo "warning: the bundle lacks $missing" >&2
  echo "  install them and build again (Debian/Ubuntu: apt install libxcb-cursor0 libxcb-icccm4" >&2
  echo "  libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxkbcommon-x11-0)" >&2
fi

echo
echo "Bundle: dist/annotator ($(du -sh dist/annotator | cut -f1))"
echo "Run:    dist/annotator/annotator gui --demo"
echo "Menu:   dist/annotator/desktop/install-desktop.sh"
