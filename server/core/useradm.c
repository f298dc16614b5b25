/* useradm: audited account changes in one transaction. See useradm.h. */
#include <stdio.h>
#include <string.h>

#include "useradm.h"

/* Commits when rc is 0 and the audit row is written, else rolls back. */
static int
finish(struct store *st, int rc, int64_t actor, const char *event,
    const char *detail, const char *ip)
{
	if (rc == 0 && store_audit(st, actor, event, detail, ip) == -1)
		rc = -1;
	if (rc != 0) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int
useradm_add(struct store *st, const struct user *u, const char *pwhash,
    int64_t actor, const char *ip, int64_t *id)
{
	char	 detail[64];
	int	 rc;

	if (store_begin(st) == -1)
		return -1;
	rc = store_user_insert(st, u, pwhash, id);
	snprintf(detail, sizeof(detail), "%s role=%s%s", u->nip,
	    store_role_name(u->role), actor == 0 ? " (cli)" : "");
	return finish(st, rc, actor, "user.add", detail, ip);
}

int
useradm_set_role(struct store *st, const struct user *u, int role,
    int64_t actor, const char *ip)
{
	char	 detail[64];
	int	 rc;

	/* An admin never removes their own admin role by accident. */
	if (u->id == actor && role != ROLE_ADMIN)
		return 1;
	if (store_begin(st) == -1)
		return -1;
	rc = store_user_set_role(st, u->id, role) == 0 ? 0 : -1;
	snprintf(detail, sizeof(detail), "%s %s -> %s", u->nip,
	    store_role_name(u->role), store_role_name(role));
	return finish(st, rc, actor, "user.role", detail, ip);
}

int
useradm_set_password(struct store *st, const struct user *u,
    const char *pwhash, int64_t actor, const char *ip)
{
	int	 rc;

	if (store_begin(st) == -1)
		return -1;
	rc = store_user_set_password(st, u->id, pwhash) == 0 ? 0 : -1;
	/* A reset password ends every session that knew the old one. */
	if (rc == 0)
		rc = store_session_delete_user(st, u->id);
	return finish(st, rc, actor, "user.password_reset", u->nip, ip);
}

int
useradm_set_active(struct store *st, const struct user *u, int active,
    int64_t actor, const char *ip)
{
	int	 rc;

	/* Locking oneself out is never what an admin means. */
	if (u->id == actor && !active)
		return 1;
	if (store_begin(st) == -1)
		return -1;
	rc = store_user_set_active(st, u->id, active) == 0 ? 0 : -1;
	if (rc == 0 && !active)
		rc = store_session_delete_user(st, u->id);
	return finish(st, rc, actor, active ? "user.activate" :
	    "user.deactivate", u->nip, ip);
}
