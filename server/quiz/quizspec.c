/* quizspec: reading trainer quiz scripts into C. See quizspec.h. */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "answer.h"
#include "buf.h"
#include "quiz.h"
#include "quizspec.h"
#include "sandbox.h"

#define KIND_GENERATED	7
#define KIND_QUIZ	8

static const char *const kind_names[] = { "single", "multiple", "true_false",
	"short", "numeric", "matching", "ordering", "generated", "quiz" };

/* Fields each kind accepts besides the common ones. */
static const char *const kind_fields[] = {
	"choices answer", "choices answer partial", "answer", "accept",
	"answer tolerance", "pairs partial", "items partial",
	"type generate", "title pass attempts time_limit shuffle pick review"
};
#define COMMON_FIELDS	"id text feedback points tag score"
#define GENERATED_FIELDS "id type generate feedback points tag score"

static const char reg_key = 0;	/* registry: list of DSL calls */

const char *
quizspec_type_name(enum quiz_type t)
{
	return kind_names[t];
}

/* DSL function: records {table, kind, line} in call order. */
static int
dsl_call(lua_State *L)
{
	lua_Debug	 ar;
	lua_Integer	 n;
	int		 line = 0;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		line = ar.currentline;
	lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_key);
	n = (lua_Integer)lua_rawlen(L, 2);
	if (n > QUIZ_MAX_QUESTIONS)
		return luaL_error(L, "too many questions (limit %d)",
		    QUIZ_MAX_QUESTIONS);
	lua_createtable(L, 3, 0);
	lua_pushvalue(L, 1);
	lua_rawseti(L, -2, 1);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_rawseti(L, -2, 2);
	lua_pushinteger(L, line);
	lua_rawseti(L, -2, 3);
	lua_rawseti(L, 2, n + 1);
	return 0;
}

/*
 * Indonesian number text for generated questions: '.' groups thousands,
 * ',' marks decimals (the form learners type, answer.h). dec < 0: up to 6
 * decimals, trailing zeros dropped.
 */
static int
push_id_number(lua_State *L, double x, int dec, const char *prefix)
{
	luaL_Buffer	 b;
	char		 tmp[64], *dot, *e;
	size_t		 i, n;

	if (!isfinite(x) || fabs(x) >= 1e15)
		return luaL_error(L, "number out of range for writing (|x| < "
		    "10^15)");
	snprintf(tmp, sizeof(tmp), "%.*f", dec < 0 ? 6 : dec, fabs(x));
	if ((dot = strchr(tmp, '.')) == NULL)
		dot = tmp + strlen(tmp);
	else if (dec < 0) {
		for (e = tmp + strlen(tmp) - 1; e > dot && *e == '0'; e--)
			*e = '\0';
		if (e == dot)
			*e = '\0';
	}
	luaL_buffinit(L, &b);
	/* No "-0": a value that rounds to zero has no sign. */
	if (x < 0 && strspn(tmp, "0.") != strlen(tmp))
		luaL_addchar(&b, '-');
	luaL_addstring(&b, prefix);
	n = (size_t)(dot - tmp);
	for (i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			luaL_addchar(&b, '.');
		luaL_addchar(&b, tmp[i]);
	}
	if (*dot == '.') {
		luaL_addchar(&b, ',');
		luaL_addstring(&b, dot + 1);
	}
	luaL_pushresult(&b);
	return 1;
}

/* rupiah(4000000) -> "Rp 4.000.000"; rupiah(1250.5, 2) -> "Rp 1.250,50" */
static int
dsl_rupiah(lua_State *L)
{
	double		 x = luaL_checknumber(L, 1);
	lua_Integer	 dec = luaL_optinteger(L, 2, 0);

	luaL_argcheck(L, dec >= 0 && dec <= 6, 2, "decimals must be 0 to 6");
	return push_id_number(L, x, (int)dec, "Rp ");
}

/* desimal(2.5, 1) -> "2,5"; desimal(1234.5) -> "1.234,5" */
static int
dsl_desimal(lua_State *L)
{
	double		 x = luaL_checknumber(L, 1);
	lua_Integer	 dec = luaL_optinteger(L, 2, -1);

	luaL_argcheck(L, dec >= -1 && dec <= 6, 2, "decimals must be 0 to 6");
	return push_id_number(L, x, (int)dec, "");
}

