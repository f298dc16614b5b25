/* grade: grading and storing graded results. See grade.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "course.h"
#include "grade.h"
#include "log.h"
#include "completion.h"


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

int
grade_split_ids(char *s, const char **ids)
{
	char	*tok, *save = NULL;
	int	 n = 0;

	for (; (tok = strtok_r(s, " ", &save)) != NULL && n < GRADE_IDS_MAX; s = NULL)
		ids[n++] = tok;
	return n;
}

int
grade_run(const struct quiz *q, const struct attempt *a, const char *resp,
    struct quiz_result *res, struct buf *err)
{
	struct form		 f;
	struct quiz_response	*rv = NULL;
	const char		*ids[GRADE_IDS_MAX];
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
	nids = grade_split_ids(copy, ids);
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

/*
 * The one graded-result write, for a submission and for a regrade: the
 * attempt's result, its marks and the completion that passing the final
 * may cause, in the caller's transaction. 0, 1 (submit only: already
 * submitted), -1.
 */
static int
write_result(struct store *st, const struct finish *f, int regrade)
{
	int	 i, rc;

	if ((rc = regrade ? store_attempt_regrade(st, f->a) :
	    store_attempt_submit(st, f->a)) != 0)
		return regrade ? -1 : rc;
	for (i = 0; i < f->res->nmarks; i++)
		if (store_mark_put(st, f->a->id, i, f->res->marks[i].id,
		    f->res->marks[i].score, f->res->marks[i].points,
		    f->res->marks[i].correct) == -1)
			return -1;
	/* Passing the final may complete the course: same transaction. */
	if (f->c->final == f->q && f->res->passed &&
	    completion_update(st, f->u, f->c, f->at) == -1)
		return -1;
	return 0;
}

/* The writes of one submission; runs inside the group transaction. */
static int
finish_job(struct store *st, void *arg)
{
	return write_result(st, arg, 0);
}

int
grade_store_regrade(struct store *st, const struct course *c,
    const struct quiz *q, const struct attempt *a,
    const struct quiz_result *res)
{
	struct finish	 f;
	struct user	 u;

	memset(&u, 0, sizeof(u));
	if (store_begin(st) == -1)
		return -1;
	/* The completion a newly passed final causes is the holder's. */
	if (c->final == q && a->passed &&
	    store_user_by_id(st, a->user_id, &u) != 0)
		goto fail;
	f.u = &u;
	f.c = c;
	f.q = q;
	f.a = a;
	f.res = res;
	f.at = a->submitted_at;
	if (write_result(st, &f, 1) != 0)
		goto fail;
	return store_commit(st);
fail:
	store_rollback(st);
	return -1;
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
	    a->deadline && now > a->deadline + GRADE_GRACE_S)
		grade_finish(st, u, c, q, a, a->responses, a->deadline);
	store_attempt_clear(a);
	free(a);
}

enum msg
grade_verdict(const struct quiz_info *qi, const struct attempt *a,
    const char **cls)
{
	if (!a->submitted_at) {
		*cls = "open";
		return M_IN_PROGRESS;
	}
	if (qi != NULL && qi->review == QUIZ_REVIEW_NEVER) {
		*cls = "done";
		return M_SUBMITTED;
	}
	/* A diagnostic pre-test (pass = 0) has no pass mark: not "Lulus". */
	if (qi != NULL && qi->pass == 0) {
		*cls = "done";
		return M_DIAGNOSTIC_DONE;
	}
	*cls = a->passed ? "right" : "wrong";
	return a->passed ? M_PASSED : M_NOT_PASSED;
}

/* Does f answer question id (any non-empty q_<id> or q_<id>_<n>)? */
static int
answers(const struct form *f, const char *id)
{
	size_t	 n = strlen(id);
	int	 i;

	for (i = 0; i < f->n; i++) {
		const char *nm = f->f[i].name, *rest;

		if (strncmp(nm, "q_", 2) != 0 || strncmp(nm + 2, id, n) != 0 ||
		    f->f[i].value[0] == '\0')
			continue;
		rest = nm + 2 + n;
		if (*rest == '\0' || (*rest == '_' && rest[1] >= '0' &&
		    rest[1] <= '9'))
			return 1;
	}
	return 0;
}

int
grade_answered(const struct attempt *a, const struct form *f, int *total)
{
	const char	*ids[GRADE_IDS_MAX];
	char		*copy;
	int		 i, n, done = 0;

	*total = 0;
	if ((copy = strdup(a->ids)) == NULL)
		return -1;
	n = grade_split_ids(copy, ids);
	for (i = 0; i < n; i++)
		done += answers(f, ids[i]);
	*total = n;
	free(copy);
	return done;
}
