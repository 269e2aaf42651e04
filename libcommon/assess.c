/*
 * assess.c - assessments made with an instrument: their rules, and the
 * trend of a subject (the pairs of the levels instrument are read out in
 * levels.c).  The figures are ordinal: answers are compared by their place
 * on the scale, never added up or averaged.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

static const cJSON *get(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static const char *str(const cJSON *o, const char *key)
{
	return samv_record_str(o, key);
}

int samv_assessment_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *kind = str(rec, "subject_kind"), *actor = str(rec, "actor"), *partner = str(rec, "partner");
	const char *arena = str(rec, "arena"), *why = NULL;

	if (!kind)
		return 0;
	if (!strcmp(kind, "actor") && (!actor || partner))
		why = "subject_kind: an actor assessment names the actor and no partner";
	else if (!strcmp(kind, "arena") && (!arena || actor || partner))
		why = "subject_kind: an arena assessment names the arena and no actor or partner";
	else if (!strcmp(kind, "pair") && (!actor || !partner))
		why = "subject_kind: a pair assessment names the actor and its partner";
	else if (!strcmp(kind, "pair") && !strcmp(actor, partner))
		why = "partner: a pair is two different actors";
	else if (!strcmp(kind, "collaboration") && (actor || partner || arena))
		why = "subject_kind: the collaboration as a whole names no actor, partner or arena";
	/* the position only when there is a problem: finding it scans the text */
	return why ? samv_problem_add(pr, path, samv_json_locate(text, "subject_kind"), "bad-subject", "%s", why) : 0;
}

static void join_keys(struct samv_buf *b, const cJSON *list)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list)
		samv_buf_printf(b, "%s%s", b->len ? ", " : "", str(it, "key"));
}

static int check_answer(const cJSON *inst, const cJSON *q, const cJSON *a)
{
	const char *type = str(q, "type"), *key = str(q, "key");
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *it, *c, *d;
	int rc = 0;

	if (!strcmp(type, "scale")) {
		if (!cJSON_IsString(a))
			return samv_error_set(SAMV_EINVAL, "answers: %s: a point of the scale", key);
		if (samv_instrument_point(inst, q, a->valuestring) &&
		    !strcmp(str(samv_instrument_point(inst, q, a->valuestring), "key"), a->valuestring))
			return 0;
		join_keys(&b, get(samv_instrument_scale(inst, q), "points"));
		rc = samv_error_set(SAMV_EINVAL, "answers: %s: '%s' is not on the scale (%s)", key, a->valuestring,
				    b.ptr);
	} else if (!strcmp(type, "choices")) {
		if (!cJSON_IsArray(a))
			return samv_error_set(SAMV_EINVAL, "answers: %s: a list of choices", key);
		cJSON_ArrayForEach(it, a) {
			for (c = get(q, "choices")->child; c; c = c->next)
				if (cJSON_IsString(it) && !strcmp(str(c, "key"), it->valuestring))
					break;
			if (!c) {
				join_keys(&b, get(q, "choices"));
				rc = samv_error_set(SAMV_EINVAL, "answers: %s: '%s' is not one of %s", key,
						    cJSON_IsString(it) ? it->valuestring : "?", b.ptr);
				break;
			}
			for (d = a->child; d != it; d = d->next)
				if (!strcmp(d->valuestring, it->valuestring)) {
					rc = samv_error_set(SAMV_EINVAL, "answers: %s: '%s' is given twice", key,
							    it->valuestring);
					goto out;
				}
		}
	} else if (!cJSON_IsString(a) || !a->valuestring[0]) {
		rc = samv_error_set(SAMV_EINVAL, "answers: %s: a text", key);
	}
out:
	samv_buf_free(&b);
	return rc;
}

int samv_assessment_fits(const cJSON *inst, const cJSON *rec)
{
	const char *kind = str(rec, "subject_kind"), *name = str(inst, "name");
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	struct samv_buf b = SAMV_BUF_INIT;
	const cJSON *it;
	bool ok = false;
	int rc;

	/* the subject's shape first: it says more than the answers would */
	if ((rc = samv_assessment_check(&pr, rec, "", NULL)) == 0 && pr.n)
		rc = samv_error_set_pair(SAMV_EINVAL, pr.v[0].msg, pr.v[0].text);
	samv_problems_free(&pr);
	if (rc < 0)
		return rc;
	cJSON_ArrayForEach(it, get(inst, "subjects"))
		if (kind && !strcmp(it->valuestring, kind))
			ok = true;
	if (!ok) {
		cJSON_ArrayForEach(it, get(inst, "subjects"))
			samv_buf_printf(&b, "%s%s", b.len ? ", " : "", it->valuestring);
		rc = samv_error_set(SAMV_EINVAL, "instrument '%s' assesses %s, not %s", name, b.ptr,
				    kind ? kind : "nothing");
		samv_buf_free(&b);
		return rc;
	}
	return 0;
}

