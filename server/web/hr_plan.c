/* hr_plan: planning imports, dictionary, standards, SKM. See hr_plan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "course.h"
#include "csv.h"
#include "dictionary.h"
#include "hr_plan.h"
#include "http.h"
#include "ikm.h"
#include "multipart.h"
#include "numfmt.h"
#include "planio.h"
#include "profile.h"
#include "skp.h"
#include "standard.h"
#include "store_plan.h"
#include "view.h"

#define CSRF_MAX	80
#define FNAME_MAX	96

/* The page title of each import (planio.h holds the imports). */
static const struct kind {
	const char	*id;
	enum msg	 title;
} kinds[] = {
	{ "kompetensi", M_PLAN_DICT },
	{ "standar", M_PLAN_STD },
	{ "asesmen", M_PLAN_ASSESS },
	{ "skp", M_PLAN_SKP },
	{ "skm", M_PLAN_SKM },
};
#define NKINDS	((int)(sizeof(kinds) / sizeof(kinds[0])))

static const struct kind *
kind_find(const char *id)
{
	int	 i;

	for (i = 0; id && i < NKINDS; i++)
		if (strcmp(kinds[i].id, id) == 0 && planio_kind(id) != NULL)
			return &kinds[i];
	return NULL;
}

int
hr_plan_hub(struct req *r)
{
	struct buf	*o = &r->out;
	int		 i;

	view_begin(r, T(r, M_PLAN_TITLE));
	buf_addf(o, "<p><a href=\"/hr\">%s</a></p><h1>%s</h1><p>%s</p>"
	    "<ul class=\"cards\" id=\"plan-links\">", T(r, M_NAV_HR),
	    T(r, M_PLAN_TITLE), T(r, M_PLAN_INTRO));
	for (i = 0; i < NKINDS; i++)
		buf_addf(o, "<li class=\"card\"><a href=\"/hr/perencanaan/%s\">"
		    "%d. %s</a></li>", kinds[i].id, i + 1, T(r, kinds[i].title));
	buf_addf(o, "<li class=\"card\"><a href=\"/hr/kesenjangan\">%d. %s</a>"
	    "</li></ul>", NKINDS + 1, T(r, M_PLAN_GAP));
	view_end(r);
	return 200;
}

/* --- what each kind shows under its form --- */

static void
th(struct buf *o, const char *s)
{
	buf_adds(o, "<th scope=\"col\">");
	buf_html(o, s);
	buf_adds(o, "</th>");
}

static void
td(struct buf *o, const char *s)
{
	buf_adds(o, "<td>");
	buf_html(o, s);
	buf_adds(o, "</td>");
}

static int
show_dict(struct req *r)
{
	struct buf	*o = &r->out;
	struct compdict	*d;
	struct catalog	*cat;
	const struct compdict_entry *e;
	char		 why[512];
	int		 i, l, n = 0;

	if ((d = dictionary_load(r->st)) == NULL)
		return -1;
	buf_addf(o, "<section><h2>%s</h2><p><a href=\"/hr/perencanaan/"
	    "kompetensi.csv\" download>%s</a></p><div class=\"table-wrap\" tabindex=\"0\">"
	    "<table id=\"dict\"><thead><tr>", T(r, M_PLAN_DICT),
	    T(r, M_PLAN_DL_DICT));
	th(o, T(r, M_PLAN_NAME));
	th(o, T(r, M_PLAN_TYPE));
	th(o, T(r, M_PLAN_DEFINITION));
	for (l = 1; l <= COMPETENCY_LEVEL_MAX; l++)
		buf_addf(o, "<th scope=\"col\">%s %d</th>", T(r, M_PLAN_LEVEL), l);
	buf_adds(o, "</tr></thead><tbody>");
	for (i = 0; (e = compdict_at(d, i)) != NULL; i++) {
		buf_adds(o, "<tr><th scope=\"row\">");
		buf_html(o, e->name);
		buf_addf(o, "</th><td>%s<br><small>%s</small></td>",
		    T(r, competency_type_msg(e->type)), T(r, e->line == 0 ?
		    M_PLAN_BUILTIN : M_PLAN_AGENCY));
		td(o, e->definition);
		for (l = 0; l < COMPETENCY_LEVEL_MAX; l++)
			td(o, e->level[l]);
		buf_adds(o, "</tr>");
	}
	buf_adds(o, "</tbody></table></div></section>");
	if (compdict_teknis(d) == 0)
		view_notice(r, "info", T(r, M_PLAN_TEKNIS_NONE));
	/* Courses of the catalogue against the dictionary: the check's
	   rule (compdict_check), so the page and `lentera check` agree. */
	buf_addf(o, "<section><h2>%s</h2>", T(r, M_PLAN_UNLINKED));
	cat = course_catalog();
	for (i = 0; i < cat->n; i++) {
		const struct course *c = cat->courses[i];

		if (compdict_check(d, c->competency, c->ctype, 1, why,
		    sizeof(why)) == NULL)
			continue;
		if (n++ == 0)
			buf_adds(o, "<ul id=\"unlinked\">");
		buf_addf(o, "<li><a href=\"/courses/%s\">", c->id);
		buf_html(o, c->title);
		buf_adds(o, "</a>: ");
		buf_html(o, why);
		buf_adds(o, "</li>");
	}
	course_release(cat);
	if (n)
		buf_adds(o, "</ul>");
	else
		buf_addf(o, "<p id=\"unlinked-none\">%s</p>",
		    T(r, M_PLAN_ALL_LINKED));
	buf_adds(o, "</section>");
	compdict_free(d);
	return 0;
}

