/*
 * instrument.c - assessment instruments defined as data: the built-in ones
 * (libcommon/instruments/NAME.json, embedded at build time) and a
 * repository's own (instruments/NAME.json), which override or extend them.
 * A definition is checked whole before it is used, so the code that reads
 * it later can trust its shape.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "samv.h"

static const char *const subject_kinds[] = { "actor", "arena", "pair", "collaboration", NULL };

static bool in_list(const char *const *list, const char *s)
{
	for (; *list; list++)
		if (!strcmp(*list, s))
			return true;
	return false;
}

static const char *str(const cJSON *o, const char *key)
{
	return samv_record_str(o, key);
}

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* Keys of questions, choices and scale points: what users type. */
static bool good_key(const char *s)
{
	const char *p;

	if (!s || !*s || strlen(s) > 40)
		return false;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return false;
	return true;
}

static bool whole(const cJSON *n)
{
	return cJSON_IsNumber(n) && n->valuedouble == (double)(long)n->valuedouble && n->valuedouble > -1000 &&
	       n->valuedouble < 1000;
}

/* Only the keys listed may appear: a typo in a definition is caught. */
static int only_keys(const cJSON *o, const char *const *keys, const char *where)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, o)
		if (!in_list(keys, m->string))
			return samv_error_set(SAMV_EINVAL, "%s: unknown key '%s'", where, m->string);
	return 0;
}

/* "en" and "sv" texts, both required. */
static int texts(const cJSON *o, const char *where)
{
	if (!str(o, "en") || !*str(o, "en") || !str(o, "sv") || !*str(o, "sv"))
		return samv_error_set(SAMV_EINVAL, "%s: needs the texts \"en\" and \"sv\"", where);
	return 0;
}

static int check_scale(const cJSON *sc, const char *where)
{
	static const char *const keys[] = { "points", "neutral", NULL };
	static const char *const pkeys[] = { "key", "value", "en", "sv", NULL };
	const cJSON *pts = get(sc, "points"), *p, *q;
	char w[240];
	int i = 0;

	if (!cJSON_IsObject(sc))
		return samv_error_set(SAMV_EINVAL, "%s: must be an object", where);
	if (only_keys(sc, keys, where) < 0)
		return SAMV_EINVAL;
	if (!cJSON_IsArray(pts) || cJSON_GetArraySize(pts) < 2)
		return samv_error_set(SAMV_EINVAL, "%s: points: at least two points", where);
	if (get(sc, "neutral") && !whole(get(sc, "neutral")))
		return samv_error_set(SAMV_EINVAL, "%s: neutral: must be a whole number", where);
	cJSON_ArrayForEach(p, pts) {
		snprintf(w, sizeof(w), "%.100s: points[%d]", where, ++i);
		if (!cJSON_IsObject(p) || only_keys(p, pkeys, w) < 0)
			return samv_error_set(SAMV_EINVAL, "%s", cJSON_IsObject(p) ? samv_error_last() : "must be an object");
		if (!good_key(str(p, "key")))
			return samv_error_set(SAMV_EINVAL, "%s: key: a short word of a-z, 0-9, '-' or '_'", w);
		if (!whole(get(p, "value")))
			return samv_error_set(SAMV_EINVAL, "%s: value: must be a whole number", w);
		if (texts(p, w) < 0)
			return SAMV_EINVAL;
		for (q = pts->child; q != p; q = q->next)
			if (!strcmp(str(q, "key"), str(p, "key")))
				return samv_error_set(SAMV_EINVAL, "%s: key '%s' is used twice", w, str(p, "key"));
		if (p->prev && p != pts->child && get(p->prev, "value")->valuedouble >= get(p, "value")->valuedouble)
			return samv_error_set(SAMV_EINVAL, "%s: values must rise from the first point to the last", w);
	}
	return 0;
}

