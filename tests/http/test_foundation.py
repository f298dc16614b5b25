"""Foundation (issue 2 "Done when"): accounts, sessions, roles, CSRF, safe
Markdown, path traversal, course loading and reload, progress, language,
headers, cookies, the admin users page and the CLI. One server for the
file, on a temp course tree holding the samples, the hostile fixture and
the broken fixtures, so the loader, renderer and hot reload are tested on
what a trainer can really put there."""
import glob
from lib import *

TREE = copy_tree(*sorted(glob.glob(os.path.join(COURSES, '*'))),
                 os.path.join(FIXTURES, 'courses-hostile', 'kursus-jahat'),
                 *sorted(glob.glob(os.path.join(FIXTURES, 'courses-broken', '*/'))))
COURSE = 'pelayanan-publik-prima'
MOD1 = '01-dasar-hukum-dan-standar'
SID = 'lentera_sid'
_clients = {}

def logged_in(s, role):
    """One logged-in client per role for the whole file (Argon2 is slow)."""
    if role not in _clients:
        c = s.client()
        c.login(*DEMO[role])
        _clients[role] = c
    return _clients[role]

def user_id(s, nip):
    return s.sql('SELECT id FROM users WHERE nip=?', (nip,))[0][0]

def sessions_of(s, nip):
    return s.sql('SELECT count(*) FROM sessions WHERE user_id=?', (user_id(s, nip),))[0][0]

def to_login(r):
    loc = r.header('location') or ''
    return r.status == 303 and loc.startswith('/login')

# ---- login, sessions ------------------------------------------------------

@test
def login_success_sets_session(s):
    c = s.client()
    r = c.post('/login', {'nip': DEMO['learner'][0], 'password': PW})
    # Issue 9: login lands on the learner home (Beranda), not the catalogue.
    check(r.status == 303 and r.header('location') == '/', 'login %d %s' % (r.status, r.header('location')))
    check(re.fullmatch('[0-9a-f]{64}', c.cookies.get(SID, '')), 'session cookie is 64 hex: %r' % c.cookies)
    check(c.get('/courses').status == 200, 'catalogue after login')
    check(s.sql("SELECT count(*) FROM audit WHERE event='login.ok'")[0][0] >= 1, 'login.ok audited')

@test
def login_failure_same_answer_for_wrong_password_and_unknown_nip(s):
    c = s.client()
    a = c.post('/login', {'nip': DEMO['learner'][0], 'password': 'salah-sekali-123'})
    b = c.post('/login', {'nip': '199912312020121999', 'password': 'salah-sekali-123'})
    check(a.status == b.status == 401, 'status %d / %d' % (a.status, b.status))
    check(SID not in c.cookies, 'no session cookie after failure')
    strip = lambda t: re.sub(r'value="[0-9]{18}"', '', t)
    check(strip(a.text) == strip(b.text), 'bodies differ besides the echoed NIP')
    check('NIP atau kata sandi salah' in a.text, 'message shown')
    check(s.sql("SELECT count(*) FROM audit WHERE event='login.fail'")[0][0] >= 2, 'failures audited')

@test
def login_bad_nip_format_is_400(s):
    r = s.client().post('/login', {'nip': '12345', 'password': 'x' * 10})
    check(r.status == 400, 'status %d' % r.status)

# Session idle and absolute expiry: tests/http/test_clock.py (the test
# clock moves time; no row is edited).

@test
def logout_deletes_session_and_cookie(s):
    c = s.client()
    c.login(*DEMO['hr'])
    before = sessions_of(s, DEMO['hr'][0])
    old = c.cookies[SID]
    r = c.post('/logout', {'csrf': c.csrf()})
    check(r.status == 303, 'logout %d' % r.status)
    sc = set_cookie(r, SID) or ''
    check('Max-Age=0' in sc, 'cookie cleared: %r' % sc)
    check(sessions_of(s, DEMO['hr'][0]) == before - 1, 'session row deleted')
    replay = s.client()
    replay.cookies[SID] = old
    check(to_login(replay.get('/courses')), 'old cookie still works after logout')

