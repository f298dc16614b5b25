/*
 * certificate: the certificate of a completion apart from any page, shared
 * by the web pages (/record, /verify, the PDF downloads), the SIASN batch
 * and the CLI.
 *
 * Payload (v2, the exact UTF-8 bytes that are signed): one line of JSON,
 * keys in this order, no spaces:
 *   {"v":2,"certificate":NO,"nip_masked":MASK,"name":..,"course":..,
 *    "title":..,"competency":..,"competency_type":..,"level":N,"jp":N,
 *    "completed":"yyyy-mm-dd","score":85.0,"issuer":"Lentera"}
 * score (one decimal) only when the course has a final test; completed
 * is the WIB date. v1 payloads (before migration 3) lack "v" and carry
 * the full "nip" instead of "nip_masked"; both are still verified.
 * Verifiers check the signature over the payload string exactly as
 * served, never over a re-serialisation (docs/api.md).
 *
 * The caller signs certificate_payload's bytes with cert_sign.
 * certificate_payload_parse reads v1 (full NIP) and v2 payloads back, known keys once each, unknown
 * keys refused: a payload this code cannot fully read is not one it can
 * vouch for. 0 parsed, -1 not.
 *
 * The logo printed on every PDF: <data folder>/logos/<32 hex>.png, named
 * by the settings row; certificate_logo reads it into b: 0 read, 1 no logo
 * configured, -1 missing, unreadable, oversized or a bad name.
 */
#ifndef LENTERA_CERTIFICATE_H
#define LENTERA_CERTIFICATE_H

#include <stddef.h>

#include "cert.h"
#include "store.h"

#define CERTIFICATE_LOGO_DIR	"logos"
#define CERTIFICATE_LOGO_HEX	32	/* random hex digits of a logo's name */

struct buf;
struct certpdf;
struct settings;

/* A signed payload read back. Numbers stay as the signed text. */
struct signed_cert {
	char	 v[8];
	char	 certificate[64];
	char	 nip[STORE_NIP_LEN + 1];		/* v1 */
	char	 nip_masked[CERT_NIP_MASK_LEN];		/* v2 */
	char	 name[STORE_NAME_MAX];
	char	 course[65];
	char	 title[STORE_TEXT_MAX];
	char	 competency[STORE_TEXT_MAX];
	char	 ctype[32];
	char	 level[12], jp[12], score[24];
	char	 completed[16];
	char	 issuer[32];
	unsigned seen;
};

void	certificate_payload(struct buf *b, const struct completion *c,
	    const char *nip, const char *name);
int	certificate_payload_parse(const char *p, struct signed_cert *sc);
/* 0 a well-formed v1 or v2 payload, -1 not (fuzzing and tests). */
int	certificate_payload_check(const char *payload);
/* Appends base + "/verify/<number>?code=<code as printed>" to b. */
void	certificate_url(const char *base, struct buf *b, const char *cert_no,
	    const char *code);
/* Start-up: codes for certificates issued before codes existed. 0, -1. */
int	certificate_backfill(struct store *);
/* The renderer's input for c with settings s (strings borrowed from s,
   c, url, printed and logo, which must outlive in): the one place a
   certificate's fields meet the PDF, for the downloads and the SIASN
   batch. printed: the code as printed ("" none). */
void	certificate_pdf_input(struct certpdf *in, const struct settings *s,
	    const struct completion *c, const char *url, const char *printed,
	    const struct buf *logo);
int	certificate_logo(const struct settings *, struct buf *b);
/* 1 if name is a logo file name we made (32 hex digits + ".png"). */
int	certificate_logo_name_ok(const char *name);
/* <data folder>/logos[/name] into out. */
void	certificate_logo_path(char *out, size_t len, const char *name);

#endif