static int
dsl_open(lua_State *L)
{
	int	 k;

	lua_newtable(L);
	lua_rawsetp(L, LUA_REGISTRYINDEX, &reg_key);
	for (k = 0; k <= KIND_QUIZ; k++) {
		lua_pushinteger(L, k);
		lua_pushcclosure(L, dsl_call, 1);
		lua_setglobal(L, kind_names[k]);
	}
	lua_pushcfunction(L, dsl_rupiah);
	lua_setglobal(L, "rupiah");
	lua_pushcfunction(L, dsl_desimal);
	lua_setglobal(L, "desimal");
	return 0;
}

int
quizspec_lua_start(lua_State **Lp, const char *path, const void *chunk,
    size_t len, const char *src, struct buf *err)
{
	lua_State	*L;

	if ((*Lp = L = sandbox_new()) == NULL) {
		buf_addf(err, "%s: out of memory\n", path);
		return -1;
	}
	lua_pushcfunction(L, dsl_open);
	if (sandbox_pcall(L, 0, 0, path, err) == -1)
		return -1;
	if (chunk != NULL)
		return sandbox_load_chunk(L, chunk, len, path, err) == -1 ||
		    sandbox_pcall(L, 0, 0, path, err) == -1 ? -1 : 0;
	return sandbox_load_text(L, src, len, path, err);
}

/* Pushes the k-th DSL call's table (0-based) or nil. */
void
quizspec_push_spec(lua_State *L, int call)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_key);
	if (lua_rawgeti(L, -1, call + 1) == LUA_TTABLE) {
		lua_rawgeti(L, -1, 1);
		lua_replace(L, -3);
		lua_pop(L, 1);
	} else
		lua_remove(L, -2);
}

void
quizspec_errf(struct quizspec_ctx *c, int line, const char *fmt, ...)
{
	va_list	 ap;

	if (c->nerr++ >= QUIZSPEC_ERR_MAX) {
		if (c->nerr == QUIZSPEC_ERR_MAX + 1)
			buf_addf(c->err, "%s: more problems not shown (limit "
			    "%d)\n", c->path, QUIZSPEC_ERR_MAX);
		return;
	}
	if (line > 0)
		buf_addf(c->err, "%s:%d: ", c->path, line);
	else
		buf_addf(c->err, "%s: ", c->path);
	if (c->id != NULL && c->id[0] != '\0' && c->has_seed)
		buf_addf(c->err, "question '%s' (seed %llu): ", c->id,
		    (unsigned long long)c->seed);
	else if (c->id != NULL && c->id[0] != '\0')
		buf_addf(c->err, "question '%s': ", c->id);
	va_start(ap, fmt);
	buf_vaddf(c->err, fmt, ap);
	va_end(ap);
	buf_addc(c->err, '\n');
}

/*
 * Every byte of trainer text copied into C is counted: per question and
 * per quiz (or, for generated bodies, per paper). One 16 KiB string named
 * in 200 questions and 20 fields each would otherwise cost 60 MB of C
 * copies while the Lua state holds it once. Returns 0, or -1 (reported).
 */
static int
charge(struct quizspec_ctx *c, size_t n, int line)
{
	c->qtext += n;
	c->total += n;
	if (c->qtext > QUIZ_QUESTION_TEXT_MAX) {
		if (c->qtext - n <= QUIZ_QUESTION_TEXT_MAX)
			quizspec_errf(c, line, "the question's texts together "
			    "are longer than %d KiB",
			    QUIZ_QUESTION_TEXT_MAX >> 10);
		return -1;
	}
	if (c->total > QUIZ_TOTAL_TEXT_MAX) {
		if (c->total - n <= QUIZ_TOTAL_TEXT_MAX)
			quizspec_errf(c, line, "the quiz's texts together are "
			    "longer than %d KiB", QUIZ_TOTAL_TEXT_MAX >> 10);
		return -1;
	}
	return 0;
}

static int
word_in(const char *list, const char *w)
{
	size_t		 n = strlen(w);
	const char	*p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p += n;
	}
	return 0;
}

