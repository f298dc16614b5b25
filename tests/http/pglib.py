"""PostgreSQL for the HTTP suites: a throw-away cluster (scripts/pg.sh:
initdb + pg_ctl in a temp folder, loopback, an unprivileged owner) and
psql to read and write it as an operator would. A cluster that cannot
start is a failure of the test that needs it, never a skip.

    from pglib import Cluster
    pg = Cluster().start()          # or Cluster.shared(): one per process
    url = pg.fresh_db()             # postgres://.../t_3, empty
    pg.psql(url, 'SELECT count(*) FROM users')  -> [['4']]
    pg.stop()
"""
import atexit, os, subprocess, threading

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
PGSH = os.path.join(ROOT, 'scripts', 'pg.sh')

class Cluster:
    _shared = None
    def __init__(self):
        self.dir = None
        self.url = None
        self.n = 0
        self.lock = threading.Lock()
    def start(self):
        r = subprocess.run(['sh', PGSH, 'start'], capture_output=True, text=True,
                           timeout=180, cwd=ROOT)
        if r.returncode != 0:
            raise RuntimeError('scripts/pg.sh start: ' + (r.stderr or r.stdout)[-1500:])
        for line in r.stdout.splitlines():
            k, _, v = line.partition('=')
            if k == 'PGDIR':
                self.dir = v
            elif k == 'PGURL':
                self.url = v
        if not self.url:
            raise RuntimeError('scripts/pg.sh start printed no URL: ' + r.stdout)
        return self
    def stop(self):
        if self.dir:
            subprocess.run(['sh', PGSH, 'stop', self.dir], capture_output=True,
                           timeout=120, cwd=ROOT)
            self.dir = None
    @classmethod
    def shared(cls):
        """One cluster for the whole test process, stopped at exit."""
        if cls._shared is None:
            cls._shared = cls().start()
            atexit.register(cls._shared.stop)
        return cls._shared
    def db_url(self, name):
        return self.url.rsplit('/', 1)[0] + '/' + name
    def fresh_db(self, prefix='t'):
        """A new, empty database of this cluster: its URL."""
        with self.lock:
            self.n += 1
            name = '%s_%d_%d' % (prefix, os.getpid(), self.n)
        self.psql(self.url, 'CREATE DATABASE "%s"' % name)
        return self.db_url(name)
    def psql(self, url, sql):
        """Rows of the last statement of sql, each a list of text values
        (NULL as None)."""
        r = subprocess.run(['psql', '-X', '-q', '-A', '-t', '-F', '\x1f', '-P',
                            'null=\x1e', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', sql],
                           capture_output=True, text=True, timeout=120)
        if r.returncode != 0:
            raise RuntimeError('psql: %s: %s' % (sql[:200], r.stderr[-800:]))
        rows = []
        for line in r.stdout.splitlines():
            rows.append([None if v == '\x1e' else v for v in line.split('\x1f')])
        return rows
