#!/bin/sh
# The shell completions, driven for real in all three shells: one table of
# command lines and the candidates a user must be offered, each line
# completed by bash (_samv on COMP_WORDS split as bash splits them), zsh
# (compinit and _samv in an interactive zsh on a pseudo-terminal, TAB typed)
# and fish (complete -C), against a repository with a record of every kind.
# SAMV_BIN names the built commands.  A shell that is missing fails the
# test (make deps installs them).  Ends with "N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samv-comp.XXXXXX")
trap '[ -n "${SAMV_KEEP:-}" ] || rm -rf "$tmp"' EXIT INT TERM
PATH=$SAMV_BIN:$PATH
export PATH HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 SAMV_TODAY=2026-12-01
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org
passed=0
failed=0
cases=$tmp/cases

cd "$tmp" && samv-init repo >/dev/null && cd repo || exit 1
{
	samv-actor add --id region --name Region --sector public --kind region --level regional &&
	samv-actor add --id rf-sisu --name RF --sector civil --kind umbrella --level regional &&
	samv-actor add --id rotary --name Rotary --sector civil --kind association --level local &&
	samv-arena add --id stor --name Stor --kind council --member region &&
	samv-meeting plan --id m1 --arena stor --title Start --date 2026-11-01 &&
	samv-person add --id eva --name Eva --actor region --role official &&
	samv-meeting action add --id a1 --meeting m1 --title Lista --owner eva &&
	samv-assess add --id as1 --instrument steps --arena stor --answer step=talk &&
	samv-decision add --id anta --kind anchor --level political --title Anta --text Text. \
		--date 2026-11-01 --meeting m1 --arena stor --status adopted &&
	samv-decision add --id andra --kind kedge-anchor --level arena --title Ändra --text Text. \
		--date 2026-11-01 --meeting m1 --arena stor &&
	samv-agreement adopt --decision anta --title Överenskommelsen --party region --party rf-sisu \
		--purpose a=Dialog --clause 1=Samverkan &&
	samv-target add --id unga --name Unga &&
	samv-challenge add --id ensamhet --title Ensamhet --target unga --arena stor &&
	samv-resource add --id pl --title PL --kind time --actor region --percent 50 --basis paid \
		--arena stor --from 2026-01-01 &&
	samv-glossary add --id gg --term gränsgångare --definition Text.
} >/dev/null || { echo "not ok - the repository for the completion tests could not be made"; exit 1; }
mkdir sub
# a second repository, for -C
(cd "$tmp" && samv-init other >/dev/null && cd other &&
	samv-actor add --id otter --name Otter --sector civil --kind other --level local >/dev/null) || exit 1

# t LINE CANDIDATE...: at the end of LINE (a trailing blank: a new word),
# the shells offer exactly these candidates.
t() {
	printf '%s|' "$1" >>"$cases"
	shift
	echo "$*" >>"$cases"
}

