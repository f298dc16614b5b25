/*
 * verify: the public verification pages. The signed payload format is
 * certificate.h's (built there for completion_update, parsed there for
 * these pages), so writer and reader cannot drift apart.
 *
 * /verify asks for number and code (then redirects to the certificate's
 * URL); /verify/<number> asks for the code; /verify/<number>?code=<code>
 * (format=json for machines) answers only when number and code belong
 * together, with one answer for "no such number" and "wrong code".
 * Lookups are rate-limited per client address (429 + Retry-After).
 * The page renders the signed payload, never the database columns, and
 * says "tidak sah" when the signature fails or the database row differs
 * from what was signed.
 */
#ifndef LENTERA_VERIFY_H
#define LENTERA_VERIFY_H

struct buf;
struct completion;
struct req;
struct store;

#define VERIFY_RATE_DEFAULT	20	/* lookups per minute per address */

/* Appends the absolute verification URL of a certificate to b:
   scheme and host of this request, the number, the code as printed
   (https://host/verify/LTR/2026/000001?code=7KQ2-M9XD-4RTB-HV3E). */
void	verify_url(struct req *, struct buf *b, const char *cert_no,
	    const char *code);
/* --verify-rate: lookups per minute per client address (1..6000). */
void	verify_set_rate(int per_minute);

int	verify_page(struct req *);	/* GET /verify/... */
int	verify_key(struct req *);	/* GET /verify/key */

#endif
