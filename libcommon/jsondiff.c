/*
 * jsondiff.c - what changed between two versions of a JSON record, field by
 * field: a changed value, a field added or removed, and in lists the items
 * added or removed (lists of ids are sets in samv).  Equality is our own
 * deep compare: cJSON_Compare of some cJSON versions takes [a] for [a, b].
 */
#include <math.h>
#include <string.h>

#include "samv.h"

bool samv_json_equal(const cJSON *a, const cJSON *b)
{
	const cJSON *x, *y;

	if (!a || !b)
		return a == b;
	if ((a->type & 0xff) != (b->type & 0xff))
		return false;
	switch (a->type & 0xff) {
	case cJSON_False:
	case cJSON_True:
	case cJSON_NULL:
		return true;
	case cJSON_Number:
		return a->valuedouble == b->valuedouble ||
		       (isnan(a->valuedouble) && isnan(b->valuedouble));
	case cJSON_String:
	case cJSON_Raw:
		return a->valuestring && b->valuestring ? !strcmp(a->valuestring, b->valuestring)
							: a->valuestring == b->valuestring;
	case cJSON_Array:
		for (x = a->child, y = b->child; x && y; x = x->next, y = y->next)
			if (!samv_json_equal(x, y))
				return false;
		return !x && !y;
	case cJSON_Object:
		if (cJSON_GetArraySize(a) != cJSON_GetArraySize(b))
			return false;
		cJSON_ArrayForEach(x, a) {
			y = cJSON_GetObjectItemCaseSensitive(b, x->string);
			if (!y || !samv_json_equal(x, y))
				return false;
		}
		return true;
	}
	return false;
}

/* Does arr hold an item equal to v? */
static bool has_item(const cJSON *arr, const cJSON *v)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (samv_json_equal(it, v))
			return true;
	return false;
}

static int add_change(cJSON *out, const char *field, const char *change, const cJSON *old, const cJSON *new,
		      const cJSON *item)
{
	cJSON *c = cJSON_CreateObject();

	if (!c || !cJSON_AddItemToArray(out, c))
		goto oom;
	if (!cJSON_AddStringToObject(c, "field", field) || !cJSON_AddStringToObject(c, "change", change))
		goto oom;
	if (old && !cJSON_AddItemToObject(c, "old", cJSON_Duplicate(old, true)))
		goto oom;
	if (new && !cJSON_AddItemToObject(c, "new", cJSON_Duplicate(new, true)))
		goto oom;
	if (item && !cJSON_AddItemToObject(c, "item", cJSON_Duplicate(item, true)))
		goto oom;
	return 0;
oom:
	return samv_error_set(SAMV_ERROR, "out of memory");
}

static int diff_value(cJSON *out, const char *field, const cJSON *a, const cJSON *b);

/* Two lists: the items that left and those that came, as a set; when
 * none did (the order changed, or how often an item occurs), the list as
 * a whole changed. */
static int diff_list(cJSON *out, const char *field, const cJSON *a, const cJSON *b)
{
	const cJSON *it;
	int before = cJSON_GetArraySize(out), rc;

	cJSON_ArrayForEach(it, a)
		if (!has_item(b, it) && (rc = add_change(out, field, "item-removed", NULL, NULL, it)) < 0)
			return rc;
	cJSON_ArrayForEach(it, b)
		if (!has_item(a, it) && (rc = add_change(out, field, "item-added", NULL, NULL, it)) < 0)
			return rc;
	if (cJSON_GetArraySize(out) == before)
		return add_change(out, field, "changed", a, b, NULL);
	return 0;
}

