/* hash.h - the hash of a string for libcommon's open-addressing tables
 * (hash.c); private to libcommon. */
#ifndef SAMV_HASH_H
#define SAMV_HASH_H

/* Spread over all its bits: the tables take the low ones. */
unsigned long samv_hash_str(const char *s);

#endif
