/* unit-layer: content */
/*
 * test_coursefs: the course file resolver and asset rules (coursefs.h):
 * symlinks refused at every level, dot components refused, SVG/PNG
 * sniffing, the SVG script check and its entity spellings.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "coursefs.h"
#include "t.h"

static char	 root[64];

static void
put(const char *rel, const char *text)
{
	char	 p[256];
	FILE	*f;

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if ((f = fopen(p, "w")) == NULL)
		exit(2);
	fputs(text, f);
	fclose(f);
}

static void
sub(const char *rel)
{
	char	 p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	mkdir(p, 0700);
}

static void
lnk(const char *target, const char *rel)
{
	char	 p[256];

	snprintf(p, sizeof(p), "%s/%s", root, rel);
	if (symlink(target, p) == -1)
		exit(2);
}

static int
opens(const char *course, const char *rel, int *err)
{
	char		 dir[256];
	struct stat	 sb;
	int		 fd;

	snprintf(dir, sizeof(dir), "%s/tree/%s", root, course);
	fd = coursefs_open(dir, rel, &sb);
	*err = errno;
	if (fd != -1)
		close(fd);
	return fd != -1;
}

static const char *
lint(const char *s)
{
	return coursefs_svg_lint(s, strlen(s));
}

int
main(void)
{
	static const char svg[] = "<?xml version=\"1.0\"?>\n<!-- x -->\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>t</title></svg>\n";
	struct buf	 b = { 0 };
	const char	*type, *why;
	char		 dir[256];
	int		 e;

	snprintf(root, sizeof(root), "/tmp/test-coursefs-XXXXXX");
	if (mkdtemp(root) == NULL)
		return 2;
	sub("tree");
	sub("tree/k");
	sub("tree/k/assets");
	sub("luar");
	put("luar/x.svg", svg);
	put("tree/k/course.md", "---\n");
	put("tree/k/assets/a.svg", svg);
	put("tree/k/assets/b.png", "<html><script>1</script></html>");
	lnk("../../../luar/x.svg", "tree/k/assets/l.svg");
	lnk("a.svg", "tree/k/assets/in.svg");
	lnk("../luar", "tree/m");
	lnk("../../luar", "tree/k/d");

	T_OK(opens("k", "course.md", &e), "a real file opens");
	T_OK(opens("k", "assets/a.svg", &e), "a real asset opens");
	T_OK(!opens("k", "assets/l.svg", &e) && e == ELOOP,
	    "a link leaving the course is refused (ELOOP)");
	T_OK(!opens("k", "assets/in.svg", &e) && e == ELOOP,
	    "a link inside the course is refused too");
	T_OK(!opens("m", "x.svg", &e) && e == ELOOP, "a linked course folder");
	T_OK(!opens("k", "d/x.svg", &e) && e == ELOOP, "a linked subfolder");
	T_OK(!opens("k", "assets/../course.md", &e), "'..' refused");
	T_OK(!opens("k", "./course.md", &e), "'.' refused");
	T_OK(!opens("k", "assets//a.svg", &e), "empty component refused");
	T_OK(!opens("k", "assets\\a.svg", &e), "backslash refused");
	T_OK(!opens("k", "assets", &e) && e == EISDIR, "a folder is not a file");
	T_OK(!opens("..", "luar/x.svg", &e), "'..' as the course refused");

	snprintf(dir, sizeof(dir), "%s/tree/k", root);
	T_OK(coursefs_asset(dir, "a.svg", &b, &type, &why) == 0 &&
	    strcmp(type, "image/svg+xml") == 0 && b.n == strlen(svg),
	    "asset read whole");
	T_OK(coursefs_asset(dir, "b.png", &b, &type, &why) == -1 &&
	    strstr(why, "does not match") && b.n == strlen(svg),
	    "HTML named .png refused, buffer cut back");
	T_OK(coursefs_asset(dir, "x.js", NULL, &type, &why) == -1 &&
	    strstr(why, "not an image"), ".js never an asset");
	T_OK(coursefs_asset(dir, ".hidden.svg", NULL, &type, &why) == -1,
	    "dot name refused");
	T_OK(coursefs_asset_type("A.SVG") && !coursefs_asset_type("a.html") &&
	    !coursefs_asset_type("a.css") && !coursefs_asset_type("a"),
	    "types: images only, any case");

	T_OK(coursefs_asset_sniff("image/svg+xml", svg, strlen(svg)),
	    "SVG after prolog and comment");
	T_OK(!coursefs_asset_sniff("image/svg+xml",
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\"/>", 44),
	    "XHTML root is not SVG");
	T_OK(!coursefs_asset_sniff("image/svg+xml", "<svgx/>", 7),
	    "<svgx> is not <svg>");
	T_OK(coursefs_asset_sniff("image/png", "\x89PNG\r\n\x1a\nxx", 10) &&
	    !coursefs_asset_sniff("image/png", "GIF89a", 6), "PNG signature");

	T_OK(lint(svg) == NULL, "plain SVG passes");
	T_OK(lint("<svg><image href=\"data:image/png;base64,AAAA\"/></svg>") ==
	    NULL, "embedded data: image passes");
	T_OK(lint("<svg><script href=\"a.js\"/></svg>") != NULL, "script");
	T_OK(lint("<svg><a><animate attributeName=\"href\" "
	    "values=\"0;javascript:alert(1)\"/><text>x</text></a></svg>") != NULL,
	    "SMIL animate setting href is refused");
	T_OK(lint("<svg><a><SET attributeName=\"href\" to=\"x\"/></a></svg>") != NULL,
	    "SMIL set is refused");
	T_OK(lint("<svg><svg:SCRIPT>1</svg:SCRIPT></svg>") != NULL,
	    "prefixed, upper-case script");
	T_OK(lint("<svg><foreignObject/></svg>") != NULL, "foreignObject");
	T_OK(lint("<svg ONLOAD=\"x\"/>") != NULL, "event attribute");
	T_OK(lint("<svg><a href=\"  JaVa&#x53;cript&#58;1\"/></svg>") != NULL,
	    "entity-spelled javascript:");
	T_OK(lint("<svg><a href='java\tscript:1'/></svg>") != NULL,
	    "tab inside javascript:");
	T_OK(lint("<svg><a href=data:text/html,x /></svg>") != NULL,
	    "unquoted data:text/html");
	T_OK(lint("<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>") != NULL,
	    "entity declaration");
	T_OK(lint("<?xml-stylesheet href=\"x.xsl\"?><svg/>") != NULL, "XSLT");
	T_OK(lint("<svg><set attributeName=\"href\" to=\"javascript:1\"/></svg>")
	    != NULL, "animated javascript: href");
	buf_free(&b);
	snprintf(dir, sizeof(dir), "rm -rf '%s'", root);
	if (system(dir) != 0)
		printf("# could not remove %s\n", root);
	T_DONE();
}
