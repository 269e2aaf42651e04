/*
 * merge.c - the three-way merge of records, field by field.
 *
 * Two coordinators who changed different fields of a record, or added
 * different people to a meeting, both keep their change; only the same
 * field changed to two different values is a conflict.  The rules, for a
 * value with base B, ours O and theirs T (absent, null, "" and [] are all
 * "absent", as the canonical writer omits them):
 *
 *   O = T: O.  B = O: T.  B = T: O.
 *   both objects: key by key.
 *   both arrays of strings (sets of ids): as sets, additions on both sides
 *     kept, removals on either side honoured.
 *   both arrays of objects keyed by "id" or "person" (attendance): element
 *     by element, by key; other arrays of objects: as sets of values.
 *   anything else: a conflict, reported with both values; O is kept in
 *     the result unless the caller favours a side.
 *
 * Equality ignores key order (cJSON_Compare), so reordered keys are no
 * change.  The result is written in canonical form by the caller.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "store.h"

void samv_conflicts_free(struct samv_conflicts *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		free(c->v[i].file);
		free(c->v[i].field);
		free(c->v[i].ours);
		free(c->v[i].theirs);
	}
	free(c->v);
	c->v = NULL;
	c->n = c->cap = 0;
}

/* v's JSON text, malloc'd (freed with free, not cJSON_free) */
static char *print_value(const cJSON *v)
{
	char *p = v ? cJSON_PrintUnformatted(v) : NULL, *s = p ? strdup(p) : NULL;

	cJSON_free(p);
	return s;
}

int samv_conflict_add(struct samv_conflicts *c, const char *file, const char *field, const cJSON *ours,
		      const cJSON *theirs)
{
	struct samv_conflict *k;

	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 8;
		struct samv_conflict *nv = realloc(c->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		c->v = nv;
		c->cap = cap;
	}
	k = &c->v[c->n];
	k->file = strdup(file ? file : "");
	k->field = strdup(field ? field : "");
	k->ours = print_value(ours);
	k->theirs = print_value(theirs);
	if (!k->file || !k->field || (ours && !k->ours) || (theirs && !k->theirs)) {
		free(k->file);
		free(k->field);
		free(k->ours);
		free(k->theirs);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	c->n++;
	return 0;
}

/* What the canonical writer leaves out counts as absent. */
static const cJSON *present(const cJSON *v)
{
	if (!v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]) ||
	    (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0))
		return NULL;
	return v;
}

static bool same(const cJSON *a, const cJSON *b)
{
	if (!a || !b)
		return a == b;
	return cJSON_Compare(a, b, 1);
}

struct merge {
	enum samv_favor favor;
	struct samv_conflicts *c;
	const char *file;
};

static int merge_value(cJSON **out, struct merge *m, const char *field, const cJSON *b, const cJSON *o,
		       const cJSON *t);

static int dup_into(cJSON **out, const cJSON *v)
{
	*out = NULL;
	if (v && !(*out = cJSON_Duplicate(v, 1)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

static int conflict(cJSON **out, struct merge *m, const char *field, const cJSON *o, const cJSON *t)
{
	if (m->favor == SAMV_FAVOR_THEIRS)
		return dup_into(out, t);
	if (m->favor == SAMV_FAVOR_NONE && samv_conflict_add(m->c, m->file, field, o, t) < 0)
		return SAMV_ERROR;
	return dup_into(out, o);
}

static char *join_field(const char *prefix, const char *key, bool index)
{
	char *s = NULL;

	if (index) {
		if (asprintf(&s, "%s[%s]", prefix, key) < 0)
			s = NULL;
	} else if (asprintf(&s, "%s%s%s", prefix, *prefix ? "." : "", key) < 0) {
		s = NULL;
	}
	if (!s)
		samv_error_set(SAMV_ERROR, "out of memory");
	return s;
}

static const cJSON *member(const cJSON *obj, const char *key)
{
	return obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : NULL;
}

/* Merge one key of three objects into res (absent results are left out). */
static int merge_key(cJSON *res, struct merge *m, const char *field, const char *key, const cJSON *b,
		     const cJSON *o, const cJSON *t)
{
	char *sub = join_field(field, key, false);
	cJSON *v = NULL;
	int rc;

	if (!sub)
		return SAMV_ERROR;
	rc = merge_value(&v, m, sub, member(b, key), member(o, key), member(t, key));
	free(sub);
	if (rc < 0)
		return rc;
	if (v && !present(v)) {
		cJSON_Delete(v);
		v = NULL;
	}
	if (v && !cJSON_AddItemToObject(res, key, v)) {
		cJSON_Delete(v);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

static int merge_objects(cJSON **out, struct merge *m, const char *field, const cJSON *b, const cJSON *o,
			 const cJSON *t)
{
	cJSON *res = cJSON_CreateObject();
	const cJSON *it;
	int rc = 0;

	if (!res)
		return samv_error_set(SAMV_ERROR, "out of memory");
	/* our keys in our order, then theirs that we lack, then keys only the
	 * base had (both may have removed them, or one changed them) */
	cJSON_ArrayForEach(it, o)
		if ((rc = merge_key(res, m, field, it->string, b, o, t)) < 0)
			goto out;
	cJSON_ArrayForEach(it, t)
		if (!member(o, it->string) && (rc = merge_key(res, m, field, it->string, b, o, t)) < 0)
			goto out;
	cJSON_ArrayForEach(it, b)
		if (!member(o, it->string) && !member(t, it->string) &&
		    (rc = merge_key(res, m, field, it->string, b, o, t)) < 0)
			goto out;
out:
	if (rc < 0) {
		cJSON_Delete(res);
		return rc;
	}
	*out = res;
	return 0;
}

static bool all_strings(const cJSON *a)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, a)
		if (!cJSON_IsString(it))
			return false;
	return true;
}

/* "id" or "person" when every element of the arrays is an object with that
 * key as a string, unique within its array; else NULL. */
static const char *key_of(const cJSON *const arrs[3])
{
	static const char *const keys[] = { "id", "person", NULL };
	const char *const *k;
	const cJSON *it, *jt;
	int i;

	for (k = keys; *k; k++) {
		bool ok = true;

		for (i = 0; i < 3 && ok; i++)
			cJSON_ArrayForEach(it, arrs[i]) {
				const char *v = samv_record_str(it, *k);

				if (!cJSON_IsObject(it) || !v) {
					ok = false;
					break;
				}
				for (jt = it->next; jt && ok; jt = jt->next)
					if (samv_record_str(jt, *k) && !strcmp(samv_record_str(jt, *k), v))
						ok = false;
			}
		if (ok)
			return *k;
	}
	return NULL;
}

static const cJSON *find_keyed(const cJSON *arr, const char *key, const char *value)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (!strcmp(samv_record_str(it, key), value))
			return it;
	return NULL;
}

static const cJSON *find_same(const cJSON *arr, const cJSON *v)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, arr)
		if (cJSON_Compare(it, v, 1))
			return it;
	return NULL;
}

