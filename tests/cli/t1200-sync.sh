# Several coordinators, one collaboration: samv-sync over a bare remote
# and three clones (a, b, c), records merged field by field, in process and
# by git merge with the registered driver.  Path and file:// remotes,
# through libgit2's local transport; ssh:// and https:// remotes, served
# on loopback, are in t1210-sync-remote.sh.

# A bare remote, clone a made by samv-init and pushed with samv-sync, and
# plain git clones b and c.  Each coordinator commits as someone else.
# People are kept on the branch here (samv-init --people-on-branch), so
# that their records merge and conflict as the others do; the default,
# people on refs/samv/people, is synced in t2400-privacy.sh.
make_shared() {
	git init -q --bare -b main remote.git &&
	samv-init --people-on-branch --name "Samverkan Östergötland" a >/dev/null &&
	(
		cd a &&
		samv-actor add --id region --name "Region Östergötland" --sector public --kind region \
			--level regional >/dev/null &&
		samv-actor add --id rf-sisu --name "RF-SISU Östergötland" --sector civil --kind umbrella \
			--level regional >/dev/null &&
		samv-person add --id eva --name "Eva Lind" --actor region --role process-leader >/dev/null &&
		samv-person add --id ali --name "Ali Nur" --actor rf-sisu --role representative >/dev/null &&
		samv-person add --id bo --name "Bo Ek" --actor rf-sisu --role representative >/dev/null &&
		samv-arena add --id stor --name "Stormöte" --kind large-group-meeting --member region >/dev/null &&
		samv-meeting plan --id m1 --arena stor --title "Stormöte om ensamhet" --date 2026-11-20 >/dev/null &&
		git remote add origin ../remote.git &&
		samv-sync >/dev/null
	) &&
	git clone -q remote.git b &&
	git clone -q "file://$TRASH/remote.git" c &&
	test_tick
}
as_b() { GIT_AUTHOR_NAME="Ali Nur" GIT_AUTHOR_EMAIL=ali@example.org "$@"; }
as_c() { GIT_AUTHOR_NAME="Bo Ek" GIT_AUTHOR_EMAIL=bo@example.org "$@"; }
field() { grep "\"$2\"" "$1"/actors/*/"$3".json; }

test_case 'the first sync pushes to an empty remote; a clone is then up to date' '
	git init -q --bare -b main remote.git
	make_repo
	git remote add origin ../remote.git
	samv_run samv-sync
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 0 in, 3 out, pushed (origin/main)
	EOT
	expect_no_err
	test "$(git rev-parse HEAD)" = "$(git -C ../remote.git rev-parse main)"
	samv_run samv-sync
	expect_out <<-\EOT
	samv-sync: up to date (origin/main)
	EOT
'

test_case 'edits to different records on both sides: merged, nothing lost, authors kept' '
	make_shared
	(cd a && samv-actor edit rf-sisu --level national >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-actor edit region --short RÖ >/dev/null
	test_tick
	samv_run samv-sync
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main)
	EOT
	expect_no_err
	test -z "$(git status --porcelain)"
	test "$(git rev-parse HEAD)" = "$(git -C ../remote.git rev-parse main)"
	git log -1 --format=%B >../msg
	sed -i "s/^Samv-Merged: .*/Samv-Merged: X/" ../msg
	cat >../want <<-\EOT
	sync: merge origin/main

	1 in, 1 out; records changed on both sides were merged field by field.

	Samv-Command: samv-sync
	Samv-Merged: X
	Samv-Version: 0.1.0

	EOT
	cmp ../want ../msg || { cat ../msg >&2; false; }
	git log -3 --format="%an %s" >../log
	grep -qx "Eva Lind actor: edit rf-sisu" ../log
	grep -qx "Ali Nur actor: edit region" ../log
	samv_run samv-check
	expect_status 0
	expect_no_out
	cd ../c
	samv_run samv-sync
	expect_out <<-\EOT
	samv-sync: 3 in, 0 out, fast-forward (origin/main)
	EOT
	test -z "$(git status --porcelain)"
	field . short region | grep -q RÖ
	field . level rf-sisu | grep -q national
	samv_run samv-check
	expect_status 0
'

test_case 'different fields of one record: both kept, in canonical form' '
	make_shared
	(cd a && samv-actor edit region --level national >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-actor edit region --short RÖ >/dev/null
	samv_run samv-sync
	expect_out <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main)
	EOT
	cat >../want <<-\EOT
	{
	  "id": "region",
	  "name": "Region Östergötland",
	  "short": "RÖ",
	  "sector": "public",
	  "kind": "region",
	  "level": "national",
	  "status": "active"
	}
	EOT
	cmp ../want actors/*/region.json
	git log -1 --format=%B | grep -q "^Samv-Record: actors/.*/region.json\$"
	samv_run samv-check
	expect_status 0
'

test_case 'attendees added to the same meeting on both sides: all kept' '
	make_shared
	(cd a && samv-meeting hold m1 --attended eva >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-meeting hold m1 --attended ali --attended bo >/dev/null
	samv_run samv-sync
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main)
	EOT
	samv_run samv-meeting show m1 --json
	out | grep "\"person\"" | tr -d " ," >../people
	cat >../want <<-\EOT
	"person":"ali"
	"person":"bo"
	"person":"eva"
	EOT
	cmp ../want ../people || { cat ../people >&2; false; }
	samv_run samv-check
	expect_status 0
'

test_case 'attendance recorded in part on both sides: who was absent is worked out again' '
	make_shared
	(
		cd a &&
		samv-meeting plan --id m2 --arena stor --title Uppföljning --date 2026-11-21 --invite region \
			--invite rf-sisu --invite-person eva --invite-person ali --invite-person bo >/dev/null &&
		samv-sync >/dev/null
	)
	(cd b && samv-sync >/dev/null)
	test_tick
	# each side knows one who came: alone, everyone else would be absent
	(cd a && samv-meeting hold m2 --attended eva >/dev/null && samv-sync >/dev/null)
	cd b
	as_b samv-meeting hold m2 --attended ali >/dev/null
	samv_run samv-sync
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main)
	EOT
	samv-meeting show m2 --json | jq -c "[[.attended[].person], .absent, .absent_actors]" >../got
	echo "[[\"ali\",\"eva\"],[\"bo\"],null]" | cmp - ../got
	samv_run samv-check
	expect_status 0
