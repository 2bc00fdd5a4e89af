#!/bin/sh
# Every string in a freshly extracted template must be translated, not fuzzy,
# in every language of po/LINGUAS.
set -eu
top="$1"
out="$2/po-check"
mkdir -p "$out"
cd "$top"
grep -v '^#' po/POTFILES.in | sed '/^$/d' > "$out/files"
xgettext --files-from="$out/files" --directory="$top" --output="$out/tocsin.pot" \
  --from-code=UTF-8 --add-comments=Translators --keyword=_ --keyword=N_ --keyword=C_:1c,2 \
  --keyword=NC_:1c,2 --keyword=g_dngettext:2,3 --keyword=ngettext:1,2 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_printf:2:c-format --flag=g_string_append_printf:2:c-format \
  --flag=g_error_new:3:c-format --flag=g_set_error:4:c-format \
  --flag=g_markup_printf_escaped:1:c-format
total=$(grep -c '^msgid ' "$out/tocsin.pot")
[ "$total" -gt 1 ] || { echo "no strings extracted"; exit 1; }
status=0
# A catalogue that LINGUAS does not name is never built or checked.
for po in po/*.po; do
  lang=$(basename "$po" .po)
  grep -qx "$lang" po/LINGUAS || { echo "$po is not in po/LINGUAS"; status=1; }
done
for lang in $(grep -v '^#' po/LINGUAS); do
  msgmerge --quiet --no-fuzzy-matching "po/$lang.po" "$out/tocsin.pot" -o "$out/$lang.po"
  stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$out/$lang.po" 2>&1)
  echo "$lang: $stats (of $((total - 1)) strings)"
  case "$stats" in
    *untranslated*|*fuzzy*) status=1
      msgattrib --untranslated "$out/$lang.po" | grep '^msgid' | head -20
      msgattrib --only-fuzzy "$out/$lang.po" | grep '^msgid' | head -20 ;;
  esac
done
exit $status
