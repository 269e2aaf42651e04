/* refindex.h - who refers to whom in one tree (private to libcommon). */
#ifndef SAMV_REFINDEX_H
#define SAMV_REFINDEX_H

#include "samv.h"

struct samv_refindex;

int samv_refindex_new(struct samv_refindex **out);
void samv_refindex_free(struct samv_refindex *ix);
/* Make ix the index of tree (NULL: empty): read in full the first time,
 * then moved by the files that differ from its last tree. */
int samv_refindex_at(struct samv_refindex *ix, git_repository *repo, struct samv_treememo *memo, git_tree *tree);
/* Call fn for every reference to the record of type with id: the
 * referring file and field.  An arena's or a proposed decision's
 * "serves" is a reference to a purpose, whose id is its key. */
typedef int (*samv_referrer_fn)(const char *path, const char *field, void *arg);
int samv_refindex_referrers(const struct samv_refindex *ix, const struct samv_type *type, const char *id,
			    samv_referrer_fn fn, void *arg);

#endif
