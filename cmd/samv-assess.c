/* samv-assess - readiness assessments after the CROSS framework, with trends and gaps. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "samv.h"
#include "showword.h"
#include "cache.h"
#include "listcols.h"

#define STDIN_MAX (1024 * 1024)

enum {
	O_ANSWER = SAMV_OPT_VERB, O_NOTE, O_STDIN, O_LANG, O_BATCH, O_ID, O_JSON, O_IDS, O_ALL, O_REV,
	O_INSTRUMENT, O_SUBJECT, O_ARENA, O_ACTOR, O_KIND, O_SINCE, O_UNTIL, O_CSV, O_OLDER
};

static const struct samv_opt add_opts[] = {
	{ "answer", 0, SAMV_OPT_ARG, "KEY=VALUE", N_("the answer to a question (a scale point's key or number, "
	  "choices joined by commas, or text; @FILE reads a file)"), O_ANSWER },
	{ "note", 0, SAMV_OPT_ARG, "KEY=TEXT", N_("the note that goes with an answer (@FILE reads a file)"), O_NOTE },
	{ "stdin", 0, SAMV_OPT_NONE, NULL, N_("read the assessment as JSON from standard input"), O_STDIN },
	{ "id", 0, SAMV_OPT_ARG, "ID", N_("use this id instead of minting one"), O_ID },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the questions (default: from LANG)"), O_LANG },
	{ "batch", 0, SAMV_OPT_NONE, NULL, N_("never ask: questions not answered are left out"), O_BATCH },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt list_opts[] = {
	{ "instrument", 0, SAMV_OPT_ARG, "NAME", N_("only assessments made with this instrument"), O_INSTRUMENT },
	{ "subject", 0, SAMV_OPT_ARG, "ID", N_("only assessments about this actor or arena (in a pair, either side)"),
	  O_SUBJECT },
	{ "arena", 0, SAMV_OPT_ARG, "ARENA", N_("only assessments of or made for this arena"), O_ARENA },
	{ "subject-kind", 0, SAMV_OPT_ARG, "actor|arena|pair|collaboration", N_("only assessments of this kind of subject"),
	  O_KIND },
	{ "since", 0, SAMV_OPT_ARG, "DATE", N_("only assessments made on or after DATE"), O_SINCE },
	{ "until", 0, SAMV_OPT_ARG, "DATE", N_("only assessments made on or before DATE"), O_UNTIL },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the records as a JSON array"), O_JSON },
	{ "ids", 0, SAMV_OPT_NONE, NULL, N_("print only the ids, one a line"), O_IDS },
	{ "all", 'a', SAMV_OPT_NONE, NULL, N_("accepted for symmetry: no assessment is ever retired"), O_ALL },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt show_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the record as JSON (every field, null when absent)"), O_JSON },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the labels (default: from LANG)"), O_LANG },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the record as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt trend_opts[] = {
	{ "instrument", 0, SAMV_OPT_ARG, "NAME", N_("only this instrument (default: every one used)"), O_INSTRUMENT },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the trend as JSON"), O_JSON },
	{ "csv", 0, SAMV_OPT_NONE, NULL, N_("print the answers as CSV, one row an answer"), O_CSV },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the labels (default: from LANG)"), O_LANG },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt gaps_opts[] = {
	{ "arena", 0, SAMV_OPT_ARG, "ARENA", N_("only this arena (default: every arena not closed)"), O_ARENA },
	{ "older-than", 0, SAMV_OPT_ARG, "MONTHS", N_("list members not assessed for this many months (default 24)"),
	  O_OLDER },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the gaps as JSON"), O_JSON },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the labels (default: from LANG)"), O_LANG },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt levels_opts[] = {
	{ "arena", 0, SAMV_OPT_ARG, "ARENA", N_("only the arena's members, and their ratings of each other"), O_ARENA },
	{ "instrument", 0, SAMV_OPT_ARG, "NAME", N_("only this pairs instrument (default: every one)"), O_INSTRUMENT },
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the summary as JSON"), O_JSON },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the labels (default: from LANG)"), O_LANG },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the records as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt instruments_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the instruments' definitions as a JSON array"), O_JSON },
	{ "ids", 0, SAMV_OPT_NONE, NULL, N_("print only the names, one a line"), O_IDS },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the repository's instruments as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};
static const struct samv_opt instrument_opts[] = {
	{ "json", 0, SAMV_OPT_NONE, NULL, N_("print the definition as JSON"), O_JSON },
	{ "lang", 0, SAMV_OPT_ARG, "sv|en", N_("the language of the questions (default: from LANG)"), O_LANG },
	{ "rev", 0, SAMV_OPT_ARG, "REV", N_("read the repository's instruments as of a commit"), O_REV },
	{ NULL, 0, 0, NULL, NULL, 0 }
};

static const char *str(const cJSON *o, const char *key)
{
	return samv_record_str(o, key);
}

/* --lang, else the locale's language (LC_ALL, LC_MESSAGES, LANG, as POSIX
 * orders them): Swedish for sv*, English otherwise. */
static int language(const char **out, struct samv_entity *e)
{
	const char *given = samv_entity_arg(e, "lang"), *vars[] = { "LC_ALL", "LC_MESSAGES", "LANG" }, *v;
	size_t i;

	if (given) {
		if (strcmp(given, "sv") && strcmp(given, "en"))
			return samv_error_set(SAMV_EUSAGE, "--lang: '%s' is not one of sv, en", given);
		*out = given;
		return 0;
	}
	*out = "en";
	for (i = 0; i < 3; i++)
		if ((v = getenv(vars[i])) && *v) {
			if (!strncmp(v, "sv", 2))
				*out = "sv";
			break;
		}
	return 0;
}

static int load(struct samv_view **v, cJSON **set, struct samv_store *s, const char *rev)
{
	int rc;

	if ((rc = samv_view_rev(v, s, rev)) < 0)
		return rc;
	return samv_instruments_load(set, *v, NULL);
}

/* ---- add ------------------------------------------------------------- */

