/*
 * verify: what a certificate's signature covers, and the public
 * verification pages. Owns the signed payload format (built here for
 * record_update, parsed here for /verify) so writer and reader cannot
 * drift apart.
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

/* The v2 payload of c (cert_no, course fields, completed_at, score) for
   the holder nip/name; the caller signs b's bytes. */
void	verify_payload(struct buf *b, const struct completion *c,
	    const char *nip, const char *name);
/* Appends the absolute verification URL of a certificate to b:
   scheme and host of this request, the number, the code as printed
   (https://host/verify/LTR/2026/000001?code=7KQ2-M9XD-4RTB-HV3E). */
void	verify_url(struct req *, struct buf *b, const char *cert_no,
	    const char *code);
/* The same with the base given (no request: the CLI's --base-url). */
void	verify_url_base(const char *base, struct buf *b, const char *cert_no,
	    const char *code);
/* Reads payload as /verify does: 0 a well-formed v1 or v2 payload,
   -1 not (fuzzing and tests; the page also needs the signature). */
int	verify_payload_check(const char *payload);
/* Start-up: codes for certificates issued before codes existed. */
int	verify_backfill(struct store *);
/* --verify-rate: lookups per minute per client address (1..6000). */
void	verify_set_rate(int per_minute);

int	verify_page(struct req *);	/* GET /verify/... */
int	verify_key(struct req *);	/* GET /verify/key */

#endif
