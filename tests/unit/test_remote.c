/* Unit tests: the URLs of remotes (remote.c); the transports themselves
 * run against sshd and lighttpd in tests/cli/t1210-sync-remote.sh. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static void local_path(void **state)
{
	(void)state;
	assert_string_equal(samv_url_local_path("../shared.git"), "../shared.git");
	assert_string_equal(samv_url_local_path("/srv/samv/o.git"), "/srv/samv/o.git");
	assert_string_equal(samv_url_local_path("file:///srv/samv/o.git"), "/srv/samv/o.git");
	assert_string_equal(samv_url_local_path("./a:b.git"), "./a:b.git");
	assert_null(samv_url_local_path("ssh://eva@host/srv/o.git"));
	assert_null(samv_url_local_path("https://host/o.git"));
	assert_null(samv_url_local_path("eva@host:srv/o.git"));
	assert_null(samv_url_local_path("host:o.git"));
}

static void redact(void **state)
{
	char out[128];

	(void)state;
	samv_url_redact(out, sizeof(out), "https://eva:s3cret@git.example.org/o.git");
	assert_string_equal(out, "https://eva:***@git.example.org/o.git");
	samv_url_redact(out, sizeof(out), "https://eva:s3cret@git.example.org:8443/a@b/o.git");
	assert_string_equal(out, "https://eva:***@git.example.org:8443/a@b/o.git");
	/* no password, or a port only: nothing to hide */
	samv_url_redact(out, sizeof(out), "https://eva@git.example.org/o.git");
	assert_string_equal(out, "https://eva@git.example.org/o.git");
	samv_url_redact(out, sizeof(out), "https://git.example.org:8443/o.git");
	assert_string_equal(out, "https://git.example.org:8443/o.git");
	samv_url_redact(out, sizeof(out), "ssh://eva@host:2222/o.git");
	assert_string_equal(out, "ssh://eva@host:2222/o.git");
	samv_url_redact(out, sizeof(out), "eva@host:o.git");
	assert_string_equal(out, "eva@host:o.git");
	samv_url_redact(out, 12, "https://eva:s3cret@git.example.org/o.git");
	assert_string_equal(out, "https://eva");
}

static void ssh_host(void **state)
{
	char host[64];
	int port;

	(void)state;
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://eva@files.example.org/srv/o.git"), 0);
	assert_string_equal(host, "files.example.org");
	assert_int_equal(port, 22);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://127.0.0.1:2222/srv/o.git"), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 2222);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://eva@[::1]:2222/o.git"), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 2222);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "git+ssh://[::1]/o.git"), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 22);
	/* scp-like: no port can be written */
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "eva@files.example.org:srv/o.git"), 0);
	assert_string_equal(host, "files.example.org");
	assert_int_equal(port, 22);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "files:o.git"), 0);
	assert_string_equal(host, "files");
	/* not ssh, or no host */
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "https://host/o.git"), -1);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "../o.git"), -1);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://eva@/o.git"), -1);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://host:99999/o.git"), -1);
	assert_int_equal(samv_url_ssh_host(host, sizeof(host), &port, "ssh://[::1/o.git"), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(local_path),
		cmocka_unit_test(redact),
		cmocka_unit_test(ssh_host),
	};

	return cmocka_run_group_tests_name("remote", tests, NULL, NULL);
}
