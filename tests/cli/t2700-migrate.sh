# samv-init --people-ref on a repository that keeps its people on the
# branch (people/, ids made from names): the move to refs/samv/people.

# A repository in the old layout where every record type that can name a
# person does: the organisation's contact, a meeting's invitation,
# attendance, absence and distribution, an action's owner, an
# assessment's assessor and a resource's person.
make_old() {
	make_repo --people-on-branch &&
	samv-person add --id karin-sjoberg --name "Karin Sjöberg" --actor region --role official \
		--email karin@example.net >/dev/null &&
	samv-person add --id olle-berg --name "Olle Berg" --actor rf-sisu --role representative >/dev/null &&
	samv-actor edit region --contact karin-sjoberg >/dev/null &&
	samv-arena add --id ag --name AG --kind working-group --member region --member rf-sisu >/dev/null &&
	samv-meeting plan --id m1 --arena ag --title Möte --date 2026-11-20 --invite-person karin-sjoberg \
		--invite-person olle-berg >/dev/null &&
	samv-meeting hold m1 --attended karin-sjoberg --minutes "Planen lades fram." >/dev/null &&
	samv-meeting distribute m1 --to karin-sjoberg --to olle-berg --date 2026-11-21 >/dev/null &&
	samv-meeting action add --id a1 --meeting m1 --title Lista --owner olle-berg --due 2026-12-01 >/dev/null &&
	samv-assess add --id as1 --instrument steps --arena ag --answer step=talk --by olle-berg \
		--date 2026-11-20 >/dev/null &&
	samv-resource add --id r1 --title PL --kind time --actor region --percent 50 --basis paid \
		--arena ag --from 2026-01-01 --person karin-sjoberg >/dev/null &&
	test_tick
}

# nope CMD...: CMD must fail ("! CMD" would not stop a case under set -e).
nope() { ! "$@"; }

# What readers show of people: must be the same before and after.
readers() {
	for r in summary actions participation resources; do samv-report $r -p all || return 1; done &&
	samv-report arena ag -p all &&
	samv-meeting minutes m1 &&
	samv-person list --all | sed "s/^[^ ]*  *//" | sort
}

# The new id of the person whose former id is $1.
new_id() {
	for i in $(samv-person list --all --ids); do
		if samv-person show "$i" --json | grep -q "\"former_id\": \"$1\""; then echo "$i"; fi
	done
}

test_case 'the move: one commit on each, every reference rewritten, readers unchanged' '
	make_old
	readers >"$TRASH/before"
	main=$(git rev-parse HEAD)
	samv_run samv-init --people-ref
	expect_status 0
	echo "Moved 2 people to refs/samv/people in .; 5 records rewritten (references: 10)" | expect_out
	expect_no_err
	test "$(git rev-parse HEAD~1)" = "$main"
	test "$(git rev-list --count refs/samv/people)" = 1
	test ! -e people
	grep -q "^  \"people\": \"ref\"$" samv.json
	test -z "$(git status --porcelain)"
	git ls-tree -r --name-only HEAD >"$TRASH/files"
	nope grep "^people/" "$TRASH/files"
	readers >"$TRASH/after"
	cmp "$TRASH/before" "$TRASH/after"
	k=$(new_id karin-sjoberg)
	o=$(new_id olle-berg)
	case "$k $o" in p-??????\ p-??????) ;; *) echo "ids $k $o" >&2; false ;; esac
	grep -q "\"owner\": \"$o\"" actions/*/a1.json
	grep -q "\"contact\": \"$k\"" actors/*/region.json
	grep -q "\"person\": \"$k\"" meetings/*/m1.json
	samv_run samv-check
	expect_status 0
	samv_run samv-log --verify
	expect_status 0
	expect_no_err
'

test_case 'every record type with a person reference is rewritten; no old id or name is left on the branch' '
	make_old
	samv-init --people-ref >/dev/null
	# the types whose schema refers to a person, read from the schemas
	types=$(grep -l "\"x-samv-ref\": \"person\"" "$here/../../docs/schema/"*.schema.json | grep -v "output\.schema" |
		sed "s|.*/||; s|\.schema\.json||" | grep -v "^person$")
	test -n "$types"
	git show --format= --name-only HEAD >"$TRASH/changed"
	for t in $types; do
		grep -q "^${t}s/" "$TRASH/changed" || { echo "no $t rewritten" >&2; false; }
	done
	git grep -n -i "karin-sjoberg\|olle-berg\|sjöberg\|olle berg\|karin@" HEAD -- . >"$TRASH/left" || :
	test ! -s "$TRASH/left"
	git log -1 --format=%B >"$TRASH/msg"
	nope grep -i "karin\|olle" "$TRASH/msg"
	grep -q "^Samv-Command: samv-init --people-ref$" "$TRASH/msg"
	grep -q "^Samv-Record: meetings/../m1.json$" "$TRASH/msg"
	nope grep -q "^Samv-Record: people/" "$TRASH/msg"
	git log -1 --format=%B refs/samv/people >"$TRASH/msg"
	nope grep -i "karin\|olle" "$TRASH/msg"
	grep -q "^Samv-Record: people/../p-......\.json$" "$TRASH/msg"
