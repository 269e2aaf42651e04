# list of every record type through the query cache's list index (issue
# 13): the records are selected in SQL on the list columns and, for text
# and --ids, printed from list rows built from those columns; the output
# must be byte for byte what it is without the cache (SAMV_NO_CACHE=1),
# for every type and filter, text, --json and --ids, in the C and the
# Swedish locale, with the cache cold, warm, missing, corrupt, of the
# previous layout and stale (plain git, git reset, --rev).

. "$here/report-fixture.sh"
. "$here/collab-fixture.sh"

top=$(cd "$here/../.." && pwd)
cache=.git/samv/cache.sqlite

# The commands that list records, as "COMMAND SUBCOMMAND".
listers="samv-actor samv-person samv-arena samv-meeting samv-meeting_action samv-decision samv-challenge
samv-target samv-resource samv-glossary samv-body samv-plan samv-assess"

# one ARGS...: the command's output, stderr and exit status, after a
# line naming it, in both locales (--json and --ids in C only: they do
# not depend on the locale, checked once by plain_lists).
one() {
	for loc in C.UTF-8 sv_SE.UTF-8; do
		[ "$loc" = C.UTF-8 ] || case " $* " in *" --json "* | *" --ids "*) continue ;; esac
		echo "\$ LC_ALL=$loc $*"
		rc=0
		LC_ALL=$loc "$@" >"$TRASH/.o" 2>"$TRASH/.e" </dev/null || rc=$?
		cat "$TRASH/.o" "$TRASH/.e"
		echo "exit $rc"
	done
}

# The filters of a lister: its list options that take a value or are
# flags, from its --help, each with values found in the records (the
# first and the last, a prefix of the first, one that matches nothing),
# printed one argument list a line.
filters() {
	cmd=$(echo "$1" | tr _ " ")
	# shellcheck disable=SC2086
	SAMV_NO_CACHE=1 $cmd list --all --json >"$TRASH/.recs"
	# shellcheck disable=SC2086
	$cmd list --help | sed -n "s/^ *--\([a-z-]*\)=\([A-Z:]*\) .*/\1 \2/p; s/^ *--\([a-z-]*\)  .*/\1 FLAG/p" |
		grep -v "^\(rev\|dir\|all\|json\|ids\|help\|version\) " |
	while read -r opt arg; do
		case $arg in
		FLAG) echo "--$opt"; echo "--all --$opt"; continue ;;
		DATE)
			jq -r '[.[] | (.date // .due // .from) | select(type == "string")] | sort |
				.[length / 3 | floor] // empty' "$TRASH/.recs" | sed "s/^/--$opt /"
			continue ;;
		esac
		jq -r --arg o "$opt" '
			($o | gsub("-"; "_")) as $b |
			[$b, $b + "s", $b + "ed", ($b | sub("y$"; "ies")), ($b | sub("^by$"; "assessed_by")),
			 ($b | sub("^subject$"; "actor"))] as $c |
			[.[] | to_entries[] | select(.key as $k | $c | index($k)) | .value] | flatten |
			map(select(type == "string")) | unique | (first // empty), (last // empty)' "$TRASH/.recs" >"$TRASH/.vals"
		first=$(head -n 1 "$TRASH/.vals")
		last=$(tail -n 1 "$TRASH/.vals")
		[ -z "$first" ] || echo "--$opt $first"
		[ -z "$last" ] || echo "--all --$opt $last"
		[ "$arg" != ID ] || [ -z "$first" ] || echo "--$opt $(echo "$first" | cut -c1-3)"
		echo "--$opt zz-none"
	done
}

# Every lister with no filter, --all, --json and --ids, in both locales.
plain_lists() {
	for l in $listers; do
		cmd=$(echo "$l" | tr _ " ")
		for args in "" "--all" "--json" "--all --json" "--ids" "--all --ids"; do
			for loc in C.UTF-8 sv_SE.UTF-8; do
				echo "\$ LC_ALL=$loc $cmd list $args"
				rc=0
				# shellcheck disable=SC2086
				LC_ALL=$loc $cmd list $args >"$TRASH/.o" 2>"$TRASH/.e" </dev/null || rc=$?
				cat "$TRASH/.o" "$TRASH/.e"
				echo "exit $rc"
			done
		done
	done
}

