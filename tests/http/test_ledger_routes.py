"""Every route to 20 JP (issue 11) over HTTP against the real server:
mentoring sessions (mentee logs with a PDF, mentor confirms, atasan
approves or sends back with a note, the mentee fixes it), the JP rules'
caps (a third session in a month earns 0 and says why), external
training verified by HR with a duplicate certificate number flagged,
JP in the ledger only once approved (Rekam Jejak, Tim saya, JP summary
agree), and the attacks: someone else's records and files, reviewing
what is not yours, wrong types, forged content types, oversized bodies,
no orphan file after a refused upload, kill -9 after an acknowledged
approval."""
import datetime, json, os, re, tempfile, uuid
from lib import *

PW2 = 'kata-sandi-uji-2026'
MENTEE = DEMO['learner'][0]
MENTOR = '198601012010011011'
ATASAN = '197501012000011012'
OTHER = '199101012016011013'
UNIT = 'Bidang Mentoring'
WIB = datetime.timezone(datetime.timedelta(hours=7))
# The server's clock stands at 28 June 2026, 12:00 WIB: every session of
# June is in the past, the caps' month is June, the year 2026.
NOW = datetime.datetime(2026, 6, 28, 12, 0, tzinfo=WIB)
CLOCK = use_test_clock()
set_clock(str(int(NOW.timestamp())))
PREV = NOW
MONTH = '2026-06'
PDF = b'%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'
PNG = b'\x89PNG\r\n\x1a\n' + b'\0' * 32
_st = {}

def multipart(fields, files=(), ctype='application/pdf'):
    b = '----LenteraLedger' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (b, k)).encode() + \
            str(v).encode() + b'\r\n'
    for k, fn, data in files:
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"; filename="%s"\r\n'
                'Content-Type: %s\r\n\r\n' % (b, k, fn, ctype)).encode() + data + b'\r\n'
    out += ('--%s--\r\n' % b).encode()
    return out, 'multipart/form-data; boundary=' + b

def login(s, nip, pw=PW2):
    c = s.client()
    c.login(nip, pw)
    return c

def post_mp(c, fields, files=(), ctype='application/pdf'):
    fields = dict(fields)
    fields['csrf'] = c.csrf('/learning')
    body, ct = multipart(fields, files, ctype)
    return c.request('POST', '/learning', body=body, headers={'Content-Type': ct})

def session(c, day, minutes=90, title='Sesi', files=None, extra=None, ctype='application/pdf'):
    f = {'what': 'session', 'kind': 'mentoring', 'mentor': MENTOR, 'start': '%s-%02d' % (MONTH, day),
         'minutes': minutes, 'mode': 'tatap-muka', 'title': title, 'competency': 'Kepemimpinan',
         'notes': 'Membahas rencana kerja', 'rtl': 'Menyusun SOP', 'rtl_due': '%s-28' % MONTH}
    f.update(extra or {})
    return post_mp(c, f, files if files is not None else [('evidence', 'catatan.pdf', PDF)], ctype)

def training(c, cert, jp='8', files=None, kind='seminar'):
    f = {'what': 'training', 'kind': kind, 'title': 'Seminar Nasional SPBE', 'provider': 'Universitas X',
         'start': '%s-03' % MONTH, 'end': '%s-04' % MONTH, 'jp': jp, 'cert_no': cert}
    return post_mp(c, f, files if files is not None else [('evidence', 'sertifikat.pdf', PDF)])

def ids(s, nip):
    return [r[0] for r in s.sql('SELECT r.id FROM learn_record r JOIN users u ON u.id = r.user_id'
                                ' WHERE u.nip = ? ORDER BY r.id', (nip,))]

def evidence_files(s):
    # The data folder (s.data: on PostgreSQL s.db is a URL, not a file).
    d = os.path.join(s.data, 'evidence')
    return sorted(os.listdir(d)) if os.path.isdir(d) else []

def review(c, rid, action, note=''):
    tok = c.csrf('/review')
    return c.post('/review/%d' % rid, {'csrf': tok, 'action': action, 'note': note})

