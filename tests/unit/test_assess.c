/* Unit tests: instruments (instrument.c), assessment rules and trends
 * (assess.c), the levels of pairs: disagreeing pairs and the summary per
 * partner (levels.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static cJSON *builtins(void)
{
	cJSON *set = NULL;

	assert_int_equal(samv_instruments_load(&set, NULL, NULL), 0);
	return set;
}

static void builtin_instruments_load(void **state)
{
	cJSON *set = builtins();
	const cJSON *cross, *q, *pt;

	(void)state;
	assert_int_equal(cJSON_GetArraySize(set), 3);
	assert_non_null(cross = samv_instrument_find(set, "cross"));
	assert_non_null(samv_instrument_find(set, "levels"));
	assert_non_null(samv_instrument_find(set, "steps"));
	assert_null(samv_instrument_find(set, "nope"));
	/* willingness, ability, five factors, dependency kinds, seven base
	 * pieces, four questions to the organisation */
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(cross, "questions")), 19);
	q = samv_instrument_question(cross, "legal");
	assert_non_null(q);
	assert_string_equal(samv_record_str(q, "note"), "required");
	/* a point by its key or its number */
	assert_non_null(pt = samv_instrument_point(cross, q, "-2"));
	assert_string_equal(samv_record_str(pt, "key"), "strongly-hinders");
	assert_string_equal(samv_instrument_text(pt, "sv"), "hindrar starkt");
	assert_non_null(samv_instrument_point(cross, q, "enables"));
	assert_null(samv_instrument_point(cross, q, "3"));
	assert_null(samv_instrument_point(cross, samv_instrument_question(cross, "problem"), "1"));
	assert_int_equal(samv_instrument_get(&q, set, "bogus"), SAMV_ENOTFOUND);
	assert_string_equal(samv_error_last(), "unknown instrument 'bogus' (instruments: cross, levels, steps)");
	cJSON_Delete(set);
}

/* An instrument's definition with one change made by a callback. */
static int broken(const char *text, const char *want)
{
	cJSON *inst = NULL;
	int rc = samv_instrument_parse(&inst, text, strlen(text), "x.json");

	cJSON_Delete(inst);
	if (rc == 0)
		return 0;
	if (strcmp(samv_error_last(), want)) {
		fprintf(stderr, "got '%s'\nwant '%s'\n", samv_error_last(), want);
		return 2;
	}
	return 1;
}

#define HEAD "{\"name\":\"t\",\"title\":{\"en\":\"T\",\"sv\":\"T\"},\"source\":\"s\",\"subjects\":[\"actor\"]," \
	     "\"summary\":{\"method\":\"profile\",\"en\":\"e\",\"sv\":\"s\"},"
#define SCALE "\"scales\":{\"yn\":{\"points\":[{\"key\":\"no\",\"value\":0,\"en\":\"no\",\"sv\":\"nej\"}," \
	      "{\"key\":\"yes\",\"value\":1,\"en\":\"yes\",\"sv\":\"ja\"}]}},"
#define Q(extra) "\"questions\":[{\"key\":\"q\",\"type\":\"scale\",\"scale\":\"yn\",\"en\":\"Q\",\"sv\":\"F\"" extra "}]}"

