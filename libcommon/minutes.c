/*
 * minutes.c - what a meeting gives people to read: the invitation (before)
 * and the minutes (after), in the collaboration's language, as Markdown or
 * text.  Ids are shown as the names of what they refer to.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

enum label {
	L_INVITATION, L_MINUTES, L_ARENA, L_DATE, L_TIME, L_PLACE, L_LINK, L_PURPOSE, L_GOAL, L_EXPECT,
	L_AGENDA, L_INVITED, L_CLOSING, L_ATTENDED, L_ABSENT, L_NOBODY, L_NOTES, L_SUMMARY, L_DIRECTION,
	L_DECISIONS, L_ACTIONS, L_NEXT, L_NEXT_INVITE, L_OBSERVED, L_WORDS, L_POWER, L_CHECKLIST,
	L_INTROS, L_ALL_HEARD, L_SUMMARISED, L_DIST_ANNOUNCED, L_DISTRIBUTED, L_OWNER, L_DUE, L_STATUS,
	L_CANCELLED, L_NOT_HELD, L_PEOPLE, L_ORGS, L_CANCELLED_SUBJ, L_COUNT
};

static const char *const labels[L_COUNT][2] = {
	[L_INVITATION] = { "Inbjudan", "Invitation" },
	[L_MINUTES] = { "Minnesanteckningar", "Minutes" },
	[L_ARENA] = { "Arena", "Arena" },
	[L_DATE] = { "Datum", "Date" },
	[L_TIME] = { "Tid", "Time" },
	[L_PLACE] = { "Plats", "Place" },
	[L_LINK] = { "Länk", "Link" },
	[L_PURPOSE] = { "Syfte", "Purpose" },
	[L_GOAL] = { "Mål", "Goal" },
	[L_EXPECT] = { "Vad vi förväntar oss av deltagarna", "What we expect of the participants" },
	[L_AGENDA] = { "Dagordning", "Agenda" },
	[L_INVITED] = { "Inbjudna", "Invited" },
	[L_CLOSING] = { "Minnesanteckningar från mötet skickas till alla inbjudna.",
			"The minutes of the meeting will be sent to everyone invited." },
	[L_ATTENDED] = { "Närvarande", "Present" },
	[L_ABSENT] = { "Inbjudna som inte deltog", "Invited but absent" },
	[L_NOBODY] = { "ingen deltog", "nobody attended" },
	[L_NOTES] = { "Anteckningar", "Notes" },
	[L_SUMMARY] = { "Sammanfattning", "Summary" },
	[L_DIRECTION] = { "Inriktning", "Direction adopted" },
	[L_DECISIONS] = { "Beslut", "Decisions" },
	[L_ACTIONS] = { "Uppföljning", "Follow-up" },
	[L_NEXT] = { "Nästa steg", "Next step" },
	[L_NEXT_INVITE] = { "Bjuds in till nästa möte:", "To invite to the next meeting:" },
	[L_OBSERVED] = { "Iakttagelser", "Observations" },
	[L_WORDS] = { "Olika ord för samma sak", "Different words for the same thing" },
	[L_POWER] = { "Maktobalans", "Power imbalance" },
	[L_CHECKLIST] = { "Checklista", "Checklist" },
	[L_INTROS] = { "Presentationsrunda (roll, organisation, uppdrag)",
		       "Introductions (role, organisation, mandate)" },
	[L_ALL_HEARD] = { "Alla kunde komma till tals och ställa frågor", "Everyone could speak and ask" },
	[L_SUMMARISED] = { "Det som sades sammanfattades", "What was said was summarised" },
	[L_DIST_ANNOUNCED] = { "Hur och när anteckningarna skickas ut meddelades",
			       "When and how the minutes go out was announced" },
	[L_DISTRIBUTED] = { "Utskick", "Distributed" },
	[L_OWNER] = { "ansvarig", "owner" },
	[L_DUE] = { "klart senast", "due" },
	[L_STATUS] = { "Status", "Status" },
	[L_CANCELLED] = { "Mötet är inställt.", "The meeting is cancelled." },
	[L_NOT_HELD] = { "Mötet är ännu inte hållet.", "The meeting has not been held yet." },
	[L_PEOPLE] = { "personer", "people" },
	[L_ORGS] = { "organisationer", "organisations" },
	[L_CANCELLED_SUBJ] = { "Inställt", "Cancelled" },
};

struct render {
	struct samv_doc d;
	struct samv_view *v;
	const cJSON *m;
	int lang; /* 0 sv, 1 en */
	const char *lname; /* "sv" or "en", for the words of enum values */
};

