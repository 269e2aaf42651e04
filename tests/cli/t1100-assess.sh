# samv-assess: instruments, assessments, trends and gaps.

# A repository with a person, a third organisation, and an arena whose
# members are the Region, RF-SISU and NSPH.
make_assess() {
	make_repo --people-on-branch &&
	samv-actor add --id nsph --name "NSPH Östergötland" --sector civil --kind association \
		--level local >/dev/null &&
	samv-person add --id eva --name "Eva Lind" --actor region --role process-leader >/dev/null &&
	samv-arena add --id stor --name Storgruppsmöte --kind large-group-meeting --member region \
		--member rf-sisu --member nsph >/dev/null &&
	test_tick
}

# Assessments over the years: cross of the arena (2019, 2023, 2025), cross
# of NSPH, steps of the arena, and levels between the Region and NSPH that
# disagree by two.
make_history() {
	make_assess &&
	samv-assess add --id c19 --instrument cross --arena stor --date 2019-05-02 --by eva \
		--answer willingness=some --note willingness="Nyfikna men avvaktande" \
		--answer resources=strongly-hinders --note resources="Inga öronmärkta medel" \
		--answer relations=begun --answer arenas=absent >/dev/null &&
	samv-assess add --id c23 --instrument cross --arena stor --date 2023-04-20 --by eva \
		--answer willingness=high --note willingness="Alla vill fortsätta" \
		--answer resources=hinders --note resources="Tid inom ordinarie tjänst" \
		--answer relations=established --answer arenas=begun --answer knowledge=absent \
		--answer trust_structure=begun >/dev/null &&
	samv-assess add --id c25 --instrument cross --arena stor --date 2025-05-14 --by eva \
		--answer willingness=high --note willingness="Stark vilja" \
		--answer resources=hinders --note resources="Fortfarande inga medel" \
		--answer goals=enables --note goals="Gemensamt mål om ensamhet" \
		--answer relations=established --answer arenas=established --answer knowledge=absent \
		--answer trust_structure=begun --answer anchoring=absent >/dev/null &&
	samv-assess add --id n25 --instrument cross --actor nsph --date 2025-06-01 \
		--answer resources=strongly-hinders --note resources="Ideella krafter räcker inte" >/dev/null &&
	samv-assess add --id s20 --instrument steps --arena stor --date 2020-03-01 --answer step=talk >/dev/null &&
	samv-assess add --id s25 --instrument steps --arena stor --date 2025-05-14 --answer step=2 >/dev/null &&
	samv-assess add --id l1 --instrument levels --actor region --partner nsph --date 2025-09-01 \
		--answer level=coordination >/dev/null &&
	samv-assess add --id l2 --instrument levels --actor nsph --partner region --date 2025-09-03 \
		--answer level=networking --note level="Vi informeras mest" >/dev/null &&
	test_tick
}

path_of() { git ls-files assessments | grep "/$1.json\$"; }

# on_tty INPUT CMD...: run CMD on a pseudo-terminal (python3's pty), typing
# INPUT (printf escapes); print what the terminal showed, exit as CMD did.
# Without python3 the case fails: .ci/deps installs it.
on_tty() {
	command -v python3 >/dev/null 2>&1 ||
		{ echo "# python3 is not installed, no pseudo-terminal to drive (sh .ci/deps installs it)" >&2; return 127; }
	cat >"$TRASH/drive.py" <<-\EOF
	import os, pty, sys
	pid, fd = pty.fork()
	if pid == 0:
	    os.execvp(sys.argv[2], sys.argv[2:])
	os.write(fd, sys.argv[1].encode())
	out = b""
	while True:
	    try:
	        chunk = os.read(fd, 4096)
	    except OSError:
	        break
	    if not chunk:
	        break
	    out += chunk
	_, status = os.waitpid(pid, 0)
	sys.stdout.write(out.decode().replace("\r\n", "\n"))
	sys.exit(os.WEXITSTATUS(status))
	EOF
	input=$(printf "$1")
	shift
	timeout 120 python3 "$TRASH/drive.py" "$input
" "$@"
}

