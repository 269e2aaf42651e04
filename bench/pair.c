/*
 * pair.c - paired runs of two commands, for make bench: A and B run one
 * after the other, RUNS times each (after WARMUP pairs not counted), so
 * that both see the same machine load and the same repository.
 *
 *   pair [--first] [--before CMD] RUNS WARMUP A-ARGV... --vs B-ARGV...
 *
 * Prints one line: "A-mean A-sd B-mean B-sd" in milliseconds.  Without
 * --first: CPU time (user + system, from wait4(2)) of each run.  With
 * --first: wall time from fork(2) to the first byte the command writes on
 * its standard output (process start to first output).  With --before:
 * the shell command CMD runs before every run of either side, not
 * counted (a write before each check).  In the commands' arguments "%N"
 * becomes the run's number, so that each write differs.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* ARGV with "%N" replaced by N (a static copy, valid until the next call). */
static char **subst(char **argv, int argc, long n)
{
	static char *out[256], buf[256][512];
	int i;

	for (i = 0; i < argc && i < 255; i++) {
		const char *p = strstr(argv[i], "%N");

		if (!p) {
			out[i] = argv[i];
			continue;
		}
		snprintf(buf[i], sizeof(buf[i]), "%.*s%ld%s", (int)(p - argv[i]), argv[i], n, p + 2);
		out[i] = buf[i];
	}
	out[i] = NULL;
	return out;
}

/* One run: its CPU ms, or (first) ms to its first byte of output. */
static double run(char **argv, int argc, long n, int first)
{
	struct rusage ru;
	double t0, t1 = -1;
	int fd[2], status;
	pid_t pid;
	char c[4096];
	ssize_t r;

	if (pipe(fd) < 0)
		exit(2);
	t0 = now_ms();
	if ((pid = fork()) < 0)
		exit(2);
	if (pid == 0) {
		char **a = subst(argv, argc, n);

		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		execvp(a[0], a);
		_exit(127);
	}
	close(fd[1]);
	while ((r = read(fd[0], c, sizeof(c))) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			break;
		if (t1 < 0)
			t1 = now_ms();
	}
	close(fd[0]);
	if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "pair: %s failed (run %ld)\n", argv[0], n);
		exit(1);
	}
	if (first)
		return t1 < 0 ? now_ms() - t0 : t1 - t0;
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

/* The command run before each run, not counted. */
static void before(const char *cmd)
{
	if (cmd && system(cmd) != 0) {
		fprintf(stderr, "pair: %s failed\n", cmd);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	const char *pre = NULL;
	int first = 0, runs, warm, i, na, nb;
	char **a, **b;
	double sa = 0, qa = 0, sb = 0, qb = 0, x, ma, mb;

	if (argc > 1 && !strcmp(argv[1], "--first")) {
		first = 1;
		argv++;
		argc--;
	}
	if (argc > 2 && !strcmp(argv[1], "--before")) {
		pre = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 6) {
		fprintf(stderr, "usage: pair [--first] [--before CMD] RUNS WARMUP A-ARGV... --vs B-ARGV...\n");
		return 2;
	}
	runs = atoi(argv[1]);
	warm = atoi(argv[2]);
	a = argv + 3;
	for (na = 0; a[na] && strcmp(a[na], "--vs"); na++)
		;
	if (!a[na] || runs < 2) {
		fprintf(stderr, "pair: no --vs, or fewer than 2 runs\n");
		return 2;
	}
	b = a + na + 1;
	nb = argc - 3 - na - 1;
	for (i = 0; i < warm + runs; i++) {
		double ra, rb;

		before(pre);
		ra = run(a, na, 2L * i, first);
		before(pre);
		rb = run(b, nb, 2L * i + 1, first);

		if (i < warm)
			continue;
		sa += ra;
		qa += ra * ra;
		sb += rb;
		qb += rb * rb;
	}
	ma = sa / runs;
	mb = sb / runs;
	x = (qa - runs * ma * ma) / (runs - 1);
	printf("%.2f %.2f", ma, x > 0 ? sqrt(x) : 0);
	x = (qb - runs * mb * mb) / (runs - 1);
	printf(" %.2f %.2f\n", mb, x > 0 ? sqrt(x) : 0);
	return 0;
}
