/* verify: signed payload format and /verify pages. See verify.h. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api.h"
#include "cert.h"
#include "http.h"
#include "ledger.h"
#include "json.h"
#include "log.h"
#include "rate.h"
#include "record.h"
#include "certificate.h"
#include "verify.h"
#include "view.h"
#include "wib.h"

#define NUMBER_MAX	128	/* longer /verify/ paths are not numbers */
#define NMISMATCH	16

static struct rate_limit verify_rate = { "verify", VERIFY_RATE_DEFAULT, 3 };

void
verify_set_rate(int per_minute)
{
	verify_rate.burst = per_minute;
	verify_rate.per_s = per_minute >= 60 ? 1 : 60 / per_minute;
}

void
verify_url(struct req *r, struct buf *b, const char *cert_no,
    const char *code)
{
	struct buf	 base = { 0 };

	(void)r;
	api_public_url(&base);
	certificate_url(base.p ? base.p : "", b, cert_no, code);
	buf_free(&base);
}

/* ------------------------------------------------------------ parsing */

/* ----------------------------------------------------------- checking */

struct verdict {
	int		 sig_ok, parsed, valid;
	struct signed_cert sc;
	const char	*mismatch[NMISMATCH];
	int		 nmismatch;
};

static void
differ(struct verdict *v, const char *field)
{
	if (v->nmismatch < NMISMATCH)
		v->mismatch[v->nmismatch++] = field;
}

/*
 * Signature over the stored payload bytes, then every signed field
 * against the database row: any difference voids the certificate, so
 * an edited score, JP or title can never sit beside "sah".
 */
static void
judge(const struct completion *c, struct verdict *v)
{
	const struct signed_cert *sc = &v->sc;
	char	 t[32], mask[CERT_NIP_MASK_LEN];

	memset(v, 0, sizeof(*v));
	v->sig_ok = cfg.key != NULL && c->sig[0] && cert_verify(
	    cert_public_b64(cfg.key), c->payload, strlen(c->payload),
	    c->sig) == 1;
	if (!v->sig_ok)
		differ(v, "signature");
	v->parsed = certificate_payload_parse(c->payload, &v->sc) == 0;
	if (!v->parsed) {
		differ(v, "payload");
		return;
	}
	if (strcmp(sc->certificate, c->cert_no) != 0)
		differ(v, "certificate");
	if (sc->v[0] == '\0') {
		if (strcmp(sc->nip, c->nip) != 0)
			differ(v, "nip");
	} else {
		cert_nip_mask(c->nip, mask);
		if (strcmp(sc->nip_masked, mask) != 0)
			differ(v, "nip");
	}
	if (strcmp(sc->name, c->holder_name[0] ? c->holder_name :
	    c->name) != 0)
		differ(v, "name");
	if (strcmp(sc->course, c->course) != 0)
		differ(v, "course");
	if (strcmp(sc->title, c->course_title) != 0)
		differ(v, "title");
	if (strcmp(sc->competency, c->competency) != 0)
		differ(v, "competency");
	if (strcmp(sc->ctype, c->ctype) != 0)
		differ(v, "competency_type");
	snprintf(t, sizeof(t), "%d", c->level);
	if (strcmp(sc->level, t) != 0)
		differ(v, "level");
	snprintf(t, sizeof(t), "%d", c->jp);
	if (strcmp(sc->jp, t) != 0)
		differ(v, "jp");
	wib_ymd(c->completed_at, t);
	if (strcmp(sc->completed, t) != 0)
		differ(v, "completed");
	/* The JP year is not signed but follows from the signed date. */
	if (c->year != ledger_year(c->completed_at))
		differ(v, "year");
	if (c->score >= 0)
		snprintf(t, sizeof(t), "%.1f", c->score);
	else
		t[0] = '\0';
	if (strcmp(sc->score, t) != 0)
		differ(v, "score");
	if (strcmp(sc->issuer, "Lentera") != 0)
		differ(v, "issuer");
	v->valid = v->nmismatch == 0;
}

/* ------------------------------------------------------------- output */

