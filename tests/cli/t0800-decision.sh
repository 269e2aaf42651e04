# samv-decision: anchors and kedge anchors, their lifecycle, links and chain.

# A repository with an arena, a meeting there, an adopted kedge anchor k1
# made at the meeting and a proposed anchor a1 made by a committee.
make_decisions() {
	make_repo &&
	samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting --member region >/dev/null &&
	samv-arena add --id rad --name Rådet --kind council >/dev/null &&
	samv-meeting plan --id m1 --arena stor --title "Storgruppsmöte mars" --date 2026-03-10 >/dev/null &&
	samv-decision add --id k1 --kind kedge-anchor --level arena --title "Pilot i Motala" \
		--text "Vi prövar en mötesplats i Motala ett halvår." --date 2026-03-10 --meeting m1 \
		--serves a --status adopted >/dev/null &&
	samv-decision add --id a1 --kind anchor --level political --title "Mötesplatsen blir permanent" \
		--text "Regionen finansierar mötesplatsen." --date 2026-06-01 \
		--body "Regionala utvecklingsnämnden" --serves d --serves a >/dev/null &&
	test_tick
}

# msg: the last commit's message, with the record paths filled in.
path_of() { git ls-files decisions | grep "/$1.json\$"; }

test_case 'decision add records a proposal: one commit, trailers, the arena from the meeting' '
	make_decisions
	samv_run samv-decision add --id p1 --kind anchor --level official --title "Handlingsplan" \
		--text "Mötesplatsen skrivs in i verksamhetsplanen." --date 2026-09-01 --meeting m1 --serves b
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	p1
	EOT
	p1=$(path_of p1)
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: add p1

	Handlingsplan

	Samv-Command: samv-decision add
	Samv-Decision: p1
	Samv-Meeting: m1
	Samv-Arena: stor
	Samv-Status: proposed
	Samv-Date: 2026-09-01
	Samv-Record: $p1
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	cat >../want <<-\EOT
	{
	  "id": "p1",
	  "kind": "anchor",
	  "level": "official",
	  "title": "Handlingsplan",
	  "text": "Mötesplatsen skrivs in i verksamhetsplanen.",
	  "date": "2026-09-01",
	  "meeting": "m1",
	  "arena": "stor",
	  "serves": [
	    "b"
	  ],
	  "status": "proposed"
	}
	EOT
	cmp ../want "$p1"
	test -z "$(git status --porcelain)"
'

test_case 'decision add --status adopted records a decision already taken' '
	make_decisions
	k1=$(path_of k1)
	git log --format=%B -1 -- "$k1" >../msg
	cat >../want <<-EOT
	decision: add k1

	Pilot i Motala

	Samv-Command: samv-decision add
	Samv-Decision: k1
	Samv-Meeting: m1
	Samv-Arena: stor
	Samv-Status: adopted
	Samv-Date: 2026-03-10
	Samv-Record: $k1
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	grep -q "\"status\": \"adopted\"" "$k1"
'

test_case 'adopt: an anchor that confirms a kedge anchor supersedes it in the same commit' '
	make_decisions
	samv-decision edit a1 --confirms k1 >/dev/null
	before=$(git rev-parse HEAD)
	samv_run samv-decision adopt a1 --date 2026-06-12
	expect_status 0
	expect_no_out
	expect_no_err
	test "$(git rev-parse HEAD~1)" = "$before"
	a1=$(path_of a1) k1=$(path_of k1)
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: adopt a1

	Samv-Command: samv-decision adopt
	Samv-Decision: a1
	Samv-Status: adopted
	Samv-Date: 2026-06-12
	Samv-Decision: k1
	Samv-Superseded: k1
	Samv-Record: $a1
	Samv-Record: $k1
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	test "$(git diff --name-only HEAD~1 | sort)" = "$(printf "%s\n" "$a1" "$k1" | sort)"
	samv_run samv-decision show k1
	expect_out <<-\EOT
	id:      k1
	kind:    kedge-anchor
	level:   arena
	title:   Pilot i Motala
	text:    Vi prövar en mötesplats i Motala ett halvår.
	date:    2026-03-10
	meeting: m1
	arena:   stor
	serves:  a
	status:  superseded
	ended:   2026-06-12
	EOT
	samv_run samv-decision show a1 --json
	expect_out <<-\EOT
	{
	  "id": "a1",
	  "kind": "anchor",
	  "level": "political",
	  "title": "Mötesplatsen blir permanent",
	  "text": "Regionen finansierar mötesplatsen.",
	  "date": "2026-06-12",
	  "meeting": null,
	  "arena": null,
	  "body": "Regionala utvecklingsnämnden",
	  "serves": [
	    "a",
	    "d"
	  ],
	  "status": "adopted",
	  "supersedes": null,
	  "amends": null,
	  "confirms": [
	    "k1"
	  ],
	  "cites_bodies": null,
	  "cites_plans": null,
	  "review": null,
	  "ended": null,
	  "note": null
	}
	EOT
