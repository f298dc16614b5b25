/* unit-layer: content */
/*
 * Unit tests for course: `lentera check` diagnostics. The broken fixture
 * tree must give exactly the five path:line problems its README lists
 * (one per broken folder, none for kursus-baik); the sample courses and
 * the hostile fixture must give none. Run from the repository root
 * (tests/run.sh does).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "log.h"
#include "t.h"

#define BROKEN	"tests/fixtures/courses-broken"

/* Expected "path:line:" prefixes, from courses-broken/README.txt. */
static const char *const expected[] = {
	BROKEN "/tanpa-penutup/course.md:1: ",
	BROKEN "/level-tujuh/course.md:7: ",
	BROKEN "/jenis-kompetensi-salah/course.md:6: ",
	BROKEN "/id-beda/course.md:2: ",
	BROKEN "/modul-tanpa-judul/01-pengantar.md:1: ",
};
#define NEXPECTED	(sizeof(expected) / sizeof(expected[0]))

/* Does some line of out start with prefix? */
static int
has_line(const char *out, const char *prefix)
{
	const char	*p = out;
	size_t		 n = strlen(prefix);

	while (p && *p) {
		if (strncmp(p, prefix, n) == 0)
			return 1;
		if ((p = strchr(p, '\n')) != NULL)
			p++;
	}
	return 0;
}

static int
count_lines(const char *out)
{
	int	 n = 0;

	for (; out && *out; out++)
		n += *out == '\n';
	return n;
}

static void
check_broken(void)
{
	struct buf	 out = { 0 };
	char		 name[256];
	size_t		 i;
	int		 n;

	n = course_check(BROKEN, &out);
	buf_addc(&out, '\0');
	for (i = 0; i < NEXPECTED; i++) {
		snprintf(name, sizeof(name), "course_check broken: %s",
		    expected[i] + sizeof(BROKEN));
		T_OK(has_line(out.p, expected[i]), name);
	}
	T_OK(n == (int)NEXPECTED, "course_check broken: exactly five problems");
	T_OK(count_lines(out.p) == n, "course_check broken: count = lines");
	T_OK(strstr(out.p, "kursus-baik") == NULL,
	    "course_check broken: kursus-baik has no problems");
	if (n != (int)NEXPECTED)
		fprintf(stderr, "course_check output:\n%s", out.p);
	buf_free(&out);
}

static void
check_clean(const char *dir, const char *name)
{
	struct buf	 out = { 0 };
	int		 n;

	n = course_check(dir, &out);
	T_OK(n == 0 && out.n == 0, name);
	if (out.n)
		fprintf(stderr, "%.*s", (int)out.n, out.p);
	buf_free(&out);
}

static void
check_loader(void)
{
	struct catalog	*cat;

	/* The server's loader skips the broken ones, keeps the good one. */
	T_OK(course_init(BROKEN) == 1, "course_init broken: one course loads");
	cat = course_catalog();
	T_OK(cat->n == 1 && course_find(cat, "kursus-baik") != NULL &&
	    course_find(cat, "level-tujuh") == NULL,
	    "course_init broken: kursus-baik serves, level-tujuh skipped");
	course_release(cat);
	course_shutdown();
}

int
main(void)
{
	log_set_quiet(1);
	check_broken();
	check_clean("courses", "course_check courses/: no problems");
	check_clean("tests/fixtures/courses-hostile",
	    "course_check courses-hostile: no problems");
	check_loader();
	T_DONE();
}
