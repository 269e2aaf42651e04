# The query cache (.git/samv/cache.sqlite, samv(7) CACHE): every reader
# prints byte for byte what it prints without it (SAMV_NO_CACHE=1), with
# the cache warm, cold, missing, truncated, corrupt, stale and disabled.

. "$here/report-fixture.sh"

cache=.git/samv/cache.sqlite

# The report repository, plus assessments and a file that is no record.
make_cache_repo() {
	make_report_repo &&
	samv-assess add --id c25 --instrument cross --arena stor --date 2025-05-14 --by eva \
		--answer willingness=high --note willingness="Stark vilja" \
		--answer resources=hinders --note resources="Inga medel" >/dev/null &&
	samv-assess add --id l1 --instrument levels --actor region --partner rf-sisu --date 2025-09-01 \
		--answer level=coordination >/dev/null &&
	test_tick
}

# Every reader, its stdout, stderr and exit status, into file $1.
readers() {
	transcript "$1" "samv-actor list" "samv-actor list --json" "samv-actor list --sector civil" \
		"samv-person list" "samv-arena list" "samv-meeting list" "samv-decision list" \
		"samv-actor show region" "samv-meeting show s3" \
		"samv-report" "samv-report --format markdown" "samv-report --json" "samv-report --format csv" \
		"samv-report --format html" "samv-report arena stor" "samv-report decisions -p all" \
		"samv-report actions" "samv-report participation" "samv-report agreement -p all" \
		"samv-assess list" "samv-assess trend stor" "samv-assess gaps" "samv-assess levels" \
		"samv-agreement show" "samv-agreement history" "samv-agreement diff 1 2" "samv-agreement blame" \
		"samv-log" "samv-log s3" "samv-log agreement" "samv-check" "samv-report --rev HEAD~1"
}

# every reader prints the same with the cache as without it
same_as_uncached() {
	same_uncached readers "readers with the cache"
}

test_case 'every reader prints the same with the cache cold, warm and disabled' '
	make_cache_repo
	rm -f $cache
	SAMV_NO_CACHE=1 readers "$TRASH/want"
	# disabled: no cache is made
	test ! -e $cache
	readers "$TRASH/cold"
	test -s $cache
	readers "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# the cache is no file of the repository
	test -z "$(git status --porcelain)"
'

test_case 'a missing cache directory is made again' '
	make_cache_repo
	samv-actor list >/dev/null
	rm -rf .git/samv
	same_as_uncached
	test -s $cache
'

test_case 'a truncated cache is detected, removed and rebuilt with one line on stderr' '
	make_cache_repo
	samv-report -p all >/dev/null
	test "$(stat -c %s $cache)" -gt 8192
	truncate -s 6000 $cache
	samv_run samv-actor list
	expect_status 0
	expect_err <<-EOT
	samv-actor: warning: query cache '"'"'$PWD/$cache'"'"' is truncated; rebuilt
	EOT
	SAMV_NO_CACHE=1 samv-actor list >"$TRASH/want"
	_compare stdout "$TRASH/want" "$TRASH/.out"
	# rebuilt: said once only
	samv_run samv-actor list
	expect_no_err
	same_as_uncached
'

test_case 'a cache overwritten with garbage, or with another SQLite database, is rebuilt' '
	make_cache_repo
	samv-actor list >/dev/null
	head -c 20000 /dev/urandom >$cache
	samv_run samv-person list
	expect_status 0
	expect_err <<-EOT
	samv-person: warning: query cache '"'"'$PWD/$cache'"'"' is not a SQLite database; rebuilt
	EOT
	same_as_uncached
	rm $cache
	printf "%s\n" "CREATE TABLE t(x); INSERT INTO t VALUES (1);" | python3 -c "
