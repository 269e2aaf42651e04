/*
 * catalog.c - the document catalog (doctext.h): one GNU .mo file a
 * language, read once a process and searched by binary search.
 *
 * gettext would do, but it follows LC_MESSAGES and needs the locale
 * installed; documents must come out in the repository's language
 * whatever the locale, so the .mo is read here.  The file is input:
 * every offset is checked against its size before it is used.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define MO_MAGIC 0x950412deu
#define MO_MAX (16u << 20) /* far more than a catalog of documents needs */

struct catalog {
	char lang[8];
	char *data;   /* the whole file, NUL-terminated */
	uint32_t n;   /* strings */
	uint32_t orig, trans; /* offsets of the two tables */
	int swap;     /* written on a machine of the other byte order */
	int loaded;   /* 1 read, -1 missing or unreadable */
	char why[2 * PATH_MAX + 256];
};

static struct catalog cats[4];

static uint32_t u32(const struct catalog *c, size_t off)
{
	uint32_t v;

	memcpy(&v, c->data + off, 4);
	return c->swap ? __builtin_bswap32(v) : v;
}

/* The i-th string of a table, NULL when its entry points outside the file
 * or is not NUL-terminated where its length says. */
static const char *entry(const struct catalog *c, size_t size, uint32_t table, uint32_t i)
{
	uint32_t len = u32(c, (size_t)table + 8u * i), off = u32(c, (size_t)table + 8u * i + 4);

	if ((uint64_t)off + len >= size || c->data[off + len] != '\0')
		return NULL;
	return c->data + off;
}

static int parse(struct catalog *c, size_t size)
{
	uint32_t magic, i;

	if (size < 28)
		return -1;
	memcpy(&magic, c->data, 4);
	if (magic == MO_MAGIC)
		c->swap = 0;
	else if (__builtin_bswap32(magic) == MO_MAGIC)
		c->swap = 1;
	else
		return -1;
	c->n = u32(c, 8);
	c->orig = u32(c, 12);
	c->trans = u32(c, 16);
	if ((uint64_t)c->orig + 8ull * c->n > size || (uint64_t)c->trans + 8ull * c->n > size)
		return -1;
	for (i = 0; i < c->n; i++)
		if (!entry(c, size, c->orig, i) || !entry(c, size, c->trans, i))
			return -1;
	return 0;
}

static void load(struct catalog *c)
{
	char dir[PATH_MAX + 32], path[PATH_MAX + 96];
	FILE *f = NULL;
	long size;

	c->loaded = -1;
	snprintf(path, sizeof(path), "%s/%s/LC_MESSAGES/%s.mo", samv_locale_dir(dir, sizeof(dir)), c->lang,
		 SAMV_DOC_DOMAIN);
	if (!(f = fopen(path, "rb"))) {
		snprintf(c->why, sizeof(c->why), "no catalog for document language '%s' (%s: %s)", c->lang, path,
			 strerror(errno));
		return;
	}
	if (fseek(f, 0, SEEK_END) < 0 || (size = ftell(f)) < 0 || (unsigned long)size > MO_MAX ||
	    fseek(f, 0, SEEK_SET) < 0 || !(c->data = malloc((size_t)size + 1)) ||
	    fread(c->data, 1, (size_t)size, f) != (size_t)size || (c->data[size] = '\0', parse(c, (size_t)size) < 0)) {
		snprintf(c->why, sizeof(c->why), "the catalog of document language '%s' is unreadable (%s)", c->lang,
			 path);
		free(c->data);
		c->data = NULL;
	} else {
		c->loaded = 1;
	}
	fclose(f);
}

static struct catalog *find(const char *lang)
{
	size_t i;

	for (i = 0; i < sizeof(cats) / sizeof(cats[0]); i++) {
		if (!cats[i].loaded) {
			snprintf(cats[i].lang, sizeof(cats[i].lang), "%s", lang);
			load(&cats[i]);
		}
		if (!strcmp(cats[i].lang, lang))
			return &cats[i];
	}
	return NULL;
}

int samv_doc_is_en(const char *lang)
{
	return !lang || !strcmp(lang, "en");
}

static const char *lookup(const char *lang, const char *key)
{
	struct catalog *c;
	uint32_t lo = 0, hi, mid;
	const char *s;
	int cmp;

	if (samv_doc_is_en(lang) || !(c = find(lang)) || c->loaded < 0)
		return NULL;
	hi = c->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		s = c->data + u32(c, (size_t)c->orig + 8u * mid + 4);
		if (!(cmp = strcmp(key, s))) {
			s = c->data + u32(c, (size_t)c->trans + 8u * mid + 4);
			return *s ? s : NULL;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *samv_doc_text(const char *lang, const char *msgid)
{
	const char *s = msgid && *msgid ? lookup(lang, msgid) : NULL;

	return s ? s : msgid;
}

const char *samv_doc_ptext(const char *lang, const char *ctx, const char *msgid)
{
	char key[256];
	const char *s;

	if (!msgid || samv_doc_is_en(lang) || (size_t)snprintf(key, sizeof(key), "%s\004%s", ctx, msgid) >= sizeof(key))
		return msgid;
	s = lookup(lang, key);
	return s ? s : msgid;
}

int samv_doc_lang_check(const char *lang)
{
	struct catalog *c;

	if (!lang || (strcmp(lang, "sv") && strcmp(lang, "en")))
		return samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", lang ? lang : "");
	if (samv_doc_is_en(lang))
		return 0;
	if (!(c = find(lang)))
		return samv_error_set(SAMV_ERROR, "too many document languages");
	return c->loaded < 0 ? samv_error_set(SAMV_ENOTFOUND, "%s", c->why) : 0;
}
