/*
 * paper: one learner's instance of a quiz (internal to quiz.c).
 *
 * A paper is a pure function of (quiz, seed, ordered question indexes):
 * paper_select draws the indexes from (seed, seen ids); paper_inst_make
 * instantiates one question: runs generate() with seeds derived from
 * (seed, id) and computes the shown->original permutations, so a
 * question's variant never depends on the other questions.
 *
 * struct paper_run holds the Lua state of one build/grade call, started
 * lazily by paper_lua_start (only generated/scored questions need it) and
 * closed by paper_run_end. A paper_inst owns its generated body and is
 * released with paper_inst_free (before paper_run_end). Errors append
 * "path:line: message\n" to run->err and return -1.
 */
#ifndef LENTERA_PAPER_H
#define LENTERA_PAPER_H

#include <stdint.h>

#include <lua.h>

#include "quiz.h"
#include "quizspec.h"

struct buf;

/* One build/rebuild/grade call; Lua is started only if a question needs it. */
struct paper_run {
	const struct quiz	*qz;
	uint64_t		 seed;
	lua_State		*L;
	int			 lua_failed;
	struct buf		*err;
	size_t			 text;	/* bytes of question text so far */
};

/* A question as it appears on one paper. */
struct paper_inst {
	const struct question	*q;	/* the base question or &gen */
	struct question		 gen;	/* generated body, owned */
	int			 ref;	/* generate() result for score() */
	int			 perm[QUIZ_MAX_CHOICES];  /* shown -> original */
	int			 operm[QUIZ_MAX_CHOICES]; /* matching options */
};

int	 paper_lua_start(struct paper_run *);
/* Runs f(arg as light userdata) protected, in the budget; 0 or -1. */
int	 paper_lua_call(struct paper_run *, lua_CFunction f, void *arg);
/* Same, naming question q, the seed and fn ("generate") in the error. */
int	 paper_lua_call_q(struct paper_run *, const struct question *q,
	    const char *fn, lua_CFunction f, void *arg);
void	 paper_push_spec(lua_State *, const char *path,
	    const struct question *);
int	 paper_inst_make(struct paper_run *, const struct question *,
	    struct paper_inst *);
void	 paper_inst_free(struct paper_run *, struct paper_inst *);
void	 paper_run_end(struct paper_run *);
/* ids -> indexes into qz->q; -1 for an id not in the quiz (unknown_ok). */
int	 paper_map_ids(const struct quiz *, const char *const *ids, int nids,
	    int *idx, int unknown_ok, struct buf *err);
int	 paper_select(const struct quiz *, uint64_t seed,
	    const char *const *seen, int nseen, int *sel);
int	 paper_make(const struct quiz *, uint64_t seed, const int *idx, int n,
	    struct quiz_paper *out, struct buf *err);

#endif
