/*
 * gitindex.c - git's index file, streamed.
 *
 * A samv write touches a few paths of an index of up to 100 000 entries
 * and more.  Parsing it into libgit2's structures and writing it back was
 * most of a write's CPU (docs/PERFORMANCE.md): here the file is read as it
 * is, the entries before and after the changed ones are copied (re-encoded
 * only for version 4, whose path compression depends on the entry before),
 * and the trailing SHA-1 is computed anew.  Format: git's
 * Documentation/technical/index-format.txt, versions 2, 3 and 4.
 *
 * Extensions: TREE (the cache tree) is kept with the directories along
 * each changed path invalidated, as git does on `git add`; REUC is kept;
 * the other optional ones (their names start with a capital) describe the
 * work tree or the file's layout (UNTR, FSMN, EOIE, IEOT) and are dropped,
 * which git allows and which costs git only a rescan.  A required one
 * (link: split index; sdir: sparse index) makes samv refuse the write.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

/* SHA1_Init and its kin are deprecated in OpenSSL 3 for EVP, whose state
 * cannot be saved and restored: the saved states below need them */
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include "samv.h"
#include "bigendian.h"
#include "gitindex.h"

#define FIXED 62 /* stat data, mode, ids, sizes, blob id, flags */
#define F_EXTENDED 0x4000
#define F_NAMEMASK 0x0fff
#define TRAILER 20

void samv_sha1(unsigned char out[20], const void *data, size_t len)
{
	/* OpenSSL's SHA-1, which uses the CPU's SHA instructions where there
	 * are some (about 2 GB/s against 0.5 for a portable C one); the
	 * low-level calls, not EVP_Digest or SHA1(), whose first use fetches
	 * the algorithm from OpenSSL 3's providers: 4 M instructions, more
	 * than a 1 MiB index's hashing (docs/PERFORMANCE.md, "Writes") */
	SHA_CTX c;

	SHA1_Init(&c);
	SHA1_Update(&c, data, len);
	SHA1_Final(out, &c);
}

void samv_blob_id(git_oid *out, const void *data, size_t len)
{
	/* "blob LEN\0", the digits written from the end */
	char head[32], *p = head + sizeof(head) - 1;
	size_t v = len;
	SHA_CTX c;

	*p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) > 0);
	memcpy(p -= 5, "blob ", 5);
	SHA1_Init(&c);
	SHA1_Update(&c, p, (size_t)(head + sizeof(head) - p)); /* with its NUL */
	SHA1_Update(&c, data, len);
	SHA1_Final(out->id, &c);
}

/* ---- walking the entries ------------------------------------------------ */

struct walk {
	const struct samv_gitindex *ix;
	size_t off;
	uint32_t i;
	const char *path;     /* the current entry's path: in the file, or buf (version 4) */
	char *buf;            /* version 4's paths, decoded */
	size_t len, cap;
	const unsigned char *fixed;
	size_t fixedlen;
	int stage;
	bool lax;             /* an empty path is not an error (yet) */
};

static int path_room(struct walk *w, size_t need)
{
	char *np;

	if (need <= w->cap)
		return 0;
	if (!(np = realloc(w->buf, need * 2)))
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	w->buf = np;
	w->cap = need * 2;
	return 0;
}

static int damaged(const char *what)
{
	return samv_error_set(SAMV_EINVAL, _("cannot read the index: .git/index is damaged (%s)"), what);
}

