/*
 * json.c - strict parsing on top of cJSON, which on its own accepts
 * invalid UTF-8, raw control characters, duplicate keys, \u0000, \u
 * without four hex digits (as U+0000) and 1e999 (as infinity).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

static struct samv_pos pos_at(const char *text, size_t off)
{
	struct samv_pos p = { 1, 1 };
	size_t i;

	for (i = 0; i < off && text[i]; i++) {
		if (text[i] == '\n') {
			p.line++;
			p.col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			p.col++;
		}
	}
	return p;
}

static bool hex4(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (i >= len || !s[i] || !strchr("0123456789abcdefABCDEF", s[i]))
			return false;
	return true;
}

/* The string opening at text[start] checked for what cJSON lets through:
 * the offset of its closing quote (or len), or -offset - 2 of the fault. */
static long string_end(const char *text, size_t len, size_t start, const char **why)
{
	size_t i;

	for (i = start + 1; i < len && text[i] != '"'; i++) {
		if ((unsigned char)text[i] < 0x20) {
			if (why)
				*why = "raw control character in a string (write it as \\n, \\t or \\u00XX)";
			return -(long)i - 2;
		}
		if (text[i] == '\\' && i + 1 < len) {
			if (text[i + 1] == 'u' && i + 5 < len && !strncmp(text + i + 2, "0000", 4)) {
				if (why)
					*why = "\\u0000 is not allowed in a string";
				return -(long)i - 2;
			}
			/* cJSON reads \u and anything but four hex digits as
			 * U+0000, which silently cuts the string short */
			if (text[i + 1] == 'u' && !hex4(text + i + 2, len - i - 2)) {
				if (why)
					*why = "\\u must be followed by four hexadecimal digits";
				return -(long)i - 2;
			}
			i++;
		}
	}
	return (long)i;
}

/*
 * One pass over the text as JSON tokens: reject what cJSON lets through
 * inside strings; when key is given, find the nth occurrence of it used as
 * an object key at depth want_depth (0: any depth) and return its offset.
 */
static long scan(const char *text, size_t len, const char *key, int nth, int want_depth,
		 const char **why)
{
	size_t i, start, klen = key ? strlen(key) : 0;
	const char *q;
	int depth = 0, seen = 0;
	long e;

	if (!key) {
		/* only the strings to check: a quote opens one, the rest is
		 * passed over by memchr (a cold samv-check scans every file) */
		for (i = 0; i < len && (q = memchr(text + i, '"', len - i)); i = (size_t)e + 1)
			if ((e = string_end(text, len, (size_t)(q - text), why)) < 0)
				return e;
		return -1;
	}
	for (i = 0; i < len; i++) {
		char c = text[i];

		if (c == '{' || c == '[') {
			depth++;
			continue;
		}
		if (c == '}' || c == ']') {
			depth--;
			continue;
		}
		if (c != '"')
			continue;
		start = i;
		if ((e = string_end(text, len, start, why)) < 0)
			return e;
		i = (size_t)e;
		/* a key is a string followed by ':' */
		{
			size_t j = i + 1;

			while (j < len && strchr(" \t\r\n", text[j]))
				j++;
			if (j < len && text[j] == ':' && i - start - 1 == klen &&
			    !strncmp(text + start + 1, key, klen) &&
			    (want_depth == 0 || depth == want_depth) && ++seen == nth)
				return (long)start;
		}
	}
	return -1;
}

static const char *dup_key(const cJSON *node)
{
	const cJSON *a, *b;
	const char *d;

	for (a = node ? node->child : NULL; a; a = a->next) {
		if (cJSON_IsObject(node))
			for (b = a->next; b; b = b->next)
				if (a->string && b->string && !strcmp(a->string, b->string))
					return a->string;
		if ((cJSON_IsObject(a) || cJSON_IsArray(a)) && (d = dup_key(a)))
			return d;
	}
	return NULL;
}

/* cJSON reads a number beyond a double's range (1e999) as infinity, which
 * no writer can give back as JSON: such a number is refused. */
