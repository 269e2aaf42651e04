/* samv-agreement - the Agreement (Överenskommelsen) as a versioned document. */
#include <stdlib.h>
#include <string.h>

#include "samv.h"

#define PROG "samv-agreement"
#define STDIN_MAX (1024 * 1024)

enum {
	O_HELP = 1, O_VERSION, O_DIR, O_COMPLETE, O_COMPVALUES,
	O_DECISION, O_TITLE, O_PARTY, O_PURPOSE, O_CLAUSE, O_HEADING, O_DATE, O_STDIN,
	O_ADD_PARTY, O_REMOVE_PARTY, O_ADD_PURPOSE, O_CHANGE_PURPOSE, O_REMOVE_PURPOSE,
	O_ADD_CLAUSE, O_CHANGE_CLAUSE, O_REMOVE_CLAUSE,
	O_NUMBER, O_ASOF, O_REV, O_JSON, O_FORMAT, O_LANG
};

static const struct samv_opt global_opts[] = {
	SAMV_OPTS_COMMON(O_DIR, O_HELP, O_VERSION, O_COMPLETE),
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
/* after a subcommand: --version is show's, so the program's is left out */
static const struct samv_opt sub_global_opts[] = {
	{ "dir", 'C', SAMV_OPT_ARG, "DIR", N_("run as if started in DIR"), O_DIR },
	{ "help", 'h', SAMV_OPT_NONE, NULL, N_("show this help and exit"), O_HELP },
	{ "completion-helper", 0, SAMV_OPT_NONE, NULL, NULL, O_COMPLETE },
	{ "completion-values", 0, SAMV_OPT_ARG, "OPTION", NULL, O_COMPVALUES },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static const struct samv_opt adopt_opts[] = {
	{ "decision", 0, SAMV_OPT_ARG, "ID", N_("the adopted decision behind it (required)"), O_DECISION },
	{ "title", 0, SAMV_OPT_ARG, "TEXT", N_("title of the Agreement"), O_TITLE },
	{ "party", 0, SAMV_OPT_ARG, "ACTOR", N_("a signatory organisation (repeatable)"), O_PARTY },
	{ "purpose", 0, SAMV_OPT_ARG, "KEY=TEXT", N_("a purpose: a=TEXT (repeatable)"), O_PURPOSE },
	{ "clause", 0, SAMV_OPT_ARG, "ID=TEXT", N_("a clause: 4=TEXT (repeatable)"), O_CLAUSE },
	{ "heading", 0, SAMV_OPT_ARG, "ID=TEXT", N_("the heading of a clause (repeatable)"), O_HEADING },
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("adopted on DATE (default: the decision's date)"), O_DATE },
	{ "stdin", 0, SAMV_OPT_NONE, NULL, N_("read the Agreement as JSON from standard input"), O_STDIN },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt amend_opts[] = {
	{ "decision", 0, SAMV_OPT_ARG, "ID", N_("the adopted decision behind it (required)"), O_DECISION },
	{ "title", 0, SAMV_OPT_ARG, "TEXT", N_("a new title"), O_TITLE },
	{ "add-party", 0, SAMV_OPT_ARG, "ACTOR", N_("a new signatory organisation"), O_ADD_PARTY },
	{ "remove-party", 0, SAMV_OPT_ARG, "ACTOR", N_("an organisation that leaves"), O_REMOVE_PARTY },
	{ "add-purpose", 0, SAMV_OPT_ARG, "KEY=TEXT", N_("a new purpose"), O_ADD_PURPOSE },
	{ "change-purpose", 0, SAMV_OPT_ARG, "KEY=TEXT", N_("new text of a purpose"), O_CHANGE_PURPOSE },
	{ "remove-purpose", 0, SAMV_OPT_ARG, "KEY", N_("remove a purpose"), O_REMOVE_PURPOSE },
	{ "add-clause", 0, SAMV_OPT_ARG, "ID=TEXT", N_("a new clause"), O_ADD_CLAUSE },
	{ "change-clause", 0, SAMV_OPT_ARG, "ID=TEXT", N_("new text of a clause"), O_CHANGE_CLAUSE },
	{ "heading", 0, SAMV_OPT_ARG, "ID=TEXT", N_("the heading of a clause (empty: none)"), O_HEADING },
	{ "remove-clause", 0, SAMV_OPT_ARG, "ID", N_("remove a clause"), O_REMOVE_CLAUSE },
	{ "date", 0, SAMV_OPT_ARG, "DATE", N_("amended on DATE (default: the decision's date)"), O_DATE },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt show_opts[] = {
	{ "version", 0, SAMV_OPT_ARG, "N", N_("show version N"), O_NUMBER },
	{ "as-of", 0, SAMV_OPT_ARG, "DATE", N_("show the version in force on DATE"), O_ASOF },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("show the Agreement as of a commit"), O_REV },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print it as JSON"), O_JSON },
	{ "format", 0, SAMV_OPT_ARG, "FORMAT", N_("text (default) or markdown"), O_FORMAT },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of --format markdown (default: the repository's)"), O_LANG },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt json_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print it as JSON"), O_JSON },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

struct sub {
	const char *name, *args, *help;
	const struct samv_opt *opts;
};

static const struct sub subs[] = {
	{ "adopt", "--decision ID --title TEXT [OPTIONS]", N_("write version 1 of the Agreement"), adopt_opts },
	{ "amend", "--decision ID CHANGES...", N_("change the Agreement: one new version"), amend_opts },
	{ "show", "[--version N | --as-of DATE | --rev REV]", N_("show the Agreement"), show_opts },
	{ "history", "[--json]", N_("the versions, oldest first"), json_opts },
	{ "diff", "V1 [V2]", N_("what changed between two versions"), json_opts },
	{ "blame", "[--json]", N_("the version that last changed each purpose and clause"), json_opts },
	{ NULL, NULL, NULL, NULL }
};

struct args {
	const struct sub *sub;
	const char *dir, *decision, *title, *date, *asof, *rev, *format, *lang, *number, *compvalues;
	bool json, from_stdin;
	char **ops;
	int nops;
	cJSON *lists;   /* option name -> [values] */
	cJSON *keyed;   /* option name -> {KEY: TEXT} */
};

static void help(void)
{
	const struct sub *s;

	printf(_("usage: %s [-C DIR] COMMAND [OPTIONS]\n\nthe Agreement (Överenskommelsen), changed only on adopted "
		 "decisions\n\ncommands:\n"), PROG);
	for (s = subs; s->name; s++)
		printf("  %-8s %s\n", s->name, gettext(s->help));
	fputs(_("\noptions:\n"), stdout);
	samv_opt_help(stdout, global_opts);
	printf(_("\nRun '%s COMMAND --help' for a command's options; see %s(1).\n"), PROG, PROG);
}

static void sub_help(const struct sub *s)
{
	printf(_("usage: %s %s %s\n"), PROG, s->name, s->args);
	printf("\n%s\n%s", gettext(s->help), _("\noptions:\n"));
	samv_opt_help(stdout, s->opts);
	samv_opt_help(stdout, sub_global_opts);
}

static int add_list(struct args *a, const char *opt, const char *value)
{
	cJSON *l = cJSON_GetObjectItemCaseSensitive(a->lists, opt);

	if (!l && !(l = cJSON_AddArrayToObject(a->lists, opt)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	return cJSON_AddItemToArray(l, cJSON_CreateString(value)) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

static int add_keyed(struct args *a, const char *opt, const char *value)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(a->keyed, opt);
	char *key = NULL, *text = NULL;
	int rc;

	if ((rc = samv_key_text(&key, &text, opt, value)) < 0)
		return rc;
	if (!o && !(o = cJSON_AddObjectToObject(a->keyed, opt)))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	else if (cJSON_GetObjectItemCaseSensitive(o, key))
		rc = samv_error_set(SAMV_EINVAL, "--%s: '%s' is given twice", opt, key);
	else if (!cJSON_AddStringToObject(o, key, text))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	free(key);
	free(text);
	return rc;
}

static const cJSON *list(struct args *a, const char *opt)
{
	return cJSON_GetObjectItemCaseSensitive(a->lists, opt);
}

static const cJSON *keyed(struct args *a, const char *opt)
{
	return cJSON_GetObjectItemCaseSensitive(a->keyed, opt);
}

/* "unknown command 'histroy'; did you mean 'history'?" */
static int unknown_sub(const char *typed)
{
	const char *names[sizeof(subs) / sizeof(subs[0])];
	size_t n;

	for (n = 0; subs[n].name; n++)
		names[n] = subs[n].name;
	return samv_error_unknown("command", "", typed, names, n, PROG " --help");
}

/* 1: done (help, completion), 0: run the subcommand, < 0: error. */
static int parse(struct args *a, int argc, char **argv)
{
	struct samv_optstate st = { 1, NULL, NULL, NULL, 0, false };
	const struct samv_opt *tables[3] = { global_opts, NULL, NULL };
	bool want_help = false, want_complete = false;
	const struct sub *s;
	int id, rc;

	if (!(st.ops = calloc((size_t)argc + 1, sizeof(*st.ops))))
		return samv_error_set(SAMV_ERROR, "out of memory");
	a->ops = st.ops;
	while (st.ind < argc && argv[st.ind][0] == '-' && argv[st.ind][1]) {
		if ((id = samv_opt_next(&st, argc, argv, tables)) < 0)
			return id;
		switch (id) {
		case O_HELP: want_help = true; break;
		case O_VERSION: samv_print_version(stdout, PROG); return 1;
		case O_DIR: a->dir = st.arg; break;
		case O_COMPLETE: want_complete = true; break;
		case O_COMPVALUES: a->compvalues = st.arg; break;
		}
	}
	if (st.ind < argc) {
		for (s = subs; s->name && strcmp(s->name, argv[st.ind]); s++)
			;
		if (!s->name)
			return unknown_sub(argv[st.ind]);
		a->sub = s;
		st.ind++;
	}
	if (!a->sub) {
		if (a->compvalues)
			return 0;
		if (want_complete) {
			for (s = subs; s->name; s++)
				printf("%s\n", s->name);
			samv_opt_complete(stdout, global_opts);
			return 1;
		}
		if (want_help)
			return help(), 1;
		return samv_error_set(SAMV_EUSAGE, "no command given (see %s --help)", PROG);
	}
	tables[0] = a->sub->opts;
	tables[1] = sub_global_opts;
	while ((id = samv_opt_next(&st, argc, argv, tables)) > 0) {
		if (st.arg && id != O_COMPVALUES && samv_utf8_invalid(st.arg, strlen(st.arg)) >= 0)
			return samv_error_set(SAMV_EINVAL, "--%s: invalid UTF-8", st.opt->name);
		rc = 0;
		switch (id) {
		case O_HELP: want_help = true; break;
		case O_DIR: a->dir = st.arg; break;
		case O_COMPLETE: want_complete = true; break;
		case O_COMPVALUES: a->compvalues = st.arg; break;
		case O_DECISION: a->decision = st.arg; break;
		case O_TITLE: a->title = st.arg; break;
		case O_DATE: a->date = st.arg; break;
		case O_STDIN: a->from_stdin = true; break;
		case O_NUMBER: a->number = st.arg; break;
		case O_ASOF: a->asof = st.arg; break;
		case O_REV: a->rev = st.arg; break;
		case O_JSON: a->json = true; break;
		case O_FORMAT: a->format = st.arg; break;
		case O_LANG: a->lang = st.arg; break;
		case O_PARTY: case O_ADD_PARTY: case O_REMOVE_PARTY: case O_REMOVE_PURPOSE: case O_REMOVE_CLAUSE:
			rc = add_list(a, st.opt->name, st.arg);
			break;
		default: /* the KEY=TEXT options */
			rc = add_keyed(a, st.opt->name, st.arg);
		}
		if (rc < 0)
			return rc;
	}
	if (id < 0)
		return id;
	a->nops = st.nops;
	if (want_complete) {
		samv_opt_complete(stdout, a->sub->opts);
		samv_opt_complete(stdout, sub_global_opts);
		return 1;
	}
	if (want_help)
		return sub_help(a->sub), 1;
	return 0;
}

static int no_operands(struct args *a)
{
	if (a->nops)
		return samv_error_set(SAMV_EUSAGE, "%s: unexpected argument '%s' (usage: %s %s %s)", a->sub->name,
				      a->ops[0], PROG, a->sub->name, a->sub->args);
	return 0;
}

static int command_name(char *out, size_t n, struct args *a)
{
	snprintf(out, n, "%s %s", PROG, a->sub->name);
	return 0;
}

/* ---- adopt, amend --------------------------------------------------------- */

/* The document of version 1 from the options. */
static int doc_from_options(cJSON **out, struct args *a)
{
	const cJSON *it, *h;
	cJSON *doc = cJSON_CreateObject(), *clauses, *c;

	*out = doc;
	if (!doc)
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (a->title && !cJSON_AddStringToObject(doc, "title", a->title))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (list(a, "party") && !cJSON_AddItemToObject(doc, "parties", cJSON_Duplicate(list(a, "party"), 1)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	if (keyed(a, "purpose") && !cJSON_AddItemToObject(doc, "purposes", cJSON_Duplicate(keyed(a, "purpose"), 1)))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(h, keyed(a, "heading"))
		if (!cJSON_GetObjectItemCaseSensitive(keyed(a, "clause"), h->string))
			return samv_error_set(SAMV_EINVAL, "--heading: no --clause '%s' to give it to", h->string);
	if (!keyed(a, "clause"))
		return 0;
	if (!(clauses = cJSON_AddArrayToObject(doc, "clauses")))
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(it, keyed(a, "clause")) {
		h = cJSON_GetObjectItemCaseSensitive(keyed(a, "heading"), it->string);
		if (!(c = cJSON_CreateObject()) || !cJSON_AddItemToArray(clauses, c) ||
		    !cJSON_AddStringToObject(c, "id", it->string) ||
		    (h && !cJSON_AddStringToObject(c, "heading", h->valuestring)) ||
		    !cJSON_AddStringToObject(c, "text", it->valuestring))
			return samv_error_set(SAMV_ERROR, "out of memory");
	}
	return 0;
}

static int cmd_adopt(struct args *a, struct samv_store *s)
{
	char command[64];
	cJSON *doc = NULL;
	int rc;

	if ((rc = no_operands(a)) < 0)
		return rc;
	if (!a->decision)
		return samv_error_set(SAMV_EUSAGE, "adopt: --decision is required: the Agreement is adopted only on "
				      "an adopted decision");
	if (a->date && samv_date_check(a->date) < 0)
		return samv_error_set(SAMV_EINVAL, "--date: %s", samv_error_last());
	if (a->from_stdin) {
		if (a->title || cJSON_GetArraySize(a->lists) || cJSON_GetArraySize(a->keyed))
			return samv_error_set(SAMV_EUSAGE, "adopt: --stdin reads the whole Agreement; give no "
					      "--title, --party, --purpose, --clause or --heading with it");
		if ((rc = samv_json_read_object(&doc, stdin, STDIN_MAX, "standard input")) < 0)
			return rc;
	} else if ((rc = doc_from_options(&doc, a)) < 0) {
		goto out;
	}
	if (a->date) {
		cJSON_DeleteItemFromObjectCaseSensitive(doc, "adopted");
		if (!cJSON_AddStringToObject(doc, "adopted", a->date)) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
	}
	command_name(command, sizeof(command), a);
	if ((rc = samv_agreement_adopt(s, command, a->decision, doc)) == 0)
		printf("1\n");
out:
	cJSON_Delete(doc);
	return rc;
}

static int cmd_amend(struct args *a, struct samv_store *s)
{
	struct samv_amend am;
	char command[64];
	int rc, version;

	if ((rc = no_operands(a)) < 0)
		return rc;
	memset(&am, 0, sizeof(am));
	am.decision = a->decision;
	am.date = a->date;
	am.title = a->title;
	am.add_parties = list(a, "add-party");
	am.remove_parties = list(a, "remove-party");
	am.add_purposes = keyed(a, "add-purpose");
	am.change_purposes = keyed(a, "change-purpose");
	am.remove_purposes = list(a, "remove-purpose");
	am.add_clauses = keyed(a, "add-clause");
	am.change_clauses = keyed(a, "change-clause");
	am.remove_clauses = list(a, "remove-clause");
	am.headings = keyed(a, "heading");
	if (!a->title && !cJSON_GetArraySize(a->lists) && !cJSON_GetArraySize(a->keyed))
		return samv_error_set(SAMV_EUSAGE, "amend: nothing to change given (see %s amend --help)", PROG);
	command_name(command, sizeof(command), a);
	if ((rc = samv_agreement_amend(&version, s, command, &am)) == 0)
		printf("%d\n", version);
	return rc;
}

/* ---- show ------------------------------------------------------------------ */

/* Text lines after the first are indented to line up under it. */
static void put_text(const char *text, int indent)
{
	const char *nl;

	for (; (nl = strchr(text, '\n')); text = nl + 1)
		if (nl == text)
			printf("\n");
		else
			printf("%.*s\n%*s", (int)(nl - text), text, nl[1] && nl[1] != '\n' ? indent : 0, "");
	printf("%s\n", text);
}

static void show_text(const cJSON *doc)
{
	const cJSON *it, *p = cJSON_GetObjectItemCaseSensitive(doc, "purposes");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	const char *amended = samv_record_str(doc, "amended"), *h;

	printf("%s\n", samv_record_str(doc, "title"));
	/* TRANSLATORS: samv-agreement show: version, date of this version,
	 * decision id, date first adopted */
	printf(_("Version %d of %s, on decision %s; adopted %s.\n"), v ? v->valueint : 0,
	       amended ? amended : samv_record_str(doc, "adopted"), samv_record_str(doc, "decision"),
	       samv_record_str(doc, "adopted"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "parties"))
		printf("%s%s", it->prev->next ? ", " : _("Parties: "), it->valuestring);
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "parties")))
		printf("\n");
	if (samv_record_str(doc, "note")) {
		fputs(_("Note: "), stdout);
		put_text(samv_record_str(doc, "note"), (int)samv_utf8_width(_("Note: ")));
	}
	if (cJSON_GetArraySize(p))
		printf("\n%s\n", _("Purposes"));
	cJSON_ArrayForEach(it, p) {
		printf("  %s) ", it->string);
		put_text(it->valuestring, 5);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "clauses")) {
		h = samv_record_str(it, "heading");
		printf("\n%s.%s%s\n  ", samv_record_str(it, "id"), h ? " " : "", h ? h : "");
		put_text(samv_record_str(it, "text"), 2);
	}
}

/* Markdown is a document for others (a web page, a board's papers): in
 * the document language, its dates as prose. */
static void show_markdown(const cJSON *doc, const char *lang)
{
	const cJSON *it, *p = cJSON_GetObjectItemCaseSensitive(doc, "purposes");
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "version");
	const char *amended = samv_record_str(doc, "amended"), *h;
	char on[32], adopted[32];

	printf("# %s\n\n", samv_record_str(doc, "title"));
	/* TRANSLATORS: version, date of this version, decision id, date first adopted */
	printf(D_(lang, "Version %d of %s, on decision `%s`; adopted %s.\n"), v ? v->valueint : 0,
	       samv_doc_date(on, lang, amended ? amended : samv_record_str(doc, "adopted")),
	       samv_record_str(doc, "decision"), samv_doc_date(adopted, lang, samv_record_str(doc, "adopted")));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "parties")) {
		if (it->prev->next) /* not the first */
			fputs(", ", stdout);
		else
			printf("\n%s", D_(lang, "Parties: "));
		printf("`%s`", it->valuestring);
	}
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "parties")))
		printf(".\n");
	if (samv_record_str(doc, "note"))
		printf("\n%s\n", samv_record_str(doc, "note"));
	if (cJSON_GetArraySize(p))
		printf("\n## %s\n\n", D_(lang, "Purposes"));
	cJSON_ArrayForEach(it, p) {
		printf("- **%s)** ", it->string);
		put_text(it->valuestring, 2);
	}
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "clauses")) {
		h = samv_record_str(it, "heading");
		printf("\n## %s%s%s\n\n%s\n", samv_record_str(it, "id"), h ? ". " : "", h ? h : "",
		       samv_record_str(it, "text"));
	}
}

