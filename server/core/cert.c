/* cert: Ed25519 certificate signing core. See cert.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "cert.h"
#include "nip.h"

#define KEY_MAGIC	"lentera-ed25519-seed-v1"
#define B64		sodium_base64_VARIANT_ORIGINAL

struct cert_key {
	unsigned char	sk[crypto_sign_SECRETKEYBYTES];
	unsigned char	pk[crypto_sign_PUBLICKEYBYTES];
	char		pk_b64[CERT_PK_B64_LEN];
};

static int
seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list	 ap;

	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

/* Strict base64 decode of exactly want bytes; 0 ok, -1 otherwise. */
static int
unb64(unsigned char *bin, size_t want, const char *s, size_t slen)
{
	size_t	 len;
	const char *end;

	if (s == NULL || sodium_base642bin(bin, want, s, slen, NULL, &len,
	    &end, B64) != 0)
		return -1;
	return len == want && end == s + slen ? 0 : -1;
}

/* Create the missing directories above path with mode 0700. */
static int
mkparents(const char *path, char *err, size_t errlen)
{
	char	 dir[CERT_PATH_MAX];
	char	*p;

	snprintf(dir, sizeof(dir), "%s", path);
	for (p = dir + 1; (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			return seterr(err, errlen, "cannot create %s: %s",
			    dir, strerror(errno));
		*p = '/';
	}
	return 0;
}

static void
fsync_parent(const char *path)
{
	char	 dir[CERT_PATH_MAX];
	char	*slash;
	int	 fd;

	snprintf(dir, sizeof(dir), "%s", path);
	if ((slash = strrchr(dir, '/')) == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) != -1) {
		fsync(fd);
		close(fd);
	}
}

static int
from_seed(struct cert_key *k, const unsigned char *seed)
{
	if (crypto_sign_seed_keypair(k->pk, k->sk, seed) != 0)
		return -1;
	sodium_bin2base64(k->pk_b64, sizeof(k->pk_b64), k->pk, sizeof(k->pk),
	    B64);
	return 0;
}

/*
 * Write a fresh key to a temporary file and link it into place: link()
 * never replaces an existing file, so a concurrent start cannot end up
 * with two different keys. Returns 0 written, 1 someone else won, -1.
 */
static int
generate(const char *path, struct cert_key *k, char *err, size_t errlen)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	char	 tmp[CERT_PATH_MAX + 32], text[CERT_KEY_FILE_MAX];
	char	 b64[sodium_base64_ENCODED_LEN(crypto_sign_SEEDBYTES, B64)];
	int	 fd = -1, len, rc = -1;

	if (mkparents(path, err, errlen) == -1)
		return -1;
	randombytes_buf(seed, sizeof(seed));
	sodium_bin2base64(b64, sizeof(b64), seed, sizeof(seed), B64);
	len = snprintf(text, sizeof(text), KEY_MAGIC "\n%s\n", b64);
	snprintf(tmp, sizeof(tmp), "%s.tmp.%ld", path, (long)getpid());
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0600);
	if (fd == -1) {
		seterr(err, errlen, "cannot create %s: %s", tmp,
		    strerror(errno));
		goto err;
	}
	if (fchmod(fd, 0600) == -1 || write(fd, text, (size_t)len) != len ||
	    fsync(fd) == -1) {
		seterr(err, errlen, "cannot write %s: %s", tmp,
		    strerror(errno));
		goto err;
	}
	close(fd);
	fd = -1;
	if (link(tmp, path) == -1) {
		if (errno == EEXIST)
			rc = 1;
		else
			seterr(err, errlen, "cannot create %s: %s", path,
			    strerror(errno));
		goto err;
	}
	fsync_parent(path);
	if (from_seed(k, seed) == -1) {
		seterr(err, errlen, "key derivation failed");
		goto err;
	}
	rc = 0;
err:
	if (fd != -1)
		close(fd);
	unlink(tmp);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(b64, sizeof(b64));
	sodium_memzero(text, sizeof(text));
	return rc;
}

/* Read an existing key file; -1 with err, or 1 if it does not exist. */
static int
readkey(const char *path, struct cert_key *k, char *err, size_t errlen)
{
	unsigned char seed[crypto_sign_SEEDBYTES];
	char	 text[CERT_KEY_FILE_MAX + 1];
	struct stat st;
	ssize_t	 n;
	size_t	 mlen = sizeof(KEY_MAGIC) - 1;
	int	 fd, rc = -1;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1) {
		if (errno == ENOENT)
			return 1;
		if (errno == ELOOP)
			return seterr(err, errlen,
			    "%s: key file is a symlink; refused", path);
		return seterr(err, errlen, "%s: %s", path, strerror(errno));
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		seterr(err, errlen, "%s: not a regular file", path);
		goto err;
	}
	if (st.st_mode & 077) {
		seterr(err, errlen, "%s: key file mode %03o is readable by "
		    "group or others; run chmod 600", path,
		    (unsigned)(st.st_mode & 0777));
		goto err;
	}
	n = read(fd, text, sizeof(text));
	if (n < 0 || (size_t)n > CERT_KEY_FILE_MAX || (size_t)n < mlen + 2 ||
	    memcmp(text, KEY_MAGIC "\n", mlen + 1) != 0 ||
	    text[n - 1] != '\n' ||
	    unb64(seed, sizeof(seed), text + mlen + 1,
	    (size_t)n - mlen - 2) == -1 || from_seed(k, seed) == -1) {
		seterr(err, errlen, "%s: malformed key file", path);
		goto err;
	}
	rc = 0;
err:
	close(fd);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(text, sizeof(text));
	return rc;
}

