#!/bin/sh
# torture.sh - kill -9 writes at random moments, then run the next command,
# and count what is left wrong (make torture; docs/INTEGRITY.md).
#
#   SAMV_BIN=build/bin sh tests/torture.sh [KILLS]
#
# Each round starts a write (an edit, an add or a removal of a record),
# kills it with SIGKILL after a random delay of 0 to TORTURE_MAX_MS
# milliseconds (default 80, about a write's length here), then runs the
# next command: samv check, or every other round a write of another record.
# After it the round counts as
#   stuck         the next command failed (or took over 60 s)
#   half-applied  git status not clean, a lock, journal or temporary file
#                 left, or the commit in history without its change in HEAD
#                 or the other way round
#   corrupt       samv check or git fsck not clean
# and otherwise as whole (the change made), nothing (no trace of it) and,
# among those, how many the next command had to repair.  Exits 1 unless
# stuck, half-applied and corrupt are all 0.
set -u
kills=${1:-500}
max_ms=${TORTURE_MAX_MS:-80}
: "${SAMV_BIN:?SAMV_BIN must name the directory of the built commands}"
bin=$(cd "$SAMV_BIN" && pwd)
export PATH="$bin:$PATH" LC_ALL=C.UTF-8 TZ=UTC GIT_CONFIG_NOSYSTEM=1 SAMV_LOCK_TIMEOUT=10
export GIT_AUTHOR_NAME=Torture GIT_AUTHOR_EMAIL=t@example.org
export GIT_COMMITTER_NAME=Torture GIT_COMMITTER_EMAIL=t@example.org
unset SAMV_DIR GIT_DIR GIT_WORK_TREE
root=$(mktemp -d "${TMPDIR:-/tmp}/samv-torture.XXXXXX")
trap 'rm -rf "$root"' EXIT INT TERM
cd "$root" || exit 1

random() { # 0..$1-1
	echo $(($(od -An -N2 -tu2 /dev/urandom) % $1))
}

samv-init --name Torture --region Östergötland repo >/dev/null || exit 1
cd repo || exit 1
samv-actor add --id region --name Region --sector public --kind region --level regional >/dev/null &&
samv-actor add --id club --name Club --sector civil --kind association --level local >/dev/null || exit 1

whole=0 nothing=0 repaired=0 stuck=0 half=0 corrupt=0
people=""
i=0
start=$(date +%s)
while [ $i -lt "$kills" ]; do
	i=$((i + 1))
	# the write to kill, and how to tell whether it is in $ref (HEAD, or the people ref)
	# people are written on their own ref (samv-init's default)
	ref=refs/samv/people
	case $(random 3) in
	0) subject="actor: edit club" ref=HEAD
	   set -- samv-actor edit club --note "t$i"
	   done_cmd="grep -q '\"note\": \"t$i\"' actors/*/club.json" ;;
	1) subject="person: add p$i"
	   set -- samv-person add --id "p$i" --name "P $i" --actor club --role official
	   done_cmd="git ls-tree -r --name-only $ref | grep -q '/p$i\.json\$'" ;;
	*) victim=$(echo $people | cut -d" " -f1)
	   if [ -z "$victim" ]; then
		   victim=x$i people=x$i
		   samv-person add --id "$victim" --name X --actor club --role official >/dev/null || exit 1
	   fi
	   subject="person: remove $victim"
	   set -- samv-person rm "$victim"
	   done_cmd="! git ls-tree -r --name-only $ref | grep -q '/$victim\.json\$'" ;;
	esac
	old=$(git rev-parse $ref)
	"$@" >/dev/null 2>"$root/write.err" &
	pid=$!
	ms=$(random "$max_ms")
	sleep "$(printf '0.%03d' "$ms")"
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	# the next command
	if [ $((i % 2)) = 1 ]; then
		next="samv-check"
		timeout 60 samv-check >"$root/next.out" 2>"$root/next.err"
	else
		next="samv-actor edit region"
		timeout 60 samv-actor edit region --note "n$i" >"$root/next.out" 2>"$root/next.err"
	fi
	rc=$?
	bad=""
	if [ $rc != 0 ]; then
		stuck=$((stuck + 1)) bad="stuck ($next: exit $rc: $(head -1 "$root/next.err"))"
	fi
	grep -q "interrupted write" "$root/next.err" && repaired=$((repaired + 1))
	made=$(git log --format=%s "$old..$ref" | grep -cxF "$subject")
	if eval "$done_cmd"; then in_head=1; else in_head=0; fi
	left=$(ls -d .git/index.lock .git/refs/heads/main.lock .git/refs/samv/people.lock .git/samv-journal \
		.git/samv-index .git/samv-index.lock 2>/dev/null)
	if [ -n "$(git status --porcelain --untracked-files=all)" ] || [ -n "$left" ] || [ "$made" != "$in_head" ]; then
		half=$((half + 1)) bad="$bad half-applied (commit $made, change $in_head, left: $left)"
		git status --porcelain --untracked-files=all | head -3
	fi
	if ! samv-check >/dev/null 2>&1 || [ -n "$(git fsck --no-progress --no-dangling 2>&1)" ]; then
		corrupt=$((corrupt + 1)) bad="$bad corrupt"
	fi
	if [ -n "$bad" ]; then
		echo "round $i: $* killed after ${ms} ms: $bad"
		# go on from a clean state, so that one failure is counted once
		rm -f .git/index.lock .git/refs/heads/main.lock .git/refs/samv/people.lock .git/samv-journal .git/samv-index*
		git reset -q --hard && git clean -qfd
	fi
	if [ "$in_head" = 1 ]; then
		whole=$((whole + 1))
		case $subject in
		"person: add "*) people="$people p$i" ;;
		"person: remove "*) people=$(echo $people | sed "s/^$victim//") ;;
		esac
	else
		nothing=$((nothing + 1))
	fi
done
secs=$(($(date +%s) - start))
echo "torture: $kills writes killed with SIGKILL after 0-${max_ms} ms, each followed by the next command, in ${secs} s"
echo "torture: $whole whole, $nothing nothing of it; $repaired repaired by the next command"
echo "torture: $corrupt corrupt, $stuck stuck, $half half-applied"
[ $((corrupt + stuck + half)) = 0 ]
