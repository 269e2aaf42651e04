/* datewalk.h - a history walk that reads commits as it goes
 * (datewalk.c).  Not installed. */
#ifndef SAMV_DATEWALK_H
#define SAMV_DATEWALK_H

#include "samv.h"

struct samv_datewalk;

/* A walk of the commits reachable from tip, newest first (committer
 * time; ties in the order met), in the order of git_revwalk's unsorted
 * walk, without reading the whole history first. */
int samv_datewalk_new(struct samv_datewalk **out, git_repository *repo, const git_oid *tip);
/* 0 and the next commit's id, GIT_ITEROVER at the end, or < 0 (the
 * error set). */
int samv_datewalk_next(git_oid *out, struct samv_datewalk *w);
void samv_datewalk_free(struct samv_datewalk *w);

#endif
