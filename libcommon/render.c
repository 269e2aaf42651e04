/*
 * render.c - a report document (report.c) in the format asked for: text
 * for the terminal, Markdown for mail, JSON for scripts, CSV for
 * spreadsheets, HTML for a page to look at and print.  Every format is
 * drawn from the same document, so the numbers never differ between them;
 * nothing here depends on the clock or the environment, so the same
 * repository and period always give the same bytes.
 */
#include <string.h>

#include "samv.h"

#define BOLD "\033[1m"
#define RESET "\033[0m"

int samv_render_format(enum samv_render_format *out, const char *name)
{
	static const struct {
		const char *name;
		enum samv_render_format f;
	} formats[] = {
		{ "text", SAMV_RENDER_TEXT }, { "markdown", SAMV_RENDER_MARKDOWN }, { "md", SAMV_RENDER_MARKDOWN },
		{ "json", SAMV_RENDER_JSON }, { "csv", SAMV_RENDER_CSV }, { "html", SAMV_RENDER_HTML },
	};
	size_t i;

	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++)
		if (!strcmp(formats[i].name, name)) {
			*out = formats[i].f;
			return 0;
		}
	return samv_error_set(SAMV_EUSAGE, "--format: '%s' is not one of text, markdown, json, csv, html", name);
}

static const char *s_of(const cJSON *o, const char *key)
{
	const char *s = samv_record_str(o, key);

	return s ? s : "";
}

/* A cell as text: strings as they are, numbers in decimal, null empty. */
static const char *cell(char tmp[32], const cJSON *row, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(row, key);

	if (cJSON_IsString(v))
		return v->valuestring;
	if (cJSON_IsNumber(v)) {
		snprintf(tmp, 32, "%d", v->valueint);
		return tmp;
	}
	return "";
}

/* A column is numeric when every value in it is a number or null. */
static bool numeric(const cJSON *rows, const char *key)
{
	const cJSON *r, *v;

	cJSON_ArrayForEach(r, rows) {
		v = cJSON_GetObjectItemCaseSensitive(r, key);
		if (v && !cJSON_IsNumber(v) && !cJSON_IsNull(v))
			return false;
	}
	return true;
}

/* "Period: LABEL (SINCE to UNTIL), made TODAY", the line under a title. */
static int put_period(struct samv_buf *b, const cJSON *doc, const char *lang)
{
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(doc, "period");
	const char *since = s_of(p, "since"), *until = s_of(p, "until"), *label = s_of(p, "label");
	const char *to = D_(lang, " to ");
	bool from = strcmp(since, "1900-01-01") != 0, upto = strcmp(until, "9999-12-31") != 0;
	char l[48], made[32], from_s[32], until_s[32];
	int rc = samv_buf_puts(b, D_(lang, "Period: "));

	/* the line is prose: its dates as the language writes them (samv(7)) */
	since = samv_doc_date(from_s, lang, since);
	until = samv_doc_date(until_s, lang, until);

	if (!from && !upto)
		rc |= samv_buf_puts(b, D_(lang, "all"));
	else if (!upto)
		rc |= samv_buf_printf(b, D_(lang, "from %s"), since);
	else if (!from)
		rc |= samv_buf_printf(b, D_(lang, "up to %s"), until);
	else if (strstr(label, ".."))
		rc |= samv_buf_printf(b, "%s%s%s", since, to, until);
	else
		rc |= samv_buf_printf(b, "%s (%s%s%s)", samv_doc_period(l, lang, label), since, to, until);
	return rc | samv_buf_printf(b, D_(lang, ", made %s"), samv_doc_date(made, lang, s_of(doc, "today")));
}

/* ---- text ------------------------------------------------------------------ */

/* s with control characters (newlines in a title, escapes) as spaces. */
/* s with control characters as spaces, written a run at a time */
static int put_clean(struct samv_buf *b, const char *s)
{
	size_t n;

	while (*s) {
		for (n = 0; s[n] && (unsigned char)s[n] >= 0x20 && s[n] != 0x7f; n++)
			;
		if (n && samv_buf_put(b, s, n) < 0)
			return SAMV_ERROR;
		s += n;
		if (*s && samv_buf_put(b, " ", 1) < 0)
			return SAMV_ERROR;
		if (*s)
			s++;
	}
	return 0;
}

