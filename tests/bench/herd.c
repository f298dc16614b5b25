/*
 * herd: the synchronized exam start as a load client that is not the
 * bottleneck. N distinct logged-in learners each open a fresh TCP
 * connection and send one request, their start times spread evenly over
 * one second (the exam-morning case); one process, one epoll loop, no
 * threads. Prints
 *   RESULT n p50_ms p99_ms max_ms errors
 *   CLIENT cpu_ms wall_ms cpu_share
 * and the errors by kind on stderr. A 2xx or 3xx answer counts as ok;
 * latency runs from the scheduled start (so a client that falls behind
 * shows as latency, never hides it) to the end of the answer.
 *
 *   herd PORT SESSFILE N METHOD PATH [BODY]
 * SESSFILE: "nip token csrf" per line; BODY may hold %csrf.
 */
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HERD_MAX	100000	/* learners */
#define REQ_MAX		2048	/* bytes of one request */
#define TIMEOUT_S	30.0
#define WINDOW_S	1.0

enum state { WAIT, CONNECTING, WRITING, READING, DONE };
enum kind { K_OK, K_CONNECT, K_RESET, K_TIMEOUT, K_STATUS, K_SHORT, K__N };
static const char *const kinds[K__N] = { "ok", "connect", "reset",
    "timeout", "status", "short answer" };

struct conn {
	enum state	 st;
	int		 fd;
	double		 at;		/* scheduled start, monotonic s */
	double		 lat;		/* s */
	enum kind	 result;
	int		 status;
	char		 req[REQ_MAX];
	size_t		 reqlen, sent;
	char		 head[16];	/* "HTTP/1.1 200" */
	size_t		 got;
};