'

test_case 'the same field on both sides: a conflict, nothing changed, both values named' '
	make_shared
	(cd a && samv-actor edit region --level national >/dev/null && samv-sync >/dev/null)
	remote=$(git -C remote.git rev-parse main)
	test_tick
	cd b
	as_b samv-actor edit region --level local --short RÖ >/dev/null
	path=$(git ls-files actors | grep /region.json)
	fails 1 "samv-sync: conflict in actor region ($path): level: yours \"local\", origin/main'"'"'s \"national\"
samv-sync: nothing was changed; keep your values with '"'"'samv-sync --ours'"'"' or take origin/main'"'"'s with '"'"'samv-sync --theirs'"'"' (only the conflicting fields), then edit the record if neither is right" samv-sync
	test "$(git -C ../remote.git rev-parse main)" = "$remote"
	grep -q "\"local\"" "$path"
	# the other side resolves it: its value for the field, ours for the rest
	samv_run samv-sync --theirs
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main)
	EOT
	grep -q "\"national\"" "$path"
	grep -q "\"RÖ\"" "$path"
	samv_run samv-check
	expect_status 0
	cd ../a
	samv_run samv-sync
	expect_out <<-\EOT
	samv-sync: 2 in, 0 out, fast-forward (origin/main)
	EOT
	grep -q "\"RÖ\"" "$path"
'

