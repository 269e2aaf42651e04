/*
 * env.c - the environment variables samv reads, each parsed and checked
 * in one place.  A variable that is set but holds a value samv cannot use
 * is an error naming it (SAMV_EUSAGE, exit status 2): a mistyped
 * SAMV_TODAY must not quietly date records today.  An empty value counts
 * as unset, as in the shell's ${VAR:-default}.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "samv.h"

/* The value of name, or NULL when it is unset or empty. */
static const char *value(const char *name)
{
	const char *v = getenv(name);

	return v && *v ? v : NULL;
}

int samv_env_today(char out[11])
{
	const char *v = value("SAMV_TODAY");

	out[0] = '\0';
	if (!v)
		return 0;
	if (samv_date_check(v) < 0)
		return samv_error_set(SAMV_EUSAGE, "SAMV_TODAY: '%s' is not a real day (YYYY-MM-DD)", v);
	memcpy(out, v, 11);
	return 0;
}

int samv_env_lock_timeout(double *out)
{
	const char *v = value("SAMV_LOCK_TIMEOUT");
	char *end;
	double d;

	*out = SAMV_LOCK_TIMEOUT_DEFAULT;
	if (!v)
		return 0;
	errno = 0;
	d = strtod(v, &end);
	/* strtod takes signs, "inf", "nan", exponents and hex; seconds are
	 * written in digits and a point */
	if (v[strspn(v, "0123456789.")] || errno || end == v || *end || !isfinite(d) || d < 0 ||
	    d > SAMV_LOCK_TIMEOUT_MAX)
		return samv_error_set(SAMV_EUSAGE, "SAMV_LOCK_TIMEOUT: '%s' is not a number of seconds "
				      "from 0 to %d", v, SAMV_LOCK_TIMEOUT_MAX);
	*out = d;
	return 0;
}

int samv_env_dir(const char **out)
{
	*out = value("SAMV_DIR");
	return 0;
}

int samv_env_tmpdir(const char **out)
{
	const char *v = value("TMPDIR");
	struct stat st;

	*out = "/tmp";
	if (!v)
		return 0;
	if (v[0] != '/' || stat(v, &st) < 0 || !S_ISDIR(st.st_mode))
		return samv_error_set(SAMV_EUSAGE, "TMPDIR: '%s' is not an absolute path to a directory", v);
	*out = v;
	return 0;
}

int samv_env_no_cache(bool *out)
{
	const char *v = value("SAMV_NO_CACHE");

	*out = false;
	if (!v)
		return 0;
	if (strcmp(v, "0") && strcmp(v, "1"))
		return samv_error_set(SAMV_EUSAGE, "SAMV_NO_CACHE: '%s' is neither 0 nor 1", v);
	*out = *v == '1';
	return 0;
}

int samv_env_check(void)
{
	char today[11];
	double wait;
	bool off;
	int rc;

	if ((rc = samv_env_today(today)) < 0 || (rc = samv_env_lock_timeout(&wait)) < 0 ||
	    (rc = samv_env_no_cache(&off)) < 0)
		return rc;
	return 0;
}
