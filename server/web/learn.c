/* learn: catalogue, course and module pages, progress. See learn.h. */
#include <sys/stat.h>

#include <ctype.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "competency.h"
#include "course.h"
#include "coursefs.h"
#include "home.h"
#include "http.h"
#include "ledger.h"
#include "learn.h"
#include "log.h"
#include "modcache.h"
#include "numfmt.h"
#include "progress.h"
#include "quiz.h"
#include "completion.h"
#include "eval_page.h"
#include "record.h"
#include "sesscache.h"
#include "store_perf.h"
#include "view.h"

#define ASSET_MAX	(8u << 20)	/* largest image or static file served */
/* First allocations of a module page's own regions, sized for malloc's
   per-thread cache (blocks up to 1 KB: no arena lock). A learner's
   header is ~0.9 KB; HR's, with every link, grows once. */
#define LEARN_HEADER_RESERVE	1023
#define LEARN_MID_RESERVE	511

int
learn_home(struct req *r)
{
	if (r->user.id)
		return home_page(r);
	http_redirect(r, "/login");
	return 303;
}

static const char *
ctype_label(struct req *r, const char *t)
{
	return T(r, competency_type_msg(competency_type_parse(t)));
}

static void
course_meta(struct req *r, const struct course *c)
{
	buf_adds(&r->out, "<p class=\"meta\"><span>");
	buf_html(&r->out, c->competency);
	/* JP as the regulation counts it: --jp-minutes (45) per JP. */
	buf_addf(&r->out, "</span> <span>%s</span> <span>%s %d</span> "
	    "<span>%d JP (", ctype_label(r, c->ctype), T(r, M_LEVEL), c->level,
	    c->jp);
	numfmt_int(&r->out, r->lang, (long long)c->jp * cfg.jp_minutes);
	buf_addf(&r->out, " %s)</span></p>", T(r, M_MINUTES));
}

/* "2 dari 3 modul selesai · tes akhir belum lulus" */
static void
steps_line(struct req *r, const struct progress *p)
{
	buf_addf(&r->out, "<p class=\"steps\">%d %s %d %s", p->mods_done,
	    T(r, M_OF), p->nmods, T(r, M_MODULES_DONE_LC));
	if (p->has_final)
		buf_addf(&r->out, " · %s", T(r, p->final_passed ?
		    M_FINAL_PASSED : M_FINAL_PENDING));
	buf_adds(&r->out, "</p>");
}

/* Link to course id (its title when it is in the catalogue). */
static void
course_link(struct req *r, const struct catalog *cat, const char *id)
{
	const struct course *o = course_find(cat, id);

	if (o == NULL) {
		buf_html(&r->out, id);
		return;
	}
	buf_adds(&r->out, "<a href=\"/courses/");
	buf_url(&r->out, o->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, o->title);
	buf_adds(&r->out, "</a>");
}

/*
 * The prerequisite line of a course page; with missing, a notice that
 * marking done and quizzes wait for them. Returns the missing count.
 */
static int
prereq_block(struct req *r, const struct catalog *cat, const struct course *c,
    int notice)
{
	char		 copy[sizeof(c->prereq)], all[sizeof(c->prereq)];
	const char	*miss[PROGRESS_PREREQ_MAX];
	char		*p, *tok, *save = NULL;
	int		 n, i, k = 0;

	if (c->prereq[0] == '\0')
		return 0;
	if ((n = progress_prereq_missing(r->st, r->user.id, c, copy, miss,
	    PROGRESS_PREREQ_MAX)) < 0)
		return 0;
	snprintf(all, sizeof(all), "%s", c->prereq);
	buf_addf(&r->out, "<p class=\"prereq\">%s: ", T(r, M_PREREQ));
	for (p = all; (tok = strtok_r(p, ", \t", &save)) != NULL; p = NULL) {
		int	 met = 1;

		for (i = 0; i < n; i++)
			if (strcmp(miss[i], tok) == 0)
				met = 0;
		buf_adds(&r->out, k++ ? ", " : "");
		course_link(r, cat, tok);
		buf_addf(&r->out, " <span class=\"%s\">(%s)</span>",
		    met ? "right" : "wrong", T(r, met ? M_DONE : M_NOT_DONE));
	}
	buf_adds(&r->out, "</p>");
	if (n > 0 && notice)
		view_notice(r, "info", T(r, M_PREREQ_LOCKED));
	return n;
}

