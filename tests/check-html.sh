#!/bin/sh
# check-html.sh - samv-report's HTML pages in a real browser.  Headless
# Chromium loads each page from a file (no server, no network), and the
# DOM it built is checked: titles, figures, tables, SVG charts with the
# bars the records call for.  A screenshot of each page is kept in
# SAMV_HTML_OUT (default: a temporary directory) for people to look at.
#
# Chromium comes from Debian's packages (.ci/deps installs it): when it is
# missing and we are root (or have sudo without a password), it is
# installed; otherwise the check fails, saying so (a check that cannot run
# does not pass).  SAMV_BIN names the built commands.
set -u
here=$(cd "$(dirname "$0")" && pwd)
: "${SAMV_BIN:?SAMV_BIN must name the directory of the built commands}"

find_browser() {
	for b in chromium chromium-browser; do
		command -v "$b" >/dev/null 2>&1 && { echo "$b"; return; }
	done
}
browser=$(find_browser)
if [ -z "$browser" ] && command -v apt-get >/dev/null 2>&1; then
	sudo=none
	if [ "$(id -u)" -eq 0 ]; then
		sudo=""
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		sudo=sudo
	fi
	if [ "$sudo" != none ]; then
		echo "check-html: installing chromium (Debian package)"
		export DEBIAN_FRONTEND=noninteractive
		$sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 ||
			{ $sudo apt-get update -qq >/dev/null 2>&1 &&
			  $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1; }
		browser=$(find_browser)
	fi
fi
if [ -z "$browser" ]; then
	echo "not ok - chromium is not installed and could not be (sh .ci/deps installs it)"
	echo "html: 0 passed, 1 failed"
	exit 1
fi

SAMV_CLI_ROOT=$(mktemp -d "${TMPDIR:-/tmp}/samv-html.XXXXXX")
SAMV_TEST_BIN=$SAMV_BIN
out=${SAMV_HTML_OUT:-$SAMV_CLI_ROOT/pages}
mkdir -p "$out"
export SAMV_CLI_ROOT SAMV_TEST_BIN out browser
trap 'rm -rf "$SAMV_CLI_ROOT"' EXIT INT TERM
: >"$SAMV_CLI_ROOT/results"
cd "$SAMV_CLI_ROOT" || exit 1
. "$here/cli/lib.sh"
. "$here/cli/report-fixture.sh"

# render NAME: $out/NAME.html as Chromium sees it, into $out/NAME.dom (the
# DOM after parsing) and $out/NAME.png (a screenshot 1000 pixels wide).
render() {
	name=$1
	prof=$(mktemp -d "$SAMV_CLI_ROOT/profile.XXXXXX")
	set -- --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$prof"
	timeout 120 "$browser" "$@" --dump-dom "file://$out/$name.html" >"$out/$name.dom" 2>"$out/$name.log"
	timeout 120 "$browser" "$@" --window-size=1000,2600 --hide-scrollbars \
		--screenshot="$out/$name.png" "file://$out/$name.html" >>"$out/$name.log" 2>&1
	rm -rf "$prof"
	test -s "$out/$name.dom" && test -s "$out/$name.png" ||
		{ echo "# $browser did not render $name.html:" >&2; tail -5 "$out/$name.log" >&2; return 1; }
	# a PNG of the size asked for, with something on it
	test "$(head -c 8 "$out/$name.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a
	test "$(od -An -tu1 -j16 -N8 "$out/$name.png" | awk '{ print $3 * 256 + $4, $7 * 256 + $8 }')" = "1000 2600"
	test "$(wc -c <"$out/$name.png")" -gt 20000
}

# q NAME PATTERN: how many times the DOM has PATTERN (a fixed string)
q() { grep -o -F -- "$2" "$out/$1.dom" | wc -l | tr -d ' '; }
# marks NAME CHART TAG CLASS: the bars (rect bar) or points (circle point)
# of a chart, "series label value" a line
marks() {
	tr '\n' ' ' <"$out/$1.dom" | sed 's/<figure/\n<figure/g' | grep "id=\"chart-$2\"" |
		grep -o "<$3 class=\"$4\"[^>]*>" |
		sed 's/.*data-series="\([^"]*\)" data-label="\([^"]*\)" data-value="\([^"]*\)".*/\1 \2 \3/'
}
bars() { marks "$1" "$2" rect bar; }
points() { marks "$1" "$2" circle point; }
# cells NAME SECTION: the text of the cells of a section's table, one row a line
cells() {
	tr '\n' ' ' <"$out/$1.dom" | sed 's/<section/\n<section/g' | grep "id=\"section-$2\"" |
		sed 's/<\/section>.*//; s/<tr>/\n/g' | sed -n '3,$p' | sed 's/<\/td><td[^>]*>/|/g; s/<[^>]*>//g; s/ *$//'
}