'

test_case 'adopt without --date keeps the decision'"'"'s date' '
	make_decisions
	samv_run samv-decision adopt a1
	expect_status 0
	grep -q "\"date\": \"2026-06-01\"" "$(path_of a1)"
	git log -1 --format=%B | grep -qx "Samv-Date: 2026-06-01"
	! git log -1 --format=%B | grep -q Samv-Superseded || exit 1
'

test_case 'supersede OLD --by NEW: at once when NEW is adopted' '
	make_decisions
	samv-decision add --id k2 --kind kedge-anchor --level arena --title "Pilot i Norrköping" \
		--text "Också i Norrköping." --date 2026-04-01 --status adopted >/dev/null
	samv_run samv-decision supersede k1 --by k2
	expect_status 0
	expect_no_out
	expect_no_err
	k1=$(path_of k1) k2=$(path_of k2)
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: supersede k1

	Superseded by k2.

	Samv-Command: samv-decision supersede
	Samv-Decision: k1
	Samv-Decision: k2
	Samv-Superseded: k1
	Samv-Status: superseded
	Samv-Date: 2026-04-01
	Samv-Record: $k2
	Samv-Record: $k1
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	grep -q "\"ended\": \"2026-04-01\"" "$k1"
	grep -q "\"status\": \"superseded\"" "$k1"
'

test_case 'supersede OLD --by NEW: a proposal supersedes when it is adopted' '
	make_decisions
	samv-decision add --id a2 --kind anchor --level official --title "Ny plan" --text "Ny." \
		--date 2026-10-01 >/dev/null
	samv_run samv-decision supersede k1 --by a2
	expect_status 0
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: supersede k1

	To be superseded by a2 when it is adopted.

	Samv-Command: samv-decision supersede
	Samv-Decision: k1
	Samv-Decision: a2
	Samv-Record: $(path_of a2)
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	grep -q "\"status\": \"adopted\"" "$(path_of k1)"
	samv_run samv-decision supersede k1 --by a2
	expect_status 0
	expect_err <<-\EOT
	samv-decision: nothing to change in decision '"'"'k1'"'"'
	EOT
	samv_run samv-decision adopt a2
	expect_status 0
	grep -q "\"status\": \"superseded\"" "$(path_of k1)"
	grep -q "\"ended\": \"2026-10-01\"" "$(path_of k1)"
	git log -1 --format=%B | grep -qx "Samv-Superseded: k1"
'

test_case 'edit: a new link from an adopted decision supersedes at once' '
	make_decisions
	samv-decision add --id k2 --kind kedge-anchor --level arena --title "Pilot i Norrköping" \
		--text "Också i Norrköping." --date 2026-04-01 --status adopted >/dev/null
	samv_run samv-decision edit k2 --supersedes k1
	expect_status 0
	test "$(git log -1 --format=%s)" = "decision: edit k2"
	git log -1 --format=%B | grep -qx "Samv-Superseded: k1"
	git log -1 --format=%B | grep -qx "Samv-Decision: k1"
	grep -q "\"status\": \"superseded\"" "$(path_of k1)"
'

