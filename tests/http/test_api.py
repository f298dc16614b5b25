"""HR API (docs/api.md): tokens, completions, learner record, JP summary and
xAPI statements in JSON, CSV and XLSX, against the real server and its
real SQLite file. Data is written the way the server writes it: users and
completions rows via SQL (as a roster import or an older completion would
leave them), and one completion through the real learning flow."""
import csv, io, json, re, time, urllib.parse, zipfile
from datetime import datetime, timezone, timedelta
from lib import *

WIB = timezone(timedelta(hours=7))
COMPLETION_HEADER = ('nip,nama,unit_kerja,jabatan,golongan,nama_kursus,kode_kursus,'
                     'kompetensi,jenis_kompetensi,level,jumlah_jp,tanggal_mulai,'
                     'tanggal_selesai,nilai,nomor_sertifikat,tahun')
JP_HEADER = ('nip,nama,unit_kerja,jabatan,golongan,tahun,jumlah_jp,target_jp,memenuhi_target,'
             'jenis_pegawai,jp_menunggu')
UNIT = 'Badan Uji, "Coba" API'
# Names a naive CSV writer breaks: comma, quotes, newline, formula start.
TRICKY = {
    '198901012014021001': 'Siti, S.Kom.',
    '198902022014022002': 'Andi "Ucok" Lubis',
    '198903032014021003': 'Dewi\nBaris Dua',
    '198904042014022004': '=HYPERLINK("http://x","y")',
}
PLAIN_NIP = '198905052014021005'    # a learner with no completions: 0 JP
UUID_RE = re.compile(r'^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')
ISO_RE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$')
_state = {}

def ts(y, mo, d, h=12, mi=0, tz=WIB):
    return int(datetime(y, mo, d, h, mi, tzinfo=tz).timestamp())

def wib_year(t):
    return datetime.fromtimestamp(t, WIB).year

def add_user(s, nip, name, role='learner', unit=UNIT):
    s.sql("INSERT INTO users (nip, name, role, unit, position, golongan, account_id,"
          " created_at, updated_at) VALUES (?,?,?,?,?,?,lower(hex(randomblob(16))),"
          " unixepoch(), unixepoch())", (nip, name, role, unit, 'Analis', 'III/a'))
    return s.sql("SELECT id FROM users WHERE nip = ?", (nip,))[0][0]

def add_completion(s, uid, course, jp, completed_at, score=80.0, cert=None):
    s.sql("INSERT INTO completions (user_id, course, course_title, competency,"
          " competency_type, level, jp, started_at, completed_at, year, score, cert_no)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
          (uid, course, 'Kursus ' + course, 'Kompetensi, Uji', 'teknis', 2, jp,
           completed_at - 86400, completed_at, wib_year(completed_at), score, cert))

def setup(s):
    """Users and completions shared by the tests (idempotent)."""
    if _state:
        return _state
    ids = {nip: add_user(s, nip, name) for nip, name in TRICKY.items()}
    ids[PLAIN_NIP] = add_user(s, PLAIN_NIP, 'Polos Tanpa JP')
    a, b = ids['198901012014021001'], ids['198902022014022002']
    # Year boundary in WIB: 31 Dec 2025 23:30 WIB is 2025; 1 Jan 2026 00:30
    # WIB (still 31 Dec in UTC) is 2026.
    add_completion(s, a, 'k-2025', 12, ts(2025, 12, 31, 23, 30), cert='T/2025/1')
    add_completion(s, a, 'k-2026a', 8, ts(2026, 1, 1, 0, 30), cert='T/2026/1')
    add_completion(s, a, 'k-2026b', 12, ts(2026, 3, 1), cert='T/2026/2')
    add_completion(s, b, 'k-2026a', 19, ts(2026, 2, 1), score=None)
    for nip in ('198903032014021003', '198904042014022004'):
        add_completion(s, ids[nip], 'k-2026a', 4, ts(2026, 4, 1))
    tok = s.cli('token', 'create', '--name', 'sistem-bkd', '--db', s.db)
    assert tok.returncode == 0, tok.stderr
    _state.update(ids=ids, token=tok.stdout.strip())
    return _state

