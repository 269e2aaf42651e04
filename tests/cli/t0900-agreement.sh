# samv-agreement: the Agreement as a versioned document, changed only on
# adopted decisions; samv-check of its history; what an auditor can ask of
# plain git log.

# An Agreement of version 1, adopted on decision "anta" at meeting
# "stor-mars" of arena "stor" (which serves purpose a).
make_agreement() {
	make_repo
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting --serves a >/dev/null
	samv-meeting plan --id stor-mars --arena stor --title "Storgrupp i mars" --date 2026-03-10 >/dev/null
	samv-decision add --id anta --kind anchor --level political --title "Anta överenskommelsen" \
		--text "Regionfullmäktige antar överenskommelsen." --date 2026-03-10 --meeting stor-mars \
		--arena stor --status adopted >/dev/null
	test_tick
	samv-agreement adopt --decision anta --title "Överenskommelsen" --party region --party rf-sisu \
		--purpose a="Utökad dialog" --purpose b="Demokrati och delaktighet" \
		--purpose c="Kunskap om varandra" --purpose d="Lösningar tillsammans" \
		--clause 1="Parterna samverkar." --heading 1=Samverkan \
		--clause 10="Uppföljning sker årligen." --clause 4="Parterna möts två gånger om året." >/dev/null
	test_tick
}

# Version 2: decision "klausul-4" at meeting "stor-sept" changes clause 4
# and adds purpose e.
amend_4() {
	samv-meeting plan --id stor-sept --arena stor --title "Storgrupp i september" --date 2026-09-15 >/dev/null
	samv-decision add --id klausul-4 --kind anchor --level arena --title "Ändra punkt 4" \
		--text "Parterna möts fyra gånger om året." --date 2026-09-15 --meeting stor-sept \
		--arena stor --status adopted >/dev/null
	test_tick
	samv-agreement amend --decision klausul-4 --change-clause 4="Parterna möts fyra gånger om året.
Mötena är öppna." --add-purpose e="Välfärdsluckor" --heading 4=Möten >/dev/null
	test_tick
}

# A decision with a given status, for the failures.
decision() { # id status
	samv-decision add --id "$1" --kind anchor --level arena --title "Beslut $1" --text "Text." \
		--date 2026-10-01 --status "$2" >/dev/null
}

short() { git rev-parse "$1" | cut -c1-7; }

test_case 'adopt writes version 1 in one commit, with trailers an auditor can filter on' '
	make_repo
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting >/dev/null
	samv-meeting plan --id stor-mars --arena stor --title "Storgrupp i mars" --date 2026-03-10 >/dev/null
	samv-decision add --id anta --kind anchor --level political --title "Anta" --text "Antas." \
		--date 2026-03-10 --meeting stor-mars --arena stor --status adopted >/dev/null
	before=$(git rev-parse HEAD)
	echo "Parterna möts två gånger om året." >../text4
	samv_run samv-agreement adopt --decision anta --title "Överenskommelsen" --party region \
		--purpose b="Demokrati" --purpose a="Utökad dialog" --clause 4=@../text4 --clause 1="Parterna samverkar." \
		--heading 1=Samverkan
	expect_status 0
	expect_out <<-\EOT
	1
	EOT
	expect_no_err
	test "$(git rev-parse HEAD~1)" = "$before"
	git log -1 --format=%B >../msg
	cat >../want <<-\EOT
	agreement: version 1 (decision anta)

	adopted: Överenskommelsen
	added party region
	added purpose a
	added purpose b
	added clause 1
	added clause 4

	Samv-Command: samv-agreement adopt
	Samv-Decision: anta
	Samv-Agreement-Version: 1
	Samv-Meeting: stor-mars
	Samv-Arena: stor
	Samv-Purpose: a
	Samv-Purpose: b
	Samv-Clause: 1
	Samv-Clause: 4
	Samv-Record: agreement/agreement.json
	Samv-Record: agreement/purposes/a.json
	Samv-Record: agreement/purposes/b.json
	Samv-Record: agreement/clauses/1.json
	Samv-Record: agreement/clauses/4.json
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-\EOT
	{
	  "id": "agreement",
	  "title": "Överenskommelsen",
	  "parties": [
	    "region"
	  ],
	  "adopted": "2026-03-10",
	  "version": 1,
	  "decision": "anta"
	}
	EOT
	cmp ../want agreement/agreement.json
	cat >../want <<-\EOT
	{
	  "id": "1",
	  "heading": "Samverkan",
	  "text": "Parterna samverkar."
	}
	EOT
	cmp ../want agreement/clauses/1.json
	printf "{\n  \"id\": \"4\",\n  \"text\": \"Parterna möts två gånger om året.\"\n}\n" >../want
	cmp ../want agreement/clauses/4.json
	printf "{\n  \"id\": \"a\",\n  \"text\": \"Utökad dialog\"\n}\n" >../want
	cmp ../want agreement/purposes/a.json
	test -z "$(git status --porcelain)"
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'adopt --stdin reads the whole Agreement; --date sets the adoption date' '
	make_repo
	decision anta adopted
	cat >../doc.json <<-\EOT
	{
	  "title": "Överenskommelsen",
	  "parties": ["rf-sisu", "region"],
	  "note": "Antagen av fullmäktige.",
	  "purposes": {"b": "Demokrati", "a": "Dialog"},
	  "clauses": [
	    {"id": "2", "text": "Två."},
	    {"id": "1", "heading": "Inledning", "text": "Ett."}
	  ]
	}
	EOT
	samv_run samv-agreement adopt --decision anta --stdin --date 2026-10-15 <../doc.json
	expect_status 0
	expect_out <<-\EOT
	1
	EOT
	samv_run samv-agreement show --json
	expect_out <<-\EOT
	{
	  "id": "agreement",
	  "title": "Överenskommelsen",
	  "parties": [
	    "region",
	    "rf-sisu"
	  ],
	  "adopted": "2026-10-15",
	  "version": 1,
	  "amended": null,
	  "decision": "anta",
	  "note": "Antagen av fullmäktige.",
	  "purposes": {
	    "a": "Dialog",
	    "b": "Demokrati"
	  },
	  "clauses": [
	    {
	      "id": "1",
	      "heading": "Inledning",
	      "text": "Ett."
	    },
	    {
	      "id": "2",
	      "heading": null,
	      "text": "Två."
	    }
	  ]
	}
	EOT
