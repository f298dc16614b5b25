/* gap: required - achieved, per person and per unit. See gap.h. */
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>
#include <string.h>

#include "compdict.h"
#include "competency.h"
#include "dictionary.h"
#include "clock.h"
#include "gap.h"
#include "gapjob.h"
#include "log.h"
#include "profile.h"
#include "skp.h"
#include "standard.h"
#include "store_plan.h"
#include "wib.h"

#define GAP_VERSION_MAX	512
#define GAP_CHUNK	20000	/* rows per write transaction */
#define NO_VALUE	INT32_MIN

/* A uint64 -> int32 open-addressing map (keys never 0). */
struct map {
	uint64_t	*k;
	int32_t		*v;
	size_t		 cap, n;
};

static uint64_t
mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

static int map_put(struct map *, uint64_t, int32_t);

static int
map_grow(struct map *m)
{
	struct map	 nm = { 0 };
	size_t		 i;

	nm.cap = m->cap ? m->cap * 2 : 1024;
	if ((nm.k = calloc(nm.cap, sizeof(*nm.k))) == NULL ||
	    (nm.v = calloc(nm.cap, sizeof(*nm.v))) == NULL) {
		free(nm.k);
		return -1;
	}
	for (i = 0; i < m->cap; i++)
		if (m->k[i])
			map_put(&nm, m->k[i], m->v[i]);
	free(m->k);
	free(m->v);
	*m = nm;
	return 0;
}

static int32_t *
map_slot(const struct map *m, uint64_t key)
{
	size_t	 i;

	if (m->cap == 0)
		return NULL;
	for (i = mix(key) & (m->cap - 1); m->k[i]; i = (i + 1) & (m->cap - 1))
		if (m->k[i] == key)
			return &m->v[i];
	return NULL;
}

static int32_t
map_get(const struct map *m, uint64_t key)
{
	int32_t	*p = map_slot(m, key);

	return p ? *p : NO_VALUE;
}

static int
map_put(struct map *m, uint64_t key, int32_t v)
{
	size_t	 i;
	int32_t	*p;

	if ((p = map_slot(m, key)) != NULL) {
		*p = v;
		return 0;
	}
	if ((m->n + 1) * 2 > m->cap && map_grow(m) == -1)
		return -1;
	for (i = mix(key) & (m->cap - 1); m->k[i]; i = (i + 1) & (m->cap - 1))
		;
	m->k[i] = key;
	m->v[i] = v;
	m->n++;
	return 0;
}

static void
map_free(struct map *m)
{
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

/* Strings interned to small numbers (competency keys, units, jabatan). */
struct names {
	char		**s;
	int		 n, cap;
	struct map	 idx;		/* hash -> index + 1 (chained by probe) */
};

static uint64_t
strhash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h ? h : 1;
}

/* Index of s, -1 when absent (add 0) or out of memory. */
static int
names_at(struct names *nm, const char *s, int add)
{
	uint64_t h = strhash(s), k;
	int32_t	 v;
	int	 probe;

	for (probe = 0; ; probe++) {
		k = mix(h + (uint64_t)probe);
		k = k ? k : 1;
		if ((v = map_get(&nm->idx, k)) == NO_VALUE)
			break;
		if (strcmp(nm->s[v], s) == 0)
			return v;
	}
	if (!add)
		return -1;
	if (nm->n == nm->cap) {
		int	 cap = nm->cap ? nm->cap * 2 : 64;
		char	**ns = realloc(nm->s, cap * sizeof(*ns));

		if (ns == NULL)
			return -1;
		nm->s = ns;
		nm->cap = cap;
	}
	if ((nm->s[nm->n] = strdup(s)) == NULL ||
	    map_put(&nm->idx, k, nm->n) == -1)
		return -1;
	return nm->n++;
}

static void
names_free(struct names *nm)
{
	int	 i;

	for (i = 0; i < nm->n; i++)
		free(nm->s[i]);
	free(nm->s);
	map_free(&nm->idx);
}