def api(s, path, token=None, client=None, headers=None):
    h = dict(headers or {})
    if token:
        h['Authorization'] = 'Bearer ' + token
    return (client or s.client()).get(path, headers=h)

def ok(s, path, status=200):
    r = api(s, path, setup(s)['token'])
    check(r.status == status, '%s: %d %s' % (path, r.status, r.text[:300]))
    return r

def rows_csv(r):
    return list(csv.reader(io.StringIO(r.body.decode('utf-8'), newline='')))

def xlsx_sheet(r):
    z = zipfile.ZipFile(io.BytesIO(r.body))
    check(z.testzip() is None, 'zip CRCs')
    names = z.namelist()
    check('xl/workbook.xml' in names and '[Content_Types].xml' in names, names)
    sheet = [n for n in names if n.startswith('xl/worksheets/sheet')]
    check(sheet, 'no sheet in %s' % names)
    xml = z.read(sheet[0]).decode('utf-8')
    if 'xl/sharedStrings.xml' in names:
        xml += z.read('xl/sharedStrings.xml').decode('utf-8')
    return xml

def xml_esc(t):
    return t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;').replace('"', '&quot;')

@test
def token_cli_create_list_and_hash_only(s):
    st = setup(s)
    check(re.fullmatch(r'[A-Za-z0-9_-]{43}', st['token']), 'token %r' % st['token'])
    rows = s.sql("SELECT name, hash, revoked_at FROM tokens")
    check(rows[0][0] == 'sistem-bkd' and rows[0][2] is None, rows)
    check(st['token'].encode() not in bytes(rows[0][1]) and len(rows[0][1]) == 32,
          'only a 32-byte hash is stored')
    out = s.cli('token', 'list', '--db', s.db)
    check(out.returncode == 0 and 'sistem-bkd' in out.stdout and 'active' in out.stdout,
          out.stdout + out.stderr)
    dup = s.cli('token', 'create', '--name', 'sistem-bkd', '--db', s.db)
    check(dup.returncode == 1 and dup.stdout == '', 'duplicate name refused')
    bad = s.cli('token', 'create', '--name', 'a b', '--db', s.db)
    check(bad.returncode == 2, 'bad name is a usage error')
    ev = [e for (e,) in s.sql("SELECT event FROM audit WHERE event LIKE 'token.%'")]
    check(ev == ['token.create'], ev)

@test
def auth_401_403(s):
    st = setup(s)
    p = '/api/v1/completions'
    for hdr in (None, {'Authorization': 'Bearer nope'},
                {'Authorization': 'Bearer ' + st['token'] + 'x'},
                {'Authorization': 'Basic ' + st['token']},
                {'Authorization': 'Bearer ' + st['token'] + '\u00e9'.encode().decode('latin-1')}):
        r = api(s, p, headers=hdr)
        check(r.status == 401, '%s -> %d' % (hdr, r.status))
        body = json.loads(r.text)
        check(body['status'] == 401 and body['error'], body)
        check(r.header('www-authenticate') == 'Bearer', 'WWW-Authenticate')
    for role in ('learner', 'trainer'):
        c = s.client()
        c.login(*DEMO[role])
        for path in (p, '/api/v1/jp-summary?format=csv', '/api/v1/xapi/statements',
                     '/api/v1/learners/%s/record' % DEMO['learner'][0]):
            r = c.get(path)
            check(r.status == 403 and json.loads(r.text)['status'] == 403,
                  '%s %s -> %d' % (role, path, r.status))
    for role in ('hr', 'admin'):
        c = s.client()
        c.login(*DEMO[role])
        r = c.get(p + '?format=csv')
        check(r.status == 200 and r.text.startswith('nip,'), '%s session %d' % (role, r.status))
    # A token beats the session cookie: a wrong token is 401 even for hr.
    r = c.get(p, headers={'Authorization': 'Bearer wrong'})
    check(r.status == 401, 'wrong token with hr cookie: %d' % r.status)

