# samv-meeting: the whole life of a meeting, by the meeting checklist.

# make_meeting_repo: make_repo plus people, an arena and a planned meeting
# "m1" on 2026-12-01 and a past one "m0" on 2026-11-20.
make_meeting_repo() {
	make_repo
	samv-person add --id eva --name "Eva Lind" --actor region --role process-leader \
		--email eva@example.org >/dev/null
	samv-person add --id per --name "Per Ek" --actor rf-sisu --role representative \
		--mandate "Talar för RF-SISU" >/dev/null
	samv-person add --id ali --name "Ali Nur" --actor rf-sisu --role representative >/dev/null
	samv-arena add --id stor --name "Stormöte" --kind large-group-meeting --member region \
		--member rf-sisu >/dev/null
	samv-meeting plan --id m1 --arena stor --title "Stormöte om ensamhet" --date 2026-12-01 \
		--start 13:00 --end 15:30 --place "Linköping, Konsert & Kongress" \
		--purpose "Att samla parterna kring ofrivillig ensamhet" --goal "En gemensam bild" \
		--expect "Kom förberedd; ta med en kollega" --invite region --invite rf-sisu \
		--invite-person eva --invite-person per --agenda "Välkommen" --agenda "Presentationsrunda" >/dev/null
	samv-meeting plan --id m0 --arena stor --title "Uppstart" --date 2026-11-20 --invite region \
		--invite rf-sisu --invite-person per --invite-person ali >/dev/null
	test_tick
}

test_case 'plan writes one meeting and one commit naming the meeting and the arena' '
	make_meeting_repo
	samv_run samv-meeting plan --arena stor --title "Arbetsgrupp" --date 2026-12-10 --start 09:00
	expect_status 0
	grep -Eq "^arbetsgrupp-[0-9a-z]{6}\$" "$TRASH/.out"
	id=$(out)
	path=$(git ls-files meetings | grep "/$id.json")
	git log -1 --format=%B >../msg
	cat >../want <<-EOT
	meeting: plan $id

	Arbetsgrupp

	Samv-Command: samv-meeting plan
	Samv-Meeting: $id
	Samv-Arena: stor
	Samv-Record: $path
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg
	cat >../want <<-EOT
	{
	  "id": "$id",
	  "arena": "stor",
	  "title": "Arbetsgrupp",
	  "date": "2026-12-10",
	  "start": "09:00",
	  "status": "planned",
	  "sequence": 0
	}
	EOT
	cmp ../want "$path"
'

test_case 'list filters by arena, status and period; --json' '
	make_meeting_repo
	samv_run samv-meeting list
	expect_out <<-\EOT
	m0  stor  Uppstart              2026-11-20  planned
	m1  stor  Stormöte om ensamhet  2026-12-01  planned
	EOT
	samv_run samv-meeting list --since 2026-11-21
	expect_out <<-\EOT
	m1  stor  Stormöte om ensamhet  2026-12-01  planned
	EOT
	samv_run samv-meeting list --until 2026-11-20 --ids
	expect_out <<-\EOT
	m0
	EOT
	samv_run samv-meeting list --status held
	expect_no_out
	samv-meeting list --arena stor --json | grep -c "\"id\":" | grep -qx 2
'

test_case 'invite prints a ready-to-send invitation as text and Markdown' '
	make_meeting_repo
	samv_run samv-meeting invite m1
	expect_status 0
	expect_out <<-\EOT
	Inbjudan: Stormöte om ensamhet
	==============================

	Arena: Stormöte
	Datum: tisdag 1 december 2026 (vecka 49)
	Tid: 13:00–15:30
	Plats: Linköping, Konsert & Kongress

	Syfte
	-----

	Att samla parterna kring ofrivillig ensamhet

	Mål
	---

	En gemensam bild

	Vad vi förväntar oss av deltagarna
	----------------------------------

	Kom förberedd; ta med en kollega

	Dagordning
	----------

	1. Välkommen
	2. Presentationsrunda

	Inbjudna
	--------

	- Region Östergötland
	- RF-SISU Östergötland
	- Eva Lind, Region Östergötland
	- Per Ek, RF-SISU Östergötland

	Minnesanteckningar från mötet skickas till alla inbjudna.
	EOT
	samv_run samv-meeting invite m1 --format markdown --lang en
	expect_out <<-\EOT
	# Invitation: Stormöte om ensamhet

	**Arena:** Stormöte  
	**Date:** 2026-12-01  
	**Time:** 13:00–15:30  
	**Place:** Linköping, Konsert & Kongress  

	## Purpose

	Att samla parterna kring ofrivillig ensamhet

	## Goal

	En gemensam bild

	## What we expect of the participants

	Kom förberedd; ta med en kollega

	## Agenda

	1. Välkommen
	2. Presentationsrunda

	## Invited

	- Region Östergötland
	- RF-SISU Östergötland
	- Eva Lind, Region Östergötland
	- Per Ek, RF-SISU Östergötland

	The minutes of the meeting will be sent to everyone invited.
	EOT
