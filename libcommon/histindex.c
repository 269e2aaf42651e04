/*
 * histindex.c - which commits changed which path, kept in the query
 * cache (.git/samv/cache.sqlite) so that the history of one record costs
 * what its commits cost, not a walk of every commit.
 *
 * For every commit of HEAD's history the index holds the tree entries
 * (files and directories) that differ from every parent's, as
 * samv_treediff finds them; and the commit's place in the walk from HEAD
 * that samv-log and the Agreement's history make (libgit2's unsorted
 * walk), so that a query can hand out the commits in that order without
 * walking.  What a commit changed depends on the commit alone: a row,
 * once written, is never wrong, only perhaps no longer in HEAD's history.
 *
 * Brought up to HEAD on every use: nothing to do when HEAD is the commit
 * indexed last; when HEAD reaches it through commits of one parent each
 * (what samv writes, a fast-forward), those are added in front; else
 * (a merge, git reset, a rewritten history) the walk from HEAD is made
 * again, reusing the rows of the commits it meets and reading the
 * others, and rows of commits no longer in the history are dropped.
 * Commits are read by their trees, whoever made them: samv's Samv-Record
 * trailers are not used, since only the tree diff can tell whether they
 * are true.  See docs/CACHE.md.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "cache.h"
#include "datewalk.h"
#include "histindex.h"
#include "store.h"

/* hist_meta 'layout': another value (an older samv's) drops the tables */
#define HIST_LAYOUT "1"
/* a longer line of one-parent commits is not worth following first */
#define CHAIN_MAX 10000

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS hist_meta(k TEXT PRIMARY KEY, v BLOB);"
	/* every commit of HEAD's history: the higher rank, the earlier the
	 * walk from HEAD meets it */
	"CREATE TABLE IF NOT EXISTS hist_commit(seq INTEGER PRIMARY KEY, oid BLOB NOT NULL UNIQUE,"
	" rank INTEGER NOT NULL);"
	/* an entry of seq's tree that differs from every parent's */
	"CREATE TABLE IF NOT EXISTS hist_node(path TEXT NOT NULL, leaf INTEGER NOT NULL, seq INTEGER NOT NULL,"
	" PRIMARY KEY(path, leaf, seq)) WITHOUT ROWID;"
	"CREATE INDEX IF NOT EXISTS hist_node_seq ON hist_node(seq);";

struct hx {
	sqlite3 *db;
	git_repository *repo;
	struct samv_treememo *memo;
	int sqlrc; /* a SQLite result code that failed, or SQLITE_OK */
	long long seq; /* the commit whose nodes are being written */
	sqlite3_stmt *put_node;
};

static int sql_err(struct hx *h, int code)
{
	h->sqlrc = code != SQLITE_OK && code != SQLITE_ROW && code != SQLITE_DONE ? code : sqlite3_errcode(h->db);
	if (h->sqlrc == SQLITE_OK)
		h->sqlrc = SQLITE_ERROR;
	return samv_error_set(SAMV_EIO, "history index: %s", sqlite3_errmsg(h->db));
}

static int exec(struct hx *h, const char *sql)
{
	int r = sqlite3_exec(h->db, sql, NULL, NULL, NULL);

	return r == SQLITE_OK ? 0 : sql_err(h, r);
}

static int prep(struct hx *h, sqlite3_stmt **st, const char *sql)
{
	int r = sqlite3_prepare_v2(h->db, sql, -1, st, NULL);

	return r == SQLITE_OK ? 0 : sql_err(h, r);
}

