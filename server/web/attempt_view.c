/* attempt_view: the paper, the confirm step, the review. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "attempt_view.h"
#include "course.h"
#include "exam.h"
#include "grade.h"
#include "http.h"
#include "log.h"
#include "numfmt.h"
#include "param.h"
#include "render.h"
#include "view.h"

static void
fmt_remaining(struct req *r, int64_t s)
{
	if (s < 0)
		s = 0;
	buf_addf(&r->out, "%lld:%02lld", (long long)(s / 60),
	    (long long)(s % 60));
}

static void
points(struct req *r, double v)
{
	numfmt_num(&r->out, r->lang, v);
	buf_addf(&r->out, " %s", T(r, M_POINTS));
}

static void
question_head(struct req *r, const struct quiz_item *it, int n)
{
	buf_addf(&r->out, "<section class=\"question\" id=\"q-%d\"><fieldset>"
	    "<legend>%s %d <small>(", n + 1, T(r, M_QUESTION), n + 1);
	points(r, it->points);
	buf_adds(&r->out, ")</small></legend>");
	/* Question text is Markdown through the same safe renderer. */
	if (render_markdown(it->text, strlen(it->text), NULL, &r->out) == -1)
		buf_html(&r->out, it->text);
	if (it->type == QUIZ_MULTIPLE)
		buf_addf(&r->out, "<p class=\"hint\">%s</p>", T(r, M_PICK_ALL));
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
		choice(r, "radio", name, "true", T(r, M_TRUE),
		    has_value(saved, name, "true"), 0);
		choice(r, "radio", name, "false", T(r, M_FALSE),
		    has_value(saved, name, "false"), 0);
		break;
	case QUIZ_SHORT:
	case QUIZ_NUMERIC:
		cur = form_get(saved, name);
		buf_addf(&r->out, "<input type=\"text\" autocomplete=\"off\" "
		    "maxlength=\"200\" aria-label=\"%s %s\"%s name=\"",
		    T(r, M_ANSWER), it->id, it->type == QUIZ_NUMERIC ?
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

static void
answered_line(struct req *r, int done, int total)
{
	buf_addf(&r->out, "<p class=\"answered\" id=\"answered\" role=\"status\">"
	    "<strong>%d</strong> %s %d %s</p>", done, T(r, M_OF), total,
	    T(r, M_ANSWERED));
}

int
attempt_view_paper(struct req *r, const struct course *c, const struct quiz *q,
    const struct attempt *a)
{
	struct quiz_paper	 paper;
	struct form		 saved;
	struct buf		 err = { 0 };
	const char		*ids[GRADE_IDS_MAX], *sv;
	char			*copy;
	int			 i, n, done, total, status = 200;

	memset(&paper, 0, sizeof(paper));
	memset(&saved, 0, sizeof(saved));
	if ((copy = strdup(a->ids)) == NULL)
		return HTTP_OOM;
	n = grade_split_ids(copy, ids);
	if (quiz_rebuild(q, a->seed, ids, n, &paper, &err) == -1) {
		log_warnx("quiz %s/%s: %s", c->id, a->quiz, err.p ? err.p : "");
		status = 500;
		goto out;
	}
	if (a->responses)
		form_parse(&saved, a->responses, strlen(a->responses));
	done = grade_answered(a, &saved, &total);
	view_begin(r, quiz_info(q)->title);
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, c->title);
	buf_addf(&r->out, "</a> · %s #%d</p><h1>", T(r, M_ATTEMPT),
	    a->attempt_no);
	buf_html(&r->out, quiz_info(q)->title);
	buf_adds(&r->out, "</h1>");
	if ((sv = http_query(r, "saved")) != NULL && strcmp(sv, "1") == 0)
		view_notice(r, "ok", T(r, M_ANSWERS_SAVED));
	if (a->deadline) {
		buf_addf(&r->out, "<p class=\"timer\" data-deadline=\"%lld\" "
		    "data-now=\"%lld\">%s <time id=\"timer\">", (long long)
		    a->deadline, (long long)r->now, T(r, M_TIME_LEFT));
		fmt_remaining(r, a->deadline - r->now);
		buf_adds(&r->out, "</time></p>");
	}
	buf_adds(&r->out, "<form method=\"post\" id=\"paper\" action=\"");
	buf_addf(&r->out, "/attempt/%lld/submit\">", (long long)a->id);
	view_csrf(r);
	/* Ask before submitting with blanks (the confirm step page). */
	buf_adds(&r->out, "<input type=\"hidden\" name=\"ask\" value=\"1\">");
	answered_line(r, done < 0 ? 0 : done, total);
	for (i = 0; i < paper.nitems; i++) {
		question_head(r, &paper.items[i], i);
		question_inputs(r, &paper.items[i], &saved);
		buf_adds(&r->out, "</fieldset></section>");
	}
	buf_addf(&r->out, "<div class=\"paper-actions\"><button type=\"submit\" "
	    "formaction=\"/attempt/%lld/save\" class=\"secondary\">%s</button> "
	    "<button type=\"submit\">%s</button> "
	    /* last, so its text changing never moves the buttons */
	    "<span id=\"save-status\" role=\"status\"></span></div></form>"
	    /* quiz.js's words, in the page's language */
	    "<p hidden id=\"msg-saved\">%s</p><p hidden id=\"msg-save-failed\">"
	    "%s</p><script src=\"/static/quiz.js\" defer></script>",
	    (long long)a->id, T(r, M_SAVE_ANSWERS), T(r, M_SUBMIT),
	    T(r, M_ANSWERS_SAVED), T(r, M_SAVE_FAILED));
	view_end(r);
out:
	free(copy);
	form_free(&saved);
	quiz_paper_free(&paper);
	buf_free(&err);
	return status;
}

