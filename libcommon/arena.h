/* arena.h - strings freed all at once (arena.c); private to libcommon. */
#ifndef SAMV_ARENA_H
#define SAMV_ARENA_H

#include <stddef.h>

struct samv_arena_chunk;

/* Zero-initialised is empty: struct samv_arena a = { NULL }. */
struct samv_arena {
	struct samv_arena_chunk *head;
};

/* A copy of the n bytes at s with a NUL after them, the arena's until
 * samv_arena_free; NULL (error set) when out of memory. */
const char *samv_arena_dup(struct samv_arena *a, const char *s, size_t n);
/* n bytes to fill, and a NUL after them. */
char *samv_arena_alloc(struct samv_arena *a, size_t n);
void samv_arena_free(struct samv_arena *a);

/* Advise the kernel that the n bytes at p, a large array just made, be
 * backed by huge pages where it can (transparent huge pages on
 * madvise): fewer page faults when they are first written. */
void samv_thp_hint(void *p, size_t n);

#endif
