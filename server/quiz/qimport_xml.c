/*
 * qimport_xml: Moodle XML question banks into the qimport model, read
 * with expat (a real XML parser: CDATA, entities, encodings).
 *
 * Read: <question type="multichoice|truefalse|shortanswer|numerical|
 * matching"> with <name>, <questiontext format=…>, <generalfeedback>,
 * <defaultgrade>, <single>, <answer fraction=…> (<text>, <feedback>,
 * <tolerance>), <subquestion> (<text>, <answer><text>). "category"
 * entries are skipped quietly; every other type (essay, description,
 * cloze, calculated, random, ddwtos, …) is noted with its line. HTML
 * texts go through qi_html_text. A DOCTYPE is refused (no entity
 * expansion, no external entities), and so is nesting deeper than
 * XML_DEPTH_MAX or text longer than XML_TEXT_CAP.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <expat.h>

#include "qimport.h"

#define XML_DEPTH_MAX	32
#define XML_TEXT_CAP	(4 * QUIZ_TEXT_MAX)	/* raw HTML before tidying */
#define XML_ANSWERS_MAX	64

enum fmt { FMT_TEXT, FMT_HTML };

struct xanswer {
	double	 fraction;
	char	*text, *feedback, *sub;	/* sub: subquestion's left text */
	double	 tolerance;
	enum fmt text_fmt, fb_fmt;
};

struct x {
	struct qi_bank	*b;
	XML_Parser	 p;
	const char	*stack[XML_DEPTH_MAX];
	int		 depth;
	int		 failed;
	/* The question being read. */
	int		 inq, line;
	char		 type[32];
	char		*name, *text, *feedback;
	enum fmt	 text_fmt, fb_fmt, cur_fmt;
	double		 points;
	int		 single;	/* multichoice: 1 one right answer */
	struct xanswer	 a[XML_ANSWERS_MAX];
	int		 na, overflow;
	/* Character data of the element being read. */
	struct buf	 cdata;
	int		 too_long;
};

static void	finish(struct x *);

static const char *
at(const struct x *x, int back)
{
	return x->depth - 1 - back >= 0 ? x->stack[x->depth - 1 - back] : "";
}

static int
is(const char *a, const char *b)
{
	return strcmp(a, b) == 0;
}

static const char *
attr(const char **attrs, const char *name)
{
	for (; attrs && attrs[0]; attrs += 2)
		if (is(attrs[0], name))
			return attrs[1];
	return NULL;
}

static enum fmt
fmt_of(const char **attrs)
{
	const char	*f = attr(attrs, "format");

	return f && is(f, "html") ? FMT_HTML : FMT_TEXT;
}

static void
question_reset(struct x *x)
{
	int	 i;

	free(x->name);
	free(x->text);
	free(x->feedback);
	for (i = 0; i < x->na; i++) {
		free(x->a[i].text);
		free(x->a[i].feedback);
		free(x->a[i].sub);
	}
	x->name = x->text = x->feedback = NULL;
	x->na = x->overflow = 0;
	x->points = 1;
	x->single = 1;
	x->type[0] = '\0';
	x->text_fmt = x->fb_fmt = FMT_TEXT;
}

static char *
take_text(struct x *x)
{
	char	*s;

	buf_addc(&x->cdata, '\0');
	s = x->cdata.oom ? NULL : strdup(x->cdata.p);
	buf_reset(&x->cdata);
	return s;
}