# samv itself, and -C
t 'samv ' init actor person arena meeting decision agreement assess check report export log sync challenge target resource glossary body plan help -C --dir= --no-pager --paginate --help --version
t 'samv --no' --no-pager
t 'samv -C ../other actor show ' otter
t 'samv -C .. -C other --no-pager actor show ' otter
t 'samv --dir=../other --no-pager actor show ' otter
t 'samv -C sub -C .. ac' actor
t 'samv -C s' sub
t 'samv help ac' actor
t 'samv help ' init actor person arena meeting decision agreement assess check report export log sync challenge target resource glossary body plan
t 'samv a' actor agreement arena assess
t 'samv d' decision
t 'samv-actor -C ../repo show rf' rf-sisu
t 'samv-actor -C s' sub
t 'samv-arena --dir=s' sub
t 'samv-meeting -C . action add --mee' --meeting=
# samv-init
t 'samv-init --la' --language=
t 'samv-init --people-' --people-on-branch --people-ref
t 'samv-init --dr' --dry-run
t 'samv-init s' sub
# samv-actor
t 'samv-actor ' add list show edit retire
t 'samv-actor add --na' --name=
t 'samv-actor add --sec' --sector=
t 'samv-actor list --sec' --sector=
# canonical values first, then the Swedish words the option takes
t 'samv-actor add --sector ' public civil private offentlig idéburen privat
t 'samv-actor add --sector=' public civil private offentlig idéburen privat
t 'samv-actor add --sector=id' idéburen
t 'samv-person add --role=proc' process-leader processledare
t 'samv-actor add --kind=um' umbrella
t 'samv-actor add --no' --note=
t 'samv-actor show ' region rf-sisu rotary
t 'samv-actor show r' region rf-sisu rotary
t 'samv actor edit ro' rotary
# samv-person
t 'samv-person ' add list show edit retire rm forget
t 'samv-person forget --r' --reason=
t 'samv-person add --no' --note= --no-boundary-spanner
t 'samv person add --actor=r' region rf-sisu rotary
t 'samv-person show ' eva
# samv-arena
t 'samv arena ' add list show edit close
t 'samv-arena add --member ' region rf-sisu rotary
t 'samv-arena edit stor --remove-member=re' region
t 'samv-arena add --kind=large' large-group-meeting
t 'samv-arena close ' stor
# samv-meeting and its actions
t 'samv-meeting ' plan list show edit cancel invite hold minutes distribute record action
t 'samv-meeting hold ' m1
t 'samv meeting hold ' m1
t 'samv-meeting hold m1 --att' --attended=
t 'samv-meeting hold m1 --attended=' eva
t 'samv-meeting invite m1 --format=i' ics
t 'samv-meeting minutes m1 --lang=' sv en
t 'samv-meeting action ' add list show edit done report drop overdue
t 'samv-meeting action d' done drop
t 'samv-meeting action done ' a1
t 'samv meeting action add --owner=e' eva
t 'samv-meeting action add --meeting=' m1
t 'samv-meeting action overdue ' 
# samv-decision
t 'samv-decision ' add list show edit adopt revoke expire supersede chain due anchor anchoring
t 'samv-decision anchor d1 --out' --outcome=
t 'samv-body ' add list show edit retire
t 'samv-body add --ki' --kind=
t 'samv-plan ' add list show edit retire
t 'samv-plan add --ki' --kind=
t 'samv decision a' add adopt anchor anchoring
t 'samv-decision show ' andra anta
t 'samv-decision adopt an' andra anta
t 'samv decision chain ant' anta
t 'samv-decision supersede anta --by=' andra anta
t 'samv-decision due ' 
t 'samv-decision due --' --date= --json --ids --rev= --help --version --dir=
t 'samv-decision add --kind=' anchor kedge-anchor ankare halningsankare
t 'samv-decision add --level ' political official arena tjänstemannabeslut
t 'samv-decision list --status=' proposed adopted superseded revoked expired föreslaget antaget ersatt upphävt utgånget
t 'samv-decision add --meeting=' m1
t 'samv-decision edit andra --arena=' stor
t 'samv-decision add --supersedes=an' andra anta
t 'samv-decision revoke anta --r' --reason=
# samv-agreement
t 'samv-agreement ' adopt amend show history diff blame
t 'samv agreement a' adopt amend
t 'samv-agreement adopt --decision=' andra anta
t 'samv-agreement adopt --party=r' region rf-sisu rotary
t 'samv-agreement amend --add-party ' region rf-sisu rotary
t 'samv-agreement amend --remove-p' --remove-party= --remove-purpose=
t 'samv-agreement show --format=' text markdown
t 'samv-agreement show --' --version= --as-of= --rev= --json --format= --lang= --dir= --help
t 'samv-agreement show --lang=' sv en
t 'samv-agreement history ' 
# samv-assess
t 'samv-assess ' add list show edit rm trend gaps levels instruments instrument
t 'samv-assess instrument ' cross levels steps
t 'samv-assess instrument l' levels
t 'samv assess trend r' region rf-sisu rotary
t 'samv assess trend ' collaboration region rf-sisu rotary stor
t 'samv-assess levels r' region rf-sisu rotary
t 'samv-assess levels --arena=' stor
t 'samv-assess add --instrument=' cross levels steps
t 'samv-assess add --subject-kind=p' pair
t 'samv-assess list --subject-kind=a' actor arena
t 'samv-assess show ' as1
# samv-check
t 'samv-check --r' --rev=
t 'samv check --' --rev= --json --no-history --fail-on= --dir= --help --version
t 'samv-check --fail-on=' personal-data warnings
# samv-report
t 'samv-report ' summary arena decisions actions participation agreement resources anchoring
t 'samv report a' arena actions agreement anchoring
t 'samv-report arena ' stor
t 'samv-report --format=' text markdown json csv html
t 'samv-report --lang=' sv en
t 'samv-report --csv-dialect=' rfc4180 excel-sv
t 'samv report --csv' --csv-dialect=
t 'samv-report summary --fail-on=o' overdue
t 'samv-report --per' --period=
# samv-export: options, the language, a directory
t 'samv-export --' --public --rev= --lang= --force --dir= --help --version
t 'samv export --lang=' sv en
t 'samv-export s' sub
t 'samv export --public --force s' sub
t 'samv e' export
# samv-log
t 'samv-log --ma' --max-count=
t 'samv-log ' agreement region rf-sisu rotary eva stor m1 a1 andra anta as1 unga ensamhet pl gg
t 'samv log r' region rf-sisu rotary
t 'samv-log -n 3 --json st' stor
t 'samv-log --ve' --verify --version
t 'samv-log --rev=' 
# samv-challenge, samv-target, samv-resource, samv-glossary
t 'samv challenge ' add list show edit close
t 'samv-challenge add --kind=' societal-challenge welfare-gap samhällsutmaning välfärdslucka
t 'samv-challenge add --target=' unga
t 'samv-challenge edit ensamhet --remove-t' --remove-target=
t 'samv-challenge close ' ensamhet
t 'samv-target ' add list show edit retire
t 'samv target show ' unga
t 'samv-arena add --tar' --target=
t 'samv-resource ' add list show edit end
t 'samv-resource add --kind ' money time premises
t 'samv-resource add --basis=' paid voluntary
t 'samv-resource add --per=' week month
t 'samv-resource add --challenge=' ensamhet
t 'samv resource end ' pl
t 'samv-glossary ' add list show edit retire
t 'samv-glossary add --language=' sv en
t 'samv glossary show ' gg
t 'samv-actor edit rf-sisu --speaks-for=ro' rotary
t 'samv c' challenge check
t 'samv r' report resource
t 'samv t' target
t 'samv g' glossary
# samv-sync and the merge driver
t 'samv-sync --th' --theirs
t 'samv sync --re' --remote=
t 'samv-merge-driver --' --help --version

