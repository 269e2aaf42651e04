# Personal data on refs/samv/people (samv-init's default): opaque ids,
# names only on the people ref, samv-person forget, and samv-sync keeping
# an erasure from coming back.

make_private() {
	samv-init --name "Samverkan" repo >/dev/null &&
	cd repo &&
	samv-actor add --id region --name "Region Östergötland" --sector public --kind region \
		--level regional >/dev/null &&
	samv-arena add --id ag --name AG --kind working-group --member region >/dev/null &&
	p=$(samv-person add --name "Karin Sjöberg" --actor region --role representative \
		--email karin@example.net --phone 0701234567) &&
	m=$(samv-meeting plan --arena ag --title Möte --date 2026-11-20 --invite-person "$p") &&
	samv-meeting hold "$m" --attended "$p" --minutes "${MINUTES:-Karin Sjöberg presented (karin@example.net)}" >/dev/null &&
	test_tick
}

test_case 'a person has an opaque id; the name is on the people ref only' '
	MINUTES="The plan was presented" make_private
	case $p in p-??????) ;; *) echo "id $p" >&2; false ;; esac
	test ! -e people
	git log -p main >"$TRASH/log"
	! grep -i "sjöberg" "$TRASH/log" || exit 1
	git log --format=%B refs/samv/people | grep -q "person: add $p"
	samv_run samv-person list
	expect_status 0
	printf "%s  Karin Sjöberg  region  representative\n" "$p" | expect_out
	samv_run samv-meeting minutes "$m"
	grep -q "^- Karin Sjöberg, Region Östergötland" "$TRASH/.out"
	samv_run samv-check
	expect_status 0
'