def setup(s):
    if _st:
        return _st
    d = tempfile.mkdtemp(prefix='lentera-routes-')
    p = os.path.join(d, 'r.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n'
                '%s,Rina Wulandari,%s,Analis,III/a,%s\n'
                '%s,Mentor Senior,%s,Analis Ahli Madya,IV/a,\n'
                '%s,Atasan Langsung,%s,Kepala Bidang,IV/b,\n'
                '%s,Pegawai Lain,%s,Analis,III/a,\n' % (MENTEE, UNIT, ATASAN, MENTOR, UNIT, ATASAN, UNIT,
                                                        OTHER, UNIT))
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode == 0, r.stdout + r.stderr)
    for nip in (MENTOR, ATASAN, OTHER, MENTEE):
        r = s.cli('user', 'reset-password', '--nip', nip, '--db', s.db, stdin=PW2 + '\n')
        check(r.returncode == 0, r.stdout + r.stderr)
    _st.update(mentee=login(s, MENTEE), mentor=login(s, MENTOR), atasan=login(s, ATASAN),
               other=login(s, OTHER), hr=login(s, DEMO['hr'][0], DEMO['hr'][1]))
    return _st

@test
def mentoring_journey_with_caps(s):
    st = setup(s)
    m = st['mentee']
    for day, title in ((2, 'Sesi satu'), (9, 'Sesi dua'), (16, 'Sesi tiga')):
        r = session(m, day, title=title)
        check(r.status == 303, 'session %s: %d %s' % (title, r.status, r.text[-400:]))
    s1, s2, s3 = ids(s, MENTEE)
    page = m.get('/learning').text
    check(page.count('data-stage="submitted"') == 3 and 'Menunggu verifikasi' in page, 'pending listed')
    check(s.sql("SELECT count(*) FROM ledger WHERE source = 'mentoring' AND status = 'pending'")[0][0] == 3,
          'three pending ledger entries')
    # The mentor's reminder and queue.
    t = st['mentor'].get('/review').text
    check(re.search(r'id="review-count">3<', t), 'mentor sees 3 waiting in the navigation')
    check(t.count('data-id=') == 3 and 'Sesi satu' in t, 'mentor queue')
    check(st['atasan'].get('/review').text.count('<tr data-id=') == 0, 'atasan: nothing before the mentor')
    check(review(st['atasan'], s1, 'approve').status == 403, 'atasan cannot approve before confirmation')
    for rid in (s1, s2, s3):
        check(review(st['mentor'], rid, 'confirm').status == 303, 'mentor confirms')
    t = st['atasan'].get('/review').text
    check(re.search(r'id="review-count">3<', t) and t.count('<tr data-id=') == 3, 'atasan queue')
    check(review(st['atasan'], s1, 'approve').status == 303, 'approve 1')
    r = review(st['atasan'], s2, 'return', '')
    check(r.status == 422 and 'alasan' in r.text, 'sending back needs a reason')
    check(review(st['atasan'], s2, 'return', 'Lampirkan notulen yang ditandatangani').status == 303, 'return 2')
    check(review(st['atasan'], s3, 'approve').status == 303, 'approve 3')
    page = m.get('/learning').text
    check('Lampirkan notulen yang ditandatangani' in page and 'data-stage="returned"' in page,
          'the mentee sees what was sent back and why')
    # 90 minutes = 2 JP (capped at 2 JP a session).
    rows = dict(s.sql("SELECT ref_id, cjp FROM ledger WHERE source = 'mentoring' AND status = 'approved'"))
    check(rows == {s1: 200, s3: 200}, rows)
    # The fix: a third session of the month now, earning nothing, saying why.
    r = session(m, 9, minutes=120, title='Sesi dua (diperbaiki)', extra={'id': s2})
    check(r.status == 303, 'resubmit %d %s' % (r.status, r.text[-300:]))
    check(review(st['mentor'], s2, 'confirm').status == 303, 'confirm again')
    check(review(st['atasan'], s2, 'approve').status == 303, 'approve the fixed one')
    cjp, note, status = s.sql("SELECT cjp, note, status FROM ledger WHERE source = 'mentoring'"
                              " AND ref_id = ?", (s2,))[0]
    check(status == 'approved' and cjp == 0 and 'batas 2 sesi' in note, (cjp, note))
    check('batas 2 sesi' in m.get('/learning').text, 'the page says why it earned 0')