static void instrument_validation(void **state)
{
	(void)state;
	assert_int_equal(broken(HEAD SCALE Q(""), ""), 0);
	assert_int_equal(broken("{\"name\":", "x.json:1:9: unexpected end of JSON text"), 1);
	assert_int_equal(broken(HEAD SCALE Q(",\"colour\":\"red\""), "x.json: questions[1]: unknown key 'colour'"), 1);
	assert_int_equal(broken(HEAD SCALE Q(",\"note\":\"always\""),
				"x.json: questions[1]: note: one of required, optional, none"), 1);
	assert_int_equal(broken(HEAD "\"scales\":{}," Q(""),
				"x.json: questions[1]: scale: must name one of the instrument's scales"), 1);
	assert_int_equal(broken(HEAD "\"scales\":{\"yn\":{\"points\":[{\"key\":\"a\",\"value\":1,\"en\":\"a\",\"sv\":\"a\"},"
				     "{\"key\":\"b\",\"value\":1,\"en\":\"b\",\"sv\":\"b\"}]}}," Q(""),
				"x.json: scales: yn: points[2]: values must rise from the first point to the last"), 1);
	assert_int_equal(broken(HEAD "\"scales\":{\"yn\":{\"points\":[{\"key\":\"a\",\"value\":1,\"en\":\"a\",\"sv\":\"a\"},"
				     "{\"key\":\"a\",\"value\":2,\"en\":\"b\",\"sv\":\"b\"}]}}," Q(""),
				"x.json: scales: yn: points[2]: key 'a' is used twice"), 1);
	assert_int_equal(broken(HEAD SCALE "\"questions\":[{\"key\":\"q\",\"type\":\"text\",\"en\":\"Q\"}]}",
				"x.json: questions[1]: needs the texts \"en\" and \"sv\""), 1);
	assert_int_equal(broken("{\"name\":\"t\",\"title\":{\"en\":\"T\",\"sv\":\"T\"},\"source\":\"s\","
				"\"subjects\":[\"team\"]}",
				"x.json: subjects: a list of actor, arena, pair, collaboration"), 1);
	assert_int_equal(broken("{\"name\":\"t\",\"title\":{\"en\":\"T\",\"sv\":\"T\"},\"source\":\"s\","
				"\"subjects\":[\"pair\"],\"summary\":{\"method\":\"pairs\",\"en\":\"e\",\"sv\":\"s\"}," SCALE Q(""),
				"x.json: summary: question: must name a question of type scale"), 1);
}

/* A record: instrument, kind, actor, partner, arena, date, then answers
 * and notes as "key=value" pairs separated by ';' (a note as "note:key=text"). */
static cJSON *rec(const char *id, const char *inst, const char *kind, const char *actor, const char *partner,
		  const char *arena, const char *date, const char *pairs)
{
	cJSON *r = cJSON_CreateObject(), *answers, *notes;
	char buf[512], *item, *save = NULL;

	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "instrument", inst);
	cJSON_AddStringToObject(r, "subject_kind", kind);
	if (actor)
		cJSON_AddStringToObject(r, "actor", actor);
	if (partner)
		cJSON_AddStringToObject(r, "partner", partner);
	if (arena)
		cJSON_AddStringToObject(r, "arena", arena);
	cJSON_AddStringToObject(r, "date", date);
	answers = cJSON_AddObjectToObject(r, "answers");
	notes = cJSON_AddObjectToObject(r, "notes");
	snprintf(buf, sizeof(buf), "%s", pairs);
	for (item = strtok_r(buf, ";", &save); item; item = strtok_r(NULL, ";", &save)) {
		char *eq = strchr(item, '=');

		*eq = '\0';
		if (!strncmp(item, "note:", 5))
			cJSON_AddStringToObject(notes, item + 5, eq + 1);
		else
			cJSON_AddStringToObject(answers, item, eq + 1);
	}
	return r;
}

static int validates(const cJSON *set, cJSON *r, const char *want)
{
	int rc = samv_assessment_validate(samv_instrument_find(set, samv_record_str(r, "instrument")), r);

	cJSON_Delete(r);
	if (rc == 0)
		return want ? 2 : 0;
	if (!want || strcmp(samv_error_last(), want)) {
		fprintf(stderr, "got '%s'\nwant '%s'\n", samv_error_last(), want ? want : "(none)");
		return 2;
	}
	return 1;
}

static void answers_against_the_instrument(void **state)
{
	cJSON *set = builtins();

	(void)state;
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01",
					    "goals=enables;note:goals=Bra;relations=begun"), NULL), 0);
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01", "goals=enables"),
				   "notes: goals: an answer needs its note, the model is qualitative (--note goals=TEXT)"),
			 1);
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01", "relations=half"),
				   "answers: relations: 'half' is not on the scale (absent, begun, established)"), 1);
	/* the number is how it is given, never how it is stored */
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01", "relations=1"),
				   "answers: relations: '1' is not on the scale (absent, begun, established)"), 1);
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01", "mood=ok"),
				   "answers: unknown question 'mood' (see samv-assess instrument cross)"), 1);
	assert_int_equal(validates(set, rec("a", "cross", "arena", NULL, NULL, "s", "2025-01-01", ""),
				   "answers: none given"), 1);
	assert_int_equal(validates(set, rec("a", "levels", "arena", NULL, NULL, "s", "2025-01-01", "level=none"),
				   "instrument 'levels' assesses pair, not arena"), 1);
	assert_int_equal(validates(set, rec("a", "levels", "pair", "x", "y", NULL, "2025-01-01", "note:level=x"),
				   "answers: level: required"), 1);
	assert_int_equal(validates(set, rec("a", "levels", "pair", "x", "x", NULL, "2025-01-01", "level=none"),
				   "partner: a pair is two different actors"), 1);
	assert_int_equal(validates(set, rec("a", "steps", "collaboration", NULL, NULL, "s", "2025-01-01", "step=talk"),
				   "subject_kind: the collaboration as a whole names no actor, partner or arena"), 1);
	assert_int_equal(validates(set, rec("a", "cross", "actor", "x", NULL, NULL, "2025-01-01",
					    "problem=Ensamhet;note:problem=x"), NULL), 0);
	cJSON_Delete(set);
}

