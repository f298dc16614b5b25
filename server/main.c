/*
 * main: the `lentera` command line. Subcommands parse their own flags
 * (unknown flag: one line on stderr, exit 2) and either serve or do one
 * job against the database and exit (0 ok, 1 failure).
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <malloc.h>
#include <libgen.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "cert.h"
#include "cli.h"
#include "clock.h"
#include "course.h"
#include "http.h"
#include "log.h"
#include "jprules.h"
#include "nip.h"
#include "qimport.h"
#include "regrade.h"
#include "sandbox.h"
#include "store.h"
#include "verify.h"
#include "xapi.h"

#define DEFAULT_DB	CLI_DEFAULT_DB
#define DEMO_PASSWORD	"demo-lentera-2026"


static const char usage_main[] =
    "usage: lentera COMMAND [flags]\n"
    "\n"
    "commands:\n"
    "  serve          run the web server\n"
    "  check [PATH]   validate a course tree, one course or one quiz\n"
    "  user           add, list, set-role, reset-password, deactivate,\n"
    "                 activate users (password: first line of stdin)\n"
    "  import-roster  load ASN master data from .xlsx or CSV\n"
    "  token          create or revoke HR API tokens\n"
    "  regrade QUIZ   re-grade stored attempts of course/quiz.lua\n"
    "  import-questions FILE  Moodle GIFT or Moodle XML to a quiz file\n"
    "  jp-rules [FILE] print the JP rules defaults, or check FILE\n"
    "  siasn          export the SIASN training history batch, record\n"
    "                 SIASN ids back\n"
    "\n"
    "`lentera COMMAND --help` describes each command.\n";

static const char usage_serve[] =
    "usage: lentera serve [--listen ADDR] [--port N] [--db PATH]\n"
    "                     [--courses DIR] [--web DIR] [--threads N]\n"
    "                     [--proxy ADDR] [--no-demo] [--jp-minutes N]\n"
    "                     [--cert-prefix TEXT] [--base-url URL]\n"
    "                     [--verify-rate N] [--quiet]\n"
    "  --listen ADDR   address to listen on (default 127.0.0.1)\n"
    "  --port N        TCP port (default 8080)\n"
    "  --db PATH       SQLite database (default " DEFAULT_DB ")\n"
    "  --courses DIR   course tree (default courses)\n"
    "  --web DIR       static assets (default web)\n"
    "  --threads N     worker threads (default 1024; idle ones are cheap)\n"
    "  --proxy ADDR    trust X-Forwarded-For/-Proto from this address only\n"
    "  --no-demo       never create the demo accounts\n"
    "  --jp-minutes N  minutes per JP (default 45)\n"
    "  --cert-prefix T certificate number prefix (default LTR)\n"
    "  --base-url URL  public URL (https://host[/path]): xAPI ids and links;\n"
    "                  set it in production (default: from the Host header)\n"
    "  --verify-rate N certificate lookups per minute per client address\n"
    "                  (default 20; over it: 429 with Retry-After)\n"
    "  --quiet         no access log\n"
    "  --test-clock    tests only: the clock follows LENTERA_TEST_NOW\n"
    "                  (N, +N, -N seconds or @FILE; see docs/testing.md)\n";

static const char usage_check[] =
    "usage: lentera check [PATH]\n"
    "Validates PATH (default courses): a folder of courses, one course\n"
    "folder (holding course.md) or one quiz file (.lua), with every\n"
    "module, asset and quiz in it;\n"
    "prints path:line: message per problem; exit 1 if there are any.\n";

static int
demo_accounts(struct store *st)
{
	static const struct { const char *nip, *name, *unit, *pos; int role; }
	    demo[] = {
		{ "199001012015011001", "Rina Wulandari (demo peserta)",
		  "Dinas Kependudukan dan Pencatatan Sipil", "Analis Kebijakan",
		  ROLE_LEARNER },
		{ "198502142010012002", "Budi Santoso (demo pengajar)",
		  "BKPSDM", "Widyaiswara Ahli Muda", ROLE_TRAINER },
		{ "198007172005011003", "Sri Lestari (demo SDM)",
		  "BKPSDM", "Analis SDM Aparatur", ROLE_HR },
		{ "197912312003121004", "Agus Pratama (demo admin)",
		  "Dinas Komunikasi dan Informatika", "Pranata Komputer",
		  ROLE_ADMIN },
	};
	struct user	 u;
	char		 hash[AUTH_HASH_LEN];
	int64_t		 n;
	size_t		 i;

	if (store_user_count(st, &n) == -1 || n > 0)
		return 0;
	if (auth_hash(DEMO_PASSWORD, hash) == -1)
		return -1;
	for (i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		memset(&u, 0, sizeof(u));
		snprintf(u.nip, sizeof(u.nip), "%s", demo[i].nip);
		snprintf(u.name, sizeof(u.name), "%s", demo[i].name);
		snprintf(u.unit, sizeof(u.unit), "%s", demo[i].unit);
		snprintf(u.position, sizeof(u.position), "%s", demo[i].pos);
		u.role = demo[i].role;
		if (store_user_insert(st, &u, hash, NULL) == -1)
			return -1;
		log_info("DEMO account %-7s NIP %s password %s",
		    store_role_name(u.role), u.nip, DEMO_PASSWORD);
	}
	store_audit(st, 0, "demo.accounts", "created 4 demo accounts", "");
	return 0;
}


static int
cmd_serve(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "port", required_argument, NULL, 'p' },
		{ "db", required_argument, NULL, 'd' },
		{ "courses", required_argument, NULL, 'c' },
		{ "web", required_argument, NULL, 'w' },
		{ "threads", required_argument, NULL, 't' },
		{ "proxy", required_argument, NULL, 'x' },
		{ "no-demo", no_argument, NULL, 'n' },
		{ "jp-minutes", required_argument, NULL, 'j' },
		{ "cert-prefix", required_argument, NULL, 'P' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		/* new long options: values 256 + 16 * branch index (anchors below) */
		/* == sandbox == */
		/* == assets == */
		/* == edge == */
		/* == certs == */
		{ "verify-rate", required_argument, NULL, 256 + 16 * 3 },
		/* == learner == */
		/* == hrdash == */
		/* == hradmin == */
		/* == xapi == */
		{ "base-url", required_argument, NULL, 256 + 16 * 7 },
		/* == certpdf == */
		/* == trainer == */
		/* tidy */
		{ "test-clock", no_argument, NULL, 256 + 16 * 12 },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	sigset_t	 stopset;
	const char	*db = DEFAULT_DB;
	int		 ch, n, sig, test_clock = 0;
	char		 clockerr[160];

	snprintf(app.listen, sizeof(app.listen), "127.0.0.1");
	snprintf(app.courses, sizeof(app.courses), "courses");
	snprintf(app.web, sizeof(app.web), "web");
	snprintf(app.cert_prefix, sizeof(app.cert_prefix), "LTR");
	app.port = 8080;
	app.threads = HTTP_THREADS_DEFAULT;
	app.demo = 1;
	app.jp_minutes = 45;
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': snprintf(app.listen, sizeof(app.listen), "%s", optarg); break;
		case 'p':
			if (cli_int("serve", "--port", optarg, 1, 65535, &app.port))
				return 2;
			break;
		case 'd': db = optarg; break;
		case 'c': snprintf(app.courses, sizeof(app.courses), "%s", optarg); break;
		case 'w': snprintf(app.web, sizeof(app.web), "%s", optarg); break;
		case 't':
			if (cli_int("serve", "--threads", optarg, 2, HTTP_THREADS_MAX,
			    &app.threads))
				return 2;
			break;
		case 'x': snprintf(app.proxy, sizeof(app.proxy), "%s", optarg); break;
		case 'n': app.demo = 0; break;
		case 'j':
			if (cli_int("serve", "--jp-minutes", optarg, 1, 600,
			    &app.jp_minutes))
				return 2;
			break;
		case 'P':
			if (strlen(optarg) == 0 || strlen(optarg) > 15 ||
			    strpbrk(optarg, "/ <>&\"'")) {
				fprintf(stderr, "lentera serve: --cert-prefix: "
				    "1-15 characters, no '/' or spaces\n");
				return 2;
			}
			snprintf(app.cert_prefix, sizeof(app.cert_prefix), "%s",
			    optarg);
			break;
		case 'q': log_set_quiet(1); break;
		case 'h': fputs(usage_serve, stdout); return 0;
		/* == sandbox == */
		/* == assets == */
		/* == edge == */
		/* == certs == */
		case 256 + 16 * 3:
			if (cli_int("serve", "--verify-rate", optarg, 1, 6000,
			    &n))
				return 2;
			verify_set_rate(n);
			break;
		/* == learner == */
		/* == hrdash == */
		/* == hradmin == */
		/* == xapi == */
		case 256 + 16 * 7: {
			const char	*why;

			if (xapi_param_base_url(optarg, app.base_url, &why)) {
				fprintf(stderr, "lentera serve: --base-url %s\n",
				    why);
				return 2;
			}
			break;
		}
		/* == certpdf == */
		/* == trainer == */
		/* tidy */
		case 256 + 16 * 12: test_clock = 1; break;
		default: return cli_bad_flag("serve", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_bad_flag("serve", argv[optind]);
	if (test_clock) {
		if (clock_test_enable(clockerr, sizeof(clockerr)) == -1) {
			fprintf(stderr, "lentera serve: --test-clock: %s\n", clockerr);
			return 2;
		}
		log_warnx("WARNING: --test-clock: the clock follows "
		    "LENTERA_TEST_NOW (now %lld); for tests only, never in "
		    "production", (long long)clock_now());
	}
	/* One malloc arena per thread (glibc's default, up to 8 per core)
	   fragments 32 workers' short-lived buffers into RSS: two suffice. */
	mallopt(M_ARENA_MAX, 2);
	/* Every worker may hold a connection and a database file: lift the
	   soft descriptor limit (often 1024) to the hard one. */
	{
		struct rlimit	 rl;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	if (auth_init() == -1 || cli_open_db(db, 1) == -1)
		return 1;
	if (store_open(app.db, &st) == -1)
		return 1;
	if ((app.demo && demo_accounts(st) == -1) || verify_backfill(st) == -1) {
		store_close(st);
		return 1;
	}
	store_session_purge(st, clock_now() - HTTP_SESSION_IDLE,
	    clock_now() - HTTP_SESSION_MAX);
	store_close(st);
	n = course_init(app.courses);
	log_info("courses: %d loaded from %s", n < 0 ? 0 : n, app.courses);
	signal(SIGPIPE, SIG_IGN);
	/* Block the stop signals before any thread exists, so every worker
	   inherits the mask and only sigwait() below ever takes them (a
	   handler + pause() missed signals delivered to other threads). */
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGINT);
	sigaddset(&stopset, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &stopset, NULL);
	if (store_group_start(app.db) == -1 || http_start() == -1)
		return 1;
	log_info("database: %s", app.db);
	log_info("Lentera is serving on http://%s:%d/", app.listen, app.port);
	while (sigwait(&stopset, &sig) != 0)
		;
	log_info("shutting down");
	http_stop();
	store_group_stop();
	course_shutdown();
	cert_key_free(app.key);
	return 0;
}

