"""Issue 10 item 5: one path at the request edge. Every handler that takes a
parameter answers a bad integer, date, enum, NIP or text with 400 and a
message naming the parameter (web/param), built by the one error builder
(web/error): JSON {"error", "status"} in English on API routes, the HTML
error page in the user's language elsewhere, the download-failed page for
a browser download. Out of memory is 503 with Retry-After wherever it
can be provoked (HTTP_OOM, http.h)."""
import json, resource
from lib import *

_state = {}

def state(s):
    if _state:
        return _state
    tok = s.cli('token', 'create', '--name', 'edge-params', '--db', s.db)
    check(tok.returncode == 0, 'token create: %s' % tok.stderr)
    _state['token'] = tok.stdout.strip().split()[-1]
    for role in ('hr', 'admin', 'learner'):
        c = s.client()
        c.login(*DEMO[role])
        _state[role] = c
    _state['uid'] = s.sql("SELECT id FROM users WHERE nip = ?", (DEMO['learner'][0],))[0][0]
    return _state

# (path, message the JSON error must contain); token requests, English.
API_CASES = [
    ('/api/v1/completions?year=20x6', 'year must be a whole number from 2000 to 2100.'),
    ('/api/v1/completions?year=1999', 'year must be a whole number from 2000 to 2100.'),
    ('/api/v1/completions?year=%2B2026', 'year must be a whole number'),
    ('/api/v1/completions?page=0', 'page must be a whole number from 1 to 1000000.'),
    ('/api/v1/completions?per_page=1e3', 'per_page must be a whole number from 1 to 1000.'),
    ('/api/v1/completions?per_page=99999999999999999999', 'per_page must be a whole number'),
    ('/api/v1/completions?format=pdf', 'format must be one of: json, csv, xlsx.'),
    ('/api/v1/completions?type=teknik', 'type must be one of: teknis, manajerial, sosial-kultural.'),
    ('/api/v1/completions?since=2026-02-30', 'since must be yyyy-mm-dd'),
    ('/api/v1/completions?unit=a%0Ab', 'unit must be UTF-8 text without control characters, at most 255 bytes.'),
    ('/api/v1/completions?unit=' + 'a' * 256, 'at most 255 bytes.'),
    ('/api/v1/jp-summary?year=abc', 'year must be a whole number from 2000 to 2100.'),
    ('/api/v1/jp-summary?per_page=-5', 'per_page must be a whole number from 1 to 1000.'),
    ('/api/v1/learners/12345/record', 'nip must be an 18-digit NIP.'),
    ('/api/v1/learners/19900101201501100x/record', 'nip must be an 18-digit NIP.'),
    ('/api/v1/learners/%s/record?year=2x' % DEMO['learner'][0], 'year must be a whole number'),
    ('/api/v1/xapi/statements?limit=-1', 'limit must be a non-negative integer'),
    ('/api/v1/xapi/statements?limit=1.5', 'limit must be a non-negative integer'),
    ('/api/v1/xapi/statements?cursor=1-3-3', 'cursor is malformed'),
    ('/api/v1/xapi/statements?cursor=1-0-x', 'cursor is malformed'),
]

def json_error(r, status, what):
    check(r.status == status, '%s: status %d, want %d: %s' % (what, r.status, status, r.text[:200]))
    check((r.header('content-type') or '').startswith('application/json'),
          '%s: content-type %r' % (what, r.header('content-type')))
    body = json.loads(r.text)
    check(body.get('status') == status and isinstance(body.get('error'), str) and body['error'],
          '%s: body %r' % (what, body))
    return body['error']

def html_error(r, status, what):
    check(r.status == status, '%s: status %d, want %d: %s' % (what, r.status, status, r.text[:300]))
    check((r.header('content-type') or '').startswith('text/html'),
          '%s: content-type %r' % (what, r.header('content-type')))
    check(r.text.startswith('<!doctype html>'), '%s: not a page' % what)
    return r.text

