/*
 * gen-collab.c - the history of a collaboration for bench/report.sh, as a
 * git fast-import stream: N records, one commit each, spread evenly over
 * YEARS years up to TODAY, in samv's canonical form and at samv's paths
 * (libcommon's samv_record_format and samv_type_path).
 *
 *   gen-collab N YEARS TODAY REF [--one-commit] | git fast-import
 *
 * REF is the branch to build on (its tip is the first parent).  With
 * --one-commit every record goes into a single commit instead: the same
 * tree with no history, to show what history costs a report.
 *
 * The mix: 40 organisations, 60 people, 20 arenas, then half meetings
 * (held, with four attendees, most of them minuted and distributed), a
 * quarter actions, the rest decisions and new people and organisations.
 * The Agreement is adopted early and amended three days before TODAY, so
 * that a weekly summary has one change of it to tell.  Deterministic:
 * the same arguments give the same stream.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

static const char *prog = "gen-collab";

struct gen {
	unsigned long n;
	long first_day, today;
	bool one;
	unsigned long mark;
	struct samv_buf files; /* the commit being made: "M ..." lines */
	char *actors, *people, *arenas; /* ids, SAMV_ID_MAX + 1 apart */
	unsigned long nactors, npeople, narenas;
	unsigned long *person_actor, *person_role; /* of each person, by index */
	char last_meeting[SAMV_ID_MAX + 1], last_arena[SAMV_ID_MAX + 1];
	char adopted[11];
};

#define ID(list, i) ((list) + (size_t)(i) * (SAMV_ID_MAX + 1))

static const char *const roles[] = { "official", "politician", "representative", "process-leader", "other" };

static int put_record(struct gen *g, const char *type, cJSON *rec)
{
	const struct samv_type *t = samv_type_find(type);
	struct samv_buf text = SAMV_BUF_INIT;
	char path[256];
	int rc;

	if ((rc = samv_record_format(&text, t, rec)) < 0 ||
	    (rc = samv_type_path(path, sizeof(path), t, samv_record_str(rec, "id"))) < 0)
		goto out;
	rc = samv_buf_printf(&g->files, "M 100644 inline %s\ndata %zu\n", path, text.len) < 0 ||
	     samv_buf_put(&g->files, text.ptr, text.len) < 0 || samv_buf_puts(&g->files, "\n") < 0 ? -1 : 0;
out:
	cJSON_Delete(rec);
	samv_buf_free(&text);
	return rc;
}

static void commit(struct gen *g, long day, unsigned long i, const char *ref, const char *subject)
{
	long long ts = (long long)day * 86400 + 36000 + (long long)(i % 3600);

	printf("commit %s\nmark :%lu\nauthor Bench Mark <bench@example.org> %lld +0100\n"
	       "committer Bench Mark <bench@example.org> %lld +0100\ndata %zu\n%s\n",
	       ref, ++g->mark, ts, ts, strlen(subject) + 1, subject);
	if (g->mark == 1)
		printf("from %s^0\n", ref);
	fwrite(g->files.ptr, 1, g->files.len, stdout);
	printf("\n");
	g->files.len = 0;
}

static cJSON *obj(const char *id)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "id", id);
	return o;
}

static int agreement(struct gen *g, int version, const char *decision, const char *date, const char *adopted)
{
	static const char *const purposes[] = { "Utökad dialog", "Demokrati och delaktighet",
						"Kunskap om varandra", "Lösningar tillsammans" };
	cJSON *a = obj("agreement"), *parties = cJSON_AddArrayToObject(a, "parties");
	char key[2] = "a", id[8];
	unsigned long i;
	int k, rc = 0;

	cJSON_AddStringToObject(a, "title", "Överenskommelsen");
	for (i = 0; i < g->nactors && i < 40; i++)
		cJSON_AddItemToArray(parties, cJSON_CreateString(ID(g->actors, i)));
	cJSON_AddStringToObject(a, "adopted", adopted);
	cJSON_AddNumberToObject(a, "version", version);
	if (version > 1)
		cJSON_AddStringToObject(a, "amended", date);
	cJSON_AddStringToObject(a, "decision", decision);
	rc |= put_record(g, "agreement", a);
	for (k = 0; k < 4; k++) {
		cJSON *p = obj(key);

		cJSON_AddStringToObject(p, "text", purposes[k]);
		rc |= put_record(g, "purpose", p);
		key[0]++;
	}
	for (k = 1; k <= 4; k++) {
		cJSON *c;

		snprintf(id, sizeof(id), "%d", k);
		c = obj(id);
		cJSON_AddStringToObject(c, "text", k == 4 && version > 1 ? "Parterna möts fyra gånger om året."
									  : "Parterna samverkar om samhällsutmaningar.");
		rc |= put_record(g, "clause", c);
	}
	return rc;
}