struct stdshow {
	struct req	*r;
	struct compdict	*d;
	char		 last[PLAN_KEY_MAX];
	int		 n;
};

static void
std_row(void *a, const char *pkey, const char *name, const char *pclass,
    const char *ckey, int level)
{
	struct stdshow	*s = a;
	struct buf	*o = &s->r->out;

	buf_adds(o, "<tr>");
	if (strcmp(s->last, pkey) != 0) {
		buf_adds(o, "<th scope=\"row\">");
		buf_html(o, name);
		buf_adds(o, "</th>");
		td(o, standard_class_label(standard_class_parse(pclass)));
		snprintf(s->last, sizeof(s->last), "%s", pkey);
	} else
		buf_adds(o, "<td></td><td></td>");
	td(o, dictionary_name(s->d, ckey));
	buf_addf(o, "<td class=\"num\">%d</td></tr>", level);
	s->n++;
}

static int
show_std(struct req *r)
{
	struct buf	*o = &r->out;
	struct stdshow	 s;
	int		 c;

	memset(&s, 0, sizeof(s));
	s.r = r;
	if ((s.d = dictionary_load(r->st)) == NULL)
		return -1;
	buf_addf(o, "<section><h2>%s</h2><p>%s</p><table id=\"defaults\">"
	    "<thead><tr>", T(r, M_PLAN_CLASS), T(r, M_PLAN_DEFAULTS));
	th(o, T(r, M_PLAN_CLASS));
	th(o, T(r, M_PLAN_LEVEL));
	buf_adds(o, "</tr></thead><tbody>");
	for (c = 0; c < PCLASS_N; c++)
		buf_addf(o, "<tr><td>%s</td><td class=\"num\">%d</td></tr>",
		    standard_class_label(c), standard_default_level(c));
	buf_addf(o, "</tbody></table></section><section><h2>%s</h2>"
	    "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"standards\"><thead><tr>",
	    T(r, M_PLAN_STD));
	th(o, T(r, M_PLAN_POSITION));
	th(o, T(r, M_PLAN_CLASS));
	th(o, T(r, M_PLAN_NAME));
	th(o, T(r, M_PLAN_REQUIRED));
	buf_adds(o, "</tr></thead><tbody>");
	if (store_plan_standards(r->st, std_row, &s) == -1) {
		compdict_free(s.d);
		return -1;
	}
	buf_adds(o, "</tbody></table></div>");
	if (s.n == 0)
		view_notice(r, "info", T(r, M_PLAN_NO_STD));
	buf_adds(o, "</section>");
	compdict_free(s.d);
	return 0;
}

struct skmshow {
	struct req	*r;
	int		 n, failed;
};

