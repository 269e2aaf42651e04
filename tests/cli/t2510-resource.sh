# samv-resource: money, time and premises each party puts in; the rules
# across fields, ending, and the totals of samv-report.

res_repo() {
	make_repo &&
		samv-actor add --id ifk --name "IFK Norrköping" --sector civil --kind association --level local >/dev/null &&
		samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting --member region >/dev/null &&
		samv-challenge add --id ensamhet --title "Ofrivillig ensamhet" --arena stor >/dev/null &&
		samv-decision add --id medel --kind anchor --level political --title Medel --text Medel. \
			--date 2026-01-15 --status adopted >/dev/null &&
		test_tick
}

# the process leaders (2 x 50 %), earmarked funds, free time, premises
res_fill() {
	samv-resource add --id pl-1 --title "Processledare" --kind time --actor region --percent 50 \
		--basis paid --arena stor --decision medel --from 2026-01-01 >/dev/null &&
		samv-resource add --id pl-2 --title "Processledare" --kind time --actor region --percent 50 \
			--basis paid --arena stor --decision medel --from 2026-01-01 >/dev/null &&
		samv-resource add --id medel-2026 --title "Öronmärkta medel" --kind money --actor region \
			--amount 300000 --currency SEK --challenge ensamhet --decision medel \
			--from 2026-01-01 --until 2026-12-31 >/dev/null &&
		samv-resource add --id medel-2025 --title "Medel 2025" --kind money --actor region \
			--amount 100000 --currency SEK --arena stor --from 2025-01-01 --until 2025-12-31 >/dev/null &&
		samv-resource add --id fritid --title "Gränsgångare på fritid" --kind time --actor ifk \
			--hours 3 --per week --basis voluntary --arena stor --from 2026-03-01 >/dev/null &&
		samv-resource add --id lokal --title Lokal --kind premises --actor ifk --arena stor \
			--from 2026-06-01 >/dev/null &&
		samv-resource add --id eu --title "EU-medel" --kind money --actor ifk --amount 5000 --currency EUR \
			--challenge ensamhet --from 2026-09-01 --until 2027-08-31 >/dev/null
}

test_case 'resource add: money, one commit naming the challenge and the decision' '
	res_repo
	samv_run samv-resource add --id medel-2026 --title "Öronmärkta medel" --kind money --actor region \
		--amount 300000 --currency SEK --challenge ensamhet --decision medel --from 2026-01-01 --until 2026-12-31
	expect_status 0
	expect_out <<-\EOT
	medel-2026
	EOT
	expect_no_err
	path=$(git ls-files resources)
	cat >../want <<-\EOT
	{
	  "id": "medel-2026",
	  "title": "Öronmärkta medel",
	  "kind": "money",
	  "actor": "region",
	  "challenge": "ensamhet",
	  "amount": 300000,
	  "currency": "SEK",
	  "from": "2026-01-01",
	  "until": "2026-12-31",
	  "decision": "medel",
	  "status": "active"
	}
	EOT
	cmp ../want "$path"
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	resource: add medel-2026

	Öronmärkta medel

	Samv-Command: samv-resource add
	Samv-Challenge: ensamhet
	Samv-Decision: medel
	Samv-Record: $path
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	samv-check
'

test_case 'resource list, filters and show' '
	res_repo
	res_fill
	samv_run samv-resource list --actor ifk
	expect_out <<-\EOT
	eu      EU-medel                money     ifk  2026-09-01  2027-08-31
	fritid  Gränsgångare på fritid  time      ifk  2026-03-01  -
	lokal   Lokal                   premises  ifk  2026-06-01  -
	EOT
	samv_run samv-resource list --basis voluntary --ids
	expect_out <<-\EOT
	fritid
	EOT
	samv_run samv-resource list --since 2026-06-01 --ids
	expect_out <<-\EOT
	eu
	lokal
	EOT
	samv_run samv-resource show fritid
	expect_out <<-\EOT
	id:     fritid
	title:  Gränsgångare på fritid
	kind:   time
	actor:  ifk
	arena:  stor
	hours:  3
	per:    week
	basis:  voluntary
	from:   2026-03-01
	status: active
	EOT
'

test_case 'resource end: status ended, the period ends on --date or today; list hides it' '
	res_repo
	res_fill
	samv_run samv-resource end fritid --date 2026-10-31
	expect_status 0
	expect_no_out
	test "$(git log -1 --format=%s)" = "resource: end fritid"
	test "$(samv-resource show fritid --json | jq -r .status,.until)" = "ended
