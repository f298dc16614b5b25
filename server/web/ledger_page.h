/*
 * ledger_page: the ledger on pages (ledger.h is the rule).
 *
 * ledger_page_entries appends to r->out the table of every ledger entry
 * of user (every source and status, newest first: what counts is
 * approved; pending and returned ones say so, with the reviewer's note).
 * 0 ok, -1 store error (nothing useful appended).
 *
 * team_page, GET /team ("Tim saya"): the signed-in user's subordinates,
 * i.e. users whose nip_atasan is the user's NIP, with their approved JP
 * this year against their own type's target and what waits for
 * verification. Anyone may open it; the list is only ever the caller's
 * own team (the filter is the session's NIP, never a parameter).
 */
#ifndef LENTERA_LEDGER_PAGE_H
#define LENTERA_LEDGER_PAGE_H

#include <stdint.h>

struct req;

int	ledger_page_entries(struct req *, int64_t user);
/* The target of an employee type as a sentence from the JP rules
   ("Target paling sedikit 20 JP per tahun (PP 11/2017 ...)"), escaped,
   into r->out. */
void	ledger_page_target(struct req *, const char *type);
int	team_page(struct req *);

#endif