'

# py MODULE: a python3 that has MODULE (.ci/deps installs python3-icalendar
# and python3's email is in the standard library); none is a failure.
py() {
	for p in python3 /usr/bin/python3; do
		if "$p" -c "import $1" 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	echo "# no python3 with $1 (install it with .ci/deps)" >&2
	return 1
}

test_case 'invite --format ics is an iTIP request: CRLF, folded, escaped, zoned, every invitee' '
	make_meeting_repo
	samv_run samv-meeting invite m1 --format ics
	expect_status 0
	stamp=$(TZ=UTC date -d "@$(git log -1 --format=%ct)" +%Y%m%dT%H%M%SZ)
	printf "%s\r\n" "BEGIN:VCALENDAR" "VERSION:2.0" "PRODID:-//samv//samv 0.1.0//EN" \
		"CALSCALE:GREGORIAN" "METHOD:REQUEST" "BEGIN:VTIMEZONE" "TZID:Europe/Stockholm" \
		"BEGIN:DAYLIGHT" "TZOFFSETFROM:+0100" "TZOFFSETTO:+0200" "TZNAME:CEST" \
		"DTSTART:19700329T020000" "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU" "END:DAYLIGHT" \
		"BEGIN:STANDARD" "TZOFFSETFROM:+0200" "TZOFFSETTO:+0100" "TZNAME:CET" \
		"DTSTART:19701025T030000" "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU" "END:STANDARD" \
		"END:VTIMEZONE" "BEGIN:VEVENT" "UID:m1@samv" "DTSTAMP:$stamp" "SEQUENCE:0" \
		"DTSTART;TZID=Europe/Stockholm:20261201T130000" "DTEND;TZID=Europe/Stockholm:20261201T153000" \
		"SUMMARY:Stormöte om ensamhet" \
		"LOCATION:Linköping\\, Konsert & Kongress" \
		"DESCRIPTION:Syfte: Att samla parterna kring ofrivillig ensamhet\\nMål: En g" \
		" emensam bild\\nFörväntningar: Kom förberedd\\; ta med en kollega\\nDagordn" \
		" ing:\\n1. Välkommen\\n2. Presentationsrunda" \
		"ORGANIZER;CN=\"Eva Lind\":mailto:eva@example.org" \
		"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=" \
		" TRUE;CN=\"Eva Lind\":mailto:eva@example.org" \
		"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN=\"Per Ek\":urn:samv:person" \
		" :per" \
		"ATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;CN=\"Region Östergötland\":urn:s" \
		" amv:actor:region" \
		"ATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;CN=\"RF-SISU Östergötland\":urn:" \
		" samv:actor:rf-sisu" \
		"STATUS:CONFIRMED" "END:VEVENT" "END:VCALENDAR" >../want
	cmp ../want "$TRASH/.out"
	# no content line is longer than 75 octets
	test "$(tr -d "\r" <"$TRASH/.out" | LC_ALL=C awk "length(\$0) > 75" | wc -l)" = 0
	p=$(py icalendar)
	"$p" - "$TRASH/.out" <<-\PY
	import sys, datetime, icalendar
	cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
	assert str(cal["METHOD"]) == "REQUEST"
	ev = [c for c in cal.walk("VEVENT")][0]
	assert str(ev["SUMMARY"]) == "Stormöte om ensamhet", ev["SUMMARY"]
	assert str(ev["LOCATION"]) == "Linköping, Konsert & Kongress"
	assert ev["DTSTART"].params["TZID"] == "Europe/Stockholm"
	assert "Kom förberedd; ta med en kollega" in str(ev["DESCRIPTION"])
	# in the repository'"'"'s language alone (Swedish here)
	assert "Dagordning:\n1. Välkommen\n2. Presentationsrunda" in str(ev["DESCRIPTION"])
	assert "Agenda" not in str(ev["DESCRIPTION"]) and "Purpose" not in str(ev["DESCRIPTION"])
	assert str(ev["ORGANIZER"]) == "mailto:eva@example.org"
	assert ev["ORGANIZER"].params["CN"] == "Eva Lind"
	att = ev["ATTENDEE"]
	assert [a.params["CN"] for a in att] == ["Eva Lind", "Per Ek", "Region Östergötland", "RF-SISU Östergötland"], att
	assert int(ev["SEQUENCE"]) == 0
	# the VTIMEZONE places the time: 13:00 in Stockholm is 12:00 UTC in
	# winter, and its rules give summer time in July
	tz = cal.walk("VTIMEZONE")[0].to_tz()
	start = ev.decoded("DTSTART").replace(tzinfo=None)
	assert tz.utcoffset(start) == datetime.timedelta(hours=1), tz.utcoffset(start)
	assert tz.utcoffset(datetime.datetime(2026, 7, 1, 13, 0)) == datetime.timedelta(hours=2)
	assert tz.utcoffset(datetime.datetime(2027, 3, 28, 1, 59)) == datetime.timedelta(hours=1)
	assert tz.utcoffset(datetime.datetime(2027, 3, 28, 3, 0)) == datetime.timedelta(hours=2)
	PY
