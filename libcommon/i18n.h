/*
 * i18n.h - marking user-facing text for translation (gettext).
 *
 * _() translates a message into the user's locale (LC_MESSAGES); N_()
 * marks a string for extraction where it must stay untranslated until
 * used.  Both come from glibc's libintl, so no library is added.
 */
#ifndef SAMV_I18N_H
#define SAMV_I18N_H

#include <libintl.h>

#define SAMV_TEXTDOMAIN "samv"

#define _(s) gettext(s)
#define N_(s) (s)
/* Marks (context, msgid) for xgettext (--keyword=NC_:1c,2, Makefile),
 * translated later by samv_pgettext. */
#define NC_(ctx, s) (s)

#include <stddef.h>

/* The directory holding <lang>/LC_MESSAGES/<domain>.mo (i18n.c): buf, or
 * SAMV_LOCALEDIR from the environment, or the compiled-in default. */
const char *samv_locale_dir(char *buf, size_t n);

/* msgid in the context ctx (gettext's pgettext): msgid itself when the
 * catalog has no translation. */
const char *samv_pgettext(const char *ctx, const char *msgid);

/* setlocale() for messages and character classes, and the catalog bound;
 * called first thing in every command's main. */
void samv_i18n_init(void);

#endif
