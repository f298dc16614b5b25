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
 * (SANDBOX_TIME_MS), both also capped by what is left of the state's own
 * budget (SANDBOX_STATE_*: all runs of one paper or grading together) and
 * of the thread's pool (sandbox_pool_begin). Once one is spent, every
 * further instruction and call raises again, so pcall inside the script
 * cannot swallow it. Every Lua frame runs under it: xpcall is replaced by
 * a version whose message handler runs after unwinding, as an ordinary
 * call (Lua would run it inside our hook, with hooks off); a watchdog
 * thread reads each run's thread CPU clock and stops overdue runs from
 * outside (lua_sethook). Returns 0, or -1 after appending "<name>:
 * <message>\n" (Lua messages already start with "path:line:") to err;
 * the stack is then as after lua_pcall.
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
#define SANDBOX_STATE_TIME_MS	1000	/* CPU for all runs of one state */
#define SANDBOX_STATE_INSN_MAX	20000000L	/* instructions, idem */
#define SANDBOX_WATCH_MS	20	/* watchdog period */
#define SANDBOX_STUCK_MS	2000	/* past the deadline: "does not stop" */
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
/*
 * A thread-wide budget across states (loading and checking one quiz):
 * runs between begin and end share ms of CPU time; end returns -1 when
 * it was used up.
 */
void		 sandbox_pool_begin(int ms);
int		 sandbox_pool_end(void);
/* `lentera check`: exit(3) when a script cannot be stopped. */
void		 sandbox_set_stuck_fatal(int);
/* How many runs the watchdog had to stop from outside (tests). */
long		 sandbox_watchdog_stops(void);
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
/* sandbox_rng.c, for sandbox_new: the rng metatable, math.randomseed. */
void		 sandbox_rng_open(lua_State *);
void		 sandbox_seed_math(lua_State *, uint64_t seed);

#endif
