/* unit-layer: lib */
/* Unit tests for buf: appends with and without room ahead, URL escaping
   (runs of unreserved characters are appended whole), the size bound. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "t.h"

static int
is(const struct buf *b, const char *want)
{
	return !b->oom && b->n == strlen(want) && b->p != NULL &&
	    memcmp(b->p, want, b->n) == 0 && b->p[b->n] == '\0';
}

static void
test_add(void)
{
	struct buf	 b = { 0 };
	size_t		 cap;
	int		 i, ok = 1;

	buf_add(&b, "", 0);
	T_OK(b.n == 0 && !b.oom, "buf empty append adds nothing");
	buf_adds(&b, "abc");
	buf_addc(&b, '-');
	buf_addi(&b, -1203);
	T_OK(is(&b, "abc--1203"), "buf appends, NUL-terminated");
	buf_reset(&b);
	buf_reserve(&b, 1000);
	cap = b.cap;
	for (i = 0; i < 100; i++)
		buf_add(&b, "0123456789", 9);
	T_OK(b.n == 900 && b.cap == cap && b.p[900] == '\0',
	    "buf appends into reserved room without growing");
	for (i = 0; i < 100 && ok; i++) {
		buf_add(&b, "0123456789", 10);
		ok = b.p[b.n] == '\0' && b.p[b.n - 1] == '9';
	}
	T_OK(ok && b.n == 1900 && b.cap >= 1901, "buf grows past the room");
	buf_free(&b);
	buf_add(&b, "x", (size_t)-1 / 2);
	T_OK(b.oom && b.n == 0, "buf refuses a size past BUF_MAX");
	buf_add(&b, "x", 1);
	T_OK(b.oom && b.n == 0, "buf ignores appends once out of memory");
	buf_free(&b);
}

static void
test_url(void)
{
	struct buf	 b = { 0 };

	buf_url(&b, "/courses/kursus-001/03-modul_3.x~y");
	T_OK(is(&b, "%2Fcourses%2Fkursus-001%2F03-modul_3.x~y"),
	    "buf_url escapes / and keeps unreserved runs");
	buf_reset(&b);
	buf_url(&b, "a b&c=d?e#f+g%");
	T_OK(is(&b, "a%20b%26c%3Dd%3Fe%23f%2Bg%25"), "buf_url reserved characters");
	buf_reset(&b);
	buf_url(&b, "Jalan Mawar \xc3\xa9");
	T_OK(is(&b, "Jalan%20Mawar%20%C3%A9"), "buf_url UTF-8 bytes");
	buf_reset(&b);
	buf_adds(&b, "x");
	buf_url(&b, "");
	buf_url(&b, NULL);
	T_OK(is(&b, "x"), "buf_url empty and NULL add nothing");
	buf_reset(&b);
	buf_url(&b, "%%");
	T_OK(is(&b, "%25%25"), "buf_url only escapes");
	buf_free(&b);
}

int
main(void)
{
	test_add();
	test_url();
	T_DONE();
}
