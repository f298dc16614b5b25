/* sandbox: Lua states for hostile trainer scripts. See sandbox.h. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>
#include <lualib.h>

#include "buf.h"
#include "log.h"
#include "sandbox.h"


/* One per state, reachable through lua_getallocf: allocator and budget. */
/*
 * The deadline is on this thread's CPU clock, not the wall: on a busy
 * server (an exam start) a script may wait for a core longer than its
 * whole budget, and that must not fail a learner's paper. A sleeping or
 * blocked script cannot exist here (no I/O), so CPU time bounds it.
 */
#define SANDBOX_CLOCK	CLOCK_THREAD_CPUTIME_ID

/* Why a run was stopped: picks the message. */
enum stop_why { WHY_RUN, WHY_STATE, WHY_POOL };

struct guard {
	size_t		 used;
	long		 insns;
	long		 insn_limit;	/* this run: min(run, state left) */
	int		 spent;
	int		 deep;		/* C stack limit hit */
	atomic_int	 stopped;	/* set by the watchdog thread */
	enum stop_why	 why;
	const char	*stack_base;	/* C stack at sandbox_pcall entry */
	struct timespec	 deadline;
	long long	 state_ns_left;	/* CPU left for the whole state */
	long		 state_insn_left;
};

/*
 * A thread's pool: one budget shared by every run on this thread between
 * sandbox_pool_begin and sandbox_pool_end (a whole quiz being checked).
 */
static _Thread_local struct {
	int		 on;
	long long	 ns_left;
	long		 ms;
} pool;

/*
 * The watchdog: every run registers here, and a thread of our own reads
 * each running thread's CPU clock. The in-hook check is the normal way a
 * script stops; the watchdog is for code the hook does not reach in time
 * (it re-arms the hook from outside, which lua_sethook allows from another
 * thread or a signal handler), and it names a run that still does not
 * stop: Lua runs no hook while one is already running (allowhook = 0,
 * ldo.c luaD_hook) or inside a __gc metamethod (lgc.c GCTM), and the
 * sandbox keeps trainer code out of both (no xpcall message handler runs
 * inside our hook; no metatables).
 */
struct watch {
	lua_State	*L;
	struct guard	*g;
	const char	*name;
	clockid_t	 clk;
	struct timespec	 deadline;
	int		 fired, told;
	struct watch	*prev, *next;
};

static pthread_mutex_t	 watch_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 watch_cv = PTHREAD_COND_INITIALIZER;
static struct watch	*watch_head;
static pthread_once_t	 watch_once = PTHREAD_ONCE_INIT;
static atomic_int	 watch_running;
static atomic_int	 stuck_fatal;
static atomic_long	 watch_fired_count;

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
	char		 limit[160];

	if (!g->spent) {
		if (ar->event == LUA_HOOKCOUNT)
			g->insns += SANDBOX_HOOK_EVERY;
		if (g->stack_base && g->stack_base - &here >
		    (ptrdiff_t)SANDBOX_CSTACK_MAX)
			g->deep = 1;
		if (!g->deep && g->insns <= g->insn_limit &&
		    !atomic_load(&g->stopped) && !past_deadline(g))
			return;
		g->spent = 1;
		lua_sethook(L, hook, LUA_MASKCOUNT | LUA_MASKCALL, 1);
	}
	if (g->deep)
		luaL_error(L, "script nests calls too deeply (C stack limit "
		    "%d KiB)", (int)(SANDBOX_CSTACK_MAX >> 10));
	if (g->why == WHY_POOL)
		snprintf(limit, sizeof(limit), "the quiz's scripts took too "
		    "long together (limit %ld ms of CPU to load and check a "
		    "quiz)", pool.ms);
	else if (g->why == WHY_STATE)
		snprintf(limit, sizeof(limit), "the scripts of one paper or "
		    "grading took too long together (limit %d ms or %ld "
		    "instructions)", SANDBOX_STATE_TIME_MS,
		    (long)SANDBOX_STATE_INSN_MAX);
	else
		snprintf(limit, sizeof(limit), "script ran too long (limit %d "
		    "ms or %d instructions)", SANDBOX_TIME_MS,
		    (int)SANDBOX_INSN_MAX);
	if (lua_getinfo(L, "Sl", ar) && ar->currentline > 0 &&
	    ar->source[0] == '@')
		luaL_error(L, "%s:%d: %s", ar->source + 1, ar->currentline,
		    limit);
	luaL_error(L, "%s", limit);
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