struct req {
	int	 c, level;
};

struct pos {
	int		 pclass;
	struct req	*req;
	int		 nreq;
};

struct ctx {
	struct names	 comp, unit, posname;
	struct pos	*pos;		/* by posname index */
	int		 npos;
	int		 builtin[COMPETENCY_BUILTIN_N];
	struct map	 achieved;	/* user << 16 | comp -> level */
	struct map	 skp;		/* user -> predikat */
	struct map	 accepted;	/* unit << 16 | comp -> 1 */
	int		 failed;
};

static uint64_t
uc(int64_t user, int c)
{
	return ((uint64_t)user << 16) | (uint64_t)(c + 1);
}

static void
std_row(void *a, const char *pkey, const char *name, const char *pclass,
    const char *ckey, int level)
{
	struct ctx	*x = a;
	struct pos	*p;
	int		 i, c;

	(void)name;
	if ((i = names_at(&x->posname, pkey, 1)) == -1) {
		x->failed = 1;
		return;
	}
	if (i >= x->npos) {
		struct pos *np = realloc(x->pos, (i + 1) * sizeof(*np));

		if (np == NULL) {
			x->failed = 1;
			return;
		}
		x->pos = np;
		memset(&x->pos[x->npos], 0, (i + 1 - x->npos) * sizeof(*np));
		x->npos = i + 1;
	}
	p = &x->pos[i];
	if ((p->pclass = standard_class_parse(pclass)) == -1)
		p->pclass = PCLASS_PELAKSANA;
	if (ckey[0] == '\0')
		return;
	if ((c = names_at(&x->comp, ckey, 1)) == -1 || c >= 65535) {
		x->failed = 1;
		return;
	}
	if (p->nreq % 16 == 0) {
		struct req *nr = realloc(p->req, (p->nreq + 16) * sizeof(*nr));

		if (nr == NULL) {
			x->failed = 1;
			return;
		}
		p->req = nr;
	}
	p->req[p->nreq++] = (struct req){ c, level };
}

static int
ctx_open(struct store *st, struct ctx *x)
{
	const struct competency_def *b;
	char	 k[COMPETENCY_KEY_MAX];
	int	 i;

	memset(x, 0, sizeof(*x));
	for (i = 0; (b = competency_builtin(i)) != NULL; i++) {
		competency_key(b->name, k, sizeof(k));
		if ((x->builtin[i] = names_at(&x->comp, k, 1)) == -1)
			return -1;
	}
	if (store_plan_standards(st, std_row, x) == -1 || x->failed)
		return -1;
	return 0;
}

static void
ctx_close(struct ctx *x)
{
	int	 i;

	for (i = 0; i < x->npos; i++)
		free(x->pos[i].req);
	free(x->pos);
	names_free(&x->comp);
	names_free(&x->unit);
	names_free(&x->posname);
	map_free(&x->achieved);
	map_free(&x->skp);
	map_free(&x->accepted);
}

/* The required competencies of a jabatan: its standard, then every
   built-in it does not name at its class default. out holds
   PLAN_REQ_MAX; returns how many, *pclass set. */
#define PLAN_REQ_MAX	256
static int
required(struct ctx *x, const char *position, struct req *out, int *pclass)
{
	char		 k[COMPETENCY_KEY_MAX];
	struct pos	*p = NULL;
	int		 i, j, n = 0, pi;

	if (competency_key(position, k, sizeof(k)) == 0 &&
	    (pi = names_at(&x->posname, k, 0)) >= 0 && pi < x->npos)
		p = &x->pos[pi];
	*pclass = p ? p->pclass : PCLASS_PELAKSANA;
	for (i = 0; p && i < p->nreq && n < PLAN_REQ_MAX; i++)
		out[n++] = p->req[i];
	for (i = 0; i < COMPETENCY_BUILTIN_N && n < PLAN_REQ_MAX; i++) {
		for (j = 0; p && j < p->nreq; j++)
			if (p->req[j].c == x->builtin[i])
				break;
		if (p == NULL || j == p->nreq)
			out[n++] = (struct req){ x->builtin[i],
			    standard_default_level(*pclass) };
	}
	return n;
}

