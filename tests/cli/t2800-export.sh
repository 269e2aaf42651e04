# samv-export --public and samv-report --public: no name, e-mail or
# telephone of the people records, nor an id made of a name, in anything
# they write; decisions and the Agreement kept; a statement of what was
# removed; a failed export leaves nothing behind.

# The demo (docs/example), built once for the file: it takes a while.
DEMO=$SAMV_CLI_ROOT/demo-export
sh "$here/../../docs/example/ostergotland.sh" "$SAMV_TEST_BIN" "$DEMO" >/dev/null 2>&1 ||
	echo "not ok - t2800: the demo could not be built" | tee -a "$SAMV_CLI_ROOT/results"

demo() {
	cp -R "$DEMO" repo && cd repo
}

# Every person's name, e-mail, telephone and (unless minted, p-XXXXXX)
# id, one a line, from the people records of the repository here.
people_strings() {
	samv-person list --all --json |
		jq -r '.[] | (.name, .email, .phone, (.id | select(test("^p-[a-z0-9]{6}$") | not))) // empty' |
		grep -v '^(borttagen)$\|^(removed)$'
}

# html: standard input as render.c escapes text in HTML.
html() {
	sed -e 's/&/\&amp;/g; s/</\&lt;/g; s/>/\&gt;/g; s/"/\&quot;/g' -e "s/'/\\&#39;/g"
}

# none_in FILE...: no string of people_strings in any of the files.
none_in() {
	people_strings >"$TRASH/strings"
	test -s "$TRASH/strings"
	if grep -Fiq -f "$TRASH/strings" "$@"; then
		grep -Fio -f "$TRASH/strings" "$@" | sort -u | sed 's/^/# found: /' >&2
		return 1
	fi
}