test_case 'sync --json: what happened as one object, every key always there; a conflict too' '
	make_shared
	cd a
	samv_run samv-sync --json
	expect_status 0
	expect_out <<-\EOT
	{
	  "result": "up-to-date",
	  "upstream": "origin/main",
	  "in": 0,
	  "out": 0,
	  "retries": 0,
	  "unverified": false,
	  "conflicts": []
	}
	EOT
	samv-actor edit region --level national >/dev/null
	samv_run samv-sync --json
	test "$(jq -c "[.result, .in, .out]" ../.out)" = "[\"pushed\",0,1]"
	test_tick
	cd ../b
	as_b samv-actor edit region --level local >/dev/null
	path=$(git ls-files actors | grep /region.json)
	samv_run samv-sync --json
	expect_status 1
	jq -c "[.result, .conflicts]" ../.out >../got
	echo "[\"conflict\",[{\"file\":\"$path\",\"type\":\"actor\",\"id\":\"region\",\"field\":\"level\",\"ours\":\"\\\"local\\\"\",\"theirs\":\"\\\"national\\\"\"}]]" >../want
	cmp ../want ../got
	grep -q "^samv-sync: conflict in actor region" ../.err
	samv_run samv-sync --json --setup
	expect_status 2
	expect_err <<-\EOT
	samv-sync: --json: not with --setup
	EOT
'

