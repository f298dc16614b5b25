-- Tes akhir: lulus dengan nilai 70 menjadi syarat selesainya kursus.
quiz { title="Tes Akhir: Literasi Digital dan e-Government", pass=70, attempts=3, time_limit="20m", shuffle=true, pick=10, review="after_submit" }

single { id="tujuan-spbe", text="Apa tujuan SPBE menurut Perpres 95/2018?",
  choices={"Mewujudkan tata kelola pemerintahan yang bersih, efektif, transparan, dan akuntabel serta pelayanan publik yang berkualitas dan terpercaya", "Mengganti seluruh pegawai loket dengan mesin", "Mewajibkan setiap instansi membangun pusat data sendiri", "Menghapus layanan tatap muka"}, answer=1,
  feedback="Lihat bagian pembuka Modul 1.", tag="spbe" }

matching { id="domain", text="Pasangkan domain arsitektur SPBE dengan contohnya.",
  pairs={ {"Proses bisnis", "Verifikasi berkas, pemeriksaan lapangan, penerbitan izin"}, {"Data dan informasi", "Data pemohon dan kode wilayah"}, {"Aplikasi SPBE", "Aplikasi perizinan dan tanda tangan elektronik"}, {"Infrastruktur SPBE", "Pusat data dan jaringan intra pemerintah"} },
  feedback="Rancang dari layanan ke proses bisnis, data, aplikasi, lalu infrastruktur; keamanan melingkupi semuanya.", tag="spbe" }

ordering { id="arah-rancang", text="Urutkan cara berpikir yang dianjurkan ketika merancang layanan SPBE.",
  items={"Layanan yang dibutuhkan masyarakat", "Proses bisnis", "Data dan informasi", "Aplikasi", "Infrastruktur"},
  feedback="Dari atas ke bawah; jangan membeli aplikasi dulu lalu memaksakan prosesnya.", tag="spbe" }

single { id="aplikasi-umum", text="Instansi Anda ingin membangun aplikasi persuratan dan kearsipan dinamis sendiri. Apa tanggapan yang paling sesuai dengan Perpres 95/2018?",
  choices={"Segera bangun agar sesuai selera unit", "Gunakan aplikasi umum yang sudah ada untuk urusan itu, yaitu SRIKANDI", "Pakai grup percakapan sebagai pengganti", "Tunda sampai ada pusat data sendiri"}, answer=2,
  feedback="Bila tersedia aplikasi umum, instansi menggunakannya alih-alih membangun aplikasi sejenis.", tag="spbe" }

multiple { id="satu-data", text="Prinsip Satu Data Indonesia (Perpres 39/2019) meliputi ...",
  choices={"Standar data", "Metadata", "Interoperabilitas data", "Kode referensi dan/atau data induk", "Setiap unit memakai kode wilayahnya sendiri"}, answer={1, 2, 3, 4}, partial=true,
  feedback="Kode wilayah justru harus seragam sebagai kode referensi.", tag="spbe" }

multiple { id="phishing", text="Pesan mana yang menunjukkan tanda phishing?",
  choices={"\"Akun email dinas Anda diblokir dalam 2 jam, verifikasi sekarang di tautan ini\"", "Lampiran bernama Undangan_Rapat.pdf.exe", "Pengumuman rapat di aplikasi persuratan resmi tanpa tautan", "Permintaan mengirim kode OTP untuk \"sinkronisasi\""}, answer={1, 2, 4}, partial=true,
  feedback="Desakan, lampiran janggal, dan permintaan data rahasia adalah tanda phishing.", tag="keamanan" }

single { id="mfa", text="Mengapa autentikasi multifaktor (MFA) penting?",
  choices={"Karena kata sandi yang bocor saja tidak cukup untuk mengambil alih akun", "Karena MFA membuat kata sandi boleh pendek dan dipakai ulang", "Karena MFA mempercepat login", "Karena MFA menggantikan kewajiban memperbarui aplikasi"}, answer=1,
  feedback="MFA menambahkan faktor kedua di luar kata sandi.", tag="keamanan" }

