# samv-check's warnings on personal data where it does not belong: e-mail
# addresses and telephone numbers in text, names in ids and paths, person
# ids that carry a name; masking, --json, the allow list, --fail-on.  And
# samv-sync's push of refs/samv/people to a local remote by compare-and-swap.

# A meeting m1 held with the minutes given, in a repository of make_repo.
held() { # minutes
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting >/dev/null &&
	samv-meeting plan --id m1 --arena stor --title Möte --date 2026-11-20 >/dev/null &&
	samv-meeting hold m1 --minutes "$1" >/dev/null &&
	m1=$(git ls-files meetings | grep /m1.json) &&
	test_tick
}

test_case 'an e-mail address and a telephone number in minutes: masked warnings, exit 0' '
	make_repo --people-on-branch
	held "Eva (eva.lind@example.org, 070-123 45 67) and Bo (bo@ek.se) spoke"
	samv_run samv-check
	expect_status 0
	expect_no_err
	cat >"$TRASH/want" <<-EOT
	$m1:8:3: personal-email: minutes: 2 e-mail addresses (e***@e***.org, ...) outside the person records (public ones: list them in .samv-personal-allow)
	$m1:8:3: personal-phone: minutes: a telephone number (***-*** ** 67) outside the person records (a public one: list it in .samv-personal-allow)
	EOT
	expect_out <"$TRASH/want"
	! grep -q "eva.lind\|bo@ek\|123 45" "$TRASH/.out" || exit 1
'

test_case '--json: the same warnings, masked, with their codes' '
	make_repo --people-on-branch
	held "Ring +46 70 123 45 67 eller skriv till karin@example.net"
	samv_run samv-check --json
	expect_status 0
	cat >"$TRASH/want" <<-EOT
	[
	  {
	    "file": "$m1",
	    "line": 8,
	    "column": 3,
	    "code": "personal-email",
	    "message": "minutes: an e-mail address (k***@e***.net) outside the person records (a public one: list it in .samv-personal-allow)"
	  },
	  {
	    "file": "$m1",
	    "line": 8,
	    "column": 3,
	    "code": "personal-phone",
	    "message": "minutes: a telephone number (+** ** *** ** 67) outside the person records (a public one: list it in .samv-personal-allow)"
	  }
	]
	EOT
	expect_out <"$TRASH/want"
'

test_case '--fail-on personal-data or warnings: exit 1; a bad value: exit 2' '
	make_repo --people-on-branch
	held "Kontakt: 08-12 34 56"
	samv_run samv-check --fail-on personal-data
	expect_status 1
	grep -qF "personal-phone: minutes: a telephone number (**-** ** 56)" "$TRASH/.out"
	samv_run samv-check --fail-on=warnings
	expect_status 1
	samv_run samv-check --fail-on personal-data,nonsense
	expect_status 2
	expect_no_out
	expect_err <<-\EOT
	samv-check: --fail-on: '"'"'nonsense'"'"' is not one of personal-data, warnings
	EOT
'

test_case '--fail-on: nothing personal, exit 0; problems still exit 1 without it' '
	make_repo --people-on-branch
	held "Vi talade om planen"
	samv_run samv-check --fail-on personal-data
	expect_status 0
	expect_no_out
	echo x >notes.txt
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	notes.txt:1:1: stray-file: does not belong in a samv repository
	EOT
'

test_case 'not personal data: contact fields of a person, dates, times, amounts, numbers, links' '
	make_repo --people-on-branch
	samv-person add --id eva --name Eva --actor region --role official --email eva@example.org \
		--phone "070-123 45 67" >/dev/null
	samv-actor edit region --orgnr 232100-0040 >/dev/null
	held "Möte 2026-11-20 kl 09.00-12.00 och 0900-1200, budget 1 500 000 kr, 0,75 tjänst, dnr RS 2024-01234, 2024/0123456, version 0.10.12345678, @alla"
	samv-meeting edit m1 --link "https://meet.example.org/j/0701234567" >/dev/null
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'e-mail and telephone in any text field, nested ones named by their place' '
	make_repo --people-on-branch
	samv-person add --id eva --name Eva --actor region --role official >/dev/null
	samv-actor edit region --note "växeln 013-10 20 30" >/dev/null
	held "inget"
	samv-meeting edit m1 --agenda "Inledning" --agenda "Frågor till a@b.se" >/dev/null
	samv-meeting record <<-\EOT >/dev/null
	{"id": "m2", "arena": "stor", "title": "Andra", "date": "2026-11-21", "status": "held",
	 "attended": [{"person": "eva", "actor": "region", "mandate": "nås på 0701234567"}]}
	EOT
	m2=$(git ls-files meetings | grep /m2.json)
	samv_run samv-check
	expect_status 0
	grep -q "^actors/9a/region.json:[0-9]*:3: personal-phone: note: a telephone number (\*\*\*-\*\* \*\* 30)" "$TRASH/.out"
	grep -q "^$m1:[0-9]*:3: personal-email: agenda: an e-mail address (a\*\*\*@b\*\*\*.se)" "$TRASH/.out"
	grep -q "^$m2:[0-9]*:3: personal-phone: attended\[0\].mandate: a telephone number (\*\*\*\*\*\*\*\*67)" "$TRASH/.out"
	test $(wc -l <"$TRASH/.out") = 3
