/* pager.c - long output through a pager on a terminal, as git does it. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "samv.h"

/* core.pager from the repository's configuration, else the user's. */
static char *config_pager(git_repository *repo)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *value = NULL;
	char *out = NULL;

	if (repo ? git_repository_config_snapshot(&snap, repo) < 0
		 : git_config_open_default(&cfg) < 0 || git_config_snapshot(&snap, cfg) < 0)
		goto out;
	if (git_config_get_string(&value, snap, "core.pager") == 0)
		out = strdup(value);
out:
	git_config_free(snap);
	git_config_free(cfg);
	return out;
}

int samv_pager_command(char **out, git_repository *repo)
{
	const char *env = getenv("SAMV_PAGER");
	char *cmd = NULL;

	*out = NULL;
	if (env)
		cmd = strdup(env);
	else if (!(cmd = config_pager(repo)))
		cmd = strdup((env = getenv("PAGER")) ? env : "less");
	git_error_clear();
	if (!cmd)
		return samv_error_set(SAMV_ERROR, "out of memory");
	/* as git: an empty pager or "cat" means no pager */
	if (!cmd[0] || !strcmp(cmd, "cat")) {
		free(cmd);
		return 0;
	}
	*out = cmd;
	return 0;
}

int samv_pager_start(pid_t *pid, const char *cmd)
{
	int fd[2];
	pid_t p;

	*pid = -1;
	fflush(stdout);
	fflush(stderr);
	if (pipe(fd) < 0)
		return samv_error_set(SAMV_EIO, "cannot start the pager: %s", strerror(errno));
	if ((p = fork()) < 0) {
		close(fd[0]);
		close(fd[1]);
		return samv_error_set(SAMV_EIO, "cannot start the pager: %s", strerror(errno));
	}
	if (p == 0) {
		dup2(fd[0], STDIN_FILENO);
		close(fd[0]);
		close(fd[1]);
		/* git's defaults: quit if one screen, keep colours, no clearing */
		setenv("LESS", "FRX", 0);
		setenv("LV", "-c", 0);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	dup2(fd[1], STDOUT_FILENO);
	if (isatty(STDERR_FILENO))
		dup2(fd[1], STDERR_FILENO);
	close(fd[1]);
	*pid = p;
	return 0;
}

int samv_pager_wait(pid_t pid)
{
	int status;

	fflush(stdout);
	fflush(stderr);
	/* the pager sees the end of its input once every writer has let go */
	close(STDOUT_FILENO);
	close(STDERR_FILENO);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