ordering { id="insiden", text="Anda terlanjur memasukkan kata sandi di situs palsu. Urutkan langkah yang tepat.",
  items={"Ganti kata sandi akun yang terdampak", "Laporkan ke unit TI atau CSIRT instansi", "Simpan bukti pesan atau email mencurigakan untuk diperiksa"},
  feedback="Batasi kerusakan, laporkan, dan simpan bukti; jangan disembunyikan.", tag="keamanan" }

true_false { id="pengendali", text="Instansi pemerintah yang menyelenggarakan layanan dan menentukan tujuan pemrosesan data pemohon berkedudukan sebagai pengendali data pribadi.",
  answer=true, feedback="Pihak yang menentukan tujuan dan mengendalikan pemrosesan adalah pengendali; penyedia aplikasi yang dikontrak adalah prosesor.", tag="pdp" }

single { id="isi-pemberitahuan", text="Manakah yang TIDAK termasuk isi minimal pemberitahuan kegagalan pelindungan data pribadi?",
  choices={"Data pribadi yang terungkap", "Kapan dan bagaimana data terungkap", "Upaya penanganan dan pemulihan", "Nama pegawai yang akan dihukum"}, answer=4,
  feedback="Isi minimal: data yang terungkap; kapan dan bagaimana; upaya penanganan dan pemulihan.", tag="pdp" }

true_false { id="jam-libur", text="Tenggat pemberitahuan 3 × 24 jam berhenti berjalan pada hari Sabtu dan Minggu.",
  answer=false, feedback="Tenggat dihitung dalam jam, bukan hari kerja.", tag="pdp" }

generated { id="sisa-72-jam", type="numeric", points=2, generate=function(rng)
  local hari = {"Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"}
  local d0 = rng:int(1, 5)
  local h0 = rng:int(7, 16)
  local lewat = rng:int(5, 66)
  local t = (d0 - 1) * 24 + h0 + lewat
  local d1 = (t // 24) % 7 + 1
  return {
    text = ("Kebocoran data pemohon layanan diketahui pada hari %s pukul %02d.00. Sekarang hari %s pukul %02d.00 dan pemberitahuan tertulis belum dikirim. Berapa jam lagi sisa waktu sebelum tenggat 3 × 24 jam terlewati?"):format(
      hari[d0], h0, hari[d1], t % 24),
    answer = 72 - lewat, tolerance = 0,
  }
end, feedback="Hitung jam yang sudah berlalu sejak kegagalan diketahui, lalu kurangkan dari 72 jam.", tag="pdp" }

generated { id="jenis-data", type="single", generate=function(rng)
  local d = rng:pick({ {"hasil pemeriksaan laboratorium pasien", 2}, {"sidik jari pada perekaman KTP-el", 2}, {"catatan kejahatan", 2},
    {"data rekening dan penghasilan penerima bantuan", 2}, {"data anak peserta imunisasi", 2}, {"status perkawinan", 1}, {"kewarganegaraan", 1}, {"nama lengkap", 1} })
  return { text = ("Menurut UU 27/2022, \"%s\" termasuk data pribadi bersifat ..."):format(d[1]),
    choices = {"umum", "spesifik", "bukan data pribadi", "rahasia negara"}, answer = d[2] }
end, feedback="Spesifik: kesehatan, biometrik, genetika, catatan kejahatan, data anak, keuangan pribadi. Umum: nama, jenis kelamin, kewarganegaraan, agama, status perkawinan.", tag="pdp" }

single { id="minimisasi", text="Warga mengurus surat keterangan yang cukup dengan mencocokkan NIK. Petugas ingin memfotokopi KTP dan KK \"untuk jaga-jaga\". Bagaimana menurut UU PDP?",
  choices={"Tidak tepat: pemrosesan harus terbatas dan spesifik sesuai tujuan", "Tepat, karena lebih banyak data lebih aman", "Tepat, asal fotokopi disimpan di laci", "Tepat, karena instansi pemerintah dikecualikan dari UU PDP"}, answer=1,
  feedback="UU PDP berlaku juga bagi badan publik; minta hanya data yang diperlukan.", tag="pdp" }
