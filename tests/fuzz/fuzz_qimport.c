/*
 * fuzz_qimport: libFuzzer driver for `lentera import-questions`. The first
 * byte picks the reader (even: GIFT, odd: Moodle XML), the rest is the
 * bank. Besides "no crash, no hang, no leak" it checks the property the
 * command promises: whenever a quiz file is written, the quiz engine
 * loads it (the same loader `lentera check` and the server use).
 * fuzz-max-len: 65536
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qimport.h"
#include "quiz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct qi_bank bk;
	struct buf	 out = { 0 }, err = { 0 };
	struct quiz	*q = NULL;
	char		*src;
	int		 xml;

	if (size < 1)
		return 0;
	xml = data[0] & 1;
	if ((src = malloc(size)) == NULL)
		return 0;
	memcpy(src, data + 1, size - 1);
	src[size - 1] = '\0';	/* the CLI's reader NUL-ends what it read */
	qi_bank_init(&bk, "fuzz");
	if ((xml ? qi_parse_moodle_xml(&bk, src, size - 1) :
	    qi_parse_gift(&bk, src, size - 1)) == 0 &&
	    qimport_lua(&bk, "Fuzz", &out) == 0) {
		if (quiz_load_buffer("fuzz.lua", out.p, out.n, &q, &err) != 0) {
			fprintf(stderr, "written quiz does not load:\n%.*s\n%.*s\n",
			    (int)err.n, err.p, (int)out.n, out.p);
			abort();
		}
		quiz_free(q);
	}
	qi_bank_free(&bk);
	buf_free(&out);
	buf_free(&err);
	free(src);
	return 0;
}
