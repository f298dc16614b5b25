/* unit-layer: lib */
/* Unit tests for wib.c, hex.c and utf8.c's encoders: the shared helpers. */
#include <string.h>

#include "buf.h"
#include "hex.h"
#include "t.h"
#include "utf8.h"
#include "wib.h"

int
main(void)
{
	char		 s[64];
	unsigned	 v;
	struct buf	 b = { 0 };
	const int64_t	 dec1 = 1796083200 - 7 * 3600;	/* 2026-12-01 00:00 WIB */

	wib_ymd(dec1, s);
	T_OK(strcmp(s, "2026-12-01") == 0, "wib.ymd_midnight");
	wib_ymd(dec1 - 1, s);
	T_OK(strcmp(s, "2026-11-30") == 0, "wib.ymd_second_before");
	wib_date(dec1, 0, s, sizeof(s));
	T_OK(strcmp(s, "1 Desember 2026") == 0, "wib.date_id");
	wib_date(dec1 - 1, 1, s, sizeof(s));
	T_OK(strcmp(s, "30 November 2026") == 0, "wib.date_en");
	wib_date(dec1 + 40 * 86400, 1, s, sizeof(s));	/* 2027-01-10 */
	T_OK(strcmp(s, "10 January 2027") == 0, "wib.date_en_january");
	T_OK(wib_year(1798761600 - 7 * 3600) == 2027 &&
	    wib_year(1798761600 - 7 * 3600 - 1) == 2026, "wib.year_turns_at_wib");
	T_OK(wib_midnight(2026, 12, 1) == dec1, "wib.midnight");
	T_OK(wib_midnight(2026, 2, 30) == -1 && wib_midnight(2026, 13, 1) == -1,
	    "wib.midnight_no_such_day");
	T_OK(wib_midnight(2028, 2, 29) != -1, "wib.midnight_leap_day");

	T_OK(hex_digit('0') == 0 && hex_digit('9') == 9 && hex_digit('a') == 10 &&
	    hex_digit('F') == 15 && hex_digit('g') == -1 && hex_digit('\0') == -1,
	    "hex.digit");
	T_OK(hex4("00e9", &v) == 0 && v == 0xe9 && hex4("D83D", &v) == 0 &&
	    v == 0xd83d, "hex.four");
	T_OK(hex4("12x4", &v) == -1 && hex4("12", &v) == -1, "hex.four_bad");

	T_OK(utf8_encode(s, 0xe9) == 2 && memcmp(s, "\xc3\xa9", 2) == 0 &&
	    utf8_encode(s, 0x20ac) == 3 && memcmp(s, "\xe2\x82\xac", 3) == 0 &&
	    utf8_encode(s, 0x1f600) == 4 &&
	    memcmp(s, "\xf0\x9f\x98\x80", 4) == 0, "utf8.encode");
	utf8_put(&b, 'A');
	utf8_put(&b, 0);
	utf8_put(&b, 0xd800);
	utf8_put(&b, 0x110000);
	T_OK(b.n == 10 && memcmp(b.p, "A\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd",
	    10) == 0, "utf8.put_replaces_non_scalars");
	T_OK(utf8_seq((const unsigned char *)"\xc3\xa9", 2) == 2 &&
	    utf8_seq((const unsigned char *)"\xc3", 1) == 0 &&
	    utf8_seq((const unsigned char *)"", 0) == 0, "utf8.seq");
	buf_free(&b);
	T_DONE();
}
