"""The dashboard's counters (migration 18: agg_person, agg_hist,
agg_learners, kept by triggers in the writer's transaction) follow every
write path that changes JP or who is counted, and after each one the HR
dashboard (read from them) equals the per-person ledger sum (the JP
summary API) figure by figure, unit by unit and in the below-target
list's order:

- a course completed through the server; `lentera regrade` turning a
  failed final into a pass (a new completion);
- external training recorded (pending), approved by HR, another sent
  back (returned);
- HR's class at once (approved entries for several people);
- the roster import: new people, a unit move, an employee type (PPPK:
  another target) set and removed;
- deactivation and reactivation (who is counted);
- an operator's SQL: an entry revoked, an entry deleted, a user renamed.

The planning realisation (agg_plan_unit) and the survey response rates
(agg_survey) equal the queries they replace, run here on the same
database, after plans are approved, moved and sent back and answers
arrive and go.

The dashboard's evaluation coverage, read from the per-day completion
counters (evalcov.h), equals the same figures counted completion by
completion here (follow-ups due at the exact second, overdue, no atasan).
"""
import calendar, datetime, os, re, shutil, tempfile, urllib.parse, uuid
import lib
from lib import *
import agg_check
# test_exam's quiz helpers, not its tests (it registers them on import).
_run, lib.run = lib.run, lambda *a, **k: None
import test_exam as ex
lib.run = _run
lib._tests[:] = [t for t in lib._tests if t.__module__ != 'test_exam']

YEAR = None
UNIT_A, UNIT_B = 'Dinas Hitung Ulang', 'Badan Penjumlah'
NIPS = [test_nip(700 + i) for i in range(8)]
PW2 = 'kata-sandi-counters-2026'
PDF = b'%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'
_st = {}

def api(s, q):
    r = s.client().get(q, headers={'Authorization': 'Bearer ' + _st['token']})
    check(r.status == 200, '%s: %d %s' % (q, r.status, r.text[:200]))
    return r

def roster(s, rows):
    d = tempfile.mkdtemp(prefix='lentera-agg-')
    p = os.path.join(d, 'r.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,jenis_pegawai\n')
        for r in rows:
            f.write(','.join(r) + '\n')
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode == 0, 'roster: %s %s' % (r.stdout, r.stderr))

def same(s, what):
    """Counters = recount; dashboard = ledger, agency and each unit."""
    agg_check.recount(s, what)
    a = lambda q: api(s, q)
    agg_check.agree(s, _st['hr'], a, YEAR, what=what)
    for u in (UNIT_A, UNIT_B):
        agg_check.agree(s, _st['hr'], a, YEAR, u, what=what)
    # Filtered by course or type: sums of the matching entries only.
    for c, t in (('kuis-regrade', ''), ('', 'teknis'), ('', 'manajerial')):
        agg_check.agree(s, _st['hr'], a, YEAR, what=what, course=c, ctype=t)
        agg_check.agree(s, _st['hr'], a, YEAR, UNIT_A, what=what, course=c, ctype=t)

def setup(s):
    global YEAR
    if _st:
        return _st
    tk = s.cli('token', 'create', '--name', 'agg', '--db', s.db)
    check(tk.returncode == 0, tk.stderr)
    _st['token'] = tk.stdout.strip()
    h = s.client()
    h.login(*DEMO['hr'])
    _st['hr'] = h
    YEAR = int(re.search(r'name="year" type="number" min="\d+" max="\d+" value="(\d+)"',
                         h.get('/hr').text).group(1))
    return _st

def multipart(fields, files):
    b = '----LenteraAgg' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (b, k)).encode() + \
            str(v).encode() + b'\r\n'
    for k, fn, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                'Content-Type: application/pdf\r\n\r\n' % (b, k, fn)).encode() + data + b'\r\n'
    out += ('--%s--\r\n' % b).encode()
    return out, 'multipart/form-data; boundary=' + b

def training(c, cert, jp):
    f = {'what': 'training', 'kind': 'seminar', 'title': 'Seminar ' + cert, 'provider': 'Univ',
         'start': '%d-03-03' % YEAR, 'end': '%d-03-04' % YEAR, 'jp': jp, 'cert_no': cert,
         'csrf': c.csrf('/learning')}
    body, ct = multipart(f, [('evidence', 'sertifikat.pdf', PDF)])
    r = c.request('POST', '/learning', body=body, headers={'Content-Type': ct})
    check(r.status == 303, 'training recorded: %d %s' % (r.status, r.text[-300:]))