int samv_assessment_validate(const cJSON *inst, const cJSON *rec)
{
	const cJSON *answers = get(rec, "answers"), *notes = get(rec, "notes"), *a, *q;
	const char *name = str(inst, "name");

	if (samv_assessment_fits(inst, rec) < 0)
		return SAMV_EINVAL;
	if (answers && !cJSON_IsObject(answers))
		return samv_error_set(SAMV_EINVAL, "answers: must be an object");
	cJSON_ArrayForEach(a, answers) {
		if (!(q = samv_instrument_question(inst, a->string)))
			return samv_error_set(SAMV_EINVAL, "answers: unknown question '%s' (see samv-assess instrument %s)",
					      a->string, name);
		if (check_answer(inst, q, a) < 0)
			return SAMV_EINVAL;
	}
	cJSON_ArrayForEach(a, notes) {
		if (!(q = samv_instrument_question(inst, a->string)))
			return samv_error_set(SAMV_EINVAL, "notes: unknown question '%s' (see samv-assess instrument %s)",
					      a->string, name);
		if (str(q, "note") && !strcmp(str(q, "note"), "none"))
			return samv_error_set(SAMV_EINVAL, "notes: %s: this question takes no note", a->string);
		if (!cJSON_IsString(a) || !a->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "notes: %s: a text", a->string);
	}
	cJSON_ArrayForEach(q, get(inst, "questions")) {
		const char *key = str(q, "key"), *note = str(q, "note");

		if (!get(answers, key)) {
			if (cJSON_IsTrue(get(q, "required")))
				return samv_error_set(SAMV_EINVAL, "answers: %s: required", key);
			continue;
		}
		if (note && !strcmp(note, "required") && !str(notes, key))
			return samv_error_set(SAMV_EINVAL,
					      "notes: %s: an answer needs its note, the model is qualitative "
					      "(--note %s=TEXT)", key, key);
	}
	if (!cJSON_GetArraySize(answers))
		return samv_error_set(SAMV_EINVAL, "answers: none given");
	return 0;
}

/* Members of obj in the order of the instrument's questions; anything else
 * stays at the end (validation has refused it already). */
static void reorder(cJSON *obj, const cJSON *inst)
{
	const cJSON *q;
	cJSON *it;

	if (!cJSON_IsObject(obj))
		return;
	cJSON_ArrayForEach(q, get(inst, "questions"))
		if ((it = cJSON_DetachItemFromObjectCaseSensitive(obj, str(q, "key"))))
			cJSON_AddItemToObject(obj, it->string, it);
}

int samv_assessment_subject(struct samv_buf *out, const cJSON *rec)
{
	const char *kind = str(rec, "subject_kind");

	if (!kind)
		return samv_buf_puts(out, "?");
	if (!strcmp(kind, "arena"))
		return samv_buf_printf(out, "arena %s", str(rec, "arena"));
	if (!strcmp(kind, "actor"))
		return samv_buf_printf(out, "actor %s", str(rec, "actor"));
	if (!strcmp(kind, "pair"))
		return samv_buf_printf(out, "pair %s %s", str(rec, "actor"), str(rec, "partner"));
	return samv_buf_puts(out, "collaboration");
}

int samv_assessment_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	struct samv_buf subj = SAMV_BUF_INIT;
	const cJSON *inst;
	cJSON *set = NULL;
	int rc;

	(void)old;
	if ((rc = samv_instruments_load(&set, samv_txn_view(t), NULL)) < 0 ||
	    (rc = samv_instrument_get(&inst, set, str(rec, "instrument"))) < 0)
		goto out;
	/* an assessment says how things were: it cannot be made ahead */
	if ((rc = samv_assessment_validate(inst, rec)) < 0 || (rc = samv_date_past(str(rec, "date"), "date")) < 0)
		goto out;
	reorder(cJSON_GetObjectItemCaseSensitive(rec, "answers"), inst);
	reorder(cJSON_GetObjectItemCaseSensitive(rec, "notes"), inst);
	/* staged here so the record's own trailers come first */
	if ((rc = samv_txn_put_record(t, samv_type_find("assessment"), rec)) < 0 ||
	    (rc = samv_assessment_subject(&subj, rec)) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Instrument", str(rec, "instrument"))) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Subject", subj.ptr)) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Date", str(rec, "date"))) < 0)
		goto out;
