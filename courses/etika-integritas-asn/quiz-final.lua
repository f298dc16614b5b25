-- Tes akhir: lulus dengan nilai 70 menjadi syarat selesainya kursus.
quiz { title="Tes Akhir: Etika dan Integritas ASN", pass=70, attempts=3, time_limit="20m", shuffle=true, pick=9, review="after_submit" }

ordering { id="urutan-nilai", text="Urutkan nilai dasar ASN sesuai akronim BerAKHLAK.",
  items={"Berorientasi Pelayanan", "Akuntabel", "Kompeten", "Harmonis", "Loyal", "Adaptif", "Kolaboratif"},
  feedback="Ber-A-K-H-L-A-K.", tag="nilai" }

matching { id="perilaku", text="Pasangkan nilai dengan salah satu panduan perilakunya.",
  pairs={ {"Akuntabel", "Tidak menyalahgunakan kewenangan jabatan"}, {"Kompeten", "Membantu orang lain belajar"}, {"Loyal", "Menjaga rahasia jabatan dan negara"}, {"Adaptif", "Cepat menyesuaikan diri menghadapi perubahan"} },
  feedback="Lihat tabel panduan perilaku di Modul 1.", tag="nilai" }

single { id="loyal", text="Atasan meminta Anda mengubah data capaian kinerja agar target terlihat tercapai. Sikap yang sesuai dengan nilai Loyal dan Akuntabel adalah ...",
  choices={"Menuruti karena loyal berarti patuh kepada atasan", "Menolak dengan santun dan melaporkan data sesuai fakta; bila dipaksa, laporkan melalui saluran resmi", "Mengubah sebagian data saja", "Mengunggah masalah ini ke media sosial"}, answer=2,
  feedback="Loyal tidak berarti menutupi kesalahan; akuntabel berarti jujur dan cermat.", tag="nilai" }

multiple { id="hukuman-ringan", text="Manakah yang termasuk hukuman disiplin tingkat ringan menurut PP 94/2021?",
  choices={"Teguran lisan", "Teguran tertulis", "Pernyataan tidak puas secara tertulis", "Pemotongan tunjangan kinerja 25% selama 6 bulan"}, answer={1, 2, 3}, partial=true,
  feedback="Pemotongan tunjangan kinerja adalah hukuman tingkat sedang.", tag="disiplin" }

generated { id="tingkat-hukuman", type="single", generate=function(rng)
  local h = rng:pick({ {"teguran tertulis", 1}, {"pernyataan tidak puas secara tertulis", 1}, {"pemotongan tunjangan kinerja 25% selama 12 bulan", 2},
    {"pemotongan tunjangan kinerja 25% selama 6 bulan", 2}, {"penurunan jabatan setingkat lebih rendah selama 12 bulan", 3},
    {"pembebasan dari jabatannya menjadi jabatan pelaksana selama 12 bulan", 3}, {"pemberhentian dengan hormat tidak atas permintaan sendiri sebagai PNS", 3} })
  return { text = ("Menurut PP 94/2021, hukuman \"%s\" termasuk hukuman disiplin tingkat ..."):format(h[1]),
    choices = {"ringan", "sedang", "berat"}, answer = h[2] }
end, feedback="Ringan: teguran dan pernyataan tidak puas; sedang: potong tunjangan kinerja 25%; berat: penurunan jabatan, pembebasan jabatan, pemberhentian.", tag="disiplin" }

generated { id="potongan-tukin", type="numeric", points=2, generate=function(rng)
  local tukin = rng:pick({2800000, 3560000, 4000000, 4720000, 5360000, 6200000})
  local bulan = rng:pick({6, 9, 12})
  local function rupiah(n) -- 6200000 -> "6.200.000", tanpa pola string
    local parts = {}
    repeat
      table.insert(parts, 1, n >= 1000 and ("%03d"):format(n % 1000) or tostring(n))
      n = n // 1000
    until n == 0
    return table.concat(parts, ".")
  end
  return {
    text = ("Seorang PNS menerima tunjangan kinerja Rp%s per bulan dan dijatuhi hukuman disiplin sedang berupa pemotongan tunjangan kinerja 25%% selama %d bulan. Berapa rupiah total tunjangan kinerja yang dipotong selama masa hukuman?"):format(rupiah(tukin), bulan),
    answer = tukin // 4 * bulan, tolerance = 0,
  }
end, feedback="Potongan per bulan 25% × tunjangan kinerja, dikalikan jumlah bulan.", tag="disiplin" }

single { id="proyektor", text="Pengelola barang meminjamkan proyektor kantor kepada saudaranya untuk acara keluarga tanpa prosedur. Perbuatan ini terutama melanggar ...",
  choices={"Larangan meminjamkan barang milik negara secara tidak sah", "Kewajiban menjaga netralitas", "Larangan bekerja pada perusahaan asing", "Kewajiban mengucapkan sumpah PNS"}, answer=1,
  feedback="Sekaligus melanggar kewajiban memelihara barang milik negara dan nilai Akuntabel.", tag="disiplin" }

true_false { id="atasan", text="Menurut PP 94/2021, atasan langsung wajib memanggil dan memeriksa bawahan yang diduga melakukan pelanggaran disiplin.",
  answer=true, feedback="Atasan yang membiarkan pelanggaran dapat ikut dijatuhi hukuman disiplin.", tag="disiplin" }

numeric { id="batas-lapor", text="Paling lambat berapa hari kerja sejak diterima, gratifikasi harus dilaporkan kepada KPK agar tidak dianggap suap?",
  answer=30, tolerance=0, feedback="Pasal 12C UU 20/2001: 30 hari kerja.", tag="gratifikasi" }

multiple { id="bentuk-gratifikasi", text="Manakah yang termasuk gratifikasi dalam arti luas?",
  choices={"Tiket perjalanan dari rekanan", "Pinjaman tanpa bunga dari pemohon izin", "Fasilitas penginapan gratis dari vendor", "Gaji bulanan sesuai peraturan"}, answer={1, 2, 3}, partial=true,
  feedback="Gaji sesuai peraturan adalah penghasilan sah, bukan gratifikasi.", tag="gratifikasi" }

single { id="parsel", text="Rekanan pengadaan mengirim parsel hari raya ke rumah Anda, pejabat pembuat komitmen, saat Anda tidak di rumah. Apa yang tepat?",
  choices={"Membagikannya kepada tetangga agar tidak mubazir", "Melaporkannya melalui UPG instansi atau langsung ke KPK dan menyimpannya sampai ada penetapan", "Menerimanya karena tidak diminta", "Mengembalikannya sambil meminta rekanan menurunkan harga"}, answer=2,
  feedback="Hubungan dengan jabatan jelas; bila tidak bisa ditolak, laporkan.", tag="gratifikasi" }

ordering { id="konflik", text="Urutkan langkah menangani konflik kepentingan.",
  items={"Kenali kepentingan pribadi yang terpengaruh", "Nyatakan secara tertulis kepada atasan", "Menarik diri dari proses keputusan", "Dokumentasikan penanganannya"},
  feedback="Kenali, nyatakan, menarik diri, dokumentasikan.", tag="konflik" }

short { id="upg", text="Unit di instansi yang menerima laporan gratifikasi pegawai lalu meneruskannya ke KPK disebut Unit ... (tiga kata atau singkatannya)",
  accept={"Unit Pengendalian Gratifikasi", "Pengendalian Gratifikasi", "UPG"}, feedback="Unit Pengendalian Gratifikasi (UPG).", tag="gratifikasi" }
