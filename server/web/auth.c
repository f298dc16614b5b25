/* auth: passwords, sessions, CSRF, throttling, login pages. See auth.h. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "hex.h"
#include "http.h"
#include "log.h"
#include "nip.h"
#include "sesscache.h"
#include "store_perf.h"
#include "view.h"

#define THROTTLE_KEY	80
#define THROTTLE_FORGET	(15 * 60)	/* a quiet key starts over */
#define THROTTLE_PURGE	60		/* seconds between purges of quiet rows */
#define TOUCH_EVERY	60		/* seconds between last_seen writes */

_Static_assert(PASSWORD_SLOTS + AUTH_HASH_QUEUE <= HTTP_DB_POOL * 3 / 4,
    "admitted logins must leave pooled connections to the pages");

static pthread_mutex_t	 queue_mu = PTHREAD_MUTEX_INITIALIZER;
static int		 hash_admitted;	/* in auth_queue_enter..leave */
static int64_t		 last_purge;

int
auth_queue_enter(void)
{
	int	 rc = 0;

	pthread_mutex_lock(&queue_mu);
	if (hash_admitted >= PASSWORD_SLOTS + AUTH_HASH_QUEUE)
		rc = -1;
	else
		hash_admitted++;
	pthread_mutex_unlock(&queue_mu);
	return rc;
}

void
auth_queue_leave(void)
{
	pthread_mutex_lock(&queue_mu);
	hash_admitted--;
	pthread_mutex_unlock(&queue_mu);
}

void
auth_busy(struct req *r)
{
	http_header(r, "Retry-After", AUTH_BUSY_RETRY);
}

/*
 * The key of an address: IPv6 by its /64 (one subscriber's whole prefix
 * is one address to an attacker), IPv4 as it is.
 */
static void
addr_key(char *k, size_t n, const char *ip)
{
	struct in6_addr	 a6;
	char		 txt[INET6_ADDRSTRLEN];

	if (strchr(ip, ':') != NULL && inet_pton(AF_INET6, ip, &a6) == 1) {
		memset(a6.s6_addr + 8, 0, 8);
		if (inet_ntop(AF_INET6, &a6, txt, sizeof(txt)) != NULL) {
			snprintf(k, n, "a:%s/64", txt);
			return;
		}
	}
	snprintf(k, n, "a:%s", ip);
}

static void
thr_keys(char k[2][THROTTLE_KEY], const char *nip, const char *ip)
{
	snprintf(k[0], THROTTLE_KEY, "n:%s", nip);
	addr_key(k[1], THROTTLE_KEY, ip);
}

static int
thr_wait(const struct throttle_row *t, int free, int64_t now)
{
	int64_t	 lock;

	if (t->fails < free)
		return 0;
	/* Whole-second clock: a 1 s window could end at the next tick,
	   at once; so the first lockout is 2 s, then doubling. */
	lock = (int64_t)2 << (t->fails - free < 10 ? t->fails - free : 10);
	if (lock > AUTH_LOCK_MAX_S)
		lock = AUTH_LOCK_MAX_S;
	return t->last_at + lock > now ? (int)(t->last_at + lock - now) : 0;
}

/* Both rows, with their waits; the longer wait, -1 on error. */
static int
thr_read(struct req *r, char k[2][THROTTLE_KEY], const int free[2],
    struct throttle_row t[2], int w[2])
{
	int	 i;

	for (i = 0; i < 2; i++) {
		if (store_throttle_get(r->st, k[i], &t[i]) == -1)
			return -1;
		if (r->now - t[i].last_at > THROTTLE_FORGET)
			t[i].fails = 0;
		w[i] = thr_wait(&t[i], free[i], r->now);
	}
	return w[0] > w[1] ? w[0] : w[1];
}

