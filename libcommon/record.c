/* record.c - one record: its canonical text and its validation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

const char *samv_record_str(const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);

	/* "" is absent, as the canonical writer leaves it out: a rule checked
	 * on the record must hold for the record as it is written */
	return cJSON_IsString(v) && v->valuestring[0] ? v->valuestring : NULL;
}

/* The most fields a type may have for match_fields to serve it. */
#define MATCH_MAX 64

/* rec's members (rec an object) by t's fields: by[i] the first member
 * named as field i, as cJSON_GetObjectItemCaseSensitive finds it, or
 * NULL; *unknown counts the members named as no field.  One pass over
 * both for a record written in its fields' order (each member's field
 * is looked for from the last one's on), instead of a walk of the
 * members for each field.  False when t has too many fields: the
 * caller looks each one up. */
static bool match_fields(const struct samv_type *t, const cJSON *rec, const cJSON **by, size_t *unknown)
{
	const cJSON *m;
	size_t at = 0, k, i = 0, n = t->nfields;

	*unknown = 0;
	if (n > MATCH_MAX)
		return false;
	memset(by, 0, n * sizeof(*by));
	for (m = rec->child; m; m = m->next) {
		if (!m->string)
			continue;
		for (k = 0; k < n; k++) {
			i = at + k < n ? at + k : at + k - n;
			if (!strcmp(t->fields[i].name, m->string))
				break;
		}
		if (k == n) {
			++*unknown;
			continue;
		}
		at = i + 1 < n ? i + 1 : 0;
		if (!by[i])
			by[i] = m;
	}
	return true;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int put_object(struct samv_buf *b, const struct samv_type *t, const cJSON *rec, int indent);

static int put_spaces(struct samv_buf *b, int n)
{
	return samv_buf_spaces(b, n);
}

/* prefix then name into out, cut as snprintf would */
static void join_name(char *out, size_t sz, const char *prefix, const char *name)
{
	size_t lp = strlen(prefix), ln = strlen(name);

	if (lp > sz - 1)
		lp = sz - 1;
	memcpy(out, prefix, lp);
	if (ln > sz - 1 - lp)
		ln = sz - 1 - lp;
	memcpy(out + lp, name, ln);
	out[lp + ln] = '\0';
}

/* Sets are written sorted, one item a line, so diffs and merges stay small;
 * lists (an agenda) and lists of objects keep their order. */
static int put_value(struct samv_buf *b, const struct samv_field *f, const cJSON *v, int indent)
{
	const struct samv_type *sub = f && f->kind == SAMV_F_OBJS ? samv_subtype_find(f->ref) : NULL;
	const char **items = NULL;
	const cJSON *it;
	size_t n = 0, i;
	int rc = SAMV_ERROR;

	if (cJSON_IsString(v))
		return samv_json_put_string(b, v->valuestring);
	if (cJSON_IsBool(v))
		return samv_buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v))
		return samv_json_put_number(b, v->valuedouble);
	if (sub && cJSON_IsArray(v)) {
		if (samv_buf_puts(b, "[\n") < 0)
			return SAMV_ERROR;
		cJSON_ArrayForEach(it, v) {
			if (put_spaces(b, indent + 4) < 0 || put_object(b, sub, it, indent + 4) < 0 ||
			    samv_buf_puts(b, it->next ? ",\n" : "\n") < 0)
				return SAMV_ERROR;
		}
		return put_spaces(b, indent + 2) < 0 ? SAMV_ERROR : samv_buf_puts(b, "]");
	}
	cJSON_ArrayForEach(it, v)
		if (!cJSON_IsString(it))
			break;
	if (!cJSON_IsArray(v) || it)
		return samv_json_print_value(b, v, indent / 2 + 1);
	items = calloc((size_t)cJSON_GetArraySize(v) + 1, sizeof(*items));
	if (!items)
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(it, v)
		if (cJSON_IsString(it))
			items[n++] = it->valuestring;
	if (f && (f->kind == SAMV_F_REFS || f->kind == SAMV_F_KEYS))
		qsort(items, n, sizeof(*items), cmp_str);
	if (samv_buf_puts(b, "[\n") < 0)
		goto out;
	for (i = 0; i < n; i++) {
		if (put_spaces(b, indent + 4) < 0 || samv_json_put_string(b, items[i]) < 0 ||
		    samv_buf_puts(b, i + 1 < n ? ",\n" : "\n") < 0)
			goto out;
	}
	rc = put_spaces(b, indent + 2) < 0 ? SAMV_ERROR : samv_buf_puts(b, "]");
