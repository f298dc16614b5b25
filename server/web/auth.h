/*
 * auth: passwords, sessions, CSRF and login throttling.
 *
 * Password hashes are core's (password.h).
 * Session tokens are 32 random bytes sent as a cookie; only their BLAKE2b
 * hash is stored. Throttling: failures per NIP and per client address
 * (IPv6: per /64), with an exponential lockout, kept in the database.
 */
#ifndef LENTERA_AUTH_H
#define LENTERA_AUTH_H

#include <sodium.h>
#include <stdint.h>

#include "password.h"
#include "store.h"

#define AUTH_FREE_FAILS		5	/* failures per NIP before lockouts */
#define AUTH_FREE_FAILS_ADDR	20	/* per address: a whole office may sit
					   behind one NAT address */
#define AUTH_LOCK_MAX_S		900	/* longest lockout */

struct req;

/* Load the session from the cookie into r->user: 0 (anonymous when there
   is no cookie or no such live session), -1 when the database could not
   say: the caller answers 503, never "logged out" (a POST would be lost
   to a login redirect or a CSRF refusal). */
int	 auth_session_load(struct req *);
int	 auth_session_start(struct req *, int64_t user_id);
int	 auth_session_end(struct req *);	/* 0, or -1 (store error) */
int	 auth_csrf_ok(struct req *);
/* Token t (may be NULL) against the session's: a form http.c cannot
   parse (multipart) is checked by its handler under ROUTE_NOCSRF. */
int	 auth_csrf_token_ok(struct req *, const char *t);
/* Session-less POSTs (login, /setup): 0 when Origin names another site. */
int	 auth_same_origin(struct req *);

/*
 * Password and setup-code attempts. auth_queue_enter admits a caller to
 * the Argon2 queue (PASSWORD_SLOTS hashing + AUTH_HASH_QUEUE waiting);
 * -1 when full: answer 503 with auth_busy() at once instead of holding
 * a worker that pages need. Every admitted caller calls auth_queue_leave.
 *
 * auth_throttle_begin (admitted callers only, so its writes are bounded
 * by the hash rate): 0 go, the attempt is counted as a failure for the
 * NIP and the address from now; > 0 seconds to wait, nothing counted
 * (*audit 1 for the first refusal of a lockout: audit that one); -1
 * database error (503). The counters are rows of the database: they
 * survive restarts, are shared by every node on it and cannot be evicted.
 * auth_throttle_end reports the verdict: AUTH_OK clears the NIP and takes
 * back the address's count, AUTH_FAIL keeps both, AUTH_VOID (no verdict:
 * busy) takes both back.
 */
/* Logins admitted at once (hashing or waiting for one of the
   PASSWORD_SLOTS hashers). A login holds its pooled database connection
   while it waits, so the admitted ones (12) must stay under the pool (16)
   (http.h HTTP_DB_POOL): a login flood answers busy 503s, never takes
   every connection from the pages (auth.c checks this at compile time). */
#define AUTH_HASH_QUEUE		10
#define AUTH_BUSY_RETRY		"2"	/* Retry-After of a busy 503 */
enum { AUTH_OK, AUTH_FAIL, AUTH_VOID };
int	 auth_queue_enter(void);
void	 auth_queue_leave(void);
void	 auth_busy(struct req *);	/* sets Retry-After */
int	 auth_throttle_begin(struct req *, const char *nip, int *audit);
void	 auth_throttle_end(struct req *, const char *nip, int outcome);

/* Handlers. */
int	 auth_login_page(struct req *);
int	 auth_login(struct req *);
int	 auth_logout(struct req *);
int	 auth_lang(struct req *);

#endif
