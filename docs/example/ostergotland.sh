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
# The umbrellas speak for their members ("en röst"): where an umbrella
# comes, its members have a voice (samv report participation)
for u in funktionsratt-ostergotland rf-sisu-ostergotland; do
	set --
	for a in $civil; do
		[ "$(samv actor show "$a" --json | jq -r .parent)" = "$u" ] && set -- "$@" --speaks-for "$a"
	done
	samv actor edit "$u" "$@"
done

# People, each acting for an organisation with a mandate
day 2018-04-12
eva=$(samv person add --name "Eva Lind" --actor region-ostergotland --role process-leader \
	--boundary-spanner --mandate "Processledare 50 %, utsedd av regionstyrelsen")
johan=$(samv person add --name "Johan Ek" --actor region-ostergotland --role politician \
	--title "Ordförande, regionala utvecklingsnämnden")
sara=$(samv person add --name "Sara Holm" --actor region-ostergotland --role official \
	--title Folkhälsostrateg --mandate "Företräder Regionen i arbetsgruppen")
ali=$(samv person add --name "Ali Hassan" --actor rf-sisu-ostergotland --role representative \
	--boundary-spanner --mandate "Talar för idrottsrörelsen, förankrar i styrelsen")
maria=$(samv person add --name "Maria Nilsson" --actor funktionsratt-ostergotland \
	--role representative --boundary-spanner --mandate "Processledare för de idéburna (ideellt)")

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


# The Agreement was worked out in workshops in 2018 and adopted by the
# Region's board in January 2019.
day 2018-09-12
w1=$(samv meeting plan --arena workshop-overenskommelsen --title "Workshop 1 om Överenskommelsen" \
	--date 2018-05-20 --start 13:00 --end 16:00 --place "Linköping, Regionens hus" \
	--purpose "Att tillsammans formulera vad Överenskommelsen ska innehålla" \
	--goal "Ett första utkast till syften" --expect "Ta med er organisations viktigaste frågor" \
	--invite region-ostergotland --invite funktionsratt-ostergotland --invite rf-sisu-ostergotland)
samv meeting hold "$w1" --attended "$eva" --attended "$sara" --attended "$ali" \
	--attended "$maria" --summary "Fyra syften växte fram: dialog, demokrati, kunskap, lösningar." \
	--next-step "Ett utkast skickas på remiss till de idéburna" --intros --all-heard --summarised \
	--words "'Medborgare' och 'medlem' används om samma personer" >/dev/null
samv meeting distribute "$w1" --date 2018-06-01 --how e-post >/dev/null

day 2019-01-29
samv decision add --id anta-overenskommelsen --kind anchor --level political \
	--title "Regionstyrelsen antar Överenskommelsen" \
	--text "Regionstyrelsen antar Överenskommelsen mellan Region Östergötland och den idéburna sektorn." \
	--body "Regionstyrelsen" --date 2019-01-29 --status adopted >/dev/null
set -- --party region-ostergotland --party funktionsratt-ostergotland --party rf-sisu-ostergotland
for a in $civil; do set -- "$@" --party "$a"; done
samv agreement adopt --decision anta-overenskommelsen --title "Överenskommelsen" "$@" \
	--purpose "a=Utökad dialog mellan idéburna organisationer och Region Östergötland" \
	--purpose "b=Samverkan som stärker demokrati, delaktighet och inkludering" \
	--purpose "c=Kunskap om varandra, för förtroende" \
	--purpose "d=Att tillsammans hitta lösningar på samhällsutmaningar" \
	--clause "1=Parterna är Region Östergötland och de idéburna organisationer som undertecknat." \
	--heading "1=Parter" \
	--clause "2=Parterna möts i storgruppsmöten två gånger om året och i arbetsgrupper." \
	--heading "2=Former för samverkan" \
	--clause "3=Varje part förankrar samverkan i sin egen organisation." --heading "3=Förankring" \
	--clause "4=Parterna bidrar med tid efter egen förmåga." --heading "4=Resurser" >/dev/null