out:
	free(items);
	return rc;
}

static bool omitted(const cJSON *v)
{
	return !v || cJSON_IsNull(v) || (cJSON_IsString(v) && !v->valuestring[0]) ||
	       (cJSON_IsArray(v) && cJSON_GetArraySize(v) == 0);
}

/* ",\n" unless first, the indentation and "key": of a schema's field
 * put at once: its name is plain (lower case, digits, '_', '-': nothing
 * to escape; test_record.c checks every type's), and a cold samv-check
 * formats every member of every record */
static int put_field_key(struct samv_buf *b, bool first, const char *key, int indent)
{
	char head[128];
	size_t k = strlen(key), n = 0;

	if ((size_t)indent + k + 8 > sizeof(head))
		return samv_buf_puts(b, first ? "" : ",\n") < 0 || put_spaces(b, indent) < 0 ||
			       samv_json_put_string(b, key) < 0 || samv_buf_puts(b, ": ") < 0
		       ? SAMV_ERROR
		       : 0;
	if (!first) {
		head[n++] = ',';
		head[n++] = '\n';
	}
	memset(head + n, ' ', (size_t)indent);
	n += (size_t)indent;
	head[n++] = '"';
	memcpy(head + n, key, k);
	n += k;
	memcpy(head + n, "\": ", 3);
	return samv_buf_put(b, head, n + 3);
}

static int put_member(struct samv_buf *b, bool *first, const struct samv_field *f,
		      const char *key, const cJSON *v, int indent)
{
	if (omitted(v))
		return 0;
	if (f ? put_field_key(b, *first, key, indent + 2) < 0
	      : samv_buf_puts(b, *first ? "" : ",\n") < 0 || put_spaces(b, indent + 2) < 0 ||
			samv_json_put_string(b, key) < 0 || samv_buf_puts(b, ": ") < 0)
		return SAMV_ERROR;
	if (put_value(b, f, v, indent) < 0)
		return SAMV_ERROR;
	*first = false;
	return 0;
}

static int put_object(struct samv_buf *b, const struct samv_type *t, const cJSON *rec, int indent)
{
	const cJSON *v, *by[MATCH_MAX];
	bool first = true, matched;
	size_t i, unknown;

	if (!cJSON_IsObject(rec))
		return samv_json_print_value(b, rec, indent / 2);
	if (samv_buf_puts(b, "{\n") < 0)
		return SAMV_ERROR;
	matched = match_fields(t, rec, by, &unknown);
	for (i = 0; i < t->nfields; i++) {
		v = matched ? by[i] : cJSON_GetObjectItemCaseSensitive(rec, t->fields[i].name);
		if (put_member(b, &first, &t->fields[i], t->fields[i].name, v, indent) < 0)
			return SAMV_ERROR;
	}
	/* keys the type does not know keep their place at the end: validation
	 * reports them, formatting must not lose them */
	if (!matched || unknown)
		cJSON_ArrayForEach(v, rec)
			if (v->string && !samv_field_find(t, v->string) &&
			    put_member(b, &first, NULL, v->string, v, indent) < 0)
				return SAMV_ERROR;
	if (first)
		return samv_buf_puts(b, "}");
	return samv_buf_puts(b, "\n") < 0 || put_spaces(b, indent) < 0 ? SAMV_ERROR : samv_buf_puts(b, "}");
}

int samv_record_format(struct samv_buf *out, const struct samv_type *t, const cJSON *rec)
{
	out->len = 0;
	if (samv_buf_puts(out, "") < 0 || put_object(out, t, rec, 0) < 0)
		return SAMV_ERROR;
	return samv_buf_puts(out, "\n");
}

static const char *kind_name(enum samv_fkind k)
{
	switch (k) {
	case SAMV_F_BOOL: return "true or false";
	case SAMV_F_INT: return "a whole number";
	case SAMV_F_REFS: return "a list of ids";
	case SAMV_F_KEYS: return "a list of keys";
	case SAMV_F_LIST: return "a list of strings";
	case SAMV_F_OBJS: return "a list of objects";
	case SAMV_F_MAP: return "an object";
	default: return "a string";
	}
}

static void join_values(char *out, size_t sz, const char *const *values)
{
	size_t len = 0;

	out[0] = '\0';
	for (; *values && len < sz; values++)
		len += (size_t)snprintf(out + len, sz - len, "%s%s", len ? ", " : "", *values);
}