static int
str_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/*
 * Reports keys of table t that are in neither list (lists may be NULL),
 * sorted: lua_next order changes from one process to the next.
 */
static void
check_fields(lua_State *L, int t, const char *a, const char *b,
    struct quizspec_ctx *c, int line)
{
	char		 bad[16][QUIZ_ID_MAX];
	const char	*k;
	size_t		 n = 0, i;

	lua_pushnil(L);
	while (lua_next(L, t) != 0) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING) {
			quizspec_errf(c, line, "fields must be named (name = "
			    "value), found a %s key", luaL_typename(L, -1));
			continue;
		}
		k = lua_tostring(L, -1);
		if ((a == NULL || !word_in(a, k)) &&
		    (b == NULL || !word_in(b, k)) && n < 16)
			snprintf(bad[n++], sizeof(bad[0]), "%s", k);
	}
	qsort(bad, n, sizeof(bad[0]), str_cmp);
	for (i = 0; i < n; i++)
		quizspec_errf(c, line, "unknown field '%s'", bad[i]);
}

/* String field: 0 ok (or absent, *out untouched), -1 wrong type/size. */
static int
get_string(lua_State *L, int t, const char *key, char **out, int required,
    struct quizspec_ctx *c, int line)
{
	const char	*s;
	size_t		 n;
	int		 r = 0;

	lua_getfield(L, t, key);
	if (lua_type(L, -1) == LUA_TSTRING) {
		s = lua_tolstring(L, -1, &n);
		if (n > QUIZ_TEXT_MAX || strlen(s) != n) {
			quizspec_errf(c, line, "'%s' is too long or contains NUL "
			    "bytes (limit %d bytes)", key, QUIZ_TEXT_MAX);
			r = -1;
		} else if (charge(c, n, line) == -1)
			r = -1;
		else if ((*out = strdup(s)) == NULL)
			luaL_error(L, "out of memory");
	} else if (!lua_isnil(L, -1) || required) {
		quizspec_errf(c, line, "'%s' must be a string", key);
		r = -1;
	}
	lua_pop(L, 1);
	return r;
}

/* Integer field in [lo, hi]; absent leaves *out. */
static void
get_int(lua_State *L, int t, const char *key, int *out, int lo, int hi,
    struct quizspec_ctx *c, int line)
{
	lua_Integer	 v;
	int		 isint;

	if (lua_getfield(L, t, key) != LUA_TNIL) {
		v = lua_tointegerx(L, -1, &isint);
		if (!isint || lua_type(L, -1) != LUA_TNUMBER || v < lo || v > hi)
			quizspec_errf(c, line, "'%s' must be a whole number from "
			    "%d to %d", key, lo, hi);
		else
			*out = (int)v;
	}
	lua_pop(L, 1);
}

static void
get_bool(lua_State *L, int t, const char *key, int *out,
    struct quizspec_ctx *c, int line)
{
	int	 ty = lua_getfield(L, t, key);

	if (ty == LUA_TBOOLEAN)
		*out = lua_toboolean(L, -1);
	else if (ty != LUA_TNIL)
		quizspec_errf(c, line, "'%s' must be true or false", key);
	lua_pop(L, 1);
}

static int
get_number(lua_State *L, int t, const char *key, double *out, int required,
    struct quizspec_ctx *c, int line)
{
	int	 ty = lua_getfield(L, t, key), r = 0;

	if (ty == LUA_TNUMBER && isfinite(lua_tonumber(L, -1)))
		*out = lua_tonumber(L, -1);
	else if (ty != LUA_TNIL || required) {
		quizspec_errf(c, line, "'%s' must be a number", key);
		r = -1;
	}
	lua_pop(L, 1);
	return r;
}

/*
 * List of strings t[key] -> dst[0..n). Entries that are 2-lists (pairs)
 * go to dst and dst2. Returns the count, or -1 after reporting.
 */
