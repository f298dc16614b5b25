-- Every question type once, as the documentation shows them.
quiz {
  title = "Tes Akhir: Pelayanan Publik Prima",
  pass = 70,
  attempts = 3,
  time_limit = "1h30m",
  shuffle = true,
  review = "after_submit",
}

single {
  id = "q1",
  text = "Lembaga yang mengawasi pelayanan publik adalah **...**",
  choices = { "BPK", "Ombudsman RI", "KPK" },
  answer = 2,
  feedback = "Ombudsman RI mengawasi penyelenggaraan pelayanan publik.",
  tag = "dasar",
}

multiple {
  id = "q2",
  text = "Asas pelayanan publik menurut UU 25/2009 (pilih semua yang benar):",
  choices = { "Kepastian hukum", "Diskriminatif", "Keterbukaan", "Kecepatan" },
  answer = { 1, 3, 4 },
  partial = true,
  points = 3,
}

true_false {
  id = "q3",
  text = "Maklumat pelayanan wajib dipublikasikan.",
  answer = true,
}

short {
  id = "q4",
  text = "Sebutkan lembaga pengawas eksternal pelayanan publik.",
  accept = { "Ombudsman Republik Indonesia", "Ombudsman RI" },
}

numeric {
  id = "q5",
  text = "Berapa rupiah anggaran kegiatan ini?",
  answer = 1250000,
  tolerance = 0,
}

matching {
  id = "q6",
  text = "Pasangkan singkatan dengan kepanjangannya.",
  pairs = {
    { "SKM", "Survei Kepuasan Masyarakat" },
    { "SPM", "Standar Pelayanan Minimal" },
    { "SOP", "Standar Operasional Prosedur" },
  },
}

ordering {
  id = "q7",
  text = "Urutkan tahapan penanganan pengaduan.",
  items = { "Penerimaan", "Verifikasi", "Tindak lanjut", "Pelaporan" },
}
