#!/bin/sh
# hand-report.sh - the weekly summary as a coordinator would make it
# without samv, for bench/report.sh to time against samv-report: find and
# jq over the record files, git log for the Agreement's changes.  Run
# inside the repository with SINCE, UNTIL, TODAY and LATE (today less the
# minutes days) set.  Prints the same figures as samv-report's summary
# (actions opened aside: that needs a join of actions to meetings).
set -eu

find meetings -name '*.json' -exec cat {} + |
	jq -s -c --arg s "$SINCE" --arg u "$UNTIL" --arg late "$LATE" '{
		meetings_held: map(select(.date >= $s and .date <= $u and .status == "held")) | length,
		meetings_planned: map(select(.date >= $s and .date <= $u and .status == "planned")) | length,
		minutes_late: map(select(.status == "held" and .date <= $late and ((.distributed // []) | length) == 0)) | length }'
find decisions -name '*.json' -exec cat {} + |
	jq -s -c --arg s "$SINCE" --arg u "$UNTIL" --arg t "$TODAY" '{
		decisions: map(select(.status != "proposed" and .date >= $s and .date <= $u)) | length,
		anchors: map(select(.status != "proposed" and .date >= $s and .date <= $u and .kind == "anchor")) | length,
		decisions_due: map(select(.status == "adopted" and .review != null and .review <= $t)) | length }'
find actions -name '*.json' -exec cat {} + |
	jq -s -c --arg s "$SINCE" --arg u "$UNTIL" --arg t "$TODAY" '{
		actions_done: map(select(.status == "done" and .done >= $s and .done <= $u)) | length,
		actions_overdue: map(select(.status == "open" and .due != null and .due < $t)) | length }'
echo "agreement_versions: $(git log --since="$SINCE 00:00" --until="$UNTIL 23:59" --format=%h -- agreement | wc -l)"
