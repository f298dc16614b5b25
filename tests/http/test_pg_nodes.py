"""Two Lentera nodes on one PostgreSQL behind Debian's nginx (issue 16 item
3): a throw-away cluster (scripts/pg.sh), two `lentera serve` on one
database with one keys folder, one data folder and one course tree, and
nginx with the upstream block of docs/deploy.md (the document is what is
tested) on free loopback ports.

- A session made through nginx works on either node, writes included.
- Starts of one quiz fired at both nodes at once make one attempt, and
  every start answers 303 to it (the losing insert is a conflict the
  store resolves, never a 500).
- A certificate earned on one node verifies on the other.
- kill -9 of one node mid-load: nginx moves traffic to the other, and no
  acknowledged (303) write is lost.
- The shared course tree: a module edited in it shows on both nodes
  within the reload interval, also when the copy keeps the file's size
  and mtime (`rsync -a`, `cp -p` of a same-length fix); a module added
  appears on both, one removed goes from both.
"""
import glob, hashlib, random, signal, threading
from lib import *
from pglib import Cluster
import psycopg2

NGINX = shutil.which('nginx') or '/usr/sbin/nginx'
TREE = copy_tree(*sorted(glob.glob(os.path.join(COURSES, '*'))),
                 os.path.join(FIXTURES, 'courses-browser', 'kursus-kuis'))
QUIZ = '/quiz/kursus-kuis/quiz-final.lua'
NUSERS = 80
THREADS = 6

def upstream_conf():
    """The multi-node nginx block of docs/deploy.md: (upstream, location)."""
    doc = open(os.path.join(ROOT, 'docs', 'deploy.md')).read()
    conf = [c for c in re.findall(r'```nginx\n(.*?)```', doc, re.S) if 'upstream lentera' in c]
    check(conf, 'docs/deploy.md has no upstream lentera block')
    up = re.search(r'upstream lentera \{\n(.*?)\n\}', conf[0], re.S).group(1)
    loc = re.search(r'location / \{\n(.*?)\n    \}', conf[0], re.S).group(1)
    return up, loc

