/*
 * samv-meeting - meetings in the arenas, after the meeting checklist:
 * plan and invite (before), hold and record (during), minutes,
 * distribution and follow-up actions (after).
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "cache.h"
#include "listcols.h"

#define STDIN_MAX (4 * 1024 * 1024)

enum {
	O_FORMAT = SAMV_OPT_VERB, O_LANG, O_ATTENDED, O_NOT_ATTENDED, O_DATE, O_TO, O_TO_ACTOR, O_HOW,
	O_REPLACE, O_REPORT, O_JSON
};

static const struct samv_opt invite_opts[] = {
	{ "format", 'f', SAMV_OPT_ARG, "text|markdown|ics|mail", N_("the format (default text)"), O_FORMAT },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language (default: the repository's)"), O_LANG },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print subject, recipients and text as JSON"), O_JSON },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt minutes_opts[] = {
	{ "format", 'f', SAMV_OPT_ARG, "text|markdown|mail", N_("the format (default text)"), O_FORMAT },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language (default: the repository's)"), O_LANG },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print subject, recipients and text as JSON"), O_JSON },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt hold_opts[] = {
	{ "attended", 0, SAMV_OPT_ARG, "PERSON", N_("a person who attended (repeat for each)"), O_ATTENDED },
	{ "not-attended", 0, SAMV_OPT_ARG, "PERSON", N_("take back a person recorded as attending"), O_NOT_ATTENDED },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt distribute_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("when the minutes were sent (default today)"), O_DATE },
	{ "to", 0, SAMV_OPT_ARG, "PERSON", N_("a person they were sent to (default: everyone invited)"), O_TO },
	{ "to-actor", 0, SAMV_OPT_ARG, "ACTOR", N_("an organisation they were sent to"), O_TO_ACTOR },
	{ "how", 0, SAMV_OPT_ARG, "TEXT", N_("how they were sent (e-mail, web page, ...)"), O_HOW },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt record_opts[] = {
	{ "replace", 0, SAMV_OPT_NONE, NULL, N_("replace the meeting if its id exists"), O_REPLACE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt done_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("the date (default today)"), O_DATE },
	{ "report", 0, SAMV_OPT_ARG, "TEXT", N_("what was reported back to the actors (@FILE reads a file)"), O_REPORT },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt no_opts[] = { { NULL, 0, 0, NULL, NULL, 0 } };

/* ---- helpers ------------------------------------------------------------ */

static int begin(struct samv_txn **t, struct samv_store *s, struct samv_entity *e, const char *verb)
{
	char command[80];

	snprintf(command, sizeof(command), "%s %s", samv_entity_cmd(e)->prog, verb);
	return samv_txn_begin(t, s, command);
}

/* Load the record named by the one operand, through the write's view. */
static int load_operand(cJSON **rec, char id[SAMV_ID_MAX + 1], struct samv_entity *e, struct samv_view *v)
{
	int n, rc;
	char **ops = samv_entity_operands(e, &n);

	*rec = NULL;
	if ((rc = samv_entity_one_operand(e, "one id")) < 0 ||
	    (rc = samv_record_resolve(id, v, samv_entity_cmd(e)->type, ops[0])) < 0)
		return rc;
	return samv_record_load(rec, v, samv_entity_cmd(e)->type, id);
}

static int check_date_arg(const char *opt, const char *date)
{
	if (date && samv_date_check(date) < 0)
		return samv_error_set(SAMV_EINVAL, "--%s: %s", opt, samv_error_last());
	return 0;
}

