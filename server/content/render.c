/*
 * render: Markdown to safe HTML. See render.h.
 *
 * We render from md_parse callbacks instead of md_html so that every URL
 * is decided and written by this file: the attribute value the browser
 * sees is exactly the decoded string we checked (entities decoded once
 * here, every '&' re-escaped, every byte outside a URL-safe set
 * percent-encoded), so no decoding difference can smuggle a scheme.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "hex.h"
#include "render.h"
#include "render_int.h"
#include "utf8.h"

#define LINK_DEPTH	32	/* md4c never nests links; this is slack */
#define SRC_PAD		64	/* zero bytes after our copy of the input */

enum url_kind {
	URL_BAD,	/* refused scheme */
	URL_REL,	/* relative path: gets base */
	URL_LOCAL,	/* starts with / \ # ?: no base, same site */
	URL_NET,	/* //host or http(s): rel="noopener nofollow" */
	URL_MAILTO
};

struct rs {
	const char	*src;		/* padded copy of the input */
	size_t		 srclen;
	struct buf	*out;
	struct buf	*o;		/* out, or head while in a heading */
	struct buf	 head;		/* heading contents, until the id is known */
	struct buf	 slug;
	struct buf	 ids;		/* used ids, NUL-separated */
	struct buf	 bases;		/* their slugs before "-N" */
	struct buf	 url;		/* scratch: decoded URL */
	int		 nids;
	const char	*base;
	size_t		 budget;	/* max bytes out may reach */
	unsigned	 hlevel;
	int		 img;		/* image nesting; >0: text is alt */
	int		 img_kept;	/* outermost image was emitted */
	int		 a_depth;
	unsigned char	 a_open[LINK_DEPTH];
	render_ref_fn	*ref;		/* told of every same-site URL */
	void		*ref_arg;
};

static const struct {
	const char	*name;
	const char	*val;
} named[] = {
	/* Only entities that decode to ASCII matter for the scheme check;
	 * an unknown one stays literal and its '&' breaks any scheme. */
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "colon", ":" }, { "sol", "/" }, { "bsol", "\\" },
	{ "quest", "?" }, { "num", "#" }, { "period", "." }, { "comma", "," },
	{ "plus", "+" }, { "equals", "=" }, { "Tab", "\t" },
	{ "NewLine", "\n" }, { "lpar", "(" }, { "rpar", ")" }, { "semi", ";" },
	{ "excl", "!" }, { "percnt", "%" }, { "commat", "@" },
	{ "lowbar", "_" }, { "nbsp", "\xc2\xa0" },
};

/*
 * Decode one entity at s[0..n) (s[0] == '&') into b. Returns the bytes
 * consumed, or 0 if it is not an entity we decode (caller copies '&').
 * Numeric entities without ';' are decoded as browsers do in attributes.
 */
static size_t
entity(const char *s, size_t n, struct buf *b)
{
	size_t	 i, j;
	uint32_t c = 0;
	int	 hex = 0, d, digits = 0;

	if (n < 3)
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (s[i] == 'x' || s[i] == 'X') {
			hex = 1;
			i++;
		}
		for (; i < n; i++, digits++) {
			d = hex ? hex_digit((unsigned char)s[i]) :
			    (s[i] >= '0' && s[i] <= '9' ? s[i] - '0' : -1);
			if (d < 0)
				break;
			if (c <= 0x10ffff)
				c = c * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (digits == 0)
			return 0;
		utf8_put(b, c);
		return i < n && s[i] == ';' ? i + 1 : i;
	}
	for (j = 0; j < sizeof(named) / sizeof(named[0]); j++) {
		i = strlen(named[j].name);
		if (n >= i + 2 && memcmp(s + 1, named[j].name, i) == 0 &&
		    s[i + 1] == ';') {
			buf_adds(b, named[j].val);
			return i + 2;
		}
	}
	return 0;
}

static void
decode_entities(const char *s, size_t n, struct buf *b)
{
	size_t	 i = 0, k;

	while (i < n) {
		if (s[i] == '&' && (k = entity(s + i, n - i, b)) > 0) {
			i += k;
			continue;
		}
		buf_addc(b, s[i++]);
	}
}

