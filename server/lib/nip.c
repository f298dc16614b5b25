/* nip: ASN NIP format and plausibility checks. See nip.h. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "nip.h"
#include "wib.h"

int
nip_format(const char *nip)
{
	int	 i;

	if (nip == NULL)
		return 0;
	for (i = 0; i < NIP_LEN; i++)
		if (nip[i] < '0' || nip[i] > '9')
			return 0;
	return nip[NIP_LEN] == '\0';
}

/* Decimal value of n digits at s (already known to be digits). */
static int
num(const char *s, int n)
{
	int	 v = 0;

	while (n-- > 0)
		v = v * 10 + (*s++ - '0');
	return v;
}

static int
days_in_month(int y, int m)
{
	static const int days[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[m - 1];
}

static int
bad(char *why, size_t whylen, const char *reason)
{
	if (why != NULL && whylen > 0)
		snprintf(why, whylen, "%s", reason);
	return 0;
}

int
nip_valid_on(const char *nip, int y, int m, int d, char *why, size_t whylen)
{
	int	 by, bm, bd, ty, tm;

	if (!nip_format(nip))
		return bad(why, whylen, "NIP harus 18 digit");
	by = num(nip, 4);
	bm = num(nip + 4, 2);
	bd = num(nip + 6, 2);
	if (by < NIP_MIN_YEAR || by > y || bm < 1 || bm > 12 || bd < 1 ||
	    bd > days_in_month(by, bm))
		return bad(why, whylen, "tanggal lahir tidak valid");
	if (by * 10000 + bm * 100 + bd > y * 10000 + m * 100 + d)
		return bad(why, whylen,
		    "tanggal lahir tidak boleh di masa depan");
	ty = num(nip + 8, 4);
	tm = num(nip + 12, 2);
	if (tm < 1 || tm > 12)
		return bad(why, whylen, "bulan TMT CPNS tidak valid");
	if (ty < by + NIP_CPNS_MIN_AGE)
		return bad(why, whylen,
		    "TMT CPNS terlalu dekat dengan tahun lahir (min. 17 tahun)");
	if (ty * 100 + tm > y * 100 + m)
		return bad(why, whylen, "TMT CPNS tidak boleh di masa depan");
	if (nip[14] != '1' && nip[14] != '2')
		return bad(why, whylen, "kode jenis kelamin harus 1 atau 2");
	if (num(nip + 15, 3) == 0)
		return bad(why, whylen, "nomor urut harus 001 sampai 999");
	if (why != NULL && whylen > 0)
		why[0] = '\0';
	return 1;
}

int
nip_valid(const char *nip, char *why, size_t whylen)
{
	struct tm tmv;

	/* Today in WIB, the zone every date of Lentera is in (never the
	   machine's local zone). */
	wib_tm(clock_now(), &tmv);
	return nip_valid_on(nip, tmv.tm_year + 1900, tmv.tm_mon + 1,
	    tmv.tm_mday, why, whylen);
}