@test
def new_session_id_on_login(s):
    c = s.client()
    planted = 'ab' * 32
    c.cookies[SID] = planted
    c.login(*DEMO['trainer'])
    check(c.cookies.get(SID) not in (None, planted), 'planted session id kept')
    first = c.cookies[SID]
    c.login(*DEMO['trainer'])   # logging in again replaces the old id
    check(c.cookies[SID] != first, 'same id on second login')
    old = s.client()
    old.cookies[SID] = first
    check(to_login(old.get('/courses')), 'the replaced session still works')

# ---- roles, anonymous, CSRF -----------------------------------------------

@test
def wrong_role_gets_403(s):
    c = logged_in(s, 'learner')
    for path in ('/admin/users', '/admin/audit', '/admin/users?q=1'):
        r = c.get(path)
        check(r.status == 403, '%s: %d' % (path, r.status))
    tok = c.csrf()
    n = s.sql('SELECT count(*) FROM users')[0][0]
    r = c.post('/admin/users', {'csrf': tok, 'nip': test_nip(900), 'name': 'X', 'role': 'admin',
                                 'password': 'kata-sandi-baru'})
    check(r.status == 403, 'POST /admin/users %d' % r.status)
    me = user_id(s, DEMO['learner'][0])
    r = c.post('/admin/users/%d' % me, {'csrf': tok, 'action': 'role', 'role': 'admin'})
    check(r.status == 403, 'POST role change %d' % r.status)
    check(s.sql('SELECT count(*) FROM users')[0][0] == n, 'user written')
    check(s.sql('SELECT role FROM users WHERE id=?', (me,))[0][0] == 'learner', 'role changed')
    t = logged_in(s, 'hr')
    check(t.get('/admin/users').status == 403, 'hr on admin page')

@test
def anonymous_redirects_to_login_with_next(s):
    c = s.client()
    for path in ('/courses', '/courses/%s/%s' % (COURSE, MOD1), '/record', '/admin/users'):
        r = c.get(path)
        loc = r.header('location') or ''
        check(r.status == 303 and loc.startswith('/login?next='), '%s: %d %s' % (path, r.status, loc))
        nxt = urllib.parse.unquote(loc.split('next=', 1)[1])
        check(nxt == path, 'next=%r for %s' % (nxt, path))
    r = c.post('/courses/%s/%s/done' % (COURSE, MOD1), {})
    check(to_login(r), 'anonymous POST %d' % r.status)
    # After login the user lands where they wanted to go.
    r = c.post('/login', {'nip': DEMO['learner'][0], 'password': PW, 'next': '/record'})
    check(r.status == 303 and r.header('location') == '/record', 'next honoured: %s' % r.header('location'))

@test
def csrf_rejected_and_nothing_written(s):
    c = logged_in(s, 'learner')
    uid = user_id(s, DEMO['learner'][0])
    path = '/courses/%s/02-pengaduan-sp4n-lapor/done' % COURSE
    count = lambda: s.sql('SELECT count(*) FROM progress WHERE user_id=?', (uid,))[0][0]
    n = count()
    for form in ({}, {'csrf': ''}, {'csrf': '0' * 64}, {'csrf': c.csrf()[:-1]}):
        r = c.post(path, form)
        check(r.status == 403, 'csrf %r: %d' % (form, r.status))
    other = logged_in(s, 'admin').csrf()      # a token from another session
    check(c.post(path, {'csrf': other}).status == 403, "another session's token accepted")
    check(count() == n, 'progress written without a valid token')
    a = logged_in(s, 'admin')
    users = s.sql('SELECT count(*) FROM users')[0][0]
    r = a.post('/admin/users', {'nip': test_nip(901), 'name': 'Tanpa Token', 'role': 'learner',
                                 'password': 'kata-sandi-baru'})
    check(r.status == 403, 'admin add without csrf %d' % r.status)
    check(s.sql('SELECT count(*) FROM users')[0][0] == users, 'user added without csrf')
    check('csrf: rejected' in s.logtext(), 'rejection logged')

