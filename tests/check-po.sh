#!/bin/sh
# The message catalogs: each po/LANG.po complete (no message untranslated,
# none fuzzy, every c-format checked by msgfmt), and po/samv.pot what
# `make pot` extracts from the sources today (the dates aside), so that no
# marked message can be missing from a catalog.
set -u
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $1"; fi; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samv-po.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

for p in po/*.po; do
	check "$p: msgfmt --check" "msgfmt --check --statistics -o /dev/null '$p' 2>'$tmp/stats'"
	check "$p: every message translated, none fuzzy ($(cat "$tmp/stats"))" \
		"grep -q '^[0-9]* translated messages\.\$' '$tmp/stats'"
done
make -s --no-print-directory pot-extract POT="$tmp/samv.pot" >/dev/null 2>&1
check "po/samv.pot extracted" "[ -s '$tmp/samv.pot' ]"
check "po/samv.pot is up to date with the sources (make pot)" \
	"diff -I '^\"POT-Creation-Date:' -I '^#: ' po/samv.pot '$tmp/samv.pot' >/dev/null"
check "every message of the sources is in po/sv.po" \
	"[ -z \"\$(msgcmp --use-untranslated po/sv.po '$tmp/samv.pot' 2>&1)\" ]"
echo "po: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