'

test_case 'show: text and markdown, clauses in natural order of their ids' '
	make_agreement
	samv_run samv-agreement show
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	Överenskommelsen
	Version 1 of 2026-03-10, on decision anta; adopted 2026-03-10.
	Parties: region, rf-sisu

	Purposes
	  a) Utökad dialog
	  b) Demokrati och delaktighet
	  c) Kunskap om varandra
	  d) Lösningar tillsammans

	1. Samverkan
	  Parterna samverkar.

	4.
	  Parterna möts två gånger om året.

	10.
	  Uppföljning sker årligen.
	EOT
	samv_run samv-agreement show --format markdown
	expect_status 0
	sed -n 3,9p "$TRASH/.out" >"$TRASH/sv"
	cat >"$TRASH/want" <<-\EOT
	Version 1 av 10 mars 2026, enligt beslut `anta`; antagen 10 mars 2026.

	Parter: `region`, `rf-sisu`.

	## Syften

	- **a)** Utökad dialog
	EOT
	diff -u "$TRASH/want" "$TRASH/sv"
	samv_run samv-agreement show --format markdown --lang en
	expect_out <<-\EOT
	# Överenskommelsen

	Version 1 of 2026-03-10, on decision `anta`; adopted 2026-03-10.

	Parties: `region`, `rf-sisu`.

	## Purposes

	- **a)** Utökad dialog
	- **b)** Demokrati och delaktighet
	- **c)** Kunskap om varandra
	- **d)** Lösningar tillsammans

	## 1. Samverkan

	Parterna samverkar.

	## 4

	Parterna möts två gånger om året.

	## 10

	Uppföljning sker årligen.
	EOT
'

