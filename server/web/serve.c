/*
 * serve: `lentera serve`, the web server's entry point: its flags, the
 * start-up jobs (data folder, keys, migrations, demo accounts, old
 * certificates' codes, session purge, the course tree) and the wait for
 * a stop signal. See serve.h.
 */
#include <sys/resource.h>
#include <sys/stat.h>

#include <getopt.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "certificate.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "course.h"
#include "evaluation.h"
#include "http.h"
#include "ledger.h"
#include "log.h"
#include "gapjob.h"
#include "outbox.h"
#include "password.h"
#include "serve.h"
#include "skp.h"
#include "standard.h"
#include "store.h"
#include "verify.h"

#define DEMO_PASSWORD	"demo-lentera-2026"

static const char usage_serve[] =
    "usage: lentera serve [--listen ADDR] [--port N] [--db PATH]\n"
    "                     [--courses DIR] [--web DIR] [--threads N]\n"
    "                     [--proxy ADDR] [--no-demo] [--jp-minutes N]\n"
    "                     [--cert-prefix TEXT] [--base-url URL]\n"
    "                     [--verify-rate N] [--keys DIR] [--jp-rules FILE]\n"
    "                     [--data DIR]\n"
    "                     [--quiet]\n"
    "  --listen ADDR   address to listen on (default 127.0.0.1)\n"
    "  --port N        TCP port (default 8080)\n"
    "  --db PATH       SQLite database (default " CONFIG_DB ")\n"
    "  --db URL        PostgreSQL: postgres://user@host:port/database;\n"
    "                  several nodes may share it (docs/deploy.md)\n"
    "  --keys DIR      signing and seed keys (default: keys next to the\n"
    "                  SQLite file; required with PostgreSQL, same on\n"
    "                  every node)\n"
    "  --data DIR      uploads (default: the SQLite file's folder; with\n"
    "                  PostgreSQL \"data\", shared by every node)\n"
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
    "  --followup-months N  level-3 evaluation follow-up, months after\n"
    "                  completion (1-12, default 3; docs/evaluation.md)\n"
    "  --jp-rules FILE the agency's JP rules (docs/jp-rules.md; checked whole,\n"
    "                  FILE:LINE per problem; default the shipped rules)\n"
    "  --quiet         no access log\n"
    "  --smtp-url URL  send e-mail (assignments) through smtp://HOST[:PORT]\n"
    "                  or smtps://; with --smtp-from ADDR, optional\n"
    "                  --smtp-user NAME --smtp-password-file FILE\n"
    "  --test-clock    tests only: the clock follows LENTERA_TEST_NOW\n"
    "                  (N, +N, -N seconds or @FILE; see docs/testing.md)\n"
    "  --skj-defaults CLASS=LEVEL,...  required level per position class\n"
    "                  where no standard is imported (default jpt-utama=5,\n"
    "                  jpt-madya=5,jpt-pratama=4,administrator=3,pengawas=2,\n"
    "                  pelaksana=1; docs/planning-needs.md)\n"
    "  --talent-boxes N,N,...  the talent box number of kinerja 1..3 at\n"
    "                  potensi 1, then 2, then 3 (default 1,2,...,9)\n";

/* --smtp-password-file: the first line of an owner-only file (a
   password on the command line would show in ps). */