static void
json_answer(struct req *r, const struct completion *c,
    const struct verdict *v)
{
	const struct signed_cert *sc = &v->sc;
	struct buf	*o = &r->out;
	char		 mask[CERT_NIP_MASK_LEN];
	int		 i;

	buf_addf(o, "{\"found\":true,\"status\":\"%s\",\"valid\":%s,"
	    "\"genuine\":%s,\"signature_ok\":%s,\"mismatch\":[",
	    v->valid ? "valid" : "invalid", v->valid ? "true" : "false",
	    v->valid ? "true" : "false", v->sig_ok ? "true" : "false");
	for (i = 0; i < v->nmismatch; i++) {
		if (i)
			buf_addc(o, ',');
		buf_json_str(o, v->mismatch[i]);
	}
	buf_adds(o, "],\"certificate\":");
	if (v->sig_ok && v->parsed) {
		/* The signed contents (never the columns), NIP masked. */
		if (sc->v[0] == '\0')
			cert_nip_mask(sc->nip, mask);
		buf_adds(o, "{\"number\":");
		buf_json_str(o, sc->certificate);
		buf_adds(o, ",\"name\":");
		buf_json_str(o, sc->name);
		buf_adds(o, ",\"nip_masked\":");
		buf_json_str(o, sc->v[0] ? sc->nip_masked : mask);
		buf_adds(o, ",\"course\":");
		buf_json_str(o, sc->course);
		buf_adds(o, ",\"title\":");
		buf_json_str(o, sc->title);
		buf_adds(o, ",\"competency\":");
		buf_json_str(o, sc->competency);
		buf_adds(o, ",\"competency_type\":");
		buf_json_str(o, sc->ctype);
		buf_addf(o, ",\"level\":%s,\"jp\":%s,\"completed\":",
		    sc->level, sc->jp);
		buf_json_str(o, sc->completed);
		buf_addf(o, ",\"score\":%s,\"issuer\":",
		    sc->score[0] ? sc->score : "null");
		buf_json_str(o, sc->issuer);
		buf_adds(o, "}");
	} else
		buf_adds(o, "null");
	buf_adds(o, ",\"payload\":");
	buf_json_str(o, c->payload);
	buf_adds(o, ",\"signature\":");
	buf_json_str(o, c->sig);
	buf_adds(o, ",\"public_key\":");
	buf_json_str(o, cfg.key ? cert_public_b64(cfg.key) : "");
	buf_adds(o, ",\"algorithm\":\"Ed25519\","
	    "\"signed_bytes\":\"UTF-8 of payload\"}\n");
}

static void
row(struct req *r, enum msg label, const char *value)
{
	buf_addf(&r->out, "<tr><th scope=\"row\">%s</th><td>", T(r, label));
	buf_html(&r->out, value);
	buf_adds(&r->out, "</td></tr>");
}

/* The signed WIB date "yyyy-mm-dd" in the page's language. */
static void
date_row(struct req *r, const char *ymd)
{
	int		 y, m, d;

	buf_addf(&r->out, "<tr><th scope=\"row\">%s</th><td>",
	    T(r, M_VERIFY_DATE));
	if (wib_parse_ymd(ymd, &y, &m, &d) == 0 && y >= 2000)
		view_date(r, wib_midnight(y, m, d));
	else
		buf_html(&r->out, ymd);
	buf_adds(&r->out, "</td></tr>");
}

static void
html_signed(struct req *r, const struct signed_cert *sc)
{
	struct buf	*o = &r->out;
	char		 mask[CERT_NIP_MASK_LEN], t[600];

	if (sc->v[0] == '\0')
		cert_nip_mask(sc->nip, mask);
	buf_addf(o, "<table class=\"cert-signed\"><caption>%s</caption>"
	    "<tbody>", T(r, M_VERIFY_SIGNED));
	row(r, M_VERIFY_NUMBER, sc->certificate);
	row(r, M_VERIFY_HOLDER, sc->name);
	buf_adds(o, "<tr><th scope=\"row\">NIP</th><td>");
	buf_html(o, sc->v[0] ? sc->nip_masked : mask);
	buf_addf(o, " <small>%s</small></td></tr>", T(r, M_VERIFY_NIP_NOTE));
	row(r, M_VERIFY_COURSE, sc->title);
	snprintf(t, sizeof(t), "%s (%s, %s %s)", sc->competency, sc->ctype,
	    T(r, M_LEVEL), sc->level);
	row(r, M_COMPETENCY, t);
	row(r, M_JP, sc->jp);
	if (sc->score[0])
		row(r, M_VERIFY_SCORE, sc->score);
	date_row(r, sc->completed);
	row(r, M_VERIFY_ISSUER, sc->issuer);
	buf_adds(o, "</tbody></table>");
}

