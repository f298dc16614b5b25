/* standard: position standards and class defaults. See standard.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "dictionary.h"
#include "standard.h"
#include "store_plan.h"
#include "table.h"

static const struct {
	const char	*id, *label;
	int		 level;
} classes[PCLASS_N] = {
	[PCLASS_JPT_UTAMA] = { "jpt-utama", "JPT Utama", 5 },
	[PCLASS_JPT_MADYA] = { "jpt-madya", "JPT Madya", 5 },
	[PCLASS_JPT_PRATAMA] = { "jpt-pratama", "JPT Pratama", 4 },
	[PCLASS_ADMINISTRATOR] = { "administrator", "Administrator", 3 },
	[PCLASS_PENGAWAS] = { "pengawas", "Pengawas", 2 },
	[PCLASS_PELAKSANA] = { "pelaksana", "Pelaksana", 1 },
};

int
standard_class_parse(const char *s)
{
	char	 k[64];
	int	 i;

	if (competency_key(s, k, sizeof(k)) == -1)
		return -1;
	for (i = 0; k[i]; i++)
		if (k[i] == ' ' || k[i] == '_')
			k[i] = '-';
	for (i = 0; i < PCLASS_N; i++)
		if (strcmp(k, classes[i].id) == 0)
			return i;
	return -1;
}

const char *
standard_class_id(int c)
{
	return c >= 0 && c < PCLASS_N ? classes[c].id : "";
}

const char *
standard_class_label(int c)
{
	return c >= 0 && c < PCLASS_N ? classes[c].label : "";
}

int
standard_default_level(int c)
{
	if (c < 0 || c >= PCLASS_N)
		c = PCLASS_PELAKSANA;
	return cfg.skj_default[c] ? cfg.skj_default[c] : classes[c].level;
}

int
standard_defaults_parse(const char *spec, int *levels, char *why,
    size_t whylen)
{
	char	 buf[256], *p, *tok, *eq, *save = NULL;
	int	 c, lv;

	if (strlen(spec) >= sizeof(buf)) {
		snprintf(why, whylen, "too long");
		return -1;
	}
	snprintf(buf, sizeof(buf), "%s", spec);
	for (p = buf; (tok = strtok_r(p, ",", &save)) != NULL; p = NULL) {
		if ((eq = strchr(tok, '=')) == NULL) {
			snprintf(why, whylen, "\"%s\": expected CLASS=LEVEL", tok);
			return -1;
		}
		*eq = '\0';
		if ((c = standard_class_parse(tok)) == -1) {
			snprintf(why, whylen, "unknown class \"%s\" (jpt-utama, "
			    "jpt-madya, jpt-pratama, administrator, pengawas, "
			    "pelaksana)", tok);
			return -1;
		}
		if (planio_int(eq + 1, 1, 5, &lv) == -1) {
			snprintf(why, whylen, "%s: level must be 1..5", tok);
			return -1;
		}
		levels[c] = lv;
	}
	return 0;
}

enum { C_JAB, C_KELAS, C_KOMP, C_LEVEL, NC };
static const struct table_col cols[NC] = {
	{ "jabatan|nama_jabatan|position", 1 },
	{ "kelas_jabatan|kelas|kelompok_jabatan|class", 1 },
	{ "kompetensi|nama_kompetensi|competency", 1 },
	{ "level|level_dibutuhkan|required_level", 1 },
};

/* Jabatan seen in the file: its class and competencies, for the
   one-class and no-twice rules. */
struct seenpos {
	char	 pkey[COMPETENCY_KEY_MAX];
	char	 name[STORE_TEXT_MAX];
	int	 pclass, line;
};
struct seenrow {
	char	 pkey[COMPETENCY_KEY_MAX];
	char	 ckey[COMPETENCY_KEY_MAX];
	int	 level, line;
};