static const char *L(struct render *r, enum label l)
{
	return labels[l][r->lang];
}

/* The name (or title) of a record, else its id; malloc'ed. */
static char *name_of(struct samv_view *v, const char *type, const char *id)
{
	const struct samv_type *t = samv_type_find(type);
	cJSON *rec = NULL;
	const char *n = NULL;
	char *s;

	if (t && samv_record_load(&rec, v, t, id) == 0)
		n = samv_record_str(rec, t->name_field ? t->name_field : "name");
	samv_error_clear();
	s = strdup(n ? n : id);
	cJSON_Delete(rec);
	return s;
}

static int field_name(struct render *r, enum label l, const char *type, const char *id)
{
	char *n;
	int rc;

	if (!id)
		return 0;
	if (!(n = name_of(r->v, type, id)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	rc = samv_doc_field(&r->d, L(r, l), n);
	free(n);
	return rc;
}

static int when(struct render *r)
{
	const char *start = samv_record_str(r->m, "start"), *end = samv_record_str(r->m, "end");
	char t[32], day[64];

	/* a letter's date is prose: "torsdag 3 december 2026 (vecka 49)" (samv(7)) */
	if (samv_doc_field(&r->d, L(r, L_DATE), samv_doc_day(day, r->lname, samv_record_str(r->m, "date"))) < 0)
		return SAMV_ERROR;
	if (!start)
		return 0;
	snprintf(t, sizeof(t), "%s%s%s", start, end ? "–" : "", end ? end : "");
	return samv_doc_field(&r->d, L(r, L_TIME), t);
}

static int section(struct render *r, enum label l, const char *text)
{
	if (!text)
		return 0;
	if (samv_doc_heading(&r->d, 2, L(r, l)) < 0 || samv_doc_para(&r->d, text) < 0)
		return SAMV_ERROR;
	return 0;
}

/* "Name, Organisation" for a person; the organisation alone for an actor. */
static int person_item(struct render *r, const char *pid, const char *actor, const char *extra)
{
	char *pn = name_of(r->v, "person", pid), *an = NULL, *line = NULL;
	cJSON *p = NULL;
	int rc = SAMV_ERROR;

	if (!actor && samv_record_load(&p, r->v, samv_type_find("person"), pid) == 0)
		actor = samv_record_str(p, "actor");
	samv_error_clear();
	if (actor)
		an = name_of(r->v, "actor", actor);
	if (pn && asprintf(&line, "%s%s%s%s%s%s", pn, an ? ", " : "", an ? an : "", extra ? " (" : "",
			   extra ? extra : "", extra ? ")" : "") >= 0)
		rc = samv_doc_item(&r->d, 0, line);
	free(line);
	free(pn);
	free(an);
	cJSON_Delete(p);
	return rc;
}

static int actor_item(struct render *r, const char *aid, const char *extra)
{
	char *an = name_of(r->v, "actor", aid), *line = NULL;
	int rc = SAMV_ERROR;

	if (an && asprintf(&line, "%s%s%s%s", an, extra ? " (" : "", extra ? extra : "", extra ? ")" : "") >= 0)
		rc = samv_doc_item(&r->d, 0, line);
	free(line);
	free(an);
	return rc;
}

static int agenda(struct render *r)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(r->m, "agenda"), *it;
	int n = 0;

	if (!cJSON_GetArraySize(a))
		return 0;
	if (samv_doc_heading(&r->d, 2, L(r, L_AGENDA)) < 0)
		return SAMV_ERROR;
	cJSON_ArrayForEach(it, a)
		if (cJSON_IsString(it) && samv_doc_item(&r->d, ++n, it->valuestring) < 0)
			return SAMV_ERROR;
	return 0;
}

static int heading1(struct render *r, enum label l)
{
	char *h = NULL;
	int rc;

	if (asprintf(&h, "%s: %s", L(r, l), samv_record_str(r->m, "title")) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	rc = samv_doc_heading(&r->d, 1, h);
	free(h);
	return rc;
}

static int head(struct render *r, enum label l)
{
	if (heading1(r, l) < 0 || field_name(r, L_ARENA, "arena", samv_record_str(r->m, "arena")) < 0 ||
	    when(r) < 0 || samv_doc_field(&r->d, L(r, L_PLACE), samv_record_str(r->m, "place")) < 0 ||
	    samv_doc_field(&r->d, L(r, L_LINK), samv_record_str(r->m, "link")) < 0)
		return SAMV_ERROR;
	return 0;
}

static int begin(struct render *r, struct samv_buf *out, struct samv_view *v, const cJSON *m,
		 const char *format, const char *lang)
{
	memset(r, 0, sizeof(*r));
	r->d.out = out;
	r->v = v;
	r->m = m;
	r->lang = lang && !strcmp(lang, "en");
	r->lname = r->lang ? "en" : "sv";
	if (lang && strcmp(lang, "en") && strcmp(lang, "sv"))
		return samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", lang);
	if (samv_doc_lang_check(r->lname) < 0)
		return SAMV_ERROR;
	return samv_doc_format(&r->d.format, format);
}

int samv_meeting_invitation(struct samv_buf *out, struct samv_view *v, const cJSON *m, const char *format,
			    const char *lang)
{
	struct render r;
	const cJSON *it;
	int rc;

	if ((rc = begin(&r, out, v, m, format, lang)) < 0)
		return rc;
	if (head(&r, L_INVITATION) < 0 ||
	    section(&r, L_PURPOSE, samv_record_str(m, "purpose")) < 0 ||
	    section(&r, L_GOAL, samv_record_str(m, "goal")) < 0 ||
	    section(&r, L_EXPECT, samv_record_str(m, "expectations")) < 0 || agenda(&r) < 0)
		return SAMV_ERROR;
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "invited")) ||
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "invited_people"))) {
		if (samv_doc_heading(&r.d, 2, L(&r, L_INVITED)) < 0)
			return SAMV_ERROR;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited"))
			if (actor_item(&r, it->valuestring, NULL) < 0)
				return SAMV_ERROR;
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited_people"))
			if (person_item(&r, it->valuestring, NULL, NULL) < 0)
				return SAMV_ERROR;
	}
	return samv_doc_para(&r.d, L(&r, L_CLOSING));
}

