#!/usr/bin/env bash
# Remove the menu entry, icons and metainfo that install-desktop.sh added.
set -euo pipefail
app_id="io.github.zhnewsannotator.Annotator"
xdg-desktop-menu uninstall --mode user --novendor "$app_id.desktop" || true
for size in 16 24 32 48 64 128 256 512; do
  xdg-icon-resource uninstall --mode user --noupdate --context apps --size "$size" "$app_id" || true
done
xdg-icon-resource forceupdate --mode user || true
rm -f "${XDG_DATA_HOME:-$HOME/.local/share}/metainfo/$app_id.metainfo.xml"
echo "Removed $app_id from the application menu."