@test
def api_bad_parameters_answer_400_json_naming_them(s):
    st = state(s)
    c = s.client()
    for path, msg in API_CASES:
        r = c.get(path, headers={'Authorization': 'Bearer ' + st['token']})
        err = json_error(r, 400, path)
        check(msg in err, '%s: %r lacks %r' % (path, err, msg))
    # The same over an hr session (no Authorization): still JSON.
    r = st['hr'].get('/api/v1/completions?year=20x6')
    check('year must be a whole number' in json_error(r, 400, 'hr session'), r.text)

@test
def api_good_parameters_still_work(s):
    st = state(s)
    h = {'Authorization': 'Bearer ' + st['token']}
    c = s.client()
    for path in ('/api/v1/completions?year=2026&page=1&per_page=5&format=json&type=teknis',
                 '/api/v1/completions?year=02026', '/api/v1/completions?year=&page=',
                 '/api/v1/jp-summary?year=2026&format=csv',
                 '/api/v1/learners/%s/record' % DEMO['learner'][0],
                 '/api/v1/xapi/statements?limit=0', '/api/v1/completions?since=2024-02-29'):
        r = c.get(path, headers=h)
        check(r.status == 200, '%s: %d %s' % (path, r.status, r.text[:200]))

@test
def api_statuses_share_the_json_shape(s):
    st = state(s)
    c = s.client()
    check(json_error(c.get('/api/v1/completions'), 401, 'no token'), 'message')
    check(c.get('/api/v1/completions').header('www-authenticate') == 'Bearer', 'Bearer challenge')
    json_error(c.get('/api/v1/completions', headers={'Authorization': 'Bearer nope'}), 401, 'bad token')
    json_error(c.get('/api/v1/tidak-ada', headers={'Authorization': 'Bearer ' + st['token']}), 404, 'unknown')
    json_error(c.request('POST', '/api/v1/completions', body=''), 405, 'method')
    json_error(st['learner'].get('/api/v1/completions'), 403, 'learner session')
    r = c.get('/api/' + 'x/' * 10)    # too many segments: before any route
    check(r.status == 414 and json.loads(r.text)['status'] == 414, 'api 414: %d %s' % (r.status, r.text[:100]))

@test
def browser_download_gets_the_page_in_its_language(s):
    st = state(s)
    r = st['hr'].get('/api/v1/completions?format=csv&year=abc', headers={'Accept': 'text/html'})
    page = html_error(r, 400, 'browser download')
    check('year harus bilangan bulat dari 2000 sampai 2100.' in page, page[-1500:])
    check('href="/hr"' in page, 'the way back to /hr')

def page_cases(s, st):
    learner = DEMO['learner'][0]
    return [
        # (client, method, path, form, status, Indonesian message)
        ('hr', 'GET', '/hr/people/%s?year=abc' % learner, None, 400,
         'year harus bilangan bulat dari 2000 sampai 2100.'),
        ('hr', 'GET', '/hr/people/%s?year=2101' % learner, None, 400,
         'year harus bilangan bulat dari 2000 sampai 2100.'),
        ('hr', 'GET', '/hr?year=20%2026', None, 400, 'Filter tidak valid'),
        ('hr', 'GET', '/hr?type=teknik', None, 400, 'Filter tidak valid'),
        ('hr', 'GET', '/hr?unit=a%0Db', None, 400, 'Filter tidak valid'),
        ('admin', 'GET', '/admin/audit?before=x1', None, 400,
         'before harus bilangan bulat dari 1 sampai 999999999999999999.'),
        ('admin', 'GET', '/admin/audit?after=-3', None, 400, 'after harus bilangan bulat'),
        ('admin', 'GET', '/admin/audit?from=2026-02-30', None, 400, 'Tanggal tidak valid'),
        ('admin', 'GET', '/admin/audit?to=2026-13-01', None, 400, 'Tanggal tidak valid'),
        ('admin', 'POST', '/admin/users/abc', {'action': 'role', 'role': 'hr'}, 400,
         'id harus bilangan bulat dari 1 sampai 999999999999999999.'),
        ('admin', 'POST', '/admin/users/%d' % st['uid'], {'action': 'role', 'role': 'boss'}, 400,
         'role harus salah satu dari: learner, trainer, hr, admin.'),
        ('admin', 'POST', '/admin/users/%d' % st['uid'], {'role': 'hr'}, 400,
         'action wajib diisi.'),
        ('admin', 'POST', '/admin/users', {'nip': '199001012015011099', 'name': 'Uji Peran',
                                           'password': 'kata-sandi-panjang-2026', 'role': 'raja'},
         400, 'role harus salah satu dari: learner, trainer, hr, admin.'),
        ('hr', 'POST', '/hr/siasn/batch', {'batch': '12abc'}, 400,
         'batch harus bilangan bulat dari 1 sampai 999999999999999999.'),
    ]