import sqlite3, sys
db = sqlite3.connect(\"$cache\"); db.executescript(sys.stdin.read()); db.commit()"
	samv_run samv-arena list
	expect_status 0
	expect_err <<-EOT
	samv-arena: warning: query cache '"'"'$PWD/$cache'"'"' was not written by this samv; rebuilt
	EOT
	same_as_uncached
'

test_case 'a page of the cache overwritten in the middle is detected when read and rebuilt' '
	make_cache_repo
	samv-report -p all >/dev/null
	size=$(stat -c %s $cache)
	pages=$((size / 4096))
	test "$pages" -gt 3
	# every page after the first zeroed: the tables are gone
	dd if=/dev/zero of=$cache bs=4096 seek=1 count=$((pages - 1)) conv=notrunc 2>/dev/null
	samv_run samv-actor list
	expect_status 0
	test "$(wc -l <"$TRASH/.err")" = 1
	grep -q "^samv-actor: warning: query cache .* rebuilt$" "$TRASH/.err"
	SAMV_NO_CACHE=1 samv-actor list >"$TRASH/want"
	_compare stdout "$TRASH/want" "$TRASH/.out"
	same_as_uncached
'

test_case 'a text ending in a backslash: the records read from the cache are those of the files' '
	make_cache_repo
	# the cache keeps a record as its text without white space: an
	# escaped backslash at the end of a string must not end it early
	samv-actor add --id bs --name "Ände \\" --short "B S" --sector civil --kind association --level local \
		--area "Norra delen" >/dev/null
	samv-person add --id bp --name "Bo \\" --actor bs --role other --title "x \\\\" --mandate "a b" >/dev/null
	rm -f $cache
	same_as_uncached
	same_as_uncached
	samv-actor show bs --json >"$TRASH/show"
	samv-actor list --json >"$TRASH/list"
	jq -e ".[] | select(.id == \"bs\") | .area == \"Norra delen\" and .short == \"B S\"" "$TRASH/list" >/dev/null
	jq -e ". == (input | .[] | select(.id == \"bs\"))" "$TRASH/show" "$TRASH/list" >/dev/null
'

test_case 'a stale cache: HEAD moved by git commit, git reset --hard, git rm and a merge' '
	make_cache_repo
	readers "$TRASH/x"
	# by hand, outside samv: one record changed, one added, one removed
	f=$(git ls-files actors | grep /region.json)
	sed "s/Region Östergötland/Region Östergötland (hand)/" "$f" >"$f.new" && mv "$f.new" "$f"
	g=$(git ls-files actors | grep /rotary.json)
	sed "s/rotary/nytt/; s/Rotary Motala/Nytt/" "$g" >"$TRASH/nytt.json"
	git rm -q "$(git ls-files actors | grep /bolaget.json)"
	samv-actor add --id nytt --name Nytt --sector civil --kind association --level local >/dev/null
	git commit -qam "by hand"
	same_as_uncached
	grep -q "(hand)" "$TRASH/got"
	git reset -q --hard HEAD~2
	same_as_uncached
	! grep -q "(hand)" "$TRASH/got" || exit 1
	# a merge of a branch made with plain git
	git checkout -q -b side
	sed "s/RF-SISU Östergötland/RF-SISU (side)/" "$(git ls-files actors | grep /rf-sisu.json)" >"$TRASH/s"
	mv "$TRASH/s" "$(git ls-files actors | grep /rf-sisu.json)"
	git commit -qam "side"
	git checkout -q -
	samv-person add --id ny --name "Ny Person" --actor region --role official >/dev/null
	git merge -q --no-edit side
	same_as_uncached
	grep -q "RF-SISU (side)" "$TRASH/got"
'

test_case 'a record made invalid by hand is left out with the cache as without' '
	make_cache_repo
	samv-actor list >/dev/null
	f=$(git ls-files actors | grep /rotary.json)
	sed "s/\"civil\"/\"nonsense\"/" "$f" >"$f.new" && mv "$f.new" "$f"
	git commit -qam "broken by hand"
	same_as_uncached
	grep -q "left out: $f" "$TRASH/got"
	# and mended again
	git revert --no-edit HEAD >/dev/null
	same_as_uncached
	samv_run samv-actor list
	expect_status 0
	expect_no_err
'

test_case 'the cache follows --rev back and forth' '
	make_cache_repo
	for rev in HEAD~5 HEAD HEAD~10 HEAD~1 HEAD; do
		SAMV_NO_CACHE=1 samv-report decisions -p all --rev $rev >"$TRASH/want"
		samv-report decisions -p all --rev $rev >"$TRASH/got"
		_compare "report --rev $rev" "$TRASH/want" "$TRASH/got"
	done
'

test_case 'a cache that cannot be made or opened: readers go without it, silently' '
	make_cache_repo
	rm -rf .git/samv
	SAMV_NO_CACHE=1 readers "$TRASH/want"
	# a file where the cache directory would be
	echo not a directory >.git/samv
	readers "$TRASH/got"
	_compare "no cache directory" "$TRASH/want" "$TRASH/got"
	test "$(cat .git/samv)" = "not a directory"
	# a directory where the cache file would be
	rm .git/samv
	mkdir -p $cache
	readers "$TRASH/got"
	_compare "no cache file" "$TRASH/want" "$TRASH/got"
	test -d $cache
	rmdir $cache
	# a read-only git directory (root may write anyway)
	if [ "$(id -u)" -ne 0 ]; then
		chmod a-w .git/samv
		readers "$TRASH/got"
		chmod u+w .git/samv
		_compare "read-only" "$TRASH/want" "$TRASH/got"
		test ! -e $cache
	fi
'

test_case 'SAMV_NO_CACHE other than 0 or 1 is a usage error' '
	make_cache_repo
	SAMV_NO_CACHE=yes samv_run samv-actor list
	expect_status 2
	expect_err <<-\EOT
	samv-actor: SAMV_NO_CACHE: '"'"'yes'"'"' is neither 0 nor 1
	EOT
	expect_no_out
	SAMV_NO_CACHE=0 samv_run samv-actor list
	expect_status 0
	test -s $cache
'

test_case 'a reader while a writer commits sees the old state or the new, never a mix' '
	make_repo
	samv-actor list >/dev/null
	SAMV_NO_CACHE=1 samv-actor list >"$TRASH/s0"
	i=0
	while [ $i -lt 20 ]; do
		i=$((i + 1))
		samv-actor add --id a$i --name "A $i" --sector civil --kind association --level local >/dev/null
		SAMV_NO_CACHE=1 samv-actor list >"$TRASH/s$i"
	done
	git reset -q --hard HEAD~20
	( i=0; while [ $i -lt 20 ]; do i=$((i + 1));
		samv-actor add --id a$i --name "A $i" --sector civil --kind association --level local >/dev/null; done ) &
	writer=$!
	n=0
	while kill -0 $writer 2>/dev/null || [ $n -lt 3 ]; do
		n=$((n + 1))
		samv-actor list >"$TRASH/r" 2>"$TRASH/re"
		test ! -s "$TRASH/re"
		ok=0
		for s in "$TRASH"/s*; do cmp -s "$s" "$TRASH/r" && ok=1 && break; done
		test $ok = 1
	done
	wait $writer
	samv-actor list >"$TRASH/r"
	_compare "after the writer" "$TRASH/s20" "$TRASH/r"
'
