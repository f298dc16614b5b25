/* ikm: SKM sums, NRR, IKM, grades, import, proposals. See ikm.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "ikm.h"
#include "store_plan.h"
#include "table.h"

static const char *const unsur[SKM_UNSUR] = {
	"Persyaratan", "Sistem, mekanisme dan prosedur",
	"Waktu penyelesaian", "Biaya/tarif",
	"Produk spesifikasi jenis pelayanan", "Kompetensi pelaksana",
	"Perilaku pelaksana", "Penanganan pengaduan, saran dan masukan",
	"Sarana dan prasarana",
};

const char *
ikm_unsur_name(int u)
{
	return u >= 1 && u <= SKM_UNSUR ? unsur[u - 1] : "";
}

void
ikm_compute(const int64_t total[SKM_UNSUR], const int64_t answers[SKM_UNSUR],
    struct ikm *k)
{
	long double	 sum = 0;
	int		 i, all = 1;

	memset(k, 0, sizeof(*k));
	for (i = 0; i < SKM_UNSUR; i++) {
		k->total[i] = total[i];
		k->answers[i] = answers[i];
		if (answers[i] > k->respondents)
			k->respondents = answers[i];
		if (answers[i] <= 0) {
			k->nrr[i] = -1;
			all = 0;
			continue;
		}
		k->nrr[i] = (double)total[i] / (double)answers[i];
		sum += (long double)total[i] / (long double)answers[i];
	}
	if (!all) {
		k->value = -1;
		return;
	}
	/* One pass, exact weight: 25 * sum / 9. */
	k->value = (double)(sum * 25.0L / 9.0L);
	k->grade = ikm_grade(k->value);
}

char
ikm_grade(double v)
{
	/* The bands are written to two decimals: grade what is shown. */
	double	 r = round(v * 100.0) / 100.0;

	if (r >= 88.31)
		return 'A';
	if (r >= 76.61)
		return 'B';
	if (r >= 65.00)
		return 'C';
	return 'D';
}

const char *
ikm_grade_label(char g)
{
	switch (g) {
	case 'A': return "Sangat Baik";
	case 'B': return "Baik";
	case 'C': return "Kurang Baik";
	case 'D': return "Tidak Baik";
	default: return "";
	}
}

int
ikm_low(const struct ikm *k, int u)
{
	return u >= 1 && u <= SKM_UNSUR && k->nrr[u - 1] >= 0 &&
	    k->nrr[u - 1] < IKM_LOW_NRR;
}

int
ikm_process_flag(const struct ikm *k, int u)
{
	return (u == 2 || u == 3 || u == 4) && ikm_low(k, u);
}

static int
period_ok(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n == 0 || n >= PLAN_PERIOD_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    s[i] == '-' || s[i] == '/' || s[i] == ' '))
			return 0;
	return 1;
}

enum { C_UNIT, C_PERIOD, C_U1, NC = C_U1 + SKM_UNSUR };
static const struct table_col cols[NC] = {
	{ "unit_layanan|unit|unit_kerja", 1 },
	{ "periode|period", 1 },
	{ "u1|unsur_1", 1 }, { "u2|unsur_2", 1 }, { "u3|unsur_3", 1 },
	{ "u4|unsur_4", 1 }, { "u5|unsur_5", 1 }, { "u6|unsur_6", 1 },
	{ "u7|unsur_7", 1 }, { "u8|unsur_8", 1 }, { "u9|unsur_9", 1 },
};

struct group {
	char	 unit[STORE_TEXT_MAX];
	char	 period[PLAN_PERIOD_MAX];
	int64_t	 total[SKM_UNSUR], answers[SKM_UNSUR];
};

/* The proposals a period's result makes. */
static int
propose(struct store *st, const struct group *g, int64_t now, int *made)
{
	static const struct { int u; const char *comp; } rules[] = {
		{ 6, "Pelayanan Publik" },
		{ 7, "Pelayanan Publik" },
		{ 7, "Perekat Bangsa" },
	};
	struct plan_proposal p;
	struct ikm	 k;
	size_t		 i;

	ikm_compute(g->total, g->answers, &k);
	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (!ikm_low(&k, rules[i].u))
			continue;
		memset(&p, 0, sizeof(p));
		snprintf(p.unit, sizeof(p.unit), "%s", g->unit);
		snprintf(p.period, sizeof(p.period), "%s", g->period);
		p.unsur = rules[i].u;
		p.nrr = k.nrr[rules[i].u - 1];
		competency_key(rules[i].comp, p.ckey, sizeof(p.ckey));
		snprintf(p.source, sizeof(p.source), "SKM %s", g->period);
		if (store_plan_proposal_add(st, &p, now) == -1)
			return -1;
		(*made)++;
	}
	return 0;
}

