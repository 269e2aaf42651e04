# report-fixture.sh - make_report_repo, the repository of the report tests
# (tests/cli/t1400-report.sh and tests/check-html.sh); needs lib.sh.
#
# Four organisations (public, civil umbrella, civil association, private),
# five people, two arenas, meetings held and planned from May 2026 to
# January 2027, decisions (an anchor that confirms a kedge anchor, one due
# for review, one proposed), the Agreement in two versions and actions
# open, done and overdue.  Last week: s3 (held, 17 Nov), a1 (held, 18 Nov),
# s4 (planned, 21 Nov), d2 and k2 made, version 2 of the Agreement, bjud and
# fraga opened, boka done; lista is overdue; the minutes of s0, a0 and s2
# were never sent.
# The repository's language is English (the reports' expected outputs) unless
# given: make_report_repo sv.
make_report_repo() {
	make_repo --people-on-branch --language "${1:-en}" &&
	samv-actor add --id rotary --name "Rotary Motala" --sector civil --kind association --level local >/dev/null &&
	samv-actor add --id bolaget --name "Bolaget AB" --sector private --kind business --level local >/dev/null &&
	samv-person add --id eva --name "Eva Lind" --actor region --role official >/dev/null &&
	samv-person add --id pia --name "Pia Berg" --actor region --role politician >/dev/null &&
	samv-person add --id per --name "Per Holm" --actor rf-sisu --role representative >/dev/null &&
	samv-person add --id ali --name "Ali Demir" --actor rotary --role representative >/dev/null &&
	samv-person add --id bo --name "Bo Ek" --actor bolaget --role other >/dev/null &&
	samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting --member region --member rf-sisu \
		--serves a --serves d --convener region --started 2026-05-12 >/dev/null &&
	samv-arena add --id ag --name "Arbetsgrupp ensamhet" --kind working-group --serves d >/dev/null &&
	samv-decision add --id d1 --kind anchor --level political --title "Anta överenskommelsen" \
		--text "Regionfullmäktige antar överenskommelsen." --date 2026-03-10 --body Regionfullmäktige \
		--status adopted >/dev/null &&
	samv-agreement adopt --decision d1 --title "Överenskommelsen" --party region --party rf-sisu \
		--purpose a="Utökad dialog" --purpose d="Lösningar tillsammans" \
		--clause 1="Parterna samverkar." --clause 2="Parterna möts två gånger om året." >/dev/null &&
	samv-meeting plan --id s0 --arena stor --title "Storgrupp i maj" --date 2026-05-12 >/dev/null &&
	samv-meeting hold s0 --attended eva --attended per --attended ali >/dev/null &&
	samv-meeting plan --id a0 --arena ag --title "Arbetsgruppen startar" --date 2026-06-10 >/dev/null &&
	samv-meeting hold a0 --attended ali >/dev/null &&
	samv-meeting plan --id s1 --arena stor --title "Storgrupp i september" --date 2026-09-15 >/dev/null &&
	samv-meeting hold s1 --attended eva --attended per --attended pia >/dev/null &&
	samv-meeting distribute s1 --date 2026-09-20 --how e-post >/dev/null &&
	samv-meeting action add --meeting s1 --id boka --title "Boka lokal" --owner eva --due 2026-10-01 >/dev/null &&
	samv-meeting action done boka --date 2026-11-18 >/dev/null &&
	samv-decision add --id k1 --kind kedge-anchor --level arena --title "Pröva en mötesplats" \
		--text "Vi prövar en mötesplats i Motala." --date 2026-09-15 --meeting s1 --status adopted \
		--review 2026-11-20 >/dev/null &&
	samv-meeting plan --id s2 --arena stor --title "Storgrupp i oktober" --date 2026-10-13 >/dev/null &&
	samv-meeting hold s2 --attended eva --attended per >/dev/null &&
	samv-meeting action add --meeting s2 --id lista --title "Skicka föreningslistan" --owner per \
		--due 2026-11-01 >/dev/null &&
	samv-meeting plan --id s3 --arena stor --title "Storgrupp i november" --date 2026-11-17 >/dev/null &&
	samv-meeting hold s3 --attended eva --attended per --attended pia --attended bo >/dev/null &&
	samv-meeting action add --meeting s3 --id bjud --title "Bjud in kommunerna" --owner eva \
		--due 2026-12-15 >/dev/null &&
	samv-decision add --id d2 --kind anchor --level arena --title "Mötesplatsen blir permanent" \
		--text "Mötesplatsen i Motala blir permanent." --date 2026-11-17 --meeting s3 --confirms k1 \
		--status adopted >/dev/null &&
	samv-agreement amend --decision d2 --change-clause 2="Parterna möts fyra gånger om året." \
		--add-clause 3="Mötesplatsen i Motala är en del av samverkan." >/dev/null &&
	samv-meeting plan --id a1 --arena ag --title "Arbetsgrupp i november" --date 2026-11-18 >/dev/null &&
	samv-meeting hold a1 --attended ali --attended eva >/dev/null &&
	samv-meeting distribute a1 --date 2026-11-19 >/dev/null &&
	samv-meeting action add --meeting a1 --id fraga --title "Fråga medlemmarna, \"alla\"" \
		--owner-actor rotary >/dev/null &&
	samv-decision add --id k2 --kind kedge-anchor --level arena --title "Träffas varannan vecka" \
		--text "Arbetsgruppen träffas varannan vecka tills vidare." --date 2026-11-18 --meeting a1 \
		--status adopted --review 2026-11-22 >/dev/null &&
	samv-decision add --id p1 --kind anchor --level official --title "Handlingsplan" \
		--text "Mötesplatsen skrivs in i handlingsplanen." --date 2026-11-19 >/dev/null &&
	samv-meeting plan --id s4 --arena stor --title "Storgrupp i december" --date 2026-11-21 >/dev/null &&
	samv-meeting plan --id s5 --arena stor --title "Storgrupp i januari" --date 2027-01-19 >/dev/null &&
	test_tick
}


