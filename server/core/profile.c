/* profile: competency evidence and assessment import. See profile.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "competency.h"
#include "dictionary.h"
#include "nip.h"
#include "planio.h"
#include "profile.h"
#include "store_plan.h"
#include "table.h"
#include "wib.h"

static int
source_ok(const char *s)
{
	return s && (strcmp(s, PROFILE_SRC_ASSESSMENT) == 0 ||
	    strcmp(s, PROFILE_SRC_SURVEY_SELF) == 0 ||
	    strcmp(s, PROFILE_SRC_SURVEY_ATASAN) == 0);
}

/* The dictionary entry of a name: built-in, else the database's. */
static int
lookup(struct store *st, const char *name, char *key, size_t keylen)
{
	struct compdict	*d;
	const struct compdict_entry *e;
	int		 rc;

	if (competency_builtin_find(name) != NULL)
		return competency_key(name, key, keylen) == 0 ? 0 : 1;
	if ((d = dictionary_load(st)) == NULL)
		return -1;
	e = compdict_find(d, name);
	rc = e ? 0 : 1;
	if (e)
		snprintf(key, keylen, "%s", e->key);
	compdict_free(d);
	return rc;
}

int
profile_record(struct store *st, int64_t user_id, const char *competency,
    int level, const char *source, const char *ref, int64_t at)
{
	char	 key[COMPETENCY_KEY_MAX];
	int	 rc;

	if (!competency_level_ok(level) || !source_ok(source) || ref == NULL ||
	    strlen(ref) >= PROFILE_REF_MAX)
		return 2;
	if ((rc = lookup(st, competency, key, sizeof(key))) != 0)
		return rc;
	return store_plan_profile_put(st, user_id, key, source, ref, level, at,
	    clock_now());
}

struct items_arg {
	void	(*fn)(void *, const struct profile_item *);
	void	*arg;
	struct profile_item last;	/* of the previous row */
	int	 have;
};

static void
item_row(void *a, int64_t user, const char *ckey, const char *source,
    const char *ref, int level, int64_t at)
{
	struct items_arg	*ia = a;
	struct profile_item	 it;

	(void)user;
	memset(&it, 0, sizeof(it));
	if (strcmp(source, PROFILE_SRC_COMPLETION) == 0) {
		if (competency_key(ckey, it.key, sizeof(it.key)) == -1)
			return;
	} else
		snprintf(it.key, sizeof(it.key), "%s", ckey);
	snprintf(it.source, sizeof(it.source), "%s", source);
	snprintf(it.ref, sizeof(it.ref), "%s", ref);
	it.level = level;
	it.at = at;
	/* Completions all count; of the others the newest per source
	   (rows come newest first), never a self-assessment. */
	if (strcmp(source, PROFILE_SRC_COMPLETION) == 0)
		it.counts = 1;
	else if (strcmp(source, PROFILE_SRC_SURVEY_SELF) != 0)
		it.counts = !(ia->have && strcmp(ia->last.key, it.key) == 0 &&
		    strcmp(ia->last.source, it.source) == 0);
	ia->last = it;
	ia->have = 1;
	ia->fn(ia->arg, &it);
}

int
profile_items(struct store *st, int64_t user_id,
    void (*fn)(void *, const struct profile_item *), void *arg)
{
	struct items_arg ia;

	memset(&ia, 0, sizeof(ia));
	ia.fn = fn;
	ia.arg = arg;

	if (user_id <= 0)
		return -1;
	return store_plan_evidence(st, user_id, item_row, &ia);
}

enum { C_NIP, C_KOMP, C_LEVEL, C_TGL, C_SUMBER, NC };
static const struct table_col cols[NC] = {
	{ "nip", 1 },
	{ "kompetensi|nama_kompetensi|competency", 1 },
	{ "level|level_capaian|level_dicapai", 1 },
	{ "tanggal|tanggal_asesmen|date", 1 },
	{ "sumber|penyelenggara|source", 1 },
};

int
assessment_import(struct store *st, const char *data, size_t n, int dry_run,
    int64_t actor, const char *ip, int64_t now, struct planio_report *rep)
{
	struct table	*t = NULL;
	struct compdict	*d = NULL;
	const struct compdict_entry *e;
	struct user	 u;
	const char	**v;
	char		 ref[PROFILE_REF_MAX], detail[64];
	int		 rc, line, lv, y, m, dd, ret = -1, tx = 0;
	int64_t		 at;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((d = dictionary_load(st)) == NULL ||
	    (t = table_open(data, n, cols, NC)) == NULL)
		goto out;
	if (store_begin(st) == -1)
		goto out;
	tx = 1;
	while ((rc = planio_next(t, rep, PLANIO_MAX_ROWS, &v, &line)) != -1) {
		if (rc == 0)
			continue;
		if (!nip_format(v[C_NIP])) {
			planio_bad(rep, line, "NIP \"%s\" harus 18 angka",
			    v[C_NIP]);
			continue;
		}
		if ((rc = store_user_by_nip(st, v[C_NIP], &u, NULL, 0)) == -1)
			goto out;
		if (rc == 1) {
			planio_bad(rep, line, "NIP %s tidak terdaftar",
			    v[C_NIP]);
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
		if (planio_date(v[C_TGL], &y, &m, &dd) == -1) {
			planio_bad(rep, line, "tanggal \"%s\" harus "
			    "YYYY-MM-DD", v[C_TGL]);
			continue;
		}
		if ((at = wib_midnight(y, m, dd)) > now) {
			planio_bad(rep, line, "tanggal %s belum terjadi",
			    v[C_TGL]);
			continue;
		}
		if (v[C_SUMBER][0] == '\0' || strlen(v[C_SUMBER]) >
		    PROFILE_REF_MAX - 12) {
			planio_bad(rep, line, "sumber kosong atau lebih dari %d "
			    "byte", PROFILE_REF_MAX - 12);
			continue;
		}
		snprintf(ref, sizeof(ref), "%s %.10s", v[C_SUMBER], v[C_TGL]);
		if (store_plan_profile_put(st, u.id, e->key,
		    PROFILE_SRC_ASSESSMENT, ref, lv, at, now) == -1)
			goto out;
		rep->written++;
	}
	if (rep->nbad || dry_run) {
		store_rollback(st);
		tx = 0;
		rep->written = 0;
		ret = rep->nbad ? 1 : 0;
		goto out;
	}
	snprintf(detail, sizeof(detail), "results=%d", rep->written);
	if (store_audit(st, actor, "plan.assessment.import", detail, ip) == -1)
		goto out;
	tx = 0;
	ret = store_commit(st) == -1 ? -1 : 0;
out:
	if (tx)
		store_rollback(st);
	table_close(t);
	compdict_free(d);
	return ret;
}