static void
skm_row(void *a, const char *unit, const char *period)
{
	struct skmshow	*s = a;
	struct req	*r = s->r;
	struct buf	*o = &r->out;
	struct ikm	 k;
	int		 u;

	if (ikm_unit(r->st, unit, period, &k) != 0) {
		s->failed = 1;
		return;
	}
	buf_adds(o, "<tr><th scope=\"row\">");
	buf_html(o, unit);
	buf_adds(o, "</th>");
	td(o, period);
	buf_addf(o, "<td class=\"num\">%lld</td>", (long long)k.respondents);
	for (u = 1; u <= SKM_UNSUR; u++) {
		if (k.nrr[u - 1] < 0) {
			buf_adds(o, "<td>–</td>");
			continue;
		}
		buf_addf(o, "<td class=\"num%s\">", ikm_low(&k, u) ?
		    " low" : "");
		numfmt_dec(o, r->lang, k.nrr[u - 1], 2);
		if (ikm_process_flag(&k, u))
			buf_addf(o, "<br><small>%s</small>", T(r, M_PLAN_PROCESS));
		else if (ikm_low(&k, u))
			buf_addf(o, "<br><small>%s</small>", T(r, M_PLAN_LOW));
		buf_adds(o, "</td>");
	}
	if (k.value < 0)
		buf_adds(o, "<td>–</td><td>–</td></tr>");
	else {
		buf_adds(o, "<td class=\"num ikm\">");
		numfmt_dec(o, r->lang, k.value, 2);
		buf_addf(o, "</td><td>%c (%s)</td></tr>", k.grade,
		    ikm_grade_label(k.grade));
	}
	s->n++;
}

struct propshow {
	struct req	*r;
	struct compdict	*d;
	int		 n;
};

static void
prop_row(void *a, const struct plan_proposal *p)
{
	struct propshow	*s = a;
	struct req	*r = s->r;
	struct buf	*o = &r->out;

	buf_addf(o, "<tr id=\"usulan-%lld\"><td>", (long long)p->id);
	buf_html(o, p->unit);
	buf_adds(o, "</td>");
	td(o, p->period);
	buf_addf(o, "<td>U%d %s (NRR ", p->unsur, ikm_unsur_name(p->unsur));
	numfmt_dec(o, r->lang, p->nrr, 2);
	buf_adds(o, ")</td>");
	td(o, dictionary_name(s->d, p->ckey));
	td(o, p->source);
	buf_addf(o, "<td>%s</td><td>", T(r, strcmp(p->status, "diterima") == 0 ?
	    M_PLAN_ST_DITERIMA : strcmp(p->status, "ditolak") == 0 ?
	    M_PLAN_ST_DITOLAK : M_PLAN_ST_USULAN));
	if (strcmp(p->status, "usulan") == 0) {
		buf_addf(o, "<form method=\"post\" action=\"/hr/perencanaan/"
		    "usulan/%lld\" class=\"inline\">", (long long)p->id);
		view_csrf(r);
		buf_addf(o, "<button type=\"submit\" name=\"keputusan\" "
		    "value=\"diterima\">%s</button> <button type=\"submit\" "
		    "name=\"keputusan\" value=\"ditolak\">%s</button></form>",
		    T(r, M_PLAN_ACCEPT), T(r, M_PLAN_REJECT));
	}
	buf_adds(o, "</td></tr>");
	s->n++;
}

