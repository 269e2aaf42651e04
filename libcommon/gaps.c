/*
 * gaps.c - the retrospective diagnosis the CROSS framework asks for, per
 * arena: where the arena stands (steps), which pieces of the base are
 * absent or were skipped, which factor hinders most, which member
 * organisations were never assessed or not for a long time, and which
 * pairs of members disagree about their relation (levels).
 *
 * The instruments are found by their summary's method, not their names, so
 * that a repository's own instrument takes part the same way.
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

static const char *method(const cJSON *inst)
{
	const char *m = str(get(inst, "summary"), "method");

	return m ? m : "";
}

/* The latest assessment of the subject with instrument inst, or NULL. */
static const cJSON *latest(const cJSON *all, const cJSON *inst, const char *kind, const char *id)
{
	const cJSON *rec, *best = NULL;

	cJSON_ArrayForEach(rec, all) {
		if (!str(rec, "instrument") || strcmp(str(rec, "instrument"), str(inst, "name")) ||
		    !samv_assessment_about(rec, kind, id, NULL) || !str(rec, "date"))
			continue;
		if (!best || strcmp(str(rec, "date"), str(best, "date")) > 0 ||
		    (!strcmp(str(rec, "date"), str(best, "date")) && strcmp(str(rec, "id"), str(best, "id")) > 0))
			best = rec;
	}
	return best;
}

/* The place of a question's answer on its scale, 0 the lowest; -1 when
 * there is none. */
static int place(const cJSON *inst, const cJSON *q, const cJSON *rec, const cJSON **pt)
{
	const cJSON *p, *pts = get(samv_instrument_scale(inst, q), "points");
	const char *ans = str(get(rec, "answers"), str(q, "key"));
	int i = 0;

	*pt = NULL;
	cJSON_ArrayForEach(p, pts) {
		if (ans && !strcmp(str(p, "key"), ans)) {
			*pt = p;
			return i;
		}
		i++;
	}
	return -1;
}

static bool in_group(const cJSON *q, const char *group)
{
	return group && str(q, "group") && !strcmp(str(q, "group"), group) && !strcmp(str(q, "type"), "scale");
}

static cJSON *add_str(cJSON *o, const char *key, const char *s)
{
	return s ? cJSON_AddStringToObject(o, key, s) : o;
}

/* Base pieces of the latest profile assessment of the arena: absent,
 * skipped (absent while a later piece is begun or established) and not
 * answered. */
static int base_gaps(cJSON *g, const cJSON *inst, const cJSON *rec)
{
	const char *group = str(get(inst, "summary"), "base");
	cJSON *absent = cJSON_AddArrayToObject(g, "absent"), *skipped = cJSON_AddArrayToObject(g, "skipped");
	cJSON *unanswered = cJSON_AddArrayToObject(g, "unanswered");
	const cJSON *q, *later, *pt;

	if (!absent || !skipped || !unanswered)
		return SAMV_ERROR;
	cJSON_ArrayForEach(q, get(inst, "questions")) {
		int at;

		if (!in_group(q, group))
			continue;
		if ((at = place(inst, q, rec, &pt)) < 0) {
			if (!cJSON_AddItemToArray(unanswered, cJSON_CreateString(str(q, "key"))))
				return SAMV_ERROR;
			continue;
		}
		if (at > 0)
			continue;
		for (later = q->next; later; later = later->next)
			if (in_group(later, group) && place(inst, later, rec, &pt) > 0)
				break;
		if (!cJSON_AddItemToArray(later ? skipped : absent, cJSON_CreateString(str(q, "key"))))
			return SAMV_ERROR;
	}
	return 0;
}

/* A factor rated below the scale's neutral point hinders. */
static bool hinders(const cJSON *inst, const cJSON *q, const cJSON *pt)
{
	const cJSON *neutral = get(samv_instrument_scale(inst, q), "neutral");

	return pt && cJSON_IsNumber(neutral) && get(pt, "value")->valuedouble < neutral->valuedouble;
}

/*
 * Which factor hinders most: among the latest profile assessments of the
 * arena and of its members, every rating below neutral is listed; the
 * factor with the lowest rating hinders most, and among equals the one
 * that hinders for the most of them.
 */