static int
get_list(lua_State *L, int t, const char *key, char **dst, char **dst2,
    int min, struct quizspec_ctx *c, int line)
{
	lua_Integer	 n, i, j;
	int		 l, r = -1, base = lua_gettop(L);
	char		**out, num[64];

	if (lua_getfield(L, t, key) != LUA_TTABLE) {
		quizspec_errf(c, line, "'%s' must be a list { ... }", key);
		goto done;
	}
	l = lua_gettop(L);
	n = (lua_Integer)lua_rawlen(L, l);
	if (n < min || n > QUIZ_MAX_CHOICES) {
		quizspec_errf(c, line, "'%s' needs %d to %d entries, has %lld",
		    key, min, QUIZ_MAX_CHOICES, (long long)n);
		goto done;
	}
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, l, i);
		for (j = 1; j <= (dst2 ? 2 : 1); j++) {
			if (dst2 != NULL && lua_type(L, -1) == LUA_TTABLE &&
			    lua_rawlen(L, -1) == 2)
				lua_rawgeti(L, -1, j);
			else if (dst2 != NULL) {
				quizspec_errf(c, line, "'%s' entry %lld must be "
				    "a pair { \"left\", \"right\" }", key,
				    (long long)i);
				goto done;
			} else
				lua_pushvalue(L, -1);
			out = (j == 1 ? dst : dst2) + i - 1;
			if (lua_type(L, -1) == LUA_TNUMBER) {
				snprintf(num, sizeof(num), "%.14g",
				    lua_tonumber(L, -1));
				*out = strdup(num);
			} else if (lua_type(L, -1) == LUA_TSTRING &&
			    lua_rawlen(L, -1) <= QUIZ_TEXT_MAX &&
			    strlen(lua_tostring(L, -1)) == lua_rawlen(L, -1)) {
				if (charge(c, lua_rawlen(L, -1), line) == -1)
					goto done;
				*out = strdup(lua_tostring(L, -1));
			} else {
				quizspec_errf(c, line, "'%s' entry %lld must be "
				    "text (at most %d bytes)", key,
				    (long long)i, QUIZ_TEXT_MAX);
				goto done;
			}
			if (*out == NULL)
				luaL_error(L, "out of memory");
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	r = (int)n;
done:
	lua_settop(L, base);
	return r;
}

static int
distinct(char **v, int n)
{
	int	 i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (strcmp(v[i], v[j]) == 0)
				return 0;
	return 1;
}

/* generate() returned table t: check its fields, then read the body. */
void
quizspec_parse_generated(lua_State *L, int t, struct question *q,
    struct quizspec_ctx *c)
{
	check_fields(L, t, "text feedback", kind_fields[q->type], c, q->line);
	quizspec_parse_body(L, t, q, c);
}

/* The type-specific body (from a static spec or a generate() result). */
void
quizspec_parse_body(lua_State *L, int t, struct question *q,
    struct quizspec_ctx *c)
{
	char		 norm[QUIZ_TEXT_MAX + 1];
	lua_Integer	 v, n, i;
	int		 ty, isint, line = q->line;

