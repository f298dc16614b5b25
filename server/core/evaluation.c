/* evaluation: Kirkpatrick levels 1-4. See evaluation.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "config.h"
#include "course.h"
#include "evaluation.h"
#include "ikm.h"
#include "i18n.h"
#include "store_eval.h"
#include "survey.h"
#include "utf8.h"
#include "wib.h"

int
evaluation_text_ok(const char *s, size_t max, int required)
{
	size_t	 n = strlen(s), i;

	if (n > max || (required && n == 0))
		return 0;
	if (utf8_prefix(s, n, 0) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' &&
		    s[i] != '\t') || s[i] == 0x7f)
			return 0;
	return 1;
}

/* A posted number 1..max, 0 for empty/absent, -1 for anything else. */
static int
point(const char *v, int max)
{
	if (v == NULL || v[0] == '\0')
		return 0;
	if (v[1] != '\0' && !(v[0] == '1' && v[1] == '0' && v[2] == '\0'))
		return -1;
	if (v[0] == '1' && v[1] == '0')
		return max >= 10 ? 10 : -1;
	if (v[0] < '1' || v[0] > '9' || v[0] - '0' > max)
		return -1;
	return v[0] - '0';
}

int
evaluation_reaction_submit(struct store *st, const struct user *u,
    const struct course *c, const struct survey *s,
    const char *(*get)(void *, const char *), void *arg, int64_t now,
    int *why)
{
	struct eval_answer_in a[SURVEY_MAX_ITEMS];
	static const char *const kinds[] = { "scale", "choice", "text" };
	const struct survey_item *it;
	char		 name[SURVEY_ID_MAX + 2];
	const char	*v;
	int64_t		 id;
	int		 i, n = 0, p, max;

	*why = 0;
	for (i = 0; i < s->nitems; i++) {
		it = &s->items[i];
		snprintf(name, sizeof(name), "q_%s", it->id);
		v = get(arg, name);
		memset(&a[n], 0, sizeof(a[n]));
		a[n].qid = it->id;
		a[n].block = s->blocks[it->block].id;
		a[n].kind = kinds[it->kind];
		if (it->kind == SURVEY_TEXT) {
			if (v == NULL || v[0] == '\0')
				continue;
			if (!evaluation_text_ok(v, SURVEY_ANSWER_MAX, 0)) {
				*why = M_EV_BAD_TEXT;
				return 2;
			}
			a[n++].text = v;
			continue;
		}
		max = it->kind == SURVEY_SCALE ? s->scale_max : it->nopts;
		if ((p = point(v, max)) == -1) {
			*why = M_EV_BAD_POINT;
			return 2;
		}
		if (p == 0)
			continue;
		a[n++].value = p;
	}
	if (n == 0) {
		*why = M_EV_NOTHING;
		return 3;
	}
	/* A random id: rows carry no order of arrival. */
	do {
		randombytes_buf(&id, sizeof(id));
		id &= INT64_MAX;
	} while (id == 0);
	return store_eval_reaction_save(st, u->id, c->id, id, c->version,
	    s->scale_max, a, n, EVAL_BATCH, now);
}

struct l1_ctx {
	struct eval_l1		*l1;
	const struct survey	*s;
	struct store		*st;
	int			 cur;
};

static void
l1_version(void *arg, const char *version, int released, int pending)
{
	struct l1_ctx	*x = arg;
	struct eval_version_agg *v;

	x->l1->pending_total += pending;
	if (released == 0 || x->l1->n == EVAL_MAX_VERSIONS)
		return;
	v = &x->l1->v[x->l1->n++];
	memset(v, 0, sizeof(*v));
	snprintf(v->version, sizeof(v->version), "%s", version);
	v->released = released;
	v->pending = pending;
}

static void
l1_value(void *arg, const char *qid, int value, int count)
{
	struct l1_ctx	*x = arg;
	struct eval_version_agg *v = &x->l1->v[x->cur];
	int		 i;

	for (i = 0; i < x->s->nitems; i++)
		if (strcmp(x->s->items[i].id, qid) == 0)
			break;
	/* An answer to a question the instrument no longer has, or a value
	   it no longer allows: not shown (docs/evaluation.md). */
	if (i == x->s->nitems || value < 1 || value > 10)
		return;
	v->item[i].n += count;
	v->item[i].count[value - 1] += count;
}

