/* id.c - record ids: readable, safe as file names, unique across clones. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "samv.h"
#include "store.h"

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/* What an id is for, in the language being formatted: a type's name is
 * "id för aktör" in Swedish, the type's name in English; the other words
 * callers pass are translated when marked here. */
static const char *id_what(const char *what)
{
	static _Thread_local char buf[96];
	static const char *const words[] = { N_("id"), N_("clause id"), N_("record"), N_("name") };
	static const char *const of = N_("id of %s");
	const struct samv_type *t = samv_type_find(what);
	size_t i;

	if (samv_error_in_english())
		return what;
	if (t) {
		if (_(of) == of) /* untranslated: the type's name, as in English */
			return what;
		snprintf(buf, sizeof(buf), _(of), samv_type_word(t));
		return buf;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(what, words[i]))
			return _(words[i]);
	return what;
}

int samv_id_check(const char *id, const char *what)
{
	size_t i, n = strlen(id);

	if (!what)
		what = "id";
	if (n == 0)
		return samv_error_setp(SAMV_EINVAL, "empty %s", id_what(what));
	if (strstr(id, "..") || strchr(id, '/'))
		return samv_error_setp(SAMV_EINVAL, "invalid %s '%s': no '/' or '..' in ids", id_what(what), id);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];

		if (c < 0x20 || c == 0x7f)
			return samv_error_setp(SAMV_EINVAL, "invalid %s: control character at byte %zu", id_what(what),
					       i + 1);
		if (!id_char((char)c))
			return samv_error_setp(SAMV_EINVAL, "invalid %s '%s': use only a-z, 0-9 and '-'",
					       id_what(what), id);
	}
	if (n > SAMV_ID_MAX)
		return samv_error_setp(SAMV_EINVAL, "invalid %s: longer than %d characters", id_what(what),
				       SAMV_ID_MAX);
	if (id[0] == '-' || id[n - 1] == '-')
		return samv_error_setp(SAMV_EINVAL, "invalid %s '%s': must not begin or end with '-'", id_what(what),
				       id);
	return 0;
}

/* ASCII stand-ins for the letters Nordic and other Latin names use. */
static const char *fold(const unsigned char *s, size_t *used)
{
	static const struct {
		const char *utf8, *ascii;
	} map[] = {
		{ "å", "a" }, { "ä", "a" }, { "ö", "o" }, { "Å", "a" }, { "Ä", "a" }, { "Ö", "o" },
		{ "æ", "ae" }, { "Æ", "ae" }, { "ø", "o" }, { "Ø", "o" }, { "é", "e" }, { "É", "e" },
		{ "è", "e" }, { "ü", "u" }, { "Ü", "u" }, { "á", "a" }, { "à", "a" }, { "ß", "ss" },
		{ "ñ", "n" }, { "ç", "c" }, { "í", "i" }, { "ó", "o" }, { "ú", "u" }, { "ë", "e" },
	};
	size_t i, n;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
		n = strlen(map[i].utf8);
		if (!strncmp((const char *)s, map[i].utf8, n)) {
			*used = n;
			return map[i].ascii;
		}
	}
	return NULL;
}

int samv_id_slug(char *out, size_t outsz, const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t len = 0, used, limit = outsz - 1 < 40 ? outsz - 1 : 40;
	const char *a;

	while (*s && len < limit) {
		if ((a = fold(s, &used))) {
			for (; *a && len < limit; a++)
				out[len++] = *a;
			s += used;
			continue;
		}
		if (*s >= 'A' && *s <= 'Z')
			out[len++] = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			out[len++] = (char)*s;
		else if (len > 0 && out[len - 1] != '-')
			out[len++] = '-';
		s++;
		/* skip the rest of a multibyte character we have no stand-in for */
		while ((*s & 0xc0) == 0x80)
			s++;
	}
	while (len > 0 && out[len - 1] == '-')
		len--;
	if (len == 0)
		return samv_error_set(SAMV_EINVAL, "cannot make an id from '%s'", name);
	out[len] = '\0';
	return 0;
}

/*
 * 30 random bits after the slug: clones never coordinate, so uniqueness
 * comes from the kernel's random source, and two clones minting the same
 * slug collide with odds of one in 2^30.
 */
int samv_id_mint(char *out, size_t outsz, const char *name)
{
	static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
	unsigned char rnd[6];
	char slug[41];
	size_t i;
	int n;

	if (samv_id_slug(slug, sizeof(slug), name) < 0)
		return SAMV_EINVAL;
	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd))
		return samv_error_set(SAMV_EIO, "no random bytes: %s", strerror(errno));
	n = snprintf(out, outsz, "%s-", slug);
	if (n < 0 || (size_t)n + sizeof(rnd) >= outsz)
		return samv_error_set(SAMV_ERROR, "id buffer too small");
	for (i = 0; i < sizeof(rnd); i++)
		out[n + (int)i] = alphabet[rnd[i] & 31];
	out[n + (int)sizeof(rnd)] = '\0';
	return 0;
}

/* 256 shards by FNV-1a of the id: ~400 files a directory at 100k records. */
void samv_id_shard(char out[3], const char *id)
{
	static const char hex[] = "0123456789abcdef";
	unsigned h = 2166136261u;

	for (; *id; id++) {
		h ^= (unsigned char)*id;
		h *= 16777619u;
	}
	h ^= h >> 16;
	h ^= h >> 8;
	out[0] = hex[(h >> 4) & 15];
	out[1] = hex[h & 15];
	out[2] = '\0';
}

