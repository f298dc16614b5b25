-- Tes akhir: lulus dengan nilai 70 menjadi syarat selesainya kursus.
quiz { title="Tes Akhir: Pelayanan Publik Prima", pass=70, attempts=3, time_limit="20m", shuffle=true, pick=10, review="after_submit" }

single { id="lingkup", text="Menurut UU 25/2009, pelayanan publik mencakup pemenuhan kebutuhan atas ...",
  choices={"barang publik, jasa publik, dan pelayanan administratif", "barang publik saja", "jasa publik dan jasa komersial swasta", "pelayanan administratif bagi warga negara saja"}, answer=1,
  feedback="Ketiganya, bagi setiap warga negara dan penduduk.", tag="dasar" }

multiple { id="komponen", text="Manakah yang termasuk komponen standar pelayanan menurut UU 25/2009?",
  choices={"Jangka waktu penyelesaian", "Biaya/tarif", "Jumlah kendaraan dinas pimpinan", "Penanganan pengaduan, saran, dan masukan", "Kompetensi pelaksana"},
  answer={1, 2, 4, 5}, partial=true, feedback="Kendaraan dinas pimpinan bukan komponen standar pelayanan.", tag="standar" }

true_false { id="sejak-lengkap", text="Jangka waktu penyelesaian layanan dihitung sejak berkas permohonan dinyatakan lengkap.",
  answer=true, feedback="Karena itu petugas harus menjelaskan semua kekurangan berkas sekaligus.", tag="standar" }

short { id="pengawas", text="Warga yang tidak puas atas penyelesaian pengaduannya di instansi dapat melapor kepada lembaga negara pengawas pelayanan publik, yaitu ...",
  accept={"Ombudsman Republik Indonesia", "Ombudsman RI", "Ombudsman"}, feedback="Ombudsman Republik Indonesia (UU 37/2008).", tag="pengawasan" }

single { id="maklumat", text="Apa yang dimaksud dengan maklumat pelayanan?",
  choices={"Pernyataan tertulis penyelenggara yang memuat kewajiban dan janji dalam standar pelayanan", "Surat keputusan pengangkatan petugas loket", "Laporan tahunan hasil Survei Kepuasan Masyarakat", "Daftar pengaduan yang belum selesai"}, answer=1,
  feedback="Maklumat adalah janji tertulis yang dipublikasikan secara jelas dan luas.", tag="standar" }

matching { id="jenis-laporan", text="Pasangkan jenis laporan SP4N-LAPOR! dengan contohnya.",
  pairs={ {"Pengaduan", "KTP-el belum jadi melewati waktu yang dijanjikan"}, {"Aspirasi", "Usul agar loket dibuka Sabtu pagi"}, {"Permintaan informasi", "Menanyakan syarat pindah domisili"} },
  feedback="Pengaduan menuntut penyelesaian; aspirasi adalah usulan; permintaan informasi dijawab dengan informasi yang benar.", tag="pengaduan" }

ordering { id="alur-lapor", text="Urutkan tahap penanganan laporan SP4N-LAPOR!.",
  items={"Pelapor menyampaikan laporan", "Verifikasi oleh pengelola", "Diteruskan ke instansi berwenang", "Tindak lanjut dan tanggapan unit kerja", "Pelapor menanggapi dan menilai", "Laporan selesai"},
  feedback="Lihat diagram alur pada Modul 2.", tag="pengaduan" }

single { id="tanggapan", text="Manakah tanggapan atas pengaduan yang paling baik?",
  choices={"\"Laporan sudah diteruskan ke bidang terkait.\"", "\"Terima kasih. Berkas Ibu tertunda karena printer blangko rusak; dokumen sudah dicetak dan dapat diambil di loket 3. Kami menambah printer cadangan agar tidak terulang.\"", "\"Mohon bersabar, semua warga juga menunggu.\"", "\"Silakan datang lagi minggu depan.\""}, answer=2,
  feedback="Tanggapan yang baik memuat fakta, tindakan, dan perbaikan agar tidak berulang.", tag="pengaduan" }

true_false { id="no-wrong-door", text="Prinsip no wrong door policy berarti pelapor wajib menentukan sendiri instansi yang berwenang sebelum melapor.",
  answer=false, feedback="Sebaliknya: laporan dari pintu mana pun diteruskan ke instansi yang berwenang.", tag="pengaduan" }

numeric { id="nrr", text="Sebanyak 250 responden memberikan total nilai 825 untuk unsur persyaratan. Berapa NRR unsur tersebut?",
  answer=3.3, tolerance=0.005, feedback="NRR = 825 / 250 = 3,30.", tag="skm" }

generated { id="ikm-konversi", type="numeric", points=2, generate=function(rng)
  local nama = {"persyaratan", "prosedur", "waktu", "biaya", "produk", "kompetensi", "perilaku", "pengaduan", "sarana"}
  local parts, total = {}, 0
  for i = 1, 9 do
    local n = rng:int(26, 39) -- NRR dalam persepuluhan: 2,6 .. 3,9
    total = total + n
    parts[i] = ("%s %d,%d"):format(nama[i], n // 10, n % 10)
  end
  return {
    text = "NRR kesembilan unsur SKM sebuah unit layanan adalah: " .. table.concat(parts, "; ") ..
      ". Hitung nilai konversi IKM (rata-rata NRR × 25, bobot tepat 1/9), dua angka desimal.",
    answer = total / 90 * 25, tolerance = 0.1,
  }
end, feedback="Jumlahkan sembilan NRR, bagi 9, lalu kalikan 25.", tag="skm" }

generated { id="ikm-mutu", type="single", generate=function(rng)
  local bands = { {25.0, 64.99, 4}, {65.0, 76.6, 3}, {76.61, 88.3, 2}, {88.31, 100.0, 1} }
  local b = rng:pick(bands)
  local x = rng:int(math.floor(b[1] * 100 + 0.5), math.floor(b[2] * 100 + 0.5))
  return {
    text = ("Nilai konversi IKM sebuah unit pelayanan adalah %d,%02d. Apa mutu pelayanannya?"):format(x // 100, x % 100),
    choices = {"A (sangat baik)", "B (baik)", "C (kurang baik)", "D (tidak baik)"}, answer = b[3],
  }
end, feedback="A: 88,31–100; B: 76,61–88,30; C: 65,00–76,60; D: 25,00–64,99.", tag="skm" }

single { id="rentan", text="Loket prioritas bagi lansia, penyandang disabilitas, dan ibu hamil adalah penerapan asas ...",
  choices={"fasilitas dan perlakuan khusus bagi kelompok rentan", "kepastian hukum", "keseimbangan hak dan kewajiban", "partisipatif"}, answer=1,
  feedback="Asas fasilitas dan perlakuan khusus bagi kelompok rentan.", tag="dasar" }

single { id="tindak-lanjut-skm", text="Unit Anda memperoleh mutu B, tetapi NRR unsur penanganan pengaduan paling rendah. Apa langkah yang paling tepat?",
  choices={"Mengarsipkan hasil karena mutu sudah baik", "Menyusun rencana tindak lanjut untuk unsur terendah, dengan penanggung jawab dan tenggat, lalu mempublikasikannya", "Mengulang survei dengan responden yang dipilih petugas", "Menghapus unsur penanganan pengaduan dari kuesioner"}, answer=2,
  feedback="Hasil SKM dipakai untuk perbaikan dan dipublikasikan beserta tindak lanjutnya.", tag="skm" }
