# samv-log: the history of records, arenas and the Agreement with field
# changes, --verify, merges made with plain git, signatures, failures.

short() { git rev-parse "$1" | cut -c1-7; }

# rf-sisu added (make_repo), edited twice; an arena with a meeting and a
# decision.
make_history() {
	make_repo
	samv_run samv-actor edit rf-sisu --level national --note "Paraply för idrotten"
	samv_run samv-arena add --id stor --name Storgruppen --kind large-group-meeting --member region
	samv_run samv-meeting plan --id stor-mars --arena stor --title "Storgrupp i mars" --date 2026-03-10
	samv_run samv-decision add --id prova --kind kedge-anchor --level arena --title Pröva \
		--text "Vi prövar." --date 2026-03-10 --meeting stor-mars --arena stor
	samv_run samv-arena edit stor --member rf-sisu --remove-member region
	samv_run samv-actor edit rf-sisu --unset note
}

test_case 'the history of a record: commit, author, date, command, field changes' '
	make_history
	samv_run samv-log rf
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	commit $(git rev-parse HEAD)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:07:00 +0100
	Command:   samv-actor edit

	    actor: edit rf-sisu

	  changed actors/4e/rf-sisu.json (actor rf-sisu)
	    - note: "Paraply för idrotten"

	commit $(git rev-parse HEAD~5)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:02:00 +0100
	Command:   samv-actor edit

	    actor: edit rf-sisu

	  changed actors/4e/rf-sisu.json (actor rf-sisu)
	    ~ level: "regional" → "national"
	    + note: "Paraply för idrotten"

	commit $(git rev-parse HEAD~6)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:01:00 +0100
	Command:   samv-actor add

	    actor: add rf-sisu

	  created actors/4e/rf-sisu.json (actor rf-sisu)
	    + id: "rf-sisu"
	    + name: "RF-SISU Östergötland"
	    + sector: "civil"
	    + kind: "umbrella"
	    + level: "regional"
	    + status: "active"
	EOT
'

test_case 'an arena brings its meetings and decisions; --json is one document' '
	make_history
	samv_run samv-log stor --max-count 2
	expect_status 0
	expect_out <<-EOT
	commit $(git rev-parse HEAD~1)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:06:00 +0100
	Command:   samv-arena edit

	    arena: edit stor

	  changed arenas/02/stor.json (arena stor)
	    - members[]: "region"
	    + members[]: "rf-sisu"

	commit $(git rev-parse HEAD~2)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:05:00 +0100
	Command:   samv-decision add

	    decision: add prova

	  created decisions/7e/prova.json (decision prova)
	    + id: "prova"
	    + kind: "kedge-anchor"
	    + level: "arena"
	    + title: "Pröva"
	    + text: "Vi prövar."
	    + date: "2026-03-10"
	    + meeting: "stor-mars"
	    + arena: "stor"
	    + status: "proposed"
	EOT
	samv_run samv-log stor -n 1 --json
	expect_status 0
	expect_no_err
	expect_out <<-EOT
	{
	  "of": "arena stor (with 1 meeting and 1 decision)",
	  "paths": [
	    "arenas/02/stor.json",
	    "meetings/c8/stor-mars.json",
	    "decisions/7e/prova.json"
	  ],
	  "commits": [
	    {
	      "commit": "$(git rev-parse HEAD~1)",
	      "parents": [
	        "$(git rev-parse HEAD~2)"
	      ],
	      "author": "Eva Lind",
	      "email": "eva@example.org",
	      "date": "2026-11-23T11:06:00+01:00",
	      "command": "samv-arena edit",
	      "subject": "arena: edit stor",
	      "signature": null,
	      "files": [
	        {
	          "path": "arenas/02/stor.json",
	          "type": "arena",
	          "id": "stor",
	          "change": "changed",
	          "fields": [
	            {
	              "field": "members",
	              "change": "item-removed",
	              "item": "region"
	            },
	            {
	              "field": "members",
	              "change": "item-added",
	              "item": "rf-sisu"
	            }
	          ]
	        }
	      ]
	    }
	  ]
	}
	EOT
	samv_run samv-log prova --json
	jq -r ".of, (.commits | length), .commits[0].files[0].fields[8].new" ../.out >../got
	printf "decision prova\n1\nproposed\n" | cmp - ../got
	samv_run samv-log agreement --json
	expect_status 0
	expect_out <<-\EOT
	{
	  "of": "the Agreement",
	  "paths": [
	    "agreement"
	  ],
	  "commits": [
	  ]
	}
	EOT