static int parse_version(int *out, const char *what, const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (!*s || *end || n < 1 || n > 1000000000)
		return samv_error_set(SAMV_EUSAGE, "%s: '%s' is not a version number (1, 2, ...)", what, s);
	*out = (int)n;
	return 0;
}

/* The commit of version n or of the version in force on date. */
static int version_commit(char out[GIT_OID_HEXSZ + 1], struct samv_store *s, int n, const char *date)
{
	const cJSON *e;
	cJSON *hist = NULL;
	int rc;

	if ((rc = samv_agreement_history(&hist, s, NULL)) == 0 && (rc = samv_agreement_find(&e, hist, n, date)) == 0)
		snprintf(out, GIT_OID_HEXSZ + 1, "%s", samv_record_str(e, "commit"));
	cJSON_Delete(hist);
	return rc;
}

static int load_at(cJSON **doc, struct samv_store *s, const char *rev)
{
	struct samv_view *v = NULL;
	int rc;

	if ((rc = samv_view_rev(&v, s, rev)) == 0)
		rc = samv_agreement_load(doc, v);
	samv_view_free(v);
	return rc;
}

/* --json: the Agreement's record and each clause with every field, null
 * when absent (samv-records(5)), the purposes as a map of key to text. */
static int print_doc_json(const cJSON *doc)
{
	cJSON *out = NULL, *clauses = NULL, *c, *purposes;
	const cJSON *it;
	int rc;

	if ((rc = samv_record_output(&out, samv_type_find("agreement"), doc)) < 0)
		return rc;
	purposes = cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(doc, "purposes"), 1);
	if (!purposes || !cJSON_AddItemToObject(out, "purposes", purposes) ||
	    !(clauses = cJSON_AddArrayToObject(out, "clauses")))
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(doc, "clauses"))
		if (rc == 0 && ((rc = samv_record_output(&c, samv_type_find("clause"), it)) < 0 ||
				!cJSON_AddItemToArray(clauses, c)))
			rc = samv_error_set(SAMV_ERROR, "out of memory");
	if (rc == 0)
		rc = samv_print_json(stdout, out);
	cJSON_Delete(out);
	return rc;
}