# ---- Markdown, traversal, loader -----------------------------------------

BAD_URL = re.compile(r'''(?:href|src|action)\s*=\s*["']?\s*(?!https?:|mailto:|/|#|[a-z0-9._-]+(?:/|["'>\s]))''', re.I)

@test
def hostile_markdown_is_inert(s):
    c = logged_in(s, 'learner')
    r = c.get('/courses/kursus-jahat/01-serangan')
    check(r.status == 200, 'status %d' % r.status)
    t = r.text
    low = t.lower()
    for bad in ('<script', '<img src=x', '<a href="javascript', '<div onclick', 'onerror=', 'onclick='):
        if bad.startswith('on'):
            # Only as escaped text, never inside a tag.
            check(not re.search(r'<[^>]*\s' + bad, low), 'active %s' % bad)
        else:
            check(bad not in low, 'active %s' % bad)
    for url in re.findall(r'''(?:href|src)\s*=\s*"([^"]*)"''', t):
        u = urllib.parse.unquote(url.replace('&amp;', '&')).strip().lower()
        check(not re.match(r'\s*(javascript|data|vbscript|&#)', u), 'unsafe url %r' % url)
        check(re.match(r'(https?:|mailto:|/|#|[a-z0-9._-])', u), 'odd url %r' % url)
    check('&lt;script&gt;alert(1)&lt;/script&gt;' in t, 'raw HTML shown as text')
    check('href="https://www.menpan.go.id/"' in t, 'safe https link kept')
    check('href="mailto:bantuan@example.go.id"' in t, 'mailto link kept')
    check(re.search(r'<img[^>]+src="/courses/kursus-jahat/assets/aman\.svg"', t), 'safe image kept')
    check('<title>Modul berisi serangan &lt;script&gt;' in t, 'module title escaped in <title>')

@test
def hostile_front_matter_escaped(s):
    c = logged_in(s, 'learner')
    for path in ('/courses', '/courses/kursus-jahat'):
        t = c.get(path).text
        check('<script>alert("judul")' not in t, '%s: title not escaped' % path)
        check('<img src=x' not in t and '<b>tebal</b>' not in t, '%s: summary/competency raw' % path)
        check('&lt;script&gt;' in t, '%s: escaped title missing' % path)
    t = c.get('/courses/kursus-jahat').text
    check('&quot;kutip&quot;' in t or '&#34;kutip&#34;' in t, 'quotes escaped')

TRAVERSALS = [
    '/courses/../../etc/passwd',
    '/courses/%2e%2e/%2e%2e/etc/passwd',
    '/courses/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/courses/..%2f..%2f..%2fetc%2fpasswd',
    '/courses/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
    '/courses/%s/assets/..%%2fcourse.md' % COURSE,
    '/courses/%s/assets/../course.md' % COURSE,
    '/courses/%s/assets/%%2e%%2e%%2f%%2e%%2e%%2f%%2e%%2e%%2fetc%%2fpasswd' % COURSE,
    '/courses/%s/assets/..%%5c..%%5c..%%5cetc%%5cpasswd' % COURSE,
    '/courses/%s/assets/..\\..\\course.md' % COURSE,
    '/courses/%s/assets/.hidden.svg' % COURSE,
    '/courses/%s/assets/x.svg%%00.md' % COURSE,
    '/courses/%s/assets/%%00' % COURSE,
    '/courses/%s/%%2e%%2e%%2f%%2e%%2e%%2f%%2e%%2e%%2fetc%%2fpasswd' % COURSE,
    '/static/..%2f..%2fserver%2fmain.c',
    '/static/%2e%2e/Makefile',
    '/courses/kursus-jahat/assets/..%2f01-serangan.md',
]

