/* unit-layer: core */
/* Unit tests for export.c: the JSON/CSV/XLSX report row writer. */
#include <sys/wait.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "export.h"
#include "t.h"

/* A sink that collects everything and records the largest chunk. */
struct sink {
	struct buf	 b;
	int		 calls;
	size_t		 biggest;
	int		 stop_after;	/* > 0: fail the call after this many */
};

static int
collect(void *arg, const void *p, size_t n)
{
	struct sink	*k = arg;

	if (k->stop_after > 0 && k->calls >= k->stop_after)
		return 1;
	k->calls++;
	if (n > k->biggest)
		k->biggest = n;
	buf_add(&k->b, p, n);
	return 0;
}

static const struct export_col cols[] = {
	{ "nip", "nip", EXPORT_TEXT, NULL, 0, NULL },
	{ "nama", "name", EXPORT_TEXT, NULL, 0, NULL },
	{ "jumlah_jp", "jp", EXPORT_NUM, NULL, 0, NULL },
	{ "memenuhi_target", "meets_target", EXPORT_BOOL, NULL, 0, NULL },
};

static struct export *
open_fmt(enum export_fmt f, struct sink *k)
{
	char	 err[256];

	memset(k, 0, sizeof(*k));
	return export_open(f, "uji", cols, 4, collect, k, err, sizeof(err));
}

static void
test_csv(void)
{
	struct sink	 k;
	struct export	*e = open_fmt(EXPORT_CSV, &k);
	const char	*r1[] = { "198901012014021001", "Siti, \"Ucok\"\nDua",
			    "20", "1" };
	const char	*r2[] = { "198902022014022002", "=1+1", "-3", "0" };
	const char	*r3[] = { "198903032014021003", "", "", "0" };
	const char	*r4[] = { "198904042014022004", "x", "12abc", "1" };
	char		 err[256];

	T_OK(e != NULL, "csv open");
	T_OK(export_row(e, r1) == 0 && export_row(e, r2) == 0 &&
	    export_row(e, r3) == 0 && export_row(e, r4) == 0, "csv rows");
	T_OK(k.calls == 0, "csv buffers small output until finish");
	T_OK(export_raw(e, "x") == -1, "csv refuses raw JSON framing");
	T_OK(export_finish(e, err, sizeof(err)) == -1 && err[0],
	    "csv: a failed raw call fails the finish");
	e = open_fmt(EXPORT_CSV, &k);
	export_row(e, r1);
	export_row(e, r2);
	export_row(e, r3);
	export_row(e, r4);
	T_OK(export_finish(e, err, sizeof(err)) == 0, "csv finish");
	T_OK(k.b.p != NULL && strcmp(k.b.p,
	    "nip,nama,jumlah_jp,memenuhi_target\r\n"
	    "198901012014021001,\"Siti, \"\"Ucok\"\"\nDua\",20,ya\r\n"
	    "198902022014022002,'=1+1,-3,tidak\r\n"
	    "198903032014021003,,,tidak\r\n"
	    "198904042014022004,x,12abc,ya\r\n") == 0,
	    "csv: quoting, formula guard, bare numbers, ya/tidak");
	buf_free(&k.b);
}

static void
test_json(void)
{
	struct sink	 k;
	struct export	*e = open_fmt(EXPORT_JSON, &k);
	const char	*r1[] = { "1", "A \"q\" </script>", "20", "1" };
	const char	*r2[] = { "2", "B", "", "0" };
	const char	*r3[] = { "3", "C", "1e9", "0" };
	char		 err[256];

	T_OK(e != NULL, "json open");
	T_OK(export_raw(e, "{\"data\":[") == 0, "json raw");
	export_row(e, r1);
	export_row(e, r2);
	export_row(e, r3);
	export_raw(e, "]}");
	T_OK(export_finish(e, err, sizeof(err)) == 0, "json finish");
	T_OK(k.b.p != NULL && strcmp(k.b.p, "{\"data\":["
	    "{\"nip\":\"1\",\"name\":\"A \\\"q\\\" <\\/script>\",\"jp\":20,"
	    "\"meets_target\":true},"
	    "{\"nip\":\"2\",\"name\":\"B\",\"jp\":null,\"meets_target\":false},"
	    "{\"nip\":\"3\",\"name\":\"C\",\"jp\":\"1e9\",\"meets_target\":false}"
	    "]}") == 0, "json: escaping, null, non-decimal number as string");
	buf_free(&k.b);		/* open_fmt starts a fresh sink */
	T_OK(export_rows(e = open_fmt(EXPORT_JSON, &k)) == 0, "rows start at 0");
	export_abort(e);
	buf_free(&k.b);
}

