/* admin_settings: certificate settings page. See admin_settings.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "admin_settings.h"
#include "auth.h"
#include "certificate.h"
#include "certpdf.h"
#include "http.h"
#include "log.h"
#include "multipart.h"
#include "nip.h"
#include "record.h"
#include "store_settings.h"
#include "utf8.h"
#include "view.h"

#define CSRF_MAX	80	/* a session CSRF token is 64 hex digits */

/* The form as sent: strings point into the request (not terminated
   when from multipart), lengths bounded by the checks below. */
struct form_in {
	const char	*v[5];
	size_t		 n[5];
	const void	*logo;
	size_t		 logolen;
	int		 remove;
};

/* Field names, in struct form_in order; the contract of the form. */
static const char *const names[5] = { "agency_name", "institusi_penyelenggara",
	"signer_name", "signer_nip", "signer_position" };

static void
input(struct req *r, const char *name, enum msg label, const char *value,
    const char *extra)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<label for=\"%s\">%s</label><input id=\"%s\" name=\"%s\" "
	    "maxlength=\"%d\" value=\"", name, T(r, label), name, name,
	    SETTINGS_TEXT_MAX);
	buf_html(o, value);
	buf_addf(o, "\"%s>", extra);
}

static int
page(struct req *r, const struct settings *s, const char *kind,
    const char *msg, int status)
{
	struct buf	*o = &r->out;

	buf_reset(o);
	view_begin(r, T(r, M_SET_TITLE));
	buf_addf(o, "<h1>%s</h1>", T(r, M_SET_TITLE));
	if (msg)
		view_notice(r, kind, msg);
	buf_addf(o, "<p>%s</p><form method=\"post\" action=\"/admin/settings\" "
	    "enctype=\"multipart/form-data\" class=\"settings\">",
	    T(r, M_SET_HELP));
	view_csrf(r);
	buf_addf(o, "<fieldset class=\"card\"><legend>%s</legend>",
	    T(r, M_SET_AGENCY_GROUP));
	input(r, "agency_name", M_SET_AGENCY, s->agency, " required");
	input(r, "institusi_penyelenggara", M_SET_INSTITUSI, s->institusi, "");
	buf_addf(o, "<p class=\"logo-now\">%s: ", T(r, M_SET_LOGO_CURRENT));
	if (s->logo[0])
		buf_addf(o, "<img src=\"/admin/settings/logo?v=%lld\" alt=\"%s\" "
		    "id=\"logo-now\">", (long long)s->updated_at,
		    T(r, M_SET_LOGO_CURRENT));
	else
		buf_html(o, T(r, M_SET_LOGO_NONE));
	buf_addf(o, "</p><label for=\"logo\">%s</label><input id=\"logo\" "
	    "name=\"logo\" type=\"file\" accept=\"image/png\" "
	    "aria-describedby=\"logo-hint\"><small id=\"logo-hint\">%s</small>",
	    T(r, M_SET_LOGO), T(r, M_SET_LOGO_HINT));
	if (s->logo[0])
		buf_addf(o, "<label class=\"check\"><input type=\"checkbox\" "
		    "name=\"logo_remove\" value=\"1\"> %s</label>",
		    T(r, M_SET_LOGO_REMOVE));
	buf_addf(o, "</fieldset><fieldset class=\"card\"><legend>%s</legend>",
	    T(r, M_SET_SIGNER));
	input(r, "signer_name", M_SET_SIGNER_NAME, s->signer_name, "");
	buf_addf(o, "<label for=\"signer_nip\">%s</label><input id=\"signer_nip\" "
	    "name=\"signer_nip\" inputmode=\"numeric\" pattern=\"[0-9]{18}\" "
	    "maxlength=\"18\" value=\"", T(r, M_SET_SIGNER_NIP));
	buf_html(o, s->signer_nip);
	buf_adds(o, "\">");
	input(r, "signer_position", M_SET_SIGNER_POSITION, s->signer_position,
	    "");
	buf_addf(o, "</fieldset><button type=\"submit\">%s</button></form>"
	    "<p><a href=\"/admin/settings/preview.pdf\" id=\"preview\">%s</a></p>",
	    T(r, M_SET_SAVE), T(r, M_SET_PREVIEW));
	if (s->updated_at) {
		buf_addf(o, "<p><small>%s: ", T(r, M_SET_LAST));
		view_datetime(r, s->updated_at);
		buf_adds(o, "</small></p>");
	}
	view_end(r);
	return status;
}

