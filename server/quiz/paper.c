/* paper: one learner's instance of a quiz. See paper.h. */
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "buf.h"
#include "paper.h"
#include "quiz.h"
#include "quizspec.h"
#include "sandbox.h"

struct paper_genargs {
	struct paper_run		*r;
	const struct question	*base;
	struct paper_inst		*in;
	struct quizspec_ctx	*c;
};

int
paper_lua_start(struct paper_run *r)
{
	if (r->lua_failed)
		return -1;
	if (r->L != NULL)
		return 0;
	if (quizspec_lua_start(&r->L, r->qz->path, r->qz->chunk,
	    r->qz->chunklen, NULL, r->err) == -1) {
		r->lua_failed = 1;
		return -1;
	}
	return 0;
}

int
paper_lua_call(struct paper_run *r, lua_CFunction f, void *arg)
{
	if (paper_lua_start(r) == -1)
		return -1;
	lua_pushcfunction(r->L, f);
	lua_pushlightuserdata(r->L, arg);
	return sandbox_pcall(r->L, 1, 0, r->qz->path, r->err);
}

/* Pushes the spec table of question b, checking the script is stable. */
void
paper_push_spec(lua_State *L, const char *path, const struct question *b)
{
	const char	*id;

	quizspec_push_spec(L, b->call);
	if (lua_type(L, -1) == LUA_TTABLE)
		lua_getfield(L, -1, "id");
	else
		lua_pushnil(L);
	id = lua_tostring(L, -1);
	if (id == NULL || strcmp(id, b->id) != 0)
		luaL_error(L, "%s:%d: question '%s' is missing on this run (the "
		    "script must define the same questions every time)",
		    path, b->line, b->id);
	lua_pop(L, 1);
}

