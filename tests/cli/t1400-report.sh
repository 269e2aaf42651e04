# samv-report: periods, the six reports, every format, cron behaviour and
# the failures.  Today is 2026-11-23 (a Monday, lib.sh): last week is
# 2026-W47, 2026-11-16 to 2026-11-22.

# The repository: see report-fixture.sh.
. "$here/report-fixture.sh"

# The short id of the commit of version 2 of the Agreement.
v2_commit() { git rev-parse --short=7 "$(git log -1 --format=%H --grep="agreement: version 2")"; }

test_case 'the weekly summary: last week by default, text aligned, no colour off a terminal' '
	make_report_repo
	c=$(v2_commit)
	samv_run samv-report
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	Samverkan Östergötland: Summary
	Period: 2026-W47 (2026-11-16 to 2026-11-22), made 2026-11-23

	Meetings held                 2
	Meetings planned              1
	Decisions made                2
	Anchors                       1
	Kedge anchors                 1
	Decisions due for review      1
	Agreement versions            1
	Actions opened                2
	Actions done                  1
	Actions overdue               1
	Minutes not distributed       3
	Assessments made              0

	Meetings by arena
	  Arena                 Held  Planned
	  Arbetsgrupp ensamhet     1        0
	  Storgruppsmöte           1        1

	Meetings
	  Arena                 Date        Title                   Status   Attended
	  Arbetsgrupp ensamhet  2026-11-18  Arbetsgrupp i november  held            2
	  Storgruppsmöte        2026-11-17  Storgrupp i november    held            4
	  Storgruppsmöte        2026-11-21  Storgrupp i december    planned         -

	Decisions made
	  Date        Id  Kind          Level  Status   Title
	  2026-11-17  d2  anchor        arena  adopted  Mötesplatsen blir permanent
	  2026-11-18  k2  kedge-anchor  arena  adopted  Träffas varannan vecka

	Decisions due for review
	  Review      Id  Title
	  2026-11-22  k2  Träffas varannan vecka

	Agreement changes
	  Version  Date        Decision  Commit   Change
	        2  2026-11-17  d2        $c  changed clause 2
	        2  2026-11-17  d2        $c  added clause 3

	Actions opened
	  Due         Id     Owner          Title                      Status
	  -           fraga  Rotary Motala  Fråga medlemmarna, "alla"  open
	  2026-12-15  bjud   Eva Lind       Bjud in kommunerna         open

	Actions done
	  Due         Id    Owner     Title       Status
	  2026-10-01  boka  Eva Lind  Boka lokal  done

	Actions overdue
	  Due         Id     Owner     Title                   Status
	  2026-11-01  lista  Per Holm  Skicka föreningslistan  open

	Minutes not distributed
	  Date        Arena                 Title                  Days
	  2026-05-12  Storgruppsmöte        Storgrupp i maj         195
	  2026-06-10  Arbetsgrupp ensamhet  Arbetsgruppen startar   166
	  2026-10-13  Storgruppsmöte        Storgrupp i oktober      41
	EOT
	out >../default
	samv_run samv-report summary --period 2026-W47 --color auto
	out | cmp - ../default
'

test_case 'summary in Markdown, for mail' '
	make_report_repo
	c=$(v2_commit)
	samv_run samv-report --format markdown
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	# Samverkan Östergötland: Summary

	Period: 2026-W47 (2026-11-16 to 2026-11-22), made 2026-11-23.

	| Figure | Value |
	|---|---:|
	| Meetings held | 2 |
	| Meetings planned | 1 |
	| Decisions made | 2 |
	| Anchors | 1 |
	| Kedge anchors | 1 |
	| Decisions due for review | 1 |
	| Agreement versions | 1 |
	| Actions opened | 2 |
	| Actions done | 1 |
	| Actions overdue | 1 |
	| Minutes not distributed | 3 |
	| Assessments made | 0 |

	## Meetings by arena

	| Arena | Held | Planned |
	|---|---:|---:|
	| Arbetsgrupp ensamhet | 1 | 0 |
	| Storgruppsmöte | 1 | 1 |

	## Meetings

	| Arena | Date | Title | Status | Attended |
	|---|---|---|---|---:|
	| Arbetsgrupp ensamhet | 2026-11-18 | Arbetsgrupp i november | held | 2 |
	| Storgruppsmöte | 2026-11-17 | Storgrupp i november | held | 4 |
	| Storgruppsmöte | 2026-11-21 | Storgrupp i december | planned |  |

	## Decisions made

	| Date | Id | Kind | Level | Status | Title |
	|---|---|---|---|---|---|
	| 2026-11-17 | d2 | anchor | arena | adopted | Mötesplatsen blir permanent |
	| 2026-11-18 | k2 | kedge-anchor | arena | adopted | Träffas varannan vecka |

	## Decisions due for review

	| Review | Id | Title |
	|---|---|---|
	| 2026-11-22 | k2 | Träffas varannan vecka |

	## Agreement changes

	| Version | Date | Decision | Commit | Change |
	|---:|---|---|---|---|
	| 2 | 2026-11-17 | d2 | $c | changed clause 2 |
	| 2 | 2026-11-17 | d2 | $c | added clause 3 |

	## Actions opened

	| Due | Id | Owner | Title | Status |
	|---|---|---|---|---|
	|  | fraga | Rotary Motala | Fråga medlemmarna, "alla" | open |
	| 2026-12-15 | bjud | Eva Lind | Bjud in kommunerna | open |

	## Actions done

	| Due | Id | Owner | Title | Status |
	|---|---|---|---|---|
	| 2026-10-01 | boka | Eva Lind | Boka lokal | done |

	## Actions overdue

	| Due | Id | Owner | Title | Status |
	|---|---|---|---|---|
	| 2026-11-01 | lista | Per Holm | Skicka föreningslistan | open |

	## Minutes not distributed

	| Date | Arena | Title | Days |
	|---|---|---|---:|
	| 2026-05-12 | Storgruppsmöte | Storgrupp i maj | 195 |
	| 2026-06-10 | Arbetsgrupp ensamhet | Arbetsgruppen startar | 166 |
	| 2026-10-13 | Storgruppsmöte | Storgrupp i oktober | 41 |
	EOT
