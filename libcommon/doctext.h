/*
 * doctext.h - the text of documents (reports, minutes, invitations, the
 * HTML page) in the document's language, not the user's locale.
 *
 * Documents follow the repository's language (samv.json "language", or
 * --lang), so a cron job on an English server still mails a Swedish
 * summary.  Their text is its own catalog domain, "samv-doc", read
 * straight from <localedir>/<lang>/LC_MESSAGES/samv-doc.mo (catalog.c)
 * so that it works in any process locale, even C.  English is the msgid.
 *
 * D_(lang, "text") translates; DN_("text") marks a string translated
 * later (report titles kept English in --json); DP_(lang, "ctx", "text")
 * translates a word in a context (enum values: "sector" "civil").
 */
#ifndef SAMV_DOCTEXT_H
#define SAMV_DOCTEXT_H

#include <stddef.h>

#define SAMV_DOC_DOMAIN "samv-doc"

#define D_(lang, s) samv_doc_text((lang), (s))
#define DN_(s) (s)
#define DP_(lang, ctx, s) samv_doc_ptext((lang), (ctx), (s))

/* msgid in lang ("en", NULL or an untranslated msgid: msgid itself). */
const char *samv_doc_text(const char *lang, const char *msgid);
/* msgid in the context ctx; msgid itself when there is none. */
const char *samv_doc_ptext(const char *lang, const char *ctx, const char *msgid);
/* 0 when lang is a document language (sv, en) whose catalog can be read;
 * else an error naming the language or the missing catalog. */
int samv_doc_lang_check(const char *lang);
/* Whether lang is English (NULL counts as English). */
int samv_doc_is_en(const char *lang);

/* The document's word for a record's enum value (words.c): field is
 * sector, kind, level, role, status or outcome; value itself in English and for
 * values it does not know. */
const char *samv_doc_word(const char *lang, const char *field, const char *value);

/* A record's enum value from what a coordinator typed: the value itself,
 * or its Swedish word (case-insensitive: "ideell", "idéburen",
 * "halningsankare", "processledare"); given itself when neither. */
const char *samv_word_canonical(const char *field, const char *const *values, const char *given);

/* ---- the language and its forms (doclang.c) ---------------------------- */

struct samv_view;
/* The document language: given (--lang) when not NULL, else samv.json's
 * "language" in v, else "sv"; checked with samv_doc_lang_check. */
int samv_doc_language(char out[3], struct samv_view *v, const char *given);
/* A date (YYYY-MM-DD) as the language writes it in running text:
 * "6 december 2026" in Swedish, unchanged in English. */
const char *samv_doc_date(char out[32], const char *lang, const char *iso);
/* The day of a meeting in a letter: "torsdag 3 december 2026 (vecka 49)"
 * in Swedish, unchanged in English. */
const char *samv_doc_day(char out[64], const char *lang, const char *iso);
/* A whole number: "12 345" (no-break space) in Swedish, "12345" in English. */
const char *samv_doc_int(char out[32], const char *lang, long n);
/* A decimal number with d decimals: "3,5" in Swedish, "3.5" in English. */
const char *samv_doc_decimal(char out[48], const char *lang, double x, int d);
/* A period label: "2026-W49" is "vecka 49 2026" in Swedish; others unchanged. */
const char *samv_doc_period(char out[48], const char *lang, const char *label);

#endif
