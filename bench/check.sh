#!/bin/sh
# check.sh - samv-check against `git ls-files -z '*.json' | xargs -0 jq
# empty` (docs/PERFORMANCE.md, "samv-check") on bench/gen-collab's
# collaborations: with the cache (its per-file results and verified
# history) warm, cold (removed before each run), right after one write
# (samv-actor add before each run, on both sides; and the check alone
# after it), and without it (SAMV_NO_CACHE=1): CPU times of paired runs
# (bench/pair.c); then samv-log of one record there against git log
# with a changed-paths commit graph (hyperfine, wall time).
#
#   sh bench/check.sh /abs/path/to/build/bin
#
# Environment: BENCH_SIZES (default "10000 50000"), BENCH_RUNS (default 5),
# BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-check" ]; then
	echo "usage: sh bench/check.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000}
runs=${BENCH_RUNS:-5}
. "$top/bench/lib.sh"
bench_setup
collab_setup
: >"$work/table"
jq_all="git ls-files -z '*.json' | xargs -0 jq empty"
add="samv-actor add --name \"Bench \$(date +%N)\" --sector civil --kind association --level local >/dev/null"
${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -o "$build/bench/pair" "$top/bench/pair.c" -lm
# bpair NAME BEFORE SAMV-COMMAND HAND-COMMAND: a table row of paired CPU
# times; BEFORE (none when empty) runs before each run of either side,
# not counted (bench/pair.c --before)
bpair() {
	r=$("$build/bench/pair" ${2:+--before "$2"} "$runs" 1 sh -c "$3" --vs sh -c "$4")
	echo "$r" | awk -v size="$size" -v name="$1" '{
		printf "| %d | %s, CPU | %.1f ± %.1f | %.1f ± %.1f | %.2f |\n", size, name, $1, $2, $3, $4, $3 / $1 }' \
		>>"$work/table"
	say "$size $1: $r"
}
# cpair NAME SAMV-COMMAND HAND-COMMAND: the same with nothing before
cpair() { bpair "$1" "" "$2" "$3"; }
for size in $sizes; do
	repo=$work/collab-$size
	[ -d "$repo/.git" ] || { say "building $size records in $repo"; collab_repo "$size" "$repo"; }
	cd "$repo"
	git commit-graph write --reachable --changed-paths >/dev/null 2>&1
	# jq must read every file (gen-collab's history has commits that
	# changed the Agreement without a decision: samv-check says so, exit 1)
	sh -c "$jq_all"
	samv-check >/dev/null || :
	rm -rf .git/samv
	# CPU (user + system of each run and its children, wait4(2)) of
	# paired runs: samv's run, then the baseline's right after, so both
	# see the same load (bench/pair.c).  "|| :": samv-check exits 1 on
	# the history's problems.
	# cold: the cache removed before each run of either side, not
	# counted (removing a file of megabytes costs the system time of
	# its pages; it is no part of a check)
	bpair "samv-check, cache cold" "rm -rf .git/samv" "samv-check >/dev/null || :" "$jq_all"
	# the same where git has written no commit graph (a fresh clone
	# before git gc): samv-check walks the history from the commits
	git config core.commitGraph false
	bpair "samv-check, cache cold, the commit graph not read" "rm -rf .git/samv" "samv-check >/dev/null || :" "$jq_all"
	git config --unset core.commitGraph
	bpair "samv-check --no-history, cache cold" "rm -rf .git/samv" "samv-check --no-history >/dev/null || :" "$jq_all"
	samv-check >/dev/null || :
	cpair "samv-check, cache warm" "samv-check >/dev/null || :" "$jq_all"
	cpair "samv-check, after one write (the write counted on both sides)" "$add; samv-check >/dev/null || :" \
		"$add; $jq_all"
	cpair "samv-check, no cache" "SAMV_NO_CACHE=1 samv-check >/dev/null || :" "$jq_all"
	cpair "samv-check --no-history, cache warm" "samv-check --no-history >/dev/null || :" "$jq_all"
	# the same after one write, the write not counted: samv-actor add
	# before each run of either side (bench/pair.c --before), samv-check
	# alone against jq alone
	bpair "samv-check right after one write (the write not counted)" "$add" "samv-check >/dev/null || :" "$jq_all"
	# the record changed last by an edit (not its adding)
	rec=$(git log --format= --name-only --diff-filter=M -- actors meetings decisions | sed -n 1p)
	[ -n "$rec" ] || rec=$(git ls-files actors | sed -n 1p)
	id=$(basename "$rec" .json)
	samv-log "$id" >/dev/null
	time_pair "samv-log ID / git log --oneline -- PATH" "$runs" "samv-log $id" "git log --oneline -- $rec"
	cd "$work"
done
echo "samv-check and the history index on gen-collab, $(date +%Y-%m-%d)"
machine_info
echo
echo "| records | operation | samv | by hand | by hand / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