test_case 'assess add: one commit with trailers, answers in the instrument order, notes kept' '
	make_assess
	samv_run samv-assess add --id c1 --instrument cross --arena stor --date 2025-05-14 --by eva \
		--answer relations=begun --answer goals=1 --note goals="Gemensamt mål" \
		--answer dependency_kinds=asymmetric,symbiotic --answer problem="Ofrivillig ensamhet"
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	c1
	EOT
	p=$(path_of c1)
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	assessment: add c1

	cross of arena stor, 2025-05-14

	Samv-Command: samv-assess add
	Samv-Assessment: c1
	Samv-Arena: stor
	Samv-Instrument: cross
	Samv-Subject: arena stor
	Samv-Date: 2025-05-14
	Samv-Record: $p
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-\EOT
	{
	  "id": "c1",
	  "instrument": "cross",
	  "subject_kind": "arena",
	  "arena": "stor",
	  "date": "2025-05-14",
	  "assessed_by": "eva",
	  "answers": {
	    "goals": "enables",
	    "dependency_kinds": [
	      "asymmetric",
	      "symbiotic"
	    ],
	    "relations": "begun",
	    "problem": "Ofrivillig ensamhet"
	  },
	  "notes": {
	    "goals": "Gemensamt mål"
	  }
	}
	EOT
	cmp ../want "$p"
	test -z "$(git status --porcelain)"
	samv_run samv-check
	expect_status 0
'

test_case 'assess add: the subject kind follows from the ids, the date defaults to today, ids are minted' '
	make_assess
	samv_run samv-assess add --instrument levels --actor reg --partner nsph --answer level=3
	expect_status 0
	id=$(out)
	case $id in levels-2026-11-23-??????) ;; *) echo "bad id $id" >&2; false ;; esac
	samv_run samv-assess list
	expect_out <<-EOT
	2026-11-23  $id  levels      pair region nsph
	EOT
	samv_run samv-assess add --batch --instrument steps --answer step=samordning --date 2026-01-01
	expect_status 1
	expect_err <<-\EOT
	samv-assess: answers: step: '"'"'samordning'"'"' is not on the scale (talk, shared-view, cooperation, collaboration)
	EOT
	samv_run samv-assess add --instrument steps --answer step=collaboration --date 2026-01-01 --id whole
	expect_status 0
	samv_run samv-assess show whole
	expect_out <<-\EOT
	id:           whole
	instrument:   steps
	subject_kind: collaboration
	date:         2026-01-01

	step:
	  step: collaboration (4)
	EOT
'

test_case 'assess add --stdin: a survey import, numbers put on the scale, flags added on top' '
	make_assess
	cat >../in.json <<-\EOF
	{"instrument": "cross", "subject_kind": "actor", "actor": "rf-sisu", "date": "2024-02-01",
	 "answers": {"ability": 1, "anchoring": "2"}, "notes": {"ability": "Få anställda"}}
	EOF
	samv_run samv-assess add --stdin --id imp --answer perceptions=neutral \
		--note perceptions="Blandad bild" <../in.json
	expect_status 0
	expect_out <<-\EOT
	imp
	EOT
	samv_run samv-assess show imp --lang sv
	expect_out <<-\EOT
	id:           imp
	instrument:   cross
	subject_kind: actor
	actor:        rf-sisu
	date:         2024-02-01

	readiness:
	  ability: låg (low, 1)
	    Få anställda

	factor:
	  perceptions: varken hindrar eller möjliggör (neutral, 0)
	    Blandad bild

	base:
	  anchoring: finns (established, 2)
	EOT
'