/* The next entry into w: 1, or 0 at the end. */
static int walk_next(struct walk *w)
{
	const struct samv_gitindex *ix = w->ix;
	const unsigned char *d = ix->data, *name, *nul;
	size_t limit = ix->size - TRAILER, keep = 0, strip = 0, n, used;
	unsigned flags;

	if (w->i >= ix->nentries)
		return 0;
	if (w->off + FIXED > limit)
		return damaged(_("an entry is cut short"));
	w->fixed = d + w->off;
	flags = (unsigned)d[w->off + 60] << 8 | d[w->off + 61];
	if ((flags & F_EXTENDED) && ix->version < 3)
		return damaged(_("extended flags in a version 2 index"));
	w->fixedlen = FIXED + ((flags & F_EXTENDED) ? 2 : 0);
	w->stage = (int)(flags >> 12) & 3;
	name = d + w->off + w->fixedlen;
	if (name > d + limit)
		return damaged(_("an entry is cut short"));
	if (ix->version == 4) {
		/* git's varint: 7 bits a byte, each continuation adding one */
		const unsigned char *p = name;
		unsigned char c;

		if (p >= d + limit)
			return damaged(_("an entry is cut short"));
		c = *p++;
		strip = c & 127;
		while (c & 128) {
			if (p >= d + limit || strip > (SIZE_MAX >> 8))
				return damaged(_("a path is cut short"));
			c = *p++;
			strip = ((strip + 1) << 7) | (c & 127);
		}
		if (strip > w->len)
			return damaged(_("a path's prefix is longer than the path before it"));
		keep = w->len - strip;
		name = p;
	}
	if (ix->version < 4 && (flags & F_NAMEMASK) != F_NAMEMASK) {
		/* the length the flags say, as git and libgit2 read it: no scan */
		n = flags & F_NAMEMASK;
		if (n >= (size_t)(d + limit - name) || name[n])
			return damaged(_("a path's length does not match its flags"));
		nul = name + n;
	} else if (!(nul = memchr(name, '\0', (size_t)(d + limit - name)))) {
		return damaged(_("a path is not terminated"));
	} else {
		n = (size_t)(nul - name);
	}
	if (ix->version < 4) {
		/* no copy: the name is NUL-terminated in the file */
		w->path = (const char *)name;
		w->len = n;
	} else {
		if (path_room(w, keep + n + 1) < 0)
			return SAMV_ERROR;
		memcpy(w->buf + keep, name, n);
		w->len = keep + n;
		w->buf[w->len] = '\0';
		w->path = w->buf;
	}
	if ((flags & F_NAMEMASK) != F_NAMEMASK ? (flags & F_NAMEMASK) != w->len : w->len < F_NAMEMASK)
		return damaged(_("a path's length does not match its flags"));
	if (!w->len && !w->lax)
		return damaged(_("an empty path"));
	used = (size_t)(nul + 1 - (d + w->off));
	if (ix->version < 4)
		used = (w->fixedlen + n + 8) & ~(size_t)7;
	if (w->off + used > limit)
		return damaged(_("an entry is cut short"));
	w->off += used;
	w->i++;
	return 1;
}

static void walk_init(struct walk *w, const struct samv_gitindex *ix)
{
	memset(w, 0, sizeof(*w));
	w->ix = ix;
	w->off = 12;
}

/* ---- reading ------------------------------------------------------------ */

static int refuse(const char sig[4])
{
	if (!memcmp(sig, "link", 4))
		return samv_error_set(SAMV_EINVAL, _("cannot update the index: it is a split index; samv writes "
				      "only a whole one (git update-index --no-split-index)"));
	if (!memcmp(sig, "sdir", 4))
		return samv_error_set(SAMV_EINVAL, _("cannot update the index: it is a sparse index; samv writes "
				      "only a full one (git sparse-checkout disable, or index.sparse=false)"));
	return samv_error_set(SAMV_EINVAL, _("cannot update the index: it has the extension '%.4s', which "
			      "samv does not know"), sig);
}

/* DATA (malloc'd, or mmap'd when MAPPED) becomes the index's: freed with
 * it, or here on an error. */
static int parse_owned(struct samv_gitindex *ix, unsigned char *data, size_t size, bool mapped)
{
	struct walk w;
	char *prev = NULL;
	size_t prevlen = 0, plen = 0, off, len;
	int prevstage = -1, rc, c;
	const char *bad = NULL; /* said after the extensions: a split index's entries look bad */

	memset(ix, 0, sizeof(*ix));
	ix->data = data;
	ix->size = size;
	ix->mapped = mapped;
	if (size < 12 + TRAILER || memcmp(ix->data, "DIRC", 4)) {
		rc = damaged(_("no index header"));
		goto out;
	}
	ix->version = samv_be32(ix->data + 4);
	ix->nentries = samv_be32(ix->data + 8);
	if (ix->version < 2 || ix->version > 4) {
		rc = samv_error_set(SAMV_EINVAL, _("cannot update the index: version %u; samv writes versions 2 to 4"),
				    ix->version);
		goto out;
	}
	/* versions 2 and 3: every entry's offset, for binary searches; an
	 * entry takes 64 bytes at least, which bounds the header's count */
	if (ix->version < 4 && size <= UINT32_MAX) {
		if (ix->nentries > (size - 12 - TRAILER) / 64) {
			rc = damaged(_("an entry is cut short"));
			goto out;
		}
		if (!(ix->offs = malloc(((size_t)ix->nentries + 1) * sizeof(*ix->offs)))) {
			rc = samv_error_set(SAMV_ERROR, _("out of memory"));
			goto out;
		}
	}
	walk_init(&w, ix);
	w.lax = true;
	while ((rc = walk_next(&w)) == 1) {
		/* sorted by path, then stage: what git's binary search relies on */
		if (!prev)
			c = -1;
		else if (!(c = memcmp(prev, w.path, plen < w.len ? plen : w.len)) && plen != w.len)
			c = plen < w.len ? -1 : 1;
		if (!bad && !w.len)
			bad = _("an empty path");
		if (!bad && (c > 0 || (c == 0 && prevstage >= w.stage)))
			bad = _("entries out of order");
		if (ix->offs) {
			/* the path stays in the file: no copy */
			ix->offs[w.i - 1] = (uint32_t)(w.fixed - ix->data);
			prev = (char *)w.path;
			plen = w.len;
			prevstage = w.stage;
			continue;
		}
		if (w.len + 1 > prevlen) {
			char *np = realloc(prev, (w.len + 1) * 2);

			if (!np) {
				rc = samv_error_set(SAMV_ERROR, _("out of memory"));
				break;
			}
			prev = np;
			prevlen = (w.len + 1) * 2;
		}
		memcpy(prev, w.path, w.len + 1);
		plen = w.len;
		prevstage = w.stage;
	}
	free(w.buf);
	if (rc < 0)
		goto out;
	if (w.i != ix->nentries) {
		rc = damaged(_("fewer entries than its header says"));
		goto out;
	}
	if (ix->offs)
		ix->offs[w.i] = (uint32_t)w.off;
	ix->ext = off = w.off;
	while (off + 8 <= size - TRAILER) {
		len = samv_be32(ix->data + off + 4);
		if (len > size - TRAILER - off - 8) {
			rc = damaged(_("an extension is cut short"));
			goto out;
		}
		if (ix->data[off] < 'A' || ix->data[off] > 'Z') {
			rc = refuse((const char *)ix->data + off);
			goto out;
		}
		off += 8 + len;
	}
	rc = off != size - TRAILER ? damaged(_("bytes after the last extension")) : bad ? damaged(bad) : 0;
out:
	if (!ix->offs)
		free(prev);
	if (rc < 0)
		samv_gitindex_free(ix);
	return rc;
}

