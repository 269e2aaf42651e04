# list and show in the user's language: under sv_SE.UTF-8 the field labels
# and enum values are the documents' Swedish words (po/doc/sv.po, the one
# place they are translated); the C locale, --json and ids stay as they
# are.  samv-log's ambiguous id across types names the types in Swedish.

. "$here/report-fixture.sh"

sv() { LC_ALL=sv_SE.UTF-8 "$@"; }

test_case 'show: Swedish labels and values, lined up; the C locale keeps the keys' '
	make_report_repo
	sv samv-actor show rotary >out
	grep -qx "namn:   Rotary Motala" out
	grep -qx "sektor: idéburen" out
	grep -qx "typ:    förening" out
	grep -qx "nivå:   lokal" out
	grep -qx "läge:   aktiv" out
	! grep -q "sector\|civil\|association\|local\|active" out || exit 1
	LC_ALL=C samv-actor show rotary >c
	grep -qx "sector: civil" c
	grep -qx "kind:   association" c
	grep -qx "status: active" c
	sv samv-person show per >out
	grep -qx "roll: *representant" out
	! grep -q "representative" out || exit 1
	sv samv-meeting show s3 >out
	grep -q "^läge: *hållet$" out
	! grep -q "^status\|held" out || exit 1
'

test_case 'list: Swedish enum values; ids and --json as in the C locale' '
	make_report_repo
	for t in actor person arena meeting decision; do
		LC_ALL=C samv-$t list >c-$t
		sv samv-$t list >sv-$t
		LC_ALL=C samv-$t list --json >cj-$t
		sv samv-$t list --json >svj-$t
		cmp cj-$t svj-$t
		cut -d" " -f1 c-$t >c-ids
		cut -d" " -f1 sv-$t >sv-ids
		cmp c-ids sv-ids
	done
	grep -q "^rotary .*idéburen *förening *lokal$" sv-actor
	grep -q "^rotary .*civil *association *local$" c-actor
	! grep -qw "civil\|public\|private\|association\|representative\|official\|politician" sv-actor sv-person || exit 1
	grep -q "^s3 .*hållet" sv-meeting
	! grep -qw "held\|planned" sv-meeting || exit 1
	LC_ALL=C samv-actor show rotary --json >c.json
	sv samv-actor show rotary --json >sv.json
	cmp c.json sv.json
	grep -q "\"sector\": *\"civil\"" sv.json
'

# words: "CONTEXT<tab>ENGLISH<tab>SWEDISH" of the document catalog, one a line.
words() {
	msgcat --no-wrap "$here/../../po/doc/sv.po" | awk '
	/^msgctxt "/ { c = substr($0, 10, length($0) - 10); next }
	/^msgid "/ { i = substr($0, 8, length($0) - 8); next }
	/^msgstr "/ { if (c != "") print c "\t" i "\t" substr($0, 9, length($0) - 9); c = "" }'
}

# same_but_swedish C SV: the two shows line by line; every label is the
# Swedish of the C one (the catalog'"'"'s "field" word), and every value the C
# show gives as an enum value of its field is its Swedish word in SV.
same_but_swedish() {
	test "$(wc -l <"$1")" = "$(wc -l <"$2")"
	words >"$TRASH/.words"
	paste -d "\n" "$1" "$2" | awk -F "\t" -v bad=0 '
	NR == FNR { w[$1 "\t" $2] = $3; next }
	FNR % 2 == 1 { c = $0; next }
	{
		s = $0
		if (c ~ /^[a-z_]+:/) {
			ck = c; sub(/:.*/, "", ck); cv = c; sub(/^[^:]*: */, "", cv)
			sk = s; sub(/:.*/, "", sk); sv = s; sub(/^[^:]*: */, "", sv)
			if (!(("field" "\t" ck) in w)) { print "# no Swedish label for " ck >"/dev/stderr"; bad = 1 }
			else if (sk != w["field" "\t" ck]) { print "# label " ck ": " sk >"/dev/stderr"; bad = 1 }
			if (((ck "\t" cv) in w) && sv != w[ck "\t" cv]) { print "# " ck " " cv ": " sv >"/dev/stderr"; bad = 1 }
		}
	}
	END { exit bad }' "$TRASH/.words" -
}

