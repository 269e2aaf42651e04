/*
 * commitsig.c - a commit's signature judged as `git log --show-signature`
 * judges it.  libgit2 extracts the signature and the signed bytes; the
 * verdict comes from the same programs git runs: gpg --verify for OpenPGP,
 * ssh-keygen -Y find-principals / verify against the repository's
 * gpg.ssh.allowedSignersFile for SSH.  git itself is never run.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "samv.h"

extern char **environ;

/* A temporary file holding len bytes of data; *path is malloc'ed. */
static int temp_file(char **path, const char *data, size_t len)
{
	const char *dir;
	size_t off = 0;
	ssize_t n;
	int fd;

	*path = NULL;
	if ((fd = samv_env_tmpdir(&dir)) < 0)
		return fd;
	if (asprintf(path, "%s/samv-sig.XXXXXX", dir) < 0) {
		*path = NULL;
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	if ((fd = mkstemp(*path)) < 0) {
		int e = errno;

		free(*path);
		*path = NULL;
		return samv_error_set(SAMV_EIO, "cannot make a temporary file: %s", strerror(e));
	}
	while (off < len) {
		if ((n = write(fd, data + off, len - off)) < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return samv_error_set(SAMV_EIO, "cannot write a temporary file: %s", strerror(errno));
		}
		off += (size_t)n;
	}
	close(fd);
	return 0;
}

/* Run argv with standard input from the file in (or /dev/null); its
 * standard output (and error, when err) in out; *status its exit status
 * (-1 when it could not be run). */
static int run(int *status, struct samv_buf *out, char *const argv[], const char *in, bool err)
{
	posix_spawn_file_actions_t fa;
	int pipefd[2], ws, rc = 0;
	char chunk[4096];
	ssize_t n;
	pid_t pid;

	*status = -1;
	if (pipe(pipefd) < 0)
		return samv_error_set(SAMV_EIO, "cannot make a pipe: %s", strerror(errno));
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, in ? in : "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	if (err)
		posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	else
		posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, pipefd[0]);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	if (rc != 0) {
		close(pipefd[0]);
		return 0; /* not installed: *status stays -1 */
	}
	while ((n = read(pipefd[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (rc == 0 && out->len < 65536)
			rc = samv_buf_put(out, chunk, (size_t)n);
	}
	close(pipefd[0]);
	while (waitpid(pid, &ws, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(ws))
		*status = WEXITSTATUS(ws);
	if (!out->ptr && rc == 0)
		rc = samv_buf_put(out, "", 0);
	return rc;
}

/* A configuration value of the repository (paths with ~ expanded). */
static char *config_str(git_repository *repo, const char *key, bool path)
{
	git_config *cfg = NULL, *snap = NULL;
	git_buf buf = GIT_BUF_INIT;
	char *s = NULL;

	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    (path ? git_config_get_path(&buf, snap, key) : git_config_get_string_buf(&buf, snap, key)) == 0)
		s = strdup(buf.ptr);
	git_buf_dispose(&buf);
	git_config_free(snap);
	git_config_free(cfg);
	return s;
}

static int set_result(cJSON *o, const char *status, const char *signer, const char *key, const char *msg)
{
	if (!cJSON_AddStringToObject(o, "status", status) ||
	    !(signer ? cJSON_AddStringToObject(o, "signer", signer) : cJSON_AddNullToObject(o, "signer")) ||
	    !(key ? cJSON_AddStringToObject(o, "key", key) : cJSON_AddNullToObject(o, "key")) ||
	    !cJSON_AddStringToObject(o, "message", msg))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

/* The first line of text, trimmed, as a malloc'ed string. */
static char *first_line(const char *text)
{
	size_t n = strcspn(text, "\n");

	while (n && (text[n - 1] == '\r' || text[n - 1] == ' '))
		n--;
	return strndup(text, n);
}

/* The rest of a gpg status line "[GNUPG:] KEY rest" in out, or NULL. */
static const char *gpg_status(const char *out, const char *key)
{
	const char *p = out;
	size_t k = strlen(key);

	while ((p = strstr(p, "[GNUPG:] "))) {
		p += 9;
		if (!strncmp(p, key, k) && (p[k] == ' ' || p[k] == '\n'))
			return p + k + (p[k] == ' ');
	}
	return NULL;
}

static int verify_gpg(cJSON *o, git_repository *repo, const char *sigfile, const char *datafile)
{
	struct samv_buf out = SAMV_BUF_INIT;
	char *prog = config_str(repo, "gpg.openpgp.program", false), *keyid = NULL, *who = NULL, *msg = NULL;
	const char *p, *status = "error";
	int st, rc;

	if (!prog)
		prog = config_str(repo, "gpg.program", false);
	{
		char *argv[] = { prog ? prog : (char *)"gpg", (char *)"--status-fd=1", (char *)"--keyid-format=long",
				 (char *)"--verify", (char *)sigfile, (char *)"-", NULL };

		if ((rc = run(&st, &out, argv, datafile, false)) < 0)
			goto out;
	}
	if (st < 0) {
		rc = set_result(o, "error", NULL, NULL, "gpg is not installed: cannot check the signature");
		goto out;
	}
	if ((p = gpg_status(out.ptr, "GOODSIG")))
		status = "good";
	else if ((p = gpg_status(out.ptr, "BADSIG")))
		status = "bad";
	else if ((p = gpg_status(out.ptr, "EXPKEYSIG")) || (p = gpg_status(out.ptr, "EXPSIG")))
		status = "expired";
	else if ((p = gpg_status(out.ptr, "REVKEYSIG")))
		status = "revoked";
	else if ((p = gpg_status(out.ptr, "ERRSIG")) && gpg_status(out.ptr, "NO_PUBKEY"))
		status = "unknown-key";
	if (p) {
		keyid = strndup(p, strcspn(p, " \n"));
		p += strcspn(p, " \n");
		if (*p == ' ' && strcmp(status, "unknown-key"))
			who = first_line(p + 1);
	}
	if ((p = gpg_status(out.ptr, "VALIDSIG"))) {
		free(keyid);
		keyid = strndup(p, strcspn(p, " \n"));
	}
	if (!strcmp(status, "good"))
		rc = asprintf(&msg, "Good signature from \"%s\"", who ? who : "?");
	else if (!strcmp(status, "bad"))
		rc = asprintf(&msg, "BAD signature from \"%s\"", who ? who : "?");
	else if (!strcmp(status, "unknown-key"))
		rc = asprintf(&msg, "Can't check signature: No public key %s", keyid ? keyid : "");
	else if (!strcmp(status, "expired") || !strcmp(status, "revoked"))
		rc = asprintf(&msg, "Good signature from \"%s\", but the key is %s", who ? who : "?", status);
	else
		rc = asprintf(&msg, "gpg could not check the signature (exit status %d)", st);
	if (rc < 0) {
		msg = NULL;
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	rc = set_result(o, status, who, keyid, msg);
out:
	free(prog);
	free(keyid);
	free(who);
	free(msg);
	samv_buf_free(&out);
	return rc;
}

/* "Good "git" signature for P with ED25519 key SHA256:xx": the key. */
static char *ssh_key(const char *out)
{
	const char *p = strstr(out, " key ");

	return p ? first_line(p + 5) : NULL;
}

static int verify_ssh(cJSON *o, git_repository *repo, const char *sigfile, const char *datafile)
{
	struct samv_buf out = SAMV_BUF_INIT, found = SAMV_BUF_INIT;
	char *prog = config_str(repo, "gpg.ssh.program", false);
	char *allowed = config_str(repo, "gpg.ssh.allowedSignersFile", true);
	char *key = NULL, *msg = NULL, *principal = NULL, *line;
	char *keygen = prog ? prog : (char *)"ssh-keygen";
	int st, rc;

	if (allowed && access(allowed, R_OK) < 0) {
		free(allowed);
		allowed = NULL;
	}
	if (allowed) {
		char *argv[] = { keygen, (char *)"-Y", (char *)"find-principals", (char *)"-f", allowed,
				 (char *)"-s", (char *)sigfile, NULL };

		if ((rc = run(&st, &found, argv, NULL, false)) < 0)
			goto out;
		if (st < 0) {
			rc = set_result(o, "error", NULL, NULL, "ssh-keygen is not installed: cannot check the signature");
			goto out;
		}
		/* every principal found, as git tries them */
		for (line = st == 0 ? strtok(found.ptr, "\n") : NULL; line; line = strtok(NULL, "\n")) {
			char *argv2[] = { keygen, (char *)"-Y", (char *)"verify", (char *)"-n", (char *)"git", (char *)"-f",
					  allowed, (char *)"-I", line, (char *)"-s", (char *)sigfile, NULL };

			out.len = 0;
			if ((rc = run(&st, &out, argv2, datafile, true)) < 0)
				goto out;
			if (st == 0) {
				principal = strdup(line);
				key = ssh_key(out.ptr);
				if (asprintf(&msg, "Good \"git\" signature for %s with key %s", line, key ? key : "?") < 0)
					msg = NULL;
				rc = msg ? set_result(o, "good", principal, key, msg)
					 : samv_error_set(SAMV_ERROR, "out of memory");
				goto out;
			}
		}
	}
	/* no principal vouches for the key: is the signature itself sound? */
	{
		char *argv[] = { keygen, (char *)"-Y", (char *)"check-novalidate", (char *)"-n", (char *)"git",
				 (char *)"-s", (char *)sigfile, NULL };

		out.len = 0;
		if ((rc = run(&st, &out, argv, datafile, true)) < 0)
			goto out;
	}
	if (st < 0) {
		rc = set_result(o, "error", NULL, NULL, "ssh-keygen is not installed: cannot check the signature");
		goto out;
	}
	key = st == 0 ? ssh_key(out.ptr) : NULL;
	if (st != 0)
		rc = set_result(o, "bad", NULL, NULL, "BAD ssh signature: it does not match the commit");
	else if (!allowed)
		rc = set_result(o, "unknown-key", NULL, key,
				"gpg.ssh.allowedSignersFile is not set: cannot tell whose key signed");
	else if (asprintf(&msg, "No principal matched the key %s in gpg.ssh.allowedSignersFile", key ? key : "?") < 0)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	else
		rc = set_result(o, "unknown-key", NULL, key, msg);
out:
	free(prog);
	free(allowed);
	free(key);
	free(msg);
	free(principal);
	samv_buf_free(&out);
	samv_buf_free(&found);
	return rc;
}

int samv_commit_signature(cJSON **out, git_repository *repo, const git_oid *id)
{
	git_buf sig = GIT_BUF_INIT, data = GIT_BUF_INIT;
	char *sigfile = NULL, *datafile = NULL;
	const char *format;
	cJSON *o = NULL;
	int rc;

	*out = NULL;
	if ((rc = git_commit_extract_signature(&sig, &data, repo, (git_oid *)id, NULL)) == GIT_ENOTFOUND)
		return 0;
	if (rc < 0)
		return samv_error_git(SAMV_EIO, "cannot read a commit's signature");
	if (!strncmp(sig.ptr, "-----BEGIN PGP SIGNATURE-----", 29))
		format = "openpgp";
	else if (!strncmp(sig.ptr, "-----BEGIN SSH SIGNATURE-----", 29))
		format = "ssh";
	else
		format = "x509";
	if (!(o = cJSON_CreateObject()) || !cJSON_AddStringToObject(o, "format", format)) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (!strcmp(format, "x509")) {
		rc = set_result(o, "error", NULL, NULL, "x509 signatures are not checked by samv");
		goto out;
	}
	if ((rc = temp_file(&sigfile, sig.ptr, sig.size)) < 0 || (rc = temp_file(&datafile, data.ptr, data.size)) < 0)
		goto out;
	rc = !strcmp(format, "ssh") ? verify_ssh(o, repo, sigfile, datafile) : verify_gpg(o, repo, sigfile, datafile);
out:
	if (sigfile)
		unlink(sigfile);
	if (datafile)
		unlink(datafile);
	free(sigfile);
	free(datafile);
	git_buf_dispose(&sig);
	git_buf_dispose(&data);
	if (rc < 0)
		cJSON_Delete(o);
	else
		*out = o;
	return rc;
}
