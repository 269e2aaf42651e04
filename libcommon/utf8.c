/* utf8.c - UTF-8 validation (cJSON lets invalid sequences through). */
#include <stdint.h>
#include <string.h>

#include "samv.h"

/* Length of the valid sequence at s, or 0 (RFC 3629: no overlongs, no
 * surrogates, nothing past U+10FFFF). */
static size_t seq_len(const unsigned char *s, size_t left)
{
	unsigned c = s[0];
	size_t n, i;
	unsigned long cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, cp = c & 0x07;
	else
		return 0;
	if (n > left)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

long samv_utf8_invalid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, n;

	while (i < len) {
		/* ASCII, most of every record's text, eight bytes at a time */
		while (len - i >= 8) {
			uint64_t w;

			memcpy(&w, p + i, 8);
			if (w & 0x8080808080808080ull)
				break;
			i += 8;
		}
		if (i < len && p[i] < 0x80) {
			i++;
			continue;
		}
		if (i == len)
			break;
		n = seq_len(p + i, len - i);
		if (!n)
			return (long)i;
		i += n;
	}
	return -1;
}

/* Display width in columns, counting each code point as one. */
size_t samv_utf8_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

/* Whether s holds no character but white space, as JSON Schema's \s
 * (ECMA-262) counts it: the ASCII spaces, U+00A0, U+1680, U+2000-U+200A,
 * U+2028, U+2029, U+202F, U+205F, U+3000 and U+FEFF.  Required text must
 * say something (docs/schema has the same rule as a pattern). */
bool samv_text_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned long cp;
	size_t n;

	while (*p) {
		if (*p == ' ' || (*p >= '\t' && *p <= '\r')) {
			p++;
			continue;
		}
		if (!(n = seq_len(p, strlen((const char *)p))) || n == 1)
			return false;
		cp = n == 2 ? ((p[0] & 0x1ful) << 6) | (p[1] & 0x3f)
		     : n == 3 ? ((p[0] & 0x0ful) << 12) | ((p[1] & 0x3ful) << 6) | (p[2] & 0x3f)
			      : 0x10000;
		if (!(cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
		      cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000 || cp == 0xfeff))
			return false;
		p += n;
	}
	return true;
}
