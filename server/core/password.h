/*
 * password: Argon2id password hashes (libsodium crypto_pwhash_str) and
 * the password rule, shared by the login pages and the CLI jobs.
 *
 * Each hash costs the interactive limits (~77 ms, 64 MiB), so at most
 * PASSWORD_SLOTS run at once in a process; a caller that cannot get a slot
 * within PASSWORD_WAIT_MS gets -1 (the web layer answers 503).
 */
#ifndef LENTERA_PASSWORD_H
#define LENTERA_PASSWORD_H

#include <sodium.h>

#define PASSWORD_MIN		8
#define PASSWORD_MAX		128
#define PASSWORD_SLOTS		2
#define PASSWORD_WAIT_MS	5000
#define PASSWORD_HASH_LEN	crypto_pwhash_STRBYTES

/* libsodium's start-up: 0, -1. */
int	 password_init(void);
/* 0 ok, -1 (busy or out of memory). */
int	 password_hash(const char *pw, char out[PASSWORD_HASH_LEN]);
/* 1 match, 0 no match, -1 busy. hash NULL or "": burn the same time
   against a fixed hash (an unknown NIP costs what a known one does), 0. */
int	 password_verify(const char *hash, const char *pw);
/* The password rule: NULL if acceptable, else "short" or "long". */
const char *password_problem(const char *pw);

#endif
