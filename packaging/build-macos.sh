#!/usr/bin/env bash
# Build "dist/News Entity Annotator.app" on macOS (run on a Mac; needs Xcode's iconutil).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
python="${PYTHON:-python3}"
[ -x build/venv/bin/python ] || "$python" -m venv build/venv
build/venv/bin/pip install -q --upgrade pip
build/venv/bin/pip install -q ".[packaging]"

# The .icns icon, from the committed PNGs.
iconset="build/annotator.iconset"
rm -rf "$iconset" && mkdir -p "$iconset"
for size in 16 32 128 256 512; do
  cp "resources/icons/annotator-$size.png" "$iconset/icon_${size}x${size}.png"
done
for size in 16 32 128 256; do
  cp "resources/icons/annotator-$((size * 2)).png" "$iconset/icon_${size}x${size}@2x.png" 2>/dev/null || true
done
iconutil -c icns "$iconset" -o build/annotator.icns

rm -rf dist/annotator "dist/News Entity Annotator.app" build/pyinstaller
build/venv/bin/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
  packaging/annotator.spec
echo "App: dist/News Entity Annotator.app (drag it to /Applications)"
