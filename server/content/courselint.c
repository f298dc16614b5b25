/* courselint: misnamed files, refused assets, unrenderable pages and
   links to course files that do not exist. See courselint.h. */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "course.h"
#include "coursefs.h"
#include "courselint.h"
#include "hex.h"
#include "render.h"

#define LINT_SEGS	16	/* path segments of a resolved link */
#define LINT_SEG_MAX	128
#define LINT_SHOW	120	/* bytes of a URL quoted in a message */
#define LINT_PAGE_MAX	50	/* link problems reported per page */
#define LINT_SEEN	32	/* assets remembered per page */

static void
problem(struct buf *err, int *n, const char *path, int line,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void
problem(struct buf *err, int *n, const char *path, int line,
    const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	buf_vproblem(err, path, line, fmt, ap);
	va_end(ap);
	(*n)++;
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t	 n = strlen(s), k = strlen(suffix);

	return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

/* The module rule of course.c (slug_ok, then id_ok on the slug). */
static int
module_name(const char *s)
{
	size_t	 n = strlen(s), i;

	if (n <= 6 || n >= COURSE_SLUG_MAX + 3 || !isdigit((unsigned char)s[0]) ||
	    !isdigit((unsigned char)s[1]) || s[2] != '-' ||
	    strcmp(s + n - 3, ".md") != 0)
		return 0;
	for (i = 0; i < n - 3; i++)
		if (!islower((unsigned char)s[i]) && !isdigit((unsigned char)s[i]) &&
		    s[i] != '-')
			return 0;
	return 1;
}

static int
lint_assets(const struct course *c, struct buf *err)
{
	struct dirent	*de;
	struct stat	 sb;
	const char	*type, *why;
	char		 path[COURSE_PATH_MAX + 300];
	DIR		*d;
	int		 n = 0;

	if ((d = coursefs_opendir(c->dir, "assets")) == NULL) {
		if (errno != ENOENT) {
			snprintf(path, sizeof(path), "%s/assets", c->dir);
			problem(err, &n, path, 1, "assets folder refused: %s",
			    coursefs_why(errno));
		}
		return n;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* never served; .DS_Store and the like */
		snprintf(path, sizeof(path), "%s/assets/%s", c->dir, de->d_name);
		if (fstatat(dirfd(d), de->d_name, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISDIR(sb.st_mode)) {
			problem(err, &n, path, 1, "asset refused: subfolders of "
			    "assets/ are not served; put images directly in "
			    "assets/");
			continue;
		}
		if (coursefs_asset(c->dir, de->d_name, NULL, &type, &why) == -1)
			problem(err, &n, path, 1, "asset refused: %s",
			    why ? why : "out of memory");
	}
	closedir(d);
	return n;
}

int
courselint_names(const struct course *c, struct buf *err)
{
	struct dirent	*de;
	char		 path[COURSE_PATH_MAX + 300];
	DIR		*d;
	int		 n = 0;

	if ((d = coursefs_opendir(c->dir, "")) == NULL)
		return 0;	/* the loader has said why */
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "course.md") == 0 ||
		    strcasecmp(de->d_name, "README.md") == 0)
			continue;
		if ((ends_with(de->d_name, ".md") ||
		    ends_with(de->d_name, ".markdown")) &&
		    !module_name(de->d_name)) {
			snprintf(path, sizeof(path), "%s/%s", c->dir, de->d_name);
			problem(err, &n, path, 1, "looks like a module but is "
			    "not named NN-slug.md (two digits, '-', then a-z, "
			    "0-9 and '-', then .md), so it would not be shown");
		}
	}
	closedir(d);
	return n + lint_assets(c, err);
}

struct refs {
	struct course	*c;
	const char	*path;
	const char	*body;
	int		 body_line;
	struct buf	*err;
	int		 n;
	long		 at;		/* line counting resumes here: refs */
	int		 at_line;	/* come in document order */
	int		 more;		/* problems past LINT_PAGE_MAX */
	struct buf	 spill;		/* where those go */
	struct {
		const char	*dir;
		char		 name[LINT_SEG_MAX];
		const char	*why;	/* NULL: servable */
	}		 seen[LINT_SEEN];
	int		 nseen;
};

/* coursefs_asset(dir, name) in check mode, remembered for the page: a
   page showing one diagram 300 times reads it once. */
static const char *
asset_why(struct refs *x, const char *dir, const char *name)
{
	const char	*type, *why;
	int		 i;

	for (i = 0; i < x->nseen && i < LINT_SEEN; i++)
		if (x->seen[i].dir == dir && strcmp(x->seen[i].name, name) == 0)
			return x->seen[i].why;
	if (coursefs_asset(dir, name, NULL, &type, &why) == 0)
		why = NULL;
	else if (why == NULL)
		why = "cannot be read";
	i = x->nseen++ % LINT_SEEN;
	x->seen[i].dir = dir;
	snprintf(x->seen[i].name, sizeof(x->seen[i].name), "%s", name);
	x->seen[i].why = why;
	return why;
}

