/*
 * agreement.c - the Agreement (Överenskommelsen) as a versioned document:
 * read it from a view as one JSON document, adopt it, amend it on the
 * authority of an adopted decision, and tell two versions apart.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define AGREEMENT_ID "agreement"
#define KEYS "abcdefghijklmnopqrstuvwxyz"

/* ---- small pieces ---------------------------------------------------- */

int samv_key_text(char **key, char **text, const char *opt, const char *arg)
{
	const char *eq;
	int rc;

	*key = *text = NULL;
	if (samv_utf8_invalid(arg, strlen(arg)) >= 0)
		return samv_error_set(SAMV_EINVAL, "--%s: invalid UTF-8", opt);
	eq = strchr(arg, '=');
	if (!eq || eq == arg)
		return samv_error_set(SAMV_EUSAGE, "--%s: expected KEY=TEXT, not '%s'", opt, arg);
	if (!(*key = strndup(arg, (size_t)(eq - arg))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((rc = samv_text_arg(text, opt, eq + 1)) < 0) {
		free(*key);
		*key = NULL;
	}
	return rc;
}

int samv_purpose_key_check(const char *key)
{
	if (strlen(key) != 1 || key[0] < 'a' || key[0] > 'z')
		return samv_error_set(SAMV_EINVAL, "invalid purpose key '%s': one letter a-z", key);
	return 0;
}

int samv_clause_cmp(const char *a, const char *b)
{
	return strverscmp(a, b);
}

static const struct samv_type *type(const char *name)
{
	return samv_type_find(name);
}

static const char *str(const cJSON *o, const char *key)
{
	return samv_record_str(o, key);
}

static int oom(void)
{
	return samv_error_set(SAMV_ERROR, "out of memory");
}

static int set_str(cJSON *o, const char *key, const char *value)
{
	cJSON_DeleteItemFromObjectCaseSensitive(o, key);
	return cJSON_AddStringToObject(o, key, value) ? 0 : oom();
}

static int cmp_clause(const void *a, const void *b)
{
	return samv_clause_cmp(str(*(cJSON *const *)a, "id"), str(*(cJSON *const *)b, "id"));
}

/* Add a clause object and keep the list in natural order of the ids. */
static int insert_clause(cJSON *clauses, cJSON *clause)
{
	int n, i;
	cJSON **v;

	if (!cJSON_AddItemToArray(clauses, clause))
		return oom();
	n = cJSON_GetArraySize(clauses);
	if (!(v = calloc((size_t)n, sizeof(*v))))
		return oom();
	for (i = 0; i < n; i++)
		v[i] = cJSON_DetachItemFromArray(clauses, 0);
	qsort(v, (size_t)n, sizeof(*v), cmp_clause);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(clauses, v[i]);
	free(v);
	return 0;
}

static cJSON *find_clause(const cJSON *clauses, const char *id)
{
	cJSON *it;

	cJSON_ArrayForEach(it, clauses)
		if (!strcmp(str(it, "id"), id))
			return it;
	return NULL;
}

/* Purposes are kept in key order, whatever order they came in. */
static int sort_purposes(cJSON *doc)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(doc, "purposes"), *sorted = cJSON_CreateObject(), *it;
	const char *k;
	char key[2] = "";

	if (!sorted)
		return oom();
	for (k = KEYS; *k; k++) {
		key[0] = *k;
		if ((it = cJSON_DetachItemFromObjectCaseSensitive(old, key)))
			cJSON_AddItemToObject(sorted, key, it);
	}
	if (!cJSON_ReplaceItemInObjectCaseSensitive(doc, "purposes", sorted)) {
		cJSON_Delete(sorted);
		return oom();
	}
	return 0;
}

/* ---- reading ----------------------------------------------------------- */

int samv_agreement_load(cJSON **out, struct samv_view *v)
{
	cJSON *doc = NULL, *all = NULL, *purposes, *clauses, *it, *c;
	const char *id, *text, *heading;
	int rc;

	*out = NULL;
	rc = samv_record_load(&doc, v, type("agreement"), AGREEMENT_ID);
	if (rc == SAMV_ENOTFOUND)
		return samv_error_set(rc, "no Agreement yet (see samv-agreement adopt)");
	if (rc < 0)
		return rc;
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "purposes");
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "clauses");
	if (!(purposes = cJSON_AddObjectToObject(doc, "purposes")) ||
	    !(clauses = cJSON_AddArrayToObject(doc, "clauses"))) {
		rc = oom();
		goto out;
	}
	if ((rc = samv_record_load_all(&all, v, type("purpose"), NULL)) < 0)
		goto out;
	cJSON_ArrayForEach(it, all)
		if ((id = str(it, "id")) && (text = str(it, "text")) && !cJSON_AddStringToObject(purposes, id, text)) {
			rc = oom();
			goto out;
		}
	cJSON_Delete(all);
	if ((rc = samv_record_load_all(&all, v, type("clause"), NULL)) < 0)
		goto out;
	cJSON_ArrayForEach(it, all) {
		if (!(id = str(it, "id")) || !(text = str(it, "text")))
			continue;
		heading = str(it, "heading");
		if (!(c = cJSON_CreateObject()) || !cJSON_AddStringToObject(c, "id", id) ||
		    (heading && *heading && !cJSON_AddStringToObject(c, "heading", heading)) ||
		    !cJSON_AddStringToObject(c, "text", text)) {
			cJSON_Delete(c);
			rc = oom();
			goto out;
		}
		if ((rc = insert_clause(clauses, c)) < 0)
			goto out;
	}
	if ((rc = sort_purposes(doc)) < 0)
		goto out;
	*out = doc;
	doc = NULL;