/* Classify an already-decoded URL. */
static enum url_kind
url_kind(const char *s, size_t n)
{
	char	 sch[8];
	size_t	 i, k = 0, first = 0;
	int	 started = 0;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			continue;	/* browsers drop these in schemes */
		if (!started) {
			started = 1;
			first = i;
		}
		if (c == '/' || c == '\\' || c == '?' || c == '#')
			break;
		if (c == ':') {
			sch[k] = '\0';
			if (strcmp(sch, "http") == 0 ||
			    strcmp(sch, "https") == 0)
				return URL_NET;
			if (strcmp(sch, "mailto") == 0)
				return URL_MAILTO;
			return URL_BAD;
		}
		if (k + 1 >= sizeof(sch))
			k = sizeof(sch) - 1, sch[0] = '!';	/* too long: no match */
		else
			sch[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (!started)
		return URL_REL;
	c = (unsigned char)s[first];
	if (c == '/' || c == '\\') {
		/* "//host" (or with backslashes) leaves the site. */
		for (i = first + 1; i < n; i++) {
			c = (unsigned char)s[i];
			if (c == '/' || c == '\\')
				return URL_NET;
			if (c > 0x20 && c != 0x7f)
				break;
		}
		return URL_LOCAL;
	}
	if (c == '#' || c == '?')
		return URL_LOCAL;
	return URL_REL;
}

int
render_url_ok(const char *url, size_t n)
{
	struct buf	 b = { 0 };
	int		 ok;

	if (url == NULL)
		return 0;
	decode_entities(url, n, &b);
	ok = !b.oom && url_kind(b.p ? b.p : "", b.n) != URL_BAD;
	buf_free(&b);
	return ok;
}

/*
 * Write a checked URL: '&' and '\'' HTML-escaped, other unsafe bytes
 * %XX. The delimiters url_kind looks at ('/', '\\', '?', '#', ':') are
 * kept as they are, so the browser parses the same shape we checked;
 * except that a scheme-less URL (nocolon) gets ':' as %3A, so no reader
 * of the page can find a scheme in it.
 */
static void
put_url(struct buf *o, const char *s, size_t n, int nocolon)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	 i;
	unsigned char c;

	for (i = 0; i < n; i++) {
		c = (unsigned char)s[i];
		if (c == ':' && nocolon)
			buf_adds(o, "%3A");
		else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != 0 &&
		    memchr("-_.!~*();/?:@=+$,%#[]\\", c, 22) != NULL))
			buf_addc(o, (char)c);
		else if (c == '&')
			buf_adds(o, "&amp;");
		else if (c == '\'')
			buf_adds(o, "&#39;");
		else {
			buf_addc(o, '%');
			buf_addc(o, hex[c >> 4]);
			buf_addc(o, hex[c & 15]);
		}
	}
}