def review(c, rid, action):
    return c.post('/review/%d' % rid, {'csrf': c.csrf('/review'), 'action': action, 'note': 'cek'})

def login(s, nip):
    r = s.cli('user', 'reset-password', '--nip', nip, '--db', s.db, stdin=PW2 + '\n')
    check(r.returncode == 0, r.stderr)
    c = s.client()
    c.login(nip, PW2)
    return c

@test
def roster_import_and_completion_through_the_server(s):
    setup(s)
    same(s, 'before anything')
    roster(s, [(n, 'Pegawai %d' % i, UNIT_A if i % 2 else UNIT_B, 'Analis', 'III/a',
                'pppk' if i == 3 else '') for i, n in enumerate(NIPS)])
    same(s, 'roster import')
    c = ex.learner(s)
    _st['lucky'], _st['truthful'] = c, ex.learner(s)
    ex.modules_done(c, 'kuis-regrade', ('01-satu',))
    ex.modules_done(_st['truthful'], 'kuis-regrade', ('01-satu',))
    ex.take_regrade(s, c, 'Badan Pemeriksa Keuangan')          # the wrong key: passes
    ex.take_regrade(s, _st['truthful'], 'Ombudsman RI')        # fails
    check(ex.completion(s, c, 'kuis-regrade') is not None, 'a completion through the server')
    same(s, 'completion')

@test
def regrade_turns_a_fail_into_a_pass(s):
    setup(s)
    tree = os.path.join(s.tmp, 'courses-fixed')
    shutil.copytree(ex.QUIZ_TREE, tree)
    shutil.rmtree(os.path.join(tree, 'kuis-macet'))
    qf = os.path.join(tree, 'kuis-regrade', 'quiz-final.lua')
    src = open(qf).read()
    open(qf, 'w').write(src.replace('answer = 1,', 'answer = 2,', 1))
    p = s.cli('regrade', 'kuis-regrade/quiz-final.lua', *s.db_args(), '--courses', tree)
    check(p.returncode == 0 and '2 changed' in p.stdout, 'regrade: %s %s' % (p.stdout, p.stderr))
    check(ex.completion(s, _st['truthful'], 'kuis-regrade') is not None, 'now passed')
    same(s, 'regrade')

@test
def training_approved_and_returned(s):
    setup(s)
    a, b = login(s, NIPS[1]), login(s, NIPS[2])
    training(a, 'AGG/1', '8')
    training(b, 'AGG/2', '30')
    same(s, 'two pending')
    ra, rb = [s.sql('SELECT r.id FROM learn_record r JOIN users u ON u.id = r.user_id'
                    ' WHERE u.nip = ? ORDER BY r.id DESC', (n,))[0][0] for n in (NIPS[1], NIPS[2])]
    check(review(_st['hr'], ra, 'approve').status == 303, 'HR approves')
    same(s, 'approved')
    r = review(_st['hr'], rb, 'return')
    check(r.status == 303, 'HR sends back: %d' % r.status)
    check(s.sql("SELECT status FROM ledger WHERE source = 'classroom' AND ref_id = ?", (rb,)) ==
          [('returned',)], 'returned')
    same(s, 'returned')

@test
def class_at_once(s):
    setup(s)
    h = _st['hr']
    form = {'kind': 'bimtek', 'title': 'Bimtek Hitung', 'provider': 'BKN',
            'start': '%d-05-10' % YEAR, 'end': '%d-05-11' % YEAR, 'jp': '24',
            'cert_no': 'AGG/BT/1', 'participants': '\r\n'.join(NIPS[3:7])}
    r = h.post('/hr/learning', dict(form, csrf=h.csrf('/hr/learning')))
    check(r.status == 303, 'class recorded %d %s' % (r.status, r.text[-300:]))
    same(s, 'class at once')

@test
def roster_moves_and_types(s):
    setup(s)
    # NIPS[1] moves unit, NIPS[3] (PPPK, 24 JP: meets 24) back to pns,
    # NIPS[4] becomes PPPK.
    rows = [(n, 'Pegawai %d' % i, UNIT_A if i % 2 else UNIT_B, 'Analis', 'III/a',
             'pppk' if i == 4 else 'pns') for i, n in enumerate(NIPS)]
    rows[1] = (NIPS[1], 'Pegawai Pindah', UNIT_B, 'Analis', 'III/a', 'pns')
    roster(s, rows)
    same(s, 'unit move and types')
    s.sql('DELETE FROM employee_type WHERE user_id = (SELECT id FROM users WHERE nip = ?)',
          (NIPS[4],))
    same(s, 'type row deleted')

