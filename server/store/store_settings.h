/*
 * store_settings: the agency settings an admin configures for official
 * certificates (store_settings.c, migration 9: a key/value table, so a
 * setting added later needs no schema change). Keys: agency_name,
 * agency_logo, signer_name, signer_nip, signer_position,
 * institusi_penyelenggara (the SIASN kursus "institusiPenyelenggara"),
 * siasn_instansi_id, siasn_lokasi_id, siasn_jenis_kursus (SIASN ids,
 * docs/siasn.md).
 *
 * store_settings_get fills s (unset keys are ""): 0, or -1 on error.
 * store_settings_save writes every field and the audit row (event,
 * detail) in one transaction: 0 committed, -1 nothing written.
 * Validation is the caller's (admin_settings.c); the store only bounds.
 */
#ifndef LENTERA_STORE_SETTINGS_H
#define LENTERA_STORE_SETTINGS_H

#include <stdint.h>

#include "store.h"

#define SETTINGS_TEXT_MAX	200	/* bytes of a text setting */
#define SETTINGS_LOGO_NAME	48	/* "<32 hex>.png" + slack */
#define SETTINGS_SIASN_MAX	64	/* bytes of a SIASN id setting */

struct settings {
	char	 agency[SETTINGS_TEXT_MAX + 1];
	char	 logo[SETTINGS_LOGO_NAME + 1];	/* under <data>/logos; "" none */
	char	 signer_name[SETTINGS_TEXT_MAX + 1];
	char	 signer_nip[STORE_NIP_LEN + 1];
	char	 signer_position[SETTINGS_TEXT_MAX + 1];
	char	 institusi[SETTINGS_TEXT_MAX + 1];
	/* SIASN kursus/save codes (siasn.h): UNCONFIRMED values, so data
	   here, not code; "" until configured. */
	char	 siasn_instansi[SETTINGS_SIASN_MAX + 1];	/* instansiId */
	char	 siasn_lokasi[SETTINGS_SIASN_MAX + 1];		/* lokasiId */
	char	 siasn_jenis_kursus[SETTINGS_SIASN_MAX + 1];	/* jenisKursus */
	int64_t	 updated_at;			/* 0: never saved */
};

int	store_settings_get(struct store *, struct settings *);
int	store_settings_save(struct store *, const struct settings *,
	    int64_t now, int64_t actor, const char *event, const char *detail,
	    const char *ip);

#endif
