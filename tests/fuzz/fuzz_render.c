/*
 * fuzz_render: render_markdown on arbitrary bytes. Beyond crashes, it
 * aborts when the output breaks the safety contract: every '<' must open
 * or close a tag this renderer emits, and every href/src must pass
 * render_url_ok.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *tags[] = {
	"a ", "a>", "blockquote>", "br>", "code>", "code ", "del>", "em>",
	"h1", "h2", "h3", "h4", "h5", "h6", "hr>", "img ", "input ", "li>",
	"li ", "ol>", "ol ", "p>", "pre>", "strong>", "table>", "tbody>",
	"td>", "td ", "th>", "th ", "thead>", "tr>", "u>", "ul>",
};

static void
check(const char *h, size_t n)
{
	const char	*p, *q;
	size_t		 i;

	for (p = h; (p = memchr(p, '<', n - (size_t)(p - h))) != NULL; p++) {
		q = p[1] == '/' ? p + 2 : p + 1;
		for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
			if (strncmp(q, tags[i], strlen(tags[i])) == 0)
				break;
		if (i == sizeof(tags) / sizeof(tags[0]))
			abort();	/* a tag we never emit */
	}
	for (p = h; (p = strstr(p, "=\"")) != NULL; p += 2) {
		if (!(p - h >= 4 && (memcmp(p - 4, "href", 4) == 0 ||
		    memcmp(p - 3, "src", 3) == 0)))
			continue;
		if ((q = strchr(p + 2, '"')) == NULL)
			abort();
		if (!render_url_ok(p + 2, (size_t)(q - p - 2)))
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 b = { 0 };

	(void)render_url_ok((const char *)data, size);
	if (render_markdown((const char *)data, size, "/c/x/", &b) == 0 &&
	    b.p != NULL)
		check(b.p, b.n);
	buf_free(&b);
	return 0;
}
