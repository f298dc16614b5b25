/*
 * course: the course catalogue, read from the courses folder (format:
 * docs/course-format.md).
 *
 * The catalogue is an immutable snapshot shared by all threads and
 * reference-counted: course_catalog() returns the current one (caller
 * must course_release it). At most once a second a request re-scans the
 * tree's file names, sizes, mtimes, inodes and change times; when they
 * changed, a new snapshot is built and swapped in (new courses appear,
 * broken ones are skipped and logged, the rest keep serving). Rendered
 * HTML is cached per module and re-rendered when that file's inode, size,
 * mtime or change time changed, checked on every view, so a trainer's
 * edit shows on the next reload. Every node of a site polls the shared
 * (or synchronised) tree this way on its own: nothing crosses nodes, and
 * inotify would not see changes an NFS server makes.
 *
 * Loading a course (cold start, hot reload and `lentera check` alike)
 * opens every file through coursefs (no symbolic link below the tree
 * root) and runs courselint: misnamed modules, refused assets, links to
 * missing course files, and every page rendered once, so a course that
 * loads is one whose pages all render (the HTML is made again on a
 * page's first view and kept: course_page.c).
 */
#ifndef LENTERA_COURSE_H
#define LENTERA_COURSE_H

#include <pthread.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <time.h>

#include "buf.h"

#define COURSE_MAX		256	/* courses in a tree */
#define COURSE_MAX_MODULES	64
#define COURSE_ID_MAX		65
#define COURSE_SLUG_MAX		96
#define COURSE_TITLE_MAX	256
#define COURSE_FILE_MAX		(1u << 20)	/* a Markdown file */
#define COURSE_PATH_MAX		1024
#define COURSE_LINE_MAX		2048

struct quiz;
struct survey;

#define COURSE_VERSION_LEN	12	/* hex digits of a course version */

/* A Markdown page (module or course overview) with its render cache. */
struct course_page {
	char		 file[COURSE_PATH_MAX];
	int		 body_line;	/* first line after the front matter */
	pthread_rwlock_t mu;
	char		*html;
	size_t		 html_len;
	struct timespec	 mtime, ctime;	/* of the file the HTML is of */
	ino_t		 ino;
	off_t		 size;
	uint64_t	 gen;	/* identity of html: course_page_gen */
};

struct course_module {
	char		 slug[COURSE_SLUG_MAX];
	char		 title[COURSE_TITLE_MAX];
	int		 minutes;
	char		 quiz_file[64];
	struct quiz	*quiz;
	struct course_page page;
	unsigned char	 hash[16];	/* BLAKE2b of the file as loaded */
};

struct course {
	char		 id[COURSE_ID_MAX];
	char		 title[COURSE_TITLE_MAX];
	char		 summary[512];
	char		 competency[COURSE_TITLE_MAX];
	char		 ctype[32];	/* teknis | manajerial | sosial-kultural */
	int		 level;		/* 1..5 */
	int		 jp;
	char		 prereq[512];	/* comma-separated course ids */
	char		 trainers[512];	/* comma-separated NIPs of its trainers */
	int		 prereq_line;	/* of "prerequisites:" in course.md */
	int		 competency_line;	/* of "competency:" (check) */
	char		 pretest_file[64];
	char		 final_file[64];
	struct quiz	*pretest;
	struct quiz	*final;
	char		 dir[COURSE_PATH_MAX];
	struct course_page overview;
	struct course_module *mods;
	int		 nmods;
	/* The course version: a content hash of its modules (slugs and
	   bytes, in order) as loaded, so an evaluation answer says which
	   text it rated (docs/evaluation.md). */
	char		 version[COURSE_VERSION_LEN + 1];
	struct survey	*reaction;	/* its own reaksi.survey, or NULL */
};

struct catalog {
	int		 refs;
	struct course	**courses;
	int		 n;
	uint64_t	 sig;
	struct survey	*reaction;	/* the tree's default reaksi.survey */
};

int	 course_init(const char *root);	/* first load; logs what loaded/skipped */
void	 course_shutdown(void);
struct catalog *course_catalog(void);
void	 course_release(struct catalog *);
const struct course *course_find(const struct catalog *, const char *id);
int	 course_module_find(const struct course *, const char *slug);
/* Append the page's rendered HTML to out, re-rendering if the file
   changed. 0 ok, -1 (file gone or unrenderable: logged). */
int	 course_render(const struct course *, struct course_page *,
	    struct buf *out);
/*
 * The identity of a page's current HTML, checked and re-rendered as
 * course_render does, without copying it: a number drawn from one
 * process-wide counter each time a page's HTML is made (its first view,
 * a re-render after the file changed), so equal numbers mean the very same HTML, whichever
 * snapshot. course_render_gen appends like course_render and says which
 * HTML it appended. 0 ok, -1 as course_render. For caches of what is
 * built from a page (web/modcache.h).
 */
int	 course_page_gen(const struct course *, struct course_page *,
	    uint64_t *gen);
int	 course_render_gen(const struct course *, struct course_page *,
	    struct buf *out, uint64_t *gen);
/* The reaction instrument of c: its own, else the tree's default, else
   NULL (no level-1 survey offered). */
const struct survey *course_reaction(const struct catalog *,
	    const struct course *);
/* Quiz by file name within a course, or NULL. */
struct quiz *course_quiz(const struct course *, const char *file);
/* `lentera check PATH` (PATH a tree, one course folder or one quiz
   file): append "path:line: message\n" per problem; returns the number
   of problems (courses, modules, quizzes, instruments: PATH may also
   be one .survey file). */
int	 course_check(const char *root, struct buf *out);
/* What course_check was given: a quiz file, one course folder (holds
   course.md), a tree of course folders, or something else. */
enum { COURSE_CHECK_TREE, COURSE_CHECK_COURSE, COURSE_CHECK_QUIZ,
    COURSE_CHECK_OTHER, COURSE_CHECK_SURVEY };
int	 course_check_kind(const char *path);

#endif
