/*
 * qimport_gift: Moodle's GIFT text format into the qimport model.
 *
 * What is read (Moodle's GIFT description): questions separated by blank
 * lines; "//" comment lines; "$CATEGORY:" lines (ignored); an optional
 * "::name::"; an optional "[html]" / "[markdown]" / "[plain]" /
 * "[moodle]" text format; the answer block in braces, anywhere in the
 * text (text after it makes a missing-word question, shown as "_____").
 * Inside the block: "=" right and "~" wrong answers, "%50%" weights,
 * "#" feedback after an answer, "####" general feedback; "T"/"F"/"TRUE"/
 * "FALSE" (with "#feedback" for a wrong and a right answer); "#" numeric
 * answers "n", "n:tolerance", "min..max", several with "=" and weights;
 * "=left -> right" matching pairs. Escapes: \~ \= \# \{ \} \: \\ and \n.
 * Essays ("{}") and descriptions (no braces) have no Lentera form: they
 * are noted and skipped.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qimport.h"

#define GIFT_ITEMS_MAX	64	/* answer items read from one block */

struct item {
	char	 mark;		/* '=' or '~' */
	char	*text;		/* unescaped, trimmed */
	char	*feedback;	/* after '#', unescaped, or NULL */
	double	 fraction;	/* from %n% or the mark */
	int	 weighted;
};

static int
special(char c)
{
	return c == '~' || c == '=' || c == '#' || c == '{' || c == '}' ||
	    c == ':' || c == '\\';
}

/* Copy s[0..n) without GIFT escapes and trimmed; malloc'd. */
static char *
unescape(const char *s, size_t n)
{
	char	*o = malloc(n + 1), *p = o, *end;

	if (o == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n && special(s[i + 1]))
			*p++ = s[++i];
		else if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
			*p++ = '\n';
			i++;
		} else
			*p++ = s[i];
	}
	*p = '\0';
	for (p = o; *p && isspace((unsigned char)*p); p++)
		;
	memmove(o, p, strlen(p) + 1);
	for (end = o + strlen(o); end > o && isspace((unsigned char)end[-1]);)
		*--end = '\0';
	return o;
}

