# Anchoring at home (förankring): bodies, plans, samv-decision anchor and
# anchoring, the anchoring report, --fail-on unanchored, and parties
# recording in parallel merged by samv-sync.

# The Agreement's parties region and rf-sisu, a board each, a plan, and an
# adopted decision d1 behind the Agreement.
make_anchoring() {
	make_repo &&
	samv-body add --id rs --name Regionstyrelsen --kind board --actor region >/dev/null &&
	samv-body add --id rfs --name "RF-SISU:s styrelse" --kind board --actor rf-sisu >/dev/null &&
	samv-plan add --id vp27 --title "Verksamhetsplan 2027" --kind operational-plan --actor region \
		--body rs --from 2027-01-01 --to 2027-12-31 >/dev/null &&
	samv-decision add --id d1 --kind anchor --level political --title "Överenskommelsen reviderad" \
		--text "Den reviderade överenskommelsen antas." --date 2026-10-01 --status adopted \
		--cites-plan vp27 --cites-body rs >/dev/null &&
	samv-agreement adopt --decision d1 --title Överenskommelsen --party region --party rf-sisu \
		--purpose a=Dialog >/dev/null &&
	test_tick
}

test_case 'body and plan: add, list, show; a decision cites them' '
	make_anchoring
	samv_run samv-body list
	expect_status 0
	expect_out <<-\EOT
	rfs  RF-SISU:s styrelse  board  rf-sisu
	rs   Regionstyrelsen     board  region
	EOT
	samv_run samv-plan show vp27
	expect_status 0
	grep -q "^from: *2027-01-01\$" "$TRASH/.out"
	grep -q "^body: *rs\$" "$TRASH/.out"
	samv_run samv-decision list --cites-plan vp27 --ids
	expect_out <<-\EOT
	d1
	EOT
	samv_run samv-check
	expect_status 0
'

test_case 'refused: a plan that ends before it starts, a body of an unknown actor' '
	make_anchoring
	fails 1 "samv-plan: to: 2026-01-01 is before the start 2027-01-01" \
		samv-plan add --id bad --title X --kind budget --actor region --from 2027-01-01 --to 2026-01-01
	snapshot
	samv_run samv-body add --id x --name X --kind board --actor nobody
	expect_status 1
	unchanged
	snapshot
	samv_run samv-decision edit d1 --cites-plan nothing
	expect_status 1
	unchanged
'

test_case 'anchor: one record, one commit with trailers, the id printed' '
	make_anchoring
	samv_run samv-decision anchor d1 --actor region --body rs --outcome backed --date 2026-10-20 \
		--note "Beslut i regionstyrelsen"
	expect_status 0
	expect_no_err
	id=$(out)
	case $id in region-??????) ;; *) echo "bad id $id" >&2; false ;; esac
	f=$(git ls-files anchorings)
	test "$(echo "$f" | wc -l)" = 1
	cat >../want <<-EOT
	{
	  "id": "$id",
	  "decision": "d1",
	  "actor": "region",
	  "body": "rs",
	  "date": "2026-10-20",
	  "outcome": "backed",
	  "note": "Beslut i regionstyrelsen"
	}
	EOT
	cmp ../want "$f"
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	decision: anchor d1

	region: backed at rs on 2026-10-20 (anchoring $id).

	Samv-Command: samv-decision anchor
	Samv-Anchoring: $id
	Samv-Decision: d1
	Samv-Record: $f
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { diff ../want ../msg >&2; false; }
	samv_run samv-log --verify
	expect_status 0
	samv_run samv-check
	expect_status 0
'

test_case 'show and anchoring: who has anchored and who has not yet; the latest step wins' '
	make_anchoring
	samv-decision anchor d1 --actor region --body rs --outcome informed --date 2026-10-05 >/dev/null
	samv-decision anchor d1 --actor region --body rs --outcome backed --date 2026-10-20 >/dev/null
	samv_run samv-decision anchoring d1
	expect_status 0
	expect_out <<-\EOT
	  region   backed    2026-10-20  rs
	  rf-sisu  not yet
	EOT
	samv_run samv-decision show d1
	tail -n 3 "$TRASH/.out" >../got
	printf "%s\n" "anchoring at home:" "  region   backed    2026-10-20  rs" "  rf-sisu  not yet" >../want
	cmp ../want ../got
	samv_run samv-decision anchoring d1 --json
	expect_status 0
	test "$(jq -r ".[] | .actor + \"=\" + (.outcome // \"null\")" "$TRASH/.out" | tr "\n" " ")" = "region=backed rf-sisu=null "
