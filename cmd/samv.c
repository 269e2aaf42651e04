/* samv - the front: "samv arena list" runs "samv-arena list", as git does. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "samv.h"

static const struct {
	const char *name, *summary;
} commands[] = {
	{ "init", N_("create a collaboration repository") },
	{ "actor", N_("organisations: add, list, show, edit, retire") },
	{ "person", N_("people who act for an organisation") },
	{ "arena", N_("arenas where the sectors meet") },
	{ "meeting", N_("meetings: plan, invite, hold, minutes, follow-up") },
	{ "decision", N_("decisions: anchors and kedge anchors") },
	{ "agreement", N_("the Agreement: adopt, amend, history, diff, blame") },
	{ "assess", N_("readiness assessments: CROSS, levels, steps; trends, gaps") },
	{ "check", N_("validate the whole repository") },
	{ "report", N_("weekly summaries, registers, a dashboard page") },
	{ "export", N_("the records without personal data, to hand out or publish") },
	{ "log", N_("the audit trail: history with field changes, --verify") },
	{ "sync", N_("fetch, merge records field by field, push") },
	{ "challenge", N_("challenges the collaboration is about (samhällsutmaningar)") },
	{ "target", N_("target groups (målgrupper) of challenges and arenas") },
	{ "resource", N_("money, time and premises each party puts in") },
	{ "glossary", N_("terms the parties agreed on (a common language)") },
	{ "body", N_("bodies of organisations: boards, committees (nämnder)") },
	{ "plan", N_("plans decisions refer to (verksamhetsplaner)") },
};
#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

/* What goes through the pager on a terminal: a command alone pages all it
 * prints, "command verb" only that verb (samv(1), THE PAGER). */
static const char *const paged[] = {
	"log", "report",
	"actor list", "actor show", "person list", "person show", "arena list", "arena show",
	"meeting list", "meeting show", "meeting invite", "meeting minutes",
	"meeting action list", "meeting action show", "meeting action overdue",
	"decision list", "decision show", "decision chain", "decision due", "decision anchoring",
	"agreement show", "agreement history", "agreement diff", "agreement blame",
	"assess list", "assess show", "assess trend", "assess gaps", "assess levels",
	"assess instruments", "assess instrument",
	"challenge list", "challenge show", "target list", "target show", "resource list", "resource show",
	"glossary list", "glossary show",
};

static const char *const front_opts[] = { "-C", "--dir", "--no-pager", "--paginate", "--help", "--version" };

static void list(FILE *f)
{
	size_t i;

	fprintf(f, _("usage: samv [-C DIR] [--no-pager | --paginate] [--version] [--help] COMMAND [ARGS]\n\n"
		   "commands:\n"));
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, gettext(commands[i].summary));
	fprintf(f, _("\n'samv help COMMAND' opens a command's manual, 'samv COMMAND --help' its short help;\n"
		   "see samv(7) for the concepts.\n"));
}

/* "samv: 'actr' is not a samv command; did you mean 'actor'?" */
static void not_a_command(const char *name)
{
	const char *names[NCOMMANDS + 1];
	struct samv_buf hint = SAMV_BUF_INIT;
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i].name;
	names[NCOMMANDS] = "help";
	if (samv_suggest_text(&hint, "", name, names, NCOMMANDS + 1) > 0)
		fprintf(stderr, _("samv: '%s' is not a samv command; %s\n"), name, hint.ptr);
	else
		fprintf(stderr, _("samv: '%s' is not a samv command (see samv help)\n"), name);
	samv_buf_free(&hint);
}

/* The directory samv itself is in, with a trailing '/', or "". */
static void self_dir(char out[PATH_MAX])
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	char *slash;

	if (n <= 0) {
		out[0] = '\0';
		return;
	}
	out[n] = '\0';
	if ((slash = strrchr(out, '/')))
		slash[1] = '\0';
	else
		out[0] = '\0';
}

