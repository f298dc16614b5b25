/*
 * buf: a growable byte buffer, the one way Lentera builds output.
 *
 * Contract: a zeroed struct buf is empty and valid. Appends grow the
 * buffer; on allocation failure (or past BUF_MAX) the buffer sets ->oom,
 * ignores further appends and the owner reports an error (over HTTP:
 * HTTP_OOM, http.h). p is always
 * NUL-terminated when n > 0 (or is NULL when nothing was added).
 * The owner of the struct frees it with buf_free.
 *
 * buf_html escapes & < > " ' for HTML text and attribute values.
 * buf_json_str writes a quoted JSON string (UTF-8 passed through,
 * control characters escaped, "</" written as "<\/").
 * buf_url escapes for a URL query component.
 * buf_addi writes a decimal integer; buf_reserve makes room ahead.
 * buf_problem appends one "file:line: message" line (the form of every
 * problem in a file Lentera reads: courses, quizzes, JP rules).
 */
#ifndef LENTERA_BUF_H
#define LENTERA_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_MAX ((size_t)256 << 20)	/* one response/object never exceeds 256 MiB */

struct buf {
	char	*p;
	size_t	 n;
	size_t	 cap;
	int	 oom;
};

void	buf_add(struct buf *, const void *, size_t);
void	buf_adds(struct buf *, const char *);
/* Room for n more bytes at once (one allocation instead of doublings). */
void	buf_reserve(struct buf *, size_t n);
/* A decimal integer, without printf (hot paths: pages, CSV rows). */
void	buf_addi(struct buf *, long long);
void	buf_addc(struct buf *, char);
void	buf_addf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_vaddf(struct buf *, const char *, va_list);
void	buf_html(struct buf *, const char *);
void	buf_htmln(struct buf *, const char *, size_t);
void	buf_json_str(struct buf *, const char *);
void	buf_url(struct buf *, const char *);
void	buf_reset(struct buf *);
void	buf_free(struct buf *);
void	buf_problem(struct buf *, const char *file, int line,
	    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void	buf_vproblem(struct buf *, const char *file, int line,
	    const char *fmt, va_list);
/* Detach the contents as a malloc'd NUL-terminated string; buf is emptied. */
char	*buf_take(struct buf *);

#endif
