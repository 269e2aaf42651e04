#!/bin/sh
# Build the example collaboration of the README's quick start: the Region
# and the non-profits of Östergötland, their people and their arenas, after
# the case in the research study (shared seeds).  Usage:
#   sh docs/example/ostergotland.sh BINDIR OUTDIR
set -eu

bin=${1:?usage: ostergotland.sh BINDIR OUTDIR}
out=${2:?usage: ostergotland.sh BINDIR OUTDIR}
PATH=$bin:$PATH
export PATH

# Authors and dates are fixed so that the example is the same every time.
GIT_AUTHOR_NAME="Eva Lind (processledare)"
GIT_AUTHOR_EMAIL="eva.lind@example.org"
GIT_COMMITTER_NAME=$GIT_AUTHOR_NAME
GIT_COMMITTER_EMAIL=$GIT_AUTHOR_EMAIL
export GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
day() {
	GIT_AUTHOR_DATE="$1T10:00:00+01:00"
	GIT_COMMITTER_DATE=$GIT_AUTHOR_DATE
	SAMV_TODAY=$1
	export GIT_AUTHOR_DATE GIT_COMMITTER_DATE SAMV_TODAY
}

list=$(cd "$(dirname "$0")" && pwd)/ostergotland.txt
rm -rf "$out"
day 2018-03-01
samv-init --name "Samverkan idéburen sektor – Region Östergötland" --region Östergötland "$out" >/dev/null
cd "$out"

actor() { samv actor add "$@"; }

# The public side
actor --id region-ostergotland --name "Region Östergötland" --short RÖ \
	--sector public --kind region --level regional >/dev/null
actor --id linkopings-kommun --name "Linköpings kommun" --sector public --kind municipality \
	--level local --area Linköping >/dev/null
actor --id norrkopings-kommun --name "Norrköpings kommun" --sector public --kind municipality \
	--level local --area Norrköping >/dev/null
actor --id narsjukvarden-centrala --name "Närsjukvården i centrala Östergötland" --sector public \
	--kind primary-care --level regional --parent region-ostergotland >/dev/null

# The civil side: national parents, then the local and regional parties
actor --id roda-korset --name "Svenska Röda Korset" --sector civil --kind association --level national >/dev/null
actor --id pro --name "PRO (Pensionärernas riksorganisation)" --sector civil --kind association \
	--level national >/dev/null
actor --id funktionsratt-ostergotland --name "Funktionsrätt Östergötland" --sector civil \
	--kind umbrella --level regional >/dev/null
actor --id rf-sisu-ostergotland --name "RF-SISU Östergötland" --sector civil --kind umbrella \
	--level regional >/dev/null
civil=""
while IFS='|' read -r name kind level area parent; do
	case $name in ''|'#'*) continue ;; esac
	set -- --name "$name" --sector civil --kind "$kind" --level "$level"
	[ -n "$area" ] && set -- "$@" --area "$area"
	[ -n "$parent" ] && set -- "$@" --parent "$parent"
	civil="$civil $(actor "$@")"
done <"$list"

# People, each acting for an organisation with a mandate
day 2018-04-12
samv person add --id eva-lind --name "Eva Lind" --actor region-ostergotland --role process-leader \
	--boundary-spanner --mandate "Processledare 50 %, utsedd av regionstyrelsen" >/dev/null
samv person add --id johan-ek --name "Johan Ek" --actor region-ostergotland --role politician \
	--title "Ordförande, regionala utvecklingsnämnden" >/dev/null
samv person add --id sara-holm --name "Sara Holm" --actor region-ostergotland --role official \
	--title Folkhälsostrateg --mandate "Företräder Regionen i arbetsgruppen" >/dev/null
samv person add --id ali-hassan --name "Ali Hassan" --actor rf-sisu-ostergotland --role representative \
	--boundary-spanner --mandate "Talar för idrottsrörelsen, förankrar i styrelsen" >/dev/null
samv person add --id maria-nilsson --name "Maria Nilsson" --actor funktionsratt-ostergotland \
	--role representative --boundary-spanner --mandate "Processledare för de idéburna (ideellt)" >/dev/null

# Arenas where the sectors meet
day 2018-05-20
set -- --member region-ostergotland
for a in $civil funktionsratt-ostergotland rf-sisu-ostergotland; do set -- "$@" --member "$a"; done
samv arena add --id workshop-overenskommelsen --name "Workshoppar om Överenskommelsen" --kind workshop \
	--purpose "Ta fram Överenskommelsen tillsammans" --convener region-ostergotland --started 2018-05-20 \
	"$@" >/dev/null
day 2019-02-14
samv arena add --id storgruppsmote --name "Storgruppsmöte" --kind large-group-meeting \
	--purpose "Fortsatt samverkan enligt Överenskommelsen" --convener region-ostergotland \
	--serves a --serves b --serves c --serves d --started 2019-02-14 "$@" >/dev/null
samv arena add --id ag-ofrivillig-ensamhet --name "Arbetsgrupp ofrivillig ensamhet" --kind working-group \
	--challenge "Ofrivillig ensamhet bland äldre – en välfärdslucka" --serves d \
	--member region-ostergotland --member narsjukvarden-centrala --member linkopings-kommun \
	--member "$(samv actor list --ids | grep '^pro-ostergotland')" \
	--member "$(samv actor list --ids | grep '^roda-korset-linkoping')" >/dev/null
samv arena add --id aterkopplingsseminarium --name "Återkopplingsseminarium" --kind feedback-seminar \
	--purpose "Forskarna återkopplar intervjustudien" --started 2019-10-10 --member region-ostergotland >/dev/null
samv arena add --id iop-kvinnojouren --name "IOP Kvinnojouren" --kind iop \
	--member region-ostergotland --member "$(samv actor list --ids | grep '^kvinnojouren')" >/dev/null
day 2019-12-31
samv arena close workshop-overenskommelsen >/dev/null
day 2022-10-01
samv person retire johan-ek >/dev/null

echo "== $(samv actor list | wc -l) organisations, $(samv person list --all | wc -l) people; the arenas:"
samv arena list --all
echo
echo "== Who sits at the large-group meeting, by sector:"
samv arena show storgruppsmote --json | jq -r '.members[]' | while read -r id; do
	samv actor show "$id" --json | jq -r .sector
done | sort | uniq -c
echo
echo "== Boundary spanners (gränsgångare):"
samv person list --boundary-spanner
echo
echo "== samv-check:"
samv check && echo "no problems"
echo
echo "== The audit trail, read with plain git (latest 5 of $(git rev-list --count HEAD) commits):"
git log -5 --date=short --format='%ad %an: %s%n    %(trailers:key=Samv-Record,valueonly,separator=%x2c )'
echo
echo "The example repository is $out; try:"
echo "  export PATH=$bin:\$PATH; cd $out && samv arena show storgruppsmote"
