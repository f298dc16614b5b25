/* qimport: the question model, HTML to text and the Lua writer. The
   command itself is qimport_cli.c. See qimport.h. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qimport.h"
#include "utf8.h"

#define ID_BASE_MAX	48	/* bytes of an id taken from a name */

void
qi_bank_init(struct qi_bank *b, const char *file)
{
	memset(b, 0, sizeof(*b));
	b->file = file;
}

static void
question_free(struct qi_question *q)
{
	int	 i;

	free(q->name);
	free(q->text);
	free(q->feedback);
	for (i = 0; i < q->nch; i++) {
		free(q->ch[i].text);
		free(q->ch[i].right);
		free(q->ch[i].feedback);
	}
	memset(q, 0, sizeof(*q));
}

void
qi_bank_free(struct qi_bank *b)
{
	int	 i;

	for (i = 0; i < b->nq; i++)
		question_free(&b->q[i]);
	b->nq = 0;
	buf_free(&b->notes);
}

void
qi_note(struct qi_bank *b, int line, const char *fmt, ...)
{
	va_list	 ap;

	if (line > 0)
		buf_addf(&b->notes, "%s:%d: ", b->file, line);
	else
		buf_addf(&b->notes, "%s: ", b->file);
	va_start(ap, fmt);
	buf_vaddf(&b->notes, fmt, ap);
	va_end(ap);
	buf_addc(&b->notes, '\n');
}

struct qi_question *
qi_new(struct qi_bank *b, int line)
{
	struct qi_question *q;

	if (b->nq == QUIZ_MAX_QUESTIONS) {
		b->skipped++;
		qi_note(b, line, "lewati: sebuah kuis Lentera memuat paling "
		    "banyak %d soal; pecah bank soal ini menjadi beberapa "
		    "berkas", QUIZ_MAX_QUESTIONS);
		return NULL;
	}
	q = &b->q[b->nq++];
	memset(q, 0, sizeof(*q));
	q->line = line;
	q->points = 1;
	return q;
}

void
qi_drop(struct qi_bank *b)
{
	if (b->nq > 0)
		question_free(&b->q[--b->nq]);
	b->skipped++;
}

/* ---------------------------------------------------------- HTML -> text */

static const struct { const char *name; const char *utf8; } entities[] = {
	{ "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" },
	{ "apos", "'" }, { "nbsp", " " }, { "ndash", "\xe2\x80\x93" },
	{ "mdash", "\xe2\x80\x94" }, { "hellip", "\xe2\x80\xa6" },
	{ "laquo", "\xc2\xab" }, { "raquo", "\xc2\xbb" },
	{ "rsquo", "\xe2\x80\x99" }, { "lsquo", "\xe2\x80\x98" },
	{ "rdquo", "\xe2\x80\x9d" }, { "ldquo", "\xe2\x80\x9c" },
	{ "times", "\xc3\x97" }, { "divide", "\xc3\xb7" }, { "deg", "\xc2\xb0" },
};

/* &...; at s (s[0] == '&'): appends it decoded, returns bytes used. */
static size_t
entity(struct buf *b, const char *s, size_t n)
{
	size_t	 i, e;
	char	 name[12];

	for (e = 1; e < n && e < sizeof(name) && s[e] != ';'; e++)
		;
	if (e >= n || s[e] != ';' || e == 1) {
		buf_addc(b, '&');
		return 1;
	}
	memcpy(name, s + 1, e - 1);
	name[e - 1] = '\0';
	if (name[0] == '#') {
		char	*end;
		unsigned long c = name[1] == 'x' || name[1] == 'X' ?
		    strtoul(name + 2, &end, 16) : strtoul(name + 1, &end, 10);

		const char *digits = name[1] == 'x' || name[1] == 'X' ?
		    name + 2 : name + 1;

		if (*end == '\0' && end != digits) {
			utf8_put(b, c);
			return e + 1;
		}
	}
	for (i = 0; i < sizeof(entities) / sizeof(entities[0]); i++)
		if (strcmp(name, entities[i].name) == 0) {
			buf_adds(b, entities[i].utf8);
			return e + 1;
		}
	buf_addc(b, '&');
	return 1;
}

