"""One ledger (issue 10.2): every JP figure reads it, so on one data set
the HR dashboard, the JP summary (JSON, CSV, XLSX), the learner record
API, Rekam Jejak, the learner's home page and the HR person page agree.
Only approved entries count; pending ones are shown apart. JP are in
hundredths (2,22 on pages, 2.22 in machine formats). The yearly target
follows the employee type from the roster (PPPK). A completion the
server writes has its ledger entry with the rule in force; migration 11
backfills the entries of completions made before it."""
import csv, datetime, io, json, os, re, tempfile, zipfile
from lib import *

FIX = os.path.join(FIXTURES, 'courses-certs')
WIB = datetime.timezone(datetime.timedelta(hours=7))
UNIT = 'Dinas Buku Besar'
L1 = DEMO['learner'][0]             # completes a course through the server
L2 = '199203032019032003'           # PPPK: target 24
L3 = '199304042020041004'           # nothing approved, one pending entry
YEAR = datetime.datetime.now(WIB).year
_st = {}

def ts(mo, d):
    return int(datetime.datetime(YEAR, mo, d, 10, 0, tzinfo=WIB).timestamp())

def uid(s, nip):
    return s.sql('SELECT id FROM users WHERE nip = ?', (nip,))[0][0]

def entry(s, nip, source, kind, ref, cjp, status, at):
    s.sql("INSERT INTO ledger (user_id, source, kind, ref_id, title, at, year, cjp, status,"
          " rule_ref, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
          (uid(s, nip), source, kind, ref, 'Seminar ' + kind, at, YEAR, cjp, status,
           kind + '@00000000', at, at))

def setup(s):
    if _st:
        return _st
    c = s.client()
    c.login(*DEMO['learner'])
    tok = csrf_of(c.get('/courses/kursus-tanpa-tes').text)
    check(c.post('/courses/kursus-tanpa-tes/01-modul/done', {'csrf': tok}).status == 303,
          'module done: the course completes')
    _st['learner'] = c
    d = tempfile.mkdtemp(prefix='lentera-ledger-')
    roster = os.path.join(d, 'r.csv')
    with open(roster, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,jenis_pegawai\n'
                '%s,Rina Wulandari,%s,Analis,III/a,\n'
                '%s,Putu PPPK,%s,Penata,IX,PPPK\n'
                '%s,Tiga Menunggu,%s,Analis,III/b,pns\n' % (L1, UNIT, L2, UNIT, L3, UNIT))
    r = s.cli('import-roster', roster, '--db', s.db)
    check(r.returncode == 0, 'roster import: %s %s' % (r.stdout, r.stderr))
    # Completions written by another path: the trigger gives them entries.
    s.sql("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
          " level, jp, started_at, completed_at, year) VALUES (?,?,?,?,?,?,?,?,?,?)",
          (uid(s, L2), 'k-lain', 'Kursus Lain', 'Kompetensi', 'teknis', 1, 20, ts(2, 1),
           ts(2, 2), YEAR))
    entry(s, L1, 'external', 'seminar', 1, 222, 'approved', ts(3, 1))     # 2,22 JP
    entry(s, L1, 'external', 'workshop', 2, 800, 'pending', ts(3, 2))     # not counted
    entry(s, L2, 'mentoring', 'mentoring', 3, 200, 'approved', ts(4, 1))
    entry(s, L3, 'external', 'seminar', 4, 500, 'pending', ts(4, 2))
    entry(s, L3, 'coaching', 'coaching', 5, 200, 'returned', ts(4, 3))     # sent back
    tk = s.cli('token', 'create', '--name', 'ledger', '--db', s.db)
    check(tk.returncode == 0, tk.stderr)
    _st['token'] = tk.stdout.strip()
    h = s.client()
    h.login(*DEMO['hr'])
    _st['hr'] = h
    return _st

# What the ledger says, in cJP: L1 1 JP course + 2,22 seminar; L2 20 + 2.
WANT = {L1: 322, L2: 2200, L3: 0}
PENDING = {L1: 800, L2: 0, L3: 500}

def api(s, path):
    r = s.client().get(path, headers={'Authorization': 'Bearer ' + setup(s)['token']})
    check(r.status == 200, '%s: %d %s' % (path, r.status, r.text[:300]))
    return r

def cjp(text):
    """'3,22' / '3.22' / '20' -> 322 / 2000."""
    text = text.strip().replace('.', ',') if ',' not in text else text.strip().replace('.', '')
    whole, _, frac = text.partition(',')
    return int(whole) * 100 + int((frac + '00')[:2])

@test
def server_completion_has_its_entry_with_the_rule_in_force(s):
    setup(s)
    rows = s.sql("SELECT l.source, l.kind, l.cjp, l.status, l.rule_ref, l.year FROM ledger l"
                 " JOIN completions c ON c.id = l.ref_id AND l.source = 'elearning'"
                 " WHERE c.course = 'kursus-tanpa-tes'")
    check(rows == [('elearning', 'e-learning', 100, 'approved', 'e-learning@c21f70aa', YEAR)], rows)
    check(s.sql("SELECT count(*) FROM completions c WHERE NOT EXISTS (SELECT 1 FROM ledger l"
                " WHERE l.source = 'elearning' AND l.ref_id = c.id)")[0][0] == 0,
          'every completion has its ledger entry')