test_case 'due: adopted decisions whose review date has come' '
	make_decisions
	samv-decision edit k1 --review 2026-09-01 >/dev/null
	samv-decision add --id k2 --kind kedge-anchor --level arena --title "Pilot i Norrköping" \
		--text "Också i Norrköping." --date 2026-04-01 --status adopted --review 2026-11-23 >/dev/null
	samv-decision add --id k3 --kind kedge-anchor --level arena --title "Senare" \
		--text "Senare." --date 2026-04-01 --status adopted --review 2026-11-24 >/dev/null
	samv-decision edit a1 --review 2026-07-01 >/dev/null
	samv_run samv-decision due --date 2026-08-31
	expect_status 0
	expect_no_out
	samv_run samv-decision due
	expect_status 1
	expect_no_err
	expect_out <<-\EOT
	2026-09-01  k1  Pilot i Motala
	2026-11-23  k2  Pilot i Norrköping
	EOT
	samv_run samv-decision due --date 2026-11-24 --ids
	expect_out <<-\EOT
	k1
	k2
	k3
	EOT
	samv_run samv-decision due --date 2026-09-01 --json
	test "$(grep -c "\"id\"" "$TRASH/.out")" = 1
	grep -q "\"review\": \"2026-09-01\"" "$TRASH/.out"
	samv_run samv-decision due --date 2026-09-31
	expect_status 2
	expect_err <<-\EOT
	samv-decision: --date: '"'"'2026-09-31'"'"' is not a date (YYYY-MM-DD)
	EOT
'

test_case 'revoke: a reason goes into the commit; ended defaults to today' '
	make_decisions
	samv_run samv-decision revoke k1 --reason "Lokalen finns inte längre."
	expect_status 0
	expect_no_out
	k1=$(path_of k1)
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: revoke k1

	Lokalen finns inte längre.

	Samv-Command: samv-decision revoke
	Samv-Decision: k1
	Samv-Meeting: m1
	Samv-Arena: stor
	Samv-Status: revoked
	Samv-Date: 2026-11-23
	Samv-Record: $k1
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	tail -4 "$k1" >../tail
	cat >../want <<-\EOT
	  ],
	  "status": "revoked",
	  "ended": "2026-11-23"
	}
	EOT
	cmp ../want ../tail
'

test_case 'revoke withdraws a proposal; --reason @FILE; expire with --date' '
	make_decisions
	printf "Dras tillbaka.\nNytt förslag kommer.\n" >../why
	samv_run samv-decision revoke a1 --date 2026-07-01 --reason @../why
	expect_status 0
	test "$(git log -1 --format=%b | head -2)" = "Dras tillbaka.
Nytt förslag kommer."
	git log -1 --format=%B | grep -qx "Samv-Date: 2026-07-01"
	grep -q "\"ended\": \"2026-07-01\"" "$(path_of a1)"
	samv_run samv-decision expire k1 --date 2026-09-10
	expect_status 0
	test "$(git log -1 --format=%s)" = "decision: expire k1"
	git log -1 --format=%B | grep -qx "Samv-Status: expired"
	git log -1 --format=%B | grep -qx "Samv-Date: 2026-09-10"
	samv_run samv-decision list --status expired --ids
	expect_out <<-\EOT
	k1
	EOT
'

test_case 'edit: a proposal can change; an adopted decision only its note, review and links' '
	make_decisions
	samv_run samv-decision edit a1 --title "Mötesplatsen i Motala blir permanent" --meeting m1
	expect_status 0
	test "$(git log -1 --format=%b | head -1)" = "Changed: title, meeting, arena"
	samv_run samv-decision edit k1 --note "Följs upp i juni." --review 2026-06-30
	expect_status 0
	test "$(git log -1 --format=%b | head -1)" = "Changed: review, note"
	samv_run samv-decision edit k1 --unset review
	expect_status 0
'

test_case 'edit: a new meeting brings its arena unless an arena is given' '
	make_decisions
	samv-meeting plan --id m2 --arena rad --title "Rådsmöte" --date 2026-05-20 >/dev/null
	samv_run samv-decision edit k1 --meeting m2
	expect_status 0
	grep -q "\"arena\": \"rad\"" "$(path_of k1)"
	git log -1 --format=%B | grep -qx "Samv-Arena: rad"
	samv_run samv-decision edit a1 --arena rad
	expect_status 0
	samv_run samv-decision edit a1 --meeting m1 --arena stor
	expect_status 0
	grep -q "\"arena\": \"stor\"" "$(path_of a1)"