/* Evidence rows (store_plan_evidence order): the achieved level. */
struct ev {
	struct ctx	*x;
	int64_t		 user;
	char		 ckey[COMPETENCY_KEY_MAX], source[24];
};

static void
ev_row(void *a, int64_t user, const char *ckey, const char *source,
    const char *ref, int level, int64_t at)
{
	struct ev	*e = a;
	struct ctx	*x = e->x;
	char		 k[COMPETENCY_KEY_MAX];
	int		 c, first;
	int32_t		 old;

	(void)ref;
	(void)at;
	first = !(e->user == user && strcmp(e->ckey, ckey) == 0 &&
	    strcmp(e->source, source) == 0);
	e->user = user;
	snprintf(e->ckey, sizeof(e->ckey), "%s", ckey);
	snprintf(e->source, sizeof(e->source), "%s", source);
	if (strcmp(source, PROFILE_SRC_SURVEY_SELF) == 0)
		return;
	if (strcmp(source, PROFILE_SRC_COMPLETION) == 0) {
		if (competency_key(ckey, k, sizeof(k)) == -1)
			return;
	} else if (!first)
		return;		/* an older value of that source */
	else
		snprintf(k, sizeof(k), "%s", ckey);
	if ((c = names_at(&x->comp, k, 0)) == -1)
		return;		/* required nowhere */
	old = map_get(&x->achieved, uc(user, c));
	if (old == NO_VALUE || level > old)
		if (map_put(&x->achieved, uc(user, c), level) == -1)
			x->failed = 1;
}

static void
skp_row(void *a, int64_t user, int year, int predikat)
{
	struct ctx	*x = a;

	(void)year;
	if (map_put(&x->skp, (uint64_t)user, predikat) == -1)
		x->failed = 1;
}

static void
prop_row(void *a, const struct plan_proposal *p)
{
	struct ctx	*x = a;
	int		 u, c;

	if (strcmp(p->status, "diterima") != 0)
		return;
	if ((u = names_at(&x->unit, p->unit, 1)) == -1) {
		x->failed = 1;
		return;
	}
	if ((c = names_at(&x->comp, p->ckey, 0)) >= 0)
		map_put(&x->accepted, uc(u, c), 1);
}

struct person {
	int64_t	 id;
	int	 unit;
	char	*position, *target;
};

struct people {
	struct ctx	*x;
	struct person	*p;
	int		 n, cap;
};

static void
person_row(void *a, int64_t id, const char *unit, const char *position,
    const char *target)
{
	struct people	*pp = a;

	if (pp->n == pp->cap) {
		int cap = pp->cap ? pp->cap * 2 : 1024;
		struct person *np = realloc(pp->p, cap * sizeof(*np));

		if (np == NULL) {
			pp->x->failed = 1;
			return;
		}
		pp->p = np;
		pp->cap = cap;
	}
	pp->p[pp->n].id = id;
	pp->p[pp->n].unit = names_at(&pp->x->unit, unit, 1);
	pp->p[pp->n].position = strdup(position);
	pp->p[pp->n].target = target[0] ? strdup(target) : NULL;
	if (pp->p[pp->n].unit == -1 || pp->p[pp->n].position == NULL)
		pp->x->failed = 1;
	pp->n++;
}

static int
priority(struct ctx *x, const struct person *p, int pclass, int c, int gap)
{
	int	 pr = gap * 10;
	int32_t	 s = map_get(&x->skp, (uint64_t)p->id);

	if (s != NO_VALUE)
		pr += skp_priority_bonus(s);
	if (pclass == PCLASS_PELAKSANA &&
	    map_get(&x->accepted, uc(p->unit, c)) != NO_VALUE)
		pr += 3;
	return pr;
}

