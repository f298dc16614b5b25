/* siasn: the kursus/save body. See siasn.h. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "siasn.h"
#include "wib.h"

void
siasn_date(int64_t t, char out[11])
{
	struct tm	 tm;

	wib_tm(t, &tm);
	snprintf(out, 11, "%02d-%02d-%04d", tm.tm_mday % 100,
	    (tm.tm_mon + 1) % 100, (tm.tm_year + 1900) % 10000);
}

void
siasn_pdf_name(const char *cert_no, char *out, size_t len)
{
	size_t	 n, i;

	n = (size_t)snprintf(out, len, "sertifikat/");
	for (i = 0; cert_no[i] && n + 5 < len; i++) {
		char	 ch = cert_no[i];

		out[n++] = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' &&
		    ch <= 'z') || (ch >= '0' && ch <= '9') ? ch : '-';
	}
	snprintf(out + n, len - n, ".pdf");
}

int
siasn_id_ok(const char *s)
{
	size_t	 n;

	for (n = 0; s[n]; n++)
		if (n >= SIASN_ID_MAX || !((s[n] >= '0' && s[n] <= '9') ||
		    (s[n] >= 'A' && s[n] <= 'Z') || (s[n] >= 'a' &&
		    s[n] <= 'z') || s[n] == '-'))
			return 0;
	return n > 0;
}

const char *
siasn_jenis_sertipikat(const char *code)
{
	char	*end;
	long	 v = strtol(code, &end, 10);

	if (*code == '\0' || *end != '\0')
		return "";
	if (v == 2)
		return "F";
	if (v == 4 || v == 7 || v == 9)
		return "P";
	if ((v >= 1 && v <= 25))
		return "T";
	return "";
}

static void
str(struct buf *b, const char *key, const char *v, int first)
{
	buf_addf(b, "%s\"%s\":", first ? "" : ",", key);
	buf_json_str(b, v ? v : "");
}

void
siasn_line(const struct siasn_kursus *k, int with_id, struct buf *b)
{
	char	 mulai[11], selesai[11], pdf[SIASN_PDF_NAME_MAX];

	siasn_date(k->mulai, mulai);
	siasn_date(k->selesai, selesai);
	siasn_pdf_name(k->nomor, pdf, sizeof(pdf));
	/* Keys in the SDK's (alphabetical) order. */
	buf_addc(b, '{');
	if (with_id && k->siasn_id && k->siasn_id[0])
		str(b, "id", k->siasn_id, 1);
	else
		buf_adds(b, "\"id\":null");
	str(b, "instansiId", k->instansi_id, 0);
	str(b, "institusiPenyelenggara", k->institusi, 0);
	str(b, "jenisDiklatId", k->jenis_diklat, 0);
	str(b, "jenisKursus", k->jenis_kursus, 0);
	str(b, "jenisKursusSertipikat",
	    siasn_jenis_sertipikat(k->jenis_diklat), 0);
	buf_addf(b, ",\"jumlahJam\":%d", k->jp);
	str(b, "lokasiId", k->lokasi_id, 0);
	str(b, "namaKursus", k->nama, 0);
	str(b, "nomorSertipikat", k->nomor, 0);
	buf_adds(b, ",\"path\":[{");
	str(b, "dok_id", SIASN_DOK_SERTIFIKAT, 1);
	str(b, "dok_nama", SIASN_DOK_NAMA, 0);
	str(b, "dok_uri", pdf, 0);
	str(b, "object", pdf, 0);
	str(b, "slug", SIASN_DOK_SERTIFIKAT, 0);
	buf_adds(b, "}]");
	str(b, "pnsOrangId", k->pns_orang_id, 0);
	buf_addf(b, ",\"tahunKursus\":%d", k->tahun);
	str(b, "tanggalKursus", mulai, 0);
	str(b, "tanggalSelesaiKursus", selesai, 0);
	buf_addc(b, '}');
}

int
siasn_hash(const struct siasn_kursus *k, unsigned char h[SIASN_HASH_LEN])
{
	struct buf	 b = { 0 };

	siasn_line(k, 0, &b);
	if (b.oom) {
		buf_free(&b);
		return -1;
	}
	crypto_generichash(h, SIASN_HASH_LEN, (const unsigned char *)b.p,
	    b.n, NULL, 0);
	buf_free(&b);
	return 0;
}
