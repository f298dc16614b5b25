/* skp: SKP predikat, talent box, import. See skp.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "config.h"
#include "nip.h"
#include "skp.h"
#include "store_plan.h"
#include "table.h"

static const char *const labels[SKP_PREDIKAT_N + 1] = {
	"", "Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang",
	"Sangat Kurang",
};

int
skp_predikat_parse(const char *s)
{
	char	 k[64];
	int	 i;

	if (s && s[0] >= '1' && s[0] <= '5' && s[1] == '\0')
		return s[0] - '0';
	if (competency_key(s, k, sizeof(k)) == -1)
		return -1;
	for (i = 0; k[i]; i++)
		if (k[i] == '_' || k[i] == '-')
			k[i] = ' ';
	for (i = 1; i <= SKP_PREDIKAT_N; i++) {
		char	 l[32];

		competency_key(labels[i], l, sizeof(l));
		if (strcmp(k, l) == 0)
			return i;
	}
	return -1;
}

const char *
skp_predikat_label(int p)
{
	return p >= 1 && p <= SKP_PREDIKAT_N ? labels[p] : "";
}

int
skp_priority_bonus(int p)
{
	/* Butuh Perbaikan, Kurang, Sangat Kurang: performance gap first. */
	static const int bonus[SKP_PREDIKAT_N + 1] = { 0, 0, 0, 2, 4, 6 };

	return p >= 1 && p <= SKP_PREDIKAT_N ? bonus[p] : 0;
}

int
skp_kinerja(int p)
{
	return p == 1 ? 3 : p == 2 ? 2 : 1;
}

int
skp_box(int kinerja, int potensi)
{
	int	 i;

	if (kinerja < 1 || kinerja > 3 || potensi < 1 || potensi > 3)
		return 0;
	i = (potensi - 1) * 3 + (kinerja - 1);
	return cfg.talent_box[i] ? cfg.talent_box[i] : i + 1;
}

int
skp_boxes_parse(const char *spec, int *boxes, char *why, size_t whylen)
{
	int	 seen = 0, i, v, n;
	const char *p = spec;

	for (i = 0; i < 9; i++) {
		if (sscanf(p, "%d%n", &v, &n) != 1 || v < 1 || v > 9 ||
		    (seen & (1 << v))) {
			snprintf(why, whylen, "expected the nine box numbers "
			    "1..9, each once, comma-separated");
			return -1;
		}
		seen |= 1 << v;
		boxes[i] = v;
		p += n;
		if (i < 8 && *p++ != ',') {
			snprintf(why, whylen, "expected nine comma-separated "
			    "numbers");
			return -1;
		}
	}
	if (*p != '\0') {
		snprintf(why, whylen, "text after the ninth number");
		return -1;
	}
	return 0;
}

static int
potensi_parse(const char *s)
{
	char	 k[32];

	if (s[0] >= '1' && s[0] <= '3' && s[1] == '\0')
		return s[0] - '0';
	if (competency_key(s, k, sizeof(k)) == -1)
		return -1;
	if (strcmp(k, "rendah") == 0)
		return 1;
	if (strcmp(k, "menengah") == 0 || strcmp(k, "sedang") == 0)
		return 2;
	if (strcmp(k, "tinggi") == 0)
		return 3;
	return -1;
}

enum { C_NIP, C_TAHUN, C_PRED, C_POT, C_BOX, NC };
static const struct table_col cols[NC] = {
	{ "nip", 1 },
	{ "tahun|year", 1 },
	{ "predikat|predikat_kinerja", 1 },
	{ "potensi", 0 },
	{ "kotak_talenta|kotak|box", 0 },
};

struct seen {
	int64_t	 user;
	int	 year, line;
};

static int
seen_cmp(const void *a, const void *b)
{
	const struct seen *x = a, *y = b;

	if (x->user != y->user)
		return x->user < y->user ? -1 : 1;
	if (x->year != y->year)
		return x->year - y->year;
	return x->line - y->line;
}

