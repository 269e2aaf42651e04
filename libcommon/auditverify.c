/*
 * auditverify.c - samv-log --verify: walk the history and name every
 * commit that broke the rules of a samv repository, newest first.
 *
 * A commit is judged by what it changed (treediff.c), at its own tree:
 * the records it wrote must pass samv-check's checks of a record and of
 * its references (check.c); a record it deleted must not be referred to
 * any more (refindex.c answers who refers to it); a change of the
 * Agreement needs an adopted decision (history.c); decisions are never
 * deleted; a commit is made by samv (a Samv-Command trailer).  A merge is
 * instead judged by its content: every file must be what the field by
 * field merge of its parents from their merge base gives (merge.c, the
 * merge of samv-sync and of samv-merge-driver under git pull), and what
 * one branch deleted must not be referred to from the other.
 *
 * Cost: a commit costs the tree entries on the paths it changed and the
 * records it changed; a merge, the files its branches changed since their
 * base.  The index of references is read in full once, at the first
 * commit that deletes a record or adopts the Agreement.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "refindex.h"
#include "store.h"

#define AGREEMENT_FILE "agreement/agreement.json"

/* The files that differ between a tree and a commit's, sorted by path. */
struct change {
	char *path;
	git_oid old_id, new_id;
	unsigned old_mode, new_mode;
	bool had_old, has_new;
};

struct changes {
	struct change *v;
	size_t n, cap;
};

static int change_fn(const struct samv_treechange *c, void *arg)
{
	struct changes *d = arg;
	struct change *ch;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		struct change *nv = realloc(d->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		d->v = nv;
		d->cap = cap;
	}
	ch = &d->v[d->n];
	if (!(ch->path = strdup(c->path)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	ch->old_id = c->old_id;
	ch->new_id = c->new_id;
	ch->old_mode = c->old_mode;
	ch->new_mode = c->new_mode;
	ch->had_old = c->had_old;
	ch->has_new = c->has_new;
	d->n++;
	return 0;
}

static void changes_free(struct changes *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->v[i].path);
	free(d->v);
	memset(d, 0, sizeof(*d));
}

static int cmp_change(const void *a, const void *b)
{
	return strcmp(((const struct change *)a)->path, ((const struct change *)b)->path);
}

static const struct change *changes_find(const struct changes *d, const char *path)
{
	struct change key;

	key.path = (char *)path;
	return d->n ? bsearch(&key, d->v, d->n, sizeof(*d->v), cmp_change) : NULL;
}

static void changes_sort(struct changes *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp_change);
}

/* ---- one commit ----------------------------------------------------------- */

struct verify {
	git_repository *repo;
	struct samv_treememo *memo;
	struct samv_refindex *ix;
};

struct judged {
	struct verify *v;
	git_commit *c;
	char sid[8];
	struct samv_view *view;  /* of the commit's tree */
	struct changes own;      /* what differs from every parent */
	struct changes *par;     /* what differs from each parent */
	size_t np;
	struct samv_problems pr; /* the commit's problems */
};

static bool has_samv_command(git_commit *c)
{
	char *v = samv_commit_trailer(git_commit_message(c), "Samv-Command");
	bool yes = v && *v;

	free(v);
	return yes;
}

/* A commit made with git, not samv (a merge is judged by its content). */
static int judge_maker(struct judged *j)
{
	size_t i;
	int rc = 0;

	if (j->np > 1 || has_samv_command(j->c))
		return 0;
	/* one message a verb: other languages inflect it differently */
	for (i = 0; i < j->own.n && rc == 0; i++) {
		const struct change *ch = &j->own.v[i];

		if (!ch->has_new)
			rc = samv_problem_add(&j->pr, ch->path, SAMV_POS_FILE, "outside-samv",
					      "commit %s was made outside samv (no Samv-Command trailer) and deleted "
					      "this file", j->sid);
		else if (!ch->had_old)
			rc = samv_problem_add(&j->pr, ch->path, SAMV_POS_FILE, "outside-samv",
					      "commit %s was made outside samv (no Samv-Command trailer) and added "
					      "this file", j->sid);
		else
			rc = samv_problem_add(&j->pr, ch->path, SAMV_POS_FILE, "outside-samv",
					      "commit %s was made outside samv (no Samv-Command trailer) and changed "
					      "this file", j->sid);
	}
	return rc;
}

