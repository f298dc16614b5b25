/*
 * render: Markdown (GitHub dialect) to safe HTML, for course pages and
 * quiz text written by authors who are trusted with content but not with
 * script.
 *
 * Contract:
 * - Raw HTML in the source is inert text (md4c MD_FLAG_NOHTML).
 * - Every link and image URL is checked after decoding entities and
 *   stripping ASCII whitespace/control characters: only http, https,
 *   mailto (links only) and scheme-less URLs survive. A refused link
 *   keeps its text without <a>; a refused image becomes its alt text.
 *   Any ':' before the first '/', '\\', '?' or '#' counts as a scheme,
 *   so "foo:bar.html" is refused too (deliberately conservative). The
 *   written href is exactly the checked string (entities decoded once,
 *   '&' re-escaped, unsafe bytes as %XX, ':' as %3A in scheme-less
 *   URLs), so render_url_ok holds for every href/src in the output.
 * - Relative URLs (no scheme, not starting with '/', '\', '#', '?') get
 *   base prepended. base is trusted text from the caller (HTML-escaped
 *   on output) and may be NULL.
 * - Images get loading="lazy"; http(s) and "//host" links get
 *   rel="noopener nofollow". Headings get id="h-<slug>" (ASCII letters
 *   and digits of the heading text, '-' between words; duplicates get
 *   "-2", "-3"...). The "h-" prefix keeps author ids away from the
 *   page's own ids.
 * - Table cell alignment is emitted as align="left|center|right" (no
 *   style attribute, so a strict CSP style-src does not break it).
 *   Task list items: <li class="task"> with ☐ or ☑ (no form control).
 * - Bare URLs (https://..., www....) become links unless the document
 *   has more than RENDER_MAX_AUTOLINKS places that could start one:
 *   md4c 0.4.8 is quadratic in them, so such a document renders them
 *   as text (<https://...> and [text](url) links still work).
 *
 * render_markdown appends to out (the caller owns and frees out) and
 * returns 0, or -1 when n > RENDER_MAX_INPUT, the document would drive
 * md4c into its quadratic case (> RENDER_MAX_WORK, see render.c; even
 * one 2,000-line paragraph holding 2,000 links scores only 4e6, and
 * reference definitions opening a block score nothing), a
 * table is wider than
 * RENDER_MAX_TABLE_COLS, the output would exceed the output budget
 * (RENDER_MAX_EXPANSION times the input plus RENDER_MIN_BUDGET), md4c
 * fails, or memory runs out. On -1, out is cut back to its length on
 * entry (or left with ->oom set).
 */
#ifndef LENTERA_RENDER_H
#define LENTERA_RENDER_H

#include <stddef.h>

#include "buf.h"

#define RENDER_MAX_INPUT	(2u << 20)	/* larger input → -1 */
#define RENDER_MAX_TABLE_COLS	128	/* md4c pads every row to the width */
#define RENDER_MAX_EXPANSION	16	/* output budget: 16 × input ... */
#define RENDER_MIN_BUDGET	(1u << 20)	/* ... + 1 MiB */
#define RENDER_MAX_IDS		512	/* headings beyond this get no id */
#define RENDER_MAX_SLUG		64	/* bytes of a heading slug */
#define RENDER_MAX_AUTOLINKS	4096	/* more "://" + "www." → no bare-URL links */
#define RENDER_MAX_WORK		200000000ull	/* Σ lines × marks per chunk (~0.15 s) */

/* Render Markdown src[0..n) to safe HTML appended to out. base may be NULL. 0 ok, -1 error. */
int	render_markdown(const char *src, size_t n, const char *base,
	    struct buf *out);
/*
 * As render_markdown, and ref(arg, image, url, len, off) is called for
 * every link (image 0) and image (1) whose URL is same-site (relative or
 * starting with '/', '#', '?'), url being the decoded URL before base
 * and off its byte offset in src (-1 when md4c built it). Used by the
 * course loader to find links to course files that do not exist.
 */
typedef void render_ref_fn(void *arg, int image, const char *url, size_t len,
	    long off);
int	render_markdown_refs(const char *src, size_t n, const char *base,
	    struct buf *out, render_ref_fn *ref, void *arg);
/* Why render_markdown refuses src before parsing it (size, md4c work
   bound), as a trainer-facing phrase; NULL if it does not. */
const char *render_refusal(const char *src, size_t n);
/* 1 if url[0..n) is allowed (http, https, mailto, relative) after decoding; else 0. */
int	render_url_ok(const char *url, size_t n);

#endif
