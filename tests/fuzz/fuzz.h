/* fuzz.h - what the libFuzzer harnesses of tests/fuzz share. */
#ifndef SAMV_FUZZ_H
#define SAMV_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "samv.h"

/* A broken property: print it and abort, so that libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond)                                                                          \
	do {                                                                                       \
		if (!(cond))                                                                       \
			fuzz_fail(__FILE__, __LINE__, #cond);                                      \
	} while (0)
void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/*
 * An input begins with a record file's path on a line of its own; the
 * path picks the record type (samv_type_of_path).  A path where no
 * record lives picks a type by its bytes, so that no input is wasted.
 * *rest and *restlen get what follows the line.
 */
const struct samv_type *fuzz_type(char *path, size_t pathsz, const uint8_t *data, size_t size,
				  const uint8_t **rest, size_t *restlen);

/* Whether text parses as strict JSON; *out (when not NULL) gets it. */
int fuzz_parse(cJSON **out, const char *text, size_t len);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
