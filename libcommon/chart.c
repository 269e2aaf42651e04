/*
 * chart.c - a report's chart as inline SVG: stacked bars a month, an
 * axis with a few round ticks, a legend.  No script and no external
 * file, so the page works offline, in mail and on paper; each bar carries
 * a <title> (shown on hover) and data- attributes that tests can count.
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

int samv_chart_svg(struct samv_buf *b, const cJSON *chart)
{
	const cJSON *labels = cJSON_GetObjectItemCaseSensitive(chart, "labels");
	const cJSON *series = cJSON_GetObjectItemCaseSensitive(chart, "series"), *se, *v;
	int n = cJSON_GetArraySize(labels), ns = cJSON_GetArraySize(series), i, s, max = 0, step, t, every;
	double bw, x, y, h, plot_h = H - TOP - BOTTOM;
	const char *title = samv_record_str(chart, "title");
	int rc = 0;

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
	rc |= samv_buf_printf(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
			      "height=\"%d\" role=\"img\" aria-label=\"", W, H, W, H);
	rc |= esc(b, title ? title : "chart");
	rc |= samv_buf_puts(b, "\" font-family=\"sans-serif\" font-size=\"11\">\n");
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
