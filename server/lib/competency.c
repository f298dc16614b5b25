/* competency: PermenPANRB 38/2017 types and levels. See competency.h. */
#include <string.h>

#include "competency.h"

static const struct {
	const char	*id;
	enum msg	 label;
} types[CTYPE_N] = {
	[CTYPE_TEKNIS] = { "teknis", M_TYPE_TEKNIS },
	[CTYPE_MANAJERIAL] = { "manajerial", M_TYPE_MANAJERIAL },
	[CTYPE_SOSIAL_KULTURAL] = { "sosial-kultural", M_TYPE_SOSIAL },
};

int
competency_type_parse(const char *s)
{
	int	 i;

	if (s == NULL)
		return -1;
	for (i = 0; i < CTYPE_N; i++)
		if (strcmp(s, types[i].id) == 0)
			return i;
	return -1;
}

const char *
competency_type_id(int t)
{
	return t >= 0 && t < CTYPE_N ? types[t].id : "";
}

enum msg
competency_type_msg(int t)
{
	return t >= 0 && t < CTYPE_N ? types[t].label : M_TYPE_TEKNIS;
}

int
competency_level_ok(int level)
{
	return level >= COMPETENCY_LEVEL_MIN && level <= COMPETENCY_LEVEL_MAX;
}

/*
 * PermenPANRB 38/2017, lampiran: kamus kompetensi manajerial dan sosial
 * kultural. Descriptions are our own words; each level includes the
 * ones below it.
 */
