/*
 * public.c - a copy of the records without personal data, for requests
 * for public documents and for publishing decisions and the Agreement
 * (samv-export(1) --public, samv-report(1) --public).
 *
 * Every person is treated as a private person: samv cannot tell an
 * official acting in office from a volunteer.  A person is shown by
 * organisation and role only; an id that may carry a name (anything but
 * the minted "p-" and six characters, samv(7)) becomes "person-N", the
 * same in every record that refers to it; fields the record types mark
 * SAMV_FL_PERSONAL (schema.c) are dropped.  What was removed is counted
 * so that the copy can say so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "store.h"

struct samv_public {
	char lang[3];
	cJSON *ids;     /* {old id: new id} */
	cJSON *labels;  /* {old id: "Representative of X (role)"} */
	cJSON *removed; /* {"type": {"field": count}}, in the order first met */
	size_t people, renamed, next;
};

static int oom(void)
{
	return samv_error_set(SAMV_ERROR, "out of memory");
}

/* Minted ids carry no name (samv(7), PERSONAL DATA): "p-" and six. */
static bool opaque(const char *id)
{
	size_t i;

	if (strncmp(id, "p-", 2) || strlen(id) != 8)
		return false;
	for (i = 2; i < 8; i++)
		if (!((id[i] >= 'a' && id[i] <= 'z') || (id[i] >= '0' && id[i] <= '9')))
			return false;
	return true;
}

/* The public id of a person's id: kept when opaque, else the next
 * "person-N" (an id met only in references gets one too). */
static const char *public_id(struct samv_public *p, const char *id)
{
	const cJSON *have = cJSON_GetObjectItemCaseSensitive(p->ids, id);
	char buf[32];

	if (cJSON_IsString(have))
		return have->valuestring;
	if (!opaque(id)) {
		snprintf(buf, sizeof(buf), "person-%zu", ++p->next);
		p->renamed++;
	} else {
		snprintf(buf, sizeof(buf), "%s", id);
	}
	have = cJSON_AddStringToObject(p->ids, id, buf);
	return have ? have->valuestring : NULL;
}

static int count(struct samv_public *p, const char *type, const char *field)
{
	cJSON *t = cJSON_GetObjectItemCaseSensitive(p->removed, type), *n;

	if (!t && !(t = cJSON_AddObjectToObject(p->removed, type)))
		return oom();
	if (!(n = cJSON_GetObjectItemCaseSensitive(t, field)) && !(n = cJSON_AddNumberToObject(t, field, 0)))
		return oom();
	cJSON_SetNumberValue(n, n->valuedouble + 1);
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp((*(cJSON *const *)a)->valuestring, (*(cJSON *const *)b)->valuestring);
}

/* A set of person ids given their public ids, sorted again (canonical). */
static int map_set(struct samv_public *p, cJSON *set)
{
	cJSON *it;
	size_t n = 0;
	const char *to;

	cJSON_ArrayForEach(it, set) {
		if (!cJSON_IsString(it))
			continue;
		if (!(to = public_id(p, it->valuestring)) || !cJSON_SetValuestring(it, to))
			return oom();
		n++;
	}
	/* ids refer to records: a set of them is written sorted */
	return n == (size_t)cJSON_GetArraySize(set) ? samv_json_sort(set, cmp_str) : 0;
}

/* rec's fields by t's table; where names what the statement counts
 * under ("meeting", and "attended." for an attendee's fields). */