/* The blob of meta key k (GIT_OID_RAWSZ bytes) into out: 1 found, 0 not. */
static int meta_oid(struct hx *h, const char *k, git_oid *out)
{
	sqlite3_stmt *st = NULL;
	int r, rc;

	if ((rc = prep(h, &st, "SELECT v FROM hist_meta WHERE k = ?1")) < 0)
		return rc;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	r = sqlite3_step(st);
	rc = 0;
	if (r == SQLITE_ROW && sqlite3_column_bytes(st, 0) == GIT_OID_RAWSZ) {
		memcpy(out->id, sqlite3_column_blob(st, 0), GIT_OID_RAWSZ);
		rc = 1;
	} else if (r != SQLITE_ROW && r != SQLITE_DONE) {
		rc = sql_err(h, r);
	}
	sqlite3_finalize(st);
	return rc;
}

static int meta_put(struct hx *h, const char *k, const void *v, int len)
{
	sqlite3_stmt *st = NULL;
	int r, rc;

	if ((rc = prep(h, &st, "INSERT OR REPLACE INTO hist_meta(k, v) VALUES (?1, ?2)")) < 0)
		return rc;
	sqlite3_bind_text(st, 1, k, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, v, len, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	return r == SQLITE_DONE ? 0 : sql_err(h, r);
}

/* The tables, made when absent and emptied when of another layout. */
static int tables(struct hx *h)
{
	sqlite3_stmt *st = NULL;
	int rc, r, same = 0;

	if ((rc = exec(h, schema_sql)) < 0 || (rc = prep(h, &st, "SELECT v FROM hist_meta WHERE k = 'layout'")) < 0)
		return rc;
	r = sqlite3_step(st);
	if (r == SQLITE_ROW)
		same = sqlite3_column_bytes(st, 0) == (int)strlen(HIST_LAYOUT) &&
		       !memcmp(sqlite3_column_blob(st, 0), HIST_LAYOUT, strlen(HIST_LAYOUT));
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return sql_err(h, r);
	if (same)
		return 0;
	if ((rc = exec(h, "DELETE FROM hist_node; DELETE FROM hist_commit; DELETE FROM hist_meta;")) < 0)
		return rc;
	return meta_put(h, "layout", HIST_LAYOUT, (int)strlen(HIST_LAYOUT));
}

static int node_fn(const char *path, bool leaf, void *arg)
{
	struct hx *h = arg;
	int r;

	sqlite3_reset(h->put_node);
	sqlite3_bind_text(h->put_node, 1, path, -1, SQLITE_STATIC);
	sqlite3_bind_int64(h->put_node, 2, h->seq);
	sqlite3_bind_int(h->put_node, 3, leaf);
	r = sqlite3_step(h->put_node);
	sqlite3_reset(h->put_node);
	return r == SQLITE_DONE ? 0 : sql_err(h, r);
}

/* Add commit id with rank, and the entries it changed. */
static int add_commit(struct hx *h, sqlite3_stmt *ins, const git_oid *id, long long rank)
{
	git_commit *c = NULL;
	int r, rc;

	sqlite3_reset(ins);
	sqlite3_bind_blob(ins, 1, id->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	sqlite3_bind_int64(ins, 2, rank);
	r = sqlite3_step(ins);
	sqlite3_reset(ins);
	if (r != SQLITE_DONE)
		return sql_err(h, r);
	h->seq = sqlite3_last_insert_rowid(h->db);
	if (git_commit_lookup(&c, h->repo, id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit");
	rc = samv_treediff_nodes(h->repo, h->memo, c, node_fn, h);
	git_commit_free(c);
	return rc;
}

/*
 * HEAD reaches tip through commits of one parent each: *chain gets them,
 * HEAD first, and the count.  The unsorted walk from HEAD meets them in
 * that order and then, at tip, has nothing else pending: from there on
 * it is the walk from tip.  0 when HEAD does not reach tip so.
 */
static int one_parent_line(git_oid **chain, size_t *n, git_repository *repo, const git_oid *head,
			   const git_oid *tip)
{
	git_oid cur = *head, *v = NULL;
	size_t cap = 0;
	int rc = 0;

	*chain = NULL;
	*n = 0;
	while (!git_oid_equal(&cur, tip)) {
		git_commit *c = NULL;

		if (*n == CHAIN_MAX)
			goto no;
		if (git_commit_lookup(&c, repo, &cur) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a commit");
			goto no;
		}
		if (git_commit_parentcount(c) != 1) {
			git_commit_free(c);
			goto no;
		}
		if (*n == cap) {
			git_oid *nv = realloc(v, (cap = cap ? 2 * cap : 16) * sizeof(*nv));

			if (!nv) {
				git_commit_free(c);
				rc = samv_error_set(SAMV_ERROR, "out of memory");
				goto no;
			}
			v = nv;
		}
		v[(*n)++] = cur;
		git_oid_cpy(&cur, git_commit_parent_id(c, 0));
		git_commit_free(c);
	}
	*chain = v;
	return 1;
no:
	free(v);
	*n = 0;
	return rc;
}

/* The whole walk from head again: ranks given anew, commits not yet
 * indexed read, those no longer in the history dropped. */
static int rewalk(struct hx *h, const git_oid *head)
{
	sqlite3_stmt *find = NULL, *upd = NULL, *ins = NULL;
	git_revwalk *w = NULL;
	git_oid id;
	long long rank = 0;
	size_t total = 0;
	int rc, r, e;

	if (git_revwalk_new(&w, h->repo) < 0 || git_revwalk_sorting(w, GIT_SORT_NONE) < 0 ||
	    git_revwalk_push(w, head) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
		goto out;
	}
	/* count first: ranks fall from the number of commits to 1 */
	while ((e = git_revwalk_next(&id, w)) == 0)
		total++;
	if (e != GIT_ITEROVER || git_revwalk_reset(w) < 0 || git_revwalk_sorting(w, GIT_SORT_NONE) < 0 ||
	    git_revwalk_push(w, head) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
		goto out;
	}
	/* every commit's rows go in one transaction: a page cache large
	 * enough for them saves re-reading the index pages from the file */
	if ((rc = exec(h, "PRAGMA cache_size = -65536")) < 0 || (rc = exec(h, "UPDATE hist_commit SET rank = 0")) < 0 ||
	    (rc = prep(h, &find, "SELECT seq FROM hist_commit WHERE oid = ?1")) < 0 ||
	    (rc = prep(h, &upd, "UPDATE hist_commit SET rank = ?2 WHERE seq = ?1")) < 0 ||
	    (rc = prep(h, &ins, "INSERT INTO hist_commit(oid, rank) VALUES (?1, ?2)")) < 0)
		goto out;
	rank = (long long)total;
	while (rc == 0 && (e = git_revwalk_next(&id, w)) == 0) {
		sqlite3_reset(find);
		sqlite3_bind_blob(find, 1, id.id, GIT_OID_RAWSZ, SQLITE_STATIC);
		r = sqlite3_step(find);
		if (r == SQLITE_ROW) {
			long long seq = sqlite3_column_int64(find, 0);

			sqlite3_reset(find);
			sqlite3_reset(upd);
			sqlite3_bind_int64(upd, 1, seq);
			sqlite3_bind_int64(upd, 2, rank);
			if ((r = sqlite3_step(upd)) != SQLITE_DONE)
				rc = sql_err(h, r);
		} else if (r == SQLITE_DONE) {
			sqlite3_reset(find);
			rc = add_commit(h, ins, &id, rank);
		} else {
			rc = sql_err(h, r);
		}
		rank--;
	}
	if (rc == 0 && e != GIT_ITEROVER)
		rc = samv_error_git(SAMV_EIO, "cannot walk the history");
	if (rc == 0)
		rc = exec(h, "DELETE FROM hist_node WHERE seq IN (SELECT seq FROM hist_commit WHERE rank = 0);"
			  "DELETE FROM hist_commit WHERE rank = 0;");
out:
	sqlite3_finalize(find);
	sqlite3_finalize(upd);
	sqlite3_finalize(ins);
	git_revwalk_free(w);
	return rc;
}

/* The index brought up to head. */
static int update(struct hx *h, const git_oid *head)
{
	sqlite3_stmt *ins = NULL, *max = NULL;
	git_oid tip, *chain = NULL;
	size_t n = 0, i;
	long long top = 0;
	int rc, r;

	if ((rc = meta_oid(h, "tip", &tip)) < 0)
		return rc;
	if (rc == 1 && git_oid_equal(&tip, head))
		return 0;
	if (rc == 1 && (rc = one_parent_line(&chain, &n, h->repo, head, &tip)) < 0)
		return rc;
	if ((rc = samv_treememo_new(&h->memo)) < 0 ||
	    (rc = prep(h, &h->put_node, "INSERT OR IGNORE INTO hist_node(path, seq, leaf) VALUES (?1, ?2, ?3)")) < 0)
		goto out;
	if (chain) {
		if ((rc = prep(h, &max, "SELECT coalesce(max(rank), 0) FROM hist_commit")) < 0)
			goto out;
		if ((r = sqlite3_step(max)) != SQLITE_ROW) {
			rc = sql_err(h, r);
			goto out;
		}
		top = sqlite3_column_int64(max, 0);
		if ((rc = prep(h, &ins, "INSERT INTO hist_commit(oid, rank) VALUES (?1, ?2)")) < 0)
			goto out;
		/* oldest first: the memo then holds the parent's trees */
		for (i = n; i-- > 0 && rc == 0;)
			rc = add_commit(h, ins, &chain[i], top + (long long)(n - i));
	} else {
		rc = rewalk(h, head);
	}
	if (rc == 0)
		rc = meta_put(h, "tip", head->id, GIT_OID_RAWSZ);
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(max);
	sqlite3_finalize(h->put_node);
	h->put_node = NULL;
	samv_treememo_free(h->memo);
	h->memo = NULL;
	free(chain);
	return rc;
}

struct hit {
	long long rank;
	git_oid id;
};

static int cmp_rank(const void *a, const void *b)
{
	const struct hit *x = a, *y = b;

	return x->rank < y->rank ? 1 : x->rank > y->rank ? -1 : 0;
}

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

/* The commits that changed path or a file on the way to it. */
static int query(struct hx *h, struct hit **v, size_t *n, size_t *cap, const char *path)
{
	sqlite3_stmt *st = NULL;
	char *p = NULL, *slash;
	int r, rc;

	if (!(p = strdup(path)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	while (*p && p[strlen(p) - 1] == '/')
		p[strlen(p) - 1] = '\0';
	if ((rc = prep(h, &st, "SELECT c.rank, c.oid FROM hist_node n JOIN hist_commit c ON c.seq = n.seq"
		       " WHERE n.path = ?1 AND n.leaf >= ?2")) < 0)
		goto out;
	/* the path itself, then each directory above it, as a file */
	for (slash = p + strlen(p); rc == 0; slash = strrchr(p, '/')) {
		bool self = !*slash;

		if (!self)
			*slash = '\0';
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, p, -1, SQLITE_STATIC);
		/* above the path only a file counts (the path is inside no
		 * directory there): directories there are many, and no use */
		sqlite3_bind_int(st, 2, !self);
		while ((r = sqlite3_step(st)) == SQLITE_ROW) {
			if (sqlite3_column_bytes(st, 1) != GIT_OID_RAWSZ)
				continue;
			if (*n == *cap) {
				struct hit *nv = realloc(*v, (*cap = *cap ? 2 * *cap : 64) * sizeof(*nv));

				if (!nv) {
					rc = samv_error_set(SAMV_ERROR, "out of memory");
					goto out;
				}
				*v = nv;
			}
			(*v)[*n].rank = sqlite3_column_int64(st, 0);
			memcpy((*v)[*n].id.id, sqlite3_column_blob(st, 1), GIT_OID_RAWSZ);
			++*n;
		}
		if (r != SQLITE_DONE)
			rc = sql_err(h, r);
		if (!strchr(p, '/'))
			break;
	}
out:
	sqlite3_finalize(st);
	free(p);
	return rc;
}

/* Is commit id in the index (and so its whole history)? */
static int indexed(struct hx *h, const git_oid *id)
{
	sqlite3_stmt *st = NULL;
	int r, rc;

	if ((rc = prep(h, &st, "SELECT 1 FROM hist_commit WHERE oid = ?1")) < 0)
		return rc;
	sqlite3_bind_blob(st, 1, id->id, GIT_OID_RAWSZ, SQLITE_STATIC);
	r = sqlite3_step(st);
	sqlite3_finalize(st);
	if (r != SQLITE_ROW && r != SQLITE_DONE)
		return sql_err(h, r);
	return r == SQLITE_ROW;
}

static int resolve(git_oid *out, git_repository *repo, const char *rev)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc = 0;

	if (git_revparse_single(&obj, repo, rev) < 0 || git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		rc = -1;
	else
		git_oid_cpy(out, git_object_id(peeled));
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

/* One try: 0 answered, 1 not answerable, < 0 an error (h->sqlrc says
 * whether SQLite's). */
static int try_commits(struct samv_histlist *l, struct hx *h, const char *rev, const char *hide,
		       const char *const *paths, size_t np, bool build)
{
	struct hit *v = NULL;
	git_oid head, want, tip;
	size_t n = 0, cap = 0, i, k;
	int rc;

	if (git_repository_head_unborn(h->repo) != 0 || resolve(&head, h->repo, "HEAD") < 0) {
		git_error_clear();
		return 1; /* unborn, or no HEAD: the walk says what it says */
	}
	if (rev && resolve(&want, h->repo, rev) < 0) {
		git_error_clear();
		return 1; /* the walk reports the unknown revision */
	}
	if ((rc = exec(h, "BEGIN IMMEDIATE")) < 0)
		return rc;
	if ((rc = tables(h)) < 0)
		goto out;
	/* not asked to build it from nothing: the walk costs less than that */
	if (!build && (rc = meta_oid(h, "tip", &tip)) <= 0) {
		rc = rc < 0 ? rc : 1;
		goto out;
	}
	if ((rc = update(h, &head)) < 0)
		goto out;
	if (rev && !git_oid_equal(&want, &head) && (rc = indexed(h, &want)) <= 0) {
		rc = rc < 0 ? rc : 1;
		goto out;
	}
	for (i = 0; i < np && rc >= 0; i++)
		rc = query(h, &v, &n, &cap, paths[i]);
	if (rc < 0)
		goto out;
	l->ordered = !hide && (!rev || git_oid_equal(&want, &head));
	if (l->ordered && n) /* v is NULL when nothing matched */
		qsort(v, n, sizeof(*v), cmp_rank);
	if (n && !(l->v = malloc(n * sizeof(*l->v)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = k = 0; i < n; i++)
		if (!k || !l->ordered || v[i].rank != v[i - 1].rank)
			l->v[k++] = v[i].id;
	l->n = k;
	if (!l->ordered && l->n) {
		qsort(l->v, l->n, sizeof(*l->v), cmp_oid);
		for (i = k = 0; i < l->n; i++)
			if (!k || !git_oid_equal(&l->v[i], &l->v[k - 1]))
				l->v[k++] = l->v[i];
		l->n = k;
	}
	rc = 0;
out:
	free(v);
	if (rc == 0)
		rc = exec(h, "COMMIT");
	if (rc != 0) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		if (rc < 0) {
			free(l->v);
			l->v = NULL;
			l->n = 0;
		}
	}
	return rc;
}

int samv_histindex_commits(struct samv_histlist *l, struct samv_store *s, const char *rev, const char *hide,
			   const char *const *paths, size_t n, bool build)
{
	struct hx h;
	int attempt, rc = 1;

	memset(l, 0, sizeof(*l));
	if (n == 0)
		return 1;
	for (attempt = 0; attempt < 2; attempt++) {
		memset(&h, 0, sizeof(h));
		h.repo = samv_store_repo(s);
		if (!(h.db = samv_cache_db(s)))
			return 1;
		rc = try_commits(l, &h, rev, hide, paths, n, build);
		if (h.sqlrc == SQLITE_OK)
			return rc;
		/* SQLite failed, not git: corrupt is rebuilt, else go without */
		samv_error_clear();
		if (!samv_cache_failed(s, h.sqlrc))
			return 1;
	}
	return 1;
}

bool samv_histlist_has(const struct samv_histlist *l, const git_oid *id)
{
	return l->n && bsearch(id, l->v, l->n, sizeof(*l->v), cmp_oid);
}

void samv_histlist_free(struct samv_histlist *l)
{
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Without commits to hide, the walk reads commits only as far as the
 * caller goes (datewalk.c): in the same order as git_revwalk's, which
 * reads the whole history first. */
static int date_walk(struct samv_histwalk *hw, git_repository *repo, const char *rev, const char *const *paths,
		     size_t n)
{
	git_object *obj = NULL, *peeled = NULL;
	bool off = false;
	int rc;

	if (!rev && git_repository_head_unborn(repo) == 1)
		return 0;
	if (git_revparse_single(&obj, repo, rev ? rev : "HEAD") < 0 ||
	    git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		rc = samv_error_set(SAMV_ENOTFOUND, "unknown revision '%s'", rev ? rev : "HEAD");
	/* git's commit graph is derived data as the cache is: not read
	 * when the cache is not either (SAMV_NO_CACHE=1) */
	else if ((rc = samv_env_no_cache(&off)) == 0 &&
		 (rc = samv_datewalk_new(&hw->dw, repo, git_object_id(peeled), off ? 0 : SAMV_DATEWALK_GRAPH)) == 0)
		rc = samv_datewalk_paths(hw->dw, paths, n);
	git_object_free(peeled);
	git_object_free(obj);
	return rc;
}

int samv_histwalk_start(struct samv_histwalk *hw, struct samv_store *s, const char *rev, const char *hide,
			const char *const *paths, size_t n, bool build)
{
	int rc;

	memset(hw, 0, sizeof(*hw));
	if ((rc = samv_histindex_commits(&hw->l, s, rev, hide, paths, n, build)) < 0)
		return rc;
	hw->use = rc == 0;
	if (hw->use && hw->l.ordered)
		return 0;
	if (!hide)
		return date_walk(hw, samv_store_repo(s), rev, paths, n);
	return samv_log_walk_start(&hw->w, samv_store_repo(s), rev, hide, GIT_SORT_NONE);
}

int samv_histwalk_next(git_oid *out, struct samv_histwalk *hw)
{
	int e;

	if (hw->use && hw->l.ordered) {
		if (hw->i == hw->l.n)
			return GIT_ITEROVER;
		*out = hw->l.v[hw->i++];
		return 0;
	}
	if (hw->dw) {
		while ((e = samv_datewalk_next(out, hw->dw)) == 0)
			if (!hw->use || samv_histlist_has(&hw->l, out))
				return 0;
		return e;
	}
	if (!hw->w)
		return GIT_ITEROVER;
	while ((e = git_revwalk_next(out, hw->w)) == 0)
		if (!hw->use || samv_histlist_has(&hw->l, out))
			return 0;
	return e;
}

void samv_histwalk_free(struct samv_histwalk *hw)
{
	samv_histlist_free(&hw->l);
	git_revwalk_free(hw->w);
	hw->w = NULL;
	samv_datewalk_free(hw->dw);
	hw->dw = NULL;
}