struct cell {
	int	 people, shortn, sum;
};

/* Rows of generations other than keep, deleted a chunk per transaction. */
static int
purge(struct store *st, int64_t keep)
{
	int	 n;

	do {
		if (store_begin(st) == -1)
			return -1;
		if ((n = store_plan_gap_purge(st, keep, GAP_CHUNK)) == -1) {
			store_rollback(st);
			return -1;
		}
		if (store_commit(st) == -1)
			return -1;
	} while (n > 0);
	return 0;
}

static int64_t
ms_now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int
gap_refresh(struct store *st, int64_t now)
{
	struct ctx	 x;
	struct people	 pp = { 0 };
	struct ev	 ev;
	struct req	 req[PLAN_REQ_MAX];
	struct map	 cellidx = { 0 };
	struct cell	*cells = NULL;
	int		 ncells = 0, capcells = 0;
	char		 version[GAP_VERSION_MAX];
	int		 i, j, n, t, pclass, ret = -1, tx = 0, rows = 0, inchunk = 0;
	int32_t		 a, ci;
	int64_t		 t0 = ms_now(), t1 = 0, cur, gen;

	if (store_plan_version(st, version, sizeof(version)) == -1 ||
	    store_plan_gen(st, &cur) == -1)
		return -1;
	gen = cur + 1;
	if (ctx_open(st, &x) == -1)
		goto out;
	pp.x = &x;
	memset(&ev, 0, sizeof(ev));
	ev.x = &x;
	if (store_plan_proposals(st, prop_row, &x) == -1 ||
	    store_plan_skp_latest(st, skp_row, &x) == -1 ||
	    store_plan_evidence(st, 0, ev_row, &ev) == -1 ||
	    store_plan_people(st, person_row, &pp) == -1 || x.failed)
		goto out;
	/* Leftovers of a build that died half way, then generation gen in
	   short transactions beside the current one (sqlite/schema_plan.h). */
	t1 = ms_now();
	if (purge(st, cur) == -1 || store_begin(st) == -1)
		goto out;
	tx = 1;
	for (i = 0; i < pp.n; i++) {
		const struct person *p = &pp.p[i];

		for (t = 0; t < 2; t++) {
			if (t == 1 && p->target == NULL)
				break;
			n = required(&x, t ? p->target : p->position, req,
			    &pclass);
			for (j = 0; j < n; j++) {
				int gap;

				a = map_get(&x.achieved, uc(p->id, req[j].c));
				if (a == NO_VALUE)
					a = 0;
				gap = req[j].level - a;
				if (gap > 0 && store_plan_gap_put(st, gen, p->id,
				    t, x.comp.s[req[j].c], req[j].level, a,
				    priority(&x, p, pclass, req[j].c, gap)) == -1)
					goto out;
				rows += gap > 0;
				if (gap > 0 && ++inchunk == GAP_CHUNK) {
					/* Let the learners' writes in. */
					tx = 0;
					if (store_commit(st) == -1 ||
					    store_begin(st) == -1)
						goto out;
					tx = 1;
					inchunk = 0;
				}
				if (t == 1)
					continue;
				if ((ci = map_get(&cellidx, uc(p->unit,
				    req[j].c))) == NO_VALUE) {
					if (ncells == capcells) {
						int cap = capcells ? capcells * 2 : 256;
						struct cell *nc = realloc(cells,
						    cap * sizeof(*nc));
						if (nc == NULL)
							goto out;
						cells = nc;
						capcells = cap;
					}
					memset(&cells[ncells], 0, sizeof(*cells));
					ci = ncells++;
					if (map_put(&cellidx, uc(p->unit,
					    req[j].c), ci) == -1)
						goto out;
				}
				cells[ci].people++;
				if (gap > 0) {
					cells[ci].shortn++;
					cells[ci].sum += gap;
				}
			}
		}
	}
	/* The switch: cells and the current generation in one commit. */
	if (store_plan_cells_clear(st) == -1)
		goto out;
	for (i = 0; i < (int)cellidx.cap; i++) {
		uint64_t k = cellidx.k[i];
		int u, c;

		if (k == 0)
			continue;
		u = (int)(k >> 16);
		c = (int)(k & 0xffff) - 1;
		ci = cellidx.v[i];
		if (store_plan_cell_put(st, x.unit.s[u], x.comp.s[c],
		    cells[ci].people, cells[ci].shortn, cells[ci].sum) == -1)
			goto out;
	}
	if (store_plan_meta_set(st, gen, version, now) == -1)
		goto out;
	tx = 0;
	ret = store_commit(st) == -1 || purge(st, gen) == -1 ? -1 : 0;
	if (ret == 0)
		log_info("gap: summary rebuilt: %d people, %d gaps, %d cells in "
		    "%lld ms (%lld ms writing)", pp.n, rows, ncells,
		    (long long)(ms_now() - t0), (long long)(ms_now() - t1));
out:
	if (tx)
		store_rollback(st);
	for (i = 0; i < pp.n; i++) {
		free(pp.p[i].position);
		free(pp.p[i].target);
	}
	free(pp.p);
	free(cells);
	map_free(&cellidx);
	ctx_close(&x);
	return ret;
}