'

test_case 'summary in CSV: one RFC 4180 table, CRLF, quotes doubled, UTF-8 as is; --bom for spreadsheets' '
	make_report_repo
	c=$(v2_commit)
	samv_run samv-report --format csv
	expect_status 0
	expect_no_err
	test "$(tr -cd "\r" <"$TRASH/.out" | wc -c)" = "$(wc -l <"$TRASH/.out")"
	tr -d "\r" <"$TRASH/.out" >../csv
	cat >../want <<-EOT
	section,figure,value,arena,held,planned,date,title,status,attended,id,kind,level,review,version,decision,commit,change,due,owner,days
	figures,meetings_held,2,,,,,,,,,,,,,,,,,,
	figures,meetings_planned,1,,,,,,,,,,,,,,,,,,
	figures,decisions,2,,,,,,,,,,,,,,,,,,
	figures,anchors,1,,,,,,,,,,,,,,,,,,
	figures,kedge_anchors,1,,,,,,,,,,,,,,,,,,
	figures,decisions_due,1,,,,,,,,,,,,,,,,,,
	figures,agreement_versions,1,,,,,,,,,,,,,,,,,,
	figures,actions_opened,2,,,,,,,,,,,,,,,,,,
	figures,actions_done,1,,,,,,,,,,,,,,,,,,
	figures,actions_overdue,1,,,,,,,,,,,,,,,,,,
	figures,minutes_late,3,,,,,,,,,,,,,,,,,,
	figures,assessments,0,,,,,,,,,,,,,,,,,,
	arenas,,,Arbetsgrupp ensamhet,1,0,,,,,,,,,,,,,,,
	arenas,,,Storgruppsmöte,1,1,,,,,,,,,,,,,,,
	meetings,,,Arbetsgrupp ensamhet,,,2026-11-18,Arbetsgrupp i november,held,2,,,,,,,,,,,
	meetings,,,Storgruppsmöte,,,2026-11-17,Storgrupp i november,held,4,,,,,,,,,,,
	meetings,,,Storgruppsmöte,,,2026-11-21,Storgrupp i december,planned,,,,,,,,,,,,
	decisions,,,,,,2026-11-17,Mötesplatsen blir permanent,adopted,,d2,anchor,arena,,,,,,,,
	decisions,,,,,,2026-11-18,Träffas varannan vecka,adopted,,k2,kedge-anchor,arena,,,,,,,,
	due,,,,,,,Träffas varannan vecka,,,k2,,,2026-11-22,,,,,,,
	agreement,,,,,,2026-11-17,,,,,,,,2,d2,$c,changed clause 2,,,
	agreement,,,,,,2026-11-17,,,,,,,,2,d2,$c,added clause 3,,,
	opened,,,,,,,"Fråga medlemmarna, ""alla""",open,,fraga,,,,,,,,,Rotary Motala,
	opened,,,,,,,Bjud in kommunerna,open,,bjud,,,,,,,,2026-12-15,Eva Lind,
	done,,,,,,,Boka lokal,done,,boka,,,,,,,,2026-10-01,Eva Lind,
	overdue,,,,,,,Skicka föreningslistan,open,,lista,,,,,,,,2026-11-01,Per Holm,
	minutes,,,Storgruppsmöte,,,2026-05-12,Storgrupp i maj,,,,,,,,,,,,,195
	minutes,,,Arbetsgrupp ensamhet,,,2026-06-10,Arbetsgruppen startar,,,,,,,,,,,,,166
	minutes,,,Storgruppsmöte,,,2026-10-13,Storgrupp i oktober,,,,,,,,,,,,,41
	EOT
	cmp ../want ../csv
	samv_run samv-report --format csv --bom
	test "$(head -c 3 "$TRASH/.out" | od -An -tx1 | tr -d " ")" = efbbbf
	test "$(tail -c +4 "$TRASH/.out" | head -n 1)" = "$(head -n 1 ../csv)$(printf "\r")"
'