/* The document language of the Agreement as of rev: --lang, else the
 * repository's. */
static int markdown_lang(char out[3], struct samv_store *s, const char *rev, const char *given)
{
	struct samv_view *v = NULL;
	int rc;

	if ((rc = samv_view_rev(&v, s, rev)) == 0)
		rc = samv_doc_language(out, v, given);
	samv_view_free(v);
	return rc;
}

static int cmd_show(struct args *a, struct samv_store *s)
{
	char commit[GIT_OID_HEXSZ + 1], lang[3];
	const char *rev = a->rev;
	cJSON *doc = NULL;
	int rc, n = 0;

	if ((rc = no_operands(a)) < 0)
		return rc;
	if ((a->number != NULL) + (a->asof != NULL) + (a->rev != NULL) > 1)
		return samv_error_set(SAMV_EUSAGE, "show: give one of --version, --as-of and --rev");
	if (a->format && strcmp(a->format, "text") && strcmp(a->format, "markdown"))
		return samv_error_set(SAMV_EUSAGE, "--format: '%s' is not one of text, markdown", a->format);
	if (a->number && (rc = parse_version(&n, "--version", a->number)) < 0)
		return rc;
	if (a->asof && samv_date_check(a->asof) < 0)
		return samv_error_set(SAMV_EINVAL, "--as-of: %s", samv_error_last());
	if (a->number || a->asof) {
		if ((rc = version_commit(commit, s, n, a->asof)) < 0)
			return rc;
		rev = commit;
	}
	if (a->lang && !(a->format && !strcmp(a->format, "markdown")))
		return samv_error_set(SAMV_EUSAGE, "--lang: only with --format markdown (text follows your locale)");
	if ((rc = load_at(&doc, s, rev)) < 0)
		return rc;
	if (a->json)
		rc = print_doc_json(doc);
	else if (a->format && !strcmp(a->format, "markdown")) {
		if ((rc = markdown_lang(lang, s, rev, a->lang)) == 0)
			show_markdown(doc, lang);
	} else
		show_text(doc);
	cJSON_Delete(doc);
	return rc;
}

