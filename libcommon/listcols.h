/* listcols.h - the fields of a record that lists show and filter on, kept
 * by the query cache as columns k_f1 ... k_f12 (listcols.c; docs/CACHE.md).
 * Not installed. */
#ifndef SAMV_LISTCOLS_H
#define SAMV_LISTCOLS_H

#include "samv.h"

/* How many list columns a cache row has. */
#define SAMV_LISTCOLS 12

/* The field of t held in list column i (0 to SAMV_LISTCOLS - 1), or NULL:
 * t's one-value fields (text, word, reference, date, time, yes/no) that a
 * list shows or filters on, its status and its date field, in the order
 * of t's fields. */
const struct samv_field *samv_listcol_field(const struct samv_type *t, int i);

/* The list column (0-based) holding t's field name, or -1 when it has
 * none. */
int samv_listcol(const struct samv_type *t, const char *name);

/* Whether every field of t a list shows (SAMV_FL_COLUMN) has a list
 * column: then a list's rows can be built from the columns alone. */
bool samv_listcols_cover(const struct samv_type *t);

/* Append " AND k_fN op ?M" to where: the list column of t's field name
 * compared with value, which becomes args[*n] (?M, M = *n + 2, for
 * samv_cache_list's arguments), *n counted up.  False, nothing appended,
 * when the field has no list column.  A failure to append leaves out the
 * condition: where selects more, which callers filter again anyway. */
bool samv_listcol_cond(struct samv_buf *where, const char **args, size_t *n, const struct samv_type *t,
		       const char *name, const char *op, const char *value);

#endif
