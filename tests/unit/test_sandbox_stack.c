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
};

static void *
run(void *arg)
{
	struct job		*j = arg;
	struct quiz		*q = NULL;
	struct quiz_paper	 p;
	struct buf		 err = { 0 };

	memset(&p, 0, sizeof(p));
	if (quiz_load_buffer(j->name, j->src, strlen(j->src), &q, &err) == 0) {
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
	struct job	 j = { name, src, -1, "" };
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
	T_DONE();
}