int
attempt_view_confirm(struct req *r, const struct course *c, const struct quiz *q,
    const struct attempt *a, int done, int total)
{
	view_begin(r, T(r, M_CONFIRM_TITLE));
	buf_adds(&r->out, "<p class=\"crumbs\"><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_adds(&r->out, "\">");
	buf_html(&r->out, c->title);
	buf_adds(&r->out, "</a> · ");
	buf_html(&r->out, quiz_info(q)->title);
	buf_addf(&r->out, "</p><h1>%s</h1><section class=\"card\">", T(r,
	    M_CONFIRM_TITLE));
	answered_line(r, done, total);
	buf_addf(&r->out, "<p class=\"notice info\" role=\"status\"><strong>%d"
	    "</strong> %s.</p><p>%s</p>", total - done,
	    T(r, M_CONFIRM_UNANSWERED), T(r, M_CONFIRM_NOTE));
	buf_addf(&r->out, "<form method=\"post\" action=\"/attempt/%lld/submit\">",
	    (long long)a->id);
	view_csrf(r);
	buf_addf(&r->out, "<input type=\"hidden\" name=\"use_saved\" value=\"1\">"
	    "<div class=\"paper-actions\"><a class=\"button secondary\" "
	    "href=\"/attempt/%lld\">%s</a> <button type=\"submit\">%s</button>"
	    "</div></form></section>", (long long)a->id, T(r, M_CONFIRM_BACK),
	    T(r, M_CONFIRM_YES));
	view_end(r);
	return 200;
}

