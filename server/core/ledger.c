/* ledger: the competency ledger. See ledger.h. */
#include <ctype.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jprules.h"
#include "ledger.h"
#include "store.h"
#include "store_agg.h"
#include "store_ledger.h"
#include "wib.h"

/* Without rules a PNS still owes what PP 11/2017 art. 203(4) says. */
#define LEDGER_TARGET_FALLBACK	(20 * LEDGER_CJP)
#define LEDGER_ELEARNING	"e-learning"

static pthread_once_t	 rules_once = PTHREAD_ONCE_INIT;
static struct jpr_rules	 rules;
static int		 rules_ok;
static struct jpr_rules	 file_rules;	/* ledger_rules_load */
static const struct jpr_rules *in_force;

static void
rules_load(void)
{
	rules_ok = jprules_defaults(&rules) == 0;
}

int
ledger_rules_load(const char *path, struct buf *err)
{
	FILE	*fp;
	char	*src;
	size_t	 n;
	int	 rc = -1;

	if ((fp = fopen(path, "rb")) == NULL) {
		buf_addf(err, "%s: cannot open\n", path);
		return -1;
	}
	if ((src = malloc(JPR_SRC_MAX + 1)) == NULL) {
		fclose(fp);
		buf_addf(err, "%s: out of memory\n", path);
		return -1;
	}
	n = fread(src, 1, JPR_SRC_MAX + 1, fp);
	if (ferror(fp))
		buf_addf(err, "%s: read error\n", path);
	else if (jprules_parse(path, src, n, &file_rules, err) == 0) {
		in_force = &file_rules;
		rc = 0;
	}
	fclose(fp);
	free(src);
	return rc;
}

const struct jpr_rules *
ledger_rules(void)
{
	if (in_force != NULL)
		return in_force;
	pthread_once(&rules_once, rules_load);
	return rules_ok ? &rules : NULL;
}

int
ledger_year(int64_t t)
{
	return wib_year(t);
}

int64_t
ledger_target_cjp(const char *type)
{
	const struct jpr_rules	*r = ledger_rules();
	const struct jpr_target	*t = NULL;

	if (r != NULL && type != NULL && type[0])
		t = jprules_target(r, type);
	if (r != NULL && t == NULL)
		t = jprules_target(r, "pns");
	if (t == NULL)
		return LEDGER_TARGET_FALLBACK;
	if (t->min_cjp_year > 0)
		return t->min_cjp_year;
	return t->max_cjp_year > 0 ? t->max_cjp_year : LEDGER_TARGET_FALLBACK;
}

int
ledger_target_jp(const struct user *u)
{
	(void)u;	/* a page without a person: the default type */
	return (int)(ledger_target_cjp("pns") / LEDGER_CJP);
}

int
ledger_meets(const struct ledger_person *p)
{
	return p->cjp >= ledger_target_cjp(p->type);
}

int
ledger_type_parse(const char *s, char *out, size_t len)
{
	char	 t[STORE_EMPLOYEE_TYPE_MAX];
	size_t	 i, n = 0;

	while (*s == ' ')
		s++;
	for (i = 0; s[i] && n + 1 < sizeof(t); i++)
		t[n++] = (char)tolower((unsigned char)s[i]);
	if (s[i] != '\0')
		return 0;
	while (n > 0 && t[n - 1] == ' ')
		n--;
	t[n] = '\0';
	if (n == 0 || ledger_rules() == NULL ||
	    jprules_target(ledger_rules(), t) == NULL)
		return 0;
	snprintf(out, len, "%s", t);
	return 1;
}

int
ledger_people(struct store *st, const struct ledger_filter *f,
    int (*fn)(void *, const struct ledger_person *), void *arg)
{
	return store_ledger_people(st, f, fn, arg);
}

int
ledger_people_count(struct store *st, const struct ledger_filter *f,
    int64_t *n)
{
	return store_ledger_people_count(st, f, n);
}

static int
keep_one(void *arg, const struct ledger_person *p)
{
	*(struct ledger_person *)arg = *p;
	return 1;
}

int
ledger_person(struct store *st, int64_t user, int year,
    struct ledger_person *p)
{
	struct ledger_filter	 f;
	int			 rc;

	memset(&f, 0, sizeof(f));
	f.year = year;
	f.user_id = user;
	memset(p, 0, sizeof(*p));
	p->u.id = user;
	p->year = year;
	snprintf(p->type, sizeof(p->type), "pns");
	if ((rc = ledger_people(st, &f, keep_one, p)) == -1)
		return -1;
	if (rc == 0 &&	/* not counted (staff without entries): its type */
	    store_employee_type_get(st, user, p->type, sizeof(p->type)) == -1)
		return -1;
	return 0;
}

/* One pass over the buckets, then the below-target walk (ledger_dashboard). */
struct dash_walk {
	struct ledger_dash	*d;
	void			(*unit_fn)(void *, const char *, int64_t,
				    int64_t, int64_t);
	int			(*below_fn)(void *, const struct ledger_person *);
	void			*arg;
	char			 unit[STORE_TEXT_MAX];
	int			 have;
	int64_t			 up, ud, uc;	/* the unit's sums so far */
	int64_t			 max_target;
	int64_t			 zero_below;	/* below, with 0 cJP */
	int64_t			 want, got, zgot;
	int			 stopped;	/* below_fn said stop */
};