static bool has_huge_number(const cJSON *node)
{
	const cJSON *a;

	if (cJSON_IsNumber(node) && !isfinite(node->valuedouble))
		return true;
	for (a = node->child; a; a = a->next)
		if (has_huge_number(a))
			return true;
	return false;
}

/* Where the first such number is written in text (parsed already, so
 * every token is valid JSON; text ends in a NUL); 0 when not found. */
static size_t huge_number_at(const char *text, size_t len)
{
	size_t i;
	char *end;

	for (i = 0; i < len; i++) {
		if (text[i] == '"') {
			for (i++; i < len && text[i] != '"'; i++)
				if (text[i] == '\\')
					i++;
		} else if (text[i] == '-' || (text[i] >= '0' && text[i] <= '9')) {
			if (isinf(strtod(text + i, &end)))
				return i;
			i = (size_t)(end - text) - 1;
		}
	}
	return 0;
}

int samv_json_parse(cJSON **out, const char *text, size_t len, struct samv_pos *pos)
{
	const char *end = NULL, *why = NULL, *dup;
	struct samv_pos dummy;
	cJSON *j = NULL;
	long bad;

	*out = NULL;
	if (!pos)
		pos = &dummy;
	*pos = SAMV_POS_FILE;
	if ((bad = samv_utf8_invalid(text, len)) >= 0) {
		*pos = pos_at(text, (size_t)bad);
		return samv_error_set(SAMV_EINVAL, "invalid UTF-8");
	}
	if (memchr(text, '\0', len)) {
		*pos = pos_at(text, (size_t)((const char *)memchr(text, '\0', len) - text));
		return samv_error_set(SAMV_EINVAL, "NUL byte in JSON text");
	}
	if ((bad = scan(text, len, NULL, 0, 0, &why)) < -1) {
		*pos = pos_at(text, (size_t)(-bad - 2));
		return samv_error_set(SAMV_EINVAL, "%s", why);
	}
	j = cJSON_ParseWithLengthOpts(text, len + 1, &end, 1);
	if (!j) {
		size_t off = end ? (size_t)(end - text) : 0;
		const char *e = cJSON_GetErrorPtr();

		if (!end && e && e >= text && e <= text + len)
			off = (size_t)(e - text);
		*pos = pos_at(text, off);
		while (off < len && strchr(" \t\r\n", text[off]))
			off++;
		if (off >= len)
			return samv_error_set(SAMV_EINVAL, "unexpected end of JSON text");
		return samv_error_set(SAMV_EINVAL, "JSON syntax error");
	}
	if ((dup = dup_key(j))) {
		long at = scan(text, len, dup, 2, 0, NULL);

		*pos = pos_at(text, at >= 0 ? (size_t)at : 0);
		samv_error_set(SAMV_EINVAL, "duplicate key '%s'", dup);
		cJSON_Delete(j);
		return SAMV_EINVAL;
	}
	if (has_huge_number(j)) {
		*pos = pos_at(text, huge_number_at(text, len));
		cJSON_Delete(j);
		return samv_error_set(SAMV_EINVAL, "number out of range");
	}
	*out = j;
	return 0;
}

size_t samv_json_minify(char *text, size_t len)
{
	size_t i = 0, o = 0;
	char c;

	while (i < len) {
		c = text[i++];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		text[o++] = c;
		if (c != '"')
			continue;
		/* a string, as it is, to its closing quote: an escape is two
		 * characters, whatever the second */
		while (i < len) {
			c = text[i++];
			text[o++] = c;
			if (c == '\\' && i < len)
				text[o++] = text[i++];
			else if (c == '"')
				break;
		}
	}
	text[o] = '\0';
	return o;
}

struct samv_pos samv_json_locate(const char *text, const char *key)
{
	long at;

	if (!text)
		return SAMV_POS_FILE;
	at = scan(text, strlen(text), key, 1, 1, NULL);
	return at >= 0 ? pos_at(text, (size_t)at) : SAMV_POS_FILE;
}

/* The characters JSON escapes: '"', '\\' and the controls. */
static bool needs_escape(unsigned char c)
{
	return c < 0x20 || c == '"' || c == '\\';
}