static int pad(struct samv_buf *b, size_t n)
{
	static const char spaces[] = "                                ";
	size_t k;

	for (; n; n -= k) {
		k = n < sizeof(spaces) - 1 ? n : sizeof(spaces) - 1;
		if (samv_buf_put(b, spaces, k) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

static int text_cell(struct samv_buf *b, const char *s, size_t w, bool right, bool last)
{
	size_t sw = samv_utf8_width(s);

	if (right && pad(b, w - sw) < 0)
		return SAMV_ERROR;
	if (put_clean(b, s) < 0)
		return SAMV_ERROR;
	if (!right && !last && pad(b, w - sw) < 0)
		return SAMV_ERROR;
	return 0;
}

static int text_heading(struct samv_buf *b, const char *text, bool color)
{
	return samv_buf_printf(b, "%s%s%s\n", color ? BOLD : "", text, color ? RESET : "");
}

static int text_section(struct samv_buf *b, const cJSON *sec, bool color, const char *lang)
{
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(sec, "columns");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(sec, "rows");
	int n = cJSON_GetArraySize(cols), i, rc = 0;
	size_t w[32] = { 0 };
	bool right[32];
	const cJSON *c, *r;
	char tmp[32];

	if (n > 32)
		n = 32;
	if (samv_buf_puts(b, "\n") < 0 || text_heading(b, s_of(sec, "title"), color) < 0)
		return SAMV_ERROR;
	if (!cJSON_GetArraySize(rows))
		return samv_buf_printf(b, "  (%s)\n", D_(lang, "none"));
	for (i = 0; i < n; i++) {
		c = cJSON_GetArrayItem(cols, i);
		w[i] = samv_utf8_width(s_of(c, "title"));
		right[i] = numeric(rows, s_of(c, "key"));
		cJSON_ArrayForEach(r, rows)
			if (samv_utf8_width(cell(tmp, r, s_of(c, "key"))) > w[i])
				w[i] = samv_utf8_width(cell(tmp, r, s_of(c, "key")));
	}
	rc |= samv_buf_puts(b, "  ");
	for (i = 0; i < n; i++) {
		c = cJSON_GetArrayItem(cols, i);
		rc |= text_cell(b, s_of(c, "title"), w[i], right[i], i == n - 1);
		rc |= samv_buf_puts(b, i == n - 1 ? "\n" : "  ");
	}
	cJSON_ArrayForEach(r, rows) {
		rc |= samv_buf_puts(b, "  ");
		for (i = 0; i < n; i++) {
			const char *v = cell(tmp, r, s_of(cJSON_GetArrayItem(cols, i), "key"));

			rc |= text_cell(b, *v ? v : "-", w[i], right[i], i == n - 1);
			rc |= samv_buf_puts(b, i == n - 1 ? "\n" : "  ");
		}
	}
	return rc ? SAMV_ERROR : 0;
}

static int render_text(struct samv_buf *b, const cJSON *doc, bool color, const char *lang)
{
	const cJSON *figs = cJSON_GetObjectItemCaseSensitive(doc, "figures"), *f, *sec;
	size_t w = 0;
	char num[32];
	int rc = 0;

	rc |= samv_buf_printf(b, "%s%s: %s%s\n", color ? BOLD : "", s_of(doc, "collaboration"), s_of(doc, "title"),
			      color ? RESET : "");
	rc |= put_period(b, doc, lang);
	rc |= samv_buf_puts(b, "\n\n");
	cJSON_ArrayForEach(f, figs)
		if (samv_utf8_width(s_of(f, "title")) > w)
			w = samv_utf8_width(s_of(f, "title"));
	cJSON_ArrayForEach(f, figs) {
		rc |= samv_buf_puts(b, s_of(f, "title"));
		rc |= pad(b, w - samv_utf8_width(s_of(f, "title")));
		samv_doc_int(num, lang, cJSON_GetObjectItemCaseSensitive(f, "value")->valueint);
		rc |= pad(b, 2 + (samv_utf8_width(num) < 5 ? 5 - samv_utf8_width(num) : 0));
		rc |= samv_buf_printf(b, "%s\n", num);
	}
	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		rc |= text_section(b, sec, color, lang);
	return rc ? SAMV_ERROR : 0;
}

/* ---- Markdown -------------------------------------------------------------- */

static int md_escape(struct samv_buf *b, const char *s)
{
	for (; *s; s++) {
		if (strchr("\\|*_`[]<>#", *s) && samv_buf_puts(b, "\\") < 0)
			return SAMV_ERROR;
		if (samv_buf_put(b, (unsigned char)*s < 0x20 ? " " : s, 1) < 0)
			return SAMV_ERROR;
	}
	return 0;
}

static int md_section(struct samv_buf *b, const cJSON *sec, const char *lang)
{
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(sec, "columns");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(sec, "rows"), *c, *r;
	char tmp[32];
	int rc = 0;

	rc |= samv_buf_puts(b, "\n## ");
	rc |= md_escape(b, s_of(sec, "title"));
	rc |= samv_buf_puts(b, "\n\n");
	if (!cJSON_GetArraySize(rows))
		return rc | samv_buf_printf(b, "%s\n", D_(lang, "None."));
	cJSON_ArrayForEach(c, cols) {
		rc |= samv_buf_puts(b, "| ");
		rc |= md_escape(b, s_of(c, "title"));
		rc |= samv_buf_puts(b, " ");
	}
	rc |= samv_buf_puts(b, "|\n");
	cJSON_ArrayForEach(c, cols)
		rc |= samv_buf_puts(b, numeric(rows, s_of(c, "key")) ? "|---:" : "|---");
	rc |= samv_buf_puts(b, "|\n");
	cJSON_ArrayForEach(r, rows) {
		cJSON_ArrayForEach(c, cols) {
			rc |= samv_buf_puts(b, "| ");
			rc |= md_escape(b, cell(tmp, r, s_of(c, "key")));
			rc |= samv_buf_puts(b, " ");
		}
		rc |= samv_buf_puts(b, "|\n");
	}
	return rc ? SAMV_ERROR : 0;
}

static int render_markdown(struct samv_buf *b, const cJSON *doc, const char *lang)
{
	const cJSON *f, *sec;
	char num[32];
	int rc = 0;

	rc |= samv_buf_puts(b, "# ");
	rc |= md_escape(b, s_of(doc, "collaboration"));
	rc |= samv_buf_puts(b, ": ");
	rc |= md_escape(b, s_of(doc, "title"));
	rc |= samv_buf_puts(b, "\n\n");
	rc |= put_period(b, doc, lang);
	rc |= samv_buf_printf(b, ".\n\n| %s | %s |\n|---|---:|\n", D_(lang, "Figure"), D_(lang, "Value"));
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "figures")) {
		rc |= samv_buf_puts(b, "| ");
		rc |= md_escape(b, s_of(f, "title"));
		rc |= samv_buf_printf(b, " | %s |\n",
				      samv_doc_int(num, lang, cJSON_GetObjectItemCaseSensitive(f, "value")->valueint));
	}
	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		rc |= md_section(b, sec, lang);
	return rc ? SAMV_ERROR : 0;
}

/* ---- CSV (RFC 4180) -------------------------------------------------------- */

static bool has_key(const cJSON *keys, const char *key)
{
	const cJSON *k;

	cJSON_ArrayForEach(k, keys)
		if (!strcmp(k->valuestring, key))
			return true;
	return false;
}

/*
 * One table, so that a spreadsheet opens it whole: a "section" column,
 * then "figure" and "value" for the figures, then every section's
 * columns in the order they first appear.
 */
/* The head of the column key for people (excel-sv): its title in the
 * first section that has it; the key itself when none has a title. */
static const char *column_title(const cJSON *doc, const char *key)
{
	const cJSON *sec, *c;

	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(sec, "columns"))
			if (!strcmp(s_of(c, "key"), key) && *s_of(c, "title"))
				return s_of(c, "title");
	return key;
}