/* An answer as given (a point's number, choices joined by commas) in the
 * form it is stored: the point's key, a list of choice keys. */
static cJSON *normalise(const cJSON *inst, const char *key, const cJSON *given)
{
	const cJSON *q = samv_instrument_question(inst, key), *pt;
	char num[32];

	if (!q)
		return cJSON_Duplicate(given, 1);
	if (!strcmp(str(q, "type"), "scale")) {
		if (cJSON_IsNumber(given)) {
			snprintf(num, sizeof(num), "%g", given->valuedouble);
			pt = samv_instrument_point(inst, q, num);
			return pt ? cJSON_CreateString(str(pt, "key")) : cJSON_CreateString(num);
		}
		if (cJSON_IsString(given) && (pt = samv_instrument_point(inst, q, given->valuestring)))
			return cJSON_CreateString(str(pt, "key"));
	}
	if (!strcmp(str(q, "type"), "choices") && cJSON_IsString(given)) {
		cJSON *list = cJSON_CreateArray();
		const char *p = given->valuestring, *comma;

		while (list && *p) {
			size_t n = (comma = strchr(p, ',')) ? (size_t)(comma - p) : strlen(p);
			char *item = strndup(p, n);

			if (!item || !cJSON_AddItemToArray(list, cJSON_CreateString(item))) {
				free(item);
				cJSON_Delete(list);
				return NULL;
			}
			free(item);
			p += n + (comma != NULL);
		}
		return list;
	}
	return cJSON_Duplicate(given, 1);
}

static cJSON *object_of(cJSON *rec, const char *name)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(rec, name);

	if (o && !cJSON_IsObject(o)) {
		samv_error_set(SAMV_EINVAL, "%s: must be an object", name);
		return NULL;
	}
	if (!o && !(o = cJSON_AddObjectToObject(rec, name)))
		samv_error_set(SAMV_ERROR, "out of memory");
	return o;
}

static int set_member(cJSON *obj, const char *key, cJSON *val)
{
	if (!val)
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
	cJSON_AddItemToObject(obj, key, val);
	return 0;
}

/* --answer and --note into rec; the answers read from standard input are
 * put in their stored form too. */