test_case 'forget: the record leaves every commit of the ref; a tombstone stays; mentions are listed' '
	make_private
	samv-person edit "$p" --title Ordförande >/dev/null
	main=$(git rev-parse main)
	samv_run samv-person forget "$p" --reason "begäran 2026-11-23"
	expect_status 0
	cat >"$TRASH/want" <<-EOT
	forgot $p: the record is gone from every commit of refs/samv/people; a tombstone stays
	still named in these fields (redact them; their earlier versions stay in the branch'"'"'s history):
	  meetings/$(git ls-files meetings | sed -n "s|meetings/\(..\)/.*|\1|p")/$m.json: minutes: samv-meeting edit $m --minutes=...
	to remove the old objects from this clone: git gc --prune=now; then samv sync, and the same in every other clone
	EOT
	expect_out <"$TRASH/want"
	test "$(git rev-parse main)" = "$main"
	samv_run samv-person show "$p"
	grep -q "^name: *(borttagen)" "$TRASH/.out"
	grep -q "^forgotten_ref: *begäran 2026-11-23" "$TRASH/.out"
	! grep -q "karin" "$TRASH/.out" || exit 1
	samv_run samv-meeting minutes "$m"
	grep -q "^- (borttagen), Region Östergötland" "$TRASH/.out"
	git log -p refs/samv/people >"$TRASH/log"
	! grep -qi "karin\|0701234567" "$TRASH/log" || exit 1
	samv_run samv-log --verify
	expect_status 0
'

test_case 'forget refused: unknown id, forgotten already; nothing changed' '
	make_private
	people=$(git rev-parse refs/samv/people)
	samv_run samv-person forget p-nobody
	expect_status 1
	test "$(git rev-parse refs/samv/people)" = "$people"
	samv-person forget "$p" >/dev/null
	people=$(git rev-parse refs/samv/people)
	samv_run samv-person forget "$p"
	expect_status 1
	printf "samv-person: person '"'"'%s'"'"' is forgotten already\n" "$p" | expect_err
	test "$(git rev-parse refs/samv/people)" = "$people"
'

test_case 'forget across clones: sync refuses the data back; after forget and gc no trace anywhere' '
	git init -q --bare -b main remote.git
	MINUTES="The plan was presented" make_private
	git remote add origin ../remote.git
	samv-sync >/dev/null
	cd ..
	git clone -q remote.git b
	test "$(samv-person -C b list --ids)" = "$p"
	# a write takes what git clone brought as its people ref
	samv-actor -C b edit region --short RÖ >/dev/null
	test "$(git -C b rev-parse refs/samv/people)" = "$(git -C b rev-parse origin/samv-people)"
	cd repo
	samv-person forget "$p" >/dev/null
	samv-sync >/dev/null
	git gc -q --prune=now
	cd ../b
	samv_run samv-sync
	expect_status 1
	printf "samv-sync: origin has forgotten person '"'"'%s'"'"', whose data this clone still holds; run '"'"'samv person forget %s'"'"' here, then '"'"'git gc --prune=now'"'"', then sync again\n" "$p" "$p" | expect_err
	samv-person forget "$p" >/dev/null
	samv_run samv-sync
	expect_status 0
	git gc -q --prune=now
	cd ../repo
	samv-sync >/dev/null
	git gc -q --prune=now
	git -C ../remote.git gc -q --prune=now
	for d in ../repo ../b ../remote.git; do
		git -C $d log -p --all >"$TRASH/log"
		git -C $d cat-file --batch-all-objects --batch >"$TRASH/objects"
		! grep -qi "sjöberg\|karin@example\|0701234567" "$TRASH/log" || exit 1
		! grep -aqi "sjöberg\|karin@example\|0701234567" "$TRASH/objects" || exit 1
	done
	test "$(samv-person -C ../b show "$p" --json | grep -c borttagen)" = 1
'

test_case 'forget refused where people are kept on the branch; nothing changed' '
	make_repo --people-on-branch
	samv-person add --id eva --name "Eva Lind" --actor region --role official >/dev/null
	test -e people
	fails 1 "samv-person: this repository keeps its people on the branch (people/), not on refs/samv/people; see Personal data in samv(7)" \
		samv-person forget eva
	! git rev-parse -q --verify refs/samv/people || exit 1
'

test_case 'plain git clone and pull carry the people; a clone without them is told, and writes none on the branch' '
	git init -q --bare -b main remote.git
	MINUTES="The plan was presented" make_private
	grep -q "\"people\": \"ref\"" samv.json
	git remote add origin ../remote.git
	samv-sync >/dev/null
	test "$(git -C ../remote.git rev-parse samv-people)" = "$(git rev-parse refs/samv/people)"
	cd ..
	git clone -q remote.git b
	# read at once from what git clone brought (origin/samv-people)
	samv_run samv-person -C b list
	expect_status 0
	printf "%s  Karin Sjöberg  region  representative\n" "$p" | expect_out
	samv_run samv-check -C b
	expect_status 0
	# a person added here goes on the people ref, never on the branch
	q=$(samv-person -C b add --name "Bo Ek" --actor region --role official)
	test -z "$(git -C b ls-tree -r --name-only HEAD people)"
	git -C b log -1 --format=%s refs/samv/people | grep -qx "person: add $q"
	(cd b && samv-sync >/dev/null)
	# git pull alone brings the people another clone synced
	git clone -q remote.git c
	(cd repo && samv-sync >/dev/null && samv-person add --name "Cy Al" --actor region --role official >/dev/null &&
		samv-sync >/dev/null)
	git -C c pull -q
	test "$(samv-person -C c list --ids | wc -l)" = 3
	test "$(git -C c rev-parse --verify -q refs/samv/people)" = ""
	# a clone of the branch alone lacks them: told what to run, nothing written
	git clone -q --single-branch -b main remote.git d
	cd d
	msg="this clone lacks the people records (refs/samv/people; on the remote, the branch samv-people): run samv-sync, or git fetch origin samv-people:refs/remotes/origin/samv-people"
	samv_run samv-actor edit region --short RÖ
	expect_status 0
	fails 1 "samv-person: $msg" samv-person list
	fails 1 "samv-person: $msg" samv-person add --name "Bo Ek" --actor region --role official
	fails 1 "samv-meeting: --invite-person: $msg" \
		samv-meeting plan --arena ag --title Nytt --date 2026-12-01 --invite-person "$p"
	test -z "$(git ls-tree -r --name-only HEAD people)"
	samv_run samv-check
	expect_status 1
	echo "samv.json:1:1: missing-people: $msg" | expect_out
	git fetch -q origin samv-people:refs/remotes/origin/samv-people
	samv_run samv-person list --ids
	expect_status 0
	test "$(out | wc -l)" = 3
	samv_run samv-check
	expect_status 0
'