static int
show_skm(struct req *r)
{
	struct buf	*o = &r->out;
	struct skmshow	 s = { r, 0, 0 };
	struct propshow	 ps;
	int		 u;

	buf_addf(o, "<section><h2>%s</h2><div class=\"table-wrap\" tabindex=\"0\"><table "
	    "id=\"skm\"><thead><tr>", T(r, M_PLAN_IKM));
	th(o, T(r, M_PLAN_UNIT));
	th(o, T(r, M_PLAN_PERIOD));
	th(o, T(r, M_PLAN_RESPONDENTS));
	for (u = 1; u <= SKM_UNSUR; u++)
		buf_addf(o, "<th scope=\"col\" title=\"%s\">U%d</th>",
		    ikm_unsur_name(u), u);
	th(o, T(r, M_PLAN_IKM));
	th(o, T(r, M_PLAN_GRADE));
	buf_adds(o, "</tr></thead><tbody>");
	if (store_plan_skm_list(r->st, skm_row, &s) == -1 || s.failed)
		return -1;
	buf_adds(o, "</tbody></table></div><ol class=\"small\">");
	for (u = 1; u <= SKM_UNSUR; u++)
		buf_addf(o, "<li>U%d %s</li>", u, ikm_unsur_name(u));
	buf_adds(o, "</ol>");
	if (s.n == 0)
		view_notice(r, "info", T(r, M_PLAN_NO_SKM));
	buf_addf(o, "</section><section><h2>%s</h2><p>%s</p><div "
	    "class=\"table-wrap\" tabindex=\"0\"><table id=\"proposals\"><thead><tr>",
	    T(r, M_PLAN_PROPOSALS), T(r, M_PLAN_PROPOSAL_NOTE));
	th(o, T(r, M_PLAN_UNIT));
	th(o, T(r, M_PLAN_PERIOD));
	th(o, T(r, M_PLAN_UNSUR));
	th(o, T(r, M_PLAN_NAME));
	th(o, T(r, M_PLAN_SOURCE));
	th(o, T(r, M_PLAN_STATUS));
	buf_adds(o, "<th scope=\"col\"></th></tr></thead><tbody>");
	memset(&ps, 0, sizeof(ps));
	ps.r = r;
	if ((ps.d = dictionary_load(r->st)) == NULL)
		return -1;
	if (store_plan_proposals(r->st, prop_row, &ps) == -1) {
		compdict_free(ps.d);
		return -1;
	}
	compdict_free(ps.d);
	buf_adds(o, "</tbody></table></div>");
	if (ps.n == 0)
		view_notice(r, "info", T(r, M_PLAN_NO_PROPOSALS));
	buf_adds(o, "</section>");
	return 0;
}

/* --- the page and the import --- */

struct upload {
	const char	*data;		/* not NUL-terminated from multipart */
	size_t		 len;
	int		 dry, file;
	char		 fname[FNAME_MAX];
};

static void
report(struct req *r, const struct planio_report *rep, int rc,
    const char *fname)
{
	struct buf	*o = &r->out;
	struct buf	 lines = { 0 };
	char		*p, *nl;

	buf_addf(o, "<section class=\"card\" id=\"report\" aria-labelledby="
	    "\"report-h\"><h2 id=\"report-h\">%s</h2>", T(r, M_PLAN_RESULT));
	view_notice(r, rc == 1 ? "error" : rep->dry_run ? "info" : "ok",
	    T(r, rc == 1 ? M_PLAN_REJECTED : rep->dry_run ? M_PLAN_DRY_DONE :
	    M_PLAN_DONE));
	buf_addf(o, "<dl class=\"figures\"><dt>%s</dt><dd id=\"rep-rows\">%d"
	    "</dd><dt>%s</dt><dd id=\"rep-written\">%d</dd><dt>%s</dt>"
	    "<dd id=\"rep-bad\">%d</dd></dl>", T(r, M_PLAN_ROWS), rep->rows,
	    T(r, M_PLAN_WRITTEN), rep->written, T(r, M_PLAN_BAD), rep->nbad);
	planio_print(rep, fname, &lines);
	if (lines.n) {
		buf_adds(o, "<ol class=\"problems\" id=\"problems\">");
		for (p = lines.p; *p; p = nl + 1) {
			if ((nl = strchr(p, '\n')) == NULL)
				break;
			buf_adds(o, "<li><code>");
			buf_htmln(o, p, (size_t)(nl - p));
			buf_adds(o, "</code></li>");
		}
		buf_adds(o, "</ol>");
	}
	buf_free(&lines);
	buf_adds(o, "</section>");
}

