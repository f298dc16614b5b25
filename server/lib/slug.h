/*
 * slug: file-name-safe words for download names (HR exports, SIASN
 * batches). slug_append appends '-' and s to the NUL-terminated out
 * (len bytes in all): ASCII letters in lower case and digits, every
 * other run of bytes one '-', at most SLUG_MAX characters of s; it
 * stops early rather than overflow out.
 */
#ifndef LENTERA_SLUG_H
#define LENTERA_SLUG_H

#include <stddef.h>

#define SLUG_MAX	48	/* characters of one word in a file name */

void	slug_append(char *out, size_t len, const char *s);

#endif
