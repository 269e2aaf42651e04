/*
 * forget.c - erasing a person's data without touching the audit trail.
 *
 * The person's record leaves every commit of the people ref (people.c),
 * which is rewritten; the main branch, which names people only by ids
 * that carry no name, keeps every commit.  A tombstone stays at the
 * record's path so that references still resolve, to "(removed)" or
 * "(borttagen)": it holds no personal data, only the organisation and
 * role (which the public record shows too), the date and the decision or
 * request it follows.  The old objects stay in the object store until
 * `git gc --prune=now` (libgit2 cannot collect garbage).
 */
#include <stdlib.h>
#include <string.h>

#include "people.h"

/* The repository's language for documents: "en" or "sv" (the default). */
static const char *repo_lang(struct samv_view *v)
{
	struct samv_buf text = SAMV_BUF_INIT;
	cJSON *rec = NULL;
	const char *l;
	bool en = false;

	if (samv_view_read(&text, v, SAMV_REPO_FILE) == 0 &&
	    (rec = cJSON_ParseWithLength(text.ptr, text.len)) && (l = samv_record_str(rec, "language")))
		en = !strcmp(l, "en");
	samv_error_clear();
	cJSON_Delete(rec);
	samv_buf_free(&text);
	return en ? "en" : "sv";
}

static int tombstone(struct samv_buf *out, const cJSON *rec, const char *lang, const char *today, const char *ref)
{
	const struct samv_type *t = samv_type_find("person");
	cJSON *tomb = cJSON_CreateObject();
	int rc = 0;

	if (!tomb || !cJSON_AddStringToObject(tomb, "id", samv_record_str(rec, "id")) ||
	    !cJSON_AddStringToObject(tomb, "name", strcmp(lang, "en") ? "(borttagen)" : "(removed)") ||
	    !cJSON_AddStringToObject(tomb, "actor", samv_record_str(rec, "actor")) ||
	    !cJSON_AddStringToObject(tomb, "role", samv_record_str(rec, "role")) ||
	    !cJSON_AddStringToObject(tomb, "status", "forgotten") ||
	    !cJSON_AddStringToObject(tomb, "forgotten", today) ||
	    (ref && *ref && !cJSON_AddStringToObject(tomb, "forgotten_ref", ref)))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc == 0)
		rc = samv_record_format(out, t, tomb);
	cJSON_Delete(tomb);
	return rc;
}

/* Whether text holds needle, letters compared without case (ASCII). */
static bool mentions(const char *text, const char *needle)
{
	return text && needle && *needle && strcasestr(text, needle);
}