/* ---- history, diff, blame ------------------------------------------------ */

static const char *or_dash(const char *s)
{
	return s ? s : "-";
}

/* A change for the terminal, "changed clause 4" in the user's language
 * (the commit message keeps samv_agreement_change_line's English). */
static int change_line(struct samv_buf *b, const cJSON *ch)
{
	static const char *const words[] = {
		NC_("agreement change", "added clause"), NC_("agreement change", "changed clause"),
		NC_("agreement change", "removed clause"), NC_("agreement change", "added party"),
		NC_("agreement change", "removed party"), NC_("agreement change", "added purpose"),
		NC_("agreement change", "changed purpose"), NC_("agreement change", "removed purpose"),
	};
	const char *id = samv_record_str(ch, "id");
	char key[64];
	size_t i;

	snprintf(key, sizeof(key), "%s %s", samv_record_str(ch, "change") ? samv_record_str(ch, "change") : "",
		 samv_record_str(ch, "what") ? samv_record_str(ch, "what") : "");
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(key, words[i]))
			return samv_buf_printf(b, "%s%s%s", samv_pgettext("agreement change", words[i]), id ? " " : "",
					       id ? id : "");
	return samv_agreement_change_line(b, ch);
}

static int summary(struct samv_buf *b, const cJSON *e, bool first)
{
	const cJSON *ch;

	b->len = 0;
	if (samv_buf_puts(b, "") < 0)
		return SAMV_ERROR;
	if (samv_record_str(e, "invalid"))
		return samv_buf_printf(b, _("not a valid Agreement: %s"), samv_record_str(e, "invalid"));
	if (cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(e, "version")))
		return samv_buf_puts(b, _("removed the Agreement"));
	if (first)
		return samv_buf_puts(b, _("adopted"));
	cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(e, "changes"))
		if ((b->len && samv_buf_puts(b, ", ") < 0) || change_line(b, ch) < 0)
			return SAMV_ERROR;
	if (!b->len)
		return samv_buf_puts(b, _("no change in the text"));
	return 0;
}

