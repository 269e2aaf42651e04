# samv-glossary: the terms the parties agreed on (a common language).

gl_repo() {
	make_repo &&
		samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting >/dev/null &&
		samv-meeting plan --id m1 --arena stor --title "Gemensamt språk" --date 2026-11-20 >/dev/null &&
		test_tick
}

test_case 'glossary add: a term with its variants, agreed at a meeting; list and show' '
	gl_repo
	samv_run samv-glossary add --term gränsgångare --translation "boundary spanner" \
		--definition "En person som korsar sin organisations gräns." --variant kontaktperson \
		--variant brobyggare --meeting m1 --agreed 2026-11-20
	expect_status 0
	grep -Eq "^gransgangare-[0-9a-z]{6}\$" "$TRASH/.out"
	id=$(out)
	path=$(git ls-files glossary)
	case $path in glossary/??/$id.json) ;; *) false ;; esac
	test "$(git log -1 --format=%s)" = "term: add $id"
	git log -1 --format=%B | grep -qx "Samv-Meeting: m1"
	git log -1 --format=%B | grep -qx "Samv-Arena: stor" && false
	# the variants keep the order they were given in
	test "$(jq -c .variants "$path")" = "[\"kontaktperson\",\"brobyggare\"]"
	samv_run samv-glossary list
	expect_out <<-EOT
	$id  gränsgångare  sv  boundary spanner  agreed
	EOT
	samv_run samv-glossary show "$id"
	expect_out <<-EOT
	id:          $id
	term:        gränsgångare
	language:    sv
	translation: boundary spanner
	definition:  En person som korsar sin organisations gräns.
	variants:    kontaktperson
	             brobyggare
	meeting:     m1
	agreed:      2026-11-20
	status:      agreed
	EOT
	samv-check
'

test_case 'glossary: English terms, proposed ones, filters, retire' '
	gl_repo
	samv-glossary add --id anchor --term anchor --language en --translation ankare \
		--definition "A formal decision that fixes a point." --status proposed >/dev/null
	samv-glossary add --id ankare --term ankare --translation anchor --definition "Ett beslut som fäster." >/dev/null
	samv_run samv-glossary list --language en --ids
	expect_out <<-\EOT
	anchor
	EOT
	samv_run samv-glossary list --status proposed --ids
	expect_out <<-\EOT
	anchor
	EOT
	samv_run samv-glossary retire anchor
	expect_status 0
	test "$(git log -1 --format=%s)" = "term: retire anchor"
	samv_run samv-glossary list --ids
	expect_out <<-\EOT
	ankare
	EOT
	samv_run samv glossary list --json --all
	test "$(jq -c "[.[] | [.id, .status, .variants]]" "$TRASH/.out")" = "[[\"anchor\",\"retired\",null],[\"ankare\",\"agreed\",null]]"
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "glossary refused: $name" "
		gl_repo
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
no definition|1|samv-glossary: definition: required|samv-glossary add --term x
no term|1|samv-glossary: term: required (--term)|samv-glossary add --definition x
a language samv does not know|1|samv-glossary: language: 'de' is not one of sv, en|samv-glossary add --term x --definition y --language de
an unknown meeting|1|samv-glossary: --meeting: no meeting 'm9' (see samv-meeting list)|samv-glossary add --term x --definition y --meeting m9
an unknown decision|1|samv-glossary: --decision: no decision 'd9' (see samv-decision list)|samv-glossary add --term x --definition y --decision d9
a date that is none|1|samv-glossary: agreed: '2026-02-30' is not a date (YYYY-MM-DD)|samv-glossary add --term x --definition y --agreed 2026-02-30
an id with a slash|1|samv-glossary: invalid id 'a/b': no '/' or '..' in ids|samv-glossary add --id a/b --term x --definition y
an unknown term|1|samv-glossary: no term 'ingen' (see samv-glossary list)|samv-glossary show ingen
TABLE

test_case 'the summary lists the terms agreed in the period, with a figure' '
	gl_repo
	samv-glossary add --id gg --term gränsgångare --translation "boundary spanner" \
		--definition "En person som korsar gränsen." --agreed 2026-11-20 >/dev/null
	samv-glossary add --id gammal --term samverkan --definition "Att göra något tillsammans." \
		--agreed 2025-01-10 >/dev/null
	samv_run samv-report summary --period 2026-11 --lang en
	expect_status 0
	grep -qx "Terms agreed                  1" "$TRASH/.out"
	sed -n "/^Terms agreed\$/,/^\$/p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	Terms agreed
	  Term          Translation       Definition                     Agreed
	  gränsgångare  boundary spanner  En person som korsar gränsen.  2026-11-20
	EOT
	cmp ../want ../got
	samv_run samv-report summary --period 2026-10 --json
	test "$(jq "[.sections[] | select(.id == \"terms\")] | length" "$TRASH/.out")" = 0
'