/* Percent-decode s[0..n) into out (cap bytes); -1 on NUL or overflow. */
static int
pct(const char *s, size_t n, char *out, size_t cap)
{
	size_t	 i, k = 0;
	int	 hi, lo;

	for (i = 0; i < n; i++) {
		if (k + 1 >= cap)
			return -1;
		if (s[i] == '%' && i + 2 < n &&
		    isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			hi = hex_digit((unsigned char)s[i + 1]);
			lo = hex_digit((unsigned char)s[i + 2]);
			out[k] = (char)(hi * 16 + lo);
			i += 2;
		} else
			out[k] = s[i];
		if (out[k++] == '\0')
			return -1;
	}
	out[k] = '\0';
	return 0;
}

/*
 * The path part of url as the browser resolves it from /courses/<id>/:
 * segments into seg (".", ".." and their %2e spellings applied, '\\' as
 * '/'). Returns the number of segments, or -1 when it cannot be read.
 */
static int
resolve(const struct course *c, const char *url, size_t len,
    char seg[LINT_SEGS][LINT_SEG_MAX])
{
	char		 full[COURSE_PATH_MAX * 2], one[LINT_SEG_MAX];
	const char	*p, *e, *end;
	int		 nseg = 0;

	if (len > 0 && (url[0] == '/' || url[0] == '\\'))
		snprintf(full, sizeof(full), "%.*s", (int)len, url);
	else
		snprintf(full, sizeof(full), "/courses/%s/%.*s", c->id,
		    (int)len, url);
	end = full + strcspn(full, "?#");
	for (p = full; p < end; p = e + 1) {
		for (e = p; e < end && *e != '/' && *e != '\\'; e++)
			;
		if (e > p) {
			if (pct(p, (size_t)(e - p), one, sizeof(one)) == -1)
				return -1;
			if (strcmp(one, "..") == 0) {
				if (nseg > 0)
					nseg--;
			} else if (strcmp(one, ".") != 0) {
				if (nseg == LINT_SEGS)
					return -1;
				snprintf(seg[nseg++], LINT_SEG_MAX, "%s", one);
			}
		}
		if (e >= end)
			break;
	}
	return nseg;
}

static int
is_module(const struct course *c, const char *slug)
{
	int	 i;

	for (i = 0; i < c->nmods; i++)
		if (strcmp(c->mods[i].slug, slug) == 0)
			return 1;
	return 0;
}

static void
ref_check(struct refs *x, int image, const char *url, size_t len, long off)
{
	char		 seg[LINT_SEGS][LINT_SEG_MAX], show[LINT_SHOW + 1];
	char		 other[COURSE_PATH_MAX];
	const char	*what = image ? "image" : "link", *type, *why, *slash;
	struct stat	 sb;
	size_t		 i;
	long		 k;
	int		 nseg, line = x->body_line, fd;

	if (len == 0 || url[0] == '#' || url[0] == '?')
		return;		/* same page */

	if (off >= 0) {
		if (off < x->at) {
			x->at = 0;
			x->at_line = x->body_line;
		}
		for (k = x->at; k < off; k++)
			if (x->body[k] == '\n')
				x->at_line++;
		x->at = off;
		line = x->at_line;
	}
	for (i = 0; i < len && i < LINT_SHOW; i++)
		show[i] = (unsigned char)url[i] < 0x20 ? '?' : url[i];
	show[i] = '\0';
	if ((nseg = resolve(x->c, url, len, seg)) == -1) {
		problem(x->err, &x->n, x->path, line, "%s \"%s\": address "
		    "cannot be read", what, show);
		return;
	}
	if (nseg < 2 || strcmp(seg[0], "courses") != 0) {
		/* A link to another page of the application (/record,
		   ../../quiz/...) is the trainer's choice; an image there
		   is not a course file (or is ../../ probing). */
		if (image)
			problem(x->err, &x->n, x->path, line, "image \"%s\" "
			    "points outside the course pages", show);
		return;
	}
	if (strcmp(seg[1], x->c->id) != 0) {
		/* Another course: its folder must be in this tree. */
		slash = strrchr(x->c->dir, '/');
		snprintf(other, sizeof(other), "%.*s%s",
		    slash ? (int)(slash - x->c->dir + 1) : 0, x->c->dir, seg[1]);
		if ((fd = coursefs_open(other, "course.md", &sb)) == -1) {
			problem(x->err, &x->n, x->path, line, "%s \"%s\": course "
			    "\"%s\" is not in this course tree", what, show,
			    seg[1]);
			return;
		}
		close(fd);
		if (!image || nseg != 4 || strcmp(seg[2], "assets") != 0)
			return;
		if (coursefs_asset(other, seg[3], NULL, &type, &why) == -1)
			problem(x->err, &x->n, x->path, line, "%s \"%s\": %s",
			    what, show, why ? why : "cannot be read");
		return;
	}
	if (nseg == 4 && strcmp(seg[2], "assets") == 0) {
		if ((why = asset_why(x, x->c->dir, seg[3])) != NULL)
			problem(x->err, &x->n, x->path, line, "%s \"%s\": "
			    "assets/%s %s", what, show, seg[3], why);
		return;
	}
	if (image) {
		problem(x->err, &x->n, x->path, line, "image \"%s\" is not a "
		    "file in this course's assets/ folder", show);
		return;
	}
	if (nseg == 2)
		return;		/* the course page */
	if (nseg == 3 && is_module(x->c, seg[2]))
		return;
	if (nseg == 3)
		problem(x->err, &x->n, x->path, line, "link \"%s\": module "
		    "\"%s\" does not exist in this course", show, seg[2]);
	else
		problem(x->err, &x->n, x->path, line, "link \"%s\" does not "
		    "name a page or an asset of this course", show);
}