	get_string(L, t, "text", &q->text, 1, c, line);
	get_string(L, t, "feedback", &q->feedback, 0, c, line);
	q->partial = q->type == QUIZ_MATCHING || q->type == QUIZ_ORDERING;
	get_bool(L, t, "partial", &q->partial, c, line);
	switch (q->type) {
	case QUIZ_SINGLE:
	case QUIZ_MULTIPLE:
		if ((q->n = get_list(L, t, "choices", q->left, NULL, 2, c,
		    line)) < 0) {
			q->n = 0;
			return;
		}
		if (!distinct(q->left, q->n))
			quizspec_errf(c, line, "two choices have the same text");
		ty = lua_getfield(L, t, "answer");
		if (q->type == QUIZ_SINGLE) {
			v = lua_tointegerx(L, -1, &isint);
			if (ty != LUA_TNUMBER || !isint || v < 1 || v > q->n)
				quizspec_errf(c, line, "'answer' must be a choice "
				    "number from 1 to %d", q->n);
			else
				q->answer = 1u << (v - 1);
		} else if (ty != LUA_TTABLE ||
		    (n = (lua_Integer)lua_rawlen(L, -1)) < 1 || n > q->n)
			quizspec_errf(c, line, "'answer' must be a list of 1 to "
			    "%d choice numbers, e.g. {1, 3}", q->n);
		else
			for (i = 1; i <= n; i++) {
				lua_rawgeti(L, -1, i);
				v = lua_tointegerx(L, -1, &isint);
				if (!isint || v < 1 || v > q->n)
					quizspec_errf(c, line, "'answer' entry %lld"
					    " is not a choice number from 1 to "
					    "%d", (long long)i, q->n);
				else
					q->answer |= 1u << (v - 1);
				lua_pop(L, 1);
			}
		lua_pop(L, 1);
		break;
	case QUIZ_TRUE_FALSE:
		if (lua_getfield(L, t, "answer") != LUA_TBOOLEAN)
			quizspec_errf(c, line, "'answer' must be true or false");
		q->answer = lua_toboolean(L, -1);
		lua_pop(L, 1);
		break;
	case QUIZ_SHORT:
		if ((q->n = get_list(L, t, "accept", q->left, NULL, 1, c,
		    line)) < 0) {
			q->n = 0;
			return;
		}
		for (i = 0; i < q->n; i++) {
			answer_normalize(q->left[i], norm, sizeof(norm));
			if (charge(c, strlen(norm), line) == -1)
				return;
			if ((q->right[i] = strdup(norm)) == NULL)
				luaL_error(L, "out of memory");
			if (norm[0] == '\0')
				quizspec_errf(c, line, "accepted answer %lld is "
				    "empty and can never be typed",
				    (long long)i + 1);
		}
		break;
	case QUIZ_NUMERIC:
		get_number(L, t, "answer", &q->number, 1, c, line);
		get_number(L, t, "tolerance", &q->tolerance, 0, c, line);
		if (q->tolerance < 0)
			quizspec_errf(c, line, "'tolerance' must not be "
			    "negative");
		break;
	case QUIZ_MATCHING:
		if ((q->n = get_list(L, t, "pairs", q->left, q->right, 2, c,
		    line)) < 0)
			q->n = 0;
		break;
	case QUIZ_ORDERING:
		if ((q->n = get_list(L, t, "items", q->left, NULL, 2, c,
		    line)) < 0)
			q->n = 0;
		break;
	}
}

static int
valid_id(const char *s)
{
	size_t	 i, n = strlen(s);

	if (n == 0 || n >= QUIZ_ID_MAX)
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr("-_.", s[i]) == NULL)
			return 0;
	/* "a_1" would clash with item field q_a_1 of question "a". */
	for (i = n; i > 0 && isdigit((unsigned char)s[i - 1]); i--)
		;
	return !(i < n && i > 0 && s[i - 1] == '_');
}

