/* planio: import reports for the planning imports. See planio.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"
#include "ikm.h"
#include "planio.h"
#include "profile.h"
#include "skp.h"
#include "standard.h"
#include "wib.h"
#include "table.h"

void
planio_bad(struct planio_report *r, int line, const char *fmt, ...)
{
	va_list	 ap;

	r->nbad++;
	if (r->nproblem >= PLANIO_MAX_PROBLEMS)
		return;
	r->problem[r->nproblem].line = line;
	va_start(ap, fmt);
	vsnprintf(r->problem[r->nproblem].why,
	    sizeof(r->problem[r->nproblem].why), fmt, ap);
	va_end(ap);
	r->nproblem++;
}

void
planio_print(const struct planio_report *r, const char *fname,
    struct buf *out)
{
	int	 i;

	for (i = 0; i < r->nproblem; i++)
		buf_problem(out, fname, r->problem[i].line, "%s",
		    r->problem[i].why);
	if (r->nbad > r->nproblem)
		buf_addf(out, "%s: ... dan %d masalah lain\n", fname,
		    r->nbad - r->nproblem);
}

int
planio_int(const char *s, int lo, int hi, int *out)
{
	char	*end;
	long	 v;

	if (s == NULL || *s == '\0' || *s == '+' || *s == ' ')
		return -1;
	v = strtol(s, &end, 10);
	/* Excel writes whole numbers of a number cell as "4" already; a
	   text "4.0" is refused rather than guessed. */
	if (*end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int
planio_date(const char *s, int *y, int *m, int *d)
{
	char	 day[11];

	/* xlsxread writes a date cell with a time as "YYYY-MM-DD HH:MM:SS":
	   the day is the first ten bytes; the calendar is wib.c's. */
	if (strlen(s) < 10 || (s[10] != '\0' && s[10] != ' '))
		return -1;
	memcpy(day, s, 10);
	day[10] = '\0';
	if (wib_parse_ymd(day, y, m, d) == -1 || *y < 1950 || *y > 2200)
		return -1;
	return 0;
}

int
planio_next(struct table *t, struct planio_report *rep, int max,
    const char ***v, int *line)
{
	char	 why[TABLE_WHY_MAX];
	int	 rc;

	if ((rc = table_next(t, v, line, why, sizeof(why))) == 0)
		return -1;
	if (rc == -1) {
		planio_bad(rep, *line, "%s", why);
		return -1;
	}
	rep->rows++;
	if (rc == 2) {
		planio_bad(rep, *line, "%s", why);
		return 0;
	}
	if (rep->rows > max) {
		planio_bad(rep, *line, "lebih dari %d baris", max);
		return -1;
	}
	return 1;
}

static const struct planio_kind kinds[] = {
	{ "kompetensi", "nama,jenis,definisi,level_1,level_2,level_3,level_4,"
	    "level_5", dictionary_import },
	{ "standar", "jabatan,kelas_jabatan,kompetensi,level", standard_import },
	{ "asesmen", "nip,kompetensi,level,tanggal,sumber", assessment_import },
	{ "skp", "nip,tahun,predikat,potensi,kotak_talenta", skp_import },
	{ "skm", "unit_layanan,periode,u1,u2,u3,u4,u5,u6,u7,u8,u9", skm_import },
};
#define NKINDS	((int)(sizeof(kinds) / sizeof(kinds[0])))

const struct planio_kind *
planio_kind_at(int i)
{
	return i >= 0 && i < NKINDS ? &kinds[i] : NULL;
}

const struct planio_kind *
planio_kind(const char *id)
{
	int	 i;

	for (i = 0; id && i < NKINDS; i++)
		if (strcmp(kinds[i].id, id) == 0)
			return &kinds[i];
	return NULL;
}