/* The learner's response to one question as the paper showed it. */
static void
review_answer(struct req *r, const struct quiz_item *it,
    const struct quiz_mark *m, const struct form *f)
{
	char		 name[QUIZ_ID_MAX + 16], v[16];
	const char	*cur;
	int		 j, mine, right;

	snprintf(name, sizeof(name), "q_%s", it->id);
	switch (it->type) {
	case QUIZ_SINGLE:
	case QUIZ_MULTIPLE:
	case QUIZ_TRUE_FALSE:
		buf_adds(&r->out, "<ul class=\"choices\">");
		for (j = 0; j < (it->type == QUIZ_TRUE_FALSE ? 2 :
		    it->nchoices); j++) {
			if (it->type == QUIZ_TRUE_FALSE)
				snprintf(v, sizeof(v), "%s", j ? "false" : "true");
			else
				snprintf(v, sizeof(v), "%d", j);
			mine = has_value(f, name, v);
			right = (m->key >> j) & 1u;
			buf_addf(&r->out, "<li class=\"%s\"><span class=\"box\" "
			    "aria-hidden=\"true\">%s</span> <span>", mine && right ?
			    "mine key" : mine ? "mine" : right ? "key" : "", it->type ==
			    QUIZ_MULTIPLE ? (mine ? "☑" : "☐") : (mine ? "●" :
			    "○"));
			if (it->type == QUIZ_TRUE_FALSE)
				buf_html(&r->out, T(r, j ? M_FALSE : M_TRUE));
			else
				buf_html(&r->out, it->choices[j]);
			buf_adds(&r->out, "</span>");
			if (mine)
				buf_addf(&r->out, " <span class=\"tag mine\">%s"
				    "</span>", T(r, M_YOUR_ANSWER));
			if (right)
				buf_addf(&r->out, " <span class=\"tag key\">%s"
				    "</span>", T(r, M_RIGHT_ANSWER));
			buf_adds(&r->out, "</li>");
		}
		buf_adds(&r->out, "</ul>");
		return;
	case QUIZ_SHORT:
	case QUIZ_NUMERIC:
		cur = form_get(f, name);
		buf_addf(&r->out, "<p class=\"yours\">%s: ", T(r, M_YOUR_ANSWER));
		if (cur && cur[0]) {
			buf_adds(&r->out, "<strong>");
			buf_html(&r->out, cur);
			buf_adds(&r->out, "</strong>");
		} else
			buf_addf(&r->out, "<em>%s</em>", T(r, M_NO_ANSWER));
		buf_adds(&r->out, "</p>");
		return;
	case QUIZ_MATCHING:
	case QUIZ_ORDERING:
		buf_addf(&r->out, "<p class=\"yours\">%s:</p><ul class=\"pairs\">",
		    T(r, M_YOUR_ANSWER));
		for (j = 0; j < it->nchoices; j++) {
			int64_t	 k;

			snprintf(name, sizeof(name), "q_%s_%d", it->id, j);
			cur = form_get(f, name);
			buf_adds(&r->out, "<li>");
			buf_html(&r->out, it->choices[j]);
			buf_adds(&r->out, " → ");
			if (param_parse_int(cur, 0, INT32_MAX, &k) == -1)
				buf_addf(&r->out, "<em>%s</em>", T(r, M_NO_ANSWER));
			else if (it->type == QUIZ_MATCHING && k < it->noptions)
				buf_html(&r->out, it->options[k]);
			else
				buf_addf(&r->out, "%lld", (long long)k);
			buf_adds(&r->out, "</li>");
		}
		buf_adds(&r->out, "</ul>");
		return;
	}
}

static void
review_key(struct req *r, const struct quiz_mark *m)
{
	if (m->numeric) {
		buf_addf(&r->out, "<p class=\"keyline\">%s: <strong>",
		    T(r, M_RIGHT_ANSWER));
		if (m->decimals < 0)
			numfmt_num(&r->out, r->lang, m->number);
		else
			numfmt_dec(&r->out, r->lang, m->number, m->decimals);
		buf_adds(&r->out, "</strong>");
		if (m->tolerance > 0) {
			buf_adds(&r->out, " (± ");
			numfmt_num(&r->out, r->lang, m->tolerance);
			buf_addc(&r->out, ')');
		}
		buf_adds(&r->out, "</p>");
	} else if (m->expected && m->expected[0] && m->key == 0) {
		/* Choice questions mark the right choices in the list. */
		buf_addf(&r->out, "<p class=\"keyline\">%s: <strong>",
		    T(r, M_RIGHT_ANSWER));
		buf_html(&r->out, m->expected);
		buf_adds(&r->out, "</strong></p>");
	}
}

