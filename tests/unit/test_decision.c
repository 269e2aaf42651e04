/* Unit tests: the decision lifecycle, cycles of links, the chain (decision.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static const char *const statuses[] = { "proposed", "adopted", "superseded", "revoked", "expired" };

static void lifecycle(void **state)
{
	/* from (row) -> to (column), in the order of statuses[] */
	static const int allowed[5][5] = {
		{ 0, 1, 0, 1, 0 },
		{ 0, 0, 1, 1, 1 },
		{ 0, 0, 0, 0, 0 },
		{ 0, 0, 0, 0, 0 },
		{ 0, 0, 0, 0, 0 },
	};
	size_t i, j;

	(void)state;
	for (i = 0; i < 5; i++)
		for (j = 0; j < 5; j++)
			assert_int_equal(samv_decision_can_move(statuses[i], statuses[j]), allowed[i][j]);
	assert_false(samv_decision_can_move(NULL, "adopted"));
	assert_false(samv_decision_can_move("proposed", NULL));
	assert_false(samv_decision_can_move("proposed", "bogus"));
	assert_false(samv_decision_final("proposed"));
	assert_false(samv_decision_final("adopted"));
	assert_true(samv_decision_final("superseded"));
	assert_true(samv_decision_final("revoked"));
	assert_true(samv_decision_final("expired"));
}

/* A decision: id, kind, status and links as "supersedes:a,b amends:c". */
static cJSON *dec(const char *id, const char *kind, const char *status, const char *links)
{
	cJSON *r = cJSON_CreateObject();
	char buf[200], *field, *save = NULL;

	cJSON_AddStringToObject(r, "id", id);
	cJSON_AddStringToObject(r, "kind", kind);
	cJSON_AddStringToObject(r, "status", status);
	cJSON_AddStringToObject(r, "date", "2026-01-01");
	cJSON_AddStringToObject(r, "title", id);
	snprintf(buf, sizeof(buf), "%s", links ? links : "");
	for (field = strtok_r(buf, " ", &save); field; field = strtok_r(NULL, " ", &save)) {
		char *colon = strchr(field, ':'), *item, *s2 = NULL;
		cJSON *arr;

		*colon = '\0';
		arr = cJSON_AddArrayToObject(r, field);
		for (item = strtok_r(colon + 1, ",", &s2); item; item = strtok_r(NULL, ",", &s2))
			cJSON_AddItemToArray(arr, cJSON_CreateString(item));
	}
	return r;
}

static cJSON *all_of(cJSON *first, ...)
{
	cJSON *all = cJSON_CreateArray(), *r;
	va_list ap;

	va_start(ap, first);
	for (r = first; r; r = va_arg(ap, cJSON *))
		cJSON_AddItemToArray(all, r);
	va_end(ap);
	return all;
}

static void cycles(void **state)
{
	cJSON *all = all_of(dec("a", "anchor", "adopted", NULL), dec("b", "anchor", "adopted", "supersedes:a"),
			    dec("c", "anchor", "proposed", "amends:b"), NULL);
	cJSON *rec;

	(void)state;
	/* a chain back in time is fine */
	rec = dec("d", "anchor", "proposed", "supersedes:c amends:a");
	assert_int_equal(samv_decision_cycle(all, rec), 0);
	cJSON_Delete(rec);
	/* itself */
	rec = dec("d", "anchor", "proposed", "amends:a,d");
	assert_int_equal(samv_decision_cycle(all, rec), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "decision 'd' cannot amend itself");
	cJSON_Delete(rec);
	/* a -> c -> b -> a, through amends and supersedes: rec replaces the stored a */
	rec = dec("a", "anchor", "adopted", "confirms:c");
	assert_int_equal(samv_decision_cycle(all, rec), SAMV_EINVAL);
	assert_string_equal(samv_error_last(),
			    "decision 'a' cannot confirm 'c': the links would form a cycle (a -> c -> b -> a)");
	cJSON_Delete(rec);
	/* a two-step cycle */
	rec = dec("a", "anchor", "adopted", "supersedes:b");
	assert_int_equal(samv_decision_cycle(all, rec), SAMV_EINVAL);
	assert_string_equal(samv_error_last(),
			    "decision 'a' cannot supersede 'b': the links would form a cycle (a -> b -> a)");
	cJSON_Delete(rec);
	cJSON_Delete(all);
}

static void cycles_elsewhere_do_not_loop(void **state)
{
	/* x and y name each other (made by hand); z reaches them, and a
	 * link to a missing decision is no cycle */
	cJSON *all = all_of(dec("x", "anchor", "adopted", "amends:y"), dec("y", "anchor", "adopted", "amends:x"),
			    NULL);
	cJSON *rec = dec("z", "anchor", "proposed", "supersedes:x,gone");

	(void)state;
	if (samv_decision_cycle(all, rec) != 0)
		fail_msg("%s", samv_error_last());
	cJSON_Delete(rec);
	cJSON_Delete(all);
}

