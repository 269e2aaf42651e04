#!/bin/sh
# write.sh - a write's CPU against the libgit2 floor, the index update's
# two ways, and process start (docs/PERFORMANCE.md, "Writes" and
# "Process start").
#
#   sh bench/write.sh /abs/path/to/build/bin [write] [index] [start]
#
# For each size N it builds a collaboration of N records, one commit each
# (bench/gen-collab.c, as bench/report.sh), then, on that repository:
#   write  CPU (user + system) of `samv-actor edit ID --note …` against
#          bench/floor.c (blob, tree update, commit, compare-and-swap,
#          the file fsync'd; objects and branch fsync'd), in pairs;
#   index  CPU of changing one entry of the repository's index with
#          libgit2 (read, add, write) and with gitindex.c, and of the
#          copy floor (the file rewritten whole with a new checksum, no
#          parsing: the least a whole-file rewrite costs;
#          bench/indexalt.c);
#   start  process start to the first byte of output: `samv-actor show
#          ID` against bench/start.c (git_libgit2_init, one line).
# With no part named, all three.  Ratios: samv ÷ baseline (below 1 is
# faster than the baseline; the targets are 1.5 for write, 1.2 for start).
#
# Environment: BENCH_SIZES (default "10000 50000 100000"), BENCH_RUNS
# (default 20), BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -lt 1 ] || [ ! -x "$1/samv-actor" ]; then
	echo "usage: sh bench/write.sh /abs/path/to/build/bin [write] [index] [start]" >&2
	exit 2
fi
bin=$1
shift
parts=${*:-write index start}
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000 100000}
runs=${BENCH_RUNS:-20}
. "$top/bench/lib.sh"
bench_setup
collab_setup

cc_bench() { # name [libcommon]: build bench/NAME.c into $build/bench/NAME
	# shellcheck disable=SC2046
	${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -I"$top/libcommon" \
		$(pkg-config --cflags libgit2 libcjson) -o "$build/bench/$1" "$top/bench/$1.c" \
		${2:+"$build/libcommon.a"} $(pkg-config --libs libgit2 libcjson libcrypto) -lm
}
cc_bench pair
cc_bench floor libcommon
cc_bench start
cc_bench indexalt libcommon
pair=$build/bench/pair

# row NAME BASELINE-NAME "A-mean A-sd B-mean B-sd": a table row, samv first
row() {
	echo "$3" | awk -v size="$size" -v name="$1" -v base="$2" '{
		printf "| %d | %s | %.1f ± %.1f | %s %.1f ± %.1f | %.2f |\n", size, name, $1, $2, base, $3, $4, $1 / $3 }' \
		>>"$work/table"
	say "$size $1: $3"
}

start=$(date +%s)
: >"$work/table"
: >"$work/build"
for size in $sizes; do
	repo=$work/collab-$size
	say "building $size records in $repo"
	collab_repo "$size" "$repo"
	cd "$repo"
	sync
	echo "| $size | $(git rev-list --count HEAD) | $(($(wc -c <.git/index) / 1024)) KiB |" >>"$work/build"
	# two organisations: one for samv, one for the floor
	a=$(git ls-files 'actors/*' | sed -n 5p)
	b=$(git ls-files 'actors/*' | sed -n 6p)
	aid=$(basename "$a" .json)

	case " $parts " in *" write "*)
		r=$($pair "$runs" 3 samv-actor edit "$aid" --note "n%N" --vs "$build/bench/floor" "$b" %N)
		row "write: actor edit (CPU)" "floor" "$r"
		# the floor leaves the index behind (it is what samv adds)
		git reset -q
		;;
	esac
	case " $parts " in *" index "*)
		say "$size: index update, libgit2 and streamed"
		r=$("$build/bench/indexalt" .git/index "$a" "$runs")
		row "index: one entry changed, samv (CPU)" "libgit2 read+add+write" \
			"$(echo "$r" | awk '{ print $2, 0, $1, 0 }')"
		row "index: one entry changed, samv (CPU)" "copy floor: map+write+SHA-1+fsync" \
			"$(echo "$r" | awk '{ print $2, 0, $3, 0 }')"
		;;
	esac
	case " $parts " in *" start "*)
		r=$($pair --first "$runs" 3 samv-actor show "$aid" --vs "$build/bench/start")
		row "start: actor show, to first output (wall)" "git_libgit2_init only" "$r"
		;;
	esac
	if [ -n "$(git status --porcelain)" ] || ! git fsck --no-progress --no-dangling >/dev/null 2>&1; then
		say "the repository is not clean and valid after the runs"
		exit 1
	fi
	cd "$work"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
done

echo "samv $(samv-actor --version | sed 's/^[^0-9]*//;q') write and start benchmark ($parts), $(date +%Y-%m-%d)"
machine_info
echo "whole run: $(($(date +%s) - start)) s"
echo "libgit2 $(pkg-config --modversion libgit2), $(git --version)"
echo
echo "| records | commits | index |"
echo "|---:|---:|---:|"
cat "$work/build"
echo
echo "Milliseconds, mean ± standard deviation of $runs paired runs; ratio = samv ÷ baseline:"
echo
echo "| records | samv | ms | baseline, ms | ratio |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
