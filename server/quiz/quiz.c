/*
 * quiz: loading quizzes, building papers and grading them. See quiz.h;
 * the DSL is read by quizspec.c, scripts run in sandbox.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <sodium.h>

#include "answer.h"
#include "buf.h"
#include "paper.h"
#include "numfmt.h"
#include "quiz.h"
#include "quizspec.h"
#include "sandbox.h"

static int
dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	buf_add(ud, p, n);
	return ((struct buf *)ud)->oom;
}

int
quiz_load_buffer(const char *name, const char *src, size_t len,
    struct quiz **out, struct buf *err)
{
	struct quizspec_ctx	 c;
	struct buf		 chunk = { 0 };
	struct quiz		*qz;
	lua_State		*L = NULL;
	size_t			 before = err->n;

	*out = NULL;
	if (sodium_init() < 0) {	/* idempotent; picks fast BLAKE2b */
		buf_addf(err, "%s: libsodium failed to start\n", name);
		return -1;
	}
	if (len > QUIZ_SRC_MAX) {
		buf_addf(err, "%s: file larger than %zu KiB\n", name,
		    QUIZ_SRC_MAX >> 10);
		return -1;
	}
	if ((qz = calloc(1, sizeof(*qz))) == NULL ||
	    (qz->path = strdup(name)) == NULL) {
		buf_addf(err, "%s: out of memory\n", name);
		goto err;
	}
	qz->refs = 1;
	qz->info.pass = 70;
	if (quizspec_lua_start(&L, name, NULL, len, src, err) == -1)
		goto err;
	if (lua_dump(L, dump_writer, &chunk, 0) != 0 || chunk.oom) {
		buf_addf(err, "%s: out of memory\n", name);
		goto err;
	}
	qz->chunklen = chunk.n;
	qz->chunk = buf_take(&chunk);
	if (sandbox_pcall(L, 0, 0, name, err) == -1)
		goto err;
	memset(&c, 0, sizeof(c));
	c.path = name;
	c.err = err;
	c.qz = qz;
	lua_pushcfunction(L, quizspec_parse_all);
	lua_pushlightuserdata(L, &c);
	if (sandbox_pcall(L, 1, 0, name, err) == -1)
		goto err;
	quizspec_finish(qz, &c);
	if (c.nerr > 0)
		goto err;
	sandbox_close(L);
	*out = qz;
	return 0;
err:
	if (err->n == before)
		buf_addf(err, "%s: could not load the quiz\n", name);
	buf_free(&chunk);
	sandbox_close(L);
	quiz_free(qz);
	return -1;
}

int
quiz_load(const char *path, struct quiz **out, struct buf *err)
{
	struct buf	 src = { 0 };
	FILE		*f;
	char		 tmp[8192];
	size_t		 n;
	int		 r = -1;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		buf_addf(err, "%s: cannot open the file\n", path);
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0 &&
	    src.n <= QUIZ_SRC_MAX)
		buf_add(&src, tmp, n);
	if (ferror(f) || src.oom)
		buf_addf(err, "%s: cannot read the file\n", path);
	else
		r = quiz_load_buffer(path, src.p ? src.p : "", src.n, out, err);
	fclose(f);
	buf_free(&src);
	return r;
}

struct quiz *
quiz_ref(struct quiz *qz)
{
	__atomic_add_fetch(&qz->refs, 1, __ATOMIC_RELAXED);
	return qz;
}

void
quiz_free(struct quiz *qz)
{
	int	 i;

	if (qz == NULL || __atomic_sub_fetch(&qz->refs, 1,
	    __ATOMIC_ACQ_REL) > 0)
		return;
	for (i = 0; i < qz->nq; i++)
		quizspec_question_clear(&qz->q[i]);
	free(qz->chunk);
	free(qz->path);
	free(qz);
}

const struct quiz_info *
quiz_info(const struct quiz *qz)
{
	return &qz->info;
}

uint64_t
quiz_seed(const unsigned char key[32], const char *nip, const char *quizkey,
    int attempt_no)
{
	crypto_generichash_state	 st;
	unsigned char			 a[4], out[8];
	uint64_t			 r = 0;
	int				 i;

	for (i = 0; i < 4; i++)
		a[i] = (unsigned char)((unsigned)attempt_no >> (8 * i));
	crypto_generichash_init(&st, key, 32, sizeof(out));
	crypto_generichash_update(&st, (const unsigned char *)nip,
	    strlen(nip) + 1);
	crypto_generichash_update(&st, (const unsigned char *)quizkey,
	    strlen(quizkey) + 1);
	crypto_generichash_update(&st, a, sizeof(a));
	crypto_generichash_final(&st, out, sizeof(out));
	for (i = 0; i < 8; i++)
		r |= (uint64_t)out[i] << (8 * i);
	return r;
}

