/*
 * fuzz_xapi: the xAPI statements query on arbitrary bytes. The input is
 * a query string (form_parse, then xapi_param_parse: the agent JSON
 * reader, IRIs, UUIDs, timestamps, cursor) and, NUL-terminated, a
 * --base-url candidate and a since value. Aborts if a result breaks the
 * contract of xapi.h / api.h. fuzz-max-len: 4096
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"
#include "config.h"
#include "http.h"
#include "xapi.h"

#define BASE	"https://lentera.example.go.id"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req	 r;
	struct xapi_query q;
	char		 msg[256], out[CONFIG_BASE_MAX], *s;
	const char	*why;
	int64_t		 t;
	size_t		 i;

	memset(&r, 0, sizeof(r));
	if (form_parse(&r.q, (const char *)data, size) >= 0) {
		if (xapi_param_parse(&r, BASE, &q, msg, sizeof(msg)) == 0) {
			if (q.statement_id[0]) {
				if (strlen(q.statement_id) != 36)
					abort();
				for (i = 0; i < 36; i++)
					if (q.statement_id[i] >= 'A' &&
					    q.statement_id[i] <= 'F')
						abort();
			}
			if (q.f.limit < 1 || q.f.limit > XAPI_MAX_LIMIT ||
			    q.f.akind < -1 || q.f.akind > 1 ||
			    q.f.verb < 0 || q.f.verb > 3 ||
			    (q.f.account && strlen(q.f.account) > 64) ||
			    (q.f.after && q.f.after != &q.after))
				abort();
		} else if (msg[0] == '\0')
			abort();	/* a 400 always says why */
	}
	form_free(&r.q);

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (config_base_url(s, out, &why) == 0) {
		if (strncmp(out, "http://", 7) != 0 &&
		    strncmp(out, "https://", 8) != 0)
			abort();
		if (strchr(out, '?') || strchr(out, '#') || strchr(out, ' ') ||
		    out[strlen(out) - 1] == '/')
			abort();
	} else if (why == NULL)
		abort();
	if (api_parse_since(s, &t) == 0 &&
	    (t < 946684800 - 86400 || t > 4133980800 + 86400))
		abort();	/* 2000..2100, give or take an offset */
	free(s);
	return 0;
}