static int hinder_gaps(cJSON *g, const cJSON *inst, const cJSON *all, const cJSON *arena_rec,
		       const cJSON *members, const char *lang)
{
	const char *group = str(get(inst, "summary"), "hinders");
	cJSON *list = cJSON_AddArrayToObject(g, "hinders"), *most = NULL;
	const cJSON *q, *m, *pt;
	double best_value = 0;
	int best_count = 0;

	if (!list)
		return SAMV_ERROR;
	cJSON_ArrayForEach(q, get(inst, "questions")) {
		double low = 0;
		int count = 0;

		if (!in_group(q, group))
			continue;
		for (m = NULL;;) {
			const cJSON *rec = m ? latest(all, inst, "actor", m->valuestring) : arena_rec;
			cJSON *h;

			if (rec && (place(inst, q, rec, &pt), hinders(inst, q, pt))) {
				if (!(h = cJSON_CreateObject()) || !cJSON_AddItemToArray(list, h) ||
				    !add_str(h, "factor", str(q, "key")) || !add_str(h, "answer", str(pt, "key")) ||
				    !cJSON_AddNumberToObject(h, "value", get(pt, "value")->valuedouble) ||
				    !add_str(h, "label", samv_instrument_text(pt, lang)) ||
				    !add_str(h, "by", m ? m->valuestring : "arena") || !add_str(h, "date", str(rec, "date")) ||
				    !add_str(h, "assessment", str(rec, "id")) ||
				    !add_str(h, "note", str(get(rec, "notes"), str(q, "key"))))
					return SAMV_ERROR;
				if (!count++ || get(pt, "value")->valuedouble < low)
					low = get(pt, "value")->valuedouble;
			}
			m = m ? m->next : (members ? members->child : NULL);
			if (!m)
				break;
		}
		if (count && (!most || low < best_value || (low == best_value && count > best_count))) {
			cJSON_Delete(most);
			if (!(most = cJSON_CreateObject()) || !add_str(most, "factor", str(q, "key")) ||
			    !cJSON_AddNumberToObject(most, "lowest", low) || !cJSON_AddNumberToObject(most, "count", count)) {
				cJSON_Delete(most);
				return SAMV_ERROR;
			}
			best_value = low;
			best_count = count;
		}
	}
	if (most && !cJSON_AddItemToObject(g, "hinders_most", most)) {
		cJSON_Delete(most);
		return SAMV_ERROR;
	}
	return 0;
}

/* The date months before today (the day clamped to the month's end). */
static void months_before(char out[11], const char *today, int months)
{
	int y = atoi(today), m = atoi(today + 5), d = atoi(today + 8), t = y * 12 + (m - 1) - months;
	char tmp[48];

	y = t / 12;
	m = t % 12 + 1;
	for (; d >= 28; d--) {
		snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
		if (samv_date_check(tmp) == 0)
			break;
	}
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* Members never assessed, or last before the cut-off: assessments of the
 * organisation, and its ratings of partners, count. */
static int stale_members(cJSON *g, const cJSON *all, const cJSON *members, const char *cutoff)
{
	cJSON *list = cJSON_AddArrayToObject(g, "not_assessed");
	const cJSON *m, *rec;

	if (!list)
		return SAMV_ERROR;
	cJSON_ArrayForEach(m, members) {
		const char *last = NULL;
		cJSON *o;

		cJSON_ArrayForEach(rec, all) {
			const char *k = str(rec, "subject_kind"), *a = str(rec, "actor"), *d = str(rec, "date");

			if (k && a && d && (!strcmp(k, "actor") || !strcmp(k, "pair")) && !strcmp(a, m->valuestring) &&
			    (!last || strcmp(d, last) > 0))
				last = d;
		}
		if (last && strcmp(last, cutoff) >= 0)
			continue;
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(list, o) ||
		    !add_str(o, "actor", m->valuestring) ||
		    !cJSON_AddItemToObject(o, "last", last ? cJSON_CreateString(last) : cJSON_CreateNull()))
			return SAMV_ERROR;
	}
	return 0;
}

static int one_arena(cJSON *out, const cJSON *instruments, const cJSON *all, const cJSON *arena,
		     const struct samv_gaps_opts *o, const char *cutoff)
{
	const char *id = str(arena, "id");
	const cJSON *members = get(arena, "members"), *inst, *rec, *pt;
	cJSON *g = cJSON_CreateObject(), *dis = NULL, *none = NULL;
	int rc = 0;

	if (!g || !cJSON_AddItemToArray(out, g) || !add_str(g, "arena", id) || !add_str(g, "name", str(arena, "name")))
		return SAMV_ERROR;
	cJSON_ArrayForEach(inst, instruments) {
		const char *m = method(inst);

		if (!strcmp(m, "stage") && (rec = latest(all, inst, "arena", id))) {
			const cJSON *q = samv_instrument_question(inst, str(get(inst, "summary"), "question"));
			cJSON *s;

			if (place(inst, q, rec, &pt) >= 0 &&
			    (!(s = cJSON_AddObjectToObject(g, str(inst, "name"))) || !add_str(s, "step", str(pt, "key")) ||
			     !cJSON_AddNumberToObject(s, "value", get(pt, "value")->valuedouble) ||
			     !add_str(s, "label", samv_instrument_text(pt, o->lang)) ||
			     !add_str(s, "date", str(rec, "date")) || !add_str(s, "assessment", str(rec, "id"))))
				return SAMV_ERROR;
		}
		if (!strcmp(m, "profile")) {
			cJSON *p = cJSON_AddObjectToObject(g, str(inst, "name"));

			if (!p)
				return SAMV_ERROR;
			rec = latest(all, inst, "arena", id);
			if (rec && (!add_str(p, "assessment", str(rec, "id")) || !add_str(p, "date", str(rec, "date")) ||
				    base_gaps(p, inst, rec) < 0))
				return SAMV_ERROR;
			if (hinder_gaps(p, inst, all, rec, members, o->lang) < 0)
				return SAMV_ERROR;
		}
		if (!strcmp(m, "pairs")) {
			/* an arena without members has no pairs */
			if (!members && !(members = none = cJSON_CreateArray()))
				return SAMV_ERROR;
			rc = samv_assess_disagreements(&dis, inst, all, members);
			if (rc == 0 && !cJSON_AddItemToObject(g, "disagree", dis)) {
				cJSON_Delete(dis);
				rc = SAMV_ERROR;
			}
			if (none)
				members = NULL;
			cJSON_Delete(none);
			none = NULL;
			if (rc < 0)
				return rc;
		}
	}
	if (!members)
		return cJSON_AddArrayToObject(g, "not_assessed") ? 0 : SAMV_ERROR;
	return stale_members(g, all, members, cutoff);
}