test_case 'summary in JSON: the documented shape, printed canonically' '
	make_report_repo
	c=$(v2_commit)
	samv_run samv-report --json
	expect_status 0
	expect_no_err
	jq . "$TRASH/.out" | cmp - "$TRASH/.out"
	jq -c "del(.figures, .sections, .charts)" "$TRASH/.out" >../got
	jq -c ".figures[]" "$TRASH/.out" >>../got
	jq -c ".sections[]" "$TRASH/.out" >>../got
	jq -c ".charts[] | {id, title, kind, labels, series}" "$TRASH/.out" >>../got
	cat >../want <<-EOT
	{"report":"summary","title":"Summary","collaboration":"Samverkan Östergötland","arena":null,"period":{"label":"2026-W47","since":"2026-11-16","until":"2026-11-22"},"today":"2026-11-23"}
	{"key":"meetings_held","title":"Meetings held","value":2}
	{"key":"meetings_planned","title":"Meetings planned","value":1}
	{"key":"decisions","title":"Decisions made","value":2}
	{"key":"anchors","title":"Anchors","value":1}
	{"key":"kedge_anchors","title":"Kedge anchors","value":1}
	{"key":"decisions_due","title":"Decisions due for review","value":1}
	{"key":"agreement_versions","title":"Agreement versions","value":1}
	{"key":"actions_opened","title":"Actions opened","value":2}
	{"key":"actions_done","title":"Actions done","value":1}
	{"key":"actions_overdue","title":"Actions overdue","value":1}
	{"key":"minutes_late","title":"Minutes not distributed","value":3}
	{"key":"assessments","title":"Assessments made","value":0}
	{"id":"arenas","title":"Meetings by arena","columns":[{"key":"arena","title":"Arena"},{"key":"held","title":"Held"},{"key":"planned","title":"Planned"}],"rows":[{"arena":"Arbetsgrupp ensamhet","held":1,"planned":0},{"arena":"Storgruppsmöte","held":1,"planned":1}]}
	{"id":"meetings","title":"Meetings","columns":[{"key":"arena","title":"Arena"},{"key":"date","title":"Date"},{"key":"title","title":"Title"},{"key":"status","title":"Status"},{"key":"attended","title":"Attended"}],"rows":[{"arena":"Arbetsgrupp ensamhet","date":"2026-11-18","title":"Arbetsgrupp i november","status":"held","attended":2},{"arena":"Storgruppsmöte","date":"2026-11-17","title":"Storgrupp i november","status":"held","attended":4},{"arena":"Storgruppsmöte","date":"2026-11-21","title":"Storgrupp i december","status":"planned","attended":null}]}
	{"id":"decisions","title":"Decisions made","columns":[{"key":"date","title":"Date"},{"key":"id","title":"Id"},{"key":"kind","title":"Kind"},{"key":"level","title":"Level"},{"key":"status","title":"Status"},{"key":"title","title":"Title"}],"rows":[{"date":"2026-11-17","id":"d2","kind":"anchor","level":"arena","status":"adopted","title":"Mötesplatsen blir permanent"},{"date":"2026-11-18","id":"k2","kind":"kedge-anchor","level":"arena","status":"adopted","title":"Träffas varannan vecka"}]}
	{"id":"due","title":"Decisions due for review","columns":[{"key":"review","title":"Review"},{"key":"id","title":"Id"},{"key":"title","title":"Title"}],"rows":[{"review":"2026-11-22","id":"k2","title":"Träffas varannan vecka"}]}
	{"id":"agreement","title":"Agreement changes","columns":[{"key":"version","title":"Version"},{"key":"date","title":"Date"},{"key":"decision","title":"Decision"},{"key":"commit","title":"Commit"},{"key":"change","title":"Change"}],"rows":[{"version":2,"date":"2026-11-17","decision":"d2","commit":"$c","change":"changed clause 2"},{"version":2,"date":"2026-11-17","decision":"d2","commit":"$c","change":"added clause 3"}]}
	{"id":"opened","title":"Actions opened","columns":[{"key":"due","title":"Due"},{"key":"id","title":"Id"},{"key":"owner","title":"Owner"},{"key":"title","title":"Title"},{"key":"status","title":"Status"}],"rows":[{"due":null,"id":"fraga","owner":"Rotary Motala","title":"Fråga medlemmarna, \"alla\"","status":"open"},{"due":"2026-12-15","id":"bjud","owner":"Eva Lind","title":"Bjud in kommunerna","status":"open"}]}
	{"id":"done","title":"Actions done","columns":[{"key":"due","title":"Due"},{"key":"id","title":"Id"},{"key":"owner","title":"Owner"},{"key":"title","title":"Title"},{"key":"status","title":"Status"}],"rows":[{"due":"2026-10-01","id":"boka","owner":"Eva Lind","title":"Boka lokal","status":"done"}]}
	{"id":"overdue","title":"Actions overdue","columns":[{"key":"due","title":"Due"},{"key":"id","title":"Id"},{"key":"owner","title":"Owner"},{"key":"title","title":"Title"},{"key":"status","title":"Status"}],"rows":[{"due":"2026-11-01","id":"lista","owner":"Per Holm","title":"Skicka föreningslistan","status":"open"}]}
	{"id":"minutes","title":"Minutes not distributed","columns":[{"key":"date","title":"Date"},{"key":"arena","title":"Arena"},{"key":"title","title":"Title"},{"key":"days","title":"Days"}],"rows":[{"date":"2026-05-12","arena":"Storgruppsmöte","title":"Storgrupp i maj","days":195},{"date":"2026-06-10","arena":"Arbetsgrupp ensamhet","title":"Arbetsgruppen startar","days":166},{"date":"2026-10-13","arena":"Storgruppsmöte","title":"Storgrupp i oktober","days":41}]}
	{"id":"attendance","title":"Attendance by sector, the last 12 months","kind":"stacked","labels":["2025-12","2026-01","2026-02","2026-03","2026-04","2026-05","2026-06","2026-07","2026-08","2026-09","2026-10","2026-11"],"series":[{"name":"civil","values":[0,0,0,0,0,2,1,0,0,1,1,2]},{"name":"public","values":[0,0,0,0,0,1,0,0,0,2,1,3]},{"name":"private","values":[0,0,0,0,0,0,0,0,0,0,0,1]}]}
	{"id":"decisions","title":"Decisions a month, the last 12 months","kind":"stacked","labels":["2025-12","2026-01","2026-02","2026-03","2026-04","2026-05","2026-06","2026-07","2026-08","2026-09","2026-10","2026-11"],"series":[{"name":"anchor","values":[0,0,0,1,0,0,0,0,0,0,0,1]},{"name":"kedge-anchor","values":[0,0,0,0,0,0,0,0,0,1,0,1]}]}
	EOT
	cmp ../want ../got
	samv_run samv-report --format json
	jq . "$TRASH/.out" | cmp - "$TRASH/.out"
'

