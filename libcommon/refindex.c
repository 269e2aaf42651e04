/*
 * refindex.c - who refers to whom in one tree, kept up to date as a walk
 * of the history moves from tree to tree.  samv-log --verify asks it, at
 * a commit that deleted a record, which records still refer to it: the
 * index is read in full once, the first time it is needed, and then
 * moved by the files that differ between the trees (treediff.c), so a
 * commit costs what it changed, not a check of every record.
 *
 * Each file that refers to something is a source with an array of
 * edges; each record referred to is a target with a doubly linked list
 * of the edges to it, so that a file that changes is taken out in time
 * proportional to its own references, however many others share them.
 */
#include <stdlib.h>
#include <string.h>

#include "refindex.h"

struct target;
struct source;

/* What a hash table chains: the first member of a source and a target. */
struct entry {
	struct entry *chain;
	char *key;
};

struct edge {
	struct edge *prev, *next; /* in the target's list */
	struct target *to;
	struct source *from;
	const char *field; /* static: the schema's field name, or "serves" */
};

struct source {
	struct entry e; /* key: the file's path */
	struct edge *edges;
	size_t n;
};

struct target {
	struct entry e; /* key: "type/id" */
	struct edge *head;
};

/* A hash table of chained entries whose key is their first string. */
struct table {
	struct entry **slots;
	size_t n, cap; /* cap: a power of two */
};

struct samv_refindex {
	struct table sources, targets;
	git_tree *tree;
	bool built;
};

