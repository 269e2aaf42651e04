# samv-challenge and samv-target: what the collaboration is about and whom
# it is for; references checked on write and by samv-check.

# make_repo, an arena, a decision and a target group
ch_repo() {
	make_repo &&
		samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting --member region >/dev/null &&
		samv-decision add --id fokus --kind anchor --level arena --title Fokus --text "Unga vuxna." \
			--date 2026-11-10 --arena stor --status adopted >/dev/null &&
		samv-target add --id unga --name "Unga vuxna 18-29 år" --area Linköping >/dev/null &&
		test_tick
}

test_case 'challenge add: the record, one commit with its trailers, show and list' '
	ch_repo
	samv_run samv-challenge add --id ensamhet --title "Ofrivillig ensamhet bland unga vuxna" \
		--kind welfare-gap --serves d --target unga --arena stor --decision fokus --started 2026-11-10
	expect_status 0
	expect_out <<-\EOT
	ensamhet
	EOT
	expect_no_err
	path=$(git ls-files challenges)
	test "$path" = challenges/8d/ensamhet.json
	cat >../want <<-\EOT
	{
	  "id": "ensamhet",
	  "title": "Ofrivillig ensamhet bland unga vuxna",
	  "kind": "welfare-gap",
	  "serves": [
	    "d"
	  ],
	  "targets": [
	    "unga"
	  ],
	  "arenas": [
	    "stor"
	  ],
	  "decisions": [
	    "fokus"
	  ],
	  "status": "active",
	  "started": "2026-11-10"
	}
	EOT
	cmp ../want "$path"
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	challenge: add ensamhet

	Ofrivillig ensamhet bland unga vuxna

	Samv-Command: samv-challenge add
	Samv-Challenge: ensamhet
	Samv-Record: $path
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	samv_run samv-challenge show ens
	expect_out <<-\EOT
	id:        ensamhet
	title:     Ofrivillig ensamhet bland unga vuxna
	kind:      welfare-gap
	serves:    d
	targets:   unga
	arenas:    stor
	decisions: fokus
	status:    active
	started:   2026-11-10
	EOT
	samv_run samv challenge list --target unga
	expect_out <<-\EOT
	ensamhet  Ofrivillig ensamhet bland unga vuxna  welfare-gap  active
	EOT
	samv-check
	test -z "$(git status --porcelain)"
'

test_case 'challenge close hides it from list; --all and edit --status bring it back' '
	ch_repo
	samv-challenge add --id ensamhet --title Ensamhet >/dev/null
	samv_run samv-challenge close ensamhet
	expect_status 0
	expect_no_out
	test "$(git log -1 --format=%s)" = "challenge: close ensamhet"
	samv_run samv-challenge list
	expect_no_out
	samv_run samv-challenge list --all --ids
	expect_out <<-\EOT
	ensamhet
	EOT
	samv-challenge edit ensamhet --status active
	test "$(samv-challenge show ensamhet --json | jq -r .status)" = active
'

test_case 'challenge --json: every field, null when absent; edit --stdin takes it back' '
	ch_repo
	samv-challenge add --id ensamhet --title Ensamhet --arena stor >/dev/null
	samv_run samv-challenge show ensamhet --json
	expect_out <<-\EOT
	{
	  "id": "ensamhet",
	  "title": "Ensamhet",
	  "kind": null,
	  "description": null,
	  "serves": null,
	  "targets": null,
	  "arenas": [
	    "stor"
	  ],
	  "decisions": null,
	  "status": "active",
	  "started": null,
	  "note": null
	}
	EOT
	samv-challenge show ensamhet --json | jq ".description = \"Unga faller mellan stolarna.\"" |
		samv_run samv-challenge edit ensamhet --stdin
	expect_status 0
	test "$(git log -1 --format=%b | head -1)" = "Changed: description"
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "challenge refused: $name" "
		ch_repo
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
an unknown target group|1|samv-challenge: --target: no target 'gamla' (see samv-target list)|samv-challenge add --title X --target gamla
an unknown arena|1|samv-challenge: --arena: no arena 'ingen' (see samv-arena list)|samv-challenge add --title X --arena ingen
an unknown decision|1|samv-challenge: --decision: no decision 'beslut' (see samv-decision list)|samv-challenge add --title X --decision beslut
an unknown kind|1|samv-challenge: kind: 'problem' is not one of societal-challenge, welfare-gap|samv-challenge add --title X --kind problem
a purpose key that is no letter|1|samv-challenge: serves: 'dd' is not a purpose key (a single letter a-z)|samv-challenge add --title X --serves dd
an id with a slash|1|samv-challenge: invalid id 'a/b': no '/' or '..' in ids|samv-challenge add --id a/b --title X
an id with dot-dot|1|samv-challenge: invalid challenge '../x': no '/' or '..' in ids|samv-challenge show ../x
no title|1|samv-challenge: title: required (--title)|samv-challenge add --kind welfare-gap
an unknown option|2|samv-challenge: unknown option '--colour'|samv-challenge add --title X --colour red
an unknown field on standard input|1|samv-challenge: 'colour' is not a field of challenge records|sh -c 'echo "{\"title\": \"X\", \"colour\": \"red\"}" | samv-challenge add --stdin'
an unknown target group as a list filter|2|samv-challenge: --target: no target 'nope' (see samv-target list)|samv-challenge list --target nope
TABLE