test_case 'amend: all changes in one commit, one new version, trailers of the decision' '
	make_agreement
	samv-meeting plan --id stor-sept --arena stor --title "Storgrupp i september" --date 2026-09-15 >/dev/null
	samv-decision add --id klausul-4 --kind anchor --level arena --title "Ändra punkt 4" \
		--text "Fyra gånger." --date 2026-09-15 --meeting stor-sept --arena stor --status adopted >/dev/null
	samv-actor add --id rotary --name Rotary --sector civil --kind association --level local >/dev/null
	before=$(git rev-parse HEAD)
	samv_run samv-agreement amend --decision klausul-4 --change-clause 4="Parterna möts fyra gånger om året." \
		--heading 4=Möten --add-purpose e="Välfärdsluckor" --remove-purpose d --add-clause 4-1="Mötena är öppna." \
		--remove-clause 10 --add-party rot --remove-party region --title "Överenskommelsen 2026"
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	2
	EOT
	test "$(git rev-parse HEAD~1)" = "$before"
	git log -1 --format=%B >../msg
	cat >../want <<-\EOT
	agreement: version 2 (decision klausul-4)

	changed title
	removed party region
	added party rotary
	removed purpose d
	added purpose e
	changed clause 4
	added clause 4-1
	removed clause 10

	Samv-Command: samv-agreement amend
	Samv-Decision: klausul-4
	Samv-Agreement-Version: 2
	Samv-Meeting: stor-sept
	Samv-Arena: stor
	Samv-Purpose: d
	Samv-Purpose: e
	Samv-Clause: 4
	Samv-Clause: 4-1
	Samv-Clause: 10
	Samv-Record: agreement/agreement.json
	Samv-Record: agreement/purposes/d.json
	Samv-Record: agreement/purposes/e.json
	Samv-Record: agreement/clauses/4.json
	Samv-Record: agreement/clauses/4-1.json
	Samv-Record: agreement/clauses/10.json
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-\EOT
	{
	  "id": "agreement",
	  "title": "Överenskommelsen 2026",
	  "parties": [
	    "rf-sisu",
	    "rotary"
	  ],
	  "adopted": "2026-03-10",
	  "version": 2,
	  "amended": "2026-09-15",
	  "decision": "klausul-4"
	}
	EOT
	cmp ../want agreement/agreement.json
	test ! -e agreement/clauses/10.json
	test ! -e agreement/purposes/d.json
	samv_run samv-agreement show
	expect_out <<-\EOT
	Överenskommelsen 2026
	Version 2 of 2026-09-15, on decision klausul-4; adopted 2026-03-10.
	Parties: rf-sisu, rotary

	Purposes
	  a) Utökad dialog
	  b) Demokrati och delaktighet
	  c) Kunskap om varandra
	  e) Välfärdsluckor

	1. Samverkan
	  Parterna samverkar.

	4. Möten
	  Parterna möts fyra gånger om året.

	4-1.
	  Mötena är öppna.
	EOT
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'amend --date, and the decision named by a unique prefix' '
	make_agreement
	decision klausul-4 adopted
	samv_run samv-agreement amend --decision klaus --change-purpose a="Utökad dialog och samråd" --date 2026-10-20
	expect_status 0
	expect_out <<-\EOT
	2
	EOT
	samv_run samv-agreement history
	c1=$(short HEAD~2) c2=$(short HEAD)
	expect_out <<-EOT
	1  2026-03-10  anta       stor-mars  $c1  Eva Lind  adopted
	2  2026-10-20  klausul-4  -          $c2  Eva Lind  changed purpose a
	EOT
'

