/* unit-layer: lib */
/*
 * Unit tests for xlsxread.c: workbooks written by libxlsxwriter (shared
 * strings, numbers, dates, gaps, a second sheet), and hostile ZIPs built
 * with minizip's writer (zip bomb, DTD entity bomb, bad references).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <xlsxwriter.h>
#include <zip.h>

#include "xlsxread.h"
#include "t.h"

static char *
slurp(const char *path, size_t *n)
{
	FILE	*fp = fopen(path, "rb");
	char	*p;
	long	 len;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	len = ftell(fp);
	rewind(fp);
	p = malloc((size_t)len + 1);
	if (p && fread(p, 1, (size_t)len, fp) != (size_t)len) {
		free(p);
		p = NULL;
	}
	fclose(fp);
	*n = (size_t)len;
	return p;
}

/* All rows as "row|a|b|c\n" text (types as #n #d after numbers, dates). */
static int
dump(const char *data, size_t n, char *out, size_t outlen, char *err,
    size_t errlen)
{
	struct xlsxread	*x = xlsxread_open(data, n);
	char		**cells;
	const int	*types;
	int		 nc, row, rc, i;
	size_t		 used = 0;

	out[0] = '\0';
	err[0] = '\0';
	if (x == NULL)
		return -2;
	while ((rc = xlsxread_next(x, &cells, &types, &nc, &row, err,
	    errlen)) == 1) {
		used += snprintf(out + used, outlen - used, "%d", row);
		for (i = 0; i < nc && used < outlen; i++)
			used += snprintf(out + used, outlen - used, "|%s%s",
			    cells[i], types[i] == XLSXREAD_T_NUMBER ? "#n" :
			    types[i] == XLSXREAD_T_DATE ? "#d" : "");
		if (used < outlen)
			used += snprintf(out + used, outlen - used, "\n");
	}
	xlsxread_close(x);
	return rc;
}

static void
test_libxlsxwriter(void)
{
	char		 path[] = "/tmp/lentera-xlsxr-XXXXXX", out[4096], err[256];
	lxw_workbook	*wb;
	lxw_worksheet	*ws, *ws2;
	lxw_format	*datefmt;
	lxw_datetime	 dt = { 2024, 2, 29, 0, 0, 0 };
	char		*data;
	size_t		 n;
	int		 fd, rc;

	if ((fd = mkstemp(path)) == -1)
		return;
	close(fd);
	wb = workbook_new(path);
	ws = workbook_add_worksheet(wb, "Pegawai");
	ws2 = workbook_add_worksheet(wb, "Lain");
	datefmt = workbook_add_format(wb);
	format_set_num_format(datefmt, "dd/mm/yyyy");
	worksheet_write_string(ws, 0, 0, "nip", NULL);
	worksheet_write_string(ws, 0, 1, "nama", NULL);
	worksheet_write_string(ws, 0, 3, "tgl", NULL);
	worksheet_write_string(ws, 1, 0, "198503122010011001", NULL);
	worksheet_write_string(ws, 1, 1, "Dewi <Anggraini> & \"Co\"", NULL);
	worksheet_write_datetime(ws, 1, 3, &dt, datefmt);
	/* row 3 left empty; row 4 has a number stored as a double */
	worksheet_write_number(ws, 3, 0, 198503122010011001.0, NULL);
	worksheet_write_number(ws, 3, 1, 42, NULL);
	worksheet_write_number(ws, 3, 2, 2.5, NULL);
	worksheet_write_string(ws2, 0, 0, "bukan ini", NULL);
	T_OK(workbook_close(wb) == LXW_NO_ERROR, "xlsxr: libxlsxwriter wrote");
	data = slurp(path, &n);
	unlink(path);
	if (data == NULL)
		return;
	T_OK(xlsxread_is_zip(data, n), "xlsxr: sniff ZIP");
	rc = dump(data, n, out, sizeof(out), err, sizeof(err));
	T_OK(rc == 0, "xlsxr: whole sheet read");
	T_OK(strstr(out, "1|nip|nama||tgl\n") == out, "xlsxr: header row, gap");
	T_OK(strstr(out, "\n2|198503122010011001|Dewi <Anggraini> & \"Co\"||"
	    "2024-02-29#d\n") != NULL, "xlsxr: shared strings, date");
	T_OK(strstr(out, "\n3") == NULL, "xlsxr: empty row skipped");
	T_OK(strstr(out, "\n4|1.98503122010011e+17#n|42#n|2.5#n\n") != NULL,
	    "xlsxr: numbers; a NIP as double shows its lost digits");
	T_OK(strstr(out, "bukan ini") == NULL, "xlsxr: first sheet only");
	free(data);
}

