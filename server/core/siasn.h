/*
 * siasn: the SIASN (BKN) `kursus/save` body for one approved ledger
 * entry, as one JSON object on one line (docs/siasn.md). No HTTP, no
 * database: a filled struct siasn_kursus in, bytes out, so the batch
 * export (siasn_batch.c) and a future push client build the same body.
 *
 * Field rules (../shared/DOMAIN.md section 2, kanekescom
 * PostKursusSaveCommand): jenisDiklatId is a string code from the SIASN
 * list ("16" E-Learning, "14" Coaching, "15" Mentoring, ...);
 * jumlahJam and tahunKursus are JSON integers; tanggalKursus and
 * tanggalSelesaiKursus are dd-mm-yyyy in WIB (UTC+7); id is the SIASN
 * riwayat id HR recorded back (an update) or null (a new entry);
 * path holds one document, the certificate PDF: dok_id "881" ("Dok
 * Sertifikat Kursus"), dok_uri and object the PDF's name inside the
 * batch (a push client replaces them with the upload's answer), slug
 * "881". Strings are JSON-escaped; keys come in a fixed order.
 *
 * siasn_line appends the line (without the newline) to out. With
 * with_id == 0 the id field is null whatever k->siasn_id says: that is
 * the form siasn_hash covers, so recording a SIASN id back does not make
 * an entry "changed". siasn_hash: BLAKE2b-256 of that form.
 *
 * siasn_date: t as dd-mm-yyyy in WIB into out (11 bytes).
 * siasn_pdf_name: "sertifikat/LTR-2026-000001.pdf" for a certificate
 * number ('/' and anything not [A-Za-z0-9] as '-').
 * siasn_id_ok: 1 when s is a plausible SIASN id (pnsOrangId, riwayat
 * id): 1..SIASN_ID_MAX bytes of [0-9A-Za-z-]; else 0.
 * siasn_jenis_sertipikat: the jenisKursusSertipikat letter of a
 * jenisDiklatId code ("T" for 11..25 and 1,3,5,6,8,10; "F" for 2;
 * "P" for 4,7,9), "" for an unknown code.
 */
#ifndef LENTERA_SIASN_H
#define LENTERA_SIASN_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

#define SIASN_ID_MAX		64	/* bytes of a pnsOrangId or riwayat id */
#define SIASN_PDF_NAME_MAX	96
#define SIASN_HASH_LEN		32
#define SIASN_DOK_SERTIFIKAT	"881"
#define SIASN_DOK_NAMA		"Dok Sertifikat Kursus"
#define SIASN_JENIS_ELEARNING	"16"

struct siasn_kursus {
	const char	*siasn_id;		/* "" none: a new entry */
	const char	*instansi_id;		/* setting, "" if not set */
	const char	*institusi;		/* institusiPenyelenggara */
	const char	*jenis_diklat;		/* code, e.g. "16" */
	const char	*jenis_kursus;		/* SIASN GUID setting, "" */
	int		 jp;			/* jumlahJam */
	const char	*lokasi_id;		/* setting, "" if not set */
	const char	*nama;			/* namaKursus: course title */
	const char	*nomor;			/* nomorSertipikat */
	const char	*pns_orang_id;		/* "" when not imported */
	int		 tahun;			/* tahunKursus */
	int64_t		 mulai, selesai;	/* Unix seconds */
};

void	siasn_line(const struct siasn_kursus *, int with_id, struct buf *out);
int	siasn_hash(const struct siasn_kursus *, unsigned char h[SIASN_HASH_LEN]);
void	siasn_date(int64_t t, char out[11]);
void	siasn_pdf_name(const char *cert_no, char *out, size_t len);
int	siasn_id_ok(const char *s);
const char *siasn_jenis_sertipikat(const char *code);

#endif