@test
def pages_answer_400_with_the_message(s):
    st = state(s)
    for who, method, path, form, status, msg in page_cases(s, st):
        c = st[who]
        if method == 'POST':
            form = dict(form, csrf=c.csrf('/courses'))
            r = c.post(path, form)
        else:
            r = c.get(path)
        page = html_error(r, status, '%s %s' % (method, path))
        check(msg in page, '%s %s: no %r in %s' % (method, path, msg, page[-1200:]))
    # Nothing was changed by the refused edits.
    check(s.sql("SELECT role FROM users WHERE id = ?", (st['uid'],))[0][0] == 'learner', 'role kept')

@test
def pages_speak_english_when_chosen(s):
    c = s.client()
    c.login(*DEMO['hr'])
    c.cookies['lentera_lang'] = 'en'
    page = html_error(c.get('/hr/people/%s?year=abc' % DEMO['learner'][0]), 400, 'english')
    check('year must be a whole number from 2000 to 2100.' in page, page[-800:])
    check('<html lang="en"' in page, 'page language')

@test
def path_ids_that_are_no_number_are_404(s):
    st = state(s)
    for path in ('/attempt/abc', '/attempt/0', '/attempt/-1', '/attempt/1x',
                 '/attempt/99999999999999999999'):
        html_error(st['learner'].get(path), 404, path)
    html_error(st['hr'].get('/hr/people/12345'), 404, 'hr person short NIP')

def sanitized():
    return 'asan' in os.environ.get('BUILD', '') or bool(os.environ.get('LENTERA_WRAP'))

@test
def out_of_memory_is_503_with_retry_after(s):
    """The server's address space capped at what it has mapped: a request
    body it cannot hold is refused with 503 + Retry-After (never 500, a
    crash or a dropped connection); with the cap lifted it serves again."""
    if sanitized():
        print('note: out-of-memory provocation needs the plain allocator; '
              'ASan/valgrind own the address space here')
        return
    t = Server(args=[])
    os.environ['GLIBC_TUNABLES'] = ('glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=131072:'
                                    'glibc.malloc.trim_threshold=131072')
    try:
        t.start()
    finally:
        del os.environ['GLIBC_TUNABLES']
    try:
        pid = t.proc.pid
        def vmsize():
            for line in open('/proc/%d/status' % pid):
                if line.startswith('VmSize:'):
                    return int(line.split()[1]) * 1024
        seen = []
        resource.prlimit(pid, resource.RLIMIT_AS, (vmsize(), resource.RLIM_INFINITY))
        try:
            for i in range(16):
                r = t.client().request('POST', '/login', body=b'x' * (1 << 20),
                                       headers={'Content-Type': 'application/octet-stream'})
                seen.append(r.status)
                check(r.status in (400, 503), 'answer %d under memory pressure' % r.status)
                if r.status == 503:
                    check(r.header('retry-after') == '2', 'Retry-After: %r' % r.header('retry-after'))
                    html_error(r, 503, 'oom page')
                    check('Layanan sedang sibuk' in r.text or 'sibuk' in r.text, r.text[-600:])
        finally:
            resource.prlimit(pid, resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        check(503 in seen, 'memory pressure never reached the body allocation: %r' % seen)
        c = t.client()
        check(c.get('/healthz').status == 200, 'healthy after')
        c.login(*DEMO['learner'])
        check(c.get('/courses').status == 200, 'serves pages after')
    finally:
        t.stop()
        t.cleanup()

run()