# Every lister with each of its filters (and two dates at once), in text,
# --json and --ids, into $1.
lists() {
	for l in $listers; do
		cmd=$(echo "$l" | tr _ " ")
		filters "$l" >"$TRASH/.f"
		if grep -q "^--since" "$TRASH/.f"; then
			d=$(sed -n "s/^--since //p" "$TRASH/.f")
			echo "--since 2000-01-01 --until $d" >>"$TRASH/.f"
			echo "--all --since $d --until 2099-12-31" >>"$TRASH/.f"
		fi
		while read -r f; do
			for fmt in "" --json --ids; do
				# shellcheck disable=SC2086
				one $cmd list $f $fmt
			done
		done <"$TRASH/.f"
	done >"$1"
	plain_lists >>"$1"
}

same_lists() {
	SAMV_NO_CACHE=1 lists "$TRASH/want"
	lists "$TRASH/got"
	_compare "lists ($1)" "$TRASH/want" "$TRASH/got"
}

# rebuilt WHY COMMAND...: it succeeds, saying on stderr, in one line, that
# the cache was WHY and is rebuilt.
rebuilt() {
	why=$1
	shift
	samv_run "$@"
	expect_status 0 &&
	echo "$1: warning: query cache '$PWD/$cache' $why; rebuilt" | expect_err
}

same_plain() {
	SAMV_NO_CACHE=1 plain_lists >"$TRASH/want"
	plain_lists >"$TRASH/got"
	_compare "lists ($1)" "$TRASH/want" "$TRASH/got"
}

test_case 'generated: every list and filter is the same without the cache, cold and warm' '
	make_collab 1200 3
	# a cancelled meeting and a retired actor: lists without --all leave
	# them out
	samv-meeting plan --id ny --arena "$(samv-arena list --ids | head -n 1)" --title Ny --date 2026-12-01 >/dev/null
	samv-meeting cancel ny >/dev/null
	samv-actor retire "$(samv-actor list --ids | sed -n 2p)" >/dev/null
	rm -rf .git/samv
	SAMV_NO_CACHE=1 lists "$TRASH/want"
	test ! -e $cache
	lists "$TRASH/cold"
	test -s $cache
	lists "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# the lists have rows, the filters were tried, and some filters
	# select some rows but not all
	test "$(grep -c "^\\\$ LC_ALL=C.UTF-8 samv-meeting list --" "$TRASH/want")" -ge 20
	test "$(grep -c "^\\\$ LC_ALL=C.UTF-8 samv-actor list --" "$TRASH/want")" -ge 20
	n=$(samv-meeting list --all --ids | wc -l)
	test "$n" -ge 300
	k=$(samv-meeting list --all --status held --ids | wc -l)
	test "$k" -gt 0 && test "$k" -lt "$n"
	test "$(samv-meeting list --ids | wc -l)" -lt "$n"
	# the list rows: yes/no columns and the Swedish words are printed
	LC_ALL=sv_SE.UTF-8 samv-actor list >"$TRASH/sv"
	grep -q "offentlig" "$TRASH/sv"
'

test_case 'docs/example: every type (people on their ref, assessments) with and without the cache' '
	sh "$top/docs/example/ostergotland.sh" "$SAMV_TEST_BIN" "$TRASH/ex" >/dev/null
	cd "$TRASH/ex"
	for l in $listers; do
		test -n "$(SAMV_NO_CACHE=1 $(echo "$l" | tr _ " ") list --all --ids)"
	done
	same_lists "example, cold"
	same_lists "example, warm"
'

test_case 'the report fixture: a yes/no filter, a set filter, a file left out, warned of alike' '
	make_report_repo
	same_lists fixture
	samv-person edit per --boundary-spanner >/dev/null
	samv_run samv-person list --boundary-spanner
	expect_status 0
	grep -q "^per " "$TRASH/.out"
	same_lists "a yes/no field set"
	break_meeting
	same_plain "a file left out"
	grep -q "left out: $f" "$TRASH/got"
'