test_case 'a meeting changed on both sides: merged, its SEQUENCE one more than either side' '
	make_shared
	(cd a && samv-meeting edit m1 --place Linköping >/dev/null && samv-meeting edit m1 --start 13:00 >/dev/null &&
		samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-meeting edit m1 --link https://example.org/m >/dev/null
	test "$(jq .sequence meetings/*/m1.json)" = 1
	samv_run samv-sync
	expect_status 0
	test "$(jq -c "[.sequence, .place, .start, .link]" meetings/*/m1.json)" = "[3,\"Linköping\",\"13:00\",\"https://example.org/m\"]"
	samv-meeting invite m1 --format ics | tr -d "\r" | grep -qx "SEQUENCE:3"
	samv_run samv-check
	expect_status 0
'

test_case 'a record deleted here and changed there, a file both changed: conflicts' '
	make_shared
	(cd a && samv-person edit bo --role official >/dev/null && printf "# A\n" >README.md &&
		git commit -qam "readme a" && samv-sync >/dev/null)
	test_tick
	cd b
	path=$(git ls-files people | grep /bo.json)
	as_b samv-person rm bo >/dev/null
	printf "# B\n" >README.md
	git commit -qam "readme b"
	snapshot
	samv_run samv-sync
	expect_status 1
	expect_err <<-EOT
	samv-sync: conflict in README.md: changed here and in origin/main, not a record (merge it with git, or use --ours or --theirs)
	samv-sync: conflict in person bo ($path): deleted here, changed in origin/main
	samv-sync: nothing was changed; keep your values with '"'"'samv-sync --ours'"'"' or take origin/main'"'"'s with '"'"'samv-sync --theirs'"'"' (only the conflicting fields), then edit the record if neither is right
	EOT
	unchanged
	samv_run samv-sync --theirs
	expect_status 0
	test -f "$path"
	echo "# A" | cmp - README.md
	samv_run samv-check
	expect_status 0
'

test_case 'a merge that would break a reference: refused, nothing changed' '
	make_shared
	(cd a && samv-person rm bo >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-meeting hold m1 --attended bo >/dev/null
	path=$(git ls-files meetings | grep /m1.json)
	fails 1 "samv-sync: the merge would leave a problem in $path: person: unknown person '"'"'bo'"'"' (bad-ref); nothing was changed: fix it on one side and sync again" samv-sync
'

test_case 'a record merged field by field that breaks a rule of its own: refused, nothing changed' '
	make_shared
	(cd a && samv-meeting edit m1 --start 09:00 --end 12:00 >/dev/null && samv-sync >/dev/null)
	(cd b && samv-sync >/dev/null)
	test_tick
	# each side is valid; together the meeting would end before it starts
	(cd a && samv-meeting edit m1 --end 10:00 >/dev/null && samv-sync >/dev/null)
	cd b
	as_b samv-meeting edit m1 --start 11:00 >/dev/null
	path=$(git ls-files meetings | grep /m1.json)
	fails 1 "samv-sync: the merge of $path is not valid: end: 10:00 is not after the start 11:00 (resolve it with samv-sync --ours or --theirs)" samv-sync
	# fixed on one side, the sync goes through
	as_b samv-meeting edit m1 --start 09:30 >/dev/null
	samv_run samv-sync
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 2 out, merged (origin/main)
	EOT
	grep -q "\"start\": \"09:30\"" "$path"
	grep -q "\"end\": \"10:00\"" "$path"
	samv_run samv-check
	expect_status 0
'

test_case 'decisions changed on both sides are checked as a whole: a chain closed across them is refused' '
	make_shared
	(
		cd a &&
		samv-decision add --id d1 --kind anchor --level arena --title Ett --text Ett --arena stor \
			--date 2026-11-01 >/dev/null &&
		samv-decision add --id d2 --kind anchor --level arena --title Två --text Två --arena stor \
			--date 2026-11-01 >/dev/null &&
		samv-decision adopt d1 >/dev/null && samv-decision adopt d2 >/dev/null && samv-sync >/dev/null
	)
	(cd b && samv-sync >/dev/null)
	test_tick
	# each side alone is a chain; merged field by field, each supersedes the other
	(cd a && samv-decision supersede d2 --by d1 >/dev/null && samv-sync >/dev/null)
	cd b
	as_b samv-decision supersede d1 --by d2 >/dev/null
	fails 1 "samv-sync: the merge would leave a problem in $(git ls-files decisions | grep /d1.json): decision '"'"'d1'"'"' cannot supersede '"'"'d2'"'"': the links would form a cycle (d1 -> d2 -> d1) (decision-cycle); nothing was changed: fix it on one side and sync again" samv-sync
'

test_case 'samv-sync --ours keeps your value of a conflicting field' '
	make_shared
	(cd a && samv-actor edit region --level national >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	as_b samv-actor edit region --level local >/dev/null
	samv_run samv-sync --ours
	expect_status 0
	field . level region | grep -q "\"local\""
	samv_run samv-sync --ours --theirs
	expect_status 2
	expect_err <<-\EOT
	samv-sync: --ours and --theirs cannot be used together
	EOT
'

test_case 'a push that loses a race is fetched, merged and pushed again' '
	make_shared
	(cd b && as_b samv-actor edit region --short RÖ >/dev/null)
	test_tick
	(cd c && as_c samv-actor edit rf-sisu --level national >/dev/null)
	test_tick
	# b waits at the gate between its fetch and its push; c pushes then
	cd b
	SAMV_SYNC_TEST_GATE=$TRASH/gate samv-sync >../b.out 2>../b.err &
	pid=$!
	n=0
	while ! test -e ../gate.ready && test $n -lt 200; do sleep 0.05; n=$((n + 1)); done
	(cd ../c && samv-sync >../c.out)
	: >../gate.go
	wait $pid
	cat >../want <<-\EOT
	samv-sync: 0 in, 1 out, pushed (origin/main)
	EOT
	cmp ../want ../c.out
	cat >../want <<-\EOT
	samv-sync: 1 in, 1 out, merged (origin/main, 1 retry)
	EOT
	cmp ../want ../b.out
	test ! -s ../b.err
	test "$(git rev-parse HEAD)" = "$(git -C ../remote.git rev-parse main)"
	field . short region | grep -q RÖ
	field . level rf-sisu | grep -q national
	samv_run samv-check
	expect_status 0
'

test_case 'an unreachable remote: a one-line error, exit 1, nothing changed' '
	make_shared
	cd b
	as_b samv-actor edit region --short RÖ >/dev/null
	git remote set-url origin ../nowhere.git
	fails 1 "samv-sync: cannot fetch from '"'"'origin'"'"' (../nowhere.git): no such repository" samv-sync
	git remote set-url origin "file://$TRASH/nowhere.git"
	fails 1 "samv-sync: cannot fetch from '"'"'origin'"'"' (file://$TRASH/nowhere.git): no such repository" samv-sync
	git remote remove origin
	fails 1 "samv-sync: no remote '"'"'origin'"'"' (add one: git remote add origin URL)" samv-sync
	fails 1 "samv-sync: no remote '"'"'elsewhere'"'"' (add one: git remote add elsewhere URL)" samv-sync --remote elsewhere
'

test_case '--remote NAME syncs with another remote' '
	make_shared
	cd b
	git remote rename origin shared
	(cd ../a && samv-actor edit region --short RÖ >/dev/null && samv-sync >/dev/null)
	samv_run samv-sync --remote shared
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 1 in, 0 out, fast-forward (shared/main)
	EOT
	# -C: a relative path remote is relative to the work tree, as for git
	as_b samv-actor edit rf-sisu --short RF >/dev/null
	cd ..
	samv_run samv-sync -C b --remote shared
	expect_status 0
	expect_out <<-\EOT
	samv-sync: 0 in, 1 out, pushed (shared/main)
	EOT
	test "$(git -C b rev-parse HEAD)" = "$(git -C remote.git rev-parse main)"
	test -z "$(git -C remote.git for-each-ref refs/samv)"
'

test_case 'a local change to a file the sync would write: refused, nothing changed' '
	make_shared
	(cd a && samv-actor edit region --short RÖ >/dev/null && samv-sync >/dev/null)
	cd b
	as_b samv-actor edit rf-sisu --short RF >/dev/null
	path=$(git ls-files actors | grep /region.json)
	sed -i "s/regional/national/" "$path"
	fails 1 "samv-sync: '"'"'$path'"'"' has local changes; commit or restore them first" samv-sync
'

test_case 'the same organisation added on two clones: different ids, samv-check warns' '
	make_shared
	(cd a && samv-actor add --name "Röda Korset Östergötland" --sector civil --kind association \
		--level regional >../id.a && samv-sync >/dev/null)
	cd b
	as_b samv-actor add --name "Röda korset  Östergötland" --sector civil --kind association \
		--level regional >../id.b
	samv-sync >/dev/null
	test "$(cat ../id.a)" != "$(cat ../id.b)"
	samv_run samv-check
	expect_status 0
	second=$( (cat ../id.a; cat ../id.b) | sort | tail -1)
	first=$( (cat ../id.a; cat ../id.b) | sort | head -1)
	path=$(git ls-files actors | grep "/$second.json")
	expect_out <<-EOT
	$path:3:3: probable-duplicate: actor '"'"'$second'"'"' has the same name as '"'"'$first'"'"': probably one organisation added twice (retire one, and point its people to the other)
	EOT
'

test_case 'samv-init registers the merge driver; --setup does it for a plain git clone' '
	make_shared
	test "$(git -C a config merge.samv.driver)" = "samv-merge-driver %O %A %B %P"
	grep -qx "/actors/\*\*/\*.json merge=samv" a/.gitattributes
	grep -qx "/agreement/clauses/\*.json merge=samv" a/.gitattributes
	cd b
	test -z "$(git config merge.samv.driver || :)"
	samv_run samv-sync --setup
	expect_status 0
	expect_out <<-\EOT
	samv-sync: the record merge driver is registered
	EOT
	test "$(git config merge.samv.driver)" = "samv-merge-driver %O %A %B %P"
	test "$(git config merge.samv.name)" = "samv records, field by field"
	# a repository whose .gitattributes lacks the lines gets one commit
	printf "*.json text eol=lf\n" >.gitattributes
	git commit -qam "attributes by hand"
	samv_run samv-sync --setup
	expect_out <<-\EOT
	samv-sync: the record merge driver is registered (.gitattributes committed)
	EOT
	git log -1 --format=%s >../subject
	echo "sync: merge records field by field (samv-merge-driver)" | cmp - ../subject
	grep -qx "/meetings/\*\*/\*.json merge=samv" .gitattributes
	test -z "$(git status --porcelain)"
	samv_run samv-sync --setup
	expect_out <<-\EOT
	samv-sync: the record merge driver is registered
	EOT
'

test_case 'git pull by hand merges records field by field with the driver' '
	make_shared
	(cd a && samv-arena edit stor --member rf-sisu >/dev/null && samv-meeting hold m1 --attended eva >/dev/null &&
		samv-sync >/dev/null)
	test_tick
	cd b
	samv-sync --setup >/dev/null
	# an id added to the same set, next to the other side'"'"'s, and attendees
	as_b samv-actor add --id rotary --name "Rotary" --sector civil --kind association --level local >/dev/null
	as_b samv-arena edit stor --member rotary >/dev/null
	as_b samv-meeting hold m1 --attended ali >/dev/null
	git pull -q --no-rebase --no-edit origin main >/dev/null
	test -z "$(git status --porcelain)"
	samv_run samv-arena show stor --json
	out | tr -d " ,\n" | grep -q "\"members\":\[\"region\"\"rf-sisu\"\"rotary\"\]"
	samv_run samv-meeting show m1 --json
	test "$(out | grep -c "\"person\"")" = 2
	samv_run samv-check
	expect_status 0
	git push -q origin main
	cd ../a
	samv_run samv-sync
	expect_out <<-\EOT
	samv-sync: 4 in, 0 out, fast-forward (origin/main)
	EOT
'

test_case 'git merge by hand: the same field is a conflict with markers and a message' '
	make_shared
	(cd a && samv-actor edit region --level national >/dev/null && samv-sync >/dev/null)
	test_tick
	cd b
	samv-sync --setup >/dev/null
	as_b samv-actor edit region --level local >/dev/null
	git fetch -q origin
	path=$(git ls-files actors | grep /region.json)
	! git merge --no-edit origin/main >../merge.out 2>../merge.err || exit 1
	grep -qx "samv-merge-driver: conflict in actor region ($path): level: yours \"local\", the other branch'"'"'s \"national\"" ../merge.err
	cat >../want <<-\EOT
	{
	  "id": "region",
	  "name": "Region Östergötland",
	  "sector": "public",
	  "kind": "region",
	<<<<<<< ours
	  "level": "local",
	=======
	  "level": "national",
	>>>>>>> theirs
	  "status": "active"
	}
	EOT
	cmp ../want "$path"
	git merge --abort
'

test_case 'samv-merge-driver: usage and a clean merge of three files' '
	samv_run samv-merge-driver a b
	expect_status 2
	expect_err <<-\EOT
	samv-merge-driver: expected BASE OURS THEIRS PATH (usage: samv-merge-driver %O %A %B %P, as merge.samv.driver)
	EOT
	printf "{\"id\":\"x\",\"name\":\"X\",\"members\":[\"a\"]}" >O
	printf "{\"id\":\"x\",\"name\":\"Y\",\"members\":[\"a\",\"b\"]}" >A
	printf "{\"id\":\"x\",\"name\":\"X\",\"members\":[\"c\"]}" >B
	samv_run samv-merge-driver O A B arenas/ab/x.json
	expect_status 0
	expect_no_err
	cat >want <<-\EOT
	{
	  "id": "x",
	  "name": "Y",
	  "members": [
	    "b",
	    "c"
	  ]
	}
	EOT
	cmp want A
'
