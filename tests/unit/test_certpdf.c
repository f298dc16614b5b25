/* unit-layer: core */
/* certpdf: the renderer makes a PDF for ordinary, hostile and long input;
   the logo check tells PNG from JPEG and garbage. Set CERTPDF_OUT=dir to
   keep the PDFs for a look. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "certpdf.h"
#include "t.h"

/* A 2x1 RGB PNG (red, blue), made once with Python's zlib. */
static const unsigned char png2x1[] = {
	0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x02, 0x00, 0x00, 0x00, 0x7b, 0x40, 0xe8, 0xdd, 0x00, 0x00, 0x00,
	0x0d, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0xf8, 0xcf, 0x00, 0x04,
	0xff, 0x01, 0x07, 0x00, 0x01, 0xff, 0xe2, 0x23, 0x9e, 0x59, 0x00, 0x00,
	0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
};

static void
keep(const char *name, const struct buf *b)
{
	const char	*dir = getenv("CERTPDF_OUT");
	char		 path[1024];
	FILE		*f;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s.pdf", dir, name);
	if ((f = fopen(path, "wb")) != NULL) {
		fwrite(b->p, 1, b->n, f);
		fclose(f);
	}
}

static int
is_pdf(const struct buf *b)
{
	return b->n > 1000 && memcmp(b->p, "%PDF-", 5) == 0 &&
	    memmem(b->p, b->n, "%%EOF", 5) != NULL;
}

int
main(void)
{
	struct certpdf	 c;
	struct buf	 b = { 0 };
	char		 longname[1200], date[32];
	unsigned char	 bad[sizeof(png2x1)], big[64];
	int		 i;

	memset(&c, 0, sizeof(c));
	c.agency = "Badan Kepegawaian Daerah Provinsi Contoh";
	c.signer_name = "Dr. Siti Rahmawati, S.Sos., M.Si.";
	c.signer_nip = "197912312003122004";
	c.signer_position = "Kepala Badan Kepegawaian Daerah";
	c.name = "Rina Wulandari";
	c.nip = "199001012015011001";
	c.course = "Pelayanan Publik Prima";
	c.competency = "Pelayanan Publik";
	c.ctype = "teknis";
	c.level = 2;
	c.jp = 6;
	c.date = 1796083200;		/* 2026-12-01 00:00 UTC */
	c.number = "LTR/2026/000001";
	c.url = "https://lentera.example.go.id/verify/LTR/2026/000001";
	c.code = "k7QmX2pR9tZa";
	c.logo = png2x1;
	c.logolen = sizeof(png2x1);
	T_OK(certpdf_render(&c, &b) == 0, "certpdf.render");
	T_OK(is_pdf(&b), "certpdf.starts_with_%PDF");
	keep("ordinary", &b);
	buf_reset(&b);

	T_OK(certpdf_render_bounded(&c, &b) == 0 && is_pdf(&b),
	    "certpdf.render_bounded");
	buf_reset(&b);

	/* Long everything: one unbroken word, many words, multibyte text. */
	for (i = 0; i < (int)sizeof(longname) - 1; i++)
		longname[i] = i % 9 == 8 ? ' ' : 'W';
	longname[sizeof(longname) - 1] = '\0';
	c.name = longname;
	c.course = longname;
	c.agency = longname;
	c.signer_position = longname;
	c.signer_name = longname;
	c.competency = "Ápa Ďéngan Ŵàktu Ŷang Ñama Ăngka Ēkstra Ĳ Ŀ ŉ "
	    "Pengelolaan Keuangan Negara dan Daerah Berbasis Kinerja Terpadu "
	    "untuk Aparatur Sipil Negara";
	T_OK(certpdf_render(&c, &b) == 0 && is_pdf(&b), "certpdf.long_names");
	keep("long", &b);
	buf_reset(&b);
	memset(longname, 'M', sizeof(longname) - 1);
	T_OK(certpdf_render(&c, &b) == 0 && is_pdf(&b),
	    "certpdf.long_unbroken_word");
	keep("unbroken", &b);
	buf_reset(&b);

	/* Invalid UTF-8 and control bytes must not break cairo. */
	c.name = "Rina \xff\xfe Wulan\ndari\x01";
	c.course = "\xc3";
	c.agency = "";
	c.signer_name = c.signer_nip = c.signer_position = NULL;
	c.code = "";
	c.logo = NULL;
	T_OK(certpdf_render(&c, &b) == 0 && is_pdf(&b), "certpdf.bad_utf8");
	keep("bad-utf8", &b);
	buf_reset(&b);

	/* Logo checks. */
	T_OK(certpdf_logo_check(png2x1, sizeof(png2x1)) == CERTPDF_LOGO_OK,
	    "certpdf.logo_png_ok");
	T_OK(certpdf_logo_check("\xff\xd8\xff\xe0xxxxJFIF", 12) ==
	    CERTPDF_LOGO_JPEG, "certpdf.logo_jpeg_refused");
	T_OK(certpdf_logo_check("GIF89a-------------------------------", 36) ==
	    CERTPDF_LOGO_NOT_PNG, "certpdf.logo_gif_not_png");
	T_OK(certpdf_logo_check(NULL, 0) == CERTPDF_LOGO_EMPTY,
	    "certpdf.logo_empty");
	T_OK(certpdf_logo_check(png2x1, CERTPDF_LOGO_MAX + 1) ==
	    CERTPDF_LOGO_TOO_BIG, "certpdf.logo_too_big");
	memcpy(bad, png2x1, sizeof(bad));
	bad[45] ^= 0x55;		/* corrupt the compressed image data */
	T_OK(certpdf_logo_check(bad, sizeof(bad)) == CERTPDF_LOGO_UNDECODABLE,
	    "certpdf.logo_corrupt");
	memcpy(big, png2x1, 33);
	big[16] = 0x7f;			/* a 2-gigapixel-wide header */
	T_OK(certpdf_logo_check(big, 33) == CERTPDF_LOGO_DIMENSIONS,
	    "certpdf.logo_huge_dimensions");

	/* Normalising keeps a small logo as a PNG of the same size. */
	T_OK(certpdf_logo_normalize(png2x1, sizeof(png2x1), &b) ==
	    CERTPDF_LOGO_OK && certpdf_logo_check(b.p, b.n) == CERTPDF_LOGO_OK &&
	    b.n > 24 && b.p[19] == 2 && b.p[23] == 1, "certpdf.logo_normalize");
	buf_reset(&b);
	T_OK(certpdf_logo_normalize(bad, sizeof(bad), &b) ==
	    CERTPDF_LOGO_UNDECODABLE && b.n == 0, "certpdf.logo_normalize_bad");

	certpdf_date(1796083200, date, sizeof(date));
	T_OK(strcmp(date, "1 Desember 2026") == 0, "certpdf.date_indonesian");
	certpdf_date(1796083200 - 7 * 3600 - 1, date, sizeof(date));
	T_OK(strcmp(date, "30 November 2026") == 0, "certpdf.date_wib");
	buf_free(&b);
	T_DONE();
}
