#!/bin/sh
# log.sh - the cost of samv-log against git log (docs/PERFORMANCE.md).
#
#   sh bench/log.sh /abs/path/to/build/bin
#
# For each size N it builds a repository of N actor records made by N
# commits, one record a commit (bench/gen-actors.c writes the records in
# canonical form; git fast-import commits them with samv's trailers), and
# one record, the middle one, edited again every N/10 commits after it was
# added, so that its history has six commits spread over half the history.
# Then "git gc" and a commit graph with Bloom filters of changed paths
# ("git commit-graph write --reachable --changed-paths", generation
# version 1, the one libgit2 1.5 reads), which git log uses for "-- PATH".
# It times:
#
#   the first samv-log ID (builds the history index in the query cache),
#   then in pairs (bench/pair.c: samv, then git, one after the other, so
#   both see the same load; CPU time, user + system):
#   samv-log ID          against  git log --oneline -- PATH   (the target)
#   samv-log ID          against  git log -- PATH
#   samv-log agreement   against  git log --oneline -- agreement
#   samv-log ID after one write (the index brought up by one commit)
#   samv-log ID, SAMV_NO_CACHE=1 (the walk without the index)
#
# and, with hyperfine, the same first pair in wall time.  It prints the
# ratios (git / samv: above 1, samv is faster).  With valgrind installed
# it also counts the instructions of the first pair (callgrind).
#
# Environment: BENCH_SIZES (default "10000 50000"), BENCH_RUNS (default 20),
# BENCH_DIR, BENCH_KEEP=1 as for bench/run.sh.  hyperfine is optional
# (apt-get install hyperfine); git and jq are needed (bench/lib.sh).

set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-log" ]; then
	echo "usage: sh bench/log.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000}
runs=${BENCH_RUNS:-20}
. "$top/bench/lib.sh"
bench_setup

export PATH="$bin:$PATH"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME="Bench Mark" GIT_AUTHOR_EMAIL="bench@example.org"
export GIT_COMMITTER_NAME="Bench Mark" GIT_COMMITTER_EMAIL="bench@example.org"
unset SAMV_DIR
mkdir -p "$HOME"

gen=$build/bench/gen-actors
pair=$build/bench/pair
mkdir -p "$build/bench"
# shellcheck disable=SC2046
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -I"$top/libcommon" \
	$(pkg-config --cflags libgit2 libcjson) -o "$gen" "$top/bench/gen-actors.c" \
	"$build/libcommon.a" $(pkg-config --libs libgit2 libcjson sqlite3 libcrypto) -lm
${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -o "$pair" "$top/bench/pair.c" -lm

# cpu_pair NAME SAMV-COMMAND GIT-COMMAND: paired CPU times, a table row.
cpu_pair() {
	# shellcheck disable=SC2086
	r=$($pair "$runs" 3 $2 --vs $3)
	echo "$r" | awk -v size="$size" -v name="$1" '{
		printf "| %d | %s | %.1f ± %.1f | %.1f ± %.1f | %.2f |\n", size, name, $1, $2, $3, $4, $3 / $1 }' \
		>>"$work/cpu"
	say "$size $1 (CPU ms, samv git): $r"
}

# count_pair NAME SAMV-COMMAND GIT-COMMAND: instructions, a table row.
count_pair() {
	command -v valgrind >/dev/null 2>&1 || return 0
	si=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $2 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
	gi=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null $3 2>&1 >/dev/null | sed -n 's/.*Collected : //p')
	awk -v size="$size" -v name="$1" -v si="$si" -v gi="$gi" 'BEGIN {
		printf "| %d | %s | %.0f M | %.0f M | %.2f |\n", size, name, si / 1e6, gi / 1e6, gi / si
	}' >>"$work/count"
	say "$size $1: samv $si instructions, git $gi"
}

