/* buf.c - a growable byte buffer, always NUL-terminated. */
#include <stdarg.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"

static int grow_to(struct samv_buf *b, size_t want)
{
	char *p;

	if (want < b->cap * 2)
		want = b->cap * 2;
	if (want < 64)
		want = 64;
	p = realloc(b->ptr, want);
	if (!p)
		return samv_error_set(SAMV_ERROR, "out of memory");
	b->ptr = p;
	b->cap = want;
	return 0;
}

/* Room for extra bytes and the NUL; the test inline, as a record's
 * formatting makes millions of small puts in a cold samv-check. */
static inline int grow(struct samv_buf *b, size_t extra)
{
	return b->len + extra + 1 <= b->cap ? 0 : grow_to(b, b->len + extra + 1);
}

int samv_buf_put(struct samv_buf *b, const char *s, size_t n)
{
	if (grow(b, n) < 0)
		return SAMV_ERROR;
	memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
	return 0;
}

/* n spaces (indentation: a printf of "%*s" costs more than the rest of
 * a record's formatting) */
int samv_buf_spaces(struct samv_buf *b, int n)
{
	if (n <= 0)
		return 0;
	if (grow(b, (size_t)n) < 0)
		return SAMV_ERROR;
	memset(b->ptr + b->len, ' ', (size_t)n);
	b->len += (size_t)n;
	b->ptr[b->len] = '\0';
	return 0;
}

int samv_buf_puts(struct samv_buf *b, const char *s)
{
	return samv_buf_put(b, s, strlen(s));
}

int samv_buf_printf(struct samv_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void samv_buf_free(struct samv_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

int samv_buf_read(struct samv_buf *b, FILE *f, size_t max)
{
	char chunk[8192];
	size_t n;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (b->len + n > max)
			return samv_error_set(SAMV_EINVAL, "input is larger than %zu bytes", max);
		if (samv_buf_put(b, chunk, n) < 0)
			return SAMV_ERROR;
	}
	if (ferror(f))
		return samv_error_set(SAMV_EIO, "read error");
	if (!b->ptr && samv_buf_put(b, "", 0) < 0)
		return SAMV_ERROR;
	return 0;
}

/* Read fd, open on a regular file of size bytes (fstat), to its end with
 * read(2).  One read asks for a byte more than size: when it gives all
 * size bytes and not the one more, the file is read whole, with that one
 * call; otherwise (it grew, or a file system gave less than asked: FUSE,
 * NFS) it is read on until a read gives nothing. */
int samv_buf_read_file(struct samv_buf *b, int fd, size_t size, size_t max)
{
	size_t want = (size < max ? size : max) + 1;
	ssize_t got;

	if (grow(b, want) < 0)
		return SAMV_ERROR;
	do
		got = read(fd, b->ptr + b->len, want);
	while (got < 0 && errno == EINTR);
	if (got < 0)
		return samv_error_set(SAMV_EIO, "read error: %s", strerror(errno));
	b->len += (size_t)got;
	if ((size_t)got == want - 1 && want - 1 == size) {
		b->ptr[b->len] = '\0';
		return 0;
	}
	if (b->len > max)
		return samv_error_set(SAMV_EINVAL, "input is larger than %zu bytes", max);
	for (;;) {
		if (b->cap - b->len < 2 && grow(b, b->cap) < 0)
			return SAMV_ERROR;
		got = read(fd, b->ptr + b->len, b->cap - b->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return samv_error_set(SAMV_EIO, "read error: %s", strerror(errno));
		if (got == 0)
			break;
		b->len += (size_t)got;
		if (b->len > max)
			return samv_error_set(SAMV_EINVAL, "input is larger than %zu bytes", max);
	}
	b->ptr[b->len] = '\0';
	return 0;
}
