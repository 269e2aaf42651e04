/*
 * report.c - the figures of samv-report, gathered into one JSON document
 * that every format is rendered from (render.c), so that text, Markdown,
 * CSV, HTML and JSON always tell the same numbers.
 *
 * Records are read from one commit's tree (the tip, or --rev): the
 * figures of a period never depend on how long the history is.  Only the
 * Agreement's changes need history, and samv_agreement_history_since
 * walks no further back than the period.
 *
 * The document: {"report", "title", "collaboration", "period": {"label",
 * "since", "until"}, "today", "figures": [{"key", "title", "value"}],
 * "sections": [{"id", "title", "columns": [{"key", "title"}], "rows":
 * [{KEY: string | number | null}]}], "charts": [{"id", "title", "kind",
 * "labels", "series": [{"name", "values"}]}]}.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "idset.h"
#include "challenge.h"
#include "anchoring.h"
#include "cache.h"

#define STOPPED_AFTER 3 /* an organisation missing this many meetings in a row stopped coming */
#define SUMMARY_MONTHS 12

struct col {
	const char *key, *title;
};

/* Records of one type in id order (as samv_record_load_all gives them),
 * for lookups by id. */
struct tab {
	cJSON *all;
	const cJSON **v;
	const char **ids; /* of v, for find: found once, not at every step */
	size_t n;
};

struct ctx {
	const struct samv_report_opts *o;
	struct samv_store *s;
	struct samv_view *v;
	struct tab actors, people, arenas, meetings, actions, decisions;
	struct tab assessments; /* read when first wanted: load_assessments */
	struct tab anchorings, bodies;
	/* the summary through the cache (summary_tables): meetings and
	 * decisions hold only those of the period and the dashboard's months,
	 * and these the records each section may pick */
	bool lazy;
	struct tab late, due, opened, done, overdue;
	struct tab dash; /* the dashboard's meetings outside the period, slim */
	cJSON *agreement;       /* NULL when there is none */
	cJSON *doc, *figures, *sections, *charts;
	bool oom;
};

static const char *const reports[] = {
	"summary", "arena", "decisions", "actions", "participation", "agreement", "resources", "anchoring", NULL
};

const char *samv_report_name(size_t i)
{
	return i < sizeof(reports) / sizeof(reports[0]) ? reports[i] : NULL;
}

static const char *str(const cJSON *r, const char *key)
{
	return r ? samv_record_str(r, key) : NULL;
}

static bool is(const cJSON *r, const char *key, const char *value)
{
	const char *s = str(r, key);

	return s && !strcmp(s, value);
}

/* ---- tables of records ---------------------------------------------------- */