# time_pair NAME SAMV-COMMAND GIT-COMMAND: appends a table row.
time_pair() {
	if [ "$have_hyperfine" = 1 ]; then
		hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/t.json" -i \
			"$2" "$3" >/dev/null 2>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
		jq -r '.results | map("\(.mean * 1000) \(.stddev * 1000)") | join(" ")' "$work/t.json" >"$work/t.txt"
	else
		{ loop_mean "$runs" "$2"; echo " 0 "; loop_mean "$runs" "$3"; echo " 0"; } | tr -d '\n' >"$work/t.txt"
	fi
	read -r sm ss hm hs <"$work/t.txt"
	awk -v size="$size" -v name="$1" -v sm="$sm" -v ss="$ss" -v hm="$hm" -v hs="$hs" 'BEGIN {
		printf "| %d | %s | %.1f ± %.1f | %.1f ± %.1f | %.2f |\n", size, name, sm, ss, hm, hs, hm / sm
	}' >>"$work/table"
	say "$size $1: samv $(printf %.1f "$sm") ms, git $(printf %.1f "$hm") ms"
}

# The fast-import stream: one commit a record, in the order of ids-N,
# and every N/10 commits an edit of the middle record.
stream() { # repo ids size branch
	LC_ALL=C awk -v repo="$1" -v size="$3" -v branch="$4" -v t0=1700000000 '
	function commit(msg, path, content) {
		n++
		print "commit refs/heads/" branch
		print "author Bench Mark <bench@example.org> " (t0 + n * 60) " +0100"
		print "committer Bench Mark <bench@example.org> " (t0 + n * 60) " +0100"
		print "data " length(msg)
		printf "%s\n", msg
		if (n == 1) print "from " branch "^0"
		print "M 100644 inline " path
		print "data " length(content)
		printf "%s\n", content
	}
	function slurp(file,   line, s) {
		s = ""
		while ((getline line < file) > 0) s = s line "\n"
		close(file)
		return s
	}
	{ id[NR] = $1; path[NR] = $2 }
	END {
		mid = int(size / 2); every = int(size / 10); edits = 0
		for (i = 1; i <= NR; i++) {
			commit("actor: add " id[i] "\n\nSamv-Command: samv-actor add\nSamv-Record: " path[i] "\n",
			       path[i], slurp(repo "/" path[i]))
			if (i > mid && (i - mid) % every == 0) {
				edits++
				c = slurp(repo "/" path[mid])
				sub(/"area": "[^"]*"/, "\"area\": \"Edit " edits "\"", c)
				commit("actor: edit " id[mid] "\n\nChanged: note\n\nSamv-Command: samv-actor edit\nSamv-Record: " path[mid] "\n",
				       path[mid], c)
			}
		}
	}' "$2"
}

