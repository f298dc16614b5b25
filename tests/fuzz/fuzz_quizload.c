/*
 * fuzz_quizload: arbitrary quiz source through the loader the server
 * uses for cold start and hot reload (course_check and course_init both
 * run catalog_build: the loader thread parses, runs and checks the quiz),
 * called from a thread with a CivetWeb worker's 100 KiB stack, as a
 * request that notices a changed tree does. A quiz the loader accepts is
 * then served: its paper is built on that small stack, as a learner's
 * Start does. The input is written as quiz-final.lua of a private course
 * tree. Nothing may crash, overflow a stack or hang (-timeout).
 * fuzz-max-len: 65536
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "course.h"
#include "log.h"
#include "quiz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define WORKER_STACK	(100 * 1024)	/* Debian CivetWeb's worker stack */

static char root[64];

static void
put(const char *path, const void *p, size_t n)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL)
		abort();
	fwrite(p, 1, n, f);
	fclose(f);
}

static void *
as_worker(void *arg)
{
	struct buf		 out = { 0 }, err = { 0 };
	struct catalog		*cat;
	const struct course	*c;
	struct quiz		*q;
	struct quiz_paper	 p;

	(void)arg;
	if (course_check(root, &out) == 0 && course_init(root) == 1) {
		cat = course_catalog();
		if ((c = course_find(cat, "kursus")) == NULL ||
		    (q = course_quiz(c, "quiz-final.lua")) == NULL)
			abort();	/* check passed: it must be served */
		if (quiz_build(q, 7, NULL, 0, &p, &err) == 0)
			quiz_paper_free(&p);
		course_release(cat);
	}
	/* Forget the loader's memory of files: the next input reuses the
	   path, possibly within one file-time tick. */
	course_shutdown();
	buf_free(&out);
	buf_free(&err);
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char course[] = "---\nid: kursus\ntitle: K\nsummary: s\n"
	    "competency: c\ncompetency_type: teknis\nlevel: 1\njp: 2\n"
	    "final: quiz-final.lua\n---\nisi\n";
	static const char module[] = "---\ntitle: M\n---\nisi\n";
	char		 path[128];
	pthread_attr_t	 a;
	pthread_t	 t;

	if (root[0] == '\0') {
		snprintf(root, sizeof(root), "/tmp/fuzz-quizload-XXXXXX");
		if (mkdtemp(root) == NULL)
			abort();
		snprintf(path, sizeof(path), "%s/kursus", root);
		mkdir(path, 0700);
		snprintf(path, sizeof(path), "%s/kursus/course.md", root);
		put(path, course, sizeof(course) - 1);
		snprintf(path, sizeof(path), "%s/kursus/01-modul.md", root);
		put(path, module, sizeof(module) - 1);
		log_set_quiet(1);
	}
	snprintf(path, sizeof(path), "%s/kursus/quiz-final.lua", root);
	put(path, data, size);
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, WORKER_STACK);
	if (pthread_create(&t, &a, as_worker, NULL) != 0)
		abort();
	pthread_join(t, NULL);
	pthread_attr_destroy(&a);
	return 0;
}