int
standard_import(struct store *st, const char *data, size_t n, int dry_run,
    int64_t actor, const char *ip, int64_t now, struct planio_report *rep)
{
	struct table	*t = NULL;
	struct compdict	*d = NULL;
	struct seenpos	*pos = NULL;
	struct seenrow	*rows = NULL;
	const struct compdict_entry *e;
	const char	**v;
	char		 pkey[COMPETENCY_KEY_MAX];
	char		 detail[96];
	int		 npos = 0, nrows = 0, rc, line, i, c, lv, ret = -1;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((d = dictionary_load(st)) == NULL ||
	    (t = table_open(data, n, cols, NC)) == NULL)
		goto out;
	while ((rc = planio_next(t, rep, STANDARD_MAX_ROWS, &v, &line)) != -1) {
		if (rc == 0)
			continue;
		if (competency_key(v[C_JAB], pkey, sizeof(pkey)) == -1 ||
		    strlen(v[C_JAB]) >= STORE_TEXT_MAX) {
			planio_bad(rep, line, "jabatan kosong atau terlalu "
			    "panjang");
			continue;
		}
		if ((c = standard_class_parse(v[C_KELAS])) == -1) {
			planio_bad(rep, line, "kelas_jabatan \"%s\" tidak dikenal "
			    "(jpt-utama, jpt-madya, jpt-pratama, administrator, "
			    "pengawas, pelaksana)", v[C_KELAS]);
			continue;
		}
		if ((e = compdict_find(d, v[C_KOMP])) == NULL) {
			planio_bad(rep, line, "kompetensi \"%s\" tidak ada di "
			    "kamus kompetensi", v[C_KOMP]);
			continue;
		}
		if (planio_int(v[C_LEVEL], 1, 5, &lv) == -1) {
			planio_bad(rep, line, "level \"%s\" harus bilangan "
			    "bulat 1..5", v[C_LEVEL]);
			continue;
		}
		for (i = 0; i < npos; i++)
			if (strcmp(pos[i].pkey, pkey) == 0)
				break;
		if (i < npos && pos[i].pclass != c) {
			planio_bad(rep, line, "jabatan \"%s\" sudah berkelas %s "
			    "di baris %d", v[C_JAB],
			    standard_class_id(pos[i].pclass), pos[i].line);
			continue;
		}
		if (i == npos) {
			struct seenpos *np = realloc(pos, (npos + 1) *
			    sizeof(*pos));
			if (np == NULL)
				goto out;
			pos = np;
			snprintf(pos[npos].pkey, sizeof(pos[npos].pkey), "%s",
			    pkey);
			snprintf(pos[npos].name, sizeof(pos[npos].name), "%s",
			    v[C_JAB]);
			pos[npos].pclass = c;
			pos[npos].line = line;
			npos++;
		}
		for (i = 0; i < nrows; i++)
			if (strcmp(rows[i].pkey, pkey) == 0 &&
			    strcmp(rows[i].ckey, e->key) == 0)
				break;
		if (i < nrows) {
			planio_bad(rep, line, "kompetensi \"%s\" untuk jabatan "
			    "ini sudah ada di baris %d", v[C_KOMP],
			    rows[i].line);
			continue;
		}
		if (nrows % 256 == 0) {
			struct seenrow *nr = realloc(rows, (nrows + 256) *
			    sizeof(*rows));
			if (nr == NULL)
				goto out;
			rows = nr;
		}
		snprintf(rows[nrows].pkey, sizeof(rows[nrows].pkey), "%s", pkey);
		snprintf(rows[nrows].ckey, sizeof(rows[nrows].ckey), "%s",
		    e->key);
		rows[nrows].level = lv;
		rows[nrows].line = line;
		nrows++;
	}
	if (rep->nbad || dry_run) {
		ret = rep->nbad ? 1 : 0;
		goto out;
	}
	if (store_begin(st) == -1)
		goto out;
	for (i = 0; i < npos; i++)
		if (store_plan_position_put(st, pos[i].pkey, pos[i].name,
		    standard_class_id(pos[i].pclass), now) == -1 ||
		    store_plan_standard_clear(st, pos[i].pkey) == -1)
			goto rollback;
	for (i = 0; i < nrows; i++) {
		if (store_plan_standard_put(st, rows[i].pkey, rows[i].ckey,
		    rows[i].level, now) == -1)
			goto rollback;
		rep->written++;
	}
	rep->extra = npos;
	snprintf(detail, sizeof(detail), "positions=%d rows=%d", npos, nrows);
	if (store_audit(st, actor, "plan.standard.import", detail, ip) == -1)
		goto rollback;
	ret = store_commit(st) == -1 ? -1 : 0;
	goto out;
rollback:
	store_rollback(st);
out:
	free(pos);
	free(rows);
	table_close(t);
	compdict_free(d);
	return ret;
}
