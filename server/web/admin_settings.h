/*
 * admin_settings: the admin's certificate settings page (/admin/settings):
 * agency name and logo, signatory name/NIP/position and the "institusi
 * penyelenggara" SIASN needs, printed on every certificate PDF
 * (record_pdf.c, certpdf.h). Rules:
 *   - text fields: at most SETTINGS_TEXT_MAX bytes of valid UTF-8 without
 *     control characters, trimmed; the agency name is required; the
 *     signatory NIP is empty or passes nip_valid;
 *   - the logo: a PNG that passes certpdf_logo_check (JPEG is refused
 *     with its own message: cairo 1.16 cannot decode it), stored as
 *     <data folder>/logos/<32 random hex>.png (0600), never under web/;
 *     a replaced or removed logo file is deleted after the commit;
 *   - every save writes the settings and one audit row in one
 *     transaction (store_settings_save).
 * POST /admin/settings takes multipart/form-data (the file) or a
 * urlencoded body; it checks its own CSRF token (ROUTE_NOCSRF).
 */
#ifndef LENTERA_ADMIN_SETTINGS_H
#define LENTERA_ADMIN_SETTINGS_H

struct buf;
struct req;
struct settings;

int	admin_settings_page(struct req *);	/* GET /admin/settings */
int	admin_settings_save(struct req *);	/* POST /admin/settings */
int	admin_settings_logo_get(struct req *);	/* GET /admin/settings/logo */
int	admin_settings_preview(struct req *);	/* GET .../preview.pdf */

#endif
