/* learnrec: learning outside the courses, reviewed into the ledger. See learnrec.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "evidence.h"
#include "jprules.h"
#include "learnrec.h"
#include "ledger.h"
#include "log.h"
#include "nip.h"
#include "store.h"
#include "store_learnrec.h"
#include "store_ledger.h"
#include "store_programme.h"
#include "wib.h"

#define DAY	86400

static int
refuse(char *why, size_t len, const char *msg)
{
	snprintf(why, len, "%s", msg);
	return 1;
}

static int
is_session(const char *source)
{
	return strcmp(source, "mentoring") == 0 ||
	    strcmp(source, "coaching") == 0;
}

static int
staff_hr(const struct user *u)
{
	return (u->role & (ROLE_HR | ROLE_ADMIN)) != 0;
}

int
learnrec_can_view(const struct user *v, const struct learnrec *r)
{
	if (v->id == 0)
		return 0;
	return v->id == r->user_id || (r->mentor_id && v->id == r->mentor_id) ||
	    (r->nip_atasan[0] && strcmp(v->nip, r->nip_atasan) == 0) ||
	    staff_hr(v);
}

/* Plain one-line text within max bytes; "" allowed when !required. */
static int
text_ok(const char *s, size_t max, int required)
{
	size_t	 n = strlen(s), i;

	if (n >= max || (required && n == 0))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' &&
		    s[i] != '\t')
			return 0;
	return 1;
}

/* The checks of a submission; the form f of r->kind. 0 ok, 1 why. */
static int
check(struct store *st, const struct user *u, struct learnrec *r,
    const char *mentor_nip, const struct jpr_form **fp, int64_t now,
    char *why, size_t len)
{
	const struct jpr_rules	*rules = ledger_rules();
	const struct jpr_form	*f;
	struct user		 m;
	int			 rc;

	if (rules == NULL || (f = jprules_form(rules, r->kind)) == NULL)
		return refuse(why, len, "bentuk pengembangan kompetensi tidak "
		    "dikenal");
	*fp = f;
	if (strcmp(f->code, "e-learning") == 0)
		return refuse(why, len, "e-learning Lentera tercatat sendiri "
		    "saat kursus selesai");
	snprintf(r->source, sizeof(r->source), "%s",
	    strcmp(f->code, "mentoring") == 0 ? "mentoring" :
	    strcmp(f->code, "coaching") == 0 ? "coaching" :
	    f->klasikal ? "classroom" : "external");
	if (!text_ok(r->title, sizeof(r->title), 1))
		return refuse(why, len, "judul wajib diisi (satu baris, paling "
		    "banyak 255 byte)");
	if (!text_ok(r->provider, sizeof(r->provider), 0) ||
	    !text_ok(r->competency, sizeof(r->competency), 0) ||
	    !text_ok(r->notes, sizeof(r->notes), 0) ||
	    !text_ok(r->rtl, sizeof(r->rtl), 0) ||
	    !text_ok(r->cert_no, sizeof(r->cert_no), 0))
		return refuse(why, len, "isian terlalu panjang atau berisi "
		    "karakter kendali");
	if (r->start_at <= 0 || r->end_at < r->start_at ||
	    r->end_at - r->start_at > 5 * 366 * DAY)
		return refuse(why, len, "tanggal tidak valid (selesai tidak "
		    "boleh sebelum mulai)");
	if (r->end_at > now)	/* dates are WIB midnights */
		return refuse(why, len, "tanggal belum terjadi: catat "
		    "pembelajaran yang sudah selesai");
	if (is_session(r->source)) {
		if (f->basis != JPR_MINUTES)
			return refuse(why, len, "aturan JP bentuk ini tidak "
			    "berdasarkan menit");
		if (r->minutes <= 0 || r->minutes > LEARNREC_MINUTES_MAX)
			return refuse(why, len, "durasi sesi 1 sampai 1440 "
			    "menit");
		if (strcmp(r->mode, "tatap-muka") != 0 &&
		    strcmp(r->mode, "daring") != 0)
			return refuse(why, len, "moda: tatap-muka atau daring");
		if (mentor_nip == NULL || !nip_format(mentor_nip))
			return refuse(why, len, "NIP mentor/coach 18 angka");
		if ((rc = store_user_by_nip(st, mentor_nip, &m, NULL, 0)) == -1)
			return -1;
		if (rc == 1 || !m.active)
			return refuse(why, len, "mentor/coach dengan NIP itu "
			    "tidak terdaftar");
		if (m.id == u->id)
			return refuse(why, len, "mentor/coach bukan diri "
			    "sendiri");
		r->mentor_id = m.id;
		r->stated_cjp = 0;
		r->cert_no[0] = '\0';
		/* The programme pairing it belongs to, when there is one. */
		if (store_programme_for(st, r->source, u->id, m.id, r->start_at,
		    &r->programme_id) == -1)
			return -1;
	} else {
		r->mentor_id = 0;
		r->programme_id = 0;
		r->minutes = 0;
		r->mode[0] = '\0';
		if (f->basis == JPR_STATED && (r->stated_cjp <= 0 ||
		    r->stated_cjp > JPR_CJP_MAX))
			return refuse(why, len, "JP pada sertifikat wajib diisi "
			    "(lebih dari 0, paling banyak 1000)");
		if (f->basis == JPR_MINUTES && (r->minutes = (int)
		    (r->stated_cjp * f->minutes_per_jp / 100)) <= 0)
			return refuse(why, len, "JP wajib diisi");
		if (r->cert_no[0] == '\0')
			return refuse(why, len, "nomor sertifikat wajib diisi");
	}
	return 0;
}

