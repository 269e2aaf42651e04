#!/bin/sh
# The documentation runs: the README's tour and the man pages' EXAMPLES are
# run as a user would type them, and their output compared wherever it is
# shown.  SAMV_BIN names the built commands; the arguments are README.md
# and man pages.
#
# What is run:
#   README.md  every indented code block whose first line starts with "$ ",
#              in order, in one shell, in an empty directory: the tour
#              makes everything it uses.
#   a page     every ".Bd -literal" block of EXAMPLES (EXEMPEL in the
#              Swedish pages, man/sv) whose first line starts with "$ ",
#              in order, in one shell, in a repository
#              fresh from samv-init (".\" doc-test: empty" before the first
#              block: in an empty directory instead).  ".\" doc-test: setup
#              CMD" runs CMD, unshown, before the next block (what a page
#              takes for granted, e.g. the organisations it names), and
#              ".\" doc-test: skip WHY" leaves the next block out (a
#              remote, a crontab): it is illustrative.
# Blocks that do not start with "$ " (make demo, crontab lines) are not run.
#
# How a block is read: "$ CMD" is a command; a line after one ending in a
# backslash, a pipe, "&&", "||", "do" or "then", or starting with "> " (the
# shell's second prompt), continues it; every other line is the command's output, stdout and stderr as a
# terminal shows them.  A command with output shown must print exactly
# that; one without is not compared.  Every command must exit 0, unless the
# next one is "echo $?" (which shows the status).  Compared output may
# differ in only three ways, for what cannot be fixed:
#   - "…" in a shown line stands for any text (dates of commits);
#   - a commit id (7 to 40 hex digits, not all of them letters,
#     a word of its own) stands for any commit id;
#   - ids are minted with random suffixes (samv-actor(1)): when "add" or
#     "plan" shows one id, slug-XXXXXX, and prints the same slug with other
#     six characters, the printed id is read as the shown one from then on.
# Besides, every SAMV_ variable a page documents in ENVIRONMENT must be one
# the code reads.
# The environment is fixed as in tests/cli/lib.sh: identity Eva Lind,
# TZ=UTC, C.UTF-8, SAMV_TODAY=2026-11-23 (the tour and pages may change
# it), and the commit dates.  The Swedish pages (man/sv) run under
# sv_SE.UTF-8, as their reader does: what they show is what a Swedish user
# sees (messages and help in Swedish; the repository is Swedish, as
# samv-init makes it by default).
set -u
: "${SAMV_BIN:?SAMV_BIN names the built commands}"
passed=0
failed=0
top=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# blocks FILE: the runnable blocks as records of lines "kind<TAB>text",
# kind one of: begin (a block starts), cmd, more (continues a command),
# out, setup, empty (page runs in an empty directory).
blocks_readme() {
	awk '
	function flush(  i) {
		if (n > 0 && lines[1] ~ /^\$ /) {
			print "begin\t" NR
			for (i = 1; i <= n; i++) print "raw\t" lines[i]
		}
		n = 0
	}
	/^    / && (n > 0 || prev == "") { lines[++n] = substr($0, 5); prev = $0; next }
	/^$/ && n > 0 { lines[++n] = ""; prev = $0; next }
	{ while (n > 0 && lines[n] == "") n--; flush(); prev = $0 }
	END { while (n > 0 && lines[n] == "") n--; flush() }
	' "$1" | emit_kinds
}
blocks_man() {
	awk '
	/^\.Sh (EXAMPLES|EXEMPEL)$/ { inex = 1; next }
	/^\.Sh / { inex = 0 }
	!inex { next }
	/^\.\\" doc-test: skip/ { skip = 1; next }
	/^\.\\" doc-test: empty/ { print "empty\t"; next }
	/^\.\\" doc-test: setup / { sub(/^\.\\" doc-test: setup /, ""); print "setup\t" rofftext($0); next }
	/^\.Bd -literal/ { inbd = 1; n = 0; next }
	/^\.Ed/ && inbd {
		inbd = 0
		if (!skip && n > 0 && lines[1] ~ /^\$ /) {
			print "begin\t" NR
			for (i = 1; i <= n; i++) print "raw\t" lines[i]
		}
		skip = 0; next
	}
	inbd { lines[++n] = rofftext($0) }
	function rofftext(s) {
		gsub(/\\e/, "\001", s); gsub(/\\-/, "-", s); gsub(/\\&/, "", s)
		gsub(/\\\(:O/, "Ö", s); gsub(/\\\(:o/, "ö", s); gsub(/\\\(:A/, "Ä", s)
		gsub(/\\\(:a/, "ä", s); gsub(/\\\(oA/, "Å", s); gsub(/\\\(oa/, "å", s)
		gsub(/\001/, "\\", s)
		return s
	}
	' "$1" | emit_kinds
}
# raw lines of a block to cmd / more / out
emit_kinds() {
	awk -F '\t' '
	$1 != "raw" { print; cont = 0; next }
	{ t = substr($0, 5) }
	t ~ /^\$ / { print "cmd\t" substr(t, 3); cont = opens(t); next }
	cont || t ~ /^> / { if (t ~ /^> /) t = substr(t, 3); print "more\t" t; cont = opens(t); next }
	function opens(t) { return t ~ /(\\|\||&&|[ ;]do|[ ;]then)$/ }
	{ print "out\t" t }
	'
}

# script RECORDS: the shell script that runs them, one numbered step a
# command, each step's output in $work/out.N and status in $work/rc.N; the
# expected output in $work/want.N (absent when none is shown).
script() {
	awk -F '\t' -v w="$work" '
	function close_step() {
		if (step) printf "\n} >%s/out.%d 2>&1 </dev/null; _rc=$?; echo $_rc >%s/rc.%d; (exit $_rc)\n", w, step, w, step
	}
	$1 == "begin" || $1 == "empty" { next }
	$1 == "setup" || $1 == "cmd" { close_step(); step++; printf "{ %s", $2; next }
	$1 == "more" { printf "\n%s", $2; next }
	$1 == "out" { print $2 >>(w "/want." step); next }
	END { close_step() }
	'
}

# compare N: step N's output against what is shown (the id map applied).
compare() {
	sed -f "$work/ids.sed" "$work/out.$1" >"$work/got.$1"
	# learn a minted id: one line shown, one printed, same slug
	if [ "$(wc -l <"$work/want.$1")" -eq 1 ] && [ "$(wc -l <"$work/got.$1")" -eq 1 ]; then
		want=$(cat "$work/want.$1") got=$(cat "$work/got.$1")
		case $want in *-??????) ;; *) want="";; esac
		if [ -n "$want" ] && [ "$want" != "$got" ] && [ "${want%-??????}" = "${got%-??????}" ] &&
			[ "${#want}" -eq "${#got}" ]; then
			printf 's/%s/%s/g\n' "$got" "$want" >>"$work/ids.sed"
			echo "$want" >"$work/got.$1"
		fi
	fi
	awk -v ell="…" '
	NR == FNR { want[++n] = $0; next }
	{ got[++m] = $0 }
	# a commit id: 7 to 40 hex digits, not all letters, a word of its own
	function commits(s,   out, t) {
		out = ""
		while (match(s, /[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]+/)) {
			t = substr(s, RSTART, RLENGTH)
			if (RLENGTH <= 40 && t ~ /[0-9]/ &&
			    (RSTART == 1 || substr(s, RSTART - 1, 1) !~ /[0-9A-Za-z_-]/) && substr(s, RSTART + RLENGTH, 1) !~ /[0-9A-Za-z_-]/)
				t = "<commit>"
			out = out substr(s, 1, RSTART - 1) t
			s = substr(s, RSTART + RLENGTH)
		}
		return out s
	}
	function like(w, g,   k, parts, i, p) {
		w = commits(w); g = commits(g)
		if (index(w, ell) == 0) return w == g
		k = split(w, parts, ell)
		if (substr(g, 1, length(parts[1])) != parts[1]) return 0
		g = substr(g, length(parts[1]) + 1)
		for (i = 2; i < k; i++) {
			p = index(g, parts[i]); if (!p) return 0
			g = substr(g, p + length(parts[i]))
		}
		return length(g) >= length(parts[k]) && substr(g, length(g) - length(parts[k]) + 1) == parts[k]
	}
	END {
		if (n != m) exit 1
		for (i = 1; i <= n; i++) if (!like(want[i], got[i])) exit 1
	}
	' "$work/want.$1" "$work/got.$1"
}

# rundoc NAME RECORDS-FILE DIR: run one document's blocks in DIR.
rundoc() {
	name=$1 recs=$2 dir=$3
	rm -f "$work"/out.* "$work"/rc.* "$work"/want.* "$work"/got.*
	: >"$work/ids.sed"
	script <"$recs" >"$work/run.sh"
	steps=$(grep -c '^{ ' "$work/run.sh")
	[ "$steps" -gt 0 ] || { failed=$((failed + 1)); echo "not ok - $name: no command to run"; return; }
	(cd "$dir" && sh "$work/run.sh") >/dev/null 2>&1
	# the commands, for naming a failure
	awk -F '\t' '$1 == "cmd" || $1 == "setup" { print $2 }' "$recs" >"$work/cmds"
	i=1
	while [ "$i" -le "$steps" ]; do
		cmd=$(sed -n "${i}p" "$work/cmds")
		next_cmd=$(sed -n "$((i + 1))p" "$work/cmds")
		if [ ! -f "$work/rc.$i" ]; then
			failed=$((failed + 1)); echo "not ok - $name: \$ $cmd: not reached"; return
		fi
		rc=$(cat "$work/rc.$i")
		case $next_cmd in 'echo $?'*) rc=0 ;; esac
		if [ "$rc" != 0 ]; then
			failed=$((failed + 1))
			echo "not ok - $name: \$ $cmd: exit status $rc"
			sed 's/^/#   /' "$work/out.$i"
		elif [ -f "$work/want.$i" ] && ! compare "$i"; then
			failed=$((failed + 1))
			echo "not ok - $name: \$ $cmd: output differs (--- shown, +++ printed):"
			diff -u "$work/want.$i" "$work/got.$i" | sed 's/^/#   /'
		else
			passed=$((passed + 1))
		fi
		i=$((i + 1))
	done
}

# The environment every document runs in (as tests/cli/lib.sh).
export PATH="$SAMV_BIN:$PATH" HOME="$work/home"
export LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME="Eva Lind" GIT_AUTHOR_EMAIL="eva@example.org"
export GIT_COMMITTER_NAME="Eva Lind" GIT_COMMITTER_EMAIL="eva@example.org"
export GIT_AUTHOR_DATE="2026-11-23 11:02:00 +0100" GIT_COMMITTER_DATE="2026-11-23 11:02:00 +0100"
export SAMV_TODAY=2026-11-23 SAMV_LOCK_TIMEOUT=2
unset SAMV_DIR GIT_DIR GIT_WORK_TREE PAGER SAMV_PAGER
export TMPDIR="$work/tmp"	# what the tour's mktemp makes goes with the rest
mkdir -p "$HOME" "$TMPDIR"
git config --global init.defaultBranch main

for doc in "$@"; do
	case $doc in /*) ;; *) doc=$top/$doc ;; esac
	name=$(basename "$doc")
	case $doc in */man/sv/*) name=sv/$name ;; esac
	dir="$work/doc-$(echo "$name" | tr / -)/run"	# the parent, where ../ points, its own too
	mkdir -p "$dir"
	case $name in
	*.md) blocks_readme "$doc" >"$work/recs" ;;
	*) blocks_man "$doc" >"$work/recs" ;;
	esac
	grep -q '^begin' "$work/recs" || continue
	case $name in
	*.md) ;;
	*) if ! grep -q '^empty' "$work/recs"; then
		samv-init --name Prov "$dir" >/dev/null || { failed=$((failed + 1)); echo "not ok - $name: samv-init"; continue; }
	fi ;;
	esac
	case $name in
	sv/*) LC_ALL=sv_SE.UTF-8 rundoc "$name" "$work/recs" "$dir" ;;
	*) rundoc "$name" "$work/recs" "$dir" ;;
	esac
done
# Every variable a page's ENVIRONMENT names is one samv reads: its name is
# a string in the C sources, given to getenv or to libcommon/env.c
# (samv-actor(1) once documented SAMV_actors for SAMV_DIR).
for doc in "$@"; do
	case $doc in *.md) continue ;; esac
	name=$(basename "$doc")
	case $doc in */man/sv/*) name=sv/$name ;; esac
	for var in $(grep '^\.It Ev SAMV_' "$doc" | grep -o 'SAMV_[A-Za-z_]*'); do
		if grep -q "\"$var\"" "$top"/cmd/*.c "$top"/libcommon/*.c; then
			passed=$((passed + 1))
		else
			failed=$((failed + 1)); echo "not ok - $name: $var is documented but never read"
		fi
	done
done
echo "docs: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