test_case 'history: one line per version, oldest first; commits that do not touch agreement/ are no versions' '
	make_agreement
	amend_4
	samv-actor add --id rotary --name Rotary --sector civil --kind association --level local >/dev/null
	c1=$(git log --format=%h --abbrev=7 -1 --grep="^Samv-Agreement-Version: 1$")
	c2=$(git log --format=%h --abbrev=7 -1 --grep="^Samv-Agreement-Version: 2$")
	samv_run samv-agreement history
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	1  2026-03-10  anta       stor-mars  $c1  Eva Lind  adopted
	2  2026-09-15  klausul-4  stor-sept  $c2  Eva Lind  added purpose e, changed clause 4
	EOT
	samv_run samv-agreement history --json
	out | grep -c "\"version\":" >../n
	echo 2 | cmp - ../n
	out | grep -A9 "\"version\": 2" >../v2
	cat >../want <<-EOT
	    "version": 2,
	    "date": "2026-09-15",
	    "decision": "klausul-4",
	    "meeting": "stor-sept",
	    "commit": "$(git rev-parse $c2)",
	    "author": "Eva Lind",
	    "email": "eva@example.org",
	    "time": "$(git log -1 --format=%aI $c2)",
	    "changes": [
	      {
	EOT
	cmp ../want ../v2
'

test_case 'history of a repository without an Agreement is empty; show says how to begin' '
	make_repo
	samv_run samv-agreement history
	expect_status 0
	expect_no_out
	samv_run samv-agreement show
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: no Agreement yet (see samv-agreement adopt)
	EOT
'

test_case 'show --version N, --as-of DATE, --rev REV' '
	make_agreement
	amend_4
	samv_run samv-agreement show --version 1 --json
	expect_status 0
	grep -q "\"Parterna möts två gånger om året.\"" ../.out
	samv_run samv-agreement show --as-of 2026-09-14
	head -2 ../.out >../head
	printf "Överenskommelsen\nVersion 1 of 2026-03-10, on decision anta; adopted 2026-03-10.\n" | cmp - ../head
	samv_run samv-agreement show --as-of 2026-09-15
	head -2 ../.out >../head
	printf "Överenskommelsen\nVersion 2 of 2026-09-15, on decision klausul-4; adopted 2026-03-10.\n" | cmp - ../head
	samv_run samv-agreement show --rev HEAD~1 --json
	grep -q "\"version\": 1," ../.out
	samv_run samv-agreement show --as-of 2026-03-09
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: no version of the Agreement on or before 2026-03-09 (version 1 is of 2026-03-10)
	EOT
	samv_run samv-agreement show --version 3
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: no version 3 of the Agreement (the latest is 2)
	EOT
	samv_run samv-agreement show --version two
	expect_status 2
	expect_err <<-\EOT
	samv-agreement: --version: '"'"'two'"'"' is not a version number (1, 2, ...)
	EOT
	samv_run samv-agreement show --version 1 --as-of 2026-09-15
	expect_status 2
	expect_err <<-\EOT
	samv-agreement: show: give one of --version, --as-of and --rev
	EOT
	samv_run samv-agreement show --as-of 2026-02-30
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: --as-of: '"'"'2026-02-30'"'"' is not a date (YYYY-MM-DD)
	EOT
	samv_run samv-agreement show --format html
	expect_status 2
	expect_err <<-\EOT
	samv-agreement: --format: '"'"'html'"'"' is not one of text, markdown
	EOT
'

test_case 'diff: clause by clause and purpose by purpose, old and new text' '
	make_agreement
	amend_4
	samv_run samv-agreement diff 1 2
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	--- version 1 of 2026-03-10, decision anta
	+++ version 2 of 2026-09-15, decision klausul-4
	added purpose e
	+Välfärdsluckor
	changed clause 4
	-Parterna möts två gånger om året.
	+heading: Möten
	+Parterna möts fyra gånger om året.
	+Mötena är öppna.
	EOT
	cp ../.out ../explicit
	samv_run samv-agreement diff 1
	cmp ../explicit ../.out
	samv_run samv-agreement diff 2 1
	expect_out <<-\EOT
	--- version 2 of 2026-09-15, decision klausul-4
	+++ version 1 of 2026-03-10, decision anta
	removed purpose e
	-Välfärdsluckor
	changed clause 4
	-heading: Möten
	-Parterna möts fyra gånger om året.
	-Mötena är öppna.
	+Parterna möts två gånger om året.
	EOT
	samv_run samv-agreement diff 2 2
	expect_out <<-\EOT
	--- version 2 of 2026-09-15, decision klausul-4
	+++ version 2 of 2026-09-15, decision klausul-4
	EOT
	samv_run samv-agreement diff 1 --json
	sed -n "/\"changes\"/,\$p" ../.out >../changes
	cat >../want <<-\EOT
	  "changes": [
	    {
	      "change": "added",
	      "what": "purpose",
	      "id": "e",
	      "new": "Välfärdsluckor"
	    },
	    {
	      "change": "changed",
	      "what": "clause",
	      "id": "4",
	      "old": {
	        "id": "4",
	        "text": "Parterna möts två gånger om året."
	      },
	      "new": {
	        "id": "4",
	        "heading": "Möten",
	        "text": "Parterna möts fyra gånger om året.\nMötena är öppna."
	      }
	    }
	  ]
	}
	EOT
	cmp ../want ../changes
	samv_run samv-agreement diff 1 7
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: no version 7 of the Agreement (the latest is 2)
	EOT
	samv_run samv-agreement diff
	expect_status 2
	expect_err <<-\EOT
	samv-agreement: diff: expected one or two version numbers (usage: samv-agreement diff V1 [V2])
	EOT
'

test_case 'blame: the version, date, decision and meeting that last changed each purpose and clause' '
	make_agreement
	amend_4
	samv_run samv-agreement blame
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	purpose a  1  2026-03-10  anta       stor-mars
	purpose b  1  2026-03-10  anta       stor-mars
	purpose c  1  2026-03-10  anta       stor-mars
	purpose d  1  2026-03-10  anta       stor-mars
	purpose e  2  2026-09-15  klausul-4  stor-sept
	clause 1   1  2026-03-10  anta       stor-mars
	clause 4   2  2026-09-15  klausul-4  stor-sept
	clause 10  1  2026-03-10  anta       stor-mars
	EOT
	samv_run samv-agreement blame --json
	grep -A8 "\"id\": \"4\"" ../.out >../c4
	cat >../want <<-EOT
	    "id": "4",
	    "version": 2,
	    "date": "2026-09-15",
	    "decision": "klausul-4",
	    "meeting": "stor-sept",
	    "commit": "$(git rev-parse HEAD~0)",
	    "author": "Eva Lind",
	    "time": "$(git log -1 --format=%aI)"
	  },
	EOT
	cmp ../want ../c4
'