static const struct competency_def builtin[COMPETENCY_BUILTIN_N] = {
	{ "Integritas", CTYPE_MANAJERIAL,
	  "Konsisten berperilaku selaras dengan nilai, norma dan etika "
	  "organisasi, serta jujur kepada atasan, rekan, bawahan dan pemangku "
	  "kepentingan.",
	  { "Bertindak sesuai nilai, norma dan etika organisasi dalam "
	    "tugasnya sendiri.",
	    "Mengingatkan dan mengajak rekan kerja bertindak sesuai nilai, "
	    "norma dan etika organisasi.",
	    "Memastikan dan menanamkan keyakinan agar anggota unit yang "
	    "dipimpin bertindak sesuai nilai, norma dan etika organisasi.",
	    "Menciptakan situasi kerja yang mendorong kepatuhan pada nilai, "
	    "norma dan etika di seluruh organisasi.",
	    "Menjadi teladan penerapan standar keadilan dan etika di tingkat "
	    "nasional." } },
	{ "Kerja Sama", CTYPE_MANAJERIAL,
	  "Membangun dan menjaga hubungan kerja yang efektif, saling "
	  "menghargai dan produktif untuk mencapai tujuan bersama.",
	  { "Ikut serta secara aktif dalam kelompok kerja.",
	    "Menumbuhkan tim kerja yang partisipatif dan efektif.",
	    "Membangun tim kerja yang efektif untuk meningkatkan kinerja "
	    "organisasi.",
	    "Membangun komitmen dan sinergi antarunit untuk tujuan "
	    "organisasi.",
	    "Menciptakan kerja sama yang konsisten di dalam dan di luar "
	    "instansi, termasuk lintas sektor." } },
	{ "Komunikasi", CTYPE_MANAJERIAL,
	  "Menyampaikan dan menerima pesan secara lisan dan tertulis dengan "
	  "jelas, sehingga dipahami sama oleh penerimanya.",
	  { "Menyampaikan informasi dengan jelas, lengkap dan dapat dipahami.",
	    "Aktif berkomunikasi formal maupun informal, mendengarkan dan "
	    "menanggapi dengan tepat, menyusun bahan paparan dan laporan.",
	    "Berkomunikasi secara asertif dan terampil menyampaikan informasi "
	    "yang sensitif atau rumit.",
	    "Mengemukakan gagasan multidimensi untuk membangun kesepakatan "
	    "yang meningkatkan kinerja.",
	    "Menggagas sistem komunikasi terbuka yang strategis di tingkat "
	    "instansi untuk mencari solusi bersama." } },
	{ "Orientasi pada Hasil", CTYPE_MANAJERIAL,
	  "Menjaga komitmen menyelesaikan tugas dengan hasil terbaik dan "
	  "terus meningkatkan standar kinerja.",
	  { "Bertanggung jawab memenuhi standar kerja yang ditetapkan.",
	    "Berupaya mencapai hasil di atas standar dan mencoba cara baru "
	    "untuk meningkatkan kinerja.",
	    "Menetapkan target yang menantang bagi unit kerja serta memberi "
	    "apresiasi dan teguran untuk mendorong kinerja.",
	    "Mengembangkan standar kinerja dan mendorong unit-unit mencapai "
	    "kinerja tinggi di lingkup organisasi.",
	    "Menciptakan iklim yang mendorong hasil kerja bermutu tinggi dan "
	    "inovatif di tingkat instansi atau nasional." } },
	{ "Pelayanan Publik", CTYPE_MANAJERIAL,
	  "Memberikan pelayanan yang berkualitas, berintegritas, netral dan "
	  "tidak diskriminatif sesuai kebutuhan masyarakat.",
	  { "Melaksanakan tugas pelayanan sesuai standar pelayanan.",
	    "Mengawasi dan membimbing kelompok dalam memberi pelayanan serta "
	    "menjelaskan hambatannya.",
	    "Memanfaatkan kekuatan kelompok dan memperbaiki standar pelayanan "
	    "di lingkup unit kerja.",
	    "Memantau, mengevaluasi dan mengantisipasi dampak isu jangka "
	    "panjang pada pelayanan yang transparan, objektif dan profesional.",
	    "Merumuskan kebijakan yang menjamin pelayanan publik yang netral, "
	    "tidak memihak dan bebas kepentingan pribadi atau golongan." } },
	{ "Pengembangan Diri dan Orang Lain", CTYPE_MANAJERIAL,
	  "Meningkatkan kemampuan diri sendiri dan orang lain secara "
	  "berkelanjutan untuk kinerja yang lebih baik.",
	  { "Mengembangkan kemampuan diri sendiri sesuai tuntutan tugas.",
	    "Meningkatkan kemampuan bawahan dengan memberi contoh dan "
	    "menjelaskan cara kerja.",
	    "Memberi umpan balik konstruktif dan membimbing orang lain secara "
	    "teratur.",
	    "Menyusun program pengembangan jangka panjang dan mendorong "
	    "manajemen pembelajaran.",
	    "Menciptakan budaya belajar berkelanjutan di tingkat instansi." } },
	{ "Mengelola Perubahan", CTYPE_MANAJERIAL,
	  "Menyesuaikan diri dengan perubahan dan membantu orang lain serta "
	  "organisasi melewatinya.",
	  { "Mengikuti perubahan sesuai arahan.",
	    "Beradaptasi secara proaktif terhadap perubahan.",
	    "Membantu orang lain mengikuti perubahan dan mengantisipasinya "
	    "dengan tepat.",
	    "Memimpin perubahan di unit kerja.",
	    "Mengelola perubahan untuk mencapai tujuan instansi atau "
	    "nasional." } },
	{ "Pengambilan Keputusan", CTYPE_MANAJERIAL,
	  "Mengambil keputusan yang tepat waktu dan dapat dipertanggung"
	  "jawabkan dari informasi yang cukup, dengan memperhitungkan "
	  "risikonya.",
	  { "Mengumpulkan informasi untuk bertindak sesuai kewenangan.",
	    "Menganalisis masalah secara mendalam sebelum memutuskan.",
	    "Membandingkan alternatif dan menimbang risiko pelaksanaannya.",
	    "Memutuskan masalah berisiko tinggi, mengantisipasi dampaknya dan "
	    "menyiapkan mitigasi.",
	    "Menghasilkan keputusan mendasar yang berdampak luas dan jangka "
	    "panjang." } },
	{ "Perekat Bangsa", CTYPE_SOSIAL_KULTURAL,
	  "Mendorong sikap toleransi, keterbukaan dan persatuan di tengah "
	  "kemajemukan masyarakat Indonesia.",
	  { "Peka, memahami dan menerima kemajemukan.",
	    "Aktif mengembangkan sikap saling menghargai dan menekankan "
	    "persamaan dan persatuan.",
	    "Mempromosikan dan mengembangkan sikap toleransi dan persatuan.",
	    "Mendayagunakan perbedaan secara konstruktif untuk efektivitas "
	    "organisasi.",
	    "Menjadi wakil pemerintah yang membangun hubungan sosial dan "
	    "persatuan di tingkat nasional dan internasional." } },
};

const struct competency_def *
competency_builtin(int i)
{
	return i >= 0 && i < COMPETENCY_BUILTIN_N ? &builtin[i] : NULL;
}

int
competency_key(const char *name, char *out, size_t outlen)
{
	size_t	 n = 0;
	int	 space = 0;

	if (outlen == 0)
		return -1;
	out[0] = '\0';
	if (name == NULL)
		return -1;
	for (; *name; name++) {
		unsigned char ch = (unsigned char)*name;

		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n') {
			space = n > 0;
			continue;
		}
		if (space) {
			if (n + 1 >= outlen || n + 1 >= COMPETENCY_KEY_MAX)
				return -1;
			out[n++] = ' ';
			space = 0;
		}
		if (n + 1 >= outlen || n + 1 >= COMPETENCY_KEY_MAX)
			return -1;
		out[n++] = ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
	}
	out[n] = '\0';
	return n == 0 ? -1 : 0;
}

const struct competency_def *
competency_builtin_find(const char *name)
{
	char	 k[COMPETENCY_KEY_MAX], b[COMPETENCY_KEY_MAX];
	int	 i;

	if (competency_key(name, k, sizeof(k)) == -1)
		return NULL;
	for (i = 0; i < COMPETENCY_BUILTIN_N; i++)
		if (competency_key(builtin[i].name, b, sizeof(b)) == 0 &&
		    strcmp(k, b) == 0)
			return &builtin[i];
	return NULL;
}