static int
gen_call(lua_State *L)
{
	struct paper_genargs		*a = lua_touserdata(L, 1);
	const struct question	*b = a->base;
	struct question		*g = &a->in->gen;

	paper_push_spec(L, a->r->qz->path, b);
	lua_getfield(L, -1, "generate");
	sandbox_seed_math(L, sandbox_mix(a->r->seed, "math", b->id));
	sandbox_push_rng(L, sandbox_mix(a->r->seed, "rng", b->id));
	lua_call(L, 1, 1);
	if (lua_type(L, -1) != LUA_TTABLE)
		return luaL_error(L, "%s:%d: it must return a table { text = "
		    "..., ... }, not a %s", a->r->qz->path, b->line,
		    luaL_typename(L, -1));
	quizspec_parse_generated(L, lua_gettop(L), g, a->c);
	if (g->feedback == NULL && b->feedback != NULL &&
	    (g->feedback = strdup(b->feedback)) == NULL)
		return luaL_error(L, "out of memory");
	a->in->ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

static int
is_identity(const struct question *q, const int *perm, const int *other,
    char *const *texts)
{
	int	 i;

	for (i = 0; i < q->n; i++)
		if (strcmp(texts[perm[i]], texts[other ? other[i] : i]) != 0)
			return 0;
	return 1;
}

/* A shuffle that never shows the answer (the correct order/pairing). */
static void
shuffle_away(struct sandbox_rng *rng, const struct question *q, int *perm,
    const int *other, char *const *texts)
{
	int	 i, t;

	sandbox_rng_perm(rng, perm, q->n);
	if (q->n > 1 && is_identity(q, perm, other, texts)) {
		t = perm[0];
		for (i = 0; i + 1 < q->n; i++)
			perm[i] = perm[i + 1];
		perm[q->n - 1] = t;
	}
}

void
paper_inst_free(struct paper_run *r, struct paper_inst *in)
{
	quizspec_question_clear(&in->gen);
	if (r->L != NULL && in->ref != LUA_NOREF)
		luaL_unref(r->L, LUA_REGISTRYINDEX, in->ref);
	in->ref = LUA_NOREF;
}

static size_t
question_bytes(const struct question *q)
{
	size_t	 n = 0;
	int	 i;

	n += q->text ? strlen(q->text) : 0;
	n += q->feedback ? strlen(q->feedback) : 0;
	for (i = 0; i < QUIZ_MAX_CHOICES; i++) {
		n += q->left[i] ? strlen(q->left[i]) : 0;
		n += q->right[i] ? strlen(q->right[i]) : 0;
	}
	return n;
}

/*
 * Runtime errors name the question and the seed: a trainer reproduces a
 * failure of one learner's paper from the log or from `lentera check`.
 * msg is "path:line: text" or "path: text" (the sandbox's form).
 */
static void
run_error(struct paper_run *r, const struct question *q, const char *fn,
    const char *msg)
{
	const char	*p = msg, *rest;
	size_t		 plen = strlen(r->qz->path);
	long		 line = q->line;
	char		*end;

	if (strncmp(p, r->qz->path, plen) == 0 && p[plen] == ':') {
		p += plen + 1;
		line = strtol(p, &end, 10);
		if (end != p && *end == ':')
			p = end + 1;
		else
			line = q->line;
	}
	for (rest = p; *rest == ' '; rest++)
		;
	buf_addf(r->err, "%s:%ld: question '%s' (seed %llu): %s() failed: "
	    "%.*s\n", r->qz->path, line, q->id, (unsigned long long)r->seed,
	    fn, (int)strcspn(rest, "\n"), rest);
}

int
paper_lua_call_q(struct paper_run *r, const struct question *q,
    const char *fn, lua_CFunction f, void *arg)
{
	struct buf	*keep = r->err, e = { 0 };
	int		 rc;

	r->err = &e;
	rc = paper_lua_call(r, f, arg);
	r->err = keep;
	if (rc == -1)
		run_error(r, q, fn, e.p ? e.p : "");
	buf_free(&e);
	return rc;
}

int
paper_inst_make(struct paper_run *r, const struct question *b,
    struct paper_inst *in)
{
	struct quizspec_ctx	 c;
	struct paper_genargs		 a;
	struct sandbox_rng	 rng;
	const struct question	*q = b;
	int			 i;

	memset(in, 0, sizeof(*in));
	in->ref = LUA_NOREF;
	if (b->generated) {
		memset(&c, 0, sizeof(c));
		c.path = r->qz->path;
		c.err = r->err;
		c.id = b->id;
		c.has_seed = 1;
		c.seed = r->seed;
		memcpy(in->gen.id, b->id, sizeof(b->id));
		in->gen.type = b->type;
		in->gen.line = b->line;
		in->gen.call = b->call;
		in->gen.points = b->points;
		in->gen.scored = b->scored;
		a.r = r;
		a.base = b;
		a.in = in;
		a.c = &c;
		if (paper_lua_call_q(r, b, "generate", gen_call, &a) == -1 ||
		    c.nerr > 0)
			return -1;
		q = &in->gen;
	}
	in->q = q;
	r->text += question_bytes(q);
	if (r->text > QUIZ_PAPER_TEXT_MAX) {
		buf_addf(r->err, "%s:%d: question '%s' (seed %llu): the "
		    "paper's texts together are longer than %d KiB\n",
		    r->qz->path, b->line, b->id, (unsigned long long)r->seed,
		    QUIZ_PAPER_TEXT_MAX >> 10);
		return -1;
	}
	sandbox_rng_init(&rng, sandbox_mix(r->seed, "order", b->id));
	for (i = 0; i < QUIZ_MAX_CHOICES; i++)
		in->perm[i] = in->operm[i] = i;
	if (q->type == QUIZ_ORDERING)
		shuffle_away(&rng, q, in->perm, NULL, q->left);
	else if (q->type == QUIZ_MATCHING) {
		if (r->qz->info.shuffle)
			sandbox_rng_perm(&rng, in->perm, q->n);
		shuffle_away(&rng, q, in->operm, in->perm, q->right);
	} else if (r->qz->info.shuffle &&
	    (q->type == QUIZ_SINGLE || q->type == QUIZ_MULTIPLE))
		sandbox_rng_perm(&rng, in->perm, q->n);
	return 0;
}

void
paper_run_end(struct paper_run *r)
{
	sandbox_close(r->L);
	r->L = NULL;
}

static int
find_question(const struct quiz *qz, const char *id)
{
	int	 i;

	for (i = 0; i < qz->nq; i++)
		if (strcmp(qz->q[i].id, id) == 0)
			return i;
	return -1;
}

/* ids -> question indexes (-1: not in the quiz). Duplicates are refused. */
int
paper_map_ids(const struct quiz *qz, const char *const *ids, int nids, int *idx,
    int unknown_ok, struct buf *err)
{
	int	 i, j;

	if (nids < 0 || nids > QUIZ_MAX_QUESTIONS) {
		buf_addf(err, "%s: a paper has 0 to %d questions, not %d\n",
		    qz->path, QUIZ_MAX_QUESTIONS, nids);
		return -1;
	}
	for (i = 0; i < nids; i++) {
		if ((idx[i] = find_question(qz, ids[i])) < 0 && !unknown_ok) {
			buf_addf(err, "%s: question '%.64s' is no longer in the "
			    "quiz\n", qz->path, ids[i]);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(ids[i], ids[j]) == 0) {
				buf_addf(err, "%s: question '%.64s' appears "
				    "twice on the paper\n", qz->path, ids[i]);
				return -1;
			}
	}
	return 0;
}

static int
is_seen(const char *id, const char *const *seen, int nseen)
{
	int	 i;

	for (i = 0; i < nseen; i++)
		if (seen[i] != NULL && strcmp(seen[i], id) == 0)
			return 1;
	return 0;
}

/* Draws want questions (of tag, if given), unseen ones first. */
static int
draw(const struct quiz *qz, struct sandbox_rng *rng, const char *tag,
    int want, const char *const *seen, int nseen, int *out)
{
	int	 fresh[QUIZ_MAX_QUESTIONS], old[QUIZ_MAX_QUESTIONS];
	int	 perm[QUIZ_MAX_QUESTIONS], nf = 0, no = 0, n = 0, i;

	for (i = 0; i < qz->nq; i++) {
		if (tag != NULL && (qz->q[i].tag == NULL ||
		    strcmp(qz->q[i].tag, tag) != 0))
			continue;
		if (is_seen(qz->q[i].id, seen, nseen))
			old[no++] = i;
		else
			fresh[nf++] = i;
	}
	sandbox_rng_perm(rng, perm, nf);
	for (i = 0; i < nf && n < want; i++)
		out[n++] = fresh[perm[i]];
	sandbox_rng_perm(rng, perm, no);
	for (i = 0; i < no && n < want; i++)
		out[n++] = old[perm[i]];
	return n;
}

static int
int_cmp(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

int
paper_select(const struct quiz *qz, uint64_t seed,
    const char *const *seen, int nseen, int *sel)
{
	struct sandbox_rng	 rng;
	int			 perm[QUIZ_MAX_QUESTIONS], tmp[QUIZ_MAX_QUESTIONS];
	int			 n = 0, i;

	sandbox_rng_init(&rng, sandbox_mix(seed, "pick", ""));
	if (qz->ntags > 0)
		for (i = 0; i < qz->ntags; i++)
			n += draw(qz, &rng, qz->tags[i].name, qz->tags[i].pick,
			    seen, nseen, sel + n);
	else
		n = draw(qz, &rng, NULL, qz->info.pick > 0 ? qz->info.pick :
		    qz->nq, seen, nseen, sel);
	if (!qz->info.shuffle) {
		qsort(sel, (size_t)n, sizeof(*sel), int_cmp);
		return n;
	}
	sandbox_rng_perm(&rng, perm, n);
	for (i = 0; i < n; i++)
		tmp[i] = sel[perm[i]];
	memcpy(sel, tmp, sizeof(*sel) * (size_t)n);
	return n;
}

static void
json_list(struct buf *b, const char *key, char *const *v, int n)
{
	int	 i;

	buf_addf(b, ",\"%s\":[", key);
	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addc(b, ',');
		buf_json_str(b, v[i]);
	}
	buf_addc(b, ']');
}

static int
item_fill(struct quiz_item *it, const struct paper_inst *in, struct buf *snap)
{
	const struct question	*q = in->q;
	int			 i, ok = 1;

	memcpy(it->id, q->id, sizeof(it->id));
	it->type = q->type;
	it->points = q->points;
	ok &= (it->text = strdup(q->text)) != NULL;
	if (q->type == QUIZ_SINGLE || q->type == QUIZ_MULTIPLE ||
	    q->type == QUIZ_MATCHING || q->type == QUIZ_ORDERING)
		it->nchoices = q->n;
	if (q->type == QUIZ_MATCHING)
		it->noptions = q->n;
	for (i = 0; i < it->nchoices; i++)
		ok &= (it->choices[i] = strdup(q->left[in->perm[i]])) != NULL;
	for (i = 0; i < it->noptions; i++)
		ok &= (it->options[i] = strdup(q->right[in->operm[i]])) != NULL;
	buf_adds(snap, "{\"id\":");
	buf_json_str(snap, it->id);
	buf_addf(snap, ",\"type\":\"%s\",\"points\":%g,\"text\":",
	    quizspec_type_name(q->type), q->points);
	buf_json_str(snap, it->text);
	if (it->nchoices > 0)
		json_list(snap, "choices", it->choices, it->nchoices);
	if (it->noptions > 0)
		json_list(snap, "options", it->options, it->noptions);
	buf_addc(snap, '}');
	return ok ? 0 : -1;
}

int
paper_make(const struct quiz *qz, uint64_t seed, const int *idx, int n,
    struct quiz_paper *out, struct buf *err)
{
	struct paper_run	 r = { qz, seed, NULL, 0, err, 0 };
	struct buf	 snap = { 0 };
	struct paper_inst	 in;
	int		 i;

	memset(out, 0, sizeof(*out));
	if (n > 0 && (out->items = calloc((size_t)n,
	    sizeof(*out->items))) == NULL)
		goto oom;
	buf_adds(&snap, "{\"title\":");
	buf_json_str(&snap, qz->info.title);
	buf_adds(&snap, ",\"items\":[");
	for (i = 0; i < n; i++) {
		if (paper_inst_make(&r, &qz->q[idx[i]], &in) == -1) {
			paper_inst_free(&r, &in);
			goto err;
		}
		out->nitems = i + 1;
		if (i > 0)
			buf_addc(&snap, ',');
		if (item_fill(&out->items[i], &in, &snap) == -1) {
			paper_inst_free(&r, &in);
			goto oom;
		}
		paper_inst_free(&r, &in);
	}
	buf_adds(&snap, "]}");
	if (snap.oom)
		goto oom;
	if (snap.n > QUIZ_SNAPSHOT_MAX) {
		buf_addf(err, "%s: the paper for seed %llu takes more than %d "
		    "KiB to store\n", qz->path, (unsigned long long)seed,
		    QUIZ_SNAPSHOT_MAX >> 10);
		goto err;
	}
	out->snapshot_json = buf_take(&snap);
	paper_run_end(&r);
	return 0;
oom:
	buf_addf(err, "%s: out of memory\n", qz->path);
err:
	buf_free(&snap);
	paper_run_end(&r);
	quiz_paper_free(out);
	return -1;
}

