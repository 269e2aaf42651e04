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
void samv_arena_free(struct samv_arena *a);

#endif