'

test_case 'the allow list: public addresses and numbers, in any case or form; comments' '
	make_repo --people-on-branch
	held "Info@Region.se, +46 13-10 20 30, eva@example.org, 070-111 22 33"
	cat >.samv-personal-allow <<-\EOT
	# the region: public addresses
	info@region.se
	013-10 20 30

	EOT
	samv_run samv-check
	expect_status 0
	cat >"$TRASH/want" <<-EOT
	$m1:8:3: personal-email: minutes: an e-mail address (e***@e***.org) outside the person records (a public one: list it in .samv-personal-allow)
	$m1:8:3: personal-phone: minutes: a telephone number (***-*** ** 33) outside the person records (a public one: list it in .samv-personal-allow)
	EOT
	expect_out <"$TRASH/want"
'

test_case 'the allow list is read from the commit checked with --rev' '
	make_repo --people-on-branch
	held "info@region.se"
	echo info@region.se >.samv-personal-allow
	samv_run samv-check
	expect_status 0
	expect_no_out
	samv_run samv-check --rev HEAD
	expect_status 0
	grep -q "personal-email" "$TRASH/.out"
	git add .samv-personal-allow && git commit -q -m "allow the region'"'"'s address"
	samv_run samv-check --rev HEAD
	expect_status 0
	expect_no_out
'

test_case 'a person'"'"'s name in an id or a path: warned, on the path; one word is not a name' '
	make_repo --people-on-branch
	samv-person add --id eva --name "Eva Lind" --actor region --role official >/dev/null
	samv-person add --id anna --name "Anna Maria Berg" --actor region --role official >/dev/null
	samv-person add --id ali --name "Ali" --actor region --role official >/dev/null
	held "inget"
	a1=$(samv-meeting action add --meeting m1 --owner-actor region --title "Ring Eva Lind om lokalen")
	a2=$(samv-meeting action add --meeting m1 --owner-actor region --title "Anna Berg bokar")
	a3=$(samv-meeting action add --meeting m1 --owner-actor region --title "Ali bokar evalind")
	echo cv >eva-lind-cv.txt
	samv_run samv-check
	expect_status 1
	cat >"$TRASH/want" <<-EOT
	$(git ls-files actions | grep "/$a2.json"):1:1: personal-name: id: holds the name of person '"'"'anna'"'"', kept in every commit that names the record (see samv(7), PERSONAL DATA)
	$(git ls-files actions | grep "/$a1.json"):1:1: personal-name: id: holds the name of person '"'"'eva'"'"', kept in every commit that names the record (see samv(7), PERSONAL DATA)
	eva-lind-cv.txt:1:1: personal-name: path: holds the name of person '"'"'eva'"'"', kept in every commit that has the file (see samv(7), PERSONAL DATA)
	eva-lind-cv.txt:1:1: stray-file: does not belong in a samv repository
	EOT
	sort "$TRASH/want" >"$TRASH/want.sorted"
	sort "$TRASH/.out" >"$TRASH/.out.sorted"
	cmp "$TRASH/want.sorted" "$TRASH/.out.sorted"
	! grep -q "$a3" "$TRASH/.out" || exit 1
'

