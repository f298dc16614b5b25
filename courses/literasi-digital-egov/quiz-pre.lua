-- Tes awal (diagnostik): nilainya tidak menentukan kelulusan kursus.
quiz { title="Tes Awal: Literasi Digital dan e-Government", pass=0, attempts=1, time_limit="10m", shuffle=true, review="after_submit" }

single { id="pre-perpres", text="Peraturan apa yang mengatur Sistem Pemerintahan Berbasis Elektronik (SPBE)?",
  choices={"Perpres Nomor 95 Tahun 2018", "PP Nomor 94 Tahun 2021", "UU Nomor 25 Tahun 2009", "PermenPANRB Nomor 38 Tahun 2017"}, answer=1,
  feedback="Perpres 95/2018 tentang SPBE.", tag="spbe" }

true_false { id="pre-otp", text="Memberikan kode OTP kepada petugas TI instansi yang menelepon Anda itu aman, asalkan ia menyebutkan nama dan NIP.",
  answer=false, feedback="Kode OTP tidak boleh diberikan kepada siapa pun; petugas yang sah tidak memerlukannya.", tag="keamanan" }

single { id="pre-sandi", text="Kata sandi manakah yang paling kuat?",
  choices={"P@ss1", "Jakarta2024!", "sungai-kopi-lampu-biru-tujuh", "12345678"}, answer=3,
  feedback="Panjang dan unik lebih penting daripada rumit tetapi pendek.", tag="keamanan" }

multiple { id="pre-spesifik", text="Manakah yang termasuk data pribadi bersifat spesifik menurut UU 27/2022?",
  choices={"Data kesehatan", "Data biometrik", "Jenis kelamin", "Data keuangan pribadi"}, answer={1, 2, 4}, partial=true,
  feedback="Jenis kelamin adalah data pribadi bersifat umum.", tag="pdp" }

numeric { id="pre-72", text="Berapa jam batas waktu paling lambat bagi pengendali untuk memberitahukan kegagalan pelindungan data pribadi secara tertulis?",
  answer=72, tolerance=0, feedback="3 × 24 jam = 72 jam.", tag="pdp" }

short { id="pre-bssn", text="Sebutkan singkatan lembaga nasional yang menangani keamanan siber dan persandian di Indonesia.",
  accept={"BSSN", "Badan Siber dan Sandi Negara"}, feedback="Badan Siber dan Sandi Negara (BSSN).", tag="keamanan" }
