/* idset.h - a set of ids (private to libcommon). */
#ifndef SAMV_IDSET_H
#define SAMV_IDSET_H

#include <stdbool.h>
#include <stddef.h>

struct samv_idset {
	char **v;
	size_t n, cap;
};

int samv_idset_add(struct samv_idset *set, const char *id);
bool samv_idset_has(const struct samv_idset *set, const char *id);
void samv_idset_free(struct samv_idset *set);

#endif
