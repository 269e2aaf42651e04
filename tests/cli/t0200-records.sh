# samv-actor, samv-person, samv-arena: the life of a record.

test_case 'actor add prints the id and makes one commit with trailers' '
	make_repo
	samv_run samv-actor add --id linkoping --name "Linköpings kommun" --sector public \
		--kind municipality --level local --area Linköping --parent region
	expect_status 0
	expect_out <<-\EOT
	linkoping
	EOT
	expect_no_err
	git log -1 --format=%B >../msg
	path=$(git ls-files actors | grep /linkoping.json)
	cat >../want <<-EOT
	actor: add linkoping

	Linköpings kommun

	Samv-Command: samv-actor add
	Samv-Record: $path
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-\EOT
	{
	  "id": "linkoping",
	  "name": "Linköpings kommun",
	  "sector": "public",
	  "kind": "municipality",
	  "level": "local",
	  "parent": "region",
	  "area": "Linköping",
	  "status": "active"
	}
	EOT
	cmp ../want "$path"
	test "$(git log -1 --format="%an <%ae> %ad" --date=raw)" = "Eva Lind <eva@example.org> $((tick - 60)) +0100"
	test -z "$(git status --porcelain)"
'

test_case 'a minted id is a slug and six random characters, unique' '
	make_repo
	samv_run samv-actor add --name "Föreningen Gemenskap, Motala" --sector civil --kind association --level local
	expect_status 0
	grep -Eq "^foreningen-gemenskap-motala-[0-9a-z]{6}\$" "$TRASH/.out"
	id=$(out)
	samv_run samv-actor add --name "Föreningen Gemenskap, Motala" --sector civil --kind association --level local
	test "$(out)" != "$id"
	samv-actor list --ids | grep -c "^foreningen-gemenskap-motala-" | grep -qx 2
'

test_case 'list, filters, --ids, --json and show' '
	make_repo
	samv-actor add --id ost --name "Öst förening" --sector civil --kind association --level local --parent rf >/dev/null
	samv_run samv-actor list
	expect_out <<-\EOT
	ost      Öst förening          civil   association  local
	region   Region Östergötland   public  region       regional
	rf-sisu  RF-SISU Östergötland  civil   umbrella     regional
	EOT
	samv_run samv-actor list --sector civil --ids
	expect_out <<-\EOT
	ost
	rf-sisu
	EOT
	samv_run samv-actor list --parent rf-s --ids
	expect_out <<-\EOT
	ost
	EOT
	samv_run samv-actor list --kind region --json
	expect_out <<-\EOT
	[
	  {
	    "id": "region",
	    "name": "Region Östergötland",
	    "short": null,
	    "sector": "public",
	    "kind": "region",
	    "level": "regional",
	    "parent": null,
	    "area": null,
	    "orgnr": null,
	    "contact": null,
	    "speaks_for": null,
	    "status": "active",
	    "retired": null,
	    "note": null
	  }
	]
	EOT
	# every record the same keys, null for a field it has not
	samv-actor list --json | jq -c "map(keys_unsorted) | unique | length" >../n
	test "$(cat ../n)" = 1
	samv_run samv-actor show os
	expect_status 0
	expect_out <<-\EOT
	id:     ost
	name:   Öst förening
	sector: civil
	kind:   association
	level:  local
	parent: rf-sisu
	status: active
	EOT
	samv_run samv-actor show ost --json
	jq "with_entries(select(.value != null))" "$TRASH/.out" >../shown
	jq . actors/*/ost.json >../stored
	cmp ../stored ../shown
	test "$(jq -c "[.short, .note, .parent]" "$TRASH/.out")" = "[null,null,\"rf-sisu\"]"
'

test_case 'edit changes fields, names them in the commit, and a no-op makes no commit' '
	make_repo
	samv_run samv-actor edit rf-sisu --level national --note "Distrikt"
	expect_status 0
	expect_no_out
	expect_no_err
	test "$(git log -1 --format=%s%n%b | head -3)" = "actor: edit rf-sisu
Changed: level, note"
	git diff HEAD~1 --stat >../stat
	# level changes, note is added after status (which gains a comma)
	grep -q "1 file changed, 3 insertions(+), 2 deletions(-)" ../stat
	before=$(git rev-parse HEAD)
	samv_run samv-actor edit rf --level national
	expect_status 0
	expect_err <<-\EOT
	samv-actor: nothing to change in actor '"'"'rf-sisu'"'"'
	EOT
	test "$(git rev-parse HEAD)" = "$before"
	samv_run samv-actor edit rf-sisu --unset note
	expect_status 0
	! grep -q note actors/*/rf-sisu.json || exit 1
	samv_run samv-actor edit rf-sisu --unset name
	expect_status 1
	expect_err <<-\EOT
	samv-actor: --unset: '"'"'name'"'"' is required
	EOT
'