@test
def bad_parameters_400_json(s):
    setup(s)
    cases = ['/api/v1/completions?year=20261', '/api/v1/completions?year=1999',
             '/api/v1/completions?year=abcd', '/api/v1/completions?year=+202',
             '/api/v1/completions?format=pdf', '/api/v1/completions?since=2026-02-30',
             '/api/v1/completions?since=kemarin', '/api/v1/completions?since=2026-01-01T25:00:00Z',
             '/api/v1/completions?per_page=0', '/api/v1/completions?per_page=1001',
             '/api/v1/completions?page=0', '/api/v1/completions?page=-1',
             '/api/v1/completions?unit=' + 'x' * 300, '/api/v1/completions?course=a%27b',
             '/api/v1/jp-summary?year=99', '/api/v1/jp-summary?format=xml',
             '/api/v1/jp-summary?since=2026-01-01', '/api/v1/completions?type=rahasia',
             '/api/v1/jp-summary?type=Teknis',
             '/api/v1/learners/12345/record', '/api/v1/learners/%s/record?format=txt' % PLAIN_NIP,
             '/api/v1/xapi/statements?since=2026-13-01', '/api/v1/xapi/statements?format=csv',
             '/api/v1/xapi/statements?limit=-1', '/api/v1/xapi/statements?cursor=1-2-x']
    for path in cases:
        r = ok(s, path, 400)
        body = json.loads(r.text)
        check(body['status'] == 400 and len(body['error']) > 5, '%s: %s' % (path, body))
        check(r.header('content-type').startswith('application/json'), path)
    check('year' in json.loads(ok(s, cases[0], 400).text)['error'], 'message names year')

@test
def completions_json_fields_and_year_filter(s):
    st = setup(s)
    d = json.loads(ok(s, '/api/v1/completions?year=2026&unit=' + urllib.parse.quote(UNIT)).text)
    check(d['next'] is None and d['page'] == 1, d)
    rows = d['data']
    check(len(rows) == 5, 'five 2026 rows, got %d' % len(rows))
    a = [x for x in rows if x['course'] == 'k-2026a' and x['nip'] == '198901012014021001'][0]
    check(a == {'nip': '198901012014021001', 'name': 'Siti, S.Kom.', 'unit': UNIT,
                'position': 'Analis', 'golongan': 'III/a', 'course_title': 'Kursus k-2026a',
                'course': 'k-2026a', 'competency': 'Kompetensi, Uji',
                'competency_type': 'teknis', 'level': 2, 'jp': 8,
                'started': '2025-12-31', 'completed': '2026-01-01', 'score': 80.0,
                'certificate': 'T/2026/1', 'year': 2026}, a)
    b = [x for x in rows if x['nip'] == '198902022014022002'][0]
    check(b['score'] is None and b['certificate'] == '', 'no score is null: %s' % b)
    d25 = json.loads(ok(s, '/api/v1/completions?year=2025').text)['data']
    check([x['course'] for x in d25] == ['k-2025'] and d25[0]['completed'] == '2025-12-31', d25)
    since = json.loads(ok(s, '/api/v1/completions?since=2026-02-01').text)['data']
    check(sorted(x['course'] + x['nip'][-1] for x in since) == ['k-2026a2', 'k-2026a3', 'k-2026a4', 'k-2026b1'],
          [x['course'] for x in since])
    # since with a time: 1 Jan 2026 00:30 WIB is 2025-12-31T17:30Z.
    t = json.loads(ok(s, '/api/v1/completions?since=2025-12-31T17:30:00Z&course=k-2026a&year=2026').text)['data']
    check(len(t) == 4, len(t))
    none = json.loads(ok(s, '/api/v1/completions?unit=Tidak%20Ada').text)
    check(none['data'] == [] and none['next'] is None, none)

@test
def completions_json_pagination(s):
    setup(s)
    seen, path, pages = [], '/api/v1/completions?per_page=2&unit=' + urllib.parse.quote(UNIT), 0
    while path:
        d = json.loads(ok(s, path).text)
        check(len(d['data']) <= 2, 'page size')
        seen += [(x['nip'], x['course']) for x in d['data']]
        path = d['next']
        pages += 1
        check(pages < 10, 'next links loop')
    check(pages == 3 and len(seen) == 6 and len(set(seen)) == 6, (pages, seen))

