/*
 * herd: a load client that is not the bottleneck (issue 15). One process,
 * one epoll loop, no threads; it reports its own CPU share. Two modes:
 *
 *   herd PORT SESSFILE N METHOD PATH [BODY]
 *	The synchronized exam start: N distinct logged-in learners each
 *	open a fresh TCP connection and send one request (Connection:
 *	close), their start times spread evenly over one second. Latency
 *	runs from the scheduled start (a client that falls behind shows as
 *	latency, never hides it) to the end of the answer.
 *
 *   herd -k CONNS PORT SESSFILE N METHOD PATH [BODY]
 *	Closed loop: CONNS keep-alive connections; each sends the next of
 *	the N requests as soon as its previous answer is complete, so every
 *	request is sent exactly once (no repeats padding the rate). Latency
 *	runs from the first byte sent to the end of the answer; the rate is
 *	N over the time from the first send to the last answer.
 *
 * SESSFILE: "nip token csrf [path]" per line; PATH "-" takes each line's
 * path. BODY may hold %csrf. Prints
 *   RESULT n p50_ms p99_ms max_ms errors rate_per_s
 *   CLIENT cpu_ms wall_ms cpu_share
 *   STATUS code=count ...	(every HTTP status answered)
 * and the errors by kind on stderr. A 2xx or 3xx answer counts as ok;
 * anything else (4xx, 5xx, no answer, a cut answer) is an error.
 */
#define _GNU_SOURCE	/* strcasestr */
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
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define HERD_MAX	100000	/* requests */
#define REQ_MAX		2048	/* bytes of one request */
#define HEAD_MAX	8192	/* bytes of one answer's head */
#define CONNS_MAX	4096	/* keep-alive connections */
#define TIMEOUT_S	30.0
#define WINDOW_S	1.0

enum state { WAIT, CONNECTING, WRITING, READING, DONE };
enum kind { K_OK, K_CONNECT, K_RESET, K_TIMEOUT, K_STATUS, K_SHORT, K__N };
static const char *const kinds[K__N] = { "ok", "connect", "reset",
    "timeout", "status", "short answer" };

struct job {			/* one request */
	double		 at;	/* scheduled start or first send, s */
	double		 lat;	/* s */
	enum kind	 result;
	int		 status;
	char		*req;
	size_t		 reqlen;
};

struct conn {			/* one socket */
	enum state	 st;
	int		 fd;
	struct job	*job;
	size_t		 sent;
	char		 head[HEAD_MAX];
	size_t		 got;		/* bytes of head */
	int		 inbody;	/* head parsed */
	long long	 left;		/* body bytes still due; -1 to EOF */
	int		 chunked, close_after;
	int		 cstate;	/* chunked: 0 size line, 1 data, 2 CRLF, 3 trailer */
	long long	 csize;
	char		 cline[64];
	size_t		 clen;
};

static int	 keepalive;
static int	 pending;		/* started and not DONE (herd mode) */
static int	 statuses[600];

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

static void
sock_close(struct conn *c, int ep)
{
	if (c->fd >= 0) {
		epoll_ctl(ep, EPOLL_CTL_DEL, c->fd, NULL);
		close(c->fd);
	}
	c->fd = -1;
}

/* The request on c ended with k at time t. */
static void
finish(struct conn *c, int ep, enum kind k, double t)
{
	struct job	*j = c->job;

	if (j != NULL) {
		j->result = k;
		j->lat = t - j->at;
		if (j->status > 0 && j->status < 600)
			statuses[j->status]++;
		pending--;
	}
	c->job = NULL;
	if (!keepalive || k != K_OK || c->close_after)
		sock_close(c, ep);
	c->st = DONE;
}

static int
sock_open(struct conn *c, int ep, const struct sockaddr_in *sa)
{
	struct epoll_event ev = { .events = EPOLLOUT };
	int		 one = 1;

	if ((c->fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0)) == -1)
		return -1;
	setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(c->fd, (const struct sockaddr *)sa, sizeof(*sa)) == -1 &&
	    errno != EINPROGRESS)
		return -1;
	ev.data.ptr = c;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, c->fd, &ev) == -1)
		return -1;
	c->st = CONNECTING;
	return 0;
}

