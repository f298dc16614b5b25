/* route: the URL map. See route.h. */
#include <stdio.h>
#include <string.h>

#include "admin.h"
#include "admin_settings.h"
#include "api.h"
#include "auth.h"
#include "badge_page.h"
#include "eval_page.h"
#include "exam.h"
#include "home.h"
#include "hr.h"
#include "hr_plan.h"
#include "hr_siasn.h"
#include "http.h"
#include "learn.h"
#include "plan.h"
#include "learning.h"
#include "programme_page.h"
#include "ledger_page.h"
#include "record.h"
#include "route.h"
#include "stats.h"
#include "setup_page.h"
#include "verify.h"

#define ANY	ROLE_ANY
#define STAFF	(ROLE_TRAINER | ROLE_ADMIN)
#define HR	(ROLE_HR | ROLE_ADMIN)
#define ADMIN	ROLE_ADMIN
#define STATS	(ROLE_TRAINER | ROLE_HR | ROLE_ADMIN)	/* quiz statistics */

static int
health(struct req *r)
{
	buf_adds(&r->out, "ok\n");
	r->ctype = "text/plain; charset=utf-8";
	return 200;
}

static const struct route routes[] = {
	{ "GET",  "/",				0,	0, learn_home },
	{ "GET",  "/healthz",			0,	0, health },
	{ "GET",  "/login",			0,	0, auth_login_page },
	{ "POST", "/login",			0,	ROUTE_NOCSRF, auth_login },
	{ "POST", "/logout",			ANY,	0, auth_logout },
	{ "GET",  "/lang/*",			0,	0, auth_lang },
	{ "GET",  "/static/*",			0,	0, learn_static },
	{ "GET",  "/courses",			ANY,	0, learn_catalog },
	{ "GET",  "/courses/*",			ANY,	0, learn_course },
	{ "GET",  "/courses/*/*",		ANY,	0, learn_module },
	{ "POST", "/courses/*/*/done",		ANY,	0, learn_done },
	{ "GET",  "/courses/*/assets/*",	ANY,	0, learn_asset },
	{ "GET",  "/record",			ANY,	0, record_page },
	{ "GET",  "/certificate/*",		ANY,	0, record_certificate },
	{ "GET",  "/certificate/*/badge.json",	ANY,	0, badge_page },
	{ "GET",  "/verify/**",			0,	0, verify_page },
	/* exam.c: taking quizzes */
	{ "GET",  "/quiz/*/*",			ANY,	0, exam_quiz },
	{ "POST", "/quiz/*/*/start",		ANY,	0, exam_start },
	{ "GET",  "/attempt/*",			ANY,	0, exam_attempt },
	{ "POST", "/attempt/*/save",		ANY,	0, exam_save },
	{ "POST", "/attempt/*/submit",		ANY,	0, exam_submit },
	/* stats.c: trainers' quiz statistics */
	{ "GET",  "/trainer",			STATS,	0, stats_index },
	{ "GET",  "/trainer/*/*",		STATS,	0, stats_quiz },
	{ "GET",  "/trainer/*/*/csv",		STATS,	0, stats_quiz },
	{ "GET",  "/trainer/*/*/distractors.csv", STATS, 0, stats_quiz },
	{ "GET",  "/admin/users",		ADMIN,	0, admin_users },
	{ "POST", "/admin/users",		ADMIN,	0, admin_user_add },
	{ "POST", "/admin/users/*",		ADMIN,	0, admin_user_edit },
	{ "GET",  "/admin/audit",		ADMIN,	0, admin_audit },
	/* HR API (api.c, xapi.c): token or hr/admin session, JSON errors. */
	{ "GET",  "/api/v1/completions",	HR,	ROUTE_API, api_completions },
	{ "GET",  "/api/v1/learners/*/record",	HR,	ROUTE_API, api_learner_record },
	{ "GET",  "/api/v1/jp-summary",		HR,	ROUTE_API, api_jp_summary },
	{ "GET",  "/api/v1/xapi/statements",	HR,	ROUTE_API, xapi_statements },
	{ "GET",  "/api/v1/xapi/about",		0,	ROUTE_API, xapi_about },
	/* ledger: before the API catch-all below (first match wins) */
	{ "GET",  "/api/v1/ledger",		HR,	ROUTE_API, api_ledger },
	{ "GET",  "/api/**",			0,	ROUTE_API, api_not_found },
	/* roster, HR dashboard, first-login setup codes (hr.c, setup.c);
	   /hr/roster POST checks its own CSRF token (multipart body). */
	{ "GET",  "/hr",			HR,	0, hr_dashboard },
	{ "GET",  "/hr/roster",			HR,	0, hr_roster_page },
	{ "POST", "/hr/roster",			HR,	ROUTE_NOCSRF, hr_roster_post },
	{ "POST", "/hr/users/*/setup-code",	HR,	0, hr_setup_code },
	{ "GET",  "/setup",			0,	0, setup_page },
	{ "POST", "/setup",			0,	ROUTE_NOCSRF, setup_page_submit },
	/* == sandbox == */
	/* == assets == */
	/* == edge == */
	/* == certs == */
	{ "GET",  "/verify",			0,	0, verify_page },
	/* == learner == */
	{ "GET",  "/grades",			ANY,	0, home_grades },
	/* == hrdash == */
	{ "GET",  "/hr/people/*",		HR,	0, hr_person },
	/* == hradmin == */
	/* == xapi == */
	/* == certpdf == */
	/* record_pdf.c, admin_settings.c: certificate PDF and its settings;
	   POST /admin/settings checks its own CSRF token (multipart). */
	{ "GET",  "/certificate/*/pdf",		ANY,	0, record_pdf_certificate },
	{ "GET",  "/hr/learners/*/certificate/*/pdf", HR, 0, record_pdf_learner },
	{ "GET",  "/admin/settings",		ADMIN,	0, admin_settings_page },
	{ "POST", "/admin/settings",		ADMIN,	ROUTE_NOCSRF, admin_settings_save },
	{ "GET",  "/admin/settings/logo",	ADMIN,	0, admin_settings_logo_get },
	{ "GET",  "/admin/settings/preview.pdf", ADMIN,	0, admin_settings_preview },
	/* == trainer == */
	/* hr_siasn.c: the SIASN training history batch (docs/siasn.md). */
	{ "GET",  "/hr/siasn",			HR,	0, hr_siasn_page },
	{ "POST", "/hr/siasn/batch",		HR,	0, hr_siasn_batch },
	{ "POST", "/hr/siasn/record",		HR,	0, hr_siasn_record },
	{ "POST", "/hr/siasn/settings",		ADMIN,	0, hr_siasn_settings },
	/* == seam == */
	/* == pg == */
	/* == ledger == */
	{ "GET",  "/team",			ANY,	0, team_page },
	/* POST /learning checks its own CSRF token (multipart). */
	{ "GET",  "/learning",			ANY,	0, learning_page },
	{ "POST", "/learning",			ANY,	ROUTE_NOCSRF | ROUTE_UPLOAD,
	    learning_submit },
	{ "GET",  "/review",			ANY,	0, review_page },
	{ "POST", "/review/*",			ANY,	0, review_act },
	{ "GET",  "/hr/learning",		HR,	0, hr_learning_page },
	{ "POST", "/hr/learning",		HR,	0, hr_learning_post },
	{ "GET",  "/programmes",			ANY,	0, programmes_page },
	{ "POST", "/programmes",			ANY,	0, programmes_create },
	{ "GET",  "/programmes/*",		ANY,	0, programme_page },
	{ "POST", "/programmes/*/pairs",		ANY,	0, programme_pairs },
	{ "GET",  "/evidence/*",			ANY,	0, evidence_get },
	/* == edge == */
	/* == eval == */
	/* eval_page.c, eval_report.c: training evaluation (docs/evaluation.md);
	   who sees a course's page is checked by the handler (its trainers). */
	{ "GET",  "/evaluasi",			ANY,	0, eval_page_list },
	{ "GET",  "/evaluasi/reaksi/*",		ANY,	0, eval_page_reaction },
	{ "POST", "/evaluasi/reaksi/*",		ANY,	0, eval_page_reaction },
	{ "GET",  "/evaluasi/tindak-lanjut/*",	ANY,	0, eval_page_followup },
	{ "POST", "/evaluasi/tindak-lanjut/*",	ANY,	0, eval_page_followup },
	{ "GET",  "/evaluasi/atasan/*/*",	ANY,	0, eval_page_atasan },
	{ "POST", "/evaluasi/atasan/*/*",	ANY,	0, eval_page_atasan },
	{ "GET",  "/evaluasi/kursus/*",		STATS,	0, eval_report_page },
	{ "GET",  "/evaluasi/kursus/*/xlsx",	STATS,	0, eval_report_xlsx },
	{ "POST", "/evaluasi/kursus/*/catatan",	STATS,	0, eval_report_note },
	/* == plana == */
	/* hr_plan.c, hr_gap.c: planning part A (docs/planning-needs.md);
	   the import POST checks its own CSRF token (multipart body). */
	{ "GET",  "/hr/perencanaan",		HR,	0, hr_plan_hub },
	{ "GET",  "/hr/perencanaan/kompetensi.csv", HR,	0, hr_plan_dict_csv },
	{ "GET",  "/hr/perencanaan/*",		HR,	0, hr_plan_page },
	{ "POST", "/hr/perencanaan/*",		HR,	ROUTE_NOCSRF, hr_plan_post },
	{ "POST", "/hr/perencanaan/usulan/*",	HR,	0, hr_plan_decide },
	{ "GET",  "/hr/kesenjangan",		HR,	0, hr_gap_page },
	{ "GET",  "/hr/kesenjangan/*",		HR,	0, hr_gap_person },
	{ "POST", "/hr/kesenjangan/*",		HR,	0, hr_gap_target },
	/* == planb == */
	/* plan_survey.c, plan_idp.c, hr_cycle.c: needs surveys, individual
	   plans and their approval, the agency plan, assignments. */
	{ "GET",  "/survey/*",			ANY,	0, plan_survey_page },
	{ "POST", "/survey/*",			ANY,	0, plan_survey_post },
	{ "GET",  "/survey/*/team/*",		ANY,	0, plan_survey_page },
	{ "POST", "/survey/*/team/*",		ANY,	0, plan_survey_post },
	{ "GET",  "/plan",			ANY,	0, plan_page },
	{ "POST", "/plan/items",		ANY,	0, plan_item_add },
	{ "POST", "/plan/items/*/delete",	ANY,	0, plan_item_delete },
	{ "POST", "/plan/submit",		ANY,	0, plan_submit },
	{ "GET",  "/plan/team",			ANY,	0, plan_team },
	{ "GET",  "/plan/team/*",		ANY,	0, plan_team_person },
	{ "POST", "/plan/team/*/decide",	ANY,	0, plan_team_decide },
	{ "GET",  "/notifications",		ANY,	0, plan_notifications },
	{ "POST", "/notifications/read",	ANY,	0, plan_notifications_read },
	{ "GET",  "/hr/survey",			HR,	0, hr_cycle_survey },
	{ "POST", "/hr/survey",			HR,	0, hr_cycle_survey_open },
	{ "GET",  "/hr/survey/*",		HR,	0, hr_cycle_survey_round },
	{ "POST", "/hr/survey/*/remind",	HR,	0, hr_cycle_survey_remind },
	{ "GET",  "/hr/plan",			HR,	0, hr_cycle_page },
	{ "POST", "/hr/plan/budget",		HR,	0, hr_cycle_budget },
	{ "GET",  "/hr/plan/export",		HR,	0, hr_cycle_export },
	{ "GET",  "/hr/plan/realisation",	HR,	0, hr_cycle_realisation },
	{ "GET",  "/hr/assign",			HR,	0, hr_cycle_assign },
	{ "POST", "/hr/assign",			HR,	0, hr_cycle_assign_post },
	/* == perf == */
	/* == pgsuite == */
	/* == perfpage == */
	/* == perfdata == */
	/* == perfbench == */
	/* == pgops == */
};