test_case 'show of every record type: no English label or enum value left' '
	make_report_repo sv
	samv-challenge add --id ens --title "Ofrivillig ensamhet" --kind welfare-gap >/dev/null
	samv-target add --id unga --name "Unga vuxna" --status retired >/dev/null
	samv-resource add --id tid --title Tid --kind time --actor rotary --arena stor --hours 4 --per week \
		--basis voluntary --from 2026-01-01 --person per >/dev/null
	samv-resource add --id kr --title Pengar --kind money --actor region --challenge ens --amount 5000 \
		--currency SEK --from 2026-01-01 --until 2026-06-30 --status ended >/dev/null
	samv-glossary add --id iop --term IOP --language sv --definition "Idéburet offentligt partnerskap" \
		--status agreed --agreed 2026-11-17 >/dev/null
	samv-body add --id rs --name Regionstyrelsen --kind committee --actor region >/dev/null
	samv-plan add --id vp --title "Verksamhetsplan 2027" --kind action-plan --actor region --body rs >/dev/null
	for s in actor:region actor:rotary person:per person:bo arena:stor arena:ag meeting:s3 meeting:s4 \
		decision:d2 decision:k1 challenge:ens target:unga resource:tid resource:kr glossary:iop body:rs plan:vp; do
		t=${s%%:*} id=${s#*:}
		LC_ALL=C samv-$t show $id >c-$t-$id
		sv samv-$t show $id >sv-$t-$id
		same_but_swedish c-$t-$id sv-$t-$id || { echo "# in samv-$t show $id" >&2; false; }
		LC_ALL=C samv-$t list --all >c-$t
		sv samv-$t list --all >sv-$t
		test "$(wc -l <c-$t)" = "$(wc -l <sv-$t)"
		LC_ALL=C samv-$t show $id --json >cj
		sv samv-$t show $id --json >svj
		cmp cj svj
	done
	grep -qx "per: *vecka" sv-resource-tid
	grep -qx "grund: *obetald" sv-resource-tid
	grep -qx "läge: *avslutad" sv-resource-kr
	grep -qx "typ: *nämnd" sv-body-rs
	grep -qx "typ: *handlingsplan" sv-plan-vp
	grep -qx "läge: *överenskommet" sv-glossary-iop
	grep -q "^tid .* tid .*" sv-resource
	grep -q "^unga .*avslutad$" sv-target
	! grep -qw "time\|money\|committee\|action-plan\|welfare-gap\|retired\|ended" sv-resource sv-body sv-plan sv-challenge sv-target || exit 1
'

test_case 'samv-log: an id of several types names the types in the user'"'"'s language' '
	make_report_repo
	sv_fails() { set +e; LC_ALL=sv_SE.UTF-8 "$@" >out 2>err; rc=$?; set -e; test $rc = 1; }
	sv_fails samv-log b
	grep -qx "samv-log: id '"'"'b'"'"' är tvetydigt: aktör bolaget, person bo, åtgärd bjud, åtgärd boka" err
	test ! -s out
	fails 1 "samv-log: id '"'"'b'"'"' is ambiguous: actor bolaget, person bo, action bjud, action boka" samv-log b
'

test_case 'the Agreement and assessments: show and list in Swedish, C as it was' '
	make_report_repo
	samv-assess add --instrument levels --actor region --partner rf-sisu --answer level=2 >/dev/null
	sv samv-agreement show >sv-agr
	LC_ALL=C samv-agreement show >c-agr
	grep -qx "Version 2 av 2026-11-17, enligt beslut d2; antagen 2026-03-10." sv-agr
	grep -qx "Parter: region, rf-sisu" sv-agr
	grep -qx "Syften" sv-agr
	grep -qx "Version 2 of 2026-11-17, on decision d2; adopted 2026-03-10." c-agr
	grep -qx "Parties: region, rf-sisu" c-agr
	grep -qx "Purposes" c-agr
	test "$(wc -l <sv-agr)" = "$(wc -l <c-agr)"
	sv samv-assess list >sv-as
	LC_ALL=C samv-assess list >c-as
	grep -q "  par region rf-sisu$" sv-as
	grep -q "  pair region rf-sisu$" c-as
	id=$(samv-assess list --ids)
	sv samv-assess show $id >sv-ash
	grep -qx "bedömt: *par" sv-ash
	LC_ALL=C samv-assess show $id --json >cj
	sv samv-assess show $id --json >svj
	cmp cj svj
'
