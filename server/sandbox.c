/* sandbox: Lua states for hostile trainer scripts. See sandbox.h. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>
#include <sodium.h>

#include "buf.h"
#include "sandbox.h"

#define RNG_META	"lentera.rng"

/* One per state, reachable through lua_getallocf: allocator and budget. */
/*
 * The deadline is on this thread's CPU clock, not the wall: on a busy
 * server (an exam start) a script may wait for a core longer than its
 * whole budget, and that must not fail a learner's paper. A sleeping or
 * blocked script cannot exist here (no I/O), so CPU time bounds it.
 */
#define SANDBOX_CLOCK	CLOCK_THREAD_CPUTIME_ID

struct guard {
	size_t		 used;
	long		 insns;
	int		 spent;
	int		 deep;		/* C stack limit hit */
	const char	*stack_base;	/* C stack at sandbox_pcall entry */
	struct timespec	 deadline;
};

static void	*guard_alloc(void *, void *, size_t, size_t);
static void	 hook(lua_State *, lua_Debug *);

static struct guard *
guard_of(lua_State *L)
{
	void	*ud;

	lua_getallocf(L, &ud);
	return ud;
}

static void *
guard_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
	struct guard	*g = ud;
	void		*p;

	if (ptr == NULL)
		osize = 0;	/* osize then encodes the object type */
	if (nsize == 0) {
		free(ptr);
		g->used -= osize;
		return NULL;
	}
	if (nsize > osize && nsize - osize > SANDBOX_MEM_MAX - g->used)
		return NULL;
	if ((p = realloc(ptr, nsize)) == NULL)
		return NULL;
	g->used = g->used - osize + nsize;
	return p;
}

static int
past_deadline(const struct guard *g)
{
	struct timespec	 now;

	clock_gettime(SANDBOX_CLOCK, &now);
	return now.tv_sec > g->deadline.tv_sec ||
	    (now.tv_sec == g->deadline.tv_sec &&
	    now.tv_nsec > g->deadline.tv_nsec);
}

/*
 * Count events charge the budget; call events catch loops around slow C
 * functions between count events. Once spent, fire on every instruction so
 * a pcall in the script cannot swallow the error and carry on.
 */
/*
 * The hook also bounds the C stack. Lua nests C frames (pcall, gsub with
 * a function, sort with a comparator) up to 200 deep, and Debian's
 * CivetWeb gives its workers only a 100 KiB stack: every call event
 * checks how far below sandbox_pcall's frame the stack has grown.
 */
static void
hook(lua_State *L, lua_Debug *ar)
{
	struct guard	*g = guard_of(L);
	char		 here;

	if (!g->spent) {
		if (ar->event == LUA_HOOKCOUNT)
			g->insns += SANDBOX_HOOK_EVERY;
		if (g->stack_base && g->stack_base - &here >
		    (ptrdiff_t)SANDBOX_CSTACK_MAX)
			g->deep = 1;
		if (!g->deep && g->insns <= SANDBOX_INSN_MAX &&
		    !past_deadline(g))
			return;
		g->spent = 1;
		lua_sethook(L, hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
	}
	if (g->deep)
		luaL_error(L, "script nests calls too deeply (C stack limit "
		    "%d KiB)", (int)(SANDBOX_CSTACK_MAX >> 10));
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 &&
	    ar->source[0] == '@')
		luaL_error(L, "%s:%d: script ran too long (limit %d ms or %d "
		    "instructions)", ar->source + 1, ar->currentline,
		    SANDBOX_TIME_MS, (int)SANDBOX_INSN_MAX);
	luaL_error(L, "script ran too long (limit %d ms or %d instructions)",
	    SANDBOX_TIME_MS, (int)SANDBOX_INSN_MAX);
}

