"""The planning cycle, second half (issue 12 items 4, 8-11), against the
real server, its SQLite file and a real SMTP server (Debian's
python3-aiosmtpd) on loopback: HR opens a needs survey for a unit; the
ASN and their atasan answer; the ASN drafts a plan from the gaps and
recommendations, which must reach the JP target; the atasan sends back
or approves; HR's agency plan shows cost against the budget ceiling with
the items below the line, exports CSV/XLSX and realisation; HR assigns a
course with a due date, the learner sees it, the e-mail arrives, the
overdue list shows it once the test clock passes the due day, and a mail
queued while the SMTP server is down is retried and delivered."""
import csv, datetime, email, email.header, io, os, re, tempfile, threading, time
from lib import *

from aiosmtpd.controller import Controller

CLOCK = use_test_clock()
SMTP_PORT = free_port()
ATASAN = test_nip(201)
L1 = test_nip(202)
L2 = test_nip(203)
OTHER = test_nip(204)
UNIT = 'Dinas Uji Perencanaan'
PWD = 'kata-sandi-uji-2026'

class Inbox:
    def __init__(self):
        self.msgs = []
        self.lock = threading.Lock()
    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.msgs.append((envelope.rcpt_tos, envelope.content))
        return '250 OK'
    def find(self, rcpt, subject_part):
        with self.lock:
            for tos, raw in self.msgs:
                m = email.message_from_bytes(raw)
                subj = str(email.header.make_header(email.header.decode_header(m['Subject'])))
                if rcpt in tos and subject_part in subj:
                    return m, subj
        return None

INBOX = Inbox()
SMTPD = {'c': None}

def smtp_up():
    c = Controller(INBOX, hostname='127.0.0.1', port=SMTP_PORT)
    c.start()
    SMTPD['c'] = c

def smtp_down():
    if SMTPD['c']:
        SMTPD['c'].stop()
        SMTPD['c'] = None

def wib_today(shift_days=0):
    return (datetime.datetime.utcnow() + datetime.timedelta(hours=7, days=shift_days)).date()

def login(s, nip):
    c = s.client()
    c.login(nip, PWD if nip in (ATASAN, L1, L2, OTHER) else DEMO['hr'][1])
    return c