/* The tag name at s (after '<' and an optional '/'), lower case. */
static void
tag_name(const char *s, size_t n, char *out, size_t outlen)
{
	size_t	 i = 0;

	while (i < n && i + 1 < outlen && isalnum((unsigned char)s[i])) {
		out[i] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	out[i] = '\0';
}

static int
tag_is(const char *name, const char *const *set)
{
	for (; *set; set++)
		if (strcmp(name, *set) == 0)
			return 1;
	return 0;
}

/* Collapse runs of spaces; at most one blank line; trim. */
static char *
tidy(struct buf *in)
{
	struct buf	 out = { 0 };
	size_t		 i;
	int		 nl = 0, sp = 0;
	char		*p;

	for (i = 0; i < in->n; i++) {
		char	 c = in->p[i];

		if (c == '\n') {
			nl++;
			sp = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r') {
			sp = 1;
			continue;
		}
		if (out.n > 0) {
			if (nl)
				buf_adds(&out, nl > 1 ? "\n\n" : "\n");
			else if (sp)
				buf_addc(&out, ' ');
		}
		nl = sp = 0;
		buf_addc(&out, c);
	}
	if ((p = buf_take(&out)) == NULL)
		p = strdup("");
	return p;
}

char *
qi_html_text(const char *s, size_t n, int *lost)
{
	static const char *const block[] = { "p", "div", "br", "tr", "h1",
	    "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "pre",
	    "blockquote", NULL };
	static const char *const media[] = { "img", "audio", "video",
	    "object", "embed", "iframe", "svg", "math", NULL };
	static const char *const drop[] = { "script", "style", NULL };
	struct buf	 b = { 0 };
	char		 name[16], *res;
	size_t		 i = 0, j;
	int		 closing;

	*lost = 0;
	while (i < n) {
		if (s[i] == '&') {
			i += entity(&b, s + i, n - i);
			continue;
		}
		if (s[i] != '<') {
			buf_addc(&b, s[i] == '\n' ? ' ' : s[i]);
			i++;
			continue;
		}
		closing = i + 1 < n && s[i + 1] == '/';
		tag_name(s + i + 1 + closing, n - i - 1 - closing, name,
		    sizeof(name));
		for (j = i; j < n && s[j] != '>'; j++)
			;
		if (j == n) {		/* a lone '<' is text */
			buf_addc(&b, '<');
			i++;
			continue;
		}
		if (tag_is(name, drop) && !closing) {
			/* Skip to the matching close tag. */
			char	 close[24];
			const char *e;

			snprintf(close, sizeof(close), "</%s", name);
			/* Tag names are case-insensitive: </SCRIPT> too. */
			e = strcasestr(s + j, close);	/* s is NUL-ended */
			j = e ? (size_t)(e - s) : n;
			while (j < n && s[j] != '>')
				j++;
		} else if (tag_is(name, media))
			*lost = 1;
		else if (tag_is(name, block))
			buf_adds(&b, strcmp(name, "br") == 0 ? "\n" : "\n\n");
		else if (strcmp(name, "li") == 0 && !closing)
			buf_adds(&b, "\n- ");
		else if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0)
			buf_adds(&b, "**");
		else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0)
			buf_addc(&b, '*');
		else if (strcmp(name, "td") == 0 || strcmp(name, "th") == 0)
			buf_addc(&b, ' ');
		i = j + 1;
	}
	if (b.oom) {
		buf_free(&b);
		return NULL;
	}
	res = tidy(&b);
	buf_free(&b);
	return res;
}

/* ------------------------------------------------------------ Lua writer */