'

test_case 'list: columns, filters, period, --json' '
	make_decisions
	samv-decision add --id p1 --kind anchor --level official --title "Handlingsplan" --text "Plan." \
		--date 2026-09-01 --arena rad >/dev/null
	samv_run samv-decision list
	expect_status 0
	expect_out <<-\EOT
	a1  anchor        political  Mötesplatsen blir permanent  2026-06-01  proposed
	k1  kedge-anchor  arena      Pilot i Motala               2026-03-10  adopted
	p1  anchor        official   Handlingsplan                2026-09-01  proposed
	EOT
	samv_run samv-decision list --kind anchor --status proposed --ids
	expect_out <<-\EOT
	a1
	p1
	EOT
	samv_run samv-decision list --arena sto --ids
	expect_out <<-\EOT
	k1
	EOT
	samv_run samv-decision list --level arena --meeting m1 --serves a --ids
	expect_out <<-\EOT
	k1
	EOT
	samv_run samv-decision list --since 2026-04-01 --until 2026-08-31 --ids
	expect_out <<-\EOT
	a1
	EOT
	samv_run samv-decision list --serves d --json
	expect_out <<-\EOT
	[
	  {
	    "id": "a1",
	    "kind": "anchor",
	    "level": "political",
	    "title": "Mötesplatsen blir permanent",
	    "text": "Regionen finansierar mötesplatsen.",
	    "date": "2026-06-01",
	    "meeting": null,
	    "arena": null,
	    "body": "Regionala utvecklingsnämnden",
	    "serves": [
	      "a",
	      "d"
	    ],
	    "status": "proposed",
	    "supersedes": null,
	    "amends": null,
	    "confirms": null,
	    "cites_bodies": null,
	    "cites_plans": null,
	    "review": null,
	    "ended": null,
	    "note": null
	  }
	]
	EOT
'

# k1 <-confirms- a1 <-amends- a3; a1 <-supersedes- a4 (proposed)
make_chain() {
	make_decisions &&
	samv-decision edit a1 --confirms k1 >/dev/null &&
	samv-decision adopt a1 >/dev/null &&
	samv-decision add --id a3 --kind anchor --level official --title "Öppettider" --text "Kvällar." \
		--date 2026-08-01 --amends a1 --status adopted >/dev/null &&
	samv-decision add --id a4 --kind anchor --level political --title "Ny finansiering" --text "Delad." \
		--date 2026-12-01 --supersedes a1 >/dev/null
}

test_case 'chain: what a decision superseded, and what supersedes or amends it' '
	make_chain
	samv_run samv-decision chain a1
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	a1  anchor  adopted  2026-06-01  Mötesplatsen blir permanent
	  confirms  k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala
	  superseded-by  a4  anchor  proposed  2026-12-01  Ny finansiering
	  amended-by  a3  anchor  adopted  2026-08-01  Öppettider
	EOT
	samv_run samv-decision chain k1
	expect_out <<-\EOT
	k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala
	  confirmed-by  a1  anchor  adopted  2026-06-01  Mötesplatsen blir permanent
	    superseded-by  a4  anchor  proposed  2026-12-01  Ny finansiering
	    amended-by  a3  anchor  adopted  2026-08-01  Öppettider
	EOT
	samv_run samv-decision chain a4 --json
	expect_out <<-\EOT
	{
	  "id": "a4",
	  "kind": "anchor",
	  "status": "proposed",
	  "date": "2026-12-01",
	  "title": "Ny finansiering",
	  "back": [
	    {
	      "link": "supersedes",
	      "id": "a1",
	      "kind": "anchor",
	      "status": "adopted",
	      "date": "2026-06-01",
	      "title": "Mötesplatsen blir permanent",
	      "back": [
	        {
	          "link": "confirms",
	          "id": "k1",
	          "kind": "kedge-anchor",
	          "status": "superseded",
	          "date": "2026-03-10",
	          "title": "Pilot i Motala",
	          "back": []
	        }
	      ]
	    }
	  ],
	  "forward": []
	}
	EOT
	samv_run samv-decision chain a1 --rev HEAD~2
	expect_out <<-\EOT
	a1  anchor  adopted  2026-06-01  Mötesplatsen blir permanent
	  confirms  k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala
	EOT
