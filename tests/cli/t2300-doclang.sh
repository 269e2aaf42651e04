# Documents in the repository's language (samv-init --language, --lang):
# reports in every format, the HTML page's lang, the samv-doc catalog, the
# Swedish Excel CSV; --json, the CSV for scripts and exit statuses the same
# whatever the language.

. "$here/report-fixture.sh"

pot=$here/../../po/doc/samv-doc.pot
po=$here/../../po/doc/sv.po

test_case 'a Swedish repository: the summary in Swedish, week and date as Swedes write them' '
	make_report_repo sv
	samv_run samv-report
	expect_status 0
	expect_no_err
	test "$(out | sed -n 1p)" = "Samverkan Östergötland: Sammanfattning"
	# the period line is prose: its dates as Swedes write them; the tables keep ISO (samv(7))
	test "$(out | sed -n 2p)" = "Period: vecka 47, 2026 (16 november 2026 till 22 november 2026), sammanställd 23 november 2026"
	test "$(out | sed -n 4p)" = "Genomförda möten                             2"
	out | grep -q "^  2026-11-17  d2  ankare          arenans beslut  antaget  Mötesplatsen blir permanent\$"
	out | grep -q "^  2026-11-01    lista  Per Holm  Skicka föreningslistan  öppen\$"
	samv_run samv-report --format html
	expect_status 0
	out | grep -q "^<html lang=\"sv\">\$"
	out | grep -q "<span class=\"label\">Genomförda möten</span>"
	out | grep -q "<summary>Siffrorna</summary>"
	samv_run samv-report --format markdown
	out | grep -q "^# Samverkan Östergötland: Sammanfattning\$"
	out | grep -q "^| Mått | Värde |\$"
'

test_case '--lang sv on an English repository gives what a Swedish repository gives, every report and format' '
	make_report_repo en
	for r in summary decisions actions participation agreement "arena stor"; do
		for f in text markdown html; do
			samv-report --lang sv --format $f $r >"../lang.$f.${r%% *}"
		done
	done
	samv_run samv-init --language sv .
	expect_status 0
	expect_out <<-\EOT
	Document language of . set to sv
	EOT
	test "$(jq -r .language samv.json)" = sv
	test "$(git log -1 --format=%s)" = "samv: language sv"
	for r in summary decisions actions participation agreement "arena stor"; do
		for f in text markdown html; do
			samv-report --format $f $r >../repo.$f
			cmp ../repo.$f "../lang.$f.${r%% *}"
		done
	done
	samv-report --lang en --format html >../en.html
	grep -q "^<html lang=\"en\">\$" ../en.html
	grep -q "Meetings held" ../en.html
'

test_case 'Swedish documents contain none of the English text of the samv-doc catalog' '
	test -f "$pot"
	# the msgids whose Swedish differs, with their formats cut out (from
	# the .pot and sv.po), less the pieces that are Swedish too (a
	# msgstr or a piece of one: "Version", "Commit")
	awk '"'"'
		/^msgctxt / { ctx = $0; next }
		/^msgid / { id = substr($0, 8, length($0) - 8); next }
		/^msgstr / { s = substr($0, 9, length($0) - 9); if (id != "" && s != id) print id; ctx = ""; id = "" }
	'"'"' "$po" | sed "s/%[sd]/\n/g; s/^[ ,:.]*//; s/[ ,:.]*\$//" | awk "length(\$0) > 2" | sort -u >"$TRASH/english.all"
	sed -n "s/^msgstr \"\(.*\)\"\$/\1/p" "$po" | sed "s/%[sd]/\n/g; s/^[ ,:.]*//; s/[ ,:.]*\$//" |
		awk "length(\$0) > 2" | sort -u >"$TRASH/swedish"
	comm -23 "$TRASH/english.all" "$TRASH/swedish" >"$TRASH/english"
	test "$(wc -l <"$TRASH/english")" -gt 100
	make_report_repo sv
	samv-meeting plan --id m9 --arena stor --title "Storgrupp" --date 2026-12-20 --invite region >/dev/null
	for r in summary decisions actions participation agreement "arena stor"; do
		for f in text markdown; do samv-report --period all --format $f $r; done
		samv-report --period all --format html $r | sed "/<style>/,/<\/style>/d; s/<[^>]*>/ /g"
	done >"$TRASH/docs"
	samv-meeting invite m9 >>"$TRASH/docs"
	samv-meeting minutes s3 >>"$TRASH/docs"
	test "$(wc -l <"$TRASH/docs")" -gt 300
	test -s "$TRASH/docs"
	# (the generator line, "samv-report 0.1.0", names a program)
	! sed "/^ *samv-[a-z]* [0-9.]* *\$/d" "$TRASH/docs" | grep -F -w -f "$TRASH/english" || exit 1
	# and the check can fail: an English document has them
	samv-report --lang en | grep -F -w -q -f "$TRASH/english"