static void
lua_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	buf_addc(b, '"');
	for (; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addf(b, "\\%c", *p);
		else if (*p == '\n')
			buf_adds(b, "\\n");
		else if (*p < 0x20 || *p == 0x7f)
			buf_addf(b, "\\%03u", *p);
		else
			buf_addc(b, (char)*p);
	}
	buf_addc(b, '"');
}

/* %.15g, but never "inf"/"nan" (the parsers refuse those). */
static void
lua_num(struct buf *b, double v)
{
	buf_addf(b, "%.15g", v);
}

/* An id from the question's name: a-z 0-9 '-' (never "_<n>", which the
   quiz format reserves); "soal-<n>" when the name gives nothing. */
static void
make_id(const struct qi_bank *bk, int k, char *id, size_t len)
{
	const char	*name = bk->q[k].name;
	size_t		 n = 0;
	char		 base[ID_BASE_MAX + 1];

	for (; name && *name && n < ID_BASE_MAX; name++) {
		unsigned char c = (unsigned char)*name;

		if (isalnum(c))
			base[n++] = (char)tolower(c);
		else if (n > 0 && base[n - 1] != '-')
			base[n++] = '-';
	}
	while (n > 0 && base[n - 1] == '-')
		n--;
	base[n] = '\0';
	if (n == 0)
		snprintf(base, sizeof(base), "soal-%d", k + 1);
	snprintf(id, len, "%s", base);
}

static int
id_taken(char ids[][QUIZ_ID_MAX], int n, const char *id)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (strcmp(ids[i], id) == 0)
			return 1;
	return 0;
}

/* Per-choice feedback has no field in Lentera: carry it in the
   question's feedback, under the choice it belongs to. */
static void
feedback(struct buf *b, const struct qi_question *q)
{
	struct buf	 fb = { 0 };
	int		 i, any = 0;

	if (q->feedback && *q->feedback)
		buf_adds(&fb, q->feedback);
	for (i = 0; i < q->nch; i++) {
		if (q->ch[i].feedback == NULL || *q->ch[i].feedback == '\0')
			continue;
		buf_adds(&fb, any ? "\n" : fb.n ? "\n\n" : "");
		any = 1;
		buf_adds(&fb, "- *");
		buf_adds(&fb, q->type == QI_TRUE_FALSE ? (i == 0 ? "Benar" :
		    "Salah") : q->ch[i].text ? q->ch[i].text : "");
		buf_adds(&fb, "*: ");
		buf_adds(&fb, q->ch[i].feedback);
	}
	if (fb.n) {
		buf_adds(b, "  feedback = ");
		buf_addc(&fb, '\0');
		lua_str(b, fb.p);
		buf_adds(b, ",\n");
	}
	buf_free(&fb);
}

static int
is_full(double f)
{
	return f > 0.999;
}

/* One question; 0 written, -1 not convertible (noted). */
static int
question(struct qi_bank *bk, const struct qi_question *q, const char *id,
    struct buf *b)
{
	static const char *const kw[] = { "single", "multiple", "true_false",
	    "short", "numeric", "matching" };
	int	 i, n = 0, right = -1;

