/* suggest.c - "did you mean ...": the nearest names to a mistyped one. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

/* git's help.c: a prefix of a name is as good as the name, else up to 6;
 * and, so that "foo" is not taken for "log", less than the typed length. */
#define SIMILAR_ENOUGH 7

/*
 * Damerau-Levenshtein distance (optimal string alignment) with git's
 * weights for a typed command: a swap of two letters costs 0, a wrong
 * letter 2, a missing one 1 and an extra one 3.
 */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, d = SIZE_MAX;
	size_t *r0 = calloc(lb + 1, sizeof(*r0)), *r1 = calloc(lb + 1, sizeof(*r1));
	size_t *r2 = calloc(lb + 1, sizeof(*r2)), *t;

	if (!r0 || !r1 || !r2)
		goto out;
	for (j = 0; j <= lb; j++)
		r1[j] = j;
	for (i = 0; i < la; i++) {
		r2[0] = (i + 1) * 3;
		for (j = 0; j < lb; j++) {
			r2[j + 1] = r1[j] + (a[i] != b[j]) * 2;
			if (i > 0 && j > 0 && a[i - 1] == b[j] && a[i] == b[j - 1] && r2[j + 1] > r0[j - 1])
				r2[j + 1] = r0[j - 1];
			if (r2[j + 1] > r1[j + 1] + 3)
				r2[j + 1] = r1[j + 1] + 3;
			if (r2[j + 1] > r2[j] + 1)
				r2[j + 1] = r2[j] + 1;
		}
		t = r0, r0 = r1, r1 = r2, r2 = t;
	}
	d = r1[lb];
out:
	free(r0);
	free(r1);
	free(r2);
	return d;
}

static size_t score(const char *typed, const char *name)
{
	if (!typed[0])
		return SIZE_MAX;
	if (!strncmp(name, typed, strlen(typed)))
		return 0;
	return distance(typed, name) + 1;
}

size_t samv_suggest(const char **out, size_t max, const char *typed, const char *const *names, size_t n)
{
	size_t i, best = SIZE_MAX, s, k = 0;

	for (i = 0; i < n; i++)
		if ((s = score(typed, names[i])) < best)
			best = s;
	if (best >= SIMILAR_ENOUGH || best > strlen(typed))
		return 0;
	for (i = 0; i < n && k < max; i++)
		if (score(typed, names[i]) == best)
			out[k++] = names[i];
	return k;
}

int samv_suggest_text(struct samv_buf *b, const char *prefix, const char *typed, const char *const *names,
		      size_t n)
{
	const char *near[4];
	size_t k = samv_suggest(near, 4, typed, names, n), i;

	if (k == 0)
		return 0;
	if (samv_buf_puts(b, k == 1 ? _("did you mean ") : _("did you mean one of ")) < 0)
		return SAMV_ERROR;
	for (i = 0; i < k; i++)
		if (samv_buf_printf(b, "%s'%s%s'", i ? ", " : "", prefix, near[i]) < 0)
			return SAMV_ERROR;
	return samv_buf_puts(b, "?") < 0 ? SAMV_ERROR : 1;
}

int samv_error_unknown(const char *what, const char *prefix, const char *typed, const char *const *names, size_t n,
		       const char *see)
{
	struct samv_buf hint = SAMV_BUF_INIT;
	int rc;

	/* one message a word: "unknown" agrees with it in other languages */
	bool opt = !strcmp(what, "option");

	if (samv_suggest_text(&hint, prefix, typed, names, n) > 0)
		rc = opt ? samv_error_set(SAMV_EUSAGE, "unknown option '%s%s'; %s", prefix, typed, hint.ptr)
			 : samv_error_set(SAMV_EUSAGE, "unknown %s '%s%s'; %s", what, prefix, typed, hint.ptr);
	else if (see)
		rc = opt ? samv_error_set(SAMV_EUSAGE, "unknown option '%s%s' (see %s)", prefix, typed, see)
			 : samv_error_set(SAMV_EUSAGE, "unknown %s '%s%s' (see %s)", what, prefix, typed, see);
	else
		rc = opt ? samv_error_set(SAMV_EUSAGE, "unknown option '%s%s'", prefix, typed)
			 : samv_error_set(SAMV_EUSAGE, "unknown %s '%s%s'", what, prefix, typed);
	samv_buf_free(&hint);
	return rc;
}