/*
 * sv (excel-sv) is the table for people in a spreadsheet: the columns' and
 * sections' titles and the figures' names in the document's language (doc
 * is the translated copy), where the default has the keys scripts read.
 * The columns, rows and dates (ISO, which Excel reads as dates) are the same.
 */
static int render_csv(struct samv_buf *b, const cJSON *doc, bool bom, bool sv, const char *lang)
{
	cJSON *keys = cJSON_CreateArray();
	const cJSON *sec, *c, *k, *r, *f;
	char tmp[32], sep = sv ? ';' : ',';
	int rc = 0;

	if (!keys)
		return samv_error_set(SAMV_ERROR, "out of memory");
	cJSON_AddItemToArray(keys, cJSON_CreateString("figure"));
	cJSON_AddItemToArray(keys, cJSON_CreateString("value"));
	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(sec, "columns"))
			if (!has_key(keys, s_of(c, "key")))
				cJSON_AddItemToArray(keys, cJSON_CreateString(s_of(c, "key")));
	if (bom || sv)
		rc |= samv_buf_puts(b, "\xef\xbb\xbf");
	rc |= samv_csv_field_sep(b, sv ? D_(lang, "Section") : "section", true, sep);
	cJSON_ArrayForEach(k, keys) {
		const char *head = k->valuestring ? k->valuestring : "";

		if (sv)
			head = !strcmp(head, "figure") ? D_(lang, "Figure")
			       : !strcmp(head, "value") ? D_(lang, "Value") : column_title(doc, head);
		rc |= samv_csv_field_sep(b, head, false, sep);
	}
	rc |= samv_buf_puts(b, "\r\n");
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "figures")) {
		rc |= samv_csv_field_sep(b, sv ? D_(lang, "Figures") : "figures", true, sep);
		cJSON_ArrayForEach(k, keys) {
			if (!strcmp(k->valuestring, "figure"))
				rc |= samv_csv_field_sep(b, s_of(f, sv ? "title" : "key"), false, sep);
			else
				rc |= samv_csv_field_sep(b, !strcmp(k->valuestring, "value") ? cell(tmp, f, "value") : "", false, sep);
		}
		rc |= samv_buf_puts(b, "\r\n");
	}
	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(sec, "rows")) {
			rc |= samv_csv_field_sep(b, s_of(sec, sv && *s_of(sec, "title") ? "title" : "id"), true, sep);
			cJSON_ArrayForEach(k, keys)
				rc |= samv_csv_field_sep(b, cell(tmp, r, k->valuestring), false, sep);
			rc |= samv_buf_puts(b, "\r\n");
		}
	cJSON_Delete(keys);
	return rc ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}