static int put_answers(struct samv_entity *e, cJSON *rec, const cJSON *inst)
{
	cJSON *answers, *notes, *it, *next;
	const cJSON *arg;
	char *key = NULL, *text = NULL;
	int rc = 0;

	if (!(answers = object_of(rec, "answers")) || !(notes = object_of(rec, "notes")))
		return SAMV_EINVAL;
	/* replaced in place: appending would walk into the new members */
	for (it = answers->child; it; it = next) {
		cJSON *norm = normalise(inst, it->string, it);

		next = it->next;
		if (!norm)
			return samv_error_set(SAMV_ERROR, "out of memory");
		cJSON_ReplaceItemInObjectCaseSensitive(answers, it->string, norm);
	}
	cJSON_ArrayForEach(arg, samv_entity_args(e, "answer")) {
		cJSON given = { 0 };

		if ((rc = samv_key_text(&key, &text, "answer", arg->valuestring)) < 0)
			return rc;
		given.type = cJSON_String;
		given.valuestring = text;
		rc = set_member(answers, key, normalise(inst, key, &given));
		free(key);
		free(text);
		if (rc < 0)
			return rc;
	}
	cJSON_ArrayForEach(arg, samv_entity_args(e, "note")) {
		if ((rc = samv_key_text(&key, &text, "note", arg->valuestring)) < 0)
			return rc;
		rc = set_member(notes, key, cJSON_CreateString(text));
		free(key);
		free(text);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The subject's kind, when not given: what the ids given say. */
static int infer_kind(cJSON *rec)
{
	const char *kind;

	if (str(rec, "subject_kind"))
		return 0;
	if (str(rec, "partner"))
		kind = "pair";
	else if (str(rec, "actor"))
		kind = "actor";
	else if (str(rec, "arena"))
		kind = "arena";
	else
		kind = "collaboration";
	return cJSON_AddStringToObject(rec, "subject_kind", kind) ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

/* One line from the terminal, without its newline; NULL at the end. */
static char *ask(const char *prompt)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	fputs(prompt, stderr);
	fflush(stderr);
	if ((n = getline(&line, &cap, stdin)) < 0) {
		/* the error then starts a line of its own */
		fputc('\n', stderr);
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

static bool go_back(const char *s)
{
	return !strcmp(s, "-") || !strcmp(s, "<");
}

static void show_question(const cJSON *inst, const cJSON *q, int i, int n, const char *lang)
{
	const cJSON *p;
	bool sv = !strcmp(lang, "sv");

	fprintf(stderr, "\n[%d/%d] %s\n", i, n, samv_instrument_text(q, lang));
	if (!strcmp(str(q, "type"), "scale"))
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(samv_instrument_scale(inst, q), "points"))
			fprintf(stderr, "  %3d  %-18s %s\n", (int)cJSON_GetObjectItemCaseSensitive(p, "value")->valuedouble,
				str(p, "key"), samv_instrument_text(p, lang));
	if (!strcmp(str(q, "type"), "choices")) {
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(q, "choices"))
			fprintf(stderr, "       %-18s %s\n", str(p, "key"), samv_instrument_text(p, lang));
		fprintf(stderr, "  %s\n", sv ? "(flera: skilj med kommatecken)" : "(several: separate with commas)");
	}
}

/*
 * Ask each question not answered yet, in the instrument's order, on the
 * terminal: the scale shown, empty skips (unless required), "-" or "<"
 * goes back to the question before.  The note is asked after the answer.
 */
static int interview(cJSON *rec, const cJSON *inst, const char *lang)
{
	const cJSON *qs = cJSON_GetObjectItemCaseSensitive(inst, "questions"), *q;
	cJSON *answers = cJSON_GetObjectItemCaseSensitive(rec, "answers");
	cJSON *notes = cJSON_GetObjectItemCaseSensitive(rec, "notes");
	int n = cJSON_GetArraySize(qs), i = 0, rc = 0, *asked = calloc((size_t)n + 1, sizeof(int)), top = 0;
	bool sv = !strcmp(lang, "sv"), back;
	char *line = NULL;

	if (!asked)
		return samv_error_set(SAMV_ERROR, "out of memory");
	fprintf(stderr, "%s: %s\n%s\n", str(inst, "name"), samv_instrument_text(cJSON_GetObjectItemCaseSensitive(inst, "title"), lang),
		sv ? "Tomt svar hoppar över frågan, - eller < går tillbaka."
		   : "An empty answer skips the question; - or < goes back.");
	while (i < n) {
		const char *key, *note;
		cJSON given = { 0 };

		q = cJSON_GetArrayItem(qs, i);
		key = str(q, "key");
		if (cJSON_GetObjectItemCaseSensitive(answers, key) && !(top && asked[top - 1] == i)) {
			i++;
			continue;
		}
		show_question(inst, q, i + 1, n, lang);
		free(line);
		if (!(line = ask(sv ? "svar: " : "answer: ")))
			goto eof;
		if (go_back(line)) {
			if (top) {
				i = asked[--top];
				cJSON_DeleteItemFromObjectCaseSensitive(answers, str(cJSON_GetArrayItem(qs, i), "key"));
				cJSON_DeleteItemFromObjectCaseSensitive(notes, str(cJSON_GetArrayItem(qs, i), "key"));
			}
			continue;
		}
		if (!*line) {
			if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(q, "required"))) {
				fprintf(stderr, "%s\n", sv ? "Frågan måste besvaras." : "This question must be answered.");
				continue;
			}
			asked[top++] = i++;
			continue;
		}
		given.type = cJSON_String;
		given.valuestring = line;
		if ((rc = set_member(answers, key, normalise(inst, key, &given))) < 0)
			goto out;
		/* check this answer alone: a mistake is asked again at once */
		{
			cJSON *one = cJSON_Duplicate(rec, 1), *a;

			rc = 0;
			cJSON_DeleteItemFromObjectCaseSensitive(one, "answers");
			cJSON_DeleteItemFromObjectCaseSensitive(one, "notes");
			if (!one || !(a = cJSON_AddObjectToObject(one, "answers")) ||
			    !cJSON_AddItemToObject(a, key, cJSON_Duplicate(cJSON_GetObjectItemCaseSensitive(answers, key), 1)))
				rc = samv_error_set(SAMV_ERROR, "out of memory");
			else if (samv_assessment_validate(inst, one) < 0 && !strstr(samv_error_last_c(), "notes: ") &&
				 !strstr(samv_error_last_c(), ": required"))
				rc = SAMV_EINVAL;
			cJSON_Delete(one);
			if (rc == SAMV_EINVAL) {
				fprintf(stderr, "%s\n", samv_error_last());
				cJSON_DeleteItemFromObjectCaseSensitive(answers, key);
				rc = 0;
				continue;
			}
			if (rc < 0)
				goto out;
		}
		note = str(q, "note") ? str(q, "note") : "optional";
		back = false;
		while (strcmp(note, "none") && strcmp(str(q, "type"), "text")) {
			free(line);
			if (!(line = ask(!strcmp(note, "required") ? (sv ? "anteckning (krävs): " : "note (required): ")
								   : (sv ? "anteckning (valfri): " : "note (optional): "))))
				goto eof;
			/* back from the note: the same question again */
			if ((back = go_back(line))) {
				cJSON_DeleteItemFromObjectCaseSensitive(answers, key);
				break;
			}
			if (!*line && !strcmp(note, "required"))
				continue;
			if (*line && (rc = set_member(notes, key, cJSON_CreateString(line))) < 0)
				goto out;
			break;
		}
		if (!back)
			asked[top++] = i++;
	}
	goto out;
eof:
	rc = samv_error_set(SAMV_EINVAL, "standard input ended before the last question; nothing was written");
out:
	free(line);
	free(asked);
	return rc;
}

