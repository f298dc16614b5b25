"""xAPI 1.0.3 statements resource (docs/api.md, GET /api/v1/xapi/statements)
against the real server: every query parameter of the spec (part 3,
2.1.3) either behaves as the spec says or is refused with 400, never
ignored; the version header on every answer; --base-url keeps ids stable.
Rows are written as the server writes them (completions and attempts via
SQL, one pre-test taken through the real quiz pages)."""
import json, re, time, urllib.parse, uuid
from datetime import datetime, timezone, timedelta
from lib import *

WIB = timezone(timedelta(hours=7))
PATH = '/api/v1/xapi/statements'
ADL = 'http://adlnet.gov/expapi/verbs/'
COURSE = 'pelayanan-publik-prima'
T0 = int(datetime(2026, 3, 1, 12, 0, tzinfo=WIB).timestamp())   # 05:00:00Z
ISO_RE = re.compile(r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$')
_st = {}

def q(v):
    return urllib.parse.quote(v, safe='')

def add_user(s, nip, name):
    s.sql("INSERT INTO users (nip, name, role, unit, position, golongan, account_id,"
          " created_at, updated_at) VALUES (?,?,'learner','Unit Uji xAPI','Analis','III/a',"
          " lower(hex(randomblob(16))), unixepoch(), unixepoch())", (nip, name))
    return s.sql("SELECT id, account_id FROM users WHERE nip = ?", (nip,))[0]

def add_completion(s, uid, course, at, score=80.0):
    s.sql("INSERT INTO completions (user_id, course, course_title, competency,"
          " competency_type, level, jp, started_at, completed_at, year, score)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          (uid, course, 'Kursus ' + course, 'Kompetensi', 'teknis', 2, 4, at - 86400, at,
           datetime.fromtimestamp(at, WIB).year, score))

def add_attempt(s, uid, quiz, n, at, score, mx, passed):
    s.sql("INSERT INTO attempts (user_id, course, quiz, attempt_no, seed, ids, snapshot,"
          " started_at, submitted_at, score, max, percent, passed)"
          " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
          (uid, COURSE, quiz, n, 1, 'q', '{}', at - 60, at, score, mx, 100.0 * score / mx, passed))

def setup(s):
    if _st:
        return _st
    siti, siti_acct = add_user(s, '198901012014021101', 'Siti xAPI')
    dewi, dewi_acct = add_user(s, '198902022014022102', 'Dewi xAPI')
    add_completion(s, siti, 'k-a', T0)
    add_completion(s, dewi, 'k-b', T0 + 60)
    add_attempt(s, siti, 'quiz-final.lua', 1, T0 + 120, 9, 20, 0)
    add_attempt(s, siti, 'quiz-final.lua', 2, T0 + 180, 18, 20, 1)
    tok = s.cli('token', 'create', '--name', 'lrs', '--db', s.db)
    assert tok.returncode == 0, tok.stderr
    # A diagnostic pre-test (pass = 0) taken through the real quiz pages.
    nip = '199001012015011777'
    p = s.cli('user', 'add', '--nip', nip, '--name', 'Peserta Pre', '--role', 'learner',
              '--db', s.db, stdin=PW + '\n')
    assert p.returncode == 0, p.stderr
    c = s.client()
    c.login(nip, PW)
    pre = '/quiz/%s/quiz-pre.lua' % COURSE
    r = c.post(pre + '/start', {'csrf': c.csrf(pre)})
    assert r.status == 303, (r.status, r.text[:300])
    aid = int(r.header('location').rsplit('/', 1)[1])
    r = c.post('/attempt/%d/submit' % aid, {'csrf': c.csrf('/attempt/%d' % aid)})
    assert r.status == 303, (r.status, r.text[:300])
    pre_acct = s.sql("SELECT account_id FROM users WHERE nip = ?", (nip,))[0][0]
    _st.update(token=tok.stdout.strip(), siti=siti, siti_acct=siti_acct,
               dewi_acct=dewi_acct, pre_acct=pre_acct, pre_aid=aid)
    return _st

