/*
 * evidence: the files that prove learning (a certificate, a session's
 * notes): PDF, JPEG or PNG only, recognised by their content (magic
 * bytes), never by name or by the Content-Type a client claims; at most
 * EVIDENCE_MAX bytes each and EVIDENCE_QUOTA per user. Stored under
 * <datadir>/evidence with a random name (32 hex digits and the type's
 * extension), mode 0600, outside any web root; pages serve them only
 * through a handler that checks who may see them.
 *
 * evidence_type: the MIME type of data, NULL when it is none of the
 * three. evidence_save writes data under a new random name (O_EXCL,
 * fsynced with its folder): 0, or -1 (logged, nothing left behind).
 * evidence_remove unlinks one (a name evidence_name_ok refuses is never
 * touched). evidence_path builds the full path of a checked name.
 */
#ifndef LENTERA_EVIDENCE_H
#define LENTERA_EVIDENCE_H

#include <stddef.h>

#define EVIDENCE_MAX	((size_t)5 << 20)	/* bytes per file */
#define EVIDENCE_QUOTA	((long long)100 << 20)	/* bytes per user */
#define EVIDENCE_DIR	"evidence"
#define EVIDENCE_NAME_MAX 40

const char *evidence_type(const void *data, size_t n);
const char *evidence_ext(const char *type);
int	evidence_name_ok(const char *name);
int	evidence_save(const void *data, size_t n, const char *type,
	    char name[EVIDENCE_NAME_MAX]);
void	evidence_remove(const char *name);
void	evidence_path(char *out, size_t len, const char *name);

#endif
