/* needsurvey: needs-survey rounds and answers. See needsurvey.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "competency.h"
#include "course.h"
#include "need.h"
#include "profile.h"
#include "needsurvey.h"
#include "utf8.h"
#include "wib.h"

/* "yyyy-mm-dd" -> 00:00 WIB of that day; -1 when not a real date. */
static int64_t
day_start(const char *s, int *year)
{
	int	 y, m, d;
	char	 tail;

	if (s == NULL || strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m,
	    &d, &tail) != 3 || s[4] != '-' || s[7] != '-')
		return -1;
	if (year)
		*year = y;
	return wib_midnight(y, m, d);
}

static int
plain_text(const char *s, size_t max)
{
	size_t	 i, n = strlen(s);

	if (n > max || utf8_prefix(s, n, 0) != n)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\r' &&
		    s[i] != '\t')
			return 0;
	return 1;
}

int
needsurvey_open(struct store *st, const char *title, const char *from,
    const char *to, const char *units, int64_t now, int64_t actor,
    const char *ip, int64_t *id, enum msg *why)
{
	struct survey_round *r;
	const char	*p, *e;
	size_t		 len;
	int		 rc, y2;

	if ((r = calloc(1, sizeof(*r))) == NULL)
		return -1;
	rc = 1;
	while (*title == ' ')
		title++;
	if (title[0] == '\0' || !plain_text(title, NEEDSURVEY_TITLE_MAX) ||
	    strpbrk(title, "\r\n") != NULL) {
		*why = M_PB_E_TITLE;
		goto out;
	}
	snprintf(r->title, sizeof(r->title), "%s", title);
	if ((r->opens_at = day_start(from, &r->year)) == -1 ||
	    (r->closes_at = day_start(to, &y2)) == -1 ||
	    (r->closes_at += 86400) <= r->opens_at) {
		*why = M_PB_E_DATES;
		goto out;
	}
	for (p = units ? units : ""; *p; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		len = (size_t)(e - p);
		while (len > 0 && (p[len - 1] == '\r' || p[len - 1] == ' ' ||
		    p[len - 1] == '\t'))
			len--;
		if (len == 0)
			continue;
		if (r->nunits == PLANB_UNITS_MAX || len >= STORE_TEXT_MAX) {
			*why = M_PB_E_UNITS;
			goto out;
		}
		memcpy(r->units[r->nunits], p, len);
		r->units[r->nunits][len] = '\0';
		if (!plain_text(r->units[r->nunits], STORE_TEXT_MAX)) {
			*why = M_PB_E_UNITS;
			goto out;
		}
		r->nunits++;
	}
	r->created_at = now;
	rc = store_survey_round_insert(st, r, actor, ip, id);
out:
	free(r);
	return rc;
}

int
needsurvey_is_open(const struct survey_round *r, int64_t now)
{
	return r->opens_at <= now && now < r->closes_at;
}

int
needsurvey_answer(struct store *st, const struct survey_round *r,
    const struct user *subject, const struct user *assessor, int by_atasan,
    const struct survey_answer *a, int n, int64_t now, const char *ip,
    enum msg *why)
{
	struct need_comp *std;
	struct catalog	*cat;
	char		 ref[PROFILE_REF_MAX];
	int		 i, nstd, rc;

	if (!needsurvey_is_open(r, now)) {
		*why = M_PB_E_CLOSED;
		return 1;
	}
	if ((rc = store_survey_covers(st, r->id, subject->unit)) != 1) {
		*why = M_PB_E_SCOPE;
		return rc == -1 ? -1 : 1;
	}
	if (by_atasan ? strcmp(subject->nip_atasan, assessor->nip) != 0 :
	    subject->id != assessor->id) {
		*why = M_PB_E_NOT_ATASAN;
		return 1;
	}
	if ((std = calloc(NEED_MAX, sizeof(*std))) == NULL)
		return -1;
	cat = course_catalog();
	nstd = need_standard(st, subject, cat, std, NEED_MAX);
	course_release(cat);
	rc = 1;
	if (n == 0) {
		*why = M_PB_E_EMPTY;
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (need_find(std, nstd, a[i].competency) < 0) {
			*why = M_PB_E_COMPETENCY;
			goto out;
		}
		if (!competency_level_ok(a[i].level)) {
			*why = M_PB_E_LEVEL;
			goto out;
		}
		if (!plain_text(a[i].need, PLANB_NEED_MAX)) {
			*why = M_PB_E_NEED;
			goto out;
		}
	}
	/* The answers and the profile evidence they are (profile.h: source
	   survei-diri / survei-atasan, ref "survei:<round>") in one
	   transaction. A competency outside the dictionary (a course's
	   free-text competency) is asked but gives no profile entry. */
	snprintf(ref, sizeof(ref), "survei:%lld", (long long)r->id);
	if (store_begin(st) == -1) {
		rc = -1;
		goto out;
	}
	rc = store_survey_save(st, r->id, subject->id, by_atasan, assessor->id,
	    a, n, now, ip);
	for (i = 0; rc == 0 && i < n; i++)
		if (profile_record(st, subject->id, a[i].competency, a[i].level,
		    by_atasan ? PROFILE_SRC_SURVEY_ATASAN : PROFILE_SRC_SURVEY_SELF,
		    ref, now) == -1)
			rc = -1;
	if (rc == 0)
		rc = store_commit(st);
	else
		store_rollback(st);
out:
	free(std);
	return rc;
}
