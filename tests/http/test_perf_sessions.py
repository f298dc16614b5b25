"""Session cache (web/sesscache.h): a page costs no session+user join, yet a
revoked session or a changed user is seen on the very next request, whoever
made the change: this server (logout), another process on the same database
(the CLI, an operator, another node: here sqlite3 from the test). Each check
warms the cache with a few requests first, so a cache that trusted its
entries would fail it."""
import re
from lib import *

def logged_in(s, role):
    c = s.client()
    c.login(*DEMO[role])
    for _ in range(3):		# warm: the lookups now come from the cache
        r = c.get('/courses')
        check(r.status == 200, 'warm-up: %d' % r.status)
    return c

def to_login(r):
    return r.status == 303 and (r.header('location') or '').startswith('/login')

def same_cookie(s, c):
    o = s.client()
    o.cookies = dict(c.cookies)
    return o

@test
def logout_ends_the_cached_session_at_once(s):
    c = logged_in(s, 'learner')
    old = same_cookie(s, c)
    r = c.post('/logout', {'csrf': c.csrf()})
    check(r.status == 303, 'logout: %d' % r.status)
    r = old.get('/courses')
    check(to_login(r), 'old cookie after logout: %d %r' % (r.status, r.header('location')))

@test
def session_deleted_by_another_process(s):
    c = logged_in(s, 'learner')
    s.sql('DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE nip = ?)',
          (DEMO['learner'][0],))
    r = c.get('/courses')
    check(to_login(r), 'session row gone, page still served: %d' % r.status)

@test
def deactivation_by_another_process(s):
    c = logged_in(s, 'trainer')
    s.sql('UPDATE users SET active = 0 WHERE nip = ?', (DEMO['trainer'][0],))
    try:
        r = c.get('/courses')
        check(to_login(r), 'deactivated user still served: %d' % r.status)
    finally:
        s.sql('UPDATE users SET active = 1 WHERE nip = ?', (DEMO['trainer'][0],))

@test
def role_change_is_seen_at_once(s):
    c = logged_in(s, 'hr')
    check(c.get('/hr').status == 200, 'hr page before')
    s.sql("UPDATE users SET role = 'learner' WHERE nip = ?", (DEMO['hr'][0],))
    try:
        r = c.get('/hr')
        check(r.status == 403, 'demoted user still reaches /hr: %d' % r.status)
    finally:
        s.sql("UPDATE users SET role = 'hr' WHERE nip = ?", (DEMO['hr'][0],))
    check(c.get('/hr').status == 200, 'hr page after the role came back')

@test
def user_details_are_never_stale(s):
    c = logged_in(s, 'admin')
    s.sql("UPDATE users SET name = 'Nama Baru Sekali' WHERE nip = ?", (DEMO['admin'][0],))
    r = c.get('/courses')
    check('Nama Baru Sekali' in r.text, 'page shows the cached name')

@test
def csrf_still_required_on_cached_sessions(s):
    c = logged_in(s, 'learner')
    r = c.post('/courses/pelayanan-publik-prima/01-dasar-hukum-dan-standar/done', {'csrf': '0' * 64})
    check(r.status == 403, 'wrong csrf accepted: %d' % r.status)

@test
def epoch_rises_with_revocations(s):
    (n0,), = s.sql('SELECT n FROM cache_epoch WHERE id = 1')
    c = logged_in(s, 'learner')
    c.post('/logout', {'csrf': c.csrf()})
    (n1,), = s.sql('SELECT n FROM cache_epoch WHERE id = 1')
    check(n1 > n0, 'logout did not raise the epoch: %d -> %d' % (n0, n1))

# The per-request and periodic session queries, as store.c and
# store_perf.c prepare them: none may scan a whole table.
HOT = [
    ('epoch', 'SELECT n FROM cache_epoch WHERE id = 1', ()),
    ('session user', 'SELECT u.id, s.csrf FROM sessions s JOIN users u'
     ' ON u.id = s.user_id WHERE s.hash = ?', (b'x' * 32,)),
    ('progress bit', 'SELECT 1 FROM progress WHERE user_id = ?1 AND course = ?2'
     ' AND module = ?3', (1, 'c', 'm')),
    ('session purge', 'DELETE FROM sessions WHERE last_seen < ? OR created_at < ?', (0, 0)),
    ('sessions of a user', 'DELETE FROM sessions WHERE user_id = ?', (1,)),
]

@test
def hot_session_queries_use_indexes(s):
    for name, q, args in HOT:
        if s.pg:
            # PostgreSQL scans a small table whatever its indexes: with
            # sequential scans off, a plan still shows one only where no
            # index serves the query.
            plan = ' | '.join(r[0] for r in s.sql('SET enable_seqscan = off; EXPLAIN '
                                                  + re.sub(r'\?\d+', '?', q), args))
            check('Seq Scan' not in plan, '%s scans: %s' % (name, plan))
            continue
        plan = ' | '.join(r[3] for r in s.sql('EXPLAIN QUERY PLAN ' + q, args))
        check('SCAN' not in plan.replace('SCAN CONSTANT ROW', ''),
              '%s scans: %s' % (name, plan))

run()
