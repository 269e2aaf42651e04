/* idset.h - a set of ids (private to libcommon). */
#ifndef SAMV_IDSET_H
#define SAMV_IDSET_H

#include <stdbool.h>
#include <stddef.h>

struct samv_idset {
	char **v;
	size_t n, cap;
	bool borrowed; /* the strings are the caller's: not freed */
};

int samv_idset_add(struct samv_idset *set, const char *id);
/* The same without a copy: id must outlive the set, and every string of
 * the set be added so. */
int samv_idset_add_borrowed(struct samv_idset *set, const char *id);
bool samv_idset_has(const struct samv_idset *set, const char *id);
void samv_idset_free(struct samv_idset *set);

#endif
