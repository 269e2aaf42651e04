# The history index in the query cache (histindex.c, docs/CACHE.md):
# samv-log, the Agreement's history and samv-check print byte for byte
# what they print without it (SAMV_NO_CACHE=1), whatever moved HEAD.

. "$here/report-fixture.sh"

cache=.git/samv/cache.sqlite

# sql QUERY: one value from the cache file.
sql() {
	python3 -c "
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])" "$cache" "$1"
}

# The readers that walk history, with stdout, stderr and exit status.
hist_readers() {
	transcript "$1" "samv-log region" "samv-log rf-sisu" "samv-log stor" "samv-log s3" "samv-log agreement" \
		"samv-log d1" "samv-log --json boka" "samv-log -n 1 stor" "samv-log -n 2 agreement" \
		"samv-log --since 2026-01-01 region" "samv-log --until 2000-01-01 region" \
		"samv-log --rev HEAD~3 region" "samv-log --rev HEAD~3 stor" "samv-log --since HEAD~4 stor" \
		"samv-log --since HEAD~4 agreement" "samv-log nosuch" "samv-log --rev nosuch region" \
		"samv-agreement history" "samv-agreement history --json" "samv-agreement blame" \
		"samv-agreement diff 1 2" "samv-report agreement -p all" "samv-check" "samv-check --json" \
		"samv-check --rev HEAD~1" ${EXTRA:-}
}

same_as_walk() {
	same_uncached hist_readers "history readers with the index"
}

# The index holds exactly the commits of HEAD's history.
index_is_head() {
	test "$(sql "SELECT count(*) FROM hist_commit")" = "$(git rev-list --count HEAD)"
	test "$(sql "SELECT hex(v) FROM hist_meta WHERE k = 'tip'")" = "$(git rev-parse HEAD | tr a-f A-F)"
}

# An amended Agreement (version 2) and edits, for history to show.
make_hist_repo() {
	make_report_repo &&
	samv-decision add --id d9 --kind anchor --level political --title "Ändra" --text "Ändras." \
		--date 2026-11-20 --body Regionfullmäktige --status adopted >/dev/null &&
	samv-agreement amend --decision d9 --change-clause 2="Parterna möts sex gånger om året." >/dev/null &&
	samv-actor edit region --short RÖ >/dev/null &&
	test_tick
}

test_case 'history readers print the same with the index cold, warm and disabled' '
	make_hist_repo
	rm -rf .git/samv
	SAMV_NO_CACHE=1 hist_readers "$TRASH/want"
	test ! -e $cache
	grep -q "^commit " "$TRASH/want"
	hist_readers "$TRASH/cold"
	index_is_head
	hist_readers "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# the records are in the index by their paths, the Agreement too
	f=$(git ls-files actors | grep /region.json)
	test "$(sql "SELECT count(*) FROM hist_node WHERE path = '"'"'$f'"'"'")" = \
		"$(git rev-list --count HEAD -- "$f")"
	test "$(sql "SELECT count(*) FROM hist_node WHERE path = '"'"'agreement'"'"' AND leaf = 0")" = 3
'

test_case 'a commit made with plain git is indexed by its tree, without trailers' '
	make_hist_repo
	samv-log region >/dev/null
	n=$(sql "SELECT count(*) FROM hist_commit")
	f=$(git ls-files actors | grep /region.json)
	sed "s/Region Östergötland/Region Östergötland (hand)/" "$f" >"$f.new" && mv "$f.new" "$f"
	git commit -qam "by hand"
	samv_run samv-log -n 1 region
	expect_status 0
	grep -q "none (not made by samv)" "$TRASH/.out"
	grep -q "(hand)" "$TRASH/.out"
	# one commit added in front, the rest kept
	test "$(sql "SELECT count(*) FROM hist_commit")" = $((n + 1))
	index_is_head
	same_as_walk
	# a commit whose trailers lie: it names rotary, changes region
	sed "s/(hand)/(hand 2)/" "$f" >"$f.new" && mv "$f.new" "$f"
	r=$(git ls-files actors | grep /rotary.json)
	git commit -qam "actor: edit rotary