static int related(struct render *r, const char *type, cJSON **out)
{
	cJSON *all = NULL, *rec, *next;
	const char *id = samv_record_str(r->m, "id");
	int rc;

	*out = NULL;
	if ((rc = samv_record_load_all(&all, r->v, samv_type_find(type), NULL)) < 0)
		return rc;
	for (rec = all->child; rec; rec = next) {
		next = rec->next;
		if (!samv_record_str(rec, "meeting") || strcmp(samv_record_str(rec, "meeting"), id))
			cJSON_Delete(cJSON_DetachItemViaPointer(all, rec));
	}
	*out = all;
	return 0;
}

static int decisions(struct render *r)
{
	cJSON *all = NULL, *d;
	char *line = NULL;
	int rc;

	if ((rc = related(r, "decision", &all)) < 0 || !cJSON_GetArraySize(all))
		goto out;
	if ((rc = samv_doc_heading(&r->d, 2, L(r, L_DECISIONS))) < 0)
		goto out;
	cJSON_ArrayForEach(d, all) {
		free(line);
		line = NULL;
		if (asprintf(&line, "%s (%s, %s, %s): %s", samv_record_str(d, "title"),
			     samv_doc_word(r->lname, "kind", samv_record_str(d, "kind")),
			     samv_doc_word(r->lname, "level", samv_record_str(d, "level")),
			     samv_doc_word(r->lname, "status", samv_record_str(d, "status")), samv_record_str(d, "text")) < 0 ||
		    (rc = samv_doc_item(&r->d, 0, line)) < 0) {
			rc = SAMV_ERROR;
			break;
		}
	}
out:
	free(line);
	cJSON_Delete(all);
	return rc;
}