static int decision(struct gen *g, const char *id, const char *kind, const char *level, const char *date,
		    const char *review)
{
	cJSON *d = obj(id);

	cJSON_AddStringToObject(d, "kind", kind);
	cJSON_AddStringToObject(d, "level", level);
	cJSON_AddStringToObject(d, "title", "Beslut i samverkan");
	cJSON_AddStringToObject(d, "text", "Parterna är överens om nästa steg.");
	cJSON_AddStringToObject(d, "date", date);
	if (!strcmp(level, "arena") && *g->last_meeting) {
		cJSON_AddStringToObject(d, "meeting", g->last_meeting);
		cJSON_AddStringToObject(d, "arena", g->last_arena);
	} else {
		cJSON_AddStringToObject(d, "body", "Regionstyrelsen");
	}
	cJSON_AddStringToObject(d, "status", "adopted");
	if (review)
		cJSON_AddStringToObject(d, "review", review);
	return put_record(g, "decision", d);
}

static int one(struct gen *g, unsigned long i, long day)
{
	char id[SAMV_ID_MAX + 1], date[11], later[11];
	unsigned long r = i % 20, k;
	cJSON *rec;

	samv_date_from_days(date, day);
	if (i < 40 || (i >= 121 && r == 0)) {
		char name[64];

		snprintf(id, sizeof(id), "org-%06lu", i);
		/* each its own name: samv-check warns of two alike */
		snprintf(name, sizeof(name), "Förening %lu i Östergötland", i);
		rec = obj(id);
		cJSON_AddStringToObject(rec, "name", name);
		cJSON_AddStringToObject(rec, "sector", i % 3 == 0 ? "public" : i % 7 == 0 ? "private" : "civil");
		cJSON_AddStringToObject(rec, "kind", i % 3 == 0 ? "region" : i % 7 == 0 ? "business" : "association");
		cJSON_AddStringToObject(rec, "level", i % 2 ? "local" : "regional");
		cJSON_AddStringToObject(rec, "status", "active");
		memcpy(ID(g->actors, g->nactors++), id, SAMV_ID_MAX + 1);
		return put_record(g, "actor", rec);
	}
	if (i < 100 || (i >= 121 && r == 1)) {
		snprintf(id, sizeof(id), "person-%06lu", i);
		rec = obj(id);
		cJSON_AddStringToObject(rec, "name", "Eva Åberg");
		cJSON_AddStringToObject(rec, "actor", ID(g->actors, i % g->nactors));
		cJSON_AddStringToObject(rec, "role", roles[i % 5]);
		cJSON_AddStringToObject(rec, "status", "active");
		g->person_actor[g->npeople] = i % g->nactors;
		g->person_role[g->npeople] = i % 5;
		memcpy(ID(g->people, g->npeople++), id, SAMV_ID_MAX + 1);
		return put_record(g, "person", rec);
	}
	if (i < 120) {
		snprintf(id, sizeof(id), "arena-%06lu", i);
		rec = obj(id);
		cJSON_AddStringToObject(rec, "name", "Storgruppsmöte");
		cJSON_AddStringToObject(rec, "kind", i % 2 ? "working-group" : "large-group-meeting");
		cJSON_AddStringToObject(rec, "status", "active");
		memcpy(ID(g->arenas, g->narenas++), id, SAMV_ID_MAX + 1);
		return put_record(g, "arena", rec);
	}
	if (i == 120) {
		memcpy(g->adopted, date, sizeof(g->adopted));
		return decision(g, "anta", "anchor", "political", date, NULL) | agreement(g, 1, "anta", date, date);
	}
	if (r >= 2 && r <= 11) {
		const char *arena = ID(g->arenas, (i / 20) % g->narenas);
		cJSON *att, *dist, *a;

		snprintf(id, sizeof(id), "meeting-%06lu", i);
		rec = obj(id);
		cJSON_AddStringToObject(rec, "arena", arena);
		cJSON_AddStringToObject(rec, "title", "Möte om ofrivillig ensamhet");
		cJSON_AddStringToObject(rec, "date", date);
		cJSON_AddStringToObject(rec, "purpose", "Att samla parterna kring nästa steg.");
		cJSON_AddStringToObject(rec, "status", "held");
		att = cJSON_AddArrayToObject(rec, "attended");
		for (k = 0; k < 4; k++) {
			unsigned long p = (i * 7 + k * 13) % g->npeople;

			a = cJSON_CreateObject();
			cJSON_AddStringToObject(a, "person", ID(g->people, p));
			cJSON_AddStringToObject(a, "actor", ID(g->actors, g->person_actor[p]));
			cJSON_AddStringToObject(a, "role", roles[g->person_role[p]]);
			cJSON_AddItemToArray(att, a);
		}
		cJSON_AddStringToObject(rec, "summary", "Parterna berättade om sitt arbete och enades om nästa steg.");
		cJSON_AddStringToObject(rec, "minutes", "# Minnesanteckningar\n\n1. Välkomna\n2. Läget\n3. Nästa steg\n");
		if (i % 7) {
			dist = cJSON_AddArrayToObject(rec, "distributed");
			a = cJSON_CreateObject();
			cJSON_AddStringToObject(a, "date", date);
			cJSON_AddStringToObject(a, "how", "e-post");
			cJSON_AddItemToArray(dist, a);
		}
		snprintf(g->last_meeting, sizeof(g->last_meeting), "%s", id);
		snprintf(g->last_arena, sizeof(g->last_arena), "%s", arena);
		return put_record(g, "meeting", rec);
	}
	if (r >= 12 && r <= 16 && *g->last_meeting) {
		snprintf(id, sizeof(id), "action-%06lu", i);
		samv_date_from_days(later, day + 30);
		rec = obj(id);
		cJSON_AddStringToObject(rec, "meeting", g->last_meeting);
		cJSON_AddStringToObject(rec, "arena", g->last_arena);
		cJSON_AddStringToObject(rec, "title", "Skicka föreningslistan");
		cJSON_AddStringToObject(rec, "owner", ID(g->people, i % g->npeople));
		cJSON_AddStringToObject(rec, "due", later);
		if (day + 30 < g->today - 60) {
			cJSON_AddStringToObject(rec, "status", "done");
			cJSON_AddStringToObject(rec, "done", later);
		} else {
			cJSON_AddStringToObject(rec, "status", "open");
		}
		return put_record(g, "action", rec);
	}
	snprintf(id, sizeof(id), "decision-%06lu", i);
	samv_date_from_days(later, day + 365);
	return decision(g, id, i % 2 ? "kedge-anchor" : "anchor", "arena", date, i % 2 ? later : NULL);
}

