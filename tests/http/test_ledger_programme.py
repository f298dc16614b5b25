"""Mentoring programmes (issue 11.2): HR, or an atasan for their own team,
creates a programme and pairs mentors with mentees from pasted CSV lines
(every bad line listed by number, nothing written until all are right);
sessions logged with the paired mentor inside the period belong to it;
the programme page reports per pair sessions, approved minutes and JP
and RTL; a mentor sees only their own pairs, strangers get 404, an
atasan may pair only their own team. Runs on a test clock (28 June
2026)."""
import datetime, re, tempfile, os, uuid
from lib import *

WIB = datetime.timezone(datetime.timedelta(hours=7))
CLOCK = use_test_clock()
set_clock(str(int(datetime.datetime(2026, 6, 28, 12, 0, tzinfo=WIB).timestamp())))
PW2 = 'kata-sandi-uji-2026'
MENTEE = DEMO['learner'][0]
MENTEE2 = '199202022017012031'
MENTOR = '198601012010011032'
MENTOR2 = '198602022010012033'
ATASAN = '197501012000011034'
STRANGER = '199303032018011035'
UNIT = 'Bidang Program'
PDF = b'%PDF-1.4\n%%EOF\n'
_st = {}

def mp(fields):
    b = '----P' + uuid.uuid4().hex
    out = b''
    for k, v in fields.items():
        out += ('--%s\r\nContent-Disposition: form-data; name="%s"\r\n\r\n' % (b, k)).encode() + \
            str(v).encode() + b'\r\n'
    out += ('--%s\r\nContent-Disposition: form-data; name="evidence"; filename="a.pdf"\r\n'
            'Content-Type: application/pdf\r\n\r\n' % b).encode() + PDF + b'\r\n'
    return out + ('--%s--\r\n' % b).encode(), 'multipart/form-data; boundary=' + b

def login(s, nip, pw=PW2):
    c = s.client()
    c.login(nip, pw)
    return c

