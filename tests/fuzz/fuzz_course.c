/*
 * fuzz_course: the course loader and checker (front matter, keys, values,
 * module discovery) on arbitrary course.md bytes. The input is split at
 * the first "\n=====\n" into course.md and one module file, written into
 * a private temporary tree, and checked with course_check: the real path
 * from disk, exactly as `lentera check` and the server load it.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "course.h"
#include "log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char root[64];

static void
put(const char *path, const void *p, size_t n)
{
	FILE	*f = fopen(path, "wb");

	if (f == NULL)
		abort();
	fwrite(p, 1, n, f);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sep[] = "\n=====\n";
	char		 path[128];
	const uint8_t	*mod = NULL;
	size_t		 i, clen = size;
	struct buf	 out = { 0 };

	if (root[0] == '\0') {
		snprintf(root, sizeof(root), "/tmp/fuzz-course-XXXXXX");
		if (mkdtemp(root) == NULL)
			abort();
		snprintf(path, sizeof(path), "%s/kursus", root);
		mkdir(path, 0700);
		log_set_quiet(1);
	}
	for (i = 0; i + sizeof(sep) - 1 <= size; i++)
		if (memcmp(data + i, sep, sizeof(sep) - 1) == 0) {
			clen = i;
			mod = data + i + sizeof(sep) - 1;
			break;
		}
	snprintf(path, sizeof(path), "%s/kursus/course.md", root);
	put(path, data, clen);
	snprintf(path, sizeof(path), "%s/kursus/01-modul.md", root);
	if (mod)
		put(path, mod, size - (size_t)(mod - data));
	else
		put(path, "---\ntitle: M\n---\nisi\n", 21);
	course_check(root, &out);
	buf_free(&out);
	return 0;
}