Samv-Command: samv-actor edit
Samv-Record: $r"
	samv_run samv-log -n 1 region
	grep -q "(hand 2)" "$TRASH/.out"
	samv_run samv-log -n 1 rotary
	! grep -q "(hand 2)" "$TRASH/.out" || exit 1
	same_as_walk
	# the directory of a record replaced by a file, then put back: both
	# commits are in the record'"'"'s history
	d=${f%/*}
	git rm -q -r "$d"
	mkdir -p "${d%/*}"
	echo "no directory" >"$d"
	git add "$d"
	git commit -qm "a file in place of $d"
	git rm -q "$d"
	git checkout HEAD~1 -- "$d"
	git commit -qm "$d back"
	EXTRA="samv-log region" same_as_walk
	grep -q "a file in place of" "$TRASH/got"
'

test_case 'several commits on top at once: added in front, in the order of the walk' '
	make_hist_repo
	samv-log region >/dev/null
	n=$(sql "SELECT count(*) FROM hist_commit")
	samv-actor edit region --note "ett" >/dev/null
	samv-actor edit rf-sisu --note "två" >/dev/null
	samv-actor edit region --note "tre" >/dev/null
	f=$(git ls-files actors | grep /region.json)
	sed "s/\"tre\"/\"fyra\"/" "$f" >"$f.new" && mv "$f.new" "$f"
	git commit -qam "fyra by hand"
	samv_run samv-log -n 3 region
	test "$(grep -c "^commit " "$TRASH/.out")" = 3
	test "$(sql "SELECT count(*) FROM hist_commit")" = $((n + 4))
	same_as_walk
	index_is_head
'

test_case 'git reset --hard to an older commit, and a rewritten history' '
	make_hist_repo
	samv-log region >/dev/null
	samv-actor edit region --note "senare" >/dev/null
	samv-log region >/dev/null
	git reset -q --hard HEAD~3
	same_as_walk
	index_is_head
	! grep -q senare "$TRASH/got" || exit 1
	# history rewritten below HEAD: every commit from HEAD~5 on is new
	git rebase -q -x "git commit -q --amend --no-edit --date=\"@1795500000 +0100\"" HEAD~5 2>/dev/null
	same_as_walk
	index_is_head
	test "$(sql "SELECT count(*) FROM hist_node WHERE seq NOT IN (SELECT seq FROM hist_commit)")" = 0
'

test_case 'merges: files from one side, an edit made in the merge, the Agreement from both sides' '
	make_hist_repo
	samv-log region >/dev/null
	git checkout -q -b side
	samv-actor edit rf-sisu --short RF >/dev/null
	samv-decision add --id d10 --kind anchor --level political --title "Sidan" --text "Sidan." \
		--date 2026-11-21 --body Regionfullmäktige --status adopted >/dev/null
	c1=$(git ls-files agreement | grep "clauses/1.json")
	sed "s/Parterna samverkar./Parterna samverkar nära./" "$c1" >"$c1.new" && mv "$c1.new" "$c1"
	git commit -qam "clause 1 by hand on the side"
	test_tick
	git checkout -q -
	samv-actor edit rotary --short RM >/dev/null
	c2=$(git ls-files agreement | grep "clauses/2.json")
	sed "s/sex gånger/sju gånger/" "$c2" >"$c2.new" && mv "$c2.new" "$c2"
	git commit -qam "clause 2 by hand on main"
	test_tick
	# the merge takes clause 1 from the side, clause 2 from main (so
	# agreement/ differs from both parents, no file in it does) and
	# edits region itself
	git merge -q --no-commit side
	f=$(git ls-files actors | grep /region.json)
	sed "s/Region Östergötland/Region Östergötland (merge)/" "$f" >"$f.new" && mv "$f.new" "$f"
	git commit -qam "merge side"
	same_as_walk
	index_is_head
	grep -q "(merge)" "$TRASH/got"
	# samv-check names the merge: agreement/ changed without a decision
	grep -q "commit $(git rev-parse --short=7 HEAD) changed the Agreement" "$TRASH/got"
	# then a commit on top, by samv, is added in front again
	samv-actor edit region --note "efter" >/dev/null
	same_as_walk
	index_is_head
'

test_case 'a merge from samv-sync' '
	make_hist_repo
	git init -q --bare -b main ../remote.git
	git remote add origin ../remote.git
	samv-sync >/dev/null
	git clone -q ../remote.git ../b
	(cd ../b && samv-actor edit rf-sisu --level national >/dev/null && samv-sync >/dev/null)
	test_tick
	samv-log region >/dev/null
	samv-actor edit region --note "lokalt" >/dev/null
	samv-sync >/dev/null
	test "$(git rev-list --min-parents=2 --count HEAD)" = 1
	same_as_walk
	index_is_head
	grep -q national "$TRASH/got"
'

test_case 'a corrupt index is detected, rebuilt with one line on stderr' '
	make_hist_repo
	samv-log region >/dev/null
	size=$(stat -c %s $cache)
	pages=$((size / 4096))
	test "$pages" -gt 3
	dd if=/dev/zero of=$cache bs=4096 seek=1 count=$((pages - 1)) conv=notrunc 2>/dev/null
	samv_run samv-log region
	expect_status 0
	test "$(wc -l <"$TRASH/.err")" = 1
	grep -q "^samv-log: warning: query cache .* rebuilt$" "$TRASH/.err"
	SAMV_NO_CACHE=1 samv-log region >"$TRASH/want"
	_compare stdout "$TRASH/want" "$TRASH/.out"
	index_is_head
	same_as_walk
	# garbage in place of the file
	head -c 20000 /dev/urandom >$cache
	samv_run samv-agreement history
	expect_status 0
	expect_err <<-EOT
	samv-agreement: warning: query cache '"'"'$PWD/$cache'"'"' is not a SQLite database; rebuilt
	EOT
	same_as_walk
'

test_case 'an index of another layout, or with its tip gone, is made again' '
	make_hist_repo
	samv-log region >/dev/null
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE hist_meta SET v = CAST(\x27old\x27 AS BLOB) WHERE k = \x27layout\x27\")
db.execute(\"UPDATE hist_meta SET v = zeroblob(20) WHERE k = \x27tip\x27\")
db.commit()" $cache
	same_as_walk
	index_is_head
	test "$(sql "SELECT CAST(v AS TEXT) FROM hist_meta WHERE k = '"'"'layout'"'"'")" = 1
	# a tip that is no commit of this repository
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE hist_meta SET v = randomblob(20) WHERE k = \x27tip\x27\")
db.commit()" $cache
	same_as_walk
	index_is_head
'

test_case 'a history that cannot be indexed: unborn branch, SAMV_NO_CACHE=1' '
	git init -q -b main empty
	cd empty
	samv_run samv-log agreement
	SAMV_NO_CACHE=1 samv-log agreement >"$TRASH/want" 2>&1 || :
	cat "$TRASH/.out" "$TRASH/.err" >"$TRASH/got"
	_compare "unborn" "$TRASH/want" "$TRASH/got"
	cd ..
	make_hist_repo
	rm -rf .git/samv
	SAMV_NO_CACHE=1 samv-log region >/dev/null
	SAMV_NO_CACHE=1 samv-check >/dev/null
	test ! -e .git/samv/cache.sqlite
	samv_run env SAMV_NO_CACHE=2 samv-log region
	expect_status 2
'