/* One rebuild at a time: another view meanwhile reads the current
   generation (a whole, older summary) instead of waiting. */
static pthread_mutex_t	 rebuild_mu = PTHREAD_MUTEX_INITIALIZER;

/* 1 a rebuild is due (*none: there is no summary at all), 0 current. */
static int
stale_state(struct store *st, int64_t now, int *none)
{
	char	 want[GAP_VERSION_MAX], have[GAP_VERSION_MAX];
	char	*wdot, *hdot;
	int64_t	 built = 0;
	int	 rc;

	*none = 0;
	if (store_plan_version(st, want, sizeof(want)) == -1)
		return -1;
	if ((rc = store_plan_meta_get(st, have, sizeof(have), &built)) == -1)
		return -1;
	if (rc == 0 && strcmp(want, have) == 0)
		return 0;
	/* "inputs.ledger": planning data or people changed -> now; only
	   completions changed -> when the summary is GAP_LEDGER_STALE old. */
	wdot = strchr(want, '.');
	hdot = strchr(have, '.');
	if (rc == 0 && wdot && hdot && wdot - want == hdot - have &&
	    strncmp(want, have, (size_t)(wdot - want)) == 0 &&
	    now >= built && now - built < GAP_LEDGER_STALE)
		return 0;	/* (a summary from a clock ahead of ours: old) */
	*none = rc != 0;
	return 1;
}

int
gap_stale(struct store *st, int64_t now)
{
	int	 none, rc;

	if ((rc = stale_state(st, now, &none)) == 1 && none)
		return 2;
	return rc;
}

int
gap_rebuild(struct store *st, int64_t now)
{
	int	 rc;

	pthread_mutex_lock(&rebuild_mu);
	rc = gap_refresh(st, now);
	pthread_mutex_unlock(&rebuild_mu);
	return rc;
}

int
gap_ensure(struct store *st, int64_t now, int *rebuilt)
{
	int	 rc, none;

	if (rebuilt)
		*rebuilt = 0;
	if ((rc = stale_state(st, now, &none)) <= 0)
		return rc;
	/* perfdata: with the worker (serve) a view never rebuilds; it
	   waits a moment for the pass it asks for (gapjob.h). */
	if (gapjob_running()) {
		if (gapjob_kick_wait() &&
		    (rc = stale_state(st, now, &none)) <= 0) {
			if (rebuilt && rc == 0)
				*rebuilt = 1;
			return rc;
		}
		if (rebuilt)
			*rebuilt = GAP_PENDING;
		return 0;
	}
	if (pthread_mutex_trylock(&rebuild_mu) != 0)
		return !none ? 0 : (pthread_mutex_lock(&rebuild_mu),
		    pthread_mutex_unlock(&rebuild_mu), 0);
	if (rebuilt)
		*rebuilt = 1;
	rc = gap_refresh(st, now);
	pthread_mutex_unlock(&rebuild_mu);
	return rc;
}