'

test_case 'ics: an organisation with a contact person invites that person; another zone from samv.json' '
	make_meeting_repo
	samv-person edit ali --email ali@example.org >/dev/null
	samv-actor edit rf-sisu --contact ali >/dev/null
	jq ".timezone = \"Europe/Helsinki\"" samv.json >../s && cp ../s samv.json && git commit -qam zone
	samv_run samv-meeting invite m1 --format ics
	expect_status 0
	tr -d "\r" <"$TRASH/.out" | sed -e ":a" -e "\$!N;s/\n //;ta" -e "P;D" | grep "^ATTENDEE\|^DTSTART;" >../got
	cat >../want <<-\EOT
	DTSTART;TZID=Europe/Helsinki:20261201T130000
	ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Eva Lind":mailto:eva@example.org
	ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;CN="Per Ek":urn:samv:person:per
	ATTENDEE;CUTYPE=GROUP;ROLE=REQ-PARTICIPANT;CN="Region Östergötland":urn:samv:actor:region
	ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE;CN="Ali Nur":mailto:ali@example.org
	EOT
	cmp ../want ../got
	p=$(py icalendar)
	"$p" - "$TRASH/.out" <<-\PY
	import sys, datetime, icalendar
	cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
	tz = cal.walk("VTIMEZONE")[0].to_tz()
	assert tz.utcoffset(datetime.datetime(2026, 12, 1, 13, 0)) == datetime.timedelta(hours=2)
	assert tz.utcoffset(datetime.datetime(2026, 7, 1, 13, 0)) == datetime.timedelta(hours=3)
	PY
	# a zone samv does not know is refused by samv-check and by invite
	jq ".timezone = \"Europe/Atlantis\"" samv.json >../s && cp ../s samv.json && git commit -qam zone
	fails 1 "samv-meeting: samv.json: timezone: '\''Europe/Atlantis'\'' is not a time zone samv knows" \
		samv-meeting invite m1 --format ics
'

test_case 'SEQUENCE: 0 when planned, one more for each change, kept in the record; cancel is METHOD:CANCEL' '
	make_meeting_repo
	seq() { samv-meeting invite m1 --format ics | tr -d "\r" | sed -n "s/^SEQUENCE://p"; }
	test "$(jq .sequence meetings/*/m1.json)" = 0
	test "$(seq)" = 0
	samv-meeting edit m1 --link "https://example.org/möte rum" >/dev/null
	test "$(seq)" = 1
	samv_run samv-meeting invite m1 --format ics
	tr -d "\r" <../.out | grep -qx "URL:https://example.org/m%C3%B6te%20rum"
	# the same repository gives the same invitation: no clock in it
	samv-meeting invite m1 --format ics >../again
	cmp ../.out ../again
	samv-meeting edit m1 --start 14:00 >/dev/null
	test "$(seq)" = 2
	samv-meeting cancel m1 >/dev/null
	test "$(jq .sequence meetings/*/m1.json)" = 3
	samv_run samv-meeting invite m1 --format ics
	tr -d "\r" <../.out | grep -qx "METHOD:CANCEL"
	tr -d "\r" <../.out | grep -qx "STATUS:CANCELLED"
	tr -d "\r" <../.out | grep -qx "SEQUENCE:3"
	p=$(py icalendar)
	"$p" -c "import sys, icalendar; c = icalendar.Calendar.from_ical(open(sys.argv[1], \"rb\").read()); assert str(c[\"METHOD\"]) == \"CANCEL\"; assert int(c.walk(\"VEVENT\")[0][\"SEQUENCE\"]) == 3" ../.out
	# a meeting written before the count reads as 0 and counts on from there
	jq "del(.sequence)" meetings/*/m0.json >../m0 && cp ../m0 meetings/*/m0.json && git commit -qam old
	samv-check
	samv-meeting invite m0 --format ics | tr -d "\r" | grep -qx "SEQUENCE:0"
	samv-meeting hold m0 --attended eva >/dev/null
	test "$(jq .sequence meetings/*/m0.json)" = 1
	samv-meeting distribute m0 >/dev/null
	test "$(jq .sequence meetings/*/m0.json)" = 2
'

