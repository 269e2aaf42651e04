# samv-check through its tables in the query cache (libcommon/checkcache.c):
# per-file results kept by path and blob id, work tree files trusted by
# their stat data, the history resumed from the last verified commit.
# Whatever state the cache is in, samv-check must print and exit exactly
# as it does without it (SAMV_NO_CACHE=1), on a repository with problems
# of every kind: bad JSON, unknown references, duplicates, personal data,
# a file not in canonical form, a history commit without a decision.

. "$here/report-fixture.sh"

cache=.git/samv/cache.sqlite

# samv-check in its forms, with stdout, stderr and exit status, into $1.
checks() {
	transcript "$1" "samv-check" "samv-check --json" "samv-check --rev HEAD" "samv-check --rev HEAD~1" \
		"samv-check --no-history" "samv-check --fail-on warnings" "samv-check --rev HEAD --no-history"
	# the messages in Swedish: kept rows hold no message of any language
	rc=0
	LANGUAGE=sv LC_ALL= LANG=C.UTF-8 samv-check >>"$1" 2>&1 </dev/null || rc=$?
	echo "exit $rc" >>"$1"
}

# The checks with the cache as they are without it; $1 names the state.
same() {
	same_uncached checks "samv-check, cache $1"
}

# A repository with problems of every kind, some in the work tree only.
make_problem_repo() {
	make_report_repo &&
	clause_by_hand &&
	# committed: an unknown reference, a contact in a note, bad JSON
	f=$(git ls-files actions | grep /lista.json) &&
	sed "s/\"per\"/\"nobody\"/" "$f" >"$f.new" && mv "$f.new" "$f" &&
	samv-actor edit rotary --note "Ring 070-123 45 67 eller skriv till ordf@rotary.se" >/dev/null &&
	g=$(git ls-files actors | grep /bolaget.json) &&
	printf "{ \"id\": \"bolaget\",\n" >"$g" &&
	git commit -qam "by hand: lista to nobody, bolaget cut short" &&
	test_tick &&
	# the work tree only: not canonical, and an id that is another's
	s=$(git ls-files meetings | grep /s5.json) &&
	sed "s/^  /    /" "$s" >"$s.new" && mv "$s.new" "$s" &&
	k=$(git ls-files decisions | grep /k2.json) &&
	mkdir -p decisions/zz && sed "s/\"k2\"/\"k1\"/" "$k" >decisions/zz/k9.json
}

test_case 'problems of every kind: the same cold, warm, missing, disabled; rows kept only of clean files' '
	make_problem_repo
	rm -rf .git/samv
	SAMV_NO_CACHE=1 checks "$TRASH/want"
	test ! -e $cache
	# what the repository was made to hold
	for what in agreement-without-decision "bad-ref.*nobody" personal-phone personal-email syntax \
		not-canonical id-mismatch duplicate-id; do
		grep -q "$what" "$TRASH/want" || { echo "no $what in the checks" >&2; exit 1; }
	done
	checks "$TRASH/cold"
	_compare cold "$TRASH/want" "$TRASH/cold"
	test "$(cache_rows chk_file)" -gt 20
	test "$(cache_rows chk_hist_bad)" = 1
	# a file with a problem of its own is never kept: checked every time;
	# one whose reference is unknown is (the reference is checked on its
	# facts every time)
	python3 -c "