static int cmd_add(struct samv_entity *e, struct samv_store *s)
{
	const char *lang, *id_given = samv_entity_arg(e, "id");
	char id[SAMV_ID_MAX + 1], today[11], name[80];
	struct samv_buf body = SAMV_BUF_INIT, subj = SAMV_BUF_INIT;
	struct samv_view *v = NULL;
	struct samv_txn *t = NULL;
	cJSON *rec = NULL, *set = NULL;
	const cJSON *inst;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "add: unexpected argument '%s' (values go in options, e.g. --answer)",
				      samv_entity_operands(e, &n)[0]);
	if ((rc = language(&lang, e)) < 0)
		return rc;
	if (samv_entity_flag(e, "stdin")) {
		if ((rc = samv_json_read_object(&rec, stdin, STDIN_MAX, "standard input")) < 0)
			return rc;
	} else if (!(rec = cJSON_CreateObject())) {
		return samv_error_set(SAMV_ERROR, "out of memory");
	}
	/* answers are gathered before the write begins: nobody waits on the
	 * lock while a person thinks */
	if ((rc = load(&v, &set, s, NULL)) < 0 || (rc = samv_entity_apply(e, rec, v)) < 0 || (rc = infer_kind(rec)) < 0)
		goto out;
	if (!str(rec, "instrument")) {
		rc = samv_error_set(SAMV_EUSAGE, "add: --instrument is required (see samv-assess instruments)");
		goto out;
	}
	if ((rc = samv_instrument_get(&inst, set, str(rec, "instrument"))) < 0 || (rc = put_answers(e, rec, inst)) < 0)
		goto out;
	if (!str(rec, "date")) {
		samv_date_today(today);
		cJSON_AddStringToObject(rec, "date", today);
	}
	/* what would refuse the record anyway is said before any question */
	if (samv_date_check(str(rec, "date")) < 0) {
		rc = samv_error_set(SAMV_EINVAL, "date: '%s' is not a date (YYYY-MM-DD)", str(rec, "date"));
		goto out;
	}
	if ((rc = samv_date_past(str(rec, "date"), "date")) < 0 || (rc = samv_assessment_fits(inst, rec)) < 0)
		goto out;
	if (!samv_entity_flag(e, "stdin") && !samv_entity_flag(e, "batch") && isatty(STDIN_FILENO) &&
	    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(rec, "answers")) <
		    cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(inst, "questions")) &&
	    (rc = interview(rec, inst, lang)) < 0)
		goto out;
	if ((rc = samv_txn_begin(&t, s, "samv-assess add")) < 0 || (rc = samv_entity_apply(e, rec, samv_txn_view(t))) < 0)
		goto out;
	if (id_given || str(rec, "id")) {
		const char *given = id_given ? id_given : str(rec, "id");

		if ((rc = samv_id_check(given, "id")) < 0)
			goto out;
		snprintf(id, sizeof(id), "%s", given);
	} else {
		snprintf(name, sizeof(name), "%s %s", str(rec, "instrument"), str(rec, "date"));
		if ((rc = samv_id_mint(id, sizeof(id), name)) < 0)
			goto out;
	}
	{
		char path[256];

		if ((rc = samv_type_path(path, sizeof(path), samv_type_find("assessment"), id)) < 0)
			goto out;
		if (samv_view_exists(samv_txn_view(t), path)) {
			rc = samv_error_set(SAMV_EEXISTS, "assessment '%s' already exists", id);
			goto out;
		}
	}
	cJSON_DeleteItemFromObjectCaseSensitive(rec, "id");
	cJSON_AddStringToObject(rec, "id", id);
	if ((rc = samv_assessment_prepare(t, rec, NULL)) < 0 ||
	    (rc = samv_txn_put_record(t, samv_type_find("assessment"), rec)) < 0 ||
	    (rc = samv_assessment_subject(&subj, rec)) < 0 ||
	    (rc = samv_buf_printf(&body, "%s of %s, %s", str(rec, "instrument"), subj.ptr, str(rec, "date"))) < 0)
		goto out;
	if ((rc = samv_entity_commit(e, t, "add", id, body.ptr)) == 0)
		printf("%s\n", id);
out:
	samv_buf_free(&body);
	samv_buf_free(&subj);
	samv_txn_free(t);
	samv_view_free(v);
	cJSON_Delete(set);
	cJSON_Delete(rec);
	return rc;
}

/* ---- list, show ------------------------------------------------------- */

/* An id or prefix of an arena or an actor; both matching is ambiguous. */
static int resolve_subject(char out[SAMV_ID_MAX + 1], char kind[8], struct samv_view *v, const char *given)
{
	char a[SAMV_ID_MAX + 1], b[SAMV_ID_MAX + 1], amb[1024] = "";
	int ra, rb;

	if (!strncmp(given, "arena:", 6) || !strncmp(given, "actor:", 6)) {
		snprintf(kind, 8, "%.5s", given);
		return samv_record_resolve(out, v, samv_type_find(kind), given + 6);
	}
	/* an ambiguous prefix keeps its message: it names the candidates */
	if ((ra = samv_record_resolve(a, v, samv_type_find("arena"), given)) == SAMV_EAMBIGUOUS)
		snprintf(amb, sizeof(amb), "%s", samv_error_last());
	if ((rb = samv_record_resolve(b, v, samv_type_find("actor"), given)) == SAMV_EAMBIGUOUS && !amb[0])
		snprintf(amb, sizeof(amb), "%s", samv_error_last());
	if (ra == 0 && rb == 0 && strcmp(a, b) && strcmp(given, a) && strcmp(given, b))
		return samv_error_set(SAMV_EAMBIGUOUS, "'%s' names both arena '%s' and actor '%s' (say arena:%s or actor:%s)",
				      given, a, b, given, given);
	if (ra == 0 && (rb < 0 || !strcmp(given, a))) {
		strcpy(out, a);
		strcpy(kind, "arena");
		return 0;
	}
	if (rb == 0) {
		strcpy(out, b);
		strcpy(kind, "actor");
		return 0;
	}
	if (amb[0])
		return samv_error_set(SAMV_EAMBIGUOUS, "%s", amb);
	return samv_error_set(SAMV_ENOTFOUND, "no actor or arena '%s' (see samv-actor list, samv-arena list)", given);
}

static int by_date(const void *a, const void *b)
{
	const cJSON *x = *(const cJSON *const *)a, *y = *(const cJSON *const *)b;
	const char *dx = str(x, "date") ? str(x, "date") : "", *dy = str(y, "date") ? str(y, "date") : "";
	int c = strcmp(dx, dy);

	return c ? c : strcmp(str(x, "id") ? str(x, "id") : "", str(y, "id") ? str(y, "id") : "");
}

/* The assessments, oldest first (a new array of the same records): every
 * one (where NULL), or through the cache's list index those SQL selects
 * (samv_record_list: a superset for the caller to filter; rows: list
 * rows), or every one when the cache cannot serve. */
