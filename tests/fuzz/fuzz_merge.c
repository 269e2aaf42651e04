/*
 * fuzz_merge.c - libFuzzer harness: the three-way merge of a record file,
 * as samv-sync and samv-merge-driver do it.  Input: the file's path, a
 * newline, then the base, our and their versions separated by NUL bytes
 * (JSON never holds one); an empty version is an absent file.
 *
 * The merge must not care which side is called ours: swapping the sides
 * reports the same conflicts.  Without conflicts, favouring a side
 * changes nothing.  When the three versions differ and each parses, the
 * result parses and is in canonical form (formatting it again gives the
 * same bytes); otherwise it is a side's text as it was.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

struct outcome {
	struct samv_buf text;
	bool deleted;
	struct samv_conflicts c;
	int rc;
};

static void merge(struct outcome *r, const char *path, const struct samv_side *b, const struct samv_side *o,
		  const struct samv_side *t, enum samv_favor favor)
{
	memset(r, 0, sizeof(*r));
	r->rc = samv_merge_record(&r->text, &r->deleted, path, b, o, t, favor, &r->c);
	/* bad JSON is the only way to fail, and a favoured side never conflicts */
	FUZZ_ASSERT(r->rc == 0 || r->rc == SAMV_EINVAL);
	FUZZ_ASSERT(favor == SAMV_FAVOR_NONE || r->c.n == 0);
}

static void outcome_free(struct outcome *r)
{
	samv_buf_free(&r->text);
	samv_conflicts_free(&r->c);
}

static bool same_outcome(const struct outcome *a, const struct outcome *b)
{
	return a->deleted == b->deleted && a->text.len == b->text.len &&
	       (!a->text.len || !memcmp(a->text.ptr, b->text.ptr, a->text.len));
}

/* Each conflict of a names a field that b has a conflict in too. */
static bool same_fields(const struct samv_conflicts *a, const struct samv_conflicts *b)
{
	size_t i, j;

	for (i = 0; i < a->n; i++) {
		for (j = 0; j < b->n && strcmp(a->v[i].field, b->v[j].field); j++)
			;
		if (j == b->n)
			return false;
	}
	return true;
}

static bool same_side(const struct samv_side *a, const struct samv_side *b)
{
	if (!a->text || !b->text)
		return a->text == b->text;
	return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

static bool parses(const struct samv_side *s)
{
	return !s->text || fuzz_parse(NULL, s->text, s->len) == 0;
}

/* The merged text parses, and formatting it again changes nothing. */
static void canonical(const struct outcome *r, const char *path)
{
	const struct samv_type *t = samv_type_of_path(path);
	struct samv_buf again = SAMV_BUF_INIT;
	cJSON *v = NULL;

	if (r->deleted)
		return;
	FUZZ_ASSERT(fuzz_parse(&v, r->text.ptr, r->text.len) == 0);
	FUZZ_ASSERT((t ? samv_record_format(&again, t, v) : samv_json_print(&again, v)) == 0);
	FUZZ_ASSERT(again.len == r->text.len && !memcmp(again.ptr, r->text.ptr, again.len));
	cJSON_Delete(v);
	samv_buf_free(&again);
}

/* The next version in the input: up to a NUL or the end. */
static const uint8_t *next_side(struct samv_side *s, const uint8_t *p, const uint8_t *end)
{
	const uint8_t *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
	size_t len = (size_t)((nul ? nul : end) - p);

	s->text = len ? (const char *)p : NULL;
	s->len = len;
	return nul ? nul + 1 : end;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct outcome none, swapped, ours, theirs;
	struct samv_side b, o, t;
	const uint8_t *p, *end;
	size_t len;
	char path[256], *copy;

	fuzz_type(path, sizeof(path), data, size, &p, &len);
	/* the versions, each NUL-terminated as git's blobs are read */
	if (!(copy = malloc(len + 1)))
		return 0;
	memcpy(copy, p, len);
	copy[len] = '\0';
	end = (const uint8_t *)copy + len;
	p = next_side(&b, (const uint8_t *)copy, end);
	p = next_side(&o, p, end);
	next_side(&t, p, end);

	merge(&none, path, &b, &o, &t, SAMV_FAVOR_NONE);
	merge(&swapped, path, &b, &t, &o, SAMV_FAVOR_NONE);
	merge(&ours, path, &b, &o, &t, SAMV_FAVOR_OURS);
	merge(&theirs, path, &b, &o, &t, SAMV_FAVOR_THEIRS);
	FUZZ_ASSERT(none.rc == swapped.rc && none.rc == ours.rc && none.rc == theirs.rc);
	if (none.rc == 0) {
		FUZZ_ASSERT(none.c.n == swapped.c.n && same_fields(&none.c, &swapped.c) &&
			    same_fields(&swapped.c, &none.c));
		/* with a conflict the caller keeps ours in the result */
		FUZZ_ASSERT(same_outcome(&none, &ours));
		if (none.c.n == 0)
			FUZZ_ASSERT(same_outcome(&none, &theirs));
		if (!same_side(&b, &o) && !same_side(&b, &t) && !same_side(&o, &t) && parses(&b) &&
		    parses(&o) && parses(&t)) {
			canonical(&none, path);
			canonical(&swapped, path);
			canonical(&theirs, path);
		}
	}
	outcome_free(&none);
	outcome_free(&swapped);
	outcome_free(&ours);
	outcome_free(&theirs);
	free(copy);
	return 0;
}
