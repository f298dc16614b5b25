/* unit-layer: quiz */
/*
 * Hostile scripts that nest C frames (pcall, gsub callbacks, sort
 * comparators) run on a thread with CivetWeb's 100 KiB worker stack:
 * each must end with a clear error, never a stack overflow that would
 * take the whole server down.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "quiz.h"
#include "t.h"

#define WORKER_STACK	(100 * 1024)	/* measured on Debian's CivetWeb */

struct job {
	const char	*name, *src;
	int		 built;
	char		 err[512];
	struct quiz	*qz;		/* loaded already: only build */
};

static void *
run(void *arg)
{
	struct job		*j = arg;
	struct quiz		*q = NULL;
	struct quiz_paper	 p;
	struct buf		 err = { 0 };

	memset(&p, 0, sizeof(p));
	if (j->qz != NULL) {
		j->built = quiz_build(j->qz, 42, NULL, 0, &p, &err) == 0;
		quiz_paper_free(&p);
	} else if (quiz_load_buffer(j->name, j->src, strlen(j->src), &q,
	    &err) == 0) {
		j->built = quiz_build(q, 42, NULL, 0, &p, &err) == 0;
		quiz_paper_free(&p);
		quiz_free(q);
	}
	snprintf(j->err, sizeof(j->err), "%s", err.p ? err.p : "");
	buf_free(&err);
	return NULL;
}

static void
hostile(const char *name, const char *body)
{
	char		 src[2048], label[128];
	struct job	 j = { name, src, -1, "", NULL };
	pthread_attr_t	 a;
	pthread_t	 t;

	snprintf(src, sizeof(src),
	    "quiz { title = \"T\" }\n"
	    "generated { id = \"g\", type = \"numeric\", generate = function(rng)\n"
	    "%s\n"
	    "return { text = \"x\", answer = 1 } end }\n", body);
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, WORKER_STACK);
	pthread_create(&t, &a, run, &j);
	pthread_join(t, NULL);
	pthread_attr_destroy(&a);
	snprintf(label, sizeof(label), "small stack: %s stopped with an error",
	    name);
	T_OK(j.built == 0 && strstr(j.err, "deep") != NULL, label);
}

/*
 * Trainer code is parsed only on the loader's big stack, but a paper is
 * built on the worker's: the bytecode of the deepest nesting the parser
 * accepts must load and run there (lua_load of a chunk recurses per
 * nested function).
 */
static void
deepest_on_worker(const char *what, const char *open, const char *close,
    const char *use)
{
	struct buf	 src = { 0 }, err = { 0 };
	struct quiz	*q = NULL;
	struct job	 j = { what, NULL, -1, "", NULL };
	pthread_attr_t	 a;
	pthread_t	 t;
	char		 label[160];
	int		 n, i;

	for (n = 200; n > 0 && q == NULL; n--) {
		buf_reset(&src);
		buf_reset(&err);
		buf_adds(&src, "quiz { title = \"T\" }\nlocal f = ");
		for (i = 0; i < n; i++)
			buf_adds(&src, open);
		buf_adds(&src, "1");
		for (i = 0; i < n; i++)
			buf_adds(&src, close);
		buf_addf(&src, "\ngenerated { id = \"g\", type = \"numeric\", "
		    "generate = function(rng) %s return { text = \"x\", "
		    "answer = 1 } end }\n", use);
		quiz_load_buffer(what, src.p, src.n, &q, &err);
	}
	printf("# %s: the parser accepts %d levels\n", what, n + 1);
	j.qz = q;
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, WORKER_STACK);
	pthread_create(&t, &a, run, &j);
	pthread_join(t, NULL);
	pthread_attr_destroy(&a);
	snprintf(label, sizeof(label), "small stack: paper of the deepest %s "
	    "builds", what);
	T_OK(q != NULL && j.built == 1, label);
	if (j.err[0])
		printf("# %s", j.err);
	quiz_free(q);
	buf_free(&src);
	buf_free(&err);
}

int
main(void)
{
	hostile("pcall nesting",
	    "local function f(n) return pcall(f, n + 1) end f(1)");
	hostile("gsub callback nesting",
	    "local function f(s) return (s:gsub('.', f)) end f('aa')");
	hostile("sort comparator nesting",
	    "local function c(a, b) table.sort({3, 2, 1}, c) return a < b end\n"
	    "table.sort({3, 2, 1}, c)");
	hostile("pcall swallowing the stack error",
	    "local function f(n) return pcall(f, n + 1) end\n"
	    "for i = 1, 100 do f(1) end");
	deepest_on_worker("nested functions", "function() return ", " end",
	    "");
	deepest_on_worker("nested ifs", "(function() if true then return ",
	    " end end)()", "");
	deepest_on_worker("nested tables", "{", "}", "");
	T_DONE();
}
