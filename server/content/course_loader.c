/*
 * course_loader: how course.c loads trees and quizzes. See
 * course_loader.h.
 */
#include <sys/stat.h>

#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "course.h"
#include "course_int.h"
#include "course_loader.h"
#include "log.h"
#include "quiz.h"

/*
 * Course trees are loaded (Markdown front matter, and trainer Lua: parsed,
 * run and checked) only on a thread of our own with this stack: the Lua
 * parser recurses in C up to LUAI_MAXCCALLS (200) levels, a few KiB each,
 * far beyond a CivetWeb worker's 100 KiB. Pages are touched only as used.
 */
#define LOADER_STACK	((size_t)8 << 20)


/* The quiz file already loaded in c under this name, or NULL. */
static struct quiz *
loaded_quiz(const struct course *c, const char *file)
{
	int	 i;

	if (c->pretest && strcmp(file, c->pretest_file) == 0)
		return c->pretest;
	if (c->final && strcmp(file, c->final_file) == 0)
		return c->final;
	for (i = 0; i < c->nmods; i++)
		if (c->mods[i].quiz && strcmp(file, c->mods[i].quiz_file) == 0)
			return c->mods[i].quiz;
	return NULL;
}

/*
 * Quiz files of the course being loaded that failed: twenty modules naming
 * one hostile file load (and report) it once. Only the loader thread that
 * loads course c uses this. Per thread, but allocated by the loader
 * threads that use it: as static TLS its 4 KB would be set up (touched) in
 * each of the server's ~1,000 worker threads too, 4 MB of resident memory.
 * Without memory, a file is simply loaded and reported again.
 */
struct failed {
	const struct course	*c;
	int			 n;
	char			 file[COURSE_MAX_MODULES + 2][64];
};

static pthread_key_t	 failed_key;
static pthread_once_t	 failed_once = PTHREAD_ONCE_INIT;
static int		 failed_ok;

static void
failed_key_make(void)
{
	failed_ok = pthread_key_create(&failed_key, free) == 0;
}

static struct failed *
failed_get(void)
{
	struct failed	*f;

	pthread_once(&failed_once, failed_key_make);
	if (!failed_ok)
		return NULL;
	if ((f = pthread_getspecific(failed_key)) == NULL &&
	    (f = calloc(1, sizeof(*f))) != NULL &&
	    pthread_setspecific(failed_key, f) != 0) {
		free(f);
		f = NULL;
	}
	return f;
}

void
course_loader_course(const struct course *c)
{
	struct failed	*f = failed_get();

	if (f != NULL) {
		f->c = c;
		f->n = 0;
	}
}

static int
quiz_failed_before(const struct course *c, const char *file)
{
	struct failed	*f = failed_get();
	int		 i;

	if (f == NULL || f->c != c)
		return 0;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->file[i], file) == 0)
			return 1;
	return 0;
}

static void
quiz_failed_add(const struct course *c, const char *file)
{
	struct failed	*f = failed_get();

	if (f == NULL)
		return;
	if (f->c != c) {
		f->c = c;
		f->n = 0;
	}
	if (f->n < COURSE_MAX_MODULES + 2)
		snprintf(f->file[f->n++], sizeof(f->file[0]), "%s", file);
}

/*
 * The loader's memory of quiz files: what loading and checking a file
 * gave (the quiz, or its problems), keyed by path and the file's identity
 * (device, inode, size, mtime, ctime). A quiz depends on nothing but its
 * file, so a reload does the work only for files that changed: a hostile
 * file costs its load budget once, not on every edit elsewhere in the
 * tree. Entries no build used are dropped after each build.
 */
struct file_sig {
	dev_t		 dev;
	ino_t		 ino;
	off_t		 size;
	struct timespec	 mtime, ctime;
};

struct qcache {
	char		 path[COURSE_PATH_MAX];
	struct file_sig	 sig;
	struct quiz	*q;		/* a reference; NULL: it failed */
	char		*problems;	/* what it reported when it failed */
	uint64_t	 gen;		/* the last build that used it */
};

static pthread_mutex_t	 qc_mu = PTHREAD_MUTEX_INITIALIZER;
static struct qcache	*qc;
static size_t		 nqc, qc_cap;
static uint64_t		 qc_gen;

static int
file_sig(const char *path, struct file_sig *f)
{
	struct stat	 sb;

	if (stat(path, &sb) == -1 || !S_ISREG(sb.st_mode))
		return -1;
	memset(f, 0, sizeof(*f));
	f->dev = sb.st_dev;
	f->ino = sb.st_ino;
	f->size = sb.st_size;
	f->mtime = sb.st_mtim;
	f->ctime = sb.st_ctim;
	return 0;
}