@test
def external_training_verified_and_duplicate_flagged(s):
    st = setup(s)
    check(training(st['mentee'], 'SEM/2026/001').status == 303, 'recorded')
    check(training(st['other'], 'SEM/2026/001').status == 303, 'same number by someone else')
    r = training(st['mentee'], 'SEM/2026/002', files=[])
    check(r.status == 422 and 'sertifikat' in r.text, 'training needs its certificate file')
    q = st['hr'].get('/review').text
    check(q.count('data-duplicate') == 2 and 'kemungkinan ganda' in q, 'duplicate flagged for HR')
    check(st['mentor'].get('/review').text.count('SEM/2026') == 0, 'not in a non-HR queue')
    mine = ids(s, MENTEE)[-1]
    check(review(st['mentor'], mine, 'approve').status == 403, 'only HR verifies training')
    check(review(st['hr'], mine, 'approve').status == 303, 'HR verifies')
    check(s.sql("SELECT cjp, status, rule_ref FROM ledger WHERE source = 'classroom' AND ref_id = ?",
                (mine,)) == [(800, 'approved', 'seminar@6171926c')], 'the stated JP, the rule named: %s' %
          s.sql("SELECT cjp, status, rule_ref FROM ledger WHERE source = 'external'"))

@test
def jp_agrees_everywhere(s):
    st = setup(s)
    want = s.sql("SELECT sum(cjp) FROM ledger l JOIN users u ON u.id = l.user_id"
                 " WHERE u.nip = ? AND l.status = 'approved' AND l.year = ?", (MENTEE, PREV.year))[0][0]
    check(want == 1200, 'mentoring 2+2+0 and the seminar 8: %s' % want)
    rec = st['mentee'].get('/record').text
    check(re.search(r'id="jp-year">12<', rec), 'Rekam Jejak 12 JP')
    check('Sesi satu' in rec and 'data-status="returned"' not in rec, 'every source listed')
    team = st['atasan'].get('/team').text
    check(re.search(r'data-nip="%s">.*?<td class="num jp">12 / 20' % MENTEE, team, re.S), 'Tim saya 12')
    check(OTHER not in team and MENTOR not in team, 'only the atasan\'s own team')
    j = json.loads(st['hr'].get('/api/v1/jp-summary?format=json&year=%d&unit=%s' % (
        PREV.year, urllib.parse.quote(UNIT))).text)
    by = {x['nip']: x for x in j['data']}
    check(by[MENTEE]['jp'] == 12, by[MENTEE])
    led = json.loads(st['hr'].get('/api/v1/ledger?format=json&per_page=100&year=%d&unit=%s' % (
        PREV.year, urllib.parse.quote(UNIT))).text)['data']
    mine = [x for x in led if x['nip'] == MENTEE]
    check({x['source'] for x in mine} >= {'mentoring', 'classroom'} and
          {x['kind'] for x in mine} >= {'mentoring', 'seminar'}, 'source and kind columns')
    check(sum(x['jp'] for x in mine if x['status'] == 'approved') == 12, 'the ledger API sums alike')
    check(any(x['status'] == 'pending' for x in led), 'pending entries shown apart')
    csvt = st['hr'].get('/api/v1/ledger?format=csv').text
    check(csvt.splitlines()[0].lstrip('\ufeff') == 'nip,nama,unit_kerja,sumber,bentuk,judul,kode_kursus,'
          'tanggal,tahun,jumlah_jp,status,aturan,catatan', csvt.splitlines()[0])
    x = json.loads(st['hr'].get('/api/v1/xapi/statements?limit=500').text)['statements']
    led = [t for t in x if '/ledger/' in t['object']['id']]
    ext = lambda t, k: [v for kk, v in t.get('context', {}).get('extensions', {}).items() if kk.endswith(k)]
    meet = [t for t in led if t['object']['definition']['type'].endswith('/meeting')]
    check(len(meet) == 3 and sorted(ext(t, '/jp')[0] for t in meet) == [0, 2, 2] and
          all(ext(t, '/form') == ['mentoring'] for t in meet), 'an xAPI statement per approved session: %s' % meet)
    check(any(t['object']['definition']['name']['id-ID'] == 'Seminar Nasional SPBE' and ext(t, '/jp') == [8]
              for t in led), 'and per approved training')
    check(not any('Sesi sebelum' in json.dumps(t) for t in led), 'pending entries have none')
    hr = st['hr'].get('/hr?year=%d&unit=%s' % (PREV.year, urllib.parse.quote(UNIT))).text
    check(re.search(r'id="jp-total">12<', hr), 'dashboard: only approved (the other\'s seminar waits)')

