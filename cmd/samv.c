/* samv - the front: "samv arena list" runs "samv-arena list", as git does. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"

static const struct {
	const char *name, *summary;
} commands[] = {
	{ "init", "create a collaboration repository" },
	{ "actor", "organisations: add, list, show, edit, retire" },
	{ "person", "people who act for an organisation" },
	{ "arena", "arenas where the sectors meet" },
	{ "meeting", "meetings: plan, invite, hold, minutes, follow-up" },
	{ "decision", "decisions: anchors and kedge anchors" },
	{ "agreement", "the Agreement: adopt, amend, history, diff, blame" },
	{ "assess", "readiness assessments: CROSS, levels, steps; trends, gaps" },
	{ "check", "validate the whole repository" },
	{ "report", "weekly summaries, registers, a dashboard page" },
	{ "log", "the audit trail: history with field changes, --verify" },
	{ "sync", "fetch, merge records field by field, push" },
};

static void list(FILE *f)
{
	size_t i;

	fprintf(f, "usage: samv [--version] [--help] COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\n'samv help COMMAND' shows a command's help; see samv(7) for the concepts.\n");
}

/* Run samv-NAME from the directory samv itself is in, else from PATH. */
static int run(const char *name, char **argv)
{
	char self[PATH_MAX], prog[80], *slash;
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (strchr(name, '/') || strstr(name, "..") || strlen(name) > 64) {
		fprintf(stderr, "samv: '%s' is not a samv command (see samv help)\n", name);
		return SAMV_EXIT_USAGE;
	}
	snprintf(prog, sizeof(prog), "samv-%s", name);
	argv[0] = prog;
	if (n > 0) {
		self[n] = '\0';
		if ((slash = strrchr(self, '/'))) {
			char full[PATH_MAX + 80];

			slash[1] = '\0';
			snprintf(full, sizeof(full), "%s%s", self, prog);
			if (access(full, X_OK) == 0)
				execv(full, argv);
		}
	}
	execvp(prog, argv);
	if (errno == ENOENT) {
		fprintf(stderr, "samv: '%s' is not a samv command (see samv help)\n", name);
		return SAMV_EXIT_USAGE;
	}
	fprintf(stderr, "samv: cannot run %s: %s\n", prog, strerror(errno));
	return SAMV_EXIT_FAIL;
}

int main(int argc, char **argv)
{
	char *help_argv[3];
	size_t i;

	if (argc < 2) {
		list(stderr);
		return SAMV_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--version")) {
		samv_print_version(stdout, "samv");
		return 0;
	}
	if (!strcmp(argv[1], "--completion-helper")) {
		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			printf("%s\n", commands[i].name);
		printf("help\n--help\n--version\n");
		return 0;
	}
	if (!strcmp(argv[1], "help") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		if (argc < 3 || argv[1][0] == '-') {
			list(stdout);
			return 0;
		}
		help_argv[0] = NULL;
		help_argv[1] = "--help";
		help_argv[2] = NULL;
		return run(argv[2], help_argv);
	}
	if (argv[1][0] == '-') {
		fprintf(stderr, "samv: unknown option '%s'\n", argv[1]);
		list(stderr);
		return SAMV_EXIT_USAGE;
	}
	return run(argv[1], argv + 1);
}
