/*
 * doc.c - a small document writer for what samv prints for people to read
 * and send: headings, "Label: value" lines, paragraphs and lists, as
 * Markdown (for mail and web pages) or plain text (for the terminal and
 * plain mail).  The two share one description so that they cannot drift.
 */
#include <string.h>

#include "samv.h"

int samv_doc_format(enum samv_doc_format *out, const char *name)
{
	if (!name || !strcmp(name, "text"))
		*out = SAMV_DOC_TEXT;
	else if (!strcmp(name, "markdown") || !strcmp(name, "md"))
		*out = SAMV_DOC_MARKDOWN;
	else
		return samv_error_set(SAMV_EUSAGE, "--format: '%s' is not one of text, markdown", name);
	return 0;
}

static int blank(struct samv_doc *d)
{
	if (d->out->len && samv_buf_puts(d->out, "\n") < 0)
		return SAMV_ERROR;
	d->in_fields = false;
	d->in_list = false;
	return 0;
}

int samv_doc_heading(struct samv_doc *d, int level, const char *text)
{
	size_t w = samv_utf8_width(text), i;

	if (blank(d) < 0)
		return SAMV_ERROR;
	if (d->format == SAMV_DOC_MARKDOWN)
		return samv_buf_printf(d->out, "%.*s %s\n", level, "###", text);
	if (samv_buf_printf(d->out, "%s\n", text) < 0)
		return SAMV_ERROR;
	for (i = 0; i < w; i++)
		if (samv_buf_puts(d->out, level == 1 ? "=" : "-") < 0)
			return SAMV_ERROR;
	return samv_buf_puts(d->out, "\n");
}

/* Fields run together as one block; Markdown needs a hard break (two
 * spaces) at the end of each line to keep them apart. */
int samv_doc_field(struct samv_doc *d, const char *label, const char *value)
{
	if (!value || !*value)
		return 0;
	if (!d->in_fields && blank(d) < 0)
		return SAMV_ERROR;
	d->in_fields = true;
	if (d->format == SAMV_DOC_MARKDOWN)
		return samv_buf_printf(d->out, "**%s:** %s  \n", label, value);
	return samv_buf_printf(d->out, "%s: %s\n", label, value);
}

int samv_doc_para(struct samv_doc *d, const char *text)
{
	size_t n;

	if (!text || !*text)
		return 0;
	n = strlen(text);
	if (blank(d) < 0 || samv_buf_puts(d->out, text) < 0)
		return SAMV_ERROR;
	return text[n - 1] == '\n' ? 0 : samv_buf_puts(d->out, "\n");
}

/* A list item: n > 0 numbers it.  Continuation lines are indented under
 * the item's text. */
int samv_doc_item(struct samv_doc *d, int n, const char *text)
{
	const char *p, *nl;
	int indent;

	if (!d->in_list) {
		if (blank(d) < 0)
			return SAMV_ERROR;
		d->in_list = true;
	}
	if (n > 0)
		indent = samv_buf_printf(d->out, "%d. ", n);
	else
		indent = samv_buf_puts(d->out, "- ");
	if (indent < 0)
		return SAMV_ERROR;
	indent = n > 0 ? (n > 9 ? 4 : 3) : 2;
	for (p = text; (nl = strchr(p, '\n')); p = nl + 1)
		if (samv_buf_printf(d->out, "%.*s\n%*s", (int)(nl - p), p, indent, "") < 0)
			return SAMV_ERROR;
	return samv_buf_printf(d->out, "%s\n", p);
}

int samv_doc_end_list(struct samv_doc *d)
{
	d->in_list = false;
	return 0;
}
