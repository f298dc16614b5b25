/* assign: course assignments. See assign.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assign.h"
#include "config.h"
#include "course.h"
#include "nip.h"
#include "outbox.h"
#include "utf8.h"
#include "wib.h"

/* E-mail goes out in Bahasa Indonesia (lang 0 of the i18n tables). */
#define MAIL_LANG	0

static int
kind_parse(const char *s)
{
	if (s == NULL)
		return -1;
	if (strcmp(s, "person") == 0)
		return ASSIGN_PERSON;
	if (strcmp(s, "unit") == 0)
		return ASSIGN_UNIT;
	if (strcmp(s, "position") == 0)
		return ASSIGN_POSITION;
	if (strcmp(s, "plan") == 0)
		return ASSIGN_PLAN;
	return -1;
}

int
assign_overdue(const struct assign_row *a, int64_t now)
{
	return !a->completed && a->due_at <= now;
}

int
assign_create(struct store *st, const char *course, const char *due,
    const char *kind, const char *target, int year, int64_t actor,
    int64_t now, const char *ip, int64_t *people, int64_t *mails,
    enum msg *why)
{
	struct assign_new *a;
	struct catalog	*cat;
	const struct course *c;
	char		 date[64], link[CONFIG_BASE_MAX + 96];
	int		 y, m, d, rc = 1;
	int64_t		 id, day;
	char		 tail, why_nip[128];
	size_t		 n;

	*people = *mails = 0;
	if ((a = calloc(1, sizeof(*a))) == NULL)
		return -1;
	cat = course_catalog();
	if (course == NULL || (c = course_find(cat, course)) == NULL) {
		*why = M_PB_E_COURSE;
		goto out;
	}
	snprintf(a->course, sizeof(a->course), "%s", c->id);
	snprintf(a->course_title, sizeof(a->course_title), "%s", c->title);
	if (due == NULL || strlen(due) != 10 || sscanf(due, "%4d-%2d-%2d%c",
	    &y, &m, &d, &tail) != 3 || due[4] != '-' || due[7] != '-' ||
	    (day = wib_midnight(y, m, d)) == -1 || day + 86400 <= now) {
		*why = M_PB_E_DUE;
		goto out;
	}
	snprintf(a->due, sizeof(a->due), "%s", due);
	a->due_at = day + 86400;	/* the whole due day counts */
	if ((a->kind = kind_parse(kind)) == -1 || target == NULL) {
		*why = M_PB_E_TARGET_KIND;
		goto out;
	}
	while (*target == ' ')
		target++;
	n = strlen(target);
	while (n > 0 && target[n - 1] == ' ')
		n--;
	if (n == 0 || n >= sizeof(a->target) || utf8_prefix(target, n, 0) != n ||
	    (a->kind == ASSIGN_PERSON && (n != 18 || !nip_valid(target, why_nip, sizeof(why_nip))))) {
		*why = M_PB_E_TARGET_KIND;
		goto out;
	}
	memcpy(a->target, target, n);
	a->target[n] = '\0';
	a->year = year;
	if ((a->mail = outbox_enabled()) != 0) {
		wib_date(a->due_at - 1, MAIL_LANG, date, sizeof(date));
		snprintf(a->subject, sizeof(a->subject), "%s: %s",
		    i18n(MAIL_LANG, M_PB_MAIL_SUBJECT), c->title);
		if (cfg.base_url[0])
			snprintf(link, sizeof(link), "%s/courses/%s",
			    cfg.base_url, c->id);
		else
			snprintf(link, sizeof(link), "http://%s:%d/courses/%s",
			    cfg.listen, cfg.port, c->id);
		snprintf(a->body, sizeof(a->body), "%s\n\n  %s\n  %s: %s\n  "
		    "%d JP\n\n%s\n%s\n\n-- \nLentera\n",
		    i18n(MAIL_LANG, M_PB_MAIL_INTRO), c->title,
		    i18n(MAIL_LANG, M_PB_DUE), date, c->jp,
		    i18n(MAIL_LANG, M_PB_MAIL_OPEN), link);
	}
	rc = store_assign_create(st, a, actor, now, ip, &id, people, mails);
	if (rc == 1)
		*why = M_PB_E_NOBODY;
	if (rc == 0 && *mails > 0)
		outbox_kick();
out:
	course_release(cat);
	free(a);
	return rc;
}
