/* aplan: the agency plan, its budget line and realisation. See aplan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "aplan.h"
#include "ledger.h"
#include "competency.h"
#include "idp.h"
#include "jprules.h"

int
aplan_priority(const struct aplan_row *r)
{
	/* The highest priority of the row's gaps when they were planned:
	   part A's gap priority (10 x gap + SKP bonus + accepted SKM
	   proposal for front-line positions, core/gap.h). */
	return r->max_priority;
}

struct build {
	struct aplan	*p;
	int		 cap;
	int		 oom;
};

static int
add_row(void *arg, const struct aplan_row *r)
{
	struct build	*b = arg;
	struct aplan_item *n;

	if (b->p->n == APLAN_ROWS_MAX)
		return 1;
	if (b->p->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		if ((n = realloc(b->p->items, (size_t)b->cap * sizeof(*n))) ==
		    NULL) {
			b->oom = 1;
			return 1;
		}
		b->p->items = n;
	}
	n = &b->p->items[b->p->n++];
	memset(n, 0, sizeof(*n));
	n->row = *r;
	n->priority = aplan_priority(r);
	return 0;
}

static int
by_priority(const void *a, const void *b)
{
	const struct aplan_item *x = a, *y = b;
	int		 c;

	if (x->priority != y->priority)
		return y->priority - x->priority;
	/* Cheaper per person first: more people served within the line. */
	if (x->row.cost * y->row.people != y->row.cost * x->row.people)
		return x->row.cost * y->row.people < y->row.cost * x->row.people ?
		    -1 : 1;
	if ((c = strcmp(x->row.unit, y->row.unit)) != 0)
		return c;
	return strcmp(x->row.competency, y->row.competency);
}

int
aplan_build(struct store *st, int year, struct aplan *p)
{
	struct build	 b;
	int64_t		 funded = 0;
	int		 i, rc;

	memset(p, 0, sizeof(*p));
	p->year = year;
	memset(&b, 0, sizeof(b));
	b.p = p;
	if ((rc = store_budget_get(st, year, &p->ceiling)) == -1)
		return -1;
	p->has_ceiling = rc == 0;
	if (store_aplan_rows(st, year, add_row, &b) == -1 || b.oom) {
		aplan_free(p);
		return -1;
	}
	if (p->n > 1)
		qsort(p->items, (size_t)p->n, sizeof(p->items[0]), by_priority);
	/* Down the ranking, a row is funded when it still fits in what the
	   rows above it left of the ceiling; one that does not is below the
	   line, and a cheaper row after it may still fit. */
	for (i = 0; i < p->n; i++) {
		struct aplan_item *it = &p->items[i];

		p->cost += it->row.cost;
		p->jp += it->row.jp;
		p->people += it->row.people;
		if (p->has_ceiling && funded + it->row.cost > p->ceiling) {
			it->below = 1;
			p->nbelow++;
			p->below_cost += it->row.cost;
		} else
			funded += it->row.cost;
		it->running = funded;
	}
	return 0;
}

void
aplan_free(struct aplan *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
}

const char *
aplan_route_name(const char *code)
{
	const struct jpr_form *f = idp_route(code);

	return f ? f->name : "";
}

const char *
aplan_route_jalur(const char *code)
{
	const struct jpr_form *f = idp_route(code);

	return f == NULL ? "" : f->klasikal ? "klasikal" : "nonklasikal";
}

/* The CSV names are the contract; labels are for people. */
static const struct export_col cols[] = {
	{ "tahun", "tahun", EXPORT_NUM, "Tahun", 7, "0" },
	{ "prioritas", "prioritas", EXPORT_NUM, "Prioritas", 9, "0" },
	{ "dalam_pagu", "dalam_pagu", EXPORT_BOOL, "Dalam pagu", 10, NULL },
	{ "unit_kerja", "unit_kerja", EXPORT_TEXT, "Unit kerja", 32, NULL },
	{ "jenis_kompetensi", "jenis_kompetensi", EXPORT_TEXT,
	    "Jenis kompetensi", 16, NULL },
	{ "kompetensi", "kompetensi", EXPORT_TEXT, "Kompetensi", 32, NULL },
	{ "kesenjangan_level", "kesenjangan_level", EXPORT_NUM,
	    "Kesenjangan (level)", 10, "0" },
	{ "sasaran_jabatan", "sasaran_jabatan", EXPORT_TEXT,
	    "Sasaran (jabatan)", 28, NULL },
	{ "jumlah_asn", "jumlah_asn", EXPORT_NUM, "Jumlah ASN", 10, "0" },
	{ "jenis_pengembangan", "jenis_pengembangan", EXPORT_TEXT,
	    "Jenis pengembangan", 24, NULL },
	{ "jalur", "jalur", EXPORT_TEXT, "Jalur", 12, NULL },
	{ "kode_siasn", "kode_siasn", EXPORT_NUM, "Kode SIASN", 8, "0" },
	{ "penyelenggara", "penyelenggara", EXPORT_TEXT, "Penyelenggara", 24,
	    NULL },
	{ "kegiatan", "kegiatan", EXPORT_TEXT, "Kegiatan", 36, NULL },
	{ "jadwal_mulai", "jadwal_mulai", EXPORT_DATE, "Jadwal mulai", 12,
	    NULL },
	{ "jadwal_selesai", "jadwal_selesai", EXPORT_DATE, "Jadwal selesai", 12,
	    NULL },
	{ "jp", "jp", EXPORT_NUM, "JP", 6, "0" },
	{ "anggaran", "anggaran", EXPORT_NUM, "Anggaran (Rp)", 16, "#,##0" },
};
#define NCOLS	((int)(sizeof(cols) / sizeof(cols[0])))

