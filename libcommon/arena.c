/*
 * arena.c - strings freed all at once.  samv-check keeps a path, an id or
 * a field name for each of the many thousand records it replays (check.c,
 * pdscan.c): a malloc and a free for each cost more than the rules that
 * read them.
 */
#include <stdlib.h>
#include <string.h>

#include "samv.h"
#include "arena.h"

struct samv_arena_chunk {
	struct samv_arena_chunk *next;
	size_t used, cap;
	char data[];
};

const char *samv_arena_dup(struct samv_arena *a, const char *s, size_t n)
{
	struct samv_arena_chunk *k = a->head;
	char *p;

	if (!k || k->cap - k->used < n + 1) {
		size_t cap = n + 1 > 65536 ? n + 1 : 65536;

		if (!(k = malloc(sizeof(*k) + cap))) {
			samv_error_set(SAMV_ERROR, "out of memory");
			return NULL;
		}
		k->next = a->head;
		k->used = 0;
		k->cap = cap;
		a->head = k;
	}
	p = k->data + k->used;
	memcpy(p, s, n);
	p[n] = '\0';
	k->used += n + 1;
	return p;
}

void samv_arena_free(struct samv_arena *a)
{
	struct samv_arena_chunk *k;

	while ((k = a->head)) {
		a->head = k->next;
		free(k);
	}
}
