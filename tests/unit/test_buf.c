/* Unit tests: a regular file read whole (samv_buf_read_file), in one
 * read(2) when its size is the one fstat gave, and whole when it grew
 * or shrank since; too large refused. */
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "samv.h"

static int open_with(const char *text)
{
	char path[] = "/tmp/samv-unit-buf-XXXXXX";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* read with size told as given, from the start */
static void read_as(const char *text, size_t size, size_t max, int want_rc, const char *want)
{
	struct samv_buf b = SAMV_BUF_INIT;
	int fd = open_with(text);

	assert_int_equal(samv_buf_read_file(&b, fd, size, max), want_rc);
	if (want) {
		assert_int_equal(b.len, strlen(want));
		assert_string_equal(b.ptr, want);
	}
	samv_buf_free(&b);
	close(fd);
	samv_error_clear();
}

static void sizes(void **state)
{
	(void)state;
	read_as("", 0, 100, 0, "");
	read_as("{\"id\": \"a\"}\n", 12, 100, 0, "{\"id\": \"a\"}\n");
	/* grew since its fstat: read on to the end */
	read_as("abcdefghij", 3, 100, 0, "abcdefghij");
	read_as("abcdefghij", 0, 100, 0, "abcdefghij");
	/* shrank: what is there */
	read_as("abc", 10, 100, 0, "abc");
	/* too large, told or found */
	read_as("abcdefghij", 10, 5, SAMV_EINVAL, NULL);
	read_as("abcdefghij", 2, 5, SAMV_EINVAL, NULL);
	read_as("abcde", 5, 5, 0, "abcde");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(sizes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