static size_t width(const cJSON *hist, const char *key)
{
	const cJSON *e, *v;
	size_t w = 1, n;
	char num[16];

	cJSON_ArrayForEach(e, hist) {
		v = cJSON_GetObjectItemCaseSensitive(e, key);
		if (cJSON_IsNumber(v))
			n = (size_t)snprintf(num, sizeof(num), "%d", v->valueint);
		else
			n = cJSON_IsString(v) ? samv_utf8_width(v->valuestring) : 1;
		if (!strcmp(key, "commit"))
			n = 7;
		if (n > w)
			w = n;
	}
	return w;
}

static void pad(const char *s, size_t w)
{
	printf("%s%*s  ", s, (int)(w - samv_utf8_width(s)), "");
}

static int cmd_history(struct args *a, struct samv_store *s)
{
	struct samv_buf b = SAMV_BUF_INIT;
	cJSON *hist = NULL;
	const cJSON *e;
	char num[16], sid[8];
	bool first = true;
	int rc;

	if ((rc = no_operands(a)) < 0 || (rc = samv_agreement_history(&hist, s, NULL)) < 0)
		return rc;
	if (a->json) {
		rc = samv_print_json(stdout, hist);
		goto out;
	}
	cJSON_ArrayForEach(e, hist) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(e, "version");

		if (cJSON_IsNumber(v))
			snprintf(num, sizeof(num), "%d", v->valueint);
		else
			strcpy(num, "-");
		snprintf(sid, sizeof(sid), "%s", samv_record_str(e, "commit"));
		if ((rc = summary(&b, e, first)) < 0)
			goto out;
		first = !cJSON_IsNumber(v);
		pad(num, width(hist, "version"));
		pad(or_dash(samv_record_str(e, "date")), width(hist, "date"));
		pad(or_dash(samv_record_str(e, "decision")), width(hist, "decision"));
		pad(or_dash(samv_record_str(e, "meeting")), width(hist, "meeting"));
		pad(sid, 7);
		pad(samv_record_str(e, "author"), width(hist, "author"));
		printf("%s\n", b.ptr);
	}