static int tab_index(struct tab *t)
{
	const cJSON *r;
	size_t i = 0;

	t->n = (size_t)cJSON_GetArraySize(t->all);
	if (t->n && (!(t->v = calloc(t->n, sizeof(*t->v))) || !(t->ids = calloc(t->n, sizeof(*t->ids)))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(r, t->all) {
		t->ids[i] = str(r, "id") ? str(r, "id") : "";
		t->v[i++] = r;
	}
	return 0;
}

static int tab_load(struct tab *t, struct ctx *c, const char *type)
{
	int rc;

	if (t->all)
		return 0;
	if ((rc = samv_record_load_all(&t->all, c->v, samv_type_find(type), NULL)) < 0)
		return rc;
	return tab_index(t);
}

/* Records of type that the SQL condition where selects (samv_cache_select):
 * a superset of those the caller's predicate then picks.  Every record
 * when the cache cannot serve; 1 when it cannot and first is set, for the
 * caller to read whole tables instead.  slim: the records need hold only
 * the fields samv_cache_select's slim records do. */
static int tab_select(struct tab *t, struct ctx *c, const char *type, bool first, bool slim, const char *where,
		      const char *const *args)
{
	int rc = samv_record_select(&t->all, c->v, samv_type_find(type), slim, where, args);

	if (rc == 1 && first)
		return 1;
	if (rc == 1)
		rc = samv_record_load_all(&t->all, c->v, samv_type_find(type), NULL);
	return rc < 0 ? rc : tab_index(t);
}

/* The assessments, read once a report: its sections and its trend charts
 * both want them, and most reports want neither. */
static int load_assessments(struct ctx *c)
{
	return c->assessments.all ? 0 : tab_load(&c->assessments, c, "assessment");
}

static void tab_free(struct tab *t)
{
	free(t->v);
	free(t->ids);
	cJSON_Delete(t->all);
}

static int id_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static const cJSON *find(const struct tab *t, const char *id)
{
	const char **r;

	if (!id || !t->n)
		return NULL;
	r = bsearch(id, t->ids, t->n, sizeof(*t->ids), id_cmp);
	return r ? t->v[r - t->ids] : NULL;
}

/* The name people know a record by: its name or title, else the id. */
static const char *name_of(const struct tab *t, const char *id)
{
	const cJSON *r = find(t, id);
	const char *n = str(r, "name");

	if (!n)
		n = str(r, "title");
	return n ? n : id;
}

/* Records sorted by keys (each "key" or "-key" for descending), missing
 * values first; ties by id.  The keys' values are found once a record,
 * not at every comparison (a summary sorts thousands). */
#define SORT_KEYS 4

struct sorted {
	const cJSON *r;
	const char *k[SORT_KEYS + 1]; /* the keys' values, then the id */
};

static int keys_cmp(const void *a, const void *b, void *arg)
{
	const char *const *keys = arg;
	const struct sorted *x = a, *y = b;
	int i, d;

	for (i = 0; keys[i]; i++)
		if ((d = strcmp(x->k[i], y->k[i])))
			return keys[i][0] == '-' ? -d : d;
	return strcmp(x->k[i], y->k[i]);
}

static int sort_by(const cJSON **v, size_t n, const char *const *keys)
{
	struct sorted *w;
	size_t i;
	int k;

	if (n < 2)
		return 0;
	if (!(w = malloc(n * sizeof(*w))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < n; i++) {
		w[i].r = v[i];
		for (k = 0; k < SORT_KEYS && keys[k]; k++) {
			const char *x = str(v[i], keys[k][0] == '-' ? keys[k] + 1 : keys[k]);

			w[i].k[k] = x ? x : "";
		}
		w[i].k[k] = str(v[i], "id") ? str(v[i], "id") : "";
	}
	qsort_r(w, n, sizeof(*w), keys_cmp, (void *)keys);
	for (i = 0; i < n; i++)
		v[i] = w[i].r;
	free(w);
	return 0;
}

struct pick {
	const cJSON **v;
	size_t n;
};

typedef bool (*pred_fn)(struct ctx *c, const cJSON *r, const void *arg);

static int pick(struct pick *out, struct ctx *c, const struct tab *t, pred_fn pred, const void *arg,
		const char *const *keys)
{
	size_t i;

	out->n = 0;
	if (!t->n)
		return 0;
	if (!(out->v = calloc(t->n, sizeof(*out->v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < t->n; i++)
		if (pred(c, t->v[i], arg))
			out->v[out->n++] = t->v[i];
	return sort_by(out->v, out->n, keys);
}

/* ---- the document ---------------------------------------------------------- */

static void figure(struct ctx *c, const char *key, const char *title, int value)
{
	cJSON *f = cJSON_CreateObject();

	if (!f || !cJSON_AddItemToArray(c->figures, f) || !cJSON_AddStringToObject(f, "key", key) ||
	    !cJSON_AddStringToObject(f, "title", title) || !cJSON_AddNumberToObject(f, "value", value))
		c->oom = true;
}

/* A new section; its rows array is returned. */
static cJSON *section(struct ctx *c, const char *id, const char *title, const struct col *cols)
{
	cJSON *s = cJSON_CreateObject(), *cs, *rows = NULL, *o;

	if (!s || !cJSON_AddItemToArray(c->sections, s) || !cJSON_AddStringToObject(s, "id", id) ||
	    !cJSON_AddStringToObject(s, "title", title) || !(cs = cJSON_AddArrayToObject(s, "columns"))) {
		c->oom = true;
		return NULL;
	}
	for (; cols->key; cols++) {
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(cs, o) ||
		    !cJSON_AddStringToObject(o, "key", cols->key) || !cJSON_AddStringToObject(o, "title", cols->title))
			c->oom = true;
	}
	if (!(rows = cJSON_AddArrayToObject(s, "rows")))
		c->oom = true;
	return rows;
}

static cJSON *row(struct ctx *c, cJSON *rows)
{
	cJSON *r = cJSON_CreateObject();

	if (!r || !rows || !cJSON_AddItemToArray(rows, r)) {
		c->oom = true;
		cJSON_Delete(r);
		return NULL;
	}
	return r;
}

/* A cell under a key that outlives the document (a literal: not
 * copied, as a summary's rows are many). */
static void put(struct ctx *c, cJSON *r, const char *key, const char *value)
{
	cJSON *it = value ? cJSON_CreateString(value) : cJSON_CreateNull();

	if (r && !(it && cJSON_AddItemToObjectCS(r, key, it))) {
		cJSON_Delete(it);
		c->oom = true;
	}
	if (!r)
		cJSON_Delete(it);
}

static void puti(struct ctx *c, cJSON *r, const char *key, int value)
{
	cJSON *it = cJSON_CreateNumber(value);

	if (r && !(it && cJSON_AddItemToObjectCS(r, key, it))) {
		cJSON_Delete(it);
		c->oom = true;
	}
	if (!r)
		cJSON_Delete(it);
}

/* The same under a key of its own (copied). */
static void put_dup(struct ctx *c, cJSON *r, const char *key, const char *value)
{
	if (r && !(value ? cJSON_AddStringToObject(r, key, value) : cJSON_AddNullToObject(r, key)))
		c->oom = true;
}

static void puti_dup(struct ctx *c, cJSON *r, const char *key, int value)
{
	if (r && !cJSON_AddNumberToObject(r, key, value))
		c->oom = true;
}

/* ---- months, for charts ---------------------------------------------------- */

struct months {
	int first; /* year * 12 + month - 1 */
	int n;
};

static int month_of(const char *date)
{
	return atoi(date) * 12 + atoi(date + 5) - 1;
}

static int month_index(const struct months *m, const char *date)
{
	int i;

	if (!date || samv_date_check(date) < 0)
		return -1;
	i = month_of(date) - m->first;
	return i >= 0 && i < m->n ? i : -1;
}

/* The months of the period; an open end is closed by the dates of the
 * meetings and decisions, so "all" draws only the months there are. */
static void months_of(struct months *m, struct ctx *c, const struct samv_period *p)
{
	const char *lo = p->since, *hi = p->until, *d;
	const char *dmin = NULL, *dmax = NULL;
	const struct tab *ts[] = { &c->meetings, &c->decisions };
	size_t i, k;

	for (k = 0; k < 2; k++)
		for (i = 0; i < ts[k]->n; i++) {
			d = str(ts[k]->v[i], "date");
			if (!samv_period_has(p, d))
				continue;
			if (!dmin || strcmp(d, dmin) < 0)
				dmin = d;
			if (!dmax || strcmp(d, dmax) > 0)
				dmax = d;
		}
	if (!strcmp(lo, "1900-01-01"))
		lo = dmin ? dmin : c->o->today;
	if (!strcmp(hi, "9999-12-31"))
		hi = dmax ? dmax : c->o->today;
	if (strcmp(lo, hi) > 0)
		lo = hi;
	m->first = month_of(lo);
	m->n = month_of(hi) - m->first + 1;
}

static void month_label(char out[8], int month)
{
	char tmp[32];

	snprintf(tmp, sizeof(tmp), "%04d-%02d", month / 12, month % 12 + 1);
	memcpy(out, tmp, 7);
	out[7] = '\0';
}

/* The period cut in quarters, or in years when it is longer than two
 * years: the columns of participation over time.  first and n count
 * quarters (year * 4 + quarter - 1) or years. */
struct spans {
	int first, n;
	bool years;
};

static void spans_of(struct spans *sp, const struct months *m)
{
	int per;

	sp->years = m->n > 24;
	per = sp->years ? 12 : 3;
	sp->first = m->first / per;
	sp->n = (m->first + m->n - 1) / per - sp->first + 1;
}

static int span_index(const struct spans *sp, const struct months *m, const char *date)
{
	int i = month_index(m, date);

	return i < 0 ? -1 : (m->first + i) / (sp->years ? 12 : 3) - sp->first;
}

static void span_label(char out[16], const struct spans *sp, int i)
{
	int v = sp->first + i;

	if (sp->years)
		snprintf(out, 16, "%04d", v % 10000);
	else
		snprintf(out, 16, "%04d-Q%d", v / 4 % 10000, v % 4 + 1);
}

/* A chart of n series over the months; values[s * m->n + i]. */
static void chart(struct ctx *c, const char *id, const char *title, const char *kind, const struct months *m,
		  const char *const *names, size_t n, const int *values)
{
	cJSON *ch = cJSON_CreateObject(), *labels, *series, *se, *vals;
	char label[8];
	size_t s;
	int i;

	if (!ch || !cJSON_AddItemToArray(c->charts, ch) || !cJSON_AddStringToObject(ch, "id", id) ||
	    !cJSON_AddStringToObject(ch, "title", title) || !cJSON_AddStringToObject(ch, "kind", kind) ||
	    !(labels = cJSON_AddArrayToObject(ch, "labels")) || !(series = cJSON_AddArrayToObject(ch, "series"))) {
		c->oom = true;
		return;
	}
	for (i = 0; i < m->n; i++) {
		month_label(label, m->first + i);
		if (!cJSON_AddItemToArray(labels, cJSON_CreateString(label)))
			c->oom = true;
	}
	for (s = 0; s < n; s++) {
		if (!(se = cJSON_CreateObject()) || !cJSON_AddItemToArray(series, se) ||
		    !cJSON_AddStringToObject(se, "name", names[s]) || !(vals = cJSON_AddArrayToObject(se, "values"))) {
			c->oom = true;
			return;
		}
		for (i = 0; i < m->n; i++)
			if (!cJSON_AddItemToArray(vals, cJSON_CreateNumber(values[s * (size_t)m->n + (size_t)i])))
				c->oom = true;
	}
}

static const char *const sectors[] = { "civil", "public", "private" };

static int sector_index(const char *sector)
{
	size_t i;

	for (i = 0; sector && i < 3; i++)
		if (!strcmp(sector, sectors[i]))
			return (int)i;
	return -1;
}

/* Attendance by sector a month, at held meetings (of one arena, or all). */
static int chart_attendance(struct ctx *c, const struct months *m, const char *arena, const char *title)
{
	const cJSON *a;
	int *v, i, k;
	size_t j;

	if (m->n <= 0)
		return 0;
	if (!(v = calloc(3 * (size_t)m->n, sizeof(*v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (j = 0; j < c->meetings.n; j++) {
		const cJSON *mt = c->meetings.v[j];

		if (!is(mt, "status", "held") || (arena && !is(mt, "arena", arena)) ||
		    (i = month_index(m, str(mt, "date"))) < 0)
			continue;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(mt, "attended"))
			if ((k = sector_index(str(find(&c->actors, str(a, "actor")), "sector"))) >= 0)
				v[k * m->n + i]++;
	}
	/* the summary's other meetings, slim: their organisations one a line */
	for (j = 0; j < c->dash.n; j++) {
		const cJSON *mt = c->dash.v[j];
		const char *att = str(mt, "att"), *end;
		char id[SAMV_ID_MAX + 1];

		if (!att || !is(mt, "status", "held") || (arena && !is(mt, "arena", arena)) ||
		    (i = month_index(m, str(mt, "date"))) < 0)
			continue;
		for (; *att; att = *end ? end + 1 : end) {
			size_t n = (end = strchr(att, '\n')) ? (size_t)(end - att) : strlen(att);

			if (!end)
				end = att + n;
			if (n > SAMV_ID_MAX)
				continue;
			memcpy(id, att, n);
			id[n] = '\0';
			if ((k = sector_index(str(find(&c->actors, id), "sector"))) >= 0)
				v[k * m->n + i]++;
		}
	}
	chart(c, "attendance", title, "stacked", m, sectors, 3, v);
	free(v);
	return 0;
}

/* Decisions made (not mere proposals) a month, anchors and kedge anchors. */
static int chart_decisions(struct ctx *c, const struct months *m, const char *arena, const char *title)
{
	static const char *const kinds[] = { "anchor", "kedge-anchor" };
	int *v, i;
	size_t j;

	if (m->n <= 0)
		return 0;
	if (!(v = calloc(2 * (size_t)m->n, sizeof(*v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (j = 0; j < c->decisions.n; j++) {
		const cJSON *d = c->decisions.v[j];

		if (is(d, "status", "proposed") || (arena && !is(d, "arena", arena)) ||
		    (i = month_index(m, str(d, "date"))) < 0)
			continue;
		v[(is(d, "kind", "anchor") ? 0 : 1) * m->n + i]++;
	}
	chart(c, "decisions", title, "stacked", m, kinds, 2, v);
	free(v);
	return 0;
}

/* ---- assessments --------------------------------------------------------- */

static const struct col assessment_cols[] = {
	{ "date", DN_("Date") }, { "id", DN_("Id") }, { "instrument", DN_("Instrument") }, { "subject", DN_("Subject") },
	{ "by", DN_("Assessed by") }, { NULL, NULL }
};
static const struct col standing_cols[] = {
	{ "date", DN_("Date") }, { "id", DN_("Id") }, { "step", DN_("Step") }, { NULL, NULL }
};

static void assessment_row(struct ctx *c, cJSON *rows, const cJSON *a)
{
	struct samv_buf subject = SAMV_BUF_INIT;
	cJSON *r = row(c, rows);

	if (samv_assessment_subject(&subject, a) < 0)
		c->oom = true;
	put(c, r, "date", str(a, "date"));
	put(c, r, "id", str(a, "id"));
	put(c, r, "instrument", str(a, "instrument"));
	put(c, r, "subject", subject.ptr);
	put(c, r, "by", name_of(&c->people, str(a, "assessed_by")));
	samv_buf_free(&subject);
}

/* The assessments made in the period (of one arena, or all), and for an
 * arena where it stands on the staircase: its latest "steps" answer up to
 * the period's end.  *n is how many were made. */
static int assessments(struct ctx *c, const char *arena, int *n)
{
	const struct samv_period *p = &c->o->period;
	const cJSON *latest = NULL;
	const struct tab *t = &c->assessments;
	cJSON *rows = NULL;
	size_t i;
	int rc;

	*n = 0;
	if ((rc = load_assessments(c)) < 0)
		goto out;
	/* sections only when there is something: most weeks have none */
	for (i = 0; i < t->n; i++) {
		const cJSON *a = t->v[i];
		const char *date = str(a, "date");

		if (arena && !is(a, "arena", arena))
			continue;
		if (date && samv_period_has(p, date)) {
			if (!rows)
				rows = section(c, "assessments", DN_("Assessments made"), assessment_cols);
			assessment_row(c, rows, a);
			(*n)++;
		}
		if (arena && is(a, "instrument", "steps") && date && (!p->until[0] || strcmp(date, p->until) <= 0) &&
		    (!latest || strcmp(date, str(latest, "date")) > 0))
			latest = a;
	}
	if (latest) {
		cJSON *r = row(c, section(c, "standing", DN_("Where the arena stands (Samverkanstrappan)"), standing_cols));

		put(c, r, "date", str(latest, "date"));
		put(c, r, "id", str(latest, "id"));
		put(c, r, "step", str(cJSON_GetObjectItemCaseSensitive(latest, "answers"), "step"));
	}
out:
	return rc;
}

/* One instrument's trend (samv_assess_trend) as a line chart: a series a
 * scale question answered at least once, a point an assessment, the axis
 * from the lowest to the highest value of the scales drawn.  Nothing when
 * no such question was answered. */
static void trend_chart(struct ctx *c, const cJSON *inst, const cJSON *tr)
{
	const cJSON *as = cJSON_GetObjectItemCaseSensitive(tr, "assessments"), *qo, *a, *p;
	cJSON *ch = cJSON_CreateObject(), *labels, *series, *se, *vals, *said, *notes;
	int min = 0, max = 0, drawn = 0;
	bool scaled = false;
	char id[SAMV_ID_MAX + 16], title[256];

	snprintf(id, sizeof(id), "trend-%s", str(inst, "name"));
	snprintf(title, sizeof(title), DN_("Assessment trend: %s"),
		 samv_instrument_text(cJSON_GetObjectItemCaseSensitive(inst, "title"), "en"));
	if (!ch || !cJSON_AddStringToObject(ch, "id", id) || !cJSON_AddStringToObject(ch, "title", title) ||
	    !cJSON_AddStringToObject(ch, "kind", "line") || !(labels = cJSON_AddArrayToObject(ch, "labels")) ||
	    !(series = cJSON_AddArrayToObject(ch, "series")))
		goto oom;
	cJSON_ArrayForEach(a, as)
		if (!cJSON_AddItemToArray(labels, cJSON_CreateString(str(a, "date"))))
			goto oom;
	cJSON_ArrayForEach(qo, cJSON_GetObjectItemCaseSensitive(tr, "questions")) {
		const cJSON *answers = cJSON_GetObjectItemCaseSensitive(qo, "answers");
		const cJSON *q = samv_instrument_question(inst, str(qo, "key"));

		cJSON_ArrayForEach(a, answers)
			if (cJSON_GetObjectItemCaseSensitive(a, "value"))
				break;
		if (!a || !is(qo, "type", "scale"))
			continue;
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(samv_instrument_scale(inst, q), "points")) {
			int v = cJSON_GetObjectItemCaseSensitive(p, "value")->valueint;

			min = !scaled || v < min ? v : min;
			max = !scaled || v > max ? v : max;
			scaled = true;
		}
		if (!(se = cJSON_CreateObject()) || !cJSON_AddItemToArray(series, se) ||
		    !cJSON_AddStringToObject(se, "name", str(qo, "key")) ||
		    !(vals = cJSON_AddArrayToObject(se, "values")) || !(said = cJSON_AddArrayToObject(se, "labels")) ||
		    !(notes = cJSON_AddArrayToObject(se, "notes")))
			goto oom;
		cJSON_ArrayForEach(a, answers) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(a, "value");

			if (!cJSON_AddItemToArray(vals, v ? cJSON_CreateNumber(v->valuedouble) : cJSON_CreateNull()) ||
			    !cJSON_AddItemToArray(said, v ? cJSON_CreateString(str(a, "label")) : cJSON_CreateNull()) ||
			    !cJSON_AddItemToArray(notes, v && str(a, "note") ? cJSON_CreateString(str(a, "note"))
									       : cJSON_CreateNull()))
				goto oom;
		}
		drawn++;
	}
	if (!drawn) {
		cJSON_Delete(ch);
		return;
	}
	if (!cJSON_AddNumberToObject(ch, "min", min) || !cJSON_AddNumberToObject(ch, "max", max) ||
	    !cJSON_AddItemToArray(c->charts, ch))
		goto oom;
	return;
oom:
	c->oom = true;
	cJSON_Delete(ch);
}

/* The trends of a subject (an arena, or the collaboration when id is
 * NULL), one chart an instrument used about it: every assessment up to
 * the period's end, for a trend is read against the years before. */
static int chart_trends(struct ctx *c, const char *kind, const char *id)
{
	const struct tab *t = &c->assessments;
	cJSON *set = NULL, *upto = NULL, *tr = NULL;
	const cJSON *inst;
	size_t i;
	int rc;

	if ((rc = load_assessments(c)) < 0 || (rc = samv_instruments_load(&set, c->v, NULL)) < 0)
		goto out;
	if (!(upto = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = 0; i < t->n; i++)
		if (str(t->v[i], "date") && strcmp(str(t->v[i], "date"), c->o->period.until) <= 0 &&
		    !cJSON_AddItemReferenceToArray(upto, (cJSON *)t->v[i]))
			c->oom = true;
	cJSON_ArrayForEach(inst, set) {
		if ((rc = samv_assess_trend(&tr, inst, upto, kind, id, NULL, "en")) < 0)
			goto out;
		trend_chart(c, inst, tr);
		cJSON_Delete(tr);
		tr = NULL;
	}
out:
	cJSON_Delete(upto);
	cJSON_Delete(set);
	return rc;
}

/* ---- shared rows ----------------------------------------------------------- */

static const struct col decision_cols[] = {
	{ "date", DN_("Date") }, { "id", DN_("Id") }, { "kind", DN_("Kind") }, { "level", DN_("Level") },
	{ "status", DN_("Status") }, { "title", DN_("Title") }, { NULL, NULL }
};

static void decision_row(struct ctx *c, cJSON *rows, const cJSON *d)
{
	cJSON *r = row(c, rows);

	put(c, r, "date", str(d, "date"));
	put(c, r, "id", str(d, "id"));
	put(c, r, "kind", str(d, "kind"));
	put(c, r, "level", str(d, "level"));
	put(c, r, "status", str(d, "status"));
	put(c, r, "title", str(d, "title"));
}

static const struct col action_cols[] = {
	{ "due", DN_("Due") }, { "id", DN_("Id") }, { "owner", DN_("Owner") }, { "title", DN_("Title") }, { "status", DN_("Status") },
	{ NULL, NULL }
};

static const char *owner_of(struct ctx *c, const cJSON *a)
{
	if (str(a, "owner"))
		return name_of(&c->people, str(a, "owner"));
	if (str(a, "owner_actor"))
		return name_of(&c->actors, str(a, "owner_actor"));
	return "(nobody)";
}

static void action_row(struct ctx *c, cJSON *rows, const cJSON *a)
{
	cJSON *r = row(c, rows);

	put(c, r, "due", str(a, "due"));
	put(c, r, "id", str(a, "id"));
	put(c, r, "owner", owner_of(c, a));
	put(c, r, "title", str(a, "title"));
	put(c, r, "status", str(a, "status"));
}

static bool in_period(struct ctx *c, const cJSON *r, const void *key)
{
	return samv_period_has(&c->o->period, str(r, key));
}

static bool made_in_period(struct ctx *c, const cJSON *r, const void *arena)
{
	return !is(r, "status", "proposed") && in_period(c, r, "date") && (!arena || is(r, "arena", arena));
}

static bool overdue(struct ctx *c, const cJSON *a)
{
	const char *due = str(a, "due");

	return is(a, "status", "open") && due && strcmp(due, c->o->today) < 0;
}

static int count_attended(const cJSON *m)
{
	return cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "attended"));
}

/* ---- anchoring at home ------------------------------------------------------ */

/* Each party's standing on decision d (samv_anchoring_status). */
static int standing(cJSON **out, struct ctx *c, const cJSON *d)
{
	cJSON *parties = NULL;
	int rc;

	if ((rc = samv_anchoring_parties(&parties, d, find(&c->arenas, str(d, "arena")), c->agreement,
					 c->anchorings.all)) < 0)
		return rc;
	rc = samv_anchoring_status(out, d, parties, c->anchorings.all);
	cJSON_Delete(parties);
	return rc;
}

static bool step_in_period(struct ctx *c, const cJSON *a, const void *arena)
{
	return in_period(c, a, "date") && (!arena || is(find(&c->decisions, str(a, "decision")), "arena", arena));
}

/* The steps of anchoring taken in the period (of one arena's decisions),
 * each with the outcome it replaced. */
static int anchoring_changes(struct ctx *c, const char *arena, int *n)
{
	static const struct col cols[] = {
		{ "date", DN_("Date") }, { "decision", DN_("Decision") }, { "party", DN_("Party") }, { "body", DN_("Body") },
		{ "outcome", DN_("Outcome") }, { "before", DN_("Before") }, { NULL, NULL }
	};
	static const char *const keys[] = { "date", "decision", "actor", NULL };
	struct pick p = { NULL, 0 };
	cJSON *rows = section(c, "anchoring", DN_("Anchoring at home: changes"), cols), *r;
	size_t i;
	int rc;

	if ((rc = pick(&p, c, &c->anchorings, step_in_period, arena, keys)) < 0)
		return rc;
	for (i = 0; i < p.n; i++) {
		const cJSON *prev = samv_anchoring_previous(p.v[i], c->anchorings.all);

		r = row(c, rows);
		put(c, r, "date", str(p.v[i], "date"));
		put(c, r, "decision", str(p.v[i], "decision"));
		put(c, r, "party", name_of(&c->actors, str(p.v[i], "actor")));
		put(c, r, "body", str(p.v[i], "body") ? name_of(&c->bodies, str(p.v[i], "body")) : NULL);
		put(c, r, "outcome", str(p.v[i], "outcome"));
		put(c, r, "before", prev ? str(prev, "outcome") : DN_("(none)"));
	}
	*n = (int)p.n;
	free(p.v);
	return 0;
}

/* Adopted decisions some party has not anchored (none, or pending). */
static int count_unanchored(struct ctx *c, int *n)
{
	cJSON *st = NULL;
	const cJSON *e;
	size_t i;
	int rc;

	*n = 0;
	for (i = 0; i < c->decisions.n; i++) {
		if (!is(c->decisions.v[i], "status", "adopted"))
			continue;
		if ((rc = standing(&st, c, c->decisions.v[i])) < 0)
			return rc;
		cJSON_ArrayForEach(e, st)
			if (!samv_anchoring_done(str(e, "outcome"))) {
				(*n)++;
				break;
			}
		cJSON_Delete(st);
		st = NULL;
	}
	return 0;
}

/* ---- summary --------------------------------------------------------------- */

static bool opened_in_period(struct ctx *c, const cJSON *a, const void *arg)
{
	(void)arg;
	return in_period(c, find(&c->meetings, str(a, "meeting")), "date");
}

static bool done_in_period(struct ctx *c, const cJSON *a, const void *arg)
{
	(void)arg;
	return is(a, "status", "done") && in_period(c, a, "done");
}

static bool is_overdue(struct ctx *c, const cJSON *a, const void *arg)
{
	(void)arg;
	return overdue(c, a);
}

static bool minutes_late(struct ctx *c, const cJSON *m, const void *arg)
{
	const char *date = str(m, "date");
	long days = *(const long *)arg;

	(void)c;
	return is(m, "status", "held") && date && samv_date_check(date) == 0 && samv_date_days(date) <= days &&
	       cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(m, "distributed")) == 0;
}

static int actions_section(struct ctx *c, const char *id, const char *title, pred_fn pred, const struct tab *t)
{
	static const char *const keys[] = { "due", NULL };
	struct pick p = { NULL, 0 };
	cJSON *rows = section(c, id, title, action_cols);
	size_t i;
	int rc;

	if ((rc = pick(&p, c, c->lazy ? t : &c->actions, pred, NULL, keys)) < 0)
		return rc;
	for (i = 0; i < p.n; i++)
		action_row(c, rows, p.v[i]);
	free(p.v);
	return (int)p.n;
}

static int agreement_section(struct ctx *c, int *versions)
{
	static const struct col cols[] = {
		{ "version", DN_("Version") }, { "date", DN_("Date") }, { "decision", DN_("Decision") }, { "commit", DN_("Commit") },
		{ "change", DN_("Change") }, { NULL, NULL }
	};
	const struct samv_period *p = &c->o->period;
	cJSON *hist = NULL, *rows = section(c, "agreement", DN_("Agreement changes"), cols), *r;
	const cJSON *e, *ch;
	struct samv_buf line = SAMV_BUF_INIT;
	char commit[8];
	int rc;

	*versions = 0;
	if ((rc = samv_agreement_history_since(&hist, c->s, c->o->rev, p->since)) < 0)
		return rc;
	cJSON_ArrayForEach(e, hist) {
		const cJSON *ver = cJSON_GetObjectItemCaseSensitive(e, "version");

		if (!samv_period_has(p, str(e, "date")))
			continue;
		(*versions)++;
		snprintf(commit, sizeof(commit), "%.7s", str(e, "commit") ? str(e, "commit") : "");
		cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(e, "changes")) {
			line.len = 0;
			if ((rc = samv_agreement_change_line(&line, ch)) < 0)
				goto out;
			r = row(c, rows);
			puti(c, r, "version", cJSON_IsNumber(ver) ? ver->valueint : 0);
			put(c, r, "date", str(e, "date"));
			put(c, r, "decision", str(e, "decision"));
			put(c, r, "commit", commit);
			put(c, r, "change", line.ptr ? line.ptr : "");
		}
	}
out:
	samv_buf_free(&line);
	cJSON_Delete(hist);
	return rc;
}

/* Challenges, the glossary and resources (challenge.c, resource.c): their
 * sections when they have something to show, their figures when not 0. */
static int what_for(struct ctx *c, const char *arena)
{
	const struct samv_period *p = &c->o->period;
	int started, agreed, met, changed, rc;

	if ((rc = samv_challenge_sections(c->sections, &started, &agreed, c->v, arena, p->since, p->until)) < 0 ||
	    (rc = samv_resource_sections(c->sections, &met, &changed, c->v, arena, p->since, p->until, false)) < 0)
		return rc;
	if (started)
		figure(c, "challenges_started", DN_("Challenges taken up"), started);
	if (agreed)
		figure(c, "terms_agreed", DN_("Terms agreed"), agreed);
	if (changed)
		figure(c, "resources_changed", DN_("Resources begun or ended"), changed);
	return 0;
}

/* The months of the summary's dashboard: the twelve up to the period's end. */
static void dashboard_months(struct months *m, const struct ctx *c)
{
	const struct samv_period *p = &c->o->period;

	m->first = month_of(strcmp(p->until, c->o->today) > 0 ? c->o->today : p->until) - (SUMMARY_MONTHS - 1);
	m->n = SUMMARY_MONTHS;
}

/*
 * The summary's records through the cache: of the meetings and decisions
 * only those dated in the period or the dashboard's months, and for each
 * section the records its rule may pick, selected in SQL (each a superset:
 * the section's own predicate still decides; the two longest, the
 * decisions due and the late minutes, are read by their sections:
 * lazy_due, lazy_late).  The types are read in the
 * order samv_report_build reads them, so that files left out are warned
 * of in the same order.  Returns 1, having read nothing but the small
 * tables, when the cache cannot serve: the whole tables are read then.
 * With anchoring steps recorded, every decision is read (the anchoring
 * figures look at all adopted decisions).
 */
static int summary_tables(struct ctx *c)
{
	const struct samv_period *p = &c->o->period;
	static const char dated[] = "(k_date >= ?2 AND k_date <= ?3) OR (k_date >= ?4 AND k_date <= ?5)";
	char mlo[16], mhi[16];
	const char *args[5] = { NULL };
	struct samv_buf ids = SAMV_BUF_INIT;
	struct months m;
	size_t i;
	int rc;

	if ((rc = tab_select(&c->actors, c, "actor", true, true, NULL, NULL)) != 0)
		return rc;
	if ((rc = tab_select(&c->people, c, "person", false, true, NULL, NULL)) < 0 ||
	    (rc = tab_load(&c->arenas, c, "arena")) < 0)
		return rc;
	/* a month's dates sort after "YYYY-MM" and before "YYYY-MM-99" */
	dashboard_months(&m, c);
	snprintf(mlo, sizeof(mlo), "%04d-%02d", m.first / 12 % 10000, m.first % 12 + 1);
	snprintf(mhi, sizeof(mhi), "%04d-%02d-99", (m.first + m.n - 1) / 12 % 10000, (m.first + m.n - 1) % 12 + 1);
	args[0] = p->since;
	args[1] = p->until;
	args[2] = mlo;
	args[3] = mhi;
	c->lazy = true;
	/* the period's meetings whole; of the dashboard's others only what
	 * the attendance chart reads, slim, with their organisations */
	if ((rc = tab_select(&c->meetings, c, "meeting", false, false, "k_date >= ?2 AND k_date <= ?3", args)) < 0 ||
	    (rc = tab_select(&c->dash, c, "meeting", false, true,
			     "k_date >= ?4 AND k_date <= ?5 AND NOT (k_date >= ?2 AND k_date <= ?3)", args)) < 0)
		return rc;
	/* actions opened at a meeting of the period: its ids, as a JSON array */
	if ((rc = samv_buf_puts(&ids, "[")) < 0)
		goto out;
	for (i = 0; i < c->meetings.n; i++) {
		const char *id = str(c->meetings.v[i], "id");
		char *q;

		if (!id || !in_period(c, c->meetings.v[i], "date"))
			continue;
		if (!(q = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(c->meetings.v[i], "id")))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		if ((ids.len > 1 && (rc = samv_buf_puts(&ids, ",")) < 0) || (rc = samv_buf_puts(&ids, q)) < 0) {
			cJSON_free(q);
			goto out;
		}
		cJSON_free(q);
	}
	if ((rc = samv_buf_puts(&ids, "]")) < 0)
		goto out;
	args[0] = ids.ptr;
	args[1] = NULL;
	if ((rc = tab_select(&c->opened, c, "action", false, false, "k_meeting IN (SELECT value FROM json_each(?2))", args)) < 0)
		goto out;
	args[0] = p->since;
	args[1] = p->until;
	if ((rc = tab_select(&c->done, c, "action", false, false, "k_status = 'done' AND k_done >= ?2 AND k_done <= ?3",
			     args)) < 0)
		goto out;
	args[0] = c->o->today;
	args[1] = NULL;
	if ((rc = tab_select(&c->overdue, c, "action", false, false, "k_status = 'open' AND k_due < ?2", args)) < 0)
		goto out;
	args[0] = p->since;
	args[1] = p->until;
	args[2] = mlo;
	args[3] = mhi;
	if ((rc = tab_select(&c->decisions, c, "decision", false, false, dated, args)) < 0)
		goto out;
	if ((rc = tab_load(&c->anchorings, c, "anchoring")) < 0)
		goto out;
	if (c->anchorings.n) {
		tab_free(&c->decisions);
		memset(&c->decisions, 0, sizeof(c->decisions));
		if ((rc = tab_load(&c->decisions, c, "decision")) < 0)
			goto out;
	}
	rc = tab_load(&c->bodies, c, "body");
out:
	samv_buf_free(&ids);
	return rc;
}

/* The summary's decisions due for review and held meetings without
 * minutes sent, through the cache: read just before their sections and
 * freed after them (they are the summary's longest, and grow with the
 * collaboration), so that they are never all in memory at once.  Their
 * types were read before, so files left out are warned of in order. */
static int lazy_due(struct ctx *c)
{
	const char *args[2] = { c->o->today, NULL };

	return c->lazy ? tab_select(&c->due, c, "decision", false, true, "k_status = 'adopted' AND k_review <= ?2", args)
		       : 0;
}

static int lazy_late(struct ctx *c)
{
	return c->lazy ? tab_select(&c->late, c, "meeting", false, true, "k_status = 'held' AND k_ndist = 0", NULL) : 0;
}

static void tab_drop(struct tab *t)
{
	tab_free(t);
	memset(t, 0, sizeof(*t));
}

static int report_summary(struct ctx *c)
{
	int nassess = 0, nsteps = 0, unanchored = 0;
	static const char *const by_arena[] = { "arena", "date", "start", NULL };
	static const char *const by_date[] = { "date", NULL };
	static const struct col meeting_cols[] = {
		{ "arena", DN_("Arena") }, { "date", DN_("Date") }, { "title", DN_("Title") }, { "status", DN_("Status") },
		{ "attended", DN_("Attended") }, { NULL, NULL }
	};
	static const struct col arena_cols[] = {
		{ "arena", DN_("Arena") }, { "held", DN_("Held") }, { "planned", DN_("Planned") }, { NULL, NULL }
	};
	static const struct col due_cols[] = {
		{ "review", DN_("Review") }, { "id", DN_("Id") }, { "title", DN_("Title") }, { NULL, NULL }
	};
	static const struct col late_cols[] = {
		{ "date", DN_("Date") }, { "arena", DN_("Arena") }, { "title", DN_("Title") }, { "days", DN_("Days") }, { NULL, NULL }
	};
	struct pick pm = { NULL, 0 }, pd = { NULL, 0 }, pl = { NULL, 0 };
	cJSON *rows, *arows, *r = NULL, *due = NULL, *alld = NULL;
	const cJSON *d;
	long late = samv_date_days(c->o->today) - c->o->minutes_days;
	int held = 0, planned = 0, anchors = 0, kedges = 0, versions = 0, opened, done, over, ndue = 0, rc;
	const char *last = NULL;
	struct months m;
	size_t i;

	/* meetings of the period, by arena */
	if ((rc = pick(&pm, c, &c->meetings, in_period, "date", by_arena)) < 0)
		goto out;
	arows = section(c, "arenas", DN_("Meetings by arena"), arena_cols);
	rows = section(c, "meetings", DN_("Meetings"), meeting_cols);
	for (i = 0; i < pm.n; i++) {
		const cJSON *mt = pm.v[i];
		const char *arena = str(mt, "arena");
		cJSON *x = row(c, rows);

		put(c, x, "arena", name_of(&c->arenas, arena));
		put(c, x, "date", str(mt, "date"));
		put(c, x, "title", str(mt, "title"));
		put(c, x, "status", str(mt, "status"));
		if (is(mt, "status", "held"))
			puti(c, x, "attended", count_attended(mt));
		else
			put(c, x, "attended", NULL);
		if (!last || strcmp(last, arena ? arena : "")) {
			r = row(c, arows);
			put(c, r, "arena", name_of(&c->arenas, arena));
			puti(c, r, "held", 0);
			puti(c, r, "planned", 0);
			last = arena ? arena : "";
		}
		if (is(mt, "status", "held")) {
			held++;
			cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "held"),
					     cJSON_GetObjectItemCaseSensitive(r, "held")->valueint + 1);
		} else if (is(mt, "status", "planned")) {
			planned++;
			cJSON_SetNumberValue(cJSON_GetObjectItemCaseSensitive(r, "planned"),
					     cJSON_GetObjectItemCaseSensitive(r, "planned")->valueint + 1);
		}
	}

	/* decisions made, and those whose review date has come */
	if ((rc = pick(&pd, c, &c->decisions, made_in_period, NULL, by_date)) < 0)
		goto out;
	rows = section(c, "decisions", DN_("Decisions made"), decision_cols);
	for (i = 0; i < pd.n; i++) {
		decision_row(c, rows, pd.v[i]);
		if (is(pd.v[i], "kind", "anchor"))
			anchors++;
		else
			kedges++;
	}
	if ((rc = lazy_due(c)) < 0)
		goto out;
	if (!(alld = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	{
		const struct tab *dt = c->lazy ? &c->due : &c->decisions;

		for (i = 0; i < dt->n; i++)
			cJSON_AddItemReferenceToArray(alld, (cJSON *)dt->v[i]);
	}
	if ((rc = samv_decision_due(&due, alld, c->o->today)) < 0)
		goto out;
	rows = section(c, "due", DN_("Decisions due for review"), due_cols);
	cJSON_ArrayForEach(d, due) {
		r = row(c, rows);
		put(c, r, "review", str(d, "review"));
		put(c, r, "id", str(d, "id"));
		put(c, r, "title", str(d, "title"));
		ndue++;
	}
	cJSON_Delete(due);
	cJSON_Delete(alld);
	due = alld = NULL;
	tab_drop(&c->due);

	if ((rc = agreement_section(c, &versions)) < 0)
		goto out;

	if ((rc = opened = actions_section(c, "opened", DN_("Actions opened"), opened_in_period, &c->opened)) < 0 ||
	    (rc = done = actions_section(c, "done", DN_("Actions done"), done_in_period, &c->done)) < 0 ||
	    (rc = over = actions_section(c, "overdue", DN_("Actions overdue"), is_overdue, &c->overdue)) < 0)
		goto out;
	rc = 0;

	/* minutes not distributed minutes_days after the meeting */
	if ((rc = lazy_late(c)) < 0 ||
	    (rc = pick(&pl, c, c->lazy ? &c->late : &c->meetings, minutes_late, &late, by_date)) < 0)
		goto out;
	rows = section(c, "minutes", DN_("Minutes not distributed"), late_cols);
	for (i = 0; i < pl.n; i++) {
		r = row(c, rows);
		put(c, r, "date", str(pl.v[i], "date"));
		put(c, r, "arena", name_of(&c->arenas, str(pl.v[i], "arena")));
		put(c, r, "title", str(pl.v[i], "title"));
		puti(c, r, "days", (int)(samv_date_days(c->o->today) - samv_date_days(str(pl.v[i], "date"))));
	}
	free(pl.v);
	pl.v = NULL;
	tab_drop(&c->late);
	/* anchoring at home, once a party has recorded any */
	if ((rc = assessments(c, NULL, &nassess)) < 0 ||
	    (c->anchorings.n && ((rc = anchoring_changes(c, NULL, &nsteps)) < 0 ||
				 (rc = count_unanchored(c, &unanchored)) < 0)))
		goto out;

	figure(c, "meetings_held", DN_("Meetings held"), held);
	figure(c, "meetings_planned", DN_("Meetings planned"), planned);
	figure(c, "decisions", DN_("Decisions made"), (int)pd.n);
	figure(c, "anchors", DN_("Anchors"), anchors);
	figure(c, "kedge_anchors", DN_("Kedge anchors"), kedges);
	figure(c, "decisions_due", DN_("Decisions due for review"), ndue);
	figure(c, "agreement_versions", DN_("Agreement versions"), versions);
	figure(c, "actions_opened", DN_("Actions opened"), opened);
	figure(c, "actions_done", DN_("Actions done"), done);
	figure(c, "actions_overdue", DN_("Actions overdue"), over);
	figure(c, "minutes_late", DN_("Minutes not distributed"), (int)pl.n);
	figure(c, "assessments", DN_("Assessments made"), nassess);
	if ((rc = what_for(c, NULL)) < 0)
		goto out;
	if (c->anchorings.n) {
		figure(c, "anchoring_steps", DN_("Anchoring steps"), nsteps);
		figure(c, "unanchored", DN_("Adopted decisions not anchored by every party"), unanchored);
	}

	/* the dashboard: the twelve months up to the period's end */
	dashboard_months(&m, c);
	if ((rc = chart_attendance(c, &m, NULL, DN_("Attendance by sector, the last 12 months"))) < 0 ||
	    (rc = chart_decisions(c, &m, NULL, DN_("Decisions a month, the last 12 months"))) < 0 ||
	    (rc = chart_trends(c, "collaboration", NULL)) < 0)
		goto out;
out:
	cJSON_Delete(due);
	cJSON_Delete(alld);
	free(pm.v);
	free(pd.v);
	free(pl.v);
	return rc;
}

/* ---- one arena ------------------------------------------------------------- */

struct count {
	const char *id;
	int n;
	const char *last;
};

static int count_cmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	return x->n != y->n ? y->n - x->n : strcmp(x->id, y->id);
}

static int report_arena(struct ctx *c, const char *arena)
{
	int nassess = 0, nsteps = 0;
	static const char *const by_date[] = { "date", NULL };
	static const struct col about_cols[] = { { "field", DN_("Field") }, { "value", DN_("Value") }, { NULL, NULL } };
	static const struct col meeting_cols[] = {
		{ "date", DN_("Date") }, { "title", DN_("Title") }, { "status", DN_("Status") }, { "attended", DN_("Attended") },
		{ "civil", DN_("Civil") }, { "public", DN_("Public") }, { "private", DN_("Private") }, { NULL, NULL }
	};
	static const struct col org_cols[] = {
		{ "organisation", DN_("Organisation") }, { "sector", DN_("Sector") }, { "meetings", DN_("Meetings") },
		{ "last", DN_("Last") }, { NULL, NULL }
	};
	const cJSON *ar = find(&c->arenas, arena), *a;
	struct pick pm = { NULL, 0 }, pd = { NULL, 0 };
	struct count *orgs = NULL;
	struct samv_idset here = { 0 };
	size_t norgs = 0, i, k;
	int held = 0, planned = 0, attendances = 0, nopen = 0, rc;
	cJSON *rows, *r;
	struct samv_buf serves = SAMV_BUF_INIT;
	struct months m;

	rows = section(c, "about", DN_("About the arena"), about_cols);
	r = row(c, rows), put(c, r, "field", "name"), put(c, r, "value", str(ar, "name"));
	r = row(c, rows), put(c, r, "field", "kind"), put(c, r, "value", str(ar, "kind"));
	r = row(c, rows), put(c, r, "field", "status"), put(c, r, "value", str(ar, "status"));
	if (str(ar, "convener"))
		r = row(c, rows), put(c, r, "field", "convener"),
		put(c, r, "value", name_of(&c->actors, str(ar, "convener")));
	r = row(c, rows), put(c, r, "field", "members"),
	puti(c, r, "value", cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(ar, "members")));
	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(ar, "serves"))
		if (cJSON_IsString(a))
			samv_buf_printf(&serves, "%s%s", serves.len ? ", " : "", a->valuestring);
	if (serves.len)
		r = row(c, rows), put(c, r, "field", "serves"), put(c, r, "value", serves.ptr);
	samv_buf_free(&serves);
	if (str(ar, "started"))
		r = row(c, rows), put(c, r, "field", "started"), put(c, r, "value", str(ar, "started"));

	if ((rc = pick(&pm, c, &c->meetings, in_period, "date", by_date)) < 0)
		goto out;
	rows = section(c, "meetings", DN_("Meetings"), meeting_cols);
	for (i = 0; i < pm.n; i++) {
		const cJSON *mt = pm.v[i];
		int sec[3] = { 0, 0, 0 }, s;

		if (!is(mt, "arena", arena))
			continue;
		r = row(c, rows);
		put(c, r, "date", str(mt, "date"));
		put(c, r, "title", str(mt, "title"));
		put(c, r, "status", str(mt, "status"));
		if (!is(mt, "status", "held")) {
			planned += is(mt, "status", "planned");
			put(c, r, "attended", NULL), put(c, r, "civil", NULL);
			put(c, r, "public", NULL), put(c, r, "private", NULL);
			continue;
		}
		held++;
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(mt, "attended")) {
			const char *actor = str(a, "actor");

			attendances++;
			if ((s = sector_index(str(find(&c->actors, actor), "sector"))) >= 0)
				sec[s]++;
			/* an organisation counts once a meeting, however many came */
			if (!actor || samv_idset_has(&here, actor))
				continue;
			if (samv_idset_add(&here, actor) < 0)
				c->oom = true;
			for (k = 0; k < norgs && strcmp(orgs[k].id, actor); k++)
				;
			if (k == norgs) {
				struct count *grown = realloc(orgs, (norgs + 1) * sizeof(*orgs));

				if (!grown) {
					c->oom = true;
					continue;
				}
				orgs = grown;
				orgs[norgs++] = (struct count){ actor, 0, NULL };
			}
			orgs[k].n++;
			orgs[k].last = str(mt, "date");
		}
		samv_idset_free(&here);
		memset(&here, 0, sizeof(here));
		puti(c, r, "attended", count_attended(mt));
		puti(c, r, "civil", sec[0]);
		puti(c, r, "public", sec[1]);
		puti(c, r, "private", sec[2]);
	}
	if (norgs)
		qsort(orgs, norgs, sizeof(*orgs), count_cmp);
	rows = section(c, "organisations", DN_("Organisations at the table"), org_cols);
	for (k = 0; k < norgs; k++) {
		r = row(c, rows);
		put(c, r, "organisation", name_of(&c->actors, orgs[k].id));
		put(c, r, "sector", str(find(&c->actors, orgs[k].id), "sector"));
		puti(c, r, "meetings", orgs[k].n);
		put(c, r, "last", orgs[k].last);
	}

	if ((rc = pick(&pd, c, &c->decisions, made_in_period, arena, by_date)) < 0)
		goto out;
	rows = section(c, "decisions", DN_("Decisions"), decision_cols);
	for (i = 0; i < pd.n; i++)
		decision_row(c, rows, pd.v[i]);
	for (i = 0; i < c->actions.n; i++)
		nopen += is(c->actions.v[i], "arena", arena) && is(c->actions.v[i], "status", "open");
	if ((rc = assessments(c, arena, &nassess)) < 0 ||
	    (c->anchorings.n && (rc = anchoring_changes(c, arena, &nsteps)) < 0))
		goto out;

	figure(c, "meetings_held", DN_("Meetings held"), held);
	figure(c, "meetings_planned", DN_("Meetings planned"), planned);
	figure(c, "attendances", DN_("Attendances"), attendances);
	figure(c, "organisations", DN_("Organisations that came"), (int)norgs);
	figure(c, "decisions", DN_("Decisions made"), (int)pd.n);
	figure(c, "actions_open", DN_("Actions open"), nopen);
	figure(c, "assessments", DN_("Assessments made"), nassess);
	if ((rc = what_for(c, arena)) < 0)
		goto out;
	if (c->anchorings.n)
		figure(c, "anchoring_steps", DN_("Anchoring steps"), nsteps);

	months_of(&m, c, &c->o->period);
	if ((rc = chart_attendance(c, &m, arena, DN_("Attendance by sector"))) < 0 ||
	    (rc = chart_decisions(c, &m, arena, DN_("Decisions a month"))) < 0 || (rc = chart_trends(c, "arena", arena)) < 0)
		goto out;
out:
	free(orgs);
	free(pm.v);
	free(pd.v);
	return rc;
}

/* ---- the decision register ----------------------------------------------- */

static void links(struct ctx *c, struct samv_buf *b, const cJSON *d)
{
	static const char *const fields[] = { "supersedes", "amends", "confirms" };
	static const char *const back[] = { "superseded by", "amended by", "confirmed by" };
	const cJSON *x;
	size_t f, i;

	for (f = 0; f < 3; f++)
		cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(d, fields[f]))
			if (cJSON_IsString(x) && samv_buf_printf(b, "%s%s %s", b->len ? "; " : "", fields[f],
								 x->valuestring) < 0)
				c->oom = true;
	/* what points at d: the ids are few, the register is read once */
	for (f = 0; f < 3; f++)
		for (i = 0; i < c->decisions.n; i++)
			cJSON_ArrayForEach(x, cJSON_GetObjectItemCaseSensitive(c->decisions.v[i], fields[f]))
				if (cJSON_IsString(x) && str(d, "id") && !strcmp(x->valuestring, str(d, "id")) &&
				    samv_buf_printf(b, "%s%s %s", b->len ? "; " : "", back[f],
						    str(c->decisions.v[i], "id")) < 0)
					c->oom = true;
}

static int report_decisions(struct ctx *c)
{
	static const char *const by_date[] = { "date", NULL };
	static const struct col cols[] = {
		{ "date", DN_("Date") }, { "id", DN_("Id") }, { "kind", DN_("Kind") }, { "level", DN_("Level") }, { "status", DN_("Status") },
		{ "title", DN_("Title") }, { "arena", DN_("Arena") }, { "review", DN_("Review") }, { "chain", DN_("Chain") },
		{ NULL, NULL }
	};
	static const char *const statuses[] = { "proposed", "adopted", "superseded", "revoked", "expired" };
	struct pick pd = { NULL, 0 };
	struct samv_buf chain = SAMV_BUF_INIT;
	int n[5] = { 0 }, anchors = 0, rc;
	cJSON *rows, *r;
	struct months m;
	size_t i, k;

	if ((rc = pick(&pd, c, &c->decisions, in_period, "date", by_date)) < 0)
		return rc;
	rows = section(c, "register", DN_("Decision register"), cols);
	for (i = 0; i < pd.n; i++) {
		const cJSON *d = pd.v[i];

		r = row(c, rows);
		put(c, r, "date", str(d, "date"));
		put(c, r, "id", str(d, "id"));
		put(c, r, "kind", str(d, "kind"));
		put(c, r, "level", str(d, "level"));
		put(c, r, "status", str(d, "status"));
		put(c, r, "title", str(d, "title"));
		put(c, r, "arena", str(d, "arena") ? name_of(&c->arenas, str(d, "arena")) : NULL);
		put(c, r, "review", str(d, "review"));
		chain.len = 0;
		links(c, &chain, d);
		put(c, r, "chain", chain.len ? chain.ptr : NULL);
		anchors += is(d, "kind", "anchor");
		for (k = 0; k < 5; k++)
			n[k] += is(d, "status", statuses[k]);
	}
	samv_buf_free(&chain);
	figure(c, "decisions", DN_("Decisions"), (int)pd.n);
	figure(c, "anchors", DN_("Anchors"), anchors);
	figure(c, "kedge_anchors", DN_("Kedge anchors"), (int)pd.n - anchors);
	figure(c, "proposed", DN_("Proposed"), n[0]);
	figure(c, "adopted", DN_("Adopted"), n[1]);
	figure(c, "superseded", DN_("Superseded"), n[2]);
	figure(c, "revoked", DN_("Revoked"), n[3]);
	figure(c, "expired", DN_("Expired"), n[4]);
	free(pd.v);
	months_of(&m, c, &c->o->period);
	return chart_decisions(c, &m, NULL, DN_("Decisions a month"));
}

/* ---- actions by owner ------------------------------------------------------ */

static bool open_by_end(struct ctx *c, const cJSON *a, const void *arg)
{
	const char *due = str(a, "due");

	(void)arg;
	return is(a, "status", "open") && (!due || strcmp(due, c->o->period.until) <= 0);
}

static int owner_cmp(const void *a, const void *b, void *arg)
{
	struct ctx *c = arg;
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	const char *dx = str(x, "due"), *dy = str(y, "due");
	int d = strcmp(owner_of(c, x), owner_of(c, y));

	if (!d)
		d = strcmp(dx ? dx : "9999", dy ? dy : "9999");
	return d ? d : strcmp(str(x, "id"), str(y, "id"));
}

static int report_actions(struct ctx *c)
{
	static const struct col owner_cols[] = {
		{ "owner", DN_("Owner") }, { "open", DN_("Open") }, { "overdue", DN_("Overdue") }, { NULL, NULL }
	};
	static const struct col cols[] = {
		{ "owner", DN_("Owner") }, { "due", DN_("Due") }, { "id", DN_("Id") }, { "title", DN_("Title") },
		{ "arena", DN_("Arena") }, { "overdue", DN_("Overdue") }, { NULL, NULL }
	};
	struct pick p = { NULL, 0 };
	cJSON *orows, *rows, *r, *o = NULL;
	const char *last = NULL;
	int over = 0, owners = 0, rc;
	size_t i;

	if ((rc = pick(&p, c, &c->actions, open_by_end, NULL, (const char *const[]){ NULL })) < 0)
		return rc;
	qsort_r(p.v, p.n, sizeof(*p.v), owner_cmp, c);
	orows = section(c, "owners", DN_("Open actions by owner"), owner_cols);
	rows = section(c, "actions", DN_("Open actions"), cols);
	for (i = 0; i < p.n; i++) {
		const cJSON *a = p.v[i];
		const char *owner = owner_of(c, a);
		bool late = overdue(c, a);

		if (!last || strcmp(last, owner)) {
			o = row(c, orows);
			put(c, o, "owner", owner);
			puti(c, o, "open", 0);
			puti(c, o, "overdue", 0);
			last = owner;
			owners++;
		}
		if (o) {
			cJSON *n = cJSON_GetObjectItemCaseSensitive(o, "open"), *ov = cJSON_GetObjectItemCaseSensitive(o, "overdue");

			if (n)
				cJSON_SetNumberValue(n, n->valueint + 1);
			if (ov && late)
				cJSON_SetNumberValue(ov, ov->valueint + 1);
		}
		r = row(c, rows);
		put(c, r, "owner", owner);
		put(c, r, "due", str(a, "due"));
		put(c, r, "id", str(a, "id"));
		put(c, r, "title", str(a, "title"));
		put(c, r, "arena", str(a, "arena") ? name_of(&c->arenas, str(a, "arena")) : NULL);
		put(c, r, "overdue", late ? "yes" : "no");
		over += late;
	}
	figure(c, "actions_open", DN_("Actions open"), (int)p.n);
	figure(c, "actions_overdue", DN_("Actions overdue"), over);
	figure(c, "owners", DN_("Owners"), owners);
	free(p.v);
	return 0;
}

/* ---- participation --------------------------------------------------------- */

/* A counter keyed by text, kept in a JSON object in first-seen order. */
static void bump(struct ctx *c, cJSON *counts, const char *key, const char *sub, int by)
{
	cJSON *o, *n;

	if (!(o = cJSON_GetObjectItemCaseSensitive(counts, key)) && !(o = cJSON_AddObjectToObject(counts, key))) {
		c->oom = true;
		return;
	}
	if (!(n = cJSON_GetObjectItemCaseSensitive(o, sub)) && !(n = cJSON_AddNumberToObject(o, sub, 0))) {
		c->oom = true;
		return;
	}
	cJSON_SetNumberValue(n, n->valueint + by);
}

static int getn(const cJSON *counts, const char *key, const char *sub)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(counts, key), sub);

	return cJSON_IsNumber(n) ? n->valueint : 0;
}

