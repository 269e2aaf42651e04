#!/bin/sh
# check.sh - samv-check against `git ls-files -z '*.json' | xargs -0 jq
# empty` (docs/PERFORMANCE.md, "History index and samv-check") on
# bench/gen-collab's collaborations: with the cache (and its history
# index) warm, cold (removed before each run), right after one write
# (samv-actor add before each run, on both sides), and without it
# (SAMV_NO_CACHE=1); then samv-log of one record there against git log
# with a changed-paths commit graph.  Paired runs with hyperfine.
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
	# "|| :": samv-check exits 1 on the history's problems, hyperfine
	# would stop
	time_pair "samv-check, cache cold" "$runs" "rm -rf .git/samv; samv-check || :" "$jq_all"
	samv-check >/dev/null || :
	time_pair "samv-check, cache warm" "$runs" "samv-check || :" "$jq_all"
	time_pair "samv-check, after one write" "$runs" "$add; samv-check || :" "$add; $jq_all"
	time_pair "samv-check, no cache" "$runs" "SAMV_NO_CACHE=1 samv-check || :" "$jq_all"
	time_pair "samv-check --no-history, cache warm" "$runs" "samv-check --no-history || :" "$jq_all"
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
