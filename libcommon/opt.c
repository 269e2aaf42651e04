/* opt.c - option tables: one table gives parsing, --help and completion. */
#include <string.h>

#include "samv.h"

static const struct samv_opt *find_long(const struct samv_opt *const *tables, const char *name, size_t len)
{
	const struct samv_opt *o;

	for (; *tables; tables++)
		for (o = *tables; o->name; o++)
			if (strlen(o->name) == len && !strncmp(o->name, name, len))
				return o;
	return NULL;
}

static const struct samv_opt *find_short(const struct samv_opt *const *tables, char c)
{
	const struct samv_opt *o;

	for (; *tables; tables++)
		for (o = *tables; o->name; o++)
			if (o->sname && o->sname == c)
				return o;
	return NULL;
}

/* "unknown option '--sectr'; did you mean '--sector'?" */
static int unknown_long(const struct samv_opt *const *tables, const char *w, int len)
{
	const char *names[256];
	const struct samv_opt *o;
	char typed[80];
	size_t n = 0;

	for (; *tables; tables++)
		for (o = *tables; o->name && n < 256; o++)
			if (o->help)
				names[n++] = o->name;
	snprintf(typed, sizeof(typed), "%.*s", len - 2, w + 2);
	return samv_error_unknown("option", "--", typed, names, n, NULL);
}

int samv_opt_next(struct samv_optstate *st, int argc, char **argv, const struct samv_opt *const *tables)
{
	const struct samv_opt *o;
	const char *w, *eq;

	st->arg = NULL;
	st->opt = NULL;
	while (st->ind < argc) {
		w = argv[st->ind++];
		if (st->dashdash || w[0] != '-' || !w[1]) {
			st->ops[st->nops++] = (char *)w;
			continue;
		}
		if (!strcmp(w, "--")) {
			st->dashdash = true;
			continue;
		}
		if (w[1] == '-') {
			eq = strchr(w + 2, '=');
			o = find_long(tables, w + 2, eq ? (size_t)(eq - w - 2) : strlen(w + 2));
			if (!o)
				return unknown_long(tables, w, eq ? (int)(eq - w) : (int)strlen(w));
			if (o->arg == SAMV_OPT_NONE && eq)
				return samv_error_set(SAMV_EUSAGE, "option '--%s' takes no value", o->name);
			if (o->arg == SAMV_OPT_ARG) {
				if (eq) {
					st->arg = eq + 1;
				} else if (st->ind < argc) {
					st->arg = argv[st->ind++];
				} else {
					return samv_error_set(SAMV_EUSAGE, "option '--%s' needs a value (%s)",
							      o->name, o->argname ? o->argname : "ARG");
				}
			}
		} else {
			o = find_short(tables, w[1]);
			if (!o)
				return samv_error_set(SAMV_EUSAGE, "unknown option '-%c'", w[1]);
			if (o->arg == SAMV_OPT_ARG) {
				if (w[2]) {
					st->arg = w + 2;
				} else if (st->ind < argc) {
					st->arg = argv[st->ind++];
				} else {
					return samv_error_set(SAMV_EUSAGE, "option '-%c' needs a value (%s)", w[1],
							      o->argname ? o->argname : "ARG");
				}
			} else if (w[2]) {
				return samv_error_set(SAMV_EUSAGE, "unknown option '%s'", w);
			}
		}
		st->opt = o;
		return o->id;
	}
	return 0;
}

void samv_opt_help(FILE *f, const struct samv_opt *opts)
{
	char left[64];
	const struct samv_opt *o;

	for (o = opts; o->name; o++) {
		if (!o->help)
			continue;
		snprintf(left, sizeof(left), "%c%c%c --%s%s%s", o->sname ? '-' : ' ', o->sname ? o->sname : ' ',
			 o->sname ? ',' : ' ', o->name, o->arg == SAMV_OPT_ARG ? "=" : "",
			 o->arg == SAMV_OPT_ARG ? (o->argname ? o->argname : "ARG") : "");
		fprintf(f, "  %-28s %s\n", left, gettext(o->help));
	}
}

void samv_opt_complete(FILE *f, const struct samv_opt *opts)
{
	const struct samv_opt *o;

	for (o = opts; o->name; o++)
		if (o->help)
			fprintf(f, "--%s%s\n", o->name, o->arg == SAMV_OPT_ARG ? "=" : "");
}