int main(int argc, char **argv)
{
	struct gen g = { 0 };
	char date[11], subject[64];
	unsigned long i;
	long years, day;
	int rc = 1;

	if (argc < 5 || argc > 6 || (g.n = strtoul(argv[1], NULL, 10)) < 200 || (years = atol(argv[2])) < 1 ||
	    samv_date_check(argv[3]) < 0 || (argc == 6 && strcmp(argv[5], "--one-commit"))) {
		fprintf(stderr, "usage: %s N YEARS TODAY REF [--one-commit]  (N >= 200)\n", prog);
		return 2;
	}
	g.one = argc == 6;
	g.today = samv_date_days(argv[3]);
	g.first_day = g.today - years * 365;
	if (!(g.actors = calloc(g.n, SAMV_ID_MAX + 1)) || !(g.people = calloc(g.n, SAMV_ID_MAX + 1)) ||
	    !(g.arenas = calloc(20, SAMV_ID_MAX + 1)) || !(g.person_actor = calloc(g.n, sizeof(long))) ||
	    !(g.person_role = calloc(g.n, sizeof(long)))) {
		fprintf(stderr, "%s: out of memory\n", prog);
		goto out;
	}
	for (i = 0; i + 1 < g.n; i++) {
		/* the days run evenly up to yesterday */
		day = g.first_day + (long)((double)(g.today - 1 - g.first_day) * (double)i / (double)g.n);
		if (one(&g, i, day) < 0)
			goto fail;
		if (!g.one) {
			snprintf(subject, sizeof(subject), "bench: record %lu", i);
			commit(&g, day, i, argv[4], subject);
		}
	}
	samv_date_from_days(date, g.today - 3);
	if (decision(&g, "revidera", "anchor", "political", date, NULL) < 0)
		goto fail;
	if (agreement(&g, 2, "revidera", date, g.adopted) < 0)
		goto fail;
	commit(&g, g.today - 3, g.n, argv[4], g.one ? "bench: every record" : "agreement: version 2");
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "%s: %s\n", prog, samv_error_last());
out:
	free(g.actors);
	free(g.people);
	free(g.arenas);
	free(g.person_actor);
	free(g.person_role);
	samv_buf_free(&g.files);
	return rc;
}
