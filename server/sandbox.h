/*
 * sandbox: Lua 5.4 states for hostile trainer scripts, plus the seeded
 * random sources quizzes use.
 *
 * sandbox_new() returns a fresh state (or NULL when out of memory) with:
 * a capped allocator (SANDBOX_MEM_MAX); only base, string, table, math
 * and utf8; no load/loadfile/dofile/require/collectgarbage, no raw
 * access or metatable functions, string.dump, math.randomseed, print or coroutine;
 * a locked string metatable; pattern functions refused when their worst
 * case could outlast the hook (subject/pattern/complexity limits);
 * string.rep/format and table.move bounded. The caller owns the state and
 * closes it with sandbox_close() (never lua_close: the allocator's
 * bookkeeping is freed there).
 *
 * sandbox_pcall() runs the function below nargs arguments with a fresh
 * instruction budget (SANDBOX_INSN_MAX) and CPU-time deadline
 * (SANDBOX_TIME_MS). Once either is spent, every further instruction and
 * call raises again, so pcall inside the script cannot swallow it. Returns
 * 0, or -1 after appending "<name>: <message>\n" (Lua messages already
 * start with "path:line:") to err; the stack is then as after lua_pcall.
 *
 * sandbox_load_text() compiles trainer source in text mode only;
 * sandbox_load_chunk() loads bytecode this process produced itself with
 * lua_dump (never bytes from outside).
 *
 * Random sources: sandbox_mix() derives a 64-bit seed from (seed, domain,
 * id) with BLAKE2b, so each question's randomness is independent of the
 * others. struct sandbox_rng is xoshiro256** seeded by splitmix64;
 * sandbox_push_rng() pushes a Lua userdata with :int(a,b), :float(),
 * :pick(t), :shuffle(t); sandbox_seed_math() reseeds math.random from C
 * (the script cannot: math.randomseed is removed).
 */
#ifndef LENTERA_SANDBOX_H
#define LENTERA_SANDBOX_H

#include <stddef.h>
#include <stdint.h>

#include <lua.h>

struct buf;

#define SANDBOX_MEM_MAX		((size_t)8 << 20)	/* bytes per state */
#define SANDBOX_INSN_MAX	5000000L	/* VM instructions per run */
#define SANDBOX_TIME_MS		250		/* thread CPU time per run */
#define SANDBOX_HOOK_EVERY	1000		/* instructions between checks */
#define SANDBOX_STR_MAX		((size_t)1 << 20)	/* rep/format output */
#define SANDBOX_PAT_LEN_MAX	128		/* pattern bytes */
#define SANDBOX_PAT_SUBJ_MAX	((size_t)64 << 10)	/* subject bytes */
#define SANDBOX_PAT_COST_MAX	2e6	/* subject_len^(quantifiers+1) */
#define SANDBOX_CSTACK_MAX	((size_t)48 << 10)	/* C stack a script may use */
#define SANDBOX_MOVE_MAX	((lua_Integer)1 << 20)	/* table.move span */

struct sandbox_rng {
	uint64_t	 s[4];
};

lua_State	*sandbox_new(void);
void		 sandbox_close(lua_State *);
int		 sandbox_pcall(lua_State *, int nargs, int nresults,
		    const char *name, struct buf *err);
int		 sandbox_load_text(lua_State *, const char *src, size_t len,
		    const char *name, struct buf *err);
int		 sandbox_load_chunk(lua_State *, const void *chunk, size_t len,
		    const char *name, struct buf *err);

uint64_t	 sandbox_mix(uint64_t seed, const char *domain, const char *id);
void		 sandbox_rng_init(struct sandbox_rng *, uint64_t seed);
uint64_t	 sandbox_rng_next(struct sandbox_rng *);
/* Uniform in [0, n) without modulo bias; n >= 1. */
uint64_t	 sandbox_rng_below(struct sandbox_rng *, uint64_t n);
/* Fisher-Yates over perm[0..n); perm is filled with 0..n-1 first. */
void		 sandbox_rng_perm(struct sandbox_rng *, int *perm, int n);
void		 sandbox_push_rng(lua_State *, uint64_t seed);
void		 sandbox_seed_math(lua_State *, uint64_t seed);

#endif
