/*
 * auditlog.c - the history of a record, an arena, a decision or the
 * Agreement, read from git: for each commit that changed one of their
 * files, who, when, with which samv command, and what changed field by
 * field.  The walk compares tree entry ids down the files' paths
 * (treediff.c), so one record's history costs a few tree lookups a
 * commit, not a diff of every commit.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "histindex.h"
#include "samv.h"
#include "store.h"

void samv_log_paths_free(char **paths, size_t n)
{
	size_t i;

	for (i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
}

struct pathlist {
	char **v;
	size_t n, cap;
};

static int push_path(struct pathlist *l, const char *path)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 8;
		char **nv = realloc(l->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		l->v = nv;
		l->cap = cap;
	}
	if (!(l->v[l->n] = strdup(path)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	l->n++;
	return 0;
}

/* The records of type t in v whose field names id: their paths. */
static int push_related(struct pathlist *l, struct samv_view *v, const char *type, const char *field,
			const char *id, int *count)
{
	const struct samv_type *t = samv_type_find(type);
	cJSON *all = NULL;
	const cJSON *rec;
	char path[256];
	int rc;

	*count = 0;
	if ((rc = samv_record_load_all(&all, v, t, NULL)) < 0)
		return rc;
	cJSON_ArrayForEach(rec, all) {
		const char *ref = samv_record_str(rec, field), *rid = samv_record_str(rec, "id");

		if (!ref || !rid || strcmp(ref, id) || samv_id_check(rid, NULL) < 0)
			continue;
		if ((rc = samv_type_path(path, sizeof(path), t, rid)) < 0 || (rc = push_path(l, path)) < 0)
			break;
		(*count)++;
	}
	cJSON_Delete(all);
	return rc;
}

/* An id prefix of records of several types: the error names them all,
 * "actor stad-a, arena st-x". */
static int ambiguous_across(struct samv_view *v, const char *given)
{
	char found[SAMV_ID_AMBIGUOUS_MAX][SAMV_ID_MAX + 1], ids[SAMV_ID_AMBIGUOUS_MAX][SAMV_ID_MAX + 1];
	const struct samv_type *types[SAMV_ID_AMBIGUOUS_MAX];
	const char *cands[SAMV_ID_AMBIGUOUS_MAX];
	const struct samv_type *t;
	size_t i, k, n = 0, total = 0, here;
	int rc;

	for (i = 0; (t = samv_type_at(i)); i++) {
		if ((rc = samv_id_matches(found, SAMV_ID_AMBIGUOUS_MAX, &here, v, t, given)) < 0)
			return rc;
		total += here;
		for (k = 0; k < here && k < SAMV_ID_AMBIGUOUS_MAX && n < SAMV_ID_AMBIGUOUS_MAX; k++, n++) {
			memcpy(ids[n], found[k], sizeof(ids[n]));
			types[n] = t;
			cands[n] = ids[n];
		}
	}
	return samv_id_ambiguous_across(given, types, cands, n, total);
}

/* Which type (or types) has a record id exactly, or by a unique prefix. */
static int find_record(const struct samv_type **type, char id[SAMV_ID_MAX + 1], struct samv_view *v,
		       const char *given)
{
	const struct samv_type *t, *found = NULL;
	char path[256], full[SAMV_ID_MAX + 1];
	size_t i, matches = 0;
	int rc;

	if ((rc = samv_id_check(given, "record")) < 0)
		return rc;
	for (i = 0; (t = samv_type_at(i)); i++) {
		if (samv_type_path(path, sizeof(path), t, given) == 0 && samv_view_exists(v, path)) {
			if (found)
				return samv_error_set(SAMV_EAMBIGUOUS, "'%s' is both a %s and a %s id; "
						      "give more of the id", given, found->name, t->name);
			found = t;
		}
	}
	if (found) {
		*type = found;
		strcpy(id, given);
		return 0;
	}
	for (i = 0; (t = samv_type_at(i)); i++) {
		rc = samv_record_resolve(full, v, t, given);
		if (rc == SAMV_ENOTFOUND)
			continue;
		if (rc == SAMV_EAMBIGUOUS || (rc == 0 && matches))
			return ambiguous_across(v, given);
		if (rc < 0)
			return rc;
		matches++;
		*type = t;
		strcpy(id, full);
	}
	if (!matches)
		return samv_error_set(SAMV_ENOTFOUND, "no record '%s'", given);
	return 0;
}

