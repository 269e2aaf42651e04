# A Swedish user's whole session, swept for English: under sv_SE.UTF-8 in
# a Swedish repository, the errors, --help of every command and
# subcommand, list/show output, check, log, every report in every format
# people read, invitations and minutes (text, Markdown, mail, calendar)
# must hold no English source text, neither a message of po/samv.pot nor a
# document text of po/doc/samv-doc.pot (nor the minutes' own labels).
# Record types in messages are Swedish words ("aktören 'x' finns inte");
# the C locale keeps every English message byte for byte.

. "$here/report-fixture.sh"

po=$here/../../po

sv() { LC_ALL=sv_SE.UTF-8 "$@"; }

# swedish: every msgstr of both catalogs, one a line: what Swedish keeps
# as it is (the values typed, "(public, civil, private)"; "Arena").
swedish() {
	msgcat --no-wrap "$po/sv.po" "$po/doc/sv.po" | sed -n 's/^msgstr "\(.*\)"$/\1/p'
}

# keep_english: the lines of stdin that Swedish does not also use.
keep_english() {
	swedish >"$TRASH/.sv"
	awk '
	function has(hay, w,   i, p, a, b) {
		p = 0
		while ((i = index(substr(hay, p + 1), w)) > 0) {
			p += i
			a = substr(hay, p - 1, 1); b = substr(hay, p + length(w), 1)
			if (a !~ /[a-z]/ && b !~ /[a-z]/) return 1
		}
		return 0
	}
	NR == FNR { sv = sv "\n" tolower($0) "\n"; next }
	!has(sv, tolower($0))' "$TRASH/.sv" -
}

# message_pieces: the English of every message Swedish translates, cut at
# the conversions and line breaks, each piece of three words or more.
message_pieces() {
	msgcat --no-wrap "$po/sv.po" | awk '
		/^msgctxt / { next }
		/^msgid "/ { id = substr($0, 8, length($0) - 8); next }
		/^msgstr "/ { str = substr($0, 9, length($0) - 9); if (id != "" && id != str) print id }' |
	sed 's/%[-0-9.$*]*[a-z]*/\n/g; s/\\n/\n/g' | sed 's/^ *//; s/ *$//' |
	grep -E "[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}" | sort -u | keep_english
}

# doc_words: the English of the document texts Swedish translates (every
# msgid of po/doc/sv.po whose Swedish differs, contexts included, and the
# English labels of minutes.c), as whole phrases: a word of five letters
# or more, or two words and more.  The words only list and show use
# (showword.c: field labels, the records' own keys as log diffs print
# them) are t3400's to check, label by label.
doc_words() {
	{
		msgcat --no-wrap "$po/doc/sv.po" | awk '
			/^$/ { other = 1; refs = 0; next }
			/^#: / { for (i = 2; i <= NF; i++) { refs = 1; if ($i !~ /^libcommon\/showword\.c:/) other = 2 } next }
			/^msgid "/ { id = substr($0, 8, length($0) - 8); next }
			/^msgstr "/ { str = substr($0, 9, length($0) - 9)
				if (id != "" && id != str && !(refs && other == 1)) print id }'
		sed -n 's/^.*\[L_[A-Z_]*\] = { "[^"]*", "\([^"]*\)" },*$/\1/p' "$here/../../libcommon/minutes.c"
	} | sed 's/%[-0-9.$*]*[a-z]*/\n/g; s/\\n/\n/g' | sed 's/^[ ,.:;(]*//; s/[ ,.:;()]*$//' |
	grep -E "^[A-Za-z]{5,}\$|[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}" | grep -v "[][\\*^$]" | sort -u | keep_english
}