static int strip(struct samv_public *p, const struct samv_type *t, cJSON *rec, const char *type,
		 const char *prefix)
{
	char name[128];
	const char *to;
	cJSON *v, *it;
	size_t i;
	int rc;

	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];

		if (!(v = cJSON_GetObjectItemCaseSensitive(rec, f->name)))
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, f->name);
		/* a person's name is replaced, not dropped: it is required */
		if ((f->flags & SAMV_FL_PERSONAL) && !(samv_type_personal(t) && !strcmp(f->name, "name"))) {
			cJSON_DeleteItemFromObjectCaseSensitive(rec, f->name);
			if ((rc = count(p, type, name)) < 0)
				return rc;
			continue;
		}
		if (f->kind == SAMV_F_OBJS) {
			const struct samv_type *sub = samv_subtype_find(f->ref);
			char pre[128];

			snprintf(pre, sizeof(pre), "%s%s.", prefix, f->name);
			cJSON_ArrayForEach(it, v)
				if (sub && cJSON_IsObject(it) && (rc = strip(p, sub, it, type, pre)) < 0)
					return rc;
			continue;
		}
		if ((f->kind != SAMV_F_REF && f->kind != SAMV_F_REFS) || !f->ref || strcmp(f->ref, "person"))
			continue;
		if (f->kind == SAMV_F_REFS) {
			if ((rc = map_set(p, v)) < 0)
				return rc;
		} else if (cJSON_IsString(v)) {
			if (!(to = public_id(p, v->valuestring)) || !cJSON_SetValuestring(v, to))
				return oom();
		}
	}
	return 0;
}

/* "Representative of Region X (official)": organisation and role. */
static int label_of(struct samv_public *p, const cJSON *person, const cJSON *actors)
{
	const char *id = samv_record_str(person, "id"), *actor = samv_record_str(person, "actor");
	const char *role = samv_record_str(person, "role"), *org = actor;
	const cJSON *a;
	char buf[512];

	cJSON_ArrayForEach(a, actors)
		if (actor && !strcmp(samv_record_str(a, "id") ? samv_record_str(a, "id") : "", actor) &&
		    samv_record_str(a, "name"))
			org = samv_record_str(a, "name");
	snprintf(buf, sizeof(buf), D_(p->lang, "Representative of %s (%s)"), org ? org : "?",
		 samv_doc_word(p->lang, "role", role ? role : "other"));
	return id && !cJSON_AddStringToObject(p->labels, id, buf) ? oom() : 0;
}

int samv_public_record(struct samv_public *p, const struct samv_type *t, cJSON *rec)
{
	cJSON *id = cJSON_GetObjectItemCaseSensitive(rec, "id"), *name;
	const cJSON *label;
	const char *to;
	int rc;

	if (samv_type_personal(t) && cJSON_IsString(id)) {
		/* a person the view did not have when p was made: labelled
		 * from the record itself, so that no name ever gets through */
		if (!(label = cJSON_GetObjectItemCaseSensitive(p->labels, id->valuestring)) &&
		    ((rc = label_of(p, rec, NULL)) < 0 ||
		     !(label = cJSON_GetObjectItemCaseSensitive(p->labels, id->valuestring))))
			return rc < 0 ? rc : oom();
		if ((name = cJSON_GetObjectItemCaseSensitive(rec, "name"))) {
			if (!cJSON_SetValuestring(name, label->valuestring))
				return oom();
			if ((rc = count(p, t->name, "name")) < 0)
				return rc;
		}
		if (!(to = public_id(p, id->valuestring)) || !cJSON_SetValuestring(id, to))
			return oom();
		p->people++;
	} else if (samv_type_personal(t) && cJSON_GetObjectItemCaseSensitive(rec, "name")) {
		/* no id to label it by (not a valid record): no name either */
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "name");
		if ((rc = count(p, t->name, "name")) < 0)
			return rc;
	}
	return strip(p, t, rec, t->name, "");
}

static int filter(void *arg, const struct samv_type *t, cJSON *rec)
{
	return samv_public_record(arg, t, rec);
}

void samv_public_attach(struct samv_public *p, struct samv_view *v)
{
	v->filter = filter;
	v->filter_arg = p;
}