static int diff_object(cJSON *out, const char *prefix, const cJSON *a, const cJSON *b)
{
	struct samv_buf name = SAMV_BUF_INIT;
	const cJSON *x, *y;
	int rc = 0;

	/* in b's order (the canonical one), then what b no longer has */
	cJSON_ArrayForEach(y, b) {
		name.len = 0;
		if ((rc = samv_buf_printf(&name, "%s%s%s", prefix, *prefix ? "." : "", y->string)) < 0)
			goto out;
		x = cJSON_GetObjectItemCaseSensitive(a, y->string);
		rc = x ? diff_value(out, name.ptr, x, y) : add_change(out, name.ptr, "added", NULL, y, NULL);
		if (rc < 0)
			goto out;
	}
	cJSON_ArrayForEach(x, a) {
		if (cJSON_GetObjectItemCaseSensitive(b, x->string))
			continue;
		name.len = 0;
		if ((rc = samv_buf_printf(&name, "%s%s%s", prefix, *prefix ? "." : "", x->string)) < 0 ||
		    (rc = add_change(out, name.ptr, "removed", x, NULL, NULL)) < 0)
			goto out;
	}
out:
	samv_buf_free(&name);
	return rc;
}

static int diff_value(cJSON *out, const char *field, const cJSON *a, const cJSON *b)
{
	if (samv_json_equal(a, b))
		return 0;
	if (cJSON_IsObject(a) && cJSON_IsObject(b))
		return diff_object(out, field, a, b);
	if (cJSON_IsArray(a) && cJSON_IsArray(b))
		return diff_list(out, field, a, b);
	return add_change(out, field, "changed", a, b, NULL);
}

int samv_jsondiff(cJSON **out, const cJSON *a, const cJSON *b)
{
	cJSON *arr = cJSON_CreateArray();
	int rc;

	*out = NULL;
	if (!arr)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (!a && !b)
		rc = 0;
	else if (cJSON_IsObject(a) && cJSON_IsObject(b))
		rc = diff_object(arr, "", a, b);
	else if (cJSON_IsObject(b) && !a)
		rc = diff_object(arr, "", NULL, b);
	else if (cJSON_IsObject(a) && !b)
		rc = diff_object(arr, "", a, NULL);
	else if (!a || !b)
		rc = add_change(arr, "", !a ? "added" : "removed", a, b, NULL);
	else
		rc = diff_value(arr, "", a, b);
	if (rc < 0) {
		cJSON_Delete(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

/* A value on one line: JSON, strings quoted, nested values compact. */
static int put_value(struct samv_buf *out, const cJSON *v)
{
	char *s;
	int rc;

	if (cJSON_IsString(v))
		return samv_json_put_string(out, v->valuestring);
	if (!(s = cJSON_PrintUnformatted(v)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	rc = samv_buf_puts(out, s);
	cJSON_free(s);
	return rc;
}

int samv_jsondiff_line(struct samv_buf *out, const cJSON *change)
{
	const char *field = samv_record_str(change, "field"), *what = samv_record_str(change, "change");
	const cJSON *old = cJSON_GetObjectItemCaseSensitive(change, "old");
	const cJSON *new = cJSON_GetObjectItemCaseSensitive(change, "new");
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(change, "item");
	int rc;

	if (!field || !what)
		return samv_error_set(SAMV_EINVAL, "not a change");
	if (!strcmp(what, "changed")) {
		if ((rc = samv_buf_printf(out, "~ %s: ", field)) < 0 || (rc = put_value(out, old)) < 0 ||
		    (rc = samv_buf_puts(out, " \xe2\x86\x92 ")) < 0)
			return rc;
		return put_value(out, new);
	}
	if (!strcmp(what, "added") || !strcmp(what, "removed")) {
		if ((rc = samv_buf_printf(out, "%c %s: ", what[0] == 'a' ? '+' : '-', field)) < 0)
			return rc;
		return put_value(out, what[0] == 'a' ? new : old);
	}
	if (!strcmp(what, "item-added") || !strcmp(what, "item-removed")) {
		if ((rc = samv_buf_printf(out, "%c %s[]: ", what[5] == 'a' ? '+' : '-', field)) < 0)
			return rc;
		return put_value(out, item);
	}
	return samv_error_set(SAMV_EINVAL, "unknown change '%s'", what);
}