	switch (q->type) {
	case QI_SINGLE:
		for (i = 0; i < q->nch; i++)
			if (is_full(q->ch[i].fraction) && right == -1)
				right = i;
			else if (is_full(q->ch[i].fraction))
				qi_note(bk, q->line, "soal \"%s\": lebih dari "
				    "satu jawaban 100%%; hanya yang pertama "
				    "dipakai sebagai kunci", id);
			else if (q->ch[i].fraction > 0)
				qi_note(bk, q->line, "soal \"%s\": nilai "
				    "sebagian %g%% untuk \"%s\" tidak dibawa "
				    "(pilihan tunggal Lentera: benar atau "
				    "salah)", id, q->ch[i].fraction * 100,
				    q->ch[i].text);
		if (right == -1) {
			qi_note(bk, q->line, "lewati soal \"%s\": tidak ada "
			    "jawaban bernilai 100%%", id);
			return -1;
		}
		break;
	case QI_MULTIPLE:
		for (i = 0; i < q->nch; i++)
			n += q->ch[i].fraction > 0;
		if (n == 0) {
			qi_note(bk, q->line, "lewati soal \"%s\": tidak ada "
			    "jawaban bernilai positif", id);
			return -1;
		}
		for (i = 0; i < q->nch; i++)
			if (q->ch[i].fraction <= 0 &&
			    fabs(q->ch[i].fraction + 1.0 / n) > 0.01) {
				qi_note(bk, q->line, "soal \"%s\": centang "
				    "salah di Lentera mengurangi 1/%d poin "
				    "(partial = true), tidak %g%% seperti di "
				    "Moodle", id, n, -q->ch[i].fraction * 100);
				break;
			}
		break;
	case QI_SHORT:
		for (i = 0; i < q->nch; i++)
			if (is_full(q->ch[i].fraction))
				n++;
			else
				qi_note(bk, q->line, "soal \"%s\": jawaban "
				    "\"%s\" bernilai %g%% tidak dibawa (isian "
				    "singkat Lentera: benar atau salah)", id,
				    q->ch[i].text, q->ch[i].fraction * 100);
		if (n == 0) {
			qi_note(bk, q->line, "lewati soal \"%s\": tidak ada "
			    "jawaban bernilai 100%%", id);
			return -1;
		}
		break;
	case QI_NUMERIC:
		for (i = 0; i < q->nch; i++)
			if (is_full(q->ch[i].fraction) && right == -1)
				right = i;
			else
				qi_note(bk, q->line, "soal \"%s\": jawaban "
				    "angka tambahan %s (%g%%) tidak dibawa", id,
				    q->ch[i].text, q->ch[i].fraction * 100);
		if (right == -1) {
			qi_note(bk, q->line, "lewati soal \"%s\": tidak ada "
			    "jawaban bernilai 100%%", id);
			return -1;
		}
		break;
	case QI_TRUE_FALSE:
	case QI_MATCHING:
		break;
	}
	buf_addf(b, "\n%s {\n  id = ", kw[q->type]);
	lua_str(b, id);
	buf_adds(b, ",\n  text = ");
	lua_str(b, q->text);
	buf_adds(b, ",\n");
	if (q->points != 1) {
		buf_adds(b, "  points = ");
		lua_num(b, q->points);
		buf_adds(b, ",\n");
	}
	switch (q->type) {
	case QI_SINGLE:
	case QI_MULTIPLE:
		buf_adds(b, "  choices = {");
		for (i = 0; i < q->nch; i++) {
			buf_adds(b, i ? ", " : " ");
			lua_str(b, q->ch[i].text);
		}
		if (q->type == QI_SINGLE)
			buf_addf(b, " },\n  answer = %d,\n", right + 1);
		else {
			buf_adds(b, " },\n  answer = {");
			for (i = 0, n = 0; i < q->nch; i++)
				if (q->ch[i].fraction > 0)
					buf_addf(b, "%s%d", n++ ? ", " : " ",
					    i + 1);
			buf_adds(b, " },\n  partial = true,\n");
		}
		break;
	case QI_TRUE_FALSE:
		buf_addf(b, "  answer = %s,\n", q->answer_true ? "true" :
		    "false");
		break;
	case QI_SHORT:
		buf_adds(b, "  accept = {");
		for (i = 0, n = 0; i < q->nch; i++)
			if (is_full(q->ch[i].fraction)) {
				buf_adds(b, n++ ? ", " : " ");
				lua_str(b, q->ch[i].text);
			}
		buf_adds(b, " },\n");
		break;
	case QI_NUMERIC:
		buf_adds(b, "  answer = ");
		buf_adds(b, q->ch[right].text);
		buf_adds(b, ",\n  tolerance = ");
		lua_num(b, q->ch[right].tolerance);
		buf_adds(b, ",\n");
		break;
	case QI_MATCHING:
		buf_adds(b, "  pairs = {\n");
		for (i = 0; i < q->nch; i++) {
			buf_adds(b, "    { ");
			lua_str(b, q->ch[i].text);
			buf_adds(b, ", ");
			lua_str(b, q->ch[i].right);
			buf_adds(b, " },\n");
		}
		buf_adds(b, "  },\n");
		break;
	}
	feedback(b, q);
	buf_adds(b, "}\n");
	return 0;
}

