/*
 * levels.c - what is read out of a pairs instrument (levels, Frey et al.
 * 2006): each organisation rates its relation to a partner, and the latest
 * rating in each direction counts.  Read per partner (the ratings an
 * organisation gave and received) and as the pairs whose two ratings
 * disagree.  The scale is ordinal: ratings are compared by their place,
 * summed up by their median, never averaged.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str(const cJSON *o, const char *key)
{
	return samv_record_str(o, key);
}

/* One direction: actor's latest rating of partner, and its scale point
 * (NULL when the stored answer is not on the scale). */
struct rating {
	const char *actor, *partner;
	const cJSON *rec, *pt;
};

struct ratings {
	struct rating *v;
	size_t n;
};

static int by_direction(const void *a, const void *b)
{
	const struct rating *x = a, *y = b;
	int c = strcmp(x->actor, y->actor);

	if (!c)
		c = strcmp(x->partner, y->partner);
	if (!c)
		c = strcmp(str(x->rec, "date"), str(y->rec, "date"));
	return c ? c : strcmp(str(x->rec, "id"), str(y->rec, "id"));
}

static bool member(const cJSON *members, const char *id)
{
	const cJSON *it;

	if (!members)
		return true;
	cJSON_ArrayForEach(it, members)
		if (cJSON_IsString(it) && !strcmp(it->valuestring, id))
			return true;
	return false;
}

/* The latest rating in each direction, sorted by actor and partner; those
 * whose answer is off the scale are dropped after the latest is chosen, so
 * that a broken latest record never lets an older one count. */
static int latest_ratings(struct ratings *r, const cJSON *inst, const cJSON *q, const cJSON *all)
{
	const cJSON *rec;
	size_t i, k = 0;

	r->n = 0;
	if (!(r->v = calloc((size_t)cJSON_GetArraySize(all) + 1, sizeof(*r->v))))
		return SAMV_ERROR;
	cJSON_ArrayForEach(rec, all) {
		const char *kind = str(rec, "subject_kind");

		if (!str(rec, "date") || !str(rec, "id") || !str(rec, "instrument") || !kind || strcmp(kind, "pair") ||
		    strcmp(str(rec, "instrument"), str(inst, "name")) || !str(rec, "actor") || !str(rec, "partner"))
			continue;
		r->v[r->n].actor = str(rec, "actor");
		r->v[r->n].partner = str(rec, "partner");
		r->v[r->n++].rec = rec;
	}
	qsort(r->v, r->n, sizeof(*r->v), by_direction);
	for (i = 0; i < r->n; i++) {
		struct rating *x = &r->v[i];

		if (i + 1 < r->n && !strcmp(x->actor, r->v[i + 1].actor) && !strcmp(x->partner, r->v[i + 1].partner))
			continue;
		if (!(x->pt = samv_instrument_point(inst, q, str(get(x->rec, "answers"), str(q, "key")))))
			continue;
		r->v[k++] = *x;
	}
	r->n = k;
	return 0;
}

