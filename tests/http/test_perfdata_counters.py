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
"""
import os, re, shutil, tempfile, uuid
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

run(lambda: Server(courses=ex.QUIZ_TREE, args=use_test_clock()))