# The large-group meetings
day 2019-02-14
s1=$(samv meeting plan --id storgruppsmote-2019-02 --arena storgruppsmote --title "Första storgruppsmötet" \
	--date 2019-02-14 --start 09:30 --end 15:00 --place "Norrköping, Louis De Geer" \
	--purpose "Att starta samverkan enligt Överenskommelsen" --goal "Gemensamma prioriteringar för 2019" \
	--invite region-ostergotland --invite funktionsratt-ostergotland --invite rf-sisu-ostergotland \
	--invite-person "$johan" --invite-person "$sara")
samv meeting hold "$s1" --attended "$eva" --attended "$johan" --attended "$ali" \
	--attended "$maria" --summary "Ofrivillig ensamhet bland äldre valdes som första gemensamma fråga." \
	--direction "En arbetsgrupp om ofrivillig ensamhet bildas" --next-step "Arbetsgruppen möts i vår" \
	--next-invite narsjukvarden-centrala --next-invite linkopings-kommun \
	--intros --all-heard --summarised --distribution-announced \
	--power "Regionen satte dagordningen; de idéburna bad om att få sätta nästa" >/dev/null
samv decision add --id ag-ensamhet-bildas --kind anchor --level arena --meeting "$s1" \
	--title "Arbetsgrupp om ofrivillig ensamhet" --text "En arbetsgrupp om ofrivillig ensamhet bildas." \
	--date 2019-02-14 --serves d --status adopted >/dev/null
samv meeting action add --meeting "$s1" --id bjud-in-kommunerna --title "Bjud in kommunerna till arbetsgruppen" \
	--owner "$eva" --due 2019-03-31 >/dev/null
# What the working group is about: a welfare gap, and whom it is for
samv target add --id aldre-som-bor-ensamma --name "Äldre som bor ensamma" --area Linköping \
	--description "Äldre som bor ensamma och saknar någon att träffa" >/dev/null
samv challenge add --id ensamhet-aldre --title "Ofrivillig ensamhet bland äldre" --kind welfare-gap \
	--description "Äldre som ingen organisation tar ansvar för faller mellan vård, kommun och föreningar." \
	--serves d --target aldre-som-bor-ensamma --arena ag-ofrivillig-ensamhet --arena storgruppsmote \
	--decision ag-ensamhet-bildas --started 2019-02-14 >/dev/null
samv arena edit ag-ofrivillig-ensamhet --target aldre-som-bor-ensamma
day 2019-02-20
samv meeting distribute "$s1" --how "e-post och Regionens webbplats" >/dev/null
day 2019-03-20
samv meeting action done bjud-in-kommunerna --report "Linköping och Norrköping deltar" >/dev/null
samv meeting action report bjud-in-kommunerna >/dev/null

day 2019-12-31
samv arena close workshop-overenskommelsen >/dev/null

# A kedge anchor lets the working group move a step, and is later confirmed
day 2021-03-10
a1=$(samv meeting record <<JSON
{"id": "ag-ensamhet-2021-03", "arena": "ag-ofrivillig-ensamhet", "title": "Arbetsgruppen om ensamhet",
 "date": "2021-03-10", "attended": ["$eva", "$sara", "$maria"],
 "summary": "Parterna är inte eniga om vem som ska driva en mötesplats; vi prövar ett år.",
 "intros": true, "all_heard": true, "summarised": true,
 "actions": [{"id": "utvardera-motesplats", "title": "Utvärdera mötesplatsen efter ett år",
              "owner": "$sara", "due": "2022-03-31"}]}
JSON
)
samv decision add --id prova-motesplats --kind kedge-anchor --level arena --meeting "$a1" \
	--title "Pröva en mötesplats i ett år" \
	--text "En mötesplats för äldre prövas i Linköping under ett år, med en idéburen värd." \
	--date 2021-03-10 --serves d --review 2022-03-10 >/dev/null
samv decision adopt prova-motesplats >/dev/null
day 2022-11-15
samv decision add --id motesplats-i-verksamhetsplan --kind anchor --level official \
	--title "Mötesplatsen i verksamhetsplanen 2023" \
	--text "Mötesplatsen för äldre förs in i Regionens verksamhetsplan för 2023." --body "Regiondirektören" \
	--date 2022-11-15 --serves d --confirms prova-motesplats --status adopted >/dev/null
