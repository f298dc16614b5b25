/* qimport_cli: `lentera import-questions`. See qimport.h. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cmds.h"
#include "qimport.h"
#include "utf8.h"

#define TITLE_MAX	255


static const char usage[] =
    "pemakaian: lentera import-questions BERKAS --format gift|moodle-xml\n"
    "                                   --out KUIS.lua [--title JUDUL] [--force]\n"
    "Mengubah bank soal Moodle (GIFT atau Moodle XML) menjadi berkas kuis\n"
    "Lentera, lalu memeriksanya seperti `lentera check`. Soal yang tidak\n"
    "dapat dibawa dilaporkan sebagai BERKAS:BARIS: alasan.\n"
    "  --format F   gift | moodle-xml\n"
    "  --out P      berkas kuis yang ditulis (tidak ditimpa tanpa --force)\n"
    "  --title T    judul kuis (bawaan: nama berkas sumber)\n"
    "Kode keluar: 0 tertulis dan lolos pemeriksaan, 1 gagal, 2 salah pakai.\n";

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p = NULL;
	long	 n = -1;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    (size_t)n <= QI_SRC_MAX && fseek(f, 0, SEEK_SET) == 0 &&
	    (p = malloc((size_t)n + 1)) != NULL) {
		if (fread(p, 1, (size_t)n, f) != (size_t)n) {
			free(p);
			p = NULL;
		} else {
			p[n] = '\0';
			*len = (size_t)n;
		}
	} else if (n > 0 && (size_t)n > QI_SRC_MAX)
		errno = EFBIG;
	fclose(f);
	return p;
}

/* Written beside the target and renamed, so a failure leaves no half
   file; O_EXCL unless --force. */
static int
write_file(const char *path, const struct buf *b, int force)
{
	char	 tmp[4096];
	int	 fd;

	if (!force && access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp))
		return -1;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0644)) == -1)
		return -1;
	if (write(fd, b->p, b->n) != (ssize_t)b->n || fsync(fd) == -1) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

int
qimport_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, 'f' },
		{ "out", required_argument, NULL, 'o' },
		{ "title", required_argument, NULL, 't' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct qi_bank	*bk = NULL;
	struct buf	 out = { 0 }, problems = { 0 };
	const char	*fmt = NULL, *dst = NULL, *src_path;
	char		 title[TITLE_MAX + 1] = "", *src = NULL;
	size_t		 len = 0;
	int		 ch, force = 0, rc = 1, bad, xml, line;

	optind = 1;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'f': fmt = optarg; break;
		case 'o': dst = optarg; break;
		case 't': snprintf(title, sizeof(title), "%s", optarg); break;
		case 'F': force = 1; break;
		case 'h': fputs(usage, stdout); return 0;
		default: return cli_bad_flag("import-questions",
		    argv[optind - 1]);
		}
	}
	if (optind != argc - 1 || fmt == NULL || dst == NULL) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(fmt, "gift") != 0 && strcmp(fmt, "moodle-xml") != 0) {
		fprintf(stderr, "lentera import-questions: --format harus gift "
		    "atau moodle-xml, bukan \"%s\"\n", fmt);
		return 2;
	}
	xml = fmt[0] == 'm';
	src_path = argv[optind];
	if ((src = slurp(src_path, &len)) == NULL) {
		fprintf(stderr, "lentera import-questions: %s: %s\n", src_path,
		    errno == EFBIG ? "berkas lebih dari 8 MiB" :
		    strerror(errno));
		return 1;
	}
	if (!xml && (bad = (int)(utf8_prefix(src, len, 0) != len))) {
		size_t	 at = utf8_prefix(src, len, 0);

		line = 1;
		for (size_t j = 0; j < at; j++)
			line += src[j] == '\n';
		fprintf(stderr, "%s:%d: bukan UTF-8 atau memuat byte NUL "
		    "(simpan ulang berkas GIFT sebagai UTF-8)\n", src_path,
		    line);
		goto out;
	}
	if (title[0] == '\0') {
		const char *base = strrchr(src_path, '/');
		char	*dot;

		snprintf(title, sizeof(title), "%s", base ? base + 1 : src_path);
		if ((dot = strrchr(title, '.')) != NULL && dot != title)
			*dot = '\0';
	}
	if ((bk = calloc(1, sizeof(*bk))) == NULL)
		goto out;
	qi_bank_init(bk, src_path);
	bad = xml ? qi_parse_moodle_xml(bk, src, len) :
	    qi_parse_gift(bk, src, len);
	if (bad == -1 || qimport_lua(bk, title, &out) == -1) {
		if (bk->notes.n)
			fwrite(bk->notes.p, 1, bk->notes.n, stderr);
		fprintf(stderr, "lentera import-questions: %s tidak ditulis\n",
		    dst);
		goto out;
	}
	if (bk->notes.n)
		fwrite(bk->notes.p, 1, bk->notes.n, stderr);
	if (write_file(dst, &out, force) == -1) {
		fprintf(stderr, "lentera import-questions: %s: %s\n", dst,
		    errno == EEXIST ? "sudah ada (pakai --force untuk "
		    "menimpa)" : strerror(errno));
		goto out;
	}
	/* The same checks as `lentera check FILE`. */
	if (quiz_check(dst, &problems) > 0) {
		fwrite(problems.p, 1, problems.n, stderr);
		fprintf(stderr, "lentera import-questions: %s ditulis, tetapi "
		    "belum lolos pemeriksaan: perbaiki baris di atas\n", dst);
		goto out;
	}
	printf("%d soal ditulis ke %s; %d dilewati%s\n", bk->written, dst,
	    bk->skipped,
	    bk->skipped ? " (lihat catatan di atas)" : "");
	rc = 0;
out:
	if (bk)
		qi_bank_free(bk);
	free(bk);
	free(src);
	buf_free(&out);
	buf_free(&problems);
	return rc;
}