int
admin_settings_page(struct req *r)
{
	struct settings	 s;

	if (store_settings_get(r->st, &s) == -1)
		return 500;
	return page(r, &s, NULL, NULL, 200);
}

/* A text field into dst (trimmed): 0, or -1 too long or not clean text. */
static int
text(const char *v, size_t n, char *dst, size_t dstlen)
{
	size_t	 i;

	while (n && (*v == ' ' || *v == '\t'))
		v++, n--;
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' ||
	    v[n - 1] == '\n'))
		n--;
	if (n > SETTINGS_TEXT_MAX || n >= dstlen || utf8_prefix(v, n, 0) != n)
		return -1;
	for (i = 0; i < n; i++)
		if ((unsigned char)v[i] < 0x20 || v[i] == 0x7f)
			return -1;
	memcpy(dst, v, n);
	dst[n] = '\0';
	return 0;
}

/* The form from a multipart or urlencoded body: 0, 400 or 403. */
static int
read_form(struct req *r, struct multipart *mp, struct form_in *f)
{
	const struct mp_part *p;
	const char	*ct = http_header_in(r, "Content-Type"), *v;
	char		 boundary[MP_BOUNDARY_MAX + 1], t[CSRF_MAX];
	int		 i;

	memset(f, 0, sizeof(*f));
	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0) {
		if (!auth_csrf_ok(r))
			return 403;
		for (i = 0; i < 5; i++)
			if ((v = http_param(r, names[i])) != NULL) {
				f->v[i] = v;
				f->n[i] = strlen(v);
			}
		f->remove = http_param(r, "logo_remove") != NULL;
		return 0;
	}
	if (multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    multipart_parse(r->body, r->bodylen, boundary, mp) == -1)
		return 400;
	p = multipart_get(mp, "csrf");
	if (p == NULL || p->len >= sizeof(t))
		return 403;
	memcpy(t, p->data, p->len);
	t[p->len] = '\0';
	if (!auth_csrf_token_ok(r, t))
		return 403;
	for (i = 0; i < 5; i++)
		if ((p = multipart_get(mp, names[i])) != NULL) {
			f->v[i] = p->data;
			f->n[i] = p->len;
		}
	if ((p = multipart_get(mp, "logo")) != NULL && p->len) {
		f->logo = p->data;
		f->logolen = p->len;
	}
	f->remove = multipart_get(mp, "logo_remove") != NULL;
	return 0;
}

