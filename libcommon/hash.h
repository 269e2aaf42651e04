/* hash.h - the hash of a string for libcommon's open-addressing tables
 * (hash.c); private to libcommon. */
#ifndef SAMV_HASH_H
#define SAMV_HASH_H

#include <stddef.h>
#include <stdint.h>

/* Spread over all its bits: the tables take the low ones. */
unsigned long samv_hash_str(const char *s);

/* An index of an array's places by hash (open addressing, linear
 * probing, a power of two of slots): a slot holds a place + 1, 0 is
 * empty.  Zero-initialised: no slots. */
struct samv_slots {
	uint32_t *v;
	size_t cap;
};

/* cap empty slots (a power of two), the old ones freed. */
int samv_slots_make(struct samv_slots *s, size_t cap);
/* place in the first empty slot from h's (there must be one). */
void samv_slots_put(struct samv_slots *s, unsigned long h, size_t place);
void samv_slots_free(struct samv_slots *s);

/* The probe of h: its first slot, then the one after j. */
static inline size_t samv_slot_first(const struct samv_slots *s, unsigned long h)
{
	return h & (s->cap - 1);
}

static inline size_t samv_slot_next(const struct samv_slots *s, size_t j)
{
	return (j + 1) & (s->cap - 1);
}

#endif
