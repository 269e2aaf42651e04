/* Unit tests: what samv-check takes for an e-mail address or a telephone
 * number in text, and how it masks them (pdscan.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "pdscan.h"

/* What find finds first in s, or "" */
static const char *first(const char *(*find)(const char *, size_t *), const char *s)
{
	static char buf[256];
	size_t len = 0;
	const char *at = find(s, &len);

	snprintf(buf, sizeof(buf), "%.*s", at ? (int)len : 0, at ? at : "");
	return buf;
}

#define email(s) first(samv_pd_find_email, s)
#define phone(s) first(samv_pd_find_phone, s)
#define idnumber(s) first(samv_pd_find_idnumber, s)

static void emails_found(void **state)
{
	(void)state;
	assert_string_equal(email("skriv till eva.lind@example.org."), "eva.lind@example.org");
	assert_string_equal(email("(karin+samv@sub.example.net)"), "karin+samv@sub.example.net");
	assert_string_equal(email("Åsa <åsa@exempel.se>"), "åsa@exempel.se");
	assert_string_equal(email("a@b.se, c@d.se"), "a@b.se");
}

static void emails_not_found(void **state)
{
	(void)state;
	assert_string_equal(email("@alla, se hit"), "");
	assert_string_equal(email("a@localhost"), "");
	assert_string_equal(email("kl 10 @ rummet.1"), "");
	assert_string_equal(email("x@.se y@-a.se"), "");
	assert_string_equal(email("no at sign"), "");
}

static void phones_found(void **state)
{
	(void)state;
	assert_string_equal(phone("ring 070-123 45 67!"), "070-123 45 67");
	assert_string_equal(phone("tel. +46 70 123 45 67"), "+46 70 123 45 67");
	assert_string_equal(phone("växel 08-12 34 56"), "08-12 34 56");
	assert_string_equal(phone("(08) 123 456 78"), "(08) 123 456 78");
	assert_string_equal(phone("+46 (0)13-20 60 00"), "+46 (0)13-20 60 00");
	assert_string_equal(phone("0701234567"), "0701234567");
}

static void phones_not_found(void **state)
{
	(void)state;
	assert_string_equal(phone("2026-11-20"), "");          /* a date */
	assert_string_equal(phone("kl 09.00-12.00"), "");      /* times */
	assert_string_equal(phone("kl 0900-1200"), "");        /* a span of hours */
	assert_string_equal(phone("1 500 000 kr"), "");        /* an amount */
	assert_string_equal(phone("232100-0040"), "");         /* an organisation number */
	assert_string_equal(phone("dnr RS 2024-01234"), "");   /* a diary number */
	assert_string_equal(phone("/j/0701234567"), "");       /* inside a link */
	assert_string_equal(phone("0701234567.5"), "");        /* a decimal */
	assert_string_equal(phone("070-12 34"), "");           /* too few digits */
	assert_string_equal(phone("abc0701234567"), "");       /* inside a word */
}

static void idnumbers(void **state)
{
	(void)state;
	assert_string_equal(idnumber("pnr 811228-9874."), "811228-9874");
	assert_string_equal(idnumber("19121212-1212"), "19121212-1212");
	assert_string_equal(idnumber("8112289874"), "8112289874");
	assert_string_equal(idnumber("121212+1212"), "121212+1212");         /* a hundred years old */
	assert_string_equal(idnumber("samordningsnr 701063-2391"), "701063-2391");
	assert_string_equal(idnumber("811228-9875"), "");    /* the check digit wrong */
	assert_string_equal(idnumber("232100-0040"), "");    /* an organisation number */
	assert_string_equal(idnumber("556677-8899"), "");    /* ditto, though its check digit holds */
	assert_string_equal(idnumber("2026-11-20"), "");     /* a date */
	assert_string_equal(idnumber("811228-98745"), "");   /* too long */
	assert_string_equal(idnumber("nr811228-9874"), "");  /* inside a word */
	assert_string_equal(idnumber("81122-89874"), "");    /* the hyphen misplaced */
	assert_string_equal(idnumber("18121212-1212"), "");  /* no such century */
}

static void masks(void **state)
{
	char out[64];

	(void)state;
	samv_pd_mask_email(out, sizeof(out), "eva.lind@example.org", 20);
	assert_string_equal(out, "e***@e***.org");
	samv_pd_mask_email(out, sizeof(out), "åsa@x.se", 9);
	assert_string_equal(out, "****@x***.se");
	samv_pd_mask_phone(out, sizeof(out), "070-123 45 67", 13);
	assert_string_equal(out, "***-*** ** 67");
	samv_pd_mask_phone(out, sizeof(out), "+46 70 123 45 67", 16);
	assert_string_equal(out, "+** ** *** ** 67");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(emails_found),
		cmocka_unit_test(emails_not_found),
		cmocka_unit_test(phones_found),
		cmocka_unit_test(phones_not_found),
		cmocka_unit_test(idnumbers),
		cmocka_unit_test(masks),
	};

	return cmocka_run_group_tests_name("pdscan", tests, NULL, NULL);
}
