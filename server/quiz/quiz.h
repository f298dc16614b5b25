/*
 * quiz: the Lua quiz engine (no HTTP, no SQLite). Trainer quiz files are
 * Lua scripts using the DSL in docs/quiz-format.md; they run in the
 * sandbox (sandbox.h) at load and again, from bytecode compiled at load,
 * whenever a paper needs a generated question or a custom score function.
 *
 * Ownership: quiz_load allocates a struct quiz freed by quiz_free; it is
 * immutable afterwards and may be shared by any number of threads calling
 * quiz_build/quiz_rebuild/quiz_grade concurrently (each call that needs
 * Lua uses its own short-lived state, so attempts are isolated).
 * A quiz_paper / quiz_result filled by this module is owned by the caller
 * and released with quiz_paper_free / quiz_result_free (safe on a zeroed
 * or already-freed struct). Strings in them are NUL-terminated UTF-8 as the
 * trainer wrote them (Markdown in text/feedback; escape when rendering).
 *
 * Returns: 0 on success; -1 with "path:line: message\n" lines (or
 * "path: message\n") appended to err. Out structs are zeroed on failure.
 *
 * Determinism: quiz_build is a function of (quiz, seed, seen); the ordered
 * id list it produces plus the seed let quiz_rebuild and quiz_grade
 * reproduce exactly the paper shown, also after the trainer edits answers.
 * Store the seed and the ids (in paper order) with each attempt.
 */
#ifndef LENTERA_QUIZ_H
#define LENTERA_QUIZ_H

#include <stddef.h>
#include <stdint.h>

struct buf;

#define QUIZ_MAX_QUESTIONS	200
#define QUIZ_MAX_CHOICES	20	/* choices, pairs, items, accept */
#define QUIZ_ID_MAX		64	/* id bytes incl. NUL */
#define QUIZ_SRC_MAX		((size_t)512 << 10)	/* quiz file bytes */
#define QUIZ_TEXT_MAX		16384	/* any one string field, bytes */
#define QUIZ_RESPONSE_MAX	1024	/* longer responses are graded wrong */
/*
 * What a quiz may make C hold (docs/quiz-format.md "Limits"): the texts of
 * one question together, of one quiz file's static questions together, of
 * one paper, and the JSON snapshot stored with each attempt.
 */
#define QUIZ_QUESTION_TEXT_MAX	(64 << 10)
#define QUIZ_TOTAL_TEXT_MAX	(1 << 20)
#define QUIZ_PAPER_TEXT_MAX	(512 << 10)
#define QUIZ_SNAPSHOT_MAX	(1 << 20)
#define QUIZ_CHECK_CPU_MS	3000	/* CPU to load and check one quiz */
#define QUIZ_CHECK_GEN_SEEDS	32	/* seeds tried per generated question */
#define QUIZ_TIME_LIMIT_MAX	(24 * 3600)

enum quiz_type { QUIZ_SINGLE, QUIZ_MULTIPLE, QUIZ_TRUE_FALSE, QUIZ_SHORT,
	QUIZ_NUMERIC, QUIZ_MATCHING, QUIZ_ORDERING };
enum quiz_review { QUIZ_REVIEW_AFTER_SUBMIT, QUIZ_REVIEW_AFTER_PASS,
	QUIZ_REVIEW_SCORE_ONLY, QUIZ_REVIEW_NEVER };

struct quiz_info {
	char		 title[256];
	int		 pass;		/* percent 0..100 */
	int		 attempts;	/* 0 = unlimited */
	int		 time_limit_s;	/* 0 = no limit */
	int		 shuffle;
	int		 pick;		/* questions per paper asked for, 0 = all */
	enum quiz_review review;
	int		 nquestions;	/* questions on one paper */
	int		 npool;		/* questions in the file */
};

struct quiz;

int	quiz_load(const char *path, struct quiz **out, struct buf *err);
/* Same, from memory; name is used in messages (and as the chunk name). */
int	quiz_load_buffer(const char *name, const char *src, size_t len,
	    struct quiz **out, struct buf *err);
/* Another owner of qz (a quiz named twice in one course is loaded once). */
struct quiz *quiz_ref(struct quiz *);
void	quiz_free(struct quiz *);	/* drops one reference */
const struct quiz_info *quiz_info(const struct quiz *);

