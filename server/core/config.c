/* config: the process configuration and its keys. See config.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "config.h"
#include "log.h"
#include "store.h"
#include "store_pg.h"

struct config	 cfg;

/* Ensure dir exists with mode 0700. */
static int
mkdir_private(const char *dir)
{
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		log_warnx("mkdir %s: %s", dir, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Take group and other permissions off something of ours that older
 * versions (or an operator's umask) left open: the database and its
 * -wal/-shm/-journal files hold password hashes and personal data.
 * Folders that are not ours alone (sticky like /tmp, or owned by another
 * user) are left as they are. 0 fine or fixed, -1 cannot fix.
 */
static int
tighten(const char *path, int dir)
{
	struct stat	 st;

	if (lstat(path, &st) == -1)
		return errno == ENOENT ? 0 : -1;
	if (dir ? !S_ISDIR(st.st_mode) : !S_ISREG(st.st_mode))
		return 0;
	if ((st.st_mode & 077) == 0 || st.st_uid != geteuid() ||
	    (st.st_mode & S_ISVTX))
		return 0;
	if (chmod(path, st.st_mode & 0700) == -1) {
		log_warnx("%s: mode %03o readable by others, cannot fix: %s",
		    path, (unsigned)(st.st_mode & 0777), strerror(errno));
		return -1;
	}
	log_warnx("%s: mode %03o was readable by others; now %03o", path,
	    (unsigned)(st.st_mode & 0777), (unsigned)(st.st_mode & 0700));
	return 0;
}

/*
 * The quiz seed key: CONFIG_SEED_KEY_LEN random bytes in a 0600 file, made
 * once. Who reads it can predict every quiz paper, so it is checked as the
 * certificate key is (cert.c readkey): no symlink, a regular file, owner
 * only, and exactly its size.
 */
static int
load_seed_key(const char *path, unsigned char key[CONFIG_SEED_KEY_LEN])
{
	struct stat	 st;
	int		 fd;
	ssize_t		 n;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) != -1) {
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
			log_warnx("%s: not a regular file", path);
			close(fd);
			return -1;
		}
		if (st.st_mode & 077) {
			log_warnx("%s: key file mode %03o is readable by group "
			    "or others; run chmod 600", path,
			    (unsigned)(st.st_mode & 0777));
			close(fd);
			return -1;
		}
		if (st.st_size != CONFIG_SEED_KEY_LEN) {
			log_warnx("%s: malformed key file (%lld bytes, not %d)",
			    path, (long long)st.st_size, CONFIG_SEED_KEY_LEN);
			close(fd);
			return -1;
		}
		n = read(fd, key, CONFIG_SEED_KEY_LEN);
		close(fd);
		return n == CONFIG_SEED_KEY_LEN ? 0 : -1;
	}
	if (errno == ELOOP) {
		log_warnx("%s: key file is a symlink; refused", path);
		return -1;
	}
	if (errno != ENOENT) {
		log_warnx("%s: %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(key, CONFIG_SEED_KEY_LEN);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1 || write(fd, key, CONFIG_SEED_KEY_LEN) !=
	    CONFIG_SEED_KEY_LEN || fsync(fd) == -1) {
		log_warnx("%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return close(fd);
}

void
config_defaults(int threads)
{
	memset(&cfg, 0, sizeof(cfg));
	snprintf(cfg.listen, sizeof(cfg.listen), "127.0.0.1");
	snprintf(cfg.courses, sizeof(cfg.courses), "courses");
	snprintf(cfg.web, sizeof(cfg.web), "web");
	snprintf(cfg.db, sizeof(cfg.db), "%s", CONFIG_DB);
	snprintf(cfg.cert_prefix, sizeof(cfg.cert_prefix), "%s",
	    CONFIG_CERT_PREFIX);
	cfg.port = 8080;
	cfg.threads = threads;
	cfg.demo = 1;
	cfg.jp_minutes = CONFIG_JP_MINUTES;
	cfg.eval_followup_months = 3;	/* EVAL_FOLLOWUP_DEFAULT (evaluation.h) */
}

void
config_keys_dir(char *out, size_t len)
{
	if (cfg.keys[0])
		snprintf(out, len, "%s", cfg.keys);
	else
		snprintf(out, len, "%s/keys", cfg.datadir);
}

int
config_keys_arg(const char *dir)
{
	size_t	 n = dir ? strlen(dir) : 0;

	if (n == 0 || n >= sizeof(cfg.keys))
		return -1;
	memcpy(cfg.keys, dir, n + 1);
	return 0;
}

void
config_close(void)
{
	cert_key_free(cfg.key);
	cfg.key = NULL;
	sodium_memzero(cfg.seed_key, sizeof(cfg.seed_key));
}

static int	open_pg(int);
static int	open_keys(void);

/* Data directory, keys and schema shared by serve and the CLI jobs. */
int
config_open(const char *db, int keys)
{
	char	 tmp[sizeof(cfg.db)];

	if (cfg.cert_prefix[0] == '\0')
		snprintf(cfg.cert_prefix, sizeof(cfg.cert_prefix), "%s",
		    CONFIG_CERT_PREFIX);
	if (cfg.jp_minutes <= 0)
		cfg.jp_minutes = CONFIG_JP_MINUTES;
	snprintf(cfg.db, sizeof(cfg.db), "%s", db);
	if ((cfg.db_pg = store_pg_is_url(db)) != 0)
		return open_pg(keys);
	snprintf(tmp, sizeof(tmp), "%s", db);
	snprintf(cfg.datadir, sizeof(cfg.datadir), "%s",
	    cfg.data[0] ? cfg.data : dirname(tmp));
	if (mkdir_private(cfg.datadir) == -1 || tighten(cfg.datadir, 1) == -1)
		return -1;
	{
		static const char *const sfx[] = { "", "-wal", "-shm",
		    "-journal" };
		size_t	 i;

		for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
			snprintf(tmp, sizeof(tmp), "%s%s", cfg.db, sfx[i]);
			if (tighten(tmp, 0) == -1)
				return -1;
		}
	}
	if (store_migrate(cfg.db) == -1)
		return -1;
	return keys ? open_keys() : 0;
}

/* A PostgreSQL site: keys from --keys only (a node must never make keys
   of its own: certificates signed by one would not verify on the others),
   uploads in --data, the schema migrated under the database's own lock. */
static int
open_pg(int keys)
{
	if (keys && cfg.keys[0] == '\0') {
		log_warnx("a PostgreSQL database needs --keys DIR: the same "
		    "keys folder on every node (docs/deploy.md)");
		return -1;
	}
	snprintf(cfg.datadir, sizeof(cfg.datadir), "%s",
	    cfg.data[0] ? cfg.data : "data");
	/* A CLI job on a PostgreSQL site keeps nothing on this machine. */
	if ((keys || cfg.data[0]) && (mkdir_private(cfg.datadir) == -1 ||
	    tighten(cfg.datadir, 1) == -1))
		return -1;
	if (store_pg_migrate(cfg.db) == -1)
		return -1;
	return keys ? open_keys() : 0;
}

static int
open_keys(void)
{
	char	 dir[sizeof(cfg.keys)], path[sizeof(cfg.keys) + 32], err[256];

	config_keys_dir(dir, sizeof(dir));
	if (mkdir_private(dir) == -1 || tighten(dir, 1) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/certificate.key", dir);
	if (cert_key_load(path, &cfg.key, err, sizeof(err)) == -1) {
		log_warnx("certificate key: %s", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/quiz-seed.key", dir);
	return load_seed_key(path, cfg.seed_key);
}

int
config_base_url(const char *in, char out[CONFIG_BASE_MAX], const char **why)
{
	size_t		 n = strlen(in), s, h, i;
	const char	*p;

	*why = "must be an absolute http:// or https:// URL without query "
	    "or fragment, e.g. https://lentera.example.go.id";
	if (strncasecmp(in, "http://", 7) == 0)
		s = 7;
	else if (strncasecmp(in, "https://", 8) == 0)
		s = 8;
	else
		return -1;
	while (n > s && in[n - 1] == '/')
		n--;
	if (n >= CONFIG_BASE_MAX) {
		*why = "is too long (at most 255 bytes)";
		return -1;
	}
	p = in + s;
	/* Host: a name, an IPv4 address or [IPv6]; then :port. */
	if (*p == '[') {
		h = strspn(p + 1, "0123456789abcdefABCDEF:.");
		if (p[1 + h] != ']' || h == 0)
			return -1;
		h += 2;
	} else
		h = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP"
		    "QRSTUVWXYZ0123456789.-");
	if (h == 0 || p[0] == '.' || p[0] == '-')
		return -1;
	if (p[h] == ':') {
		size_t	 d = strspn(p + h + 1, "0123456789");
		long	 port = atol(p + h + 1);

		if (d == 0 || d > 5 || port < 1 || port > 65535)
			return -1;
		h += 1 + d;
	}
	if (s + h < n && p[h] != '/')
		return -1;	/* userinfo '@', '?', '#' or junk */
	for (i = s + h; i < n; i++)
		if ((unsigned char)in[i] <= ' ' || (unsigned char)in[i] >= 0x7f ||
		    strchr("?#\"<>\\^`{|}", in[i]))
			return -1;
	for (i = 0; i < n; i++)
		out[i] = i < s + h && in[i] >= 'A' && in[i] <= 'Z' ?
		    (char)(in[i] - 'A' + 'a') : in[i];
	out[n] = '\0';
	return 0;
}
