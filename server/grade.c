/* grade: grading, storing results, the paper and review pages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "exam.h"
#include "grade.h"
#include "http.h"
#include "log.h"
#include "record.h"
#include "render.h"
#include "view.h"

#define IDS_MAX	QUIZ_MAX_QUESTIONS

char *
grade_responses(const struct form *f)
{
	struct buf	 b = { 0 };
	int		 i, n = 0;

	for (i = 0; i < f->n; i++) {
		if (strncmp(f->f[i].name, "q_", 2) != 0)
			continue;
		if (n++)
			buf_addc(&b, '&');
		buf_url(&b, f->f[i].name);
		buf_addc(&b, '=');
		buf_url(&b, f->f[i].value);
	}
	return buf_take(&b);
}

/* Split "a b c" in place into ids[]; returns the count. */
static int
split_ids(char *s, const char **ids)
{
	char	*tok, *save = NULL;
	int	 n = 0;

	for (; (tok = strtok_r(s, " ", &save)) != NULL && n < IDS_MAX; s = NULL)
		ids[n++] = tok;
	return n;
}

int
grade_run(const struct quiz *q, const struct attempt *a, const char *resp,
    struct quiz_result *res, struct buf *err)
{
	struct form		 f;
	struct quiz_response	*rv = NULL;
	const char		*ids[IDS_MAX];
	char			*copy = NULL;
	int			 i, nids, rc = -1;

	memset(&f, 0, sizeof(f));
	memset(res, 0, sizeof(*res));
	if (resp && form_parse(&f, resp, strlen(resp)) == -1) {
		buf_adds(err, "stored responses are malformed");
		goto out;
	}
	if ((copy = strdup(a->ids)) == NULL ||
	    (rv = calloc(f.n ? f.n : 1, sizeof(*rv))) == NULL)
		goto out;
	nids = split_ids(copy, ids);
	for (i = 0; i < f.n; i++) {
		rv[i].name = f.f[i].name;
		rv[i].value = f.f[i].value;
	}
	rc = quiz_grade(q, a->seed, ids, nids, rv, f.n, res, err);
out:
	free(rv);
	free(copy);
	form_free(&f);
	return rc;
}

struct finish {
	const struct user	*u;
	const struct course	*c;
	const struct quiz	*q;
	const struct attempt	*a;
	const struct quiz_result *res;
	int64_t			 at;
};

/* The writes of one submission; runs inside the group transaction. */
static int
finish_job(struct store *st, void *arg)
{
	const struct finish	*f = arg;
	int			 i, rc;

	if ((rc = store_attempt_submit(st, f->a)) != 0)
		return rc;
	for (i = 0; i < f->res->nmarks; i++)
		if (store_mark_put(st, f->a->id, i, f->res->marks[i].id,
		    f->res->marks[i].score, f->res->marks[i].points,
		    f->res->marks[i].correct) == -1)
			return -1;
	/* Passing the final may complete the course: same transaction. */
	if (f->c->final == f->q && f->res->passed &&
	    record_update(st, f->u, f->c, f->at) == -1)
		return -1;
	return 0;
}

int
grade_finish(struct store *st, const struct user *u, const struct course *c,
    const struct quiz *q, struct attempt *a, const char *resp, int64_t at)
{
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	struct finish		 job;
	char			*keep = a->responses;
	int			 rc;

	if (grade_run(q, a, resp, &res, &err) == -1) {
		log_warnx("grade %s/%s attempt %lld: %s", a->course, a->quiz,
		    (long long)a->id, err.p ? err.p : "failed");
		buf_free(&err);
		return -1;
	}
	a->responses = (char *)(resp ? resp : "");
	a->submitted_at = at;
	a->score = res.score;
	a->max = res.max;
	a->percent = res.percent;
	a->passed = res.passed;
	job.u = u;
	job.c = c;
	job.q = q;
	job.a = a;
	job.res = &res;
	job.at = at;
	rc = store_group(st, finish_job, &job);
	a->responses = keep;
	quiz_result_free(&res);
	buf_free(&err);
	return rc;
}

void
grade_expire_open(struct store *st, const struct user *u,
    const struct course *c, const char *file, const struct quiz *q,
    int64_t now)
{
	struct attempt	*a;

	if ((a = calloc(1, sizeof(*a))) == NULL)
		return;
	if (store_attempt_open(st, u->id, c->id, file, a) == 0 &&
	    a->deadline && now > a->deadline + EXAM_GRACE_S)
		grade_finish(st, u, c, q, a, a->responses, a->deadline);
	store_attempt_clear(a);
	free(a);
}

static void
fmt_remaining(struct req *r, int64_t s)
{
	if (s < 0)
		s = 0;
	buf_addf(&r->out, "%lld:%02lld", (long long)(s / 60),
	    (long long)(s % 60));
}