static int add_mention(cJSON *list, const char *path, const struct samv_type *t, const char *id,
		       const struct samv_field *f)
{
	cJSON *m = cJSON_CreateObject();

	if (m && !cJSON_AddItemToArray(list, m)) {
		cJSON_Delete(m);
		m = NULL;
	}
	if (!m || !cJSON_AddStringToObject(m, "file", path) || !cJSON_AddStringToObject(m, "type", t->name) ||
	    !cJSON_AddStringToObject(m, "id", id ? id : "") || !cJSON_AddStringToObject(m, "field", f->name) ||
	    !cJSON_AddStringToObject(m, "option", f->opt))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

/* Text fields of the branch's records that still hold one of what[]. */
static int find_mentions(cJSON *out, struct samv_view *v, const char *const *what, size_t nwhat)
{
	const struct samv_type *t;
	cJSON *all = NULL, *rec, *val, *it;
	char path[256];
	size_t i, k, j;
	int rc = 0;

	for (i = 0; (t = samv_type_at(i)) && rc == 0; i++) {
		if (samv_type_personal(t))
			continue;
		if ((rc = samv_record_load_all(&all, v, t, NULL)) < 0)
			break;
		cJSON_ArrayForEach(rec, all) {
			const char *id = samv_record_str(rec, "id");

			for (k = 0; k < t->nfields && rc == 0; k++) {
				const struct samv_field *f = &t->fields[k];
				bool hit = false;

				if (f->kind != SAMV_F_STRING && f->kind != SAMV_F_TEXT && f->kind != SAMV_F_LIST)
					continue;
				val = cJSON_GetObjectItemCaseSensitive(rec, f->name);
				for (j = 0; j < nwhat && !hit; j++) {
					if (cJSON_IsString(val))
						hit = mentions(val->valuestring, what[j]);
					else if (cJSON_IsArray(val))
						cJSON_ArrayForEach(it, val)
							hit |= cJSON_IsString(it) && mentions(it->valuestring, what[j]);
				}
				if (hit && samv_type_path(path, sizeof(path), t, id) == 0)
					rc = add_mention(out, path, t, id, f);
			}
		}
		cJSON_Delete(all);
		all = NULL;
	}
	return rc;
}

/* Delete every reference matching glob (with its log). */
static int drop_refs(git_repository *repo, const char *glob)
{
	git_reference_iterator *it = NULL;
	git_reference *ref = NULL;
	int rc = 0;

	if (git_reference_iterator_glob_new(&it, repo, glob) < 0)
		return samv_error_git(SAMV_ERROR, "cannot list references");
	while (rc == 0 && git_reference_next(&ref, it) == 0) {
		if (git_reference_delete(ref) < 0)
			rc = samv_error_git(SAMV_EIO, git_reference_name(ref));
		git_reference_free(ref);
		ref = NULL;
	}
	git_reference_iterator_free(it);
	return rc;
}

/* The ref's reflog and the copies of remotes' people chains (git's
 * remote-tracking ones, which git fetch makes again from the remote, and
 * those of samv before them) hold the old chain: they go too. */
static int drop_old_refs(git_repository *repo)
{
	int rc;

	if (git_reflog_delete(repo, SAMV_PEOPLE_REF) < 0)
		return samv_error_git(SAMV_EIO, "cannot remove the reflog of " SAMV_PEOPLE_REF);
	if ((rc = drop_refs(repo, SAMV_PEOPLE_TRACKING_GLOB)) == 0)
		rc = drop_refs(repo, SAMV_PEOPLE_REMOTES "*");
	return rc;
}

int samv_person_forget(cJSON **mentioned, char id[SAMV_ID_MAX + 1], struct samv_store *s, const char *given,
		       const char *ref, const char *today)
{
	const struct samv_type *t = samv_type_find("person");
	struct samv_buf tomb = SAMV_BUF_INIT, msg = SAMV_BUF_INIT;
	struct samv_staged st = { NULL, NULL, 0, 0 };
	struct samv_txn *txn = NULL;
	const git_oid *tip;
	git_tree *ptree, *rtree = NULL;
	git_commit *rc_commit = NULL;
	git_oid rewritten;
	cJSON *rec = NULL, *ids = NULL, *list = NULL;
	const char *what[4], *status;
	char path[256];
	bool changed;
	size_t nwhat = 0;
	int rc;

	*mentioned = NULL;
	if (ref && (strchr(ref, '\n') || samv_text_blank(ref)))
		return samv_error_set(SAMV_EINVAL, "--reason: one line of text, not empty");
	if ((rc = samv_txn_begin(&txn, s, "samv-person forget")) < 0 || (rc = samv_txn_people(txn, &tip, &ptree)) < 0)
		goto out;
	if ((rc = samv_record_resolve(id, samv_txn_view(txn), t, given)) < 0 ||
	    (rc = samv_record_load(&rec, samv_txn_view(txn), t, id)) < 0)
		goto out;
	if ((status = samv_record_str(rec, "status")) && !strcmp(status, "forgotten")) {
		rc = samv_error_set(SAMV_EINVAL, "person '%s' is forgotten already", id);
		goto out;
	}
	if ((what[nwhat] = samv_record_str(rec, "name")))
		nwhat++;
	if ((what[nwhat] = samv_record_str(rec, "email")))
		nwhat++;
	if ((what[nwhat] = samv_record_str(rec, "phone")))
		nwhat++;
	/* the id made from the name, before the move (migrate.c) */
	if ((what[nwhat] = samv_record_str(rec, "former_id")))
		nwhat++;
	if (!(list = cJSON_CreateArray()) || (rc = find_mentions(list, samv_txn_view(txn), what, nwhat)) < 0) {
		rc = rc < 0 ? rc : samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	/* every commit of the chain without the record, then the tombstone */
	if (!(ids = cJSON_CreateArray()) || !cJSON_AddItemToArray(ids, cJSON_CreateString(id))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_people_rewrite(&rewritten, samv_store_repo(s), tip, ids)) < 0)
		goto out;
	if (git_commit_lookup(&rc_commit, samv_store_repo(s), &rewritten) < 0 || git_commit_tree(&rtree, rc_commit) < 0) {
		rc = samv_error_git(SAMV_ERROR, SAMV_PEOPLE_REF);
		goto out;
	}
	if ((rc = tombstone(&tomb, rec, repo_lang(samv_txn_view(txn)), today, ref)) < 0 ||
	    (rc = samv_type_path(path, sizeof(path), t, id)) < 0)
		goto out;
	if (samv_buf_printf(&msg, "person: forget %s\n\n%s%s%sSamv-Command: samv-person forget\n"
			    "Samv-Record: %s\nSamv-Version: %s\n", id, ref ? "Following: " : "", ref ? ref : "",
			    ref ? "\n\n" : "", path, SAMV_VERSION) < 0) {
		rc = SAMV_ERROR;
		goto out;
	}
	st.path = path;
	st.text = tomb.ptr;
	st.len = tomb.len;
	if ((rc = samv_people_commit_on(samv_store_repo(s), &rewritten, rtree, tip, &st, 1, msg.ptr,
					"samv-person forget", &changed)) < 0 ||
	    (rc = drop_old_refs(samv_store_repo(s))) < 0)
		goto out;
	*mentioned = list;
	list = NULL;
out:
	git_tree_free(rtree);
	git_commit_free(rc_commit);
	samv_txn_free(txn);
	samv_buf_free(&tomb);
	samv_buf_free(&msg);
	cJSON_Delete(rec);
	cJSON_Delete(ids);
	cJSON_Delete(list);
	return rc;
}
