/* cli: helpers shared by the command-line jobs. See cli.h. */
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
#include "cli.h"
#include "http.h"
#include "log.h"
#include "store.h"

int
cli_bad_flag(const char *cmd, const char *arg)
{
	fprintf(stderr, "lentera %s: unknown or incomplete flag %s "
	    "(see lentera %s --help)\n", cmd, arg ? arg : "", cmd);
	return 2;
}

int
cli_int(const char *cmd, const char *flag, const char *v, int lo, int hi,
    int *out)
{
	char	*e;
	long	 n;

	errno = 0;
	n = strtol(v, &e, 10);
	if (*v == '\0' || *e != '\0' || errno || n < lo || n > hi) {
		fprintf(stderr, "lentera %s: %s must be %d..%d\n", cmd, flag,
		    lo, hi);
		return -1;
	}
	*out = (int)n;
	return 0;
}

int
cli_read_line(char *out, size_t len)
{
	size_t	 n;

	if (fgets(out, (int)len, stdin) == NULL)
		return -1;
	n = strcspn(out, "\r\n");
	if (out[n] == '\0' && n == len - 1)
		return -1;	/* longer than the buffer */
	out[n] = '\0';
	return 0;
}

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

/* The quiz seed key: 32 random bytes in a 0600 file, made once. */
static int
load_seed_key(const char *path, unsigned char key[32])
{
	struct stat	 st;
	int		 fd;
	ssize_t		 n;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW)) != -1) {
		/* Who reads it can predict every quiz paper: as strict as
		   the certificate key. */
		if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode) ||
		    (st.st_mode & 077)) {
			log_warnx("%s: key file mode %03o is readable by group "
			    "or others (or not a file); run chmod 600", path,
			    (unsigned)(st.st_mode & 0777));
			close(fd);
			return -1;
		}
		n = read(fd, key, 32);
		close(fd);
		return n == 32 ? 0 : -1;
	}
	randombytes_buf(key, 32);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW,
	    0600)) == -1 || write(fd, key, 32) != 32 || fsync(fd) == -1) {
		log_warnx("%s: %s", path, strerror(errno));
		if (fd != -1)
			close(fd);
		return -1;
	}
	return close(fd);
}

/* Data directory, keys and schema shared by serve and the CLI jobs. */
int
cli_open_db(const char *db, int keys)
{
	char	 tmp[sizeof(app.db)], path[sizeof(app.datadir) + 32], err[256];

	if (app.cert_prefix[0] == '\0')
		snprintf(app.cert_prefix, sizeof(app.cert_prefix), "LTR");
	snprintf(app.db, sizeof(app.db), "%s", db);
	snprintf(tmp, sizeof(tmp), "%s", db);
	snprintf(app.datadir, sizeof(app.datadir), "%s", dirname(tmp));
	if (mkdir_private(app.datadir) == -1 || tighten(app.datadir, 1) == -1)
		return -1;
	{
		static const char *const sfx[] = { "", "-wal", "-shm",
		    "-journal" };
		size_t	 i;

		for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
			snprintf(tmp, sizeof(tmp), "%s%s", app.db, sfx[i]);
			if (tighten(tmp, 0) == -1)
				return -1;
		}
	}
	if (store_migrate(app.db) == -1)
		return -1;
	if (!keys)
		return 0;
	snprintf(path, sizeof(path), "%s/keys", app.datadir);
	if (mkdir_private(path) == -1 || tighten(path, 1) == -1)
		return -1;
	snprintf(path, sizeof(path), "%s/keys/certificate.key", app.datadir);
	if (cert_key_load(path, &app.key, err, sizeof(err)) == -1) {
		log_warnx("certificate key: %s", err);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/keys/quiz-seed.key", app.datadir);
	return load_seed_key(path, app.seed_key);
}