static void
question_head(struct req *r, const struct quiz_item *it, int n)
{
	buf_addf(&r->out, "<section class=\"question\" id=\"q-%d\"><fieldset>"
	    "<legend>%s %d <small>(%g %s)</small></legend>", n + 1,
	    r->lang == LANG_EN ? "Question" : "Soal", n + 1, it->points,
	    r->lang == LANG_EN ? "pt" : "poin");
	/* Question text is Markdown through the same safe renderer. */
	if (render_markdown(it->text, strlen(it->text), NULL, &r->out) == -1)
		buf_html(&r->out, it->text);
}

static int
has_value(const struct form *f, const char *name, const char *value)
{
	int	 i;

	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0 &&
		    (value == NULL || strcmp(f->f[i].value, value) == 0))
			return 1;
	return 0;
}

static void
choice(struct req *r, const char *type, const char *name, const char *value,
    const char *label, int checked, int label_md)
{
	buf_addf(&r->out, "<label class=\"choice\"><input type=\"%s\" name=\"",
	    type);
	buf_html(&r->out, name);
	buf_adds(&r->out, "\" value=\"");
	buf_html(&r->out, value);
	buf_addf(&r->out, "\"%s> <span>", checked ? " checked" : "");
	if (label_md)
		buf_html(&r->out, label);
	else
		buf_adds(&r->out, label);
	buf_adds(&r->out, "</span></label>");
}

static void
select_list(struct req *r, const char *name, const char *label, int n,
    char *const *opts, const char *cur)
{
	char	 v[16];
	int	 j;

	buf_adds(&r->out, "<label class=\"pick\"><span>");
	buf_html(&r->out, label);
	buf_adds(&r->out, "</span><select name=\"");
	buf_html(&r->out, name);
	buf_adds(&r->out, "\"><option value=\"\">—</option>");
	for (j = 0; j < n; j++) {
		snprintf(v, sizeof(v), "%d", opts ? j : j + 1);
		buf_addf(&r->out, "<option value=\"%s\"%s>", v,
		    cur && strcmp(cur, v) == 0 ? " selected" : "");
		if (opts)
			buf_html(&r->out, opts[j]);
		else
			buf_adds(&r->out, v);
		buf_adds(&r->out, "</option>");
	}
	buf_adds(&r->out, "</select></label>");
}

static void
question_inputs(struct req *r, const struct quiz_item *it,
    const struct form *saved)
{
	char		 name[QUIZ_ID_MAX + 16], v[16];
	const char	*cur;
	int		 j;

	snprintf(name, sizeof(name), "q_%s", it->id);
	switch (it->type) {
	case QUIZ_SINGLE:
	case QUIZ_MULTIPLE:
		for (j = 0; j < it->nchoices; j++) {
			snprintf(v, sizeof(v), "%d", j);
			choice(r, it->type == QUIZ_SINGLE ? "radio" : "checkbox",
			    name, v, it->choices[j], has_value(saved, name, v), 1);
		}
		break;
	case QUIZ_TRUE_FALSE:
		choice(r, "radio", name, "true", r->lang == LANG_EN ? "True" :
		    "Benar", has_value(saved, name, "true"), 0);
		choice(r, "radio", name, "false", r->lang == LANG_EN ? "False" :
		    "Salah", has_value(saved, name, "false"), 0);
		break;
	case QUIZ_SHORT:
	case QUIZ_NUMERIC:
		cur = form_get(saved, name);
		buf_adds(&r->out, "<input type=\"text\" autocomplete=\"off\" "
		    "maxlength=\"200\" aria-label=\"");
		buf_adds(&r->out, r->lang == LANG_EN ? "Answer" : "Jawaban");
		buf_addf(&r->out, "\"%s name=\"", it->type == QUIZ_NUMERIC ?
		    " inputmode=\"decimal\"" : "");
		buf_html(&r->out, name);
		buf_adds(&r->out, "\" value=\"");
		buf_html(&r->out, cur ? cur : "");
		buf_adds(&r->out, "\">");
		break;
	case QUIZ_MATCHING:
	case QUIZ_ORDERING:
		for (j = 0; j < it->nchoices; j++) {
			snprintf(name, sizeof(name), "q_%s_%d", it->id, j);
			select_list(r, name, it->choices[j],
			    it->type == QUIZ_MATCHING ? it->noptions :
			    it->nchoices, it->type == QUIZ_MATCHING ?
			    it->options : NULL, form_get(saved, name));
		}
		break;
	}
}

