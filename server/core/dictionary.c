/* dictionary: built-in plus imported competencies. See dictionary.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"
#include "store_plan.h"

static void
add_row(void *arg, const struct plan_comp *c)
{
	struct compdict_entry	 e;
	int			 i;

	memset(&e, 0, sizeof(e));
	snprintf(e.name, sizeof(e.name), "%s", c->name);
	snprintf(e.definition, sizeof(e.definition), "%s", c->definition);
	for (i = 0; i < COMPETENCY_LEVEL_MAX; i++)
		snprintf(e.level[i], sizeof(e.level[i]), "%s", c->level[i]);
	e.line = -1;	/* from the database */
	compdict_add(arg, &e);	/* a clash with a built-in: skipped */
}

struct compdict *
dictionary_load(struct store *st)
{
	struct compdict	*d;

	if ((d = compdict_new()) == NULL)
		return NULL;
	if (store_plan_comps(st, add_row, d) == -1) {
		compdict_free(d);
		return NULL;
	}
	return d;
}

const char *
dictionary_name(const struct compdict *d, const char *key)
{
	const struct compdict_entry *e = d ? compdict_find(d, key) : NULL;

	return e ? e->name : key;
}

int
dictionary_import(struct store *st, const char *data, size_t n, int dry_run,
    int64_t actor, const char *ip, int64_t now, struct planio_report *rep)
{
	struct compdict	*d;
	struct buf	 err = { 0 };
	struct plan_comp c;
	const struct compdict_entry *e;
	char		 detail[96], *p, *nl;
	int		 i, l, line, rc = -1;

	memset(rep, 0, sizeof(*rep));
	rep->dry_run = dry_run;
	if ((d = compdict_new()) == NULL)
		return -1;
	compdict_load(d, data, n, "-", &err);
	/* compdict writes "-:LINE: why" lines: back into the report. */
	for (p = err.p; p && *p; p = nl ? nl + 1 : p + strlen(p)) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (sscanf(p, "-:%d:", &line) == 1 && (p = strchr(p + 2, ':')))
			planio_bad(rep, line, "%s", p[1] == ' ' ? p + 2 : p + 1);
		if (nl == NULL)
			break;
	}
	buf_free(&err);
	rep->rows = compdict_teknis(d) + rep->nbad;
	if (rep->nbad || dry_run) {
		compdict_free(d);
		return rep->nbad ? 1 : 0;
	}
	if (store_begin(st) == -1)
		goto out;
	for (i = 0; i < compdict_count(d); i++) {
		e = compdict_at(d, i);
		if (e->line <= 0)
			continue;
		memset(&c, 0, sizeof(c));
		snprintf(c.key, sizeof(c.key), "%s", e->key);
		snprintf(c.name, sizeof(c.name), "%s", e->name);
		snprintf(c.ctype, sizeof(c.ctype), "%s",
		    competency_type_id(e->type));
		snprintf(c.definition, sizeof(c.definition), "%s",
		    e->definition);
		for (l = 0; l < COMPETENCY_LEVEL_MAX; l++)
			snprintf(c.level[l], sizeof(c.level[l]), "%s",
			    e->level[l]);
		if (store_plan_comp_put(st, &c, now) == -1) {
			store_rollback(st);
			goto out;
		}
		rep->written++;
	}
	snprintf(detail, sizeof(detail), "competencies=%d", rep->written);
	if (store_audit(st, actor, "plan.dictionary.import", detail, ip) == -1) {
		store_rollback(st);
		goto out;
	}
	rc = store_commit(st) == -1 ? -1 : 0;
out:
	compdict_free(d);
	return rc;
}
