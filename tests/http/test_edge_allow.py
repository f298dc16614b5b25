"""Issue 9 item 15: a 405 answer's Allow header lists the methods that
path really has (from route.c's table; HEAD wherever GET is), and the
methods it lists are then not refused with 405."""
from lib import *

CASES = {
    '/healthz': ('PUT', 'GET, HEAD'),
    '/login': ('DELETE', 'GET, HEAD, POST'),
    '/logout': ('GET', 'POST'),
    '/courses/pelayanan-publik-prima/01-dasar-hukum-dan-standar/done': ('GET', 'POST'),
    '/attempt/1/submit': ('PUT', 'POST'),
    '/admin/users': ('PATCH', 'GET, HEAD, POST'),
    '/api/v1/completions': ('POST', 'GET, HEAD'),
    '/setup': ('PUT', 'GET, HEAD, POST'),
}

@test
def allow_lists_real_methods(s):
    c = s.client()
    for path, (bad, allow) in CASES.items():
        r = c.request(bad, path, body='' if bad != 'GET' else None)
        check(r.status == 405, '%s %s: %d' % (bad, path, r.status))
        check(r.header('allow') == allow, '%s %s: Allow %r, want %r' % (bad, path, r.header('allow'), allow))
        for m in allow.split(', '):
            r = c.request(m, path, body='' if m == 'POST' else None)
            check(r.status != 405, '%s %s listed in Allow but answered 405' % (m, path))

@test
def unknown_path_is_404_without_allow(s):
    r = s.client().request('PUT', '/tidak-ada-sama-sekali', body='')
    check(r.status == 404 and r.header('allow') is None, 'PUT unknown: %d %r' % (r.status, r.header('allow')))

run()
