/* idp: individual development plans. See idp.h. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "course.h"
#include "idp.h"
#include "jprules.h"
#include "ledger.h"
#include "need.h"
#include "utf8.h"

static pthread_once_t	 routes_once = PTHREAD_ONCE_INIT;
static struct jpr_rules	*rules;

static void
routes_load(void)
{
	if ((rules = calloc(1, sizeof(*rules))) != NULL &&
	    jprules_defaults(rules) == -1) {
		free(rules);
		rules = NULL;
	}
}

const struct jpr_form *
idp_routes(int *n)
{
	pthread_once(&routes_once, routes_load);
	*n = rules ? rules->nforms : 0;
	return rules ? rules->form : NULL;
}

const struct jpr_form *
idp_route(const char *code)
{
	pthread_once(&routes_once, routes_load);
	return rules && code ? jprules_form(rules, code) : NULL;
}

static int
text_ok(const char *s, size_t max)
{
	size_t	 i, n = strlen(s);

	if (n >= max || utf8_prefix(s, n, 0) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20)
			return 0;
	return 1;
}

int
idp_item_check(struct store *st, const struct user *u,
    const struct catalog *cat, int year, struct idp_item *it, enum msg *why)
{
	struct need_gap	*g;
	const struct course *c = NULL;
	int		 y, m, d, n, k;
	char		 tail;

	if (idp_route(it->route) == NULL) {
		*why = M_PB_E_ROUTE;
		return 1;
	}
	if (it->course[0] != '\0') {
		if ((c = course_find(cat, it->course)) == NULL) {
			*why = M_PB_E_COURSE;
			return 1;
		}
		if (it->competency[0] == '\0')
			snprintf(it->competency, sizeof(it->competency), "%s",
			    c->competency);
		if (it->activity[0] == '\0')
			snprintf(it->activity, sizeof(it->activity), "%s",
			    c->title);
		if (it->jp <= 0)
			it->jp = c->jp;
	}
	if (it->activity[0] == '\0' || !text_ok(it->activity,
	    sizeof(it->activity))) {
		*why = M_PB_E_ACTIVITY;
		return 1;
	}
	if (it->jp < 1 || it->jp > IDP_JP_MAX) {
		*why = M_PB_E_JP;
		return 1;
	}
	if (it->cost < 0 || it->cost > IDP_COST_MAX) {
		*why = M_PB_E_COST;
		return 1;
	}
	if (strlen(it->target) != 10 || sscanf(it->target, "%4d-%2d-%2d%c", &y,
	    &m, &d, &tail) != 3 || it->target[4] != '-' || it->target[7] != '-' ||
	    y != year || m < 1 || m > 12 || d < 1 || d > 31) {
		*why = M_PB_E_TARGET;
		return 1;
	}
	/* The competency must be one the position asks for: its gap is
	   recorded with the item (the agency plan's priority). */
	if ((g = calloc(NEED_MAX, sizeof(*g))) == NULL)
		return -1;
	if ((n = need_gaps(st, u, cat, g, NEED_MAX)) == -1) {
		free(g);
		return -1;
	}
	for (k = 0; k < n; k++)
		if (need_find(&g[k].c, 1, it->competency) == 0)
			break;
	if (k == n) {
		free(g);
		*why = M_PB_E_COMPETENCY;
		return 1;
	}
	snprintf(it->competency, sizeof(it->competency), "%s", g[k].c.name);
	snprintf(it->ctype, sizeof(it->ctype), "%s", g[k].c.ctype);
	it->gap = g[k].gap;
	it->priority = g[k].priority;
	free(g);
	return 0;
}

int
idp_add(struct store *st, const struct user *u, int year, struct idp_item *it,
    int64_t now, const char *ip, enum msg *why)
{
	struct catalog	*cat = course_catalog();
	int		 rc;

	rc = idp_item_check(st, u, cat, year, it, why);
	course_release(cat);
	if (rc != 0)
		return rc;
	if ((rc = store_idp_item_add(st, u->id, year, it, now, ip)) == 1)
		*why = M_PB_E_LOCKED;
	return rc;
}

int
idp_submit(struct store *st, const struct user *u, int year, int64_t now,
    const char *ip, enum msg *why)
{
	struct idp	 p;
	struct user	 atasan;
	char		 ref[STORE_NAME_MAX + 8], link[64];
	int		 rc, from;

	if ((rc = store_idp_get(st, u->id, year, &p)) == -1)
		return -1;
	if (rc == 1 || p.nitems == 0) {
		*why = M_PB_E_EMPTY_PLAN;
		return 1;
	}
	if (p.status != IDP_DRAFT && p.status != IDP_RETURNED) {
		*why = M_PB_E_LOCKED;
		return 1;
	}
	if (p.jp < ledger_target_jp(u)) {
		*why = M_PB_E_BELOW_TARGET;
		return 1;
	}
	if (u->nip_atasan[0] == '\0' || (rc = store_user_by_nip(st,
	    u->nip_atasan, &atasan, NULL, 0)) == 1 || (rc == 0 &&
	    !atasan.active)) {
		*why = M_PB_E_NO_ATASAN;
		return 1;
	}
	if (rc == -1)
		return -1;
	from = p.status;
	snprintf(ref, sizeof(ref), "%s", u->name);
	snprintf(link, sizeof(link), "/plan/team/%s", u->nip);
	if ((rc = store_idp_move(st, p.id, from, IDP_SUBMITTED, "", u->id, now,
	    ip, atasan.id, "idp-submitted", ref, link)) == 1)
		*why = M_PB_E_LOCKED;
	return rc;
}

int
idp_decide(struct store *st, const struct user *atasan,
    const struct user *subject, int year, int approve, const char *note,
    int64_t now, const char *ip, enum msg *why)
{
	struct idp	 p;
	char		 ref[16];
	int		 rc;

	if (strcmp(subject->nip_atasan, atasan->nip) != 0) {
		*why = M_PB_E_NOT_ATASAN;
		return 1;
	}
	if (note == NULL)
		note = "";
	if (!text_ok(note, PLANB_NOTE_MAX + 1) || (!approve && note[0] == '\0')) {
		*why = M_PB_E_NOTE;
		return 1;
	}
	if ((rc = store_idp_get(st, subject->id, year, &p)) == -1)
		return -1;
	if (rc == 1 || p.status != IDP_SUBMITTED) {
		*why = M_PB_E_NOT_SUBMITTED;
		return 1;
	}
	snprintf(ref, sizeof(ref), "%d", year);
	if ((rc = store_idp_move(st, p.id, IDP_SUBMITTED, approve ?
	    IDP_APPROVED : IDP_RETURNED, note, atasan->id, now, ip,
	    subject->id, approve ? "idp-approved" : "idp-returned", ref,
	    "/plan")) == 1)
		*why = M_PB_E_NOT_SUBMITTED;
	return rc;
}