int
quiz_build(const struct quiz *qz, uint64_t seed, const char *const *seen,
    int nseen, struct quiz_paper *out, struct buf *err)
{
	int	 sel[QUIZ_MAX_QUESTIONS], n;

	n = paper_select(qz, seed, seen, nseen < 0 ? 0 : nseen, sel);
	return paper_make(qz, seed, sel, n, out, err);
}

int
quiz_rebuild(const struct quiz *qz, uint64_t seed, const char *const *ids,
    int nids, struct quiz_paper *out, struct buf *err)
{
	int	 idx[QUIZ_MAX_QUESTIONS];

	memset(out, 0, sizeof(*out));
	if (paper_map_ids(qz, ids, nids, idx, 0, err) == -1)
		return -1;
	return paper_make(qz, seed, idx, nids, out, err);
}

void
quiz_paper_free(struct quiz_paper *p)
{
	int	 i, j;

	for (i = 0; i < p->nitems; i++) {
		free(p->items[i].text);
		for (j = 0; j < QUIZ_MAX_CHOICES; j++) {
			free(p->items[i].choices[j]);
			free(p->items[i].options[j]);
		}
	}
	free(p->items);
	free(p->snapshot_json);
	memset(p, 0, sizeof(*p));
}

/* A response decoded into original indexes. */
struct answer {
	int		 given;
	int		 pick;		/* single: original choice */
	uint32_t	 set;		/* multiple: original choices */
	int		 tf;
	const char	*raw;		/* short, numeric */
	int		 map[QUIZ_MAX_CHOICES];	/* matching: left -> right;
						   ordering: position -> item */
};

/* Strict "0".."n-1" (base 0) or "1".."n" (base 1); -1 otherwise. */
static int
parse_index(const char *s, int n, int base)
{
	int	 v = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= base && v < n + base ? v - base : -1;
}

static void
decode(const struct paper_inst *in, const struct quiz_response *resp,
    int nresp, struct answer *a)
{
	const struct question	*q = in->q;
	size_t			 idlen = strlen(q->id);
	const char		*rest, *v;
	int			 i, d, k;

	memset(a, 0, sizeof(*a));
	for (i = 0; i < QUIZ_MAX_CHOICES; i++)
		a->map[i] = -1;
	for (i = 0; i < nresp; i++) {
		if (resp[i].name == NULL || (v = resp[i].value) == NULL ||
		    strncmp(resp[i].name, "q_", 2) != 0 ||
		    strncmp(resp[i].name + 2, q->id, idlen) != 0 ||
		    strlen(v) > QUIZ_RESPONSE_MAX)
			continue;
		rest = resp[i].name + 2 + idlen;
		if (*rest == '_' && (q->type == QUIZ_MATCHING ||
		    q->type == QUIZ_ORDERING)) {
			if ((k = parse_index(rest + 1, q->n, 0)) < 0)
				continue;
			d = parse_index(v, q->n, q->type == QUIZ_ORDERING);
			if (d < 0)
				continue;
			if (q->type == QUIZ_MATCHING)
				a->map[in->perm[k]] = in->operm[d];
			else
				a->map[d] = in->perm[k];
			a->given = 1;
			continue;
		}
		if (*rest != '\0')
			continue;
		switch (q->type) {
		case QUIZ_SINGLE:
			if (!a->given && (d = parse_index(v, q->n, 0)) >= 0) {
				a->pick = in->perm[d];
				a->given = 1;
			}
			break;
		case QUIZ_MULTIPLE:
			if ((d = parse_index(v, q->n, 0)) >= 0)
				a->set |= 1u << in->perm[d];
			a->given = 1;
			break;
		case QUIZ_TRUE_FALSE:
			if (!a->given && (strcmp(v, "true") == 0 ||
			    strcmp(v, "false") == 0)) {
				a->tf = v[0] == 't';
				a->given = 1;
			}
			break;
		case QUIZ_SHORT:
		case QUIZ_NUMERIC:
			if (!a->given) {
				a->raw = v;
				a->given = 1;
			}
			break;
		default:
			break;
		}
	}
}

static int
popcount(uint32_t x)
{
	int	 n = 0;

	for (; x != 0; x &= x - 1)
		n++;
	return n;
}

