/*
 * recover.c - finish or undo the write of a samv process that died.
 *
 * A journal (.git/samv-journal, see journal.c) whose writer no longer holds
 * the flock on .git/samv.lock belongs to a dead process.  When the branch
 * is at the journal's target commit (or has moved on from it), the commit
 * point was passed: the files and the index are brought to the commit
 * (rolled forward).  Otherwise nothing of the write reached the branch, the
 * index or the records: its temporary files and its own locks are removed
 * (rolled back).  Only files the journal names are touched, and a lock
 * file is removed only when it is provably the dead writer's.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "samv.h"
#include "store.h"
#include "people.h"

int samv_lock_open(int *fd, git_repository *repo)
{
	char *path = NULL;
	int rc = 0;

	if (asprintf(&path, "%ssamv.lock", git_repository_path(repo)) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0)
		rc = samv_error_set(SAMV_EIO, "cannot open '%s': %s", path, strerror(errno));
	free(path);
	return rc;
}

static bool file_is(const char *path, const char *text, struct stat *sb)
{
	char buf[GIT_OID_HEXSZ + 2];
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return false;
	if (fstat(fd, sb) == 0 && S_ISREG(sb->st_mode) && sb->st_size <= (off_t)sizeof(buf))
		n = read(fd, buf, sizeof(buf));
	close(fd);
	return n == 0 || (n == (ssize_t)strlen(text) && !memcmp(buf, text, (size_t)n));
}

/* A ref's lock that stays as it is (same file, same time) for half a
 * second: git holds a ref lock for milliseconds, so it is stale. */
static bool lock_stays(const char *path, const char *want, const struct stat *a)
{
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	struct stat b;
	int i;

	for (i = 0; i < 5; i++) {
		nanosleep(&ts, NULL);
		if (!file_is(path, want, &b) || a->st_ino != b.st_ino || a->st_mtim.tv_nsec != b.st_mtim.tv_nsec ||
		    a->st_mtim.tv_sec != b.st_mtim.tv_sec)
			return false;
	}
	return true;
}

/* The branch's lock, when the dead writer was moving the branch: empty
 * (created, not yet written) or holding the target. */
static void remove_ref_lock(git_repository *repo, const struct samv_journal *j)
{
	char *path = NULL, want[GIT_OID_HEXSZ + 2];
	struct stat a;

	if (asprintf(&path, "%s%s.lock", git_repository_commondir(repo), j->branch) < 0)
		return;
	git_oid_tostr(want, sizeof(want), &j->target);
	strcat(want, "\n");
	if (file_is(path, want, &a) && lock_stays(path, want, &a))
		unlink(path);
	free(path);
}

/* The people ref's lock (people.c), taken by the dead writer before the
 * branch's: empty, or holding a commit whose parent is the ref's tip
 * (the people commit the writer was making), and stale. */
static void remove_people_lock(git_repository *repo)
{
	char *path = NULL, want[GIT_OID_HEXSZ + 2] = "";
	git_commit *c = NULL;
	git_oid tip, next;
	struct stat a;
	ssize_t n;
	int fd;

	if (asprintf(&path, "%s" SAMV_PEOPLE_REF ".lock", git_repository_commondir(repo)) < 0)
		return;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)) < 0)
		goto out;
	n = read(fd, want, GIT_OID_HEXSZ + 1);
	close(fd);
	if (n < 0 || (size_t)n >= sizeof(want))
		goto out;
	want[n] = '\0';
	if (n > 0) {
		if (n != GIT_OID_HEXSZ + 1 || want[GIT_OID_HEXSZ] != '\n' || git_oid_fromstrn(&next, want, GIT_OID_HEXSZ) < 0 ||
		    git_reference_name_to_id(&tip, repo, SAMV_PEOPLE_REF) < 0 || git_commit_lookup(&c, repo, &next) < 0 ||
		    git_commit_parentcount(c) != 1 || !git_oid_equal(git_commit_parent_id(c, 0), &tip))
			goto out;
	}
	if (file_is(path, want, &a) && lock_stays(path, want, &a))
		unlink(path);
out:
	git_commit_free(c);
	free(path);
}

/* Was the commit point passed?  The branch is at the target, or moved on
 * from it (by plain git, after the writer died). */
static bool committed(git_repository *repo, const struct samv_journal *j)
{
	git_oid tip;

	if (git_reference_name_to_id(&tip, repo, j->branch) < 0)
		return false;
	return git_oid_equal(&tip, &j->target) || git_graph_descendant_of(repo, &tip, &j->target) == 1;
}

static int roll_forward(struct samv_journal *j, struct samv_buf *note)
{
	int rc;

	if (!samv_journal_owns_lock(j) && (rc = samv_journal_take_lock(j, 0)) < 0)
		return samv_error_set(SAMV_EBUSY, "busy: '.git/index.lock' exists: a git process is running, or "
				      "one was killed (remove the file if no git process is running); an "
				      "interrupted samv write waits for it to be finished");
	if ((rc = samv_journal_finish(j)) < 0)
		return rc;
	return samv_buf_printf(note, ngettext("finished an interrupted write: commit %.12s is now in the work tree "
					       "and the index (%zu file)",
					       "finished an interrupted write: commit %.12s is now in the work tree "
					       "and the index (%zu files)", j->n), git_oid_tostr_s(&j->target), j->n);
}

int samv_recover_locked(git_repository *repo, const char *workdir, struct samv_buf *note)
{
	struct samv_journal *j = NULL;
	int rc;

	if ((rc = samv_journal_read(&j, repo, workdir)) < 0 || !j)
		return rc;
	if (j->planned && committed(repo, j)) {
		rc = roll_forward(j, note);
	} else {
		if (j->planned)
			remove_ref_lock(repo, j);
		remove_people_lock(repo);
		samv_journal_abort(j);
		rc = samv_buf_puts(note, _("rolled back an interrupted write: nothing of it had been committed"));
	}
	samv_journal_free(j);
	return rc;
}

int samv_recover(struct samv_store *s, struct samv_buf *note)
{
	char *journal = NULL;
	int fd = -1, rc = 0;
	bool none;

	/* most of the time there is nothing to do: then nothing is opened,
	 * so that a read-only repository can be checked */
	if (asprintf(&journal, "%ssamv-journal", git_repository_path(s->repo)) < 0)
		return samv_error_set(SAMV_ERROR, "out of memory");
	none = access(journal, F_OK) < 0 && errno == ENOENT;
	free(journal);
	if (none)
		return 0;
	if ((rc = samv_lock_open(&fd, s->repo)) < 0)
		return rc;
	/* a writer that holds the lock is alive: its journal is its own */
	if (flock(fd, LOCK_EX | LOCK_NB) == 0)
		rc = samv_recover_locked(s->repo, s->workdir, note);
	close(fd);
	return rc;
}
