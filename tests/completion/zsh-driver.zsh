# zsh-driver.zsh COMPDIR CASES OUT: completes each line of CASES (the
# command line before "|") as a user pressing TAB would, in an interactive
# zsh on a pseudo-terminal with compinit and _samv from COMPDIR, and
# appends "== N" and then the candidates to OUT.  compadd is wrapped to
# record the matches zsh accepts for the word being completed (-O: after
# zsh's own prefix matching); the real compadd still runs.
zmodload zsh/zpty || { print -u2 "zsh-driver: no zsh/zpty module"; exit 1; }
compdir=$1 cases=$2 out=$3
: >$out
zpty -b z zsh -f -i || exit 1
zpty -w z "PS1='%% ' PROMPT_EOL_MARK=''; fpath=(${(q)compdir} \$fpath); autoload -Uz compinit; compinit -u -D"
zpty -w z "compadd() { local -a __m; builtin compadd -O __m \"\$@\"; print -rl -- \$__m >>${(q)out}; builtin compadd \"\$@\"; }"
# TAB completes, then says it is done with a message that counts: the next
# keys are typed only then, so none arrive while completion runs
zpty -w z "zstyle ':completion:*' menu no; LISTMAX=100000; integer __n=0"
zpty -w z '__tab() { zle complete-word; zle -M "COMPLETED:$(( ++__n ))."; }; zle -N __tab; bindkey "^I" __tab'
zpty -w z 'print -r -- READY:$(( 6 * 7 ))'
zpty -r z _ '*READY:42*' || { print -u2 "zsh-driver: zsh did not start"; exit 1; }
integer n=0
while IFS= read -r c; do
	(( n++ ))
	print -r -- "== $n" >>$out
	zpty -w -n z "${c%%|*}"$'\t'
	zpty -r z _ "*COMPLETED:$n.*" || { print -u2 "zsh-driver: no answer from zsh at case $n"; exit 1; }
	zpty -w -n z $'\C-u'
done <$cases
zpty -d z