/* Lua pattern matching backtracks in C, out of the hook's reach. */
static int
pattern_quantifiers(const char *p, size_t n)
{
	size_t	 i = 0;
	int	 q = 0;

	while (i < n) {
		if (p[i] == '%' && i + 1 < n) {
			if (p[i + 1] >= '0' && p[i + 1] <= '9')
				q++;
			else if (p[i + 1] == 'b') {
				q++;
				i += 2;
			}
			i += 2;
		} else if (p[i] == '[') {
			i++;
			if (i < n && p[i] == '^')
				i++;
			if (i < n && p[i] == ']')
				i++;
			while (i < n && p[i] != ']')
				i += (p[i] == '%') ? 2 : 1;
			i++;
		} else
			i++;
		if (i < n && strchr("*+-?", p[i]) != NULL) {
			q++;
			i++;
		}
	}
	return q;
}

static int
guarded_pattern(lua_State *L)
{
	size_t		 slen, plen;
	const char	*p;
	double		 cost;
	int		 q, plain;

	luaL_checklstring(L, 1, &slen);
	p = luaL_checklstring(L, 2, &plen);
	plain = lua_toboolean(L, lua_upvalueindex(2)) && lua_toboolean(L, 4);
	if (plain) {
		if (slen > SANDBOX_STR_MAX)
			return luaL_error(L, "string too long to search");
	} else {
		if (plen > SANDBOX_PAT_LEN_MAX)
			return luaL_error(L, "pattern longer than %d bytes",
			    SANDBOX_PAT_LEN_MAX);
		if (slen > SANDBOX_PAT_SUBJ_MAX)
			return luaL_error(L, "string too long for a pattern "
			    "(limit %d bytes)", (int)SANDBOX_PAT_SUBJ_MAX);
		q = pattern_quantifiers(p, plen);
		cost = pow((double)slen + 1, q + 1);
		if (cost > SANDBOX_PAT_COST_MAX)
			return luaL_error(L, "pattern too complex for a string "
			    "of %d bytes (fewer *, +, -, ? or a shorter string)",
			    (int)slen);
	}
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
	return lua_gettop(L);
}

static int
guarded_rep(lua_State *L)
{
	size_t		 len, slen = 0;
	lua_Integer	 n;

	luaL_checklstring(L, 1, &len);
	n = luaL_checkinteger(L, 2);
	luaL_optlstring(L, 3, "", &slen);
	if (n > 0 && (double)(len + slen) * (double)n > (double)SANDBOX_STR_MAX)
		return luaL_error(L, "string.rep result too long (limit %d "
		    "bytes)", (int)SANDBOX_STR_MAX);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int
guarded_format(lua_State *L)
{
	size_t	 len;

	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	lua_tolstring(L, -1, &len);
	if (len > SANDBOX_STR_MAX)
		return luaL_error(L, "string.format result too long");
	return 1;
}

static int
guarded_move(lua_State *L)
{
	lua_Integer	 f, e;

	f = luaL_checkinteger(L, 2);
	e = luaL_checkinteger(L, 3);
	if (e >= f && (f <= 0 ? e > SANDBOX_MOVE_MAX + f :
	    e - f >= SANDBOX_MOVE_MAX))
		return luaL_error(L, "table.move range too large");
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_insert(L, 1);
	lua_call(L, lua_gettop(L) - 1, 1);
	return 1;
}

static int
key_rank(lua_State *L, int i)
{
	switch (lua_type(L, i)) {
	case LUA_TNUMBER:
		return 0;
	case LUA_TSTRING:
		return 1;
	case LUA_TBOOLEAN:
		return 2;
	default:
		return 3;
	}
}

/* Total order on keys that does not depend on addresses or hash seeds. */
static int
key_less(lua_State *L)
{
	const char	*a, *b;
	size_t		 na, nb;
	int		 ra = key_rank(L, 1), rb = key_rank(L, 2), c;

	if (ra != rb)
		lua_pushboolean(L, ra < rb);
	else if (ra == 0)
		lua_pushboolean(L, lua_compare(L, 1, 2, LUA_OPLT));
	else if (ra == 1) {
		a = lua_tolstring(L, 1, &na);
		b = lua_tolstring(L, 2, &nb);
		c = memcmp(a, b, na < nb ? na : nb);
		lua_pushboolean(L, c < 0 || (c == 0 && na < nb));
	} else if (ra == 2)
		lua_pushboolean(L, !lua_toboolean(L, 1) && lua_toboolean(L, 2));
	else
		lua_pushboolean(L, 0);
	return 1;
}

static int
sorted_next(lua_State *L)
{
	lua_Integer	 i = lua_tointeger(L, lua_upvalueindex(2)) + 1;

	lua_pushinteger(L, i);
	lua_replace(L, lua_upvalueindex(2));
	if (lua_rawgeti(L, lua_upvalueindex(1), i) == LUA_TNIL)
		return 1;
	lua_pushvalue(L, -1);
	lua_rawget(L, lua_upvalueindex(3));
	return 2;
}

/*
 * pairs() in key order: Lua's own order follows a per-process hash seed,
 * and papers must come out the same after a server restart.
 */
static int
sorted_pairs(lua_State *L)
{
	lua_Integer	 n = 0;

	luaL_checktype(L, 1, LUA_TTABLE);
	lua_settop(L, 1);
	lua_newtable(L);
	lua_pushnil(L);
	while (lua_next(L, 1) != 0) {
		lua_pop(L, 1);
		lua_pushvalue(L, -1);
		lua_rawseti(L, 2, ++n);
	}
	lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&sorted_pairs);
	lua_pushvalue(L, 2);
	lua_pushcfunction(L, key_less);
	lua_call(L, 2, 0);		/* table.sort(keys, key_less) */
	lua_pushinteger(L, 0);
	lua_pushvalue(L, 1);
	lua_pushcclosure(L, sorted_next, 3);
	lua_pushvalue(L, 1);
	lua_pushnil(L);
	return 3;
}

