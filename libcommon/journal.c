/*
 * journal.c - a write's journal under .git/, which is also its hold on
 * .git/index.lock.
 *
 * The journal (.git/samv-journal) is created, fsync'd, then hard-linked as
 * .git/index.lock: link(2) fails when the lock exists, as O_EXCL does, and
 * a lock file with the journal's inode is provably this write's, so that a
 * later writer can remove it after a crash without ever taking over a lock
 * that git (or anyone else) holds.  Before the commit point the plan is
 * appended and fsync'd: branch, old tip, target commit, and for each path
 * its temporary file, blob id and mode.  The journal is removed last, after
 * the new index is in place and the lock released.
 *
 * The index is rewritten without anyone else taking index.lock (it is
 * ours): .git/index is streamed with the write's paths changed
 * (gitindex.c) into .git/samv-index, fsync'd, and renamed over .git/index
 * while index.lock is still held.
 */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"
#include "gitindex.h"

static char *join(const char *a, const char *b)
{
	char *p = NULL;

	return asprintf(&p, "%s%s", a, b) < 0 ? NULL : p;
}

/* A path's temporary file: TMP (a plain name) in the path's directory. */
char *samv_journal_tmp(const struct samv_journal *j, const struct samv_jentry *e)
{
	const char *slash = strrchr(e->path, '/');
	char *p = NULL;
	int dirlen = slash ? (int)(slash - e->path + 1) : 0;

	return asprintf(&p, "%s%.*s%s", j->workdir, dirlen, e->path, e->tmp) < 0 ? NULL : p;
}

static int write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* Append whole lines and make them durable before going on. */
static int journal_append(struct samv_journal *j, const struct samv_buf *b)
{
	if (write_all(j->fd, b->ptr, b->len) < 0 || fsync(j->fd) < 0)
		return samv_error_set(SAMV_EIO, "cannot write '.git/samv-journal': %s", strerror(errno));
	return 0;
}

static int journal_alloc(struct samv_journal **out, git_repository *repo, const char *workdir)
{
	struct samv_journal *j = calloc(1, sizeof(*j));

	*out = NULL;
	if (!j)
		return samv_error_set(SAMV_ERROR, "out of memory");
	j->fd = -1;
	if (!(j->gitdir = strdup(git_repository_path(repo))) || !(j->workdir = strdup(workdir)) ||
	    !(j->path = join(j->gitdir, "samv-journal")) || !(j->lock = join(j->gitdir, "index.lock")) ||
	    !(j->newindex = join(j->gitdir, "samv-index"))) {
		samv_journal_free(j);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	*out = j;
	return 0;
}

/* index.lock is this journal's when it is the same file (a hard link). */
bool samv_journal_owns_lock(const struct samv_journal *j)
{
	struct stat a, b;

	return j->fd >= 0 && fstat(j->fd, &a) == 0 && lstat(j->lock, &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_dev == b.st_dev;
}

int samv_journal_take_lock(struct samv_journal *j, double wait)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };
	double waited = 0;

	while (link(j->path, j->lock) < 0) {
		if (errno != EEXIST)
			return samv_error_set(SAMV_EIO, "cannot create '.git/index.lock': %s", strerror(errno));
		if (waited >= wait)
			return samv_error_set(SAMV_EBUSY, "busy: '.git/index.lock' exists: a git process is running, "
					      "or one was killed (remove the file if no git process is running)");
		nanosleep(&ts, NULL);
		waited += 0.05;
	}
	return 0;
}

int samv_journal_begin(struct samv_journal **out, git_repository *repo, const char *workdir, double wait)
{
	struct samv_buf head = SAMV_BUF_INIT;
	struct samv_journal *j = NULL;
	int rc;

	*out = NULL;
	if ((rc = journal_alloc(&j, repo, workdir)) < 0)
		return rc;
	j->fd = open(j->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (j->fd < 0) {
		rc = samv_error_set(SAMV_EIO, "cannot create '.git/samv-journal': %s", strerror(errno));
		goto out;
	}
	if (samv_buf_printf(&head, "samv-journal 1\npid %ld\nlock index.lock\ntemp samv-index\n",
			    (long)getpid()) < 0) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = journal_append(j, &head)) < 0 || (rc = samv_journal_take_lock(j, wait)) < 0)
		goto out;
	*out = j;
	j = NULL;
out:
	if (j) {
		unlink(j->path);
		samv_journal_free(j);
	}
	samv_buf_free(&head);
	return rc;
}

/* A path of the work tree, one line: recovery never touches anything else. */
static bool inside(const char *path)
{
	const char *p;

	if (!*path || *path == '/' || strchr(path, '\n') || !strncmp(path, ".git/", 5))
		return false;
	for (p = path; p; p = strchr(p, '/'), p = p ? p + 1 : NULL)
		if (!strncmp(p, "../", 3) || !strcmp(p, ".."))
			return false;
	return true;
}

