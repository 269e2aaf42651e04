/* commitgraph.h - git's commit-graph file, read (commitgraph.c; docs/CACHE.md,
 * "The commit graph").  Not installed. */
#ifndef SAMV_COMMITGRAPH_H
#define SAMV_COMMITGRAPH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <git2.h>

struct samv_cgraph;

/*
 * The repository's commit graph (objects/info/commit-graph), mapped, when
 * there is one samv can use: a single file (not a chain of them), of
 * SHA-1 ids, whose checksum holds, in a repository that is not shallow
 * and whose core.commitGraph is not false.  *out is NULL when there is
 * none to use; that is not an error.  Returns 0, or < 0 (out of memory).
 */
int samv_cgraph_open(struct samv_cgraph **out, git_repository *repo);
void samv_cgraph_free(struct samv_cgraph *g);

/* Whether id is in the graph, and its place there. */
bool samv_cgraph_find(const struct samv_cgraph *g, const git_oid *id, uint32_t *pos);
void samv_cgraph_id(git_oid *out, const struct samv_cgraph *g, uint32_t pos);
/* The committer time of the commit at pos (as git_commit_time). */
git_time_t samv_cgraph_time(const struct samv_cgraph *g, uint32_t pos);
/* The place of its i-th parent: 1, 0 when it has no i-th parent, -1
 * when the graph says something impossible (read the commit instead). */
int samv_cgraph_parent(const struct samv_cgraph *g, uint32_t pos, unsigned i, uint32_t *out);

/* The hashes of a path for the graph's changed-path Bloom filters. */
#define SAMV_BLOOM_MAXHASH 32
struct samv_bloom_key {
	uint32_t h[SAMV_BLOOM_MAXHASH];
};

/* The key of path (len bytes, no '/' at either end), for any graph. */
void samv_bloom_key(struct samv_bloom_key *k, const char *path, size_t len);
/* 0 when the filter of the commit at pos says that no key of k[0..n) is
 * a path it changed against its first parent (or, a root commit, that
 * it holds); 1 when one may be, or the commit has no filter. */
int samv_cgraph_may_change(const struct samv_cgraph *g, uint32_t pos, const struct samv_bloom_key *k, size_t n);

/* git's murmur3 (bloom.c), seeded; exposed for the tests. */
uint32_t samv_murmur3(uint32_t seed, const char *data, size_t len);

#endif