static int
page(struct req *r, const struct kind *k, const struct planio_report *rep,
    int rc, const char *fname, const char *error, int status,
    const struct upload *keep)
{
	struct buf	*o = &r->out;
	int		 ret;

	buf_reset(o);
	view_begin(r, T(r, k->title));
	buf_addf(o, "<p><a href=\"/hr/perencanaan\">%s</a></p><h1>%s</h1>",
	    T(r, M_PLAN_TITLE), T(r, k->title));
	if (error)
		view_notice(r, "error", error);
	if (rep)
		report(r, rep, rc, fname);
	buf_addf(o, "<section class=\"card\"><h2>%s</h2><p>%s <code>%s</code>"
	    "</p><form method=\"post\" action=\"/hr/perencanaan/%s\" "
	    "enctype=\"multipart/form-data\">", T(r, M_PLAN_IMPORT),
	    T(r, M_PLAN_COLUMNS), planio_kind(k->id)->cols, k->id);
	view_csrf(r);
	buf_addf(o, "<label for=\"file\">%s</label><input id=\"file\" "
	    "name=\"file\" type=\"file\" accept=\".xlsx,.csv,.txt,.tsv,"
	    "text/csv,text/plain,application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet\"><label for=\"csv\">%s</label><textarea "
	    "id=\"csv\" name=\"csv\" rows=\"6\" spellcheck=\"false\" "
	    "placeholder=\"%s\">", T(r, M_PLAN_FILE), T(r, M_PLAN_PASTE),
	    planio_kind(k->id)->cols);
	if (keep && !keep->file && keep->data)
		buf_htmln(o, keep->data, keep->len);
	buf_addf(o, "</textarea><label><input type=\"checkbox\" name=\"dry_run\""
	    " value=\"1\"> %s</label><button type=\"submit\">%s</button>"
	    "</form></section>", T(r, M_PLAN_DRY), T(r, M_PLAN_SUBMIT));
	if (strcmp(k->id, "kompetensi") == 0)
		ret = show_dict(r);
	else if (strcmp(k->id, "standar") == 0)
		ret = show_std(r);
	else if (strcmp(k->id, "skm") == 0)
		ret = show_skm(r);
	else
		ret = 0;
	if (ret == -1) {
		buf_reset(o);
		return 500;
	}
	if (strcmp(k->id, "asesmen") == 0 || strcmp(k->id, "skp") == 0)
		buf_addf(o, "<p><a href=\"/hr/kesenjangan\">%s</a></p>",
		    T(r, M_PLAN_GAP));
	view_end(r);
	return status;
}

int
hr_plan_page(struct req *r)
{
	const struct kind *k = kind_find(r->seg[2]);

	return k ? page(r, k, NULL, 0, NULL, NULL, 200, NULL) : 404;
}

/* A file name fit to print in FILE:LINE: the last part of what the
   browser sent, printable ASCII only; "teks" for pasted text. */
static void
file_name(const struct mp_part *file, struct upload *u)
{
	const char	*s = file ? file->filename : "";
	size_t		 j = 0;

	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '/' || ch == '\\')
			j = 0;
		else if (ch > 0x20 && ch < 0x7f && ch != ':' &&
		    j + 1 < sizeof(u->fname))
			u->fname[j++] = (char)ch;
	}
	u->fname[j] = '\0';
	if (j == 0)
		snprintf(u->fname, sizeof(u->fname), "%s", u->file ?
		    "unggahan" : "teks");
}

static int
upload(struct req *r, struct multipart *mp, struct upload *u)
{
	const struct mp_part *text, *file, *tok;
	const char	*ct = http_header_in(r, "Content-Type");
	char		 boundary[MP_BOUNDARY_MAX + 1], t[CSRF_MAX];

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0) {
		if (!auth_csrf_ok(r))
			return 403;
		u->data = http_param(r, "csv");
		u->len = u->data ? strlen(u->data) : 0;
		u->dry = http_param(r, "dry_run") != NULL;
		snprintf(u->fname, sizeof(u->fname), "teks");
		return 0;
	}
	if (multipart_boundary(ct, boundary, sizeof(boundary)) == -1 ||
	    multipart_parse(r->body, r->bodylen, boundary, mp) == -1)
		return 400;
	tok = multipart_get(mp, "csrf");
	if (tok == NULL || tok->len >= sizeof(t))
		return 403;
	memcpy(t, tok->data, tok->len);
	t[tok->len] = '\0';
	if (!auth_csrf_token_ok(r, t))
		return 403;
	text = multipart_get(mp, "csv");
	file = multipart_get(mp, "file");
	if (text && text->len && file && file->len)
		return 409;
	if ((u->file = file && file->len))
		text = file;
	u->data = text ? text->data : NULL;
	u->len = text ? text->len : 0;
	u->dry = multipart_get(mp, "dry_run") != NULL;
	file_name(u->file ? file : NULL, u);
	return 0;
}