test_case 'challenge serves only purposes of the Agreement, and holds a purpose in it' '
	ch_repo
	samv-agreement adopt --decision fokus --title Överenskommelsen --party region \
		--purpose a=Dialog --purpose d=Lösningar --clause 1=Text >/dev/null
	fails 1 "samv-challenge: serves: the Agreement has no purpose '"'"'b'"'"' (see samv-agreement show)" \
		samv-challenge add --title X --serves b
	samv-challenge add --id ensamhet --title Ensamhet --serves d >/dev/null
	samv-decision add --id ny --kind anchor --level political --title Ny --text Ny. --date 2026-11-20 \
		--status adopted >/dev/null
	snapshot
	samv_run samv-agreement amend --decision ny --remove-purpose d
	expect_status 1
	expect_err <<-\EOT
	samv-agreement: --remove-purpose: purpose '"'"'d'"'"' is still served by challenge '"'"'ensamhet'"'"'; take it out of its serves first (samv-challenge edit ensamhet --remove-serves d)
	EOT
	unchanged
'

test_case 'samv-check: a challenge naming a target group, arena or decision not there' '
	ch_repo
	samv-challenge add --id ensamhet --title Ensamhet --target unga --arena stor --decision fokus >/dev/null
	f=$(git ls-files challenges)
	jq ".targets = [\"borta\"] | .decisions = [\"inget\"]" "$f" >../x && mv ../x "$f"
	git commit -qam "by hand"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$f:4:3: bad-ref: targets: unknown target '"'"'borta'"'"'
	$f:10:3: bad-ref: decisions: unknown decision '"'"'inget'"'"'
	EOT
'

test_case 'target: add, list, show, retire, and an arena that names it' '
	ch_repo
	samv_run samv-target add --name "Äldre som bor ensamma" --description "Äldre utan nätverk"
	expect_status 0
	grep -Eq "^aldre-som-bor-ensamma-[0-9a-z]{6}\$" "$TRASH/.out"
	id=$(out)
	samv_run samv-arena edit stor --target unga --target "$id"
	expect_status 0
	test "$(samv-arena show stor --json | jq -c .targets)" = "[\"$id\",\"unga\"]"
	samv_run samv-target retire unga --date 2026-11-20
	expect_status 0
	test "$(samv-target show unga --json | jq -r .status,.retired)" = "retired
2026-11-20"
	samv_run samv-target list
	expect_out <<-EOT
	$id  Äldre som bor ensamma  -  active
	EOT
	samv-check
	samv_run samv-target list --all --area Linköping
	expect_out <<-\EOT
	unga  Unga vuxna 18-29 år  Linköping  retired
	EOT
'

test_case 'samv log: a challenge and a target group have their history' '
	ch_repo
	samv-challenge add --id ensamhet --title Ensamhet >/dev/null
	test_tick
	samv-challenge edit ensamhet --target unga
	samv_run samv-log ensamhet --json
	expect_status 0
	test "$(jq -r ".commits[].subject" "$TRASH/.out")" = "challenge: edit ensamhet
challenge: add ensamhet"
	samv_run samv-log ensamhet -n 1
	grep -q "^    challenge: edit ensamhet\$" "$TRASH/.out"
	grep -q "+ targets: \[\"unga\"\]" "$TRASH/.out"
	test "$(git log --format=%s --grep="^Samv-Challenge: ensamhet\$")" = "challenge: edit ensamhet
challenge: add ensamhet"
'

test_case 'the arena report lists the challenges the arena works on; the summary all active ones' '
	ch_repo
	samv-arena add --id ag --name Arbetsgrupp --kind working-group >/dev/null
	samv-challenge add --id ensamhet --title "Ofrivillig ensamhet" --kind welfare-gap --serves d \
		--target unga --arena stor --started 2026-11-10 >/dev/null
	samv-challenge add --id annat --title "Annat" --arena ag >/dev/null
	samv-challenge add --id gammal --title "Gammal" --arena stor >/dev/null
	samv-challenge close gammal
	samv_run samv-report arena stor --period 2026 --lang en
	expect_status 0
	sed -n "/^Challenges\$/,/^\$/p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	Challenges
	  Challenge            Kind         Serves  Target groups        Arenas          Started
	  Ofrivillig ensamhet  welfare-gap  d       Unga vuxna 18-29 år  Storgruppsmöte  2026-11-10
	EOT
	cmp ../want ../got
	grep -Eqx "Challenges taken up +1" "$TRASH/.out"
	samv_run samv-report arena stor --period 2026 --lang sv
	grep -Eqx "  Ofrivillig ensamhet +välfärdslucka +d +Unga vuxna 18-29 år +Storgruppsmöte +2026-11-10" "$TRASH/.out"
	grep -Eqx "Samhällsutmaningar som tagits upp +1" "$TRASH/.out"
	samv_run samv-report summary --period 2026-11 --json
	test "$(jq -c "[.sections[] | select(.id == \"challenges\") | .rows[].title]" "$TRASH/.out")" = "[\"Annat\",\"Ofrivillig ensamhet\"]"
'
