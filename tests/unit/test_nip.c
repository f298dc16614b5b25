/* unit-layer: lib */
/* Unit tests for nip.c. */
#include <string.h>

#include "nip.h"
#include "t.h"

/* Checks nip against 2026-11-22; want "" for valid, else the reason. */
static int
on(const char *nip, const char *want)
{
	char	 why[128];
	int	 rc;

	memset(why, 'x', sizeof(why));
	rc = nip_valid_on(nip, 2026, 11, 22, why, sizeof(why));
	if (*want == '\0')
		return rc == 1 && why[0] == '\0';
	return rc == 0 && strstr(why, want) != NULL;
}

int
main(void)
{
	char	 small[8];

	T_OK(nip_format("198501012010011001"), "nip_format 18 digits");
	T_OK(!nip_format("19850101201001100"), "nip_format 17 digits");
	T_OK(!nip_format("1985010120100110012"), "nip_format 19 digits");
	T_OK(!nip_format("19850101201001100a"), "nip_format letter");
	T_OK(!nip_format("198501012010011 01"), "nip_format space");
	T_OK(!nip_format(""), "nip_format empty");
	T_OK(!nip_format(NULL), "nip_format NULL");

	T_OK(on("198501012010011001", ""), "nip valid male");
	T_OK(on("199002282015032999", ""), "nip valid female, seq 999");
	T_OK(on("200002292026111001", ""), "nip 29 Feb 2000 (leap), TMT now");
	T_OK(on("1985010120100110", "18 digit"), "nip short");
	T_OK(on("19850101-201001100", "18 digit"), "nip non-digit");
	T_OK(on("199002292015032001", "tanggal lahir tidak valid"),
	    "nip 29 Feb 1990 (not leap)");
	T_OK(on("190002292015032001", "tanggal lahir tidak valid"),
	    "nip 1900 is before 1940");
	T_OK(on("193912312015032001", "tanggal lahir tidak valid"),
	    "nip born 1939");
	T_OK(on("194001012015032001", ""), "nip born 1940 accepted");
	T_OK(on("198513012010011001", "tanggal lahir tidak valid"),
	    "nip birth month 13");
	T_OK(on("198504312010011001", "tanggal lahir tidak valid"),
	    "nip 31 April");
	T_OK(on("198501002010011001", "tanggal lahir tidak valid"),
	    "nip day 00");
	T_OK(on("202701012010011001", "tanggal lahir tidak valid"),
	    "nip birth year in the future");
	T_OK(on("202611232010011001", "masa depan"),
	    "nip birth date tomorrow");
	T_OK(on("198501012010131001", "bulan TMT CPNS tidak valid"),
	    "nip TMT month 13");
	T_OK(on("198501012010001001", "bulan TMT CPNS tidak valid"),
	    "nip TMT month 00");
	T_OK(on("198501012001011001", "17 tahun"), "nip TMT at age 16");
	T_OK(on("198512312002011001", ""), "nip TMT at birth year + 17");
	T_OK(on("198501012026121001", "masa depan"), "nip TMT next month");
	T_OK(on("198501012010013001", "jenis kelamin"), "nip gender 3");
	T_OK(on("198501012010010001", "jenis kelamin"), "nip gender 0");
	T_OK(on("198501012010011000", "nomor urut"), "nip sequence 000");
	T_OK(nip_valid("198501012010011001", NULL, 0) == 1,
	    "nip_valid today, NULL why");
	T_OK(nip_valid("999901012010011001", small, sizeof(small)) == 0 &&
	    strlen(small) == sizeof(small) - 1, "nip reason truncated safely");
	T_DONE();
}