/* Resolve each id (or prefix) of opt's values to a full id of type. */
static int resolve_all(cJSON **out, struct samv_view *v, const char *type, const char *opt, const cJSON *given)
{
	char id[SAMV_ID_MAX + 1];
	const cJSON *it;
	int rc;

	if (!(*out = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(it, given) {
		if ((rc = samv_record_resolve(id, v, samv_type_find(type), it->valuestring)) < 0)
			return samv_error_set(rc, "--%s: %s", opt, samv_error_last());
		cJSON_AddItemToArray(*out, cJSON_CreateString(id));
	}
	return 0;
}

/* The repository's language and time zone (samv.json), with their
 * defaults when it does not say. */
static void repo_settings(struct samv_view *v, char lang[3], char tz[64])
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos;
	cJSON *r = NULL;

	strcpy(lang, "sv");
	snprintf(tz, 64, "%s", SAMV_TZ_DEFAULT);
	if (samv_view_read(&text, v, SAMV_REPO_FILE) == 0 && samv_json_parse(&r, text.ptr, text.len, &pos) == 0) {
		if (samv_record_str(r, "language") && strlen(samv_record_str(r, "language")) == 2)
			strcpy(lang, samv_record_str(r, "language"));
		if (samv_record_str(r, "timezone"))
			snprintf(tz, 64, "%s", samv_record_str(r, "timezone"));
	}
	samv_error_clear();
	cJSON_Delete(r);
	samv_buf_free(&text);
}

/* The time of the tip commit: a DTSTAMP and a Date that are the same for
 * the same repository, so that output is reproducible. */
static long long tip_time(struct samv_store *s)
{
	git_object *o = NULL;
	long long when = 0;

	if (git_revparse_single(&o, samv_store_repo(s), "HEAD^{commit}") == 0)
		when = (long long)git_commit_time((git_commit *)o);
	git_object_free(o);
	return when;
}

/* ---- invite and minutes: documents -------------------------------------- */

static int print_doc(struct samv_entity *e, struct samv_store *s, bool minutes)
{
	struct samv_buf out = SAMV_BUF_INIT;
	struct samv_notice n = { .minutes = minutes };
	char id[SAMV_ID_MAX + 1], lang[3], tz[64];
	const char *format = samv_entity_arg(e, "format"), *given = samv_entity_arg(e, "lang");
	git_signature *org = NULL;
	cJSON *m = NULL;
	int rc;

	if (given && strcmp(given, "sv") && strcmp(given, "en"))
		return samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", given);
	if (samv_entity_flag(e, "json")) {
		if (format)
			return samv_error_set(SAMV_EUSAGE, "--json: not with --format");
		format = "json";
	}
	if ((rc = samv_view_rev(&n.v, s, NULL)) < 0 || (rc = load_operand(&m, id, e, n.v)) < 0)
		goto out;
	repo_settings(n.v, lang, tz);
	if (samv_sig_author(&org, samv_store_repo(s)) < 0)
		samv_error_clear(); /* said where an organiser is needed */
	n.m = m;
	n.id = id;
	n.lang = given ? given : lang;
	n.tz = tz;
	n.organizer = org;
	n.stamp = tip_time(s);
	if ((rc = samv_notice_check(&n, format)) == 0 && (rc = samv_notice_render(&out, &n, format)) == 0 &&
	    (fwrite(out.ptr, 1, out.len, stdout) != out.len || fflush(stdout) != 0))
		rc = samv_error_set(SAMV_EIO, "cannot write standard output");
out:
	git_signature_free(org);
	samv_buf_free(&out);
	cJSON_Delete(m);
	samv_view_free(n.v);
	return rc;
}

static int cmd_invite(struct samv_entity *e, struct samv_store *s)
{
	const char *f = samv_entity_arg(e, "format");

	if (f && strcmp(f, "text") && strcmp(f, "markdown") && strcmp(f, "md") && strcmp(f, "ics") && strcmp(f, "mail"))
		return samv_error_set(SAMV_EUSAGE, "--format: '%s' is not one of text, markdown, ics, mail", f);
	return print_doc(e, s, false);
}

static int cmd_minutes(struct samv_entity *e, struct samv_store *s)
{
	const char *f = samv_entity_arg(e, "format");

	if (f && strcmp(f, "text") && strcmp(f, "markdown") && strcmp(f, "md") && strcmp(f, "mail"))
		return samv_error_set(SAMV_EUSAGE, "--format: '%s' is not one of text, markdown, mail", f);
	return print_doc(e, s, true);
}

/* ---- hold: what happened ----------------------------------------------- */

static int unattend(cJSON *rec, const cJSON *people)
{
	cJSON *att = cJSON_GetObjectItemCaseSensitive(rec, "attended"), *a;
	const cJSON *it;

	cJSON_ArrayForEach(it, people) {
		for (a = att ? att->child : NULL; a; a = a->next)
			if (samv_record_str(a, "person") && !strcmp(samv_record_str(a, "person"), it->valuestring))
				break;
		if (!a)
			return samv_error_set(SAMV_EINVAL, "--not-attended: '%s' is not recorded as attending",
					      it->valuestring);
		cJSON_Delete(cJSON_DetachItemViaPointer(att, a));
	}
	return 0;
}

/* One command cannot say that someone both came and did not. */
static int both_ways(struct samv_entity *e, const cJSON *att)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, samv_entity_field_args(e, "absent"))
		if (cJSON_IsString(it) && (samv_json_has(att, it->valuestring) ||
					   samv_json_has(samv_entity_args(e, "attended"), it->valuestring)))
			return samv_error_set(SAMV_EINVAL, "--absent: '%s' is also given as --attended",
					      it->valuestring);
	return 0;
}