int
skp_import(struct store *st, const char *data, size_t n, int dry_run,
    int64_t actor, const char *ip, int64_t now, struct planio_report *rep)
{
	struct table	*t = NULL;
	struct seen	*seen = NULL;
	struct user	 u;
	const char	**v;
	char		 detail[64];
	int		 rc, line, year, pred, pot, box, i, nseen = 0;
	int		 ret = -1, tx = 0;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((t = table_open(data, n, cols, NC)) == NULL)
		goto out;
	if (store_begin(st) == -1)
		goto out;
	tx = 1;
	while ((rc = planio_next(t, rep, PLANIO_MAX_ROWS, &v, &line)) != -1) {
		if (rc == 0)
			continue;
		if (!nip_format(v[C_NIP])) {
			planio_bad(rep, line, "NIP \"%s\" harus 18 angka",
			    v[C_NIP]);
			continue;
		}
		if ((rc = store_user_by_nip(st, v[C_NIP], &u, NULL, 0)) == -1)
			goto out;
		if (rc == 1) {
			planio_bad(rep, line, "NIP %s tidak terdaftar",
			    v[C_NIP]);
			continue;
		}
		if (planio_int(v[C_TAHUN], 2000, 2200, &year) == -1) {
			planio_bad(rep, line, "tahun \"%s\" tidak sah",
			    v[C_TAHUN]);
			continue;
		}
		if ((pred = skp_predikat_parse(v[C_PRED])) == -1) {
			planio_bad(rep, line, "predikat \"%s\" tidak dikenal "
			    "(Sangat Baik, Baik, Butuh Perbaikan, Kurang, Sangat "
			    "Kurang)", v[C_PRED]);
			continue;
		}
		pot = 0;
		if (v[C_POT][0] && (pot = potensi_parse(v[C_POT])) == -1) {
			planio_bad(rep, line, "potensi \"%s\" harus rendah, "
			    "menengah atau tinggi (1..3)", v[C_POT]);
			continue;
		}
		box = 0;
		if (v[C_BOX][0] && planio_int(v[C_BOX], 1, 9, &box) == -1) {
			planio_bad(rep, line, "kotak_talenta \"%s\" harus 1..9",
			    v[C_BOX]);
			continue;
		}
		if (box == 0 && pot > 0)
			box = skp_box(skp_kinerja(pred), pot);
		if (nseen % 1024 == 0) {
			struct seen *ns = realloc(seen, (nseen + 1024) *
			    sizeof(*seen));
			if (ns == NULL)
				goto out;
			seen = ns;
		}
		seen[nseen++] = (struct seen){ u.id, year, line };
		if (store_plan_skp_put(st, u.id, year, pred, box, now) == -1)
			goto out;
		rep->written++;
	}
	/* A (nip, tahun) twice: sorted, then neighbours compared. */
	if (nseen > 1)
		qsort(seen, nseen, sizeof(*seen), seen_cmp);
	for (i = 1; i < nseen; i++)
		if (seen[i].user == seen[i - 1].user &&
		    seen[i].year == seen[i - 1].year)
			planio_bad(rep, seen[i].line, "NIP dan tahun %d sudah "
			    "ada di baris %d", seen[i].year, seen[i - 1].line);
	if (rep->nbad || dry_run) {
		store_rollback(st);
		tx = 0;
		rep->written = 0;
		ret = rep->nbad ? 1 : 0;
		goto out;
	}
	snprintf(detail, sizeof(detail), "results=%d", rep->written);
	if (store_audit(st, actor, "plan.skp.import", detail, ip) == -1)
		goto out;
	tx = 0;
	ret = store_commit(st) == -1 ? -1 : 0;
out:
	if (tx)
		store_rollback(st);
	free(seen);
	table_close(t);
	return ret;
}

int
skp_distribution(struct store *st, const int64_t *users, int n, int year,
    int counts[SKP_PREDIKAT_N + 1])
{
	int	 i, rc, pred;

	memset(counts, 0, (SKP_PREDIKAT_N + 1) * sizeof(*counts));
	for (i = 0; i < n; i++) {
		if ((rc = store_plan_skp_get(st, users[i], year, &pred,
		    NULL)) == -1)
			return -1;
		counts[rc == 0 && pred >= 1 && pred <= SKP_PREDIKAT_N ?
		    pred : 0]++;
	}
	return 0;
}
