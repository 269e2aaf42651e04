#!/bin/sh
# verify-bigdir.sh - samv-log --verify on a history whose commits change
# one file of a 100 000-entry directory (docs/PERFORMANCE.md): the cost a
# commit must not grow with the number of commits judged before it.
#
#   sh bench/verify-bigdir.sh /abs/path/to/build/bin
#
# A samv repository gets one commit of BENCH_ENTRIES (default 100000)
# actor files in the one directory actors/00/, then BENCH_COMMITS (default
# 400) commits that each edit one of them, all with a Samv-Command trailer
# (git fast-import; "git repack -ad" after).  It prints the CPU seconds
# and peak memory of "samv-log --verify --since HEAD~N" for N = a quarter,
# half and all of those commits, against "git log --raw" over the same
# commits, and of one --verify of a commit that deletes a record (which
# reads the index of references over every file of the tree once).
#
# Environment: BENCH_ENTRIES, BENCH_COMMITS, BENCH_DIR, BENCH_KEEP=1 as
# for bench/run.sh.  Needs git and GNU time (/usr/bin/time).

set -eu

if [ $# -ne 1 ] || [ ! -x "$1/samv-log" ]; then
	echo "usage: sh bench/verify-bigdir.sh /abs/path/to/build/bin" >&2
	exit 2
fi
bin=$1
entries=${BENCH_ENTRIES:-100000}
commits=${BENCH_COMMITS:-400}
work=${BENCH_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/samv-bench.XXXXXX")}
[ -x /usr/bin/time ] || { echo "bench: GNU time (/usr/bin/time) is needed" >&2; exit 1; }
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

export PATH="$bin:$PATH"
export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC SAMV_TODAY=2026-11-23
export GIT_AUTHOR_NAME="Bench Mark" GIT_AUTHOR_EMAIL="bench@example.org"
export GIT_COMMITTER_NAME="Bench Mark" GIT_COMMITTER_EMAIL="bench@example.org"
unset SAMV_DIR
mkdir -p "$HOME"

say() { echo "bench: $*" >&2; }

say "building $entries entries and $commits commits in $work/repo"
samv-init --name Bench --region Bench "$work/repo" >/dev/null
cd "$work/repo"
branch=$(git symbolic-ref --short HEAD)
# records as samv writes them, in one directory (misplaced for most ids:
# --verify reports that for the first commit, which is not timed)
awk -v entries="$entries" -v commits="$commits" -v branch="$branch" '
function rec(i, note,   s) {
	s = sprintf("{\n  \"id\": \"a%06d\",\n  \"name\": \"A %d\",\n  \"sector\": \"civil\",\n  \"kind\": \"association\",\n  \"level\": \"local\",\n  \"status\": \"active\"%s\n}\n", i, i, note == "" ? "" : sprintf(",\n  \"note\": \"%s\"", note))
	printf "data %d\n%s\n", length(s), s
}
function head(t, msg) {
	printf "commit refs/heads/%s\nauthor Bench Mark <bench@example.org> %d +0000\ncommitter Bench Mark <bench@example.org> %d +0000\n", branch, t, t
	printf "data %d\n%s\n", length(msg), msg
}
BEGIN {
	t = 1795428000
	head(t, "actor: add many\n\nSamv-Command: samv-actor add\n")
	printf "from refs/heads/%s^0\n", branch
	for (i = 0; i < entries; i++) {
		printf "M 100644 inline actors/00/a%06d.json\n", i
		rec(i, "")
	}
	for (k = 0; k < commits; k++) {
		t += 60
		head(t, "actor: edit\n\nSamv-Command: samv-actor edit\n")
		i = (k * 97) % entries
		printf "M 100644 inline actors/00/a%06d.json\n", i
		rec(i, "n" k)
	}
}' | git fast-import --quiet
git reset -q --hard
git repack -adq

measure() { # label command...
	label=$1
	shift
	/usr/bin/time -q -f "%U %S %M" -o "$work/t" "$@" >/dev/null 2>&1 || :
	read -r u s m <"$work/t"
	awk -v l="$label" -v u="$u" -v s="$s" -v m="$m" 'BEGIN { printf "| %s | %.2f | %d |\n", l, u + s, m / 1024 }'
}

echo "| $entries entries in one directory | CPU s | peak MB |"
echo "|---|---:|---:|"
for n in $((commits / 4)) $((commits / 2)) "$commits"; do
	[ "$n" -lt "$commits" ] || n=$((commits - 1))
	measure "samv-log --verify, last $n commits" samv-log --verify --since "HEAD~$n"
	measure "git log --raw, last $n commits" git log --raw "HEAD~$n..HEAD"
done
samv-actor add --id xyz --name Xyz --sector civil --kind association --level local >/dev/null
git rm -q "$(git ls-files 'actors/*/xyz.json')"
git commit -q -m "actor: remove xyz" -m "Samv-Command: samv-actor remove"
measure "samv-log --verify of one deletion (index of every file)" samv-log --verify --since HEAD~1
