# The auditor's questions, answered with nothing but git log and its
# trailer filters, on a repository built by the samv commands.

# Two arenas and a year and a half of meetings, decisions and Agreement
# versions; two coordinators record them.
build_history() {
	make_repo
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting >/dev/null
	samv-arena add --id rad --name Pensionärsrådet --kind council >/dev/null
	samv-meeting plan --id stor-2024-11 --arena stor --title "Storgrupp november" --date 2024-11-20 >/dev/null
	samv-meeting plan --id stor-2025-03 --arena stor --title "Storgrupp mars" --date 2025-03-12 >/dev/null
	samv-meeting plan --id stor-2025-10 --arena stor --title "Storgrupp oktober" --date 2025-10-08 >/dev/null
	samv-meeting plan --id rad-2025-05 --arena rad --title "Rådet i maj" --date 2025-05-06 >/dev/null
	samv-meeting plan --id stor-2026-02 --arena stor --title "Storgrupp februari" --date 2026-02-11 >/dev/null
	# the Agreement, adopted by the Region's board in 2024
	samv-decision add --id anta --kind anchor --level political --title "Överenskommelsen antas" \
		--text "Regionstyrelsen antar Överenskommelsen." --body Regionstyrelsen --date 2024-06-18 \
		--status adopted >/dev/null
	samv-agreement adopt --decision anta --title "Överenskommelsen" --party region --party rf-sisu \
		--purpose "a=Fördjupad dialog" --clause "4=Parterna avsätter tid." --date 2024-06-18 >/dev/null
	samv-decision add --id d2024 --kind anchor --level arena --title "Arbetsgrupp om ensamhet" \
		--text "En arbetsgrupp bildas." --meeting stor-2024-11 --date 2024-11-20 --status adopted >/dev/null
	samv-decision add --id d-mars --kind kedge-anchor --level arena --title "Pröva en mötesplats" \
		--text "Vi prövar en mötesplats i ett år." --meeting stor-2025-03 --date 2025-03-12 >/dev/null
	samv-decision adopt d-mars >/dev/null
	samv-decision add --id d-rad --kind anchor --level arena --title "Rådets arbetsordning" \
		--text "Rådet antar sin arbetsordning." --meeting rad-2025-05 --date 2025-05-06 --status adopted >/dev/null
	# the other coordinator records October's meeting
	GIT_AUTHOR_NAME="Maria Nilsson" GIT_AUTHOR_EMAIL=maria@example.org \
		samv-decision add --id d-okt --kind anchor --level official --title "Mötesplatsen blir ordinarie" \
		--text "Mötesplatsen förs in i verksamhetsplanen." --meeting stor-2025-10 --date 2025-10-08 \
		--confirms d-mars --status adopted >/dev/null
	test_tick
	samv-decision add --id d-feb --kind anchor --level political --title "Resurser i Överenskommelsen" \
		--text "Klausul 4 skärps." --meeting stor-2026-02 --date 2026-02-11 --status adopted >/dev/null
	test_tick
	GIT_AUTHOR_NAME="Maria Nilsson" GIT_AUTHOR_EMAIL=maria@example.org GIT_AUTHOR_DATE="2026-02-20T09:30:00+01:00" \
		samv-agreement amend --decision d-feb --change-clause "4=Parterna avsätter tid och pengar." >/dev/null
	test_tick
}

test_case 'auditor: what did the arena "stor" decide in 2025?' '
	build_history
	git log --reverse --format="%(trailers:key=Samv-Date,valueonly,separator=%x2C) %s" \
		--grep="^Samv-Arena: stor\$" --grep="^Samv-Status: adopted\$" --grep="^Samv-Date: 2025-" \
		--all-match >../got
	cat >../want <<-\EOT
	2025-03-12 decision: adopt d-mars
	2025-10-08 decision: add d-okt
	EOT
	cmp ../want ../got
'

test_case 'auditor: which decision changed clause 4, in which meeting, who recorded it and when?' '
	build_history
	git log --date=short --format="%ad %an | %(trailers:key=Samv-Decision,valueonly,separator=%x2C) | %(trailers:key=Samv-Meeting,valueonly,separator=%x2C) | %s" \
		-- agreement/clauses/4.json >../got
	cat >../want <<-\EOT
	2026-02-20 Maria Nilsson | d-feb | stor-2026-02 | agreement: version 2 (decision d-feb)
	2026-11-23 Eva Lind | anta |  | agreement: version 1 (decision anta)
	EOT
	cmp ../want ../got
	# as samv(7) shows it
	git log --date=short \
		--format="%ad %an: %s (%(trailers:key=Samv-Meeting,valueonly,separator=%x2C))" \
		-- agreement/clauses/4.json >../got
	cat >../want <<-\EOT
	2026-02-20 Maria Nilsson: agreement: version 2 (decision d-feb) (stor-2026-02)
	2026-11-23 Eva Lind: agreement: version 1 (decision anta) ()
	EOT
	cmp ../want ../got
	# the same from the trailers alone, without a path
	git log --format=%h --grep="^Samv-Clause: 4\$" | wc -l | grep -qx 2
'

test_case 'auditor: the whole history of one decision, and what ended it' '
	build_history
	git log --reverse --format="%an: %s" --grep="^Samv-Decision: d-mars\$" >../got
	cat >../want <<-\EOT
	Eva Lind: decision: add d-mars
	Eva Lind: decision: adopt d-mars
	Maria Nilsson: decision: add d-okt
	EOT
	cmp ../want ../got
	git log --format=%s --grep="^Samv-Superseded: d-mars\$" >../got
	echo "decision: add d-okt" >../want
	cmp ../want ../got
'

test_case 'auditor: every commit about an arena, and commits made outside samv' '
	build_history
	git log --reverse --format=%s --grep="^Samv-Arena: rad\$" >../got
	cat >../want <<-\EOT
	arena: add rad
	meeting: plan rad-2025-05
	decision: add d-rad
	EOT
	cmp ../want ../got
	echo "notes" >NOTES.txt
	git add NOTES.txt
	git commit -q -m "a note by hand"
	git log --format=%s --invert-grep --grep="^Samv-Command:" >../got
	echo "a note by hand" >../want
	cmp ../want ../got
'
