/*
 * resource.c - what each party puts into the collaboration: money, time
 * (paid or in free time) and premises, and the totals per party and per
 * sector over a period that samv-report shows.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "challenge.h"

static const char *str(const cJSON *r, const char *key)
{
	return r ? samv_record_str(r, key) : NULL;
}

static const cJSON *num(const cJSON *r, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, key);

	return cJSON_IsNumber(v) ? v : NULL;
}

static bool is(const cJSON *r, const char *key, const char *value)
{
	const char *s = str(r, key);

	return s && !strcmp(s, value);
}

static int bad(struct samv_problems *pr, const char *path, const char *text, const char *key, const char *code,
	       const char *msg)
{
	return samv_problem_add(pr, path, samv_json_locate(text, key), code, "%s", msg);
}

/* The fields that belong to one kind only. */
static const char *const money_only[] = { "amount", "currency", NULL };
static const char *const time_only[] = { "percent", "hours", "per", "basis", "person", NULL };

static int none_of(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text,
		   const char *const *keys, const char *kind)
{
	char msg[128];

	for (; *keys; keys++)
		if (cJSON_GetObjectItemCaseSensitive(rec, *keys)) {
			snprintf(msg, sizeof(msg), _("%s: a %s resource has no %s"), *keys, kind, *keys);
			return bad(pr, path, text, *keys, "bad-value", msg);
		}
	return 0;
}

static bool currency_ok(const char *s)
{
	return strlen(s) == 3 && isupper((unsigned char)s[0]) && isupper((unsigned char)s[1]) &&
	       isupper((unsigned char)s[2]) && s[0] <= 'Z' && s[1] <= 'Z' && s[2] <= 'Z';
}

static int check_money(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const cJSON *amount = num(rec, "amount");
	const char *cur = str(rec, "currency");
	int rc;

	if ((rc = none_of(pr, rec, path, text, time_only, "money")) != 0)
		return rc;
	if (!amount)
		return bad(pr, path, text, "kind", "missing-field", _("amount: money needs an amount (--amount)"));
	if (amount->valuedouble <= 0)
		return bad(pr, path, text, "amount", "bad-value", _("amount: must be above 0"));
	if (!cur)
		return bad(pr, path, text, "kind", "missing-field", _("currency: money needs a currency (--currency SEK)"));
	if (!currency_ok(cur))
		return bad(pr, path, text, "currency", "bad-value",
			   _("currency: must be an ISO 4217 code of three capital letters (SEK, EUR)"));
	return 0;
}

static int check_time(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const cJSON *percent = num(rec, "percent"), *hours = num(rec, "hours");
	int rc;

	if ((rc = none_of(pr, rec, path, text, money_only, "time")) != 0)
		return rc;
	if (!percent == !hours)
		return bad(pr, path, text, "kind", percent ? "bad-value" : "missing-field",
			   _("percent: time is a percent of a post (--percent) or hours (--hours), one of them"));
	if (percent && (percent->valuedouble < 1 || percent->valuedouble > 100))
		return bad(pr, path, text, "percent", "bad-value", _("percent: must be from 1 to 100"));
	if (percent && str(rec, "per"))
		return bad(pr, path, text, "per", "bad-value", _("per: only hours are per week or month"));
	if (hours && (hours->valuedouble < 1 || hours->valuedouble > 744))
		return bad(pr, path, text, "hours", "bad-value", _("hours: must be from 1 to 744"));
	if (hours && !str(rec, "per"))
		return bad(pr, path, text, "hours", "missing-field", _("per: hours need --per week or --per month"));
	if (!str(rec, "basis"))
		return bad(pr, path, text, "kind", "missing-field",
			   _("basis: time is paid or voluntary (--basis paid, --basis voluntary)"));
	return 0;
}

int samv_resource_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *from = str(rec, "from"), *until = str(rec, "until");
	int rc;

	if (!str(rec, "arena") && !str(rec, "challenge"))
		return bad(pr, path, text, "title", "missing-field",
			   _("arena: a resource is for an arena or a challenge (--arena, --challenge)"));
	if (from && until && samv_date_check(from) == 0 && samv_date_check(until) == 0 && strcmp(until, from) < 0)
		return bad(pr, path, text, "until", "bad-date", _("until: the period ends before it starts (from)"));
	samv_error_clear();
	if (is(rec, "kind", "money"))
		rc = check_money(pr, rec, path, text);
	else if (is(rec, "kind", "time"))
		rc = check_time(pr, rec, path, text);
	else if (is(rec, "kind", "premises") && (rc = none_of(pr, rec, path, text, money_only, "premises")) == 0)
		rc = none_of(pr, rec, path, text, time_only, "premises");
	else
		rc = 0;
	if (rc == 0 && is(rec, "status", "ended") && !until)
		rc = bad(pr, path, text, "status", "missing-field", _("until: an ended resource has the last day of its period"));
	return rc;
}

