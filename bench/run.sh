#!/bin/sh
# run.sh - the write and read benchmark of samv (docs/PERFORMANCE.md).
#
#   sh bench/run.sh /abs/path/to/build/bin      (what "make bench" runs)
#
# For each size it builds a repository of N actor records in one go
# (bench/gen-actors.c writes the files in canonical form at samv's shard
# paths, the git CLI commits them, "git gc" packs them and a commit graph
# of generation version 1 is written), then times samv-actor add, edit,
# show and list --ids and samv-check against what a coordinator would do
# by hand (bench/hand.sh: jq + git add + git commit), and reports how full
# the shard directories are.
#
# Environment:
#   BENCH_SIZES  record counts (default "10000 50000 100000")
#   BENCH_RUNS   timed runs of each write and show (default 20; list and
#                samv-check, which read every record, run a sixth as
#                often, at least 3)
#   BENCH_DIR    where to build the repositories (default: a new
#                directory under $TMPDIR or /tmp, removed at the end)
#   BENCH_KEEP=1 keep BENCH_DIR
#
# Timing uses hyperfine (Debian: apt-get install hyperfine) and falls
# back to a shell loop (mean only) without it.

set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-actor" ]; then
	echo "usage: sh bench/run.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000 100000}
runs=${BENCH_RUNS:-20}
slow=$((runs / 6))
[ "$slow" -ge 3 ] || slow=3
. "$top/bench/lib.sh"
bench_setup
export PATH="$bin:$PATH"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME="Bench Mark" GIT_AUTHOR_EMAIL="bench@example.org"
export GIT_COMMITTER_NAME="Bench Mark" GIT_COMMITTER_EMAIL="bench@example.org"
unset SAMV_DIR
mkdir -p "$HOME"

# ---- the helper -------------------------------------------------------------

gen=$build/bench/gen-actors
mkdir -p "$build/bench"
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -I"$top/libcommon" \
	$(pkg-config --cflags libgit2 libcjson) -o "$gen" "$top/bench/gen-actors.c" \
	"$build/libcommon.a" $(pkg-config --libs libgit2 libcjson sqlite3 libcrypto) -lm

# ---- the runs ---------------------------------------------------------------

start=$(date +%s)
: >"$work/table"
: >"$work/dirs"
: >"$work/build"
for size in $sizes; do
	repo=$work/repo-$size
	rm -rf "$repo"
	say "building $size records in $repo"
	t0=$(date +%s%N)
	samv-init --name "Bench $size" --region "Östergötland" "$repo" >/dev/null
	"$gen" "$repo" "$size" >"$work/ids-$size"
	(
		cd "$repo"
		git add -A
		git -c gc.auto=0 commit -q -m "bench: $size actors"
		git gc -q
		git config commitGraph.generationVersion 1
		git commit-graph write --reachable
	)
	t1=$(date +%s%N)
	# write the new files out now: samv fsyncs, and an fsync behind
	# hundreds of megabytes of dirty pages would time the page cache
	sync
	pack=$(du -sk "$repo/.git" | cut -f1)
	index=$(($(wc -c <"$repo/.git/index") / 1024))
	echo "| $size | $(((t1 - t0) / 1000000)) ms | $pack KiB | $index KiB |" >>"$work/build"
	cd "$repo"
	if ! samv-check; then
		say "samv-check rejects the generated repository"
		exit 1
	fi

	# shard directories: entries per directory, size of the biggest tree
	find actors -mindepth 2 -type f -name '*.json' | awk -F/ '{ c[$2]++ }
		END { min = -1; for (d in c) { n++; s += c[d]; if (c[d] > max) { max = c[d]; big = d }
			if (min < 0 || c[d] < min) min = c[d] }
			printf "%d %d %d %.0f %s\n", n, min, max, s / n, big }' >"$work/d.txt"
	read -r ndirs dmin dmax dmean dbig <"$work/d.txt"
	tsize=$(git cat-file -s "HEAD:actors/$dbig")
	echo "| $size | $ndirs | $dmin | $dmean | $dmax | $tsize bytes |" >>"$work/dirs"

	# the records the runs work on: the middle one for samv, the next for hand
	mid=$((size / 2))
	sid=$(sed -n "${mid}p" "$work/ids-$size" | cut -d' ' -f1)
	hpath=$(sed -n "$((mid + 1))p" "$work/ids-$size" | cut -d' ' -f2)
	spath=$(sed -n "${mid}p" "$work/ids-$size" | cut -d' ' -f2)
	export HAND_COUNTER="$work/counter-$size" HAND_PATHS="$work/hand-$size"
	echo 0 >"$HAND_COUNTER"
	"$gen" --paths hand "$((runs * 2 + 10))" >"$HAND_PATHS"
	hand="sh $top/bench/hand.sh"

	time_pair "add (one commit)" "$runs" \
		"samv-actor add --name 'Ny förening' --sector civil --kind association --level local --area Linköping" \
		"$hand add"
	time_pair "edit (one commit)" "$runs" \
		"samv-actor edit $sid --note \"\$(date +%s%N)\"" \
		"$hand edit $hpath"
	time_pair "show" "$runs" \
		"samv-actor show $sid" \
		"jq . $spath"
	time_pair "list --ids" "$slow" \
		"samv-actor list --ids" \
		"git ls-files -z actors | xargs -0 jq -r 'select(.status == \"active\") | .id'"
	time_pair "samv-check (hand: syntax only)" "$slow" \
		"samv-check" \
		"git ls-files -z '*.json' | xargs -0 jq empty"

	if ! samv-check || [ -n "$(git status --porcelain)" ]; then
		say "the repository is not clean and valid after the runs"
		exit 1
	fi
	cd "$work"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
done

# ---- the report -------------------------------------------------------------

echo "samv $(samv-actor --version | sed 's/^[^0-9]*//;q') benchmark, $(date +%Y-%m-%d)"
machine_info
echo "whole run: $(($(date +%s) - start)) s"
echo "libgit2 $(pkg-config --modversion libgit2), cJSON $(pkg-config --modversion libcjson)," \
	"$(git --version), jq $(jq --version | sed 's/^jq-//')," \
	"$([ "$have_hyperfine" = 1 ] && hyperfine --version || echo 'no hyperfine (shell loop)')"
echo
echo "Building the repositories (generate, git add, commit, gc, commit-graph):"
echo
echo "| records | time | .git | index |"
echo "|---:|---:|---:|---:|"
cat "$work/build"
echo
echo "Wall time in ms, mean ± standard deviation ($runs runs; list and check $slow runs):"
echo
echo "| records | operation | samv | by hand | by hand / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
echo
echo "Shard directories under actors/ (files per directory):"
echo
echo "| records | directories | fewest | mean | most | biggest tree object |"
echo "|---:|---:|---:|---:|---:|---:|"
cat "$work/dirs"
