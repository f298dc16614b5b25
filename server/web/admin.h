/*
 * admin: user management (search, add, change role, reset password,
 * deactivate/activate) and the audit log viewer (admin_audit.c); role
 * admin only. Changes go through useradm.c: the change and its audit row
 * commit together or not at all (500). Deactivation is a two-step POST:
 * without confirm=1 the answer is a confirm page (works without
 * JavaScript, CSRF as every form); one's own account is refused (409)
 * with the reason, and its row offers no button.
 * The audit viewer filters by event code, actor (NIP, or a name that
 * matches one user) and WIB dates from/to (inclusive), 50 rows a page,
 * keyset cursors before=/after= (ids); bad input answers 400.
 */
#ifndef LENTERA_ADMIN_H
#define LENTERA_ADMIN_H

struct req;

int	admin_users(struct req *);	/* GET /admin/users?q= */
int	admin_user_add(struct req *);	/* POST /admin/users */
int	admin_user_edit(struct req *);	/* POST /admin/users/<id> action=... */
int	admin_audit(struct req *);	/* GET /admin/audit?event=&actor=&from=&to=&before=&after= */

#endif