static int cmd_hold(struct samv_entity *e, struct samv_store *s)
{
	struct samv_txn *t = NULL;
	char id[SAMV_ID_MAX + 1];
	cJSON *old = NULL, *rec = NULL, *att = NULL, *gone = NULL;
	int rc;

	if ((rc = begin(&t, s, e, "hold")) < 0 || (rc = load_operand(&old, id, e, samv_txn_view(t))) < 0)
		goto out;
	if (!(rec = cJSON_Duplicate(old, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_entity_apply(e, rec, samv_txn_view(t))) < 0 ||
	    (rc = resolve_all(&att, samv_txn_view(t), "person", "attended", samv_entity_args(e, "attended"))) < 0 ||
	    (rc = resolve_all(&gone, samv_txn_view(t), "person", "not-attended",
			      samv_entity_args(e, "not-attended"))) < 0 ||
	    (rc = unattend(rec, gone)) < 0 || (rc = both_ways(e, att)) < 0)
		goto out;
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "status");
	cJSON_AddStringToObject(rec, "status", "held");
	if ((rc = samv_meeting_attend(rec, samv_txn_view(t), att, NULL)) < 0 ||
	    (rc = samv_meeting_prepare(t, rec, old)) < 0 || (rc = samv_txn_put_record(t, samv_entity_cmd(e)->type, rec)) < 0)
		goto out;
	rc = samv_entity_commit(e, t, "hold", id, samv_record_str(rec, "title"));
out:
	cJSON_Delete(att);
	cJSON_Delete(gone);
	cJSON_Delete(old);
	cJSON_Delete(rec);
	samv_txn_free(t);
	return rc;
}

/* ---- distribute: the minutes went out ------------------------------------- */

static void add_unique(cJSON *list, const char *s)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list)
		if (!strcmp(it->valuestring, s))
			return;
	cJSON_AddItemToArray(list, cJSON_CreateString(s));
}

/* By default the minutes go to everyone who was asked: invited people,
 * those who came and those who did not, and the invited organisations. */
static void everyone(cJSON *people, cJSON *actors, const cJSON *m)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "attended"))
		add_unique(people, samv_record_str(it, "person"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited_people"))
		add_unique(people, it->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "absent"))
		add_unique(people, it->valuestring);
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(m, "invited"))
		add_unique(actors, it->valuestring);
}

