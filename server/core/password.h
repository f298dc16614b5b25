/*
 * password: Argon2id password hashes (libsodium crypto_pwhash_str) and
 * the password rule, shared by the login pages and the CLI jobs.
 *
 * The parameters, chosen (issue 15): Argon2id with m = 19 MiB, t = 2,
 * p = 1, OWASP's published minimum for Argon2id. libsodium's INTERACTIVE
 * limits (64 MiB, t = 2) cost 3.4 times the memory and time per login
 * for no gain an attacker with GPUs notices at this scale: with two
 * hashes at a time the login peak is 38 MiB instead of 128 MiB, and two
 * cores log in ~3x more users a second (README, Benchmarks). Each hash
 * string carries its own parameters ("$argon2id$v=19$m=...,t=...,p=..."),
 * so hashes made with older parameters keep verifying;
 * password_needs_rehash says a verified hash should be replaced with one
 * of the current parameters (auth.c does it on login).
 *
 * At most PASSWORD_SLOTS hashes run at once in a process; a caller that
 * cannot get a slot within PASSWORD_WAIT_MS gets -1 (the web layer
 * answers 503).
 */
#ifndef LENTERA_PASSWORD_H
#define LENTERA_PASSWORD_H

#include <sodium.h>

#define PASSWORD_MIN		8
#define PASSWORD_MAX		128
#define PASSWORD_SLOTS		2
#define PASSWORD_WAIT_MS	5000
#define PASSWORD_HASH_LEN	crypto_pwhash_STRBYTES
#define PASSWORD_OPSLIMIT	2ull		/* t: passes */
#define PASSWORD_MEMLIMIT	((size_t)19 << 20)	/* m: 19 MiB */

/* libsodium's start-up: 0, -1. */
int	 password_init(void);
/* 0 ok, -1 (busy or out of memory). */
int	 password_hash(const char *pw, char out[PASSWORD_HASH_LEN]);
/* 1 match, 0 no match, -1 busy. hash NULL or "": burn the same time
   against a fixed hash (an unknown NIP costs what a known one does), 0. */
int	 password_verify(const char *hash, const char *pw);
/* 1 when hash (verified) was made with other parameters than today's. */
int	 password_needs_rehash(const char *hash);
/* The password rule: NULL if acceptable, else "short" or "long". */
const char *password_problem(const char *pw);

#endif
