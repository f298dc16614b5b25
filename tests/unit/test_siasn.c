/* unit-layer: core */
/* Unit tests for siasn.c: the kursus/save body (dates in WIB as
   dd-mm-yyyy, codes, integers, the document entry, JSON escaping), the
   hash leaving the SIASN id out, and the id check. */
#include <stdlib.h>
#include <string.h>

#include "siasn.h"
#include "t.h"

static struct siasn_kursus
sample(void)
{
	struct siasn_kursus k;

	memset(&k, 0, sizeof(k));
	k.siasn_id = "";
	k.instansi_id = "";
	k.institusi = "BKPSDM \"Kota\" Contoh";
	k.jenis_diklat = SIASN_JENIS_ELEARNING;
	k.jenis_kursus = "";
	k.jp = 4;
	k.lokasi_id = "";
	k.nama = "Pelayanan Publik Prima";
	k.nomor = "LTR/2026/000001";
	k.pns_orang_id = "A5EB03E2";
	k.tahun = 2026;
	/* 2026-08-05 23:30 WIB = 16:30 UTC; finished 17:00 UTC = 6 Aug WIB */
	k.mulai = 1785947400;
	k.selesai = 1785949200;
	return k;
}

int
main(void)
{
	struct siasn_kursus k = sample(), k2;
	struct buf	 b = { 0 };
	unsigned char	 h1[SIASN_HASH_LEN], h2[SIASN_HASH_LEN];
	char		 d[11], name[SIASN_PDF_NAME_MAX];

	siasn_date(0, d);
	T_OK(strcmp(d, "01-01-1970") == 0, "siasn date: epoch in WIB");
	siasn_date(17 * 3600 - 1, d);
	T_OK(strcmp(d, "01-01-1970") == 0, "siasn date: 23:59:59 WIB same day");
	siasn_date(17 * 3600, d);
	T_OK(strcmp(d, "02-01-1970") == 0, "siasn date: 00:00 WIB next day");
	siasn_date(1709139600, d);	/* 2024-02-29 00:00 WIB */
	T_OK(strcmp(d, "29-02-2024") == 0, "siasn date: leap day");
	siasn_date(k.mulai, d);
	T_OK(strcmp(d, "05-08-2026") == 0, "siasn date: evening WIB");
	siasn_date(k.selesai, d);
	T_OK(strcmp(d, "06-08-2026") == 0, "siasn date: past midnight WIB");

	siasn_line(&k, 1, &b);
	T_OK(b.p && strcmp(b.p, "{\"id\":null,\"instansiId\":\"\","
	    "\"institusiPenyelenggara\":\"BKPSDM \\\"Kota\\\" Contoh\","
	    "\"jenisDiklatId\":\"16\",\"jenisKursus\":\"\","
	    "\"jenisKursusSertipikat\":\"T\",\"jumlahJam\":4,\"lokasiId\":\"\","
	    "\"namaKursus\":\"Pelayanan Publik Prima\","
	    "\"nomorSertipikat\":\"LTR/2026/000001\",\"path\":[{\"dok_id\":"
	    "\"881\",\"dok_nama\":\"Dok Sertifikat Kursus\",\"dok_uri\":"
	    "\"sertifikat/LTR-2026-000001.pdf\",\"object\":"
	    "\"sertifikat/LTR-2026-000001.pdf\",\"slug\":\"881\"}],"
	    "\"pnsOrangId\":\"A5EB03E2\",\"tahunKursus\":2026,"
	    "\"tanggalKursus\":\"05-08-2026\","
	    "\"tanggalSelesaiKursus\":\"06-08-2026\"}") == 0,
	    "siasn line: the documented shape, keys in order");
	T_OK(b.p && strchr(b.p, '\n') == NULL, "siasn line: one line");
	buf_free(&b);

	k2 = k;
	k2.siasn_id = "RW-1";
	siasn_line(&k2, 1, &b);
	T_OK(b.p && strncmp(b.p, "{\"id\":\"RW-1\",", 13) == 0,
	    "siasn line: an update carries its id");
	buf_free(&b);
	T_OK(siasn_hash(&k, h1) == 0 && siasn_hash(&k2, h2) == 0 &&
	    memcmp(h1, h2, sizeof(h1)) == 0, "siasn hash: the id is left out");
	k2.jp = 5;
	T_OK(siasn_hash(&k2, h2) == 0 && memcmp(h1, h2, sizeof(h1)) != 0,
	    "siasn hash: a changed field changes it");
	k2 = k;
	k2.pns_orang_id = "A5EB03E3";
	T_OK(siasn_hash(&k2, h2) == 0 && memcmp(h1, h2, sizeof(h1)) != 0,
	    "siasn hash: a corrected pnsOrangId changes it");

	T_OK(strcmp(siasn_jenis_sertipikat("16"), "T") == 0 &&
	    strcmp(siasn_jenis_sertipikat("14"), "T") == 0 &&
	    strcmp(siasn_jenis_sertipikat("15"), "T") == 0 &&
	    strcmp(siasn_jenis_sertipikat("2"), "F") == 0 &&
	    strcmp(siasn_jenis_sertipikat("9"), "P") == 0 &&
	    strcmp(siasn_jenis_sertipikat("26"), "") == 0 &&
	    strcmp(siasn_jenis_sertipikat("x"), "") == 0,
	    "siasn jenisKursusSertipikat per the SIASN list");

	siasn_pdf_name("LTR/2026/000001", name, sizeof(name));
	T_OK(strcmp(name, "sertifikat/LTR-2026-000001.pdf") == 0,
	    "siasn pdf name");
	T_OK(siasn_id_ok("8ae48303-6c5a-4b2e-a1f0-0123456789ab") &&
	    siasn_id_ok("A") && !siasn_id_ok("") && !siasn_id_ok("a b") &&
	    !siasn_id_ok("a_b") && !siasn_id_ok("é"),
	    "siasn id: 1..64 of [0-9A-Za-z-]");
	{
		char	 big[SIASN_ID_MAX + 2];

		memset(big, 'a', sizeof(big) - 1);
		big[SIASN_ID_MAX] = '\0';
		T_OK(siasn_id_ok(big), "siasn id: 64 bytes");
		big[SIASN_ID_MAX] = 'a';
		big[SIASN_ID_MAX + 1] = '\0';
		T_OK(!siasn_id_ok(big), "siasn id: 65 bytes refused");
	}
	T_DONE();
}
