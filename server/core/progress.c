/* progress: course progress and prerequisites. See progress.h. */
#include <stdio.h>
#include <string.h>

#include "course.h"
#include "progress.h"
#include "store.h"

struct scan {
	const struct course	*c;
	struct progress		*p;
};

static void
scan_done(void *arg, const char *module, int64_t at)
{
	struct scan	*s = arg;
	int		 i;

	/* Only modules that still exist count. */
	if ((i = course_module_find(s->c, module)) < 0 || i >= 64)
		return;
	if (!(s->p->done & (1ull << i))) {
		s->p->done |= 1ull << i;
		s->p->mods_done++;
	}
	if (at > s->p->last_at)
		s->p->last_at = at;
}

int
progress_course(struct store *st, int64_t user, const struct course *c,
    struct progress *p)
{
	struct completion	 comp;
	struct scan		 s = { c, p };
	double			 best;
	int			 i, rc, steps, done;

	memset(p, 0, sizeof(*p));
	p->nmods = c->nmods;
	p->next = -1;
	if (store_progress_list(st, user, c->id, scan_done, &s) == -1)
		return -1;
	for (i = 0; i < c->nmods && i < 64; i++)
		if (!(p->done & (1ull << i))) {
			p->next = i;
			break;
		}
	if (c->final_file[0]) {
		p->has_final = 1;
		if ((rc = store_quiz_passed(st, user, c->id, c->final_file,
		    &best)) == -1)
			return -1;
		p->final_passed = rc == 0;
	}
	if ((rc = store_completion_get(st, user, c->id, &comp)) == -1)
		return -1;
	p->complete = rc == 0;
	steps = p->nmods + p->has_final;
	done = p->mods_done + p->final_passed;
	if (p->complete)
		p->percent = 100;
	else if (steps > 0) {
		p->percent = done * 100 / steps;
		if (p->percent > 99)
			p->percent = 99;
	}
	return 0;
}

int
progress_done_mask(struct store *st, int64_t user, const struct course *c,
    uint64_t *mask)
{
	struct progress	 p;
	struct scan	 s = { c, &p };

	memset(&p, 0, sizeof(p));
	if (store_progress_list(st, user, c->id, scan_done, &s) == -1)
		return -1;
	*mask = p.done;
	return 0;
}

int
progress_prereq_missing(struct store *st, int64_t user,
    const struct course *c, char *buf, const char **ids, int max)
{
	struct completion	 comp;
	char			*p, *tok, *save = NULL;
	int			 n = 0, rc;

	snprintf(buf, sizeof(c->prereq), "%s", c->prereq);
	for (p = buf; (tok = strtok_r(p, ", \t", &save)) != NULL; p = NULL) {
		if (strcmp(tok, c->id) == 0)
			continue;
		if ((rc = store_completion_get(st, user, tok, &comp)) == -1)
			return -1;
		if (rc == 1 && n < max)
			ids[n++] = tok;
	}
	return n;
}