test_case 'assess add refuses, and leaves the repository untouched' '
	make_history
	fails 1 "samv-assess: unknown instrument '"'"'nope'"'"' (instruments: cross, levels, steps)" \
		samv-assess add --instrument nope --arena stor --answer x=1
	fails 1 "samv-assess: answers: resources: '"'"'9'"'"' is not on the scale (strongly-hinders, hinders, neutral, enables, strongly-enables)" \
		samv-assess add --instrument cross --arena stor --answer resources=9 --note resources=x
	fails 1 "samv-assess: --arena: no arena '"'"'nowhere'"'"' (see samv-arena list)" \
		samv-assess add --instrument cross --arena nowhere --answer relations=begun
	fails 1 "samv-assess: actor: unknown actor '"'"'ghost'"'"' (see samv-actor list)" \
		sh -c "echo '"'"'{\"instrument\": \"cross\", \"actor\": \"ghost\", \"answers\": {\"relations\": \"begun\"}}'"'"' | samv-assess add --stdin"
	fails 1 "samv-assess: notes: goals: an answer needs its note, the model is qualitative (--note goals=TEXT)" \
		samv-assess add --instrument cross --arena stor --answer goals=enables
	fails 1 "samv-assess: standard input:1:15: unexpected end of JSON text" \
		sh -c "printf '"'"'{\"instrument\":'"'"' | samv-assess add --stdin"
	fails 1 "samv-assess: answers: unknown question '"'"'mood'"'"' (see samv-assess instrument cross)" \
		samv-assess add --instrument cross --arena stor --answer mood=good
	fails 1 "samv-assess: notes: unknown question '"'"'mood'"'"' (see samv-assess instrument cross)" \
		samv-assess add --instrument cross --arena stor --answer relations=begun --note mood=good
	fails 1 "samv-assess: instrument '"'"'levels'"'"' assesses pair, not arena" \
		samv-assess add --instrument levels --arena stor --answer level=2
	fails 1 "samv-assess: answers: level: required" \
		samv-assess add --instrument levels --actor region --partner nsph --note level=x
	fails 1 "samv-assess: answers: dependency_kinds: '"'"'hostile'"'"' is not one of asymmetric, symbiotic, competitive" \
		samv-assess add --instrument cross --actor nsph --answer dependency_kinds=symbiotic,hostile
	fails 1 "samv-assess: answers: none given" \
		samv-assess add --batch --instrument cross --actor nsph
	fails 1 "samv-assess: subject_kind: a pair assessment names the actor and its partner" \
		samv-assess add --instrument levels --subject-kind pair --actor nsph --answer level=2
	fails 1 "samv-assess: assessment '"'"'c19'"'"' already exists" \
		samv-assess add --id c19 --instrument steps --arena stor --answer step=talk
	fails 2 "samv-assess: add: --instrument is required (see samv-assess instruments)" \
		samv-assess add --arena stor --answer relations=begun
	fails 1 "samv-assess: date: 2026-12-01 is in the future (today is 2026-11-23)" \
		samv-assess add --instrument steps --arena stor --answer step=talk --date 2026-12-01
	fails 1 "samv-assess: date: '"'"'2025-02-30'"'"' is not a date (YYYY-MM-DD)" \
		samv-assess add --instrument steps --arena stor --answer step=talk --date 2025-02-30
'

test_case 'assess list: oldest first, with filters' '
	make_history
	samv_run samv-assess list
	expect_status 0
	expect_out <<-\EOT
	2019-05-02  c19  cross       arena stor
	2020-03-01  s20  steps       arena stor
	2023-04-20  c23  cross       arena stor
	2025-05-14  c25  cross       arena stor
	2025-05-14  s25  steps       arena stor
	2025-06-01  n25  cross       actor nsph
	2025-09-01  l1   levels      pair region nsph
	2025-09-03  l2   levels      pair nsph region
	EOT
	samv_run samv-assess list --instrument cross --since 2020-01-01 --until 2025-05-31 --ids
	expect_out <<-\EOT
	c23
	c25
	EOT
	samv_run samv-assess list --subject nsph --ids
	expect_out <<-\EOT
	n25
	l1
	l2
	EOT
	samv_run samv-assess list --subject arena:stor --subject-kind arena --instrument steps --ids
	expect_out <<-\EOT
	s20
	s25
	EOT
	samv_run samv-assess list --arena st --instrument levels
	expect_no_out
	samv_run samv-assess list --json --instrument levels --since 2025-09-02
	expect_out <<-\EOT
	[
	  {
	    "id": "l2",
	    "instrument": "levels",
	    "subject_kind": "pair",
	    "actor": "nsph",
	    "partner": "region",
	    "arena": null,
	    "date": "2025-09-03",
	    "assessed_by": null,
	    "answers": {
	      "level": "networking"
	    },
	    "notes": {
	      "level": "Vi informeras mest"
	    },
	    "comment": null
	  }
	]
	EOT
	samv_run samv-assess list --subject-kind team
	expect_status 2
	expect_err <<-\EOT
	samv-assess: --subject-kind: '"'"'team'"'"' is not one of actor, arena, pair, collaboration
	EOT
'

test_case 'assess show: each answer with its note; --json with every field' '
	make_history
	samv_run samv-assess show c25
	expect_status 0
	expect_out <<-\EOT
	id:           c25
	instrument:   cross
	subject_kind: arena
	arena:        stor
	date:         2025-05-14
	assessed_by:  eva

	readiness:
	  willingness: high (3)
	    Stark vilja

	factor:
	  goals: enables (1)
	    Gemensamt mål om ensamhet
	  resources: hinders (-1)
	    Fortfarande inga medel

	base:
	  relations: established (2)
	  arenas: established (2)
	  knowledge: absent (0)
	  trust_structure: begun (1)
	  anchoring: absent (0)
	EOT
	samv_run samv-assess show l2 --json
	jq "with_entries(select(.value != null))" "$TRASH/.out" >../shown
	jq . "$(path_of l2)" | cmp - ../shown
	test "$(jq -c "[.arena, .comment]" "$TRASH/.out")" = "[null,null]"
'

test_case 'assess trend: a chart per instrument, the notes, CSV and JSON' '
	make_history
	samv_run samv-assess trend stor
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	cross, arena stor: 3 assessments
	                   2019 2023 2025
	  willingness      ▄    █    █    some → high
	  goals            ·    ·    ▆    enables
	  resources        ▁    ▂    ▂    strongly hinders → hinders
	  relations        ▄    █    █    begun → established
	  arenas           ▁    ▄    █    absent → established
	  knowledge        ·    ▁    ▁    absent → absent
	  trust_structure  ·    ▄    ▄    begun → begun
	  anchoring        ·    ·    ▁    absent
	  ratings and notes:
	    willingness      2019-05-02  some              Nyfikna men avvaktande
	                     2023-04-20  high              Alla vill fortsätta
	                     2025-05-14  high              Stark vilja
	    goals            2025-05-14  enables           Gemensamt mål om ensamhet
	    resources        2019-05-02  strongly hinders  Inga öronmärkta medel
	                     2023-04-20  hinders           Tid inom ordinarie tjänst
	                     2025-05-14  hinders           Fortfarande inga medel
	    relations        2019-05-02  begun
	                     2023-04-20  established
	                     2025-05-14  established
	    arenas           2019-05-02  absent
	                     2023-04-20  begun
	                     2025-05-14  established
	    knowledge        2023-04-20  absent
	                     2025-05-14  absent
	    trust_structure  2023-04-20  begun
	                     2025-05-14  begun
	    anchoring        2025-05-14  absent

	steps, arena stor: 2 assessments
	        2020 2025
	  step  ▁    ▃    talk → shared view
	  ratings and notes:
	    step  2020-03-01  talk
	          2025-05-14  shared view
	EOT
	samv_run samv-assess trend stor --instrument steps --lang sv
	expect_out <<-\EOT
	steps, arena stor: 2 assessments
	        2020 2025
	  step  ▁    ▃    samtal → samsyn
	  svar och anteckningar:
	    step  2020-03-01  samtal
	          2025-05-14  samsyn
	EOT
	samv_run samv-assess trend stor --instrument steps --csv --lang sv
	printf "%s\r\n" instrument,subject_kind,subject,partner,date,assessment,question,answer,value,note \
		steps,arena,stor,,2020-03-01,s20,step,talk,1, steps,arena,stor,,2025-05-14,s25,step,shared-view,2, |
		cmp - "$TRASH/.out"
	# every instrument used: one table, one header, every line ending in CRLF
	samv_run samv-assess trend stor --csv
	expect_status 0
	test "$(grep -c "^instrument,subject_kind," "$TRASH/.out")" = 1
	test "$(tr -cd "\r" <"$TRASH/.out" | wc -c)" = "$(wc -l <"$TRASH/.out")"
	# the same rows as the two instruments one at a time
	cp "$TRASH/.out" ../both
	samv-assess trend stor --csv --instrument cross >../one
	samv-assess trend stor --csv --instrument steps | tail -n +2 >>../one
	cmp ../one ../both
	samv_run samv-assess trend nsph region --json
	expect_out <<-\EOT
	[
	  {
	    "instrument": "levels",
	    "subject": {
	      "kind": "pair",
	      "id": "nsph",
	      "partner": "region"
	    },
	    "assessments": [
	      {
	        "id": "l2",
	        "date": "2025-09-03"
	      }
	    ],
	    "questions": [
	      {
	        "key": "level",
	        "type": "scale",
	        "group": "level",
	        "answers": [
	          {
	            "key": "networking",
	            "value": 1,
	            "label": "networking",
	            "note": "Vi informeras mest"
	          }
	        ]
	      }
	    ]
	  }
	]
	EOT
	samv_run samv-assess trend collaboration
	expect_out <<-\EOT
	no assessments of collaboration
	EOT
	samv_run samv-assess trend stor --json --csv
	expect_status 2
	samv_run samv-assess trend nobody
	expect_status 1
	expect_err <<-\EOT
	samv-assess: no actor or arena '"'"'nobody'"'"' (see samv-actor list, samv-arena list)
	EOT
'

test_case 'assess gaps: standing, missing base pieces, what hinders most, disagreeing pairs, who to ask' '
	make_history
	samv_run samv-assess gaps
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	stor  Storgruppsmöte
	  cross: arena assessed 2025-05-14
	    absent:       anchoring
	    skipped:      knowledge
	    not answered: own_questions, dialogue
	    hinders most: resources (2 ratings below neutral)
	      arena 2025-05-14, hinders: Fortfarande inga medel
	      nsph 2025-06-01, strongly hinders: Ideella krafter räcker inte
	  steps: stands at shared-view (shared view), 2025-05-14
	  disagree:
	    nsph rates region networking (1), region rates nsph coordination (3)
	  not assessed:
	    rf-sisu (never)
	EOT
	samv_run samv-assess gaps --older-than 12 --arena stor --lang sv
	expect_out <<-\EOT
	stor  Storgruppsmöte
	  cross: arena assessed 2025-05-14
	    absent:       anchoring
	    skipped:      knowledge
	    not answered: own_questions, dialogue
	    hinders most: resources (2 ratings below neutral)
	      arena 2025-05-14, hindrar: Fortfarande inga medel
	      nsph 2025-06-01, hindrar starkt: Ideella krafter räcker inte
	  steps: stands at shared-view (samsyn), 2025-05-14
	  disagree:
	    nsph rates region networking (1), region rates nsph coordination (3)
	  not assessed:
	    nsph (last 2025-09-03)
	    region (last 2025-09-01)
	    rf-sisu (never)
	EOT
	samv_run samv-assess gaps --json
	jq -r ".[0].steps.step, .[0].cross.hinders_most.factor, .[0].disagree[0].difference, .[0].not_assessed[0].last" \
		"$TRASH/.out" >../got
	printf "shared-view\nresources\n2\nnull\n" | cmp - ../got
	samv_run samv-assess gaps --older-than soon
	expect_status 2
	expect_err <<-\EOT
	samv-assess: --older-than: '"'"'soon'"'"' is not a number of months (0 to 1200)
	EOT
'

test_case 'assess levels: per partner, the ratings given and received, the latest in each direction' '
	make_history
	samv-assess add --id l3 --instrument levels --actor region --partner rf-sisu --date 2024-02-01 \
		--answer level=networking >/dev/null
	before_l4=$(git rev-parse HEAD)
	samv-assess add --id l4 --instrument levels --actor region --partner rf-sisu --date 2025-10-01 \
		--answer level=coalition >/dev/null
	samv-assess add --id l5 --instrument levels --actor rf-sisu --partner region --date 2025-10-02 \
		--answer level=collaboration >/dev/null
	samv-actor add --id abf --name "ABF Östergötland" --sector civil --kind association --level regional >/dev/null
	samv-assess add --id l6 --instrument levels --actor abf --partner rf-sisu --date 2025-11-01 \
		--answer level=none >/dev/null
	samv_run samv-assess levels
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	levels: Levels of Collaboration, the latest rating in each direction

	abf  ABF Östergötland
	  gave 1, median 0 no interaction; received 0
	    partner  gave              received
	    rf-sisu  0 no interaction  -

	nsph  NSPH Östergötland
	  gave 1, median 1 networking; received 1, median 3 coordination
	    partner  gave          received
	    region   1 networking  3 coordination  apart by 2

	region  Region Östergötland
	  gave 2, median 3 coordination; received 2, median 1 networking
	    partner  gave            received
	    nsph     3 coordination  1 networking     apart by 2
	    rf-sisu  4 coalition     5 collaboration

	rf-sisu  RF-SISU Östergötland
	  gave 1, median 5 collaboration; received 2, median 0 no interaction
	    partner  gave             received
	    abf      -                0 no interaction
	    region   5 collaboration  4 coalition
	EOT
	# an arena: only its members and their ratings of each other; who to ask
	samv-arena add --id ag --name Arbetsgrupp --kind working-group --member region --member nsph \
		--member abf >/dev/null
	samv_run samv-assess levels --arena ag --lang sv
	expect_status 0
	expect_out <<-\EOT
	levels: Nivåer av samverkan in ag, the latest rating in each direction

	nsph  NSPH Östergötland
	  gave 1, median 1 nätverkande; received 1, median 3 samordning
	    partner  gave           received
	    region   1 nätverkande  3 samordning  apart by 2

	region  Region Östergötland
	  gave 1, median 3 samordning; received 1, median 1 nätverkande
	    partner  gave          received
	    nsph     3 samordning  1 nätverkande  apart by 2

	not rated: abf
	EOT
	samv_run samv-assess levels rf --json
	expect_status 0
	jq -c ".[0] | [.arena, .not_rated, (.actors[] | .actor, .gave.count, .received.median.rating,
		.received.lowest, .received.highest, (.partners[] | [.partner, .gave.rating, .received.assessment,
		.difference, .disagree]))]" "$TRASH/.out" >../got
	echo "[null,[],\"rf-sisu\",1,\"none\",\"none\",\"coalition\",[\"abf\",null,\"l6\",null,false],[\"region\",\"collaboration\",\"l4\",1,false]]" |
		cmp - ../got
	# the state of an earlier commit: before l4, region rated rf-sisu networking
	samv_run samv-assess levels rf-sisu --rev "$before_l4"
	expect_out <<-\EOT
	levels: Levels of Collaboration, the latest rating in each direction

	rf-sisu  RF-SISU Östergötland
	  gave 0; received 1, median 1 networking
	    partner  gave  received
	    region   -     1 networking
	EOT
	samv_run samv-assess levels eva
	expect_status 1
	expect_err <<-\EOT
	samv-assess: no actor '"'"'eva'"'"' (see samv-actor list)
	EOT
