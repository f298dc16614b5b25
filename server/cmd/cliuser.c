/*
 * cliuser: `lentera user add|list|set-role|reset-password|deactivate|
 * activate`, for the operator at the server's console. Messages are in
 * Bahasa Indonesia; bad flags exit 2 with one line on stderr, a refused
 * or failed job exits 1. Changes go through useradm.c (one transaction
 * with the audit row, actor "system / command line", address "cli").
 * No web layer here: store, auth (password hashing) and roster
 * (golongan rules) only.
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "password.h"
#include "cli.h"
#include "cmds.h"
#include "nip.h"
#include "roster.h"
#include "store.h"
#include "useradm.h"

static const char usage[] =
    "Cara pakai (usage): lentera user PERINTAH [opsi] [--db PATH]\n"
    "\n"
    "Perintah:\n"
    "  add             tambah pengguna; kata sandi dibaca dari baris pertama\n"
    "                  masukan standar (stdin), tidak pernah dari argumen\n"
    "                  --nip NIP --name NAMA --role learner|trainer|hr|admin\n"
    "                  [--unit UNIT] [--position JABATAN] [--golongan GOL]\n"
    "  list            daftar pengguna [--role PERAN] [--search NIP/NAMA]\n"
    "  set-role        ubah peran: --nip NIP --role PERAN\n"
    "  reset-password  kata sandi baru dari stdin; semua sesi pengguna\n"
    "                  berakhir: --nip NIP\n"
    "  deactivate      nonaktifkan: tidak bisa masuk lagi, semua sesi\n"
    "                  berakhir, riwayat belajar tetap tersimpan: --nip NIP\n"
    "  activate        aktifkan kembali: --nip NIP\n"
    "\n"
    "  --db PATH       basis data SQLite (bawaan " CLI_DEFAULT_DB ")\n"
    "Setiap perubahan dicatat di log audit. Status keluar: 0 berhasil,\n"
    "1 ditolak atau gagal, 2 perintah atau opsi salah.\n";

/* What the flags said; which ones a subcommand takes is checked after. */
struct args {
	const char	*nip, *name, *role, *unit, *position, *golongan;
	const char	*search, *db;
};

enum { F_NIP = 1, F_NAME = 2, F_ROLE = 4, F_UNIT = 8, F_POSITION = 16,
	F_GOLONGAN = 32, F_SEARCH = 64 };

static int
bad_flag(const char *cmd, const char *arg)
{
	fprintf(stderr, "lentera user %s: opsi tidak dikenal atau tidak "
	    "lengkap: %s (lihat lentera user --help)\n", cmd, arg ? arg : "");
	return 2;
}

/* Parses argv for cmd, allowing only the flags in allow. 0, 2 or -1
   (--help printed: exit 0). */