static int load_sorted(cJSON **out, struct samv_view *v, bool rows, const char *where, const char *const *args)
{
	cJSON *all = NULL, *res = NULL, **items = NULL, *it;
	size_t n = 0, i;
	int rc = 1;

	*out = NULL;
	if (where)
		rc = samv_record_list(&all, v, samv_type_find("assessment"), rows, where, args);
	if (rc == 1)
		rc = samv_record_load_all(&all, v, samv_type_find("assessment"), NULL);
	if (rc < 0)
		return rc;
	if (!(items = calloc((size_t)cJSON_GetArraySize(all) + 1, sizeof(*items))) || !(res = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	while ((it = all->child))
		items[n++] = cJSON_DetachItemViaPointer(all, it);
	qsort(items, n, sizeof(*items), by_date);
	for (i = 0; i < n; i++)
		cJSON_AddItemToArray(res, items[i]);
	*out = res;
	res = NULL;
out:
	free(items);
	cJSON_Delete(res);
	cJSON_Delete(all);
	return rc;
}

static bool names(const cJSON *rec, const char *key, const char *id)
{
	return id && str(rec, key) && !strcmp(str(rec, key), id);
}

static int cmd_list(struct samv_entity *e, struct samv_store *s)
{
	const char *instrument = samv_entity_arg(e, "instrument"), *since = samv_entity_arg(e, "since");
	const char *until = samv_entity_arg(e, "until"), *kind = samv_entity_arg(e, "subject-kind");
	char subject[SAMV_ID_MAX + 1], arena[SAMV_ID_MAX + 1], skind[8];
	struct samv_buf subj = SAMV_BUF_INIT, where = SAMV_BUF_INIT;
	const struct samv_type *atype = samv_type_find("assessment");
	const char *args[6] = { NULL };
	size_t nargs = 0;
	struct samv_view *v = NULL;
	cJSON *all = NULL, *out = NULL, *rec, *next, *set = NULL;
	const cJSON *inst;
	const struct samv_field *kind_field = samv_field_find(samv_type_find("assessment"), "subject_kind");
	const char *k, *sp;
	size_t w = 0;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "list: unexpected argument '%s'", samv_entity_operands(e, &n)[0]);
	/* a filter that is not valid is a usage error (exit 2) */
	if (since && samv_date_check(since) < 0)
		return samv_error_set(SAMV_EUSAGE, "--since: %s", samv_error_last());
	if (until && samv_date_check(until) < 0)
		return samv_error_set(SAMV_EUSAGE, "--until: %s", samv_error_last());
	if (kind && !samv_subject_kind_ok(kind))
		return samv_error_set(SAMV_EUSAGE, "--subject-kind: '%s' is not one of actor, arena, pair, collaboration",
				      kind);
	if ((rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	if (instrument && samv_instrument_get(&inst, set, instrument) < 0) {
		rc = samv_error_set(SAMV_EUSAGE, "--instrument: %s", samv_error_last());
		goto out;
	}
	if (samv_entity_arg(e, "subject") &&
	    resolve_subject(subject, skind, v, samv_entity_arg(e, "subject")) < 0) {
		rc = samv_error_set(SAMV_EUSAGE, "--subject: %s", samv_error_last());
		goto out;
	}
	if (samv_entity_arg(e, "arena") &&
	    samv_record_resolve(arena, v, samv_type_find("arena"), samv_entity_arg(e, "arena")) < 0) {
		rc = samv_error_set(SAMV_EUSAGE, "--arena: %s", samv_error_last());
		goto out;
	}
	/* what SQL can select on; the subject is left to the loop below */
	if (samv_buf_puts(&where, "1") < 0) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	if (instrument)
		samv_listcol_cond(&where, args, &nargs, atype, "instrument", "=", instrument);
	if (kind)
		samv_listcol_cond(&where, args, &nargs, atype, "subject_kind", "=", kind);
	if (since)
		samv_listcol_cond(&where, args, &nargs, atype, "date", ">=", since);
	if (until)
		samv_listcol_cond(&where, args, &nargs, atype, "date", "<=", until);
	if (samv_entity_arg(e, "arena"))
		samv_listcol_cond(&where, args, &nargs, atype, "arena", "=", arena);
	/* list rows hold every field the text and the ids below read */
	if ((rc = load_sorted(&all, v, !samv_entity_flag(e, "json") && samv_listcols_cover(atype), where.ptr, args)) < 0 ||
	    !(out = cJSON_CreateArray())) {
		rc = rc < 0 ? rc : samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	for (rec = all->child; rec; rec = next) {
		const char *date = str(rec, "date");

		next = rec->next;
		if ((instrument && !names(rec, "instrument", instrument)) || (kind && !names(rec, "subject_kind", kind)) ||
		    (since && (!date || strcmp(date, since) < 0)) || (until && (!date || strcmp(date, until) > 0)) ||
		    (samv_entity_arg(e, "arena") && !names(rec, "arena", arena)))
			continue;
		if (samv_entity_arg(e, "subject") &&
		    !(strcmp(skind, "arena") ? names(rec, "actor", subject) || names(rec, "partner", subject)
					     : names(rec, "arena", subject) && names(rec, "subject_kind", "arena")))
			continue;
		cJSON_AddItemToArray(out, cJSON_DetachItemViaPointer(all, rec));
	}
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_records(stdout, samv_type_find("assessment"), out);
		goto out;
	}
	cJSON_ArrayForEach(rec, out)
		if (str(rec, "id") && samv_utf8_width(str(rec, "id")) > w)
			w = samv_utf8_width(str(rec, "id"));
	cJSON_ArrayForEach(rec, out) {
		if (samv_entity_flag(e, "ids")) {
			printf("%s\n", str(rec, "id"));
			continue;
		}
		subj.len = 0;
		samv_assessment_subject(&subj, rec);
		/* the subject's kind in the user's language: "par region rf-sisu" */
		k = str(rec, "subject_kind");
		sp = k ? strchr(subj.ptr, ' ') : NULL;
		printf("%s  %-*s  %-10s  %s%s\n", str(rec, "date") ? str(rec, "date") : "-", (int)w, str(rec, "id"),
		       str(rec, "instrument") ? str(rec, "instrument") : "-",
		       k ? samv_show_value(kind_field, k) : subj.ptr, sp ? sp : "");
	}
out:
	cJSON_Delete(set);
	samv_buf_free(&subj);
	samv_buf_free(&where);
	cJSON_Delete(out);
	cJSON_Delete(all);
	samv_view_free(v);
	return rc;
}

/* "enables (1)" or, in Swedish, "möjliggör (enables, 1)": the key is
 * what --answer takes. */
static void print_point(const cJSON *pt, const char *lang)
{
	int value = (int)cJSON_GetObjectItemCaseSensitive(pt, "value")->valuedouble;

	if (!strcmp(lang, "en") || !strcmp(samv_instrument_text(pt, lang), str(pt, "key")))
		printf("%s (%d)", samv_instrument_text(pt, lang), value);
	else
		printf("%s (%s, %d)", samv_instrument_text(pt, lang), str(pt, "key"), value);
}

static void print_answers(const cJSON *rec, const cJSON *inst, const char *lang)
{
	const cJSON *answers = cJSON_GetObjectItemCaseSensitive(rec, "answers");
	const cJSON *notes = cJSON_GetObjectItemCaseSensitive(rec, "notes"), *q, *a, *it;
	const char *group = NULL;

	cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(inst, "questions")) {
		const char *key = str(q, "key"), *note = str(notes, key), *g = str(q, "group");

		if (!(a = cJSON_GetObjectItemCaseSensitive(answers, key)) && !note)
			continue;
		if (g && (!group || strcmp(g, group)))
			printf("\n%s:\n", g);
		group = g;
		printf("  %s: ", key);
		if (!a)
			printf("-");
		else if (cJSON_IsString(a) && samv_instrument_point(inst, q, a->valuestring))
			print_point(samv_instrument_point(inst, q, a->valuestring), lang);
		else if (cJSON_IsArray(a))
			cJSON_ArrayForEach(it, a)
				printf("%s%s", it == a->child ? "" : ", ", cJSON_IsString(it) ? it->valuestring : "?");
		else if (cJSON_IsString(a))
			printf("%s", a->valuestring);
		printf("\n");
		if (note)
			printf("    %s\n", note);
	}
}

static int cmd_show(struct samv_entity *e, struct samv_store *s)
{
	const struct samv_type *t = samv_type_find("assessment");
	struct samv_buf text = SAMV_BUF_INIT, subj = SAMV_BUF_INIT;
	struct samv_view *v = NULL;
	char id[SAMV_ID_MAX + 1];
	cJSON *rec = NULL, *set = NULL, *head;
	const cJSON *inst;
	const char *lang;
	char **ops;
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "one id")) < 0 || (rc = language(&lang, e)) < 0)
		return rc;
	ops = samv_entity_operands(e, &n);
	if ((rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0 || (rc = samv_record_resolve(id, v, t, ops[0])) < 0 ||
	    (rc = samv_record_load(&rec, v, t, id)) < 0)
		goto out;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_records(stdout, t, rec);
		goto out;
	}
	/* the record's own fields as other commands show them, then the
	 * answers in the instrument's order, each with its note */
	if (!(head = cJSON_Duplicate(rec, 1))) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(head, "answers");
	cJSON_DeleteItemFromObjectCaseSensitive(head, "notes");
	samv_entity_print_record(stdout, t, head);
	cJSON_Delete(head);
	if ((inst = samv_instrument_find(set, str(rec, "instrument"))))
		print_answers(rec, inst, lang);
	else
		fprintf(stderr, _("samv-assess: unknown instrument '%s': answers not shown (see --json)\n"),
			str(rec, "instrument"));
