/* unit-layer: store */
/*
 * No hot query scans a big table (issue 15 item 6). The statements
 * behind the pages that grow with the data (the HR dashboard and its
 * filter lists and evaluation coverage, Rekam Jejak, Tim saya, the
 * survey rates and the planning realisation) are read through the store
 * functions that hand them out (store_agg_hot_sql, store_planb_hot_sql,
 * store_ledger_hot_sql: the very text the store prepares), and SQLite's
 * EXPLAIN QUERY PLAN of each, on a database migrated to the current
 * schema, must not SCAN (a walk over every row, or every entry of an
 * index) any of the tables that grow with the ASN: users, ledger,
 * completions, progress, attempts, marks, survey_answer, survey_status,
 * eval_reaction_done, eval_followup, eval_answer, idp, idp_item,
 * plan_gap, agg_person. The walks that stop at the page's end (the
 * below-target list) must also come out in index order, never through a
 * temporary sort of everything.
 *
 * There is no ANALYZE in Lentera, so the planner's choice here (from the
 * schema alone) is the one it makes on a database of any size. Aliases
 * in the plan ("SCAN u") are mapped back to their tables from the SQL.
 *
 * PostgreSQL: tests/http/test_perfdata_plan.py takes the same statements
 * (this program with --print) to EXPLAIN them there with enable_seqscan
 * off: no Seq Scan of a big table means an index serves each one.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_agg.h"
#include "store_ledger.h"
#include "store_planb.h"
#include "t.h"

static const char *const big[] = {
	"users", "ledger", "completions", "progress", "attempts", "marks",
	"survey_answer", "survey_status", "eval_reaction_done",
	"eval_followup", "eval_answer", "idp", "idp_item", "plan_gap",
	"agg_person", NULL
};

static int
is_big(const char *t)
{
	int	 i;

	for (i = 0; big[i]; i++)
		if (strcmp(big[i], t) == 0)
			return 1;
	return 0;
}

/* The table an alias (or name) of sql stands for: "FROM users u",
   "JOIN ledger e", "agg_person AS p"; the name itself when no alias. */
static void
table_of(const char *sql, const char *alias, char *out, size_t len)
{
	const char	*p = sql;
	char		 word[64], prev[64] = "", pprev[64] = "";
	size_t		 n;

	snprintf(out, len, "%s", alias);
	while (*p) {
		while (*p && !(isalnum((unsigned char)*p) || *p == '_'))
			p++;
		for (n = 0; *p && (isalnum((unsigned char)*p) || *p == '_'); p++)
			if (n + 1 < sizeof(word))
				word[n++] = *p;
		word[n] = '\0';
		if (n == 0)
			break;
		/* "T alias" after FROM/JOIN, or "T AS alias" */
		if (strcmp(word, alias) == 0 && (strcasecmp(pprev, "FROM") == 0 ||
		    strcasecmp(pprev, "JOIN") == 0)) {
			snprintf(out, len, "%s", prev);
			return;
		}
		if (strcmp(word, alias) == 0 && strcasecmp(prev, "AS") == 0 &&
		    pprev[0] && is_big(pprev)) {
			snprintf(out, len, "%s", pprev);
			return;
		}
		snprintf(pprev, sizeof(pprev), "%s", prev);
		snprintf(prev, sizeof(prev), "%s", word);
	}
}

/* EXPLAIN QUERY PLAN of sql: 0 no big table scanned (and, when ordered,
   no temporary sort), else the number of offending plan lines. */
static int
plan_ok(sqlite3 *db, const char *name, const char *sql, int ordered)
{
	sqlite3_stmt	*s;
	char		*q;
	int		 bad = 0, rc;

	if ((q = malloc(strlen(sql) + 32)) == NULL)
		return 1;
	snprintf(q, strlen(sql) + 32, "EXPLAIN QUERY PLAN %s", sql);
	rc = sqlite3_prepare_v2(db, q, -1, &s, NULL);
	free(q);
	if (rc != SQLITE_OK) {
		printf("# %s: does not prepare: %s\n", name, sqlite3_errmsg(db));
		return 1;
	}
	while (sqlite3_step(s) == SQLITE_ROW) {
		const char	*d = (const char *)sqlite3_column_text(s, 3);
		char		 alias[64], table[64];

		if (getenv("PLAN_VERBOSE"))
			printf("# %s: %s\n", name, d);
		if (d == NULL)
			continue;
		if (ordered && strstr(d, "USE TEMP B-TREE") != NULL) {
			printf("# %s: sorts everything first: %s\n", name, d);
			bad++;
		}
		if (strncmp(d, "SCAN ", 5) != 0 ||
		    sscanf(d + 5, "%63[A-Za-z0-9_]", alias) != 1)
			continue;
		table_of(sql, alias, table, sizeof(table));
		if (is_big(table)) {
			printf("# %s: scans %s: %s\n", name, table, d);
			bad++;
		}
	}
	sqlite3_finalize(s);
	return bad;
}

int
main(int argc, char **argv)
{
	char		 dir[] = "/tmp/lentera-plan-XXXXXX", path[128], label[160];
	const char	*(*lists[])(int, const char **) = {
		store_agg_hot_sql, store_planb_hot_sql, store_ledger_hot_sql
	};
	const char	*name, *sql;
	sqlite3		*db = NULL;
	size_t		 l;
	int		 i, n = 0;

	/* --print: the statements, "name<TAB>sql" a line, for the PostgreSQL
	   half (tests/http/test_perfdata_plan.py). */
	if (argc > 1 && strcmp(argv[1], "--print") == 0) {
		for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
			for (i = 0; (sql = lists[l](i, &name)) != NULL; i++)
				printf("%s\t%s\n", name, sql);
		return 0;
	}
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/plan.db", dir);
	T_OK(store_migrate(path) == 0, "plan: a database at the current schema");
	T_OK(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) ==
	    SQLITE_OK, "plan: open it");
	for (l = 0; l < sizeof(lists) / sizeof(lists[0]); l++)
		for (i = 0; (sql = lists[l](i, &name)) != NULL; i++) {
			int ordered = strstr(name, "lowest") != NULL ||
			    strstr(name, "zero JP") != NULL;

			snprintf(label, sizeof(label), "plan: %s reads no big "
			    "table whole%s", name, ordered ?
			    ", in index order" : "");
			T_OK(plan_ok(db, name, sql, ordered) == 0, label);
			n++;
		}
	T_OK(n >= 15, "plan: every hot statement listed");
	/* The check itself can fail: the statement this replaced. */
	T_OK(plan_ok(db, "old dashboard (control)", "SELECT u.id, sum(e.cjp)"
	    " FROM users u LEFT JOIN ledger e ON e.user_id = u.id"
	    " AND e.year = ?1 GROUP BY u.id", 0) > 0,
	    "plan: a per-person sum over users is caught");
	sqlite3_close(db);
	snprintf(label, sizeof(label), "rm -rf %s", dir);
	if (system(label) != 0)
		return 1;
	T_DONE();
}