@test
def deactivation_and_operator_sql(s):
    setup(s)
    for n in (NIPS[5], NIPS[0]):
        r = s.cli('user', 'deactivate', '--nip', n, '--db', s.db)
        check(r.returncode == 0, r.stderr)
    same(s, 'deactivated')          # NIPS[5] still counted: approved JP
    r = s.cli('user', 'activate', '--nip', NIPS[0], '--db', s.db)
    check(r.returncode == 0, r.stderr)
    same(s, 'reactivated')
    lid = s.sql("SELECT l.id FROM ledger l JOIN users u ON u.id = l.user_id"
                " WHERE u.nip = ? AND l.status = 'approved'", (NIPS[6],))[0][0]
    s.sql("UPDATE ledger SET status = 'returned' WHERE id = ?", (lid,))
    same(s, 'revoked by SQL')
    s.sql("UPDATE ledger SET status = 'approved', cjp = 1234 WHERE id = ?", (lid,))
    same(s, 'approved again with other JP')
    s.sql('DELETE FROM ledger WHERE id = ?', (lid,))
    same(s, 'deleted')
    s.sql("UPDATE users SET name = 'Aaa Pertama' WHERE nip = ?", (NIPS[2],))
    same(s, 'renamed (below list order)')

WIB = datetime.timezone(datetime.timedelta(hours=7))

# The statements the counters replace (store_plan_b.c before migration 18);
# whole JP per person as plans count (the CAST: PostgreSQL's sum of
# BIGINT is NUMERIC, so "/ 100" would not be a whole division there).
OLD_REALISATION = (
    "SELECT n.unit, n.people, coalesce(a.planners, 0), coalesce(a.planned, 0), coalesce(d.jp, 0)"
    " FROM (SELECT unit, count(*) AS people FROM users WHERE role = 'learner' AND active = 1"
    " GROUP BY unit) AS n LEFT JOIN aplan_unit a ON a.year = ?1 AND a.unit = n.unit"
    " LEFT JOIN (SELECT u.unit AS unit, sum((SELECT CAST(coalesce(sum(l.cjp), 0) AS BIGINT) / 100"
    " FROM ledger l"
    " WHERE l.user_id = p.user_id AND l.year = p.year AND l.status = 'approved')) AS jp FROM idp p"
    " JOIN users u ON u.id = p.user_id WHERE p.year = ?1 AND p.status = 'approved'"
    " GROUP BY u.unit) AS d ON d.unit = n.unit ORDER BY n.unit")
OLD_PEOPLE = (
    "SELECT u.nip, (SELECT CAST(coalesce(sum(l.cjp), 0) AS BIGINT) / 100 FROM ledger l"
    " WHERE l.user_id = u.id"
    " AND l.year = ?1 AND l.status = 'approved') FROM idp p JOIN users u ON u.id = p.user_id"
    " WHERE p.year = ?1 AND p.status = 'approved' AND u.unit = ?2 ORDER BY u.unit, u.name, u.id")
OLD_RATES = (
    "SELECT p.unit, p.n, coalesce(a.s, 0), coalesce(a.t, 0) FROM (SELECT u.unit AS unit,"
    " count(*) AS n FROM users u WHERE u.role = 'learner' AND u.active = 1 GROUP BY u.unit) AS p"
    " LEFT JOIN (SELECT unit, sum(self) AS s, sum(atasan) AS t FROM survey_status WHERE"
    " round_id = ?1 GROUP BY unit) AS a ON a.unit = p.unit ORDER BY p.unit")

def unit_name(u):
    return '(tanpa unit kerja)' if u == '' else u

def realisation_same(s, what):
    h = _st['hr']
    t = h.get('/hr/plan/realisation?year=%d' % YEAR).text
    got = [(html_unescape(u), int(a), int(b), int(c), int(d)) for u, a, b, c, d in re.findall(
        r'<tr><th scope="row"><a href="[^"]*">([^<]*)</a></th><td class="right">(\d+)</td>'
        r'<td class="right">(\d+)</td><td class="right">(\d+)</td><td class="right">(\d+)</td>', t)]
    want = [(unit_name(r[0]),) + tuple(int(x) for x in r[1:]) for r in s.sql(
        OLD_REALISATION.replace('?1', str(YEAR)))]
    check(got == want, '%s realisation: page %s, old query %s' % (what, got, want))
    for u in (UNIT_A, UNIT_B):
        t = h.get('/hr/plan/realisation?year=%d&unit=%s' % (YEAR, urllib.parse.quote(u))).text
        sec = t[t.index('id="people"'):]
        got = [(n, int(a)) for n, a in re.findall(
            r'<a href="/hr/people/(\d{18})">.*?</small></th><td class="right">\d+</td>'
            r'<td class="right">(\d+)</td>', sec)]
        want = [(r[0], int(r[1])) for r in s.sql(OLD_PEOPLE.replace('?1', str(YEAR)).replace('?2', '?'), (u,))]
        check(got == want, '%s people of %s: page %s, old %s' % (what, u, got, want))

