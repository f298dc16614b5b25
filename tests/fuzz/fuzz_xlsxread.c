/*
 * fuzz_xlsxread: libFuzzer driver for the .xlsx reader. Two ways in:
 *   - input starting with 'Z': the rest is the file as uploaded (the ZIP
 *     container, minizip over memory; seeds are real workbooks);
 *   - otherwise the input is up to three XML parts separated by a line
 *     "--part--": worksheet, sharedStrings, styles. They are packed with
 *     fixed package rels and workbook into a stored (uncompressed) ZIP
 *     here, so mutations reach the SpreadsheetML mapping and expat
 *     instead of dying in the ZIP checksum.
 * Besides "no crash, no hang, no leak" it checks what the roster relies
 * on: row numbers strictly increase, at most XLSXREAD_MAX_COLS cells, each
 * within XLSXREAD_MAX_CELL bytes (dates and numbers are short), every cell
 * NUL-terminated UTF-8-safe for strlen, errors carry a message and stay.
 * The roster reader runs over the same bytes as well.
 * fuzz-max-len: 65536
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "roster.h"
#include "xlsxread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct zbuf {
	unsigned char	*p;
	size_t		 n, cap;
	unsigned char	 cd[8192];	/* central directory */
	size_t		 ncd;
	int		 entries;
};

static void
put(struct zbuf *z, const void *p, size_t n)
{
	if (z->n + n > z->cap) {
		z->cap = (z->n + n) * 2;
		if ((z->p = realloc(z->p, z->cap)) == NULL)
			abort();
	}
	memcpy(z->p + z->n, p, n);
	z->n += n;
}

static void
le(unsigned char *b, int bytes, uint32_t v)
{
	int	 i;

	for (i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * i));
}

/* One stored entry: local header + data, and its central record. */
static void
entry(struct zbuf *z, const char *name, const void *data, size_t n)
{
	unsigned char	 h[30], c[46];
	uint32_t	 crc = (uint32_t)crc32(0, data, (uInt)n);
	size_t		 nl = strlen(name);

	memset(h, 0, sizeof(h));
	le(h, 4, 0x04034b50);
	le(h + 4, 2, 20);
	le(h + 14, 4, crc);
	le(h + 18, 4, (uint32_t)n);
	le(h + 22, 4, (uint32_t)n);
	le(h + 26, 2, (uint32_t)nl);
	memset(c, 0, sizeof(c));
	le(c, 4, 0x02014b50);
	le(c + 4, 2, 20);
	le(c + 6, 2, 20);
	le(c + 16, 4, crc);
	le(c + 20, 4, (uint32_t)n);
	le(c + 24, 4, (uint32_t)n);
	le(c + 28, 2, (uint32_t)nl);
	le(c + 42, 4, (uint32_t)z->n);
	if (z->ncd + sizeof(c) + nl > sizeof(z->cd))
		abort();
	memcpy(z->cd + z->ncd, c, sizeof(c));
	memcpy(z->cd + z->ncd + sizeof(c), name, nl);
	z->ncd += sizeof(c) + nl;
	z->entries++;
	put(z, h, sizeof(h));
	put(z, name, nl);
	put(z, data, n);
}

static void
finish(struct zbuf *z)
{
	unsigned char	 e[22];
	size_t		 off = z->n;

	put(z, z->cd, z->ncd);
	memset(e, 0, sizeof(e));
	le(e, 4, 0x06054b50);
	le(e + 8, 2, (uint32_t)z->entries);
	le(e + 10, 2, (uint32_t)z->entries);
	le(e + 12, 4, (uint32_t)z->ncd);
	le(e + 16, 4, (uint32_t)off);
	put(z, e, sizeof(e));
}

static const char rels[] = "<Relationships><Relationship Id=\"r1\" "
    "Type=\"x/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>";
static const char wb[] = "<workbook><workbookPr date1904=\"0\"/><sheets>"
    "<sheet name=\"a\" r:id=\"rId1\"/></sheets></workbook>";
static const char wbrels[] = "<Relationships><Relationship Id=\"rId1\" "
    "Type=\"x/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship "
    "Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"sharedStrings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"x/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

static void
check_reader(const char *d, size_t n)
{
	struct xlsxread	*x;
	char		**cells, msg[XLSXREAD_MSG_MAX];
	const int	*types;
	int		 nc, row, last = 0, rc, i;

	if ((x = xlsxread_open(d, n)) == NULL)
		return;
	while ((rc = xlsxread_next(x, &cells, &types, &nc, &row, msg,
	    sizeof(msg))) == 1) {
		if (row <= last || row > XLSXREAD_MAX_ROWS || nc < 1 ||
		    nc > XLSXREAD_MAX_COLS)
			abort();
		last = row;
		for (i = 0; i < nc; i++)
			if (strlen(cells[i]) > XLSXREAD_MAX_CELL ||
			    types[i] < XLSXREAD_T_TEXT || types[i] > XLSXREAD_T_ERROR)
				abort();
	}
	if (rc == -1 && (msg[0] == '\0' || xlsxread_next(x, &cells, &types, &nc,
	    &row, msg, sizeof(msg)) != -1))
		abort();
	xlsxread_close(x);
}

static void
check_roster(const char *d, size_t n)
{
	struct roster_reader *rd;
	struct roster_row row;
	char		 why[ROSTER_WHY_MAX];
	int		 rc, guard = 0;

	if ((rd = roster_open(d, n)) == NULL)
		return;
	while ((rc = roster_next(rd, &row, why, sizeof(why))) != 0 &&
	    rc != -1 && guard++ < 100000)
		;
	roster_close(rd);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct zbuf	 z = { 0 };
	const char	*part[3] = { "", "", "" }, *p = (const char *)data, *sep;
	size_t		 len[3] = { 0, 0, 0 }, rest = size;
	int		 i;

	if (size > 0 && data[0] == 'Z') {
		check_reader((const char *)data + 1, size - 1);
		check_roster((const char *)data + 1, size - 1);
		return 0;
	}
	for (i = 0; i < 3 && rest > 0; i++) {
		sep = memmem(p, rest, "\n--part--\n", 10);
		part[i] = p;
		len[i] = sep ? (size_t)(sep - p) : rest;
		if (sep == NULL)
			break;
		rest -= len[i] + 10;
		p = sep + 10;
	}
	entry(&z, "_rels/.rels", rels, sizeof(rels) - 1);
	entry(&z, "xl/workbook.xml", wb, sizeof(wb) - 1);
	entry(&z, "xl/_rels/workbook.xml.rels", wbrels, sizeof(wbrels) - 1);
	entry(&z, "xl/worksheets/sheet1.xml", part[0], len[0]);
	if (len[1])
		entry(&z, "xl/sharedStrings.xml", part[1], len[1]);
	if (len[2])
		entry(&z, "xl/styles.xml", part[2], len[2]);
	finish(&z);
	check_reader((const char *)z.p, z.n);
	check_roster((const char *)z.p, z.n);
	free(z.p);
	return 0;
}