int samv_id_path(char *out, size_t outsz, const char *dir, const char *id)
{
	size_t dl = strlen(dir), il = strlen(id);
	char shard[3];

	/* put together by hand: a cold samv-check makes two a record, and
	 * snprintf cost 2% of it */
	if (dl + 1 + 2 + 1 + il + 5 >= outsz)
		return samv_error_set(SAMV_ERROR, "path too long");
	samv_id_shard(shard, id);
	memcpy(out, dir, dl);
	out[dl] = '/';
	memcpy(out + dl + 1, shard, 2);
	out[dl + 3] = '/';
	memcpy(out + dl + 4, id, il);
	memcpy(out + dl + 4 + il, ".json", 6);
	return 0;
}

/* ---- resolving a prefix ------------------------------------------------ */

struct prefix_walk {
	const char *prefix;
	size_t len, max, total;
	char (*found)[SAMV_ID_MAX + 1]; /* the first max, in order */
};

static int prefix_fn(const char *path, void *arg)
{
	struct prefix_walk *w = arg;
	char id[SAMV_ID_MAX + 1];
	size_t i, kept;

	if (!samv_path_id(path, id) || strncmp(id, w->prefix, w->len))
		return 0;
	kept = w->total < w->max ? w->total : w->max;
	w->total++;
	/* keep the max first in order: the walk goes shard by shard */
	if (kept == w->max) {
		if (strcmp(id, w->found[kept - 1]) >= 0)
			return 0;
		kept--;
	}
	for (i = kept; i > 0 && strcmp(w->found[i - 1], id) > 0; i--)
		memcpy(w->found[i], w->found[i - 1], sizeof(w->found[i]));
	strcpy(w->found[i], id);
	return 0;
}

int samv_id_matches(char (*out)[SAMV_ID_MAX + 1], size_t max, size_t *total, struct samv_view *v,
		    const struct samv_type *t, const char *prefix)
{
	struct prefix_walk w = { prefix, strlen(prefix), max, 0, out };
	int rc = samv_view_walk(v, t->dir, prefix_fn, &w);

	*total = w.total;
	return rc;
}

/* The candidates, "a, b, c and N more" in the language being formatted;
 * each after its type's word when types is not NULL ("aktör stad-a"). */
static const char *candidates(struct samv_buf *b, const struct samv_type *const *types, const char *const *cands,
			      size_t n, size_t total)
{
	size_t i;
	int rc = 0;

	b->len = 0; /* formatted twice: once a language */
	if (b->ptr)
		b->ptr[0] = '\0';
	for (i = 0; i < n && rc == 0; i++)
		rc = samv_buf_printf(b, "%s%s%s%s", i ? ", " : "", types ? samv_type_word(types[i]) : "",
				     types ? " " : "", cands[i]);
	if (rc == 0 && total > n)
		rc = samv_buf_printf(b, samv_msg(" and %zu more"), total - n);
	return b->ptr ? b->ptr : "";
}

int samv_id_ambiguous(const struct samv_type *t, const char *given, const char *const *cands, size_t n, size_t total)
{
	struct samv_buf b = SAMV_BUF_INIT;
	int rc;

	if (t)
		rc = samv_error_setp(SAMV_EAMBIGUOUS, "%s id '%s' is ambiguous: %s", samv_type_word(t), given,
				     candidates(&b, NULL, cands, n, total));
	else
		rc = samv_error_setp(SAMV_EAMBIGUOUS, "id '%s' is ambiguous: %s", given,
				     candidates(&b, NULL, cands, n, total));
	samv_buf_free(&b);
	return rc;
}

int samv_id_ambiguous_across(const char *given, const struct samv_type *const *types, const char *const *ids,
			     size_t n, size_t total)
{
	struct samv_buf b = SAMV_BUF_INIT;
	int rc = samv_error_setp(SAMV_EAMBIGUOUS, "id '%s' is ambiguous: %s", given,
				 candidates(&b, types, ids, n, total));

	samv_buf_free(&b);
	return rc;
}

int samv_record_resolve(char out[SAMV_ID_MAX + 1], struct samv_view *v,
			const struct samv_type *t, const char *id)
{
	char found[SAMV_ID_AMBIGUOUS_MAX][SAMV_ID_MAX + 1], path[256], lister[64];
	const char *cands[SAMV_ID_AMBIGUOUS_MAX];
	size_t total, i;
	int rc;

	if ((rc = samv_id_check(id, t->name)) < 0)
		return rc;
	if ((rc = samv_type_path(path, sizeof(path), t, id)) < 0)
		return rc;
	if (samv_view_exists(v, path)) {
		strcpy(out, id);
		return 0;
	}
	if ((rc = samv_id_matches(found, SAMV_ID_AMBIGUOUS_MAX, &total, v, t, id)) < 0)
		return rc;
	if (total == 0 && samv_type_personal(t) && (rc = samv_view_people_check(v)) < 0)
		return rc;
	if (total == 0)
		return samv_error_setp(SAMV_ENOTFOUND, "no %s '%s' (see %s)", samv_type_the(t), id,
				       samv_type_lister(lister, t));
	if (total > 1) {
		for (i = 0; i < total && i < SAMV_ID_AMBIGUOUS_MAX; i++)
			cands[i] = found[i];
		return samv_id_ambiguous(t, id, cands, i, total);
	}
	strcpy(out, found[0]);
	return 0;
}
