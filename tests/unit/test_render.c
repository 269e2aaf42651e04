/* Unit tests: a report document in each format, and its charts (render.c, chart.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "samv.h"

/* A document as report.c makes them: one figure, one section of two rows
 * whose values need quoting and escaping, one chart. */
static const char doc_text[] =
	"{\"report\": \"summary\", \"title\": \"Summary\", \"collaboration\": \"Samverkan <Öst>\","
	" \"arena\": null, \"period\": {\"label\": \"2026-W47\", \"since\": \"2026-11-16\","
	" \"until\": \"2026-11-22\"}, \"today\": \"2026-11-23\","
	" \"figures\": [{\"key\": \"meetings_held\", \"title\": \"Meetings held\", \"value\": 12}],"
	" \"sections\": [{\"id\": \"meetings\", \"title\": \"Meetings\", \"columns\": [{\"key\": \"title\","
	" \"title\": \"Title\"}, {\"key\": \"n\", \"title\": \"N\"}], \"rows\": [{\"title\": \"Möte, \\\"stort\\\"\","
	" \"n\": 3}, {\"title\": \"a|b_c\", \"n\": null}]}],"
	" \"charts\": [{\"id\": \"attendance\", \"title\": \"Attendance\", \"kind\": \"stacked\","
	" \"labels\": [\"2026-10\", \"2026-11\"], \"series\": [{\"name\": \"civil\", \"values\": [2, 0]},"
	" {\"name\": \"public\", \"values\": [1, 4]}]}]}";

static char *render(enum samv_render_format f, bool bom)
{
	struct samv_render_opts o = { f, false, bom };
	struct samv_buf out = SAMV_BUF_INIT;
	cJSON *doc = cJSON_Parse(doc_text);

	assert_non_null(doc);
	assert_int_equal(samv_render(&out, doc, &o), 0);
	cJSON_Delete(doc);
	samv_buf_put(&out, "", 1);
	return out.ptr;
}

static void text(void **state)
{
	char *s = render(SAMV_RENDER_TEXT, false);

	(void)state;
	assert_string_equal(s, "Samverkan <Öst>: Summary\n"
			       "Period: 2026-W47 (2026-11-16 to 2026-11-22), made 2026-11-23\n\n"
			       "Meetings held     12\n\n"
			       "Meetings\n"
			       "  Title          N\n"
			       "  Möte, \"stort\"  3\n"
			       "  a|b_c          -\n");
	free(s);
}

static void markdown(void **state)
{
	char *s = render(SAMV_RENDER_MARKDOWN, false);

	(void)state;
	assert_string_equal(s, "# Samverkan \\<Öst\\>: Summary\n\n"
			       "Period: 2026-W47 (2026-11-16 to 2026-11-22), made 2026-11-23.\n\n"
			       "| Figure | Value |\n|---|---:|\n| Meetings held | 12 |\n\n"
			       "## Meetings\n\n"
			       "| Title | N |\n|---|---:|\n"
			       "| Möte, \"stort\" | 3 |\n"
			       "| a\\|b\\_c |  |\n");
	free(s);
}

static void csv(void **state)
{
	char *s = render(SAMV_RENDER_CSV, false), *b = render(SAMV_RENDER_CSV, true);
	const char *want = "section,figure,value,title,n\r\n"
			   "figures,meetings_held,12,,\r\n"
			   "meetings,,,\"Möte, \"\"stort\"\"\",3\r\n"
			   "meetings,,,a|b_c,\r\n";

	(void)state;
	assert_string_equal(s, want);
	assert_memory_equal(b, "\xef\xbb\xbf", 3);
	assert_string_equal(b + 3, want);
	free(s);
	free(b);
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)); s++)
		n++;
	return n;
}

static void html(void **state)
{
	char *s = render(SAMV_RENDER_HTML, false);

	(void)state;
	assert_non_null(strstr(s, "<title>Samverkan &lt;Öst&gt;: Summary</title>"));
	assert_non_null(strstr(s, "<td>Möte, &quot;stort&quot;</td><td class=\"num\">3</td>"));
	assert_non_null(strstr(s, "id=\"figure-meetings_held\"><span class=\"value\">12</span>"));
	assert_int_equal(count(s, "<svg "), 1);
	/* zero values draw no bar */
	assert_int_equal(count(s, "<rect class=\"bar\""), 3);
	assert_non_null(strstr(s, "data-series=\"public\" data-label=\"2026-11\" data-value=\"4\""));
	assert_int_equal(count(s, "<script"), 0);
	free(s);
}

static void json(void **state)
{
	char *s = render(SAMV_RENDER_JSON, false);
	cJSON *a = cJSON_Parse(s), *b = cJSON_Parse(doc_text);

	(void)state;
	assert_true(cJSON_Compare(a, b, true));
	assert_int_equal(strncmp(s, "{\n  \"report\": \"summary\",\n", 25), 0);
	cJSON_Delete(a);
	cJSON_Delete(b);
	free(s);
}

static void formats(void **state)
{
	enum samv_render_format f;

	(void)state;
	assert_int_equal(samv_render_format(&f, "md"), 0);
	assert_int_equal(f, SAMV_RENDER_MARKDOWN);
	assert_int_equal(samv_render_format(&f, "html"), 0);
	assert_int_equal(f, SAMV_RENDER_HTML);
	assert_int_equal(samv_render_format(&f, "HTML"), SAMV_EUSAGE);
	assert_int_equal(samv_render_format(&f, "xlsx"), SAMV_EUSAGE);
	assert_string_equal(samv_error_last(), "--format: 'xlsx' is not one of text, markdown, json, csv, html");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(text), cmocka_unit_test(markdown), cmocka_unit_test(csv),
		cmocka_unit_test(html), cmocka_unit_test(json),     cmocka_unit_test(formats),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
