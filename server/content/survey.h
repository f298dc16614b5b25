/*
 * survey: evaluation instruments as files (docs/evaluation.md), parsed
 * once by the course loader like every other course file and checked by
 * `lentera check` with "path:line: message" problems.
 *
 * A reaction instrument (Kirkpatrick level 1) is the file SURVEY_FILE:
 * the default one at the root of the courses tree, a course's own in its
 * folder (it replaces the default for that course). Format, one item a
 * line ('#' starts a comment line, blank lines are ignored):
 *
 *   title: Evaluasi Reaksi Peserta
 *   scale: 1-4                      (or 1-5; "4" and "5" also read)
 *   labels: Sangat kurang | Kurang | Baik | Sangat baik
 *   [materi] Materi pelatihan       (a block: id, then its heading)
 *   scale materi-relevan: Materi sesuai dengan kebutuhan pekerjaan saya.
 *   choice media: Bagian paling membantu | Bacaan | Kuis | Contoh kasus
 *   text saran: Apa yang perlu diperbaiki?
 *
 * Ids are a-z, 0-9 and '-', unique in the file; every question is in a
 * block; labels, when given, are exactly as many as the scale's points.
 * Every question is optional for the learner (a survey nobody must take).
 *
 * survey_parse fills s from text (the file's bytes; path names it in
 * problems): 0, or -1 with problems appended to err. survey_load reads
 * dir/name through coursefs (no symlink below the tree; the file opened
 * is the file read, no second lookup) and parses it:
 * a new survey the caller frees with survey_free, or NULL (problems in
 * err; nothing is appended when the file does not exist and *absent is
 * set).
 */
#ifndef LENTERA_SURVEY_H
#define LENTERA_SURVEY_H

#include "buf.h"

#define SURVEY_FILE		"reaksi.survey"
#define SURVEY_MAX_BLOCKS	16
#define SURVEY_MAX_ITEMS	64
#define SURVEY_MAX_CHOICES	10
#define SURVEY_ID_MAX		33	/* bytes of an id, NUL included */
#define SURVEY_TEXT_MAX		301	/* a question or heading */
#define SURVEY_OPT_MAX		81	/* a choice option or scale label */
#define SURVEY_FILE_MAX		(64u * 1024)	/* bytes of an instrument */
#define SURVEY_ANSWER_MAX	2000	/* bytes of a free-text answer */

enum survey_kind { SURVEY_SCALE, SURVEY_CHOICE, SURVEY_TEXT };

struct survey_block {
	char	 id[SURVEY_ID_MAX];
	char	 title[SURVEY_TEXT_MAX];
};

struct survey_item {
	char	 id[SURVEY_ID_MAX];
	enum survey_kind kind;
	int	 block;			/* index into blocks */
	char	 text[SURVEY_TEXT_MAX];
	char	 opts[SURVEY_MAX_CHOICES][SURVEY_OPT_MAX];
	int	 nopts;
	int	 line;
};

struct survey {
	char	 file[1024];		/* path it was read from */
	char	 title[SURVEY_TEXT_MAX];
	int	 scale_max;		/* 4 or 5: points 1..scale_max */
	char	 labels[5][SURVEY_OPT_MAX];	/* "" when not given */
	struct survey_block blocks[SURVEY_MAX_BLOCKS];
	int	 nblocks;
	struct survey_item items[SURVEY_MAX_ITEMS];
	int	 nitems;
};

int		 survey_parse(char *text, const char *path, struct survey *,
		    struct buf *err);
struct survey	*survey_load(const char *dir, const char *name,
		    struct buf *err, int *absent);
/* The same for a file of the tree root (coursefs_open_root). */
struct survey	*survey_load_root(const char *root, const char *name,
		    struct buf *err, int *absent);
void		 survey_free(struct survey *);
/* The item with id, or NULL. */
const struct survey_item *survey_item(const struct survey *, const char *id);

#endif