/* samv-NAME from the directory samv is in, else from PATH: 0 when found. */
static int find_prog(char *out, size_t outsz, const char *name)
{
	char dir[PATH_MAX];
	const char *path = getenv("PATH"), *end;
	size_t len;

	if (strchr(name, '/') || strstr(name, "..") || strlen(name) > 64 || !name[0])
		return -1;
	self_dir(dir);
	if (dir[0] && (size_t)snprintf(out, outsz, "%ssamv-%s", dir, name) < outsz && access(out, X_OK) == 0)
		return 0;
	for (; path && *path; path = *end ? end + 1 : end) {
		end = strchrnul(path, ':');
		len = (size_t)(end - path);
		if ((size_t)snprintf(out, outsz, "%.*s%ssamv-%s", (int)len, path, len ? "/" : "./", name) < outsz &&
		    access(out, X_OK) == 0)
			return 0;
	}
	return -1;
}

/* Whether a command line's output pages: its command, or the command and
 * its first one or two operands (past -C DIR), is in paged[]. */
static bool pages(int argc, char **argv)
{
	char line[200];
	size_t i, len = 0;
	int k, words = 0;

	for (k = 0; k < argc && words < 3; k++) {
		if (!strcmp(argv[k], "-C") || !strcmp(argv[k], "--dir")) {
			k++;
			continue;
		}
		if (argv[k][0] == '-')
			continue;
		len += (size_t)snprintf(line + len, sizeof(line) - len, "%s%.60s", words++ ? " " : "", argv[k]);
		for (i = 0; i < sizeof(paged) / sizeof(paged[0]); i++)
			if (!strcmp(paged[i], line))
				return true;
	}
	return false;
}

/* The pager's command when what is about to run should be paged, else NULL. */
static char *pager_for(int argc, char **argv, bool force)
{
	const char *env = getenv("SAMV_DIR");
	git_repository *repo = NULL;
	char *cmd = NULL;

	if (!isatty(STDOUT_FILENO) || !(force || pages(argc, argv)))
		return NULL;
	samv_git_init();
	if (env && *env ? git_repository_open_ext(&repo, env, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL) < 0
			: git_repository_open_ext(&repo, ".", 0, NULL) < 0)
		repo = NULL;
	if (samv_pager_command(&cmd, repo) < 0)
		fprintf(stderr, "samv: %s\n", samv_error_last());
	git_repository_free(repo);
	git_libgit2_shutdown();
	return cmd;
}

/* Run prog with its output through the pager; the exit status is prog's,
 * and 0 when it was cut short because the reader quit the pager. */
static int run_paged(const char *prog, char **argv, const char *pager)
{
	pid_t pp, cp;
	int status = 0, prc;

	if (samv_pager_start(&pp, pager) < 0) {
		fprintf(stderr, "samv: %s\n", samv_error_last());
		execv(prog, argv);
		return SAMV_EXIT_FAIL;
	}
	/* ^C reaches the pager too: outlive it, so the prompt comes back after */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	if ((cp = fork()) == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		execv(prog, argv);
		fprintf(stderr, _("samv: cannot run %s: %s\n"), prog, strerror(errno));
		_exit(SAMV_EXIT_FAIL);
	}
	if (cp < 0)
		fprintf(stderr, _("samv: cannot run %s: %s\n"), prog, strerror(errno));
	else
		while (waitpid(cp, &status, 0) < 0 && errno == EINTR)
			;
	prc = samv_pager_wait(pp);
	if (cp < 0)
		return SAMV_EXIT_FAIL;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WTERMSIG(status) == SIGPIPE && prc == 0)
		return SAMV_EXIT_OK;
	return 128 + WTERMSIG(status);
}

static int run(int argc, char **argv, bool no_pager, bool paginate)
{
	char prog[PATH_MAX + 80], *pager = NULL;
	int rc;

	if (find_prog(prog, sizeof(prog), argv[0]) < 0) {
		not_a_command(argv[0]);
		return SAMV_EXIT_USAGE;
	}
	if (!no_pager && (pager = pager_for(argc, argv, paginate))) {
		rc = run_paged(prog, argv, pager);
		free(pager);
		return rc;
	}
	execv(prog, argv);
	fprintf(stderr, _("samv: cannot run %s: %s\n"), prog, strerror(errno));
	return SAMV_EXIT_FAIL;
}

