/*
 * admin: user management (search, add, change role, reset password,
 * deactivate/activate) and the audit log viewer; role admin only.
 * Every change is written to the audit log in the same request.
 */
#ifndef LENTERA_ADMIN_H
#define LENTERA_ADMIN_H

struct req;

int	admin_users(struct req *);	/* GET /admin/users?q= */
int	admin_user_add(struct req *);	/* POST /admin/users */
int	admin_user_edit(struct req *);	/* POST /admin/users/<id> action=... */
int	admin_audit(struct req *);	/* GET /admin/audit?before= */

#endif