/* One person: evidence with its source, for gap_person. */
struct best {
	struct ctx	*x;
	struct ev	 ev;
	struct profile_item *items;
	int		 n, cap;
};

static void
best_row(void *a, const struct profile_item *it)
{
	struct best	*b = a;

	if (!it->counts)
		return;
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 32;
		struct profile_item *ni = realloc(b->items, cap * sizeof(*ni));

		if (ni == NULL)
			return;
		b->items = ni;
		b->cap = cap;
	}
	b->items[b->n++] = *it;
}

static int
item_cmp(const void *a, const void *b)
{
	const struct gap_item *x = a, *y = b;

	if (x->target != y->target)
		return x->target - y->target;
	if (x->gap != y->gap)
		return y->gap - x->gap;
	return strcmp(x->key, y->key);
}

int
gap_person(struct store *st, int64_t user,
    void (*fn)(void *, const struct gap_item *), void *arg)
{
	struct ctx	 x;
	struct best	 b;
	struct user	 u;
	struct req	 req[PLAN_REQ_MAX];
	struct gap_item	*out = NULL;
	struct person	 p;
	char		 target[STORE_TEXT_MAX] = "";
	int		 rc, i, j, k, n, t, nout = 0, pclass, pred, year, ret = -1;

	if ((rc = store_user_by_id(st, user, &u)) != 0)
		return rc;
	memset(&b, 0, sizeof(b));
	if (ctx_open(st, &x) == -1)
		goto out;
	if (profile_items(st, user, best_row, &b) == -1)
		goto out;
	if (store_plan_target_get(st, user, target, sizeof(target)) == -1)
		goto out;
	/* The newest SKP of the last five years. */
	for (year = wib_year(clock_now()); year > wib_year(clock_now()) - 5;
	    year--)
		if ((rc = store_plan_skp_get(st, user, year, &pred, NULL)) == 0) {
			map_put(&x.skp, (uint64_t)user, pred);
			break;
		} else if (rc == -1)
			goto out;
	if (store_plan_proposals(st, prop_row, &x) == -1)
		goto out;
	memset(&p, 0, sizeof(p));
	p.id = user;
	p.unit = names_at(&x.unit, u.unit, 1);
	if ((out = calloc(2 * PLAN_REQ_MAX, sizeof(*out))) == NULL)
		goto out;
	for (t = 0; t < 2; t++) {
		if (t == 1 && target[0] == '\0')
			break;
		n = required(&x, t ? target : u.position, req, &pclass);
		for (j = 0; j < n; j++) {
			struct gap_item *g = &out[nout++];

			snprintf(g->key, sizeof(g->key), "%s",
			    x.comp.s[req[j].c]);
			g->target = t;
			g->required = req[j].level;
			for (k = 0; k < b.n; k++)
				if (strcmp(b.items[k].key, g->key) == 0 &&
				    b.items[k].level > g->achieved) {
					g->achieved = b.items[k].level;
					snprintf(g->source, sizeof(g->source),
					    "%s", b.items[k].source);
					snprintf(g->ref, sizeof(g->ref), "%s",
					    b.items[k].ref);
					g->at = b.items[k].at;
				}
			g->gap = g->required - g->achieved;
			g->priority = g->gap > 0 ? priority(&x, &p, pclass,
			    req[j].c, g->gap) : 0;
		}
	}
	qsort(out, nout, sizeof(*out), item_cmp);
	for (i = 0; i < nout; i++)
		fn(arg, &out[i]);
	ret = 0;
out:
	free(out);
	free(b.items);
	ctx_close(&x);
	return ret;
}
