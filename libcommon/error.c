/*
 * error.c - the last error message, per thread, as libgit2 keeps its own.
 *
 * Each message is kept twice: in the user's language, for the terminal,
 * and in English (the source text), for what must not change with the
 * locale: --json output and the library's own tests of a message.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "samv.h"

static _Thread_local char last[1024], last_c[1024];
static _Thread_local bool english;

void samv_error_english(bool on)
{
	english = on;
}

bool samv_error_in_english(void)
{
	return english;
}

void samv_error_set_c(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_c, sizeof(last_c), fmt, ap);
	va_end(ap);
}

/* While the English text is formatted, an argument that is the last message
 * itself (callers pass samv_error_last() to add context) must read English
 * too: the two buffers trade contents for the time of the formatting. */
void samv_error_swap(void)
{
	char tmp[sizeof(last)];

	memcpy(tmp, last, sizeof(last));
	memcpy(last, last_c, sizeof(last));
	memcpy(last_c, tmp, sizeof(last));
}

static int vset(int code, const char *fmt, va_list ap)
{
	char tmp[sizeof(last)], tmp_c[sizeof(last)];
	va_list ap2;

	/* format aside first: callers may pass samv_error_last() as an argument */
	va_copy(ap2, ap);
	samv_error_swap();
	vsnprintf(tmp_c, sizeof(tmp_c), fmt, ap2);
	samv_error_swap();
	va_end(ap2);
	vsnprintf(tmp, sizeof(tmp), gettext(fmt), ap);
	memcpy(last, tmp, sizeof(last));
	memcpy(last_c, tmp_c, sizeof(last_c));
	return code;
}

/* fmt is translated here: xgettext takes it as a message (po/Makefile's
 * keywords), so callers write the English text alone. */
int samv_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vset(code, fmt, ap);
	va_end(ap);
	return code;
}

int samv_error_set_pair(int code, const char *c_text, const char *text)
{
	snprintf(last_c, sizeof(last_c), "%s", c_text);
	if (text != last)
		snprintf(last, sizeof(last), "%s", text);
	return code;
}

int samv_error_git(int code, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown git error";
	char tmp[sizeof(last)];

	/* libgit2's own text stays English in both */
	snprintf(tmp, sizeof(tmp), "%s: %s", what, msg);
	snprintf(last, sizeof(last), "%s: %s", gettext(what), e && e->message ? msg : _("unknown git error"));
	memcpy(last_c, tmp, sizeof(last_c));
	return code;
}

const char *samv_error_last(void)
{
	return last[0] ? last : _("unknown error");
}

const char *samv_error_last_c(void)
{
	return last_c[0] ? last_c : "unknown error";
}

void samv_error_clear(void)
{
	last[0] = '\0';
	last_c[0] = '\0';
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