@test
def completions_csv_quoting_and_header(s):
    setup(s)
    r = ok(s, '/api/v1/completions?year=2026&format=csv')
    check(r.header('content-type').startswith('text/csv'), r.header('content-type'))
    check(r.header('transfer-encoding') == 'chunked', 'streamed (chunked)')
    check(r.header('content-disposition') == 'attachment; filename="lentera-completions-2026.csv"',
          r.header('content-disposition'))
    check(r.body.split(b'\r\n')[0].decode() == COMPLETION_HEADER, r.body[:200])
    rows = rows_csv(r)
    check(rows[0] == COMPLETION_HEADER.split(','), rows[0])
    names = {row[0]: row[1] for row in rows[1:]}
    for nip in ('198901012014021001', '198902022014022002', '198903032014021003'):
        check(names.get(nip) == TRICKY[nip], '%r != %r' % (names.get(nip), TRICKY[nip]))
    # Formula guard: the spreadsheet shows text, never evaluates it.
    check(names['198904042014022004'] == "'" + TRICKY['198904042014022004'], names)
    check(all(row[2] == UNIT for row in rows[1:]), 'unit with comma and quotes')
    row = [x for x in rows[1:] if x[0] == '198901012014021001' and x[6] == 'k-2026a'][0]
    check(row[9:] == ['2', '8', '2025-12-31', '2026-01-01', '80.0', 'T/2026/1', '2026'], row)
    # HEAD: the download's headers, no body; the connection stays usable.
    c = s.client()
    h = {'Authorization': 'Bearer ' + setup(s)['token']}
    for fmt in ('csv', 'xlsx'):
        hd = c.request('HEAD', '/api/v1/completions?year=2026&format=' + fmt, headers=h)
        check(hd.status == 200 and hd.body == b'' and
              hd.header('content-disposition').endswith('2026.%s"' % fmt), 'HEAD %s' % fmt)
        check(c.get('/api/v1/completions?year=2026&format=csv', headers=h).body == r.body,
              'GET after HEAD on the same connection')
    all_ = rows_csv(ok(s, '/api/v1/completions?format=csv'))
    check(len(all_) == 1 + 6, 'all years: %d rows' % len(all_))
    check(ok(s, '/api/v1/completions?format=csv').header('content-disposition').endswith(
        'lentera-completions-all.csv"'), 'filename without year')

