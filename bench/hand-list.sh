#!/bin/sh
# hand-list.sh - a list of one record directory read from the pack by
# hand, as bench/hand-pack.sh reads the summary's: git ls-tree | git
# cat-file --batch | jq, one line a record (id and title or name).
#
#   sh bench/hand-list.sh DIR      (inside the repository)
set -eu

git ls-tree -r HEAD "$1" | awk '{ print $3 }' |
	git cat-file --batch | grep -v '^[0-9a-f]\{40\} blob [0-9]*$' |
	jq -r '[.id, (.title // .name)] | @tsv'