static const struct rating *find(const struct ratings *r, const char *actor, const char *partner)
{
	struct rating key = { actor, partner, NULL, NULL };
	size_t lo = 0, hi = r->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(r->v[mid].actor, key.actor);

		if (!c)
			c = strcmp(r->v[mid].partner, key.partner);
		if (!c)
			return &r->v[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int value(const struct rating *x)
{
	return (int)get(x->pt, "value")->valuedouble;
}

/* The summary's question and the "disagree" distance, or an error. */
static int summary_of(const cJSON **q, int *limit, const cJSON *inst)
{
	const cJSON *sum = get(inst, "summary");

	*limit = cJSON_IsNumber(get(sum, "disagree")) ? (int)get(sum, "disagree")->valuedouble : 2;
	if (!(*q = samv_instrument_question(inst, str(sum, "question"))))
		return samv_error_set(SAMV_EINVAL, "instrument '%s': its summary names no question", str(inst, "name"));
	return 0;
}

int samv_assess_disagreements(cJSON **out, const cJSON *inst, const cJSON *all, const cJSON *members)
{
	struct ratings r = { NULL, 0 };
	const cJSON *q;
	cJSON *res = NULL;
	size_t i;
	int limit, rc;

	*out = NULL;
	if ((rc = summary_of(&q, &limit, inst)) < 0)
		return rc;
	rc = SAMV_ERROR;
	if (latest_ratings(&r, inst, q, all) < 0 || !(res = cJSON_CreateArray()))
		goto out;
	for (i = 0; i < r.n; i++) {
		const struct rating *ab = &r.v[i], *ba;
		cJSON *o;
		int d;

		/* each pair once, from the side whose id sorts first */
		if (strcmp(ab->actor, ab->partner) > 0 || !member(members, ab->actor) ||
		    !member(members, ab->partner) || !(ba = find(&r, ab->partner, ab->actor)))
			continue;
		if ((d = abs(value(ab) - value(ba))) < limit)
			continue;
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(res, o) ||
		    !cJSON_AddStringToObject(o, "actor", ab->actor) || !cJSON_AddStringToObject(o, "partner", ab->partner) ||
		    !cJSON_AddStringToObject(o, "rating", str(ab->pt, "key")) ||
		    !cJSON_AddNumberToObject(o, "value", value(ab)) ||
		    !cJSON_AddStringToObject(o, "date", str(ab->rec, "date")) ||
		    !cJSON_AddStringToObject(o, "back", str(ba->pt, "key")) ||
		    !cJSON_AddNumberToObject(o, "back_value", value(ba)) ||
		    !cJSON_AddStringToObject(o, "back_date", str(ba->rec, "date")) ||
		    !cJSON_AddNumberToObject(o, "difference", d))
			goto out;
	}
	*out = res;
	res = NULL;
	rc = 0;
out:
	if (rc < 0)
		samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_Delete(res);
	free(r.v);
	return rc;
}

/* ---- per partner ------------------------------------------------------ */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_pt(const void *a, const void *b)
{
	double x = get(*(const cJSON *const *)a, "value")->valuedouble;
	double y = get(*(const cJSON *const *)b, "value")->valuedouble;

	return (x > y) - (x < y);
}

/* Sort and drop repeats; the new length. */
static size_t unique(const char **v, size_t n)
{
	size_t i, k = 0;

	qsort(v, n, sizeof(*v), cmp_str);
	for (i = 0; i < n; i++)
		if (!k || strcmp(v[k - 1], v[i]))
			v[k++] = v[i];
	return k;
}

static const char *name_of(const cJSON *actors, const char *id)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, actors)
		if (str(a, "id") && !strcmp(str(a, "id"), id))
			return str(a, "name");
	return NULL;
}

static cJSON *add_str(cJSON *o, const char *key, const char *s)
{
	return s ? cJSON_AddStringToObject(o, key, s) : o;
}

