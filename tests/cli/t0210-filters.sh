# List filters are checked as input is; an ambiguous id names its
# candidates.

# A repository with a person, an arena and a meeting with an action.
make_filter_repo() {
	make_repo
	samv-person add --id eva --name "Eva Lind" --actor region --role process-leader >/dev/null
	samv-arena add --id stor --name "Stormöte" --kind large-group-meeting --member region >/dev/null
	samv-meeting plan --id m1 --arena stor --title "Start" --date 2026-12-01 >/dev/null
	test_tick
}

test_case 'a filter value no record could have is refused: exit 2, the option, the value, the valid ones' '
	make_filter_repo
	fails 2 "samv-actor: --sector: '"'"'kommunal'"'"' is not one of public, civil, private" \
		samv actor list --sector kommunal
	fails 2 "samv-actor: --level: '"'"'Local'"'"' is not one of local, regional, national" \
		samv-actor list --level Local
	fails 2 "samv-actor: --status: '"'"'gone'"'"' is not one of active, retired" samv-actor list --status gone
	fails 2 "samv-person: --role: '"'"'boss'"'"' is not one of official, politician, representative, process-leader, other" \
		samv-person list --role boss
	fails 2 "samv-arena: --serves: '"'"'AB'"'"' is not a purpose key (a single letter a-z)" samv-arena list --serves AB
	fails 2 "samv-meeting: --status: '"'"'done'"'"' is not one of planned, held, cancelled" samv-meeting list --status done
	fails 2 "samv-meeting: --since: '"'"'2026-02-30'"'"' is not a date (YYYY-MM-DD)" samv-meeting list --since 2026-02-30
	fails 2 "samv-meeting action: --status: '"'"'closed'"'"' is not one of open, done, dropped" \
		samv-meeting action list --status closed
	fails 2 "samv-decision: --kind: '"'"'rule'"'"' is not one of anchor, kedge-anchor" samv-decision list --kind rule
	fails 2 "samv-decision: --date: '"'"'2026-09-31'"'"' is not a date (YYYY-MM-DD)" samv-decision due --date 2026-09-31
	fails 2 "samv-assess: --subject-kind: '"'"'team'"'"' is not one of actor, arena, pair, collaboration" \
		samv-assess list --subject-kind team
	fails 2 "samv-assess: --instrument: unknown instrument '"'"'krass'"'"' (instruments: cross, levels, steps)" \
		samv-assess list --instrument krass
'

test_case 'a filter naming a record that is not there is refused too' '
	make_filter_repo
	fails 2 "samv-person: --actor: no actor '"'"'nowhere'"'"' (see samv-actor list)" samv-person list --actor nowhere
	fails 2 "samv-arena: --member: no actor '"'"'nowhere'"'"' (see samv-actor list)" samv-arena list --member nowhere
	fails 2 "samv-actor: invalid --parent '"'"'No/Where'"'"': no '"'"'/'"'"' or '"'"'..'"'"' in ids" \
		samv-actor list --parent No/Where
	fails 2 "samv-assess: --arena: no arena '"'"'nowhere'"'"' (see samv-arena list)" samv-assess list --arena nowhere
'

test_case 'valid filters still select' '
	make_filter_repo
	samv_run samv actor list --sector civil --ids
	expect_status 0
	expect_out <<-\EOT
	rf-sisu
	EOT
	samv_run samv-person list --actor reg --role process-leader --ids
	expect_out <<-\EOT
	eva
	EOT
	samv_run samv-meeting list --status planned --since 2026-12-01 --ids
	expect_out <<-\EOT
	m1
	EOT
	samv_run samv-actor list --sector private
	expect_status 0
	expect_no_out
'

test_case 'an ambiguous id names its candidates, at most 10 and how many more' '
	make_filter_repo
	fails 2 "samv-actor: unknown command '"'"'shw'"'"'; did you mean '"'"'show'"'"'?" samv-actor shw r
	fails 1 "samv-actor: actor id '"'"'r'"'"' is ambiguous: region, rf-sisu" samv-actor show r
	for i in 01 02 03 04 05 06 07 08 09 10 11 12; do
		samv-actor add --id s$i --name "S $i" --sector civil --kind other --level local >/dev/null
	done
	fails 1 "samv-actor: actor id '"'"'s'"'"' is ambiguous: s01, s02, s03, s04, s05, s06, s07, s08, s09, s10 and 2 more" \
		samv-actor show s
	fails 1 "samv-person: --actor: actor id '"'"'s1'"'"' is ambiguous: s10, s11, s12" samv-person add --name X --actor s1 --role other
	fails 2 "samv-person: --actor: actor id '"'"'s0'"'"' is ambiguous: s01, s02, s03, s04, s05, s06, s07, s08, s09" \
		samv-person list --actor s0
	# 12 actors, the arena stor and this one
	samv-arena add --id s-arena --name "S arena" --kind workshop >/dev/null
	fails 1 "samv-log: id '"'"'s1'"'"' is ambiguous: actor s10, actor s11, actor s12" samv-log s1
	fails 1 "samv-log: id '"'"'s'"'"' is ambiguous: actor s01, actor s02, actor s03, actor s04, actor s05, actor s06, actor s07, actor s08, actor s09, actor s10 and 4 more" \
		samv-log s
'