/* The quiz engine is the judge of what loads (the same loader as
   `lentera check` and the server): each question is tried on its own
   behind the header, and one it refuses is skipped with its reason, so
   the rules are never copied here. 0 loads, -1 not (noted). */
static int
loads(struct qi_bank *bk, const struct qi_question *q, const char *id,
    const struct buf *head, const struct buf *one)
{
	struct buf	 probe = { 0 }, err = { 0 };
	struct quiz	*qz = NULL;
	const char	*msg;
	int		 rc = -1;

	buf_add(&probe, head->p, head->n);
	buf_add(&probe, one->p, one->n);
	if (!probe.oom && quiz_load_buffer("impor", probe.p, probe.n, &qz,
	    &err) == 0) {
		quiz_free(qz);
		rc = 0;
	} else {
		buf_addc(&err, '\0');
		msg = err.p ? err.p : "kehabisan memori";
		/* "impor:LINE: message": the line is the probe's, not ours. */
		if (strncmp(msg, "impor:", 6) == 0 && strchr(msg + 6, ' '))
			msg = strchr(msg + 6, ' ') + 1;
		qi_note(bk, q->line, "lewati soal \"%s\": %.*s", id,
		    (int)strcspn(msg, "\n"), msg);
	}
	buf_free(&probe);
	buf_free(&err);
	return rc;
}

int
qimport_lua(struct qi_bank *bk, const char *title, struct buf *b)
{
	struct buf one = { 0 };
	char	(*ids)[QUIZ_ID_MAX];
	int	 k, n = 0, suffix;

	if ((ids = calloc(QUIZ_MAX_QUESTIONS, QUIZ_ID_MAX)) == NULL)
		return -1;
	buf_adds(b, "-- Diimpor dari ");
	buf_adds(b, bk->file);
	buf_adds(b, " oleh `lentera import-questions`. Periksa catatan "
	    "impor, lalu jalankan `lentera check`.\n");
	buf_adds(b, "quiz {\n  title = ");
	lua_str(b, title);
	buf_adds(b, ",\n  pass = 70,\n  shuffle = true,\n"
	    "  review = \"after_submit\",\n}\n");
	for (k = 0; k < bk->nq; k++) {
		make_id(bk, k, ids[n], QUIZ_ID_MAX);
		for (suffix = 2; id_taken(ids, n, ids[n]); suffix++) {
			char	 base[QUIZ_ID_MAX];

			make_id(bk, k, base, sizeof(base));
			snprintf(ids[n], QUIZ_ID_MAX, "%.*s-%d",
			    ID_BASE_MAX, base, suffix);
		}
		if (question(bk, &bk->q[k], ids[n], &one) == 0 &&
		    loads(bk, &bk->q[k], ids[n], b, &one) == 0) {
			buf_add(b, one.p, one.n);
			n++;
		} else
			bk->skipped++;
		buf_reset(&one);
	}
	buf_free(&one);
	free(ids);
	bk->written = n;
	if (b->oom)
		return -1;
	if (n == 0) {
		qi_note(bk, 0, "tidak ada soal yang dapat diubah");
		return -1;
	}
	if (b->n > QUIZ_SRC_MAX) {
		qi_note(bk, 0, "berkas kuis hasil impor %zu byte, melebihi "
		    "batas %zu byte: pecah bank soal ini", b->n,
		    (size_t)QUIZ_SRC_MAX);
		return -1;
	}
	return 0;
}
