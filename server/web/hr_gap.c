/* hr_gap: the gap heatmap, the largest gaps, one person's gaps. See
   hr_plan.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dictionary.h"
#include "gap.h"
#include "hr_plan.h"
#include "http.h"
#include "param.h"
#include "nip.h"
#include "numfmt.h"
#include "profile.h"
#include "skp.h"
#include "store_plan.h"
#include "view.h"
#include "wib.h"

#define HEAT_MAX_UNITS	400	/* the table and the picture */
#define HEAT_MAX_COMPS	48
#define GAP_PAGE	50
#define GAP_MAX_OFFSET	1000000

struct heat {
	char	 units[HEAT_MAX_UNITS][STORE_TEXT_MAX];
	char	 comps[HEAT_MAX_COMPS][PLAN_KEY_MAX];
	int	 nu, nc, dropped;
	struct { int people, shortn, sum; } c[HEAT_MAX_UNITS][HEAT_MAX_COMPS];
};

static void
heat_row(void *a, const char *unit, const char *ckey, int people, int shortn,
    int sum)
{
	struct heat	*h = a;
	int		 u, c;

	/* Rows come by unit, then competency. */
	if (h->nu == 0 || strcmp(h->units[h->nu - 1], unit) != 0) {
		if (h->nu == HEAT_MAX_UNITS) {
			h->dropped++;
			return;
		}
		snprintf(h->units[h->nu++], STORE_TEXT_MAX, "%s", unit);
	}
	u = h->nu - 1;
	for (c = 0; c < h->nc; c++)
		if (strcmp(h->comps[c], ckey) == 0)
			break;
	if (c == h->nc) {
		if (h->nc == HEAT_MAX_COMPS)
			return;
		snprintf(h->comps[h->nc++], PLAN_KEY_MAX, "%s", ckey);
	}
	h->c[u][c].people = people;
	h->c[u][c].shortn = shortn;
	h->c[u][c].sum = sum;
}

/* Share below standard in five steps; colour and text colour. */
static const char *const fills[] = { "#f3f6f9", "#fde4c8", "#f8b878",
	"#e07b39", "#b5401c", "#7a1f0e" };

static int
step(int shortn, int people)
{
	if (people <= 0)
		return 0;
	if (shortn == 0)
		return 0;
	return 1 + (shortn * 5 - 1) / people;	/* 1..5 */
}

static void
cell_link(struct buf *o, const char *unit, const char *ckey)
{
	buf_adds(o, "/hr/kesenjangan?unit=");
	buf_url(o, unit);
	buf_adds(o, "&amp;kompetensi=");
	buf_url(o, ckey);
	buf_adds(o, "#gaps");
}

/* At most max characters of s (UTF-8 aware), "…" when cut. */
static void
label_short(struct buf *o, const char *s, int max)
{
	size_t	 i = 0;
	int	 n = 0;

	while (s[i] && n < max) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	buf_htmln(o, s, i);
	if (s[i])
		buf_adds(o, "…");
}

