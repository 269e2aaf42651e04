# The index a samv write leaves (libcommon/gitindex.c streams it: only the
# entries of the paths written change): valid for git 2.39, the same
# entries as a full rewrite from HEAD, stat data that keep git status
# clean, a cache tree git can use, and the extensions git may have added.

. "$here/index-fixture.sh"

# The index file's version, from its header.
index_version() { od -An -tu1 -j7 -N1 .git/index | tr -d ' '; }

# A few writes of each kind: an edit, an add in a new shard, a removal.
writes() {
	samv-actor edit rf-sisu --note "$1" >/dev/null &&
	samv-actor add --id "new-$1" --name "New $1" --sector civil --kind association --level local >/dev/null &&
	samv-person add --id "p-$1" --name "Person $1" --actor region --role official >/dev/null &&
	samv-person rm "p-$1" >/dev/null
}

test_case 'after adds, edits and removals git sees a clean, valid index equal to HEAD' '
	make_repo &&
	writes one &&
	index_ok &&
	test "$(index_version)" = 2 &&
	git ls-files | grep -qx "actors/.*/new-one.json"
'

test_case 'after git commit wrote a cache tree (TREE), it is invalidated only where a write changed' '
	make_repo &&
	echo hello >>README.md &&
	git commit -q -a -m readme &&
	grep -q TREE .git/index &&
	writes two &&
	index_ok &&
	# still there, and a second git commit builds the right tree from it
	grep -q TREE .git/index &&
	echo again >>README.md &&
	git commit -q -a -m again &&
	test "$(git write-tree)" = "$(git rev-parse "HEAD^{tree}")" &&
	samv-check >/dev/null
'

test_case 'an untracked cache (UNTR) is dropped and untracked files are still seen' '
	make_repo &&
	echo scratch >scratch.txt &&
	git update-index --untracked-cache &&
	git status --porcelain >/dev/null &&
	grep -q UNTR .git/index &&
	writes three &&
	index_ok &&
	! grep -q UNTR .git/index || exit 1
	git status --porcelain >"$TRASH/.st" &&
	printf "?? scratch.txt\n" | _compare "git status" /dev/stdin "$TRASH/.st"
'

test_case 'an index of version 4 (path compression) stays version 4 and valid' '
	make_repo &&
	git update-index --index-version 4 &&
	writes four &&
	test "$(index_version)" = 4 &&
	index_ok
'

test_case 'an index of version 3 (an intent-to-add file) keeps that file and its flag' '
	make_repo &&
	echo later >later.txt &&
	git add -N later.txt &&
	test "$(index_version)" = 3 &&
	writes five &&
	test "$(index_version)" = 3 &&
	git ls-files --debug later.txt >"$TRASH/.dbg" &&
	git status --porcelain >"$TRASH/.st" &&
	printf " A later.txt\n" | _compare "git status" /dev/stdin "$TRASH/.st" &&
	git fsck --no-dangling --no-progress &&
	test "$(git ls-files -s | grep -v later.txt | wc -l)" = "$(git ls-tree -r HEAD | wc -l)"
'

test_case 'a change staged by hand on another file is kept by a samv write' '
	make_repo &&
	echo changed >>README.md &&
	git add README.md &&
	staged=$(git rev-parse :README.md) &&
	samv-actor edit region --note staged >/dev/null &&
	test "$(git rev-parse :README.md)" = "$staged" &&
	git diff-index --cached --name-only HEAD >"$TRASH/.st" &&
	printf "README.md\n" | _compare "staged" /dev/stdin "$TRASH/.st" &&
	git fsck --no-dangling --no-progress
'

test_case 'libgit2 reads the index samv wrote: the next samv write and samv-check work' '
	make_repo &&
	git update-index --index-version 4 &&
	writes six &&
	writes seven &&
	samv-check >/dev/null &&
	index_ok
'

test_case 'a split index is refused with one line, and nothing changes' '
	make_repo &&
	git update-index --split-index &&
	ls .git/sharedindex.* >/dev/null &&
	fails 1 "samv-actor: cannot update the index: it is a split index; samv writes only a whole one (git update-index --no-split-index)" \
		samv-actor edit region --note split &&
	git update-index --no-split-index &&
	samv-actor edit region --note whole >/dev/null &&
	index_ok
'

test_case 'a damaged index is refused with one line, and nothing changes' '
	make_repo &&
	head=$(git rev-parse HEAD) &&
	printf "DIRC\0\0\0\2\0\0\0\5%020d" 0 >.git/index &&
	sum=$(cksum <.git/index) &&
	samv_run samv-actor edit region --note damaged &&
	expect_status 1 &&
	echo "samv-actor: cannot read the index: .git/index is damaged (an entry is cut short)" | expect_err &&
	expect_no_out &&
	test "$(git rev-parse HEAD)" = "$head" &&
	test "$(cksum <.git/index)" = "$sum" &&
	test -z "$(find . -name ".samv-tmp-*")" &&
	test ! -e .git/index.lock && test ! -e .git/samv-index && test ! -e .git/samv-journal
'