# add_assessments: the trends of the report tests.  Storgruppsmöte climbs
# the staircase (talk in March 2025, shared view in March 2026, cooperation
# on 17 Nov 2026) and is assessed twice with cross (goals answered only the
# second time); the collaboration as a whole is on the staircase once.
add_assessments() {
	samv-assess add --id st1 --instrument steps --arena stor --date 2025-03-01 --by eva --answer step=talk \
		--note step="Vi pratar" >/dev/null &&
	samv-assess add --id st2 --instrument steps --arena stor --date 2026-03-01 --by eva \
		--answer step=shared-view >/dev/null &&
	samv-assess add --id st3 --instrument steps --arena stor --date 2026-11-17 --by eva \
		--answer step=cooperation --note step="Vi gör saker ihop" >/dev/null &&
	samv-assess add --id cr1 --instrument cross --arena stor --date 2025-04-01 --by eva \
		--answer willingness=some --note willingness="Avvaktande" \
		--answer resources=strongly-hinders --note resources="Inga medel" >/dev/null &&
	samv-assess add --id cr2 --instrument cross --arena stor --date 2026-10-13 --by eva \
		--answer willingness=high --note willingness="Alla vill" --answer resources=hinders \
		--note resources="Tid men inga pengar" --answer goals=enables --note goals="Ett mål" >/dev/null &&
	samv-assess add --id sc1 --instrument steps --subject-kind collaboration --date 2026-06-01 --answer step=talk >/dev/null &&
	test_tick
}

# clause_by_hand: clause 1 of the Agreement changed and committed by hand,
# with no decision: a commit samv-check's history part reports.
clause_by_hand() {
	_c=$(git ls-files agreement | grep "clauses/1.json") &&
	sed "s/Parterna samverkar./Parterna samverkar mycket./" "$_c" >"$_c.new" && mv "$_c.new" "$_c" &&
	git commit -qam "clause 1 by hand"
}
