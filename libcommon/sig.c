/* sig.c - who wrote a commit: GIT_AUTHOR_* and GIT_COMMITTER_* as git reads
 * them, else user.name and user.email (libgit2 1.5 reads only the config). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "samv.h"

/* Dates as git accepts them in GIT_*_DATE: "@1700000000 +0100",
 * "1700000000 +0100", "2026-11-23T10:00:00+01:00", "2026-11-23 10:00:00 +0100". */
int samv_sig_parse_date(long long *when, int *offset_min, const char *s)
{
	int y, mo, d, h, mi, sec, n = 0, sign, tzh, tzm;
	char tz[16] = "";
	long long epoch;
	struct tm tm;

	if (*s == '@')
		s++;
	if (sscanf(s, "%lld %15s%n", &epoch, tz, &n) == 2 && !s[n] && strlen(tz) == 5 &&
	    (tz[0] == '+' || tz[0] == '-') && strspn(tz + 1, "0123456789") == 4 &&
	    s[strspn(s, "0123456789")] == ' ') {
		sign = tz[0] == '-' ? -1 : 1;
		*when = epoch;
		*offset_min = sign * ((tz[1] - '0') * 600 + (tz[2] - '0') * 60 + (tz[3] - '0') * 10 + (tz[4] - '0'));
		return 0;
	}
	n = 0;
	if (sscanf(s, "%4d-%2d-%2d%*[T ]%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6)
		goto bad;
	s += n;
	while (*s == ' ')
		s++;
	if (*s == 'Z' && !s[1]) {
		tzh = tzm = 0;
		sign = 1;
	} else if ((*s == '+' || *s == '-') &&
		   (sscanf(s + 1, "%2d:%2d%n", &tzh, &tzm, &n) == 2 || sscanf(s + 1, "%2d%2d%n", &tzh, &tzm, &n) == 2) &&
		   !s[1 + n]) {
		sign = *s == '-' ? -1 : 1;
	} else {
		goto bad;
	}
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	*offset_min = sign * (tzh * 60 + tzm);
	*when = (long long)timegm(&tm) - (long long)*offset_min * 60;
	return 0;
bad:
	return samv_error_set(SAMV_EINVAL, "cannot parse date '%s'", s);
}

static int from_env(git_signature **out, git_repository *repo, const char *who)
{
	char key[32];
	const char *name, *email, *date;
	git_config *cfg = NULL;
	git_buf cname = GIT_BUF_INIT, cemail = GIT_BUF_INIT;
	long long when;
	int offset, rc = 0;

	snprintf(key, sizeof(key), "GIT_%s_NAME", who);
	name = getenv(key);
	snprintf(key, sizeof(key), "GIT_%s_EMAIL", who);
	email = getenv(key);
	snprintf(key, sizeof(key), "GIT_%s_DATE", who);
	date = getenv(key);
	if (!name || !email) {
		if (git_repository_config_snapshot(&cfg, repo) == 0) {
			if (!name && git_config_get_string_buf(&cname, cfg, "user.name") == 0)
				name = cname.ptr;
			if (!email && git_config_get_string_buf(&cemail, cfg, "user.email") == 0)
				email = cemail.ptr;
		}
	}
	if (!name || !*name || !email) {
		rc = samv_error_set(SAMV_EINVAL, "who are you? set user.name and user.email "
				    "(git config) or GIT_%s_NAME and GIT_%s_EMAIL", who, who);
		goto out;
	}
	if (date) {
		if ((rc = samv_sig_parse_date(&when, &offset, date)) < 0) {
			rc = samv_error_set(SAMV_EUSAGE, "GIT_%s_DATE: %s", who, samv_error_last());
			goto out;
		}
		if (git_signature_new(out, name, email, (git_time_t)when, offset) < 0)
			rc = samv_error_git(SAMV_EINVAL, "bad author or committer");
	} else if (git_signature_now(out, name, email) < 0) {
		rc = samv_error_git(SAMV_EINVAL, "bad author or committer");
	}
out:
	git_buf_dispose(&cname);
	git_buf_dispose(&cemail);
	git_config_free(cfg);
	return rc;
}

int samv_sig_author(git_signature **out, git_repository *repo)
{
	return from_env(out, repo, "AUTHOR");
}

int samv_sig_committer(git_signature **out, git_repository *repo)
{
	return from_env(out, repo, "COMMITTER");
}
