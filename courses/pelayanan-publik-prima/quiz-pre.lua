-- Tes awal (diagnostik): nilainya tidak menentukan kelulusan kursus.
quiz { title="Tes Awal: Pelayanan Publik Prima", pass=0, attempts=1, time_limit="10m", shuffle=true, review="after_submit" }

single { id="pre-uu", text="Undang-undang manakah yang menjadi dasar utama penyelenggaraan pelayanan publik di Indonesia?",
  choices={"UU Nomor 25 Tahun 2009", "UU Nomor 27 Tahun 2022", "UU Nomor 37 Tahun 2008", "UU Nomor 14 Tahun 2008"}, answer=1,
  feedback="UU 25/2009 tentang Pelayanan Publik. UU 37/2008 mengatur Ombudsman RI, UU 27/2022 tentang Pelindungan Data Pribadi.", tag="dasar" }

single { id="pre-pelaksana", text="Petugas loket yang melayani warga disebut dalam UU Pelayanan Publik sebagai ...",
  choices={"penyelenggara", "pelaksana", "pembina", "pengawas eksternal"}, answer=2,
  feedback="Penyelenggara adalah institusinya; pelaksana adalah pejabat, pegawai, atau petugas yang melaksanakan tindakan pelayanan.", tag="dasar" }

true_false { id="pre-gratis", text="Jika sebuah layanan tidak dipungut biaya, kolom biaya pada standar pelayanan sebaiknya dikosongkan saja.",
  answer=false, feedback="Tulis jelas \"Rp0 (tidak dipungut biaya)\"; kolom kosong membuka peluang pungutan liar.", tag="standar" }

short { id="pre-ombudsman", text="Lembaga negara apa yang berwenang mengawasi penyelenggaraan pelayanan publik secara eksternal?",
  accept={"Ombudsman Republik Indonesia", "Ombudsman RI", "Ombudsman"}, feedback="Ombudsman Republik Indonesia, berdasarkan UU 37/2008.", tag="pengawasan" }

multiple { id="pre-kanal", text="Melalui kanal apa saja masyarakat dapat menyampaikan laporan ke SP4N-LAPOR!?",
  choices={"Laman lapor.go.id", "SMS ke 1708", "Aplikasi seluler", "Hanya surat tercatat ke Kementerian PANRB"}, answer={1, 2, 3}, partial=true,
  feedback="Laman, SMS 1708, dan aplikasi seluler; SP4N-LAPOR! justru dibuat agar tidak perlu surat tercatat.", tag="pengaduan" }

single { id="pre-skm-skala", text="Pada kuesioner Survei Kepuasan Masyarakat, setiap unsur dinilai dengan skala ...",
  choices={"1 sampai 4", "1 sampai 10", "0 sampai 100", "A sampai D"}, answer=1,
  feedback="Skala 1 sampai 4; IKM kemudian dikonversi ke 25 sampai 100 dengan dikali 25.", tag="skm" }