static int
cmd_check(int argc, char *argv[])
{
	struct buf	 out = { 0 };
	const char	*dir = "courses";
	struct catalog	*cat;
	int		 n;

	if (argc > 1 && strcmp(argv[1], "--help") == 0) {
		fputs(usage_check, stdout);
		return 0;
	}
	if (argc > 1 && argv[1][0] == '-')
		return cli_bad_flag("check", argv[1]);
	if (argc > 2)
		return cli_bad_flag("check", argv[2]);
	if (argc > 1)
		dir = argv[1];
	log_set_quiet(1);
	/* A script the sandbox cannot stop ends check with an error. */
	sandbox_set_stuck_fatal(1);
	n = course_check(dir, &out);
	if (out.n)
		fputs(out.p, stdout);
	buf_free(&out);
	if (n > 0) {
		fprintf(stderr, "%d problem%s found\n", n, n == 1 ? "" : "s");
		return 1;
	}
	switch (course_check_kind(dir)) {
	case COURSE_CHECK_QUIZ:
		printf("%s: quiz OK\n", dir);
		return 0;
	case COURSE_CHECK_COURSE:
		printf("%s: course OK\n", dir);
		return 0;
	default:
		break;
	}
	course_init(dir);
	cat = course_catalog();
	printf("%s: %d course%s OK\n", dir, cat->n, cat->n == 1 ? "" : "s");
	course_release(cat);
	course_shutdown();
	return 0;
}

int
main(int argc, char *argv[])
{
	static const struct { const char *name; int (*fn)(int, char **); }
	    cmds[] = {
		{ "serve", cmd_serve },
		{ "check", cmd_check },
		{ "user", cli_user },
		{ "regrade", regrade_main },
		{ "token", cli_token },
		{ "import-roster", cli_import_roster },
		{ "import-questions", qimport_main },
		{ "jp-rules", jprules_main },
		{ "siasn", cli_siasn },
	};
	size_t	 i;

	/* Everything this process creates (database, -wal/-shm, keys,
	   export temp files) holds personal data or secrets: owner only. */
	umask(077);
	opterr = 0;
	if (argc < 2 || strcmp(argv[1], "--help") == 0 ||
	    strcmp(argv[1], "-h") == 0) {
		fputs(usage_main, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		if (strcmp(argv[1], cmds[i].name) == 0)
			return cmds[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "lentera: unknown command %s (see lentera --help)\n",
	    argv[1]);
	return 2;
}