'

test_case '--json, the CSV for scripts and the exit status are the same whatever the language' '
	make_report_repo sv
	for r in summary decisions actions participation agreement "arena stor"; do
		for f in json csv; do
			samv-report --format $f $r >../sv.$f
			samv-report --lang en --format $f $r >../en.$f
			cmp ../sv.$f ../en.$f
		done
	done
	samv_run samv-report --fail-on overdue
	expect_status 4
	samv_run samv-report --fail-on overdue --lang en
	expect_status 4
'

test_case 'a missing catalog is one line and exit 1, not English; JSON needs none' '
	make_report_repo sv
	snapshot
	SAMV_LOCALEDIR=$TRASH/none samv_run samv-report
	expect_status 1
	expect_no_out
	test "$(wc -l <"$TRASH/.err")" = 1
	grep -q "^samv-report: no catalog for document language '"'"'sv'"'"' (.*/none/sv/LC_MESSAGES/samv-doc.mo: " "$TRASH/.err"
	SAMV_LOCALEDIR=$TRASH/none samv_run samv-meeting minutes s3
	expect_status 1
	expect_no_out
	SAMV_LOCALEDIR=$TRASH/none samv_run samv-report --json
	expect_status 0
	SAMV_LOCALEDIR=$TRASH/none samv_run samv-report --lang en
	expect_status 0
	unchanged
'

test_case 'a corrupt catalog is refused with one line, not read past its end' '
	make_report_repo sv
	mkdir -p ../loc/sv/LC_MESSAGES
	head -c 40 "$SAMV_BIN/../share/locale/sv/LC_MESSAGES/samv-doc.mo" >../loc/sv/LC_MESSAGES/samv-doc.mo
	SAMV_LOCALEDIR=$TRASH/loc samv_run samv-report
	expect_status 1
	expect_err <<-EOT
	samv-report: the catalog of document language '"'"'sv'"'"' is unreadable ($TRASH/loc/sv/LC_MESSAGES/samv-doc.mo)
	EOT
'

test_case 'refused: a --lang or --csv-dialect nobody knows (exit 2), nothing changes' '
	make_report_repo sv
	fails 2 "samv-report: --lang: '"'"'de'"'"' is not one of sv, en" samv-report --lang de
	fails 2 "samv-report: --lang: '"'"'de'"'"' is not one of sv, en" samv-report --lang de --json
	fails 2 "samv-report: --csv-dialect: '"'"'excel'"'"' is not one of rfc4180, excel-sv" \
		samv-report --format csv --csv-dialect excel
	fails 2 "samv-meeting: --lang: '"'"'fi'"'"' is not one of sv, en" samv-meeting minutes s3 --lang fi
	fails 1 "samv-init: --language: '"'"'de'"'"' is not one of sv, en" samv-init --language de .
'

test_case 'samv-init --language on a repository: one commit, none when it already is; records untouched' '
	make_report_repo en
	n=$(git rev-list --count HEAD)
	samv_run samv-init --language en .
	expect_status 0
	expect_out <<-\EOT
	Document language of . is already en
	EOT
	test "$(git rev-list --count HEAD)" = "$n"
	samv_run samv-init --language sv
	expect_status 0
	test "$(git rev-list --count HEAD)" = "$((n + 1))"
	test "$(git diff --name-only HEAD~1 HEAD)" = samv.json
	test "$(git diff HEAD~1 HEAD | grep -c "^[-+] ")" = 2
	samv-report | head -n 1 | grep -q "Sammanfattning"
'