static void
heat_svg(struct req *r, const struct heat *h, const struct compdict *d)
{
	struct buf	*o = &r->out;
	const int	 lw = 220, cw = 64, ch = 28, top = 120;
	int		 u, c, w, hh, s, pct;
	char		 label[512];

	w = lw + cw * h->nc + 10;
	hh = top + ch * h->nu + 10;
	buf_addf(o, "<figure class=\"heat\"><svg id=\"heatmap\" "
	    "xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "width=\"%d\" height=\"%d\" role=\"group\" aria-labelledby="
	    "\"heat-title heat-desc\" font-family=\"sans-serif\" "
	    "font-size=\"12\"><title id=\"heat-title\">%s</title>"
	    "<desc id=\"heat-desc\">%s</desc>", w, hh, w, hh,
	    T(r, M_PLAN_HEATMAP), T(r, M_PLAN_HEATMAP_NOTE));
	for (c = 0; c < h->nc; c++) {
		buf_addf(o, "<text transform=\"translate(%d,%d) rotate(-40)\">"
		    "<title>", lw + c * cw + cw / 2, top - 8);
		buf_html(o, dictionary_name(d, h->comps[c]));
		buf_adds(o, "</title>");
		label_short(o, dictionary_name(d, h->comps[c]), 24);
		buf_adds(o, "</text>");
	}
	for (u = 0; u < h->nu; u++) {
		buf_addf(o, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">"
		    "<title>", lw - 8, top + u * ch + ch / 2 + 4);
		buf_html(o, h->units[u]);
		buf_adds(o, "</title>");
		label_short(o, h->units[u], 28);
		buf_adds(o, "</text>");
		for (c = 0; c < h->nc; c++) {
			int people = h->c[u][c].people, sh = h->c[u][c].shortn;

			if (people == 0) {
				buf_addf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
				    "height=\"%d\" fill=\"#fff\" stroke="
				    "\"#d0d7de\"/>", lw + c * cw, top + u * ch,
				    cw - 2, ch - 2);
				continue;
			}
			s = step(sh, people);
			pct = (sh * 100 + people / 2) / people;
			snprintf(label, sizeof(label), T(r, M_PLAN_CELL_LABEL),
			    h->units[u], dictionary_name(d, h->comps[c]), sh,
			    people);
			buf_adds(o, "<a href=\"");
			cell_link(o, h->units[u], h->comps[c]);
			buf_addf(o, "\"><rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\" stroke=\"#d0d7de\">"
			    "<title>", lw + c * cw, top + u * ch, cw - 2, ch - 2,
			    fills[s]);
			buf_html(o, label);
			buf_addf(o, "</title></rect><text x=\"%d\" y=\"%d\" "
			    "text-anchor=\"middle\" fill=\"%s\" "
			    "aria-hidden=\"true\">%d%%</text></a>",
			    lw + c * cw + cw / 2 - 1, top + u * ch + ch / 2 + 4,
			    s >= 4 ? "#fff" : "#1f2328", pct);
		}
	}
	buf_adds(o, "</svg></figure>");
}

static void
heat_table(struct req *r, const struct heat *h, const struct compdict *d)
{
	struct buf	*o = &r->out;
	int		 u, c;

	buf_addf(o, "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"heat-table\"><caption>"
	    "%s (%s / %s; %s)</caption><thead><tr><th scope=\"col\">%s</th>",
	    T(r, M_PLAN_HEATMAP), T(r, M_PLAN_SHORT), T(r, M_PLAN_PEOPLE),
	    T(r, M_PLAN_AVG_GAP), T(r, M_PLAN_UNIT));
	for (c = 0; c < h->nc; c++) {
		buf_adds(o, "<th scope=\"col\">");
		buf_html(o, dictionary_name(d, h->comps[c]));
		buf_adds(o, "</th>");
	}
	buf_adds(o, "</tr></thead><tbody>");
	for (u = 0; u < h->nu; u++) {
		buf_adds(o, "<tr><th scope=\"row\">");
		buf_html(o, h->units[u]);
		buf_adds(o, "</th>");
		for (c = 0; c < h->nc; c++) {
			int people = h->c[u][c].people;

			if (people == 0) {
				buf_adds(o, "<td>–</td>");
				continue;
			}
			buf_addf(o, "<td class=\"num\" data-unit-comp=\"");
			buf_html(o, h->units[u]);
			buf_adds(o, "|");
			buf_html(o, h->comps[c]);
			buf_addf(o, "\"><a href=\"");
			cell_link(o, h->units[u], h->comps[c]);
			buf_addf(o, "\">%d / %d</a>; ", h->c[u][c].shortn,
			    people);
			numfmt_dec(o, r->lang, (double)h->c[u][c].sum / people, 2);
			buf_adds(o, "</td>");
		}
		buf_adds(o, "</tr>");
	}
	buf_adds(o, "</tbody></table></div>");
}

struct list {
	struct req	*r;
	struct compdict	*d;
	int		 n;
};

