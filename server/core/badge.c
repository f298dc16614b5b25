/* badge: Open Badges 3.0 credentials signed with eddsa-jcs-2022. See
   badge.h and docs/badges.md. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "badge.h"
#include "cert.h"
#include "utc.h"
#include "utf8.h"

#define CTX_VC	"https://www.w3.org/ns/credentials/v2"
#define CTX_OB	"https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"

static const char b58[] =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

/* base58btc (Bitcoin alphabet) of n <= 96 bytes; out >= 2 * n + 1. */
static void
base58(const unsigned char *in, size_t n, char *out)
{
	unsigned char	 digits[200];
	size_t		 nd = 0, i, j, zeros = 0;

	while (zeros < n && in[zeros] == 0)
		zeros++;
	for (i = zeros; i < n; i++) {
		unsigned int carry = in[i];

		for (j = 0; j < nd; j++) {
			carry += (unsigned int)digits[j] << 8;
			digits[j] = carry % 58;
			carry /= 58;
		}
		while (carry) {
			digits[nd++] = carry % 58;
			carry /= 58;
		}
	}
	for (i = 0; i < zeros; i++)
		*out++ = '1';
	while (nd)
		*out++ = b58[digits[--nd]];
	*out = '\0';
}

static int
public_raw(const struct cert_key *k, unsigned char pk[32])
{
	const char	*b64 = cert_public_b64(k);
	size_t		 n = 0;

	return sodium_base642bin(pk, 32, b64, strlen(b64), NULL, &n, NULL,
	    sodium_base64_VARIANT_ORIGINAL) == 0 && n == 32 ? 0 : -1;
}

int
badge_did(const struct cert_key *k, char *out, size_t len)
{
	unsigned char	 mk[34] = { 0xed, 0x01 };	/* multicodec ed25519-pub */
	char		 enc[80];

	if (public_raw(k, mk + 2) == -1)
		return -1;
	base58(mk, sizeof(mk), enc);
	return snprintf(out, len, "did:key:z%s", enc) < (int)len ? 0 : -1;
}

/* A JSON string as RFC 8785 writes it: only '"', '\' and control
   characters escaped (\b \t \n \f \r, else \u00xx lower case). */
static void
jstr(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789abcdef";

	buf_addc(b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\b': buf_adds(b, "\\b"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\f': buf_adds(b, "\\f"); break;
		case '\r': buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20) {
				buf_adds(b, "\\u00");
				buf_addc(b, hex[c >> 4]);
				buf_addc(b, hex[c & 15]);
			} else
				buf_addc(b, (char)c);
		}
	}
	buf_addc(b, '"');
}

/* "key": with the comma when it is not the object's first member. */
static void
jkey(struct buf *b, const char *k, int first)
{
	if (!first)
		buf_addc(b, ',');
	jstr(b, k);
	buf_addc(b, ':');
}

static void
hexs(const unsigned char *in, size_t n, char *out)
{
	sodium_bin2hex(out, 2 * n + 1, in, n);
}

/* RFC 4122 layout over 16 bytes of hash: a version-8 (custom) UUID. */
static void
uuid8(const unsigned char h[16], char out[37])
{
	unsigned char	 u[16];

	memcpy(u, h, 16);
	u[6] = (u[6] & 0x0f) | 0x80;
	u[8] = (u[8] & 0x3f) | 0x80;
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
	    "%02x%02x%02x%02x%02x%02x", u[0], u[1], u[2], u[3], u[4], u[5],
	    u[6], u[7], u[8], u[9], u[10], u[11], u[12], u[13], u[14], u[15]);
}

static int
text_ok(const char *s)
{
	size_t	 n = s ? strlen(s) : 0;

	return s && n <= BADGE_TEXT_MAX && utf8_prefix(s, n, 0) == n;
}

