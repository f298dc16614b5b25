/* course_parse: reading course files: a file of the course into memory
   (through coursefs), the YAML-like front matter, numbers and ids. See
   course_int.h. */
#include <sys/stat.h>

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "course.h"
#include "course_int.h"
#include "coursefs.h"

/*
 * dir/name into memory, NUL-terminated; NULL with a problem noted. Opened
 * through coursefs_open (no symlink at any level below the tree root),
 * the one resolver the asset handler uses too. sb (may be NULL) gets the
 * file's status.
 */
char *
course_slurp(const char *dir, const char *name, size_t *len, struct stat *sb,
    struct buf *err)
{
	struct stat	 st;
	char		 path[COURSE_PATH_MAX * 2];
	FILE		*f;
	char		*p = NULL;
	int		 fd;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((fd = coursefs_open(dir, name, &st)) == -1) {
		buf_problem(err, path, 1, "%s", coursefs_why(errno));
		return NULL;
	}
	if ((f = fdopen(fd, "rb")) == NULL) {
		close(fd);
		return NULL;
	}
	if ((size_t)st.st_size > COURSE_FILE_MAX) {
		buf_problem(err, path, 1, "file larger than %u bytes",
		    COURSE_FILE_MAX);
		goto done;
	}
	if ((p = malloc((size_t)st.st_size + 1)) == NULL)
		goto done;
	*len = fread(p, 1, (size_t)st.st_size, f);
	p[*len] = '\0';
	if (memchr(p, '\0', *len) != NULL) {
		buf_problem(err, path, 1, "file contains a NUL byte");
		free(p);
		p = NULL;
	}
	if (sb)
		*sb = st;
done:
	fclose(f);
	return p;
}


/* Is there a closing "---" line at or after s? *last: the file's last line. */
static int
front_matter_closed(const char *s, int *last)
{
	const char	*nl;
	size_t		 n;

	for (*last = 2; *s; s = nl + 1, (*last)++) {
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		if (n > 0 && s[n - 1] == '\r')
			n--;
		if (n == 3 && strncmp(s, "---", 3) == 0)
			return 1;
		if (nl == NULL)
			return 0;
	}
	(*last)--;
	return 0;
}

/*
 * Front matter: "---" on line 1, "key: value" lines, "---". Fills the
 * matching kv entries; unknown or repeated keys are problems. Returns the
 * line number where the body starts, or -1.
 */
int
course_front_matter(char *text, const char *path, struct kv *kv, int nkv,
    struct buf *err, char **body)
{
	char	*line = text, *nl, *colon, *v, *e;
	int	 ln = 1, i, bad = 0;

	if (strncmp(text, "---", 3) != 0 || (text[3] != '\n' &&
	    strncmp(text + 3, "\r\n", 2) != 0)) {
		buf_problem(err, path, 1, "front matter must start with a line "
		    "\"---\"");
		return -1;
	}
	line = strchr(text, '\n') + 1;
	if (!front_matter_closed(line, &ln)) {
		/* Say the cause once: not one "key: value" line per body line. */
		buf_problem(err, path, 1, "front matter opened by \"---\" on line 1 "
		    "is not closed by a line \"---\" (file ends at line %d)", ln);
		return -1;
	}
	for (ln = 2; *line; line = nl + 1, ln++) {
		if ((nl = strchr(line, '\n')) == NULL) {
			/* A closing "---" as the file's last line, no newline. */
			if (strcmp(line, "---") == 0 || strcmp(line, "---\r") == 0) {
				*body = line + strlen(line);
				return bad ? -1 : ln + 1;
			}
			break;
		}
		*nl = '\0';
		if (nl > line && nl[-1] == '\r')
			nl[-1] = '\0';
		if (strcmp(line, "---") == 0) {
			*body = nl + 1;
			return bad ? -1 : ln + 1;
		}
		if (strlen(line) > COURSE_LINE_MAX) {
			buf_problem(err, path, ln, "line too long");
			bad = 1;
			continue;
		}
		for (v = line; *v == ' ' || *v == '\t'; v++)
			;
		if (*v == '\0')
			continue;
		if ((colon = strchr(line, ':')) == NULL) {
			buf_problem(err, path, ln, "expected \"key: value\"");
			bad = 1;
			continue;
		}
		*colon = '\0';
		for (v = colon + 1; *v == ' ' || *v == '\t'; v++)
			;
		for (e = v + strlen(v); e > v && (e[-1] == ' ' ||
		    e[-1] == '\t'); e--)
			;
		*e = '\0';
		for (i = 0; i < nkv; i++)
			if (strcmp(kv[i].key, line) == 0)
				break;
		if (i == nkv) {
			buf_problem(err, path, ln, "unknown key \"%.64s\"", line);
			bad = 1;
		} else if (kv[i].line) {
			buf_problem(err, path, ln, "key \"%s\" repeated (first on "
			    "line %d)", kv[i].key, kv[i].line);
			bad = 1;
		} else if (strlen(v) >= kv[i].len) {
			buf_problem(err, path, ln, "value of \"%s\" longer than %zu "
			    "characters", kv[i].key, kv[i].len - 1);
			bad = 1;
		} else {
			snprintf(kv[i].dst, kv[i].len, "%s", v);
			kv[i].line = ln;
		}
	}
	/* Point at the opening line: that is where a trainer looks. */
	buf_problem(err, path, 1, "front matter opened by \"---\" on line 1 is "
	    "not closed by a line \"---\" (file ends at line %d)",
	    *line ? ln : ln - 1);
	return -1;
}

int
course_int_field(const char *s, int lo, int hi, int *out)
{
	char	*e;
	long	 v;

	errno = 0;
	v = strtol(s, &e, 10);
	if (*s == '\0' || *e != '\0' || errno || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int
course_id_ok(const char *s, size_t max)
{
	size_t	 i;

	for (i = 0; s[i]; i++)
		if (!(islower((unsigned char)s[i]) ||
		    isdigit((unsigned char)s[i]) || s[i] == '-'))
			return 0;
	return i > 0 && i < max;
}

