/*
 * certpdf: the certificate as an official PDF, A4 landscape, drawn with
 * cairo's PDF surface (vector text with the DejaVu fonts found through
 * fontconfig, embedded as subsets) and a QR code of the verification URL
 * (libqrencode, error correction level M) drawn as filled squares, so it
 * stays crisp at any zoom and in print. No HTTP here: a filled struct
 * certpdf in, PDF bytes out.
 *
 * The certificate is an official document and is always in Bahasa
 * Indonesia (UU 24/2009 art. 27), whatever the reader's UI language.
 *
 * Inputs: every string is UTF-8 and NUL-terminated; the renderer reads at
 * most CERTPDF_TEXT_MAX bytes of each, stops at the first invalid UTF-8
 * byte (what is before it is drawn) and never fails on length: long
 * names and titles are wrapped (at most 2 lines) and shrunk down to a
 * minimum size; what still does not fit is cut with "…". Nothing is ever
 * drawn outside the page. Empty agency or signatory fields are left out
 * (agency defaults to "Lentera"). logo, if non-NULL, is a PNG of at most
 * CERTPDF_LOGO_MAX bytes that passed certpdf_logo_check; a logo that
 * fails to decode is left out rather than failing the certificate.
 * date is Unix seconds, printed as a WIB (UTC+7) calendar date
 * ("1 Desember 2026"). code, if not empty, is the verification code,
 * printed under the QR code in groups of 4 ("ABCD-EFGH-…").
 *
 * certpdf_render appends the PDF to out and returns 0, or -1 (cairo or
 * qrencode failure, out of memory; out is then reset). It runs on the
 * caller's thread and needs more stack than a CivetWeb worker has
 * (fontconfig, FreeType, zlib): HTTP handlers call certpdf_render_bounded,
 * which runs it on a thread with a CERTPDF_STACK stack, at most
 * CERTPDF_CONCURRENT at a time (rendering is CPU work: a burst must not
 * starve every worker); it returns 0, -1 as above, or -2 when no render
 * slot freed within CERTPDF_WAIT_MS (the caller answers 503).
 *
 * certpdf_logo_check says whether bytes are a logo the renderer can draw:
 * CERTPDF_LOGO_OK, or why not. PNG only: cairo 1.16 has no JPEG decoder
 * (it could only pass JPEG bytes through to the PDF unchecked), so JPEG
 * is recognised and refused with its own reason. The PNG is checked by
 * magic bytes, by its header's dimensions (at most CERTPDF_LOGO_PX_MAX a
 * side, checked before decoding so a small file cannot inflate to
 * gigabytes) and by decoding it with cairo. certpdf_logo_normalize does
 * the same and keeps a reduced copy: a 2048-pixel logo decoded for every
 * PDF cost ~100 ms, the reduced one ~1 ms.
 */
#ifndef LENTERA_CERTPDF_H
#define LENTERA_CERTPDF_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define CERTPDF_TEXT_MAX	256		/* bytes per text field */
#define CERTPDF_LOGO_MAX	((size_t)1000 << 10)	/* bytes; the form fits 1 MiB */
#define CERTPDF_LOGO_PX_MAX	2048		/* pixels per side */
#define CERTPDF_LOGO_PX_EMBED	256		/* pixels a side kept (~300 dpi) */
#define CERTPDF_URL_MAX		512
#define CERTPDF_STACK		((size_t)1 << 20)
#define CERTPDF_CONCURRENT	2		/* renders at once (2 cores) */
#define CERTPDF_WAIT_MS		5000

struct certpdf {
	const char	*agency;		/* nama instansi */
	const char	*signer_name;
	const char	*signer_nip;
	const char	*signer_position;
	const char	*name;			/* the learner */
	const char	*nip;
	const char	*course;		/* course title */
	const char	*competency;
	const char	*ctype;			/* teknis | manajerial | ... */
	int		 level;
	int		 jp;
	int64_t		 date;			/* completion, Unix seconds */
	const char	*number;		/* certificate number */
	const char	*url;			/* absolute verification URL */
	const char	*code;			/* verification code, "" none */
	const void	*logo;			/* PNG bytes or NULL */
	size_t		 logolen;
};

enum certpdf_logo {
	CERTPDF_LOGO_OK = 0,
	CERTPDF_LOGO_EMPTY,
	CERTPDF_LOGO_TOO_BIG,		/* bytes */
	CERTPDF_LOGO_JPEG,		/* recognised, not supported */
	CERTPDF_LOGO_NOT_PNG,
	CERTPDF_LOGO_DIMENSIONS,	/* 0 or above CERTPDF_LOGO_PX_MAX */
	CERTPDF_LOGO_UNDECODABLE,
};

int	certpdf_render(const struct certpdf *, struct buf *out);
int	certpdf_render_bounded(const struct certpdf *, struct buf *out);
enum certpdf_logo certpdf_logo_check(const void *, size_t);
/* Check, then re-encode as a PNG at most CERTPDF_LOGO_PX_EMBED a side
   into out (what is stored): CERTPDF_LOGO_OK, or why not (out empty). */
enum certpdf_logo certpdf_logo_normalize(const void *, size_t,
	    struct buf *out);
/* "1 Desember 2026" for t in WIB; out of at least 32 bytes. */
void	certpdf_date(int64_t t, char *out, size_t outlen);

#endif