test_case 'invite --format mail: a multipart message for sendmail -t, with the .ics attached' '
	make_meeting_repo
	samv-person edit ali --email ali@example.org >/dev/null
	samv-actor edit rf-sisu --contact ali >/dev/null
	samv_run samv-meeting invite m1 --format mail
	expect_status 0
	# 7-bit, CRLF, no line over 78 characters
	test "$(LC_ALL=C tr -d "\r\n -~" <"$TRASH/.out" | wc -c)" = 0
	test "$(LC_ALL=C awk "!/\r\$/" "$TRASH/.out" | wc -l)" = 0
	test "$(tr -d "\r" <"$TRASH/.out" | LC_ALL=C awk "length(\$0) > 78" | wc -l)" = 0
	when=$(git log -1 --format=%ct)
	p=$(py icalendar)
	"$p" - "$TRASH/.out" "$when" <<-\PY
	import sys, email, email.policy, email.utils, icalendar
	msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
	assert msg["From"] == "Eva Lind <eva@example.org>", msg["From"]
	assert [a.addr_spec for a in msg["To"].addresses] == ["eva@example.org", "ali@example.org"], msg["To"]
	assert [a.display_name for a in msg["To"].addresses] == ["Eva Lind", "Ali Nur"]
	assert str(msg["Subject"]) == "Inbjudan: Stormöte om ensamhet, 1 december 2026", msg["Subject"]
	assert email.utils.parsedate_to_datetime(msg["Date"]).timestamp() == int(sys.argv[2])
	assert msg["Message-ID"] == "<samv.m1.0.%s@example.org>" % sys.argv[2], msg["Message-ID"]
	assert msg["MIME-Version"] == "1.0"
	assert msg.get_content_type() == "multipart/mixed"
	assert not msg.defects, msg.defects
	text, ics = msg.get_payload()
	assert text.get_content_type() == "text/plain" and text.get_content_charset() == "utf-8"
	body = text.get_content()
	assert body.startswith("Inbjudan: Stormöte om ensamhet\n"), body
	assert "Plats: Linköping, Konsert & Kongress\n" in body
	assert ics.get_content_type() == "text/calendar"
	assert ics.get_param("method") == "REQUEST"
	assert ics.get_filename() == "m1.ics"
	cal = icalendar.Calendar.from_ical(ics.get_payload(decode=True))
	ev = cal.walk("VEVENT")[0]
	assert str(ev["UID"]) == "m1@samv"
	assert [str(a) for a in ev["ATTENDEE"]] == ["mailto:eva@example.org", "urn:samv:person:per", "urn:samv:actor:region", "mailto:ali@example.org"]
	PY
	# a cancelled meeting: the notice, with METHOD:CANCEL
	samv-meeting cancel m1 >/dev/null
	samv_run samv-meeting invite m1 --format mail --lang en
	expect_status 0
	"$p" - "$TRASH/.out" <<-\PY
	import sys, email, email.policy, icalendar
	msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
	assert str(msg["Subject"]) == "Cancelled: Stormöte om ensamhet, 2026-12-01", msg["Subject"]
	text, ics = msg.get_payload()
	assert text.get_content().startswith("The meeting is cancelled.\n\nInvitation: "), text.get_content()
	assert ics.get_param("method") == "CANCEL"
	assert str(icalendar.Calendar.from_ical(ics.get_payload(decode=True))["METHOD"]) == "CANCEL"
	PY
'

test_case 'minutes --format mail: the minutes to everyone asked and everyone who came' '
	make_meeting_repo
	samv-person edit per --email per@example.org >/dev/null
	samv-meeting hold m0 --attended eva --summary "Alla vill fortsätta" >/dev/null
	samv_run samv-meeting minutes m0 --format mail
	expect_status 0
	p=$(py email)
	"$p" - "$TRASH/.out" <<-\PY
	import sys, email, email.policy
	msg = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
	assert [a.addr_spec for a in msg["To"].addresses] == ["eva@example.org", "per@example.org"], msg["To"]
	assert str(msg["Subject"]) == "Minnesanteckningar: Uppstart, 20 november 2026"
	text, md = msg.get_payload()
	assert "Alla vill fortsätta" in text.get_content()
	assert md.get_content_type() == "text/markdown" and md.get_filename() == "m0-minnesanteckningar.md"
	assert md.get_content().startswith("# Minnesanteckningar: Uppstart\n"), md.get_content()
	PY
	# and then it is recorded as sent
	samv-meeting distribute m0 --how e-post >/dev/null
'