static void
gap_row(void *a, const struct plan_gap_row *g)
{
	struct list	*l = a;
	struct buf	*o = &l->r->out;

	if (l->n++ >= GAP_PAGE)
		return;		/* the one past the page: there is a next */
	buf_addf(o, "<tr><td><a href=\"/hr/kesenjangan/%s\">", g->nip);
	buf_html(o, g->name);
	buf_addf(o, "</a><br><small>%s</small></td><td>", g->nip);
	buf_html(o, g->unit);
	buf_adds(o, "</td><td>");
	buf_html(o, g->position);
	if (g->target)
		buf_addf(o, " <small>(%s)</small>", T(l->r, M_PLAN_TARGET));
	buf_adds(o, "</td><td>");
	buf_html(o, dictionary_name(l->d, g->ckey));
	buf_addf(o, "</td><td class=\"num\">%d</td><td class=\"num\">%d</td>"
	    "<td class=\"num gap\">%d</td><td class=\"num\">%d</td></tr>",
	    g->required, g->achieved, g->gap, g->priority);
}

static const struct {
	const char	*id;
	int		 sort;
	enum msg	 label;
} sorts[] = {
	{ "prioritas", PLAN_SORT_PRIORITY, M_PLAN_SORT_PRIORITY },
	{ "kesenjangan", PLAN_SORT_GAP, M_PLAN_SORT_GAP },
	{ "nama", PLAN_SORT_NAME, M_PLAN_SORT_NAME },
	{ "unit", PLAN_SORT_UNIT, M_PLAN_SORT_UNIT },
	{ "kompetensi", PLAN_SORT_COMPETENCY, M_PLAN_SORT_COMP },
};
#define NSORTS	((int)(sizeof(sorts) / sizeof(sorts[0])))

static void
list_link(struct buf *o, const char *sort, const char *unit, const char *comp,
    int offset)
{
	buf_addf(o, "/hr/kesenjangan?urut=%s", sort);
	if (unit && unit[0]) {
		buf_adds(o, "&amp;unit=");
		buf_url(o, unit);
	}
	if (comp && comp[0]) {
		buf_adds(o, "&amp;kompetensi=");
		buf_url(o, comp);
	}
	if (offset > 0)
		buf_addf(o, "&amp;dari=%d", offset);
	buf_adds(o, "#gaps");
}

