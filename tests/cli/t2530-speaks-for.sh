# An umbrella speaks for its members ("en röst"): speaks_for on the actor,
# checked, and shown by the participation report as a voice, not attendance.

sf_repo() {
	make_repo --people-on-branch &&
		samv-actor add --id ifk --name "IFK Norrköping" --sector civil --kind association --level local >/dev/null &&
		samv-actor add --id fotboll --name "Fotbollförbundet" --sector civil --kind association --level regional >/dev/null &&
		samv-person add --id ali --name "Ali Hassan" --actor rf-sisu --role representative >/dev/null &&
		samv-person add --id ida --name "Ida Berg" --actor ifk --role representative >/dev/null &&
		samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting >/dev/null &&
		test_tick
}

test_case 'actor edit --speaks-for: a sorted set, one commit; --remove-speaks-for; list filter' '
	sf_repo
	samv_run samv-actor edit rf-sisu --speaks-for ifk --speaks-for fotboll
	expect_status 0
	expect_no_out
	test "$(git log -1 --format=%b | head -1)" = "Changed: speaks_for"
	test "$(samv-actor show rf-sisu --json | jq -c .speaks_for)" = "[\"fotboll\",\"ifk\"]"
	samv_run samv-actor list --speaks-for ifk --ids
	expect_out <<-\EOT
	rf-sisu
	EOT
	samv-actor edit rf-sisu --remove-speaks-for fotboll
	test "$(samv-actor show rf-sisu --json | jq -c .speaks_for)" = "[\"ifk\"]"
	samv-check
'

test_case 'speaks_for refused: itself, an unknown member; samv-check finds one made by hand' '
	sf_repo
	fails 1 "samv-actor: speaks_for: an organisation does not speak for itself" \
		samv-actor edit rf-sisu --speaks-for rf-sisu
	fails 1 "samv-actor: --speaks-for: no actor '"'"'okand'"'"' (see samv-actor list)" \
		samv-actor edit rf-sisu --speaks-for okand
	samv-actor edit rf-sisu --speaks-for ifk
	f=$(git ls-files actors | grep /rf-sisu.json)
	jq ".speaks_for = [\"ifk\", \"rf-sisu\"]" "$f" >../x && mv ../x "$f"
	git commit -qam "by hand"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$f:7:3: bad-value: speaks_for: an organisation does not speak for itself
	EOT
'

test_case 'participation: members have a voice where their umbrella came, apart from attendance' '
	sf_repo
	samv-actor edit rf-sisu --speaks-for ifk --speaks-for fotboll
	samv-meeting plan --id m1 --arena stor --title Ett --date 2026-10-01 >/dev/null
	samv-meeting hold m1 --attended ali >/dev/null
	samv-meeting plan --id m2 --arena stor --title Två --date 2026-11-01 >/dev/null
	samv-meeting hold m2 --attended ali --attended ida >/dev/null
	samv_run samv-report participation --period 2026 --lang en
	expect_status 0
	sed -n "/^Voices through an umbrella\$/,\$p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	Voices through an umbrella
	  Organisation      Voice through         Meetings
	  Fotbollförbundet  RF-SISU Östergötland         2
	  IFK Norrköping    RF-SISU Östergötland         1
	EOT
	cmp ../want ../got
	# a voice is no attendance: two organisations came, not three
	grep -Eqx "Organisations +2" "$TRASH/.out"
	samv_run samv-report participation --period 2026 --lang sv
	grep -qx "Röster genom en paraplyorganisation" "$TRASH/.out"
	grep -Eqx "  Organisation +Talas för av +Möten" "$TRASH/.out"
	samv_run samv-report participation --period 2026 --json
	test "$(jq -c ".sections[] | select(.id == \"voices\") | .rows" "$TRASH/.out")" = "[{\"organisation\":\"Fotbollförbundet\",\"through\":\"RF-SISU Östergötland\",\"meetings\":2},{\"organisation\":\"IFK Norrköping\",\"through\":\"RF-SISU Östergötland\",\"meetings\":1}]"
'

test_case 'participation without umbrellas that speak for others: no voices section' '
	sf_repo
	samv-meeting plan --id m1 --arena stor --title Ett --date 2026-10-01 >/dev/null
	samv-meeting hold m1 --attended ali >/dev/null
	samv_run samv-report participation --period 2026 --json
	test "$(jq "[.sections[] | select(.id == \"voices\")] | length" "$TRASH/.out")" = 0
'
