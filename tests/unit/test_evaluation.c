/* Unit tests for the evaluation rules: the instrument parser (survey.c),
   gains (normalised g), due dates of follow-ups in WIB calendar months. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "evaluation.h"
#include "survey.h"
#include "t.h"
#include "wib.h"

static struct survey S;

static int
parse(const char *text, struct buf *err)
{
	char	*copy = strdup(text);
	int	 rc;

	buf_reset(err);
	rc = survey_parse(copy, "x.survey", &S, err);
	free(copy);
	return rc;
}

static int
has(const struct buf *b, const char *s)
{
	return b->p != NULL && strstr(b->p, s) != NULL;
}

static void
test_parse(void)
{
	struct buf	 e = { 0 };

	T_OK(parse("# c\ntitle: T\nscale: 1-5\nlabels: a|b|c|d|e\n\n[materi] Materi\n"
	    "scale m1: Relevan\nchoice c1: Mana | A | B\ntext t1: Saran\n", &e) == 0,
	    "survey: a 1-5 instrument parses");
	T_OK(S.scale_max == 5 && S.nblocks == 1 && S.nitems == 3,
	    "survey: scale, blocks, items");
	T_OK(S.items[1].kind == SURVEY_CHOICE && S.items[1].nopts == 2 &&
	    strcmp(S.items[1].opts[1], "B") == 0, "survey: choice options");
	T_OK(strcmp(S.labels[4], "e") == 0, "survey: labels");
	T_OK(survey_item(&S, "t1") == &S.items[2], "survey: item by id");
	T_OK(parse("title: T\nscale: 4\n[a] A\nscale q: Q\n", &e) == 0 &&
	    S.scale_max == 4, "survey: scale 4 reads as 1-4");
	T_OK(parse("title: T\nscale: 1-7\n[a] A\nscale q: Q\n", &e) == -1 &&
	    has(&e, "x.survey:2: scale must be 1-4"), "survey: 1-7 refused at its line");
	T_OK(parse("title: T\nscale: 1-4\nscale q: Q\n", &e) == -1 &&
	    has(&e, "x.survey:3: question before the first block"),
	    "survey: question outside a block");
	T_OK(parse("title: T\nscale: 1-4\n[a] A\nscale q: Q\ntext q: R\n", &e) == -1 &&
	    has(&e, "x.survey:5: id \"q\" used twice"), "survey: duplicate id");
	T_OK(parse("title: T\nscale: 1-4\n[a] A\nchoice c: Q | only\n", &e) == -1 &&
	    has(&e, "x.survey:4: choice needs at least 2"), "survey: one-option choice");
	T_OK(parse("title: T\nscale: 1-4\n[A!] A\nscale q: Q\n", &e) == -1 &&
	    has(&e, "x.survey:3: block id"), "survey: bad block id");
	T_OK(parse("scale: 1-4\n[a] A\n", &e) == -1 && has(&e, "needs a \"title:\"") &&
	    has(&e, "has no question"), "survey: title and a question required");
	T_OK(parse("title: T\nscale: 1-4\n[a] A\nscale q: Q\ntitle: again\n", &e) == -1 &&
	    has(&e, "x.survey:5:"), "survey: header after a block");
	T_OK(parse("title: T\xff\nscale: 1-4\n[a] A\nscale q: Q\n", &e) == -1 &&
	    has(&e, "UTF-8"), "survey: invalid UTF-8 refused");
	T_OK(parse("title: T\nscale: 1-4\n[a] A\nsclae q: Q\n", &e) == -1 &&
	    has(&e, "x.survey:4:"), "survey: misspelt kind at its line");
	buf_free(&e);
}

static void
test_gain(void)
{
	double	 raw, g;

	T_OK(evaluation_gain(46.58, 58.50, &raw, &g) == 0 &&
	    raw > 11.91 && raw < 11.93 && g > 0.2231 && g < 0.2233,
	    "gain: DOMAIN.md's 46.58 -> 58.50 is g 0.223");
	T_OK(evaluation_gain(-1, 80, &raw, &g) == -1, "gain: no pre-test, no gain");
	T_OK(evaluation_gain(50, -1, &raw, &g) == -1, "gain: no final, no gain");
	T_OK(evaluation_gain(100, 100, &raw, &g) == 1 && raw == 0,
	    "gain: pre 100 has a raw gain, no g");
	T_OK(evaluation_gain(60, 40, &raw, &g) == 0 && g < 0, "gain: a drop is negative");
	T_OK(evaluation_gain_bin(-0.1) == 0 && evaluation_gain_bin(0.29) == 1 &&
	    evaluation_gain_bin(0.3) == 2 && evaluation_gain_bin(0.7) == 3,
	    "gain: Hake's bands");
}

static void
test_due(void)
{
	int64_t	 t = wib_midnight(2026, 11, 30) + 10 * 3600;
	char	 d[11];

	wib_ymd(evaluation_due(t, 3), d);
	T_OK(strcmp(d, "2027-02-28") == 0, "due: 30 Nov + 3 months is 28 Feb (clamped)");
	wib_ymd(evaluation_due(wib_midnight(2027, 11, 30), 3), d);
	T_OK(strcmp(d, "2028-02-29") == 0, "due: leap February");
	wib_ymd(evaluation_due(wib_midnight(2026, 1, 15), 12), d);
	T_OK(strcmp(d, "2027-01-15") == 0, "due: 12 months");
	T_OK(evaluation_due(t, 1) - t > 29 * 86400, "due: a month later");
}

int
main(void)
{
	test_parse();
	test_gain();
	test_due();
	T_DONE();
}