out:
	samv_buf_free(&subj);
	cJSON_Delete(set);
	return rc;
}

bool samv_assessment_about(const cJSON *rec, const char *kind, const char *id, const char *partner)
{
	const char *k = str(rec, "subject_kind");

	if (!k || strcmp(k, kind))
		return false;
	if (!strcmp(kind, "arena"))
		return id && str(rec, "arena") && !strcmp(str(rec, "arena"), id);
	if (!strcmp(kind, "actor"))
		return id && str(rec, "actor") && !strcmp(str(rec, "actor"), id);
	if (!strcmp(kind, "pair"))
		return id && partner && str(rec, "actor") && str(rec, "partner") && !strcmp(str(rec, "actor"), id) &&
		       !strcmp(str(rec, "partner"), partner);
	return true;
}

/* Assessments sort by date, then id: the order of the trend. */
static int by_date(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	int c = strcmp(str(x, "date"), str(y, "date"));

	return c ? c : strcmp(str(x, "id"), str(y, "id"));
}

/* The assessments of all with instrument name about the subject (any
 * subject of the kind when id is NULL, any at all when kind is NULL),
 * oldest first; *n their number. */
static const cJSON **select_sorted(size_t *n, const cJSON *all, const char *name, const char *kind, const char *id,
				   const char *partner)
{
	const cJSON **v = calloc((size_t)cJSON_GetArraySize(all) + 1, sizeof(*v));
	const cJSON *rec;

	*n = 0;
	if (!v)
		return NULL;
	cJSON_ArrayForEach(rec, all)
		if (str(rec, "date") && str(rec, "id") && str(rec, "instrument") &&
		    !strcmp(str(rec, "instrument"), name) &&
		    (!kind || (id ? samv_assessment_about(rec, kind, id, partner)
				  : str(rec, "subject_kind") && !strcmp(str(rec, "subject_kind"), kind))))
			v[(*n)++] = rec;
	qsort(v, *n, sizeof(*v), by_date);
	return v;
}

int samv_assess_trend(cJSON **out, const cJSON *inst, const cJSON *all, const char *kind, const char *id,
		      const char *partner, const char *lang)
{
	const cJSON **v = NULL, *q;
	cJSON *tr = NULL, *subj, *list, *qs;
	size_t n = 0, i;
	int rc = SAMV_ERROR;

	*out = NULL;
	if (!(v = select_sorted(&n, all, str(inst, "name"), kind, id, partner)) || !(tr = cJSON_CreateObject()) ||
	    !cJSON_AddStringToObject(tr, "instrument", str(inst, "name")) ||
	    !(subj = cJSON_AddObjectToObject(tr, "subject")) || !cJSON_AddStringToObject(subj, "kind", kind) ||
	    (id && !cJSON_AddStringToObject(subj, "id", id)) ||
	    (partner && !cJSON_AddStringToObject(subj, "partner", partner)) ||
	    !(list = cJSON_AddArrayToObject(tr, "assessments")) || !(qs = cJSON_AddArrayToObject(tr, "questions")))
		goto out;
	for (i = 0; i < n; i++) {
		cJSON *a = cJSON_CreateObject();

		if (!a || !cJSON_AddItemToArray(list, a) || !cJSON_AddStringToObject(a, "id", str(v[i], "id")) ||
		    !cJSON_AddStringToObject(a, "date", str(v[i], "date")) ||
		    (str(v[i], "assessed_by") && !cJSON_AddStringToObject(a, "assessed_by", str(v[i], "assessed_by"))))
			goto out;
	}
	cJSON_ArrayForEach(q, get(inst, "questions")) {
		const char *key = str(q, "key");
		cJSON *qo = cJSON_CreateObject(), *answers;

		if (!qo || !cJSON_AddItemToArray(qs, qo) || !cJSON_AddStringToObject(qo, "key", key) ||
		    !cJSON_AddStringToObject(qo, "type", str(q, "type")) ||
		    (str(q, "group") && !cJSON_AddStringToObject(qo, "group", str(q, "group"))) ||
		    !(answers = cJSON_AddArrayToObject(qo, "answers")))
			goto out;
		for (i = 0; i < n; i++) {
			const cJSON *ans = get(get(v[i], "answers"), key);
			const char *note = str(get(v[i], "notes"), key);
			const cJSON *pt = cJSON_IsString(ans) ? samv_instrument_point(inst, q, ans->valuestring) : NULL;
			cJSON *a;

			if (!ans) {
				if (!cJSON_AddItemToArray(answers, cJSON_CreateNull()))
					goto out;
				continue;
			}
			if (!(a = cJSON_CreateObject()) || !cJSON_AddItemToArray(answers, a))
				goto out;
			if (pt) {
				if (!cJSON_AddStringToObject(a, "key", str(pt, "key")) ||
				    !cJSON_AddNumberToObject(a, "value", get(pt, "value")->valuedouble) ||
				    !cJSON_AddStringToObject(a, "label", samv_instrument_text(pt, lang)))
					goto out;
			} else if (!cJSON_AddItemToObject(a, cJSON_IsArray(ans) ? "choices" : "text",
							  cJSON_Duplicate(ans, 1))) {
				goto out;
			}
			if (note && !cJSON_AddStringToObject(a, "note", note))
				goto out;
		}
	}
	*out = tr;
	tr = NULL;
	rc = 0;
out:
	if (rc < 0)
		samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_Delete(tr);
	free(v);
	return rc;
}