/* ---- HTML ------------------------------------------------------------------ */

static int html_escape(struct samv_buf *b, const char *s)
{
	int rc = 0;

	for (; *s && !rc; s++) {
		switch (*s) {
		case '&': rc = samv_buf_puts(b, "&amp;"); break;
		case '<': rc = samv_buf_puts(b, "&lt;"); break;
		case '>': rc = samv_buf_puts(b, "&gt;"); break;
		case '"': rc = samv_buf_puts(b, "&quot;"); break;
		case '\'': rc = samv_buf_puts(b, "&#39;"); break;
		default: rc = samv_buf_put(b, s, 1);
		}
	}
	return rc;
}

static const char css[] =
	"body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;"
	"max-width:60rem;margin:2rem auto;padding:0 1rem}\n"
	"h1{font-size:1.6rem;margin:0}h2{font-size:1.15rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc}\n"
	".sub{color:#555;margin:.2rem 0 1.5rem}\n"
	".figures{display:flex;flex-wrap:wrap;gap:.6rem;margin:0;padding:0;list-style:none}\n"
	".figure{border:1px solid #ccc;border-radius:6px;padding:.5rem .8rem;min-width:8rem}\n"
	".figure .value{display:block;font-size:1.6rem;font-weight:600}.figure .label{color:#555;font-size:.85rem}\n"
	".charts{display:flex;flex-wrap:wrap;gap:1rem}figure{margin:0}figcaption{font-weight:600;margin:.5rem 0}\n"
	"table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{text-align:left;padding:.25rem .5rem;"
	"border-bottom:1px solid #e3e3e3;vertical-align:top}th{background:#f3f3f3}td.num,th.num{text-align:right}\n"
	".none{color:#777;font-style:italic}footer{margin-top:2rem;color:#777;font-size:.8rem}\n"
	"@media print{body{margin:0;max-width:none}section,figure,tr{break-inside:avoid}h2{break-after:avoid}}\n";