/* "samv help NAME": the manual samv-NAME(1) through man(1), found next to
 * samv when it is installed (PREFIX/share/man) or in a source tree. */
static int manual(const char *name)
{
	char dir[PATH_MAX], file[PATH_MAX + 80], page[80], *manpath = NULL;
	const char *old = getenv("MANPATH");

	if (find_prog(file, sizeof(file), name) < 0) {
		not_a_command(name);
		return SAMV_EXIT_USAGE;
	}
	snprintf(page, sizeof(page), "samv-%s", name);
	self_dir(dir);
	fflush(stdout);
	if (dir[0] && snprintf(file, sizeof(file), "%s../../man/%s.1", dir, page) > 0 && access(file, R_OK) == 0) {
		execlp("man", "man", "-l", file, (char *)NULL);
	} else {
		if (dir[0] && snprintf(file, sizeof(file), "%s../share/man/man1/%s.1", dir, page) > 0 &&
		    access(file, R_OK) == 0 && asprintf(&manpath, "%s../share/man:%s", dir, old ? old : "") > 0)
			setenv("MANPATH", manpath, 1);
		execlp("man", "man", page, (char *)NULL);
	}
	if (errno == ENOENT)
		fprintf(stderr, _("samv: cannot open the manual %s(1): man is not installed "
				"('samv %s --help' shows the command's options)\n"), page, name);
	else
		fprintf(stderr, _("samv: cannot run man: %s\n"), strerror(errno));
	free(manpath);
	return SAMV_EXIT_FAIL;
}

static void complete(void)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		printf("%s\n", commands[i].name);
	printf("help\n-C\n--dir=\n--no-pager\n--paginate\n--help\n--version\n");
}

static int unknown_option(const char *opt)
{
	struct samv_buf hint = SAMV_BUF_INIT;

	if (samv_suggest_text(&hint, "", opt, front_opts, sizeof(front_opts) / sizeof(front_opts[0])) > 0)
		fprintf(stderr, _("samv: unknown option '%s'; %s\n"), opt, hint.ptr);
	else
		fprintf(stderr, _("samv: unknown option '%s' (see samv --help)\n"), opt);
	samv_buf_free(&hint);
	return SAMV_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	bool no_pager = false, paginate = false, moved = false;
	const char *dir;
	int i;

	samv_alloc_init();
	samv_i18n_init();
	/* the front's own options, before the command, as git's */
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		dir = NULL;
		if (!strcmp(a, "-C") || !strcmp(a, "--dir")) {
			if (i + 1 >= argc) {
				fprintf(stderr, _("samv: option '%s' needs a value (DIR)\n"), a);
				return SAMV_EXIT_USAGE;
			}
			dir = argv[++i];
		} else if (!strncmp(a, "--dir=", 6)) {
			dir = a + 6;
		} else if (!strncmp(a, "-C", 2)) {
			dir = a + 2;
		} else if (!strcmp(a, "--no-pager") || !strcmp(a, "-P")) {
			no_pager = true;
		} else if (!strcmp(a, "--paginate") || !strcmp(a, "-p")) {
			paginate = true;
		} else if (!strcmp(a, "--version")) {
			samv_print_version(stdout, "samv");
			return 0;
		} else if (!strcmp(a, "--completion-helper")) {
			complete();
			return 0;
		} else if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			if (i + 1 < argc)
				return manual(argv[i + 1]);
			list(stdout);
			return 0;
		} else {
			return unknown_option(a);
		}
		/* each -C is taken relative to the one before, as git's */
		if (dir && *dir && chdir(dir) < 0) {
			fprintf(stderr, _("samv: cannot change to '%s': %s\n"), dir, strerror(errno));
			return SAMV_EXIT_FAIL;
		}
		moved = moved || dir;
	}
	/* as a command's own -C, the front's takes precedence over SAMV_DIR */
	if (moved)
		unsetenv("SAMV_DIR");
	if (i >= argc) {
		list(stderr);
		return SAMV_EXIT_USAGE;
	}
	if (!strcmp(argv[i], "help")) {
		if (i + 1 < argc)
			return manual(argv[i + 1]);
		list(stdout);
		return 0;
	}
	return run(argc - i, argv + i, no_pager, paginate);
}