static int check_question(const cJSON *inst, const cJSON *q, const char *where)
{
	static const char *const keys[] = { "key", "group", "type", "scale", "choices", "note", "required",
					     "en", "sv", NULL };
	static const char *const types[] = { "scale", "choices", "text", NULL };
	static const char *const notes[] = { "required", "optional", "none", NULL };
	const char *type = str(q, "type"), *note = str(q, "note");
	const cJSON *c, *d;
	char w[240];
	int i = 0;

	if (!cJSON_IsObject(q))
		return samv_error_set(SAMV_EINVAL, "%s: must be an object", where);
	if (only_keys(q, keys, where) < 0)
		return SAMV_EINVAL;
	if (!good_key(str(q, "key")))
		return samv_error_set(SAMV_EINVAL, "%s: key: a short word of a-z, 0-9, '-' or '_'", where);
	if (!type || !in_list(types, type))
		return samv_error_set(SAMV_EINVAL, "%s: type: one of scale, choices, text", where);
	if (note && !in_list(notes, note))
		return samv_error_set(SAMV_EINVAL, "%s: note: one of required, optional, none", where);
	if (get(q, "group") && !good_key(str(q, "group")))
		return samv_error_set(SAMV_EINVAL, "%s: group: a short word of a-z, 0-9, '-' or '_'", where);
	if (get(q, "required") && !cJSON_IsBool(get(q, "required")))
		return samv_error_set(SAMV_EINVAL, "%s: required: true or false", where);
	if (texts(q, where) < 0)
		return SAMV_EINVAL;
	if (!strcmp(type, "scale") && (!str(q, "scale") || !get(get(inst, "scales"), str(q, "scale"))))
		return samv_error_set(SAMV_EINVAL, "%s: scale: must name one of the instrument's scales", where);
	if (strcmp(type, "scale") && get(q, "scale"))
		return samv_error_set(SAMV_EINVAL, "%s: scale: only for questions of type scale", where);
	if (strcmp(type, "choices") && get(q, "choices"))
		return samv_error_set(SAMV_EINVAL, "%s: choices: only for questions of type choices", where);
	if (!strcmp(type, "choices")) {
		static const char *const ckeys[] = { "key", "en", "sv", NULL };

		if (!cJSON_IsArray(get(q, "choices")) || !cJSON_GetArraySize(get(q, "choices")))
			return samv_error_set(SAMV_EINVAL, "%s: choices: at least one", where);
		cJSON_ArrayForEach(c, get(q, "choices")) {
			snprintf(w, sizeof(w), "%.100s: choices[%d]", where, ++i);
			if (!cJSON_IsObject(c))
				return samv_error_set(SAMV_EINVAL, "%s: must be an object", w);
			if (only_keys(c, ckeys, w) < 0)
				return SAMV_EINVAL;
			if (!good_key(str(c, "key")))
				return samv_error_set(SAMV_EINVAL, "%s: key: a short word of a-z, 0-9, '-' or '_'", w);
			if (texts(c, w) < 0)
				return SAMV_EINVAL;
			for (d = get(q, "choices")->child; d != c; d = d->next)
				if (!strcmp(str(d, "key"), str(c, "key")))
					return samv_error_set(SAMV_EINVAL, "%s: key '%s' is used twice", w, str(c, "key"));
		}
	}
	return 0;
}

static int check_summary(const cJSON *inst, const cJSON *s)
{
	static const char *const keys[] = { "method", "hinders", "base", "question", "disagree", "en", "sv", NULL };
	static const char *const methods[] = { "profile", "pairs", "stage", NULL };
	const char *m = str(s, "method");
	const cJSON *q;

	if (!cJSON_IsObject(s))
		return samv_error_set(SAMV_EINVAL, "summary: must be an object");
	if (only_keys(s, keys, "summary") < 0)
		return SAMV_EINVAL;
	if (!m || !in_list(methods, m))
		return samv_error_set(SAMV_EINVAL, "summary: method: one of profile, pairs, stage");
	if (texts(s, "summary") < 0)
		return SAMV_EINVAL;
	if (strcmp(m, "profile")) {
		q = samv_instrument_question(inst, str(s, "question"));
		if (!q || strcmp(str(q, "type"), "scale"))
			return samv_error_set(SAMV_EINVAL, "summary: question: must name a question of type scale");
	}
	if (get(s, "disagree") && (!whole(get(s, "disagree")) || get(s, "disagree")->valuedouble < 1))
		return samv_error_set(SAMV_EINVAL, "summary: disagree: a whole number, 1 or more");
	return 0;
}