@test
def completions_xlsx_valid_workbook(s):
    setup(s)
    r = ok(s, '/api/v1/completions?year=2026&format=xlsx')
    check(r.header('content-type') ==
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', r.header('content-type'))
    check(r.header('content-disposition').endswith('lentera-completions-2026.xlsx"'), 'filename')
    xml = xlsx_sheet(r)
    # People read the sheet: Indonesian titles; the machine names stay the
    # CSV/API contract and are listed beside the titles on "Keterangan".
    for h in ('NIP', 'Nama', 'Unit Kerja', 'Nama Pelatihan', 'Jumlah JP', 'Tanggal Selesai',
              'Nomor Sertifikat', 'Tahun'):
        check('<t>%s</t>' % h in xml, 'header %s in sheet' % h)
    z = zipfile.ZipFile(io.BytesIO(r.body))
    notes = z.read('xl/worksheets/sheet2.xml').decode('utf-8')
    check('Keterangan' in z.read('xl/workbook.xml').decode(), 'notes sheet named')
    for h in COMPLETION_HEADER.split(','):
        check('<t>%s</t>' % h in notes, 'machine name %s on the notes sheet' % h)
    for name in ('Siti, S.Kom.', 'Andi "Ucok" Lubis', '=HYPERLINK("http://x","y")'):
        check('<t>%s</t>' % xml_esc(name) in xml or '<t>%s</t>' % name in xml, name)
    check('<f>' not in xml, 'no formula cells')
    check('198901012014021001' in xml, 'NIP as text')
    check(xml.count('<row ') == 1 + 5, 'rows: %d' % xml.count('<row '))

@test
def jp_summary_year_boundary_and_target(s):
    st = setup(s)
    def get(year):
        d = json.loads(ok(s, '/api/v1/jp-summary?year=%d&unit=%s&per_page=1000' % (
            year, urllib.parse.quote(UNIT))).text)
        return {x['nip']: x for x in d['data']}
    y26, y25 = get(2026), get(2025)
    siti = '198901012014021001'
    check(y26[siti]['jp'] == 20 and y26[siti]['meets_target'] is True, y26[siti])
    check(y25[siti]['jp'] == 12 and y25[siti]['meets_target'] is False, y25[siti])
    andi = '198902022014022002'
    check(y26[andi]['jp'] == 19 and y26[andi]['meets_target'] is False, '19 JP is below 20')
    check(y26[PLAIN_NIP]['jp'] == 0 and y26[PLAIN_NIP]['meets_target'] is False, 'zero-JP ASN listed')
    check(len(y26) == 5 and y26[siti]['target'] == 20 and y26[siti]['year'] == 2026, y26[siti])
    # Default year is this year (WIB); demo learner is included with 0 JP.
    d = json.loads(ok(s, '/api/v1/jp-summary').text)
    check(any(x['nip'] == DEMO['learner'][0] for x in d['data']), 'demo learner listed')
    check(all(x['year'] == datetime.now(WIB).year for x in d['data']), 'default year')
    check(not any(x['nip'] == DEMO['hr'][0] for x in d['data']), 'hr without JP not listed')
    r = ok(s, '/api/v1/jp-summary?year=2026&format=csv&unit=' + urllib.parse.quote(UNIT))
    check(r.header('content-disposition').endswith('lentera-jp-summary-2026-badan-uji-coba-api.csv"'),
          'filename names the unit: %s' % r.header('content-disposition'))
    rows = rows_csv(r)
    check(','.join(rows[0]) == JP_HEADER, rows[0])
    by = {row[0]: row for row in rows[1:]}
    check(by[siti][5:] == ['2026', '20', '20', 'ya', 'pns', '0'] and
          by[andi][5:] == ['2026', '19', '20', 'tidak', 'pns', '0'],
          (by[siti], by[andi]))
    check(by['198903032014021003'][1] == 'Dewi\nBaris Dua', 'newline kept inside quotes')
    xml = xlsx_sheet(ok(s, '/api/v1/jp-summary?year=2026&format=xlsx&unit=' + urllib.parse.quote(UNIT)))
    check('<t>Memenuhi Target</t>' in xml and 'Polos Tanpa JP' in xml and xml.count('<row ') == 6, 'xlsx rows')

@test
def learner_record_all_formats(s):
    st = setup(s)
    siti = '198901012014021001'
    d = json.loads(ok(s, '/api/v1/learners/%s/record' % siti).text)
    check(d['nip'] == siti and d['name'] == 'Siti, S.Kom.' and d['unit'] == UNIT, d)
    check(sorted(c['course'] for c in d['completions']) == ['k-2025', 'k-2026a', 'k-2026b'], d)
    jy = {x['year']: x for x in d['jp_by_year']}
    check(jy[2026]['jp'] == 20 and jy[2026]['meets_target'] and jy[2025]['jp'] == 12
          and not jy[2025]['meets_target'], jy)
    rows = rows_csv(ok(s, '/api/v1/learners/%s/record?format=csv' % siti))
    check(','.join(rows[0]) == COMPLETION_HEADER and len(rows) == 4, rows)
    xml = xlsx_sheet(ok(s, '/api/v1/learners/%s/record?format=xlsx' % siti))
    check('k-2026b' in xml and xml.count('<row ') == 4, 'xlsx record')
    empty = json.loads(ok(s, '/api/v1/learners/%s/record' % PLAIN_NIP).text)
    check(empty['completions'] == [] and empty['jp_by_year'] == [], empty)
    r = ok(s, '/api/v1/learners/199912312020121999/record', 404)
    check(json.loads(r.text) == {'error': 'no ASN with this NIP', 'status': 404}, r.text)
    r = ok(s, '/api/v1/nothing-here', 404)
    check(json.loads(r.text)['status'] == 404, 'unknown API path is JSON 404')

@test
def completion_through_learning_flow_appears(s):
    """Finish a course as the demo learner: the row reaches the API."""
    st = setup(s)
    course = 'pelayanan-publik-prima'
    c = s.client()
    c.login(*DEMO['learner'])
    uid = s.sql("SELECT id FROM users WHERE nip = ?", (DEMO['learner'][0],))[0][0]
    now = int(time.time())
    s.sql("INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot,"
          " started_at, submitted_at, score, max, percent, passed)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
          (uid, course, 'quiz-final.lua', 1, 1, 'q1', '{}', now - 60, now, 17, 20, 85.0, 1))
    page = c.get('/courses/' + course).text
    mods = sorted(set(re.findall(r'href="/courses/%s/(\d\d-[a-z0-9-]+)"' % course, page)))
    check(len(mods) == 3, mods)
    tok = c.csrf('/courses/' + course)
    for m in mods:
        r = c.post('/courses/%s/%s/done' % (course, m), {'csrf': tok})
        check(r.status == 303, 'done %s: %d' % (m, r.status))
    d = json.loads(ok(s, '/api/v1/learners/%s/record' % DEMO['learner'][0]).text)
    got = [x for x in d['completions'] if x['course'] == course]
    check(len(got) == 1 and got[0]['jp'] == 4 and got[0]['score'] == 85.0
          and got[0]['year'] == datetime.now(WIB).year and got[0]['certificate'], got)

@test
def xapi_statements_shape(s):
    st = setup(s)
    siti = st['ids']['198901012014021001']
    now = int(time.time())
    for n, (score, mx, passed) in enumerate(((9, 20, 0), (18, 20, 1)), 1):
        s.sql("INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot,"
              " started_at, submitted_at, score, max, percent, passed)"
              " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
              (siti, 'k-2026b', 'quiz-final.lua', n, 1, 'q', '{}', now - 100, now - 50 + n,
               score, mx, 100.0 * score / mx, passed))
    # An unsubmitted attempt is no statement.
    s.sql("INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot,"
          " started_at) VALUES (?,?,?,?,?,?,?,?)", (siti, 'k-2026b', 'quiz-final.lua', 3, 1, 'q', '{}', now))
    r = ok(s, '/api/v1/xapi/statements?limit=1000')
    check(r.header('x-experience-api-version') == '1.0.3', 'version header')
    d = json.loads(r.text)
    check(d['more'] == '' and isinstance(d['statements'], list), d.get('more'))
    stm = d['statements']
    ncomp = s.sql("SELECT count(*) FROM completions")[0][0]
    natt = s.sql("SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL")[0][0]
    check(len(stm) == ncomp + natt, '%d statements for %d+%d rows' % (len(stm), ncomp, natt))
    accounts = dict(s.sql("SELECT account_id, nip FROM users"))
    verbs = set()
    for x in stm:
        for k in ('id', 'actor', 'verb', 'object', 'timestamp'):
            check(k in x, 'missing %s in %s' % (k, x))
        check(UUID_RE.match(x['id']), x['id'])
        check(ISO_RE.match(x['timestamp']), x['timestamp'])
        a = x['actor']
        check(a['objectType'] == 'Agent' and set(a) == {'objectType', 'account'}, a)
        check(set(a['account']) == {'homePage', 'name'} and a['account']['homePage'].startswith('http'), a)
        check(a['account']['name'] in accounts, 'account is users.account_id')
        # No NIP in the actor (an 18-digit run alone is not one: a random
        # hex account id holds one about once in 300).
        check(not any(n in json.dumps(a) for n in accounts.values()), 'no NIP in actor')
        check(x['verb']['id'] in ('http://adlnet.gov/expapi/verbs/completed',
                                  'http://adlnet.gov/expapi/verbs/passed',
                                  'http://adlnet.gov/expapi/verbs/failed'), x['verb'])
        check(x['verb']['display']['en-US'], 'verb display')
        verbs.add(x['verb']['id'].rsplit('/', 1)[1])
        o = x['object']
        check(o['objectType'] == 'Activity' and o['id'].startswith(a['account']['homePage'] + '/'), o)
        res = x.get('result', {})
        if 'score' in res:
            sc = res['score']
            check(-1 <= sc['scaled'] <= 1 and sc['min'] <= sc['raw'] <= sc['max'], sc)
        if x['verb']['id'].endswith('completed'):
            check('/courses/' in o['id'] and res['completion'] is True, x)
        else:
            check('/quiz/' in o['id'] and res['success'] == x['verb']['id'].endswith('passed'), x)
    check(verbs == {'completed', 'passed', 'failed'}, verbs)
    check(len({x['id'] for x in stm}) == len(stm), 'unique ids')
    again = json.loads(ok(s, '/api/v1/xapi/statements?limit=1000').text)['statements']
    check([x['id'] for x in again] == [x['id'] for x in stm], 'stable ids across calls')
    stamps = [x['timestamp'] for x in stm]
    check(stamps == sorted(stamps), 'time order')
    failed = [x for x in stm if x['verb']['id'].endswith('failed')][0]
    check(failed['result']['score'] == {'scaled': 0.45, 'raw': 9, 'min': 0, 'max': 20}, failed['result'])

@test
def xapi_paging_and_since(s):
    setup(s)
    full = json.loads(ok(s, '/api/v1/xapi/statements?limit=1000').text)['statements']
    ids, path, n = [], '/api/v1/xapi/statements?limit=2', 0
    while path:
        d = json.loads(ok(s, path).text)
        ids += [x['id'] for x in d['statements']]
        path = d['more']
        n += 1
        check(n < 50, 'more loops')
    check(ids == [x['id'] for x in full], 'paged == full (%d vs %d)' % (len(ids), len(full)))
    d = json.loads(ok(s, '/api/v1/xapi/statements?since=2026-01-01').text)['statements']
    check(all(x['timestamp'] >= '2025-12-31T17:00:00Z' for x in d) and
          len(d) == len(full) - 1, 'since drops the 2025 completion only')

@test
def token_audit_access_log_and_revoke(s):
    st = setup(s)
    before = s.sql("SELECT count(*) FROM audit WHERE event = 'api.call'")[0][0]
    ok(s, '/api/v1/jp-summary?year=2026&format=csv')
    rows = s.sql("SELECT detail, actor_id FROM audit WHERE event = 'api.call' ORDER BY id DESC LIMIT 1")
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'api.call'")[0][0] == before + 1, 'one audit row per call')
    check(rows[0][0].startswith('token:sistem-bkd GET /api/v1/jp-summary?year=2026&format=csv')
          and rows[0][1] is None, rows)
    check('token:sistem-bkd' in s.logtext(), 'access log names the token')
    tok2 = s.cli('token', 'create', '--name', 'sementara', '--db', s.db).stdout.strip()
    check(api(s, '/api/v1/completions', tok2).status == 200, 'second token works')
    rv = s.cli('token', 'revoke', '--name', 'sementara', '--db', s.db)
    check(rv.returncode == 0, rv.stderr)
    r = api(s, '/api/v1/completions', tok2)
    check(r.status == 401 and json.loads(r.text)['status'] == 401, 'revoked -> %d' % r.status)
    check(api(s, '/api/v1/completions', st['token']).status == 200, 'other token unaffected')
    again = s.cli('token', 'revoke', '--name', 'sementara', '--db', s.db)
    check(again.returncode == 1, 'revoking twice fails')
    check(s.sql("SELECT count(*) FROM audit WHERE event = 'token.revoke' AND detail = 'sementara'")[0][0] == 1,
          'revoke audited')

@test
def large_csv_streams_in_chunks(s):
    """20,000 rows: many 64 KiB flushes, every row intact and in order."""
    st = setup(s)
    uid = st['ids'][PLAIN_NIP]
    s.sql_many("INSERT INTO completions (user_id, course, course_title, competency,"
               " competency_type, level, jp, started_at, completed_at, year)"
               " VALUES (?,?,?,?,?,?,?,?,?,?)",
               [(uid, 'bulk-%05d' % i, 'Judul, "massal" %d' % i, 'K', 'teknis', 1, 1,
                 ts(2024, 6, 1), ts(2024, 6, 2), 2024) for i in range(20000)])
    r = ok(s, '/api/v1/completions?year=2024&format=csv')
    rows = rows_csv(r)
    check(len(rows) == 20001 and len(r.body) > 4 * 65536, (len(rows), len(r.body)))
    check([row[6] for row in rows[1:]] == ['bulk-%05d' % i for i in range(20000)], 'order')
    check(rows[-1][5] == 'Judul, "massal" 19999', rows[-1])
    d = json.loads(ok(s, '/api/v1/completions?year=2024&per_page=1000&page=20').text)
    check(len(d['data']) == 1000 and d['next'] is None and d['data'][-1]['course'] == 'bulk-19999', 'last page')

run()