int
grade_paper_page(struct req *r, const struct course *c, const struct quiz *q,
    const struct attempt *a)
{
	struct quiz_paper	 paper;
	struct form		 saved;
	struct buf		 err = { 0 };
	const char		*ids[IDS_MAX];
	char			*copy;
	int			 i, n, status = 200;

	memset(&paper, 0, sizeof(paper));
	memset(&saved, 0, sizeof(saved));
	if ((copy = strdup(a->ids)) == NULL)
		return 503;
	n = split_ids(copy, ids);
	if (quiz_rebuild(q, a->seed, ids, n, &paper, &err) == -1) {
		log_warnx("quiz %s/%s: %s", c->id, a->quiz, err.p ? err.p : "");
		status = 500;
		goto out;
	}
	if (a->responses)
		form_parse(&saved, a->responses, strlen(a->responses));
	view_begin(r, quiz_info(q)->title);
	buf_adds(&r->out, "<h1>");
	buf_html(&r->out, quiz_info(q)->title);
	buf_adds(&r->out, "</h1>");
	if (a->deadline) {
		buf_addf(&r->out, "<p class=\"timer\" data-deadline=\"%lld\" "
		    "data-now=\"%lld\">%s <time id=\"timer\">", (long long)
		    a->deadline, (long long)r->now, r->lang == LANG_EN ?
		    "Time left:" : "Sisa waktu:");
		fmt_remaining(r, a->deadline - r->now);
		buf_adds(&r->out, "</time></p>");
	}
	buf_adds(&r->out, "<form method=\"post\" id=\"paper\" action=\"");
	buf_addf(&r->out, "/attempt/%lld/submit\">", (long long)a->id);
	view_csrf(r);
	for (i = 0; i < paper.nitems; i++) {
		question_head(r, &paper.items[i], i);
		question_inputs(r, &paper.items[i], &saved);
		buf_adds(&r->out, "</fieldset></section>");
	}
	buf_addf(&r->out, "<button type=\"submit\" formaction=\"/attempt/%lld/save\" "
	    "class=\"secondary\">%s</button> <button type=\"submit\">%s</button>"
	    "</form><script src=\"/static/quiz.js\" defer></script>",
	    (long long)a->id, r->lang == LANG_EN ? "Save answers" :
	    "Simpan jawaban", r->lang == LANG_EN ? "Submit" : "Kumpulkan");
	view_end(r);
out:
	free(copy);
	form_free(&saved);
	quiz_paper_free(&paper);
	buf_free(&err);
	return status;
}

int
grade_review_page(struct req *r, const struct course *c, const struct quiz *q,
    const struct attempt *a)
{
	const struct quiz_info	*qi = quiz_info(q);
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	int			 i, detail;

	view_begin(r, qi->title);
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</a> · <a href=\"/quiz/");
	buf_url(&r->out, c->id);
	buf_addc(&r->out, '/');
	buf_url(&r->out, a->quiz);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, qi->title);
	buf_addf(&r->out, "</a></p><h1>%s #%d</h1>", r->lang == LANG_EN ?
	    "Result" : "Hasil", a->attempt_no);
	if (qi->review == QUIZ_REVIEW_NEVER) {
		view_notice(r, "ok", r->lang == LANG_EN ? "Submitted." :
		    "Jawaban sudah dikumpulkan.");
		view_end(r);
		return 200;
	}
	buf_addf(&r->out, "<section class=\"card\"><p class=\"big\"><strong>"
	    "%.1f</strong> / 100</p><p><strong class=\"%s\">%s</strong> "
	    "(%g %s %g)</p></section>", a->percent, a->passed ? "right" :
	    "wrong", a->passed ? (r->lang == LANG_EN ? "Passed" : "Lulus") :
	    (r->lang == LANG_EN ? "Not passed" : "Belum lulus"), a->score,
	    T(r, M_OF), a->max);
	detail = qi->review == QUIZ_REVIEW_AFTER_SUBMIT ||
	    (qi->review == QUIZ_REVIEW_AFTER_PASS && a->passed);
	if (detail && grade_run(q, a, a->responses, &res, &err) == 0) {
		for (i = 0; i < res.nmarks; i++) {
			const struct quiz_mark *m = &res.marks[i];

			buf_addf(&r->out, "<section class=\"question\"><p><strong>"
			    "%s %d</strong> · <span class=\"%s\">%s</span> "
			    "(%g/%g)</p>", r->lang == LANG_EN ? "Question" :
			    "Soal", i + 1, m->correct ? "right" : "wrong",
			    m->correct ? "✓" : "✗", m->score, m->points);
			if (!m->correct && m->expected) {
				buf_addf(&r->out, "<p>%s: ", r->lang == LANG_EN ?
				    "Correct answer" : "Jawaban benar");
				buf_html(&r->out, m->expected);
				buf_adds(&r->out, "</p>");
			}
			if (m->feedback && m->feedback[0])
				render_markdown(m->feedback, strlen(m->feedback),
				    NULL, &r->out);
			buf_adds(&r->out, "</section>");
		}
		quiz_result_free(&res);
	}
	buf_adds(&r->out, "<p><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_addf(&r->out, "\">%s</a></p>", T(r, M_BACK_TO_COURSE));
	view_end(r);
	buf_free(&err);
	return 200;
}
