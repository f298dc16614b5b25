/*
 * certificate: what a certificate says and how it is checked, apart from
 * any page. See certificate.h.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cert.h"
#include "certificate.h"
#include "certpdf.h"
#include "config.h"
#include "json.h"
#include "log.h"
#include "store_settings.h"
#include "wib.h"

/* ------------------------------------------------------------ payload */

void
certificate_payload(struct buf *b, const struct completion *c, const char *nip,
    const char *name)
{
	char	 date[16], mask[CERT_NIP_MASK_LEN];

	wib_ymd(c->completed_at, date);
	cert_nip_mask(nip, mask);
	buf_adds(b, "{\"v\":2,\"certificate\":");
	buf_json_str(b, c->cert_no);
	buf_adds(b, ",\"nip_masked\":");
	buf_json_str(b, mask);
	buf_adds(b, ",\"name\":");
	buf_json_str(b, name);
	buf_adds(b, ",\"course\":");
	buf_json_str(b, c->course);
	buf_adds(b, ",\"title\":");
	buf_json_str(b, c->course_title);
	buf_adds(b, ",\"competency\":");
	buf_json_str(b, c->competency);
	buf_adds(b, ",\"competency_type\":");
	buf_json_str(b, c->ctype);
	buf_addf(b, ",\"level\":%d,\"jp\":%d,\"completed\":\"%s\"", c->level,
	    c->jp, date);
	if (c->score >= 0)
		buf_addf(b, ",\"score\":%.1f", c->score);
	buf_adds(b, ",\"issuer\":\"Lentera\"}");
}


static const struct field {
	const char	*key;
	size_t		 off, len;
	int		 num;		/* number, else string */
	int		 need;		/* required in every version */
} fields[] = {
#define F(k, m, n, r) { k, offsetof(struct signed_cert, m), \
	sizeof(((struct signed_cert *)0)->m), n, r }
	F("v", v, 1, 0),
	F("certificate", certificate, 0, 1),
	F("nip", nip, 0, 0),
	F("nip_masked", nip_masked, 0, 0),
	F("name", name, 0, 1),
	F("course", course, 0, 1),
	F("title", title, 0, 1),
	F("competency", competency, 0, 1),
	F("competency_type", ctype, 0, 1),
	F("level", level, 1, 1),
	F("jp", jp, 1, 1),
	F("completed", completed, 0, 1),
	F("score", score, 1, 0),
	F("issuer", issuer, 0, 1),
#undef F
};
#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

/* A number as we write them: -?digits(.digits)?, copied as text. */
static int
json_number(const char **pp, char *out, size_t len)
{
	const char	*p = *pp, *s = *pp;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return -1;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return -1;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if ((size_t)(p - s) >= len)
		return -1;
	memcpy(out, s, (size_t)(p - s));
	out[p - s] = '\0';
	*pp = p;
	return 0;
}

/*
 * The flat object we sign: known keys once each, unknown keys refused
 * (a payload this code cannot fully read is not one it can vouch for).
 */
int
certificate_payload_parse(const char *p, struct signed_cert *sc)
{
	char	 key[32];
	size_t	 i;

	memset(sc, 0, sizeof(*sc));
	if (*p++ != '{')
		return -1;
	for (;;) {
		if (*p != '"' || json_string(&p, key, sizeof(key)) == -1 ||
		    *p++ != ':')
			return -1;
		for (i = 0; i < NFIELDS; i++)
			if (strcmp(key, fields[i].key) == 0)
				break;
		if (i == NFIELDS || (sc->seen & (1u << i)))
			return -1;
		sc->seen |= 1u << i;
		if (fields[i].num ? json_number(&p, (char *)sc + fields[i].off,
		    fields[i].len) == -1 : (*p != '"' || json_string(&p,
		    (char *)sc + fields[i].off, fields[i].len) == -1))
			return -1;
		if (*p == ',') {
			p++;
			continue;
		}
		if (*p++ != '}' || *p != '\0')
			return -1;
		break;
	}
	for (i = 0; i < NFIELDS; i++)
		if (fields[i].need && !(sc->seen & (1u << i)))
			return -1;
	if (sc->v[0] == '\0')		/* v1: the full NIP */
		return sc->nip[0] ? 0 : -1;
	return strcmp(sc->v, "2") == 0 && sc->nip_masked[0] &&
	    !sc->nip[0] ? 0 : -1;
}