2026-10-31"
	samv_run samv-resource end lokal
	test "$(samv-resource show lokal --json | jq -r .until)" = 2026-11-23
	# a resource that had its last day keeps it
	samv-resource end medel-2026
	test "$(samv-resource show medel-2026 --json | jq -r .until)" = 2026-12-31
	samv_run samv-resource list --actor ifk --ids
	expect_out <<-\EOT
	eu
	EOT
	samv-check
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "resource refused: $name" "
		res_repo
		fails $status \"$err\" samv-resource add --title X --actor region --arena stor --from 2026-01-01 $cmd
	"
done <<'TABLE'
an amount of 0|1|samv-resource: amount: must be above 0|--kind money --amount 0 --currency SEK
a negative amount|1|samv-resource: amount: must be above 0|--kind money --amount -5 --currency SEK
an amount with decimals|1|samv-resource: --amount: '12.5' is not a whole number|--kind money --amount 12.5 --currency SEK
an amount in exponent form|1|samv-resource: --amount: '1e3' is not a whole number|--kind money --amount 1e3 --currency SEK
money without an amount|1|samv-resource: amount: money needs an amount (--amount)|--kind money --currency SEK
money without a currency|1|samv-resource: currency: money needs a currency (--currency SEK)|--kind money --amount 10
a currency in lower case|1|samv-resource: currency: must be an ISO 4217 code of three capital letters (SEK, EUR)|--kind money --amount 10 --currency sek
a currency of four letters|1|samv-resource: currency: 4 bytes, at most 3|--kind money --amount 10 --currency SEKR
money with a percent|1|samv-resource: percent: a money resource has no percent|--kind money --amount 10 --currency SEK --percent 50
a percent above 100|1|samv-resource: percent: must be from 1 to 100|--kind time --percent 150 --basis paid
a percent of 0|1|samv-resource: percent: must be from 1 to 100|--kind time --percent 0 --basis paid
a percent with a sign|1|samv-resource: --percent: '50%' is not a whole number|--kind time --percent 50% --basis paid
time without percent or hours|1|samv-resource: percent: time is a percent of a post (--percent) or hours (--hours), one of them|--kind time --basis paid
time with both percent and hours|1|samv-resource: percent: time is a percent of a post (--percent) or hours (--hours), one of them|--kind time --percent 50 --hours 4 --per week --basis paid
hours without --per|1|samv-resource: per: hours need --per week or --per month|--kind time --hours 4 --basis voluntary
hours in a day that has not so many|1|samv-resource: hours: must be from 1 to 744|--kind time --hours 800 --per month --basis voluntary
time without a basis|1|samv-resource: basis: time is paid or voluntary (--basis paid, --basis voluntary)|--kind time --percent 50
an unknown basis|1|samv-resource: basis: 'ideell' is not one of paid, voluntary|--kind time --percent 50 --basis ideell
premises with an amount|1|samv-resource: amount: a premises resource has no amount|--kind premises --amount 10
a period that ends before it starts|1|samv-resource: until: the period ends before it starts (from)|--kind premises --until 2025-12-31
an unknown party|1|samv-resource: --actor: no actor 'nobody' (see samv-actor list)|--kind premises --actor nobody
an unknown challenge|1|samv-resource: --challenge: no challenge 'fattigdom' (see samv-challenge list)|--kind premises --challenge fattigdom
an unknown decision|1|samv-resource: --decision: no decision 'beslut' (see samv-decision list)|--kind premises --decision beslut
an id with a slash|1|samv-resource: invalid id 'a/b': no '/' or '..' in ids|--kind premises --id a/b
an id with dot-dot|1|samv-resource: invalid id '..': no '/' or '..' in ids|--kind premises --id ..
an unknown option|2|samv-resource: unknown option '--money'|--kind money --money 10
no kind|1|samv-resource: kind: required|--percent 50
TABLE

test_case 'resource refused: for neither an arena nor a challenge' '
	res_repo
	fails 1 "samv-resource: arena: a resource is for an arena or a challenge (--arena, --challenge)" \
		samv-resource add --title X --kind premises --actor region --from 2026-01-01
'

test_case 'resource refused: an edit that breaks the rules changes nothing' '
	res_repo
	res_fill
	fails 1 "samv-resource: percent: must be from 1 to 100" samv-resource edit pl-1 --percent 101
	fails 1 "samv-resource: amount: must be above 0" samv-resource edit medel-2026 --amount 0
	fails 1 "samv-resource: amount: money needs an amount (--amount)" samv-resource edit medel-2026 --unset amount
	fails 1 "samv-resource: percent: a money resource has no percent" samv-resource edit medel-2026 --percent 5
	fails 1 "samv-resource: until: the period ends before it starts (from)" samv-resource end fritid --date 2026-01-01
'