static int
parse(const char *cmd, int argc, char **argv, int allow, struct args *a)
{
	static const struct option opts[] = {
		{ "nip", required_argument, NULL, F_NIP },
		{ "name", required_argument, NULL, F_NAME },
		{ "role", required_argument, NULL, F_ROLE },
		{ "unit", required_argument, NULL, F_UNIT },
		{ "position", required_argument, NULL, F_POSITION },
		{ "golongan", required_argument, NULL, F_GOLONGAN },
		{ "search", required_argument, NULL, F_SEARCH },
		{ "db", required_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char	 flag[32];
	int	 ch, li;

	memset(a, 0, sizeof(*a));
	a->db = CLI_DEFAULT_DB;
	optind = 1;
	while ((li = -1, ch = getopt_long(argc, argv, "", opts, &li)) != -1) {
		if (ch == 'h') {
			fputs(usage, stdout);
			return -1;
		}
		if (ch == 'd') {
			a->db = optarg;
			continue;
		}
		if (ch == '?')
			return bad_flag(cmd, argv[optind - 1]);
		if (!(ch & allow)) {
			/* Known flag, wrong command: name the flag, not its value. */
			snprintf(flag, sizeof(flag), "--%s", li >= 0 ?
			    opts[li].name : "?");
			return bad_flag(cmd, flag);
		}
		switch (ch) {
		case F_NIP: a->nip = optarg; break;
		case F_NAME: a->name = optarg; break;
		case F_ROLE: a->role = optarg; break;
		case F_UNIT: a->unit = optarg; break;
		case F_POSITION: a->position = optarg; break;
		case F_GOLONGAN: a->golongan = optarg; break;
		case F_SEARCH: a->search = optarg; break;
		}
	}
	if (optind < argc)
		return bad_flag(cmd, argv[optind]);
	return 0;
}

/* The role flag as an enum role; ROLE_NONE and a message if unknown. */
static int
role_arg(const char *cmd, const char *s)
{
	int	 role = store_role_parse(s);

	if (role == ROLE_NONE)
		fprintf(stderr, "lentera user %s: --role harus learner, trainer, "
		    "hr atau admin (bukan \"%s\")\n", cmd, s);
	return role;
}

/* The NIP as typed, checked; 0 ok, 1 invalid (message printed). */
static int
nip_arg(const char *cmd, const char *nip)
{
	char	 why[128];

	if (nip_valid(nip, why, sizeof(why)))
		return 0;
	fprintf(stderr, "lentera user %s: NIP \"%s\" tidak valid: %s\n", cmd,
	    nip, why);
	return 1;
}

static int
open_store(const char *db, struct store **st)
{
	*st = NULL;
	if (config_open(db, 0) == -1 || store_open(db, st) == -1) {
		fprintf(stderr, "lentera user: basis data %s tidak bisa "
		    "dibuka\n", db);
		return -1;
	}
	return 0;
}

/* The password from stdin's first line, checked; 0 or 1 (printed). */
static int
read_password(const char *cmd, char *pw, size_t len)
{
	const char	*p;

	if (cli_read_line(pw, len) == -1) {
		fprintf(stderr, "lentera user %s: tidak ada kata sandi di "
		    "masukan standar (atau lebih dari %d karakter)\n", cmd,
		    PASSWORD_MAX);
		return 1;
	}
	if ((p = password_problem(pw)) != NULL) {
		fprintf(stderr, "lentera user %s: kata sandi terlalu %s (%d..%d "
		    "karakter)\n", cmd, strcmp(p, "short") == 0 ? "pendek" :
		    "panjang", PASSWORD_MIN, PASSWORD_MAX);
		return 1;
	}
	return 0;
}

static int
user_add(int argc, char **argv)
{
	struct args	 a;
	struct user	 u;
	struct store	*st = NULL;
	char		 pw[PASSWORD_MAX + 2], hash[PASSWORD_HASH_LEN];
	int		 rc, add;

	if ((rc = parse("add", argc, argv, F_NIP | F_NAME | F_ROLE | F_UNIT |
	    F_POSITION | F_GOLONGAN, &a)) != 0)
		return rc == -1 ? 0 : rc;
	if (a.nip == NULL || a.name == NULL || a.role == NULL) {
		fprintf(stderr, "lentera user add: --nip, --name dan --role "
		    "wajib diisi\n");
		return 2;
	}
	memset(&u, 0, sizeof(u));
	if ((u.role = role_arg("add", a.role)) == ROLE_NONE)
		return 2;
	if (a.golongan && a.golongan[0] && !roster_golongan(a.golongan,
	    u.golongan, sizeof(u.golongan))) {
		fprintf(stderr, "lentera user add: --golongan \"%s\" tidak "
		    "dikenal (contoh: III/a untuk PNS, IX untuk PPPK)\n",
		    a.golongan);
		return 2;
	}
	if (nip_arg("add", a.nip))
		return 1;
	if (a.name[0] == '\0' || strlen(a.name) >= sizeof(u.name) ||
	    (a.unit && strlen(a.unit) >= sizeof(u.unit)) ||
	    (a.position && strlen(a.position) >= sizeof(u.position))) {
		fprintf(stderr, "lentera user add: --name wajib (maksimal %zu "
		    "byte); --unit dan --position maksimal %zu byte\n",
		    sizeof(u.name) - 1, sizeof(u.unit) - 1);
		return 1;
	}
	snprintf(u.nip, sizeof(u.nip), "%s", a.nip);
	snprintf(u.name, sizeof(u.name), "%s", a.name);
	snprintf(u.unit, sizeof(u.unit), "%s", a.unit ? a.unit : "");
	snprintf(u.position, sizeof(u.position), "%s", a.position ?
	    a.position : "");
	u.active = 1;
	if (read_password("add", pw, sizeof(pw)))
		return 1;
	rc = 1;
	if (password_init() == -1 || open_store(a.db, &st) == -1)
		goto out;
	if (store_user_by_nip(st, u.nip, &(struct user){ 0 }, NULL, 0) == 0) {
		fprintf(stderr, "lentera user add: NIP %s sudah terdaftar\n",
		    u.nip);
		goto out;
	}
	if (password_hash(pw, hash) == -1 ||
	    (add = useradm_add(st, &u, hash, 0, "cli", NULL)) == STORE_ERROR) {
		fprintf(stderr, "lentera user add: gagal menyimpan (kesalahan "
		    "basis data); tidak ada yang berubah\n");
		goto out;
	}
	if (add == STORE_CONFLICT) {	/* added meanwhile by someone else */
		fprintf(stderr, "lentera user add: NIP %s sudah terdaftar\n",
		    u.nip);
		goto out;
	}
	printf("pengguna %s (%s) ditambahkan sebagai %s\n", u.nip, u.name,
	    store_role_name(u.role));
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	store_close(st);
	return rc;
}

struct list_ctx {
	int	 role, n;
};

static void
list_row(void *arg, const struct user *u)
{
	struct list_ctx	*x = arg;

	if (x->role && u->role != x->role)
		return;
	printf("%-18s  %-7s  %-8s  %-10s  %-6s  %s | %s\n", u->nip,
	    store_role_name(u->role), u->active ? "aktif" : "nonaktif",
	    u->has_password ? "ada" : "belum", u->golongan[0] ? u->golongan :
	    "-", u->name, u->unit);
	x->n++;
}

static int
user_list(int argc, char **argv)
{
	struct list_ctx	 x = { 0, 0 };
	struct args	 a;
	struct store	*st;
	int		 rc;

	if ((rc = parse("list", argc, argv, F_ROLE | F_SEARCH, &a)) != 0)
		return rc == -1 ? 0 : rc;
	if (a.role && (x.role = role_arg("list", a.role)) == ROLE_NONE)
		return 2;
	if (open_store(a.db, &st) == -1)
		return 1;
	printf("%-18s  %-7s  %-8s  %-10s  %-6s  %s\n", "NIP", "PERAN",
	    "STATUS", "KATA SANDI", "GOL", "NAMA | UNIT KERJA");
	rc = store_user_search(st, a.search ? a.search : "", 0x7fffffff,
	    list_row, &x);
	store_close(st);
	if (rc == -1) {
		fprintf(stderr, "lentera user list: kesalahan basis data\n");
		return 1;
	}
	printf("%d pengguna\n", x.n);
	return 0;
}

/* set-role, reset-password, deactivate, activate: one user by NIP. */
static int
user_change(const char *cmd, int argc, char **argv)
{
	struct args	 a;
	struct user	 u;
	struct store	*st = NULL;
	char		 pw[PASSWORD_MAX + 2], hash[PASSWORD_HASH_LEN];
	int		 rc, role = ROLE_NONE, setrole = strcmp(cmd, "set-role") == 0;
	int		 reset = strcmp(cmd, "reset-password") == 0;
	int		 on = strcmp(cmd, "activate") == 0;

	if ((rc = parse(cmd, argc, argv, F_NIP | (setrole ? F_ROLE : 0),
	    &a)) != 0)
		return rc == -1 ? 0 : rc;
	if (a.nip == NULL || (setrole && a.role == NULL)) {
		fprintf(stderr, "lentera user %s: --nip%s wajib diisi\n", cmd,
		    setrole ? " dan --role" : "");
		return 2;
	}
	if (setrole && (role = role_arg(cmd, a.role)) == ROLE_NONE)
		return 2;
	if (nip_arg(cmd, a.nip))
		return 1;
	if (reset && read_password(cmd, pw, sizeof(pw)))
		return 1;
	rc = 1;
	if (password_init() == -1 || open_store(a.db, &st) == -1)
		goto out;
	if ((rc = store_user_by_nip(st, a.nip, &u, NULL, 0)) != 0) {
		fprintf(stderr, "lentera user %s: %s\n", cmd, rc == 1 ?
		    "tidak ada pengguna dengan NIP itu" : "kesalahan basis data");
		if (rc == 1)
			fprintf(stderr, "  (NIP yang dicari: %s)\n", a.nip);
		rc = 1;
		goto out;
	}
	rc = 1;
	if (setrole) {
		if (u.role == role) {
			printf("%s (%s) sudah berperan %s; tidak ada perubahan\n",
			    u.nip, u.name, store_role_name(role));
			rc = 0;
			goto out;
		}
		if (useradm_set_role(st, &u, role, 0, "cli") != 0)
			goto dberr;
		printf("peran %s (%s) diubah: %s -> %s\n", u.nip, u.name,
		    store_role_name(u.role), store_role_name(role));
	} else if (reset) {
		if (password_hash(pw, hash) == -1 ||
		    useradm_set_password(st, &u, hash, 0, "cli") != 0)
			goto dberr;
		printf("kata sandi %s (%s) direset; semua sesinya berakhir\n",
		    u.nip, u.name);
	} else {
		if (u.active == on) {
			printf("%s (%s) sudah %s; tidak ada perubahan\n", u.nip,
			    u.name, on ? "aktif" : "nonaktif");
			rc = 0;
			goto out;
		}
		if (useradm_set_active(st, &u, on, 0, "cli") != 0)
			goto dberr;
		if (on)
			printf("%s (%s) diaktifkan kembali\n", u.nip, u.name);
		else
			printf("%s (%s) dinonaktifkan: tidak bisa masuk lagi, "
			    "semua sesinya berakhir; riwayat belajar tetap "
			    "tersimpan\n", u.nip, u.name);
	}
	rc = 0;
	goto out;
dberr:
	fprintf(stderr, "lentera user %s: gagal menyimpan (kesalahan basis "
	    "data); tidak ada yang berubah\n", cmd);
	rc = 1;
out:
	sodium_memzero(pw, sizeof(pw));
	store_close(st);
	return rc;
}

int
cli_user(int argc, char **argv)
{
	static const char *const changes[] = { "set-role", "reset-password",
		"deactivate", "activate" };
	size_t	 i;

	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return user_add(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_list(argc - 1, argv + 1);
	for (i = 0; i < sizeof(changes) / sizeof(changes[0]); i++)
		if (strcmp(argv[1], changes[i]) == 0)
			return user_change(changes[i], argc - 1, argv + 1);
	fprintf(stderr, "lentera user: perintah tidak dikenal \"%s\" (lihat "
	    "lentera user --help)\n", argv[1]);
	return 2;
}
