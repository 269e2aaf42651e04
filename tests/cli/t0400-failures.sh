# Bad input: one line naming the problem, a documented exit status, and the
# repository exactly as it was.

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "refused: $name" "
		make_repo
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
unknown reference|1|samv-actor: --parent: no actor 'nope' (see samv-actor list)|samv-actor add --name X --sector civil --kind other --level local --parent nope
unknown member|1|samv-arena: --member: no actor 'ghost' (see samv-actor list)|samv-arena add --name A --kind council --member ghost
invalid enum value|1|samv-actor: sector: 'publik' is not one of public, civil, private|samv-actor add --name X --sector publik --kind other --level local
invalid date|1|samv-actor: --date: '2026-02-30' is not a date (YYYY-MM-DD)|samv-actor retire rf-sisu --date 2026-02-30
invalid date in a field|1|samv-arena: started: '2026-13-01' is not a date (YYYY-MM-DD)|samv-arena add --name A --kind council --started 2026-13-01
id with a slash|1|samv-actor: invalid id 'a/b': no '/' or '..' in ids|samv-actor add --id a/b --name X --sector civil --kind other --level local
id with dot-dot|1|samv-actor: invalid actor '../x': no '/' or '..' in ids|samv-actor show ../x
id with upper case|1|samv-actor: invalid id 'Region': use only a-z, 0-9 and '-'|samv-actor add --id Region --name X --sector civil --kind other --level local
unknown record|1|samv-actor: no actor 'nobody' (see samv-actor list)|samv-actor edit nobody --level local
ambiguous prefix|1|samv-actor: actor id 'r' is ambiguous: region, rf-sisu|samv-actor show r
missing required field|1|samv-actor: kind: required|samv-actor add --name X --sector civil --level local
edit with nothing to change|2|samv-actor: edit: nothing to change given (see samv-actor edit --help)|samv-actor edit rf-sisu
a value-less option|2|samv-actor: option '--name' needs a value (VALUE)|samv-actor add --name
unexpected operand|2|samv-actor: add: unexpected argument 'X' (values go in options, e.g. --name)|samv-actor add X
removing a non-member|1|samv-arena: no arena 'nope' (see samv-arena list)|samv-arena edit nope --remove-member region
TABLE

test_case 'refused: malformed JSON on standard input' '
	make_repo
	snapshot
	printf "{\"name\": \"X\",\n \"sector\": }" | samv_run samv-actor add --stdin
	expect_status 1
	expect_err <<-\EOT
	samv-actor: standard input:2:12: JSON syntax error
	EOT
	printf "[1, 2]" | samv_run samv-actor add --stdin
	expect_err <<-\EOT
	samv-actor: standard input: expected a JSON object
	EOT
	printf "{\"name\": \"X\", \"name\": \"Y\"}" | samv_run samv-actor add --stdin
	expect_err <<-\EOT
	samv-actor: standard input:1:15: duplicate key '"'"'name'"'"'
	EOT
	unchanged
'

test_case 'refused: malformed JSON in the repository' '
	make_repo
	rf=$(git ls-files actors | grep /rf-sisu.json)
	printf "{ broken" >"$rf"
	git commit -qam "broken by hand"
	snapshot
	samv_run samv-actor edit rf-sisu --level local
	expect_status 1
	expect_err <<-EOT
	samv-actor: $rf:1:4: JSON syntax error
	EOT
	unchanged
	samv_run samv-actor list --ids
	expect_out <<-\EOT
	region
	EOT
	expect_err <<-EOT
	samv-actor: warning: left out: $rf:1:4: JSON syntax error
	samv-actor: 1 file left out: not valid records (see samv-check)
	EOT
	expect_status 1
'

test_case "refused: a record valid JSON but not a valid record, edited by hand, is named instead of trusted" '
	make_repo
	samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting >/dev/null &&
	samv-meeting plan --id m1 --arena stor --title Möte --date 2026-03-10 >/dev/null &&
	m1=$(git ls-files meetings | grep /m1.json) &&
	jq "del(.date)" "$m1" >../m1 && cp ../m1 "$m1" && git commit -qam "broken by hand" &&
	snapshot
	for c in "samv-meeting invite m1 --format ics" "samv-meeting show m1" "samv-meeting cancel m1" \
		"samv-meeting hold m1 --attended region"; do
		samv_run $c
		expect_status 1 &&
		expect_err <<-EOT || return 1
		samv-meeting: $m1:1:1: date: required (samv-check lists every problem)
		EOT
	done
	unchanged
'

test_case 'refused: invalid UTF-8 in an option and on standard input' '
	make_repo
	snapshot
	samv_run samv-actor add --name "$(printf "Bad\377")" --sector civil --kind other --level local
	expect_status 1
	expect_err <<-\EOT
	samv-actor: --name: invalid UTF-8
	EOT
	printf "{\"name\": \"B\377\"}" | samv_run samv-actor add --stdin
	expect_err <<-\EOT
	samv-actor: standard input:1:12: invalid UTF-8
	EOT
	unchanged