out:
	cJSON_Delete(all);
	cJSON_Delete(doc);
	return rc;
}

/* ---- differences ------------------------------------------------------- */

static int add_change(cJSON *out, const char *change, const char *what, const char *id, const cJSON *old,
		      const cJSON *new, bool texts)
{
	cJSON *c = cJSON_CreateObject();

	if (!c || !cJSON_AddStringToObject(c, "change", change) || !cJSON_AddStringToObject(c, "what", what) ||
	    (id && !cJSON_AddStringToObject(c, "id", id)))
		goto fail;
	if (texts && old && !cJSON_AddItemToObject(c, "old", cJSON_Duplicate(old, 1)))
		goto fail;
	if (texts && new && !cJSON_AddItemToObject(c, "new", cJSON_Duplicate(new, 1)))
		goto fail;
	if (cJSON_AddItemToArray(out, c))
		return 0;
fail:
	cJSON_Delete(c);
	return oom();
}

static int diff_parties(cJSON *out, const cJSON *a, const cJSON *b)
{
	const cJSON *pa = cJSON_GetObjectItemCaseSensitive(a, "parties");
	const cJSON *pb = cJSON_GetObjectItemCaseSensitive(b, "parties"), *it;

	cJSON_ArrayForEach(it, pa)
		if (cJSON_IsString(it) && !samv_json_has(pb, it->valuestring) &&
		    add_change(out, "removed", "party", it->valuestring, NULL, NULL, false) < 0)
			return SAMV_ERROR;
	cJSON_ArrayForEach(it, pb)
		if (cJSON_IsString(it) && !samv_json_has(pa, it->valuestring) &&
		    add_change(out, "added", "party", it->valuestring, NULL, NULL, false) < 0)
			return SAMV_ERROR;
	return 0;
}

static int diff_purposes(cJSON *out, const cJSON *a, const cJSON *b, bool texts)
{
	const cJSON *pa = cJSON_GetObjectItemCaseSensitive(a, "purposes");
	const cJSON *pb = cJSON_GetObjectItemCaseSensitive(b, "purposes"), *x, *y;
	char key[2] = "";
	const char *k;
	int rc = 0;

	for (k = KEYS; *k && rc == 0; k++) {
		key[0] = *k;
		x = cJSON_GetObjectItemCaseSensitive(pa, key);
		y = cJSON_GetObjectItemCaseSensitive(pb, key);
		if (x && !y)
			rc = add_change(out, "removed", "purpose", key, x, NULL, texts);
		else if (!x && y)
			rc = add_change(out, "added", "purpose", key, NULL, y, texts);
		else if (x && !cJSON_Compare(x, y, 1))
			rc = add_change(out, "changed", "purpose", key, x, y, texts);
	}
	return rc;
}

static int diff_clauses(cJSON *out, const cJSON *a, const cJSON *b, bool texts)
{
	const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, "clauses");
	const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, "clauses");
	int rc = 0, c;

	/* both are in natural order: walk them side by side */
	x = x ? x->child : NULL;
	y = y ? y->child : NULL;
	while ((x || y) && rc == 0) {
		c = !x ? 1 : !y ? -1 : samv_clause_cmp(str(x, "id"), str(y, "id"));
		if (c < 0) {
			rc = add_change(out, "removed", "clause", str(x, "id"), x, NULL, texts);
			x = x->next;
		} else if (c > 0) {
			rc = add_change(out, "added", "clause", str(y, "id"), NULL, y, texts);
			y = y->next;
		} else {
			if (!cJSON_Compare(x, y, 1))
				rc = add_change(out, "changed", "clause", str(x, "id"), x, y, texts);
			x = x->next;
			y = y->next;
		}
	}
	return rc;
}

