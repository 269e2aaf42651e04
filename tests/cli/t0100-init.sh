# samv-init: new repositories, adopted git repositories, refusals.

test_case 'init creates a repository on main with one commit' '
	samv_run samv-init --name "Samverkan Östergötland" --region Östergötland repo
	expect_status 0
	expect_out <<-\EOT
	Initialised samv repository in repo
	EOT
	cd repo
	test "$(git symbolic-ref HEAD)" = refs/heads/main
	test "$(git rev-list --count HEAD)" = 1
	git log -1 --format=%B >../msg
	cat >../want <<-\EOT
	samv: init Samverkan Östergötland

	Samv-Command: samv-init
	Samv-Record: samv.json
	Samv-Record: README.md
	Samv-Record: .gitattributes
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-\EOT
	{
	  "format": 1,
	  "name": "Samverkan Östergötland",
	  "region": "Östergötland",
	  "language": "sv",
	  "people": "ref"
	}
	EOT
	cmp ../want samv.json
	# people are kept apart from the branch (samv(7), PERSONAL DATA)
	test "$(git log --format=%s refs/samv/people)" = "people: start"
	test "$(git config commitGraph.generationVersion)" = 1
	test -z "$(git status --porcelain)"
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'init names the collaboration after the directory by default' '
	samv_run samv-init --language en Hälsa
	expect_status 0
	grep -q "\"name\": \"Hälsa\"" Hälsa/samv.json
	grep -q "\"language\": \"en\"" Hälsa/samv.json
'

test_case 'init refuses an existing samv repository and changes nothing' '
	samv-init repo >/dev/null
	cd repo
	snapshot
	samv_run samv-init .
	expect_status 1
	expect_err <<-EOT
	samv-init: '"'"'$TRASH/repo/'"'"' is already a samv repository
	EOT
	unchanged
'

test_case 'init adopts a plain git repository in one commit' '
	git init -q -b main plain
	cd plain
	echo "# Our notes" >README.md
	git add README.md
	git commit -q -m "first"
	samv_run samv-init --name Plain
	expect_status 0
	expect_out <<-\EOT
	Added the samv layout in .
	EOT
	test "$(git rev-list --count HEAD)" = 2
	test "$(cat README.md)" = "# Our notes"
	git show --name-only --format= HEAD >../files
	printf "%s\n" .gitattributes samv.json >../want
	cmp ../want ../files
	test -z "$(git status --porcelain)"
'

test_case 'init rejects a bad language and leaves nothing behind' '
	samv_run samv-init --language de repo
	expect_status 1
	expect_err <<-\EOT
	samv-init: --language: '"'"'de'"'"' is not one of sv, en
	EOT
	test ! -e repo
'

test_case 'init --timezone: the zone of meetings, in samv.json; an unknown zone is refused' '
	samv_run samv-init --timezone Europe/Helsinki repo
	expect_status 0
	test "$(jq -r .timezone repo/samv.json)" = Europe/Helsinki
	(cd repo && samv-check)
	samv_run samv-init --timezone Europe/Paris other
	expect_status 1
	expect_err <<-\EOT
	samv-init: --timezone: '"'"'Europe/Paris'"'"' is not one of Europe/Stockholm, Europe/Oslo, Europe/Copenhagen, Europe/Berlin, Europe/Helsinki, Europe/London, Atlantic/Reykjavik, UTC
	EOT
	test ! -e other
	# without it, none is written: Europe/Stockholm is meant
	samv-init third >/dev/null
	test "$(jq -r .timezone third/samv.json)" = null
'

test_case 'init without an identity fails and leaves no repository' '
	unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	samv_run samv-init repo
	expect_status 1
	expect_err <<-\EOT
	samv-init: who are you? set user.name and user.email (git config) or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL
	EOT
	test ! -e repo
'