samv meeting action done utvardera-motesplats --date 2022-11-15 \
	--report "Utvärderingen visade att mötesplatsen når fram" >/dev/null

day 2022-10-01
samv person retire "$johan" >/dev/null

# The Agreement is revised on a political decision in 2024
day 2024-06-18
samv decision add --id revidera-overenskommelsen --kind anchor --level political \
	--title "Reviderad Överenskommelse" \
	--text "Regionfullmäktige antar en reviderad Överenskommelse med öronmärkta resurser och årlig uppföljning." \
	--body "Regionfullmäktige" --date 2024-06-18 --amends anta-overenskommelsen --status adopted >/dev/null
samv agreement amend --decision revidera-overenskommelsen \
	--change-clause "4=Regionen avsätter medel för en processledare; övriga parter bidrar med tid." \
	--add-clause "5=Samverkan följs upp varje år vid ett storgruppsmöte." --heading "5=Uppföljning" >/dev/null
# What the revision put in: two process leaders at 50 % each (one in the
# Region, one for the non-profits, both paid by the Region), earmarked
# funds, and what the parties give of their own: a boundary spanner's
# evenings, premises
day 2024-08-15
res() { samv resource add "$@" >/dev/null; }
res --id processledare-regionen --title "Processledare 50 %" --kind time --actor region-ostergotland \
	--percent 50 --basis paid --person "$eva" --arena storgruppsmote \
	--decision revidera-overenskommelsen --from 2024-09-01
res --id processledare-ideburna --title "Processledare för de idéburna 50 %" --kind time \
	--actor region-ostergotland --percent 50 --basis paid --person "$maria" --arena storgruppsmote \
	--decision revidera-overenskommelsen --from 2024-09-01 \
	--note "Anställd hos Funktionsrätt Östergötland, finansierad av Regionen"
res --id medel-2025 --title "Öronmärkta medel 2025" --kind money --actor region-ostergotland \
	--amount 300000 --currency SEK --arena storgruppsmote --decision revidera-overenskommelsen \
	--from 2025-01-01 --until 2025-12-31
res --id medel-2026 --title "Öronmärkta medel 2026" --kind money --actor region-ostergotland \
	--amount 350000 --currency SEK --arena storgruppsmote --decision revidera-overenskommelsen \
	--from 2026-01-01 --until 2026-12-31
res --id gransgangare-rf-sisu --title "Gränsgångare på fritid" --kind time --actor rf-sisu-ostergotland \
	--hours 2 --per week --basis voluntary --person "$ali" --arena storgruppsmote --from 2024-09-01
res --id lokal-motesplats --title "Lokal för mötesplatsen" --kind premises \
	--actor "$(samv actor list --ids | grep '^roda-korset-linkoping')" --arena ag-ofrivillig-ensamhet \
	--from 2023-01-01 --note "Röda Korsets lokal i Linköping, en eftermiddag i veckan"

# Each party anchors the revision at home (förankring), in its own board;
# the Region writes it into its operational plan
samv body add --id regionstyrelsen --name "Regionstyrelsen" --kind board --actor region-ostergotland >/dev/null
samv body add --id funktionsratt-styrelse --name "Funktionsrätt Östergötlands styrelse" --kind board \
	--actor funktionsratt-ostergotland >/dev/null
samv body add --id rf-sisu-styrelse --name "RF-SISU Östergötlands styrelse" --kind board \
	--actor rf-sisu-ostergotland >/dev/null
samv plan add --id verksamhetsplan-2025 --title "Regionens verksamhetsplan 2025" --kind operational-plan \
	--actor region-ostergotland --body regionstyrelsen --from 2025-01-01 --to 2025-12-31 >/dev/null
samv decision edit revidera-overenskommelsen --cites-plan verksamhetsplan-2025 >/dev/null
day 2024-08-27
samv decision anchor revidera-overenskommelsen --actor region-ostergotland --body regionstyrelsen \
	--outcome backed --note "Skrivs in i verksamhetsplanen 2025" >/dev/null
