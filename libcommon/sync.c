/*
 * sync.c - meet the other coordinators on a git remote: fetch, combine,
 * push, again if someone pushed in between.
 *
 * Combining is a fast-forward when one side has all the other's commits,
 * else a merge commit whose tree is made in memory: libgit2 merges the
 * trees, and every record file changed on both sides is merged field by
 * field (merge.c) instead of line by line.  A conflict changes nothing.
 * The branch, work tree and index move through txn.c, as for any write:
 * under the suite's lock, by compare-and-swap, files touched only when
 * they have no local changes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"
#include "people.h"

#define SAMV_SYNC_TRIES 5

/* A push: the remote's reason, when it refused the update. */
static int push_status(const char *ref, const char *status, void *payload)
{
	struct samv_remote_auth *a = payload;

	(void)ref;
	if (status && !a->rejected)
		a->rejected = strdup(status);
	return 0;
}

/* ---- staging what a tree changes --------------------------------------- */

/* Stage every file that differs from `from` (NULL: nothing) to `to`. */
static int stage_tree(struct samv_txn *t, git_repository *repo, git_tree *from, git_tree *to, size_t *nfiles)
{
	git_diff_options dopts;
	git_diff *diff = NULL;
	git_blob *blob = NULL;
	size_t i, n;
	int rc = 0;

	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);

	if (git_diff_tree_to_tree(&diff, repo, from, to, &dopts) < 0)
		return samv_error_git(SAMV_ERROR, "cannot compare trees");
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && rc == 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		if (d->status == GIT_DELTA_DELETED) {
			rc = samv_txn_put(t, d->old_file.path, NULL, 0);
			continue;
		}
		if (d->new_file.mode != GIT_FILEMODE_BLOB && d->new_file.mode != GIT_FILEMODE_BLOB_EXECUTABLE) {
			rc = samv_error_set(SAMV_EINVAL, "'%s' is a symbolic link or submodule; samv-sync "
					    "cannot write it (merge with git)", d->new_file.path);
			break;
		}
		if (git_blob_lookup(&blob, repo, &d->new_file.id) < 0) {
			rc = samv_error_git(SAMV_ERROR, d->new_file.path);
			break;
		}
		rc = samv_txn_put_mode(t, d->new_file.path, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob),
				       d->new_file.mode);
		git_blob_free(blob);
		blob = NULL;
	}
	*nfiles = n;
	git_diff_free(diff);
	return rc;
}

/* ---- the merge of two trees -------------------------------------------- */

struct treemerge {
	git_repository *repo;
	git_tree *base, *ours, *theirs;
	git_index *idx;
	enum samv_favor favor;
	struct samv_conflicts *c;
	struct samv_buf merged; /* paths merged field by field, one a line */
	const char *theirs_name;
};

