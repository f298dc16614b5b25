/* compdict: built-in plus teknis competency dictionary. See compdict.h. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compdict.h"
#include "course.h"
#include "course_int.h"
#include "table.h"
#define CSV_MAX_DICT	((size_t)8 << 20)	/* a dictionary file */

struct compdict {
	struct compdict_entry	*e;
	int			 n, cap, teknis;
};

static int
grow(struct compdict *d)
{
	struct compdict_entry *e;
	int	 cap;

	if (d->n < d->cap)
		return 0;
	if (d->cap >= COMPDICT_MAX + COMPETENCY_BUILTIN_N)
		return -1;
	cap = d->cap ? d->cap * 2 : 32;
	if (cap > COMPDICT_MAX + COMPETENCY_BUILTIN_N)
		cap = COMPDICT_MAX + COMPETENCY_BUILTIN_N;
	if ((e = realloc(d->e, (size_t)cap * sizeof(*e))) == NULL)
		return -1;
	d->e = e;
	d->cap = cap;
	return 0;
}

struct compdict *
compdict_new(void)
{
	struct compdict	*d;
	const struct competency_def *b;
	int		 i, l;

	if ((d = calloc(1, sizeof(*d))) == NULL)
		return NULL;
	for (i = 0; (b = competency_builtin(i)) != NULL; i++) {
		struct compdict_entry *e;

		if (grow(d) == -1) {
			compdict_free(d);
			return NULL;
		}
		e = &d->e[d->n++];
		memset(e, 0, sizeof(*e));
		snprintf(e->name, sizeof(e->name), "%s", b->name);
		competency_key(b->name, e->key, sizeof(e->key));
		e->type = b->type;
		snprintf(e->definition, sizeof(e->definition), "%s",
		    b->definition);
		for (l = 0; l < COMPETENCY_LEVEL_MAX; l++)
			snprintf(e->level[l], sizeof(e->level[l]), "%s",
			    b->level[l]);
	}
	return d;
}

void
compdict_free(struct compdict *d)
{
	if (d == NULL)
		return;
	free(d->e);
	free(d);
}

const struct compdict_entry *
compdict_find(const struct compdict *d, const char *name)
{
	char	 k[COMPETENCY_KEY_MAX];
	int	 i;

	if (competency_key(name, k, sizeof(k)) == -1)
		return NULL;
	for (i = 0; i < d->n; i++)
		if (strcmp(d->e[i].key, k) == 0)
			return &d->e[i];
	return NULL;
}

int
compdict_add(struct compdict *d, const struct compdict_entry *in)
{
	struct compdict_entry *e;

	if (compdict_find(d, in->name) != NULL)
		return -1;
	if (d->teknis >= COMPDICT_MAX || grow(d) == -1)
		return -1;
	e = &d->e[d->n];
	*e = *in;
	if (competency_key(in->name, e->key, sizeof(e->key)) == -1)
		return -1;
	e->type = CTYPE_TEKNIS;
	d->n++;
	d->teknis++;
	return 0;
}

int
compdict_count(const struct compdict *d)
{
	return d->n;
}

const struct compdict_entry *
compdict_at(const struct compdict *d, int i)
{
	return i >= 0 && i < d->n ? &d->e[i] : NULL;
}

int
compdict_teknis(const struct compdict *d)
{
	return d->teknis;
}

enum { C_NAMA, C_JENIS, C_DEF, C_L1, C_L2, C_L3, C_L4, C_L5, NC };
static const struct table_col cols[NC] = {
	{ "nama|nama_kompetensi|kompetensi|name", 1 },
	{ "jenis|jenis_kompetensi|type", 0 },
	{ "definisi|deskripsi|definition", 0 },
	{ "level_1|level 1", 0 }, { "level_2|level 2", 0 },
	{ "level_3|level 3", 0 }, { "level_4|level 4", 0 },
	{ "level_5|level 5", 0 },
};

static int
has_ctl(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 && *s != '\t')
			return 1;
	return 0;
}

