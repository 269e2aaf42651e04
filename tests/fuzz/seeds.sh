#!/bin/sh
# seeds.sh BINDIR OUTDIR - the fuzzers' seed corpora, derived from the
# example collaboration (docs/example/ostergotland.sh, built with the
# commands in BINDIR) so that they follow the record format as it is:
#   OUTDIR/fuzz_record/  every record file of the example: "PATH\nTEXT"
#   OUTDIR/fuzz_merge/   "PATH\nBASE\0OURS\0THEIRS" from the example's
#                        history: successive versions of a file, a file
#                        added on both sides, deleted on one and changed
#                        on the other, and three records of one type.
set -eu
bin=${1:?usage: seeds.sh BINDIR OUTDIR}
out=${2:?usage: seeds.sh BINDIR OUTDIR}
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/samv-seeds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

sh "$top/docs/example/ostergotland.sh" "$bin" "$tmp/example" >/dev/null
rm -rf "$out/fuzz_record" "$out/fuzz_merge"
mkdir -p "$out/fuzz_record" "$out/fuzz_merge"
cd "$tmp/example"

# version REV PATH: the file's text at REV ("" for absent: nothing)
version() { [ -z "$1" ] || git show "$1:$2"; }
# merge_seed NAME PATH BASE OURS THEIRS (revisions; "" is an absent file)
merge_seed() {
	{ printf '%s\n' "$2"; version "$3" "$2"; printf '\0'; version "$4" "$2"; printf '\0'; version "$5" "$2"; } \
		>"$out/fuzz_merge/$1"
}

n=0
prev1= prev2=
git ls-files -- 'samv.json' '*/*.json' | while read -r path; do
	n=$((n + 1))
	{ printf '%s\n' "$path"; cat "$path"; } >"$out/fuzz_record/$n"
	revs=$(git log --format=%H -- "$path")
	first=$(printf '%s\n' "$revs" | tail -1)
	last=$(printf '%s\n' "$revs" | head -1)
	if [ "$first" != "$last" ]; then
		second=$(printf '%s\n' "$revs" | tail -2 | head -1)
		merge_seed "$n-edits" "$path" "$first" "$last" "$second"
		merge_seed "$n-added" "$path" "" "$first" "$last"
		merge_seed "$n-deleted" "$path" "$first" "" "$last"
	fi
	# three records of one type: as if one file had held each in turn
	dir=${path%%/*}
	if [ -n "$prev2" ] && [ "${prev1%%/*}" = "$dir" ] && [ "${prev2%%/*}" = "$dir" ]; then
		{ printf '%s\n' "$path"; cat "$prev2"; printf '\0'; cat "$prev1"; printf '\0'; cat "$path"; } \
			>"$out/fuzz_merge/$n-three"
	fi
	prev2=$prev1
	prev1=$path
done
echo "seeds: $(ls "$out/fuzz_record" | wc -l) record, $(ls "$out/fuzz_merge" | wc -l) merge (in $out)"