static int
parse_type(const char *s)
{
	int	 k;

	for (k = 0; k < KIND_GENERATED; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

static void
parse_question(lua_State *L, int t, int kind, int line, struct quiz *qz,
    struct quizspec_ctx *c)
{
	struct question	*q = &qz->q[qz->nq];
	char		*s = NULL;
	int		 i, ty;

	q->line = line;
	q->call = c->call;
	q->points = 1;
	c->id = NULL;
	c->qtext = 0;
	if (get_string(L, t, "id", &s, 1, c, line) == 0 && !valid_id(s))
		quizspec_errf(c, line, "id '%.64s' must be 1-%d letters, digits, "
		    "'-', '_' or '.' (not ending in _<number>)", s,
		    QUIZ_ID_MAX - 1);
	else if (s != NULL)
		memcpy(q->id, s, strlen(s) + 1);
	free(s);
	s = NULL;
	c->id = q->id;
	for (i = 0; i < qz->nq && q->id[0] != '\0'; i++)
		if (strcmp(qz->q[i].id, q->id) == 0)
			quizspec_errf(c, line, "duplicate id (first used at line "
			    "%d)", qz->q[i].line);
	qz->nq++;
	if (kind == KIND_GENERATED)
		check_fields(L, t, GENERATED_FIELDS, NULL, c, line);
	else
		check_fields(L, t, COMMON_FIELDS, kind_fields[kind], c, line);
	get_number(L, t, "points", &q->points, 0, c, line);
	if (q->points < 0 || q->points > 1000)
		quizspec_errf(c, line, "'points' must be from 0 to 1000");
	get_string(L, t, "tag", &q->tag, 0, c, line);
	if (q->tag != NULL && (q->tag[0] == '\0' ||
	    strlen(q->tag) >= QUIZ_ID_MAX))
		quizspec_errf(c, line, "'tag' must be 1-%d bytes", QUIZ_ID_MAX - 1);
	ty = lua_getfield(L, t, "score");
	q->scored = ty == LUA_TFUNCTION;
	if (ty != LUA_TNIL && ty != LUA_TFUNCTION)
		quizspec_errf(c, line, "'score' must be a function");
	lua_pop(L, 1);
	if (kind != KIND_GENERATED) {
		q->type = (enum quiz_type)kind;
		quizspec_parse_body(L, t, q, c);
		return;
	}
	q->generated = 1;
	get_string(L, t, "feedback", &q->feedback, 0, c, line);
	if (lua_getfield(L, t, "generate") != LUA_TFUNCTION)
		quizspec_errf(c, line, "'generate' must be a function "
		    "(function(rng) ... return { text = ... } end)");
	lua_pop(L, 1);
	if (get_string(L, t, "type", &s, 1, c, line) == 0 &&
	    (ty = parse_type(s)) < 0)
		quizspec_errf(c, line, "'type' must be one of single, multiple, "
		    "true_false, short, numeric, matching, ordering");
	else if (s != NULL)
		q->type = (enum quiz_type)ty;
	free(s);
}

static const char *const review_names[] = { "after_submit", "after_pass",
	"score_only", "never" };

static void
parse_pick(lua_State *L, int t, struct quiz *qz, struct quizspec_ctx *c,
    int line)
{
	int	 ty = lua_getfield(L, t, "pick"), n;

	if (ty == LUA_TNUMBER)
		get_int(L, t, "pick", &qz->info.pick, 1, QUIZ_MAX_QUESTIONS, c,
		    line);
	else if (ty == LUA_TTABLE) {
		lua_pushnil(L);
		while (lua_next(L, -2) != 0) {
			n = (int)lua_tointeger(L, -1);
			if (lua_type(L, -2) != LUA_TSTRING ||
			    !lua_isinteger(L, -1) || n < 1 ||
			    n > QUIZ_MAX_QUESTIONS ||
			    lua_rawlen(L, -2) >= QUIZ_ID_MAX)
				quizspec_errf(c, line, "'pick' per tag must look "
				    "like { dasar = 3, hitung = 2 }");
			else if (qz->ntags == QUIZSPEC_MAX_TAGS)
				quizspec_errf(c, line, "'pick' names more than %d "
				    "tags", QUIZSPEC_MAX_TAGS);
			else {
				memcpy(qz->tags[qz->ntags].name,
				    lua_tostring(L, -2), lua_rawlen(L, -2) + 1);
				qz->tags[qz->ntags++].pick = n;
			}
			lua_pop(L, 1);
		}
	} else if (ty != LUA_TNIL)
		quizspec_errf(c, line, "'pick' must be a number or { tag = n }");
	lua_pop(L, 1);
}

static void
parse_header(lua_State *L, int t, struct quiz *qz, struct quizspec_ctx *c,
    int line)
{
	char	*s = NULL;
	int	 i;

	if (qz->header_line > 0) {
		quizspec_errf(c, line, "second quiz { ... } (first at line %d)",
		    qz->header_line);
		return;
	}
	qz->header_line = line;
	check_fields(L, t, kind_fields[KIND_QUIZ], NULL, c, line);
	if (get_string(L, t, "title", &s, 1, c, line) == 0 &&
	    strlen(s) >= sizeof(qz->info.title))
		quizspec_errf(c, line, "'title' is longer than %zu bytes",
		    sizeof(qz->info.title) - 1);
	else if (s != NULL)
		memcpy(qz->info.title, s, strlen(s) + 1);
	free(s);
	s = NULL;
	get_int(L, t, "pass", &qz->info.pass, 0, 100, c, line);
	get_int(L, t, "attempts", &qz->info.attempts, 0, 1000, c, line);
	get_bool(L, t, "shuffle", &qz->info.shuffle, c, line);
	if (get_string(L, t, "time_limit", &s, 0, c, line) == 0 && s != NULL &&
	    (qz->info.time_limit_s = answer_duration(s, QUIZ_TIME_LIMIT_MAX))
	    < 0) {
		quizspec_errf(c, line, "'time_limit' must look like \"90s\", "
		    "\"20m\", \"1h\" or \"1h30m\" (at most 24h)");
		qz->info.time_limit_s = 0;
	}
	free(s);
	s = NULL;
	if (get_string(L, t, "review", &s, 0, c, line) == 0 && s != NULL) {
		for (i = 0; i < 4 && strcmp(s, review_names[i]) != 0; i++)
			;
		if (i == 4)
			quizspec_errf(c, line, "'review' must be \"after_submit\", "
			    "\"after_pass\", \"score_only\" or \"never\"");
		else
			qz->info.review = (enum quiz_review)i;
	}
	free(s);
	parse_pick(L, t, qz, c, line);
}

static int
tag_cmp(const void *a, const void *b)
{
	return strcmp(((const struct quizspec_tag *)a)->name,
	    ((const struct quizspec_tag *)b)->name);
}

/* Runs protected (allocation may raise): walks the DSL call list. */
int
quizspec_parse_all(lua_State *L)
{
	struct quizspec_ctx	*c = lua_touserdata(L, 1);
	struct quiz		*qz = c->qz;
	lua_Integer		 n, i;
	int			 kind, line, top;

	lua_rawgetp(L, LUA_REGISTRYINDEX, &reg_key);
	n = (lua_Integer)lua_rawlen(L, 2);
	for (i = 1; i <= n; i++) {
		lua_rawgeti(L, 2, i);
		lua_rawgeti(L, -1, 1);
		lua_rawgeti(L, -2, 2);
		lua_rawgeti(L, -3, 3);
		kind = (int)lua_tointeger(L, -2);
		line = (int)lua_tointeger(L, -1);
		lua_pop(L, 2);
		top = lua_gettop(L);
		c->call = (int)i - 1;
		c->id = NULL;
		if (kind == KIND_QUIZ)
			parse_header(L, top, qz, c, line);
		else if (qz->nq == QUIZ_MAX_QUESTIONS)
			quizspec_errf(c, line, "more than %d questions",
			    QUIZ_MAX_QUESTIONS);
		else
			parse_question(L, top, kind, line, qz, c);
		lua_settop(L, 2);
	}
	return 0;
}

/* Pool checks once every question is known. */
void
quizspec_finish(struct quiz *qz, struct quizspec_ctx *c)
{
	int	 i, j, have, total = 0;

	c->id = NULL;
	if (qz->header_line == 0)
		quizspec_errf(c, 0, "missing quiz { title = \"...\" } header");
	if (qz->nq == 0)
		quizspec_errf(c, qz->header_line, "the quiz has no questions");
	qsort(qz->tags, (size_t)qz->ntags, sizeof(qz->tags[0]), tag_cmp);
	for (i = 0; i < qz->ntags; i++) {
		for (have = 0, j = 0; j < qz->nq; j++)
			have += qz->q[j].tag != NULL &&
			    strcmp(qz->q[j].tag, qz->tags[i].name) == 0;
		if (qz->tags[i].pick > have)
			quizspec_errf(c, qz->header_line, "pick %s = %d is larger "
			    "than the %d question(s) tagged \"%s\"",
			    qz->tags[i].name, qz->tags[i].pick, have,
			    qz->tags[i].name);
		total += qz->tags[i].pick;
	}
	if (qz->ntags > 0)
		qz->info.pick = total;
	else if (qz->info.pick > qz->nq && qz->nq > 0)
		quizspec_errf(c, qz->header_line, "pick = %d is larger than the "
		    "pool of %d question(s)", qz->info.pick, qz->nq);
	qz->info.npool = qz->nq;
	qz->info.nquestions = qz->info.pick > 0 && qz->info.pick <= qz->nq ?
	    qz->info.pick : qz->nq;
	for (i = 0; i < qz->nq; i++)
		qz->needs_lua |= qz->q[i].generated || qz->q[i].scored;
}

void
quizspec_question_clear(struct question *q)
{
	int	 i;

	free(q->text);
	free(q->feedback);
	free(q->tag);
	for (i = 0; i < QUIZ_MAX_CHOICES; i++) {
		free(q->left[i]);
		free(q->right[i]);
	}
	memset(q, 0, sizeof(*q));
}

