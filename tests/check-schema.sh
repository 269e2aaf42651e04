#!/bin/sh
# check-schema.sh - keep the JSON Schemas under docs/schema in step with the
# record type tables (libcommon/schema.c), and validate records the commands
# really write against them.
#
#   SAMV_BIN=/abs/build/bin sh tests/check-schema.sh            # the test
#   SAMV_BIN=/abs/build/bin sh tests/check-schema.sh --update   # regenerate
#
# (make check-schema sets SAMV_BIN.)  The schemas are made by
# tests/gen-schema.c, compiled here against $SAMV_BIN/../libcommon.a.
# Validation needs a draft 2020-12 validator: Debian's python3-jsonschema
# (4.x); without it the test fails.  Records written and what --json prints
# are both validated.
# Ends with "N passed, M failed"; exit 1 when anything failed.

set -u

top=$(cd "$(dirname "$0")/.." && pwd)
update=0
case ${1:-} in
--update) update=1 ;;
'') ;;
*) echo "usage: sh tests/check-schema.sh [--update]" >&2; exit 2 ;;
esac

SAMV_BIN=${SAMV_BIN:-$top/build/bin}
build=$(dirname "$SAMV_BIN")
if [ ! -f "$build/libcommon.a" ] || [ ! -x "$SAMV_BIN/samv-init" ]; then
	echo "check-schema: no build in $build; run 'make' first (or set SAMV_BIN)" >&2
	exit 2
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/samv-schema.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM

pass=0
fail=0
ok() { pass=$((pass + 1)); echo "ok: $*"; }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
finish() {
	echo "$pass passed, $fail failed"
	[ "$fail" -eq 0 ]
	exit $?
}

# ---- generate ---------------------------------------------------------------

warn="-Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
-Wformat=2 -Wno-format-nonliteral -Wpointer-arith -Wvla"
gen=$build/tests/gen-schema
mkdir -p "$build/tests"
# shellcheck disable=SC2046,SC2086
if ! ${CC:-cc} -std=c11 -D_GNU_SOURCE $warn -O2 -I"$top/libcommon" \
	$(pkg-config --cflags libgit2 libcjson) -o "$gen" "$top/tests/gen-schema.c" \
	"$build/libcommon.a" $(pkg-config --libs libgit2 libcjson sqlite3 libcrypto) -lm; then
	bad "tests/gen-schema.c does not build"
	finish
fi
mkdir "$tmp/schema"
if ! "$gen" "$tmp/schema"; then
	bad "gen-schema failed"
	finish
fi

