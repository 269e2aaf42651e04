/*
 * indexalt.c - the two ways of changing one entry of a big index, for
 * make bench-index (docs/PERFORMANCE.md, "Writes"): libgit2's (read and
 * parse the whole index, git_index_add, write it whole) against samv's
 * stream (gitindex.c: copy the entries, change one, new checksum).  Both
 * fsync the file written, as a samv write does.
 *
 *   indexalt INDEX PATH RUNS
 *
 * Works on copies of INDEX beside it; prints "libgit2-ms streamed-ms",
 * the mean CPU time (user + system) of one update.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "samv.h"
#include "gitindex.h"

static double cpu_ms(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	       (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static void copy(const char *from, const char *to)
{
	char cmd[8192];

	snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", from, to);
	if (system(cmd) != 0)
		exit(1);
}

int main(int argc, char **argv)
{
	char a[4096], b[4096], bnew[4200];
	double t0, la = 0, st = 0;
	int runs, i;

	if (argc != 4 || (runs = atoi(argv[3])) < 1) {
		fprintf(stderr, "usage: indexalt INDEX PATH RUNS\n");
		return 2;
	}
	git_libgit2_init();
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	snprintf(a, sizeof(a), "%s.alt-libgit2", argv[1]);
	snprintf(b, sizeof(b), "%s.alt-stream", argv[1]);
	snprintf(bnew, sizeof(bnew), "%s.new", b);
	copy(argv[1], a);
	copy(argv[1], b);
	for (i = 0; i < runs; i++) {
		struct samv_gitindex_change ch;
		struct samv_gitindex sx;
		git_index_entry e;
		git_index *ix;
		unsigned char *out;
		size_t len;
		char text[32];
		int fd;

		snprintf(text, sizeof(text), "run %d\n", i);
		memset(&e, 0, sizeof(e));
		e.path = argv[2];
		e.mode = GIT_FILEMODE_BLOB;
		git_odb_hash(&e.id, text, strlen(text), GIT_OBJECT_BLOB);
		e.mtime.seconds = i;

		t0 = cpu_ms();
		if (git_index_open(&ix, a) < 0 || git_index_add(ix, &e) < 0 || git_index_write(ix) < 0) {
			fprintf(stderr, "indexalt: libgit2: %s\n", git_error_last()->message);
			return 1;
		}
		git_index_free(ix);
		la += cpu_ms() - t0;

		memset(&ch, 0, sizeof(ch));
		ch.path = argv[2];
		ch.mode = GIT_FILEMODE_BLOB;
		git_oid_cpy(&ch.id, &e.id);
		ch.mtime_s = (uint32_t)i;
		t0 = cpu_ms();
		if (samv_gitindex_open(&sx, b) < 0 || samv_gitindex_update(&out, &len, &sx, &ch, 1) < 0) {
			fprintf(stderr, "indexalt: %s\n", samv_error_last());
			return 1;
		}
		fd = open(bnew, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, out, len) != (ssize_t)len || fsync(fd) < 0 || close(fd) < 0 ||
		    rename(bnew, b) < 0)
			return 1;
		free(out);
		samv_gitindex_free(&sx);
		st += cpu_ms() - t0;
	}
	unlink(a);
	unlink(b);
	printf("%.2f %.2f\n", la / runs, st / runs);
	git_libgit2_shutdown();
	return 0;
}
