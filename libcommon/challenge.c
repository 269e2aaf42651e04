/*
 * challenge.c - the challenges the collaboration is about, its target
 * groups and glossary in samv-report, and the umbrellas that speak for
 * their members ("one voice").
 */
#include <string.h>

#include "samv.h"
#include "challenge.h"

static const char *str(const cJSON *r, const char *key)
{
	return r ? samv_record_str(r, key) : NULL;
}

static bool is(const cJSON *r, const char *key, const char *value)
{
	const char *s = str(r, key);

	return s && !strcmp(s, value);
}

int samv_actor_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *id = str(rec, "id");

	if (id && samv_json_has(cJSON_GetObjectItemCaseSensitive(rec, "speaks_for"), id))
		return samv_problem_add(pr, path, samv_json_locate(text, "speaks_for"), "bad-value",
					_("speaks_for: an organisation does not speak for itself"));
	return 0;
}

/* ---- sections in samv-report's shape ----------------------------------------- */

bool samv_section_col(cJSON *cols, const char *key, const char *title)
{
	cJSON *o = cJSON_CreateObject();

	if (!o || !cJSON_AddItemToArray(cols, o)) {
		cJSON_Delete(o);
		return false;
	}
	return cJSON_AddStringToObject(o, "key", key) && cJSON_AddStringToObject(o, "title", title);
}

cJSON *samv_section_cols(const char *key, const char *title)
{
	cJSON *cols = cJSON_CreateArray();

	if (cols && !samv_section_col(cols, key, title)) {
		cJSON_Delete(cols);
		return NULL;
	}
	return cols;
}

cJSON *samv_section_add(cJSON *sections, const char *id, const char *title, cJSON *cols)
{
	cJSON *s = cJSON_CreateObject();

	if (!s || !cJSON_AddItemToArray(sections, s)) {
		cJSON_Delete(s);
		cJSON_Delete(cols);
		return NULL;
	}
	if (!cJSON_AddStringToObject(s, "id", id) || !cJSON_AddStringToObject(s, "title", title) ||
	    !cJSON_AddItemToObject(s, "columns", cols)) {
		cJSON_Delete(cols);
		return NULL;
	}
	return cJSON_AddArrayToObject(s, "rows");
}

/* A section from a table of columns: {key, title} pairs ending with NULL. */
static cJSON *section(cJSON *sections, const char *id, const char *title, const char *const (*cols)[2])
{
	cJSON *cs = samv_section_cols(cols[0][0], cols[0][1]);

	for (cols++; cs && (*cols)[0]; cols++)
		if (!samv_section_col(cs, (*cols)[0], (*cols)[1])) {
			cJSON_Delete(cs);
			return NULL;
		}
	return cs ? samv_section_add(sections, id, title, cs) : NULL;
}

static bool put(cJSON *r, const char *key, const char *value)
{
	return value ? cJSON_AddStringToObject(r, key, value) != NULL : cJSON_AddNullToObject(r, key) != NULL;
}

static bool in(const char *date, const char *since, const char *until)
{
	return date && (!since || !*since || strcmp(date, since) >= 0) && (!until || !*until || strcmp(date, until) <= 0);
}

/* The names of the records of all whose ids are in ids, joined by ", ". */
static int names(struct samv_buf *b, const cJSON *all, const cJSON *ids, const char *field)
{
	const cJSON *id, *r;
	int rc = 0;

	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
	cJSON_ArrayForEach(id, ids) {
		const char *n = cJSON_IsString(id) ? id->valuestring : "";

		cJSON_ArrayForEach(r, all)
			if (is(r, "id", n) && str(r, field))
				n = str(r, field);
		if ((rc = samv_buf_printf(b, "%s%s", id == ids->child ? "" : ", ", n)) < 0)
			break;
	}
	return rc;
}

