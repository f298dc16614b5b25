/* store_settings: agency settings (key/value). See store_settings.h. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store_int.h"
#include "store_settings.h"

/* Statement ids: one per statement, numbered by the compiler from
   this file's range (store_int.h), which STORE_IDS_FIT checks. */
enum {
	S_SETTINGS_GET = SLOT_SETTINGS,
	S_SETTINGS_SAVE,
	S_SETTINGS_END_
};
STORE_IDS_FIT(S_SETTINGS_END_, SLOT_SETTINGS);

static const struct {
	const char	*key;
	size_t		 off, len;
} fields[] = {
	{ "agency_name", offsetof(struct settings, agency),
	    sizeof(((struct settings *)0)->agency) },
	{ "agency_logo", offsetof(struct settings, logo),
	    sizeof(((struct settings *)0)->logo) },
	{ "signer_name", offsetof(struct settings, signer_name),
	    sizeof(((struct settings *)0)->signer_name) },
	{ "signer_nip", offsetof(struct settings, signer_nip),
	    sizeof(((struct settings *)0)->signer_nip) },
	{ "signer_position", offsetof(struct settings, signer_position),
	    sizeof(((struct settings *)0)->signer_position) },
	{ "institusi_penyelenggara", offsetof(struct settings, institusi),
	    sizeof(((struct settings *)0)->institusi) },
	{ "siasn_instansi_id", offsetof(struct settings, siasn_instansi),
	    sizeof(((struct settings *)0)->siasn_instansi) },
	{ "siasn_lokasi_id", offsetof(struct settings, siasn_lokasi),
	    sizeof(((struct settings *)0)->siasn_lokasi) },
	{ "siasn_jenis_kursus", offsetof(struct settings, siasn_jenis_kursus),
	    sizeof(((struct settings *)0)->siasn_jenis_kursus) },
};
#define NFIELDS	((int)(sizeof(fields) / sizeof(fields[0])))

int
store_settings_get(struct store *st, struct settings *s)
{
	struct db_stmt	*q = store_stmt(st, S_SETTINGS_GET,
	    "SELECT key, value, updated_at FROM settings");
	const char	*k;
	int		 i, rc;

	memset(s, 0, sizeof(*s));
	if (q == NULL)
		return -1;
	while ((rc = db_step(q)) == DB_ROW) {
		if ((k = db_column_text(q, 0)) == NULL)
			continue;
		for (i = 0; i < NFIELDS; i++)
			if (strcmp(k, fields[i].key) == 0)
				store_text(q, 1, (char *)s + fields[i].off,
				    fields[i].len);
		if (db_column_int64(q, 2) > s->updated_at)
			s->updated_at = db_column_int64(q, 2);
	}
	if (rc != DB_DONE)
		return store_fail(st, "settings get");
	db_reset(q);
	return 0;
}

int
store_settings_save(struct store *st, const struct settings *s, int64_t now,
    int64_t actor, const char *event, const char *detail, const char *ip)
{
	struct db_stmt	*q;
	int		 i;

	if (store_begin(st) == -1)
		return -1;
	for (i = 0; i < NFIELDS; i++) {
		q = store_stmt(st, S_SETTINGS_SAVE,
		    "INSERT INTO settings (key, value, updated_at, updated_by)"
		    " VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET"
		    " value = excluded.value, updated_at = excluded.updated_at,"
		    " updated_by = excluded.updated_by");
		if (q == NULL)
			goto err;
		db_bind_text(q, 1, fields[i].key, -1);
		db_bind_text(q, 2, (const char *)s + fields[i].off, -1);
		db_bind_int64(q, 3, now);
		if (actor > 0)
			db_bind_int64(q, 4, actor);
		if (store_exec_write(st, q) == -1)
			goto err;
	}
	if (store_audit(st, actor, event, detail, ip) == -1)
		goto err;
	return store_commit(st);
err:
	store_rollback(st);
	return -1;
}
