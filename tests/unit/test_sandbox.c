/* unit-layer: quiz */
/*
 * The sandbox budget holds in every Lua frame, whatever the script does
 * (issue 8 A.1 and its siblings). Each hostile script runs on its own
 * thread; one that is not stopped within WAIT_S seconds is a failure
 * (the test then exits: the thread cannot be taken back), never a hang.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>

#include "buf.h"
#include "quiz.h"
#include "sandbox.h"
#include "t.h"

#define WAIT_S	20	/* a correctness bound, far above any budget */

struct job {
	const char	*src;
	int		 rc;
	int		 done;
	char		 err[600];
};

static void *
run_src(void *arg)
{
	struct job	*j = arg;
	struct buf	 err = { 0 };
	lua_State	*L;

	if ((L = sandbox_new()) == NULL)
		abort();
	j->rc = sandbox_load_text(L, j->src, strlen(j->src), "t.lua", &err);
	if (j->rc == 0)
		j->rc = sandbox_pcall(L, 0, 0, "t.lua", &err);
	sandbox_close(L);
	snprintf(j->err, sizeof(j->err), "%s", err.p ? err.p : "");
	buf_free(&err);
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

/* Runs src in a fresh state; returns its rc, message in err. */
static int
run(const char *what, const char *src, char *err, size_t errsz)
{
	struct job	 j = { src, 0, 0, "" };
	pthread_t	 t;
	int		 i;

	pthread_create(&t, NULL, run_src, &j);
	for (i = 0; i < WAIT_S * 100 &&
	    !__atomic_load_n(&j.done, __ATOMIC_ACQUIRE); i++)
		usleep(10000);
	if (!__atomic_load_n(&j.done, __ATOMIC_ACQUIRE)) {
		printf("FAIL %s: still running after %d s\n", what, WAIT_S);
		printf("0 passed, 1 failed\n");
		fflush(stdout);
		_exit(1);
	}
	pthread_join(t, NULL);
	snprintf(err, errsz, "%s", j.err);
	printf("# %s: %s", what, j.err[0] ? j.err : "ok\n");
	return j.rc;
}

static void
stopped(const char *what, const char *src, const char *want)
{
	char	 err[600], name[200];

	snprintf(name, sizeof(name), "%s: stopped with \"%s\"", what, want);
	T_OK(run(what, src, err, sizeof(err)) == -1 && strstr(err, want) !=
	    NULL, name);
}

#ifdef SANDBOX_STATE_TIME_MS	/* absent before the fix: the test still builds */
static double
cpu_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* All runs of one state share SANDBOX_STATE_TIME_MS. */
static void
state_budget(void)
{
	struct buf	 err = { 0 };
	lua_State	*L = sandbox_new();
	const char	*src = "return function() while true do end end";
	double		 t0 = cpu_ms();
	int		 i, fails = 0;

	luaL_loadstring(L, src);
	lua_call(L, 0, 1);
	lua_setglobal(L, "spin");
	for (i = 0; i < 12; i++) {
		lua_getglobal(L, "spin");
		fails += sandbox_pcall(L, 0, 0, "spin.lua", &err) == -1;
	}
	T_OK(fails == 12 && strstr(err.p, "took too long together") != NULL,
	    "state budget: later runs of a spent state fail at once");
	T_OK(cpu_ms() - t0 < SANDBOX_STATE_TIME_MS * 1.5 + 200,
	    "state budget: 12 runaway calls cost one state budget of CPU");
	printf("# 12 runaway calls in one state: %.0f ms CPU\n", cpu_ms() - t0);
	sandbox_close(L);
	buf_free(&err);
}

/* A pool bounds all states of one thread (a quiz being checked). */
static void
pool_budget(void)
{
	struct buf	 err = { 0 };
	lua_State	*L;
	double		 t0 = cpu_ms();
	int		 i, fails = 0, rc;

	sandbox_pool_begin(60);
	for (i = 0; i < 8; i++) {
		L = sandbox_new();
		luaL_loadstring(L, "while true do end");
		fails += sandbox_pcall(L, 0, 0, "pool.lua", &err) == -1;
		sandbox_close(L);
	}
	rc = sandbox_pool_end();
	T_OK(fails == 8 && rc == -1 && strstr(err.p, "load and check") != NULL,
	    "pool: states after the pool is spent fail at once");
	T_OK(cpu_ms() - t0 < 60 + SANDBOX_TIME_MS + 100,
	    "pool: 8 states cost one pool");
	printf("# 8 runaway states in a 60 ms pool: %.0f ms CPU\n",
	    cpu_ms() - t0);
	buf_free(&err);
}

/*
 * The watchdog enforces the deadline from outside: a run whose hook is
 * gone (here a C function removes it, as no script can) is still stopped,
 * because the watchdog thread reads the run's CPU clock and sets the hook
 * again.
 */
static int
unhook_and_spin(lua_State *L)
{
	lua_sethook(L, NULL, 0, 0);
	luaL_loadstring(L, "while true do end");
	lua_call(L, 0, 0);
	return 0;
}

static void *
run_unhooked(void *arg)
{
	struct job	*j = arg;
	struct buf	 err = { 0 };
	lua_State	*L = sandbox_new();

	lua_pushcfunction(L, unhook_and_spin);
	j->rc = sandbox_pcall(L, 0, 0, "unhooked.lua", &err);
	sandbox_close(L);
	snprintf(j->err, sizeof(j->err), "%s", err.p ? err.p : "");
	buf_free(&err);
	__atomic_store_n(&j->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void
watchdog_stops_from_outside(void)
{
	struct job	 j = { NULL, 0, 0, "" };
	long		 before = sandbox_watchdog_stops();
	pthread_t	 t;
	int		 i;

	pthread_create(&t, NULL, run_unhooked, &j);
	for (i = 0; i < WAIT_S * 100 &&
	    !__atomic_load_n(&j.done, __ATOMIC_ACQUIRE); i++)
		usleep(10000);
	if (!__atomic_load_n(&j.done, __ATOMIC_ACQUIRE)) {
		printf("FAIL watchdog: an unhooked run is still running after "
		    "%d s\n0 passed, 1 failed\n", WAIT_S);
		fflush(stdout);
		_exit(1);
	}
	pthread_join(t, NULL);
	printf("# unhooked run: %s", j.err);
	T_OK(j.rc == -1 && strstr(j.err, "too long") != NULL &&
	    sandbox_watchdog_stops() > before,
	    "watchdog: a run without its hook is stopped from outside");
}
#endif

int
main(void)
{
	char	 err[600];

	/* A.1: the message handler runs under the budget. */
	stopped("xpcall handler loops",
	    "xpcall(function() error('x') end, function(e) while true do end "
	    "end)", "too long");
	stopped("xpcall body and handler loop",
	    "xpcall(function() while true do end end, function(e) while true "
	    "do end end)", "too long");
	stopped("nested xpcall handlers",
	    "local function h(e) while true do end end\n"
	    "xpcall(function() xpcall(function() error('x') end, h) end, h)",
	    "too long");
	stopped("handler swallowing with pcall",
	    "xpcall(function() error('x') end, function(e)\n"
	    "  while true do pcall(function() while true do end end) end end)",
	    "too long");
	stopped("handler that recurses into xpcall",
	    "local function h(e) return xpcall(error, h, e) end\n"
	    "xpcall(error, h, 'x')", "");
	stopped("handler that raises again",
	    "local function h(e) error(e) end\n"
	    "while true do xpcall(error, h, 'x') end", "too long");
	stopped("pcall loop swallowing the budget",
	    "while true do pcall(function() while true do end end) end",
	    "too long");
	stopped("recursion without coroutines",
	    "local function f(n) return 1 + f(n + 1) end f(1)", "");
	stopped("deep tables", "local t = {} for i = 1, 1e8 do t = { t } end",
	    "memory");
	stopped("string.rep amplification",
	    "local s = ('x'):rep(1 << 20) local t = {} for i = 1, 100 do "
	    "t[i] = s .. i end", "memory");
	stopped("string.format amplification",
	    "local t = {} for i = 1, 12000 do t[i] = i end\n"
	    "local s = ('%099d'):rep(12000):format(table.unpack(t))",
	    "too long");
	stopped("table error object", "error({})", "table value");
	stopped("no __close without metatables",
	    "local x <close> = {}", "non-closable");
	stopped("no metatable functions", "setmetatable({}, { __gc = 1 })",
	    "setmetatable");
	stopped("collectgarbage is gone", "collectgarbage()", "collectgarbage");
	stopped("coroutine is gone", "coroutine.wrap(print)", "coroutine");

	/* xpcall still works as trainers expect. */
	T_OK(run("xpcall result",
	    "local ok, m = xpcall(function() error('x', 0) end,\n"
	    "  function(e) return 'h:' .. e end)\n"
	    "assert(ok == false and m == 'h:x')\n"
	    "local a, b, c = xpcall(function(x, y) return x + y, 7 end, tostring, 1, 2)\n"
	    "assert(a == true and b == 3 and c == 7)", err, sizeof(err)) == 0,
	    "xpcall returns what Lua's does (results; false + handler value)");
#ifdef SANDBOX_STATE_TIME_MS
	state_budget();
	pool_budget();
	watchdog_stops_from_outside();
#else
	T_OK(0, "state and pool budgets exist");
#endif
	T_DONE();
}