int samv_log_paths(char ***paths, size_t *n, char **label, struct samv_store *s, const char *rev,
		   const char *what)
{
	struct pathlist l = { NULL, 0, 0 };
	struct samv_view *v = NULL;
	const struct samv_type *t = NULL;
	char id[SAMV_ID_MAX + 1], path[256];
	int rc = 0, meetings = 0, decisions = 0;

	*paths = NULL;
	*n = 0;
	*label = NULL;
	if (!what) {
		*label = strdup("the repository");
		goto out;
	}
	if (!strcmp(what, "agreement")) {
		if ((rc = push_path(&l, "agreement")) == 0)
			*label = strdup("the Agreement");
		goto out;
	}
	if ((rc = samv_view_rev(&v, s, rev)) < 0 || (rc = find_record(&t, id, v, what)) < 0)
		goto out;
	if ((rc = samv_type_path(path, sizeof(path), t, id)) < 0 || (rc = push_path(&l, path)) < 0)
		goto out;
	if (!strcmp(t->name, "arena")) {
		if ((rc = push_related(&l, v, "meeting", "arena", id, &meetings)) < 0 ||
		    (rc = push_related(&l, v, "decision", "arena", id, &decisions)) < 0)
			goto out;
		rc = asprintf(label, "arena %s (with %d meeting%s and %d decision%s)", id, meetings,
			      meetings == 1 ? "" : "s", decisions, decisions == 1 ? "" : "s");
	} else {
		rc = asprintf(label, "%s %s", t->name, id);
	}
	if (rc < 0)
		*label = NULL;
	rc = 0;
out:
	samv_view_free(v);
	if (rc == 0 && !*label)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc < 0) {
		samv_log_paths_free(l.v, l.n);
		free(*label);
		*label = NULL;
		return rc;
	}
	*paths = l.v;
	*n = l.n;
	return 0;
}

/* ---- one entry ------------------------------------------------------------ */

const struct samv_type *samv_path_record(const char *path, char id[SAMV_ID_MAX + 1])
{
	const struct samv_type *t;
	char want[256];
	size_t i;

	if (!strcmp(path, SAMV_REPO_FILE)) {
		*id = '\0';
		return samv_type_repository();
	}
	if (!samv_path_id(path, id) || samv_id_check(id, NULL) < 0)
		return NULL;
	for (i = 0; (t = samv_type_at(i)); i++)
		if (samv_type_path(want, sizeof(want), t, id) == 0 && !strcmp(want, path))
			return t;
	return NULL;
}

/* The JSON in a blob, or NULL with *bad set when it is not JSON. */
static int blob_json(cJSON **out, bool *bad, git_repository *repo, const git_oid *id)
{
	git_blob *blob = NULL;
	struct samv_pos pos;

	*out = NULL;
	if (git_blob_lookup(&blob, repo, id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a file of the history");
	if (samv_json_parse(out, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), &pos) < 0)
		*bad = true;
	git_blob_free(blob);
	return 0;
}

struct files {
	git_repository *repo;
	cJSON *arr;
};

static int file_fn(const struct samv_treechange *c, void *arg)
{
	struct files *f = arg;
	char id[SAMV_ID_MAX + 1];
	const struct samv_type *t = samv_path_record(c->path, id);
	cJSON *o = NULL, *old = NULL, *new = NULL, *fields = NULL;
	bool bad = false;
	int rc = SAMV_ERROR;

	if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(f->arr, o))
		goto oom;
	if (!cJSON_AddStringToObject(o, "path", c->path) ||
	    !(t ? cJSON_AddStringToObject(o, "type", t->name) : cJSON_AddNullToObject(o, "type")) ||
	    !(t && *id ? cJSON_AddStringToObject(o, "id", id) : cJSON_AddNullToObject(o, "id")) ||
	    !cJSON_AddStringToObject(o, "change", !c->had_old ? "created" : !c->has_new ? "deleted" : "changed"))
		goto oom;
	if ((c->had_old && (rc = blob_json(&old, &bad, f->repo, &c->old_id)) < 0) ||
	    (c->has_new && (rc = blob_json(&new, &bad, f->repo, &c->new_id)) < 0))
		goto out;
	if (bad) {
		if (!cJSON_AddNullToObject(o, "fields"))
			goto oom;
	} else {
		if ((rc = samv_jsondiff(&fields, old, new)) < 0)
			goto out;
		if (!cJSON_AddItemToObject(o, "fields", fields)) {
			cJSON_Delete(fields);
			goto oom;
		}
	}
	rc = 0;
	goto out;
oom:
	rc = samv_error_set(SAMV_ERROR, "out of memory");
out:
	cJSON_Delete(old);
	cJSON_Delete(new);
	return rc;
}

