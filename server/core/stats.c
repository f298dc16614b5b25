/* stats: item analysis and the trainer's pages. See stats.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "form.h"
#include "grade.h"
#include "log.h"
#include "stats.h"
#include "store.h"
#include "utf8.h"

#define DISCRIM_GROUP	0.27	/* Kelley's upper/lower group share */

struct stats_cell {
	int	 person;
	int	 item;
	double	 frac;
	double	 score;
};

void
stats_init(struct stats *s)
{
	memset(s, 0, sizeof(*s));
	s->last_person = -1;
	s->alpha = NAN;
}

void
stats_free(struct stats *s)
{
	int	 i, j;

	for (i = 0; i < s->nitems; i++) {
		free(s->items[i].text);
		s->items[i].text = NULL;
		for (j = 0; j < s->items[i].nopt; j++)
			free(s->items[i].opt[j].text);
		s->items[i].nopt = 0;
	}
	free(s->pct);
	free(s->cells);
	free(s->person_pct);
	s->pct = NULL;
	s->cells = NULL;
	s->person_pct = NULL;
}

static int
grow(void **p, int *cap, int need, size_t size)
{
	void	*np;
	int	 nc;

	if (need < *cap)
		return 0;
	nc = *cap ? *cap * 2 : 256;
	if ((np = realloc(*p, (size_t)nc * size)) == NULL)
		return -1;
	*p = np;
	*cap = nc;
	return 0;
}

void
stats_percent(struct stats *s, double pct)
{
	if (grow((void **)&s->pct, &s->cappct, s->npct, sizeof(double)) == 0)
		s->pct[s->npct++] = pct;
}

static int
item_index(struct stats *s, const char *qid)
{
	int	 i;

	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, qid) == 0)
			return i;
	if (s->nitems == QUIZ_MAX_QUESTIONS)
		return -1;
	snprintf(s->items[s->nitems].id, QUIZ_ID_MAX, "%s", qid);
	return s->nitems++;
}

void
stats_mark(struct stats *s, int64_t attempt, double pct, const char *qid,
    double score, double points)
{
	struct stats_cell *c;
	int		 item;

	if (s->ncells >= STATS_MAX_CELLS) {
		s->truncated = 1;
		return;
	}
	if (attempt != s->last_person) {
		if (grow((void **)&s->person_pct, &s->capperson, s->people,
		    sizeof(double)) == -1)
			return;
		s->person_pct[s->people++] = pct;
		s->last_person = attempt;
	}
	if ((item = item_index(s, qid ? qid : "?")) == -1)
		return;
	if (s->ncells == s->capcells) {
		size_t	 nc = s->capcells ? s->capcells * 2 : 1024;
		void	*np = realloc(s->cells, nc * sizeof(*s->cells));

		if (np == NULL)
			return;
		s->cells = np;
		s->capcells = nc;
	}
	c = &s->cells[s->ncells++];
	c->person = s->people - 1;
	c->item = item;
	c->score = score;
	c->frac = points > 0 ? score / points : 0;
}

static int
dbl_cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sample variance from running sums. */
static double
variance(double sum, double sumsq, int n)
{
	return n > 1 ? (sumsq - sum * sum / n) / (n - 1) : 0;
}