/* Where a field is written: found only when a problem is reported, as
 * most records have none and finding it scans the text. */
struct at {
	const char *text, *key;
};

static struct samv_pos at_pos(const struct at *at)
{
	return samv_json_locate(at->text, at->key);
}

static int check_string(struct samv_problems *pr, const char *path, const struct at *at,
			const struct samv_field *f, const char *name, const char *s)
{
	size_t len = strlen(s);
	const char *p;

	if (samv_utf8_invalid(s, len) >= 0)
		return samv_problem_add(pr, path, at_pos(at), "bad-text", "%s: invalid UTF-8", name);
	if (f->max && len > f->max)
		return samv_problem_add(pr, path, at_pos(at), "too-long", "%s: %zu bytes, at most %zu",
					name, len, f->max);
	if (samv_text_blank(s))
		return samv_problem_add(pr, path, at_pos(at), "blank", "%s: only white space, no text", name);
	/* control characters (an escape sequence) would reach terminals and
	 * mails: text keeps only newlines and tabs */
	for (p = s; *p; p++) {
		unsigned char c = (unsigned char)*p;

		if (f->kind == SAMV_F_STRING && (c < 0x20 || c == 0x7f))
			return samv_problem_add(pr, path, at_pos(at), "bad-text",
						"%s: one line of text, no control characters", name);
		if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
			return samv_problem_add(pr, path, at_pos(at), "bad-text",
						"%s: no control characters but newlines and tabs", name);
	}
	return 0;
}

static int check_set(struct samv_problems *pr, const char *path, const struct at *at,
		     const struct samv_field *f, const char *name, const cJSON *v)
{
	const cJSON *a, *b;
	int n = 0;

	cJSON_ArrayForEach(a, v) {
		n++;
		if (!cJSON_IsString(a))
			return samv_problem_add(pr, path, at_pos(at), "bad-type", "%s: items must be strings", name);
		if (f->kind == SAMV_F_LIST) {
			struct samv_field line = *f;
			size_t before = pr->n;

			line.kind = SAMV_F_STRING;
			line.max = 200;
			if (check_string(pr, path, at, &line, name, a->valuestring) < 0 || pr->n > before)
				return pr->n > before ? 0 : SAMV_ERROR;
		}
		if (f->kind == SAMV_F_REFS && samv_id_check(a->valuestring, f->opt) < 0)
			return samv_problem_add(pr, path, at_pos(at), "bad-id", "%s: %s", name, samv_error_last());
		if (f->kind == SAMV_F_KEYS &&
		    (strlen(a->valuestring) != 1 || a->valuestring[0] < 'a' || a->valuestring[0] > 'z'))
			return samv_problem_add(pr, path, at_pos(at), "bad-value",
						"%s: '%s' is not a purpose key (a single letter a-z)",
						name, a->valuestring);
		for (b = a->next; b; b = b->next)
			if (cJSON_IsString(b) && !strcmp(a->valuestring, b->valuestring))
				return samv_problem_add(pr, path, at_pos(at), "duplicate", "%s: '%s' is listed twice",
							name, a->valuestring);
	}
	if (f->max && (size_t)n > f->max)
		return samv_problem_add(pr, path, at_pos(at), "too-long", "%s: %d items, at most %zu", name, n, f->max);
	return 0;
}

static int validate_object(struct samv_problems *pr, const struct samv_type *t, const cJSON *rec,
			   const char *path, const char *text, const char *prefix);

/* A map's keys are short words (question keys); its values texts, or sets
 * of short words.  What the keys and values mean is the caller's rule. */