int
auth_throttle_begin(struct req *r, const char *nip, int *audit)
{
	static const int free[2] = { AUTH_FREE_FAILS, AUTH_FREE_FAILS_ADDR };
	struct throttle_row t[2];
	char		 k[2][THROTTLE_KEY];
	int		 i, w[2], wait;
	int64_t		 purged;

	*audit = 0;
	thr_keys(k, nip, r->ip);
	/* A lockout already audited is refused without the write lock: a
	   flood of refusals must not queue the writers (quiz submissions). */
	if ((wait = thr_read(r, k, free, t, w)) == -1)
		return -1;
	if (wait > 0 && (w[0] == 0 || t[0].noted_at >= t[0].last_at) &&
	    (w[1] == 0 || t[1].noted_at >= t[1].last_at))
		return wait;
	if (store_begin(r->st) == -1)
		return -1;
	if ((wait = thr_read(r, k, free, t, w)) == -1)
		goto err;
	for (i = 0; i < 2; i++) {
		if (wait > 0) {
			/* Refused: nothing is counted. One audit row per
			   lockout, not per refusal (refusals cost no hash). */
			if (w[i] == 0 || t[i].noted_at >= t[i].last_at)
				continue;
			t[i].noted_at = r->now;
			*audit = 1;
		} else {
			/* Counted as a failure now, before the hash: parallel
			   guesses cannot all pass the check first. */
			t[i].fails++;
			t[i].last_at = r->now;
		}
		if (store_throttle_put(r->st, k[i], &t[i]) == -1)
			goto err;
	}
	purged = __atomic_load_n(&last_purge, __ATOMIC_RELAXED);
	if (r->now - purged >= THROTTLE_PURGE) {
		if (store_throttle_purge(r->st, r->now - THROTTLE_FORGET) == -1)
			goto err;
		__atomic_store_n(&last_purge, r->now, __ATOMIC_RELAXED);
	}
	if (store_commit(r->st) == -1)
		return -1;
	return wait;
err:
	store_rollback(r->st);
	return -1;
}

void
auth_throttle_end(struct req *r, const char *nip, int outcome)
{
	char	 k[2][THROTTLE_KEY];
	int	 rc = 0;

	if (outcome == AUTH_FAIL)
		return;		/* counted in auth_throttle_begin */
	thr_keys(k, nip, r->ip);
	if (store_begin(r->st) == -1)
		return;
	/* Success clears the NIP; an address keeps its earlier count. */
	if (outcome == AUTH_OK)
		rc = store_throttle_clear(r->st, k[0]);
	else
		rc = store_throttle_undo(r->st, k[0]);
	if (rc == -1 || store_throttle_undo(r->st, k[1]) == -1) {
		store_rollback(r->st);
		return;
	}
	/* A lost take-back leaves the count one higher: stricter, never
	   looser, so the answer stands (the store logged the failure). */
	(void)store_commit(r->st);
}

static int
token_hash(const char *hex, unsigned char out[32])
{
	unsigned char	 tok[32];
	int		 i, hi, lo;

	/* Exactly 64 hex digits (hex.h: on every request, so not
	   sodium_hex2bin's general parser). */
	if (strlen(hex) != 64)
		return -1;
	for (i = 0; i < 32; i++) {
		if ((hi = hex_digit(hex[2 * i])) < 0 ||
		    (lo = hex_digit(hex[2 * i + 1])) < 0)
			return -1;
		tok[i] = (unsigned char)(hi << 4 | lo);
	}
	crypto_generichash(out, 32, tok, sizeof(tok), NULL, 0);
	sodium_memzero(tok, sizeof(tok));
	return 0;
}

/*
 * The session of the cookie. A cached lookup (sesscache.h) is used only
 * while the database's revocation epoch, read first on every request, is
 * the one it was cached under: a revoked session or changed user is seen
 * at once, on every node. Expiry is decided from the database's row: a
 * cached entry that looks expired is looked up again before anything is
 * deleted.
 */
int
auth_session_load(struct req *r)
{
	struct session	 se;
	char		 hex[80];
	int64_t		 epoch = 0;
	int		 cached, use_cache, rc;

	if (form_cookie(http_header_in(r, "Cookie"), HTTP_SESSION_COOKIE, hex,
	    sizeof(hex)) != 64 || token_hash(hex, r->sid) == -1)
		return 0;
	use_cache = store_perf_epoch(r->st, &epoch) == 0;
	cached = use_cache && sesscache_get(r->sid, epoch, &se, &r->user);
	if (cached && (r->now - se.last_seen > HTTP_SESSION_IDLE ||
	    r->now - se.created_at > HTTP_SESSION_MAX || !r->user.active)) {
		sesscache_drop(r->sid);
		cached = 0;
	}
	if (!cached) {
		if ((rc = store_session_user(r->st, r->sid, &se,
		    &r->user)) != 0) {
			memset(&r->user, 0, sizeof(r->user));
			return rc == -1 ? -1 : 0;
		}
		if (r->now - se.last_seen > HTTP_SESSION_IDLE ||
		    r->now - se.created_at > HTTP_SESSION_MAX) {
			memset(&r->user, 0, sizeof(r->user));
			/* Housekeeping: expired is refused above either
			   way, and store_session_purge removes what this
			   misses. */
			(void)store_session_delete(r->st, r->sid);
			return 0;
		}
		if (!r->user.active) {
			memset(&r->user, 0, sizeof(r->user));
			return 0;
		}
		if (use_cache)
			sesscache_put(r->sid, epoch, &se, &r->user);
	}
	/* The pages' own cached facts (navigation, progress) live in this
	   entry under the same epoch. */
	r->epoch = epoch;
	r->epoch_ok = use_cache;
	memcpy(r->csrf, se.csrf, sizeof(r->csrf));
	r->csrf[sizeof(r->csrf) - 1] = '\0';
	r->who = r->user.nip;
	if (r->now - se.last_seen >= TOUCH_EVERY &&
	    store_session_touch(r->st, r->sid, r->now) == 0)
		sesscache_touch(r->sid, r->now);
	return 0;
}