/* Segment by segment in place (the table is scanned on every request):
   "*" is any one segment, "**" one or more; empty segments are skipped,
   as split_path skips them in the path. */
static int
match(const char *pattern, const struct req *r)
{
	const char	*p = pattern, *e;
	size_t		 n;
	int		 i = 0;

	for (;; p = e, i++) {
		while (*p == '/')
			p++;
		if (*p == '\0')
			return i == r->nseg;
		for (e = p; *e != '\0' && *e != '/'; e++)
			;
		n = (size_t)(e - p);
		if (n == 2 && p[0] == '*' && p[1] == '*')
			return i < r->nseg;
		if (i >= r->nseg)
			return 0;
		if (n == 1 && p[0] == '*')
			continue;
		if (strncmp(p, r->seg[i], n) != 0 || r->seg[i][n] != '\0')
			return 0;
	}
}

const struct route *
route_match(const struct req *r, int *method_ok)
{
	size_t	 i;
	int	 path_seen = 0;
	int	 head = strcmp(r->method, "HEAD") == 0;

	for (i = 0; i < sizeof(routes) / sizeof(routes[0]); i++) {
		if (!match(routes[i].pattern, r))
			continue;
		path_seen = 1;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (head && strcmp(routes[i].method, "GET") == 0)) {
			*method_ok = 1;
			return &routes[i];
		}
	}
	*method_ok = !path_seen;
	return NULL;
}

void
route_allow(const struct req *r, char *out, size_t len)
{
	/* Fixed order, each once, whatever the table order. */
	static const char *const methods[] = { "GET", "HEAD", "POST" };
	size_t	 i, m, n = 0;
	int	 has;

	if (len == 0)
		return;
	out[0] = '\0';
	for (m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
		has = 0;
		for (i = 0; !has && i < sizeof(routes) / sizeof(routes[0]); i++)
			has = match(routes[i].pattern, r) &&
			    (strcmp(routes[i].method, methods[m]) == 0 ||
			    (m == 1 && strcmp(routes[i].method, "GET") == 0));
		if (has && n < len)
			n += (size_t)snprintf(out + n, len - n, "%s%s",
			    n ? ", " : "", methods[m]);
	}
}
