/* certpdf: the certificate PDF (cairo + libqrencode). See certpdf.h. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <qrencode.h>

#include "certpdf.h"
#include "utf8.h"
#include "wib.h"

#define PAGE_W		841.89		/* A4 landscape, points */
#define PAGE_H		595.28
#define MAXLINES	3
#define TLINE_MAX	(CERTPDF_TEXT_MAX + 8)	/* a line + "…" */
#define TLINE_TAKE	(TLINE_MAX - 4)		/* bytes of text in a line */
#define SERIF		"DejaVu Serif"
#define SANS		"DejaVu Sans"
#define QR_SIZE		96.0		/* points, quiet zone included */
#define LOGO_BOX	58.0		/* points, the logo's longest side */

/* The certificate is in Indonesian whatever the page's language. */
void
certpdf_date(int64_t t, char *out, size_t outlen)
{
	wib_date(t, 0, out, outlen);
}

/*
 * At most CERTPDF_TEXT_MAX bytes of valid UTF-8 (a character cut by the
 * limit is dropped whole), control characters as spaces: cairo's toy
 * text API puts its context in an error state on invalid UTF-8.
 */
static void
clean(char *dst, const char *s)
{
	size_t	 n, i;

	n = s ? strnlen(s, CERTPDF_TEXT_MAX) : 0;
	n = utf8_prefix(s ? s : "", n, 0);
	for (i = 0; i < n; i++)
		dst[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? ' ' : s[i];
	dst[n] = '\0';
}

static size_t
charlen(const char *p)
{
	size_t	 n = 1;

	while (p[n] && ((unsigned char)p[n] & 0xc0) == 0x80)
		n++;
	return n;
}

static void
font(cairo_t *cr, const char *family, int bold, int italic, double size)
{
	cairo_select_font_face(cr, family, italic ? CAIRO_FONT_SLANT_ITALIC :
	    CAIRO_FONT_SLANT_NORMAL, bold ? CAIRO_FONT_WEIGHT_BOLD :
	    CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, size);
}

static double
width_n(cairo_t *cr, const char *s, size_t n)
{
	char			 tmp[TLINE_MAX];
	cairo_text_extents_t	 e;

	if (n >= sizeof(tmp))
		n = sizeof(tmp) - 1;
	memcpy(tmp, s, n);
	tmp[n] = '\0';
	cairo_text_extents(cr, tmp, &e);
	return e.x_advance;
}

struct lines {
	int	 n;
	char	 line[MAXLINES][TLINE_MAX];
};

/*
 * Greedy word wrap of text into at most maxl lines of width w in the
 * current font; a word wider than a line is broken between characters.
 * 1: everything fits; 0: text remains after maxl lines.
 */
static int
wrap(cairo_t *cr, const char *text, double w, int maxl, struct lines *L)
{
	const char	*p = text, *q, *ws, *we;
	size_t		 take, k, c;

	L->n = 0;
	while (*p == ' ')
		p++;
	while (*p) {
		if (L->n == maxl)
			return 0;
		take = 0;
		for (q = p;;) {
			for (ws = q; *ws == ' '; ws++)
				;
			for (we = ws; *we && *we != ' '; we++)
				;
			if (we == ws || (size_t)(we - p) > TLINE_TAKE ||
			    width_n(cr, p, (size_t)(we - p)) > w)
				break;
			take = (size_t)(we - p);
			q = we;
		}
		if (take == 0) {
			for (k = 0; p[k] && p[k] != ' '; k += c) {
				c = charlen(p + k);
				if (k + c > TLINE_TAKE || width_n(cr, p, k + c) > w)
					break;
			}
			take = k ? k : charlen(p);
		}
		memcpy(L->line[L->n], p, take);
		L->line[L->n++][take] = '\0';
		for (p += take; *p == ' '; p++)
			;
	}
	return 1;
}

/* Cut the last line until it and "…" fit in w. */
static void
ellipsize(cairo_t *cr, struct lines *L, double w)
{
	char	*s = L->line[L->n - 1];
	size_t	 n = strlen(s);

	/* TLINE_MAX leaves room for "…" (3 bytes) and the NUL after any
	   line wrap() made. */
	while (n > 0) {
		memcpy(s + n, "…", sizeof("…"));
		if (width_n(cr, s, strlen(s)) <= w)
			return;
		n = utf8_cut(s, n - 1);	/* the last character off */
	}
	memcpy(s, "…", sizeof("…"));
}

struct style {
	const char	*family;
	int		 bold, italic;
	double		 max, min;	/* font size range */
	int		 maxl;
	double		 r, g, b;
};

/*
 * Draw text centred on cx (or from x = cx when left is set), top at *y,
 * the largest size in the style's range at which it fits in w and maxl
 * lines; at the minimum size the rest is cut with "…". *y moves below it.
 * Returns the width of the widest line drawn.
 */
static double
block(cairo_t *cr, const char *text, const struct style *st, double cx,
    int left, double w, double *y)
{
	struct lines		 L;
	cairo_font_extents_t	 fe;
	double			 size, lw, wmax = 0;
	int			 i, fits = 0;

	if (text[0] == '\0')
		return 0;
	for (size = st->max; size >= st->min; size -= 0.5) {
		font(cr, st->family, st->bold, st->italic, size);
		if ((fits = wrap(cr, text, w, st->maxl, &L)))
			break;
	}
	if (!fits) {
		size = st->min;
		font(cr, st->family, st->bold, st->italic, size);
		wrap(cr, text, w, st->maxl, &L);
		ellipsize(cr, &L, w);
	}
	cairo_font_extents(cr, &fe);
	cairo_set_source_rgb(cr, st->r, st->g, st->b);
	for (i = 0; i < L.n; i++) {
		lw = width_n(cr, L.line[i], strlen(L.line[i]));
		if (lw > wmax)
			wmax = lw;
		cairo_move_to(cr, left ? cx : cx - lw / 2, *y + fe.ascent);
		cairo_show_text(cr, L.line[i]);
		*y += size * 1.22;
	}
	return wmax;
}

struct pngsrc {
	const unsigned char	*p;
	size_t			 n, off;
};

static cairo_status_t
png_read(void *arg, unsigned char *data, unsigned int len)
{
	struct pngsrc	*s = arg;

	if (len > s->n - s->off)
		return CAIRO_STATUS_READ_ERROR;
	memcpy(data, s->p + s->off, len);
	s->off += len;
	return CAIRO_STATUS_SUCCESS;
}

static uint32_t
be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* The PNG's header bounds, without decoding anything. */
static enum certpdf_logo
png_header(const unsigned char *p, size_t n)
{
	uint32_t	 w, h;

	if (p == NULL || n == 0)
		return CERTPDF_LOGO_EMPTY;
	if (n > CERTPDF_LOGO_MAX)
		return CERTPDF_LOGO_TOO_BIG;
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return CERTPDF_LOGO_JPEG;
	if (n < 33 || memcmp(p, "\x89PNG\r\n\x1a\n", 8) != 0 ||
	    memcmp(p + 12, "IHDR", 4) != 0)
		return CERTPDF_LOGO_NOT_PNG;
	w = be32(p + 16);
	h = be32(p + 20);
	if (w == 0 || h == 0 || w > CERTPDF_LOGO_PX_MAX ||
	    h > CERTPDF_LOGO_PX_MAX)
		return CERTPDF_LOGO_DIMENSIONS;
	return CERTPDF_LOGO_OK;
}

/* Decoded image (the caller destroys it), or NULL with *why. */
static cairo_surface_t *
decode(const void *data, size_t n, enum certpdf_logo *why)
{
	struct pngsrc	 src = { data, n, 0 };
	cairo_surface_t	*img;

	if ((*why = png_header(data, n)) != CERTPDF_LOGO_OK)
		return NULL;
	img = cairo_image_surface_create_from_png_stream(png_read, &src);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS ||
	    cairo_image_surface_get_width(img) != (int)be32((const unsigned
	    char *)data + 16) || cairo_image_surface_get_height(img) !=
	    (int)be32((const unsigned char *)data + 20)) {
		cairo_surface_destroy(img);
		*why = CERTPDF_LOGO_UNDECODABLE;
		return NULL;
	}
	return img;
}

