/* admin: users and audit log pages. See admin.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "http.h"
#include "nip.h"
#include "view.h"

#define ADMIN_LIST_MAX	100	/* users per search page */
#define AUDIT_PAGE	100

static const enum msg role_msgs[] = { M_ROLE_LEARNER, M_ROLE_TRAINER,
	M_ROLE_HR, M_ROLE_ADMIN };

static void
role_select(struct req *r, const char *name, int current)
{
	int	 i;

	buf_addf(&r->out, "<select name=\"%s\" aria-label=\"%s\">", name,
	    T(r, M_ROLE));
	for (i = 0; i < 4; i++)
		buf_addf(&r->out, "<option value=\"%s\"%s>%s</option>",
		    store_role_name(1 << i), current == (1 << i) ?
		    " selected" : "", T(r, role_msgs[i]));
	buf_adds(&r->out, "</select>");
}

static void
user_row(void *arg, const struct user *u)
{
	struct req	*r = arg;
	struct buf	*o = &r->out;
	int		 i;

	buf_adds(o, "<tr><td>");
	buf_html(o, u->nip);
	buf_adds(o, "</td><td>");
	buf_html(o, u->name);
	buf_adds(o, "</td><td>");
	for (i = 0; i < 4; i++)
		if (u->role == (1 << i))
			buf_html(o, T(r, role_msgs[i]));
	buf_adds(o, "</td><td>");
	buf_html(o, u->unit);
	buf_addf(o, "</td><td>%s</td><td class=\"actions\">",
	    T(r, u->active ? M_ACTIVE : M_INACTIVE));
	/* One small form per action keeps it working without JavaScript. */
	buf_addf(o, "<form method=\"post\" action=\"/admin/users/%lld\">",
	    (long long)u->id);
	view_csrf(r);
	buf_adds(o, "<input type=\"hidden\" name=\"action\" value=\"role\">");
	role_select(r, "role", u->role);
	buf_addf(o, "<button type=\"submit\">%s</button></form>",
	    T(r, M_CHANGE_ROLE));
	buf_addf(o, "<form method=\"post\" action=\"/admin/users/%lld\">",
	    (long long)u->id);
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"action\" value=\"password\">"
	    "<input type=\"password\" name=\"password\" autocomplete=\"new-password\" "
	    "aria-label=\"%s\" minlength=\"%d\" required>"
	    "<button type=\"submit\">%s</button></form>", T(r, M_NEW_PASSWORD),
	    AUTH_PW_MIN, T(r, M_RESET_PW));
	buf_addf(o, "<form method=\"post\" action=\"/admin/users/%lld\">",
	    (long long)u->id);
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<button type=\"submit\">%s</button></form></td></tr>",
	    u->active ? "deactivate" : "activate",
	    T(r, u->active ? M_DEACTIVATE : M_ACTIVATE));
}

static int
users_page(struct req *r, const char *kind, const char *msg, int status)
{
	struct buf	*o = &r->out;
	const char	*q = http_query(r, "q");

	buf_reset(o);
	view_begin(r, T(r, M_USERS_TITLE));
	buf_addf(o, "<h1>%s</h1>", T(r, M_USERS_TITLE));
	if (msg)
		view_notice(r, kind, msg);
	buf_addf(o, "<form method=\"get\" action=\"/admin/users\" role=\"search\">"
	    "<label for=\"q\">%s (NIP / %s)</label><input id=\"q\" name=\"q\" "
	    "value=\"", T(r, M_SEARCH), T(r, M_NAME));
	buf_html(o, q ? q : "");
	buf_addf(o, "\"><button type=\"submit\">%s</button></form>",
	    T(r, M_SEARCH));
	buf_addf(o, "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">NIP"
	    "</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">Status</th>"
	    "<th scope=\"col\"></th></tr></thead><tbody>", T(r, M_NAME),
	    T(r, M_ROLE), T(r, M_UNIT));
	if (store_user_search(r->st, q ? q : "", ADMIN_LIST_MAX, user_row,
	    r) == -1)
		return 500;
	buf_adds(o, "</tbody></table></div>");
	buf_addf(o, "<h2>%s</h2><form method=\"post\" action=\"/admin/users\" "
	    "class=\"grid\">", T(r, M_ADD_USER));
	view_csrf(r);
	buf_addf(o, "<label>NIP<input name=\"nip\" inputmode=\"numeric\" "
	    "pattern=\"[0-9]{18}\" maxlength=\"18\" required></label>"
	    "<label>%s<input name=\"name\" required maxlength=\"%d\"></label>"
	    "<label>%s<input name=\"unit\" maxlength=\"200\"></label>"
	    "<label>%s<input name=\"position\" maxlength=\"200\"></label>"
	    "<label>%s", T(r, M_NAME), STORE_NAME_MAX - 1, T(r, M_UNIT),
	    T(r, M_POSITION), T(r, M_ROLE));
	role_select(r, "role", ROLE_LEARNER);
	buf_addf(o, "</label><label>%s<input type=\"password\" name=\"password\" "
	    "autocomplete=\"new-password\" minlength=\"%d\" required></label>"
	    "<button type=\"submit\">%s</button></form>", T(r, M_PASSWORD),
	    AUTH_PW_MIN, T(r, M_ADD_USER));
	view_end(r);
	return status;
}

int
admin_users(struct req *r)
{
	return users_page(r, NULL, NULL, 200);
}

static const char *
pw_message(struct req *r, const char *pw)
{
	const char	*p = auth_pw_problem(pw);

	if (p == NULL)
		return NULL;
	return T(r, strcmp(p, "short") == 0 ? M_PW_TOO_SHORT : M_PW_TOO_LONG);
}