@test
def path_traversal_is_404(s):
    c = logged_in(s, 'learner')
    for p in TRAVERSALS:
        r = c.get(p)
        check(r.status in (400, 404), '%s: %d' % (p, r.status))
        for leak in ('root:x:0', 'competency_type:', '#include', 'CFLAGS', 'title: Modul'):
            check(leak not in r.text, '%s leaked %r' % (p, leak))
    check(c.get('/courses/%s' % COURSE).status == 200, 'server still serving')

@test
def malformed_courses_skipped_others_serve(s):
    c = logged_in(s, 'learner')
    for bad in ('tanpa-penutup', 'level-tujuh', 'jenis-kompetensi-salah', 'id-beda', 'modul-tanpa-judul'):
        check(c.get('/courses/' + bad).status == 404, '%s served' % bad)
        check(re.search('skipped.*' + bad, s.logtext()), '%s skip not logged' % bad)
    for good in ('kursus-baik', COURSE, 'literasi-digital-egov', 'etika-integritas-asn'):
        check(c.get('/courses/' + good).status == 200, '%s not served' % good)

@test
def edited_module_rerendered(s):
    c = logged_in(s, 'learner')
    f = os.path.join(TREE, COURSE, MOD1 + '.md')
    path = '/courses/%s/%s' % (COURSE, MOD1)
    check('Kalimat-uji-suntingan' not in c.get(path).text, 'marker already there')
    with open(f, 'a') as fh:
        fh.write('\n\nKalimat-uji-suntingan **tebal baru**.\n')
    r = c.get(path)
    check('Kalimat-uji-suntingan <strong>tebal baru</strong>' in r.text, 'edit not shown on next request')

@test
def new_course_folder_appears(s):
    c = logged_in(s, 'learner')
    dst = os.path.join(TREE, 'kursus-baru')
    check(c.get('/courses/kursus-baru').status == 404, 'exists before copy')
    tmp = os.path.join(TREE, '.tmp-kursus-baru')
    shutil.copytree(os.path.join(FIXTURES, 'courses-broken', 'kursus-baik'), tmp)
    cm = os.path.join(tmp, 'course.md')
    with open(cm) as fh:
        text = fh.read().replace('id: kursus-baik', 'id: kursus-baru').replace('title: ', 'title: Baru ', 1)
    with open(cm, 'w') as fh:
        fh.write(text)
    os.rename(tmp, dst)
    t0 = time.time()
    while time.time() - t0 < 1.5:
        r = c.get('/courses/kursus-baru')
        if r.status == 200:
            break
        time.sleep(0.1)
    check(r.status == 200, 'new course not served within 1.5 s')
    check('Baru ' in c.get('/courses').text, 'new course not in catalogue')

@test
def progress_survives_restart(s):
    c = s.client()
    c.login(*DEMO['learner'])
    path = '/courses/%s/%s' % (COURSE, MOD1)
    r = c.post(path + '/done', {'csrf': csrf_of(c.get(path).text)})
    check(r.status == 303, 'mark done %d' % r.status)
    s.restart()
    uid = user_id(s, DEMO['learner'][0])
    check(s.sql('SELECT count(*) FROM progress WHERE user_id=? AND course=? AND module=?',
                (uid, COURSE, MOD1))[0][0] == 1, 'progress row lost')
    _clients.clear()                  # connections died with the old process
    c = s.client()
    c.login(*DEMO['learner'])
    t = c.get('/courses/' + COURSE).text
    check(re.search(r'<li class="done"><a href="/courses/%s/%s"' % (COURSE, MOD1), t), 'done mark not shown')
    check('action="%s/done"' % path not in c.get(path).text, 'still offers mark done')

# ---- language, headers, cookies -------------------------------------------

