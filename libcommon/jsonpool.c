/*
 * jsonpool.c - the blocks of cJSON's trees from free lists of their own,
 * for a process that parses and frees one record after another.
 *
 * A cold samv-check parses every record file into a tree of a hundred
 * small blocks (a node, its key, its string) and frees it before the
 * next: 250 000 mallocs and frees a 1 000 records, which overflow
 * glibc's per-size caches of seven blocks into its bins, an eighth of
 * the check's instructions.  Here a freed block goes on the list of its
 * size class and the next tree takes it back, a handful of instructions
 * either way.  cJSON's hooks are process-wide: the command's main
 * installs this, and everything that frees what cJSON allocated must
 * free it with cJSON_free or cJSON_Delete.  The chunks are never given
 * back (the trees of one record are what they hold, again and again).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cjson/cJSON.h>

#include "samv.h"

/* Under AddressSanitizer a free block is poisoned (a use after free is
 * reported as with free), and the blocks not freed at exit are counted
 * and reported: LeakSanitizer cannot see a tree lost in the pool. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define COUNT(d) (pool.live += (d))
#else
#define COUNT(d) ((void)0)
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define HEAD 16 /* struct head before a block, keeping malloc's alignment */
#define NCLASS 4
#define BIG 0xffu /* from malloc, not a class */
#define CHUNK (64 * 1024)

static const size_t class_size[NCLASS] = { 16, 32, 64, 128 };

struct chunk {
	struct chunk *next;
	size_t used;
	max_align_t pad; /* the blocks after it aligned as malloc's */
};

/* The pool's state: the one piece of process state behind cJSON's hooks,
 * which take no argument to carry it. */
static struct {
	void *free[NCLASS]; /* each free block holds the next */
	struct chunk *chunks;
	long live; /* blocks given and not freed (counted under ASan) */
} pool;

static int class_of(size_t n)
{
	int c;

	for (c = 0; c < NCLASS; c++)
		if (n <= class_size[c])
			return c;
	return -1;
}

static void *carve(int c)
{
	size_t need = HEAD + class_size[c];
	unsigned char *p;

	if (!pool.chunks || pool.chunks->used + need > CHUNK) {
		struct chunk *k = malloc(sizeof(*k) + CHUNK);

		if (!k)
			return NULL;
		k->next = pool.chunks;
		k->used = 0;
		pool.chunks = k;
		POISON(k + 1, CHUNK);
	}
	p = (unsigned char *)(pool.chunks + 1) + pool.chunks->used;
	pool.chunks->used += need;
	return p;
}

/* A block's head: its class (or BIG), whether it is free, and while it
 * is, the next free block of its class; the block itself all poisoned
 * under ASan while free (a use after free is reported as with free). */
struct head {
	unsigned char class, is_free;
	void *next;
};

_Static_assert(sizeof(struct head) <= HEAD, "a block's head fits before it");

static void *pool_alloc(size_t n)
{
	int c = class_of(n);
	unsigned char *p;
	struct head *h;

	if (c < 0) {
		if (!(p = malloc(HEAD + n)))
			return NULL;
		h = (struct head *)p;
		h->class = BIG;
		h->is_free = 0;
		COUNT(1);
		return p + HEAD;
	}
	if ((p = pool.free[c])) {
		h = (struct head *)p;
		pool.free[c] = h->next;
	} else if (!(p = carve(c)))
		return NULL;
	UNPOISON(p, HEAD + class_size[c]);
	h = (struct head *)p;
	h->class = (unsigned char)c;
	h->is_free = 0;
	COUNT(1);
	return p + HEAD;
}

static void pool_free(void *ptr)
{
	unsigned char *p;
	struct head *h;

	if (!ptr)
		return;
	p = (unsigned char *)ptr - HEAD;
	h = (struct head *)p;
	if (h->is_free) {
		/* freed twice: the lists would hand the block out twice */
		fputs("jsonpool: a cJSON block freed twice\n", stderr);
		abort();
	}
	COUNT(-1);
	if (h->class == BIG) {
		free(p);
		return;
	}
	h->is_free = 1;
	h->next = pool.free[h->class];
	pool.free[h->class] = p;
	POISON(p + HEAD, class_size[h->class]);
}

#if defined(__SANITIZE_ADDRESS__)
static void report_live(void)
{
	if (pool.live) {
		fprintf(stderr, "jsonpool: %ld cJSON blocks never freed\n", pool.live);
		abort();
	}
}
#endif

void samv_jsonpool_install(void)
{
	cJSON_Hooks h = { pool_alloc, pool_free };

	cJSON_InitHooks(&h);
#if defined(__SANITIZE_ADDRESS__)
	atexit(report_live);
#endif
}
