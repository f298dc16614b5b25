/*
 * fsync: the durable-commit ceiling of the disk under the database. A
 * WAL commit at synchronous=FULL appends its frames to the -wal file and
 * syncs it once; this appends one 4 KiB page and fdatasyncs, in a loop
 * for SECS seconds, in a scratch file in DIR (removed afterwards), and
 * prints
 *   FSYNC syncs_per_s p50_ms p99_ms
 * One sync per commit is the bound a group commit lifts: N jobs share it.
 *
 *   fsync DIR [SECS]
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define SAMPLES_MAX	1000000

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char *argv[])
{
	char		 path[4096], page[4096];
	double		 secs, t0, t, *lat;
	int		 fd, n = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: fsync DIR [SECS]\n");
		return 2;
	}
	secs = argc > 2 ? atof(argv[2]) : 1.0;
	snprintf(path, sizeof(path), "%s/fsync-probe.%d", argv[1], (int)getpid());
	if ((lat = calloc(SAMPLES_MAX, sizeof(*lat))) == NULL ||
	    (fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600)) == -1) {
		fprintf(stderr, "fsync: %s: %s\n", path, strerror(errno));
		return 1;
	}
	memset(page, 'w', sizeof(page));
	t0 = now();
	while ((t = now()) - t0 < secs && n < SAMPLES_MAX) {
		if (write(fd, page, sizeof(page)) != (ssize_t)sizeof(page) ||
		    fdatasync(fd) == -1) {
			fprintf(stderr, "fsync: %s\n", strerror(errno));
			break;
		}
		lat[n++] = (now() - t) * 1e3;
	}
	t = now() - t0;
	close(fd);
	unlink(path);
	if (n == 0)
		return 1;
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("FSYNC %.0f %.3f %.3f\n", n / t, lat[n / 2],
	    lat[(int)(0.99 * (n - 1))]);
	free(lat);
	return 0;
}