/* Decisions are never deleted, and the repository record is needed. */
static int judge_deletions(struct judged *j)
{
	const struct samv_type *t;
	char id[SAMV_ID_MAX + 1];
	size_t i;
	int rc = 0;

	for (i = 0; i < j->own.n && rc == 0; i++) {
		const char *path = j->own.v[i].path;

		if (j->own.v[i].has_new || !(t = samv_path_record(path, id)))
			continue;
		if (t == samv_type_find("decision"))
			rc = samv_problem_add(&j->pr, path, SAMV_POS_FILE, "decision-deleted",
					      "commit %s deleted the decision '%s' (a decision is superseded, "
					      "revoked or expired, never deleted)", j->sid, id);
		else if (t == samv_type_repository())
			rc = samv_problem_add(&j->pr, path, SAMV_POS_FILE, "missing-file",
					      "the repository record is missing; see samv-init(1)");
	}
	return rc;
}

/* The files the commit wrote, checked as samv-check checks them. */
static int judge_files(struct judged *j)
{
	const char **paths = NULL;
	size_t i, n = 0;
	bool agreement = false;
	int rc;

	if (j->own.n && !(paths = malloc(j->own.n * sizeof(*paths))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < j->own.n; i++) {
		agreement |= !strncmp(j->own.v[i].path, "agreement/", 10);
		if (j->own.v[i].has_new)
			paths[n++] = j->own.v[i].path;
	}
	rc = samv_check_files(&j->pr, j->view, paths, n);
	free(paths);
	if (rc == 0 && agreement)
		rc = samv_agreement_authority(&j->pr, j->v->repo, j->c);
	return rc;
}

/* ---- references left dangling --------------------------------------------- */

static bool exists_at_parent(const struct judged *j, size_t k, const char *path)
{
	const struct change *ch = changes_find(&j->par[k], path);

	return ch ? ch->had_old : samv_view_exists(j->view, path);
}

/* Did parent k already have file r refer to the missing target? Then
 * the problem was judged where it arose, on that parent's side. */
static bool inherited(const struct judged *j, const char *r, const char *target, bool purpose)
{
	size_t k;

	for (k = 0; k < j->np; k++)
		if (!changes_find(&j->par[k], r) && !exists_at_parent(j, k, target) &&
		    (!purpose || exists_at_parent(j, k, AGREEMENT_FILE)))
			return true;
	return false;
}

struct dangling {
	struct judged *j;
	const struct samv_type *type;
	const char *id;
	char path[256];
	bool purpose;
};

static int referrer_fn(const char *path, const char *field, void *arg)
{
	struct dangling *g = arg;
	struct judged *j = g->j;
	const struct change *own = changes_find(&j->own, path);
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos = { 1, 1 };
	int rc;

	/* a file the commit wrote has had its references checked */
	if ((own && own->has_new) || inherited(j, path, g->path, g->purpose))
		return 0;
	if (samv_view_read(&text, j->view, path) == 0)
		pos = samv_json_locate(text.ptr, field);
	samv_error_clear();
	samv_buf_free(&text);
	if (g->purpose)
		rc = samv_problem_add(&j->pr, path, pos, "unknown-purpose", "%s: the Agreement has no purpose '%s'",
				      field, g->id);
	else
		rc = samv_problem_addp(&j->pr, path, pos, "bad-ref", "%s: unknown %s '%s'", field,
				       samv_type_the(g->type), g->id);
	return rc;
}

/* Every file of the commit's tree that refers to the record (type, id),
 * which the tree does not have. */
static int dangling_to(struct judged *j, const struct samv_type *t, const char *id)
{
	struct dangling g = { j, t, id, "", t == samv_type_find("purpose") };
	int rc;

	if (samv_type_path(g.path, sizeof(g.path), t, id) < 0 || samv_view_exists(j->view, g.path))
		return 0;
	if ((rc = samv_refindex_at(j->v->ix, j->v->repo, j->v->memo, j->view->tree)) < 0)
		return rc;
	return samv_refindex_referrers(j->v->ix, t, id, referrer_fn, &g);
}

/*
 * What the commit deleted, against any parent: the files that still
 * refer to it.  A purpose is referred to only once there is an
 * Agreement, so adopting one makes every purpose served and missing a
 * problem.
 */
static int judge_refs(struct judged *j)
{
	const struct samv_type *purpose = samv_type_find("purpose"), *t;
	bool agreement = samv_view_exists(j->view, AGREEMENT_FILE), adopted = false;
	const struct changes *d;
	char id[SAMV_ID_MAX + 1], key[2] = "a";
	size_t k, i;
	int rc = 0;

	for (k = 0; k < (j->np ? j->np : 1) && rc == 0; k++) {
		d = j->np ? &j->par[k] : &j->own;
		for (i = 0; i < d->n && rc == 0; i++) {
			const struct change *ch = &d->v[i];

			if (ch->has_new) {
				adopted |= !ch->had_old && !strcmp(ch->path, AGREEMENT_FILE);
				continue;
			}
			if (!(t = samv_path_record(ch->path, id)) || t == samv_type_repository() ||
			    (t == purpose && !agreement))
				continue;
			rc = dangling_to(j, t, id);
		}
	}
	for (; adopted && key[0] <= 'z' && rc == 0; key[0]++)
		rc = dangling_to(j, purpose, key);
	return rc;
}

/* ---- merges ----------------------------------------------------------------- */

/* A file in one tree of a merge: absent, or a blob with its mode. */
struct side {
	bool present;
	const git_oid *id;
	unsigned mode;
};

static bool same_side(const struct side *a, const struct side *b)
{
	if (!a->present || !b->present)
		return a->present == b->present;
	return a->mode == b->mode && git_oid_equal(a->id, b->id);
}

/* The file at path in the tree d was taken against (NULL: the commit's
 * own tree, given by m). */
static struct side side_in(const struct changes *d, const char *path, const struct side *m)
{
	const struct change *ch = d ? changes_find(d, path) : NULL;
	struct side s;

	if (!ch)
		return *m;
	s.present = ch->had_old;
	s.id = &ch->old_id;
	s.mode = ch->old_mode;
	return s;
}

static int read_blob(git_blob **blob, struct samv_side *text, git_repository *repo, const struct side *s)
{
	*blob = NULL;
	text->text = NULL;
	text->len = 0;
	if (!s->present)
		return 0;
	if (git_blob_lookup(blob, repo, s->id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a file of the history");
	text->text = git_blob_rawcontent(*blob);
	text->len = (size_t)git_blob_rawsize(*blob);
	if (!text->text)
		text->text = "";
	return 0;
}

static bool same_text(const struct samv_side *m, const char *text, size_t len)
{
	return m->text && m->len == len && !memcmp(m->text, text, len);
}

/* Is m the text-merge of a file that is no record (git's own merge)? */
static bool text_merged(const struct samv_side *b, const struct samv_side *o, const struct samv_side *t,
			const struct samv_side *m, git_merge_file_favor_t favor)
{
	git_merge_file_input in[3];
	git_merge_file_options opts;
	git_merge_file_result res;
	const struct samv_side *s[3] = { b, o, t };
	bool yes;
	int i;

	if (!o->text || !t->text || !m->text)
		return false;
	for (i = 0; i < 3; i++) {
		git_merge_file_input_init(&in[i], GIT_MERGE_FILE_INPUT_VERSION);
		in[i].ptr = s[i]->text ? s[i]->text : "";
		in[i].size = s[i]->len;
	}
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.favor = favor;
	memset(&res, 0, sizeof(res));
	if (git_merge_file(&res, &in[0], &in[1], &in[2], &opts) < 0)
		return false;
	yes = res.automergeable && same_text(m, res.ptr, res.len);
	git_merge_file_result_free(&res);
	return yes;
}

/* Is m what the field by field merge of o and t from b gives: clean, or
 * with a side favoured (samv-sync --ours, --theirs)? */
static int merged_as(bool *ok, const char *path, const struct samv_side *b, const struct samv_side *o,
		     const struct samv_side *t, const struct samv_side *m)
{
	static const enum samv_favor favors[] = { SAMV_FAVOR_NONE, SAMV_FAVOR_OURS, SAMV_FAVOR_THEIRS };
	static const git_merge_file_favor_t text_favors[] = { GIT_MERGE_FILE_FAVOR_NORMAL, GIT_MERGE_FILE_FAVOR_OURS,
							      GIT_MERGE_FILE_FAVOR_THEIRS };
	struct samv_buf out = SAMV_BUF_INIT;
	bool deleted;
	size_t i;
	int rc = 0;

	*ok = false;
	for (i = 0; i < 3 && !*ok; i++) {
		struct samv_conflicts c = SAMV_CONFLICTS_INIT;

		if (!samv_type_of_path(path)) {
			*ok = text_merged(b, o, t, m, text_favors[i]);
			continue;
		}
		rc = samv_merge_record(&out, &deleted, path, b, o, t, favors[i], &c);
		if (rc == 0 && !c.n)
			*ok = deleted ? !m->text : same_text(m, out.ptr ? out.ptr : "", out.len);
		samv_conflicts_free(&c);
		if (rc == SAMV_EINVAL) {
			/* a side that is not JSON: no field merge gives anything */
			samv_error_clear();
			rc = 0;
			break;
		}
		if (rc < 0)
			break;
	}
	samv_buf_free(&out);
	return rc;
}

/* Is the merge's file at path what merging the parents gives? */
static int merge_file_ok(bool *ok, struct judged *j, const struct changes *base, const char *path,
			 const struct side *m)
{
	struct side sb = side_in(base, path, m), so = side_in(&j->par[0], path, m),
		    st = side_in(&j->par[1], path, m);
	struct samv_side tb, to, tt, tm;
	git_blob *bb = NULL, *bo = NULL, *bt = NULL, *bm = NULL;
	int rc;

	if (same_side(&so, &st) || same_side(&sb, &st)) {
		*ok = same_side(m, &so);
		return 0;
	}
	if (same_side(&sb, &so)) {
		*ok = same_side(m, &st);
		return 0;
	}
	/* changed on both sides: only plain files merge, into the same mode */
	*ok = false;
	if ((so.present && st.present && so.mode != st.mode) ||
	    (m->present && m->mode != (so.present ? so.mode : st.mode)) ||
	    (so.present && so.mode != GIT_FILEMODE_BLOB && so.mode != GIT_FILEMODE_BLOB_EXECUTABLE) ||
	    (st.present && st.mode != GIT_FILEMODE_BLOB && st.mode != GIT_FILEMODE_BLOB_EXECUTABLE))
		return 0;
	if ((rc = read_blob(&bb, &tb, j->v->repo, &sb)) == 0 && (rc = read_blob(&bo, &to, j->v->repo, &so)) == 0 &&
	    (rc = read_blob(&bt, &tt, j->v->repo, &st)) == 0 && (rc = read_blob(&bm, &tm, j->v->repo, m)) == 0)
		rc = merged_as(ok, path, &tb, &to, &tt, &tm);
	git_blob_free(bb);
	git_blob_free(bo);
	git_blob_free(bt);
	git_blob_free(bm);
	return rc;
}

static int merge_base_tree(git_tree **out, struct judged *j)
{
	git_commit *base = NULL;
	git_oid id;
	int e;

	*out = NULL;
	e = git_merge_base(&id, j->v->repo, git_commit_parent_id(j->c, 0), git_commit_parent_id(j->c, 1));
	if (e == GIT_ENOTFOUND)
		return 0; /* unrelated histories: the base is empty */
	if (e < 0 || git_commit_lookup(&base, j->v->repo, &id) < 0 || git_commit_tree(out, base) < 0)
		e = samv_error_git(SAMV_EIO, "cannot find the base of a merge");
	else
		e = 0;
	git_commit_free(base);
	return e;
}

static int merge_differs(struct judged *j, const char *path, const char *why)
{
	return samv_problem_add(&j->pr, path, SAMV_POS_FILE, "merge-differs",
				"commit %s is not the field by field merge of its parents: %s", j->sid, why);
}

/*
 * Every file either branch changed (what differs from one parent) must
 * be what the merge of the two from their base gives; the others are
 * the same in both parents and the merge.
 */
static int judge_merge(struct judged *j)
{
	struct changes base = { NULL, 0, 0 };
	git_tree *btree = NULL;
	size_t a = 0, b = 0, i;
	int rc = 0;

	if (j->np < 2)
		return 0;
	if (j->np > 2) {
		for (i = 0; i < j->own.n && rc == 0; i++)
			rc = merge_differs(j, j->own.v[i].path, "it merges more than two branches at once");
		return rc;
	}
	if ((rc = merge_base_tree(&btree, j)) < 0 ||
	    (rc = samv_treediff_trees(j->v->repo, j->v->memo, btree, j->view->tree, change_fn, &base)) < 0)
		goto out;
	changes_sort(&base);
	/* the two sorted lists of changes, as one */
	while (rc == 0 && (a < j->par[0].n || b < j->par[1].n)) {
		const struct change *ch;
		struct side m;
		bool ok;
		int d = a >= j->par[0].n ? 1 : b >= j->par[1].n ? -1 : strcmp(j->par[0].v[a].path, j->par[1].v[b].path);

		ch = d <= 0 ? &j->par[0].v[a] : &j->par[1].v[b];
		a += d <= 0;
		b += d >= 0;
		m.present = ch->has_new;
		m.id = &ch->new_id;
		m.mode = ch->new_mode;
		if ((rc = merge_file_ok(&ok, j, &base, ch->path, &m)) == 0 && !ok)
			rc = merge_differs(j, ch->path, "this file differs from it (changed in the merge, or a "
					   "conflict resolved by hand)");
	}
out:
	changes_free(&base);
	git_tree_free(btree);
	return rc;
}

/* ---- the walk --------------------------------------------------------------- */

static int judged_init(struct judged *j, struct verify *v, git_commit *c)
{
	git_tree *tree = NULL, *ptree = NULL;
	git_commit *parent = NULL;
	size_t k;
	int rc;

	memset(j, 0, sizeof(*j));
	j->v = v;
	j->c = c;
	j->np = git_commit_parentcount(c);
	git_oid_tostr(j->sid, sizeof(j->sid), git_commit_id(c));
	if ((rc = samv_treediff(v->repo, v->memo, c, NULL, 0, change_fn, &j->own)) < 0)
		return rc;
	changes_sort(&j->own);
	if (git_commit_tree(&tree, c) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit's tree");
	if ((rc = samv_view_tree(&j->view, v->repo, tree)) < 0)
		return rc;
	if (j->np == 1) {
		j->par = &j->own; /* what differs from the only parent */
		return 0;
	}
	if (j->np && !(j->par = calloc(j->np, sizeof(*j->par))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (k = 0; k < j->np && rc == 0; k++) {
		if (git_commit_parent(&parent, c, (unsigned)k) < 0 || git_commit_tree(&ptree, parent) < 0)
			rc = samv_error_git(SAMV_EIO, "cannot read a parent commit");
		else
			rc = samv_treediff_trees(v->repo, v->memo, ptree, j->view->tree, change_fn, &j->par[k]);
		changes_sort(&j->par[k]);
		git_tree_free(ptree);
		git_commit_free(parent);
		ptree = NULL;
		parent = NULL;
	}
	return rc;
}

static void judged_free(struct judged *j)
{
	size_t k;

	if (j->par != &j->own) {
		for (k = 0; j->par && k < j->np; k++)
			changes_free(&j->par[k]);
		free(j->par);
	}
	changes_free(&j->own);
	samv_view_free(j->view);
	samv_problems_free(&j->pr);
}

/* p, found in commit sid, named so in both languages */
static int with_commit(struct samv_problems *pr, const struct samv_problem *p, struct samv_pos pos, const char *sid)
{
	struct samv_buf msg = SAMV_BUF_INIT, text = SAMV_BUF_INIT;
	int rc;

	if ((rc = samv_buf_printf(&msg, "commit %s: %s", sid, p->msg)) == 0 &&
	    (rc = samv_buf_printf(&text, _("commit %s: %s"), sid, p->text)) == 0)
		rc = samv_problem_add_pair(pr, p->file, pos, p->code, msg.ptr, text.ptr);
	samv_buf_free(&msg);
	samv_buf_free(&text);
	return rc;
}

static bool same_problem(const struct samv_problem *a, const struct samv_problem *b)
{
	return a->line == b->line && a->col == b->col && !strcmp(a->file, b->file) && !strcmp(a->code, b->code) &&
	       !strcmp(a->msg, b->msg);
}

/* The commit's problems, by file, each once, appended to pr with the
 * commit named. */
static int append_named(struct samv_problems *pr, struct judged *j)
{
	char hex[GIT_OID_HEXSZ + 1];
	size_t i, from = pr->n;
	int rc = 0;

	samv_problems_sort(&j->pr);
	git_oid_tostr(hex, sizeof(hex), git_commit_id(j->c));
	for (i = 0; i < j->pr.n && rc == 0; i++) {
		const struct samv_problem *p = &j->pr.v[i];
		struct samv_pos pos = { p->line, p->col };

		if (i && same_problem(p, &j->pr.v[i - 1]))
			continue;
		if (!strncmp(p->msg, "commit ", 7))
			rc = samv_problem_add_pair(pr, p->file, pos, p->code, p->msg, p->text);
		else
			rc = with_commit(pr, p, pos, j->sid);
	}
	return rc < 0 ? rc : samv_problems_set_commit(pr, from, hex);
}

static int judge(struct samv_problems *pr, struct verify *v, git_commit *c)
{
	struct judged j;
	int rc;

	if ((rc = judged_init(&j, v, c)) == 0 && j.own.n + (j.np > 1 ? j.par[0].n + j.par[1].n : 0) > 0 &&
	    (rc = judge_maker(&j)) == 0 && (rc = judge_deletions(&j)) == 0 && (rc = judge_merge(&j)) == 0 &&
	    (rc = judge_files(&j)) == 0 && (rc = judge_refs(&j)) == 0)
		rc = append_named(pr, &j);
	judged_free(&j);
	return rc;
}

int samv_log_verify(struct samv_problems *pr, struct samv_store *s, const struct samv_log_opts *o)
{
	struct verify v = { samv_store_repo(s), NULL, NULL };
	git_revwalk *w = NULL;
	git_commit *c = NULL;
	git_oid oid;
	int rc, e = 0;

	if ((rc = samv_log_walk_start(&w, v.repo, o->rev, o->hide, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME)) < 0 || !w)
		return rc;
	if ((rc = samv_treememo_new(&v.memo)) < 0 || (rc = samv_refindex_new(&v.ix)) < 0)
		goto out;
	while ((e = git_revwalk_next(&oid, w)) == 0) {
		if (git_commit_lookup(&c, v.repo, &oid) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a commit");
			break;
		}
		if (samv_log_in_period(c, o) && (rc = judge(pr, &v, c)) < 0)
			break;
		git_commit_free(c);
		c = NULL;
	}
	if (rc == 0 && e < 0 && e != GIT_ITEROVER)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
out:
	samv_refindex_free(v.ix);
	samv_treememo_free(v.memo);
	git_commit_free(c);
	git_revwalk_free(w);
	return rc;
}
