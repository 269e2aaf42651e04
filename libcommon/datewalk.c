/*
 * datewalk.c - the commits reachable from one, newest first, read only
 * as far as the caller goes.
 *
 * libgit2's revwalk (1.5) reads the whole history before it hands out
 * its first commit, whatever the sorting: limit_list walks every commit
 * (95 M instructions at 50 000 commits).  A walk that stops early, as the
 * Agreement's history since a date does, need not pay that.  This walk
 * is the same one limit_list makes: take the newest commit (committer
 * time; of equal times the one met first), then put its parents in line,
 * each once.  So it hands out the commits in the order of libgit2's
 * unsorted walk, which the history index records (histindex.c).
 *
 * Where git's commit graph has a commit (commitgraph.c), its time and
 * parents are read from there, not from the commit inflated; and a walk
 * for some top directories skips the commits whose Bloom filter says
 * they changed none of them.  The graph is opened (and its checksum
 * hashed, a few ms at 100 000 commits) only once the walk has gone past
 * GRAPH_AFTER commits: a walk that stops early does not pay for it.
 */
#include <stdlib.h>
#include <string.h>

#include "commitgraph.h"
#include "datewalk.h"

#define GRAPH_AFTER 64

struct item {
	git_commit *c; /* NULL: in the graph, at pos */
	uint32_t pos;
	git_time_t time;
	size_t seq; /* order of meeting: the first met goes first among equal times */
};

struct samv_datewalk {
	git_repository *repo;
	struct samv_cgraph *graph;
	bool want_graph;             /* SAMV_DATEWALK_GRAPH, not yet opened */
	size_t popped;
	struct samv_bloom_key *keys; /* of the paths asked for */
	size_t nkeys;
	struct item *heap;
	size_t n, cap, seq;
	git_oid *seen; /* open addressing; a zero id marks a free slot */
	size_t nseen, capseen;
};

static const git_oid zero_oid;

static bool before(const struct item *a, const struct item *b)
{
	return a->time != b->time ? a->time > b->time : a->seq < b->seq;
}

static size_t slot_of(const git_oid *id, size_t cap)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h & (cap - 1);
}

/* 1 when id was new (and is now seen), 0 when seen before */
static int see(struct samv_datewalk *w, const git_oid *id)
{
	size_t i;

	if (2 * (w->nseen + 1) > w->capseen) {
		size_t cap = w->capseen ? 2 * w->capseen : 256, j;
		git_oid *t = calloc(cap, sizeof(*t));

		if (!t)
			return samv_error_set(SAMV_ERROR, "out of memory");
		for (j = 0; j < w->capseen; j++) {
			if (git_oid_equal(&w->seen[j], &zero_oid))
				continue;
			for (i = slot_of(&w->seen[j], cap); !git_oid_equal(&t[i], &zero_oid); i = (i + 1) & (cap - 1))
				;
			t[i] = w->seen[j];
		}
		free(w->seen);
		w->seen = t;
		w->capseen = cap;
	}
	for (i = slot_of(id, w->capseen); !git_oid_equal(&w->seen[i], &zero_oid); i = (i + 1) & (w->capseen - 1))
		if (git_oid_equal(&w->seen[i], id))
			return 0;
	w->seen[i] = *id;
	w->nseen++;
	return 1;
}

/* Put it (its commit owned from here) in line. */
static int push(struct samv_datewalk *w, struct item it)
{
	size_t i;

	it.seq = w->seq++;
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 16;
		struct item *t = realloc(w->heap, cap * sizeof(*t));

		if (!t) {
			git_commit_free(it.c);
			return samv_error_set(SAMV_ERROR, "out of memory");
		}
		w->heap = t;
		w->cap = cap;
	}
	for (i = w->n++; i > 0 && before(&it, &w->heap[(i - 1) / 2]); i = (i - 1) / 2)
		w->heap[i] = w->heap[(i - 1) / 2];
	w->heap[i] = it;
	return 0;
}

static struct item pop(struct samv_datewalk *w)
{
	struct item top = w->heap[0], last = w->heap[--w->n];
	size_t i = 0, k;

	while ((k = 2 * i + 1) < w->n) {
		if (k + 1 < w->n && before(&w->heap[k + 1], &w->heap[k]))
			k++;
		if (!before(&w->heap[k], &last))
			break;
		w->heap[i] = w->heap[k];
		i = k;
	}
	if (w->n)
		w->heap[i] = last;
	return top;
}