int
hr_gap_page(struct req *r)
{
	struct buf	*o = &r->out;
	struct heat	*h = NULL;
	struct list	 l;
	struct plan_gap_filter f;
	const char	*sort = http_query(r, "urut"), *unit = http_query(r, "unit");
	const char	*comp = http_query(r, "kompetensi");
	const char	*from = http_query(r, "dari");
	char		 ckey[PLAN_KEY_MAX] = "";
	int		 i, s = 0, offset = 0, status = 500;
	int64_t		 built = 0;
	char		 ver[8];
	int		 pending = 0;	/* GAP_PENDING: rebuilt off the request */

	memset(&l, 0, sizeof(l));
	l.r = r;
	for (i = 0; sort && i < NSORTS; i++)
		if (strcmp(sort, sorts[i].id) == 0)
			s = i;
	if (from && from[0] && (status = param_int32(r, "dari", from, 0,
	    GAP_MAX_OFFSET, &offset)) != 0)
		return status;
	status = 500;
	if (comp && comp[0] && competency_key(comp, ckey, sizeof(ckey)) == -1)
		return 400;
	if (unit && strlen(unit) >= STORE_TEXT_MAX)
		return 400;
	if (gap_ensure(r->st, r->now, &pending) == -1)
		return 500;
	store_plan_meta_get(r->st, ver, sizeof(ver), &built);
	if ((h = calloc(1, sizeof(*h))) == NULL ||
	    (l.d = dictionary_load(r->st)) == NULL)
		goto out;
	if (store_plan_cells(r->st, heat_row, h) == -1)
		goto out;
	view_begin(r, T(r, M_PLAN_GAP));
	buf_addf(o, "<p><a href=\"/hr/perencanaan\">%s</a></p><h1>%s</h1>"
	    "<p class=\"hint\">%s ", T(r, M_PLAN_TITLE), T(r, M_PLAN_GAP),
	    T(r, M_PLAN_BUILT));
	if (built > 0)
		view_datetime(r, built);
	else
		buf_adds(o, "—");	/* the first summary is being computed */
	buf_adds(o, "</p>");
	if (pending == GAP_PENDING)
		view_notice(r, "info", T(r, M_PD_GAP_PENDING));
	buf_addf(o, "<section aria-labelledby=\"heat-h\"><h2 id=\"heat-h\">"
	    "%s</h2><p>%s</p>", T(r, M_PLAN_HEATMAP),
	    T(r, M_PLAN_HEATMAP_NOTE));
	if (h->nu == 0)
		view_notice(r, "info", T(r, M_PLAN_NO_GAPS));
	else {
		buf_adds(o, "<div class=\"heat-wrap\">");
		heat_svg(r, h, l.d);
		heat_table(r, h, l.d);
		buf_adds(o, "</div>");
	}
	buf_addf(o, "</section><section id=\"gaps\" aria-labelledby=\"gaps-h\">"
	    "<h2 id=\"gaps-h\">%s</h2><form method=\"get\" action="
	    "\"/hr/kesenjangan#gaps\" class=\"filters\"><label for=\"f-unit\">"
	    "%s</label><input id=\"f-unit\" name=\"unit\" value=\"",
	    T(r, M_PLAN_LARGEST), T(r, M_PLAN_UNIT));
	buf_html(o, unit ? unit : "");
	buf_addf(o, "\"><label for=\"f-comp\">%s</label><input id=\"f-comp\" "
	    "name=\"kompetensi\" value=\"", T(r, M_PLAN_NAME));
	buf_html(o, comp ? comp : "");
	buf_addf(o, "\"><label for=\"f-sort\">%s</label><select id=\"f-sort\" "
	    "name=\"urut\">", T(r, M_PLAN_SORT));
	for (i = 0; i < NSORTS; i++)
		buf_addf(o, "<option value=\"%s\"%s>%s</option>", sorts[i].id,
		    i == s ? " selected" : "", T(r, sorts[i].label));
	buf_addf(o, "</select><button type=\"submit\">%s</button></form>"
	    "<div class=\"table-wrap\" tabindex=\"0\"><table id=\"gap-list\"><thead><tr>",
	    T(r, M_PLAN_SHOW));
	{
		static const enum msg heads[] = { M_PLAN_SORT_NAME,
		    M_PLAN_SORT_UNIT, 0, M_PLAN_SORT_COMP, M_PLAN_REQUIRED,
		    M_PLAN_ACHIEVED, M_PLAN_SORT_GAP, M_PLAN_SORT_PRIORITY };
		static const char *const ids[] = { "nama", "unit", NULL,
		    "kompetensi", NULL, NULL, "kesenjangan", "prioritas" };

		for (i = 0; i < 8; i++) {
			const char *aria = ids[i] && strcmp(ids[i],
			    sorts[s].id) == 0 ? " aria-sort=\"descending\"" : "";

			buf_addf(o, "<th scope=\"col\"%s>", aria);
			if (ids[i] == NULL) {
				buf_adds(o, T(r, i == 2 ? M_PLAN_POSITION :
				    heads[i]));
			} else {
				buf_adds(o, "<a href=\"");
				list_link(o, ids[i], unit, comp, 0);
				buf_addf(o, "\">%s</a>", T(r, heads[i]));
			}
			buf_adds(o, "</th>");
		}
	}
	buf_adds(o, "</tr></thead><tbody>");
	memset(&f, 0, sizeof(f));
	f.target = -1;
	f.unit = unit;
	f.ckey = ckey;
	f.sort = sorts[s].sort;
	f.limit = GAP_PAGE + 1;
	f.offset = offset;
	if (store_plan_gaps(r->st, &f, gap_row, &l) == -1)
		goto out;
	buf_adds(o, "</tbody></table></div>");
	if (l.n == 0)
		view_notice(r, "info", T(r, M_PLAN_NO_GAPS));
	buf_adds(o, "<p class=\"pager\">");
	if (offset > 0) {
		buf_adds(o, "<a rel=\"prev\" href=\"");
		list_link(o, sorts[s].id, unit, comp, offset > GAP_PAGE ?
		    offset - GAP_PAGE : 0);
		buf_addf(o, "\">%s</a>", T(r, M_PLAN_PREV));
	}
	if (l.n > GAP_PAGE) {
		buf_adds(o, "<a rel=\"next\" href=\"");
		list_link(o, sorts[s].id, unit, comp, offset + GAP_PAGE);
		buf_addf(o, "\">%s</a>", T(r, M_PLAN_NEXT));
	}
	buf_adds(o, "</p></section>");
	view_end(r);
	status = 200;
out:
	if (status != 200)
		buf_reset(o);
	compdict_free(l.d);
	free(h);
	return status;
}

