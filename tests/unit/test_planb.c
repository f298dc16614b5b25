/*
 * Planning, part B, below HTTP: the outbox's address check (no header
 * or SMTP command injection through a roster e-mail), the backoff-free
 * parts of the agency plan against a real SQLite file: two approved
 * plans with the same cell roll up into one row (people 2), rows rank by
 * priority and the budget line falls where the running cost passes the
 * ceiling; an approved plan is locked; migration 14 runs twice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "aplan.h"
#include "outbox.h"
#include "store.h"
#include "store_planb.h"
#include "t.h"

static char	 dir[64], path[128];

static int64_t
mkuser(struct store *st, const char *nip, const char *unit)
{
	struct user	 u;
	int64_t		 id = 0;

	memset(&u, 0, sizeof(u));
	snprintf(u.nip, sizeof(u.nip), "%s", nip);
	snprintf(u.name, sizeof(u.name), "ASN %s", nip + 14);
	snprintf(u.unit, sizeof(u.unit), "%s", unit);
	snprintf(u.position, sizeof(u.position), "Analis");
	u.role = ROLE_LEARNER;
	T_OK(store_user_insert(st, &u, "$argon2id$x", &id) == 0 && id > 0,
	    "planb user insert");
	return id;
}

static void
item(struct store *st, int64_t user, const char *comp, const char *route,
    int gap, int jp, int64_t cost)
{
	struct idp_item	 it;

	memset(&it, 0, sizeof(it));
	snprintf(it.competency, sizeof(it.competency), "%s", comp);
	snprintf(it.ctype, sizeof(it.ctype), "manajerial");
	snprintf(it.route, sizeof(it.route), "%s", route);
	snprintf(it.activity, sizeof(it.activity), "%s %s", route, comp);
	snprintf(it.target, sizeof(it.target), "2026-06-30");
	it.gap = gap;
	it.priority = gap * 10;	/* gap_person's, without SKP or SKM */
	it.jp = jp;
	it.cost = cost;
	T_OK(store_idp_item_add(st, user, 2026, &it, 1000, "") == 0,
	    "planb item add");
}

static void
approve(struct store *st, int64_t user)
{
	struct idp	 p;

	T_OK(store_idp_get(st, user, 2026, &p) == 0, "planb plan exists");
	T_OK(store_idp_move(st, p.id, IDP_DRAFT, IDP_SUBMITTED, "", user, 1001,
	    "", 0, "", "", "") == 0, "planb submit");
	T_OK(store_idp_move(st, p.id, IDP_DRAFT, IDP_SUBMITTED, "", user, 1001,
	    "", 0, "", "", "") == 1, "planb submit twice: 1, not moved");
	T_OK(store_idp_move(st, p.id, IDP_SUBMITTED, IDP_APPROVED, "", user,
	    1002, "", 0, "", "", "") == 0, "planb approve");
}

int
main(void)
{
	struct store	*st;
	struct aplan	 p;
	struct idp_item	 it;
	int64_t		 a, b, c;

	T_OK(outbox_addr_ok("satu@uji.go.id"), "outbox: plain address");
	T_OK(!outbox_addr_ok("satu@uji.go.id\r\nRCPT TO:<x@y.z>"),
	    "outbox: CRLF refused");
	T_OK(!outbox_addr_ok("a b@uji.go.id"), "outbox: space refused");
	T_OK(!outbox_addr_ok("<a@uji.go.id>"), "outbox: brackets refused");
	T_OK(!outbox_addr_ok("a@b@uji.go.id"), "outbox: two @ refused");
	T_OK(!outbox_addr_ok("a@localhost"), "outbox: no dot in domain refused");
	T_OK(!outbox_addr_ok(""), "outbox: empty refused");

	snprintf(dir, sizeof(dir), "/tmp/lentera-planb-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return 1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	T_OK(store_migrate(path) == 0, "planb migrate");
	T_OK(store_migrate(path) == 0, "planb migrate again");
	T_OK(store_open(path, &st) == 0, "planb open");
	a = mkuser(st, "199001012015011101", "Unit A");
	b = mkuser(st, "199001012015011102", "Unit A");
	c = mkuser(st, "199001012015011103", "Unit B");
	/* a and b plan the same mentoring: one cell, people 2. */
	item(st, a, "Integritas", "mentoring", 2, 10, 1000000);
	item(st, a, "Komunikasi", "e-learning", 1, 10, 0);
	item(st, b, "Integritas", "mentoring", 1, 10, 1000000);
	item(st, b, "Komunikasi", "e-learning", 1, 10, 0);
	item(st, c, "Kerja Sama", "pelatihan-teknis", 1, 20, 3000000);
	approve(st, a);
	approve(st, b);
	approve(st, c);
	memset(&it, 0, sizeof(it));
	snprintf(it.activity, sizeof(it.activity), "x");
	snprintf(it.route, sizeof(it.route), "coaching");
	T_OK(store_idp_item_add(st, a, 2026, &it, 1003, "") == 1,
	    "planb approved plan is locked");
	T_OK(store_budget_set(st, 2026, 2500000, 0, 1004, "") == 0,
	    "planb budget set");
	T_OK(aplan_build(st, 2026, &p) == 0, "planb aplan build");
	T_OK(p.n == 3, "planb three cells");
	T_OK(p.n == 3 && strcmp(p.items[0].row.competency, "Integritas") == 0 &&
	    p.items[0].row.people == 2 && p.items[0].row.cost == 2000000 &&
	    p.items[0].row.max_gap == 2 && p.items[0].priority == 20,
	    "planb same cell rolled up, largest gap kept");
	T_OK(p.n == 3 && p.items[1].priority == 10 && p.items[1].row.cost == 0 &&
	    !p.items[1].below, "planb cheaper of equal priority first");
	T_OK(p.n == 3 && p.items[2].below && p.nbelow == 1 &&
	    p.below_cost == 3000000 && p.cost == 5000000 && p.jp == 60,
	    "planb budget line after the ceiling");
	aplan_free(&p);
	store_close(st);
	unlink(path);
	{
		char	 wal[160];

		snprintf(wal, sizeof(wal), "%s-wal", path);
		unlink(wal);
		snprintf(wal, sizeof(wal), "%s-shm", path);
		unlink(wal);
	}
	rmdir(dir);
	T_DONE();
}