static int check_map(struct samv_problems *pr, const char *path, const struct at *at,
		     const struct samv_field *f, const char *name, const cJSON *v)
{
	struct samv_field text = *f;
	char sub[240];
	const cJSON *m, *it;
	const char *p;
	size_t before = pr->n;

	text.kind = SAMV_F_TEXT;
	cJSON_ArrayForEach(m, v) {
		for (p = m->string; *p; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
				break;
		if (*p || !m->string[0] || strlen(m->string) > 40)
			return samv_problem_add(pr, path, at_pos(at), "bad-value", "%s: '%s' is not a question key", name,
						m->string);
		snprintf(sub, sizeof(sub), "%.150s.%.40s", name, m->string);
		if (cJSON_IsString(m)) {
			if (!m->valuestring[0])
				return samv_problem_add(pr, path, at_pos(at), "bad-value", "%s: empty", sub);
			if (check_string(pr, path, at, &text, sub, m->valuestring) < 0)
				return SAMV_ERROR;
		} else if (cJSON_IsArray(m)) {
			cJSON_ArrayForEach(it, m)
				if (!cJSON_IsString(it))
					return samv_problem_add(pr, path, at_pos(at), "bad-type", "%s: items must be strings",
								sub);
		} else {
			return samv_problem_add(pr, path, at_pos(at), "bad-type", "%s: must be a string or a list of strings",
						sub);
		}
		if (pr->n > before)
			return 0;
	}
	return 0;
}

/* "name[i]." into out, as snprintf would write it (a printf for each
 * object of a list cost more than checking it) */
static void index_name(char *out, size_t sz, const char *name, int i)
{
	char num[16];
	size_t n = sizeof(num);
	unsigned u = i < 0 ? 0u - (unsigned)i : (unsigned)i;

	num[--n] = '\0';
	num[--n] = '.';
	num[--n] = ']';
	do
		num[--n] = (char)('0' + u % 10);
	while ((u /= 10));
	if (i < 0)
		num[--n] = '-';
	num[--n] = '[';
	join_name(out, sz, name, num + n);
}

/* Each object of a list of objects is checked against its subtype, its
 * problems named "attended[2].person". */
static int check_objs(struct samv_problems *pr, const char *path, const char *text,
		      const struct samv_field *f, const char *name, const cJSON *v)
{
	const struct samv_type *sub = samv_subtype_find(f->ref);
	char prefix[240];
	const cJSON *it;
	int i = 0;

	if (f->max && (size_t)cJSON_GetArraySize(v) > f->max)
		return samv_problem_add(pr, path, samv_json_locate(text, f->name), "too-long",
					"%s: %d items, at most %zu", name, cJSON_GetArraySize(v), f->max);
	cJSON_ArrayForEach(it, v) {
		index_name(prefix, sizeof(prefix), name, ++i);
		if (!cJSON_IsObject(it)) {
			if (samv_problem_add(pr, path, samv_json_locate(text, f->name), "bad-type",
					     "%s[%d]: must be an object", name, i) < 0)
				return SAMV_ERROR;
			continue;
		}
		if (sub && validate_object(pr, sub, it, path, text, prefix) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

static int check_field(struct samv_problems *pr, const char *path, const char *text,
		       const struct samv_field *f, const char *name, const cJSON *v, const char *own_id)
{
	const struct at here = { text, f->name }, *at = &here;
	char list[256];
	const char *const *e;
	bool want_array = f->kind == SAMV_F_REFS || f->kind == SAMV_F_KEYS || f->kind == SAMV_F_LIST ||
			  f->kind == SAMV_F_OBJS;

	if ((f->kind == SAMV_F_BOOL && !cJSON_IsBool(v)) ||
	    (f->kind == SAMV_F_INT && !cJSON_IsNumber(v)) ||
	    (f->kind == SAMV_F_MAP && !cJSON_IsObject(v)) ||
	    (want_array && !cJSON_IsArray(v)) ||
	    (!want_array && f->kind != SAMV_F_BOOL && f->kind != SAMV_F_INT && f->kind != SAMV_F_MAP &&
	     !cJSON_IsString(v)))
		return samv_problem_add(pr, path, at_pos(at), "bad-type", "%s: must be %s", name, kind_name(f->kind));
	switch (f->kind) {
	case SAMV_F_STRING:
	case SAMV_F_TEXT:
		return check_string(pr, path, at, f, name, v->valuestring);
	case SAMV_F_ENUM:
		for (e = f->values; *e; e++)
			if (!strcmp(*e, v->valuestring))
				return 0;
		join_values(list, sizeof(list), f->values);
		return samv_problem_add(pr, path, at_pos(at), "bad-value", "%s: '%s' is not one of %s",
					name, v->valuestring, list);
	case SAMV_F_INT:
		if (v->valuedouble != floor(v->valuedouble) || fabs(v->valuedouble) > 1e9)
			return samv_problem_add(pr, path, at_pos(at), "bad-type", "%s: must be a whole number", name);
		return 0;
	case SAMV_F_DATE:
		if (samv_date_check(v->valuestring) < 0)
			return samv_problem_add(pr, path, at_pos(at), "bad-date", "%s: %s", name, samv_error_last());
		return 0;
	case SAMV_F_ID:
	case SAMV_F_REF:
		if (samv_id_check(v->valuestring, name) < 0)
			return samv_problem_add(pr, path, at_pos(at), "bad-id", "%s", samv_error_last());
		if (f->kind == SAMV_F_REF && own_id && !strcmp(own_id, v->valuestring))
			return samv_problem_add(pr, path, at_pos(at), "bad-ref", "%s: a record cannot refer to itself",
						name);
		return 0;
	case SAMV_F_REFS:
	case SAMV_F_KEYS:
	case SAMV_F_LIST:
		return check_set(pr, path, at, f, name, v);
	case SAMV_F_OBJS:
		return check_objs(pr, path, text, f, name, v);
	case SAMV_F_TIME:
		if (samv_time_check(v->valuestring) < 0)
			return samv_problem_add(pr, path, at_pos(at), "bad-time", "%s: %s", name, samv_error_last());
		return 0;
	case SAMV_F_MAP:
		return check_map(pr, path, at, f, name, v);
	case SAMV_F_BOOL:
		return 0;
	}
	return 0;
}

static int validate_object(struct samv_problems *pr, const struct samv_type *t, const cJSON *rec,
			   const char *path, const char *text, const char *prefix)
{
	const struct samv_field *f;
	const char *own_id = prefix[0] ? NULL : samv_record_str(rec, "id");
	const cJSON *v, *by[MATCH_MAX];
	char name[200];
	size_t i, unknown;
	bool matched = match_fields(t, rec, by, &unknown);

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		join_name(name, sizeof(name), prefix, f->name);
		v = matched ? by[i] : cJSON_GetObjectItemCaseSensitive(rec, f->name);
		if (omitted(v)) {
			if ((f->flags & SAMV_FL_REQUIRED) &&
			    samv_problem_add(pr, path, samv_json_locate(text, f->name), "missing-field",
					     "%s: required", name) < 0)
				return SAMV_ERROR;
			continue;
		}
		if (check_field(pr, path, text, f, name, v, own_id) < 0)
			return SAMV_ERROR;
	}
	if (!matched || unknown)
		cJSON_ArrayForEach(v, rec)
			if (v->string && !samv_field_find(t, v->string) &&
			    samv_problem_add(pr, path, samv_json_locate(text, v->string), "unknown-field",
					     "'%s%s' is not a field of %s %s", prefix, v->string, t->name,
					     prefix[0] ? "entries" : "records") < 0)
				return SAMV_ERROR;
	return 0;
}

int samv_record_validate(struct samv_problems *pr, const struct samv_type *t,
			 const cJSON *rec, const char *path, const char *text)
{
	size_t before = pr->n;

	if (!cJSON_IsObject(rec))
		return samv_problem_add(pr, path, SAMV_POS_FILE, "bad-type",
					"a %s record must be a JSON object", t->name);
	if (validate_object(pr, t, rec, path, text, "") < 0)
		return SAMV_ERROR;
	/* rules across fields only make sense once each field is right */
	if (pr->n == before && t->check)
		return t->check(pr, rec, path, text);
	return 0;
}

int samv_record_refs(const struct samv_type *t, const cJSON *rec, samv_ref_fn fn, void *arg)
{
	const cJSON *v, *it;
	size_t i;
	int rc;

	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];
		const struct samv_type *target;

		/* only the fields that can hold a reference looked up */
		if (f->kind != SAMV_F_OBJS && f->kind != SAMV_F_REF && f->kind != SAMV_F_REFS)
			continue;
		if (!(v = cJSON_GetObjectItemCaseSensitive(rec, f->name)))
			continue;
		if (f->kind == SAMV_F_OBJS) {
			const struct samv_type *sub = samv_subtype_find(f->ref);

			cJSON_ArrayForEach(it, v)
				if (sub && cJSON_IsObject(it) && (rc = samv_record_refs(sub, it, fn, arg)) != 0)
					return rc;
			continue;
		}
		if (!(target = samv_type_find(f->ref)))
			continue;
		for (it = cJSON_IsArray(v) ? v->child : v; it; it = cJSON_IsArray(v) ? it->next : NULL)
			if (cJSON_IsString(it) && samv_id_check(it->valuestring, NULL) == 0 &&
			    (rc = fn(f, target, it->valuestring, arg)) != 0)
				return rc;
	}
	return 0;
}

int samv_field_value_check(const struct samv_field *f, const cJSON *v, const char *name)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	int rc = check_field(&pr, "", "", f, name, v, NULL);

	if (rc == 0 && pr.n)
		rc = samv_error_set_pair(SAMV_EINVAL, pr.v[0].msg, pr.v[0].text);
	samv_problems_free(&pr);
	return rc;
}