/* Eight heights for the places on a scale; the lowest is the first. */
static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };

static int put_bar(struct samv_buf *b, const cJSON *inst, const cJSON *q, const cJSON *a)
{
	const cJSON *pts = get(samv_instrument_scale(inst, q), "points"), *p;
	int n = cJSON_GetArraySize(pts), i = 0;

	if (cJSON_IsNull(a) || !str(a, "key"))
		return samv_buf_puts(b, "·");
	cJSON_ArrayForEach(p, pts) {
		if (!strcmp(str(p, "key"), str(a, "key")))
			break;
		i++;
	}
	return samv_buf_puts(b, bars[n > 1 ? i * 7 / (n - 1) : 0]);
}

/* An answer in words: a scale's label, the text, or the choices. */
static int put_answer(struct samv_buf *b, const cJSON *a)
{
	const cJSON *c;
	int rc = 0;

	if (str(a, "label"))
		return samv_buf_puts(b, str(a, "label"));
	if (str(a, "text"))
		return samv_buf_puts(b, str(a, "text"));
	cJSON_ArrayForEach(c, get(a, "choices"))
		rc |= samv_buf_printf(b, "%s%s", c == get(a, "choices")->child ? "" : " ", c->valuestring);
	return rc;
}

/* Under the chart, every rating of every question answered, oldest first,
 * each with its date and note: the figures never go without the words. */
static int put_ratings(struct samv_buf *out, const cJSON *trend, size_t w, const char *lang)
{
	const cJSON *list = get(trend, "assessments"), *qo, *a;
	struct samv_buf ans = SAMV_BUF_INIT;
	size_t lw = 0, i;
	int rc = 0;

	/* the answers' width, so the notes start in one column */
	cJSON_ArrayForEach(qo, get(trend, "questions")) {
		cJSON_ArrayForEach(a, get(qo, "answers")) {
			if (cJSON_IsNull(a))
				continue;
			if (strlen(str(qo, "key")) > w)
				w = strlen(str(qo, "key"));
			samv_buf_free(&ans);
			rc |= put_answer(&ans, a);
			if (ans.ptr && samv_utf8_width(ans.ptr) > lw)
				lw = samv_utf8_width(ans.ptr);
		}
	}
	rc |= samv_buf_printf(out, "  %s:\n", lang && !strcmp(lang, "sv") ? "svar och anteckningar" : "ratings and notes");
	cJSON_ArrayForEach(qo, get(trend, "questions")) {
		bool first = true;

		i = 0;
		cJSON_ArrayForEach(a, get(qo, "answers")) {
			const cJSON *as = cJSON_GetArrayItem(list, (int)i++);

			if (cJSON_IsNull(a))
				continue;
			samv_buf_free(&ans);
			rc |= put_answer(&ans, a);
			rc |= samv_buf_printf(out, "    %-*s  %s  %s", (int)w, first ? str(qo, "key") : "", str(as, "date"),
					      ans.ptr ? ans.ptr : "");
			if (str(a, "note"))
				rc |= samv_buf_printf(out, "%*s  %s", (int)(lw - samv_utf8_width(ans.ptr ? ans.ptr : "")),
						      "", str(a, "note"));
			rc |= samv_buf_puts(out, "\n");
			first = false;
		}
	}
	samv_buf_free(&ans);
	return rc;
}

