/*
 * chart.c - a report's chart as inline SVG: stacked bars a month, or the
 * lines of an assessment trend (a line a question, a point an
 * assessment); an axis with a few round ticks, a legend.  No script and
 * no external file, so the page works offline, in mail and on paper; the
 * chart is named by its <title> and described by its <desc> (screen
 * readers read both; render.c puts the numbers in a table beside it), and
 * each bar or point carries a <title> (shown on hover) and data-
 * attributes that tests can count.
 */
#include <string.h>

#include "samv.h"

#define W 640
#define H 260
#define LEFT 40
#define RIGHT 10
#define TOP 30
#define BOTTOM 40

static const char *const palette[] = { "#2a9d8f", "#264653", "#e9c46a", "#e76f51", "#8d99ae", "#6a4c93" };

static int esc(struct samv_buf *b, const char *s)
{
	int rc = 0;

	for (; *s && !rc; s++)
		rc = *s == '&' ? samv_buf_puts(b, "&amp;") : *s == '<' ? samv_buf_puts(b, "&lt;")
			: *s == '"' ? samv_buf_puts(b, "&quot;") : samv_buf_put(b, s, 1);
	return rc;
}

/* The smallest of 1, 2, 5, 10, 20, 50, ... that cuts max in at most four
 * ticks. */
static int tick_step(int max)
{
	int mag = 1;

	for (;;) {
		if (mag * 4 >= max)
			return mag;
		if (mag * 8 >= max)
			return mag * 2;
		if (mag * 20 >= max)
			return mag * 5;
		mag *= 10;
	}
}

/* <svg>, named by its <title> and described by the <desc> the caller
 * writes next and closes. */
static int open_svg(struct samv_buf *b, const cJSON *chart, int h)
{
	const char *id = samv_record_str(chart, "id"), *title = samv_record_str(chart, "title");
	int rc = 0;

	id = id ? id : "chart";
	rc |= samv_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
			      "height=\"%d\" role=\"img\" aria-labelledby=\"chart-", W, h, W, h);
	rc |= esc(b, id);
	rc |= samv_buf_puts(b, "-title chart-");
	rc |= esc(b, id);
	rc |= samv_buf_puts(b, "-desc\" font-family=\"sans-serif\" font-size=\"11\">\n<title id=\"chart-");
	rc |= esc(b, id);
	rc |= samv_buf_puts(b, "-title\">");
	rc |= esc(b, title ? title : "chart");
	rc |= samv_buf_puts(b, "</title>\n<desc id=\"chart-");
	rc |= esc(b, id);
	rc |= samv_buf_puts(b, "-desc\">");
	return rc;
}

/* " a, b and c": the series' names, for a <desc> */
static int put_names(struct samv_buf *b, const cJSON *series, const char *lang)
{
	int n = cJSON_GetArraySize(series), i = 0, rc = 0;
	const cJSON *se;

	cJSON_ArrayForEach(se, series) {
		rc |= samv_buf_puts(b, i == 0 ? " " : i == n - 1 ? D_(lang, " and ") : ", ");
		rc |= esc(b, samv_record_str(se, "name") ? samv_record_str(se, "name") : "");
		i++;
	}
	return rc;
}

/*
 * An assessment trend: a line a question over the assessments, from the
 * scale's lowest value ("min") to its highest ("max"); a gap where a
 * question was not answered.  Six colours, then the same six dashed, so
 * that ten questions stay apart; the legend wraps five to a row.
 */
