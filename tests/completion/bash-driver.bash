# bash-driver.bash COMPDIR CASES OUT: completes each line of CASES (the
# command line before "|") with _samv from COMPDIR/samv.bash, splitting it
# into COMP_WORDS as bash does (at blanks, and "=" a word of its own), and
# writes "== N" and then COMPREPLY to OUT.
source "$1/samv.bash" || exit 1
n=0
while IFS= read -r c; do
	line=${c%%|*}
	read -ra raw <<<"$line"
	[[ $line == *" " ]] && raw+=("")
	COMP_WORDS=()
	for w in "${raw[@]}"; do
		if [[ $w == -*=* ]]; then
			COMP_WORDS+=("${w%%=*}" "=")
			[[ -n ${w#*=} ]] && COMP_WORDS+=("${w#*=}")
		else
			COMP_WORDS+=("$w")
		fi
	done
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMP_LINE=$line
	COMP_POINT=${#line}
	_samv
	n=$((n + 1))
	echo "== $n"
	((${#COMPREPLY[@]})) && printf '%s\n' "${COMPREPLY[@]}"
done <"$2" >"$3"
