/*
 * challenge.h - what the collaboration is for and what it runs on:
 * challenges, target groups, resources, the glossary, and the umbrellas
 * that speak for their members (challenge.c, resource.c).
 */
#ifndef SAMV_CHALLENGE_H
#define SAMV_CHALLENGE_H

#include <stdbool.h>

#include <cjson/cJSON.h>

struct samv_problems;
struct samv_txn;
struct samv_view;

/* Rules across the fields of a resource (schema.c's check): money has an
 * amount above 0 and an ISO 4217 currency; time has a percent (1-100) or
 * hours (1-744) with per, and a basis; premises neither; it is for an
 * arena or a challenge; until is not before from; an ended one has until. */
int samv_resource_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
/* An organisation does not speak for itself. */
int samv_actor_check(struct samv_problems *pr, const cJSON *rec, const char *path, const char *text);
/* Totals of the resources whose period meets [since, until] (either NULL
 * or "": open), only those for arena when it is not NULL, per contributing
 * party and per sector: arrays in key order of {key, name, sector, money:
 * {CURRENCY: amount}, percent_paid, percent_voluntary, hours_paid,
 * hours_voluntary (a month), premises, resources}.  Money counts whole when
 * its period meets the report's; time is a rate, summed as it stands. */
int samv_resource_totals(cJSON **parties, cJSON **sectors, struct samv_view *v, const char *arena,
			 const char *since, const char *until);
/* Append samv-report's sections "resources_by_party" and
 * "resources_by_sector" (the totals above) when resources meet the period,
 * or always; *met: how many were counted; *changed: how many began or
 * ended within [since, until]. */
int samv_resource_sections(cJSON *sections, int *met, int *changed, struct samv_view *v, const char *arena,
			   const char *since, const char *until, bool always);

/* Append samv-report's sections about challenges and the glossary
 * ("challenges": active challenges, with their target groups; "terms":
 * terms agreed in the period), each only when there is something, for
 * one arena or (NULL) all; *started and *agreed count challenges started
 * and terms agreed in [since, until]. */
int samv_challenge_sections(cJSON *sections, int *started, int *agreed, struct samv_view *v, const char *arena,
			    const char *since, const char *until);
/* Append the participation report's section "voices": for each umbrella
 * that attended a held meeting of [since, until], each member it speaks
 * for that did not attend itself; its voice, not its attendance.  Nothing
 * when no organisation speaks for others. */
int samv_speaks_for_section(cJSON *sections, const cJSON *actors, const cJSON *meetings, const char *since,
			    const char *until);

/* Report sections in samv-report's shape: the columns, then the section
 * (which takes cols over) with its rows array returned; NULL when out of
 * memory. */
cJSON *samv_section_cols(const char *key, const char *title);
bool samv_section_col(cJSON *cols, const char *key, const char *title);
cJSON *samv_section_add(cJSON *sections, const char *id, const char *title, cJSON *cols);

#endif
