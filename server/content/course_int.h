/*
 * course_int: what the course*.c files share, never included elsewhere.
 * course.c owns loading (one course, the tree); course_check.c
 * (`lentera check`), course_parse.c and course_loader.c use it. Problems
 * are "path:line: message" lines (buf_problem).
 *
 * course_load_one loads root/name: the course, or NULL with its problems
 * in err (the caller frees a course with course_free).
 * course_load_catalog loads the tree (the load function given to
 * course_loader_build): a catalogue with one reference, or NULL.
 * course_prereq_problems appends a problem for every prerequisite that
 * is not a course of cat (cat NULL: of the folders beside the course in
 * root) and returns their number.
 */
#ifndef LENTERA_COURSE_INT_H
#define LENTERA_COURSE_INT_H

#include "buf.h"
#include "course.h"

struct course	*course_load_one(const char *root, const char *name,
		    struct buf *err);
void		 course_free(struct course *);
struct catalog	*course_load_catalog(const char *root, struct buf *err,
		    int verbose);
int		 course_prereq_problems(const struct catalog *, const char *root,
		    const struct course *, struct buf *out);

/* course_parse.c. A front-matter key, its destination and where it was
   seen (line 0: absent). */
struct kv {
	const char	*key;
	char		*dst;
	size_t		 len;
	int		 line;
};
struct stat;
/* dir/name into memory, NUL-terminated, opened through coursefs (no
   symlink below the tree root); NULL with a problem noted. sb (may be
   NULL) gets the file's status. */
char		*course_slurp(const char *dir, const char *name, size_t *len,
		    struct stat *sb, struct buf *err);
/* Parses the front matter of text (modified in place) into kv; returns
   the first body line, or -1 with problems in err; *body the body. */
int		 course_front_matter(char *text, const char *path,
		    struct kv *kv, int nkv, struct buf *err, char **body);
int		 course_int_field(const char *s, int lo, int hi, int *out);
int		 course_id_ok(const char *s, size_t max);

#endif
