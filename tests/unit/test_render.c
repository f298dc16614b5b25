/* unit-layer: content */
/* Unit tests for render: hostile Markdown stays inert, features render. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render.h"
#include "t.h"

static char *
md(const char *src, const char *base)
{
	struct buf	 b = { 0 };

	if (render_markdown(src, strlen(src), base, &b) != 0) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static int
has(const char *hay, const char *needle)
{
	return hay != NULL && strstr(hay, needle) != NULL;
}

static int
has_ci(const char *hay, const char *needle)
{
	size_t	 i, n = strlen(needle);

	for (; hay != NULL && *hay; hay++) {
		for (i = 0; i < n && hay[i] &&
		    tolower((unsigned char)hay[i]) == needle[i]; i++)
			;
		if (i == n)
			return 1;
	}
	return 0;
}

/*
 * Every href="..."/src="..." value in html must pass render_url_ok and
 * contain no script/data scheme; no raw <script, <img only with src ok,
 * no event-handler attribute anywhere inside a tag.
 */
static int
inert(const char *html)
{
	const char	*p, *q;
	char		 v[4096];
	size_t		 n;

	if (html == NULL || has_ci(html, "<script") || has(html, "<iframe"))
		return 0;
	/* Walk each tag's attributes: none may be an on* handler. */
	for (p = html; (p = strchr(p, '<')) != NULL; ) {
		for (p++; *p && *p != ' ' && *p != '>'; p++)
			;
		while (*p && *p != '>') {
			while (*p == ' ')
				p++;
			if (tolower((unsigned char)p[0]) == 'o' &&
			    tolower((unsigned char)p[1]) == 'n')
				return 0;
			while (*p && *p != '=' && *p != ' ' && *p != '>')
				p++;
			if (*p != '=')
				continue;
			if (*++p != '"')
				return 0;	/* we always quote */
			if ((p = strchr(p + 1, '"')) == NULL)
				return 0;
			p++;
		}
	}
	for (p = html; (p = strstr(p, "=\"")) != NULL; p += 2) {
		if (!(p >= html + 4 && (strncmp(p - 4, "href", 4) == 0 ||
		    strncmp(p - 3, "src", 3) == 0)))
			continue;
		q = strchr(p + 2, '"');
		if (q == NULL || (size_t)(q - p - 2) >= sizeof(v))
			return 0;
		n = (size_t)(q - p - 2);
		memcpy(v, p + 2, n);
		v[n] = '\0';
		if (!render_url_ok(v, n) || has_ci(v, "javascript") ||
		    has_ci(v, "data:") || has_ci(v, "vbscript"))
			return 0;
	}
	return 1;
}

static const char *hostile[] = {
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x](&#106;avascript:alert(1))",
	"[x](&#x6A;avascript:alert(1))",
	"[x](&#106avascript:alert(1))",
	"[x](javascript&#58;alert(1))",
	"[x](javascript&colon;alert(1))",
	"[x](java&#x09;script:alert(1))",
	"[x](java&Tab;script:alert(1))",
	"[x](java&NewLine;script:alert(1))",
	"[x](<java\tscript:alert(1)>)",
	"[x](&#0;javascript:alert(1))",
	"[x](\x01javascript:alert(1))",
	"[x](%6Aavascript:alert(1))",
	"<javascript:alert(1)>",
	"<JAVASCRIPT:alert(1)>",
	"<vbscript:msgbox(1)>",
	"[x]: javascript:alert(1)\n\n[link][x]",
	"![x](data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=)",
	"![x](DATA:text/html,<script>alert(1)</script>)",
	"![x](javascript:alert(1))",
	"[![x](data:image/png,AA)](javascript:alert(1))",
	"<img src=x onerror=alert(1)>",
	"<script>alert(1)</script>",
	"<a href=\"javascript:alert(1)\">x</a>",
	"<div onmouseover=\"alert(1)\">x</div>",
	"[x](\"onmouseover=alert(1) \")",
	"![\" onerror=\"alert(1)](a.png)",
	"[x](a.png \"\\\" onclick=\\\"alert(1)\")",
	"```\"><script>alert(1)</script>\ncode\n```",
	"# <script>alert(1)</script>",
	"| <script> |\n|---|\n| [x](javascript:y) |",
	"[x](file:///etc/passwd)",
	"![x](blob:https://x/1)",
	"![z](\\el>data:x)",
	"[z](\\\\evil.example/x)",
	"[z](https&Tab;://x.example/a<)",
};

