/* idset.c - a set of strings (ids), open addressing, for whole-repository
 * checks where a record's references must resolve. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "hash.h"
#include "idset.h"

static int grow(struct samv_idset *set)
{
	size_t cap = set->cap ? set->cap * 2 : 256, i, j;
	char **nv = calloc(cap, sizeof(*nv));

	if (!nv)
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < set->cap; i++) {
		if (!set->v[i])
			continue;
		for (j = samv_hash_str(set->v[i]) & (cap - 1); nv[j]; j = (j + 1) & (cap - 1))
			;
		nv[j] = set->v[i];
	}
	free(set->v);
	set->v = nv;
	set->cap = cap;
	return 0;
}

static int add(struct samv_idset *set, const char *id, bool copy)
{
	size_t j;

	if ((set->n + 1) * 2 > set->cap && grow(set) < 0)
		return SAMV_ERROR;
	for (j = samv_hash_str(id) & (set->cap - 1); set->v[j]; j = (j + 1) & (set->cap - 1))
		if (!strcmp(set->v[j], id))
			return 0;
	if (!(set->v[j] = copy ? strdup(id) : (char *)id))
		return samv_error_set(SAMV_ERROR, "out of memory");
	set->n++;
	return 1;
}

/* 1 when added, 0 when already there, < 0 on error. */
int samv_idset_add(struct samv_idset *set, const char *id)
{
	return add(set, id, true);
}

int samv_idset_add_borrowed(struct samv_idset *set, const char *id)
{
	set->borrowed = true;
	return add(set, id, false);
}

bool samv_idset_has(const struct samv_idset *set, const char *id)
{
	size_t j;

	if (!set->cap)
		return false;
	for (j = samv_hash_str(id) & (set->cap - 1); set->v[j]; j = (j + 1) & (set->cap - 1))
		if (!strcmp(set->v[j], id))
			return true;
	return false;
}

void samv_idset_free(struct samv_idset *set)
{
	size_t i;

	for (i = 0; !set->borrowed && i < set->cap; i++)
		free(set->v[i]);
	free(set->v);
	memset(set, 0, sizeof(*set));
}