int samv_gitindex_parse(struct samv_gitindex *ix, const void *data, size_t size)
{
	unsigned char *copy = malloc(size ? size : 1);

	memset(ix, 0, sizeof(*ix));
	if (!copy)
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	memcpy(copy, data, size);
	return parse_owned(ix, copy, size, false);
}

int samv_gitindex_open(struct samv_gitindex *ix, const char *path)
{
	static const unsigned char empty[12] = { 'D', 'I', 'R', 'C', 0, 0, 0, 2, 0, 0, 0, 0 };
	unsigned char *data = NULL;
	struct stat sb;
	size_t got = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	memset(ix, 0, sizeof(*ix));
	if (fd < 0 && errno == ENOENT) {
		if (!(data = malloc(12 + TRAILER)))
			return samv_error_set(SAMV_ERROR, _("out of memory"));
		memcpy(data, empty, 12);
		samv_sha1(data + 12, data, 12);
		return parse_owned(ix, data, 12 + TRAILER, false);
	}
	if (fd < 0 || fstat(fd, &sb) < 0) {
		rc = samv_error_set(SAMV_EIO, _("cannot read the index: %s"), strerror(errno));
		goto out;
	}
	/* mapped, as git does: reading copied the whole file, and a write
	 * copies most of it once more (index.lock is held, and git replaces
	 * an index by rename(2), never in place) */
	if (sb.st_size >= 12 + TRAILER && (uint64_t)sb.st_size <= SIZE_MAX) {
		void *map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, fd, 0);

		if (map != MAP_FAILED) {
			rc = parse_owned(ix, map, (size_t)sb.st_size, true);
			goto out;
		}
	}
	if (!(data = malloc((size_t)sb.st_size + 1))) {
		rc = samv_error_set(SAMV_ERROR, _("out of memory"));
		goto out;
	}
	while (got < (size_t)sb.st_size && (r = read(fd, data + got, (size_t)sb.st_size - got)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			rc = samv_error_set(SAMV_EIO, _("cannot read the index: %s"), strerror(errno));
			goto out;
		}
		got += (size_t)r;
	}
	rc = parse_owned(ix, data, got, false);
	data = NULL;
out:
	free(data);
	if (fd >= 0)
		close(fd);
	return rc;
}

void samv_gitindex_free(struct samv_gitindex *ix)
{
	if (ix->mapped)
		munmap(ix->data, ix->size);
	else
		free(ix->data);
	free(ix->offs);
	memset(ix, 0, sizeof(*ix));
}

/* ---- versions 2 and 3: entries by number -------------------------------- */

struct ent {
	const unsigned char *fixed;
	size_t fixedlen;
	const char *path;
	size_t len;
	int stage;
};

/* Entry I (< nentries), checked for structure by parse_owned. */
static void ent_at(const struct samv_gitindex *ix, uint32_t i, struct ent *e)
{
	unsigned flags;

	e->fixed = ix->data + ix->offs[i];
	flags = (unsigned)e->fixed[60] << 8 | e->fixed[61];
	e->fixedlen = FIXED + ((flags & F_EXTENDED) ? 2 : 0);
	e->stage = (int)(flags >> 12) & 3;
	e->path = (const char *)e->fixed + e->fixedlen;
	e->len = (flags & F_NAMEMASK) != F_NAMEMASK ? (flags & F_NAMEMASK) : strlen(e->path);
}