/* Replace lib[name] (lib at the top) by f with the original as upvalue 1. */
static void
wrap(lua_State *L, const char *name, lua_CFunction f, int plainarg)
{
	lua_getfield(L, -1, name);
	lua_pushboolean(L, plainarg);
	lua_pushcclosure(L, f, 2);
	lua_setfield(L, -2, name);
}

static void
drop(lua_State *L, const char *name)
{
	lua_pushnil(L);
	lua_setfield(L, -2, name);
}

static int rng_int(lua_State *);
static int rng_float(lua_State *);
static int rng_pick(lua_State *);
static int rng_shuffle(lua_State *);

static int
open_libs(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base }, { LUA_STRLIBNAME, luaopen_string },
		{ LUA_TABLIBNAME, luaopen_table },
		{ LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 }, { NULL, NULL }
	};
	static const char *const basedrop[] = { "load", "loadfile", "dofile",
		"require", "collectgarbage", "rawset", "rawget", "rawequal",
		"rawlen", "setmetatable", "getmetatable", "print", NULL };
	static const luaL_Reg rng[] = { { "int", rng_int },
		{ "float", rng_float }, { "pick", rng_pick },
		{ "shuffle", rng_shuffle }, { NULL, NULL } };
	const luaL_Reg		*l;
	const char *const	*d;

	for (l = libs; l->name != NULL; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	for (d = basedrop; *d != NULL; d++)
		drop(L, *d);
	lua_pop(L, 1);

	lua_getglobal(L, LUA_STRLIBNAME);
	drop(L, "dump");
	wrap(L, "find", guarded_pattern, 1);
	wrap(L, "match", guarded_pattern, 0);
	wrap(L, "gmatch", guarded_pattern, 0);
	wrap(L, "gsub", guarded_pattern, 0);
	wrap(L, "rep", guarded_rep, 0);
	wrap(L, "format", guarded_format, 0);
	lua_pop(L, 1);
	lua_pushliteral(L, "");		/* lock the string metatable */
	lua_getmetatable(L, -1);
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 2);

	lua_getglobal(L, LUA_TABLIBNAME);
	wrap(L, "move", guarded_move, 0);
	lua_getfield(L, -1, "sort");
	lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&sorted_pairs);
	lua_pop(L, 1);
	lua_pushcfunction(L, sorted_pairs);
	lua_setglobal(L, "pairs");

	/* Keep math.randomseed for C only (sandbox_seed_math). */
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_getfield(L, -1, "randomseed");
	lua_rawsetp(L, LUA_REGISTRYINDEX, (void *)&open_libs);
	drop(L, "randomseed");
	lua_pop(L, 1);

	luaL_newmetatable(L, RNG_META);
	luaL_newlib(L, rng);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	sandbox_seed_math(L, 0);
	return 0;
}

