/* Unit tests: who should anchor a decision and each party's latest step (anchoring.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "anchoring.h"

static cJSON *step(const char *id, const char *decision, const char *actor, const char *date, const char *outcome)
{
	cJSON *r = cJSON_CreateObject();

	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "decision", decision);
	cJSON_AddStringToObject(r, "actor", actor);
	cJSON_AddStringToObject(r, "date", date);
	cJSON_AddStringToObject(r, "outcome", outcome);
	return r;
}

static cJSON *strs(const char *a, const char *b)
{
	cJSON *arr = cJSON_CreateArray();

	if (a)
		cJSON_AddItemToArray(arr, cJSON_CreateString(a));
	if (b)
		cJSON_AddItemToArray(arr, cJSON_CreateString(b));
	return arr;
}

static const char *outcome_of(const cJSON *status, const char *actor)
{
	const cJSON *s;

	cJSON_ArrayForEach(s, status)
		if (!strcmp(samv_record_str(s, "actor"), actor))
			return samv_record_str(s, "outcome");
	fail_msg("no %s", actor);
	return NULL;
}

/* The Agreement's parties, unless the decision's arena has members; plus
 * anyone who recorded a step; sorted. */
static void parties(void **state)
{
	cJSON *d = cJSON_CreateObject(), *agreement = cJSON_CreateObject(), *arena = cJSON_CreateObject();
	cJSON *all = cJSON_CreateArray(), *out = NULL;

	(void)state;
	cJSON_AddStringToObject(d, "id", "d1");
	cJSON_AddItemToObject(agreement, "parties", strs("rf", "region"));
	cJSON_AddItemToArray(all, step("x1", "d1", "abf", "2026-01-01", "informed"));
	cJSON_AddItemToArray(all, step("x2", "d2", "zeta", "2026-01-01", "informed"));
	assert_int_equal(samv_anchoring_parties(&out, d, NULL, agreement, all), 0);
	assert_int_equal(cJSON_GetArraySize(out), 3);
	assert_string_equal(cJSON_GetArrayItem(out, 0)->valuestring, "abf");
	assert_string_equal(cJSON_GetArrayItem(out, 1)->valuestring, "region");
	assert_string_equal(cJSON_GetArrayItem(out, 2)->valuestring, "rf");
	cJSON_Delete(out);
	/* an arena with members: they are the parties */
	cJSON_AddStringToObject(arena, "id", "stor");
	cJSON_AddItemToObject(arena, "members", strs("pro", NULL));
	cJSON_AddStringToObject(d, "arena", "stor");
	assert_int_equal(samv_anchoring_parties(&out, d, arena, agreement, all), 0);
	assert_int_equal(cJSON_GetArraySize(out), 2);
	assert_string_equal(cJSON_GetArrayItem(out, 0)->valuestring, "abf");
	assert_string_equal(cJSON_GetArrayItem(out, 1)->valuestring, "pro");
	cJSON_Delete(out);
	cJSON_Delete(d);
	cJSON_Delete(agreement);
	cJSON_Delete(arena);
	cJSON_Delete(all);
}

/* The latest step by date wins; on the same day the step further on. */
static void latest(void **state)
{
	cJSON *d = cJSON_CreateObject(), *all = cJSON_CreateArray(), *ps = strs("region", "rf"), *out = NULL;
	const cJSON *prev;

	(void)state;
	cJSON_AddStringToObject(d, "id", "d1");
	cJSON_AddItemToArray(all, step("z1", "d1", "region", "2026-03-01", "backed"));
	cJSON_AddItemToArray(all, step("a1", "d1", "region", "2026-02-01", "informed"));
	cJSON_AddItemToArray(all, step("z2", "d1", "rf", "2026-02-01", "pending"));
	cJSON_AddItemToArray(all, step("a2", "d1", "rf", "2026-02-01", "backed"));
	assert_int_equal(samv_anchoring_status(&out, d, ps, all), 0);
	assert_string_equal(outcome_of(out, "region"), "backed");
	assert_string_equal(outcome_of(out, "rf"), "backed");
	prev = samv_anchoring_previous(cJSON_GetArrayItem(all, 0), all);
	assert_non_null(prev);
	assert_string_equal(samv_record_str(prev, "id"), "a1");
	assert_null(samv_anchoring_previous(cJSON_GetArrayItem(all, 1), all));
	cJSON_Delete(out);
	cJSON_Delete(d);
	cJSON_Delete(ps);
	cJSON_Delete(all);
}

static void done_and_wanted(void **state)
{
	cJSON *d = cJSON_CreateObject();

	(void)state;
	assert_true(samv_anchoring_done("informed"));
	assert_true(samv_anchoring_done("backed"));
	assert_true(samv_anchoring_done("rejected"));
	assert_false(samv_anchoring_done("pending"));
	assert_false(samv_anchoring_done(NULL));
	cJSON_AddStringToObject(d, "status", "adopted");
	assert_true(samv_anchoring_wanted(d));
	cJSON_ReplaceItemInObject(d, "status", cJSON_CreateString("revoked"));
	assert_false(samv_anchoring_wanted(d));
	cJSON_Delete(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(parties),
		cmocka_unit_test(latest),
		cmocka_unit_test(done_and_wanted),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