static int read_side(struct samv_side *side, git_blob **blob, git_repository *repo, const git_oid *id)
{
	side->text = NULL;
	side->len = 0;
	*blob = NULL;
	if (!id)
		return 0;
	if (git_blob_lookup(blob, repo, id) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read a blob");
	/* blobs are not NUL-terminated: the parser is given the length */
	side->text = git_blob_rawcontent(*blob);
	side->len = (size_t)git_blob_rawsize(*blob);
	if (!side->text)
		side->text = "";
	return 0;
}

static const git_oid *tree_blob(git_tree_entry **e, git_tree *tree, const char *path)
{
	*e = NULL;
	if (!tree || git_tree_entry_bypath(e, tree, path) < 0)
		return NULL;
	return git_tree_entry_type(*e) == GIT_OBJECT_BLOB ? git_tree_entry_id(*e) : NULL;
}

/* Merge record path from its three blobs into the index. */
static int merge_record_file(struct treemerge *m, const char *path, const git_oid *b, const git_oid *o,
			     const git_oid *t)
{
	struct samv_side sb, so, st;
	git_blob *bb = NULL, *bo = NULL, *bt = NULL;
	struct samv_buf out = SAMV_BUF_INIT;
	size_t before = m->c->n;
	git_index_entry e;
	bool deleted;
	int rc;

	if ((rc = read_side(&sb, &bb, m->repo, b)) < 0 || (rc = read_side(&so, &bo, m->repo, o)) < 0 ||
	    (rc = read_side(&st, &bt, m->repo, t)) < 0)
		goto out;
	if ((rc = samv_merge_record(&out, &deleted, path, &sb, &so, &st, m->favor, m->c)) < 0 ||
	    m->c->n > before)
		goto out;
	git_index_conflict_remove(m->idx, path);
	if (deleted) {
		git_index_remove(m->idx, path, 0);
	} else {
		memset(&e, 0, sizeof(e));
		e.mode = GIT_FILEMODE_BLOB;
		e.path = path;
		if (git_blob_create_from_buffer(&e.id, m->repo, out.ptr ? out.ptr : "", out.len) < 0 ||
		    git_index_add(m->idx, &e) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot write the merged record");
			goto out;
		}
	}
	if (b && o && t)
		rc = samv_buf_printf(&m->merged, "%s\n", path);
out:
	samv_buf_free(&out);
	git_blob_free(bb);
	git_blob_free(bo);
	git_blob_free(bt);
	return rc;
}

/* Both sides' lines merged, a side's lines where they conflict.  The
 * entries belong to the index until the conflict is removed: copied
 * first, path (the caller's) in place of theirs. */
static int merge_lines(struct treemerge *m, const char *path, const git_index_entry *a,
		       const git_index_entry *o, const git_index_entry *t)
{
	git_merge_file_options opts;
	git_merge_file_result res;
	git_index_entry e;
	int rc = 0;

	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.favor = m->favor == SAMV_FAVOR_OURS ? GIT_MERGE_FILE_FAVOR_OURS : GIT_MERGE_FILE_FAVOR_THEIRS;
	memset(&res, 0, sizeof(res));
	if (git_merge_file_from_index(&res, m->repo, a, o, t, &opts) < 0)
		return samv_error_git(SAMV_ERROR, "cannot merge a file");
	e = *o;
	e.path = path;
	e.flags = 0; /* stage 0 */
	git_index_conflict_remove(m->idx, path);
	if (git_blob_create_from_buffer(&e.id, m->repo, res.ptr ? res.ptr : "", res.len) < 0 ||
	    git_index_add(m->idx, &e) < 0)
		rc = samv_error_git(SAMV_EIO, "cannot resolve a file");
	git_merge_file_result_free(&res);
	return rc;
}

/* A file that is no record, changed on both sides: a side if favoured,
 * line by line when both have it. */
static int merge_other_file(struct treemerge *m, const char *path, const git_index_entry *a,
			    const git_index_entry *o, const git_index_entry *t)
{
	const git_index_entry *keep = m->favor == SAMV_FAVOR_OURS ? o : t;
	git_index_entry e;
	cJSON *co, *ct;
	int rc;

	if (m->favor == SAMV_FAVOR_NONE) {
		co = o ? cJSON_CreateString("changed") : NULL;
		ct = t ? cJSON_CreateString("changed") : NULL;
		rc = samv_conflict_add(m->c, path, "", co, ct);
		cJSON_Delete(co);
		cJSON_Delete(ct);
		return rc;
	}
	if (o && t && o->mode == t->mode)
		return merge_lines(m, path, a, o, t);
	if (keep) {
		e = *keep;
		e.path = path;
		e.flags = 0; /* stage 0 */
	}
	git_index_conflict_remove(m->idx, path);
	if (!keep)
		return 0;
	if (git_index_add(m->idx, &e) < 0)
		return samv_error_git(SAMV_EIO, "cannot resolve a file");
	return 0;
}

struct conflict_paths {
	char **v;
	size_t n;
};

static int resolve_conflicts(struct treemerge *m)
{
	const git_index_entry *a, *o, *t;
	git_index_conflict_iterator *it = NULL;
	struct conflict_paths ps = { NULL, 0 };
	size_t i;
	int rc = 0, e;

	/* collect first: resolving changes the index under the iterator */
	if (git_index_conflict_iterator_new(&it, m->idx) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read the merge");
	while ((e = git_index_conflict_next(&a, &o, &t, it)) == 0) {
		const char *path = o ? o->path : t ? t->path : a->path;
		char **nv = realloc(ps.v, (ps.n + 1) * sizeof(*nv));

		if (!nv || !(nv[ps.n] = strdup(path))) {
			if (nv)
				ps.v = nv;
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		ps.v = nv;
		ps.n++;
	}
	git_index_conflict_iterator_free(it);
	it = NULL;
	for (i = 0; i < ps.n && rc == 0; i++) {
		if (git_index_conflict_get(&a, &o, &t, m->idx, ps.v[i]) < 0) {
			rc = samv_error_git(SAMV_ERROR, ps.v[i]);
			break;
		}
		if (samv_type_of_path(ps.v[i]))
			rc = merge_record_file(m, ps.v[i], a ? &a->id : NULL, o ? &o->id : NULL, t ? &t->id : NULL);
		else
			rc = merge_other_file(m, ps.v[i], a, o, t);
	}
out:
	git_index_conflict_iterator_free(it);
	for (i = 0; i < ps.n; i++)
		free(ps.v[i]);
	free(ps.v);
	return rc;
}

/* Records that libgit2 merged line by line (changes far apart in the
 * file) are merged again field by field, so that sets, attendance and the
 * canonical form follow the same rules whichever way the merge went. */
static int remerge_records(struct treemerge *m)
{
	git_diff_options dopts;
	git_tree_entry *eb = NULL, *eo = NULL, *et = NULL;
	git_diff *diff = NULL;
	size_t i, n;
	int rc = 0;

	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);

	if (git_diff_tree_to_index(&diff, m->repo, m->ours, m->idx, &dopts) < 0)
		return samv_error_git(SAMV_ERROR, "cannot compare the merge");
	n = git_diff_num_deltas(diff);
	for (i = 0; i < n && rc == 0; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);
		const char *path = d->new_file.path;
		const git_oid *b, *o, *t;

		if (d->status == GIT_DELTA_DELETED || !samv_type_of_path(path))
			continue;
		b = tree_blob(&eb, m->base, path);
		o = tree_blob(&eo, m->ours, path);
		t = tree_blob(&et, m->theirs, path);
		if (o && t && !git_oid_equal(t, &d->new_file.id))
			rc = merge_record_file(m, path, b, o, t);
		git_tree_entry_free(eb);
		git_tree_entry_free(eo);
		git_tree_entry_free(et);
	}
	git_diff_free(diff);
	return rc;
}

/* Each record merged field by field must still be valid on its own. */
static int validate_merged(struct treemerge *m, git_tree *tree)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	char *paths = m->merged.ptr, *line, *save = NULL, *copy;
	git_tree_entry *e = NULL;
	git_blob *blob = NULL;
	cJSON *rec = NULL;
	int rc = 0;

	if (!paths)
		return 0;
	if (!(copy = strdup(paths)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (line = strtok_r(copy, "\n", &save); line && rc == 0; line = strtok_r(NULL, "\n", &save)) {
		struct samv_buf text = SAMV_BUF_INIT;
		const git_oid *id = tree_blob(&e, tree, line);

		if (id && git_blob_lookup(&blob, m->repo, id) == 0 &&
		    samv_buf_put(&text, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob)) == 0 &&
		    samv_record_parse(&rec, &text, line) == 0 &&
		    samv_record_validate(&pr, samv_type_of_path(line), rec, line, text.ptr) == 0 && pr.n)
			rc = samv_error_setp(SAMV_EINVAL, "the merge of %s is not valid: %s (resolve it with "
					     "samv-sync --ours or --theirs)", line, samv_problem_say(&pr.v[0]));
		samv_problems_free(&pr);
		cJSON_Delete(rec);
		rec = NULL;
		git_blob_free(blob);
		blob = NULL;
		git_tree_entry_free(e);
		samv_buf_free(&text);
	}
	free(copy);
	return rc;
}

/* What the merged tree changed against one side. */
struct sidediff {
	char **paths;
	size_t n;
	bool whole;     /* something only a check of every record can judge */
	bool decisions; /* a decision changed */
};

static void sidediff_free(struct sidediff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++)
		free(d->paths[i]);
	free(d->paths);
}

