/*
 * cert: the signing core of Lentera certificates (libsodium Ed25519).
 *
 * cert_key_load reads the signing key from path, or, when the file does
 * not exist, generates one and writes it (file mode 0600; missing parent
 * directories created 0700). It refuses (-1, reason in err) a key file
 * that is group/world accessible, a symlink, not a regular file, or
 * malformed: a leaked or swapped key would let anyone forge certificates.
 * Keep the file outside web/ and out of backups that are not encrypted.
 * On 0 *out is a key the caller frees with cert_key_free (it lives in
 * sodium_malloc'd memory, wiped on free). err is always NUL-terminated
 * when errlen > 0. Concurrent first starts are safe: the file is written
 * to a temporary name and linked into place, so one key wins and the
 * other process loads it.
 *
 * Key file format (text): the line "lentera-ed25519-seed-v1", then the
 * 32-byte Ed25519 seed in standard base64, each line ending in LF.
 *
 * cert_sign writes the standard base64 (with padding, 88 characters + NUL)
 * of the 64-byte detached signature; 0 ok, -1 if siglen < CERT_SIG_B64_LEN.
 * cert_public_b64 returns the 32-byte public key in standard base64 (44
 * characters), owned by the key. cert_verify returns 1 only for a genuine
 * signature; malformed base64 (strictly checked, no whitespace), wrong
 * lengths or NULL give 0. All functions call sodium_init() (idempotent).
 *
 * cert_number formats "<PREFIX>/<YEAR>/<seq>" with seq zero-padded to at
 * least 6 digits ("LTR/2026/000123"; seq 1234567 gives 7 digits rather
 * than failing). prefix: 1..CERT_PREFIX_MAX of A-Z 0-9 '-'; year
 * 1000..9999; seq 1..CERT_SEQ_MAX. 0 ok, -1 bad argument or short buffer
 * (then out is "" when outlen > 0).
 *
 * Verification codes: what makes /verify answer (the sequential number
 * alone is guessable). cert_code_new writes CERT_CODE_CHARS random
 * symbols (5 bits each, 80 bits from libsodium's CSPRNG) of the Crockford
 * base32 alphabet 0-9 A-Z without I L O U, NUL-terminated: the canonical
 * stored form. cert_code_norm turns what a person typed into that form:
 * case-insensitive, '-' and spaces ignored, O read as 0 and I/L as 1;
 * 0 ok, -1 not exactly CERT_CODE_CHARS valid symbols (out is "").
 * cert_code_print groups a canonical code for paper: "ABCD-EFGH-JKMN-PQRS".
 * cert_code_equal compares two canonical codes in constant time.
 *
 * cert_nip_mask shows the first 4 and last 4 digits of an 18-digit NIP
 * and '*' for the 10 between (birth month/day, appointment month/year):
 * enough to match a paper certificate, not enough to read a birth date.
 * Anything that is not 18 digits gives 18 '*'.
 */
#ifndef LENTERA_CERT_H
#define LENTERA_CERT_H

#include <stddef.h>

#define CERT_SIG_B64_LEN	89	/* 88 base64 characters + NUL */
#define CERT_PK_B64_LEN		45	/* 44 base64 characters + NUL */
#define CERT_KEY_FILE_MAX	256	/* larger key files are malformed */
#define CERT_PATH_MAX		4096
#define CERT_PREFIX_MAX		16
#define CERT_SEQ_MAX		999999999L
#define CERT_CODE_CHARS		16	/* 16 x 5 = 80 random bits */
#define CERT_CODE_LEN		(CERT_CODE_CHARS + 1)
#define CERT_CODE_PRINT_LEN	(CERT_CODE_CHARS + CERT_CODE_CHARS / 4)
#define CERT_CODE_INPUT_MAX	64	/* longer typed codes are refused */
#define CERT_NIP_MASK_LEN	19

struct cert_key;

int	cert_key_load(const char *path, struct cert_key **out, char *err,
	    size_t errlen);
void	cert_key_free(struct cert_key *);
int	cert_sign(const struct cert_key *, const char *payload, size_t n,
	    char *sig_b64, size_t siglen);
const char *cert_public_b64(const struct cert_key *);
int	cert_verify(const char *pk_b64, const char *payload, size_t n,
	    const char *sig_b64);
int	cert_number(char *out, size_t outlen, const char *prefix, int year,
	    long seq);
void	cert_code_new(char out[CERT_CODE_LEN]);
int	cert_code_norm(const char *typed, char out[CERT_CODE_LEN]);
void	cert_code_print(const char *code, char out[CERT_CODE_PRINT_LEN]);
int	cert_code_equal(const char *a, const char *b);
void	cert_nip_mask(const char *nip, char out[CERT_NIP_MASK_LEN]);

#endif
