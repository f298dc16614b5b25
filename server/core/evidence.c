/* evidence: learning evidence files. See evidence.h. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "evidence.h"
#include "log.h"

const char *
evidence_type(const void *data, size_t n)
{
	const unsigned char *p = data;

	if (n >= 5 && memcmp(p, "%PDF-", 5) == 0)
		return "application/pdf";
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return "image/png";
	if (n >= 4 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return "image/jpeg";
	return NULL;
}

const char *
evidence_ext(const char *type)
{
	if (type == NULL)
		return NULL;
	if (strcmp(type, "application/pdf") == 0)
		return ".pdf";
	if (strcmp(type, "image/png") == 0)
		return ".png";
	if (strcmp(type, "image/jpeg") == 0)
		return ".jpg";
	return NULL;
}

int
evidence_name_ok(const char *name)
{
	size_t	 i;

	for (i = 0; i < 32; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	return strcmp(name + 32, ".pdf") == 0 || strcmp(name + 32, ".png") == 0 ||
	    strcmp(name + 32, ".jpg") == 0;
}

void
evidence_path(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s%s%s", cfg.datadir, EVIDENCE_DIR,
	    name ? "/" : "", name ? name : "");
}

static int
sync_dir(const char *dir)
{
	int	 fd, rc;

	if ((fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int
evidence_save(const void *data, size_t n, const char *type,
    char name[EVIDENCE_NAME_MAX])
{
	unsigned char	 rnd[16];
	char		 dir[sizeof(cfg.datadir) + 16], path[sizeof(dir) + 48];
	const char	*ext = evidence_ext(type), *p = data;
	size_t		 off = 0;
	ssize_t		 w;
	int		 fd;

	if (ext == NULL || n > EVIDENCE_MAX)
		return -1;
	evidence_path(dir, sizeof(dir), NULL);
	if (mkdir(dir, 0700) == -1 && errno != EEXIST) {
		log_warnx("evidence: mkdir %s: %s", dir, strerror(errno));
		return -1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(name, 33, rnd, sizeof(rnd));
	snprintf(name + 32, EVIDENCE_NAME_MAX - 32, "%s", ext);
	evidence_path(path, sizeof(path), name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		log_warnx("evidence: create %s: %s", path, strerror(errno));
		return -1;
	}
	while (off < n) {
		if ((w = write(fd, p + off, n - off)) <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			goto err;
		}
		off += (size_t)w;
	}
	if (fsync(fd) == -1 || close(fd) == -1) {
		fd = -1;
		goto err;
	}
	if (sync_dir(dir) == -1) {
		fd = -1;
		goto err;
	}
	return 0;
err:
	log_warnx("evidence: write %s: %s", path, strerror(errno));
	if (fd != -1)
		close(fd);
	unlink(path);
	name[0] = '\0';
	return -1;
}

void
evidence_remove(const char *name)
{
	char	 path[sizeof(cfg.datadir) + 64];

	if (name == NULL || !evidence_name_ok(name))
		return;
	evidence_path(path, sizeof(path), name);
	if (unlink(path) == -1 && errno != ENOENT)
		log_warnx("evidence: unlink %s: %s", path, strerror(errno));
}
