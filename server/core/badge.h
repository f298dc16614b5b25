/*
 * badge: a completion as an Open Badges 3.0 credential
 * (OpenBadgeCredential, W3C VC data model 2.0) with a Data Integrity
 * proof, cryptosuite eddsa-jcs-2022, on the certificate signing key.
 * No HTTP and no storage here: the caller hands in what is certified.
 *
 * The document (docs/badges.md lists every field):
 * - issuer: {id: did:key of the signing key, type [Profile], name};
 * - credentialSubject: {type [AchievementSubject], identifier: one
 *   IdentityObject whose identityHash is "sha256$" + hex SHA-256(NIP +
 *   salt): the NIP itself is never in the credential; the salt is derived
 *   (keyed BLAKE2b over the certificate number with the salt key), so the
 *   same completion always gives the same bytes and the holder can prove
 *   the NIP by telling it, achievement {id, type [Achievement],
 *   achievementType Course, name, description, criteria.narrative}};
 * - id: urn:uuid from the certificate number and the public key;
 *   validFrom and proof.created: the completion time (UTC).
 * Signing (vc-di-eddsa, eddsa-jcs-2022): proofValue = "z" + base58btc of
 * Ed25519(SHA-256(JCS(proof options with the document's @context)) ||
 * SHA-256(JCS(document without proof))). The document is written in JCS
 * form (RFC 8785: sorted keys, no spaces, minimal escapes), so its bytes
 * are what is hashed.
 *
 * badge_credential appends the signed JSON to out: 0 ok, -1 (a text is
 * not valid UTF-8, a field is too long, or signing failed).
 */
#ifndef LENTERA_BADGE_H
#define LENTERA_BADGE_H

#include <stdint.h>

#include "buf.h"

#define BADGE_TEXT_MAX	1024	/* bytes of any one text field */

struct cert_key;

struct badge {
	const char	*cert_no;	/* LTR/2026/000001 */
	const char	*nip;		/* hashed, never written */
	const char	*course_id;
	const char	*course_title;
	const char	*competency;
	const char	*ctype;		/* teknis | manajerial | sosial-kultural */
	int		 level, jp;
	int64_t		 completed_at;	/* Unix seconds */
	const char	*issuer_name;
	const char	*base_url;	/* "https://host" or "" (ids become urn:) */
};

int	badge_credential(const struct badge *, const struct cert_key *,
	    const unsigned char salt_key[32], struct buf *out);
/* "did:key:z6Mk…" of the key, NUL-terminated (at most 64 bytes). */
int	badge_did(const struct cert_key *, char *out, size_t len);

#endif
