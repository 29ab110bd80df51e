#!/bin/sh
# Install this Trellis bundle for the current user (no root): the program folder, the
# `trellis` command, the menu entry, the icon and the vCard (.vcf) association.
#
#   ./install.sh              install into ~/.local (run from the unpacked bundle)
#   ./install.sh --uninstall  remove what install.sh put there (never your data)
#
# PREFIX=/usr/local sudo -E ./install.sh installs for every user instead.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
program="$prefix/lib/trellis"
bin="$prefix/bin"
applications="$prefix/share/applications"
icons="$prefix/share/icons/hicolor"

# The MIME cache makes "Open with Trellis" appear for .vcf files. (No icon cache: desktops
# find icons without one, and a stale cache would hide icons other programs add later.)
refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$applications" || true
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$program"
  rm -f "$bin/trellis" "$applications/trellis.desktop"
  rm -f "$icons/256x256/apps/trellis.png" "$icons/48x48/apps/trellis.png"
  refresh
  echo "Trellis removed. Your data folder (~/.local/share/Trellis) was left as it was."
  exit 0
fi

if [ ! -x "$here/trellis" ] || [ ! -d "$here/_internal" ]; then
  echo "install.sh: run me from the unpacked Trellis bundle (beside the trellis program)" >&2
  exit 1
fi

mkdir -p "$program" "$bin" "$applications" "$icons/256x256/apps" "$icons/48x48/apps"
if [ "$here" != "$program" ]; then
  rm -rf "$program"
  cp -R "$here" "$program"
fi
ln -sf "$program/trellis" "$bin/trellis"
sed "s|^Exec=trellis|Exec=$program/trellis|; s|^TryExec=trellis|TryExec=$program/trellis|" \
  "$here/trellis.desktop" >"$applications/trellis.desktop"
cp "$here/trellis.png" "$icons/256x256/apps/trellis.png"
cp "$here/trellis-48.png" "$icons/48x48/apps/trellis.png"
refresh
echo "Trellis installed in $program; start it from the menu or with $bin/trellis."
echo "To open .vcf files with Trellis by default: xdg-mime default trellis.desktop text/vcard"
