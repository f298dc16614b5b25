/*
 * quiz: loading quizzes, building papers and grading them. See quiz.h;
 * the DSL is read by quizspec.c, scripts run in sandbox.c.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <sodium.h>

#include "answer.h"
#include "buf.h"
#include "paper.h"
#include "quiz.h"
#include "quizspec.h"
#include "sandbox.h"

static int
dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
	(void)L;
	buf_add(ud, p, n);
	return ((struct buf *)ud)->oom;
}

int
quiz_load_buffer(const char *name, const char *src, size_t len,
    struct quiz **out, struct buf *err)
{
	struct quizspec_ctx	 c;
	struct buf		 chunk = { 0 };
	struct quiz		*qz;
	lua_State		*L = NULL;
	size_t			 before = err->n;

	*out = NULL;
	if (len > QUIZ_SRC_MAX) {
		buf_addf(err, "%s: file larger than %zu KiB\n", name,
		    QUIZ_SRC_MAX >> 10);
		return -1;
	}
	if ((qz = calloc(1, sizeof(*qz))) == NULL ||
	    (qz->path = strdup(name)) == NULL) {
		buf_addf(err, "%s: out of memory\n", name);
		goto err;
	}
	qz->info.pass = 70;
	if (quizspec_lua_start(&L, name, NULL, len, src, err) == -1)
		goto err;
	if (lua_dump(L, dump_writer, &chunk, 0) != 0 || chunk.oom) {
		buf_addf(err, "%s: out of memory\n", name);
		goto err;
	}
	qz->chunklen = chunk.n;
	qz->chunk = buf_take(&chunk);
	if (sandbox_pcall(L, 0, 0, name, err) == -1)
		goto err;
	memset(&c, 0, sizeof(c));
	c.path = name;
	c.err = err;
	c.qz = qz;
	lua_pushcfunction(L, quizspec_parse_all);
	lua_pushlightuserdata(L, &c);
	if (sandbox_pcall(L, 1, 0, name, err) == -1)
		goto err;
	quizspec_finish(qz, &c);
	if (c.nerr > 0)
		goto err;
	sandbox_close(L);
	*out = qz;
	return 0;
err:
	if (err->n == before)
		buf_addf(err, "%s: could not load the quiz\n", name);
	buf_free(&chunk);
	sandbox_close(L);
	quiz_free(qz);
	return -1;
}

int
quiz_load(const char *path, struct quiz **out, struct buf *err)
{
	struct buf	 src = { 0 };
	FILE		*f;
	char		 tmp[8192];
	size_t		 n;
	int		 r = -1;

	*out = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		buf_addf(err, "%s: cannot open the file\n", path);
		return -1;
	}
	while ((n = fread(tmp, 1, sizeof(tmp), f)) > 0 &&
	    src.n <= QUIZ_SRC_MAX)
		buf_add(&src, tmp, n);
	if (ferror(f) || src.oom)
		buf_addf(err, "%s: cannot read the file\n", path);
	else
		r = quiz_load_buffer(path, src.p ? src.p : "", src.n, out, err);
	fclose(f);
	buf_free(&src);
	return r;
}

void
quiz_free(struct quiz *qz)
{
	int	 i;

	if (qz == NULL)
		return;
	for (i = 0; i < qz->nq; i++)
		quizspec_question_clear(&qz->q[i]);
	free(qz->chunk);
	free(qz->path);
	free(qz);
}

const struct quiz_info *
quiz_info(const struct quiz *qz)
{
	return &qz->info;
}

uint64_t
quiz_seed(const unsigned char key[32], const char *nip, const char *quizkey,
    int attempt_no)
{
	crypto_generichash_state	 st;
	unsigned char			 a[4], out[8];
	uint64_t			 r = 0;
	int				 i;

	for (i = 0; i < 4; i++)
		a[i] = (unsigned char)((unsigned)attempt_no >> (8 * i));
	crypto_generichash_init(&st, key, 32, sizeof(out));
	crypto_generichash_update(&st, (const unsigned char *)nip,
	    strlen(nip) + 1);
	crypto_generichash_update(&st, (const unsigned char *)quizkey,
	    strlen(quizkey) + 1);
	crypto_generichash_update(&st, a, sizeof(a));
	crypto_generichash_final(&st, out, sizeof(out));
	for (i = 0; i < 8; i++)
		r |= (uint64_t)out[i] << (8 * i);
	return r;
}

int
quiz_build(const struct quiz *qz, uint64_t seed, const char *const *seen,
    int nseen, struct quiz_paper *out, struct buf *err)
{
	int	 sel[QUIZ_MAX_QUESTIONS], n;

	n = paper_select(qz, seed, seen, nseen < 0 ? 0 : nseen, sel);
	return paper_make(qz, seed, sel, n, out, err);
}

int
quiz_rebuild(const struct quiz *qz, uint64_t seed, const char *const *ids,
    int nids, struct quiz_paper *out, struct buf *err)
{
	int	 idx[QUIZ_MAX_QUESTIONS];

	memset(out, 0, sizeof(*out));
	if (paper_map_ids(qz, ids, nids, idx, 0, err) == -1)
		return -1;
	return paper_make(qz, seed, idx, nids, out, err);
}

void
quiz_paper_free(struct quiz_paper *p)
{
	int	 i, j;

	for (i = 0; i < p->nitems; i++) {
		free(p->items[i].text);
		for (j = 0; j < QUIZ_MAX_CHOICES; j++) {
			free(p->items[i].choices[j]);
			free(p->items[i].options[j]);
		}
	}
	free(p->items);
	free(p->snapshot_json);
	memset(p, 0, sizeof(*p));
}
