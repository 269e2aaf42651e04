#!/bin/sh
# run.sh DIR SECONDS FUZZER... - run each libFuzzer harness (built in DIR)
# for SECONDS on its corpus: DIR/corpus/NAME (kept between runs, not in
# git), the seeds derived from docs/example (DIR/seeds/NAME) and the
# inputs of past findings (tests/fuzz/regress/NAME).  One line a
# harness: execs, rate, corpus size.  A crash, a leak or a broken
# property fails the run, the input kept in DIR/crashes.
set -u
dir=${1:?usage: run.sh DIR SECONDS FUZZER...}
secs=${2:?usage: run.sh DIR SECONDS FUZZER...}
shift 2
here=$(cd "$(dirname "$0")" && pwd)
failed=0
mkdir -p "$dir/crashes"
for name in "$@"; do
	mkdir -p "$dir/corpus/$name" "$dir/seeds/$name" "$here/regress/$name"
	log=$dir/$name.log
	rc=0
	nice "$dir/$name" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
		-dict="$here/json.dict" \
		-artifact_prefix="$dir/crashes/$name-" \
		"$dir/corpus/$name" "$dir/seeds/$name" "$here/regress/$name" >"$log" 2>&1 || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	corpus=$(ls "$dir/corpus/$name" | wc -l)
	if [ "$rc" -ne 0 ] || [ -z "$execs" ]; then
		echo "not ok - $name: exit status $rc after ${execs:-?} execs; the end of $log:"
		tail -40 "$log" | sed 's/^/#   /'
		failed=$((failed + 1))
	else
		echo "ok - $name: $execs execs in $secs s ($((execs / secs))/s), corpus $corpus inputs, no crash"
	fi
done
[ "$failed" -eq 0 ]