lua_State *
sandbox_new(void)
{
	struct guard	*g;
	lua_State	*L;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	if ((L = lua_newstate(guard_alloc, g)) == NULL)
		goto err;
	lua_pushcfunction(L, open_libs);
	if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
		lua_close(L);
		goto err;
	}
	return L;
err:
	free(g);
	return NULL;
}

void
sandbox_close(lua_State *L)
{
	struct guard	*g;

	if (L == NULL)
		return;
	g = guard_of(L);
	lua_close(L);
	free(g);
}

static void
report(lua_State *L, int status, const char *name, struct buf *err)
{
	const char	*msg;

	if (status == LUA_ERRMEM)
		buf_addf(err, "%s: script used too much memory (limit %d "
		    "MiB)\n", name, (int)(SANDBOX_MEM_MAX >> 20));
	else if ((msg = lua_tostring(L, -1)) != NULL)
		buf_addf(err, "%s%s%.500s\n", strncmp(msg, name,
		    strlen(name)) == 0 ? "" : name, strncmp(msg, name,
		    strlen(name)) == 0 ? "" : ": ", msg);
	else
		buf_addf(err, "%s: script raised a %s value as error\n", name,
		    luaL_typename(L, -1));
}

int
sandbox_pcall(lua_State *L, int nargs, int nresults, const char *name,
    struct buf *err)
{
	struct guard	*g = guard_of(L);
	int		 status;

	g->insns = 0;
	g->spent = 0;
	g->deep = 0;
	g->stack_base = (const char *)&status;
	clock_gettime(SANDBOX_CLOCK, &g->deadline);
	g->deadline.tv_nsec += (long)SANDBOX_TIME_MS * 1000000L;
	g->deadline.tv_sec += g->deadline.tv_nsec / 1000000000L;
	g->deadline.tv_nsec %= 1000000000L;
	lua_sethook(L, hook, LUA_MASKCOUNT | LUA_MASKCALL, SANDBOX_HOOK_EVERY);
	status = lua_pcall(L, nargs, nresults, 0);
	lua_sethook(L, NULL, 0, 0);
	if (status == LUA_OK)
		return 0;
	report(L, status, name, err);
	return -1;
}

static int
load(lua_State *L, const char *p, size_t len, const char *name,
    const char *mode, struct buf *err)
{
	char	 chunkname[512];
	int	 status;

	snprintf(chunkname, sizeof(chunkname), "@%s", name);
	status = luaL_loadbufferx(L, p, len, chunkname, mode);
	if (status == LUA_OK)
		return 0;
	report(L, status, name, err);
	lua_pop(L, 1);
	return -1;
}

int
sandbox_load_text(lua_State *L, const char *src, size_t len,
    const char *name, struct buf *err)
{
	return load(L, src, len, name, "t", err);
}

int
sandbox_load_chunk(lua_State *L, const void *chunk, size_t len,
    const char *name, struct buf *err)
{
	return load(L, chunk, len, name, "b", err);
}

uint64_t
sandbox_mix(uint64_t seed, const char *domain, const char *id)
{
	crypto_generichash_state	 st;
	unsigned char			 in[8], out[8];
	uint64_t			 r = 0;
	int				 i;

	for (i = 0; i < 8; i++)
		in[i] = (unsigned char)(seed >> (8 * i));
	crypto_generichash_init(&st, NULL, 0, sizeof(out));
	crypto_generichash_update(&st, in, sizeof(in));
	crypto_generichash_update(&st, (const unsigned char *)domain,
	    strlen(domain) + 1);
	crypto_generichash_update(&st, (const unsigned char *)id,
	    strlen(id) + 1);
	crypto_generichash_final(&st, out, sizeof(out));
	for (i = 0; i < 8; i++)
		r |= (uint64_t)out[i] << (8 * i);
	return r;
}

