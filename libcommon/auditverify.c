/*
 * auditverify.c - samv-log --verify: walk the history and name every
 * commit that broke the rules of a samv repository.  Each commit is judged
 * by what it changed (treediff.c): the records it wrote must be valid at
 * that commit, a change of the Agreement needs an adopted decision
 * (history.c), decisions are superseded or revoked, never deleted, and
 * every commit is made by samv (it carries a Samv-Command trailer).  A
 * merge is judged by what differs from every parent, so a clean merge of
 * two coordinators' work is no problem.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "store.h"

struct touched {
	char **paths;    /* every file changed */
	const char **how; /* "added", "changed" or "deleted" */
	size_t n, cap;
};

static int touched_fn(const struct samv_treechange *c, void *arg)
{
	struct touched *t = arg;

	if (t->n == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **np = realloc(t->paths, cap * sizeof(*np));
		const char **nh;

		if (!np)
			return samv_error_set(SAMV_ERROR, "out of memory");
		t->paths = np;
		if (!(nh = realloc(t->how, cap * sizeof(*nh))))
			return samv_error_set(SAMV_ERROR, "out of memory");
		t->how = nh;
		t->cap = cap;
	}
	if (!(t->paths[t->n] = strdup(c->path)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	t->how[t->n++] = !c->has_new ? "deleted" : !c->had_old ? "added" : "changed";
	return 0;
}

static void touched_free(struct touched *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->paths[i]);
	free(t->paths);
	free(t->how);
}

static bool has_samv_command(git_commit *c)
{
	char *v = samv_commit_trailer(git_commit_message(c), "Samv-Command");
	bool yes = v && *v;

	free(v);
	return yes;
}

/* decisions/XX/ID.json: the decision's id, else NULL. */
static const char *decision_id(const char *path, char id[SAMV_ID_MAX + 1])
{
	const struct samv_type *t = samv_type_find("decision");
	char want[256];

	if (!samv_path_id(path, id) || samv_id_check(id, NULL) < 0 ||
	    samv_type_path(want, sizeof(want), t, id) < 0 || strcmp(want, path))
		return NULL;
	return id;
}

/* The problems of one commit, appended to pr. */
static int judge(struct samv_problems *pr, git_repository *repo, struct samv_treememo *memo, git_commit *c)
{
	struct touched t = { NULL, NULL, 0, 0 };
	struct samv_view *v = NULL;
	git_tree *tree = NULL;
	char sid[8], id[SAMV_ID_MAX + 1];
	bool agreement = false;
	size_t i;
	int rc;

	git_oid_tostr(sid, sizeof(sid), git_commit_id(c));
	if ((rc = samv_treediff(repo, memo, c, NULL, 0, touched_fn, &t)) < 0)
		goto out;
	if (!t.n)
		goto out; /* a clean merge, or an empty commit */
	if (!has_samv_command(c)) {
		for (i = 0; i < t.n && rc == 0; i++)
			rc = samv_problem_add(pr, t.paths[i], (struct samv_pos){ 1, 1 }, "outside-samv",
					      "commit %s was made outside samv (no Samv-Command trailer) and %s "
					      "this file", sid, t.how[i]);
		if (rc < 0)
			goto out;
	}
	for (i = 0; i < t.n && rc == 0; i++) {
		if (!strncmp(t.paths[i], "agreement/", 10))
			agreement = true;
		if (!strcmp(t.how[i], "deleted") && decision_id(t.paths[i], id))
			rc = samv_problem_add(pr, t.paths[i], (struct samv_pos){ 1, 1 }, "decision-deleted",
					      "commit %s deleted the decision '%s' (a decision is superseded, "
					      "revoked or expired, never deleted)", sid, id);
	}
	if (rc < 0)
		goto out;
	if (git_commit_tree(&tree, c) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot read a commit's tree");
		goto out;
	}
	if ((rc = samv_view_tree(&v, repo, tree)) < 0)
		goto out;
	tree = NULL;
	if ((rc = samv_check_files(pr, v, (const char *const *)t.paths, t.n)) < 0)
		goto out;
	if (agreement)
		rc = samv_agreement_authority(pr, repo, c);
out:
	git_tree_free(tree);
	samv_view_free(v);
	touched_free(&t);
	return rc;
}

/* Say which commit each problem from index from on was found in. */
static int name_commit(struct samv_problems *pr, size_t from, git_commit *c)
{
	char hex[GIT_OID_HEXSZ + 1], sid[8], *msg;
	size_t i;

	git_oid_tostr(hex, sizeof(hex), git_commit_id(c));
	git_oid_tostr(sid, sizeof(sid), git_commit_id(c));
	for (i = from; i < pr->n; i++) {
		if (!strncmp(pr->v[i].msg, "commit ", 7))
			continue;
		if (asprintf(&msg, "commit %s: %s", sid, pr->v[i].msg) < 0)
			return samv_error_set(SAMV_ERROR, "out of memory");
		free(pr->v[i].msg);
		pr->v[i].msg = msg;
	}
	return samv_problems_set_commit(pr, from, hex);
}

int samv_log_verify(struct samv_problems *pr, struct samv_store *s, const struct samv_log_opts *o)
{
	git_repository *repo = samv_store_repo(s);
	struct samv_treememo *memo = NULL;
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid oid;
	size_t from;
	int rc, e = 0;

	if ((rc = samv_log_walk_start(&w, repo, o->rev, o->hide, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0 || !w)
		return rc;
	if ((rc = samv_treememo_new(&memo)) < 0)
		goto out;
	while ((e = git_revwalk_next(&oid, w)) == 0) {
		if (git_commit_lookup(&c, repo, &oid) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a commit");
			break;
		}
		if (!samv_log_in_period(c, o)) {
			git_commit_free(c);
			c = NULL;
			continue;
		}
		from = pr->n;
		if ((rc = judge(pr, repo, memo, c)) < 0 || (rc = name_commit(pr, from, c)) < 0)
			break;
		/* newest commit first; within a commit, by file */
		samv_problems_sort_from(pr, from);
		git_commit_free(c);
		c = NULL;
	}
	if (rc == 0 && e < 0 && e != GIT_ITEROVER)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
out:
	samv_treememo_free(memo);
	git_commit_free(c);
	git_revwalk_free(w);
	return rc;
}
