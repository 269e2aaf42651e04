/* version.c - what --version prints, the same for every command. */
#include "samv.h"

void samv_print_version(FILE *f, const char *prog)
{
	int major, minor, rev;

	git_libgit2_version(&major, &minor, &rev);
	fprintf(f, "%s (samv) %s\nlibgit2 %d.%d.%d, cJSON %s\n", prog, SAMV_VERSION, major, minor, rev,
		cJSON_Version());
}