def hr(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c

def post(c, path, form, csrf_page='/plan'):
    form = dict(form)
    form['csrf'] = c.csrf(csrf_page)
    return c.post(path, form)

def wait_for(fn, timeout=20):
    end = time.time() + timeout
    while time.time() < end:
        v = fn()
        if v:
            return v
        time.sleep(0.2)
    return fn()

def setup(s):
    """The roster (units, atasan, e-mails) and passwords, as an operator
    does it: lentera import-roster and lentera user reset-password."""
    d = tempfile.mkdtemp(prefix='lentera-planb-')
    path = os.path.join(d, 'roster.csv')
    with open(path, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,email,nip_atasan\n')
        f.write('%s,Bu Atasan,%s,Kepala Bidang,IV/a,atasan@uji.go.id,\n' % (ATASAN, UNIT))
        f.write('%s,Pak Satu,%s,Analis Data,III/a,satu@uji.go.id,%s\n' % (L1, UNIT, ATASAN))
        f.write('%s,Bu Dua,%s,Analis Data,III/b,dua@uji.go.id,%s\n' % (L2, UNIT, ATASAN))
        f.write('%s,Pak Lain,Dinas Lain,Pengadministrasi,II/c,,\n' % OTHER)
    r = s.cli('import-roster', path, '--db', s.db)
    assert r.returncode == 0, r.stderr
    for n in (ATASAN, L1, L2, OTHER):
        r = s.cli('user', 'reset-password', '--nip', n, '--db', s.db, stdin=PWD + '\n')
        assert r.returncode == 0, r.stderr
    # Part A's data the gaps stand on: the agency's teknis competencies and
    # the analysts' position standard (the other built-ins at the class
    # default, Pelaksana 1).
    r = s.cli('import-plan', 'kompetensi', os.path.join(ROOT, 'docs', 'examples',
              'kompetensi.csv'), '--db', s.db)
    assert r.returncode == 0, r.stderr
    std = os.path.join(d, 'standar.csv')
    with open(std, 'w') as f:
        f.write('jabatan,kelas_jabatan,kompetensi,level\n'
                'Analis Data,pelaksana,Literasi Digital Pemerintahan,2\n'
                'Analis Data,pelaksana,Integritas,2\n')
    r = s.cli('import-plan', 'standar', std, '--db', s.db)
    assert r.returncode == 0, r.stderr

def factory():
    smtp_up()
    s = Server(args=CLOCK + ['--smtp-url', 'smtp://127.0.0.1:%d' % SMTP_PORT,
                             '--smtp-from', 'lentera@bkpsdm.uji.go.id'])
    s.start()
    setup(s)
    s.stop()
    return s

STATE = {}

def survey_form(page, answers):
    """The survey form as a browser posts it: each row's hidden comp_N
    and the chosen level_N / need_N for the competencies in answers
    {name: (level, need)}."""
    rows = dict((n, int(i)) for i, n in
                re.findall(r'name="comp_(\d+)" value="([^"]+)"', page))
    form = {}
    for name, (level, need) in answers.items():
        i = rows[name]
        form['comp_%d' % i] = name
        form['level_%d' % i] = str(level)
        if need is not None:
            form['need_%d' % i] = need
    return form

def round_id(s):
    return STATE['round']

@test
def hr_opens_survey_round(s):
    c = hr(s)
    today = wib_today()
    # Bad input: a clear error, nothing written.
    r = post(c, '/hr/survey', {'title': 'x', 'from': '2026-13-01', 'to': '2026-12-31',
                               'units': UNIT}, '/hr/survey')
    check(r.status == 400 and 'Tanggal tidak sah' in r.text, 'bad dates: %d' % r.status)
    check(s.sql('SELECT count(*) FROM survey_round')[0][0] == 0, 'nothing written')
    r = post(c, '/hr/survey', {'title': 'Survei kebutuhan %d' % today.year,
                               'from': today.isoformat(),
                               'to': wib_today(30).isoformat(), 'units': UNIT + '\n'},
             '/hr/survey')
    check(r.status == 303, 'open: %d %s' % (r.status, r.text[:300]))
    m = re.match(r'/hr/survey/(\d+)$', r.header('location'))
    check(m, r.header('location'))
    STATE['round'] = int(m.group(1))
    check(s.sql('SELECT unit FROM survey_unit WHERE round_id = ?', (STATE['round'],)) ==
          [(UNIT,)], 'scope stored')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'survey.open'")[0][0] == 1, 'audited')
    # A learner cannot open rounds.
    l = login(s, L1)
    r = post(l, '/hr/survey', {'title': 't', 'from': today.isoformat(),
                               'to': today.isoformat()})
    check(r.status == 403, 'learner open: %d' % r.status)

@test
def learner_self_assesses(s):
    rid = round_id(s)
    c = login(s, L1)
    home = c.get('/').text
    check('/survey/%d' % rid in home, 'home lists the open survey')
    r = c.get('/survey/%d' % rid)
    check(r.status == 200, 'form %d' % r.status)
    names = re.findall(r'name="comp_(\d+)" value="([^"]+)"', r.text)
    idx = {n: int(i) for i, n in names}
    check('Literasi Digital Pemerintahan' in idx and 'Integritas' in idx, names)
    form = r.text
    # Out-of-range level: refused, nothing saved.
    r = post(c, '/survey/%d' % rid, survey_form(form, {'Literasi Digital Pemerintahan': (7, None)}))
    check(r.status == 400 and 'Level harus 1 sampai 5' in r.text, 'bad level %d' % r.status)
    # A row naming a competency the position does not have: refused.
    r = post(c, '/survey/%d' % rid, {'comp_0': 'Memasak', 'level_0': '3'})
    check(r.status == 400 and 'tidak termasuk standar' in r.text, 'unknown competency %d' % r.status)
    check(s.sql('SELECT count(*) FROM survey_answer')[0][0] == 0, 'nothing saved')
    r = post(c, '/survey/%d' % rid, survey_form(form, {
        'Literasi Digital Pemerintahan': (1, 'Perlu belajar SPBE & <tata kelola> data'),
        'Integritas': (3, None)}))
    check(r.status == 303, 'save %d %s' % (r.status, r.text[:300]))
    rows = s.sql('SELECT competency, level, need, by_atasan FROM survey_answer a JOIN users u'
                 ' ON u.id = a.user_id WHERE u.nip = ? ORDER BY competency', (L1,))
    check(rows == [('Integritas', 3, '', 0), ('Literasi Digital Pemerintahan', 1,
                    'Perlu belajar SPBE & <tata kelola> data', 0)], rows)
    page = c.get('/survey/%d' % rid).text
    check('Perlu belajar SPBE &amp; &lt;tata kelola&gt; data' in page, 'answer shown, escaped')
    # Out of scope: another unit's ASN does not see the round.
    o = login(s, OTHER)
    check(o.get('/survey/%d' % rid).status == 404, 'other unit: 404')
    check(post(o, '/survey/%d' % rid, {'comp_0': 'Integritas', 'level_0': '2'}).status == 404,
          'other unit POST: 404')

@test
def atasan_assesses_and_only_the_atasan(s):
    rid = round_id(s)
    a = login(s, ATASAN)
    team = a.get('/plan/team').text
    check('Pak Satu' in team and 'Bu Dua' in team, 'team lists subordinates')
    r = a.get('/survey/%d/team/%s' % (rid, L1))
    check(r.status == 200 and 'Pak Satu' in r.text, 'atasan form %d' % r.status)
    check('Perlu belajar SPBE' in r.text, "the self-assessment is shown to the atasan")
    r = post(a, '/survey/%d/team/%s' % (rid, L1), survey_form(r.text, {
        'Literasi Digital Pemerintahan': (1, None), 'Integritas': (2, None)}))
    check(r.status == 303, 'atasan save %d' % r.status)
    check(s.sql('SELECT count(*) FROM survey_answer WHERE by_atasan = 1')[0][0] == 2, 'stored')
    # Both sides are profile evidence (part A's profile_record), with
    # their source and round.
    ev = s.sql("SELECT ckey, source, ref, level FROM plan_profile p JOIN users u"
               " ON u.id = p.user_id WHERE u.nip = ? ORDER BY source, ckey", (L1,))
    ref = 'survei:%d' % rid
    check(ev == [('integritas', 'survei-atasan', ref, 2),
                 ('literasi digital pemerintahan', 'survei-atasan', ref, 1),
                 ('integritas', 'survei-diri', ref, 3),
                 ('literasi digital pemerintahan', 'survei-diri', ref, 1)], ev)
    # A colleague is not the atasan: the subordinate looks like no one.
    b = login(s, L2)
    check(b.get('/survey/%d/team/%s' % (rid, L1)).status == 404, 'peer: 404')
    check(post(b, '/survey/%d/team/%s' % (rid, L1), {'comp_0': 'Integritas', 'level_0': '5'}).status == 404,
          'peer POST: 404')

@test
def hr_sees_response_rates_and_reminds(s):
    rid = round_id(s)
    c = hr(s)
    page = c.get('/hr/survey/%d' % rid).text
    # In scope: Bu Atasan, Pak Satu, Bu Dua; one answered, one assessed.
    m = re.search(r'<th scope="row">%s</th><td class="right">(\d+)</td><td class="right">'
                  r'(\d+) \((\d+)%%\)</td><td class="right">(\d+)' % UNIT, page)
    check(m and m.groups() == ('3', '1', '33', '1'), 'rates row: %r' %
          ((m.groups(),) if m else page[:2000]))
    r = post(c, '/hr/survey/%d/remind' % rid, {}, '/hr/survey/%d' % rid)
    check(r.status == 303 and 'reminded=2' in r.header('location'), r.header('location'))
    n = s.sql("SELECT u.nip FROM notification n JOIN users u ON u.id = n.user_id"
              " WHERE n.kind = 'survey' ORDER BY u.nip")
    check(sorted(x[0] for x in n) == sorted([ATASAN, L2]), n)
    b = login(s, L2)
    check('Pengingat: isi survei' in b.get('/notifications').text, 'reminder shown')

@test
def learner_plans_from_gaps_and_target(s):
    c = login(s, L1)
    year = wib_today().year
    page = c.get('/plan').text
    # Literasi: required 2, atasan said 1 -> gap 1, the level-2 course recommended.
    m = re.search(r'Literasi Digital Pemerintahan<br><small>[^<]*</small></th><td>2</td>'
                  r'<td>1 <small>\(([^)]*)\)</small></td><td>1</td>', page)
    check(m and m.group(1) == 'survei, atasan', 'gap row: %s' % (m and m.group(1)))
    check('data-add="literasi-digital-egov"' in page, 'course recommended with an add button')
    r = post(c, '/plan/items', {'year': year, 'route': 'e-learning',
                                'course': 'literasi-digital-egov',
                                'target': '%d-06-30' % year, 'cost': '0'})
    check(r.status == 303, 'add course %d %s' % (r.status, r.text[:300]))
    # Bad rows: a clear refusal.
    for form, why in (({'route': 'nope'}, 'jenis/jalur'),
                      ({'route': 'mentoring', 'activity': 'x', 'jp': '0'}, 'JP harus'),
                      ({'route': 'mentoring', 'activity': 'x', 'jp': '4',
                        'target': '%d-06-30' % (year + 1)}, 'Tanggal target'),
                      ({'route': 'mentoring', 'activity': 'x', 'jp': '4',
                        'competency': 'Memasak', 'target': '%d-06-30' % year},
                       'tidak termasuk standar')):
        f = {'year': year, 'competency': 'Integritas', 'cost': '0',
             'target': '%d-05-01' % year}
        f.update(form)
        r = post(c, '/plan/items', f)
        check(r.status == 400 and why in r.text, '%s: %d' % (why, r.status))
    r = post(c, '/plan/submit', {'year': year})
    check(r.status == 400 and 'belum mencapai target' in r.text, 'below target refused')
    for form in ({'competency': 'Integritas', 'route': 'mentoring',
                  'activity': 'Mentoring integritas oleh atasan', 'jp': '10',
                  'target': '%d-08-31' % year, 'cost': '3000000'},
                 {'competency': 'Literasi Digital Pemerintahan', 'route': 'pelatihan-teknis',
                  'activity': 'Pelatihan tata kelola data (klasikal)', 'jp': '8',
                  'target': '%d-10-15' % year, 'cost': '2500000'}):
        form['year'] = year
        r = post(c, '/plan/items', form)
        check(r.status == 303, 'add %s: %d %s' % (form['route'], r.status, r.text[:300]))
    check(re.search(r'id="plan-jp">24<', c.get('/plan').text), 'plan JP total 24')
    r = post(c, '/plan/submit', {'year': year})
    check(r.status == 303, 'submit %d %s' % (r.status, r.text[:300]))
    check(s.sql("SELECT status FROM idp")[0][0] == 'submitted', 'submitted')
    r = post(c, '/plan/items', {'year': year, 'competency': 'Integritas', 'route': 'coaching',
                                'activity': 'x', 'jp': '2', 'target': '%d-05-01' % year})
    check(r.status == 400 and 'tidak dapat diubah' in r.text, 'locked after submit')
    a = login(s, ATASAN)
    check('Rencana menunggu persetujuan Anda' in a.get('/notifications').text,
          'atasan notified')

@test
def atasan_returns_then_approves(s):
    year = wib_today().year
    a = login(s, ATASAN)
    page = a.get('/plan/team/%s' % L1)
    check(page.status == 200 and 'id="approve"' in page.text, 'decision form')
    r = post(a, '/plan/team/%s/decide' % L1, {'year': year, 'decision': 'return', 'note': ''})
    check(r.status == 400 and 'Catatan wajib' in r.text, 'return needs a note')
    r = post(a, '/plan/team/%s/decide' % L1, {'year': year, 'decision': 'return',
                                              'note': 'Tambahkan jadwal yang realistis'})
    check(r.status == 303, 'return %d' % r.status)
    c = login(s, L1)
    p = c.get('/plan').text
    check('data-status="returned"' in p and 'Tambahkan jadwal yang realistis' in p, 'note shown')
    check('Rencana pengembangan Anda dikembalikan' in c.get('/notifications').text, 'notified')
    r = post(c, '/plan/submit', {'year': year})
    check(r.status == 303, 'resubmit %d' % r.status)
    # A peer cannot decide.
    b = login(s, L2)
    check(post(b, '/plan/team/%s/decide' % L1, {'year': year, 'decision': 'approve'}).status
          == 404, 'peer cannot decide')
    r = post(a, '/plan/team/%s/decide' % L1, {'year': year, 'decision': 'approve', 'note': ''})
    check(r.status == 303, 'approve %d' % r.status)
    check(s.sql("SELECT status FROM idp")[0][0] == 'approved', 'approved')
    check('data-status="approved"' in c.get('/plan').text, 'learner sees approval')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'idp.status'")[0][0] == 4,
          'every move audited')

@test
def agency_plan_budget_line_exports_realisation(s):
    year = wib_today().year
    c = hr(s)
    r = post(c, '/hr/plan/budget', {'year': year, 'ceiling': '3.000.000'}, '/hr/plan')
    check(r.status == 400 and 'Pagu anggaran harus' in r.text, 'bad ceiling refused')
    r = post(c, '/hr/plan/budget', {'year': year, 'ceiling': '3000000'}, '/hr/plan')
    check(r.status == 303, 'ceiling %d' % r.status)
    page = c.get('/hr/plan?year=%d' % year).text
    check(re.search(r'id="total-cost">Rp 5\.500\.000<', page), 'total cost')
    check(re.search(r'id="ceiling">Rp 3\.000\.000<', page), 'ceiling shown')
    # Integritas: self 3, atasan 2 = required 2, so no gap: priority 0,
    # last, and the one row past the ceiling.
    check(re.search(r'id="below-count">1 \(Rp 3\.000\.000\)', page), 'one row below the line')
    rows = re.findall(r'<tr( class="below")?><td class="right">(\d+)</td>', page)
    check([(b != '', int(p)) for b, p in rows] == [(False, 10), (False, 10), (True, 0)],
          'priority order and line: %s' % rows)
    # CSV, the contract.
    r = c.get('/hr/plan/export?year=%d&format=csv' % year)
    check(r.status == 200 and 'text/csv' in r.header('content-type'), 'csv %d' % r.status)
    check('rencana-pengembangan-%d.csv' % year in (r.header('content-disposition') or ''),
          'file name')
    rd = list(csv.DictReader(io.StringIO(r.text)))
    check(len(rd) == 3, rd)
    check(set(['unit_kerja', 'jenis_kompetensi', 'kompetensi', 'sasaran_jabatan',
               'jumlah_asn', 'jenis_pengembangan', 'jalur', 'penyelenggara',
               'jadwal_mulai', 'jadwal_selesai', 'jp', 'anggaran', 'dalam_pagu',
               'prioritas']) <= set(rd[0].keys()), rd[0].keys())
    top = rd[0]
    check(top['kompetensi'] == 'Literasi Digital Pemerintahan' and
          top['jenis_pengembangan'] == 'E-Learning' and top['jalur'] == 'nonklasikal' and
          top['anggaran'] == '0' and top['dalam_pagu'] == 'ya' and top['unit_kerja'] == UNIT and
          top['kode_siasn'] == '16' and top['jumlah_asn'] == '1' and
          top['penyelenggara'].startswith('Lentera'), top)
    check(rd[1]['kode_siasn'] == '3' and rd[1]['jalur'] == 'klasikal' and
          rd[1]['dalam_pagu'] == 'ya' and rd[1]['jadwal_mulai'] == '%d-10-15' % year, rd[1])
    check(rd[2]['kompetensi'] == 'Integritas' and rd[2]['dalam_pagu'] == 'tidak' and
          rd[2]['anggaran'] == '3000000', rd[2])
    # XLSX opens in openpyxl with the same rows.
    r = c.get('/hr/plan/export?year=%d&format=xlsx' % year)
    check(r.status == 200 and r.body[:2] == b'PK', 'xlsx %d' % r.status)
    import openpyxl
    wb = openpyxl.load_workbook(io.BytesIO(r.body))
    ws = wb['Rencana']
    vals = list(ws.iter_rows(values_only=True))
    check(len(vals) == 4 and vals[3][5] == 'Integritas', vals)
    check(c.get('/hr/plan/export?year=%d&format=pdf' % year).status == 400, 'bad format 400')
    # Realisation: 24 JP planned for the unit, none achieved yet.
    page = c.get('/hr/plan/realisation?year=%d' % year).text
    check(re.search(r'id="real-planned">24<', page) and re.search(r'id="real-achieved">0<', page),
          'realisation totals')
    page = c.get('/hr/plan/realisation?year=%d&unit=%s' % (year, UNIT.replace(' ', '+'))).text
    m = re.search(r'<table id="people">(.*?)</table>', page, re.S)
    check(m and re.search(r'Pak Satu</a><br><small>Analis Data</small></th><td class="right">24'
                          r'</td><td class="right">0</td>', m.group(1)), 'per person: %s' %
          (m and m.group(1)))
    l = login(s, L1)
    check(l.get('/hr/plan').status == 403, 'learner: 403')
    check(re.search(r'id="achieved-jp">0<', l.get('/plan').text), 'learner sees achieved JP')

@test
def assignment_reaches_learner_and_mailbox(s):
    c = hr(s)
    due = wib_today(7).isoformat()
    r = post(c, '/hr/assign', {'course': 'literasi-digital-egov', 'kind': 'unit',
                               'target': 'Unit Yang Tidak Ada', 'due': due}, '/hr/assign')
    check(r.status == 400 and 'Tidak ada pegawai aktif' in r.text, 'nobody: %d' % r.status)
    r = post(c, '/hr/assign', {'course': 'literasi-digital-egov', 'kind': 'person',
                               'target': L1, 'due': wib_today(-1).isoformat()}, '/hr/assign')
    check(r.status == 400 and 'jatuh tempo' in r.text, 'past due refused')
    r = post(c, '/hr/assign', {'course': 'literasi-digital-egov', 'kind': 'unit',
                               'target': UNIT, 'due': due}, '/hr/assign')
    check(r.status == 303 and 'people=3' in r.header('location') and
          'mails=3' in r.header('location'), r.header('location'))
    l = login(s, L1)
    home = l.get('/').text
    m = re.search(r'<ul class="plain" id="assignments">(.*?)</ul>', home, re.S)
    check(m and 'Literasi Digital' in m.group(1), 'home shows the assignment')
    d = datetime.date.fromisoformat(due)
    months = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus',
              'September', 'Oktober', 'November', 'Desember']
    check('%d %s %d' % (d.day, months[d.month - 1], d.year) in m.group(1), 'due date shown')
    check('Penugasan baru' in l.get('/notifications').text, 'in-app notification')
    got = wait_for(lambda: INBOX.find('satu@uji.go.id', 'Penugasan pelatihan'))
    check(got, 'e-mail delivered to the local SMTP server')
    msg, subj = got
    check('Literasi Digital dan e-Government' in subj, subj)
    body = msg.get_payload(decode=True).decode('utf-8')
    check('/courses/literasi-digital-egov' in body and 'Batas waktu' in body, body)
    check(wait_for(lambda: s.sql('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL')[0][0]
                   == 3), 'outbox rows marked sent')

