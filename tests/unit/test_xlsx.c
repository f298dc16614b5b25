/* unit-layer: lib */
/* Unit tests for xlsx.c: a real workbook checked with unzip, limits, speed. */
#include <sys/resource.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "xlsx.h"
#include "t.h"

static int
to_buf(void *arg, const void *p, size_t n)
{
	buf_add(arg, p, n);
	return 0;
}

static int
count(void *arg, const void *p, size_t n)
{
	(void)p;
	*(size_t *)arg += n;
	return 0;
}

static int
refuse(void *arg, const void *p, size_t n)
{
	(void)arg; (void)p; (void)n;
	return 1;
}

static long
maxrss_kb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int
nfds(void)
{
	DIR	*d;
	int	 n = 0;

	if ((d = opendir("/proc/self/fd")) == NULL)
		return -1;
	while (readdir(d) != NULL)
		n++;
	closedir(d);
	return n;
}

/* Runs cmd and returns its stdout (malloc'd) or NULL. */
static char *
run(const char *cmd)
{
	struct buf b = {0};
	char	 tmp[4096];
	size_t	 n;
	FILE	*p;

	if ((p = popen(cmd, "r")) == NULL)
		return NULL;
	while ((n = fread(tmp, 1, sizeof(tmp), p)) > 0)
		buf_add(&b, tmp, n);
	if (pclose(p) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

/* Extracts member name of the zip held in b; malloc'd text or NULL. */
static char *
member(const struct buf *b, const char *name)
{
	char	 path[64] = "/tmp/test_xlsx.XXXXXX", cmd[256];
	char	*out = NULL;
	FILE	*f;
	int	 fd;

	if ((fd = mkstemp(path)) == -1)
		return NULL;
	if ((f = fdopen(fd, "wb")) != NULL) {
		fwrite(b->p, 1, b->n, f);
		fclose(f);
		snprintf(cmd, sizeof(cmd), "unzip -p %s %s", path, name);
		out = run(cmd);
	}
	unlink(path);
	return out;
}

static void
bench(void)
{
	static const char *const h[] = { "NIP", "Nama", "Kursus", "Tanggal",
	    "Nilai" };
	static const int num[] = { 0, 0, 0, 0, 1 };
	const char *cells[5];
	char	 nip[32], nama[64], nilai[16], err[256];
	struct xlsx *x;
	struct timespec t0, t1;
	size_t	 bytes = 0;
	long	 rss0, rss1;
	double	 s;
	int	 i, ok = 1;

	rss0 = maxrss_kb();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((x = xlsx_open("Penyelesaian", h, 5, err, sizeof(err))) == NULL) {
		T_OK(0, "xlsx bench open");
		return;
	}
	for (i = 0; i < 200000 && ok; i++) {
		snprintf(nip, sizeof(nip), "1985010120100110%02d", i % 100);
		snprintf(nama, sizeof(nama), "Pegawai Nomor %d, S.Kom", i);
		snprintf(nilai, sizeof(nilai), "%d.5", i % 100);
		cells[0] = nip; cells[1] = nama; cells[2] = "Etika ASN";
		cells[3] = "2026-11-22"; cells[4] = nilai;
		ok = xlsx_row(x, cells, num, 5) == 0;
	}
	ok = ok && xlsx_finish(x, count, &bytes) == 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	rss1 = maxrss_kb();
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# xlsx: 200000 rows x 5 cols in %.2f s (%.0f rows/s incl. "
	    "close), %zu bytes, peak RSS growth %ld KiB\n", s, 200000 / s,
	    bytes, rss1 - rss0);
	T_OK(ok && bytes > 0, "xlsx 200k rows written");
#ifndef __SANITIZE_ADDRESS__
	/* ASan's quarantine keeps ~256 MiB of freed blocks: measure only
	 * in normal builds (under ASan with quarantine_size_mb=0: 2.5 MiB). */
	T_OK(rss1 - rss0 < 32 * 1024, "xlsx 200k rows grow peak RSS < 32 MiB");
#endif
}

static void
test_content(void)
{
	static const char *const h[] = { "NIP", "Nama", "Tanggal", "Nilai" };
	static const char *const r1[] = { "198501012010011001",
	    "Siregar, Budi & <Ani>", "2026-11-22", "87.5" };
	static const char *const r2[] = { "199001012015032002",
	    "=1+1 \x01Jos\xe9", "2026-01-05", "tidak lulus" };
	static const int num[] = { 0, 0, 0, 1 };
	struct buf b = {0};
	struct xlsx *x;
	char	 err[256];
	char	*xml = NULL, *sty = NULL;
	FILE	*f;
	int	 ok;

	x = xlsx_open("Nilai 2026", h, 4, err, sizeof(err));
	T_OK(x != NULL, "xlsx open");
	if (x == NULL)
		return;
	T_OK(xlsx_row(x, r1, num, 4) == 0 && xlsx_row(x, r2, num, 4) == 0,
	    "xlsx rows");
	T_OK(xlsx_finish(x, to_buf, &b) == 0 && b.n > 4 &&
	    memcmp(b.p, "PK\x03\x04", 4) == 0, "xlsx output is a zip (PK)");
	xml = member(&b, "xl/worksheets/sheet1.xml");
	sty = member(&b, "xl/styles.xml");
	T_OK(xml != NULL, "xlsx sheet1.xml extracted");
	if (xml == NULL)
		goto out;
	/* constant_memory writes strings inline (t="inlineStr"). */
	T_OK(strstr(xml, "<t>Siregar, Budi &amp; &lt;Ani&gt;</t>") != NULL,
	    "xlsx text cell escaped");
	T_OK(strstr(xml, "<t>198501012010011001</t>") != NULL,
	    "xlsx NIP stays text (no 1.98E+17)");
	T_OK(strstr(xml, "<t>2026-11-22</t>") != NULL, "xlsx date as text");
	T_OK(strstr(xml, "<c r=\"D2\"") != NULL &&
	    strstr(xml, "<v>87.5</v>") != NULL, "xlsx number as number");
	T_OK(strstr(xml, "<t>tidak lulus</t>") != NULL,
	    "xlsx non-number in number column kept as text");
	T_OK(strstr(xml, "<t>=1+1 Jos\xEF\xBF\xBD</t>") != NULL,
	    "xlsx formula-like text inert, control dropped, bad UTF-8 U+FFFD");
	T_OK(strstr(xml, "<f>") == NULL, "xlsx no formulas");
	T_OK(strstr(xml, "<autoFilter ref=\"A1:D3\"/>") != NULL,
	    "xlsx autofilter over data");
	T_OK(strstr(xml, "ySplit=\"1\"") != NULL &&
	    strstr(xml, "state=\"frozen\"") != NULL, "xlsx first row frozen");
	T_OK(strstr(xml, "<c r=\"A1\" s=\"1\"") != NULL && sty != NULL &&
	    strstr(sty, "<b/>") != NULL, "xlsx header bold");
	if ((f = popen("python3 -c 'import sys,xml.dom.minidom as m; "
	    "m.parseString(sys.stdin.buffer.read())'", "w")) != NULL) {
		fputs(xml, f);
		ok = pclose(f) == 0;
	} else
		ok = 0;
	T_OK(ok, "xlsx sheet XML well-formed");
out:
	free(xml);
	free(sty);
	buf_free(&b);
}

static void
test_limits(void)
{
	static const char *const h[] = { "a" };
	static const char *const r[] = { "1" };
	static const char *const r2[] = { "1", "2" };
	char	 err[256], big[40000], want[40016];
	char	*xml;
	const char *c[1];
	struct xlsx *x;
	struct buf b = {0};
	size_t	 bytes = 0;
	int	 i, ok = 1, fds;

	T_OK(xlsx_open("bad[name]", h, 1, err, sizeof(err)) == NULL &&
	    strstr(err, "sheet name") != NULL, "xlsx bad sheet name refused");
	T_OK(xlsx_open("s", h, 0, err, sizeof(err)) == NULL,
	    "xlsx zero columns refused");
	fds = nfds();
	x = xlsx_open("s", h, 1, err, sizeof(err));
	T_OK(x && xlsx_row(x, r2, NULL, 2) == -1 &&
	    strstr(xlsx_error(x), "header has 1") != NULL,
	    "xlsx wrong column count refused");
	xlsx_abort(x);
	x = xlsx_open("s", h, 1, err, sizeof(err));
	if (x)
		xlsx_row(x, r, NULL, 1);
	T_OK(x && xlsx_finish(x, refuse, NULL) == -1,
	    "xlsx finish reports a refusing writer");
	T_OK(nfds() == fds, "xlsx abort/finish leak no file descriptors");

	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[32766] = '\xC3';		/* a 2-byte character across the limit */
	big[32767] = '\xA9';
	c[0] = big;
	x = xlsx_open("s", h, 1, err, sizeof(err));
	T_OK(x && xlsx_row(x, c, NULL, 1) == 0 &&
	    xlsx_finish(x, to_buf, &b) == 0, "xlsx over-long cell not fatal");
	xml = member(&b, "xl/worksheets/sheet1.xml");
	big[32766] = '\0';		/* cut before the split character */
	snprintf(want, sizeof(want), "<t>%s</t>", big);
	T_OK(xml && strstr(xml, want) != NULL,
	    "xlsx over-long cell cut at 32766 bytes, on a character boundary");
	free(xml);
	buf_free(&b);

	x = xlsx_open("s", h, 1, err, sizeof(err));
	for (i = 0; x && i < XLSX_MAX_ROWS && ok; i++)
		ok = xlsx_row(x, r, NULL, 1) == 0;
	T_OK(x && ok, "xlsx 1,048,575 data rows fit");
	T_OK(x && xlsx_row(x, r, NULL, 1) == -1 &&
	    strstr(xlsx_error(x), "1048575") != NULL,
	    "xlsx row past the sheet limit refused with a clear error");
	xlsx_abort(x);
	x = xlsx_open("s", h, 1, err, sizeof(err));
	for (i = 0; x && i < XLSX_MAX_ROWS; i++)
		xlsx_row(x, r, NULL, 1);
	T_OK(x && xlsx_finish(x, count, &bytes) == 0 && bytes > 0,
	    "xlsx full sheet closes");
}

/* Column widths and formats, real date cells, the notes sheet. */
static void
test_people(void)
{
	static const char *const h[] = { "NIP", "Tanggal Selesai", "Nilai" };
	static const char *const r1[] = { "198501012010011001", "2026-01-01",
	    "85.0" };
	static const char *const r2[] = { "198501012010011002", "2026-02-30",
	    "" };
	static const char *const notes[] = { "Judul", NULL, "Tahun", "2026" };
	static const int kind[] = { XLSX_TEXT, XLSX_DATE, XLSX_NUMBER };
	struct buf b = {0};
	struct xlsx *x;
	char	 err[256];
	char	*xml = NULL, *sty = NULL, *n2 = NULL;

	x = xlsx_open("Data", h, 3, err, sizeof(err));
	T_OK(x && xlsx_column(x, 0, 21, "@") == 0 &&
	    xlsx_column(x, 2, 8, "0.0") == 0, "xlsx columns set up");
	T_OK(x && xlsx_notes(x, "Keterangan", notes, 2) == 0, "xlsx notes sheet");
	T_OK(x && xlsx_row(x, r1, kind, 3) == 0 && xlsx_row(x, r2, kind, 3) == 0,
	    "xlsx typed rows");
	T_OK(x && xlsx_finish(x, to_buf, &b) == 0, "xlsx with columns closes");
	x = xlsx_open("Data", h, 3, err, sizeof(err));
	T_OK(x && xlsx_column(x, 7, 8, NULL) == -1, "xlsx unknown column refused");
	xlsx_abort(x);
	x = xlsx_open("Data", h, 3, err, sizeof(err));
	T_OK(x && xlsx_row(x, r1, kind, 3) == 0 &&
	    xlsx_column(x, 0, 30, NULL) == -1,
	    "xlsx column setup refused after the first row");
	xlsx_abort(x);
	xml = member(&b, "xl/worksheets/sheet1.xml");
	n2 = member(&b, "xl/worksheets/sheet2.xml");
	sty = member(&b, "xl/styles.xml");
	T_OK(xml && strstr(xml, "<col min=\"1\" max=\"1\" width=\"21.") != NULL,
	    "xlsx NIP column 21 wide");
	/* 2026-01-01 is serial 46023 in the 1900 date system. */
	T_OK(xml && strstr(xml, "<v>46023</v>") != NULL &&
	    sty && strstr(sty, "formatCode=\"yyyy-mm-dd\"") != NULL,
	    "xlsx date is a number with a date format");
	T_OK(xml && strstr(xml, "<t>2026-02-30</t>") != NULL,
	    "xlsx impossible date kept as text");
	T_OK(sty && strstr(sty, "formatCode=\"0.0\"") != NULL &&
	    strstr(sty, "formatCode=\"@\"") != NULL, "xlsx 0.0 and @ formats");
	T_OK(n2 && strstr(n2, "<t>Tahun</t>") != NULL &&
	    strstr(n2, "<t>2026</t>") != NULL, "xlsx notes rows written");
	free(xml);
	free(n2);
	free(sty);
	buf_free(&b);
}

int
main(void)
{
	bench();
	test_people();
	test_content();
	test_limits();
	T_DONE();
}