/* git's order: the path's bytes, then its stage */
static int ent_cmp(const struct ent *e, const char *path, size_t len, int stage)
{
	int c = memcmp(e->path, path, e->len < len ? e->len : len);

	if (c)
		return c;
	if (e->len != len)
		return e->len < len ? -1 : 1;
	return e->stage - stage;
}

/* The first entry at or after (PATH, STAGE). */
static uint32_t lower_bound(const struct samv_gitindex *ix, const char *path, int stage)
{
	uint32_t lo = 0, hi = ix->nentries, mid;
	size_t len = strlen(path);
	struct ent e;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		ent_at(ix, mid, &e);
		if (ent_cmp(&e, path, len, stage) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

bool samv_gitindex_find(const struct samv_gitindex *ix, const char *path, int stage, git_oid *id)
{
	struct walk w;
	bool found = false;
	int c;

	if (ix->offs) {
		uint32_t i = lower_bound(ix, path, stage);
		struct ent e;

		if (i == ix->nentries)
			return false;
		ent_at(ix, i, &e);
		if (ent_cmp(&e, path, strlen(path), stage))
			return false;
		if (id)
			git_oid_fromraw(id, e.fixed + 40);
		return true;
	}
	walk_init(&w, ix);
	while (walk_next(&w) == 1) {
		c = strcmp(w.path, path);
		if (c > 0 || (c == 0 && w.stage > stage))
			break;
		if (c == 0 && w.stage == stage) {
			if (id)
				git_oid_fromraw(id, w.fixed + 40);
			found = true;
			break;
		}
	}
	free(w.buf);
	return found;
}

/* ---- writing ------------------------------------------------------------ */

struct out {
	unsigned char *p;
	size_t len, cap;
	unsigned version;
	char *last;      /* the path written last (version 4 compresses against it) */
	size_t lastlen, lastcap;
	uint32_t count;
};

static int emit(struct out *o, const unsigned char *fixed, size_t fixedlen, const char *path, size_t len)
{
	size_t common = 0, need;

	/* a file where a directory is, or the other way round: libgit2 would
	 * replace one with the other; a samv write never makes one */
	if (o->lastlen && o->lastlen < len && !memcmp(o->last, path, o->lastlen) && path[o->lastlen] == '/')
		return samv_error_set(SAMV_EINVAL, _("cannot update the index: '%s' is a file and a directory"), o->last);
	need = fixedlen + len + 16 + 8;
	if (o->len + need > o->cap) /* only when a TREE line grew: sized ahead */
		return samv_error_set(SAMV_ERROR, _("index buffer too small"));
	memcpy(o->p + o->len, fixed, fixedlen);
	o->len += fixedlen;
	if (o->version == 4) {
		unsigned char v[16];
		size_t pos = sizeof(v) - 1, strip;

		while (common < o->lastlen && common < len && o->last[common] == path[common])
			common++;
		strip = o->lastlen - common;
		v[pos] = strip & 127;
		while (strip >>= 7)
			v[--pos] = (unsigned char)(128 | (--strip & 127));
		memcpy(o->p + o->len, v + pos, sizeof(v) - pos);
		o->len += sizeof(v) - pos;
		memcpy(o->p + o->len, path + common, len - common);
		o->len += len - common;
		o->p[o->len++] = '\0';
	} else {
		size_t total = (fixedlen + len + 8) & ~(size_t)7;

		memcpy(o->p + o->len, path, len);
		memset(o->p + o->len + len, 0, total - fixedlen - len);
		o->len += total - fixedlen;
	}
	if (len + 1 > o->lastcap) {
		char *np = realloc(o->last, (len + 1) * 2);

		if (!np)
			return samv_error_set(SAMV_ERROR, _("out of memory"));
		o->last = np;
		o->lastcap = (len + 1) * 2;
	}
	memcpy(o->last, path, len + 1);
	o->lastlen = len;
	o->count++;
	return 0;
}

static int emit_change(struct out *o, const struct samv_gitindex_change *c)
{
	unsigned char f[FIXED];
	size_t len = strlen(c->path);
	uint32_t v[10] = { c->ctime_s, c->ctime_ns, c->mtime_s, c->mtime_ns, c->dev, c->ino, c->mode,
			   c->uid, c->gid, c->size };
	size_t i;

	if (!c->mode)
		return 0;
	for (i = 0; i < 10; i++)
		samv_put_be32(f + 4 * i, v[i]);
	memcpy(f + 40, c->id.id, 20);
	f[60] = (unsigned char)((len < F_NAMEMASK ? len : F_NAMEMASK) >> 8);
	f[61] = (unsigned char)(len < F_NAMEMASK ? len : F_NAMEMASK);
	return emit(o, f, FIXED, c->path, len);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct samv_gitindex_change *)a)->path, ((const struct samv_gitindex_change *)b)->path);
}