@test
def english_switch(s):
    c = s.client()
    check('Masuk' in c.get('/login').text, 'Indonesian by default')
    r = c.get('/lang/en')
    sc = set_cookie(r, 'lentera_lang') or ''
    check(r.status == 303 and sc.startswith('lentera_lang=en'), 'lang cookie: %d %r' % (r.status, sc))
    t = c.get('/login').text
    check('Log in' in t and 'lang="en"' in t, 'not English after /lang/en')
    c.login(*DEMO['learner'])
    check('Course catalogue' in c.get('/courses').text, 'catalogue not English')
    c.get('/lang/id')
    check('Katalog Pelatihan' in c.get('/courses').text, 'back to Indonesian')
    # Issue 9: Bahasa Indonesia whatever the browser says; English only by the switch.
    t = s.client().get('/login', headers={'Accept-Language': 'en-US,en;q=0.9'}).text
    check('Masuk' in t and 'lang="id"' in t, 'Accept-Language: en made the page English')
    en = s.client()
    en.get('/lang/en')
    t = en.get('/login', headers={'Accept-Language': 'id-ID,id;q=0.9'}).text
    check('Log in' in t, 'the switch loses to Accept-Language: id')
    t = s.client().get('/login', headers={'Accept-Language': 'id-ID,id;q=0.9,en;q=0.8'}).text
    check('Masuk' in t, 'Accept-Language id not Indonesian')
    check(s.client().get('/lang/xx').status == 404, '/lang/xx')

def security_headers_ok(r, what):
    csp = r.header('content-security-policy') or ''
    d = {x.strip().split(' ')[0]: x.strip() for x in csp.split(';') if x.strip()}
    if 'sandbox' in d:
        # Course assets: a sandboxed document runs no script at all and
        # has no origin; inline style (SVG style="") is harmless there.
        check(d['sandbox'] == 'sandbox' and 'script-src' not in d and 'unsafe-eval' not in csp,
              '%s: asset CSP %r' % (what, csp))
    else:
        check(csp and 'unsafe-inline' not in csp and 'unsafe-eval' not in csp, '%s: CSP %r' % (what, csp))
    check("script-src 'self'" in csp or "default-src 'none'" in csp, '%s: CSP allows scripts' % what)
    check((r.header('x-content-type-options') or '').lower() == 'nosniff', '%s: nosniff' % what)
    check((r.header('x-frame-options') or '').upper() == 'DENY', '%s: X-Frame-Options' % what)
    check(r.header('referrer-policy'), '%s: Referrer-Policy' % what)

@test
def security_headers_everywhere(s):
    a = s.client()
    c = logged_in(s, 'learner')
    cases = [(a, 'GET', '/login'), (a, 'GET', '/healthz'), (a, 'GET', '/courses'), (a, 'GET', '/nope'),
             (a, 'POST', '/login'), (a, 'GET', '/static/style.css'), (a, 'PUT', '/courses'),
             (c, 'GET', '/courses'), (c, 'GET', '/courses/' + COURSE), (c, 'GET', '/admin/users'),
             (c, 'POST', '/courses/%s/%s/done' % (COURSE, MOD1)), (c, 'GET', '/record'),
             (c, 'GET', '/courses/kursus-jahat/assets/aman.svg'), (c, 'GET', '/courses/x/y/z/w'),
             (c, 'GET', '/lang/en'), (c, 'GET', '/certificate/' + COURSE)]
    for cl, m, p in cases:
        r = cl.request(m, p, body='' if m != 'GET' else None)
        security_headers_ok(r, '%s %s (%d)' % (m, p, r.status))

@test
def session_cookie_flags_without_proxy(s):
    c = s.client()
    r = c.post('/login', {'nip': DEMO['learner'][0], 'password': PW},
               headers={'X-Forwarded-Proto': 'https', 'X-Forwarded-For': '203.0.113.9'})
    sc = set_cookie(r, SID) or ''
    check('HttpOnly' in sc and 'SameSite=Lax' in sc and 'Path=/' in sc, 'flags: %r' % sc)
    check('Secure' not in sc, 'Secure from an untrusted X-Forwarded-Proto: %r' % sc)
    check("203.0.113.9" not in ''.join(x[0] for x in s.sql('SELECT ip FROM audit')),
          'X-Forwarded-For trusted from a non-proxy peer')