test_case 'the summary page: title, figures, charts and tables as the browser built them' '
	make_report_repo
	samv-report --format html >"$out/summary.html"
	render summary
	grep -q "<title>Samverkan Östergötland: Summary</title>" "$out/summary.dom"
	grep -q "<h1>Samverkan Östergötland: Summary</h1>" "$out/summary.dom"
	grep -q "Period: 2026-W47 (2026-11-16 to 2026-11-22), made 2026-11-23" "$out/summary.dom"
	test "$(q summary "<li class=\"figure\"")" = 12
	grep -q "id=\"figure-meetings_held\"><span class=\"value\">2</span>" "$out/summary.dom"
	grep -q "id=\"figure-actions_overdue\"><span class=\"value\">1</span>" "$out/summary.dom"
	grep -q "id=\"figure-minutes_late\"><span class=\"value\">3</span>" "$out/summary.dom"
	test "$(q summary "<svg ")" = 2
	test "$(q summary "<rect class=\"bar\"")" = 14
	bars summary attendance >../got
	cat >../want <<-\EOT
	civil 2026-05 2
	public 2026-05 1
	civil 2026-06 1
	civil 2026-09 1
	public 2026-09 2
	civil 2026-10 1
	public 2026-10 1
	civil 2026-11 2
	public 2026-11 3
	private 2026-11 1
	EOT
	cmp ../want ../got
	bars summary decisions >../got
	cat >../want <<-\EOT
	anchor 2026-03 1
	kedge-anchor 2026-09 1
	anchor 2026-11 1
	kedge-anchor 2026-11 1
	EOT
	cmp ../want ../got
	test "$(q summary "<section class=\"report-section\"")" = 9
	cells summary meetings >../got
	cat >../want <<-\EOT
	Arbetsgrupp ensamhet|2026-11-18|Arbetsgrupp i november|held|2
	Storgruppsmöte|2026-11-17|Storgrupp i november|held|4
	Storgruppsmöte|2026-11-21|Storgrupp i december|planned|
	EOT
	cmp ../want ../got
	cells summary opened >../got
	cat >../want <<-\EOT
	|fraga|Rotary Motala|Fråga medlemmarna, "alla"|open
	2026-12-15|bjud|Eva Lind|Bjud in kommunerna|open
	EOT
	cmp ../want ../got
	test "$(q summary "<p class=\"none\">")" = 0
	test "$(q summary "<script")" = 0
'

test_case 'an arena page over a year, and the participation page' '
	make_report_repo
	samv-report arena stor --period 2026 --format html >"$out/arena.html"
	render arena
	grep -q "<h1>Samverkan Östergötland: Arena: Storgruppsmöte</h1>" "$out/arena.dom"
	test "$(q arena "<svg ")" = 2
	bars arena attendance | awk "{ n += \$3 } END { print n }" >../got
	echo 12 >../want
	cmp ../want ../got
	test "$(bars arena attendance | cut -d" " -f2 | sort -u | tr "\n" " ")" = "2026-05 2026-09 2026-10 2026-11 "
	test "$(q arena "<text class=\"label\"")" = 24
	cells arena organisations >../got
	cat >../want <<-\EOT
	Region Östergötland|public|4|2026-11-17
	RF-SISU Östergötland|civil|4|2026-11-17
	Bolaget AB|private|1|2026-11-17
	Rotary Motala|civil|1|2026-05-12
	EOT
	cmp ../want ../got
	samv-report participation --period 2026 --format html >"$out/participation.html"
	render participation
	test "$(q participation "<svg ")" = 1
	cells participation stopped >../got
	echo "Storgruppsmöte|Rotary Motala|civil|2026-05-12" >../want
	cmp ../want ../got
	# over time: a column a quarter of 2026
	grep -q "<thead><tr><th>Arena</th><th>Sector</th><th class=\"num\">Attendances</th><th class=\"num\">2026-Q1</th><th class=\"num\">2026-Q2</th><th class=\"num\">2026-Q3</th><th class=\"num\">2026-Q4</th></tr></thead>" "$out/participation.dom"
	cells participation sectors >../got
	cat >../want <<-\EOT
	Arbetsgrupp ensamhet|civil|2|0|1|0|1
	Arbetsgrupp ensamhet|public|1|0|0|0|1
	Storgruppsmöte|civil|5|0|2|1|2
	Storgruppsmöte|public|6|0|1|2|3
	Storgruppsmöte|private|1|0|0|0|1
	EOT
	cmp ../want ../got
	cells participation roles | sed -n 5p >../got
	echo "Storgruppsmöte|politician|2|0|0|1|1" | cmp - ../got
