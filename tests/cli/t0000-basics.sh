# Every command: --help, --version, usage errors; the samv front.

for c in samv-init samv-actor samv-person samv-arena samv-meeting samv-decision samv-agreement samv-assess samv-check samv-report samv-log samv-sync samv-merge-driver samv-challenge samv-target samv-resource samv-glossary; do
	test_case "$c --help and --version" "
		samv_run $c --help
		expect_status 0
		expect_no_err
		head -1 \"\$TRASH/.out\" | grep -q '^usage: $c '
		samv_run $c --version
		expect_status 0
		expect_out <<-EOT
		$c (samv) 0.1.0
		libgit2 1.5.1, cJSON 1.7.15
		EOT
	"
	test_case "$c: an unknown option is a usage error (exit 2)" "
		samv_run $c --bogus
		expect_status 2
		head -1 \"\$TRASH/.err\" >\"\$TRASH/.first\"
		echo \"$c: unknown option '--bogus'\" | cmp -s - \"\$TRASH/.first\"
	"
done

test_case 'samv help lists the commands' '
	samv_run samv help
	expect_status 0
	expect_out <<-\EOT
	usage: samv [-C DIR] [--no-pager | --paginate] [--version] [--help] COMMAND [ARGS]

	commands:
	  init      create a collaboration repository
	  actor     organisations: add, list, show, edit, retire
	  person    people who act for an organisation
	  arena     arenas where the sectors meet
	  meeting   meetings: plan, invite, hold, minutes, follow-up
	  decision  decisions: anchors and kedge anchors
	  agreement the Agreement: adopt, amend, history, diff, blame
	  assess    readiness assessments: CROSS, levels, steps; trends, gaps
	  check     validate the whole repository
	  report    weekly summaries, registers, a dashboard page
	  export    the records without personal data, to hand out or publish
	  log       the audit trail: history with field changes, --verify
	  sync      fetch, merge records field by field, push
	  challenge challenges the collaboration is about (samhällsutmaningar)
	  target    target groups (målgrupper) of challenges and arenas
	  resource  money, time and premises each party puts in
	  glossary  terms the parties agreed on (a common language)
	  body      bodies of organisations: boards, committees (nämnder)
	  plan      plans decisions refer to (verksamhetsplaner)

	'"'"'samv help COMMAND'"'"' opens a command'"'"'s manual, '"'"'samv COMMAND --help'"'"' its short help;
	see samv(7) for the concepts.
	EOT
'

test_case 'samv runs samv-COMMAND with its arguments' '
	make_repo
	samv_run samv-actor list
	cp "$TRASH/.out" "$TRASH/direct"
	samv_run samv actor list
	expect_status 0
	cmp "$TRASH/direct" "$TRASH/.out"
'

test_case 'samv: an unknown command is a usage error' '
	samv_run samv frobnicate
	expect_status 2
	expect_err <<-\EOT
	samv: '"'"'frobnicate'"'"' is not a samv command (see samv help)
	EOT
	samv_run samv ../bin/sh
	expect_status 2
'

test_case 'samv-actor: an unknown subcommand and a missing one' '
	samv_run samv-actor frob
	expect_status 2
	expect_err <<-\EOT
	samv-actor: unknown command '"'"'frob'"'"' (see samv-actor --help)
	EOT
	samv_run samv-actor
	expect_status 2
	expect_err <<-\EOT
	samv-actor: no command given (see samv-actor --help)
	EOT
'

test_case 'no repository found (exit 1)' '
	mkdir empty
	cd empty
	samv_run samv-actor list
	expect_status 1
	expect_err <<-\EOT
	samv-actor: not in a samv repository (or any parent of '"'"'.'"'"'); see samv-init(1)
	EOT
	git init -q plain
	samv_run samv-check -C plain
	expect_status 1
	grep -q "is a git repository but not a samv one" "$TRASH/.err"
'
