"""HR dashboard figures against completions inserted with SQL (across a
year boundary), filters, SVG chart and download links; first-login setup
codes end to end (once only, expiry, one answer for every failure,
throttling). The throttle test is last: it locks 127.0.0.1 out."""
import calendar, datetime, os, re, time
from lib import *

UNIT = 'Dinas Uji Dasbor'
WIB = datetime.timezone(datetime.timedelta(hours=7))
A, B, C = '198601012010011001', '198601022010011002', '198601032010011003'
NEW = '199102032019031004'

def at(y, m, d, hh, mm):
    return int(datetime.datetime(y, m, d, hh, mm, tzinfo=WIB).timestamp())

def roster(s, rows, name='r.csv'):
    path = os.path.join(s.tmp, name)
    with open(path, 'w') as f:
        f.write('nip,nama,unit_kerja,jabatan,golongan\n')
        for r in rows:
            f.write(','.join(r) + '\n')
    r = s.cli('import-roster', path, '--db', s.db)
    assert r.returncode == 0, r.stderr

def complete(s, nip, course, ctype, jp, t):
    """A completion row as record.c writes it: year is the WIB year."""
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (nip,))[0][0]
    year = datetime.datetime.fromtimestamp(t, WIB).year
    s.sql('INSERT INTO completions (user_id, course, course_title, competency,'
          ' competency_type, level, jp, started_at, completed_at, year, score)'
          ' VALUES (?,?,?,?,?,1,?,?,?,?,90)',
          (uid, course, 'Kursus ' + course, 'Kompetensi ' + course, ctype, jp,
           t - 86400, t, year))

def figure(page, id):
    m = re.search(r'id="%s">([^<]*)<' % id, page)
    return m.group(1) if m else None

def hr(s):
    c = s.client()
    c.login(*DEMO['hr'])
    return c

@test
def dashboard_figures_across_year_boundary(s):
    roster(s, [(A, 'Ani Uji', UNIT, 'Staf', 'III/a'), (B, 'Budi Uji', UNIT, 'Staf', 'III/b'),
               (C, 'Cici Uji', UNIT, 'Staf', 'II/c')])
    # A: 12 JP on 31 Dec 2025 23:59 WIB (16:59 UTC) and 10 JP one minute
    # after midnight WIB (still 31 Dec in UTC): the years split in WIB.
    complete(s, A, 'k-lama', 'teknis', 12, at(2025, 12, 31, 23, 59))
    complete(s, A, 'k-x', 'teknis', 10, at(2026, 1, 1, 0, 1))
    complete(s, B, 'k-x', 'teknis', 8, at(2026, 3, 1, 10, 0))
    complete(s, B, 'k-y', 'manajerial', 16, at(2026, 4, 1, 10, 0))
    c = hr(s)
    r = c.get('/hr?year=2026&unit=' + UNIT.replace(' ', '+'))
    check(r.status == 200, 'status %d' % r.status)
    check(figure(r.text, 'completions') == '3', 'completions %s' % figure(r.text, 'completions'))
    check(figure(r.text, 'jp-total') == '34', 'jp %s' % figure(r.text, 'jp-total'))
    check(figure(r.text, 'meeting') == '1 / 3', 'meeting %s' % figure(r.text, 'meeting'))
    check(figure(r.text, 'share') == '33,3%', 'share %s' % figure(r.text, 'share'))
    below = r.text[r.text.index('id="below"'):]
    check(A in below and C in below and B not in below, 'A and C below target, B not')
    r = c.get('/hr?year=2025&unit=' + UNIT.replace(' ', '+'))
    check(figure(r.text, 'jp-total') == '12' and figure(r.text, 'meeting') == '0 / 3' and
          figure(r.text, 'share') == '0,0%', '2025: %s %s' % (figure(r.text, 'jp-total'),
                                                         figure(r.text, 'meeting')))

@test
def dashboard_course_and_type_filters(s):
    c = hr(s)
    q = '/hr?year=2026&unit=' + UNIT.replace(' ', '+')
    r = c.get(q + '&course=k-x')
    check(figure(r.text, 'jp-total') == '18' and figure(r.text, 'meeting') == '0 / 3',
          'course k-x: %s %s' % (figure(r.text, 'jp-total'), figure(r.text, 'meeting')))
    r = c.get(q + '&type=manajerial')
    check(figure(r.text, 'completions') == '1' and figure(r.text, 'jp-total') == '16',
          'type: %s' % figure(r.text, 'jp-total'))
    r = c.get(q + '&type=teknis')
    check(figure(r.text, 'jp-total') == '18', 'teknis %s' % figure(r.text, 'jp-total'))
    check('<option value="k-x" selected>Kursus k-x</option>' in c.get(q + '&course=k-x').text,
          'course filter offered and kept')
    for bad in ('year=abc', 'year=1999', 'type=rahasia', 'unit=%0a'):
        check(c.get('/hr?' + bad).status == 400, 'bad filter %s' % bad)

