/*
 * ceiling: CivetWeb's own limit for the bench. Answers every request with
 * the bytes of one file (a saved module page) from memory, keep-alive and
 * tcp_nodelay on, as lentera serves. Usage: ceiling PORT FILE
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <civetweb.h>

#define PAGE_MAX	(1 << 20)

static char	 page[PAGE_MAX];
static size_t	 pagelen;

static int
serve(struct mg_connection *c, void *arg)
{
	(void)arg;
	mg_printf(c, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8"
	    "\r\nContent-Length: %zu\r\n\r\n", pagelen);
	mg_write(c, page, pagelen);
	return 200;
}

int
main(int argc, char *argv[])
{
	const char		*opts[] = { "listening_ports", NULL,
	    "num_threads", "32", "enable_keep_alive", "yes",
	    "tcp_nodelay", "1", NULL };
	struct mg_callbacks	 cb;
	struct mg_context	*ctx;
	FILE			*f;
	char			 port[32];

	if (argc != 3 || (f = fopen(argv[2], "rb")) == NULL) {
		fprintf(stderr, "usage: ceiling PORT FILE\n");
		return 2;
	}
	pagelen = fread(page, 1, sizeof(page), f);
	fclose(f);
	snprintf(port, sizeof(port), "127.0.0.1:%s", argv[1]);
	opts[1] = port;
	memset(&cb, 0, sizeof(cb));
	if ((ctx = mg_start(&cb, NULL, opts)) == NULL)
		return 1;
	mg_set_request_handler(ctx, "/", serve, NULL);
	for (;;)
		pause();
}