/* render_ref_fn: past LINT_PAGE_MAX problems only count them. */
static void
on_ref(void *arg, int image, const char *url, size_t len, long off)
{
	struct refs	*x = arg;
	struct buf	*err = x->err;
	int		 n = x->n;

	if (n < LINT_PAGE_MAX) {
		ref_check(x, image, url, len, off);
		return;
	}
	buf_reset(&x->spill);
	x->err = &x->spill;
	ref_check(x, image, url, len, off);
	x->more += x->n - n;
	x->n = n;
	x->err = err;
}

static int
lint_page(struct course *c, struct course_page *pg, struct buf *err)
{
	struct refs	 x = { 0 };
	struct buf	 src = { 0 }, html = { 0 };
	struct stat	 sb;
	const char	*name, *body, *why;
	char		 base[COURSE_ID_MAX + 16], chunk[4096];
	ssize_t		 got;
	int		 fd, i;

	x.c = c;
	x.path = pg->file;
	x.err = err;
	if ((name = strrchr(pg->file, '/')) == NULL)
		return 0;
	if ((fd = coursefs_open(c->dir, name + 1, &sb)) == -1) {
		problem(err, &x.n, pg->file, 1, "%s", coursefs_why(errno));
		return x.n;
	}
	while ((size_t)sb.st_size <= COURSE_FILE_MAX &&
	    (got = read(fd, chunk, sizeof(chunk))) > 0 && src.n <= COURSE_FILE_MAX)
		buf_add(&src, chunk, (size_t)got);
	close(fd);
	if (src.oom || src.n > COURSE_FILE_MAX) {
		problem(err, &x.n, pg->file, 1, "file larger than %u bytes",
		    COURSE_FILE_MAX);
		goto out;
	}
	/* The body as course_render finds it: after body_line - 1 lines. */
	for (body = src.p ? src.p : "", i = 1; i < pg->body_line && body; i++) {
		body = strchr(body, '\n');
		body = body ? body + 1 : NULL;
	}
	if (body == NULL)
		body = "";
	x.body = body;
	x.body_line = x.at_line = pg->body_line;
	snprintf(base, sizeof(base), "/courses/%s/", c->id);
	if (render_markdown_refs(body, strlen(body), base, &html, on_ref,
	    &x) == -1) {
		if ((why = render_refusal(body, strlen(body))) != NULL)
			problem(err, &x.n, pg->file, pg->body_line, "page "
			    "cannot be shown: %s", why);
		else
			problem(err, &x.n, pg->file, pg->body_line, "page "
			    "cannot be shown: a table wider than %d columns, "
			    "or the page grows too large when rendered",
			    RENDER_MAX_TABLE_COLS);
		goto out;
	}
	if (x.more > 0)
		problem(err, &x.n, pg->file, pg->body_line, "and %d more "
		    "problems with links and images in this page", x.more);
	/* Checked, not kept: a page's HTML is made on its first view
	   (course_page.c) and kept from then on. Seeding every page here
	   held the whole catalogue rendered from the start: 100 courses of
	   5 modules, +11 MB before anyone asked for a page. */
out:
	buf_free(&src);
	buf_free(&html);
	buf_free(&x.spill);
	return x.n;
}

int
courselint_pages(struct course *c, struct buf *err)
{
	int	 i, n = 0;

	if (c->overview.file[0] != '\0')
		n += lint_page(c, &c->overview, err);
	for (i = 0; i < c->nmods; i++)
		n += lint_page(c, &c->mods[i].page, err);
	return n;
}