/* What the record would earn now (pending preview or approval). */
static int
credit(struct store *st, const struct learnrec *r,
    const struct jpr_form *f, struct jpr_credit *c)
{
	struct jpr_claim	 cl;
	struct tm		 tm;
	int64_t			 n, cjp, day, m0, m1;

	memset(&cl, 0, sizeof(cl));
	cl.minutes = r->minutes;
	cl.stated_cjp = (int)r->stated_cjp;
	wib_tm(r->start_at, &tm);
	day = wib_midnight(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	m0 = wib_midnight(tm.tm_year + 1900, tm.tm_mon + 1, 1);
	m1 = tm.tm_mon == 11 ? wib_midnight(tm.tm_year + 1901, 1, 1) :
	    wib_midnight(tm.tm_year + 1900, tm.tm_mon + 2, 1);
	if (store_ledger_credited(st, r->user_id, f->code, m0, m1, &n,
	    &cjp) == -1)
		return -1;
	cl.sessions_month = (int)n;
	if (store_ledger_credited(st, r->user_id, f->code, day, day + DAY, &n,
	    &cjp) == -1)
		return -1;
	cl.cjp_day = (int)cjp;
	return jprules_credit(f, &cl, c);
}

static void
why_text(const struct jpr_form *f, const struct jpr_credit *c, char *out,
    size_t len)
{
	char	 cap[LEDGER_CJP_STR];

	switch (c->why) {
	case JPR_MONTH_CAP:
		snprintf(out, len, "0 JP: batas %d sesi %s per bulan sudah "
		    "tercapai (aturan %s)", f->cap_sessions_month, f->name,
		    c->ref);
		break;
	case JPR_SESSION_CAP:
		ledger_cjp_str(cap, sizeof(cap), f->cap_session_cjp, ',');
		snprintf(out, len, "dibatasi %s JP per sesi (aturan %s)", cap,
		    c->ref);
		break;
	case JPR_DAY_CAP:
		ledger_cjp_str(cap, sizeof(cap), f->cap_day_cjp, ',');
		snprintf(out, len, "dibatasi %s JP per hari (aturan %s)", cap,
		    c->ref);
		break;
	default:
		out[0] = '\0';
	}
}

int
learnrec_submit(struct store *st, const struct user *u, struct learnrec *r,
    const char *mentor_nip, const struct learnrec_file *file, int64_t now,
    char *why, size_t whylen)
{
	const struct jpr_form	*f = NULL;
	const char		*type = NULL;
	struct learnrec		 old;
	struct ledger_entry	 e;
	struct jpr_credit	 c;
	char			 name[EVIDENCE_NAME_MAX] = "", detail[128];
	int64_t			 held = 0;
	int			 rc, has_file = file && file->data && file->len;

	why[0] = '\0';
	memset(&old, 0, sizeof(old));
	if (r->id) {
		if ((rc = store_learnrec_get(st, r->id, &old)) != 0)
			return rc == 1 ? 3 : -1;
		if (old.user_id != u->id)
			return 2;
		if (strcmp(old.stage, "returned") != 0)
			return refuse(why, whylen, "hanya catatan yang "
			    "dikembalikan yang dapat diperbaiki");
	}
	r->user_id = u->id;
	if ((rc = check(st, u, r, mentor_nip, &f, now, why, whylen)) != 0)
		return rc;
	if (r->id && strcmp(r->source, old.source) != 0)
		return refuse(why, whylen, "jenis catatan tidak dapat diganti; "
		    "buat catatan baru");
	if (has_file) {
		if (file->len > EVIDENCE_MAX)
			return refuse(why, whylen, "berkas bukti paling besar "
			    "5 MiB");
		if ((type = evidence_type(file->data, file->len)) == NULL)
			return refuse(why, whylen, "berkas bukti harus PDF, JPEG "
			    "atau PNG (diperiksa dari isinya)");
		if (store_learnrec_evidence_bytes(st, u->id, &held) == -1)
			return -1;
		if (held - old.evidence_size + (int64_t)file->len >
		    EVIDENCE_QUOTA)
			return refuse(why, whylen, "kuota berkas bukti (100 MiB) "
			    "sudah penuh");
	} else if (!is_session(r->source) && old.evidence[0] == '\0')
		return refuse(why, whylen, "unggah berkas sertifikat (PDF, "
		    "JPEG atau PNG)");
	snprintf(r->stage, sizeof(r->stage), "submitted");
	if (has_file) {
		if (evidence_save(file->data, file->len, type, name) == -1)
			return -1;
		snprintf(r->evidence, sizeof(r->evidence), "%s", name);
		snprintf(r->evidence_type, sizeof(r->evidence_type), "%s", type);
		r->evidence_size = (int64_t)file->len;
	} else {
		snprintf(r->evidence, sizeof(r->evidence), "%s", old.evidence);
		snprintf(r->evidence_type, sizeof(r->evidence_type), "%s",
		    old.evidence_type);
		r->evidence_size = old.evidence_size;
	}
	r->updated_at = now;
	if (store_begin(st) == -1)
		goto fail;
	if (credit(st, r, f, &c) == -1)
		goto rollback;
	if (r->id == 0) {
		r->created_at = now;
		if (store_learnrec_insert(st, r) == -1)
			goto rollback;
		memset(&e, 0, sizeof(e));
		e.user_id = u->id;
		snprintf(e.source, sizeof(e.source), "%s", r->source);
		snprintf(e.kind, sizeof(e.kind), "%s", f->code);
		e.ref_id = r->id;
		snprintf(e.title, sizeof(e.title), "%s", r->title);
		e.at = r->start_at;
		e.year = ledger_year(r->start_at);
		e.cjp = c.cjp;
		snprintf(e.status, sizeof(e.status), "pending");
		snprintf(e.rule_ref, sizeof(e.rule_ref), "%s", c.ref);
		e.created_at = now;
		if (store_ledger_insert(st, &e) != 0)
			goto rollback;
	} else if (store_learnrec_update(st, r) != 0 ||
	    store_ledger_set(st, r->source, r->id, "pending", c.cjp, c.ref, "",
	    now) != 0)
		goto rollback;
	snprintf(detail, sizeof(detail), "%s %lld %s", r->source,
	    (long long)r->id, f->code);
	if (store_audit(st, u->id, old.id ? "learning.resubmit" :
	    "learning.submit", detail, "") == -1)
		goto rollback;
	if (store_commit(st) == -1)	/* rolled back and unlocked */
		goto fail;
	/* The file the fixed record replaced. */
	if (has_file && old.evidence[0])
		evidence_remove(old.evidence);
	return 0;
rollback:
	store_rollback(st);
fail:
	if (name[0])
		evidence_remove(name);
	return -1;
}

int
learnrec_review(struct store *st, const struct user *v, int64_t id,
    const char *action, const char *note, int64_t now, char *why,
    size_t whylen)
{
	const struct jpr_rules	*rules = ledger_rules();
	const struct jpr_form	*f;
	struct learnrec		 r;
	struct jpr_credit	 c;
	char			 text[STORE_TEXT_MAX], detail[160];
	const char		*stage, *status, *event;
	int			 rc, session, mentor, atasan, ret;

	why[0] = '\0';
	if ((rc = store_learnrec_get(st, id, &r)) != 0)
		return rc == 1 ? 3 : -1;
	if (v->id == r.user_id)
		return 2;	/* nobody reviews their own learning */
	session = is_session(r.source);
	mentor = session && r.mentor_id == v->id &&
	    strcmp(r.stage, "submitted") == 0;
	atasan = session && r.nip_atasan[0] && strcmp(r.nip_atasan,
	    v->nip) == 0 && strcmp(r.stage, "confirmed") == 0;
	ret = strcmp(action, "return") == 0;
	if (strcmp(action, "confirm") == 0) {
		if (!mentor)
			return 2;
		stage = "confirmed", status = "pending", event = "learning.confirm";
	} else if (strcmp(action, "approve") == 0 || ret) {
		if (session ? !(atasan || (ret && mentor)) :
		    !(staff_hr(v) && strcmp(r.stage, "submitted") == 0))
			return 2;
		stage = ret ? "returned" : "approved";
		status = ret ? "returned" : "approved";
		event = ret ? "learning.return" : "learning.approve";
	} else
		return refuse(why, whylen, "tindakan tidak dikenal");
	if (note == NULL)
		note = "";
	if (!text_ok(note, STORE_TEXT_MAX, ret))
		return refuse(why, whylen, ret ? "tulis alasan pengembalian "
		    "(paling banyak 255 byte)" : "catatan terlalu panjang");
	if (rules == NULL || (f = jprules_form(rules, r.kind)) == NULL)
		return refuse(why, whylen, "aturan JP untuk bentuk ini tidak ada "
		    "lagi");
	if (store_begin(st) == -1)
		return -1;
	if (strcmp(stage, "approved") == 0) {
		/* Credited now, by the rule in force, caps over what is
		   approved already. */
		if (credit(st, &r, f, &c) == -1)
			goto rollback;
		why_text(f, &c, text, sizeof(text));
		if (store_ledger_set(st, r.source, r.id, status, c.cjp, c.ref,
		    text, now) != 0)
			goto rollback;
	} else if (store_ledger_set(st, r.source, r.id, status, r.cjp,
	    r.rule_ref, ret ? note : "", now) != 0)
		goto rollback;
	snprintf(detail, sizeof(detail), "%s %lld", r.source, (long long)r.id);
	if (store_learnrec_stage(st, r.id, stage, v->id, note, now) != 0 ||
	    store_audit(st, v->id, event, detail, "") == -1)
		goto rollback;
	return store_commit(st) == -1 ? -1 : 0;
rollback:
	store_rollback(st);
	return -1;
}

int
learnrec_pending_count(struct store *st, const struct user *v, int64_t *n)
{
	int64_t	 k;

	*n = 0;
	if (store_learnrec_queue_count(st, LEARNREC_Q_MENTOR, v, &k) == -1)
		return -1;
	*n += k;
	if (store_learnrec_queue_count(st, LEARNREC_Q_ATASAN, v, &k) == -1)
		return -1;
	*n += k;
	if (staff_hr(v)) {
		if (store_learnrec_queue_count(st, LEARNREC_Q_HR, v, &k) == -1)
			return -1;
		*n += k;
	}
	return 0;
}

void
learnclass_problem(struct learnclass_report *rep, int line, const char *why)
{
	rep->nbad++;
	if (rep->nproblem == LEARNCLASS_MAX_PROBLEMS)
		return;
	rep->problem[rep->nproblem].line = line;
	snprintf(rep->problem[rep->nproblem].why,
	    sizeof(rep->problem[0].why), "%s", why);
	rep->nproblem++;
}

/* One participant line into nip and cert (both trimmed); 0 ok, 1 skip
   (blank or the header), -1 with why. */
static int
class_line(const char *p, size_t n, char nip[STORE_NIP_LEN + 1], char *cert,
    size_t certlen, char *why, size_t whylen)
{
	size_t	 i = 0, a, b;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' ' || p[n - 1] == '\t'))
		n--;
	while (i < n && (p[i] == ' ' || p[i] == '\t'))
		i++;
	if (i == n)
		return 1;
	if (n - i >= 3 && strncasecmp(p + i, "nip", 3) == 0)
		return 1;
	for (a = i; a < n && p[a] != ',' && p[a] != ';' && p[a] != '\t'; a++)
		;
	for (b = a; b > i && p[b - 1] == ' '; b--)
		;
	if (b - i != STORE_NIP_LEN) {
		snprintf(why, whylen, "NIP harus 18 angka");
		return -1;
	}
	memcpy(nip, p + i, STORE_NIP_LEN);
	nip[STORE_NIP_LEN] = '\0';
	if (!nip_format(nip)) {
		snprintf(why, whylen, "NIP harus 18 angka");
		return -1;
	}
	cert[0] = '\0';
	if (a < n) {
		for (a++; a < n && (p[a] == ' ' || p[a] == '\t'); a++)
			;
		if (n - a >= certlen || memchr(p + a, ',', n - a) ||
		    memchr(p + a, ';', n - a)) {
			snprintf(why, whylen, "nomor sertifikat terlalu panjang "
			    "atau berisi pemisah lagi");
			return -1;
		}
		memcpy(cert, p + a, n - a);
		cert[n - a] = '\0';
	}
	return 0;
}

