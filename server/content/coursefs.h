/*
 * coursefs: how a course's files are found on disk, and which of them may
 * be sent to a browser. One resolver for the loader, `lentera check` and
 * the asset handler, so what check accepts is exactly what the server
 * opens.
 *
 * Contract:
 * - coursefs_open(dir, rel) opens dir/rel where dir is "<root>/<course>".
 *   <root> (the operator's --courses path) is opened as given; from the
 *   course folder down every component is opened with O_NOFOLLOW, so a
 *   course folder, a subfolder or a file that is a symbolic link is
 *   refused (errno ELOOP), whether it points inside the course or not:
 *   one rule, the same on every kernel. rel is '/'-separated; empty,
 *   ".", ".." and dot-leading components are refused (ENOENT). Returns a
 *   read-only fd of a regular file (sb filled), or -1 with errno set;
 *   the caller closes the fd. coursefs_opendir is the same for folders.
 *   Hard links are not refused: a hard link is the file itself, not a
 *   path leading elsewhere, and with fs.protected_hardlinks=1 (Debian's
 *   default) its maker must own the target or be able to read and write
 *   it, so it gives a trainer nothing they do not already have (and
 *   rsync --link-dest deployments use them).
 * - coursefs_why(errno) is the trainer-facing reason for a failed open.
 * - Assets are images only: coursefs_asset_type(name) is the MIME type
 *   for .svg .png .jpg .jpeg .gif .webp (any letter case) and NULL for
 *   everything else (.js, .html, .css, .xml ... are never served from a
 *   course). A served name is one path segment of [A-Za-z0-9._-], not
 *   starting with '.' (coursefs_asset_name_ok).
 * - coursefs_asset_sniff(type, head, n) checks the first bytes agree with
 *   the type (PNG/JPEG/GIF/WebP signatures; an SVG's root element is
 *   <svg>), so an HTML or XHTML file cannot pass as an image.
 * - coursefs_svg_lint(text, n) returns NULL for an SVG we are willing to
 *   serve, else why not: script, event attributes, foreignObject and
 *   other embedding elements, javascript:/vbscript:/data:text/html URLs
 *   (after entity decoding), entity declarations, XSLT. The server does
 *   not depend on this for safety (assets are sent with CSP sandbox, see
 *   COURSEFS_ASSET_CSP); it tells the trainer early.
 * - coursefs_asset(dir, name, out, ...) does all of the above for one
 *   asset: reads <dir>/assets/<name> into out (appended) and returns 0
 *   with *type set, or -1 with a reason in *why (static text) and out
 *   cut back. The asset handler and the loader both call it; out NULL
 *   only checks (reads a raster image's first COURSEFS_SNIFF bytes).
 */
#ifndef LENTERA_COURSEFS_H
#define LENTERA_COURSEFS_H

#include <sys/stat.h>

#include <dirent.h>
#include <stddef.h>

#define COURSEFS_ASSET_MAX	(8u << 20)	/* largest asset served */
#define COURSEFS_SNIFF		1024		/* bytes read to check a type */
#define COURSEFS_MAX_DEPTH	8		/* components in rel */

/* Sent instead of the application's CSP on every course asset: the
   document gets an opaque origin and runs no script at all. */
#define COURSEFS_ASSET_CSP \
	"sandbox; default-src 'none'; img-src 'self' data:; " \
	"style-src 'unsafe-inline'; frame-ancestors 'none'"

int		 coursefs_open(const char *dir, const char *rel,
		    struct stat *sb);
/* A file of the tree root itself (the default reaksi.survey): root is
   opened as given (it may be a link, as the operator's path), name is
   one component, never a link. Same returns. */
int		 coursefs_open_root(const char *root, const char *name,
		    struct stat *sb);
/* The folder dir/rel (rel "" is the course folder), same rules. */
DIR		*coursefs_opendir(const char *dir, const char *rel);
const char	*coursefs_why(int err);
const char	*coursefs_asset_type(const char *name);
int		 coursefs_asset_name_ok(const char *name);
int		 coursefs_asset_sniff(const char *type, const char *head,
		    size_t n);
const char	*coursefs_svg_lint(const char *text, size_t n);
struct buf;
int		 coursefs_asset(const char *dir, const char *name,
		    struct buf *out, const char **type, const char **why);

#endif
