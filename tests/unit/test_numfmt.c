/* unit-layer: lib */
/* numfmt: Indonesian and English number formatting for pages. */
#include <math.h>
#include <string.h>

#include "buf.h"
#include "numfmt.h"
#include "t.h"

#define ID	0
#define EN	1

static struct buf b;

static const char *
s(void)
{
	return b.p ? b.p : "";
}

#define EQ(call, want, name) do {					\
	buf_reset(&b);							\
	call;								\
	T_OK(strcmp(s(), (want)) == 0, name);				\
	if (strcmp(s(), (want)) != 0)					\
		printf("  got \"%s\", want \"%s\"\n", s(), (want));	\
} while (0)

int
main(void)
{
	char	 small[6];

	EQ(numfmt_dec(&b, ID, 50, 1), "50,0", "dec_one_place");
	EQ(numfmt_dec(&b, EN, 50, 1), "50.0", "dec_one_place_en");
	EQ(numfmt_dec(&b, ID, 1234567.25, 2), "1.234.567,25", "dec_thousands");
	EQ(numfmt_dec(&b, EN, 1234567.25, 2), "1,234,567.25", "dec_thousands_en");
	EQ(numfmt_dec(&b, ID, 999.96, 1), "1.000,0", "dec_rounds_into_group");
	EQ(numfmt_dec(&b, ID, 0.125, 2), "0,13", "dec_half_away_from_zero");
	EQ(numfmt_dec(&b, ID, 2.675, 2), "2,68", "dec_decimal_tie_up");
	EQ(numfmt_dec(&b, ID, -1234.5, 0), "-1.235", "dec_negative");
	EQ(numfmt_dec(&b, ID, -0.04, 1), "0,0", "dec_no_minus_zero");
	EQ(numfmt_dec(&b, ID, 100, 0), "100", "dec_three_digits_no_dot");
	EQ(numfmt_dec(&b, ID, 1000, 0), "1.000", "dec_four_digits_dot");
	EQ(numfmt_dec(&b, ID, 5, 9), "5,000000", "dec_decimals_clamped");
	EQ(numfmt_dec(&b, ID, NAN, 1), "–", "dec_nan");
	EQ(numfmt_dec(&b, ID, INFINITY, 1), "–", "dec_inf");
	EQ(numfmt_num(&b, ID, 0.5), "0,5", "num_trims");
	EQ(numfmt_num(&b, ID, 2), "2", "num_whole");
	EQ(numfmt_num(&b, ID, 32.5), "32,5", "num_generated_answer");
	EQ(numfmt_num(&b, ID, 1.0 / 3), "0,333333", "num_six_places");
	EQ(numfmt_num(&b, EN, 1250000.5), "1,250,000.5", "num_en");
	EQ(numfmt_pct(&b, ID, 18.25, 1), "18,3 %", "pct_space");
	EQ(numfmt_pct(&b, ID, 18.2, 1), "18,2 %", "pct_issue_example");
	EQ(numfmt_pct(&b, EN, 18.2, 1), "18.2%", "pct_en");
	EQ(numfmt_pct(&b, ID, 100, 0), "100 %", "pct_whole");
	EQ(numfmt_rp(&b, ID, 4000000), "Rp 4.000.000", "rp");
	EQ(numfmt_rp(&b, ID, 1250000.6), "Rp 1.250.001", "rp_whole_rupiah");
	EQ(numfmt_rp(&b, ID, -5000), "-Rp 5.000", "rp_negative");
	EQ(numfmt_rp(&b, EN, 4000000), "Rp 4,000,000", "rp_en");
	EQ(numfmt_int(&b, ID, 20000), "20.000", "int");
	EQ(numfmt_int(&b, ID, 7), "7", "int_small");
	EQ(numfmt_int(&b, 5, 1234), "1.234", "unknown_lang_is_indonesian");
	T_OK(numfmt_str(small, sizeof(small), ID, 50, 1) == 4 &&
	    strcmp(small, "50,0") == 0, "str_fits");
	T_OK(numfmt_str(small, sizeof(small), ID, 123456, 0) == -1 &&
	    small[0] == '\0', "str_too_small");
	T_OK(numfmt_str(small, 0, ID, 1, 0) == -1, "str_zero_len");
	buf_free(&b);
	T_DONE();
}
