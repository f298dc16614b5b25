#!/usr/bin/env python3
"""Two Lentera nodes on one database (two processes: no shared in-process
lock) and one learner starting the same quiz on both at the same instant:
every request is answered with the one attempt (303 to it), never a 500,
and the database holds one attempt. The same contract a PostgreSQL
backend with several nodes must keep (docs/store.md: a lost insert race
is STORE_CONFLICT and resumes the winner's attempt)."""
import re, threading
from lib import *

QUIZ_TREE = os.path.join(FIXTURES, 'courses-quiz')
FINAL = '/quiz/kuis-uji/quiz-final.lua'
PER_NODE = 8


def second_node(s):
    b = Server(courses=QUIZ_TREE, tmp=s.tmp)
    b.start()
    return b


def learner(s, n):
    nip = '199001012015011%03d' % n
    p = s.cli('user', 'add', '--nip', nip, '--name', 'Peserta %d' % n,
              '--role', 'learner', '--db', s.db, stdin=PW + '\n')
    check(p.returncode == 0, 'user add: ' + p.stderr)
    c = s.client()
    c.login(nip, PW)
    uid = s.sql('SELECT id FROM users WHERE nip = ?', (nip,))[0][0]
    return c, uid


def herd(nodes, cookies, csrf):
    """PER_NODE clients per node POST start together; (status, location)."""
    gate = threading.Barrier(PER_NODE * len(nodes))
    out, lock = [], threading.Lock()

    def one(port):
        c = Client(port)
        c.cookies = dict(cookies)
        c.get('/healthz')               # connect before the gate
        gate.wait()
        try:
            r = c.post(FINAL + '/start', {'csrf': csrf})
            res = (r.status, r.header('location') or '')
        except Exception as e:          # a dropped answer is a failure too
            res = (0, str(e))
        with lock:
            out.append(res)
        c.close()

    ts = [threading.Thread(target=one, args=(n.port,))
          for n in nodes for _ in range(PER_NODE)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    return out


@test
def concurrent_starts_on_two_nodes_resume_one_attempt(s):
    b = second_node(s)
    try:
        for n in (101, 102, 103):
            c, uid = learner(s, n)
            csrf = c.csrf(FINAL)
            check(csrf, 'the quiz page has a CSRF token')
            # The session is in the database: node B knows it too.
            cb = Client(b.port)
            cb.cookies = dict(c.cookies)
            check(cb.get(FINAL).status == 200, 'the session works on node B')
            got = herd([s, b], c.cookies, csrf)
            bad = [g for g in got if g[0] != 303]
            check(not bad, 'every start answered 303, got %s' % bad[:4])
            where = {g[1] for g in got}
            check(len(where) == 1 and re.fullmatch(r'/attempt/\d+', where.pop()),
                  'every start goes to one attempt: %s' % sorted({g[1] for g in got}))
            rows = s.sql('SELECT count(*) FROM attempts WHERE user_id = ?'
                         ' AND quiz = ?', (uid, 'quiz-final.lua'))[0][0]
            check(rows == 1, 'the database holds one attempt, not %d' % rows)
        check('500' not in ' '.join(re.findall(r'POST \S+/start (\d+)',
                                               s.logtext())),
              'no start answered 500 in the access logs')
    finally:
        b.stop()


run(lambda: Server(courses=QUIZ_TREE))
