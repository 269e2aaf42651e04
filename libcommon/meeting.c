/*
 * meeting.c - the rules of a meeting's life: times that make sense, who
 * attended and who did not, what may follow what (a cancelled meeting is
 * not held, a meeting is not held before its day), and the follow-up
 * items (actions) that hang off it.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

int samv_meeting_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *start = samv_record_str(rec, "start"), *end = samv_record_str(rec, "end");
	const cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended"), *a, *b;
	const cJSON *absent = cJSON_GetObjectItemCaseSensitive(rec, "absent");
	const char *status = samv_record_str(rec, "status");
	int rc = 0;

	if (start && end && strcmp(end, start) <= 0)
		rc = samv_problem_add(pr, path, samv_json_locate(text, "end"), "bad-time",
				      "end: %s is not after the start %s", end, start);
	if (end && !start && rc == 0)
		rc = samv_problem_add(pr, path, samv_json_locate(text, "end"), "bad-time",
				      "end: an end time needs a start time");
	cJSON_ArrayForEach(a, att) {
		const char *p = samv_record_str(a, "person");

		for (b = a->next; b && rc == 0; b = b->next)
			if (p && samv_record_str(b, "person") && !strcmp(p, samv_record_str(b, "person")))
				rc = samv_problem_add(pr, path, samv_json_locate(text, "attended"), "duplicate",
						      "attended: '%s' is listed twice", p);
		if (rc == 0 && p && samv_json_has(absent, p))
			rc = samv_problem_add(pr, path, samv_json_locate(text, "absent"), "bad-value",
					      "absent: '%s' is also listed as attending", p);
	}
	if (rc == 0 && status && strcmp(status, "held") && cJSON_GetArraySize(att))
		rc = samv_problem_addp(pr, path, samv_json_locate(text, "attended"), "bad-value",
				       "attended: a %s meeting has no attendance (hold it first)",
				       samv_status_word("meeting", status));
	return rc;
}

int samv_action_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text)
{
	const char *status = samv_record_str(rec, "status");

	if (!samv_record_str(rec, "owner") && !samv_record_str(rec, "owner_actor"))
		return samv_problem_add(pr, path, samv_json_locate(text, "title"), "missing-field",
					"owner: an action needs an owner (a person or an organisation)");
	if (status && !strcmp(status, "open") && samv_record_str(rec, "done"))
		return samv_problem_add(pr, path, samv_json_locate(text, "done"), "bad-value",
					"done: an open action has no done date");
	return 0;
}

/* A meeting's status moves planned -> held or cancelled; a cancelled one
 * may be planned again, a held one stays held. */
static int check_transition(const cJSON *rec, const cJSON *old)
{
	const char *to = samv_record_str(rec, "status"), *from = old ? samv_record_str(old, "status") : NULL;
	const char *id = samv_record_str(rec, "id"), *date;
	char today[11];

	if (!to)
		return 0;
	if (from && !strcmp(from, "held") && strcmp(to, "held"))
		return samv_error_set(SAMV_EINVAL, "meeting '%s' was held; it cannot become %s", id, to);
	if (strcmp(to, "held"))
		return 0;
	if (from && !strcmp(from, "cancelled"))
		return samv_error_set(SAMV_EINVAL, "meeting '%s' is cancelled; plan it again before "
				      "recording it as held", id);
	/* also when a held meeting is edited: it cannot move into the future */
	samv_date_today(today);
	date = samv_record_str(rec, "date");
	if (date && strcmp(date, today) > 0)
		return samv_error_set(SAMV_EINVAL, "meeting '%s' is on %s, in the future: it cannot "
				      "be recorded as held before that day", id, date);
	return 0;
}

long long samv_meeting_sequence(const cJSON *m)
{
	const cJSON *s = cJSON_GetObjectItemCaseSensitive(m, "sequence");

	return cJSON_IsNumber(s) && s->valuedouble > 0 ? (long long)s->valuedouble : 0;
}

/* Every change of a meeting counts: a calendar takes the invitation with
 * the higher SEQUENCE as the newer. */