int samv_json_put_string(struct samv_buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	const char *run;
	char esc[7];

	if (samv_buf_put(b, "\"", 1) < 0)
		return SAMV_ERROR;
	while (*s) {
		unsigned char c;
		const char *e = NULL;

		/* the text between escapes put in one piece */
		for (run = s; *s && !needs_escape((unsigned char)*s); s++)
			;
		if (s > run && samv_buf_put(b, run, (size_t)(s - run)) < 0)
			return SAMV_ERROR;
		if (!*s)
			break;
		switch ((c = (unsigned char)*s++)) {
		case '"': e = "\\\""; break;
		case '\\': e = "\\\\"; break;
		case '\n': e = "\\n"; break;
		case '\t': e = "\\t"; break;
		case '\r': e = "\\r"; break;
		case '\b': e = "\\b"; break;
		case '\f': e = "\\f"; break;
		default:
			memcpy(esc, "\\u00", 4);
			esc[4] = hex[c >> 4];
			esc[5] = hex[c & 15];
			esc[6] = '\0';
			e = esc;
		}
		if (samv_buf_puts(b, e) < 0)
			return SAMV_ERROR;
	}
	return samv_buf_put(b, "\"", 1);
}

int samv_json_put_number(struct samv_buf *b, double d)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long long u;

	/* a whole number (what records hold) written without printf,
	 * exactly as "%.17g" writes it: all its digits below 1e15; not -0 */
	if (!(d > -1e15 && d < 1e15) || d != (double)(long long)d || (d == 0 && signbit(d)))
		return samv_buf_printf(b, "%.17g", d);
	u = d < 0 ? (unsigned long long)-(long long)d : (unsigned long long)(long long)d;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (d < 0)
		*--p = '-';
	return samv_buf_put(b, p, (size_t)(digits + sizeof(digits) - p));
}

static int print_at(struct samv_buf *b, const cJSON *v, int depth)
{
	const cJSON *it;
	bool obj = cJSON_IsObject(v);

	if (cJSON_IsString(v))
		return samv_json_put_string(b, v->valuestring);
	if (cJSON_IsBool(v))
		return samv_buf_puts(b, cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v))
		return samv_json_put_number(b, v->valuedouble);
	if (!obj && !cJSON_IsArray(v))
		return samv_buf_puts(b, "null");
	if (!v->child)
		return samv_buf_puts(b, obj ? "{}" : "[]");
	if (samv_buf_puts(b, obj ? "{\n" : "[\n") < 0)
		return SAMV_ERROR;
	for (it = v->child; it; it = it->next) {
		if (samv_buf_spaces(b, (depth + 1) * 2) < 0)
			return SAMV_ERROR;
		if (obj && (samv_json_put_string(b, it->string) < 0 || samv_buf_puts(b, ": ") < 0))
			return SAMV_ERROR;
		if (print_at(b, it, depth + 1) < 0 || samv_buf_puts(b, it->next ? ",\n" : "\n") < 0)
			return SAMV_ERROR;
	}
	return samv_buf_spaces(b, depth * 2) < 0 ? SAMV_ERROR : samv_buf_puts(b, obj ? "}" : "]");
}

int samv_json_print_value(struct samv_buf *out, const cJSON *v, int depth)
{
	return print_at(out, v, depth);
}

int samv_json_print(struct samv_buf *out, const cJSON *v)
{
	if (print_at(out, v, 0) < 0)
		return SAMV_ERROR;
	return samv_buf_puts(out, "\n");
}

bool samv_json_has(const cJSON *list, const char *s)
{
	const cJSON *it;

	cJSON_ArrayForEach(it, list)
		if (cJSON_IsString(it) && !strcmp(it->valuestring, s))
			return true;
	return false;
}

int samv_json_sort(cJSON *arr, int (*cmp)(const void *, const void *))
{
	size_t n = (size_t)cJSON_GetArraySize(arr), i;
	cJSON **v;

	if (n < 2)
		return 0;
	if (!(v = malloc(n * sizeof(*v))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; arr->child; i++)
		v[i] = cJSON_DetachItemViaPointer(arr, arr->child);
	qsort(v, n, sizeof(*v), cmp);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(arr, v[i]);
	free(v);
	return 0;
}
