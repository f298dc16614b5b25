/*
 * json: the one JSON string reader (RFC 8259), shared by the certificate
 * payload check (verify.c) and the xAPI agent parameter (xapi_param.c).
 * Pure function over caller bytes; no allocation.
 *
 * json_string reads the string whose opening quote is at *pp into out
 * (NUL-terminated UTF-8, at most len - 1 bytes; out NULL: read and
 * dropped, len ignored) and on success moves *pp past the closing quote
 * and returns 0. It returns -1, *pp unchanged, when *pp is not at a
 * quote, on a control character or the end of the text inside it, an
 * unknown escape, a bad \u (not four hex digits, a lone surrogate, or
 * \u0000) or a value longer than out holds. The input is valid UTF-8
 * already (callers checked it); raw bytes are copied as they are.
 */
#ifndef LENTERA_JSON_H
#define LENTERA_JSON_H

#include <stddef.h>

int	json_string(const char **pp, char *out, size_t len);

#endif