/* The document without its proof, keys in JCS order at every level. */
static void
document(struct buf *d, const struct badge *bg, const char *did,
    const char *urn, const char *hash, const char *salt, const char *from,
    const char *desc, const char *aid)
{
	buf_adds(d, "{");
	jkey(d, "@context", 1);
	buf_adds(d, "[\"" CTX_VC "\",\"" CTX_OB "\"]");
	jkey(d, "credentialSubject", 0);
	buf_adds(d, "{");
	jkey(d, "achievement", 1);
	buf_adds(d, "{");
	jkey(d, "achievementType", 1);
	jstr(d, "Course");
	jkey(d, "criteria", 0);
	buf_adds(d, "{");
	jkey(d, "narrative", 1);
	jstr(d, "Menyelesaikan semua modul pelatihan dan, bila ada, lulus tes "
	    "akhirnya di Lentera.");
	buf_adds(d, "}");
	jkey(d, "description", 0);
	jstr(d, desc);
	jkey(d, "id", 0);
	jstr(d, aid);
	jkey(d, "name", 0);
	jstr(d, bg->course_title);
	jkey(d, "type", 0);
	buf_adds(d, "[\"Achievement\"]}");
	jkey(d, "identifier", 0);
	buf_adds(d, "[{");
	jkey(d, "hashed", 1);
	buf_adds(d, "true");
	jkey(d, "identityHash", 0);
	jstr(d, hash);
	jkey(d, "identityType", 0);
	jstr(d, "identifier");
	jkey(d, "salt", 0);
	jstr(d, salt);
	jkey(d, "type", 0);
	jstr(d, "IdentityObject");
	buf_adds(d, "}]");
	jkey(d, "type", 0);
	buf_adds(d, "[\"AchievementSubject\"]}");
	jkey(d, "id", 0);
	jstr(d, urn);
	jkey(d, "issuer", 0);
	buf_adds(d, "{");
	jkey(d, "id", 1);
	jstr(d, did);
	jkey(d, "name", 0);
	jstr(d, bg->issuer_name);
	jkey(d, "type", 0);
	buf_adds(d, "[\"Profile\"]}");
	jkey(d, "name", 0);
	jstr(d, bg->course_title);
	jkey(d, "type", 0);
	buf_adds(d, "[\"VerifiableCredential\",\"OpenBadgeCredential\"]");
	jkey(d, "validFrom", 0);
	jstr(d, from);
	buf_adds(d, "}");
}

/* The proof in JCS key order: without proofValue (pv NULL) it is the
   proof configuration whose JCS form is hashed, with the document's
   @context; with pv, the proof as the credential carries it. */
static void
proof_options(struct buf *p, const char *created, const char *vm, int ctx,
    const char *pv)
{
	buf_adds(p, "{");
	if (ctx) {
		jkey(p, "@context", 1);
		buf_adds(p, "[\"" CTX_VC "\",\"" CTX_OB "\"]");
	}
	jkey(p, "created", !ctx);
	jstr(p, created);
	jkey(p, "cryptosuite", 0);
	jstr(p, "eddsa-jcs-2022");
	jkey(p, "proofPurpose", 0);
	jstr(p, "assertionMethod");
	if (pv != NULL) {
		jkey(p, "proofValue", 0);
		jstr(p, pv);
	}
	jkey(p, "type", 0);
	jstr(p, "DataIntegrityProof");
	jkey(p, "verificationMethod", 0);
	jstr(p, vm);
	buf_adds(p, "}");
}