static int actions(struct render *r)
{
	cJSON *all = NULL, *a;
	char *line = NULL, *owner = NULL, due_s[32];
	int rc;

	if ((rc = related(r, "action", &all)) < 0 || !cJSON_GetArraySize(all))
		goto out;
	if ((rc = samv_doc_heading(&r->d, 2, L(r, L_ACTIONS))) < 0)
		goto out;
	cJSON_ArrayForEach(a, all) {
		const char *o = samv_record_str(a, "owner"), *due = samv_record_str(a, "due");

		free(line);
		free(owner);
		line = NULL;
		owner = o ? name_of(r->v, "person", o) : name_of(r->v, "actor", samv_record_str(a, "owner_actor"));
		if (!owner)
			rc = -1;
		else if (due)
			rc = asprintf(&line, "%s (%s: %s; %s %s; %s)", samv_record_str(a, "title"), L(r, L_OWNER),
				      owner, L(r, L_DUE), samv_doc_date(due_s, r->lname, due), samv_doc_word(r->lname, "status", samv_record_str(a, "status")));
		else
			rc = asprintf(&line, "%s (%s: %s; %s)", samv_record_str(a, "title"), L(r, L_OWNER), owner,
				      samv_doc_word(r->lname, "status", samv_record_str(a, "status")));
		if (rc < 0) {
			line = NULL;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if ((rc = samv_doc_item(&r->d, 0, line)) < 0)
			break;
	}
out:
	free(line);
	free(owner);
	cJSON_Delete(all);
	return rc;
}

static int attendance(struct render *r)
{
	const cJSON *att = cJSON_GetObjectItemCaseSensitive(r->m, "attended"), *it;

	if (cJSON_GetArraySize(att)) {
		if (samv_doc_heading(&r->d, 2, L(r, L_ATTENDED)) < 0)
			return SAMV_ERROR;
		cJSON_ArrayForEach(it, att)
			if (person_item(r, samv_record_str(it, "person"), samv_record_str(it, "actor"),
					samv_doc_word(r->lname, "role", samv_record_str(it, "role"))) < 0)
				return SAMV_ERROR;
	}
	if (!cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r->m, "absent")) &&
	    !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(r->m, "absent_actors")))
		return 0;
	if (samv_doc_heading(&r->d, 2, L(r, L_ABSENT)) < 0)
		return SAMV_ERROR;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->m, "absent"))
		if (person_item(r, it->valuestring, NULL, NULL) < 0)
			return SAMV_ERROR;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->m, "absent_actors"))
		if (actor_item(r, it->valuestring, L(r, L_NOBODY)) < 0)
			return SAMV_ERROR;
	return 0;
}

static int next_step(struct render *r)
{
	const cJSON *inv = cJSON_GetObjectItemCaseSensitive(r->m, "next_invite"), *it;

	if (section(r, L_NEXT, samv_record_str(r->m, "next_step")) < 0)
		return SAMV_ERROR;
	if (!cJSON_GetArraySize(inv))
		return 0;
	if (!samv_record_str(r->m, "next_step") && samv_doc_heading(&r->d, 2, L(r, L_NEXT)) < 0)
		return SAMV_ERROR;
	if (samv_doc_para(&r->d, L(r, L_NEXT_INVITE)) < 0)
		return SAMV_ERROR;
	r->d.in_list = false;
	cJSON_ArrayForEach(it, inv)
		if (actor_item(r, it->valuestring, NULL) < 0)
			return SAMV_ERROR;
	return 0;
}