/*
 * xpcall without a Lua message handler inside the VM's error path. Lua
 * calls a handler at the point of the error, and when that error is the
 * budget's (raised in our hook) the handler runs inside the hook, where
 * Lua runs no hooks at all (allowhook = 0): a handler that loops could
 * never be stopped. Here the protected call unwinds first and the handler
 * then runs as an ordinary call, under the same budget as any other Lua
 * frame. An error in the handler is returned like the original one (Lua
 * returns an "error in error handling" there); either way a spent budget
 * raises again on the next instruction.
 */
static int
sb_xpcall(lua_State *L)
{
	int	 n = lua_gettop(L);

	luaL_checktype(L, 2, LUA_TFUNCTION);
	lua_pushboolean(L, 1);
	lua_pushvalue(L, 1);
	lua_rotate(L, 3, 2);		/* f, msgh, true, f, args... */
	if (lua_pcall(L, n - 2, LUA_MULTRET, 0) == LUA_OK)
		return lua_gettop(L) - 2;
	lua_pushvalue(L, 2);
	lua_insert(L, -2);		/* f, msgh, true, msgh, err */
	lua_pcall(L, 1, 1, 0);
	lua_pushboolean(L, 0);
	lua_insert(L, -2);
	return 2;
}

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
	const luaL_Reg		*l;
	const char *const	*d;

	for (l = libs; l->name != NULL; l++) {
		luaL_requiref(L, l->name, l->func, 1);
		lua_pop(L, 1);
	}
	lua_pushglobaltable(L);
	for (d = basedrop; *d != NULL; d++)
		drop(L, *d);
	lua_pushcfunction(L, sb_xpcall);
	lua_setfield(L, -2, "xpcall");
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

	sandbox_rng_open(L);
	return 0;
}