test_case 'auditor: which decision changed clause 4, in which meeting, who recorded it and when (git log only)' '
	make_agreement
	amend_4
	samv-actor add --id rotary --name Rotary --sector civil --kind association --level local >/dev/null
	git log --format="%(trailers:key=Samv-Decision,valueonly,separator=%x2C)" -- agreement/clauses/4.json >../got
	printf "klausul-4\nanta\n" | cmp - ../got
	git log --grep="^Samv-Clause: 4$" \
		--format="%h %(trailers:key=Samv-Decision,valueonly,separator=%x2C) %(trailers:key=Samv-Meeting,valueonly,separator=%x2C) %an %ad" \
		--date=format:%Y-%m-%dT%H:%M >../got
	v1=$(git log --format=%h --abbrev=7 -1 --grep="^Samv-Agreement-Version: 1$")
	v2=$(git log --format=%h --abbrev=7 -1 --grep="^Samv-Agreement-Version: 2$")
	cat >../want <<-EOT
	$v2 klausul-4 stor-sept Eva Lind $(git log -1 --format=%ad --date=format:%Y-%m-%dT%H:%M $v2)
	$v1 anta stor-mars Eva Lind $(git log -1 --format=%ad --date=format:%Y-%m-%dT%H:%M $v1)
	EOT
	cmp ../want ../got
	test "$(git log -1 --format=%ad --date=format:%Y-%m-%dT%H:%M $v2)" != "$(git log -1 --format=%ad --date=format:%Y-%m-%dT%H:%M $v1)"
	git log --format="%(trailers:key=Samv-Agreement-Version,valueonly,separator=%x2C) %(trailers:key=Samv-Decision,valueonly,separator=%x2C)" -- agreement/ >../got
	printf "2 klausul-4\n1 anta\n" | cmp - ../got
	git log --format=%s --grep="^Samv-Decision: klausul-4$" >../got
	printf "agreement: version 2 (decision klausul-4)\ndecision: add klausul-4\n" | cmp - ../got
	git log --format=%s --grep="^Samv-Purpose: e$" >../got
	printf "agreement: version 2 (decision klausul-4)\n" | cmp - ../got
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "amend refused: $name" "
		make_agreement
		decision proposed-1 proposed
		decision revoked-1 proposed
		samv-decision revoke revoked-1 --date 2026-10-02 >/dev/null
		decision ok-1 adopted
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
an unknown clause|1|samv-agreement: --change-clause: no clause '9' in the Agreement (see --add-clause)|samv-agreement amend --decision ok-1 --change-clause 9=Nio
removing an unknown clause|1|samv-agreement: --remove-clause: no clause '9' in the Agreement|samv-agreement amend --decision ok-1 --remove-clause 9
no decision|2|samv-agreement: amend: --decision is required: the Agreement changes only on an adopted decision|samv-agreement amend --change-clause 4=Fyra
a proposed decision|1|samv-agreement: decision 'proposed-1' is proposed, not adopted; the Agreement changes only on an adopted decision|samv-agreement amend --decision proposed-1 --change-clause 4=Fyra
a revoked decision|1|samv-agreement: decision 'revoked-1' is revoked, not adopted; the Agreement changes only on an adopted decision|samv-agreement amend --decision revoked-1 --change-clause 4=Fyra
an unknown decision|1|samv-agreement: --decision: no decision 'nope' (see samv-decision list)|samv-agreement amend --decision nope --change-clause 4=Fyra
a bad date|1|samv-agreement: --date: '2026-02-30' is not a date (YYYY-MM-DD)|samv-agreement amend --decision ok-1 --change-clause 4=Fyra --date 2026-02-30
a date before the current version|1|samv-agreement: --date 2026-01-01 is before version 1 of 2026-03-10; versions follow each other in time|samv-agreement amend --decision ok-1 --change-clause 4=Fyra --date 2026-01-01
a date before its decision|1|samv-agreement: --date: 2026-05-01 is before decision 'ok-1' of 2026-10-01|samv-agreement amend --decision ok-1 --change-clause 4=Fyra --date 2026-05-01
a date in the future|1|samv-agreement: --date: 2026-12-01 is in the future (today is 2026-11-23)|samv-agreement amend --decision ok-1 --change-clause 4=Fyra --date 2026-12-01
removing a purpose an arena serves|1|samv-agreement: --remove-purpose: purpose 'a' is still served by arena 'stor'; take it out of its serves first (samv-arena edit stor --remove-serves a)|samv-agreement amend --decision ok-1 --remove-purpose a
removing an unknown purpose|1|samv-agreement: --remove-purpose: no purpose 'x' in the Agreement|samv-agreement amend --decision ok-1 --remove-purpose x
a purpose key that is not a letter|1|samv-agreement: --add-purpose: invalid purpose key 'ab': one letter a-z|samv-agreement amend --decision ok-1 --add-purpose ab=Text
adding a purpose that exists|1|samv-agreement: --add-purpose: purpose 'a' already exists (see --change-purpose)|samv-agreement amend --decision ok-1 --add-purpose a=Text
adding a clause that exists|1|samv-agreement: --add-clause: clause '4' already exists (see --change-clause)|samv-agreement amend --decision ok-1 --add-clause 4=Fyra
a clause id with a slash|1|samv-agreement: --add-clause: invalid clause id '4/1': no '/' or '..' in ids|samv-agreement amend --decision ok-1 --add-clause 4/1=Text
a clause id with dot-dot|1|samv-agreement: --remove-clause: invalid clause id '..': no '/' or '..' in ids|samv-agreement amend --decision ok-1 --remove-clause ..
a clause named twice|1|samv-agreement: --add-clause: clause '4' is already changed by another option|samv-agreement amend --decision ok-1 --remove-clause 4 --add-clause 4=Fyra
a KEY given twice|1|samv-agreement: --add-clause: '5' is given twice|samv-agreement amend --decision ok-1 --add-clause 5=Fem --add-clause 5=Five
a heading of an unknown clause|1|samv-agreement: --heading: no clause '9' in the Agreement|samv-agreement amend --decision ok-1 --heading 9=Nio
an empty clause text|1|samv-agreement: --add-clause: clause '5' needs a text|samv-agreement amend --decision ok-1 --add-clause 5=
not KEY=TEXT|2|samv-agreement: --add-clause: expected KEY=TEXT, not 'fem'|samv-agreement amend --decision ok-1 --add-clause fem
an unknown party|1|samv-agreement: --add-party: no actor 'nobody' (see samv-actor list)|samv-agreement amend --decision ok-1 --add-party nobody
removing a non-party|1|samv-agreement: --remove-party: 'rotary' is not a party to the Agreement|samv-agreement amend --decision ok-1 --remove-party rotary
a change to the same text|1|samv-agreement: nothing to change: the amendment leaves the Agreement as it is|samv-agreement amend --decision ok-1 --change-clause 1=Parterna\ samverkar.
no changes given|2|samv-agreement: amend: nothing to change given (see samv-agreement amend --help)|samv-agreement amend --decision ok-1
an operand|2|samv-agreement: amend: unexpected argument '4' (usage: samv-agreement amend --decision ID CHANGES...)|samv-agreement amend 4 --decision ok-1
adopting again|1|samv-agreement: the Agreement already exists (version 1); change it with samv-agreement amend|samv-agreement adopt --decision ok-1 --title Ny
an unknown command|2|samv-agreement: unknown command 'edit' (see samv-agreement --help)|samv-agreement edit
TABLE