/* One more attendance at arena by value in span: counts[arena][value] is
 * an array of the spans' counts, kept in first-seen order. */
static void tally(struct ctx *c, cJSON *counts, const char *arena, const char *value, int span, int nspans)
{
	cJSON *o, *v, *n;
	int i;

	if (!(o = cJSON_GetObjectItemCaseSensitive(counts, arena)) && !(o = cJSON_AddObjectToObject(counts, arena))) {
		c->oom = true;
		return;
	}
	if (!(v = cJSON_GetObjectItemCaseSensitive(o, value))) {
		if (!(v = cJSON_AddArrayToObject(o, value))) {
			c->oom = true;
			return;
		}
		for (i = 0; i < nspans; i++)
			if (!cJSON_AddItemToArray(v, cJSON_CreateNumber(0)))
				c->oom = true;
	}
	if ((n = cJSON_GetArrayItem(v, span)))
		cJSON_SetNumberValue(n, n->valueint + 1);
}

/* rows {arena, WHAT, attendances, and one column a span} from
 * counts[arena][value] (tally) */
static void breakdown(struct ctx *c, const char *id, const char *title, const char *what, const char *what_title,
		      const cJSON *counts, const struct spans *sp)
{
	struct col *cols = calloc((size_t)sp->n + 4, sizeof(*cols));
	char (*labels)[16] = calloc((size_t)sp->n + 1, sizeof(*labels));
	const cJSON *a, *v, *n;
	cJSON *rows, *r;
	int i, total;

	if (!cols || !labels) {
		c->oom = true;
		goto out;
	}
	cols[0] = (struct col){ "arena", DN_("Arena") };
	cols[1] = (struct col){ what, what_title };
	cols[2] = (struct col){ "attendances", DN_("Attendances") };
	for (i = 0; i < sp->n; i++) {
		span_label(labels[i], sp, i);
		cols[3 + i] = (struct col){ labels[i], labels[i] };
	}
	rows = section(c, id, title, cols);
	cJSON_ArrayForEach(a, counts)
		cJSON_ArrayForEach(v, a) {
			r = row(c, rows);
			put(c, r, "arena", name_of(&c->arenas, a->string));
			put_dup(c, r, what, v->string);
			total = 0;
			cJSON_ArrayForEach(n, v)
				total += n->valueint;
			puti(c, r, "attendances", total);
			for (i = 0; i < sp->n; i++)
				puti_dup(c, r, labels[i], cJSON_GetArrayItem(v, i)->valueint);
		}
out:
	free(cols);
	free(labels);
}