'

while IFS="|" read -r what status err cmd; do
	test_case "anchor refused: $what" "
		make_anchoring
		fails $status \"$err\" $cmd
	"
done <<-\EOF
an unknown decision|1|samv-decision: no decision 'nope' (see samv-decision list)|samv-decision anchor nope --actor region --outcome backed
an unknown actor|1|samv-decision: no actor 'zz' (see samv-actor list)|samv-decision anchor d1 --actor zz --outcome backed
an unknown body|1|samv-decision: no body 'zz' (see samv-body list)|samv-decision anchor d1 --actor region --body zz --outcome backed
a body of another party|1|samv-decision: body: 'rfs' belongs to 'rf-sisu', not to 'region'|samv-decision anchor d1 --actor region --body rfs --outcome backed
a bad outcome|1|samv-decision: --outcome: 'yes' is not one of informed, backed, rejected, pending|samv-decision anchor d1 --actor region --outcome yes
a bad date|1|samv-decision: --date: '2026-02-30' is not a date (YYYY-MM-DD)|samv-decision anchor d1 --actor region --outcome backed --date 2026-02-30
an id with ..|1|samv-decision: invalid decision '../d1': no '/' or '..' in ids|samv-decision anchor ../d1 --actor region --outcome backed
no outcome|2|samv-decision: anchor: --actor and --outcome are required (usage: samv-decision anchor ID --actor ACTOR --outcome WORD)|samv-decision anchor d1 --actor region
EOF

test_case 'anchor refused: a revoked decision is not anchored' '
	make_anchoring
	samv-decision add --id d2 --kind anchor --level arena --title X --text x --date 2026-10-01 >/dev/null
	samv-decision revoke d2 >/dev/null
	fails 1 "samv-decision: decision '"'"'d2'"'"' is revoked: only proposed or adopted decisions are anchored" \
		samv-decision anchor d2 --actor region --outcome backed
'

test_case 'report anchoring: the matrix, who has not yet, the steps; --fail-on unanchored exits 4' '
	make_anchoring
	samv-decision anchor d1 --actor region --body rs --outcome informed --date 2026-10-05 >/dev/null
	samv-decision anchor d1 --actor region --body rs --outcome backed --date 2026-10-20 >/dev/null
	samv_run samv-report anchoring --lang en
	expect_status 0
	expect_out <<-\EOT
	Samverkan Östergötland: Anchoring at home
	Period: all, made 2026-11-23

	Decisions to anchor                                1
	Adopted decisions not anchored by every party      1
	Parties yet to anchor                              1
	Anchoring steps                                    2

	Anchoring at home: decisions and parties
	  Decision  Region Östergötland  RF-SISU Östergötland
	  d1        backed 2026-10-20    not yet

	Not yet anchored
	  Decision  Title                       Status   Party                 Outcome
	  d1        Överenskommelsen reviderad  adopted  RF-SISU Östergötland  not yet

	Anchoring at home: changes
	  Date        Decision  Party                Body             Outcome   Before
	  2026-10-05  d1        Region Östergötland  Regionstyrelsen  informed  (none)
	  2026-10-20  d1        Region Östergötland  Regionstyrelsen  backed    informed
	EOT
	samv_run samv-report anchoring --fail-on unanchored
	expect_status 4
	samv-decision anchor d1 --actor rf-sisu --body rfs --outcome backed --date 2026-11-02 >/dev/null
	samv_run samv-report anchoring --fail-on unanchored -q
	expect_status 0
	samv_run samv-report anchoring --format html --lang en
	expect_status 0
	grep -q "<tr><th scope=\"row\">d1</th><td>backed 2026-10-20</td><td>backed 2026-11-02</td></tr>" "$TRASH/.out"
	grep -q "<th scope=\"col\">RF-SISU Östergötland</th>" "$TRASH/.out"
	samv_run samv-report anchoring --format csv
	grep -q "^matrix,.*d1" "$TRASH/.out"
'

