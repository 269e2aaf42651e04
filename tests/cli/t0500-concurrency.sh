# Several writers: serialised by a lock, never losing a commit; stale git
# locks are reported, not overwritten.

test_case 'a writer waiting for the lock gives up with "busy" (exit 3)' '
	make_repo
	snapshot
	flock .git/samv.lock sleep 3 &
	sleep 0.3
	SAMV_LOCK_TIMEOUT=0.2 samv_run samv-actor edit rf-sisu --level national
	expect_status 3
	expect_err <<-\EOT
	samv-actor: busy: another samv command is writing to this repository (waited 0.2s; see SAMV_LOCK_TIMEOUT)
	EOT
	unchanged
	wait
'

test_case 'two writers at once both succeed, one after the other' '
	make_repo
	before=$(git rev-list --count HEAD)
	samv-actor edit rf-sisu --level national &
	samv-actor edit region --short RÖ &
	samv-person add --id p1 --name P --actor region --role official >/dev/null &
	wait
	test "$(git rev-list --count HEAD)" = $((before + 3))
	test -z "$(git status --porcelain)"
	grep -q national actors/*/rf-sisu.json
	grep -q RÖ actors/*/region.json
	samv_run samv-check
	expect_status 0
'

test_case 'a killed writer leaves no lock behind (flock is released)' '
	make_repo
	# the writer itself holds the lock: exec keeps the pid and the descriptor
	sh -c "exec 9>>.git/samv.lock && flock 9 && exec sleep 30" &
	pid=$!
	sleep 0.2
	kill $pid
	wait $pid 2>/dev/null || :
	samv_run samv-actor edit rf-sisu --level national
	expect_status 0
'

for lock in .git/index.lock .git/refs/heads/main.lock; do
	test_case "a stale $lock is reported (exit 3), nothing changes" "
		make_repo
		: >$lock
		snapshot
		samv_run samv-actor edit rf-sisu --level national
		expect_status 3
		echo \"samv-actor: busy: '$lock' exists: a git process is running, or one was killed (remove the file if no git process is running)\" | expect_err
		unchanged
		rm $lock
		samv_run samv-actor edit rf-sisu --level national
		expect_status 0
	"
done

test_case 'a commit by hand between samv writes is kept' '
	make_repo
	echo "# notes" >>README.md
	git commit -qam "notes by hand"
	samv_run samv-actor edit rf-sisu --level national
	expect_status 0
	test "$(git log --format=%s -2 | tail -1)" = "notes by hand"
'
