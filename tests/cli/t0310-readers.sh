# Readers of the work tree and of commits: only regular files inside the
# repository are opened; a file that is not a valid record is left out by
# every reader alike, with a warning naming it.

# A file outside the repository, with content that must never be shown.
outside() {
	printf "{\"secret-key-outside\": \"do not print\"}\n" >"$TRASH/outside.json"
}

test_case 'a committed symbolic link is a problem; check never reads through it' '
	make_repo --people-on-branch
	outside
	mkdir -p actors/88
	ln -s "$TRASH/outside.json" actors/88/x.json
	ln -s /etc people
	git add actors/88/x.json people
	git commit -qm "links by hand"
	test "$(git ls-files -s actors/88/x.json | cut -c1-6)" = 120000
	samv_run samv-check --no-history
	expect_status 1
	expect_no_err
	expect_out <<-\EOT
	actors/88/x.json:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	people:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	EOT
	samv_run samv-check --rev HEAD --no-history
	expect_status 1
	expect_out <<-\EOT
	actors/88/x.json:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	people:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	EOT
	samv_run samv-check --json --no-history
	test "$(jq -r ".[0].code" "$TRASH/.out")" = symlink
	# no reader shows what the link points at
	for cmd in "samv-check" "samv-check --rev HEAD" "samv-actor list" "samv-actor list --rev HEAD" \
		"samv-actor show x" "samv-person list" "samv-report"; do
		samv_run $cmd
		! grep -q secret-key-outside "$TRASH/.out" "$TRASH/.err" || exit 1
	done
'

test_case 'a FIFO, a link to /dev/stdin and a linked directory are named, not opened' '
	make_repo
	mkdir -p actors/88 arenas
	mkfifo actors/88/fifo.json
	ln -s /dev/stdin actors/88/stdin.json
	rmdir arenas
	ln -s /etc arenas
	# a reader that opened the FIFO would wait for a writer for ever
	rc=0
	timeout 60 samv-check --no-history </dev/null >"$TRASH/.out" 2>"$TRASH/.err" || rc=$?
	echo $rc >"$TRASH/.rc"
	expect_status 1
	expect_no_err
	expect_out <<-\EOT
	actors/88/fifo.json:1:1: not-a-file: not a regular file (a FIFO, device, socket or submodule): samv does not open it
	actors/88/stdin.json:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	arenas:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	EOT
'

test_case 'a link on the way to a record is not followed' '
	make_repo
	outside
	region=$(git ls-files actors | grep /region.json)
	shard=$(dirname "$region")
	mkdir -p "$TRASH/elsewhere"
	cp "$region" "$TRASH/elsewhere/region.json"
	rm -r "$shard"
	ln -s "$TRASH/elsewhere" "$shard"
	samv_run samv-check --no-history
	expect_status 1
	expect_out <<-EOT
	$shard:1:1: symlink: a symbolic link: samv reads only regular files inside the repository
	EOT
'

# A repository with three bad actor files beside the two good ones: one
# over the 1 MiB limit, one whose id is another record's, one invalid.
make_bad_actors() {
	make_repo &&
	samv-arena add --id stor --name Storgrupp --kind large-group-meeting --member region >/dev/null &&
	samv-actor add --id big --name Big --sector civil --kind other --level local >/dev/null &&
	big=$(git ls-files actors | grep /big.json) &&
	{ printf "{\n  \"id\": \"big\",\n  \"name\": \""; head -c 1100000 /dev/zero | tr "\0" x; \
	  printf "\",\n  \"sector\": \"civil\",\n  \"kind\": \"other\",\n  \"level\": \"local\",\n  \"status\": \"active\"\n}\n"; } \
		>"$big" &&
	# where the ids twin and bad belong (samv_id_shard)
	mkdir -p actors/ea actors/f5 &&
	sed "s/\"rf-sisu\"/\"region\"/" "$(git ls-files actors | grep /rf-sisu.json)" >actors/ea/twin.json &&
	printf "{\n  \"id\": \"bad\"\n}\n" >actors/f5/bad.json &&
	git add actors && git commit -qm "bad records by hand" && test_tick
}

test_case 'every reader leaves out a too-large, a mis-named and an invalid record, naming each' '
	make_bad_actors
	big=$(git ls-files actors | grep /big.json)
	cat >"$TRASH/warnings" <<-EOT
	samv-actor: warning: left out: actors/ea/twin.json: id '"'"'region'"'"' does not match the file name (samv-check lists every problem)
	samv-actor: warning: left out: '"'"'$big'"'"' is larger than 1048576 bytes, the limit of a record file
	samv-actor: warning: left out: actors/f5/bad.json:1:1: name: required (samv-check lists every problem)
	samv-actor: 3 files left out: not valid records (see samv-check)
	EOT
	samv_run samv-actor list --ids
	expect_status 1
	# the mis-named twin does not show region twice
	expect_out <<-\EOT
	region
	rf-sisu
	EOT
	expect_err <"$TRASH/warnings"
	samv_run samv-actor list --rev HEAD --json
	expect_status 1
	test "$(jq -r "map(.id) | join(\" \")" "$TRASH/.out")" = "region rf-sisu"
	expect_err <"$TRASH/warnings"
	# show of a good record works; a bad one is named
	samv_run samv-actor show rf-sisu
	expect_status 0
	expect_no_err
	samv_run samv-actor show big
	expect_status 1
	expect_err <<-EOT
	samv-actor: '"'"'$big'"'"' is larger than 1048576 bytes, the limit of a record file
	EOT
	samv_run samv-actor show twin
	expect_status 1
	expect_err <<-\EOT
	samv-actor: actors/ea/twin.json: id '"'"'region'"'"' does not match the file name (samv-check lists every problem)
	EOT
	# other readers that load actors: output in full, the same warnings
	samv_run samv-arena show stor
	expect_status 0
	samv_run samv-report summary --period 2026-W47
	expect_status 1
	test -s "$TRASH/.out"
	sed "s/^samv-actor:/samv-report:/" "$TRASH/warnings" | expect_err
	samv_run samv-log region
	expect_status 0
	test -s "$TRASH/.out"
	samv_run samv-check --no-history
	expect_status 1
	grep -q "^$big:1:1: unreadable: " "$TRASH/.out"
	grep -q "^actors/ea/twin.json:.*: id-mismatch: " "$TRASH/.out"
	grep -q "^actors/f5/bad.json:.*: missing-field: " "$TRASH/.out"
'

# /usr/bin/time -f %M: the largest resident set, in KiB.
max_rss() { /usr/bin/time -f %M -o "$TRASH/.rss" "$@" >/dev/null 2>&1 || :; cat "$TRASH/.rss" | tail -n 1; }

test_case 'a 100 MB record file is refused by its size, in the work tree and in a commit' '
	make_repo
	mkdir -p actors/b5
	head -c 100000000 /dev/zero >actors/b5/huge.json
	git add actors/b5/huge.json
	git commit -qm "a huge file by hand"
	samv_run samv-check --no-history
	expect_status 1
	expect_out <<-\EOT
	actors/b5/huge.json:1:1: unreadable: '"'"'actors/b5/huge.json'"'"' is larger than 1048576 bytes, the limit of a record file
	EOT
	samv_run samv-check --rev HEAD --no-history
	expect_status 1
	grep -q "^actors/b5/huge.json:1:1: unreadable: .* is larger than 1048576 bytes" "$TRASH/.out"
	# refused before reading: far less memory than the file holds
	test "$(max_rss samv-check --rev HEAD --no-history)" -lt 80000
	test "$(max_rss samv-actor list)" -lt 80000
'
