/*
 * skp: performance input to the needs analysis (PP 11/2017 art. 205:
 * the performance-gap analysis). SKP results per ASN and year with the
 * predikat of PermenPANRB 6/2022 (numbered as SIASN's kuadranNilai:
 * 1 Sangat Baik, 2 Baik, 3 Butuh Perbaikan, 4 Kurang, 5 Sangat Kurang)
 * and, where the agency has one, the talent box of PermenPANRB 3/2020
 * (kinerja x potensi, 9 boxes; numbering configurable with
 * `serve --talent-boxes`, default row by row from low/low = 1 to
 * high/high = 9: box = (potensi - 1) * 3 + kinerja).
 *
 * A low predikat raises the priority of that person's gaps
 * (skp_priority_bonus; gap.h).
 *
 * Import file (CSV or .xlsx): nip, tahun, predikat (the words, any case,
 * or 1..5), optional potensi (rendah/menengah/tinggi or 1..3) and
 * kotak_talenta (1..9, taken as is when given; else from kinerja and
 * potensi when potensi is given). One row per (nip, tahun); a second row
 * for the same pair is a bad row. planio.h says what it returns.
 */
#ifndef LENTERA_SKP_H
#define LENTERA_SKP_H

#include <stddef.h>
#include <stdint.h>

#include "planio.h"
#include "store.h"

#define SKP_PREDIKAT_N	5

int		 skp_predikat_parse(const char *);	/* 1..5, -1 */
const char	*skp_predikat_label(int);		/* "" out of range */
int		 skp_priority_bonus(int predikat);	/* 0 none/good */
/* Rating hasil kerja from the predikat: 3 di atas, 2 sesuai, 1 di bawah. */
int		 skp_kinerja(int predikat);
int		 skp_box(int kinerja, int potensi);	/* 1..9, 0 bad */
/* "1,2,3,4,5,6,7,8,9": box of (kinerja 1..3) for potensi 1, then 2, 3. */
int		 skp_boxes_parse(const char *spec, int *boxes, char *why,
		    size_t whylen);
int		 skp_import(struct store *, const char *data, size_t n,
		    int dry_run, int64_t actor, const char *ip, int64_t now,
		    struct planio_report *);
/*
 * For the evaluation branch: the predikat distribution of a set of users
 * in a year. counts[0] people without an SKP that year, counts[p] those
 * with predikat p (1..5). 0 ok, -1 error.
 */
int		 skp_distribution(struct store *, const int64_t *users, int n,
		    int year, int counts[SKP_PREDIKAT_N + 1]);

#endif
