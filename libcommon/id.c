/* id.c - record ids: readable, safe as file names, unique across clones. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>

#include "samv.h"

static bool id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

int samv_id_check(const char *id, const char *what)
{
	size_t i, n = strlen(id);

	if (!what)
		what = "id";
	if (n == 0)
		return samv_error_set(SAMV_EINVAL, "empty %s", what);
	if (strstr(id, "..") || strchr(id, '/'))
		return samv_error_set(SAMV_EINVAL, "invalid %s '%s': no '/' or '..' in ids", what, id);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)id[i];

		if (c < 0x20 || c == 0x7f)
			return samv_error_set(SAMV_EINVAL, "invalid %s: control character at byte %zu", what, i + 1);
		if (!id_char((char)c))
			return samv_error_set(SAMV_EINVAL, "invalid %s '%s': use only a-z, 0-9 and '-'", what, id);
	}
	if (n > SAMV_ID_MAX)
		return samv_error_set(SAMV_EINVAL, "invalid %s: longer than %d characters", what, SAMV_ID_MAX);
	if (id[0] == '-' || id[n - 1] == '-')
		return samv_error_set(SAMV_EINVAL, "invalid %s '%s': must not begin or end with '-'", what, id);
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
	char shard[3];
	int n;

	samv_id_shard(shard, id);
	n = snprintf(out, outsz, "%s/%s/%s.json", dir, shard, id);
	if (n < 0 || (size_t)n >= outsz)
		return samv_error_set(SAMV_ERROR, "path too long");
	return 0;
}