test_case 'invite and minutes --json: subject, recipients and text, every key always there' '
	make_meeting_repo
	samv_run samv-meeting invite m1 --json
	expect_status 0
	jq -c "keys_unsorted" ../.out >../got
	echo "[\"meeting\",\"title\",\"date\",\"start\",\"end\",\"timezone\",\"place\",\"link\",\"status\",\"sequence\",\"method\",\"organizer\",\"subject\",\"recipients\",\"text\"]" >../want
	cmp ../want ../got
	jq -c "[.method, .link, .organizer, .subject, .recipients[0], (.recipients | length)]" ../.out >../got
	echo "[\"REQUEST\",null,{\"name\":\"Eva Lind\",\"email\":\"eva@example.org\"},\"Inbjudan: Stormöte om ensamhet, 1 december 2026\",{\"person\":\"eva\",\"actor\":\"region\",\"name\":\"Eva Lind\",\"email\":\"eva@example.org\"},4]" >../want
	cmp ../want ../got
	samv-meeting invite m1 >../text
	test "$(jq -r .text ../.out)" = "$(cat ../text)"
	samv-meeting hold m0 --attended eva >/dev/null
	samv_run samv-meeting minutes m0 --json --lang en
	jq -c "[.method, .subject, [.recipients[].person]]" ../.out >../got
	echo "[null,\"Minutes: Uppstart, 2026-11-20\",[\"eva\",\"ali\",\"per\",null,null]]" >../want
	cmp ../want ../got
'

test_case 'refused: mail to nobody with an address, minutes of a meeting not held, no organiser' '
	make_meeting_repo
	samv-person edit eva --email "" >/dev/null
	fails 1 "samv-meeting: meeting '\''m1'\'': nobody it goes to has an e-mail address (see samv-person edit --email, samv-actor edit --contact)" \
		samv-meeting invite m1 --format mail
	fails 1 "samv-meeting: meeting '\''m1'\'' is planned; minutes are sent after it is held (see samv-meeting hold)" \
		samv-meeting minutes m1 --format mail
	fails 2 "samv-meeting: --json: not with --format" samv-meeting invite m1 --json --format ics
	GIT_AUTHOR_EMAIL= fails 1 "samv-meeting: an invitation needs an organiser with an e-mail address: set user.email (git config) or GIT_AUTHOR_EMAIL" \
		samv-meeting invite m1 --format ics
'

test_case 'a meeting without a time is an all-day event' '
	make_meeting_repo
	samv-meeting plan --id hel --arena stor --title "Heldag" --date 2026-12-31 >/dev/null
	samv-meeting invite hel --format ics | tr -d "\r" | grep "^DT" >../got
	grep -qx "DTSTART;VALUE=DATE:20261231" ../got
	grep -qx "DTEND;VALUE=DATE:20270101" ../got
'

test_case 'hold records attendance, who did not come, minutes and the checklist' '
	make_meeting_repo
	printf "Vi talade om ensamhet.\nMånga idéer.\n" >../minutes.txt
	samv_run samv-meeting hold m0 --attended eva --attended per --minutes @../minutes.txt \
		--summary "Alla vill fortsätta" --direction "Vi arbetar vidare med ensamhet" \
		--next-step "Nytt möte i december" --next-invite region --intros --all-heard --summarised \
		--distribution-announced --words "förening och organisation" --power "Regionen styrde dagordningen"
	expect_status 0
	expect_no_out
	expect_no_err
	path=$(git ls-files meetings | grep /m0.json)
	cat >../want <<-\EOT
	{
	  "id": "m0",
	  "arena": "stor",
	  "title": "Uppstart",
	  "date": "2026-11-20",
	  "invited": [
	    "region",
	    "rf-sisu"
	  ],
	  "invited_people": [
	    "ali",
	    "per"
	  ],
	  "status": "held",
	  "sequence": 1,
	  "attended": [
	    {
	      "person": "eva",
	      "actor": "region",
	      "role": "process-leader"
	    },
	    {
	      "person": "per",
	      "actor": "rf-sisu",
	      "role": "representative",
	      "mandate": "Talar för RF-SISU"
	    }
	  ],
	  "absent": [
	    "ali"
	  ],
	  "intros": true,
	  "all_heard": true,
	  "summarised": true,
	  "distribution_announced": true,
	  "summary": "Alla vill fortsätta",
	  "direction": "Vi arbetar vidare med ensamhet",
	  "next_step": "Nytt möte i december",
	  "next_invite": [
	    "region"
	  ],
	  "words": "förening och organisation",
	  "power": "Regionen styrde dagordningen",
	  "minutes": "Vi talade om ensamhet.\nMånga idéer."
	}
	EOT
	cmp ../want "$path"
	test "$(git log -1 --format=%s)" = "meeting: hold m0"
	samv-check
'

test_case 'an invited organisation nobody came from is recorded as absent' '
	make_meeting_repo
	samv_run samv-meeting hold m0 --attended eva
	expect_status 0
	samv-meeting show m0 --json | jq -c "[.absent, .absent_actors]" >../got
	echo "[[\"ali\",\"per\"],[\"rf-sisu\"]]" >../want
	cmp ../want ../got
'