int
badge_credential(const struct badge *bg, const struct cert_key *k,
    const unsigned char salt_key[32], struct buf *out)
{
	struct buf	 doc = { 0 }, opt = { 0 };
	unsigned char	 h[32], salt[16], data[64], sig[64], id16[16];
	char		 did[80], vm[160], urn[48], from[32], saltx[33];
	char		 hash[80], hx[65], desc[BADGE_TEXT_MAX + 256];
	char		 aid[BADGE_TEXT_MAX + 64], sigb64[CERT_SIG_B64_LEN];
	char		 pv[160], uu[37];
	size_t		 n = 0;
	crypto_generichash_state gs;
	int		 rc = -1;

	if (!text_ok(bg->cert_no) || !text_ok(bg->nip) ||
	    !text_ok(bg->course_id) || !text_ok(bg->course_title) ||
	    !text_ok(bg->competency) || !text_ok(bg->ctype) ||
	    !text_ok(bg->issuer_name) || !text_ok(bg->base_url) ||
	    badge_did(k, did, sizeof(did)) == -1)
		return -1;
	snprintf(vm, sizeof(vm), "%s#%s", did, did + strlen("did:key:"));
	/* Salt: keyed BLAKE2b over the number, so downloads are identical
	   and the salt says nothing about the NIP. */
	crypto_generichash_init(&gs, salt_key, 32, sizeof(salt));
	crypto_generichash_update(&gs, (const unsigned char *)"badge-salt\0",
	    11);
	crypto_generichash_update(&gs, (const unsigned char *)bg->cert_no,
	    strlen(bg->cert_no));
	crypto_generichash_final(&gs, salt, sizeof(salt));
	hexs(salt, sizeof(salt), saltx);
	{
		crypto_hash_sha256_state s;

		crypto_hash_sha256_init(&s);
		crypto_hash_sha256_update(&s, (const unsigned char *)bg->nip,
		    strlen(bg->nip));
		crypto_hash_sha256_update(&s, (const unsigned char *)saltx,
		    strlen(saltx));
		crypto_hash_sha256_final(&s, h);
	}
	hexs(h, 32, hx);
	snprintf(hash, sizeof(hash), "sha256$%s", hx);
	crypto_generichash(id16, sizeof(id16), (const unsigned char *)bg->cert_no,
	    strlen(bg->cert_no), (const unsigned char *)did, strlen(did));
	uuid8(id16, uu);
	snprintf(urn, sizeof(urn), "urn:uuid:%s", uu);
	utc_iso(bg->completed_at, from);
	snprintf(desc, sizeof(desc), "Pelatihan %s, %d JP. Kompetensi %s "
	    "(%s), level %d. Sertifikat %s.", bg->course_title, bg->jp,
	    bg->competency, bg->ctype, bg->level, bg->cert_no);
	if (bg->base_url[0])
		snprintf(aid, sizeof(aid), "%s/courses/%s", bg->base_url,
		    bg->course_id);
	else
		snprintf(aid, sizeof(aid), "urn:lentera:course:%s",
		    bg->course_id);
	document(&doc, bg, did, urn, hash, saltx, from, desc, aid);
	proof_options(&opt, from, vm, 1, NULL);
	if (doc.oom || opt.oom)
		goto out;
	crypto_hash_sha256(data, (const unsigned char *)opt.p, opt.n);
	crypto_hash_sha256(data + 32, (const unsigned char *)doc.p, doc.n);
	if (cert_sign(k, (const char *)data, sizeof(data), sigb64,
	    sizeof(sigb64)) == -1 ||
	    sodium_base642bin(sig, sizeof(sig), sigb64, strlen(sigb64), NULL,
	    &n, NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || n != 64)
		goto out;
	pv[0] = 'z';
	base58(sig, sizeof(sig), pv + 1);
	/* The credential: the document with "proof" in its JCS place
	   (after "name", before "type"). */
	{
		const char	*at = strstr(doc.p, ",\"type\":[\"VerifiableCredential\"");
		struct buf	 pr = { 0 };

		if (at == NULL)
			goto out;
		proof_options(&pr, from, vm, 1, pv);
		buf_add(out, doc.p, (size_t)(at - doc.p));
		jkey(out, "proof", 0);
		buf_add(out, pr.p, pr.n);
		buf_add(out, at, doc.n - (size_t)(at - doc.p));
		buf_free(&pr);
	}
	rc = out->oom ? -1 : 0;
out:
	buf_free(&doc);
	buf_free(&opt);
	return rc;
}