'

test_case '--since and --until (dates or a revision), --rev, the whole repository' '
	make_history
	GIT_AUTHOR_DATE="@1800000000 +0100" samv-actor edit rf-sisu --note "Senare" >/dev/null
	samv_run samv-log rf --since 2026-11-24 --json
	expect_status 0
	jq -r ".commits[].date" ../.out >../got
	echo 2027-01-15T09:00:00+01:00 | cmp - ../got
	samv_run samv-log rf --until 2026-11-22
	expect_no_out
	samv_run samv-log rf --since 2026-11-23 --until 2026-11-23 --json
	jq -r ".commits[].commit" ../.out >../got
	git rev-parse HEAD~1 HEAD~6 HEAD~7 | cmp - ../got
	samv_run samv-log rf --since HEAD~1 --json
	jq -r ".commits[].commit" ../.out >../got
	git rev-parse HEAD | cmp - ../got
	samv_run samv-log rf --rev HEAD~1 --json
	jq -r ".commits[0].commit" ../.out >../got
	git rev-parse HEAD~1 | cmp - ../got
	samv_run samv-log --json
	expect_status 0
	jq -r ".of, (.paths | length), (.commits | length)" ../.out >../got
	printf "the repository\n0\n%s\n" "$(git rev-list --count HEAD)" | cmp - ../got
	samv_run samv log -n 1 rf-sisu
	expect_status 0
	head -1 ../.out >../got
	echo "commit $(git rev-parse HEAD)" | cmp - ../got
'

test_case 'failures: unknown id, bad --since and --until, bad revision, not a repository' '
	make_history
	fails 1 "samv-log: no record '"'"'zzz'"'"'" samv-log zzz
	fails 1 "samv-log: id '"'"'r'"'"' is ambiguous: actor region, actor rf-sisu" samv-log r
	fails 1 "samv-log: invalid record '"'"'A/B'"'"': no '"'"'/'"'"' or '"'"'..'"'"' in ids" samv-log A/B
	fails 2 "samv-log: --since: '"'"'yesterday'"'"' is neither a date (YYYY-MM-DD) nor a revision" \
		samv-log rf --since yesterday
	fails 2 "samv-log: --until: '"'"'2026-13-01'"'"' is not a date (YYYY-MM-DD)" samv-log rf --until 2026-13-01
	fails 2 "samv-log: --max-count: '"'"'0'"'"' is not a positive number" samv-log rf -n 0
	fails 1 "samv-log: unknown revision '"'"'nope'"'"'" samv-log rf --rev nope
	fails 1 "samv-log: unknown revision '"'"'nope'"'"'" samv-log --verify --rev nope
	fails 2 "samv-log: unexpected argument '"'"'stor'"'"' (usage: samv-log [OPTIONS] [ID])" samv-log rf stor
	fails 2 "samv-log: unexpected argument '"'"'rf'"'"' (usage: samv-log [OPTIONS] [ID])" samv-log --verify rf
	cd ..
	mkdir empty
	samv_run samv-log -C empty
	expect_status 1
	expect_err <<-\EOT
	samv-log: not in a samv repository (or any parent of '"'"'empty'"'"'); see samv-init(1)
	EOT
'

# An Agreement of version 1 on decision "anta".
make_agreement() {
	make_repo
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting --serves a >/dev/null
	samv-decision add --id anta --kind anchor --level political --title Anta --text Antas. \
		--date 2026-03-10 --arena stor --status adopted >/dev/null
	samv-agreement adopt --decision anta --title Överenskommelsen --party region \
		--purpose a="Utökad dialog" --clause 1="Parterna samverkar." >/dev/null
	test_tick
}