int
compdict_load(struct compdict *d, const char *data, size_t n,
    const char *path, struct buf *err)
{
	struct table		*t;
	struct compdict_entry	 e;
	const struct compdict_entry *old;
	const char		**v;
	char			 why[TABLE_WHY_MAX];
	int			 rc, line, bad = 0, i, type;

	if ((t = table_open(data, n, cols, NC)) == NULL) {
		buf_problem(err, path, 1, "kehabisan memori");
		return 1;
	}
	while ((rc = table_next(t, &v, &line, why, sizeof(why))) != 0) {
		if (rc == -1 || rc == 2) {
			buf_problem(err, path, line, "%s", why);
			bad++;
			if (rc == -1)
				break;
			continue;
		}
		memset(&e, 0, sizeof(e));
		e.line = line;
		type = v[C_JENIS][0] ? competency_type_parse(v[C_JENIS]) :
		    CTYPE_TEKNIS;
		if (type == -1) {
			buf_problem(err, path, line, "jenis \"%s\" tidak dikenal "
			    "(" COMPETENCY_TYPES_TEXT ")", v[C_JENIS]);
			bad++;
			continue;
		}
		if (v[C_NAMA][0] == '\0' || strlen(v[C_NAMA]) >=
		    sizeof(e.name) || has_ctl(v[C_NAMA])) {
			buf_problem(err, path, line, "nama kompetensi kosong, "
			    "lebih dari %zu byte, atau memuat karakter kendali",
			    sizeof(e.name) - 1);
			bad++;
			continue;
		}
		if ((old = compdict_find(d, v[C_NAMA])) != NULL) {
			if (old->line == 0)
				buf_problem(err, path, line, "\"%s\" adalah "
				    "kompetensi %s bawaan PermenPANRB 38/2017: "
				    "tidak boleh didefinisikan ulang", v[C_NAMA],
				    competency_type_id(old->type));
			else
				buf_problem(err, path, line, "\"%s\" sudah ada "
				    "di baris %d", v[C_NAMA], old->line);
			bad++;
			continue;
		}
		if (type != CTYPE_TEKNIS) {
			buf_problem(err, path, line, "kompetensi %s ditetapkan "
			    "PermenPANRB 38/2017; kamus instansi hanya memuat "
			    "kompetensi teknis", competency_type_id(type));
			bad++;
			continue;
		}
		snprintf(e.name, sizeof(e.name), "%s", v[C_NAMA]);
		if (strlen(v[C_DEF]) >= sizeof(e.definition)) {
			buf_problem(err, path, line, "definisi lebih dari %zu "
			    "byte", sizeof(e.definition) - 1);
			bad++;
			continue;
		}
		snprintf(e.definition, sizeof(e.definition), "%s", v[C_DEF]);
		for (i = 0; i < COMPETENCY_LEVEL_MAX; i++) {
			if (strlen(v[C_L1 + i]) >= sizeof(e.level[i]))
				break;
			snprintf(e.level[i], sizeof(e.level[i]), "%s",
			    v[C_L1 + i]);
		}
		if (i < COMPETENCY_LEVEL_MAX) {
			buf_problem(err, path, line, "uraian level %d lebih dari "
			    "%zu byte", i + 1, sizeof(e.level[i]) - 1);
			bad++;
			continue;
		}
		if (compdict_add(d, &e) == -1) {
			buf_problem(err, path, line, "kamus penuh (paling banyak "
			    "%d kompetensi teknis)", COMPDICT_MAX);
			bad++;
			break;
		}
	}
	table_close(t);
	return bad;
}

int
compdict_load_dir(struct compdict *d, const char *dir, struct buf *err)
{
	static const char *const names[] = { COMPDICT_FILE, COMPDICT_FILE_XLSX };
	char	 path[COURSE_PATH_MAX];
	char	*text;
	size_t	 len;
	FILE	*f;
	long	 sz;
	int	 i, rc;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if ((f = fopen(path, "rb")) == NULL) {
			if (errno == ENOENT)
				continue;
			buf_problem(err, path, 0, "%s", strerror(errno));
			return -1;
		}
		if (fseek(f, 0, SEEK_END) == -1 || (sz = ftell(f)) < 0 ||
		    sz > (long)CSV_MAX_DICT || fseek(f, 0, SEEK_SET) == -1) {
			fclose(f);
			buf_problem(err, path, 0, "unreadable or larger than "
			    "%d MiB", (int)(CSV_MAX_DICT >> 20));
			return -1;
		}
		len = (size_t)sz;
		if ((text = malloc(len + 1)) == NULL ||
		    fread(text, 1, len, f) != len) {
			free(text);
			fclose(f);
			buf_problem(err, path, 0, "cannot read");
			return -1;
		}
		fclose(f);
		rc = compdict_load(d, text, len, path, err);
		free(text);
		return rc;
	}
	return 0;
}

const char *
compdict_check(const struct compdict *d, const char *name, const char *ctype,
    int strict, char *why, size_t whylen)
{
	const struct compdict_entry *e = compdict_find(d, name);
	int	 type = competency_type_parse(ctype);

	if (type == -1)
		return NULL;	/* the type itself is reported elsewhere */
	if (e == NULL) {
		if (type == CTYPE_TEKNIS && d->teknis == 0 && !strict)
			return NULL;
		if (type == CTYPE_TEKNIS)
			snprintf(why, whylen, "competency \"%s\" is not in the "
			    "agency dictionary (%s)", name, COMPDICT_FILE);
		else
			snprintf(why, whylen, "competency \"%s\" is not a %s "
			    "competency of PermenPANRB 38/2017 (%s)", name,
			    ctype, type == CTYPE_SOSIAL_KULTURAL ?
			    "Perekat Bangsa" : "Integritas, Kerja Sama, "
			    "Komunikasi, Orientasi pada Hasil, Pelayanan Publik, "
			    "Pengembangan Diri dan Orang Lain, Mengelola "
			    "Perubahan, Pengambilan Keputusan");
		return why;
	}
	if (e->type != type) {
		snprintf(why, whylen, "competency \"%s\" is %s in the "
		    "dictionary, not %s", name, competency_type_id(e->type),
		    ctype);
		return why;
	}
	return NULL;
}