/* img itself when it is small enough, else a reduced copy (img is
   released): the longest side at most CERTPDF_LOGO_PX_EMBED. */
static cairo_surface_t *
reduce(cairo_surface_t *img)
{
	cairo_surface_t	*small;
	cairo_t		*sc;
	double		 w = cairo_image_surface_get_width(img);
	double		 h = cairo_image_surface_get_height(img), k;
	int		 sw, sh;

	if ((w > h ? w : h) <= CERTPDF_LOGO_PX_EMBED)
		return img;
	k = CERTPDF_LOGO_PX_EMBED / (w > h ? w : h);
	sw = (int)(w * k + 0.5) > 0 ? (int)(w * k + 0.5) : 1;
	sh = (int)(h * k + 0.5) > 0 ? (int)(h * k + 0.5) : 1;
	small = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, sw, sh);
	sc = cairo_create(small);
	cairo_scale(sc, (double)sw / w, (double)sh / h);
	cairo_set_source_surface(sc, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(sc), CAIRO_FILTER_GOOD);
	cairo_paint(sc);
	cairo_destroy(sc);
	cairo_surface_destroy(img);
	return small;
}

enum certpdf_logo
certpdf_logo_check(const void *data, size_t n)
{
	enum certpdf_logo why;
	cairo_surface_t	*img;

	if ((img = decode(data, n, &why)) != NULL)
		cairo_surface_destroy(img);
	return why;
}

