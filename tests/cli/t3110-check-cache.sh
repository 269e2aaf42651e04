# samv-check with the query cache and its history index: the same
# problems, the same exit status, whatever state the cache is in, on a
# repository with a bad record and a bad commit in its history.

. "$here/report-fixture.sh"

cache=.git/samv/cache.sqlite

# The number of commits in the history index (0: none made).
indexed() { cache_rows hist_commit; }

# samv-check in its forms, with stdout, stderr and exit status.
checks() {
	transcript "$1" "samv-check" "samv-check --json" "samv-check --rev HEAD" "samv-check --rev HEAD~2" \
		"samv-check --no-history" "samv-log --verify"
}

same_as_uncached() {
	same_uncached checks "samv-check with the cache"
}

# A clause changed by hand (no decision: a bad history commit) and an
# actor made invalid by hand (a bad record).
make_bad_repo() {
	make_report_repo &&
	clause_by_hand &&
	f=$(git ls-files actors | grep /rotary.json) &&
	sed "s/\"civil\"/\"nonsense\"/" "$f" >"$f.new" && mv "$f.new" "$f" &&
	git commit -qam "rotary broken by hand" &&
	test_tick
}

# A merge of a branch "side" that changed the Agreement by hand, after a
# samv write on this one.
merge_side_clause() {
	git checkout -q -b side &&
	c=$(git ls-files agreement | grep "clauses/1.json") &&
	sed "s/Parterna samverkar./Parterna samverkar på sidan./" "$c" >"$c.new" && mv "$c.new" "$c" &&
	git commit -qam "side clause" &&
	git checkout -q - &&
	samv-actor edit region --note "main" >/dev/null &&
	git merge -q --no-edit side
}

test_case 'a bad record and a bad history commit: the same problems cold, warm, missing and disabled' '
	make_bad_repo
	rm -rf .git/samv
	SAMV_NO_CACHE=1 checks "$TRASH/want"
	test ! -e $cache
	grep -q "changed the Agreement without a Samv-Decision trailer" "$TRASH/want"
	grep -q "rotary.json:.*nonsense" "$TRASH/want"
	grep -q "^exit 1$" "$TRASH/want"
	checks "$TRASH/cold"
	test -s $cache
	# samv-check does not make the history index (its walk costs less)
	test "$(indexed)" = 0
	checks "$TRASH/warm"
	_compare cold "$TRASH/want" "$TRASH/cold"
	_compare warm "$TRASH/want" "$TRASH/warm"
	# once samv-log has made it, samv-check uses it
	samv-log region >/dev/null
	test "$(indexed)" = "$(git rev-list --count HEAD)"
	checks "$TRASH/indexed"
	_compare "with the history index" "$TRASH/want" "$TRASH/indexed"
	rm -rf .git/samv
	checks "$TRASH/missing"
	_compare missing "$TRASH/want" "$TRASH/missing"
'

test_case 'stale: HEAD moved by a plain git commit, git reset --hard and a merge' '
	make_bad_repo
	samv-log region >/dev/null
	checks "$TRASH/x"
	# a second bad history commit, by hand
	c=$(git ls-files agreement | grep "clauses/2.json")
	sed "s/fyra gånger/fem gånger/" "$c" >"$c.new" && mv "$c.new" "$c"
	git commit -qam "clause 2 by hand"
	same_as_uncached
	test "$(grep -c "without a Samv-Decision trailer" "$TRASH/got")" -ge 2
	git reset -q --hard HEAD~3
	same_as_uncached
	! grep -q "without a Samv-Decision trailer" "$TRASH/got" || exit 1
	merge_side_clause
	same_as_uncached
	grep -q "without a Samv-Decision trailer" "$TRASH/got"
	# the index followed HEAD through all of it
	test "$(indexed)" = "$(git rev-list --count HEAD)"
'

