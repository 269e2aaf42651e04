# The index at scale (libcommon/gitindex.c): a samv write copies the
# unchanged runs of entries from the old index as they are and binary-
# searches the paths it writes (versions 2 and 3).  Whatever the shape of
# the index around those paths - thousands of entries before and after
# them, the first or the last place, a path of 4095 bytes or more, entries
# of other stages - git 2.39 must find it valid and clean afterwards.

. "$here/index-fixture.sh"

# N files under each of the directories given, committed by git.
many() { # n dir...
	n=$1
	shift
	for d in "$@"; do
		mkdir -p "$d" &&
		(cd "$d" && seq -w 1 "$n" | xargs touch)
	done &&
	git add "$@" &&
	git commit -q -m "$n files in each of $*"
}

# An edit, an add in a new shard and in an old one, a removal.
writes() {
	samv-actor edit rf-sisu --note "$1" >/dev/null &&
	samv-actor add --id "new-$1" --name "New $1" --sector civil --kind association --level local >/dev/null &&
	samv-person add --id "p-$1" --name "Person $1" --actor region --role official >/dev/null &&
	samv-person add --id "q-$1" --name "Person Q $1" --actor region --role official >/dev/null &&
	samv-person rm "p-$1" >/dev/null
}

test_case 'with 6000 entries before and after the records, writes leave a clean, valid index' '
	make_repo --people-on-branch &&
	many 2000 aa ab zz &&
	test "$(git ls-files | wc -l)" -gt 6000 &&
	writes one &&
	index_ok &&
	writes two &&
	index_ok &&
	test "$(git ls-files | wc -l)" = "$(git ls-tree -r HEAD | wc -l)" &&
	git ls-files | grep -qx "people/.*/q-two.json" &&
	! git ls-files | grep -q "people/.*/p-two.json" || exit 1
	samv-actor show new-two >/dev/null
'

test_case 'a record put first in the index, then edited there: the first entry inserted and replaced' '
	make_repo --people-on-branch &&
	git rm -q README.md .gitattributes &&
	git commit -q -m "nothing before the records" &&
	# a7 lands in shard 0a, before region (9a) and rf-sisu (4e)
	samv-actor add --id a7 --name "First" --sector civil --kind association --level local >/dev/null &&
	index_ok &&
	test "$(git ls-files | head -n 1)" = actors/0a/a7.json &&
	samv-actor edit a7 --note "first, edited" >/dev/null &&
	index_ok &&
	git ls-files -s actors/0a/a7.json | grep -q "$(git rev-parse HEAD:actors/0a/a7.json)"
'

test_case 'an entry of a path longer than 4095 bytes (length not in its flags) is kept as it is' '
	make_repo --people-on-branch &&
	# too long for the file system: staged by hand, outside the work tree
	long=$(printf "%05000d" 0) &&
	blob=$(echo deep | git hash-object -w --stdin) &&
	git update-index --add --cacheinfo "100644,$blob,deep/$long" &&
	git commit -q -m deep &&
	git update-index --skip-worktree "deep/$long" &&
	test "$(od -An -tu1 -j7 -N1 .git/index | tr -d " ")" = 3 &&
	test -z "$(git status --porcelain)" &&
	writes three &&
	test -z "$(git status --porcelain)" &&
	git fsck --no-dangling --no-progress &&
	test "$(git write-tree)" = "$(git rev-parse "HEAD^{tree}")" &&
	test "$(git ls-files -s "deep/$long" | cut -d" " -f2)" = "$blob" &&
	git ls-files -v "deep/$long" | grep -q "^S " &&
	test "$(git ls-files | wc -l)" = "$(git ls-tree -r HEAD | wc -l)"
'