/* An entity exactly as md4c promises: &name; &#123; &#x1F;. */
static int
entity_ok(const char *s, size_t n)
{
	size_t	 i;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return 0;
	for (i = 1; i < n - 1; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') || (i == 1 && s[i] == '#')))
			return 0;
	return 1;
}

/*
 * md4c 0.4.8 can hand out a range that runs past the end of the input
 * (found by fuzz_render; it depends on the bytes after the input). We
 * parse a zero-padded copy so its reads stay in bounds, and cut every
 * range that starts inside the copy at the real end.
 */
static size_t
clampn(const struct rs *r, const char *s, size_t n)
{
	if (s < r->src || s > r->src + r->srclen + SRC_PAD)
		return n;	/* md4c's own string, e.g. "http://" */
	if (s >= r->src + r->srclen)
		return 0;
	if (n > (size_t)(r->src + r->srclen - s))
		n = (size_t)(r->src + r->srclen - s);
	return n;
}

/* HTML-escaped attribute text; entities pass through (browser decodes). */
static void
put_attr(struct rs *r, const MD_ATTRIBUTE *a)
{
	struct buf	*o = r->o;
	unsigned	 i;
	size_t		 off, end, size = clampn(r, a->text, a->size);

	for (i = 0; a->substr_offsets[i] < size; i++) {
		off = a->substr_offsets[i];
		end = a->substr_offsets[i + 1];
		if (end > size)
			end = size;
		if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			buf_adds(o, "\xef\xbf\xbd");
		else if (a->substr_types[i] == MD_TEXT_ENTITY &&
		    entity_ok(a->text + off, end - off))
			buf_add(o, a->text + off, end - off);
		else
			buf_htmln(o, a->text + off, end - off);
	}
}

/* Decode an md4c URL attribute into r->url and classify it. */
static enum url_kind
load_url(struct rs *r, const MD_ATTRIBUTE *a)
{
	unsigned	 i;
	size_t		 off, end, size = clampn(r, a->text, a->size);

	buf_reset(&r->url);
	for (i = 0; a->substr_offsets[i] < size; i++) {
		off = a->substr_offsets[i];
		end = a->substr_offsets[i + 1];
		if (end > size)
			end = size;
		if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			buf_adds(&r->url, "\xef\xbf\xbd");
		else if (a->substr_types[i] == MD_TEXT_ENTITY)
			decode_entities(a->text + off, end - off, &r->url);
		else
			buf_add(&r->url, a->text + off, end - off);
	}
	if (r->url.oom)
		return URL_BAD;
	return url_kind(r->url.p ? r->url.p : "", r->url.n);
}

/* Tell the caller of a same-site URL (decoded, before base). */
static void
tell_ref(struct rs *r, int image, enum url_kind k, const MD_ATTRIBUTE *a)
{
	long	 off = -1;

	if (r->ref == NULL || (k != URL_REL && k != URL_LOCAL))
		return;
	if (a->text >= r->src && a->text < r->src + r->srclen)
		off = (long)(a->text - r->src);
	r->ref(r->ref_arg, image, r->url.p ? r->url.p : "", r->url.n, off);
}

static void
put_href(struct rs *r, enum url_kind k)
{
	const char	*u = r->url.p ? r->url.p : "";
	size_t		 i, n = r->url.n;
	int		 nocolon = k == URL_REL || k == URL_LOCAL;

	if (k == URL_REL && r->base != NULL)
		put_url(r->o, r->base, strlen(r->base), nocolon);
	/* Write the scheme as url_kind read it: without whitespace and
	 * control characters (else "https%09:" would be a different URL). */
	for (i = 0; !nocolon && i < n && memchr("/\\?#:", u[i], 5) == NULL;
	    i++)
		;
	if (!nocolon && i < n && u[i] == ':') {
		for (i = 0; u[i] != ':'; i++)
			if ((unsigned char)u[i] > 0x20 && u[i] != 0x7f)
				buf_addc(r->o, u[i]);
		u += i;
		n -= i;
	}
	put_url(r->o, u, n, nocolon);
}

static int
over(struct rs *r)
{
	return r->o->oom || r->out->oom || r->head.n > r->budget ||
	    r->out->n > r->budget;
}

static void
slug_add(struct rs *r, const char *s, size_t n)
{
	size_t	 i;
	char	 c;

	for (i = 0; i < n && r->slug.n < RENDER_MAX_SLUG; i++) {
		c = s[i];
		if (c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf_addc(&r->slug, c);
		else if (r->slug.n > 0 && r->slug.p[r->slug.n - 1] != '-')
			buf_addc(&r->slug, '-');
	}
}

/* How many NUL-separated strings in b equal s. */
static int
count_in(const struct buf *b, const char *s)
{
	size_t	 off = 0;
	int	 k = 0;

	while (off < b->n) {
		if (strcmp(b->p + off, s) == 0)
			k++;
		off += strlen(b->p + off) + 1;
	}
	return k;
}

/* Emit <hN id=...> + buffered contents; id only while ids are cheap. */
static void
heading_close(struct rs *r)
{
	char	 id[RENDER_MAX_SLUG + 16], base[RENDER_MAX_SLUG + 1];
	int	 i, tries;
	size_t	 len = r->slug.n;

	while (len > 0 && r->slug.p[len - 1] == '-')
		len--;
	buf_adds(r->out, "<h");
	buf_addc(r->out, (char)('0' + r->hlevel));
	if (len > 0 && r->nids < RENDER_MAX_IDS) {
		/* Counting equal bases keeps this linear per heading; the
		 * few tries only dodge a literal "x-2" heading. */
		snprintf(base, sizeof(base), "%.*s", (int)len, r->slug.p);
		snprintf(id, sizeof(id), "%s", base);
		i = count_in(&r->bases, base) + 1;
		for (tries = 0; count_in(&r->ids, id) > 0 && tries < 8;
		    tries++, i++)
			snprintf(id, sizeof(id), "%s-%d", base, i + (i == 1));
		buf_add(&r->bases, base, len + 1);
		buf_add(&r->ids, id, strlen(id) + 1);
		r->nids++;
		buf_addf(r->out, " id=\"h-%s\"", id);
	}
	buf_addc(r->out, '>');
	if (r->head.n > 0)
		buf_add(r->out, r->head.p, r->head.n);
	buf_adds(r->out, "</h");
	buf_addc(r->out, (char)('0' + r->hlevel));
	buf_adds(r->out, ">\n");
	buf_reset(&r->head);
	buf_reset(&r->slug);
	r->o = r->out;
	r->hlevel = 0;
}

static const char *
align(const MD_BLOCK_TD_DETAIL *d)
{
	switch (d->align) {
	case MD_ALIGN_LEFT: return " align=\"left\">";
	case MD_ALIGN_CENTER: return " align=\"center\">";
	case MD_ALIGN_RIGHT: return " align=\"right\">";
	default: return ">";
	}
}

static int
enter_block(MD_BLOCKTYPE t, void *detail, void *u)
{
	struct rs	*r = u;
	MD_BLOCK_OL_DETAIL *ol;
	MD_BLOCK_LI_DETAIL *li;
	MD_BLOCK_CODE_DETAIL *code;
	MD_BLOCK_TABLE_DETAIL *tab;

	switch (t) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: buf_adds(r->o, "<blockquote>\n"); break;
	case MD_BLOCK_UL: buf_adds(r->o, "<ul>\n"); break;
	case MD_BLOCK_OL:
		ol = detail;
		if (ol->start == 1)
			buf_adds(r->o, "<ol>\n");
		else
			buf_addf(r->o, "<ol start=\"%u\">\n", ol->start);
		break;
	case MD_BLOCK_LI:
		li = detail;
		if (li->is_task)
			/* A box character, not a disabled form control:
			   nothing to label, and screen readers name it. */
			buf_addf(r->o, "<li class=\"task\">%s ",
			    li->task_mark == ' ' ? "☐" : "☑");
		else
			buf_adds(r->o, "<li>");
		break;
	case MD_BLOCK_HR: buf_adds(r->o, "<hr>\n"); break;
	case MD_BLOCK_H:
		r->hlevel = ((MD_BLOCK_H_DETAIL *)detail)->level;
		if (r->hlevel < 1 || r->hlevel > 6)
			r->hlevel = 6;
		r->o = &r->head;
		break;
	case MD_BLOCK_CODE:
		code = detail;
		buf_adds(r->o, "<pre><code");
		if (code->lang.size > 0) {
			buf_adds(r->o, " class=\"language-");
			put_attr(r, &code->lang);
			buf_addc(r->o, '"');
		}
		buf_addc(r->o, '>');
		break;
	case MD_BLOCK_HTML: break;	/* NOHTML: never sent */
	case MD_BLOCK_P: buf_adds(r->o, "<p>"); break;
	case MD_BLOCK_TABLE:
		tab = detail;
		if (tab->col_count > RENDER_MAX_TABLE_COLS)
			return 1;
		buf_adds(r->o, "<table>\n");
		break;
	case MD_BLOCK_THEAD: buf_adds(r->o, "<thead>\n"); break;
	case MD_BLOCK_TBODY: buf_adds(r->o, "<tbody>\n"); break;
	case MD_BLOCK_TR: buf_adds(r->o, "<tr>\n"); break;
	case MD_BLOCK_TH:
		buf_adds(r->o, "<th");
		buf_adds(r->o, align(detail));
		break;
	case MD_BLOCK_TD:
		buf_adds(r->o, "<td");
		buf_adds(r->o, align(detail));
		break;
	}
	return over(r);
}

static int
leave_block(MD_BLOCKTYPE t, void *detail, void *u)
{
	struct rs	*r = u;

	(void)detail;
	switch (t) {
	case MD_BLOCK_DOC: break;
	case MD_BLOCK_QUOTE: buf_adds(r->o, "</blockquote>\n"); break;
	case MD_BLOCK_UL: buf_adds(r->o, "</ul>\n"); break;
	case MD_BLOCK_OL: buf_adds(r->o, "</ol>\n"); break;
	case MD_BLOCK_LI: buf_adds(r->o, "</li>\n"); break;
	case MD_BLOCK_HR: break;
	case MD_BLOCK_H: heading_close(r); break;
	case MD_BLOCK_CODE: buf_adds(r->o, "</code></pre>\n"); break;
	case MD_BLOCK_HTML: break;
	case MD_BLOCK_P: buf_adds(r->o, "</p>\n"); break;
	case MD_BLOCK_TABLE: buf_adds(r->o, "</table>\n"); break;
	case MD_BLOCK_THEAD: buf_adds(r->o, "</thead>\n"); break;
	case MD_BLOCK_TBODY: buf_adds(r->o, "</tbody>\n"); break;
	case MD_BLOCK_TR: buf_adds(r->o, "</tr>\n"); break;
	case MD_BLOCK_TH: buf_adds(r->o, "</th>\n"); break;
	case MD_BLOCK_TD: buf_adds(r->o, "</td>\n"); break;
	}
	return over(r);
}

static void
enter_img(struct rs *r, const MD_SPAN_IMG_DETAIL *d)
{
	enum url_kind	 k;

	if (r->img++ > 0)
		return;		/* nested image: only its alt text shows */
	k = load_url(r, &d->src);
	tell_ref(r, 1, k, &d->src);
	r->img_kept = k == URL_REL || k == URL_LOCAL || k == URL_NET;
	if (!r->img_kept)
		return;
	buf_adds(r->o, "<img src=\"");
	put_href(r, k);
	buf_adds(r->o, "\" alt=\"");
}

static void
leave_img(struct rs *r, const MD_SPAN_IMG_DETAIL *d)
{
	if (--r->img > 0 || !r->img_kept)
		return;
	buf_addc(r->o, '"');
	if (d->title.size > 0) {
		buf_adds(r->o, " title=\"");
		put_attr(r, &d->title);
		buf_addc(r->o, '"');
	}
	buf_adds(r->o, " loading=\"lazy\">");
}

static void
enter_a(struct rs *r, const MD_SPAN_A_DETAIL *d)
{
	enum url_kind	 k;
	int		 depth = r->a_depth++;

	if (depth >= LINK_DEPTH)
		return;
	k = load_url(r, &d->href);
	tell_ref(r, 0, k, &d->href);
	r->a_open[depth] = k != URL_BAD;
	if (k == URL_BAD)
		return;
	buf_adds(r->o, "<a href=\"");
	put_href(r, k);
	buf_addc(r->o, '"');
	if (d->title.size > 0) {
		buf_adds(r->o, " title=\"");
		put_attr(r, &d->title);
		buf_addc(r->o, '"');
	}
	if (k == URL_NET)
		buf_adds(r->o, " rel=\"noopener nofollow\"");
	buf_addc(r->o, '>');
}

static int
enter_span(MD_SPANTYPE t, void *detail, void *u)
{
	struct rs	*r = u;

	if (t == MD_SPAN_IMG) {
		enter_img(r, detail);
		return over(r);
	}
	if (r->img > 0)
		return 0;	/* inside alt="": text only */
	switch (t) {
	case MD_SPAN_EM: buf_adds(r->o, "<em>"); break;
	case MD_SPAN_STRONG: buf_adds(r->o, "<strong>"); break;
	case MD_SPAN_A: enter_a(r, detail); break;
	case MD_SPAN_CODE: buf_adds(r->o, "<code>"); break;
	case MD_SPAN_DEL: buf_adds(r->o, "<del>"); break;
	case MD_SPAN_U: buf_adds(r->o, "<u>"); break;
	default: break;	/* math, wikilinks: not enabled */
	}
	return over(r);
}

static int
leave_span(MD_SPANTYPE t, void *detail, void *u)
{
	struct rs	*r = u;

	if (t == MD_SPAN_IMG) {
		leave_img(r, detail);
		return over(r);
	}
	if (r->img > 0)
		return 0;
	switch (t) {
	case MD_SPAN_EM: buf_adds(r->o, "</em>"); break;
	case MD_SPAN_STRONG: buf_adds(r->o, "</strong>"); break;
	case MD_SPAN_A:
		if (r->a_depth > 0 && --r->a_depth < LINK_DEPTH &&
		    r->a_open[r->a_depth])
			buf_adds(r->o, "</a>");
		break;
	case MD_SPAN_CODE: buf_adds(r->o, "</code>"); break;
	case MD_SPAN_DEL: buf_adds(r->o, "</del>"); break;
	case MD_SPAN_U: buf_adds(r->o, "</u>"); break;
	default: break;
	}
	return over(r);
}

static int
text(MD_TEXTTYPE t, const MD_CHAR *s, MD_SIZE n, void *u)
{
	struct rs	*r = u;

	n = (MD_SIZE)clampn(r, s, n);
	if (r->hlevel > 0 && t != MD_TEXT_ENTITY)
		slug_add(r, s, n);
	switch (t) {
	case MD_TEXT_NULLCHAR:
		buf_adds(r->o, "\xef\xbf\xbd");
		break;
	case MD_TEXT_BR:
		buf_adds(r->o, r->img > 0 ? " " : "<br>\n");
		break;
	case MD_TEXT_SOFTBR:
		buf_adds(r->o, r->img > 0 ? " " : "\n");
		break;
	case MD_TEXT_ENTITY:
		if (entity_ok(s, n))
			buf_add(r->o, s, n);
		else
			buf_htmln(r->o, s, n);
		break;
	default:	/* normal, code, (inert) html, math: all escaped */
		buf_htmln(r->o, s, n);
		break;
	}
	return over(r);
}

int
render_markdown(const char *src, size_t n, const char *base, struct buf *out)
{
	return render_markdown_refs(src, n, base, out, NULL, NULL);
}

int
render_markdown_refs(const char *src, size_t n, const char *base,
    struct buf *out, render_ref_fn *ref, void *ref_arg)
{
	struct rs	 r;
	MD_PARSER	 p;
	char		*copy;
	size_t		 start = out->n, sites;
	uint64_t	 work;
	int		 rc = -1;

	if (src == NULL || n > RENDER_MAX_INPUT || out->oom)
		return -1;
	render_cost(src, n, &sites, &work);
	if (work > RENDER_MAX_WORK)
		return -1;
	if ((copy = malloc(n + SRC_PAD)) == NULL)
		return -1;
	memcpy(copy, src, n);
	memset(copy + n, 0, SRC_PAD);
	memset(&r, 0, sizeof(r));
	r.src = copy;
	r.srclen = n;
	r.out = r.o = out;
	r.base = base;
	r.ref = ref;
	r.ref_arg = ref_arg;
	r.budget = start + n * RENDER_MAX_EXPANSION + RENDER_MIN_BUDGET;
	memset(&p, 0, sizeof(p));
	p.flags = MD_DIALECT_GITHUB | MD_FLAG_NOHTML;
	if (sites > RENDER_MAX_AUTOLINKS)
		p.flags &= ~(unsigned)(MD_FLAG_PERMISSIVEURLAUTOLINKS |
		    MD_FLAG_PERMISSIVEWWWAUTOLINKS);
	p.enter_block = enter_block;
	p.leave_block = leave_block;
	p.enter_span = enter_span;
	p.leave_span = leave_span;
	p.text = text;
	if (md_parse(copy, (MD_SIZE)n, &p, &r) != 0 || over(&r))
		goto err;
	rc = 0;
err:
	if (rc != 0 && !out->oom && out->p != NULL) {
		out->n = start;
		out->p[start] = '\0';
	}
	buf_free(&r.head);
	buf_free(&r.slug);
	buf_free(&r.ids);
	buf_free(&r.bases);
	free(copy);
	buf_free(&r.url);
	return rc;
}