test_case 'arena: one arena'"'"'s meetings, who came, its decisions' '
	make_report_repo
	samv_run samv-report arena sto --period 2026
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	Samverkan Östergötland: Arena: Storgruppsmöte
	Period: 2026 (2026-01-01 to 2026-12-31), made 2026-11-23

	Meetings held                4
	Meetings planned             1
	Attendances                 12
	Organisations that came      4
	Decisions made               2
	Actions open                 2
	Assessments made             0

	About the arena
	  Field     Value
	  name      Storgruppsmöte
	  kind      large-group-meeting
	  status    active
	  convener  Region Östergötland
	  members   2
	  serves    a, d
	  started   2026-05-12

	Meetings
	  Date        Title                  Status   Attended  Civil  Public  Private
	  2026-05-12  Storgrupp i maj        held            3      2       1        0
	  2026-09-15  Storgrupp i september  held            3      1       2        0
	  2026-10-13  Storgrupp i oktober    held            2      1       1        0
	  2026-11-17  Storgrupp i november   held            4      1       2        1
	  2026-11-21  Storgrupp i december   planned         -      -       -        -

	Organisations at the table
	  Organisation          Sector   Meetings  Last
	  Region Östergötland   public          4  2026-11-17
	  RF-SISU Östergötland  civil           4  2026-11-17
	  Bolaget AB            private         1  2026-11-17
	  Rotary Motala         civil           1  2026-05-12

	Decisions
	  Date        Id  Kind          Level  Status      Title
	  2026-09-15  k1  kedge-anchor  arena  superseded  Pröva en mötesplats
	  2026-11-17  d2  anchor        arena  adopted     Mötesplatsen blir permanent
	EOT
'

test_case 'decisions: the register with chains, all time by default' '
	make_report_repo
	samv_run samv-report decisions
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	Samverkan Östergötland: Decision register
	Period: all, made 2026-11-23

	Decisions          5
	Anchors            3
	Kedge anchors      2
	Proposed           1
	Adopted            3
	Superseded         1
	Revoked            0
	Expired            0

	Decision register
	  Date        Id  Kind          Level      Status      Title                        Arena                 Review      Chain
	  2026-03-10  d1  anchor        political  adopted     Anta överenskommelsen        -                     -           -
	  2026-09-15  k1  kedge-anchor  arena      superseded  Pröva en mötesplats          Storgruppsmöte        2026-11-20  confirmed by d2
	  2026-11-17  d2  anchor        arena      adopted     Mötesplatsen blir permanent  Storgruppsmöte        -           confirms k1
	  2026-11-18  k2  kedge-anchor  arena      adopted     Träffas varannan vecka       Arbetsgrupp ensamhet  2026-11-22  -
	  2026-11-19  p1  anchor        official   proposed    Handlingsplan                -                     -           -
	EOT
'

test_case 'actions: open follow-ups by owner; --period keeps those due by its end' '
	make_report_repo
	samv_run samv-report actions
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	Samverkan Östergötland: Actions
	Period: all, made 2026-11-23

	Actions open         3
	Actions overdue      1
	Owners               3

	Open actions by owner
	  Owner          Open  Overdue
	  Eva Lind          1        0
	  Per Holm          1        1
	  Rotary Motala     1        0

	Open actions
	  Owner          Due         Id     Title                      Arena                 Overdue
	  Eva Lind       2026-12-15  bjud   Bjud in kommunerna         Storgruppsmöte        no
	  Per Holm       2026-11-01  lista  Skicka föreningslistan     Storgruppsmöte        yes
	  Rotary Motala  -           fraga  Fråga medlemmarna, "alla"  Arbetsgrupp ensamhet  no
	EOT
	samv_run samv-report actions --period 2026-W45 --json
	jq -r ".sections[1].rows[] | .id" "$TRASH/.out" >../got
	printf "%s\n" lista fraga >../want
	cmp ../want ../got
'

test_case 'participation: sectors, kinds, levels, roles, politicians, who stopped coming' '
	make_report_repo
	samv_run samv-report participation --period 2026
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	Samverkan Östergötland: Participation
	Period: 2026 (2026-01-01 to 2026-12-31), made 2026-11-23

	Meetings held                     6
	Attendances                      15
	People                            5
	Organisations                     4
	Civil organisations (voices)      2
	Politicians present               1
	Meetings with politicians         2

	Attendance by arena
	  Arena                 Meetings  Attendances  Civil  Public  Private  Civil voices  With politicians
	  Arbetsgrupp ensamhet         2            3      2       1        0             1                 0
	  Storgruppsmöte               4           12      5       6        1             2                 2

	Attendance by sector
	  Arena                 Sector   Attendances  2026-Q1  2026-Q2  2026-Q3  2026-Q4
	  Arbetsgrupp ensamhet  civil              2        0        1        0        1
	  Arbetsgrupp ensamhet  public             1        0        0        0        1
	  Storgruppsmöte        civil              5        0        2        1        2
	  Storgruppsmöte        public             6        0        1        2        3
	  Storgruppsmöte        private            1        0        0        0        1

	Attendance by kind of organisation
	  Arena                 Kind         Attendances  2026-Q1  2026-Q2  2026-Q3  2026-Q4
	  Arbetsgrupp ensamhet  association            2        0        1        0        1
	  Arbetsgrupp ensamhet  region                 1        0        0        0        1
	  Storgruppsmöte        association            1        0        1        0        0
	  Storgruppsmöte        region                 6        0        1        2        3
	  Storgruppsmöte        umbrella               4        0        1        1        2
	  Storgruppsmöte        business               1        0        0        0        1

	Attendance by level
	  Arena                 Level     Attendances  2026-Q1  2026-Q2  2026-Q3  2026-Q4
	  Arbetsgrupp ensamhet  local               2        0        1        0        1
	  Arbetsgrupp ensamhet  regional            1        0        0        0        1
	  Storgruppsmöte        local               2        0        1        0        1
	  Storgruppsmöte        regional           10        0        2        3        5

	Attendance by role
	  Arena                 Role            Attendances  2026-Q1  2026-Q2  2026-Q3  2026-Q4
	  Arbetsgrupp ensamhet  representative            2        0        1        0        1
	  Arbetsgrupp ensamhet  official                  1        0        0        0        1
	  Storgruppsmöte        representative            5        0        2        1        2
	  Storgruppsmöte        official                  4        0        1        1        2
	  Storgruppsmöte        politician                2        0        0        1        1
	  Storgruppsmöte        other                     1        0        0        0        1

	Organisations that stopped coming
	  Arena           Organisation   Sector  Last seen
	  Storgruppsmöte  Rotary Motala  civil   2026-05-12
	EOT
