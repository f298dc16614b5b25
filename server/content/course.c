/* course: catalogue loading, hot reload, `lentera check` (the render cache is course_page.c). */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "competency.h"
#include "course.h"
#include "coursefs.h"
#include "course_int.h"
#include "course_loader.h"
#include "courselint.h"
#include "log.h"
#include "nip.h"
#include "quiz.h"
#include "render.h"
#include "survey.h"

#include <sodium.h>

#define RESCAN_EVERY_MS	1000
/* A request that finds the tree changed waits this long for the new
   catalogue, then goes on with the old one (the load finishes alone). */
#define RELOAD_WAIT_MS	1000

static pthread_mutex_t	 cat_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 cat_cv = PTHREAD_COND_INITIALIZER;
static int		 reloading;	/* a reload thread runs (cat_mu) */
static struct catalog	*current;
static char		 root_dir[COURSE_PATH_MAX];
static int64_t		 last_scan_ms;

static int64_t
mono_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
page_init(struct course_page *pg, const char *file, int body_line)
{
	snprintf(pg->file, sizeof(pg->file), "%s", file);
	pg->body_line = body_line;
	pthread_rwlock_init(&pg->mu, NULL);
}

static void
page_free(struct course_page *pg)
{
	free(pg->html);
	pthread_rwlock_destroy(&pg->mu);
}

/*
 * A quiz named at from:line must be a real file in the course folder
 * (coursefs: no symlink anywhere): say so at the line that names it, the
 * place the trainer will fix, not at a file that does not exist.
 */
static int
quiz_file_ok(const char *dir, const char *file, const char *from, int line,
    struct buf *err)
{
	struct stat	 sb;
	int		 fd;

	if ((fd = coursefs_open(dir, file, &sb)) == -1) {
		buf_problem(err, from, line, "quiz \"%s\" named here %s", file,
		    coursefs_why(errno));
		return -1;
	}
	close(fd);
	return 0;
}

/* The names a course file gives for its quizzes: the file must be a
   real file of the course (coursefs, no symlink), then it is loaded and
   checked by the one pipeline (course_loader_quiz: name rules, the full
   quiz check, files loaded once per build). */
static struct quiz *
load_quiz(const struct course *c, const char *file, const char *from,
    int line, struct buf *err)
{
	if (file[0] == '\0')
		return NULL;
	if (strchr(file, '/') == NULL && file[0] != '.' &&
	    quiz_file_ok(c->dir, file, from, line, err) == -1)
		return NULL;
	return course_loader_quiz(c, file, from, line, err);
}

static int
module_cmp(const void *a, const void *b)
{
	return strcmp(((const struct course_module *)a)->slug,
	    ((const struct course_module *)b)->slug);
}

static int
slug_ok(const char *name)
{
	size_t	 n = strlen(name);

	return n > 6 && n < COURSE_SLUG_MAX + 3 &&
	    isdigit((unsigned char)name[0]) && isdigit((unsigned char)name[1]) &&
	    name[2] == '-' && strcmp(name + n - 3, ".md") == 0;
}

static int
load_module(struct course *c, const char *name, struct buf *err)
{
	struct course_module *m = &c->mods[c->nmods];
	char		 path[COURSE_PATH_MAX], mins[16] = "", *text, *body;
	char		 slug[COURSE_SLUG_MAX];
	size_t		 len;
	int		 bl, rc = -1;
	struct kv	 kv[] = {
		{ "title", m->title, sizeof(m->title), 0 },
		{ "minutes", mins, sizeof(mins), 0 },
		{ "quiz", m->quiz_file, sizeof(m->quiz_file), 0 },
	};

	memset(m, 0, sizeof(*m));
	snprintf(path, sizeof(path), "%s/%s", c->dir, name);
	snprintf(slug, sizeof(slug), "%.*s", (int)(strlen(name) - 3), name);
	if (!course_id_ok(slug, sizeof(slug))) {
		buf_problem(err, path, 1, "module file name must be NN-slug.md "
		    "with a-z, 0-9 and '-'");
		return -1;
	}
	if ((text = course_slurp(c->dir, name, &len, NULL, err)) == NULL)
		return -1;
	crypto_generichash(m->hash, sizeof(m->hash), (unsigned char *)text,
	    len, NULL, 0);
	if ((bl = course_front_matter(text, path, kv, 3, err, &body)) == -1)
		goto done;
	if (m->title[0] == '\0') {
		buf_problem(err, path, 1, "module needs a \"title\"");
		goto done;
	}
	if (mins[0] && course_int_field(mins, 1, 600, &m->minutes) == -1) {
		buf_problem(err, path, kv[1].line, "minutes must be 1..600");
		goto done;
	}
	if (m->quiz_file[0] && (m->quiz = load_quiz(c, m->quiz_file,
	    path, kv[2].line, err)) == NULL)
		goto done;
	snprintf(m->slug, sizeof(m->slug), "%s", slug);
	page_init(&m->page, path, bl);
	c->nmods++;
	rc = 0;
done:
	free(text);
	return rc;
}

