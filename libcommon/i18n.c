/*
 * i18n.c - where the message catalogs are, and the locale set up once.
 */
#include <limits.h>
#include <locale.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"

/*
 * The catalogs live in <prefix>/share/locale beside <prefix>/bin, so the
 * same rule finds them installed (PREFIX/bin) and uninstalled (build/bin):
 * the commands are relocatable and tests need no environment.
 * SAMV_LOCALEDIR overrides; the compiled-in default is the last resort.
 */
#ifndef SAMV_LOCALEDIR
#define SAMV_LOCALEDIR "/usr/local/share/locale"
#endif

const char *samv_locale_dir(char *buf, size_t n)
{
	const char *env = getenv("SAMV_LOCALEDIR");
	char exe[PATH_MAX];
	ssize_t len;
	char *slash;

	if (env && *env)
		return env;
	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0)
		return SAMV_LOCALEDIR;
	exe[len] = '\0';
	slash = strrchr(exe, '/');
	if (!slash)
		return SAMV_LOCALEDIR;
	*slash = '\0';
	if ((size_t)snprintf(buf, n, "%s/../share/locale", exe) >= n)
		return SAMV_LOCALEDIR;
	return buf;
}

const char *samv_pgettext(const char *ctx, const char *msgid)
{
	char key[256];
	const char *s;

	if ((size_t)snprintf(key, sizeof(key), "%s\004%s", ctx, msgid) >= sizeof(key))
		return msgid;
	s = gettext(key);
	return s == key || !strcmp(s, key) ? msgid : s;
}

/*
 * Messages and character classes follow the user; numbers and times stay
 * C, so JSON, CSV for scripts and ISO dates never change with the locale
 * (documents choose their language themselves, see doc.c).
 */
void samv_i18n_init(void)
{
	char dir[PATH_MAX + 32];

	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	setlocale(LC_TIME, "C");
	bindtextdomain(SAMV_TEXTDOMAIN, samv_locale_dir(dir, sizeof(dir)));
	bind_textdomain_codeset(SAMV_TEXTDOMAIN, "UTF-8");
	textdomain(SAMV_TEXTDOMAIN);
}