static void
l1_text(void *arg, const char *qid, const char *text)
{
	struct l1_ctx	*x = arg;
	struct eval_version_agg *v = &x->l1->v[x->cur];

	if (survey_item(x->s, qid) == NULL)
		return;
	buf_adds(&v->texts, qid);
	buf_addc(&v->texts, '\t');
	buf_adds(&v->texts, text);
	buf_addc(&v->texts, '\n');
}

static void
l1_means(const struct survey *s, struct eval_version_agg *v)
{
	double	 bsum[SURVEY_MAX_BLOCKS] = { 0 }, sum = 0;
	int	 bn[SURVEY_MAX_BLOCKS] = { 0 }, n = 0, i, k;
	double	 isum;

	for (i = 0; i < s->nitems; i++) {
		if (s->items[i].kind != SURVEY_SCALE || v->item[i].n == 0) {
			v->item[i].mean = -1;
			continue;
		}
		isum = 0;
		for (k = 0; k < s->scale_max; k++)
			isum += (k + 1) * v->item[i].count[k];
		v->item[i].mean = isum / v->item[i].n;
		bsum[s->items[i].block] += isum;
		bn[s->items[i].block] += v->item[i].n;
		sum += isum;
		n += v->item[i].n;
	}
	for (i = 0; i < SURVEY_MAX_BLOCKS; i++)
		v->block_mean[i] = bn[i] ? bsum[i] / bn[i] : -1;
	v->overall = n ? sum / n : -1;
}

int
evaluation_l1(struct store *st, const char *course, const struct survey *s,
    struct eval_l1 *l1)
{
	struct l1_ctx	 x = { l1, s, st, 0 };
	int		 i;

	memset(l1, 0, sizeof(*l1));
	if (store_eval_versions(st, course, l1_version, &x) == -1)
		return -1;
	for (i = 0; i < l1->n && s != NULL; i++) {
		x.cur = i;
		if (store_eval_values(st, course, l1->v[i].version, l1_value,
		    &x) == -1 || store_eval_texts(st, course, l1->v[i].version,
		    l1_text, &x) == -1)
			return -1;
		l1_means(s, &l1->v[i]);
	}
	return 0;
}

void
evaluation_l1_free(struct eval_l1 *l1)
{
	int	 i;

	for (i = 0; i < l1->n; i++)
		buf_free(&l1->v[i].texts);
}

int
evaluation_gain(double pre, double post, double *raw, double *g)
{
	if (pre < 0 || post < 0)
		return -1;
	*raw = post - pre;
	if (pre >= 100) {
		*g = 0;
		return 1;
	}
	*g = (post - pre) / (100 - pre);
	return 0;
}

/* Hake's bands: negative, low (< 0.3), medium (< 0.7), high. */
int
evaluation_gain_bin(double g)
{
	if (g < 0)
		return 0;
	if (g < 0.3)
		return 1;
	if (g < 0.7)
		return 2;
	return 3;
}

int64_t
evaluation_due(int64_t completed_at, int months)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	struct tm	 tm;
	int		 y, m, d, dim;
	int64_t		 sod;

	wib_tm(completed_at, &tm);
	y = tm.tm_year + 1900;
	m = tm.tm_mon + months;		/* 0-based */
	y += m / 12;
	m %= 12;
	dim = mdays[m] + (m == 1 && ((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0));
	d = tm.tm_mday > dim ? dim : tm.tm_mday;
	sod = tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec;
	return wib_midnight(y, m + 1, d) + sod;
}

static int
band(double pct)
{
	int	 b = (int)(pct / 10);

	return b < 0 ? 0 : b > 9 ? 9 : b;
}

void
evaluation_l23_init(struct eval_l23 *x, int64_t now, int months)
{
	memset(x, 0, sizeof(*x));
	x->now = now;
	x->months = months;
}

