/* error: the one builder of error answers. See error.h. */
#include <string.h>

#include "api.h"
#include "buf.h"
#include "error.h"
#include "http.h"
#include "i18n.h"
#include "view.h"

/* A JSON answer: an API route, unless a browser asked for a download. */
static int
json_kind(struct req *r)
{
	return r->api && !api_download_browser(r);
}

int
error_lang(struct req *r)
{
	return json_kind(r) ? LANG_EN : r->lang;
}

const char *
error_default(struct req *r, int status)
{
	enum msg	 m;

	switch (status) {
	case 400: m = M_ERR_400; break;
	case 401: m = M_ERR_401; break;
	case 403: m = M_ERR_403; break;
	case 404: m = M_ERR_404; break;
	case 405: m = M_ERR_405; break;
	case 409: m = M_ERR_409; break;
	case 413: m = M_ERR_413; break;
	case 414: m = M_ERR_414; break;
	case 422: m = M_ERR_422; break;
	case 429: m = M_ERR_429; break;
	case 503: m = M_ERR_503; break;
	default: m = M_ERR_500; break;
	}
	return i18n(error_lang(r), m);
}

int
error_set(struct req *r, int status, const char *msg)
{
	if (msg == NULL)
		msg = error_default(r, status);
	buf_reset(&r->out);
	if (json_kind(r)) {
		buf_adds(&r->out, "{\"error\":");
		buf_json_str(&r->out, msg);
		buf_addf(&r->out, ",\"status\":%d}\n", status);
		r->ctype = "application/json";
		return status;
	}
	if (r->api)	/* a browser download: say why on a page */
		return api_download_fail(r, status, T(r, M_API_FAILED_WHY),
		    msg, NULL);
	r->ctype = "text/html; charset=utf-8";
	view_begin(r, T(r, M_ERR_TITLE));
	buf_addf(&r->out, "<h1>%d</h1><p>", status);
	buf_html(&r->out, msg);
	buf_addf(&r->out, "</p><p><a href=\"/\">%s</a></p>", T(r, M_HOME));
	view_end(r);
	return status;
}