/* --- one person --- */

struct pgap {
	struct req	*r;
	struct compdict	*d;
	int		 target, n;
};

static enum msg
src_msg(const char *s)
{
	if (strcmp(s, PROFILE_SRC_COMPLETION) == 0)
		return M_PLAN_SRC_KURSUS;
	if (strcmp(s, PROFILE_SRC_ASSESSMENT) == 0)
		return M_PLAN_SRC_ASESMEN;
	if (strcmp(s, PROFILE_SRC_SURVEY_SELF) == 0)
		return M_PLAN_SRC_SELF;
	return M_PLAN_SRC_ATASAN;
}

static void
pgap_row(void *a, const struct gap_item *g)
{
	struct pgap	*p = a;
	struct req	*r = p->r;
	struct buf	*o = &r->out;

	if (g->target != p->target) {
		buf_addf(o, "</tbody></table></div><h3>%s</h3><div class="
		    "\"table-wrap\" tabindex=\"0\"><table id=\"gap-target\"><thead><tr><th "
		    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th><th scope=\"col\">%s</th><th "
		    "scope=\"col\">%s</th></tr></thead><tbody>",
		    T(r, M_PLAN_TARGET), T(r, M_PLAN_NAME), T(r, M_PLAN_REQUIRED),
		    T(r, M_PLAN_ACHIEVED), T(r, M_PLAN_GAPCOL),
		    T(r, M_PLAN_EVIDENCE));
		p->target = g->target;
	}
	buf_addf(o, "<tr%s><th scope=\"row\">", g->gap > 0 ?
	    " class=\"short\"" : "");
	buf_html(o, dictionary_name(p->d, g->key));
	buf_addf(o, "</th><td class=\"num\">%d</td><td class=\"num\">%d</td>"
	    "<td class=\"num gap\">%d</td><td>", g->required, g->achieved,
	    g->gap > 0 ? g->gap : 0);
	if (g->source[0]) {
		buf_addf(o, "%s: ", T(r, src_msg(g->source)));
		buf_html(o, g->ref);
		buf_adds(o, ", ");
		view_date(r, g->at);
	} else
		buf_adds(o, T(r, M_PLAN_NONE));
	buf_adds(o, "</td></tr>");
	p->n++;
}

static void
ev_row(void *a, const struct profile_item *it)
{
	struct pgap	*p = a;
	struct req	*r = p->r;
	struct buf	*o = &r->out;

	buf_adds(o, "<tr><td>");
	buf_html(o, dictionary_name(p->d, it->key));
	buf_addf(o, "</td><td class=\"num\">%d</td><td>%s</td><td>",
	    it->level, T(r, src_msg(it->source)));
	buf_html(o, it->ref);
	buf_adds(o, "</td><td>");
	view_date(r, it->at);
	buf_addf(o, "</td><td>%s</td></tr>", it->counts ? T(r, M_PLAN_COUNTS) :
	    "");
}