@test
def secure_cookie_behind_trusted_proxy(s):
    p = Server(courses=TREE, args=['--proxy', '127.0.0.1', '--quiet']).start()
    try:
        c = AddrClient(p.port, '198.51.100.7', 'https')
        r = c.post('/login', {'nip': DEMO['admin'][0], 'password': PW})
        sc = set_cookie(r, SID) or ''
        check(r.status == 303 and 'Secure' in sc and 'HttpOnly' in sc, 'behind proxy: %r' % sc)
        check(p.sql("SELECT ip FROM audit WHERE event='login.ok'")[-1][0] == '198.51.100.7',
              'client address from X-Forwarded-For not used')
        r = AddrClient(p.port, '198.51.100.8', 'http').post('/login', {'nip': DEMO['admin'][0], 'password': PW})
        check('Secure' not in (set_cookie(r, SID) or 'Secure'), 'Secure on plain http via proxy')
    finally:
        p.stop()
        p.cleanup()

# ---- admin users page ------------------------------------------------------

def admin_post(s, path, form):
    a = logged_in(s, 'admin')
    form = dict(form)
    form['csrf'] = a.csrf('/admin/users')
    return a.post(path, form)

def audited(s, event, detail_like='%'):
    return s.sql('SELECT count(*) FROM audit WHERE event=? AND detail LIKE ?', (event, detail_like))[0][0]

@test
def admin_search(s):
    a = logged_in(s, 'admin')
    row = lambda t, nip: '<tr><td>%s</td>' % nip in t
    t = a.get('/admin/users?q=Rina').text
    check(row(t, DEMO['learner'][0]) and not row(t, DEMO['admin'][0]), 'search by name')
    t = a.get('/admin/users?q=' + DEMO['trainer'][0]).text
    check(row(t, DEMO['trainer'][0]) and not row(t, DEMO['learner'][0]), 'search by NIP')
    t = a.get('/admin/users').text
    check(all(row(t, n) for n, _ in DEMO.values()), 'empty search lists everyone')
    t = a.get('/admin/users?q=%3Cscript%3E').text
    check('<script>' not in t and 'value="&lt;script&gt;"' in t, 'search text escaped')

NEW = test_nip(10)

@test
def admin_add_validates_nip(s):
    n = s.sql('SELECT count(*) FROM users')[0][0]
    for bad in ('12345', '19900101201501200', 'x' * 18, '199013012015012010', '199001012015013010'):
        r = admin_post(s, '/admin/users', {'nip': bad, 'name': 'Salah', 'role': 'learner',
                                           'password': 'kata-sandi-baru'})
        check(r.status == 400, 'bad NIP %s: %d' % (bad, r.status))
    r = admin_post(s, '/admin/users', {'nip': NEW, 'name': 'Pegawai Baru', 'role': 'learner',
                                       'password': 'pendek'})
    check(r.status == 400, 'short password %d' % r.status)
    check(s.sql('SELECT count(*) FROM users')[0][0] == n, 'invalid user written')
    r = admin_post(s, '/admin/users', {'nip': NEW, 'name': 'Pegawai Baru', 'role': 'learner',
                                       'unit': 'BKPSDM', 'password': 'kata-sandi-baru'})
    check(r.status in (200, 201), 'add %d' % r.status)
    check(s.sql('SELECT name, role, unit FROM users WHERE nip=?', (NEW,)) == [('Pegawai Baru', 'learner', 'BKPSDM')],
          'row not as added')
    r = admin_post(s, '/admin/users', {'nip': NEW, 'name': 'Lagi', 'role': 'learner', 'password': 'kata-sandi-baru'})
    check(r.status == 409, 'duplicate NIP %d' % r.status)
    check(audited(s, 'user.add', NEW + '%') == 1, 'user.add audit')

