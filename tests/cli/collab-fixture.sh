# collab-fixture.sh - a generated collaboration for the cache tests
# (t3200, t3500), sourced by them.

# A collaboration made by bench/gen-collab (N records over YEARS years up
# to today, one commit each), built against the library under test (with
# its sanitizers: make check-cli passes them in CC; the generator's own
# leaks at exit are not the library's).
make_collab() {
	gen=$SAMV_CLI_ROOT/gen-collab
	if [ ! -x "$gen" ]; then
		# shellcheck disable=SC2046
		${CC:-cc} -std=c11 -D_GNU_SOURCE -O1 -I"$top/libcommon" $(pkg-config --cflags libgit2 libcjson) \
			-o "$gen.$$" "$top/bench/gen-collab.c" "$SAMV_BIN/../libcommon.a" \
			$(pkg-config --libs libgit2 libcjson sqlite3 libcrypto) -lm &&
		mv "$gen.$$" "$gen"
	fi
	samv-init --name "Gen $1" --region Östergötland repo >/dev/null &&
	cd repo &&
	ASAN_OPTIONS=detect_leaks=0 "$gen" "$1" "$2" "$SAMV_TODAY" "refs/heads/$(git symbolic-ref --short HEAD)" | git fast-import --quiet &&
	git reset -q --hard
}

# break_meeting: the first meeting file made invalid by hand and
# committed (its status no status samv knows); $f names it.
break_meeting() {
	f=$(git ls-files meetings | head -n 1) &&
	sed "s/\"held\"/\"nonsense\"/; s/\"planned\"/\"nonsense\"/" "$f" >"$TRASH/m" && mv "$TRASH/m" "$f" &&
	git commit -qam "broken by hand"
}