'

test_case 'chain: links made by hand into a cycle, or to a missing decision, do not loop' '
	make_chain
	a1=$(path_of a1) k1=$(path_of k1)
	sed -i "s/\"status\": \"superseded\",/\"status\": \"superseded\",\n  \"amends\": [\n    \"a4\"\n  ],/" "$k1"
	sed -i "s/\"supersedes\": \[/\"supersedes\": [\n    \"gone\",/" "$(path_of a4)"
	git commit -qam "by hand"
	samv_run samv-decision chain k1
	expect_status 0
	expect_out <<-\EOT
	k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala
	  amends  a4  anchor  proposed  2026-12-01  Ny finansiering
	    supersedes  gone  (missing)
	    supersedes  a1  anchor  adopted  2026-06-01  Mötesplatsen blir permanent
	      confirms  k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala  (cycle)
	  confirmed-by  a1  anchor  adopted  2026-06-01  Mötesplatsen blir permanent
	    superseded-by  a4  anchor  proposed  2026-12-01  Ny finansiering
	      amended-by  k1  kedge-anchor  superseded  2026-03-10  Pilot i Motala  (cycle)
	    amended-by  a3  anchor  adopted  2026-08-01  Öppettider
	EOT
'

test_case 'an auditor finds every commit about a decision with git log --grep' '
	make_chain
	git log --format=%s --grep="^Samv-Decision: k1\$" >../log
	cat >../want <<-\EOT
	decision: adopt a1
	decision: edit a1
	decision: add k1
	EOT
	cmp ../want ../log
	git log --format=%s --grep="^Samv-Superseded: k1\$" >../log
	echo "decision: adopt a1" | cmp - ../log
'

test_case 'decisions are never removed: rm and retire do not exist' '
	make_decisions
	samv_run samv-decision --completion-helper
	expect_out <<-\EOT
	add
	list
	show
	edit
	adopt
	revoke
	expire
	supersede
	chain
	due
	anchor
	anchoring
	--help
	--version
	--dir=
	EOT
	snapshot
	samv_run samv-decision rm k1
	expect_status 2
	expect_err <<-\EOT
	samv-decision: unknown command '"'"'rm'"'"' (see samv-decision --help)
	EOT
	samv_run samv-decision retire k1
	expect_status 2
	unchanged
'

test_case 'refused: a cycle of links, and links from a decision that has ended' '
	make_decisions
	samv-decision edit a1 --amends k1 >/dev/null
	samv-decision adopt a1 >/dev/null
	snapshot
	samv_run samv-decision edit k1 --amends a1
	expect_status 1
	expect_err <<-\EOT
	samv-decision: decision '"'"'k1'"'"' cannot amend '"'"'a1'"'"': the links would form a cycle (k1 -> a1 -> k1)
	EOT
	unchanged
	samv-decision add --id k2 --kind kedge-anchor --level arena --title K2 --text K2 --date 2026-07-01 \
		--status adopted >/dev/null
	samv-decision revoke k2 >/dev/null
	snapshot
	samv_run samv-decision edit k2 --amends a1
	expect_status 1
	expect_err <<-\EOT
	samv-decision: decision '"'"'k2'"'"' is revoked; links are added only to a proposed or adopted decision
	EOT
	unchanged
'

