/*
 * quizspec: reading trainer quiz scripts into C (internal to quiz.c).
 *
 * The DSL functions (quiz, single, ..., generated) only record each call
 * {table, kind, line} in the state's registry; quizspec_parse_all (run
 * protected, since reading Lua values may allocate) then checks every
 * table and copies it into struct quiz, reporting "path:line: message"
 * through quizspec_errf. A struct question owns its strings;
 * quizspec_question_clear frees them. struct quiz is defined here so that
 * quiz.c and this file share it; nothing else should look inside.
 */
#ifndef LENTERA_QUIZSPEC_H
#define LENTERA_QUIZSPEC_H

#include <stdarg.h>
#include <stdint.h>

#include <lua.h>

#include "quiz.h"

struct buf;

#define QUIZSPEC_MAX_TAGS	32	/* tags named in pick = { ... } */

struct question {
	char		 id[QUIZ_ID_MAX];
	enum quiz_type	 type;
	int		 line;		/* of the DSL call */
	int		 call;		/* index among the DSL calls */
	int		 generated;	/* has generate(): body made per paper */
	int		 scored;	/* has a score() function */
	char		*text, *feedback, *tag;
	double		 points;
	int		 partial;
	int		 n;		/* choices, accept, pairs or items */
	char		*left[QUIZ_MAX_CHOICES];  /* choices/accept/items/left */
	char		*right[QUIZ_MAX_CHOICES]; /* pair right; accept form */
	uint32_t	 answer;	/* single, multiple: bit set; t/f: 0/1 */
	double		 number, tolerance;
};

struct quizspec_tag {
	char		 name[QUIZ_ID_MAX];
	int		 pick;
};

struct quiz {
	int		 refs;		/* quiz_ref / quiz_free */
	struct quiz_info info;
	char		*path;
	char		*chunk;		/* bytecode of the script (lua_dump) */
	size_t		 chunklen;
	int		 needs_lua;	/* some question generates or scores */
	int		 header_line;
	int		 ntags;
	struct quizspec_tag tags[QUIZSPEC_MAX_TAGS];	/* sorted by name */
	int		 nq;
	struct question	 q[QUIZ_MAX_QUESTIONS];
};

struct quizspec_ctx {
	const char	*path;
	struct buf	*err;
	int		 nerr;
	struct quiz	*qz;
	const char	*id;		/* question being read, for messages */
	int		 call;
	int		 has_seed;	/* a generated body: name the seed */
	uint64_t	 seed;
	size_t		 qtext;		/* text bytes copied for this question */
	size_t		 total;		/* ... for the whole quiz (or paper) */
};

/* Problems one read reports at most (a 100,000-key table is one). */
#define QUIZSPEC_ERR_MAX	50

/* New sandbox with the DSL; then runs chunk, or loads src (not run). */
int	 quizspec_lua_start(lua_State **, const char *path, const void *chunk,
	    size_t len, const char *src, struct buf *err);
int	 quizspec_parse_all(lua_State *);	/* arg 1: ctx lightuserdata */
void	 quizspec_finish(struct quiz *, struct quizspec_ctx *);
void	 quizspec_push_spec(lua_State *, int call);
void	 quizspec_parse_body(lua_State *, int t, struct question *,
	    struct quizspec_ctx *);
void	 quizspec_parse_generated(lua_State *, int t, struct question *,
	    struct quizspec_ctx *);
void	 quizspec_errf(struct quizspec_ctx *, int line, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
void	 quizspec_question_clear(struct question *);
const char *quizspec_type_name(enum quiz_type);

#endif
