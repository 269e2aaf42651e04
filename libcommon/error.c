/* error.c - the last error message, per thread, as libgit2 keeps its own. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "samv.h"

static _Thread_local char last[1024];

int samv_error_set(int code, const char *fmt, ...)
{
	char tmp[sizeof(last)];
	va_list ap;

	/* format aside first: callers may pass samv_error_last() as an argument */
	va_start(ap, fmt);
	vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	memcpy(last, tmp, sizeof(last));
	return code;
}

int samv_error_git(int code, const char *what)
{
	const git_error *e = git_error_last();

	return samv_error_set(code, "%s: %s", what, e && e->message ? e->message : "unknown git error");
}

const char *samv_error_last(void)
{
	return last[0] ? last : "unknown error";
}

void samv_error_clear(void)
{
	last[0] = '\0';
}

/* Map a library code to the documented exit status. */
int samv_exit_status(int code)
{
	switch (code) {
	case SAMV_OK:
		return SAMV_EXIT_OK;
	case SAMV_EUSAGE:
		return SAMV_EXIT_USAGE;
	case SAMV_EBUSY:
		return SAMV_EXIT_BUSY;
	default:
		return SAMV_EXIT_FAIL;
	}
}
