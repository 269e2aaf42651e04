# samv, the front: git's habits (-C, --dir, the pager, help opens the
# manual, "did you mean").

# on_tty CMD...: run CMD with its standard output on a terminal (a pty by
# script(1)), keeping the exit status in .rc; what the pager got is kept
# by the fake pagers below.
on_tty() {
	_rc=0
	script -qec "$*" /dev/null >"$TRASH/.tty" 2>&1 </dev/null || _rc=$?
	echo "$_rc" >"$TRASH/.rc"
}

# A pager that keeps its input and the LESS and LV it was given in
# paged.NAME.
fake_pager() {
	cat >"$TRASH/pager" <<-\EOT
	#!/bin/sh
	{ printf "LESS=%s LV=%s\n" "${LESS-unset}" "${LV-unset}"; cat; } >"$TRASH/paged.$1"
	EOT
	chmod +x "$TRASH/pager"
}

test_case '-C DIR and --dir DIR run the command in DIR; each -C is taken from the one before' '
	make_repo
	samv_run samv actor list
	cp "$TRASH/.out" "$TRASH/want"
	cd "$TRASH"
	mkdir -p a/b
	samv_run samv -C repo actor list
	expect_status 0
	cmp "$TRASH/want" "$TRASH/.out"
	samv_run samv --dir repo actor list
	cmp "$TRASH/want" "$TRASH/.out"
	samv_run samv --dir=repo actor list
	cmp "$TRASH/want" "$TRASH/.out"
	samv_run samv -C a -C ../repo actor list
	expect_status 0
	cmp "$TRASH/want" "$TRASH/.out"
	samv_run samv -C "" -C repo -C . actor list
	cmp "$TRASH/want" "$TRASH/.out"
	# as a command'"'"'s own -C, it takes precedence over SAMV_DIR
	samv-init other >/dev/null
	SAMV_DIR="$TRASH/other" samv_run samv -C repo actor list
	cmp "$TRASH/want" "$TRASH/.out"
	SAMV_DIR="$TRASH/other" samv_run samv actor list
	expect_status 0
	expect_no_out
	cd a/b
	samv_run samv -C ../.. -C repo actor add --id x --name X --sector civil --kind other --level local
	expect_status 0
	cd "$TRASH/repo"
	git log -1 --format=%s >"$TRASH/subject"
	echo "actor: add x" | cmp - "$TRASH/subject"
'

test_case '-C: a directory that is not there, and a missing value' '
	samv_run samv -C nowhere actor list
	expect_status 1
	expect_no_out
	expect_err <<-\EOT
	samv: cannot change to '"'"'nowhere'"'"': No such file or directory
	EOT
	samv_run samv -C
	expect_status 2
	expect_err <<-\EOT
	samv: option '"'"'-C'"'"' needs a value (DIR)
	EOT
	samv_run samv --no-pagr actor list
	expect_status 2
	expect_err <<-\EOT
	samv: unknown option '"'"'--no-pagr'"'"'; did you mean '"'"'--no-pager'"'"'?
	EOT
'