void
course_free(struct course *c)
{
	int	 i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nmods; i++) {
		quiz_free(c->mods[i].quiz);
		page_free(&c->mods[i].page);
	}
	free(c->mods);
	quiz_free(c->pretest);
	quiz_free(c->final);
	survey_free(c->reaction);
	page_free(&c->overview);
	free(c);
}

/* "NIP, NIP": each entry 18 digits; empty is fine. 0 ok, -1 not. */
static int
trainers_ok(const char *list)
{
	char	 one[20];
	size_t	 n;

	while (*list) {
		list += strspn(list, " ");
		n = strcspn(list, ", ");
		if (n >= sizeof(one))
			return -1;
		memcpy(one, list, n);
		one[n] = '\0';
		if (!nip_format(one))
			return -1;
		list += n;
		list += strspn(list, " ");
		if (*list == ',')
			list++;
		else if (*list)
			return -1;
	}
	return 0;
}

/* The values of course.md's keys; problems appended to err. */
static void
course_keys(struct course *c, const char *name, const char *path,
    const struct kv *kv, const char *level, const char *jp, struct buf *err)
{
	int	 i;

	c->prereq_line = kv[7].line;
	c->competency_line = kv[3].line ? kv[3].line : 1;
	if (strcmp(c->id, name) != 0)
		buf_problem(err, path, kv[0].line ? kv[0].line : 1, "id \"%s\" must "
		    "equal the folder name \"%s\"", c->id, name);
	else if (!course_id_ok(c->id, COURSE_ID_MAX))
		buf_problem(err, path, kv[0].line, "id may hold only a-z, 0-9 "
		    "and '-'");
	for (i = 1; i < 5; i++)
		if (kv[i].dst[0] == '\0')
			buf_problem(err, path, 1, "missing \"%s\"", kv[i].key);
	if (c->ctype[0] && competency_type_parse(c->ctype) == -1)
		buf_problem(err, path, kv[4].line, "competency_type must be "
		    COMPETENCY_TYPES_TEXT);
	if (course_int_field(level, 1, 5, &c->level) == -1)
		buf_problem(err, path, kv[5].line ? kv[5].line : 1,
		    "level must be 1..5 (PermenPANRB 38/2017)");
	if (course_int_field(jp, 1, 1000, &c->jp) == -1)
		buf_problem(err, path, kv[6].line ? kv[6].line : 1,
		    "jp must be a whole number of JP, 1..1000");
	if (trainers_ok(c->trainers) == -1)
		buf_problem(err, path, kv[10].line, "trainers must be a comma-"
		    "separated list of 18-digit NIPs");
}

/* c->version: BLAKE2b over each module's slug and file hash, in order. */
static void
course_version(struct course *c)
{
	crypto_generichash_state st;
	unsigned char	 h[16];
	int		 i;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	for (i = 0; i < c->nmods; i++) {
		crypto_generichash_update(&st, (unsigned char *)c->mods[i].slug,
		    strlen(c->mods[i].slug) + 1);
		crypto_generichash_update(&st, c->mods[i].hash,
		    sizeof(c->mods[i].hash));
	}
	crypto_generichash_final(&st, h, sizeof(h));
	for (i = 0; i < COURSE_VERSION_LEN / 2; i++)
		snprintf(c->version + 2 * i, 3, "%02x", h[i]);
}