int
certificate_payload_check(const char *payload)
{
	struct signed_cert sc;

	return payload != NULL && certificate_payload_parse(payload, &sc) == 0 ? 0 : -1;
}

/* ------------------------------------------------------- verify links */

void
certificate_url(const char *base, struct buf *b, const char *cert_no,
    const char *code)
{
	char	 printed[CERT_CODE_PRINT_LEN];

	cert_code_print(code, printed);
	buf_adds(b, base);
	buf_adds(b, "/verify/");
	buf_adds(b, cert_no);	/* A-Z 0-9 - /: nothing to escape */
	buf_adds(b, "?code=");
	buf_adds(b, printed);
}

/* --------------------------------------------------------- start-up */

int
certificate_backfill(struct store *st)
{
	int	 n;

	if ((n = store_completion_backfill_codes(st, cert_code_new)) == -1) {
		log_warnx("certificate: cannot give older certificates a code");
		return -1;
	}
	if (n > 0)
		log_info("certificate: %d older certificate%s got a verification "
		    "code", n, n == 1 ? "" : "s");
	return 0;
}

/* ---------------------------------------------------------------- PDF */

void
certificate_pdf_input(struct certpdf *in, const struct settings *s,
    const struct completion *c, const char *url, const char *printed,
    const struct buf *logo)
{
	memset(in, 0, sizeof(*in));
	in->agency = s->agency;
	in->signer_name = s->signer_name;
	in->signer_nip = s->signer_nip;
	in->signer_position = s->signer_position;
	in->name = c->holder_name[0] ? c->holder_name : c->name;
	in->nip = c->nip;
	in->course = c->course_title;
	in->competency = c->competency;
	in->ctype = c->ctype;
	in->level = c->level;
	in->jp = c->jp;
	in->date = c->completed_at;
	in->number = c->cert_no;
	in->url = url;
	in->code = printed;
	in->logo = logo->n ? logo->p : NULL;
	in->logolen = logo->n;
}

int
certificate_logo_name_ok(const char *name)
{
	return strlen(name) == CERTIFICATE_LOGO_HEX + 4 && strspn(name,
	    "0123456789abcdef") == CERTIFICATE_LOGO_HEX &&
	    strcmp(name + CERTIFICATE_LOGO_HEX, ".png") == 0;
}

void
certificate_logo_path(char *out, size_t len, const char *name)
{
	snprintf(out, len, "%s/%s%s%s", cfg.datadir, CERTIFICATE_LOGO_DIR,
	    name ? "/" : "", name ? name : "");
}

int
certificate_logo(const struct settings *s, struct buf *b)
{
	char		 path[sizeof(cfg.datadir) + 64], chunk[16384];
	struct stat	 sb;
	ssize_t		 n;
	int		 fd;

	if (s->logo[0] == '\0')
		return 1;
	if (!certificate_logo_name_ok(s->logo))
		return -1;
	certificate_logo_path(path, sizeof(path), s->logo);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > CERTPDF_LOGO_MAX) {
		close(fd);
		return -1;
	}
	while ((n = read(fd, chunk, sizeof(chunk))) > 0 &&
	    b->n + (size_t)n <= CERTPDF_LOGO_MAX)
		buf_add(b, chunk, (size_t)n);
	close(fd);
	if (n != 0 || b->oom) {
		buf_reset(b);
		return -1;
	}
	return 0;
}