int samv_challenge_sections(cJSON *sections, int *started, int *agreed, struct samv_view *v, const char *arena,
			    const char *since, const char *until)
{
	static const char *const ccols[][2] = {
		{ "title", DN_("Challenge") }, { "kind", DN_("Kind") }, { "serves", DN_("Serves") },
		{ "targets", DN_("Target groups") }, { "arenas", DN_("Arenas") }, { "started", DN_("Started") }, { NULL, NULL }
	};
	static const char *const tcols[][2] = {
		{ "term", DN_("Term") }, { "translation", DN_("Translation") }, { "definition", DN_("Definition") },
		{ "agreed", DN_("Agreed") }, { NULL, NULL }
	};
	cJSON *chs = NULL, *targets = NULL, *arenas = NULL, *terms = NULL, *rows = NULL, *x;
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *r;
	int rc;

	*started = *agreed = 0;
	if ((rc = samv_record_load_all(&chs, v, samv_type_find("challenge"), NULL)) < 0 ||
	    (rc = samv_record_load_all(&targets, v, samv_type_find("target"), NULL)) < 0 ||
	    (rc = samv_record_load_all(&arenas, v, samv_type_find("arena"), NULL)) < 0 ||
	    (rc = samv_record_load_all(&terms, v, samv_type_find("term"), NULL)) < 0)
		goto out;
	cJSON_ArrayForEach(r, chs) {
		if (!is(r, "status", "active") ||
		    (arena && !samv_json_has(cJSON_GetObjectItemCaseSensitive(r, "arenas"), arena)))
			continue;
		if (in(str(r, "started"), since, until))
			++*started;
		if (!rows && !(rows = section(sections, "challenges", DN_("Challenges"), ccols)))
			goto oom;
		if (!(x = cJSON_CreateObject()) || !cJSON_AddItemToArray(rows, x) || !put(x, "title", str(r, "title")) ||
		    !put(x, "kind", str(r, "kind")))
			goto oom;
		if ((rc = names(&b, NULL, cJSON_GetObjectItemCaseSensitive(r, "serves"), "")) < 0 ||
		    !put(x, "serves", b.len ? b.ptr : NULL) ||
		    (rc = names(&b, targets, cJSON_GetObjectItemCaseSensitive(r, "targets"), "name")) < 0 ||
		    !put(x, "targets", b.len ? b.ptr : NULL) ||
		    (rc = names(&b, arenas, cJSON_GetObjectItemCaseSensitive(r, "arenas"), "name")) < 0 ||
		    !put(x, "arenas", b.len ? b.ptr : NULL) || !put(x, "started", str(r, "started")))
			goto oom;
	}
	/* the glossary belongs to the whole collaboration, not to an arena */
	rows = NULL;
	cJSON_ArrayForEach(r, terms) {
		if (arena || is(r, "status", "retired") || !in(str(r, "agreed"), since, until))
			continue;
		++*agreed;
		if (!rows && !(rows = section(sections, "terms", DN_("Terms agreed"), tcols)))
			goto oom;
		if (!(x = cJSON_CreateObject()) || !cJSON_AddItemToArray(rows, x) || !put(x, "term", str(r, "term")) ||
		    !put(x, "translation", str(r, "translation")) || !put(x, "definition", str(r, "definition")) ||
		    !put(x, "agreed", str(r, "agreed")))
			goto oom;
	}
	goto out;
oom:
	if (rc == 0)
		rc = samv_error_set(SAMV_ERROR, _("out of memory"));
out:
	samv_buf_free(&b);
	cJSON_Delete(chs);
	cJSON_Delete(targets);
	cJSON_Delete(arenas);
	cJSON_Delete(terms);
	return rc;
}

static const char *name_of(const cJSON *actors, const char *id)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, actors)
		if (is(a, "id", id) && str(a, "name"))
			return str(a, "name");
	return id;
}

/* Whether anyone came from actor to meeting m. */
static bool came(const cJSON *m, const char *actor)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, cJSON_GetObjectItemCaseSensitive(m, "attended"))
		if (is(a, "actor", actor))
			return true;
	return false;
}

int samv_speaks_for_section(cJSON *sections, const cJSON *actors, const cJSON *meetings, const char *since,
			    const char *until)
{
	static const char *const cols[][2] = {
		{ "organisation", DN_("Organisation") }, { "through", DN_("Voice through") }, { "meetings", DN_("Meetings") },
		{ NULL, NULL }
	};
	const cJSON *u, *mem, *m;
	cJSON *rows = NULL, *x;

	cJSON_ArrayForEach(u, actors) {
		const char *uid = str(u, "id");

		cJSON_ArrayForEach(mem, cJSON_GetObjectItemCaseSensitive(u, "speaks_for")) {
			int n = 0;

			if (!uid || !cJSON_IsString(mem))
				continue;
			cJSON_ArrayForEach(m, meetings)
				if (is(m, "status", "held") && in(str(m, "date"), since, until) && came(m, uid) &&
				    !came(m, mem->valuestring))
					n++;
			if (!rows && !(rows = section(sections, "voices", DN_("Voices through an umbrella"), cols)))
				return samv_error_set(SAMV_ERROR, _("out of memory"));
			if (!(x = cJSON_CreateObject()) || !cJSON_AddItemToArray(rows, x) ||
			    !put(x, "organisation", name_of(actors, mem->valuestring)) ||
			    !put(x, "through", name_of(actors, uid)) || !cJSON_AddNumberToObject(x, "meetings", n)) {
				cJSON_Delete(x);
				return samv_error_set(SAMV_ERROR, _("out of memory"));
			}
		}
	}
	return 0;
}
