#!/bin/sh
# report.sh - the benchmark of samv-report (docs/PERFORMANCE.md).
#
#   sh bench/report.sh /abs/path/to/build/bin
#
# For each size N it builds a repository of N records made one commit
# each over ten years (bench/gen-collab.c, through git fast-import; then
# repacked and a commit graph written), and the same records in a single
# commit.  It times samv-report's weekly summary against the same figures
# by hand (bench/hand-report.sh: find + jq, git log for the Agreement),
# on both, so that what history costs shows: a report reads one tree, and
# walks the history only back to the Agreement's change in the period.
#
# Environment: BENCH_SIZES (default "10000 50000"), BENCH_RUNS (default 10),
# BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-report" ]; then
	echo "usage: sh bench/report.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000}
runs=${BENCH_RUNS:-10}
. "$top/bench/lib.sh"
bench_setup
collab_setup
# the week before today: the generated history ends the day before
export SINCE=2026-11-16 UNTIL=2026-11-22 LATE=2026-11-16

start=$(date +%s)
: >"$work/table"
: >"$work/build"
for size in $sizes; do
	for kind in history one; do
		repo=$work/collab-$size-$kind
		say "building $size records ($kind) in $repo"
		t0=$(date +%s%N)
		if [ $kind = history ]; then collab_repo "$size" "$repo"; else collab_repo "$size" "$repo" --one-commit; fi
		t1=$(date +%s%N)
		cd "$repo"
		commits=$(git rev-list --count HEAD)
		echo "| $size | $commits | $(((t1 - t0) / 1000000)) ms | $(du -sk .git | cut -f1) KiB |" >>"$work/build"
		if [ -n "$(samv-check --no-history | head -n 1)" ]; then
			say "samv-check rejects the generated repository"
			exit 1
		fi
		# both ways must tell the same figures
		samv-report --json | jq -c '[.figures[] | {(.key): .value}] | add' >"$work/samv.txt"
		sh "$top/bench/hand-report.sh" | tr '\n' ' ' >"$work/hand.txt"
		say "samv: $(cat "$work/samv.txt")"
		say "hand: $(cat "$work/hand.txt")"
		time_pair "summary, $commits commits" "$runs" "samv-report" "sh $top/bench/hand-report.sh"
		time_pair "summary --format html, $commits commits" "$runs" "samv-report --format html" \
			"sh $top/bench/hand-report.sh"
		cd "$work"
		[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
	done
done

echo "samv $(samv-report --version | sed 's/^[^0-9]*//;q') report benchmark, $(date +%Y-%m-%d)"
machine_info
echo "whole run: $(($(date +%s) - start)) s"
echo "libgit2 $(pkg-config --modversion libgit2), cJSON $(pkg-config --modversion libcjson)," \
	"$(git --version), jq $(jq --version | sed 's/^jq-//')," \
	"$([ "$have_hyperfine" = 1 ] && hyperfine --version || echo 'no hyperfine (shell loop)')"
echo
echo "Building the repositories (gen-collab | git fast-import, repack, commit graph):"
echo
echo "| records | commits | time | .git |"
echo "|---:|---:|---:|---:|"
cat "$work/build"
echo
echo "Wall time in ms, mean ± standard deviation ($runs runs):"
echo
echo "| records | operation | samv | by hand | by hand / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
