/* unit-layer: content */
/*
 * test_render_guard: the md4c work bound (render.c cost) against what
 * md4c really does. Reference definitions that open a block are stored
 * without inline parsing (20,000 render in ~12 ms), so they must render;
 * the same lines after paragraph text are parsed inline, quadratically
 * (~2.3 s), so they must be refused. And render_markdown_refs reports
 * every same-site URL with its offset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "render.h"
#include "t.h"

struct seen {
	int	 n, images;
	long	 last_off;
	char	 last[64];
};

static void
ref(void *arg, int image, const char *url, size_t len, long off)
{
	struct seen	*s = arg;

	s->n++;
	s->images += image;
	s->last_off = off;
	snprintf(s->last, sizeof(s->last), "%.*s", (int)len, url);
}

int
main(void)
{
	struct buf	 src = { 0 }, out = { 0 };
	struct seen	 s = { 0 };
	const char	*doc = "# T\n\n[a](01-x) ![b](assets/b.svg) [c](https://x.org)"
	    " [d](#h)\n\n[e]: 02-y\n\n[e]\n";
	int		 i;

	for (i = 0; i < 20000; i++)
		buf_addf(&src, "[r%d]: https://example.org/%d\n", i, i);
	buf_adds(&src, "\nLihat [r7].\n");
	T_OK(render_markdown(src.p, src.n, NULL, &out) == 0 &&
	    strstr(out.p, "https://example.org/7") != NULL,
	    "20,000 reference definitions render");
	T_OK(render_refusal(src.p, src.n) == NULL, "... and are not refused");
	buf_reset(&src);
	buf_reset(&out);
	buf_adds(&src, "Teks.\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&src, "[r%d]: https://example.org/%d\n", i, i);
	T_OK(render_markdown(src.p, src.n, NULL, &out) == -1 &&
	    render_refusal(src.p, src.n) != NULL,
	    "the same lines inside a paragraph are refused");
	buf_reset(&src);
	buf_adds(&src, "[a]: b(\n");
	for (i = 0; i < 20000; i++)
		buf_addf(&src, "[r%d]: u\n", i);
	T_OK(render_refusal(src.p, src.n) != NULL,
	    "a first line that is not quite a definition makes it a paragraph");
	buf_reset(&out);
	T_OK(render_markdown_refs(doc, strlen(doc), "/courses/k/", &out, ref,
	    &s) == 0, "refs: renders");
	T_OK(s.n == 4 && s.images == 1, "refs: the same-site links and image");
	T_OK(strcmp(s.last, "02-y") == 0 && s.last_off > 0 &&
	    strncmp(doc + s.last_off, "02-y", 4) == 0,
	    "refs: a reference link's URL and its offset");
	buf_free(&src);
	buf_free(&out);
	T_DONE();
}
