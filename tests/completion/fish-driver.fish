# fish-driver.fish COMPDIR CASES OUT: loads COMPDIR/samv.fish for every
# command (as make install does), completes each line of CASES (the command
# line before "|") with complete -C, and writes "== N" and the candidates
# to OUT; "--opt=VALUE" candidates are cut to VALUE, as bash and zsh give
# them, and descriptions are left out.
for c in samv samv-init samv-actor samv-person samv-arena samv-meeting samv-decision samv-agreement samv-assess samv-check samv-report samv-export samv-log samv-sync samv-merge-driver samv-challenge samv-target samv-resource samv-glossary samv-body samv-plan
    sed "s/^set -l samv_cmd .*/set -l samv_cmd $c/" $argv[1]/samv.fish | source
end
set -l n 0
begin
    while read -l c
        set n (math $n + 1)
        echo "== $n"
        set -l line (string split -m1 '|' -- $c)[1]
        set -l cur (string split ' ' -- $line)[-1]
        set -l pre ''
        string match -qr -- '^-[^=]*=' $cur; and set pre (string match -r -- '^-[^=]*=' $cur)
        for r in (complete -C "$line")
            set r (string split -m1 \t -- $r)[1]
            if test -n "$pre"
                string replace -- $pre '' $r
            else
                echo $r
            end
        end
    end <$argv[2]
end >$argv[3]