out:
	samv_buf_free(&b);
	cJSON_Delete(hist);
	return rc;
}

static void put_lines(char sign, const char *prefix, const char *text)
{
	const char *nl;

	for (; (nl = strchr(text, '\n')); text = nl + 1)
		printf("%c%s%.*s\n", sign, prefix, (int)(nl - text), text);
	printf("%c%s%s\n", sign, prefix, text);
}

static void diff_side(char sign, const cJSON *side, const cJSON *other)
{
	const char *h, *t, *oh, *ot;

	if (!side)
		return;
	if (cJSON_IsString(side)) {
		put_lines(sign, "", side->valuestring);
		return;
	}
	h = samv_record_str(side, "heading");
	t = samv_record_str(side, "text");
	oh = samv_record_str(other, "heading");
	ot = samv_record_str(other, "text");
	if (h && (!other || !oh || strcmp(h, oh)))
		put_lines(sign, "heading: ", h);
	if (t && (!other || !ot || strcmp(t, ot)))
		put_lines(sign, "", t);
}

static void diff_header(char c, const cJSON *e)
{
	printf(_("%c%c%c version %d of %s, decision %s\n"), c, c, c,
	       cJSON_GetObjectItemCaseSensitive(e, "version")->valueint, or_dash(samv_record_str(e, "date")),
	       or_dash(samv_record_str(e, "decision")));
}

