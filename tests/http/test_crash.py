"""Crash safety (issue 5 section 3, with module progress until quizzes
land): client threads mark modules done for many distinct users; the
server is SIGKILLed mid-load and restarted, at three points. Every POST
that was answered 303 must be in the progress table, progress and
completions must agree (one transaction), PRAGMA integrity_check ok.

Users and their sessions are written straight into the real database
(as an operator's import would): Argon2 logins for hundreds of users
would cost seconds, and the session format is simple to reproduce:
the cookie is 32 random bytes in hex, the row holds their BLAKE2b-256.
Two users also log in for real, so both paths are covered."""
import glob, hashlib, random, threading
from lib import *

TREE = copy_tree(*sorted(glob.glob(os.path.join(COURSES, '*'))),
                 os.path.join(FIXTURES, 'courses-broken', 'kursus-baik'))
NUSERS = 60            # x 10 modules: each POST is an fsync (synchronous=FULL)
THREADS = 6
KILLS = 3
BUDGET = 20.0          # seconds for the whole test

def modules():
    out = []
    for d in sorted(glob.glob(os.path.join(TREE, '*'))):
        for f in sorted(glob.glob(os.path.join(d, '[0-9][0-9]-*.md'))):
            out.append((os.path.basename(d), os.path.basename(f)[:-3]))
    return out

def make_users(s):
    """NUSERS learners with a live session each: [(user_id, cookie, csrf)]."""
    now = int(time.time())
    con = sqlite3.connect(s.db, timeout=10)
    users = []
    try:
        for i in range(NUSERS):
            nip = '1991%02d%02d2016%02d1%03d' % (1 + i % 12, 1 + i % 28, 1 + i % 12, 1 + i)
            cur = con.execute("INSERT INTO users (nip, name, role, account_id, created_at, updated_at)"
                              " VALUES (?, ?, 'learner', ?, ?, ?)",
                              (nip, 'Beban %d' % i, 'crash-%d' % i, now, now))
            tok = os.urandom(32)
            csrf = os.urandom(32).hex()
            con.execute('INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen) VALUES (?,?,?,?,?)',
                        (hashlib.blake2b(tok, digest_size=32).digest(), cur.lastrowid, csrf, now, now))
            users.append((cur.lastrowid, tok.hex(), csrf))
        con.commit()
    finally:
        con.close()
    return users

class Load:
    """Work items (user, course, module) pulled by client threads."""
    def __init__(self, items):
        self.todo = list(items)
        self.acked = set()
        self.mu = threading.Lock()
        self.errors = []
    def take(self):
        with self.mu:
            return self.todo.pop() if self.todo else None
    def give_back(self, item):
        with self.mu:
            self.todo.append(item)
    def worker(self, port, sessions):
        conns = {}
        while True:
            item = self.take()
            if item is None:
                return
            uid, course, mod = item
            cookie, csrf = sessions[uid]
            c = conns.get(uid % 4)
            try:
                if c is None:
                    c = conns[uid % 4] = http.client.HTTPConnection('127.0.0.1', port, timeout=5)
                body = 'csrf=' + csrf
                c.request('POST', '/courses/%s/%s/done' % (course, mod), body=body, headers={
                    'Cookie': 'lentera_sid=' + cookie,
                    'Content-Type': 'application/x-www-form-urlencoded'})
                r = c.getresponse()
                r.read()
                if r.status == 303:
                    with self.mu:
                        self.acked.add(item)
                else:
                    with self.mu:
                        self.errors.append((item, r.status))
            except (OSError, http.client.HTTPException):
                # No answer: the outcome is unknown, so it proves nothing;
                # do it again after the restart.
                self.give_back(item)
                return

@test
def sigkill_mid_load_loses_nothing(s):
    t_start = time.time()
    mods = modules()
    check(len(mods) >= 8, 'modules: %r' % mods)
    users = make_users(s)
    sessions = {uid: (cookie, csrf) for uid, cookie, csrf in users}
    # Two real logins join the load.
    for role in ('learner', 'trainer'):
        c = s.client()
        c.login(*DEMO[role])
        uid = s.sql('SELECT id FROM users WHERE nip=?', (DEMO[role][0],))[0][0]
        sessions[uid] = (c.cookies['lentera_sid'], c.csrf())
    items = [(uid, course, mod) for uid in sessions for course, mod in mods]
    random.Random(5).shuffle(items)
    load = Load(items)
    kills = 0
    for phase in range(KILLS + 1):
        threads = [threading.Thread(target=load.worker, args=(s.port, sessions), daemon=True)
                   for _ in range(THREADS)]
        for t in threads:
            t.start()
        if phase < KILLS:
            # Kill once a slice of this phase's work is acknowledged.
            target = len(load.acked) + len(items) // (KILLS + 2)
            while len(load.acked) < target and load.todo and time.time() - t_start < BUDGET / 2:
                time.sleep(0.005)
            mid = bool(load.todo)
            s.kill9()
            kills += mid
        t_join = time.time()
        for t in threads:
            t.join(timeout=10)
        t_up = time.time()
        if phase < KILLS:
            s.start()
        print('# phase %d: acked %d, join %.2f s, restart %.2f s' % (
            phase, len(load.acked), t_up - t_join, time.time() - t_up), flush=True)
    check(kills == KILLS, 'only %d of %d kills landed mid-load' % (kills, KILLS))
    check(not load.todo, '%d items never answered' % len(load.todo))
    check(not load.errors, 'non-303 answers: %r' % load.errors[:5])
    rows = set(s.sql('SELECT user_id, course, module FROM progress'))
    lost = load.acked - rows
    check(not lost, '%d acknowledged marks lost, e.g. %r' % (len(lost), sorted(lost)[:3]))
    check(len(load.acked) == len(items), 'acked %d of %d' % (len(load.acked), len(items)))
    check(s.sql('PRAGMA integrity_check') == [('ok',)], 'integrity_check')
    check(s.sql('PRAGMA foreign_key_check') == [], 'foreign_key_check')
    # kursus-baik (one module, no quiz): progress and completion commit
    # together, so each exists exactly when the other does.
    p = set(r[0] for r in s.sql("SELECT user_id FROM progress WHERE course='kursus-baik'"))
    c = s.sql("SELECT user_id, count(*) FROM completions WHERE course='kursus-baik' GROUP BY user_id")
    check(p == set(r[0] for r in c) and all(r[1] == 1 for r in c), 'progress/completion disagree')
    check(time.time() - t_start < BUDGET, 'took %.1f s' % (time.time() - t_start))
    print('# crash: %d POSTs acknowledged over %d SIGKILLs in %.1f s' %
          (len(load.acked), KILLS, time.time() - t_start))

try:
    run(lambda: Server(courses=TREE, args=['--quiet']))
finally:
    shutil.rmtree(TREE, ignore_errors=True)