test_case 'csv excel-sv: BOM, semicolons, CRLF, the same rows; the default stays RFC 4180' '
	make_report_repo sv
	samv-report --format csv >../plain.csv
	samv-report --format csv --csv-dialect excel-sv >../excel.csv
	samv-report --format csv --csv-dialect rfc4180 >../rfc.csv
	cmp ../plain.csv ../rfc.csv
	test "$(head -c 3 ../plain.csv)" = sec
	test "$(head -c 3 ../excel.csv | od -An -tx1 | tr -d " ")" = efbbbf
	test "$(sed -n 1p ../excel.csv | tail -c 2 | od -An -tx1 | tr -d " ")" = 0d0a
	# for people: the heads in the document language, not the keys
	sed -n 1p ../excel.csv | grep -q "^.*Avsnitt;Mått;Värde;Arena;Hållna;Planerade;Datum;Rubrik;Läge;"
	sed -n 1p ../plain.csv | grep -q "^section,figure,value,arena,held,planned,date,title,status,"
	grep -q "^Mått;Genomförda möten;2;" ../excel.csv
	grep -q "^Fattade beslut;;;;;;2026-11-17;Mötesplatsen blir permanent;antaget;;d2;ankare;" ../excel.csv
	# a field holding ";" is quoted; one holding "," no longer needs it
	grep -q "Fråga medlemmarna, \"\"alla\"\"" ../excel.csv
	test "$(wc -l <../excel.csv)" = "$(wc -l <../plain.csv)"
'

test_case 'minutes: Swedish words for roles, kinds, levels and statuses; English keeps the values' '
	make_report_repo sv
	samv_run samv-meeting minutes s3
	expect_status 0
	out | grep -q "(processledare)\|(representant)\|(tjänsteman)\|(politiker)"
	! out | grep -w -q "official\|politician\|representative\|process-leader" || exit 1
	samv_run samv-meeting minutes s3 --lang en
	expect_status 0
	out | grep -q "^Minutes: "
'

test_case 'po/doc/sv.po is complete: 0 untranslated, 0 fuzzy, and has every msgid of the .pot' '
	msgfmt --check --statistics -o /dev/null "$po" 2>../stat
	grep -q "^[0-9]* translated messages\.\$" ../stat
	msgcmp "$po" "$pot"
'

test_case 'Swedish words for enum values on the command line: the record keeps the canonical value' '
	make_repo
	samv_run samv-actor add --id ide --name "Idé" --sector ideell --kind förening --level lokal
	expect_status 0
	test "$(jq -r ".sector + \" \" + .kind + \" \" + .level" actors/*/ide.json)" = "civil association local"
	samv-person add --id lo --name "Lo" --actor ide --role Processledare >/dev/null
	test "$(samv-person show lo --json | jq -r .role)" = process-leader
	samv-decision add --id k --kind halningsankare --level arenan --title T --text T --date 2026-11-01 >/dev/null
	test "$(jq -r ".kind + \" \" + .level" decisions/*/k.json)" = "kedge-anchor arena"
	samv_run samv-actor list --sector idéburen
	expect_status 0
	out | grep -q "^ide "
	fails 1 "samv-actor: sector: '"'"'ankare'"'"' is not one of public, civil, private" \
		samv-actor add --id x --name X --sector ankare --kind region --level local
'

test_case 'the decision register: its chain column in the document language, canonical in JSON' '
	make_repo
	samv-decision add --id k --kind kedge-anchor --level arena --title Prova --text T --date 2026-03-01 \
		--status adopted >/dev/null
	samv-decision add --id f --kind anchor --level official --title Fast --text T --date 2026-10-01 \
		--confirms k --status adopted >/dev/null
	samv_run samv-report decisions -p 2026
	expect_status 0
	out | grep -q "^  2026-03-01  k .*bekräftat av f\$"
	out | grep -q "^  2026-10-01  f .*bekräftar k\$"
	test "$(out | grep -c confirm)" = 0
	samv_run samv-report decisions -p 2026 --lang en
	out | grep -q "confirmed by f\$"
	samv_run samv-report decisions -p 2026 --format json
	test "$(out | jq -r "[.. | objects | .chain? // empty] | sort | join(\",\")")" = "confirmed by f,confirms k"
'
