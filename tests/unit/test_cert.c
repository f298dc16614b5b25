/* unit-layer: core */
/* Unit tests for cert.c: key file handling, sign/verify, numbers. */
#include <sys/stat.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "t.h"

static char dir[64], path[128];

static void
test_keyfile(void)
{
	struct cert_key *k = NULL, *k2 = NULL;
	struct stat st, dst;
	char	 err[256], pk[CERT_PK_B64_LEN], bad[128];
	FILE	*f;

	snprintf(path, sizeof(path), "%s/keys/sub/cert.key", dir);
	T_OK(cert_key_load(path, &k, err, sizeof(err)) == 0 && k != NULL,
	    "cert key generated when missing");
	T_OK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600,
	    "cert key file mode 0600");
	snprintf(bad, sizeof(bad), "%s/keys/sub", dir);
	T_OK(stat(bad, &dst) == 0 && (dst.st_mode & 0777) == 0700,
	    "cert key parent dir created 0700");
	T_OK(k && strlen(cert_public_b64(k)) == 44, "cert public key base64");
	snprintf(pk, sizeof(pk), "%s", k ? cert_public_b64(k) : "");
	T_OK(cert_key_load(path, &k2, err, sizeof(err)) == 0 && k2 &&
	    strcmp(cert_public_b64(k2), pk) == 0,
	    "cert reload gives the same public key");
	cert_key_free(k2);
	k2 = NULL;

	chmod(path, 0644);
	T_OK(cert_key_load(path, &k2, err, sizeof(err)) == -1 && k2 == NULL &&
	    strstr(err, "chmod 600") != NULL, "cert world-readable key refused");
	chmod(path, 0640);
	T_OK(cert_key_load(path, &k2, err, sizeof(err)) == -1,
	    "cert group-readable key refused");
	chmod(path, 0600);

	snprintf(bad, sizeof(bad), "%s/bad.key", dir);
	if ((f = fopen(bad, "w")) != NULL) {
		fputs("lentera-ed25519-seed-v1\nnot base64!!\n", f);
		fclose(f);
	}
	chmod(bad, 0600);
	T_OK(cert_key_load(bad, &k2, err, sizeof(err)) == -1 &&
	    strstr(err, "malformed") != NULL, "cert malformed key refused");
	if ((f = fopen(bad, "w")) != NULL) {
		fputs("", f);
		fclose(f);
	}
	T_OK(cert_key_load(bad, &k2, err, sizeof(err)) == -1,
	    "cert empty key file refused, not regenerated");
	unlink(bad);
	if (symlink(path, bad) == 0) {
		T_OK(cert_key_load(bad, &k2, err, sizeof(err)) == -1 &&
		    strstr(err, "symlink") != NULL, "cert symlinked key refused");
		unlink(bad);
	}
	cert_key_free(k);
}

static void
test_sign(void)
{
	static const char payload[] = "{\"nip\":\"198501012010011001\","
	    "\"course\":\"etika-asn\",\"score\":92}";
	struct cert_key *k = NULL;
	char	 err[256], sig[CERT_SIG_B64_LEN], t[sizeof(payload)];
	char	 sig2[CERT_SIG_B64_LEN];

	if (cert_key_load(path, &k, err, sizeof(err)) != 0) {
		T_OK(0, "cert load for signing");
		return;
	}
	T_OK(cert_sign(k, payload, sizeof(payload) - 1, sig, sizeof(sig)) ==
	    0 && strlen(sig) == 88 && sig[87] == '=', "cert sign base64");
	T_OK(cert_verify(cert_public_b64(k), payload, sizeof(payload) - 1,
	    sig) == 1, "cert sign/verify round trip");
	memcpy(t, payload, sizeof(payload));
	t[30] ^= 1;
	T_OK(cert_verify(cert_public_b64(k), t, sizeof(payload) - 1, sig) == 0,
	    "cert tampered payload fails");
	T_OK(cert_verify(cert_public_b64(k), payload, sizeof(payload) - 2,
	    sig) == 0, "cert truncated payload fails");
	memcpy(sig2, sig, sizeof(sig));
	sig2[10] = sig2[10] == 'A' ? 'B' : 'A';
	T_OK(cert_verify(cert_public_b64(k), payload, sizeof(payload) - 1,
	    sig2) == 0, "cert tampered signature fails");
	T_OK(cert_verify(cert_public_b64(k), payload, sizeof(payload) - 1,
	    "AAAA") == 0, "cert short signature fails");
	T_OK(cert_verify("not-base64", payload, sizeof(payload) - 1, sig) == 0,
	    "cert bad public key fails");
	T_OK(cert_verify(NULL, payload, 1, sig) == 0, "cert NULL key fails");
	T_OK(cert_sign(k, payload, 3, sig2, 88) == -1,
	    "cert sign refuses short output buffer");
	cert_key_free(k);
}

static void
test_number(void)
{
	char	 out[64];

	T_OK(cert_number(out, sizeof(out), "LTR", 2026, 123) == 0 &&
	    strcmp(out, "LTR/2026/000123") == 0, "cert number format");
	T_OK(cert_number(out, sizeof(out), "LTR", 2026, 1234567) == 0 &&
	    strcmp(out, "LTR/2026/1234567") == 0, "cert number past 6 digits");
	T_OK(cert_number(out, sizeof(out), "LTR", 2026, 0) == -1,
	    "cert number seq 0 refused");
	T_OK(cert_number(out, sizeof(out), "ltr/x", 2026, 1) == -1 &&
	    out[0] == '\0', "cert number bad prefix refused");
	T_OK(cert_number(out, 10, "LTR", 2026, 1) == -1 && out[0] == '\0',
	    "cert number short buffer");
	T_OK(cert_number(out, sizeof(out), "LTR", 99, 1) == -1,
	    "cert number bad year");
}

int
main(void)
{
	char	 cmd[128];

	snprintf(dir, sizeof(dir), "/tmp/test_cert.XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	test_keyfile();
	test_sign();
	test_number();
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	if (system(cmd) != 0)
		return 1;
	T_DONE();
}
