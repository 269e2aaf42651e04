# index-fixture.sh - what the index tests (t2100, t3300) share, sourced
# by them.

# index_ok: what git says of the index after a samv write.  git fsck
# first: it checks the index's checksum, which git status does not, and
# git status may write the index anew (refreshing racily clean entries).
index_ok() {
	git fsck --no-dangling --no-progress >"$TRASH/.fsck" 2>&1 &&
	test ! -s "$TRASH/.fsck" &&
	test -z "$(git status --porcelain --untracked-files=no)" &&
	test -z "$(git diff-index --cached HEAD)" &&
	git ls-files -s >"$TRASH/.ls" &&
	git ls-tree -r HEAD | awk '{ printf "%s %s 0\t%s\n", $1, $3, $4 }' >"$TRASH/.tree" &&
	_compare "git ls-files -s" "$TRASH/.tree" "$TRASH/.ls" &&
	# the cache tree: where git trusts it, it must name HEAD's trees
	test "$(git write-tree)" = "$(git rev-parse 'HEAD^{tree}')" &&
	test ! -e .git/index.lock && test ! -e .git/samv-index
}
