/*
 * history.c - the Agreement through git history.  A version is a commit
 * whose tree of agreement/ differs from its parent's (a merge's: from
 * every parent's): comparing tree ids finds them without diffing any
 * commit.
 * The same walk serves samv-agreement history and samv-check, which
 * requires every such commit to name an adopted decision.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "checkcache.h"
#include "histindex.h"
#include "samv.h"
#include "store.h"

#define DIR_NAME "agreement"

typedef int (*change_fn)(git_commit *c, void *arg);

/* 1 and the id of agreement/ in the commit's tree, 0 when it has none. */
static int dir_id(git_oid *out, git_commit *c)
{
	git_tree_entry *e = NULL;
	git_tree *tree = NULL;
	int found = 0;

	if (git_commit_tree(&tree, c) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit's tree");
	if (git_tree_entry_bypath(&e, tree, DIR_NAME) == 0) {
		git_oid_cpy(out, git_tree_entry_id(e));
		found = 1;
	}
	git_tree_entry_free(e);
	git_tree_free(tree);
	return found;
}

/*
 * Does the commit change agreement/?  A merge changes it only when its
 * agreement/ differs from every parent's: when it equals one side's, the
 * change was made (and is judged) on that side, in a commit of its own.
 */
static int changes_agreement(git_commit *c)
{
	git_commit *parent = NULL;
	unsigned i, np = git_commit_parentcount(c);
	git_oid a, b;
	int here, there;

	if ((here = dir_id(&a, c)) < 0)
		return here;
	if (np == 0)
		return here;
	for (i = 0; i < np; i++) {
		if (git_commit_parent(&parent, c, i) < 0)
			return samv_error_git(SAMV_EIO, "cannot read a parent commit");
		there = dir_id(&b, parent);
		git_commit_free(parent);
		if (there < 0)
			return there;
		if (here == there && (!here || git_oid_equal(&a, &b)))
			return 0;
	}
	return 1;
}

/*
 * Call fn for each commit that changed agreement/, newest first; fn
 * returns 1 to stop the walk there.  Every commit of the history is looked
 * at, those of merged branches too, in git's default order (by commit
 * time): a topologically sorted walk would read the whole history before
 * giving the first commit, and a report of last week must not pay for
 * years of it.
 */
static int walk_changes(struct samv_store *s, const char *rev, change_fn fn, void *arg)
{
	const char *const dir[1] = { DIR_NAME };
	git_repository *repo = samv_store_repo(s);
	struct samv_histwalk w;
	git_commit *c = NULL;
	git_oid oid;
	int rc, e = 0;

	/* the history index (histindex.c), when samv-log has made one,
	 * hands out only the commits whose agreement/ differs from every
	 * parent's, the ones judged below; this walk alone costs less than
	 * making it */
	if ((rc = samv_histwalk_start(&w, s, rev, NULL, dir, 1, false)) < 0)
		goto out;
	while (rc == 0 && (e = samv_histwalk_next(&oid, &w)) == 0) {
		if (git_commit_lookup(&c, repo, &oid) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a commit");
			break;
		}
		if ((rc = changes_agreement(c)) > 0)
			rc = fn(c, arg);
		git_commit_free(c);
		c = NULL;
	}
	if (rc > 0)
		rc = 0; /* fn stopped the walk */
	else if (rc == 0 && e != GIT_ITEROVER)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
out:
	samv_histwalk_free(&w);
	return rc;
}

static int commit_view(struct samv_view **out, git_repository *repo, git_commit *c)
{
	git_tree *tree = NULL;
	int rc;

	if (git_commit_tree(&tree, c) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit's tree");
	if ((rc = samv_view_tree(out, repo, tree)) < 0)
		git_tree_free(tree);
	return rc;
}

static void short_id(char out[8], git_commit *c)
{
	git_oid_tostr(out, 8, git_commit_id(c));
}

/* ---- history ------------------------------------------------------------ */

struct hist {
	git_repository *repo;
	cJSON *entries; /* newest first; each holds its "doc" until the end */
	const char *since; /* stop at the version in force before this date */
	cJSON *base;       /* that version's document (or NULL: none) */
};

static const char *doc_date(const cJSON *doc)
{
	const char *date = samv_record_str(doc, "amended");

	return date ? date : samv_record_str(doc, "adopted");
}

/* 1 when the first parent of c, a commit that changed the Agreement,
 * holds the version in force before h->since: it is the base to tell the
 * changes against, and the walk need go no further. */
static int parent_base(struct hist *h, git_commit *c)
{
	git_commit *parent = NULL;
	struct samv_view *v = NULL;
	cJSON *doc = NULL;
	const char *date;
	int rc;

	if (git_commit_parentcount(c) == 0)
		return 1;
	if (git_commit_parent(&parent, c, 0) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a parent commit");
	if ((rc = commit_view(&v, h->repo, parent)) < 0)
		goto out;
	rc = samv_agreement_load(&doc, v);
	if (rc < 0 && rc != SAMV_ENOTFOUND && rc != SAMV_EINVAL)
		goto out;
	rc = 0;
	if (!doc || !(date = doc_date(doc)) || strcmp(date, h->since) < 0) {
		h->base = doc;
		doc = NULL;
		rc = 1;
	}
out:
	cJSON_Delete(doc);
	samv_view_free(v);
	git_commit_free(parent);
	return rc;
}

static int add_opt_str(cJSON *o, const char *key, const char *value)
{
	if (value)
		return cJSON_AddStringToObject(o, key, value) ? 0 : SAMV_ERROR;
	return cJSON_AddNullToObject(o, key) ? 0 : SAMV_ERROR;
}

static int hist_fn(git_commit *c, void *arg)
{
	struct hist *h = arg;
	const git_signature *author = git_commit_author(c);
	struct samv_view *v = NULL;
	cJSON *e = NULL, *doc = NULL, *dec = NULL;
	const cJSON *ver;
	const char *date = NULL, *decision = NULL, *meeting = NULL;
	char hex[GIT_OID_HEXSZ + 1], time[32], *invalid = NULL;
	int rc;

	if ((rc = commit_view(&v, h->repo, c)) < 0)
		return rc;
	rc = samv_agreement_load(&doc, v);
	if (rc < 0 && rc != SAMV_ENOTFOUND && rc != SAMV_EINVAL)
		goto out;
	/* a version broken by hand is not a removal: say what is wrong */
	if (rc == SAMV_EINVAL && !(invalid = strdup(samv_error_last()))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	rc = 0;
	if (doc) {
		date = doc_date(doc);
		if (h->since && date && strcmp(date, h->since) < 0) {
			h->base = doc;
			doc = NULL;
			rc = 1;
			goto out;
		}
		decision = samv_record_str(doc, "decision");
		if (decision && samv_record_load(&dec, v, samv_type_find("decision"), decision) == 0)
			meeting = samv_record_str(dec, "meeting");
	}
	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	if ((rc = samv_git_time(time, &author->when)) < 0)
		goto out;
	ver = cJSON_GetObjectItemCaseSensitive(doc, "version");
	if (!(e = cJSON_CreateObject()) ||
	    !(cJSON_IsNumber(ver) ? cJSON_AddNumberToObject(e, "version", ver->valueint)
				  : cJSON_AddNullToObject(e, "version")) ||
	    add_opt_str(e, "date", date) < 0 || add_opt_str(e, "decision", decision) < 0 ||
	    add_opt_str(e, "meeting", meeting) < 0 || add_opt_str(e, "commit", hex) < 0 ||
	    add_opt_str(e, "author", author->name) < 0 || add_opt_str(e, "email", author->email) < 0 ||
	    add_opt_str(e, "time", time) < 0 || (invalid && add_opt_str(e, "invalid", invalid) < 0) ||
	    !cJSON_AddItemToObject(e, "doc", doc ? doc : cJSON_CreateNull())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	doc = NULL;
	if (!cJSON_AddItemToArray(h->entries, e)) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	e = NULL;
	if (h->since)
		rc = parent_base(h, c);
out:
	free(invalid);
	cJSON_Delete(e);
	cJSON_Delete(doc);
	cJSON_Delete(dec);
	samv_view_free(v);
	return rc;
}

static int history(cJSON **out, struct samv_store *s, const char *rev, const char *since)
{
	struct hist h = { samv_store_repo(s), cJSON_CreateArray(), since, NULL };
	cJSON *e, *doc, *prev = NULL, *changes, *oldest;
	int rc, i;

	*out = NULL;
	if (!h.entries)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((rc = walk_changes(s, rev, hist_fn, &h)) < 0)
		goto out;
	prev = h.base;
	h.base = NULL;
	/* the walk goes back in time: turn it round */
	if (!(oldest = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = cJSON_GetArraySize(h.entries) - 1; i >= 0; i--)
		cJSON_AddItemToArray(oldest, cJSON_DetachItemFromArray(h.entries, i));
	cJSON_Delete(h.entries);
	h.entries = oldest;
	/* each version's changes are told against the version before it */
	cJSON_ArrayForEach(e, h.entries) {
		doc = cJSON_DetachItemFromObjectCaseSensitive(e, "doc");
		if (cJSON_IsNull(doc)) {
			cJSON_Delete(doc);
			doc = NULL;
		}
		changes = NULL;
		if (doc && (rc = samv_agreement_diff(&changes, prev, doc, false)) < 0) {
			cJSON_Delete(doc);
			goto out;
		}
		if (!changes)
			changes = cJSON_CreateArray();
		if (!changes || !cJSON_AddItemToObject(e, "changes", changes)) {
			cJSON_Delete(changes);
			cJSON_Delete(doc);
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		cJSON_Delete(prev);
		prev = doc;
	}
	*out = h.entries;
	h.entries = NULL;
out:
	cJSON_Delete(prev);
	cJSON_Delete(h.base);
	cJSON_Delete(h.entries);
	return rc;
}

int samv_agreement_history(cJSON **out, struct samv_store *s, const char *rev)
{
	return history(out, s, rev, NULL);
}

int samv_agreement_history_since(cJSON **out, struct samv_store *s, const char *rev, const char *since)
{
	struct samv_view *v = NULL;
	cJSON *doc = NULL;
	const char *date;
	int rc;

	*out = NULL;
	/* the tip tells the latest version's date: older than the period,
	 * nothing in it changed the Agreement and no commit need be read */
	if ((rc = samv_view_rev(&v, s, rev)) < 0)
		return rc;
	rc = samv_agreement_load(&doc, v);
	samv_view_free(v);
	if (rc < 0 && rc != SAMV_ENOTFOUND && rc != SAMV_EINVAL)
		return rc;
	date = doc ? doc_date(doc) : NULL;
	if (rc == SAMV_ENOTFOUND || (date && strcmp(date, since) < 0)) {
		cJSON_Delete(doc);
		return (*out = cJSON_CreateArray()) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
	}
	cJSON_Delete(doc);
	return history(out, s, rev, since);
}

int samv_agreement_find(const cJSON **out, const cJSON *history, int n, const char *date)
{
	const cJSON *e, *last = NULL, *first = NULL;
	const char *d;

	*out = NULL;
	cJSON_ArrayForEach(e, history) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "version");

		if (!cJSON_IsNumber(v))
			continue;
		if (!first)
			first = e;
		last = e;
		if (n > 0 && v->valueint == n)
			*out = e;
		if (date && (d = samv_record_str(e, "date")) && strcmp(d, date) <= 0)
			*out = e;
	}
	if (*out)
		return 0;
	if (!last)
		return samv_error_set(SAMV_ENOTFOUND, "no Agreement yet (see samv-agreement adopt)");
	if (date)
		return samv_error_set(SAMV_ENOTFOUND, "no version of the Agreement on or before %s (version %d is "
				      "of %s)", date, cJSON_GetObjectItemCaseSensitive(first, "version")->valueint,
				      samv_record_str(first, "date"));
	return samv_error_set(SAMV_ENOTFOUND, "no version %d of the Agreement (the latest is %d)", n,
			      cJSON_GetObjectItemCaseSensitive(last, "version")->valueint);
}

/* ---- the check ------------------------------------------------------------ */

struct chk {
	git_repository *repo;
	struct samv_problems *pr;
	int (*bad)(const git_oid *commit, void *arg);
	void *arg;
};

static int check_fn(git_commit *c, void *arg)
{
	struct chk *k = arg;
	size_t before = k->pr->n;
	int rc = samv_agreement_authority(k->pr, k->repo, c);

	if (rc == 0 && k->pr->n > before && k->bad)
		rc = k->bad(git_commit_id(c), k->arg);
	return rc;
}

int samv_agreement_changed(git_commit *c)
{
	return changes_agreement(c);
}

int samv_agreement_authority(struct samv_problems *pr, git_repository *repo, git_commit *c)
{
	struct chk kk = { repo, pr, NULL, NULL }, *k = &kk;
	git_message_trailer_array tr = { 0 };
	struct samv_view *v = NULL;
	cJSON *dec = NULL;
	const char *status, *first = NULL, *why = NULL;
	char sid[8], whybuf[96];
	size_t i, named = 0;
	int rc;

	short_id(sid, c);
	if (git_message_trailers(&tr, git_commit_message(c)) < 0)
		tr.count = 0;
	if ((rc = commit_view(&v, k->repo, c)) < 0)
		goto out;
	for (i = 0; i < tr.count; i++) {
		if (strcmp(tr.trailers[i].key, "Samv-Decision"))
			continue;
		named++;
		cJSON_Delete(dec);
		dec = NULL;
		if (samv_id_check(tr.trailers[i].value, NULL) < 0 ||
		    samv_record_load(&dec, v, samv_type_find("decision"), tr.trailers[i].value) < 0) {
			if (!first) {
				first = tr.trailers[i].value;
				why = "which is not in that commit's tree";
			}
			continue;
		}
		status = samv_record_str(dec, "status");
		if (status && !strcmp(status, "adopted"))
			goto out; /* the commit has its authority */
		if (!first) {
			first = tr.trailers[i].value;
			snprintf(whybuf, sizeof(whybuf), "which is %.40s, not adopted", status ? status : "without a status");
			why = whybuf;
		}
	}
	if (!named)
		rc = samv_problem_add(k->pr, "agreement/agreement.json", SAMV_POS_FILE,
				      "agreement-without-decision",
				      "commit %s changed the Agreement without a Samv-Decision trailer", sid);
	else
		rc = samv_problem_add(k->pr, "agreement/agreement.json", SAMV_POS_FILE,
				      "agreement-without-decision",
				      "commit %s changed the Agreement on decision '%s', %s", sid, first, why);
out:
	cJSON_Delete(dec);
	samv_view_free(v);
	git_message_trailer_array_free(&tr);
	return rc;
}

int samv_check_history_each(struct samv_problems *pr, struct samv_store *s, const char *rev,
			    int (*bad)(const git_oid *commit, void *arg), void *arg)
{
	struct chk k = { samv_store_repo(s), pr, bad, arg };

	return walk_changes(s, rev, check_fn, &k);
}

int samv_check_history(struct samv_problems *pr, struct samv_store *s, const char *rev)
{
	return samv_check_history_each(pr, s, rev, NULL, NULL);
}