int
cert_key_load(const char *path, struct cert_key **out, char *err,
    size_t errlen)
{
	struct cert_key *k;
	int	 rc, tries;

	*out = NULL;
	seterr(err, errlen, "%s", "");
	if (sodium_init() < 0)
		return seterr(err, errlen, "libsodium init failed");
	if (path == NULL || *path == '\0' || strlen(path) >= CERT_PATH_MAX)
		return seterr(err, errlen, "bad key path");
	if ((k = sodium_malloc(sizeof(*k))) == NULL)
		return seterr(err, errlen, "out of memory");
	/* Two rounds: if another process creates the file between our
	 * open and link, load theirs. */
	for (tries = 0; tries < 2; tries++) {
		if ((rc = readkey(path, k, err, errlen)) != 1)
			break;
		if ((rc = generate(path, k, err, errlen)) != 1)
			break;
	}
	if (rc != 0) {
		if (rc == 1)
			seterr(err, errlen, "%s: cannot create key", path);
		sodium_free(k);
		return -1;
	}
	*out = k;
	return 0;
}

void
cert_key_free(struct cert_key *k)
{
	if (k != NULL)
		sodium_free(k);
}

int
cert_sign(const struct cert_key *k, const char *payload, size_t n,
    char *sig_b64, size_t siglen)
{
	unsigned char sig[crypto_sign_BYTES];

	if (sodium_init() < 0 || k == NULL || sig_b64 == NULL ||
	    siglen < CERT_SIG_B64_LEN || (payload == NULL && n > 0))
		return -1;
	crypto_sign_detached(sig, NULL, (const unsigned char *)payload, n,
	    k->sk);
	sodium_bin2base64(sig_b64, siglen, sig, sizeof(sig), B64);
	return 0;
}

const char *
cert_public_b64(const struct cert_key *k)
{
	return k->pk_b64;
}

int
cert_verify(const char *pk_b64, const char *payload, size_t n,
    const char *sig_b64)
{
	unsigned char pk[crypto_sign_PUBLICKEYBYTES], sig[crypto_sign_BYTES];

	if (sodium_init() < 0 || pk_b64 == NULL || sig_b64 == NULL ||
	    (payload == NULL && n > 0))
		return 0;
	if (unb64(pk, sizeof(pk), pk_b64, strlen(pk_b64)) == -1 ||
	    unb64(sig, sizeof(sig), sig_b64, strlen(sig_b64)) == -1)
		return 0;
	return crypto_sign_verify_detached(sig, (const unsigned char *)payload,
	    n, pk) == 0;
}

int
cert_number(char *out, size_t outlen, const char *prefix, int year, long seq)
{
	size_t	 i, plen;
	int	 len;

	if (out == NULL || outlen == 0)
		return -1;
	out[0] = '\0';
	if (prefix == NULL || (plen = strlen(prefix)) == 0 ||
	    plen > CERT_PREFIX_MAX || year < 1000 || year > 9999 ||
	    seq < 1 || seq > CERT_SEQ_MAX)
		return -1;
	for (i = 0; i < plen; i++)
		if (!((prefix[i] >= 'A' && prefix[i] <= 'Z') ||
		    (prefix[i] >= '0' && prefix[i] <= '9') || prefix[i] == '-'))
			return -1;
	len = snprintf(out, outlen, "%s/%d/%06ld", prefix, year, seq);
	if (len < 0 || (size_t)len >= outlen) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

/* Crockford base32: no I L O U, so a printed code reads one way. */
static const char code_abc[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
cert_code_new(char out[CERT_CODE_LEN])
{
	int	 i;

	if (sodium_init() < 0)
		abort();	/* no CSPRNG: never hand out a guessable code */
	for (i = 0; i < CERT_CODE_CHARS; i++)
		out[i] = code_abc[randombytes_uniform(32)];
	out[CERT_CODE_CHARS] = '\0';
}

int
cert_code_norm(const char *typed, char out[CERT_CODE_LEN])
{
	const char	*p, *hit;
	int		 n = 0, c;

	out[0] = '\0';
	if (typed == NULL || strlen(typed) > CERT_CODE_INPUT_MAX)
		return -1;
	for (p = typed; *p; p++) {
		c = (unsigned char)*p;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c -= 'a' - 'A';
		if (c == 'O')
			c = '0';
		else if (c == 'I' || c == 'L')
			c = '1';
		if (c == '\0' || (hit = strchr(code_abc, c)) == NULL ||
		    n == CERT_CODE_CHARS) {
			out[0] = '\0';
			return -1;
		}
		out[n++] = *hit;
	}
	out[n] = '\0';
	if (n != CERT_CODE_CHARS) {
		out[0] = '\0';
		return -1;
	}
	return 0;
}

void
cert_code_print(const char *code, char out[CERT_CODE_PRINT_LEN])
{
	int	 i, j = 0;

	for (i = 0; code[i] && i < CERT_CODE_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[j++] = '-';
		out[j++] = code[i];
	}
	out[j] = '\0';
}

int
cert_code_equal(const char *a, const char *b)
{
	if (a == NULL || b == NULL || strlen(a) != CERT_CODE_CHARS ||
	    strlen(b) != CERT_CODE_CHARS)
		return 0;
	return sodium_memcmp(a, b, CERT_CODE_CHARS) == 0;
}

void
cert_nip_mask(const char *nip, char out[CERT_NIP_MASK_LEN])
{
	size_t	 i;

	memset(out, '*', 18);
	out[18] = '\0';
	if (!nip_format(nip))
		return;
	for (i = 0; i < 18; i++)
		if (i < 4 || i >= 14)
			out[i] = nip[i];
}
