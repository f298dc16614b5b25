/*
 * modcache: module pages pre-assembled (issue 15: the hot page).
 *
 * A module page is the same for every learner but for two short
 * regions: the user's header (view_header: navigation, language switch,
 * logout with the CSRF token, name) and the done/mark-done part. The
 * rest is built once per module HTML and language and kept here as three
 * parts of one blob:
 *   head  view_head: doctype to the opening of the menu (title)
 *   body  crumbs and the article (rendered Markdown; an h1 when the
 *         module has none of its own)
 *   tail  the module quiz link, the pager, view_foot
 * modcache_emit appends head, the user's header, body, the user's part
 * and tail to out: one copy of each, under one read lock.
 *
 * Key: the page's HTML identity (course_page_gen, content/course.h: new
 * on every load, reload and re-render, so a trainer's edit or a new
 * snapshot is never served from an old blob) and the language. Within
 * one snapshot everything else in the blob (course and neighbour titles,
 * quiz title) is immutable, and a new snapshot renders every page anew.
 *
 * Bounded: MODCACHE_SLOTS entries, direct-mapped (a collision replaces)
 * and MODCACHE_BYTES in all (a page that would pass it is served without
 * being kept). Thread-safe: a read-write lock per slot.
 * modcache_emit: 1 appended, 0 not cached (nothing appended).
 * modcache_put takes blob (head and body lengths hl, bl; the rest is
 * tail) and frees it whether kept or not; modcache_join is the same
 * five-part append from a blob of one's own (before putting it).
 */
#ifndef LENTERA_MODCACHE_H
#define LENTERA_MODCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define MODCACHE_SLOTS	512
#define MODCACHE_BYTES	((size_t)64 << 20)

int	 modcache_emit(uint64_t gen, int lang, struct buf *out,
	    const struct buf *header, const struct buf *mid);
void	 modcache_put(uint64_t gen, int lang, struct buf *blob, size_t hl,
	    size_t bl);
void	 modcache_join(struct buf *out, const struct buf *blob, size_t hl,
	    size_t bl, const struct buf *header, const struct buf *mid);

#endif
