/*
 * xlsx_ceiling: the XLSX reference for scripts/bench.sh. Writes ROWS rows
 * shaped like the completions export (16 cells: 11 text, 3 numbers, 2
 * dates) with libxlsxwriter alone, in the constant-memory mode Lentera's
 * exporter uses, and prints "XLSXREF rows seconds rows_per_s bytes".
 * Lentera's own XLSX figure divided by this one is what its own work
 * (the query, the cell conversion, the chunked socket) costs on top of
 * the library.  Usage: xlsx_ceiling ROWS OUT.xlsx
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <xlsxwriter.h>

int
main(int argc, char *argv[])
{
	lxw_workbook_options	 opt = { 0 };
	lxw_workbook		*wb;
	lxw_worksheet		*ws;
	lxw_format		*date, *text;
	lxw_datetime		 dt = { 2026, 3, 14, 0, 0, 0 };
	struct timespec		 t0, t1;
	char			 nip[32], name[64];
	long			 rows, r;
	double			 s;
	FILE			*f;

	if (argc != 3 || (rows = strtol(argv[1], NULL, 10)) <= 0)
		return fprintf(stderr, "usage: xlsx_ceiling ROWS OUT\n"), 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = "/tmp";
	opt.use_zip64 = LXW_TRUE;
	if ((wb = workbook_new_opt(argv[2], &opt)) == NULL ||
	    (ws = workbook_add_worksheet(wb, "Penyelesaian")) == NULL)
		return fprintf(stderr, "xlsx_ceiling: workbook\n"), 1;
	date = workbook_add_format(wb);
	format_set_num_format(date, "yyyy-mm-dd");
	text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	for (r = 0; r <= rows; r++) {
		snprintf(nip, sizeof(nip), "19800101200501%04ld", r % 10000);
		snprintf(name, sizeof(name), "Pegawai Bench %06ld", r);
		worksheet_write_string(ws, r, 0, nip, text);
		worksheet_write_string(ws, r, 1, name, NULL);
		worksheet_write_string(ws, r, 2, "Badan Kepegawaian dan "
		    "Pengembangan SDM", NULL);
		worksheet_write_string(ws, r, 3, "Analis SDM Aparatur", NULL);
		worksheet_write_string(ws, r, 4, "III/c", NULL);
		worksheet_write_string(ws, r, 5, "Kursus Bench 050", NULL);
		worksheet_write_string(ws, r, 6, "kursus-050", NULL);
		worksheet_write_string(ws, r, 7, "Pelayanan Publik", NULL);
		worksheet_write_string(ws, r, 8, "teknis", NULL);
		worksheet_write_number(ws, r, 9, 2, NULL);
		worksheet_write_number(ws, r, 10, 4, NULL);
		worksheet_write_datetime(ws, r, 11, &dt, date);
		worksheet_write_datetime(ws, r, 12, &dt, date);
		worksheet_write_number(ws, r, 13, 87.5, NULL);
		worksheet_write_string(ws, r, 14, "LNT-2026-000123", NULL);
		worksheet_write_number(ws, r, 15, 2026, NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return fprintf(stderr, "xlsx_ceiling: close\n"), 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	s = (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if ((f = fopen(argv[2], "rb")) == NULL)
		return 1;
	fseek(f, 0, SEEK_END);
	printf("XLSXREF %ld %.2f %.0f %ld\n", rows, s, rows / s, ftell(f));
	fclose(f);
	return 0;
}