@test
def admin_change_role(s):
    uid = user_id(s, NEW)
    r = admin_post(s, '/admin/users/%d' % uid, {'action': 'role', 'role': 'trainer'})
    check(r.status == 200, 'role %d' % r.status)
    check(s.sql('SELECT role FROM users WHERE id=?', (uid,))[0][0] == 'trainer', 'role not changed')
    check(audited(s, 'user.role', NEW + ' learner -> trainer') == 1, 'user.role audit')
    r = admin_post(s, '/admin/users/%d' % uid, {'action': 'role', 'role': 'root'})
    check(r.status == 400, 'bad role %d' % r.status)
    for bad in ('/admin/users/0', '/admin/users/99999999', '/admin/users/1x', '/admin/users/-1'):
        check(admin_post(s, bad, {'action': 'role', 'role': 'admin'}).status in (400, 404), bad)

@test
def admin_reset_password_ends_sessions(s):
    uid = user_id(s, NEW)
    u = s.client()
    u.login(NEW, 'kata-sandi-baru')
    check(u.get('/courses').status == 200, 'user logged in')
    r = admin_post(s, '/admin/users/%d' % uid, {'action': 'password', 'password': 'sandi-reset-2026'})
    check(r.status == 200, 'reset %d' % r.status)
    check(to_login(u.get('/courses')), 'old session survives reset')
    check(s.client().post('/login', {'nip': NEW, 'password': 'kata-sandi-baru'}).status == 401, 'old password works')
    u2 = s.client()
    u2.login(NEW, 'sandi-reset-2026')
    check(audited(s, 'user.password_reset', NEW) == 1, 'reset audit')
    check('sandi-reset-2026' not in ''.join(r[0] for r in s.sql('SELECT detail FROM audit')), 'password in audit')

@test
def admin_deactivate_keeps_records(s):
    uid = user_id(s, NEW)
    u = s.client()
    u.login(NEW, 'sandi-reset-2026')
    path = '/courses/%s/%s' % (COURSE, MOD1)
    check(u.post(path + '/done', {'csrf': csrf_of(u.get(path).text)}).status == 303, 'mark done')
    # Deactivating asks first: without confirm=1 nothing changes.
    r = admin_post(s, '/admin/users/%d' % uid, {'action': 'deactivate'})
    check(r.status == 200 and 'name="confirm" value="1"' in r.text, 'confirm step %d' % r.status)
    check(s.sql('SELECT active FROM users WHERE id=?', (uid,))[0][0] == 1, 'deactivated unasked')
    r = admin_post(s, '/admin/users/%d' % uid, {'action': 'deactivate', 'confirm': '1'})
    check(r.status == 200, 'deactivate %d' % r.status)
    check(to_login(u.get('/courses')), 'session survives deactivation')
    r = s.client().post('/login', {'nip': NEW, 'password': 'sandi-reset-2026'})
    check(r.status == 401 and 'NIP atau kata sandi salah' in r.text, 'deactivated login %d' % r.status)
    check(s.sql('SELECT active FROM users WHERE id=?', (uid,))[0][0] == 0, 'still active')
    check(s.sql('SELECT count(*) FROM progress WHERE user_id=?', (uid,))[0][0] == 1, 'records gone')
    check(audited(s, 'user.deactivate', NEW) == 1, 'deactivate audit')
    me = user_id(s, DEMO['admin'][0])
    check(admin_post(s, '/admin/users/%d' % me, {'action': 'deactivate', 'confirm': '1'}).status == 409,
          'admin deactivated self')

@test
def admin_audit_page_lists_events(s):
    t = logged_in(s, 'admin').get('/admin/audit').text
    # Events show their readable name; the code stays in data-event.
    for ev in ('user.add', 'user.role', 'user.password_reset', 'user.deactivate', 'login.ok', 'login.fail'):
        check(re.search(r'<td data-label="[^"]*" data-event="%s">[^<]+</td>' % re.escape(ev), t),
              'audit page lacks %s' % ev)
    check(s.sql('SELECT count(*) FROM audit')[0][0] > 5, 'audit rows')
    try:
        s.sql('DELETE FROM audit')
        check(False, 'audit rows deletable')
    except sqlite3.DatabaseError:
        pass

