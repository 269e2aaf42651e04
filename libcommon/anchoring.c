/*
 * anchoring.c - anchoring at home (förankring).  Each step a party takes
 * (informed its board, won its committee's backing) is a record of its
 * own, so that parties recording in parallel on their own clones write
 * different files and samv-sync merges them without a conflict; a party's
 * standing on a decision is its latest step.
 */
#include <stdlib.h>
#include <string.h>

#include "anchoring.h"

const char *const samv_anchoring_outcomes[] = { "informed", "backed", "rejected", "pending", NULL };

static const char *str(const cJSON *r, const char *key)
{
	return r ? samv_record_str(r, key) : NULL;
}

static bool eq(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

int samv_plan_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *from = str(rec, "from"), *to = str(rec, "to");

	if (from && to && strcmp(to, from) < 0)
		return samv_problem_add(pr, path, samv_json_locate(text, "to"), "bad-date",
					"to: %s is before the start %s", to, from);
	return 0;
}

int samv_anchoring_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	const char *body = str(rec, "body"), *actor = str(rec, "actor");
	cJSON *b = NULL;
	int rc;

	(void)old;
	if (!body || !actor)
		return 0;
	if ((rc = samv_record_load(&b, samv_txn_view(t), samv_type_find("body"), body)) < 0) {
		if (rc == SAMV_ENOTFOUND)
			rc = samv_error_set(SAMV_EINVAL, "body: no body '%s' (see samv-body list)", body);
		return rc;
	}
	if (!eq(str(b, "actor"), actor))
		rc = samv_error_set(SAMV_EINVAL, "body: '%s' belongs to '%s', not to '%s'", body,
				    str(b, "actor") ? str(b, "actor") : "?", actor);
	cJSON_Delete(b);
	return rc;
}

bool samv_anchoring_done(const char *outcome)
{
	return outcome && strcmp(outcome, "pending");
}

bool samv_anchoring_wanted(const cJSON *d)
{
	const char *s = str(d, "status");

	return eq(s, "proposed") || eq(s, "adopted");
}

/* Outcomes on the same day: a step further on wins. */
static int rank(const char *outcome)
{
	return eq(outcome, "pending") ? 0 : eq(outcome, "informed") ? 1 : 2;
}

/* Whether a is a later step than b. */
static bool later(const cJSON *a, const cJSON *b)
{
	int c = strcmp(str(a, "date") ? str(a, "date") : "", str(b, "date") ? str(b, "date") : "");

	if (c)
		return c > 0;
	if (rank(str(a, "outcome")) != rank(str(b, "outcome")))
		return rank(str(a, "outcome")) > rank(str(b, "outcome"));
	return strcmp(str(a, "id") ? str(a, "id") : "", str(b, "id") ? str(b, "id") : "") > 0;
}

static bool has(const cJSON *arr, const char *id)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (cJSON_IsString(it) && !strcmp(it->valuestring, id))
			return true;
	return false;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Add the strings of src not yet in dst. */