@test
def jp_summary_json_csv_xlsx_agree(s):
    setup(s)
    q = '/api/v1/jp-summary?year=%d&unit=%s' % (YEAR, urllib.parse.quote(UNIT))
    j = json.loads(api(s, q + '&format=json').text)
    by = {x['nip']: x for x in j['data']}
    for nip in WANT:
        check(round(by[nip]['jp'] * 100) == WANT[nip], 'json jp %s: %s' % (nip, by[nip]))
        check(round(by[nip]['jp_pending'] * 100) == PENDING[nip], 'json pending %s' % by[nip])
    check(by[L2]['employee_type'] == 'pppk' and by[L2]['target'] == 24, by[L2])
    check(by[L1]['employee_type'] == 'pns' and by[L1]['target'] == 20, by[L1])
    check(by[L3]['meets_target'] is False and by[L2]['meets_target'] is False, by)
    rows = list(csv.reader(io.StringIO(api(s, q + '&format=csv').text)))
    head = rows[0]
    got = {r[0]: r for r in rows[1:]}
    check(got[L1][head.index('jumlah_jp')] == '3.22', got[L1])
    check(got[L1][head.index('jp_menunggu')] == '8', got[L1])
    check(got[L2][head.index('target_jp')] == '24' and got[L2][head.index('jenis_pegawai')] == 'pppk',
          got[L2])
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(api(s, q + '&format=xlsx').body))
    ws = wb.worksheets[0]
    hx = [c.value for c in ws[1]]
    xl = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    check(abs(xl[L1][hx.index('Jumlah JP')] - 3.22) < 1e-9, xl[L1])
    check(xl[L2][hx.index('Jumlah JP')] == 22, xl[L2])

@test
def learner_record_api_counts_every_source(s):
    setup(s)
    j = json.loads(api(s, '/api/v1/learners/%s/record?format=json' % L1).text)
    y = [x for x in j['jp_by_year'] if x['year'] == YEAR]
    check(len(y) == 1 and round(y[0]['jp'] * 100) == 322 and
          round(y[0]['jp_pending'] * 100) == 800, j['jp_by_year'])

@test
def dashboard_agrees(s):
    st = setup(s)
    t = st['hr'].get('/hr?year=%d&unit=%s' % (YEAR, urllib.parse.quote(UNIT))).text
    total = re.search(r'id="jp-total">([^<]*)<', t).group(1)
    check(cjp(total) == sum(WANT.values()), 'dashboard JP total %s' % total)
    check(re.search(r'id="completions">(\d+)<', t).group(1) == '2', 'completions counted')
    check(re.search(r'id="meeting">([^<]*)<', t).group(1) == '0 / 3', 'nobody meets the target')
    row = re.search(r'<tr><th scope="row">' + re.escape(UNIT) + r'</th><td>(\d+)</td><td>(\d+)</td>'
                    r'<td>([^<]*)</td>', t)
    check(row and row.group(1) == '3' and cjp(row.group(3)) == sum(WANT.values()), 'unit row')
    check('3,22' in t, 'JP in hundredths on the page, Indonesian decimal comma')

@test
def dashboard_from_counters_agrees(s):
    """The dashboard reads the counters kept with every ledger write
    (migration 18), not the ledger: every figure, unit row and the
    below-target list in its order equal the per-person sum, for the
    whole agency, one unit and a year with nothing in it."""
    import agg_check
    setup(s)
    want = agg_check.agree(s, _st['hr'], lambda q: api(s, q), YEAR, what='agency')
    check(want[0]['people'] >= 3, 'the data set has people: %s' % (want[0],))
    agg_check.agree(s, _st['hr'], lambda q: api(s, q), YEAR, UNIT, what='one unit')
    agg_check.agree(s, _st['hr'], lambda q: api(s, q), YEAR - 3, what='empty year')
    for c, t in (('kursus-tanpa-tes', ''), ('k-lain', ''), ('', 'teknis'), ('', 'manajerial'),
                 ('k-lain', 'teknis'), ('tidak-ada', '')):
        agg_check.agree(s, _st['hr'], lambda q: api(s, q), YEAR, what='filtered', course=c,
                        ctype=t)
        agg_check.agree(s, _st['hr'], lambda q: api(s, q), YEAR, UNIT, what='filtered', course=c,
                        ctype=t)
    agg_check.recount(s, 'ledger_agree')

@test
def learner_pages_agree(s):
    st = setup(s)
    c = st['learner']
    rec = c.get('/record').text
    check(cjp(re.search(r'id="jp-year">([^<]*)<', rec).group(1)) == WANT[L1], 'Rekam Jejak JP')
    home = c.get('/').text
    m = re.search(r'id="h-jp">[^<]*</h2><p class="big"><strong>([^<]*)</strong> / ([^ ]*) JP', home)
    check(m and cjp(m.group(1)) == WANT[L1] and m.group(2) == '20', 'home JP %r' % (m and m.groups(),))

