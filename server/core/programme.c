/* programme: mentoring and coaching programmes and pairs. See programme.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "nip.h"
#include "programme.h"
#include "store.h"
#include "store_ledger.h"
#include "store_programme.h"

#define YEAR	(366 * 86400)

static int
hr(const struct user *u)
{
	return (u->role & (ROLE_HR | ROLE_ADMIN)) != 0;
}

int
programme_manages(const struct user *u, const struct programme *p)
{
	return u->id != 0 && (hr(u) || u->id == p->owner_id);
}

int
programme_sees_pair(const struct user *u, const struct programme *p,
    const struct programme_pair *q)
{
	return programme_manages(u, p) || u->id == q->mentor_id ||
	    u->id == q->mentee_id;
}

static int
refuse(char *why, size_t len, const char *msg)
{
	snprintf(why, len, "%s", msg);
	return 1;
}

static int
line_ok(const char *s, size_t max, int required)
{
	size_t	 n = strlen(s), i;

	if (n >= max || (required && n == 0))
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return 0;
	return 1;
}

int
programme_create(struct store *st, const struct user *u, struct programme *p,
    int64_t now, char *why, size_t whylen)
{
	int64_t	 team = 0;
	char	 detail[96];

	why[0] = '\0';
	if (!hr(u)) {
		if (store_ledger_team_size(st, u->nip, &team) == -1)
			return -1;
		if (team == 0)
			return 2;	/* an atasan for their team, or HR */
	}
	if (strcmp(p->kind, "mentoring") != 0 && strcmp(p->kind, "coaching") != 0)
		return refuse(why, whylen, "jenis program: mentoring atau coaching");
	if (!line_ok(p->name, sizeof(p->name), 1))
		return refuse(why, whylen, "nama program wajib diisi (satu baris, "
		    "paling banyak 255 byte)");
	if (!line_ok(p->focus, sizeof(p->focus), 0))
		return refuse(why, whylen, "fokus kompetensi terlalu panjang");
	if (p->start_at <= 0 || p->end_at < p->start_at ||
	    p->end_at - p->start_at > 5 * YEAR)
		return refuse(why, whylen, "periode tidak valid (selesai tidak "
		    "boleh sebelum mulai, paling lama 5 tahun)");
	p->owner_id = u->id;
	p->created_at = now;
	if (store_begin(st) == -1)
		return -1;
	if (store_programme_insert(st, p) == -1)
		goto rollback;
	snprintf(detail, sizeof(detail), "%lld %s", (long long)p->id, p->kind);
	if (store_audit(st, u->id, "programme.create", detail, "") == -1)
		goto rollback;
	return store_commit(st) == -1 ? -1 : 0;
rollback:
	store_rollback(st);
	return -1;
}


/* "a,b" (',', ';' or TAB) into two 18-digit NIPs: 0, 1 skip, -1 bad. */
static int
pair_line(const char *p, size_t n, char a[STORE_NIP_LEN + 1],
    char b[STORE_NIP_LEN + 1])
{
	char	 t[128], *sep, *x, *y;
	size_t	 i;

	while (n > 0 && (p[n - 1] == '\r' || p[n - 1] == ' '))
		n--;
	while (n > 0 && *p == ' ')
		p++, n--;
	if (n == 0 || (n >= 3 && strncasecmp(p, "nip", 3) == 0))
		return 1;
	if (n >= sizeof(t))
		return -1;
	memcpy(t, p, n);
	t[n] = '\0';
	if ((sep = strpbrk(t, ",;\t")) == NULL)
		return -1;
	*sep = '\0';
	x = t;
	y = sep + 1;
	while (*y == ' ')
		y++;
	for (i = strlen(x); i > 0 && x[i - 1] == ' '; i--)
		x[i - 1] = '\0';
	if (!nip_format(x) || !nip_format(y))
		return -1;
	snprintf(a, STORE_NIP_LEN + 1, "%s", x);
	snprintf(b, STORE_NIP_LEN + 1, "%s", y);
	return 0;
}

