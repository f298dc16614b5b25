/* render_cost: the work guard in front of md4c (render.h's limits): an
   estimate of md4c's work on a page, so inputs that are quadratic for
   md4c 0.4.8 are refused before parsing, by the server and `check`
   alike. See render_int.h. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "render.h"
#include "render_int.h"

/*
 * A line that is certainly a link reference definition when it opens a
 * blank-line-separated chunk or follows one: " {0,3}[label]: dest" and
 * nothing else, the label printable ASCII without brackets or '\\', the
 * destination without blanks, '<' or parentheses (whose balancing rules
 * could make md4c see paragraph text instead). md4c stores those without
 * inline parsing, so they cost nothing quadratic (20,000 of them render
 * in ~12 ms); anything looser counts as paragraph text.
 */
static int
ref_def_line(const char *s, size_t n)
{
	size_t	 i = 0, k, j;

	if (n > 0 && s[n - 1] == '\r')
		n--;
	while (i < n && i < 3 && s[i] == ' ')
		i++;
	if (i >= n || s[i] != '[')
		return 0;
	for (k = ++i; i < n && s[i] != ']'; i++)
		if (s[i] < ' ' || s[i] >= 0x7f || s[i] == '[' || s[i] == '\\')
			return 0;
	for (j = k; j < i && s[j] == ' '; j++)
		;
	if (j == i || i - k > 256 || i + 1 >= n || s[i + 1] != ':')
		return 0;
	for (i += 2; i < n && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	for (k = i; i < n && s[i] > ' ' && s[i] < 0x7f && s[i] != '<' &&
	    s[i] != '(' && s[i] != ')'; i++)
		;
	if (i == k)
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return i == n;
}

/*
 * md4c 0.4.8 has two quadratic paths (measured, ~0.6 ns per unit):
 * - permissive URL/www autolinks: by their number in one paragraph
 *   (2 MB of "www.a.b " takes ~19 s), even on one line;
 * - brackets and '_' in a paragraph: by their number times the lines
 *   before them (1 MB of "[a]\n" takes ~35 s).
 * One pass counts autolink sites per document and sums lines × marks
 * per blank-line-separated chunk (a paragraph never spans a blank line,
 * so this over-estimates, never under-). Reference definitions opening a
 * chunk (ref_def_line) add neither lines nor marks; the same lines after
 * paragraph text are paragraph text and count ("x\n" + 20,000 of them
 * takes md4c 2.3 s).
 */
void
render_cost(const char *s, size_t n, size_t *sites, uint64_t *work)
{
	const char	*p = s, *end = s + n, *nl;
	size_t		 i, len, lines = 0, marks = 0, m;
	int		 blank, defs = 1;

	*sites = 0;
	*work = 0;
	for (; p <= end; p = nl + 1) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		len = (size_t)(nl - p);
		blank = 1;
		m = 0;
		/* One switch per byte: this runs over every page at load. */
		for (i = 0; i < len; i++) {
			switch (p[i]) {
			case ' ': case '\t': case '\r':
				continue;
			case ']': case '_':
				m++;
				break;
			case ':':
				if (p + i + 3 < end && p[i + 1] == '/' &&
				    p[i + 2] == '/') {
					(*sites)++;
					m++;
				}
				break;
			case 'w': case 'W':
				if (p + i + 3 < end && (p[i + 1] | 32) == 'w' &&
				    (p[i + 2] | 32) == 'w' && p[i + 3] == '.') {
					(*sites)++;
					m++;
				}
				break;
			default:
				break;
			}
			blank = 0;
		}
		if (blank || nl == end) {
			if (!blank && !(defs && ref_def_line(p, len))) {
				lines++;
				marks += m;
			}
			*work += (uint64_t)lines * marks;
			lines = marks = 0;
			defs = 1;
		} else if (defs && ref_def_line(p, len)) {
			;	/* a definition: stored, not parsed inline */
		} else {
			defs = 0;
			lines++;
			marks += m;
		}
		if (nl == end)
			break;
	}
}

const char *
render_refusal(const char *src, size_t n)
{
	size_t		 sites;
	uint64_t	 work;

	if (n > RENDER_MAX_INPUT)
		return "file too large to render";
	render_cost(src, n, &sites, &work);
	if (work > RENDER_MAX_WORK)
		return "too many links, brackets or '_' in one block of "
		    "consecutive lines (split it with blank lines)";
	return NULL;
}