test_case 'samv-check reports a resource broken by hand, and an unknown field' '
	res_repo
	res_fill
	f=$(git ls-files resources | grep /pl-1.json)
	jq ".percent = 150" "$f" >../x && mv ../x "$f"
	g=$(git ls-files resources | grep /lokal.json)
	jq ". + {\"rent\": 5}" "$g" >../x && mv ../x "$g"
	git commit -qam "by hand"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$f:7:3: bad-value: percent: must be from 1 to 100
	$g:9:3: unknown-field: '"'"'rent'"'"' is not a field of resource records
	EOT
'

test_case 'samv report resources: totals per party and sector over a period, in every format' '
	res_repo
	res_fill
	samv_run samv-report resources --period 2026 --lang en
	expect_status 0
	expect_out <<-\EOT
	Samverkan Östergötland: Resources
	Period: 2026 (2026-01-01 to 2026-12-31), made 2026-11-23

	Resources in the period       6
	Resources begun or ended      6

	Resources by party
	  Party                Sector  Money (EUR)  Money (SEK)  Paid time %  Voluntary time %  Paid h/month  Voluntary h/month  Premises  Resources
	  IFK Norrköping       civil          5000            0            0                 0             0                 13         1          3
	  Region Östergötland  public            0       300000          100                 0             0                  0         0          3

	Resources by sector
	  Sector  Money (EUR)  Money (SEK)  Paid time %  Voluntary time %  Paid h/month  Voluntary h/month  Premises  Resources
	  civil          5000            0            0                 0             0                 13         1          3
	  public            0       300000          100                 0             0                  0         0          3
	EOT
	samv_run samv-report resources --period 2025 --format csv
	printf "section,figure,value,party,sector,money_SEK,percent_paid,percent_voluntary,hours_paid,hours_voluntary,premises,resources\r\nfigures,resources,1,,,,,,,,,\r\nfigures,resources_changed,1,,,,,,,,,\r\nresources_by_party,,,Region Östergötland,public,100000,0,0,0,0,0,1\r\nresources_by_sector,,,,public,100000,0,0,0,0,0,1\r\n" >../want
	cmp ../want "$TRASH/.out"
	samv_run samv-report resources --since 2026-02-01 --until 2026-02-28 --json
	test "$(jq -c "[.figures[].value], [.sections[0].rows[] | [.party, .money_SEK, .percent_paid]]" "$TRASH/.out")" = "[3,0]
[[\"Region Östergötland\",300000,100]]"
	samv_run samv-report resources --period 2026 --format markdown --lang en
	grep -qx "| Region Östergötland | public | 0 | 300000 | 100 | 0 | 0 | 0 | 0 | 3 |" "$TRASH/.out"
	samv_run samv-report resources --period 2026 --format html --lang en
	grep -q "Resources by party" "$TRASH/.out"
	samv_run samv-report resources --period 2026 --lang sv
	grep -qx "Resurser per part" "$TRASH/.out"
	grep -Eqx "  Part +Sektor +Medel \(EUR\) +Medel \(SEK\) +Arbetstid % +Ideell tid % +Arbetstid tim/mån +Ideell tid tim/mån +Lokaler +Resurser" "$TRASH/.out"
	grep -Eqx "  IFK Norrköping +idéburen .*" "$TRASH/.out"
'

test_case 'samv report resources with no resources: the sections, empty' '
	res_repo
	samv_run samv-report resources --period 2026 --json
	expect_status 0
	test "$(jq -c "[.figures[].value], [.sections[] | .id, (.rows | length)]" "$TRASH/.out")" = "[0,0]
[\"resources_by_party\",0,\"resources_by_sector\",0]"
'

test_case 'the summary and the arena report show resources, and count what began or ended' '
	res_repo
	res_fill
	samv_run samv-report summary --period 2026-09 --json
	test "$(jq -c "[.figures[] | select(.key == \"resources_changed\") | .value], [.sections[] | .id]" "$TRASH/.out")" = "[1]
[\"arenas\",\"meetings\",\"decisions\",\"due\",\"agreement\",\"opened\",\"done\",\"overdue\",\"minutes\",\"challenges\",\"resources_by_party\",\"resources_by_sector\"]"
	samv_run samv-report arena stor --period 2026 --json
	test "$(jq -c ".sections[] | select(.id == \"resources_by_party\") | [.rows[] | [.party, .percent_paid, .hours_voluntary, .premises]]" "$TRASH/.out")" = "[[\"IFK Norrköping\",0,13,1],[\"Region Östergötland\",100,0,0]]"
	# a week with nothing new: no figure, so --quiet-if-empty stays quiet
	samv_run samv-report summary --period 2026-W40 --quiet-if-empty
	expect_status 0
	expect_no_out
'