'

test_case 'assess levels: what is refused' '
	make_history
	fails 2 "samv-assess: --instrument: '"'"'cross'"'"' is not read in pairs (levels is)" \
		samv-assess levels --instrument cross
	fails 1 "samv-assess: unknown instrument '"'"'nope'"'"' (instruments: cross, levels, steps)" \
		samv-assess levels --instrument nope
	fails 1 "samv-assess: --arena: no arena '"'"'x'"'"' (see samv-arena list)" samv-assess levels --arena x
	fails 2 "samv-assess: levels: unexpected argument '"'"'nsph'"'"' (usage: samv-assess levels [ACTOR])" \
		samv-assess levels region nsph
	fails 2 "samv-assess: --lang: '"'"'de'"'"' is not one of sv, en" samv-assess levels --lang de
	samv_run samv-assess levels --arena stor nsph
	expect_out <<-\EOT
	levels: Levels of Collaboration in stor, the latest rating in each direction

	nsph  NSPH Östergötland
	  gave 1, median 1 networking; received 1, median 3 coordination
	    partner  gave          received
	    region   1 networking  3 coordination  apart by 2
	EOT
'

test_case 'assess instruments and instrument: the built-in definitions' '
	make_assess
	samv_run samv-assess instruments
	expect_status 0
	expect_out <<-\EOT
	cross    actor,arena,collaboration  Willing and able to collaborate (CROSS)
	levels   pair                       Levels of Collaboration
	steps    arena,collaboration        The collaboration staircase (Samverkanstrappan)
	EOT
	samv_run samv-assess instrument levels
	expect_out <<-\EOT
	levels: Levels of Collaboration
	source:   Frey, Lohmeier, Lee and Tollefson (2006), Measuring collaboration among grant partners, American Journal of Evaluation 27(3)
	subjects: pair
	summary:  Each organisation rates its relation to a partner. The latest rating in each direction counts: per partner, the ratings given and received; per arena, the ratings between its members; and the pairs whose two ratings differ by two levels or more, a topic for the next meeting.

	scale level:
	    0  none               no interaction
	    1  networking         networking
	    2  cooperation        cooperation
	    3  coordination       coordination
	    4  coalition          coalition
	    5  collaboration      collaboration

	questions:
	  level (scale level, required)
	    How would you describe your organisation'"'"'s relation to the partner?
	EOT
	samv_run samv-assess instrument cross --json
	cmp "$TRASH/.out" /dev/null && false
	jq -e ".name == \"cross\" and (.questions | length) == 19" "$TRASH/.out" >/dev/null
	samv_run samv-assess instrument nope
	expect_status 1
	expect_err <<-\EOT
	samv-assess: unknown instrument '"'"'nope'"'"' (instruments: cross, levels, steps)
	EOT
