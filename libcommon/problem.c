/* problem.c - what samv-check finds, in "file:line:col: code: message". */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

/* malloc'ed fmt formatted with ap, or NULL */
static char *vformat(const char *fmt, va_list ap)
{
	va_list ap2;
	char *msg;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0 || !(msg = malloc((size_t)n + 1)))
		return NULL;
	vsnprintf(msg, (size_t)n + 1, fmt, ap);
	return msg;
}

/* The message is kept in English (--json, see samv.h) and in the user's
 * language; an argument that is samv_error_last() reads English for the
 * first (error.c). */
int samv_problem_add(struct samv_problems *pr, const char *file, struct samv_pos pos,
		     const char *code, const char *fmt, ...)
{
	struct samv_problem *p;
	char *msg, *text;
	va_list ap;

	if (pr->n == pr->cap) {
		size_t cap = pr->cap ? pr->cap * 2 : 16;
		struct samv_problem *v = realloc(pr->v, cap * sizeof(*v));

		if (!v)
			return samv_error_set(SAMV_ERROR, "out of memory");
		pr->v = v;
		pr->cap = cap;
	}
	va_start(ap, fmt);
	samv_error_swap();
	msg = vformat(fmt, ap);
	samv_error_swap();
	va_end(ap);
	va_start(ap, fmt);
	text = vformat(gettext(fmt), ap);
	va_end(ap);
	p = &pr->v[pr->n];
	p->file = strdup(file);
	p->code = strdup(code);
	p->msg = msg;
	p->text = text;
	p->commit = NULL;
	p->line = pos.line;
	p->col = pos.col;
	if (!p->file || !p->code || !p->msg || !p->text) {
		free(p->file);
		free(p->code);
		free(p->msg);
		free(p->text);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	pr->n++;
	return 0;
}

int samv_problem_english(struct samv_problems *pr, const char *fmt, ...)
{
	char *msg;
	va_list ap;

	samv_error_english(false);
	va_start(ap, fmt);
	msg = vformat(fmt, ap);
	va_end(ap);
	if (!msg)
		return samv_error_set(SAMV_ERROR, "out of memory");
	free(pr->v[pr->n - 1].msg);
	pr->v[pr->n - 1].msg = msg;
	return 0;
}

int samv_problem_add_pair(struct samv_problems *pr, const char *file, struct samv_pos pos, const char *code,
			  const char *msg, const char *text)
{
	int rc = samv_problem_add(pr, file, pos, code, "%s", msg);

	if (rc < 0)
		return rc;
	free(pr->v[pr->n - 1].text);
	if (!(pr->v[pr->n - 1].text = strdup(text)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

const char *samv_problem_say(const struct samv_problem *p)
{
	return samv_error_in_english() ? p->msg : p->text;
}

static int cmp(const void *a, const void *b)
{
	const struct samv_problem *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	if ((c = strcmp(x->code, y->code)))
		return c;
	return strcmp(x->msg, y->msg);
}

/* Warnings are printed like problems but do not fail samv-check (unless
 * --fail-on asks): a probable duplicate, personal data (pdscan.c). */
bool samv_problem_is_warning(const struct samv_problem *p)
{
	return !strcmp(p->code, "probable-duplicate") || !strncmp(p->code, "personal-", 9);
}

size_t samv_problems_errors(const struct samv_problems *pr)
{
	size_t i, n = 0;

	for (i = 0; i < pr->n; i++)
		n += !samv_problem_is_warning(&pr->v[i]);
	return n;
}

void samv_problems_sort(struct samv_problems *pr)
{
	samv_problems_sort_from(pr, 0);
}

void samv_problems_sort_from(struct samv_problems *pr, size_t from)
{
	if (pr->n > from + 1)
		qsort(pr->v + from, pr->n - from, sizeof(pr->v[0]), cmp);
}

int samv_problems_set_commit(struct samv_problems *pr, size_t from, const char *commit)
{
	size_t i;

	for (i = from; i < pr->n; i++) {
		free(pr->v[i].commit);
		if (!(pr->v[i].commit = strdup(commit)))
			return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

void samv_problems_print(FILE *f, const struct samv_problems *pr)
{
	size_t i;

	for (i = 0; i < pr->n; i++)
		fprintf(f, "%s:%d:%d: %s: %s\n", pr->v[i].file, pr->v[i].line, pr->v[i].col,
			pr->v[i].code, pr->v[i].text);
}

int samv_problems_print_json(FILE *f, const struct samv_problems *pr)
{
	cJSON *arr = cJSON_CreateArray(), *o;
	struct samv_buf s = SAMV_BUF_INIT;
	size_t i;
	int rc = SAMV_ERROR;

	if (!arr)
		goto out;
	for (i = 0; i < pr->n; i++) {
		if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(arr, o) ||
		    !cJSON_AddStringToObject(o, "file", pr->v[i].file) ||
		    !cJSON_AddNumberToObject(o, "line", pr->v[i].line) ||
		    !cJSON_AddNumberToObject(o, "column", pr->v[i].col) ||
		    !cJSON_AddStringToObject(o, "code", pr->v[i].code) ||
		    !cJSON_AddStringToObject(o, "message", pr->v[i].msg) ||
		    (pr->v[i].commit && !cJSON_AddStringToObject(o, "commit", pr->v[i].commit)))
			goto out;
	}
	if (samv_json_print(&s, arr) < 0)
		goto out;
	fputs(s.ptr, f);
	rc = 0;
out:
	if (rc)
		samv_error_set(SAMV_ERROR, "out of memory");
	samv_buf_free(&s);
	cJSON_Delete(arr);
	return rc;
}

void samv_problems_free(struct samv_problems *pr)
{
	size_t i;

	for (i = 0; i < pr->n; i++) {
		free(pr->v[i].file);
		free(pr->v[i].code);
		free(pr->v[i].msg);
		free(pr->v[i].text);
		free(pr->v[i].commit);
	}
	free(pr->v);
	pr->v = NULL;
	pr->n = pr->cap = 0;
}
