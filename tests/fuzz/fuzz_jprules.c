/*
 * fuzz_jprules: libFuzzer driver for the JP rules file. Besides "no
 * crash, no hang", a property: a file that parses credits every form
 * within bounds, whatever the claim.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "jprules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct jpr_rules r;
	struct buf	 err = { 0 };
	int		 i;

	if (jprules_parse("fuzz", (const char *)data, size, &r, &err) == 0) {
		for (i = 0; i < r.nforms; i++) {
			struct jpr_claim c = { 1 << 30, 1 << 30, 0, 0 };
			struct jpr_credit out;

			if (jprules_credit(&r.form[i], &c, &out) != 0 ||
			    out.cjp < 0 || out.cjp > JPR_CJP_MAX ||
			    r.form[i].ref[0] == '\0' || r.form[i].siasn < 1)
				abort();
		}
	} else if (err.n == 0)
		abort();	/* a refusal always says why */
	buf_free(&err);
	return 0;
}
