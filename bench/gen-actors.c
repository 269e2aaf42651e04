/*
 * gen-actors.c - make the records of a benchmark repository quickly, in
 * the canonical format and at the paths samv itself uses (libcommon's
 * samv_record_format and samv_id_path), so that samv-check accepts them.
 *
 *   gen-actors REPO N      write N actor records under REPO/actors and
 *                          print "ID PATH" for each on stdout
 *   gen-actors --paths PREFIX N
 *                          print "ID PATH" for ids PREFIX-1 ... PREFIX-N
 *                          without writing anything (for the by-hand runs)
 *
 * The records are deterministic: the same N gives the same repository.
 * The first 20 are national umbrella organisations; every fifth local
 * association names one of them as its parent.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "samv.h"

#define NATIONAL 20

static const char *prog = "gen-actors";

static const char *const areas[] = {
	"Linköping", "Norrköping", "Motala", "Mjölby", "Finspång", "Vadstena", "Söderköping",
	"Valdemarsvik", "Åtvidaberg", "Kinda", "Ydre", "Boxholm", "Ödeshög"
};
static const char *const words[] = {
	"Föreningen", "Brukarrådet", "Stödgruppen", "Anhörigföreningen", "Idrottsföreningen",
	"Studieförbundet", "Hyresgästföreningen", "Kulturföreningen", "Nätverket", "Stiftelsen"
};

/* A readable id like those samv-actor mints: slug + "-" + 6 characters
 * (distinct for every i: the multiplier is odd). */
static void make_id(char out[SAMV_ID_MAX + 1], const char *slug, unsigned long i)
{
	static const char alphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
	unsigned long h = i * 2654435761ul + 12345;
	char tail[7];
	int k;

	for (k = 0; k < 6; k++) {
		tail[k] = alphabet[h & 31];
		h >>= 5;
	}
	tail[6] = '\0';
	snprintf(out, SAMV_ID_MAX + 1, "%.40s-%s", slug, tail);
}

static int write_file(const char *path, const char *text, size_t len)
{
	char dir[4096], *slash;
	int fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 && errno == ENOENT) {
		snprintf(dir, sizeof(dir), "%s", path);
		if ((slash = strrchr(dir, '/')))
			*slash = '\0';
		/* REPO/actors/xx: at most two levels are missing */
		if (mkdir(dir, 0777) < 0 && errno == ENOENT) {
			char up[4096];

			snprintf(up, sizeof(up), "%s", dir);
			if ((slash = strrchr(up, '/')))
				*slash = '\0';
			mkdir(up, 0777);
			mkdir(dir, 0777);
		}
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	}
	if (fd < 0 || write(fd, text, len) != (ssize_t)len || close(fd) < 0) {
		fprintf(stderr, "%s: %s: %s\n", prog, path, strerror(errno));
		return -1;
	}
	return 0;
}

static int paths(const char *prefix, unsigned long n)
{
	char id[SAMV_ID_MAX + 1], path[256];
	unsigned long i;

	for (i = 1; i <= n; i++) {
		snprintf(id, sizeof(id), "%s-%lu", prefix, i);
		if (samv_id_check(id, NULL) < 0 || samv_id_path(path, sizeof(path), "actors", id) < 0) {
			fprintf(stderr, "%s: %s\n", prog, samv_error_last());
			return 1;
		}
		printf("%s %s\n", id, path);
	}
	return 0;
}

int main(int argc, char **argv)
{
	const struct samv_type *t = samv_type_find("actor");
	struct samv_buf text = SAMV_BUF_INIT;
	char id[SAMV_ID_MAX + 1], slug[64], name[256], path[256], full[4096], orgnr[16];
	char parents[NATIONAL][SAMV_ID_MAX + 1];
	unsigned long n, i;
	cJSON *rec;
	int rc = 1;

	if (argc == 4 && !strcmp(argv[1], "--paths"))
		return paths(argv[2], strtoul(argv[3], NULL, 10));
	if (argc != 3 || !t || (n = strtoul(argv[2], NULL, 10)) == 0) {
		fprintf(stderr, "usage: %s REPO N | --paths PREFIX N\n", prog);
		return 2;
	}
	for (i = 0; i < n; i++) {
		const char *area = areas[i % (sizeof(areas) / sizeof(areas[0]))];
		const char *word = words[(i / 13) % (sizeof(words) / sizeof(words[0]))];
		bool national = i < NATIONAL;

		if (national)
			snprintf(name, sizeof(name), "Riksförbundet %s nr %lu", word, i);
		else
			snprintf(name, sizeof(name), "%s i %s nr %lu", word, area, i);
		if (samv_id_slug(slug, sizeof(slug), name) < 0)
			goto fail;
		make_id(id, slug, i);
		if (national)
			memcpy(parents[i], id, sizeof(parents[i]));
		if (samv_id_path(path, sizeof(path), t->dir, id) < 0)
			goto fail;
		snprintf(orgnr, sizeof(orgnr), "802%03lu-%04lu", (i / 10000) % 1000, i % 10000);
		rec = cJSON_CreateObject();
		cJSON_AddStringToObject(rec, "id", id);
		cJSON_AddStringToObject(rec, "name", name);
		if (i % 3 == 0)
			cJSON_AddStringToObject(rec, "short", word);
		cJSON_AddStringToObject(rec, "sector", national || i % 10 ? "civil" : i % 20 ? "public" : "private");
		cJSON_AddStringToObject(rec, "kind", national ? "umbrella" : i % 10 ? "association" :
					i % 20 ? "municipality" : "business");
		cJSON_AddStringToObject(rec, "level", national ? "national" : "local");
		if (!national && i % 5 == 0 && i % 10)
			cJSON_AddStringToObject(rec, "parent", parents[i % NATIONAL]);
		if (!national)
			cJSON_AddStringToObject(rec, "area", area);
		cJSON_AddStringToObject(rec, "orgnr", orgnr);
		cJSON_AddStringToObject(rec, "status", "active");
		if (i % 7 == 0)
			cJSON_AddStringToObject(rec, "note", "Deltar i storgruppsmötena.\n"
							     "Kontakt via kansliet.");
		if (samv_record_format(&text, t, rec) < 0) {
			cJSON_Delete(rec);
			goto fail;
		}
		cJSON_Delete(rec);
		snprintf(full, sizeof(full), "%s/%s", argv[1], path);
		if (write_file(full, text.ptr, text.len) < 0)
			goto out;
		printf("%s %s\n", id, path);
	}
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "%s: %s\n", prog, samv_error_last());
out:
	samv_buf_free(&text);
	return rc;
}
