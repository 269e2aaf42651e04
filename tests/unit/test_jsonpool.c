/* Unit tests: cJSON's blocks from the pool (jsonpool.c): trees of every
 * size of string built, printed and freed as through malloc; a freed
 * block given again to the next of its size; blocks aligned as malloc's;
 * large ones from malloc. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static int install(void **state)
{
	(void)state;
	samv_jsonpool_install();
	return 0;
}

/* strings of every length from 0 to 300 in one object, parsed back */
static void trees(void **state)
{
	char key[16], *text, *printed;
	char *s = malloc(301);
	cJSON *o, *back;
	int n;

	(void)state;
	assert_non_null(s);
	assert_non_null(o = cJSON_CreateObject());
	for (n = 0; n <= 300; n++) {
		memset(s, 'a' + n % 26, (size_t)n);
		s[n] = '\0';
		snprintf(key, sizeof(key), "k%d", n);
		assert_non_null(cJSON_AddStringToObject(o, key, s));
		assert_non_null(cJSON_AddNumberToObject(o, s[0] ? s : "empty", n));
	}
	assert_non_null(printed = cJSON_PrintUnformatted(o));
	assert_non_null(back = cJSON_Parse(printed));
	assert_true(cJSON_Compare(o, back, 1));
	for (n = 0; n <= 300; n++) {
		snprintf(key, sizeof(key), "k%d", n);
		assert_int_equal(strlen(cJSON_GetObjectItemCaseSensitive(back, key)->valuestring), n);
	}
	text = cJSON_Print(back);
	assert_non_null(text);
	assert_true(strlen(text) > strlen(printed));
	cJSON_free(text);
	cJSON_free(printed);
	cJSON_Delete(back);
	cJSON_Delete(o);
	free(s);
}

/* a freed block is the next one given of its size; every block aligned */
static void reuse(void **state)
{
	void *a, *b, *c, *big;

	(void)state;
	a = cJSON_malloc(40);
	b = cJSON_malloc(40);
	assert_non_null(a);
	assert_non_null(b);
	assert_ptr_not_equal(a, b);
	assert_int_equal((uintptr_t)a % 16, 0);
	assert_int_equal((uintptr_t)b % 16, 0);
	memset(a, 1, 40);
	memset(b, 2, 40);
	cJSON_free(a);
	c = cJSON_malloc(33); /* the same class (64) */
	assert_ptr_equal(c, a);
	assert_int_equal(((unsigned char *)b)[39], 2);
	big = cJSON_malloc(5000);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % 16, 0);
	memset(big, 3, 5000);
	cJSON_free(big);
	cJSON_free(c);
	cJSON_free(b);
	cJSON_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(trees),
		cmocka_unit_test(reuse),
	};

	return cmocka_run_group_tests(tests, install, NULL);
}
