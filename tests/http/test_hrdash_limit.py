"""An XLSX over Excel's sheet limit (1,048,576 rows with the header) is
refused before a byte of it is made: 422 with the row count and what to do,
as JSON for the API and as a page for a download clicked in the browser
(hr session, Accept text/html) that links the same export as CSV. Filters
that bring it under the limit make it work again; CSV of the big set still
streams. Rows are inserted with SQL in one transaction (an operator's bulk
load), 1,048,576 of them: one more than a sheet holds below its header."""
import datetime, json
from lib import *

WIB = datetime.timezone(datetime.timedelta(hours=7))
NIP = '198601012010011777'
ROWS = 1048576

def ts(y, mo, d):
    return int(datetime.datetime(y, mo, d, 12, 0, tzinfo=WIB).timestamp())

_state = {}

def setup(s):
    if _state:
        return _state
    s.sql("INSERT INTO users (nip, name, role, unit, account_id, created_at, updated_at)"
          " VALUES (?, 'Pegawai Massal', 'learner', 'Unit Massal', lower(hex(randomblob(16))),"
          " unixepoch(), unixepoch())", (NIP,))
    uid = s.sql("SELECT id FROM users WHERE nip = ?", (NIP,))[0][0]
    t0, t1 = ts(2024, 6, 1), ts(2024, 6, 2)
    s.insert_series(ROWS, "INSERT INTO completions (user_id, course, course_title, competency,"
                    " competency_type, level, jp, started_at, completed_at, year)"
                    " SELECT %d, 'bulk-' || substr(CAST(10000000 + i AS TEXT), 2), 'Judul', 'K',"
                    " 'teknis', 1, 1, %d, %d, 2024 FROM series" % (uid, t0, t1))
    check(s.sql("SELECT count(*) FROM completions WHERE course = 'bulk-0000007'")[0][0] == 1,
          'the bulk rows are named as the filters expect')
    tok = s.cli('token', 'create', '--name', 'uji-batas', '--db', s.db)
    assert tok.returncode == 0, tok.stderr
    _state['token'] = tok.stdout.strip()
    return _state

def bearer(s):
    return {'Authorization': 'Bearer ' + setup(s)['token']}

@test
def xlsx_over_sheet_limit_is_422_json(s):
    r = s.client().get('/api/v1/completions?year=2024&format=xlsx', headers=bearer(s))
    check(r.status == 422, 'status %d %s' % (r.status, r.text[:200]))
    check(r.header('content-type').startswith('application/json'), r.header('content-type'))
    check(r.header('content-disposition') is None, 'no file started')
    body = json.loads(r.text)
    check(body['status'] == 422 and '%d rows' % ROWS in body['error'] and
          '1048575' in body['error'] and 'format=csv' in body['error'], body)
    hd = s.client().request('HEAD', '/api/v1/completions?year=2024&format=xlsx', headers=bearer(s))
    check(hd.status == 422, 'HEAD %d' % hd.status)

@test
def xlsx_over_sheet_limit_is_a_page_in_the_browser(s):
    setup(s)
    c = s.client()
    c.login(*DEMO['hr'])
    html = {'Accept': 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8'}
    r = c.get('/api/v1/completions?year=2024&format=xlsx', headers=html)
    check(r.status == 422 and r.header('content-type').startswith('text/html'),
          '%d %s' % (r.status, r.header('content-type')))
    check('<h1>' in r.text and 'Excel' in r.text and '%d rows' % ROWS in r.text, r.text[:500])
    check('href="/api/v1/completions?format=csv&amp;year=2024"' in r.text, 'links the same as CSV')
    check('href="/hr"' in r.text, 'a way back to the dashboard')
    # The same session without Accept text/html (a script) gets JSON.
    r = c.get('/api/v1/completions?year=2024&format=xlsx')
    check(r.status == 422 and r.header('content-type').startswith('application/json'), r.status)
    # Any failed browser download is a page: a bad parameter too, its
    # message in the page's language (JSON answers keep English).
    r = c.get('/api/v1/jp-summary?year=abcd&format=xlsx', headers=html)
    check(r.status == 400 and r.header('content-type').startswith('text/html') and
          'year harus bilangan bulat dari 2000 sampai 2100.' in r.text,
          '%d %s' % (r.status, r.header('content-type')))

@test
def filters_under_the_limit_and_csv_still_work(s):
    setup(s)
    r = s.client().get('/api/v1/completions?year=2024&course=bulk-0000007&format=xlsx',
                       headers=bearer(s))
    check(r.status == 200 and r.body[:2] == b'PK', 'filtered XLSX %d' % r.status)
    hd = s.client().request('HEAD', '/api/v1/completions?year=2024&format=csv', headers=bearer(s))
    check(hd.status == 200 and hd.header('content-disposition').endswith('2024.csv"'),
          'CSV of the big set %d' % hd.status)

run()