start=$(date +%s)
: >"$work/table"
: >"$work/build"
: >"$work/count"
: >"$work/cpu"
: >"$work/first"
for size in $sizes; do
	repo=$work/repo-$size
	rm -rf "$repo"
	say "building $size records in $size commits in $repo"
	t0=$(date +%s%N)
	samv-init --name "Bench $size" --region "Östergötland" "$repo" >/dev/null
	"$gen" "$repo" "$size" >"$work/ids-$size"
	(
		cd "$repo"
		branch=$(git symbolic-ref --short HEAD)
		stream "$repo" "$work/ids-$size" "$size" "$branch" | git fast-import --quiet
		git reset -q --hard
		git gc -q
		git config commitGraph.generationVersion 1
		git commit-graph write --reachable --changed-paths
	)
	t1=$(date +%s%N)
	commits=$(git -C "$repo" rev-list --count HEAD)
	echo "| $size | $commits | $(((t1 - t0) / 1000000)) ms | $(du -sk "$repo/.git" | cut -f1) KiB |" >>"$work/build"
	cd "$repo"
	mid=$((size / 2))
	id=$(sed -n "${mid}p" "$work/ids-$size" | cut -d' ' -f1)
	path=$(sed -n "${mid}p" "$work/ids-$size" | cut -d' ' -f2)
	# the two must agree on which commits changed the record
	SAMV_NO_CACHE=1 samv-log --json "$id" | jq -r '.commits[].commit' >"$work/samv-commits"
	git log --format=%H -- "$path" >"$work/git-commits"
	if ! cmp -s "$work/samv-commits" "$work/git-commits"; then
		say "samv-log and git log disagree on the history of $path"
		exit 1
	fi
	say "$id: $(wc -l <"$work/git-commits") commits in its history"

	rm -rf .git/samv
	t0=$(date +%s%N)
	samv-log "$id" >/dev/null
	t1=$(date +%s%N)
	echo "| $size | first samv-log ID (builds the history index) | $(((t1 - t0) / 1000000)) ms |" >>"$work/first"
	samv-log --json "$id" | jq -r '.commits[].commit' >"$work/samv-commits"
	cmp -s "$work/samv-commits" "$work/git-commits" || { say "with the index, samv-log disagrees"; exit 1; }

	count_pair "log of one record" "samv-log $id" "git log --oneline -- $path"
	cpu_pair "\`samv-log ID\` / \`git log --oneline -- PATH\`" "samv-log $id" "git log --oneline -- $path"
	cpu_pair "\`samv-log ID\` / \`git log -- PATH\`" "samv-log $id" "git log -- $path"
	cpu_pair "\`samv-log agreement\` / \`git log --oneline -- agreement\`" "samv-log agreement" \
		"git log --oneline -- agreement"
	cpu_pair "without the index (SAMV_NO_CACHE=1) / \`git log --oneline -- PATH\`" \
		"env SAMV_NO_CACHE=1 samv-log $id" "git log --oneline -- $path"
	time_pair "log of one record" "samv-log $id" "git log --oneline -- $path"
	# one write (a commit on top, outside the timing), then the first log
	# after it: the index brought up by one commit
	if [ "$have_hyperfine" = 1 ]; then
		hyperfine --style none --runs "$runs" --export-json "$work/t.json" \
			--prepare "samv-actor edit $id --note n\$(date +%N) >/dev/null" "samv-log $id" \
			"git log --oneline -- $path" >/dev/null 2>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
		jq -r '.results | map("\(.mean * 1000) \(.stddev * 1000)") | join(" ")' "$work/t.json" >"$work/t.txt"
		read -r sm ss hm hs <"$work/t.txt"
		awk -v size="$size" -v sm="$sm" -v ss="$ss" -v hm="$hm" -v hs="$hs" 'BEGIN {
			printf "| %d | after one write: samv-log ID / git log --oneline -- PATH | %.1f ± %.1f | %.1f ± %.1f | %.2f |\n",
				size, sm, ss, hm, hs, hm / sm }' >>"$work/table"
	fi
	cd "$work"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
echo "samv $(samv-log --version | sed 's/^[^0-9]*//;q') samv-log benchmark, $(date +%Y-%m-%d)"
echo "machine: $(nproc) CPUs, $cpu, $mem memory, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "whole run: $(($(date +%s) - start)) s"
echo "libgit2 $(pkg-config --modversion libgit2), $(git --version)," \
	"$([ "$have_hyperfine" = 1 ] && hyperfine --version || echo 'no hyperfine (shell loop)')"
echo
echo "| records | commits | build | .git |"
echo "|---:|---:|---:|---:|"
cat "$work/build"
echo
echo "First samv-log ID after the cache was removed (wall time):"
echo
echo "| records | operation | wall |"
echo "|---:|---|---:|"
cat "$work/first"
echo
echo "CPU ms (user + system), mean ± standard deviation of $runs paired runs (bench/pair.c):"
echo
echo "| records | operation | samv | git | git / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/cpu"
echo
echo "Wall time in ms, mean ± standard deviation ($runs runs, hyperfine, not interleaved):"
echo
echo "| records | operation | samv-log | git | git / samv |"
echo "|---:|---|---:|---:|---:|"
cat "$work/table"
if [ -s "$work/count" ]; then
	echo
	echo "Instructions (valgrind --tool=callgrind), millions:"
	echo
	echo "| records | operation | samv-log | git | git / samv |"
	echo "|---:|---|---:|---:|---:|"
	cat "$work/count"
fi