void
evaluation_l23_add(struct eval_l23 *x, const struct eval_person *p)
{
	struct eval_l2	*l2 = &x->l2;
	struct eval_l3	*l3 = &x->l3;
	double		 raw, g;
	int		 rc;
	int64_t		 due;

	l2->people++;
	l3->people++;
	if (p->pre >= 0)
		l2->pre_hist[band(p->pre)]++;
	if (p->post >= 0)
		l2->post_hist[band(p->post)]++;
	if ((rc = evaluation_gain(p->pre, p->post, &raw, &g)) != -1) {
		l2->both++;
		l2->pre += p->pre;
		l2->post += p->post;
		l2->raw += raw;
		if (rc == 0) {
			x->gsum += g;
			x->gn++;
			l2->g_bins[evaluation_gain_bin(g)]++;
		}
	}
	due = evaluation_due(p->completed_at, x->months);
	if (due > x->now)
		return;
	l3->due++;
	if (p->learner_at)
		l3->learner++;
	if (p->atasan_at)
		l3->atasan++;
	if (p->nip_atasan[0] == '\0')
		l3->no_atasan++;
	if (p->change >= 1 && p->change <= 4)
		l3->change[p->change - 1]++;
	if (due + (int64_t)EVAL_OVERDUE_DAYS * 86400 <= x->now &&
	    (!p->learner_at || (!p->atasan_at && p->nip_atasan[0])))
		l3->overdue++;
}

void
evaluation_l23_finish(struct eval_l23 *x)
{
	struct eval_l2	*l2 = &x->l2;
	struct eval_l3	*l3 = &x->l3;
	double		 sum = 0;
	int		 i, n = 0;

	if (l2->both) {
		l2->pre /= l2->both;
		l2->post /= l2->both;
		l2->raw /= l2->both;
		l2->g = x->gn ? x->gsum / x->gn : 0;
		l2->g_n = x->gn;
		l2->g_cohort = l2->pre < 100 ?
		    (l2->post - l2->pre) / (100 - l2->pre) : 0;
	}
	for (i = 0; i < 4; i++) {
		sum += (i + 1) * l3->change[i];
		n += l3->change[i];
	}
	l3->change_mean = n ? sum / n : -1;
}

static void
l23_row(void *arg, const struct eval_person *p)
{
	evaluation_l23_add(arg, p);
}

int
evaluation_l2_l3(struct store *st, const char *course, const char *pre,
    int year, const char *unit, int64_t now, int months, struct eval_l2 *l2,
    struct eval_l3 *l3)
{
	struct eval_l23	 x;

	evaluation_l23_init(&x, now, months);
	if (store_eval_people(st, course, pre, year, unit, l23_row, &x) == -1)
		return -1;
	evaluation_l23_finish(&x);
	*l2 = x.l2;
	*l3 = x.l3;
	return 0;
}

int
evaluation_skp(struct store *st, const char *course, const char *unit,
    int year, int64_t dist[EVAL_SKP_N])
{
	return store_eval_skp(st, course, unit, year, dist);
}

int
evaluation_ikm(struct store *st, const char *unit, int year, double *ikm)
{
	int64_t		 total[SKM_UNSUR], answers[SKM_UNSUR];
	struct ikm	 k;
	int		 rc;

	/* The year's periods pooled: NRR over every answer of the year. */
	if ((rc = store_eval_skm_year(st, unit, year, total, answers)) != 0)
		return rc;
	ikm_compute(total, answers, &k);
	if (k.value < 0)
		return 1;	/* an unsur without answers: no IKM */
	*ikm = k.value;
	return 0;
}

int
evaluation_may_view(const struct user *u, const struct course *c)
{
	const char	*p = c->trainers;
	size_t		 n = strlen(u->nip);

	if (u->role & (ROLE_HR | ROLE_ADMIN))
		return 1;
	if (!(u->role & ROLE_TRAINER))
		return 0;
	while (n == STORE_NIP_LEN && (p = strstr(p, u->nip)) != NULL) {
		if ((p == c->trainers || p[-1] == ',' || p[-1] == ' ') &&
		    (p[n] == '\0' || p[n] == ',' || p[n] == ' '))
			return 1;
		p += n;
	}
	return 0;
}
