/*
 * commitgraph.c - git's commit-graph file (gitformat-commit-graph(5)),
 * read where libgit2 1.5 does not: a commit's parents and time without
 * inflating it, and its changed-path Bloom filter.
 *
 * A walk of the whole history inflates every commit from the pack (about
 * 20 us each); the graph holds the same facts in fixed-size rows, and its
 * Bloom filters tell, for most commits, that a path did not change
 * against the first parent without reading a tree.  The file is derived
 * data git writes (git gc, git commit-graph write): like samv's own cache
 * it is used only when it can be trusted to be whole, its checksum
 * checked when it is opened, every offset checked before it is read.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"
#include "bigendian.h"
#include "commitgraph.h"
#include "gitindex.h"

#define HEADER 8
#define CHUNK_ROW 12
#define OID 20
#define CDAT_ROW (OID + 16)
#define PARENT_NONE 0x70000000u
#define PARENT_EDGES 0x80000000u
#define BDAT_HEADER 12
/* git's seeds of the two hashes a Bloom key is made of (bloom.c) */
#define SEED0 0x293ae76fu
#define SEED1 0x7e646e2cu

struct samv_cgraph {
	unsigned char *map;
	size_t size;
	uint32_t n;                 /* commits */
	const unsigned char *oidf;  /* 256 counts */
	const unsigned char *oidl;  /* n ids, sorted */
	const unsigned char *cdat;  /* n rows */
	const unsigned char *edge;  /* the third and later parents */
	size_t nedge;
	const unsigned char *bidx;  /* n ends of filters in bdat */
	const unsigned char *bdat;  /* the filters, after their header */
	size_t nbdat;
	uint32_t nhash;             /* 0: no filters to use */
};

static uint64_t be64(const unsigned char *p)
{
	return (uint64_t)samv_be32(p) << 32 | samv_be32(p + 4);
}

static uint32_t rotl(uint32_t v, int r)
{
	return v << r | v >> (32 - r);
}

uint32_t samv_murmur3(uint32_t seed, const char *data, size_t len)
{
	const unsigned char *p = (const unsigned char *)data;
	uint32_t h = seed, k;
	size_t i;

	for (i = 0; i + 4 <= len; i += 4) {
		k = (uint32_t)p[i] | (uint32_t)p[i + 1] << 8 | (uint32_t)p[i + 2] << 16 | (uint32_t)p[i + 3] << 24;
		k = rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
		h = rotl(h ^ k, 13) * 5 + 0xe6546b64u;
	}
	k = 0;
	switch (len & 3) {
	case 3:
		k ^= (uint32_t)p[i + 2] << 16;
		/* fall through */
	case 2:
		k ^= (uint32_t)p[i + 1] << 8;
		/* fall through */
	case 1:
		k ^= p[i];
		h ^= rotl(k * 0xcc9e2d51u, 15) * 0x1b873593u;
	}
	h ^= (uint32_t)len;
	h ^= h >> 16;
	h *= 0x85ebca6bu;
	h ^= h >> 13;
	h *= 0xc2b2ae35u;
	return h ^ (h >> 16);
}

/* ---- opening ------------------------------------------------------------ */

/* core.commitGraph false, or a shallow repository: git reads no graph
 * there, and neither does samv; *bloom: false where git reads no
 * changed-path filters (commitGraph.readChangedPaths false,
 * commitGraph.changedPathsVersion 0) */
static bool graph_allowed(git_repository *repo, bool *bloom)
{
	git_config *cfg = NULL;
	int on = 1, paths = 1, version = -1;

	*bloom = true;
	if (git_repository_is_shallow(repo) != 0)
		return false;
	if (git_repository_config_snapshot(&cfg, repo) == 0) {
		if (git_config_get_bool(&on, cfg, "core.commitgraph") < 0)
			on = 1;
		if (git_config_get_bool(&paths, cfg, "commitgraph.readchangedpaths") < 0)
			paths = 1;
		if (git_config_get_int32(&version, cfg, "commitgraph.changedpathsversion") < 0)
			version = -1;
	}
	git_config_free(cfg);
	git_error_clear();
	*bloom = paths && version != 0;
	return on != 0;
}