static int cmd_distribute(struct samv_entity *e, struct samv_store *s)
{
	const char *date = samv_entity_arg(e, "date"), *how = samv_entity_arg(e, "how"), *status;
	struct samv_txn *t = NULL;
	char id[SAMV_ID_MAX + 1], today[11];
	cJSON *old = NULL, *rec = NULL, *people = NULL, *actors = NULL, *entry, *list;
	int rc;

	samv_date_today(today);
	if ((rc = check_date_arg("date", date)) < 0)
		return rc;
	if (!date)
		date = today;
	if (strcmp(date, today) > 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s is in the future", date);
	if ((rc = begin(&t, s, e, "distribute")) < 0 || (rc = load_operand(&old, id, e, samv_txn_view(t))) < 0)
		goto out;
	status = samv_record_str(old, "status");
	if (!status || strcmp(status, "held")) {
		rc = samv_error_setp(SAMV_EINVAL, "meeting '%s' is %s; only the minutes of a held meeting are "
				     "distributed (see samv-meeting hold)", id,
				     samv_status_word("meeting", status ? status : "not held"));
		goto out;
	}
	if (strcmp(date, samv_record_str(old, "date")) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "--date: %s is before the meeting (%s)", date,
				    samv_record_str(old, "date"));
		goto out;
	}
	if ((rc = resolve_all(&people, samv_txn_view(t), "person", "to", samv_entity_args(e, "to"))) < 0 ||
	    (rc = resolve_all(&actors, samv_txn_view(t), "actor", "to-actor", samv_entity_args(e, "to-actor"))) < 0)
		goto out;
	if (!cJSON_GetArraySize(people) && !cJSON_GetArraySize(actors))
		everyone(people, actors, old);
	if (!cJSON_GetArraySize(people) && !cJSON_GetArraySize(actors)) {
		rc = samv_error_set(SAMV_EINVAL, "meeting '%s' has nobody invited or attending; say whom the minutes "
				    "went to with --to or --to-actor", id);
		goto out;
	}
	if (!(rec = cJSON_Duplicate(old, 1)) || !(entry = cJSON_CreateObject())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!(list = cJSON_GetObjectItemCaseSensitive(rec, "distributed")))
		list = cJSON_AddArrayToObject(rec, "distributed");
	cJSON_AddItemToArray(list, entry);
	cJSON_AddStringToObject(entry, "date", date);
	if (cJSON_GetArraySize(people))
		cJSON_AddItemToObject(entry, "people", cJSON_Duplicate(people, 1));
	if (cJSON_GetArraySize(actors))
		cJSON_AddItemToObject(entry, "actors", cJSON_Duplicate(actors, 1));
	if (how)
		cJSON_AddStringToObject(entry, "how", how);
	if ((rc = samv_meeting_prepare(t, rec, old)) < 0 || (rc = samv_txn_put_record(t, samv_entity_cmd(e)->type, rec)) < 0)
		goto out;
	rc = samv_entity_commit(e, t, "distribute", id, NULL);
	if (rc == 0)
		printf(_("%s: minutes sent to %d people and %d organisations on %s\n"), id, cJSON_GetArraySize(people),
		       cJSON_GetArraySize(actors), date);
out:
	cJSON_Delete(people);
	cJSON_Delete(actors);
	cJSON_Delete(old);
	cJSON_Delete(rec);
	samv_txn_free(t);
	return rc;
}

/* ---- record: a whole meeting from one JSON document ---------------------- */

/* "attended" may list person ids; they become full attendance entries. */
static int expand_attendance(cJSON *m, struct samv_view *v)
{
	cJSON *att = cJSON_GetObjectItemCaseSensitive(m, "attended"), *ids, *it, *next;
	int rc;

	if (!cJSON_IsArray(att))
		return 0;
	if (!(ids = cJSON_CreateArray()))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (it = att->child; it; it = next) {
		next = it->next;
		if (cJSON_IsString(it))
			cJSON_AddItemToArray(ids, cJSON_DetachItemViaPointer(att, it));
	}
	rc = samv_meeting_attend(m, v, ids, NULL);
	cJSON_Delete(ids);
	return rc;
}