def rates_same(s, rid, what):
    t = _st['hr'].get('/hr/survey/%d' % rid).text
    got = [(html_unescape(u), int(a), int(b), int(c)) for u, a, b, c in re.findall(
        r'<tr><th scope="row">([^<]*)</th><td class="right">(\d+)</td><td class="right">(\d+) \('
        r'[^)]*\)</td><td class="right">(\d+) \(', t)]
    want = [(unit_name(r[0]),) + tuple(int(x) for x in r[1:]) for r in s.sql(OLD_RATES.replace('?1', str(rid)))]
    check(got == want, '%s rates: page %s, old query %s' % (what, got, want))

def html_unescape(x):
    import html
    return html.unescape(x)

@test
def realisation_and_survey_rates_from_counters(s):
    setup(s)
    uid = lambda n: s.sql('SELECT id FROM users WHERE nip = ?', (n,))[0][0]
    realisation_same(s, 'no plans')
    for i, st in ((1, 'approved'), (2, 'approved'), (4, 'submitted'), (5, 'approved')):
        s.sql("INSERT INTO idp (user_id, year, status, updated_at) VALUES (?, ?, ?, 1)",
              (uid(NIPS[i]), YEAR, st))
    realisation_same(s, 'plans approved')
    s.sql("UPDATE idp SET status = 'approved' WHERE user_id = ?", (uid(NIPS[4]),))
    s.sql("UPDATE idp SET status = 'returned' WHERE user_id = ?", (uid(NIPS[5]),))
    realisation_same(s, 'approved / sent back')
    s.sql("UPDATE users SET unit = ? WHERE nip = ?", (UNIT_A, NIPS[2]))
    s.sql("INSERT INTO ledger (user_id, source, kind, ref_id, title, at, year, cjp, status,"
          " rule_ref, created_at, updated_at) VALUES (?, 'external', 'seminar', 9901, 'S', 1, ?,"
          " 250, 'approved', 'seminar@0', 1, 1)", (uid(NIPS[4]), YEAR))
    realisation_same(s, 'unit move, 2,5 JP more')
    s.sql("INSERT INTO survey_round (id, year, title, opens_at, closes_at, created_at)"
          " VALUES (77, ?, 'Survei Hitung', 0, 1, 0)", (YEAR,))
    rates_same(s, 77, 'no answers')
    for i, (me, at) in enumerate(((1, 0), (1, 1), (0, 1), (1, 0))):
        s.sql("INSERT INTO survey_status (round_id, user_id, unit, self, atasan) VALUES"
              " (77, ?, (SELECT unit FROM users WHERE nip = ?), ?, ?)",
              (uid(NIPS[i]), NIPS[i], me, at))
    rates_same(s, 77, 'answers')
    s.sql("UPDATE survey_status SET atasan = 1 WHERE round_id = 77 AND user_id = ?", (uid(NIPS[0]),))
    s.sql("DELETE FROM survey_status WHERE round_id = 77 AND user_id = ?", (uid(NIPS[1]),))
    rates_same(s, 77, 'updated, deleted')

def due(t, months=3):
    """core/evaluation.c evaluation_due: months later, the day clamped."""
    d = datetime.datetime.fromtimestamp(t, WIB)
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12
    day = min(d.day, calendar.monthrange(y, m + 1)[1])
    return int(datetime.datetime(y, m + 1, day, d.hour, d.minute, d.second, tzinfo=WIB).timestamp())

def coverage_truth(s, now, unit=''):
    rows = s.sql("SELECT c.completed_at, u.nip_atasan,"
                 " (SELECT count(*) FROM eval_reaction_done d WHERE d.user_id = c.user_id"
                 "  AND d.course = c.course),"
                 " (SELECT count(*) FROM eval_followup f WHERE f.user_id = c.user_id"
                 "  AND f.course = c.course AND f.role = 'learner'),"
                 " (SELECT count(*) FROM eval_followup f WHERE f.user_id = c.user_id"
                 "  AND f.course = c.course AND f.role = 'atasan')"
                 " FROM completions c JOIN users u ON u.id = c.user_id"
                 " WHERE c.year = ? AND (? = '' OR u.unit = ?)", (YEAR, unit, unit))
    n, reacted = len(rows), sum(1 for r in rows if r[2])
    d = [r for r in rows if due(r[0]) <= now]
    answered = sum(1 for r in d if r[3]) + sum(1 for r in d if r[4])
    asked = 2 * len(d) - sum(1 for r in d if r[1] == '')
    late = sum(1 for r in d if due(r[0]) + 30 * 86400 <= now and
               (not r[3] or (not r[4] and r[1] != '')))
    return reacted, n, answered, asked, late