test_case 'add and edit take a whole record as JSON on standard input' '
	make_repo
	samv_run samv-actor add --stdin <<-\EOT
	{"name": "Bris region Öst", "kind": "association", "sector": "civil", "level": "regional", "id": "bris"}
	EOT
	expect_status 0
	expect_out <<-\EOT
	bris
	EOT
	printf "{\"name\": \"Bris\", \"kind\": \"association\", \"sector\": \"civil\", \"level\": \"national\"}" |
		samv_run samv-actor edit bris --stdin
	expect_status 0
	test "$(git log -1 --format=%b | head -1)" = "Changed: name, level"
	echo "{\"id\": \"other\", \"name\": \"x\"}" | samv_run samv-actor edit bris --stdin
	expect_status 1
	expect_err <<-\EOT
	samv-actor: standard input: id '"'"'other'"'"' is not '"'"'bris'"'"'; ids cannot be changed
	EOT
'

test_case 'retire keeps the record, dated, and hides it from list' '
	make_repo
	samv_run samv-actor retire rf-sisu --date 2025-06-30
	expect_status 0
	test "$(git log -1 --format=%s)" = "actor: retire rf-sisu"
	grep -q "\"retired\": \"2025-06-30\"" actors/*/rf-sisu.json
	samv_run samv-actor list --ids
	expect_out <<-\EOT
	region
	EOT
	samv_run samv-actor list --ids --all
	expect_out <<-\EOT
	region
	rf-sisu
	EOT
	samv_run samv-actor edit rf-sisu --status active
	! grep -q retired actors/*/rf-sisu.json || exit 1
'

test_case 'person: add, boundary spanners, retire and rm' '
	make_repo
	samv_run samv-person add --id anna --name "Anna Berg" --actor region --role process-leader \
		--boundary-spanner --mandate "Processledare 50 %"
	expect_status 0
	samv-person add --id ali --name "Ali Hassan" --actor rf-sisu --role representative >/dev/null
	samv_run samv-person list --boundary-spanner
	expect_out <<-\EOT
	anna  Anna Berg  region  process-leader
	EOT
	samv_run samv-person list --no-boundary-spanner --ids
	expect_out <<-\EOT
	ali
	EOT
	samv_run samv-person show anna
	expect_out <<-\EOT
	id:               anna
	name:             Anna Berg
	actor:            region
	role:             process-leader
	boundary_spanner: yes
	mandate:          Processledare 50 %
	status:           active
	EOT
	samv_run samv-person retire ali
	samv_run samv-person list --all --status inactive --ids
	expect_out <<-\EOT
	ali
	EOT
	# people are kept on their own ref (samv(7)): the branch does not move
	path=$(git ls-tree -r --name-only refs/samv/people | grep anna)
	head=$(git rev-parse HEAD)
	samv_run samv-person rm anna
	expect_status 0
	test "$(git log -1 --format=%s refs/samv/people)" = "person: remove anna"
	test "$(git rev-parse HEAD)" = "$head"
	! git cat-file -e "refs/samv/people:$path" || exit 1
	git log --format=%s refs/samv/people -- "$path" | grep -qx "person: add anna"
	test ! -e people
	test -z "$(git status --porcelain)"
'

test_case 'arena: members, purposes, remove-member, close' '
	make_repo
	samv_run samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting \
		--member rf-sisu --member region --serves d --serves a --convener region --started 2019-02-14
	expect_status 0
	cat >../want <<-\EOT
	{
	  "id": "stor",
	  "name": "Storgruppsmöte",
	  "kind": "large-group-meeting",
	  "convener": "region",
	  "members": [
	    "region",
	    "rf-sisu"
	  ],
	  "serves": [
	    "a",
	    "d"
	  ],
	  "status": "active",
	  "started": "2019-02-14"
	}
	EOT
	cmp ../want arenas/*/stor.json
	samv_run samv-arena list --member rf --ids
	expect_out <<-\EOT
	stor
	EOT
	samv_run samv-arena edit stor --remove-member rf-sisu --serves b
	expect_status 0
	test "$(git log -1 --format=%b | head -1)" = "Changed: members, serves"
	samv_run samv-arena close stor
	expect_status 0
	test "$(git log -1 --format=%s)" = "arena: close stor"
	grep -q "\"status\": \"closed\"" arenas/*/stor.json
'

test_case 'actors are retired, not removed' '
	make_repo
	samv-person add --id anna --name "Anna" --actor region --role official >/dev/null
	samv_run samv-actor rm region
	expect_status 2
	samv_run samv-actor retire region
	expect_status 0
'

test_case 'auditors filter on trailers with plain git' '
	make_repo
	samv-arena add --id stor --name Stor --kind council --member region >/dev/null
	samv-actor edit region --short RÖ
	git log --format="%(trailers:key=Samv-Command,valueonly)" | sed "/^\$/d" >../cmds
	cat >../want <<-\EOT
	samv-actor edit
	samv-arena add
	samv-actor add
	samv-actor add
	samv-init
	EOT
	cmp ../want ../cmds
	git log --format=%s --grep="^Samv-Record: arenas/" >../arenas
	echo "arena: add stor" | cmp - ../arenas
'