int
auth_session_start(struct req *r, int64_t user_id)
{
	unsigned char	 tok[32], csrf[32];
	char		 hex[65];

	randombytes_buf(tok, sizeof(tok));
	randombytes_buf(csrf, sizeof(csrf));
	crypto_generichash(r->sid, 32, tok, sizeof(tok), NULL, 0);
	sodium_bin2hex(r->csrf, sizeof(r->csrf), csrf, sizeof(csrf));
	if (store_session_insert(r->st, r->sid, user_id, r->csrf, r->now) == -1)
		return -1;
	sodium_bin2hex(hex, sizeof(hex), tok, sizeof(tok));
	http_cookie(r, HTTP_SESSION_COOKIE, hex, -1);
	return 0;
}

int
auth_session_end(struct req *r)
{
	/* The delete raises the epoch (every node's cache); the drop is
	   this node's at once, even if the delete failed. */
	sesscache_drop(r->sid);
	http_cookie(r, HTTP_SESSION_COOKIE, "", 0);
	return store_session_delete(r->st, r->sid);
}

int
auth_csrf_ok(struct req *r)
{
	const char	*t = http_param(r, "csrf");

	if (t == NULL)
		t = http_header_in(r, "X-CSRF-Token");
	return auth_csrf_token_ok(r, t);
}

int
auth_csrf_token_ok(struct req *r, const char *t)
{
	if (r->user.id == 0 || t == NULL || r->csrf[0] == '\0' ||
	    strlen(t) != strlen(r->csrf))
		return 0;
	return sodium_memcmp(t, r->csrf, strlen(t)) == 0;
}

/* A next= target, or /courses unless http_local_path proves it local. */
static const char *
safe_next(const char *next)
{
	return http_local_path(next) ? next : "/";	/* Beranda */
}

static int
login_form(struct req *r, const char *nip, const char *error, int status)
{
	struct buf	*o = &r->out;
	const char	*next = safe_next(http_query(r, "next") ?
	    http_query(r, "next") : http_param(r, "next"));

	view_begin(r, T(r, M_LOGIN));
	buf_addf(o, "<section class=\"card narrow\"><h1>%s</h1>",
	    T(r, M_LOGIN_TITLE));
	if (error)
		view_notice(r, "error", error);
	buf_adds(o, "<form method=\"post\" action=\"/login\">"
	    "<input type=\"hidden\" name=\"next\" value=\"");
	buf_html(o, next);
	buf_addf(o, "\"><label for=\"nip\">%s</label>"
	    "<input id=\"nip\" name=\"nip\" inputmode=\"numeric\" "
	    "autocomplete=\"username\" pattern=\"[0-9]{18}\" maxlength=\"18\" "
	    "required value=\"", T(r, M_NIP));
	buf_html(o, nip ? nip : "");
	buf_addf(o, "\" aria-describedby=\"nip-help\"><small id=\"nip-help\">%s"
	    "</small><label for=\"password\">%s</label>"
	    "<input id=\"password\" name=\"password\" type=\"password\" "
	    "autocomplete=\"current-password\" required>"
	    "<button type=\"submit\">%s</button></form>"
	    "<p><a href=\"/setup\">%s</a></p></section>",
	    T(r, M_LOGIN_NIP_FORMAT), T(r, M_PASSWORD), T(r, M_LOGIN),
	    T(r, M_SETUP_TITLE));
	view_end(r);
	return status;
}

int
auth_login_page(struct req *r)
{
	if (r->user.id) {
		http_redirect(r, safe_next(http_query(r, "next")));
		return 303;
	}
	return login_form(r, NULL, NULL, 200);
}

/* Login CSRF: no session yet, so refuse cross-site form posts by Origin. */
int
auth_same_origin(struct req *r)
{
	const char	*origin = http_header_in(r, "Origin");
	const char	*host = http_header_in(r, "Host");
	const char	*p;

	if (origin == NULL || strcmp(origin, "null") == 0)
		return origin == NULL;
	if (host == NULL || (p = strstr(origin, "://")) == NULL)
		return 0;
	return strcmp(p + 3, host) == 0;
}