@test
def assign_from_the_plan(s):
    """The agency plan's row for a catalogue course assigns it to the
    people of that unit whose approved plan names it (only Pak Satu)."""
    c = hr(s)
    year = wib_today().year
    page = c.get('/hr/plan?year=%d' % year).text
    m = re.search(r'<form method="post" action="/hr/assign">(.*?)data-assign='
                  r'"literasi-digital-egov"', page, re.S)
    check(m, 'assign button on the plan row')
    form = dict(re.findall(r'name="([a-z]+)" value="([^"]*)"', m.group(1)))
    check(form.get('kind') == 'plan' and form.get('target') == UNIT and
          form.get('course') == 'literasi-digital-egov', form)
    r = c.post('/hr/assign', form)
    check(r.status == 303 and 'people=1' in r.header('location') and
          'mails=1' in r.header('location'), r.header('location'))
    rows = s.sql("SELECT u.nip FROM assignment_user a JOIN assignment s ON s.id ="
                 " a.assignment_id JOIN users u ON u.id = a.user_id WHERE"
                 " s.target_kind = 'plan'")
    check(rows == [(L1,)], rows)
    check(wait_for(lambda: s.sql('SELECT count(*) FROM outbox WHERE sent_at IS NULL')[0][0]
                   == 0), 'its mail sent')