int samv_agreement_diff(cJSON **out, const cJSON *a, const cJSON *b, bool texts)
{
	const char *ta = str(a, "title"), *tb = str(b, "title");
	cJSON *arr = cJSON_CreateArray();
	int rc = 0;

	*out = NULL;
	if (!arr)
		return oom();
	if (a && b && ta && tb && strcmp(ta, tb))
		rc = add_change(arr, "changed", "title", NULL, cJSON_GetObjectItemCaseSensitive(a, "title"),
				cJSON_GetObjectItemCaseSensitive(b, "title"), texts);
	if (rc == 0)
		rc = diff_parties(arr, a, b);
	if (rc == 0)
		rc = diff_purposes(arr, a, b, texts);
	if (rc == 0)
		rc = diff_clauses(arr, a, b, texts);
	if (rc < 0) {
		cJSON_Delete(arr);
		return rc;
	}
	*out = arr;
	return 0;
}

int samv_agreement_change_line(struct samv_buf *out, const cJSON *change)
{
	const char *id = str(change, "id");

	return samv_buf_printf(out, "%s %s%s%s", str(change, "change"), str(change, "what"), id ? " " : "",
			       id ? id : "");
}

/* ---- writing ------------------------------------------------------------ */

/* The decision behind a write: it must exist, and be adopted, in v. */
static int adopted_decision(cJSON **out, struct samv_view *v, const char *given)
{
	char id[SAMV_ID_MAX + 1];
	const char *status;
	int rc;

	*out = NULL;
	if (!given)
		return samv_error_set(SAMV_EUSAGE, "--decision is required: the Agreement changes only on an "
				      "adopted decision");
	if ((rc = samv_record_resolve(id, v, type("decision"), given)) < 0)
		return samv_error_set(rc, "--decision: %s", samv_error_last());
	if ((rc = samv_record_load(out, v, type("decision"), id)) < 0)
		return rc;
	status = str(*out, "status");
	if (!status || strcmp(status, "adopted")) {
		rc = samv_error_setp(SAMV_EINVAL, "decision '%s' is %s, not adopted; the Agreement changes only on "
				     "an adopted decision", id, samv_status_word("decision", status ? status : "without a status"));
		cJSON_Delete(*out);
		*out = NULL;
	}
	return rc;
}

/* The first arena, challenge or proposed decision serving a purpose key for which
 * keep(key) is false: *kind, id and key say which.  Decisions taken keep
 * what they served when they were taken. */
struct server {
	const char *kind;
	char id[SAMV_ID_MAX + 1];
	char key[8];
};

static int find_server(struct server *out, struct samv_view *v, bool (*keep)(const char *key, const void *arg),
		       const void *arg)
{
	static const char *const users[] = { "arena", "decision", "challenge", NULL };
	const char *const *u;
	const cJSON *it;
	cJSON *all = NULL, *rec;
	int rc = 0, found = 0;

	for (u = users; *u && rc == 0 && !found; u++) {
		if ((rc = samv_record_load_all(&all, v, type(*u), NULL)) < 0)
			break;
		cJSON_ArrayForEach(rec, all) {
			if (!strcmp(*u, "decision") && strcmp(str(rec, "status"), "proposed"))
				continue;
			cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "serves"))
				if (!found && cJSON_IsString(it) && !keep(it->valuestring, arg)) {
					out->kind = *u;
					snprintf(out->id, sizeof(out->id), "%s", str(rec, "id"));
					snprintf(out->key, sizeof(out->key), "%s", it->valuestring);
					found = 1;
				}
		}
		cJSON_Delete(all);
		all = NULL;
	}
	return rc < 0 ? rc : found;
}

static bool not_key(const char *key, const void *arg)
{
	return strcmp(key, arg) != 0;
}

static bool in_purposes(const char *key, const void *purposes)
{
	return cJSON_GetObjectItemCaseSensitive(purposes, key) != NULL;
}

/* Removing a purpose would leave what serves it pointing at nothing. */
static int served_by(struct samv_view *v, const char *key)
{
	struct server sv;
	int rc = find_server(&sv, v, not_key, key);

	if (rc > 0)
		rc = samv_error_set(SAMV_EINVAL, "--remove-purpose: purpose '%s' is still served by %s '%s'; take "
				    "it out of its serves first (samv-%s edit %s --remove-serves %s)", key, sv.kind,
				    sv.id, sv.kind, sv.id, key);
	return rc;
}

