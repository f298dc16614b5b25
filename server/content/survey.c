/* survey: instrument files. See survey.h. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "course.h"
#include "course_int.h"
#include "coursefs.h"
#include "survey.h"
#include "utf8.h"

static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	for (e = s + strlen(s); e > s && (e[-1] == ' ' || e[-1] == '\t' ||
	    e[-1] == '\r'); e--)
		;
	*e = '\0';
	return s;
}

/* Copy src into dst (len bytes): -1 when it does not fit or is empty. */
static int
field(char *dst, size_t len, const char *src)
{
	if (*src == '\0' || strlen(src) >= len)
		return -1;
	memcpy(dst, src, strlen(src) + 1);
	return 0;
}

static int
id_used(const struct survey *s, const char *id)
{
	int	 i;

	for (i = 0; i < s->nblocks; i++)
		if (strcmp(s->blocks[i].id, id) == 0)
			return 1;
	for (i = 0; i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return 1;
	return 0;
}

/* "a | b | c" into opts; the number of options, -1 (problem noted). */
static int
split_opts(char *list, char opts[][SURVEY_OPT_MAX], int max, const char *path,
    int ln, struct buf *err)
{
	char	*p = list, *bar, *o;
	int	 n = 0;

	for (;;) {
		if ((bar = strchr(p, '|')) != NULL)
			*bar = '\0';
		o = trim(p);
		if (n == max) {
			buf_problem(err, path, ln, "more than %d options", max);
			return -1;
		}
		if (field(opts[n], SURVEY_OPT_MAX, o) == -1) {
			buf_problem(err, path, ln, "option %d is empty or longer "
			    "than %d bytes", n + 1, SURVEY_OPT_MAX - 1);
			return -1;
		}
		n++;
		if (bar == NULL)
			return n;
		p = bar + 1;
	}
}

static int
header(struct survey *s, char *key, char *v, const char *path, int ln,
    int *labels_line, struct buf *err)
{
	char	 tmp[SURVEY_MAX_CHOICES][SURVEY_OPT_MAX];
	int	 i, n;

	if (strcmp(key, "title") == 0) {
		if (field(s->title, sizeof(s->title), v) == -1) {
			buf_problem(err, path, ln, "title is empty or longer than "
			    "%d bytes", SURVEY_TEXT_MAX - 1);
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "scale") == 0) {
		if (strcmp(v, "4") == 0 || strcmp(v, "1-4") == 0)
			s->scale_max = 4;
		else if (strcmp(v, "5") == 0 || strcmp(v, "1-5") == 0)
			s->scale_max = 5;
		else {
			buf_problem(err, path, ln, "scale must be 1-4 (as LAN "
			    "uses) or 1-5");
			return -1;
		}
		return 0;
	}
	if (strcmp(key, "labels") == 0) {
		if ((n = split_opts(v, tmp, 5, path, ln, err)) == -1)
			return -1;
		memset(s->labels, 0, sizeof(s->labels));
		for (i = 0; i < n; i++)
			memcpy(s->labels[i], tmp[i], SURVEY_OPT_MAX);
		*labels_line = ln;
		return n;
	}
	buf_problem(err, path, ln, "unknown key \"%.40s\" (title, scale, labels, "
	    "or a question: scale|choice|text ID: ...)", key);
	return -1;
}

static int
block(struct survey *s, char *line, const char *path, int ln, struct buf *err)
{
	struct survey_block *b;
	char	*close = strchr(line, ']'), *id = line + 1;

	if (close == NULL) {
		buf_problem(err, path, ln, "block needs \"[id] heading\"");
		return -1;
	}
	*close = '\0';
	id = trim(id);
	if (s->nblocks == SURVEY_MAX_BLOCKS) {
		buf_problem(err, path, ln, "more than %d blocks",
		    SURVEY_MAX_BLOCKS);
		return -1;
	}
	b = &s->blocks[s->nblocks];
	if (!course_id_ok(id, SURVEY_ID_MAX)) {
		buf_problem(err, path, ln, "block id must be 1-%d of a-z, 0-9 "
		    "and '-'", SURVEY_ID_MAX - 1);
		return -1;
	}
	if (id_used(s, id)) {
		buf_problem(err, path, ln, "id \"%s\" used twice", id);
		return -1;
	}
	memcpy(b->id, id, strlen(id) + 1);
	if (field(b->title, sizeof(b->title), trim(close + 1)) == -1) {
		buf_problem(err, path, ln, "block needs a heading after \"[%s]\" "
		    "(up to %d bytes)", id, SURVEY_TEXT_MAX - 1);
		return -1;
	}
	s->nblocks++;
	return 0;
}

static int
question(struct survey *s, enum survey_kind kind, char *rest, const char *path,
    int ln, struct buf *err)
{
	struct survey_item *it;
	char	*colon, *id, *text, *bar = NULL;

	if ((colon = strchr(rest, ':')) == NULL) {
		buf_problem(err, path, ln, "question needs \"ID: text\"");
		return -1;
	}
	*colon = '\0';
	id = trim(rest);
	text = trim(colon + 1);
	if (s->nblocks == 0) {
		buf_problem(err, path, ln, "question before the first block "
		    "(\"[id] heading\")");
		return -1;
	}
	if (s->nitems == SURVEY_MAX_ITEMS) {
		buf_problem(err, path, ln, "more than %d questions",
		    SURVEY_MAX_ITEMS);
		return -1;
	}
	if (!course_id_ok(id, SURVEY_ID_MAX)) {
		buf_problem(err, path, ln, "question id must be 1-%d of a-z, 0-9 "
		    "and '-'", SURVEY_ID_MAX - 1);
		return -1;
	}
	if (id_used(s, id)) {
		buf_problem(err, path, ln, "id \"%s\" used twice", id);
		return -1;
	}
	it = &s->items[s->nitems];
	memset(it, 0, sizeof(*it));
	if (kind == SURVEY_CHOICE) {
		if ((bar = strchr(text, '|')) == NULL) {
			buf_problem(err, path, ln, "choice needs \"ID: question | "
			    "option | option ...\"");
			return -1;
		}
		*bar = '\0';
		text = trim(text);
	}
	if (field(it->text, sizeof(it->text), text) == -1) {
		buf_problem(err, path, ln, "question text is empty or longer than "
		    "%d bytes", SURVEY_TEXT_MAX - 1);
		return -1;
	}
	if (kind == SURVEY_CHOICE) {
		if ((it->nopts = split_opts(bar + 1, it->opts,
		    SURVEY_MAX_CHOICES, path, ln, err)) == -1)
			return -1;
		if (it->nopts < 2) {
			buf_problem(err, path, ln, "choice needs at least 2 "
			    "options");
			return -1;
		}
	}
	memcpy(it->id, id, strlen(id) + 1);
	it->kind = kind;
	it->block = s->nblocks - 1;
	it->line = ln;
	s->nitems++;
	return 0;
}

/* One line (NUL-terminated, without its newline); -1: a problem noted. */
static int
line(struct survey *s, char *raw, const char *path, int ln, int *nlabels,
    int *labels_line, struct buf *err)
{
	char	*l = trim(raw), *sp, *colon;
	size_t	 n;
	int	 rc;

	if (*l == '\0' || *l == '#')
		return 0;
	if (strlen(l) > COURSE_LINE_MAX) {
		buf_problem(err, path, ln, "line longer than %d bytes",
		    COURSE_LINE_MAX);
		return -1;
	}
	if (*l == '[')
		return block(s, l, path, ln, err);
	n = strcspn(l, " \t:");
	sp = l + n;
	if (*sp == ' ' || *sp == '\t') {
		if (n == 5 && strncmp(l, "scale", 5) == 0)
			return question(s, SURVEY_SCALE, sp + 1, path, ln, err);
		if (n == 6 && strncmp(l, "choice", 6) == 0)
			return question(s, SURVEY_CHOICE, sp + 1, path, ln, err);
		if (n == 4 && strncmp(l, "text", 4) == 0)
			return question(s, SURVEY_TEXT, sp + 1, path, ln, err);
	}
	if ((colon = strchr(l, ':')) == NULL) {
		buf_problem(err, path, ln, "expected \"key: value\", \"[id] "
		    "heading\" or \"scale|choice|text ID: question\"");
		return -1;
	}
	*colon = '\0';
	if (s->nblocks > 0) {
		buf_problem(err, path, ln, "\"%.40s:\" must come before the first "
		    "block", trim(l));
		return -1;
	}
	rc = header(s, trim(l), trim(colon + 1), path, ln, labels_line, err);
	if (rc > 0)
		*nlabels = rc;
	return rc < 0 ? -1 : 0;
}

int
survey_parse(char *text, const char *path, struct survey *s, struct buf *err)
{
	char	*p, *nl;
	int	 ln, bad = 0, nlabels = 0, labels_line = 0, scale_line = 0;
	int	 lines_bad;

	memset(s, 0, sizeof(*s));
	snprintf(s->file, sizeof(s->file), "%s", path);
	if (strlen(text) > SURVEY_FILE_MAX) {
		buf_problem(err, path, 1, "instrument larger than %u bytes",
		    SURVEY_FILE_MAX);
		return -1;
	}
	if (utf8_prefix(text, strlen(text), 0) != strlen(text)) {
		buf_problem(err, path, 1, "not valid UTF-8");
		return -1;
	}
	for (p = text, ln = 1; *p; p = nl + 1, ln++) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl = '\0';
		if (s->scale_max == 0 && strncmp(trim(p), "scale:", 6) == 0)
			scale_line = ln;
		if (line(s, p, path, ln, &nlabels, &labels_line, err) == -1)
			bad = 1;
		if (nl == NULL)
			break;
	}
	lines_bad = bad;
	if (s->title[0] == '\0') {
		buf_problem(err, path, 1, "instrument needs a \"title:\" line");
		bad = 1;
	}
	if (s->scale_max == 0 && scale_line == 0) {
		buf_problem(err, path, 1, "instrument needs \"scale: 1-4\" or "
		    "\"scale: 1-5\"");
		bad = 1;
	} else if (nlabels && nlabels != s->scale_max) {
		buf_problem(err, path, labels_line, "%d labels for a scale of "
		    "1-%d (line %d): give one label per point", nlabels,
		    s->scale_max, scale_line);
		bad = 1;
	}
	if (s->nitems == 0 && !lines_bad) {
		buf_problem(err, path, ln, "instrument has no question");
		bad = 1;
	}
	return bad ? -1 : 0;
}

