/*
 * jsonout.c - records as --json prints them for scripts: every field of
 * the record's type present, in the canonical order, null when the record
 * has no value (an empty set, a text never given); the objects of a list
 * (attendance, distribution) likewise.  So every record of a type has the
 * same keys, and "jq .email" needs no "// empty".  Keys the type does not
 * know are left out (samv-check reports them).  The shapes are
 * docs/schema/<type>.output.schema.json.
 *
 * Input goes the other way: null in a JSON document read from standard
 * input means "absent", so that what --json prints can be edited and
 * given back.
 */
#include "samv.h"

static cJSON *shape(const struct samv_type *t, const cJSON *rec);

static cJSON *field_value(const struct samv_field *f, const cJSON *v)
{
	cJSON *list, *o;
	const cJSON *it;

	if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]) ||
	    (cJSON_IsArray(v) && !cJSON_GetArraySize(v)))
		return cJSON_CreateNull();
	if (f->kind != SAMV_F_OBJS || !cJSON_IsArray(v))
		return cJSON_Duplicate(v, 1);
	if (!(list = cJSON_CreateArray()))
		return NULL;
	cJSON_ArrayForEach(it, v) {
		o = cJSON_IsObject(it) ? shape(samv_subtype_find(f->ref), it) : cJSON_Duplicate(it, 1);
		if (!o || !cJSON_AddItemToArray(list, o)) {
			cJSON_Delete(o);
			cJSON_Delete(list);
			return NULL;
		}
	}
	return list;
}

static cJSON *shape(const struct samv_type *t, const cJSON *rec)
{
	cJSON *o = cJSON_CreateObject(), *v;
	size_t i;

	if (!o || !t)
		goto fail;
	for (i = 0; i < t->nfields; i++) {
		v = field_value(&t->fields[i], cJSON_GetObjectItemCaseSensitive(rec, t->fields[i].name));
		if (!v || !cJSON_AddItemToObject(o, t->fields[i].name, v)) {
			cJSON_Delete(v);
			goto fail;
		}
	}
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

int samv_record_output(cJSON **out, const struct samv_type *t, const cJSON *rec)
{
	if (!(*out = shape(t, rec)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_records_output(cJSON **out, const struct samv_type *t, const cJSON *recs)
{
	const cJSON *rec;
	cJSON *o;

	if (!(*out = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(rec, recs)
		if (samv_record_output(&o, t, rec) < 0 || !cJSON_AddItemToArray(*out, o)) {
			cJSON_Delete(*out);
			*out = NULL;
			return samv_error_set(SAMV_ERROR, "out of memory");
		}
	return 0;
}

int samv_print_records(FILE *f, const struct samv_type *t, const cJSON *recs)
{
	cJSON *o = NULL;
	int rc;

	if (cJSON_IsArray(recs))
		rc = samv_records_output(&o, t, recs);
	else
		rc = samv_record_output(&o, t, recs);
	if (rc == 0)
		rc = samv_print_json(f, o);
	cJSON_Delete(o);
	return rc;
}

cJSON *samv_json_str_or_null(const char *s)
{
	return s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

void samv_json_drop_nulls(cJSON *v)
{
	cJSON *it, *next;

	for (it = v ? v->child : NULL; it; it = next) {
		next = it->next;
		if (cJSON_IsNull(it) && cJSON_IsObject(v))
			cJSON_Delete(cJSON_DetachItemViaPointer(v, it));
		else
			samv_json_drop_nulls(it);
	}
}