static int new_id(cJSON *rec, struct samv_view *v, const struct samv_type *t, bool replace, bool *exists)
{
	char id[SAMV_ID_MAX + 1], path[256];
	const char *given = samv_record_str(rec, "id"), *title = samv_record_str(rec, "title");
	int rc;

	if (given) {
		if ((rc = samv_id_check(given, "id")) < 0)
			return rc;
		snprintf(id, sizeof(id), "%s", given);
	} else if (!title) {
		return samv_error_set(SAMV_EINVAL, "title: required");
	} else if ((rc = samv_id_mint(id, sizeof(id), title)) < 0) {
		return rc;
	}
	if ((rc = samv_type_path(path, sizeof(path), t, id)) < 0)
		return rc;
	*exists = samv_view_exists(v, path);
	if (*exists && !replace)
		return samv_error_setp(SAMV_EEXISTS, "%s '%s' already exists (--replace replaces it)", samv_type_the(t),
				       id);
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "id");
	cJSON_AddStringToObject(rec, "id", id);
	return 0;
}

static int put_actions(struct samv_txn *t, cJSON *actions, const char *mid, bool replace)
{
	const struct samv_type *at = samv_type_find("action");
	cJSON *a;
	bool exists;
	int rc, i = 0;

	if (actions && !cJSON_IsArray(actions))
		return samv_error_set(SAMV_EINVAL, "standard input: actions: must be a list of objects");
	cJSON_ArrayForEach(a, actions) {
		i++;
		if (!cJSON_IsObject(a))
			return samv_error_set(SAMV_EINVAL, "standard input: actions[%d]: must be an object", i);
		cJSON_DeleteItemFromObjectCaseSensitive(a, "meeting");
		cJSON_AddStringToObject(a, "meeting", mid);
		if (!cJSON_GetObjectItemCaseSensitive(a, "status"))
			cJSON_AddStringToObject(a, "status", "open");
		if ((rc = new_id(a, samv_txn_view(t), at, replace, &exists)) < 0 ||
		    (rc = samv_action_prepare(t, a, NULL)) < 0 || (rc = samv_txn_put_record(t, at, a)) < 0)
			return samv_error_set(rc, "standard input: actions[%d]: %s", i, samv_error_last());
	}
	return 0;
}

static int cmd_record(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *mt = samv_entity_cmd(e)->type;
	struct samv_txn *t = NULL;
	cJSON *m = NULL, *old = NULL, *actions;
	bool exists = false;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "record: the meeting is read from standard input, not arguments");
	if ((rc = samv_json_read_object(&m, stdin, STDIN_MAX, "standard input")) < 0)
		return rc;
	actions = cJSON_DetachItemFromObjectCaseSensitive(m, "actions");
	if (!cJSON_GetObjectItemCaseSensitive(m, "status"))
		cJSON_AddStringToObject(m, "status", "held");
	if ((rc = begin(&t, s, e, "record")) < 0 ||
	    (rc = new_id(m, samv_txn_view(t), mt, samv_entity_flag(e, "replace"), &exists)) < 0)
		goto out;
	if (exists && (rc = samv_record_load(&old, samv_txn_view(t), mt, samv_record_str(m, "id"))) < 0)
		goto out;
	if ((rc = expand_attendance(m, samv_txn_view(t))) < 0 || (rc = samv_meeting_prepare(t, m, old)) < 0 ||
	    (rc = samv_txn_put_record(t, mt, m)) < 0)
		goto out;
	if ((rc = put_actions(t, actions, samv_record_str(m, "id"), samv_entity_flag(e, "replace"))) < 0)
		goto out;
	if ((rc = samv_entity_commit(e, t, "record", samv_record_str(m, "id"), samv_record_str(m, "title"))) == 0)
		printf("%s\n", samv_record_str(m, "id"));
out:
	/* what is wrong with the document is said to be in it; a busy lock
	 * or a dirty work tree is not */
	if ((rc == SAMV_EINVAL || rc == SAMV_EEXISTS || rc == SAMV_ENOTFOUND) &&
	    strncmp(samv_error_last_c(), "standard input", 14))
		samv_error_set(rc, "standard input: %s", samv_error_last());
	cJSON_Delete(actions);
	cJSON_Delete(old);
	cJSON_Delete(m);
	samv_txn_free(t);
	return rc;
}