int
programme_pairs_import(struct store *st, const struct user *u, int64_t id,
    const char *text, size_t n, int64_t now, struct learnclass_report *rep,
    char *why, size_t whylen)
{
	struct programme	 p;
	struct user		 m, e;
	const char		*s = text, *end = text + n, *nl;
	char			 a[STORE_NIP_LEN + 1], b[STORE_NIP_LEN + 1];
	char			 detail[96], *seen = NULL;
	size_t			 nseen = 0, k;
	int			 rc, line = 0;

	memset(rep, 0, sizeof(*rep));
	why[0] = '\0';
	if ((rc = store_programme_get(st, id, &p)) != 0)
		return rc == 1 ? 3 : -1;
	if (!programme_manages(u, &p))
		return 2;
	if ((seen = calloc(LEARNCLASS_MAX_LINES, STORE_NIP_LEN + 1)) == NULL)
		return -1;
	if (store_begin(st) == -1) {
		free(seen);
		return -1;
	}
	for (; s < end; s = nl + 1) {
		if ((nl = memchr(s, '\n', (size_t)(end - s))) == NULL)
			nl = end;
		line++;
		if ((rc = pair_line(s, (size_t)(nl - s), a, b)) == 1)
			continue;
		if (rc == -1) {
			learnclass_problem(rep, line, "tulis nip_mentor,nip_mentee (dua NIP "
			    "18 angka)");
			continue;
		}
		if (++rep->rows > LEARNCLASS_MAX_LINES) {
			learnclass_problem(rep, line, "lebih dari 5000 pasangan");
			break;
		}
		if (strcmp(a, b) == 0) {
			learnclass_problem(rep, line, "mentor dan mentee orang yang sama");
			continue;
		}
		for (k = 0; k < nseen; k++)
			if (memcmp(seen + k * (STORE_NIP_LEN + 1), b,
			    STORE_NIP_LEN) == 0)
				break;
		if (k < nseen) {
			learnclass_problem(rep, line, "mentee sudah dipasangkan di baris "
			    "lain");
			continue;
		}
		memcpy(seen + nseen++ * (STORE_NIP_LEN + 1), b, STORE_NIP_LEN);
		if ((rc = store_user_by_nip(st, a, &m, NULL, 0)) == -1)
			goto rollback;
		if (rc == 1 || !m.active) {
			learnclass_problem(rep, line, "mentor tidak terdaftar atau tidak "
			    "aktif");
			continue;
		}
		if ((rc = store_user_by_nip(st, b, &e, NULL, 0)) == -1)
			goto rollback;
		if (rc == 1 || !e.active) {
			learnclass_problem(rep, line, "mentee tidak terdaftar atau tidak "
			    "aktif");
			continue;
		}
		if (!hr(u) && strcmp(e.nip_atasan, u->nip) != 0) {
			learnclass_problem(rep, line, "mentee bukan anggota tim Anda");
			continue;
		}
		if (rep->nbad)
			continue;
		if ((rc = store_programme_pair_add(st, id, e.id, m.id, now)) == -1)
			goto rollback;
		if (rc == 1) {
			learnclass_problem(rep, line, "mentee sudah punya pasangan di program "
			    "ini");
			continue;
		}
		rep->written++;
	}
	free(seen);
	seen = NULL;
	if (rep->nbad || rep->rows == 0) {
		store_rollback(st);
		rep->written = 0;
		return rep->nbad ? 1 : refuse(why, whylen, "daftar pasangan "
		    "kosong");
	}
	snprintf(detail, sizeof(detail), "%lld %d pasangan", (long long)id,
	    rep->written);
	if (store_audit(st, u->id, "programme.pairs", detail, "") == -1)
		goto rollback;
	return store_commit(st) == -1 ? -1 : 0;
rollback:
	free(seen);
	store_rollback(st);
	rep->written = 0;
	return -1;
}
