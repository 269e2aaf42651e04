/*
 * gitindex.h - git's index file, streamed: a write replaces, inserts or
 * removes the entries it touches and copies the rest, without parsing the
 * index into memory (gitindex.c; docs/PERFORMANCE.md, "Writes").
 */
#ifndef SAMV_GITINDEX_H
#define SAMV_GITINDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <git2.h>

/* An index file as read: the whole file in memory, checked for structure
 * (every entry whole, sorted, its name NUL-terminated; every extension
 * whole) but not its checksum, as git does outside git fsck. */
struct samv_gitindex {
	unsigned char *data;
	size_t size;
	unsigned version;      /* 2, 3 or 4 */
	uint32_t nentries;
	size_t ext;            /* offset of the first extension */
	uint32_t *offs;        /* versions 2 and 3: each entry's offset, for a
				* binary search (version 4's paths need the one before) */
	bool mapped;           /* data is mmap'd, not malloc'd */
};

/* Read PATH; a missing file is an empty index (version 2).  SAMV_EINVAL
 * with a one-line message for what samv does not update (a split or a
 * sparse index, an unknown required extension, another version) and for
 * a damaged file. */
int samv_gitindex_open(struct samv_gitindex *ix, const char *path);
/* The same from a buffer (copied): for the unit tests. */
int samv_gitindex_parse(struct samv_gitindex *ix, const void *data, size_t size);
void samv_gitindex_free(struct samv_gitindex *ix);

/* Whether PATH has an entry at STAGE (0-3); its blob id into *id. */
bool samv_gitindex_find(const struct samv_gitindex *ix, const char *path, int stage, git_oid *id);

/* A change: mode 0 removes every entry of path; otherwise path's entries
 * are replaced by this one at stage 0 (id, mode, and the stat data). */
struct samv_gitindex_change {
	const char *path;
	unsigned mode;
	git_oid id;
	uint32_t ctime_s, ctime_ns, mtime_s, mtime_ns, dev, ino, uid, gid, size;
};

/* The index with CH applied (CH is sorted here; each path once) into
 * *OUT (malloc'd, *OUTLEN bytes): same version, TREE invalidated along the changed paths,
 * REUC kept, the other optional extensions (UNTR, FSMN, EOIE, IEOT, ...)
 * dropped, and a new trailing SHA-1. */
int samv_gitindex_update(unsigned char **out, size_t *outlen, const struct samv_gitindex *ix,
			 struct samv_gitindex_change *ch, size_t n);

/* The same, written to FD (not fsync'd) without building the new index
 * in memory: the unchanged runs of entries are written from the file as
 * read.  STATES (or NULL) names the file of saved SHA-1 states: those of
 * IX, when they are IX's, spare hashing the part before the first change
 * again; the new index's are saved there.  0, or SAMV_EIO with errno's
 * message. */
int samv_gitindex_write(int fd, const struct samv_gitindex *ix, struct samv_gitindex_change *ch, size_t n,
			const char *states);

/* SHA-1 of DATA (the index's checksum). */
void samv_sha1(unsigned char out[20], const void *data, size_t len);
/* The id git gives DATA as a blob, hashed by OpenSSL's SHA-1: the same id
 * as git_odb_hash's for anything but a file made to collide, without
 * its collision detection (four times the work; see checkcache.c). */
void samv_blob_id(git_oid *out, const void *data, size_t len);

#endif