/* ---- totals ---------------------------------------------------------------- */

/* Whether the resource's period meets [since, until] (either "" or NULL: open). */
static bool meets(const cJSON *r, const char *since, const char *until)
{
	const char *from = str(r, "from"), *to = str(r, "until");

	if (until && *until && from && strcmp(from, until) > 0)
		return false;
	return !(since && *since && to && strcmp(to, since) < 0);
}

static bool within(const char *date, const char *since, const char *until)
{
	return date && (!since || !*since || strcmp(date, since) >= 0) && (!until || !*until || strcmp(date, until) <= 0);
}

static int hours_a_month(const cJSON *r)
{
	const cJSON *h = num(r, "hours");

	if (!h)
		return 0;
	/* 52 weeks in 12 months, rounded */
	return is(r, "per", "week") ? (h->valueint * 52 + 6) / 12 : h->valueint;
}

/* What the totals count besides money, and their columns' titles. */
static const char *const counters[][2] = {
	{ "percent_paid", DN_("Paid time %") }, { "percent_voluntary", DN_("Voluntary time %") },
	{ "hours_paid", DN_("Paid h/month") }, { "hours_voluntary", DN_("Voluntary h/month") },
	{ "premises", DN_("Premises") }, { "resources", DN_("Resources") }, { NULL, NULL }
};

static cJSON *entry(cJSON *obj, const char *key, const char *name, const char *sector)
{
	cJSON *e = cJSON_GetObjectItemCaseSensitive(obj, key);
	size_t i;

	if (e)
		return e;
	if (!(e = cJSON_CreateObject()) || !cJSON_AddItemToObject(obj, key, e)) {
		cJSON_Delete(e);
		return NULL;
	}
	if (!cJSON_AddStringToObject(e, "key", key) || !cJSON_AddStringToObject(e, "name", name ? name : key) ||
	    !(sector ? cJSON_AddStringToObject(e, "sector", sector) : cJSON_AddNullToObject(e, "sector")) ||
	    !cJSON_AddObjectToObject(e, "money"))
		return NULL;
	for (i = 0; counters[i][0]; i++)
		if (!cJSON_AddNumberToObject(e, counters[i][0], 0))
			return NULL;
	return e;
}

static bool add(cJSON *e, const char *key, double by)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(e, key);

	if (!v && !(v = cJSON_AddNumberToObject(e, key, 0)))
		return false;
	cJSON_SetNumberValue(v, v->valuedouble + by);
	return true;
}

static bool count(cJSON *e, const cJSON *r)
{
	bool voluntary = is(r, "basis", "voluntary");

	if (!e || !add(e, "resources", 1))
		return false;
	if (is(r, "kind", "money"))
		return add(cJSON_GetObjectItemCaseSensitive(e, "money"), str(r, "currency"),
			   num(r, "amount")->valuedouble);
	if (is(r, "kind", "premises"))
		return add(e, "premises", 1);
	if (num(r, "percent"))
		return add(e, voluntary ? "percent_voluntary" : "percent_paid", num(r, "percent")->valuedouble);
	return add(e, voluntary ? "hours_voluntary" : "hours_paid", hours_a_month(r));
}

/* The members of obj as an array, in key order. */
static cJSON *values(cJSON *obj)
{
	cJSON *arr = cJSON_CreateArray(), *it, *at;
	int i;

	while (arr && (it = obj->child)) {
		cJSON_DetachItemViaPointer(obj, it);
		for (i = 0, at = arr->child; at && strcmp(str(at, "key"), str(it, "key")) < 0; at = at->next)
			i++;
		if (!(at ? cJSON_InsertItemInArray(arr, i, it) : cJSON_AddItemToArray(arr, it))) {
			cJSON_Delete(it);
			cJSON_Delete(arr);
			return NULL;
		}
	}
	return arr;
}

int samv_resource_totals(cJSON **parties, cJSON **sectors, struct samv_view *v, const char *arena,
			 const char *since, const char *until)
{
	cJSON *res = NULL, *actors = NULL, *by_party = cJSON_CreateObject(), *by_sector = cJSON_CreateObject();
	const cJSON *r, *a;
	int rc;

	*parties = *sectors = NULL;
	if (!by_party || !by_sector) {
		rc = samv_error_set(SAMV_ERROR, _("out of memory"));
		goto out;
	}
	/* the actors only for their names and sectors: not read without resources */
	if ((rc = samv_record_load_all(&res, v, samv_type_find("resource"), NULL)) < 0 ||
	    (cJSON_GetArraySize(res) && (rc = samv_record_load_all(&actors, v, samv_type_find("actor"), NULL)) < 0))
		goto out;
	cJSON_ArrayForEach(r, res) {
		const char *actor = str(r, "actor"), *sector = NULL, *name = NULL;

		/* records samv-check would reject are left out, not guessed at */
		if (!actor || !str(r, "kind") || (arena && !is(r, "arena", arena)) || !meets(r, since, until) ||
		    (is(r, "kind", "money") && (!num(r, "amount") || !str(r, "currency"))))
			continue;
		cJSON_ArrayForEach(a, actors)
			if (is(a, "id", actor)) {
				sector = str(a, "sector");
				name = str(a, "name");
			}
		if (!count(entry(by_party, actor, name, sector), r) ||
		    (sector && !count(entry(by_sector, sector, sector, sector), r))) {
			rc = samv_error_set(SAMV_ERROR, _("out of memory"));
			goto out;
		}
	}
	if (!(*parties = values(by_party)) || !(*sectors = values(by_sector))) {
		cJSON_Delete(*parties);
		*parties = NULL;
		rc = samv_error_set(SAMV_ERROR, _("out of memory"));
	}
out:
	cJSON_Delete(res);
	cJSON_Delete(actors);
	cJSON_Delete(by_party);
	cJSON_Delete(by_sector);
	return rc;
}