static double
builtin_score(const struct question *q, const struct answer *a)
{
	char	 norm[QUIZ_RESPONSE_MAX + 1];
	double	 x;
	int	 i, ok = 0, right, wrong;

	if (!a->given)
		return 0;
	switch (q->type) {
	case QUIZ_SINGLE:
		return (q->answer >> a->pick) & 1;
	case QUIZ_MULTIPLE:
		right = popcount(a->set & q->answer);
		wrong = popcount(a->set & ~q->answer);
		if (!q->partial)
			return a->set == q->answer;
		return fmax(0, (double)(right - wrong) / popcount(q->answer));
	case QUIZ_TRUE_FALSE:
		return a->tf == (int)q->answer;
	case QUIZ_SHORT:
		answer_normalize(a->raw, norm, sizeof(norm));
		for (i = 0; i < q->n; i++)
			if (strcmp(norm, q->right[i]) == 0)
				return 1;
		return 0;
	case QUIZ_NUMERIC:
		return answer_number(a->raw, &x) == 0 && fabs(x - q->number) <=
		    q->tolerance + 1e-9 * fmax(1, fabs(q->number));
	case QUIZ_MATCHING:
	case QUIZ_ORDERING:
		for (i = 0; i < q->n; i++)
			ok += a->map[i] >= 0 && strcmp(q->type == QUIZ_MATCHING ?
			    q->right[a->map[i]] : q->left[a->map[i]],
			    q->type == QUIZ_MATCHING ? q->right[i] :
			    q->left[i]) == 0;
		return q->partial ? (double)ok / q->n : ok == q->n;
	}
	return 0;
}

struct scoreargs {
	struct paper_run	*r;
	const struct paper_inst	*in;
	const struct answer	*a;
	double			 frac;
};

static void
push_response(lua_State *L, const struct question *q, const struct answer *a)
{
	int	 i, k = 0;

	if (!a->given) {
		lua_pushnil(L);
		return;
	}
	switch (q->type) {
	case QUIZ_SINGLE:
		lua_pushinteger(L, a->pick + 1);
		break;
	case QUIZ_TRUE_FALSE:
		lua_pushboolean(L, a->tf);
		break;
	case QUIZ_SHORT:
	case QUIZ_NUMERIC:
		lua_pushstring(L, a->raw);
		break;
	default:
		lua_createtable(L, q->n, 0);
		for (i = 0; i < q->n; i++) {
			if (q->type == QUIZ_MULTIPLE) {
				if (a->set & (1u << i)) {
					lua_pushinteger(L, i + 1);
					lua_rawseti(L, -2, ++k);
				}
			} else if (a->map[i] >= 0) {
				lua_pushinteger(L, a->map[i] + 1);
				lua_rawseti(L, -2, i + 1);
			}
		}
	}
}

static int
score_call(lua_State *L)
{
	struct scoreargs	*s = lua_touserdata(L, 1);
	const struct question	*q = s->in->q;
	double			 v;
	int			 isnum;

	paper_push_spec(L, s->r->qz->path, q);
	lua_getfield(L, -1, "score");
	push_response(L, q, s->a);
	if (s->in->ref != LUA_NOREF)
		lua_rawgeti(L, LUA_REGISTRYINDEX, s->in->ref);
	else
		lua_pushvalue(L, -3);
	lua_call(L, 2, 1);
	v = lua_tonumberx(L, -1, &isnum);
	if (!isnum || lua_type(L, -1) != LUA_TNUMBER)
		return luaL_error(L, "%s:%d: it must return a number from 0 to "
		    "1, not a %s", s->r->qz->path, q->line,
		    luaL_typename(L, -1));
	s->frac = isnan(v) ? 0 : fmin(1, fmax(0, v));
	return 0;
}

int
quiz_decimals(double tolerance)
{
	int	 d;

	if (!(tolerance > 0))
		return -1;
	d = (int)ceil(-log10(tolerance) - 1e-9);
	return d < 0 ? 0 : d > 6 ? 6 : d;
}

