# A write killed at any step (strace kills it at its N-th call of a system
# call, for N = 1, 2, ... until the write completes) leaves, after the next
# samv command, either nothing of the change or all of it: git status
# clean, samv check and git fsck clean, no lock, journal or temporary file.

# crash_next N: the next command after a killed write: samv check, or
# (every other time) a write of another record; either repairs first, and
# says so in one line.
crash_next() {
	if [ $(($1 % 2)) = 1 ]; then
		samv_run samv-check
	else
		samv_run samv-actor edit region --note "next $1"
	fi
	expect_status 0
	! grep -Ev '^samv-(check|actor): (finished an interrupted write: commit [0-9a-f]{12} is now in the work tree and the index \([0-9]+ files?\)|rolled back an interrupted write: nothing of it had been committed)$' "$TRASH/.err" || exit 1
	test "$(wc -l <"$TRASH/.err")" -le 1
	expect_no_out
}

# crash_clean [N]: nothing half-done and nothing left behind (after the
# next command N, or the killed write's completion).
crash_clean() {
	test -z "$(git status --porcelain --untracked-files=all)"
	test -z "$(find . -path ./.git -prune -o -type d -empty -print)"
	for f in index.lock refs/heads/main.lock refs/samv/people.lock samv-journal samv-index samv-index.lock; do
		! test -e .git/$f || exit 1
	done
	if [ $((${1:-0} % 2)) = 0 ]; then
		samv_run samv-check
		expect_status 0
		expect_no_out
		expect_no_err
	fi
	test -z "$(git fsck --no-progress --no-dangling 2>&1)"
}

