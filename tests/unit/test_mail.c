/* test_mail.c - the message samv writes for sendmail: encoded headers,
 * quoted-printable lines, the attachment in base64. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

static cJSON *recipient(const char *name, const char *email)
{
	cJSON *o = cJSON_CreateObject();

	cJSON_AddStringToObject(o, "name", name);
	if (email)
		cJSON_AddStringToObject(o, "email", email);
	else
		cJSON_AddNullToObject(o, "email");
	return o;
}

static void message(void **state)
{
	struct samv_buf b = SAMV_BUF_INIT;
	git_signature *from = NULL;
	cJSON *to = cJSON_CreateArray();
	char body[200], *p;
	struct samv_mail m = { NULL, to, "Inbjudan: Möte om ensamhet i Östergötlands län, 2026-12-01",
			       1796000000, "samv.m1.2.1796000000", NULL, "text/calendar; method=REQUEST",
			       "m1.ics", "BEGIN:VCALENDAR\r\n", 17 };

	(void)state;
	/* a line of 100 letters ending in a space, and "=" */
	memset(body, 'a', 100);
	strcpy(body + 100, " \nx=y\n");
	m.body = body;
	cJSON_AddItemToArray(to, recipient("Åsa Öberg", "asa@example.org"));
	cJSON_AddItemToArray(to, recipient("Per Ek", NULL));
	cJSON_AddItemToArray(to, recipient("Lind, Eva", "eva@example.org"));
	assert_int_equal(git_signature_new(&from, "Eva Lind", "eva@example.org", 0, 0), 0);

	/* nobody to send it to */
	m.from = from;
	m.to = NULL;
	assert_int_equal(samv_mail_format(&b, &m), SAMV_EINVAL);
	m.to = to;
	b.len = 0;
	assert_int_equal(samv_mail_format(&b, &m), 0);
	assert_non_null(strstr(b.ptr, "From: Eva Lind <eva@example.org>\r\n"));
	/* non-ASCII names encoded, specials quoted, no address: left out */
	assert_non_null(strstr(b.ptr, "To: =?UTF-8?B?w4VzYSDDlmJlcmc=?= <asa@example.org>,\r\n"
				      " \"Lind, Eva\" <eva@example.org>\r\n"));
	assert_null(strstr(b.ptr, "Per Ek"));
	assert_non_null(strstr(b.ptr, "Date: Mon, 30 Nov 2026 00:53:20 +0000\r\n"));
	assert_non_null(strstr(b.ptr, "Message-ID: <samv.m1.2.1796000000@example.org>\r\n"));
	/* the subject in words of at most 75 characters */
	p = strstr(b.ptr, "Subject: =?UTF-8?B?");
	assert_non_null(p);
	assert_true(strstr(p, "?=\r\n =?UTF-8?B?") - p < 80);
	/* quoted-printable: soft breaks keep lines to 76, a trailing space
	 * is encoded, "=" is */
	assert_non_null(strstr(b.ptr, "aaa=\r\naaa"));
	assert_non_null(strstr(b.ptr, "aaa=20\r\nx=3Dy\r\n"));
	for (p = b.ptr; (p = strstr(p, "\r\n")) && p[2]; p += 2)
		assert_true(strcspn(p + 2, "\r") <= 76);
	/* the attachment */
	assert_non_null(strstr(b.ptr, "Content-Type: text/calendar; method=REQUEST; name=\"m1.ics\"\r\n"));
	assert_non_null(strstr(b.ptr, "QkVHSU46VkNBTEVOREFSDQo=\r\n"));
	assert_non_null(strstr(b.ptr, "\r\n--=_samv_samv.m1.2.1796000000--\r\n"));
	git_signature_free(from);
	samv_buf_free(&b);
	cJSON_Delete(to);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(message),
	};

	int rc;

	git_libgit2_init(); /* for git_signature_new */
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
