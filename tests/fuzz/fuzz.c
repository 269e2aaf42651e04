/* fuzz.c - the input layout and the checks the harnesses share. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

void fuzz_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "%s:%d: property broken: %s\n", file, line, what);
	abort();
}

/* Every record type, the repository's own file (samv.json) last. */
static const struct samv_type *type_by_number(size_t n)
{
	size_t count = 0;

	while (samv_type_at(count))
		count++;
	n %= count + 1;
	return n < count ? samv_type_at(n) : samv_type_repository();
}

const struct samv_type *fuzz_type(char *path, size_t pathsz, const uint8_t *data, size_t size,
				  const uint8_t **rest, size_t *restlen)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t len = nl ? (size_t)(nl - data) : size, i, sum = 0;
	const struct samv_type *t;

	if (len >= pathsz)
		len = pathsz - 1;
	memcpy(path, data, len);
	path[len] = '\0';
	*rest = nl ? nl + 1 : data + size;
	*restlen = (size_t)(data + size - *rest);
	if (strlen(path) == len && (t = samv_type_of_path(path)))
		return t;
	for (i = 0; i < len; i++)
		sum += data[i];
	return type_by_number(sum);
}

int fuzz_parse(cJSON **out, const char *text, size_t len)
{
	struct samv_pos pos;
	cJSON *v = NULL;
	int rc = samv_json_parse(&v, text, len, &pos);

	/* an error says where */
	FUZZ_ASSERT(rc == 0 ? v != NULL : v == NULL && pos.line >= 1 && pos.col >= 1);
	if (out)
		*out = v;
	else
		cJSON_Delete(v);
	return rc;
}