/* The chunks samv reads, from the table of contents: 0, or -1 when the
 * file is not one to use. */
static int chunks(struct samv_cgraph *g, unsigned count)
{
	const unsigned char *m = g->map, *row;
	size_t end = g->size - OID, off, next, len, nbidx = 0, ncdat = 0, noidl = 0, noidf = 0;
	unsigned i;

	if (HEADER + (size_t)(count + 1) * CHUNK_ROW > end)
		return -1;
	for (i = 0; i < count; i++) {
		row = m + HEADER + (size_t)i * CHUNK_ROW;
		off = be64(row + 4);
		next = be64(row + CHUNK_ROW + 4);
		if (off < HEADER + (size_t)(count + 1) * CHUNK_ROW || next < off || next > end)
			return -1;
		len = next - off;
		if (!memcmp(row, "OIDF", 4)) {
			g->oidf = m + off;
			noidf = len;
		} else if (!memcmp(row, "OIDL", 4)) {
			g->oidl = m + off;
			noidl = len;
		} else if (!memcmp(row, "CDAT", 4)) {
			g->cdat = m + off;
			ncdat = len;
		} else if (!memcmp(row, "EDGE", 4)) {
			g->edge = m + off;
			g->nedge = len / 4;
		} else if (!memcmp(row, "BIDX", 4)) {
			g->bidx = m + off;
			nbidx = len;
		} else if (!memcmp(row, "BDAT", 4) && len >= BDAT_HEADER) {
			g->bdat = m + off + BDAT_HEADER;
			g->nbdat = len - BDAT_HEADER;
			/* hash version 1 (git to 2.43) and 2 agree on the keys samv
			 * makes (paths of ASCII bytes); 7 hashes unless told */
			if ((samv_be32(m + off) == 1 || samv_be32(m + off) == 2) && samv_be32(m + off + 4) >= 1 &&
			    samv_be32(m + off + 4) <= SAMV_BLOOM_MAXHASH)
				g->nhash = samv_be32(m + off + 4);
		}
	}
	if (!g->oidf || noidf != 256 * 4 || !g->oidl || !g->cdat)
		return -1;
	g->n = samv_be32(g->oidf + 255 * 4);
	if (noidl != (size_t)g->n * OID || ncdat != (size_t)g->n * CDAT_ROW)
		return -1;
	if (!g->bidx || nbidx != (size_t)g->n * 4 || !g->bdat)
		g->nhash = 0;
	return 0;
}

/* The map checked: header, chunks, checksum.  0 or -1. */
static int parse(struct samv_cgraph *g)
{
	const unsigned char *m = g->map;
	unsigned char sum[OID];

	/* "CGPH", version 1, SHA-1, and no base graphs (not one of a chain) */
	if (g->size < HEADER + CHUNK_ROW + OID || memcmp(m, "CGPH", 4) || m[4] != 1 || m[5] != 1 || m[7] != 0)
		return -1;
	if (chunks(g, m[6]) < 0)
		return -1;
	samv_sha1(sum, m, g->size - OID);
	return memcmp(sum, m + g->size - OID, OID) ? -1 : 0;
}

int samv_cgraph_open(struct samv_cgraph **out, git_repository *repo)
{
	struct samv_cgraph *g = NULL;
	struct stat st;
	char *path = NULL;
	bool bloom;
	void *map;
	int fd = -1;

	*out = NULL;
	if (!graph_allowed(repo, &bloom))
		return 0;
	if (asprintf(&path, "%sobjects/info/commit-graph", git_repository_commondir(repo)) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	free(path);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0)
		goto none;
	if ((map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0)) == MAP_FAILED)
		goto none;
	if (!(g = calloc(1, sizeof(*g)))) {
		munmap(map, (size_t)st.st_size);
		close(fd);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	g->map = map;
	g->size = (size_t)st.st_size;
	if (parse(g) < 0) {
		samv_cgraph_free(g);
		goto none;
	}
	if (!bloom)
		g->nhash = 0;
	close(fd);
	*out = g;
	return 0;
none:
	/* no graph, or one git would refuse: walk without it */
	if (fd >= 0)
		close(fd);
	return 0;
}

