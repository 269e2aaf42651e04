# The weekly summary through the query cache's selections (issue 13): the
# summary reads, per section, only the records SQL selects on the cache's
# indexed fields; its output must be byte for byte what it is without the
# cache (SAMV_NO_CACHE=1), in every format and period, with the cache cold,
# warm, missing, corrupt, truncated, of an older layout, stale (a write,
# plain git, git reset), on a generated collaboration and on the example
# of docs/example.

. "$here/report-fixture.sh"
. "$here/collab-fixture.sh"

top=$(cd "$here/../.." && pwd)
cache=.git/samv/cache.sqlite

# The summary in every format and in periods that cut the generated
# history in different places, stdout, stderr and exit status, into $1.
summaries() {
	for args in "" "-p this-month" "-p 2026-10" "-p last-year" "-p 2024" "-p all" \
		"--since 2025-02-28 --until 2025-03-01" "--since 2026-11-22 --until 2026-11-22" \
		"-p 2026-W40" "--rev HEAD~7" "--lang en"; do
		for fmt in text markdown csv html json; do
			echo "\$ samv-report --format $fmt $args"
			rc=0
			# shellcheck disable=SC2086
			samv-report --format $fmt $args >"$TRASH/.o" 2>"$TRASH/.e" </dev/null || rc=$?
			cat "$TRASH/.o" "$TRASH/.e"
			echo "exit $rc"
		done
	done >"$1"
}

# The summaries with the cache as they are without it.
same_summaries() {
	SAMV_NO_CACHE=1 summaries "$TRASH/want"
	summaries "$TRASH/got"
	_compare "summaries ($1)" "$TRASH/want" "$TRASH/got"
}

test_case 'generated: the summary is the same without the cache, cold and warm, in every format and period' '
	make_collab 1500 3
	rm -rf .git/samv
	SAMV_NO_CACHE=1 summaries "$TRASH/want"
	test ! -e $cache
	# cold: the first run of each fills the cache
	summaries "$TRASH/cold"
	test -s $cache
	summaries "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# the summary has something in every section the selections feed
	SAMV_NO_CACHE=1 samv-report --json -p 2026-11 >"$TRASH/j"
	for key in meetings_held decisions decisions_due actions_opened actions_overdue minutes_late; do
		test "$(jq ".figures[] | select(.key == \"$key\") | .value" "$TRASH/j")" -gt 0
	done
'

test_case 'generated: the summary follows writes that change what its selections read' '
	make_collab 800 2
	samv-report >/dev/null
	# a meeting of the week planned; a held one whose minutes go out (no
	# longer late); a decision adopted with a review date passed (due)
	samv-meeting plan --id ny --arena "$(samv-arena list --ids | head -n 1)" --title Ny --date 2026-11-19 >/dev/null
	late=$(SAMV_NO_CACHE=1 samv-report --json | jq -r ".sections[] | select(.id == \"minutes\") | .rows[0].title")
	test -n "$late"
	m=$(samv-meeting list --json --status held | jq -r "[.[] | select((.distributed // []) | length == 0)][0].id")
	samv-meeting distribute "$m" --date 2026-11-20 --how e-post >/dev/null
	d=$(samv-decision list --json | jq -r "[.[] | select(.status == \"proposed\")][0].id")
	if [ "$d" != null ]; then
		samv-decision edit "$d" --status adopted --review 2026-11-01 >/dev/null
	fi
	same_summaries "after writes"
	# and an action done this week
	a=$(samv-meeting action list --json | jq -r "[.[] | select(.status == \"open\")][0].id")
	samv-meeting action done "$a" --date 2026-11-20 >/dev/null
	same_summaries "after an action done"
	SAMV_NO_CACHE=1 samv-report --json >"$TRASH/j"
	test "$(jq ".figures[] | select(.key == \"actions_done\") | .value" "$TRASH/j")" -ge 1
'

test_case 'generated: stale cache after plain git, git reset and --rev back and forth' '
	make_collab 800 2
	samv-report >/dev/null
	# by hand: a meeting moved into the week, a decision removed
	f=$(git ls-files meetings | head -n 1)
	sed "s/\"date\": \"[0-9-]*\"/\"date\": \"2026-11-18\"/" "$f" >"$TRASH/m" && mv "$TRASH/m" "$f"
	git rm -q "$(git ls-files decisions | sed -n 5p)"
	git commit -qam "by hand"
	same_summaries "after plain git"
	git reset -q --hard HEAD~1
	same_summaries "after git reset"
	for rev in HEAD~40 HEAD HEAD~400 HEAD~1; do
		SAMV_NO_CACHE=1 samv-report --json --rev $rev >"$TRASH/want"
		samv-report --json --rev $rev >"$TRASH/got"
		_compare "--rev $rev" "$TRASH/want" "$TRASH/got"
	done
'