test_case 'a conflicted file of another path keeps its stages through a samv write' '
	make_repo --people-on-branch &&
	git checkout -q -b other &&
	echo other >>README.md && git commit -q -a -m other &&
	git checkout -q - &&
	echo mine >>README.md && git commit -q -a -m mine &&
	! git merge -q other >/dev/null 2>&1 || exit 1
	git ls-files -s README.md | cut -f1 | cut -d" " -f3 >"$TRASH/.stages" &&
	printf "1\n2\n3\n" | _compare stages /dev/stdin "$TRASH/.stages" &&
	samv-actor edit region --note "during a merge" >/dev/null &&
	git ls-files -s README.md | cut -f1 | cut -d" " -f3 >"$TRASH/.after" &&
	_compare stages "$TRASH/.stages" "$TRASH/.after" &&
	git fsck --no-dangling --no-progress &&
	test -z "$(git diff-index --cached HEAD -- actors people)" &&
	test -z "$(git status --porcelain -- actors people)"
'

test_case 'an index whose header counts more entries than the file holds is refused, unchanged' '
	make_repo --people-on-branch &&
	many 50 zz &&
	cp .git/index "$TRASH/index" &&
	printf "\377\377\377\377" | dd of=.git/index bs=1 seek=8 conv=notrunc 2>/dev/null &&
	fails 1 "samv-actor: cannot read the index: .git/index is damaged (an entry is cut short)" \
		samv-actor edit region --note counted &&
	cp "$TRASH/index" .git/index &&
	samv-actor edit region --note whole >/dev/null &&
	index_ok
'

test_case 'a write naming an unknown actor is still refused at scale, and nothing changes' '
	make_repo --people-on-branch &&
	many 2000 zz &&
	fails 1 "samv-person: --actor: no actor '"'"'nosuch'"'"' (see samv-actor list)" \
		samv-person add --id p1 --name "P" --actor nosuch --role official &&
	samv-person add --id p1 --name "P" --actor rf-sisu --role official >/dev/null &&
	index_ok
'

# The saved SHA-1 states (.git/samv-index-states): every 64 KiB of the
# index samv wrote last, so that an edit hashes only from its first
# change on.  A cache: damaged, stale or missing, it is not used.
states=.git/samv-index-states

test_case 'edits after 4000 entries use the saved SHA-1 states and leave a valid index' '
	make_repo --people-on-branch &&
	many 2000 aa ab &&
	samv-actor edit rf-sisu --note one >/dev/null &&
	test -s $states &&
	head -c 8 $states | grep -q SAMVSHA1 &&
	sum=$(cksum <$states) &&
	samv-actor edit rf-sisu --note two >/dev/null &&
	index_ok &&
	samv-actor edit region --note three >/dev/null &&
	index_ok &&
	test "$(cksum <$states)" != "$sum" &&
	test "$(git show HEAD:actors/4e/rf-sisu.json | jq -r .note)" = two
'

test_case 'damaged, stale or missing SHA-1 states are not used: the index stays valid' '
	make_repo --people-on-branch &&
	many 2000 aa ab &&
	samv-actor edit rf-sisu --note one >/dev/null &&
	size=$(wc -c <$states) &&
	test "$size" -gt 100 &&
	# every state changed: its own checksum no longer matches
	head -c $((size - 64)) /dev/zero | tr "\0" "\377" | dd of=$states bs=1 seek=44 conv=notrunc 2>/dev/null &&
	test "$(wc -c <$states)" = "$size" &&
	samv-actor edit rf-sisu --note two >/dev/null &&
	index_ok &&
	# cut short
	head -c 50 $states >"$TRASH/short" && cp "$TRASH/short" $states &&
	samv-actor edit rf-sisu --note three >/dev/null &&
	index_ok &&
	# stale: git rewrote the index since (another checksum)
	cp $states "$TRASH/old-states" &&
	git update-index --index-version 3 && git update-index --index-version 2 &&
	echo x >>README.md && git add README.md && git commit -q -m readme &&
	cp "$TRASH/old-states" $states &&
	samv-actor edit rf-sisu --note four >/dev/null &&
	index_ok &&
	rm $states &&
	samv-actor edit rf-sisu --note five >/dev/null &&
	index_ok &&
	test -s $states
'