/*
 * What the learner sees: no answers anywhere. choices[] in displayed
 * order (single/multiple: shuffled when the quiz shuffles; matching: the
 * left items; ordering: the items, always shuffled and never in the
 * correct order); options[] only for matching: the right items, always
 * shuffled. true_false, short and numeric have no choices.
 */
struct quiz_item {
	char		 id[QUIZ_ID_MAX];
	enum quiz_type	 type;
	char		*text;
	double		 points;
	int		 nchoices;
	char		*choices[QUIZ_MAX_CHOICES];
	int		 noptions;
	char		*options[QUIZ_MAX_CHOICES];
};

struct quiz_paper {
	int		 nitems;
	struct quiz_item *items;
	char		*snapshot_json;	/* audit copy of what was shown */
};

/* seen: ids shown in earlier attempts; picking prefers the others. */
int	quiz_build(const struct quiz *, uint64_t seed,
	    const char *const *seen, int nseen, struct quiz_paper *out,
	    struct buf *err);
int	quiz_rebuild(const struct quiz *, uint64_t seed,
	    const char *const *ids, int nids, struct quiz_paper *out,
	    struct buf *err);
void	quiz_paper_free(struct quiz_paper *);

/*
 * Responses are the submitted form fields:
 *  single: "q_<id>" = displayed choice index, 0-based
 *  true_false: "q_<id>" = "true" | "false"
 *  short, numeric: "q_<id>" = the typed text
 *  multiple: "q_<id>" repeated once per checked displayed index
 *  matching: "q_<id>_<i>" for left item i = displayed option index
 *  ordering: "q_<id>_<i>" for displayed item i = its position 1..n
 * Unknown names, malformed or missing values count as wrong answers.
 * A question id no longer in the quiz scores 0 of 0 points.
 */
struct quiz_response {
	const char	*name;
	const char	*value;
};

struct quiz_mark {
	char		 id[QUIZ_ID_MAX];
	double		 score;		/* points earned */
	double		 points;	/* points possible */
	int		 correct;	/* full marks */
	char		*feedback;	/* may be NULL */
	char		*expected;	/* correct answer, human-readable */
	int		 answered;	/* the learner gave a response */
	unsigned	 key;		/* single/multiple: bit d = displayed
					   choice d is right; true_false: 1
					   true, 2 false */
	int		 numeric;	/* numeric: number/tolerance/decimals */
	double		 number, tolerance;
	int		 decimals;	/* places the tolerance implies */
};

struct quiz_result {
	double		 score, max, percent;
	int		 passed;
	int		 nmarks;
	struct quiz_mark *marks;	/* in paper order */
};

/*
 * Decimal places a numeric answer is shown with: what its tolerance can
 * tell apart (0.01 -> 2, 0.5 -> 1, 5 -> 0); -1 for tolerance 0 (exact:
 * as many as the number has, up to 6).
 */
int	quiz_decimals(double tolerance);

int	quiz_grade(const struct quiz *, uint64_t seed, const char *const *ids,
	    int nids, const struct quiz_response *resp, int nresp,
	    struct quiz_result *out, struct buf *err);
void	quiz_result_free(struct quiz_result *);

/*
 * For `lentera check`: loads the file, builds papers with several fixed
 * seeds (twice each, to catch scripts that are not deterministic), grades
 * all-correct (must reach 100%) and all-wrong (must not pass) responses.
 * Appends "path:line: message\n" per problem to out; returns the count.
 */
int	quiz_check(const char *path, struct buf *out);
/*
 * The checks of quiz_check on a loaded quiz (problems appended to out,
 * count returned), and the loader's form: load + verify within
 * QUIZ_CHECK_CPU_MS of CPU, failing (-1, *out NULL) on any problem. The
 * server loads every quiz this way, so what check rejects is never served.
 */
int	quiz_verify(const struct quiz *, struct buf *out);
int	quiz_load_checked(const char *path, struct quiz **out,
	    struct buf *err);

/* Per-attempt seed: BLAKE2b keyed with key over nip, quizkey, attempt_no. */
uint64_t quiz_seed(const unsigned char key[32], const char *nip,
	    const char *quizkey, int attempt_no);

#endif
