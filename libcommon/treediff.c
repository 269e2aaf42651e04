/*
 * treediff.c - the files a commit changed, found the way `git log -- path`
 * finds them: walk down the given paths comparing tree entry ids with the
 * parents', and stop wherever an id is the same.  A commit costs a few
 * tree lookups on the paths asked for, never a diff of the whole tree.
 *
 * A merge changed a file only when the file differs from every parent's:
 * what one side brought in was already changed (and judged) on that side.
 */
#include <stdlib.h>
#include <string.h>

#include "histindex.h"
#include "samv.h"

/* The trees looked up last, by id: a walk of the history meets each
 * commit's trees twice (as a parent's, then as its own), and libgit2's
 * cache, made large enough for that, costs more than it saves: it keeps
 * every tree of the history. */
#define MEMO 32
struct samv_treememo {
	git_tree *t[MEMO];
	size_t next;
};

int samv_treememo_new(struct samv_treememo **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

void samv_treememo_free(struct samv_treememo *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < MEMO; i++)
		git_tree_free(m->t[i]);
	free(m);
}

static int tree_lookup(git_tree **out, git_repository *repo, struct samv_treememo *m, const git_oid *id)
{
	size_t i;

	for (i = 0; m && i < MEMO; i++)
		if (m->t[i] && git_oid_equal(git_tree_id(m->t[i]), id))
			return git_object_dup((git_object **)out, (git_object *)m->t[i]);
	if (git_tree_lookup(out, repo, id) < 0)
		return -1;
	if (m) {
		git_tree_free(m->t[m->next]);
		if (git_object_dup((git_object **)&m->t[m->next], (git_object *)*out) < 0)
			m->t[m->next] = NULL;
		m->next = (m->next + 1) % MEMO;
	}
	return 0;
}

struct td {
	git_repository *repo;
	struct samv_treememo *memo;
	const char *const *paths;
	size_t npaths;
	samv_treediff_fn fn;
	void *arg;
	struct samv_buf path;
	/* every directory gone down into, too (samv_treediff_nodes) */
	samv_treenode_fn node;
	void *node_arg;
};

static bool same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return a == b;
	return git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
	       git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b));
}

static bool is_tree(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_TREE;
}

static int level(struct td *d, git_tree *t, git_tree **p, size_t np, bool all);