int
learn_catalog(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct progress	 p;
	int		 i;

	view_begin(r, T(r, M_CATALOG_TITLE));
	buf_addf(&r->out, "<h1>%s</h1>", T(r, M_CATALOG_TITLE));
	if (cat->n == 0)
		buf_addf(&r->out, "<p>%s</p>", T(r, M_CATALOG_EMPTY));
	buf_adds(&r->out, "<ul class=\"cards\">");
	for (i = 0; i < cat->n; i++) {
		c = cat->courses[i];
		if (progress_course(r->st, r->user.id, c, &p) == -1) {
			course_release(cat);
			return 500;
		}
		buf_addf(&r->out, "<li class=\"card%s\"><h2><a href=\"/courses/",
		    p.complete ? " complete" : "");
		buf_url(&r->out, c->id);
		buf_adds(&r->out, "\">");
		buf_html(&r->out, c->title);
		buf_adds(&r->out, "</a>");
		if (p.complete)
			buf_addf(&r->out, " <span class=\"badge done\">✓ %s</span>",
			    T(r, M_DONE));
		buf_adds(&r->out, "</h2><p>");
		buf_html(&r->out, c->summary);
		buf_adds(&r->out, "</p>");
		course_meta(r, c);
		prereq_block(r, cat, c, 0);
		view_progress(r, p.percent, T(r, M_PROGRESS));
		buf_adds(&r->out, "</li>");
	}
	buf_adds(&r->out, "</ul>");
	view_end(r);
	course_release(cat);
	return 200;
}

struct quiz_state {
	const struct quiz_info	*qi;
	int			 n, open, passed;
	double			 best;		/* best submitted percent */
	int64_t			 last_id;
};

static void
quiz_state_row(void *arg, const struct attempt *a)
{
	struct quiz_state	*q = arg;

	q->n++;
	if (!a->submitted_at) {
		q->open = 1;
		return;
	}
	if (q->last_id == 0 || a->percent > q->best)
		q->best = a->percent;
	q->passed |= a->passed;
	q->last_id = a->id;
}

/* A quiz of the course page with where the learner stands in it. */
static void
quiz_link(struct req *r, const struct course *c, const char *file,
    struct quiz *q, enum msg label)
{
	struct quiz_state	 st;

