/*
 * arena.c - strings freed all at once.  samv-check keeps a path, an id or
 * a field name for each of the many thousand records it replays (check.c,
 * pdscan.c): a malloc and a free for each cost more than the rules that
 * read them.  Large arenas and arrays are asked to be in huge pages
 * (samv_thp_hint): on this project's machine a page fault costs about
 * 2 µs, and samv-check touched 20 000 pages at 50 000 records
 * (docs/PERFORMANCE.md).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "samv.h"
#include "arena.h"

struct samv_arena_chunk {
	struct samv_arena_chunk *next;
	size_t used, cap;
	char data[];
};

#define HUGE_PAGE (2u << 20)

void samv_thp_hint(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	uintptr_t from = ((uintptr_t)p + HUGE_PAGE - 1) & ~(uintptr_t)(HUGE_PAGE - 1);
	uintptr_t to = ((uintptr_t)p + n) & ~(uintptr_t)(HUGE_PAGE - 1);

	/* advice only: where the kernel gives none, pages come one by one */
	if (to > from)
		madvise((void *)from, to - from, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

char *samv_arena_alloc(struct samv_arena *a, size_t n)
{
	struct samv_arena_chunk *k = a->head;
	char *p;

	if (!k || k->cap - k->used < n + 1) {
		/* 64 KiB at first; from the second chunk on, the arena is
		 * large: 4 MiB chunks in huge pages where the kernel has them */
		size_t cap = a->head ? 4 * HUGE_PAGE : 65536;

		if (cap < n + 1)
			cap = n + 1;
		if (!(k = malloc(sizeof(*k) + cap))) {
			samv_error_set(SAMV_ERROR, "out of memory");
			return NULL;
		}
		if (a->head)
			samv_thp_hint(k, sizeof(*k) + cap);
		k->next = a->head;
		k->used = 0;
		k->cap = cap;
		a->head = k;
	}
	p = k->data + k->used;
	p[n] = '\0';
	k->used += n + 1;
	return p;
}

const char *samv_arena_dup(struct samv_arena *a, const char *s, size_t n)
{
	char *p = samv_arena_alloc(a, n);

	if (p)
		memcpy(p, s, n);
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
