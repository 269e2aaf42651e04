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

/* The branch's lock, when the dead writer was moving the branch: empty
 * (created, not yet written) or holding the target.  git holds a ref lock
 * for milliseconds: one that stays unchanged for half a second is stale. */
static void remove_ref_lock(git_repository *repo, const struct samv_journal *j)
{
	char *path = NULL, want[GIT_OID_HEXSZ + 2];
	struct stat a, b;
	struct timespec ts = { 0, 100 * 1000 * 1000 };
	int i;

	if (asprintf(&path, "%s%s.lock", git_repository_commondir(repo), j->branch) < 0)
		return;
	git_oid_tostr(want, sizeof(want), &j->target);
	strcat(want, "\n");
	if (!file_is(path, want, &a))
		goto out;
	for (i = 0; i < 5; i++) {
		nanosleep(&ts, NULL);
		if (!file_is(path, want, &b) || a.st_ino != b.st_ino || a.st_mtim.tv_nsec != b.st_mtim.tv_nsec ||
		    a.st_mtim.tv_sec != b.st_mtim.tv_sec)
			goto out;
	}
	unlink(path);
out:
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
