/* outbox: the e-mail worker (libcurl SMTP). See outbox.h. */
#include <curl/curl.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "buf.h"
#include "clock.h"
#include "config.h"
#include "log.h"
#include "outbox.h"
#include "store_planb.h"

static pthread_t	 worker;
static pthread_mutex_t	 mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t	 cv = PTHREAD_COND_INITIALIZER;
static int		 running, stopping, kicked;
static struct store	*wst;

int
outbox_enabled(void)
{
	return cfg.smtp_url[0] != '\0';
}

int
outbox_addr_ok(const char *a)
{
	const char	*at;
	size_t		 i, n = strlen(a);

	if (n == 0 || n > OUTBOX_ADDR_MAX || (at = strchr(a, '@')) == NULL ||
	    at == a || strchr(at + 1, '@') != NULL || strchr(at, '.') == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if ((unsigned char)a[i] <= 0x20 || a[i] == '<' || a[i] == '>' ||
		    a[i] == '(' || a[i] == ')' || a[i] == ',' || a[i] == ';' ||
		    a[i] == '"' || a[i] == '\\' || (unsigned char)a[i] == 0x7f)
			return 0;
	return 1;
}

void
outbox_kick(void)
{
	pthread_mutex_lock(&mu);
	kicked = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

struct payload {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct payload	*pl = arg;
	size_t		 n = size * nmemb;

	if (n > pl->left)
		n = pl->left;
	memcpy(dst, pl->p, n);
	pl->p += n;
	pl->left -= n;
	return n;
}

/* The message: headers (subject RFC 2047 base64 UTF-8), CRLF lines,
   dot-stuffing is libcurl's. */
static int
compose(struct buf *m, const struct outbox_row *o, int64_t now)
{
	char		 date[64], b64[sodium_base64_ENCODED_LEN(
			    STORE_TEXT_MAX, sodium_base64_VARIANT_ORIGINAL)];
	const char	*p;
	time_t		 t = (time_t)now;
	struct tm	 tm;

	gmtime_r(&t, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)o->subject,
	    strlen(o->subject), sodium_base64_VARIANT_ORIGINAL);
	buf_addf(m, "Date: %s\r\nFrom: <%s>\r\nTo: <%s>\r\n"
	    "Message-ID: <outbox-%lld-%lld@lentera>\r\n"
	    "Subject: =?UTF-8?B?%s?=\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n", date, cfg.smtp_from,
	    o->to, (long long)o->id, (long long)now, b64);
	for (p = o->body; *p; p++) {
		if (*p == '\r')
			continue;
		if (*p == '\n')
			buf_adds(m, "\r\n");
		else
			buf_add(m, p, 1);
	}
	buf_adds(m, "\r\n");
	return m->oom ? -1 : 0;
}

/* 0 sent; -1 with err filled. */
static int
send_one(const struct outbox_row *o, int64_t now, char *err, size_t errlen)
{
	CURL		*c;
	CURLcode	 rc;
	struct curl_slist *rcpt = NULL;
	struct payload	 pl;
	struct buf	 m;
	char		 from[OUTBOX_ADDR_MAX + 3], to[OUTBOX_ADDR_MAX + 3];

	if (!outbox_addr_ok(o->to)) {
		snprintf(err, errlen, "bad recipient address");
		return -1;
	}
	memset(&m, 0, sizeof(m));
	if (compose(&m, o, now) == -1 || (c = curl_easy_init()) == NULL) {
		buf_free(&m);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	snprintf(from, sizeof(from), "<%s>", cfg.smtp_from);
	snprintf(to, sizeof(to), "<%s>", o->to);
	rcpt = curl_slist_append(NULL, to);
	pl.p = m.p;
	pl.left = m.n;
	curl_easy_setopt(c, CURLOPT_URL, cfg.smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &pl);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	if (cfg.smtp_user[0]) {
		/* Credentials never travel in the clear. */
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
		curl_easy_setopt(c, CURLOPT_USERNAME, cfg.smtp_user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, cfg.smtp_pass);
	} else
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	rc = rcpt == NULL ? CURLE_OUT_OF_MEMORY : curl_easy_perform(c);
	if (rc != CURLE_OK)
		snprintf(err, errlen, "%s", curl_easy_strerror(rc));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	buf_free(&m);
	return rc == CURLE_OK ? 0 : -1;
}

struct batch {
	struct outbox_row *rows;
	int		 n;
};

static int
collect(void *arg, const struct outbox_row *o)
{
	struct batch	*b = arg;

	b->rows[b->n++] = *o;
	return b->n == OUTBOX_BATCH;
}

static int64_t
backoff(int attempts)
{
	int64_t	 d = OUTBOX_RETRY_BASE;

	while (--attempts > 0 && d < OUTBOX_RETRY_MAX)
		d *= 2;
	return d < OUTBOX_RETRY_MAX ? d : OUTBOX_RETRY_MAX;
}

static void
run_batch(void)
{
	struct batch	 b;
	char		 err[CURL_ERROR_SIZE + 64];
	int64_t		 now = clock_now();
	int		 i, att;

	if ((b.rows = calloc(OUTBOX_BATCH, sizeof(*b.rows))) == NULL)
		return;
	b.n = 0;
	if (store_outbox_due(wst, now, OUTBOX_BATCH, collect, &b) == -1)
		b.n = 0;
	for (i = 0; i < b.n; i++) {
		if (send_one(&b.rows[i], now, err, sizeof(err)) == 0) {
			if (store_outbox_sent(wst, b.rows[i].id, clock_now()) == -1)
				log_warnx("outbox: %lld sent but not marked",
				    (long long)b.rows[i].id);
			continue;
		}
		att = b.rows[i].attempts + 1;
		log_warnx("outbox: message %lld to %s: attempt %d: %s",
		    (long long)b.rows[i].id, b.rows[i].to, att, err);
		/* After the last attempt the row stays, unsent, with its
		   error, for HR to see; it is not retried. */
		if (store_outbox_retry(wst, b.rows[i].id, att,
		    att >= OUTBOX_ATTEMPTS_MAX ? INT64_MAX / 2 :
		    now + backoff(att), err) == -1)
			log_warnx("outbox: cannot record the failure");
	}
	free(b.rows);
}

static void *
loop(void *arg)
{
	struct timespec	 ts;

	(void)arg;
	pthread_mutex_lock(&mu);
	while (!stopping) {
		kicked = 0;
		pthread_mutex_unlock(&mu);
		run_batch();
		pthread_mutex_lock(&mu);
		if (stopping || kicked)
			continue;
		/* Due rows are found by polling once a second (one indexed
		   query): backoff deadlines need no timer of their own. */
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += 1;
		while (!stopping && !kicked &&
		    pthread_cond_timedwait(&cv, &mu, &ts) != ETIMEDOUT)
			;
	}
	pthread_mutex_unlock(&mu);
	return NULL;
}

int
outbox_start(const char *db)
{
	if (!outbox_enabled())
		return 0;
	if (cfg.smtp_from[0] == '\0' || !outbox_addr_ok(cfg.smtp_from)) {
		log_warnx("outbox: --smtp-from needs a plain address");
		return -1;
	}
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		log_warnx("outbox: libcurl initialisation failed");
		return -1;
	}
	if (store_open(db, &wst) == -1)
		return -1;
	stopping = 0;
	if (pthread_create(&worker, NULL, loop, NULL) != 0) {
		store_close(wst);
		wst = NULL;
		log_warnx("outbox: cannot start the worker");
		return -1;
	}
	running = 1;
	log_info("outbox: sending e-mail through %s", cfg.smtp_url);
	return 0;
}

void
outbox_stop(void)
{
	if (!running)
		return;
	pthread_mutex_lock(&mu);
	stopping = 1;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	pthread_join(worker, NULL);
	running = 0;
	store_close(wst);
	wst = NULL;
	curl_global_cleanup();
}