@test
def hr_person_page_agrees(s):
    st = setup(s)
    for nip in WANT:
        t = st['hr'].get('/hr/people/%s?year=%d' % (nip, YEAR)).text
        got = re.search(r'id="jp-year">([^<]*)</strong> / ([^ ]*) JP', t)
        check(got and cjp(got.group(1)) == WANT[nip], 'person %s: %s' % (nip, got and got.groups()))
        check(got.group(2) == ('24' if nip == L2 else '20'), 'target by employee type')
        check(('Paling banyak 24 JP per tahun' if nip == L2 else 'Target paling sedikit 20 JP per tahun')
              in t, 'the target sentence follows the type and the rules')

@test
def team_page_agrees_and_shows_only_the_own_team(s):
    """'Tim saya': the atasan (by nip_atasan) sees their subordinates with
    the ledger's JP against each one's target; nobody else's."""
    st = setup(s)
    boss = DEMO['hr'][0]
    d = tempfile.mkdtemp(prefix='lentera-ledger-')
    p = os.path.join(d, 'atasan.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n'
                '%s,Rina Wulandari,%s,Analis,III/a,%s\n'
                '%s,Putu PPPK,%s,Penata,IX,%s\n' % (L1, UNIT, boss, L2, UNIT, boss))
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode == 0, r.stdout + r.stderr)
    t = st['hr'].get('/team')
    check(t.status == 200, 'team page %d' % t.status)
    rows = dict(re.findall(r'<tr data-nip="(\d{18})">.*?<td class="num jp">([^<]*)</td>', t.text, re.S))
    check(set(rows) == {L1, L2}, 'only the own team: %s' % rows)
    check(rows[L1] == '3,22 / 20' and rows[L2] == '22 / 24', rows)
    pend = dict(re.findall(r'<tr data-nip="(\d{18})">.*?<td class="num pending">([^<]*)</td>', t.text, re.S))
    check(pend == {L1: '8', L2: '0'}, pend)
    mine = st['learner'].get('/team')
    check(mine.status == 200 and 'id="team-none"' in mine.text and L2 not in mine.text,
          'a learner without subordinates sees nobody')
    check(st['learner'].get('/team?atasan=' + boss).text.count('data-nip=') == 0,
          'no parameter widens the team')
    check(s.client().get('/team').status in (302, 303), 'signed out: to the login')

@test
def record_lists_every_source_with_its_status(s):
    st = setup(s)
    t = st['learner'].get('/record').text
    body = t[t.index('id="entries"'):]
    for want in ('Kursus Uji Tanpa Tes', 'Seminar seminar', 'Seminar workshop'):
        check(want in body, 'entry %s listed' % want)
    check('data-status="pending"' in body and 'Menunggu verifikasi' in body, 'pending shown apart')
    check(re.search(r'id="jp-pending">[^<]*: 8 JP', t), 'pending JP stated apart')
    check('e-learning@c21f70aa' in body, 'the rule that credited the entry is shown')

@test
def roster_refuses_an_unknown_employee_type(s):
    setup(s)
    d = tempfile.mkdtemp(prefix='lentera-ledger-')
    p = os.path.join(d, 'bad.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,jenis_pegawai\n'
                '%s,Putu PPPK,%s,Penata,IX,honorer\n' % (L2, UNIT))
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode != 0 and ':2:' in r.stdout + r.stderr and 'jenis_pegawai' in r.stdout + r.stderr,
          r.stdout + r.stderr)
    check(s.sql('SELECT kind FROM employee_type WHERE user_id = ?', (uid(s, L2),)) == [('pppk',)],
          'nothing written')

@test
def migration_backfills_completions_made_before_it(s):
    setup(s)
    s.stop()
    # The database as step 10 left it: no ledger, no trigger, completions.
    if s.pg:
        s.sql('DROP TRIGGER completions_ledger ON completions')
        s.sql('DROP TABLE ledger')
        s.sql('UPDATE lentera_schema SET version = 10')
    else:
        s.sql('DROP TRIGGER completions_ledger')
        s.sql('DROP TABLE ledger')
        s.sql('PRAGMA user_version = 10')
    s.start()
    rows = s.sql("SELECT c.jp * 100, l.cjp, l.status, l.rule_ref FROM completions c"
                 " LEFT JOIN ledger l ON l.source = 'elearning' AND l.ref_id = c.id")
    check(rows and all(r[0] == r[1] and r[2] == 'approved' and r[3] == 'e-learning@c21f70aa'
                       for r in rows), rows)
    trig = ("SELECT count(*) FROM pg_trigger WHERE tgname = 'completions_ledger'" if s.pg else
            "SELECT count(*) FROM sqlite_master WHERE name = 'completions_ledger'")
    check(s.sql(trig)[0][0] == 1, 'trigger back')

run(lambda: Server(courses=FIX))