static int report_participation(struct ctx *c)
{
	static const char *const by_arena[] = { "arena", "date", NULL };
	static const struct col arena_cols[] = {
		{ "arena", DN_("Arena") }, { "meetings", DN_("Meetings") }, { "attendances", DN_("Attendances") },
		{ "civil", DN_("Civil") }, { "public", DN_("Public") }, { "private", DN_("Private") },
		{ "civil_voices", DN_("Civil voices") }, { "with_politicians", DN_("With politicians") }, { NULL, NULL }
	};
	static const struct col stopped_cols[] = {
		{ "arena", DN_("Arena") }, { "organisation", DN_("Organisation") }, { "sector", DN_("Sector") },
		{ "last_seen", DN_("Last seen") }, { NULL, NULL }
	};
	struct pick pm = { NULL, 0 };
	struct samv_idset people = { 0 }, orgs = { 0 }, civil = { 0 }, pols = { 0 }, arena_civil = { 0 };
	cJSON *by_sector = cJSON_CreateObject(), *kind = cJSON_CreateObject(), *level = cJSON_CreateObject();
	cJSON *role = cJSON_CreateObject(), *stats = cJSON_CreateObject(), *rows, *r;
	int attendances = 0, held = 0, with_pol = 0, span, rc;
	const cJSON *a;
	struct months m;
	struct spans sp;
	size_t i, j;

	months_of(&m, c, &c->o->period);
	spans_of(&sp, &m);
	if (!by_sector || !kind || !level || !role || !stats) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = pick(&pm, c, &c->meetings, in_period, "date", by_arena)) < 0)
		goto out;
	for (i = 0; i < pm.n; i++) {
		const cJSON *mt = pm.v[i];
		const char *arena = str(mt, "arena") ? str(mt, "arena") : "";
		bool pol = false;

		if (!is(mt, "status", "held"))
			continue;
		held++;
		span = span_index(&sp, &m, str(mt, "date"));
		if (i == 0 || strcmp(arena, str(pm.v[i - 1], "arena") ? str(pm.v[i - 1], "arena") : "")) {
			samv_idset_free(&arena_civil);
			memset(&arena_civil, 0, sizeof(arena_civil));
		}
		bump(c, stats, arena, "meetings", 1);
		bump(c, stats, arena, "civil_voices", 0);
		cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(mt, "attended")) {
			const cJSON *actor = find(&c->actors, str(a, "actor"));
			const char *sector = str(actor, "sector"), *rl = str(a, "role");

			attendances++;
			bump(c, stats, arena, "attendances", 1);
			if (sector)
				bump(c, stats, arena, sector, 1);
			tally(c, by_sector, arena, sector ? sector : "unknown", span, sp.n);
			tally(c, kind, arena, str(actor, "kind") ? str(actor, "kind") : "unknown", span, sp.n);
			tally(c, level, arena, str(actor, "level") ? str(actor, "level") : "unknown", span, sp.n);
			tally(c, role, arena, rl ? rl : "unknown", span, sp.n);
			if ((str(a, "person") && samv_idset_add(&people, str(a, "person")) < 0) ||
			    (str(a, "actor") && samv_idset_add(&orgs, str(a, "actor")) < 0))
				c->oom = true;
			if (sector && !strcmp(sector, "civil") && str(a, "actor")) {
				if (samv_idset_add(&civil, str(a, "actor")) < 0)
					c->oom = true;
				if (!samv_idset_has(&arena_civil, str(a, "actor"))) {
					if (samv_idset_add(&arena_civil, str(a, "actor")) < 0)
						c->oom = true;
					bump(c, stats, arena, "civil_voices", 1);
				}
			}
			if (rl && !strcmp(rl, "politician")) {
				pol = true;
				if (str(a, "person") && samv_idset_add(&pols, str(a, "person")) < 0)
					c->oom = true;
			}
		}
		if (pol) {
			with_pol++;
			bump(c, stats, arena, "with_politicians", 1);
		}
	}
	rows = section(c, "arenas", DN_("Attendance by arena"), arena_cols);
	cJSON_ArrayForEach(a, stats) {
		r = row(c, rows);
		put(c, r, "arena", name_of(&c->arenas, a->string));
		puti(c, r, "meetings", getn(stats, a->string, "meetings"));
		puti(c, r, "attendances", getn(stats, a->string, "attendances"));
		puti(c, r, "civil", getn(stats, a->string, "civil"));
		puti(c, r, "public", getn(stats, a->string, "public"));
		puti(c, r, "private", getn(stats, a->string, "private"));
		puti(c, r, "civil_voices", getn(stats, a->string, "civil_voices"));
		puti(c, r, "with_politicians", getn(stats, a->string, "with_politicians"));
	}
	breakdown(c, "sectors", DN_("Attendance by sector"), "sector", DN_("Sector"), by_sector, &sp);
	breakdown(c, "kinds", DN_("Attendance by kind of organisation"), "kind", DN_("Kind"), kind, &sp);
	breakdown(c, "levels", DN_("Attendance by level"), "level", DN_("Level"), level, &sp);
	breakdown(c, "roles", DN_("Attendance by role"), "role", DN_("Role"), role, &sp);

	/* organisations that came before and missed the arena's last
	 * STOPPED_AFTER held meetings up to the period's end */
	rows = section(c, "stopped", DN_("Organisations that stopped coming"), stopped_cols);
	for (i = 0; i < c->arenas.n; i++) {
		const char *arena = str(c->arenas.v[i], "id");
		const cJSON **held_v = NULL;
		size_t nh = 0, k;
		struct samv_idset recent = { 0 }, seen = { 0 };

		if (!arena || !(held_v = calloc(c->meetings.n + 1, sizeof(*held_v)))) {
			c->oom = !!arena;
			continue;
		}
		for (j = 0; j < c->meetings.n; j++) {
			const cJSON *mt = c->meetings.v[j];

			if (is(mt, "arena", arena) && is(mt, "status", "held") && str(mt, "date") &&
			    strcmp(str(mt, "date"), c->o->period.until) <= 0)
				held_v[nh++] = mt;
		}
		if (sort_by(held_v, nh, by_arena) < 0)
			c->oom = true;
		for (k = nh > STOPPED_AFTER ? nh - STOPPED_AFTER : nh; k < nh; k++)
			cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(held_v[k], "attended"))
				if (str(a, "actor") && samv_idset_add(&recent, str(a, "actor")) < 0)
					c->oom = true;
		/* newest first, so the first time an organisation is seen is its last visit */
		for (k = nh > STOPPED_AFTER ? nh - STOPPED_AFTER : 0; k-- > 0;)
			cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(held_v[k], "attended")) {
				const char *actor = str(a, "actor");

				if (!actor || samv_idset_has(&recent, actor) || samv_idset_has(&seen, actor))
					continue;
				if (samv_idset_add(&seen, actor) < 0)
					c->oom = true;
				r = row(c, rows);
				put(c, r, "arena", name_of(&c->arenas, arena));
				put(c, r, "organisation", name_of(&c->actors, actor));
				put(c, r, "sector", str(find(&c->actors, actor), "sector"));
				put(c, r, "last_seen", str(held_v[k], "date"));
			}
		samv_idset_free(&recent);
		samv_idset_free(&seen);
		free(held_v);
	}

	figure(c, "meetings_held", DN_("Meetings held"), held);
	figure(c, "attendances", DN_("Attendances"), attendances);
	figure(c, "people", DN_("People"), (int)people.n);
	figure(c, "organisations", DN_("Organisations"), (int)orgs.n);
	figure(c, "civil_voices", DN_("Civil organisations (voices)"), (int)civil.n);
	figure(c, "politicians", DN_("Politicians present"), (int)pols.n);
	figure(c, "meetings_with_politicians", DN_("Meetings with politicians"), with_pol);
	/* an umbrella's members have a voice where it came, not an attendance */
	if ((rc = samv_speaks_for_section(c->sections, c->actors.all, c->meetings.all, c->o->period.since,
					  c->o->period.until)) < 0)
		goto out;
	rc = chart_attendance(c, &m, NULL, DN_("Attendance by sector"));
