# samv-check: silent when valid; every problem, in a stable form.

test_case 'a valid repository: silent, exit 0; --json prints []' '
	make_repo
	samv_run samv-check
	expect_status 0
	expect_no_out
	expect_no_err
	samv_run samv-check --json
	expect_status 0
	expect_out <<-\EOT
	[]
	EOT
'

test_case 'every problem is reported, sorted, file:line:col: code: message' '
	make_repo
	region=$(git ls-files actors | grep /region.json)
	rf=$(git ls-files actors | grep /rf-sisu.json)
	cat >"$region" <<-\EOT
	{
	  "id": "region",
	  "name": "Region Östergötland",
	  "sector": "publik",
	  "kind": "region",
	  "level": "regional",
	  "parent": "nowhere",
	  "status": "active",
	  "colour": "red"
	}
	EOT
	printf "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF\",\n" >"$rf"
	mkdir -p actors/00 people
	printf "{\"id\":\"misplaced\",\"name\":\"M\",\"sector\":\"civil\",\"kind\":\"other\",\"level\":\"local\",\"status\":\"active\"}\n" >actors/00/misplaced.json
	printf "{\n  \"id\": \"other\"\n}\n" >people/other.json
	echo notes >notes.txt
	samv_run samv-check
	expect_status 1
	expect_no_err
	expect_out <<-EOT
	actors/00/misplaced.json:1:1: misplaced: belongs at '"'"'actors/50/misplaced.json'"'"'
	actors/00/misplaced.json:1:1: not-canonical: not in canonical form (key order, indentation or spacing)
	$rf:4:1: syntax: unexpected end of JSON text
	$region:4:3: bad-value: sector: '"'"'publik'"'"' is not one of public, civil, private
	$region:7:3: bad-ref: parent: unknown actor '"'"'nowhere'"'"'
	$region:9:3: unknown-field: '"'"'colour'"'"' is not a field of actor records
	notes.txt:1:1: stray-file: does not belong in a samv repository
	people/other.json:1:1: stray-file: not a record file (expected people/XX/ID.json)
	EOT
	samv_run samv-check --json
	expect_status 1
	test "$(jq length "$TRASH/.out")" = 8
	test "$(jq -r ".[3] | [.file, .line, .column, .code] | @tsv" "$TRASH/.out")" = "$region	4	3	bad-value"
	# the committed tree is still valid: auditors check any commit
	samv_run samv-check --rev HEAD
	expect_status 0
	expect_no_out
'

test_case 'check reports syntax errors with line and column' '
	make_repo
	rf=$(git ls-files actors | grep /rf-sisu.json)
	printf "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF\",\n" >"$rf"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$rf:4:1: syntax: unexpected end of JSON text
	EOT
'

test_case 'check --rev reads an older commit; duplicate keys and bad UTF-8 are named' '
	make_repo
	rf=$(git ls-files actors | grep /rf-sisu.json)
	printf "{\n  \"id\": \"rf-sisu\",\n  \"id\": \"rf-sisu\"\n}\n" >"$rf"
	git commit -qam "by hand"
	printf "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"R\377F\"\n}\n" >"$rf"
	samv_run samv-check
	expect_out <<-EOT
	$rf:3:13: syntax: invalid UTF-8
	EOT
	samv_run samv-check --rev HEAD
	expect_status 1
	expect_out <<-EOT
	$rf:3:3: syntax: duplicate key '"'"'id'"'"'
	EOT
	samv_run samv-check --rev HEAD~1
	expect_status 0
	samv_run samv-check --rev nosuchrev
	expect_status 1
	expect_err <<-\EOT
	samv-check: unknown revision '"'"'nosuchrev'"'"'
	EOT
'

test_case 'stray-file: only for files git would track, not for what git ignores' '
	make_repo
	echo "BEGIN:VCALENDAR" >m.ics
	mkdir -p build/bin
	echo x >build/bin/tool
	echo notes >notes.txt
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	build/bin/tool:1:1: stray-file: does not belong in a samv repository
	m.ics:1:1: stray-file: does not belong in a samv repository
	notes.txt:1:1: stray-file: does not belong in a samv repository
	EOT
	# ignored by .gitignore and by .git/info/exclude: not reported
	echo "*.ics" >.gitignore
	echo "build/" >>.git/info/exclude
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	notes.txt:1:1: stray-file: does not belong in a samv repository
	EOT
	rm notes.txt
	samv_run samv-check
	expect_status 0
	expect_no_out
	# a file git tracks is reported though a pattern matches it
	git add -f m.ics
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	m.ics:1:1: stray-file: does not belong in a samv repository
	EOT
	git commit -q -m "an invitation, by hand"
	samv_run samv-check --rev HEAD
	expect_status 1
	expect_out <<-\EOT
	m.ics:1:1: stray-file: does not belong in a samv repository
	EOT
'