static cairo_status_t
buf_write(void *arg, const unsigned char *data, unsigned int len)
{
	struct buf	*b = arg;

	buf_add(b, data, len);
	return b->oom ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

enum certpdf_logo
certpdf_logo_normalize(const void *data, size_t n, struct buf *out)
{
	enum certpdf_logo why;
	cairo_surface_t	*img;

	if ((img = decode(data, n, &why)) == NULL)
		return why;
	img = reduce(img);
	if (cairo_surface_write_to_png_stream(img, buf_write, out) !=
	    CAIRO_STATUS_SUCCESS || out->oom) {
		buf_reset(out);
		why = CERTPDF_LOGO_UNDECODABLE;
	}
	cairo_surface_destroy(img);
	return why;
}

/*
 * The logo scaled into a LOGO_BOX square centred on cx, top at y. A large
 * image is reduced first (normally done once at upload, see
 * certpdf_logo_normalize): deflating full-size pixels into the PDF cost
 * more than the rest of the certificate, and no printer shows them.
 */
static void
logo(cairo_t *cr, const void *data, size_t n, double cx, double y)
{
	enum certpdf_logo why;
	cairo_surface_t	*img;
	double		 w, h, s;

	if ((img = decode(data, n, &why)) == NULL)
		return;
	img = reduce(img);
	w = cairo_image_surface_get_width(img);
	h = cairo_image_surface_get_height(img);
	s = LOGO_BOX / (w > h ? w : h);
	cairo_save(cr);
	cairo_translate(cr, cx - w * s / 2, y + (LOGO_BOX - h * s) / 2);
	cairo_scale(cr, s, s);
	cairo_set_source_surface(cr, img, 0, 0);
	cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
	cairo_paint(cr);
	cairo_restore(cr);
	cairo_surface_destroy(img);
}

/* QR of url at (x, y), QR_SIZE square with its 4-module quiet zone;
   each row's dark runs are rectangles of one path, filled once. */
static int
qr(cairo_t *cr, const char *url, double x, double y)
{
	QRcode		*q;
	double		 m;
	int		 i, j, k;

	if ((q = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return -1;
	m = QR_SIZE / (q->width + 8);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, QR_SIZE, QR_SIZE);
	cairo_fill(cr);
	for (i = 0; i < q->width; i++)
		for (j = 0; j < q->width; j = k) {
			for (k = j; k < q->width &&
			    (q->data[i * q->width + k] & 1); k++)
				;
			if (k > j)
				cairo_rectangle(cr, x + (4 + j) * m,
				    y + (4 + i) * m, (k - j) * m, m);
			else
				k++;
		}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_fill(cr);
	QRcode_free(q);
	return 0;
}

/* "ABCD-EFGH-…": groups of 4 letters and digits, other bytes dropped. */
static void
group_code(char *dst, size_t len, const char *code)
{
	size_t	 n = 0, k = 0;

	for (; *code && n + 2 < len; code++) {
		if (!((*code >= 'A' && *code <= 'Z') ||
		    (*code >= 'a' && *code <= 'z') ||
		    (*code >= '0' && *code <= '9')))
			continue;
		if (k && k % 4 == 0)
			dst[n++] = '-';
		dst[n++] = *code;
		k++;
	}
	dst[n] = '\0';
}

#define BRAND	0.043, 0.333, 0.388	/* #0b5563, the UI's brand colour */
#define INK	0.13, 0.13, 0.13
#define GREY	0.33, 0.36, 0.40

/*
 * cairo keeps process-wide caches (toy font faces and their fontconfig
 * patterns) that valgrind reports as lost at exit; release them then,
 * when no cairo object is alive any more.
 */
static pthread_once_t	 exit_once = PTHREAD_ONCE_INIT;

static void
release_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static void
at_exit(void)
{
	atexit(release_caches);
}

int
certpdf_render(const struct certpdf *in, struct buf *out)
{
	char		 agency[TLINE_MAX], sname[TLINE_MAX], snip[TLINE_MAX];
	char		 spos[TLINE_MAX], name[TLINE_MAX], nip[TLINE_MAX];
	char		 course[TLINE_MAX], comp[TLINE_MAX * 2], number[TLINE_MAX];
	char		 url[CERTPDF_URL_MAX + 1], code[TLINE_MAX], date[32];
	char		 line[TLINE_MAX * 2], ctype[TLINE_MAX];
	cairo_surface_t	*s;
	cairo_t		*cr;
	double		 y, cx = PAGE_W / 2, sx, sy, qy;
	int		 rc = 0;
	const struct style
	    st_agency = { SANS, 1, 0, 15, 9, 2, BRAND },
	    st_title = { SERIF, 1, 0, 34, 34, 1, BRAND },
	    st_kicker = { SANS, 0, 0, 12, 12, 1, INK },
	    st_small = { SANS, 0, 0, 10.5, 7, 1, GREY },
	    st_text = { SANS, 0, 1, 12, 9, 1, INK },
	    st_name = { SERIF, 1, 0, 28, 14, 2, INK },
	    st_nip = { SANS, 0, 0, 13, 13, 1, INK },
	    st_course = { SERIF, 1, 0, 19, 11, 2, BRAND },
	    st_line = { SANS, 0, 0, 11.5, 8, 2, INK },
	    st_spos = { SANS, 0, 0, 10.5, 7, 2, INK },
	    st_sname = { SANS, 1, 0, 11.5, 7, 1, INK },
	    st_url = { SANS, 0, 0, 7.5, 5, 3, GREY },
	    st_code = { SANS, 1, 0, 9, 6, 1, INK };

	pthread_once(&exit_once, at_exit);
	clean(agency, in->agency && in->agency[0] ? in->agency : "Lentera");
	clean(sname, in->signer_name);
	clean(snip, in->signer_nip);
	clean(spos, in->signer_position);
	clean(name, in->name);
	clean(nip, in->nip);
	clean(course, in->course);
	clean(number, in->number);
	clean(ctype, in->ctype);
	clean(line, in->competency);
	snprintf(comp, sizeof(comp), "Kompetensi %s (%s, level %d) · %d JP",
	    line, ctype, in->level, in->jp);
	snprintf(url, sizeof(url), "%.*s", CERTPDF_URL_MAX,
	    in->url ? in->url : "");
	url[utf8_prefix(url, strlen(url), 0)] = '\0';
	group_code(code, sizeof(code), in->code ? in->code : "");
	certpdf_date(in->date, date, sizeof(date));

	s = cairo_pdf_surface_create_for_stream(buf_write, out, PAGE_W, PAGE_H);
	snprintf(line, sizeof(line), "Sertifikat %s", number);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, line);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, agency);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR,
	    "Lentera");
	cr = cairo_create(s);

	/* Frame: a brand-coloured border and a thin inner rule. */
	cairo_set_source_rgb(cr, BRAND);
	cairo_set_line_width(cr, 4);
	cairo_rectangle(cr, 20, 20, PAGE_W - 40, PAGE_H - 40);
	cairo_stroke(cr);
	cairo_set_source_rgb(cr, 0.96, 0.77, 0.26);	/* #f5c542 */
	cairo_set_line_width(cr, 1.2);
	cairo_rectangle(cr, 29, 29, PAGE_W - 58, PAGE_H - 58);
	cairo_stroke(cr);

	y = 40;
	if (in->logo && in->logolen) {
		logo(cr, in->logo, in->logolen, cx, y);
		y += LOGO_BOX + 6;
	} else
		y += 14;
	block(cr, agency, &st_agency, cx, 0, 640, &y);
	y += 8;
	block(cr, "SERTIFIKAT", &st_title, cx, 0, 640, &y);
	block(cr, "PENGEMBANGAN KOMPETENSI", &st_kicker, cx, 0, 640, &y);
	snprintf(line, sizeof(line), "Nomor: %s", number);
	block(cr, line, &st_small, cx, 0, 640, &y);
	y += 12;
	block(cr, "diberikan kepada", &st_text, cx, 0, 640, &y);
	y += 2;
	block(cr, name, &st_name, cx, 0, 660, &y);
	snprintf(line, sizeof(line), "NIP %s", nip);
	block(cr, line, &st_nip, cx, 0, 640, &y);
	y += 8;
	block(cr, "telah menyelesaikan pelatihan", &st_text, cx, 0, 640, &y);
	y += 2;
	block(cr, course, &st_course, cx, 0, 660, &y);
	y += 2;
	block(cr, comp, &st_line, cx, 0, 640, &y);
	snprintf(line, sizeof(line), "Diselesaikan pada tanggal %s", date);
	block(cr, line, &st_line, cx, 0, 640, &y);

	/* Bottom left: the QR code, the URL and code to type instead. The
	   worst case of the stack above ends near y = 452. */
	qy = PAGE_H - 44 - QR_SIZE;
	if (url[0] && qr(cr, url, 46, qy) == -1)
		rc = -1;
	sy = qy + 4;
	/* Left column up to the signatory block (centred on sx, 250 wide). */
	block(cr, "Periksa keaslian sertifikat ini:", &st_url, 148, 1, 300, &sy);
	block(cr, url, &st_url, 148, 1, 300, &sy);
	if (code[0]) {
		sy += 4;
		block(cr, "Kode verifikasi", &st_url, 148, 1, 300, &sy);
		block(cr, code, &st_code, 148, 1, 300, &sy);
	}

	/* Bottom right: the signatory; room for a wet signature/stamp. */
	sx = PAGE_W - 190;
	sy = qy - 4;
	block(cr, spos, &st_spos, sx, 0, 250, &sy);
	sy = PAGE_H - 44 - 34;
	if (sname[0]) {
		cairo_font_extents_t fe;
		double	 y0 = sy, w;

		w = block(cr, sname, &st_sname, sx, 0, 250, &sy);
		cairo_font_extents(cr, &fe);
		cairo_set_line_width(cr, 0.7);
		cairo_move_to(cr, sx - w / 2, y0 + fe.ascent + 2);
		cairo_line_to(cr, sx + w / 2, y0 + fe.ascent + 2);
		cairo_stroke(cr);
	} else
		sy += 14;
	if (snip[0]) {
		snprintf(line, sizeof(line), "NIP %s", snip);
		block(cr, line, &st_spos, sx, 0, 250, &sy);
	}

	cairo_show_page(cr);
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = -1;
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || out->oom)
		rc = -1;
	cairo_surface_destroy(s);
	if (rc == -1)
		buf_reset(out);
	return rc;
}