int samv_git_time(char out[32], const git_time *t)
{
	time_t secs = (time_t)(t->time + (git_time_t)t->offset * 60);
	int off = t->offset < 0 ? -t->offset : t->offset;
	struct tm tm;

	if (!gmtime_r(&secs, &tm))
		return samv_error_set(SAMV_ERROR, "bad commit time");
	strftime(out, 20, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(out + 19, 13, "%c%02d:%02d", t->offset < 0 ? '-' : '+', off / 60, off % 60);
	return 0;
}

static int add_str(cJSON *o, const char *key, const char *value)
{
	return (value ? cJSON_AddStringToObject(o, key, value) : cJSON_AddNullToObject(o, key)) ? 0 : SAMV_ERROR;
}

char *samv_commit_trailer(const char *message, const char *key)
{
	git_message_trailer_array tr = { 0 };
	char *v = NULL;
	size_t i;

	if (git_message_trailers(&tr, message) < 0)
		return NULL;
	for (i = 0; i < tr.count && !v; i++)
		if (!strcmp(tr.trailers[i].key, key))
			v = strdup(tr.trailers[i].value);
	git_message_trailer_array_free(&tr);
	return v;
}

static int make_entry(cJSON **out, git_repository *repo, git_commit *c, cJSON *files, bool signatures)
{
	const git_signature *a = git_commit_author(c);
	const char *summary = git_commit_summary(c);
	cJSON *e = cJSON_CreateObject(), *parents, *sig = NULL;
	char hex[GIT_OID_HEXSZ + 1], date[32], *command = samv_commit_trailer(git_commit_message(c), "Samv-Command");
	unsigned i;
	int rc = SAMV_ERROR;

	*out = NULL;
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	if (!e || add_str(e, "commit", hex) < 0 || !(parents = cJSON_AddArrayToObject(e, "parents")))
		goto oom;
	for (i = 0; i < git_commit_parentcount(c); i++) {
		git_oid_tostr(hex, sizeof(hex), git_commit_parent_id(c, i));
		if (!cJSON_AddItemToArray(parents, cJSON_CreateString(hex)))
			goto oom;
	}
	if ((rc = samv_git_time(date, &a->when)) < 0)
		goto out;
	if (add_str(e, "author", a->name) < 0 || add_str(e, "email", a->email) < 0 || add_str(e, "date", date) < 0 ||
	    add_str(e, "command", command) < 0 || add_str(e, "subject", summary ? summary : "") < 0)
		goto oom;
	if (signatures && (rc = samv_commit_signature(&sig, repo, git_commit_id(c))) < 0)
		goto out;
	if (!cJSON_AddItemToObject(e, "signature", sig ? sig : cJSON_CreateNull())) {
		cJSON_Delete(sig);
		goto oom;
	}
	if (!cJSON_AddItemReferenceToObject(e, "files", files))
		goto oom;
	*out = e;
	e = NULL;
	rc = 0;
	goto out;
oom:
	rc = samv_error_set(SAMV_ERROR, "out of memory");
out:
	free(command);
	cJSON_Delete(e);
	return rc;
}

/* ---- the walk ------------------------------------------------------------- */

bool samv_log_in_period(git_commit *c, const struct samv_log_opts *o)
{
	char date[32];

	if (!o->since && !o->until)
		return true;
	if (samv_git_time(date, &git_commit_author(c)->when) < 0)
		return false;
	return !(o->since && strncmp(date, o->since, 10) < 0) && !(o->until && strncmp(date, o->until, 10) > 0);
}

/* Start a walk at rev (NULL: HEAD), without hide's history; *w stays
 * NULL on an unborn branch. */
int samv_log_walk_start(git_revwalk **w, git_repository *repo, const char *rev, const char *hide, unsigned sort)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc = 0;

	*w = NULL;
	if (!rev && git_repository_head_unborn(repo) == 1)
		return 0;
	if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0) {
		rc = samv_error_set(SAMV_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
		goto out;
	}
	if (git_revwalk_new(w, repo) < 0 || git_revwalk_sorting(*w, sort) < 0 ||
	    git_revwalk_push(*w, git_object_id(peeled)) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
		goto out;
	}
	git_object_free(peeled);
	git_object_free(obj);
	peeled = obj = NULL;
	if (hide && (git_revparse_single(&obj, repo, hide) < 0 ||
		     git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)) {
		rc = samv_error_set(SAMV_ENOTFOUND, "unknown revision '%s'", hide);
		goto out;
	}
	if (hide && git_revwalk_hide(*w, git_object_id(peeled)) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
out:
	if (rc < 0) {
		git_revwalk_free(*w);
		*w = NULL;
	}
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

int samv_log(struct samv_store *s, const char *const *paths, size_t n, const struct samv_log_opts *o,
	     samv_log_fn fn, void *arg)
{
	git_repository *repo = samv_store_repo(s);
	struct samv_treememo *memo = NULL;
	struct samv_histwalk w;
	git_commit *c = NULL;
	cJSON *files = NULL, *entry = NULL;
	long shown = 0;
	git_oid oid;
	int rc, e = 0;

	/* unsorted: libgit2 reads the whole history before the first commit
	 * of a sorted walk, and a first-parent line needs no sorting; the
	 * history index (histindex.c) leaves out the commits that cannot
	 * have changed the paths */
	if ((rc = samv_histwalk_start(&w, s, o->rev, o->hide, paths, n, true)) < 0)
		goto out;
	if ((rc = samv_treememo_new(&memo)) < 0)
		goto out;
	while ((o->max <= 0 || shown < o->max) && (e = samv_histwalk_next(&oid, &w)) == 0) {
		struct files f = { repo, NULL };

		if (git_commit_lookup(&c, repo, &oid) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a commit");
			break;
		}
		if (!samv_log_in_period(c, o)) {
			git_commit_free(c);
			c = NULL;
			continue;
		}
		if (!(files = f.arr = cJSON_CreateArray())) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if ((rc = samv_treediff(repo, memo, c, paths, n, file_fn, &f)) < 0)
			break;
		if (cJSON_GetArraySize(files) > 0) {
			if ((rc = make_entry(&entry, repo, c, files, o->signatures)) < 0 || (rc = fn(entry, arg)) < 0)
				break;
			cJSON_Delete(entry);
			entry = NULL;
			shown++;
		}
		cJSON_Delete(files);
		files = NULL;
		git_commit_free(c);
		c = NULL;
	}
	if (rc == 0 && e < 0 && e != GIT_ITEROVER)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
out:
	samv_treememo_free(memo);
	cJSON_Delete(entry);
	cJSON_Delete(files);
	git_commit_free(c);
	samv_histwalk_free(&w);
	return rc;
}

/* ---- text ----------------------------------------------------------------- */

int samv_log_entry_text(struct samv_buf *out, const cJSON *e)
{
	const cJSON *parents = cJSON_GetObjectItemCaseSensitive(e, "parents"), *p, *f, *ch;
	const cJSON *sig = cJSON_GetObjectItemCaseSensitive(e, "signature");
	const char *date = samv_record_str(e, "date"), *cmd = samv_record_str(e, "command");
	int rc = 0;

	if ((rc = samv_buf_printf(out, "commit %s\n", samv_record_str(e, "commit"))) < 0)
		return rc;
	if (cJSON_GetArraySize(parents) > 1) {
		rc = samv_buf_puts(out, "Merge:    ");
		cJSON_ArrayForEach(p, parents)
			if (rc == 0)
				rc = samv_buf_printf(out, " %.7s", p->valuestring);
		if (rc < 0 || (rc = samv_buf_puts(out, "\n")) < 0)
			return rc;
	}
	/* "2026-11-23T10:02:00+01:00" as "2026-11-23 10:02:00 +0100" */
	if ((rc = samv_buf_printf(out, "Author:    %s <%s>\nDate:      %.10s %.8s %.3s%.2s\nCommand:   %s\n",
				  samv_record_str(e, "author"), samv_record_str(e, "email"), date, date + 11,
				  date + 19, date + 23, cmd ? cmd : "none (not made by samv)")) < 0)
		return rc;
	if (cJSON_IsObject(sig)) {
		const char *signer = samv_record_str(sig, "signer"), *key = samv_record_str(sig, "key");

		rc = samv_buf_printf(out, "Signature: %s %s signature%s%s%s%s\n", samv_record_str(sig, "status"),
				     samv_record_str(sig, "format"), signer ? " by " : "", signer ? signer : "",
				     key ? ", key " : "", key ? key : "");
		if (rc < 0)
			return rc;
	}
	if ((rc = samv_buf_printf(out, "\n    %s\n", samv_record_str(e, "subject"))) < 0)
		return rc;
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(e, "files")) {
		const char *type = samv_record_str(f, "type"), *id = samv_record_str(f, "id");
		const cJSON *fields = cJSON_GetObjectItemCaseSensitive(f, "fields");

		if (type)
			rc = samv_buf_printf(out, "\n  %s %s (%s%s%s)\n", samv_record_str(f, "change"),
					     samv_record_str(f, "path"), type, id ? " " : "", id ? id : "");
		else
			rc = samv_buf_printf(out, "\n  %s %s\n", samv_record_str(f, "change"), samv_record_str(f, "path"));
		if (rc < 0)
			return rc;
		if (!cJSON_IsArray(fields)) {
			if (type && (rc = samv_buf_puts(out, _("    (not valid JSON: no field changes)\n"))) < 0)
				return rc;
			continue;
		}
		cJSON_ArrayForEach(ch, fields) {
			if ((rc = samv_buf_puts(out, "    ")) < 0 || (rc = samv_jsondiff_line(out, ch)) < 0 ||
			    (rc = samv_buf_puts(out, "\n")) < 0)
				return rc;
		}
	}
	return 0;
}
