#!/bin/sh
# Every source file with translatable strings must be listed in po/POTFILES.in,
# and every listed file must exist.
set -eu
top="$1"
cd "$top"
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d' | sort)
found=$( (git ls-files 'src/*.c' 'src/*.ui' 2>/dev/null || find src -name '*.c' -o -name '*.ui') |
  xargs grep -l -E '(^|[^a-zA-Z_])(N?_|C_|NC_|g_dngettext|ngettext)\s*\(|translatable="yes"' 2>/dev/null | sort)
status=0
for f in $found; do
  echo "$listed" | grep -qx "$f" || { echo "not in po/POTFILES.in: $f"; status=1; }
done
for f in $listed; do
  [ -f "$f" ] || { echo "listed in po/POTFILES.in but missing: $f"; status=1; }
done
[ "$status" -eq 0 ] && echo "POTFILES.in lists all $(echo "$found" | wc -l) source files with strings"
exit $status
