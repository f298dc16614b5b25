/*
 * fuzz_payload: the signed-payload reader of /verify (verify.c) on
 * arbitrary bytes, and a round trip: fields cut from the input (at 0x01
 * bytes) built into a payload by verify_payload must read back. Aborts
 * when a payload the server itself would sign is not readable.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "store.h"
#include "certificate.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *
field(const char **p, const char *end, char *out, size_t len)
{
	size_t	 n = 0;

	while (*p < end && **p != '\x01') {
		if (**p != '\0' && n + 1 < len)
			out[n++] = **p;
		(*p)++;
	}
	if (*p < end)
		(*p)++;
	out[n] = '\0';
	return out;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct completion *c;
	struct buf	 b = { 0 };
	const char	*p = (const char *)data, *end = p + size;
	char		*s, nip[STORE_NIP_LEN + 1], name[STORE_NAME_MAX];

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	(void)certificate_payload_check(s);
	free(s);

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return 0;
	field(&p, end, c->cert_no, sizeof(c->cert_no));
	field(&p, end, nip, sizeof(nip));
	field(&p, end, name, sizeof(name));
	field(&p, end, c->course, sizeof(c->course));
	field(&p, end, c->course_title, sizeof(c->course_title));
	field(&p, end, c->competency, sizeof(c->competency));
	field(&p, end, c->ctype, sizeof(c->ctype));
	c->level = size > 0 ? data[0] % 7 : 1;
	c->jp = size > 1 ? data[1] : 2;
	c->completed_at = size > 2 ? (int64_t)data[2] * 86400 * 30 : 0;
	c->score = size > 3 && data[3] < 128 ? data[3] * 0.7 : -1;
	certificate_payload(&b, c, nip, name);
	if (!b.oom && certificate_payload_check(b.p) != 0) {
		fprintf(stderr, "unreadable payload: %s\n", b.p);
		abort();
	}
	buf_free(&b);
	free(c);
	return 0;
}
