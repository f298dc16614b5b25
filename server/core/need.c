/* need: required and achieved competency levels, on part A's gap
   analysis (gap_person). See need.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "compdict.h"
#include "competency.h"
#include "course.h"
#include "dictionary.h"
#include "gap.h"
#include "need.h"
#include "profile.h"

int
need_find(const struct need_comp *list, int n, const char *name)
{
	char	 a[COMPETENCY_KEY_MAX], b[COMPETENCY_KEY_MAX];
	int	 i;

	if (competency_key(name, a, sizeof(a)) == -1)
		return -1;
	for (i = 0; i < n; i++)
		if (competency_key(list[i].name, b, sizeof(b)) == 0 &&
		    strcmp(a, b) == 0)
			return i;
	return -1;
}

struct collect {
	struct need_gap	*g;
	int		 n, max;
	const struct compdict *dict;
};

static enum need_source
source_of(const char *s)
{
	if (strcmp(s, PROFILE_SRC_COMPLETION) == 0)
		return NEED_SRC_COURSE;
	if (strcmp(s, PROFILE_SRC_SURVEY_ATASAN) == 0)
		return NEED_SRC_ATASAN;
	if (strcmp(s, PROFILE_SRC_SURVEY_SELF) == 0)
		return NEED_SRC_SELF;
	if (strcmp(s, PROFILE_SRC_ASSESSMENT) == 0)
		return NEED_SRC_ASSESSMENT;
	return NEED_SRC_NONE;
}

static void
collect_item(void *arg, const struct gap_item *it)
{
	struct collect	*c = arg;
	const struct compdict_entry *e;
	struct need_gap	*g;

	/* The current position's standard; a target position is part A's
	   page (the plan is for the job held now). */
	if (it->target || c->n == c->max)
		return;
	g = &c->g[c->n++];
	memset(g, 0, sizeof(*g));
	snprintf(g->c.name, sizeof(g->c.name), "%s",
	    dictionary_name(c->dict, it->key));
	e = compdict_find(c->dict, it->key);
	snprintf(g->c.ctype, sizeof(g->c.ctype), "%s",
	    competency_type_id(e ? e->type : CTYPE_TEKNIS));
	g->c.required = it->required;
	g->achieved = it->achieved;
	g->src = it->achieved ? source_of(it->source) : NEED_SRC_NONE;
	g->at = it->at;
	g->gap = it->gap > 0 ? it->gap : 0;
	g->priority = it->priority;
}

int
need_gaps(struct store *st, const struct user *u, const struct catalog *cat,
    struct need_gap *out, int max)
{
	struct collect	 c;
	struct compdict	*dict;
	int		 rc;

	(void)cat;
	if ((dict = dictionary_load(st)) == NULL)
		return -1;
	c.g = out;
	c.n = 0;
	c.max = max;
	c.dict = dict;
	rc = gap_person(st, u->id, collect_item, &c);
	compdict_free(dict);
	if (rc == -1)
		return -1;
	return c.n;
}

int
need_standard(struct store *st, const struct user *u, const struct catalog *cat,
    struct need_comp *out, int max)
{
	struct need_gap	*g;
	int		 i, n;

	if ((g = calloc((size_t)max, sizeof(*g))) == NULL)
		return -1;
	if ((n = need_gaps(st, u, cat, g, max)) > 0)
		for (i = 0; i < n; i++)
			out[i] = g[i].c;
	free(g);
	return n;
}

int
need_courses(const struct catalog *cat, const struct need_gap *g,
    const struct course **out, int max)
{
	const struct course *t;
	char		 want[COMPETENCY_KEY_MAX], key[COMPETENCY_KEY_MAX];
	int		 i, j, n = 0;

	if (competency_key(g->c.name, want, sizeof(want)) == -1)
		return 0;
	for (i = 0; cat != NULL && i < cat->n && n < max; i++) {
		const struct course *c = cat->courses[i];

		if (competency_key(c->competency, key, sizeof(key)) == -1 ||
		    strcmp(key, want) != 0 || c->level <= g->achieved)
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
