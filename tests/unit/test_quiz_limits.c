/* unit-layer: quiz */
/*
 * What a quiz may make C hold is bounded (issue 8 A.3): texts per
 * question, per quiz file, per paper, and the snapshot stored with each
 * attempt; check and the loader name the file and line. Also the DSL's
 * Indonesian number helpers (issue 9 item 9) and check's numeric
 * typeability report with the seed (issue 9 item 7).
 */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "quiz.h"
#include "t.h"

static int
load(const char *src, struct quiz **q, struct buf *err)
{
	buf_reset(err);
	return quiz_load_buffer("limits.lua", src, strlen(src), q, err);
}

int
main(void)
{
	struct buf		 err = { 0 };
	struct quiz		*q = NULL;
	struct quiz_paper	 p;

	/* One 16 KB string in 200 questions x 22 fields (the file). */
	T_OK(load("quiz { title = \"T\" }\n"
	    "local s = ('x'):rep(16000)\n"
	    "for i = 1, 200 do short { id = 'q' .. i, text = s, feedback = s,\n"
	    "  accept = { s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s, s,"
	    " s, s } } end\n", &q, &err) == -1 && q == NULL &&
	    strstr(err.p, "limits.lua:3: question 'q1': the question's texts "
	    "together are longer than 64 KiB") != NULL,
	    "limits: one question's texts are bounded, with file:line");
	printf("# %.200s\n", err.p);

	T_OK(load("quiz { title = \"T\" }\n"
	    "local s = ('x'):rep(16000)\n"
	    "for i = 1, 200 do single { id = 'q' .. i, text = s .. i,\n"
	    "  choices = { 'a', 'b' }, answer = 1 } end\n", &q, &err) == -1 &&
	    strstr(err.p, "the quiz's texts together are longer than 1024 "
	    "KiB") != NULL, "limits: a quiz file's texts are bounded");

	/* Generated bodies: each fine, the paper too big. */
	T_OK(load("quiz { title = \"T\" }\n"
	    "for i = 1, 60 do generated { id = 'g' .. i, type = 'short',\n"
	    "  generate = function(rng) local s = ('y'):rep(12000)\n"
	    "    return { text = s, accept = { 'a' } } end } end\n", &q,
	    &err) == 0, "limits: 60 generated questions of 12 KB load");
	memset(&p, 0, sizeof(p));
	buf_reset(&err);
	T_OK(q != NULL && quiz_build(q, 1, NULL, 0, &p, &err) == -1 &&
	    p.nitems == 0 && strstr(err.p, "the paper's texts together are "
	    "longer than 512 KiB") != NULL && strstr(err.p, "(seed 1)"),
	    "limits: a paper's texts are bounded (generated questions too)");
	printf("# %s", err.p ? err.p : "\n");
	quiz_free(q);

	/* Control characters grow 6x in JSON: the snapshot is bounded. */
	T_OK(load("quiz { title = \"T\" }\n"
	    "local s = ('\\1'):rep(3000)\n"
	    "for i = 1, 100 do single { id = 'q' .. i, text = s .. i,\n"
	    "  choices = { 'a', 'b' }, answer = 1 } end\n", &q, &err) == 0,
	    "limits: 100 questions of 3 KB control characters load");
	buf_reset(&err);
	T_OK(q != NULL && quiz_build(q, 1, NULL, 0, &p, &err) == -1 &&
	    strstr(err.p, "takes more than 1024 KiB to store") != NULL,
	    "limits: the stored snapshot of a paper is bounded");
	printf("# %s", err.p ? err.p : "\n");
	quiz_free(q);

	/* A table of 100,000 bad keys is a bounded list of problems. */
	T_OK(load("quiz { title = \"T\" }\n"
	    "local t = { id = 'a', text = 'x', choices = { 'a', 'b' }, "
	    "answer = 1 }\n"
	    "for i = 1, 100000 do t[i] = i end\nsingle(t)\n", &q, &err) == -1 &&
	    err.n < 8192 && strstr(err.p, "more problems not shown") != NULL,
	    "limits: problems listed per file are bounded");

	/* rupiah() and desimal() */
	T_OK(load("quiz { title = \"T\" }\n"
	    "assert(rupiah(4000000) == 'Rp 4.000.000', rupiah(4000000))\n"
	    "assert(rupiah(1250.5, 2) == 'Rp 1.250,50')\n"
	    "assert(rupiah(-5000) == '-Rp 5.000')\n"
	    "assert(rupiah(999.5) == 'Rp 1.000', rupiah(999.5))\n"
	    "assert(desimal(2.5, 1) == '2,5')\n"
	    "assert(desimal(1234.5) == '1.234,5')\n"
	    "assert(desimal(1/3, 2) == '0,33')\n"
	    "assert(desimal(-0.001, 2) == '0,00')\n"
	    "assert(desimal(1000000) == '1.000.000')\n"
	    "assert(not pcall(desimal, 1, 7))\n"
	    "assert(not pcall(rupiah, 1e300))\n"
	    "single { id = 'a', text = 'x', choices = { 'a', 'b' }, "
	    "answer = 1 }\n", &q, &err) == 0,
	    "rupiah() and desimal() write numbers the Indonesian way");
	if (err.p)
		printf("# %s", err.p);
	quiz_free(q);
	buf_free(&err);
	T_DONE();
}
