/*
 * hash.c - the hash of a string for libcommon's open-addressing tables
 * (idset.c, checkcache.c).
 *
 * djb2 alone leaves ids and paths that differ in their last characters
 * (org-004340, org-004341) in neighbouring low bits: with linear probing
 * they pile up in runs, and a lookup at 50 000 records compared a path
 * with some fifty others.  A final mix (MurmurHash3's fmix64) spreads
 * every character over the low bits the tables use.
 */
#include <stdint.h>

#include "hash.h"

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