/* CH sorted by path, each path once (for every version's way). */
static int sort_changes(struct samv_gitindex_change *ch, size_t n)
{
	size_t i;

	if (!n) /* qsort's array may not be NULL, even empty */
		return 0;
	qsort(ch, n, sizeof(*ch), by_path);
	for (i = 1; i < n; i++)
		if (!strcmp(ch[i].path, ch[i - 1].path))
			return samv_error_set(SAMV_ERROR, _("cannot update the index: '%s' changed twice"), ch[i].path);
	return 0;
}

/* Whether a changed path lies under directory DIR ("" is the root). */
static bool touched(const char *dir, size_t dirlen, const struct samv_gitindex_change *ch, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!dirlen || (!strncmp(ch[i].path, dir, dirlen) && ch[i].path[dirlen] == '/'))
			return true;
	return false;
}

/* "-1" or "123" from *P, ended by STOP (before END), into *V; *P past
 * STOP.  Exactly what git writes ("%d %d\n"): no sign but '-', no spaces,
 * at most nine digits.  A hand-made parser: sscanf was 12% of a write's
 * instructions at 10 000 records (a node for every shard). */
static int tree_int(const unsigned char **p, const unsigned char *end, unsigned char stop, int *v)
{
	const unsigned char *s = *p;
	bool neg = s < end && *s == '-';
	int n = 0, digits = 0;

	for (s += neg; s < end && *s >= '0' && *s <= '9' && digits < 9; s++, digits++)
		n = n * 10 + (*s - '0');
	if (!digits || (s < end ? *s : '\n') != stop)
		return -1;
	*v = neg ? -n : n;
	*p = s + 1;
	return 0;
}

/* One node of the cache tree and its subtrees, copied from *P to O, with
 * the directories holding a changed path invalidated (entry count -1, no
 * tree id).  -1 when the extension does not parse: it is then dropped. */
static int tree_node(struct out *o, const unsigned char **p, const unsigned char *end, char *dir, size_t dirlen,
		     const struct samv_gitindex_change *ch, size_t n, int depth)
{
	const unsigned char *nul, *nl, *q;
	size_t namelen, full = dirlen;
	int count, sub, i;

	if (depth > 256 || !(nul = memchr(*p, '\0', (size_t)(end - *p))))
		return -1;
	namelen = (size_t)(nul - *p);
	if (depth > 0) {
		if (!namelen || dirlen + namelen + 2 > PATH_MAX)
			return -1;
		if (dirlen)
			dir[full++] = '/';
		memcpy(dir + full, *p, namelen);
		full += namelen;
	}
	if (!(nl = memchr(nul + 1, '\n', (size_t)(end - nul - 1))))
		return -1;
	q = nul + 1;
	if (tree_int(&q, nl, ' ', &count) < 0 || tree_int(&q, nl, '\n', &sub) < 0 || sub < 0 ||
	    (count >= 0 && end - nl - 1 < 20))
		return -1;
	memcpy(o->p + o->len, *p, namelen + 1);
	o->len += namelen + 1;
	if (count >= 0 && !touched(dir, full, ch, n)) {
		memcpy(o->p + o->len, nul + 1, (size_t)(nl + 1 + 20 - nul - 1));
		o->len += (size_t)(nl + 1 + 20 - nul - 1);
		*p = nl + 1 + 20;
	} else {
		o->len += (size_t)sprintf((char *)o->p + o->len, "-1 %d\n", sub);
		*p = nl + 1 + (count >= 0 ? 20 : 0);
	}
	for (i = 0; i < sub; i++)
		if (tree_node(o, p, end, dir, full, ch, n, depth + 1) < 0)
			return -1;
	return 0;
}

static int copy_extensions(struct out *o, const struct samv_gitindex *ix, const struct samv_gitindex_change *ch,
			   size_t n)
{
	size_t off = ix->ext, len, start;
	char *dir = malloc(PATH_MAX);

	if (!dir)
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	for (; off + 8 <= ix->size - TRAILER; off += 8 + len) {
		const unsigned char *e = ix->data + off;

		len = samv_be32(e + 4);
		if (!memcmp(e, "REUC", 4)) {
			memcpy(o->p + o->len, e, 8 + len);
			o->len += 8 + len;
		} else if (!memcmp(e, "TREE", 4)) {
			const unsigned char *p = e + 8;

			start = o->len;
			memcpy(o->p + o->len, e, 8);
			o->len += 8;
			if (len && (tree_node(o, &p, e + 8 + len, dir, 0, ch, n, 0) < 0 || p != e + 8 + len))
				o->len = start; /* not understood: dropped, git rebuilds it */
			else
				samv_put_be32(o->p + start + 4, (uint32_t)(o->len - start - 8));
		}
	}
	free(dir);
	return 0;
}

