/*
 * indexalt.c - the ways of changing one entry of a big index, for make
 * bench-index (docs/PERFORMANCE.md, "Writes"): libgit2's (read and parse
 * the whole index, git_index_add, write it whole) against samv's
 * (gitindex.c: the file mapped, runs of it written around the changed
 * entry, new checksum), and the copy floor: the file mapped, written
 * whole, its SHA-1 computed, fsync'd and renamed - what any update that
 * rewrites the file costs at the least.  All fsync the file written, as
 * a samv write does.
 *
 *   indexalt INDEX PATH RUNS
 *
 * Works on copies of INDEX beside it; prints "libgit2-ms samv-ms
 * copy-ms", the mean CPU time (user + system) of one update.
 */
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
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
	char a[4096], b[4096], bnew[4200], states[4200];
	double t0, la = 0, st = 0, cp = 0;
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
	snprintf(states, sizeof(states), "%s.states", b);
	copy(argv[1], a);
	copy(argv[1], b);
	for (i = 0; i < runs; i++) {
		struct samv_gitindex_change ch;
		struct samv_gitindex sx;
		git_index_entry e;
		git_index *ix;
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
		fd = open(bnew, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || samv_gitindex_open(&sx, b) < 0 || samv_gitindex_write(fd, &sx, &ch, 1, states) < 0) {
			fprintf(stderr, "indexalt: %s\n", samv_error_last());
			return 1;
		}
		if (fsync(fd) < 0 || close(fd) < 0 || rename(bnew, b) < 0)
			return 1;
		samv_gitindex_free(&sx);
		st += cpu_ms() - t0;

		t0 = cpu_ms();
		{
			struct stat sb;
			unsigned char sum[20], *map;
			int in = open(b, O_RDONLY);

			fd = open(bnew, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (in < 0 || fd < 0 || fstat(in, &sb) < 0 ||
			    (map = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_PRIVATE, in, 0)) == MAP_FAILED)
				return 1;
			samv_sha1(sum, map, (size_t)sb.st_size - 20);
			if (write(fd, map, (size_t)sb.st_size - 20) != sb.st_size - 20 || write(fd, sum, 20) != 20 ||
			    fsync(fd) < 0 || close(fd) < 0 || rename(bnew, b) < 0)
				return 1;
			munmap(map, (size_t)sb.st_size);
			close(in);
		}
		cp += cpu_ms() - t0;
	}
	unlink(a);
	unlink(b);
	unlink(states);
	printf("%.2f %.2f %.2f\n", la / runs, st / runs, cp / runs);
	git_libgit2_shutdown();
	return 0;
}