static int subtree(git_tree **out, struct td *d, const git_tree_entry *e)
{
	*out = NULL;
	if (!is_tree(e))
		return 0;
	if (tree_lookup(out, d->repo, d->memo, git_tree_entry_id(e)) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a tree");
	return 0;
}

/* Compare entry e (of t, NULL: absent) named name with the parents'
 * entries pe[0..np) and go down or report. */
static int one_entry(struct td *d, const git_tree_entry *e, const git_tree_entry *const *pe, size_t np,
		     const char *name, bool all)
{
	git_tree **sub = NULL, *tsub = NULL;
	size_t i, keep = d->path.len;
	bool down = is_tree(e);
	int rc = 0;

	if (np == 0 && !e)
		return 0;
	for (i = 0; i < np; i++) {
		if (same_entry(e, pe[i]))
			return 0;
		if (!e && is_tree(pe[i]))
			down = true;
	}
	if ((rc = samv_buf_puts(&d->path, name)) < 0)
		goto out;
	if (!down) {
		struct samv_treechange c;

		memset(&c, 0, sizeof(c));
		c.path = d->path.ptr;
		if (e && !is_tree(e)) {
			git_oid_cpy(&c.new_id, git_tree_entry_id(e));
			c.new_mode = git_tree_entry_filemode(e);
			c.has_new = true;
		}
		if (np && pe[0] && !is_tree(pe[0])) {
			git_oid_cpy(&c.old_id, git_tree_entry_id(pe[0]));
			c.old_mode = git_tree_entry_filemode(pe[0]);
			c.had_old = true;
		}
		if (c.has_new || c.had_old)
			rc = d->fn(&c, d->arg);
		goto out;
	}
	if (d->node && (rc = d->node(d->path.ptr, false, d->node_arg)) < 0)
		goto out;
	if ((rc = samv_buf_puts(&d->path, "/")) < 0)
		goto out;
	if (np && !(sub = calloc(np, sizeof(*sub)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = subtree(&tsub, d, e)) < 0)
		goto out;
	for (i = 0; i < np; i++)
		if ((rc = subtree(&sub[i], d, pe[i])) < 0)
			goto out;
	rc = level(d, tsub, sub, np, all);
out:
	for (i = 0; sub && i < np; i++)
		git_tree_free(sub[i]);
	free(sub);
	git_tree_free(tsub);
	d->path.len = keep;
	if (d->path.ptr)
		d->path.ptr[keep] = '\0';
	return rc;
}

/* The same for the entry name of t, looked up in every tree. */
static int one_name(struct td *d, git_tree *t, git_tree **p, size_t np, const char *name, bool all)
{
	const git_tree_entry *one[1] = { NULL }, **pe = np > 1 ? calloc(np, sizeof(*pe)) : one;
	size_t i;
	int rc;

	if (!pe)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < np; i++)
		pe[i] = p[i] ? git_tree_entry_byname(p[i], name) : NULL;
	rc = one_entry(d, t ? git_tree_entry_byname(t, name) : NULL, pe, np, name, all);
	if (pe != one)
		free(pe);
	return rc;
}

/* Every entry of t and of its one parent p, both in git's order, side by
 * side: linear in the size of the trees, where looking each name up
 * would cost a search in the other tree. */
static int level_joined(struct td *d, git_tree *t, git_tree *p)
{
	size_t i = 0, k = 0, n = t ? git_tree_entrycount(t) : 0, m = p ? git_tree_entrycount(p) : 0;
	int rc = 0;

	while (rc == 0 && (i < n || k < m)) {
		const git_tree_entry *e = i < n ? git_tree_entry_byindex(t, i) : NULL;
		const git_tree_entry *pe = k < m ? git_tree_entry_byindex(p, k) : NULL;
		int c = !e ? 1 : !pe ? -1 : git_tree_entry_cmp(e, pe);

		i += c <= 0;
		k += c >= 0;
		if (c < 0)
			pe = NULL;
		else if (c > 0)
			e = NULL;
		else if (same_entry(e, pe))
			continue;
		rc = one_entry(d, e, &pe, 1, git_tree_entry_name(e ? e : pe), true);
	}
	return rc;
}

/* Is name an entry of an earlier tree of the list (already compared)? */
static bool seen(git_tree *t, git_tree **p, size_t upto, const char *name)
{
	size_t i;

	if (t && git_tree_entry_byname(t, name))
		return true;
	for (i = 0; i < upto; i++)
		if (p[i] && git_tree_entry_byname(p[i], name))
			return true;
	return false;
}

static int level(struct td *d, git_tree *t, git_tree **p, size_t np, bool all)
{
	size_t i, k, n, plen = d->path.len;
	const char *prefix = d->path.ptr ? d->path.ptr : "";
	char *last = NULL;
	int rc = 0;

	if (all && np == 1)
		return level_joined(d, t, p[0]);
	if (all) {
		n = t ? git_tree_entrycount(t) : 0;
		for (i = 0; i < n && rc == 0; i++)
			rc = one_name(d, t, p, np, git_tree_entry_name(git_tree_entry_byindex(t, i)), true);
		for (k = 0; k < np && rc == 0; k++) {
			n = p[k] ? git_tree_entrycount(p[k]) : 0;
			for (i = 0; i < n && rc == 0; i++) {
				const char *name = git_tree_entry_name(git_tree_entry_byindex(p[k], i));

				if (!seen(t, p, k, name))
					rc = one_name(d, t, p, np, name, true);
			}
		}
		return rc;
	}
	/* only the next component of each path asked for (sorted: equal
	 * components are next to each other) */
	for (i = 0; i < d->npaths && rc == 0; i++) {
		const char *rest, *slash;
		char *name;

		if (strncmp(d->paths[i], prefix, plen))
			continue;
		rest = d->paths[i] + plen;
		slash = strchr(rest, '/');
		if (!(name = strndup(rest, slash ? (size_t)(slash - rest) : strlen(rest)))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			break;
		}
		if (!*name || (last && !strcmp(last, name))) {
			free(name);
			continue;
		}
		free(last);
		last = name;
		/* a path that ends here wants everything below it */
		rc = one_name(d, t, p, np, name, !slash || !slash[1]);
		prefix = d->path.ptr ? d->path.ptr : "";
	}
	free(last);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int diff_commit(struct td *dd, git_commit *c, const char *const *paths, size_t npaths);

int samv_treediff(git_repository *repo, struct samv_treememo *memo, git_commit *c, const char *const *paths,
		  size_t npaths, samv_treediff_fn fn, void *arg)
{
	struct td d = { repo, memo, NULL, 0, fn, arg, SAMV_BUF_INIT, NULL, NULL };

	return diff_commit(&d, c, paths, npaths);
}

static int node_file(const struct samv_treechange *c, void *arg)
{
	struct td *d = arg;

	return d->node(c->path, true, d->node_arg);
}

int samv_treediff_nodes(git_repository *repo, struct samv_treememo *memo, git_commit *c, samv_treenode_fn fn,
			void *arg)
{
	struct td d = { repo, memo, NULL, 0, node_file, NULL, SAMV_BUF_INIT, fn, arg };

	d.arg = &d;
	return diff_commit(&d, c, NULL, 0);
}

static int diff_commit(struct td *dd, git_commit *c, const char *const *paths, size_t npaths)
{
	struct td d = *dd;
	git_repository *repo = d.repo;
	struct samv_treememo *memo = d.memo;
	size_t np = git_commit_parentcount(c), i;
	git_tree *t = NULL, **p = NULL;
	const char **sorted = NULL;
	bool all = false;
	int rc = 0;

	if (npaths == 0 || !*paths[0])
		all = true;
	if (!all) {
		if (!(sorted = malloc(npaths * sizeof(*sorted))))
			return samv_error_set(SAMV_ERROR, "out of memory");
		memcpy(sorted, paths, npaths * sizeof(*sorted));
		qsort(sorted, npaths, sizeof(*sorted), cmp_str);
		d.paths = sorted;
		d.npaths = npaths;
	}
	if (tree_lookup(&t, repo, memo, git_commit_tree_id(c)) < 0) {
		rc = samv_error_git(SAMV_EIO, "cannot read a commit's tree");
		goto out;
	}
	if (np && !(p = calloc(np, sizeof(*p)))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = 0; i < np; i++) {
		git_commit *parent = NULL;

		if (git_commit_parent(&parent, c, (unsigned)i) < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a parent commit");
			goto out;
		}
		if (git_oid_equal(git_commit_tree_id(parent), git_tree_id(t))) {
			/* the same tree as a parent: nothing changed */
			git_commit_free(parent);
			goto out;
		}
		rc = tree_lookup(&p[i], repo, memo, git_commit_tree_id(parent));
		git_commit_free(parent);
		if (rc < 0) {
			rc = samv_error_git(SAMV_EIO, "cannot read a parent's tree");
			goto out;
		}
	}
	rc = level(&d, t, p, np, all);
out:
	for (i = 0; p && i < np; i++)
		git_tree_free(p[i]);
	free(p);
	git_tree_free(t);
	free(sorted);
	samv_buf_free(&d.path);
	return rc;
}

int samv_treediff_trees(git_repository *repo, struct samv_treememo *memo, git_tree *from, git_tree *to,
			samv_treediff_fn fn, void *arg)
{
	struct td d = { repo, memo, NULL, 0, fn, arg, SAMV_BUF_INIT, NULL, NULL };
	git_tree *p[1] = { from };
	int rc;

	if (from && to && git_oid_equal(git_tree_id(from), git_tree_id(to)))
		return 0;
	rc = level(&d, to, p, 1, true);
	samv_buf_free(&d.path);
	return rc;
}
