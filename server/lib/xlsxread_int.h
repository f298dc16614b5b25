/*
 * xlsxread_int: what xlsxread.c (sheet streaming, cells, the public
 * calls) and xlsxread_pkg.c (ZIP over memory, package rels, workbook,
 * styles, shared strings) share. Not for other modules.
 */
#ifndef LENTERA_XLSXREAD_INT_H
#define LENTERA_XLSXREAD_INT_H

#include <stddef.h>

#include <expat.h>
#include <unzip.h>

#include "buf.h"
#include "xlsxread.h"

#define CHUNK		65536		/* inflated bytes handed to expat at once */
#define PATH_MAX_XL	256		/* part names we build or accept */
#define MAX_RELS	1000		/* relationships per .rels part */

/* The caller's buffer as a minizip "file". */
struct memfile {
	const char	*p;
	size_t		 n, pos;
};

struct rel {
	char	 id[64];
	char	 type[160];
	char	 target[PATH_MAX_XL];
};

struct xlsxread {
	struct memfile	 mf;
	unzFile		 uf;
	char		 msg[XLSXREAD_MSG_MAX];	/* sticky error */
	int		 failed, errrow;

	/* Package map. */
	char		 wbpath[PATH_MAX_XL];
	char		 sheetpath[PATH_MAX_XL];
	char		 sstpath[PATH_MAX_XL];
	char		 stylespath[PATH_MAX_XL];
	char		 sheet_rid[64];
	int		 date1904, nsheets;
	struct rel	*rels;
	int		 nrels;

	/* Styles: per cellXfs index, 1 if its number format is a date. */
	unsigned char	*xfdate;
	int		 nxf, in_cellxfs;
	int		*fmtid;		/* custom numFmt ids ... */
	unsigned char	*fmtdate;	/* ... and whether each is a date */
	int		 nfmt;

	/* Shared strings: one pool, offsets per string. */
	struct buf	 pool;
	size_t		*sst;
	int		 nsst, capsst;
	int		 in_si, in_rph, in_t;

	/* Sheet streaming. */
	XML_Parser	 sp;
	char		*chunk;
	int		 opened, suspended, final_fed, done;
	size_t		 inflated;
	const char	*part;		/* part being parsed, for messages */
	XML_Parser	 cp;		/* its parser: handlers stop this one */

	/* Current row and cell. */
	int		 in_row, row, lastrow, nextcol, lastcol;
	int		 col, ctype, cstyle, in_v, in_is, collect, nonempty;
	struct buf	 text;		/* current cell's raw text */
	struct buf	 rowbuf;	/* this row's cell text, NUL-separated */
	size_t		 off[XLSXREAD_MAX_COLS];
	int		 has[XLSXREAD_MAX_COLS];
	int		 types[XLSXREAD_MAX_COLS];
	char		*cells[XLSXREAD_MAX_COLS];
	int		 ncells;
};

enum { CT_NUM, CT_SST, CT_STR, CT_INLINE, CT_BOOL, CT_ERR, CT_DATE };

/* First message wins; it names the part and, inside a row, the row. */
void	 xlsxread_fail(struct xlsxread *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Stops the parser of the handler that found a problem. */
void	 xlsxread_stop(struct xlsxread *);
/* Names and attributes without their namespace prefix. */
const char *xlsxread_local(const char *);
const char *xlsxread_attr(const char **, const char *);
/* Appends character data to x->text within XLSXREAD_MAX_CELL. */
void	 xlsxread_collect(struct xlsxread *, const XML_Char *, int);
/* A parser whose handlers get x; any DTD stops it. */
XML_Parser xlsxread_parser(struct xlsxread *, XML_StartElementHandler,
	    XML_EndElementHandler, XML_CharacterDataHandler);
/* Streams part name through p, at most limit inflated bytes:
   0 parsed, 1 no such part, -1 error (message set). */
int	 xlsxread_part(struct xlsxread *, const char *name, size_t limit,
	    XML_Parser p);
/* Opens the ZIP and reads rels, workbook, styles and shared strings:
   0 or -1 (message set). */
int	 xlsxread_pkg_map(struct xlsxread *);

#endif