static void levels_disagreements(void **state)
{
	cJSON *set = builtins(), *all = cJSON_CreateArray(), *out = NULL, *members = cJSON_CreateArray();
	const cJSON *inst = samv_instrument_find(set, "levels"), *d;

	(void)state;
	/* a -> b moved from 1 to 4; b -> a says 2: apart by 2 (latest counts) */
	cJSON_AddItemToArray(all, rec("l1", "levels", "pair", "a", "b", NULL, "2024-01-01", "level=networking"));
	cJSON_AddItemToArray(all, rec("l2", "levels", "pair", "a", "b", NULL, "2025-01-01", "level=coalition"));
	cJSON_AddItemToArray(all, rec("l3", "levels", "pair", "b", "a", NULL, "2025-02-01", "level=cooperation"));
	/* c and d agree within one level; e rated only one way */
	cJSON_AddItemToArray(all, rec("l4", "levels", "pair", "c", "d", NULL, "2025-01-01", "level=coordination"));
	cJSON_AddItemToArray(all, rec("l5", "levels", "pair", "d", "c", NULL, "2025-01-01", "level=coalition"));
	cJSON_AddItemToArray(all, rec("l6", "levels", "pair", "a", "e", NULL, "2025-01-01", "level=none"));
	assert_int_equal(samv_assess_disagreements(&out, inst, all, NULL), 0);
	assert_int_equal(cJSON_GetArraySize(out), 1);
	d = cJSON_GetArrayItem(out, 0);
	assert_string_equal(samv_record_str(d, "actor"), "a");
	assert_string_equal(samv_record_str(d, "partner"), "b");
	assert_string_equal(samv_record_str(d, "rating"), "coalition");
	assert_string_equal(samv_record_str(d, "back"), "cooperation");
	assert_int_equal((int)cJSON_GetObjectItem(d, "difference")->valuedouble, 2);
	cJSON_Delete(out);
	/* only among members: b is not one */
	cJSON_AddItemToArray(members, cJSON_CreateString("a"));
	cJSON_AddItemToArray(members, cJSON_CreateString("c"));
	cJSON_AddItemToArray(members, cJSON_CreateString("d"));
	assert_int_equal(samv_assess_disagreements(&out, inst, all, members), 0);
	assert_int_equal(cJSON_GetArraySize(out), 0);
	cJSON_Delete(out);
	cJSON_Delete(members);
	cJSON_Delete(all);
	cJSON_Delete(set);
}