test_case 'a plain git merge of an amendment made on a branch: samv-check and --verify accept it' '
	make_agreement
	main=$(git symbolic-ref --short HEAD)
	git checkout -q -b side
	samv-decision add --id andra --kind anchor --level arena --title Ändra --text Ändras. \
		--date 2026-04-01 --arena stor --status adopted >/dev/null
	test_tick
	samv-agreement amend --decision andra --change-clause 1="Parterna samverkar nära." >/dev/null
	test_tick
	amended=$(git rev-parse HEAD)
	git checkout -q "$main"
	samv-actor add --id ideell --name Ideell --sector civil --kind association --level local >/dev/null
	test_tick
	git merge -q --no-edit side
	test "$(git rev-list --count --merges HEAD)" = 1
	samv_run samv-check
	expect_status 0
	expect_no_out
	samv_run samv-log --verify
	expect_status 0
	expect_no_out
	samv_run samv-agreement history --json
	jq -r ".[1].commit, .[1].decision" ../.out >../got
	printf "%s\nandra\n" "$amended" | cmp - ../got
	# the merge shows in no record history: it changed nothing itself
	samv_run samv-log agreement --json
	jq -r ".commits[].commit" ../.out >../got
	git rev-parse "$amended" "$amended~2" | cmp - ../got
'

test_case 'a merge whose Agreement differs from every parent needs its own decision' '
	make_agreement
	main=$(git symbolic-ref --short HEAD)
	git checkout -q -b side
	samv-actor add --id ideell --name Ideell --sector civil --kind association --level local >/dev/null
	test_tick
	git checkout -q "$main"
	samv-actor add --id annan --name Annan --sector civil --kind association --level local >/dev/null
	test_tick
	git merge -q --no-commit side 2>/dev/null
	printf "{\n  \"id\": \"1\",\n  \"text\": \"Ändrad i sammanslagningen.\"\n}\n" >agreement/clauses/1.json
	git add agreement
	git commit -q --no-edit
	merge=$(short HEAD)
	samv_run samv-check
	expect_status 1
	expect_out <<-EOT
	agreement/agreement.json:1:1: agreement-without-decision: commit $merge changed the Agreement without a Samv-Decision trailer
	EOT
	samv_run samv-log --verify
	expect_status 1
	expect_out <<-EOT
	agreement/agreement.json:1:1: agreement-without-decision: commit $merge changed the Agreement without a Samv-Decision trailer
	agreement/clauses/1.json:1:1: merge-differs: commit $merge is not the field by field merge of its parents: this file differs from it (changed in the merge, or a conflict resolved by hand)
	EOT
	samv_run samv-log agreement -n 1
	expect_out <<-EOT
	commit $(git rev-parse HEAD)
	Merge:     $(short HEAD^1) $(short HEAD^2)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:05:00 +0100
	Command:   none (not made by samv)

	    Merge branch '"'"'side'"'"'

	  changed agreement/clauses/1.json (clause 1)
	    ~ text: "Parterna samverkar." → "Ändrad i sammanslagningen."
	EOT
'

test_case '--verify: records invalid at a commit, a deleted decision, commits made outside samv' '
	make_history
	samv_run samv-log --verify
	expect_status 0
	expect_no_out
	dec=$(git ls-files decisions)
	git rm -q "$dec"
	sed -i "s/\"civil\"/\"civill\"/" actors/4e/rf-sisu.json
	echo hej >stray.txt
	git add -A && git commit -q -m "by hand"
	bad=$(short HEAD)
	samv-actor edit region --note "Efteråt" >/dev/null
	samv_run samv-log --verify
	expect_status 1
	expect_out <<-EOT
	actors/4e/rf-sisu.json:1:1: outside-samv: commit $bad was made outside samv (no Samv-Command trailer) and changed this file
	actors/4e/rf-sisu.json:4:3: bad-value: commit $bad: sector: '"'"'civill'"'"' is not one of public, civil, private
	decisions/7e/prova.json:1:1: decision-deleted: commit $bad deleted the decision '"'"'prova'"'"' (a decision is superseded, revoked or expired, never deleted)
	decisions/7e/prova.json:1:1: outside-samv: commit $bad was made outside samv (no Samv-Command trailer) and deleted this file
	stray.txt:1:1: outside-samv: commit $bad was made outside samv (no Samv-Command trailer) and added this file
	stray.txt:1:1: stray-file: commit $bad: does not belong in a samv repository
	EOT
	samv_run samv-log --verify --json
	expect_status 1
	jq -r ".[] | [.commit, .code] | join(\" \")" ../.out >../got
	h=$(git rev-parse HEAD~1)
	printf "$h %s\n" outside-samv bad-value decision-deleted outside-samv outside-samv stray-file | cmp - ../got
	samv_run samv-log --verify --since HEAD~1
	expect_status 0
	expect_no_out
	samv_run samv-log --verify --since HEAD~2 --json
	expect_status 1
	jq -r "length" ../.out >../got
	echo 6 | cmp - ../got
	samv_run samv-log --verify --since 2026-11-24
	expect_status 0
	expect_no_out
	samv_run samv-log --verify --rev HEAD~2
	expect_status 0
	expect_no_out
