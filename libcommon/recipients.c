/*
 * recipients.c - whom a meeting's invitation and minutes go to.
 *
 * An invitation goes to each person invited by name and, for each invited
 * organisation, to its contact person (the actor's "contact"); an
 * organisation without one is itself a recipient, with no address.  The
 * minutes go, in addition, to everyone recorded as attending or absent.
 * Each recipient is an object {"person", "actor", "name", "email"}, every
 * key present (null when unknown), each person once, in the order found.
 */
#include <string.h>

#include "samv.h"

static bool listed(const cJSON *list, const char *key, const char *id)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(cJSON_GetObjectItemCaseSensitive(it, key)) &&
		    !strcmp(cJSON_GetObjectItemCaseSensitive(it, key)->valuestring, id))
			return true;
	return false;
}

static int add(cJSON *list, const char *person, const char *actor, const char *name, const char *email)
{
	cJSON *o = cJSON_CreateObject();

	if (!o || !cJSON_AddItemToArray(list, o)) {
		cJSON_Delete(o);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (!cJSON_AddItemToObject(o, "person", samv_json_str_or_null(person)) ||
	    !cJSON_AddItemToObject(o, "actor", samv_json_str_or_null(actor)) ||
	    !cJSON_AddItemToObject(o, "name", samv_json_str_or_null(name)) ||
	    !cJSON_AddItemToObject(o, "email", samv_json_str_or_null(email)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

/* A person, with their organisation, name and address; one whose record
 * cannot be read (samv-check reports it) is named by the id. */
static int add_person(cJSON *list, struct samv_view *v, const char *pid)
{
	cJSON *p = NULL;
	int rc;

	if (listed(list, "person", pid))
		return 0;
	if (samv_record_load(&p, v, samv_type_find("person"), pid) < 0) {
		samv_error_clear();
		return add(list, pid, NULL, pid, NULL);
	}
	rc = add(list, pid, samv_record_str(p, "actor"), samv_record_str(p, "name"), samv_record_str(p, "email"));
	cJSON_Delete(p);
	return rc;
}

static int add_actor(cJSON *list, struct samv_view *v, const char *aid)
{
	cJSON *a = NULL;
	const char *contact;
	int rc;

	if (samv_record_load(&a, v, samv_type_find("actor"), aid) < 0) {
		samv_error_clear();
		return listed(list, "actor", aid) ? 0 : add(list, NULL, aid, aid, NULL);
	}
	contact = samv_record_str(a, "contact");
	if (contact)
		rc = add_person(list, v, contact);
	else
		rc = add(list, NULL, aid, samv_record_str(a, "name"), NULL);
	cJSON_Delete(a);
	return rc;
}

int samv_meeting_recipients(cJSON **out, struct samv_view *v, const cJSON *m, bool minutes)
{
	const cJSON *it;
	int rc = 0;

	if (!(*out = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (minutes)
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "attended"))
			if (rc == 0 && samv_record_str(it, "person"))
				rc = add_person(*out, v, samv_record_str(it, "person"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited_people"))
		if (rc == 0 && cJSON_IsString(it))
			rc = add_person(*out, v, it->valuestring);
	if (minutes)
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "absent"))
			if (rc == 0 && cJSON_IsString(it))
				rc = add_person(*out, v, it->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited"))
		if (rc == 0 && cJSON_IsString(it))
			rc = add_actor(*out, v, it->valuestring);
	if (rc < 0) {
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}