/* An Agreement adopted after arenas were registered must have the
 * purposes they serve. */
static int serves_adopted(struct samv_view *v, const cJSON *doc)
{
	struct server sv;
	int rc = find_server(&sv, v, in_purposes, cJSON_GetObjectItemCaseSensitive(doc, "purposes"));

	if (rc > 0)
		rc = samv_error_set(SAMV_EINVAL, "%s '%s' serves purpose '%s', which the Agreement does not have; "
				    "give it (--purpose %s=TEXT) or take it out (samv-%s edit %s --remove-serves %s)",
				    sv.kind, sv.id, sv.key, sv.key, sv.kind, sv.id, sv.key);
	return rc;
}

static int put_purpose(struct samv_txn *t, const char *key, const char *text)
{
	cJSON *rec = cJSON_CreateObject();
	int rc;

	if (!rec || !cJSON_AddStringToObject(rec, "id", key) || !cJSON_AddStringToObject(rec, "text", text))
		rc = oom();
	else
		rc = samv_txn_put_record(t, type("purpose"), rec);
	cJSON_Delete(rec);
	return rc;
}

/*
 * Stage doc as the new version over old (NULL on adoption) and commit:
 * the agreement record, then every purpose and clause that changed, with
 * trailers an auditor can filter on.
 */
static int write_version(struct samv_txn *t, const cJSON *old, const cJSON *doc, const cJSON *decision)
{
	struct samv_buf body = SAMV_BUF_INIT, subject = SAMV_BUF_INIT;
	cJSON *rec = NULL, *changes = NULL, *ch;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	const char *what, *id;
	char num[32];
	bool changed;
	int rc;

	if ((rc = samv_agreement_diff(&changes, old, doc, false)) < 0)
		goto out;
	if (old && !cJSON_GetArraySize(changes)) {
		rc = samv_error_set(SAMV_EINVAL, "nothing to change: the amendment leaves the Agreement as it is");
		goto out;
	}
	if (!(rec = cJSON_Duplicate(doc, 1))) {
		rc = oom();
		goto out;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "purposes");
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "clauses");
	snprintf(num, sizeof(num), "%d", v ? v->valueint : 0);
	if ((rc = samv_txn_put_record(t, type("agreement"), rec)) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Agreement-Version", num)) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Meeting", str(decision, "meeting"))) < 0 ||
	    (rc = samv_txn_trailer(t, "Samv-Arena", str(decision, "arena"))) < 0)
		goto out;
	if (!old && (rc = samv_buf_printf(&body, "adopted: %s\n", str(doc, "title"))) < 0)
		goto out;
	cJSON_ArrayForEach(ch, changes) {
		what = str(ch, "what");
		id = str(ch, "id");
		if ((rc = samv_agreement_change_line(&body, ch)) < 0 || (rc = samv_buf_puts(&body, "\n")) < 0)
			goto out;
		if (!strcmp(what, "purpose")) {
			const char *text = str(cJSON_GetObjectItemCaseSensitive(doc, "purposes"), id);

			rc = samv_txn_trailer(t, "Samv-Purpose", id);
			if (rc == 0)
				rc = text ? put_purpose(t, id, text) : samv_txn_remove_record(t, type("purpose"), id);
		} else if (!strcmp(what, "clause")) {
			const cJSON *c = find_clause(cJSON_GetObjectItemCaseSensitive(doc, "clauses"), id);

			rc = samv_txn_trailer(t, "Samv-Clause", id);
			if (rc == 0)
				rc = c ? samv_txn_put_record(t, type("clause"), c)
				       : samv_txn_remove_record(t, type("clause"), id);
		}
		if (rc < 0)
			goto out;
	}
	if ((rc = samv_buf_printf(&subject, "agreement: version %s (decision %s)", num, str(decision, "id"))) < 0 ||
	    (rc = samv_txn_commit(t, subject.ptr, body.ptr, &changed)) < 0)
		goto out;
	if (!changed)
		rc = samv_error_set(SAMV_EINVAL, "nothing to change: the amendment leaves the Agreement as it is");
out:
	samv_buf_free(&body);
	samv_buf_free(&subject);
	cJSON_Delete(changes);
	cJSON_Delete(rec);
	return rc;
}

