/*
 * input.c - what users hand in besides options: a JSON document on a
 * stream, and text options that may name a file ("@FILE", "@-").
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define TEXT_MAX (1024 * 1024)

int samv_json_read_object(cJSON **out, FILE *in, size_t max, const char *what)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_pos pos;
	int rc;

	*out = NULL;
	if ((rc = samv_buf_read(&text, in, max)) < 0) {
		rc = samv_error_set(rc, "%s: %s", what, samv_error_last());
		goto out;
	}
	if ((rc = samv_json_parse(out, text.ptr, text.len, &pos)) < 0) {
		rc = samv_error_set(rc, "%s:%d:%d: %s", what, pos.line, pos.col, samv_error_last());
		goto out;
	}
	if (!cJSON_IsObject(*out)) {
		cJSON_Delete(*out);
		*out = NULL;
		rc = samv_error_set(SAMV_EINVAL, "%s: expected a JSON object", what);
	} else {
		samv_json_drop_nulls(*out); /* as --json prints absent fields */
	}
out:
	samv_buf_free(&text);
	return rc;
}

/* A file written on Windows ends its lines in CR LF: keep the LF. */
static void drop_cr(struct samv_buf *b)
{
	size_t i, n = 0;

	for (i = 0; i < b->len; i++)
		if (b->ptr[i] != '\r' || i + 1 >= b->len || b->ptr[i + 1] != '\n')
			b->ptr[n++] = b->ptr[i];
	if (b->ptr)
		b->ptr[n] = '\0';
	b->len = n;
}

/* Text from a file ends without its last newline, as typed text would. */
static int read_text(char **out, const char *opt, const char *file)
{
	struct samv_buf b = SAMV_BUF_INIT;
	FILE *f = strcmp(file, "-") ? fopen(file, "rb") : stdin;
	long bad;
	int rc;

	if (!f)
		return samv_error_set(SAMV_ENOTFOUND, "--%s: %s: %s", opt, file, strerror(errno));
	rc = samv_buf_read(&b, f, TEXT_MAX);
	if (f != stdin)
		fclose(f);
	if (rc < 0) {
		rc = samv_error_set(rc, "--%s: %s: %s", opt, file, samv_error_last());
		goto out;
	}
	if ((bad = samv_utf8_invalid(b.ptr ? b.ptr : "", b.len)) >= 0 || (b.ptr && strlen(b.ptr) != b.len)) {
		rc = samv_error_set(SAMV_EINVAL, "--%s: %s: invalid UTF-8 or a NUL byte at byte %ld", opt,
				    strcmp(file, "-") ? file : "standard input", bad >= 0 ? bad + 1 : (long)strlen(b.ptr) + 1);
		goto out;
	}
	drop_cr(&b);
	while (b.len && b.ptr[b.len - 1] == '\n')
		b.ptr[--b.len] = '\0';
	*out = b.ptr ? b.ptr : strdup("");
	b.ptr = NULL;
	if (!*out)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
out:
	samv_buf_free(&b);
	return rc;
}

int samv_text_arg(char **out, const char *opt, const char *value)
{
	*out = NULL;
	if (value[0] == '@' && value[1] == '@')
		value++; /* "@@..." is text that begins with '@' */
	else if (value[0] == '@' && value[1])
		return read_text(out, opt, value + 1);
	if (samv_utf8_invalid(value, strlen(value)) >= 0)
		return samv_error_set(SAMV_EINVAL, "--%s: invalid UTF-8", opt);
	if (!(*out = strdup(value)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}