/* Put job j on connection c (fresh socket unless one is open). */
static void
start(struct conn *c, struct job *j, int ep, const struct sockaddr_in *sa,
    double t)
{
	struct epoll_event ev = { .events = EPOLLOUT };

	c->job = j;
	c->sent = c->got = c->clen = 0;
	c->inbody = c->chunked = c->close_after = c->cstate = 0;
	c->left = 0;
	pending++;
	if (keepalive)
		j->at = t;
	if (c->fd >= 0) {
		c->st = WRITING;
		ev.data.ptr = c;
		epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev);
		return;
	}
	if (sock_open(c, ep, sa) == -1)
		finish(c, ep, K_CONNECT, t);
}

/* Parse the head in c->head[0..end); 0 ok, -1 malformed. */
static int
parse_head(struct conn *c, size_t end)
{
	char	*p, *e, *line;

	c->head[end - 2] = '\0';
	if (strncmp(c->head, "HTTP/1.", 7) != 0 || end < 12)
		return -1;
	c->job->status = atoi(c->head + 9);
	c->left = -1;
	if (strncmp(c->head, "HTTP/1.0", 8) == 0)
		c->close_after = 1;
	for (line = strstr(c->head, "\r\n"); line; line = e) {
		line += 2;
		e = strstr(line, "\r\n");
		if (e)
			*e = '\0';
		if ((p = strchr(line, ':')) == NULL)
			continue;
		*p++ = '\0';
		while (*p == ' ')
			p++;
		if (strcasecmp(line, "Content-Length") == 0)
			c->left = atoll(p);
		else if (strcasecmp(line, "Transfer-Encoding") == 0 &&
		    strcasestr(p, "chunked"))
			c->chunked = 1;
		else if (strcasecmp(line, "Connection") == 0 &&
		    strcasestr(p, "close"))
			c->close_after = 1;
	}
	/* No body on 1xx/204/304 and HEAD; chunked wins over a length. */
	if (c->job->status == 204 || c->job->status == 304)
		c->left = 0;
	if (c->chunked)
		c->left = 1;
	if (c->left == -1)
		c->close_after = 1;
	return 0;
}

/* Consume body bytes; 1 when the answer is complete, -1 malformed. */
static int
body(struct conn *c, const char *b, size_t n)
{
	size_t	 k;

	if (!c->chunked) {
		if (c->left < 0)
			return 0;	/* to EOF */
		c->left -= (long long)n;
		return c->left <= 0;
	}
	while (n > 0) {
		switch (c->cstate) {
		case 0:			/* size line */
		case 3:			/* trailer lines: until an empty one */
		case 2:			/* CRLF after the data */
			if (c->clen + 1 >= sizeof(c->cline))
				return -1;
			c->cline[c->clen++] = *b++;
			n--;
			if (c->clen < 2 || c->cline[c->clen - 2] != '\r' ||
			    c->cline[c->clen - 1] != '\n')
				break;
			c->cline[c->clen - 2] = '\0';
			if (c->cstate == 2) {
				c->cstate = 0;
			} else if (c->cstate == 3) {
				if (c->clen == 2)
					return 1;
			} else {
				c->csize = strtoll(c->cline, NULL, 16);
				c->cstate = c->csize == 0 ? 3 : 1;
			}
			c->clen = 0;
			break;
		case 1:
			k = (size_t)c->csize < n ? (size_t)c->csize : n;
			c->csize -= (long long)k;
			b += k;
			n -= k;
			if (c->csize == 0)
				c->cstate = 2;
			break;
		}
	}
	return 0;
}