static const char *version_date(const cJSON *doc)
{
	const char *d = str(doc, "amended");

	return d ? d : str(doc, "adopted");
}

/* ---- adopting ----------------------------------------------------------- */

static bool one_of(const char *s, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(s, *list))
			return true;
	return false;
}

static int adopt_parties(cJSON *doc, struct samv_view *v, const cJSON *in)
{
	char id[SAMV_ID_MAX + 1];
	cJSON *parties;
	const cJSON *it;
	int rc;

	if (!in)
		return 0;
	if (!cJSON_IsArray(in))
		return samv_error_set(SAMV_EINVAL, "parties: must be a list of organisation ids");
	if (!(parties = cJSON_AddArrayToObject(doc, "parties")))
		return oom();
	cJSON_ArrayForEach(it, in) {
		if (!cJSON_IsString(it))
			return samv_error_set(SAMV_EINVAL, "parties: must be a list of organisation ids");
		if ((rc = samv_record_resolve(id, v, type("actor"), it->valuestring)) < 0)
			return samv_error_set(rc, "parties: %s", samv_error_last());
		if (samv_json_has(parties, id))
			return samv_error_set(SAMV_EINVAL, "parties: '%s' is listed twice", id);
		if (!cJSON_AddItemToArray(parties, cJSON_CreateString(id)))
			return oom();
	}
	return 0;
}

static int adopt_purposes(cJSON *doc, const cJSON *in)
{
	cJSON *purposes;
	const cJSON *it;
	int rc;

	if (!(purposes = cJSON_AddObjectToObject(doc, "purposes")))
		return oom();
	if (!in)
		return 0;
	if (!cJSON_IsObject(in))
		return samv_error_set(SAMV_EINVAL, "purposes: must be an object of KEY: TEXT");
	cJSON_ArrayForEach(it, in) {
		if ((rc = samv_purpose_key_check(it->string)) < 0)
			return samv_error_set(rc, "purposes: %s", samv_error_last());
		if (!cJSON_IsString(it) || !it->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "purposes: purpose '%s' has no text", it->string);
		if (!cJSON_AddStringToObject(purposes, it->string, it->valuestring))
			return oom();
	}
	return sort_purposes(doc);
}

static int adopt_clauses(cJSON *doc, const cJSON *in)
{
	static const char *const keys[] = { "id", "heading", "text", NULL };
	const cJSON *it, *m;
	cJSON *clauses, *c;
	const char *id, *text, *heading;
	int rc;

	if (!(clauses = cJSON_AddArrayToObject(doc, "clauses")))
		return oom();
	if (!in)
		return 0;
	if (!cJSON_IsArray(in))
		return samv_error_set(SAMV_EINVAL, "clauses: must be a list of {id, heading, text}");
	cJSON_ArrayForEach(it, in) {
		if (!cJSON_IsObject(it))
			return samv_error_set(SAMV_EINVAL, "clauses: must be a list of {id, heading, text}");
		cJSON_ArrayForEach(m, it)
			if (!one_of(m->string, keys) || !cJSON_IsString(m))
				return samv_error_set(SAMV_EINVAL, "clauses: '%s' is not a clause's (id, heading, "
						      "text: strings)", m->string);
		if (!(id = str(it, "id")))
			return samv_error_set(SAMV_EINVAL, "clauses: a clause without an id");
		if ((rc = samv_id_check(id, "clause id")) < 0)
			return rc;
		if (find_clause(clauses, id))
			return samv_error_set(SAMV_EINVAL, "clauses: clause '%s' is listed twice", id);
		if (!(text = str(it, "text")) || !*text)
			return samv_error_set(SAMV_EINVAL, "clauses: clause '%s' has no text", id);
		heading = str(it, "heading");
		if (!(c = cJSON_CreateObject()) || !cJSON_AddStringToObject(c, "id", id) ||
		    (heading && *heading && !cJSON_AddStringToObject(c, "heading", heading)) ||
		    !cJSON_AddStringToObject(c, "text", text)) {
			cJSON_Delete(c);
			return oom();
		}
		if ((rc = insert_clause(clauses, c)) < 0)
			return rc;
	}
	return 0;
}

/* A version takes effect on or after the day of its decision, and not
 * in the future. */
static int version_when(const char *date, const cJSON *decision, const char *what)
{
	const char *made = str(decision, "date");

	if (!date || samv_date_check(date) < 0)
		return 0; /* validation says why */
	if (made && strcmp(date, made) < 0)
		return samv_error_set(SAMV_EINVAL, "%s: %s is before decision '%s' of %s", what, date,
				      str(decision, "id"), made);
	return samv_date_past(date, what);
}