static int push_commit(struct samv_datewalk *w, const git_oid *id)
{
	struct item it = { NULL, 0, 0, 0 };

	if (git_commit_lookup(&it.c, w->repo, id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit");
	it.time = git_commit_time(it.c);
	return push(w, it);
}

/* The graph keeps 34 bits of a time git read unsigned: a time from
 * 2242 on is taken for one it cannot hold (a negative one, or past
 * 2514), and the commit is read to order it as libgit2 does. */
#define GRAPH_TIME_MAX ((git_time_t)1 << 33)

static int push_id(struct samv_datewalk *w, const git_oid *id)
{
	struct item it = { NULL, 0, 0, 0 };
	int rc;

	if ((rc = see(w, id)) <= 0)
		return rc;
	if (!w->graph || !samv_cgraph_find(w->graph, id, &it.pos) ||
	    (it.time = samv_cgraph_time(w->graph, it.pos)) >= GRAPH_TIME_MAX)
		return push_commit(w, id);
	return push(w, it);
}

static int push_pos(struct samv_datewalk *w, uint32_t pos)
{
	struct item it = { NULL, pos, 0, 0 };
	git_oid id;
	int rc;

	samv_cgraph_id(&id, w->graph, pos);
	if ((rc = see(w, &id)) <= 0)
		return rc;
	if ((it.time = samv_cgraph_time(w->graph, pos)) >= GRAPH_TIME_MAX)
		return push_commit(w, &id);
	return push(w, it);
}

/* The parents of the graph's commit at pos put in line: 0, 1 when the
 * graph cannot tell them (the commit is to be read), or < 0. */
static int push_graph_parents(struct samv_datewalk *w, uint32_t pos)
{
	uint32_t p[8];
	unsigned i, n = 0;
	int r;

	/* all told before any is put in line: a bad row changes nothing (a
	 * zero id, which see() cannot keep, is one: no commit has it) */
	for (i = 0; i < 8 && (r = samv_cgraph_parent(w->graph, pos, i, &p[n])) != 0; i++) {
		git_oid id;

		samv_cgraph_id(&id, w->graph, p[n]);
		if (r < 0 || git_oid_is_zero(&id))
			return 1;
		n++;
	}
	if (i == 8)
		return 1; /* more parents than kept here: read the commit */
	for (i = 0; i < n; i++)
		if ((r = push_pos(w, p[i])) < 0)
			return r;
	return 0;
}

static int push_parents(struct samv_datewalk *w, git_commit *c)
{
	unsigned i, n = git_commit_parentcount(c);
	int rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = push_id(w, git_commit_parent_id(c, i));
	return rc;
}

int samv_datewalk_new(struct samv_datewalk **out, git_repository *repo, const git_oid *tip, unsigned flags)
{
	struct samv_datewalk *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return samv_error_set(SAMV_ERROR, "out of memory");
	w->repo = repo;
	w->want_graph = flags & SAMV_DATEWALK_GRAPH;
	if ((rc = push_id(w, tip)) < 0) {
		samv_datewalk_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

static bool top_name(const char *p)
{
	if (!*p)
		return false;
	/* the keys samv makes are git's for ASCII bytes only (commitgraph.c) */
	for (; *p; p++)
		if (*p == '/' || (unsigned char)*p >= 0x80)
			return false;
	return true;
}

int samv_datewalk_paths(struct samv_datewalk *w, const char *const *paths, size_t n)
{
	size_t i;

	if (!w->want_graph || !n)
		return 0;
	for (i = 0; i < n; i++)
		if (!top_name(paths[i]))
			return 0;
	if (!(w->keys = calloc(n, sizeof(*w->keys))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < n; i++)
		samv_bloom_key(&w->keys[i], paths[i], strlen(paths[i]));
	w->nkeys = n;
	return 0;
}

int samv_datewalk_next(git_oid *out, struct samv_datewalk *w)
{
	struct item it;
	int rc;

	while (w->n) {
		if (w->want_graph && w->popped++ == GRAPH_AFTER) {
			w->want_graph = false;
			if ((rc = samv_cgraph_open(&w->graph, w->repo)) < 0)
				return rc;
		}
		it = pop(w);
		if (it.c) {
			git_oid_cpy(out, git_commit_id(it.c));
			rc = push_parents(w, it.c);
			git_commit_free(it.c);
			if (rc < 0)
				return rc;
			return 0;
		}
		samv_cgraph_id(out, w->graph, it.pos);
		if ((rc = push_graph_parents(w, it.pos)) > 0) {
			git_commit *c = NULL;

			if (git_commit_lookup(&c, w->repo, out) < 0)
				return samv_error_git(SAMV_EIO, "cannot read a commit");
			rc = push_parents(w, c);
			git_commit_free(c);
		}
		if (rc < 0)
			return rc;
		/* a commit that changed none of the paths against its first
		 * parent differs from that parent's there: not one asked for */
		if (!w->nkeys || samv_cgraph_may_change(w->graph, it.pos, w->keys, w->nkeys))
			return 0;
	}
	return GIT_ITEROVER;
}

void samv_datewalk_free(struct samv_datewalk *w)
{
	if (!w)
		return;
	while (w->n)
		git_commit_free(w->heap[--w->n].c);
	free(w->heap);
	free(w->seen);
	free(w->keys);
	samv_cgraph_free(w->graph);
	free(w);
}
