/* buf: growable output buffer. See buf.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

static int
grow(struct buf *b, size_t need)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return -1;
	if (need > BUF_MAX - b->n - 1) {
		b->oom = 1;
		return -1;
	}
	if (b->n + need + 1 <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < b->n + need + 1)
		cap *= 2;
	if ((p = realloc(b->p, cap)) == NULL) {
		b->oom = 1;
		return -1;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

void
buf_add(struct buf *b, const void *s, size_t n)
{
	/* Room already there (the common case on pages): no call to grow. */
	if (n == 0 || ((b->oom || b->n + n + 1 > b->cap || n > BUF_MAX) &&
	    grow(b, n) == -1))
		return;
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_reserve(struct buf *b, size_t n)
{
	grow(b, n);
}

void
buf_addi(struct buf *b, long long v)
{
	char			 t[24], *e = t + sizeof(t), *q = e;
	unsigned long long	 u = v < 0 ? 0ull - (unsigned long long)v :
				    (unsigned long long)v;

	do
		*--q = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--q = '-';
	buf_add(b, q, (size_t)(e - q));
}

void
buf_adds(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, char c)
{
	buf_add(b, &c, 1);
}

void
buf_vaddf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	 ap2;
	size_t	 room;
	int	 len;

	if (b->oom)
		return;
	/* One pass when it fits (the common case), a second after growing. */
	room = b->cap > b->n ? b->cap - b->n : 0;
	va_copy(ap2, ap);
	len = vsnprintf(room ? b->p + b->n : NULL, room, fmt, ap2);
	va_end(ap2);
	if (len <= 0)
		return;
	if ((size_t)len < room) {
		b->n += (size_t)len;
		return;
	}
	if (grow(b, (size_t)len) == -1) {
		if (room)
			b->p[b->n] = '\0';	/* undo the partial write */
		return;
	}
	vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	b->n += (size_t)len;
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void
buf_htmln(struct buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;
	const char *rep;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		buf_add(b, s + start, i - start);
		buf_adds(b, rep);
		start = i + 1;
	}
	buf_add(b, s + start, n - start);
}

void
buf_html(struct buf *b, const char *s)
{
	if (s != NULL)
		buf_htmln(b, s, strlen(s));
}

void
buf_json_str(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");

	buf_addc(b, '"');
	for (; *p; p++) {
		switch (*p) {
		case '"': buf_adds(b, "\\\""); break;
		case '\\': buf_adds(b, "\\\\"); break;
		case '\n': buf_adds(b, "\\n"); break;
		case '\r': buf_adds(b, "\\r"); break;
		case '\t': buf_adds(b, "\\t"); break;
		case '/':
			if (p > (const unsigned char *)s && p[-1] == '<')
				buf_adds(b, "\\/");
			else
				buf_addc(b, '/');
			break;
		default:
			if (*p < 0x20)
				buf_addf(b, "\\u%04x", *p);
			else
				buf_addc(b, (char)*p);
		}
	}
	buf_addc(b, '"');
}

void
buf_url(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p, *run;
	char		 esc[3];

	if (s == NULL)
		return;
	/* Runs of unreserved characters in one append each. */
	for (run = p = (const unsigned char *)s; *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' ||
		    *p == '.' || *p == '~')
			continue;
		buf_add(b, run, (size_t)(p - run));
		esc[0] = '%';
		esc[1] = hex[*p >> 4];
		esc[2] = hex[*p & 15];
		buf_add(b, esc, 3);
		run = p + 1;
	}
	buf_add(b, run, (size_t)(p - run));
}

void
buf_reset(struct buf *b)
{
	b->n = 0;
	b->oom = 0;
	if (b->p)
		b->p[0] = '\0';
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
	b->oom = 0;
}

char *
buf_take(struct buf *b)
{
	char	*p;

	if (b->oom) {
		buf_free(b);
		return NULL;
	}
	p = b->p ? b->p : strdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

void
buf_vproblem(struct buf *b, const char *file, int line, const char *fmt,
    va_list ap)
{
	buf_addf(b, "%s:%d: ", file, line);
	buf_vaddf(b, fmt, ap);
	buf_addc(b, '\n');
}

void
buf_problem(struct buf *b, const char *file, int line, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vproblem(b, file, line, fmt, ap);
	va_end(ap);
}