static void chain(void **state)
{
	cJSON *all = all_of(dec("k", "kedge-anchor", "superseded", NULL),
			    dec("a", "anchor", "adopted", "confirms:k"),
			    dec("b", "anchor", "proposed", "supersedes:a,gone"),
			    dec("c", "anchor", "adopted", "amends:a"), NULL);
	cJSON *out = NULL;
	const cJSON *back, *fwd;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	(void)state;
	assert_int_equal(samv_decision_chain(&out, all, "nope"), SAMV_ENOTFOUND);
	assert_null(out);
	assert_int_equal(samv_decision_chain(&out, all, "a"), 0);
	back = cJSON_GetObjectItemCaseSensitive(out, "back");
	fwd = cJSON_GetObjectItemCaseSensitive(out, "forward");
	assert_int_equal(cJSON_GetArraySize(back), 1);
	assert_string_equal(samv_record_str(back->child, "link"), "confirms");
	assert_int_equal(cJSON_GetArraySize(fwd), 2);
	assert_string_equal(samv_record_str(fwd->child, "link"), "superseded-by");
	assert_string_equal(samv_record_str(fwd->child->next, "link"), "amended-by");
	f = open_memstream(&text, &len);
	samv_decision_chain_print(f, out);
	fclose(f);
	assert_string_equal(text, "a  anchor  adopted  2026-01-01  a\n"
				  "  confirms  k  kedge-anchor  superseded  2026-01-01  k\n"
				  "  superseded-by  b  anchor  proposed  2026-01-01  b\n"
				  "  amended-by  c  anchor  adopted  2026-01-01  c\n");
	free(text);
	cJSON_Delete(out);
	/* back from b: the missing one is marked and not followed */
	assert_int_equal(samv_decision_chain(&out, all, "b"), 0);
	back = cJSON_GetObjectItemCaseSensitive(out, "back");
	assert_string_equal(samv_record_str(back->child, "id"), "a");
	assert_string_equal(samv_record_str(back->child->next, "id"), "gone");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(back->child->next, "missing")));
	cJSON_Delete(out);
	cJSON_Delete(all);
}

static void chain_cycle(void **state)
{
	cJSON *all = all_of(dec("x", "anchor", "adopted", "amends:y"), dec("y", "anchor", "adopted", "amends:x"),
			    NULL);
	cJSON *out = NULL;
	const cJSON *n;

	(void)state;
	assert_int_equal(samv_decision_chain(&out, all, "x"), 0);
	/* x amends y amends x (cycle, stops) */
	n = cJSON_GetObjectItemCaseSensitive(out, "back")->child;
	assert_string_equal(samv_record_str(n, "id"), "y");
	n = cJSON_GetObjectItemCaseSensitive(n, "back")->child;
	assert_string_equal(samv_record_str(n, "id"), "x");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(n, "cycle")));
	assert_null(cJSON_GetObjectItemCaseSensitive(n, "back"));
	cJSON_Delete(out);
	cJSON_Delete(all);
}

static void due(void **state)
{
	cJSON *all = all_of(dec("a", "anchor", "adopted", NULL), dec("b", "anchor", "adopted", NULL),
			    dec("c", "anchor", "superseded", NULL), dec("d", "anchor", "adopted", NULL), NULL);
	cJSON *out = NULL;

	(void)state;
	cJSON_AddStringToObject(cJSON_GetArrayItem(all, 0), "review", "2026-05-01");
	cJSON_AddStringToObject(cJSON_GetArrayItem(all, 1), "review", "2026-03-01");
	cJSON_AddStringToObject(cJSON_GetArrayItem(all, 2), "review", "2026-01-01");
	cJSON_AddStringToObject(cJSON_GetArrayItem(all, 3), "review", "2026-05-02");
	assert_int_equal(samv_decision_due(&out, all, "2026-05-01"), 0);
	/* by review date; not the superseded one, not one due later */
	assert_int_equal(cJSON_GetArraySize(out), 2);
	assert_string_equal(samv_record_str(cJSON_GetArrayItem(out, 0), "id"), "b");
	assert_string_equal(samv_record_str(cJSON_GetArrayItem(out, 1), "id"), "a");
	cJSON_Delete(out);
	cJSON_Delete(all);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(lifecycle),
		cmocka_unit_test(cycles),
		cmocka_unit_test(cycles_elsewhere_do_not_loop),
		cmocka_unit_test(chain),
		cmocka_unit_test(chain_cycle),
		cmocka_unit_test(due),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
