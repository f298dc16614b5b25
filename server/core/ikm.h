/*
 * ikm: citizens' voice (Survei Kepuasan Masyarakat, PermenPANRB 14/2017).
 * Nine unsur in the regulation's order, each answered on a scale of 1..4.
 * NRR per unsur = sum of scores / number of answers; IKM = sum over the
 * nine unsur of NRR x 1/9, times 25, computed in one pass with the exact
 * weight 1/9 (not the regulation's rounded 0.111). Mutu pelayanan from
 * the IKM rounded to two decimals: A 88.31-100 (Sangat Baik), B
 * 76.61-88.30 (Baik), C 65.00-76.60 (Kurang Baik), D 25.00-64.99 (Tidak
 * Baik).
 *
 * A unit's low score (NRR below the B band, IKM_LOW_NRR) on unsur 6
 * (kompetensi pelaksana) or 7 (perilaku pelaksana) becomes a proposed
 * need (store_plan.h plan_proposal, source "SKM <period>") for the
 * unit's front-line (Pelaksana) positions: U6 -> Pelayanan Publik, U7 ->
 * Pelayanan Publik and Perekat Bangsa. HR accepts or rejects it; an
 * accepted one raises the priority of those gaps (gap.h). Low U2, U3 or
 * U4 are process causes (ikm_process_flag): shown, never trained.
 *
 * Import file (CSV or .xlsx), one row per respondent: unit_layanan,
 * periode (e.g. 2026-S1 or 2026-03: 1..32 chars of letters, digits, '-',
 * '/', ' '), u1..u9 (1..4; an empty cell: that unsur not answered). The
 * file replaces the sums of every (unit, period) it holds. planio.h
 * says what it returns; rep->extra counts the proposals made.
 */
#ifndef LENTERA_IKM_H
#define LENTERA_IKM_H

#include <stddef.h>
#include <stdint.h>

#include "planio.h"
#include "store.h"

#define SKM_UNSUR	9
#define IKM_LOW_NRR	3.0644		/* 76.61 / 25: below B */

struct ikm {
	int64_t	 total[SKM_UNSUR], answers[SKM_UNSUR];
	double	 nrr[SKM_UNSUR];	/* -1 when not answered */
	double	 value;			/* IKM 25..100; -1 when any unsur lacks answers */
	char	 grade;			/* 'A'..'D', 0 none */
	int64_t	 respondents;		/* most answers of one unsur */
};

/* Pure: NRR, IKM and grade from the sums. */
void		 ikm_compute(const int64_t total[SKM_UNSUR],
		    const int64_t answers[SKM_UNSUR], struct ikm *);
char		 ikm_grade(double ikm);
const char	*ikm_grade_label(char grade);	/* Sangat Baik .. Tidak Baik */
const char	*ikm_unsur_name(int unsur);	/* 1..9 */
/* 1 when unsur u (1..9) is low enough to act on. */
int		 ikm_low(const struct ikm *, int u);
/* 1 when u is a process unsur (2, 3, 4) and low: flag, do not train. */
int		 ikm_process_flag(const struct ikm *, int u);

int		 skm_import(struct store *, const char *data, size_t n,
		    int dry_run, int64_t actor, const char *ip, int64_t now,
		    struct planio_report *);
/* For the evaluation branch: the IKM of a unit in a period. 0 (out set),
   1 no SKM data for it, -1 error. */
int		 ikm_unit(struct store *, const char *unit, const char *period,
		    struct ikm *);

#endif
