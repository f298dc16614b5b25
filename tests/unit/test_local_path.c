/* unit-layer: web (tests a request-edge helper of the web layer) */
/* Unit tests for http_local_path: which next= targets may be a Location. */
#include <string.h>

#include "http.h"
#include "t.h"

static void
test_local(void)
{
	static const char *const good[] = {
		"/", "/courses", "/record?year=2026", "/courses/a/b?x=1&y=%2F",
		"/@user", "/%2F/x", "/a/b/", "/hr#top",
	};
	static const char *const bad[] = {
		"", "courses", "//evil.example", "///evil", "/\\evil", "\\/evil",
		"/\t/evil", "/\n/evil", "/\r/evil", " /x", "/x y", "/a\\b",
		"https://evil.example", "http:evil", "javascript:alert(1)",
		"/\x7f", "/\x01x", "/caf\xc3\xa9", "\xef\xbc\x8f\xef\xbc\x8f" "evil",
	};
	char	 longp[HTTP_MAX_NEXT + 2];
	size_t	 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		T_OK(http_local_path(good[i]), good[i]);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		T_OK(!http_local_path(bad[i]), "refused: hostile target");
	T_OK(!http_local_path(NULL), "NULL refused");
	memset(longp, 'a', sizeof(longp) - 1);
	longp[0] = '/';
	longp[sizeof(longp) - 1] = '\0';
	T_OK(!http_local_path(longp), "longer than HTTP_MAX_NEXT refused");
	longp[HTTP_MAX_NEXT] = '\0';
	T_OK(http_local_path(longp), "exactly HTTP_MAX_NEXT accepted");
}

int
main(void)
{
	test_local();
	T_DONE();
}
