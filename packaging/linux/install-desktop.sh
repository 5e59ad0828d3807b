#!/usr/bin/env bash
# Register News Entity Annotator in your application menu (per user, no root needed).
#
#   install-desktop.sh [PROGRAM]
#
# PROGRAM is what the menu entry starts. By default: the bundle's `annotator` when this
# script runs from inside a bundle (dist/annotator/desktop/), else the `annotator-gui`
# of the repository's .venv, else `annotator-gui` on PATH.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
app_id="io.github.zhnewsannotator.Annotator"

program="${1:-}"
if [ -z "$program" ]; then
  if [ -f "$here/../annotator" ] && [ -x "$here/../annotator" ]; then
    program="$(cd "$here/.." && pwd)/annotator"
  elif [ -x "$here/../../.venv/bin/annotator-gui" ]; then
    program="$(cd "$here/../.." && pwd)/.venv/bin/annotator-gui"
  elif command -v annotator-gui >/dev/null 2>&1; then
    program="$(command -v annotator-gui)"
  else
    echo "install-desktop: cannot find the app; pass its path: install-desktop.sh /path/to/annotator" >&2
    exit 2
  fi
fi
[ -x "$program" ] || { echo "install-desktop: $program is not an executable" >&2; exit 2; }

if [ -d "$here/icons" ]; then icons="$here/icons"; else icons="$here/../../resources/icons"; fi
for tool in xdg-desktop-menu xdg-icon-resource; do
  command -v "$tool" >/dev/null 2>&1 || { echo "install-desktop: $tool is missing (Debian/Ubuntu: apt install xdg-utils)" >&2; exit 2; }
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# Exec quotes the path (it may hold spaces); the bundle's program needs the `gui` verb.
exec_line="\"$program\""
case "$(basename "$program")" in annotator) exec_line="$exec_line gui" ;; esac
sed "s|^Exec=.*|Exec=$exec_line|" "$here/$app_id.desktop" > "$work/$app_id.desktop"

for size in 16 24 32 48 64 128 256 512; do
  png="$icons/annotator-$size.png"
  [ -f "$png" ] && xdg-icon-resource install --mode user --noupdate --novendor --context apps --size "$size" "$png" "$app_id"
done
xdg-icon-resource forceupdate --mode user || true
xdg-desktop-menu install --mode user --novendor "$work/$app_id.desktop"
mkdir -p "${XDG_DATA_HOME:-$HOME/.local/share}/metainfo"
cp "$here/$app_id.metainfo.xml" "${XDG_DATA_HOME:-$HOME/.local/share}/metainfo/"
echo "Installed: ${XDG_DATA_HOME:-$HOME/.local/share}/applications/$app_id.desktop -> $program"