static int append(cJSON *res, const cJSON *v)
{
	cJSON *d = cJSON_Duplicate(v, 1);

	if (!d || !cJSON_AddItemToArray(res, d)) {
		cJSON_Delete(d);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

/* Sets of values: x is kept when both have it, or one side added it. */
static int merge_set(cJSON *res, const cJSON *b, const cJSON *o, const cJSON *t)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, o)
		if ((find_same(t, it) || !find_same(b, it)) && !find_same(res, it) && append(res, it) < 0)
			return SAMV_ERROR;
	cJSON_ArrayForEach(it, t)
		if (!find_same(b, it) && !find_same(res, it) && append(res, it) < 0)
			return SAMV_ERROR;
	return 0;
}

static int merge_element(cJSON *res, struct merge *m, const char *field, const char *key, const char *id,
			 const cJSON *const arrs[3])
{
	char *sub = join_field(field, id, true);
	cJSON *v = NULL;
	int rc;

	if (!sub)
		return SAMV_ERROR;
	rc = merge_value(&v, m, sub, find_keyed(arrs[0], key, id), find_keyed(arrs[1], key, id),
			 find_keyed(arrs[2], key, id));
	free(sub);
	if (rc < 0)
		return rc;
	if (v && !cJSON_AddItemToArray(res, v)) {
		cJSON_Delete(v);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

static int merge_arrays(cJSON **out, struct merge *m, const char *field, const cJSON *b, const cJSON *o,
			const cJSON *t)
{
	const cJSON *const arrs[3] = { b, o, t };
	cJSON *res = cJSON_CreateArray();
	const char *key;
	const cJSON *it;
	int rc = 0;

	if (!res)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (all_strings(b) && all_strings(o) && all_strings(t)) {
		rc = merge_set(res, b, o, t);
	} else if ((key = key_of(arrs))) {
		cJSON_ArrayForEach(it, o)
			if ((rc = merge_element(res, m, field, key, samv_record_str(it, key), arrs)) < 0)
				goto out;
		cJSON_ArrayForEach(it, t)
			if (!find_keyed(o, key, samv_record_str(it, key)) &&
			    (rc = merge_element(res, m, field, key, samv_record_str(it, key), arrs)) < 0)
				goto out;
		/* an element both removed, or one removed and the other changed */
		cJSON_ArrayForEach(it, b)
			if (!find_keyed(o, key, samv_record_str(it, key)) &&
			    !find_keyed(t, key, samv_record_str(it, key)) &&
			    (rc = merge_element(res, m, field, key, samv_record_str(it, key), arrs)) < 0)
				goto out;
	} else {
		rc = merge_set(res, b, o, t);
	}
out:
	if (rc < 0) {
		cJSON_Delete(res);
		return rc;
	}
	*out = res;
	return 0;
}

static int merge_value(cJSON **out, struct merge *m, const char *field, const cJSON *b, const cJSON *o,
		       const cJSON *t)
{
	*out = NULL;
	b = present(b);
	o = present(o);
	t = present(t);
	if (same(o, t) || same(b, t))
		return dup_into(out, o);
	if (same(b, o))
		return dup_into(out, t);
	if (cJSON_IsObject(o) && cJSON_IsObject(t) && (!b || cJSON_IsObject(b)))
		return merge_objects(out, m, field, b, o, t);
	/* an absent list is an empty one: removing the last id is no conflict */
	if ((!o || cJSON_IsArray(o)) && (!t || cJSON_IsArray(t)) && (!b || cJSON_IsArray(b)) && (o || t))
		return merge_arrays(out, m, field, b, o, t);
	return conflict(out, m, field, o, t);
}

int samv_merge_json(cJSON **out, const cJSON *base, const cJSON *ours, const cJSON *theirs,
		    enum samv_favor favor, struct samv_conflicts *c, const char *file)
{
	struct merge m = { favor, c, file };

	return merge_value(out, &m, "", base, ours, theirs);
}

static int parse_side(cJSON **out, const char *text, size_t len, const char *path, const char *side)
{
	struct samv_pos pos;

	*out = NULL;
	if (!text)
		return 0;
	if (samv_json_parse(out, text, len, &pos) < 0)
		return samv_error_set(SAMV_EINVAL, "%s: %s version, %d:%d: %s", path, side, pos.line, pos.col,
				      samv_error_last());
	return 0;
}

static bool same_text(const char *a, size_t alen, const char *b, size_t blen)
{
	if (!a || !b)
		return a == b;
	return alen == blen && !memcmp(a, b, alen);
}

static int keep_text(struct samv_buf *out, bool *deleted, const char *text, size_t len)
{
	out->len = 0;
	*deleted = !text;
	return text ? samv_buf_put(out, text, len) : 0;
}

int samv_merge_record(struct samv_buf *out, bool *deleted, const char *path, const struct samv_side *base,
		      const struct samv_side *ours, const struct samv_side *theirs, enum samv_favor favor,
		      struct samv_conflicts *c)
{
	const struct samv_type *type = samv_type_of_path(path);
	cJSON *b = NULL, *o = NULL, *t = NULL, *res = NULL;
	int rc;

	/* a side unchanged: the other side's text, byte for byte */
	if (same_text(ours->text, ours->len, theirs->text, theirs->len) ||
	    same_text(base->text, base->len, theirs->text, theirs->len))
		return keep_text(out, deleted, ours->text, ours->len);
	if (same_text(base->text, base->len, ours->text, ours->len))
		return keep_text(out, deleted, theirs->text, theirs->len);
	if ((rc = parse_side(&b, base->text, base->len, path, "the common")) < 0 ||
	    (rc = parse_side(&o, ours->text, ours->len, path, "our")) < 0 ||
	    (rc = parse_side(&t, theirs->text, theirs->len, path, "their")) < 0)
		goto out;
	if (type == samv_type_find("meeting") && (rc = samv_meeting_merge_sequence(b, o, t)) < 0)
		goto out;
	if ((rc = samv_merge_json(&res, b, o, t, favor, c, path)) < 0)
		goto out;
	/* fields worked out from others follow the merged values */
	if (res && type == samv_type_find("meeting") && (rc = samv_meeting_derive(res)) < 0)
		goto out;
	out->len = 0;
	*deleted = !res;
	if (res)
		rc = type ? samv_record_format(out, type, res) : samv_json_print(out, res);
out:
	cJSON_Delete(b);
	cJSON_Delete(o);
	cJSON_Delete(t);
	cJSON_Delete(res);
	return rc;
}

void samv_conflict_print(FILE *f, const char *prog, const struct samv_conflict *k, const char *theirs)
{
	const struct samv_type *t = samv_type_of_path(k->file);
	char id[SAMV_ID_MAX + 1];

	if (t && t != samv_type_repository() && samv_path_id(k->file, id))
		fprintf(f, _("%s: conflict in %s %s (%s): "), prog, samv_type_the(t), id, k->file);
	else
		fprintf(f, _("%s: conflict in %s: "), prog, k->file);
	if (!t && !*k->field && k->ours && k->theirs) {
		fprintf(f, _("changed here and in %s, not a record (merge it with git, or use --ours or --theirs)\n"),
			theirs);
		return;
	}
	if (!*k->field && (!k->ours || !k->theirs))
		/* TRANSLATORS: "changed here, deleted in the other branch" */
		fprintf(f, _("%s here, %s in %s\n"), k->ours ? _("changed") : _("deleted"),
			k->theirs ? _("changed") : _("deleted"), theirs);
	else
		/* TRANSLATORS: "FIELD: yours VALUE, BRANCH's VALUE" */
		fprintf(f, _("%s: yours %s, %s's %s\n"), *k->field ? k->field : _("the record"),
			k->ours ? k->ours : _("(absent)"), theirs, k->theirs ? k->theirs : _("(absent)"));
}
