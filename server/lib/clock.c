/* clock: see clock.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"

enum mode { REAL, FIXED, SHIFT, FILED };

/* Set once before the server's threads start, read-only after. */
static enum mode	 mode = REAL;
static int64_t		 value;			/* FIXED: the time; SHIFT: offset */
static char		 path[CLOCK_PATH_MAX];	/* FILED */

/* "N", "+N" or "-N" (surrounding blanks allowed): 0, or -1 if malformed. */
static int
parse(const char *s, enum mode *m, int64_t *v)
{
	char		*end;
	long long	 n;

	while (*s == ' ' || *s == '\t')
		s++;
	if (!((*s >= '0' && *s <= '9') || *s == '+' || *s == '-'))
		return -1;
	errno = 0;
	n = strtoll(s, &end, 10);
	if (errno || end == s || (*s != '+' && *s != '-' && n < 0))
		return -1;
	while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\r')
		end++;
	if (*end != '\0' || n > 4102444800LL || n < -4102444800LL)
		return -1;	/* past 2100: not a time a test means */
	*m = *s == '+' || *s == '-' ? SHIFT : FIXED;
	*v = n;
	return 0;
}

/* The file's value: 0 and *m REAL when missing or empty. */
static int
read_file(enum mode *m, int64_t *v)
{
	char	 s[CLOCK_SPEC_MAX + 1];
	ssize_t	 n;
	int	 fd;

	*m = REAL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return errno == ENOENT ? 0 : -1;
	n = read(fd, s, CLOCK_SPEC_MAX);
	close(fd);
	if (n < 0)
		return -1;
	s[n] = '\0';
	if (strspn(s, " \t\r\n") == (size_t)n)
		return 0;
	return parse(s, m, v);
}

int64_t
clock_now(void)
{
	int64_t		 real = (int64_t)time(NULL), v = 0;
	enum mode	 m = mode;

	if (m != FILED)
		v = value;
	else if (read_file(&m, &v) == -1)
		m = REAL;	/* unreadable or bad: real time, never a crash */
	switch (m) {
	case FIXED:
		return v;
	case SHIFT:
		return real + v;
	default:
		return real;
	}
}

int
clock_test_enable(char *err, size_t errlen)
{
	const char	*s = getenv("LENTERA_TEST_NOW");
	enum mode	 m;
	int64_t		 v;

	if (s == NULL || *s == '\0')
		return 0;
	if (*s == '@') {
		if (strlen(s + 1) == 0 || strlen(s + 1) >= sizeof(path)) {
			snprintf(err, errlen, "LENTERA_TEST_NOW=@PATH: no path "
			    "or a path too long");
			return -1;
		}
		snprintf(path, sizeof(path), "%s", s + 1);
		if (read_file(&m, &v) == -1) {
			snprintf(err, errlen, "LENTERA_TEST_NOW: %s: unreadable "
			    "or not N, +N or -N", path);
			return -1;
		}
		mode = FILED;
		return 0;
	}
	if (strlen(s) > CLOCK_SPEC_MAX || parse(s, &m, &v) == -1) {
		snprintf(err, errlen, "LENTERA_TEST_NOW: \"%.64s\" is not N, "
		    "+N, -N or @PATH", s);
		return -1;
	}
	mode = m;
	value = v;
	return 0;
}
