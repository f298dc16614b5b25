/*
 * store_programme: mentoring and coaching programmes and their pairs
 * (store_programme.c, migration 11). The rules (who creates, who pairs,
 * line-numbered imports) are core's: programme.h.
 *
 * Returns as store.h: 0 ok, 1 not found (or, for pair_add, the mentee is
 * already paired in this programme), -1 error.
 */
#ifndef LENTERA_STORE_PROGRAMME_H
#define LENTERA_STORE_PROGRAMME_H

#include <stdint.h>

#include "store.h"

struct programme {
	int64_t	 id;
	char	 kind[16];		/* mentoring | coaching */
	char	 name[STORE_TEXT_MAX];
	char	 focus[STORE_TEXT_MAX];	/* competency focus */
	int64_t	 start_at, end_at;
	int64_t	 owner_id;
	char	 owner_nip[STORE_NIP_LEN + 1];
	int64_t	 created_at;
	int64_t	 pairs;			/* lists: how many */
};

/* A pair with its sessions: counted over the programme's records. */
struct programme_pair {
	int64_t	 mentee_id, mentor_id;
	char	 mentee_nip[STORE_NIP_LEN + 1], mentee_name[STORE_NAME_MAX];
	char	 mentee_atasan[STORE_NIP_LEN + 1];
	char	 mentor_nip[STORE_NIP_LEN + 1], mentor_name[STORE_NAME_MAX];
	int64_t	 sessions, approved, minutes, cjp, rtl, rtl_done;
};

/* In a transaction where related: p->id set. */
int	 store_programme_insert(struct store *, struct programme *);
int	 store_programme_get(struct store *, int64_t id, struct programme *);
/* Every programme (viewer 0) or those viewer owns or is paired in. */
int	 store_programme_list(struct store *, int64_t viewer,
	    int (*fn)(void *, const struct programme *), void *arg);
int	 store_programme_pair_add(struct store *, int64_t programme,
	    int64_t mentee, int64_t mentor, int64_t now);
int	 store_programme_pairs(struct store *, int64_t programme,
	    int (*fn)(void *, const struct programme_pair *), void *arg);
/* 1 in *yes when user is a mentor or mentee in any programme. */
int	 store_programme_member(struct store *, int64_t user, int *yes);
/* The programme of kind in which mentee is paired with mentor and whose
   period holds at: *id (0 none). */
int	 store_programme_for(struct store *, const char *kind, int64_t mentee,
	    int64_t mentor, int64_t at, int64_t *id);

#endif
