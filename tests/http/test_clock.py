"""The test clock: `lentera serve --test-clock` makes the server's clock
follow LENTERA_TEST_NOW (here "@FILE", read on every request), so tests
move time (session expiry, next: deadlines, follow-ups months later)
instead of editing rows. Without the flag the variable is ignored. The
session-expiry checks moved here from test_foundation, which edited the
sessions table."""
import subprocess
from lib import *

ARGS = use_test_clock()		# LENTERA_TEST_NOW=@FILE, see lib.py
clock = set_clock
IDLE, MAX = 2 * 3600, 12 * 3600		# http.h HTTP_SESSION_IDLE / _MAX

def sessions(s, nip):
    return s.sql('SELECT sessions.created_at, last_seen FROM sessions JOIN users'
                 ' ON users.id = sessions.user_id WHERE nip = ?', (nip,))

def to_login(r):
    return r.status == 303 and (r.header('location') or '').startswith('/login')

def fresh_login(s, role):
    s.sql('DELETE FROM sessions WHERE user_id = (SELECT id FROM users'
          ' WHERE nip = ?)', (DEMO[role][0],))
    c = s.client()
    c.login(*DEMO[role])
    return c

@test
def warns_loudly(s):
    check('WARNING: --test-clock' in s.logtext(), 'no warning in the log: %r'
          % s.logtext()[-500:])

@test
def clock_stands_still_or_shifts(s):
    clock('1900000000')
    fresh_login(s, 'hr')
    rows = sessions(s, DEMO['hr'][0])
    check(rows == [(1900000000, 1900000000)], 'stopped clock: %r' % rows)
    clock('+86400')
    fresh_login(s, 'hr')
    at = sessions(s, DEMO['hr'][0])[0][0]
    check(abs(at - (time.time() + 86400)) < 30, 'shifted clock: %d' % at)
    clock('+0')

@test
def session_idle_expiry(s):
    clock('+0')
    c = fresh_login(s, 'trainer')
    # Used again just inside the idle limit: it lives on, and slides.
    clock('+%d' % (IDLE - 100))
    check(c.get('/courses').status == 200, 'session ended before the idle limit')
    clock('+%d' % (2 * IDLE - 200))
    check(c.get('/courses').status == 200, 'idle limit does not slide with use')
    clock('+%d' % (3 * IDLE - 200 + 1))
    r = c.get('/courses')
    check(to_login(r), 'idle session still works: %d %s' % (r.status, r.header('location')))
    check(sessions(s, DEMO['trainer'][0]) == [], 'expired session row removed')
    clock('+0')

@test
def session_absolute_expiry(s):
    clock('+0')
    c = fresh_login(s, 'trainer')
    # Used every 7000 s (never idle): it still ends 12 h after login.
    t = 0
    while t + 7000 < MAX:
        t += 7000
        clock('+%d' % t)
        check(c.get('/courses').status == 200, 'ended at +%d, before 12 h' % t)
    clock('+%d' % (MAX + 60))
    r = c.get('/courses')
    check(to_login(r), 'session older than 12 h still works: %d' % r.status)
    check(sessions(s, DEMO['trainer'][0]) == [], 'expired session row removed')
    clock('+0')

@test
def ignored_without_the_flag(s):
    clock('+86400')
    p = Server().start()
    try:
        c = p.client()
        c.login(*DEMO['hr'])
        at = p.sql('SELECT max(created_at) FROM sessions')[0][0]
        check(abs(at - time.time()) < 30, 'LENTERA_TEST_NOW honoured without'
              ' --test-clock: %d' % at)
        check('test-clock' not in p.logtext(), 'warning without the flag')
    finally:
        p.stop()
        p.cleanup()
        clock('+0')

@test
def malformed_value_refused(s):
    for bad in ('soon', '12abc', '+', '@'):
        r = subprocess.run([BIN, 'serve', '--test-clock', '--port', '1',
                            '--db', os.path.join(s.tmp, 'x.db')],
                           env=dict(os.environ, LENTERA_TEST_NOW=bad),
                           capture_output=True, text=True, timeout=30)
        check(r.returncode == 2 and 'LENTERA_TEST_NOW' in r.stderr,
              '%r: exit %d %r' % (bad, r.returncode, r.stderr[-300:]))

run(lambda: Server(args=ARGS))