'

test_case 'assess: a repository instrument extends and overrides the built-in ones; samv-check checks it' '
	make_assess
	mkdir instruments
	cat >instruments/trust.json <<-\EOF
	{
	  "name": "trust",
	  "title": {"en": "Trust", "sv": "Tillit"},
	  "source": "our own",
	  "subjects": ["actor"],
	  "summary": {"method": "profile", "en": "The latest answer.", "sv": "Senaste svaret."},
	  "scales": {"yn": {"points": [{"key": "no", "value": 0, "en": "no", "sv": "nej"},
	                                {"key": "yes", "value": 1, "en": "yes", "sv": "ja"}]}},
	  "questions": [{"key": "trusts", "type": "scale", "scale": "yn", "note": "required",
	                 "en": "Do you trust the others?", "sv": "Litar du på de andra?"}]
	}
	EOF
	git add instruments && git commit -qm "instruments: trust"
	samv_run samv-check
	expect_status 0
	samv_run samv-assess instruments --ids
	expect_out <<-\EOT
	cross
	levels
	steps
	trust
	EOT
	samv_run samv-assess add --id t1 --instrument trust --actor nsph --answer trusts=yes --note trusts="Mest"
	expect_status 0
	sed "s/\"Tillit\"/\"Tillit och mer\"/; s/\"trust\"/\"steps\"/" instruments/trust.json >instruments/steps.json
	git add instruments && git commit -qm "instruments: our steps"
	samv_run samv-assess instrument steps --lang sv
	head -1 "$TRASH/.out" >../got
	echo "steps: Tillit och mer" | cmp - ../got
	echo "{\"name\": \"broken\"}" >instruments/broken.json
	git add instruments && git commit -qm "instruments: broken"
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	instruments/broken.json:1:1: bad-instrument: title: needs the texts "en" and "sv"
	EOT
	fails 1 "samv-assess: instruments/broken.json: title: needs the texts \"en\" and \"sv\"" \
		samv-assess add --instrument trust --actor nsph --answer trusts=no --note trusts=x