test_case 'report anchoring in Swedish: the titles, the outcomes and "ej ännu"; parties keep their names' '
	make_anchoring
	samv-decision anchor d1 --actor region --body rs --outcome informed --date 2026-10-05 >/dev/null
	samv-decision anchor d1 --actor region --body rs --outcome backed --date 2026-10-20 >/dev/null
	samv_run samv-report anchoring --lang sv
	expect_status 0
	expect_out <<-\EOT
	Samverkan Östergötland: Förankring på hemmaplan
	Period: hela tiden, sammanställd 23 november 2026

	Beslut att förankra                                     1
	Antagna beslut som inte förankrats hos alla parter      1
	Parter som ännu inte förankrat                          1
	Förankringssteg                                         2

	Förankring på hemmaplan: beslut och parter
	  Beslut  Region Östergötland   RF-SISU Östergötland
	  d1      förankrat 2026-10-20  ej ännu

	Ännu inte förankrat
	  Beslut  Rubrik                      Läge     Part                  Utfall
	  d1      Överenskommelsen reviderad  antaget  RF-SISU Östergötland  ej ännu

	Förankring på hemmaplan: förändringar
	  Datum       Beslut  Part                 Organ            Utfall      Tidigare
	  2026-10-05  d1      Region Östergötland  Regionstyrelsen  informerat  (inget)
	  2026-10-20  d1      Region Östergötland  Regionstyrelsen  förankrat   informerat
	EOT
	# scripts read the values whatever the language
	samv_run samv-report anchoring --lang sv --json
	test "$(jq -r ".sections[0].rows[0].region" "$TRASH/.out")" = "backed 2026-10-20"
'

test_case 'the weekly summary shows the anchoring steps of the week, with the outcome before' '
	make_anchoring
	samv-decision anchor d1 --actor rf-sisu --body rfs --outcome pending --date 2026-11-02 >/dev/null
	samv-decision anchor d1 --actor rf-sisu --body rfs --outcome backed --date 2026-11-18 >/dev/null
	samv_run samv-report summary --lang en
	expect_status 0
	sed -n "/^Anchoring at home: changes/,/^\$/p" "$TRASH/.out" >../got
	cat >../want <<-\EOT
	Anchoring at home: changes
	  Date        Decision  Party                 Body                Outcome  Before
	  2026-11-18  d1        RF-SISU Östergötland  RF-SISU:s styrelse  backed   pending
	EOT
	cmp ../want ../got || { diff ../want ../got >&2; false; }
	samv_run samv-report summary --json
	test "$(jq ".figures[] | select(.key == \"anchoring_steps\") | .value" "$TRASH/.out")" = 1
	test "$(jq ".figures[] | select(.key == \"unanchored\") | .value" "$TRASH/.out")" = 1
	samv_run samv-report summary --fail-on unanchored
	expect_status 4
'

test_case 'two parties anchor at once on their own clones: samv-sync merges both, no conflict' '
	git init -q --bare -b main remote.git
	make_anchoring
	git remote add origin ../remote.git
	samv-sync >/dev/null
	cd ..
	git clone -q remote.git b
	(cd repo && samv-decision anchor d1 --actor region --body rs --outcome backed --date 2026-11-10 >/dev/null &&
		samv-sync >/dev/null)
	cd b
	GIT_AUTHOR_NAME="Ali Nur" samv-decision anchor d1 --actor rf-sisu --body rfs --outcome backed \
		--date 2026-11-11 >/dev/null
	samv_run samv-sync
	expect_status 0
	test "$(git ls-files anchorings | wc -l)" = 2
	samv_run samv-decision anchoring d1
	expect_out <<-\EOT
	  region   backed    2026-11-10  rs
	  rf-sisu  backed    2026-11-11  rfs
	EOT
	samv_run samv-log --verify
	expect_status 0
	samv_run samv-check
	expect_status 0
'

test_case 'samv check: an anchoring naming an unknown body or a bad outcome, written by hand' '
	make_anchoring
	samv-decision anchor d1 --actor region --outcome backed --date 2026-10-20 >/dev/null
	f=$(git ls-files anchorings)
	sed -i "s/\"backed\"/\"maybe\"/" "$f"
	samv_run samv-check
	expect_status 1
	grep -q "$f:.*outcome" "$TRASH/.out" "$TRASH/.err"
'

test_case 'help, version and completion of the new commands' '
	samv_run samv-body --help
	expect_status 0
	test "$(out | head -n 1 | cut -c1-16)" = "usage: samv-body"
	samv_run samv-plan --version
	expect_status 0
	samv_run samv-decision anchor --help
	expect_status 0
	grep -q -- "--outcome" "$TRASH/.out"
	test "$(samv-decision anchor --completion-helper | grep -c -- "^--outcome")" = 1
'