'

test_case 'refused: an enormous field and an enormous input' '
	make_repo
	snapshot
	big=$(head -c 100000 /dev/zero | tr "\0" x)
	samv_run samv-actor add --name "$big" --sector civil --kind other --level local
	expect_status 1
	expect_err <<-\EOT
	samv-actor: name: 100000 bytes, at most 200
	EOT
	samv_run samv-actor edit rf-sisu --note "$big"
	expect_err <<-\EOT
	samv-actor: note: 100000 bytes, at most 16384
	EOT
	{ printf "{\"note\": \""; head -c 1100000 /dev/zero | tr "\0" x; printf "\"}"; } >big.json
	mv big.json ..
	samv_run samv-actor add --stdin <../big.json
	expect_err <<-\EOT
	samv-actor: standard input: input is larger than 1048576 bytes
	EOT
	unchanged
'

test_case 'refused: a record changed by hand names the file; others can be written' '
	make_repo
	rf=$(git ls-files actors | grep /rf-sisu.json)
	sed -i "s/RF-SISU/RF SISU/" "$rf"
	snapshot
	samv_run samv-actor edit rf-sisu --level national
	expect_status 1
	expect_err <<-EOT
	samv-actor: '"'"'$rf'"'"' has local changes; commit or restore them first
	EOT
	unchanged
	samv_run samv-actor edit region --short RÖ
	expect_status 0
	test "$(git status --porcelain)" = " M $rf"
	git checkout -q -- "$rf"
	git add -N . 2>/dev/null || :
	sed -i "s/RF-SISU/RF SISU/" "$rf"
	git add "$rf"
	snapshot
	samv_run samv-actor edit rf-sisu --level national
	expect_err <<-EOT
	samv-actor: '"'"'$rf'"'"' has staged changes; commit or reset them first
	EOT
	unchanged
'

test_case 'refused: a detached HEAD' '
	make_repo
	git checkout -q --detach
	snapshot
	samv_run samv-actor edit rf-sisu --level national
	expect_status 1
	expect_err <<-\EOT
	samv-actor: HEAD is detached; check out a branch before writing
	EOT
	unchanged
'

test_case 'refused: an unknown reference in a record on standard input' '
	make_repo
	snapshot
	echo "{\"name\": \"P\", \"actor\": \"nowhere\", \"role\": \"official\"}" | samv_run samv-person add --stdin
	expect_status 1
	expect_err <<-\EOT
	samv-person: actor: unknown actor '"'"'nowhere'"'"' (see samv-actor list)
	EOT
	unchanged
'

test_case 'refused: required text of white space only, from options, --stdin and by hand' '
	make_repo
	samv-arena add --id stor --name Storgrupp --kind large-group-meeting --member region >/dev/null
	fails 1 "samv-actor: name: only white space, no text" \
		samv-actor add --id blank --name "   " --sector civil --kind other --level local
	fails 1 "samv-actor: name: only white space, no text" \
		samv-actor add --id blank --name "$(printf "\302\240\t\343\200\200")" --sector civil --kind other --level local
	fails 1 "samv-actor: note: only white space, no text" samv-actor edit region --note " "
	fails 1 "samv-meeting: title: only white space, no text" \
		samv-meeting plan --id m1 --arena stor --title "   " --date 2026-12-01
	fails 1 "samv-meeting: agenda: only white space, no text" \
		samv-meeting plan --id m1 --arena stor --title Möte --date 2026-12-01 --agenda " "
	fails 1 "samv-decision: title: only white space, no text" \
		samv-decision add --id d1 --kind anchor --level political --title " " --text " " --date 2026-06-01 --body B
	fails 1 "samv-decision: text: only white space, no text" \
		samv-decision add --id d1 --kind anchor --level political --title T --text " " --date 2026-06-01 --body B
	printf "{\"id\": \"blank\", \"name\": \" \", \"sector\": \"civil\", \"kind\": \"other\", \"level\": \"local\"}" |
		fails 1 "samv-actor: name: only white space, no text" samv-actor add --stdin
	# text with something in it, spaces around, is kept as given
	samv_run samv-actor add --id spaced --name "  Ny  " --sector civil --kind other --level local
	expect_status 0
	test "$(jq -r .name "$(git ls-files actors | grep /spaced.json)")" = "  Ny  "
	# by hand: samv-check names it
	rf=$(git ls-files actors | grep /rf-sisu.json)
	sed -i "s/\"name\": \"[^\"]*\"/\"name\": \"  \"/" "$rf"
	samv_run samv-check --no-history
	expect_status 1
	expect_out <<-EOT
	$rf:3:3: blank: name: only white space, no text
	EOT
'
