/* unit-layer: quiz */
/* What the review page gets from grading (quiz.h quiz_mark): the right
 * choices in displayed order, whether a response was given, and numeric
 * keys at the precision their tolerance implies (quiz_decimals). */
#include <stdio.h>
#include <string.h>

#include "buf.h"
#include "quiz.h"
#include "t.h"

static const char SRC[] =
    "quiz { title = 'Kunci', shuffle = true }\n"
    "multiple { id = 'm', text = 'x', choices = { 'A', 'B', 'C', 'D' }, answer = { 1, 3 } }\n"
    "true_false { id = 'tf', text = 'x', answer = false }\n"
    "numeric { id = 'n', text = 'x', answer = 1250000 }\n"
    "generated { id = 'g', type = 'numeric', generate = function(rng)\n"
    "  return { text = 'x', answer = 95 / 3, tolerance = 0.01 } end }\n";

int
main(void)
{
	struct quiz		*q = NULL;
	struct quiz_paper	 p;
	struct quiz_result	 res;
	struct quiz_response	 resp[1];
	struct buf		 err = { 0 };
	const char		*ids[8];
	int			 i, j, ok;

	T_OK(quiz_decimals(0.01) == 2, "decimals_0.01");
	T_OK(quiz_decimals(0.005) == 3, "decimals_0.005");
	T_OK(quiz_decimals(0.1) == 1 && quiz_decimals(0.5) == 1, "decimals_0.1_0.5");
	T_OK(quiz_decimals(5) == 0 && quiz_decimals(1) == 0, "decimals_whole");
	T_OK(quiz_decimals(0) == -1, "decimals_exact");
	T_OK(quiz_decimals(1e-9) == 6, "decimals_capped");

	memset(&p, 0, sizeof(p));
	memset(&res, 0, sizeof(res));
	if (quiz_load_buffer("kunci.lua", SRC, strlen(SRC), &q, &err) == -1 ||
	    quiz_build(q, 42, NULL, 0, &p, &err) == -1) {
		printf("FAIL load: %s\n", err.p ? err.p : "?");
		return 1;
	}
	for (i = 0; i < p.nitems; i++)
		ids[i] = p.items[i].id;
	resp[0].name = "q_tf";
	resp[0].value = "false";
	T_OK(quiz_grade(q, 42, ids, p.nitems, resp, 1, &res, &err) == 0 &&
	    res.nmarks == 4, "grade");
	for (i = 0; i < res.nmarks; i++) {
		const struct quiz_mark *m = &res.marks[i];

		if (strcmp(m->id, "m") == 0) {
			/* bit d set exactly for the displayed choices A and C */
			ok = 1;
			for (j = 0; j < p.items[i].nchoices; j++) {
				int want = strcmp(p.items[i].choices[j], "A") == 0 ||
				    strcmp(p.items[i].choices[j], "C") == 0;
				ok &= (int)((m->key >> j) & 1u) == want;
			}
			T_OK(ok, "multiple_key_in_displayed_order");
			T_OK(!m->answered, "multiple_not_answered");
		} else if (strcmp(m->id, "tf") == 0) {
			T_OK(m->key == 2 && m->answered && m->correct, "true_false_key");
		} else if (strcmp(m->id, "n") == 0) {
			T_OK(m->numeric && m->number == 1250000 && m->decimals == -1,
			    "numeric_exact");
			T_OK(strcmp(m->expected, "1.250.000") == 0, "numeric_expected");
		} else if (strcmp(m->id, "g") == 0) {
			T_OK(m->numeric && m->decimals == 2, "generated_decimals");
			T_OK(strcmp(m->expected, "31,67 (± 0,01)") == 0,
			    "generated_expected_at_precision");
			if (strcmp(m->expected, "31,67 (± 0,01)") != 0)
				printf("  got \"%s\"\n", m->expected);
		}
	}
	quiz_result_free(&res);
	quiz_paper_free(&p);
	quiz_free(q);
	buf_free(&err);
	T_DONE();
}
