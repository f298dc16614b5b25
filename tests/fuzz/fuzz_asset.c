/*
 * fuzz_asset: the asset/route edge. The first line of the input is a
 * request path; it goes through what the server does with one (CivetWeb's
 * URL decoding, the split at '/', the route shape courses, course, assets, file)
 * and then the server's own resolver, coursefs_asset(), on a private tree
 * that is full of traps: symlinks to a secret outside the tree, a linked
 * course folder, a linked subfolder, a FIFO, a course folder reached
 * through "..". The same path is also opened with coursefs_open() as an
 * arbitrary relative path below every course folder. Aborts when anything
 * it opens is not one of the real files inside the real course, or when a
 * served asset is not byte-for-byte a real asset. The rest of the input
 * is an SVG body run through coursefs_asset_sniff/coursefs_svg_lint
 * (bounds: ASan; contract: no crash, a NULL or a static reason).
 * fuzz-max-len: 4096
 */
#include <sys/stat.h>

#include <civetweb.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "coursefs.h"
#include "log.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOK	8
static char	 root[64];
static struct stat ok[NOK];	/* every real file of course "k" */
static int	 nok;
static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>a</title></svg>\n";
static const char png[] = "\x89PNG\r\n\x1a\n-not-really-a-png-";

static void
put(const char *rel, const char *text, size_t n, int real)
{
	char	 p[256];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if ((f = fopen(p, "wb")) == NULL)
		abort();
	fwrite(text, 1, n, f);
	fclose(f);
	if (real && nok < NOK && stat(p, &ok[nok++]) == -1)
		abort();
}

static void
link_to(const char *target, const char *rel)
{
	char	 p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p) == -1)
		abort();
}

/* libFuzzer leaves by exit(): take the trap tree with us. */
static void
cleanup(void)
{
	char	 cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		return;
}

static void
setup(void)
{
	char	 p[256];

	snprintf(root, sizeof(root), "/tmp/fuzz-asset-XXXXXX");
	if (mkdtemp(root) == NULL)
		abort();
	atexit(cleanup);
	log_set_quiet(1);
	snprintf(p, sizeof(p), "%s/tree", root);		mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/tree/k", root);		mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/tree/k/assets", root);	mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/luar", root);		mkdir(p, 0700);
	snprintf(p, sizeof(p), "%s/luar/assets", root);		mkdir(p, 0700);
	put("tree/k/course.md", "---\nid: k\n---\n", 14, 1);
	put("tree/k/assets/a.svg", svg, sizeof(svg) - 1, 1);
	put("tree/k/assets/b.png", png, sizeof(png) - 1, 1);
	put("luar/rahasia.svg", svg, sizeof(svg) - 1, 0);
	put("luar/assets/rahasia.svg", svg, sizeof(svg) - 1, 0);
	put("tree/rahasia.svg", svg, sizeof(svg) - 1, 0);
	snprintf(p, sizeof(p), "%s/luar/rahasia.svg", root);
	link_to(p, "tree/k/assets/l.svg");
	link_to("../../rahasia.svg", "tree/k/assets/r.svg");
	snprintf(p, sizeof(p), "%s/luar", root);
	link_to(p, "tree/m");			/* a linked course folder */
	link_to(p, "tree/k/assets/d");		/* a linked subfolder */
	link_to(".", "tree/k/assets/self");
	snprintf(p, sizeof(p), "%s/tree/k/assets/fifo.svg", root);
	mkfifo(p, 0600);
}

static int
is_ok(const struct stat *sb)
{
	int	 i;

	for (i = 0; i < nok; i++)
		if (ok[i].st_dev == sb->st_dev && ok[i].st_ino == sb->st_ino)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = { 0 };
	struct stat	 sb;
	const char	*type, *why, *seg[16], *nl;
	char		 raw[1024], path[1024], dir[1100], *p, *save, *tok;
	size_t		 n;
	int		 nseg = 0, fd, len, i;

	if (root[0] == '\0')
		setup();
	nl = memchr(data, '\n', size);
	n = nl ? (size_t)(nl - (const char *)data) : size;
	if (n >= sizeof(raw))
		n = sizeof(raw) - 1;
	memcpy(raw, data, n);
	raw[n] = '\0';
	/* As CivetWeb: decoded (a %00 ends the string), then split. */
	if ((len = mg_url_decode(raw, (int)n, path, sizeof(path), 0)) < 0)
		return 0;
	for (p = path; (tok = strtok_r(p, "/", &save)) != NULL && nseg < 16;
	    p = NULL)
		seg[nseg++] = tok;
	/* The route /courses/<any course name>/assets/<one segment>; any
	   name at all, not only catalogue ids, to be harsher than serving. */
	if (nseg == 4 && strcmp(seg[0], "courses") == 0 &&
	    strcmp(seg[2], "assets") == 0) {
		snprintf(dir, sizeof(dir), "%s/tree/%s", root, seg[1]);
		if (coursefs_asset(dir, seg[3], &out, &type, &why) == 0) {
			if (strcmp(seg[1], "k") != 0 ||
			    !((out.n == sizeof(svg) - 1 &&
			    memcmp(out.p, svg, out.n) == 0) ||
			    (out.n == sizeof(png) - 1 &&
			    memcmp(out.p, png, out.n) == 0)))
				abort();	/* served something else */
		} else if (why == NULL && !out.oom)
			abort();		/* refused without a reason */
		buf_free(&out);
	}
	/* Every segment list as a relative path below each course folder. */
	for (i = 0; i < 3; i++) {
		static const char *const courses[] = { "k", "m", "." };

		snprintf(dir, sizeof(dir), "%s/tree/%s", root, courses[i]);
		if ((fd = coursefs_open(dir, raw, &sb)) != -1) {
			if (i != 0 || !is_ok(&sb))
				abort();	/* left the course */
			close(fd);
		}
	}
	/* The rest: an SVG body. */
	if (nl != NULL) {
		n = size - (size_t)(nl + 1 - (const char *)data);
		(void)coursefs_asset_sniff("image/svg+xml", nl + 1, n);
		(void)coursefs_svg_lint(nl + 1, n);
	}
	return 0;
}
