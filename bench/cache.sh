#!/bin/sh
# cache.sh - the query cache's benchmark (docs/PERFORMANCE.md, "Query
# cache"): samv-report's weekly summary with the cache warm, cold (the
# first run after a clone), right after one write, and without it
# (SAMV_NO_CACHE=1), against bench/hand-pack.sh; and samv-meeting list.
#
#   sh bench/cache.sh /abs/path/to/build/bin
#
# Environment: BENCH_SIZES (default "10000 50000"), BENCH_RUNS (default 5),
# BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-report" ]; then
	echo "usage: sh bench/cache.sh /abs/path/to/build/bin" >&2
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
export SINCE=2026-11-16 UNTIL=2026-11-22 LATE=2026-11-16
: >"$work/table"
for size in $sizes; do
	repo=$work/collab-$size
	[ -d "$repo/.git" ] || { say "building $size records in $repo"; collab_repo "$size" "$repo"; }
	cd "$repo"
	hand="sh $top/bench/hand-pack.sh"
	rm -rf .git/samv
	time_pair "summary, cache cold" "$runs" "rm -rf .git/samv; samv-report" "$hand"
	samv-report >/dev/null
	time_pair "summary, cache warm" "$runs" "samv-report" "$hand"
	time_pair "summary, no cache" "$runs" "SAMV_NO_CACHE=1 samv-report" "$hand"
	time_pair "summary, after one write" "$runs" \
		"samv-actor add --name \"Bench \$(date +%N)\" --sector civil --kind association --level local >/dev/null; samv-report" \
		"samv-actor add --name \"Bench \$(date +%N)\" --sector civil --kind association --level local >/dev/null; $hand"
	time_pair "meeting list, cache warm" "$runs" "samv-meeting list" "$hand"
	rss=$( { /usr/bin/time -f %M samv-report >/dev/null; } 2>&1 | tail -n 1)
	echo "| $size | peak RSS of the warm summary | $rss KiB | | |" >>"$work/table"
	cd "$work"
done
echo "samv query cache benchmark, $(date +%Y-%m-%d)"
machine_info
echo
echo "| records | operation | samv | by hand | by hand / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