int samv_assess_trend_chart(struct samv_buf *out, const cJSON *trend, const cJSON *inst, const char *lang)
{
	const cJSON *list = get(trend, "assessments"), *qo, *a, *first, *last;
	size_t w = 0, n = (size_t)cJSON_GetArraySize(list);
	int rc = 0;

	if (!n)
		return samv_buf_puts(out, "  no assessments\n");
	/* the rows are the scale questions answered at least once */
	cJSON_ArrayForEach(qo, get(trend, "questions")) {
		cJSON_ArrayForEach(a, get(qo, "answers"))
			if (!cJSON_IsNull(a))
				break;
		if (a && !strcmp(str(qo, "type"), "scale") && strlen(str(qo, "key")) > w)
			w = strlen(str(qo, "key"));
	}
	/* one column an assessment, headed by its year */
	rc |= samv_buf_printf(out, "  %-*s ", (int)w, "");
	cJSON_ArrayForEach(a, list)
		rc |= samv_buf_printf(out, " %.4s", str(a, "date"));
	rc |= samv_buf_puts(out, "\n");
	cJSON_ArrayForEach(qo, get(trend, "questions")) {
		const cJSON *q = samv_instrument_question(inst, str(qo, "key"));

		cJSON_ArrayForEach(a, get(qo, "answers"))
			if (!cJSON_IsNull(a))
				break;
		/* a question never answered has no line */
		if (strcmp(str(qo, "type"), "scale") || !a)
			continue;
		rc |= samv_buf_printf(out, "  %-*s ", (int)w, str(qo, "key"));
		first = last = NULL;
		cJSON_ArrayForEach(a, get(qo, "answers")) {
			rc |= samv_buf_puts(out, " ");
			rc |= put_bar(out, inst, q, a);
			rc |= samv_buf_puts(out, "   ");
			if (!cJSON_IsNull(a)) {
				if (!first)
					first = a;
				last = a;
			}
		}
		if (first && first != last)
			rc |= samv_buf_printf(out, " %s → %s", str(first, "label"), str(last, "label"));
		else if (first)
			rc |= samv_buf_printf(out, " %s", str(first, "label"));
		rc |= samv_buf_puts(out, "\n");
	}
	return rc | put_ratings(out, trend, w, lang) ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}

int samv_assess_trend_csv(struct samv_buf *out, const cJSON *trend, bool header)
{
	const cJSON *list = get(trend, "assessments"), *subj = get(trend, "subject"), *qo, *a;
	char num[16];
	int rc = 0, i;

	if (header)
		rc |= samv_buf_puts(out, "instrument,subject_kind,subject,partner,date,assessment,question,answer,value,"
					 "note\r\n");
	cJSON_ArrayForEach(qo, get(trend, "questions")) {
		i = 0;
		cJSON_ArrayForEach(a, get(qo, "answers")) {
			const cJSON *as = cJSON_GetArrayItem(list, i++);
			struct samv_buf ans = SAMV_BUF_INIT;
			const cJSON *c;

			if (cJSON_IsNull(a))
				continue;
			if (str(a, "key"))
				samv_buf_puts(&ans, str(a, "key"));
			else if (str(a, "text"))
				samv_buf_puts(&ans, str(a, "text"));
			else
				cJSON_ArrayForEach(c, get(a, "choices"))
					samv_buf_printf(&ans, "%s%s", ans.len ? " " : "", c->valuestring);
			if (get(a, "value"))
				snprintf(num, sizeof(num), "%d", (int)get(a, "value")->valuedouble);
			rc |= samv_csv_field(out, str(trend, "instrument"), true);
			rc |= samv_csv_field(out, str(subj, "kind"), false);
			rc |= samv_csv_field(out, str(subj, "id"), false);
			rc |= samv_csv_field(out, str(subj, "partner"), false);
			rc |= samv_csv_field(out, str(as, "date"), false);
			rc |= samv_csv_field(out, str(as, "id"), false);
			rc |= samv_csv_field(out, str(qo, "key"), false);
			rc |= samv_csv_field(out, ans.ptr ? ans.ptr : "", false);
			rc |= samv_csv_field(out, get(a, "value") ? num : NULL, false);
			rc |= samv_csv_field(out, str(a, "note"), false);
			rc |= samv_buf_puts(out, "\r\n");
			samv_buf_free(&ans);
		}
	}
	return rc < 0 ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}
