#!/bin/sh
# make install / uninstall honour PREFIX and DESTDIR: every command, page
# (and its Swedish translation, under man/sv for man -L sv) and completion
# lands under DESTDIR/PREFIX, and uninstall removes them all.
set -u
dest=$(mktemp -d "${TMPDIR:-/tmp}/samv-install.XXXXXX")
trap 'rm -rf "$dest"' EXIT INT TERM
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "not ok - $1"; fi; }

make -s BUILD="$1" install PREFIX=/opt/samv DESTDIR="$dest" >/dev/null
for c in cmd/*.c; do
	n=$(basename "$c" .c)
	check "$n installed" "[ -x '$dest/opt/samv/bin/$n' ]"
	check "$n.1 installed" "[ -f '$dest/opt/samv/share/man/man1/$n.1' ]"
	check "$n bash completion" "[ -e '$dest/opt/samv/share/bash-completion/completions/$n' ]"
	check "$n fish completion" "grep -q '^set -l samv_cmd $n\$' '$dest/opt/samv/share/fish/vendor_completions.d/$n.fish'"
done
check "samv-records.5" "[ -f '$dest/opt/samv/share/man/man5/samv-records.5' ]"
check "samv.7" "[ -f '$dest/opt/samv/share/man/man7/samv.7' ]"
# every Swedish page (check-man.sh sees that each English one has one)
for p in man/sv/*.[157]; do
	check "$p installed" "[ -f '$dest/opt/samv/share/man/sv/man${p##*.}/${p#man/sv/}' ]"
done
check "Swedish messages" "[ -f '$dest/opt/samv/share/locale/sv/LC_MESSAGES/samv.mo' ]"
check "installed samv speaks Swedish" "LC_ALL=sv_SE.UTF-8 '$dest/opt/samv/bin/samv' --help | grep -qx 'kommandon:'"
check "zsh completion" "[ -f '$dest/opt/samv/share/zsh/site-functions/_samv' ]"
check "installed samv runs" "'$dest/opt/samv/bin/samv' --version | grep -q '^samv (samv) '"
make -s BUILD="$1" uninstall PREFIX=/opt/samv DESTDIR="$dest" >/dev/null
check "uninstall removes every file" "[ -z \"\$(find '$dest' -type f -o -type l)\" ]"
echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