# What each write changes: KIND_done N says whether write N is whole in
# $ref (0) or absent (1); KIND_before N prepares it.  ref is the branch, or
# the people ref where people are kept (samv(7)).
ref=HEAD
edit_done() { grep -q "\"note\": \"crash $1\"" actors/*/rf-sisu.json; }
add_done() { git ls-tree -r --name-only $ref | grep -q "/c$1\.json\$"; }
rm_before() { samv-person add --id r$1 --name R --actor region --role official >/dev/null; }
rm_done() { ! git ls-tree -r --name-only $ref | grep -q "/r$1\.json\$"; }

# crash_loop SYSCALL KIND SUBJECT CMD: the loop; SUBJECT is the subject of
# the commit CMD makes; in both, @ stands for N.
crash_loop() {
	sc=$1 kind=$2 subject=$3 cmd=$4
	n=0
	while :; do
		n=$((n + 1))
		test $n -le 300
		! command -v ${kind}_before >/dev/null || ${kind}_before $n
		old=$(git rev-parse $ref)
		rc=0
		# LeakSanitizer cannot run under ptrace: no leak check under strace
		eval "ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e inject=$sc:signal=SIGKILL:when=$n \
			$(echo "$cmd" | sed "s/@/$n/g")" >/dev/null 2>"$TRASH/.cmd" || rc=$?
		if [ $rc = 0 ]; then
			crash_clean
			${kind}_done $n
			break
		fi
		if [ $rc != 137 ]; then
			echo "# $sc when=$n: exit status $rc" >&2
			cat "$TRASH/.cmd" >&2
			return 1
		fi
		crash_next $n
		crash_clean $n
		# all or nothing: the commit is in history exactly when the change
		# is in $ref (and so, status being clean, in the index and files)
		made=$(git log --format=%s "$old..$ref" | grep -cx "$(echo "$subject" | sed "s/@/$n/g")" || :)
		if ${kind}_done $n; then
			test "$made" = 1 || { echo "# $sc when=$n: change without its commit" >&2; return 1; }
		else
			test "$made" = 0 || { echo "# $sc when=$n: commit without its change" >&2; return 1; }
		fi
	done
	echo "# $sc: $((n - 1)) kill points" >>"$SAMV_CLI_ROOT/../samv-crash-points"
}

test_case 'strace is installed (.ci/deps installs it)' '
	command -v strace
'

for sc in rename link unlink fsync write openat mkdir flock; do
	test_case "actor edit killed at every $sc: all or nothing, repaired by the next command" "
		make_repo
		crash_loop $sc edit 'actor: edit rf-sisu' \"samv-actor edit rf-sisu --note 'crash @'\"
	"
done

# people on their own ref (the default) and on the branch
for sc in rename link unlink fsync write mkdir; do
	test_case "person add killed at every $sc (people ref): all or nothing, the ref's lock taken back" "
		make_repo && ref=refs/samv/people &&
		crash_loop $sc add 'person: add c@' 'samv-person add --id c@ --name C --actor region --role official'
	"
	test_case "person rm killed at every $sc (people ref): all or nothing" "
		make_repo && ref=refs/samv/people &&
		crash_loop $sc rm 'person: remove r@' 'samv-person rm r@'
	"
	test_case "person add killed at every $sc (people on the branch): all or nothing" "
		make_repo --people-on-branch &&
		crash_loop $sc add 'person: add c@' 'samv-person add --id c@ --name C --actor region --role official'
	"
	test_case "person rm killed at every $sc (people on the branch): all or nothing" "
		make_repo --people-on-branch &&
		crash_loop $sc rm 'person: remove r@' 'samv-person rm r@'
	"
done

test_case 'a write killed after the commit point (its first rename after it), as in the issue: the next edit finishes it, never reverts it' '
	make_repo
	rc=0
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e inject=rename:signal=SIGKILL:when=3 \
		samv-actor edit rf-sisu --note y >/dev/null 2>&1 || rc=$?
	test $rc = 137
	test "$(git log -1 --format=%s)" = "actor: edit rf-sisu"
	samv_run samv-actor edit rf-sisu --level national
	expect_status 0
	sha=$(git rev-parse --short=12 HEAD^)
	echo "samv-actor: finished an interrupted write: commit $sha is now in the work tree and the index (1 file)" |
		expect_err
	grep -q "\"note\": \"y\"" actors/*/rf-sisu.json
	grep -q "\"level\": \"national\"" actors/*/rf-sisu.json
	test -z "$(git status --porcelain)"
'

test_case 'a lock held by git itself is never taken over, even with a dead writer'"'"'s journal' '
	make_repo
	rc=0
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e inject=rename:signal=SIGKILL:when=3 \
		samv-actor edit rf-sisu --note y >/dev/null 2>&1 || rc=$?
	test $rc = 137
	# the dead writer held index.lock; a user removed it and git took it
	rm .git/index.lock
	echo git >.git/index.lock
	snapshot
	SAMV_LOCK_TIMEOUT=0.2 samv_run samv-actor edit region --note z
	expect_status 3
	echo "samv-actor: busy: '"'"'.git/index.lock'"'"' exists: a git process is running, or one was killed (remove the file if no git process is running); an interrupted samv write waits for it to be finished" |
		expect_err
	unchanged
	samv_run samv-check
	expect_status 3
	echo "samv-check: busy: '"'"'.git/index.lock'"'"' exists: a git process is running, or one was killed (remove the file if no git process is running); an interrupted samv write waits for it to be finished" |
		expect_err
	unchanged
	test "$(cat .git/index.lock)" = git
	rm .git/index.lock
	samv_run samv-check
	expect_status 0
	test -z "$(git status --porcelain)"
'

test_case 'the journal of a live writer is left alone by samv check' '
	make_repo
	rc=0
	ASAN_OPTIONS=detect_leaks=0 strace -f -qq -o /dev/null -e inject=rename:signal=SIGKILL:when=1 \
		samv-actor edit rf-sisu --note y >/dev/null 2>&1 || rc=$?
	test $rc = 137
	test -f .git/samv-journal
	sh -c "exec 9>>.git/samv.lock && flock 9 && exec sleep 2" &
	sleep 0.3
	samv_run samv-check --no-history
	test -f .git/samv-journal
	test -f .git/index.lock
	wait
	samv_run samv-check
	expect_status 0
	echo "samv-check: rolled back an interrupted write: nothing of it had been committed" | expect_err
	test -z "$(git status --porcelain --untracked-files=all)"
	! test -e .git/samv-journal || exit 1
'
