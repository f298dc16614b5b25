/*
 * hex: the one home of hexadecimal digit decoding (percent-encoding,
 * character references, JSON \u escapes). Pure functions; no allocation.
 * Encoding bytes as hex stays with libsodium (sodium_bin2hex).
 *
 * hex_digit returns the value 0..15 of the ASCII hex digit c (either
 * case), or -1 when c is not one.
 *
 * hex4 reads exactly four hex digits at p into *v and returns 0, or -1
 * (then *v is unspecified) when one of them is not a hex digit; it reads
 * no further than the first byte that is not (a NUL stops it).
 */
#ifndef LENTERA_HEX_H
#define LENTERA_HEX_H

/* Inline: the session cookie decodes 64 digits on every request. */
static inline int
hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int	hex4(const char *p, unsigned *v);

#endif
