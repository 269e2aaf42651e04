#!/bin/sh
# hand-pack.sh - the weekly summary's figures read from the pack as samv
# reads it (issue 13's fair baseline): git ls-tree | git cat-file --batch
# | jq, and git log for the Agreement.  Run inside the repository with
# SINCE, UNTIL, TODAY and LATE set (as bench/hand-report.sh).
set -eu


git ls-tree -r HEAD meetings decisions actions | awk '{ print $3 }' |
	git cat-file --batch | grep -v '^[0-9a-f]\{40\} blob [0-9]*$' |
	jq -s -c --arg s "$SINCE" --arg u "$UNTIL" --arg late "$LATE" --arg t "$TODAY" '{
		meetings_held: map(select(.date? and .status == "held" and .date >= $s and .date <= $u and .attended != null)) | length,
		decisions: map(select(.body? != null and .status != "proposed" and .date >= $s and .date <= $u)) | length,
		actions_overdue: map(select(.owner? != null and .status == "open" and .due != null and .due < $t)) | length }'
echo "agreement_versions: $(git log --since="$SINCE 00:00" --until="$UNTIL 23:59" --format=%h -- agreement | wc -l)"
