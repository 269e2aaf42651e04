/*
 * entity.c - the command line shared by samv-actor, samv-person and
 * samv-arena: add, list, show, edit, retire (or close) and rm, with the
 * options of add, edit and list generated from the record type's table.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"
#include "people.h"
#include "cache.h"
#include "listcols.h"
#include "showword.h"

#define STDIN_MAX (1024 * 1024)

enum {
	O_HELP = 1, O_VERSION, O_DIR, O_COMPLETE, O_JSON, O_IDS, O_ALL, O_ID, O_STDIN, O_UNSET,
	O_DATE, O_REV, O_COMPVALUES, O_SINCE, O_UNTIL,
	O_FIELD = 1000 /* + 4 * field index + variant */
};
enum { V_SET, V_NO, V_REMOVE };

static const struct samv_opt global_opts[] = {
	{ "help", 'h', SAMV_OPT_NONE, NULL, N_("show this help and exit"), O_HELP },
	{ "version", 0, SAMV_OPT_NONE, NULL, N_("show the version and exit"), O_VERSION },
	{ "dir", 'C', SAMV_OPT_ARG, "DIR", N_("run as if started in DIR"), O_DIR },
	{ "completion-helper", 0, SAMV_OPT_NONE, NULL, NULL, O_COMPLETE },
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

struct sub {
	const char *name;
	const char *args;
	const char *help;
	const struct samv_opt *opts;
	bool fields;   /* takes the type's field options */
	bool filters;  /* takes the type's filter options */
	const struct samv_verb *verb; /* the command's own, or NULL */
};

static const struct samv_opt add_opts[] = {
	{ "id", 0, SAMV_OPT_ARG, "ID", N_("use this id instead of minting one"), O_ID },
	{ "stdin", 0, SAMV_OPT_NONE, NULL, N_("read the whole record as JSON from standard input"), O_STDIN },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt edit_opts[] = {
	{ "unset", 0, SAMV_OPT_ARG, "FIELD", N_("remove an optional field"), O_UNSET },
	{ "stdin", 0, SAMV_OPT_NONE, NULL, N_("replace the record by JSON from standard input"), O_STDIN },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt list_opts[] = {
	{ "all", 'a', SAMV_OPT_NONE, NULL, N_("include retired, inactive or closed records"), O_ALL },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the records as a JSON array"), O_JSON },
	{ "ids", 0, SAMV_OPT_NONE, NULL, N_("print only the ids, one a line"), O_IDS },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
/* list, for types with a date */
static const struct samv_opt list_dated_opts[] = {
	{ "all", 'a', SAMV_OPT_NONE, NULL, N_("include retired, inactive or closed records"), O_ALL },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the records as a JSON array"), O_JSON },
	{ "ids", 0, SAMV_OPT_NONE, NULL, N_("print only the ids, one a line"), O_IDS },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ "since", 0, SAMV_OPT_ARG, "DATE", N_("only records dated on or after DATE"), O_SINCE },
	{ "until", 0, SAMV_OPT_ARG, "DATE", N_("only records dated on or before DATE"), O_UNTIL },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt show_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the record as JSON (every field, null when absent)"), O_JSON },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the record as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt retire_opts[] = {
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("the date of the change (default today)"), O_DATE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt no_opts[] = { { NULL, 0, 0, NULL, NULL, 0 } };

struct samv_entity {
	const struct samv_cmd *cmd;
	const struct samv_type *t;
	const struct sub *sub;
	const char *dir;
	struct samv_opt *field_opts; /* generated */
	char **ops;
	int nops;
	bool json, ids, all, from_stdin;
	const char *id, *date, *rev, *since, *until;
	cJSON *extra;    /* a verb's own options: name -> [values] or true */
	const char *complete_values; /* option whose values to list */
	cJSON *set;      /* field values from options */
	cJSON *adds;     /* set fields: items to add */
	cJSON *removes;  /* set fields: items to remove */
	cJSON *unsets;   /* array of field names */
};

static void usage_line(FILE *f, const struct samv_cmd *cmd, const struct sub *s)
{
	fprintf(f, _("usage: %s %s%s%s\n"), cmd->prog, s->name, s->args[0] ? " " : "", s->args);
}

static bool builtin_name(const char *name)
{
	static const char *const names[] = { "add", "list", "show", "edit", NULL };
	const char *const *p;

	for (p = names; *p; p++)
		if (!strcmp(*p, name))
			return true;
	return false;
}

static struct sub subs_of(const struct samv_cmd *cmd, size_t i, bool *ok)
{
	const struct sub all[] = {
		{ "add", "[OPTIONS]", N_("add a record (prints its id)"), add_opts, true, false, NULL },
		{ "list", "[FILTERS]", N_("list records"), list_opts, false, true, NULL },
		{ "show", "ID", N_("show one record"), show_opts, false, false, NULL },
		{ "edit", "ID [OPTIONS]", N_("change fields of a record"), edit_opts, true, false, NULL },
		{ "retire", "ID", N_("mark a record as no longer active"), retire_opts, false, false, NULL },
		{ "rm", "ID", N_("remove a record from the current tree"), no_opts, false, false, NULL },
	};
	struct sub s = { NULL, NULL, NULL, NULL, false, false, NULL };
	const struct samv_verb *v;
	size_t k, seen = 0;

	*ok = false;
	for (k = 0; k < sizeof(all) / sizeof(all[0]); k++) {
		s = all[k];
		if (!strcmp(s.name, "add") && cmd->add_verb)
			s.name = cmd->add_verb;
		if (!strcmp(s.name, "list") && cmd->type->date_field)
			s.opts = list_dated_opts;
		if (!strcmp(s.name, "retire")) {
			if (!cmd->retire_verb)
				continue;
			s.name = cmd->retire_verb;
		}
		if (!strcmp(s.name, "rm") && !cmd->can_remove)
			continue;
		/* a command's own verb of the same name replaces the generic one */
		for (v = cmd->verbs; v && v->name && strcmp(v->name, s.name); v++)
			;
		if (v && v->name)
			s = (struct sub){ v->name, v->args, v->help, v->opts ? v->opts : no_opts, v->fields, false, v };
		if (seen++ == i) {
			*ok = true;
			return s;
		}
	}
	for (v = cmd->verbs; v && v->name; v++)
		if (!builtin_name(v->name) && seen++ == i) {
			*ok = true;
			return (struct sub){ v->name, v->args, v->help, v->opts ? v->opts : no_opts, v->fields, false, v };
		}
	return s;
}

/* ---- generated options ---------------------------------------------- */

static char *opt_name(const char *prefix, const char *name)
{
	char *s = NULL;

	if (asprintf(&s, "%s%s", prefix, name) < 0)
		return NULL;
	return s;
}

static int gen_opts(struct samv_entity *c, bool filters)
{
	const struct samv_type *t = c->t;
	struct samv_opt *o;
	size_t i, n = 0;

	if (!(c->field_opts = o = calloc(t->nfields * 3 + 1, sizeof(*o))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];
		int base = O_FIELD + (int)i * 4;

		/* a map (an assessment's answers) is no option: its command reads it */
		if (f->kind == SAMV_F_ID || f->kind == SAMV_F_MAP || (f->flags & SAMV_FL_NOEDIT) ||
		    (filters && !(f->flags & SAMV_FL_FILTER)))
			continue;
		o[n] = (struct samv_opt){ f->opt, 0, SAMV_OPT_ARG, "VALUE", f->help, base + V_SET };
		if (f->kind == SAMV_F_ENUM)
			o[n].argname = "WORD";
		else if (f->kind == SAMV_F_DATE)
			o[n].argname = "DATE";
		else if (f->kind == SAMV_F_REF || f->kind == SAMV_F_REFS)
			o[n].argname = "ID";
		else if (f->kind == SAMV_F_KEYS)
			o[n].argname = "KEY";
		else if (f->kind == SAMV_F_TIME)
			o[n].argname = "HH:MM";
		else if (f->kind == SAMV_F_TEXT)
			o[n].argname = "TEXT";
		else if (f->kind == SAMV_F_INT)
			o[n].argname = "N";
		else if (f->kind == SAMV_F_BOOL)
			o[n].arg = SAMV_OPT_NONE;
		if (!(o[n].name = opt_name("", f->opt)))
			return samv_error_set(SAMV_ERROR, "out of memory");
		n++;
		if (f->kind == SAMV_F_BOOL) {
			o[n] = (struct samv_opt){ opt_name("no-", f->opt), 0, SAMV_OPT_NONE, NULL, N_("the opposite of the option above"),
						  base + V_NO };
			if (!o[n++].name)
				return samv_error_set(SAMV_ERROR, "out of memory");
		}
		if (f->kind == SAMV_F_OBJS)
			continue;
		if (!filters && (!strcmp(c->sub->name, "edit") || c->sub->verb) &&
		    (f->kind == SAMV_F_REFS || f->kind == SAMV_F_KEYS)) {
			o[n] = (struct samv_opt){ opt_name("remove-", f->opt), 0, SAMV_OPT_ARG, o[n - 1].argname,
						  N_("remove from the set"), base + V_REMOVE };
			if (!o[n++].name)
				return samv_error_set(SAMV_ERROR, "out of memory");
		}
	}
	return 0;
}

static void free_opts(struct samv_opt *o)
{
	struct samv_opt *p;

	for (p = o; p && p->name; p++)
		free((char *)p->name);
	free(o);
}

/* A reference given on the command line may be a unique prefix. */
static int resolve_ref(char out[SAMV_ID_MAX + 1], struct samv_view *v, const struct samv_field *f,
		       const char *given)
{
	const struct samv_type *target = samv_type_find(f->ref);
	int rc;

	if (!target)
		return samv_error_set(SAMV_ERROR, "--%s: no type '%s'", f->opt, f->ref);
	if ((rc = samv_record_resolve(out, v, target, given)) < 0)
		return samv_error_set(rc, "--%s: %s", f->opt, samv_error_last());
	return 0;
}

static int field_option(struct samv_entity *c, int id, const char *arg)
{
	const struct samv_field *f = &c->t->fields[(id - O_FIELD) / 4];
	int variant = (id - O_FIELD) % 4;
	cJSON *list, *target;

	if (f->kind == SAMV_F_BOOL) {
		cJSON_DeleteItemFromObjectCaseSensitive(c->set, f->name);
		return cJSON_AddBoolToObject(c->set, f->name, variant == V_SET) ? 0 : SAMV_ERROR;
	}
	if (samv_utf8_invalid(arg, strlen(arg)) >= 0)
		return samv_error_set(SAMV_EINVAL, "--%s: invalid UTF-8", f->opt);
	if (f->kind == SAMV_F_REFS || f->kind == SAMV_F_KEYS || f->kind == SAMV_F_LIST) {
		target = variant == V_REMOVE ? c->removes : c->adds;
		if (!(list = cJSON_GetObjectItemCaseSensitive(target, f->name)) &&
		    !(list = cJSON_AddArrayToObject(target, f->name)))
			return SAMV_ERROR;
		return cJSON_AddItemToArray(list, cJSON_CreateString(arg)) ? 0 : SAMV_ERROR;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(c->set, f->name);
	if (f->kind == SAMV_F_INT) {
		const char *p = arg + (*arg == '-');

		/* digits only: "1e3", " 5" and "50%" are typing mistakes, not numbers */
		if (!*p || strspn(p, "0123456789") != strlen(p) || strlen(p) > 9)
			return samv_error_set(SAMV_EINVAL, "--%s: '%s' is not a whole number", f->opt, arg);
		return cJSON_AddNumberToObject(c->set, f->name, (double)strtol(arg, NULL, 10)) ? 0 : SAMV_ERROR;
	}
	if (f->kind == SAMV_F_TEXT) {
		char *text;
		int rc;

		if ((rc = samv_text_arg(&text, f->opt, arg)) < 0)
			return rc;
		rc = cJSON_AddStringToObject(c->set, f->name, text) ? 0 : SAMV_ERROR;
		free(text);
		return rc;
	}
	if (f->kind == SAMV_F_ENUM) /* Swedish words stand for the values */
		arg = samv_word_canonical(f->name, f->values, arg);
	return cJSON_AddStringToObject(c->set, f->name, arg) ? 0 : SAMV_ERROR;
}

static int verb_option(struct samv_entity *c, const struct samv_opt *o, const char *arg)
{
	cJSON *list;

	if (o->arg == SAMV_OPT_NONE) {
		cJSON_DeleteItemFromObjectCaseSensitive(c->extra, o->name);
		return cJSON_AddTrueToObject(c->extra, o->name) ? 0 : SAMV_ERROR;
	}
	if (samv_utf8_invalid(arg, strlen(arg)) >= 0)
		return samv_error_set(SAMV_EINVAL, "--%s: invalid UTF-8", o->name);
	if (!(list = cJSON_GetObjectItemCaseSensitive(c->extra, o->name)) &&
	    !(list = cJSON_AddArrayToObject(c->extra, o->name)))
		return SAMV_ERROR;
	return cJSON_AddItemToArray(list, cJSON_CreateString(arg)) ? 0 : SAMV_ERROR;
}

/* ---- parsing --------------------------------------------------------- */

static void print_help(const struct samv_cmd *cmd)
{
	struct sub s;
	bool ok;
	size_t i, wn = 0, wa = 0;
	int page = (int)strcspn(cmd->prog, " ");

	printf(_("usage: %s [-C DIR] COMMAND [OPTIONS]\n\n%s\n\ncommands:\n"), cmd->prog, gettext(cmd->summary));
	for (i = 0; (s = subs_of(cmd, i, &ok)), ok; i++) {
		if (strlen(s.name) > wn)
			wn = strlen(s.name);
		if (strlen(s.args) > wa)
			wa = strlen(s.args);
	}
	for (i = 0; (s = subs_of(cmd, i, &ok)), ok; i++)
		printf("  %-*s %-*s  %s\n", (int)wn, s.name, (int)wa, s.args, gettext(s.help));
	fputs(_("\noptions:\n"), stdout);
	samv_opt_help(stdout, global_opts);
	printf(_("\nRun '%s COMMAND --help' for a command's options; see %.*s(1).\n"), cmd->prog, page, cmd->prog);
}

static void print_sub_help(struct samv_entity *c)
{
	usage_line(stdout, c->cmd, c->sub);
	printf("\n%s\n%s", gettext(c->sub->help), _("\noptions:\n"));
	samv_opt_help(stdout, c->sub->opts);
	if (c->field_opts)
		samv_opt_help(stdout, c->field_opts);
	samv_opt_help(stdout, global_opts);
}

static void complete(struct samv_entity *c)
{
	struct sub s;
	bool ok;
	size_t i;

	if (!c->sub) {
		for (i = 0; (s = subs_of(c->cmd, i, &ok)), ok; i++)
			printf("%s\n", s.name);
		samv_opt_complete(stdout, global_opts);
		return;
	}
	samv_opt_complete(stdout, c->sub->opts);
	if (c->field_opts)
		samv_opt_complete(stdout, c->field_opts);
	samv_opt_complete(stdout, global_opts);
}

/* "unknown command 'lst'; did you mean 'list'?" */
static int unknown_sub(const struct samv_cmd *cmd, const char *typed)
{
	const char *names[64];
	char see[80];
	struct sub s;
	bool ok;
	size_t n;

	for (n = 0; n < 64 && ((s = subs_of(cmd, n, &ok)), ok); n++)
		names[n] = s.name;
	snprintf(see, sizeof(see), "%s --help", cmd->prog);
	return samv_error_unknown("command", "", typed, names, n, see);
}

/* Returns 1 when the command is done (help, version), 0 to go on, < 0. */
static int parse(struct samv_entity *c, int argc, char **argv)
{
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	const struct samv_opt *tables[4] = { global_opts, NULL, NULL, NULL };
	bool want_help = false, want_complete = false, ok;
	struct sub s;
	size_t i;
	int id;

	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	c->ops = st.ops;
	/* options before the subcommand: only the global ones */
	while (st.ind < argc && argv[st.ind][0] == '-' && argv[st.ind][1]) {
		if ((id = samv_opt_next(&st, argc, argv, tables)) < 0)
			return id;
		if (id == O_HELP)
			want_help = true;
		else if (id == O_VERSION)
			return samv_print_version(stdout, c->cmd->prog), 1;
		else if (id == O_DIR)
			c->dir = st.arg;
		else if (id == O_COMPLETE)
			want_complete = true;
		else if (id == O_COMPVALUES)
			c->complete_values = st.arg;
	}
	if (st.ind < argc) {
		for (i = 0; (s = subs_of(c->cmd, i, &ok)), ok; i++)
			if (!strcmp(s.name, argv[st.ind]))
				break;
		if (!ok)
			return unknown_sub(c->cmd, argv[st.ind]);
		c->sub = malloc(sizeof(*c->sub));
		if (!c->sub)
			return samv_error_set(SAMV_ERROR, "out of memory");
		memcpy((struct sub *)c->sub, &s, sizeof(s));
		st.ind++;
	}
	if (!c->sub) {
		if (c->complete_values)
			return 0;
		if (want_complete)
			return complete(c), 1;
		if (want_help)
			return print_help(c->cmd), 1;
		return samv_error_set(SAMV_EUSAGE, "no command given (see %s --help)", c->cmd->prog);
	}
	if ((c->sub->fields || c->sub->filters) && gen_opts(c, c->sub->filters) < 0)
		return SAMV_ERROR;
	tables[1] = c->sub->opts;
	tables[2] = c->field_opts;
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		switch (id) {
		case O_HELP: want_help = true; break;
		case O_VERSION: return samv_print_version(stdout, c->cmd->prog), 1;
		case O_DIR: c->dir = st.arg; break;
		case O_COMPLETE: want_complete = true; break;
		case O_COMPVALUES: c->complete_values = st.arg; break;
		case O_JSON: c->json = true; break;
		case O_IDS: c->ids = true; break;
		case O_ALL: c->all = true; break;
		case O_ID: c->id = st.arg; break;
		case O_STDIN: c->from_stdin = true; break;
		case O_DATE: c->date = st.arg; break;
		case O_REV: c->rev = st.arg; break;
		case O_SINCE: c->since = st.arg; break;
		case O_UNTIL: c->until = st.arg; break;
		case O_UNSET:
			if (!cJSON_AddItemToArray(c->unsets, cJSON_CreateString(st.arg)))
				return SAMV_ERROR;
			break;
		default:
			if (id >= SAMV_OPT_VERB && id < O_FIELD) {
				if (verb_option(c, st.opt, st.arg) < 0)
					return SAMV_EINVAL;
			} else if (field_option(c, id, st.arg) < 0) {
				return SAMV_EINVAL;
			}
		}
	}
	if (id < 0)
		return id;
	c->nops = st.nops;
	if (want_complete)
		return complete(c), 1;
	if (want_help)
		return print_sub_help(c), 1;
	return 0;
}

/* ---- output ---------------------------------------------------------- */

/* A list inside an object of a list stays on its line: "[eva, per]". */
static void print_inline(FILE *f, const cJSON *list)
{
	const cJSON *it;

	fputc('[', f);
	cJSON_ArrayForEach(it, list)
		fprintf(f, "%s%s", it != list->child ? ", " : "", cJSON_IsString(it) ? it->valuestring : "?");
	fputc(']', f);
}

static void print_value(FILE *f, const struct samv_field *fld, const cJSON *v, int indent)
{
	const struct samv_type *sub = fld->kind == SAMV_F_OBJS ? samv_subtype_find(fld->ref) : NULL;
	const struct samv_field *sf;
	const cJSON *it, *m;
	const char *s, *nl;

	if (cJSON_IsBool(v)) {
		fputs(cJSON_IsTrue(v) ? _("yes") : _("no"), f);
	} else if (cJSON_IsNumber(v)) {
		fprintf(f, "%g", v->valuedouble);
	} else if (cJSON_IsArray(v)) {
		/* ids one a line, under each other; one-letter keys on one line;
		 * objects one a line, their values joined by commas */
		cJSON_ArrayForEach(it, v) {
			if (cJSON_IsObject(it)) {
				if (it != v->child)
					fprintf(f, "\n%*s", indent, "");
				cJSON_ArrayForEach(m, it) {
					if (m != it->child)
						fputs(", ", f);
					if (cJSON_IsArray(m))
						print_inline(f, m);
					else if (cJSON_IsString(m) && sub && (sf = samv_field_find(sub, m->string)))
						fputs(strchr(m->valuestring, '\n') ? _("(text)") : samv_show_value(sf, m->valuestring), f);
					else if (cJSON_IsString(m))
						fprintf(f, "%s", strchr(m->valuestring, '\n') ? _("(text)") : m->valuestring);
				}
				continue;
			}
			s = cJSON_IsString(it) ? it->valuestring : "?";
			if (it != v->child && strlen(s) > 1)
				fprintf(f, "\n%*s", indent, "");
			else if (it != v->child)
				fputs(", ", f);
			fputs(s, f);
		}
	} else if (cJSON_IsString(v)) {
		/* continuation lines of a text line up under its first line */
		for (s = v->valuestring; (nl = strchr(s, '\n')); s = nl + 1)
			fprintf(f, "%.*s\n%*s", (int)(nl - s), s, indent, "");
		fputs(s, f);
	}
}

/* Labels and enum values in the user's language (showword.c); the
 * labels are lined up by their width on the terminal. */
void samv_entity_print_record(FILE *f, const struct samv_type *t, const cJSON *rec)
{
	const cJSON *v;
	const char *label;
	size_t i, w = 0;

	for (i = 0; i < t->nfields; i++)
		if (cJSON_GetObjectItemCaseSensitive(rec, t->fields[i].name) &&
		    samv_utf8_width(samv_show_label(t->fields[i].name)) > w)
			w = samv_utf8_width(samv_show_label(t->fields[i].name));
	for (i = 0; i < t->nfields; i++) {
		if (!(v = cJSON_GetObjectItemCaseSensitive(rec, t->fields[i].name)))
			continue;
		label = samv_show_label(t->fields[i].name);
		fprintf(f, "%s:%*s ", label, (int)(w - samv_utf8_width(label)), "");
		if (cJSON_IsString(v) && t->fields[i].kind == SAMV_F_ENUM)
			fputs(samv_show_value(&t->fields[i], v->valuestring), f);
		else
			print_value(f, &t->fields[i], v, (int)w + 2);
		fputc('\n', f);
	}
}

static const char *cell(const cJSON *rec, const struct samv_field *f)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, f->name);

	if (cJSON_IsString(v))
		return samv_show_value(f, v->valuestring);
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v) ? _("yes") : _("no");
	return "-";
}

/* The table of a list: the id and the column fields, lined up. */
static int list_human(const struct samv_type *t, const cJSON *arr)
{
	static const char spaces[] = "                                ";
	struct { const char *s; size_t w; } *cells, *c;
	size_t w[32] = { 0 }, cols[32], ncols = 0, nrec = (size_t)cJSON_GetArraySize(arr), i, pad, n;
	const cJSON *rec;

	for (i = 0; i < t->nfields && i < 32; i++)
		if (!i || (t->fields[i].flags & SAMV_FL_COLUMN))
			cols[ncols++] = i;
	/* each cell found and measured once: a long list's time was in them */
	if (!(c = cells = calloc(nrec * ncols + 1, sizeof(*cells))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(rec, arr)
		for (i = 0; i < ncols; i++, c++) {
			c->s = cell(rec, &t->fields[cols[i]]);
			if ((c->w = samv_utf8_width(c->s)) > w[i])
				w[i] = c->w;
		}
	for (c = cells, n = 0; nrec--;)
		for (i = 0; i < ncols; i++, c++) {
			fputs(c->s, stdout);
			if (i == ncols - 1) {
				putchar('\n');
				continue;
			}
			/* padded by hand: printf was most of a long list's time */
			for (pad = w[i] - c->w + 2; pad; pad -= n)
				fwrite(spaces, 1, (n = pad < sizeof(spaces) - 1 ? pad : sizeof(spaces) - 1), stdout);
		}
	free(cells);
	return 0;
}

int samv_print_json(FILE *f, const cJSON *v)
{
	struct samv_buf b = SAMV_BUF_INIT;
	int rc = samv_json_print(&b, v);

	if (rc == 0)
		fputs(b.ptr, f);
	samv_buf_free(&b);
	return rc;
}

/* ---- subcommands ----------------------------------------------------- */

static int one_operand(struct samv_entity *c, const char *what)
{
	if (c->nops != 1)
		return samv_error_set(SAMV_EUSAGE, "%s: expected %s (usage: %s %s %s)", c->sub->name, what,
				      c->cmd->prog, c->sub->name, c->sub->args);
	return 0;
}

/* References given on the command line (values and filters) may be unique
 * prefixes: resolve them to full ids once, before they are used. */
static int resolve_refs(struct samv_entity *c, struct samv_view *v)
{
	char id[SAMV_ID_MAX + 1];
	cJSON *o, *it;

	cJSON_ArrayForEach(o, c->set) {
		const struct samv_field *f = samv_field_find(c->t, o->string);

		if (f && f->kind == SAMV_F_REF && cJSON_IsString(o)) {
			if (resolve_ref(id, v, f, o->valuestring) < 0)
				return SAMV_EINVAL;
			cJSON_SetValuestring(o, id);
		}
	}
	cJSON_ArrayForEach(o, c->adds) {
		const struct samv_field *f = samv_field_find(c->t, o->string);

		cJSON_ArrayForEach(it, o)
			if (f && f->kind == SAMV_F_REFS) {
				if (resolve_ref(id, v, f, it->valuestring) < 0)
					return SAMV_EINVAL;
				cJSON_SetValuestring(it, id);
			}
	}
	return 0;
}

/* A filter's value is checked as an input of the field would be: a word
 * the field does not know is refused, not matched against nothing. */
static int check_filters(struct samv_entity *c)
{
	const struct samv_field *f;
	char name[80];
	cJSON *o, *it, *one;
	int rc = 0;

	cJSON_ArrayForEach(o, c->set) {
		if (!(f = samv_field_find(c->t, o->string)))
			continue;
		snprintf(name, sizeof(name), "--%s", f->opt);
		if (samv_field_value_check(f, o, name) < 0)
			return SAMV_EUSAGE;
	}
	cJSON_ArrayForEach(o, c->adds) {
		if (!(f = samv_field_find(c->t, o->string)))
			continue;
		snprintf(name, sizeof(name), "--%s", f->opt);
		cJSON_ArrayForEach(it, o) {
			if (!(one = cJSON_CreateArray()) || !cJSON_AddItemToArray(one, cJSON_CreateString(it->valuestring))) {
				cJSON_Delete(one);
				return samv_error_set(SAMV_ERROR, "out of memory");
			}
			rc = samv_field_value_check(f, one, name);
			cJSON_Delete(one);
			if (rc < 0)
				return SAMV_EUSAGE;
		}
	}
	return 0;
}

static bool matches(struct samv_entity *c, const cJSON *rec)
{
	const cJSON *want, *have, *it;
	const char *date = c->t->date_field ? samv_record_str(rec, c->t->date_field) : NULL;

	if ((c->since || c->until) &&
	    (!date || (c->since && strcmp(date, c->since) < 0) || (c->until && strcmp(date, c->until) > 0)))
		return false;
	cJSON_ArrayForEach(want, c->set) {
		have = cJSON_GetObjectItemCaseSensitive(rec, want->string);
		if (cJSON_IsBool(want) ? cJSON_IsTrue(want) != cJSON_IsTrue(have)
				       : !cJSON_IsString(have) || strcmp(have->valuestring, want->valuestring))
			return false;
	}
	cJSON_ArrayForEach(want, c->adds) {
		have = cJSON_GetObjectItemCaseSensitive(rec, want->string);
		cJSON_ArrayForEach(it, want)
			if (!samv_json_has(have, it->valuestring))
				return false;
	}
	return true;
}

static bool retired(struct samv_entity *c, const cJSON *rec)
{
	const char *status = samv_record_str(rec, "status");

	return c->t->retire_value && status && !strcmp(status, c->t->retire_value);
}

/* The records a list may print: those that retired() and matches() may
 * keep, read through the cache's list index when it can serve (only the
 * records listed are read: a superset SQL selects on the list columns;
 * the two rules run on them again), else every record.  When the output
 * and every filter need only the list columns, the records are list rows
 * (listcols.h), built from the columns without parsing the records. */
static int list_load(cJSON **out, struct samv_entity *c, struct samv_view *v)
{
	struct samv_buf where = SAMV_BUF_INIT;
	const char **args = calloc((size_t)cJSON_GetArraySize(c->set) + 4, sizeof(*args));
	bool rows = !c->json && samv_listcols_cover(c->t) && !cJSON_GetArraySize(c->adds);
	const char *date = c->t->date_field;
	const cJSON *o;
	size_t n = 0;
	int col, rc;

	if (!args || samv_buf_puts(&where, "1") < 0) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (c->t->retire_value && !c->all && !cJSON_GetObjectItemCaseSensitive(c->set, "status") &&
	    !samv_listcol_cond(&where, args, &n, c->t, "status", "IS NOT", c->t->retire_value))
		rows = false;
	if (c->since && (!date || !samv_listcol_cond(&where, args, &n, c->t, date, ">=", c->since)))
		rows = false;
	if (c->until && (!date || !samv_listcol_cond(&where, args, &n, c->t, date, "<=", c->until)))
		rows = false;
	cJSON_ArrayForEach(o, c->set) {
		if (cJSON_IsString(o) && samv_listcol_cond(&where, args, &n, c->t, o->string, "=", o->valuestring))
			continue;
		if (cJSON_IsBool(o) && (col = samv_listcol(c->t, o->string)) >= 0) {
			samv_buf_printf(&where, " AND k_f%d IS %s1", col + 1, cJSON_IsTrue(o) ? "" : "NOT ");
			continue;
		}
		rows = false;
	}
	if (!where.ptr) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = samv_record_list(out, v, c->t, rows, where.ptr, args)) == 1)
		rc = samv_record_load_all(out, v, c->t, NULL);
out:
	samv_buf_free(&where);
	free(args);
	return rc;
}

static int cmd_list(struct samv_entity *c, struct samv_store *s)
{
	struct samv_view *v = NULL;
	cJSON *all = NULL, *out = NULL, *rec, *next;
	int rc;

	if (c->nops)
		return samv_error_set(SAMV_EUSAGE, "list: unexpected argument '%s'", c->ops[0]);
	/* a filter that is not valid is a usage error (exit 2) */
	if (c->since && samv_date_check(c->since) < 0)
		return samv_error_set(SAMV_EUSAGE, "--since: %s", samv_error_last());
	if (c->until && samv_date_check(c->until) < 0)
		return samv_error_set(SAMV_EUSAGE, "--until: %s", samv_error_last());
	if ((rc = check_filters(c)) < 0)
		return rc;
	if ((rc = samv_view_rev(&v, s, c->rev)) < 0 ||
	    (samv_type_personal(c->t) && (rc = samv_view_people_check(v)) < 0))
		goto out;
	if ((rc = resolve_refs(c, v)) < 0) {
		rc = SAMV_EUSAGE;
		goto out;
	}
	if ((rc = list_load(&all, c, v)) < 0)
		goto out;
	if (!(out = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (rec = all->child; rec; rec = next) {
		next = rec->next;
		if ((retired(c, rec) && !c->all && !cJSON_GetObjectItemCaseSensitive(c->set, "status")) ||
		    !matches(c, rec))
			continue;
		cJSON_AddItemToArray(out, cJSON_DetachItemViaPointer(all, rec));
	}
	if (c->json) {
		rc = samv_print_records(stdout, c->t, out);
	} else if (c->ids) {
		cJSON_ArrayForEach(rec, out)
			printf("%s\n", samv_record_str(rec, "id"));
	} else {
		rc = list_human(c->t, out);
	}
out:
	cJSON_Delete(all);
	cJSON_Delete(out);
	samv_view_free(v);
	return rc;
}

static int cmd_show(struct samv_entity *c, struct samv_store *s)
{
	struct samv_buf text = SAMV_BUF_INIT;
	struct samv_view *v = NULL;
	char id[SAMV_ID_MAX + 1];
	cJSON *rec = NULL;
	int rc;

	if ((rc = one_operand(c, "one id")) < 0)
		return rc;
	if ((rc = samv_view_rev(&v, s, c->rev)) < 0 || (rc = samv_record_resolve(id, v, c->t, c->ops[0])) < 0 ||
	    (rc = samv_record_load(&rec, v, c->t, id)) < 0)
		goto out;
	if (c->json) {
		rc = samv_print_records(stdout, c->t, rec);
	} else {
		samv_entity_print_record(stdout, c->t, rec);
	}
out:
	samv_buf_free(&text);
	cJSON_Delete(rec);
	samv_view_free(v);
	return rc;
}

static int read_stdin_record(cJSON **out)
{
	return samv_json_read_object(out, stdin, STDIN_MAX, "standard input");
}

/* Apply option values to rec: scalars replace, sets gain and lose items,
 * references given as prefixes are resolved. */
static int apply(struct samv_entity *c, cJSON *rec, struct samv_view *v)
{
	char id[SAMV_ID_MAX + 1];
	const cJSON *o, *it;
	cJSON *list;

	if (resolve_refs(c, v) < 0)
		return SAMV_EINVAL;
	cJSON_ArrayForEach(o, c->set) {
		cJSON *val = cJSON_Duplicate(o, 1);

		if (!val)
			return SAMV_ERROR;
		cJSON_DeleteItemFromObjectCaseSensitive(rec, o->string);
		cJSON_AddItemToObject(rec, o->string, val);
	}
	cJSON_ArrayForEach(o, c->adds) {
		if (!(list = cJSON_GetObjectItemCaseSensitive(rec, o->string)) &&
		    !(list = cJSON_AddArrayToObject(rec, o->string)))
			return SAMV_ERROR;
		if (!cJSON_IsArray(list))
			return samv_error_set(SAMV_EINVAL, "%s: must be a list", o->string);
		cJSON_ArrayForEach(it, o)
			if (!samv_json_has(list, it->valuestring) &&
			    !cJSON_AddItemToArray(list, cJSON_CreateString(it->valuestring)))
				return SAMV_ERROR;
	}
	cJSON_ArrayForEach(o, c->removes) {
		const struct samv_field *f = samv_field_find(c->t, o->string);

		list = cJSON_GetObjectItemCaseSensitive(rec, o->string);
		cJSON_ArrayForEach(it, o) {
			const char *want = it->valuestring;
			cJSON *h;

			if (f->kind == SAMV_F_REFS && resolve_ref(id, v, f, want) == 0)
				want = id;
			for (h = list ? list->child : NULL; h; h = h->next)
				if (cJSON_IsString(h) && !strcmp(h->valuestring, want))
					break;
			if (!h)
				return samv_error_set(SAMV_EINVAL, "--remove-%s: '%s' is not in %s", f->opt,
						      it->valuestring, o->string);
			cJSON_Delete(cJSON_DetachItemViaPointer(list, h));
		}
	}
	cJSON_ArrayForEach(o, c->unsets) {
		const struct samv_field *f = samv_field_find(c->t, o->valuestring);

		if (!f)
			return samv_error_set(SAMV_EINVAL, "--unset: '%s' is not a field of %s records", o->valuestring,
					      c->t->name);
		if (f->flags & SAMV_FL_REQUIRED)
			return samv_error_set(SAMV_EINVAL, "--unset: '%s' is required", o->valuestring);
		cJSON_DeleteItemFromObjectCaseSensitive(rec, o->valuestring);
	}
	return 0;
}

int samv_entity_commit(struct samv_entity *c, struct samv_txn *t, const char *verb, const char *id,
		       const char *body)
{
	char subject[256];
	bool changed;
	int rc;

	snprintf(subject, sizeof(subject), "%s: %s %s", c->t->name, verb, id);
	if ((rc = samv_txn_commit(t, subject, body, &changed)) < 0)
		return rc;
	if (!changed)
		fprintf(stderr, _("%s: nothing to change in %s '%s'\n"), c->cmd->prog, samv_type_the(c->t), id);
	return 0;
}

/* Fields with a default (status: active) get it when a record leaves them out. */
static int add_defaults(const struct samv_type *t, cJSON *rec)
{
	size_t i;

	for (i = 0; i < t->nfields; i++)
		if (t->fields[i].def && !cJSON_GetObjectItemCaseSensitive(rec, t->fields[i].name) &&
		    !cJSON_AddStringToObject(rec, t->fields[i].name, t->fields[i].def))
			return samv_error_set(SAMV_ERROR, "out of memory");
	return 0;
}

/* Whether a write of a type's records goes to the people ref: then ids
 * and commit messages carry no name (samv(7), Personal data). */
static bool private_people(const struct samv_type *type, struct samv_txn *t)
{
	const git_oid *tip;
	git_tree *tree;

	if (!samv_type_personal(type))
		return false;
	if (samv_txn_people(t, &tip, &tree) == 0)
		return true;
	samv_error_clear();
	return false;
}

static int cmd_add(struct samv_entity *c, struct samv_store *s)
{
	char id[SAMV_ID_MAX + 1], path[256], command[64];
	struct samv_txn *t = NULL;
	struct samv_buf body = SAMV_BUF_INIT;
	cJSON *rec = NULL;
	const char *name;
	int rc;

	if (c->nops)
		return samv_error_set(SAMV_EUSAGE, "add: unexpected argument '%s' (values go in options, "
				      "e.g. --name)", c->ops[0]);
	if (c->from_stdin) {
		if ((rc = read_stdin_record(&rec)) < 0)
			return rc;
	} else if (!(rec = cJSON_CreateObject())) {
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	snprintf(command, sizeof(command), "%s %s", c->cmd->prog, c->sub->name);
	if ((rc = samv_txn_begin(&t, s, command)) < 0 || (rc = apply(c, rec, samv_txn_view(t))) < 0)
		goto out;
	if ((rc = add_defaults(c->t, rec)) < 0)
		goto out;
	name = samv_record_str(rec, c->t->name_field ? c->t->name_field : "name");
	if (c->id || samv_record_str(rec, "id")) {
		const char *given = c->id ? c->id : samv_record_str(rec, "id");

		if ((rc = samv_id_check(given, "id")) < 0)
			goto out;
		snprintf(id, sizeof(id), "%s", given);
	} else if (!name) {
		const char *nf = c->t->name_field ? c->t->name_field : "name";

		rc = samv_error_set(SAMV_EINVAL, "%s: required (--%s)", nf, samv_field_find(c->t, nf)->opt);
		goto out;
	} else if ((rc = samv_id_mint(id, sizeof(id), private_people(c->t, t) ? "p" : name)) < 0) {
		/* a person's id carries no name: "p-7k2m9q" (samv(7)) */
		goto out;
	}
	if ((rc = samv_type_path(path, sizeof(path), c->t, id)) < 0)
		goto out;
	if (samv_view_exists(samv_txn_view(t), path)) {
		rc = samv_error_setp(SAMV_EEXISTS, "%s '%s' already exists", samv_type_the(c->t), id);
		goto out;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "id");
	cJSON_AddStringToObject(rec, "id", id);
	if (c->cmd->prepare && (rc = c->cmd->prepare(t, rec, NULL)) < 0)
		goto out;
	if ((rc = samv_txn_put_record(t, c->t, rec)) < 0)
		goto out;
	if (name && !private_people(c->t, t) && (rc = samv_buf_printf(&body, "%s", name)) < 0)
		goto out;
	if ((rc = samv_entity_commit(c, t, c->sub->name, id, body.ptr)) == 0)
		printf("%s\n", id);
out:
	samv_buf_free(&body);
	samv_txn_free(t);
	cJSON_Delete(rec);
	return rc;
}

/* The names of the fields that differ between two versions of a record. */
static int changed_fields(struct samv_buf *out, const struct samv_type *t, const cJSON *a, const cJSON *b)
{
	size_t i;
	int n = 0;

	for (i = 0; i < t->nfields; i++) {
		const cJSON *x = cJSON_GetObjectItemCaseSensitive(a, t->fields[i].name);
		const cJSON *y = cJSON_GetObjectItemCaseSensitive(b, t->fields[i].name);

		if ((!x) != (!y) || (x && !cJSON_Compare(x, y, 1)))
			if (samv_buf_printf(out, "%s%s", n++ ? ", " : "Changed: ", t->fields[i].name) < 0)
				return SAMV_ERROR;
	}
	return 0;
}

/* Fields the commands set (attendance, dates of a status) are not
 * rewritten by a document on standard input: left out, they are kept. */
static int keep_noedit(const struct samv_type *t, cJSON *rec, const cJSON *old)
{
	size_t i;

	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];
		const cJSON *was = cJSON_GetObjectItemCaseSensitive(old, f->name);
		const cJSON *now = cJSON_GetObjectItemCaseSensitive(rec, f->name);
		cJSON *copy;

		if (!(f->flags & SAMV_FL_NOEDIT))
			continue;
		if (now && !(was && cJSON_Compare(was, now, true)))
			return samv_error_set(SAMV_EINVAL, "standard input: %s is set by the commands, not edited",
					      f->name);
		if (was && !now && (!(copy = cJSON_Duplicate(was, true)) || !cJSON_AddItemToObject(rec, f->name, copy)))
			return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

static int cmd_edit(struct samv_entity *c, struct samv_store *s)
{
	char id[SAMV_ID_MAX + 1], command[64];
	struct samv_buf body = SAMV_BUF_INIT;
	struct samv_txn *t = NULL;
	cJSON *old = NULL, *rec = NULL;
	const char *status;
	int rc;

	if ((rc = one_operand(c, "one id")) < 0)
		return rc;
	snprintf(command, sizeof(command), "%s edit", c->cmd->prog);
	if ((rc = samv_txn_begin(&t, s, command)) < 0 ||
	    (rc = samv_record_resolve(id, samv_txn_view(t), c->t, c->ops[0])) < 0 ||
	    (rc = samv_record_load(&old, samv_txn_view(t), c->t, id)) < 0)
		goto out;
	if (c->from_stdin) {
		const char *given;

		if ((rc = read_stdin_record(&rec)) < 0)
			goto out;
		if ((given = samv_record_str(rec, "id")) && strcmp(given, id)) {
			rc = samv_error_set(SAMV_EINVAL, "standard input: id '%s' is not '%s'; "
					    "ids cannot be changed", given, id);
			goto out;
		}
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "id");
		cJSON_AddStringToObject(rec, "id", id);
		if ((rc = keep_noedit(c->t, rec, old)) < 0 || (rc = add_defaults(c->t, rec)) < 0)
			goto out;
	} else if (!cJSON_GetArraySize(c->set) && !cJSON_GetArraySize(c->adds) && !cJSON_GetArraySize(c->removes) &&
		   !cJSON_GetArraySize(c->unsets)) {
		rc = samv_error_set(SAMV_EUSAGE, "edit: nothing to change given (see %s edit --help)", c->cmd->prog);
		goto out;
	} else if (!(rec = cJSON_Duplicate(old, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if ((rc = apply(c, rec, samv_txn_view(t))) < 0)
		goto out;
	/* back from retirement: the retirement date no longer holds */
	status = samv_record_str(rec, "status");
	if (c->t->retire_value && status && strcmp(status, c->t->retire_value))
		cJSON_DeleteItemFromObjectCaseSensitive(rec, "retired");
	if (c->cmd->prepare && (rc = c->cmd->prepare(t, rec, old)) < 0)
		goto out;
	if ((rc = samv_txn_put_record(t, c->t, rec)) < 0 || (rc = changed_fields(&body, c->t, old, rec)) < 0)
		goto out;
	rc = samv_entity_commit(c, t, "edit", id, body.ptr);
out:
	samv_buf_free(&body);
	samv_txn_free(t);
	cJSON_Delete(old);
	cJSON_Delete(rec);
	return rc;
}

static int cmd_retire(struct samv_entity *c, struct samv_store *s)
{
	const char *rdate = c->t->retire_date ? c->t->retire_date : "retired";
	char id[SAMV_ID_MAX + 1], command[64], today[11];
	struct samv_txn *t = NULL;
	cJSON *rec = NULL, *old = NULL;
	int rc;

	if ((rc = one_operand(c, "one id")) < 0)
		return rc;
	if (c->date && samv_date_check(c->date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	samv_date_today(today);
	snprintf(command, sizeof(command), "%s %s", c->cmd->prog, c->sub->name);
	if ((rc = samv_txn_begin(&t, s, command)) < 0 ||
	    (rc = samv_record_resolve(id, samv_txn_view(t), c->t, c->ops[0])) < 0 ||
	    (rc = samv_record_load(&rec, samv_txn_view(t), c->t, id)) < 0)
		goto out;
	if (!(old = cJSON_Duplicate(rec, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "status");
	cJSON_AddStringToObject(rec, "status", c->t->retire_value);
	if (samv_field_find(c->t, rdate) && !cJSON_GetObjectItemCaseSensitive(rec, rdate))
		cJSON_AddStringToObject(rec, rdate, c->date ? c->date : today);
	if (c->cmd->prepare && (rc = c->cmd->prepare(t, rec, old)) < 0)
		goto out;
	/* a record without a field for the day (a meeting) keeps it in the
	 * commit */
	if ((rc = samv_txn_put_record(t, c->t, rec)) < 0 ||
	    (!samv_field_find(c->t, rdate) && (rc = samv_txn_trailer(t, "Samv-Date", c->date ? c->date : today)) < 0))
		goto out;
	rc = samv_entity_commit(c, t, c->sub->name, id, NULL);
out:
	samv_txn_free(t);
	cJSON_Delete(old);
	cJSON_Delete(rec);
	return rc;
}

/* Whether records of type t can name records of type target at all. */
static bool can_refer(const struct samv_type *t, const struct samv_type *target)
{
	size_t i;

	for (i = 0; i < t->nfields; i++) {
		const struct samv_field *f = &t->fields[i];
		const struct samv_type *sub;

		if ((f->kind == SAMV_F_REF || f->kind == SAMV_F_REFS) && !strcmp(f->ref, target->name))
			return true;
		if (f->kind == SAMV_F_OBJS && (sub = samv_subtype_find(f->ref)) && can_refer(sub, target))
			return true;
	}
	return false;
}

/* Who still refers to a record: removing it would leave them dangling. */
struct referrer {
	const struct samv_type *target;
	const char *id;
};

static int names_target(const struct samv_field *f, const struct samv_type *target, const char *id, void *arg)
{
	const struct referrer *r = arg;

	(void)f;
	return target == r->target && !strcmp(id, r->id);
}

/* Whether any record names target/id, nested lists (attendance,
 * distribution) included: such a record cannot be removed. */
static int referrers(struct samv_view *v, const struct samv_type *target, const char *id)
{
	struct referrer r = { target, id };
	const struct samv_type *t;
	cJSON *all = NULL, *rec;
	size_t k;
	int rc = 0;

	for (k = 0; (t = samv_type_at(k)) && rc == 0; k++) {
		if (!can_refer(t, target))
			continue;
		if ((rc = samv_record_load_all(&all, v, t, NULL)) < 0)
			break;
		cJSON_ArrayForEach(rec, all) {
			if (samv_record_refs(t, rec, names_target, &r) > 0) {
				rc = samv_error_set(SAMV_EINVAL, "%s '%s' is still named in %s '%s'",
						    target->name, id, t->name, samv_record_str(rec, "id"));
				break;
			}
		}
		cJSON_Delete(all);
		all = NULL;
	}
	return rc;
}

static int cmd_rm(struct samv_entity *c, struct samv_store *s)
{
	char id[SAMV_ID_MAX + 1], command[64];
	struct samv_txn *t = NULL;
	int rc;

	if ((rc = one_operand(c, "one id")) < 0)
		return rc;
	snprintf(command, sizeof(command), "%s rm", c->cmd->prog);
	if ((rc = samv_txn_begin(&t, s, command)) < 0 ||
	    (rc = samv_record_resolve(id, samv_txn_view(t), c->t, c->ops[0])) < 0 ||
	    (rc = referrers(samv_txn_view(t), c->t, id)) < 0 || (rc = samv_txn_remove_record(t, c->t, id)) < 0)
		goto out;
	rc = samv_entity_commit(c, t, "remove", id, NULL);
out:
	samv_txn_free(t);
	return rc;
}

static void print_ids(struct samv_entity *c, const struct samv_type *target)
{
	struct samv_store *s = NULL;
	struct samv_view *v = NULL;
	cJSON *all = NULL, *rec;

	if (samv_store_open(&s, c->dir) == 0 && samv_view_rev(&v, s, NULL) == 0 &&
	    samv_record_load_all(&all, v, target, NULL) == 0)
		cJSON_ArrayForEach(rec, all)
			printf("%s\n", samv_record_str(rec, "id"));
	samv_error_clear();
	cJSON_Delete(all);
	samv_view_free(v);
	samv_store_free(s);
}

/* A verb's option says its values in its argument name: "text|markdown"
 * lists them, "PERSON" names the type whose ids it takes. */
static int complete_verb_values(struct samv_entity *c, const struct samv_opt *o)
{
	char type[32];
	const char *p, *bar;
	size_t i;

	if (!o->argname)
		return 0;
	if (strchr(o->argname, '|')) {
		for (p = o->argname; (bar = strchr(p, '|')); p = bar + 1)
			printf("%.*s\n", (int)(bar - p), p);
		printf("%s\n", p);
		return 0;
	}
	for (i = 0; o->argname[i] && i + 1 < sizeof(type); i++)
		type[i] = (char)(o->argname[i] >= 'A' && o->argname[i] <= 'Z' ? o->argname[i] + 32 : o->argname[i]);
	type[i] = '\0';
	if (samv_type_find(type))
		print_ids(c, samv_type_find(type));
	return 0;
}

/*
 * The values the completion scripts offer after an option: an enum's words,
 * or the ids of the records a reference option names (--parent, --member,
 * --remove-member).  Prints nothing for other options; never fails loudly.
 */
static int complete_values(struct samv_entity *c)
{
	const char *opt = c->complete_values;
	const struct samv_opt *o;
	const struct samv_field *f;
	const struct samv_type *target;
	const char *const *e;
	struct samv_store *s = NULL;
	struct samv_view *v = NULL;
	cJSON *all = NULL, *rec;

	if (!strncmp(opt, "--", 2))
		opt += 2;
	if (c->cmd->complete && c->cmd->complete(c, opt) > 0)
		return 0;
	if (c->sub && c->sub->verb && c->sub->opts)
		for (o = c->sub->opts; o->name; o++)
			if (!strcmp(o->name, opt))
				return complete_verb_values(c, o);
	if (!strncmp(opt, "remove-", 7))
		opt += 7;
	if (!(f = samv_field_by_opt(c->t, opt)))
		return 0;
	if (f->kind == SAMV_F_ENUM) {
		for (e = f->values; *e; e++)
			printf("%s\n", *e);
		/* and the Swedish words the option also takes (one word each:
		 * completion lists are split on white space) */
		for (e = f->values; *e; e++) {
			const char *w = samv_doc_word("sv", f->name, *e);

			if (w && strcmp(w, *e) && !strpbrk(w, " \t") &&
			    samv_word_canonical(f->name, f->values, w) == *e)
				printf("%s\n", w);
		}
		return 0;
	}
	if ((f->kind != SAMV_F_REF && f->kind != SAMV_F_REFS) || !(target = samv_type_find(f->ref)))
		return 0;
	if (samv_store_open(&s, c->dir) == 0 && samv_view_rev(&v, s, NULL) == 0 &&
	    samv_record_load_all(&all, v, target, NULL) == 0)
		cJSON_ArrayForEach(rec, all)
			printf("%s\n", samv_record_str(rec, "id"));
	cJSON_Delete(all);
	samv_view_free(v);
	samv_store_free(s);
	return 0;
}

static int run(struct samv_entity *c)
{
	struct samv_store *s = NULL;
	int rc;

	if ((rc = samv_store_open(&s, c->dir)) < 0)
		return rc;
	if (c->sub->verb)
		rc = c->sub->verb->run(c, s);
	else if (c->sub->opts == add_opts)
		rc = cmd_add(c, s);
	else if (!strcmp(c->sub->name, "list"))
		rc = cmd_list(c, s);
	else if (!strcmp(c->sub->name, "show"))
		rc = cmd_show(c, s);
	else if (!strcmp(c->sub->name, "edit"))
		rc = cmd_edit(c, s);
	else if (!strcmp(c->sub->name, "rm"))
		rc = cmd_rm(c, s);
	else
		rc = cmd_retire(c, s);
	/* list what can be listed, but say that something is missing */
	rc = samv_store_skipped(s, stderr, c->cmd->prog, rc);
	samv_store_free(s);
	return rc;
}

int samv_entity_main(const struct samv_cmd *cmd, int argc, char **argv)
{
	struct samv_entity c;
	int rc;

	samv_alloc_init();
	samv_i18n_init();
	memset(&c, 0, sizeof(c));
	c.cmd = cmd;
	c.t = cmd->type;
	samv_git_init();
	c.set = cJSON_CreateObject();
	c.adds = cJSON_CreateObject();
	c.removes = cJSON_CreateObject();
	c.unsets = cJSON_CreateArray();
	c.extra = cJSON_CreateObject();
	if (!c.set || !c.adds || !c.removes || !c.unsets || !c.extra)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	else if ((rc = parse(&c, argc, argv)) == 0)
		rc = c.complete_values ? complete_values(&c) : run(&c);
	else if (rc > 0)
		rc = 0; /* help or version printed */
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", cmd->prog, samv_error_last());
	cJSON_Delete(c.set);
	cJSON_Delete(c.adds);
	cJSON_Delete(c.removes);
	cJSON_Delete(c.unsets);
	cJSON_Delete(c.extra);
	free_opts(c.field_opts);
	free((void *)c.sub);
	free(c.ops);
	git_libgit2_shutdown();
	/* a verb may return a positive exit status (1: something to report) */
	return rc > 0 ? rc : samv_exit_status(rc);
}

/* ---- for a command's own subcommands ---------------------------------- */

const struct samv_cmd *samv_entity_cmd(struct samv_entity *e)
{
	return e->cmd;
}

char **samv_entity_operands(struct samv_entity *e, int *n)
{
	*n = e->nops;
	return e->ops;
}

int samv_entity_one_operand(struct samv_entity *e, const char *what)
{
	return one_operand(e, what);
}

const cJSON *samv_entity_args(struct samv_entity *e, const char *opt)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->extra, opt);

	return cJSON_IsArray(v) ? v : NULL;
}

const cJSON *samv_entity_field_args(struct samv_entity *e, const char *field)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(e->adds, field);

	return v ? v : cJSON_GetObjectItemCaseSensitive(e->set, field);
}

const char *samv_entity_arg(struct samv_entity *e, const char *opt)
{
	const cJSON *v = samv_entity_args(e, opt), *last = NULL, *it;

	cJSON_ArrayForEach(it, v)
		last = it;
	return last ? last->valuestring : NULL;
}

bool samv_entity_flag(struct samv_entity *e, const char *opt)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(e->extra, opt));
}

const char *samv_entity_dir(struct samv_entity *e)
{
	return e->dir;
}

bool samv_entity_json(struct samv_entity *e)
{
	return e->json;
}

bool samv_entity_has_fields(struct samv_entity *e)
{
	return cJSON_GetArraySize(e->set) || cJSON_GetArraySize(e->adds) || cJSON_GetArraySize(e->removes) ||
	       cJSON_GetArraySize(e->unsets);
}

int samv_entity_apply(struct samv_entity *e, cJSON *rec, struct samv_view *v)
{
	return apply(e, rec, v);
}
