/*
 * record: the competency record's pages (the rule that completes a
 * course is completion.h's, the JP that counts ledger.h's).
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


struct buf;
struct course;
struct req;

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
int	record_pdf_learner(struct req *);
/* Renders c as a PDF with the agency settings and answers with it as an
   attachment (sertifikat-<number>.pdf): 200, 500, or 503 when busy. c
   comes from store_completion_verify (its code and holder_name are
   printed; an empty code prints none, as on the admin's sample). */
int	record_pdf_send(struct req *, const struct completion *);

#endif