def get(s, path, status=200, headers=None, client=None):
    h = {'Authorization': 'Bearer ' + setup(s)['token']}
    h.update(headers or {})
    r = (client or s.client()).get(path, headers=h)
    check(r.status == status, '%s: %d (want %d) %s' % (path, r.status, status, r.text[:300]))
    if path.startswith('/api/v1/xapi/'):
        check(r.header('x-experience-api-version') == '1.0.3',
              '%s: X-Experience-API-Version %r' % (path, r.header('x-experience-api-version')))
    return r

def stmts(s, query='', **kw):
    d = json.loads(get(s, PATH + ('?' + query if query else ''), **kw).text)
    check(set(d) == {'statements', 'more'}, d.keys())
    return d['statements']

def bad(s, query, word):
    r = get(s, PATH + '?' + query, 400)
    body = json.loads(r.text)
    check(body['status'] == 400 and word in body['error'], '%s: %s' % (query, body))

def agent(acct, home=None):
    return json.dumps({'objectType': 'Agent', 'account': {'homePage': home, 'name': acct}})

def home(s):
    return 'http://127.0.0.1:%d' % s.port

@test
def version_header_on_every_answer(s):
    setup(s)
    get(s, PATH)
    get(s, PATH + '?limit=abc', 400)
    get(s, '/api/v1/xapi/nothing', 404)
    get(s, PATH + '?statementId=' + str(uuid.uuid4()), 404)
    c = s.client()
    for hdr, want in ((None, 401), ({'Authorization': 'Bearer nope'}, 401)):
        r = c.get(PATH, headers=hdr)
        check(r.status == want and r.header('x-experience-api-version') == '1.0.3',
              '%s -> %d %r' % (hdr, r.status, r.header('x-experience-api-version')))
        check(r.header('www-authenticate') == 'Bearer', 'WWW-Authenticate kept')
    c.login(*DEMO['learner'])
    r = c.get(PATH)
    check(r.status == 403 and r.header('x-experience-api-version') == '1.0.3', 'learner 403')
    r = s.client().request('POST', PATH, body='{}', headers={'Content-Type': 'application/json'})
    check(r.status >= 400 and r.header('x-experience-api-version') == '1.0.3',
          'POST %d %r' % (r.status, r.header('x-experience-api-version')))
    # The rest of the site does not claim to be an LRS.
    check(s.client().get('/login').header('x-experience-api-version') is None, '/login')
    check(get(s, PATH).header('x-experience-api-consistent-through'), 'Consistent-Through')
    check(ISO_RE.match(get(s, PATH).header('x-experience-api-consistent-through')), 'ISO 8601')

@test
def request_version_header_checked(s):
    setup(s)
    for v in ('1.0', '1.0.0', '1.0.3', '1.0.9'):
        get(s, PATH, headers={'X-Experience-API-Version': v})
    for v in ('0.95', '1.1.0', '2.0.0', 'abc'):
        r = get(s, PATH, 400, headers={'X-Experience-API-Version': v})
        check('X-Experience-API-Version' in json.loads(r.text)['error'], r.text)

