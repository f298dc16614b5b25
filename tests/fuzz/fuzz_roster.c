/*
 * fuzz_roster: libFuzzer driver for the roster reader and the multipart
 * parser that carries roster uploads. Besides "no crash, no hang" it
 * checks what the importer relies on: every accepted row has a valid NIP
 * (nip_valid), a name and a unit without control characters, a
 * normalised golongan that validates again, lines that never go
 * backwards, no NIP accepted twice; a fatal error stays fatal. The same
 * bytes are parsed as a multipart body: every part lies inside the input.
 * fuzz-max-len: 65536
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "nip.h"
#include "roster.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define SEEN_MAX 4096

static void
roster(const char *d, size_t n)
{
	static char		 seen[SEEN_MAX][NIP_LEN + 1];
	struct roster_reader	*rd;
	struct roster_row	 row;
	char			 why[ROSTER_WHY_MAX], g[32];
	int			 rc, nseen = 0, last = 0, i;

	if ((rd = roster_open(d, n)) == NULL)
		return;
	while ((rc = roster_next(rd, &row, why, sizeof(why))) != 0) {
		if (row.line < last || row.line < 1)
			abort();
		last = row.line;
		if (rc == -1) {
			if (why[0] == '\0' ||
			    roster_next(rd, &row, why, sizeof(why)) != -1)
				abort();
			break;
		}
		if (rc == 2) {
			if (why[0] == '\0')
				abort();
			continue;
		}
		if (rc != 1 || !nip_valid(row.u.nip, NULL, 0) ||
		    row.u.name[0] == '\0' || row.u.unit[0] == '\0' ||
		    strpbrk(row.u.name, "\r\n\t") != NULL)
			abort();
		if (row.u.golongan[0] && (!roster_golongan(row.u.golongan, g,
		    sizeof(g)) || strcmp(g, row.u.golongan) != 0))
			abort();
		if (row.u.email[0] && !roster_email_ok(row.u.email))
			abort();
		for (i = 0; i < nseen; i++)
			if (strcmp(seen[i], row.u.nip) == 0)
				abort();
		if (nseen < SEEN_MAX)
			memcpy(seen[nseen++], row.u.nip, NIP_LEN + 1);
	}
	roster_close(rd);
}

static void
multipart(const char *d, size_t n)
{
	struct multipart	*mp;
	int			 i;

	if ((mp = malloc(sizeof(*mp))) == NULL)
		return;
	if (multipart_parse(d, n, "XyZ", mp) == 0) {
		for (i = 0; i < mp->n; i++)
			if (mp->part[i].data < d || mp->part[i].len > n ||
			    mp->part[i].data + mp->part[i].len > d + n ||
			    mp->part[i].name[0] == '\0')
				abort();
	}
	free(mp);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	roster((const char *)data, size);
	multipart((const char *)data, size);
	return 0;
}