int samv_assess_gaps(cJSON **out, const cJSON *instruments, struct samv_view *v, const struct samv_gaps_opts *o)
{
	cJSON *arenas = NULL, *all = NULL, *res = NULL;
	const cJSON *a;
	char cutoff[11];
	int rc;

	*out = NULL;
	months_before(cutoff, o->today, o->older_than);
	if ((rc = samv_record_load_all(&arenas, v, samv_type_find("arena"), NULL)) < 0 ||
	    (rc = samv_record_load_all(&all, v, samv_type_find("assessment"), NULL)) < 0)
		goto out;
	if (!(res = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_ArrayForEach(a, arenas) {
		if (o->arena ? strcmp(str(a, "id"), o->arena) != 0
			     : (str(a, "status") && !strcmp(str(a, "status"), "closed")))
			continue;
		if ((rc = one_arena(res, instruments, all, a, o, cutoff)) < 0) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
	}
	*out = res;
	res = NULL;
out:
	cJSON_Delete(res);
	cJSON_Delete(all);
	cJSON_Delete(arenas);
	return rc;
}

static void print_keys(FILE *f, const char *label, const cJSON *list)
{
	const cJSON *it;

	if (!cJSON_GetArraySize(list))
		return;
	fprintf(f, "    %-13s", label);
	cJSON_ArrayForEach(it, list)
		fprintf(f, "%s%s", it == list->child ? " " : ", ", it->valuestring);
	fputc('\n', f);
}

void samv_assess_gaps_print(FILE *f, const cJSON *gaps)
{
	const cJSON *g, *m, *it;

	cJSON_ArrayForEach(g, gaps) {
		fprintf(f, "%s%s  %s\n", g == gaps->child ? "" : "\n", str(g, "arena"), str(g, "name"));
		cJSON_ArrayForEach(m, g) {
			if (!cJSON_IsObject(m))
				continue;
			if (str(m, "step")) {
				if (strcmp(str(m, "step"), str(m, "label")))
					fprintf(f, "  %s: stands at %s (%s), %s\n", m->string, str(m, "step"),
						str(m, "label"), str(m, "date"));
				else
					fprintf(f, "  %s: stands at %s, %s\n", m->string, str(m, "step"), str(m, "date"));
				continue;
			}
			if (str(m, "date"))
				fprintf(f, "  %s: arena assessed %s\n", m->string, str(m, "date"));
			else
				fprintf(f, "  %s: arena never assessed\n", m->string);
			print_keys(f, "absent:", get(m, "absent"));
			print_keys(f, "skipped:", get(m, "skipped"));
			print_keys(f, "not answered:", get(m, "unanswered"));
			if (get(m, "hinders_most")) {
				const char *factor = str(get(m, "hinders_most"), "factor");
				int n = (int)get(get(m, "hinders_most"), "count")->valuedouble;

				fprintf(f, "    hinders most: %s (%d rating%s below neutral)\n", factor, n, n == 1 ? "" : "s");
				cJSON_ArrayForEach(it, get(m, "hinders"))
					if (!strcmp(str(it, "factor"), factor))
						fprintf(f, "      %s %s, %s: %s\n", str(it, "by"), str(it, "date"),
							str(it, "label"), str(it, "note") ? str(it, "note") : "(no note)");
			}
		}
		if (cJSON_GetArraySize(get(g, "disagree"))) {
			fprintf(f, "  disagree:\n");
			cJSON_ArrayForEach(it, get(g, "disagree"))
				fprintf(f, "    %s rates %s %s (%d), %s rates %s %s (%d)\n", str(it, "actor"),
					str(it, "partner"), str(it, "rating"), (int)get(it, "value")->valuedouble,
					str(it, "partner"), str(it, "actor"), str(it, "back"),
					(int)get(it, "back_value")->valuedouble);
		}
		if (cJSON_GetArraySize(get(g, "not_assessed"))) {
			fprintf(f, "  not assessed:\n");
			cJSON_ArrayForEach(it, get(g, "not_assessed"))
				if (str(it, "last"))
					fprintf(f, "    %s (last %s)\n", str(it, "actor"), str(it, "last"));
				else
					fprintf(f, "    %s (never)\n", str(it, "actor"));
		}
	}
}