'

test_case '--dry-run prints the plan and changes nothing' '
	make_old
	snapshot
	samv_run samv-init --people-ref --dry-run
	expect_status 0
	unchanged
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	sed "s/p-[0-9a-z]\{6\}/p-ID/" "$TRASH/.out" >"$TRASH/plan"
	cat >"$TRASH/want" <<-EOT
	would move 2 people from the branch to refs/samv/people, under new ids:
	  karin-sjoberg -> p-ID
	  olle-berg -> p-ID
	would rewrite 5 records (references: 10):
	  actions/$(git ls-files actions | sed -n "s|actions/\(..\)/.*|\1|p")/a1.json
	  actors/$(git ls-files actors | grep region | sed -n "s|actors/\(..\)/.*|\1|p")/region.json
	  assessments/$(git ls-files assessments | sed -n "s|assessments/\(..\)/.*|\1|p")/as1.json
	  meetings/$(git ls-files meetings | sed -n "s|meetings/\(..\)/.*|\1|p")/m1.json
	  resources/$(git ls-files resources | sed -n "s|resources/\(..\)/.*|\1|p")/r1.json
	would remove people/ from the branch; one commit on each (nothing written now)
	EOT
	cmp "$TRASH/want" "$TRASH/plan"
'

test_case 'refused on a dirty tree, an untracked file in people/, a second run; nothing changed' '
	make_old
	f=$(git ls-files actors | grep region)
	echo "{}" >>"$f"
	fails 1 "samv-init: '"'"'$f'"'"' has local changes; commit, restore or move them away first" \
		samv-init --people-ref
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	git checkout -q -- actors
	echo note >people/note.txt
	fails 1 "samv-init: '"'"'people/note.txt'"'"' has local changes; commit, restore or move them away first" \
		samv-init --people-ref
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	rm people/note.txt
	samv-init --people-ref >/dev/null
	people=$(git rev-parse refs/samv/people)
	fails 1 "samv-init: '"'"'.'"'"' keeps its people on refs/samv/people already" samv-init --people-ref
	fails 1 "samv-init: '"'"'.'"'"' keeps its people on refs/samv/people already" samv-init --people-ref --dry-run
	test "$(git rev-parse refs/samv/people)" = "$people"
'

test_case 'refused: a ref left by a move cut short, another writer, a file in people/ that is no record' '
	make_old
	git update-ref refs/samv/people "$(git commit-tree -m x "$(git mktree </dev/null)")"
	fails 1 "samv-init: refs/samv/people exists but the branch still keeps people/ (a move that was cut short?); if the ref holds nothing you need, git update-ref -d refs/samv/people and run again" \
		samv-init --people-ref
	git update-ref -d refs/samv/people
	exec 9>.git/samv.lock
	flock -x 9
	SAMV_LOCK_TIMEOUT=0 fails 3 "samv-init: busy: another samv command is writing to this repository (waited 0s; see SAMV_LOCK_TIMEOUT)" \
		samv-init --people-ref
	exec 9>&-
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	printf "{}\n" >people/readme.json
	git add people/readme.json
	git commit -qm "a stray file"
	fails 1 "samv-init: '"'"'people/readme.json'"'"' is no person record; move it away from people/ first" \
		samv-init --people-ref
	nope git rev-parse -q --verify refs/samv/people >/dev/null
'