static uint64_t
splitmix(uint64_t *x)
{
	uint64_t	 z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void
sandbox_rng_init(struct sandbox_rng *r, uint64_t seed)
{
	int	 i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t
sandbox_rng_next(struct sandbox_rng *r)
{
	uint64_t	*s = r->s, res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

uint64_t
sandbox_rng_below(struct sandbox_rng *r, uint64_t n)
{
	uint64_t	 x, lim;

	if (n == 0)
		return sandbox_rng_next(r);	/* the full 2^64 range */
	lim = UINT64_MAX - UINT64_MAX % n;
	do
		x = sandbox_rng_next(r);
	while (x >= lim);
	return x % n;
}

void
sandbox_rng_perm(struct sandbox_rng *r, int *perm, int n)
{
	int	 i, j, t;

	for (i = 0; i < n; i++)
		perm[i] = i;
	for (i = n - 1; i > 0; i--) {
		j = (int)sandbox_rng_below(r, (uint64_t)i + 1);
		t = perm[i];
		perm[i] = perm[j];
		perm[j] = t;
	}
}

void
sandbox_push_rng(lua_State *L, uint64_t seed)
{
	struct sandbox_rng	*r;

	r = lua_newuserdatauv(L, sizeof(*r), 0);
	sandbox_rng_init(r, seed);
	luaL_setmetatable(L, RNG_META);
}

void
sandbox_seed_math(lua_State *L, uint64_t seed)
{
	lua_rawgetp(L, LUA_REGISTRYINDEX, (void *)&open_libs);
	lua_pushinteger(L, (lua_Integer)(seed & 0x7fffffffffffffffULL));
	lua_pushinteger(L, (lua_Integer)(seed >> 33));
	lua_call(L, 2, 0);
}

static int
rng_int(lua_State *L)
{
	struct sandbox_rng	*r = luaL_checkudata(L, 1, RNG_META);
	lua_Integer		 a, b;

	a = luaL_checkinteger(L, 2);
	b = luaL_checkinteger(L, 3);
	luaL_argcheck(L, a <= b, 3, "empty interval");
	lua_pushinteger(L, (lua_Integer)((uint64_t)a + sandbox_rng_below(r,
	    (uint64_t)b - (uint64_t)a + 1)));
	return 1;
}

static int
rng_float(lua_State *L)
{
	struct sandbox_rng	*r = luaL_checkudata(L, 1, RNG_META);

	lua_pushnumber(L, (double)(sandbox_rng_next(r) >> 11) * 0x1p-53);
	return 1;
}

static int
rng_pick(lua_State *L)
{
	struct sandbox_rng	*r = luaL_checkudata(L, 1, RNG_META);
	lua_Integer		 n;

	luaL_checktype(L, 2, LUA_TTABLE);
	n = luaL_len(L, 2);
	luaL_argcheck(L, n > 0, 2, "empty list");
	lua_geti(L, 2, 1 + (lua_Integer)sandbox_rng_below(r, (uint64_t)n));
	return 1;
}

static int
rng_shuffle(lua_State *L)
{
	struct sandbox_rng	*r = luaL_checkudata(L, 1, RNG_META);
	lua_Integer		 n, i, j;

	luaL_checktype(L, 2, LUA_TTABLE);
	n = luaL_len(L, 2);
	for (i = n; i > 1; i--) {
		j = 1 + (lua_Integer)sandbox_rng_below(r, (uint64_t)i);
		lua_geti(L, 2, i);
		lua_geti(L, 2, j);
		lua_seti(L, 2, i);
		lua_seti(L, 2, j);
	}
	lua_settop(L, 2);
	return 1;
}