static int
sig_eq(const struct file_sig *a, const struct file_sig *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->size == b->size &&
	    a->mtime.tv_sec == b->mtime.tv_sec &&
	    a->mtime.tv_nsec == b->mtime.tv_nsec &&
	    a->ctime.tv_sec == b->ctime.tv_sec &&
	    a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static void
qcache_clear(struct qcache *e)
{
	quiz_free(e->q);
	free(e->problems);
	memset(e, 0, sizeof(*e));
}

/* 1 and *q (a new reference, or NULL with err filled) on a hit. */
static int
qcache_get(const char *path, const struct file_sig *sig, struct quiz **q,
    struct buf *err)
{
	size_t	 i;
	int	 hit = 0;

	pthread_mutex_lock(&qc_mu);
	for (i = 0; i < nqc && !hit; i++) {
		if (strcmp(qc[i].path, path) != 0 || !sig_eq(&qc[i].sig, sig))
			continue;
		hit = 1;
		qc[i].gen = qc_gen;
		*q = qc[i].q ? quiz_ref(qc[i].q) : NULL;
		if (qc[i].q == NULL)
			buf_adds(err, qc[i].problems ? qc[i].problems : "");
	}
	pthread_mutex_unlock(&qc_mu);
	return hit;
}

static void
qcache_put(const char *path, const struct file_sig *sig, struct quiz *q,
    const char *problems, size_t plen)
{
	struct qcache	*e = NULL, *n;
	size_t		 i;

	pthread_mutex_lock(&qc_mu);
	for (i = 0; i < nqc && e == NULL; i++)
		if (strcmp(qc[i].path, path) == 0)
			qcache_clear(e = &qc[i]);
	if (e == NULL && nqc == qc_cap) {
		if ((n = reallocarray(qc, qc_cap ? qc_cap * 2 : 64,
		    sizeof(*qc))) == NULL)
			goto out;	/* not remembered: loaded again next time */
		qc = n;
		qc_cap = qc_cap ? qc_cap * 2 : 64;
	}
	if (e == NULL)
		e = &qc[nqc++];
	memset(e, 0, sizeof(*e));
	snprintf(e->path, sizeof(e->path), "%s", path);
	e->sig = *sig;
	e->gen = qc_gen;
	if (q != NULL)
		e->q = quiz_ref(q);
	else if ((e->problems = malloc(plen + 1)) != NULL) {
		memcpy(e->problems, problems, plen);
		e->problems[plen] = '\0';
	}
out:
	pthread_mutex_unlock(&qc_mu);
}

/* Before a build: a new generation. After it: drop what it did not use. */
static void
qcache_begin(void)
{
	pthread_mutex_lock(&qc_mu);
	qc_gen++;
	pthread_mutex_unlock(&qc_mu);
}

static void
qcache_prune(int all)
{
	size_t	 i, k = 0;

	pthread_mutex_lock(&qc_mu);
	for (i = 0; i < nqc; i++) {
		if (all || qc[i].gen != qc_gen)
			qcache_clear(&qc[i]);
		else
			qc[k++] = qc[i];
	}
	nqc = k;
	if (all) {
		free(qc);
		qc = NULL;
		qc_cap = 0;
	}
	pthread_mutex_unlock(&qc_mu);
}

/*
 * Every quiz is loaded and checked (quiz_load_checked): the checks of
 * `lentera check` decide what is served. A file named by several modules
 * is loaded once and shared; an unchanged file is not loaded again.
 */
struct quiz *
course_loader_quiz(const struct course *c, const char *file, const char *from,
    int line, struct buf *err)
{
	struct quiz	*q = NULL;
	struct file_sig	 sig;
	char		 path[COURSE_PATH_MAX];
	size_t		 before;
	int		 known;

	if (file[0] == '\0')
		return NULL;
	if (strchr(file, '/') || file[0] == '.' ||
	    strlen(file) < 5 || strcmp(file + strlen(file) - 4, ".lua") != 0) {
		buf_problem(err, from, line, "quiz \"%s\" must be a .lua file in "
		    "the course folder", file);
		return NULL;
	}
	if ((q = loaded_quiz(c, file)) != NULL)
		return quiz_ref(q);
	if (quiz_failed_before(c, file)) {
		buf_problem(err, from, line, "quiz \"%s\" does not load (see "
		    "above)", file);
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/%s", c->dir, file);
	if ((known = file_sig(path, &sig) == 0) &&
	    qcache_get(path, &sig, &q, err)) {
		if (q == NULL)
			quiz_failed_add(c, file);
		return q;
	}
	before = err->n;
	if (quiz_load_checked(path, &q, err) == -1) {
		quiz_failed_add(c, file);
		if (known)
			qcache_put(path, &sig, NULL, err->p + before,
			    err->n - before);
		return NULL;
	}
	if (known)
		qcache_put(path, &sig, q, NULL, 0);
	return q;
}

void
course_loader_forget(void)
{
	qcache_prune(1);
}

struct load_job {
	const char	*root;
	struct buf	*err;
	int		 verbose;
	struct catalog	*(*load)(const char *, struct buf *, int);
	struct catalog	*cat;
};

static void *
loader_main(void *arg)
{
	struct load_job	*j = arg;

	j->cat = j->load(j->root, j->err, j->verbose);
	return NULL;
}

/* A joinable thread with the loader's stack and no signals. */
int
course_loader_spawn(pthread_t *t, void *(*fn)(void *), void *arg)
{
	pthread_attr_t	 a;
	sigset_t	 all, old;
	int		 rc;

	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	pthread_attr_init(&a);
	pthread_attr_setstacksize(&a, LOADER_STACK);
	rc = pthread_create(t, &a, fn, arg);
	pthread_attr_destroy(&a);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0)
		log_warnx("courses: cannot start the loader thread: %s",
		    strerror(rc));
	return rc == 0 ? 0 : -1;
}

/*
 * The one way a course tree is loaded: `lentera check` (err collects the
 * problems), the cold start and every hot reload (err NULL: problems are
 * logged and the course skipped) all come here, so they always agree.
 * Runs load_catalog on a loader thread and waits for it.
 */
struct catalog *
course_loader_build(const char *root, struct buf *err, int verbose,
    struct catalog *(*load)(const char *, struct buf *, int))
{
	struct load_job	 j = { root, err, verbose, load, NULL };
	pthread_t	 t;

	qcache_begin();
	if (course_loader_spawn(&t, loader_main, &j) == -1)
		return NULL;
	pthread_join(t, NULL);
	qcache_prune(0);
	return j.cat;
}