/*
 * A hash made with older Argon2id parameters (password.h) is replaced on
 * the login that proved the password. A failure keeps the old hash,
 * which still verifies: the login goes on either way.
 */
static void
rehash(struct req *r, const struct user *u, const char *old, const char *pw)
{
	char	 fresh[PASSWORD_HASH_LEN];

	if (!password_needs_rehash(old) || auth_queue_enter() == -1)
		return;
	if (password_hash(pw, fresh) == 0 &&
	    store_user_rehash(r->st, u->id, old, fresh, r->now) == -1)
		log_warnx("login: could not store the rehashed password of %s",
		    u->nip);
	auth_queue_leave();
	sodium_memzero(fresh, sizeof(fresh));
}

int
auth_login(struct req *r)
{
	const char	*nip = http_param(r, "nip");
	const char	*pw = http_param(r, "password");
	char		 hash[PASSWORD_HASH_LEN] = "";
	struct user	 u;
	char		 s[16];
	int		 ok, wait, found, audit;

	if (!auth_same_origin(r))
		return 403;
	if (nip == NULL || pw == NULL || !nip_format(nip))
		return login_form(r, nip, T(r, M_LOGIN_NIP_FORMAT), 400);
	if (strlen(pw) > PASSWORD_MAX)
		return login_form(r, nip, T(r, M_LOGIN_FAILED), 401);
	if (auth_queue_enter() == -1) {
		auth_busy(r);
		return login_form(r, nip, T(r, M_LOGIN_BUSY), 503);
	}
	if ((wait = auth_throttle_begin(r, nip, &audit)) != 0) {
		auth_queue_leave();
		if (wait < 0) {
			auth_busy(r);
			return login_form(r, nip, T(r, M_LOGIN_BUSY), 503);
		}
		snprintf(s, sizeof(s), "%d", wait);
		http_header(r, "Retry-After", s);
		/* A refusal that cannot be recorded is not answered as
		   one: the operator must see the database is failing. */
		if (audit && store_audit(r->st, 0, "login.locked", nip,
		    r->ip) == -1)
			return 500;
		return login_form(r, nip, T(r, M_LOGIN_LOCKED), 429);
	}
	found = store_user_by_nip(r->st, nip, &u, hash, sizeof(hash)) == 0 &&
	    u.active;
	ok = password_verify(found ? hash : NULL, pw);
	auth_throttle_end(r, nip, ok == 1 ? AUTH_OK : ok == 0 ? AUTH_FAIL :
	    AUTH_VOID);
	auth_queue_leave();
	if (ok == -1) {
		auth_busy(r);
		return login_form(r, nip, T(r, M_LOGIN_BUSY), 503);
	}
	if (!ok) {
		log_warnx("login: failed for %s from %s", nip, r->ip);
		if (store_audit(r->st, 0, "login.fail", nip, r->ip) == -1)
			return 500;
		return login_form(r, nip, T(r, M_LOGIN_FAILED), 401);
	}
	rehash(r, &u, hash, pw);
	/* A new id on every login: a planted cookie is worth nothing. The
	   old session's end, the new one and the audit row: one write. */
	if (store_begin(r->st) == -1)
		return 500;
	if (r->user.id)
		sesscache_drop(r->sid);
	if ((r->user.id && store_session_delete(r->st, r->sid) == -1) ||
	    auth_session_start(r, u.id) == -1 ||
	    store_audit(r->st, u.id, "login.ok", "", r->ip) == -1) {
		store_rollback(r->st);
		return 500;
	}
	if (store_commit(r->st) == -1)
		return 500;
	r->who = nip;	/* the form field outlives the request; u does not */
	http_redirect(r, safe_next(http_param(r, "next")));
	return 303;
}

int
auth_logout(struct req *r)
{
	if (store_begin(r->st) == -1)
		return 500;
	if (auth_session_end(r) == -1 ||
	    store_audit(r->st, r->user.id, "logout", "", r->ip) == -1) {
		store_rollback(r->st);
		return 500;
	}
	if (store_commit(r->st) == -1)
		return 500;
	http_redirect(r, "/login");
	return 303;
}

int
auth_lang(struct req *r)
{
	const char	*to = r->nseg > 1 ? r->seg[1] : "id";

	if (strcmp(to, "en") != 0 && strcmp(to, "id") != 0)
		return 404;
	buf_addf(&r->hdr, "Set-Cookie: %s=%s; Path=/; Max-Age=31536000; "
	    "SameSite=Lax%s\r\n", HTTP_LANG_COOKIE, to,
	    r->secure ? "; Secure" : "");
	http_redirect(r, safe_next(http_query(r, "next")));
	return 303;
}
