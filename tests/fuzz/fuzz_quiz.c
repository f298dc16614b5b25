/*
 * fuzz_quiz: the input is a trainer quiz script. Loads it in the sandbox
 * and, when it loads, builds a paper, rebuilds it from its ids and grades
 * a response set derived from the input (so random responses get parsed
 * too). Build: clang -fsanitize=fuzzer,address -Iserver with every
 * server .c file but main.c, and the pkg-config libraries of the Makefile.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "quiz.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const values[] = { "0", "1", "2", "true", "false",
	    "1.250.000", "Rp 5.000,-", "2,5", "Ombudsman RI", "", "-1", "99" };
	struct quiz_response	 resp[QUIZ_MAX_QUESTIONS];
	char			 names[QUIZ_MAX_QUESTIONS][QUIZ_ID_MAX + 8];
	const char		*ids[QUIZ_MAX_QUESTIONS];
	struct quiz_paper	 p, p2;
	struct quiz_result	 res;
	struct buf		 err = { 0 };
	struct quiz		*qz;
	uint64_t		 seed = size;
	int			 i, n = 0;

	if (quiz_load_buffer("fuzz.lua", (const char *)data, size, &qz,
	    &err) == 0) {
		if (quiz_build(qz, seed, NULL, 0, &p, &err) == 0) {
			for (i = 0; i < p.nitems; i++) {
				ids[i] = p.items[i].id;
				snprintf(names[n], sizeof(names[n]), i % 3 ?
				    "q_%s" : "q_%s_0", p.items[i].id);
				resp[n].name = names[n];
				resp[n].value = values[(size + (size_t)i) %
				    (sizeof(values) / sizeof(values[0]))];
				n++;
			}
			if (quiz_rebuild(qz, seed, ids, p.nitems, &p2,
			    &err) == 0) {
				if (strcmp(p.snapshot_json, p2.snapshot_json))
					__builtin_trap();	/* not reproducible */
				quiz_paper_free(&p2);
			}
			if (quiz_grade(qz, seed, ids, p.nitems, resp, n, &res,
			    &err) == 0) {
				if (res.score > res.max + 1e-9 || res.score < 0)
					__builtin_trap();
				quiz_result_free(&res);
			}
			quiz_paper_free(&p);
		}
		quiz_free(qz);
	}
	buf_free(&err);
	return 0;
}