int
skm_import(struct store *st, const char *data, size_t n, int dry_run,
    int64_t actor, const char *ip, int64_t now, struct planio_report *rep)
{
	struct table	*t = NULL;
	struct group	*g = NULL;
	const char	**v;
	char		 detail[96];
	int		 ng = 0, rc, line, i, j, sc, ok, any, ret = -1, tx = 0;
	int		 made = 0;
	int		 score[SKM_UNSUR];

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((t = table_open(data, n, cols, NC)) == NULL)
		goto out;
	while ((rc = planio_next(t, rep, PLANIO_MAX_ROWS, &v, &line)) != -1) {
		if (rc == 0)
			continue;
		if (v[C_UNIT][0] == '\0' || strlen(v[C_UNIT]) >= STORE_TEXT_MAX) {
			planio_bad(rep, line, "unit_layanan kosong atau terlalu "
			    "panjang");
			continue;
		}
		if (!period_ok(v[C_PERIOD])) {
			planio_bad(rep, line, "periode \"%s\" tidak sah (mis. "
			    "2026-S1 atau 2026-03)", v[C_PERIOD]);
			continue;
		}
		ok = 1;
		any = 0;
		for (j = 0; j < SKM_UNSUR && ok; j++) {
			score[j] = 0;
			if (v[C_U1 + j][0] == '\0')
				continue;
			if (planio_int(v[C_U1 + j], 1, 4, &sc) == -1) {
				planio_bad(rep, line, "u%d \"%s\" harus nilai "
				    "1..4", j + 1, v[C_U1 + j]);
				ok = 0;
				break;
			}
			score[j] = sc;
			any = 1;
		}
		if (!ok)
			continue;
		if (!any) {
			planio_bad(rep, line, "tidak ada unsur yang dijawab");
			continue;
		}
		for (i = 0; i < ng; i++)
			if (strcmp(g[i].unit, v[C_UNIT]) == 0 &&
			    strcmp(g[i].period, v[C_PERIOD]) == 0)
				break;
		if (i == ng) {
			struct group *ngp;

			if (ng >= 10000) {
				planio_bad(rep, line, "lebih dari 10000 pasangan "
				    "unit dan periode");
				break;
			}
			if ((ngp = realloc(g, (ng + 1) * sizeof(*g))) == NULL)
				goto out;
			g = ngp;
			memset(&g[ng], 0, sizeof(g[ng]));
			snprintf(g[ng].unit, sizeof(g[ng].unit), "%s", v[C_UNIT]);
			snprintf(g[ng].period, sizeof(g[ng].period), "%s",
			    v[C_PERIOD]);
			ng++;
		}
		for (j = 0; j < SKM_UNSUR; j++)
			if (score[j]) {
				g[i].total[j] += score[j];
				g[i].answers[j]++;
			}
	}
	if (rep->nbad || dry_run) {
		ret = rep->nbad ? 1 : 0;
		goto out;
	}
	if (store_begin(st) == -1)
		goto out;
	tx = 1;
	for (i = 0; i < ng; i++) {
		if (store_plan_skm_clear(st, g[i].unit, g[i].period) == -1)
			goto out;
		for (j = 0; j < SKM_UNSUR; j++)
			if (g[i].answers[j] > 0 && store_plan_skm_put(st,
			    g[i].unit, g[i].period, j + 1, g[i].total[j],
			    g[i].answers[j], now) == -1)
				goto out;
		if (propose(st, &g[i], now, &made) == -1)
			goto out;
		rep->written++;
	}
	rep->extra = made;
	snprintf(detail, sizeof(detail), "groups=%d rows=%d proposals=%d", ng,
	    rep->rows, made);
	if (store_audit(st, actor, "plan.skm.import", detail, ip) == -1)
		goto out;
	tx = 0;
	ret = store_commit(st) == -1 ? -1 : 0;
out:
	if (tx)
		store_rollback(st);
	free(g);
	table_close(t);
	return ret;
}

int
ikm_unit(struct store *st, const char *unit, const char *period,
    struct ikm *k)
{
	int64_t	 total[SKM_UNSUR], answers[SKM_UNSUR];
	int	 rc;

	if ((rc = store_plan_skm_get(st, unit, period, total, answers)) != 0)
		return rc;
	ikm_compute(total, answers, k);
	return 0;
}