/* Reads the open file fd (of st_size bytes) and parses it; closes fd. */
static struct survey *
load_fd(int fd, off_t size, const char *path, struct buf *err)
{
	struct survey	*s = NULL;
	char		*text = NULL;
	ssize_t		 n;
	size_t		 got = 0;

	if (size < 0 || (size_t)size > SURVEY_FILE_MAX) {
		buf_problem(err, path, 1, "instrument larger than %u bytes",
		    SURVEY_FILE_MAX);
		goto done;
	}
	if ((text = malloc((size_t)size + 1)) == NULL ||
	    (s = malloc(sizeof(*s))) == NULL) {
		buf_problem(err, path, 1, "out of memory");
		goto done;
	}
	while (got < (size_t)size && (n = read(fd, text + got,
	    (size_t)size - got)) > 0)
		got += (size_t)n;
	text[got] = '\0';
	if (memchr(text, '\0', got) != NULL) {
		buf_problem(err, path, 1, "file contains a NUL byte");
		free(s);
		s = NULL;
	} else if (survey_parse(text, path, s, err) == -1) {
		free(s);
		s = NULL;
	}
done:
	free(text);
	close(fd);
	return s;
}

static struct survey *
load_with(int fd, const char *dir, const char *name, const struct stat *sb,
    struct buf *err, int *absent)
{
	char	 path[COURSE_PATH_MAX * 2];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	*absent = 0;
	if (fd == -1) {
		if (errno == ENOENT) {
			*absent = 1;
			return NULL;
		}
		buf_problem(err, path, 1, "%s", coursefs_why(errno));
		return NULL;
	}
	return load_fd(fd, sb->st_size, path, err);
}

struct survey *
survey_load(const char *dir, const char *name, struct buf *err, int *absent)
{
	struct stat	 sb;

	return load_with(coursefs_open(dir, name, &sb), dir, name, &sb, err,
	    absent);
}

struct survey *
survey_load_root(const char *root, const char *name, struct buf *err,
    int *absent)
{
	struct stat	 sb;

	return load_with(coursefs_open_root(root, name, &sb), root, name, &sb,
	    err, absent);
}

void
survey_free(struct survey *s)
{
	free(s);
}

const struct survey_item *
survey_item(const struct survey *s, const char *id)
{
	int	 i;

	for (i = 0; s && id && i < s->nitems; i++)
		if (strcmp(s->items[i].id, id) == 0)
			return &s->items[i];
	return NULL;
}