static int add_all(cJSON *dst, const cJSON *src)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, src)
		if (cJSON_IsString(it) && !has(dst, it->valuestring) &&
		    !cJSON_AddItemToArray(dst, cJSON_CreateString(it->valuestring)))
			return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_anchoring_parties(cJSON **out, const cJSON *d, const cJSON *arena, const cJSON *agreement,
			   const cJSON *anchorings)
{
	const cJSON *members = cJSON_GetObjectItemCaseSensitive(arena, "members"), *a;
	const char **v = NULL;
	cJSON *ids = NULL, *sorted = NULL;
	size_t n, i = 0;
	int rc = 0;

	*out = NULL;
	if (!(ids = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (cJSON_GetArraySize(members) && str(arena, "id") && eq(str(arena, "id"), str(d, "arena")))
		rc = add_all(ids, members);
	else
		rc = add_all(ids, cJSON_GetObjectItemCaseSensitive(agreement, "parties"));
	cJSON_ArrayForEach(a, anchorings)
		if (rc == 0 && eq(str(a, "decision"), str(d, "id")) && str(a, "actor") && !has(ids, str(a, "actor")) &&
		    !cJSON_AddItemToArray(ids, cJSON_CreateString(str(a, "actor"))))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc < 0)
		goto out;
	n = (size_t)cJSON_GetArraySize(ids);
	if ((n && !(v = calloc(n, sizeof(*v)))) || !(sorted = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_ArrayForEach(a, ids)
		v[i++] = a->valuestring;
	if (n)
		qsort(v, n, sizeof(*v), str_cmp);
	for (i = 0; i < n; i++)
		if (!cJSON_AddItemToArray(sorted, cJSON_CreateString(v[i]))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
	*out = sorted;
	sorted = NULL;
out:
	free(v);
	cJSON_Delete(sorted);
	cJSON_Delete(ids);
	return rc;
}

static cJSON *str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

int samv_anchoring_status(cJSON **out, const cJSON *d, const cJSON *parties, const cJSON *anchorings)
{
	const cJSON *p, *a;
	cJSON *arr, *o;

	*out = NULL;
	if (!(arr = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(p, parties) {
		const cJSON *best = NULL;

		cJSON_ArrayForEach(a, anchorings)
			if (eq(str(a, "decision"), str(d, "id")) && eq(str(a, "actor"), p->valuestring) &&
			    (!best || later(a, best)))
				best = a;
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(arr, o) ||
		    !cJSON_AddStringToObject(o, "actor", p->valuestring) ||
		    !cJSON_AddItemToObject(o, "outcome", str_or_null(str(best, "outcome"))) ||
		    !cJSON_AddItemToObject(o, "date", str_or_null(str(best, "date"))) ||
		    !cJSON_AddItemToObject(o, "body", str_or_null(str(best, "body"))) ||
		    !cJSON_AddItemToObject(o, "note", str_or_null(str(best, "note"))) ||
		    !cJSON_AddItemToObject(o, "anchoring", str_or_null(str(best, "id")))) {
			cJSON_Delete(arr);
			return samv_error_set(SAMV_ERROR, "out of memory");
		}
	}
	*out = arr;
	return 0;
}

int samv_anchoring_of(cJSON **out, struct samv_view *v, const char *id)
{
	cJSON *d = NULL, *arena = NULL, *agreement = NULL, *all = NULL, *parties = NULL;
	int rc;

	*out = NULL;
	if ((rc = samv_record_load(&d, v, samv_type_find("decision"), id)) < 0 ||
	    (rc = samv_record_load_all(&all, v, samv_type_find("anchoring"), NULL)) < 0)
		goto out;
	if (str(d, "arena") && (rc = samv_record_load(&arena, v, samv_type_find("arena"), str(d, "arena"))) < 0 &&
	    rc != SAMV_ENOTFOUND)
		goto out;
	if ((rc = samv_record_load(&agreement, v, samv_type_find("agreement"), "agreement")) < 0 &&
	    rc != SAMV_ENOTFOUND)
		goto out;
	if ((rc = samv_anchoring_parties(&parties, d, arena, agreement, all)) < 0)
		goto out;
	rc = samv_anchoring_status(out, d, parties, all);
out:
	cJSON_Delete(d);
	cJSON_Delete(arena);
	cJSON_Delete(agreement);
	cJSON_Delete(all);
	cJSON_Delete(parties);
	return rc;
}

const cJSON *samv_anchoring_previous(const cJSON *a, const cJSON *anchorings)
{
	const cJSON *b, *best = NULL;

	cJSON_ArrayForEach(b, anchorings)
		if (b != a && eq(str(b, "decision"), str(a, "decision")) && eq(str(b, "actor"), str(a, "actor")) &&
		    later(a, b) && (!best || later(b, best)))
			best = b;
	return best;
}

void samv_anchoring_print(FILE *f, const cJSON *status)
{
	const cJSON *s;
	size_t w = 0;

	cJSON_ArrayForEach(s, status)
		if (samv_utf8_width(str(s, "actor")) > w)
			w = samv_utf8_width(str(s, "actor"));
	cJSON_ArrayForEach(s, status) {
		const char *o = str(s, "outcome");

		fprintf(f, "  %s%*s  %s", str(s, "actor"), (int)(w - samv_utf8_width(str(s, "actor"))), "",
			o ? o : _("not yet"));
		if (str(s, "date"))
			fprintf(f, "%*s  %s", (int)(8 - strlen(o ? o : "")), "", str(s, "date"));
		if (str(s, "body"))
			fprintf(f, "  %s", str(s, "body"));
		fputc('\n', f);
	}
}