/* ---- versions 2 and 3: the new index as runs of the old ----------------- */

/* The new index as pieces: the header, runs of the old file's entries,
 * the new entries, the extensions and the checksum; all but the runs in
 * the scratch buffer o, sized ahead so that the pieces never move. */
struct plan {
	struct iovec *v;
	size_t n, cap;
	struct out o;
	const char *last;      /* the path put last, for the file/directory check */
	size_t lastlen;
	const char *states_path; /* the saved SHA-1 states, or NULL */
	unsigned char *states; /* the new file's */
	size_t nstates, total;
};

static int piece(struct plan *p, const void *ptr, size_t len)
{
	if (!len)
		return 0;
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct iovec *nv = realloc(p->v, cap * sizeof(*nv));

		if (!nv)
			return samv_error_set(SAMV_ERROR, _("out of memory"));
		p->v = nv;
		p->cap = cap;
	}
	p->v[p->n].iov_base = (void *)(uintptr_t)ptr;
	p->v[p->n].iov_len = len;
	p->n++;
	return 0;
}

/* A file where a directory is, or the other way round, where two runs
 * meet (inside a run the old index is as git left it) */
static int junction(struct plan *p, const char *path, size_t len, const char *lastpath, size_t lastlen)
{
	if (p->lastlen && p->lastlen < len && !memcmp(p->last, path, p->lastlen) && path[p->lastlen] == '/')
		return samv_error_set(SAMV_EINVAL, _("cannot update the index: '%.*s' is a file and a directory"),
				      (int)p->lastlen, p->last);
	p->last = lastpath;
	p->lastlen = lastlen;
	return 0;
}

/* Entries [FROM, TO) of the old file, as one piece. */
static int run(struct plan *p, const struct samv_gitindex *ix, uint32_t from, uint32_t to)
{
	struct ent first, last;

	if (from >= to)
		return 0;
	ent_at(ix, from, &first);
	ent_at(ix, to - 1, &last);
	if (junction(p, first.path, first.len, last.path, last.len) < 0)
		return SAMV_ERROR;
	p->o.count += to - from;
	return piece(p, ix->data + ix->offs[from], ix->offs[to] - ix->offs[from]);
}

/* ---- saved SHA-1 states ------------------------------------------------ */

/* The trailing SHA-1 covers the whole file, so a change anywhere means
 * hashing again from there to the end.  The states of the hash after
 * every EVERY bytes of the index samv wrote last are kept beside it
 * (.git/samv-index-states, a cache: never the source of truth), keyed by
 * that index's size and checksum and checked by a checksum of their own;
 * an edit (the entry count unchanged) then hashes only from the block of
 * its first change on.  Format: "SAMVSHA1", size (8 bytes), the index's
 * checksum, EVERY and the count (4 bytes each), the states (20 bytes
 * each: h0..h4), the SHA-1 of all that. */
#define EVERY 65536u   /* a multiple of SHA-1's 64-byte block */
#define MAGIC "SAMVSHA1"

static void state_put(unsigned char *out, const SHA_CTX *c)
{
	samv_put_be32(out, c->h0);
	samv_put_be32(out + 4, c->h1);
	samv_put_be32(out + 8, c->h2);
	samv_put_be32(out + 12, c->h3);
	samv_put_be32(out + 16, c->h4);
}

/* C as it was after BLOCKS * EVERY bytes whose state was IN. */
static void state_get(SHA_CTX *c, const unsigned char *in, size_t blocks)
{
	uint64_t bits = (uint64_t)blocks * EVERY * 8;

	SHA1_Init(c);
	c->h0 = samv_be32(in);
	c->h1 = samv_be32(in + 4);
	c->h2 = samv_be32(in + 8);
	c->h3 = samv_be32(in + 12);
	c->h4 = samv_be32(in + 16);
	c->Nl = (SHA_LONG)(bits & 0xffffffffu);
	c->Nh = (SHA_LONG)(bits >> 32);
}

/* The saved states of IX from PATH into *STATES: their count, or 0 when
 * there are none for this very file. */