/* ---- actions: follow-up -------------------------------------------------- */

static int set_action_status(struct samv_entity *e, struct samv_store *s, const char *verb)
{
	const char *date = samv_entity_arg(e, "date"), *report = samv_entity_arg(e, "report"), *status;
	bool is_report = !strcmp(verb, "report");
	struct samv_txn *t = NULL;
	char id[SAMV_ID_MAX + 1], today[11], *text = NULL;
	cJSON *old = NULL, *rec = NULL;
	int rc;

	samv_date_today(today);
	if ((rc = check_date_arg("date", date)) < 0)
		return rc;
	if (!date)
		date = today;
	if (strcmp(date, today) > 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s is in the future", date);
	if (report && (rc = samv_text_arg(&text, "report", report)) < 0)
		return rc;
	if ((rc = begin(&t, s, e, verb)) < 0 || (rc = load_operand(&old, id, e, samv_txn_view(t))) < 0)
		goto out;
	status = samv_record_str(old, "status");
	if (!is_report && strcmp(status, "open")) {
		rc = samv_error_setp(SAMV_EINVAL, "action '%s' is %s already", id, samv_status_word("action", status));
		goto out;
	}
	if (is_report && !strcmp(status, "open")) {
		rc = samv_error_set(SAMV_EINVAL, "action '%s' is still open; mark it done before reporting back "
				    "(samv-meeting action done %s)", id, id);
		goto out;
	}
	if (!(rec = cJSON_Duplicate(old, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!is_report) {
		cJSON_ReplaceItemInObjectCaseSensitive(rec, "status", cJSON_CreateString(verb[0] == 'd' && verb[1] == 'o'
											  ? "done" : "dropped"));
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "done");
		cJSON_AddStringToObject(rec, "done", date);
	} else {
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "reported");
		cJSON_AddStringToObject(rec, "reported", date);
	}
	if (text) {
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "report");
		cJSON_AddStringToObject(rec, "report", text);
	}
	if ((rc = samv_txn_put_record(t, samv_entity_cmd(e)->type, rec)) < 0)
		goto out;
	rc = samv_entity_commit(e, t, verb, id, samv_record_str(rec, "title"));
out:
	free(text);
	cJSON_Delete(old);
	cJSON_Delete(rec);
	samv_txn_free(t);
	return rc;
}

static int cmd_done(struct samv_entity *e, struct samv_store *s)
{
	return set_action_status(e, s, "done");
}

static int cmd_report(struct samv_entity *e, struct samv_store *s)
{
	return set_action_status(e, s, "report");
}

static int cmd_drop(struct samv_entity *e, struct samv_store *s)
{
	return set_action_status(e, s, "drop");
}

static int cmd_overdue(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *t = samv_entity_cmd(e)->type;
	struct samv_buf where = SAMV_BUF_INIT;
	const char *args[3] = { NULL, NULL, NULL };
	struct samv_view *v = NULL;
	cJSON *all = NULL, *a, *next;
	char today[11];
	size_t nargs = 0;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "overdue: takes no arguments");
	samv_date_today(today);
	if ((rc = samv_view_rev(&v, s, NULL)) < 0)
		goto out;
	/* only the open ones due before today, from the cache's list index
	 * (list rows: the due, id, owner and title printed); picked again */
	if (samv_buf_puts(&where, "1") < 0) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	samv_listcol_cond(&where, args, &nargs, t, "status", "=", "open");
	samv_listcol_cond(&where, args, &nargs, t, "due", "<", today);
	rc = samv_record_list(&all, v, t, !samv_entity_flag(e, "json") && samv_listcols_cover(t), where.ptr, args);
	if (rc == 1)
		rc = samv_record_load_all(&all, v, t, NULL);
	if (rc < 0)
		goto out;
	for (a = all->child; a; a = next) {
		const char *due = samv_record_str(a, "due"), *status = samv_record_str(a, "status");

		next = a->next;
		if (!due || strcmp(due, today) >= 0 || !status || strcmp(status, "open"))
			cJSON_Delete(cJSON_DetachItemViaPointer(all, a));
	}
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_records(stdout, samv_entity_cmd(e)->type, all);
	} else {
		cJSON_ArrayForEach(a, all) {
			const char *owner = samv_record_str(a, "owner");

			printf("%s  %s  %s  %s\n", samv_record_str(a, "due"), samv_record_str(a, "id"),
			       owner ? owner : samv_record_str(a, "owner_actor"), samv_record_str(a, "title"));
		}
	}
	if (rc == 0 && cJSON_GetArraySize(all))
		rc = 1; /* overdue items: exit 1, for cron */