@test
def someone_elses_records_and_files(s):
    st = setup(s)
    s1 = ids(s, MENTEE)[0]
    for who in ('other',):
        r = st[who].get('/evidence/%d' % s1)
        check(r.status == 404, 'a stranger gets 404 for the file: %d' % r.status)
        check(s1 not in [int(x) for x in re.findall(r'data-id="(\d+)"', st[who].get('/learning').text)],
              'nor sees the record')
    for who in ('mentee', 'mentor', 'atasan', 'hr'):
        r = st[who].get('/evidence/%d' % s1)
        check(r.status == 200 and r.body == PDF, '%s reads the file: %d' % (who, r.status))
        check(r.header('content-disposition').startswith('attachment') and
              r.header('x-content-type-options') == 'nosniff' and
              'sandbox' in r.header('content-security-policy') and
              r.header('content-type') == 'application/pdf', 'served safely')
    check(s.client().get('/evidence/%d' % s1).status in (302, 303), 'signed out: login')
    check(review(st['other'], s1, 'return', 'x').status == 403, 'a stranger cannot review')
    r = session(st['other'], 20, title='Bukan milik saya', extra={'id': s1})
    check(r.status == 403, 'nor change someone else\'s record: %d' % r.status)
    check(review(st['mentee'], s1, 'approve').status == 403, 'nobody approves their own')
    r = session(st['mentee'], 20, title='Diri sendiri', extra={'mentor': MENTEE})
    check(r.status == 422 and 'diri sendiri' in r.text, 'no self-mentoring')

@test
def uploads_checked_by_content_and_size(s):
    st = setup(s)
    before = evidence_files(s)
    n = len(ids(s, MENTEE))
    r = session(st['mentee'], 21, files=[('evidence', 'bukti.pdf', b'<html><script>alert(1)</script>')])
    check(r.status == 422 and 'PDF, JPEG atau PNG' in r.text, 'a forged content type is refused')
    r = session(st['mentee'], 21, files=[('evidence', 'x.png', b'GIF89a' + b'\0' * 20)], ctype='image/png')
    check(r.status == 422, 'GIF named .png refused')
    big = PDF + b'0' * (5 * 1024 * 1024)
    r = session(st['mentee'], 21, files=[('evidence', 'besar.pdf', big)])
    check(r.status == 422 and '5 MiB' in r.text, 'over 5 MiB refused: %d' % r.status)
    r = session(st['mentee'], 21, files=[('evidence', 'besar.pdf', big + b'0' * (2 << 20))])
    check(r.status == 413, 'an oversized body is refused before it is read: %d' % r.status)
    check(evidence_files(s) == before and len(ids(s, MENTEE)) == n, 'no orphan file, no record')
    r = session(st['mentee'], 22, files=[('evidence', 'foto.png', PNG)], ctype='image/png')
    check(r.status == 303, 'a PNG is fine')
    check(len(evidence_files(s)) == len(before) + 1, 'one file for one record')
    body, ct = multipart({'what': 'session', 'title': 'x'})
    check(st['mentee'].request('POST', '/learning', body=body,
                               headers={'Content-Type': ct}).status == 403, 'CSRF checked in multipart')