day 2024-09-10
samv decision anchor revidera-overenskommelsen --actor funktionsratt-ostergotland \
	--body funktionsratt-styrelse --outcome informed >/dev/null
day 2024-10-15
samv decision anchor revidera-overenskommelsen --actor funktionsratt-ostergotland \
	--body funktionsratt-styrelse --outcome backed >/dev/null
samv decision anchor revidera-overenskommelsen --actor rf-sisu-ostergotland --body rf-sisu-styrelse \
	--outcome pending --note "Ny styrelse efter årsmötet; frågan tas upp i november" >/dev/null

# This autumn: a meeting held, its follow-up, and the next one planned
day 2026-11-10
s2=$(samv meeting plan --id storgruppsmote-2026-11 --arena storgruppsmote --title "Storgruppsmöte hösten 2026" \
	--date 2026-11-10 --start 13:00 --end 16:00 --place "Linköping, Konsert & Kongress" \
	--purpose "Årlig uppföljning av Överenskommelsen" --goal "Beslut om fokus för 2027" \
	--invite region-ostergotland --invite funktionsratt-ostergotland --invite rf-sisu-ostergotland \
	--invite-person "$ali" --invite-person "$maria")
samv meeting hold "$s2" --attended "$eva" --attended "$maria" --attended "$sara" \
	--minutes "Uppföljningen visade fler mötesplatser och en växande arbetsgrupp." \
	--summary "Fokus 2027: unga vuxnas ensamhet." --next-step "Nästa storgruppsmöte i december" \
	--intros --all-heard --summarised >/dev/null
samv meeting action add --meeting "$s2" --id rapport-till-namnden --title "Rapportera uppföljningen till nämnden" \
	--owner "$eva" --due 2026-11-18 >/dev/null
samv meeting action add --meeting "$s2" --id samla-ungdomsforeningar --title "Samla ungdomsföreningarna" \
	--owner-actor rf-sisu-ostergotland --due 2026-12-01 >/dev/null
samv decision add --id fokus-2027 --kind anchor --level arena --meeting "$s2" \
	--title "Fokus 2027: unga vuxnas ensamhet" \
	--text "Storgruppen arbetar 2027 med ofrivillig ensamhet bland unga vuxna." \
	--date 2026-11-10 --serves d --status adopted >/dev/null
# The challenge of 2027, its target group, and money set aside for it
samv target add --id unga-vuxna --name "Unga vuxna 18–29 år" \
	--description "Unga vuxna som varken studerar eller arbetar och saknar sammanhang" >/dev/null
samv challenge add --id ensamhet-unga-vuxna --title "Ofrivillig ensamhet bland unga vuxna" --kind welfare-gap \
	--description "Unga vuxna faller mellan skola, socialtjänst, vård och föreningsliv." \
	--serves b --serves d --target unga-vuxna --arena storgruppsmote --decision fokus-2027 \
	--started 2026-11-10 >/dev/null
samv resource add --id medel-unga-vuxna-2027 --title "Öronmärkta medel för unga vuxna" --kind money \
	--actor region-ostergotland --amount 200000 --currency SEK --challenge ensamhet-unga-vuxna \
	--decision fokus-2027 --from 2027-01-01 --until 2027-12-31 >/dev/null
# A common language: words the parties agreed on at the meeting
samv glossary add --id gransgangare --term gränsgångare --translation "boundary spanner" \
	--definition "En person som korsar sin organisations gräns och bär med sig dess kultur, verktyg och kunskap." \
	--variant brobyggare --variant kontaktperson --meeting "$s2" --agreed 2026-11-10 >/dev/null
samv glossary add --id ideburen-organisation --term "idéburen organisation" --translation "non-profit organisation" \
	--definition "En organisation som drivs av en idé och inte av vinst: förening, stiftelse, trossamfund." \
	--variant "ideell förening" --variant civilsamhället --meeting "$s2" --agreed 2026-11-10 >/dev/null