int samv_instrument_check(const cJSON *inst)
{
	static const char *const keys[] = { "name", "title", "source", "subjects", "summary", "scales",
					    "questions", NULL };
	const cJSON *it, *q, *scales = get(inst, "scales");
	char w[240];
	int i = 0;

	if (!cJSON_IsObject(inst))
		return samv_error_set(SAMV_EINVAL, "an instrument must be a JSON object");
	if (only_keys(inst, keys, "instrument") < 0)
		return SAMV_EINVAL;
	if (!str(inst, "name") || samv_id_check(str(inst, "name"), "name") < 0)
		return samv_error_set(SAMV_EINVAL, "name: %s", str(inst, "name") ? samv_error_last() : "required");
	if (!cJSON_IsObject(get(inst, "title")) || texts(get(inst, "title"), "title") < 0)
		return samv_error_set(SAMV_EINVAL, "title: needs the texts \"en\" and \"sv\"");
	if (!str(inst, "source") || !*str(inst, "source"))
		return samv_error_set(SAMV_EINVAL, "source: required (where the instrument comes from)");
	if (!cJSON_IsArray(get(inst, "subjects")) || !cJSON_GetArraySize(get(inst, "subjects")))
		return samv_error_set(SAMV_EINVAL, "subjects: a list of actor, arena, pair, collaboration");
	cJSON_ArrayForEach(it, get(inst, "subjects"))
		if (!cJSON_IsString(it) || !in_list(subject_kinds, it->valuestring))
			return samv_error_set(SAMV_EINVAL, "subjects: a list of actor, arena, pair, collaboration");
	if (scales && !cJSON_IsObject(scales))
		return samv_error_set(SAMV_EINVAL, "scales: must be an object");
	cJSON_ArrayForEach(it, scales) {
		snprintf(w, 80, "scales: %.60s", it->string);
		if (!good_key(it->string))
			return samv_error_set(SAMV_EINVAL, "%s: a short word of a-z, 0-9, '-' or '_'", w);
		if (check_scale(it, w) < 0)
			return SAMV_EINVAL;
	}
	if (!cJSON_IsArray(get(inst, "questions")) || !cJSON_GetArraySize(get(inst, "questions")))
		return samv_error_set(SAMV_EINVAL, "questions: at least one");
	cJSON_ArrayForEach(it, get(inst, "questions")) {
		snprintf(w, 80, "questions[%d]", ++i);
		if (check_question(inst, it, w) < 0)
			return SAMV_EINVAL;
		for (q = get(inst, "questions")->child; q != it; q = q->next)
			if (!strcmp(str(q, "key"), str(it, "key")))
				return samv_error_set(SAMV_EINVAL, "%s: key '%s' is used twice", w, str(it, "key"));
	}
	return check_summary(inst, get(inst, "summary"));
}

int samv_instrument_parse(cJSON **out, const char *text, size_t len, const char *what)
{
	struct samv_pos pos;
	cJSON *inst = NULL;

	*out = NULL;
	if (samv_json_parse(&inst, text, len, &pos) < 0)
		return samv_error_set(SAMV_EINVAL, "%s:%d:%d: %s", what, pos.line, pos.col, samv_error_last());
	if (samv_instrument_check(inst) < 0) {
		cJSON_Delete(inst);
		return samv_error_set(SAMV_EINVAL, "%s: %s", what, samv_error_last());
	}
	*out = inst;
	return 0;
}

/* Replace the instrument of the same name in set, or add it. */
static void put_instrument(cJSON *set, cJSON *inst)
{
	cJSON *old;

	for (old = set->child; old; old = old->next)
		if (!strcmp(str(old, "name"), str(inst, "name"))) {
			cJSON_ReplaceItemViaPointer(set, old, inst);
			return;
		}
	cJSON_AddItemToArray(set, inst);
}

struct load {
	struct samv_view *v;
	cJSON *set;
	struct samv_problems *pr;
};