def setup(s):
    if _st:
        return _st
    p = os.path.join(tempfile.mkdtemp(prefix='lentera-prog-'), 'r.csv')
    with open(p, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan,nip_atasan\n')
        for nip, name, boss in ((MENTEE, 'Rina Wulandari', ATASAN), (MENTEE2, 'Dua Mentee', ATASAN),
                                (MENTOR, 'Mentor Satu', ''), (MENTOR2, 'Mentor Dua', ''),
                                (ATASAN, 'Atasan Program', ''), (STRANGER, 'Orang Lain', '')):
            f.write('%s,%s,%s,Analis,III/a,%s\n' % (nip, name, UNIT, boss))
    r = s.cli('import-roster', p, '--db', s.db)
    check(r.returncode == 0, r.stdout + r.stderr)
    for nip in (MENTEE2, MENTOR, MENTOR2, ATASAN, STRANGER):
        check(s.cli('user', 'reset-password', '--nip', nip, '--db', s.db, stdin=PW2 + '\n').returncode == 0,
              'password')
    _st.update(hr=login(s, DEMO['hr'][0], DEMO['hr'][1]), atasan=login(s, ATASAN), mentor=login(s, MENTOR),
               mentor2=login(s, MENTOR2), stranger=login(s, STRANGER), mentee=login(s, MENTEE, DEMO['learner'][1]))
    return _st

def create(c, name, kind='mentoring'):
    r = c.post('/programmes', {'csrf': c.csrf('/programmes'), 'name': name, 'kind': kind,
                               'focus': 'Kepemimpinan', 'start': '2026-06-01', 'end': '2026-12-31'})
    return r, (int(r.header('location').rsplit('/', 1)[1]) if r.status == 303 else None)

def pairs(c, pid, text):
    return c.post('/programmes/%d/pairs' % pid, {'csrf': c.csrf('/programmes/%d' % pid), 'pairs': text})

@test
def hr_creates_and_pairs_with_line_numbered_errors(s):
    st = setup(s)
    r, pid = create(st['hr'], 'Pemimpin Masa Depan 2026')
    check(r.status == 303 and pid, 'created %d' % r.status)
    bad = '\n'.join(['nip_mentor,nip_mentee', MENTOR + ',' + MENTEE, 'bukan,baris', MENTOR + ',' + MENTOR,
                     MENTOR2 + ',' + MENTEE, MENTOR + ',199912312099121999'])
    r = pairs(st['hr'], pid, bad)
    check(r.status == 422, 'refused %d' % r.status)
    for want in ('Baris 3: tulis nip_mentor,nip_mentee', 'Baris 4: mentor dan mentee orang yang sama',
                 'Baris 5: mentee sudah dipasangkan di baris lain', 'Baris 6: mentee tidak terdaftar'):
        check(want in r.text, '%s: %s' % (want, re.findall(r'<li>[^<]*</li>', r.text)))
    check(s.sql('SELECT count(*) FROM programme_pair')[0][0] == 0, 'nothing written')
    r = pairs(st['hr'], pid, '%s,%s\r\n%s;%s\r\n' % (MENTOR, MENTEE, MENTOR2, MENTEE2))
    check(r.status == 303, 'paired %d %s' % (r.status, r.text[-300:]))
    r = pairs(st['hr'], pid, '%s,%s' % (MENTOR2, MENTEE))
    check(r.status == 422 and 'sudah punya pasangan' in r.text, 'a mentee once per programme')
    _st['pid'] = pid

@test
def sessions_belong_to_the_programme_and_are_reported(s):
    st = setup(s)
    m = st['mentee']
    for day in (3, 17):
        body, ct = mp({'csrf': m.csrf('/learning'), 'what': 'session', 'kind': 'mentoring', 'mentor': MENTOR,
                       'start': '2026-06-%02d' % day, 'minutes': 60, 'mode': 'tatap-muka',
                       'title': 'Sesi %d' % day, 'rtl': 'Menyusun rencana', 'rtl_due': '2026-07-30'})
        check(m.request('POST', '/learning', body=body, headers={'Content-Type': ct}).status == 303, 'logged')
    rows = s.sql('SELECT programme_id FROM learn_record ORDER BY id')
    check(rows == [(_st['pid'],), (_st['pid'],)], rows)
    first = s.sql('SELECT id FROM learn_record ORDER BY id')[0][0]
    mt, at = st['mentor'], st['atasan']
    check(mt.post('/review/%d' % first, {'csrf': mt.csrf('/review'), 'action': 'confirm'}).status == 303, 'c')
    check(at.post('/review/%d' % first, {'csrf': at.csrf('/review'), 'action': 'approve'}).status == 303, 'a')
    t = st['hr'].get('/programmes/%d' % _st['pid']).text
    row = re.search(r'<tr data-mentee="%s">(.*?)</tr>' % MENTEE, t, re.S).group(1)
    check('class="num sessions">1 / 2<' in row and '<td class="num">60</td>' in row and
          'class="num jp">1,33<' in row and '<td class="num">1 / 2</td>' in row, row)
    check(MENTEE2 in t, 'HR sees every pair')

@test
def who_sees_what(s):
    st = setup(s)
    pid = _st['pid']
    t = st['mentor'].get('/programmes/%d' % pid)
    check(t.status == 200 and MENTEE in t.text and MENTEE2 not in t.text, 'a mentor sees only their pairs')
    check('pair-form' not in t.text, 'and cannot pair')
    check(st['stranger'].get('/programmes/%d' % pid).status == 404, 'a stranger: 404')
    check(pid not in [int(x) for x in re.findall(r'data-id="(\d+)"', st['stranger'].get('/programmes').text)],
          'nor lists it')
    check(pairs(st['mentor'], pid, MENTOR + ',' + STRANGER).status == 403, 'a mentor cannot pair')
    check(create(st['stranger'], 'Tanpa tim')[0].status == 403, 'no team, not HR: cannot create')

@test
def an_atasan_pairs_only_their_team(s):
    st = setup(s)
    r, pid = create(st['atasan'], 'Coaching Bidang', 'coaching')
    check(r.status == 303, 'an atasan creates for their team')
    r = pairs(st['atasan'], pid, '%s,%s\n%s,%s' % (MENTOR, MENTEE2, MENTOR, STRANGER))
    check(r.status == 422 and 'Baris 2: mentee bukan anggota tim Anda' in r.text, r.text[-500:])
    check(pairs(st['atasan'], pid, '%s,%s' % (MENTOR, MENTEE2)).status == 303, 'own team member paired')

run(lambda: Server(args=CLOCK))