/* The document of version 1 from what the user gave. */
static int adopt_doc(cJSON **out, struct samv_view *v, const cJSON *in, const cJSON *decision)
{
	static const char *const keys[] = { "title", "parties", "adopted", "note", "purposes", "clauses", NULL };
	const char *adopted = str(in, "adopted"), *note = str(in, "note");
	cJSON *doc = cJSON_CreateObject();
	const cJSON *it;
	int rc;

	*out = NULL;
	if (!doc)
		return oom();
	if (!cJSON_IsObject(in)) {
		rc = samv_error_set(SAMV_EINVAL, "the Agreement must be a JSON object");
		goto out;
	}
	cJSON_ArrayForEach(it, in)
		if (!one_of(it->string, keys)) {
			rc = samv_error_set(SAMV_EINVAL, "'%s' is not part of an Agreement (title, parties, adopted, "
					    "note, purposes, clauses)", it->string);
			goto out;
		}
	if (!str(in, "title")) {
		rc = samv_error_set(SAMV_EINVAL, "title: required (--title)");
		goto out;
	}
	if ((rc = set_str(doc, "id", AGREEMENT_ID)) < 0 || (rc = set_str(doc, "title", str(in, "title"))) < 0 ||
	    (rc = adopt_parties(doc, v, cJSON_GetObjectItemCaseSensitive(in, "parties"))) < 0 ||
	    (rc = set_str(doc, "adopted", adopted ? adopted : str(decision, "date"))) < 0)
		goto out;
	if (!cJSON_AddNumberToObject(doc, "version", 1) || set_str(doc, "decision", str(decision, "id")) < 0 ||
	    (note && set_str(doc, "note", note) < 0)) {
		rc = oom();
		goto out;
	}
	if ((rc = version_when(str(doc, "adopted"), decision, "adopted")) < 0 ||
	    (rc = adopt_purposes(doc, cJSON_GetObjectItemCaseSensitive(in, "purposes"))) < 0 ||
	    (rc = adopt_clauses(doc, cJSON_GetObjectItemCaseSensitive(in, "clauses"))) < 0)
		goto out;
	*out = doc;
	doc = NULL;
out:
	cJSON_Delete(doc);
	return rc;
}

int samv_agreement_adopt(struct samv_store *s, const char *command, const char *decision, const cJSON *in)
{
	struct samv_txn *t = NULL;
	cJSON *dec = NULL, *doc = NULL, *cur = NULL;
	int rc;

	if ((rc = samv_txn_begin(&t, s, command)) < 0)
		return rc;
	rc = samv_agreement_load(&cur, samv_txn_view(t));
	if (rc == 0) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(cur, "version");

		rc = samv_error_set(SAMV_EEXISTS, "the Agreement already exists (version %d); change it with "
				    "samv-agreement amend", v ? v->valueint : 0);
		goto out;
	}
	if (rc != SAMV_ENOTFOUND)
		goto out;
	if ((rc = adopted_decision(&dec, samv_txn_view(t), decision)) < 0 ||
	    (rc = adopt_doc(&doc, samv_txn_view(t), in, dec)) < 0 ||
	    (rc = serves_adopted(samv_txn_view(t), doc)) < 0)
		goto out;
	rc = write_version(t, NULL, doc, dec);
out:
	cJSON_Delete(cur);
	cJSON_Delete(doc);
	cJSON_Delete(dec);
	samv_txn_free(t);
	return rc;
}

/* ---- amending ----------------------------------------------------------- */

/* No purpose or clause may be named by two options of one amendment. */
static int claim(cJSON *seen, const char *what, const char *id, const char *opt)
{
	char key[SAMV_ID_MAX + 16];

	snprintf(key, sizeof(key), "%s %s", what, id);
	if (cJSON_GetObjectItemCaseSensitive(seen, key))
		return samv_error_set(SAMV_EINVAL, "--%s: %s '%s' is already changed by another option", opt, what,
				      id);
	return cJSON_AddStringToObject(seen, key, opt) ? 0 : oom();
}