out:
	samv_buf_free(&text);
	samv_buf_free(&subj);
	cJSON_Delete(rec);
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

/* ---- trend ------------------------------------------------------------ */

static int cmd_trend(struct samv_entity *e, struct samv_store *s)
{
	const char *only = samv_entity_arg(e, "instrument"), *lang, *kind = "collaboration";
	char id[SAMV_ID_MAX + 1], partner[SAMV_ID_MAX + 1], skind[8];
	struct samv_buf out = SAMV_BUF_INIT;
	struct samv_view *v = NULL;
	cJSON *set = NULL, *all = NULL, *res = NULL, *tr = NULL;
	const cJSON *inst;
	bool json = samv_entity_flag(e, "json"), csv = samv_entity_flag(e, "csv"), pair = false;
	char **ops;
	int n, rc;

	ops = samv_entity_operands(e, &n);
	if (n < 1 || n > 2)
		return samv_error_set(SAMV_EUSAGE, "trend: expected a subject (usage: samv-assess trend SUBJECT [PARTNER])");
	if (json && csv)
		return samv_error_set(SAMV_EUSAGE, "trend: --json and --csv exclude each other");
	if ((rc = language(&lang, e)) < 0 || (rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	if (only && (rc = samv_instrument_get(&inst, set, only)) < 0)
		goto out;
	if (n == 1 && !strcmp(ops[0], "collaboration")) {
		id[0] = '\0';
	} else if ((rc = resolve_subject(id, skind, v, ops[0])) < 0) {
		goto out;
	} else {
		kind = skind;
	}
	if (n == 2) {
		if (strcmp(kind, "actor")) {
			rc = samv_error_set(SAMV_EUSAGE, "trend: a pair is two actors; '%s' is an arena", ops[0]);
			goto out;
		}
		if ((rc = samv_record_resolve(partner, v, samv_type_find("actor"), ops[1])) < 0)
			goto out;
		kind = "pair";
		pair = true;
	}
	if ((rc = samv_record_load_all(&all, v, samv_type_find("assessment"), NULL)) < 0 || !(res = cJSON_CreateArray())) {
		rc = rc < 0 ? rc : samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	cJSON_ArrayForEach(inst, set) {
		if (only && strcmp(str(inst, "name"), only))
			continue;
		if ((rc = samv_assess_trend(&tr, inst, all, kind, id[0] ? id : NULL, pair ? partner : NULL, lang)) < 0)
			goto out;
		/* every instrument used for the subject, or the one asked for */
		if (!only && !cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tr, "assessments"))) {
			cJSON_Delete(tr);
			tr = NULL;
			continue;
		}
		cJSON_AddItemToArray(res, tr);
		if (csv)
			rc = samv_assess_trend_csv(&out, tr, cJSON_GetArraySize(res) == 1);
		else if (!json && (rc = samv_buf_printf(&out, "%s%s, %s%s%s%s%s: %d assessment%s\n", out.len ? "\n" : "",
							   str(inst, "name"), kind, id[0] ? " " : "", id[0] ? id : "",
							   pair ? " " : "", pair ? partner : "",
							   cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tr, "assessments")),
							   cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(tr, "assessments")) == 1
								   ? "" : "s")) == 0)
			rc = samv_assess_trend_chart(&out, tr, inst, lang);
		tr = NULL;
		if (rc < 0)
			goto out;
	}
	if (json)
		rc = samv_print_json(stdout, res);
	else if (!cJSON_GetArraySize(res))
		printf(_("no assessments of %s%s%s%s%s\n"), kind, id[0] ? " " : "", id[0] ? id : "", pair ? " " : "",
		       pair ? partner : "");
	else
		fputs(out.ptr ? out.ptr : "", stdout);