# split OUT: the candidates of case N into OUT.N, sorted, without a
# directory's trailing slash
split() {
	awk -v o="$1" '/^== [0-9]+$/ { if (f) close(f); f = o "." $2; printf "" >f; next }
		{ sub(/\/$/, ""); print >f }' "$1"
	for f in "$1".*; do sort -u "$f" -o "$f"; done
}

run_shell() { # name command...
	name=$1
	shift
	if ! command -v "$name" >/dev/null 2>&1; then
		echo "not ok - $name is not installed (make deps installs it)"
		failed=$((failed + 1))
		return
	fi
	# a shell that hangs fails after five minutes rather than never
	if ! timeout 300 "$@" "$top/completions" "$cases" "$tmp/out.$name" 2>"$tmp/err.$name"; then
		echo "not ok - $name: the driver failed"
		sed 's/^/  /' "$tmp/err.$name"
		failed=$((failed + 1))
		return
	fi
	split "$tmp/out.$name"
	n=0
	while IFS= read -r c; do
		n=$((n + 1))
		printf '%s\n' ${c#*|} | sed '/^$/d' | sort -u >"$tmp/want"
		[ -f "$tmp/out.$name.$n" ] || : >"$tmp/out.$name.$n"
		if cmp -s "$tmp/want" "$tmp/out.$name.$n"; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1))
			echo "not ok - $name: '${c%%|*}'"
			echo "  want: $(tr '\n' ' ' <"$tmp/want")"
			echo "  got:  $(tr '\n' ' ' <"$tmp/out.$name.$n")"
		fi
	done <"$cases"
}

run_shell bash bash "$top/tests/completion/bash-driver.bash"
run_shell zsh zsh -f "$top/tests/completion/zsh-driver.zsh"
run_shell fish fish --no-config "$top/tests/completion/fish-driver.fish"

echo "completion: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