static int amend_parties(cJSON *doc, struct samv_view *v, const struct samv_amend *a)
{
	char id[SAMV_ID_MAX + 1];
	cJSON *parties = cJSON_GetObjectItemCaseSensitive(doc, "parties"), *h;
	const cJSON *it;
	int rc;

	cJSON_ArrayForEach(it, a->remove_parties) {
		for (h = parties ? parties->child : NULL; h; h = h->next)
			if (cJSON_IsString(h) && !strcmp(h->valuestring, it->valuestring))
				break;
		if (!h)
			return samv_error_set(SAMV_EINVAL, "--remove-party: '%s' is not a party to the Agreement",
					      it->valuestring);
		cJSON_Delete(cJSON_DetachItemViaPointer(parties, h));
	}
	cJSON_ArrayForEach(it, a->add_parties) {
		if ((rc = samv_record_resolve(id, v, type("actor"), it->valuestring)) < 0)
			return samv_error_set(rc, "--add-party: %s", samv_error_last());
		if (samv_json_has(parties, id))
			return samv_error_set(SAMV_EINVAL, "--add-party: '%s' is already a party to the Agreement",
					      id);
		if (!parties && !(parties = cJSON_AddArrayToObject(doc, "parties")))
			return oom();
		if (!cJSON_AddItemToArray(parties, cJSON_CreateString(id)))
			return oom();
	}
	return 0;
}

static int amend_purposes(cJSON *doc, struct samv_view *v, const struct samv_amend *a, cJSON *seen)
{
	cJSON *purposes = cJSON_GetObjectItemCaseSensitive(doc, "purposes");
	const cJSON *it;
	int rc;

	cJSON_ArrayForEach(it, a->remove_purposes) {
		const char *k = it->valuestring;

		if ((rc = samv_purpose_key_check(k)) < 0)
			return samv_error_set(rc, "--remove-purpose: %s", samv_error_last());
		if (!cJSON_GetObjectItemCaseSensitive(purposes, k))
			return samv_error_set(SAMV_EINVAL, "--remove-purpose: no purpose '%s' in the Agreement", k);
		if ((rc = claim(seen, "purpose", k, "remove-purpose")) < 0 || (rc = served_by(v, k)) < 0)
			return rc;
		cJSON_DeleteItemFromObjectCaseSensitive(purposes, k);
	}
	cJSON_ArrayForEach(it, a->change_purposes) {
		if ((rc = samv_purpose_key_check(it->string)) < 0)
			return samv_error_set(rc, "--change-purpose: %s", samv_error_last());
		if (!cJSON_GetObjectItemCaseSensitive(purposes, it->string))
			return samv_error_set(SAMV_EINVAL, "--change-purpose: no purpose '%s' in the Agreement "
					      "(see --add-purpose)", it->string);
		if (!it->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "--change-purpose: purpose '%s' needs a text "
					      "(see --remove-purpose)", it->string);
		if ((rc = claim(seen, "purpose", it->string, "change-purpose")) < 0 ||
		    (rc = set_str(purposes, it->string, it->valuestring)) < 0)
			return rc;
	}
	cJSON_ArrayForEach(it, a->add_purposes) {
		if ((rc = samv_purpose_key_check(it->string)) < 0)
			return samv_error_set(rc, "--add-purpose: %s", samv_error_last());
		if (cJSON_GetObjectItemCaseSensitive(purposes, it->string))
			return samv_error_set(SAMV_EEXISTS, "--add-purpose: purpose '%s' already exists "
					      "(see --change-purpose)", it->string);
		if (!it->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "--add-purpose: purpose '%s' needs a text", it->string);
		if ((rc = claim(seen, "purpose", it->string, "add-purpose")) < 0 ||
		    (rc = set_str(purposes, it->string, it->valuestring)) < 0)
			return rc;
	}
	return sort_purposes(doc);
}

