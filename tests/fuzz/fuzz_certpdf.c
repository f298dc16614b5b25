/*
 * fuzz_certpdf: libFuzzer driver for the certificate PDF renderer and the
 * logo check. The first byte picks the mode:
 *   even: the rest is a logo; certpdf_logo_check and _normalize must
 *         agree, and what normalize keeps must pass the check again at
 *         most CERTPDF_LOGO_PX_EMBED pixels a side;
 *   odd:  the rest is NUL-separated text fields (name, course, agency,
 *         competency, signer, position, number, url, code) in any bytes;
 *         rendering must succeed and produce a whole PDF.
 * A warm-up render in LLVMFuzzerInitialize fills cairo's process-wide
 * font caches, so per-input leak checks see only what an input leaks.
 * fuzz-max-len: 4096
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "certpdf.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
fill(struct certpdf *c, const char **f)
{
	memset(c, 0, sizeof(*c));
	c->name = f[0];
	c->course = f[1];
	c->agency = f[2];
	c->competency = f[3];
	c->signer_name = f[4];
	c->signer_position = f[5];
	c->number = f[6];
	c->url = f[7];
	c->code = f[8];
	c->signer_nip = "197912312003122004";
	c->nip = "199001012015011001";
	c->ctype = "teknis";
	c->level = 3;
	c->jp = 20;
	c->date = 1796083200;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char	*f[9] = { "Rina", "Kursus", "Instansi", "Kompetensi",
	    "Penandatangan", "Jabatan", "LTR/2026/000001",
	    "https://x.example/verify/LTR/2026/000001", "ABCD1234" };
	struct certpdf	 c;
	struct buf	 b = { 0 };

	(void)argc;
	(void)argv;
	fill(&c, f);
	if (certpdf_render(&c, &b) != 0)
		abort();
	buf_free(&b);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct certpdf	 c;
	struct buf	 b = { 0 };
	enum certpdf_logo e1, e2;
	const char	*f[9];
	char		*s;
	size_t		 i, n;
	int		 k;

	if (size < 1)
		return 0;
	if ((data[0] & 1) == 0) {
		e1 = certpdf_logo_check(data + 1, size - 1);
		e2 = certpdf_logo_normalize(data + 1, size - 1, &b);
		if (e1 != e2)
			abort();
		if (e2 == CERTPDF_LOGO_OK && (certpdf_logo_check(b.p, b.n) !=
		    CERTPDF_LOGO_OK || be32((unsigned char *)b.p + 16) >
		    CERTPDF_LOGO_PX_EMBED || be32((unsigned char *)b.p + 20) >
		    CERTPDF_LOGO_PX_EMBED))
			abort();
		buf_free(&b);
		return 0;
	}
	n = size - 1;
	if ((s = malloc(n + 1)) == NULL)
		return 0;
	memcpy(s, data + 1, n);
	s[n] = '\0';
	for (i = 0, k = 0; k < 9; k++) {
		f[k] = i <= n ? s + i : "";
		if (i <= n)
			i += strlen(s + i) + 1;
	}
	fill(&c, f);
	if (certpdf_render(&c, &b) != 0 || b.n < 1000 ||
	    memcmp(b.p, "%PDF-", 5) != 0)
		abort();
	buf_free(&b);
	free(s);
	return 0;
}
