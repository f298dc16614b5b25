/*
 * qimport: Moodle question banks (GIFT text, Moodle XML) into a Lentera
 * quiz file (docs/quiz-format.md), for `lentera import-questions`.
 *
 * The parsers fill one neutral model (struct qi_bank); qimport_lua writes
 * it as Lua that `lentera check` accepts. What cannot be carried across
 * (essays, descriptions, cloze, calculated questions, images, per-choice
 * feedback, partial credit Lentera has no rule for) is reported as
 * "FILE:LINE: message\n" lines in the bank's notes: a skipped question is
 * named with its source line, a simplified one too, so a trainer knows
 * exactly what to review. Nothing is dropped silently.
 *
 * Ownership: the bank owns every string in it (qi_bank_free). Inputs are
 * bounded: QI_SRC_MAX bytes of source, QUIZ_MAX_QUESTIONS questions,
 * QUIZ_MAX_CHOICES choices, QUIZ_TEXT_MAX bytes per text (the quiz
 * engine's own limits), so what is written always loads.
 *
 * Returns: parsers 0 when the file was read (even if every question was
 * skipped: see nq and the notes), -1 when it could not be (unreadable,
 * not UTF-8, malformed XML), with the reason in the notes.
 */
#ifndef LENTERA_QIMPORT_H
#define LENTERA_QIMPORT_H

#include "buf.h"
#include "quiz.h"

#define QI_SRC_MAX	((size_t)8 << 20)	/* bytes of a question bank */

enum qi_type { QI_SINGLE, QI_MULTIPLE, QI_TRUE_FALSE, QI_SHORT, QI_NUMERIC,
	QI_MATCHING };

struct qi_choice {
	char	*text;		/* choice text; matching: the left item */
	char	*right;		/* matching: the right item */
	double	 fraction;	/* Moodle's grade fraction, -1..1 */
	char	*feedback;	/* per-choice feedback, may be NULL */
	double	 tolerance;	/* numerical answers */
};

struct qi_question {
	int		 line;		/* where it starts in the source */
	enum qi_type	 type;
	char		*name;		/* Moodle's question name, may be NULL */
	char		*text;		/* Markdown */
	char		*feedback;	/* general feedback, may be NULL */
	double		 points;
	int		 answer_true;	/* true/false */
	int		 nch;
	struct qi_choice ch[QUIZ_MAX_CHOICES];
};

struct qi_bank {
	const char		*file;	/* for notes */
	struct qi_question	 q[QUIZ_MAX_QUESTIONS];
	int			 nq;
	int			 skipped;	/* not converted (noted) */
	int			 written;	/* by qimport_lua */
	struct buf		 notes;	/* "FILE:LINE: message\n" */
};

void	qi_bank_init(struct qi_bank *, const char *file);
void	qi_bank_free(struct qi_bank *);
/* A note about line (0: the whole file). */
void	qi_note(struct qi_bank *, int line, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Next free question (zeroed, points 1, line set), or NULL when the bank
   is full (noted once). */
struct qi_question *qi_new(struct qi_bank *, int line);
/* Drop the question qi_new returned last (it was not convertible). */
void	qi_drop(struct qi_bank *);
/* HTML (Moodle's question text) as Markdown-ish plain text: tags out,
   paragraphs and line breaks kept, bold/italic/lists mapped, entities
   decoded; *lost is set when an image or other media was dropped.
   Returns a malloc'd string or NULL (out of memory). */
char	*qi_html_text(const char *html, size_t n, int *lost);

int	qi_parse_gift(struct qi_bank *, const char *src, size_t n);
int	qi_parse_moodle_xml(struct qi_bank *, const char *src, size_t n);

/* Write the bank as a quiz file with this title (0 ok, -1 out of memory
   or over QUIZ_SRC_MAX, noted). */
int	qimport_lua(struct qi_bank *, const char *title, struct buf *out);


#endif
