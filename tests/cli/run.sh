#!/bin/sh
# Run the CLI tests: every tests/cli/tNNNN-*.sh, each case in a fresh trash
# directory with a hermetic environment (see lib.sh).  SAMV_BIN names the
# directory of the built commands; SAMV_VALGRIND=1 runs each under valgrind.
# T=t0800 (a glob) runs only the matching files.
# Ends with one line "N passed, M failed"; exits 1 if any case failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${SAMV_BIN:?SAMV_BIN must name the directory of the built commands}"
SAMV_CLI_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/samv-cli.XXXXXX")
export SAMV_CLI_ROOT SAMV_BIN
trap 'rm -rf "$SAMV_CLI_ROOT"' EXIT INT TERM

bin=$SAMV_BIN
if [ "${SAMV_VALGRIND:-}" = 1 ]; then
	bin=$SAMV_CLI_ROOT/valgrind-bin
	mkdir -p "$bin"
	for p in "$SAMV_BIN"/samv*; do
		cat >"$bin/${p##*/}" <<SHIM
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --suppressions=$here/../valgrind.supp "$p" "\$@"
SHIM
		chmod +x "$bin/${p##*/}"
	done
fi
SAMV_TEST_BIN=$bin
export SAMV_TEST_BIN

: >"$SAMV_CLI_ROOT/results"
for t in "$here"/${T:-t[0-9]}*.sh; do
	echo "# ${t##*/}"
	(cd "$SAMV_CLI_ROOT" && . "$here/lib.sh" && . "$t")
	# a file that stops early (a syntax error, a failed set-up) fails
	rc=$?
	[ "$rc" -eq 0 ] || echo "not ok - ${t##*/} stopped with exit status $rc before its end" |
		tee -a "$SAMV_CLI_ROOT/results"
done
passed=$(grep -c '^ok' "$SAMV_CLI_ROOT/results")
failed=$(grep -c '^not ok' "$SAMV_CLI_ROOT/results")
echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