int
hr_plan_post(struct req *r)
{
	const struct kind *k = kind_find(r->seg[2]);
	struct planio_report *rep;
	struct multipart *mp;
	struct upload	 u;
	int		 rc, status;

	if (k == NULL)
		return 404;
	if ((mp = calloc(1, sizeof(*mp))) == NULL)
		return 503;
	memset(&u, 0, sizeof(u));
	status = upload(r, mp, &u);
	if (status == 403) {
		free(mp);
		return 403;
	}
	if (status == 400 || status == 409 || u.len == 0) {
		free(mp);
		return page(r, k, NULL, 0, NULL, T(r, status == 400 ?
		    M_PLAN_BAD_UPLOAD : status == 409 ? M_PLAN_BOTH :
		    M_PLAN_EMPTY), 400, NULL);
	}
	if ((rep = calloc(1, sizeof(*rep))) == NULL) {
		free(mp);
		return 503;
	}
	rc = planio_kind(k->id)->run(r->st, u.data, u.len, u.dry, r->user.id, r->ip, r->now,
	    rep);
	status = rc == -1 ? 500 : page(r, k, rep, rc, u.fname, NULL,
	    rc == 1 ? 400 : 200, rc == 1 ? &u : NULL);
	free(rep);
	free(mp);
	return status;
}

int
hr_plan_dict_csv(struct req *r)
{
	struct compdict	*d;
	const struct compdict_entry *e;
	struct buf	 b = { 0 };
	int		 i, l, rc = 0;

	if ((d = dictionary_load(r->st)) == NULL)
		return 500;
	csv_field(&b, "nama", 1);
	csv_field(&b, "jenis", 0);
	csv_field(&b, "definisi", 0);
	for (l = 1; l <= COMPETENCY_LEVEL_MAX; l++) {
		char h[16];

		snprintf(h, sizeof(h), "level_%d", l);
		csv_field(&b, h, 0);
	}
	csv_end(&b);
	for (i = 0; (e = compdict_at(d, i)) != NULL; i++) {
		if (e->line == 0)
			continue;	/* built-ins: the binary has them */
		csv_field(&b, e->name, 1);
		csv_field(&b, competency_type_id(e->type), 0);
		csv_field(&b, e->definition, 0);
		for (l = 0; l < COMPETENCY_LEVEL_MAX; l++)
			csv_field(&b, e->level[l], 0);
		csv_end(&b);
	}
	compdict_free(d);
	if (http_stream_begin(r, 200, "text/csv; charset=utf-8",
	    COMPDICT_FILE) == -1 || http_chunk(r, b.p, b.n) == -1 ||
	    http_chunk(r, NULL, 0) == -1)
		rc = -1;
	buf_free(&b);
	return rc == -1 ? 500 : 200;
}

int
hr_plan_decide(struct req *r)
{
	const char	*v = http_param(r, "keputusan");
	char		*end, detail[64];
	long long	 id;
	int		 rc;

	id = strtoll(r->seg[3], &end, 10);
	if (*end != '\0' || id <= 0)
		return 404;
	if (v == NULL || (strcmp(v, "diterima") != 0 &&
	    strcmp(v, "ditolak") != 0))
		return 400;
	if (store_begin(r->st) == -1)
		return 500;
	if ((rc = store_plan_proposal_decide(r->st, id, v, r->user.id,
	    r->now)) != 0) {
		store_rollback(r->st);
		return rc == 1 ? 409 : 500;
	}
	snprintf(detail, sizeof(detail), "proposal=%lld %s", id, v);
	if (store_audit(r->st, r->user.id, "plan.proposal.decide", detail,
	    r->ip) == -1) {
		store_rollback(r->st);
		return 500;
	}
	if (store_commit(r->st) == -1)
		return 500;
	http_redirect(r, "/hr/perencanaan/skm#proposals");
	return 303;
}