@test
def dashboard_chart_and_downloads(s):
    c = hr(s)
    r = c.get('/hr?year=2026&unit=' + UNIT.replace(' ', '+') + '&course=k-x')
    svg = re.search(r'<svg[^>]*>.*?</svg>', r.text, re.S)
    check(svg, 'svg present')
    svg = svg.group(0)
    check('role="img"' in svg and '<title id="jp-chart-title">' in svg, 'accessible label')
    check(UNIT in svg and '18' in svg, 'unit bar with its JP')
    check(' style=' not in r.text and '<script' not in r.text, 'no inline style or script (CSP)')
    # Every download keeps every filter of the page (course too, since the
    # JP summary counts what the page counts).
    for link in ('/api/v1/completions?format=csv&amp;year=2026&amp;unit=Dinas%20Uji%20Dasbor'
                 '&amp;course=k-x"', '/api/v1/completions?format=xlsx',
                 '/api/v1/jp-summary?format=csv&amp;year=2026&amp;unit=Dinas%20Uji%20Dasbor'
                 '&amp;course=k-x"', '/api/v1/jp-summary?format=xlsx'):
        check(link.replace('Dinas%20Uji%20Dasbor', 'Dinas+Uji+Dasbor') in r.text or link in r.text,
              'download link ' + link)

@test
def dashboard_default_year_is_current_wib_year(s):
    year = datetime.datetime.now(WIB).year
    r = hr(s).get('/hr')
    check(r.status == 200 and 'value="%d"' % year in r.text, 'year %d preselected' % year)
    r = s.client()
    r.login(*DEMO['trainer'])
    check(r.get('/hr').status == 403, 'trainer 403')

def issue(s, c, nip):
    tok = c.csrf('/hr/roster')
    r = c.post('/hr/users/%s/setup-code' % nip, {'csrf': tok})
    m = re.search(r'id="setup-code">([^<]+)<', r.text)
    return r, m.group(1) if m else None

def setup(s, nip, code, pw='kata-sandi-baru-1', pw2=None):
    c = s.client()
    r = c.post('/setup', {'nip': nip, 'code': code, 'password': pw,
                          'password2': pw2 or pw})
    return c, r

FAILED = 'NIP atau kode aktivasi salah'

@test
def setup_code_works_once(s):
    roster(s, [(NEW, 'Pegawai Baru', UNIT, 'Staf', 'III/a')], 'new.csv')
    check(s.client().get('/setup').status == 200, 'setup page public')
    r, code = issue(s, hr(s), NEW)
    check(r.status == 200 and code and re.fullmatch(r'[2-9A-HJ-KM-NP-Z]{5}-[2-9A-HJ-KM-NP-Z]{5}', code),
          'code shown: %r' % code)
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'setup.issue' AND detail = ?",
                (NEW,))[0][0] == 1, 'issue audited')
    _, r = setup(s, NEW, code, pw2='lain-sekali-99')
    check(r.status == 400, 'mismatch %d' % r.status)
    c, r = setup(s, NEW, code.lower().replace('-', ' '))
    check(r.status == 303 and r.header('location') == '/courses', 'setup %d' % r.status)
    check(c.get('/courses').status == 200, 'logged in after setup')
    check(s.sql('SELECT setup_hash IS NULL AND pwhash IS NOT NULL FROM users WHERE nip = ?',
                (NEW,))[0][0] == 1, 'code cleared, password set')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'setup.done'")[0][0] == 1, 'audited')
    s.client().login(NEW, 'kata-sandi-baru-1')
    _, r = setup(s, NEW, code, pw='lagi-lagi-123')
    check(r.status == 401 and FAILED in r.text, 'second use refused %d' % r.status)

@test
def setup_wrong_expired_unknown_same_answer(s):
    c = hr(s)
    _, code = issue(s, c, NEW)
    answers = []
    _, r = setup(s, NEW, 'AAAAA-BBBBB')
    answers.append(r)
    s.sql('UPDATE users SET setup_expires = unixepoch() - 1 WHERE nip = ?', (NEW,))
    _, r = setup(s, NEW, code)
    answers.append(r)
    _, r = setup(s, '199912312020121001', code)    # no such user
    answers.append(r)
    notices = [re.search(r'role="alert">([^<]*)<', a.text).group(1) for a in answers]
    check(all(a.status == 401 for a in answers), [a.status for a in answers])
    check(len(set(notices)) == 1 and FAILED in notices[0], notices)
    check(s.sql('SELECT pwhash FROM users WHERE nip = ?', (NEW,))[0][0] is not None,
          'password from the first setup still there')
    s.client().login(NEW, 'kata-sandi-baru-1')

@test
def hr_cannot_issue_codes_for_staff(s):
    c = hr(s)
    r, code = issue(s, c, DEMO['admin'][0])
    check(r.status == 403 and code is None, 'hr -> admin code %d' % r.status)
    r, code = issue(s, c, '199912312020121001')
    check(r.status == 404, 'unknown nip %d' % r.status)
    a = s.client()
    a.login(*DEMO['admin'])
    r, code = issue(s, a, DEMO['trainer'][0])
    check(r.status == 200 and code, 'admin may issue for a trainer')

@test
def setup_is_throttled_and_origin_checked(s):
    _, code = issue(s, hr(s), NEW)
    c = s.client()
    r = c.post('/setup', {'nip': NEW, 'code': code, 'password': 'x' * 12, 'password2': 'x' * 12},
               headers={'Origin': 'http://evil.example'})
    check(r.status == 403, 'cross-site post %d' % r.status)
    statuses = []
    for i in range(12):
        _, r = setup(s, NEW, 'ZZZZZ-ZZZZZ')
        statuses.append(r.status)
        if r.status == 429:
            break
    check(429 in statuses and r.header('retry-after'), 'locked out: %r' % statuses)
    _, r = setup(s, NEW, code)
    check(r.status == 429, 'right code refused while locked: %d' % r.status)

run()