int samv_journal_add(struct samv_journal *j, const char *path, const char *tmp, const git_oid *blob, unsigned mode)
{
	struct samv_jentry *nv = realloc(j->v, (j->n + 1) * sizeof(*nv)), *e;

	if (!nv)
		return samv_error_set(SAMV_ERROR, "out of memory");
	j->v = nv;
	if (!inside(path) || (tmp && (strchr(tmp, ' ') || strchr(tmp, '/'))))
		return samv_error_set(SAMV_EINVAL, "cannot write '%s': not a path inside the work tree", path);
	e = &j->v[j->n];
	memset(e, 0, sizeof(*e));
	if (!(e->path = strdup(path)) || (tmp && !(e->tmp = strdup(tmp)))) {
		free(e->path);
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (blob)
		git_oid_cpy(&e->blob, blob);
	e->mode = mode ? mode : GIT_FILEMODE_BLOB;
	j->n++;
	return 0;
}

int samv_journal_plan(struct samv_journal *j, const char *branch, const git_oid *old, const git_oid *target)
{
	struct samv_buf b = SAMV_BUF_INIT;
	char o[GIT_OID_HEXSZ + 1], t[GIT_OID_HEXSZ + 1], blob[GIT_OID_HEXSZ + 1];
	size_t i;
	int rc = SAMV_ERROR;

	if (!(j->branch = strdup(branch)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (old)
		git_oid_cpy(&j->old, old);
	git_oid_cpy(&j->target, target);
	git_oid_tostr(o, sizeof(o), &j->old);
	git_oid_tostr(t, sizeof(t), target);
	if (samv_buf_printf(&b, "branch %s\nlock %s.lock\nold %s\ntarget %s\n", branch, branch, o, t) < 0)
		goto oom;
	for (i = 0; i < j->n; i++) {
		const struct samv_jentry *e = &j->v[i];

		git_oid_tostr(blob, sizeof(blob), &e->blob);
		if (e->tmp ? samv_buf_printf(&b, "put %s %o %s %s\n", blob, e->mode, e->tmp, e->path) < 0
			   : samv_buf_printf(&b, "del %s\n", e->path) < 0)
			goto oom;
	}
	if (samv_buf_puts(&b, "plan\n") < 0)
		goto oom;
	if ((rc = journal_append(j, &b)) == 0)
		j->planned = true;
	samv_buf_free(&b);
	return rc;
oom:
	samv_buf_free(&b);
	return samv_error_set(SAMV_ERROR, "out of memory");
}

static void remove_new_index(const struct samv_journal *j)
{
	char *lock = join(j->newindex, ".lock");

	if (lock)
		unlink(lock);
	free(lock);
	unlink(j->newindex);
}

int samv_journal_index(struct samv_journal *j, struct samv_gitindex *out)
{
	char *index = join(j->gitdir, "index");
	int rc;

	if (!index)
		return samv_error_set(SAMV_ERROR, "out of memory");
	/* index.lock is held: nobody else replaces the file while it is read */
	rc = samv_gitindex_open(out, index);
	free(index);
	return rc;
}

/* A path's new index entry: the blob, and the stat data of FULL, so that
 * git status need not hash the file again. */
static void index_entry(struct samv_gitindex_change *c, const char *full, const struct samv_jentry *je, bool trust)
{
	struct stat sb;
	git_oid have;

	memset(c, 0, sizeof(*c));
	c->path = je->path;
	if (!je->tmp)
		return; /* mode 0: removed */
	c->mode = je->mode;
	git_oid_cpy(&c->id, &je->blob);
	if (lstat(full, &sb) < 0 || !S_ISREG(sb.st_mode))
		return;
	/* a file this process did not just write is trusted only when it holds
	 * the blob: else its stat data stays zero and git sees it modified */
	if (!trust && (git_odb_hashfile(&have, full, GIT_OBJECT_BLOB) < 0 || !git_oid_equal(&have, &je->blob)))
		return;
	c->ctime_s = (uint32_t)sb.st_ctim.tv_sec;
	c->ctime_ns = (uint32_t)sb.st_ctim.tv_nsec;
	c->mtime_s = (uint32_t)sb.st_mtim.tv_sec;
	c->mtime_ns = (uint32_t)sb.st_mtim.tv_nsec;
	c->dev = (uint32_t)sb.st_dev;
	c->ino = (uint32_t)sb.st_ino;
	c->uid = sb.st_uid;
	c->gid = sb.st_gid;
	c->size = (uint32_t)sb.st_size;
}

/* One path of the commit into the work tree: its temporary file renamed
 * into place, or the file removed.  Idempotent, so that recovery can run
 * it again over a half-done write; *moved says whether this call wrote it. */
static int move_path(struct samv_journal *j, const struct samv_jentry *e, bool *moved)
{
	char *full = join(j->workdir, e->path), *tmp = NULL, *dir = NULL;
	int rc = 0;

	*moved = false;
	if (!full)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (e->tmp) {
		if (!(tmp = samv_journal_tmp(j, e)))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
		else if (rename(tmp, full) == 0)
			*moved = true;
		else if (errno != ENOENT) /* ENOENT: renamed before a crash */
			rc = samv_error_set(SAMV_EIO, "cannot write '%s': %s", e->path, strerror(errno));
	} else if (unlink(full) < 0 && errno != ENOENT) {
		rc = samv_error_set(SAMV_EIO, "cannot remove '%s': %s", e->path, strerror(errno));
	} else if ((dir = strdup(full))) {
		/* drop the shard directory when it became empty, and the type's
		 * when that was its last record: git keeps no empty directory */
		for (tmp = dir; (tmp = dirname(tmp)) && strlen(tmp) + 1 > strlen(j->workdir) && rmdir(tmp) == 0;)
			;
		tmp = NULL;
	}
	free(dir);
	free(tmp);
	free(full);
	return rc;
}

/* The index with the journal's paths changed, into .git/samv-index,
 * durable.  TMP: the stat data are the temporary files' (before the commit
 * point); else the files in place, trusted when MOVED[i] (this process
 * renamed them). */
static int write_index(struct samv_journal *j, const struct samv_gitindex *ix, bool tmp, const bool *moved)
{
	struct samv_gitindex_change *ch = calloc(j->n + 1, sizeof(*ch));
	char *states = join(j->gitdir, "samv-index-states");
	size_t i;
	char *file;
	int fd = -1, rc = 0;

	if (!ch || !states) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (i = 0; i < j->n; i++) {
		file = tmp && j->v[i].tmp ? samv_journal_tmp(j, &j->v[i]) : join(j->workdir, j->v[i].path);
		if (!file) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		index_entry(&ch[i], file, &j->v[i], tmp || (moved && moved[i]));
		free(file);
	}
	/* a stale copy (and libgit2's lock on it) from a dead writer first */
	remove_new_index(j);
	fd = open(j->newindex, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0644);
	if (fd < 0)
		rc = samv_error_set(SAMV_EIO, "cannot write the index: %s", strerror(errno));
	else if ((rc = samv_gitindex_write(fd, ix, ch, j->n, states)) == 0 && fsync(fd) < 0)
		rc = samv_error_set(SAMV_EIO, "cannot write the index: %s", strerror(errno));
	if (fd >= 0 && close(fd) < 0 && rc == 0)
		rc = samv_error_set(SAMV_EIO, "cannot write the index: %s", strerror(errno));
	if (rc < 0 && fd >= 0)
		unlink(j->newindex);
out:
	free(states);
	free(ch);
	return rc;
}

/* Put the new index in place while index.lock is held. */
static int install_index(struct samv_journal *j)
{
	char *dst = join(j->gitdir, "index");
	int rc = 0;

	if (!dst)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (rename(j->newindex, dst) < 0)
		rc = samv_error_set(SAMV_EIO, "cannot write the index: %s", strerror(errno));
	free(dst);
	return rc;
}

/* Before the commit point: the new index, complete, in .git/samv-index,
 * with the stat data of the temporary files (a rename keeps them but for
 * ctime).  Between the branch's move and the new index then lie only
 * renames: a git command that reads the moved branch finds the new index
 * too, nearly always (git reads its index before it takes the lock). */
int samv_journal_prepare_index(struct samv_journal *j, const struct samv_gitindex *ix)
{
	int rc = write_index(j, ix, true, NULL);

	if (rc == 0)
		j->index_ready = true;
	return rc;
}

int samv_journal_finish(struct samv_journal *j)
{
	struct samv_gitindex ix = { 0 };
	bool *moved = calloc(j->n + 1, sizeof(*moved));
	size_t i;
	int rc = 0;

	if (!moved)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (!j->index_ready && (rc = samv_journal_index(j, &ix)) < 0)
		goto out;
	for (i = 0; i < j->n && rc == 0; i++)
		rc = move_path(j, &j->v[i], &moved[i]);
	if (rc == 0 && !j->index_ready)
		rc = write_index(j, &ix, false, moved);
	if (rc == 0)
		rc = install_index(j);
	if (rc == 0)
		samv_journal_close(j);
out:
	samv_gitindex_free(&ix);
	free(moved);
	return rc;
}

/* Remove the lock (when it is still this journal's), then the journal:
 * from here on, nothing is left to recover. */
void samv_journal_close(struct samv_journal *j)
{
	if (samv_journal_owns_lock(j))
		unlink(j->lock);
	remove_new_index(j);
	unlink(j->path);
	j->done = true;
}

void samv_journal_abort(struct samv_journal *j)
{
	char *tmp, *dir;
	size_t i;

	for (i = 0; j->planned && i < j->n; i++) {
		if (!j->v[i].tmp || !(tmp = samv_journal_tmp(j, &j->v[i])))
			continue;
		unlink(tmp);
		/* the directories made for this write (a shard, a type's first
		 * record) go too when empty; rmdir(2) leaves any other */
		for (dir = tmp; (dir = dirname(dir)) && strlen(dir) + 1 > strlen(j->workdir) &&
				      (rmdir(dir) == 0 || errno == ENOENT);)
			;
		free(tmp);
	}
	samv_journal_close(j);
}

void samv_journal_free(struct samv_journal *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->n; i++) {
		free(j->v[i].path);
		free(j->v[i].tmp);
	}
	free(j->v);
	if (j->fd >= 0)
		close(j->fd);
	free(j->branch);
	free(j->newindex);
	free(j->lock);
	free(j->path);
	free(j->workdir);
	free(j->gitdir);
	free(j);
}

/* ---- reading a dead writer's journal (recover.c) --------------------- */

static int parse_line(struct samv_journal *j, char *line)
{
	char *sp, blob[GIT_OID_HEXSZ + 1], *tmp, *path;
	unsigned mode;
	git_oid id;

	if (!strncmp(line, "branch ", 7)) {
		if (strncmp(line + 7, "refs/heads/", 11) || strstr(line, ".."))
			return SAMV_EINVAL;
		return (j->branch = strdup(line + 7)) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
	}
	if (!strncmp(line, "old ", 4))
		return git_oid_fromstr(&j->old, line + 4) < 0 ? SAMV_EINVAL : 0;
	if (!strncmp(line, "target ", 7))
		return git_oid_fromstr(&j->target, line + 7) < 0 ? SAMV_EINVAL : 0;
	if (!strncmp(line, "del ", 4))
		return samv_journal_add(j, line + 4, NULL, NULL, 0);
	if (!strcmp(line, "plan")) {
		j->planned = j->branch != NULL;
		return 0;
	}
	if (strncmp(line, "put ", 4))
		return 0; /* pid, lock, temp: for people reading the file */
	/* put BLOB MODE TMP PATH */
	if (sscanf(line + 4, "%40s %o", blob, &mode) != 2 || git_oid_fromstr(&id, blob) < 0 ||
	    !(sp = strchr(line + 4 + GIT_OID_HEXSZ + 1, ' ')) || !(path = strchr(sp + 1, ' ')))
		return SAMV_EINVAL;
	tmp = sp + 1;
	*path++ = '\0';
	return samv_journal_add(j, path, tmp, &id, mode);
}

int samv_journal_read(struct samv_journal **out, git_repository *repo, const char *workdir)
{
	struct samv_journal *j = NULL;
	struct samv_buf text = SAMV_BUF_INIT;
	char *line, *nl;
	FILE *f = NULL;
	int rc;

	*out = NULL;
	if ((rc = journal_alloc(&j, repo, workdir)) < 0)
		return rc;
	j->fd = open(j->path, O_RDWR | O_CLOEXEC | O_NOFOLLOW);
	if (j->fd < 0) {
		rc = errno == ENOENT ? 0 : samv_error_set(SAMV_EIO, "cannot read '.git/samv-journal': %s", strerror(errno));
		goto out;
	}
	if (!(f = fdopen(dup(j->fd), "r"))) {
		rc = samv_error_set(SAMV_EIO, "cannot read '.git/samv-journal': %s", strerror(errno));
		goto out;
	}
	if ((rc = samv_buf_read(&text, f, 16 * 1024 * 1024)) < 0)
		goto out;
	/* only whole lines count: a torn last line was never acted upon */
	for (line = text.ptr; line && (nl = memchr(line, '\n', text.len - (size_t)(line - text.ptr))); line = nl + 1) {
		*nl = '\0';
		if (parse_line(j, line) < 0) {
			rc = samv_error_set(SAMV_EINVAL, "'.git/samv-journal' is damaged (line '%s')", line);
			goto out;
		}
	}
	if (!j->planned) {
		/* no plan: nothing had reached the work tree or the branch */
		for (; j->n > 0; j->n--) {
			free(j->v[j->n - 1].path);
			free(j->v[j->n - 1].tmp);
		}
	}
	*out = j;
	j = NULL;
out:
	if (f)
		fclose(f);
	samv_buf_free(&text);
	samv_journal_free(j);
	return rc;
}
