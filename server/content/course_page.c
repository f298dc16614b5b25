/* course_page: the per-page render cache. A module's HTML is rendered
 * once and re-rendered only when its file changed (inode, size, mtime and
 * change time); each rendering gets a new identity (course_page_gen) that
 * the web layer's pre-assembled pages are keyed by. See course.h. */
#include <sys/stat.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "course.h"
#include "coursefs.h"
#include "course_int.h"
#include "log.h"
#include "render.h"

static uint64_t	 page_gens;

static uint64_t
page_next_gen(void)
{
	return __atomic_add_fetch(&page_gens, 1, __ATOMIC_RELAXED);
}

/* The cache now holds the file sb describes, with a new identity
   (course_page_gen) for the new HTML. */
static void
page_stamp(struct course_page *pg, const struct stat *sb)
{
	pg->gen = page_next_gen();	/* new HTML, new identity */
	pg->mtime = sb->st_mtim;
	pg->ctime = sb->st_ctim;
	pg->ino = sb->st_ino;
	pg->size = sb->st_size;
}

static int
rerender(const struct course *c, struct course_page *pg, struct stat *sb)
{
	struct buf	 e = { 0 }, out = { 0 };
	char		*text, *body, base[COURSE_PATH_MAX];
	size_t		 len;
	int		 i, skip;

	if ((text = course_slurp(c->dir, strrchr(pg->file, '/') + 1, &len, NULL,
	    &e)) == NULL) {
		log_warnx("%s", e.p ? e.p : pg->file);
		buf_free(&e);
		return -1;
	}
	/* Skip the front matter: the body starts at body_line. */
	body = text;
	for (i = 1; i < pg->body_line && body; i++) {
		body = strchr(body, '\n');
		body = body ? body + 1 : NULL;
	}
	/* No line body_line (a closing "---" without newline): empty. */
	skip = 0;
	if (body == NULL)
		body = "";
	snprintf(base, sizeof(base), "/courses/%s/", c->id);
	if (skip || render_markdown(body, strlen(body), base, &out) == -1) {
		log_warnx("%s: cannot render", pg->file);
		free(text);
		buf_free(&out);
		return -1;
	}
	free(text);
	free(pg->html);
	pg->html_len = out.n;
	pg->html = buf_take(&out);
	page_stamp(pg, sb);
	return pg->html ? 0 : -1;
}

/* The cached HTML is of the file as it is: same inode, size, mtime and
   change time (see sig_dir for why all four). */
static int
page_fresh(const struct course_page *pg, const struct stat *sb)
{
	return pg->html != NULL && sb->st_size == pg->size &&
	    sb->st_ino == pg->ino &&
	    sb->st_mtim.tv_sec == pg->mtime.tv_sec &&
	    sb->st_mtim.tv_nsec == pg->mtime.tv_nsec &&
	    sb->st_ctim.tv_sec == pg->ctime.tv_sec &&
	    sb->st_ctim.tv_nsec == pg->ctime.tv_nsec;
}

/* The page's current HTML under its read lock (re-rendered first if the
   file changed): 0 with pg->mu read-held, -1 unlocked. */
static int
page_current(const struct course *c, struct course_page *pg)
{
	struct stat	 sb;
	int		 rc = 0;

	if (lstat(pg->file, &sb) == -1)
		return -1;
	/* Readers share the cached page; only a re-render excludes them. */
	pthread_rwlock_rdlock(&pg->mu);
	if (page_fresh(pg, &sb))
		return 0;
	pthread_rwlock_unlock(&pg->mu);
	pthread_rwlock_wrlock(&pg->mu);
	if (!page_fresh(pg, &sb))
		rc = rerender(c, pg, &sb);
	pthread_rwlock_unlock(&pg->mu);
	if (rc == -1)
		return -1;
	/* Another re-render may come in between: whatever is current. */
	pthread_rwlock_rdlock(&pg->mu);
	if (pg->html == NULL) {
		pthread_rwlock_unlock(&pg->mu);
		return -1;
	}
	return 0;
}

int
course_render_gen(const struct course *c, struct course_page *pg,
    struct buf *out, uint64_t *gen)
{
	if (page_current(c, pg) == -1)
		return -1;
	buf_add(out, pg->html, pg->html_len);
	if (gen)
		*gen = pg->gen;
	pthread_rwlock_unlock(&pg->mu);
	return 0;
}

int
course_render(const struct course *c, struct course_page *pg, struct buf *out)
{
	return course_render_gen(c, pg, out, NULL);
}

int
course_page_gen(const struct course *c, struct course_page *pg, uint64_t *gen)
{
	if (page_current(c, pg) == -1)
		return -1;
	*gen = pg->gen;
	pthread_rwlock_unlock(&pg->mu);
	return 0;
}