static void trend_of_a_subject(void **state)
{
	cJSON *set = builtins(), *all = cJSON_CreateArray(), *tr = NULL;
	const cJSON *inst = samv_instrument_find(set, "cross"), *q;
	struct samv_buf chart = SAMV_BUF_INIT, csv = SAMV_BUF_INIT;

	(void)state;
	/* out of order on purpose; another arena's and another instrument's
	 * assessments stay out */
	cJSON_AddItemToArray(all, rec("b", "cross", "arena", NULL, NULL, "s", "2025-01-01",
				      "resources=hinders;note:resources=Lite, \"nästan\" inget"));
	cJSON_AddItemToArray(all, rec("a", "cross", "arena", NULL, NULL, "s", "2020-01-01",
				      "resources=strongly-hinders;note:resources=Inget;relations=absent"));
	cJSON_AddItemToArray(all, rec("c", "cross", "arena", NULL, NULL, "t", "2021-01-01", "relations=begun"));
	cJSON_AddItemToArray(all, rec("d", "steps", "arena", NULL, NULL, "s", "2021-01-01", "step=talk"));
	assert_int_equal(samv_assess_trend(&tr, inst, all, "arena", "s", NULL, "en"), 0);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(tr, "assessments")), 2);
	assert_string_equal(samv_record_str(cJSON_GetArrayItem(cJSON_GetObjectItem(tr, "assessments"), 0), "id"), "a");
	q = cJSON_GetArrayItem(cJSON_GetObjectItem(tr, "questions"), 3); /* resources */
	assert_string_equal(samv_record_str(q, "key"), "resources");
	assert_int_equal((int)cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(q, "answers"), 0), "value")
				 ->valuedouble, -2);
	assert_int_equal(samv_assess_trend_chart(&chart, tr, inst, "en"), 0);
	assert_string_equal(chart.ptr, "             2020 2025\n"
				       "  resources  ▁    ▂    strongly hinders → hinders\n"
				       "  relations  ▁    ·    absent\n"
				       "  ratings and notes:\n"
				       "    resources  2020-01-01  strongly hinders  Inget\n"
				       "               2025-01-01  hinders           Lite, \"nästan\" inget\n"
				       "    relations  2020-01-01  absent\n");
	assert_int_equal(samv_assess_trend_csv(&csv, tr, true), 0);
	assert_string_equal(csv.ptr,
			    "instrument,subject_kind,subject,partner,date,assessment,question,answer,value,note\r\n"
			    "cross,arena,s,,2020-01-01,a,resources,strongly-hinders,-2,Inget\r\n"
			    "cross,arena,s,,2025-01-01,b,resources,hinders,-1,\"Lite, \"\"nästan\"\" inget\"\r\n"
			    "cross,arena,s,,2020-01-01,a,relations,absent,0,\r\n");
	/* a second instrument's rows follow the first's header */
	samv_buf_free(&csv);
	assert_int_equal(samv_assess_trend_csv(&csv, tr, false), 0);
	assert_memory_equal(csv.ptr, "cross,arena,s,,2020-01-01,a,resources,", 37);
	samv_buf_free(&chart);
	samv_buf_free(&csv);
	cJSON_Delete(tr);
	cJSON_Delete(all);
	cJSON_Delete(set);
}

static cJSON *actor(const char *id, const char *name, const char *status)
{
	cJSON *a = cJSON_CreateObject();

	cJSON_AddStringToObject(a, "id", id);
	cJSON_AddStringToObject(a, "name", name);
	cJSON_AddStringToObject(a, "status", status);
	return a;
}

static const cJSON *item(const cJSON *o, const char *path)
{
	char buf[128], *key, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	for (key = strtok_r(buf, ".", &save); key && o; key = strtok_r(NULL, ".", &save))
		o = *key >= '0' && *key <= '9' ? cJSON_GetArrayItem(o, atoi(key)) : cJSON_GetObjectItem(o, key);
	return o;
}

static const char *text(const cJSON *o, const char *path)
{
	const cJSON *it = item(o, path);

	return cJSON_IsString(it) ? it->valuestring : cJSON_IsNull(it) ? "null" : "(missing)";
}

static int number(const cJSON *o, const char *path)
{
	const cJSON *it = item(o, path);

	return cJSON_IsNumber(it) ? (int)it->valuedouble : -100;
}

