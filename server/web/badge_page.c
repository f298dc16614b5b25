/* badge_page: GET /certificate/<course>/badge.json, the learner's own
   completion as an Open Badges 3.0 credential (badge.h). */
#include <stdio.h>
#include <string.h>

#include "api.h"
#include "badge.h"
#include "badge_page.h"
#include "http.h"
#include "log.h"
#include "store_settings.h"

int
badge_page(struct req *r)
{
	struct completion c;
	struct badge	 bg;
	struct settings	 set;
	struct buf	 base = { 0 };
	char		 disp[160], *p;
	int		 rc;

	if (r->nseg != 3 || cfg.key == NULL)
		return 404;
	/* Own completion only: the URL names a course, never another user. */
	if ((rc = store_completion_get(r->st, r->user.id, r->seg[1], &c)) != 0)
		return rc == 1 ? 404 : 500;
	if (c.cert_no[0] == '\0')
		return 404;
	if (store_settings_get(r->st, &set) == -1)
		return 500;
	/* Signed: the configured URL only (docs/badges.md), never Host. */
	buf_adds(&base, cfg.base_url);
	buf_addc(&base, '\0');
	memset(&bg, 0, sizeof(bg));
	bg.cert_no = c.cert_no;
	bg.nip = r->user.nip;
	bg.course_id = c.course;
	bg.course_title = c.course_title;
	bg.competency = c.competency;
	bg.ctype = c.ctype;
	bg.level = c.level;
	bg.jp = c.jp;
	bg.completed_at = c.completed_at;
	/* The agency an admin named at /admin/settings. */
	bg.issuer_name = set.agency[0] ? set.agency : "Lentera";
	bg.base_url = base.oom ? "" : base.p;
	rc = badge_credential(&bg, cfg.key, cfg.seed_key, &r->out);
	buf_free(&base);
	if (rc == -1) {
		log_warnx("badge: %s: credential failed", c.cert_no);
		r->out.n = 0;
		return 500;
	}
	snprintf(disp, sizeof(disp), "attachment; filename=\"lencana-%s.json\"",
	    c.cert_no);
	for (p = disp + strlen("attachment; filename=\""); *p; p++)
		if (*p == '/')
			*p = '-';
	http_header(r, "Content-Disposition", disp);
	r->ctype = "application/vc+ld+json";
	return 200;
}