import sqlite3, subprocess, sys
db = sqlite3.connect(sys.argv[1])
kept = {r[0]: r[1].hex() for r in db.execute(\"SELECT path, oid FROM chk_file\")}
blob = lambda p: subprocess.check_output([\"git\", \"hash-object\", p], text=True).strip()
assert kept.get(sys.argv[2]) == blob(sys.argv[2])
for p in sys.argv[3:]:
    assert kept.get(p) != blob(p), p" "$cache" "$f" "$g" "$s" decisions/zz/k9.json \
		"$(git ls-files actors | grep /rotary.json)"
	checks "$TRASH/warm"
	_compare warm "$TRASH/want" "$TRASH/warm"
	rm -f $cache
	checks "$TRASH/missing"
	_compare missing "$TRASH/want" "$TRASH/missing"
'

test_case 'the rules across records run again on kept facts: a reference, a name, a deletion in the work tree' '
	make_problem_repo
	same cold
	same warm
	# the work tree: a person removed that clean records refer to
	p=$(git ls-files people | grep /eva.json)
	rm "$p"
	same "after a person was removed"
	grep -q "unknown person .eva." "$TRASH/got"
	git checkout -q -- "$p"
	# an organisation named as another (probable-duplicate), by a samv write
	samv-actor add --id rotary2 --name "Rotary Motala" --sector civil --kind association --level local >/dev/null
	same "after a second Rotary"
	grep -q probable-duplicate "$TRASH/got"
	# a person whose name is in a record id (personal-name)
	samv-person add --id kim --name "Storgrupp Motala" --actor region --role other >/dev/null
	samv-actor add --id storgrupp-motala-ab --name "SM AB" --sector private --kind business --level local >/dev/null
	same "after a name in an id"
	grep -q personal-name "$TRASH/got"
	# a decision cycle made by hand in the work tree, over kept decisions
	d=$(git ls-files decisions | grep /k1.json)
	python3 -c "
import json, sys
r = json.load(open(sys.argv[1])); r[\"confirms\"] = [\"d2\"]
open(sys.argv[1], \"w\").write(json.dumps(r, indent=2, ensure_ascii=False) + \"\n\")" "$d"
	same "after a cycle by hand"
'

test_case 'no stale result: a reference left dangling by plain git, a duplicate by hand, a problem fixed' '
	make_report_repo
	same cold
	same warm
	# the target of clean, kept records removed by plain git: their
	# references dangle though none of them changed
	a=$(git ls-files actors | grep /rotary.json)
	git rm -q "$a" && git commit -qm "rotary removed by hand"
	same "after a referenced actor was removed by git rm"
	grep -q "unknown actor .rotary." "$TRASH/got"
	# and back by git reset: the dangling references are gone again
	git reset -q --hard HEAD~1
	same "after git reset --hard brought it back"
	! grep -q "unknown actor" "$TRASH/got" || exit 1
	# an id made another record'"'"'s by hand, in a file git does not track
	b=$(git ls-files actors | grep /bolaget.json)
	mkdir -p actors/zz && sed "s/\"bolaget\"/\"rotary\"/" "$b" >actors/zz/twin.json
	same "with an untracked duplicate"
	grep -q "duplicate-id" "$TRASH/got"
	rm -r actors/zz
	same "with the duplicate removed"
	! grep -q "duplicate-id" "$TRASH/got" || exit 1
	# a problem made then fixed by hand in the work tree
	f=$(git ls-files actions | grep /lista.json)
	sed "s/\"per\"/\"nobody\"/" "$f" >"$f.new" && mv "$f.new" "$f"
	same "with a reference broken by hand"
	grep -q "unknown person .nobody." "$TRASH/got"
	git checkout -q -- "$f"
	same "with the reference fixed"
	! grep -q "nobody" "$TRASH/got" || exit 1
	# HEAD moved by git checkout: the kept rows of the newer files are
	# not taken for the older ones
	samv-actor edit rotary --note "new note" >/dev/null
	same "after a write"
	git checkout -q HEAD~1
	same "on the commit before, detached"
	git checkout -q -
	same "back on the branch"
'

test_case 'work tree files: a change that keeps size and mtime is seen (ctime); CRLF line ends are not taken for the blob' '
	make_report_repo
	same cold
	a=$(git ls-files actors | grep /rotary.json)
	touch -r "$a" "$TRASH/stamp"
	sed "s/\"civil\"/\"civix\"/" "$a" >"$a.new" && cat "$a.new" >"$a" && rm "$a.new"
	touch -r "$TRASH/stamp" "$a"
	same "after a same-size edit with the old mtime"
	grep -q "$a:.*civix" "$TRASH/got"
	git checkout -q -- "$a"
	# CRLF in the work tree, LF in the blob (*.json text eol=lf): git
	# status calls it clean, samv-check reads the file as it is
	b=$(git ls-files actors | grep /bolaget.json)
	sed "s/\$/\r/" "$b" >"$b.new" && mv "$b.new" "$b"
	git add "$b"
	test -z "$(git status --porcelain -- "$b")"
	same "with a CRLF file git calls clean"
	grep -q "$b:1:1: not-canonical" "$TRASH/got"
	same "again, warm"
'

test_case 'directories not read again: a name added, removed, or renamed behind an old mtime is seen' '
	make_report_repo
	# a directory'"'"'s listing is kept only when it is older than the
	# check (a change in the same second could keep its times)
	sleep 1
	same cold
	test "$(cache_rows chk_dir)" -gt 5
	a=$(git ls-files actors | grep /rotary.json)
	d=${a%/*}
	printf "{\n" >"$d/broken.json"
	same "with a file added to a kept directory"
	grep -q "$d/broken.json" "$TRASH/got"
	sleep 1
	same "the directory kept again"
	grep -q "$d/broken.json" "$TRASH/got"
	rm "$d/broken.json"
	same "with the file removed"
	! grep -q broken.json "$TRASH/got" || exit 1
	sleep 1
	same "kept again"
	# the directory'"'"'s mtime put back: its ctime tells
	touch -r "$d" "$TRASH/stamp"
	mv "$a" "$d/rotary-renamed.json"
	touch -r "$TRASH/stamp" "$d"
	same "with a file renamed, the directory'"'"'s mtime put back"
	grep -q "rotary-renamed.json" "$TRASH/got"
'

test_case 'stale: a plain git commit, git reset --hard, a merge; the kept history resumed or walked again' '
	make_problem_repo
	git add -A && git commit -qm "the work tree by hand"
	same cold
	test "$(cache_rows chk_hist_bad)" = 1
	# a second bad history commit, by hand
	c=$(git ls-files agreement | grep "clauses/2.json")
	sed "s/fyra gånger/fem gånger/" "$c" >"$c.new" && mv "$c.new" "$c"
	git commit -qam "clause 2 by hand"
	same "after a plain commit"
	test "$(grep -c "without a Samv-Decision trailer" "$TRASH/got")" -ge 2
	test "$(cache_rows chk_hist_bad)" = 2
	git reset -q --hard HEAD~3
	same "after git reset --hard"
	git checkout -q -b side
	c=$(git ls-files agreement | grep "clauses/1.json")
	sed "s/Parterna samverkar/Parterna samverkar på sidan/" "$c" >"$c.new" && mv "$c.new" "$c"
	git commit -qam "side clause"
	git checkout -q -
	samv-actor edit region --note "main" >/dev/null
	git merge -q --no-edit side
	same "after a merge"
	grep -q "without a Samv-Decision trailer" "$TRASH/got"
'

test_case 'stale after samv-sync: a coordinator pulls another one'"'"'s writes' '
	make_report_repo
	git init -q --bare ../remote.git
	git remote add origin ../remote.git
	git push -q origin HEAD
	git clone -q -b "$(git symbolic-ref --short HEAD)" ../remote.git ../other
	same "before the sync"
	(
		cd ../other &&
		samv-actor add --id lions --name "Lions Motala" --sector civil --kind association --level local >/dev/null &&
		c=$(git ls-files agreement | grep "clauses/1.json") &&
		sed "s/Parterna samverkar./Parterna samverkar alltid./" "$c" >"$c.new" && mv "$c.new" "$c" &&
		git commit -qam "clause by hand on the other clone" &&
		git push -q origin HEAD
	)
	samv-actor edit region --note "here" >/dev/null
	samv-sync >/dev/null 2>&1
	test -n "$(git ls-files actors | grep /lions.json)"
	same "after the sync"
	grep -q "without a Samv-Decision trailer" "$TRASH/got"
'

# samv-check on the work tree alone, twice in a row as a coordinator runs
# it, against SAMV_NO_CACHE=1: the second run skips the references that
# named a record at the first (check.c, refs_fast).
same_wt() {
	SAMV_NO_CACHE=1 samv-check >"$TRASH/want" 2>&1 || :
	samv-check >"$TRASH/got" 2>&1 || :
	_compare "$1" "$TRASH/want" "$TRASH/got"
	samv-check >"$TRASH/got" 2>&1 || :
	_compare "$1, again" "$TRASH/want" "$TRASH/got"
}

test_case 'references skipped when unchanged: an id kept in no row, removed and brought back; rows of files gone dropped' '
	make_report_repo
	same_wt cold
	a=$(git ls-files actors | grep /rotary.json)
	# rotary not in canonical form: checked every time, its id in no row
	sed "s/^  /    /" "$a" >"$a.new" && mv "$a.new" "$a"
	same_wt "rotary not canonical"
	grep -q "rotary.json.*not-canonical" "$TRASH/got"
	! grep -q "unknown actor" "$TRASH/got" || exit 1
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
state = db.execute(\"SELECT v FROM chk_meta WHERE k = \x27state\x27\").fetchone()[0]
assert \"actor\\trotary\\n\" in state, state
assert db.execute(\"SELECT count(*) FROM chk_file WHERE path = ?\", (sys.argv[2],)).fetchone()[0] == 0" "$cache" "$a"
	# removed: the records that refer to it, kept and unchanged, now
	# refer to nothing
	rm "$a"
	same_wt "rotary removed"
	grep -q "unknown actor .rotary." "$TRASH/got"
	# back, canonical and kept: their references name it again
	git checkout -q -- "$a"
	same_wt "rotary back"
	! grep -q "unknown actor" "$TRASH/got" || exit 1
	# a kept record removed: its row goes, and what referred to it is told
	p=$(git ls-files people | grep /ali.json)
	test "$(python3 -c "
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM chk_file WHERE path = ?\", (sys.argv[2],)).fetchone()[0])" "$cache" "$p")" = 1
	git rm -q "$p" && git commit -qm "ali removed by hand"
	same_wt "ali removed by git rm"
	test "$(python3 -c "
import sqlite3, sys
print(sqlite3.connect(sys.argv[1]).execute(\"SELECT count(*) FROM chk_file WHERE path = ?\", (sys.argv[2],)).fetchone()[0])" "$cache" "$p")" = 0
	# a samv write in between: only the new file is read
	samv-actor add --id lions --name "Lions Motala" --sector civil --kind association --level local >/dev/null
	same_wt "after a write"
'

test_case 'a rule changed: the allow list and an instrument change what kept rows stand for' '
	make_report_repo
	add_assessments
	samv-actor edit rotary --note "Skriv till ordf@rotary.se" >/dev/null
	same cold
	grep -q personal-email "$TRASH/got"
	echo "ordf@rotary.se" >.samv-personal-allow
	git add .samv-personal-allow && git commit -qm "public address"
	same "with the address allowed"
	# (the transcript runs --rev HEAD~1 too, before the allow list: it warns)
	samv-check >"$TRASH/now" 2>&1 || :
	! grep -q personal-email "$TRASH/now" || exit 1
	# the row of rotary was kept as clean under the allow list: without
	# it, it must warn again
	git rm -q .samv-personal-allow && git commit -qm "not public after all"
	same "with the allow list gone"
	samv-check >"$TRASH/now" 2>&1 || :
	grep -q personal-email "$TRASH/now"
	# an instrument of the repository, which makes a kept assessment wrong
	mkdir -p instruments
	python3 -c "
import json, sys
i = json.load(open(sys.argv[1]))
i[\"scales\"][\"step\"][\"points\"] = [p for p in i[\"scales\"][\"step\"][\"points\"] if p[\"key\"] != \"talk\"]
open(sys.argv[2], \"w\").write(json.dumps(i, indent=2, ensure_ascii=False) + \"\\n\")" \
		"$here/../../libcommon/instruments/steps.json" instruments/steps.json
	same "with an instrument of its own"
	grep -q "st1.json.*bad-answer" "$TRASH/got"
'

test_case 'a corrupt, truncated or foreign cache: rebuilt with one line on stderr, the same problems' '
	make_problem_repo
	SAMV_NO_CACHE=1 samv-check >"$TRASH/want" 2>&1 || :
	samv-check >/dev/null 2>&1 || :
	size=$(stat -c %s $cache)
	dd if=/dev/zero of=$cache bs=4096 seek=1 count=$((size / 4096 - 1)) conv=notrunc 2>/dev/null
	samv_run samv-check
	expect_status 1
	test "$(wc -l <"$TRASH/.err")" = 1
	grep -q "^samv-check: warning: query cache .* rebuilt$" "$TRASH/.err"
	_compare stdout "$TRASH/want" "$TRASH/.out"
	truncate -s 5000 $cache
	samv_run samv-check
	expect_status 1
	grep -q "^samv-check: warning: query cache .* is truncated; rebuilt$" "$TRASH/.err"
	test "$(wc -l <"$TRASH/.err")" = 1
	_compare stdout "$TRASH/want" "$TRASH/.out"
	# rows damaged by hand (their facts, their references): the files are
	# checked as if they had none
	same "warm again"
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for path, kept in db.execute(\"SELECT path, kept FROM chk_file\").fetchall():
    if path.startswith((\"people/\", \"actors/\")):
        kept = kept[:len(kept) // 2]
    elif path.startswith(\"decisions/\"):
        kept = kept[:-2] + b\"{\\0\"
    else:
        kept = kept.replace(b\"\\t\", b\" \")
    db.execute(\"UPDATE chk_file SET kept = ? WHERE path = ?\", (kept, path))
db.commit()" "$cache"
	same "with damaged rows"
	# rows of another layout or other rules: dropped, not trusted
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE chk_meta SET v = \x27old rules\x27 WHERE k = \x27ctx\x27\")
db.execute(\"UPDATE chk_file SET kept = X\x27\x27\")
db.execute(\"UPDATE chk_meta SET v = \x27old rules\x27 WHERE k = \x27hist_ctx\x27\")
db.execute(\"DELETE FROM chk_hist_bad\")
db.commit()" "$cache"
	same "of other rules"
	python3 -c "
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute(\"UPDATE chk_meta SET v = \x270\x27 WHERE k = \x27layout\x27\")
db.commit()" "$cache"
	same "of another layout"
	test "$(cache_rows chk_hist_bad)" = 1
'

test_case 'a read-only .git/samv and SAMV_NO_CACHE=1: checked as without a cache, nothing written' '
	make_problem_repo
	same cold
	chmod a-w .git/samv $cache
	samv-actor edit region --note "again" >/dev/null
	if [ "$(id -u)" != 0 ]; then same "read-only"; fi
	chmod u+w .git/samv $cache
	rm -rf .git/samv
	SAMV_NO_CACHE=1 samv-check >/dev/null 2>&1 || :
	test ! -e $cache
'