static void XMLCALL
on_start(void *arg, const char *el, const char **attrs)
{
	struct x	*x = arg;
	const char	*v;

	if (x->depth == XML_DEPTH_MAX) {
		qi_note(x->b, (int)XML_GetCurrentLineNumber(x->p),
		    "XML bersarang lebih dari %d tingkat", XML_DEPTH_MAX);
		x->failed = 1;
		XML_StopParser(x->p, XML_FALSE);
		return;
	}
	x->stack[x->depth++] = is(el, "question") ? "question" :
	    is(el, "answer") ? "answer" : is(el, "subquestion") ?
	    "subquestion" : is(el, "text") ? "text" : is(el, "feedback") ?
	    "feedback" : is(el, "name") ? "name" : is(el, "questiontext") ?
	    "questiontext" : is(el, "generalfeedback") ? "generalfeedback" :
	    is(el, "defaultgrade") ? "defaultgrade" : is(el, "single") ?
	    "single" : is(el, "tolerance") ? "tolerance" : "other";
	buf_reset(&x->cdata);
	x->too_long = 0;
	if (is(el, "question") && !x->inq) {
		question_reset(x);
		x->inq = 1;
		x->line = (int)XML_GetCurrentLineNumber(x->p);
		snprintf(x->type, sizeof(x->type), "%s",
		    (v = attr(attrs, "type")) ? v : "");
	} else if (!x->inq)
		return;
	else if (is(el, "questiontext"))
		x->text_fmt = fmt_of(attrs);
	else if (is(el, "generalfeedback"))
		x->fb_fmt = fmt_of(attrs);
	else if ((is(el, "answer") && is(at(x, 1), "question")) ||
	    is(el, "subquestion")) {
		if (x->na == XML_ANSWERS_MAX) {
			x->overflow = 1;
			return;
		}
		memset(&x->a[x->na], 0, sizeof(x->a[x->na]));
		x->a[x->na].text_fmt = fmt_of(attrs);
		if ((v = attr(attrs, "fraction")) != NULL)
			x->a[x->na].fraction = strtod(v, NULL) / 100;
		else
			x->a[x->na].fraction = 1;	/* subquestion */
		x->na++;
	} else if (is(el, "feedback"))
		x->cur_fmt = fmt_of(attrs);
}

static void XMLCALL
on_data(void *arg, const char *s, int len)
{
	struct x	*x = arg;

	if (!x->inq || x->too_long)
		return;
	if (x->cdata.n + (size_t)len > XML_TEXT_CAP) {
		x->too_long = 1;
		return;
	}
	buf_add(&x->cdata, s, (size_t)len);
}

static struct xanswer *
cur_answer(struct x *x)
{
	return x->na > 0 && !x->overflow ? &x->a[x->na - 1] : NULL;
}

static void
set(char **dst, char *v)
{
	free(*dst);
	*dst = v;
}

static void XMLCALL
on_end(void *arg, const char *el)
{
	struct x	*x = arg;
	struct xanswer	*a;
	const char	*p1, *p2, *p3;
	char		*t;
	int		 line = (int)XML_GetCurrentLineNumber(x->p);

	(void)el;
	if (x->depth == 0)
		return;
	p1 = at(x, 1);
	p2 = at(x, 2);
	p3 = at(x, 3);
	if (x->inq && is(at(x, 0), "text")) {
		if (x->too_long)
			qi_note(x->b, line, "teks lebih dari %d byte dipotong",
			    XML_TEXT_CAP);
		t = take_text(x);
		a = cur_answer(x);
		if (is(p1, "name") && is(p2, "question"))
			set(&x->name, t);
		else if (is(p1, "questiontext") && is(p2, "question"))
			set(&x->text, t);
		else if (is(p1, "generalfeedback") && is(p2, "question"))
			set(&x->feedback, t);
		else if (a && is(p1, "answer") && is(p2, "question"))
			set(&a->text, t);
		else if (a && is(p1, "feedback") && is(p2, "answer") &&
		    is(p3, "question")) {
			set(&a->feedback, t);
			a->fb_fmt = x->cur_fmt;
		} else if (a && is(p1, "subquestion"))
			set(&a->sub, t);
		else if (a && is(p1, "answer") && is(p2, "subquestion"))
			set(&a->text, t);
		else
			free(t);
	} else if (x->inq && is(at(x, 0), "defaultgrade") &&
	    is(p1, "question")) {
		t = take_text(x);
		x->points = t ? strtod(t, NULL) : 1;
		free(t);
	} else if (x->inq && is(at(x, 0), "single") && is(p1, "question")) {
		t = take_text(x);
		x->single = t && (is(t, "true") || is(t, "1"));
		free(t);
	} else if (x->inq && is(at(x, 0), "tolerance") &&
	    (a = cur_answer(x)) != NULL) {
		t = take_text(x);
		a->tolerance = t ? fabs(strtod(t, NULL)) : 0;
		free(t);
	} else if (is(at(x, 0), "question") && x->inq) {
		finish(x);
		x->inq = 0;
	}
	x->depth--;
	buf_reset(&x->cdata);
}