int
stats_finish(struct stats *s)
{
	double	*sorted = NULL, lo_cut, hi_cut, *tot = NULL;
	double	 sum = 0, vsum = 0, tsum = 0, tsq = 0;
	double	*isum = NULL, *isq = NULL, *uf = NULL, *lf = NULL;
	int	*un = NULL, *ln = NULL, *every = NULL;
	int	 i, g, k = 0, rc = -1;
	size_t	 c;

	s->attempts = s->npct;
	for (i = 0; i < s->npct; i++) {
		sum += s->pct[i];
		g = (int)(s->pct[i] / (100.0 / STATS_BINS));
		s->hist[g < 0 ? 0 : g >= STATS_BINS ? STATS_BINS - 1 : g]++;
	}
	if (s->npct) {
		qsort(s->pct, s->npct, sizeof(double), dbl_cmp);
		s->mean = sum / s->npct;
		s->median = s->npct % 2 ? s->pct[s->npct / 2] :
		    (s->pct[s->npct / 2 - 1] + s->pct[s->npct / 2]) / 2;
	}
	if (s->people == 0)
		return 0;
	if ((sorted = malloc(s->people * sizeof(double))) == NULL ||
	    (tot = calloc(s->people, sizeof(double))) == NULL ||
	    (isum = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (isq = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (uf = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (lf = calloc(s->nitems + 1, sizeof(double))) == NULL ||
	    (un = calloc(s->nitems + 1, sizeof(int))) == NULL ||
	    (ln = calloc(s->nitems + 1, sizeof(int))) == NULL ||
	    (every = calloc(s->nitems + 1, sizeof(int))) == NULL)
		goto out;
	memcpy(sorted, s->person_pct, s->people * sizeof(double));
	qsort(sorted, s->people, sizeof(double), dbl_cmp);
	g = (int)ceil(DISCRIM_GROUP * s->people);
	lo_cut = sorted[g - 1];			/* bottom group: <= lo_cut */
	hi_cut = sorted[s->people - g];		/* top group: >= hi_cut */
	for (c = 0; c < s->ncells; c++) {
		const struct stats_cell *x = &s->cells[c];
		double	 p = s->person_pct[x->person];

		s->items[x->item].n++;
		s->items[x->item].facility += x->frac;
		if (p >= hi_cut && s->people > 1) {
			uf[x->item] += x->frac;
			un[x->item]++;
		}
		if (p <= lo_cut && s->people > 1) {
			lf[x->item] += x->frac;
			ln[x->item]++;
		}
	}
	for (i = 0; i < s->nitems; i++) {
		struct stats_item *it = &s->items[i];

		it->facility = it->n ? it->facility / it->n : NAN;
		it->discrimination = un[i] && ln[i] ?
		    uf[i] / un[i] - lf[i] / ln[i] : NAN;
		every[i] = it->n == s->people;
		k += every[i];
	}
	/* Alpha over the items every first attempt answered. */
	if (k >= 2 && s->people >= 2) {
		for (c = 0; c < s->ncells; c++) {
			const struct stats_cell *x = &s->cells[c];

			if (!every[x->item])
				continue;
			isum[x->item] += x->score;
			isq[x->item] += x->score * x->score;
			tot[x->person] += x->score;
		}
		for (i = 0; i < s->nitems; i++)
			if (every[i])
				vsum += variance(isum[i], isq[i], s->people);
		for (i = 0; i < s->people; i++) {
			tsum += tot[i];
			tsq += tot[i] * tot[i];
		}
		if (variance(tsum, tsq, s->people) > 0)
			s->alpha = (double)k / (k - 1) * (1 - vsum /
			    variance(tsum, tsq, s->people));
		s->alpha_items = k;
	}
	rc = 0;
out:
	free(sorted);
	free(tot);
	free(isum);
	free(isq);
	free(uf);
	free(lf);
	free(un);
	free(ln);
	free(every);
	return rc;
}

/* Keep at most STATS_TEXT_MAX bytes, cut on a UTF-8 boundary. */
static char *
short_text(const char *t)
{
	size_t	 n = strlen(t);
	char	*p;

	if (n > STATS_TEXT_MAX) {
		n = utf8_cut(t, STATS_TEXT_MAX);
	}
	if ((p = malloc(n + 4)) == NULL)
		return NULL;
	memcpy(p, t, n);
	if (n < strlen(t))
		memcpy(p + n, "\xe2\x80\xa6", 3);	/* … */
	p[n + (n < strlen(t) ? 3 : 0)] = '\0';
	return p;
}

static void
tally(struct stats_item *it, const char *text, int full)
{
	int	 i;

	for (i = 0; i < it->nopt; i++)
		if (strcmp(it->opt[i].text, text) == 0)
			break;
	if (i == it->nopt) {
		if (it->nopt == STATS_MAX_OPTIONS ||
		    (it->opt[i].text = strdup(text)) == NULL) {
			it->other++;
			return;
		}
		it->opt[i].picks = it->opt[i].right = 0;
		it->nopt++;
	}
	it->opt[i].picks++;
	it->opt[i].right += full;
}

/* The chosen texts of one choice question on one paper. */
static void
tally_item(struct stats_item *it, const struct quiz_item *qi,
    const struct form *f, int full)
{
	char	 name[QUIZ_ID_MAX + 8];
	char	*end;
	long	 k;
	int	 i, picked = 0;

	snprintf(name, sizeof(name), "q_%s", qi->id);
	for (i = 0; i < f->n; i++) {
		const char *v = f->f[i].value;

		if (strcmp(f->f[i].name, name) != 0 || *v == '\0')
			continue;
		if (qi->type == QUIZ_TRUE_FALSE) {
			if (strcmp(v, "true") != 0 && strcmp(v, "false") != 0)
				continue;
			tally(it, v, full);	/* labelled by the page */
		} else {
			k = strtol(v, &end, 10);
			if (*end != '\0' || k < 0 || k >= qi->nchoices)
				continue;
			tally(it, qi->choices[k], full);
		}
		picked++;
		if (qi->type != QUIZ_MULTIPLE)
			break;
	}
	if (picked == 0)
		it->blank++;
	it->tallied++;
}

int
stats_choices(struct stats *s, const struct quiz *q, const struct attempt *a)
{
	struct quiz_paper	 paper;
	struct quiz_result	 res;
	struct form		 f;
	struct buf		 err = { 0 };
	const char		*ids[QUIZ_MAX_QUESTIONS];
	char			*copy = NULL, *tok, *save = NULL, *p;
	int			 i, k, n = 0, item, rc = -1;

	memset(&paper, 0, sizeof(paper));
	memset(&res, 0, sizeof(res));
	memset(&f, 0, sizeof(f));
	if (s->rebuilt >= STATS_MAX_REBUILD) {
		s->rebuild_truncated = 1;
		return 0;
	}
	if ((copy = strdup(a->ids)) == NULL)
		goto out;
	for (p = copy; n < QUIZ_MAX_QUESTIONS &&
	    (tok = strtok_r(p, " ", &save)) != NULL; p = NULL)
		ids[n++] = tok;
	if (quiz_rebuild(q, a->seed, ids, n, &paper, &err) == -1 ||
	    grade_run(q, a, a->responses, &res, &err) == -1 ||
	    (a->responses && form_parse(&f, a->responses,
	    strlen(a->responses)) == -1))
		goto out;
	for (i = 0; i < paper.nitems; i++) {
		const struct quiz_item *qi = &paper.items[i];
		int	 full = 0;

		if ((item = item_index(s, qi->id)) == -1)
			continue;
		if (s->items[item].text == NULL)
			s->items[item].text = short_text(qi->text);
		s->items[item].type = qi->type;
		if (qi->type != QUIZ_SINGLE && qi->type != QUIZ_MULTIPLE &&
		    qi->type != QUIZ_TRUE_FALSE)
			continue;
		for (k = 0; k < res.nmarks; k++)
			if (strcmp(res.marks[k].id, qi->id) == 0) {
				full = res.marks[k].correct;
				break;
			}
		tally_item(&s->items[item], qi, &f, full);
	}
	s->rebuilt++;
	rc = 0;
out:
	if (rc == -1)
		log_warnx("stats: attempt %lld not tallied: %s",
		    (long long)a->id, err.n ? err.p : "out of memory");
	form_free(&f);
	quiz_result_free(&res);
	quiz_paper_free(&paper);
	buf_free(&err);
	free(copy);
	return rc;
}