out:
	samv_idset_free(&people);
	samv_idset_free(&orgs);
	samv_idset_free(&civil);
	samv_idset_free(&pols);
	samv_idset_free(&arena_civil);
	cJSON_Delete(by_sector);
	cJSON_Delete(kind);
	cJSON_Delete(level);
	cJSON_Delete(role);
	cJSON_Delete(stats);
	free(pm.v);
	return rc;
}

/* ---- the Agreement's changelog ----------------------------------------------- */

static int report_agreement(struct ctx *c)
{
	const cJSON *rows;
	int versions = 0, rc;

	if ((rc = agreement_section(c, &versions)) < 0)
		return rc;
	rows = cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(c->sections, 0), "rows");
	figure(c, "agreement_versions", DN_("Agreement versions"), versions);
	figure(c, "agreement_changes", DN_("Changes"), cJSON_GetArraySize(rows));
	return 0;
}

/* ---- resources: totals per party and sector ------------------------------------ */

static int report_resources(struct ctx *c)
{
	const struct samv_period *p = &c->o->period;
	int met, changed, rc;

	if ((rc = samv_resource_sections(c->sections, &met, &changed, c->v, NULL, p->since, p->until, true)) < 0)
		return rc;
	figure(c, "resources", DN_("Resources in the period"), met);
	figure(c, "resources_changed", DN_("Resources begun or ended"), changed);
	return 0;
}