static int count_change(cJSON *rec, const cJSON *old)
{
	double n = old ? (double)samv_meeting_sequence(old) + 1 : 0;

	cJSON_DeleteItemFromObjectCaseSensitive(rec, "sequence");
	if (!cJSON_AddNumberToObject(rec, "sequence", n))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_meeting_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	const char *arena = samv_record_str(rec, "arena"), *status;
	cJSON *a = NULL;
	int rc;

	if ((rc = check_transition(rec, old)) < 0 || (rc = count_change(rec, old)) < 0)
		return rc;
	/* a new meeting, or one moved to another arena, needs an open arena */
	if (arena && (!old || !samv_record_str(old, "arena") || strcmp(arena, samv_record_str(old, "arena")))) {
		if ((rc = samv_record_load(&a, samv_txn_view(t), samv_type_find("arena"), arena)) < 0)
			return rc == SAMV_ENOTFOUND ? samv_error_set(SAMV_EINVAL, "arena: unknown arena '%s' "
								     "(see samv-arena list)", arena) : rc;
		status = samv_record_str(a, "status");
		if (status && !strcmp(status, "closed"))
			rc = samv_error_set(SAMV_EINVAL, "arena '%s' is closed; reopen it with samv-arena edit "
					    "%s --status active", arena, arena);
		cJSON_Delete(a);
	}
	return rc;
}

/* A status set with edit (or add) keeps the dates that done and drop
 * would have set: done when it closed, none while it is open. */
static int status_dates(cJSON *rec)
{
	const char *status = samv_record_str(rec, "status");
	char today[11];

	if (!status || !strcmp(status, "open")) {
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "done");
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "reported");
		return 0;
	}
	samv_date_today(today);
	if (!cJSON_GetObjectItemCaseSensitive(rec, "done") && !cJSON_AddStringToObject(rec, "done", today))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_action_prepare(struct samv_txn *t, cJSON *rec, const cJSON *old)
{
	const char *mid = samv_record_str(rec, "meeting"), *status;
	cJSON *m = NULL;
	int rc;

	if ((rc = status_dates(rec)) < 0 || !mid)
		return rc;
	if ((rc = samv_record_load(&m, samv_txn_view(t), samv_type_find("meeting"), mid)) < 0)
		return rc == SAMV_ENOTFOUND ? samv_error_set(SAMV_EINVAL, "meeting: unknown meeting '%s' "
							     "(see samv-meeting list)", mid) : rc;
	status = samv_record_str(m, "status");
	if (!old && status && !strcmp(status, "cancelled"))
		rc = samv_error_set(SAMV_EINVAL, "meeting '%s' is cancelled; it has no follow-up", mid);
	/* the arena is the meeting's, so that lists by arena need no join */
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "arena");
	if (rc == 0 && samv_record_str(m, "arena") && !cJSON_AddStringToObject(rec, "arena", samv_record_str(m, "arena")))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_Delete(m);
	return rc;
}

static int add_attendee(cJSON *att, struct samv_view *v, const char *pid)
{
	cJSON *p = NULL, *o;
	const char *s;
	int rc;

	if ((rc = samv_record_load(&p, v, samv_type_find("person"), pid)) < 0)
		return rc;
	if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(att, o)) {
		cJSON_Delete(o);
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_AddStringToObject(o, "person", pid);
	if ((s = samv_record_str(p, "actor")))
		cJSON_AddStringToObject(o, "actor", s);
	if ((s = samv_record_str(p, "role")))
		cJSON_AddStringToObject(o, "role", s);
	if ((s = samv_record_str(p, "mandate")))
		cJSON_AddStringToObject(o, "mandate", s);
out:
	cJSON_Delete(p);
	return rc;
}

static int cmp_att(const void *a, const void *b)
{
	const char *x = samv_record_str(*(cJSON *const *)a, "person");
	const char *y = samv_record_str(*(cJSON *const *)b, "person");

	return strcmp(x ? x : "", y ? y : "");
}

/* Attendance is kept sorted by person, so that two coordinators' edits
 * touch different lines. */
static int sort_attendance(cJSON *att)
{
	int n = cJSON_GetArraySize(att), i = 0;
	cJSON **v, *it;

	if (n < 2)
		return 0;
	if (!(v = calloc((size_t)n, sizeof(*v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	while ((it = att->child))
		v[i++] = cJSON_DetachItemViaPointer(att, it);
	qsort(v, (size_t)n, sizeof(*v), cmp_att);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(att, v[i]);
	free(v);
	return 0;
}

static int set_refs(cJSON *rec, const char *key, cJSON *list)
{
	cJSON_DeleteItemFromObjectCaseSensitive(rec, key);
	if (cJSON_GetArraySize(list) == 0) {
		cJSON_Delete(list);
		return 0;
	}
	cJSON_AddItemToObject(rec, key, list);
	return 0;
}

/* Whether someone of the attendance att has key (person, actor) id. */
static bool came(const cJSON *att, const char *key, const char *id)
{
	const cJSON *a;

	cJSON_ArrayForEach(a, att)
		if (samv_record_str(a, key) && !strcmp(samv_record_str(a, key), id))
			return true;
	return false;
}

/* Who was asked and did not come: invited people not attending, added to
 * abs_people, and invited organisations nobody came from.  A merge derives
 * this before the record is validated: what is not a string is passed by. */
static void invited_absent(cJSON *abs_people, cJSON *abs_actors, const cJSON *rec, const cJSON *att)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "invited_people"))
		if (cJSON_IsString(it) && !came(att, "person", it->valuestring) &&
		    !samv_json_has(abs_people, it->valuestring))
			cJSON_AddItemToArray(abs_people, cJSON_CreateString(it->valuestring));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "invited"))
		if (cJSON_IsString(it) && !came(att, "actor", it->valuestring))
			cJSON_AddItemToArray(abs_actors, cJSON_CreateString(it->valuestring));
}