static int html_section(struct samv_buf *b, const cJSON *sec, const char *lang)
{
	const cJSON *cols = cJSON_GetObjectItemCaseSensitive(sec, "columns");
	const cJSON *rows = cJSON_GetObjectItemCaseSensitive(sec, "rows"), *c, *r;
	/* a matrix names its rows in its first column: row headers */
	bool row_headers = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(sec, "row_headers"));
	char tmp[32];
	int rc = 0;

	rc |= samv_buf_puts(b, "<section class=\"report-section\" id=\"section-");
	rc |= html_escape(b, s_of(sec, "id"));
	rc |= samv_buf_puts(b, "\">\n<h2>");
	rc |= html_escape(b, s_of(sec, "title"));
	rc |= samv_buf_puts(b, "</h2>\n");
	if (!cJSON_GetArraySize(rows))
		return rc | samv_buf_printf(b, "<p class=\"none\">%s</p>\n</section>\n", D_(lang, "None."));
	rc |= samv_buf_puts(b, "<table>\n<thead><tr>");
	cJSON_ArrayForEach(c, cols) {
		rc |= samv_buf_puts(b, row_headers ? "<th scope=\"col\">" :
				       numeric(rows, s_of(c, "key")) ? "<th class=\"num\">" : "<th>");
		rc |= html_escape(b, s_of(c, "title"));
		rc |= samv_buf_puts(b, "</th>");
	}
	rc |= samv_buf_puts(b, "</tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(r, rows) {
		rc |= samv_buf_puts(b, "<tr>");
		cJSON_ArrayForEach(c, cols) {
			bool head = row_headers && c == cols->child;

			rc |= samv_buf_puts(b, head ? "<th scope=\"row\">" :
					       numeric(rows, s_of(c, "key")) ? "<td class=\"num\">" : "<td>");
			rc |= html_escape(b, cell(tmp, r, s_of(c, "key")));
			rc |= samv_buf_puts(b, head ? "</th>" : "</td>");
		}
		rc |= samv_buf_puts(b, "</tr>\n");
	}
	return rc | samv_buf_puts(b, "</tbody>\n</table>\n</section>\n");
}

/* The numbers of a chart as a table, the chart's text alternative: a row
 * a label (month or date), a column a series; a trend's cells give the
 * answer, its value and its note ("shared view (2) — text"), empty where
 * not answered. */
static int html_chart_table(struct samv_buf *b, const cJSON *ch, const char *lang)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(ch, "labels"), *series, *se, *l, *v, *said, *note;
	bool line = !strcmp(s_of(ch, "kind"), "line");
	char tmp[32];
	int i = 0, rc = 0;

	series = cJSON_GetObjectItemCaseSensitive(ch, "series");
	rc |= samv_buf_printf(b, "<details class=\"chart-data\"><summary>%s</summary>\n<table>\n<caption>",
			      D_(lang, "The numbers"));
	rc |= html_escape(b, s_of(ch, "title"));
	rc |= samv_buf_printf(b, "</caption>\n<thead><tr><th scope=\"col\">%s</th>",
			      line ? D_(lang, "Date") : D_(lang, "Month"));
	cJSON_ArrayForEach(se, series) {
		rc |= samv_buf_puts(b, line ? "<th scope=\"col\">" : "<th scope=\"col\" class=\"num\">");
		rc |= html_escape(b, s_of(se, "name"));
		rc |= samv_buf_puts(b, "</th>");
	}
	rc |= samv_buf_puts(b, "</tr></thead>\n<tbody>\n");
	cJSON_ArrayForEach(l, labels) {
		rc |= samv_buf_puts(b, "<tr><th scope=\"row\">");
		rc |= html_escape(b, cJSON_IsString(l) ? l->valuestring : "");
		rc |= samv_buf_puts(b, "</th>");
		cJSON_ArrayForEach(se, series) {
			v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(se, "values"), i);
			said = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(se, "labels"), i);
			rc |= samv_buf_puts(b, line ? "<td>" : "<td class=\"num\">");
			if (cJSON_IsNumber(v) && line) {
				rc |= html_escape(b, cJSON_IsString(said) ? said->valuestring : "");
				rc |= samv_buf_printf(b, " (%d)", v->valueint);
				note = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(se, "notes"), i);
				if (cJSON_IsString(note)) {
					rc |= samv_buf_puts(b, " \xe2\x80\x94 ");
					rc |= html_escape(b, note->valuestring);
				}
			} else if (cJSON_IsNumber(v)) {
				snprintf(tmp, sizeof(tmp), "%d", v->valueint);
				rc |= samv_buf_puts(b, tmp);
			}
			rc |= samv_buf_puts(b, "</td>");
		}
		rc |= samv_buf_puts(b, "</tr>\n");
		i++;
	}
	return rc | samv_buf_puts(b, "</tbody>\n</table>\n</details>\n");
}