test_case 'hold again adds attendees; --not-attended takes one back' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva >/dev/null
	samv_run samv-meeting hold m0 --attended ali --not-attended eva
	expect_status 0
	samv-meeting show m0 --json | jq -c "[.attended[].person, .absent]" >../got
	echo "[\"ali\",[\"per\"]]" >../want
	cmp ../want ../got
'

test_case 'minutes render a held meeting with its actions and decisions' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva --attended per --summary "Alla vill fortsätta" \
		--next-step "Nytt möte" --intros >/dev/null
	samv-meeting action add --meeting m0 --id lista --title "Skicka föreningslistan" --owner per \
		--due 2026-12-01 >/dev/null
	samv-decision add --id d1 --kind kedge-anchor --level arena --title "Börja med ensamhet" \
		--text "Vi börjar med ofrivillig ensamhet." --date 2026-11-20 --meeting m0 >/dev/null
	samv_run samv-meeting minutes m0 --format markdown
	expect_status 0
	expect_out <<-\EOT
	# Minnesanteckningar: Uppstart

	**Arena:** Stormöte  
	**Datum:** fredag 20 november 2026 (vecka 47)  

	## Närvarande

	- Eva Lind, Region Östergötland (processledare)
	- Per Ek, RF-SISU Östergötland (representant)

	## Inbjudna som inte deltog

	- Ali Nur, RF-SISU Östergötland

	## Sammanfattning

	Alla vill fortsätta

	## Beslut

	- Börja med ensamhet (halningsankare, arenans beslut, föreslaget): Vi börjar med ofrivillig ensamhet.

	## Uppföljning

	- Skicka föreningslistan (ansvarig: Per Ek; klart senast 1 december 2026; öppen)

	## Nästa steg

	Nytt möte

	## Checklista

	- [x] Presentationsrunda (roll, organisation, uppdrag)
	- [ ] Alla kunde komma till tals och ställa frågor
	- [ ] Det som sades sammanfattades
	- [ ] Hur och när anteckningarna skickas ut meddelades
	EOT
'

test_case 'distribute records when and to whom the minutes went' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva >/dev/null
	samv_run samv-meeting distribute m0 --how e-post --date 2026-11-21
	expect_status 0
	expect_out <<-\EOT
	m0: minutes sent to 3 people and 2 organisations on 2026-11-21
	EOT
	samv_run samv-meeting distribute m0 --to per
	expect_out <<-\EOT
	m0: minutes sent to 1 people and 0 organisations on 2026-11-23
	EOT
	samv-meeting show m0 --json | jq -c .distributed >../got
	echo "[{\"date\":\"2026-11-21\",\"people\":[\"ali\",\"eva\",\"per\"],\"actors\":[\"region\",\"rf-sisu\"],\"how\":\"e-post\"},{\"date\":\"2026-11-23\",\"people\":[\"per\"],\"actors\":null,\"how\":null}]" >../want
	cmp ../want ../got
	test "$(git log -1 --format=%s)" = "meeting: distribute m0"
'

test_case 'actions: add, done, report back, overdue (exit 1 when any)' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva >/dev/null
	samv_run samv-meeting action add --meeting m0 --id lista --title "Skicka listan" --owner per --due 2026-11-22
	expect_status 0
	expect_out <<-\EOT
	lista
	EOT
	git log -1 --format=%B | grep -qx "Samv-Meeting: m0"
	git log -1 --format=%B | grep -qx "Samv-Arena: stor"
	samv_run samv-meeting action overdue
	expect_status 1
	expect_out <<-\EOT
	2026-11-22  lista  per  Skicka listan
	EOT
	samv_run samv-meeting action done lista --date 2026-11-23 --report "Skickad till alla"
	expect_status 0
	samv_run samv-meeting action overdue
	expect_status 0
	expect_no_out
	samv_run samv-meeting action report lista
	expect_status 0
	samv_run samv-meeting action show lista
	expect_out <<-\EOT
	id:       lista
	meeting:  m0
	arena:    stor
	title:    Skicka listan
	owner:    per
	due:      2026-11-22
	status:   done
	done:     2026-11-23
	reported: 2026-11-23
	report:   Skickad till alla
	EOT
	git log --format=%s -3 >../got
	printf "%s\n" "action: report lista" "action: done lista" "action: add lista" >../want
	cmp ../want ../got
'