/* A ZIP in memory of (name, text) pairs, written by minizip. */
static char *
make_zip(const char *const *parts, size_t *n, int level)
{
	char	 path[] = "/tmp/lentera-xlsxz-XXXXXX", *data;
	zipFile	 zf;
	int	 fd, i;

	if ((fd = mkstemp(path)) == -1)
		return NULL;
	close(fd);
	if ((zf = zipOpen(path, APPEND_STATUS_CREATE)) == NULL)
		return NULL;
	for (i = 0; parts[i]; i += 2) {
		zipOpenNewFileInZip(zf, parts[i], NULL, NULL, 0, NULL, 0, NULL,
		    Z_DEFLATED, level);
		zipWriteInFileInZip(zf, parts[i + 1],
		    (unsigned)strlen(parts[i + 1]));
		zipCloseFileInZip(zf);
	}
	zipClose(zf, NULL);
	data = slurp(path, n);
	unlink(path);
	return data;
}

#define RELS "<Relationships><Relationship Id=\"r1\" Type=\"x/officeDocument\" " \
	"Target=\"xl/workbook.xml\"/></Relationships>"
#define WB "<workbook><sheets><sheet name=\"a\" r:id=\"rId1\"/></sheets></workbook>"
#define WBRELS "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" " \
	"Target=\"worksheets/s.xml\"/><Relationship Id=\"rId2\" " \
	"Type=\"x/sharedStrings\" Target=\"/xl/sst.xml\"/></Relationships>"

static int
err_has(const char *const *parts, const char *want, int wantrow)
{
	char	*data, out[2048], err[256];
	size_t	 n;
	int	 rc, row = -1;
	struct xlsxread *x;
	char	**cells;
	const int *types;
	int	 nc;

	if ((data = make_zip(parts, &n, 6)) == NULL)
		return 0;
	rc = dump(data, n, out, sizeof(out), err, sizeof(err));
	if ((x = xlsxread_open(data, n)) != NULL) {
		while (xlsxread_next(x, &cells, &types, &nc, &row, err,
		    sizeof(err)) == 1)
			;
		xlsxread_close(x);
	}
	free(data);
	if (rc != -1 || strstr(err, want) == NULL) {
		printf("# got rc %d row %d: %s\n", rc, row, err);
		return 0;
	}
	return wantrow < 0 || row == wantrow;
}

