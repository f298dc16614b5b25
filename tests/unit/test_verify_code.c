/* unit-layer: core */
/* Unit tests for verification codes and NIP masking (cert.c) and the
   per-address token buckets (rate.c). */
#include <stdio.h>
#include <string.h>

#include "cert.h"
#include "rate.h"
#include "t.h"

static void
test_codes(void)
{
	char	 a[CERT_CODE_LEN], b[CERT_CODE_LEN], n[CERT_CODE_LEN];
	char	 p[CERT_CODE_PRINT_LEN], typed[80];
	int	 i, ok = 1, seen[32] = { 0 }, all = 1;
	const char *abc = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	cert_code_new(a);
	cert_code_new(b);
	T_OK(strlen(a) == CERT_CODE_CHARS && strspn(a, abc) == CERT_CODE_CHARS,
	    "code: 16 Crockford base32 symbols");
	T_OK(strcmp(a, b) != 0, "code: two codes differ");
	/* Every symbol turns up: the 32-letter alphabet is used evenly
	   enough that 2000 codes hit all of it. */
	for (i = 0; i < 2000; i++) {
		size_t	 j;

		cert_code_new(b);
		for (j = 0; j < CERT_CODE_CHARS; j++)
			seen[strchr(abc, b[j]) - abc]++;
	}
	for (i = 0; i < 32; i++)
		all &= seen[i] > 500;
	T_OK(all, "code: all 32 symbols used");
	cert_code_print(a, p);
	T_OK(strlen(p) == 19 && p[4] == '-' && p[9] == '-' && p[14] == '-',
	    "code: printed in groups of four");
	T_OK(cert_code_norm(p, n) == 0 && strcmp(n, a) == 0,
	    "code: printed form reads back");
	for (i = 0; p[i]; i++)
		typed[i] = (char)(p[i] >= 'A' && p[i] <= 'Z' ? p[i] + 32 : p[i]);
	typed[i] = '\0';
	T_OK(cert_code_norm(typed, n) == 0 && strcmp(n, a) == 0,
	    "code: lower case accepted");
	T_OK(cert_code_norm(" 0123 4567-89ab cdef ", n) == 0 &&
	    strcmp(n, "0123456789ABCDEF") == 0, "code: spaces and dashes ignored");
	T_OK(cert_code_norm("O1IL-oOiL-0000-0000", n) == 0 &&
	    strcmp(n, "0111001100000000") == 0, "code: O as 0, I and L as 1");
	ok &= cert_code_norm("0123456789ABCDE", n) == -1 && n[0] == '\0';
	ok &= cert_code_norm("0123456789ABCDEFG", n) == -1;
	ok &= cert_code_norm("0123456789ABCDEU", n) == -1;
	ok &= cert_code_norm("0123456789ABCDE!", n) == -1;
	ok &= cert_code_norm("0123456789ABCDE\xc3", n) == -1;
	ok &= cert_code_norm("", n) == -1 && cert_code_norm(NULL, n) == -1;
	memset(typed, '-', sizeof(typed) - 1);
	typed[sizeof(typed) - 1] = '\0';
	memcpy(typed, "0123456789ABCDEF", 16);
	ok &= cert_code_norm(typed, n) == -1;	/* longer than the input limit */
	T_OK(ok, "code: wrong lengths, U, punctuation, bytes refused");
	T_OK(cert_code_equal(a, a) && !cert_code_equal(a, "0000000000000000") &&
	    !cert_code_equal(a, "") && !cert_code_equal(NULL, a),
	    "code: equality");
}

static void
test_mask(void)
{
	char	 m[CERT_NIP_MASK_LEN];

	cert_nip_mask("199001012015011001", m);
	T_OK(strcmp(m, "1990**********1001") == 0, "mask: first 4, last 4");
	cert_nip_mask("19900101201501100", m);
	T_OK(strcmp(m, "******************") == 0, "mask: 17 digits all hidden");
	cert_nip_mask("19900101201501100x", m);
	T_OK(strcmp(m, "******************") == 0, "mask: non-digit all hidden");
	cert_nip_mask(NULL, m);
	T_OK(strcmp(m, "******************") == 0, "mask: NULL");
}

static void
test_rate(void)
{
	static const struct rate_limit l = { "t", 5, 3 };
	int	 i, ok = 1, w;

	for (i = 0; i < 5; i++)
		ok &= rate_take(&l, "192.0.2.1", 1000) == 0;
	T_OK(ok, "rate: burst allowed");
	w = rate_take(&l, "192.0.2.1", 1000);
	T_OK(w >= 1 && w <= 3, "rate: over the burst waits");
	T_OK(rate_take(&l, "192.0.2.2", 1000) == 0, "rate: other key unaffected");
	T_OK(rate_take(&l, "192.0.2.1", 1002) > 0, "rate: no token before per_s");
	T_OK(rate_take(&l, "192.0.2.1", 1003) == 0 &&
	    rate_take(&l, "192.0.2.1", 1003) > 0, "rate: one token per per_s");
	T_OK(rate_take(&l, "192.0.2.1", 1100) == 0, "rate: refilled later");
	/* A thousand other addresses at the same moment (an eighth of the
	   table) do not push out an address that is still limited. */
	for (i = 0; i < 5; i++)
		rate_take(&l, "198.51.100.7", 2000);
	for (i = 0; i < 1000; i++) {
		char	 k[32];

		snprintf(k, sizeof(k), "10.%d.%d.%d", i >> 16, (i >> 8) & 255,
		    i & 255);
		rate_take(&l, k, 2000);
	}
	T_OK(rate_take(&l, "198.51.100.7", 2000) > 0,
	    "rate: other addresses do not free a limited one");
}

int
main(void)
{
	test_codes();
	test_mask();
	test_rate();
	T_DONE();
}
