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
	struct samv_render_opts o = { f, false, bom, NULL, false };
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

/* Control characters in a cell (a title typed with a tab or an escape)
 * reach the terminal as spaces, and the columns still line up. */
static void text_control(void **state)
{
	struct samv_render_opts o = { SAMV_RENDER_TEXT, false, false, NULL, false };
	struct samv_buf out = SAMV_BUF_INIT;
	cJSON *doc = cJSON_Parse("{\"report\": \"summary\", \"title\": \"T\", \"collaboration\": \"C\","
				 " \"period\": {\"label\": \"L\", \"since\": \"2026-11-16\", \"until\": \"2026-11-22\"},"
				 " \"today\": \"2026-11-23\", \"figures\": [], \"sections\": [{\"id\": \"s\","
				 " \"title\": \"S\", \"columns\": [{\"key\": \"a\", \"title\": \"A\"},"
				 " {\"key\": \"b\", \"title\": \"B\"}], \"rows\": [{\"a\": \"x\\ty\\u001b[31mz\\u007f\","
				 " \"b\": \"1\"}, {\"a\": \"long enough here\", \"b\": \"2\"}]}], \"charts\": []}");

	(void)state;
	assert_non_null(doc);
	assert_int_equal(samv_render(&out, doc, &o), 0);
	cJSON_Delete(doc);
	samv_buf_put(&out, "", 1);
	assert_non_null(strstr(out.ptr, "  A                 B\n"
					"  x y [31mz         1\n"
					"  long enough here  2\n"));
	samv_buf_free(&out);
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
	/* the chart's text alternative: a row a month, a column a series */
	assert_non_null(strstr(s, "<caption>Attendance</caption>\n<thead><tr><th scope=\"col\">Month</th>"
				  "<th scope=\"col\" class=\"num\">civil</th><th scope=\"col\" class=\"num\">public</th>"));
	assert_non_null(strstr(s, "<tr><th scope=\"row\">2026-11</th><td class=\"num\">0</td><td class=\"num\">4</td>"
				  "</tr>"));
	assert_int_equal(count(s, "<script"), 0);
	free(s);
}

/* An assessment trend: a gap where a question was not answered, the note
 * escaped in the tooltip and the table, the chart named and described. */
static void line_chart(void **state)
{
	static const char chart_text[] =
		"{\"id\": \"trend-steps\", \"title\": \"Trend <steps>\", \"kind\": \"line\","
		" \"labels\": [\"2020-01-01\", \"2021-01-01\", \"2022-01-01\"],"
		" \"series\": [{\"name\": \"a\", \"values\": [1, null, 3], \"labels\": [\"low\", null, \"high\"],"
		" \"notes\": [\"x<y\", null, null]},"
		" {\"name\": \"b\", \"values\": [0, 1, 2], \"labels\": [\"l\", \"m\", \"h\"], \"notes\": [null, null, null]}],"
		" \"min\": 0, \"max\": 4}";
	cJSON *ch = cJSON_Parse(chart_text);
	struct samv_buf out = SAMV_BUF_INIT;
	const char *p, *end;

	(void)state;
	assert_non_null(ch);
	assert_int_equal(samv_chart_svg(&out, ch), 0);
	samv_buf_put(&out, "", 1);
	assert_non_null(strstr(out.ptr, "aria-labelledby=\"chart-trend-steps-title chart-trend-steps-desc\""));
	assert_non_null(strstr(out.ptr, "<title id=\"chart-trend-steps-title\">Trend &lt;steps></title>"));
	assert_non_null(strstr(out.ptr, "<desc id=\"chart-trend-steps-desc\">A line a question, a point an assessment, "
					"from 2020-01-01 to 2022-01-01, on the scale from 0 to 4: a and b."));
	assert_int_equal(count(out.ptr, "<circle class=\"point\""), 5);
	assert_non_null(strstr(out.ptr, "<title>a 2020-01-01: low (1) \xe2\x80\x94 x&lt;y</title>"));
	/* a's line is lifted over the gap: two moves and no line drawn */
	assert_non_null(p = strstr(out.ptr, "<path class=\"line\""));
	assert_non_null(end = strchr(p, '>'));
	assert_int_equal(count(p, "M") - count(end, "M"), 2);
	assert_null(memchr(p, 'L', (size_t)(end - p)));
	samv_buf_free(&out);
	cJSON_Delete(ch);
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
		cmocka_unit_test(text), cmocka_unit_test(text_control), cmocka_unit_test(markdown), cmocka_unit_test(csv),
		cmocka_unit_test(html), cmocka_unit_test(line_chart), cmocka_unit_test(json),
		cmocka_unit_test(formats),
	};

	return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