test_case 'refused: ended and status given on standard input' '
	make_decisions
	snapshot
	printf "{\"kind\": \"anchor\", \"level\": \"arena\", \"title\": \"T\", \"text\": \"T\", \"date\": \"2026-01-01\", \"ended\": \"2026-02-01\"}" |
		samv_run samv-decision add --stdin
	expect_status 1
	expect_err <<-\EOT
	samv-decision: ended: set by samv-decision when a decision ends
	EOT
	samv-decision show k1 --json | jq ".ended = \"2026-05-01\"" >../k1.json
	samv_run samv-decision edit k1 --stdin <../k1.json
	expect_status 1
	expect_err <<-\EOT
	samv-decision: standard input: ended is set by the commands, not edited
	EOT
	samv-decision show a1 --json | sed "s/\"proposed\"/\"adopted\"/" >../a1.json
	samv_run samv-decision edit a1 --stdin <../a1.json
	expect_status 1
	expect_err <<-\EOT
	samv-decision: status: cannot be edited; use samv-decision adopt, revoke, expire or supersede (decision '"'"'a1'"'"' is proposed)
	EOT
	unchanged
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "decision refused: $name" "
		make_decisions
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
unknown meeting|1|samv-decision: --meeting: no meeting 'nope' (see samv-meeting list)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-04-01 --meeting nope
unknown arena|1|samv-decision: --arena: no arena 'nope' (see samv-arena list)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-04-01 --arena nope
arena not the meeting's|1|samv-decision: arena: 'rad' is not the arena of meeting 'm1' ('stor')|samv-decision add --kind anchor --level arena --title T --text T --date 2026-04-01 --meeting m1 --arena rad
arena changed away from the meeting's|1|samv-decision: arena: 'rad' is not the arena of meeting 'm1' ('stor')|samv-decision edit k1 --arena rad
adopted in the future|1|samv-decision: date: 2026-12-24 is in the future (today is 2026-11-23)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-12-24 --status adopted
adopting with a date in the future|1|samv-decision: date: 2026-12-24 is in the future (today is 2026-11-23)|samv-decision adopt a1 --date 2026-12-24
revoked in the future|1|samv-decision: ended: 2026-12-24 is in the future (today is 2026-11-23)|samv-decision revoke k1 --date 2026-12-24
not a date|1|samv-decision: date: '2026-02-30' is not a date (YYYY-MM-DD)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-02-30
not a review date|1|samv-decision: review: '30/6' is not a date (YYYY-MM-DD)|samv-decision edit a1 --review 30/6
review before the date|1|samv-decision: review: 2026-01-01 is before the decision's date 2026-06-01|samv-decision edit a1 --review 2026-01-01
bad --date on adopt|1|samv-decision: --date: '2026-13-01' is not a date (YYYY-MM-DD)|samv-decision adopt a1 --date 2026-13-01
revoked before its date|1|samv-decision: decision 'k1' cannot end on 2026-01-01, before its date 2026-03-10|samv-decision revoke k1 --date 2026-01-01
expired before its date|1|samv-decision: decision 'k1' cannot end on 2026-03-09, before its date 2026-03-10|samv-decision expire k1 --date 2026-03-09
missing text|1|samv-decision: text: required|samv-decision add --kind anchor --level arena --title T --date 2026-04-01
unknown kind|1|samv-decision: kind: 'tross' is not one of anchor, kedge-anchor|samv-decision add --kind tross --level arena --title T --text T --date 2026-04-01
unknown level|1|samv-decision: level: 'region' is not one of political, official, arena|samv-decision edit a1 --level region
added as superseded|1|samv-decision: status: a new decision is proposed or adopted, not superseded (add it, then use samv-decision revoke, expire or supersede)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-04-01 --status superseded
status by edit|1|samv-decision: status: cannot be edited; use samv-decision adopt, revoke, expire or supersede (decision 'a1' is proposed)|samv-decision edit a1 --status adopted
revoked by edit|1|samv-decision: status: cannot be edited; use samv-decision adopt, revoke, expire or supersede (decision 'k1' is adopted)|samv-decision edit k1 --status revoked
adopted text edited|1|samv-decision: decision 'k1' is adopted: its text cannot change; propose a new decision that supersedes or amends it|samv-decision edit k1 --text Annat
adopted kind edited|1|samv-decision: decision 'k1' is adopted: its kind cannot change; propose a new decision that supersedes or amends it|samv-decision edit k1 --kind anchor
adopted date edited|1|samv-decision: decision 'k1' is adopted: its date cannot change; propose a new decision that supersedes or amends it|samv-decision edit k1 --date 2026-03-11
adopted purposes edited|1|samv-decision: decision 'k1' is adopted: its serves cannot change; propose a new decision that supersedes or amends it|samv-decision edit k1 --remove-serves a
adopted twice|1|samv-decision: decision 'k1' is adopted; only a proposed decision can be adopted|samv-decision adopt k1
proposal expired|1|samv-decision: decision 'a1' is proposed; only an adopted decision can be expired|samv-decision expire a1
unknown decision adopted|1|samv-decision: no decision 'nope' (see samv-decision list)|samv-decision adopt nope
adopt without an id|2|samv-decision: adopt: expected one id (usage: samv-decision adopt ID [--date DATE])|samv-decision adopt
reason from a missing file|1|samv-decision: --reason: nofile: No such file or directory|samv-decision revoke k1 --reason @nofile
superseding an unknown decision|1|samv-decision: no decision 'nope' (see samv-decision list)|samv-decision supersede nope --by a1
superseded by an unknown decision|1|samv-decision: no decision 'nope' (see samv-decision list)|samv-decision supersede k1 --by nope
unknown decision in supersedes|1|samv-decision: --supersedes: no decision 'nope' (see samv-decision list)|samv-decision add --kind anchor --level arena --title T --text T --date 2026-04-01 --supersedes nope
superseding itself|1|samv-decision: decision 'k1' cannot supersede itself|samv-decision supersede k1 --by k1
amending itself|1|samv-decision: decision 'a1' cannot amend itself|samv-decision edit a1 --amends a1
superseding a proposal|1|samv-decision: decision 'a1' is proposed; only an adopted decision can be superseded|samv-decision supersede a1 --by k1
supersede without --by|2|samv-decision: supersede: --by is required (usage: samv-decision supersede OLD --by NEW)|samv-decision supersede k1
superseding a later decision|1|samv-decision: decision 'old' (2026-01-01) cannot supersede 'k1', a later decision (2026-03-10)|samv-decision add --id old --kind anchor --level arena --title T --text T --date 2026-01-01 --status adopted --supersedes k1
confirming an anchor|1|samv-decision: decision 'a1' is an anchor; only a kedge anchor can be confirmed|samv-decision add --kind anchor --level arena --title T --text T --date 2026-07-01 --confirms a1
a kedge anchor confirming|1|samv-decision: decision 'k2' is a kedge-anchor; only an anchor can confirm a kedge anchor|samv-decision add --id k2 --kind kedge-anchor --level arena --title T --text T --date 2026-07-01 --confirms k1
an existing id|1|samv-decision: decision 'k1' already exists|samv-decision add --id k1 --kind anchor --level arena --title T --text T --date 2026-07-01
TABLE