int
admin_user_add(struct req *r)
{
	struct user	 u, old;
	const char	*nip = http_param(r, "nip"), *name = http_param(r, "name");
	const char	*pw = http_param(r, "password"), *msg;
	char		 hash[AUTH_HASH_LEN], why[128];
	int64_t		 id;

	memset(&u, 0, sizeof(u));
	if (nip == NULL || !nip_valid(nip, why, sizeof(why)))
		return users_page(r, "error", T(r, M_NIP_INVALID), 400);
	if (name == NULL || name[0] == '\0' || strlen(name) >= STORE_NAME_MAX)
		return users_page(r, "error", T(r, M_NAME_REQUIRED), 400);
	if ((msg = pw_message(r, pw)) != NULL)
		return users_page(r, "error", msg, 400);
	if (store_user_by_nip(r->st, nip, &old, NULL, 0) == 0)
		return users_page(r, "error", T(r, M_NIP_EXISTS), 409);
	snprintf(u.nip, sizeof(u.nip), "%s", nip);
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.unit, sizeof(u.unit), "%s", http_param(r, "unit") ?
	    http_param(r, "unit") : "");
	snprintf(u.position, sizeof(u.position), "%s",
	    http_param(r, "position") ? http_param(r, "position") : "");
	if ((u.role = store_role_parse(http_param(r, "role"))) == ROLE_NONE)
		return 400;
	if (auth_hash(pw, hash) == -1)
		return 503;
	if (store_user_insert(r->st, &u, hash, &id) == -1)
		return 500;
	snprintf(why, sizeof(why), "%s role=%s", u.nip, store_role_name(u.role));
	store_audit(r->st, r->user.id, "user.add", why, r->ip);
	return users_page(r, "ok", T(r, M_SAVED), 201);
}

int
admin_user_edit(struct req *r)
{
	struct user	 u;
	const char	*action = http_param(r, "action"), *msg;
	char		*end, detail[128], hash[AUTH_HASH_LEN];
	long long	 id = strtoll(r->seg[2], &end, 10);
	int		 role, rc;

	if (*end != '\0' || id <= 0 || action == NULL)
		return 400;
	if ((rc = store_user_by_id(r->st, id, &u)) != 0)
		return rc == 1 ? 404 : 500;
	if (strcmp(action, "role") == 0) {
		if ((role = store_role_parse(http_param(r, "role"))) == ROLE_NONE)
			return 400;
		/* The last admin must not lock everyone out by accident. */
		if (u.id == r->user.id && role != ROLE_ADMIN)
			return users_page(r, "error", T(r, M_ERR_403), 409);
		if (store_user_set_role(r->st, id, role) != 0)
			return 500;
		snprintf(detail, sizeof(detail), "%s %s -> %s", u.nip,
		    store_role_name(u.role), store_role_name(role));
		store_audit(r->st, r->user.id, "user.role", detail, r->ip);
	} else if (strcmp(action, "password") == 0) {
		if ((msg = pw_message(r, http_param(r, "password"))) != NULL)
			return users_page(r, "error", msg, 400);
		if (auth_hash(http_param(r, "password"), hash) == -1)
			return 503;
		if (store_user_set_password(r->st, id, hash) != 0)
			return 500;
		/* A reset password ends every session that knew the old one. */
		store_session_delete_user(r->st, id);
		store_audit(r->st, r->user.id, "user.password_reset", u.nip,
		    r->ip);
	} else if (strcmp(action, "deactivate") == 0 ||
	    strcmp(action, "activate") == 0) {
		int	 on = action[0] == 'a';

		if (u.id == r->user.id && !on)
			return users_page(r, "error", T(r, M_ERR_403), 409);
		if (store_user_set_active(r->st, id, on) != 0)
			return 500;
		if (!on)
			store_session_delete_user(r->st, id);
		store_audit(r->st, r->user.id, on ? "user.activate" :
		    "user.deactivate", u.nip, r->ip);
	} else
		return 400;
	return users_page(r, "ok", T(r, M_SAVED), 200);
}

struct audit_ctx {
	struct req	*r;
	int64_t		 last;
	int		 n;
};

static void
audit_row(void *arg, const struct audit_row *a)
{
	struct audit_ctx *x = arg;
	struct buf	*o = &x->r->out;

	buf_adds(o, "<tr><td>");
	view_datetime(x->r, a->at);
	buf_adds(o, "</td><td>");
	buf_html(o, a->actor_nip);
	buf_adds(o, "</td><td>");
	buf_html(o, a->event);
	buf_adds(o, "</td><td>");
	buf_html(o, a->detail);
	buf_adds(o, "</td><td>");
	buf_html(o, a->ip);
	buf_adds(o, "</td></tr>");
	x->last = a->id;
	x->n++;
}

int
admin_audit(struct req *r)
{
	struct audit_ctx x = { r, 0, 0 };
	const char	*b = http_query(r, "before");

	view_begin(r, T(r, M_AUDIT_TITLE));
	buf_addf(&r->out, "<h1>%s</h1><div class=\"scroll\"><table><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead><tbody>",
	    T(r, M_AUDIT_TITLE), T(r, M_TIME), T(r, M_ACTOR), T(r, M_EVENT),
	    T(r, M_DETAIL), T(r, M_ADDRESS));
	if (store_audit_list(r->st, b ? strtoll(b, NULL, 10) : 0, AUDIT_PAGE,
	    audit_row, &x) == -1)
		return 500;
	buf_adds(&r->out, "</tbody></table></div>");
	if (x.n == AUDIT_PAGE)
		buf_addf(&r->out, "<p><a href=\"/admin/audit?before=%lld\">%s"
		    "</a></p>", (long long)x.last, T(r, M_OLDER));
	view_end(r);
	return 200;
}