int
hr_gap_person(struct req *r)
{
	struct buf	*o = &r->out;
	struct pgap	 p;
	struct user	 u;
	char		 target[STORE_TEXT_MAX];
	int		 rc, y, pred, box, status = 500;

	if (!nip_format(r->seg[2]))
		return 404;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &u, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	if (store_plan_target_get(r->st, u.id, target, sizeof(target)) == -1)
		return 500;
	memset(&p, 0, sizeof(p));
	p.r = r;
	if ((p.d = dictionary_load(r->st)) == NULL)
		return 500;
	view_begin(r, T(r, M_PLAN_PROFILE));
	buf_addf(o, "<p><a href=\"/hr/kesenjangan\">%s</a></p><h1>",
	    T(r, M_PLAN_GAP));
	buf_html(o, u.name);
	buf_addf(o, "</h1><dl class=\"figures\"><dt>NIP</dt><dd>%s</dd><dt>%s"
	    "</dt><dd>", u.nip, T(r, M_PLAN_UNIT));
	buf_html(o, u.unit);
	buf_addf(o, "</dd><dt>%s</dt><dd id=\"position\">", T(r, M_PLAN_CURRENT));
	buf_html(o, u.position);
	buf_addf(o, "</dd><dt>%s</dt><dd id=\"skp\">", T(r, M_PLAN_SKP_LAST));
	for (y = wib_year(r->now); y > wib_year(r->now) - 5; y--)
		if ((rc = store_plan_skp_get(r->st, u.id, y, &pred, &box)) == 0)
			break;
		else if (rc == -1)
			goto out;
	if (y > wib_year(r->now) - 5) {
		buf_addf(o, "%d: %s", y, skp_predikat_label(pred));
		if (box)
			buf_addf(o, "; %s %d", T(r, M_PLAN_BOX), box);
	} else
		buf_adds(o, T(r, M_PLAN_NONE));
	buf_addf(o, "</dd></dl><section><h2>%s</h2><div class=\"table-wrap\" tabindex=\"0\">"
	    "<table id=\"gap-current\"><thead><tr><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope="
	    "\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
	    T(r, M_PLAN_CURRENT), T(r, M_PLAN_NAME), T(r, M_PLAN_REQUIRED),
	    T(r, M_PLAN_ACHIEVED), T(r, M_PLAN_GAPCOL), T(r, M_PLAN_EVIDENCE));
	if (gap_person(r->st, u.id, pgap_row, &p) != 0)
		goto out;
	buf_addf(o, "</tbody></table></div></section><section class=\"card\">"
	    "<form method=\"post\" action=\"/hr/kesenjangan/%s\">", u.nip);
	view_csrf(r);
	buf_addf(o, "<label for=\"target\">%s</label><input id=\"target\" "
	    "name=\"jabatan_target\" maxlength=\"200\" value=\"",
	    T(r, M_PLAN_TARGET));
	buf_html(o, target);
	buf_addf(o, "\"><p class=\"hint\">%s</p><button type=\"submit\">%s"
	    "</button></form></section><section><h2>%s</h2><p class=\"hint\">"
	    "%s</p><div class=\"table-wrap\" tabindex=\"0\"><table id=\"evidence\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope="
	    "\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s"
	    "</th><th scope=\"col\"></th></tr></thead><tbody>",
	    T(r, M_PLAN_TARGET_HINT), T(r, M_PLAN_TARGET_SAVE),
	    T(r, M_PLAN_EVIDENCE_ALL), T(r, M_PLAN_SELF_NOTE), T(r, M_PLAN_NAME),
	    T(r, M_PLAN_LEVEL), T(r, M_PLAN_SOURCE), T(r, M_PLAN_EVIDENCE),
	    T(r, M_PLAN_DATE));
	if (profile_items(r->st, u.id, ev_row, &p) == -1)
		goto out;
	buf_adds(o, "</tbody></table></div></section>");
	view_end(r);
	status = 200;
out:
	if (status != 200)
		buf_reset(o);
	compdict_free(p.d);
	return status;
}

int
hr_gap_target(struct req *r)
{
	const char	*t = http_param(r, "jabatan_target");
	struct user	 u;
	char		 loc[64], detail[STORE_TEXT_MAX + 32];
	int		 rc;
	size_t		 i;

	if (!nip_format(r->seg[2]))
		return 404;
	if ((rc = store_user_by_nip(r->st, r->seg[2], &u, NULL, 0)) != 0)
		return rc == 1 ? 404 : 500;
	if (t == NULL)
		t = "";
	while (*t == ' ')
		t++;
	if (strlen(t) >= STORE_TEXT_MAX)
		return 400;
	for (i = 0; t[i]; i++)
		if ((unsigned char)t[i] < 0x20)
			return 400;
	if (store_begin(r->st) == -1)
		return 500;
	snprintf(detail, sizeof(detail), "%s target=%s", u.nip, t);
	if (store_plan_target_set(r->st, u.id, t, r->now) == -1 ||
	    store_audit(r->st, r->user.id, "plan.target.set", detail,
	    r->ip) == -1) {
		store_rollback(r->st);
		return 500;
	}
	if (store_commit(r->st) == -1)
		return 500;
	snprintf(loc, sizeof(loc), "/hr/kesenjangan/%s", u.nip);
	http_redirect(r, loc);
	return 303;
}