# english_in FILE...: fails, naming the lines, when a file holds English
# (an HTML page is read without its markup, help without the option names:
# neither is text to translate).  list and show are held to the documents'
# words too: they print "idéburen", "representant" under Swedish.
english_in() {
	message_pieces >"$TRASH/.pieces"
	doc_words >"$TRASH/.words"
	test "$(wc -l <"$TRASH/.pieces")" -gt 500
	test "$(wc -l <"$TRASH/.words")" -gt 100
	mkdir -p "$TRASH/.text"
	for f in "$@"; do
		case $f in
		*.html.out) sed 's/<[^>]*>/ /g' "$f" ;;
		*) cat "$f" ;;
		esac | sed 's/--[a-z][a-z-]*/--/g' >"$TRASH/.text/${f##*/}"
	done
	found=0
	if grep -n -F -f "$TRASH/.pieces" "$TRASH/.text"/* >"$TRASH/.found"; then
		found=1
	fi
	if grep -n -w -F -f "$TRASH/.words" "$TRASH/.text"/* >>"$TRASH/.found"; then
		found=1
	fi
	rm -rf "$TRASH/.text"
	if [ $found = 1 ]; then
		echo "# English text in Swedish output:" >&2
		sed 's/^/#   /' "$TRASH/.found" >&2
	fi
	[ $found = 0 ]
}

# run NAME CMD...: CMD's stdout and stderr, under the Swedish locale, into
# the sweep's directory as NAME; its status in NAME.rc
run() {
	n=$1
	shift
	set +e
	LC_ALL=sv_SE.UTF-8 "$@" >"$TRASH/sweep/$n.out" 2>"$TRASH/sweep/$n.err"
	echo $? >"$TRASH/sweep/$n.rc"
	set -e
}

test_case 'the sweep finds English: it is no test that cannot fail' '
	mkdir sweep
	echo "samv-anchor: no actor or arena '"'"'x'"'"' (see samv-actor list, samv-arena list)" >sweep/a
	! english_in sweep/a 2>/dev/null || exit 1
	echo "Meetings held  2" >sweep/b
	! english_in sweep/b 2>/dev/null || exit 1
	echo "Invited but absent" >sweep/c
	! english_in sweep/c 2>/dev/null || exit 1
	echo "samv-actor: aktören '"'"'x'"'"' finns inte (se samv-actor list)" >sweep/d
	english_in sweep/d
'

test_case 'errors of every kind in Swedish, record types as Swedish words; statuses as in C' '
	make_report_repo sv
	mkdir "$TRASH/sweep"
	for t in actor person arena meeting decision challenge target resource body plan; do
		run "show-$t" samv-$t show nope
		test "$(cat "$TRASH/sweep/show-$t.rc")" = 1
		run "bad-id-$t" samv-$t show "a/b"
		run "c-show-$t" env LC_ALL=C.UTF-8 samv-$t show nope
		grep -q "^samv-$t: no $t '"'"'nope'"'"'" "$TRASH/sweep/c-show-$t.err"
		rm "$TRASH/sweep/c-show-$t.err"
	done
	grep -qx "samv-actor: aktören '"'"'nope'"'"' finns inte (se samv-actor list)" "$TRASH/sweep/show-actor.err"
	grep -qx "samv-meeting: mötet '"'"'nope'"'"' finns inte (se samv-meeting list)" "$TRASH/sweep/show-meeting.err"
	grep -qx "samv-decision: beslutet '"'"'nope'"'"' finns inte (se samv-decision list)" "$TRASH/sweep/show-decision.err"
	grep -qx "samv-arena: ogiltigt id för arena '"'"'a/b'"'"': inga '"'"'/'"'"' eller '"'"'..'"'"' i id" "$TRASH/sweep/bad-id-arena.err"
	run dup samv-actor add --id region --name X --sector public --kind region --level regional
	grep -qx "samv-actor: aktören '"'"'region'"'"' finns redan" "$TRASH/sweep/dup.err"
	run ref samv-person add --name X --actor nowhere
	grep -qx "samv-person: --actor: aktören '"'"'nowhere'"'"' finns inte (se samv-actor list)" "$TRASH/sweep/ref.err"
	samv-actor add --id stad-a --name "Stad A" --sector public --kind municipality --level local >/dev/null
	samv-actor add --id stad-b --name "Stad B" --sector public --kind municipality --level local >/dev/null
	run ambiguous samv-actor show stad
	grep -qx "samv-actor: id '"'"'stad'"'"' är tvetydigt (aktör): stad-a, stad-b" "$TRASH/sweep/ambiguous.err"
	run c-ambiguous env LC_ALL=C.UTF-8 samv-actor show stad
	grep -qx "samv-actor: actor id '"'"'stad'"'"' is ambiguous: stad-a, stad-b" "$TRASH/sweep/c-ambiguous.err"
	rm "$TRASH/sweep/c-"*
	run nochange samv-actor edit region
	run opt samv-report --bogus
	run period samv-report --period igår
	run lang samv-report --lang de
	run dialect samv-report --format csv --csv-dialect excel
	run date samv-decision add --title X --text Y --kind anchor --level arena --date 2026-13-01
	run sync samv-sync
	run hold samv-meeting hold s4 --attended nobody
	run invite samv-meeting invite s0
	run minutes samv-meeting minutes s4 --format mail
	run front samv actr
	run level samv-assess levels --arena nope
	test "$(cat "$TRASH/sweep/opt.rc")" = 2
	# a status inside a message is a Swedish word that agrees with its noun
	grep -qx "samv-meeting: mötet '"'"'s0'"'"' är hållet; en inbjudan gäller ett planerat möte" "$TRASH/sweep/invite.err"
	grep -qx "samv-meeting: mötet '"'"'s4'"'"' är planerat; protokollet skickas efter att mötet hållits (se samv-meeting hold)" "$TRASH/sweep/minutes.err"
	run done samv-meeting action done boka
	grep -qx "samv-meeting action: åtgärden '"'"'boka'"'"' är redan klar" "$TRASH/sweep/done.err"
	run cycle samv-decision supersede d2 --by k1
	grep -q "^samv-decision: beslutet '"'"'k1'"'"' kan inte ersätta '"'"'d2'"'"'" "$TRASH/sweep/cycle.err"
	git remote add origin ../nowhere.git
	run fetch samv-sync
	grep -qx "samv-sync: kan inte hämta från '"'"'origin'"'"' (../nowhere.git): arkivet finns inte" "$TRASH/sweep/fetch.err"
	run c-fetch env LC_ALL=C.UTF-8 samv-sync
	grep -qx "samv-sync: cannot fetch from '"'"'origin'"'"' (../nowhere.git): no such repository" "$TRASH/sweep/c-fetch.err"
	run c-done env LC_ALL=C.UTF-8 samv-meeting action done boka
	grep -qx "samv-meeting action: action '"'"'boka'"'"' is done already" "$TRASH/sweep/c-done.err"
	rm "$TRASH/sweep/c-"*
	for f in "$TRASH"/sweep/*.err; do test -s "$f" || { echo "# $f is empty" >&2; false; }; done
	english_in "$TRASH"/sweep/*.err "$TRASH"/sweep/*.out
'

test_case 'every --help, of every command and subcommand, in Swedish' '
	make_repo
	mkdir "$TRASH/sweep"
	for c in "$SAMV_BIN"/samv*; do
		c=${c##*/}
		run "$c" "$c" --help
		test "$(cat "$TRASH/sweep/$c.rc")" = 0
		for s in $(sed -n "s/^  \([a-z][a-z-]*\)  .*/\1/p" "$TRASH/sweep/$c.out"); do
			case $c in samv) continue ;; esac
			run "$c-$s" "$c" "$s" --help
		done
	done
	test "$(ls "$TRASH"/sweep/*.out | wc -l)" -gt 60
	english_in "$TRASH"/sweep/*.out
'

test_case 'lists, shows, check, log, the Agreement and assessments in Swedish' '
	make_report_repo sv
	mkdir "$TRASH/sweep"
	for t in actor person arena meeting decision; do
		run "list-$t" samv-$t list
		test "$(cat "$TRASH/sweep/list-$t.rc")" = 0
	done
	run show-meeting samv-meeting show s3
	run show-decision samv-decision show d2
	run actions samv-meeting action list
	run overdue samv-meeting action overdue
	run history samv-agreement history
	run show-agreement samv-agreement show
	run diff samv-agreement diff 1 2
	run log samv-log -n 5
	run log-verify samv-log --verify
	echo "{}" >stray.json
	run check samv-check
	test "$(cat "$TRASH/sweep/check.rc")" = 1
	rm stray.json
	samv-assess add --instrument levels --actor region --partner rf-sisu --answer level=2 >/dev/null
	samv-assess add --instrument levels --actor rf-sisu --partner region --answer level=4 >/dev/null
	run levels samv-assess levels --arena stor
	grep -q "den senaste bedömningen i varje riktning" "$TRASH/sweep/levels.out"
	grep -q "skiljer 2" "$TRASH/sweep/levels.out"
	grep -q "nytt syfte\|ändrad punkt" "$TRASH/sweep/history.out"
	for f in "$TRASH"/sweep/*.rc; do
		# check finds the stray file; overdue finds an overdue action
		case $f in */check.rc | */overdue.rc) test "$(cat "$f")" = 1 ;; *) test "$(cat "$f")" = 0 ;; esac
	done
	english_in "$TRASH"/sweep/*.out "$TRASH"/sweep/*.err
'

test_case 'every report in every format people read, excel-sv CSV too, in Swedish' '
	make_report_repo sv
	mkdir "$TRASH/sweep"
	for r in summary decisions actions participation agreement resources anchoring "arena stor"; do
		for f in text markdown html; do
			run "${r%% *}.$f" samv-report --period all --format $f $r
			test "$(cat "$TRASH/sweep/${r%% *}.$f.rc")" = 0
		done
		run "${r%% *}.csv" samv-report --period all --format csv --csv-dialect excel-sv $r
	done
	run weekly samv-report
	english_in "$TRASH"/sweep/*.out "$TRASH"/sweep/*.err
	# the tables keep ISO dates; the period line is prose
	grep -q "^  2026-11-17  " "$TRASH/sweep/summary.text.out" || grep -q "2026-11-17" "$TRASH/sweep/summary.text.out"
	sed -n 2p "$TRASH/sweep/weekly.out" | grep -q "^Period: vecka 47, 2026 (16 november 2026 till 22 november 2026), sammanställd 23 november 2026\$"
	# the CSV for scripts stays English keys in every locale
	sv samv-report --format csv >../sv.csv
	samv-report --format csv >../c.csv
	cmp ../sv.csv ../c.csv
	head -n 1 ../c.csv | grep -q "^section,figure,value,"
'

test_case 'invitations and minutes of a Swedish repository: Swedish in every form, dates as Swedes write them' '
	make_report_repo sv
	samv-person edit eva --email eva@example.org >/dev/null
	samv-meeting edit s4 --invite-person eva --purpose "Planera våren" --goal "En plan" \
		--expect "Kom förberedd" --agenda "Välkommen" --agenda "Våren" >/dev/null
	samv-meeting edit s3 --invite-person eva >/dev/null
	mkdir "$TRASH/sweep"
	run invite env SAMV_TODAY=2026-11-20 samv-meeting invite s4
	run invite-md env SAMV_TODAY=2026-11-20 samv-meeting invite s4 --format markdown
	run invite-mail env SAMV_TODAY=2026-11-20 samv-meeting invite s4 --format mail
	run invite-ics env SAMV_TODAY=2026-11-20 samv-meeting invite s4 --format ics
	run minutes samv-meeting minutes s3
	run minutes-md samv-meeting minutes s1 --format markdown
	run minutes-mail samv-meeting minutes s3 --format mail
	for f in "$TRASH"/sweep/*.rc; do test "$(cat "$f")" = 0; done
	grep -qx "Datum: lördag 21 november 2026 (vecka 47)" "$TRASH/sweep/invite.out"
	grep -qx "Datum: tisdag 17 november 2026 (vecka 47)" "$TRASH/sweep/minutes.out"
	grep -q "klart senast 15 december 2026; öppen" "$TRASH/sweep/minutes.out"
	grep -q "^- 20 september 2026: " "$TRASH/sweep/minutes-md.out"
	# the mail: its parts decoded; the subject; the calendar description
	p=python3
	for m in invite-mail minutes-mail; do
		"$p" - "$TRASH/sweep/$m.out" >"$TRASH/sweep/$m.parts" <<-\PY
		import sys, email, email.policy
		msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
		print(msg["Subject"])
		for part in msg.iter_parts():
		    print(part.get_filename() or "")
		    print(part.get_content())
		PY
		rm "$TRASH/sweep/$m.out"
	done
	sed -n 1p "$TRASH/sweep/invite-mail.parts" | grep -qx "Inbjudan: Storgrupp i december, 21 november 2026"
	sed -n 1p "$TRASH/sweep/minutes-mail.parts" | grep -qx "Minnesanteckningar: Storgrupp i november, 17 november 2026"
	grep -qx "s3-minnesanteckningar.md" "$TRASH/sweep/minutes-mail.parts"
	tr -d "\r" <"$TRASH/sweep/invite-ics.out" | sed -n "/^DESCRIPTION/,/^[A-Z]/p" >"$TRASH/sweep/ics.desc"
	grep -q "^DESCRIPTION:Syfte: Planera våren" "$TRASH/sweep/ics.desc"
	! grep -q "Purpose\|Agenda\|Goal" "$TRASH/sweep/ics.desc" || exit 1
	# the calendar keeps its data form: ISO basic dates
	grep -q "^DTSTART;VALUE=DATE:20261121" "$TRASH/sweep/invite-ics.out"
	rm "$TRASH/sweep/invite-ics.out"
	english_in "$TRASH"/sweep/*.out "$TRASH"/sweep/*.err "$TRASH"/sweep/*.parts "$TRASH/sweep/ics.desc"
	# an English repository: the same documents keep ISO and English
	samv_run samv-meeting minutes s3 --lang en
	out | grep -qx "Date: 2026-11-17"
	out | grep -q "due 2026-12-15; open"
'