static int
smtp_password(const char *path)
{
	FILE		*f;
	struct stat	 sb;
	size_t		 n;

	if ((f = fopen(path, "r")) == NULL || fstat(fileno(f), &sb) == -1 ||
	    !S_ISREG(sb.st_mode) || (sb.st_mode & 077) != 0) {
		fprintf(stderr, "lentera serve: --smtp-password-file %s: must be "
		    "a regular file readable by its owner only\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	if (fgets(cfg.smtp_pass, sizeof(cfg.smtp_pass), f) == NULL)
		cfg.smtp_pass[0] = '\0';
	fclose(f);
	n = strcspn(cfg.smtp_pass, "\r\n");
	cfg.smtp_pass[n] = '\0';
	return 0;
}

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
	char		 hash[PASSWORD_HASH_LEN];
	int64_t		 n;
	size_t		 i;
	int		 rc;

	if (store_user_count(st, &n) == -1 || n > 0)
		return 0;
	if (password_hash(DEMO_PASSWORD, hash) == -1)
		return -1;
	for (i = 0; i < sizeof(demo) / sizeof(demo[0]); i++) {
		memset(&u, 0, sizeof(u));
		snprintf(u.nip, sizeof(u.nip), "%s", demo[i].nip);
		snprintf(u.name, sizeof(u.name), "%s", demo[i].name);
		snprintf(u.unit, sizeof(u.unit), "%s", demo[i].unit);
		snprintf(u.position, sizeof(u.position), "%s", demo[i].pos);
		u.role = demo[i].role;
		/* Another node seeding at the same moment: theirs stands. */
		if ((rc = store_user_insert(st, &u, hash, NULL)) ==
		    STORE_CONFLICT)
			return 0;
		if (rc != 0)
			return -1;
		log_info("DEMO account %-7s NIP %s password %s",
		    store_role_name(u.role), u.nip, DEMO_PASSWORD);
	}
	return store_audit(st, 0, "demo.accounts", "created 4 demo accounts",
	    "");
}



/*
 * One line on stderr (printed even with --quiet: it was asked for) with
 * what the group commit did since the last one: batches, jobs, batch
 * sizes by power of two, and the writer's time running jobs vs in COMMIT
 * (fsync). scripts/bench.sh sends SIGUSR1 around the submit run.
 */
static void
serve_group_stats(int reset)
{
	struct store_group_stats g;
	char		 hist[256];
	size_t		 n = 0;
	int		 b;

	store_group_stats(&g, reset);
	hist[0] = '\0';
	for (b = 0; b < STORE_GROUP_HIST; b++) {
		if (g.hist[b] == 0 || n >= sizeof(hist))
			continue;
		if (b == 0 || b == STORE_GROUP_HIST - 1)
			n += (size_t)snprintf(hist + n, sizeof(hist) - n,
			    " %d%s:%ld", 1 << b, b ? "+" : "", g.hist[b]);
		else
			n += (size_t)snprintf(hist + n, sizeof(hist) - n,
			    " %d-%d:%ld", 1 << b, (1 << (b + 1)) - 1, g.hist[b]);
	}
	fprintf(stderr, "group commit: %ld batches, %ld jobs, mean %.1f, max "
	    "%ld; sizes%s; writer %.0f ms in jobs, %.0f ms in COMMIT (mean "
	    "%.2f ms, max %.1f ms)\n", g.batches, g.jobs, g.batches ?
	    (double)g.jobs / g.batches : 0.0, g.max_batch, hist, g.jobs_ms,
	    g.commit_ms, g.batches ? g.commit_ms / g.batches : 0.0,
	    g.max_commit_ms);
}

int
serve_main(int argc, char *argv[])
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
		{ "keys", required_argument, NULL, 256 + 16 * 13 },
		/* wave 3: values 512 + 16 * k */
		/* == seam == */
		/* == pg == */
		{ "data", required_argument, NULL, 512 + 16 * 1 + 1 },
		/* == ledger == */
		{ "jp-rules", required_argument, NULL, 512 + 16 * 2 },
		/* == edge == */
		/* == eval == */
		{ "followup-months", required_argument, NULL, 512 + 16 * 4 },
		/* == plana == */
		{ "skj-defaults", required_argument, NULL, 512 + 16 * 5 },
		{ "talent-boxes", required_argument, NULL, 512 + 16 * 5 + 1 },
		/* == planb == */
		{ "smtp-url", required_argument, NULL, 512 + 16 * 6 },
		{ "smtp-from", required_argument, NULL, 512 + 16 * 6 + 1 },
		{ "smtp-user", required_argument, NULL, 512 + 16 * 6 + 2 },
		{ "smtp-password-file", required_argument, NULL, 512 + 16 * 6 + 3 },
		/* == perf == */
		/* == pgsuite == */
		/* == perfpage == */
		/* == perfdata == */
		/* == perfbench == */
		/* == pgops == */
		{ NULL, 0, NULL, 0 }
	};
	struct store	*st;
	sigset_t	 stopset;
	const char	*db = CONFIG_DB;
	int		 ch, n, sig, test_clock = 0;
	char		 clockerr[160];

	config_defaults(HTTP_THREADS_DEFAULT);
	while ((ch = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (ch) {
		case 'l': snprintf(cfg.listen, sizeof(cfg.listen), "%s", optarg); break;
		case 'p':
			if (cli_int("serve", "--port", optarg, 1, 65535, &cfg.port))
				return 2;
			break;
		case 'd': db = optarg; break;
		case 'c': snprintf(cfg.courses, sizeof(cfg.courses), "%s", optarg); break;
		case 'w': snprintf(cfg.web, sizeof(cfg.web), "%s", optarg); break;
		case 't':
			if (cli_int("serve", "--threads", optarg, 2, HTTP_THREADS_MAX,
			    &cfg.threads))
				return 2;
			break;
		case 'x': snprintf(cfg.proxy, sizeof(cfg.proxy), "%s", optarg); break;
		case 'n': cfg.demo = 0; break;
		case 'j':
			if (cli_int("serve", "--jp-minutes", optarg, 1, 600,
			    &cfg.jp_minutes))
				return 2;
			break;
		case 'P':
			if (strlen(optarg) == 0 || strlen(optarg) > 15 ||
			    strpbrk(optarg, "/ <>&\"'")) {
				fprintf(stderr, "lentera serve: --cert-prefix: "
				    "1-15 characters, no '/' or spaces\n");
				return 2;
			}
			snprintf(cfg.cert_prefix, sizeof(cfg.cert_prefix), "%s",
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

			if (config_base_url(optarg, cfg.base_url, &why)) {
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
		case 256 + 16 * 13:
			if (config_keys_arg(optarg) == -1) {
				fprintf(stderr, "lentera serve: --keys: a folder "
				    "path of 1..%d bytes\n", CONFIG_PATH_MAX - 1);
				return 2;
			}
			break;
		/* == seam == */
		/* == pg == */
		case 512 + 16 * 1 + 1:
			if (strlen(optarg) == 0 || strlen(optarg) >=
			    sizeof(cfg.data)) {
				fprintf(stderr, "lentera serve: --data: a folder "
				    "path of 1..%d bytes\n", CONFIG_PATH_MAX - 1);
				return 2;
			}
			snprintf(cfg.data, sizeof(cfg.data), "%s", optarg);
			break;
		/* == ledger == */
		case 512 + 16 * 2: {
			struct buf	 err = { 0 };

			if (ledger_rules_load(optarg, &err) == -1) {
				fprintf(stderr, "lentera serve: --jp-rules:\n%s",
				    err.p ? err.p : "");
				buf_free(&err);
				return 2;
			}
			buf_free(&err);
			snprintf(cfg.jp_rules, sizeof(cfg.jp_rules), "%s", optarg);
			break;
		}
		/* == edge == */
		/* == eval == */
		case 512 + 16 * 4:
			if (cli_int("serve", "--followup-months", optarg,
			    EVAL_FOLLOWUP_MIN, EVAL_FOLLOWUP_MAX,
			    &cfg.eval_followup_months))
				return 2;
			break;
		/* == plana == */
		case 512 + 16 * 5:
			if (standard_defaults_parse(optarg, cfg.skj_default,
			    clockerr, sizeof(clockerr)) == -1) {
				fprintf(stderr, "lentera serve: --skj-defaults: "
				    "%s\n", clockerr);
				return 2;
			}
			break;
		case 512 + 16 * 5 + 1:
			if (skp_boxes_parse(optarg, cfg.talent_box, clockerr,
			    sizeof(clockerr)) == -1) {
				fprintf(stderr, "lentera serve: --talent-boxes: "
				    "%s\n", clockerr);
				return 2;
			}
			break;
		/* == planb == */
		case 512 + 16 * 6:
			if (strncmp(optarg, "smtp://", 7) != 0 &&
			    strncmp(optarg, "smtps://", 8) != 0) {
				fprintf(stderr, "lentera serve: --smtp-url: "
				    "smtp://HOST[:PORT] or smtps://HOST[:PORT]\n");
				return 2;
			}
			if (strlen(optarg) >= sizeof(cfg.smtp_url)) {
				fprintf(stderr, "lentera serve: --smtp-url: too long\n");
				return 2;
			}
			snprintf(cfg.smtp_url, sizeof(cfg.smtp_url), "%s", optarg);
			break;
		case 512 + 16 * 6 + 1:
			if (!outbox_addr_ok(optarg)) {
				fprintf(stderr, "lentera serve: --smtp-from: one "
				    "plain address (name@example.go.id)\n");
				return 2;
			}
			snprintf(cfg.smtp_from, sizeof(cfg.smtp_from), "%s", optarg);
			break;
		case 512 + 16 * 6 + 2:
			if (strlen(optarg) >= sizeof(cfg.smtp_user) ||
			    strpbrk(optarg, "\r\n") != NULL) {
				fprintf(stderr, "lentera serve: --smtp-user: bad value\n");
				return 2;
			}
			snprintf(cfg.smtp_user, sizeof(cfg.smtp_user), "%s", optarg);
			break;
		case 512 + 16 * 6 + 3:
			if (smtp_password(optarg) == -1)
				return 2;
			break;
		/* == perf == */
		/* == pgsuite == */
		/* == perfpage == */
		/* == perfdata == */
		/* == perfbench == */
		/* == pgops == */
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
	/* Fixed thresholds: with glibc's sliding ones, a page's buffers
	   (32 KB answer, head + body) freed at the top of the heap trimmed
	   it and the next request grew it again: a brk and a TLB
	   shoot-down of the other core every few requests. */
	mallopt(M_TRIM_THRESHOLD, 4 << 20);
	mallopt(M_MMAP_THRESHOLD, 1 << 20);
	/* Every worker may hold a connection and a database file: lift the
	   soft descriptor limit (often 1024) to the hard one. */
	{
		struct rlimit	 rl;

		if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
		}
	}
	if (password_init() == -1 || config_open(db, 1) == -1)
		return 1;
	if (store_open(cfg.db, &st) == -1)
		return 1;
	if ((cfg.demo && demo_accounts(st) == -1) || certificate_backfill(st) == -1) {
		store_close(st);
		return 1;
	}
	/* Housekeeping (logged on failure): expired sessions are refused
	   on load anyway. */
	(void)store_session_purge(st, clock_now() - HTTP_SESSION_IDLE,
	    clock_now() - HTTP_SESSION_MAX);
	store_close(st);
	n = course_init(cfg.courses);
	log_info("courses: %d loaded from %s", n < 0 ? 0 : n, cfg.courses);
	signal(SIGPIPE, SIG_IGN);
	/* Block the stop signals before any thread exists, so every worker
	   inherits the mask and only sigwait() below ever takes them (a
	   handler + pause() missed signals delivered to other threads). */
	sigemptyset(&stopset);
	sigaddset(&stopset, SIGINT);
	sigaddset(&stopset, SIGTERM);
	sigaddset(&stopset, SIGUSR1);	/* the group-commit figures */
	pthread_sigmask(SIG_BLOCK, &stopset, NULL);
	if (cfg.smtp_url[0] && cfg.smtp_from[0] == '\0') {
		fprintf(stderr, "lentera serve: --smtp-url needs --smtp-from\n");
		return 2;
	}
	/* perfdata: gapjob, the gap summary rebuilt off the request */
	if (store_group_start(cfg.db) == -1 || outbox_start(cfg.db) == -1 ||
	    gapjob_start(cfg.db) == -1 || http_start() == -1)
		return 1;
	log_info("database: %s", cfg.db);
	log_info("Lentera is serving on http://%s:%d/", cfg.listen, cfg.port);
	for (;;) {
		if (sigwait(&stopset, &sig) != 0)
			continue;
		if (sig != SIGUSR1)
			break;
		serve_group_stats(1);	/* kill -USR1: print, then reset */
	}
	log_info("shutting down");
	http_stop();
	gapjob_stop();
	outbox_stop();
	serve_group_stats(0);
	store_group_stop();
	course_shutdown();
	config_close();
	return 0;
}

