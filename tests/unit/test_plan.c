/* Unit tests for planning part A: IKM worked examples and grade bands,
   competency keys and the dictionary file, SKP predikat, position
   classes. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "compdict.h"
#include "competency.h"
#include "ikm.h"
#include "skp.h"
#include "standard.h"
#include "t.h"

static int
near(double a, double b)
{
	return fabs(a - b) < 1e-9;
}

static void
ikm_of(const int64_t tot[9], int64_t n, struct ikm *k)
{
	int64_t	 ans[9];
	int	 i;

	for (i = 0; i < 9; i++)
		ans[i] = n;
	ikm_compute(tot, ans, k);
}

static void
test_ikm(void)
{
	struct ikm	 k;
	int64_t		 all4[9] = { 40, 40, 40, 40, 40, 40, 40, 40, 40 };
	int64_t		 all3[9] = { 30, 30, 30, 30, 30, 30, 30, 30, 30 };
	/* 10 respondents: NRR 3.5 3.2 3.0 4.0 3.3 2.8 2.9 3.1 3.4, sum
	   29.2: IKM = 29.2 * 25 / 9 = 81.111..., B. With the rounded
	   weight 0.111 it would be 81.03. */
	int64_t		 ex[9] = { 35, 32, 30, 40, 33, 28, 29, 31, 34 };
	/* NRR sum 31.8: exact 88.333... (A); the rounded weight gives
	   88.245 (B): the exact 1/9 decides the grade. */
	int64_t		 edge[9] = { 36, 36, 35, 35, 35, 35, 35, 35, 36 };
	int64_t		 ans[9] = { 10, 10, 10, 10, 10, 10, 10, 10, 0 };

	ikm_of(all4, 10, &k);
	T_OK(near(k.value, 100.0) && k.grade == 'A', "ikm all 4 = 100, A");
	ikm_of(all3, 10, &k);
	T_OK(near(k.value, 75.0) && k.grade == 'C', "ikm all 3 = 75, C");
	ikm_of(ex, 10, &k);
	T_OK(near(k.nrr[0], 3.5) && near(k.nrr[5], 2.8),
	    "ikm NRR = sum / answers");
	T_OK(near(k.value, 29.2 * 25.0 / 9.0) && k.grade == 'B',
	    "ikm worked example 81.11, B");
	T_OK(fabs(k.value - 81.1111111) < 1e-6, "ikm worked example digits");
	T_OK(ikm_low(&k, 6) && ikm_low(&k, 7) && !ikm_low(&k, 1),
	    "ikm low U6 (2.8) and U7 (2.9), not U1 (3.5)");
	T_OK(ikm_process_flag(&k, 3) && !ikm_process_flag(&k, 6),
	    "ikm U3 3.0 is a process flag, U6 is not");
	ikm_of(edge, 10, &k);
	T_OK(fabs(k.value - 88.3333333) < 1e-6 && k.grade == 'A',
	    "ikm exact weight: 88.33 is A (0.111 would give B)");
	ikm_compute(ex, ans, &k);
	T_OK(k.value < 0 && k.grade == 0 && k.nrr[8] < 0,
	    "ikm undefined when an unsur has no answers");
	/* Unequal answers per unsur: NRR each over its own answers. */
	{
		int64_t t2[9] = { 7, 8, 8, 8, 8, 8, 8, 8, 8 };
		int64_t a2[9] = { 2, 2, 2, 2, 2, 2, 2, 2, 2 };

		ikm_compute(t2, a2, &k);
		T_OK(near(k.value, (3.5 + 8 * 4.0) * 25.0 / 9.0),
		    "ikm per-unsur NRR");
	}
	T_OK(ikm_grade(88.31) == 'A' && ikm_grade(88.3049) == 'B',
	    "ikm band A from 88.31");
	T_OK(ikm_grade(76.61) == 'B' && ikm_grade(76.6049) == 'C',
	    "ikm band B from 76.61");
	T_OK(ikm_grade(65.0) == 'C' && ikm_grade(64.99) == 'D',
	    "ikm band C from 65.00");
	T_OK(strcmp(ikm_grade_label('C'), "Kurang Baik") == 0,
	    "ikm label C");
	T_OK(strcmp(ikm_unsur_name(6), "Kompetensi pelaksana") == 0 &&
	    strcmp(ikm_unsur_name(9), "Sarana dan prasarana") == 0,
	    "ikm unsur order of the regulation");
}