int samv_meeting_merge_sequence(const cJSON *base, cJSON *ours, cJSON *theirs)
{
	long long b = samv_meeting_sequence(base), o = samv_meeting_sequence(ours), t = samv_meeting_sequence(theirs);
	double n = (double)(o > t ? o : t) + 1;

	if (!cJSON_IsObject(ours) || !cJSON_IsObject(theirs) || o == t || o == b || t == b)
		return 0;
	cJSON_DeleteItemFromObjectCaseSensitive(ours, "sequence");
	cJSON_DeleteItemFromObjectCaseSensitive(theirs, "sequence");
	if (!cJSON_AddNumberToObject(ours, "sequence", n) || !cJSON_AddNumberToObject(theirs, "sequence", n))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_meeting_derive(cJSON *rec)
{
	const char *status = samv_record_str(rec, "status");
	const cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended"), *it;
	cJSON *abs_people, *abs_actors;

	if (!status || strcmp(status, "held"))
		return 0;
	abs_people = cJSON_CreateArray();
	abs_actors = cJSON_CreateArray();
	if (!abs_people || !abs_actors) {
		cJSON_Delete(abs_people);
		cJSON_Delete(abs_actors);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	/* those named absent who are recorded as attending came after all */
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "absent"))
		if (cJSON_IsString(it) && !came(att, "person", it->valuestring) &&
		    !samv_json_has(abs_people, it->valuestring))
			cJSON_AddItemToArray(abs_people, cJSON_CreateString(it->valuestring));
	invited_absent(abs_people, abs_actors, rec, att);
	set_refs(rec, "absent", abs_people);
	set_refs(rec, "absent_actors", abs_actors);
	return 0;
}

int samv_meeting_attend(cJSON *rec, struct samv_view *v, const cJSON *attended, const cJSON *absent)
{
	cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended"), *it, *a;
	cJSON *abs_people = cJSON_CreateArray(), *abs_actors = cJSON_CreateArray();
	int rc = 0;

	if (!abs_people || !abs_actors) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	if (!att && !(att = cJSON_AddArrayToObject(rec, "attended"))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto fail;
	}
	cJSON_ArrayForEach(it, attended) {
		cJSON_ArrayForEach(a, att)
			if (!strcmp(samv_record_str(a, "person") ? samv_record_str(a, "person") : "", it->valuestring)) {
				rc = samv_error_set(SAMV_EINVAL, "--attended: '%s' is already recorded as attending",
						    it->valuestring);
				goto fail;
			}
		if ((rc = add_attendee(att, v, it->valuestring)) < 0) {
			rc = samv_error_set(rc, "--attended: %s", samv_error_last());
			goto fail;
		}
	}
	if ((rc = sort_attendance(att)) < 0)
		goto fail;
	/* someone recorded as absent who is now said to have attended was
	 * not absent after all; --absent adds people */
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "absent"))
		if (!samv_json_has(abs_people, it->valuestring) && !samv_json_has(attended, it->valuestring))
			cJSON_AddItemToArray(abs_people, cJSON_CreateString(it->valuestring));
	cJSON_ArrayForEach(it, absent)
		if (!samv_json_has(abs_people, it->valuestring))
			cJSON_AddItemToArray(abs_people, cJSON_CreateString(it->valuestring));
	cJSON_ArrayForEach(it, abs_people)
		if (came(att, "person", it->valuestring)) {
			rc = samv_error_set(SAMV_EINVAL, "--absent: '%s' is recorded as attending", it->valuestring);
			goto fail;
		}
	invited_absent(abs_people, abs_actors, rec, att);
	if (cJSON_GetArraySize(att) == 0)
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "attended");
	set_refs(rec, "absent", abs_people);
	set_refs(rec, "absent_actors", abs_actors);
	return 0;
fail:
	cJSON_Delete(abs_people);
	cJSON_Delete(abs_actors);
	return rc;
}