int
learnclass_import(struct store *st, const struct user *hr,
    const struct learnrec *tmpl, const char *text, size_t n, int64_t now,
    struct learnclass_report *rep, char *why, size_t whylen)
{
	const struct jpr_form	*f = NULL;
	struct learnrec		 t = *tmpl, r;
	struct ledger_entry	 e;
	struct jpr_credit	 c;
	struct user		 u;
	char			 nip[STORE_NIP_LEN + 1], cert[64], msg[160];
	char			 detail[128];
	const char		*p = text, *end = text + n, *nl;
	char			*seen = NULL;
	size_t			 nseen = 0;
	int			 line = 0, rc;

	memset(rep, 0, sizeof(*rep));
	why[0] = '\0';
	if (!staff_hr(hr))
		return 2;
	t.user_id = hr->id;
	if ((rc = check(st, hr, &t, NULL, &f, now, why, whylen)) != 0)
		return rc;
	if (is_session(t.source))
		return refuse(why, whylen, "catat sesi mentoring/coaching per "
		    "orang, bukan per kelas");
	if ((seen = calloc(LEARNCLASS_MAX_LINES, STORE_NIP_LEN + 1)) == NULL)
		return -1;
	if (store_begin(st) == -1) {
		free(seen);
		return -1;
	}
	for (; p < end; p = nl + 1) {
		size_t	 k;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		line++;
		if ((rc = class_line(p, (size_t)(nl - p), nip, cert, sizeof(cert),
		    msg, sizeof(msg))) == 1)
			continue;
		if (rc == -1) {
			learnclass_problem(rep, line, msg);
			continue;
		}
		if (++rep->rows > LEARNCLASS_MAX_LINES) {
			learnclass_problem(rep, line, "lebih dari 5000 peserta");
			break;
		}
		for (k = 0; k < nseen; k++)
			if (memcmp(seen + k * (STORE_NIP_LEN + 1), nip,
			    STORE_NIP_LEN) == 0)
				break;
		if (k < nseen) {
			learnclass_problem(rep, line, "NIP sudah ada di baris lain");
			continue;
		}
		memcpy(seen + nseen++ * (STORE_NIP_LEN + 1), nip, STORE_NIP_LEN);
		if ((rc = store_user_by_nip(st, nip, &u, NULL, 0)) == -1)
			goto rollback;
		if (rc == 1 || !u.active) {
			learnclass_problem(rep, line, rc == 1 ? "NIP tidak terdaftar" :
			    "pegawai tidak aktif");
			continue;
		}
		if (rep->nbad)
			continue;	/* refused anyway: check the rest only */
		r = t;
		r.id = 0;
		r.user_id = u.id;
		if (cert[0])
			snprintf(r.cert_no, sizeof(r.cert_no), "%s", cert);
		snprintf(r.stage, sizeof(r.stage), "approved");
		r.evidence[0] = r.evidence_type[0] = '\0';
		r.evidence_size = 0;
		r.created_at = r.updated_at = now;
		if (store_learnrec_insert(st, &r) == -1 ||
		    store_learnrec_stage(st, r.id, "approved", hr->id, "", now) != 0 ||
		    credit(st, &r, f, &c) == -1)
			goto rollback;
		memset(&e, 0, sizeof(e));
		e.user_id = u.id;
		snprintf(e.source, sizeof(e.source), "%s", r.source);
		snprintf(e.kind, sizeof(e.kind), "%s", f->code);
		e.ref_id = r.id;
		snprintf(e.title, sizeof(e.title), "%s", r.title);
		e.at = r.start_at;
		e.year = ledger_year(r.start_at);
		e.cjp = c.cjp;
		snprintf(e.status, sizeof(e.status), "approved");
		snprintf(e.rule_ref, sizeof(e.rule_ref), "%s", c.ref);
		why_text(f, &c, e.note, sizeof(e.note));
		e.created_at = now;
		if (store_ledger_insert(st, &e) != 0)
			goto rollback;
		rep->written++;
	}
	free(seen);
	seen = NULL;
	if (rep->nbad || rep->rows == 0) {
		store_rollback(st);
		rep->written = 0;
		if (rep->rows == 0 && rep->nbad == 0)
			return refuse(why, whylen, "daftar peserta kosong");
		return 1;
	}
	snprintf(detail, sizeof(detail), "%s %s %d peserta", t.source, f->code,
	    rep->written);
	if (store_audit(st, hr->id, "learning.class", detail, "") == -1)
		goto rollback;
	return store_commit(st) == -1 ? -1 : 0;
rollback:
	free(seen);
	store_rollback(st);
	rep->written = 0;
	return -1;
}