test_case 'decision refused: an adopted decision keeps its links' '
	make_decisions
	samv-decision edit a1 --confirms k1 >/dev/null
	samv-decision adopt a1 >/dev/null
	snapshot
	samv_run samv-decision edit a1 --remove-confirms k1
	expect_status 1
	expect_err <<-\EOT
	samv-decision: decision '"'"'a1'"'"' is adopted: its link confirms '"'"'k1'"'"' cannot be removed
	EOT
	unchanged
	samv_run samv-decision revoke k1
	expect_status 1
	expect_err <<-\EOT
	samv-decision: decision '"'"'k1'"'"' is superseded; only a proposed or adopted decision can be revoked
	EOT
	unchanged
'

test_case 'samv-check: a cycle of links and a superseded decision nothing supersedes, made by hand' '
	make_decisions
	k1=$(path_of k1) a1=$(path_of a1)
	jq --indent 2 ".amends = [\"a1\"]" "$k1" >../k1 && cp ../k1 "$k1"
	jq --indent 2 ".supersedes = [\"k1\"]" "$a1" >../a1 && cp ../a1 "$a1"
	git commit -qam "links by hand"
	samv_run samv-check
	expect_status 1
	grep -c ": decision-cycle: " ../.out >../n
	echo 2 | cmp - ../n
	grep -q "^$k1:1:1: decision-cycle: decision .k1. cannot amend .a1.: the links would form a cycle (k1 -> a1 -> k1)\$" ../.out
	git reset -q --hard HEAD~1
	jq --indent 2 ".status = \"superseded\" | .ended = \"2026-04-01\"" "$k1" >../k1 && cp ../k1 "$k1"
	git commit -qam "superseded by hand"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$k1:1:1: orphan-superseded: decision '"'"'k1'"'"' is superseded, but no decision taken supersedes or confirms it
	EOT
'
