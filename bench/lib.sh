# lib.sh - what the benchmarks share: say, and time_pair, which times a
# samv command against its by-hand equivalent and appends a table row to
# $work/table.  Sourced by bench/run.sh and bench/report.sh, which set
# work, size and have_hyperfine.

say() { echo "bench: $*" >&2; }

# time_pair NAME RUNS SAMV-COMMAND HAND-COMMAND: appends a table row.
time_pair() {
	name=$1 n=$2 warm=2
	[ "$n" -ge 10 ] || warm=1
	if [ "$have_hyperfine" = 1 ]; then
		hyperfine --style none --warmup "$warm" --runs "$n" --export-json "$work/t.json" \
			"$3" "$4" >/dev/null 2>"$work/hf.err" || { cat "$work/hf.err" >&2; exit 1; }
		jq -r '.results | map("\(.mean * 1000) \(.stddev * 1000)") | join(" ")' "$work/t.json" >"$work/t.txt"
	else
		{ loop_mean "$n" "$3"; echo " 0 "; loop_mean "$n" "$4"; echo " 0"; } | tr -d '\n' >"$work/t.txt"
		echo >>"$work/t.txt" # read(1) fails on a last line without one
	fi
	read -r sm ss hm hs <"$work/t.txt"
	awk -v size="$size" -v name="$name" -v sm="$sm" -v ss="$ss" -v hm="$hm" -v hs="$hs" 'BEGIN {
		printf "| %d | %s | %.1f ± %.1f | %.1f ± %.1f | %.2f |\n", size, name, sm, ss, hm, hs, hm / sm
	}' >>"$work/table"
	say "$size $name: samv $(printf %.1f "$sm") ms, by hand $(printf %.1f "$hm") ms"
}

loop_mean() { # runs command: mean wall time in ms
	sh -c "$2" >/dev/null 2>&1
	t0=$(date +%s%N)
	i=0
	while [ "$i" -lt "$1" ]; do
		sh -c "$2" >/dev/null
		i=$((i + 1))
	done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / $1 / 1000))e-3
}

# machine_info: one line on the machine the figures were taken on.
machine_info() {
	cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
	mem=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
	fs=$(df -T "$work" | awk 'NR == 2 { print $2 }')
	echo "machine: $(nproc) CPUs, $cpu, $mem memory, $fs file system, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# bench_setup: the tools, hyperfine or not, and the work directory
# ($BENCH_DIR or a new one, removed at the end unless BENCH_KEEP=1).
bench_setup() {
	for tool in git jq; do
		command -v $tool >/dev/null 2>&1 || { echo "bench: $tool is needed (apt-get install $tool)" >&2; exit 1; }
	done
	have_hyperfine=0
	command -v hyperfine >/dev/null 2>&1 && have_hyperfine=1
	if [ -n "${BENCH_DIR:-}" ]; then
		work=$BENCH_DIR
		mkdir -p "$work"
	else
		work=$(mktemp -d "${TMPDIR:-/tmp}/samv-bench.XXXXXX")
	fi
	trap cleanup EXIT
	trap 'exit 1' INT TERM
}
cleanup() { [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$work"; }

# collab_setup: for the benchmarks on bench/gen-collab's collaborations
# ($bin, $build, $top, $work set): a fixed environment (today 2026-11-23,
# the generated history ends the day before) and the generator, built
# against libcommon as $gen.
collab_setup() {
	export PATH="$bin:$PATH"
	export HOME="$work/home" GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC
	export GIT_AUTHOR_NAME="Bench Mark" GIT_AUTHOR_EMAIL="bench@example.org"
	export GIT_COMMITTER_NAME="Bench Mark" GIT_COMMITTER_EMAIL="bench@example.org"
	export SAMV_TODAY=2026-11-23 TODAY=2026-11-23
	unset SAMV_DIR
	mkdir -p "$HOME" "$build/bench"
	gen=$build/bench/gen-collab
	# shellcheck disable=SC2046
	${CC:-cc} -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -O2 -I"$top/libcommon" \
		$(pkg-config --cflags libgit2 libcjson) -o "$gen" "$top/bench/gen-collab.c" \
		"$build/libcommon.a" $(pkg-config --libs libgit2 libcjson sqlite3 libcrypto) -lm
}

# collab_repo SIZE DIR [--one-commit]: a collaboration of SIZE records made
# one commit each over ten years (or in one commit), packed, with a commit
# graph
collab_repo() {
	rm -rf "$2"
	samv-init --name "Bench $1" --region Östergötland "$2" >/dev/null
	(
		cd "$2"
		branch=$(git symbolic-ref --short HEAD)
		"$gen" "$1" 10 "$TODAY" "refs/heads/$branch" ${3:-} | git fast-import --quiet
		git reset -q --hard
		git repack -adf -q
		git commit-graph write --reachable >/dev/null 2>&1
	)
}