'

test_case '--verify: a forged deletion that leaves references dangling fails, as samv-check does' '
	make_history
	# an older hand commit, then a deletion with trailers written by hand
	sed -i "s/\"public\"/\"publik\"/" actors/9a/region.json
	git commit -q -a -m "by hand"
	older=$(git rev-parse HEAD)
	test_tick
	git rm -q actors/4e/rf-sisu.json
	git commit -q -m "actor: remove rf-sisu" -m "Samv-Command: samv-actor remove
	Samv-Record: actors/4e/rf-sisu.json"
	forged=$(git rev-parse HEAD)
	samv_run samv-check
	expect_status 1
	expect_out <<-\EOT
	actors/9a/region.json:4:3: bad-value: sector: '"'"'publik'"'"' is not one of public, civil, private
	arenas/02/stor.json:5:3: bad-ref: members: unknown actor '"'"'rf-sisu'"'"'
	EOT
	samv_run samv-log --verify
	expect_status 1
	expect_no_err
	expect_out <<-EOT
	arenas/02/stor.json:5:3: bad-ref: commit $(short HEAD): members: unknown actor '"'"'rf-sisu'"'"'
	actors/9a/region.json:1:1: outside-samv: commit $(short HEAD~1) was made outside samv (no Samv-Command trailer) and changed this file
	actors/9a/region.json:4:3: bad-value: commit $(short HEAD~1): sector: '"'"'publik'"'"' is not one of public, civil, private
	EOT
	samv_run samv-log --verify --json
	expect_status 1
	expect_no_err
	expect_out <<-EOT
	[
	  {
	    "file": "arenas/02/stor.json",
	    "line": 5,
	    "column": 3,
	    "code": "bad-ref",
	    "message": "commit $(short HEAD): members: unknown actor '"'"'rf-sisu'"'"'",
	    "commit": "$forged"
	  },
	  {
	    "file": "actors/9a/region.json",
	    "line": 1,
	    "column": 1,
	    "code": "outside-samv",
	    "message": "commit $(short HEAD~1) was made outside samv (no Samv-Command trailer) and changed this file",
	    "commit": "$older"
	  },
	  {
	    "file": "actors/9a/region.json",
	    "line": 4,
	    "column": 3,
	    "code": "bad-value",
	    "message": "commit $(short HEAD~1): sector: '"'"'publik'"'"' is not one of public, civil, private",
	    "commit": "$older"
	  }
	]
	EOT
	# once the arena no longer names it, the history from there is clean
	samv-arena edit stor --remove-member rf-sisu >/dev/null
	samv_run samv-log --verify --since HEAD~1
	expect_status 0
	expect_no_out
'

test_case '--verify: a deleted purpose that an arena still serves, and a deleted meeting a decision names' '
	make_agreement
	samv-meeting plan --id stor-mars --arena stor --title "Storgrupp i mars" --date 2026-03-10 >/dev/null
	samv-decision add --id prova --kind kedge-anchor --level arena --title Pröva --text "Vi prövar." \
		--date 2026-03-10 --meeting stor-mars --arena stor >/dev/null
	git rm -q agreement/purposes/a.json meetings/c8/stor-mars.json
	git commit -q -m "remove" -m "Samv-Command: samv-meeting remove"
	samv_run samv-log --verify
	expect_status 1
	expect_out <<-EOT
	agreement/agreement.json:1:1: agreement-without-decision: commit $(short HEAD) changed the Agreement without a Samv-Decision trailer
	arenas/02/stor.json:5:3: unknown-purpose: commit $(short HEAD): serves: the Agreement has no purpose '"'"'a'"'"'
	decisions/7e/prova.json:8:3: bad-ref: commit $(short HEAD): meeting: unknown meeting '"'"'stor-mars'"'"'
	EOT
'

