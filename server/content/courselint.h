/*
 * courselint: what the course loader finds wrong in a course beyond its
 * front matter, run on the one load path that `lentera check`, cold start
 * and hot reload share (course.c load_course), so the server serves
 * exactly what check accepts.
 *
 * - courselint_names: *.md files in the course folder that are not
 *   course.md, README.md or a module name NN-slug.md (they would silently
 *   not be shown); every entry of assets/ that the asset handler would
 *   refuse (coursefs_asset: not an image, a symlink, content that does
 *   not match its extension, SVG with script, too large, a subfolder).
 * - courselint_pages: renders course.md and every module body exactly as
 *   a request would (render_markdown_refs), so a page that cannot render
 *   is a problem at load and never a 500 later (the HTML is not kept:
 *   the page's first view renders it into its cache). Every same-site link and image is resolved as the
 *   browser would (against /courses/<id>/, "." / ".." / %2e segments):
 *   images must be servable assets, links must name this course's page,
 *   a module, an asset or another course folder of the tree; relative
 *   URLs may not climb out of /courses/.
 * Problems are appended to err as "path:line: message\n"; each returns
 * the number it added.
 */
#ifndef LENTERA_COURSELINT_H
#define LENTERA_COURSELINT_H

#include "buf.h"

struct course;

int	courselint_names(const struct course *, struct buf *err);
int	courselint_pages(struct course *, struct buf *err);

#endif