static int line_svg(struct samv_buf *b, const cJSON *chart, const char *lang)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(chart, "labels");
	const cJSON *series = cJSON_GetObjectItemCaseSensitive(chart, "series"), *se, *v;
	const cJSON *lo = cJSON_GetObjectItemCaseSensitive(chart, "min");
	const cJSON *hi = cJSON_GetObjectItemCaseSensitive(chart, "max");
	int n = cJSON_GetArraySize(labels), ns = cJSON_GetArraySize(series), i, s, t, step, every;
	int min = cJSON_IsNumber(lo) ? lo->valueint : 0, max = cJSON_IsNumber(hi) ? hi->valueint : 1;
	int top = 16 + 16 * ((ns + 4) / 5), h = top + 170 + BOTTOM;
	double plot_h = 170, bw = n ? (double)(W - LEFT - RIGHT) / n : 0, x, y;
	bool pen;
	int rc = 0;

	if (max <= min)
		max = min + 1;
	rc |= open_svg(b, chart, h);
	rc |= samv_buf_printf(b, D_(lang, "A line a question, a point an assessment, from %s to %s, on the scale "
				      "from %d to %d:"), n ? cJSON_GetArrayItem(labels, 0)->valuestring : "-",
			      n ? cJSON_GetArrayItem(labels, n - 1)->valuestring : "-", min, max);
	rc |= put_names(b, series, lang);
	rc |= samv_buf_printf(b, ". %s</desc>\n", D_(lang, "The table that follows gives every answer."));
	s = 0;
	cJSON_ArrayForEach(se, series) {
		rc |= samv_buf_printf(b, "<line class=\"legend\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" "
				      "stroke-width=\"2\"%s/><text x=\"%d\" y=\"%d\">", LEFT + s % 5 * 110,
				      12 + s / 5 * 16, LEFT + s % 5 * 110 + 12, 12 + s / 5 * 16, palette[s % 6],
				      s >= 6 ? " stroke-dasharray=\"4 2\"" : "", LEFT + s % 5 * 110 + 16, 16 + s / 5 * 16);
		rc |= esc(b, samv_record_str(se, "name") ? samv_record_str(se, "name") : "");
		rc |= samv_buf_puts(b, "</text>\n");
		s++;
	}
	step = tick_step(max - min);
	for (t = min; t <= max; t += step) {
		y = top + plot_h - plot_h * (t - min) / (max - min);
		rc |= samv_buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
				      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
				      LEFT, y, W - RIGHT, y, LEFT - 4, y + 4, t);
	}
	every = n <= 8 ? 1 : (n + 7) / 8;
	for (i = 0; i < n; i += every)
		rc |= samv_buf_printf(b, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
				      LEFT + bw * (i + 0.5), h - BOTTOM + 14, cJSON_GetArrayItem(labels, i)->valuestring);
	s = 0;
	cJSON_ArrayForEach(se, series) {
		const cJSON *vals = cJSON_GetObjectItemCaseSensitive(se, "values");
		const cJSON *names = cJSON_GetObjectItemCaseSensitive(se, "labels");
		const cJSON *notes = cJSON_GetObjectItemCaseSensitive(se, "notes");
		const char *name = samv_record_str(se, "name") ? samv_record_str(se, "name") : "";

		/* the line, lifted where an answer is missing */
		rc |= samv_buf_puts(b, "<path class=\"line\" fill=\"none\" stroke-width=\"2\" d=\"");
		pen = false;
		for (i = 0; i < n; i++) {
			v = cJSON_GetArrayItem(vals, i);
			if (!cJSON_IsNumber(v)) {
				pen = false;
				continue;
			}
			rc |= samv_buf_printf(b, "%s%.1f %.1f ", pen ? "L" : "M", LEFT + bw * (i + 0.5),
					      top + plot_h - plot_h * (v->valuedouble - min) / (max - min));
			pen = true;
		}
		rc |= samv_buf_printf(b, "\" stroke=\"%s\"%s/>\n", palette[s % 6],
				      s >= 6 ? " stroke-dasharray=\"4 2\"" : "");
		for (i = 0; i < n; i++) {
			const char *label = cJSON_GetArrayItem(labels, i)->valuestring;
			const cJSON *said = cJSON_GetArrayItem(names, i), *note = cJSON_GetArrayItem(notes, i);

			v = cJSON_GetArrayItem(vals, i);
			if (!cJSON_IsNumber(v))
				continue;
			x = LEFT + bw * (i + 0.5);
			y = top + plot_h - plot_h * (v->valuedouble - min) / (max - min);
			rc |= samv_buf_puts(b, "<circle class=\"point\" data-series=\"");
			rc |= esc(b, name);
			rc |= samv_buf_printf(b, "\" data-label=\"%s\" data-value=\"%d\" cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" "
					      "fill=\"%s\"><title>", label, v->valueint, x, y, palette[s % 6]);
			rc |= esc(b, name);
			rc |= samv_buf_printf(b, " %s: ", label);
			rc |= esc(b, cJSON_IsString(said) ? said->valuestring : "");
			rc |= samv_buf_printf(b, " (%d)", v->valueint);
			if (cJSON_IsString(note)) {
				rc |= samv_buf_puts(b, " \xe2\x80\x94 ");
				rc |= esc(b, note->valuestring);
			}
			rc |= samv_buf_puts(b, "</title></circle>\n");
		}
		s++;
	}
	rc |= samv_buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT,
			      top + plot_h, W - RIGHT, top + plot_h);
	return rc | samv_buf_puts(b, "</svg>\n");
}