/*
 * The form: with a number (from the URL) it asks for the code only; at
 * bare /verify it asks for both, as they are printed on the paper.
 */
static void
code_form(struct req *r, const char *number, const char *error)
{
	struct buf	*o = &r->out;

	buf_addf(o, "<section class=\"card narrow\"><h1>%s</h1>",
	    T(r, M_VERIFY_TITLE));
	if (error)
		view_notice(r, "error", error);
	if (number == NULL)
		buf_addf(o, "<p>%s</p><form method=\"get\" action=\"/verify\">"
		    "<label for=\"number\">%s</label><input id=\"number\" "
		    "name=\"number\" autocomplete=\"off\" "
		    "autocapitalize=\"characters\" spellcheck=\"false\" "
		    "maxlength=\"%d\" required placeholder=\"%s/%d/000123\">",
		    T(r, M_VERIFY_INTRO_BOTH), T(r, M_VERIFY_NUMBER),
		    NUMBER_MAX - 1, cfg.cert_prefix, ledger_year(r->now));
	else {
		buf_addf(o, "<p>%s: <strong>", T(r, M_VERIFY_NUMBER));
		buf_html(o, number);
		/* No action: a GET form replaces the query of this URL. */
		buf_addf(o, "</strong></p><p>%s</p><form method=\"get\">",
		    T(r, M_VERIFY_INTRO));
	}
	buf_addf(o, "<label for=\"code\">%s</label><input id=\"code\" name=\"code\" "
	    "autocomplete=\"off\" autocapitalize=\"characters\" "
	    "spellcheck=\"false\" maxlength=\"%d\" required "
	    "aria-describedby=\"code-help\"><small id=\"code-help\">%s</small>"
	    "<p><button type=\"submit\">%s</button></p></form></section>",
	    T(r, M_VERIFY_CODE), CERT_CODE_INPUT_MAX,
	    T(r, M_VERIFY_CODE_HELP), T(r, M_VERIFY_SUBMIT));
}

/* GET /verify?number=..&code=..: on to the certificate's own URL. */
static int
verify_start(struct req *r)
{
	const char	*no = http_query(r, "number"), *code = http_query(r, "code");
	struct buf	 loc = { 0 };
	size_t		 i, n;

	if (no == NULL || code == NULL || *code == '\0' ||
	    (n = strlen(no)) == 0 || n >= NUMBER_MAX ||
	    strlen(code) > CERT_CODE_INPUT_MAX) {
		view_begin(r, T(r, M_VERIFY_TITLE));
		code_form(r, NULL, no || code ? T(r, M_VERIFY_WRONG) : NULL);
		view_end(r);
		return no || code ? 400 : 200;
	}
	buf_adds(&loc, "/verify/");
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)no[i];

		/* A number is A-Z 0-9 - and /; people type lower case
		   and spaces around it. */
		if (ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		if ((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		    ch == '-' || (ch == '/' && i > 0 && no[i - 1] != '/'))
			buf_addc(&loc, (char)ch);
		else if (ch != ' ') {
			buf_free(&loc);
			view_begin(r, T(r, M_VERIFY_TITLE));
			code_form(r, NULL, T(r, M_VERIFY_WRONG));
			view_end(r);
			return 400;
		}
	}
	buf_adds(&loc, "?code=");
	buf_url(&loc, code);
	if (loc.oom) {
		buf_free(&loc);
		return HTTP_OOM;
	}
	http_redirect(r, loc.p);
	buf_free(&loc);
	return 303;
}