/* A history entry without its list of changes. */
static cJSON *version_of(const cJSON *e)
{
	cJSON *o = cJSON_Duplicate(e, 1);

	cJSON_DeleteItemFromObjectCaseSensitive(o, "changes");
	return o;
}

static int cmd_diff(struct args *a, struct samv_store *s)
{
	struct samv_buf line = SAMV_BUF_INIT;
	cJSON *hist = NULL, *x = NULL, *y = NULL, *changes = NULL, *out = NULL;
	const cJSON *ea, *eb, *ch, *last = NULL, *it;
	int rc, n1, n2 = 0;

	if (a->nops < 1 || a->nops > 2)
		return samv_error_set(SAMV_EUSAGE, "diff: expected one or two version numbers (usage: %s diff V1 "
				      "[V2])", PROG);
	if ((rc = parse_version(&n1, "diff", a->ops[0])) < 0 ||
	    (a->nops == 2 && (rc = parse_version(&n2, "diff", a->ops[1])) < 0))
		return rc;
	if ((rc = samv_agreement_history(&hist, s, NULL)) < 0)
		return rc;
	cJSON_ArrayForEach(it, hist)
		if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(it, "version")))
			last = it;
	if (!n2 && last)
		n2 = cJSON_GetObjectItemCaseSensitive(last, "version")->valueint;
	if ((rc = samv_agreement_find(&ea, hist, n1, NULL)) < 0 || (rc = samv_agreement_find(&eb, hist, n2, NULL)) < 0 ||
	    (rc = load_at(&x, s, samv_record_str(ea, "commit"))) < 0 ||
	    (rc = load_at(&y, s, samv_record_str(eb, "commit"))) < 0 ||
	    (rc = samv_agreement_diff(&changes, x, y, true)) < 0)
		goto out;
	if (a->json) {
		if (!(out = cJSON_CreateObject()) || !cJSON_AddItemToObject(out, "from", version_of(ea)) ||
		    !cJSON_AddItemToObject(out, "to", version_of(eb))) {
			rc = samv_error_set(SAMV_ERROR, "out of memory");
			goto out;
		}
		cJSON_AddItemToObject(out, "changes", changes);
		changes = NULL;
		rc = samv_print_json(stdout, out);
		goto out;
	}
	diff_header('-', ea);
	diff_header('+', eb);
	cJSON_ArrayForEach(ch, changes) {
		const cJSON *old = cJSON_GetObjectItemCaseSensitive(ch, "old");
		const cJSON *new = cJSON_GetObjectItemCaseSensitive(ch, "new");

		line.len = 0;
		if ((rc = change_line(&line, ch)) < 0)
			goto out;
		printf("%s\n", line.ptr);
		diff_side('-', old, new);
		diff_side('+', new, old);
	}
out:
	samv_buf_free(&line);
	cJSON_Delete(out);
	cJSON_Delete(changes);
	cJSON_Delete(x);
	cJSON_Delete(y);
	cJSON_Delete(hist);
	return rc;
}

