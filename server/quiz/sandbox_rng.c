/*
 * sandbox_rng: the seeded random sources quizzes use (see sandbox.h):
 * sandbox_mix, xoshiro256** (struct sandbox_rng), the Lua rng userdata
 * and math.random reseeded from C.
 */
#include <stdint.h>
#include <string.h>

#include <lauxlib.h>
#include <lualib.h>
#include <sodium.h>

#include "sandbox.h"

#define RNG_META	"lentera.rng"

static const char randomseed_key = 0;	/* registry: math.randomseed */

static int rng_int(lua_State *);
static int rng_float(lua_State *);
static int rng_pick(lua_State *);
static int rng_shuffle(lua_State *);

/* Runs inside sandbox_new's protected setup. */
void
sandbox_rng_open(lua_State *L)
{
	static const luaL_Reg rng[] = { { "int", rng_int },
		{ "float", rng_float }, { "pick", rng_pick },
		{ "shuffle", rng_shuffle }, { NULL, NULL } };

	/* Keep math.randomseed for C only (sandbox_seed_math). */
	lua_getglobal(L, LUA_MATHLIBNAME);
	lua_getfield(L, -1, "randomseed");
	lua_rawsetp(L, LUA_REGISTRYINDEX, &randomseed_key);
	lua_pushnil(L);
	lua_setfield(L, -2, "randomseed");
	lua_pop(L, 1);

	luaL_newmetatable(L, RNG_META);
	luaL_newlib(L, rng);
	lua_setfield(L, -2, "__index");
	lua_pushboolean(L, 0);
	lua_setfield(L, -2, "__metatable");
	lua_pop(L, 1);
	sandbox_seed_math(L, 0);
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
	lua_rawgetp(L, LUA_REGISTRYINDEX, &randomseed_key);
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
