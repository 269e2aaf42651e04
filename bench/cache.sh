#!/bin/sh
# cache.sh - the readers' targets of issue 13 (docs/PERFORMANCE.md, "Query
# cache"), each as a ratio from paired runs on the same repository
# (bench/pair.c: samv and its baseline one after the other, CPU time of
# each, user + system, of the command and every process it waited for):
#
#   - weekly summary, cache warm, vs bench/hand-pack.sh (target: by hand
#     >= 5x samv at 10k, >= 20x at 50k);
#   - the same right after one write (samv-actor add before each run on
#     both sides; the write's own CPU, measured alone, subtracted);
#   - first run after a fresh clone (cache removed before each run; target:
#     samv <= 1.5x by hand);
#   - without the cache (SAMV_NO_CACHE=1), for reference;
#   - meeting, actor and decision list, CPU ms (target <= 50 ms at 50k),
#     against the pack read by hand (bench/hand-list.sh);
#   - peak RSS of the warm summary (target <= 48 MiB at 100k).
#
#   sh bench/cache.sh /abs/path/to/build/bin
#
# Environment: BENCH_SIZES (default "10000 50000 100000"), BENCH_RUNS
# (default 10), BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh), BENCH_ONLY=list
# (the lists alone).
set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-report" ]; then
	echo "usage: sh bench/cache.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000 100000}
runs=${BENCH_RUNS:-10}
. "$top/bench/lib.sh"
bench_setup
collab_setup
export SINCE=2026-11-16 UNTIL=2026-11-22 LATE=2026-11-16
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$build/bench/pair" "$top/bench/pair.c" -lm
pair=$build/bench/pair
hand="sh $top/bench/hand-pack.sh"
add='samv-actor add --name "Bench %N" --sector civil --kind association --level local >/dev/null'

# row SIZE WHAT TARGET "A-mean A-sd B-mean B-sd" RATIO-EXPR MET-EXPR: a
# table row; in the expressions a and b are the means
row() {
	echo "$4" | awk -v size="$1" -v what="$2" -v target="$3" -v rexpr="$5" -v mexpr="$6" '{
		a = $1; b = $3
		r = rexpr == "b/a" ? b / a : a / b
		met = mexpr == "" ? "" : (mexpr ~ /^>=/ ? (r >= substr(mexpr, 3) + 0 ? "yes" : "no") : (r <= substr(mexpr, 3) + 0 ? "yes" : "no"))
		printf "| %d | %s | %.1f ± %.1f | %.1f ± %.1f | %.2f | %s | %s |\n", size, what, $1, $2, $3, $4, r, target, met
	}' >>"$work/table"
	say "$1 $2: $4"
}

: >"$work/table"
: >"$work/rss"
for size in $sizes; do
	repo=$work/collab-$size
	[ -d "$repo/.git" ] || { say "building $size records in $repo"; collab_repo "$size" "$repo"; }
	cd "$repo"
	samv-report >/dev/null 2>&1
	for t in meeting actor decision; do
		r=$($pair "$runs" 2 "samv-$t" list --vs sh "$top/bench/hand-list.sh" "${t}s")
		row "$size" "$t list (ms: samv, by hand)" "samv <= 50 ms" "$r" a/b ""
	done
	if [ "${BENCH_ONLY:-}" = list ]; then
		cd "$work"
		[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
		continue
	fi
	r=$($pair "$runs" 2 samv-report --vs sh -c "$hand >/dev/null")
	tgt=">=5"
	[ "$size" -lt 50000 ] || tgt=">=20"
	row "$size" "summary, cache warm" "by hand ÷ samv $tgt" "$r" b/a "$tgt"
	# one write before every run on both sides; the write alone measured
	# the same way and taken off both
	w=$($pair "$runs" 1 sh -c "$add" --vs sh -c "$add")
	r=$($pair "$runs" 1 sh -c "$add; samv-report >/dev/null" --vs sh -c "$add; $hand >/dev/null")
	r=$(echo "$r $w" | awk '{ w = ($5 + $7) / 2; printf "%.2f %.2f %.2f %.2f\n", $1 - w, $2, $3 - w, $4 }')
	row "$size" "summary right after one write (write's $(echo "$w" | awk '{ printf "%.1f", ($1 + $3) / 2 }') ms off)" \
		"by hand ÷ samv $tgt" "$r" b/a "$tgt"
	r=$($pair "$runs" 1 sh -c "rm -rf .git/samv; samv-report >/dev/null" --vs sh -c "$hand >/dev/null")
	row "$size" "summary, first run (no cache)" "samv ÷ by hand <=1.5" "$r" a/b "<=1.5"
	r=$($pair "$runs" 1 env SAMV_NO_CACHE=1 samv-report --vs sh -c "$hand >/dev/null")
	row "$size" "summary, SAMV_NO_CACHE=1" "" "$r" b/a ""
	rss=$( { /usr/bin/time -f %M samv-report >/dev/null; } 2>&1 | tail -n 1)
	echo "| $size | $((rss / 1024)) MiB |" >>"$work/rss"
	cd "$work"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
done
echo "samv query cache benchmark (issue 13's readers' targets), $(date +%Y-%m-%d)"
machine_info
echo
echo "CPU ms (user + system, every process), mean ± sd of $runs paired runs:"
echo
echo "| records | operation | samv | baseline | ratio | target | met |"
echo "|---:|---|---:|---:|---:|---|---|"
cat "$work/table"
[ "${BENCH_ONLY:-}" != list ] || exit 0
echo
echo "Peak RSS of the warm summary (target <= 48 MiB at 100k):"
echo
echo "| records | peak RSS |"
echo "|---:|---:|"
cat "$work/rss"
