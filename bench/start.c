/*
 * start.c - the least a samv command's start can cost, for make
 * bench-start: a process linked with libgit2 that initialises it and
 * writes one line (docs/PERFORMANCE.md, "Process start").
 */
#include <stdio.h>

#include <git2.h>

int main(void)
{
	git_libgit2_init();
	puts("started");
	git_libgit2_shutdown();
	return 0;
}
