/* datewalk.h - a history walk that reads commits as it goes
 * (datewalk.c).  Not installed. */
#ifndef SAMV_DATEWALK_H
#define SAMV_DATEWALK_H

#include "samv.h"

struct samv_datewalk;

/* A walk of the commits reachable from tip, newest first (committer
 * time; ties in the order met), in the order of git_revwalk's unsorted
 * walk, without reading the whole history first. */
/* read git's commit graph where it has the commits, once the walk has
 * gone past 64 of them (those before are read from the pack) */
#define SAMV_DATEWALK_GRAPH 1u
int samv_datewalk_new(struct samv_datewalk **out, git_repository *repo, const git_oid *tip, unsigned flags);
/* Hand out only the commits that may differ from every parent at one of
 * paths: with SAMV_DATEWALK_GRAPH, a commit the graph's Bloom filter says
 * kept them all as its first parent has them is skipped.  Only for top
 * directories or files (names of ASCII bytes without '/'); for other
 * paths every commit is handed out, as without the call. */
int samv_datewalk_paths(struct samv_datewalk *w, const char *const *paths, size_t n);
/* 0 and the next commit's id, GIT_ITEROVER at the end, or < 0 (the
 * error set). */
int samv_datewalk_next(git_oid *out, struct samv_datewalk *w);
void samv_datewalk_free(struct samv_datewalk *w);

#endif