static void
test_hostile(void)
{
	static char	 big[1 << 20];
	char		*bomb, out[2048], err[256];
	size_t		 n, i, len;
	const char	*sheet_ok[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		WB, "xl/_rels/workbook.xml.rels", WBRELS, "xl/sst.xml",
		"<sst><si><t>satu</t></si><si><r><t>du</t></r><r><t>a</t></r>"
		"<rPh><t>x</t></rPh></si></sst>", "xl/worksheets/s.xml",
		"<worksheet><sheetData><row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v>"
		"</c><c t=\"inlineStr\"><is><t>tiga</t></is></c></row>"
		"<row><c t=\"b\"><v>1</v></c></row></sheetData></worksheet>",
		NULL };
	const char	*dtd[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		"<!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
		"&a;&a;&a;&a;&a;\">]><workbook>&b;</workbook>", NULL };
	const char	*badref[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		WB, "xl/_rels/workbook.xml.rels", WBRELS, "xl/sst.xml",
		"<sst><si><t>satu</t></si></sst>", "xl/worksheets/s.xml",
		"<worksheet><sheetData><row r=\"1\"><c t=\"s\"><v>0</v></c></row>"
		"<row r=\"7\"><c r=\"A7\" t=\"s\"><v>5</v></c></row></sheetData>"
		"</worksheet>", NULL };
	const char	*wide[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		WB, "xl/_rels/workbook.xml.rels", WBRELS, "xl/worksheets/s.xml",
		"<worksheet><sheetData><row r=\"3\"><c r=\"XFD3\"><v>1</v></c>"
		"</row></sheetData></worksheet>", NULL };
	const char	*order[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		WB, "xl/_rels/workbook.xml.rels", WBRELS, "xl/worksheets/s.xml",
		"<worksheet><sheetData><row r=\"3\"><c><v>1</v></c></row>"
		"<row r=\"2\"><c><v>1</v></c></row></sheetData></worksheet>",
		NULL };
	const char	*escape[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		"<workbook><sheets><sheet r:id=\"rId1\"/></sheets></workbook>",
		"xl/_rels/workbook.xml.rels", "<Relationships><Relationship "
		"Id=\"rId1\" Type=\"x/worksheet\" Target=\"../../../etc/passwd\"/>"
		"</Relationships>", NULL };
	const char	*bombparts[] = { "_rels/.rels", RELS, "xl/workbook.xml",
		WB, "xl/_rels/workbook.xml.rels", WBRELS, "xl/sst.xml", NULL,
		NULL };
	char		*data;

	data = make_zip(sheet_ok, &n, 6);
	T_OK(data && dump(data, n, out, sizeof(out), err, sizeof(err)) == 0 &&
	    strcmp(out, "2||dua|tiga\n3|TRUE\n") == 0,
	    "xlsxr: rich text, phonetic run dropped, inline string, bool");
	free(data);
	T_OK(err_has(dtd, "DTD", -1), "xlsxr: DTD (entity bomb) refused");
	T_OK(err_has(badref, "teks bersama nomor \"5\"", 7),
	    "xlsxr: shared string index out of range, row named");
	T_OK(err_has(wide, "kolom", 3), "xlsxr: column past the limit");
	T_OK(err_has(order, "tidak berurutan", -1), "xlsxr: rows out of order");
	T_OK(err_has(escape, "tidak ditemukan", -1),
	    "xlsxr: target above the package root refused");
	{
		struct xlsxread *x = xlsxread_open("PK\003\004junk", 8);

		T_OK(x && xlsxread_next(x, &(char **){ 0 }, NULL, &(int){ 0 },
		    &(int){ 0 }, err, sizeof(err)) == -1 &&
		    strstr(err, "ZIP") != NULL, "xlsxr: truncated ZIP");
		xlsxread_close(x);
	}

	/* Zip bomb: shared strings inflating past XLSXREAD_MAX_PART: 1 MiB of
	   spaces between elements (no cell or string limit applies) written
	   through one entry again and again; deflate makes it ~1000:1. */
	memset(big, ' ', sizeof(big));
	{
		char	 path[] = "/tmp/lentera-xlsxb-XXXXXX";
		zipFile	 zf;
		int	 fd = mkstemp(path), k;

		close(fd);
		zf = zipOpen(path, APPEND_STATUS_CREATE);
		for (k = 0; bombparts[k]; k += 2) {
			zipOpenNewFileInZip(zf, bombparts[k], NULL, NULL, 0,
			    NULL, 0, NULL, Z_DEFLATED, 9);
			if (bombparts[k + 1])
				zipWriteInFileInZip(zf, bombparts[k + 1],
				    (unsigned)strlen(bombparts[k + 1]));
			else {
				zipWriteInFileInZip(zf, "<sst>", 5);
				len = (XLSXREAD_MAX_PART >> 20) + 8;
				for (i = 0; i < len; i++)
					zipWriteInFileInZip(zf, big,
					    sizeof(big));
			}
			zipCloseFileInZip(zf);
		}
		zipClose(zf, NULL);
		bomb = slurp(path, &n);
		unlink(path);
	}
	T_OK(bomb && n < ((size_t)2 << 20), "xlsxr: bomb is small on disk");
	T_OK(bomb && dump(bomb, n, out, sizeof(out), err, sizeof(err)) == -1 &&
	    strstr(err, "MiB setelah diekstrak") != NULL,
	    "xlsxr: zip bomb stopped by a limit");
	free(bomb);
}

int
main(void)
{
	test_libxlsxwriter();
	test_hostile();
	T_DONE();
}
