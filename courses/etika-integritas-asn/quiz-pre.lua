-- Tes awal (diagnostik): nilainya tidak menentukan kelulusan kursus.
quiz { title="Tes Awal: Etika dan Integritas ASN", pass=0, attempts=1, time_limit="10m", shuffle=true, review="after_submit" }

single { id="pre-akronim", text="Huruf \"H\" dalam BerAKHLAK adalah singkatan dari ...",
  choices={"Harmonis", "Humanis", "Hemat", "Hormat"}, answer=1,
  feedback="Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis, Loyal, Adaptif, Kolaboratif.", tag="nilai" }

single { id="pre-pp", text="Peraturan yang kini mengatur disiplin PNS adalah ...",
  choices={"PP Nomor 94 Tahun 2021", "PP Nomor 53 Tahun 2010", "PP Nomor 11 Tahun 2017", "Perpres Nomor 95 Tahun 2018"}, answer=1,
  feedback="PP 94/2021 menggantikan PP 53/2010.", tag="disiplin" }

true_false { id="pre-terima-kasih", text="Uang \"tanda terima kasih\" dari warga setelah layanan selesai boleh diterima karena diberikan sesudah pelayanan, bukan sebelumnya.",
  answer=false, feedback="Pemberian yang berhubungan dengan jabatan tetap gratifikasi yang harus ditolak atau dilaporkan.", tag="gratifikasi" }

short { id="pre-kpk", text="Kepada lembaga apa gratifikasi yang terpaksa diterima akhirnya dilaporkan untuk ditetapkan statusnya? (singkatan)",
  accept={"KPK", "Komisi Pemberantasan Korupsi"}, feedback="Komisi Pemberantasan Korupsi (KPK), bisa melalui UPG instansi.", tag="gratifikasi" }

true_false { id="pre-konflik", text="Memiliki konflik kepentingan dengan sendirinya merupakan pelanggaran, walaupun sudah dinyatakan dan pejabat menarik diri.",
  answer=false, feedback="Yang menjadi pelanggaran adalah menyembunyikannya dan tetap mengambil keputusan.", tag="konflik" }
