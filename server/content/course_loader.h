/*
 * course_loader: the loading pipeline of the course catalogue (internal to
 * course.c). One way to load a tree, for `lentera check`, the cold start
 * and every hot reload alike: course_loader_build runs load (course.c's
 * load_catalog) on a thread of its own with an 8 MiB stack and waits, so
 * trainer Lua is never parsed or run on a request thread.
 * course_loader_spawn starts such a thread (joinable, all signals
 * blocked); 0 or -1 (logged).
 *
 * course_loader_quiz loads and checks (quiz_load_checked) the quiz file
 * named by a course file: NULL for "" or on failure (problems in err as
 * "path:line: message"); a file named twice in one course, or unchanged
 * since the last build (same path, device, inode, size, mtime, ctime), is
 * not loaded again: the caller gets a new reference (quiz_free drops it)
 * or the problems it had; course_loader_course(c) must come first for
 * each course (it starts c's list of files that failed, so twenty modules
 * naming one broken file report it once). course_loader_forget drops what
 * is remembered.
 */
#ifndef LENTERA_COURSE_LOADER_H
#define LENTERA_COURSE_LOADER_H

#include <pthread.h>

struct buf;
struct catalog;
struct course;
struct quiz;

struct catalog	*course_loader_build(const char *root, struct buf *err,
		    int verbose,
		    struct catalog *(*load)(const char *, struct buf *, int));
int		 course_loader_spawn(pthread_t *, void *(*)(void *), void *);
struct quiz	*course_loader_quiz(const struct course *, const char *file,
		    const char *from, int line, struct buf *err);
void		 course_loader_course(const struct course *);
void		 course_loader_forget(void);

#endif