int samv_public_new(struct samv_public **out, struct samv_view *v, const char *lang)
{
	struct samv_public *p = calloc(1, sizeof(*p));
	cJSON *people = NULL, *actors = NULL;
	const cJSON *r;
	size_t bad;
	int rc = 0;

	*out = NULL;
	if (!p || !(p->ids = cJSON_CreateObject()) || !(p->labels = cJSON_CreateObject()) ||
	    !(p->removed = cJSON_CreateObject())) {
		rc = oom();
		goto out;
	}
	snprintf(p->lang, sizeof(p->lang), "%s", lang ? lang : "en");
	/* a file that is not a valid record is for the reader to name
	 * (a report leaves it out, an export stops on it): counted here */
	if ((rc = samv_record_load_all(&people, v, samv_type_find("person"), &bad)) < 0 ||
	    (rc = samv_record_load_all(&actors, v, samv_type_find("actor"), &bad)) < 0)
		goto out;
	/* "person-N" in the people's id order, whoever refers to them first */
	cJSON_ArrayForEach(r, people) {
		if (!public_id(p, samv_record_str(r, "id") ? samv_record_str(r, "id") : "")) {
			rc = oom();
			goto out;
		}
		if ((rc = label_of(p, r, actors)) < 0)
			goto out;
	}
	*out = p;
	p = NULL;
out:
	cJSON_Delete(people);
	cJSON_Delete(actors);
	samv_public_free(p);
	return rc;
}

void samv_public_free(struct samv_public *p)
{
	if (!p)
		return;
	cJSON_Delete(p->ids);
	cJSON_Delete(p->labels);
	cJSON_Delete(p->removed);
	free(p);
}

int samv_public_statement(cJSON **out, const struct samv_public *p)
{
	cJSON *doc = cJSON_CreateObject(), *fields, *row;
	const cJSON *t, *f;

	*out = NULL;
	if (!doc || !cJSON_AddNumberToObject(doc, "people", (double)p->people) ||
	    !cJSON_AddNumberToObject(doc, "ids", (double)p->renamed) ||
	    !(fields = cJSON_AddArrayToObject(doc, "fields")))
		goto fail;
	cJSON_ArrayForEach(t, p->removed)
		cJSON_ArrayForEach(f, t)
			if (!(row = cJSON_CreateObject()) || !cJSON_AddItemToArray(fields, row) ||
			    !cJSON_AddStringToObject(row, "type", t->string) ||
			    !cJSON_AddStringToObject(row, "field", f->string) ||
			    !cJSON_AddNumberToObject(row, "values", f->valuedouble))
				goto fail;
	*out = doc;
	return 0;
fail:
	cJSON_Delete(doc);
	return oom();
}

int samv_public_section(cJSON *sections, const struct samv_public *p)
{
	static const char *const cols[][2] = {
		{ "type", DN_("Record type") }, { "field", DN_("Field") }, { "values", DN_("Values removed") },
	};
	cJSON *st = NULL, *sec, *c, *rows, *row;
	const cJSON *f;
	size_t i;
	int rc;

	if ((rc = samv_public_statement(&st, p)) < 0)
		return rc;
	if (!(sec = cJSON_CreateObject()) || !cJSON_AddItemToArray(sections, sec) ||
	    !cJSON_AddStringToObject(sec, "id", "removed") ||
	    !cJSON_AddStringToObject(sec, "title", DN_("Removed for publication")) ||
	    !(c = cJSON_AddArrayToObject(sec, "columns")) || !(rows = cJSON_AddArrayToObject(sec, "rows")))
		goto fail;
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		cJSON *col = cJSON_CreateObject();

		if (!col || !cJSON_AddItemToArray(c, col) || !cJSON_AddStringToObject(col, "key", cols[i][0]) ||
		    !cJSON_AddStringToObject(col, "title", cols[i][1]))
			goto fail;
	}
	if (p->renamed && (!(row = cJSON_CreateObject()) || !cJSON_AddItemToArray(rows, row) ||
			   !cJSON_AddStringToObject(row, "type", "person") ||
			   !cJSON_AddStringToObject(row, "field", "id (person-N)") ||
			   !cJSON_AddNumberToObject(row, "values", (double)p->renamed)))
		goto fail;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(st, "fields"))
		if (!(row = cJSON_Duplicate(f, true)) || !cJSON_AddItemToArray(rows, row))
			goto fail;
	cJSON_Delete(st);
	return 0;
fail:
	cJSON_Delete(st);
	return oom();
}
