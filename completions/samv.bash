# bash completion for samv and the samv-* commands.
#
# Nothing here lists an option by hand: the commands describe themselves
# from the same option tables that parse their arguments.
#   CMD --completion-helper            subcommands and options (one a line;
#                                      "--name=" takes a value)
#   CMD SUB --completion-helper        the options of SUB
#   CMD [SUB] --completion-values=OPT  the values of OPT: an enum's words,
#                                      or the ids a reference option names
#   CMD list --ids --all               ids, for ID operands
#   samv-log --completion-values=ID    samv-log's operand: every id
# -C DIR typed earlier on the line (to samv or to the command) is passed
# on, so ids come from the repository the command will use.

_samv() {
	local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}
	local cmd=${COMP_WORDS[0]##*/} first=1 sub="" sub2="" grp="" opt="" j w
	local -a dir=()

	COMPREPLY=()
	if [[ $cmd == samv ]]; then
		# the front's options before the command; each -C DIR is taken
		# from the one before, as samv(1) and git do
		local fdir="" v
		j=1
		while ((j < COMP_CWORD)); do
			w=${COMP_WORDS[j]}
			case $w in
			-C | --dir)
				((j++))
				[[ ${COMP_WORDS[j]} == = ]] && ((j++))
				((j < COMP_CWORD)) || break
				v=${COMP_WORDS[j]}
				if [[ $v == /* ]]; then fdir=$v; else fdir=${fdir:+$fdir/}$v; fi ;;
			-*) ;;
			*) break ;;
			esac
			((j++))
		done
		if ((j >= COMP_CWORD)); then
			[[ $cur == = ]] && cur=""
			if [[ $prev == -C || $prev == --dir || ($prev == = && ${COMP_WORDS[COMP_CWORD-2]} == --dir) ]]; then
				mapfile -t COMPREPLY < <(compgen -d -- "$cur")
			else
				mapfile -t COMPREPLY < <(compgen -W "$(samv --completion-helper 2>/dev/null)" -- "$cur")
				[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
			fi
			return
		fi
		# "samv help COMMAND": the commands
		if [[ ${COMP_WORDS[j]} == help ]]; then
			((COMP_CWORD == j + 1)) &&
				mapfile -t COMPREPLY < <(compgen -W "$(samv --completion-helper 2>/dev/null | grep -v -e '^-' -e '^help$')" -- "$cur")
			return
		fi
		cmd=samv-${COMP_WORDS[j]}
		first=$((j + 1))
		[[ -n $fdir ]] && dir=(-C "$fdir")
	fi
	for ((j = first; j < COMP_CWORD; j++)); do
		w=${COMP_WORDS[j]}
		case $w in
		-C) dir=(-C "${COMP_WORDS[j+1]}"); ((j++)) ;;
		--dir=*) dir=(-C "${w#--dir=}") ;;
		-* | =) ;;
		*)
			if [[ ${COMP_WORDS[j-1]} == = ]]; then :
			elif [[ -z $sub ]]; then sub=$w
			elif [[ -z $sub2 ]]; then sub2=$w
			fi ;;
		esac
	done
	case $cmd in samv-init | samv-check | samv-log | samv-sync | samv-merge-driver | samv-export) sub="" ;; esac
	# "samv-meeting action SUB": a command within a command
	if [[ $cmd == samv-meeting && $sub == action ]]; then
		grp=action
		sub=$sub2
	fi

	# the value of an option: --opt=VALUE (bash splits at '=') or --opt VALUE
	if [[ $cur == = ]]; then
		opt=$prev
		cur=""
	elif [[ $prev == = ]]; then
		opt=${COMP_WORDS[COMP_CWORD-2]}
	elif [[ $prev == --* ]] && "$cmd" $grp $sub --completion-helper 2>/dev/null | grep -qx -- "$prev="; then
		opt=$prev
	fi
	if [[ -n $opt ]]; then
		[[ $opt == --dir || $opt == -C ]] && { mapfile -t COMPREPLY < <(compgen -d -- "$cur"); return; }
		mapfile -t COMPREPLY < <(compgen -W "$("$cmd" "${dir[@]}" $grp $sub --completion-values="$opt" 2>/dev/null)" -- "$cur")
		return
	fi
	if [[ $prev == -C ]]; then
		mapfile -t COMPREPLY < <(compgen -d -- "$cur")
		return
	fi
	if [[ $cur == -* ]]; then
		mapfile -t COMPREPLY < <(compgen -W "$("$cmd" $grp $sub --completion-helper 2>/dev/null | grep '^-')" -- "$cur")
		[[ ${COMPREPLY[0]} == *= ]] && compopt -o nospace 2>/dev/null
		return
	fi
	case $cmd in
	samv-init | samv-export) mapfile -t COMPREPLY < <(compgen -d -- "$cur") ;;
	samv-report)
		# the report, then an arena for "arena"
		if [[ -z $sub ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$("$cmd" --completion-helper 2>/dev/null | grep -v '^-')" -- "$cur")
		elif [[ $sub == arena && -z $sub2 ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$(samv-arena "${dir[@]}" list --ids --all 2>/dev/null)" -- "$cur")
		fi ;;
	samv-log) mapfile -t COMPREPLY < <(compgen -W "$("$cmd" "${dir[@]}" --completion-values=ID 2>/dev/null)" -- "$cur") ;;
	samv-check | samv-sync | samv-merge-driver | samv-agreement)
		[[ -z $sub ]] && mapfile -t COMPREPLY < <(compgen -W "$("$cmd" --completion-helper 2>/dev/null | grep -v '^-')" -- "$cur") ;;
	*)
		if [[ -z $sub ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$("$cmd" $grp --completion-helper 2>/dev/null | grep -v '^-')" -- "$cur")
		elif [[ $cmd == samv-assess && $sub == instrument ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$("$cmd" "${dir[@]}" instruments --ids 2>/dev/null)" -- "$cur")
		elif [[ $cmd == samv-assess && $sub == trend ]]; then
			mapfile -t COMPREPLY < <(compgen -W "collaboration $(samv-actor "${dir[@]}" list --ids --all 2>/dev/null) $(samv-arena "${dir[@]}" list --ids --all 2>/dev/null)" -- "$cur")
		elif [[ $cmd == samv-assess && $sub == levels ]]; then
			mapfile -t COMPREPLY < <(compgen -W "$(samv-actor "${dir[@]}" list --ids --all 2>/dev/null)" -- "$cur")
		else
			# every subcommand but these takes a record id
			case $sub in
			add | plan | list | record | overdue | due | action | gaps | instruments) ;;
			*) mapfile -t COMPREPLY < <(compgen -W "$("$cmd" "${dir[@]}" $grp list --ids --all 2>/dev/null)" -- "$cur") ;;
			esac
		fi
		;;
	esac
}

complete -F _samv samv samv-init samv-actor samv-person samv-arena samv-meeting samv-decision samv-agreement samv-assess samv-check samv-report samv-export samv-log samv-sync samv-merge-driver samv-challenge samv-target samv-resource samv-glossary samv-body samv-plan