@test
def hr_records_a_class_in_one_go(s):
    st = setup(s)
    h = st['hr']
    form = {'kind': 'bimtek', 'title': 'Bimtek Arsip Digital', 'provider': 'ANRI', 'start': MONTH + '-10',
            'end': MONTH + '-11', 'jp': '16', 'cert_no': 'ANRI/BT/2026/5'}
    before = s.sql('SELECT count(*) FROM ledger')[0][0]
    bad = '\n'.join(['nip,nomor_sertifikat', MENTEE + ',ANRI/1', '12345', OTHER, '199912312099121999', MENTEE])
    r = h.post('/hr/learning', dict(form, csrf=h.csrf('/hr/learning'), participants=bad))
    check(r.status == 422, 'refused %d' % r.status)
    for want in ('Baris 3: NIP harus 18 angka', 'Baris 5: NIP tidak terdaftar', 'Baris 6: NIP sudah ada'):
        check(want in r.text, '%s in %s' % (want, re.findall(r'<li>[^<]*</li>', r.text)))
    check(s.sql('SELECT count(*) FROM ledger')[0][0] == before, 'nothing written')
    r = h.post('/hr/learning', dict(form, csrf=h.csrf('/hr/learning'),
                                    participants=MENTEE + ',ANRI/1\r\n' + OTHER + '\r\n'))
    check(r.status == 303, 'class recorded %d %s' % (r.status, r.text[-300:]))
    rows = s.sql("SELECT u.nip, l.cjp, l.status, r.cert_no FROM ledger l JOIN users u ON u.id = l.user_id"
                 " JOIN learn_record r ON r.id = l.ref_id AND r.source = l.source"
                 " WHERE l.kind = 'bimtek' ORDER BY u.nip")
    check(sorted(rows) == sorted([(MENTEE, 1600, 'approved', 'ANRI/1'),
                                  (OTHER, 1600, 'approved', 'ANRI/BT/2026/5')]), rows)
    check(st['mentee'].post('/hr/learning', dict(form, csrf=st['mentee'].csrf('/learning'),
                                                 participants=MENTEE)).status == 403, 'HR only')

@test
def no_learning_in_the_future(s):
    st = setup(s)
    r = session(st['mentee'], 29, title='Besok')
    check(r.status == 422 and 'belum terjadi' in r.text, 'a session tomorrow is refused: %d' % r.status)

@test
def large_bodies_held_at_once_are_bounded(s):
    """Upload bodies are read before the session is known: at most 8 above
    1 MiB at once, the next one gets 503 with Retry-After at once."""
    import socket, time
    held = []
    head = ('POST /learning HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n'
            'Content-Length: %d\r\n\r\n' % (5 << 20)).encode()
    try:
        for _ in range(8):
            k = socket.create_connection(('127.0.0.1', s.port))
            k.sendall(head + b'x' * 1000)
            held.append(k)
        time.sleep(0.3)
        k = socket.create_connection(('127.0.0.1', s.port), timeout=5)
        k.sendall(head + b'x' * 1000)
        got = k.recv(4096).decode('latin-1')
        k.close()
        check(got.startswith('HTTP/1.1 503') and 'Retry-After' in got, got[:200])
    finally:
        for k in held:
            k.close()
    time.sleep(2.5)     # the held ones time out; slots come back
    r = session(setup(s)['mentee'], 24, title='Setelah antrean')
    check(r.status == 303, 'uploads work again: %d' % r.status)

@test
def approval_survives_kill_9(s):
    st = setup(s)
    r = session(st['mentee'], 23, minutes=45, title='Sesi sebelum crash')
    check(r.status == 303, 'logged')
    rid = ids(s, MENTEE)[-1]
    check(review(st['mentor'], rid, 'confirm').status == 303, 'confirmed (acknowledged)')
    s.kill9()
    s.start()
    check(s.sql('SELECT stage FROM learn_record WHERE id = ?', (rid,)) == [('confirmed',)],
          'acknowledged confirmation kept')
    check(s.sql("SELECT status FROM ledger WHERE source = 'mentoring' AND ref_id = ?", (rid,)) ==
          [('pending',)], 'ledger entry kept')

run(lambda: Server(args=CLOCK))
