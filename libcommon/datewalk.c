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
 */
#include <stdlib.h>
#include <string.h>

#include "datewalk.h"

struct item {
	git_commit *c;
	git_time_t time;
	size_t seq; /* order of meeting: the first met goes first among equal times */
};

struct samv_datewalk {
	git_repository *repo;
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

/* Put c (owned from here) in line. */
static int push(struct samv_datewalk *w, git_commit *c)
{
	struct item it = { c, git_commit_time(c), w->seq++ };
	size_t i;

	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 16;
		struct item *t = realloc(w->heap, cap * sizeof(*t));

		if (!t) {
			git_commit_free(c);
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

static int push_id(struct samv_datewalk *w, const git_oid *id)
{
	git_commit *c = NULL;
	int rc;

	if ((rc = see(w, id)) <= 0)
		return rc;
	if (git_commit_lookup(&c, w->repo, id) < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit");
	return push(w, c);
}

int samv_datewalk_new(struct samv_datewalk **out, git_repository *repo, const git_oid *tip)
{
	struct samv_datewalk *w = calloc(1, sizeof(*w));
	int rc;

	*out = NULL;
	if (!w)
		return samv_error_set(SAMV_ERROR, "out of memory");
	w->repo = repo;
	if ((rc = push_id(w, tip)) < 0) {
		samv_datewalk_free(w);
		return rc;
	}
	*out = w;
	return 0;
}

int samv_datewalk_next(git_oid *out, struct samv_datewalk *w)
{
	struct item it;
	unsigned i, n;
	int rc = 0;

	if (!w->n)
		return GIT_ITEROVER;
	it = pop(w);
	git_oid_cpy(out, git_commit_id(it.c));
	n = git_commit_parentcount(it.c);
	for (i = 0; i < n && rc == 0; i++)
		rc = push_id(w, git_commit_parent_id(it.c, i));
	git_commit_free(it.c);
	return rc;
}

void samv_datewalk_free(struct samv_datewalk *w)
{
	if (!w)
		return;
	while (w->n)
		git_commit_free(w->heap[--w->n].c);
	free(w->heap);
	free(w->seen);
	free(w);
}
