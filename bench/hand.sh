#!/bin/sh
# hand.sh - what a coordinator would do without samv, for bench/run.sh to
# time against samv-actor: write the record with jq, git add, git commit.
#
#   sh hand.sh add            the next "ID PATH" line of $HAND_PATHS
#                             (counted in $HAND_COUNTER) as a new record
#   sh hand.sh edit PATH      set the record's note to the current time
#
# Run inside the repository.  The records jq writes are in samv's
# canonical form (same key order and indentation), so samv-check stays
# quiet after a run.
set -eu

case ${1:-} in
add)
	n=$(($(cat "$HAND_COUNTER") + 1))
	echo "$n" >"$HAND_COUNTER"
	line=$(sed -n "${n}p" "$HAND_PATHS")
	id=${line%% *}
	path=${line#* }
	mkdir -p "${path%/*}"
	jq -n --arg id "$id" '{id: $id, name: "Ny förening", sector: "civil",
		kind: "association", level: "local", area: "Linköping", status: "active"}' >"$path"
	git add "$path"
	git commit -q -m "actor: add $id" -m "Ny förening" \
		-m "Samv-Command: hand.sh add
Samv-Record: $path"
	;;
edit)
	path=$2
	jq --arg note "$(date +%s%N)" '.note = $note' "$path" >"$path.tmp"
	mv "$path.tmp" "$path"
	git add "$path"
	git commit -q -m "actor: edit ${path##*/}" -m "Changed: note" \
		-m "Samv-Command: hand.sh edit
Samv-Record: $path"
	;;
*)
	echo "usage: sh hand.sh add | edit PATH" >&2
	exit 2
	;;
esac
