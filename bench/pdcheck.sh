#!/bin/sh
# pdcheck.sh - what samv-check's personal data warnings cost
# (docs/PERFORMANCE.md, "samv-check's personal data scan"): samv-check
# --no-history of a bench/gen-collab collaboration, timed with the scan
# (NEW, the build under test) and without it (OLD, a build from before the
# scan), the two runs interleaved so that the load of a shared machine
# falls on both alike.  The figure is CPU time (user + system, from
# /usr/bin/time), which the load of other processes disturbs less than
# wall time; wall time is shown too.
#
#   sh bench/pdcheck.sh /abs/path/to/new/bin /abs/path/to/old/bin
#
# Environment: BENCH_SIZES (default "10000 50000"), BENCH_RUNS (default 7),
# BENCH_DIR, BENCH_KEEP=1 (as bench/run.sh).
set -eu

if [ $# -ne 2 ] || [ ! -x "$1/samv-check" ] || [ ! -x "$2/samv-check" ]; then
	echo "usage: sh bench/pdcheck.sh /abs/path/to/new/bin /abs/path/to/old/bin" >&2
	exit 2
fi
bin=$1
old=$2
top=$(cd "$(dirname "$0")/.." && pwd)
build=$(dirname "$bin")
sizes=${BENCH_SIZES:-10000 50000}
runs=${BENCH_RUNS:-7}
. "$top/bench/lib.sh"
bench_setup
collab_setup

ms() { # command: "CPU WALL" in ms
	/usr/bin/time -f "%U %S %e" -o "$work/time" "$@" >/dev/null 2>&1 || :
	awk '{ printf "%d %d\n", ($1 + $2) * 1000, $3 * 1000 }' "$work/time"
}

machine_info
echo "| records | CPU without the scan (ms) | CPU with the scan (ms) | paired difference (ms) | wall without / with (ms) |"
echo "|---:|---:|---:|---:|---:|"
for size in $sizes; do
	repo=$work/collab-$size
	[ -d "$repo/.git" ] || { say "building $size records in $repo"; collab_repo "$size" "$repo"; }
	cd "$repo"
	"$bin/samv-check" --no-history >"$work/warnings" || :
	say "$size: $(wc -l <"$work/warnings") warnings"
	"$old/samv-check" --no-history >/dev/null 2>&1 || :
	: >"$work/times"
	i=0
	while [ "$i" -lt "$runs" ]; do
		a=$(ms "$old/samv-check" --no-history)
		b=$(ms "$bin/samv-check" --no-history)
		echo "$a $b" >>"$work/times"
		i=$((i + 1))
	done
	awk -v size="$size" '{
		a[NR] = $1; b[NR] = $3; d[NR] = $3 - $1; sa += $1; sb += $3; sd += $3 - $1; wa += $2; wb += $4
	} END {
		ma = sa / NR; mb = sb / NR; md = sd / NR
		for (i = 1; i <= NR; i++) { va += (a[i] - ma) ^ 2; vb += (b[i] - mb) ^ 2; vd += (d[i] - md) ^ 2 }
		printf "| %d | %.0f ± %.0f | %.0f ± %.0f | %+.0f ± %.0f (%+.1f %%) | %.0f / %.0f |\n", size, ma,
			sqrt(va / (NR - 1)), mb, sqrt(vb / (NR - 1)), md, sqrt(vd / (NR - 1)), 100 * md / ma, wa / NR, wb / NR
	}' "$work/times"
done
