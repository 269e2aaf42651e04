#!/bin/sh
# sync.sh - the benchmark of samv-sync (docs/PERFORMANCE.md).
#
#   sh bench/sync.sh /abs/path/to/build/bin
#
# For each size N: a collaboration of N records (bench/gen-collab.c, one
# commit), a bare remote, and clones of it.  One coordinator edits a
# meeting and syncs; another, meanwhile, edited (1) a different record, or
# (2) another field of the same meeting, and now syncs: fetch, a merge
# commit made in memory (field by field in 2), samv-check of the merged
# tree, push.  Timed against the same by hand in a third clone (git pull
# --no-rebase, with samv's merge driver registered, then git push), and
# samv-check --no-history alone on the merged tree, to show the check's
# share; then a sync with nothing to do, as cron would run it.  Every run
# starts from the same state (hyperfine --prepare).
#
# Environment: BENCH_SIZES (default "10000 100000"), BENCH_RUNS (default 5),
# BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-sync" ]; then
	echo "usage: sh bench/sync.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 100000}
runs=${BENCH_RUNS:-5}
. "$top/bench/lib.sh"
bench_setup
if [ "$have_hyperfine" != 1 ]; then
	echo "bench: hyperfine is needed: every run must start from the same state (apt-get install hyperfine)" >&2
	exit 1
fi
collab_setup

# time_sync NAME PREPARE-SAMV SAMV PREPARE-HAND HAND: a table row
time_sync() {
	hyperfine --style none --runs "$runs" --export-json "$work/t.json" \
		--prepare "$2" "$3" --prepare "$4" "$5" >/dev/null 2>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
	jq -r '.results | map("\(.mean * 1000) \(.stddev * 1000)") | join(" ")' "$work/t.json" >"$work/t.txt"
	read -r sm ss hm hs <"$work/t.txt"
	awk -v size="$size" -v name="$1" -v sm="$sm" -v ss="$ss" -v hm="$hm" -v hs="$hs" 'BEGIN {
		printf "| %d | %s | %.0f ± %.0f | %.0f ± %.0f | %.2f |\n", size, name, sm, ss, hm, hs, hm / sm
	}' >>"$work/table"
	say "$size $1: samv $(printf %.0f "$sm") ms, by hand $(printf %.0f "$hm") ms"
}

# time_one NAME COMMAND: a row with no by-hand column
time_one() {
	hyperfine --style none --warmup 1 --runs "$runs" --export-json "$work/t.json" "$2" >/dev/null 2>"$work/hf.err" ||
		{ cat "$work/hf.err" >&2; exit 1; }
	jq -r '.results[0] | "\(.mean * 1000) \(.stddev * 1000)"' "$work/t.json" >"$work/t.txt"
	read -r sm ss <"$work/t.txt"
	awk -v size="$size" -v name="$1" -v sm="$sm" -v ss="$ss" 'BEGIN {
		printf "| %d | %s | %.0f ± %.0f | | |\n", size, name, sm, ss
	}' >>"$work/table"
	say "$size $1: $(printf %.0f "$sm") ms"
}

# scenario NAME EDIT-A WRITTEN-A EDIT-B WRITTEN-B: A edits (writing the
# text WRITTEN-A) and syncs first; B and the hand clone H make the same
# edit of their own (writing WRITTEN-B), then each syncs, from the same
# state every run
scenario() {
	for c in a b h; do
		rm -rf "$work/$c"
		git clone -q "$work/remote.git" "$work/$c"
		(cd "$work/$c" && samv-sync --setup >/dev/null)
	done
	base=$(git -C "$work/remote.git" rev-parse "$branch")
	(cd "$work/a" && sh -c "$2" >/dev/null && samv-sync >/dev/null)
	theirs=$(git -C "$work/remote.git" rev-parse "$branch")
	(cd "$work/b" && sh -c "$4" >/dev/null)
	(cd "$work/h" && sh -c "$4" >/dev/null)
	btip=$(git -C "$work/b" rev-parse HEAD) htip=$(git -C "$work/h" rev-parse HEAD)
	back="git -C $work/remote.git update-ref refs/heads/$branch $theirs"
	prep_b="$back && git -C $work/b reset -q --hard $btip && git -C $work/b update-ref refs/remotes/origin/$branch $base"
	prep_h="$back && git -C $work/h reset -q --hard $htip && git -C $work/h update-ref refs/remotes/origin/$branch $base"
	# once first: what the sync leaves must be a merge of what both wrote
	sh -c "$prep_b" && samv-sync -C "$work/b" >/dev/null
	if [ "$(git -C "$work/b" rev-list --parents -n 1 HEAD | wc -w)" != 3 ] ||
		[ "$(git -C "$work/b" rev-parse HEAD)" != "$(git -C "$work/remote.git" rev-parse "$branch")" ] ||
		[ -n "$(samv-check -C "$work/b" --no-history | head -n 1)" ] ||
		! git -C "$work/b" grep -q "$3" HEAD || ! git -C "$work/b" grep -q "$5" HEAD; then
		say "$1: the sync did not leave a clean merge of both sides"
		exit 1
	fi
	time_sync "$1" "$prep_b" "samv-sync -C $work/b" "$prep_h" \
		"git -C $work/h pull -q --no-rebase --no-edit && git -C $work/h push -q"
}

start=$(date +%s)
: >"$work/table"
: >"$work/build"
for size in $sizes; do
	say "building $size records"
	t0=$(date +%s%N)
	collab_repo "$size" "$work/base" --one-commit
	rm -rf "$work/remote.git"
	git clone -q --bare "$work/base" "$work/remote.git"
	t1=$(date +%s%N)
	branch=$(git -C "$work/base" symbolic-ref --short HEAD)
	echo "| $size | $(((t1 - t0) / 1000000)) ms | $(du -sk "$work/remote.git" | cut -f1) KiB |" >>"$work/build"
	cd "$work/base"
	meeting=$(samv-meeting list --ids | head -n 1)
	actor=$(samv-actor list --ids | head -n 1)
	cd "$work"
	scenario "another record" "samv-meeting edit $meeting --place 'Rådhuset'" Rådhuset \
		"samv-actor edit $actor --name 'Ändrat namn'" "Ändrat namn"
	scenario "another field, same record" "samv-meeting edit $meeting --place 'Stadshuset'" Stadshuset \
		"samv-meeting edit $meeting --title 'Ny titel'" "Ny titel"
	time_one "samv-check --no-history of the merged tree" "samv-check -C $work/b --no-history"
	time_one "samv-sync, nothing to do" "samv-sync -C $work/b"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work/base" "$work/remote.git" "$work/a" "$work/b" "$work/h"
done

echo "samv $(samv-sync --version | sed 's/^[^0-9]*//;q') sync benchmark, $(date +%Y-%m-%d)"
machine_info
echo "whole run: $(($(date +%s) - start)) s"
echo "libgit2 $(pkg-config --modversion libgit2), cJSON $(pkg-config --modversion libcjson)," \
	"$(git --version), $(hyperfine --version)"
echo
echo "Building the remote (gen-collab | git fast-import, repack, commit graph, bare clone):"
echo
echo "| records | time | remote |"
echo "|---:|---:|---:|"
cat "$work/build"
echo
echo "Wall time in ms, mean ± standard deviation ($runs runs), of one coordinator's sync after the other's:"
echo
echo "| records | sync | samv-sync | git pull + push | by hand / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