static void
dash_unit_flush(struct dash_walk *w)
{
	if (w->have && w->unit_fn != NULL)
		w->unit_fn(w->arg, w->unit, w->up, w->ud, w->uc);
	w->up = w->ud = w->uc = 0;
}

static int
dash_bucket(void *arg, const struct agg_bucket *b)
{
	struct dash_walk	*w = arg;
	int64_t			 target = ledger_target_cjp(b->kind);

	if (!w->have || strcmp(w->unit, b->unit) != 0) {
		dash_unit_flush(w);
		snprintf(w->unit, sizeof(w->unit), "%s", b->unit);
		w->have = 1;
	}
	w->up += b->people;
	w->ud += b->done;
	w->uc += b->cjp * b->people;
	w->d->people += b->people;
	w->d->done += b->done;
	w->d->cjp += b->cjp * b->people;
	if (b->cjp >= target)
		w->d->meeting += b->people;
	else if (b->cjp == 0)
		w->zero_below += b->people;
	if (target > w->max_target)
		w->max_target = target;
	return 0;
}

static int
dash_below(struct dash_walk *w, const struct ledger_person *p)
{
	w->got++;
	if (w->below_fn(w->arg, p) != 0) {
		w->stopped = 1;
		return 1;
	}
	return w->got >= w->want;
}

static int
dash_zero(void *arg, const struct ledger_person *p)
{
	struct dash_walk	*w = arg;

	if (p->cjp >= ledger_target_cjp(p->type))
		return 0;		/* a type whose target is 0 */
	w->zgot++;
	if (dash_below(w, p) != 0)
		return 1;
	return w->zgot >= w->zero_below;
}

static int
dash_low(void *arg, const struct ledger_person *p)
{
	struct dash_walk	*w = arg;

	if (p->cjp >= w->max_target)
		return 1;		/* everyone further meets */
	if (p->cjp >= ledger_target_cjp(p->type))
		return 0;
	return dash_below(w, p);
}

int
ledger_dashboard(struct store *st, const struct ledger_filter *f,
    struct ledger_dash *d,
    void (*unit_fn)(void *, const char *, int64_t, int64_t, int64_t),
    int (*below_fn)(void *, const struct ledger_person *), void *arg)
{
	struct dash_walk	 w;

	memset(d, 0, sizeof(*d));
	if (f->year == 0 || (f->course != NULL && f->course[0]) ||
	    (f->ctype != NULL && f->ctype[0]) || f->user_id != 0 ||
	    (f->atasan != NULL && f->atasan[0]))
		return 1;
	memset(&w, 0, sizeof(w));
	w.d = d;
	w.unit_fn = unit_fn;
	w.below_fn = below_fn;
	w.arg = arg;
	if (store_agg_buckets(st, f->year, f->unit, dash_bucket, &w) == -1)
		return -1;
	dash_unit_flush(&w);
	w.want = d->people - d->meeting;
	if (below_fn == NULL || w.want <= 0)
		return 0;
	if (w.zero_below > 0 && store_agg_low(st, f->year, f->unit, 1,
	    dash_zero, &w) == -1)
		return -1;
	if (!w.stopped && w.got < w.want && store_agg_low(st, f->year,
	    f->unit, 0, dash_low, &w) == -1)
		return -1;
	return 0;
}

int
ledger_add_completion(struct store *st, const struct completion *c,
    int64_t now)
{
	const struct jpr_rules	*r = ledger_rules();
	const struct jpr_form	*fm;
	struct ledger_entry	 e;

	memset(&e, 0, sizeof(e));
	e.user_id = c->user_id;
	snprintf(e.source, sizeof(e.source), "elearning");
	snprintf(e.kind, sizeof(e.kind), LEDGER_ELEARNING);
	e.ref_id = c->id;
	snprintf(e.title, sizeof(e.title), "%s", c->course_title);
	snprintf(e.course, sizeof(e.course), "%s", c->course);
	snprintf(e.ctype, sizeof(e.ctype), "%s", c->ctype);
	e.at = c->completed_at;
	e.year = c->year;
	/* A course states its JP (course.toml): the trainer sized it at the
	   e-learning rule's minutes per JP; the entry names that rule. */
	e.cjp = (int64_t)c->jp * LEDGER_CJP;
	snprintf(e.status, sizeof(e.status), "approved");
	if (r != NULL && (fm = jprules_form(r, LEDGER_ELEARNING)) != NULL)
		snprintf(e.rule_ref, sizeof(e.rule_ref), "%s", fm->ref);
	else
		snprintf(e.rule_ref, sizeof(e.rule_ref), LEDGER_ELEARNING);
	e.created_at = now;
	return store_ledger_insert(st, &e) == -1 ? -1 : 0;
}

void
ledger_cjp_str(char *dst, size_t len, int64_t cjp, char mark)
{
	int64_t	 whole = cjp / LEDGER_CJP, frac = cjp % LEDGER_CJP;

	if (cjp < 0) {
		snprintf(dst, len, "0");
		return;
	}
	if (frac == 0)
		snprintf(dst, len, "%lld", (long long)whole);
	else if (frac % 10 == 0)
		snprintf(dst, len, "%lld%c%lld", (long long)whole, mark,
		    (long long)(frac / 10));
	else
		snprintf(dst, len, "%lld%c%02lld", (long long)whole, mark,
		    (long long)frac);
}
