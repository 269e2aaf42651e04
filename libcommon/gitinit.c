/*
 * gitinit.c - starting libgit2 without paying for what a local command
 * never uses.
 *
 * Debian's libgit2 1.5 (mbedTLS) reads and parses every certificate of
 * its built-in CA file in git_libgit2_init: about 7 ms of CPU, most of
 * the start of every samv command, and nothing a command that never
 * contacts an https remote needs (docs/PERFORMANCE.md, "Process start").
 * No option skips it before init, so samv_git_init stands in for
 * mbedTLS's mbedtls_x509_crt_parse_file while libgit2 starts (the
 * executable's definition comes first in the dynamic linker's lookup):
 * the file's name is kept and nothing parsed.  samv_remote_tls loads the
 * kept file before the first https connection; a connection made without
 * it fails verification (an empty set of authorities trusts no one), it
 * never trusts more.  A libgit2 built otherwise (OpenSSL, or linked
 * statically) never calls this stand-in and starts as it always did.
 */
#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "samv.h"

/* Process-wide, as libgit2's own TLS settings are. */
static int deferring;
static char deferred[4096];

int mbedtls_x509_crt_parse_file(void *chain, const char *path);

int mbedtls_x509_crt_parse_file(void *chain, const char *path)
{
	int (*parse)(void *, const char *);
	size_t n;

	if (deferring && path && (n = strlen(path)) < sizeof(deferred)) {
		memcpy(deferred, path, n + 1);
		return 0; /* an empty chain, as mbedtls_x509_crt_init left it */
	}
	*(void **)&parse = dlsym(RTLD_NEXT, "mbedtls_x509_crt_parse_file");
	return parse ? parse(chain, path) : -1;
}

void samv_git_init(void)
{
	deferring = 1;
	git_libgit2_init();
	deferring = 0;
}

const char *samv_git_ca_deferred(void)
{
	return deferred[0] ? deferred : NULL;
}
