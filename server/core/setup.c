/* setup: one-time setup codes. See setup.h. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "nip.h"
#include "setup.h"

/* No 0/O, 1/I/L: read aloud or copied from paper without mistakes. */
static const char alphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
#define ALPHABET_N	((uint32_t)(sizeof(alphabet) - 1))

int
setup_code_hash(const char *nip, const char *code, unsigned char out[32])
{
	char	 c[SETUP_CODE_LEN + 1];
	size_t	 i, n = 0;
	int	 ch;

	if (!nip_format(nip) || code == NULL ||
	    strlen(code) > SETUP_INPUT_MAX)
		return -1;
	for (i = 0; code[i]; i++) {
		if (code[i] == ' ' || code[i] == '-')
			continue;
		ch = toupper((unsigned char)code[i]);
		if (n == SETUP_CODE_LEN || ch == '\0' ||
		    strchr(alphabet, ch) == NULL)
			return -1;
		c[n++] = (char)ch;
	}
	if (n != SETUP_CODE_LEN)
		return -1;
	/* Keyed by the NIP: the same code for two people hashes apart. */
	crypto_generichash(out, 32, (const unsigned char *)c, n,
	    (const unsigned char *)nip, NIP_LEN);
	sodium_memzero(c, sizeof(c));
	return 0;
}

int
setup_issue(struct store *st, const struct user *u, int64_t now,
    char code[SETUP_CODE_BUF])
{
	unsigned char	 h[32];
	int		 i, j = 0;

	for (i = 0; i < SETUP_CODE_LEN; i++) {
		if (i == SETUP_CODE_LEN / 2)
			code[j++] = '-';
		code[j++] = alphabet[randombytes_uniform(ALPHABET_N)];
	}
	code[j] = '\0';
	if (setup_code_hash(u->nip, code, h) == -1)
		return -1;
	return store_setup_set(st, u->id, h, now + SETUP_CODE_TTL);
}

