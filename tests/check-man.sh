#!/bin/sh
# The man pages: lint clean under mandoc, one page per command, and every
# option a command accepts documented in its page; the same for the Swedish
# translations in man/sv, and every English page has one.  SAMV_BIN names
# the built commands; the pages are the arguments.
set -u
passed=0
failed=0
ok() { passed=$((passed + 1)); }
bad() { failed=$((failed + 1)); echo "not ok - $*"; }

command -v mandoc >/dev/null 2>&1 || { echo "check-man: mandoc is not installed (make deps)"; exit 1; }
for page in "$@"; do
	out=$(mandoc -Tlint -W warning "$page" 2>&1)
	# mdoc knows its sections by their English names only: a translated
	# NAME (NAMN) is "not NAME", and .Nd is then outside it.  Those two
	# warnings, and only they, are the price of Swedish headings.
	case $page in man/sv/*)
		out=$(printf '%s\n' "$out" | grep -v -e 'WARNING: first section is not "NAME"' \
			-e 'WARNING: description line outside NAME section' || :) ;;
	esac
	if [ -z "$out" ]; then ok; else bad "$page: $out"; fi
	# .Ex and .Rv write their sentence in English
	case $page in man/sv/*)
		if grep -q -e '^\.Ex ' -e '^\.Rv ' "$page"; then bad "$page: .Ex or .Rv prints English"; else ok; fi ;;
	esac
done
for page in man/*.[157]; do
	if [ -f "man/sv/${page#man/}" ]; then ok; else bad "$page has no Swedish translation man/sv/${page#man/}"; fi
done
for src in cmd/*.c; do
	for dir in man man/sv; do
		name=$(basename "$src" .c)
		page=$dir/$name.1
		[ -f "$page" ] || { bad "$name has no man page $page"; continue; }
		ok
		subs=$("$SAMV_BIN/$name" --completion-helper 2>/dev/null | grep -v '^-' || :)
		[ "$name" = samv ] && subs=""
		for sub in "" $subs; do
			for opt in $("$SAMV_BIN/$name" $sub --completion-helper 2>/dev/null | grep '^--' | sed 's/=$//'); do
				o=${opt#--}
				if grep -q -e "Fl \\\\-$o\\b" -e "Fl \\\\-$o\$" "$page"; then ok; else bad "$page does not document $opt${sub:+ (of $sub)}"; fi
			done
			[ -z "$sub" ] || { grep -q "^\.It Cm $sub\$" "$page" && ok; } || bad "$page does not document the command $sub"
			# a command within the command (samv-meeting action ...)
			[ "$name $sub" = "samv-meeting action" ] || continue
			for sub2 in $("$SAMV_BIN/$name" action --completion-helper 2>/dev/null | grep -v '^-'); do
				for opt in $("$SAMV_BIN/$name" action "$sub2" --completion-helper 2>/dev/null | grep '^--' | sed 's/=$//'); do
					o=${opt#--}
					if grep -q -e "Fl \\\\-$o\\b" -e "Fl \\\\-$o\$" "$page"; then ok; else bad "$page does not document $opt (of action $sub2)"; fi
				done
			done
		done
	done
done
echo "man: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