/*
 * A deletion can leave another record's reference dangling; the Agreement
 * and the instruments are what other records are checked against; a file
 * that is not a record, or the repository's own, is judged as a whole.
 */
static bool needs_whole(const git_diff_delta *dl)
{
	const struct samv_type *t;

	if (dl->status != GIT_DELTA_MODIFIED && dl->status != GIT_DELTA_ADDED)
		return true;
	t = samv_type_of_path(dl->new_file.path);
	return !t || t == samv_type_repository() || !strncmp(dl->new_file.path, "agreement/", 10);
}

static int diff_side(struct sidediff *d, git_repository *repo, git_tree *side, git_tree *merged)
{
	git_diff *diff = NULL;
	size_t i, n;
	int rc = 0;

	memset(d, 0, sizeof(*d));
	if (git_diff_tree_to_tree(&diff, repo, side, merged, NULL) < 0)
		return samv_error_git(SAMV_ERROR, "cannot compare the merged tree");
	n = git_diff_num_deltas(diff);
	if (!(d->paths = calloc(n + 1, sizeof(*d->paths))))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < n && rc == 0; i++) {
		const git_diff_delta *dl = git_diff_get_delta(diff, i);

		d->whole |= needs_whole(dl);
		d->decisions |= !strncmp(dl->new_file.path, "decisions/", 10);
		if (!(d->paths[d->n++] = strdup(dl->new_file.path)))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
	}
	git_diff_free(diff);
	return rc;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The paths that differ from both sides, i.e. merged field by field, in
 * out (pointers into o); whole when one of them is an assessment, whose
 * answers are checked against its instrument only by a whole check. */