day 2026-11-20
samv meeting plan --id storgruppsmote-2026-12 --arena storgruppsmote --title "Storgruppsmöte december 2026" \
	--date 2026-12-03 --start 09:30 --end 12:00 --place "Norrköping, Arbetets museum" \
	--link "https://meet.example.org/storgrupp" \
	--purpose "Att välja hur vi arbetar med unga vuxnas ensamhet" --goal "En arbetsgrupp med uppdrag" \
	--expect "Ta med en ung person från er organisation" \
	--invite region-ostergotland --invite funktionsratt-ostergotland --invite rf-sisu-ostergotland \
	--invite-person "$ali" --invite-person "$maria" \
	--agenda "Välkomna och presentationsrunda" --agenda "Vad säger de unga?" \
	--agenda "Beslut om arbetsgrupp" --agenda "Nästa steg" >/dev/null


# Readiness assessments (samv assess), entered this autumn from the notes of
# eight years: cross for the arenas and a few organisations, levels between
# pairs, and where the arenas stand on Samverkanstrappan.
day 2026-11-25
pro=$(samv actor list --ids | grep '^pro-ostergotland')
roda=$(samv actor list --ids | grep '^roda-korset-linkoping')
ag=ag-ofrivillig-ensamhet
sg=storgruppsmote
assess() { samv assess add --batch "$@" >/dev/null; }
assess --instrument cross --arena $sg --date 2019-03-20 --by "$eva" \
	--answer willingness=some --note willingness="Nyfikna men avvaktande efter remissrundan" \
	--answer ability=low --note ability="Få kanaler in i de idéburna organisationerna" \
	--answer goals=neutral --note goals="Egna mål går åt olika håll, men syftena är gemensamma" \
	--answer resources=strongly-hinders --note resources="Inga öronmärkta medel; allt sker på fritid" \
	--answer perceptions=hinders --note perceptions="Regionen ses som bidragsgivare, inte partner" \
	--answer dependency_kinds=asymmetric \
	--answer relations=begun --answer arenas=begun --answer dialogue=begun --answer knowledge=absent \
	--answer trust_structure=absent --answer anchoring=absent \
	--answer problem="Ja: de idéburna saknar en röst in i Regionen"
assess --instrument cross --arena $sg --date 2021-03-18 --by "$eva" \
	--answer willingness=high --note willingness="Alla vill fortsätta, trots pandemin" \
	--answer ability=some --note ability="Digitala möten sänkte trösklarna" \
	--answer goals=enables --note goals="Ensamhet blev ett gemensamt mål" \
	--answer resources=strongly-hinders --note resources="Fortfarande inga medel; processledaren på halvtid" \
	--answer perceptions=neutral --note perceptions="Bilden av varandra har nyanserats" \
	--answer dependency_kinds=asymmetric,symbiotic \
	--answer relations=established --answer own_questions=begun --answer arenas=established \
	--answer dialogue=begun --answer knowledge=begun --answer trust_structure=begun --answer anchoring=absent
assess --instrument cross --arena $sg --date 2023-03-16 --by "$maria" \
	--answer willingness=high --note willingness="Stark vilja på båda sidor" \
	--answer ability=some --note ability="Nya politiker efter valet känner inte till arbetet" \
	--answer goals=enables --note goals="Syftena används i verksamhetsplanen" \
	--answer resources=hinders --note resources="Medel för processledare, inget för de idéburnas tid" \
	--answer legal=hinders --note legal="Upphandlingsregler gör IOP svårt att förstå" \
	--answer relations=established --answer own_questions=established --answer arenas=established \
	--answer dialogue=established --answer knowledge=absent --answer trust_structure=begun \
	--answer anchoring=absent
