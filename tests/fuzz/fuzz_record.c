/*
 * fuzz_record.c - libFuzzer harness: one record file as samv-check and
 * every reader take it.  Input: the file's path, a newline, its text.
 *
 * The text is parsed strictly and validated against the path's type.
 * Whatever parses must print in canonical form; that form must parse
 * again and print the same bytes (canonical form is a fixpoint), a record
 * that was valid must still be valid after it, and the generic printer
 * must round-trip too.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static size_t problems(const struct samv_type *t, const cJSON *rec, const char *path, const char *text)
{
	struct samv_problems pr = SAMV_PROBLEMS_INIT;
	size_t i, n;

	FUZZ_ASSERT(samv_record_validate(&pr, t, rec, path, text) == 0);
	for (i = 0; i < pr.n; i++)
		FUZZ_ASSERT(pr.v[i].file && pr.v[i].code && pr.v[i].msg && pr.v[i].line >= 1 && pr.v[i].col >= 1);
	n = pr.n;
	samv_problems_free(&pr);
	return n;
}

/* Print with print, parse again, print again: the same bytes. */
static void round_trip(const struct samv_type *t, const cJSON *rec)
{
	struct samv_buf one = SAMV_BUF_INIT, two = SAMV_BUF_INIT;
	cJSON *again = NULL;

	if (t)
		FUZZ_ASSERT(samv_record_format(&one, t, rec) == 0);
	else
		FUZZ_ASSERT(samv_json_print(&one, rec) == 0);
	FUZZ_ASSERT(fuzz_parse(&again, one.ptr, one.len) == 0);
	if (t)
		FUZZ_ASSERT(samv_record_format(&two, t, again) == 0);
	else
		FUZZ_ASSERT(samv_json_print(&two, again) == 0);
	FUZZ_ASSERT(one.len == two.len && !memcmp(one.ptr, two.ptr, one.len));
	cJSON_Delete(again);
	samv_buf_free(&one);
	samv_buf_free(&two);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct samv_buf canon = SAMV_BUF_INIT;
	const uint8_t *body;
	size_t len;
	char path[256];
	const struct samv_type *t = fuzz_type(path, sizeof(path), data, size, &body, &len);
	const cJSON *it;
	cJSON *rec = NULL, *again = NULL;
	char *text;
	size_t before;

	/* the readers hold a file as NUL-terminated text */
	if (!(text = malloc(len + 1)))
		return 0;
	memcpy(text, body, len);
	text[len] = '\0';
	if (fuzz_parse(&rec, text, len) < 0)
		goto out;
	before = problems(t, rec, path, text);
	cJSON_ArrayForEach(it, rec)
		if (it->string)
			samv_json_locate(text, it->string);
	round_trip(t, rec);
	round_trip(NULL, rec);
	/* canonical form keeps a valid record valid */
	FUZZ_ASSERT(samv_record_format(&canon, t, rec) == 0);
	FUZZ_ASSERT(fuzz_parse(&again, canon.ptr, canon.len) == 0);
	if (before == 0)
		FUZZ_ASSERT(problems(t, again, path, canon.ptr) == 0);
out:
	cJSON_Delete(rec);
	cJSON_Delete(again);
	samv_buf_free(&canon);
	free(text);
	return 0;
}