static char *
as_text(struct qi_bank *b, int line, char *s, enum fmt f)
{
	char	*t;
	int	 lost = 0;

	if (s == NULL)
		return NULL;
	if (f != FMT_HTML)
		return strdup(s);
	t = qi_html_text(s, strlen(s), &lost);
	if (lost)
		qi_note(b, line, "gambar atau media tidak dibawa; tambahkan ke "
		    "modul bila perlu");
	return t;
}

static int
number(const char *s, double *v)
{
	char	*end;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	*v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	return end != s && *end == '\0' && isfinite(*v) ? 0 : -1;
}

/* </question>: map what was read onto the model, or note why not. */
static void
finish(struct x *x)
{
	static const struct { const char *moodle; enum qi_type t; } types[] = {
		{ "multichoice", QI_SINGLE }, { "truefalse", QI_TRUE_FALSE },
		{ "shortanswer", QI_SHORT }, { "numerical", QI_NUMERIC },
		{ "matching", QI_MATCHING },
	};
	struct qi_bank	*b = x->b;
	struct qi_question *q;
	size_t		 i;
	int		 k, n = 0, type = -1;
	const char	*label = x->name ? x->name : "";

	if (is(x->type, "category"))
		return;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (is(x->type, types[i].moodle))
			type = (int)types[i].t;
	if (type == -1) {
		qi_note(b, x->line, "lewati soal \"%s\": jenis Moodle \"%s\" "
		    "belum dapat diubah ke kuis Lentera", label, x->type);
		b->skipped++;
		return;
	}
	if (x->overflow || x->na > QUIZ_MAX_CHOICES) {
		qi_note(b, x->line, "lewati soal \"%s\": lebih dari %d "
		    "jawaban", label, QUIZ_MAX_CHOICES);
		b->skipped++;
		return;
	}
	if ((q = qi_new(b, x->line)) == NULL)
		return;
	q->type = (enum qi_type)type;
	if (q->type == QI_SINGLE && !x->single)
		q->type = QI_MULTIPLE;
	q->name = x->name;
	x->name = NULL;
	q->text = as_text(b, x->line, x->text, x->text_fmt);
	q->feedback = as_text(b, x->line, x->feedback, x->fb_fmt);
	if (q->text == NULL || *q->text == '\0') {
		qi_note(b, x->line, "lewati soal \"%s\": tanpa teks soal",
		    label);
		qi_drop(b);
		return;
	}
	if (x->points >= 0 && x->points <= 1000 && isfinite(x->points))
		q->points = x->points;
	if (q->type == QI_TRUE_FALSE) {
		q->nch = 2;
		q->ch[0].text = strdup("Benar");
		q->ch[1].text = strdup("Salah");
		if (q->ch[0].text == NULL || q->ch[1].text == NULL) {
			qi_drop(b);
			return;
		}
		for (k = 0; k < x->na; k++) {
			int	 t = x->a[k].text && is(x->a[k].text, "true");

			if (x->a[k].fraction > 0.999)
				q->answer_true = t;
			free(q->ch[t ? 0 : 1].feedback);	/* a repeated answer */
			q->ch[t ? 0 : 1].feedback = as_text(b, x->line,
			    x->a[k].feedback, x->a[k].fb_fmt);
		}
		goto check;
	}
	for (k = 0; k < x->na; k++) {
		struct qi_choice *c = &q->ch[n];
		struct xanswer	*a = &x->a[k];

		if (q->type == QI_MATCHING) {
			if (a->sub == NULL || *a->sub == '\0') {
				qi_note(b, x->line, "soal \"%s\": pilihan kanan "
				    "tanpa pasangan (\"%s\") tidak dibawa",
				    label, a->text ? a->text : "");
				continue;
			}
			c->text = as_text(b, x->line, a->sub, a->text_fmt);
			c->right = a->text ? strdup(a->text) : strdup("");
		} else if (q->type == QI_NUMERIC) {
			double	 v;
			char	 tmp[64];

			if (number(a->text, &v) == -1) {
				qi_note(b, x->line, "soal \"%s\": jawaban angka "
				    "\"%s\" tidak terbaca, dilewati", label,
				    a->text ? a->text : "");
				continue;
			}
			snprintf(tmp, sizeof(tmp), "%.15g", v);
			c->text = strdup(tmp);
			c->tolerance = a->tolerance;
		} else
			c->text = as_text(b, x->line, a->text, a->text_fmt);
		c->fraction = a->fraction;
		if (q->type != QI_MATCHING)
			c->feedback = as_text(b, x->line, a->feedback,
			    a->fb_fmt);
		if (c->text == NULL) {
			free(c->feedback);
			free(c->right);
			memset(c, 0, sizeof(*c));
			continue;
		}
		n++;
		q->nch = n;
	}
check:
	if ((q->type == QI_SINGLE || q->type == QI_MULTIPLE ||
	    q->type == QI_MATCHING) && q->nch < 2) {
		qi_note(b, x->line, "lewati soal \"%s\": perlu minimal 2 "
		    "pilihan atau pasangan", label);
		qi_drop(b);
		return;
	}
	if (strlen(q->text) >= QUIZ_TEXT_MAX ||
	    (q->feedback && strlen(q->feedback) >= QUIZ_TEXT_MAX)) {
		qi_note(b, x->line, "lewati soal \"%s\": teks lebih dari %d "
		    "byte", label, QUIZ_TEXT_MAX - 1);
		qi_drop(b);
		return;
	}
	for (k = 0; k < q->nch; k++)
		for (int j = 0; j < k; j++)
			if (q->type != QI_SHORT && q->type != QI_NUMERIC &&
			    strcmp(q->ch[k].text, q->ch[j].text) == 0) {
				qi_note(b, x->line, "lewati soal \"%s\": "
				    "pilihan \"%s\" ditulis dua kali", label,
				    q->ch[k].text);
				qi_drop(b);
				return;
			}
}