static cJSON *point_json(const cJSON *pt, const char *lang)
{
	cJSON *o = cJSON_CreateObject();

	if (!o || !cJSON_AddStringToObject(o, "rating", str(pt, "key")) ||
	    !cJSON_AddNumberToObject(o, "value", get(pt, "value")->valuedouble) ||
	    !add_str(o, "label", samv_instrument_text(pt, lang))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static cJSON *rating_json(const struct rating *x, const char *lang)
{
	cJSON *o;

	if (!x)
		return cJSON_CreateNull();
	if (!(o = point_json(x->pt, lang)))
		return NULL;
	if (!cJSON_AddStringToObject(o, "date", str(x->rec, "date")) ||
	    !cJSON_AddStringToObject(o, "assessment", str(x->rec, "id"))) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* {count, median, lowest, highest} of n points: the median of an even
 * number is the lower of the middle two, a rating someone gave. */
static cJSON *side_json(const cJSON **pts, size_t n, const char *lang)
{
	cJSON *o = cJSON_CreateObject(), *m;

	if (!o || !cJSON_AddNumberToObject(o, "count", (double)n))
		goto fail;
	if (n) {
		qsort(pts, n, sizeof(*pts), cmp_pt);
		if (!(m = point_json(pts[(n - 1) / 2], lang)) || !cJSON_AddItemToObject(o, "median", m) ||
		    !cJSON_AddStringToObject(o, "lowest", str(pts[0], "key")) ||
		    !cJSON_AddStringToObject(o, "highest", str(pts[n - 1], "key")))
			goto fail;
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

/* The block of one actor: every partner it rated or was rated by. */
static int one_actor(cJSON *list, const struct ratings *r, const char *id, const struct samv_levels_opts *o,
		     int limit)
{
	const char **partners = calloc(2 * r->n + 1, sizeof(*partners));
	const cJSON **gave = calloc(r->n + 1, sizeof(*gave)), **got = calloc(r->n + 1, sizeof(*got));
	cJSON *a = NULL, *ps = NULL;
	size_t i, n = 0, ng = 0, nr = 0;
	int rc = SAMV_ERROR;

	if (!partners || !gave || !got)
		goto out;
	for (i = 0; i < r->n; i++) {
		const struct rating *x = &r->v[i];

		if (!strcmp(x->actor, id) && member(o->members, x->partner))
			partners[n++] = x->partner;
		else if (!strcmp(x->partner, id) && member(o->members, x->actor))
			partners[n++] = x->actor;
	}
	if (!(n = unique(partners, n))) {
		rc = 0;
		goto out;
	}
	if (!(a = cJSON_CreateObject()) || !cJSON_AddStringToObject(a, "actor", id) ||
	    !add_str(a, "name", name_of(o->actors, id)) || !(ps = cJSON_CreateArray()))
		goto out;
	for (i = 0; i < n; i++) {
		const struct rating *to = find(r, id, partners[i]), *from = find(r, partners[i], id);
		cJSON *p = cJSON_CreateObject(), *d;

		if (!p || !cJSON_AddItemToArray(ps, p) || !cJSON_AddStringToObject(p, "partner", partners[i]) ||
		    !add_str(p, "name", name_of(o->actors, partners[i])) ||
		    !cJSON_AddItemToObject(p, "gave", rating_json(to, o->lang)) ||
		    !cJSON_AddItemToObject(p, "received", rating_json(from, o->lang)))
			goto out;
		d = to && from ? cJSON_CreateNumber(abs(value(to) - value(from))) : cJSON_CreateNull();
		if (!cJSON_AddItemToObject(p, "difference", d) ||
		    !cJSON_AddBoolToObject(p, "disagree", to && from && abs(value(to) - value(from)) >= limit))
			goto out;
		if (to)
			gave[ng++] = to->pt;
		if (from)
			got[nr++] = from->pt;
	}
	/* the summaries before the partners, as they are read */
	if (!cJSON_AddItemToObject(a, "gave", side_json(gave, ng, o->lang)) ||
	    !cJSON_AddItemToObject(a, "received", side_json(got, nr, o->lang)) ||
	    !cJSON_AddItemToObject(a, "partners", ps))
		goto out;
	ps = NULL;
	if (!cJSON_AddItemToArray(list, a))
		goto out;
	a = NULL;
	rc = 1;
out:
	cJSON_Delete(ps);
	cJSON_Delete(a);
	free(partners);
	free(gave);
	free(got);
	return rc;
}

/* The actors in scope: o->actor, else the members, else every actor
 * rating or rated and every active actor, by id. */
static const char **scope(size_t *n, const struct ratings *r, const struct samv_levels_opts *o)
{
	size_t cap = 2 * r->n + (size_t)cJSON_GetArraySize(o->actors) + (size_t)cJSON_GetArraySize(o->members) + 1;
	const char **v = calloc(cap, sizeof(*v));
	const cJSON *it;
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	if (o->actor) {
		v[(*n)++] = o->actor;
		return v;
	}
	if (o->members) {
		cJSON_ArrayForEach(it, o->members)
			if (cJSON_IsString(it))
				v[(*n)++] = it->valuestring;
	} else {
		for (i = 0; i < r->n; i++) {
			v[(*n)++] = r->v[i].actor;
			v[(*n)++] = r->v[i].partner;
		}
		cJSON_ArrayForEach(it, o->actors)
			if (str(it, "id") && (!str(it, "status") || !strcmp(str(it, "status"), "active")))
				v[(*n)++] = str(it, "id");
	}
	*n = unique(v, *n);
	return v;
}

int samv_assess_levels(cJSON **out, const cJSON *inst, const cJSON *all, const struct samv_levels_opts *o)
{
	struct ratings r = { NULL, 0 };
	const char **ids = NULL;
	const cJSON *q;
	cJSON *res = NULL, *list, *none;
	size_t i, n;
	int limit, rc;

	*out = NULL;
	if ((rc = summary_of(&q, &limit, inst)) < 0)
		return rc;
	rc = SAMV_ERROR;
	if (latest_ratings(&r, inst, q, all) < 0 || !(ids = scope(&n, &r, o)) || !(res = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(res, "instrument", str(inst, "name")) ||
	    !add_str(res, "title", samv_instrument_text(get(inst, "title"), o->lang)) ||
	    !cJSON_AddStringToObject(res, "question", str(q, "key")) ||
	    !cJSON_AddNumberToObject(res, "disagree", limit) ||
	    !cJSON_AddItemToObject(res, "arena", o->arena ? cJSON_CreateString(o->arena) : cJSON_CreateNull()) ||
	    !(list = cJSON_AddArrayToObject(res, "actors")) ||
	    !(none = cJSON_AddArrayToObject(res, "not_rated")))
		goto out;
	for (i = 0; i < n; i++) {
		int got = one_actor(list, &r, ids[i], o, limit);

		if (got < 0 || (!got && !cJSON_AddItemToArray(none, cJSON_CreateString(ids[i]))))
			goto out;
	}
	*out = res;
	res = NULL;
	rc = 0;
out:
	if (rc < 0)
		samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_Delete(res);
	free(ids);
	free(r.v);
	return rc;
}

/* ---- the text -------------------------------------------------------- */

static void pad(FILE *f, const char *s, size_t width)
{
	size_t w = samv_utf8_width(s);

	fputs(s, f);
	while (w++ < width)
		fputc(' ', f);
}

static void cell(char *buf, size_t len, const cJSON *x)
{
	if (cJSON_IsObject(x))
		snprintf(buf, len, "%d %s", (int)get(x, "value")->valuedouble, str(x, "label"));
	else
		snprintf(buf, len, "-");
}

static void print_side(FILE *f, const char *verb, const cJSON *side)
{
	int n = (int)get(side, "count")->valuedouble;

	fprintf(f, verb, n);
	if (n)
		fprintf(f, _(", median %d %s"), (int)get(get(side, "median"), "value")->valuedouble,
			str(get(side, "median"), "label"));
}

static size_t widest(size_t w, const char *s)
{
	return samv_utf8_width(s) > w ? samv_utf8_width(s) : w;
}

/* An actor's block: its two medians, then a line a partner, the columns
 * as wide as their widest cell. */
static void print_actor(FILE *f, const cJSON *a)
{
	const cJSON *p, *ps = get(a, "partners");
	const char *partner = _("partner"), *gave = _("gave"), *received = _("received");
	size_t wp = samv_utf8_width(partner), wg = samv_utf8_width(gave), wr = samv_utf8_width(received);
	char buf[256];

	cJSON_ArrayForEach(p, ps) {
		wp = widest(wp, str(p, "partner"));
		cell(buf, sizeof(buf), get(p, "gave"));
		wg = widest(wg, buf);
		cell(buf, sizeof(buf), get(p, "received"));
		wr = widest(wr, buf);
	}
	fprintf(f, "%s%s%s\n  ", str(a, "actor"), str(a, "name") ? "  " : "", str(a, "name") ? str(a, "name") : "");
	/* TRANSLATORS: what an organisation gave and received: "gave 3, median 2 cooperation" */
	print_side(f, _("gave %d"), get(a, "gave"));
	fputs("; ", f);
	print_side(f, _("received %d"), get(a, "received"));
	fputs("\n    ", f);
	pad(f, partner, wp + 2);
	pad(f, gave, wg + 2);
	fprintf(f, "%s\n", received);
	cJSON_ArrayForEach(p, ps) {
		fputs("    ", f);
		pad(f, str(p, "partner"), wp + 2);
		cell(buf, sizeof(buf), get(p, "gave"));
		pad(f, buf, wg + 2);
		cell(buf, sizeof(buf), get(p, "received"));
		if (!cJSON_IsTrue(get(p, "disagree"))) {
			fprintf(f, "%s\n", buf);
			continue;
		}
		pad(f, buf, wr + 2);
		fprintf(f, _("apart by %d\n"), (int)get(p, "difference")->valuedouble);
	}
}

void samv_assess_levels_print(FILE *f, const cJSON *levels)
{
	const cJSON *a, *it, *none = get(levels, "not_rated");

	if (str(levels, "arena"))
		fprintf(f, _("%s: %s in %s, the latest rating in each direction\n"), str(levels, "instrument"),
			str(levels, "title"), str(levels, "arena"));
	else
		fprintf(f, _("%s: %s, the latest rating in each direction\n"), str(levels, "instrument"),
			str(levels, "title"));
	cJSON_ArrayForEach(a, get(levels, "actors")) {
		fputc('\n', f);
		print_actor(f, a);
	}
	if (!cJSON_GetArraySize(get(levels, "actors")))
		fputs(_("\nno ratings\n"), f);
	/* the whole collaboration's are many: who to ask is an arena's question */
	if (cJSON_GetArraySize(none) > 1 && !str(levels, "arena")) {
		/* more than one here */
		fprintf(f, _("\n%d active organisations not rated (see --arena, --json)\n"), cJSON_GetArraySize(none));
	} else if (cJSON_GetArraySize(none)) {
		fputs(_("\nnot rated:"), f);
		cJSON_ArrayForEach(it, none)
			fprintf(f, "%s%s", it == none->child ? " " : ", ", it->valuestring);
		fputc('\n', f);
	}
}
