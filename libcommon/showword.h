/*
 * showword.h - list and show in the user's language (showword.c).
 */
#ifndef SAMV_SHOWWORD_H
#define SAMV_SHOWWORD_H

struct samv_field;

/* The language of the user's messages as a document language: "sv" under
 * a Swedish locale whose document catalog can be read, else "en". */
const char *samv_user_lang(void);
/* A field's label in show: the document catalog's word in the user's
 * language; the field's own name in English. */
const char *samv_show_label(const char *field);
/* An enum value of f as the documents of the user's language word it;
 * value itself in English, for other kinds of field and unknown values. */
const char *samv_show_value(const struct samv_field *f, const char *value);

#endif