static void
io(struct conn *c, int ep, uint32_t events, double t)
{
	struct epoll_event ev;
	char		 buf[16384];
	ssize_t		 n;
	int		 err = 0, r;
	socklen_t	 len = sizeof(err);

	if (c->job == NULL)
		return;
	if (c->st == CONNECTING) {
		if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1 ||
		    err != 0) {
			finish(c, ep, K_CONNECT, t);
			return;
		}
		c->st = WRITING;
	}
	if (c->st == WRITING && (events & (EPOLLOUT | EPOLLERR | EPOLLHUP))) {
		while (c->sent < c->job->reqlen) {
			n = send(c->fd, c->job->req + c->sent,
			    c->job->reqlen - c->sent, MSG_NOSIGNAL);
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
		if (n == 0) {
			/* EOF: complete only for an answer that runs to EOF. */
			finish(c, ep, c->inbody && !c->chunked && c->left < 0 ?
			    (c->job->status >= 200 && c->job->status < 400 ?
			    K_OK : K_STATUS) : (c->got == 0 && c->inbody == 0 ?
			    K_RESET : K_SHORT), t);
			if (c->fd >= 0)
				sock_close(c, ep);
			return;
		}
		r = 0;
		if (!c->inbody) {
			size_t	 k = (size_t)n, i;
			char	*e;

			if (k > sizeof(c->head) - 1 - c->got)
				k = sizeof(c->head) - 1 - c->got;
			memcpy(c->head + c->got, buf, k);
			c->got += k;
			c->head[c->got] = '\0';
			if ((e = strstr(c->head, "\r\n\r\n")) == NULL) {
				if (c->got == sizeof(c->head) - 1) {
					finish(c, ep, K_SHORT, t);
					return;
				}
				continue;
			}
			i = (size_t)(e - c->head) + 4;
			/* Bytes of buf past the head are body. */
			if (parse_head(c, i) == -1) {
				finish(c, ep, K_SHORT, t);
				return;
			}
			c->inbody = 1;
			{
				size_t	 inbuf = i - (c->got - k);

				r = body(c, buf + inbuf, (size_t)n - inbuf);
				if (c->left == 0 && !c->chunked)
					r = 1;
			}
		} else
			r = body(c, buf, (size_t)n);
		if (r == -1) {
			finish(c, ep, K_SHORT, t);
			return;
		}
		if (r == 1) {
			finish(c, ep, c->job->status >= 200 &&
			    c->job->status < 400 ? K_OK : K_STATUS, t);
			return;
		}
	}
}

