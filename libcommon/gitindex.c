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
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "samv.h"
#include "gitindex.h"

#define FIXED 62 /* stat data, mode, ids, sizes, blob id, flags */
#define F_EXTENDED 0x4000
#define F_NAMEMASK 0x0fff
#define TRAILER 20

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

void samv_sha1(unsigned char out[20], const void *data, size_t len)
{
	/* OpenSSL's: it uses the CPU's SHA instructions where there are some
	 * (about 2 GB/s here against 0.5 for a portable C one), and libgit2
	 * already loads libcrypto (docs/PERFORMANCE.md) */
	unsigned int n = 20;

	EVP_Digest(data, len, out, &n, EVP_sha1(), NULL);
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
	if (!(nul = memchr(name, '\0', (size_t)(d + limit - name))))
		return damaged(_("a path is not terminated"));
	n = (size_t)(nul - name);
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

/* DATA (malloc'd) becomes the index's. */
static int parse_owned(struct samv_gitindex *ix, unsigned char *data, size_t size)
{
	struct walk w;
	char *prev = NULL;
	size_t prevlen = 0, off, len;
	int prevstage = -1, rc, c;
	const char *bad = NULL; /* said after the extensions: a split index's entries look bad */

	memset(ix, 0, sizeof(*ix));
	ix->data = data;
	ix->size = size;
	if (size < 12 + TRAILER || memcmp(ix->data, "DIRC", 4)) {
		rc = damaged(_("no index header"));
		goto out;
	}
	ix->version = be32(ix->data + 4);
	ix->nentries = be32(ix->data + 8);
	if (ix->version < 2 || ix->version > 4) {
		rc = samv_error_set(SAMV_EINVAL, _("cannot update the index: version %u; samv writes versions 2 to 4"),
				    ix->version);
		goto out;
	}
	walk_init(&w, ix);
	w.lax = true;
	while ((rc = walk_next(&w)) == 1) {
		/* sorted by path, then stage: what git's binary search relies on */
		c = prev ? strcmp(prev, w.path) : -1;
		if (!bad && !w.len)
			bad = _("an empty path");
		if (!bad && (c > 0 || (c == 0 && prevstage >= w.stage)))
			bad = _("entries out of order");
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
		prevstage = w.stage;
	}
	free(w.buf);
	if (rc < 0)
		goto out;
	if (w.i != ix->nentries) {
		rc = damaged(_("fewer entries than its header says"));
		goto out;
	}
	ix->ext = off = w.off;
	while (off + 8 <= size - TRAILER) {
		len = be32(ix->data + off + 4);
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
	return parse_owned(ix, copy, size);
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
		return parse_owned(ix, data, 12 + TRAILER);
	}
	if (fd < 0 || fstat(fd, &sb) < 0) {
		rc = samv_error_set(SAMV_EIO, _("cannot read the index: %s"), strerror(errno));
		goto out;
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
	rc = parse_owned(ix, data, got);
	data = NULL;
out:
	free(data);
	if (fd >= 0)
		close(fd);
	return rc;
}

void samv_gitindex_free(struct samv_gitindex *ix)
{
	free(ix->data);
	memset(ix, 0, sizeof(*ix));
}

bool samv_gitindex_find(const struct samv_gitindex *ix, const char *path, int stage, git_oid *id)
{
	struct walk w;
	bool found = false;
	int c;

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
		put32(f + 4 * i, v[i]);
	memcpy(f + 40, c->id.id, 20);
	f[60] = (unsigned char)((len < F_NAMEMASK ? len : F_NAMEMASK) >> 8);
	f[61] = (unsigned char)(len < F_NAMEMASK ? len : F_NAMEMASK);
	return emit(o, f, FIXED, c->path, len);
}

static int by_path(const void *a, const void *b)
{
	return strcmp(((const struct samv_gitindex_change *)a)->path, ((const struct samv_gitindex_change *)b)->path);
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

/* One node of the cache tree and its subtrees, copied from *P to O, with
 * the directories holding a changed path invalidated (entry count -1, no
 * tree id).  -1 when the extension does not parse: it is then dropped. */
static int tree_node(struct out *o, const unsigned char **p, const unsigned char *end, char *dir, size_t dirlen,
		     const struct samv_gitindex_change *ch, size_t n, int depth)
{
	const unsigned char *nul, *nl;
	char line[48];
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
	if (!(nl = memchr(nul + 1, '\n', (size_t)(end - nul - 1))) || nl - nul - 1 >= (long)sizeof(line))
		return -1;
	memcpy(line, nul + 1, (size_t)(nl - nul - 1));
	line[nl - nul - 1] = '\0';
	if (sscanf(line, "%d %d", &count, &sub) != 2 || sub < 0 || (count >= 0 && end - nl - 1 < 20))
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

		len = be32(e + 4);
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
				put32(o->p + start + 4, (uint32_t)(o->len - start - 8));
		}
	}
	free(dir);
	return 0;
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
	if (n)  /* qsort's array may not be NULL, even empty */
		qsort(ch, n, sizeof(*ch), by_path);
	/* room for every change, and a TREE line's "-1" where a "0" was is
	 * paid for by the 20 bytes of its id */
	o.cap = ix->size + 64;
	for (i = 0; i < n; i++)
		o.cap += FIXED + strlen(ch[i].path) + 24;
	if (!(o.p = malloc(o.cap)))
		return samv_error_set(SAMV_ERROR, _("out of memory"));
	o.version = ix->version;
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
	put32(o.p + 8, o.count);
	samv_sha1(o.p + o.len, o.p, o.len);
	*out = o.p;
	*outlen = o.len + TRAILER;
	return 0;
}
