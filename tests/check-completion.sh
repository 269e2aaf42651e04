#!/bin/sh
# The shell completions: bash and fish complete commands, options, option
# values and record ids from a real repository; zsh's file parses.
# SAMV_BIN names the built commands.  Ends with "N passed, M failed".
set -u
top=$(pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samv-comp.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
PATH=$SAMV_BIN:$PATH
export PATH HOME="$tmp" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8
export GIT_AUTHOR_NAME=T GIT_AUTHOR_EMAIL=t@example.org GIT_COMMITTER_NAME=T GIT_COMMITTER_EMAIL=t@example.org
passed=0
failed=0

cd "$tmp" && samv-init repo >/dev/null && cd repo || exit 1
samv-actor add --id region --name Region --sector public --kind region --level regional >/dev/null
samv-actor add --id rf-sisu --name RF --sector civil --kind umbrella --level regional >/dev/null
samv-actor add --id rotary --name Rotary --sector civil --kind association --level local >/dev/null
samv-arena add --id stor --name Stor --kind council --member region >/dev/null
samv-meeting plan --id m1 --arena stor --title Start --date 2026-11-01 >/dev/null
samv-person add --id eva --name Eva --actor region --role official >/dev/null
samv-meeting action add --id a1 --meeting m1 --title Lista --owner eva >/dev/null
samv-assess add --id as1 --instrument steps --arena stor --answer step=talk >/dev/null
mkdir sub

verdict() { # what want got
	if [ "$3" = "$2" ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		echo "not ok - $1"
		echo "  want: $(echo $2)"
		echo "  got:  $(echo $3)"
	fi
}

# bash: words..., ":", then the expected candidates
bash_case() {
	words=""
	while [ "$1" != ":" ]; do words="$words '$1'"; shift; done
	shift
	want=$(printf '%s\n' "$@" | sort)
	got=$(bash -c '
		source "$0"
		eval "COMP_WORDS=($1)"
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE="${COMP_WORDS[*]}"
		COMP_POINT=${#COMP_LINE}
		_samv
		printf "%s\n" "${COMPREPLY[@]}"' "$top/completions/samv.bash" "$words" | sed '/^$/d' | sort)
	verdict "bash:$words" "$want" "$got"
}

bash_case samv "" : init actor person arena meeting decision agreement assess check report log sync help --help --version
bash_case samv a : actor agreement arena assess
bash_case samv-actor "" : add list show edit retire
bash_case samv-person "" : add list show edit retire rm
bash_case samv arena "" : add list show edit close
bash_case samv-actor add --na : --name=
bash_case samv-actor add --sec : --sector=
bash_case samv-actor list --sec : --sector=
bash_case samv-actor add --sector "" : public civil private
bash_case samv-actor add --sector = "" : public civil private
bash_case samv-actor add --kind = um : umbrella
bash_case samv-actor show "" : region rf-sisu rotary
bash_case samv-actor show r : region rf-sisu rotary
bash_case samv-actor show rf : rf-sisu
bash_case samv actor edit ro : rotary
bash_case samv person add --actor = r : region rf-sisu rotary
bash_case samv-arena add --member "" : region rf-sisu rotary
bash_case samv-arena edit stor --remove-member = re : region
bash_case samv-arena add --kind = large : large-group-meeting
bash_case samv-actor -C ../repo show rf : rf-sisu
bash_case samv-check --r : --rev=
bash_case samv-sync --th : --theirs
bash_case samv sync --re : --remote=
bash_case samv-init --la : --language=
bash_case samv-actor add --no : --note=
bash_case samv-person add --no : --note= --no-boundary-spanner
bash_case samv-init s : sub
bash_case samv-meeting "" : plan list show edit cancel invite hold minutes distribute record action
bash_case samv-meeting hold "" : m1
bash_case samv-meeting hold m1 --att : --attended=
bash_case samv-meeting invite m1 --format = i : ics
bash_case samv-meeting action "" : add list show edit done report drop overdue
bash_case samv-meeting action done "" : a1
bash_case samv-meeting -C . action add --mee : --meeting=
bash_case samv meeting action add --owner = e : eva
bash_case samv-meeting action add --meeting = "" : m1
bash_case samv-meeting hold m1 --attended = "" : eva
bash_case samv-meeting minutes m1 --lang = "" : sv en
bash_case samv-assess "" : add list show edit rm trend gaps levels instruments instrument
bash_case samv-assess instrument "" : cross levels steps
bash_case samv assess trend r : region rf-sisu rotary
bash_case samv-assess levels r : region rf-sisu rotary
bash_case samv-assess levels --arena = "" : stor
bash_case samv-assess add --instrument = "" : cross levels steps
bash_case samv-assess add --subject-kind = p : pair
bash_case samv-assess list --subject-kind = a : actor arena
bash_case samv-assess show "" : as1
bash_case samv-report "" : summary arena decisions actions participation agreement
bash_case samv report a : arena actions agreement
bash_case samv-report arena "" : stor
bash_case samv-report --format = "" : text markdown json csv html
bash_case samv-report summary --fail-on = o : overdue
bash_case samv-report --per : --period=
bash_case samv-log --ma : --max-count=
bash_case samv-log "" : agreement region rf-sisu rotary eva stor m1 a1 as1
bash_case samv log r : region rf-sisu rotary
bash_case samv-log -n 3 --json st : stor
bash_case samv-log --rev = "" :

fish_case() {
	line=$1
	shift
	want=$(printf '%s\n' "$@" | sort)
	got=$(fish -c '
		for c in samv samv-init samv-actor samv-person samv-arena samv-meeting samv-decision samv-agreement samv-assess samv-check samv-report samv-log samv-sync samv-merge-driver
			sed "s/^set -l samv_cmd .*/set -l samv_cmd $c/" $argv[1] | source
		end
		complete -C $argv[2]' "$top/completions/samv.fish" "$line" | cut -f1 | sort)
	verdict "fish: $line" "$want" "$got"
}

if command -v fish >/dev/null 2>&1; then
	fish_case "samv ar" arena
	fish_case "samv-actor " add list show edit retire
	fish_case "samv-actor add --sec" --sector=
	fish_case "samv-actor add --sector=p" --sector=public --sector=private
	fish_case "samv actor show rf" rf-sisu
	fish_case "samv-person add --actor re" region
	fish_case "samv-meeting action d" done drop
	fish_case "samv-meeting action done " a1
	fish_case "samv meeting hold " m1
	fish_case "samv-assess instrument l" levels
	fish_case "samv assess levels rf" rf-sisu
	fish_case "samv-report p" participation
	fish_case "samv-report arena " stor
	fish_case "samv report --format=c" --format=csv
	fish_case "samv-log rf" rf-sisu
	fish_case "samv-log --ve" --verify --version
else
	echo "not ok - fish: fish is not installed (make deps installs it)"
	failed=$((failed + 1))
fi

if command -v zsh >/dev/null 2>&1 && zsh -n "$top/completions/_samv"; then
	passed=$((passed + 1))
else
	echo "not ok - zsh: completions/_samv does not parse (or zsh is not installed: make deps)"
	failed=$((failed + 1))
fi

echo "completion: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