static double
now(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
cpu_ms(void)
{
	struct rusage	 ru;

	getrusage(RUSAGE_SELF, &ru);
	return (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
	    (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int	 pending;	/* started and not DONE */

static void
finish(struct conn *c, int ep, enum kind k, double t)
{
	if (c->st != DONE && c->st != WAIT)
		pending--;
	if (c->fd >= 0) {
		epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
	}
	c->fd = -1;
	c->st = DONE;
	c->result = k;
	c->lat = t - c->at;
}

static void
start(struct conn *c, int ep, const struct sockaddr_in *sa, double t)
{
	struct epoll_event ev = { .events = EPOLLOUT };
	int		 one = 1;

	c->st = CONNECTING;
	pending++;
	if ((c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1) {
		finish(c, ep, K_CONNECT, t);
		return;
	}
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (const struct sockaddr *)sa, sizeof(*sa)) == -1 &&
	    errno != EINPROGRESS) {
		finish(c, ep, K_CONNECT, t);
		return;
	}
	ev.data.ptr = c;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) == -1)
		finish(c, ep, K_CONNECT, t);
}

static void
io(struct conn *c, int ep, uint32_t events, double t)
{
	struct epoll_event ev;
	char		 buf[16384];
	ssize_t		 n;
	int		 err = 0;
	socklen_t	 len = sizeof(err);

	if (c->st == CONNECTING) {
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 ||
		    err != 0) {
			finish(c, ep, K_CONNECT, t);
			return;
		}
		c->st = WRITING;
	}
	if (c->st == WRITING && (events & EPOLLOUT)) {
		while (c->sent < c->reqlen) {
			n = send(c->fd, c->req + c->sent, c->reqlen - c->sent,
			    MSG_NOSIGNAL);
			if (n == -1 && errno == EAGAIN)
				return;
			if (n <= 0) {
				finish(c, ep, K_RESET, t);
				return;
			}
			c->sent += (size_t)n;
		}
		c->st = READING;
		ev.events = EPOLLIN;
		ev.data.ptr = c;
		epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
		return;
	}
	if (c->st != READING)
		return;
	for (;;) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n == -1 && errno == EAGAIN)
			return;
		if (n == -1) {
			finish(c, ep, K_RESET, t);
			return;
		}
		if (n == 0)
			break;
		if (c->got < sizeof(c->head) - 1) {
			size_t	 k = sizeof(c->head) - 1 - c->got;

			if ((size_t)n < k)
				k = (size_t)n;
			memcpy(c->head + c->got, buf, k);
			c->got += k;
			c->head[c->got] = '\0';
		}
	}
	/* Connection: close: the answer ends at EOF. */
	if (c->got < 12 || strncmp(c->head, "HTTP/1.", 7) != 0) {
		finish(c, ep, K_SHORT, t);
		return;
	}
	c->status = atoi(c->head + 9);
	finish(c, ep, c->status >= 200 && c->status < 400 ? K_OK : K_STATUS,
	    t);
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct epoll_event evs[256];
	struct rlimit	 rl;
	struct conn	*c;
	FILE		*f;
	char		 nip[64], tok[160], csrf[160], body[REQ_MAX];
	const char	*method, *path, *tmpl;
	double		 t0, t, wall, cpu0, sweep, *lat;
	int		 n, i, next = 0, ep, errs = 0, count[K__N] = { 0 };

	if (argc < 6) {
		fprintf(stderr, "usage: herd PORT SESSFILE N METHOD PATH "
		    "[BODY]\n");
		return 2;
	}
	n = atoi(argv[3]);
	method = argv[4];
	path = argv[5];
	tmpl = argc > 6 ? argv[6] : NULL;
	if (n < 1 || n > HERD_MAX)
		return 2;
	sa.sin_port = htons((uint16_t)atoi(argv[1]));
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	/* One socket per learner at once, at worst. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)n + 64) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)n + 64 ? rl.rlim_max :
		    (rlim_t)n + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((c = calloc((size_t)n, sizeof(*c))) == NULL ||
	    (lat = calloc((size_t)n, sizeof(*lat))) == NULL ||
	    (f = fopen(argv[2], "r")) == NULL) {
		perror("herd");
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *p;
		size_t	 bl = 0;

		if (fscanf(f, "%63s %159s %159s", nip, tok, csrf) != 3) {
			fprintf(stderr, "herd: %s has fewer than %d sessions\n",
			    argv[2], n);
			return 1;
		}
		body[0] = '\0';
		for (p = tmpl; p && *p && bl + 160 < sizeof(body); p++) {
			if (strncmp(p, "%csrf", 5) == 0) {
				bl += (size_t)snprintf(body + bl,
				    sizeof(body) - bl, "%s", csrf);
				p += 4;
			} else
				body[bl++] = *p;
		}
		body[bl] = '\0';
		c[i].reqlen = (size_t)snprintf(c[i].req, sizeof(c[i].req),
		    "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: lentera_sid=%s"
		    "\r\nConnection: close\r\nContent-Length: %zu\r\n%s\r\n%s",
		    method, path, tok, bl, tmpl ?
		    "Content-Type: application/x-www-form-urlencoded\r\n" : "",
		    body);
		c[i].fd = -1;
	}
	fclose(f);
	if ((ep = epoll_create1(0)) == -1) {
		perror("epoll");
		return 1;
	}
	cpu0 = cpu_ms();
	t0 = now() + 0.2;
	for (i = 0; i < n; i++)
		c[i].at = t0 + WINDOW_S * i / n;
	/* Timeouts are swept ten times a second, not per event: the sweep is
	   O(n) and the client must stay cheap. */
	sweep = t0;
	while (next < n || pending > 0) {
		int	 k, timeout;

		t = now();
		/* Starts due within half a millisecond go now: epoll_wait
		   sleeps in whole milliseconds, and spinning for the gaps
		   would make the client the bottleneck it must not be. */
		while (next < n && c[next].at <= t + 0.0005)
			start(&c[next++], ep, &sa, t);
		timeout = next < n ? (int)((c[next].at - t) * 1000 + 0.999) : 50;
		if (timeout > 50)
			timeout = 50;
		if (timeout < 1)
			timeout = 1;
		k = epoll_wait(ep, evs, 256, timeout);
		t = now();
		for (i = 0; i < k; i++)
			io(evs[i].data.ptr, ep, evs[i].events, t);
		if (t - sweep > 0.1) {
			sweep = t;
			for (i = 0; i < next; i++)
				if (c[i].st != DONE && t - c[i].at > TIMEOUT_S)
					finish(&c[i], ep, K_TIMEOUT, t);
		}
	}
	wall = (now() - t0) * 1e3;
	for (i = 0; i < n; i++) {
		lat[i] = c[i].lat * 1e3;
		count[c[i].result]++;
		errs += c[i].result != K_OK;
	}
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("RESULT %d %.1f %.1f %.1f %d\n", n, lat[n / 2],
	    lat[(int)(0.99 * (n - 1))], lat[n - 1], errs);
	printf("CLIENT %.0f %.0f %.3f\n", cpu_ms() - cpu0, wall,
	    (cpu_ms() - cpu0) / wall);
	for (i = 1; i < K__N; i++)
		if (count[i])
			fprintf(stderr, "herd: %d %s\n", count[i], kinds[i]);
	free(c);
	free(lat);
	return 0;
}
