/*
 * outbox: e-mail that must not be lost (issue 12 item 10). A message is
 * a row of the outbox table, written in the transaction of the event
 * that caused it (an assignment), so what was acknowledged is sent even
 * after a crash or restart. One worker thread, with a database
 * connection of its own, sends due rows through libcurl's SMTP client
 * (Debian's libcurl4-openssl-dev: SMTP with STARTTLS/SMTPS, AUTH and
 * timeouts, which hand-written SMTP would get wrong) and marks each
 * sent; a failure (server down, refused recipient) keeps the row and
 * retries it with exponential backoff, OUTBOX_RETRY_BASE seconds doubling
 * up to OUTBOX_RETRY_MAX, at most OUTBOX_ATTEMPTS_MAX times. Times follow
 * the clock (clock.h), so tests move the backoff with the test clock.
 *
 * SMTP is configured by `serve --smtp-url smtp://host:port` (or smtps://),
 * --smtp-from ADDRESS, optionally --smtp-user and --smtp-password-file;
 * without --smtp-url the outbox is off and nothing is queued.
 * outbox_start: 0 (also when off), -1 failure (logged).
 */
#ifndef LENTERA_OUTBOX_H
#define LENTERA_OUTBOX_H

#define OUTBOX_RETRY_BASE	30	/* seconds before the first retry */
#define OUTBOX_RETRY_MAX	3600
#define OUTBOX_ATTEMPTS_MAX	48
#define OUTBOX_BATCH		16	/* rows sent per wake-up */
#define OUTBOX_ADDR_MAX		254	/* RFC 5321 path */

int	outbox_enabled(void);
int	outbox_start(const char *db);
void	outbox_stop(void);
/* Wake the worker now (rows were queued). */
void	outbox_kick(void);
/* 1 if addr is one plain mailbox (no spaces, controls, <>, one '@'). */
int	outbox_addr_ok(const char *addr);

#endif