static void
html_answer(struct req *r, const struct verdict *v)
{
	struct buf	*o = &r->out;
	int		 i;

	buf_addf(o, "<h1>%s</h1>", T(r, M_VERIFY_TITLE));
	view_notice(r, v->valid ? "ok" : "error", T(r, v->valid ?
	    M_VERIFY_VALID : M_VERIFY_INVALID));
	if (!v->sig_ok || !v->parsed)
		view_notice(r, "error", T(r, M_VERIFY_BAD_SIG));
	else {
		if (!v->valid) {
			buf_addf(o, "<p>%s</p><ul class=\"mismatch\">",
			    T(r, M_VERIFY_MISMATCH));
			for (i = 0; i < v->nmismatch; i++) {
				buf_adds(o, "<li><code>");
				buf_html(o, v->mismatch[i]);
				buf_adds(o, "</code></li>");
			}
			buf_adds(o, "</ul>");
		}
		html_signed(r, &v->sc);
	}
	buf_addf(o, "<p>%s: <a href=\"?code=", T(r, M_VERIFY_TECH));
	buf_url(o, http_query(r, "code"));
	buf_addf(o, "&amp;format=json\">JSON</a> · <a href=\"/verify/key\">"
	    "%s</a></p>", T(r, M_VERIFY_KEY));
}

/* --------------------------------------------------------- handlers */

int
verify_key(struct req *r)
{
	if (cfg.key == NULL)
		return 404;
	buf_adds(&r->out, "{\"algorithm\":\"Ed25519\",\"public_key\":");
	buf_json_str(&r->out, cert_public_b64(cfg.key));
	buf_adds(&r->out, ",\"encoding\":\"base64\"}\n");
	r->ctype = "application/json";
	return 200;
}

int
verify_page(struct req *r)
{
	struct completion *c = NULL;
	struct verdict	 v;
	char		 no[NUMBER_MAX], code[CERT_CODE_LEN], s[16];
	const char	*fmt = http_query(r, "format"), *typed;
	int		 i, json, rc, wait, match;
	size_t		 n = 0;

	if (r->nseg < 2)
		return verify_start(r);
	if (r->nseg == 2 && strcmp(r->seg[1], "key") == 0)
		return verify_key(r);
	json = fmt && strcmp(fmt, "json") == 0;
	/* A link carrying a code must not hand it on, nor be indexed. */
	http_header(r, "Referrer-Policy", "no-referrer");
	http_header(r, "X-Robots-Tag", "noindex, nofollow");
	/* The number has slashes: rejoin the segments after /verify/. */
	no[0] = '\0';
	for (i = 1; i < r->nseg; i++)
		n += (size_t)snprintf(no + n, n < sizeof(no) ? sizeof(no) - n : 0,
		    "%s%s", i > 1 ? "/" : "", r->seg[i]);
	if (n >= sizeof(no))
		return 404;
	typed = http_query(r, "code");
	if (typed == NULL || *typed == '\0') {
		/* Nothing is looked up without a code: nothing to learn. */
		if (json) {
			r->ctype = "application/json";
			buf_adds(&r->out, "{\"found\":false,\"error\":"
			    "\"code required\",\"status\":400}\n");
			return 400;
		}
		view_begin(r, T(r, M_VERIFY_TITLE));
		code_form(r, no, NULL);
		view_end(r);
		return 200;
	}
	if ((wait = rate_take(&verify_rate, r->ip, r->now)) > 0) {
		snprintf(s, sizeof(s), "%d", wait);
		http_header(r, "Retry-After", s);
		if (json) {
			r->ctype = "application/json";
			buf_adds(&r->out, "{\"error\":\"too many requests\","
			    "\"status\":429}\n");
		}
		return 429;
	}
	if ((c = malloc(sizeof(*c))) == NULL)
		return HTTP_OOM;
	/* Same work and the same answer for an unknown number, a wrong
	   code and a malformed one. */
	cert_code_norm(typed, code);
	rc = store_completion_verify(r->st, no, c);
	if (rc == -1) {
		free(c);
		return 500;
	}
	match = cert_code_equal(rc == 0 ? c->code : "0000000000000000",
	    code[0] ? code : "ZZZZZZZZZZZZZZZZ") && rc == 0;
	if (!match) {
		free(c);
		if (json) {
			r->ctype = "application/json";
			buf_adds(&r->out, "{\"found\":false}\n");
			return 404;
		}
		view_begin(r, T(r, M_VERIFY_TITLE));
		code_form(r, no, T(r, M_VERIFY_WRONG));
		view_end(r);
		return 404;
	}
	judge(c, &v);
	if (json) {
		r->ctype = "application/json";
		json_answer(r, c, &v);
	} else {
		view_begin(r, T(r, M_VERIFY_TITLE));
		html_answer(r, &v);
		view_end(r);
	}
	free(c);
	return 200;	/* "tidak sah" too: the answer is the verdict */
}
