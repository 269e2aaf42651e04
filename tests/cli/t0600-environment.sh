# Finding the repository: upward discovery, -C DIR, SAMV_DIR.

test_case 'discovery from a subdirectory, -C and SAMV_DIR' '
	make_repo
	mkdir -p actors/sub
	cd actors/sub
	samv_run samv-actor list --ids
	expect_status 0
	expect_out <<-\EOT
	region
	rf-sisu
	EOT
	cd "$TRASH"
	samv_run samv-actor -C repo list --ids
	expect_status 0
	test "$(out | wc -l)" = 2
	samv_run samv-actor list -C repo/actors --ids
	test "$(out | wc -l)" = 2
	SAMV_DIR=$TRASH/repo samv_run samv-actor list --ids
	test "$(out | wc -l)" = 2
	SAMV_DIR=$TRASH/nowhere samv_run samv-actor list --ids
	expect_status 2
	expect_err <<-EOT
	samv-actor: SAMV_DIR: '"'"'$TRASH/nowhere'"'"' is not a git repository
	EOT
	samv_run samv-check -C nowhere
	expect_status 1
	expect_err <<-\EOT
	samv-check: cannot use '"'"'nowhere'"'"': No such file or directory
	EOT
'

test_case 'author from GIT_AUTHOR_*, else from the git configuration' '
	make_repo
	GIT_AUTHOR_NAME="Ali Hassan" GIT_AUTHOR_EMAIL=ali@example.org samv-actor edit rf-sisu --level local
	test "$(git log -1 --format="%an <%ae> / %cn")" = "Ali Hassan <ali@example.org> / Eva Lind"
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	git config user.name "Sara Holm"
	git config user.email sara@example.org
	samv-actor edit rf-sisu --level national
	test "$(git log -1 --format="%an <%ae>")" = "Sara Holm <sara@example.org>"
	GIT_AUTHOR_DATE=yesterday samv_run samv-actor edit rf-sisu --level local
	expect_status 2
	expect_err <<-\EOT
	samv-actor: GIT_AUTHOR_DATE: cannot parse date '"'"'yesterday'"'"'
	EOT
'

test_case 'a bad SAMV_TODAY or SAMV_LOCK_TIMEOUT is an error naming it (exit 2), for every command' '
	make_repo
	snapshot
	SAMV_TODAY=2026-02-30 fails 2 "samv-actor: SAMV_TODAY: '"'"'2026-02-30'"'"' is not a real day (YYYY-MM-DD)" \
		samv-actor add --name Ny --sector civil --kind other --level local
	SAMV_TODAY=today fails 2 "samv-report: SAMV_TODAY: '"'"'today'"'"' is not a real day (YYYY-MM-DD)" \
		samv-report
	SAMV_TODAY=2026-02-30 fails 2 "samv-check: SAMV_TODAY: '"'"'2026-02-30'"'"' is not a real day (YYYY-MM-DD)" \
		samv-check
	SAMV_LOCK_TIMEOUT=abc fails 2 "samv-actor: SAMV_LOCK_TIMEOUT: '"'"'abc'"'"' is not a number of seconds from 0 to 86400" \
		samv-actor edit rf-sisu --level local
	SAMV_LOCK_TIMEOUT=-5 fails 2 "samv-actor: SAMV_LOCK_TIMEOUT: '"'"'-5'"'"' is not a number of seconds from 0 to 86400" \
		samv-actor edit rf-sisu --level local
	SAMV_LOCK_TIMEOUT=inf fails 2 "samv-actor: SAMV_LOCK_TIMEOUT: '"'"'inf'"'"' is not a number of seconds from 0 to 86400" \
		samv-actor list
	SAMV_TODAY=2026-02-30 fails 2 "samv-init: SAMV_TODAY: '"'"'2026-02-30'"'"' is not a real day (YYYY-MM-DD)" \
		samv-init "$TRASH/other"
	test ! -e "$TRASH/other"
	# a good value is used, an empty one is unset
	SAMV_TODAY=2024-02-29 samv_run samv-decision add --id a1 --kind anchor --level political --title T \
		--text X --date 2026-06-01 --body B --status adopted
	expect_status 1
	expect_err <<-\EOT
	samv-decision: date: 2026-06-01 is in the future (today is 2024-02-29)
	EOT
	SAMV_TODAY= SAMV_LOCK_TIMEOUT= samv_run samv-actor edit rf-sisu --level local
	expect_status 0
	SAMV_LOCK_TIMEOUT=0.5 samv_run samv-actor edit rf-sisu --level national
	expect_status 0
'

test_case 'a bad TMPDIR is named when a signature is checked' '
	make_repo
	ssh-keygen -q -t ed25519 -N "" -C eva -f ../eva
	git config gpg.format ssh
	git config user.signingkey "$TRASH/eva.pub"
	sed -i "s/\"regional\"/\"national\"/" actors/4e/rf-sisu.json
	git commit -q -S -a -m "signed by eva"
	TMPDIR=relative/dir samv_run samv-log rf -n 1
	expect_status 2
	grep -qx "samv-log: TMPDIR: '"'"'relative/dir'"'"' is not an absolute path to a directory" "$TRASH/.err"
	TMPDIR=$TRASH/none samv_run samv-log rf -n 1
	expect_status 2
	TMPDIR=$TRASH samv_run samv-log rf -n 1
	expect_status 0
'

test_case 'a repository owned by another user: git'"'"'s refusal, not "not a repository"' '
	make_repo
	cd "$TRASH"
	chown -R nobody repo
	samv_run samv-actor -C repo list
	expect_status 1
	expect_err <<-EOT
	samv-actor: git refuses the repository at '"'"'$TRASH/repo/'"'"': it is owned by another user (uid $(id -u nobody)); to trust it, see safe.directory in git-config(1)
	EOT
	cd repo
	samv_run samv-check
	expect_status 1
	grep -q "it is owned by another user" "$TRASH/.err"
	SAMV_DIR=$TRASH/repo samv_run samv-report
	expect_status 1
	grep -q "it is owned by another user" "$TRASH/.err"
	# trusted as git says, it opens
	git config --global --add safe.directory "$TRASH/repo"
	samv_run samv-actor list --ids
	expect_status 0
	expect_out <<-\EOT
	region
	rf-sisu
	EOT
'
