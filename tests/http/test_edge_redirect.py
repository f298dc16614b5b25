"""Issue 8 C.8: no open redirect. Every `next` target (GET /lang/*,
GET /login for a logged-in user, POST /login, the hidden field of the
login form) is judged the way a browser resolves the Location: leading
blanks stripped, TAB/CR/LF dropped anywhere, '\\' read as '/'. Whatever
the target, the browser must stay on this site, and no target may add a
header line. Legitimate local targets survive unchanged."""
import html
from lib import *

SITE = 'lentera.example.go.id'
EVIL = [
    '/\t/evil.example', '/\n/evil.example', '/\r/evil.example', '/\t\t/evil.example',
    '//evil.example', '///evil.example', '/\\evil.example', '\\/evil.example', '\\\\evil.example',
    '/\\/evil.example', ' //evil.example', '\t//evil.example', '\x0b//evil.example',
    'https://evil.example', 'http:evil.example', 'HTTPS:/\\evil.example', 'javascript:alert(1)',
    'data:text/html,x', '//evil.example/%2F..', '/%09/evil.example', '%2F%2Fevil.example',
    '/\u3000/evil.example', '\uff0f\uff0fevil.example', '/\u2028/evil.example',
    'https://%s@evil.example' % SITE, '//%s@evil.example' % SITE, '/@evil.example\\@x',
    '/\r\nSet-Cookie: injected=1', '/\r\nLocation: //evil.example', '/x\nX-Evil: 1',
    '/' + 'a' * 5000,
]
GOOD = ['/record', '/courses/pelayanan-publik-prima/01-dasar-hukum-dan-standar',
        '/courses?q=a%20b&x=1', '/hr?year=2026', '/@user', '/%2F/x']
_n = [0]

def browser(loc):
    """Where a browser on https://SITE/courses goes for this Location."""
    s = loc.strip(''.join(chr(i) for i in range(0x21)))
    s = s.replace('\t', '').replace('\n', '').replace('\r', '').replace('\\', '/')
    u = urllib.parse.urlsplit(urllib.parse.urljoin('https://%s/courses' % SITE, s))
    return u.scheme, u.hostname

def http_local(v):
    return v.startswith('/') and v[1:2] not in ('/', '\\') and all(0x20 < ord(ch) < 0x7f for ch in v)

def stays(r, what):
    loc = r.header('location')
    check(loc is not None, '%s: no Location (%d)' % (what, r.status))
    check(browser(loc) == ('https', SITE), '%s -> %r leaves the site' % (what, loc))
    check(loc.startswith('/') and not loc.startswith('//'), '%s -> %r' % (what, loc))
    for k, v in r.headers.items():
        check('evil' not in k and 'injected' not in k and 'injected' not in v, '%s injected %s: %s' % (what, k, v))
    check(not any('injected' in c for c in r.cookies), '%s injected a cookie' % what)
    return loc

def client(s):
    _n[0] += 1
    return AddrClient(s.port, '198.51.100.%d' % _n[0])

def q(v):
    return urllib.parse.quote(v, safe='')

@test
def lang_next_anonymous(s):
    c = client(s)
    for n in EVIL:
        for to in ('en', 'id'):
            r = c.get('/lang/%s?next=%s' % (to, q(n)))
            check(r.status == 303, 'lang %r: %d' % (n, r.status))
            stays(r, 'GET /lang/%s next=%r' % (to, n))
    for n in GOOD:
        r = c.get('/lang/en?next=' + q(n))
        check(r.header('location') == n, 'good target %r -> %r' % (n, r.header('location')))

@test
def login_get_next_logged_in(s):
    c = client(s)
    c.login(*DEMO['learner'])
    for n in EVIL:
        r = c.get('/login?next=' + q(n))
        check(r.status == 303, 'GET /login next=%r: %d' % (n, r.status))
        stays(r, 'GET /login next=%r' % n)
    for n in GOOD:
        check(c.get('/login?next=' + q(n)).header('location') == n, 'good target %r' % n)

@test
def login_post_next(s):
    for n in EVIL[:12] + EVIL[-5:]:
        c = client(s)
        r = c.post('/login', {'nip': DEMO['learner'][0], 'password': PW, 'next': n})
        check(r.status == 303, 'POST /login next=%r: %d' % (n, r.status))
        stays(r, 'POST /login next=%r' % n)
    c = client(s)
    r = c.post('/login', {'nip': DEMO['learner'][0], 'password': PW, 'next': GOOD[2]})
    check(r.header('location') == GOOD[2], 'good POST target -> %r' % r.header('location'))

@test
def login_form_hidden_next(s):
    # The form carries next on to the POST: it must already be clean there.
    c = client(s)
    for n in EVIL:
        r = c.get('/login?next=' + q(n))
        check(r.status == 200, 'login page next=%r: %d' % (n, r.status))
        m = re.search(r'name="next" value="([^"]*)"', r.text)
        check(m, 'no next field')
        v = html.unescape(m.group(1))
        check(browser(v) == ('https', SITE) and http_local(v), 'hidden next=%r for %r' % (v, n))

@test
def anonymous_redirect_keeps_path(s):
    # The other direction: a protected page sends the anonymous visitor to
    # /login?next=<that path>, encoded so it cannot break out either.
    for path in ('/record', '/courses/%09x', '/courses/%0d%0aX-Evil:%201'):
        r = client(s).get(path)
        if r.status != 303:
            continue
        loc = stays(r, 'GET %s' % path)
        check(loc.startswith('/login?next=%2F'), 'login redirect %r' % loc)

run(lambda: Server(args=['--proxy', '127.0.0.1']))
