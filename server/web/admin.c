/* admin: users and audit log pages. See admin.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin.h"
#include "auth.h"
#include "http.h"
#include "nip.h"
#include "useradm.h"
#include "view.h"

#define ADMIN_LIST_MAX	100	/* users per search page */

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

	/* data-label: the column name shown beside each cell on phones. */
	buf_adds(o, "<tr><td>");
	buf_html(o, u->nip);
	buf_addf(o, "</td><td data-label=\"%s\">", T(r, M_NAME));
	buf_html(o, u->name);
	buf_addf(o, "</td><td data-label=\"%s\">", T(r, M_ROLE));
	for (i = 0; i < 4; i++)
		if (u->role == (1 << i))
			buf_html(o, T(r, role_msgs[i]));
	buf_addf(o, "</td><td data-label=\"%s\">", T(r, M_UNIT));
	buf_html(o, u->unit);
	buf_addf(o, "</td><td data-label=\"Status\">%s</td>"
	    "<td class=\"actions\">", T(r, u->active ? M_ACTIVE : M_INACTIVE));
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
	    PASSWORD_MIN, T(r, M_RESET_PW));
	if (u->id == r->user.id) {
		/* Say why instead of offering a button that must fail. */
		buf_addf(o, "<p class=\"muted own\">%s</p></td></tr>",
		    T(r, M_OWN_ACCOUNT_NOTE));
		return;
	}
	/* Deactivating asks first (admin_user_edit answers a confirm page). */
	buf_addf(o, "<form method=\"post\" action=\"/admin/users/%lld\">",
	    (long long)u->id);
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"action\" value=\"%s\">"
	    "<button type=\"submit\"%s>%s</button></form></td></tr>",
	    u->active ? "deactivate" : "activate",
	    u->active ? " class=\"danger\"" : "",
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
	buf_addf(o, "<div class=\"scroll\"><table class=\"stack users\"><thead>"
	    "<tr><th scope=\"col\">NIP"
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
	    PASSWORD_MIN, T(r, M_ADD_USER));
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
	const char	*p = password_problem(pw);

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
	char		 hash[PASSWORD_HASH_LEN], why[128];
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
	if (password_hash(pw, hash) == -1)
		return 503;
	/* The check above is for the message; the insert decides (two
	   admins adding one NIP at once: the second gets the conflict). */
	switch (useradm_add(r->st, &u, hash, r->user.id, r->ip, &id)) {
	case STORE_OK:
		break;
	case STORE_CONFLICT:
		return users_page(r, "error", T(r, M_NIP_EXISTS), 409);
	default:
		return 500;
	}
	return users_page(r, "ok", T(r, M_SAVED), 201);
}

/* The step before a deactivation: who, what it does, confirm or cancel. */
static int
confirm_page(struct req *r, const struct user *u)
{
	struct buf	*o = &r->out;

	buf_reset(o);
	view_begin(r, T(r, M_DEACT_TITLE));
	buf_addf(o, "<p><a href=\"/admin/users\">%s</a></p><h1>%s</h1>"
	    "<section class=\"card\" id=\"confirm\"><dl class=\"person\">"
	    "<dt>%s</dt><dd>", T(r, M_USERS_TITLE), T(r, M_DEACT_TITLE),
	    T(r, M_NAME));
	buf_html(o, u->name);
	buf_addf(o, "</dd><dt>NIP</dt><dd>%s</dd><dt>%s</dt><dd>", u->nip,
	    T(r, M_UNIT));
	buf_html(o, u->unit);
	buf_adds(o, "</dd></dl>");
	view_notice(r, "error", T(r, M_DEACT_WHAT));
	buf_addf(o, "<form method=\"post\" action=\"/admin/users/%lld\" "
	    "class=\"actions\">", (long long)u->id);
	view_csrf(r);
	buf_addf(o, "<input type=\"hidden\" name=\"action\" value=\"deactivate\">"
	    "<input type=\"hidden\" name=\"confirm\" value=\"1\">"
	    "<button type=\"submit\" class=\"danger\">%s</button> "
	    "<a href=\"/admin/users?q=%s\">%s</a></form></section>",
	    T(r, M_DEACT_CONFIRM), u->nip, T(r, M_CANCEL));
	view_end(r);
	return 200;
}

int
admin_user_edit(struct req *r)
{
	struct user	 u;
	const char	*action = http_param(r, "action"), *msg, *conf;
	char		*end, hash[PASSWORD_HASH_LEN];
	long long	 id = strtoll(r->seg[2], &end, 10);
	enum msg	 done = M_SAVED;
	int		 role, rc;

	if (*end != '\0' || id <= 0 || action == NULL)
		return 400;
	if ((rc = store_user_by_id(r->st, id, &u)) != 0)
		return rc == 1 ? 404 : 500;
	if (strcmp(action, "role") == 0) {
		if ((role = store_role_parse(http_param(r, "role"))) == ROLE_NONE)
			return 400;
		rc = useradm_set_role(r->st, &u, role, r->user.id, r->ip);
		if (rc == 1)
			return users_page(r, "error", T(r, M_ROLE_SELF), 409);
	} else if (strcmp(action, "password") == 0) {
		if ((msg = pw_message(r, http_param(r, "password"))) != NULL)
			return users_page(r, "error", msg, 400);
		if (password_hash(http_param(r, "password"), hash) == -1)
			return 503;
		rc = useradm_set_password(r->st, &u, hash, r->user.id, r->ip);
		done = M_PW_RESET_DONE;
	} else if (strcmp(action, "deactivate") == 0) {
		if (u.id == r->user.id)
			return users_page(r, "error", T(r, M_DEACT_SELF), 409);
		conf = http_param(r, "confirm");
		if (conf == NULL || strcmp(conf, "1") != 0)
			return confirm_page(r, &u);
		rc = useradm_set_active(r->st, &u, 0, r->user.id, r->ip);
		done = M_DEACT_DONE;
	} else if (strcmp(action, "activate") == 0) {
		rc = useradm_set_active(r->st, &u, 1, r->user.id, r->ip);
		done = M_ACT_DONE;
	} else
		return 400;
	if (rc != 0)
		return 500;
	return users_page(r, "ok", T(r, done), 200);
}