static void
test_hostile(void)
{
	char	 name[128], *h;
	size_t	 i;

	for (i = 0; i < sizeof(hostile) / sizeof(hostile[0]); i++) {
		h = md(hostile[i], "/c/");
		snprintf(name, sizeof(name), "render hostile #%zu inert", i);
		T_OK(inert(h), name);
		snprintf(name, sizeof(name), "render hostile #%zu no js href",
		    i);
		T_OK(h != NULL && !has_ci(h, "href=\"javascript") &&
		    !has_ci(h, "src=\"data") && !has(h, "<img src=x"), name);
		free(h);
	}
	h = md("<img src=x onerror=alert(1)>", NULL);
	T_OK(has(h, "&lt;img src=x onerror=alert(1)&gt;"),
	    "render raw <img> is escaped text");
	free(h);
	h = md("[klik](javascript:alert(1))", NULL);
	T_OK(has(h, "<p>klik</p>") && !has(h, "<a"),
	    "render refused link keeps its text");
	free(h);
	h = md("![gambar peta](data:image/png;base64,AA)", NULL);
	T_OK(has(h, "gambar peta") && !has(h, "<img"),
	    "render refused image becomes alt text");
	free(h);
}

static void
test_url_ok(void)
{
	T_OK(render_url_ok("https://x.id/a", 14), "url https ok");
	T_OK(render_url_ok("HTTP://x.id", 11), "url HTTP ok");
	T_OK(render_url_ok("mailto:a@b.id", 13), "url mailto ok");
	T_OK(render_url_ok("assets/x.svg", 12), "url relative ok");
	T_OK(render_url_ok("/a?b=c:d", 8), "url colon after slash ok");
	T_OK(render_url_ok("#bagian", 7), "url fragment ok");
	T_OK(render_url_ok("", 0), "url empty ok");
	T_OK(!render_url_ok("javascript:x", 12), "url javascript refused");
	T_OK(!render_url_ok(" JavaScript:x", 13), "url spaced case refused");
	T_OK(!render_url_ok("java\nscript:x", 13), "url newline refused");
	T_OK(!render_url_ok("&#106;avascript:x", 17), "url &#106; refused");
	T_OK(!render_url_ok("&#X6a;avascript:x", 17), "url &#X6a; refused");
	T_OK(!render_url_ok("javascript&colon;x", 18), "url &colon; refused");
	T_OK(!render_url_ok("data:text/html,x", 16), "url data refused");
	T_OK(!render_url_ok("data:,x", 5), "url data: prefix refused");
	T_OK(render_url_ok("javascript:x", 10), "url length honoured");
	T_OK(!render_url_ok(NULL, 0), "url NULL refused");
}

static void
test_features(void)
{
	char	*h;

	h = md("| a | b |\n|:-:|---|\n| 1 | 2 |\n", NULL);
	T_OK(has(h, "<table>") && has(h, "<th align=\"center\">a</th>") &&
	    has(h, "<td>2</td>"), "render table");
	free(h);
	h = md("~~lama~~ **baru**", NULL);
	T_OK(has(h, "<del>lama</del>") && has(h, "<strong>baru</strong>"),
	    "render strikethrough");
	free(h);
	h = md("- [x] selesai\n- [ ] belum\n", NULL);
	T_OK(has(h, "<li class=\"task\">☑ selesai") &&
	    has(h, "<li class=\"task\">☐ belum"),
	    "render task list");
	free(h);
	h = md("![peta](assets/x.svg \"Peta\")", "/courses/etika-integritas-asn/");
	T_OK(has(h, "<img src=\"/courses/etika-integritas-asn/assets/x.svg\" "
	    "alt=\"peta\" title=\"Peta\" loading=\"lazy\">"),
	    "render image base + lazy");
	free(h);
	h = md("[a](modul-2.md) [b](/abs) [c](#s) [d](?q=1) "
	    "[e](https://bkn.go.id/x?a=1&b=2)", "/c/k/");
	T_OK(has(h, "href=\"/c/k/modul-2.md\"") && has(h, "href=\"/abs\"") &&
	    has(h, "href=\"#s\"") && has(h, "href=\"?q=1\"") &&
	    has(h, "href=\"https://bkn.go.id/x?a=1&amp;b=2\" "
	    "rel=\"noopener nofollow\""), "render link base rules");
	free(h);
	h = md("[m](mailto:admin@lan.go.id) www.lan.go.id", NULL);
	T_OK(has(h, "<a href=\"mailto:admin@lan.go.id\">m</a>") &&
	    has(h, "href=\"http://www.lan.go.id\" rel=\"noopener nofollow\""),
	    "render mailto and www autolink");
	free(h);
	h = md("[s](a b.html)\n\n[t](<a b\".html>)", "/c/");
	T_OK(has(h, "href=\"/c/a%20b%22.html\""), "render url escaping");
	free(h);
	h = md("[s](<HT&Tab;TPS://x.id/a b>) [t](x/y:z)", "/c/");
	T_OK(has(h, "href=\"HTTPS://x.id/a%20b\" rel=") &&
	    has(h, "href=\"/c/x/y%3Az\""), "render scheme written as checked");
	free(h);
	h = md("# Tujuan Pembelajaran\n## Tujuan pembelajaran!\n# 1. *Dasar*",
	    NULL);
	T_OK(has(h, "<h1 id=\"h-tujuan-pembelajaran\">") &&
	    has(h, "<h2 id=\"h-tujuan-pembelajaran-2\">") &&
	    has(h, "<h1 id=\"h-1-dasar\">1. <em>Dasar</em></h1>"),
	    "render heading ids");
	free(h);
	h = md("a\\\nb &amp; &copy; c\0d", NULL);
	T_OK(has(h, "a<br>\nb &amp; &copy; c"), "render br and entities");
	free(h);
}