int
aplan_export(const struct aplan *p, enum export_fmt fmt, export_emit emit,
    void *arg, char *err, size_t errlen)
{
	struct export	*e;
	char		 year[8], prio[16], gap[8], people[24], siasn[8], jp[24],
			 cost[24], ceil[24], total[24];
	const char	*cells[NCOLS], *pairs[8];
	const struct jpr_form *f;
	int		 i;

	if ((e = export_open(fmt, "Rencana", cols, NCOLS, emit, arg, err,
	    errlen)) == NULL)
		return -1;
	snprintf(year, sizeof(year), "%d", p->year);
	snprintf(ceil, sizeof(ceil), "%lld", (long long)p->ceiling);
	snprintf(total, sizeof(total), "%lld", (long long)p->cost);
	pairs[0] = "Tahun"; pairs[1] = year;
	pairs[2] = "Pagu anggaran (Rp)"; pairs[3] = p->has_ceiling ? ceil : "-";
	pairs[4] = "Total biaya (Rp)"; pairs[5] = total;
	pairs[6] = "Dasar"; pairs[7] = "PP 11/2017 pasal 207 ayat (3)";
	if (export_notes(e, "Rencana pengembangan kompetensi instansi", pairs,
	    4) == -1)
		goto err;
	for (i = 0; i < p->n; i++) {
		const struct aplan_row *r = &p->items[i].row;

		f = idp_route(r->route);
		snprintf(prio, sizeof(prio), "%d", p->items[i].priority);
		snprintf(gap, sizeof(gap), "%d", r->max_gap);
		snprintf(people, sizeof(people), "%lld", (long long)r->people);
		snprintf(siasn, sizeof(siasn), "%d", f ? f->siasn : 0);
		snprintf(jp, sizeof(jp), "%lld", (long long)r->jp);
		snprintf(cost, sizeof(cost), "%lld", (long long)r->cost);
		cells[0] = year;
		cells[1] = prio;
		cells[2] = p->items[i].below ? "0" : "1";
		cells[3] = r->unit;
		cells[4] = r->ctype;
		cells[5] = r->competency;
		cells[6] = gap;
		cells[7] = r->positions;
		cells[8] = people;
		cells[9] = f ? f->name : r->route;
		cells[10] = aplan_route_jalur(r->route);
		cells[11] = f ? siasn : "";
		cells[12] = r->course[0] ? "Lentera (e-learning instansi)" :
		    r->activity;
		cells[13] = r->activity;
		cells[14] = r->first;
		cells[15] = r->last;
		cells[16] = jp;
		cells[17] = cost;
		if (export_row(e, cells) == -1)
			goto err;
	}
	return export_finish(e, err, errlen);
err:
	snprintf(err, errlen, "%s", export_error(e));
	export_abort(e);
	return -1;
}

/* ---- realisation ---- */

struct units {
	struct aplan_unit *u;
	int		 n, cap, oom;
};

static int
unit_row(void *arg, const char *unit, int64_t people, int64_t planners,
    int64_t planned, int64_t achieved)
{
	struct units	*s = arg;
	struct aplan_unit *n;

	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 32;
		if ((n = realloc(s->u, (size_t)s->cap * sizeof(*n))) == NULL) {
			s->oom = 1;
			return 1;
		}
		s->u = n;
	}
	n = &s->u[s->n++];
	memset(n, 0, sizeof(*n));
	snprintf(n->unit, sizeof(n->unit), "%s", unit);
	n->people = people;
	n->planners = planners;
	n->planned = planned;
	n->achieved = achieved;
	return 0;
}

int
aplan_units(struct store *st, int year, struct aplan_unit **out, int *n)
{
	struct units	 s;

	memset(&s, 0, sizeof(s));
	*out = NULL;
	*n = 0;
	if (store_aplan_units(st, year, unit_row, &s) == -1 || s.oom) {
		free(s.u);
		return -1;
	}
	*out = s.u;
	*n = s.n;
	return 0;
}

struct yearly {
	int	 year;
	int64_t	 jp;
};

/* A person's yearly JP for planning: the ledger's approved total of the
   year (ledger.h), in whole JP as plans count them. */
int
aplan_achieved(struct store *st, int64_t user, int year, int64_t *jp)
{
	struct ledger_person	 p;

	*jp = 0;
	if (ledger_person(st, user, year, &p) == -1)
		return -1;
	*jp = p.cjp / 100;
	return 0;
}

int
aplan_people(struct store *st, int year, const char *unit,
    int (*fn)(void *, const struct user *, int64_t, int64_t), void *arg)
{
	return store_aplan_people(st, year, unit ? unit : "", fn, arg);
}
