#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# setup-mimeapps.sh BROWSER_SCRIPT|none [TOCSIN_BINARY]
#
# Makes the test's own desktop the only one GIO consults, under the
# $XDG_DATA_HOME and $XDG_CONFIG_HOME of the calling test:
# - the system's browsers are removed from the http/https associations, so
#   with "none" no browser can be launched (GIO then fails the launch);
# - BROWSER_SCRIPT becomes the default web browser (test-browser.desktop);
# - TOCSIN_BINARY, if given, handles tocsin:// URIs (a second process that
#   forwards the URI to the running app over D-Bus).
set -eu

browser="$1"
tocsin="${2:-}"
apps="$XDG_DATA_HOME/applications"
list="$XDG_CONFIG_HOME/mimeapps.list"
mkdir -p "$apps" "$XDG_CONFIG_HOME"

removed=""
for f in /usr/share/applications/*.desktop /usr/local/share/applications/*.desktop; do
  [ -f "$f" ] || continue
  grep -q 'x-scheme-handler/http' "$f" && removed="$removed$(basename "$f");"
done
rm -f "$apps/test-browser.desktop" "$apps/tocsin-test-callback.desktop"
cat > "$list" <<LIST
[Removed Associations]
x-scheme-handler/http=$removed
x-scheme-handler/https=$removed
LIST

if [ "$browser" != none ]; then
  cat > "$apps/test-browser.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Test Browser
Exec=/usr/bin/python3 "$browser" %u
MimeType=x-scheme-handler/http;x-scheme-handler/https;
NoDisplay=true
DESKTOP
  gio mime x-scheme-handler/http test-browser.desktop >/dev/null
  gio mime x-scheme-handler/https test-browser.desktop >/dev/null
fi

if [ -n "$tocsin" ]; then
  cat > "$apps/tocsin-test-callback.desktop" <<DESKTOP
[Desktop Entry]
Type=Application
Name=Tocsin (test build)
Exec="$tocsin" %u
MimeType=x-scheme-handler/tocsin;
NoDisplay=true
DESKTOP
  gio mime x-scheme-handler/tocsin tocsin-test-callback.desktop >/dev/null
fi