static size_t hash(const char *s)
{
	size_t h = 14695981039346656037u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static struct entry **slot(const struct table *t, const char *key)
{
	struct entry **e = &t->slots[hash(key) & (t->cap - 1)];

	while (*e && strcmp((*e)->key, key))
		e = &(*e)->chain;
	return e;
}

static int table_grow(struct table *t)
{
	struct table bigger = { NULL, t->n, t->cap ? t->cap * 2 : 1024 };
	size_t i;

	if (!(bigger.slots = calloc(bigger.cap, sizeof(*bigger.slots))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < t->cap; i++) {
		struct entry *e = t->slots[i], *next;

		for (; e; e = next) {
			struct entry **to = &bigger.slots[hash(e->key) & (bigger.cap - 1)];

			next = e->chain;
			e->chain = *to;
			*to = e;
		}
	}
	free(t->slots);
	*t = bigger;
	return 0;
}

static struct entry *table_find(const struct table *t, const char *key)
{
	return t->cap ? *slot(t, key) : NULL;
}

static int table_add(struct table *t, struct entry *e)
{
	struct entry **at;
	int rc;

	if (t->n + 1 > t->cap / 2 && (rc = table_grow(t)) < 0)
		return rc;
	at = slot(t, e->key);
	e->chain = NULL;
	*at = e;
	t->n++;
	return 0;
}

static void table_remove(struct table *t, const char *key)
{
	struct entry **at = slot(t, key);

	if (*at) {
		*at = (*at)->chain;
		t->n--;
	}
}

static void source_free(struct source *s)
{
	size_t i;

	for (i = 0; i < s->n; i++) {
		struct edge *e = &s->edges[i];

		if (e->prev)
			e->prev->next = e->next;
		else
			e->to->head = e->next;
		if (e->next)
			e->next->prev = e->prev;
	}
	free(s->edges);
	free(s->e.key);
	free(s);
}

static void forget(struct samv_refindex *ix, const char *path)
{
	struct source *s = (struct source *)table_find(&ix->sources, path);

	if (!s)
		return;
	table_remove(&ix->sources, path);
	source_free(s);
}

static int target_get(struct target **out, struct samv_refindex *ix, const char *type, const char *id)
{
	char *key = NULL;
	int rc;

	if (asprintf(&key, "%s/%s", type, id) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if ((*out = (struct target *)table_find(&ix->targets, key))) {
		free(key);
		return 0;
	}
	if (!(*out = calloc(1, sizeof(**out)))) {
		free(key);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	(*out)->e.key = key;
	if ((rc = table_add(&ix->targets, &(*out)->e)) < 0) {
		free(key);
		free(*out);
	}
	return rc;
}

/* The references of one record, before they are linked. */
struct refs {
	struct samv_refindex *ix;
	struct edge *v;
	size_t n, cap;
};

static int push_ref(struct refs *r, const char *type, const char *id, const char *field)
{
	struct edge *e;
	int rc;

	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 8;
		struct edge *nv = realloc(r->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, "out of memory");
		r->v = nv;
		r->cap = cap;
	}
	e = &r->v[r->n];
	memset(e, 0, sizeof(*e));
	e->field = field;
	if ((rc = target_get(&e->to, r->ix, type, id)) < 0)
		return rc;
	r->n++;
	return 0;
}

static int ref_fn(const struct samv_field *f, const struct samv_type *target, const char *id, void *arg)
{
	return push_ref(arg, target->name, id, f->name);
}

/* What an arena or a proposed decision serves, as samv-check reads it. */
static int push_served(struct refs *r, const struct samv_type *t, const cJSON *rec)
{
	const char *status = samv_record_str(rec, "status");
	const cJSON *it;
	int rc;

	if (!strcmp(t->name, "decision") && status && strcmp(status, "proposed"))
		return 0;
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(rec, "serves"))
		if (cJSON_IsString(it) && samv_purpose_key_check(it->valuestring) == 0 &&
		    (rc = push_ref(r, "purpose", it->valuestring, "serves")) < 0)
			return rc;
	samv_error_clear();
	return 0;
}

/* Index the references of the record file at path (blob id). */
static int learn(struct samv_refindex *ix, git_repository *repo, const char *path, const git_oid *id)
{
	const struct samv_type *t = samv_type_of_path(path);
	struct refs r = { ix, NULL, 0, 0 };
	struct source *s = NULL;
	git_blob *blob = NULL;
	struct samv_pos pos;
	cJSON *rec = NULL;
	size_t i;
	int rc = 0;

	if (!t || t == samv_type_repository())
		return 0;
	if (git_blob_lookup(&blob, repo, id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a file of the history");
	if (git_blob_rawsize(blob) > SAMV_RECORD_MAX ||
	    samv_json_parse(&rec, git_blob_rawcontent(blob), (size_t)git_blob_rawsize(blob), &pos) < 0 ||
	    !cJSON_IsObject(rec)) {
		samv_error_clear(); /* not a record: it refers to nothing */
		goto out;
	}
	if ((rc = samv_record_refs(t, rec, ref_fn, &r)) < 0 || (rc = push_served(&r, t, rec)) < 0 || !r.n)
		goto out;
	if (!(s = calloc(1, sizeof(*s))) || !(s->e.key = strdup(path))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = table_add(&ix->sources, &s->e)) < 0)
		goto out;
	s->edges = r.v;
	s->n = r.n;
	r.v = NULL;
	for (i = 0; i < s->n; i++) {
		struct edge *e = &s->edges[i];

		e->from = s;
		e->next = e->to->head;
		if (e->next)
			e->next->prev = e;
		e->to->head = e;
	}
	s = NULL;
out:
	if (s) {
		free(s->e.key);
		free(s);
	}
	free(r.v);
	cJSON_Delete(rec);
	git_blob_free(blob);
	return rc;
}

struct move {
	struct samv_refindex *ix;
	git_repository *repo;
};

static int move_fn(const struct samv_treechange *c, void *arg)
{
	struct move *m = arg;

	if (c->had_old)
		forget(m->ix, c->path);
	return c->has_new ? learn(m->ix, m->repo, c->path, &c->new_id) : 0;
}

int samv_refindex_new(struct samv_refindex **out)
{
	if (!(*out = calloc(1, sizeof(**out))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

int samv_refindex_at(struct samv_refindex *ix, git_repository *repo, struct samv_treememo *memo, git_tree *tree)
{
	struct move m = { ix, repo };
	git_tree *keep = NULL;
	int rc;

	if (ix->built && (ix->tree == tree || (ix->tree && tree && git_oid_equal(git_tree_id(ix->tree), git_tree_id(tree)))))
		return 0;
	if (tree && git_tree_dup(&keep, tree) < 0)
		return samv_error_git(SAMV_ERROR, "cannot keep a tree");
	/* the first time, from nothing: every file of the tree is new */
	if ((rc = samv_treediff_trees(repo, memo, ix->built ? ix->tree : NULL, tree, move_fn, &m)) < 0) {
		git_tree_free(keep); /* half moved: the walk ends with the error */
		return rc;
	}
	git_tree_free(ix->tree);
	ix->tree = keep;
	ix->built = true;
	return 0;
}

int samv_refindex_referrers(const struct samv_refindex *ix, const struct samv_type *type, const char *id,
			    samv_referrer_fn fn, void *arg)
{
	const struct target *t;
	const struct edge *e;
	char *key = NULL;
	int rc = 0;

	if (asprintf(&key, "%s/%s", type->name, id) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	t = (const struct target *)table_find(&ix->targets, key);
	free(key);
	for (e = t ? t->head : NULL; e && rc == 0; e = e->next)
		rc = fn(e->from->e.key, e->field, arg);
	return rc;
}

void samv_refindex_free(struct samv_refindex *ix)
{
	size_t i;

	if (!ix)
		return;
	for (i = 0; i < ix->sources.cap; i++) {
		struct entry *e = ix->sources.slots[i], *next;

		for (; e; e = next) {
			next = e->chain;
			free(((struct source *)e)->edges);
			free(e->key);
			free(e);
		}
	}
	for (i = 0; i < ix->targets.cap; i++) {
		struct entry *e = ix->targets.slots[i], *next;

		for (; e; e = next) {
			next = e->chain;
			free(e->key);
			free(e);
		}
	}
	free(ix->sources.slots);
	free(ix->targets.slots);
	git_tree_free(ix->tree);
	free(ix);
}