# Two clones of one collaboration that meet on a bare repository: ./a
# (made by samv-init) and ./b (a plain git clone, set up for the merge
# driver with samv-sync --setup); the shell is left in ./a.
make_clones() {
	make_repo
	git init -q --bare -b "$(git symbolic-ref --short HEAD)" ../origin.git
	git remote add origin ../origin.git
	git push -q -u origin HEAD 2>/dev/null
	cd ..
	git clone -q origin.git b
	(cd b && samv-sync --setup >/dev/null)
	cd repo
}

test_case '--verify: a clean field by field merge made by git pull through the merge driver passes' '
	make_clones
	(cd ../b && samv-actor edit region --note "Från b" >/dev/null && git push -q 2>/dev/null)
	samv-actor edit region --level national >/dev/null
	test_tick
	git -c pull.rebase=false pull -q --no-edit >/dev/null 2>&1
	test "$(git rev-list --count --merges HEAD)" = 1
	git log -1 --format=%B | grep -q Samv-Command && exit 1
	jq -r ".level, .note" actors/9a/region.json >../got
	printf "national\nFrån b\n" | cmp - ../got
	samv_run samv-check
	expect_status 0
	expect_no_out
	samv_run samv-log --verify
	expect_status 0
	expect_no_out
	# the same merge changed by hand afterwards is not the merge of its parents
	sed -i "s/\"national\"/\"local\"/" actors/9a/region.json
	git commit -q --amend --no-edit -a
	merge=$(short HEAD)
	samv_run samv-log --verify
	expect_status 1
	expect_out <<-EOT
	actors/9a/region.json:1:1: merge-differs: commit $merge is not the field by field merge of its parents: this file differs from it (changed in the merge, or a conflict resolved by hand)
	EOT
'

test_case '--verify: a conflict resolved by hand fails; resolved with samv-sync --theirs, it passes' '
	make_clones
	(cd ../b && samv-actor edit region --level local >/dev/null && git push -q 2>/dev/null)
	samv-actor edit region --level national --note "Från a" >/dev/null
	test_tick
	# through git pull, resolved by hand with a third value
	git -c pull.rebase=false pull -q --no-edit >/dev/null 2>&1 && exit 1
	git show HEAD:actors/9a/region.json | sed "s/\"national\"/\"regional\"/" >actors/9a/region.json
	git commit -q -a --no-edit
	test "$(git rev-list --count --merges HEAD)" = 1
	samv_run samv-log --verify
	expect_status 1
	expect_out <<-EOT
	actors/9a/region.json:1:1: merge-differs: commit $(short HEAD) is not the field by field merge of its parents: this file differs from it (changed in the merge, or a conflict resolved by hand)
	EOT
	# the same conflict through samv-sync, which takes their value
	git reset -q --hard HEAD^1
	samv_run samv-sync
	expect_status 1
	samv_run samv-sync --theirs
	expect_status 0
	test "$(git rev-list --count --merges HEAD)" = 1
	jq -r ".level, .note" actors/9a/region.json >../got
	printf "local\nFrån a\n" | cmp - ../got
	samv_run samv-log --verify
	expect_status 0
	expect_no_out
'

test_case '--verify: what one branch deleted, referred to from the other, is a problem of the merge' '
	make_clones
	(cd ../b && git rm -q actors/4e/rf-sisu.json && git commit -q -m "by hand" && git push -q 2>/dev/null)
	samv-arena add --id stor --name Storgruppen --kind large-group-meeting --member rf-sisu >/dev/null
	test_tick
	git -c pull.rebase=false pull -q --no-edit >/dev/null 2>&1
	samv_run samv-log --verify --json
	expect_status 1
	jq -r ".[] | [.commit, .file, .code, .message] | join(\" \")" ../.out >../got
	cat >../want <<-EOT
	$(git rev-parse HEAD) arenas/02/stor.json bad-ref commit $(short HEAD): members: unknown actor '"'"'rf-sisu'"'"'
	$(git rev-parse HEAD^2) actors/4e/rf-sisu.json outside-samv commit $(short HEAD^2) was made outside samv (no Samv-Command trailer) and deleted this file
	EOT
	cmp ../want ../got
'

# Signatures, judged as git log --show-signature judges them.  Without
# ssh-keygen or gpg these cases fail: .ci/deps installs them.
# need TOOL PACKAGE: fail the case, saying what to install, when TOOL is missing.
need() {
	command -v "$1" >/dev/null 2>&1 && return 0
	echo "# $1 is not installed (sh .ci/deps installs $2)" >&2
	return 1
}