test_case 'record: a whole meeting and its actions from one JSON document, one commit' '
	make_meeting_repo
	before=$(git rev-list --count HEAD)
	cat >../m.json <<-\EOT
	{"id": "m2", "arena": "stor", "title": "Workshop", "date": "2026-11-18",
	 "attended": ["eva", "ali"], "invited_people": ["per", "eva", "ali"],
	 "summary": "Bra workshop", "intros": true,
	 "actions": [{"title": "Boka lokal", "owner_actor": "region", "due": "2026-12-15"}]}
	EOT
	samv_run samv-meeting record <../m.json
	expect_status 0
	expect_out <<-\EOT
	m2
	EOT
	test "$(git rev-list --count HEAD)" = $((before + 1))
	samv-meeting show m2 --json | jq -c "[.status, [.attended[].person], .absent]" >../got
	echo "[\"held\",[\"ali\",\"eva\"],[\"per\"]]" >../want
	cmp ../want ../got
	samv-meeting action list --meeting m2 --json | jq -r ".[0] | [.title, .arena, .status] | @tsv" >../got
	printf "Boka lokal\tstor\topen\n" >../want
	cmp ../want ../got
	samv-check
'

test_case 'cancel a planned meeting; its invitation and minutes say so' '
	make_meeting_repo
	samv_run samv-meeting cancel m1
	expect_status 0
	test "$(git log -1 --format=%s)" = "meeting: cancel m1"
	git log -1 --format=%B | grep -qx "Samv-Date: 2026-11-23"
	samv-meeting edit m1 --status planned >/dev/null && samv-meeting cancel m1 --date 2026-11-22 >/dev/null
	git log -1 --format=%B | grep -qx "Samv-Date: 2026-11-22"
	samv_run samv-meeting list
	expect_out <<-\EOT
	m0  stor  Uppstart  2026-11-20  planned
	EOT
	samv_run samv-meeting invite m1 --format ics
	tr -d "\r" <"$TRASH/.out" | grep -qx "STATUS:CANCELLED"
'

while IFS='|' read -r name status err cmd; do
	[ -n "$name" ] || continue
	test_case "refused: $name" "
		make_meeting_repo
		samv-meeting hold m0 --attended eva >/dev/null
		test_tick
		fails $status \"$err\" $cmd
	"
done <<'TABLE'
unknown arena|1|samv-meeting: --arena: no arena 'nope' (see samv-arena list)|samv-meeting plan --arena nope --title X --date 2026-12-01
bad date|1|samv-meeting: date: '2026-02-30' is not a date (YYYY-MM-DD)|samv-meeting plan --arena stor --title X --date 2026-02-30
bad time|1|samv-meeting: start: '25:00' is not a time of day (HH:MM, 00:00 to 23:59)|samv-meeting plan --arena stor --title X --date 2026-12-01 --start 25:00
end before start|1|samv-meeting: end: 12:00 is not after the start 13:00|samv-meeting plan --arena stor --title X --date 2026-12-01 --start 13:00 --end 12:00
holding a meeting in the future|1|samv-meeting: meeting 'm1' is on 2026-12-01, in the future: it cannot be recorded as held before that day|samv-meeting hold m1 --attended eva
inviting to a past meeting|1|samv-meeting: meeting 'm0' is held; an invitation is for a planned meeting|samv-meeting invite m0
duplicate attendance|1|samv-meeting: --attended: 'eva' is already recorded as attending|samv-meeting hold m0 --attended eva
unknown attendee|1|samv-meeting: --attended: no person 'nobody' (see samv-person list)|samv-meeting hold m0 --attended nobody
absent and attending|1|samv-meeting: --absent: 'eva' is recorded as attending|samv-meeting hold m0 --absent eva
absent and attending in one command|1|samv-meeting: --absent: 'ali' is also given as --attended|samv-meeting hold m0 --attended ali --absent ali
a held meeting moved into the future|1|samv-meeting: meeting 'm0' is on 2026-12-20, in the future: it cannot be recorded as held before that day|samv-meeting edit m0 --date 2026-12-20
removing a person who attended|1|samv-person: person 'eva' is still named in meeting 'm0'|samv-person rm eva
distributing before holding|1|samv-meeting: meeting 'm1' is planned; only the minutes of a held meeting are distributed (see samv-meeting hold)|samv-meeting distribute m1
distribution in the future|1|samv-meeting: --date: 2026-12-24 is in the future|samv-meeting distribute m0 --date 2026-12-24
distribution before the meeting|1|samv-meeting: --date: 2026-11-19 is before the meeting (2026-11-20)|samv-meeting distribute m0 --date 2026-11-19
action without an owner|1|samv-meeting action: owner: an action needs an owner (a person or an organisation)|samv-meeting action add --meeting m0 --title X
action on an unknown meeting|1|samv-meeting action: --meeting: no meeting 'nope' (see samv-meeting list)|samv-meeting action add --meeting nope --title X --owner eva
a held meeting cannot be cancelled|1|samv-meeting: meeting 'm0' was held; it cannot become cancelled|samv-meeting cancel m0
unknown format|2|samv-meeting: --format: 'pdf' is not one of text, markdown, ics, mail|samv-meeting invite m1 --format pdf
unknown minutes format|2|samv-meeting: --format: 'ics' is not one of text, markdown, mail|samv-meeting minutes m0 --format ics
unknown language|2|samv-meeting: --lang: 'de' is not one of sv, en|samv-meeting minutes m0 --lang de
unknown language for an event|2|samv-meeting: --lang: 'de' is not one of sv, en|samv-meeting invite m1 --format ics --lang de
missing minutes file|1|samv-meeting: --minutes: ../nope.txt: No such file or directory|samv-meeting hold m0 --minutes @../nope.txt
unknown verb|2|samv-meeting: unknown command 'rm' (see samv-meeting --help)|samv-meeting rm m0
TABLE