test_case 'generated: a missing, truncated or corrupt cache: rebuilt, one line on stderr, the same summary' '
	make_collab 600 2
	samv-report >"$TRASH/want"
	rm -rf .git/samv
	samv_run samv-report
	expect_status 0
	expect_no_err
	_compare missing "$TRASH/want" "$TRASH/.out"
	truncate -s 5000 $cache
	samv_run samv-report
	expect_status 0
	expect_err <<-EOT
	samv-report: warning: query cache '"'"'$PWD/$cache'"'"' is truncated; rebuilt
	EOT
	_compare truncated "$TRASH/want" "$TRASH/.out"
	head -c 9000 /dev/urandom >$cache
	samv_run samv-report
	expect_status 0
	expect_err <<-EOT
	samv-report: warning: query cache '"'"'$PWD/$cache'"'"' is not a SQLite database; rebuilt
	EOT
	_compare garbage "$TRASH/want" "$TRASH/.out"
	same_summaries "after the rebuild"
'

test_case 'generated: a fill killed halfway is never trusted: the next run fills again, the same summary' '
	make_collab 3000 3
	SAMV_NO_CACHE=1 samv-report -p all >"$TRASH/want"
	# kill -9 as soon as a fill has its transaction open (its journal
	# there), until one is caught in it
	n=0
	while :; do
		n=$((n + 1))
		test $n -le 50
		rm -rf .git/samv
		samv-report -p all >/dev/null 2>&1 &
		pid=$!
		while [ ! -e $cache-journal ] && kill -0 $pid 2>/dev/null; do :; done
		kill -9 $pid 2>/dev/null || :
		wait $pid || :
		test -e $cache-journal && break
	done
	samv_run samv-report -p all
	expect_status 0
	_compare "after the kill" "$TRASH/want" "$TRASH/.out"
	# rolled back (its journal), or found truncated and rebuilt
	if [ -s "$TRASH/.err" ]; then
		expect_err <<-EOT
		samv-report: warning: query cache '"'"'$PWD/$cache'"'"' is truncated; rebuilt
		EOT
	fi
	test ! -e $cache-journal
	# and complete: a row for every file
	test "$(cache_rows "\"recs:meetings\"")" = "$(git ls-files meetings | wc -l)"
	test "$(cache_rows "\"recs:actions\"")" = "$(git ls-files actions | wc -l)"
	samv_run samv-report -p all
	expect_no_err
	_compare "warm" "$TRASH/want" "$TRASH/.out"
	same_summaries "after the kill"
'

test_case 'a cache of the layout before the indexed fields is rebuilt, not read' '
	make_report_repo
	samv-report >"$TRASH/want"
	python3 -c "
import sqlite3
db = sqlite3.connect(\"$cache\"); db.execute(\"PRAGMA user_version = %d\" % 0x53410001); db.commit()"
	samv_run samv-report
	expect_status 0
	expect_err <<-EOT
	samv-report: warning: query cache '"'"'$PWD/$cache'"'"' was not written by this samv; rebuilt
	EOT
	_compare stdout "$TRASH/want" "$TRASH/.out"
'

test_case 'the report fixture: edges of the period, files left out, SAMV_NO_CACHE, a bad period' '
	make_report_repo
	same_summaries "fixture"
	# a meeting on the first and one on the last day of the week; an
	# action due today (not overdue)
	samv-meeting plan --id kant1 --arena stor --title "Kant 1" --date 2026-11-16 >/dev/null
	samv-meeting hold kant1 --attended eva >/dev/null
	samv-meeting plan --id kant2 --arena ag --title "Kant 2" --date 2026-11-22 >/dev/null
	samv-meeting action add --meeting kant1 --id idag --title "Idag" --owner eva --due 2026-11-23 >/dev/null
	same_summaries "edges"
	# a meeting file that is no valid record: left out, warned of alike
	break_meeting
	same_summaries "a file left out"
	grep -q "left out: $f" "$TRASH/got"
	# failure: the same one-line error, exit 2, no cache needed
	SAMV_NO_CACHE=1 samv_run samv-report -p nonsense
	expect_status 2
	cp "$TRASH/.err" "$TRASH/e1"
	samv_run samv-report -p nonsense
	expect_status 2
	expect_no_out
	_compare stderr "$TRASH/e1" "$TRASH/.err"
'

test_case 'docs/example: the summary is the same with the cache as without, in every format and period' '
	sh "$top/docs/example/ostergotland.sh" "$SAMV_TEST_BIN" "$TRASH/ex" >/dev/null
	cd "$TRASH/ex"
	SAMV_NO_CACHE=1 summaries "$TRASH/want"
	summaries "$TRASH/cold"
	summaries "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	for today in 2018-06-01 2019-12-31; do
		SAMV_TODAY=$today SAMV_NO_CACHE=1 samv-report -p all --json >"$TRASH/want"
		SAMV_TODAY=$today samv-report -p all --json >"$TRASH/got"
		_compare "today $today" "$TRASH/want" "$TRASH/got"
	done
'
