"""The HR dashboard read from the counters (migration 18, store_agg.h)
against the one JP sum (store_ledger_people, reached through the JP
summary API): shared by test_ledger_agree.py and
test_perfdata_counters.py. Every figure, every unit row and the
below-target list in its order (lowest JP, then name, then NIP) must be
equal; the counter tables themselves must equal a recount of the
ledger."""
import csv, html, io, re, urllib.parse
from lib import check

BELOW_MAX = 500     # server/web/hr.h HR_BELOW_MAX

def cjp(text):
    """'3,22' / '1.234,5' (page) -> 322 / 123450."""
    t = text.strip().replace('.', '').replace(',', '.')
    return round(float(t) * 100)

def query(year, unit='', course='', ctype=''):
    q = 'year=%d' % year
    for k, v in (('unit', unit), ('course', course), ('type', ctype)):
        if v:
            q += '&%s=%s' % (k, urllib.parse.quote(v))
    return q

def page(h, year, unit='', course='', ctype=''):
    q = '/hr?' + query(year, unit, course, ctype)
    r = h.get(q)
    check(r.status == 200, '%s: %d' % (q, r.status))
    t = r.text
    meet = re.search(r'id="meeting">(\d+) / (\d+)<', t)
    fig = {'people': int(meet.group(2)), 'meeting': int(meet.group(1)),
           'done': int(re.search(r'id="completions">(\d+)<', t).group(1)),
           'cjp': cjp(re.search(r'id="jp-total">([^<]*)<', t).group(1))}
    units = {}
    tab = re.search(r'<table id="units">.*?</table>', t, re.S)
    for name, n, done, jp in re.findall(r'<tr><th scope="row">([^<]*)</th><td>(\d+)</td>'
                                        r'<td>(\d+)</td><td>([^<]*)</td></tr>', tab.group(0)):
        name = html.unescape(name)
        units['' if name == '(tanpa unit kerja)' else name] = (int(n), int(done), cjp(jp))
    b = re.search(r'<table id="below">.*?</table>', t, re.S)
    below = re.findall(r'<a class="nip" href="/hr/people/(\d{18})', b.group(0)) if b else []
    nbelow = int(re.search(r'id="below-h">[^<]*\((\d+)\)<', t).group(1))
    return fig, units, below, nbelow

def truth(s, api, year, unit='', course='', ctype=''):
    """What the per-person pass says (jp-summary CSV: store_ledger_people)."""
    q = '/api/v1/jp-summary?format=csv&' + query(year, unit, course, ctype)
    rows = list(csv.reader(io.StringIO(api(q).text)))
    hd = rows[0]
    col = {k: hd.index(k) for k in ('nip', 'nama', 'unit_kerja', 'jumlah_jp', 'memenuhi_target')}
    people = []
    for r in rows[1:]:
        people.append({'nip': r[col['nip']], 'name': r[col['nama']], 'unit': r[col['unit_kerja']],
                       'cjp': round(float(r[col['jumlah_jp']]) * 100),
                       'meets': r[col['memenuhi_target']].lower() in ('ya', 'true', '1', 'yes')})
    done = dict(s.sql("SELECT u.unit, count(*) FROM ledger l JOIN users u ON u.id = l.user_id"
                      " WHERE l.year = ? AND l.status = 'approved' AND l.source = 'elearning'"
                      " AND (? = '' OR u.unit = ?) AND (? = '' OR l.course = ?)"
                      " AND (? = '' OR l.competency_type = ?) GROUP BY u.unit",
                      (year, unit, unit, course, course, ctype, ctype)))
    fig = {'people': len(people), 'meeting': sum(p['meets'] for p in people),
           'done': sum(done.values()), 'cjp': sum(p['cjp'] for p in people)}
    units = {}
    for p in people:
        n, d, c = units.get(p['unit'], (0, 0, 0))
        units[p['unit']] = (n + 1, d, c + p['cjp'])
    units = {u: (n, done.get(u, 0), c) for u, (n, d, c) in units.items()}
    # Byte order of UTF-8 = code point order: SQLite's BINARY collation.
    low = sorted((p for p in people if not p['meets']),
                 key=lambda p: (p['cjp'], p['name'].encode(), p['nip']))
    return fig, units, [p['nip'] for p in low][:BELOW_MAX], len(low)

