/* Unit tests: UTF-8, blank text, ids, dates, author dates. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"
#include "idset.h"

static void utf8_valid_and_invalid(void **state)
{
	(void)state;
	assert_int_equal(samv_utf8_invalid("Östergötland", strlen("Östergötland")), -1);
	assert_int_equal(samv_utf8_invalid("a\xff", 2), 1);
	assert_int_equal(samv_utf8_invalid("\xc0\xaf", 2), 0);         /* overlong '/' */
	assert_int_equal(samv_utf8_invalid("x\xed\xa0\x80", 4), 1);     /* surrogate */
	assert_int_equal(samv_utf8_invalid("\xf4\x90\x80\x80", 4), 0); /* > U+10FFFF */
	assert_int_equal(samv_utf8_invalid("ab\xc3", 3), 2);           /* truncated */
	assert_int_equal(samv_utf8_width("Öst"), 3);
}

static void blank_text(void **state)
{
	(void)state;
	assert_true(samv_text_blank(""));
	assert_true(samv_text_blank("   "));
	assert_true(samv_text_blank(" \t\n\r\v\f"));
	assert_true(samv_text_blank("\xc2\xa0\xe3\x80\x80\xe2\x80\xa8\xef\xbb\xbf")); /* U+00A0 U+3000 U+2028 U+FEFF */
	assert_false(samv_text_blank(" x "));
	assert_false(samv_text_blank("\xc3\x96"));             /* Ö */
	assert_false(samv_text_blank(" \xe2\x80\x8b"));       /* U+200B is not white space */
	assert_false(samv_text_blank("\xf0\x9f\x99\x82")); /* beyond the BMP */
	assert_false(samv_text_blank("\xff"));                 /* invalid: validation says so */
}

static void id_check_rejects_unsafe(void **state)
{
	(void)state;
	assert_int_equal(samv_id_check("region-ostergotland", NULL), 0);
	assert_int_equal(samv_id_check("a1", NULL), 0);
	assert_int_equal(samv_id_check("a/b", NULL), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "'/'"));
	assert_int_equal(samv_id_check("..", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("a..b", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("a\nb", NULL), SAMV_EINVAL);
	assert_non_null(strstr(samv_error_last(), "control character"));
	assert_int_equal(samv_id_check("Region", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("-a", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("a-", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("a.json", NULL), SAMV_EINVAL);
	assert_int_equal(samv_id_check("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL),
			 SAMV_EINVAL); /* 65 */
}

static void id_slug_folds_nordic_letters(void **state)
{
	char s[64];

	(void)state;
	assert_int_equal(samv_id_slug(s, sizeof(s), "Region Östergötland"), 0);
	assert_string_equal(s, "region-ostergotland");
	assert_int_equal(samv_id_slug(s, sizeof(s), "  RF-SISU, Östergötland!  "), 0);
	assert_string_equal(s, "rf-sisu-ostergotland");
	assert_int_equal(samv_id_slug(s, sizeof(s), "Læsø & Åre"), 0);
	assert_string_equal(s, "laeso-are");
	assert_int_equal(samv_id_slug(s, sizeof(s), "!!!"), SAMV_EINVAL);
}

static void id_mint_is_unique_and_valid(void **state)
{
	struct samv_idset set = { NULL, 0, 0, false };
	char id[SAMV_ID_MAX + 1];
	size_t n = strlen("storgruppsmote-");
	int i;

	(void)state;
	/* 30 random bits: 10000 ids share one by chance in about 5% of runs
	 * (the birthday bound), four or more in about 2 of 10 million; a
	 * broken random source repeats far more often */
	for (i = 0; i < 10000; i++) {
		assert_int_equal(samv_id_mint(id, sizeof(id), "Storgruppsmöte"), 0);
		assert_int_equal(samv_id_check(id, NULL), 0);
		assert_int_equal(strncmp(id, "storgruppsmote-", n), 0);
		assert_int_equal(strlen(id), n + 6);
		samv_idset_add(&set, id);
	}
	assert_true(set.n >= 10000 - 3);
	samv_idset_free(&set);
}

static void id_path_is_sharded_and_stable(void **state)
{
	char path[256], shard[3];

	(void)state;
	samv_id_shard(shard, "rf-sisu");
	assert_string_equal(shard, "4e");
	assert_int_equal(samv_id_path(path, sizeof(path), "actors", "rf-sisu"), 0);
	assert_string_equal(path, "actors/4e/rf-sisu.json");
	samv_id_shard(shard, "storgruppsmote-6txs2m");
	assert_string_equal(shard, "db");
}

static void dates(void **state)
{
	(void)state;
	assert_int_equal(samv_date_check("2024-02-29"), 0);
	assert_int_equal(samv_date_check("2026-02-29"), SAMV_EINVAL);
	assert_int_equal(samv_date_check("2026-02-30"), SAMV_EINVAL);
	assert_int_equal(samv_date_check("1900-02-29"), SAMV_EINVAL);
	assert_int_equal(samv_date_check("2000-02-29"), 0);
	assert_int_equal(samv_date_check("2026-13-01"), SAMV_EINVAL);
	assert_int_equal(samv_date_check("2026-1-01"), SAMV_EINVAL);
	assert_int_equal(samv_date_check("2026-11-23x"), SAMV_EINVAL);
	assert_string_equal(samv_error_last(), "'2026-11-23x' is not a date (YYYY-MM-DD)");
}

static void author_dates(void **state)
{
	long long when;
	int off;

	(void)state;
	assert_int_equal(samv_sig_parse_date(&when, &off, "@1700000000 +0100"), 0);
	assert_true(when == 1700000000LL && off == 60);
	assert_int_equal(samv_sig_parse_date(&when, &off, "1700000000 -0230"), 0);
	assert_true(when == 1700000000LL && off == -150);
	assert_int_equal(samv_sig_parse_date(&when, &off, "2026-11-23T10:00:00Z"), 0);
	assert_true(when == 1795428000LL && off == 0);
	assert_int_equal(samv_sig_parse_date(&when, &off, "2026-11-23T11:00:00+01:00"), 0);
	assert_true(when == 1795428000LL && off == 60);
	assert_int_equal(samv_sig_parse_date(&when, &off, "2026-11-23 11:00:00 +0100"), 0);
	assert_true(when == 1795428000LL);
	assert_int_equal(samv_sig_parse_date(&when, &off, "yesterday"), SAMV_EINVAL);
	assert_int_equal(samv_sig_parse_date(&when, &off, "2026-11-23T10:00:00"), SAMV_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(utf8_valid_and_invalid),
		cmocka_unit_test(blank_text),
		cmocka_unit_test(id_check_rejects_unsafe),
		cmocka_unit_test(id_slug_folds_nordic_letters),
		cmocka_unit_test(id_mint_is_unique_and_valid),
		cmocka_unit_test(id_path_is_sharded_and_stable),
		cmocka_unit_test(dates),
		cmocka_unit_test(author_dates),
	};

	return cmocka_run_group_tests_name("text", tests, NULL, NULL);
}