test_case 'a corrupt or truncated cache: rebuilt with one line on stderr, the same problems' '
	make_bad_repo
	SAMV_NO_CACHE=1 samv-check >"$TRASH/want" 2>&1 || :
	samv-check >/dev/null || :
	size=$(stat -c %s $cache)
	pages=$((size / 4096))
	dd if=/dev/zero of=$cache bs=4096 seek=1 count=$((pages - 1)) conv=notrunc 2>/dev/null
	samv_run samv-check
	expect_status 1
	test "$(wc -l <"$TRASH/.err")" = 1
	grep -q "^samv-check: warning: query cache .* rebuilt$" "$TRASH/.err"
	_compare stdout "$TRASH/want" "$TRASH/.out"
	truncate -s 5000 $cache
	samv_run samv-check
	expect_status 1
	expect_err <<-EOT
	samv-check: warning: query cache '"'"'$PWD/$cache'"'"' is truncated; rebuilt
	EOT
	_compare stdout "$TRASH/want" "$TRASH/.out"
	same_as_uncached
'

test_case 'a good repository stays good, silently, in every cache state' '
	make_report_repo
	samv_run samv-check
	expect_status 0
	expect_no_out
	expect_no_err
	samv-actor edit region --note "en" >/dev/null
	samv_run samv-check
	expect_status 0
	expect_no_out
	expect_no_err
	same_as_uncached
'

# graph_filters_cleared: every changed-path Bloom filter of git's commit
# graph set to "changed nothing", its checksum made right again.
graph_filters_cleared() {
	python3 -c "
import hashlib, sys
p = sys.argv[1]
d = bytearray(open(p, 'rb').read())
n = d[6]
rows = [(bytes(d[8 + 12 * i:12 + 12 * i]), int.from_bytes(d[12 + 12 * i:20 + 12 * i], 'big')) for i in range(n + 1)]
for i in range(n):
    if rows[i][0] == b'BDAT':
        d[rows[i][1] + 12:rows[i + 1][1]] = bytes(rows[i + 1][1] - rows[i][1] - 12)
d[-20:] = hashlib.sha1(bytes(d[:-20])).digest()
open(p, 'wb').write(bytes(d))" .git/objects/info/commit-graph
}

# seventy commits by hand on top: a walk opens the commit graph only past
# the first 64 (libcommon/datewalk.c)
seventy_on_top() {
	for n in $(seq 70); do git commit -q --allow-empty -m "empty $n" || return 1; done
}

test_case 'git'"'"'s commit graph: the same problems with it, stale, damaged; SAMV_NO_CACHE=1 reads none' '
	make_bad_repo
	for n in 1 2 3; do samv-actor edit region --note "n$n" >/dev/null; done
	seventy_on_top
	git commit-graph write --reachable --changed-paths
	same_as_uncached
	grep -q "without a Samv-Decision trailer" "$TRASH/got"
	rm -rf .git/samv
	same_as_uncached
	# commits after the graph: a merge of a branch that changed the
	# Agreement by hand, and a clause by hand on top
	merge_side_clause
	c=$(git ls-files agreement | grep "clauses/2.json")
	sed "s/fyra gånger/fem gånger/" "$c" >"$c.new" && mv "$c.new" "$c"
	git commit -qam "clause 2 by hand"
	rm -rf .git/samv
	same_as_uncached
	for c in side HEAD; do
		grep -q "commit $(git rev-parse --short=7 $c) changed the Agreement without" "$TRASH/got"
	done
	# the graph written again over the merge
	git commit-graph write --reachable --changed-paths
	rm -rf .git/samv
	same_as_uncached
	# a damaged graph is not read
	chmod u+w .git/objects/info/commit-graph
	printf "Z" | dd of=.git/objects/info/commit-graph bs=1 seek=1200 conv=notrunc 2>/dev/null
	rm -rf .git/samv
	same_as_uncached
'

test_case 'a graph that says no commit changed a path is believed as git log believes it, not with SAMV_NO_CACHE=1' '
	make_bad_repo
	seventy_on_top
	git commit-graph write --reachable --changed-paths
	graph_filters_cleared
	test -z "$(git log --oneline -- agreement)"
	samv_run samv-check --json
	expect_status 1
	! grep -q "agreement-without-decision" "$TRASH/.out" || exit 1
	SAMV_NO_CACHE=1 samv_run samv-check --json
	expect_status 1
	grep -q "agreement-without-decision" "$TRASH/.out"
	# once git rewrites it, it is right again
	rm .git/objects/info/commit-graph
	git commit-graph write --reachable --changed-paths
	rm -rf .git/samv
	samv_run samv-check --json
	grep -q "agreement-without-decision" "$TRASH/.out"
'