'

test_case 'assess: samv-check finds an answer off the scale and a subject that does not fit' '
	make_history
	p=$(path_of c25)
	sed "s/\"goals\": \"enables\"/\"goals\": \"superb\"/" "$p" >../x && cp ../x "$p"
	p2=$(path_of l1)
	jq "del(.partner)" "$p2" >../x && cp ../x "$p2"
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	$p2:4:3: bad-subject: subject_kind: a pair assessment names the actor and its partner
	$p:1:1: bad-answer: answers: goals: '"'"'superb'"'"' is not on the scale (strongly-hinders, hinders, neutral, enables, strongly-enables)
	EOT
'

test_case 'assess edit and rm: the generic verbs, still checked against the instrument' '
	make_history
	samv_run samv-assess edit s25 --date 2025-06-01
	expect_status 0
	git log -1 --format=%s >../got
	echo "assessment: edit s25" | cmp - ../got
	sed "s/\"shared-view\"/\"leaping\"/" "$(path_of s25)" >../in.json
	fails 1 "samv-assess: answers: step: '"'"'leaping'"'"' is not on the scale (talk, shared-view, cooperation, collaboration)" \
		sh -c "samv-assess edit s25 --stdin <../in.json"
	samv_run samv-assess rm s20
	expect_status 0
	samv_run samv-assess list --instrument steps --ids
	expect_out <<-\EOT
	s25
	EOT