void samv_cgraph_free(struct samv_cgraph *g)
{
	if (!g)
		return;
	munmap(g->map, g->size);
	free(g);
}

/* ---- commits ------------------------------------------------------------ */

bool samv_cgraph_find(const struct samv_cgraph *g, const git_oid *id, uint32_t *pos)
{
	uint32_t lo = id->id[0] ? samv_be32(g->oidf + (id->id[0] - 1) * 4) : 0;
	uint32_t hi = samv_be32(g->oidf + id->id[0] * 4), mid;
	int c;

	if (hi > g->n)
		hi = g->n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		c = memcmp(g->oidl + (size_t)mid * OID, id->id, OID);
		if (!c) {
			*pos = mid;
			return true;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

void samv_cgraph_id(git_oid *out, const struct samv_cgraph *g, uint32_t pos)
{
	memcpy(out->id, g->oidl + (size_t)pos * OID, OID);
}

git_time_t samv_cgraph_time(const struct samv_cgraph *g, uint32_t pos)
{
	const unsigned char *row = g->cdat + (size_t)pos * CDAT_ROW;

	/* 34 bits: the low two of the generation's word, then a word */
	return (git_time_t)((uint64_t)(samv_be32(row + OID + 8) & 3) << 32 | samv_be32(row + OID + 12));
}

int samv_cgraph_parent(const struct samv_cgraph *g, uint32_t pos, unsigned i, uint32_t *out)
{
	const unsigned char *row = g->cdat + (size_t)pos * CDAT_ROW;
	uint32_t p = samv_be32(row + OID + (i ? 4 : 0)), e;

	if (i == 0 || !(p & PARENT_EDGES)) {
		if (p == PARENT_NONE || i > 1)
			return 0;
		if (p >= g->n)
			return -1;
		*out = p;
		return 1;
	}
	if (p == PARENT_NONE)
		return 0;
	/* an octopus: the second and later parents listed in EDGE, the
	 * last with its top bit set */
	for (e = p & ~PARENT_EDGES; i > 1; i--, e++)
		if (e >= g->nedge || samv_be32(g->edge + (size_t)e * 4) & PARENT_EDGES)
			return e < g->nedge ? 0 : -1;
	if (e >= g->nedge)
		return -1;
	p = samv_be32(g->edge + (size_t)e * 4) & ~PARENT_EDGES;
	if (p >= g->n)
		return -1;
	*out = p;
	return 1;
}

/* ---- Bloom filters ------------------------------------------------------ */

void samv_bloom_key(struct samv_bloom_key *k, const char *path, size_t len)
{
	uint32_t h0 = samv_murmur3(SEED0, path, len), h1 = samv_murmur3(SEED1, path, len), i;

	/* as many as any graph may ask for: a graph uses its first ones */
	for (i = 0; i < SAMV_BLOOM_MAXHASH; i++)
		k->h[i] = h0 + i * h1;
}

static bool filter_has(const unsigned char *f, size_t len, const struct samv_bloom_key *k, uint32_t nhash)
{
	uint64_t bits = (uint64_t)len * 8, b;
	uint32_t i;

	for (i = 0; i < nhash; i++) {
		b = k->h[i] % bits;
		if (!(f[b / 8] & 1u << (b & 7)))
			return false;
	}
	return true;
}

int samv_cgraph_may_change(const struct samv_cgraph *g, uint32_t pos, const struct samv_bloom_key *k, size_t n)
{
	uint32_t start, end;
	size_t i;

	if (!g->nhash)
		return 1;
	start = pos ? samv_be32(g->bidx + ((size_t)pos - 1) * 4) : 0;
	end = samv_be32(g->bidx + (size_t)pos * 4);
	/* an empty filter is no filter; a bad one, none either */
	if (end <= start || end > g->nbdat)
		return 1;
	for (i = 0; i < n; i++)
		if (filter_has(g->bdat + start, end - start, &k[i], g->nhash))
			return 1;
	return 0;
}