# ---- CLI -------------------------------------------------------------------

@test
def cli_user_add(s):
    nip = test_nip(11)
    r = s.cli('user', 'add', '--nip', nip, '--name', 'Dari CLI', '--role', 'hr', '--unit', 'BKD',
              '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 0, 'rc %d %s' % (r.returncode, r.stderr))
    check(s.sql('SELECT role, unit FROM users WHERE nip=?', (nip,)) == [('hr', 'BKD')], 'row')
    c = s.client()
    c.login(nip, 'sandi-dari-cli')
    r = s.cli('user', 'add', '--nip', nip, '--name', 'Lagi', '--role', 'hr', '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 1, 'duplicate rc %d' % r.returncode)
    r = s.cli('user', 'add', '--nip', '123', '--name', 'Salah', '--role', 'hr', '--db', s.db, stdin='sandi-dari-cli\n')
    check(r.returncode == 1 and 'NIP' in r.stderr, 'bad NIP rc %d' % r.returncode)
    r = s.cli('user', 'add', '--nip', test_nip(12), '--name', 'X', '--role', 'hr', '--password', 'argv-sandi',
              '--db', s.db, stdin='')
    check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, 'password flag: rc %d %r' % (r.returncode, r.stderr))
    r = s.cli('user', 'add', '--nip', test_nip(12), '--name', 'X', '--role', 'hr', '--db', s.db, stdin='')
    check(r.returncode == 1, 'no password on stdin rc %d' % r.returncode)
    check(s.sql('SELECT count(*) FROM users WHERE nip=?', (test_nip(12),))[0][0] == 0, 'user without password')
    r = s.cli('user', 'add', '--bogus', '--db', s.db)
    check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, 'unknown flag: rc %d %r' % (r.returncode, r.stderr))

@test
def cli_check(s):
    r = s.cli('check', 'courses')
    check(r.returncode == 0 and r.stdout.count(':') <= 1, 'courses/: rc %d %s' % (r.returncode, r.stdout))
    r = s.cli('check', 'tests/fixtures/courses-broken')
    check(r.returncode == 1, 'broken rc %d' % r.returncode)
    lines = [l for l in r.stdout.splitlines() if l.strip()]
    with open(os.path.join(FIXTURES, 'courses-broken', 'README.txt')) as f:
        want = re.findall(r'^(\S+\.md:\d+)\s', f.read(), re.M)
    check(len(want) == 5, 'README parse')
    for w in want:
        check(any(l.startswith('tests/fixtures/courses-broken/%s: ' % w) for l in lines), 'missing %s' % w)
    check(len(lines) == len(want), 'over-reporting: %r' % lines)
    r = s.cli('check', '--bogus')
    check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1, 'check --bogus rc %d' % r.returncode)

@test
def cli_help_and_unknown(s):
    r = s.cli('--help')
    check(r.returncode == 0 and 'usage' in r.stdout and 'serve' in r.stdout, '--help rc %d' % r.returncode)
    for cmd in ('serve', 'check', 'user'):
        r = s.cli(cmd, '--help')
        check(r.returncode == 0 and 'usage' in r.stdout, '%s --help rc %d' % (cmd, r.returncode))
    for args in (('--bogus',), ('serve', '--bogus'), ('serve', '--port'), ('frobnicate',)):
        r = s.cli(*args)
        check(r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1,
              '%s: rc %d %r' % (' '.join(args), r.returncode, r.stderr))
    r = s.cli('serve', '--port', '99999999')
    check(r.returncode in (1, 2), 'bad port rc %d' % r.returncode)

try:
    run(lambda: Server(courses=TREE))
finally:
    shutil.rmtree(TREE, ignore_errors=True)
