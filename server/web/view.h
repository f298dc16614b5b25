/*
 * view: HTML page assembly. Every page is the layout from view_begin
 * (head, header bar with the user's navigation, language switch) + the
 * handler's content + view_end. All text goes through buf_html unless it
 * is HTML this program produced itself (rendered Markdown, SVG charts).
 * Templates are C functions: no template language to escape from.
 */
#ifndef LENTERA_VIEW_H
#define LENTERA_VIEW_H

#include <stdint.h>

#include "buf.h"
#include "i18n.h"

struct req;

#define T(r, id)	i18n((r)->lang, (id))
/* A page's first allocation: a module page (~18 KB) fits without the
   doublings that each copy what is already there. */
#define VIEW_PAGE_RESERVE	(32 * 1024)

void	view_begin(struct req *, const char *title);
void	view_end(struct req *);
/*
 * view_begin in its two halves, into any buffer: view_head is the same
 * for every user (language and title only: doctype to the opening of the
 * menu), view_header the user's own (navigation, language switch with
 * this path, logout with the CSRF token, name; ends opening <main>).
 * view_foot is view_end into o. For pages assembled from cached parts
 * (modcache.h).
 */
void	view_head(struct req *, struct buf *o, const char *title);
void	view_header(struct req *, struct buf *o);
void	view_foot(struct req *, struct buf *o);
/* Hidden CSRF field for forms (view_csrf_to: into o). */
void	view_csrf(struct req *);
void	view_csrf_to(struct req *, struct buf *o);
/* Progress bar (0..100) with an accessible label. */
void	view_progress(struct req *, int percent, const char *label);
/* Date as "22 November 2026" in the request's language (WIB, UTC+7). */
void	view_date(struct req *, int64_t t);
void	view_datetime(struct req *, int64_t t);
/* A notice box: kind "ok" | "error" | "info"; msg escaped. */
void	view_notice(struct req *, const char *kind, const char *msg);
/* JP in hundredths (ledger.h) as people read them into o: "20", "2,22"
   (Indonesian) or "2.22" (English). */
void	view_cjp(struct req *, struct buf *o, int64_t cjp);
/* The progress bar of cjp against target (cJP), capped at 100 %. */
void	view_cjp_progress(struct req *, int64_t cjp, int64_t target,
	    const char *label);

#endif