test_case 'amend refused: invalid UTF-8 in a text, in a file, in a title' '
	make_agreement
	decision ok-1 adopted
	printf "bad \377 text" >../bad
	fails 1 "samv-agreement: --change-clause: invalid UTF-8" samv-agreement amend --decision ok-1 --change-clause "4=$(printf "\377")"
	fails 1 "samv-agreement: --change-clause: ../bad: invalid UTF-8 or a NUL byte at byte 5" samv-agreement amend --decision ok-1 --change-clause 4=@../bad
	fails 1 "samv-agreement: --title: invalid UTF-8" samv-agreement amend --decision ok-1 --title "$(printf "T\377")"
'

test_case 'amend refused: removing a purpose a proposed decision serves; without an Agreement' '
	make_agreement
	samv-arena edit stor --remove-serves a >/dev/null
	samv-decision add --id tjanar --kind anchor --level arena --title T --text T --date 2026-04-01 --serves b \
		>/dev/null
	decision ok-2 adopted
	fails 1 "samv-agreement: --remove-purpose: purpose '"'"'b'"'"' is still served by decision '"'"'tjanar'"'"'; take it out of its serves first (samv-decision edit tjanar --remove-serves b)" \
		samv-agreement amend --decision ok-2 --remove-purpose b
	samv_run samv-agreement amend --decision ok-2 --remove-purpose a
	expect_status 0
	expect_out <<-\EOT
	2
	EOT
	cd .. && rm -rf repo && make_repo
	decision ok-1 adopted
	fails 1 "samv-agreement: no Agreement yet (see samv-agreement adopt)" samv-agreement amend --decision ok-1 --change-clause 1=Ett
'