# A repository with people on the branch (--people-on-branch), and one with --people-ref,
# each with one person named in the minutes, a note and an e-mail.
make_people() { # [samv-init options]
	if [ $# = 0 ]; then make_repo --people-on-branch; else make_repo "$@"; fi
	p=$(samv-person add ${ID:+--id "$ID"} --name "Karin Sjöberg" --actor rf-sisu --role representative \
		--email karin@example.net --phone 0701234567 --title Ordförande --note "Karin Sjöberg, nås kvällar")
	samv-arena add --id ag --name AG --kind working-group --member region --member rf-sisu >/dev/null
	m=$(samv-meeting plan --arena ag --title "Möte om planen" --date 2026-11-20 --invite-person "$p")
	samv-meeting hold "$m" --attended "$p" --minutes "Karin Sjöberg (karin@example.net) presented the plan" \
		--summary "The plan was presented" >/dev/null
	samv-decision add --id d1 --kind anchor --level arena --title "Planen antas" \
		--text "AG antar planen för 2027" --arena ag --meeting "$m" --date 2026-11-20 >/dev/null
	samv-meeting action add --meeting "$m" --title "Skicka planen" --owner "$p" --due 2026-12-01 >/dev/null
	test_tick
}

test_case 'export --public of the demo: no personal data in any file; decisions, Agreement, statement there' '
	demo
	samv_run samv-export --public ../pub
	expect_status 0
	expect_no_err
	n=$(find ../pub -type f | wc -l)
	echo "exported $n files to ../pub" | expect_out
	none_in -r ../pub
	test -s ../pub/index.html
	test -s ../pub/removed.json
	# every record is there, at its own path; decisions as they are
	git ls-files decisions actors arenas meetings agreement | sort >"$TRASH/want"
	(cd ../pub && find decisions actors arenas meetings agreement -type f | sort) >"$TRASH/got"
	_compare files "$TRASH/want" "$TRASH/got"
	for f in $(git ls-files decisions); do
		jq "del(.note)" "$f" >"$TRASH/a"; jq . "../pub/$f" >"$TRASH/b"; _compare "$f" "$TRASH/a" "$TRASH/b"
	done
	test "$(samv-person list --all --ids | wc -l)" = "$(find ../pub/people -type f | wc -l)"
	# the HTML page shows every decision title and the Agreement
	for f in $(git ls-files decisions); do
		grep -Fq "$(jq -r .title "$f" | html)" ../pub/index.html
	done
	# the Agreement: every purpose and clause, word for word
	test "$(git ls-files agreement/clauses agreement/purposes | wc -l)" -gt 5
	for f in $(git ls-files agreement/clauses agreement/purposes); do
		grep -Fq "$(jq -r .text "$f" | head -1 | html)" ../pub/index.html
	done
	grep -q "Borttaget före publicering" ../pub/index.html
	# the statement: people by organisation and role; fields dropped, counted
	test "$(jq .people ../pub/removed.json)" = "$(samv-person list --all --ids | wc -l)"
	test "$(jq -r ".fields[] | select(.type == \"person\" and .field == \"name\") | .values" ../pub/removed.json)" = \
		"$(samv-person list --all --ids | wc -l)"
	test "$(jq -r ".fields[] | select(.type == \"meeting\" and .field == \"minutes\") | .values" ../pub/removed.json)" = \
		"$(git grep -l "\"minutes\":" HEAD -- meetings | wc -l)"
	jq -e ".fields[] | select(.type == \"meeting\" and .field == \"attended.mandate\")" ../pub/removed.json >/dev/null
	grep -rq "Företrädare för Region Östergötland (tjänsteman)" ../pub/people
	! grep -rq "\"minutes\"\|\"email\"\|\"mandate\"" ../pub/meetings ../pub/people || exit 1
'

test_case 'report --public: every kind and format of the demo without personal data, with the statement' '
	demo
	for r in summary decisions actions participation agreement resources anchoring "arena storgruppsmote"; do
		for f in text markdown csv html json; do
			samv_run samv-report $r -p all --public --format $f
			expect_status 0
			cp "$TRASH/.out" "$TRASH/report-${r%% *}.$f"
		done
	done
	none_in "$TRASH"/report-*
	grep -q "^Borttaget före publicering" "$TRASH/report-summary.text"
	test "$(jq -r "[.sections[] | select(.id == \"removed\") | .rows[] | select(.type == \"person\" and .field == \"name\")][0].values" "$TRASH/report-participation.json")" = \
		"$(samv-person list --all --ids | wc -l)"
	# the same reports without --public do name people: the test can fail
	samv-report actions -p all >"$TRASH/plain"
	! none_in "$TRASH/plain" || exit 1
	grep -q "Företrädare för Region Östergötland (processledare)" "$TRASH/report-actions.text"
'

test_case 'export --public with people on the branch: names, e-mail, telephone, note and minutes gone' '
	ID=karin-sjoberg make_people
	samv_run samv-export --public ../pub --lang en
	expect_status 0
	none_in -r ../pub
	! grep -rq "karin\|0701234567\|Ordförande" ../pub || exit 1
	jq -e ".title == \"Möte om planen\" and .summary == \"The plan was presented\" and (has(\"minutes\") | not)" \
		../pub/meetings/*/*.json >/dev/null
	jq -e ".attended[0].person == \"person-1\"" ../pub/meetings/*/*.json >/dev/null
	jq -e ".owner == \"person-1\"" ../pub/actions/*/*.json >/dev/null
	jq -e ". == {\"id\": \"person-1\", \"name\": \"Representative of RF-SISU Östergötland (representative)\", \"actor\": \"rf-sisu\", \"role\": \"representative\", \"status\": \"active\"}" \
		../pub/people/*/person-1.json >/dev/null
	grep -q "AG antar planen för 2027" ../pub/decisions/*/d1.json ../pub/index.html
	grep -q "Removed for publication" ../pub/index.html
	cat >"$TRASH/want" <<-\EOT
	{"people":1,"ids":1,"fields":[{"type":"person","field":"name","values":1},{"type":"person","field":"title","values":1},{"type":"person","field":"email","values":1},{"type":"person","field":"phone","values":1},{"type":"person","field":"note","values":1},{"type":"meeting","field":"minutes","values":1}]}
	EOT
	jq -c . ../pub/removed.json >"$TRASH/got"
	_compare statement "$TRASH/want" "$TRASH/got"
'

test_case 'export --public with --people-ref: minted ids kept, the people ref read, nothing personal' '
	make_people --people-ref
	test ! -e people
	samv_run samv-export --public ../pub
	expect_status 0
	none_in -r ../pub
	! grep -rq "karin\|0701234567" ../pub || exit 1
	test -e "../pub/$(git ls-tree -r --name-only refs/samv/people)"
	jq -e ".owner == \"$p\"" ../pub/actions/*/*.json >/dev/null
	test "$(jq .ids ../pub/removed.json)" = 0
	samv_run samv-report actions -p all --public --json
	expect_status 0
	none_in "$TRASH/.out"
'

test_case 'export --public --rev: the records of that commit' '
	make_people
	old=$(git rev-parse HEAD)
	samv-decision add --id d2 --kind anchor --level arena --title "Nytt" --text "Senare beslut" --arena ag \
		--date 2026-11-21 >/dev/null
	samv_run samv-export --public --rev "$old" ../pub
	expect_status 0
	test -e ../pub/decisions/*/d1.json
	! grep -rq "Senare beslut" ../pub || exit 1
	none_in -r ../pub
'

test_case 'export refused: a non-empty directory unless --force; an empty one is used' '
	make_people
	mkdir ../pub ../empty
	echo keep >../pub/mine
	snapshot
	samv_run samv-export --public ../pub
	expect_status 1
	echo "samv-export: '"'"'../pub'"'"' is not empty (--force replaces it)" | expect_err
	expect_no_out
	unchanged
	test "$(ls ..)" = "$(printf "empty\npub\nrepo")"
	test "$(cat ../pub/mine)" = keep
	samv_run samv-export --public --force ../pub
	expect_status 0
	test ! -e ../pub/mine
	test -s ../pub/removed.json
	test "$(ls ..)" = "$(printf "empty\npub\nrepo")"
	samv_run samv-export --public ../empty
	expect_status 0
	test -s ../empty/index.html
	echo x >../file
	samv_run samv-export --public ../file
	expect_status 1
	echo "samv-export: '"'"'../file'"'"' exists and is not a directory" | expect_err
'

test_case 'export refused: bad --rev, unwritable place, no --public, bad usage; nothing left behind' '
	make_people
	snapshot
	samv_run samv-export --public --rev nosuch ../pub
	expect_status 1
	grep -q "^samv-export: .*nosuch" "$TRASH/.err"
	test "$(wc -l <"$TRASH/.err")" = 1
	test ! -e ../pub
	# /proc takes no new directory, even from root
	samv_run samv-export --public /proc/pub
	expect_status 1
	grep -q "^samv-export: cannot create a directory beside '"'"'/proc/pub'"'"': " "$TRASH/.err"
	test "$(wc -l <"$TRASH/.err")" = 1
	echo x >../file
	samv_run samv-export --public ../file/pub
	expect_status 1
	echo "samv-export: cannot read '"'"'../file/pub'"'"': Not a directory" | expect_err
	samv_run samv-export ../pub
	expect_status 2
	echo "samv-export: --public is required (usage: samv-export --public [OPTIONS] OUTDIR)" | expect_err
	samv_run samv-export --public
	expect_status 2
	echo "samv-export: missing OUTDIR (usage: samv-export --public [OPTIONS] OUTDIR)" | expect_err
	samv_run samv-export --public a b
	expect_status 2
	samv_run samv-export --public --lang de ../pub
	expect_status 2
	echo "samv-export: --lang: '"'"'de'"'"' is not one of sv, en" | expect_err
	test "$(ls ..)" = "$(printf "file\nrepo")"
	unchanged
'

test_case 'export: --help, --version, outside a repository' '
	samv_run samv-export --help
	expect_status 0
	grep -q "^usage: samv-export --public \[OPTIONS\] OUTDIR" "$TRASH/.out"
	grep -q -- "--force" "$TRASH/.out"
	samv_run samv-export --version
	expect_status 0
	grep -q "^samv-export " "$TRASH/.out"
	samv_run samv-export --public pub
	expect_status 1
	test ! -e pub
'

test_case 'export fails half-way on a record that is not valid: nothing left behind' '
	make_people
	mkdir -p actors/zz
	echo "{ not json" >actors/zz/broken.json
	git add actors/zz/broken.json
	git commit -q -m "a broken record, made outside samv"
	snapshot
	samv_run samv-export --public ../pub
	expect_status 1
	grep -q "^samv-export: actors/zz/broken.json:1:" "$TRASH/.err"
	test "$(wc -l <"$TRASH/.err")" = 1
	expect_no_out
	test "$(ls ..)" = repo
	unchanged
'