int samv_chart_svg(struct samv_buf *b, const cJSON *chart)
{
	return samv_chart_svg_lang(b, chart, NULL);
}

int samv_chart_svg_lang(struct samv_buf *b, const cJSON *chart, const char *lang)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(chart, "labels");
	const cJSON *series = cJSON_GetObjectItemCaseSensitive(chart, "series"), *se, *v;
	int n = cJSON_GetArraySize(labels), ns = cJSON_GetArraySize(series), i, s, max = 0, step, t, every;
	double bw, x, y, h, plot_h = H - TOP - BOTTOM;
	int rc = 0;

	if (samv_record_str(chart, "kind") && !strcmp(samv_record_str(chart, "kind"), "line"))
		return line_svg(b, chart, lang);
	for (i = 0; i < n; i++) {
		int sum = 0;

		cJSON_ArrayForEach(se, series)
			if (cJSON_IsNumber(v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(se, "values"), i)))
				sum += v->valueint;
		if (sum > max)
			max = sum;
	}
	step = tick_step(max ? max : 1);
	if (max < step * 4)
		max = max % step ? (max / step + 1) * step : max;
	if (max < 1)
		max = 1;
	rc |= open_svg(b, chart, H);
	rc |= samv_buf_printf(b, D_(lang, "Stacked bars a month from %s to %s, a colour a series:"),
			      n ? cJSON_GetArrayItem(labels, 0)->valuestring : "-",
			      n ? cJSON_GetArrayItem(labels, n - 1)->valuestring : "-");
	rc |= put_names(b, series, lang);
	rc |= samv_buf_printf(b, ". %s</desc>\n", D_(lang, "The table that follows gives the numbers."));
	/* legend */
	s = 0;
	cJSON_ArrayForEach(se, series) {
		const char *name = samv_record_str(se, "name");

		rc |= samv_buf_printf(b, "<rect class=\"legend\" x=\"%d\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>"
				      "<text x=\"%d\" y=\"17\">", LEFT + s * 110, palette[s % 6], LEFT + s * 110 + 14);
		rc |= esc(b, name ? name : "");
		rc |= samv_buf_puts(b, "</text>\n");
		s++;
	}
	/* axis and grid */
	for (t = 0; t <= max; t += step) {
		y = TOP + plot_h - plot_h * t / max;
		rc |= samv_buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
				      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%d</text>\n",
				      LEFT, y, W - RIGHT, y, LEFT - 4, y + 4, t);
	}
	if (!n || !ns)
		return rc | samv_buf_puts(b, "</svg>\n");
	bw = (double)(W - LEFT - RIGHT) / n;
	every = n <= 12 ? 1 : (n + 11) / 12;
	for (i = 0; i < n; i++) {
		const char *label = cJSON_GetArrayItem(labels, i)->valuestring;
		double base = TOP + plot_h;

		x = LEFT + bw * i;
		s = 0;
		cJSON_ArrayForEach(se, series) {
			v = cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(se, "values"), i);
			if (cJSON_IsNumber(v) && v->valueint > 0) {
				h = plot_h * v->valueint / max;
				base -= h;
				rc |= samv_buf_printf(b, "<rect class=\"bar\" data-series=\"%s\" data-label=\"%s\" "
						      "data-value=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
						      "height=\"%.1f\" fill=\"%s\"><title>",
						      samv_record_str(se, "name"), label, v->valueint, x + bw * 0.15,
						      base, bw * 0.7, h, palette[s % 6]);
				rc |= esc(b, label);
				rc |= samv_buf_printf(b, " %s: %d</title></rect>\n", samv_record_str(se, "name"),
						      v->valueint);
			}
			s++;
		}
		/* the year on the first bar and on January, else the month only */
		if (i % every == 0)
			rc |= samv_buf_printf(b, "<text class=\"label\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s"
					      "</text>\n", x + bw / 2, H - BOTTOM + 14,
					      i == 0 || strlen(label) < 7 || !strcmp(label + 5, "01") ? label : label + 5);
	}
	rc |= samv_buf_printf(b, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>\n", LEFT,
			      TOP + plot_h, W - RIGHT, TOP + plot_h);
	return rc | samv_buf_puts(b, "</svg>\n");
}