'

test_case 'participation over time: quarters, or years past two years, in every format' '
	make_report_repo
	samv-meeting plan --id s-2024 --arena stor --title "Storgrupp 2024" --date 2024-03-05 >/dev/null
	samv-meeting hold s-2024 --attended eva --attended bo >/dev/null
	# all: March 2024 to January 2027 is longer than two years, so years
	samv_run samv-report participation
	expect_status 0
	sed -n "/^Attendance by sector/,/^\$/p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	Attendance by sector
	  Arena                 Sector   Attendances  2024  2025  2026  2027
	  Arbetsgrupp ensamhet  civil              2     0     0     2     0
	  Arbetsgrupp ensamhet  public             1     0     0     1     0
	  Storgruppsmöte        private            2     1     0     1     0
	  Storgruppsmöte        public             7     1     0     6     0
	  Storgruppsmöte        civil              5     0     0     5     0

	EOT
	cmp ../want ../got
	# the span columns are the section'"'"'s columns, so scripts find them there
	samv_run samv-report participation --json
	jq -c ".sections[] | select(.id == \"roles\") | [.columns[].key], .rows[0]" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	["arena","role","attendances","2024","2025","2026","2027"]
	{"arena":"Arbetsgrupp ensamhet","role":"representative","attendances":2,"2024":0,"2025":0,"2026":2,"2027":0}
	EOT
	cmp ../want ../got
	jq -r "[.sections[].id] | join(\" \")" "$TRASH/.out" >../got
	echo "arenas sectors kinds levels roles stopped" >../want
	cmp ../want ../got
	samv_run samv-report participation --format csv
	head -1 "$TRASH/.out" | grep -q ",sector,2024,2025,2026,2027,kind,level,role,"
	grep "^levels," "$TRASH/.out" >../got
	printf "%s\r\n" "levels,,,Arbetsgrupp ensamhet,,2,,,,,,,0,0,2,0,,local,,," \
		"levels,,,Arbetsgrupp ensamhet,,1,,,,,,,0,0,1,0,,regional,,," \
		"levels,,,Storgruppsmöte,,3,,,,,,,1,0,2,0,,local,,," \
		"levels,,,Storgruppsmöte,,11,,,,,,,1,0,10,0,,regional,,," >../want
	cmp ../want ../got
	samv_run samv-report participation --format markdown
	grep -A4 "^## Attendance by kind of organisation" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	## Attendance by kind of organisation

	| Arena | Kind | Attendances | 2024 | 2025 | 2026 | 2027 |
	|---|---|---:|---:|---:|---:|---:|
	| Arbetsgrupp ensamhet | association | 2 | 0 | 0 | 2 | 0 |
	EOT
	cmp ../want ../got
	samv_run samv-report participation --format html
	grep -q "^<section class=\"report-section\" id=\"section-sectors\">$" "$TRASH/.out"
	grep -q "^<thead><tr><th>Arena</th><th>Sector</th><th class=\"num\">Attendances</th><th class=\"num\">2024</th><th class=\"num\">2025</th><th class=\"num\">2026</th><th class=\"num\">2027</th></tr></thead>$" "$TRASH/.out"
	# a year of the period: its quarters, the first with nothing held
	samv_run samv-report participation --period 2026 --json
	jq -c "[.sections[] | select(.id == \"sectors\") | .rows[] | select(.arena == \"Storgruppsmöte\") | [.sector, .attendances, .[\"2026-Q1\"], .[\"2026-Q2\"], .[\"2026-Q3\"], .[\"2026-Q4\"]]]" "$TRASH/.out" >../got
	echo "[[\"civil\",5,0,2,1,2],[\"public\",6,0,1,2,3],[\"private\",1,0,0,0,1]]" >../want
	cmp ../want ../got
'

test_case 'agreement: the changelog, told against the version before the period' '
	make_report_repo
	c=$(v2_commit)
	samv_run samv-report agreement --since 2026-11-01
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	Samverkan Östergötland: Agreement changelog
	Period: from 2026-11-01, made 2026-11-23

	Agreement versions      1
	Changes                 2

	Agreement changes
	  Version  Date        Decision  Commit   Change
	        2  2026-11-17  d2        $c  changed clause 2
	        2  2026-11-17  d2        $c  added clause 3
	EOT
	samv_run samv-report agreement --period 2026-03 --json
	jq -r ".figures[] | \"\(.key) \(.value)\"" "$TRASH/.out" >../got
	printf "%s\n" "agreement_versions 1" "agreement_changes 6" >../want
	cmp ../want ../got
	samv_run samv-report agreement --period 2026-W46 --json
	jq -r ".figures[] | .value" "$TRASH/.out" | tr "\n" " " >../got
	test "$(cat ../got)" = "0 0 "
'