static int cmd_blame(struct args *a, struct samv_store *s)
{
	cJSON *hist = NULL, *doc = NULL, *last = NULL, *out = NULL, *it, *o;
	const cJSON *e, *ch;
	char key[SAMV_ID_MAX + 16];
	size_t w = 0, wd = 1, wm = 1;
	int rc;

	if ((rc = no_operands(a)) < 0)
		return rc;
	if ((rc = load_at(&doc, s, NULL)) < 0 || (rc = samv_agreement_history(&hist, s, NULL)) < 0)
		goto out;
	if (!(last = cJSON_CreateObject()) || !(out = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	/* the last version that added or changed each purpose and clause */
	cJSON_ArrayForEach(e, hist)
		cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(e, "changes")) {
			snprintf(key, sizeof(key), "%s %s", samv_record_str(ch, "what"),
				 or_dash(samv_record_str(ch, "id")));
			cJSON_DeleteItemFromObjectCaseSensitive(last, key);
			cJSON_AddItemReferenceToObject(last, key, (cJSON *)e);
		}
	for (int pass = 0; pass < 2; pass++) {
		cJSON *items = cJSON_GetObjectItemCaseSensitive(doc, pass ? "clauses" : "purposes");

		cJSON_ArrayForEach(it, items) {
			const char *id = pass ? samv_record_str(it, "id") : it->string;
			const cJSON *by;

			snprintf(key, sizeof(key), "%s %s", pass ? "clause" : "purpose", id);
			by = cJSON_GetObjectItemCaseSensitive(last, key);
			if (!(o = cJSON_CreateObject()) || !cJSON_AddItemToArray(out, o) ||
			    !cJSON_AddStringToObject(o, "what", pass ? "clause" : "purpose") ||
			    !cJSON_AddStringToObject(o, "id", id)) {
				rc = samv_error_set(SAMV_ERROR, "out of memory");
				goto out;
			}
			for (ch = by ? by->child : NULL; ch; ch = ch->next)
				if (strcmp(ch->string, "changes") && strcmp(ch->string, "email"))
					cJSON_AddItemToObject(o, ch->string, cJSON_Duplicate(ch, 1));
			if (strlen(key) > w)
				w = strlen(key);
			if (samv_record_str(o, "decision") && strlen(samv_record_str(o, "decision")) > wd)
				wd = strlen(samv_record_str(o, "decision"));
			if (samv_record_str(o, "meeting") && strlen(samv_record_str(o, "meeting")) > wm)
				wm = strlen(samv_record_str(o, "meeting"));
		}
	}
	if (a->json) {
		rc = samv_print_json(stdout, out);
		goto out;
	}
	cJSON_ArrayForEach(o, out) {
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, "version");
		char num[16];

		snprintf(key, sizeof(key), "%s %s", samv_record_str(o, "what"), samv_record_str(o, "id"));
		snprintf(num, sizeof(num), "%d", cJSON_IsNumber(v) ? v->valueint : 0);
		pad(key, w);
		pad(num, width(hist, "version"));
		pad(or_dash(samv_record_str(o, "date")), 10);
		pad(or_dash(samv_record_str(o, "decision")), wd);
		printf("%s\n", or_dash(samv_record_str(o, "meeting")));
	}
out:
	cJSON_Delete(out);
	cJSON_Delete(last);
	cJSON_Delete(doc);
	cJSON_Delete(hist);
	return rc;
}

/* ---- completion values ----------------------------------------------------- */

static int complete_values(struct args *a)
{
	const char *opt = a->compvalues, *tname = NULL;
	struct samv_store *s = NULL;
	struct samv_view *v = NULL;
	cJSON *all = NULL, *rec;

	if (!strncmp(opt, "--", 2))
		opt += 2;
	if (!strcmp(opt, "format")) {
		printf("text\nmarkdown\n");
		return 0;
	}
	if (!strcmp(opt, "lang")) {
		printf("sv\nen\n");
		return 0;
	}
	if (!strcmp(opt, "decision"))
		tname = "decision";
	else if (!strcmp(opt, "party") || !strcmp(opt, "add-party") || !strcmp(opt, "remove-party"))
		tname = "actor";
	if (!tname)
		return 0;
	if (samv_store_open(&s, a->dir) == 0 && samv_view_rev(&v, s, NULL) == 0 &&
	    samv_record_load_all(&all, v, samv_type_find(tname), NULL) == 0)
		cJSON_ArrayForEach(rec, all)
			printf("%s\n", samv_record_str(rec, "id"));
	cJSON_Delete(all);
	samv_view_free(v);
	samv_store_free(s);
	return 0;
}

int main(int argc, char **argv)
{
	struct samv_store *s = NULL;
	struct args a;
	int rc;

	samv_alloc_init();
	samv_i18n_init();
	memset(&a, 0, sizeof(a));
	samv_git_init();
	a.lists = cJSON_CreateObject();
	a.keyed = cJSON_CreateObject();
	if (!a.lists || !a.keyed)
		rc = samv_error_set(SAMV_ERROR, "out of memory");
	else if ((rc = parse(&a, argc, argv)) == 0 && a.compvalues)
		rc = complete_values(&a);
	else if (rc == 0 && (rc = samv_store_open(&s, a.dir)) == 0) {
		const char *n = a.sub->name;

		rc = !strcmp(n, "adopt") ? cmd_adopt(&a, s) : !strcmp(n, "amend") ? cmd_amend(&a, s)
		   : !strcmp(n, "show") ? cmd_show(&a, s) : !strcmp(n, "history") ? cmd_history(&a, s)
		   : !strcmp(n, "diff") ? cmd_diff(&a, s) : cmd_blame(&a, s);
		rc = samv_store_skipped(s, stderr, PROG, rc);
	}
	if (rc < 0)
		fprintf(stderr, "%s: %s\n", PROG, samv_error_last());
	samv_store_free(s);
	cJSON_Delete(a.lists);
	cJSON_Delete(a.keyed);
	free(a.ops);
	git_libgit2_shutdown();
	return rc > 0 ? 0 : samv_exit_status(rc);
}