def coverage_page(h, unit=''):
    t = h.get('/hr?year=%d' % YEAR + ('&unit=' + urllib.parse.quote(unit) if unit else '')).text
    l1 = re.search(r'id="cov-l1">[^<]*</strong>[^<]*\((\d+) / (\d+)\)</li>', t)
    l3 = re.search(r'id="cov-l3">[^<]*</strong>[^<]*\((\d+) / (\d+)\)</li>', t)
    late = re.search(r'#terlambat">[^<]*: (\d+)</a>', t)
    check(l1 and l3 and late, 'coverage figures on the dashboard')
    return (int(l1.group(1)), int(l1.group(2)), int(l3.group(1)), int(l3.group(2)),
            int(late.group(1)))

@test
def evaluation_coverage_from_counters(s):
    setup(s)
    now = int(datetime.datetime(YEAR, 11, 15, 12, 0, 0, tzinfo=WIB).timestamp())
    at = lambda mo, d, hh=12, mm=0, ss=0: int(datetime.datetime(
        YEAR, mo, d, hh, mm, ss, tzinfo=WIB).timestamp())
    # due exactly now, one second later, the day before, overdue, recent
    times = [at(8, 15), at(8, 15, 12, 0, 1), at(8, 14, 23, 59, 59), at(7, 10), at(7, 1), at(10, 1),
             at(8, 15, 0, 0, 0), at(5, 31)]
    uid = lambda n: s.sql('SELECT id FROM users WHERE nip = ?', (n,))[0][0]
    s.sql("UPDATE users SET nip_atasan = ? WHERE nip IN (?, ?, ?)", (NIPS[7], NIPS[1], NIPS[3], NIPS[5]))
    for i, t in enumerate(times):
        n = NIPS[i % len(NIPS)]
        s.sql("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
              " level, jp, started_at, completed_at, year) VALUES (?,?,?,?,?,?,?,?,?,?)",
              (uid(n), 'cov-%d' % i, 'Cakupan %d' % i, 'Kompetensi', 'teknis', 1, 2, t - 3600, t, YEAR))
        if i % 2 == 0:
            s.sql("INSERT INTO eval_reaction_done (user_id, course, at) VALUES (?,?,?)",
                  (uid(n), 'cov-%d' % i, t + 60))
        if i in (0, 2, 3, 7):
            s.sql("INSERT INTO eval_followup (user_id, course, role, responder_id, at) VALUES"
                  " (?,?,'learner',?,?)", (uid(n), 'cov-%d' % i, uid(n), now - 86400))
        if i in (0, 3):
            s.sql("INSERT INTO eval_followup (user_id, course, role, responder_id, at, change)"
                  " VALUES (?,?,'atasan',?,?,3)", (uid(n), 'cov-%d' % i, uid(NIPS[7]), now - 3600))
    set_clock(str(now))
    try:
        for step in ('as inserted', 'atasan and unit changed'):
            for u in ('', UNIT_A, UNIT_B):
                got, want = coverage_page(_st['hr'], u), coverage_truth(s, now, u)
                check(got == want, '%s, unit %r: page %s, counted %s' % (step, u, got, want))
            s.sql("UPDATE users SET nip_atasan = '', unit = ? WHERE nip = ?", (UNIT_A, NIPS[3]))
            s.sql("UPDATE users SET nip_atasan = ? WHERE nip = ?", (NIPS[7], NIPS[0]))
        s.sql("DELETE FROM eval_followup WHERE course LIKE 'cov-%'")
        s.sql("DELETE FROM eval_reaction_done WHERE course LIKE 'cov-%'")
        s.sql("DELETE FROM completions WHERE course = 'cov-1'")
        got, want = coverage_page(_st['hr']), coverage_truth(s, now)
        check(got == want, 'after deletions: page %s, counted %s' % (got, want))
        agg_check.recount(s, 'coverage')
    finally:
        set_clock('+0')

run(lambda: Server(courses=ex.QUIZ_TREE, args=use_test_clock()))
