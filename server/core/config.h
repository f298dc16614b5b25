/*
 * config: the process configuration, set once before any thread starts
 * (by `lentera serve`'s flags or a CLI job's) and read-only after.
 * One set of defaults (config_defaults) for every entry point.
 *
 * Keys: the certificate signing key and the quiz-seed key live in the
 * keys folder, --keys DIR, by default "keys" next to the SQLite file. Both
 * are owner-only regular files, never symlinks, of the exact size their
 * format has; a file that is not is refused, never repaired. Every node of
 * a site must be given the same keys folder (docs/deploy.md), or
 * certificates signed on one would not verify on another.
 *
 * Database: --db PATH is a SQLite file (the default); --db postgres://...
 * (or postgresql://) is a PostgreSQL site, several nodes on one database.
 * Such a site has no file next to which keys and uploads could live, so it
 * needs --keys DIR (the same files on every node, docs/deploy.md) and keeps
 * its uploads in --data DIR (default "data"; a folder every node shares).
 *
 * config_open prepares the data folder (0700, tightening modes older
 * versions left open), migrates the database and, with keys != 0, loads
 * or creates both keys into cfg. 0 ok, -1 failure (logged).
 */
#ifndef LENTERA_CONFIG_H
#define LENTERA_CONFIG_H

#include <stddef.h>

#define CONFIG_DB		"data/lentera.db"
#define CONFIG_CERT_PREFIX	"LTR"
#define CONFIG_JP_MINUTES	45	/* minutes per JP, --jp-minutes */
#define CONFIG_PATH_MAX		1024
#define CONFIG_SEED_KEY_LEN	32
#define CONFIG_BASE_MAX		256	/* bytes of a base URL, NUL included */

struct cert_key;

struct config {
	char		 listen[64];
	int		 port;
	char		 db[CONFIG_PATH_MAX];
	char		 courses[CONFIG_PATH_MAX];
	char		 web[CONFIG_PATH_MAX];
	char		 datadir[CONFIG_PATH_MAX];	/* folder of db */
	char		 keys[CONFIG_PATH_MAX];		/* --keys; "" default */
	int		 threads;
	char		 proxy[64];	/* trusted reverse proxy address, "" none */
	int		 demo;
	int		 jp_minutes;	/* minutes per JP */
	char		 cert_prefix[32];
	struct cert_key	*key;
	unsigned char	 seed_key[CONFIG_SEED_KEY_LEN];	/* keys quiz seeds; secret */
	char		 base_url[CONFIG_BASE_MAX];	/* --base-url, no trailing '/'; "" none */
	/* == seam == */
	/* == pg == */
	int		 db_pg;		/* db is a postgres:// URL (store_pg.h) */
	char		 data[CONFIG_PATH_MAX];	/* --data DIR; "" next to the SQLite file */
	/* == ledger == */
	char		 jp_rules[CONFIG_PATH_MAX];	/* --jp-rules; "" defaults */
	/* == edge == */
	/* == eval == */
	int		 eval_followup_months;	/* level-3 delay, --followup-months */
	/* == plana == */
	int		 skj_default[8];	/* standard.h: level per position class; 0 built-in */
	int		 talent_box[9];	/* skp.h: box number of (kinerja, potensi); 0 built-in */
	/* == planb == */
	char		 smtp_url[CONFIG_BASE_MAX];	/* --smtp-url; "" no e-mail */
	char		 smtp_from[256];		/* --smtp-from */
	char		 smtp_user[128];		/* --smtp-user */
	char		 smtp_pass[256];		/* --smtp-password-file's */
	/* == perf == */
	/* == pgsuite == */
	/* == perfpage == */
	/* == perfdata == */
	/* == perfbench == */
	/* == pgops == */
};
extern struct config cfg;

/* The defaults of every field (threads: the caller's own default). */
void	config_defaults(int threads);
int	config_open(const char *db, int keys);
/* The keys folder in use into out: cfg.keys, else <datadir>/keys. */
void	config_keys_dir(char *out, size_t len);
/* --keys DIR into cfg: 0, -1 empty or too long. */
int	config_keys_arg(const char *dir);
void	config_close(void);
/* --base-url: an absolute http(s) URL without query or fragment; writes
   it without trailing slashes, scheme and host lowercased. 0 ok, -1 with
   *why set. */
int	config_base_url(const char *in, char out[CONFIG_BASE_MAX],
	    const char **why);

#endif