assess --instrument cross --arena $sg --date 2025-03-20 --by "$eva" \
	--answer willingness=high --note willingness="Fler organisationer vill vara med" \
	--answer ability=some --note ability="Gränsgångarna bär arbetet på sin fritid" \
	--answer goals=strongly-enables --note goals="Gemensamt fokus på unga vuxnas ensamhet" \
	--answer resources=hinders --note resources="Inga öronmärkta medel för de idéburna" \
	--answer dependencies=enables --note dependencies="Båda behöver varandra för att nå de ensamma" \
	--answer legal=neutral --note legal="IOP-modellen prövad och förstådd" \
	--answer dependency_kinds=asymmetric,symbiotic \
	--answer relations=established --answer own_questions=established --answer arenas=established \
	--answer dialogue=established --answer knowledge=absent --answer trust_structure=established \
	--answer anchoring=begun
assess --instrument cross --arena $ag --date 2020-09-01 --by "$sara" \
	--answer willingness=high --note willingness="Alla ser ensamheten bland äldre" \
	--answer resources=hinders --note resources="Kommunerna kan bara bidra med lokaler" \
	--answer relations=begun --answer arenas=established --answer dialogue=begun
assess --instrument cross --arena $ag --date 2024-09-05 --by "$sara" \
	--answer willingness=high --note willingness="Pilot i Motala gav ny energi" \
	--answer resources=strongly-hinders --note resources="Pilotens pengar tog slut i juni" \
	--answer perceptions=enables --note perceptions="Vårdcentralerna ser föreningarna som resurs" \
	--answer relations=established --answer arenas=established --answer dialogue=established \
	--answer knowledge=begun --answer trust_structure=absent --answer anchoring=begun
assess --instrument cross --actor region-ostergotland --date 2019-04-02 --by "$eva" \
	--answer willingness=some --note willingness="Styrelsen positiv, förvaltningen avvaktande" \
	--answer resources=hinders --note resources="Många mandat och chefsnivåer" \
	--answer legal=hinders --note legal="Bidragsregler styr mer än Överenskommelsen"
assess --instrument cross --actor region-ostergotland --date 2025-04-10 --by "$eva" \
	--answer willingness=high --note willingness="Skrivet i verksamhetsplanen" \
	--answer resources=neutral --note resources="Processledare finansierad" \
	--answer legal=enables --note legal="IOP används"
assess --instrument cross --actor funktionsratt-ostergotland --date 2020-05-11 --by "$maria" \
	--answer willingness=high --note willingness="Medlemsföreningarna vill ha en röst" \
	--answer resources=strongly-hinders --note resources="Allt arbete är ideellt"
assess --instrument cross --actor funktionsratt-ostergotland --date 2024-05-14 --by "$maria" \
	--answer willingness=high --note willingness="Styrelsen har gett mandat" \
	--answer resources=strongly-hinders --note resources="Processledaren arbetar fortfarande ideellt"
assess --instrument cross --actor rf-sisu-ostergotland --date 2021-06-01 --by "$ali" \
	--answer willingness=some --note willingness="Idrotten har många andra fora" \
	--answer goals=hinders --note goals="Egna mål och egen ekonomi går före"
assess --instrument steps --arena $sg --date 2019-03-20 --answer step=talk
assess --instrument steps --arena $sg --date 2021-03-18 --answer step=shared-view
assess --instrument steps --arena $sg --date 2024-03-14 --answer step=cooperation
assess --instrument steps --arena $ag --date 2020-09-01 --answer step=talk
assess --instrument steps --arena $ag --date 2023-09-07 --answer step=shared-view
assess --instrument steps --arena $ag --date 2026-09-03 --answer step=cooperation
assess --instrument steps --date 2026-11-10 --answer step=shared-view \
	--note step="Samsyn i storgruppen; samarbete bara i arbetsgruppen"
assess --instrument levels --actor region-ostergotland --partner funktionsratt-ostergotland --date 2022-03-01 \
	--answer level=coordination
assess --instrument levels --actor funktionsratt-ostergotland --partner region-ostergotland --date 2022-03-03 \
	--answer level=coordination
assess --instrument levels --actor region-ostergotland --partner funktionsratt-ostergotland --date 2025-03-20 \
	--answer level=coalition --note level="Gemensamma beslut i storgruppen"
assess --instrument levels --actor funktionsratt-ostergotland --partner region-ostergotland --date 2025-03-24 \
	--answer level=cooperation --note level="Vi tillfrågas, men Regionen beslutar"