test_case 'ssh signatures: good, a key no allowed signer has, bad' '
	need ssh-keygen openssh-client
	make_repo
	ssh-keygen -q -t ed25519 -N "" -C eva -f ../eva
	ssh-keygen -q -t ed25519 -N "" -C ali -f ../ali
	echo "eva@example.org namespaces=\"git\" $(cat ../eva.pub)" >../allowed
	git config gpg.format ssh
	git config user.signingkey "$TRASH/eva.pub"
	sed -i "s/\"regional\"/\"national\"/" actors/4e/rf-sisu.json
	git commit -q -S -a -m "signed by eva"
	samv_run samv-log rf -n 1
	expect_status 0
	expect_out <<-EOT
	commit $(git rev-parse HEAD)
	Author:    Eva Lind <eva@example.org>
	Date:      2026-11-23 11:02:00 +0100
	Command:   none (not made by samv)
	Signature: unknown-key ssh signature, key $(ssh-keygen -lf ../eva.pub | cut -d" " -f2)

	    signed by eva

	  changed actors/4e/rf-sisu.json (actor rf-sisu)
	    ~ level: "regional" → "national"
	EOT
	git config gpg.ssh.allowedSignersFile "$TRASH/allowed"
	samv_run samv-log rf -n 1 --json
	jq -c .commits[0].signature ../.out >../got
	cat >../want <<-EOT
	{"format":"ssh","status":"good","signer":"eva@example.org","key":"$(ssh-keygen -lf ../eva.pub | cut -d" " -f2)","message":"Good \"git\" signature for eva@example.org with key $(ssh-keygen -lf ../eva.pub | cut -d" " -f2)"}
	EOT
	cmp ../want ../got
	git config user.signingkey "$TRASH/ali.pub"
	sed -i "s/\"national\"/\"local\"/" actors/4e/rf-sisu.json
	git commit -q -S -a -m "signed by ali"
	samv_run samv-log rf -n 1 --json
	jq -r ".commits[0].signature | .status, .key, .message" ../.out >../got
	ali=$(ssh-keygen -lf ../ali.pub | cut -d" " -f2)
	printf "unknown-key\n%s\nNo principal matched the key %s in gpg.ssh.allowedSignersFile\n" "$ali" "$ali" | cmp - ../got
	# the commit changed after it was signed
	git cat-file commit HEAD | sed "s/^signed by ali/signed by someone/" | git hash-object -t commit -w --stdin >../new
	git update-ref HEAD "$(cat ../new)"
	samv_run samv-log rf -n 1
	expect_status 0
	grep "^Signature" ../.out >../got
	echo "Signature: bad ssh signature" | cmp - ../got
	samv_run samv-log rf -n 1 --no-signatures --json
	jq -r ".commits[0].signature" ../.out >../got
	echo null | cmp - ../got
'

test_case 'OpenPGP signatures: good, unknown key' '
	need gpg gnupg
	make_repo
	export GNUPGHOME="$TRASH/gnupg"
	mkdir -m 700 "$GNUPGHOME"
	gpg -q --batch --passphrase "" --quick-gen-key "Eva Lind <eva@example.org>" ed25519 sign never 2>/dev/null
	fpr=$(gpg --with-colons --list-keys eva@example.org | sed -n "s/^fpr:*\([0-9A-F]*\):.*/\1/p" | head -1)
	git config user.signingkey eva@example.org
	sed -i "s/\"regional\"/\"national\"/" actors/4e/rf-sisu.json
	git commit -q -S -a -m "signed with gpg"
	samv_run samv-log rf -n 1
	expect_status 0
	grep "^Signature" ../.out >../got
	echo "Signature: good openpgp signature by Eva Lind <eva@example.org>, key $fpr" | cmp - ../got
	gpg -q --batch --yes --delete-secret-and-public-key "$fpr" 2>/dev/null
	samv_run samv-log rf -n 1 --json
	jq -r ".commits[0].signature | .format, .status, .signer" ../.out >../got
	printf "openpgp\nunknown-key\nnull\n" | cmp - ../got
	gpgconf --kill gpg-agent 2>/dev/null || :
'