static int observations(struct render *r)
{
	const char *w = samv_record_str(r->m, "words"), *p = samv_record_str(r->m, "power");

	if (!w && !p)
		return 0;
	if (samv_doc_heading(&r->d, 2, L(r, L_OBSERVED)) < 0 || samv_doc_field(&r->d, L(r, L_WORDS), w) < 0 ||
	    samv_doc_field(&r->d, L(r, L_POWER), p) < 0)
		return SAMV_ERROR;
	return 0;
}

static int checklist(struct render *r)
{
	static const struct {
		const char *key;
		enum label l;
	} points[] = {
		{ "intros", L_INTROS }, { "all_heard", L_ALL_HEARD }, { "summarised", L_SUMMARISED },
		{ "distribution_announced", L_DIST_ANNOUNCED },
	};
	char line[256];
	size_t i;

	if (samv_doc_heading(&r->d, 2, L(r, L_CHECKLIST)) < 0)
		return SAMV_ERROR;
	for (i = 0; i < sizeof(points) / sizeof(points[0]); i++) {
		bool done = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(r->m, points[i].key));

		snprintf(line, sizeof(line), "[%c] %s", done ? 'x' : ' ', L(r, points[i].l));
		if (samv_doc_item(&r->d, 0, line) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

static int distributed(struct render *r)
{
	const cJSON *dist = cJSON_GetObjectItemCaseSensitive(r->m, "distributed"), *it;
	char line[512], date[32];

	if (!cJSON_GetArraySize(dist))
		return 0;
	if (samv_doc_heading(&r->d, 2, L(r, L_DISTRIBUTED)) < 0)
		return SAMV_ERROR;
	cJSON_ArrayForEach(it, dist) {
		const char *how = samv_record_str(it, "how");

		snprintf(line, sizeof(line), "%s: %d %s, %d %s%s%s", samv_doc_date(date, r->lname, samv_record_str(it, "date")),
			 cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(it, "people")), L(r, L_PEOPLE),
			 cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(it, "actors")), L(r, L_ORGS),
			 how ? "; " : "", how ? how : "");
		if (samv_doc_item(&r->d, 0, line) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

int samv_meeting_minutes(struct samv_buf *out, struct samv_view *v, const cJSON *m, const char *format,
			 const char *lang)
{
	const char *status = samv_record_str(m, "status");
	struct render r;
	int rc;

	if ((rc = begin(&r, out, v, m, format, lang)) < 0)
		return rc;
	if (head(&r, L_MINUTES) < 0)
		return SAMV_ERROR;
	if (status && strcmp(status, "held"))
		return samv_doc_para(&r.d, L(&r, !strcmp(status, "cancelled") ? L_CANCELLED : L_NOT_HELD));
	if (attendance(&r) < 0 || section(&r, L_PURPOSE, samv_record_str(m, "purpose")) < 0 ||
	    section(&r, L_GOAL, samv_record_str(m, "goal")) < 0 || agenda(&r) < 0 ||
	    section(&r, L_NOTES, samv_record_str(m, "minutes")) < 0 ||
	    section(&r, L_SUMMARY, samv_record_str(m, "summary")) < 0 ||
	    section(&r, L_DIRECTION, samv_record_str(m, "direction")) < 0 || decisions(&r) < 0 ||
	    actions(&r) < 0 || next_step(&r) < 0 || observations(&r) < 0 || checklist(&r) < 0 ||
	    distributed(&r) < 0)
		return SAMV_ERROR;
	return 0;
}

int samv_meeting_subject(struct samv_buf *out, const cJSON *m, bool minutes, const char *lang)
{
	const char *status = samv_record_str(m, "status");
	int en = lang && !strcmp(lang, "en");
	enum label l = minutes ? L_MINUTES : status && !strcmp(status, "cancelled") ? L_CANCELLED_SUBJ : L_INVITATION;
	char date[32];

	return samv_buf_printf(out, "%s: %s, %s", labels[l][en], samv_record_str(m, "title"),
			       samv_doc_date(date, en ? "en" : "sv", samv_record_str(m, "date")));
}

int samv_meeting_cancel_note(struct samv_buf *out, const char *lang)
{
	return samv_buf_printf(out, "%s\n", labels[L_CANCELLED][lang && !strcmp(lang, "en")]);
}