/* Bounded rendering on a thread of its own (see certpdf.h). */
static pthread_mutex_t	 slots_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 slots_cv = PTHREAD_COND_INITIALIZER;
static int		 slots_used;

struct job {
	const struct certpdf	*in;
	struct buf		*out;
	int			 rc;
};

static void *
job_run(void *arg)
{
	struct job	*j = arg;

	j->rc = certpdf_render(j->in, j->out);
	return NULL;
}

int
certpdf_render_bounded(const struct certpdf *in, struct buf *out)
{
	struct job	 j = { in, out, -1 };
	struct timespec	 ts;
	pthread_attr_t	 attr;
	pthread_t	 t;
	int		 e = 0;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += CERTPDF_WAIT_MS / 1000;
	ts.tv_nsec += (long)(CERTPDF_WAIT_MS % 1000) * 1000000L;
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&slots_mu);
	while (slots_used >= CERTPDF_CONCURRENT && e != ETIMEDOUT)
		e = pthread_cond_timedwait(&slots_cv, &slots_mu, &ts);
	if (slots_used >= CERTPDF_CONCURRENT) {
		pthread_mutex_unlock(&slots_mu);
		return -2;
	}
	slots_used++;
	pthread_mutex_unlock(&slots_mu);
	if (pthread_attr_init(&attr) == 0) {
		if (pthread_attr_setstacksize(&attr, CERTPDF_STACK) == 0 &&
		    pthread_create(&t, &attr, job_run, &j) == 0)
			pthread_join(t, NULL);
		pthread_attr_destroy(&attr);
	}
	pthread_mutex_lock(&slots_mu);
	slots_used--;
	pthread_cond_signal(&slots_cv);
	pthread_mutex_unlock(&slots_mu);
	return j.rc;
}