/* Load one course folder; NULL with problems appended to err. */
struct course *
course_load_one(const char *root, const char *name, struct buf *err)
{
	struct course	*c;
	DIR		*d = NULL;
	struct dirent	*de;
	char		 path[COURSE_PATH_MAX], level[8] = "", jp[8] = "";
	char		*text = NULL, *body;
	size_t		 len, before = err->n;
	int		 bl, i, nfiles = 0, absent, cap = 0, slots;
	struct kv	 kv[11];

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	course_loader_course(c);	/* a new course: nothing failed yet */
	pthread_rwlock_init(&c->overview.mu, NULL);
	snprintf(c->dir, sizeof(c->dir), "%s/%s", root, name);
	snprintf(path, sizeof(path), "%s/course.md", c->dir);
	kv[0] = (struct kv){ "id", c->id, sizeof(c->id), 0 };
	kv[1] = (struct kv){ "title", c->title, sizeof(c->title), 0 };
	kv[2] = (struct kv){ "summary", c->summary, sizeof(c->summary), 0 };
	kv[3] = (struct kv){ "competency", c->competency,
	    sizeof(c->competency), 0 };
	kv[4] = (struct kv){ "competency_type", c->ctype, sizeof(c->ctype), 0 };
	kv[5] = (struct kv){ "level", level, sizeof(level), 0 };
	kv[6] = (struct kv){ "jp", jp, sizeof(jp), 0 };
	kv[7] = (struct kv){ "prerequisites", c->prereq, sizeof(c->prereq), 0 };
	kv[8] = (struct kv){ "pretest", c->pretest_file,
	    sizeof(c->pretest_file), 0 };
	kv[9] = (struct kv){ "final", c->final_file, sizeof(c->final_file), 0 };
	kv[10] = (struct kv){ "trainers", c->trainers, sizeof(c->trainers), 0 };
	/* course.md, then the modules even when course.md has problems:
	   the trainer sees every problem of the course in one run. */
	if ((text = course_slurp(c->dir, "course.md", &len, NULL, err)) != NULL &&
	    (bl = course_front_matter(text, path, kv, 11, err, &body)) != -1) {
		page_init(&c->overview, path, bl);
		course_keys(c, name, path, kv, level, jp, err);
		c->pretest = load_quiz(c, c->pretest_file, path,
		    kv[8].line, err);
		c->final = load_quiz(c, c->final_file, path, kv[9].line,
		    err);
	}
	if ((d = coursefs_opendir(c->dir, "")) == NULL) {
		buf_problem(err, c->dir, 1, "course folder %s", coursefs_why(errno));
		goto err;
	}
	/* Counted first, so the array holds what the folder holds: sized at
	   COURSE_MAX_MODULES, 100 five-module courses kept 10 MB of empty
	   slots resident. A file added between the two passes waits for
	   the reload its change starts. */
	while ((de = readdir(d)) != NULL)
		if (slug_ok(de->d_name) && cap < COURSE_MAX_MODULES + 1)
			cap++;
	rewinddir(d);
	slots = cap < COURSE_MAX_MODULES ? cap : COURSE_MAX_MODULES;
	if ((c->mods = calloc(slots > 0 ? slots : 1, sizeof(*c->mods))) ==
	    NULL) {
		closedir(d);
		goto err;
	}
	while ((de = readdir(d)) != NULL) {
		if (!slug_ok(de->d_name))
			continue;	/* misnamed ones: courselint_names */
		if (c->nmods == slots) {
			if (slots == COURSE_MAX_MODULES)
				buf_problem(err, c->dir, 1, "more than %d "
				    "modules", COURSE_MAX_MODULES);
			break;
		}
		nfiles++;
		load_module(c, de->d_name, err);
	}
	closedir(d);
	/* A module that failed has its own problem: do not report twice. */
	if (nfiles == 0)
		buf_problem(err, path, 1, "course has no module files (NN-slug.md)");
	qsort(c->mods, c->nmods, sizeof(*c->mods), module_cmp);
	course_version(c);
	if ((c->reaction = survey_load(c->dir, SURVEY_FILE, err, &absent)) ==
	    NULL && !absent)
		goto err;
	for (i = 1; i < c->nmods; i++)
		if (strncmp(c->mods[i].slug, c->mods[i - 1].slug, 2) == 0)
			buf_problem(err, c->mods[i].page.file, 1, "module number "
			    "%.2s used twice", c->mods[i].slug);
	courselint_names(c, err);
	/* Links are resolved against modules that loaded: only then. */
	if (err->n == before)
		courselint_pages(c, err);
	if (err->n != before)
		goto err;
	free(text);
	return c;
err:
	free(text);
	course_free(c);
	return NULL;
}