	if (q == NULL)
		return;
	memset(&st, 0, sizeof(st));
	st.qi = quiz_info(q);
	buf_adds(&r->out, "<li><a href=\"/quiz/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "/");
	buf_url(&r->out, file);
	buf_addf(&r->out, "\">%s: ", T(r, label));
	buf_html(&r->out, st.qi->title);
	buf_adds(&r->out, "</a>");
	if (store_attempt_list(r->st, r->user.id, c->id, file, quiz_state_row,
	    &st) == 0 && st.n > 0) {
		buf_adds(&r->out, " <small>· ");
		if (st.open)
			buf_addf(&r->out, "<span class=\"open\">%s</span>",
			    T(r, M_IN_PROGRESS));
		else if (st.qi->review == QUIZ_REVIEW_NEVER)
			buf_adds(&r->out, T(r, M_SUBMITTED));
		else {
			buf_addf(&r->out, "%s ", T(r, M_BEST_SCORE));
			numfmt_dec(&r->out, r->lang, st.best, 1);
			if (st.qi->pass > 0)
				buf_addf(&r->out, " · <span class=\"%s\">%s</span>",
				    st.passed ? "right" : "wrong",
				    T(r, st.passed ? M_PASSED : M_NOT_PASSED));
		}
		buf_adds(&r->out, "</small>");
	}
	buf_adds(&r->out, "</li>");
}

static int
is_done(const struct progress *p, int i)
{
	return i < 64 && (p->done & (1ull << i)) != 0;
}

int
learn_course(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct completion comp;
	struct progress	 p;
	int		 i, status = 200;

	if ((c = course_find(cat, r->seg[1])) == NULL) {
		status = 404;
		goto out;
	}
	if (progress_course(r->st, r->user.id, c, &p) == -1) {
		status = 500;
		goto out;
	}
	view_begin(r, c->title);
	buf_adds(&r->out, "<article><h1>");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</h1>");
	course_meta(r, c);
	if (store_completion_get(r->st, r->user.id, c->id, &comp) == 0) {
		buf_addf(&r->out, "<p class=\"notice ok\">%s · ",
		    T(r, M_COURSE_DONE));
		view_date(r, comp.completed_at);
		if (comp.cert_no[0]) {
			buf_adds(&r->out, " · <a href=\"/certificate/");
			buf_url(&r->out, c->id);
			buf_adds(&r->out, "\">");
			buf_html(&r->out, comp.cert_no);
			buf_adds(&r->out, "</a>");
		}
		buf_adds(&r->out, "</p>");
		eval_page_offer(r, cat, c);	/* level-1 survey, follow-up */
	}
	view_progress(r, p.percent, T(r, M_PROGRESS));
	steps_line(r, &p);
	prereq_block(r, cat, c, 1);
	if (course_render(c, &((struct course *)c)->overview, &r->out) == -1)
		buf_addf(&r->out, "<p>%s</p>", T(r, M_ERR_500));
	buf_addf(&r->out, "</article><nav aria-label=\"%s\"><ul class=\"quizzes\">",
	    T(r, M_MODULES));
	quiz_link(r, c, c->pretest_file, c->pretest, M_QUIZ_PRE);
	buf_addf(&r->out, "</ul><h2>%s</h2><ol class=\"modules\">",
	    T(r, M_MODULES));
	for (i = 0; i < c->nmods; i++) {
		int	 dn = is_done(&p, i);

		buf_addf(&r->out, "<li%s><a href=\"/courses/",
		    dn ? " class=\"done\"" : "");
		buf_url(&r->out, c->id);
		buf_addc(&r->out, '/');
		buf_url(&r->out, c->mods[i].slug);
		buf_adds(&r->out, "\">");
		buf_html(&r->out, c->mods[i].title);
		buf_adds(&r->out, "</a>");
		if (c->mods[i].minutes)
			buf_addf(&r->out, " <small>%d %s</small>",
			    c->mods[i].minutes, T(r, M_MINUTES));
		if (dn)
			buf_addf(&r->out, " <span class=\"sr\">(%s)</span>",
			    T(r, M_DONE));
		buf_adds(&r->out, "</li>");
	}
	buf_adds(&r->out, "</ol><ul class=\"quizzes\">");
	quiz_link(r, c, c->final_file, c->final, M_QUIZ_FINAL);
	buf_adds(&r->out, "</ul></nav>");
	view_end(r);
out:
	course_release(cat);
	return status;
}

static void
module_link(struct req *r, struct buf *o, const struct course *c, int i,
    enum msg m, const char *rel)
{
	buf_adds(o, "<a rel=\"");
	buf_adds(o, rel);
	buf_adds(o, "\" href=\"/courses/");
	buf_url(o, c->id);
	buf_addc(o, '/');
	buf_url(o, c->mods[i].slug);
	buf_adds(o, "\">");
	buf_adds(o, T(r, m));
	buf_adds(o, ": ");
	buf_html(o, c->mods[i].title);
	buf_adds(o, "</a>");
}

/* Insert ins into b at offset at (rare: a module without its own h1). */
static void
insert_at(struct buf *b, size_t at, const struct buf *ins)
{
	size_t	 tail = b->n - at;

	buf_add(b, ins->p, ins->n);	/* grows; the bytes are moved below */
	if (b->oom || ins->n == 0)
		return;
	memmove(b->p + at + ins->n, b->p + at, tail);
	memcpy(b->p + at, ins->p, ins->n);
}

/*
 * What every learner's copy of module i has in common (modcache.h): head,
 * body (crumbs, the article), tail (quiz link, pager, footer), into b;
 * *gen: the identity of the module HTML it holds. 0 or -1.
 */
static int
module_blob(struct req *r, const struct course *c, int i, struct buf *b,
    size_t *hl, size_t *bl, uint64_t *gen)
{
	size_t	 at;

	buf_reserve(b, VIEW_PAGE_RESERVE);
	view_head(r, b, c->mods[i].title);
	*hl = b->n;
	buf_adds(b, "<p class=\"crumbs\"><a href=\"/courses/");
	buf_url(b, c->id);
	buf_adds(b, "\">");
	buf_html(b, c->title);
	buf_addf(b, "</a> · %s %d %s %d</p><article class=\"module\">",
	    T(r, M_MODULES), i + 1, T(r, M_OF), c->nmods);
	at = b->n;
	if (course_render_gen(c, &c->mods[i].page, b, gen) == -1)
		return -1;
	/* Most modules open with their own title as "# ...": no second h1. */
	if (b->n - at < 3 || strncmp(b->p + at, "<h1", 3) != 0) {
		struct buf	 h1 = { 0 };

		buf_adds(&h1, "<h1>");
		buf_html(&h1, c->mods[i].title);
		buf_adds(&h1, "</h1>");
		insert_at(b, at, &h1);
		buf_free(&h1);
	}
	buf_adds(b, "</article>");
	*bl = b->n - *hl;
	if (c->mods[i].quiz != NULL) {
		buf_adds(b, "<p><a href=\"/quiz/");
		buf_url(b, c->id);
		buf_addc(b, '/');
		buf_url(b, c->mods[i].quiz_file);
		buf_addf(b, "\">%s: ", T(r, M_QUIZ_MODULE));
		buf_html(b, quiz_info(c->mods[i].quiz)->title);
		buf_adds(b, "</a></p>");
	}
	buf_addf(b, "<nav class=\"pager\" aria-label=\"%s\">", T(r, M_MODULES));
	if (i > 0)
		module_link(r, b, c, i - 1, M_PREV, "prev");
	if (i + 1 < c->nmods)
		module_link(r, b, c, i + 1, M_NEXT, "next");
	else {
		buf_adds(b, "<a href=\"/courses/");
		buf_url(b, c->id);
		buf_addf(b, "\">%s</a>", T(r, M_BACK_TO_COURSE));
	}
	buf_adds(b, "</nav>");
	view_foot(r, b);
	return b->oom ? -1 : 0;
}

/*
 * The learner's own part of the module page into o: done, or the
 * prerequisites still missing, or the mark-done form (CSRF token).
 */
static void
module_mid(struct req *r, struct buf *o, const struct catalog *cat,
    const struct course *c, int i, int done)
{
	struct buf	 save;

	if (done) {
		buf_adds(o, "<p class=\"notice ok\">✓ ");
		buf_adds(o, T(r, M_DONE));
		buf_adds(o, "</p>");
		return;
	}
	/* prereq_block and view_csrf write to r->out: lend them o. */
	save = r->out;
	r->out = *o;
	if (prereq_block(r, cat, c, 1) == 0) {
		buf_adds(&r->out, "<form method=\"post\" action=\"/courses/");
		buf_url(&r->out, c->id);
		buf_addc(&r->out, '/');
		buf_url(&r->out, c->mods[i].slug);
		buf_adds(&r->out, "/done\">");
		view_csrf(r);
		buf_addf(&r->out, "<button type=\"submit\">%s</button></form>",
		    T(r, M_MARK_DONE));
	}
	*o = r->out;
	r->out = save;
}

/*
 * Whether module i of c is done for this user: from the session's cached
 * mask of the course (sesscache.h; one query per course when it is not
 * there), 1 done, 0 not, -1 error.
 */
static int
module_done(struct req *r, const struct catalog *cat, const struct course *c,
    int i)
{
	uint64_t	 mask;
	uint32_t	 gen;

	if (i >= 64)
		return store_progress_done(r->st, r->user.id, c->id,
		    c->mods[i].slug);
	if (r->epoch_ok && sesscache_progress(r->sid, r->epoch, r->user.id,
	    c->id, cat->sig, &mask))
		return (mask >> i) & 1;
	/* The generation before the read: a mark committed meanwhile
	   makes this put stale (sesscache.h). */
	gen = sesscache_progress_gen(r->user.id);
	if (progress_done_mask(r->st, r->user.id, c, &mask) == -1)
		return -1;
	if (r->epoch_ok)
		sesscache_progress_put(r->sid, r->epoch, c->id, cat->sig, gen,
		    mask);
	return (mask >> i) & 1;
}

/*
 * The module page is the hot path (issue 15): the learner's done bit
 * from the session cache, the two regions that are theirs (header,
 * done/mark-done) built, and everything else appended from the
 * pre-assembled copy of this module (modcache.h), built on a miss.
 */
int
learn_module(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct buf	 hdr = { 0 }, mid = { 0 }, blob = { 0 };
	size_t		 hl, bl;
	uint64_t	 gen;
	int		 i, done, status = 200;

	if ((c = course_find(cat, r->seg[1])) == NULL ||
	    (i = course_module_find(c, r->seg[2])) == -1) {
		status = 404;
		goto out;
	}
	if ((done = module_done(r, cat, c, i)) == -1 ||
	    course_page_gen(c, &c->mods[i].page, &gen) == -1) {
		status = 500;
		goto out;
	}
	buf_reserve(&hdr, LEARN_HEADER_RESERVE);
	buf_reserve(&mid, LEARN_MID_RESERVE);
	view_header(r, &hdr);
	module_mid(r, &mid, cat, c, i, done);
	/* Sent without a copy behind its head (http.h). */
	buf_reserve(&r->out, VIEW_PAGE_RESERVE);
	http_head_room(r);
	if (hdr.oom || mid.oom) {
		status = HTTP_OOM;
		goto out;
	}
	if (modcache_emit(gen, r->lang, &r->out, &hdr, &mid))
		goto out;
	if (module_blob(r, c, i, &blob, &hl, &bl, &gen) == -1) {
		status = blob.oom ? HTTP_OOM : 500;
		goto out;
	}
	modcache_join(&r->out, &blob, hl, bl, &hdr, &mid);
	modcache_put(gen, r->lang, &blob, hl, bl);
out:
	buf_free(&hdr);
	buf_free(&mid);
	buf_free(&blob);
	course_release(cat);
	return status;
}

int
learn_prereq_refuse(struct req *r, const struct course *c)
{
	struct catalog	*cat = course_catalog();

	buf_reset(&r->out);
	view_begin(r, T(r, M_PREREQ_TITLE));
	buf_addf(&r->out, "<h1>%s</h1>", T(r, M_PREREQ_TITLE));
	prereq_block(r, cat, c, 1);
	buf_adds(&r->out, "<p><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_addf(&r->out, "\">%s</a></p>", T(r, M_BACK_TO_COURSE));
	view_end(r);
	course_release(cat);
	return 403;
}

struct done_job {
	struct req		*r;
	const struct course	*c;
	const char		*slug;
};

static int
done_job(struct store *st, void *arg)
{
	struct done_job	*j = arg;

	if (store_progress_mark(st, j->r->user.id, j->c->id, j->slug,
	    j->r->now) == -1 || completion_update(st, &j->r->user, j->c,
	    j->r->now) == -1)
		return -1;
	return 0;
}

int
learn_done(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	struct done_job	 job;
	struct buf	 loc = { 0 };
	char		 copy[sizeof(c->prereq)];
	const char	*miss[PROGRESS_PREREQ_MAX];
	int		 i, n, status = 303;

	if ((c = course_find(cat, r->seg[1])) == NULL ||
	    (i = course_module_find(c, r->seg[2])) == -1) {
		status = 404;
		goto out;
	}
	if ((n = progress_prereq_missing(r->st, r->user.id, c, copy, miss,
	    PROGRESS_PREREQ_MAX)) != 0) {
		status = n < 0 ? 500 : learn_prereq_refuse(r, c);
		goto out;
	}
	/* Progress and any completion it causes commit together, before
	   the answer goes out. */
	job.r = r;
	job.c = c;
	job.slug = c->mods[i].slug;
	if (store_group(r->st, done_job, &job) != 0) {
		status = 500;
		goto out;
	}
	/* Committed: this process's cached masks of the user are stale. */
	sesscache_progress_changed(r->user.id);
	buf_adds(&loc, "/courses/");
	buf_url(&loc, c->id);
	if (i + 1 < c->nmods) {
		buf_addc(&loc, '/');
		buf_url(&loc, c->mods[i + 1].slug);
	}
	http_redirect(r, loc.p);
out:
	buf_free(&loc);
	course_release(cat);
	return status;
}

static const char *
mime(const char *name)
{
	static const struct { const char *ext, *type; } types[] = {
		{ ".svg", "image/svg+xml" }, { ".png", "image/png" },
		{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
		{ ".gif", "image/gif" }, { ".webp", "image/webp" },
		{ ".css", "text/css; charset=utf-8" },
		{ ".js", "text/javascript; charset=utf-8" },
		{ ".ico", "image/x-icon" },
	};
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

/*
 * Serve dir/name: name is one path segment of [A-Za-z0-9._-] not starting
 * with '.', with a known type, and opened without following symlinks, so
 * nothing outside dir can be reached whatever the request said.
 */
static int
serve_file(struct req *r, const char *dir, const char *name)
{
	struct stat	 sb;
	const char	*p, *type;
	char		 path[COURSE_PATH_MAX * 2];
	ssize_t		 got;
	size_t		 n;
	int		 fd, status = 404;

	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    *p != '_')
			return 404;
	if (name[0] == '.' || name[0] == '\0' || (type = mime(name)) == NULL)
		return 404;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return 404;
	if (fstat(fd, &sb) == -1 || !S_ISREG(sb.st_mode) ||
	    (size_t)sb.st_size > ASSET_MAX)
		goto out;
	n = (size_t)sb.st_size;
	buf_add(&r->out, "", 0);
	while (n > 0) {
		char	 chunk[16384];

		/* Never past the size checked above, even if the file grows. */
		if ((got = read(fd, chunk, n < sizeof(chunk) ? n :
		    sizeof(chunk))) <= 0)
			break;
		buf_add(&r->out, chunk, (size_t)got);
		n -= (size_t)got;
	}
	r->ctype = type;
	http_header(r, "Cache-Control", "private, max-age=300");
	status = 200;
out:
	close(fd);
	return status;
}

/*
 * A course asset: an image, checked by the same coursefs_asset() the
 * loader and `lentera check` use (no symlink at any level, images only,
 * content agrees with the type, no script in SVG), and sent with a CSP
 * sandbox so that even a document opened from it has no origin and runs
 * no script: trainer content never acts with the application's
 * authority (issue 8 B.5).
 */
int
learn_asset(struct req *r)
{
	struct catalog	*cat = course_catalog();
	const struct course *c;
	const char	*type, *why;
	int		 status = 404;

	if ((c = course_find(cat, r->seg[1])) != NULL && r->nseg == 4) {
		if (coursefs_asset(c->dir, r->seg[3], &r->out, &type, &why) == 0) {
			r->ctype = type;
			http_header(r, "Content-Security-Policy",
			    COURSEFS_ASSET_CSP);
			http_header(r, "Cross-Origin-Resource-Policy",
			    "same-origin");
			http_header(r, "Cache-Control", "private, max-age=300");
			status = 200;
		} else if (r->out.oom)
			status = HTTP_OOM;
		/* Not logged: probes would flood the log, and a file changed
		   into something refused makes the next reload skip the
		   course, which logs why. */
	}
	course_release(cat);
	return status;
}

int
learn_static(struct req *r)
{
	char	 dir[sizeof(cfg.web) + 16];

	snprintf(dir, sizeof(dir), "%s/static", cfg.web);
	return serve_file(r, dir, r->seg[1]);
}