static void levels_per_partner(void **state)
{
	cJSON *set = builtins(), *all = cJSON_CreateArray(), *actors = cJSON_CreateArray(), *out = NULL;
	cJSON *members = cJSON_CreateArray();
	const cJSON *inst = samv_instrument_find(set, "levels");
	struct samv_levels_opts o = { actors, NULL, NULL, NULL, "sv" };

	(void)state;
	cJSON_AddItemToArray(actors, actor("a", "Aktör A", "active"));
	cJSON_AddItemToArray(actors, actor("b", "Aktör B", "active"));
	cJSON_AddItemToArray(actors, actor("c", "Aktör C", "active"));
	cJSON_AddItemToArray(actors, actor("quiet", "Tyst", "active"));
	cJSON_AddItemToArray(actors, actor("gone", "Borta", "retired"));
	/* a -> b moved from 1 to 4 (the latest counts); b -> a says 2 */
	cJSON_AddItemToArray(all, rec("l1", "levels", "pair", "a", "b", NULL, "2024-01-01", "level=networking"));
	cJSON_AddItemToArray(all, rec("l2", "levels", "pair", "a", "b", NULL, "2025-01-01", "level=coalition"));
	cJSON_AddItemToArray(all, rec("l3", "levels", "pair", "b", "a", NULL, "2025-02-01", "level=cooperation"));
	/* a -> c, on the same day as an older record sorting after it: the id decides */
	cJSON_AddItemToArray(all, rec("l5", "levels", "pair", "a", "c", NULL, "2025-03-01", "level=none"));
	cJSON_AddItemToArray(all, rec("l6", "levels", "pair", "a", "c", NULL, "2025-03-01", "level=coordination"));
	/* another instrument's pairs do not count */
	cJSON_AddItemToArray(all, rec("x1", "other", "pair", "c", "a", NULL, "2025-03-01", "level=none"));
	assert_int_equal(samv_assess_levels(&out, inst, all, &o), 0);
	assert_string_equal(text(out, "instrument"), "levels");
	assert_string_equal(text(out, "title"), "Nivåer av samverkan");
	assert_string_equal(text(out, "arena"), "null");
	assert_int_equal(cJSON_GetArraySize(item(out, "actors")), 3);
	/* a gave two: the median of an even number is the lower middle one */
	assert_string_equal(text(out, "actors.0.actor"), "a");
	assert_string_equal(text(out, "actors.0.name"), "Aktör A");
	assert_int_equal(number(out, "actors.0.gave.count"), 2);
	assert_string_equal(text(out, "actors.0.gave.median.rating"), "coordination");
	assert_string_equal(text(out, "actors.0.gave.median.label"), "samordning");
	assert_string_equal(text(out, "actors.0.gave.lowest"), "coordination");
	assert_string_equal(text(out, "actors.0.gave.highest"), "coalition");
	assert_int_equal(number(out, "actors.0.received.count"), 1);
	assert_string_equal(text(out, "actors.0.partners.0.partner"), "b");
	assert_string_equal(text(out, "actors.0.partners.0.gave.assessment"), "l2");
	assert_string_equal(text(out, "actors.0.partners.0.received.date"), "2025-02-01");
	assert_int_equal(number(out, "actors.0.partners.0.difference"), 2);
	assert_true(cJSON_IsTrue(item(out, "actors.0.partners.0.disagree")));
	assert_string_equal(text(out, "actors.0.partners.1.gave.assessment"), "l6");
	assert_string_equal(text(out, "actors.0.partners.1.received"), "null");
	assert_string_equal(text(out, "actors.0.partners.1.difference"), "null");
	assert_false(cJSON_IsTrue(item(out, "actors.0.partners.1.disagree")));
	/* c received one and gave none */
	assert_string_equal(text(out, "actors.2.actor"), "c");
	assert_int_equal(number(out, "actors.2.gave.count"), 0);
	assert_null(item(out, "actors.2.gave.median"));
	assert_string_equal(text(out, "actors.2.received.median.rating"), "coordination");
	/* the active without a rating are listed, the retired are not */
	assert_int_equal(cJSON_GetArraySize(item(out, "not_rated")), 1);
	assert_string_equal(text(out, "not_rated.0"), "quiet");
	cJSON_Delete(out);

	/* an arena of a, c and quiet: b and its ratings are outside */
	cJSON_AddItemToArray(members, cJSON_CreateString("quiet"));
	cJSON_AddItemToArray(members, cJSON_CreateString("c"));
	cJSON_AddItemToArray(members, cJSON_CreateString("a"));
	o.members = members;
	o.arena = "ag";
	assert_int_equal(samv_assess_levels(&out, inst, all, &o), 0);
	assert_string_equal(text(out, "arena"), "ag");
	assert_int_equal(cJSON_GetArraySize(item(out, "actors")), 2);
	assert_int_equal(cJSON_GetArraySize(item(out, "actors.0.partners")), 1);
	assert_string_equal(text(out, "actors.0.partners.0.partner"), "c");
	assert_int_equal(number(out, "actors.0.received.count"), 0);
	assert_string_equal(text(out, "not_rated.0"), "quiet");
	cJSON_Delete(out);

	/* one actor only, rated by nobody in scope */
	o.actor = "quiet";
	assert_int_equal(samv_assess_levels(&out, inst, all, &o), 0);
	assert_int_equal(cJSON_GetArraySize(item(out, "actors")), 0);
	assert_string_equal(text(out, "not_rated.0"), "quiet");
	cJSON_Delete(out);

	cJSON_Delete(members);
	cJSON_Delete(actors);
	cJSON_Delete(all);
	cJSON_Delete(set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(builtin_instruments_load),
		cmocka_unit_test(instrument_validation),
		cmocka_unit_test(answers_against_the_instrument),
		cmocka_unit_test(levels_disagreements),
		cmocka_unit_test(levels_per_partner),
		cmocka_unit_test(trend_of_a_subject),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