lua_State *
sandbox_new(void)
{
	struct guard	*g;
	lua_State	*L;

	if ((g = calloc(1, sizeof(*g))) == NULL)
		return NULL;
	g->state_ns_left = (long long)SANDBOX_STATE_TIME_MS * 1000000LL;
	g->state_insn_left = SANDBOX_STATE_INSN_MAX;
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

/*
 * Lua shortens chunk names in messages to LUA_IDSIZE ("...s/quiz.lua:3:
 * boom"); when that tail belongs to name, return where the line number
 * starts so the caller can print the whole path.
 */
static const char *
short_src_tail(const char *msg, const char *name)
{
	const char	*colon;
	size_t		 tail, nlen = strlen(name);

	if (strncmp(msg, "...", 3) != 0 || (colon = strchr(msg + 3, ':')) ==
	    NULL || colon[1] < '0' || colon[1] > '9')
		return NULL;
	tail = (size_t)(colon - (msg + 3));
	if (tail > nlen || memcmp(name + nlen - tail, msg + 3, tail) != 0)
		return NULL;
	return colon + 1;
}

static void
report(lua_State *L, int status, const char *name, struct buf *err)
{
	const char	*msg, *tail;

	if (status == LUA_ERRMEM)
		buf_addf(err, "%s: script used too much memory (limit %d "
		    "MiB)\n", name, (int)(SANDBOX_MEM_MAX >> 20));
	else if ((msg = lua_tostring(L, -1)) != NULL &&
	    strstr(msg, "C stack overflow") != NULL)
		/* The parser's own nesting limit (LUAI_MAXCCALLS). */
		buf_addf(err, "%s: code nested too deeply (functions, blocks, "
		    "tables or expressions; Lua allows about 200 levels): "
		    "%.200s\n", name, msg);
	else if (msg != NULL && (tail = short_src_tail(msg, name)) != NULL)
		buf_addf(err, "%s:%.500s\n", name, tail);
	else if (msg != NULL)
		buf_addf(err, "%s%s%.500s\n", strncmp(msg, name,
		    strlen(name)) == 0 ? "" : name, strncmp(msg, name,
		    strlen(name)) == 0 ? "" : ": ", msg);
	else
		buf_addf(err, "%s: script raised a %s value as error\n", name,
		    luaL_typename(L, -1));
}

static long long
ts_ns(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static struct timespec
ns_ts(long long ns)
{
	struct timespec	 t;

	t.tv_sec = (time_t)(ns / 1000000000LL);
	t.tv_nsec = (long)(ns % 1000000000LL);
	return t;
}

static void *
watchdog(void *arg)
{
	struct timespec	 now, nap = { 0, SANDBOX_WATCH_MS * 1000000L };
	struct watch	*w;
	long long	 over;

	(void)arg;
	for (;;) {
		/* Idle (no run anywhere): sleep until one starts. */
		pthread_mutex_lock(&watch_mu);
		while (watch_head == NULL)
			pthread_cond_wait(&watch_cv, &watch_mu);
		pthread_mutex_unlock(&watch_mu);
		nanosleep(&nap, NULL);
		pthread_mutex_lock(&watch_mu);
		for (w = watch_head; w != NULL; w = w->next) {
			if (clock_gettime(w->clk, &now) == -1)
				continue;
			over = ts_ns(&now) - ts_ns(&w->deadline);
			if (over <= 0)
				continue;
			if (!w->fired) {
				/* Stop it from outside: a hook on every
				   instruction that raises at once. */
				atomic_store(&w->g->stopped, 1);
				lua_sethook(w->L, hook, LUA_MASKCOUNT |
				    LUA_MASKCALL | LUA_MASKLINE, 1);
				w->fired = 1;
				atomic_fetch_add(&watch_fired_count, 1);
			}
			if (over > (long long)SANDBOX_STUCK_MS * 1000000LL &&
			    !w->told) {
				w->told = 1;
				log_warnx("sandbox: %s: a script does not stop "
				    "(%lld ms past its CPU deadline)", w->name,
				    over / 1000000LL);
				if (atomic_load(&stuck_fatal)) {
					log_warnx("%s: a script could not be "
					    "stopped; giving up", w->name);
					_exit(3);
				}
			}
		}
		pthread_mutex_unlock(&watch_mu);
	}
	return NULL;
}

static void
watch_start(void)
{
	pthread_attr_t	 a;
	pthread_t	 t;
	sigset_t	 all, old;

	/* No signal for this thread: the server takes them with sigwait. */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&a, 64 << 10);
	if (pthread_create(&t, &a, watchdog, NULL) == 0)
		atomic_store(&watch_running, 1);
	else
		log_warnx("sandbox: cannot start the watchdog: %s",
		    strerror(errno));
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void
sandbox_set_stuck_fatal(int on)
{
	atomic_store(&stuck_fatal, on);
}

long
sandbox_watchdog_stops(void)
{
	return atomic_load(&watch_fired_count);
}

void
sandbox_pool_begin(int ms)
{
	pool.on = 1;
	pool.ms = ms;
	pool.ns_left = (long long)ms * 1000000LL;
}

int
sandbox_pool_end(void)
{
	int	 spent = pool.on && pool.ns_left <= 0;

	pool.on = 0;
	return spent ? -1 : 0;
}

int
sandbox_pcall(lua_State *L, int nargs, int nresults, const char *name,
    struct buf *err)
{
	struct guard	*g = guard_of(L);
	struct timespec	 start, end;
	struct watch	 w;
	long long	 budget, used;
	int		 status;

	pthread_once(&watch_once, watch_start);
	clock_gettime(SANDBOX_CLOCK, &start);
	budget = (long long)SANDBOX_TIME_MS * 1000000LL;
	g->why = WHY_RUN;
	g->insn_limit = SANDBOX_INSN_MAX;
	if (g->state_ns_left < budget ||
	    g->state_insn_left < g->insn_limit) {
		g->why = WHY_STATE;
		budget = g->state_ns_left < budget ? g->state_ns_left : budget;
		if (g->state_insn_left < g->insn_limit)
			g->insn_limit = g->state_insn_left;
	}
	if (pool.on && pool.ns_left < budget) {
		g->why = WHY_POOL;
		budget = pool.ns_left;
	}
	if (budget < 0)
		budget = 0;
	g->insns = 0;
	g->spent = 0;
	g->deep = 0;
	atomic_store(&g->stopped, 0);
	g->stack_base = (const char *)&status;
	g->deadline = ns_ts(ts_ns(&start) + budget);

	memset(&w, 0, sizeof(w));
	w.L = L;
	w.g = g;
	w.name = name;
	w.deadline = g->deadline;
	if (pthread_getcpuclockid(pthread_self(), &w.clk) != 0)
		w.clk = SANDBOX_CLOCK;
	pthread_mutex_lock(&watch_mu);
	if ((w.next = watch_head) != NULL)
		watch_head->prev = &w;
	else
		pthread_cond_signal(&watch_cv);
	watch_head = &w;
	pthread_mutex_unlock(&watch_mu);

	lua_sethook(L, hook, LUA_MASKCOUNT | LUA_MASKCALL, SANDBOX_HOOK_EVERY);
	status = lua_pcall(L, nargs, nresults, 0);

	/* Off the list before the hook goes: the watchdog may set it. */
	pthread_mutex_lock(&watch_mu);
	if (w.prev != NULL)
		w.prev->next = w.next;
	else
		watch_head = w.next;
	if (w.next != NULL)
		w.next->prev = w.prev;
	pthread_mutex_unlock(&watch_mu);
	lua_sethook(L, NULL, 0, 0);

	clock_gettime(SANDBOX_CLOCK, &end);
	used = ts_ns(&end) - ts_ns(&start);
	g->state_ns_left -= used;
	g->state_insn_left -= g->insns;
	if (pool.on)
		pool.ns_left -= used;
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
