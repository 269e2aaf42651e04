# fish completion for samv.  The Makefile installs one copy per command,
# rewriting the next line; the commands describe their own options and
# values (see the protocol at the top of samv.bash).
set -l samv_cmd samv

function __samv_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -l cmd (basename -- $tokens[1])
    set -l first 2
    set -l dir
    if test "$cmd" = samv
        # the front's options before the command; each -C DIR is taken
        # from the one before, as samv(1) and git do
        set -l fdir
        set -l j 2
        set -l n (count $tokens)
        while test $j -le $n
            set -l v
            switch $tokens[$j]
                case -C --dir
                    set j (math $j + 1)
                    test $j -le $n; or break
                    set v $tokens[$j]
                case '--dir=*'
                    set v (string replace -- --dir= '' $tokens[$j])
                case '-*'
                case '*'
                    break
            end
            if test -n "$v"
                if string match -q -- '/*' $v; or test -z "$fdir"
                    set fdir $v
                else
                    set fdir $fdir/$v
                end
            end
            set j (math $j + 1)
        end
        if test $j -gt $n
            if contains -- $tokens[-1] -C --dir
                __fish_complete_directories $cur
            else
                samv --completion-helper 2>/dev/null
            end
            return
        end
        # "samv help COMMAND": the commands
        if test "$tokens[$j]" = help
            test $j -eq $n; and samv --completion-helper 2>/dev/null | string match -v -r -- '^-|^help$'
            return
        end
        set cmd samv-$tokens[$j]
        set first (math $j + 1)
        test -n "$fdir"; and set dir -C $fdir
    end
    set -l sub
    set -l sub2
    set -l grp
    set -l j $first
    while test $j -le (count $tokens)
        set -l w $tokens[$j]
        switch $w
            case -C
                set j (math $j + 1)
                set dir -C $tokens[$j]
            case '--dir=*'
                set dir -C (string replace -- --dir= '' $w)
            case '-*'
            case '*'
                if test -z "$sub"
                    set sub $w
                else if test -z "$sub2"
                    set sub2 $w
                end
        end
        set j (math $j + 1)
    end
    contains -- $cmd samv-init samv-check samv-log samv-sync samv-merge-driver samv-export; and set sub
    # "samv-meeting action SUB": a command within a command
    if test "$cmd" = samv-meeting -a "$sub" = action
        set grp action
        set sub $sub2
    end

    # a directory after -C and --dir
    if test "$tokens[-1]" = -C
        __fish_complete_directories $cur
        return
    end
    if string match -q -- '--dir=*' $cur
        __fish_complete_directories (string replace -- --dir= '' $cur) | string replace -r -- '^' --dir=
        return
    end
    if string match -q -- '--*=*' $cur
        set -l opt (string replace -r -- '=.*' '' $cur)
        for v in ($cmd $dir $grp $sub --completion-values=$opt 2>/dev/null)
            echo "$opt=$v"
        end
        return
    end
    set -l last $tokens[-1]
    if string match -q -- '--*' $last; and contains -- "$last=" ($cmd $grp $sub --completion-helper 2>/dev/null)
        $cmd $dir $grp $sub --completion-values=$last 2>/dev/null
        return
    end
    if string match -q -- '-*' $cur
        $cmd $grp $sub --completion-helper 2>/dev/null | string match -- '-*'
        return
    end
    switch $cmd
        case samv-init samv-export
            __fish_complete_directories $cur
        case samv-report
            # the report, then an arena for "arena"
            if test -z "$sub"
                $cmd --completion-helper 2>/dev/null | string match -v -- '-*'
            else if test "$sub" = arena -a -z "$sub2"
                samv-arena $dir list --ids --all 2>/dev/null
            end
        case samv-log
            $cmd $dir --completion-values=ID 2>/dev/null
        case samv-check samv-sync samv-merge-driver
        case samv-agreement
            test -z "$sub"; and $cmd --completion-helper 2>/dev/null | string match -v -- '-*'
        case '*'
            if test -z "$sub"
                $cmd $grp --completion-helper 2>/dev/null | string match -v -- '-*'
            else if test "$cmd" = samv-assess -a "$sub" = instrument
                $cmd $dir instruments --ids 2>/dev/null
            else if test "$cmd" = samv-assess -a "$sub" = trend
                echo collaboration
                samv-actor $dir list --ids --all 2>/dev/null
                samv-arena $dir list --ids --all 2>/dev/null
            else if test "$cmd" = samv-assess -a "$sub" = levels
                samv-actor $dir list --ids --all 2>/dev/null
            else if not contains -- $sub add plan list record overdue due action gaps instruments
                # every other subcommand takes a record id
                $cmd $dir $grp list --ids --all 2>/dev/null
            end
    end
end

complete -c $samv_cmd -f -a '(__samv_complete)'
