/*
 * fuzz_csv: libFuzzer driver for the CSV reader. Besides "no crash, no
 * hang", it checks a property: every record the reader accepts, written
 * back with csv_field, reads back to the same fields.
 * Build: clang -g -O1 -fsanitize=fuzzer,address,undefined -Iserver \
 *   tests/fuzz/fuzz_csv.c server/csv.c server/buf.c -lm
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Writes fields as one record and checks the reader returns them. */
static void
roundtrip(char **f, int nf)
{
	struct buf b = {0};
	struct csv_reader *r;
	char	**g;
	int	 i, ng, line;
	const char *msg;

	if (nf == 1 && f[0][0] == '\0')
		return;		/* a lone empty field is a blank line */
	for (i = 0; i < nf; i++)
		if (f[i][0] != '\0' && strchr("=+-@\t\r", f[i][0]) != NULL)
			return;	/* formula guard changes the value */
	for (i = 0; i < nf; i++)
		csv_field(&b, f[i], i == 0);
	csv_end(&b);
	if (b.oom || (r = csv_open(b.p, b.n)) == NULL)
		abort();
	if (csv_next(r, &g, &ng, &line, &msg) != 1 || ng != nf)
		abort();
	for (i = 0; i < nf; i++)
		if (strcmp(f[i], g[i]) != 0)
			abort();
	csv_close(r);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_reader *r;
	char	**f;
	int	 nf, line, rc;
	const char *msg;

	if ((r = csv_open((const char *)data, size)) == NULL)
		return 0;
	while ((rc = csv_next(r, &f, &nf, &line, &msg)) > 0) {
		if (nf < 1 || nf > CSV_MAX_FIELDS || line < 1)
			abort();
		if (rc == 2 && msg == NULL)
			abort();	/* a non-UTF-8 record says why */
		if (rc == 1)
			roundtrip(f, nf);
	}
	if (rc == -1 && (msg == NULL || line < 1))
		abort();
	csv_close(r);
	return 0;
}
