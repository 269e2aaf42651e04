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

#endif