static void XMLCALL
on_doctype(void *arg, const char *name, const char *sys, const char *pub,
    int internal)
{
	struct x	*x = arg;

	(void)name;
	(void)sys;
	(void)pub;
	(void)internal;
	qi_note(x->b, (int)XML_GetCurrentLineNumber(x->p), "DOCTYPE tidak "
	    "diterima (ekspor Moodle tidak memakainya)");
	x->failed = 1;
	XML_StopParser(x->p, XML_FALSE);
}

int
qi_parse_moodle_xml(struct qi_bank *b, const char *src, size_t n)
{
	struct x	*x;
	int		 rc = 0;

	if (n > QI_SRC_MAX || n > (size_t)0x7fffffff) {
		qi_note(b, 0, "berkas lebih dari %zu byte", QI_SRC_MAX);
		return -1;
	}
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return -1;
	x->b = b;
	if ((x->p = XML_ParserCreate(NULL)) == NULL) {
		free(x);
		return -1;
	}
	XML_SetUserData(x->p, x);
	XML_SetElementHandler(x->p, on_start, on_end);
	XML_SetCharacterDataHandler(x->p, on_data);
	XML_SetStartDoctypeDeclHandler(x->p, on_doctype);
	if (XML_Parse(x->p, src, (int)n, XML_TRUE) == XML_STATUS_ERROR &&
	    !x->failed) {
		qi_note(b, (int)XML_GetCurrentLineNumber(x->p), "XML rusak: %s",
		    XML_ErrorString(XML_GetErrorCode(x->p)));
		rc = -1;
	}
	if (x->failed)
		rc = -1;
	question_reset(x);
	buf_free(&x->cdata);
	XML_ParserFree(x->p);
	free(x);
	return rc;
}