static int amend_clauses(cJSON *doc, const struct samv_amend *a, cJSON *seen)
{
	cJSON *clauses = cJSON_GetObjectItemCaseSensitive(doc, "clauses"), *c;
	const cJSON *it;
	int rc;

	cJSON_ArrayForEach(it, a->remove_clauses) {
		if ((rc = samv_id_check(it->valuestring, "clause id")) < 0)
			return samv_error_set(rc, "--remove-clause: %s", samv_error_last());
		if (!(c = find_clause(clauses, it->valuestring)))
			return samv_error_set(SAMV_ENOTFOUND, "--remove-clause: no clause '%s' in the Agreement",
					      it->valuestring);
		if ((rc = claim(seen, "clause", it->valuestring, "remove-clause")) < 0)
			return rc;
		cJSON_Delete(cJSON_DetachItemViaPointer(clauses, c));
	}
	cJSON_ArrayForEach(it, a->change_clauses) {
		if ((rc = samv_id_check(it->string, "clause id")) < 0)
			return samv_error_set(rc, "--change-clause: %s", samv_error_last());
		if (!(c = find_clause(clauses, it->string)))
			return samv_error_set(SAMV_ENOTFOUND, "--change-clause: no clause '%s' in the Agreement "
					      "(see --add-clause)", it->string);
		if (!it->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "--change-clause: clause '%s' needs a text "
					      "(see --remove-clause)", it->string);
		if ((rc = claim(seen, "clause", it->string, "change-clause")) < 0 ||
		    (rc = set_str(c, "text", it->valuestring)) < 0)
			return rc;
	}
	cJSON_ArrayForEach(it, a->add_clauses) {
		if ((rc = samv_id_check(it->string, "clause id")) < 0)
			return samv_error_set(rc, "--add-clause: %s", samv_error_last());
		if (find_clause(clauses, it->string))
			return samv_error_set(SAMV_EEXISTS, "--add-clause: clause '%s' already exists "
					      "(see --change-clause)", it->string);
		if (!it->valuestring[0])
			return samv_error_set(SAMV_EINVAL, "--add-clause: clause '%s' needs a text", it->string);
		if ((rc = claim(seen, "clause", it->string, "add-clause")) < 0)
			return rc;
		if (!(c = cJSON_CreateObject()) || !cJSON_AddStringToObject(c, "id", it->string) ||
		    !cJSON_AddStringToObject(c, "text", it->valuestring)) {
			cJSON_Delete(c);
			return oom();
		}
		if ((rc = insert_clause(clauses, c)) < 0)
			return rc;
	}
	cJSON_ArrayForEach(it, a->headings) {
		if ((rc = samv_id_check(it->string, "clause id")) < 0)
			return samv_error_set(rc, "--heading: %s", samv_error_last());
		if (!(c = find_clause(clauses, it->string)))
			return samv_error_set(SAMV_ENOTFOUND, "--heading: no clause '%s' in the Agreement",
					      it->string);
		cJSON_DeleteItemFromObjectCaseSensitive(c, "heading");
		if (it->valuestring[0] && !cJSON_AddStringToObject(c, "heading", it->valuestring))
			return oom();
	}
	return 0;
}

int samv_agreement_amend(int *version, struct samv_store *s, const char *command, const struct samv_amend *a)
{
	struct samv_txn *t = NULL;
	cJSON *dec = NULL, *old = NULL, *doc = NULL, *seen = NULL;
	const cJSON *v;
	const char *date, *was;
	int rc;

	*version = 0;
	if (!a->decision)
		return samv_error_set(SAMV_EUSAGE, "amend: --decision is required: the Agreement changes only on "
				      "an adopted decision");
	if (a->date && samv_date_check(a->date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	if ((rc = samv_txn_begin(&t, s, command)) < 0)
		return rc;
	if ((rc = samv_agreement_load(&old, samv_txn_view(t))) < 0 ||
	    (rc = adopted_decision(&dec, samv_txn_view(t), a->decision)) < 0)
		goto out;
	date = a->date ? a->date : str(dec, "date");
	was = version_date(old);
	v = cJSON_GetObjectItemCaseSensitive(old, "version");
	if (date && was && strcmp(date, was) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "%s %s is before version %d of %s; versions follow each other in "
				    "time", a->date ? "--date" : "the decision's date", date, v ? v->valueint : 0,
				    was);
		goto out;
	}
	if ((rc = version_when(date, dec, "--date")) < 0)
		goto out;
	if (!(doc = cJSON_Duplicate(old, 1)) || !(seen = cJSON_CreateObject())) {
		rc = oom();
		goto out;
	}
	if (a->title && (rc = set_str(doc, "title", a->title)) < 0)
		goto out;
	if ((rc = amend_parties(doc, samv_txn_view(t), a)) < 0 ||
	    (rc = amend_purposes(doc, samv_txn_view(t), a, seen)) < 0 || (rc = amend_clauses(doc, a, seen)) < 0)
		goto out;
	*version = (v ? v->valueint : 0) + 1;
	cJSON_DeleteItemFromObjectCaseSensitive(doc, "version");
	if (!cJSON_AddNumberToObject(doc, "version", *version) || set_str(doc, "amended", date) < 0 ||
	    set_str(doc, "decision", str(dec, "id")) < 0) {
		rc = oom();
		goto out;
	}
	rc = write_version(t, old, doc, dec);
out:
	if (rc < 0)
		*version = 0;
	cJSON_Delete(seen);
	cJSON_Delete(doc);
	cJSON_Delete(old);
	cJSON_Delete(dec);
	samv_txn_free(t);
	return rc;
}