static size_t states_load(const struct samv_gitindex *ix, const char *path, unsigned char **states)
{
	unsigned char head[8 + 8 + 20 + 8], sum[20], *buf = NULL;
	size_t n, len, want;
	uint64_t size;
	int fd;

	*states = NULL;
	if (!path || (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return 0;
	if (read(fd, head, sizeof(head)) != (ssize_t)sizeof(head) || memcmp(head, MAGIC, 8))
		goto out;
	size = (uint64_t)samv_be32(head + 8) << 32 | samv_be32(head + 12);
	n = samv_be32(head + 40);
	if (size != ix->size || memcmp(head + 16, ix->data + ix->size - TRAILER, 20) || samv_be32(head + 36) != EVERY ||
	    n > (ix->size - TRAILER) / EVERY)
		goto out;
	len = sizeof(head) + n * 20 + 20;
	if (!(buf = malloc(len)))
		goto out;
	memcpy(buf, head, sizeof(head));
	want = len - sizeof(head);
	if (read(fd, buf + sizeof(head), want) != (ssize_t)want)
		goto out;
	samv_sha1(sum, buf, len - 20);
	if (memcmp(sum, buf + len - 20, 20))
		goto out;
	memmove(buf, buf + sizeof(head), n * 20);
	*states = buf;
	buf = NULL;
	close(fd);
	return n;
out:
	free(buf);
	close(fd);
	return 0;
}

/* The states of the new index (SIZE bytes, checksum SUM) into PATH; not
 * fsync'd: after a crash a torn file fails its checksum and is unused. */
static void states_save(const char *path, uint64_t size, const unsigned char *sum, const unsigned char *states,
			size_t n)
{
	size_t len = 8 + 8 + 20 + 8 + n * 20 + 20;
	unsigned char *buf = malloc(len);
	int fd;

	if (!buf)
		return;
	memcpy(buf, MAGIC, 8);
	samv_put_be32(buf + 8, (uint32_t)(size >> 32));
	samv_put_be32(buf + 12, (uint32_t)size);
	memcpy(buf + 16, sum, 20);
	samv_put_be32(buf + 36, EVERY);
	samv_put_be32(buf + 40, (uint32_t)n);
	memcpy(buf + 44, states, n * 20);
	samv_sha1(buf + len - 20, buf, len - 20);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd >= 0) {
		if (write(fd, buf, len) != (ssize_t)len)
			unlink(path); /* a part is no use */
		close(fd);
	}
	free(buf);
}

/* The new index's checksum into the scratch buffer after the pieces,
 * hashing from the last saved state at or before SAME (the length of the
 * part the new file shares with IX), and the new file's states into
 * p->states. */
static int checksum(struct plan *p, const struct samv_gitindex *ix, size_t same)
{
	size_t total = 0, at = 0, from, i, off, chunk, next;
	unsigned char *old = NULL;
	size_t nold = states_load(ix, p->states_path, &old), have;
	SHA_CTX c;

	for (i = 0; i < p->n; i++)
		total += p->v[i].iov_len;
	p->nstates = total / EVERY;
	if (!(p->states = malloc(p->nstates * 20 + 1))) {
		free(old);
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	}
	have = same / EVERY < nold ? same / EVERY : nold;
	if (have > p->nstates)
		have = p->nstates;
	if (have) {
		memcpy(p->states, old, have * 20);
		state_get(&c, old + (have - 1) * 20, have);
	} else {
		SHA1_Init(&c);
	}
	free(old);
	from = have * EVERY;
	for (i = 0; i < p->n; i++) {
		const unsigned char *d = p->v[i].iov_base;
		size_t len = p->v[i].iov_len;

		off = at < from ? (from - at < len ? from - at : len) : 0;
		at += off;
		while (off < len) {
			next = (at / EVERY + 1) * EVERY;
			chunk = len - off < next - at ? len - off : next - at;
			SHA1_Update(&c, d + off, chunk);
			off += chunk;
			at += chunk;
			if (at % EVERY == 0 && at / EVERY <= p->nstates)
				state_put(p->states + (at / EVERY - 1) * 20, &c);
		}
	}
	SHA1_Final(p->o.p + p->o.len, &c);
	p->total = total + TRAILER;
	return 0;
}

static int plan_make(struct plan *p, const struct samv_gitindex *ix, const struct samv_gitindex_change *ch, size_t n)
{
	uint32_t pos = 0, k, e;
	size_t i, start, len, same = ix->ext;
	struct ent x;
	int rc = 0;

	memcpy(p->o.p, ix->data, 12);
	p->o.len = 12;
	if ((rc = piece(p, p->o.p, 12)) < 0)
		return rc;
	for (i = 0; i < n && rc == 0; i++) {
		len = strlen(ch[i].path);
		k = lower_bound(ix, ch[i].path, 0);
		if (i == 0)
			same = ix->offs[k];
		if ((rc = run(p, ix, pos, k)) < 0)
			break;
		/* every stage of the path goes */
		for (e = k; e < ix->nentries; e++) {
			ent_at(ix, e, &x);
			if (x.len != len || memcmp(x.path, ch[i].path, len))
				break;
		}
		pos = e;
		if (!ch[i].mode)
			continue;
		start = p->o.len;
		if ((rc = junction(p, ch[i].path, len, ch[i].path, len)) < 0 || (rc = emit_change(&p->o, &ch[i])) < 0 ||
		    (rc = piece(p, p->o.p + start, p->o.len - start)) < 0)
			break;
	}
	if (rc == 0)
		rc = run(p, ix, pos, ix->nentries);
	start = p->o.len;
	if (rc == 0)
		rc = copy_extensions(&p->o, ix, ch, n);
	if (rc == 0)
		rc = piece(p, p->o.p + start, p->o.len - start);
	if (rc < 0)
		return rc;
	samv_put_be32(p->o.p + 8, p->o.count);
	/* the new file is the old one up to the first change, but for the
	 * entry count of the header when it changed */
	if (p->o.count != ix->nentries)
		same = 8;
	if ((rc = checksum(p, ix, same)) < 0)
		return rc;
	return piece(p, p->o.p + p->o.len, TRAILER);
}

static void plan_free(struct plan *p)
{
	free(p->states);
	free(p->v);
	free(p->o.p);
	free(p->o.last);
}

/* The scratch buffer of a plan (or of samv_gitindex_update's version 4):
 * room for every change, and a TREE line's "-1" where a "0" was is paid
 * for by the 20 bytes of its id. */
static int scratch(struct out *o, const struct samv_gitindex *ix, const struct samv_gitindex_change *ch, size_t n,
		   size_t base)
{
	size_t i;

	o->cap = base + 64 + TRAILER;
	for (i = 0; i < n; i++)
		o->cap += FIXED + strlen(ch[i].path) + 24;
	o->version = ix->version;
	if (!(o->p = malloc(o->cap)))
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	return 0;
}

static int write_all(int fd, const unsigned char *p, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return samv_error_set(SAMV_EIO, _("cannot write the index: %s"), strerror(errno));
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int samv_gitindex_write(int fd, const struct samv_gitindex *ix, struct samv_gitindex_change *ch, size_t n,
			const char *states)
{
	struct plan p = { .states_path = states };
	unsigned char *data = NULL;
	size_t len = 0, i;
	int rc;

	if (!ix->offs) {
		if ((rc = samv_gitindex_update(&data, &len, ix, ch, n)) == 0)
			rc = write_all(fd, data, len);
		free(data);
		return rc;
	}
	if ((rc = sort_changes(ch, n)) == 0 && (rc = scratch(&p.o, ix, ch, n, 12 + ix->size - ix->ext)) == 0)
		rc = plan_make(&p, ix, ch, n);
	for (i = 0; i < p.n && rc == 0; i++)
		rc = write_all(fd, p.v[i].iov_base, p.v[i].iov_len);
	if (rc == 0 && states)
		states_save(states, p.total, p.o.p + p.o.len, p.states, p.nstates);
	plan_free(&p);
	return rc;
}

int samv_gitindex_update(unsigned char **out, size_t *outlen, const struct samv_gitindex *ix,
			 struct samv_gitindex_change *ch, size_t n)
{
	struct out o = { 0 };
	struct walk w;
	size_t ci = 0, i;
	int rc = 0, c;

	*out = NULL;
	*outlen = 0;
	if ((rc = sort_changes(ch, n)) < 0)
		return rc;
	if (ix->offs) {
		struct plan p = { 0 };
		unsigned char *d;

		if ((rc = scratch(&p.o, ix, ch, n, 12 + ix->size - ix->ext)) == 0)
			rc = plan_make(&p, ix, ch, n);
		for (i = 0; i < p.n; i++)
			o.len += p.v[i].iov_len;
		if (rc == 0 && !(*out = d = malloc(o.len)))
			rc = samv_error_set(SAMV_ERROR, _("out of memory"));
		for (i = 0; i < p.n && rc == 0; i++) {
			memcpy(d, p.v[i].iov_base, p.v[i].iov_len);
			d += p.v[i].iov_len;
		}
		if (rc == 0)
			*outlen = o.len;
		plan_free(&p);
		return rc;
	}
	if ((rc = scratch(&o, ix, ch, n, ix->size)) < 0)
		return rc;
	memcpy(o.p, ix->data, 12);
	o.len = 12;
	walk_init(&w, ix);
	while (rc == 0 && (rc = walk_next(&w)) == 1) {
		rc = 0;
		while (rc == 0 && ci < n && (c = strcmp(ch[ci].path, w.path)) < 0)
			rc = emit_change(&o, &ch[ci++]);
		if (rc == 0 && !(ci < n && !strcmp(ch[ci].path, w.path)))
			rc = emit(&o, w.fixed, w.fixedlen, w.path, w.len);
		/* else: an entry of a changed path (any stage), replaced */
	}
	free(w.buf);
	while (rc == 0 && ci < n)
		rc = emit_change(&o, &ch[ci++]);
	if (rc == 0)
		rc = copy_extensions(&o, ix, ch, n);
	free(o.last);
	if (rc < 0) {
		free(o.p);
		return rc;
	}
	samv_put_be32(o.p + 8, o.count);
	samv_sha1(o.p + o.len, o.p, o.len);
	*out = o.p;
	*outlen = o.len + TRAILER;
	return 0;
}