/* s[0..n) trimmed, malloc'd, no escapes processed. */
static char *
trimmed(const char *s, size_t n)
{
	char	*o;

	while (n > 0 && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if ((o = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(o, s, n);
	o[n] = '\0';
	return o;
}

/* Index of the first unescaped c in s[from..n), or n. */
static size_t
find(const char *s, size_t from, size_t n, char c)
{
	for (size_t i = from; i < n; i++) {
		if (s[i] == '\\' && i + 1 < n) {
			i++;
			continue;
		}
		if (s[i] == c)
			return i;
	}
	return n;
}

static int
parse_number(const char *s, double *v)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	*v = strtod(s, &end);
	if (end == s || !isfinite(*v))
		return -1;
	while (isspace((unsigned char)*end))
		end++;
	return *end == '\0' ? 0 : -1;
}

/* Split the answer block into items at unescaped '=' / '~'. The general
   feedback ("####...") is cut off first. */
static int
items(const char *s, size_t n, struct item *it, int max, char **general)
{
	size_t	 i, start, gf;
	int	 k = 0;

	*general = NULL;
	for (gf = 0; gf + 3 < n; gf++)
		if (s[gf] == '\\')
			gf++;
		else if (strncmp(s + gf, "####", 4) == 0)
			break;
	if (gf + 3 < n) {
		*general = unescape(s + gf + 4, n - gf - 4);
		n = gf;
	}
	for (i = 0; i < n && (s[i] != '=' && s[i] != '~'); i++)
		if (s[i] == '\\')
			i++;
	while (i < n && k < max) {
		size_t	 end, hash, p;
		char	 mark = s[i];

		start = ++i;
		for (end = start; end < n && s[end] != '=' && s[end] != '~';
		    end++)
			if (s[end] == '\\')
				end++;
			else if (s[end] == '-' && end + 1 < n &&
			    s[end + 1] == '>')
				end++;	/* "->" is not a mark */
		if (end > n)
			end = n;
		memset(&it[k], 0, sizeof(it[k]));
		it[k].mark = mark;
		it[k].fraction = mark == '=' ? 1 : 0;
		p = start;
		while (p < end && isspace((unsigned char)s[p]))
			p++;
		if (p < end && s[p] == '%') {
			size_t	 q = find(s, p + 1, end, '%');
			char	 num[32];

			if (q < end && q - p - 1 < sizeof(num)) {
				memcpy(num, s + p + 1, q - p - 1);
				num[q - p - 1] = '\0';
				if (parse_number(num, &it[k].fraction) == 0) {
					it[k].fraction /= 100;
					it[k].weighted = 1;
					p = q + 1;
				}
			}
		}
		hash = find(s, p, end, '#');
		it[k].text = unescape(s + p, hash - p);
		if (hash < end)
			it[k].feedback = unescape(s + hash + 1, end - hash - 1);
		k++;
		i = end;
	}
	return k;
}

static void
items_free(struct item *it, int n, char *general)
{
	for (int i = 0; i < n; i++) {
		free(it[i].text);
		free(it[i].feedback);
	}
	free(general);
}

static int
ci_eq(const char *a, const char *b)
{
	return strcasecmp(a, b) == 0;
}

/* One numeric answer "n", "n:t" or "a..b" into choice c. */
static int
numeric_one(struct qi_choice *c, const char *s)
{
	char	 buf[128], *colon, *dots;
	double	 a, b;

	snprintf(buf, sizeof(buf), "%s", s);
	if ((dots = strstr(buf, "..")) != NULL) {
		*dots = '\0';
		if (parse_number(buf, &a) == -1 ||
		    parse_number(dots + 2, &b) == -1 || b < a)
			return -1;
		c->tolerance = (b - a) / 2;
		a = (a + b) / 2;
	} else {
		if ((colon = strchr(buf, ':')) != NULL)
			*colon = '\0';
		if (parse_number(buf, &a) == -1 || (colon &&
		    parse_number(colon + 1, &c->tolerance) == -1) ||
		    c->tolerance < 0)
			return -1;
	}
	snprintf(buf, sizeof(buf), "%.15g", a);
	free(c->text);
	return (c->text = strdup(buf)) ? 0 : -1;
}

/* The question text: an optional [format] prefix; HTML is converted. */
static char *
question_text(struct qi_bank *b, int line, const char *s, size_t n,
    const char *blank, const char *after, size_t an)
{
	char	*raw, *t = NULL, *tail = NULL;
	int	 html = 0, lost = 0;
	size_t	 skip = 0;
	struct buf o = { 0 };

	while (skip < n && isspace((unsigned char)s[skip]))
		skip++;
	if (n - skip >= 6 && strncmp(s + skip, "[html]", 6) == 0) {
		html = 1;
		skip += 6;
	} else if (n - skip >= 10 && strncmp(s + skip, "[markdown]", 10) == 0)
		skip += 10;
	else if (n - skip >= 7 && strncmp(s + skip, "[plain]", 7) == 0)
		skip += 7;
	else if (n - skip >= 8 && strncmp(s + skip, "[moodle]", 8) == 0)
		skip += 8;
	if ((raw = unescape(s + skip, n - skip)) == NULL ||
	    (an && (tail = unescape(after, an)) == NULL))
		goto out;
	buf_adds(&o, raw);
	if (blank) {
		buf_adds(&o, raw[0] ? " _____ " : "_____ ");
		if (tail)
			buf_adds(&o, tail);
	}
	buf_addc(&o, '\0');
	if (html) {
		t = qi_html_text(o.p, o.n - 1, &lost);
		if (lost)
			qi_note(b, line, "gambar atau media dalam teks soal "
			    "tidak dibawa; tambahkan ke modul bila perlu");
	} else
		t = strdup(o.p);
out:
	free(raw);
	free(tail);
	buf_free(&o);
	return t;
}

static int
too_long(struct qi_bank *b, int line, const char *what, const char *s)
{
	if (s && strlen(s) >= QUIZ_TEXT_MAX) {
		qi_note(b, line, "lewati: %s lebih dari %d byte", what,
		    QUIZ_TEXT_MAX - 1);
		return 1;
	}
	return 0;
}

/* One question block s[0..n) starting at line. */
static void
block(struct qi_bank *b, const char *s, size_t n, int line)
{
	struct qi_question *q;
	struct item	 it[GIFT_ITEMS_MAX];
	char		*general = NULL, *name = NULL, *body;
	size_t		 open, close, p = 0, bl;
	int		 k = 0, i, arrows = 0, tilde = 0;

	while (p < n && isspace((unsigned char)s[p]))
		p++;
	if (n - p >= 2 && strncmp(s + p, "::", 2) == 0) {
		size_t	 e = p + 2;

		while (e + 1 < n && strncmp(s + e, "::", 2) != 0)
			e += s[e] == '\\' ? 2 : 1;
		if (e + 1 >= n) {
			qi_note(b, line, "lewati: nama soal \"::\" tidak "
			    "ditutup");
			b->skipped++;
			return;
		}
		name = unescape(s + p + 2, e - p - 2);
		p = e + 2;
	}
	open = find(s, p, n, '{');
	if (open == n) {
		qi_note(b, line, "lewati: teks tanpa jawaban {…} (deskripsi) "
		    "tidak menjadi soal");
		b->skipped++;
		free(name);
		return;
	}
	close = find(s, open + 1, n, '}');
	if (close == n) {
		qi_note(b, line, "lewati: \"{\" tidak ditutup dengan \"}\"");
		b->skipped++;
		free(name);
		return;
	}
	body = (char *)s + open + 1;
	bl = close - open - 1;
	while (bl > 0 && isspace((unsigned char)*body)) {
		body++;
		bl--;
	}
	while (bl > 0 && isspace((unsigned char)body[bl - 1]))
		bl--;
	if (bl == 0) {
		qi_note(b, line, "lewati soal%s%s: esai tidak dapat dinilai "
		    "otomatis di Lentera", name ? " " : "", name ? name : "");
		b->skipped++;
		free(name);
		return;
	}
	if ((q = qi_new(b, line)) == NULL) {
		free(name);
		return;
	}
	q->name = name;
	{
		/* Text after the block makes it a missing-word question. */
		size_t	 an = n - close - 1;
		const char *after = s + close + 1;
		int	 blank = 0;

		for (size_t j = 0; j < an; j++)
			if (!isspace((unsigned char)after[j]))
				blank = 1;
		q->text = question_text(b, line, s + p, open - p,
		    blank ? "" : NULL, after, blank ? an : 0);
	}
	if (q->text == NULL || too_long(b, line, "teks soal", q->text))
		goto drop;
	if (*body == '#' && (bl < 4 || strncmp(body, "####", 4) != 0)) {
		/* Numeric: "#n:t" or "#=n:t =%50%m:u ..." */
		const char *nb = body + 1;
		size_t	 nn = bl - 1;

		q->type = QI_NUMERIC;
		while (nn > 0 && isspace((unsigned char)*nb)) {
			nb++;
			nn--;
		}
		if (nn > 0 && *nb != '=') {
			size_t	 h = find(nb, 0, nn, '#');
			char	*one = unescape(nb, h);

			q->nch = 1;
			q->ch[0].fraction = 1;
			if (one == NULL || numeric_one(&q->ch[0], one) == -1) {
				qi_note(b, line, "lewati: jawaban angka \"%s\" "
				    "tidak terbaca", one ? one : "");
				free(one);
				goto drop;
			}
			free(one);
			if (h < nn)
				q->ch[0].feedback = unescape(nb + h + 1,
				    nn - h - 1);
		} else {
			k = items(nb, nn, it, GIFT_ITEMS_MAX, &general);
			for (i = 0; i < k && q->nch < QUIZ_MAX_CHOICES; i++) {
				struct qi_choice *c = &q->ch[q->nch];

				c->fraction = it[i].fraction;
				c->feedback = it[i].feedback;
				it[i].feedback = NULL;
				if (it[i].mark != '=' || numeric_one(c,
				    it[i].text) == -1) {
					qi_note(b, line, "jawaban angka \"%s\" "
					    "tidak terbaca, dilewati",
					    it[i].text ? it[i].text : "");
					free(c->text);
					free(c->feedback);
					memset(c, 0, sizeof(*c));
					continue;
				}
				q->nch++;
			}
			q->feedback = general;
			general = NULL;
		}
		goto done;
	}
	{
		/* True/false: T, F, TRUE, FALSE, then "#wrong#right". */
		size_t	 h = find(body, 0, bl, '#');
		char	*word = unescape(body, h);

		if (word && (ci_eq(word, "T") || ci_eq(word, "TRUE") ||
		    ci_eq(word, "F") || ci_eq(word, "FALSE"))) {
			q->type = QI_TRUE_FALSE;
			q->answer_true = toupper((unsigned char)word[0]) == 'T';
			free(word);
			if (h < bl) {
				/* Moodle: the first feedback is shown for a
				   wrong answer, the second for a right one. */
				size_t	 h2 = find(body, h + 1, bl, '#');
				char	*fw = unescape(body + h + 1,
				    h2 - h - 1);
				char	*fr = h2 < bl ? unescape(body + h2 + 1,
				    bl - h2 - 1) : NULL;

				q->nch = 2;
				q->ch[0].text = strdup("Benar");
				q->ch[1].text = strdup("Salah");
				q->ch[q->answer_true ? 1 : 0].feedback = fw;
				q->ch[q->answer_true ? 0 : 1].feedback = fr;
			}
			goto done;
		}
		free(word);
	}
	k = items(body, bl, it, GIFT_ITEMS_MAX, &general);
	q->feedback = general;
	general = NULL;
	for (i = 0; i < k; i++) {
		if (it[i].text == NULL) {
			qi_note(b, line, "kehabisan memori");
			goto drop;
		}
		arrows += strstr(it[i].text, "->") != NULL;
		tilde += it[i].mark == '~';
	}
	if (k == 0) {
		qi_note(b, line, "lewati: blok jawaban tanpa \"=\" atau \"~\"");
		goto drop;
	}
	if (k > QUIZ_MAX_CHOICES) {
		qi_note(b, line, "lewati: %d jawaban, Lentera memuat paling "
		    "banyak %d", k, QUIZ_MAX_CHOICES);
		goto drop;
	}
	if (arrows) {
		q->type = QI_MATCHING;
		for (i = 0; i < k; i++) {
			char	*a = strstr(it[i].text, "->");

			if (a == NULL || it[i].mark != '=') {
				qi_note(b, line, "lewati: pasangan \"%s\" bukan "
				    "\"=kiri -> kanan\"", it[i].text);
				goto drop;
			}
			/* it[i].text is unescaped already: split, trim, no more. */
			q->ch[i].text = trimmed(it[i].text, a - it[i].text);
			q->ch[i].right = trimmed(a + 2, strlen(a + 2));
			if (q->ch[i].text == NULL || q->ch[i].right == NULL) {
				q->nch = i + 1;
				goto drop;
			}
			q->ch[i].fraction = 1;
			if (q->ch[i].text && q->ch[i].text[0] == '\0') {
				qi_note(b, line, "lewati: pilihan kanan tanpa "
				    "pasangan (\"%s\") tidak didukung Lentera",
				    q->ch[i].right);
				q->nch = i + 1;
				goto drop;
			}
			q->nch = i + 1;
		}
		if (q->nch < 2) {
			qi_note(b, line, "lewati: menjodohkan perlu minimal 2 "
			    "pasangan");
			goto drop;
		}
		goto done;
	}
	if (tilde == 0) {
		q->type = QI_SHORT;
	} else {
		int	 eq = 0, positive = 0;

		for (i = 0; i < k; i++) {
			eq += it[i].mark == '=';
			positive += it[i].fraction > 0;
		}
		/* As Moodle reads it: an "=" answer makes one-right-answer
		   (the others may carry partial credit); only "~%n%"
		   weights on several answers make tick-all-that-apply. */
		q->type = eq == 0 && positive > 1 ? QI_MULTIPLE : QI_SINGLE;
	}
	for (i = 0; i < k; i++) {
		q->ch[i].text = it[i].text;
		q->ch[i].feedback = it[i].feedback;
		q->ch[i].fraction = it[i].fraction;
		it[i].text = it[i].feedback = NULL;
		q->nch = i + 1;
		if (too_long(b, line, "jawaban", q->ch[i].text))
			goto drop;
	}
	for (i = 0; i < q->nch; i++)
		for (int j = 0; j < i; j++)
			if (strcmp(q->ch[i].text, q->ch[j].text) == 0 &&
			    q->type != QI_SHORT) {
				qi_note(b, line, "lewati: pilihan \"%s\" ditulis "
				    "dua kali", q->ch[i].text);
				goto drop;
			}
	if ((q->type == QI_SINGLE || q->type == QI_MULTIPLE) && q->nch < 2) {
		qi_note(b, line, "lewati: pilihan ganda perlu minimal 2 "
		    "pilihan");
		goto drop;
	}
done:
	items_free(it, k, general);
	if (too_long(b, line, "umpan balik", q->feedback))
		qi_drop(b);
	return;
drop:
	items_free(it, k, general);
	qi_drop(b);
}

int
qi_parse_gift(struct qi_bank *b, const char *src, size_t n)
{
	struct buf	 cur = { 0 };
	size_t		 i = 0, e;
	int		 line = 1, start = 0, depth = 0;

	if (memchr(src, '\0', n) != NULL) {
		const char *z = memchr(src, '\0', n);
		int	 zl = 1;

		for (const char *c = src; c < z; c++)
			zl += *c == '\n';
		qi_note(b, zl, "byte NUL: bukan berkas teks GIFT");
		return -1;
	}
	if (n > QI_SRC_MAX) {
		qi_note(b, 0, "berkas lebih dari %zu byte", QI_SRC_MAX);
		return -1;
	}
	if (n >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	for (; i < n; i = e + 1, line++) {
		const char *l;
		size_t	 ln, j;

		for (e = i; e < n && src[e] != '\n'; e++)
			;
		l = src + i;
		ln = e - i;
		if (ln > 0 && l[ln - 1] == '\r')
			ln--;
		for (j = 0; j < ln && isspace((unsigned char)l[j]); j++)
			;
		if (j + 1 < ln && l[j] == '/' && l[j + 1] == '/')
			continue;		/* comment */
		if (j == ln && depth == 0) {	/* blank: ends a question */
			if (cur.n)
				block(b, cur.p, cur.n, start);
			buf_reset(&cur);
			continue;
		}
		if (cur.n == 0 && ln - j >= 10 &&
		    strncmp(l + j, "$CATEGORY:", 10) == 0)
			continue;
		if (cur.n == 0)
			start = line;
		else
			buf_addc(&cur, '\n');
		buf_add(&cur, l, ln);
		/* A block "{ ... }" may hold blank lines in Moodle's parser
		   only when they are inside braces: track the depth. */
		for (j = 0; j < ln; j++)
			if (l[j] == '\\')
				j++;
			else if (l[j] == '{')
				depth++;
			else if (l[j] == '}' && depth > 0)
				depth--;
	}
	if (cur.n)
		block(b, cur.p, cur.n, start);
	if (cur.oom) {
		buf_free(&cur);
		qi_note(b, 0, "kehabisan memori");
		return -1;
	}
	buf_free(&cur);
	return 0;
}
