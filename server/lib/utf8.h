/*
 * utf8: the one home of UTF-8 (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). Pure functions over caller bytes,
 * except utf8_put, which appends to a struct buf (buf.h: out of memory
 * sets ->oom).
 *
 * utf8_seq returns the length (1..4) of the valid sequence at s[0..n),
 * or 0 when the bytes there are not valid UTF-8 or n is 0 (a NUL byte is
 * a valid sequence of 1).
 *
 * utf8_prefix returns how many leading bytes of s[0..n) are valid UTF-8
 * (n when all are); with nul_ok 0 a NUL byte ends the valid prefix too.
 *
 * utf8_encode writes code point c (the caller has checked it is a
 * scalar value, U+0000..U+10FFFF outside the surrogates) into out and
 * returns its length 1..4.
 *
 * utf8_cut returns the largest m <= n at which s may be cut without
 * splitting a character (s[m] is no continuation byte; 0 at worst): a
 * text shortened to at most n bytes is s[0..utf8_cut(s, n)). s must
 * hold at least n + 1 bytes (its NUL counts).
 *
 * utf8_put appends c to b, NUL, surrogates and anything above U+10FFFF
 * as U+FFFD (decoded character references: nothing later trusts them).
 */
#ifndef LENTERA_UTF8_H
#define LENTERA_UTF8_H

#include <stddef.h>

struct buf;

size_t	utf8_seq(const unsigned char *s, size_t n);
size_t	utf8_prefix(const char *s, size_t n, int nul_ok);
size_t	utf8_encode(char out[4], unsigned long c);
void	utf8_put(struct buf *b, unsigned long c);
size_t	utf8_cut(const char *s, size_t n);

#endif
