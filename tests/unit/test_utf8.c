/* unit-layer: lib */
/* Unit tests for utf8.c: the one UTF-8 validity check. */
#include <string.h>

#include "t.h"
#include "utf8.h"

#define V(s, nul) utf8_prefix((s), sizeof(s) - 1, (nul))

int
main(void)
{
	T_OK(V("", 0) == 0, "utf8 empty");
	T_OK(V("Pelayanan publik", 0) == 16, "utf8 ASCII");
	T_OK(V("Caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", 0) == 14,
	    "utf8 two, three and four bytes");
	T_OK(V("ab\xe9", 0) == 2, "utf8 Windows-1252 byte stops the prefix");
	T_OK(V("\xc0\xaf", 0) == 0, "utf8 overlong two-byte refused");
	T_OK(V("\xe0\x80\xaf", 0) == 0, "utf8 overlong three-byte refused");
	T_OK(V("\xf0\x80\x80\xaf", 0) == 0, "utf8 overlong four-byte refused");
	T_OK(V("\xed\xa0\x80", 0) == 0, "utf8 surrogate refused");
	T_OK(V("\xf4\x90\x80\x80", 0) == 0, "utf8 above U+10FFFF refused");
	T_OK(V("ok\xe2\x82", 0) == 2, "utf8 truncated sequence");
	T_OK(V("a\xc3(", 0) == 1, "utf8 bad continuation");
	T_OK(V("a\0b", 0) == 1 && V("a\0b", 1) == 3, "utf8 NUL as asked");
	/* "aé€" = a, c3 a9, e2 82 ac: cuts never split a character. */
	T_OK(utf8_cut("a\xc3\xa9\xe2\x82\xac", 2) == 1 &&
	    utf8_cut("a\xc3\xa9\xe2\x82\xac", 3) == 3 &&
	    utf8_cut("a\xc3\xa9\xe2\x82\xac", 5) == 3 &&
	    utf8_cut("a\xc3\xa9\xe2\x82\xac", 6) == 6 &&
	    utf8_cut("\x82\x82", 1) == 0, "utf8_cut at character boundaries");
	T_DONE();
}