out:
	samv_buf_free(&out);
	cJSON_Delete(tr);
	cJSON_Delete(res);
	cJSON_Delete(all);
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

/* ---- gaps ------------------------------------------------------------- */

static int cmd_gaps(struct samv_entity *e, struct samv_store *s)
{
	const char *older = samv_entity_arg(e, "older-than");
	struct samv_gaps_opts o = { NULL, 24, NULL, NULL };
	char today[11], arena[SAMV_ID_MAX + 1];
	struct samv_view *v = NULL;
	cJSON *set = NULL, *gaps = NULL;
	char *end;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "gaps: unexpected argument '%s' (an arena goes in --arena)",
				      samv_entity_operands(e, &n)[0]);
	if (older) {
		long m = strtol(older, &end, 10);

		if (!*older || *end || m < 0 || m > 1200)
			return samv_error_set(SAMV_EUSAGE, "--older-than: '%s' is not a number of months (0 to 1200)", older);
		o.older_than = (int)m;
	}
	samv_date_today(today);
	o.today = today;
	if ((rc = language(&o.lang, e)) < 0 || (rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	if (samv_entity_arg(e, "arena")) {
		if ((rc = samv_record_resolve(arena, v, samv_type_find("arena"), samv_entity_arg(e, "arena"))) < 0) {
			rc = samv_error_set(rc, "--arena: %s", samv_error_last());
			goto out;
		}
		o.arena = arena;
	}
	if ((rc = samv_assess_gaps(&gaps, set, v, &o)) < 0)
		goto out;
	if (samv_entity_flag(e, "json"))
		rc = samv_print_json(stdout, gaps);
	else
		samv_assess_gaps_print(stdout, gaps);
out:
	cJSON_Delete(gaps);
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

/* ---- levels ---------------------------------------------------------- */

static bool read_in_pairs(const cJSON *inst)
{
	const char *m = str(cJSON_GetObjectItemCaseSensitive(inst, "summary"), "method");

	return m && !strcmp(m, "pairs");
}

/* --arena: the arena's id and members (an empty list when it has none). */
static int arena_members(cJSON **out, char id[SAMV_ID_MAX + 1], struct samv_view *v, const char *given)
{
	cJSON *arena = NULL;
	const cJSON *m;
	int rc;

	*out = NULL;
	if ((rc = samv_record_resolve(id, v, samv_type_find("arena"), given)) < 0)
		return samv_error_set(rc, "--arena: %s", samv_error_last());
	if ((rc = samv_record_load(&arena, v, samv_type_find("arena"), id)) < 0)
		return rc;
	m = cJSON_GetObjectItemCaseSensitive(arena, "members");
	*out = m ? cJSON_Duplicate(m, 1) : cJSON_CreateArray();
	cJSON_Delete(arena);
	return *out ? 0 : samv_error_set(SAMV_ERROR, "out of memory");
}

static int cmd_levels(struct samv_entity *e, struct samv_store *s)
{
	const char *only = samv_entity_arg(e, "instrument");
	struct samv_levels_opts o = { NULL, NULL, NULL, NULL, NULL };
	char actor[SAMV_ID_MAX + 1], arena[SAMV_ID_MAX + 1];
	struct samv_view *v = NULL;
	cJSON *set = NULL, *all = NULL, *actors = NULL, *members = NULL, *res = NULL, *one;
	const cJSON *inst;
	char **ops;
	int n, rc;

	ops = samv_entity_operands(e, &n);
	if (n > 1)
		return samv_error_set(SAMV_EUSAGE, "levels: unexpected argument '%s' (usage: samv-assess levels [ACTOR])",
				      ops[1]);
	if ((rc = language(&o.lang, e)) < 0 || (rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	if (only && (rc = samv_instrument_get(&inst, set, only)) == 0 && !read_in_pairs(inst))
		rc = samv_error_set(SAMV_EUSAGE, "--instrument: '%s' is not read in pairs (levels is)", only);
	if (rc < 0 || (n && (rc = samv_record_resolve(actor, v, samv_type_find("actor"), ops[0])) < 0))
		goto out;
	if (samv_entity_arg(e, "arena") && (rc = arena_members(&members, arena, v, samv_entity_arg(e, "arena"))) < 0)
		goto out;
	if ((rc = samv_record_load_all(&actors, v, samv_type_find("actor"), NULL)) < 0 ||
	    (rc = samv_record_load_all(&all, v, samv_type_find("assessment"), NULL)) < 0)
		goto out;
	if (!(res = cJSON_CreateArray())) {
		rc = samv_error_set(SAMV_ERROR, "out of memory");
		goto out;
	}
	o.actors = actors;
	o.members = members;
	o.arena = members ? arena : NULL;
	o.actor = n ? actor : NULL;
	cJSON_ArrayForEach(inst, set) {
		if (!read_in_pairs(inst) || (only && strcmp(str(inst, "name"), only)))
			continue;
		if ((rc = samv_assess_levels(&one, inst, all, &o)) < 0)
			goto out;
		cJSON_AddItemToArray(res, one);
	}
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_json(stdout, res);
		goto out;
	}
	cJSON_ArrayForEach(one, res) {
		if (one != res->child)
			putchar('\n');
		samv_assess_levels_print(stdout, one);
	}
out:
	cJSON_Delete(res);
	cJSON_Delete(all);
	cJSON_Delete(actors);
	cJSON_Delete(members);
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

/* ---- instruments ------------------------------------------------------ */

static int cmd_instruments(struct samv_entity *e, struct samv_store *s)
{
	struct samv_view *v = NULL;
	cJSON *set = NULL;
	const cJSON *inst, *it;
	int n, rc;

	samv_entity_operands(e, &n);
	if (n)
		return samv_error_set(SAMV_EUSAGE, "instruments: unexpected argument '%s' (see samv-assess instrument NAME)",
				      samv_entity_operands(e, &n)[0]);
	if ((rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0)
		goto out;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_json(stdout, set);
		goto out;
	}
	cJSON_ArrayForEach(inst, set) {
		struct samv_buf subj = SAMV_BUF_INIT;

		if (samv_entity_flag(e, "ids")) {
			printf("%s\n", str(inst, "name"));
			continue;
		}
		cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(inst, "subjects"))
			samv_buf_printf(&subj, "%s%s", subj.len ? "," : "", it->valuestring);
		printf("%-8s %-26s %s\n", str(inst, "name"), subj.ptr ? subj.ptr : "",
		       samv_instrument_text(cJSON_GetObjectItemCaseSensitive(inst, "title"), "en"));
		samv_buf_free(&subj);
	}
out:
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

static int cmd_instrument(struct samv_entity *e, struct samv_store *s)
{
	struct samv_view *v = NULL;
	cJSON *set = NULL;
	const cJSON *inst, *q, *p, *it;
	const char *lang;
	char **ops;
	int n, rc;

	if ((rc = samv_entity_one_operand(e, "an instrument's name")) < 0 || (rc = language(&lang, e)) < 0)
		return rc;
	ops = samv_entity_operands(e, &n);
	if ((rc = load(&v, &set, s, samv_entity_arg(e, "rev"))) < 0 || (rc = samv_instrument_get(&inst, set, ops[0])) < 0)
		goto out;
	if (samv_entity_flag(e, "json")) {
		rc = samv_print_json(stdout, inst);
		goto out;
	}
	printf("%s: %s\n", str(inst, "name"), samv_instrument_text(cJSON_GetObjectItemCaseSensitive(inst, "title"), lang));
	printf(_("source:   %s\nsubjects:"), str(inst, "source"));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(inst, "subjects"))
		printf(" %s", it->valuestring);
	printf(_("\nsummary:  %s\n"), samv_instrument_text(cJSON_GetObjectItemCaseSensitive(inst, "summary"), lang));
	cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(inst, "scales")) {
		printf(_("\nscale %s:\n"), it->string);
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(it, "points"))
			printf("  %3d  %-18s %s\n", (int)cJSON_GetObjectItemCaseSensitive(p, "value")->valuedouble,
			       str(p, "key"), samv_instrument_text(p, lang));
	}
	printf(_("\nquestions:\n"));
	cJSON_ArrayForEach(q, cJSON_GetObjectItemCaseSensitive(inst, "questions")) {
		const char *note = str(q, "note") ? str(q, "note") : "optional";

		printf("  %s", str(q, "key"));
		if (!strcmp(str(q, "type"), "scale"))
			printf(_(" (scale %s"), str(q, "scale"));
		else
			printf(" (%s", str(q, "type"));
		if (strcmp(note, "optional"))
			printf(_(", note %s"), note);
		if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(q, "required")))
			printf(_(", required"));
		printf(")\n    %s\n", samv_instrument_text(q, lang));
		cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(q, "choices"))
			printf("      %-12s %s\n", str(p, "key"), samv_instrument_text(p, lang));
	}