'

# chart_cells NAME CHART: the chart's table of numbers, one row a line
chart_cells() {
	tr '\n' ' ' <"$out/$1.dom" | sed 's/<figure/\n<figure/g' | grep "id=\"chart-$2\"" |
		sed 's/<\/figure>.*//; s/.*<tbody>//; s/<\/tbody>.*//; s/<tr>/\n/g' | sed -n '2,$p' |
		sed 's/<\/th><td[^>]*>/|/; s/<\/td><td[^>]*>/|/g; s/<[^>]*>//g; s/ *$//'
}

test_case 'assessment trends: a line an answered question, named, described, and its table' '
	make_report_repo
	add_assessments
	samv-report arena stor --period 2026 --format html >"$out/trend.html"
	render trend
	test "$(q trend "<svg ")" = 4
	test "$(q trend "<script")" = 0
	# the browser parsed the SVG: its title and desc, and aria pointing at them
	grep -q "<title id=\"chart-trend-cross-title\">Assessment trend: Willing and able to collaborate (CROSS)</title>" "$out/trend.dom"
	grep -q "aria-labelledby=\"chart-trend-cross-title chart-trend-cross-desc\"" "$out/trend.dom"
	grep -q "<desc id=\"chart-trend-cross-desc\">A line a question, a point an assessment, from 2025-04-01 to 2026-10-13, on the scale from -2 to 3: willingness, goals and resources." "$out/trend.dom"
	test "$(tr "\n" " " <"$out/trend.dom" | sed "s/<figure/\n<figure/g" | grep "id=\"chart-trend-cross\"" | grep -o "<path class=\"line\"" | wc -l)" = 3
	points trend trend-cross >../got
	cat >../want <<-\EOT
	willingness 2025-04-01 2
	willingness 2026-10-13 3
	goals 2026-10-13 1
	resources 2025-04-01 -2
	resources 2026-10-13 -1
	EOT
	cmp ../want ../got
	points trend trend-steps >../got
	printf "%s\n" "step 2025-03-01 1" "step 2026-03-01 2" "step 2026-11-17 3" >../want
	cmp ../want ../got
	chart_cells trend trend-steps >../got
	cat >../want <<-\EOT
	2025-03-01|talk (1) — Vi pratar
	2026-03-01|shared view (2)
	2026-11-17|cooperation (3) — Vi gör saker ihop
	EOT
	cmp ../want ../got
	chart_cells trend trend-cross >../got
	cat >../want <<-\EOT
	2025-04-01|some (2) — Avvaktande||strongly hinders (-2) — Inga medel
	2026-10-13|high (3) — Alla vill|enables (1) — Ett mål|hinders (-1) — Tid men inga pengar
	EOT
	cmp ../want ../got
	# the bars'"'"' numbers too
	chart_cells trend attendance | sed -n "5p;9,11p" >../got
	cat >../want <<-\EOT
	2026-05|2|1|0
	2026-09|1|2|0
	2026-10|1|1|0
	2026-11|1|2|1
	EOT
	cmp ../want ../got
	samv-report --format html >"$out/trend-summary.html"
	render trend-summary
	points trend-summary trend-steps >../got
	echo "step 2026-06-01 1" | cmp - ../got
'

test_case 'an empty week: cards of 0, "None." in every section, charts with no bars' '
	make_repo --language en
	samv-report --format html >"$out/empty.html"
	render empty
	test "$(q empty "<span class=\"value\">0</span>")" = 12
	test "$(q empty "<p class=\"none\">None.</p>")" = 9
	test "$(q empty "<rect class=\"bar\"")" = 0
	test "$(q empty "<svg ")" = 2
'

passed=$(grep -c '^ok' "$SAMV_CLI_ROOT/results")
failed=$(grep -c '^not ok' "$SAMV_CLI_ROOT/results")
echo "html: $passed passed, $failed failed ($browser; pages in $out)"
[ "$failed" -eq 0 ]