class Nginx:
    def __init__(self, ports):
        self.dir = tempfile.mkdtemp(prefix='lentera-nginx-')
        os.chmod(self.dir, 0o755)
        self.port = free_port()
        for d in ('body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'):
            os.makedirs(os.path.join(self.dir, d))
            os.chmod(os.path.join(self.dir, d), 0o777)
        up, loc = upstream_conf()
        servers = [l for l in up.split('\n') if l.strip().startswith('server ')]
        check(len(servers) == 2, 'two upstream servers in deploy.md')
        for line, port in zip(servers, ports):
            up = up.replace(line, re.sub(r'server \S+', 'server 127.0.0.1:%d' % port, line))
        d = self.dir
        conf = '''%(user)s
worker_processes 1;
pid %(d)s/nginx.pid;
error_log %(d)s/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path %(d)s/body;
    proxy_temp_path %(d)s/proxy;
    fastcgi_temp_path %(d)s/fastcgi;
    uwsgi_temp_path %(d)s/uwsgi;
    scgi_temp_path %(d)s/scgi;
    upstream lentera {
%(up)s
    }
    server {
        listen 127.0.0.1:%(port)d;
        location / {
%(loc)s
        }
    }
}
''' % {'d': d, 'port': self.port, 'up': up, 'loc': loc,
       'user': 'user nobody nogroup;' if os.geteuid() == 0 else ''}
        self.conf = os.path.join(d, 'nginx.conf')
        with open(self.conf, 'w') as f:
            f.write(conf)
        self.proc = None
    def start(self):
        self.proc = subprocess.Popen([NGINX, '-p', self.dir, '-c', self.conf, '-e',
                                      os.path.join(self.dir, 'error.log'), '-g', 'daemon off;'],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.time() + 10
        while time.time() < deadline:
            check(self.proc.poll() is None, 'nginx exited: %s' % self.proc.stderr.read().decode()[-500:])
            try:
                c = http.client.HTTPConnection('127.0.0.1', self.port, timeout=2)
                c.request('GET', '/healthz')
                if c.getresponse().status == 200:
                    return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError('nginx did not start')
    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        shutil.rmtree(self.dir, ignore_errors=True)

class Site:
    """Two nodes on one database, one keys and data folder, nginx in front."""
    def __init__(self):
        self.pg = Cluster.shared()
        self.url = self.pg.fresh_db('nodes')
        self.shared = tempfile.mkdtemp(prefix='lentera-site-')
        data = os.path.join(self.shared, 'data')
        args = ['--data', data, '--keys', os.path.join(data, 'keys'), '--proxy', '127.0.0.1']
        self.nodes = []
        for _ in range(2):
            s = Server(courses=TREE, args=args)
            # This file makes its own site (also under tests/run.sh pg,
            # whose LENTERA_TEST_PG would give each node its own keys).
            s.db, s.pg, s.args = self.url, True, list(args)
            self.nodes.append(s)
        self.nginx = None
        try:
            self.nodes[0].start()       # makes the keys; the second reads them
            self.nodes[1].start()
            self.nginx = Nginx([n.port for n in self.nodes])
            self.nginx.start()
        except Exception:
            self.stop()                 # nothing left running by a failed start
            raise
    def stop(self):
        if self.nginx:
            self.nginx.stop()
        for n in self.nodes:
            n.stop()
            n.cleanup()
        shutil.rmtree(self.shared, ignore_errors=True)
    def sql(self, q, args=()):
        return self.nodes[0].sql(q, args)

def client(port, cookies):
    c = Client(port)
    c.cookies = dict(cookies)
    return c

def session_works_across_nodes(site):
    c = Client(site.nginx.port)
    c.login(*DEMO['learner'])
    check('lentera_sid' in c.cookies, 'logged in through nginx')
    name = site.sql('SELECT name FROM users WHERE nip = ?', (DEMO['learner'][0],))[0][0]
    for n in site.nodes:
        # Without a session /record is a 303 to /login: 200 with the
        # learner's own name is the session found on this node.
        r = client(n.port, c.cookies).get('/record')
        check(r.status == 200 and name in r.text, 'node %d: /record %d' % (n.port, r.status))
    tok = csrf_of(client(site.nodes[0].port, c.cookies).get('/courses/kursus-kuis').text)
    check(tok, 'csrf on node A')
    r = client(site.nodes[1].port, c.cookies).post('/courses/kursus-kuis/01-standar-pelayanan/done',
                                                  {'csrf': tok})
    check(r.status == 303, 'node B accepts node A\'s CSRF token: %d' % r.status)
    uid = site.sql('SELECT id FROM users WHERE nip = ?', (DEMO['learner'][0],))[0][0]
    check(site.sql("SELECT count(*) FROM progress WHERE user_id = ? AND course = 'kursus-kuis'"
                   " AND module = '01-standar-pelayanan'", (uid,))[0][0] == 1,
          'node B wrote the progress row')
    r = client(site.nodes[0].port, c.cookies).post('/logout', {'csrf': tok})
    check(r.status == 303, 'logout on node A')
    r = client(site.nodes[1].port, c.cookies).get('/record')
    check(r.status in (302, 303) or 'name="password"' in r.text, 'logged out on node B too: %d' % r.status)

def concurrent_starts_make_one_attempt(site):
    c = Client(site.nginx.port)
    c.login(*DEMO['hr'])       # any role may take a course; a fresh person here
    tok = c.csrf('/courses/kursus-kuis')
    uid = site.sql('SELECT id FROM users WHERE nip = ?', (DEMO['hr'][0],))[0][0]
    go = threading.Barrier(8)
    out = []
    mu = threading.Lock()
    def start(i):
        port = site.nodes[i % 2].port
        conn = http.client.HTTPConnection('127.0.0.1', port, timeout=30)
        body = 'csrf=' + tok
        hdr = {'Cookie': 'lentera_sid=' + c.cookies['lentera_sid'],
               'Content-Type': 'application/x-www-form-urlencoded'}
        go.wait()
        conn.request('POST', QUIZ + '/start', body=body, headers=hdr)
        r = conn.getresponse()
        r.read()
        with mu:
            out.append((r.status, r.getheader('Location')))
    ts = [threading.Thread(target=start, args=(i,)) for i in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join(60)
    check(len(out) == 8 and all(st == 303 for st, _ in out), 'every start 303: %r' % out)
    check(len({loc for _, loc in out}) == 1, 'one attempt for all: %r' % out)
    n = site.sql("SELECT count(*) FROM attempts WHERE user_id = ? AND course = 'kursus-kuis'"
                 " AND quiz = 'quiz-final.lua'", (uid,))[0][0]
    check(n == 1, '%d attempts in the database' % n)

def certificate_verifies_on_either_node(site):
    a, b = site.nodes
    c = Client(a.port)
    c.login(*DEMO['learner'])
    r = c.get('/courses/kursus-kuis')
    tok = csrf_of(r.text)
    for m in ('01-standar-pelayanan', '02-pengaduan'):
        check(c.post('/courses/kursus-kuis/%s/done' % m, {'csrf': tok}).status == 303, 'done')
    # The final's answers: what test_flow answers (three right kinds are enough
    # to pass with the fixture's pass mark); read the shown paper.
    r = c.post(QUIZ + '/start', {'csrf': tok})
    check(r.status == 303, 'start')
    att = r.header('location')
    _run, lib_run = None, None
    import lib, importlib
    saved = lib.run
    lib.run = lambda *a, **k: None
    try:
        import test_flow
    finally:
        lib.run = saved
    lib._tests[:] = [t for t in lib._tests if t.__module__ != 'test_flow']
    form = test_flow.answers(c.get(att).text)
    form['csrf'] = tok
    check(c.post(att + '/submit', form).status == 303, 'submit')
    cert = c.get('/certificate/kursus-kuis')
    check(cert.status == 200, 'certificate on node A: %d' % cert.status)
    no = re.search(r'Nomor ([A-Z0-9-]+/\d{4}/\d+)', cert.text).group(1)
    code = re.search(r'/verify/[^?<]+\?code=([0-9A-Z-]+)', cert.text).group(1)
    for port in (b.port, a.port, site.nginx.port):
        v = Client(port).get('/verify/%s?code=%s&format=json' % (no, code))
        check(v.status == 200 and '"genuine":true' in v.text, 'verify on %d: %s' % (port, v.text[:200]))
    # Node B really checks: a wrong code is not genuine there.
    bad = code[:-1] + ('A' if code[-1] != 'A' else 'B')
    v = Client(b.port).get('/verify/%s?code=%s&format=json' % (no, bad))
    check('"genuine":true' not in v.text, 'a wrong code verified on node B: %s' % v.text[:200])

def modules():
    out = []
    for d in sorted(glob.glob(os.path.join(TREE, '*'))):
        if not os.path.isdir(d):
            continue  # the tree's own files (reaksi.survey)
        with open(os.path.join(d, 'course.md'), encoding='utf-8') as cm:
            if any(l.startswith('prerequisites:') and l.split(':', 1)[1].strip()
                   for l in cm.read().split('\n---')[0].splitlines()):
                continue
        for f in sorted(glob.glob(os.path.join(d, '[0-9][0-9]-*.md'))):
            out.append((os.path.basename(d), os.path.basename(f)[:-3]))
    return out

def make_users(site, n):
    """n learners with a live session each, written as an import would."""
    now = int(time.time())
    con = psycopg2.connect(site.url)
    users = []
    try:
        cur = con.cursor()
        for i in range(n):
            nip = '1992%02d%02d2017%02d1%03d' % (1 + i % 12, 1 + i % 28, 1 + i % 12, (1 + i) % 1000 or 999)
            cur.execute("INSERT INTO users (nip, name, role, account_id, created_at, updated_at)"
                        " VALUES (%s, %s, 'learner', %s, %s, %s) RETURNING id",
                        (nip, 'Node %d' % i, 'node-%d' % i, now, now))
            uid = cur.fetchone()[0]
            tok = os.urandom(32)
            csrf = os.urandom(32).hex()
            cur.execute('INSERT INTO sessions (hash, user_id, csrf, created_at, last_seen)'
                        ' VALUES (%s, %s, %s, %s, %s)',
                        (hashlib.blake2b(tok, digest_size=32).digest(), uid, csrf, now, now))
            users.append((uid, tok.hex(), csrf))
        con.commit()
    finally:
        con.close()
    return users

def kill9_one_node_loses_nothing(site):
    mods = modules()
    check(len(mods) >= 8, 'modules: %r' % mods)
    users = make_users(site, NUSERS)
    sess = {uid: (cookie, csrf) for uid, cookie, csrf in users}
    items = [(uid, course, mod) for uid in sess for course, mod in mods]
    random.Random(16).shuffle(items)
    todo, acked, odd = list(items), set(), []
    mu = threading.Lock()
    stop = time.time() + 60
    def worker():
        conn = None
        while time.time() < stop:
            with mu:
                if not todo:
                    return
                item = todo.pop()
            cookie, csrf = sess[item[0]]
            try:
                if conn is None:
                    conn = http.client.HTTPConnection('127.0.0.1', site.nginx.port, timeout=10)
                conn.request('POST', '/courses/%s/%s/done' % item[1:], body='csrf=' + csrf,
                             headers={'Cookie': 'lentera_sid=' + cookie,
                                      'Content-Type': 'application/x-www-form-urlencoded'})
                r = conn.getresponse()
                r.read()
                st = r.status
            except (OSError, http.client.HTTPException):
                conn, st = None, None
            with mu:
                if st == 303:
                    acked.add(item)
                else:
                    # Not acknowledged (nginx 502 for a request in flight at
                    # the kill): its outcome proves nothing; send it again.
                    todo.append(item)
                    if st not in (None, 502, 504):
                        odd.append((item, st))
    ts = [threading.Thread(target=worker, daemon=True) for _ in range(THREADS)]
    for t in ts:
        t.start()
    while len(acked) < len(items) // 3 and time.time() < stop:
        time.sleep(0.005)
    with mu:
        mid = bool(todo)
    victim = site.nodes[0]
    victim.kill9()
    for t in ts:
        t.join(70)
    check(mid, 'the kill landed after all the work was done')
    check(not todo, '%d writes never acknowledged (nginx did not move traffic?)' % len(todo))
    check(not odd, 'answers other than 303/502: %r' % odd[:5])
    rows = set(site.sql('SELECT user_id, course, module FROM progress'))
    lost = acked - rows
    check(not lost, '%d acknowledged writes lost, e.g. %r' % (len(lost), sorted(lost)[:3]))
    check(len(acked) == len(items), 'acked %d of %d' % (len(acked), len(items)))
    victim.start()
    r = Client(site.nginx.port).get('/healthz')
    check(r.status == 200, 'site healthy after the node came back')
    print('# nodes: %d writes acknowledged, node %d killed at a third, none lost'
          % (len(acked), victim.port))

RELOAD_WAIT = 10   # seconds: the reload interval is 1 s, the machine is shared

def shows_on_both(site, cookies, path, want, gone=False):
    """Each node (its own port) serves path with want in it (or without,
    gone) within RELOAD_WAIT; the seconds each took."""
    took = []
    for n in site.nodes:
        c = client(n.port, cookies)
        t0 = time.time()
        while True:
            r = c.get(path)
            ok = r.status == 200 and ((want in r.text) != gone)
            if ok or time.time() - t0 > RELOAD_WAIT:
                break
            time.sleep(0.1)
        check(ok, 'node %d: %s %s %r after %.0f s (%d)' % (n.port, path, 'still has' if gone else
              'lacks', want, RELOAD_WAIT, r.status))
        took.append(time.time() - t0)
    return took

def course_edit_shows_on_both_nodes(site):
    c = Client(site.nginx.port)
    c.login(*DEMO['learner'])
    course = 'etika-integritas-asn'
    f = os.path.join(TREE, course, '01-nilai-dasar-berakhlak.md')
    page = '/courses/%s/01-nilai-dasar-berakhlak' % course
    text = open(f, encoding='utf-8').read()
    shows_on_both(site, c.cookies, page, 'Nilai Dasar')
    # An edit (size and mtime change), as a trainer saves it.
    with open(f, 'w', encoding='utf-8') as out:
        out.write(text + '\nPGOPS-EDIT-AAAA: catatan baru.\n')
    t1 = shows_on_both(site, c.cookies, page, 'PGOPS-EDIT-AAAA')
    # Both nodes past their next tree scan (at most one a second, at a
    # request): each has reloaded the tree as it is now.
    for _ in range(2):
        time.sleep(1.2)
        for n in site.nodes:
            check(client(n.port, c.cookies).get(page).status == 200, 'page')
    # A same-length fix copied in with its mtime kept (rsync -a, cp -p):
    # only the inode change time tells.
    st = os.stat(f)
    time.sleep(0.05)
    with open(f, 'w', encoding='utf-8') as out:
        out.write(text + '\nPGOPS-EDIT-BBBB: catatan baru.\n')
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))
    check(os.stat(f).st_size == st.st_size and os.stat(f).st_mtime_ns == st.st_mtime_ns,
          'same size and mtime')
    t2 = shows_on_both(site, c.cookies, page, 'PGOPS-EDIT-BBBB')
    # A module added, then removed, in the shared tree.
    new = os.path.join(TREE, course, '09-pgops-modul-baru.md')
    with open(new, 'w', encoding='utf-8') as out:
        out.write('---\ntitle: Modul Baru PGOPS\nminutes: 5\n---\nIsi modul baru.\n')
    t3 = shows_on_both(site, c.cookies, '/courses/' + course, 'Modul Baru PGOPS')
    os.unlink(new)
    t4 = shows_on_both(site, c.cookies, '/courses/' + course, 'Modul Baru PGOPS', gone=True)
    with open(f, 'w', encoding='utf-8') as out:
        out.write(text)
    print('# course tree: edit %.1f/%.1f s, same size+mtime %.1f/%.1f s, added %.1f/%.1f s,'
          ' removed %.1f/%.1f s (node A/B)' % tuple(t1 + t2 + t3 + t4))

TESTS = [session_works_across_nodes, concurrent_starts_make_one_attempt,
         certificate_verifies_on_either_node, kill9_one_node_loses_nothing,
         course_edit_shows_on_both_nodes]

def main():
    name = 'test_pg_nodes'
    try:
        site = Site()
    except Exception as e:
        print('FAIL %s: site start: %s' % (name, str(e)[:800].replace('\n', ' ')))
        return 1
    failed = 0
    try:
        for fn in TESTS:
            label = '%s.%s' % (name, fn.__name__)
            try:
                fn(site)
                print('PASS ' + label, flush=True)
            except Exception as e:
                failed += 1
                tb = traceback.extract_tb(e.__traceback__)
                where = ('line %d' % tb[-1].lineno) if tb else ''
                print('FAIL %s: %s %s' % (label, str(e)[:500].replace('\n', ' '), where), flush=True)
            for n in site.nodes:
                if n.proc is None or n.proc.poll() is not None:
                    n.start()
    finally:
        site.stop()
    return 1 if failed else 0

if __name__ == '__main__':
    sys.exit(main())
