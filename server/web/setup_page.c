/* setup_page: the /setup page. See setup_page.h; codes are setup.h's. */
#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "http.h"
#include "log.h"
#include "nip.h"
#include "setup.h"
#include "setup_page.h"
#include "view.h"

static int
setup_form(struct req *r, const char *nip, const char *error, int status)
{
	struct buf	*o = &r->out;

	buf_reset(o);
	view_begin(r, T(r, M_SETUP_TITLE));
	buf_addf(o, "<section class=\"card narrow\"><h1>%s</h1><p>%s</p>",
	    T(r, M_SETUP_TITLE), T(r, M_SETUP_INTRO));
	if (error)
		view_notice(r, "error", error);
	buf_addf(o, "<form method=\"post\" action=\"/setup\">"
	    "<label for=\"nip\">%s</label>"
	    "<input id=\"nip\" name=\"nip\" inputmode=\"numeric\" "
	    "autocomplete=\"username\" pattern=\"[0-9]{18}\" maxlength=\"18\" "
	    "required value=\"", T(r, M_NIP));
	buf_html(o, nip ? nip : "");
	buf_addf(o, "\"><label for=\"code\">%s</label>"
	    "<input id=\"code\" name=\"code\" autocomplete=\"one-time-code\" "
	    "autocapitalize=\"characters\" spellcheck=\"false\" maxlength=\"%d\" "
	    "required><label for=\"password\">%s</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"new-password\" minlength=\"%d\" maxlength=\"%d\" "
	    "required aria-describedby=\"pw-help\"><small id=\"pw-help\">%s"
	    "</small><label for=\"password2\">%s</label>"
	    "<input id=\"password2\" name=\"password2\" type=\"password\" "
	    "autocomplete=\"new-password\" minlength=\"%d\" maxlength=\"%d\" "
	    "required><button type=\"submit\">%s</button></form>"
	    "<p><a href=\"/login\">%s</a></p></section>", T(r, M_SETUP_CODE),
	    SETUP_INPUT_MAX, T(r, M_PASSWORD), PASSWORD_MIN, PASSWORD_MAX,
	    T(r, M_PW_TOO_SHORT), T(r, M_SETUP_PASSWORD2), PASSWORD_MIN,
	    PASSWORD_MAX, T(r, M_SETUP_SUBMIT), T(r, M_LOGIN));
	view_end(r);
	return status;
}

int
setup_page(struct req *r)
{
	const char	*nip = http_query(r, "nip");

	return setup_form(r, nip_format(nip) ? nip : NULL, NULL, 200);
}

/* Every way a code can be wrong gets this one answer. */
static int
refused(struct req *r, const char *nip)
{
	/* Counted as a failure by auth_throttle_begin already. */
	auth_queue_leave();
	log_warnx("setup: refused for %s from %s", nip, r->ip);
	if (store_audit(r->st, 0, "setup.fail", nip, r->ip) == -1)
		return 500;
	return setup_form(r, nip, T(r, M_SETUP_FAILED), 401);
}

int
setup_page_submit(struct req *r)
{
	const char	*nip = http_param(r, "nip"), *code = http_param(r, "code");
	const char	*pw = http_param(r, "password"), *p;
	const char	*pw2 = http_param(r, "password2");
	unsigned char	 want[32], got[32];
	char		 hash[PASSWORD_HASH_LEN], s[16];
	int64_t		 id = 0, expires = 0;
	int		 rc, wait, audit;

	if (!auth_same_origin(r))
		return 403;
	if (!nip_format(nip))
		return setup_form(r, NULL, T(r, M_LOGIN_NIP_FORMAT), 400);
	if (code == NULL || pw == NULL || pw2 == NULL)
		return setup_form(r, nip, T(r, M_ERR_400), 400);
	if ((p = password_problem(pw)) != NULL)
		return setup_form(r, nip, T(r, strcmp(p, "short") == 0 ?
		    M_PW_TOO_SHORT : M_PW_TOO_LONG), 400);
	if (strcmp(pw, pw2) != 0)
		return setup_form(r, nip, T(r, M_SETUP_MISMATCH), 400);
	/* Codes are throttled like passwords, and hashing the new password
	   takes an Argon2 slot: the same bounded queue as logins. */
	if (auth_queue_enter() == -1) {
		auth_busy(r);
		return setup_form(r, nip, T(r, M_LOGIN_BUSY), 503);
	}
	if ((wait = auth_throttle_begin(r, nip, &audit)) != 0) {
		auth_queue_leave();
		if (wait < 0) {
			auth_busy(r);
			return setup_form(r, nip, T(r, M_LOGIN_BUSY), 503);
		}
		snprintf(s, sizeof(s), "%d", wait);
		http_header(r, "Retry-After", s);
		if (audit && store_audit(r->st, 0, "setup.locked", nip,
		    r->ip) == -1)
			return 500;
		return setup_form(r, nip, T(r, M_LOGIN_LOCKED), 429);
	}
	if ((rc = store_setup_get(r->st, nip, &id, want, &expires)) == -1) {
		auth_throttle_end(r, nip, AUTH_VOID);
		auth_queue_leave();
		return 500;
	}
	if (setup_code_hash(nip, code, got) == -1 || rc != 0 ||
	    sodium_memcmp(got, want, 32) != 0 || expires <= r->now)
		return refused(r, nip);
	if (password_hash(pw, hash) == -1) {
		auth_throttle_end(r, nip, AUTH_VOID);
		auth_queue_leave();
		auth_busy(r);
		return setup_form(r, nip, T(r, M_LOGIN_BUSY), 503);
	}
	/*
	 * One write: the code redeemed (conditional on it still being
	 * there: it works once), every session that knew the old password
	 * ended, the new session and the audit row.
	 */
	if (store_begin(r->st) == -1)
		rc = -1;
	else {
		if ((rc = store_setup_redeem(r->st, id, got, r->now,
		    hash)) == 0 && (store_session_delete_user(r->st, id) == -1 ||
		    (r->user.id && store_session_delete(r->st, r->sid) == -1) ||
		    auth_session_start(r, id) == -1 ||
		    store_audit(r->st, id, "setup.done", nip, r->ip) == -1))
			rc = -1;
		rc = store_end(r->st, rc);
	}
	if (rc == 1)
		return refused(r, nip);
	if (rc != 0) {
		auth_throttle_end(r, nip, AUTH_VOID);
		auth_queue_leave();
		return 500;
	}
	auth_throttle_end(r, nip, AUTH_OK);
	auth_queue_leave();
	r->who = nip;
	http_redirect(r, "/courses");
	return 303;
}