def agree(s, h, api, year, unit='', what='', course='', ctype=''):
    got = page(h, year, unit, course, ctype)
    want = truth(s, api, year, unit, course, ctype)
    tag = '%s (%s)' % (what, query(year, unit, course, ctype))
    check(got[0] == want[0], '%s figures: counters %s, ledger %s' % (tag, got[0], want[0]))
    check(got[1] == want[1], '%s units: counters %s, ledger %s' % (tag, got[1], want[1]))
    check(got[3] == want[3], '%s below count: %d vs %d' % (tag, got[3], want[3]))
    check(got[2] == want[2], '%s below list: counters %s, ledger %s' % (tag, got[2][:20], want[2][:20]))
    return want

def recount(s, what=''):
    """agg_person / agg_learners equal a recount of ledger, users and
    employee_type; agg_hist holds each counted person-year once."""
    kind = "coalesce((SELECT t.kind FROM employee_type t WHERE t.user_id = u.id), 'pns')"
    want = set(s.sql(
        "SELECT u.id, l.year,"
        " sum(CASE WHEN l.status = 'approved' THEN l.cjp ELSE 0 END),"
        " sum(CASE WHEN l.status = 'pending' THEN l.cjp ELSE 0 END),"
        " sum(CASE WHEN l.status = 'approved' THEN 1 ELSE 0 END),"
        " sum(CASE WHEN l.status = 'approved' AND l.source = 'elearning' THEN 1 ELSE 0 END),"
        " u.unit, " + kind + ", CASE WHEN u.role = 'learner' AND u.active = 1 THEN 1 ELSE 0 END,"
        " u.name, u.nip FROM ledger l JOIN users u ON u.id = l.user_id GROUP BY u.id, l.year"))
    got = set(s.sql("SELECT user_id, year, cjp, pending, entries, elearning, unit, kind, learner,"
                    " name, nip FROM agg_person"))
    # A person-year whose entries were all deleted keeps a row of zeros.
    zeros = {r for r in got - want if r[2:6] == (0, 0, 0, 0)}
    check(got - zeros == want, '%s agg_person: extra %s, missing %s' %
          (what, sorted(got - zeros - want)[:5], sorted(want - got)[:5]))
    wl = set(s.sql("SELECT u.unit, " + kind + ", count(*) FROM users u WHERE u.role = 'learner'"
                   " AND u.active = 1 GROUP BY u.unit, " + kind))
    gl = set(s.sql("SELECT unit, kind, n FROM agg_learners WHERE n <> 0"))
    check(gl == wl, '%s agg_learners: %s vs %s' % (what, sorted(gl), sorted(wl)))
    wh = set(s.sql("SELECT year, unit, kind, learner, cjp, count(*), sum(elearning) FROM agg_person"
                   " WHERE learner = 1 OR entries > 0 GROUP BY year, unit, kind, learner, cjp"))
    gh = set(s.sql("SELECT year, unit, kind, learner, cjp, people, done FROM agg_hist"))
    check(gh == wh, '%s agg_hist: %s vs %s' % (what, sorted(gh ^ wh)[:5], ''))
    r = "(SELECT count(*) FROM eval_reaction_done d WHERE d.user_id = c.user_id AND d.course = c.course)"
    f = ("(SELECT count(*) FROM eval_followup f WHERE f.user_id = c.user_id AND f.course = c.course"
         " AND f.role = '%s')")
    done = "(CASE WHEN %s > 0 AND (%s > 0 OR u.nip_atasan = '') THEN 1 ELSE 0 END)" % (
        f % 'learner', f % 'atasan')
    wd = set(s.sql("SELECT c.year, u.unit, (c.completed_at + 25200) / 86400, count(*),"
                   " sum(CASE WHEN u.nip_atasan = '' THEN 1 ELSE 0 END), sum(" + r + "), sum(" +
                   f % 'learner' + "), sum(" + f % 'atasan' + "), sum(" + done + ")"
                   " FROM completions c JOIN users u ON u.id = c.user_id GROUP BY c.year, u.unit,"
                   " (c.completed_at + 25200) / 86400"))
    gd = set(s.sql("SELECT year, unit, day, n, no_atasan, reacted, fu_learner, fu_atasan, fu_done"
                   " FROM agg_done_day WHERE n <> 0"))
    check(gd == wd, '%s agg_done_day: %s' % (what, sorted(gd ^ wd)[:5]))