/* The matrix: a row a decision to anchor (proposed or adopted), a column
 * a party; each cell says the outcome in words and its date. */
static int report_anchoring(struct ctx *c)
{
	cJSON *parties = NULL, *cols = NULL, *rows = NULL, *sec, *st = NULL, *r, *o, *mrows;
	const cJSON *e, *p;
	int nsteps = 0, unanchored = 0, ndec = 0, missing = 0, rc;
	static const struct col miss_cols[] = {
		{ "decision", DN_("Decision") }, { "title", DN_("Title") }, { "status", DN_("Status") },
		{ "party", DN_("Party") }, { "outcome", DN_("Outcome") }, { NULL, NULL }
	};
	char cellv[64];
	size_t i;

	if (!(parties = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = 0; i < c->decisions.n; i++) {
		cJSON *ps = NULL;

		if (!samv_anchoring_wanted(c->decisions.v[i]))
			continue;
		if ((rc = samv_anchoring_parties(&ps, c->decisions.v[i], find(&c->arenas, str(c->decisions.v[i], "arena")),
						 c->agreement, c->anchorings.all)) < 0)
			goto out;
		cJSON_ArrayForEach(p, ps)
			if (!samv_json_has(parties, p->valuestring))
				cJSON_AddItemToArray(parties, cJSON_CreateString(p->valuestring));
		cJSON_Delete(ps);
	}
	/* the section by hand: its columns are the parties */
	if (!(sec = cJSON_CreateObject()) || !cJSON_AddItemToArray(c->sections, sec) ||
	    !cJSON_AddStringToObject(sec, "id", "matrix") ||
	    !cJSON_AddStringToObject(sec, "title", DN_("Anchoring at home: decisions and parties")) ||
	    !cJSON_AddTrueToObject(sec, "row_headers") || !(cols = cJSON_AddArrayToObject(sec, "columns")) ||
	    !(mrows = cJSON_AddArrayToObject(sec, "rows"))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(cols, o) || !cJSON_AddStringToObject(o, "key", "decision") ||
	    !cJSON_AddStringToObject(o, "title", DN_("Decision")))
		c->oom = true;
	cJSON_ArrayForEach(p, parties) {
		const cJSON *a = find(&c->actors, p->valuestring);

		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(cols, o) ||
		    !cJSON_AddStringToObject(o, "key", p->valuestring) ||
		    !cJSON_AddStringToObject(o, "title", str(a, "short") ? str(a, "short") : name_of(&c->actors, p->valuestring)))
			c->oom = true;
	}
	rows = section(c, "unanchored", DN_("Not yet anchored"), miss_cols);
	for (i = 0; i < c->decisions.n; i++) {
		const cJSON *d = c->decisions.v[i];
		bool any = false;

		if (!samv_anchoring_wanted(d))
			continue;
		ndec++;
		if ((rc = standing(&st, c, d)) < 0)
			goto out;
		r = row(c, mrows);
		put(c, r, "decision", str(d, "id"));
		cJSON_ArrayForEach(p, parties)
			put_dup(c, r, p->valuestring, NULL);
		cJSON_ArrayForEach(e, st) {
			const char *oc = str(e, "outcome");

			if (oc)
				snprintf(cellv, sizeof(cellv), "%s %s", oc, str(e, "date"));
			else
				snprintf(cellv, sizeof(cellv), "%s", DN_("not yet"));
			cJSON_DeleteItemFromObjectCaseSensitive(r, str(e, "actor"));
			put_dup(c, r, str(e, "actor"), cellv);
			if (!samv_anchoring_done(oc)) {
				cJSON *m = row(c, rows);

				put(c, m, "decision", str(d, "id"));
				put(c, m, "title", str(d, "title"));
				put(c, m, "status", str(d, "status"));
				put(c, m, "party", name_of(&c->actors, str(e, "actor")));
				put(c, m, "outcome", oc ? oc : DN_("not yet"));
				missing++;
				any = true;
			}
		}
		unanchored += any && is(d, "status", "adopted");
		cJSON_Delete(st);
		st = NULL;
	}
	if ((rc = anchoring_changes(c, NULL, &nsteps)) < 0)
		goto out;
	figure(c, "decisions_to_anchor", DN_("Decisions to anchor"), ndec);
	figure(c, "unanchored", DN_("Adopted decisions not anchored by every party"), unanchored);
	figure(c, "parties_missing", DN_("Parties yet to anchor"), missing);
	figure(c, "anchoring_steps", DN_("Anchoring steps"), nsteps);
	rc = 0;
out:
	cJSON_Delete(st);
	cJSON_Delete(parties);
	return rc;
}