static size_t both_sides(const char **out, struct sidediff *o, struct sidediff *t, bool *whole)
{
	size_t i, n = 0;

	qsort(o->paths, o->n, sizeof(*o->paths), cmp_path);
	qsort(t->paths, t->n, sizeof(*t->paths), cmp_path);
	for (i = 0; i < o->n; i++)
		if (bsearch(&o->paths[i], t->paths, t->n, sizeof(*t->paths), cmp_path)) {
			*whole |= !strncmp(o->paths[i], "assessments/", 12);
			out[n++] = o->paths[i];
		}
	return n;
}

/* The problems samv-check finds in a tree (the view owns a copy): in
 * every file, or only in paths[0..n) (and what they refer to) when
 * paths is not NULL. */
static int check_tree(struct samv_problems *pr, git_repository *repo, git_tree *tree, const char **paths,
		      size_t n)
{
	struct samv_view *v = NULL;
	git_tree *copy = NULL;
	int rc;

	if (git_tree_dup(&copy, tree) < 0)
		return samv_error_git(SAMV_ERROR, "tree");
	if ((rc = samv_view_tree(&v, repo, copy)) < 0) {
		git_tree_free(copy);
		return rc;
	}
	rc = paths ? samv_check_files(pr, v, paths, n) : samv_check(pr, v);
	samv_view_free(v);
	return rc;
}

static bool has_problem(const struct samv_problems *pr, const struct samv_problem *p)
{
	size_t i;

	for (i = 0; i < pr->n; i++)
		if (!strcmp(pr->v[i].file, p->file) && !strcmp(pr->v[i].code, p->code) &&
		    !strcmp(pr->v[i].msg, p->msg))
			return true;
	return false;
}

/*
 * Records merged cleanly can still break a rule across records: a person
 * removed on one side who attended a meeting recorded on the other.  The
 * merge must not add a problem that neither side had (problems a side
 * already had are its own, and do not block the sync).
 *
 * Checking every record costs seconds at 100k records, so only what the
 * merge can have broken is checked.  A record the same as on one side has
 * that side's problems, and its references resolve as they did there,
 * unless the other side deleted something; so when nothing was deleted,
 * the Agreement, the instruments and the files that are not records were
 * not touched, and not both sides changed decisions (whose chains can
 * close across records), only the records merged field by field, and what
 * they refer to, are checked.  Otherwise every record is.
 */