test_case 'stale cache: a write, plain git, git reset and --rev give the lists of their commit' '
	make_collab 500 2
	samv-meeting list >/dev/null
	# writes: a meeting planned, then cancelled (no longer listed without --all)
	samv-meeting plan --id ny --arena "$(samv-arena list --ids | head -n 1)" --title Ny --date 2026-12-01 >/dev/null
	same_plain "after a write"
	samv-meeting list --ids | grep -qx ny
	samv-meeting cancel ny >/dev/null
	same_plain "after a cancel"
	! samv-meeting list --ids | grep -qx ny || exit 1
	# by hand: a meeting moved, its status changed, a decision removed
	f=$(git ls-files meetings | sed -n 3p)
	sed "s/\"date\": \"[0-9-]*\"/\"date\": \"2026-11-18\"/; s/\"held\"/\"cancelled\"/" "$f" >"$TRASH/m" && mv "$TRASH/m" "$f"
	git rm -q "$(git ls-files decisions | sed -n 5p)"
	git commit -qam "by hand"
	same_plain "after plain git"
	git reset -q --hard HEAD~2
	same_plain "after git reset"
	samv-meeting list --ids | grep -qx ny
	for rev in HEAD~30 HEAD HEAD~300 HEAD~1; do
		for t in meeting decision actor; do
			SAMV_NO_CACHE=1 samv-$t list --all --rev $rev >"$TRASH/want"
			samv-$t list --all --rev $rev >"$TRASH/got"
			_compare "$t list --rev $rev" "$TRASH/want" "$TRASH/got"
			SAMV_NO_CACHE=1 samv-$t list --ids --rev $rev >"$TRASH/want"
			samv-$t list --ids --rev $rev >"$TRASH/got"
			_compare "$t list --ids --rev $rev" "$TRASH/want" "$TRASH/got"
		done
	done
'

test_case 'a missing, truncated, corrupt or older cache: rebuilt with one line on stderr, the same lists' '
	make_collab 400 2
	SAMV_NO_CACHE=1 samv-meeting list >"$TRASH/want"
	rm -rf .git/samv
	samv_run samv-meeting list
	expect_status 0
	expect_no_err
	_compare missing "$TRASH/want" "$TRASH/.out"
	truncate -s 5000 $cache
	rebuilt "is truncated" samv-meeting list
	_compare truncated "$TRASH/want" "$TRASH/.out"
	head -c 9000 /dev/urandom >$cache
	rebuilt "is not a SQLite database" samv-meeting list
	_compare garbage "$TRASH/want" "$TRASH/.out"
	# the layout before the list columns: its rows have none, rebuilt
	python3 -c "
import sqlite3
db = sqlite3.connect(\"$cache\"); db.execute(\"PRAGMA user_version = %d\" % 0x53410004); db.commit()"
	rebuilt "was not written by this samv" samv-meeting list
	_compare "older layout" "$TRASH/want" "$TRASH/.out"
	same_plain "after the rebuilds"
'

# decision due and action overdue on several days, into $1
dues() {
	for today in 2026-11-23 2025-06-01 2024-01-01; do
		for args in "samv-decision due" "samv-decision due --json" "samv-decision due --ids" \
			"samv-decision due --date 2025-01-01" "samv-decision due --rev HEAD~20" \
			"samv-meeting action overdue" "samv-meeting action overdue --json"; do
			# shellcheck disable=SC2086
			SAMV_TODAY=$today one $args
		done
	done >"$1"
}

test_case 'decision due and action overdue read only what is due: the same without the cache' '
	make_collab 800 2
	SAMV_NO_CACHE=1 dues "$TRASH/want"
	dues "$TRASH/cold"
	dues "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# both have something to say (exit 1, for cron) on the last day
	samv_run samv-decision due --ids
	expect_status 1
	test "$(wc -l <"$TRASH/.out")" -gt 10
	samv_run samv-meeting action overdue
	expect_status 1
	test -s "$TRASH/.out"
	# a decision adopted by hand with a review date passed: due at once
	d=$(samv-decision list --all --json | jq -r "[.[] | select(.status == \"proposed\")][0].id")
	if [ "$d" != null ]; then
		samv-decision edit "$d" --status adopted --review 2026-11-01 >/dev/null
		samv-decision due --ids | grep -qx "$d"
	fi
	SAMV_NO_CACHE=1 dues "$TRASH/want"
	dues "$TRASH/got"
	_compare "after a write" "$TRASH/want" "$TRASH/got"
'

test_case 'failures are the same with the cache: bad filters, unknown ids, exit 2' '
	make_report_repo
	for args in "--since nonsense" "--until 2026-13-01" "--status nonsense" "--arena zz" "extra"; do
		SAMV_NO_CACHE=1 samv_run samv-meeting list $args
		expect_status 2
		cp "$TRASH/.err" "$TRASH/e1"
		samv_run samv-meeting list $args
		expect_status 2
		expect_no_out
		_compare "stderr of list $args" "$TRASH/e1" "$TRASH/.err"
	done
	samv_run samv-assess list --subject zz-none
	expect_status 2
	expect_no_out
'