'

test_case 'assess add on a terminal asks each question, shows the scale, goes back with -' '
	make_assess
	# answers: level 5, then at its note back with "-", coordination, a note
	on_tty "5\n-\ncoordination\nVi planerar ihop" env -u LC_ALL LC_MESSAGES=sv_SE.UTF-8 \
		samv-assess add --id p1 --instrument levels --actor region --partner nsph --date 2026-01-10 >../screen
	grep -q "^\[1/1\] Hur skulle du beskriva er organisations relation till partnern?" ../screen
	grep -q "^    3  coordination       samordning" ../screen
	samv_run samv-assess show p1
	expect_out <<-\EOT
	id:           p1
	instrument:   levels
	subject_kind: pair
	actor:        region
	partner:      nsph
	date:         2026-01-10

	level:
	  level: coordination (3)
	    Vi planerar ihop
	EOT
'

test_case 'assess add on a terminal: input that ends writes nothing' '
	make_assess
	snapshot
	rc=0
	on_tty "\004" samv-assess add --instrument steps --arena stor >../screen || rc=$?
	test "$rc" = 1
	grep -q "^samv-assess: standard input ended before the last question; nothing was written" ../screen
	unchanged
'

test_case 'assess add: a scale point by its Swedish or English label, stored by its key' '
	make_assess
	samv_run samv-assess add --instrument steps --arena stor --answer step=samsyn
	expect_status 0
	expect_no_err
	grep -q "\"step\": \"shared-view\"" "$(git ls-files assessments)"
	test_tick
	samv_run samv-assess add --instrument steps --arena stor --answer "step=Shared view"
	expect_status 0
	test "$(git grep -c "\"step\": \"shared-view\"" -- assessments | wc -l)" = 2
	snapshot
	fails 1 "samv-assess: answers: step: '"'"'enighet'"'"' is not on the scale (talk, shared-view, cooperation, collaboration)" \
		samv-assess add --instrument steps --arena stor --answer step=enighet
	unchanged
'