static int check_merged(struct treemerge *m, git_tree *merged)
{
	struct samv_problems pm = SAMV_PROBLEMS_INIT, po = SAMV_PROBLEMS_INIT, pt = SAMV_PROBLEMS_INIT;
	struct sidediff dout, dtheirs;
	const char **paths = NULL;
	size_t i, n = 0;
	bool whole;
	int rc;

	memset(&dout, 0, sizeof(dout));
	memset(&dtheirs, 0, sizeof(dtheirs));
	if ((rc = diff_side(&dout, m->repo, m->ours, merged)) < 0 ||
	    (rc = diff_side(&dtheirs, m->repo, m->theirs, merged)) < 0)
		goto out;
	if (!(paths = calloc(dout.n + 1, sizeof(*paths)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	whole = dout.whole || dtheirs.whole || (dout.decisions && dtheirs.decisions);
	n = both_sides(paths, &dout, &dtheirs, &whole);
	if (whole) {
		free(paths);
		paths = NULL;
	}
	if ((rc = check_tree(&pm, m->repo, merged, paths, n)) < 0 || !samv_problems_errors(&pm) ||
	    (rc = check_tree(&po, m->repo, m->ours, paths, n)) < 0 ||
	    (rc = check_tree(&pt, m->repo, m->theirs, paths, n)) < 0)
		goto out;
	for (i = 0; i < pm.n; i++) {
		const struct samv_problem *p = &pm.v[i];

		if (samv_problem_is_warning(p) || has_problem(&po, p) || has_problem(&pt, p))
			continue;
		rc = samv_error_setp(SAMV_EINVAL, "the merge would leave a problem in %s: %s (%s); nothing was "
				     "changed: fix it on one side and sync again",
				     p->file, samv_problem_say(p), p->code);
		break;
	}
out:
	free(paths);
	sidediff_free(&dout);
	sidediff_free(&dtheirs);
	samv_problems_free(&pm);
	samv_problems_free(&po);
	samv_problems_free(&pt);
	return rc;
}

static int merge_trees(git_oid *tree_id, struct treemerge *m)
{
	git_merge_options mo;
	git_tree *tree = NULL;
	int rc;

	git_merge_options_init(&mo, GIT_MERGE_OPTIONS_VERSION);
	/* no rename detection: two similar records are two records; no
	 * side favoured here: libgit2 would resolve a record's conflicting
	 * lines for one side, and with them the other side's changes of the
	 * neighbouring fields (the favour applies field by field, in
	 * resolve_conflicts) */
	mo.flags = 0;
	mo.file_favor = GIT_MERGE_FILE_FAVOR_NORMAL;
	if (git_merge_trees(&m->idx, m->repo, m->base, m->ours, m->theirs, &mo) < 0)
		return samv_error_git(SAMV_ERROR, "cannot merge");
	if ((rc = resolve_conflicts(m)) < 0 || m->c->n)
		return rc;
	if ((rc = remerge_records(m)) < 0 || m->c->n)
		return rc;
	if (git_index_has_conflicts(m->idx))
		return samv_error_set(SAMV_ERROR, "the merge left conflicts unresolved");
	if (git_index_write_tree_to(tree_id, m->idx, m->repo) < 0)
		return samv_error_git(SAMV_EIO, "cannot write the merged tree");
	if (git_tree_lookup(&tree, m->repo, tree_id) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read the merged tree");
	if ((rc = validate_merged(m, tree)) == 0)
		rc = check_merged(m, tree);
	git_tree_free(tree);
	return rc;
}

/* ---- one round: combine the fetched tip with ours ----------------------- */

static int count_commits(size_t *out, git_repository *repo, const git_oid *from)
{
	git_revwalk *w = NULL;
	git_oid id;
	int e;

	*out = 0;
	if (!from)
		return 0;
	if (git_revwalk_new(&w, repo) < 0 || git_revwalk_push(w, from) < 0) {
		git_revwalk_free(w);
		return samv_error_git(SAMV_ERROR, "cannot walk the history");
	}
	while ((e = git_revwalk_next(&id, w)) == 0)
		(*out)++;
	git_revwalk_free(w);
	return e == GIT_ITEROVER ? 0 : samv_error_git(SAMV_ERROR, "cannot walk the history");
}

static int commit_tree(git_tree **out, git_repository *repo, const git_oid *commit)
{
	git_commit *c = NULL;
	int rc = 0;

	*out = NULL;
	if (!commit)
		return 0;
	if (git_commit_lookup(&c, repo, commit) < 0 || git_commit_tree(out, c) < 0)
		rc = samv_error_git(SAMV_ERROR, "cannot read a commit");
	git_commit_free(c);
	return rc;
}

static int do_merge(struct samv_txn *t, struct samv_store *s, struct samv_sync_result *r,
		    const struct samv_sync_opts *o, const git_oid *ours, const git_oid *theirs)
{
	struct treemerge m;
	git_oid base, tree_id;
	git_tree *merged = NULL;
	char body[256], sha[GIT_OID_HEXSZ + 1], *line, *save = NULL;
	size_t nfiles;
	bool changed;
	int rc;

	memset(&m, 0, sizeof(m));
	m.repo = s->repo;
	m.favor = o->favor;
	m.c = &r->conflicts;
	m.theirs_name = r->upstream;
	if (git_merge_base(&base, s->repo, ours, theirs) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "%s has no history in common with this repository; "
				    "is it the same collaboration?", r->upstream);
		goto out;
	}
	if ((rc = commit_tree(&m.base, s->repo, &base)) < 0 || (rc = commit_tree(&m.ours, s->repo, ours)) < 0 ||
	    (rc = commit_tree(&m.theirs, s->repo, theirs)) < 0)
		goto out;
	if ((rc = merge_trees(&tree_id, &m)) < 0)
		goto out;
	if (r->conflicts.n) {
		rc = samv_error_set(SAMV_ECONFLICT, "conflict");
		goto out;
	}
	if (git_tree_lookup(&merged, s->repo, &tree_id) < 0) {
		rc = samv_error_git(SAMV_ERROR, "cannot read the merged tree");
		goto out;
	}
	if ((rc = stage_tree(t, s->repo, m.ours, merged, &nfiles)) < 0 ||
	    (rc = samv_txn_merge_parent(t, theirs)) < 0)
		goto out;
	git_oid_tostr(sha, sizeof(sha), theirs);
	if ((rc = samv_txn_trailer(t, "Samv-Merged", sha)) < 0)
		goto out;
	for (line = m.merged.ptr ? strtok_r(m.merged.ptr, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
		if ((rc = samv_txn_trailer(t, "Samv-Record", line)) < 0)
			goto out;
	snprintf(body, sizeof(body), "%zu in, %zu out; records changed on both sides were merged field by field.",
		 r->in, r->out);
	{
		char subject[300];

		snprintf(subject, sizeof(subject), "sync: merge %s", r->upstream);
		rc = samv_txn_commit(t, subject, body, &changed);
	}
out:
	git_tree_free(merged);
	git_tree_free(m.base);
	git_tree_free(m.ours);
	git_tree_free(m.theirs);
	git_index_free(m.idx);
	samv_buf_free(&m.merged);
	return rc;
}

static int fast_forward(struct samv_txn *t, struct samv_store *s, const struct samv_sync_result *r,
			const git_oid *ours, const git_oid *theirs)
{
	git_tree *from = NULL, *to = NULL;
	char subject[300];
	size_t nfiles;
	bool changed;
	int rc;

	if ((rc = commit_tree(&from, s->repo, ours)) < 0 || (rc = commit_tree(&to, s->repo, theirs)) < 0 ||
	    (rc = stage_tree(t, s->repo, from, to, &nfiles)) < 0 || (rc = samv_txn_fast_forward(t, theirs)) < 0)
		goto out;
	snprintf(subject, sizeof(subject), "fast-forward to %s", r->upstream);
	rc = samv_txn_commit(t, subject, NULL, &changed);
out:
	git_tree_free(from);
	git_tree_free(to);
	return rc;
}

/* Combine refs/remotes/REMOTE/BRANCH with the local branch. */
static int combine(struct samv_store *s, struct samv_sync_result *r, const struct samv_sync_opts *o,
		   const char *tracking)
{
	struct samv_txn *t = NULL;
	git_oid theirs;
	const git_oid *ours;
	size_t ahead = 0, behind = 0;
	bool have_theirs;
	int rc;

	if ((rc = samv_txn_begin(&t, s, "samv-sync")) < 0)
		return rc;
	ours = samv_txn_tip(t);
	have_theirs = git_reference_name_to_id(&theirs, s->repo, tracking) == 0;
	if (!have_theirs) {
		/* a new, empty remote: everything goes out */
		rc = count_commits(&r->out, s->repo, ours);
		r->how = ours ? SAMV_SYNC_PUSHED : SAMV_SYNC_UPTODATE;
		goto out;
	}
	if (!ours) {
		rc = count_commits(&behind, s->repo, &theirs);
	} else if (git_graph_ahead_behind(&ahead, &behind, s->repo, ours, &theirs) < 0) {
		rc = samv_error_git(SAMV_ERROR, "cannot compare with the remote");
	}
	if (rc < 0)
		goto out;
	r->in += behind;
	r->out = ahead;
	if (behind == 0) {
		r->how = ahead ? SAMV_SYNC_PUSHED : r->how;
	} else if (ahead == 0) {
		rc = fast_forward(t, s, r, ours, &theirs);
		if (r->how == SAMV_SYNC_UPTODATE)
			r->how = SAMV_SYNC_FASTFORWARD;
	} else {
		rc = do_merge(t, s, r, o, ours, &theirs);
		r->how = SAMV_SYNC_MERGED;
	}
out:
	samv_txn_free(t);
	return rc;
}

/* ---- the remote -------------------------------------------------------- */

int samv_sync_fetch(git_remote *remote, const char *name, const char *src, const char *tracking, const char *reflog,
		    bool *unverified)
{
	git_fetch_options fo;
	struct samv_remote_auth a;
	char *spec = NULL;
	git_strarray specs;
	int rc;

	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	if ((rc = samv_remote_init(&a, &fo.callbacks, git_remote_owner(remote), git_remote_url(remote))) < 0)
		goto out;
	fo.prune = GIT_FETCH_NO_PRUNE;
	fo.download_tags = GIT_REMOTE_DOWNLOAD_TAGS_NONE;
	if (asprintf(&spec, "+%s:%s", src, tracking) < 0) {
		spec = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	specs.strings = &spec;
	specs.count = 1;
	if (git_remote_fetch(remote, &specs, &fo, reflog) < 0)
		rc = samv_remote_error(&a, "fetch from", name);
	*unverified |= a.unverified;
out:
	free(spec);
	samv_remote_auth_free(&a);
	return rc;
}

/* Wait at the test gate (SAMV_SYNC_TEST_GATE, see t1200): say we are
 * ready, then wait until told to go, so that a test can push from another
 * clone between our fetch and our push. */
void samv_sync_test_gate(const char *gate)
{
	char *ready = NULL, *go = NULL;
	int fd, i;

	if (!gate || asprintf(&ready, "%s.ready", gate) < 0 || asprintf(&go, "%s.go", gate) < 0)
		goto out;
	if ((fd = open(ready, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) >= 0)
		close(fd);
	for (i = 0; i < 1200 && access(go, F_OK) < 0; i++) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };

		nanosleep(&ts, NULL);
	}
out:
	free(ready);
	free(go);
}

/* The status git-receive-pack gives a ref it could not move because
 * another push moved it first. */
static bool lost_race(const char *status)
{
	return strstr(status, "non-fast-forward") || strstr(status, "fetch first") || strstr(status, "lock") ||
	       strstr(status, "failed to update ref");
}

/* 1 when the remote refused the update because it moved (try again). */
static int push(git_remote *remote, const char *name, const char *local, const char *branch, bool *unverified)
{
	git_push_options po;
	struct samv_remote_auth a;
	char *spec = NULL;
	git_strarray specs;
	int e, rc;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	if ((rc = samv_remote_init(&a, &po.callbacks, git_remote_owner(remote), git_remote_url(remote))) < 0)
		goto out;
	po.callbacks.push_update_reference = push_status;
	if (asprintf(&spec, "%s:%s", local, branch) < 0) {
		spec = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	specs.strings = &spec;
	specs.count = 1;
	/* libgit2 refuses a push that is no fast-forward of what it saw on
	 * connecting (GIT_ENONFASTFORWARD); a server that lost a race says so
	 * in the ref's status */
	e = git_remote_push(remote, &specs, &po);
	*unverified |= a.unverified;
	if (e == GIT_ENONFASTFORWARD || (e == 0 && a.rejected && lost_race(a.rejected)))
		rc = 1;
	else if (e == 0 && a.rejected) {
		char url[1024];

		samv_url_redact(url, sizeof(url), a.url);
		rc = samv_error_set(SAMV_EIO, "cannot push to '%s' (%s): the remote refused the update: %s", name,
				    url, a.rejected);
	}
	else if (e < 0)
		rc = samv_remote_error(&a, "push to", name);
out:
	free(spec);
	samv_remote_auth_free(&a);
	return rc;
}

/*
 * libgit2's local transport moves the remote's ref without comparing it
 * with what it saw (a later push could replace an earlier one's tip), so
 * for a remote on this machine the objects go under a temporary ref of
 * our own, and dst moves to local's tip by compare-and-swap from the tip
 * fetched (expected, NULL when the remote had no such ref), under the
 * ref's lock as git-receive-pack takes it.  1 when the remote moved (try
 * again); the tip pushed in *tip.
 */
int samv_sync_push_local(git_oid *tip, git_remote *remote, const char *name, const char *path, const char *local,
			 const char *dst, const git_oid *expected, bool *unverified)
{
	git_push_options po;
	struct samv_remote_auth a;
	git_repository *rr = NULL;
	git_reference *ref = NULL;
	char tmp[96], *spec = NULL;
	git_strarray specs;
	int e, rc = 0;

	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	if ((rc = samv_remote_init(&a, &po.callbacks, git_remote_owner(remote), git_remote_url(remote))) < 0)
		goto out;
	po.callbacks.push_update_reference = push_status;
	if (git_reference_name_to_id(tip, git_remote_owner(remote), local) < 0) {
		rc = samv_error_git(SAMV_ERROR, local);
		goto out;
	}
	snprintf(tmp, sizeof(tmp), "refs/samv/sync-%ld-%ld", (long)getpid(), (long)time(NULL));
	if (asprintf(&spec, "+%s:%s", local, tmp) < 0) {
		spec = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	specs.strings = &spec;
	specs.count = 1;
	if (git_remote_push(remote, &specs, &po) < 0 || a.rejected) {
		rc = samv_remote_error(&a, "push to", name);
		goto out;
	}
	if (git_repository_open_bare(&rr, path) < 0) {
		rc = samv_remote_error(&a, "push to", name);
		goto out;
	}
	e = expected ? git_reference_create_matching(&ref, rr, dst, tip, 1, expected, "push by samv-sync")
		     : git_reference_create(&ref, rr, dst, tip, 0, "push by samv-sync");
	if (e == GIT_EMODIFIED || e == GIT_EEXISTS || e == GIT_ELOCKED)
		rc = 1;
	else if (e < 0)
		rc = samv_remote_error(&a, "push to", name);
	git_reference_free(ref);
	ref = NULL;
	if (git_reference_lookup(&ref, rr, tmp) == 0)
		git_reference_delete(ref);
out:
	*unverified |= a.unverified;
	git_reference_free(ref);
	git_repository_free(rr);
	free(spec);
	samv_remote_auth_free(&a);
	return rc;
}

/* The branch to a remote on this machine; then, as git_remote_push does
 * for a branch pushed, the tracking ref.  1 when the remote moved. */
static int push_local(git_remote *remote, const char *name, const char *local, const char *branch,
		      const char *tracking, const char *path, bool *unverified)
{
	git_reference *ref = NULL;
	git_oid tip, expected;
	bool have_expected = git_reference_name_to_id(&expected, git_remote_owner(remote), tracking) == 0;
	int rc = samv_sync_push_local(&tip, remote, name, path, local, branch, have_expected ? &expected : NULL,
				      unverified);

	if (rc == 0 && git_reference_create(&ref, git_remote_owner(remote), tracking, &tip, 1, "push by samv-sync") < 0)
		rc = samv_error_git(SAMV_EIO, tracking);
	git_reference_free(ref);
	return rc;
}

static int upstream(char **branch, char **remote_name, git_repository *repo, const char *local,
		    const char *given)
{
	git_config *cfg = NULL;
	git_buf b = { NULL, 0, 0 };
	const char *shortname = local + strlen("refs/heads/");
	char *key = NULL;
	int rc = 0;

	*branch = NULL;
	*remote_name = NULL;
	if (git_repository_config_snapshot(&cfg, repo) < 0)
		return samv_error_git(SAMV_ERROR, "cannot read the configuration");
	/* the branch's upstream when it has one on this remote, else the
	 * branch of the same name */
	if (asprintf(&key, "branch.%s.remote", shortname) >= 0 && git_config_get_string_buf(&b, cfg, key) == 0 &&
	    (!given || !strcmp(b.ptr, given)) && !(*remote_name = strdup(b.ptr)))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	git_buf_dispose(&b);
	free(key);
	key = NULL;
	if (rc == 0 && *remote_name && asprintf(&key, "branch.%s.merge", shortname) >= 0 &&
	    git_config_get_string_buf(&b, cfg, key) == 0 && !strncmp(b.ptr, "refs/heads/", 11))
		*branch = strdup(b.ptr);
	git_buf_dispose(&b);
	free(key);
	if (rc == 0 && !*remote_name && !(*remote_name = strdup(given ? given : "origin")))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc == 0 && !*branch && !(*branch = strdup(local)))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	git_config_free(cfg);
	return rc;
}

static int current_branch(char **out, git_repository *repo)
{
	git_reference *head = NULL;
	int rc = 0;

	*out = NULL;
	if (git_reference_lookup(&head, repo, "HEAD") < 0)
		return samv_error_git(SAMV_ERROR, "cannot read HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC)
		rc = samv_error_set(SAMV_EINVAL, "HEAD is detached; check out a branch before syncing");
	else if (!(*out = strdup(git_reference_symbolic_target(head))))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	git_reference_free(head);
	return rc;
}

int samv_sync(struct samv_sync_result *r, struct samv_store *s, const struct samv_sync_opts *o)
{
	git_remote *remote = NULL;
	char *local = NULL, *branch = NULL, *name = NULL, *tracking = NULL;
	const char *path;
	bool people_later = false;
	int rc, e, tries;

	memset(r, 0, sizeof(*r));
	if ((rc = current_branch(&local, s->repo)) < 0 ||
	    (rc = upstream(&branch, &name, s->repo, local, o->remote)) < 0)
		goto out;
	if ((e = git_remote_lookup(&remote, s->repo, name)) < 0) {
		rc = e == GIT_ENOTFOUND || e == GIT_EINVALIDSPEC
			     ? samv_error_set(SAMV_ENOTFOUND, "no remote '%s' (add one: git remote add %s URL)", name,
					      name)
			     : samv_error_git(SAMV_ERROR, name);
		goto out;
	}
	if (asprintf(&tracking, "refs/remotes/%s/%s", name, branch + strlen("refs/heads/")) < 0) {
		tracking = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	snprintf(r->upstream, sizeof(r->upstream), "%s/%s", name, branch + strlen("refs/heads/"));
	/* the people first: a refusal (an erasure not made here) changes nothing */
	if ((rc = samv_people_sync(s, remote, name, o->favor, &r->conflicts, &r->unverified,
				    o->people_test_gate, &people_later)) < 0)
		goto out;
	for (tries = 0; tries < SAMV_SYNC_TRIES; tries++) {
		r->tries = tries;
		if ((rc = samv_sync_fetch(remote, name, branch, tracking, "samv-sync: fetch", &r->unverified)) < 0 ||
		    (rc = combine(s, r, o, tracking)) < 0)
			goto out;
		if (r->how == SAMV_SYNC_UPTODATE || r->how == SAMV_SYNC_FASTFORWARD)
			goto out;
		if (tries == 0)
			samv_sync_test_gate(o->test_gate);
		path = samv_url_local_path(git_remote_url(remote));
		rc = path ? push_local(remote, name, local, branch, tracking, path, &r->unverified)
			  : push(remote, name, local, branch, &r->unverified);
		if (rc <= 0)
			goto out;
		/* someone pushed since our fetch: fetch and combine again */
	}
	rc = samv_error_set(SAMV_EBUSY, "busy: %s moved %d times while syncing (others are pushing); "
			    "your commits are kept here: run samv-sync again", r->upstream, SAMV_SYNC_TRIES);
out:
	if (rc == 0 && people_later)
		rc = samv_people_push_new(samv_store_repo(s), remote, name, &r->unverified);
	/* people moved off the branch on another clone come with it */
	if (rc == 0 && name)
		rc = samv_people_adopt(s, name);
	git_remote_free(remote);
	free(local);
	free(branch);
	free(name);
	free(tracking);
	return rc;
}

void samv_sync_result_free(struct samv_sync_result *r)
{
	samv_conflicts_free(&r->conflicts);
}