/* 100,000 rows: output arrives in chunks near EXPORT_FLUSH, not at once. */
static void
test_flush(void)
{
	struct sink	 k;
	struct export	*e = open_fmt(EXPORT_CSV, &k);
	const char	*row[] = { "198901012014021001", "Nama Cukup Panjang Sekali",
			    "4", "0" };
	char		 err[256];
	int		 i, ok = 1;

	for (i = 0; i < 100000 && ok; i++)
		ok = export_row(e, row) == 0;
	T_OK(ok && export_rows(e) == 100000, "100k rows written");
	T_OK(export_finish(e, err, sizeof(err)) == 0, "flush finish");
	T_OK(k.calls > 50, "many emits, not one big buffer");
	T_OK(k.biggest < EXPORT_FLUSH + 256, "chunks stay near EXPORT_FLUSH");
	T_OK(k.b.n == strlen("nip,nama,jumlah_jp,memenuhi_target\r\n") +
	    (size_t)100000 * strlen("198901012014021001,Nama Cukup Panjang "
	    "Sekali,4,tidak\r\n"), "every byte arrives once");
	buf_free(&k.b);

	e = open_fmt(EXPORT_CSV, &k);
	k.stop_after = 2;
	for (i = 0; i < 100000; i++)
		if (export_row(e, row) == -1)
			break;
	T_OK(i < 100000 && strcmp(export_error(e), "output stopped") == 0,
	    "a stopped sink stops the rows");
	export_abort(e);
	buf_free(&k.b);
}

struct xlsx_job {
	int	 ok;
};

static void *
xlsx_small_stack(void *arg)
{
	struct xlsx_job	*j = arg;
	struct sink	 k;
	struct export	*e = open_fmt(EXPORT_XLSX, &k);
	const char	*r1[] = { "198901012014021001", "Siti, S.Kom.", "20", "1" };
	char		 err[256];

	j->ok = e != NULL && export_row(e, r1) == 0 &&
	    export_finish(e, err, sizeof(err)) == 0 && k.b.n > 100 &&
	    memcmp(k.b.p, "PK\3\4", 4) == 0;
	buf_free(&k.b);
	/* Abort must not crash there either (it closes the workbook). */
	e = open_fmt(EXPORT_XLSX, &k);
	export_row(e, r1);
	export_abort(e);
	buf_free(&k.b);
	return NULL;
}

/*
 * CivetWeb workers have 100 KiB stacks, part of it taken by the server's
 * own frames: an XLSX export must finish on a 64 KiB stack. Run in a
 * child process, so a stack overflow is a FAIL line, not a lost suite.
 */
static void
test_xlsx(void)
{
	struct xlsx_job	 j = { 0 };
	pthread_attr_t	 a;
	pthread_t	 t;
	pid_t		 pid;
	int		 status = -1;

	fflush(stdout);
	if ((pid = fork()) == 0) {
		pthread_attr_init(&a);
		pthread_attr_setstacksize(&a, 64 * 1024);
		if (pthread_create(&t, &a, xlsx_small_stack, &j) != 0 ||
		    pthread_join(t, NULL) != 0)
			_exit(2);
		_exit(j.ok ? 0 : 1);
	}
	T_OK(pid > 0 && waitpid(pid, &status, 0) == pid, "xlsx child ran");
	T_OK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "xlsx on a 64 KiB thread stack: valid zip emitted, no crash");
}

static void
test_fmt(void)
{
	enum export_fmt	 f;
	char		 err[64];

	T_OK(export_parse_fmt(NULL, &f) == 0 && f == EXPORT_JSON, "default json");
	T_OK(export_parse_fmt("csv", &f) == 0 && f == EXPORT_CSV, "csv");
	T_OK(export_parse_fmt("xlsx", &f) == 0 && f == EXPORT_XLSX, "xlsx");
	T_OK(export_parse_fmt("CSV", &f) == -1 && export_parse_fmt("pdf", &f)
	    == -1, "unknown formats refused");
	T_OK(export_open(EXPORT_CSV, "x", cols, 0, collect, NULL, err,
	    sizeof(err)) == NULL && err[0], "zero columns refused");
}

int
main(void)
{
	test_csv();
	test_json();
	test_flush();
	test_xlsx();
	test_fmt();
	T_DONE();
}