int
main(int argc, char *argv[])
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	struct epoll_event evs[256];
	struct rlimit	 rl;
	struct job	*jobs;
	struct conn	*cs;
	FILE		*f;
	char		 line[1024], nip[64], tok[160], csrf[160], lpath[512];
	char		 body_[REQ_MAX];
	const char	*method, *path, *tmpl;
	double		 t0, t, tend = 0, wall, cpu0, sweep, *lat;
	int		 n, i, next = 0, ep, errs = 0, count[K__N] = { 0 };
	int		 nconns = 0, ncs;

	if (argc > 2 && strcmp(argv[1], "-k") == 0) {
		keepalive = 1;
		nconns = atoi(argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc < 6 || (keepalive && (nconns < 1 || nconns > CONNS_MAX))) {
		fprintf(stderr, "usage: herd [-k CONNS] PORT SESSFILE N METHOD "
		    "PATH [BODY]\n");
		return 2;
	}
	n = atoi(argv[3]);
	method = argv[4];
	path = argv[5];
	tmpl = argc > 6 ? argv[6] : NULL;
	if (n < 1 || n > HERD_MAX)
		return 2;
	ncs = keepalive ? (nconns < n ? nconns : n) : n;
	sa.sin_port = htons((uint16_t)atoi(argv[1]));
	inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
	/* One socket per learner at once, at worst. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < (rlim_t)ncs + 64) {
		rl.rlim_cur = rl.rlim_max < (rlim_t)ncs + 64 ? rl.rlim_max :
		    (rlim_t)ncs + 64;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	if ((jobs = calloc((size_t)n, sizeof(*jobs))) == NULL ||
	    (cs = calloc((size_t)ncs, sizeof(*cs))) == NULL ||
	    (lat = calloc((size_t)n, sizeof(*lat))) == NULL ||
	    (f = fopen(argv[2], "r")) == NULL) {
		perror("herd");
		return 1;
	}
	for (i = 0; i < n; i++) {
		const char *p, *rp;
		size_t	 bl = 0;
		int	 k;

		if (fgets(line, sizeof(line), f) == NULL ||
		    (k = sscanf(line, "%63s %159s %159s %511s", nip, tok, csrf,
		    lpath)) < 3 || (strcmp(path, "-") == 0 && k < 4)) {
			fprintf(stderr, "herd: %s has fewer than %d %s\n",
			    argv[2], n, strcmp(path, "-") == 0 ?
			    "lines with a path" : "sessions");
			return 1;
		}
		rp = strcmp(path, "-") == 0 ? lpath : path;
		for (p = tmpl; p && *p && bl + 160 < sizeof(body_); p++) {
			if (strncmp(p, "%csrf", 5) == 0) {
				bl += (size_t)snprintf(body_ + bl,
				    sizeof(body_) - bl, "%s", csrf);
				p += 4;
			} else
				body_[bl++] = *p;
		}
		body_[bl] = '\0';
		if ((jobs[i].req = malloc(REQ_MAX)) == NULL) {
			perror("herd");
			return 1;
		}
		jobs[i].reqlen = (size_t)snprintf(jobs[i].req, REQ_MAX,
		    "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: lentera_sid=%s"
		    "\r\n%sContent-Length: %zu\r\n%s\r\n%s",
		    method, rp, tok, keepalive ? "" : "Connection: close\r\n",
		    bl, tmpl ?
		    "Content-Type: application/x-www-form-urlencoded\r\n" : "",
		    body_);
		jobs[i].result = K_TIMEOUT;
	}
	fclose(f);
	for (i = 0; i < ncs; i++)
		cs[i].fd = -1;
	if ((ep = epoll_create1(0)) == -1) {
		perror("epoll");
		return 1;
	}
	cpu0 = cpu_ms();
	t0 = now() + (keepalive ? 0 : 0.2);
	if (!keepalive)
		for (i = 0; i < n; i++)
			jobs[i].at = t0 + WINDOW_S * i / n;
	/* Timeouts are swept ten times a second, not per event: the sweep is
	   O(connections) and the client must stay cheap. */
	sweep = t0;
	while (next < n || pending > 0) {
		int	 k, timeout;

		t = now();
		if (keepalive) {
			/* Every idle connection takes the next request. */
			for (i = 0; i < ncs && next < n; i++)
				if (cs[i].job == NULL)
					start(&cs[i], &jobs[next++], ep, &sa, t);
			timeout = 50;
		} else {
			/* Starts due within half a millisecond go now:
			   epoll_wait sleeps in whole milliseconds, and
			   spinning for the gaps would make the client the
			   bottleneck it must not be. */
			while (next < n && jobs[next].at <= t + 0.0005) {
				start(&cs[next], &jobs[next], ep, &sa, t);
				next++;
			}
			timeout = next < n ?
			    (int)((jobs[next].at - t) * 1000 + 0.999) : 50;
			if (timeout > 50)
				timeout = 50;
			if (timeout < 1)
				timeout = 1;
		}
		k = epoll_wait(ep, evs, 256, timeout);
		t = now();
		for (i = 0; i < k; i++)
			io(evs[i].data.ptr, ep, evs[i].events, t);
		if (t - sweep > 0.1) {
			sweep = t;
			for (i = 0; i < ncs; i++)
				if (cs[i].job && t - cs[i].job->at > TIMEOUT_S)
					finish(&cs[i], ep, K_TIMEOUT, t);
		}
	}
	tend = now();
	wall = (tend - t0) * 1e3;
	for (i = 0; i < n; i++) {
		lat[i] = jobs[i].lat * 1e3;
		count[jobs[i].result]++;
		errs += jobs[i].result != K_OK;
	}
	qsort(lat, (size_t)n, sizeof(*lat), cmp);
	printf("RESULT %d %.1f %.1f %.1f %d %.0f\n", n, lat[n / 2],
	    lat[(int)(0.99 * (n - 1))], lat[n - 1], errs,
	    n / (keepalive ? (tend - t0) : (tend - t0 > WINDOW_S ?
	    tend - t0 : WINDOW_S)));
	printf("CLIENT %.0f %.0f %.3f\n", cpu_ms() - cpu0, wall,
	    (cpu_ms() - cpu0) / wall);
	printf("STATUS");
	for (i = 0; i < 600; i++)
		if (statuses[i])
			printf(" %d=%d", i, statuses[i]);
	printf("\n");
	for (i = 1; i < K__N; i++)
		if (count[i])
			fprintf(stderr, "herd: %d %s\n", count[i], kinds[i]);
	for (i = 0; i < n; i++)
		free(jobs[i].req);
	free(jobs);
	free(cs);
	free(lat);
	return 0;
}
