/*
 * csv.c - one field of an RFC 4180 table: quoted when it holds a comma,
 * a quote or a line end, or starts or ends with a space (which some
 * spreadsheets would trim).  Rows end in CRLF, written by the caller.
 */
#include <string.h>

#include "samv.h"

int samv_csv_field(struct samv_buf *b, const char *s, bool first)
{
	return samv_csv_field_sep(b, s, first, ',');
}

/* Swedish Excel separates fields with ';' (its list separator, as ',' is
 * the decimal sign there). */
int samv_csv_field_sep(struct samv_buf *b, const char *s, bool first, char sep)
{
	char special[] = { sep, '"', '\r', '\n', '\0' };
	int rc = first ? 0 : samv_buf_put(b, &sep, 1);

	if (!s)
		return rc;
	if (!strpbrk(s, special) && *s != ' ' && (!*s || s[strlen(s) - 1] != ' '))
		return rc | samv_buf_puts(b, s);
	rc |= samv_buf_puts(b, "\"");
	for (; *s; s++)
		rc |= samv_buf_put(b, s, 1) | (*s == '"' ? samv_buf_puts(b, "\"") : 0);
	return rc | samv_buf_puts(b, "\"");
}