test_case 'refused: an invalid person record, a bad directory; --dry-run alone is a usage error' '
	make_old
	git rm -q people/*/olle-berg.json
	printf "{\n  \"id\": \"olle-berg\"\n}\n" >"people/$(git ls-files people | sed -n "s|people/\(..\)/.*|\1|p")/olle-berg.json"
	git add people
	git commit -qm "a broken record"
	samv_run samv-init --people-ref
	expect_status 1
	grep -q "^samv-init: people/../olle-berg.json" "$TRASH/.err"
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	test -e people
	fails 2 "samv-init: --dry-run: only with --people-ref alone, on a samv repository" samv-init --dry-run
	mkdir ../plain && cd ../plain
	samv_run samv-init --people-ref --dry-run
	expect_status 2
	echo "samv-init: --dry-run: only with --people-ref alone, on a samv repository" | expect_err
	test -z "$(ls -A)"
'

test_case 'a repository without people: the ref is started; a new one has it by default, --people-on-branch not' '
	make_repo --people-on-branch
	samv_run samv-init --people-ref
	expect_status 0
	echo "Started refs/samv/people in . (the branch kept no people)" | expect_out
	git log -1 --format=%s refs/samv/people | grep -qx "people: start"
	p=$(samv-person add --name "Ny Person" --actor region --role official)
	case $p in p-??????) ;; *) false ;; esac
	cd ..
	samv_run samv-init --people-ref --name Ny fresh
	expect_status 0
	echo "Initialised samv repository in fresh" | expect_out
	git -C fresh rev-parse -q --verify refs/samv/people >/dev/null
	samv_run samv-init --name Ny plain
	expect_status 0
	git -C plain rev-parse -q --verify refs/samv/people >/dev/null
	test "$(git -C plain log --format=%s refs/samv/people)" = "people: start"
	samv_run samv-init --people-on-branch --name Ny old
	expect_status 0
	! git -C old rev-parse -q --verify refs/samv/people || exit 1
	samv_run samv-init --people-ref --people-on-branch --name Ny both
	expect_status 2
	echo "samv-init: --people-ref and --people-on-branch: choose one" | expect_err
	test ! -e both
'

test_case 'a moved repository syncs to a clone, which reads the same names; forget then works' '
	git init -q --bare -b main remote.git
	make_old
	git remote add origin ../remote.git
	samv-sync >/dev/null
	cd ..
	git clone -q remote.git b
	cd repo
	samv-init --people-ref >/dev/null
	readers >"$TRASH/here"
	samv_run samv-sync
	expect_status 0
	cd ../b
	samv_run samv-sync
	expect_status 0
	test ! -e people
	git rev-parse -q --verify refs/samv/people >/dev/null
	readers >"$TRASH/there"
	cmp "$TRASH/here" "$TRASH/there"
	samv_run samv-log --verify
	expect_status 0
	k=$(new_id karin-sjoberg)
	test -n "$k"
	samv_run samv-person forget "$k" --reason "begäran 2026-11-23"
	expect_status 0
	git log -p refs/samv/people >"$TRASH/log"
	nope grep -qi "sjöberg\|karin-sjoberg\|karin@" "$TRASH/log"
'

test_case 'the branch cannot move (a stale lock): the people ref made is taken back; nothing changed' '
	make_old
	touch .git/refs/heads/main.lock
	snapshot
	samv_run samv-init --people-ref
	expect_status 3
	echo "samv-init: busy: '"'"'.git/refs/heads/main.lock'"'"' exists: a git process is running, or one was killed (remove the file if no git process is running)" | expect_err
	unchanged
	nope git rev-parse -q --verify refs/samv/people >/dev/null
	rm .git/refs/heads/main.lock
	samv_run samv-init --people-ref
	expect_status 0
'

test_case 'after the move, forget lists text fields that name a person by the former id too' '
	make_old
	samv-meeting edit m1 --note "Se olle-berg för listan." >/dev/null
	samv-init --people-ref >/dev/null
	o=$(new_id olle-berg)
	samv_run samv-person forget "$o"
	expect_status 0
	grep -q "^  meetings/../m1.json: note: samv-meeting edit m1 --note=...$" "$TRASH/.out"
	samv-person show "$o" --json >"$TRASH/tomb"
	nope grep -q "olle-berg\|Olle" "$TRASH/tomb"
'
