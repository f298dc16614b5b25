/* coursefs: course files on disk, and which may be served. See coursefs.h. */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "buf.h"
#include "course.h"
#include "coursefs.h"
#include "hex.h"

/* One component: not empty, no '.'/'..'/dot-leading, no '\\'. */
static int
component_ok(const char *s, size_t n)
{
	return n > 0 && n < 256 && s[0] != '.' && memchr(s, '\\', n) == NULL;
}

/* Open one component below fd; a link is ELOOP whatever the flags. */
static int
step(int fd, const char *s, size_t n, int last)
{
	struct stat	 sb;
	char		 comp[256];
	int		 next, saved;

	if (!component_ok(s, n))
		return errno = ENOENT, -1;
	memcpy(comp, s, n);
	comp[n] = '\0';
	/* Non-blocking so that a FIFO cannot hang the open. */
	next = openat(fd, comp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC |
	    (last ? O_NONBLOCK | O_NOCTTY : O_DIRECTORY));
	saved = errno;
	if (next == -1 && fstatat(fd, comp, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
	    S_ISLNK(sb.st_mode))
		saved = ELOOP;
	return next == -1 ? (errno = saved, -1) : next;
}

/*
 * Walk dir ("<root>/<course>") and rel ("" for the course folder itself)
 * without following a link anywhere below root; the fd of the last
 * component (a folder when wantdir), or -1 with errno.
 */
static int
walk(const char *dir, const char *rel, int wantdir)
{
	char		 root[COURSE_PATH_MAX];
	const char	*name, *p, *e;
	int		 fd, next, depth = 0, saved;

	if ((name = strrchr(dir, '/')) == NULL) {
		snprintf(root, sizeof(root), ".");
		name = dir;
	} else {
		if ((size_t)(name - dir) >= sizeof(root))
			return errno = ENAMETOOLONG, -1;
		snprintf(root, sizeof(root), "%.*s", (int)(name - dir), dir);
		if (root[0] == '\0')
			snprintf(root, sizeof(root), "/");
		name++;
	}
	if ((fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	/* The course folder itself, then each component of rel. */
	next = step(fd, name, strlen(name), 0);
	saved = errno;
	close(fd);
	if ((fd = next) == -1)
		return errno = saved, -1;
	for (p = rel; *rel != '\0'; p = e + 1) {
		if ((e = strchr(p, '/')) == NULL)
			e = p + strlen(p);
		if (++depth > COURSEFS_MAX_DEPTH) {
			close(fd);
			return errno = ENOENT, -1;
		}
		next = step(fd, p, (size_t)(e - p), *e == '\0' && !wantdir);
		saved = errno;
		close(fd);
		if ((fd = next) == -1)
			return errno = saved, -1;
		if (*e == '\0')
			break;
	}
	return fd;
}

/* fd if it is a regular file (sb filled, made blocking again), else
   closed and -1 with errno. */
static int
regular(int fd, struct stat *sb)
{
	int	 saved;

	if (fstat(fd, sb) == -1 || !S_ISREG(sb->st_mode)) {
		saved = S_ISDIR(sb->st_mode) ? EISDIR : EINVAL;
		close(fd);
		return errno = saved, -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

int
coursefs_open(const char *dir, const char *rel, struct stat *sb)
{
	int	 fd;

	if (rel[0] == '\0')
		return errno = EISDIR, -1;
	if ((fd = walk(dir, rel, 0)) == -1)
		return -1;
	return regular(fd, sb);
}

int
coursefs_open_root(const char *root, const char *name, struct stat *sb)
{
	int	 rfd, fd, saved;

	if ((rfd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) == -1)
		return -1;
	fd = step(rfd, name, strlen(name), 1);
	saved = errno;
	close(rfd);
	if (fd == -1)
		return errno = saved, -1;
	return regular(fd, sb);
}

DIR *
coursefs_opendir(const char *dir, const char *rel)
{
	DIR	*d;
	int	 fd, saved;

	if ((fd = walk(dir, rel, 1)) == -1)
		return NULL;
	if ((d = fdopendir(fd)) == NULL) {
		saved = errno;
		close(fd);
		errno = saved;
	}
	return d;
}

const char *
coursefs_why(int err)
{
	switch (err) {
	case ELOOP:
		return "is a symbolic link (refused: course files must be "
		    "real files inside the course folder)";
	case ENOENT:
	case ENOTDIR:
		return "does not exist";
	case EISDIR:
		return "is a folder, not a file";
	case EINVAL:
		return "is not a regular file";
	case EACCES:
		return "cannot be read (permission denied)";
	default:
		return strerror(err);
	}
}

static const struct {
	const char	*ext, *type;
} types[] = {
	{ ".svg", "image/svg+xml" }, { ".png", "image/png" },
	{ ".jpg", "image/jpeg" }, { ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" }, { ".webp", "image/webp" },
};

const char *
coursefs_asset_type(const char *name)
{
	const char	*dot = strrchr(name, '.');
	size_t		 i;

	for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcasecmp(dot, types[i].ext) == 0)
			return types[i].type;
	return NULL;
}

int
coursefs_asset_name_ok(const char *name)
{
	const char	*p;

	if (name[0] == '.' || name[0] == '\0' || strlen(name) > 128)
		return 0;
	for (p = name; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '-' &&
		    *p != '_')
			return 0;
	return 1;
}

/* Skip BOM, blanks, <?...?>, <!--...--> and <!DOCTYPE ...>; the root. */
static const char *
xml_root(const char *s, const char *end)
{
	const char	*q;
	size_t		 k;

	if (end - s >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3;
	for (;;) {
		while (s < end && (*s == ' ' || *s == '\t' || *s == '\r' ||
		    *s == '\n'))
			s++;
		if (end - s >= 2 && memcmp(s, "<?", 2) == 0)
			q = memmem(s, (size_t)(end - s), "?>", 2), k = 2;
		else if (end - s >= 4 && memcmp(s, "<!--", 4) == 0)
			q = memmem(s + 4, (size_t)(end - s - 4), "-->", 3), k = 3;
		else if (end - s >= 9 && strncasecmp(s, "<!DOCTYPE", 9) == 0)
			q = memchr(s, '>', (size_t)(end - s)), k = 1;
		else
			return s;
		if (q == NULL)
			return end;
		s = q + k;
	}
}

int
coursefs_asset_sniff(const char *type, const char *h, size_t n)
{
	const char	*r;

	if (strcmp(type, "image/png") == 0)
		return n >= 8 && memcmp(h, "\x89PNG\r\n\x1a\n", 8) == 0;
	if (strcmp(type, "image/jpeg") == 0)
		return n >= 3 && memcmp(h, "\xff\xd8\xff", 3) == 0;
	if (strcmp(type, "image/gif") == 0)
		return n >= 6 && (memcmp(h, "GIF87a", 6) == 0 ||
		    memcmp(h, "GIF89a", 6) == 0);
	if (strcmp(type, "image/webp") == 0)
		return n >= 12 && memcmp(h, "RIFF", 4) == 0 &&
		    memcmp(h + 8, "WEBP", 4) == 0;
	if (strcmp(type, "image/svg+xml") == 0) {
		r = xml_root(h, h + n);
		return h + n - r >= 5 && memcmp(r, "<svg", 4) == 0 &&
		    strchr(" \t\r\n>/", r[4]) != NULL;
	}
	return 0;
}

/* Lower-cased local name (prefix "x:" dropped) of s[0..n) into out. */
static void
local_name(const char *s, size_t n, char *out, size_t cap)
{
	const char	*c = memchr(s, ':', n);
	size_t		 i;

	if (c != NULL) {
		n -= (size_t)(c + 1 - s);
		s = c + 1;
	}
	for (i = 0; i < n && i + 1 < cap; i++)
		out[i] = (char)tolower((unsigned char)s[i]);
	out[i] = '\0';
}

/* An attribute value after numeric entity decoding, blanks and controls
   dropped, lower-cased: does it name a script-capable URL? data: is
   allowed for embedded raster and vector images only (Inkscape writes
   them), which run no script. */
static int
bad_url(const char *s, size_t n)
{
	char		 v[64];
	size_t		 i, k = 0;
	unsigned long	 c;
	int		 hex, d;

	for (i = 0; i < n && k + 1 < sizeof(v); i++) {
		c = (unsigned char)s[i];
		if (c == '&' && i + 2 < n && s[i + 1] == '#') {
			hex = s[i + 2] == 'x' || s[i + 2] == 'X';
			c = 0;
			for (i += 2 + hex; i < n; i++) {
				d = hex ? hex_digit((unsigned char)s[i]) :
				    isdigit((unsigned char)s[i]) ? s[i] - '0' : -1;
				if (d < 0)
					break;
				if (c < 0x110000)
					c = c * (hex ? 16 : 10) + (unsigned long)d;
			}
			if (i >= n || s[i] != ';')
				i--;
		} else if (c == '&' && n - i >= 7 &&
		    strncasecmp(s + i, "&colon;", 7) == 0) {
			c = ':';
			i += 6;
		}
		if (c <= 0x20 || c == 0x7f)
			continue;
		v[k++] = (char)tolower((int)(c & 0x7f));
	}
	v[k] = '\0';
	return strncmp(v, "javascript:", 11) == 0 ||
	    strncmp(v, "vbscript:", 9) == 0 ||
	    (strncmp(v, "data:", 5) == 0 && strncmp(v, "data:image/", 11) != 0);
}

const char *
coursefs_svg_lint(const char *text, size_t n)
{
	static const char *const refused[] = {
		"script", "foreignobject", "iframe", "embed", "object",
		"handler", "listener", "html", "body", "frame", "frameset",
		"meta", "link", "base", "form", "portal",
		/* SMIL can set href to javascript: without an attribute
		   value that starts with it (values="0;javascript:…"). */
		"animate", "set", "animatemotion", "animatetransform",
	};
	const char	*s = text, *end = text + n, *t, *v;
	char		 name[32];
	size_t		 i;
	char		 q;

	if (memmem(text, n, "<!ENTITY", 8) != NULL)
		return "declares XML entities";
	if (memmem(text, n, "<?xml-stylesheet", 16) != NULL)
		return "uses an XML stylesheet";
	while ((s = memchr(s, '<', (size_t)(end - s))) != NULL) {
		s++;
		if (s < end && (*s == '/' || *s == '!' || *s == '?'))
			continue;
		for (t = s; t < end && !strchr(" \t\r\n/>", *t); t++)
			;
		local_name(s, (size_t)(t - s), name, sizeof(name));
		for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
			if (strcmp(name, refused[i]) == 0)
				return "contains a <script>, <foreignObject> or "
				    "other element that embeds documents or "
				    "runs code";
		/* Attributes up to '>': name[=value]. */
		for (s = t; s < end && *s != '>'; ) {
			while (s < end && strchr(" \t\r\n/", *s))
				s++;
			for (t = s; t < end && !strchr(" \t\r\n/>=", *t); t++)
				;
			local_name(s, (size_t)(t - s), name, sizeof(name));
			if (name[0] == 'o' && name[1] == 'n')
				return "has an event attribute (on...)";
			s = t;
			while (s < end && strchr(" \t\r\n", *s))
				s++;
			if (s >= end || *s != '=') {
				if (t == s && s < end && *s != '>')
					s++;
				continue;
			}
			for (s++; s < end && strchr(" \t\r\n", *s); s++)
				;
			if (s < end && (*s == '"' || *s == '\'')) {
				q = *s++;
				v = memchr(s, q, (size_t)(end - s));
				t = v ? v : end;
			} else {
				for (t = s; t < end && !strchr(" \t\r\n>", *t);
				    t++)
					;
			}
			if (bad_url(s, (size_t)(t - s)))
				return "has a javascript:, vbscript: or data: "
				    "address";
			s = t < end && (*t == '"' || *t == '\'') ? t + 1 : t;
		}
	}
	return NULL;
}

int
coursefs_asset(const char *dir, const char *name, struct buf *out,
    const char **type, const char **why)
{
	struct buf	 own = { 0 }, *b = out ? out : &own;
	struct stat	 sb;
	char		 chunk[4096], rel[300];	/* hot reload runs on a worker stack */
	size_t		 start = b->n, left;
	ssize_t		 got;
	int		 fd, rc = -1, svg;

	*why = NULL;
	if (!coursefs_asset_name_ok(name)) {
		*why = "name must be letters, digits, '.', '-' or '_' (not "
		    "starting with '.')";
		return -1;
	}
	if ((*type = coursefs_asset_type(name)) == NULL) {
		*why = "is not an image (.svg, .png, .jpg, .gif, .webp): "
		    "only images are served from assets/";
		return -1;
	}
	snprintf(rel, sizeof(rel), "assets/%s", name);
	if ((fd = coursefs_open(dir, rel, &sb)) == -1) {
		*why = coursefs_why(errno);
		return -1;
	}
	if ((size_t)sb.st_size > COURSEFS_ASSET_MAX) {
		*why = "is larger than 8 MiB";
		goto out;
	}
	/* Checking only (out NULL): a raster image needs its signature, an
	   SVG all of itself (the script check). */
	svg = strcmp(*type, "image/svg+xml") == 0;
	left = (size_t)sb.st_size;
	if (out == NULL && !svg && left > COURSEFS_SNIFF)
		left = COURSEFS_SNIFF;
	buf_add(b, "", 0);
	for (; left > 0; left -= (size_t)got) {
		got = read(fd, chunk, left < sizeof(chunk) ? left :
		    sizeof(chunk));
		if (got <= 0)
			break;
		buf_add(b, chunk, (size_t)got);
	}
	if (b->oom || left > 0) {
		*why = "cannot be read";
		goto out;
	}
	if (!coursefs_asset_sniff(*type, b->p + start, b->n - start)) {
		*why = "content does not match its extension";
		goto out;
	}
	if (svg && (*why = coursefs_svg_lint(b->p + start, b->n - start)) !=
	    NULL)
		goto out;
	rc = 0;
out:
	close(fd);
	if (rc == -1 && !b->oom && b->p != NULL) {
		b->n = start;
		b->p[start] = '\0';
	}
	buf_free(&own);
	return rc;
}
