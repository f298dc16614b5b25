/*
 * record: the competency record. A course is complete when every module
 * is marked done and, if the course has a final test, a final attempt
 * passed. record_update writes the completion row (with its certificate
 * number and Ed25519-signed payload) in the caller's transaction, so the
 * record exists exactly when the write that completed the course does.
 *
 * Pages: Rekam Jejak (/record) and the printable certificate
 * (/certificate/<course>, own record only, with its verification code).
 * The signed payload format and the public /verify pages are verify.c's.
 * record_pdf.c makes the official PDF of a certificate (certpdf.h).
 */
#ifndef LENTERA_RECORD_H
#define LENTERA_RECORD_H

#include <stdint.h>

#include "store.h"

#define RECORD_JP_TARGET	20	/* PP 11/2017 art. 203 */

struct buf;
struct course;
struct req;

/* In a transaction. 1 completed (now or before), 0 not yet, -1 error. */
int	record_update(struct store *, const struct user *,
	    const struct course *, int64_t now);
/* Calendar year of t in WIB (UTC+7), the year a JP counts for. */
int	record_year(int64_t t);

int	record_page(struct req *);
int	record_certificate(struct req *);
/* The signed-in learner's own certificate of course into *c, as issued
   (store_completion_verify: code, holder): 0, 404 (no such completion or
   no certificate) or 500. The one rule of the page and its PDF. */
int	record_own_certificate(struct req *, const char *course,
	    struct completion *c);
/* Absolute URL of c's public verification page with its code (--base-url,
   else the request's host) appended to b: what the PDF's QR code holds. */
void	record_verify_url(struct req *, const struct completion *,
	    struct buf *);
/* record_pdf.c: the certificate PDF. GET /certificate/<course>/pdf (own
   record) and /hr/learners/<nip>/certificate/<course>/pdf (HR/admin). */
int	record_pdf_certificate(struct req *);
/* The renderer's input for c with settings s (strings borrowed from s,
   c, url, printed and logo, which must outlive in): the one place a
   certificate's fields meet the PDF, shared by record_pdf_send and the
   SIASN batch (siasn_batch.c, no request). printed: the code as printed
   ("" none). */
struct certpdf;
struct settings;
void	record_pdf_input(struct certpdf *in, const struct settings *s,
	    const struct completion *c, const char *url, const char *printed,
	    const struct buf *logo);
int	record_pdf_learner(struct req *);
/* Renders c as a PDF with the agency settings and answers with it as an
   attachment (sertifikat-<number>.pdf): 200, 500, or 503 when busy. c
   comes from store_completion_verify (its code and holder_name are
   printed; an empty code prints none, as on the admin's sample). */
int	record_pdf_send(struct req *, const struct completion *);

#endif
