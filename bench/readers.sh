#!/bin/sh
# readers.sh - the readers' bounds (samv(7), Limits; docs/PERFORMANCE.md):
# time and largest resident set of samv-check, samv-log --verify and
# samv-actor list on one directory of N entries, and on one 100 MB file.
#
#   sh bench/readers.sh /abs/path/to/build/bin
#
# The directory is actors/00/ holding N canonical actor records (all
# misplaced: their shards are elsewhere, which samv-check reports), made by
# one commit of git fast-import with samv's trailers.  Each command runs
# once, under /usr/bin/time (apt-get install time), with BENCH_TIMEOUT
# seconds (default 300) before it is counted as not finishing.
#
# Environment: BENCH_SIZES (default "10000 100000"), BENCH_TIMEOUT,
# BENCH_DIR, BENCH_KEEP=1 as for bench/run.sh.

set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-check" ]; then
	echo "usage: sh bench/readers.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
top=$(cd "$(dirname "$0")/.." && pwd)
sizes=${BENCH_SIZES:-10000 100000}
limit=${BENCH_TIMEOUT:-300}
. "$top/bench/lib.sh"
bench_setup
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is needed (apt-get install time)" >&2; exit 1; }

export PATH="$bin:$PATH"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC SAMV_TODAY=2026-11-23
export GIT_AUTHOR_NAME="Bench Mark" GIT_AUTHOR_EMAIL="bench@example.org"
export GIT_COMMITTER_NAME="Bench Mark" GIT_COMMITTER_EMAIL="bench@example.org"
unset SAMV_DIR
mkdir -p "$HOME"

# One commit adding N records to actors/00/.
stream() { # size branch
	LC_ALL=C awk -v size="$1" -v branch="$2" 'BEGIN {
		msg = "actor: add many by hand\n\nSamv-Command: samv-actor add\n"
		print "commit refs/heads/" branch
		print "committer Bench Mark <bench@example.org> 1700000000 +0100"
		printf "data %d\n%s", length(msg), msg
		print "from " branch "^0"
		for (i = 0; i < size; i++) {
			id = sprintf("a%07d", i)
			body = sprintf("{\n  \"id\": \"%s\",\n  \"name\": \"Organisation %d\",\n  \"sector\": \"civil\",\n  \"kind\": \"other\",\n  \"level\": \"local\",\n  \"status\": \"active\"\n}\n", id, i)
			print "M 100644 inline actors/00/" id ".json"
			printf "data %d\n%s\n", length(body), body
		}
	}'
}

# measure NAME COMMAND...: "| size | name | seconds | MiB |" (or "> limit").
measure() {
	name=$1
	shift
	rc=0
	/usr/bin/time -f "%e %M" -o "$work/time" timeout "$limit" "$@" >/dev/null 2>&1 || rc=$?
	if [ "$rc" = 124 ]; then
		row="| $size | $name | > $limit | |"
	else
		read -r secs kib <<-EOT
		$(tail -n 1 "$work/time")
		EOT
		row="| $size | $name | $secs | $((kib / 1024)) |"
	fi
	echo "$row" >>"$work/table"
	say "$row"
}

: >"$work/table"
for size in $sizes; do
	repo=$work/repo-$size
	rm -rf "$repo"
	samv-init --name "Bench $size" --region "Östergötland" "$repo" >/dev/null
	(
		cd "$repo"
		stream "$size" "$(git symbolic-ref --short HEAD)" | git fast-import --quiet
		git reset -q --hard
	)
	cd "$repo"
	measure "samv-check (work tree)" samv-check --no-history
	measure "samv-check --rev HEAD" samv-check --rev HEAD --no-history
	measure "samv-log --verify" samv-log --verify
	measure "samv-actor list (all left out)" samv-actor list
	cd "$work"
	[ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$repo"
done

# One file of 100 MB where a record belongs, in the work tree and committed.
size=1
repo=$work/repo-huge
rm -rf "$repo"
samv-init --name "Bench huge" --region "Östergötland" "$repo" >/dev/null
cd "$repo"
mkdir -p actors/00
head -c 100000000 /dev/zero >actors/00/huge.json
git add actors/00/huge.json
git commit -q -m "a 100 MB file by hand"
measure "100 MB file: samv-check (work tree)" samv-check --no-history
measure "100 MB file: samv-check --rev HEAD" samv-check --rev HEAD --no-history
measure "100 MB file: samv-actor list" samv-actor list
cd "$work"

echo "samv $(samv-check --version | sed 's/^[^0-9]*//;q') readers benchmark, $(date +%Y-%m-%d)"
machine_info
echo "libgit2 $(pkg-config --modversion libgit2), $(git --version)"
echo
echo "| entries | command | seconds | largest RSS, MiB |"
echo "|---:|---|---:|---:|"
cat "$work/table"
