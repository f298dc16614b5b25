/*
 * token: the `lentera token` job, which manages HR API bearer tokens.
 *
 *   lentera token create --name NAME [--db PATH]
 *   lentera token revoke --name NAME [--db PATH]
 *   lentera token list [--db PATH]
 *
 * create prints a new token once on standard output (32 random bytes,
 * base64url without padding: 43 characters); only its BLAKE2b-256 hash
 * is stored, so a lost token cannot be shown again, only revoked and
 * replaced. Names stay unique even after revocation, so the audit log
 * and access log ("token:NAME") always name one token. create and revoke
 * write audit rows (token.create, token.revoke).
 */
#include <sys/stat.h>

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "cli.h"
#include "cmds.h"
#include "log.h"
#include "store.h"
#include "utc.h"

#define TOKEN_BYTES	32

static const char usage_token[] =
    "usage: lentera token create --name NAME [--db PATH]\n"
    "       lentera token revoke --name NAME [--db PATH]\n"
    "       lentera token list [--db PATH]\n"
    "create prints a new HR API token once (only its hash is kept);\n"
    "revoke disables it at once. NAME: 1-64 of A-Z a-z 0-9 . _ -\n";

static int
name_ok(const char *s)
{
	size_t	 n = strlen(s);

	return n > 0 && n <= STORE_TOKEN_NAME_MAX && strspn(s,
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	    "._-") == n;
}

static void
date_utc(int64_t t, char out[11])
{
	char	 iso[UTC_ISO_LEN];

	utc_iso(t, iso);	/* "yyyy-mm-ddThh:mm:ssZ": its date */
	snprintf(out, 11, "%.10s", iso);
}

static int
list_row(void *arg, const struct token_row *t)
{
	char	 c[11], v[11];

	(void)arg;
	date_utc(t->created_at, c);
	date_utc(t->revoked_at, v);
	printf("%s\tcreated %s\t%s%s\n", t->name, c,
	    t->revoked_at ? "revoked " : "active", t->revoked_at ? v : "");
	return 0;
}

static int
create(struct store *st, const char *name)
{
	unsigned char	 raw[TOKEN_BYTES], hash[32];
	char		 tok[sodium_base64_ENCODED_LEN(TOKEN_BYTES,
			    sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char		 detail[STORE_TOKEN_NAME_MAX + 16];
	int		 rc;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(tok, sizeof(tok), raw, sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_generichash(hash, sizeof(hash), (const unsigned char *)tok,
	    strlen(tok), NULL, 0);
	sodium_memzero(raw, sizeof(raw));
	/* The token and its audit row: both or neither. */
	snprintf(detail, sizeof(detail), "%s", name);
	if ((rc = store_begin(st)) == 0) {
		rc = store_token_insert(st, name, hash, (int64_t)time(NULL));
		if (rc == 0)
			rc = store_audit(st, 0, "token.create", detail, "cli");
		rc = store_end(st, rc);
	}
	if (rc != 0) {
		if (rc == 1)
			fprintf(stderr, "lentera token: a token named %s "
			    "exists (names stay taken after revoke)\n", name);
		sodium_memzero(tok, sizeof(tok));
		return 1;
	}
	fprintf(stderr, "token %s created; it is shown only now:\n", name);
	printf("%s\n", tok);
	sodium_memzero(tok, sizeof(tok));
	return 0;
}

static int
revoke(struct store *st, const char *name)
{
	int	 rc;

	if ((rc = store_begin(st)) == 0) {
		rc = store_token_revoke(st, name, (int64_t)time(NULL));
		if (rc == 0)
			rc = store_audit(st, 0, "token.revoke", name, "cli");
		rc = store_end(st, rc);
	}
	if (rc != 0) {
		if (rc == 1)
			fprintf(stderr, "lentera token: no active token named "
			    "%s\n", name);
		return 1;
	}
	printf("token %s revoked\n", name);
	return 0;
}

int
cli_token(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	const char	*db = CLI_DEFAULT_DB, *name = NULL, *sub;
	int		 ch, rc = 1;

	if (argc < 2 || argv[1][0] == '-') {
		if (argc > 1 && strcmp(argv[1], "--help") == 0) {
			fputs(usage_token, stdout);
			return 0;
		}
		fputs(usage_token, stderr);
		return 2;
	}
	sub = argv[1];
	argc--;
	argv++;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'n': name = optarg; break;
		case 'd': db = optarg; break;
		case 'h': fputs(usage_token, stdout); return 0;
		default: return cli_bad_flag("token", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_flag("token", argv[optind]);
	if (strcmp(sub, "list") != 0 && strcmp(sub, "create") != 0 &&
	    strcmp(sub, "revoke") != 0) {
		fputs(usage_token, stderr);
		return 2;
	}
	if (strcmp(sub, "list") != 0 && (name == NULL || !name_ok(name))) {
		fprintf(stderr, "lentera token %s: --name NAME required "
		    "(1-%d of A-Z a-z 0-9 . _ -)\n", sub, STORE_TOKEN_NAME_MAX);
		return 2;
	}
	if (sodium_init() < 0 || config_open(db, 0) == -1 ||
	    store_open(cfg.db, &st) == -1)
		return 1;
	if (strcmp(sub, "create") == 0)
		rc = create(st, name);
	else if (strcmp(sub, "revoke") == 0)
		rc = revoke(st, name);
	else
		rc = store_token_list(st, list_row, NULL) == -1 ? 1 : 0;
	store_close(st);
	return rc;
}