static void
test_limits(void)
{
	struct buf	 b = { 0 };
	struct timespec	 t0, t1;
	char		*big, *row;
	size_t		 i;

	buf_adds(&b, "prefix");
	big = calloc(1, RENDER_MAX_INPUT + 1);
	memset(big, 'a', RENDER_MAX_INPUT + 1);
	T_OK(render_markdown(big, RENDER_MAX_INPUT + 1, NULL, &b) == -1 &&
	    b.n == 6, "render too large → -1, out untouched");
	free(big);
	/* md4c pads every row to the header width: 128 columns and
	 * 2-byte rows would blow 4 KB up to ~2.5 MB. */
	row = malloc(6 * 128 + 2 * 2000 + 64);
	strcpy(row, "a");
	for (i = 1; i < 128; i++)
		strcat(row, "|a");
	strcat(row, "\n---");
	for (i = 1; i < 128; i++)
		strcat(row, "|---");
	strcat(row, "\n");
	for (i = 0; i < 2000; i++)
		strcat(row, "x\n");
	T_OK(render_markdown(row, strlen(row), NULL, &b) == -1 &&
	    b.n == 6 && strcmp(b.p, "prefix") == 0,
	    "render output budget → -1, out restored");
	row[6 * 128 + 2 * 10] = '\0';
	T_OK(render_markdown(row, strlen(row), NULL, &b) == 0 &&
	    has(b.p, "<td></td>"), "render 128-column table ok");
	b.n = 6;
	free(row);
	T_OK(render_markdown("", 0, NULL, &b) == 0 && b.n == 6,
	    "render empty ok");
	big = malloc(RENDER_MAX_INPUT);
	for (i = 0; i + 8 <= RENDER_MAX_INPUT; i += 8)
		memcpy(big + i, "www.a.b ", 8);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	T_OK(render_markdown(big, i, NULL, &b) == 0 && !has(b.p, "<a "),
	    "render 2 MB of bare URLs: no links");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	T_OK(t1.tv_sec - t0.tv_sec < 2, "render 2 MB of bare URLs is fast");
	b.n = 6;
	for (i = 0; i + 4 <= RENDER_MAX_INPUT / 2; i += 4)
		memcpy(big + i, "[a]\n", 4);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	T_OK(render_markdown(big, i, NULL, &b) == -1 && b.n == 6,
	    "render 1 MB of \"[a]\\n\" (md4c quadratic) → -1");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	T_OK(t1.tv_sec - t0.tv_sec < 2, "render quadratic input refused fast");
	for (i = 0; i + 4 <= RENDER_MAX_INPUT / 2; i += 4)
		memcpy(big + i, i % 64 == 60 ? "\n\n\n\n" : "[a]\n", 4);
	T_OK(render_markdown(big, i, NULL, &b) == 0,
	    "render 1 MB of short paragraphs with links ok");
	b.n = 6;
	free(big);
	buf_free(&b);
}

static void
test_speed(void)
{
	struct buf	 src = { 0 }, out = { 0 };
	struct timespec	 t0, t1;
	double		 s;
	int		 i, reps = 300, ok = 1;

	while (src.n < 20000)
		buf_adds(&src, "## Bagian tentang *integritas*\n\n"
		    "Aparatur Sipil Negara wajib menjaga **integritas**, "
		    "lihat [pedoman](https://www.menpan.go.id/x) dan "
		    "![bagan](assets/bagan.svg).\n\n"
		    "| Nilai | Arti |\n|---|---|\n| Jujur | `tidak korupsi` |\n\n"
		    "- [x] baca modul\n- [ ] kerjakan kuis\n\n");
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t0);
	for (i = 0; i < reps; i++) {
		buf_reset(&out);
		ok &= render_markdown(src.p, src.n, "/c/x/", &out) == 0;
	}
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	printf("# render: %.0f MB/s CPU time (%zu-byte document, %.3f ms each)\n",
	    (double)src.n * reps / s / 1e6, src.n, s * 1e3 / reps);
	T_OK(ok && inert(out.p), "render 20 KB document");
	buf_free(&src);
	buf_free(&out);
}

int
main(void)
{
	test_hostile();
	test_url_ok();
	test_features();
	test_limits();
	test_speed();
	T_DONE();
}