int
attempt_view_review(struct req *r, const struct course *c, const struct quiz *q,
    const struct attempt *a)
{
	const struct quiz_info	*qi = quiz_info(q);
	struct quiz_result	 res;
	struct quiz_paper	 paper;
	struct form		 f;
	struct buf		 err = { 0 };
	const char		*ids[GRADE_IDS_MAX], *cls;
	char			*copy = NULL;
	enum msg		 v;
	int			 i, n, detail;

	memset(&paper, 0, sizeof(paper));
	memset(&f, 0, sizeof(f));
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
	buf_addf(&r->out, "</a></p><h1>%s #%d</h1>", T(r, M_RESULT),
	    a->attempt_no);
	if (qi->review == QUIZ_REVIEW_NEVER) {
		view_notice(r, "ok", T(r, M_SUBMITTED_ONLY));
		goto back;
	}
	v = grade_verdict(qi, a, &cls);
	buf_adds(&r->out, "<section class=\"card result\"><p class=\"big\"><strong>");
	numfmt_dec(&r->out, r->lang, a->percent, 1);
	buf_addf(&r->out, "</strong> / 100</p><p><strong class=\"%s\">%s</strong> "
	    "· ", cls, T(r, v));
	numfmt_num(&r->out, r->lang, a->score);
	buf_addf(&r->out, " %s ", T(r, M_OF));
	points(r, a->max);
	if (qi->pass > 0) {
		buf_addf(&r->out, " · %s ", T(r, M_QUIZ_PASS_MARK));
		numfmt_pct(&r->out, r->lang, qi->pass, 0);
	}
	buf_adds(&r->out, "</p>");
	if (qi->pass == 0)
		buf_addf(&r->out, "<p>%s</p>", T(r, M_DIAGNOSTIC_NOTE));
	buf_adds(&r->out, "</section>");
	detail = qi->review == QUIZ_REVIEW_AFTER_SUBMIT ||
	    (qi->review == QUIZ_REVIEW_AFTER_PASS && a->passed);
	if (!detail) {
		view_notice(r, "info", T(r, qi->review == QUIZ_REVIEW_AFTER_PASS ?
		    M_REVIEW_AFTER_PASS : M_REVIEW_SCORE_ONLY));
		goto back;
	}
	if ((copy = strdup(a->ids)) == NULL)
		goto back;
	n = grade_split_ids(copy, ids);
	if (a->responses)
		form_parse(&f, a->responses, strlen(a->responses));
	if (quiz_rebuild(q, a->seed, ids, n, &paper, &err) == -1 ||
	    grade_run(q, a, a->responses, &res, &err) == -1) {
		log_warnx("review %s/%s attempt %lld: %s", c->id, a->quiz,
		    (long long)a->id, err.p ? err.p : "");
		view_notice(r, "error", T(r, M_ERR_500));
		goto back;
	}
	for (i = 0; i < res.nmarks && i < paper.nitems; i++) {
		const struct quiz_mark *m = &res.marks[i];
		const struct quiz_item *it = &paper.items[i];
		const char *k = m->correct ? "right" : m->score > 0 ?
		    "partial" : "wrong";	/* .is-<k> on the box, .<k> on the word */

		buf_addf(&r->out, "<section class=\"question review is-%s\" id=\"q-%d\">"
		    "<h2 class=\"qhead\">%s %d <span class=\"verdict %s\">%s %s"
		    "</span> <small>", k, i + 1, T(r, M_QUESTION), i + 1, k,
		    m->correct ? "✓" : m->score > 0 ? "◐" : "✗",
		    T(r, m->correct ? M_CORRECT : m->score > 0 ? M_PARTIAL :
		    M_WRONG));
		numfmt_num(&r->out, r->lang, m->score);
		buf_addf(&r->out, " %s ", T(r, M_OF));
		points(r, m->points);
		buf_adds(&r->out, "</small></h2>");
		if (render_markdown(it->text, strlen(it->text), NULL,
		    &r->out) == -1)
			buf_html(&r->out, it->text);
		review_answer(r, it, m, &f);
		review_key(r, m);
		if (m->feedback && m->feedback[0]) {
			buf_addf(&r->out, "<div class=\"feedback\"><p><strong>%s"
			    "</strong></p>", T(r, M_FEEDBACK));
			render_markdown(m->feedback, strlen(m->feedback), NULL,
			    &r->out);
			buf_adds(&r->out, "</div>");
		}
		buf_adds(&r->out, "</section>");
	}
	quiz_result_free(&res);
back:
	buf_adds(&r->out, "<p><a href=\"/courses/");
	buf_url(&r->out, c->id);
	buf_addf(&r->out, "\">%s</a> · <a href=\"/grades\">%s</a></p>",
	    T(r, M_BACK_TO_COURSE), T(r, M_NAV_GRADES));
	view_end(r);
	free(copy);
	form_free(&f);
	quiz_paper_free(&paper);
	buf_free(&err);
	return 200;
}
