/*
 * hash.c - the hash of a string for libcommon's open-addressing tables
 * (idset.c, checkcache.c, dirlist.c), and those tables' slots.
 *
 * djb2 alone leaves ids and paths that differ in their last characters
 * (org-004340, org-004341) in neighbouring low bits: with linear probing
 * they pile up in runs, and a lookup at 50 000 records compared a path
 * with some fifty others.  A final mix (MurmurHash3's fmix64) spreads
 * every character over the low bits the tables use.
 */
#include <stdint.h>
#include <stdlib.h>

#include "hash.h"
#include "samv.h"

unsigned long samv_hash_str(const char *s)
{
	uint64_t h = 5381;

	for (; *s; s++)
		h = h * 33 + (unsigned char)*s;
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (unsigned long)h;
}

int samv_slots_make(struct samv_slots *s, size_t cap)
{
	uint32_t *nv = calloc(cap, sizeof(*nv));

	if (!nv)
		return samv_error_set(SAMV_ERROR, "out of memory");
	free(s->v);
	s->v = nv;
	s->cap = cap;
	return 0;
}

void samv_slots_put(struct samv_slots *s, unsigned long h, size_t place)
{
	size_t j;

	for (j = samv_slot_first(s, h); s->v[j]; j = samv_slot_next(s, j))
		;
	s->v[j] = (uint32_t)(place + 1);
}

void samv_slots_free(struct samv_slots *s)
{
	free(s->v);
	s->v = NULL;
	s->cap = 0;
}