static void
add_expected(struct buf *b, const struct question *q)
{
	const char	*sep = "";
	int		 i;

	switch (q->type) {
	case QUIZ_SINGLE:
	case QUIZ_MULTIPLE:
		for (i = 0; i < q->n; i++)
			if (q->answer & (1u << i)) {
				buf_addf(b, "%s%s", sep, q->left[i]);
				sep = "; ";
			}
		break;
	case QUIZ_TRUE_FALSE:
		buf_adds(b, q->answer ? "Benar" : "Salah");
		break;
	case QUIZ_SHORT:
		buf_adds(b, q->left[0]);
		break;
	case QUIZ_NUMERIC:
		/* Shown as precisely as the question asks (its tolerance):
		   a generated 31.6666... with tolerance 0.01 is "31,67". */
		if (quiz_decimals(q->tolerance) < 0)
			answer_format_number(b, q->number);
		else
			numfmt_dec(b, 0, q->number, quiz_decimals(q->tolerance));
		if (q->tolerance > 0) {
			buf_adds(b, " (± ");
			answer_format_number(b, q->tolerance);
			buf_addc(b, ')');
		}
		break;
	case QUIZ_MATCHING:
		for (i = 0; i < q->n; i++)
			buf_addf(b, "%s%s → %s", i ? "; " : "", q->left[i],
			    q->right[i]);
		break;
	case QUIZ_ORDERING:
		for (i = 0; i < q->n; i++)
			buf_addf(b, "%s%d. %s", i ? "; " : "", i + 1, q->left[i]);
		break;
	}
}

static int
mark_one(struct paper_run *r, const struct paper_inst *in,
    const struct quiz_response *resp, int nresp, struct quiz_mark *m)
{
	struct scoreargs	 s;
	struct answer		 a;
	struct buf		 exp = { 0 };
	const struct question	*q = in->q;
	int			 i;

	decode(in, resp, nresp, &a);
	s.frac = builtin_score(q, &a);
	if (q->scored) {
		s.r = r;
		s.in = in;
		s.a = &a;
		if (paper_lua_call_q(r, q, "score", score_call, &s) == -1)
			return -1;
	}
	m->points = q->points;
	m->score = s.frac * q->points;
	m->correct = s.frac >= 1 - 1e-9;
	m->answered = a.given;
	if (q->type == QUIZ_SINGLE || q->type == QUIZ_MULTIPLE) {
		for (i = 0; i < q->n && i < QUIZ_MAX_CHOICES; i++)
			m->key |= ((q->answer >> in->perm[i]) & 1u) << i;
	} else if (q->type == QUIZ_TRUE_FALSE)
		m->key = q->answer ? 1 : 2;
	else if (q->type == QUIZ_NUMERIC) {
		m->numeric = 1;
		m->number = q->number;
		m->tolerance = q->tolerance;
		m->decimals = quiz_decimals(q->tolerance);
	}
	add_expected(&exp, q);
	m->expected = buf_take(&exp);
	if (m->expected == NULL || (q->feedback != NULL &&
	    (m->feedback = strdup(q->feedback)) == NULL)) {
		buf_addf(r->err, "%s: out of memory\n", r->qz->path);
		return -1;
	}
	return 0;
}

int
quiz_grade(const struct quiz *qz, uint64_t seed, const char *const *ids,
    int nids, const struct quiz_response *resp, int nresp,
    struct quiz_result *out, struct buf *err)
{
	struct paper_run	 r = { qz, seed, NULL, 0, err, 0 };
	struct paper_inst	 in;
	int			 idx[QUIZ_MAX_QUESTIONS], i;

	memset(out, 0, sizeof(*out));
	if (paper_map_ids(qz, ids, nids, idx, 1, err) == -1)
		return -1;
	if (nids > 0 && (out->marks = calloc((size_t)nids,
	    sizeof(*out->marks))) == NULL) {
		buf_addf(err, "%s: out of memory\n", qz->path);
		return -1;
	}
	for (i = 0; i < nids; i++) {
		out->nmarks = i + 1;
		snprintf(out->marks[i].id, QUIZ_ID_MAX, "%s", ids[i]);
		if (idx[i] < 0)
			continue;	/* removed since: 0 of 0 points */
		if (paper_inst_make(&r, &qz->q[idx[i]], &in) == -1 ||
		    mark_one(&r, &in, resp, nresp < 0 ? 0 : nresp,
		    &out->marks[i]) == -1) {
			paper_inst_free(&r, &in);
			paper_run_end(&r);
			quiz_result_free(out);
			return -1;
		}
		paper_inst_free(&r, &in);
		out->score += out->marks[i].score;
		out->max += out->marks[i].points;
	}
	paper_run_end(&r);
	out->percent = out->max > 0 ? 100 * out->score / out->max : 0;
	out->passed = out->max > 0 ? out->percent + 1e-9 >= qz->info.pass :
	    qz->info.pass == 0;
	return 0;
}

void
quiz_result_free(struct quiz_result *res)
{
	int	 i;

	for (i = 0; i < res->nmarks; i++) {
		free(res->marks[i].feedback);
		free(res->marks[i].expected);
	}
	free(res->marks);
	memset(res, 0, sizeof(*res));
}