/* Write the logo under a new random name (fsynced): 0, or -1. */
static int
logo_write(const void *data, size_t n, char *name, size_t namelen)
{
	unsigned char	 rnd[CERTIFICATE_LOGO_HEX / 2];
	char		 path[sizeof(cfg.datadir) + 64];
	const char	*p = data;
	ssize_t		 w;
	int		 fd;

	certificate_logo_path(path, sizeof(path), NULL);
	if (mkdir(path, 0700) == -1 && errno != EEXIST) {
		log_warnx("settings: mkdir %s: %s", path, strerror(errno));
		return -1;
	}
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(name, namelen, rnd, sizeof(rnd));
	snprintf(name + CERTIFICATE_LOGO_HEX, namelen - CERTIFICATE_LOGO_HEX, ".png");
	certificate_logo_path(path, sizeof(path), name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW |
	    O_CLOEXEC, 0600)) == -1) {
		log_warnx("settings: %s: %s", path, strerror(errno));
		return -1;
	}
	while (n > 0) {
		if ((w = write(fd, p, n)) == -1 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		n -= (size_t)w;
	}
	if (n > 0 || fsync(fd) == -1) {
		log_warnx("settings: write %s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return -1;
	}
	close(fd);
	return 0;
}

static void
logo_unlink(const char *name)
{
	char	 path[sizeof(cfg.datadir) + 64];

	if (!certificate_logo_name_ok(name))
		return;
	certificate_logo_path(path, sizeof(path), name);
	if (unlink(path) == -1 && errno != ENOENT)
		log_warnx("settings: unlink %s: %s", path, strerror(errno));
}

static enum msg
logo_error(enum certpdf_logo e)
{
	switch (e) {
	case CERTPDF_LOGO_TOO_BIG: return M_SET_ERR_LOGO_BIG;
	case CERTPDF_LOGO_JPEG: return M_SET_ERR_LOGO_JPEG;
	case CERTPDF_LOGO_NOT_PNG: return M_SET_ERR_LOGO_TYPE;
	case CERTPDF_LOGO_DIMENSIONS: return M_SET_ERR_LOGO_DIMS;
	default: return M_SET_ERR_LOGO_BAD;
	}
}

int
admin_settings_save(struct req *r)
{
	struct settings	 old, s;
	struct multipart *mp;
	struct form_in	 f;
	char		 why[128], detail[600];
	char		*dst[5];
	size_t		 len[5];
	enum certpdf_logo lc;
	const char	*logo_did = "kept";
	struct buf	 png = { 0 };
	int		 i, rc, status, wrote = 0;

	if (store_settings_get(r->st, &old) == -1)
		return 500;
	if ((mp = calloc(1, sizeof(*mp))) == NULL)
		return HTTP_OOM;
	/* CSRF is checked in read_form(): http.c cannot read multipart. */
	if ((status = read_form(r, mp, &f)) != 0) {
		free(mp);
		return status == 403 ? 403 : page(r, &old, "error",
		    T(r, M_SET_ERR_UPLOAD), 400);
	}
	s = old;
	dst[0] = s.agency; len[0] = sizeof(s.agency);
	dst[1] = s.institusi; len[1] = sizeof(s.institusi);
	dst[2] = s.signer_name; len[2] = sizeof(s.signer_name);
	dst[3] = s.signer_nip; len[3] = sizeof(s.signer_nip);
	dst[4] = s.signer_position; len[4] = sizeof(s.signer_position);
	/* Absent fields keep their value; a sent empty one clears it. */
	for (i = 0; i < 5; i++)
		if (f.v[i] && text(f.v[i], f.n[i], dst[i], len[i]) == -1) {
			/* What was typed goes back only when it is clean. */
			free(mp);
			return page(r, &s, "error", T(r, i == 3 ?
			    M_SET_ERR_NIP : M_SET_ERR_TEXT), 400);
		}
	if (s.agency[0] == '\0') {
		free(mp);
		return page(r, &s, "error", T(r, M_SET_ERR_AGENCY), 400);
	}
	if (s.signer_nip[0] && !nip_valid(s.signer_nip, why, sizeof(why))) {
		free(mp);
		return page(r, &s, "error", T(r, M_SET_ERR_NIP), 400);
	}
	if (f.logo) {
		/* Kept reduced: every PDF decodes it again. */
		if ((lc = certpdf_logo_normalize(f.logo, f.logolen, &png)) !=
		    CERTPDF_LOGO_OK) {
			free(mp);
			return page(r, &s, "error", T(r, logo_error(lc)), 400);
		}
		rc = logo_write(png.p, png.n, s.logo, sizeof(s.logo));
		buf_free(&png);
		if (rc == -1) {
			free(mp);
			return 500;
		}
		wrote = 1;
		logo_did = "new";
	} else if (f.remove && s.logo[0]) {
		s.logo[0] = '\0';
		logo_did = "removed";
	}
	free(mp);
	snprintf(detail, sizeof(detail), "agency=\"%s\" signer=\"%s\" "
	    "signer_nip=%s logo=%s", s.agency, s.signer_name,
	    s.signer_nip[0] ? s.signer_nip : "-", logo_did);
	if (store_settings_save(r->st, &s, r->now, r->user.id,
	    "settings.certificate", detail, r->ip) == -1) {
		if (wrote)
			logo_unlink(s.logo);
		return 500;
	}
	if (old.logo[0] && strcmp(old.logo, s.logo) != 0)
		logo_unlink(old.logo);
	s.updated_at = r->now;
	return page(r, &s, "ok", T(r, M_SAVED), 200);
}

int
admin_settings_logo_get(struct req *r)
{
	struct settings	 s;
	int		 rc;

	if (store_settings_get(r->st, &s) == -1)
		return 500;
	if ((rc = certificate_logo(&s, &r->out)) != 0)
		return rc == 1 ? 404 : 500;
	r->ctype = "image/png";
	return 200;
}

/* A sample certificate with the current settings and the admin's name. */
int
admin_settings_preview(struct req *r)
{
	struct completion c;

	memset(&c, 0, sizeof(c));
	snprintf(c.name, sizeof(c.name), "%s", r->user.name);
	snprintf(c.nip, sizeof(c.nip), "%s", r->user.nip);
	snprintf(c.course, sizeof(c.course), "contoh");
	snprintf(c.course_title, sizeof(c.course_title), "%s",
	    "Contoh Judul Pelatihan");
	snprintf(c.competency, sizeof(c.competency), "Contoh Kompetensi");
	snprintf(c.ctype, sizeof(c.ctype), "teknis");
	c.level = 1;
	c.jp = 2;
	c.completed_at = r->now;
	snprintf(c.cert_no, sizeof(c.cert_no), "CONTOH/0000/000000");
	return record_pdf_send(r, &c);
}
