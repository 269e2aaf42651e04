/*
 * listcols.c - which fields of a record the query cache keeps as list
 * columns (k_f1 ... k_f12 of its rows): enough to print a list's rows and
 * test its filters without parsing the record (entity.c's list, assess
 * list).  The choice depends on the type's table only, whose digest the
 * cache keeps: a change of it empties the cache.
 */
#include <string.h>

#include "listcols.h"

static bool one_value(const struct samv_field *f)
{
	switch (f->kind) {
	case SAMV_F_STRING:
	case SAMV_F_ENUM:
	case SAMV_F_REF:
	case SAMV_F_DATE:
	case SAMV_F_TIME:
	case SAMV_F_BOOL:
		return true;
	default:
		return false;
	}
}

static bool listed(const struct samv_type *t, const struct samv_field *f)
{
	return one_value(f) && ((f->flags & (SAMV_FL_COLUMN | SAMV_FL_FILTER)) || !strcmp(f->name, "status") ||
				(t->date_field && !strcmp(f->name, t->date_field)));
}

const struct samv_field *samv_listcol_field(const struct samv_type *t, int i)
{
	size_t k;
	int n = 0;

	if (i < 0 || i >= SAMV_LISTCOLS)
		return NULL;
	for (k = 0; k < t->nfields; k++)
		if (listed(t, &t->fields[k]) && n++ == i)
			return &t->fields[k];
	return NULL;
}

int samv_listcol(const struct samv_type *t, const char *name)
{
	const struct samv_field *f;
	int i;

	for (i = 0; i < SAMV_LISTCOLS && (f = samv_listcol_field(t, i)); i++)
		if (!strcmp(f->name, name))
			return i;
	return -1;
}

bool samv_listcols_cover(const struct samv_type *t)
{
	size_t k;

	for (k = 1; k < t->nfields; k++)
		if ((t->fields[k].flags & SAMV_FL_COLUMN) && samv_listcol(t, t->fields[k].name) < 0)
			return false;
	return true;
}

bool samv_listcol_cond(struct samv_buf *where, const char **args, size_t *n, const struct samv_type *t,
		       const char *name, const char *op, const char *value)
{
	int col = samv_listcol(t, name);

	if (col < 0)
		return false;
	args[*n] = value;
	++*n;
	samv_buf_printf(where, " AND k_f%d %s ?%zu", col + 1, op, *n + 1);
	return true;
}