@test
def overdue_list_after_due_day(s):
    c = hr(s)
    page = c.get('/hr/assign').text
    check('Tidak ada penugasan yang terlambat' in page, 'nothing overdue yet')
    set_clock('+%d' % (9 * 86400))
    try:
        c = hr(s)	# sessions expire over nine days
        page = c.get('/hr/assign').text
        m = re.search(r'<table id="overdue">(.*?)</table>', page, re.S)
        check(m and 'Pak Satu' in m.group(1) and 'Bu Dua' in m.group(1), 'overdue listed: %s' % (m and m.group(1)))
        l = login(s, L1)
        check('assignment late' in l.get('/').text, 'learner sees it overdue')
    finally:
        set_clock('+0')

@test
def mail_retried_after_smtp_was_down(s):
    smtp_down()
    try:
        c = hr(s)
        r = post(c, '/hr/assign', {'course': 'pelayanan-publik-prima', 'kind': 'person',
                                   'target': L1, 'due': wib_today(10).isoformat()},
                 '/hr/assign')
        check(r.status == 303 and 'mails=1' in r.header('location'), r.header('location'))
        row = wait_for(lambda: s.sql("SELECT attempts, last_error, sent_at FROM outbox"
                                     " WHERE attempts > 0 AND sent_at IS NULL"))
        check(row and row[0][0] >= 1 and row[0][1] != '', 'failure recorded: %s' % row)
    finally:
        smtp_up()
    # Nothing is lost when the server dies either: the row is in the
    # database (kill -9, then a fresh start).
    s.kill9()
    s.start()
    time.sleep(1.5)
    check(s.sql('SELECT count(*) FROM outbox WHERE sent_at IS NULL')[0][0] == 1,
          'still waiting for its backoff')
    set_clock('+%d' % 120)
    try:
        got = wait_for(lambda: INBOX.find('satu@uji.go.id', 'Pelayanan Publik'))
        check(got, 'delivered after the server came back')
        check(wait_for(lambda: s.sql('SELECT count(*) FROM outbox WHERE sent_at IS NULL')[0][0]
                       == 0), 'marked sent')
    finally:
        set_clock('+0')

try:
    run(factory)
finally:
    smtp_down()