assess --instrument levels --actor region-ostergotland --partner "$pro" --date 2024-09-05 --arena $ag \
	--subject-kind pair --answer level=coordination
assess --instrument levels --actor "$pro" --partner region-ostergotland --date 2024-09-05 --arena $ag \
	--subject-kind pair --answer level=networking --note level="Vi hör av oss när vi får en inbjudan"
assess --instrument levels --actor narsjukvarden-centrala --partner "$roda" --date 2023-09-07 \
	--answer level=cooperation
assess --instrument levels --actor "$roda" --partner narsjukvarden-centrala --date 2023-09-07 \
	--answer level=cooperation
assess --instrument levels --actor region-ostergotland --partner rf-sisu-ostergotland --date 2025-03-20 \
	--answer level=coordination
assess --instrument levels --actor rf-sisu-ostergotland --partner region-ostergotland --date 2025-03-22 \
	--answer level=coordination

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
echo "== The next meeting's invitation (samv meeting invite storgruppsmote-2026-12):"
samv meeting invite storgruppsmote-2026-12 | sed 's/^/    /'
echo
echo "== Overdue follow-up (samv meeting action overdue):"
samv meeting action overdue || :
echo
echo "== A kedge anchor and the anchor that confirmed it (samv decision chain prova-motesplats):"
samv decision chain prova-motesplats
echo
echo "== The Agreement's versions, and which decision last changed each clause:"
samv agreement history
samv agreement blame
echo
echo "== How the large-group meeting's readiness moved (samv assess trend storgruppsmote --instrument cross):"
samv assess trend storgruppsmote --instrument cross
echo
echo "== What is missing, in retrospect (samv assess gaps --arena ag-ofrivillig-ensamhet):"
samv assess gaps --arena ag-ofrivillig-ensamhet
echo
echo "== How the Region and its partners rate each other (samv assess levels region-ostergotland):"
samv assess levels region-ostergotland
echo
echo "== What the collaboration is about (samv challenge list, samv challenge show ensamhet-unga-vuxna):"
samv challenge list --all
samv challenge show ensamhet-unga-vuxna
echo
echo "== What each party puts in, 2026 (samv report resources --period 2026):"
samv report resources --period 2026
echo
echo "== The common language (samv glossary list):"
samv glossary list
echo
echo "== Voices through an umbrella, 2026 (samv report participation --period 2026):"
samv report participation --period 2026 | sed -n '/^Voices through an umbrella/,$p'
echo "== Who has anchored the revised Agreement at home, and who not yet (samv decision anchoring):"
samv decision anchoring revidera-overenskommelsen | grep -v "not yet"
echo "  ... and $(samv decision anchoring revidera-overenskommelsen | grep -c "not yet") parties not yet"
echo
echo "== samv-check:"
samv check && echo "no problems"
echo
echo "== The month's summary, as a cron job would mail it (samv report --period 2026-11 --format markdown):"
samv report summary --period 2026-11 --format markdown
page="$(pwd).storgruppsmote.html"
samv report arena storgruppsmote --period 2026 --format html >"$page"
echo "(the large-group meeting's 2026 as one HTML page with charts: $page)"
echo
echo "== The last change of the Agreement, field by field (samv log agreement -n 1):"
samv log agreement -n 1
echo
echo "== Every commit of the history kept the rules (samv log --verify):"
samv log --verify && echo "no problems"
echo
echo "== The audit trail, read with plain git: what did the large-group meeting decide?"
git log --reverse --format='%(trailers:key=Samv-Date,valueonly,separator=%x2C)  %s' \
	--grep='^Samv-Arena: storgruppsmote$' --grep='^Samv-Status: adopted$' --all-match
echo
echo "== Which decision changed clause 4, at which meeting, recorded by whom and when:"
git log --date=short --format='%ad %an: %s' -- agreement/clauses/4.json
echo
echo "The example repository is $out ($(git rev-list --count HEAD) commits); try:"
echo "  export PATH=$bin:\$PATH; cd $out && samv meeting minutes storgruppsmote-2026-11"