test_case 'adopt refused: no decision, a proposed one, bad input' '
	make_repo
	decision proposed-1 proposed
	decision ok-1 adopted
	fails 2 "samv-agreement: adopt: --decision is required: the Agreement is adopted only on an adopted decision" \
		samv-agreement adopt --title T
	fails 1 "samv-agreement: decision '"'"'proposed-1'"'"' is proposed, not adopted; the Agreement changes only on an adopted decision" \
		samv-agreement adopt --decision proposed-1 --title T
	fails 1 "samv-agreement: title: required (--title)" samv-agreement adopt --decision ok-1 --clause 1=Ett
	fails 1 "samv-agreement: invalid clause id '"'"'../x'"'"': no '"'"'/'"'"' or '"'"'..'"'"' in ids" \
		samv-agreement adopt --decision ok-1 --title T --clause ../x=Ett
	fails 1 "samv-agreement: --heading: no --clause '"'"'2'"'"' to give it to" \
		samv-agreement adopt --decision ok-1 --title T --clause 1=Ett --heading 2=Två
	fails 1 "samv-agreement: --date: '"'"'2026-13-01'"'"' is not a date (YYYY-MM-DD)" \
		samv-agreement adopt --decision ok-1 --title T --date 2026-13-01
	echo "{\"title\": \"T\", \"version\": 3}" >../doc.json
	fails 1 "samv-agreement: '"'"'version'"'"' is not part of an Agreement (title, parties, adopted, note, purposes, clauses)" \
		samv-agreement adopt --decision ok-1 --stdin <../doc.json
	echo "{\"title\": \"T\", \"clauses\": [{\"id\": \"1\", \"text\": \"a\"}, {\"id\": \"1\", \"text\": \"b\"}]}" >../doc.json
	fails 1 "samv-agreement: clauses: clause '"'"'1'"'"' is listed twice" \
		samv-agreement adopt --decision ok-1 --stdin <../doc.json
	fails 2 "samv-agreement: adopt: --stdin reads the whole Agreement; give no --title, --party, --purpose, --clause or --heading with it" \
		samv-agreement adopt --decision ok-1 --stdin --title T
'

test_case 'samv-check: a change of the Agreement in history without an adopted decision' '
	make_agreement
	samv_run samv-check
	expect_status 0
	expect_no_out
	echo "{\"id\": \"9\", \"text\": \"Nio.\"}" | sed "s/, /,\n  /; s/{/{\n  /; s/}/\n}/" >agreement/clauses/9.json
	git add agreement && git commit -q -m "clause 9 by hand"
	bare=$(short HEAD)
	# each version a different size: git must not take a change made in
	# the same second as the last index write for no change
	printf "{\n  \"id\": \"9\",\n  \"text\": \"Nio!!\"\n}\n" >agreement/clauses/9.json
	samv-decision add --id forslag --kind anchor --level arena --title F --text F --date 2026-05-01 >/dev/null
	git add agreement && git commit -q -m "clause 9 proposed" -m "Samv-Decision: forslag"
	proposed=$(short HEAD)
	printf "{\n  \"id\": \"9\",\n  \"text\": \"Nio???\"\n}\n" >agreement/clauses/9.json
	git add agreement && git commit -q -m "clause 9 on nothing" -m "Samv-Decision: finns-inte"
	unknown=$(short HEAD)
	printf "{\n  \"id\": \"9\",\n  \"text\": \"Nio, nu.\"\n}\n" >agreement/clauses/9.json
	git add agreement && git commit -q -m "clause 9 done right" -m "Samv-Decision: anta"
	samv_run samv-check
	expect_status 1
	sort >../want <<-EOT
	agreement/agreement.json:1:1: agreement-without-decision: commit $bare changed the Agreement without a Samv-Decision trailer
	agreement/agreement.json:1:1: agreement-without-decision: commit $proposed changed the Agreement on decision '"'"'forslag'"'"', which is proposed, not adopted
	agreement/agreement.json:1:1: agreement-without-decision: commit $unknown changed the Agreement on decision '"'"'finns-inte'"'"', which is not in that commit'"'"'s tree
	EOT
	sort ../.out | cmp ../want -
	samv_run samv-check --no-history
	expect_status 0
	expect_no_out
	samv_run samv-check --rev HEAD~3
	expect_status 1
	expect_out <<-EOT
	agreement/agreement.json:1:1: agreement-without-decision: commit $bare changed the Agreement without a Samv-Decision trailer
	EOT
	samv_run samv-check --rev HEAD~5
	expect_status 0
	expect_no_out
	samv_run samv-check --json
	grep -c "\"code\": \"agreement-without-decision\"" ../.out >../n
	echo 3 | cmp - ../n
'

