/* Unit tests: libgit2 started without reading the CA certificates, which
 * wait for the first https remote (gitinit.c, remote.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "samv.h"

/* A certificate authority made for this test (P-256, self-signed). */
static const char ca_pem[] = "-----BEGIN CERTIFICATE-----\n"
			     "MIIBhjCCASugAwIBAgIURN5Dg+/obdeNq3L/uiwYn9CEP9YwCgYIKoZIzj0EAwIw\n"
			     "FzEVMBMGA1UEAwwMc2FtdiB0ZXN0IENBMCAXDTI2MTIwNzEwNTcwOFoYDzIxMjYx\n"
			     "MTEzMTA1NzA4WjAXMRUwEwYDVQQDDAxzYW12IHRlc3QgQ0EwWTATBgcqhkjOPQIB\n"
			     "BggqhkjOPQMBBwNCAAT4kvKeYHur+5oHKceddc7XHylHm63Qhz6riwLGMp9wRL9o\n"
			     "ttsbeALc9z/WclSDssFB0k5Hhe3AcO1xbS5Q3vO4o1MwUTAdBgNVHQ4EFgQUuPpH\n"
			     "MEV3pUMG2rlJgHbK0fvIubswHwYDVR0jBBgwFoAUuPpHMEV3pUMG2rlJgHbK0fvI\n"
			     "ubswDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNJADBGAiEA8sa6SGDBcQQq\n"
			     "5VxK2Qxhq1bFTD9q06LF9PALicVyzPcCIQCnhbOOv0CDgpNlcBqVv/hJaJAajvkJ\n"
			     "ZkqHYyrp16BW6Q==\n"
			     "-----END CERTIFICATE-----\n";

struct fx {
	char dir[64], ca[96], junk[96];
	git_repository *repo;
};

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
	struct fx *fx = calloc(1, sizeof(*fx));

	if (!fx)
		return -1;
	unsetenv("GIT_SSL_CAINFO");
	unsetenv("GIT_SSL_CAPATH");
	unsetenv("SSL_CERT_FILE");
	unsetenv("SSL_CERT_DIR");
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("HOME", "/nonexistent-samv-home", 1);
	samv_git_init();
	strcpy(fx->dir, "/tmp/samv-unit-XXXXXX");
	if (!mkdtemp(fx->dir) || git_repository_init(&fx->repo, fx->dir, 0) < 0)
		return -1;
	snprintf(fx->ca, sizeof(fx->ca), "%s/ca.pem", fx->dir);
	snprintf(fx->junk, sizeof(fx->junk), "%s/junk.pem", fx->dir);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fx *fx = *state;
	char cmd[128];

	git_repository_free(fx->repo);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->dir);
	free(fx);
	return system(cmd) == 0 ? 0 : -1;
}

/* The built-in file is named to samv and left unread at init: Debian's
 * libgit2 names /etc/ssl/certs/ca-certificates.crt, when it is there. */
static void deferred_at_init(void **state)
{
	const char *builtin = "/etc/ssl/certs/ca-certificates.crt";
	struct stat sb;

	(void)state;
	if (stat(builtin, &sb) == 0 && S_ISREG(sb.st_mode))
		assert_string_equal(samv_git_ca_deferred(), builtin);
	else
		assert_null(samv_git_ca_deferred());
}

/* After init, a file of authorities is parsed for real: a certificate
 * is taken, a file of anything else refused. */
static void parsed_after_init(void **state)
{
	struct fx *fx = *state;

	put(fx->ca, ca_pem);
	put(fx->junk, "not a certificate\n");
	assert_int_equal(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, fx->ca, NULL), 0);
	assert_true(git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, fx->junk, NULL) < 0);
}

/* An https remote loads the authorities: git's settings when set (a bad
 * file named), else the built-in file. */
static void loaded_for_https(void **state)
{
	struct fx *fx = *state;
	bool no_verify = true;
	char want[256];

	put(fx->junk, "not a certificate\n");
	setenv("SSL_CERT_FILE", fx->junk, 1);
	assert_int_equal(samv_remote_tls(&no_verify, fx->repo), SAMV_EINVAL);
	snprintf(want, sizeof(want), "cannot read the certificate authorities in '%s' (from SSL_CERT_FILE): ", fx->junk);
	assert_memory_equal(samv_error_last(), want, strlen(want));
	unsetenv("SSL_CERT_FILE");
	if (!samv_git_ca_deferred())
		return; /* no built-in file: mbedTLS trusts no one, as before */
	assert_int_equal(samv_remote_tls(&no_verify, fx->repo), 0);
	assert_false(no_verify);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(deferred_at_init),
		cmocka_unit_test(parsed_after_init),
		cmocka_unit_test(loaded_for_https),
	};

	return cmocka_run_group_tests_name("gitinit", tests, setup, teardown);
}