static int render_html(struct samv_buf *b, const cJSON *doc, const char *lang)
{
	const cJSON *f, *sec, *ch;
	char num[32];
	int rc = 0;

	rc |= samv_buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
			      samv_doc_is_en(lang) ? "en" : lang);
	rc |= html_escape(b, s_of(doc, "collaboration"));
	rc |= samv_buf_puts(b, ": ");
	rc |= html_escape(b, s_of(doc, "title"));
	rc |= samv_buf_puts(b, "</title>\n<style>\n");
	rc |= samv_buf_puts(b, css);
	rc |= samv_buf_puts(b, "</style>\n</head>\n<body>\n<header>\n<h1>");
	rc |= html_escape(b, s_of(doc, "collaboration"));
	rc |= samv_buf_puts(b, ": ");
	rc |= html_escape(b, s_of(doc, "title"));
	rc |= samv_buf_puts(b, "</h1>\n<p class=\"sub\">");
	rc |= put_period(b, doc, lang);
	rc |= samv_buf_puts(b, "</p>\n</header>\n<ul class=\"figures\">\n");
	cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(doc, "figures")) {
		rc |= samv_buf_puts(b, "<li class=\"figure\" id=\"figure-");
		rc |= html_escape(b, s_of(f, "key"));
		rc |= samv_buf_printf(b, "\"><span class=\"value\">%s</span><span class=\"label\">",
				      samv_doc_int(num, lang, cJSON_GetObjectItemCaseSensitive(f, "value")->valueint));
		rc |= html_escape(b, s_of(f, "title"));
		rc |= samv_buf_puts(b, "</span></li>\n");
	}
	rc |= samv_buf_puts(b, "</ul>\n");
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "charts"))) {
		rc |= samv_buf_puts(b, "<section class=\"charts\">\n");
		cJSON_ArrayForEach(ch, cJSON_GetObjectItemCaseSensitive(doc, "charts")) {
			rc |= samv_buf_puts(b, "<figure class=\"chart\" id=\"chart-");
			rc |= html_escape(b, s_of(ch, "id"));
			rc |= samv_buf_puts(b, "\">\n<figcaption>");
			rc |= html_escape(b, s_of(ch, "title"));
			rc |= samv_buf_puts(b, "</figcaption>\n");
			rc |= samv_chart_svg_lang(b, ch, lang);
			rc |= html_chart_table(b, ch, lang);
			rc |= samv_buf_puts(b, "</figure>\n");
		}
		rc |= samv_buf_puts(b, "</section>\n");
	}
	cJSON_ArrayForEach(sec, cJSON_GetObjectItemCaseSensitive(doc, "sections"))
		rc |= html_section(b, sec, lang);
	rc |= samv_buf_printf(b, "<footer>samv-report %s</footer>\n</body>\n</html>\n", SAMV_VERSION);
	return rc ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}

/* JSON and CSV are for scripts: the same whatever the language.  The
 * formats people read, excel-sv's CSV among them, are drawn from the
 * document translated. */
int samv_render(struct samv_buf *out, cJSON *doc, const struct samv_render_opts *o)
{
	int rc;

	if (o->format == SAMV_RENDER_JSON)
		return samv_json_print(out, doc);
	if (o->format == SAMV_RENDER_CSV && !o->excel_sv)
		return render_csv(out, doc, o->bom, false, o->lang);
	if (!samv_doc_is_en(o->lang) && (rc = samv_report_localize_in(doc, o->lang)) < 0)
		return rc;
	switch (o->format) {
	case SAMV_RENDER_CSV: rc = render_csv(out, doc, o->bom, true, o->lang); break;
	case SAMV_RENDER_TEXT: rc = render_text(out, doc, o->color, o->lang); break;
	case SAMV_RENDER_MARKDOWN: rc = render_markdown(out, doc, o->lang); break;
	case SAMV_RENDER_HTML: rc = render_html(out, doc, o->lang); break;
	default: rc = samv_error_set(SAMV_EINVAL, "unknown format");
	}
	return rc < 0 ? samv_error_set(SAMV_ERROR, "out of memory") : 0;
}