test_case 'refused: a closed arena takes no new meetings' '
	make_meeting_repo
	samv-arena close stor >/dev/null
	snapshot
	samv_run samv-meeting plan --arena stor --title X --date 2026-12-01
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: arena '"'"'stor'"'"' is closed; reopen it with samv-arena edit stor --status active
	EOT
	unchanged
'

test_case 'refused: record with bad JSON, a bad action or an existing id' '
	make_meeting_repo
	snapshot
	printf "{\"arena\": \"stor\", \"title\": }" | samv_run samv-meeting record
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: standard input:1:28: JSON syntax error
	EOT
	printf "{\"id\": \"m0\", \"arena\": \"stor\", \"title\": \"X\", \"date\": \"2026-11-01\"}" | samv_run samv-meeting record
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: standard input: meeting '"'"'m0'"'"' already exists (--replace replaces it)
	EOT
	printf "{\"arena\": \"stor\", \"title\": \"X\", \"date\": \"2026-11-01\", \"actions\": [{\"title\": \"Y\"}]}" |
		samv_run samv-meeting record
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: standard input: actions[1]: owner: an action needs an owner (a person or an organisation)
	EOT
	printf "{\"arena\": \"stor\", \"title\": \"X\", \"date\": \"2026-11-01\", \"attended\": [\"eva\", \"eva\"]}" |
		samv_run samv-meeting record
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: standard input: --attended: '"'"'eva'"'"' is already recorded as attending
	EOT
	unchanged
'

test_case 'minutes from a file with CR LF line ends keep LF; an escape sequence in text is refused' '
	make_meeting_repo
	printf "Rad ett\r\nRad två\r\n" >../crlf.txt
	samv_run samv-meeting hold m0 --attended eva --minutes @../crlf.txt
	expect_status 0
	samv-meeting show m0 --json | jq -r .minutes >../got
	printf "Rad ett\nRad två\n" | cmp - ../got
	snapshot
	samv_run samv-meeting edit m0 --summary "$(printf "röd \033[31mtext")"
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: summary: no control characters but newlines and tabs
	EOT
	unchanged
'

test_case 'edit --stdin keeps the attendance it leaves out and refuses to rewrite it' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva >/dev/null
	samv-meeting show m0 --json | jq "del(.attended) | .summary = \"Kort\"" >../m0.json
	samv_run samv-meeting edit m0 --stdin <../m0.json
	expect_status 0
	samv-meeting show m0 --json | jq -c "[.summary, [.attended[].person]]" >../got
	echo "[\"Kort\",[\"eva\"]]" | cmp - ../got
	snapshot
	samv-meeting show m0 --json | jq ".attended[0].person = \"ali\"" >../m0.json
	samv_run samv-meeting edit m0 --stdin <../m0.json
	expect_status 1
	expect_err <<-\EOT
	samv-meeting: standard input: attended is set by the commands, not edited
	EOT
	unchanged
'

test_case 'an action closed with edit --status gets the date done would give; reopened, none' '
	make_meeting_repo
	samv-meeting action add --meeting m0 --id lista --title Lista --owner per >/dev/null
	samv_run samv-meeting action edit lista --status dropped
	expect_status 0
	samv-meeting action show lista --json | jq -c "[.status, .done]" >../got
	echo "[\"dropped\",\"2026-11-23\"]" | cmp - ../got
	samv-meeting action edit lista --status open >/dev/null
	samv-meeting action show lista --json | jq -c "[.status, .done]" >../got
	echo "[\"open\",null]" | cmp - ../got
'

test_case 'show puts each attendee and each distribution on a line of its own' '
	make_meeting_repo
	samv-meeting hold m0 --attended eva --attended per >/dev/null
	samv-meeting distribute m0 --to eva --to per --how e-post >/dev/null
	samv_run samv-meeting show m0
	expect_status 0
	grep -A1 "^attended:" ../.out >../got
	grep "^distributed:" ../.out >>../got
	cat >../want <<-\EOT
	attended:       eva, region, process-leader
	                per, rf-sisu, representative, Talar för RF-SISU
	distributed:    2026-11-23, [eva, per], e-post
	EOT
	cmp ../want ../got
'