static int load_fn(const char *path, void *arg)
{
	struct load *l = arg;
	struct samv_buf text = SAMV_BUF_INIT;
	const char *p = path + (path[0] == '/'), *base = strrchr(p, '/');
	size_t n = strlen(p);
	cJSON *inst = NULL;
	int rc;

	/* only instruments/NAME.json; samv-check reports anything else */
	if (strncmp(p, "instruments/", 12) || strchr(p + 12, '/') || n < 18 || strcmp(p + n - 5, ".json"))
		return 0;
	if ((rc = samv_view_read(&text, l->v, p)) < 0)
		goto out;
	if ((rc = samv_instrument_parse(&inst, text.ptr, text.len, p)) == 0 &&
	    (strlen(base + 1) - 5 != strlen(str(inst, "name")) || strncmp(base + 1, str(inst, "name"), strlen(base + 1) - 5)))
		rc = samv_error_set(SAMV_EINVAL, "%s: name: '%s' is not the file's name", p, str(inst, "name"));
	if (rc < 0 && l->pr) {
		const char *msg = samv_error_last();
		size_t skip = strlen(p);

		/* the problem names the file itself; drop it from the message */
		if (!strncmp(msg, p, skip) && msg[skip] == ':')
			msg += skip + 1 + (msg[skip + 1] == ' ');
		rc = samv_problem_add(l->pr, p, SAMV_POS_FILE, "bad-instrument", "%s", msg);
		goto out;
	}
	if (rc == 0) {
		put_instrument(l->set, inst);
		inst = NULL;
	}
out:
	cJSON_Delete(inst);
	samv_buf_free(&text);
	return rc;
}

int samv_instruments_load(cJSON **out, struct samv_view *v, struct samv_problems *pr)
{
	struct load l = { v, NULL, pr };
	const struct samv_builtin *b;
	cJSON *inst;
	int rc = 0;

	*out = NULL;
	if (!(l.set = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (b = samv_builtin_instruments; b->name; b++) {
		char what[80];

		snprintf(what, sizeof(what), "built-in instrument %s", b->name);
		if ((rc = samv_instrument_parse(&inst, b->text, b->len, what)) < 0)
			goto out;
		put_instrument(l.set, inst);
	}
	if (v && (rc = samv_view_walk(v, "instruments", load_fn, &l)) < 0)
		goto out;
	*out = l.set;
	l.set = NULL;
out:
	cJSON_Delete(l.set);
	return rc;
}

const cJSON *samv_instrument_find(const cJSON *set, const char *name)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, set)
		if (name && !strcmp(str(it, "name"), name))
			return it;
	return NULL;
}

int samv_instrument_get(const cJSON **out, const cJSON *set, const char *name)
{
	struct samv_buf names = SAMV_BUF_INIT;
	const cJSON *it;
	int rc;

	if ((*out = samv_instrument_find(set, name)))
		return 0;
	cJSON_ArrayForEach(it, set)
		samv_buf_printf(&names, "%s%s", names.len ? ", " : "", str(it, "name"));
	rc = samv_error_set(SAMV_ENOTFOUND, "unknown instrument '%s' (instruments: %s)", name ? name : "",
			    names.ptr ? names.ptr : "none");
	samv_buf_free(&names);
	return rc;
}

const cJSON *samv_instrument_question(const cJSON *inst, const char *key)
{
	const cJSON *q;

	cJSON_ArrayForEach(q, get(inst, "questions"))
		if (key && !strcmp(str(q, "key"), key))
			return q;
	return NULL;
}

const cJSON *samv_instrument_scale(const cJSON *inst, const cJSON *q)
{
	return str(q, "scale") ? get(get(inst, "scales"), str(q, "scale")) : NULL;
}

const cJSON *samv_instrument_point(const cJSON *inst, const cJSON *q, const char *given)
{
	const cJSON *p, *sc = samv_instrument_scale(inst, q);
	char num[16];

	cJSON_ArrayForEach(p, get(sc, "points"))
		if (given && !strcmp(str(p, "key"), given))
			return p;
	/* a scale point may also be given by its number */
	cJSON_ArrayForEach(p, get(sc, "points")) {
		snprintf(num, sizeof(num), "%d", (int)get(p, "value")->valuedouble);
		if (given && !strcmp(num, given))
			return p;
	}
	/* or by its label in either language, as coordinators say it ("samsyn") */
	cJSON_ArrayForEach(p, get(sc, "points"))
		if (given && ((str(p, "sv") && !strcasecmp(str(p, "sv"), given)) ||
			      (str(p, "en") && !strcasecmp(str(p, "en"), given))))
			return p;
	return NULL;
}

const char *samv_instrument_text(const cJSON *o, const char *lang)
{
	const char *s = str(o, lang && !strcmp(lang, "sv") ? "sv" : "en");

	return s ? s : "";
}

bool samv_subject_kind_ok(const char *kind)
{
	return kind && in_list(subject_kinds, kind);
}