out:
	cJSON_Delete(set);
	samv_view_free(v);
	return rc;
}

static const struct samv_verb verbs[] = {
	{ "add", "[OPTIONS]", N_("record an assessment (prints its id)"), add_opts, true, cmd_add },
	{ "list", "[FILTERS]", N_("list assessments, oldest first"), list_opts, false, cmd_list },
	{ "show", "ID", N_("show an assessment: each answer with its note"), show_opts, false, cmd_show },
	{ "trend", "SUBJECT [PARTNER]", N_("how the answers about a subject moved over time"), trend_opts, false,
	  cmd_trend },
	{ "gaps", "[--arena ARENA]", N_("per arena: standing, missing base pieces, hindering factors, who to ask"),
	  gaps_opts, false, cmd_gaps },
	{ "levels", "[ACTOR]", N_("per partner: the levels ratings each organisation gave and received"), levels_opts,
	  false, cmd_levels },
	{ "instruments", "", N_("list the instruments"), instruments_opts, false, cmd_instruments },
	{ "instrument", "NAME", N_("show an instrument's questions and scales"), instrument_opts, false, cmd_instrument },
	{ NULL, NULL, NULL, NULL, false, NULL }
};

/* --instrument: the names of the instruments, the repository's own too. */
static int complete(struct samv_entity *e, const char *opt)
{
	struct samv_store *s = NULL;
	struct samv_view *v = NULL;
	cJSON *set = NULL;
	const cJSON *inst;

	if (strcmp(opt, "instrument"))
		return 0;
	/* outside a repository, the built-in ones */
	if (samv_store_open(&s, samv_entity_dir(e)) < 0 || samv_view_rev(&v, s, NULL) < 0)
		samv_view_free(v), v = NULL;
	if (samv_instruments_load(&set, v, NULL) == 0)
		cJSON_ArrayForEach(inst, set)
			printf("%s\n", str(inst, "name"));
	samv_error_clear();
	cJSON_Delete(set);
	samv_view_free(v);
	samv_store_free(s);
	return 1;
}

int main(int argc, char **argv)
{
	struct samv_cmd c = {
		.prog = "samv-assess", .summary = N_("readiness assessments after the CROSS framework, with trends and gaps"),
		.can_remove = true, .verbs = verbs, .prepare = samv_assessment_prepare, .complete = complete
	};

	samv_alloc_init();
	samv_i18n_init();
	c.type = samv_type_find("assessment");
	return samv_entity_main(&c, argc, argv);
}
