"""More requests at once than the database pool holds (HTTP_DB_POOL 16;
PostgreSQL's cap is 32): every one is answered and the server stays up.
With the pool cut to 16 the free list was still sized by the SQLite cap,
and a PostgreSQL server returning its 17th connection wrote past it and
crashed (tests/run.sh pg runs this file on PostgreSQL)."""
import threading
from lib import *

THREADS, EACH = 48, 15

@test
def more_requests_than_connections(s):
    nip, pw = DEMO['learner']
    c = s.client()
    c.login(nip, pw)
    cookies = dict(c.cookies)
    codes, lock = [], threading.Lock()
    def worker():
        k = s.client()
        k.cookies = dict(cookies)
        got = []
        for _ in range(EACH):
            try:
                got.append(k.get('/courses').status)
            except OSError as e:
                got.append(str(e))
        with lock:
            codes.extend(got)
    ts = [threading.Thread(target=worker) for _ in range(THREADS)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    bad = [x for x in codes if x != 200]
    check(not bad, '%d of %d not 200: %r' % (len(bad), len(codes), bad[:5]))
    check(s.proc.poll() is None, 'server died: ' + s.logtext()[-1000:])
    check(s.client().get('/healthz').status == 200, 'no answer afterwards')

run()