test_case 'the pager: on a terminal only, with LESS=FRX and LV=-c unless set' '
	make_repo
	fake_pager
	samv-actor list >"$TRASH/want"
	SAMV_PAGER="$TRASH/pager a" on_tty samv actor list
	expect_status 0
	{ echo "LESS=FRX LV=-c"; cat "$TRASH/want"; } | cmp - "$TRASH/paged.a"
	LESS=R LV=-x SAMV_PAGER="$TRASH/pager b" on_tty samv actor list
	{ echo "LESS=R LV=-x"; cat "$TRASH/want"; } | cmp - "$TRASH/paged.b"
	# not a terminal: no pager
	SAMV_PAGER="$TRASH/pager c" samv_run samv actor list
	expect_status 0
	cmp "$TRASH/want" "$TRASH/.out"
	test ! -e "$TRASH/paged.c"
	# --no-pager and -P: none; "cat" or empty: none
	SAMV_PAGER="$TRASH/pager d" on_tty samv --no-pager actor list
	SAMV_PAGER="$TRASH/pager d" on_tty samv -P actor list
	PAGER="$TRASH/pager d" SAMV_PAGER= on_tty samv actor list
	PAGER="$TRASH/pager d" SAMV_PAGER=cat on_tty samv actor list
	expect_status 0
	test ! -e "$TRASH/paged.d"
	grep -q "RF-SISU" "$TRASH/.tty"
	# a change is not paged, unless asked with --paginate
	SAMV_PAGER="$TRASH/pager e" on_tty samv actor add --id x --name X --sector civil --kind other --level local
	expect_status 0
	test ! -e "$TRASH/paged.e"
	SAMV_PAGER="$TRASH/pager e" on_tty samv -p actor show x
	grep -q "^name: *X$" "$TRASH/paged.e"
	# the verb is found past the command'"'"'s own -C DIR
	SAMV_PAGER="$TRASH/pager f" on_tty samv actor -C . show x
	grep -q "^name: *X$" "$TRASH/paged.f"
'

test_case 'the pager: SAMV_PAGER, then core.pager, then PAGER, then less' '
	make_repo
	fake_pager
	samv-log >"$TRASH/want"
	git config core.pager "$TRASH/pager 2"
	SAMV_PAGER="$TRASH/pager 1" PAGER="$TRASH/pager 3" on_tty samv log
	PAGER="$TRASH/pager 3" on_tty samv log
	test -e "$TRASH/paged.1" && test -e "$TRASH/paged.2" && test ! -e "$TRASH/paged.3"
	{ echo "LESS=FRX LV=-c"; cat "$TRASH/want"; } | cmp - "$TRASH/paged.1"
	{ echo "LESS=FRX LV=-c"; cat "$TRASH/want"; } | cmp - "$TRASH/paged.2"
	git config --unset core.pager
	rm "$TRASH"/paged.*
	PAGER="$TRASH/pager 3" on_tty samv -C .. -C repo log
	test ! -e "$TRASH/paged.1" && test ! -e "$TRASH/paged.2"
	{ echo "LESS=FRX LV=-c"; cat "$TRASH/want"; } | cmp - "$TRASH/paged.3"
	# the default: less, found on PATH
	mkdir "$TRASH/bin"
	sed "s/\\\$1/less/" "$TRASH/pager" >"$TRASH/bin/less"
	chmod +x "$TRASH/bin/less"
	PATH="$TRASH/bin:$PATH" on_tty samv decision list
	expect_status 0
	echo "LESS=FRX LV=-c" | cmp - "$TRASH/paged.less"
'

test_case 'the pager: quitting it early is no error; the exit status is the command'"'"'s' '
	make_repo
	# more than a pipe holds (64 KiB), so that the command meets the
	# closed pipe: 2000 organisations, written as files in one commit
	i=0
	while [ $i -lt 2000 ]; do
		i=$((i + 1))
		printf "{\"id\":\"org-%04d\",\"name\":\"Organisation number %d\",\"sector\":\"civil\",\"kind\":\"other\",\"level\":\"local\",\"status\":\"active\"}\n" $i $i
	done >"$TRASH/orgs"
	# each in its shard (FNV-1a of the id, as samv_id_shard), so that no
	# reader leaves one out
	python3 -c "
