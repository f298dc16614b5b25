/* course_check: `lentera check` on a tree, one course folder or one quiz
   file, through the one loading pipeline (course_loader_build). See
   course.h (course_check, course_check_kind). */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compdict.h"
#include "course.h"
#include "course_int.h"
#include "course_loader.h"
#include "quiz.h"

/* check's own part for a course loaded alone (cat NULL): its
   prerequisites against the sibling folders of root. Its quizzes were
   checked while it loaded (course_loader_quiz: the full quiz check). */
/* The dictionary check reads: the built-ins plus the tree's
   kompetensi.csv (compdict.h); NULL when it could not be built. check is
   one run of one process, so one at a time. */
static struct compdict *check_dict;

static void
check_dict_open(const char *root, struct buf *out)
{
	if ((check_dict = compdict_new()) != NULL)
		compdict_load_dir(check_dict, root, out);
}

static void
check_course(const struct catalog *cat, const char *root,
    const struct course *c, struct buf *out)
{
	char	 path[COURSE_PATH_MAX], why[512];

	if (cat == NULL)
		course_prereq_problems(NULL, root, c, out);	/* the tree: at load */
	if (check_dict != NULL && compdict_check(check_dict, c->competency,
	    c->ctype, 0, why, sizeof(why)) != NULL) {
		snprintf(path, sizeof(path), "%s/course.md", c->dir);
		buf_problem(out, path, c->competency_line, "%s", why);
	}
}

static int
count_problems(const struct buf *out)
{
	const char	*p;
	int		 n = 0;

	for (p = out->p; p && *p; p++)
		if (*p == '\n')
			n++;
	return n;
}

int
course_check_kind(const char *arg)
{
	struct stat	 sb;
	char		 p[COURSE_PATH_MAX];
	size_t		 n = strlen(arg);

	if (stat(arg, &sb) == -1)
		return COURSE_CHECK_TREE;	/* course_load_catalog says why */
	if (S_ISREG(sb.st_mode))
		return n > 4 && strcmp(arg + n - 4, ".lua") == 0 ?
		    COURSE_CHECK_QUIZ : COURSE_CHECK_OTHER;
	snprintf(p, sizeof(p), "%s/course.md", arg);
	return lstat(p, &sb) == 0 ? COURSE_CHECK_COURSE : COURSE_CHECK_TREE;
}

/* `lentera check` on one course folder: loaded exactly as the server
   loads it from its parent folder, on the loader thread
   (course_loader_build calls this as its load function). */
static struct catalog *
check_one_course(const char *arg, struct buf *out, int verbose)
{
	struct catalog	*cat;

	struct course	*c;
	char		 dir[COURSE_PATH_MAX], *slash;
	const char	*root, *name;
	size_t		 n;

	snprintf(dir, sizeof(dir), "%s", arg);
	for (n = strlen(dir); n > 1 && dir[n - 1] == '/'; n--)
		dir[n - 1] = '\0';
	if (strcmp(dir, ".") == 0 && realpath(".", dir) == NULL) {
		buf_problem(out, arg, 0, "cannot resolve: %s", strerror(errno));
		return NULL;
	}
	if ((slash = strrchr(dir, '/')) == NULL) {
		root = ".";
		name = dir;
	} else {
		*slash = '\0';
		root = slash == dir ? "/" : dir;
		name = slash + 1;
	}
	(void)verbose;
	if ((cat = calloc(1, sizeof(*cat))) == NULL)
		return NULL;
	cat->refs = 1;
	if ((c = course_load_one(root, name, out)) == NULL)
		return cat;
	check_dict_open(root, out);
	check_course(NULL, root, c, out);
	compdict_free(check_dict);
	check_dict = NULL;
	course_free(c);
	return cat;
}

/* `lentera check FILE.lua`: the quiz engine's check, on the loader
   thread like every other load. */
static struct catalog *
check_one_quiz(const char *path, struct buf *out, int verbose)
{
	struct catalog	*cat;

	(void)verbose;
	if ((cat = calloc(1, sizeof(*cat))) != NULL)
		cat->refs = 1;
	quiz_check(path, out);
	return cat;
}

int
course_check(const char *root, struct buf *out)
{
	struct catalog	*cat;
	int		 i;

	switch (course_check_kind(root)) {
	case COURSE_CHECK_QUIZ:
		course_release(course_loader_build(root, out, 0,
		    check_one_quiz));
		return count_problems(out);
	case COURSE_CHECK_OTHER:
		buf_problem(out, root, 0, "not a quiz file (.lua), a course folder "
		    "(with course.md) or a folder of courses");
		return count_problems(out);
	case COURSE_CHECK_COURSE:
		course_release(course_loader_build(root, out, 0,
		    check_one_course));
		return count_problems(out);
	default:
		break;
	}
	/* The very load the server does; quizzes are checked inside it. */
	if ((cat = course_loader_build(root, out, 0, course_load_catalog)) == NULL)
		return 1;
	check_dict_open(root, out);
	for (i = 0; i < cat->n; i++)
		check_course(cat, root, cat->courses[i], out);
	compdict_free(check_dict);
	check_dict = NULL;
	course_release(cat);
	return count_problems(out);
}
