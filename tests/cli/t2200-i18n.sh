# The interface in the user's language (gettext): errors, help, check, log
# and sync lines in Swedish under sv_SE.UTF-8, and what scripts and the
# audit trail read (--json, exit statuses, records, commits) the same in
# every locale.  The catalog is build/share/locale/sv (found beside the
# commands, uninstalled).

po=$here/../../po

# sv CMD...: CMD under the Swedish locale (lib.sh runs the rest under C.UTF-8).
sv() { LC_ALL=sv_SE.UTF-8 "$@"; }

# keep NAME: the last command's output, status and errors aside as NAME.*
keep() {
	cp "$TRASH/.out" "$TRASH/$1.out" && cp "$TRASH/.err" "$TRASH/$1.err" && cp "$TRASH/.rc" "$TRASH/$1.rc"
}

# english_pieces: the English text of every message that the Swedish
# catalog translates, in pieces between the conversions (%s, \n), each of
# three words or more: no Swedish output may hold one.
english_pieces() {
	msgcat --no-wrap "$po/sv.po" | awk '
		/^msgid "/ { id = substr($0, 8, length($0) - 8); next }
		/^msgstr "/ { str = substr($0, 9, length($0) - 9); if (id != "" && id != str) print id }' |
	sed 's/%[-0-9.$*]*[a-z]*/\n/g; s/\\n/\n/g' | sed 's/^ *//; s/ *$//' |
	grep -E "[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}" | sort -u
}

# not_english FILE...: none of the files holds an English message.
not_english() {
	english_pieces >"$TRASH/.pieces"
	test -s "$TRASH/.pieces"
	if grep -n -F -f "$TRASH/.pieces" "$@" >"$TRASH/.found"; then
		echo "# English text in Swedish output:" >&2
		sed 's/^/#   /' "$TRASH/.found" >&2
		return 1
	fi
}

test_case 'the Swedish locale is installed (the tests below need it; CI generates it)' '
	locale -a | grep -qix "sv_SE.utf-\{0,1\}8"
	test "$(LC_ALL=sv_SE.UTF-8 locale charmap 2>/dev/null)" = UTF-8
'

test_case 'the catalog is complete: no message untranslated, none fuzzy' '
	msgfmt --check --statistics -o /dev/null "$po/sv.po" 2>"$TRASH/stats"
	grep -q "^[0-9]* translated messages\.$" "$TRASH/stats"
	test -f "$SAMV_BIN/../share/locale/sv/LC_MESSAGES/samv.mo"
'

test_case 'errors in Swedish: same exit status, same repository, one line each' '
	make_repo
	fails 1 "samv-actor: aktören '"'"'nope'"'"' finns inte (se samv-actor list)" sv samv-actor show nope
	fails 2 "samv-actor: okänd flagga '"'"'--nme'"'"'; menade du '"'"'--name'"'"'?" sv samv-actor add --nme x
	fails 1 "samv-actor: name: krävs (--name)" sv samv-actor add
	fails 2 "samv-decision: supersede: --by krävs (användning: samv-decision supersede OLD --by NEW)" \
		sv samv-decision supersede x
	fails 2 "samv-log: --max-count: '"'"'0'"'"' är inget positivt tal" sv samv-log -n 0
	fails 2 "samv: okänd flagga '"'"'--bogus'"'"' (se samv --help)" sv samv --bogus
	fails 2 "samv: '"'"'actr'"'"' är inget samv-kommando; menade du '"'"'actor'"'"'?" sv samv actr
	mkdir ../elsewhere && cd ../elsewhere
	samv_run sv samv-check
	expect_status 1
	expect_no_out
	expect_err <<-\EOT
	samv-check: inte i ett samv-arkiv (eller någon katalog ovanför '"'"'.'"'"'); se samv-init(1)
	EOT
	not_english "$TRASH/.err"
'

test_case 'the same errors under C are English, with the same statuses' '
	make_repo
	fails 1 "samv-actor: no actor '"'"'nope'"'"' (see samv-actor list)" samv-actor show nope
	fails 2 "samv-actor: unknown option '"'"'--nme'"'"'; did you mean '"'"'--name'"'"'?" samv-actor add --nme x
	fails 2 "samv-log: --max-count: '"'"'0'"'"' is not a positive number" samv-log -n 0
	samv_run sv samv-actor show nope
	keep sv
	samv_run samv-actor show nope
	test "$(cat "$TRASH/sv.rc")" = "$(cat "$TRASH/.rc")"
	! cmp -s "$TRASH/sv.err" "$TRASH/.err" || exit 1
'

test_case '--help in Swedish, the option names and metavariables as typed' '
	sv samv-check --help >sv-check
	head -3 sv-check >sv-head
	cat >want <<-\EOT
	användning: samv-check [OPTIONS]

	Kontrollera varje fil i arkivet: tyst med slutstatus 0 när allt är i
	EOT
	cmp want sv-head
	grep -qx "  -h, --help                   visa den här hjälpen och avsluta" sv-check
	grep -qx "      --json                   skriv ut problemen som en JSON-lista" sv-check
	sv samv --help >sv-front
	grep -qx "kommandon:" sv-front
	grep -qx "  check     kontrollera hela arkivet" sv-front
	sv samv-actor add --help >sv-add
	grep -q "^användning: samv-actor add" sv-add
	grep -qx "flaggor:" sv-add
	sv samv-meeting --help >sv-meeting
	sv samv-agreement --help >sv-agreement
	sv samv-assess --help >sv-assess
	sv samv-report --help >sv-report
	sv samv-sync --help >sv-sync
	sv samv-log --help >sv-log
	sv samv-init --help >sv-init
	sv samv-merge-driver --help >sv-merge
	grep -q "^Slutstatus: 0; 1 vid fel" sv-report
	not_english sv-*
	samv-check --help >c-check
	grep -qx "  -h, --help                   show this help and exit" c-check