import os, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    i = \"org-%04d\" % n
    h = 2166136261
    for c in i.encode():
        h = ((h ^ c) * 16777619) & 0xffffffff
    h ^= h >> 16
    h ^= h >> 8
    d = \"actors/%02x\" % (h & 0xff)
    os.makedirs(d, exist_ok=True)
    open(d + \"/\" + i + \".json\", \"w\").write(line)
" "$TRASH/orgs"
	git add actors && git commit -q -m "2000 organisations"
	samv_run samv-actor list
	expect_status 0
	test "$(wc -c <"$TRASH/.out")" -gt 65536
	# a pager that reads one line and quits
	SAMV_PAGER="head -n 1 >\"$TRASH/first\"" on_tty samv actor list
	expect_status 0
	test "$(wc -l <"$TRASH/first")" = 1
	test ! -s "$TRASH/.tty"
	SAMV_PAGER="cat >\"$TRASH/errs\"" on_tty samv actor show nosuch
	expect_status 1
	grep -q "no actor .nosuch." "$TRASH/errs"
'

test_case 'samv help COMMAND opens samv-COMMAND(1) with man' '
	mkdir bin
	printf "#!/bin/sh\necho \"\$@\" >\"$TRASH/man-args\"\n" >bin/man
	chmod +x bin/man
	PATH="$TRASH/bin:$PATH" samv_run samv help actor
	expect_status 0
	case $(cat "$TRASH/man-args") in
	samv-actor | "-l "*/man/samv-actor.1) ;;
	*) echo "# man was given: $(cat "$TRASH/man-args")" >&2; false ;;
	esac
	rm "$TRASH/man-args"
	PATH="$TRASH/bin:$PATH" samv_run samv --help meeting
	case $(cat "$TRASH/man-args") in
	samv-meeting | "-l "*/man/samv-meeting.1) ;;
	*) false ;;
	esac
	samv_run samv help metting
	expect_status 2
	expect_err <<-\EOT
	samv: '"'"'metting'"'"' is not a samv command; did you mean '"'"'meeting'"'"'?
	EOT
'

test_case 'samv help COMMAND without man: a clear error' '
	# only the samv commands on PATH (and valgrind, for make check-valgrind): no man
	mkdir nobin
	if command -v valgrind >/dev/null 2>&1; then
		for f in "$(dirname "$(command -v valgrind)")"/valgrind*; do ln -s "$f" nobin/; done
	fi
	PATH="$SAMV_TEST_BIN:$TRASH/nobin" samv_run "$SAMV_TEST_BIN/samv" help actor
	expect_status 1
	expect_no_out
	expect_err <<-\EOT
	samv: cannot open the manual samv-actor(1): man is not installed ('"'"'samv actor --help'"'"' shows the command'"'"'s options)
	EOT
'

test_case 'an unknown command, verb or option: the nearest, as git suggests' '
	make_repo
	samv_run samv actr list
	expect_status 2
	expect_err <<-\EOT
	samv: '"'"'actr'"'"' is not a samv command; did you mean '"'"'actor'"'"'?
	EOT
	samv_run samv lgo
	expect_err <<-\EOT
	samv: '"'"'lgo'"'"' is not a samv command; did you mean '"'"'log'"'"'?
	EOT
	samv_run samv foo
	expect_status 2
	expect_err <<-\EOT
	samv: '"'"'foo'"'"' is not a samv command (see samv help)
	EOT
	fails 2 "samv-actor: unknown command '"'"'lst'"'"'; did you mean '"'"'list'"'"'?" samv actor lst
	fails 2 "samv-meeting action: unknown command '"'"'lsit'"'"'; did you mean '"'"'list'"'"'?" samv meeting action lsit
	fails 2 "samv-agreement: unknown command '"'"'histroy'"'"'; did you mean '"'"'history'"'"'?" samv agreement histroy
	fails 2 "samv-decision: unknown command '"'"'a'"'"'; did you mean one of '"'"'add'"'"', '"'"'adopt'"'"', '"'"'anchor'"'"', '"'"'anchoring'"'"'?" samv decision a
	fails 2 "samv-actor: unknown option '"'"'--sectr'"'"'; did you mean '"'"'--sector'"'"'?" samv actor list --sectr public
	fails 2 "samv-actor: unknown command '"'"'zzz'"'"' (see samv-actor --help)" samv actor zzz
'

test_case 'the completion helper names the front'"'"'s options and help' '
	samv_run samv --completion-helper
	expect_status 0
	for w in help -C --dir= --no-pager --paginate actor log; do
		grep -qx -- "$w" "$TRASH/.out"
	done
'
