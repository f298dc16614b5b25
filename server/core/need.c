/* need: required and achieved competency levels. See need.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "competency.h"
#include "course.h"
#include "need.h"
#include "store_planb.h"

/* PermenPANRB 38/2017: manajerial and sosial kultural competencies. */
static const struct { const char *name; int type; } permen[] = {
	{ "Integritas", CTYPE_MANAJERIAL },
	{ "Kerja Sama", CTYPE_MANAJERIAL },
	{ "Komunikasi", CTYPE_MANAJERIAL },
	{ "Orientasi pada Hasil", CTYPE_MANAJERIAL },
	{ "Pelayanan Publik", CTYPE_MANAJERIAL },
	{ "Pengembangan Diri dan Orang Lain", CTYPE_MANAJERIAL },
	{ "Mengelola Perubahan", CTYPE_MANAJERIAL },
	{ "Pengambilan Keputusan", CTYPE_MANAJERIAL },
	{ "Perekat Bangsa", CTYPE_SOSIAL_KULTURAL },
};

int
need_find(const struct need_comp *list, int n, const char *name)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (strcasecmp(list[i].name, name) == 0)
			return i;
	return -1;
}

int
need_standard(const struct user *u, const struct catalog *cat,
    struct need_comp *out, int max)
{
	int	 i, k, n = 0;

	(void)u;	/* the position's standard: plana's, once merged */
	for (i = 0; i < (int)(sizeof(permen) / sizeof(permen[0])) && n < max;
	    i++, n++) {
		snprintf(out[n].name, sizeof(out[n].name), "%s", permen[i].name);
		snprintf(out[n].ctype, sizeof(out[n].ctype), "%s",
		    competency_type_id(permen[i].type));
		out[n].required = NEED_REQUIRED_DEFAULT;
	}
	for (i = 0; cat != NULL && i < cat->n; i++) {
		const struct course *c = cat->courses[i];

		if (c->competency[0] == '\0')
			continue;
		if ((k = need_find(out, n, c->competency)) >= 0) {
			if (c->level > out[k].required &&
			    competency_level_ok(c->level))
				out[k].required = c->level;
			continue;
		}
		if (n == max)
			break;
		snprintf(out[n].name, sizeof(out[n].name), "%s", c->competency);
		snprintf(out[n].ctype, sizeof(out[n].ctype), "%s", c->ctype);
		out[n].required = competency_level_ok(c->level) ?
		    (c->level > NEED_REQUIRED_DEFAULT ? c->level :
		    NEED_REQUIRED_DEFAULT) : NEED_REQUIRED_DEFAULT;
		n++;
	}
	return n;
}

struct achieved {
	struct need_gap	*g;
	int		 n;
};

static void
from_completion(void *arg, const struct completion *c)
{
	struct achieved	*a = arg;
	int		 i;

	for (i = 0; i < a->n; i++)
		if (strcasecmp(a->g[i].c.name, c->competency) == 0 &&
		    c->level > a->g[i].achieved) {
			a->g[i].achieved = c->level;
			a->g[i].src = NEED_SRC_COURSE;
			a->g[i].at = c->completed_at;
		}
}

int
need_gaps(struct store *st, const struct user *u, const struct catalog *cat,
    struct need_gap *out, int max)
{
	struct need_comp *std;
	struct achieved	 a;
	int		 i, n, lvl, by, rc;
	int64_t		 at;

	if ((std = calloc((size_t)max, sizeof(*std))) == NULL)
		return -1;
	n = need_standard(u, cat, std, max);
	memset(out, 0, sizeof(*out) * (size_t)max);
	for (i = 0; i < n; i++)
		out[i].c = std[i];
	free(std);
	a.g = out;
	a.n = n;
	if (store_completion_list_user(st, u->id, from_completion, &a) == -1)
		return -1;
	for (i = 0; i < n; i++) {
		/* A survey level counts when it is newer than a course's:
		   the atasan's judgement after a course is the latest word. */
		rc = store_survey_level(st, u->id, out[i].c.name, &lvl, &by, &at);
		if (rc == -1)
			return -1;
		if (rc == 0 && (out[i].src == NEED_SRC_NONE || at >= out[i].at)) {
			out[i].achieved = lvl;
			out[i].src = by ? NEED_SRC_ATASAN : NEED_SRC_SELF;
			out[i].at = at;
		}
		out[i].gap = out[i].c.required > out[i].achieved ?
		    out[i].c.required - out[i].achieved : 0;
	}
	return n;
}

int
need_courses(const struct catalog *cat, const struct need_gap *g,
    const struct course **out, int max)
{
	const struct course *t;
	int		 i, j, n = 0;

	for (i = 0; cat != NULL && i < cat->n && n < max; i++) {
		const struct course *c = cat->courses[i];

		if (strcasecmp(c->competency, g->c.name) != 0 ||
		    c->level <= g->achieved)
			continue;
		out[n++] = c;
	}
	/* Closest to the required level first (insertion sort, n small). */
	for (i = 1; i < n; i++)
		for (j = i; j > 0 && abs(out[j]->level - g->c.required) <
		    abs(out[j - 1]->level - g->c.required); j--) {
			t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return n;
}