static int
course_cmp(const void *a, const void *b)
{
	return strcmp((*(struct course *const *)a)->title,
	    (*(struct course *const *)b)->title);
}

static uint64_t
fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *s = p;

	while (n--)
		h = (h ^ *s++) * 1099511628211ULL;
	return h;
}

/* Add every entry of folder p (names, types, sizes, mtimes, inodes and
   change times; links not followed) to *h; XOR keeps the order of
   readdir out of it. The inode and ctime catch what size and mtime miss
   in a shared or synchronised tree: a same-length fix copied in with its
   mtime kept (rsync -a, cp -p) or a file replaced by a rename. */
static void
sig_dir(const char *p, uint64_t *h, int depth)
{
	DIR		*d;
	struct dirent	*de;
	struct stat	 sb;
	char		 q[COURSE_PATH_MAX * 2];

	if ((d = opendir(p)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(q, sizeof(q), "%s/%s", p, de->d_name);
		if (lstat(q, &sb) == -1)
			continue;
		*h ^= fnv(fnv(fnv(fnv(fnv(fnv(14695981039346656037ULL, q,
		    strlen(q)), &sb.st_mtim, sizeof(sb.st_mtim)), &sb.st_size,
		    sizeof(sb.st_size)), &sb.st_mode, sizeof(sb.st_mode)),
		    &sb.st_ino, sizeof(sb.st_ino)), &sb.st_ctim,
		    sizeof(sb.st_ctim));
		/* A course folder, and its assets/ (checked at load too). */
		if (S_ISDIR(sb.st_mode) && (depth == 0 ||
		    (depth == 1 && strcmp(de->d_name, "assets") == 0)))
			sig_dir(q, h, depth + 1);
	}
	closedir(d);
}

/* Signature of the tree: what the loader reads, links included. */
static uint64_t
tree_sig(const char *root)
{
	uint64_t	 h = 14695981039346656037ULL;

	sig_dir(root, &h, 0);
	return h;
}

/* One log line per problem: "course skipped: NAME: path:line: msg". */
static void
log_problems(const char *name, const struct buf *e)
{
	const char	*p, *nl;

	if (e->n == 0) {
		log_warnx("course skipped: %s: out of memory", name);
		return;
	}
	for (p = e->p; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		log_warnx("course skipped: %s: %.*s", name, (int)(nl - p), p);
	}
}

/*
 * Prerequisites of c that are not courses: against cat (the loaded tree),
 * or, when cat is NULL, against the course folders beside c in root.
 * Problems appended to out; returns their number.
 */
int
course_prereq_problems(const struct catalog *cat, const char *root,
    const struct course *c, struct buf *out)
{
	struct buf	 ref = { 0 };
	struct stat	 sb;
	char		 path[COURSE_PATH_MAX], sib[COURSE_PATH_MAX];
	char		*tok, *save;
	int		 fd, ok, n = 0;

	snprintf(path, sizeof(path), "%s/course.md", c->dir);
	buf_adds(&ref, c->prereq);
	/* Every listed id (strtok_r's NULL continuation; the loop this
	   replaced stopped after the first). */
	for (tok = ref.p ? strtok_r(ref.p, ", ", &save) : NULL; tok != NULL;
	    tok = strtok_r(NULL, ", ", &save)) {
		if (cat != NULL)
			ok = course_find(cat, tok) != NULL;
		else {
			snprintf(sib, sizeof(sib), "%s/%s", root, tok);
			if ((ok = course_id_ok(tok, COURSE_ID_MAX) &&
			    (fd = coursefs_open(sib, "course.md", &sb)) != -1))
				close(fd);
		}
		if (!ok || strcmp(tok, c->id) == 0) {
			buf_problem(out, path, c->prereq_line ? c->prereq_line : 1,
			    "prerequisite "
			    "\"%s\" is not a course in this tree", tok);
			n++;
		}
	}
	buf_free(&ref);
	return n;
}

/*
 * What check refuses is not served: a course whose prerequisite is not a
 * loaded course of the tree is dropped (again until none is, as dropping
 * one can leave another without its prerequisite).
 */
static void
drop_unmet_prereqs(struct catalog *cat, struct buf *err)
{
	struct buf	 e = { 0 };
	int		 i, dropped;

	do {
		dropped = 0;
		for (i = 0; i < cat->n; i++) {
			buf_reset(&e);
			if (course_prereq_problems(cat, NULL, cat->courses[i], &e) == 0)
				continue;
			if (err)
				buf_add(err, e.p, e.n);
			else
				log_problems(cat->courses[i]->id, &e);
			course_free(cat->courses[i]);
			memmove(&cat->courses[i], &cat->courses[i + 1],
			    (size_t)(cat->n - i - 1) * sizeof(*cat->courses));
			cat->n--;
			i--;
			dropped = 1;
		}
	} while (dropped);
	buf_free(&e);
}

/* Build a catalogue from root; problems go to err (may be NULL: logged). */
struct catalog *
course_load_catalog(const char *root, struct buf *err, int verbose)
{
	struct catalog	*cat;
	struct course	*c;
	DIR		*d;
	struct dirent	*de;
	struct buf	 e = { 0 };
	char		 p[COURSE_PATH_MAX];
	struct stat	 sb;
	int		 absent;

	if ((cat = calloc(1, sizeof(*cat))) == NULL ||
	    (cat->courses = calloc(COURSE_MAX, sizeof(*cat->courses))) == NULL) {
		free(cat);
		return NULL;
	}
	cat->refs = 1;
	cat->sig = tree_sig(root);
	if ((d = opendir(root)) == NULL) {
		buf_problem(err ? err : &e, root, 0, "cannot open courses folder: %s",
		    strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", root, de->d_name);
		if (lstat(p, &sb) == -1)
			continue;
		if (S_ISLNK(sb.st_mode)) {
			/* A linked course folder serves files from outside
			   the tree: refused, and said so (not skipped). */
			buf_reset(&e);
			buf_problem(err ? err : &e, p, 0, "course folder %s",
			    coursefs_why(ELOOP));
			if (!err)
				log_problems(de->d_name, &e);
			continue;
		}
		if (!S_ISDIR(sb.st_mode))
			continue;
		if (cat->n == COURSE_MAX) {
			buf_problem(err ? err : &e, root, 0, "more than %d courses",
			    COURSE_MAX);
			break;
		}
		buf_reset(&e);
		if ((c = course_load_one(root, de->d_name, err ? err : &e)) != NULL) {
			cat->courses[cat->n++] = c;
			if (verbose)
				log_info("course loaded: %s (%d modules)",
				    c->id, c->nmods);
		} else if (!err)
			log_problems(de->d_name, &e);
	}
	closedir(d);
	drop_unmet_prereqs(cat, err);
	/* The tree's default instrument: a broken one is reported (check)
	   or logged, and no level-1 survey is offered from it. */
	buf_reset(&e);
	if ((cat->reaction = survey_load_root(root, SURVEY_FILE, err ? err : &e,
	    &absent)) == NULL && !absent && !err)
		log_problems(SURVEY_FILE, &e);
out:
	if (!err && e.n && cat->n == 0 && d == NULL)
		log_warnx("%s", e.p);
	buf_free(&e);
	qsort(cat->courses, cat->n, sizeof(*cat->courses), course_cmp);
	return cat;
}

static void
catalog_free(struct catalog *cat)
{
	int	 i;

	for (i = 0; i < cat->n; i++)
		course_free(cat->courses[i]);
	free(cat->courses);
	survey_free(cat->reaction);
	free(cat);
}

static void *
reload_main(void *arg)
{
	struct catalog	*fresh;

	(void)arg;
	log_info("courses changed on disk: reloading");
	fresh = course_loader_build(root_dir, NULL, 0, course_load_catalog);
	pthread_mutex_lock(&cat_mu);
	if (fresh != NULL) {
		course_release(current);
		current = fresh;
	}
	reloading = 0;
	pthread_cond_broadcast(&cat_cv);
	pthread_mutex_unlock(&cat_mu);
	return NULL;
}

int
course_init(const char *root)
{
	snprintf(root_dir, sizeof(root_dir), "%s", root);
	current = course_loader_build(root, NULL, 1, course_load_catalog);
	last_scan_ms = mono_ms();
	return current ? current->n : -1;
}

void
course_shutdown(void)
{
	pthread_mutex_lock(&cat_mu);
	while (reloading)
		pthread_cond_wait(&cat_cv, &cat_mu);
	if (current)
		course_release(current);
	current = NULL;
	pthread_mutex_unlock(&cat_mu);
	course_loader_forget();
}

/*
 * At most once a second a request compares the tree's signature; on a
 * change it starts one reload thread (never a second while one runs) and
 * waits up to RELOAD_WAIT_MS for it, so an edit shows on the next page.
 * Requests never parse or run trainer code themselves.
 */
struct catalog *
course_catalog(void)
{
	struct catalog	*cat;
	struct timespec	 until;
	pthread_t	 t;
	uint64_t	 sig = 0, cur_sig = 0;
	int		 scan = 0;
	int64_t		 now = mono_ms();

	/* Most calls are not due for a scan: one lock, not two (a stale
	   look only delays the scan to the next call; the decision is
	   taken again under the lock). */
	if (now - __atomic_load_n(&last_scan_ms, __ATOMIC_RELAXED) >=
	    RESCAN_EVERY_MS) {
		pthread_mutex_lock(&cat_mu);
		if (now - last_scan_ms >= RESCAN_EVERY_MS && !reloading) {
			__atomic_store_n(&last_scan_ms, now, __ATOMIC_RELAXED);
			scan = 1;
		}
		cur_sig = current->sig;
		pthread_mutex_unlock(&cat_mu);
	}
	/* Scanning happens outside the lock: readers go on. */
	if (scan && (sig = tree_sig(root_dir)) != cur_sig) {
		pthread_mutex_lock(&cat_mu);
		if (!reloading) {
			reloading = 1;
			if (course_loader_spawn(&t, reload_main, NULL) == 0)
				pthread_detach(t);
			else
				reloading = 0;
		}
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += (long)RELOAD_WAIT_MS * 1000000L;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		while (reloading && pthread_cond_timedwait(&cat_cv, &cat_mu,
		    &until) != ETIMEDOUT)
			;
		pthread_mutex_unlock(&cat_mu);
	}
	pthread_mutex_lock(&cat_mu);
	cat = current;
	__atomic_add_fetch(&cat->refs, 1, __ATOMIC_ACQ_REL);
	pthread_mutex_unlock(&cat_mu);
	return cat;
}

void
course_release(struct catalog *cat)
{
	int	 last;

	if (cat == NULL)
		return;
	/* cat_mu is not recursive: course_catalog calls this holding it. */
	last = __atomic_sub_fetch(&cat->refs, 1, __ATOMIC_ACQ_REL) == 0;
	if (last)
		catalog_free(cat);
}

const struct course *
course_find(const struct catalog *cat, const char *id)
{
	int	 i;

	for (i = 0; id && i < cat->n; i++)
		if (strcmp(cat->courses[i]->id, id) == 0)
			return cat->courses[i];
	return NULL;
}

int
course_module_find(const struct course *c, const char *slug)
{
	int	 i;

	for (i = 0; slug && i < c->nmods; i++)
		if (strcmp(c->mods[i].slug, slug) == 0)
			return i;
	return -1;
}

const struct survey *
course_reaction(const struct catalog *cat, const struct course *c)
{
	if (c != NULL && c->reaction != NULL)
		return c->reaction;
	return cat != NULL ? cat->reaction : NULL;
}

struct quiz *
course_quiz(const struct course *c, const char *file)
{
	int	 i;

	if (file == NULL || file[0] == '\0')
		return NULL;
	if (strcmp(file, c->pretest_file) == 0)
		return c->pretest;
	if (strcmp(file, c->final_file) == 0)
		return c->final;
	for (i = 0; i < c->nmods; i++)
		if (strcmp(file, c->mods[i].quiz_file) == 0)
			return c->mods[i].quiz;
	return NULL;
}
