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
