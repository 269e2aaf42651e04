/* Unit tests: the public copy of records (public.c): people by
 * organisation and role, ids made of names replaced everywhere, personal
 * fields dropped and counted, and a view that gives only public copies. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"
#include "repofx.h"

struct fx {
	char dir[64];
	struct samv_store *s;
	struct samv_view *v;
	struct samv_public *p;
};

static cJSON *parse(const char *text)
{
	cJSON *r = cJSON_Parse(text);

	assert_non_null(r);
	return r;
}

static void put(struct samv_txn *t, const char *type, const char *text)
{
	cJSON *r = parse(text);

	assert_int_equal(samv_txn_put_record(t, samv_type_find(type), r), 0);
	cJSON_Delete(r);
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct samv_txn *t = NULL;
	bool changed;

	assert_non_null(f);
	repofx_make(f->dir, &f->s, "en");
	assert_int_equal(samv_txn_begin(&t, f->s, "test"), 0);
	put(t, "actor", "{\"id\":\"rf\",\"name\":\"RF-SISU\",\"sector\":\"civil\",\"kind\":\"umbrella\","
	    "\"level\":\"regional\",\"status\":\"active\",\"note\":\"Karin answers\"}");
	put(t, "person", "{\"id\":\"karin-sjoberg\",\"name\":\"Karin Sjöberg\",\"actor\":\"rf\","
	    "\"role\":\"representative\",\"email\":\"karin@example.net\",\"phone\":\"0701\",\"status\":\"active\","
	    "\"boundary_spanner\":true,\"note\":\"evenings\"}");
	put(t, "person", "{\"id\":\"p-7k2m9q\",\"name\":\"Ali Hassan\",\"actor\":\"rf\",\"role\":\"official\","
	    "\"status\":\"active\"}");
	put(t, "arena", "{\"id\":\"ag\",\"name\":\"AG\",\"kind\":\"council\",\"status\":\"active\"}");
	assert_int_equal(samv_txn_commit(t, "test", NULL, &changed), 0);
	samv_txn_free(t);
	assert_int_equal(samv_view_rev(&f->v, f->s, NULL), 0);
	assert_int_equal(samv_public_new(&f->p, f->v, "en"), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	int rc;

	samv_public_free(f->p);
	samv_view_free(f->v);
	rc = repofx_remove(f->dir, f->s);
	free(f);
	return rc;
}

static const char *str(const cJSON *r, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void person_by_organisation_and_role(void **state)
{
	struct fx *f = *state;
	cJSON *r = parse("{\"id\":\"karin-sjoberg\",\"name\":\"Karin Sjöberg\",\"actor\":\"rf\","
			 "\"role\":\"representative\",\"title\":\"Chair\",\"email\":\"karin@example.net\","
			 "\"phone\":\"0701\",\"mandate\":\"m\",\"status\":\"active\",\"boundary_spanner\":true,"
			 "\"note\":\"evenings\",\"forgotten_ref\":\"request of Karin\"}");
	char *text;

	assert_int_equal(samv_public_record(f->p, samv_type_find("person"), r), 0);
	text = cJSON_PrintUnformatted(r);
	assert_string_equal(text, "{\"id\":\"person-1\",\"name\":\"Representative of RF-SISU (representative)\","
			    "\"actor\":\"rf\",\"role\":\"representative\",\"status\":\"active\","
			    "\"boundary_spanner\":true}");
	free(text);
	cJSON_Delete(r);
}

static void minted_ids_kept_others_replaced_everywhere(void **state)
{
	struct fx *f = *state;
	cJSON *m = parse("{\"id\":\"m1\",\"arena\":\"ag\",\"title\":\"T\",\"date\":\"2026-11-20\",\"status\":\"held\","
			 "\"invited_people\":[\"karin-sjoberg\",\"p-7k2m9q\",\"zed-old\"],"
			 "\"attended\":[{\"person\":\"karin-sjoberg\",\"actor\":\"rf\",\"mandate\":\"may decide\"}],"
			 "\"summary\":\"The plan\",\"minutes\":\"Karin said\",\"power\":\"p\"}");
	cJSON *a = parse("{\"id\":\"x\",\"meeting\":\"m1\",\"title\":\"T\",\"owner\":\"p-7k2m9q\",\"status\":\"open\"}");
	const cJSON *inv, *att;
	cJSON *st = NULL;
	char *text;

	assert_int_equal(samv_public_record(f->p, samv_type_find("meeting"), m), 0);
	assert_int_equal(samv_public_record(f->p, samv_type_find("action"), a), 0);
	/* karin-sjoberg is person-1 (the people's id order); zed-old, met
	 * only here, the next; the set sorted again */
	inv = cJSON_GetObjectItemCaseSensitive(m, "invited_people");
	assert_int_equal(cJSON_GetArraySize(inv), 3);
	assert_string_equal(cJSON_GetArrayItem(inv, 0)->valuestring, "p-7k2m9q");
	assert_string_equal(cJSON_GetArrayItem(inv, 1)->valuestring, "person-1");
	assert_string_equal(cJSON_GetArrayItem(inv, 2)->valuestring, "person-2");
	att = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(m, "attended"), 0);
	assert_string_equal(str(att, "person"), "person-1");
	assert_null(cJSON_GetObjectItemCaseSensitive(att, "mandate"));
	assert_string_equal(str(m, "summary"), "The plan");
	assert_null(cJSON_GetObjectItemCaseSensitive(m, "minutes"));
	assert_null(cJSON_GetObjectItemCaseSensitive(m, "power"));
	assert_string_equal(str(a, "owner"), "p-7k2m9q");
	/* what was removed, counted */
	assert_int_equal(samv_public_statement(&st, f->p), 0);
	text = cJSON_PrintUnformatted(st);
	assert_string_equal(text, "{\"people\":0,\"ids\":2,\"fields\":[{\"type\":\"meeting\",\"field\":\"attended.mandate\","
			    "\"values\":1},{\"type\":\"meeting\",\"field\":\"power\",\"values\":1},{\"type\":\"meeting\","
			    "\"field\":\"minutes\",\"values\":1}]}");
	free(text);
	cJSON_Delete(st);
	cJSON_Delete(m);
	cJSON_Delete(a);
}

static void an_attached_view_gives_public_records_in_id_order(void **state)
{
	struct fx *f = *state;
	cJSON *all = NULL, *actor = NULL;

	samv_public_attach(f->p, f->v);
	assert_int_equal(samv_record_load_all(&all, f->v, samv_type_find("person"), NULL), 0);
	assert_int_equal(cJSON_GetArraySize(all), 2);
	assert_string_equal(str(cJSON_GetArrayItem(all, 0), "id"), "p-7k2m9q");
	assert_string_equal(str(cJSON_GetArrayItem(all, 0), "name"), "Representative of RF-SISU (official)");
	assert_string_equal(str(cJSON_GetArrayItem(all, 1), "id"), "person-1");
	assert_null(cJSON_GetObjectItemCaseSensitive(cJSON_GetArrayItem(all, 1), "email"));
	assert_int_equal(samv_record_load(&actor, f->v, samv_type_find("actor"), "rf"), 0);
	assert_null(cJSON_GetObjectItemCaseSensitive(actor, "note"));
	assert_string_equal(str(actor, "name"), "RF-SISU");
	cJSON_Delete(all);
	cJSON_Delete(actor);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(person_by_organisation_and_role, setup, teardown),
		cmocka_unit_test_setup_teardown(minted_ids_kept_others_replaced_everywhere, setup, teardown),
		cmocka_unit_test_setup_teardown(an_attached_view_gives_public_records_in_id_order, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