test_case 'samv-check: arenas and decisions must serve purposes the Agreement has' '
	make_repo
	samv-arena add --id fri --name Fri --kind council --serves x >/dev/null
	samv_run samv-check
	expect_status 0
	expect_no_out
	cd .. && rm -rf repo && make_agreement
	snapshot
	samv_run samv-arena add --id fri --name Fri --kind council --serves b --serves x
	expect_status 1
	expect_err <<-\EOT
	samv-arena: serves: the Agreement has no purpose '"'"'x'"'"' (see samv-agreement show)
	EOT
	unchanged
	# files changed by hand are what samv-check is for
	samv-arena add --id fri --name Fri --kind council --serves b >/dev/null
	decision ok-1 proposed
	fri=$(git ls-files arenas | grep /fri.json)
	ok=$(git ls-files decisions | grep /ok-1.json)
	sed -i "s/^    \"b\"\$/    \"b\",\n    \"x\"/" "$fri"
	sed -i "s/^\(  \"date\": .*\),\$/\1,\n  \"serves\": [\n    \"z\"\n  ],/" "$ok"
	mkdir -p agreement/purposes
	printf "{\n  \"id\": \"ab\",\n  \"text\": \"Två bokstäver\"\n}\n" >agreement/purposes/ab.json
	samv_run samv-check
	expect_status 1
	sort >../want <<-EOT
	$fri:5:3: unknown-purpose: serves: the Agreement has no purpose '"'"'x'"'"'
	$ok:8:3: unknown-purpose: serves: the Agreement has no purpose '"'"'z'"'"'
	agreement/purposes/ab.json:2:3: bad-id: a purpose'"'"'s key is one letter a-z, not '"'"'ab'"'"'
	EOT
	sort ../.out | cmp ../want -
'

test_case 'help, completion and completion values' '
	make_agreement
	samv_run samv-agreement --completion-helper
	expect_out <<-\EOT
	adopt
	amend
	show
	history
	diff
	blame
	--dir=
	--help
	--version
	EOT
	samv_run samv-agreement show --completion-helper
	expect_out <<-\EOT
	--version=
	--as-of=
	--rev=
	--json
	--format=
	--lang=
	--dir=
	--help
	EOT
	samv_run samv-agreement amend --completion-values=--decision
	expect_out <<-\EOT
	anta
	EOT
	samv_run samv-agreement show --completion-values=--format
	expect_out <<-\EOT
	text
	markdown
	EOT
	samv_run samv-agreement --version
	head -1 ../.out >../first
	echo "samv-agreement (samv) 0.1.0" | cmp - ../first
	samv_run samv-agreement amend --help
	expect_status 0
	head -1 ../.out >../first
	echo "usage: samv-agreement amend --decision ID CHANGES..." | cmp - ../first
	grep -q -- "--remove-clause=ID" ../.out
	samv_run samv-agreement
	expect_status 2
	expect_err <<-\EOT
	samv-agreement: no command given (see samv-agreement --help)
	EOT
'

test_case 'a purpose served by decisions already taken can leave the Agreement; a proposal keeps it' '
	make_agreement
	samv-decision add --id tagen --kind anchor --level arena --title T --text T --date 2026-10-01 \
		--serves c --status adopted >/dev/null
	samv-decision add --id forslag --kind anchor --level arena --title F --text F --date 2026-10-01 \
		--serves c >/dev/null
	decision ta-bort adopted
	snapshot
	samv_run samv-agreement amend --decision ta-bort --remove-purpose c
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: --remove-purpose: purpose '"'"'c'"'"' is still served by decision '"'"'forslag'"'"'; take it out of its serves first (samv-decision edit forslag --remove-serves c)
	EOT
	unchanged
	samv-decision edit forslag --remove-serves c >/dev/null
	samv_run samv-agreement amend --decision ta-bort --remove-purpose c
	expect_status 0
	samv-check
	samv_run samv-decision supersede tagen --by forslag
	expect_status 0
	samv_run samv-decision adopt forslag
	expect_status 0
	samv-decision show tagen --json | jq -c "[.status, .serves]" >../got
	echo "[\"superseded\",[\"c\"]]" | cmp - ../got
	samv_run samv-decision edit forslag --serves c
	expect_status 1
'

test_case 'adopt refused: an arena serves a purpose the new Agreement does not have' '
	make_repo
	samv-arena add --id fri --name Fri --kind council --serves a --serves x >/dev/null
	decision ok-1 adopted
	snapshot
	samv_run samv-agreement adopt --decision ok-1 --title T --purpose a=Dialog
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: arena '"'"'fri'"'"' serves purpose '"'"'x'"'"', which the Agreement does not have; give it (--purpose x=TEXT) or take it out (samv-arena edit fri --remove-serves x)
	EOT
	unchanged
	samv_run samv-agreement adopt --decision ok-1 --title T --purpose a=Dialog --purpose x=Annat
	expect_status 0
	samv-check
'

test_case 'history: a version broken by hand says what is wrong, not that the Agreement was removed' '
	make_agreement
	printf "{ broken" >agreement/agreement.json
	git commit -qam "broken by hand"
	c2=$(short HEAD)
	samv_run samv-agreement history
	expect_status 0
	tail -n 1 ../.out >../got
	cat >../want <<-EOT
	-  -           -     -          $c2  Eva Lind  not a valid Agreement: agreement/agreement.json:1:4: JSON syntax error
	EOT
	cmp ../want ../got || { diff ../want ../got >&2; false; }
'
