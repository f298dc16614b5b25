/*
 * utf8: the one UTF-8 validity check (RFC 3629: no overlong forms, no
 * surrogates, nothing above U+10FFFF). Pure function over caller bytes.
 *
 * utf8_prefix returns how many leading bytes of s[0..n) are valid UTF-8
 * (n when all are); with nul_ok 0 a NUL byte ends the valid prefix too.
 */
#ifndef LENTERA_UTF8_H
#define LENTERA_UTF8_H

#include <stddef.h>

size_t	utf8_prefix(const char *s, size_t n, int nul_ok);

#endif