/* ---- the whole --------------------------------------------------------------- */

static const char *title_of(const char *report)
{
	static const char *const titles[][2] = {
		{ "summary", DN_("Summary") }, { "arena", DN_("Arena") }, { "decisions", DN_("Decision register") },
		{ "actions", DN_("Actions") }, { "participation", DN_("Participation") }, { "agreement", DN_("Agreement changelog") },
		{ "resources", DN_("Resources") },
		{ "anchoring", DN_("Anchoring at home") },
	};
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (!strcmp(titles[i][0], report))
			return titles[i][1];
	return report;
}

static int collaboration(char **out, struct samv_view *v)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos;
	cJSON *repo = NULL;
	const char *name;
	int rc;

	*out = NULL;
	if ((rc = samv_view_read(&text, v, SAMV_REPO_FILE)) < 0)
		goto out;
	if (samv_json_parse(&repo, text.ptr, text.len, &pos) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s", SAMV_REPO_FILE, pos.line, pos.col, samv_error_last());
		goto out;
	}
	name = samv_record_str(repo, "name");
	if (!(*out = strdup(name ? name : "samv")))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
out:
	cJSON_Delete(repo);
	samv_buf_free(&text);
	return rc;
}

int samv_report_build(cJSON **out, struct samv_store *s, const struct samv_report_opts *o)
{
	struct ctx c = { 0 };
	struct samv_public *pub = NULL;
	char arena[SAMV_ID_MAX + 1], *coll = NULL, title[512];
	const char *what = o->report;
	cJSON *p;
	size_t i;
	int rc;

	*out = NULL;
	c.o = o;
	c.s = s;
	for (i = 0; reports[i] && strcmp(reports[i], what); i++)
		;
	if (!reports[i])
		return samv_error_set(SAMV_EUSAGE, "unknown report '%s' (summary, arena, decisions, actions, "
				      "participation, agreement, resources or anchoring)", what);
	if ((rc = samv_view_rev(&c.v, s, o->rev)) < 0)
		return rc;
	/* --public: every record read from here on is the public copy */
	if (o->public) {
		if ((rc = samv_public_new(&pub, c.v, o->lang)) < 0)
			goto out;
		samv_public_attach(pub, c.v);
	}
	if (!strcmp(what, "arena")) {
		if (!o->arena) {
			rc = samv_error_set(SAMV_EUSAGE, "the arena report needs an arena (usage: samv-report arena ID)");
			goto out;
		}
		if ((rc = samv_record_resolve(arena, c.v, samv_type_find("arena"), o->arena)) < 0) {
			if (rc == SAMV_ENOTFOUND)
				rc = samv_error_set(SAMV_ENOTFOUND, "unknown arena '%s' (see samv-arena list)", o->arena);
			goto out;
		}
	}
	if ((rc = collaboration(&coll, c.v)) < 0 || (!strcmp(what, "summary") && (rc = summary_tables(&c)) < 0) ||
	    (rc = tab_load(&c.actors, &c, "actor")) < 0 ||
	    (rc = tab_load(&c.people, &c, "person")) < 0 || (rc = tab_load(&c.arenas, &c, "arena")) < 0 ||
	    (rc = tab_load(&c.meetings, &c, "meeting")) < 0 || (!c.lazy && (rc = tab_load(&c.actions, &c, "action")) < 0) ||
	    (rc = tab_load(&c.decisions, &c, "decision")) < 0 || (rc = tab_load(&c.anchorings, &c, "anchoring")) < 0 ||
	    (rc = tab_load(&c.bodies, &c, "body")) < 0)
		goto out;
	if ((rc = samv_record_load(&c.agreement, c.v, samv_type_find("agreement"), "agreement")) == SAMV_ENOTFOUND)
		rc = 0;
	else if (rc < 0)
		goto out;
	if (!strcmp(what, "arena"))
		snprintf(title, sizeof(title), DN_("Arena: %s"), name_of(&c.arenas, arena));
	else
		snprintf(title, sizeof(title), "%s", title_of(what));
	if (!(c.doc = cJSON_CreateObject()) || !cJSON_AddStringToObject(c.doc, "report", what) ||
	    !cJSON_AddStringToObject(c.doc, "title", title) || !cJSON_AddStringToObject(c.doc, "collaboration", coll) ||
	    !(strcmp(what, "arena") ? cJSON_AddNullToObject(c.doc, "arena") : cJSON_AddStringToObject(c.doc, "arena", arena)) ||
	    !(p = cJSON_AddObjectToObject(c.doc, "period")) || !cJSON_AddStringToObject(p, "label", o->period.label) ||
	    !cJSON_AddStringToObject(p, "since", o->period.since) || !cJSON_AddStringToObject(p, "until", o->period.until) ||
	    !cJSON_AddStringToObject(c.doc, "today", o->today) ||
	    !(c.figures = cJSON_AddArrayToObject(c.doc, "figures")) ||
	    !(c.sections = cJSON_AddArrayToObject(c.doc, "sections")) ||
	    !(c.charts = cJSON_AddArrayToObject(c.doc, "charts"))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!strcmp(what, "summary"))
		rc = report_summary(&c);
	else if (!strcmp(what, "arena"))
		rc = report_arena(&c, arena);
	else if (!strcmp(what, "decisions"))
		rc = report_decisions(&c);
	else if (!strcmp(what, "actions"))
		rc = report_actions(&c);
	else if (!strcmp(what, "participation"))
		rc = report_participation(&c);
	else if (!strcmp(what, "agreement"))
		rc = report_agreement(&c);
	else if (!strcmp(what, "resources"))
		rc = report_resources(&c);
	else
		rc = report_anchoring(&c);
	if (rc < 0 || (pub && (rc = samv_public_section(c.sections, pub)) < 0))
		goto out;
	if (c.oom) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	*out = c.doc;
	c.doc = NULL;
out:
	cJSON_Delete(c.doc);
	tab_free(&c.actors);
	tab_free(&c.people);
	tab_free(&c.arenas);
	tab_free(&c.meetings);
	tab_free(&c.actions);
	tab_free(&c.decisions);
	tab_free(&c.assessments);
	tab_free(&c.anchorings);
	tab_free(&c.bodies);
	tab_free(&c.late);
	tab_free(&c.due);
	tab_free(&c.opened);
	tab_free(&c.done);
	tab_free(&c.overdue);
	tab_free(&c.dash);
	cJSON_Delete(c.agreement);
	samv_view_free(c.v);
	samv_public_free(pub);
	free(coll);
	return rc;
}

int samv_report_figure(const cJSON *doc, const char *key)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "figures"))
		if (!strcmp(samv_record_str(f, "key") ? samv_record_str(f, "key") : "", key))
			return cJSON_GetObjectItemCaseSensitive(f, "value")->valueint;
	return 0;
}

bool samv_report_empty(const cJSON *doc)
{
	const cJSON *f;

	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "figures"))
		if (cJSON_GetObjectItemCaseSensitive(f, "value")->valueint)
			return false;
	return true;
}