out:
	cJSON_Delete(all);
	samv_buf_free(&where);
	samv_view_free(v);
	return rc;
}

static const struct samv_opt overdue_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the actions as a JSON array"), SAMV_OPT_VERB + 50 },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static int run_action(int argc, char **argv)
{
	static const struct samv_verb verbs[] = {
		{ "done", "ID [--date DATE] [--report TEXT]", N_("mark an action done"), done_opts, false, cmd_done },
		{ "report", "ID [--date DATE] [--report TEXT]", N_("record that it was reported back to the actors"),
		  done_opts, false, cmd_report },
		{ "drop", "ID [--date DATE] [--report TEXT]", N_("drop an action that will not be done"), done_opts,
		  false, cmd_drop },
		{ "overdue", "", N_("list open actions past their due date (exit 1 if any)"), overdue_opts, false,
		  cmd_overdue },
		{ NULL, NULL, NULL, NULL, false, NULL }
	};
	struct samv_cmd c = {
		.prog = "samv-meeting action", .summary = N_("follow-up items agreed at meetings"),
		.verbs = verbs, .prepare = samv_action_prepare
	};

	c.type = samv_type_find("action");
	return samv_entity_main(&c, argc, argv);
}

/* "samv-meeting [-C DIR] action ARGS" runs the action command with the
 * global options kept in front. */
static int action_index(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-C") || !strcmp(argv[i], "--dir"))
			i++;
		else if (argv[i][0] != '-')
			return strcmp(argv[i], "action") ? 0 : i;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct samv_verb verbs[] = {
		{ "invite", "ID [--format FORMAT | --json]", N_("print the invitation (text, markdown, ics or mail)"),
		  invite_opts, false, cmd_invite },
		{ "hold", "ID [OPTIONS]", N_("record that it was held: attendance, minutes, summary, ..."), hold_opts,
		  true, cmd_hold },
		{ "minutes", "ID [--format FORMAT | --json]", N_("print the minutes of a held meeting (text, markdown or mail)"),
		  minutes_opts, false, cmd_minutes },
		{ "distribute", "ID [OPTIONS]", N_("record when and to whom the minutes went"), distribute_opts, false,
		  cmd_distribute },
		{ "record", "< MEETING.json", N_("record a whole meeting (and its actions) from JSON"), record_opts,
		  false, cmd_record },
		{ "action", "COMMAND ...", N_("follow-up items: add, list, show, edit, done, report, drop, overdue"),
		  no_opts, false, NULL },
		{ NULL, NULL, NULL, NULL, false, NULL }
	};
	struct samv_cmd c = {
		.prog = "samv-meeting", .summary = N_("meetings in the arenas: plan, invite, hold, minutes, follow-up"),
		.retire_verb = "cancel", .add_verb = "plan", .verbs = verbs, .prepare = samv_meeting_prepare
	};
	int at = action_index(argc, argv), rc;

	samv_alloc_init();
	samv_i18n_init();
	if (at) {
		char **args = calloc((size_t)argc, sizeof(*args));

		if (!args)
			return SAMV_EXIT_FAIL;
		memcpy(args, argv, (size_t)at * sizeof(*args));
		memcpy(args + at, argv + at + 1, (size_t)(argc - at - 1) * sizeof(*args));
		rc = run_action(argc - 1, args);
		free(args);
		return rc;
	}
	c.type = samv_type_find("meeting");
	return samv_entity_main(&c, argc, argv);
}