@test
def since_is_exclusive_until_inclusive(s):
    setup(s)
    at = lambda t: datetime.fromtimestamp(t, timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')
    first = lambda qs: [x['timestamp'] for x in stmts(s, qs + '&limit=1')]
    check(first('since=' + at(T0 - 1)) == [at(T0)], 'since T0-1 includes T0')
    check(first('since=' + at(T0)) == [at(T0 + 60)], 'since T0 excludes T0 (exclusive)')
    until = stmts(s, 'until=' + at(T0 + 60))
    check([x['timestamp'] for x in until][-2:] == [at(T0), at(T0 + 60)], 'until inclusive')
    check(all(x['timestamp'] <= at(T0 + 60) for x in until), 'nothing after until')
    window = stmts(s, 'since=%s&until=%s' % (at(T0), at(T0 + 120)))
    check([x['timestamp'] for x in window] == [at(T0 + 60), at(T0 + 120)], window)

@test
def timestamps_with_fraction_and_offset(s):
    setup(s)
    # 2026-03-01T05:00:00Z == 12:00:00+07:00; fractions round down.
    for since in ('2026-03-01T05:00:00.000Z', '2026-03-01T05:00:00.999Z',
                  '2026-03-01T12:00:00+07:00', '2026-03-01T12:00:00.5+07:00',
                  '2026-03-01T12:00:00+0700', '2026-03-01T12:00:00+07',
                  '2026-03-01T00:00:00-05:00'):
        got = stmts(s, 'limit=1&since=' + q(since))
        check(got and got[0]['timestamp'] == '2026-03-01T05:01:00Z',
              '%s -> %s' % (since, got and got[0]['timestamp']))
    # An unencoded '+' arrives as a space: still the offset.
    got = stmts(s, 'limit=1&since=2026-03-01T12:00:00+07:00')
    check(got[0]['timestamp'] == '2026-03-01T05:01:00Z', 'raw + in the query')
    got = stmts(s, 'until=' + q('2026-03-01T12:00:59.999+07:00'))
    check(got[-1]['timestamp'] == '2026-03-01T05:00:00Z', 'until with fraction')
    for b in ('2026-03-01T05:00:00', '2026-03-01T05:00:00.Z', '2026-03-01T05:00:00+24:00',
              '2026-03-01T05:00:00.1234567890Z', '2026-02-30T00:00:00Z', 'kemarin'):
        bad(s, 'since=' + q(b), 'since')
    bad(s, 'until=nope', 'until')
    # The HR API's since takes the same forms.
    r = get(s, '/api/v1/completions?since=' + q('2026-03-01T12:00:30.250+07:00'))
    got = [x['course'] for x in json.loads(r.text)['data']]
    check('k-b' in got and 'k-a' not in got, 'completions since: %s' % got)

@test
def statement_id_returns_one_statement(s):
    setup(s)
    all_ = stmts(s, 'limit=0')
    one = all_[2]
    for sid in (one['id'], one['id'].upper()):
        r = get(s, PATH + '?statementId=' + sid)
        got = json.loads(r.text)
        check(got == one, 'statementId gives the statement itself: %s' % r.text[:200])
        check(r.header('last-modified'), 'Last-Modified')
    ids = json.loads(get(s, PATH + '?format=ids&statementId=' + one['id']).text)
    check(ids['id'] == one['id'] and 'definition' not in ids['object'], ids)
    get(s, PATH + '?attachments=false&statementId=' + one['id'])
    r = get(s, PATH + '?statementId=' + str(uuid.uuid4()), 404)
    check(json.loads(r.text)['status'] == 404, r.text)
    get(s, PATH + '?voidedStatementId=' + one['id'], 404)   # Lentera never voids
    bad(s, 'statementId=123', 'UUID')
    bad(s, 'statementId=%s&voidedStatementId=%s' % (one['id'], one['id']), 'statementId')
    for other in ('verb=' + q(ADL + 'passed'), 'limit=5', 'since=2026-01-01', 'ascending=true'):
        bad(s, 'statementId=%s&%s' % (one['id'], other), 'statementId')

@test
def verb_filter(s):
    st = setup(s)
    passed = stmts(s, 'verb=' + q(ADL + 'passed'))
    check(len(passed) == 1 and passed[0]['verb']['id'] == ADL + 'passed' and
          passed[0]['result']['score']['raw'] == 18, passed)
    failed = stmts(s, 'verb=' + q(ADL + 'failed'))
    check([x['verb']['id'] for x in failed] == [ADL + 'failed'], failed)
    done = stmts(s, 'verb=' + q(ADL + 'completed'))
    check(all(x['verb']['id'] == ADL + 'completed' for x in done) and len(done) >= 3, done)
    check(stmts(s, 'verb=' + q('http://adlnet.gov/expapi/verbs/experienced')) == [], 'unknown verb: none')
    bad(s, 'verb=passed', 'verb')
    bad(s, 'verb=' + q('http://x y'), 'verb')

@test
def agent_filter(s):
    st = setup(s)
    mine = stmts(s, 'agent=' + q(agent(st['siti_acct'], home(s))))
    check(len(mine) == 3 and all(x['actor']['account']['name'] == st['siti_acct'] for x in mine),
          [x['actor'] for x in mine])
    slash = stmts(s, 'agent=' + q(agent(st['siti_acct'], home(s) + '/')))
    check(slash == mine, 'homePage with a trailing slash is the same home')
    noobj = stmts(s, 'agent=' + q(json.dumps({'account': {'name': st['dewi_acct'], 'homePage': home(s)}})))
    check(len(noobj) == 1, 'objectType is optional')
    check(stmts(s, 'agent=' + q(agent(st['siti_acct'], 'https://lrs.example.org'))) == [],
          'another home page: nobody')
    check(stmts(s, 'agent=' + q(json.dumps({'mbox': 'mailto:siti@example.go.id'}))) == [],
          'mbox: Lentera never identifies by e-mail')
    for b in ('{', '"x"', '{"account":{"name":"a"}}', json.dumps({'mbox': 'mailto:a@b', 'account':
              {'homePage': home(s), 'name': 'x'}}), '{"objectType":"Activity","mbox":"mailto:a@b"}',
              '{"nip":"198901012014021101"}', '{"mbox":"mailto:a@b"} x', '{"objectType":"Agent"}'):
        bad(s, 'agent=' + q(b), 'agent')

@test
def activity_and_registration_filters(s):
    st = setup(s)
    course = stmts(s, 'activity=' + q(home(s) + '/courses/k-a'))
    check(len(course) == 1 and course[0]['object']['id'] == home(s) + '/courses/k-a', course)
    quiz = stmts(s, 'activity=' + q(home(s) + '/quiz/%s/quiz-final.lua' % COURSE))
    check(len(quiz) == 2 and {x['verb']['id'] for x in quiz} == {ADL + 'passed', ADL + 'failed'}, quiz)
    check(stmts(s, 'activity=' + q('https://elsewhere.example/courses/k-a')) == [], 'foreign activity')
    check(stmts(s, 'activity=' + q(home(s) + '/courses/tidak-ada')) == [], 'unknown course')
    bad(s, 'activity=k-a', 'activity')
    check(stmts(s, 'registration=' + str(uuid.uuid4())) == [],
          'registration: Lentera statements carry none, so none match')
    bad(s, 'registration=abc', 'registration')
    for p in ('related_activities', 'related_agents'):
        check(len(stmts(s, '%s=true&activity=%s' % (p, q(home(s) + '/courses/k-a')))) == 1, p)
        bad(s, p + '=ya', p)

@test
def format_ids_exact_canonical(s):
    setup(s)
    exact = stmts(s, 'format=exact')
    check(exact == stmts(s), 'exact is the default')
    check(stmts(s, 'format=json') == exact, 'format=json (earlier contract) is exact')
    for x in exact:
        check(set(x['verb']['display']) == {'en-US', 'id-ID'}, x['verb'])
        check(x['object']['definition']['name'], x['object'])
        check(x['version'] == '1.0.0' and x['stored'] == x['timestamp'], (x['version'], x.get('stored')))
    ids = stmts(s, 'format=ids')
    check(len(ids) == len(exact), 'same statements')
    for a, b in zip(ids, exact):
        check(a['id'] == b['id'] and a['verb'] == {'id': b['verb']['id']}, a['verb'])
        check(a['object'] == {'objectType': 'Activity', 'id': b['object']['id']}, a['object'])
        check(a['actor'] == b['actor'], 'actor is already minimal (account only)')
    for lang, want in (('en-US,en;q=0.9', 'en-US'), ('id-ID,id;q=0.9,en;q=0.5', 'id-ID'),
                       ('fr-FR, en;q=0.3', 'en-US'), ('en;q=0.2, id;q=0.8', 'id-ID')):
        can = stmts(s, 'format=canonical', headers={'Accept-Language': lang})
        for x in can:
            check(list(x['verb']['display']) == [want], '%s: %s' % (lang, x['verb']))
            check(len(x['object']['definition']['name']) == 1, x['object'])
    bad(s, 'format=csv', 'format')
    bad(s, 'format=xml', 'format')

@test
def unknown_or_repeated_parameter_400(s):
    setup(s)
    bad(s, 'verbs=' + q(ADL + 'passed'), 'verbs')
    bad(s, 'actor=' + q(agent('x', home(s))), 'actor')
    bad(s, 'verb=%s&verb=%s' % (q(ADL + 'passed'), q(ADL + 'failed')), 'twice')
    bad(s, 'limit=-1', 'limit')
    bad(s, 'limit=ten', 'limit')
    bad(s, 'ascending=yes', 'ascending')
    bad(s, 'attachments=1', 'attachments')

@test
def quiz_activity_name_stable_and_pretest_not_passed(s):
    st = setup(s)
    quiz = stmts(s, 'activity=' + q(home(s) + '/quiz/%s/quiz-final.lua' % COURSE))
    names = {json.dumps(x['object']['definition'], sort_keys=True) for x in quiz}
    check(len(names) == 1, 'one definition for every attempt: %s' % names)
    name = quiz[0]['object']['definition']['name']['id-ID']
    check('attempt' not in name and name.startswith('Tes Akhir'), name)
    # A course renamed between two completions: one name for the activity.
    for nip, title in (('198906062014021106', 'Judul Lama'), ('198907072014022107', 'Judul Baru')):
        uid, _ = add_user(s, nip, 'Nama ' + nip[-3:])
        s.sql("INSERT INTO completions (user_id, course, course_title, competency, competency_type,"
              " level, jp, started_at, completed_at, year) VALUES (?,?,?,'K','teknis',1,4,?,?,2026)",
              (uid, COURSE, title, T0 - 500, T0 - 400))
    course = stmts(s, 'activity=' + q(home(s) + '/courses/' + COURSE))
    names = {x['object']['definition']['name']['id-ID'] for x in course}
    check(len(course) == 2 and names == {'Pelayanan Publik Prima'}, names)
    pre = stmts(s, 'activity=' + q(home(s) + '/quiz/%s/quiz-pre.lua' % COURSE))
    check(len(pre) == 1, pre)
    x = pre[0]
    check(x['actor']['account']['name'] == st['pre_acct'], 'the real attempt')
    check(x['verb']['id'] == ADL + 'completed', 'a diagnostic pre-test is completed, not %s' % x['verb']['id'])
    check('success' not in x['result'] and x['result']['completion'] is True, x['result'])
    check(set(x['result']['score']) == {'scaled', 'raw', 'min', 'max'}, x['result'])
    check(x['object']['definition']['type'] == 'http://adlnet.gov/expapi/activities/assessment' and
          x['object']['definition']['name']['id-ID'].startswith('Tes Awal'), x['object'])
    check(stmts(s, 'verb=%s&activity=%s' % (q(ADL + 'passed'),
          q(home(s) + '/quiz/%s/quiz-pre.lua' % COURSE))) == [], 'not passed either')

@test
def attachments_true_is_multipart(s):
    setup(s)
    r = get(s, PATH + '?attachments=true&limit=2')
    ct = r.header('content-type')
    m = re.fullmatch(r'multipart/mixed; boundary=(\S+)', ct or '')
    check(m, ct)
    parts = r.body.split(b'--' + m.group(1).encode())
    check(len(parts) == 3 and parts[2].startswith(b'--'), 'one part, closed')
    head, _, body = parts[1].partition(b'\r\n\r\n')
    check(b'Content-Type: application/json' in head, head)
    check(len(json.loads(body)['statements']) == 2, 'statements in the part')
    check(get(s, PATH + '?attachments=false').header('content-type') == 'application/json', 'false')

@test
def ascending_false_and_more_links(s):
    st = setup(s)
    asc = [x['id'] for x in stmts(s, 'limit=0')]
    desc = [x['id'] for x in stmts(s, 'limit=0&ascending=false')]
    check(desc == asc[::-1], 'ascending=false is newest first')
    # Paging with filters: more keeps every filter, is relative, visits all.
    for extra in ('', '&ascending=false', '&verb=' + q(ADL + 'completed'),
                  '&agent=' + q(agent(st['siti_acct'], home(s)))):
        want = [x['id'] for x in stmts(s, 'limit=0' + extra)]
        got, path, n = [], PATH + '?limit=1' + extra, 0
        while path:
            check(path.startswith('/api/v1/xapi/statements?'), 'more is relative: %s' % path)
            d = json.loads(get(s, path).text)
            got += [x['id'] for x in d['statements']]
            path, n = d['more'], n + 1
            check(n <= len(want) + 1, 'more loops')
        check(got == want, '%s: paged %d vs %d' % (extra, len(got), len(want)))
        check(n == len(want), 'no empty last page (%d pages for %d)' % (n, len(want)))
    more = json.loads(get(s, PATH + '?limit=1', headers={'Host': 'another.example'}).text)['more']
    check(more == json.loads(get(s, PATH + '?limit=1').text)['more'], 'more independent of Host')

@test
def ties_in_time_page_exactly(s):
    """Rows sharing one second, across both tables: each page continues
    exactly after the cursor, in both orders."""
    st = setup(s)
    tie = T0 + 300
    add_completion(s, st['siti'], 'k-tie1', tie)
    add_completion(s, st['siti'], 'k-tie2', tie)
    add_attempt(s, st['siti'], 'quiz-final.lua', 7, tie, 20, 20, 1)
    add_attempt(s, st['siti'], 'quiz-final.lua', 8, tie, 1, 20, 0)
    win = 'since=%s&until=%s' % (q('2026-03-01T05:04:59Z'), q('2026-03-01T05:05:00Z'))
    for order in ('true', 'false'):
        full = stmts(s, '%s&ascending=%s&limit=0' % (win, order))
        check(len(full) == 4, 'four rows at one second: %d' % len(full))
        kinds = ['/quiz/' in x['object']['id'] for x in full]
        check(kinds == ([False, False, True, True] if order == 'true' else [True, True, False, False]),
              'completions before attempts within a second (%s): %s' % (order, kinds))
        got, path = [], PATH + '?%s&ascending=%s&limit=1' % (win, order)
        while path:
            d = json.loads(get(s, path).text)
            got += d['statements']
            path = d['more']
            check(len(got) <= 4, 'more loops')
        check([x['id'] for x in got] == [x['id'] for x in full], 'paged == full (%s)' % order)

@test
def ids_stable_without_base_url(s):
    setup(s)
    a = stmts(s, headers={'Host': 'Lentera.Example.go.id:80'})
    b = stmts(s, headers={'Host': 'lentera.example.go.id'})
    check(a == b, 'same host, other spelling: same statements')
    check(a[0]['actor']['account']['homePage'] == 'http://lentera.example.go.id', a[0]['actor'])
    check([x['id'] for x in stmts(s, headers={'Host': 'other.example'})] == [x['id'] for x in a],
          'statement ids never depend on the host')

@test
def base_url_flag(s):
    setup(s)
    for badurl in ('ftp://lentera.example', 'lentera.example', 'https://', 'https://h/x?y=1',
                   'https://h/#f', 'https://user@h', 'https://h:99999', 'https://h x'):
        p = s.cli('serve', '--base-url', badurl, '--db', s.db, '--port', '1')
        check(p.returncode == 2 and '--base-url' in p.stderr, '%s: %d %s' % (badurl, p.returncode, p.stderr))
    other = Server(args=['--base-url', 'HTTPS://Lentera.Example.go.id/lms//'], tmp=s.tmp)
    other.start()
    try:
        c = Client(other.port)
        h = {'Authorization': 'Bearer ' + setup(s)['token']}
        seen = []
        for host in ('127.0.0.1:%d' % other.port, 'evil.example', 'localhost'):
            r = c.get(PATH + '?limit=0', headers=dict(h, Host=host))
            check(r.status == 200, r.text[:200])
            seen.append(json.loads(r.text)['statements'])
        check(seen[0] == seen[1] == seen[2], 'the same statements behind any host name')
        base = 'https://lentera.example.go.id/lms'
        for x in seen[0]:
            check(x['actor']['account']['homePage'] == base, x['actor'])
            check(x['object']['id'].startswith(base + '/courses/') or
                  x['object']['id'].startswith(base + '/quiz/'), x['object']['id'])
            for k in x.get('context', {}).get('extensions', {}):
                check(k == base + '/xapi/extensions/jp', k)
        st = setup(s)
        mine = len(stmts(s, 'limit=0&agent=' + q(agent(st['siti_acct'], home(s)))))
        r = c.get(PATH + '?limit=0&agent=' + q(agent(st['siti_acct'], base)), headers=h)
        check(len(json.loads(r.text)['statements']) == mine >= 3, 'agent filter uses the base URL')
        r = c.get(PATH + '?agent=' + q(agent(st['siti_acct'], home(s))), headers=h)
        check(json.loads(r.text)['statements'] == [], 'the Host-derived home is not this server')
        r = c.get(PATH + '?activity=' + q(base + '/courses/k-a'), headers=h)
        check(len(json.loads(r.text)['statements']) == 1, 'activity filter uses the base URL')
    finally:
        other.stop()

@test
def limit_zero_is_server_maximum(s):
    """Last: adds 700 rows. Default page 500; limit=0 and limit>1000 give 1000."""
    setup(s)
    uid, _ = add_user(s, '198905052014021105', 'Banyak xAPI')
    s.sql_many("INSERT INTO completions (user_id, course, course_title, competency,"
               " competency_type, level, jp, started_at, completed_at, year)"
               " VALUES (?,?,?,?,?,?,?,?,?,?)",
               [(uid, 'bulk-%04d' % i, 'Massal', 'K', 'teknis', 1, 1, T0 - 9000,
                 T0 - 8000 + i, 2026) for i in range(1200)])
    total = s.sql("SELECT (SELECT count(*) FROM completions) +"
                  " (SELECT count(*) FROM attempts WHERE submitted_at IS NOT NULL)")[0][0]
    d = json.loads(get(s, PATH).text)
    check(len(d['statements']) == 500 and d['more'], 'default page 500')
    for lim in ('0', '1000', '5000'):
        d = json.loads(get(s, PATH + '?limit=' + lim).text)
        check(len(d['statements']) == 1000 and d['more'], 'limit=%s: %d' % (lim, len(d['statements'])))
        rest = json.loads(get(s, d['more']).text)
        check(len(rest['statements']) == total - 1000 and rest['more'] == '', 'rest %d' % len(rest['statements']))

@test
def about_resource(s):
    """xAPI 1.0.3 part 3 §2.7.1: GET about lists the versions, with the
    version header, no login needed."""
    c = http.client.HTTPConnection('127.0.0.1', s.port, timeout=10)
    c.request('GET', '/api/v1/xapi/about')
    r = c.getresponse()
    body = r.read()
    check(r.status == 200, 'about: %d %s' % (r.status, body[:200]))
    check(json.loads(body) == {'version': ['1.0.3']}, body)
    check(r.getheader('X-Experience-API-Version') == '1.0.3', 'version header on about')
    c.close()

run()