'

test_case 'samv-check: problems in Swedish on the terminal; --json and the status as under C' '
	make_repo
	rf=$(git ls-files actors | grep /rf-sisu.json)
	ln -s ../x actors/00-link.json
	printf "{\n  \"id\": \"rf-sisu\",\n  \"name\": \"RF\",\n" >"$rf"
	echo notes >notes.txt
	samv_run sv samv-check
	expect_status 1
	expect_no_err
	expect_out <<-EOT
	actors/00-link.json:1:1: symlink: en symbolisk länk: samv läser bara vanliga filer inuti arkivet
	$rf:4:1: syntax: oväntat slut på JSON-text
	notes.txt:1:1: stray-file: hör inte hemma i ett samv-arkiv
	EOT
	not_english "$TRASH/.out"
	samv_run sv samv-check --json
	keep sv
	samv_run samv-check --json
	expect_status 1
	cmp "$TRASH/sv.out" "$TRASH/.out"
	test "$(cat "$TRASH/sv.rc")" = 1
	grep -q "\"message\": \"a symbolic link: samv reads only regular files inside the repository\"" "$TRASH/.out"
'

test_case 'samv-log: --verify lines in Swedish; --json identical in both locales' '
	make_repo
	samv-actor edit rf-sisu --level national >/dev/null
	test_tick
	echo "{}" >stray.json
	git add stray.json
	git commit -q -m "by hand"
	samv_run sv samv-log --verify
	expect_status 1
	expect_no_err
	c=$(git rev-parse --short=7 HEAD)
	expect_out <<-EOT
	stray.json:1:1: outside-samv: incheckningen $c gjordes utanför samv (ingen Samv-Command-släprad) och lade till den här filen
	stray.json:1:1: stray-file: incheckningen $c: hör inte hemma i ett samv-arkiv
	EOT
	not_english "$TRASH/.out"
	samv_run sv samv-log --json
	keep sv
	samv_run samv-log --json
	cmp "$TRASH/sv.out" "$TRASH/.out"
	samv_run sv samv-log --verify --json
	keep sv
	samv_run samv-log --verify --json
	cmp "$TRASH/sv.out" "$TRASH/.out"
	test "$(cat "$TRASH/sv.rc")" = "$(cat "$TRASH/.rc")"
	fails 1 "samv-log: ingen post '"'"'zzz'"'"'" sv samv-log zzz
'

test_case 'samv-sync: what came in and went out, in Swedish; the remote gets the same commits' '
	git init -q --bare -b main remote.git
	make_repo
	git remote add origin ../remote.git
	samv_run sv samv-sync
	expect_status 0
	expect_no_err
	expect_out <<-\EOT
	samv-sync: 0 in, 3 ut, skickat (origin/main)
	EOT
	samv_run sv samv-sync
	expect_out <<-\EOT
	samv-sync: à jour (origin/main)
	EOT
	test "$(git rev-parse HEAD)" = "$(git -C ../remote.git rev-parse main)"
	samv_run sv samv-sync --json
	keep sv
	samv_run samv-sync --json
	cmp "$TRASH/sv.out" "$TRASH/.out"
	git remote remove origin
	fails 1 "samv-sync: inget fjärrarkiv '"'"'origin'"'"' (lägg till ett: git remote add origin URL)" sv samv-sync
'

test_case 'records, commits and --json are the same whichever the locale' '
	for l in C.UTF-8 sv_SE.UTF-8; do
		(
			export LC_ALL=$l
			tick=1795428000
			test_tick
			mkdir "$l" && cd "$l"
			make_repo
			samv-person add --id eva --name "Eva Lind" --actor region --role process-leader >/dev/null
			test_tick
			samv-arena add --id stor --name Stormöte --kind large-group-meeting --member region >/dev/null
			test_tick
			samv-actor retire rf-sisu >/dev/null
			test_tick
			samv-actor edit region --nme x 2>/dev/null || echo "status $?" >../../status.$l
			samv-actor list --json >../../list.$l
			samv-arena show stor --json >../../show.$l
			git log --format="%H %an %ad%n%B" >../../log.$l
		)
	done
	test "$(git -C C.UTF-8/repo rev-parse HEAD)" = "$(git -C sv_SE.UTF-8/repo rev-parse HEAD)"
	cmp log.C.UTF-8 log.sv_SE.UTF-8
	cmp list.C.UTF-8 list.sv_SE.UTF-8
	cmp show.C.UTF-8 show.sv_SE.UTF-8
	cmp status.C.UTF-8 status.sv_SE.UTF-8
	grep -qx "status 2" status.C.UTF-8
'

test_case 'LANGUAGE: honoured with LANG=C.UTF-8, ignored with LANG=C, as gettext does' '
	unset LC_ALL
	LANGUAGE=sv LANG=C.UTF-8 samv-check >out 2>err && exit 1
	cat >want <<-\EOT
	samv-check: inte i ett samv-arkiv (eller någon katalog ovanför '"'"'.'"'"'); se samv-init(1)
	EOT
	cmp want err
	LANGUAGE=sv LANG=C samv-check >out 2>err && exit 1
	cat >want <<-\EOT
	samv-check: not in a samv repository (or any parent of '"'"'.'"'"'); see samv-init(1)
	EOT
	cmp want err
	LANGUAGE=sv:en LC_MESSAGES=sv_SE.UTF-8 LANG=C samv-check 2>err && exit 1
	grep -q "inte i ett samv-arkiv" err
	LC_ALL=sv_SE.UTF-8 SAMV_LOCALEDIR=/nonexistent samv-check 2>err && exit 1
	grep -q "not in a samv repository" err
'