static void
test_dict(void)
{
	struct compdict	*d = compdict_new();
	struct buf	 err = { 0 };
	char		 k[COMPETENCY_KEY_MAX], why[256];
	const char	 csv[] = "Nama;Jenis;Level_1\n"
	    "Analisis Kebijakan;teknis;Memahami\n"
	    "Kerja sama;teknis;x\n"
	    "analisis  KEBIJAKAN;;\n"
	    "Audit;manajerial;\n"
	    ";teknis;\n"
	    "Pengadaan Barang;;\n";

	T_OK(competency_key("  Kerja   Sama ", k, sizeof(k)) == 0 &&
	    strcmp(k, "kerja sama") == 0, "competency_key folds case, spaces");
	T_OK(competency_key("   ", k, sizeof(k)) == -1, "competency_key empty");
	T_OK(competency_builtin_find("PEREKAT BANGSA") != NULL &&
	    competency_builtin_find("Perekat Bangsa")->type ==
	    CTYPE_SOSIAL_KULTURAL, "built-in Perekat Bangsa is sosial kultural");
	T_OK(competency_builtin(8) != NULL && competency_builtin(9) == NULL,
	    "nine built-in competencies");
	T_OK(d != NULL && compdict_count(d) == 9, "compdict holds the built-ins");
	T_OK(compdict_load(d, csv, sizeof(csv) - 1, "k.csv", &err) == 4,
	    "compdict four bad rows");
	T_OK(err.p && strstr(err.p, "k.csv:3: \"Kerja sama\" adalah") &&
	    strstr(err.p, "k.csv:4: \"analisis  KEBIJAKAN\" sudah ada di "
	    "baris 2") && strstr(err.p, "k.csv:5: kompetensi manajerial") &&
	    strstr(err.p, "k.csv:6: nama kompetensi kosong"),
	    "compdict FILE:LINE problems");
	T_OK(compdict_teknis(d) == 2 && compdict_find(d, "pengadaan barang"),
	    "compdict good rows kept");
	T_OK(compdict_check(d, "Analisis Kebijakan", "teknis", 0, why,
	    sizeof(why)) == NULL, "check teknis known");
	T_OK(compdict_check(d, "Integritas", "teknis", 0, why, sizeof(why)) &&
	    strstr(why, "is manajerial"), "check type mismatch");
	T_OK(compdict_check(d, "Etika", "manajerial", 0, why, sizeof(why)) &&
	    strstr(why, "PermenPANRB 38/2017"), "check unknown manajerial");
	buf_free(&err);
	compdict_free(d);
	d = compdict_new();
	T_OK(compdict_check(d, "Apa Saja", "teknis", 0, why, sizeof(why)) == NULL,
	    "check: no agency dictionary, teknis not checked");
	T_OK(compdict_check(d, "Apa Saja", "teknis", 1, why, sizeof(why)) != NULL,
	    "strict: teknis checked even without an agency dictionary");
	compdict_free(d);
}

static void
test_skp_class(void)
{
	int	 lv[PCLASS_N] = { 0 }, boxes[9];
	char	 why[128];

	T_OK(skp_predikat_parse("SANGAT BAIK") == 1 &&
	    skp_predikat_parse("butuh perbaikan") == 3 &&
	    skp_predikat_parse("Sangat_Kurang") == 5 &&
	    skp_predikat_parse("4") == 4 && skp_predikat_parse("Cukup") == -1,
	    "skp predikat parse");
	T_OK(skp_priority_bonus(5) > skp_priority_bonus(3) &&
	    skp_priority_bonus(1) == 0 && skp_priority_bonus(2) == 0,
	    "skp low predikat raises priority");
	T_OK(skp_box(1, 1) == 1 && skp_box(3, 3) == 9 && skp_box(3, 1) == 3 &&
	    skp_box(0, 1) == 0, "talent box default numbering");
	T_OK(skp_boxes_parse("1,2,3,4,5,6,7,8,9", boxes, why, sizeof(why)) == 0,
	    "talent boxes parse");
	T_OK(skp_boxes_parse("1,2,3,4,5,6,7,8,8", boxes, why, sizeof(why)) == -1,
	    "talent boxes repeated number refused");
	T_OK(standard_class_parse("JPT Pratama") == PCLASS_JPT_PRATAMA &&
	    standard_class_parse("jpt_madya") == PCLASS_JPT_MADYA &&
	    standard_class_parse("eselon") == -1, "position class parse");
	T_OK(standard_default_level(PCLASS_JPT_PRATAMA) == 4 &&
	    standard_default_level(PCLASS_ADMINISTRATOR) == 3 &&
	    standard_default_level(PCLASS_PENGAWAS) == 2 &&
	    standard_default_level(PCLASS_PELAKSANA) == 1,
	    "default levels by class");
	T_OK(standard_defaults_parse("pengawas=3,jpt-pratama=5", lv, why,
	    sizeof(why)) == 0 && lv[PCLASS_PENGAWAS] == 3 &&
	    lv[PCLASS_JPT_PRATAMA] == 5, "defaults spec parse");
	T_OK(standard_defaults_parse("pengawas=6", lv, why, sizeof(why)) == -1,
	    "defaults spec level out of range");
}

int
main(void)
{
	test_ikm();
	test_dict();
	test_skp_class();
	T_DONE();
}