test_case 'HTML: one self-contained page, no script, no network' '
	make_report_repo
	samv_run samv-report actions --format html
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	<!DOCTYPE html>
	<html lang="en">
	<head>
	<meta charset="utf-8">
	<meta name="viewport" content="width=device-width, initial-scale=1">
	<title>Samverkan Östergötland: Actions</title>
	<style>
	body{font:15px/1.45 system-ui,-apple-system,'\''Segoe UI'\'',Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
	h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc}
	.sub{color:#555;margin:.2rem 0 1.5rem}
	.figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:0;padding:0;list-style:none}
	.figure{border:1px solid #ccc;border-radius:6px;padding:.5rem .8rem;min-width:8rem}
	.figure .value{display:block;font-size:1.6rem;font-weight:600}.figure .label{color:#555;font-size:.85rem}
	.charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-weight:600;margin:.5rem 0}
	table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #e3e3e3;vertical-align:top}th{background:#f3f3f3}td.num,th.num{text-align:right}
	.none{color:#777;font-style:italic}footer{margin-top:2rem;color:#777;font-size:.8rem}
	@media print{body{margin:0;max-width:none}section,figure,tr{break-inside:avoid}h2{break-after:avoid}}
	</style>
	</head>
	<body>
	<header>
	<h1>Samverkan Östergötland: Actions</h1>
	<p class="sub">Period: all, made 2026-11-23</p>
	</header>
	<ul class="figures">
	<li class="figure" id="figure-actions_open"><span class="value">3</span><span class="label">Actions open</span></li>
	<li class="figure" id="figure-actions_overdue"><span class="value">1</span><span class="label">Actions overdue</span></li>
	<li class="figure" id="figure-owners"><span class="value">3</span><span class="label">Owners</span></li>
	</ul>
	<section class="report-section" id="section-owners">
	<h2>Open actions by owner</h2>
	<table>
	<thead><tr><th>Owner</th><th class="num">Open</th><th class="num">Overdue</th></tr></thead>
	<tbody>
	<tr><td>Eva Lind</td><td class="num">1</td><td class="num">0</td></tr>
	<tr><td>Per Holm</td><td class="num">1</td><td class="num">1</td></tr>
	<tr><td>Rotary Motala</td><td class="num">1</td><td class="num">0</td></tr>
	</tbody>
	</table>
	</section>
	<section class="report-section" id="section-actions">
	<h2>Open actions</h2>
	<table>
	<thead><tr><th>Owner</th><th>Due</th><th>Id</th><th>Title</th><th>Arena</th><th>Overdue</th></tr></thead>
	<tbody>
	<tr><td>Eva Lind</td><td>2026-12-15</td><td>bjud</td><td>Bjud in kommunerna</td><td>Storgruppsmöte</td><td>no</td></tr>
	<tr><td>Per Holm</td><td>2026-11-01</td><td>lista</td><td>Skicka föreningslistan</td><td>Storgruppsmöte</td><td>yes</td></tr>
	<tr><td>Rotary Motala</td><td></td><td>fraga</td><td>Fråga medlemmarna, &quot;alla&quot;</td><td>Arbetsgrupp ensamhet</td><td>no</td></tr>
	</tbody>
	</table>
	</section>
	<footer>samv-report 0.1.0</footer>
	</body>
	</html>
	EOT
	samv_run samv-report --format html
	test "$(grep -ci -e "<script" -e "<link" -e "@import" -e "src=" -e "url(" -e " on[a-z]*=" "$TRASH/.out")" = 0
	test "$(grep -o "https\?://[^\"]*" "$TRASH/.out" | sort -u)" = "http://www.w3.org/2000/svg"
	test "$(grep -c "<svg " "$TRASH/.out")" = 2
	test "$(grep -c "<rect class=\"bar\"" "$TRASH/.out")" = 14
	test "$(grep -c "<section class=\"report-section\"" "$TRASH/.out")" = 9
	grep -q "<title>Samverkan Östergötland: Summary</title>" "$TRASH/.out"
'

test_case 'periods: ISO weeks, months, years, this week, --since/--until' '
	make_report_repo
	for p in 2026-W47 2026-W46 2026-11 2026 this-week last-month all; do
		samv-report --period $p --json | jq -r "[.period.label, .period.since, .period.until,
			(.figures[] | select(.key == \"meetings_held\") | .value)] | join(\" \")"
	done >../got
	samv-report --since 2026-11-18 --until 2026-11-30 --json |
		jq -r "[.period.label, (.figures[0].value)] | join(\" \")" >>../got
	samv-report --since 2026-11-18 | sed -n 2p >>../got
	samv-report --until 2026-10-31 | sed -n 2p >>../got
	cat >../want <<-\EOT
	2026-W47 2026-11-16 2026-11-22 2
	2026-W46 2026-11-09 2026-11-15 0
	2026-11 2026-11-01 2026-11-30 2
	2026 2026-01-01 2026-12-31 6
	2026-W48 2026-11-23 2026-11-29 0
	2026-10 2026-10-01 2026-10-31 1
	all 1900-01-01 9999-12-31 6
	2026-11-18..2026-11-30 1
	Period: from 2026-11-18, made 2026-11-23
	Period: up to 2026-10-31, made 2026-11-23
	EOT
	cmp ../want ../got
	SAMV_TODAY=2026-11-29 samv-report --period this-week | sed -n 2p >../got
	echo "Period: 2026-W48 (2026-11-23 to 2026-11-29), made 2026-11-29" >../want
	cmp ../want ../got
'

test_case 'minutes are late --minutes-days after the meeting' '
	make_report_repo
	for n in 0 5 6 7 200; do
		samv-report --minutes-days $n --json | jq -r "[.sections[] | select(.id == \"minutes\") | .rows[].date] | join(\" \")"
	done >../got
	cat >../want <<-\EOT
	2026-05-12 2026-06-10 2026-10-13 2026-11-17
	2026-05-12 2026-06-10 2026-10-13 2026-11-17
	2026-05-12 2026-06-10 2026-10-13 2026-11-17
	2026-05-12 2026-06-10 2026-10-13

	EOT
	cmp ../want ../got
'

test_case 'for cron: --fail-on exits 4 with the report printed, apart from failure (1) and usage (2); --quiet-if-empty prints nothing' '
	make_report_repo
	samv-report >../plain
	samv_run samv-report --fail-on overdue
	expect_status 4
	expect_no_err
	out | cmp - ../plain
	samv_run samv-report --fail-on due
	expect_status 4
	samv_run samv-report --fail-on late --minutes-days 200
	expect_status 0
	samv_run samv-report --fail-on due,late --minutes-days 200
	expect_status 4
	# a real failure with the condition holding is still a failure
	samv_run samv-report --fail-on overdue --rev nosuchrev
	expect_status 1
	samv_run samv-report --fail-on overdue --minutes-days x
	expect_status 2
	samv_run samv-report --fail-on overdue --rev HEAD~30
	expect_status 0
	samv_run samv-report --quiet-if-empty
	expect_status 0
	out | cmp - ../plain
	cd .. && rm -rf repo && make_repo --language en
	samv_run samv-report --quiet-if-empty --fail-on overdue
	expect_status 0
	expect_no_out
	expect_no_err
	samv_run samv-report --quiet-if-empty --format html
	expect_no_out
	samv_run samv-report
	expect_status 0
	test "$(out | sed -n 4p)" = "Meetings held                 0"
'

test_case 'the same repository and period give the same bytes; colour only when asked or on a terminal' '
	make_report_repo
	for f in text markdown json csv html; do
		samv-report --format $f >../a.$f
		samv-report --format $f --color always >../b.$f
		NO_COLOR= TERM=xterm samv-report --format $f >../c.$f
		cmp ../a.$f ../c.$f
	done
	for f in markdown json csv html; do cmp ../a.$f ../b.$f; done
	test "$(grep -c "$(printf "\033")" ../a.text)" = 0
	test "$(head -n 1 ../b.text)" = "$(printf "\033[1mSamverkan Östergötland: Summary\033[0m")"
	samv-report --color never >../d.text
	cmp ../a.text ../d.text
'

test_case 'records are read from the tip (or --rev), not the work tree' '
	make_report_repo
	samv-report >../before
	printf "{\n}\n" >"$(git ls-files meetings | grep /s3.json)"
	samv_run samv-report
	expect_status 0
	out | cmp - ../before
	git checkout -q -- .
	samv_run samv-report --rev HEAD~30 --json
	jq -r ".figures[0].value" "$TRASH/.out" >../got
	echo 0 >../want
	cmp ../want ../got
'

test_case 'help, version, completion' '
	samv_run samv-report --help
	expect_status 0
	test "$(out | head -n 1)" = "usage: samv-report [OPTIONS] [REPORT [ARENA]]"
	samv_run samv-report --version
	expect_out <<-\EOT
	samv-report (samv) 0.1.0
	libgit2 1.5.1, cJSON 1.7.15
	EOT
	samv-report --completion-helper | grep -v "^-" >../got
	printf "%s\n" summary arena decisions actions participation agreement resources anchoring >../want
	cmp ../want ../got
	samv-report summary --completion-helper | grep -c "^--" >../got
	test "$(cat ../got)" -gt 10
	test "$(samv-report --completion-values=--format | tr "\n" " ")" = "text markdown json csv html "
	test "$(samv-report --completion-values=--fail-on | tr "\n" " ")" = "overdue due late unanchored "
	samv report --version >../got
	out | cmp - ../got
'

# what|status|stderr|command
while IFS='|' read -r what status err cmd; do
	test_case "refused: $what" "
		make_report_repo
		fails $status \"$err\" $cmd
	"
done <<-\EOT
a period nobody says|2|samv-report: --period: 'next-week' is not a period (last-week, this-week, last-month, this-month, last-year, this-year, all, YYYY-Www, YYYY-MM or YYYY)|samv-report --period next-week
a week the year does not have|2|samv-report: --period: period '2025-W53': 2025 has weeks 1 to 52|samv-report --period 2025-W53
--since after --until|2|samv-report: --since 2026-11-30 is after --until 2026-11-01|samv-report --since 2026-11-30 --until 2026-11-01
a --since that is no date|2|samv-report: --since: '2026-11-31' is not a date (YYYY-MM-DD)|samv-report --since 2026-11-31
--period with --since|2|samv-report: --period cannot be given with --since or --until|samv-report --period 2026 --since 2026-01-01
an unknown arena|1|samv-report: unknown arena 'torg' (see samv-arena list)|samv-report arena torg
an arena report without an arena|2|samv-report: the arena report needs an arena (usage: samv-report arena ID)|samv-report arena
an unknown report|2|samv-report: unknown report 'weekly' (summary, arena, decisions, actions, participation, agreement, resources or anchoring)|samv-report weekly
an unknown format|2|samv-report: --format: 'pdf' is not one of text, markdown, json, csv, html|samv-report --format pdf
a second operand|2|samv-report: unexpected argument 'extra' (usage: samv-report [OPTIONS] [REPORT [ARENA]])|samv-report summary extra
a bad --minutes-days|2|samv-report: --minutes-days: 'a week' is not a number of days (0 to 3650)|samv-report --minutes-days 'a week'
a bad --fail-on|2|samv-report: --fail-on: 'late-minutes' is not one of overdue, due, late, unanchored|samv-report --fail-on overdue,late-minutes
a bad --color|2|samv-report: --color: 'yes' is not one of auto, always, never|samv-report --color yes
an unknown option|2|samv-report: unknown option '--weekly'|samv-report --weekly
an unknown revision|1|samv-report: unknown revision 'nope'|samv-report --rev nope
EOT

test_case 'refused: outside a repository' '
	samv_run samv-report
	expect_status 1
	expect_no_out
	test "$(cut -d: -f1 "$TRASH/.err")" = samv-report
'

test_case 'assessment trends: a line chart an instrument, every assessment up to the period'"'"'s end' '
	make_report_repo
	add_assessments
	samv_run samv-report arena stor --period 2026 --json
	expect_status 0
	expect_no_err
	jq -c ".charts[] | select(.kind == \"line\")" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	{"id":"trend-cross","title":"Assessment trend: Willing and able to collaborate (CROSS)","kind":"line","labels":["2025-04-01","2026-10-13"],"series":[{"name":"willingness","values":[2,3],"labels":["some","high"],"notes":["Avvaktande","Alla vill"]},{"name":"goals","values":[null,1],"labels":[null,"enables"],"notes":[null,"Ett mål"]},{"name":"resources","values":[-2,-1],"labels":["strongly hinders","hinders"],"notes":["Inga medel","Tid men inga pengar"]}],"min":-2,"max":3}
	{"id":"trend-steps","title":"Assessment trend: The collaboration staircase (Samverkanstrappan)","kind":"line","labels":["2025-03-01","2026-03-01","2026-11-17"],"series":[{"name":"step","values":[1,2,3],"labels":["talk","shared view","cooperation"],"notes":["Vi pratar",null,"Vi gör saker ihop"]}],"min":1,"max":4}
	EOT
	cmp ../want ../got
	# up to the end of 2025: the first of each; the summary: the collaboration'"'"'s
	samv-report arena stor --period 2025 --json | jq -c "[.charts[] | select(.kind == \"line\") | [.id, .labels]]" >../got
	echo "[[\"trend-cross\",[\"2025-04-01\"]],[\"trend-steps\",[\"2025-03-01\"]]]" | cmp - ../got
	samv-report --json | jq -c "[.charts[] | [.id, .labels[0]]]" >../got
	echo "[[\"attendance\",\"2025-12\"],[\"decisions\",\"2025-12\"],[\"trend-steps\",\"2026-06-01\"]]" | cmp - ../got
	# an arena never assessed has no trend
	samv-report arena ag --json | jq -c "[.charts[].id]" >../got
	echo "[\"attendance\",\"decisions\"]" | cmp - ../got
	# the page: inline SVG named and described, a point an answer, the table beside it
	samv_run samv-report arena stor --period 2026 --format html
	expect_status 0
	test "$(grep -c "<svg " "$TRASH/.out")" = 4
	test "$(grep -ci -e "<script" -e "src=" -e "url(" -e " on[a-z]*=" "$TRASH/.out")" = 0
	grep -q "^<svg [^>]* role=\"img\" aria-labelledby=\"chart-trend-steps-title chart-trend-steps-desc\"" "$TRASH/.out"
	grep -q "^<title id=\"chart-trend-steps-title\">Assessment trend: The collaboration staircase (Samverkanstrappan)</title>$" "$TRASH/.out"
	grep -q "^<desc id=\"chart-trend-steps-desc\">A line a question, a point an assessment, from 2025-03-01 to 2026-11-17, on the scale from 1 to 4: step. The table that follows gives every answer.</desc>$" "$TRASH/.out"
	grep -o "<circle class=\"point\" data-series=\"[^\"]*\" data-label=\"[^\"]*\" data-value=\"[^\"]*\"" "$TRASH/.out" |
		sed "s/.*series=\"\([^\"]*\)\" data-label=\"\([^\"]*\)\" data-value=\"\([^\"]*\)\"/\1 \2 \3/" >../got
	cat >../want <<-\EOT
	willingness 2025-04-01 2
	willingness 2026-10-13 3
	goals 2026-10-13 1
	resources 2025-04-01 -2
	resources 2026-10-13 -1
	step 2025-03-01 1
	step 2026-03-01 2
	step 2026-11-17 3
	EOT
	cmp ../want ../got
	grep -q "<title>step 2026-11-17: cooperation (3) — Vi gör saker ihop</title></circle>" "$TRASH/.out"
	sed -n "/^<caption>Assessment trend: Willing and able to collaborate (CROSS)<\/caption>$/,/^<\/table>$/p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	<caption>Assessment trend: Willing and able to collaborate (CROSS)</caption>
	<thead><tr><th scope="col">Date</th><th scope="col">willingness</th><th scope="col">goals</th><th scope="col">resources</th></tr></thead>
	<tbody>
	<tr><th scope="row">2025-04-01</th><td>some (2) — Avvaktande</td><td></td><td>strongly hinders (-2) — Inga medel</td></tr>
	<tr><th scope="row">2026-10-13</th><td>high (3) — Alla vill</td><td>enables (1) — Ett mål</td><td>hinders (-1) — Tid men inga pengar</td></tr>
	</tbody>
	</table>
	EOT
	cmp ../want ../got
	# the bar charts have their text alternative too
	grep -q "^<desc id=\"chart-attendance-desc\">Stacked bars a month from 2026-01 to 2026-12, a colour a series: civil, public and private. The table that follows gives the numbers.</desc>$" "$TRASH/.out"
	grep -q "^<tr><th scope=\"row\">2026-11</th><td class=\"num\">1</td><td class=\"num\">2</td><td class=\"num\">1</td></tr>$" "$TRASH/.out"
'

test_case 'assessments: counted in the period, listed, and where an arena stands on the staircase' '
	make_report_repo
	samv-assess add --id s1 --instrument steps --arena stor --date 2026-03-01 --by eva --answer step=talk >/dev/null &&
	samv-assess add --id s2 --instrument steps --arena stor --date 2026-11-17 --by eva --answer step=shared-view >/dev/null &&
	samv-assess add --id s3 --instrument steps --arena ag --date 2026-11-18 --answer step=talk >/dev/null
	samv_run samv-report summary --period 2026-W47 --format json
	expect_status 0
	jq -c "[(.figures[] | select(.key == \"assessments\") | .value), [.sections[] | select(.id == \"assessments\") | .rows[] | [.id, .subject, .by]]]" ../.out >../got
	echo "[2,[[\"s2\",\"arena stor\",\"Eva Lind\"],[\"s3\",\"arena ag\",null]]]" | cmp - ../got
	samv_run samv-report arena stor --period 2026-11 --format json
	expect_status 0
	jq -c "[(.figures[] | select(.key == \"assessments\") | .value), [.sections[] | select(.id == \"standing\") | .rows[] | [.date, .step]]]" ../.out >../got
	echo "[1,[[\"2026-11-17\",\"shared-view\"]]]" | cmp - ../got
	samv_run samv-report arena stor --period 2026-10 --format json
	jq -c "[.sections[] | select(.id == \"standing\") | .rows[] | .step]" ../.out >../got
	echo "[\"talk\"]" | cmp - ../got
'