/* ---- the report's sections -------------------------------------------------- */

/* One section of totals: a column of money per currency met. */
static int totals_section(cJSON *sections, const char *id, const char *title, const char *first,
			  const char *first_title, const cJSON *totals)
{
	cJSON *curs = cJSON_CreateArray(), *cols = NULL, *rows, *x;
	const cJSON *e, *m;
	char key[32], ctitle[32];
	size_t i;
	int rc = 0;

	if (!curs)
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	cJSON_ArrayForEach(e, totals)
		cJSON_ArrayForEach(m, cJSON_GetObjectItemCaseSensitive(e, "money"))
			if (!samv_json_has(curs, m->string))
				cJSON_AddItemToArray(curs, cJSON_CreateString(m->string));
	if (!(cols = samv_section_cols(first, first_title)) ||
	    (strcmp(first, "sector") && !samv_section_col(cols, "sector", DN_("Sector"))))
		goto oom;
	cJSON_ArrayForEach(m, curs) {
		snprintf(key, sizeof(key), "money_%s", m->valuestring);
		snprintf(ctitle, sizeof(ctitle), DN_("Money (%s)"), m->valuestring);
		if (!samv_section_col(cols, key, ctitle))
			goto oom;
	}
	for (i = 0; counters[i][0]; i++)
		if (!samv_section_col(cols, counters[i][0], counters[i][1]))
			goto oom;
	rows = samv_section_add(sections, id, title, cols);
	cols = NULL;
	if (!rows)
		goto oom;
	cJSON_ArrayForEach(e, totals) {
		if (!(x = cJSON_CreateObject()) || !cJSON_AddItemToArray(rows, x) ||
		    !cJSON_AddStringToObject(x, first, str(e, "name")) ||
		    (strcmp(first, "sector") && !(str(e, "sector") ? cJSON_AddStringToObject(x, "sector", str(e, "sector"))
								  : cJSON_AddNullToObject(x, "sector"))))
			goto oom;
		cJSON_ArrayForEach(m, curs) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "money"),
									  m->valuestring);

			snprintf(key, sizeof(key), "money_%s", m->valuestring);
			if (!cJSON_AddNumberToObject(x, key, v ? v->valuedouble : 0))
				goto oom;
		}
		for (i = 0; counters[i][0]; i++)
			if (!cJSON_AddNumberToObject(x, counters[i][0], num(e, counters[i][0])->valuedouble))
				goto oom;
	}
	goto out;
oom:
	rc = samv_error_set(SAMV_ERROR, _("out of memory"));
out:
	cJSON_Delete(cols);
	cJSON_Delete(curs);
	return rc;
}

int samv_resource_sections(cJSON *sections, int *met, int *changed, struct samv_view *v, const char *arena,
			   const char *since, const char *until, bool always)
{
	cJSON *parties = NULL, *sectors = NULL, *all = NULL;
	const cJSON *e;
	int rc;

	*met = *changed = 0;
	if ((rc = samv_resource_totals(&parties, &sectors, v, arena, since, until)) < 0 ||
	    (rc = samv_record_load_all(&all, v, samv_type_find("resource"), NULL)) < 0)
		goto out;
	cJSON_ArrayForEach(e, parties)
		*met += num(e, "resources")->valueint;
	/* what changed: a period that began or ended within the report's */
	cJSON_ArrayForEach(e, all)
		if ((!arena || is(e, "arena", arena)) &&
		    (within(str(e, "from"), since, until) || within(str(e, "until"), since, until)))
			++*changed;
	if ((*met || always) &&
	    ((rc = totals_section(sections, "resources_by_party", DN_("Resources by party"), "party", DN_("Party"),
				  parties)) < 0 ||
	     (rc = totals_section(sections, "resources_by_sector", DN_("Resources by sector"), "sector", DN_("Sector"),
				  sectors)) < 0))
		*met = *changed = 0;
out:
	cJSON_Delete(all);
	cJSON_Delete(parties);
	cJSON_Delete(sectors);
	return rc;
}
