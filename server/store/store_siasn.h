/*
 * store_siasn: the SIASN export state (store_siasn.c, migration 10).
 *
 * siasn_person holds SIASN's person id per user (1:1 with users),
 * imported with the roster (column pns_orang_id), kept apart from the NIP. siasn_batch is one
 * row per downloaded batch; siasn_export one row per ledger entry
 * (completion) ever exported: the BLAKE2b hash of its payload as last
 * sent (siasn.h siasn_hash), when and in which batch, and the SIASN
 * riwayat id HR recorded back. An entry goes into a batch when it has
 * no row here or its payload hash differs from the stored one.
 *
 * store_siasn_entries calls fn for every certified completion matching
 * f, by completion id, with its export state; fn returns non-zero to
 * stop: 0 done, 1 stopped, -1 error. store_siasn_save writes the batch
 * row, one export row per entry (replacing an earlier one, keeping its
 * SIASN id) and the audit row in one transaction: 0 committed (*batch
 * set), 1 another batch exported one of the entries since they were
 * chosen (nothing written: two downloads at once must not both send
 * it), -1 nothing written. store_siasn_record (inside the caller's
 * store_begin..store_commit): 0 recorded, 1 no such certificate, 2 the
 * certificate was never exported. pns_get: 0 (out set, "" when none),
 * 1 no such user; pns_set writes (NULL or "" clears).
 */
#ifndef LENTERA_STORE_SIASN_H
#define LENTERA_STORE_SIASN_H

#include <stdint.h>

#include "store.h"

#define STORE_SIASN_ID_MAX	64

struct siasn_filter {
	int		 year;			/* 0: any */
	int64_t		 since, until;		/* since <= completed < until; 0 open */
	const char	*unit;			/* "" or NULL: any */
	int64_t		 batch;			/* > 0: only entries last sent in it */
};

struct siasn_row {
	/* id, course, course_title, competency, ctype, level, jp, year,
	   started_at, completed_at, cert_no, code, holder_name (as issued),
	   nip, name, unit; not payload or sig. */
	struct completion c;
	char	 pns_orang_id[STORE_SIASN_ID_MAX + 1];	/* "" none */
	int	 exported;			/* a siasn_export row exists */
	unsigned char hash[32];
	int64_t	 exported_at, batch;
	char	 siasn_id[STORE_SIASN_ID_MAX + 1];	/* "" none */
};

struct siasn_batch_row {
	int64_t	 id, created_at;
	char	 actor_nip[STORE_NIP_LEN + 1];	/* "" CLI */
	char	 filters[256];
	char	 fname[160];
	int	 entries, warnings;
};

struct siasn_sent {
	int64_t		 id;			/* completions.id */
	unsigned char	 hash[32];
	/* The state the batch was chosen from: no row, or the row's hash. */
	int		 was_exported;
	unsigned char	 was_hash[32];
};

int	store_siasn_entries(struct store *, const struct siasn_filter *,
	    int (*fn)(void *, const struct siasn_row *), void *arg);
int	store_siasn_save(struct store *, const struct siasn_batch_row *,
	    const struct siasn_sent *, int n, int64_t actor, const char *ip,
	    int64_t *batch);
int	store_siasn_record(struct store *, const char *cert_no,
	    const char *siasn_id, int64_t now);
int	store_siasn_batches(struct store *, int limit,
	    void (*fn)(void *, const struct siasn_batch_row *), void *arg);
/* Entries exported, and of them with a SIASN id recorded. */
int	store_siasn_counts(struct store *, int64_t *exported,
	    int64_t *recorded);
int	store_siasn_pns_get(struct store *, int64_t user, char *out,
	    size_t len);
int	store_siasn_pns_set(struct store *, int64_t user, const char *v);

#endif