test_case 'the allow list takes ids and paths that only look like a name' '
	make_repo --people-on-branch
	samv-person add --id eva --name "Eva Lind" --actor region --role official >/dev/null
	samv-arena add --id eva-lind-skolan --name "Eva Lind-skolan" --kind workshop >/dev/null
	samv_run samv-check
	expect_status 0
	grep -q "arenas/eva-lind-skolan.json\|eva-lind-skolan.json:1:1: personal-name" "$TRASH/.out"
	printf "%s\n" "# a school named after her" eva-lind-skolan >.samv-personal-allow
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'people on the ref: an id that carries a name is warned; minted ids are not' '
	samv-init --people-ref --name Samverkan repo >/dev/null
	cd repo
	samv-actor add --id region --name "Region Östergötland" --sector public --kind region \
		--level regional >/dev/null
	p=$(samv-person add --name "Karin Sjöberg" --actor region --role representative --email karin@example.net)
	samv-person add --id eva-lind --name "Eva Lind" --actor region --role official >/dev/null
	samv-person add --id karin --name "Karin Ek" --actor region --role official >/dev/null
	samv-person add --id p-abc123 --name "Bo Sjöberg" --actor region --role official >/dev/null
	samv_run samv-check
	expect_status 0
	path() { samv-person show "$1" --json >/dev/null && git ls-tree -r --name-only refs/samv/people | grep "/$1.json"; }
	cat >"$TRASH/want" <<-EOT
	$(path eva-lind):1:1: personal-id: id: person id '"'"'eva-lind'"'"' carries a name; refer to people by ids that carry none (see samv(7), PERSONAL DATA)
	$(path karin):1:1: personal-id: id: person id '"'"'karin'"'"' carries a name; refer to people by ids that carry none (see samv(7), PERSONAL DATA)
	EOT
	sort "$TRASH/want" >"$TRASH/want.sorted"
	sort "$TRASH/.out" >"$TRASH/.out.sorted"
	cmp "$TRASH/want.sorted" "$TRASH/.out.sorted"
	! grep -q "$p\|p-abc123" "$TRASH/.out" || exit 1
	samv_run samv-check --fail-on personal-data
	expect_status 1
'

test_case 'people on the branch: person ids made from names are not warned' '
	make_repo --people-on-branch
	samv-person add --id eva-lind --name "Eva Lind" --actor region --role official >/dev/null
	samv_run samv-check
	expect_status 0
	expect_no_out
'

test_case 'sync: a push of the people racing another clone'"'"'s is refused, then made' '
	git init -q --bare -b main remote.git
	samv-init --people-ref --name Samverkan repo >/dev/null
	cd repo
	samv-actor add --id region --name "Region Östergötland" --sector public --kind region \
		--level regional >/dev/null
	p=$(samv-person add --name "Karin Sjöberg" --actor region --role representative)
	git remote add origin ../remote.git
	samv-sync >/dev/null
	cd ..
	git clone -q remote.git b
	test_tick
	(cd repo && samv-person edit "$p" --title Ordförande >/dev/null)
	test_tick
	(cd b && samv-person edit "$p" --note "Nås via kansliet" >/dev/null)
	test_tick
	# repo waits at the gate before pushing its people; b pushes then
	cd repo
	SAMV_SYNC_PEOPLE_TEST_GATE=$TRASH/gate samv-sync >../a.out 2>../a.err &
	pid=$!
	n=0
	while ! test -e ../gate.ready && test $n -lt 200; do sleep 0.05; n=$((n + 1)); done
	(cd ../b && samv-sync >/dev/null)
	theirs=$(git -C ../remote.git rev-parse samv-people)
	: >../gate.go
	rc=0
	wait $pid || rc=$?
	test $rc = 3
	test ! -s ../a.out
	cat >../want <<-\EOT
	samv-sync: busy: refs/heads/samv-people of '"'"'origin'"'"' moved while syncing (another clone pushed); nothing of it was lost: run samv-sync again
	EOT
	cmp ../want ../a.err
	test "$(git -C ../remote.git rev-parse samv-people)" = "$theirs"
	git -C ../remote.git for-each-ref >../refs
	! grep -q sync- ../refs || exit 1
	samv_run samv-sync
	expect_status 0
	test "$(git -C ../remote.git rev-parse samv-people)" = "$(git rev-parse refs/samv/people)"
	samv_run samv-person show "$p" --json
	grep -q "Ordförande" "$TRASH/.out"
	grep -q "Nås via kansliet" "$TRASH/.out"
'

test_case 'in Swedish: the warnings are translated; --json keeps English' '
	make_repo --people-on-branch
	held "Ring 070-123 45 67"
	LC_ALL=sv_SE.UTF-8 samv_run samv-check
	expect_status 0
	cat >"$TRASH/want" <<-EOT
	$m1:8:3: personal-phone: minutes: ett telefonnummer (***-*** ** 67) utanför personposterna (ett offentligt: lista det i .samv-personal-allow)
	EOT
	expect_out <"$TRASH/want"
	LC_ALL=sv_SE.UTF-8 samv_run samv-check --json
	grep -q "\"message\": \"minutes: a telephone number (\*\*\*-\*\*\* \*\* 67) outside the person records" "$TRASH/.out"
'

test_case 'a personal identity number in text: warned, not shown even in part' '
	make_repo --people-on-branch
	held "Deltagare 811228-9874 och 19121212-1212; org.nr 232100-0040"
	samv_run samv-check
	expect_status 0
	cat >"$TRASH/want" <<-EOT
	$m1:8:3: personal-idnumber: minutes: 2 personal identity number(s) (personnummer): samv'"'"'s records have no place for them; remove them
	EOT
	expect_out <"$TRASH/want"
	samv_run samv-check --fail-on personal-data
	expect_status 1
'
