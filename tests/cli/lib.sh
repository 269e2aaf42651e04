# lib.sh - helpers for the CLI tests, after git's t/test-lib.sh.
#
#   test_case 'what it shows' '
#           samv_run samv-actor list &&
#           expect_out <<-\EOT &&
#           ...
#           EOT
#           expect_status 0
#   '
#
# Each case runs in a subshell in a fresh trash directory, with fixed
# authors, dates and locale, so that output can be compared exactly.

test_count=0

# A fixed, hermetic environment.
export PATH="$SAMV_TEST_BIN:$PATH"
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Eva Lind" GIT_AUTHOR_EMAIL="eva@example.org"
export GIT_COMMITTER_NAME="Eva Lind" GIT_COMMITTER_EMAIL="eva@example.org"
export SAMV_TODAY=2026-11-23 SAMV_LOCK_TIMEOUT=2
unset SAMV_DIR GIT_DIR GIT_WORK_TREE LANGUAGE SAMV_LOCALEDIR
tick=1795428000
test_tick() {
	tick=$((tick + 60))
	export GIT_AUTHOR_DATE="@$tick +0100" GIT_COMMITTER_DATE="@$tick +0100"
}
test_tick

# samv_run CMD...: run, keeping stdout, stderr and the exit status.
samv_run() {
	_rc=0
	"$@" >"$TRASH/.out" 2>"$TRASH/.err" || _rc=$?
	echo "$_rc" >"$TRASH/.rc"
	test_tick
	return 0
}

# A line "! CMD" cannot fail a case: set -e ignores a pipeline that
# begins with "!" (POSIX).  Write "! CMD || exit 1".
_compare() { # name expected-file actual-file
	if ! cmp -s "$2" "$3"; then
		echo "# $1 differs (--- expected, +++ actual):" >&2
		diff -u "$2" "$3" | sed 's/^/#   /' >&2
		return 1
	fi
}
expect_out() { cat >"$TRASH/.want"; _compare stdout "$TRASH/.want" "$TRASH/.out"; }
expect_err() { cat >"$TRASH/.want"; _compare stderr "$TRASH/.want" "$TRASH/.err"; }
expect_no_out() { : | expect_out; }
expect_no_err() { : | expect_err; }
expect_status() {
	if [ "$(cat "$TRASH/.rc")" != "$1" ]; then
		echo "# exit status $(cat "$TRASH/.rc"), expected $1; stderr:" >&2
		sed 's/^/#   /' "$TRASH/.err" >&2
		return 1
	fi
}
# The last command's output, for scripts: $(out)
out() { cat "$TRASH/.out"; }

# same_uncached FN WHAT: FN FILE writes a transcript; what it writes with
# the query cache must be what it writes without (SAMV_NO_CACHE=1).
same_uncached() {
	SAMV_NO_CACHE=1 "$1" "$TRASH/want"
	"$1" "$TRASH/got"
	_compare "$2" "$TRASH/want" "$TRASH/got"
}

# cache_rows TABLE: how many rows a table of the query cache holds (0 when
# the file or the table is not there).
cache_rows() {
	python3 -c "
import sqlite3, sys
try:
    print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM ' + sys.argv[2]).fetchone()[0])
except sqlite3.OperationalError:
    print(0)" .git/samv/cache.sqlite "$1"
}

# transcript FILE CMD...: each CMD (split into words by the shell) run in
# turn, with a line naming it, its stdout, stderr and exit status, into
# FILE: what two runs of the same commands are compared by.
transcript() {
	_tf=$1
	shift
	for _tc in "$@"; do
		echo "\$ $_tc"
		_trc=0
		$_tc >"$TRASH/.o" 2>"$TRASH/.e" </dev/null || _trc=$?
		cat "$TRASH/.o" "$TRASH/.e"
		echo "exit $_trc"
	done >"$_tf"
}

# A samv repository in ./repo with a few records of fixed ids.
make_repo() { # [samv-init options]
	samv-init --name "Samverkan Östergötland" --region Östergötland "$@" repo >/dev/null &&
	cd repo &&
	samv-actor add --id region --name "Region Östergötland" --sector public --kind region \
		--level regional >/dev/null &&
	samv-actor add --id rf-sisu --name "RF-SISU Östergötland" --sector civil --kind umbrella \
		--level regional >/dev/null &&
	test_tick
}

# snapshot / unchanged: the repository must be exactly as it was.
_state() {
	git rev-parse HEAD 2>/dev/null || :
	git status --porcelain --untracked-files=all
	cat .git/index 2>/dev/null | cksum
	find . -path ./.git -prune -o -type f -print | sort | xargs cat 2>/dev/null | cksum
	ls .git/*.lock .git/refs/heads/*.lock 2>/dev/null || :
	find . -name '.samv-tmp-*'
}
snapshot() { _state >"$TRASH/.snap"; }
unchanged() {
	_state >"$TRASH/.now"
	_compare "repository state" "$TRASH/.snap" "$TRASH/.now"
}

# fails STATUS 'expected stderr' CMD...: run CMD in the repository, compare
# its status and its one-line error, and check that nothing changed.
fails() {
	want_status=$1 want_err=$2
	shift 2
	snapshot
	samv_run "$@"
	expect_status "$want_status"
	printf "%s\n" "$want_err" | expect_err
	expect_no_out
	unchanged
}

test_case() {
	test_count=$((test_count + 1))
	TRASH=$SAMV_CLI_ROOT/trash.$test_count.$$
	rm -rf "$TRASH"
	mkdir -p "$TRASH"
	export TRASH HOME="$TRASH"
	# not in an "if": set -e must stay in force inside the subshell
	(cd "$TRASH" && set -e && eval "$2") 2>"$SAMV_CLI_ROOT/.log"
	if [ $? -eq 0 ]; then
		echo "ok $test_count - $1" | tee -a "$SAMV_CLI_ROOT/results"
	else
		echo "not ok $test_count - $1" | tee -a "$SAMV_CLI_ROOT/results"
		sed 's/^/  /' "$SAMV_CLI_ROOT/.log"
	fi
	rm -rf "$TRASH"
}