if [ "$update" -eq 1 ]; then
	mkdir -p "$top/docs/schema"
	rm -f "$top"/docs/schema/*.schema.json
	cp "$tmp"/schema/*.schema.json "$top/docs/schema/"
	echo "check-schema: wrote $(cd "$tmp/schema" && echo *.schema.json) to docs/schema"
	exit 0
fi

if diff -ru "$top/docs/schema" "$tmp/schema" >"$tmp/diff" 2>&1; then
	ok "docs/schema is in step with libcommon/schema.c"
else
	sed 's/^/  /' "$tmp/diff"
	bad "docs/schema differs from what libcommon/schema.c gives; regenerate with: sh tests/check-schema.sh --update (SAMV_BIN=$SAMV_BIN), then commit docs/schema"
fi

# ---- a validator ------------------------------------------------------------

# jsonschema 4.x (Debian 12: python3-jsonschema) knows draft 2020-12.
py=
for p in python3 /usr/bin/python3; do
	if command -v "$p" >/dev/null 2>&1 &&
		"$p" -c 'from jsonschema import Draft202012Validator' 2>/dev/null; then
		py=$p
		break
	fi
done
if [ -z "$py" ]; then
	bad "no validator: install python3-jsonschema (.ci/deps) for draft 2020-12 validation"
	finish
fi

# validate.py SCHEMA FILE...: "ok FILE" or "bad FILE: why", one line each.
cat >"$tmp/validate.py" <<'EOF'
import json, sys
from jsonschema import Draft202012Validator, FormatChecker

with open(sys.argv[1], encoding="utf-8") as f:
    schema = json.load(f)
Draft202012Validator.check_schema(schema)
v = Draft202012Validator(schema, format_checker=FormatChecker())
for path in sys.argv[2:]:
    with open(path, encoding="utf-8") as f:
        rec = json.load(f)
    errs = sorted(v.iter_errors(rec), key=lambda e: list(e.path))
    if errs:
        e = errs[0]
        where = "/".join(str(p) for p in e.path) or "(record)"
        print("bad %s: %s: %s" % (path, where, e.message))
    else:
        print("ok %s" % path)
EOF

for s in "$tmp"/schema/*.schema.json; do
	name=$(basename "$s")
	if out=$("$py" "$tmp/validate.py" "$s" 2>&1); then
		ok "$name is a valid draft 2020-12 schema"
	else
		bad "$name is not a valid schema: $(echo "$out" | tail -n 1)"
	fi
done

# ---- records the commands write -------------------------------------------

export PATH="$SAMV_BIN:$PATH"
export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
export GIT_AUTHOR_NAME="Ada Admin" GIT_AUTHOR_EMAIL="ada@example.org"
export GIT_COMMITTER_NAME="Ada Admin" GIT_COMMITTER_EMAIL="ada@example.org"
export GIT_AUTHOR_DATE="2026-11-23T10:00:00Z" GIT_COMMITTER_DATE="2026-11-23T10:00:00Z"
export SAMV_TODAY=2026-11-23
unset SAMV_DIR
mkdir -p "$HOME"
repo=$tmp/repo

run() {
	if ! "$@" >"$tmp/out" 2>"$tmp/err"; then
		bad "$*: $(head -n 1 "$tmp/err")"
		finish
	fi
}

# people on the branch, so that their files are in the work tree to be
# validated and broken by hand like the others; the default layout (people
# on refs/samv/people, "people": "ref" in samv.json) is validated below
run samv-init --people-on-branch --name "Samverkan Östergötland" --region "Östergötland" --language sv "$repo"
cd "$repo" || exit 1
run samv-actor add --id region-ostergotland --name "Region Östergötland" --short RÖ \
	--sector public --kind region --level regional --area "Östergötland" \
	--orgnr 232100-0165 --note "Huvudman för hälso- och sjukvården.
Två rader."
run samv-actor add --id nsph --name "Nationell Samverkan för Psykisk Hälsa" \
	--sector civil --kind umbrella --level national
run samv-actor add --id nsph-ostergotland --name "NSPH Östergötland" --sector civil \
	--kind association --level local --parent nsph --area "Linköping"
run samv-actor add --id gammal-forening --name "Gammal förening" --sector civil \
	--kind association --level local
run samv-actor retire gammal-forening
run samv-person add --id anna-andersson --name "Anna Andersson" --actor region-ostergotland \
	--role process-leader --title "Processledare" --boundary-spanner \
	--mandate "Leder storgruppen." --email anna@example.org --phone "013-00 00 00"
run samv-person add --id bo-berg --name "Bo Berg" --actor nsph-ostergotland \
	--role representative --no-boundary-spanner --status inactive
run samv-arena add --id storgruppsmote --name "Storgruppsmöte" --kind large-group-meeting \
	--purpose "Alla sektorer möts." --challenge "Psykisk ohälsa bland unga" \
	--convener region-ostergotland --member region-ostergotland --member nsph-ostergotland \
	--member nsph --serves b --serves a --started 2025-02-28 --note "Två gånger om året."
run samv-arena add --id arbetsgrupp --name "Arbetsgrupp" --kind working-group
run samv-arena close arbetsgrupp

if samv-check >"$tmp/out" 2>&1; then
	ok "samv-check accepts the scratch repository"
else
	bad "samv-check rejects the scratch repository: $(head -n 1 "$tmp/out")"
fi

# Every record file against the schema of its directory.
validate() { # schema file...
	"$py" "$tmp/validate.py" "$@" >"$tmp/v" 2>&1 || echo "bad $*: $(tail -n 1 "$tmp/v")" >>"$tmp/v"
	while read -r word rest; do
		case $word in
		ok) ok "${rest#"$repo"/} matches $(basename "$1")" ;;
		*) bad "$word $rest" ;;
		esac
	done <"$tmp/v"
}
# ---- what --json prints ------------------------------------------------------

# More record types, so that every lister has something to print: a meeting
# held and one planned, an action, a decision, an assessment.
run samv-person edit anna-andersson --title "Processledare"
run samv-actor edit region-ostergotland --contact anna-andersson
run samv-meeting plan --id uppstart --arena storgruppsmote --title "Uppstart" --date 2026-11-20 \
	--start 13:00 --end 15:00 --invite nsph-ostergotland --invite-person anna-andersson
run samv-meeting hold uppstart --attended anna-andersson --summary "Vi började."
run samv-meeting distribute uppstart --how e-post
run samv-meeting plan --id nasta --arena storgruppsmote --title "Nästa" --date 2026-12-10
run samv-meeting action add --id lista --meeting uppstart --title "Skriv listan" \
	--owner anna-andersson --due 2026-11-01
run samv-decision add --id pilot --kind kedge-anchor --level arena --title "Pilot" \
	--text "Vi prövar." --date 2026-11-20 --meeting uppstart --status adopted
run samv-assess add --id c26 --instrument cross --arena storgruppsmote --date 2026-11-20 \
	--by anna-andersson --answer willingness=high --note willingness="Alla vill."
run samv-actor edit nsph --speaks-for nsph-ostergotland
run samv-target add --id unga-vuxna --name "Unga vuxna 18-29 år" --area Linköping \
	--description "Unga vuxna som lever i ofrivillig ensamhet."
run samv-target add --id gamla --name "Äldre som bor ensamma"
run samv-target retire gamla
run samv-arena edit storgruppsmote --target unga-vuxna
run samv-challenge add --id ensamhet --title "Ofrivillig ensamhet bland unga vuxna" --kind welfare-gap \
	--description "Unga faller mellan organisationerna." --serves a --target unga-vuxna \
	--arena storgruppsmote --decision pilot --started 2026-02-01 --note "Från piloten."
run samv-challenge add --id ohalsa --title "Psykisk ohälsa"
run samv-challenge close ohalsa
run samv-resource add --id pl --title "Processledare" --kind time --actor region-ostergotland \
	--percent 50 --basis paid --person anna-andersson --arena storgruppsmote --from 2026-01-01
run samv-resource add --id medel --title "Öronmärkta medel" --kind money --actor region-ostergotland \
	--amount 400000 --currency SEK --challenge ensamhet --decision pilot --from 2026-01-01 --until 2026-12-31
run samv-resource add --id fritid --title "Gränsgångare på fritid" --kind time --actor nsph-ostergotland \
	--hours 6 --per month --basis voluntary --arena storgruppsmote --challenge ensamhet --from 2026-03-01
run samv-resource add --id lokal --title "Lokal" --kind premises --actor nsph-ostergotland \
	--arena storgruppsmote --from 2026-03-01 --note "Föreningens lokal."
run samv-resource end lokal --date 2026-06-30
run samv-glossary add --id gransgangare --term "gränsgångare" --translation "boundary spanner" \
	--definition "En person som korsar sin organisations gräns." --variant brobyggare \
	--variant kontaktperson --meeting uppstart --decision pilot --agreed 2026-11-20
run samv-glossary add --id ankare --term "anchor" --language en --translation "ankare" \
	--definition "A formal decision that fixes a point." --status proposed

# json_case SCHEMA WHAT CMD...: the output, one record or an array of them,
# matches the output schema, and every record has the same keys.
json_case() {
	schema=$1 what=$2
	shift 2
	if ! "$@" >"$tmp/j.json" 2>"$tmp/err"; then
		bad "$what: $* failed: $(head -n 1 "$tmp/err")"
		return
	fi
	jq -c 'if type == "array" then .[] else . end' "$tmp/j.json" >"$tmp/j.lines"
	if [ ! -s "$tmp/j.lines" ]; then
		bad "$what: $* printed no record"
		return
	fi
	i=0
	: >"$tmp/j.bad"
	while IFS= read -r line; do
		i=$((i + 1))
		printf '%s\n' "$line" >"$tmp/j.$i.json"
		"$py" "$tmp/validate.py" "$tmp/schema/$schema.output.schema.json" "$tmp/j.$i.json" |
			grep '^bad ' >>"$tmp/j.bad"
	done <"$tmp/j.lines"
	if [ -s "$tmp/j.bad" ]; then
		bad "$what does not match $schema.output.schema.json: $(head -n 1 "$tmp/j.bad")"
	elif [ "$(jq -c 'keys_unsorted' "$tmp/j.lines" | sort -u | wc -l)" != 1 ]; then
		bad "$what: records with different key sets"
	else
		ok "$what: $i record(s) match $schema.output.schema.json, one key set"
	fi
}
json_case actor "actor list --json" samv-actor list --json --all
json_case actor "actor show --json" samv-actor show nsph --json
json_case person "person list --json" samv-person list --json --all
json_case arena "arena list --json" samv-arena list --json --all
json_case arena "arena show --json" samv-arena show arbetsgrupp --json
json_case meeting "meeting list --json" samv-meeting list --json --all
json_case meeting "meeting show --json (held)" samv-meeting show uppstart --json
json_case action "action list --json" samv-meeting action list --json --all
json_case action "action overdue --json" sh -c 'samv-meeting action overdue --json; test $? = 1'
json_case decision "decision list --json" samv-decision list --json
json_case assessment "assess list --json" samv-assess list --json
json_case assessment "assess show --json" samv-assess show c26 --json
json_case challenge "challenge list --json" samv-challenge list --json --all
json_case challenge "challenge show --json" samv-challenge show ensamhet --json
json_case target "target list --json" samv-target list --json --all
json_case resource "resource list --json" samv-resource list --json --all
json_case resource "resource show --json" samv-resource show medel --json
json_case term "glossary list --json" samv-glossary list --json --all
json_case term "glossary show --json" samv-glossary show ankare --json
json_case notice "meeting invite --json" samv-meeting invite nasta --json
json_case notice "meeting invite --json (held)" samv-meeting invite uppstart --json
json_case notice "meeting minutes --json" samv-meeting minutes uppstart --json
git init -q --bare "$tmp/remote.git" && git remote add origin "$tmp/remote.git"
json_case sync "sync --json (pushed)" samv-sync --json
json_case sync "sync --json (up to date)" samv-sync --json
# and given back: null means absent
if samv-actor show nsph --json | jq '.note = "Paraply."' | samv-actor edit nsph --stdin >/dev/null 2>"$tmp/err" &&
	[ "$(samv-actor show nsph --json | jq -r '.note, .short')" = "Paraply.
null" ]; then
	ok "what show --json prints, edited, is taken back by edit --stdin"
else
	bad "show --json | edit --stdin: $(head -n 1 "$tmp/err")"
fi

validate "$tmp/schema/repository.schema.json" "$repo/samv.json"
run samv-init --name Ref "$tmp/refrepo"
validate "$tmp/schema/repository.schema.json" "$tmp/refrepo/samv.json"
run samv-actor -C "$tmp/refrepo" add --id r --name R --sector public --kind region --level regional
run samv-person -C "$tmp/refrepo" add --name "Eva Lind" --actor r --role official --email eva@example.org
git -C "$tmp/refrepo" show "refs/samv/people:$(git -C "$tmp/refrepo" ls-tree -r --name-only refs/samv/people | grep '^people/')" \
	>"$tmp/refperson.json"
validate "$tmp/schema/person.schema.json" "$tmp/refperson.json"
for t in actor:actors person:people arena:arenas meeting:meetings action:actions decision:decisions \
	assessment:assessments challenge:challenges target:targets resource:resources term:glossary; do
	files=$(find "$repo/${t#*:}" -name '*.json' | sort)
	if [ -z "$files" ]; then
		bad "no ${t%%:*} records were written"
		continue
	fi
	# shellcheck disable=SC2086
	validate "$tmp/schema/${t%%:*}.schema.json" $files
done

# ---- the schema and samv-check reject the same mistakes -------------------

# Each case: a record file, a jq edit that breaks it, the problem code
# samv-check must report, and what is wrong.  Both the schema and
# samv-check must reject the result.
reject() { # file jq-filter code what
	f=$1 filter=$2 code=$3 what=$4
	cp "$repo/$f" "$tmp/keep"
	if ! jq "$filter" "$tmp/keep" >"$repo/$f" 2>"$tmp/err"; then
		bad "jq '$filter': $(head -n 1 "$tmp/err")"
		cp "$tmp/keep" "$repo/$f"
		return
	fi
	case $f in
	samv.json) s=repository ;;
	actors/*) s=actor ;;
	people/*) s=person ;;
	arenas/*) s=arena ;;
	meetings/*) s=meeting ;;
	challenges/*) s=challenge ;;
	resources/*) s=resource ;;
	glossary/*) s=term ;;
	esac
	"$py" "$tmp/validate.py" "$tmp/schema/$s.schema.json" "$repo/$f" >"$tmp/v" 2>&1
	if grep -q '^bad ' "$tmp/v"; then
		ok "schema rejects $what"
	else
		bad "schema accepts $what ($f)"
	fi
	samv-check >"$tmp/c" 2>&1
	if grep -q ": $code: " "$tmp/c"; then
		ok "samv-check rejects $what ($code)"
	else
		bad "samv-check does not report $code for $what ($f): $(head -n 1 "$tmp/c")"
	fi
	cp "$tmp/keep" "$repo/$f"
}
actor=$(find actors -name 'nsph-ostergotland.json')
person=$(find people -name 'anna-andersson.json')
arena=$(find arenas -name 'storgruppsmote.json')
reject "$actor" '.sector = "voluntary"' bad-value "an unknown enum value"
reject "$actor" '.colour = "red"' unknown-field "an unknown field"
reject "$actor" 'del(.kind)' missing-field "a missing required field"
reject "$actor" '.parent = "../etc"' bad-id "a reference that is not an id"
reject "$actor" '.parent = "Nsph"' bad-id "an id with upper case"
reject "$actor" '.name = "two\nlines"' bad-text "a newline in a one-line field"
reject "$actor" '.short = ("x" * 41)' too-long "a too long field"
reject "$actor" '.name = "   "' blank "a required name of spaces only"
reject "$actor" '.name = "\u00a0\t\u3000"' blank "a required name of other white space only"
reject "$arena" '.purpose = " \n "' blank "a text of spaces and newlines only"
reject "$person" '.boundary_spanner = "yes"' bad-type "a string for a boolean"
reject "$arena" '.started = "2025-02-30"' bad-date "a date that does not exist"
reject "$arena" '.started = "25-02-28"' bad-date "a date not in YYYY-MM-DD"
reject "$arena" '.members += ["nsph"]' duplicate "a member listed twice"
reject "$arena" '.serves = ["ab"]' bad-value "a purpose key that is not a letter"
reject samv.json '.language = "de"' bad-value "an unknown language"
reject samv.json '.format = "1"' bad-type "a format that is not a number"
reject samv.json '.timezone = "Europe/Atlantis"' bad-value "a time zone samv does not know"
reject samv.json '.people = "branch"' bad-value "a people layout samv does not know"
meeting=$(find meetings -name 'uppstart.json')
reject "$meeting" '.sequence = "2"' bad-type "a SEQUENCE that is not a number"
reject "$meeting" '.sequence = 1.5' bad-type "a SEQUENCE that is not a whole number"
challenge=$(find challenges -name 'ensamhet.json')
resource=$(find resources -name 'medel.json')
term=$(find glossary -name 'gransgangare.json')
reject "$challenge" '.kind = "problem"' bad-value "an unknown kind of challenge"
reject "$challenge" '.targets += ["unga-vuxna"]' duplicate "a target group listed twice"
reject "$challenge" '.arenas = ["../x"]' bad-id "an arena reference that is not an id"
reject "$resource" '.amount = "400000"' bad-type "an amount that is not a number"
reject "$resource" '.amount = 12.5' bad-type "an amount that is not a whole number"
reject "$resource" '.currency = "SEKR"' too-long "a currency longer than three letters"
reject "$resource" 'del(.kind)' missing-field "a resource without a kind"
reject "$term" '.language = "de"' bad-value "a term in a language samv does not know"
reject "$term" '.variants = "brobyggare"' bad-type "variants that are not a list"
reject "$actor" '.speaks_for = ["Nsph"]' bad-id "a speaks_for id with upper case"
if samv-check >/dev/null 2>&1; then
	ok "the repository is valid again after the cases"
else
	bad "the repository was not restored after the cases"
fi

finish
